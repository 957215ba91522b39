"""pm-liaison-bimonthly against 004_de6ae260926ba2db.txt (version 1, lines 3–105)."""

from __future__ import annotations

from datetime import date

from governance_rules.engine import Engine
from governance_rules.obligations import obligations
from governance_rules.workflows import Actor
from tests.charters.common import assert_cadence, assert_cites, assert_timing, charter

SRC = "004_de6ae260926ba2db.txt"
CH = charter("pm-liaison-bimonthly")


def test_oc_meetings_every_two_months_and_rc_twice_a_month() -> None:
    assert_cadence(CH, "regular", months=2, at_least=True)
    assert_cadence(CH, "rc_contact", times=2, months=1, at_least=True)
    items = [o for o in obligations(CH, 2026) if o.rule == "meetings.rc_contact"]
    assert len(items) == 12
    assert all(o.count == 2 for o in items)
    assert_cites(CH, CH.meetings["rc_contact"].cadence, file=SRC, article="4.2.1.1")  # type: ignore[arg-type]


def test_a_week_for_topic_meetings_and_a_day_for_the_rc() -> None:
    special = CH.meetings["special"].notice
    rc = CH.meetings["rc_contact"].notice
    assert special is not None
    assert rc is not None
    assert_timing(special.lead, "1 week")
    assert_timing(rc.lead, "1 day")


def test_questions_answered_and_revisited_within_three_days() -> None:
    level = CH.issues["oc_questions"].ladder[0]
    assert level.handler == "property_company"
    assert level.deadlines.reply is not None
    assert level.deadlines.follow_up is not None
    assert_timing(level.deadlines.reply, "3 days")
    assert_timing(level.deadlines.follow_up, "3 days")
    assert_timing(level.deadlines.resolve, "unspecified")  # type: ignore[arg-type]


def test_a_late_answer_is_recorded_by_the_engine() -> None:
    engine = Engine(CH)
    issue = engine.report_issue(Actor("owners_committee"), date(2026, 9, 29))
    engine.command(issue.id, "triage", Actor("property_company"), date(2026, 9, 29),
                   category="oc_questions")  # fmt: skip
    fired = engine.advance_to(date(2026, 10, 31))
    # three calendar days from 29 Sep end on 2 Oct, in the holiday: due 8 Oct, breached 9 Oct
    assert [f.event.payload["on"] for f in fired] == ["2026-10-09"]
    assert issue.state == "handling"  # one level only: the breach is recorded, not escalated
