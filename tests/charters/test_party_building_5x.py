"""party-building-5x against 000_3a5c8b07dfb4019a.txt (XX社区党建联席会议制度, lines 197–225)."""

from __future__ import annotations

from datetime import date

import pytest

from governance_rules import WorkingCalendar
from governance_rules._charter.bodies import BodyKind, Membership
from governance_rules._charter.meetings import SignOffKind, VotingMethod
from governance_rules._engine import Engine
from governance_rules._obligations import obligations
from governance_rules._workflows import Actor
from governance_rules.errors import PermissionDenied
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
CH = charter("party-building-5x")


def test_five_fixed_members_plus_invited_x() -> None:
    assert set(CH.member_bodies) == {
        "party_org", "residents_committee", "estate_party_org", "property_company",
        "owners_committee",
    }  # fmt: skip
    x = CH.bodies["invited"]
    assert x.kind is BodyKind.INVITED
    assert x.membership is Membership.INVITED
    assert_cites(CH, x, file=SRC, article="一")


def test_quarterly_in_principle_plus_urgent_meetings() -> None:
    assert_cadence(CH, "regular", months=3, at_least=False)
    assert_window(CH, "regular", 2026, "2026-01-01..2026-03-31", 4)
    meetings = [o for o in obligations(CH, 2026) if o.kind == "meeting"]
    assert [o.end.isoformat() for o in meetings] == [
        "2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31",
    ]  # fmt: skip
    special = CH.meetings["special"]
    assert special.cadence is None
    assert special.triggers
    cadence = CH.meetings["regular"].cadence
    assert cadence is not None
    assert_cites(CH, cadence, file=SRC, article="三")


def test_two_party_branches_collect_the_topics() -> None:
    agenda = CH.meetings["regular"].agenda
    assert agenda is not None
    assert set(agenda.collected_by) == {"party_org", "estate_party_org"}
    assert_timing(agenda.lead, "unspecified")
    assert_cites(CH, agenda, file=SRC, article="四")


def test_party_secretary_or_rc_director_chairs() -> None:
    assert_role(CH, "chair", any_of=("party_org", "residents_committee"))
    assert CH.role("convener") is None  # the source names no convener
    assert_cites(CH, CH.roles["chair"], file=SRC, article="五、1")


def test_vote_by_voice_hands_or_ballot_without_threshold() -> None:
    assert_decision(CH, "regular", "unspecified")
    decision = CH.meetings["regular"].decision
    assert decision is not None
    assert decision.threshold is None
    assert set(decision.methods) == {
        VotingMethod.VOICE, VotingMethod.SHOW_OF_HANDS, VotingMethod.SECRET_BALLOT,
    }  # fmt: skip
    assert_cites(CH, decision, file=SRC, article="五、2")


def test_minutes_one_matter_one_decision_with_owner_and_deadline() -> None:
    regular = CH.meetings["regular"]
    assert regular.minutes is not None
    assert regular.minutes.drafted_by == "chair"
    assert_timing(regular.minutes.deadline, "unspecified")
    items = regular.action_items
    assert items is not None
    assert items.owner_required
    assert items.due_date_required
    assert_cites(CH, items, file=SRC, article="五、3")


def test_each_attendee_signs_within_three_working_days() -> None:
    minutes = CH.meetings["regular"].minutes
    assert minutes is not None
    sign_off = minutes.sign_off
    assert sign_off is not None
    assert sign_off.kind is SignOffKind.EACH_ATTENDEE
    assert_timing(sign_off.within, "3 working days")
    assert sign_off.within is not None
    assert sign_off.within.period is not None
    cal = WorkingCalendar.china()
    # a meeting on Monday 28 September 2026: National Day pushes the last day to 8 October
    assert cal.due(date(2026, 9, 28), sign_off.within.period).due == date(2026, 10, 8)
    # an ordinary week: Wednesday 4 March 2026 → Monday 9 March
    assert cal.due(date(2026, 3, 4), sign_off.within.period).due == date(2026, 3, 9)
    assert_cites(CH, sign_off, file=SRC, article="五、3")


def test_inherits_the_national_baseline() -> None:
    assert CH.extends == "cn-national-baseline"
    assert "owners_committee" in CH.terms


# --- fidelity audit: the chair's posts are enforced; 四 and 五 bind ad-hoc meetings ---


def test_only_the_party_secretary_or_the_rc_director_chairs() -> None:
    assert CH.roles["chair"].positions == ("secretary", "director")
    engine = Engine("party-building-5x")
    meeting = engine.plan_meeting(Actor("party_org", "secretary"), "regular",
                                  date(2026, 3, 10), on=date(2026, 3, 1))  # fmt: skip
    engine.command(meeting.id, "set_agenda", Actor("party_org"), date(2026, 3, 2))
    with pytest.raises(PermissionDenied):
        engine.command(meeting.id, "hold", Actor("residents_committee", "member"),
                       date(2026, 3, 10), present={"residents_committee": 1})  # fmt: skip
    held = engine.command(meeting.id, "hold", Actor("residents_committee", "director"),
                          date(2026, 3, 10), present={"residents_committee": 1})  # fmt: skip
    assert held.state == "regular.held"


def test_ad_hoc_meetings_are_signed_by_attendees_within_three_working_days() -> None:
    special = CH.meetings["special"]
    assert special.minutes is not None
    assert special.minutes.sign_off is not None
    assert special.minutes.sign_off.kind is SignOffKind.EACH_ATTENDEE
    assert_timing(special.minutes.sign_off.within, "3 working days")
    assert special.action_items is not None
    assert special.action_items.owner_required
    assert special.action_items.due_date_required
    assert_decision(CH, "special", "unspecified")
    assert special.notice is None  # none is set, for any meeting
    secretary = Actor("party_org", "secretary")
    engine = Engine("party-building-5x")
    meeting = engine.plan_meeting(secretary, "special", date(2026, 9, 28), on=date(2026, 9, 27))
    engine.command(meeting.id, "set_agenda", Actor("party_org"), date(2026, 9, 27))
    engine.command(meeting.id, "hold", secretary, date(2026, 9, 28), present={"party_org": 1})
    engine.command(meeting.id, "draft_minutes", secretary, date(2026, 9, 28))
    # National Day: three working days after Monday 28 September end on 8 October
    assert [(t.due, "sign off" in t.explanation) for _, t in engine.deadlines()] == [
        (date(2026, 10, 8), True)
    ]


def test_the_company_body_carries_no_note_from_the_civil_code() -> None:
    assert CH.bodies["property_company"].source.doc == "pb"
    assert CH.bodies["property_company"].note is None
