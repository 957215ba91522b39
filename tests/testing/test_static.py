"""Each static invariant holds for a bundled charter and catches a mutant that breaks it."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from governance_rules import Period, WorkingCalendar, available_charters, load_charter
from governance_rules._charter import rotation
from governance_rules._charter.issues import IssueCategory
from governance_rules._decisions import rules
from governance_rules.testing import (
    decision_rules_are_monotone,
    ladders_end_at_their_terminal_body,
    minutes_due_on_a_working_day_after_the_meeting,
    notice_due_by_the_first_working_day,
    roles_held_by_members,
    rotation_is_fair,
    windows_have_working_days,
    windows_hold_the_cadence,
)
from tests.testing.mutants import mutant


def test_a_window_of_holidays_only_has_no_working_day() -> None:
    assert windows_have_working_days(load_charter("yangxin-2022")) == []

    def golden_week(data: dict[str, Any]) -> None:  # 1-3 October: all National Day
        data["meetings"]["regular"]["window"] = {
            "kind": "days_of_month", "first": 1, "last": 3, "months": [10]
        }  # fmt: skip

    found = windows_have_working_days(mutant("yangxin-2022", golden_week), years=(2026,))
    assert len(found) == 1
    assert found[0].rules == ("meetings.regular.window", "meetings.regular.cadence")
    assert "2026-10-01..2026-10-03 has 0 working day(s)" in found[0].explanation
    # and it says what the engine does instead: the window ends on the next working day
    assert found[0].counterexample[1].startswith("the engine extends it to 2026-10-01..2026-10-08")


def test_a_window_too_short_for_its_meetings_is_caught() -> None:
    def twenty_a_month(data: dict[str, Any]) -> None:
        source = data["meetings"]["regular"]["cadence"]["source"]
        data["meetings"]["regular"]["cadence"] = {"times": 20, "months": 1, "source": source}
        data["meetings"]["regular"]["window"] = {"kind": "period"}

    found = windows_have_working_days(mutant("yangxin-2022", twenty_a_month), years=(2026,))
    # the Spring Festival, Labour Day and National Day months have 16, 19 and 18 working
    # days (make-up Saturdays counted); every other month of 2026 has 20 or more
    assert [v.explanation.split(" has ")[1] for v in found] == [
        "16 working day(s) for 20 meeting(s)",
        "19 working day(s) for 20 meeting(s)",
        "18 working day(s) for 20 meeting(s)",
    ]
    assert [v.explanation.split("window ")[1][:22] for v in found] == [
        "2026-02-01..2026-02-28",
        "2026-05-01..2026-05-31",
        "2026-10-01..2026-10-31",
    ]
    assert found[0].rules == ("meetings.regular.window", "meetings.regular.cadence")


def test_twice_a_month_needs_two_working_days_in_the_window() -> None:
    def one_day(data: dict[str, Any]) -> None:
        source = data["meetings"]["regular"]["cadence"]["source"]
        data["meetings"]["regular"]["cadence"] = {"times": 2, "months": 1, "source": source}
        data["meetings"]["regular"]["window"] = {"kind": "period"}

    assert windows_have_working_days(mutant("yangxin-2022", one_day)) == []


def test_a_cadence_its_windows_cannot_hold_is_caught() -> None:
    """yangxin-2022 meets in the last week of the even months: a cadence of one a month
    there asks for twelve meetings in six windows."""
    assert windows_hold_the_cadence(load_charter("yangxin-2022")) == []

    def monthly(data: dict[str, Any]) -> None:
        source = data["meetings"]["regular"]["cadence"]["source"]
        data["meetings"]["regular"]["cadence"] = {"times": 1, "months": 1, "source": source}

    found = windows_hold_the_cadence(mutant("yangxin-2022", monthly), years=(2026,))
    assert [v.explanation for v in found] == [
        "the regular meeting's windows of 2026 hold 6 meeting(s); its cadence "
        "(1 per 1 month) asks for 12"
    ]
    assert found[0].rules == ("meetings.regular.cadence", "meetings.regular.window")
    assert found[0].counterexample[0] == "window 2026-02-22..2026-02-28"

    # twice a month in a monthly period window: each window holds two, as asked
    def twice(data: dict[str, Any]) -> None:
        source = data["meetings"]["regular"]["cadence"]["source"]
        data["meetings"]["regular"]["cadence"] = {"times": 2, "months": 1, "source": source}
        data["meetings"]["regular"]["window"] = {"kind": "period"}

    assert windows_hold_the_cadence(mutant("yangxin-2022", twice)) == []


@pytest.mark.parametrize("charter", sorted(available_charters()))
def test_every_bundled_charter_and_reading_holds_its_cadence(charter: str) -> None:
    loaded = load_charter(charter)
    assert windows_hold_the_cadence(loaded) == []
    for _point, _option, variant in loaded.variants():
        assert windows_hold_the_cadence(variant) == []


class _LateNotices(WorkingCalendar):
    """A broken calendar: a lead counted the wrong way (after the meeting)."""

    def due_day(self, start: date, period: Period, *, before: bool = False) -> date:
        return super().due_day(start, period, before=False)


def test_a_notice_due_after_the_window_opens_is_caught() -> None:
    charter = load_charter("model-charter-rc")  # notice one week ahead
    assert notice_due_by_the_first_working_day(charter) == []
    broken = copy.copy(WorkingCalendar.china())  # the national calendar is shared: copy it
    broken.__class__ = _LateNotices  # the same tables, the lead counted forwards
    found = notice_due_by_the_first_working_day(charter, calendar=broken, years=(2026,))
    assert found
    assert found[0].rules == ("meetings.regular.notice.lead",)
    assert "is due after it" in found[0].explanation


def test_minutes_due_on_the_meeting_day_are_caught() -> None:
    assert minutes_due_on_a_working_day_after_the_meeting(load_charter("pm-joint-quarterly")) == []

    def same_day(data: dict[str, Any]) -> None:
        data["meetings"]["regular"]["minutes"]["deadline"] = "0 days"

    found = minutes_due_on_a_working_day_after_the_meeting(
        mutant("pm-joint-quarterly", same_day), years=(2026,)
    )
    assert len(found) == 1
    assert found[0].rules == ("meetings.regular.minutes.deadline",)
    assert "(0 days) are due on the meeting day, not after the meeting" in found[0].explanation
    held, due = found[0].counterexample
    assert held.removeprefix("held ") == due.removeprefix("minutes due ")


def test_a_rotation_stuck_on_one_body_is_unfair(monkeypatch: pytest.MonkeyPatch) -> None:
    charter = load_charter("rotating-quarterly-consensus")
    assert rotation_is_fair(charter) == []
    monkeypatch.setattr(rotation, "window_index", lambda rule, day: 0)
    found = rotation_is_fair(charter)
    assert {v.rules for v in found} == {("roles.convener.rotation",), ("roles.chair.rotation",)}
    assert "not fair over 3 windows" in found[0].explanation


def test_the_calendar_naming_another_convener_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    from governance_rules import _obligations  # noqa: PLC0415

    charter = load_charter("rotating-quarterly-consensus")
    monkeypatch.setattr(_obligations, "holders", lambda *a, **k: ("property_company",))
    found = rotation_is_fair(charter)
    assert any("the calendar names property_company" in v.explanation for v in found)


def _with_category(base: str, **changes: Any) -> Any:
    charter = load_charter(base)
    routine = charter.issues["routine"]
    broken = IssueCategory.model_construct(**{**dict(routine), **changes})  # skips validation
    fields = {name: getattr(charter, name) for name in type(charter).model_fields}
    return type(charter).model_construct(
        **{**fields, "issues": {**charter.issues, "routine": broken}}
    )


def test_a_ladder_that_ends_below_its_terminal_body_is_caught() -> None:
    assert ladders_end_at_their_terminal_body(load_charter("yangxin-2022")) == []
    found = ladders_end_at_their_terminal_body(
        _with_category("yangxin-2022", terminal="owners_committee")
    )
    assert [v.rules for v in found] == [("issues.routine.ladder", "issues.routine.terminal")]
    assert "not at its terminal body owners_committee" in found[0].explanation


def test_a_top_level_that_escalates_is_caught() -> None:
    charter = load_charter("yangxin-2022")
    ladder = charter.issues["routine"].ladder
    top = ladder[-1].model_copy(update={"escalate_on": ladder[0].escalate_on})
    found = ladders_end_at_their_terminal_body(
        _with_category("yangxin-2022", ladder=(*ladder[:-1], top))
    )
    assert any("can escalate further" in v.explanation for v in found)


def test_a_chair_who_is_not_a_member_is_caught() -> None:
    assert roles_held_by_members(load_charter("yangxin-2022")) == []

    def street_chairs(data: dict[str, Any]) -> None:
        data["roles"]["chair"] = {**data["roles"]["chair"], "body": "street_office"}

    found = roles_held_by_members(mutant("yangxin-2022", street_chairs))
    assert [v.rules for v in found] == [("roles.chair", "bodies.street_office")]
    assert "(outside)" in found[0].explanation


def test_the_meeting_office_may_keep_the_record() -> None:
    charter = load_charter("model-charter-rc")
    assert charter.roles["recorder"].body == "meeting_office"
    assert roles_held_by_members(charter) == []


def test_a_decision_rule_that_more_support_can_fail_is_caught(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    charter = load_charter("co-building-two-thirds")  # a supermajority
    assert decision_rules_are_monotone(charter) == []
    real = rules._BUILTIN["supermajority"]

    def parity(spec: Any, ballot: Any) -> Any:  # passes on an odd number of yes votes
        result = real(spec, ballot)
        yes = ballot.totals().yes
        return rules.DecisionResult(result.kind, yes % 2 == 1, result.reasons, result.method,
                                    result.counts, result.shares)  # fmt: skip

    monkeypatch.setitem(rules._BUILTIN, "supermajority", parity)
    found = decision_rules_are_monotone(charter, samples=50)
    assert len(found) == 1
    assert found[0].rules == ("meetings.regular.decision",)
    passes, fails = found[0].counterexample
    assert passes.startswith("passes: ")
    assert fails.startswith("fails: ")
