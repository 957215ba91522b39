"""The pytest plugin: a ``charter_invariants`` fixture for an app's own charters.

Registered through the ``pytest11`` entry point, so installing governance_rules is
enough (``-p governance_rules.testing.plugin`` loads it by hand)::

    def test_my_charter(charter_invariants):
        charter_invariants.check("rulesets/my.yaml")

Two options set the fixture's defaults for a whole session, so that CI can draw
more sequences, or replay a reported failure, without editing a test::

    pytest --charter-examples 200 --charter-seed 7

The library is imported when the fixture is first used, not when pytest starts: the
plugin is loaded in every pytest session of an environment that has the package.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from governance_rules._charter import Charter
    from governance_rules.testing.check import CheckReport
    from governance_rules.testing.violations import Invariant

__all__ = ["CharterInvariants", "charter_invariants", "pytest_addoption", "pytest_configure"]

_LIMITS = {"examples": 100_000, "seed": 2**32 - 1}  # as govrules check --examples, --seed


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--charter-examples`` and ``--charter-seed``: the fixture's defaults."""
    group = parser.getgroup("governance_rules", "charter invariants (governance_rules)")
    group.addoption(
        "--charter-examples",
        type=int,
        default=None,
        metavar="N",
        help="command sequences per workflow kind for charter_invariants (default 10)",
    )
    group.addoption(
        "--charter-seed",
        type=int,
        default=None,
        metavar="S",
        help="the seed of charter_invariants' draws (default 0)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Refuse an option out of range before any test runs."""
    for name, high in _LIMITS.items():
        value = config.getoption(f"charter_{name}", default=None)
        if value is not None and not 0 <= value <= high:
            raise pytest.UsageError(
                f"--charter-{name}: out of range (got {value}); allowed: a whole number "
                f"from 0 to {high:,}"
            )


class CharterInvariants:
    """Checks charters against the kit's invariants and the app's own.

    Args:
        examples: Command sequences per workflow kind for the engine-run invariants.
        seed: The seed of the draws (the same seed, the same sequences).
    """

    def __init__(self, examples: int = 10, seed: int = 0) -> None:
        from governance_rules.testing.arguments import (  # noqa: PLC0415 - see module
            MAX_EXAMPLES,
            MAX_SEED,
            whole,
        )

        whole("CharterInvariants(examples)", examples, 0, MAX_EXAMPLES)
        whole("CharterInvariants(seed)", seed, 0, MAX_SEED)
        self.examples = examples
        self.seed = seed
        self.extra: list[Invariant] = []

    def add(self, invariant: Invariant) -> Invariant:
        """Check ``invariant`` too (a function of a charter returning violations).

        Returns the function, so that ``add`` can decorate it.

        Raises:
            GovernanceRulesError: ``invariant`` is not a function.
        """
        if not callable(invariant):
            from governance_rules.errors import GovernanceRulesError  # noqa: PLC0415 - see module

            raise GovernanceRulesError(
                "not an invariant",
                where="add",
                got=invariant,
                allowed="a function of a charter returning a list of Violation",
            )
        self.extra.append(invariant)
        return invariant

    def report(
        self, charter: Charter | str, *, examples: int | None = None, seed: int | None = None
    ) -> CheckReport:
        """Every violation of ``charter`` (an id, a file path or a :class:`Charter`)."""
        from governance_rules.testing.check import check_charter  # noqa: PLC0415 - see module

        return check_charter(
            charter,
            examples=self.examples if examples is None else examples,
            seed=self.seed if seed is None else seed,
            extra=self.extra,
        )

    def check(
        self,
        charter: Charter | str,
        *,
        examples: int | None = None,
        seed: int | None = None,
        allow: Iterable[str] = (),
    ) -> CheckReport:
        """Fail the test with every violation of ``charter``, except invariants in ``allow``.

        The message ends with the call that reproduces it: the same examples and seed
        draw the same command sequences.

        Raises:
            AssertionError: Listing each violation with its rules and example.
            GovernanceRulesError: ``allow`` is a single string or anything else than a
                list of names, or names no invariant of the kit or of :meth:`add` (a
                typo would otherwise allow nothing, silently).
        """
        from governance_rules.errors import GovernanceRulesError  # noqa: PLC0415 - see module

        if isinstance(allow, str):
            raise GovernanceRulesError(
                "allow takes a list of invariant names, not one string",
                where="allow",
                got=allow,
                allowed=f"allow=[{allow!r}]",
            )
        names = (
            list(allow) if isinstance(allow, Iterable) and not isinstance(allow, bytes) else None
        )
        if names is None or not all(isinstance(name, str) for name in names):
            raise GovernanceRulesError(
                "allow takes a list of invariant names",
                where="allow",
                got=allow if names is None else names,
                allowed="a list of invariant names, such as ['roles_held_by_members'], "
                "or [] to allow none",
            )
        from governance_rules.testing.check import (  # noqa: PLC0415 - see module
            DYNAMIC,
            EXHAUSTIVE,
            STATIC,
        )

        allowed = set(names)
        known = [*(i.__name__ for i in (*STATIC, *EXHAUSTIVE)), *DYNAMIC]
        known += [getattr(i, "__name__", repr(i)) for i in self.extra]
        unknown = sorted(allowed - set(known))
        if unknown:
            raise GovernanceRulesError(
                "allow names no invariant of the kit or of this app",
                where="allow",
                got=", ".join(unknown),
                allowed=", ".join(known),
            )
        report = self.report(charter, examples=examples, seed=seed)
        broken = [v for v in report.violations if v.invariant not in allowed]
        if broken:
            lines = [f"{report.charter}: {len(broken)} charter invariant violation(s)"]
            lines += [str(v) for v in broken]
            name = repr(charter) if isinstance(charter, str) else "charter"
            lines.append(
                f"reproduce: charter_invariants.report({name}, examples={report.examples}, "
                f"seed={report.seed})"
            )
            raise AssertionError("\n".join(lines))
        return report


@pytest.fixture
def charter_invariants(request: pytest.FixtureRequest) -> CharterInvariants:
    """A :class:`CharterInvariants` with 10 examples per workflow kind and seed 0, or what
    ``--charter-examples`` and ``--charter-seed`` say."""
    examples = request.config.getoption("charter_examples", default=None)
    seed = request.config.getoption("charter_seed", default=None)
    return CharterInvariants(
        examples=10 if examples is None else examples, seed=0 if seed is None else seed
    )
