"""The pytest plugin as an app uses it: a fixture, the app's own invariants, a failing report."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from governance_rules import Charter, GovernanceRulesError
from governance_rules.testing import Violation, check_charter
from governance_rules.testing.plugin import CharterInvariants

ROOT = Path(__file__).resolve().parents[2]


def test_the_entry_point_names_the_plugin() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["entry-points"]["pytest11"] == {
        "governance_rules": "governance_rules.testing.plugin"
    }
    assert project["optional-dependencies"]["testing"] == ["hypothesis>=6.100"]


def test_an_apps_own_invariant_is_checked(charter_invariants: CharterInvariants) -> None:
    @charter_invariants.add
    def at_most_three_meeting_kinds(charter: Charter) -> list[Violation]:
        if len(charter.meetings) <= 3:
            return []
        return [Violation("at_most_three_meeting_kinds", f"{len(charter.meetings)} kinds")]

    assert charter_invariants.check("model-charter-rc", examples=0).ok
    with pytest.raises(AssertionError) as info:
        charter_invariants.check("pm-liaison-bimonthly", examples=0)
    assert "pm-liaison-bimonthly: 1 charter invariant violation(s)" in str(info.value)
    assert "at_most_three_meeting_kinds: 4 kinds" in str(info.value)
    report = charter_invariants.check(
        "pm-liaison-bimonthly", examples=0, allow=["at_most_three_meeting_kinds"]
    )
    assert "at_most_three_meeting_kinds" in report.checked


def test_the_plugin_loads_in_a_fresh_pytest(tmp_path: Path) -> None:
    (tmp_path / "test_app.py").write_text(
        "def test_mine(charter_invariants):\n"
        "    charter_invariants.check('yangxin-2022', examples=1)\n"
        "def test_broken(charter_invariants):\n"
        "    charter_invariants.check('rc-half-yearly', examples=0)\n",
        encoding="utf-8",
    )
    # installed, the entry point loads the plugin; a source tree run names it
    installed = any(
        ep.value == "governance_rules.testing.plugin" for ep in entry_points(group="pytest11")
    )
    plugin = [] if installed else ["-p", "governance_rules.testing.plugin"]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *plugin,
         str(tmp_path / "test_app.py")],
        capture_output=True, text=True, timeout=300, cwd=tmp_path, check=False,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 failed, 1 passed" in done.stdout
    assert "roles_held_by_members: the party_liaison role" in done.stdout


def test_an_invariant_that_is_not_a_function_is_refused_when_added() -> None:
    """It used to be kept, and the check to stop later on ``'int' object is not callable``."""
    with pytest.raises(GovernanceRulesError, match=r"add: not an invariant \(got 5\)"):
        CharterInvariants(examples=0).add(5)  # type: ignore[arg-type]
    with pytest.raises(GovernanceRulesError, match="extra: not a list of invariants"):
        check_charter("yangxin-2022", examples=0, extra=lambda charter: [])  # type: ignore[arg-type]
    with pytest.raises(GovernanceRulesError, match=r"extra\[0\]: not an invariant"):
        check_charter("yangxin-2022", examples=0, extra=["roles_held_by_members"])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("returned", "got"),
    [
        (None, "got None"),
        (5, "got 5"),
        (Violation("mine", "one"), "got 'a Violation, not a list of them'"),
        (["a text"], "got 'a list holding a str'"),
    ],
)
def test_an_invariant_returning_something_else_is_named(returned: object, got: str) -> None:
    """An app's invariant that returns no list of violations is named, with what it gave,
    rather than failing deep inside the check (``'int' object is not iterable``)."""
    charter_invariants = CharterInvariants(examples=0)

    @charter_invariants.add
    def mine(charter: Charter) -> list[Violation]:
        return returned  # type: ignore[return-value]

    with pytest.raises(GovernanceRulesError) as info:
        charter_invariants.check("yangxin-2022")
    assert str(info.value).startswith("invariant mine: returned something other than violations")
    assert got in str(info.value)
    assert "allowed: a list of Violation" in str(info.value)


def test_an_invariant_may_return_any_iterable_of_violations() -> None:
    def mine(charter: Charter) -> list[Violation]:
        return (Violation("mine", f"kind {k}") for k in ("a", "b"))  # type: ignore[return-value]

    report = check_charter("yangxin-2022", examples=0, extra=[mine])
    assert [v.explanation for v in report.violations] == ["kind a", "kind b"]
