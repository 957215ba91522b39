"""cn-national-baseline against the legal baseline in ../shared/DOMAIN.md."""

from __future__ import annotations

from fractions import Fraction

from governance_rules._charter.terms import OverdueAction
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


def test_assembly_notice_fifteen_days() -> None:
    assert_timing(CH.information.notifications["assembly_notice"].timing, "15 days")
