"""rotating-quarterly-consensus against 000_3a5c8b07dfb4019a.txt (lines 53–77)."""

from __future__ import annotations

from datetime import date

import pytest

from governance_rules.calendar import WorkingCalendar
from governance_rules.decisions import Ballot, Choice, Vote, decide
from governance_rules.engine import Engine
from governance_rules.errors import CommandRefused, PermissionDenied
from governance_rules.obligations import obligations
from governance_rules.workflows import Actor
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
CH = charter("rotating-quarterly-consensus")
CAL = WorkingCalendar.china()
# the order in which the source lists the three parties
PARTIES = ("residents_committee", "owners_committee", "property_company")
SEATS = dict.fromkeys(PARTIES, 1)


def test_three_parties_with_the_households_committee_as_owner_seat() -> None:
    assert set(CH.member_bodies) == set(PARTIES)
    label = CH.bodies["owners_committee"].label
    assert label is not None
    assert label.zh == "住户委员会"
    assert CH.documents["rq"].heading == "社区居委会、住户委员会和物业运营公司三方联席会议制度"


def test_once_a_quarter_on_a_date_the_parties_agree() -> None:
    assert_cadence(CH, "regular", months=3, at_least=False)
    assert CH.meetings["regular"].window.kind.value == "agreed"
    assert_window(CH, "regular", 2026, "2026-01-01..2026-03-31", 4)
    assert_cites(CH, CH.meetings["regular"].cadence, file=SRC, article="会议召开频率")  # type: ignore[arg-type]
    assert "special" not in CH.meetings  # the source provides no ad-hoc meeting


def test_the_convener_rotates_in_the_listed_order() -> None:
    assert_role(CH, "convener", rotation=PARTIES)
    assert_role(CH, "chair", rotation=PARTIES)
    convener = CH.roles["convener"]
    assert convener.note is not None
    assert "order in which the source lists" in convener.note
    assert_cites(CH, convener, file=SRC, article="会议召开频率")
    # the calendar counts quarters from 2001: Q1 2026 is the 100th, 100 mod 3 = 1
    conveners = [o.convener for o in obligations(CH, 2026) if o.kind == "meeting"]
    assert conveners == [
        ("owners_committee",),
        ("property_company",),
        ("residents_committee",),
        ("owners_committee",),
    ]


def test_the_engine_passes_the_convener_on_meeting_by_meeting() -> None:
    engine = Engine(CH)
    rc = Actor("residents_committee")
    held = []
    for month in (3, 6, 9, 12):
        meeting = engine.plan_meeting(
            rc, "regular", date(2026, month, 18), on=date(2026, month, 1)
        )
        held.append(meeting.data["convener"][0])
    assert tuple(held) == (*PARTIES, PARTIES[0])
    first = engine.instances("meeting")[0]
    with pytest.raises(PermissionDenied, match="may only be issued by"):
        engine.command(first.id, "issue_notice", Actor("property_company"), date(2026, 3, 10))
    engine.command(first.id, "issue_notice", rc, date(2026, 3, 10))


def test_recorder_is_the_company_and_minutes_take_three_working_days() -> None:
    assert_role(CH, "recorder", body="property_company")
    assert_role(CH, "secretary", body="property_company")
    minutes = CH.meetings["regular"].minutes
    assert minutes is not None
    assert minutes.drafted_by == "secretary"
    assert_timing(minutes.deadline, "3 working days")
    assert minutes.channel is not None
    assert "e-mail" in minutes.channel
    assert set(minutes.distribution) == set(PARTIES)
    assert minutes.sign_off is None
    assert_cites(CH, minutes, file=SRC, article="会议记录和纪要")
    period = minutes.deadline.period
    assert period is not None
    # an ordinary week: Friday 20 Mar 2026 -> Wednesday 25 Mar
    assert CAL.due(date(2026, 3, 20), period).due == date(2026, 3, 25)
    # Monday 28 Sep: 29 and 30 Sep, then National Day, then Thursday 8 Oct
    assert CAL.due(date(2026, 9, 28), period).due == date(2026, 10, 8)
    # Wednesday 30 Sep: 8 and 9 Oct and the make-up working Saturday 10 Oct
    assert CAL.due(date(2026, 9, 30), period).due == date(2026, 10, 10)


def test_minutes_overdue_fires_after_the_third_working_day() -> None:
    engine = Engine(CH)
    rc = Actor("residents_committee")
    meeting = engine.plan_meeting(rc, "regular", date(2026, 9, 28), on=date(2026, 9, 1))
    engine.command(meeting.id, "issue_notice", rc, date(2026, 9, 14))
    engine.command(meeting.id, "hold", rc, date(2026, 9, 28), present=SEATS)
    assert engine.advance_to(date(2026, 10, 8)) == []
    fired = engine.advance_to(date(2026, 10, 9))
    assert [f.timer.trigger for f in fired] == ["minutes_overdue"]


def test_consensus_fails_on_a_single_objection() -> None:
    assert_decision(CH, "regular", "consensus")
    spec = CH.meetings["regular"].decision
    assert spec is not None
    assert_cites(CH, spec, file=SRC, article="会议决策")
    two = [Vote("r", "residents_committee", Choice.YES), Vote("o", "owners_committee", Choice.YES)]
    abstain = Vote("p", "property_company", Choice.ABSTAIN)
    objection = Vote("p", "property_company", Choice.NO)
    assert decide(spec, Ballot.open(SEATS, [*two, abstain])).passed
    assert not decide(spec, Ballot.open(SEATS, [*two, objection])).passed


def test_the_engine_refuses_a_decision_with_an_objection() -> None:
    engine = Engine(CH)
    rc = Actor("residents_committee")
    meeting = engine.plan_meeting(rc, "regular", date(2026, 3, 20), on=date(2026, 3, 1))
    engine.command(meeting.id, "issue_notice", rc, date(2026, 3, 10))
    engine.command(meeting.id, "hold", rc, date(2026, 3, 20), present=SEATS)
    votes = [{"voter": b, "body": b, "choice": "yes"} for b in PARTIES[:2]]
    votes.append({"voter": "p", "body": "property_company", "choice": "no"})
    with pytest.raises(CommandRefused, match="objection"):
        engine.command(meeting.id, "record_decision", rc, date(2026, 3, 20), matter="paint",
                       owner="property_company", due="2026-04-10", votes=votes)  # fmt: skip


def test_seven_item_agenda_from_introductions_to_the_conveners_summary() -> None:
    agenda = CH.meetings["regular"].agenda
    assert agenda is not None
    assert len(agenda.fixed_items) == 7
    assert "minutes" in agenda.fixed_items[1]
    assert "convener" in agenda.fixed_items[6]
    assert agenda.reviews_previous_decisions
    assert agenda.lead is None
    assert CH.meetings["regular"].notice is None  # the source sets no notice period
    assert CH.meetings["regular"].quorum is None
    assert_cites(CH, agenda, file=SRC, article="会议议程")


def test_important_changes_are_raised_in_advance_without_a_period() -> None:
    item = CH.information.notifications["advance_consultation"]
    assert_timing(item.timing, "unspecified")
    assert item.timing.word == "提前"
    assert set(item.to) == set(PARTIES)
    assert_cites(CH, item, file=SRC, article="有效沟通和协作")
