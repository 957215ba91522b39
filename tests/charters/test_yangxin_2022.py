"""yangxin-2022 against 001_62e7824ca992917b.txt (Yangxin County, four systems)."""

from __future__ import annotations

from datetime import date

import pytest

from governance_rules._charter import Charter
from governance_rules._charter.issues import EscalationTrigger
from governance_rules._charter.meetings import SignOffKind
from governance_rules._engine import Engine
from governance_rules._obligations import obligations
from governance_rules._workflows import Actor
from governance_rules.errors import CommandRefused
from tests.charters.common import (
    assert_cadence,
    assert_cites,
    assert_convener_signs_special,
    assert_decision,
    assert_role,
    assert_timing,
    assert_window,
    charter,
)

SRC = "001_62e7824ca992917b.txt"
CH = charter("yangxin-2022")


def windows(ch: Charter) -> list[str]:
    rule = ch.meetings["regular"]
    return [str(w) for w in rule.window.windows(2026, rule.cadence)]


def test_bimonthly_in_the_last_seven_days_of_even_months() -> None:
    assert_cadence(CH, "regular", months=2, at_least=False)
    assert_window(CH, "regular", 2026, "2026-02-22..2026-02-28", 6)
    assert CH.reading("meeting_window") == "last_seven_days"
    # every window is seven days and holds working days (August 2026 ends on a Monday)
    assert windows(CH)[2:4] == ["2026-06-24..2026-06-30", "2026-08-25..2026-08-31"]
    assert_cites(CH, CH.meetings["regular"].cadence, file=SRC, article="(一) 第三条")


def test_the_calendar_week_reading_is_kept_and_selectable() -> None:
    point = CH.readings["meeting_window"]
    assert point.rule == "meetings.regular.window"
    assert set(point.options) == {"last_seven_days", "calendar_week"}
    for reading in point.options.values():
        assert_cites(CH, reading, file=SRC, article="(一) 第三条")
    week = CH.with_readings({"meeting_window": "calendar_week"})
    # cut at the month's end: a one-day August window and a two-day June window
    assert windows(week)[2:4] == ["2026-06-29..2026-06-30", "2026-08-31..2026-08-31"]
    assert windows(week)[0] == "2026-02-23..2026-02-28"
    meetings = [o for o in obligations(week, 2026) if o.kind == "meeting"]
    assert [o.start.isoformat() for o in meetings][3] == "2026-08-31"


def test_party_head_convenes_and_chairs_with_delegation() -> None:
    assert_role(CH, "convener", body="party_org")
    assert_role(CH, "chair", body="party_org")
    assert CH.roles["convener"].delegates == ("estate_party_org",)
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


def test_routine_problems_end_at_the_residents_committee() -> None:
    routine = CH.issues["routine"]
    assert [level.handler for level in routine.ladder] == [
        "residents_committee", "residents_committee",
    ]  # fmt: skip
    assert set(routine.ladder[0].involves) == {"owners_committee", "property_company"}
    # the RC member for environment and property, or the estate Party head the
    # community Party organisation authorises
    first = routine.ladder[0]
    assert first.positions_for("residents_committee") == ("environment_and_property_member",)
    assert first.positions_for("estate_party_org") == ("head",)
    assert first.alternatives[0].authorised_by == "party_org"
    assert "authoris" in str(first.note)
    assert routine.terminal == "residents_committee"
    assert_cites(CH, routine, file=SRC, article="(二) 第二条")
    assert "第四条" not in (routine.source.article or "")


def test_problems_beyond_the_remit_climb_to_the_street() -> None:
    beyond = CH.issues["beyond_remit"]
    assert [level.handler for level in beyond.ladder] == [
        "joint_meeting", "party_org", "street_office",
    ]  # fmt: skip
    assert "departments" in beyond.ladder[-1].involves
    party = beyond.ladder[1]
    assert party.deadlines.reply is not None
    assert_timing(party.deadlines.reply, "promptly")
    assert EscalationTrigger.BEYOND_REMIT in party.escalate_on
    assert_cites(CH, beyond, file=SRC, article="(二) 第四条")


def test_routine_updates_at_suitable_times_are_not_prompt() -> None:
    routine = CH.information.notifications["routine"]
    assert_timing(routine.timing, "at_suitable_times")
    assert routine.timing.word == "适时"
    assert routine.timing.is_open  # no number: nothing is timed
    assert_cites(CH, routine, file=SRC, article="(三) 第三条")


def test_summaries_are_written_by_the_joint_meeting_for_the_party() -> None:
    periodic = CH.information.periodic
    for key, months in (("half_year_summary", 6), ("annual_summary", 12)):
        report = periodic[key]
        assert report.by == "joint_meeting"
        assert report.to == ("party_org",)
        assert report.cadence is not None
        assert report.cadence.months == months
        assert_cites(CH, report, file=SRC, article="(一) 第六条")
    assert "half_year_summary" not in CH.meetings
    summaries = [o for o in obligations(CH, 2026) if "summary" in o.rule]
    assert {o.responsible for o in summaries} == {("joint_meeting",)}
    assert len(summaries) == 3  # two half years, one year


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


def test_appraisal_organisation_as_the_source_sets_it() -> None:
    ev = CH.evaluation
    assert ev is not None
    assert ev.note is not None
    assert "street (township) Party committee organises" in ev.note
    assert "civil-affairs and housing" in ev.note
    assert any("standard set by the street" in m for m in ev.methods)
    assert any("述职" in m for m in ev.methods)
    assert not ev.criteria or all(c.weight is None for c in ev.criteria)  # the street sets them
    # results feed the RC's and OC's duty reviews, the OC's re-election, the company's renewal
    fed = {(c.kind.value, c.subject) for c in ev.consequences}
    assert ("reward_penalty", "residents_committee") in fed
    assert ("reward_penalty", "owners_committee") in fed
    assert ("reelection_review", "owners_committee") in fed
    assert ("renewal_review", "property_company") in fed
    circulated = CH.information.notifications["appraisal_results"]
    assert_cites(CH, circulated, file=SRC, article="(四) 第五条")


def test_inherits_the_national_baseline() -> None:
    assert CH.extends == "cn-national-baseline"
    oc = CH.terms["owners_committee"]
    assert oc.size is not None
    assert (oc.size.min, oc.size.max, oc.size.odd) == (5, 11, True)


# --- fidelity audit: rules of (一) 第四条 bind ad-hoc meetings too; open words stay open ---


def test_an_ad_hoc_meeting_has_its_notice_signed_and_its_minutes_signed_off() -> None:
    minutes = assert_convener_signs_special(CH, {
        "party_org", "residents_committee", "owners_committee", "property_company",
    })  # fmt: skip
    assert_decision(CH, "special", "unspecified")
    assert_cites(CH, minutes, file=SRC, article="(一) 第四条")
    engine = Engine("yangxin-2022")
    party, office = Actor("party_org", "head"), Actor("meeting_office")
    meeting = engine.plan_meeting(party, "special", date(2026, 5, 12), on=date(2026, 5, 11))
    with pytest.raises(CommandRefused, match="sign_notice"):
        engine.command(meeting.id, "issue_notice", office, date(2026, 5, 11))
    engine.command(meeting.id, "sign_notice", party, date(2026, 5, 11))
    engine.command(meeting.id, "issue_notice", office, date(2026, 5, 11))
    # no lead is set, so a notice sent the day before is on time: nothing is timed
    assert not [t for _, t in engine.deadlines() if "notice" in t.explanation]


def test_the_company_body_carries_no_note_from_the_civil_code() -> None:
    # the baseline's note on 民法典 第937条 must not hang under this charter's citation
    company = CH.bodies["property_company"]
    assert company.source.doc == "yx"
    assert company.note is None


def test_who_posts_the_contact_list_is_not_invented() -> None:
    contacts = CH.information.publicity["contacts"]
    assert contacts.by is None
    assert contacts.long_term
    assert contacts.on_change


def test_feedback_is_passed_on_promptly_without_a_number() -> None:
    feedback = CH.information.notifications["feedback"]
    assert_timing(feedback.timing, "promptly")
    assert feedback.timing.word == "及时"
    assert "residents" in feedback.to
    assert_cites(CH, feedback, file=SRC, article="(三) 第五条")


def test_the_progress_of_major_and_historical_problems_is_published() -> None:
    """(三) 第一条 publishes the progress of major and of historical problems: promptly,
    with no number (the historical category had no publicity)."""
    for name in ("major", "historical"):
        publicity = CH.issues[name].publicity
        assert publicity is not None
        assert (publicity.kind.value, publicity.period) == ("promptly", None)
