"""oc-convened-quarterly against 000_3a5c8b07dfb4019a.txt (lines 5–51)."""

from __future__ import annotations

from datetime import date

import pytest

from governance_rules.calendar import WorkingCalendar
from governance_rules.engine import Engine
from governance_rules.errors import CommandRefused
from governance_rules.workflows import Actor
from tests.charters.common import (
    assert_cadence,
    assert_cites,
    assert_decision,
    assert_role,
    assert_timing,
    charter,
)

SRC = "000_3a5c8b07dfb4019a.txt"
CH = charter("oc-convened-quarterly")


def test_oc_convenes_and_chairs_the_company_supports() -> None:
    assert_role(CH, "convener", body="owners_committee")
    assert_role(CH, "chair", body="owners_committee")
    for role in ("organiser", "secretary", "recorder"):
        assert_role(CH, role, body="property_company")
    assert_cites(CH, CH.roles["convener"], file=SRC, article="四、1")


def test_at_least_quarterly_with_three_days_notice() -> None:
    assert_cadence(CH, "regular", months=3, at_least=True)
    notice = CH.meetings["regular"].notice
    assert notice is not None
    assert_timing(notice.lead, "3 days")
    assert "attendee list" in notice.content
    latest = WorkingCalendar.china().latest_before(date(2026, 2, 24), notice.lead.period)  # type: ignore[arg-type]
    assert latest.due == date(2026, 2, 14)  # 21 Feb is in Spring Festival; 14 Feb is worked


def test_the_engine_enforces_the_notice_lead() -> None:
    engine = Engine(CH)
    oc = Actor("owners_committee")
    meeting = engine.plan_meeting(oc, "regular", date(2026, 2, 24), on=date(2026, 2, 1))
    with pytest.raises(CommandRefused, match="2026-02-14 at the latest"):
        engine.command(meeting.id, "issue_notice", oc, date(2026, 2, 15))
    engine.command(meeting.id, "issue_notice", oc, date(2026, 2, 14))
    assert meeting.state == "notice_issued"


def test_no_decision_rule_and_prompt_minutes() -> None:
    assert_decision(CH, "regular", "unspecified")
    minutes = CH.meetings["regular"].minutes
    assert minutes is not None
    assert_timing(minutes.deadline, "promptly")
