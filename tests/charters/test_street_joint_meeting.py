"""street-joint-meeting against 000_3a5c8b07dfb4019a.txt (lines 119–151 and 431–455)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from governance_rules import EventStore
from governance_rules._charter.bodies import BodyKind, Membership
from governance_rules._charter.issues import EscalationTrigger, IssueCategoryKind
from governance_rules._engine import Engine
from governance_rules._obligations import obligations
from governance_rules._workflows import Actor, compile_workflow
from governance_rules.errors import CommandRefused, PermissionDenied, StoreError
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


def test_both_readings_of_who_takes_a_problem_up_are_kept() -> None:
    point = CH.readings["escalated_by"]
    assert point.default == "company"
    assert list(point.options) == ["company", "raiser"]
    assert point.rule == "issues.oc_not_performing.ladder[0].escalate_on"
    for option in point.options.values():
        assert_cites(CH, option, file=SRC, article="四、(一)")
    # the open question says only what stays open: which reading was meant
    question = next(q for q in CH.open_questions if "四、(一)" in q)
    assert "readings.escalated_by" in question
    assert "cannot state" not in question
    raiser = CH.with_readings({"escalated_by": "raiser"})
    assert raiser.selected_readings == {"escalated_by": "raiser"}
    for key, category in raiser.issues.items():  # all twelve share one ladder
        first, last = category.ladder
        assert first.escalate_on == (EscalationTrigger.REPORTER_REQUEST,), key
        assert first.bodies() == ("property_company",)  # the raiser asks, it does not handle
        assert_cites(raiser, first, file=SRC, article="四、(一)")
        assert last == CH.issues[key].ladder[1]
        assert "readings.escalated_by" in (CH.issues[key].ladder[0].note or "")


def test_the_two_readings_compile_to_machines_that_differ_in_who_escalates() -> None:
    default = compile_workflow(CH, "issue")
    raiser = compile_workflow(CH.with_readings({"escalated_by": "raiser"}), "issue")
    assert default.states == raiser.states
    assert default.diagram() != raiser.diagram()
    asks = {
        wf: {(t.source[0], t.who_label, t.label) for t in wf.transitions
             if t.trigger == "escalate"}
        for wf in (default, raiser)
    }  # fmt: skip
    for key in CH.issues:
        here = f"handling.{key}.L0_property_company.open"
        assert (here, "property_company", "handler request") in asks[default]
        assert (here, "the reporter", "reporter request") in asks[raiser]
    assert "escalate [by the reporter; reporter request]" in raiser.diagram()


@pytest.mark.parametrize("raiser", ["owners_committee", "residents_committee", "residents"])
def test_under_the_raisers_reading_whoever_raised_it_takes_it_up(raiser: str) -> None:
    engine = Engine(CH.with_readings({"escalated_by": "raiser"}))
    company = Actor("property_company")
    issue = engine.report_issue(Actor(raiser, id="r-1"), date(2026, 5, 11), summary="lights out")
    engine.command(issue.id, "triage", company, date(2026, 5, 11), category="street_lights")
    with pytest.raises(PermissionDenied, match="may only be issued by the reporter") as no:
        engine.command(issue.id, "escalate", company, date(2026, 5, 12))
    assert no.value.rule == "issues.street_lights.ladder[0].escalate_on"
    assert no.value.allowed == raiser
    with pytest.raises(PermissionDenied, match="only the one who reported it"):
        engine.command(issue.id, "escalate", Actor(raiser, id="r-2"), date(2026, 5, 12))
    assert issue.data.level == 0
    engine.command(issue.id, "escalate", Actor(raiser, id="r-1"), date(2026, 5, 12))
    assert issue.state == "handling.street_lights.L1_street_office.open"
    # a problem the company raised itself it still takes up
    own = engine.report_issue(company, date(2026, 5, 11))
    engine.command(own.id, "triage", company, date(2026, 5, 11), category="refuse_stations")
    engine.command(own.id, "escalate", company, date(2026, 5, 11))
    assert own.state == "handling.refuse_stations.L1_street_office.open"


def test_streams_replay_under_the_reading_they_were_written_under(tmp_path: Path) -> None:
    raiser = CH.with_readings({"escalated_by": "raiser"})
    company = Actor("property_company")
    stores = {}
    for name, rules, who in (("old", CH, company), ("raiser", raiser, Actor("residents"))):
        url = f"sqlite:///{tmp_path / name}.db"
        engine = Engine(rules, store=EventStore(url))
        issue = engine.report_issue(Actor("residents"), date(2026, 5, 11))
        engine.command(issue.id, "triage", company, date(2026, 5, 11), category="green_space")
        engine.command(issue.id, "escalate", who, date(2026, 5, 12))
        stores[name] = (url, issue.state, issue.data)
    for name, rules in (("old", CH), ("raiser", raiser)):
        url, state, data = stores[name]
        again = Engine(rules, store=EventStore(url))
        assert again.problems == []
        assert (again.get("issue-1").state, again.get("issue-1").data) == (state, data)
        assert again.replay("issue-1").data == data
    # a store written under one reading is not opened under the other
    for url, rules in ((stores["old"][0], raiser), (stores["raiser"][0], CH)):
        with pytest.raises(StoreError, match="written under other readings"):
            Engine(rules, store=EventStore(url)).replay("issue-1")
