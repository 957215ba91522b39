"""oc-agenda-majority against 000_3a5c8b07dfb4019a.txt (lines 153–195)."""

from __future__ import annotations

from datetime import date

from governance_rules.calendar import WorkingCalendar
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
CH = charter("oc-agenda-majority")


def test_owners_committee_leads_and_the_company_records() -> None:
    assert_role(CH, "convener", body="owners_committee")
    assert_role(CH, "chair", body="owners_committee")
    assert_role(CH, "recorder", body="property_company")
    assert "residents_committee" not in CH.member_bodies
    assert_cadence(CH, "regular", months=3, at_least=False)


def test_agenda_three_days_ahead_reviewing_last_decisions() -> None:
    agenda = CH.meetings["regular"].agenda
    assert agenda is not None
    assert_timing(agenda.lead, "3 days")
    assert agenda.reviews_previous_decisions
    assert_cites(CH, agenda, file=SRC, article="4.1 (2)")
    # a meeting on Thursday 8 Oct 2026: 3 days before is 5 Oct, a holiday: 30 Sep
    latest = WorkingCalendar.china().latest_before(date(2026, 10, 8), agenda.lead.period)  # type: ignore[union-attr, arg-type]
    assert latest.due == date(2026, 9, 30)
    notice = CH.meetings["regular"].notice
    assert notice is not None
    assert_timing(notice.lead, "unspecified")


def test_majority_vote_at_the_tie() -> None:
    assert_decision(CH, "regular", "majority_of_votes_cast", fraction="1/2", inclusive=False)
    spec = CH.meetings["regular"].decision
    assert spec is not None
    seats = {"owners_committee": 2, "property_company": 1, "residents": 1}
    tie = [Vote("a", "owners_committee", Choice.YES), Vote("b", "owners_committee", Choice.NO)]
    assert not decide(spec, Ballot.open(seats, tie)).passed
    more = [*tie, Vote("c", "property_company", Choice.YES)]
    assert decide(spec, Ballot.open(seats, more)).passed


def test_each_solution_gets_a_responsible_person() -> None:
    actions = CH.meetings["regular"].action_items
    assert actions is not None
    assert actions.owner_required
    assert not actions.due_date_required
    assert actions.reviewed_at_next_meeting
