"""estate-mechanisms against 002_e3c3615d58a15e91.txt (lines 161–195 and 301–375)."""

from __future__ import annotations

from datetime import date

import pytest

from governance_rules._charter.issues import IssueCategoryKind
from governance_rules._engine import Engine
from governance_rules._obligations import obligations
from governance_rules._workflows import Actor
from governance_rules.errors import CommandRefused, PermissionDenied
from tests.charters.common import assert_cites, assert_timing, charter

SRC = "002_e3c3615d58a15e91.txt"
CH = charter("estate-mechanisms")


def test_the_primary_reading_is_a_two_year_term() -> None:
    term = CH.terms["owners_committee"].term
    assert term is not None
    assert_timing(term.length, "2 years")
    assert term.at_most is False
    assert_cites(CH, term, file=SRC, article="二、1")
    assert term.note is not None
    assert "readings.committee_term" in term.note


def test_annual_re_election_is_the_competing_reading() -> None:
    assert CH.reading("committee_term") == "two_years"
    annual = CH.with_readings({"committee_term": "annual"})
    length = annual.terms["owners_committee"].term.length
    assert_timing(length, "1 year")
    option = CH.readings["committee_term"].options["annual"]
    assert CH.citation(option.source) == "《住宅小区物业管理制度》二、1"
    # a committee elected on 2026-05-18 under the annual reading is due for re-election
    # a year later, under the default two years later
    engine = Engine(annual)
    term = engine.elect("owners_committee", Actor("owners_assembly"), date(2026, 5, 18), members=5)
    assert term.data.term_end.year == 2027


def test_the_complaint_flow_is_one_prompt_level_at_the_company() -> None:
    complaint = CH.issues["owner_complaint"]
    assert complaint.kind is IssueCategoryKind.COMPLAINT
    (level,) = complaint.ladder
    assert level.handler == "property_company"
    assert level.action is not None
    steps = ["accepts", "investigates", "solves", "reports the result back"]
    assert [level.action.find(s) for s in steps] == sorted(level.action.find(s) for s in steps)
    assert_timing(level.deadlines.resolve, "promptly")
    assert_cites(CH, level, file=SRC, article="四、3")


def test_no_appraisal_is_invented() -> None:
    assert CH.evaluation is None  # 定期 with no interval, weights or scale
    assert CH.grading == {}


def test_a_complaint_runs_on_the_engine_and_never_breaches() -> None:
    engine = Engine(CH)
    company = Actor("property_company")
    issue = engine.report_issue(Actor("residents"), date(2026, 5, 11), summary="leak")
    engine.command(issue.id, "triage", company, date(2026, 5, 11), category="owner_complaint")
    assert engine.advance_to(date(2026, 12, 31)) == []  # 及时 has no number
    engine.command(issue.id, "reply", company, date(2026, 5, 20))
    engine.command(issue.id, "resolve", company, date(2026, 5, 28))
    assert issue.state.endswith("resolved")


def test_the_committee_assesses_the_company_under_section_five() -> None:
    # 《小区物业管理机制》(lines 301–375) 五 has no numbered points and names the committee
    # as the assessor; the cited article was 五、1 (a point of another text) with nobody named.
    duty = CH.information.periodic["company_assessment"]
    assert duty.by == "owners_committee"
    assert_cites(CH, duty, file=SRC, article="五")
    assert CH.citation(duty.source) == "《小区物业管理机制》五"
    assert duty.recurs is not None
    assert not duty.dated  # 定期: never dated
    assert "sanitation" in duty.what
    assert "safety" in duty.what


def test_the_committee_calls_the_owners_assembly_at_undated_intervals() -> None:
    # 《小区物业管理机制》四、1: the committee calls the assembly regularly (定期), no interval.
    assembly = CH.meetings["owners_assembly"]
    assert assembly.cadence is None
    assert assembly.recurs is not None
    assert assembly.roles["convener"].body == "owners_committee"
    assert assembly.decision is not None
    assert assembly.decision.kind == "unspecified"  # no threshold beyond the baseline's
    assert_cites(CH, assembly, file=SRC, article="四、1")
    assert [o for o in obligations(CH, 2026) if o.kind == "meeting"] == []  # never dated
    engine = Engine(CH)
    meeting = engine.plan_meeting(
        Actor("owners_committee"), "owners_assembly", date(2026, 9, 24), on=date(2026, 9, 1)
    )
    assert meeting.data.roles["convener"] == ("owners_committee",)
    with pytest.raises(PermissionDenied):
        engine.plan_meeting(
            Actor("property_company"), "owners_assembly", date(2026, 9, 24), on=date(2026, 9, 1)
        )


# --- fidelity audit: the assembly meetings this charter runs keep the national notice ---


def test_an_owners_assembly_is_noticed_fifteen_days_ahead() -> None:
    # 物业管理条例 第14条 (the baseline this charter extends): 15 days before the meeting
    notice = CH.meetings["owners_assembly"].notice
    assert notice is not None
    assert_timing(notice.lead, "15 days")
    assert CH.documents[notice.source.doc].heading == "物业管理条例"
    assert notice.source.article == "第14条"
    assert set(notice.to) == {"owners_assembly", "residents_committee"}
    engine = Engine(CH)
    oc = Actor("owners_committee")
    meeting = engine.plan_meeting(oc, "owners_assembly", date(2026, 10, 16), on=date(2026, 9, 1))
    # 15 days before 16 Oct is 1 Oct, National Day: the notice is due on 30 Sep
    assert [(t.due, t.rule) for _, t in engine.deadlines()] == [
        (date(2026, 9, 30), "meetings.owners_assembly.notice.lead")
    ]
    with pytest.raises(CommandRefused, match="2026-09-30 at the latest") as refusal:
        engine.command(meeting.id, "issue_notice", oc, date(2026, 10, 1))
    assert refusal.value.citation == "《物业管理条例》第14条"
    engine.command(meeting.id, "issue_notice", oc, date(2026, 9, 30))
    engine.command(meeting.id, "hold", oc, date(2026, 10, 16))
    assert meeting.state == "owners_assembly.held"
