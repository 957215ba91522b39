"""street-joint-meeting against 000_3a5c8b07dfb4019a.txt (lines 119–151 and 431–455)."""

from __future__ import annotations

from datetime import date

from governance_rules.charter.issues import IssueCategoryKind
from governance_rules.engine import Engine
from governance_rules.workflows import Actor
from tests.charters.common import assert_cites, assert_role, charter

SRC = "000_3a5c8b07dfb4019a.txt"
CH = charter("street-joint-meeting")


def test_the_street_office_leader_convenes_about_twenty_units() -> None:
    assert_role(CH, "convener", body="street_office")
    assert CH.roles["convener"].position == "leader_for_property_management"
    assert {"street_office", "residents_committee", "property_company", "owners_committee",
            "police", "fire_brigade", "utilities"} <= set(CH.member_bodies)  # fmt: skip
    assert_cites(CH, CH.roles["convener"], file=SRC, article="二")


def test_twelve_street_level_categories_in_their_true_order() -> None:
    assert len(CH.issues) == 12
    assert all(c.kind is IssueCategoryKind.STREET for c in CH.issues.values())
    articles = [c.source.article for c in CH.issues.values()]
    assert articles == [f"三、{i}" for i in range(1, 13)]  # "12、" is item 2, "212、" item 12
    assert all(c.terminal == "street_office" for c in CH.issues.values())


def test_no_regular_meeting_only_meetings_on_reported_problems() -> None:
    assert set(CH.meetings) == {"special"}
    assert CH.meetings["special"].cadence is None


def test_a_problem_the_company_cannot_settle_goes_to_the_street() -> None:
    engine = Engine(CH)
    issue = engine.report_issue(Actor("residents"), date(2026, 5, 11), summary="lift broken")
    company = Actor("property_company")
    engine.command(issue.id, "triage", company, date(2026, 5, 11), category="shared_facilities")
    engine.command(issue.id, "escalate", company, date(2026, 5, 12))
    assert CH.issues["shared_facilities"].ladder[issue.data["level"]].handler == "street_office"
