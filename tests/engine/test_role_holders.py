"""Who may act: delegation to any member, collective holders, alternative ladder handlers.

Each construct is checked at the boundary: the engine accepts the holders the
bundled charter names, refuses everyone else with :class:`PermissionDenied` citing
the rule, and a charter naming an undeclared body in the construct fails to load
with a located error listing the declared bodies.
"""

from __future__ import annotations

from datetime import date

import pytest

from governance_rules._charter import load_charter_text
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules._engine import Engine
from governance_rules._workflows import Actor
from governance_rules._workflows.core import Instance
from governance_rules.cli import main
from governance_rules.errors import CharterValidationError, PermissionDenied
from tests.engine.notices import STATED


def _bundled(charter_id: str) -> str:
    return (bundled_rulesets_dir() / f"{charter_id}.yaml").read_text(encoding="utf-8")


def _broken(charter_id: str, old: str, new: str) -> str:
    text = _bundled(charter_id)
    assert old in text
    return text.replace(old, new, 1)


# -- 1. delegation to any member (yayuan-monthly 第三条) ----------------------------------------

YAYUAN_DAY, YAYUAN_ON = date(2026, 3, 16), date(2026, 3, 2)


def _yayuan_meeting(engine: Engine) -> Instance:
    convener = Actor("owners_committee", "director")
    meeting = engine.plan_meeting(convener, "regular", YAYUAN_DAY, on=YAYUAN_ON)
    # every member of both committees releases the notice (第四条; one seat each here)
    approvals = {"owners_committee": 1, "supervisory_committee": 1}
    engine.command(meeting.id, "issue_notice", Actor("meeting_office"), YAYUAN_ON,
                   contents=STATED, approvals=approvals)  # fmt: skip
    # the topics are settled ahead of the meeting (第二条: agenda lead 提前)
    engine.command(meeting.id, "set_agenda", Actor("meeting_office"), YAYUAN_ON)
    return meeting


def _hold(engine: Engine, meeting: Instance, actor: Actor) -> None:
    present = dict.fromkeys(meeting.data.roster, 1)
    engine.command(meeting.id, "hold", actor, YAYUAN_DAY, present=present)


@pytest.mark.parametrize(
    "chair",
    [
        Actor("owners_committee", "director"),
        Actor("supervisory_committee", "director"),
        Actor("owners_committee", "member"),  # entrusted (委托) by topic
        Actor("supervisory_committee"),  # any member, no position given
    ],
)
def test_yayuan_any_member_of_either_committee_may_chair(chair: Actor) -> None:
    engine = Engine("yayuan-monthly")
    assignment = engine.charter.roles["chair"]
    assert assignment.delegates == ("owners_committee", "supervisory_committee")
    meeting = _yayuan_meeting(engine)
    _hold(engine, meeting, chair)
    assert meeting.state == "regular.held"


@pytest.mark.parametrize("actor", [Actor("property_company", "head"), Actor("residents")])
def test_yayuan_company_staff_may_not_chair(actor: Actor) -> None:
    engine = Engine("yayuan-monthly")
    meeting = _yayuan_meeting(engine)
    with pytest.raises(PermissionDenied) as info:
        _hold(engine, meeting, actor)
    assert info.value.rule == "roles.chair"
    assert "第三条" in str(info.value.citation)
    assert "property_company" not in str(info.value.allowed)
    assert meeting.state == "regular.agenda_set"


def test_a_single_delegate_body_still_loads_and_acts_without_a_position() -> None:
    engine = Engine("yangxin-2022")
    assert engine.charter.roles["convener"].delegates == ("estate_party_org",)
    meeting = engine.plan_meeting(
        Actor("estate_party_org"), "regular", date(2026, 4, 28), on=date(2026, 4, 1)
    )
    assert meeting.state == "regular.planned"


def test_delegation_to_an_undeclared_body_is_a_located_error() -> None:
    text = _broken(
        "yayuan-monthly",
        "delegate: {any_member_of: [owners_committee, supervisory_committee]}",
        "delegate: {any_member_of: [owners_committee, tenants_union]}",
    )
    with pytest.raises(CharterValidationError) as info:
        load_charter_text(text, name="ya.yaml", base_dir=bundled_rulesets_dir())
    (problem,) = info.value.problems
    message = str(problem)
    assert message.startswith("ya.yaml:")
    assert "roles.chair.delegate.any_member_of[1]" in message
    assert "unknown body 'tenants_union'" in message
    assert "supervisory_committee" in message  # the declared bodies are listed


def test_delegation_lists_each_body_once_and_at_least_one() -> None:
    for bad in ("[owners_committee, owners_committee]", "[]"):
        text = _broken(
            "yayuan-monthly",
            "delegate: {any_member_of: [owners_committee, supervisory_committee]}",
            f"delegate: {{any_member_of: {bad}}}",
        )
        with pytest.raises(CharterValidationError, match=r"roles\.chair\.delegate"):
            load_charter_text(text, name="ya.yaml", base_dir=bundled_rulesets_dir())


# -- 2. a collective convener (yayuan-monthly 第二条) ---------------------------------------------
@pytest.mark.parametrize(
    "convener",
    [
        Actor("owners_committee", "director"),
        Actor("supervisory_committee", "director"),
        Actor("property_company", "head"),
        Actor("owners_committee", "member"),
        Actor("supervisory_committee", "member"),
    ],
)
def test_yayuan_any_seat_of_the_convener_group_convenes(convener: Actor) -> None:
    engine = Engine("yayuan-monthly")
    meeting = engine.plan_meeting(convener, "regular", YAYUAN_DAY, on=YAYUAN_ON)
    assert meeting.state == "regular.planned"
    assert set(meeting.data.roles["convener"]) == {
        "owners_committee", "supervisory_committee", "property_company",
    }  # fmt: skip
    # the convener's later commands too: any seat of the group may cancel
    engine.command(meeting.id, "cancel", Actor("property_company", "head"), YAYUAN_ON)
    assert meeting.state.endswith("cancelled")


@pytest.mark.parametrize(
    ("actor", "why"),
    [
        (Actor("property_company"), "head of property_company"),  # no position
        (Actor("property_company", "member"), "head of property_company"),  # not a seat
        (Actor("owners_committee"), "director or member of owners_committee"),
        (Actor("meeting_office"), "convener"),  # a body outside the group
    ],
)
def test_yayuan_those_outside_the_convener_group_are_refused(actor: Actor, why: str) -> None:
    engine = Engine("yayuan-monthly")
    with pytest.raises(PermissionDenied, match=why) as info:
        engine.plan_meeting(actor, "regular", YAYUAN_DAY, on=YAYUAN_ON)
    assert info.value.rule == "roles.convener"
    assert "第二条" in str(info.value.citation)
    assert engine.instances() == []


def test_a_group_walks_like_any_other_holder() -> None:
    engine = Engine("yayuan-monthly")
    convener = engine.charter.roles["convener"]
    assert convener.holder() == ("owners_committee", "supervisory_committee", "property_company")
    assert convener.bodies() == convener.holder()
    assert convener.positions_for("owners_committee") == ("director", "member")
    assert convener.positions_for("property_company") == ("head",)
    assert convener.positions_for("meeting_office") is None
    assert convener.describe().startswith("the group of owners_committee director, ")


def test_a_group_seat_naming_an_undeclared_body_is_a_located_error() -> None:
    text = _broken(
        "yayuan-monthly",
        "- {body: property_company, position: head}",
        "- {body: property_firm, position: head}",
    )
    with pytest.raises(CharterValidationError) as info:
        load_charter_text(text, name="ya.yaml", base_dir=bundled_rulesets_dir())
    (problem,) = info.value.problems
    message = str(problem)
    assert message.startswith("ya.yaml:")
    assert "roles.convener.group[2].body" in message
    assert "unknown body 'property_firm'" in message
    assert "property_company" in message  # the declared bodies are listed


def test_a_group_seat_naming_an_undeclared_position_is_a_located_error() -> None:
    text = _broken(
        "yayuan-monthly",
        "- {body: property_company, position: head}",
        "- {body: property_company, position: chairman}",
    )
    with pytest.raises(CharterValidationError, match=r"roles\.convener\.group\[2\]\.position: "
                       r"property_company has no position 'chairman'; its positions: head"):  # fmt: skip
        load_charter_text(text, name="ya.yaml", base_dir=bundled_rulesets_dir())


def test_a_group_is_the_only_holder_and_names_positions_per_seat() -> None:
    both = _broken(
        "yayuan-monthly",
        "  convener:\n    group:",
        "  convener:\n    body: owners_committee\n    group:",
    )
    shared = _broken(
        "yayuan-monthly", "  convener:\n    group:", "  convener:\n    position: head\n    group:"
    )
    for text, why in ((both, "exactly one of"), (shared, "each seat's position")):
        with pytest.raises(CharterValidationError, match=why):
            load_charter_text(text, name="ya.yaml", base_dir=bundled_rulesets_dir())


# -- 3. an alternative handler on a ladder level (yangxin-2022 (二) 第二条) ------------------------
EPM = Actor("residents_committee", "environment_and_property_member")
ESTATE_HEAD = Actor("estate_party_org", "head")
REPORTED = date(2026, 3, 2)


def _routine_issue(engine: Engine, triage_by: Actor = EPM) -> Instance:
    issue = engine.report_issue(Actor("residents"), REPORTED, summary="lift out of order")
    engine.command(issue.id, "triage", triage_by, REPORTED, category="routine")
    return issue


@pytest.mark.parametrize("handler", [EPM, ESTATE_HEAD])
def test_yangxin_routine_level_is_handled_by_the_rc_member_or_the_estate_party_head(
    handler: Actor,
) -> None:
    engine = Engine("yangxin-2022")
    level = engine.charter.issues["routine"].ladder[0]
    assert level.bodies() == ("residents_committee", "estate_party_org")
    assert level.alternatives[0].authorised_by == "party_org"
    issue = _routine_issue(engine, handler)
    for step in ("reply", "follow_up", "resolve"):
        engine.command(issue.id, step, handler, date(2026, 3, 3))
    assert issue.state == "handling.routine.L0_residents_committee.resolved"
    # either may pass the issue up to the RC's coordination
    other = _routine_issue(engine, handler)
    engine.command(other.id, "escalate", handler, date(2026, 3, 3))
    assert other.state == "handling.routine.L1_residents_committee.open"


@pytest.mark.parametrize(
    ("actor", "why"),
    [
        (Actor("residents_committee", "director"), "environment_and_property_member"),
        (Actor("estate_party_org"), "the head of estate_party_org"),  # no position
        (Actor("party_org", "head"), "may only be issued by"),  # it authorises, not handles
        (Actor("property_company", "head"), "may only be issued by"),
    ],
)
def test_yangxin_routine_level_refuses_anyone_else(actor: Actor, why: str) -> None:
    engine = Engine("yangxin-2022")
    issue = _routine_issue(engine)
    with pytest.raises(PermissionDenied, match=why) as info:
        engine.command(issue.id, "reply", actor, date(2026, 3, 3))
    assert info.value.rule is not None
    assert info.value.rule.startswith("issues.routine.ladder[0]")
    assert "第二条" in str(info.value.citation)
    assert issue.state == "handling.routine.L0_residents_committee.open"


def test_the_next_level_keeps_its_single_handler() -> None:
    engine = Engine("yangxin-2022")
    issue = _routine_issue(engine)
    engine.command(issue.id, "escalate", EPM, date(2026, 3, 3))
    with pytest.raises(PermissionDenied):
        engine.command(issue.id, "reply", ESTATE_HEAD, date(2026, 3, 4))
    engine.command(issue.id, "reply", Actor("residents_committee", "director"), date(2026, 3, 4))


@pytest.mark.parametrize(
    ("old", "new", "where", "what"),
    [
        (
            "{body: estate_party_org, position: head, authorised_by: party_org}",
            "{body: estate_branch, position: head, authorised_by: party_org}",
            "issues.routine.ladder[0].alternatives[0].body",
            "unknown body 'estate_branch'",
        ),
        (
            "{body: estate_party_org, position: head, authorised_by: party_org}",
            "{body: estate_party_org, position: head, authorised_by: township}",
            "issues.routine.ladder[0].alternatives[0].authorised_by",
            "unknown body 'township'",
        ),
        (
            "position: environment_and_property_member\n        alternatives:",
            "position: caretaker\n        alternatives:",
            "issues.routine.ladder[0].position",
            "residents_committee has no position 'caretaker'",
        ),
    ],
)
def test_an_alternative_naming_an_undeclared_body_is_a_located_error(
    old: str, new: str, where: str, what: str
) -> None:
    text = _broken("yangxin-2022", old, new)
    with pytest.raises(CharterValidationError) as info:
        load_charter_text(text, name="yx.yaml", base_dir=bundled_rulesets_dir())
    (problem,) = info.value.problems
    message = str(problem)
    assert message.startswith("yx.yaml:")
    assert where in message
    assert what in message
    assert "estate_party_org" in message or "director" in message  # what is allowed


def test_an_alternative_may_not_repeat_the_handler() -> None:
    text = _broken(
        "yangxin-2022",
        "{body: estate_party_org, position: head, authorised_by: party_org}",
        "{body: residents_committee, position: environment_and_property_member}",
    )
    with pytest.raises(CharterValidationError, match="repeats the handler"):
        load_charter_text(text, name="yx.yaml", base_dir=bundled_rulesets_dir())


def test_a_single_delegate_body_is_any_member_of_that_body() -> None:
    text = _bundled("yangxin-2022")
    one = load_charter_text(text, name="yx.yaml", base_dir=bundled_rulesets_dir())
    spelled = text.replace(
        "delegate: estate_party_org", "delegate: {any_member_of: [estate_party_org]}"
    )
    assert spelled != text
    other = load_charter_text(spelled, name="yx.yaml", base_dir=bundled_rulesets_dir())
    assert one.roles == other.roles
    bad = text.replace("delegate: estate_party_org", "delegate: estate_branch", 1)
    with pytest.raises(CharterValidationError, match=r"yx\.yaml:\d+:\d+: roles\.convener\.delegate"
                       r": unknown body 'estate_branch'; declared bodies: "):  # fmt: skip
        load_charter_text(bad, name="yx.yaml", base_dir=bundled_rulesets_dir())


# -- show --------------------------------------------------------------------------------
def test_show_says_who_holds_each_role_and_handles_a_level(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["show", "yayuan-monthly"]) == 0
    out = capsys.readouterr().out
    assert (
        "held by: the group of owners_committee director, supervisory_committee director, "
        "property_company head, owners_committee member, supervisory_committee member"
    ) in out
    assert "by delegation: any member of owners_committee, supervisory_committee" in out
    assert main(["show", "yangxin-2022"]) == 0
    out = capsys.readouterr().out
    assert (
        "handled by: residents_committee environment_and_property_member or "
        "estate_party_org head (authorised by party_org)"
    ) in out


def test_show_in_chinese_says_who_holds_and_handles_in_chinese(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["show", "yayuan-monthly", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert (
        "担任：由owners_committee director、supervisory_committee director、property_company head、"
        "owners_committee member、supervisory_committee member组成的集体"
    ) in out
    assert "；受委托：owners_committee、supervisory_committee的任一成员" in out
    assert "the group of" not in out
    assert "by delegation" not in out
    assert main(["show", "yangxin-2022", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert (
        "承办：residents_committee environment_and_property_member或estate_party_org head"
        "（经party_org授权）"
    ) in out
    assert main(["show", "rotating-quarterly-consensus", "--lang", "zh"]) == 0
    assert "担任：轮流：residents_committee、owners_committee、property_company" in (
        capsys.readouterr().out
    )
