"""pm-joint-quarterly against 000_3a5c8b07dfb4019a.txt (lines 399–429)."""

from __future__ import annotations

from datetime import date

from governance_rules.calendar import WorkingCalendar
from governance_rules.charter.meetings import SignOffKind
from tests.charters.common import assert_cadence, assert_cites, assert_role, assert_timing, charter

SRC = "000_3a5c8b07dfb4019a.txt"
CH = charter("pm-joint-quarterly")
CAL = WorkingCalendar.china()


def test_the_company_convenes_quarterly() -> None:
    assert_role(CH, "convener", body="property_company")
    assert_role(CH, "chair", any_of=("owners_committee", "property_company"))
    assert_role(CH, "recorder", body="property_company")
    assert_cadence(CH, "regular", months=3)
    assert CH.documents["pj"].lines == "399–429"


def test_three_days_notice_and_a_day_for_the_agenda() -> None:
    regular = CH.meetings["regular"]
    assert regular.notice is not None
    assert regular.agenda is not None
    assert_timing(regular.notice.lead, "3 days")
    assert_timing(regular.agenda.lead, "1 day")
    assert set(regular.notice.content) == {"time", "place", "topics"}
    assert_cites(CH, regular.notice, file=SRC, article="三、2 a")
    # a meeting on Monday 19 Oct 2026: notice by Friday 16 Oct, agenda by Friday too
    assert CAL.latest_before(date(2026, 10, 19), regular.notice.lead.period).due == date(
        2026, 10, 16
    )  # type: ignore[arg-type]
    assert CAL.latest_before(date(2026, 10, 19), regular.agenda.lead.period).due == date(
        2026, 10, 16
    )  # type: ignore[union-attr, arg-type]


def test_minutes_within_three_calendar_days_for_confirmation() -> None:
    minutes = CH.meetings["regular"].minutes
    assert minutes is not None
    assert_timing(minutes.deadline, "3 days")
    assert minutes.sign_off is not None
    assert minutes.sign_off.kind is SignOffKind.CONFIRMATION
    # held on 29 Sep 2026: three days end on 2 Oct (National Day): due 8 Oct
    assert CAL.due(date(2026, 9, 29), minutes.deadline.period).due == date(2026, 10, 8)  # type: ignore[arg-type]
