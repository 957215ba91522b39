"""The engine-run invariants hold under bundled charters and catch a broken engine."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from governance_rules import CommandRefused, load_charter
from governance_rules._workflows import meeting_rules, meetings
from governance_rules._workflows.core import Timer
from governance_rules.testing import Run, Step, engine_and_calendar_agree_on_conveners
from governance_rules.testing.runs import resolve_rule
from governance_rules.testing.search import search

MEETING = [
    Step("start", "meeting"),
    Step("command", trigger="sign_notice"),  # the convener signs it (yangxin (一) 第四条)
    Step("command", trigger="issue_notice"),
    Step("command", trigger="set_agenda"),
    Step("command", trigger="hold"),  # on the meeting day
    Step("command", trigger="record_decision"),
]


def _run(charter: str, steps: list[Step]) -> Run:
    run = Run(load_charter(charter))
    for step in steps:
        run.apply(step)
    return run


def _names(run: Run) -> set[str]:
    return {v.invariant for v in run.finish()}


def test_a_careful_meeting_reaches_a_decision() -> None:
    run = _run("yangxin-2022", MEETING)
    assert run.finish() == []
    assert "record_decision" in run.trace[-1], run.trace
    assert run.trace[-1].endswith("regular.held"), run.trace


def test_a_refusal_that_changes_something_is_caught() -> None:
    run = Run(load_charter("yangxin-2022"))
    run.apply(Step("start", "issue"))
    real = run.engine.command

    def careless(stream_id: str, trigger: str, *args: Any, **kw: Any) -> Any:
        instance = run.engine.get(stream_id)
        object.__setattr__(instance, "version", instance.version + 1)  # a careless engine
        raise CommandRefused("refused after all", where=stream_id, got=trigger)

    run.engine.command = careless  # type: ignore[method-assign]
    run.apply(Step("command"))
    run.engine.command = real  # type: ignore[method-assign]
    found = [v for v in run.violations if v.invariant == "refused_command_changes_nothing"]
    assert len(found) == 1
    assert (
        found[0]
        .counterexample[-1]
        .endswith("refused (CommandRefused: issue-1: refused after all (got 'triage'))")
    )


def test_a_foreign_exception_is_caught() -> None:
    run = Run(load_charter("yangxin-2022"))

    def boom(*args: Any, **kw: Any) -> Any:
        raise ValueError("boom")

    run.engine.report_issue = boom  # type: ignore[method-assign]
    run.apply(Step("start", "issue"))
    assert [v.invariant for v in run.violations] == ["only_library_errors"]


def test_a_live_state_that_differs_from_its_replay_is_caught() -> None:
    run = _run("yangxin-2022", [Step("start", "issue")])
    object.__setattr__(run.engine.get("issue-1"), "state", "closed")  # a faulty engine
    found = run.finish()
    assert [v.invariant for v in found] == ["replay_equals_live"]
    assert "different state ('reported', live 'closed')" in found[0].explanation


@pytest.fixture
def miscounting(monkeypatch: pytest.MonkeyPatch) -> None:
    """A faulty engine: every decision it records is the opposite of what decide() gives."""
    real = meeting_rules.decide

    def inverted(spec: Any, ballot: Any, **kw: Any) -> Any:
        result = real(spec, ballot, **kw)
        return type(result)(result.kind, not result.passed, result.reasons, result.method,
                            result.counts, result.shares)  # fmt: skip

    monkeypatch.setattr(meeting_rules, "decide", inverted)


@pytest.mark.usefixtures("miscounting")
def test_an_engine_that_miscounts_a_decision_is_caught() -> None:
    run = Run(load_charter("model-charter-rc"))
    for step in MEETING:
        run.apply(step)
    decided = [line for line in run.trace if " record_decision " in line and "->" in line]
    assert decided, run.trace
    assert "engine_decision_equals_decide" in {v.invariant for v in run.finish()}


@pytest.mark.usefixtures("miscounting")
def test_the_search_catches_a_miscounted_decision_with_one_example() -> None:
    # drawn sequences seldom hold a meeting (25 of them missed this engine); the
    # careful meeting walk the search plays first does not
    found = search(load_charter("model-charter-rc"), "meeting", examples=1, seed=0)
    [violation] = [v for v in found if v.invariant == "engine_decision_equals_decide"]
    assert any(" record_decision " in line for line in violation.counterexample)
    assert violation.counterexample[-1].startswith("replay: for step in [Step(")


def test_a_deadline_without_a_responsible_body_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    real = meetings.timer

    def anonymous(*args: Any, **kw: Any) -> Timer | None:
        found = real(*args, **kw)
        return None if found is None else Timer(found.due, found.trigger, found.args,
                                                found.rule, found.explanation, ())  # fmt: skip

    monkeypatch.setattr(meetings, "timer", anonymous)
    run = _run("oc-convened-quarterly", MEETING[:1])  # the notice is due 3 days ahead
    assert run.engine.deadlines(), run.trace
    assert "every_deadline_has_a_responsible_body" in _names(run)


def test_a_deadline_under_an_open_rule_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    charter = load_charter("yangxin-2022")  # the notice lead is unspecified
    assert resolve_rule(charter, "meetings.regular.notice.lead").is_open  # type: ignore[attr-defined]
    assert _names(_run("yangxin-2022", MEETING[:1])) == set()

    monkeypatch.setattr(meetings, "timer", _eager(meetings.timer))
    run = _run("yangxin-2022", MEETING[:1])
    assert "open_rules_are_not_enforced" in _names(run)


def _eager(real: Any) -> Any:
    """``timer`` that counts a lead even where the source gives no period."""

    def timer(ctx: Any, **kw: Any) -> Timer | None:
        timing = kw["timing"]
        if kw.get("before") and timing is not None and timing.period is None:
            return Timer(kw["start"], kw["trigger"], dict(kw["args"]), kw["rule"], kw["what"],
                         kw.get("responsible", ()))  # fmt: skip
        return real(ctx, **kw)

    return timer


def test_resolve_rule_reads_dotted_paths_with_indexes() -> None:
    charter = load_charter("yangxin-2022")
    assert resolve_rule(charter, "issues.routine.ladder[0].handler") == "residents_committee"
    assert resolve_rule(charter, "issues.routine.ladder[99]") is None
    assert resolve_rule(charter, "meetings.nothing.notice") is None
    assert resolve_rule(charter, None) is None


def test_the_engine_lets_the_calendars_convener_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    from governance_rules import _obligations  # noqa: PLC0415

    charter = load_charter("rotating-quarterly-consensus")
    assert engine_and_calendar_agree_on_conveners(charter) == []
    real = _obligations.holders

    def shifted(ch: Any, role: str, kind: str, day: date, *a: Any, **k: Any) -> Any:
        found = real(ch, role, kind, day, *a, **k)
        order = ("residents_committee", "owners_committee", "property_company")
        return None if not found else (order[(order.index(found[0]) + 1) % 3],)

    monkeypatch.setattr(_obligations, "holders", shifted)
    found = engine_and_calendar_agree_on_conveners(charter, years=(2026,))
    assert len(found) == 1  # one violation per rule, the first window shown
    assert "the engine refuses the convener the calendar names" in found[0].explanation
    assert found[0].counterexample[0].startswith("window 2026-01-01..")
    assert found[0].counterexample[-1].startswith("refused: ")


def test_a_sign_off_deadline_names_who_signs() -> None:
    from tests.testing.mutants import mutant  # noqa: PLC0415

    def sign_within_three_days(data: dict[str, Any]) -> None:
        source = data["meetings"]["regular"]["cadence"]["source"]
        data["meetings"]["regular"]["minutes"] = {
            "deadline": "3 working days",
            "sign_off": {"kind": "each_attendee", "within": "3 days", "source": source},
            "source": source,
        }

    run = Run(mutant("yangxin-2022", sign_within_three_days))
    for step in [*MEETING[:5], Step("command", trigger="draft_minutes")]:
        run.apply(step)
    assert run.trace[-1].endswith("regular.minutes_drafted"), run.trace
    assert run.finish() == []
