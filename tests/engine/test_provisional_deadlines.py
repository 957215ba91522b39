"""Every workflow's deadline says when its date rests on an unpublished holiday year.

The deadlines come from one timer helper: a count of working days rests on every
year it crosses; any other count only on whether its last day is a working day
(民法典 第203条), which for 29–31 December also depends on the next year's notice.
"""

from __future__ import annotations

from datetime import date

import governance_rules as gr

OC = gr.Actor("owners_committee")
PC = gr.Actor("property_company")
NOTE = " (provisional: the holiday arrangement for {} is not yet published)"


def _reply(day: date) -> str:
    engine = gr.Engine("pm-liaison-bimonthly")  # a 3-day reply at the company's level
    issue = engine.report_issue(OC, day, summary="lift")
    engine.command(issue.id, "triage", PC, day, category="oc_questions")
    [(_, timer)] = engine.deadlines()
    return timer.explanation


def test_an_issue_reply_in_a_published_year_is_not_provisional() -> None:
    assert _reply(date(2026, 3, 2)) == (
        "reply (property_company): within 3 days of 2026-03-02, by 2026-03-05"
    )


def test_a_reply_due_on_the_last_days_of_the_year_depends_on_the_next_years_notice() -> None:
    # 2026-12-31 is a Thursday; the 2027 notice may still give it off (New Year)
    assert _reply(date(2026, 12, 28)) == (
        "reply (property_company): within 3 days of 2026-12-28, by 2026-12-31" + NOTE.format(2027)
    )


def test_a_term_end_rests_on_its_last_year_only() -> None:
    engine = gr.Engine("cn-national-baseline")
    engine.elect("owners_committee", gr.Actor("owners_assembly"), date(2024, 5, 18), members=7)
    ends = [t.explanation for _, t in engine.deadlines() if t.trigger == "term_expired"]
    assert ends == ["the term ends on 2029-05-18" + NOTE.format(2029)]
