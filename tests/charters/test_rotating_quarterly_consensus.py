"""rotating-quarterly-consensus against 000_3a5c8b07dfb4019a.txt (lines 53–77)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter.rotation import RotationChoice, holders
from governance_rules._decisions import Ballot, Choice, Vote, decide
from governance_rules._engine import Engine
from governance_rules._obligations import obligations
from governance_rules._workflows import Actor
from governance_rules.errors import CommandRefused, PermissionDenied
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


def test_the_convener_rotates_in_an_order_the_community_chooses() -> None:
    assert_role(CH, "convener", rotation=PARTIES)
    assert_role(CH, "chair", rotation=PARTIES)
    convener = CH.roles["convener"]
    assert convener.rotation is not None
    assert not convener.rotation.order_stated
    assert convener.note is not None
    assert_cites(CH, convener, file=SRC, article="会议召开频率")
    # the source gives neither an order nor a first convener: the calendar invents none
    assert [o.convener for o in obligations(CH, 2026) if o.kind == "meeting"] == [()] * 4
    choice = RotationChoice(("owners_committee", "property_company", "residents_committee"),
                            date(2026, 1, 20))  # fmt: skip
    conveners = [o.convener for o in obligations(CH, 2026, rotation=choice) if o.kind == "meeting"]
    assert conveners == [
        ("owners_committee",),
        ("property_company",),
        ("residents_committee",),
        ("owners_committee",),
    ]


def _plan(engine: Engine, month: int, day: int, first: bool = False) -> Any:
    choice = RotationChoice(PARTIES, date(2026, 3, 18))
    on = date(2026, month, day)
    convener = holders(CH, "convener", "regular", on, choice)
    assert convener is not None
    return engine.plan_meeting(Actor(convener[0]), "regular", on, on=date(2026, month, 1),
                               rotation=choice if first else None)  # fmt: skip


def test_the_engine_passes_the_convener_on_meeting_by_meeting() -> None:
    engine = Engine(CH)
    held = [
        _plan(engine, month, 18, first=month == 3).data.roles["convener"][0]
        for month in (3, 6, 9, 12)
    ]
    assert tuple(held) == (*PARTIES, PARTIES[0])
    first = engine.instances("meeting")[0]
    with pytest.raises(PermissionDenied, match="may only be issued by"):
        engine.command(first.id, "cancel", Actor("property_company"), date(2026, 3, 10))
    # the source sets no notice, so the meeting has no notice step
    assert "regular.notice_issued" not in engine.workflow(first).states


def test_no_one_convenes_before_the_first_meeting_under_the_chosen_order() -> None:
    """The community's order begins with its first meeting (here in Q2 2026): the
    calendar names no convener for Q1, nor for a year before, and the engine refuses to
    plan a meeting there instead of counting the rotation backwards."""
    choice = RotationChoice(PARTIES, date(2026, 5, 20))
    by_year = {
        year: [o.convener for o in obligations(CH, year, rotation=choice) if o.kind == "meeting"]
        for year in (2025, 2026)
    }
    assert by_year[2025] == [()] * 4
    assert by_year[2026] == [(), *((p,) for p in PARTIES)]
    # a day in the first meeting's window, before the meeting itself, is that window's
    assert holders(CH, "convener", "regular", date(2026, 4, 1), choice) == (PARTIES[0],)
    engine = Engine(CH)
    engine.plan_meeting(Actor(PARTIES[0]), "regular", date(2026, 5, 20), on=date(2026, 4, 1),
                        rotation=choice)  # fmt: skip
    with pytest.raises(CommandRefused, match="rotation begins with the meeting in the window"):
        engine.plan_meeting(Actor(PARTIES[2]), "regular", date(2026, 3, 18), on=date(2026, 3, 2))


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
    meeting = _plan(engine, 9, 28, first=True)
    convener = Actor(meeting.data.roles["convener"][0])
    engine.command(meeting.id, "hold", convener, date(2026, 9, 28), present=SEATS)
    assert engine.advance_to(date(2026, 10, 8)) == []
    fired = engine.advance_to(date(2026, 10, 9))
    assert [f.timer.args for f in fired] == [{"duty": "minutes"}]


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


def test_the_engine_minutes_a_decision_with_an_objection_as_failed() -> None:
    engine = Engine(CH)
    meeting = _plan(engine, 3, 20, first=True)
    convener = Actor(meeting.data.roles["convener"][0])
    engine.command(meeting.id, "hold", convener, date(2026, 3, 20), present=SEATS)
    votes = [{"voter": b, "body": b, "choice": "yes"} for b in PARTIES[:2]]
    votes.append({"voter": "p", "body": "property_company", "choice": "no"})
    engine.command(meeting.id, "record_decision", convener, date(2026, 3, 20), matter="paint",
                   votes=votes)  # fmt: skip
    record = meeting.data.decisions[0]
    assert record.outcome == "failed"
    assert any("objection" in reason for reason in record.reasons)
    assert meeting.data.actions == ()


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
    assert_timing(item.timing, "in_advance")
    assert item.timing.word == "提前"
    assert set(item.to) == set(PARTIES)
    assert_cites(CH, item, file=SRC, article="有效沟通和协作")


# --- fidelity audit: the unassigned secretariat keeps both readings ---


def test_a_secretariat_of_its_own_is_kept_as_a_reading() -> None:
    point = CH.readings["secretariat"]
    assert point.rule == "roles.secretary"
    assert point.default == "company"
    for reading in point.options.values():
        assert_cites(CH, reading, file=SRC, article="会议记录和纪要")
    own = CH.with_readings({"secretariat": "own_secretariat"})
    assert_role(own, "secretary", body="secretariat")
    assert_role(own, "recorder", body="property_company")  # the record stays the company's
    engine = Engine(own)
    meeting = _plan(engine, 3, 20, first=True)
    convener = Actor(meeting.data.roles["convener"][0])
    engine.command(meeting.id, "hold", convener, date(2026, 3, 20), present=SEATS)
    with pytest.raises(PermissionDenied):
        engine.command(meeting.id, "draft_minutes", Actor("property_company"), date(2026, 3, 20))
    drafted = engine.command(meeting.id, "draft_minutes", Actor("secretariat"), date(2026, 3, 20))
    assert drafted.state == "regular.minutes_drafted"


def test_the_company_body_carries_no_note_from_the_civil_code() -> None:
    assert CH.bodies["property_company"].source.doc == "rq"
    assert CH.bodies["property_company"].note is None
