"""street-joint-meeting against 000_3a5c8b07dfb4019a.txt (lines 119–151 and 431–455)."""

from __future__ import annotations

from datetime import date

import pytest

from governance_rules._charter.bodies import BodyKind, Membership
from governance_rules._charter.issues import EscalationTrigger, IssueCategoryKind
from governance_rules._engine import Engine
from governance_rules._obligations import obligations
from governance_rules._workflows import Actor
from governance_rules.errors import CommandRefused, PermissionDenied
from tests.charters.common import (
    assert_cites,
    assert_decision,
    assert_role,
    assert_timing,
    charter,
)

SRC = "000_3a5c8b07dfb4019a.txt"
CH = charter("street-joint-meeting")
BUREAUS = {
    "housing_bureau": "房管局",
    "finance_bureau": "财政局",
    "civil_affairs_bureau": "民政局",
    "price_bureau": "物价局",
    "environment_bureau": "环保局",
    "planning_bureau": "城市规划局",
    "urban_management_bureau": "城市管理执法局",
    "construction_bureau": "建设局",
}


def test_twenty_listed_member_units() -> None:
    assert len(CH.member_bodies) == 20
    assert set(BUREAUS) | {
        "street_office", "fire_brigade", "municipal_works", "power_supply", "water_supply",
        "gas_supply", "heating_supply", "residents_committee", "police_station",
        "market_regulation", "property_company", "owners_committee",
    } == set(CH.member_bodies)  # fmt: skip
    for key, zh in BUREAUS.items():
        body = CH.bodies[key]
        assert body.kind is BodyKind.OTHER
        assert body.label is not None
        assert body.label.zh == zh
        assert_cites(CH, body, file=SRC, article="一")
    assert CH.bodies["residents"].membership is Membership.OUTSIDE


def test_the_street_leader_for_property_management_convenes() -> None:
    assert_role(CH, "convener", body="street_office")
    assert CH.roles["convener"].position == "leader_for_property_management"
    assert_cites(CH, CH.roles["convener"], file=SRC, article="二")


def test_twelve_street_level_categories_in_their_true_order() -> None:
    assert len(CH.issues) == 12
    assert all(c.kind is IssueCategoryKind.STREET for c in CH.issues.values())
    articles = [c.source.article for c in CH.issues.values()]
    assert articles == [f"三、{i}" for i in range(1, 13)]  # "12、" is item 2, "212、" item 12
    assert "12、" in (CH.issues["overdue_reelection"].note or "")
    assert "212、" in (CH.issues["other"].note or "")


def test_every_ladder_runs_from_the_company_to_the_street_office() -> None:
    for key, category in CH.issues.items():
        assert [level.handler for level in category.ladder] == [
            "property_company", "street_office",
        ], key  # fmt: skip
        assert category.terminal == "street_office"
        first, last = category.ladder
        assert first.escalate_on == (EscalationTrigger.HANDLER_REQUEST,)
        assert first.deadlines.items() == []  # no time limit at the company
        assert_cites(CH, first, file=SRC, article="四、(一)")
        assert_cites(CH, last, file=SRC, article="四、(二)")
        assert set(BUREAUS) <= set(last.involves)
        assert_timing(last.deadlines.resolve, "promptly")


def test_no_regular_meeting_only_meetings_on_reported_problems() -> None:
    assert set(CH.meetings) == {"special"}
    assert CH.meetings["special"].cadence is None
    assert CH.meetings["special"].notice is None
    assert_decision(CH, "special", "unspecified")
    assert not [o for o in obligations(CH, 2026) if o.kind == "meeting"]


def test_a_problem_the_company_cannot_settle_goes_to_the_street() -> None:
    engine = Engine(CH)
    company = Actor("property_company")
    street = Actor("street_office", "leader_for_property_management")
    issue = engine.report_issue(Actor("residents"), date(2026, 5, 11), summary="lift broken")
    engine.command(issue.id, "triage", company, date(2026, 5, 11), category="shared_facilities")
    assert issue.data.level == 0
    engine.command(issue.id, "escalate", company, date(2026, 5, 12))
    assert CH.issues["shared_facilities"].ladder[issue.data.level].handler == "street_office"
    with pytest.raises(CommandRefused, match="'escalate' is not possible"):
        engine.command(issue.id, "escalate", street, date(2026, 5, 13))
    assert engine.advance_to(date(2026, 12, 31)) == []  # 及时 has no number: nothing breaches
    engine.command(issue.id, "reply", street, date(2026, 5, 20))
    engine.command(issue.id, "resolve", street, date(2026, 5, 28))
    assert issue.state == "handling.shared_facilities.L1_street_office.resolved"


@pytest.mark.parametrize("raiser", ["owners_committee", "residents_committee", "residents"])
def test_the_company_not_whoever_raised_it_takes_a_problem_to_the_street(raiser: str) -> None:
    # 四、(一) names no one for the step to the street office: the default reading (the
    # company, which could not settle it) is the one enforced, so the one who raised the
    # problem is refused and the company passes it up
    engine = Engine(CH)
    company = Actor("property_company")
    issue = engine.report_issue(Actor(raiser), date(2026, 5, 11), summary="lights out")
    engine.command(issue.id, "triage", company, date(2026, 5, 11), category="street_lights")
    with pytest.raises(PermissionDenied, match="may only be issued by property_company") as no:
        engine.command(issue.id, "escalate", Actor(raiser), date(2026, 5, 12))
    assert no.value.rule == "issues.street_lights.ladder[0].escalate_on"
    assert issue.data.level == 0
    engine.command(issue.id, "escalate", company, date(2026, 5, 12))
    assert issue.data.level == 1
    assert issue.state == "handling.street_lights.L1_street_office.open"


def test_a_problem_the_company_raised_itself_it_takes_up_too() -> None:
    # the one reading on which both agree: the company raised it and could not settle it
    engine = Engine(CH)
    company = Actor("property_company")
    issue = engine.report_issue(company, date(2026, 5, 11))
    engine.command(issue.id, "triage", company, date(2026, 5, 11), category="refuse_stations")
    engine.command(issue.id, "escalate", company, date(2026, 5, 11))
    assert issue.state == "handling.refuse_stations.L1_street_office.open"


def test_the_raisers_reading_is_recorded_but_not_encoded() -> None:
    # the charter language lets only a level's handlers escalate, so the competing reading
    # (whoever raised it goes to the street) is an open question, not a selectable reading
    assert CH.readings == {}
    question = next(q for q in CH.open_questions if "四、(一)" in q)
    assert "whoever raised" in question
    for category in CH.issues.values():
        first = category.ladder[0]
        assert first.bodies() == ("property_company",)  # no committee or resident handles
        assert "whoever raised" in (first.note or "")
        assert_cites(CH, first, file=SRC, article="四、(一)")
