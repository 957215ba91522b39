"""Regressions found by using the kit as a charter's developer and a regulator would.

Each test failed before its fix: an impossible quorum passed the check, an unreachable
ladder level named no rule, violations carried no citation, the kit's arguments hung
or raised foreign exceptions, ``allow`` took a typo silently, and a dynamic
counterexample could not be replayed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest

from governance_rules import load_charter
from governance_rules._workflows import meetings
from governance_rules._workflows.core import Timer
from governance_rules.cli import main
from governance_rules.errors import GovernanceRulesError
from governance_rules.testing import (
    Run,
    Step,
    check_charter,
    decision_rules_are_monotone,
    engine_and_calendar_agree_on_conveners,
    every_state_is_reachable,
    explore,
    rotation_is_fair,
    windows_have_working_days,
    windows_hold_the_cadence,
)
from governance_rules.testing import strategies as st
from governance_rules.testing.plugin import CharterInvariants
from governance_rules.testing.search import search
from tests.testing.mutants import mutant

ROOT = Path(__file__).resolve().parents[2]
SOURCE = {"doc": "yx", "article": "local rule 2", "summary": "a local rule"}


def _quorum(fraction: str, inclusive: bool) -> Any:
    def edit(data: dict[str, Any]) -> None:
        data["meetings"]["regular"]["quorum"] = {
            "present": {"fraction": fraction, "inclusive": inclusive},
            "source": SOURCE,
        }

    return mutant("yangxin-2022", edit)


def _cannot_pass(charter: Any) -> list[Any]:
    report = check_charter(charter, examples=0)
    return [v for v in report.violations if v.invariant == "decision_rules_can_pass"]


def test_a_quorum_of_more_than_all_members_is_caught() -> None:
    found = _cannot_pass(_quorum("1/1", inclusive=False))
    assert [v.rules for v in found] == [("meetings.regular.quorum",)]
    assert "cannot be met" in found[0].explanation
    assert found[0].counterexample == ("all present, a share of 1: > 1 not met",)
    assert check_charter(_quorum("1/1", inclusive=True), examples=0).ok


def test_a_threshold_of_more_than_all_votes_is_caught() -> None:
    def edit(data: dict[str, Any]) -> None:
        data["meetings"]["regular"]["decision"] = {
            "kind": "majority_of_votes_cast",
            "threshold": {"fraction": "1/1", "inclusive": False},
            "source": SOURCE,
        }

    found = _cannot_pass(mutant("yangxin-2022", edit))
    assert [v.rules for v in found] == [("meetings.regular.decision",)]
    assert found[0].counterexample[0].startswith("ballot: ")
    assert "needs > 1: not met" in found[0].counterexample[-1]


def _unreachable_level(data: dict[str, Any]) -> None:
    first = data["issues"]["routine"]["ladder"][0]
    first["escalate_on"] = ["deadline_breach"]
    first["deadlines"] = {"reply": "unspecified"}


def test_an_unreachable_ladder_level_names_its_rules_once() -> None:
    found = every_state_is_reachable(mutant("yangxin-2022", _unreachable_level))
    assert len(found) == 1  # was one violation per state of the level, none with a rule
    assert found[0].rules == ("issues.routine.ladder[0].escalate_on", "issues.routine.ladder[1]")
    assert "level 0 escalates on: deadline_breach; its deadlines: reply: unspecified" in (
        found[0].counterexample
    )
    assert found[0].counterexample[-1].startswith("no deadline of that level has a time")


def test_a_reports_violations_cite_their_rules() -> None:
    report = check_charter(_quorum("1/1", inclusive=False), examples=0)
    (violation,) = report.violations
    assert violation.citations == (
        "meetings.regular.quorum: 《社区居民委员会、业主委员会、物业服务企业“三方联动”机制"
        "(四项制度)细则》local rule 2",
    )
    assert "    cited: meetings.regular.quorum: 《" in str(violation)
    assert violation.to_dict()["citations"] == list(violation.citations)


def test_a_charters_text_cannot_forge_a_line_of_a_failure(tmp_path: Path) -> None:
    # YAML's double quotes let a local file's article hold a newline, an ANSI escape and
    # a bidirectional mark: the failure shows them escaped, each part on its own line
    (tmp_path / "forged.yaml").write_text(
        "id: forged\n"
        "title: {zh: 伪造, en: Forged}\n"
        "jurisdiction: {zh: 示例, en: Example}\n"
        "extends: yangxin-2022\n"
        "meetings:\n"
        "  regular:\n"
        "    quorum:\n"
        "      present: {fraction: 1, inclusive: false}\n"
        '      source: {doc: yx, article: "rule 2\\e[2J\\u202e\\nall checks passed",\n'
        "               summary: more than all members must attend}\n",
        encoding="utf-8",
    )
    with pytest.raises(AssertionError) as info:
        CharterInvariants(examples=0).check(str(tmp_path / "forged.yaml"))
    lines = str(info.value).splitlines()
    assert lines[2].endswith("rule 2\\x1b[2J\\u202e\\x0aall checks passed")
    assert not any(line.startswith("all checks passed") for line in lines)
    assert not any(c in str(info.value) for c in "\x1b\u202e")
    (violation,) = check_charter(str(tmp_path / "forged.yaml"), examples=0).violations
    assert violation.citations[0].endswith("rule 2\x1b[2J\u202e\nall checks passed")


def test_the_cli_reports_a_local_charter_that_breaks_an_invariant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "strict.yaml"
    path.write_text(
        "id: strict\ntitle: {zh: 严格, en: Strict}\njurisdiction: {zh: 示例, en: Example}\n"
        "extends: yangxin-2022\nmeetings:\n  regular:\n    quorum:\n"
        "      present: {fraction: 1, inclusive: false}\n"
        "      source: {doc: yx, article: local rule 2, summary: more than all attend}\n",
        encoding="utf-8",
    )
    assert main(["check", str(path), "--examples", "0", "--format", "json"]) == 1
    (report,) = json.loads(capsys.readouterr().out)
    (violation,) = report["violations"]
    assert violation["invariant"] == "decision_rules_can_pass"
    assert violation["rules"] == ["meetings.regular.quorum"]
    assert violation["citations"][0].endswith("local rule 2")


def test_the_docs_shell_example_prints_what_it_shows(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
    charter = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    shown = text.split("$ govrules check strict-quorum.yaml --examples 0\n", 1)[1]
    (tmp_path / "strict-quorum.yaml").write_text(charter, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "governance_rules.cli", "check", "strict-quorum.yaml",
         "--examples", "0"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path, check=False,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert shown.startswith(done.stdout), done.stdout


YANGXIN = load_charter("yangxin-2022")
BAD_ARGUMENTS = {
    "dates reversed": lambda: st.dates(2026, 2025),
    "dates past year 9999": lambda: st.dates(2026, 10_000),
    "dates huge": lambda: st.dates(2026, 10**20),
    "periods negative": lambda: st.periods(-1),
    "periods huge": lambda: st.periods(10**20),
    "ballots huge seats": lambda: st.ballots({"residents_committee": 10**9}),
    "ballots no seats": lambda: st.ballots({}),
    "ballots max_seats 0": lambda: st.ballots(max_seats=0),
    "owners_ballots 0": lambda: st.owners_ballots(0),
    "owners_ballots huge": lambda: st.owners_ballots(10**9),
    "steps unknown kind": lambda: st.steps("bogus"),
    "command_sequences unknown kind": lambda: st.command_sequences("bogus"),
    "command_sequences negative": lambda: st.command_sequences("issue", max_size=-1),
    "command_sequences huge": lambda: st.command_sequences("issue", max_size=10**9),
    "charters one string": lambda: st.charters("yangxin-2022"),  # type: ignore[arg-type]
    "charters empty": lambda: st.charters(()),
    "charters unknown": lambda: st.charters(("nonesuch-2099",)),
    "check seed text": lambda: check_charter(YANGXIN, examples=0, seed="abc"),  # type: ignore[arg-type]
    "check seed negative": lambda: check_charter(YANGXIN, examples=0, seed=-1),
    "check seed huge": lambda: check_charter(YANGXIN, examples=0, seed=10**100),
    "check a number": lambda: check_charter(5, examples=0),  # type: ignore[arg-type]
    "years huge": lambda: windows_have_working_days(YANGXIN, years=(10**6,)),
    "years text": lambda: windows_have_working_days(YANGXIN, years=("2026",)),  # type: ignore[arg-type]
    "cadence years": lambda: windows_hold_the_cadence(YANGXIN, years=(9999,)),
    "rotation years": lambda: rotation_is_fair(YANGXIN, years=(9999,)),
    "convener years": lambda: engine_and_calendar_agree_on_conveners(YANGXIN, years=(9999,)),
    "monotone samples negative": lambda: decision_rules_are_monotone(YANGXIN, samples=-1),
    "monotone samples huge": lambda: decision_rules_are_monotone(YANGXIN, samples=10**12),
    "explore unknown kind": lambda: explore(YANGXIN, "bogus"),
    "search unknown kind": lambda: search(YANGXIN, "bogus", examples=1),
    "search examples negative": lambda: search(YANGXIN, "issue", examples=-1),
    "search steps negative": lambda: search(YANGXIN, "issue", examples=1, max_steps=-1),
    "step unknown action": lambda: Step("fly"),
    "step unknown kind": lambda: Step("start", "bogus"),
    "step huge wait": lambda: Step("advance", days=10**9),
    "step negative pick": lambda: Step("command", pick=-1),
}


@pytest.mark.parametrize("name", sorted(BAD_ARGUMENTS))
def test_a_bad_argument_is_refused_up_front(name: str) -> None:
    with pytest.raises(GovernanceRulesError) as info:
        BAD_ARGUMENTS[name]()
    assert "allowed: " in str(info.value) or "known: " in str(info.value)


def test_a_run_that_waits_past_year_9999_raises_a_library_error() -> None:
    def wait_ten_years_at_a_time(run: Run) -> None:
        for _ in range(3000):  # 3000 * 3660 days from 2026 pass the year 9999
            run.apply(Step("advance", days=3660))

    with pytest.raises(GovernanceRulesError, match=r"Run\.day: the run has waited past"):
        wait_ten_years_at_a_time(Run(YANGXIN))


@pytest.mark.parametrize(
    "allow", ["roles_held_by_members", ["roles_held_by_member"], [3], None, 5, b"x"]
)
def test_allow_refuses_a_string_or_a_typo(allow: Any) -> None:
    with pytest.raises(GovernanceRulesError, match="allow: "):
        CharterInvariants(examples=0).check("rc-half-yearly", allow=allow)
    assert (
        CharterInvariants(examples=0)
        .check("rc-half-yearly", allow=["roles_held_by_members"])
        .violations
    )


def test_a_failure_says_how_to_reproduce_it() -> None:
    with pytest.raises(AssertionError) as info:
        CharterInvariants(examples=0, seed=7).check("rc-half-yearly")
    last = str(info.value).splitlines()[-1]
    assert last == "reproduce: charter_invariants.report('rc-half-yearly', examples=0, seed=7)"


def test_a_shrunk_sequence_replays(monkeypatch: pytest.MonkeyPatch) -> None:
    real = meetings.timer

    def anonymous(*args: Any, **kw: Any) -> Timer | None:
        found = real(*args, **kw)
        return None if found is None else Timer(found.due, found.trigger, found.args,
                                                found.rule, found.explanation, ())  # fmt: skip

    monkeypatch.setattr(meetings, "timer", anonymous)
    charter = load_charter("oc-convened-quarterly")
    (violation,) = search(charter, "meeting", examples=30, seed=0)
    replay = violation.counterexample[-1]
    assert replay.startswith("replay: for step in [Step('start', kind='meeting')")
    run = Run(charter)
    exec(replay.removeprefix("replay: "), {"Step": Step, "run": run})
    assert [v.invariant for v in run.finish()] == [violation.invariant]
    assert repr(Step("command", pick=2, valid=False)) == "Step('command', pick=2, valid=False)"


def _pytest(tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_app.py").write_text(
        "def test_defaults(charter_invariants):\n"
        "    assert (charter_invariants.examples, charter_invariants.seed) == (3, 7)\n",
        encoding="utf-8",
    )
    installed = any(
        ep.value == "governance_rules.testing.plugin" for ep in entry_points(group="pytest11")
    )
    plugin = [] if installed else ["-p", "governance_rules.testing.plugin"]
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *plugin, *options,
         str(tmp_path / "test_app.py")],
        capture_output=True, text=True, timeout=300, cwd=tmp_path, check=False,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip


def test_the_plugin_options_set_the_fixtures_defaults(tmp_path: Path) -> None:
    done = _pytest(tmp_path, "--charter-examples", "3", "--charter-seed", "7")
    assert done.returncode == 0, done.stdout + done.stderr
    huge = _pytest(tmp_path, "--charter-examples", str(10**20))
    assert huge.returncode == 4, huge.stdout + huge.stderr  # pytest's usage error
    assert "--charter-examples: out of range (got 100000000000000000000)" in huge.stderr
    with pytest.raises(GovernanceRulesError, match="CharterInvariants"):
        CharterInvariants(examples=-1)


def test_a_period_past_the_calendar_is_a_violation_not_an_error() -> None:
    def edit(data: dict[str, Any]) -> None:
        data["meetings"]["regular"]["notice"]["lead"] = "99999 days"

    report = check_charter(mutant("yangxin-2022", edit), examples=0)  # was: DateOutOfRangeError
    found = {v.invariant: v for v in report.violations}
    violation = found["deadlines_stay_in_the_calendar"]
    assert violation.rules == ("meetings.regular.notice.lead",)
    assert violation.counterexample[0].startswith(
        "counted from 2025-01-01: period: the period ends outside the calendar's data "
        "(99999 days from 2025-01-01)"
    )
    assert found["notice_due_by_the_first_working_day"].explanation.startswith(
        "cannot be checked on this charter: "
    )


def test_the_reports_before_a_charter_that_does_not_load_are_printed(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "governance_rules.cli", "check", "yangxin-2022",
         str(tmp_path), "--examples", "0"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path, check=False,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout.startswith("yangxin-2022: ok (15 invariants, 0 examples, seed 0)")
    assert done.stderr.count("\n") == 1  # one line, no traceback
    assert "a directory, not a file; allowed: a regular file" in done.stderr


def test_dates_favour_a_local_calendars_own_closures() -> None:
    from datetime import date  # noqa: PLC0415

    from governance_rules import WorkingCalendar  # noqa: PLC0415
    from governance_rules._calendar import CalendarOverrides  # noqa: PLC0415
    from governance_rules.testing.strategies import _season_days  # noqa: PLC0415

    typhoon = date(2026, 7, 15)
    local = WorkingCalendar.china(overrides=CalendarOverrides(closures={typhoon: "typhoon"}))
    assert typhoon not in _season_days(WorkingCalendar.china(), 2025, 2026)
    # was: the national seasons, cached by years alone, and local closures left out
    assert typhoon in _season_days(local, 2025, 2026)


def test_allow_takes_a_dynamic_invariant_when_no_runs_are_drawn() -> None:
    report = CharterInvariants(examples=0).check("yangxin-2022", allow=["replay_equals_live"])
    assert report.ok
