"""yangxin-2022 against 001_62e7824ca992917b.txt (Yangxin County, four systems)."""

from __future__ import annotations

from governance_rules._charter.issues import EscalationTrigger
from governance_rules._charter.meetings import SignOffKind
from governance_rules._obligations import obligations
from tests.charters.common import (
    assert_cadence,
    assert_cites,
    assert_decision,
    assert_role,
    assert_timing,
    assert_window,
    charter,
)

SRC = "001_62e7824ca992917b.txt"
CH = charter("yangxin-2022")


def test_bimonthly_in_the_last_week_of_even_months() -> None:
    assert_cadence(CH, "regular", months=2, at_least=False)
    assert_window(CH, "regular", 2026, "2026-02-23..2026-02-28", 6)
    # August 2026 ends on a Monday: the calendar-week reading leaves one day
    windows = CH.meetings["regular"].window.windows(2026, CH.meetings["regular"].cadence)
    assert str(windows[3]) == "2026-08-31..2026-08-31"
    assert_cites(CH, CH.meetings["regular"].cadence, file=SRC, article="(一) 第三条")


def test_party_head_convenes_and_chairs_with_delegation() -> None:
    assert_role(CH, "convener", body="party_org")
    assert_role(CH, "chair", body="party_org")
    assert CH.roles["convener"].delegate == "estate_party_org"
    assert_role(CH, "office_head", body="residents_committee")


def test_the_source_sets_no_numbers_for_the_meeting() -> None:
    regular = CH.meetings["regular"]
    assert regular.notice is not None
    assert_timing(regular.notice.lead, "unspecified")
    assert regular.minutes is not None
    assert_timing(regular.minutes.deadline, "unspecified")
    assert_decision(CH, "regular", "unspecified")
    assert regular.quorum is None


def test_convener_signs_minutes_sent_to_four_bodies() -> None:
    minutes = CH.meetings["regular"].minutes
    assert minutes is not None
    assert minutes.sign_off is not None
    assert minutes.sign_off.kind is SignOffKind.CONVENER
    assert set(minutes.distribution) == {
        "party_org", "residents_committee", "owners_committee", "property_company",
    }  # fmt: skip
    assert_cites(CH, minutes, file=SRC, article="(一) 第四条")


def test_routine_problems_climb_to_the_street() -> None:
    routine = CH.issues["routine"]
    assert [level.handler for level in routine.ladder] == [
        "residents_committee", "residents_committee", "joint_meeting", "party_org", "street_office",
    ]  # fmt: skip
    assert routine.terminal == "street_office"
    assert "departments" in routine.ladder[-1].involves
    party = routine.ladder[3]
    assert party.deadlines.reply is not None
    assert_timing(party.deadlines.reply, "promptly")
    assert EscalationTrigger.BEYOND_REMIT in party.escalate_on


def test_reserved_matters_bring_in_street_and_party_early() -> None:
    reserved = CH.issues["reserved"]
    assert set(reserved.ladder[0].involves) == {"street_office", "party_org"}
    assert_cites(CH, reserved, file=SRC, article="(二) 第七条")


def test_urgent_information_is_shared_immediately() -> None:
    urgent = CH.information.notifications["urgent"]
    assert_timing(urgent.timing, "immediately")
    assert urgent.timing.word == "第一时间"
    report = CH.information.reports["committee_and_company_events"]
    assert set(report.to) == {"street_office", "party_org", "residents_committee", "joint_meeting"}
    assert_timing(report.within, "unspecified")


def test_december_appraisal_approved_by_the_street() -> None:
    ev = CH.evaluation
    assert ev is not None
    assert ev.organiser == "party_org"
    assert set(ev.subjects) == {"residents_committee", "owners_committee", "property_company"}
    assert ev.approved_by == "street_office"
    assert_timing(ev.objection_period, "unspecified")
    appraisal = [o for o in obligations(CH, 2026) if o.kind == "evaluation"]
    assert [(o.start.isoformat(), o.end.isoformat()) for o in appraisal] == [
        ("2026-12-01", "2026-12-31")
    ]


def test_inherits_the_national_baseline() -> None:
    assert CH.extends == "cn-national-baseline"
    oc = CH.terms["owners_committee"]
    assert oc.size is not None
    assert (oc.size.min, oc.size.max, oc.size.odd) == (5, 11, True)
