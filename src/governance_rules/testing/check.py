"""Run every invariant on a charter: static, exhaustive, engine and hypothesis-driven.

>>> report = check_charter("yangxin-2022", examples=0)
>>> report.ok, len(report.checked) > 10
(True, True)
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter import Charter
from governance_rules._charter.labels import label_of
from governance_rules._compare.comparison import load_spec
from governance_rules._workflows import KINDS
from governance_rules.errors import GovernanceRulesError
from governance_rules.testing.arguments import MAX_EXAMPLES, MAX_SEED, whole
from governance_rules.testing.deadlines import deadlines_stay_in_the_calendar
from governance_rules.testing.exploration import (
    every_command_has_an_issuer,
    every_item_can_end,
    every_state_is_reachable,
    in_use,
    ladder_levels_can_be_left,
)
from governance_rules.testing.monotone import decision_rules_are_monotone, decision_rules_can_pass
from governance_rules.testing.runs import engine_and_calendar_agree_on_conveners
from governance_rules.testing.static import (
    ladders_end_at_their_terminal_body,
    minutes_due_on_a_working_day_after_the_meeting,
    notice_due_by_the_first_working_day,
    roles_held_by_members,
    rotation_is_fair,
    windows_have_working_days,
    windows_hold_the_cadence,
)
from governance_rules.testing.violations import Invariant, Violation, cited

__all__ = ["DYNAMIC", "EXHAUSTIVE", "STATIC", "CheckReport", "check_charter"]


STATIC: tuple[Invariant, ...] = (
    deadlines_stay_in_the_calendar,
    windows_have_working_days,
    windows_hold_the_cadence,
    notice_due_by_the_first_working_day,
    minutes_due_on_a_working_day_after_the_meeting,
    rotation_is_fair,
    ladders_end_at_their_terminal_body,
    roles_held_by_members,
    decision_rules_are_monotone,
    decision_rules_can_pass,
    engine_and_calendar_agree_on_conveners,
)
"""Invariants of the charter on the calendar (and one planning run of the engine)."""

EXHAUSTIVE: tuple[Invariant, ...] = (
    every_state_is_reachable,
    every_item_can_end,
    ladder_levels_can_be_left,
    every_command_has_an_issuer,
)
"""Invariants checked by breadth-first search over each compiled machine."""

DYNAMIC: tuple[str, ...] = (
    "refused_command_changes_nothing",
    "only_library_errors",
    "engine_decision_equals_decide",
    "every_deadline_has_a_responsible_body",
    "open_rules_are_not_enforced",
    "replay_equals_live",
)
"""Invariants of engine runs, checked on hypothesis-drawn command sequences."""


@dataclass(frozen=True)
class CheckReport:
    """What :func:`check_charter` found for one charter."""

    charter: str
    violations: tuple[Violation, ...]
    checked: tuple[str, ...]
    """The names of the invariants checked."""
    examples: int = 0
    seed: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True if no invariant is violated."""
        return not self.violations

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "charter": self.charter,
            "ok": self.ok,
            "examples": self.examples,
            "seed": self.seed,
            "checked": list(self.checked),
            "violations": [v.to_dict() for v in self.violations],
            "notes": list(self.notes),
        }


def check_charter(
    charter: Charter | str,
    *,
    examples: int = 25,
    seed: int = 0,
    calendar: WorkingCalendar | None = None,
    extra: Sequence[Invariant] = (),
) -> CheckReport:
    """Check ``charter`` against every invariant of the kit, and ``extra`` ones.

    Args:
        charter: A charter, or a charter id or file path (as ``load_charter`` takes),
            or ``id@point=reading`` for a charter under one of its competing readings.
        examples: Command sequences hypothesis draws per workflow kind for the dynamic
            invariants; 0 skips them (and the need for hypothesis).
        seed: The seed of the draws.
        calendar: The working-day calendar (default: the national one).
        extra: More invariants (functions of a charter returning violations).

    Raises:
        GovernanceRulesError: ``examples`` is not 0 and hypothesis is not installed,
            ``examples`` or ``seed`` is not a whole number in range, ``charter`` is
            neither a charter nor a string, ``extra`` is not a list of functions, or
            one of them returns something other than violations; a charter that does
            not load raises its own error.
    """
    whole("examples", examples, 0, MAX_EXAMPLES, what="the number of examples is out of range")
    whole("seed", seed, 0, MAX_SEED, what="the seed is out of range")
    extras = _invariants(extra)
    if not isinstance(charter, (Charter, str)):
        raise GovernanceRulesError(
            "not a charter",
            where="charter",
            got=type(charter).__name__,
            allowed="a Charter, a charter id or a path to a YAML file",
        )
    loaded = load_spec(charter) if isinstance(charter, str) else charter
    violations: list[Violation] = []
    checked: list[str] = []
    for invariant in (*STATIC, *EXHAUSTIVE):
        checked.append(invariant.__name__)
        violations += _contained(invariant, loaded, calendar)
    for invariant in extras:
        checked.append(getattr(invariant, "__name__", repr(invariant)))
        violations += _returned(invariant, invariant(loaded))
    notes: list[str] = []
    if examples:
        try:
            from governance_rules.testing.search import search  # noqa: PLC0415 - optional
        except ImportError as exc:
            raise GovernanceRulesError(
                "the hypothesis-driven invariants need hypothesis",
                where="examples",
                got=examples,
                allowed="pip install governance-rules[testing], or 0 examples",
            ) from exc
        checked += DYNAMIC
        for kind in KINDS:
            if in_use(loaded, kind):
                violations += search(loaded, kind, examples=examples, seed=seed, calendar=calendar)
    else:
        notes.append("engine runs not sampled (0 examples)")
    unique: dict[tuple[str, str], Violation] = {}
    for v in violations:
        unique.setdefault((v.invariant, v.explanation), cited(loaded, v))
    return CheckReport(
        label_of(loaded), tuple(unique.values()), tuple(checked), examples, seed, tuple(notes)
    )


def _invariants(extra: object) -> tuple[Invariant, ...]:
    """``extra`` as a tuple of invariants (functions), else a clear error.

    Raises:
        GovernanceRulesError: ``extra`` is one function rather than a list of them, or
            is not a list, or holds something that is not a function.
    """
    if callable(extra) or isinstance(extra, str) or not isinstance(extra, Iterable):
        raise GovernanceRulesError(
            "not a list of invariants",
            where="extra",
            got=getattr(extra, "__name__", extra),
            allowed="a list of functions of a charter returning violations, such as [mine]",
        )
    found = tuple(extra)
    for index, invariant in enumerate(found):
        if not callable(invariant):
            raise GovernanceRulesError(
                "not an invariant",
                where=f"extra[{index}]",
                got=invariant,
                allowed="a function of a charter returning a list of Violation",
            )
    return found


def _returned(invariant: Invariant, result: object) -> list[Violation]:
    """What an app's ``invariant`` returned, checked to be violations."""
    name = getattr(invariant, "__name__", repr(invariant))
    got: object = result
    if isinstance(result, Violation):
        got = "a Violation, not a list of them"
    elif isinstance(result, Iterable) and not isinstance(result, str | bytes | Mapping):
        found = list(result)
        odd = next((v for v in found if not isinstance(v, Violation)), None)
        if odd is None:
            return found
        got = f"a {type(result).__name__} holding a {type(odd).__name__}"
    raise GovernanceRulesError(
        "returned something other than violations",
        where=f"invariant {name}",
        got=got,
        allowed="a list of Violation (empty if the invariant holds)",
    )


def _contained(
    invariant: Invariant, charter: Charter, calendar: WorkingCalendar | None
) -> list[Violation]:
    """The violations of ``invariant``; a library error it stops with is one of them (a
    charter that cannot be counted on the calendar, say), so the other invariants still run."""
    try:
        if calendar is None:
            return invariant(charter)
        return _with_calendar(invariant, charter, calendar)
    except GovernanceRulesError as exc:
        return [Violation(invariant.__name__, f"cannot be checked on this charter: {exc}")]


def _with_calendar(
    invariant: Invariant, charter: Charter, calendar: WorkingCalendar
) -> list[Violation]:
    if "calendar" in inspect.signature(invariant).parameters:
        return invariant(charter, calendar=calendar)  # type: ignore[call-arg]
    return invariant(charter)
