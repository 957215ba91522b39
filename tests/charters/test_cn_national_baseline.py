"""cn-national-baseline against the legal baseline in ../shared/DOMAIN.md."""

from __future__ import annotations

from fractions import Fraction

from governance_rules._charter.meetings import SignOffKind
from governance_rules._charter.terms import OverdueAction
from governance_rules._decisions import Ballot, Choice, Vote, decide, matter_rule
from tests.charters.common import assert_timing, charter

CH = charter("cn-national-baseline")


def test_owners_double_majorities_civil_code_278() -> None:
    ordinary = CH.matters["owners_ordinary"].decision
    major = CH.matters["owners_major"].decision
    for decision in (ordinary, major):
        assert decision.kind == "dual_majority"
        assert decision.participation is not None
        assert decision.participation.fraction == Fraction(2, 3)
        assert decision.participation.inclusive  # 三分之二以上
    assert ordinary.threshold is not None
    assert (ordinary.threshold.fraction, ordinary.threshold.inclusive) == (Fraction(1, 2), False)
    assert major.threshold is not None
    assert (major.threshold.fraction, major.threshold.inclusive) == (Fraction(3, 4), True)
    assert "use_maintenance_fund" in ordinary.matters
    assert "raise_maintenance_fund" in major.matters
    assert ordinary.source.article == "第278条"


def test_threshold_boundaries() -> None:
    ordinary = CH.matters["owners_ordinary"].decision.threshold
    major = CH.matters["owners_major"].decision.threshold
    assert ordinary is not None
    assert major is not None
    assert not ordinary.met(1, 2)  # exactly half is not 过半数
    assert ordinary.met(501, 1000)
    assert major.met(3, 4)  # exactly three-quarters is 四分之三以上
    assert not major.met(749, 1000)


def test_owners_committee_term_rules() -> None:
    oc = CH.terms["owners_committee"]
    assert oc.size is not None
    assert oc.size.allows(5)
    assert oc.size.allows(11)
    assert not oc.size.allows(6)
    assert not oc.size.allows(13)
    assert oc.term is not None
    assert oc.term.at_most
    assert_timing(oc.term.length, "5 years")
    for duty, expected in (
        (oc.first_meeting, "7 days"),
        (oc.filing, "30 days"),
        (oc.change_report, "30 days"),
        (oc.handover, "10 days"),
        (oc.reelection_lead, "3 months"),
    ):
        assert duty is not None
        assert_timing(duty.within, expected)
    assert oc.on_overdue is not None
    assert oc.on_overdue.action is OverdueAction.RC_ORGANISES
    assert oc.below_half_members is not None
    assert oc.below_half_members.action is OverdueAction.EXTRAORDINARY_ASSEMBLY


def test_residents_committee_and_contract() -> None:
    rc = CH.terms["residents_committee"]
    assert rc.size is not None
    assert (rc.size.min, rc.size.max) == (5, 9)
    contract = CH.terms["service_contract"]
    assert contract.notice_to_end is not None
    assert_timing(contract.notice_to_end.within, "60 days")
    assert contract.nonrenewal_notice is not None
    assert_timing(contract.nonrenewal_notice.within, "90 days")


def test_oc_decisions_need_half_of_all_members() -> None:
    decision = CH.matters["owners_committee_meeting"].decision
    assert decision.kind == "majority_of_all_members"
    assert decision.threshold is not None
    assert decision.threshold.inclusive
    assert decision.bodies == ("owners_committee",)


def test_assembly_notice_is_a_lead_of_fifteen_days_before_the_meeting() -> None:
    notice = CH.information.notifications["assembly_notice"]
    assert notice.timing is None  # not "within 15 days"
    assert_timing(notice.lead, "15 days")
    assert notice.before is not None
    assert "assembly" in notice.before
    assert notice.source.article == "第14条"


def test_oc_agenda_is_posted_seven_days_before_the_meeting() -> None:
    agenda = CH.information.publicity["owners_committee_agenda"]
    assert agenda.timing is None
    assert_timing(agenda.lead, "7 days")
    assert agenda.before is not None
    decisions = CH.information.publicity["owners_committee_decisions"]
    assert_timing(decisions.timing, "3 days")  # posted within 3 days after
    assert decisions.lead is None


def test_home_to_business_needs_every_affected_owner_not_the_assembly() -> None:
    matter = CH.matters["home_to_business"]
    assert matter.body == "affected_owners"
    assert matter.decision.kind == "unanimous"
    rule = matter_rule(CH, "home_to_business")
    assert list(rule.voters) == ["affected_owners"]
    ballot = Ballot.open({"affected_owners": 3}, [Vote(v, "affected_owners", Choice.YES)
                                                  for v in ("a", "b")])  # fmt: skip
    assert not decide(rule.decision, ballot, voters=rule.voters).passed  # one did not consent
    assert matter.source.article == "第279条"


def test_business_use_of_common_parts_is_a_major_matter() -> None:
    major = CH.matters["owners_major"].decision
    assert "use_common_parts_for_business" in major.matters
    assert "use_common_parts_for_business" not in CH.matters["owners_ordinary"].decision.matters


def test_oc_meeting_quorum_and_minutes_signed_by_attendees() -> None:
    rule = matter_rule(CH, "owners_committee_meeting")
    assert rule.quorum is not None
    assert (rule.quorum.present.fraction, rule.quorum.present.inclusive) == (Fraction(1, 2), False)
    seats = {"owners_committee": 7}
    voters = [Vote(f"m{i}", "owners_committee", Choice.YES) for i in range(3)]
    # 3 of 7 present: no quorum, although all present agree
    assert not decide(rule.decision, Ballot.open(seats, voters), quorum=rule.quorum).passed
    voters.append(Vote("m3", "owners_committee", Choice.YES))
    assert decide(rule.decision, Ballot.open(seats, voters), quorum=rule.quorum).passed
    minutes = CH.matters["owners_committee_meeting"].minutes
    assert minutes is not None
    assert minutes.sign_off is not None
    assert minutes.sign_off.kind is SignOffKind.EACH_ATTENDEE
    assert minutes.sign_off.source.article == "第39条"


def test_one_third_of_oc_members_call_a_meeting_within_seven_days() -> None:
    request = CH.matters["owners_committee_meeting_request"].decision
    assert request.threshold is not None
    assert request.threshold.met(1, 3)  # 三分之一以上 includes one third
    assert not request.threshold.met(2, 7)
    meeting = CH.information.notifications["requested_owners_committee_meeting"]
    assert_timing(meeting.timing, "7 days")
    assert meeting.source.article == "第37条"


def test_twenty_percent_of_owners_propose_an_extraordinary_assembly() -> None:
    request = CH.matters["extraordinary_assembly_request"]
    assert request.decision.threshold is not None
    assert request.decision.threshold.met(20, 100)
    assert not request.decision.threshold.met(19, 100)
    assert request.source.article == "第13条"


def test_residents_meeting_under_the_rc_law() -> None:
    rule = matter_rule(CH, "residents_meeting")
    assert rule.quorum is not None
    seats = {"residents": 10}
    present = [Vote(f"r{i}", "residents", Choice.YES) for i in range(3)]
    present += [Vote(f"n{i}", "residents", Choice.ABSTAIN) for i in range(3)]
    # 6 of 10 present, 3 yes of 6 present: not more than half of those present
    assert not decide(rule.decision, Ballot.open(seats, present), quorum=rule.quorum).passed
    present[3] = Vote("n0", "residents", Choice.YES)
    assert decide(rule.decision, Ballot.open(seats, present), quorum=rule.quorum).passed
    assert CH.matters["residents_meeting"].source.article == "第9条"


def test_open_ended_contract_ends_on_sixty_days_notice() -> None:
    contract = CH.terms["service_contract"]
    assert contract.open_ended_notice is not None
    assert_timing(contract.open_ended_notice.within, "60 days")
    assert contract.open_ended_notice.source.article == "第948条"


def test_the_company_is_cited_by_the_contract_article() -> None:
    assert CH.bodies["property_company"].source.article == "第937条"


def test_owners_assembly_meetings_are_minuted_with_no_deadline() -> None:
    # 物业管理条例 第14条 (domain guide): the assembly meeting keeps a record; nothing more.
    for key in ("owners_ordinary", "owners_major"):
        minutes = CH.matters[key].minutes
        assert minutes is not None, key
        assert_timing(minutes.deadline, "unspecified")
        assert minutes.sign_off is None
        assert minutes.drafted_by is None
        assert CH.citation(minutes.source) == "《物业管理条例》第14条"
