"""rc-half-yearly against 000_3a5c8b07dfb4019a.txt (the file's last charter, lines 544–651)."""

from __future__ import annotations

from datetime import date

import pytest

from governance_rules._charter.bodies import Membership
from governance_rules._charter.meetings import SignOffKind
from governance_rules._decisions import Ballot, BodyApprovals, Choice, Vote, decide
from governance_rules._engine import Engine
from governance_rules._obligations import obligations
from governance_rules._workflows import Actor
from governance_rules.errors import CommandRefused, GovernanceRulesError, PermissionDenied
from tests.charters.common import (
    assert_cadence,
    assert_cites,
    assert_convener_signs_special,
    assert_decision,
    assert_role,
    assert_timing,
    charter,
)

SRC = "000_3a5c8b07dfb4019a.txt"
CH = charter("rc-half-yearly")
THREE = {"residents_committee", "owners_committee", "property_company"}


def test_half_yearly_plus_meetings_on_important_matters() -> None:
    assert_cadence(CH, "regular", months=6, at_least=False)
    meetings = [o for o in obligations(CH, 2026) if o.rule == "meetings.regular"]
    assert [(o.start.isoformat(), o.end.isoformat()) for o in meetings] == [
        ("2026-01-01", "2026-06-30"),
        ("2026-07-01", "2026-12-31"),
    ]
    assert all(o.convener == ("owners_committee",) for o in meetings)
    assert CH.meetings["special"].cadence is None
    assert_cites(CH, CH.meetings["special"], file=SRC, article="第二条")


def test_oc_director_or_official_in_charge_chairs_and_the_director_heads_the_office() -> None:
    assert_role(CH, "chair", body="owners_committee")
    assert_role(CH, "office_head", body="owners_committee")
    assert CH.roles["chair"].positions == ("director", "official_in_charge")
    assert CH.roles["office_head"].position == "director"
    assert_cites(CH, CH.roles["chair"], file=SRC, article="第二条")
    assert_cites(CH, CH.roles["office_head"], file=SRC, article="第三条")
    assert set(CH.member_bodies) == THREE
    assert CH.bodies["party_org"].membership is Membership.OUTSIDE


def test_the_unnamed_convener_and_the_missing_article_are_recorded() -> None:
    assert_role(CH, "convener", body="owners_committee")
    assert CH.roles["convener"].note is not None
    assert any("convener" in q for q in CH.open_questions)
    assert any("第九条" in q for q in CH.open_questions)
    assert not any(r.source.article and "第九条" in r.source.article for _, r in CH.rules())


def test_convener_signs_notices_and_minutes_copied_to_residents() -> None:
    regular = CH.meetings["regular"]
    assert regular.notice is not None
    assert regular.notice.signed_by == "convener"
    assert regular.notice.issued_by == "meeting_office"
    assert set(regular.notice.to) == THREE | {"residents"}
    assert_timing(regular.notice.lead, "unspecified")
    minutes = regular.minutes
    assert minutes is not None
    assert minutes.sign_off is not None
    assert minutes.sign_off.kind is SignOffKind.CONVENER
    assert set(minutes.distribution) == THREE | {"residents"}
    assert_timing(minutes.deadline, "unspecified")
    assert_cites(CH, minutes, file=SRC, article="第三条")


def test_company_entry_needs_both_committees() -> None:
    rule = CH.matters["company_entry"].decision
    assert rule.kind == "joint_approval"
    assert set(rule.bodies) == {"residents_committee", "owners_committee"}
    bodies = rule.bodies
    one = BodyApprovals.of(bodies, {"residents_committee": "yes"})
    both = BodyApprovals.of(bodies, {"residents_committee": "同意", "owners_committee": "yes"})
    refused = BodyApprovals.of(bodies, {"residents_committee": "yes", "owners_committee": "no"})
    assert not decide(rule, one).passed
    assert decide(rule, both).passed
    assert not decide(rule, refused).passed
    with pytest.raises(GovernanceRulesError, match="not a count of members' or owners' votes"):
        decide(rule, Ballot.open({"residents_committee": 1, "owners_committee": 1}, []))
    assert_cites(CH, rule, file=SRC, article="第六条")


def test_loss_of_mandate_has_no_invented_vote() -> None:
    rule = CH.matters["company_mandate"].decision
    assert rule.kind == "unspecified"
    assert CH.matters["company_mandate"].body == "joint_meeting"
    seats = {"residents_committee": 1, "owners_committee": 1, "property_company": 1}
    with pytest.raises(GovernanceRulesError):
        decide(rule, Ballot.open(seats, [Vote("rc", "residents_committee", Choice.NO)]))
    assert_decision(CH, "regular", "unspecified")


# --- fidelity audit: 第三条 binds meetings on important matters; the convener's two readings ---


def test_meetings_on_important_matters_have_signed_notices_and_minutes() -> None:
    minutes = assert_convener_signs_special(CH, THREE | {"residents"})
    assert_cites(CH, minutes, file=SRC, article="第三条")
    engine = Engine("rc-half-yearly")
    director = Actor("owners_committee", "director")
    meeting = engine.plan_meeting(director, "special", date(2026, 6, 26), on=date(2026, 6, 25))
    with pytest.raises(CommandRefused, match="sign_notice"):
        engine.command(meeting.id, "issue_notice", Actor("meeting_office"), date(2026, 6, 25))


def test_the_residents_committee_reading_of_the_convener_is_kept() -> None:
    point = CH.readings["convener"]
    assert point.rule == "roles.convener"
    assert point.default == "oc_director"
    rc = CH.with_readings({"convener": "residents_committee"})
    assert_role(rc, "convener", body="residents_committee")
    assert rc.roles["convener"].positions == ()
    # under that reading the RC, not the OC director, plans the meeting
    engine = Engine(rc)
    with pytest.raises(PermissionDenied):
        engine.plan_meeting(Actor("owners_committee", "director"), "regular", date(2026, 6, 26),
                            on=date(2026, 6, 1))  # fmt: skip
    engine.plan_meeting(Actor("residents_committee"), "regular", date(2026, 6, 26),
                        on=date(2026, 6, 1))  # fmt: skip
    assert not any("only the OC director is encoded" in q for q in CH.open_questions)


def test_the_company_body_carries_no_note_from_the_civil_code() -> None:
    assert CH.bodies["property_company"].source.doc == "rh"
    assert CH.bodies["property_company"].note is None
