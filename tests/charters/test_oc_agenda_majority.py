"""oc-agenda-majority against 000_3a5c8b07dfb4019a.txt (物业管理联席会议制度, lines 153–195)."""

from __future__ import annotations

from datetime import date

import pytest

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter.bodies import BodyKind, Membership
from governance_rules._decisions import Ballot, Choice, Vote, decide
from governance_rules._engine import Engine
from governance_rules._obligations import obligations
from governance_rules._workflows import Actor
from governance_rules.errors import CommandRefused
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
CH = charter("oc-agenda-majority")
CAL = WorkingCalendar.china()
SEATS = {"owners_committee": 2, "property_company": 1, "owner_representatives": 1}


def test_four_kinds_of_member_and_no_residents_committee() -> None:
    assert set(CH.member_bodies) == {
        "owners_committee", "property_company", "owner_representatives", "departments",
    }  # fmt: skip
    reps = CH.bodies["owner_representatives"]
    assert reps.kind is BodyKind.OTHER
    assert reps.label is not None
    assert reps.label.zh == "业主代表"
    assert CH.bodies["residents_committee"].membership is Membership.OUTSIDE
    assert_cites(CH, reps, file=SRC, article="2.1")
    assert CH.documents["om"].lines == "153–195"


def test_owners_committee_leads_and_the_company_hosts_and_records() -> None:
    assert_role(CH, "convener", body="owners_committee")
    assert_role(CH, "chair", body="owners_committee")
    assert CH.roles["chair"].position == "director"
    assert_role(CH, "recorder", body="property_company")
    assert_role(CH, "host", body="property_company")
    assert_cites(CH, CH.roles["chair"], file=SRC, article="3.2")
    assert_cites(CH, CH.roles["host"], file=SRC, article="3.1")


def test_normally_quarterly_with_no_ad_hoc_kind() -> None:
    assert_cadence(CH, "regular", months=3, at_least=False)
    assert_window(CH, "regular", 2026, "2026-01-01..2026-03-31", 4)
    assert_cites(CH, CH.meetings["regular"].cadence, file=SRC, article="2.2")  # type: ignore[arg-type]
    assert set(CH.meetings) == {"regular"}


def test_agenda_three_days_ahead_reviewing_last_decisions_first() -> None:
    agenda = CH.meetings["regular"].agenda
    assert agenda is not None
    assert agenda.drafted_by == "owners_committee"
    assert agenda.issued_by == "property_company"  # hands it out: keeps the 3-day lead
    assert_timing(agenda.lead, "3 days")
    duties = [o for o in obligations(CH, 2026) if o.kind == "agenda"]
    assert duties
    assert {o.responsible for o in duties} == {("property_company",)}
    assert agenda.reviews_previous_decisions
    assert agenda.fixed_items[0].startswith("opening")
    assert "last meeting's decisions" in agenda.fixed_items[1]
    assert_cites(CH, agenda, file=SRC, article="4.1 (2)")
    period = agenda.lead.period  # type: ignore[union-attr]
    assert period is not None
    # an ordinary week: a meeting on Thursday 25 Jun 2026 -> Monday 22 Jun
    assert CAL.latest_before(date(2026, 6, 25), period).due == date(2026, 6, 22)
    # a meeting on Thursday 8 Oct 2026: 3 days before is 5 Oct, a holiday: 30 Sep
    assert CAL.latest_before(date(2026, 10, 8), period).due == date(2026, 9, 30)
    notice = CH.meetings["regular"].notice
    assert notice is not None
    assert_timing(notice.lead, "in_advance")
    assert notice.lead.word == "提前"
    assert notice.issued_by == "owners_committee"


def test_the_engine_enforces_the_agenda_lead() -> None:
    engine = Engine(CH)
    oc = Actor("owners_committee", "director")
    meeting = engine.plan_meeting(oc, "regular", date(2026, 10, 8), on=date(2026, 9, 1))
    engine.command(meeting.id, "issue_notice", oc, date(2026, 9, 20))
    with pytest.raises(CommandRefused, match="2026-09-30 at the latest"):
        engine.command(meeting.id, "set_agenda", oc, date(2026, 10, 1))
    engine.command(meeting.id, "set_agenda", oc, date(2026, 9, 30))
    assert meeting.state == "regular.agenda_set"


def test_majority_of_votes_cast_at_the_tie() -> None:
    assert_decision(CH, "regular", "majority_of_votes_cast", fraction="1/2", inclusive=False)
    spec = CH.meetings["regular"].decision
    assert spec is not None
    assert spec.base == "votes_cast"
    assert_cites(CH, spec, file=SRC, article="3.3 (6)")
    tie = [Vote("a", "owners_committee", Choice.YES), Vote("b", "owners_committee", Choice.NO)]
    assert not decide(spec, Ballot.open(SEATS, tie)).passed  # 1 of 2: exactly half fails
    more = [*tie, Vote("c", "property_company", Choice.YES)]
    assert decide(spec, Ballot.open(SEATS, more)).passed  # 2 of 3
    # abstentions are not votes cast: 1 yes, 0 no, 2 abstaining passes
    quiet = [
        Vote("a", "owners_committee", Choice.YES),
        Vote("c", "property_company", Choice.ABSTAIN),
        Vote("d", "owner_representatives", Choice.ABSTAIN),
    ]
    assert decide(spec, Ballot.open(SEATS, quiet)).passed


def test_each_solution_gets_a_responsible_person_reviewed_next_time() -> None:
    actions = CH.meetings["regular"].action_items
    assert actions is not None
    assert actions.owner_required
    assert not actions.due_date_required
    assert actions.reviewed_at_next_meeting
    assert_cites(CH, actions, file=SRC, article="3.3 (5)")
    engine = Engine(CH)
    oc = Actor("owners_committee", "director")
    first = engine.plan_meeting(oc, "regular", date(2026, 3, 26), on=date(2026, 3, 1))
    engine.command(first.id, "issue_notice", oc, date(2026, 3, 10))
    engine.command(first.id, "set_agenda", oc, date(2026, 3, 20))
    engine.command(first.id, "hold", oc, date(2026, 3, 26), present={"owners_committee": 1})
    votes = [{"voter": "a", "body": "owners_committee", "choice": "yes"}]
    engine.command(first.id, "record_decision", oc, date(2026, 3, 26), matter="repaint railings",
                   owner="property_company", due=date(2026, 5, 31), votes=votes)  # fmt: skip
    nxt = engine.plan_meeting(oc, "regular", date(2026, 6, 25), on=date(2026, 6, 1))
    assert nxt.data.review == ("meeting-1#0: repaint railings",)


def test_minutes_by_the_recorder_without_a_deadline() -> None:
    minutes = CH.meetings["regular"].minutes
    assert minutes is not None
    assert minutes.drafted_by == "recorder"
    assert_timing(minutes.deadline, "unspecified")
    assert minutes.distribution == ()
    assert_cites(CH, minutes, file=SRC, article="3.3 (7)")
    note = CH.meetings["regular"].note
    assert note is not None
    assert "(8)" in note  # the eight steps are recorded
