"""pm-joint-quarterly against 000_3a5c8b07dfb4019a.txt (物业管理联席会议制度, lines 399–429)."""

from __future__ import annotations

from datetime import date

from governance_rules._calendar import WorkingCalendar
from governance_rules._calendar.periods import Period
from governance_rules._charter import Charter, Timing
from governance_rules._charter.bodies import Membership
from governance_rules._charter.meetings import SignOffKind
from governance_rules._engine import Engine
from governance_rules._workflows import Actor
from tests.charters.common import (
    assert_cadence,
    assert_cites,
    assert_decision,
    assert_role,
    assert_timing,
    assert_window,
    charter,
)

SRC = "000_3a5c8b07dfb4019a.txt"
CH = charter("pm-joint-quarterly")
CAL = WorkingCalendar.china()


def period(timing: Timing | None) -> Period:
    assert timing is not None, "no timing given"
    assert timing.period is not None, f"{timing} is not a period"
    return timing.period


def test_cites_its_own_document_among_same_named_ones() -> None:
    doc = CH.documents["pj"]
    assert (doc.file, doc.heading, doc.lines) == (SRC, "物业管理联席会议制度", "399–429")


def test_the_company_convenes_and_records_and_either_side_chairs() -> None:
    assert_role(CH, "convener", body="property_company")
    assert_role(CH, "chair", any_of=("owners_committee", "property_company"))
    assert_role(CH, "recorder", body="property_company")
    assert_cites(CH, CH.roles["convener"], file=SRC, article="三、2 a")
    assert_cites(CH, CH.roles["chair"], file=SRC, article="三、2 c")
    assert CH.bodies["departments"].membership is Membership.INVITED


def test_once_a_quarter_plus_added_meetings() -> None:
    assert_cadence(CH, "regular", months=3, at_least=False)
    assert_window(CH, "regular", 2026, "2026-01-01..2026-03-31", 4)
    assert CH.meetings["special"].cadence is None
    cadence = CH.meetings["regular"].cadence
    assert cadence is not None
    assert_cites(CH, cadence, file=SRC, article="三、1")


def test_notice_three_calendar_days_ahead_with_time_place_topics() -> None:
    notice = CH.meetings["regular"].notice
    assert notice is not None
    assert_timing(notice.lead, "3 days")
    assert {i.value for i in notice.content} == {"time", "place", "topics"}
    assert notice.issued_by == "property_company"
    assert_cites(CH, notice, file=SRC, article="三、2 a")
    # a meeting on Thursday 15 Oct 2026: notice by Monday 12 Oct
    assert CAL.latest_before(date(2026, 10, 15), period(notice.lead)).due == date(2026, 10, 12)
    # a meeting on Thursday 8 Oct: three days back is 5 Oct, in the National Day holiday
    assert CAL.latest_before(date(2026, 10, 8), period(notice.lead)).due == date(2026, 9, 30)


def test_draft_agenda_one_day_ahead_for_comments() -> None:
    agenda = CH.meetings["regular"].agenda
    assert agenda is not None
    assert_timing(agenda.lead, "1 day")
    assert agenda.drafted_by == "property_company"
    assert {"owners_committee", "residents_committee"} <= set(agenda.collected_by)
    assert len(agenda.fixed_items) == 2
    # a meeting on Monday 19 Oct 2026: the day before is a Sunday, so Friday 16 Oct
    assert CAL.latest_before(date(2026, 10, 19), period(agenda.lead)).due == date(2026, 10, 16)
    assert_cites(CH, agenda, file=SRC, article="三、2 b")


def test_minutes_within_three_calendar_days_for_confirmation() -> None:
    minutes = CH.meetings["regular"].minutes
    assert minutes is not None
    assert minutes.drafted_by == "property_company"
    assert_timing(minutes.deadline, "3 days")
    assert minutes.sign_off is not None
    assert minutes.sign_off.kind is SignOffKind.CONFIRMATION
    assert_timing(minutes.sign_off.within, "unspecified")
    assert {"owners_committee", "residents_committee"} <= set(minutes.distribution)
    assert_cites(CH, minutes, file=SRC, article="三、2 e")
    # Wednesday 17 Jun 2026: day three is Saturday 20 Jun (after Dragon Boat), so Monday 22;
    # three WORKING days would run to Tuesday 23 Jun
    assert CAL.due(date(2026, 6, 17), period(minutes.deadline)).due == date(2026, 6, 22)
    # Tuesday 29 Sep 2026: day three is 2 Oct in the National Day holiday, so 8 Oct
    assert CAL.due(date(2026, 9, 29), period(minutes.deadline)).due == date(2026, 10, 8)


def test_no_decision_rule_is_invented() -> None:
    assert_decision(CH, "regular", "unspecified")
    assert CH.meetings["regular"].quorum is None
    assert any("consensus" in q for q in CH.open_questions)


def test_inherits_the_national_baseline() -> None:
    assert CH.extends == "cn-national-baseline"
    assert "owners_ordinary" in CH.matters


# --- fidelity audit: meetings added under 三、1 follow the procedure of 三、2 ---


def _special_deadlines(ch: Charter) -> list[str]:
    engine = Engine(ch)
    engine.plan_meeting(Actor("property_company"), "special", date(2026, 5, 14),
                        on=date(2026, 5, 4))  # fmt: skip
    return [str(timer.due) + " " + timer.explanation for _, timer in engine.deadlines()]


def test_added_meetings_keep_the_three_day_notice_and_the_day_ahead_agenda() -> None:
    special = CH.meetings["special"]
    assert special.notice is not None
    assert_timing(special.notice.lead, "3 days")
    assert special.agenda is not None
    assert_timing(special.agenda.lead, "1 day")
    assert special.minutes is not None
    assert_timing(special.minutes.deadline, "3 days")
    assert_cites(CH, special.notice, file=SRC, article="三、2 a")
    due = _special_deadlines(CH)
    assert any(line.startswith("2026-05-11 send the notice") for line in due), due
    assert any(line.startswith("2026-05-13") and "agenda" in line for line in due), due
    # the competing reading keeps the papers but enforces no lead
    point = CH.readings["added_meeting_leads"]
    assert point.default == "same_procedure"
    loose = CH.with_readings({"added_meeting_leads": "no_leads"})
    loose_special = loose.meetings["special"]
    assert loose_special.notice is not None
    assert_timing(loose_special.notice.lead, "unspecified")
    assert not [line for line in _special_deadlines(loose) if "notice" in line or "agenda" in line]


def test_the_company_body_carries_no_note_from_the_civil_code() -> None:
    assert CH.bodies["property_company"].source.doc == "pj"
    assert CH.bodies["property_company"].note is None
