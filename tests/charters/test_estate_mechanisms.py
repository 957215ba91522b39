"""estate-mechanisms against 002_e3c3615d58a15e91.txt (lines 161–195 and 301–375)."""

from __future__ import annotations

from datetime import date

from governance_rules._charter.issues import IssueCategoryKind
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules._engine import Engine
from governance_rules._workflows import Actor
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
    assert "Competing reading: annual re-election" in term.note


def test_the_competing_reading_is_kept_in_a_marked_comment() -> None:
    text = (bundled_rulesets_dir() / "estate-mechanisms.yaml").read_text(encoding="utf-8")
    assert "# COMPETING READING" in text
    assert "term: {length: 1 year, at_most: false}" in text
    assert any("annual re-election (competing)" in q for q in CH.open_questions)


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
