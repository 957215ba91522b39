"""model-charter-rc against 000_3a5c8b07dfb4019a.txt (lines 506–542, 第一条–第十五条)."""

from __future__ import annotations

from datetime import date

from governance_rules.calendar import WorkingCalendar
from governance_rules.charter.meetings import SignOffKind
from governance_rules.decisions import Ballot, Choice, Vote, decide
from tests.charters.common import (
    assert_cadence,
    assert_cites,
    assert_decision,
    assert_role,
    assert_timing,
    charter,
)

SRC = "000_3a5c8b07dfb4019a.txt"
CH = charter("model-charter-rc")


def test_rc_director_convenes_and_the_office_sits_in_the_rc() -> None:
    assert_role(CH, "convener", body="residents_committee")
    assert CH.roles["convener"].position == "director"
    assert_role(CH, "office_head", body="residents_committee")
    assert_cites(CH, CH.roles["convener"], file=SRC, article="第四条")


def test_quarterly_with_a_week_of_notice() -> None:
    assert_cadence(CH, "regular", months=3, at_least=False)
    notice = CH.meetings["regular"].notice
    assert notice is not None
    assert_timing(notice.lead, "1 week")
    # a meeting on 9 Oct 2026: one week before is 2 Oct (National Day), so 30 Sep
    latest = WorkingCalendar.china().latest_before(date(2026, 10, 9), notice.lead.period)  # type: ignore[arg-type]
    assert latest.due == date(2026, 9, 30)
    assert_cites(CH, notice, file=SRC, article="第八条")
    assert "special" in CH.meetings


def test_more_than_half_of_members_at_the_boundary() -> None:
    assert_decision(CH, "regular", "majority_of_all_members", fraction="1/2", inclusive=False)
    spec = CH.meetings["regular"].decision
    assert spec is not None
    seats = {"residents_committee": 1, "property_company": 1, "owners_committee": 1,
             "residents": 3}  # fmt: skip
    half = [Vote("rc", "residents_committee", Choice.YES), Vote("pc", "property_company",
            Choice.YES), Vote("oc", "owners_committee", Choice.YES)]  # fmt: skip
    assert not decide(spec, Ballot.open(seats, half)).passed  # 3 of 6: not more than half
    assert decide(spec, Ballot.open(seats, [*half, Vote("r1", "residents", Choice.YES)])).passed


def test_convener_signs_resolutions_recorded_promptly() -> None:
    minutes = CH.meetings["regular"].minutes
    assert minutes is not None
    assert minutes.sign_off is not None
    assert minutes.sign_off.kind is SignOffKind.CONVENER
    assert_timing(minutes.deadline, "promptly")
    assert minutes.deadline.word == "及时"
