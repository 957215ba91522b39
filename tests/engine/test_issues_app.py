"""Issues, as a community platform uses them through the public API, on every bundled charter.

An app reports a problem, triages it into one of the charter's categories, and the
level's handler replies, follows up, resolves or passes it up the ladder; the reporter
closes or reopens. Everything that decides who may act and how the issue climbs comes
from the charter's ``issues`` section (handler, positions, alternatives, escalate_on,
deadlines): the tests read the charter, never a list of body names. A refused command
changes nothing and cites the charter rule.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import governance_rules as gr
from governance_rules._charter import Charter, load_charter_text
from governance_rules._charter.issues import EscalationTrigger, IssueCategory, Level
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules.errors import CommandRefused, PermissionDenied
from governance_rules.testing import check_charter
from governance_rules.testing.search import search
from tests.engine.refusals import refused as _refused

ON_REQUEST = {
    EscalationTrigger.HANDLER_REQUEST,
    EscalationTrigger.BEYOND_REMIT,
    EscalationTrigger.UNRESOLVED_AFTER_MEETING,
}
WITH_ISSUES = [
    cid
    for cid, entry in gr.available_charters().items()
    if entry.origin == "bundled" and gr.load_charter(cid).issues
]
WITHOUT_ISSUES = [
    cid
    for cid, entry in gr.available_charters().items()
    if entry.origin == "bundled" and not gr.load_charter(cid).issues
]
RESIDENT = gr.Actor("residents", id="flat-3-201")
NEIGHBOUR = gr.Actor("residents", id="flat-5-101")
EVIL = "lift [bold]stuck[/bold]\x1b[31m\n  2. 2026-09-28 close by residents → closed\u202e"

SRC = "{doc: local, summary: a local implementing rule}"
# a street office's implementing rule on top of yangxin-2022: one level that climbs only
# when its deadlines are missed (with an alternative handler), one that climbs only on
# request, one whose reply is due at once, and the street office at the top
LOCAL = f"""
id: local-ladders
extends: yangxin-2022
title: Local ladders
jurisdiction: a street office
documents:
  local: {{kind: guide, file: engine-tests, heading: Local ladders}}
issues:
  timed:
    kind: routine
    ladder:
      - handler: residents_committee
        position: environment_and_property_member
        alternatives: [{{body: estate_party_org, position: head}}]
        involves: [owners_committee, property_company]
        deadlines: {{reply: 3 working days, follow_up: 2 working days, resolve: 10 working days}}
        escalate_on: [deadline_breach]
        source: {SRC}
      - handler: joint_meeting
        deadlines: {{reply: 15 days}}
        escalate_on: [handler_request]
        source: {SRC}
      - handler: party_org
        deadlines: {{reply: immediately}}
        escalate_on: [deadline_breach, beyond_remit]
        source: {SRC}
      - handler: street_office
        involves: [departments]
        source: {SRC}
    terminal: street_office
    source: {SRC}
"""


@pytest.fixture(scope="module")
def local() -> Charter:
    return load_charter_text(LOCAL, name="local.yaml", base_dir=bundled_rulesets_dir())


def _handler(level: Level) -> gr.Actor:
    """An actor who handles ``level``: its handler body, in the position the level names."""
    positions = level.positions
    return gr.Actor(level.handler, positions[0] if positions else None, "handler-1")


def _allowed(level: Level) -> str:
    """What a refusal allows at ``level``: each body, in the position the level names."""
    return ", ".join(
        " or ".join(f"Actor({body!r}, position={p!r})" for p in level.positions_for(body)) or body
        for body in level.bodies()
    )


def _outsider(charter: Charter, level: Level) -> gr.Actor:
    """A body of the charter that does not handle ``level`` (one it involves, if any)."""
    handlers = level.bodies()
    pool = [*level.involves, *charter.bodies]
    return gr.Actor(next(b for b in pool if b not in handlers and b != "residents"))


def _raiser(category: IssueCategory, who: gr.Actor) -> gr.Actor:
    """``who``, or where the category takes no report by ``who``'s body (``raised_by``),
    an actor with ``who``'s id of the first body it takes them from."""
    raisers = category.raised_by
    return who if raisers is None or who.body in raisers else gr.Actor(raisers[0], id=who.id)


def _triaged(engine: gr.Engine, category: str, on: date, reporter: gr.Actor = RESIDENT) -> Any:
    charter = engine.charter.at(on)
    issue = engine.report_issue(reporter, on, summary="water leak")
    first = charter.issues[category].ladder[0]
    return engine.command(issue.id, "triage", _handler(first), on, category=category)


# -- every route the charter allows works; every other is refused, citing the charter --------
@pytest.mark.parametrize("charter_id", WITH_ISSUES)
def test_every_category_climbs_by_each_allowed_route_to_its_terminal_body(charter_id: str) -> None:
    engine = gr.Engine(charter_id)
    charter = engine.charter
    day = date(2026, 3, 2)
    for name, category in charter.issues.items():
        reporter, neighbour = _raiser(category, RESIDENT), _raiser(category, NEIGHBOUR)
        issue = _triaged(engine, name, day, reporter)
        ladder = category.ladder
        for k, level in enumerate(ladder):
            assert issue.state == f"handling.{name}.L{k}_{level.handler}.open"
            assert engine.open_issues()[(name, k)] == [issue]
            outsider = _outsider(charter, level)
            routes = set(level.escalate_on) & ON_REQUEST
            if k + 1 == len(ladder):
                exc = _refused(engine, engine.command, issue.id, "escalate", _handler(level), day)
                assert exc.rule == f"issues.{name}.terminal"
                assert exc.citation == charter.cite(f"issues.{name}")
                assert f"ends at {category.terminal}" in str(exc)
                assert level.handler == category.terminal
                break
            if not routes:
                exc = _refused(engine, engine.command, issue.id, "escalate", _handler(level), day)
                assert exc.rule == f"issues.{name}.ladder[{k}].escalate_on"
                assert exc.citation
                break
            # a body the level does not name may not pass it up: the refusal says who may
            exc = _refused(engine, engine.command, issue.id, "escalate", outsider, day)
            assert isinstance(exc, PermissionDenied)
            assert exc.rule == f"issues.{name}.ladder[{k}].escalate_on"
            assert exc.citation == charter.cite(f"issues.{name}.ladder[{k}]")
            assert exc.allowed == _allowed(level)
            engine.command(issue.id, "escalate", _handler(level), day)
        top = ladder[issue.data.level]
        for step in ("reply", "resolve"):
            exc = _refused(engine, engine.command, issue.id, step, _outsider(charter, top), day)
            assert isinstance(exc, PermissionDenied)
            engine.command(issue.id, step, _handler(top), day)
        if neighbour.body not in top.bodies():  # else a member of the handler's body
            exc = _refused(engine, engine.command, issue.id, "close", neighbour, day)
            assert isinstance(exc, PermissionDenied)
            assert exc.allowed == f"Actor({reporter.body!r}, id='flat-3-201')"
        assert engine.command(issue.id, "close", reporter, day).state == "closed"
    assert engine.open_issues() == {}


@pytest.mark.parametrize("charter_id", WITHOUT_ISSUES)
def test_a_charter_without_ladders_refuses_a_report_and_says_why(charter_id: str) -> None:
    engine = gr.Engine(charter_id)
    exc = _refused(engine, engine.report_issue, RESIDENT, date(2026, 3, 2))
    assert exc.rule == "issues"
    assert "sets no issue categories" in str(exc)
    assert engine.store.streams() == []


# -- categories ---------------------------------------------------------------------------------
@pytest.mark.parametrize("charter_id", WITH_ISSUES)
def test_an_unknown_or_missing_category_is_refused_under_the_categories_rule(
    charter_id: str,
) -> None:
    """Before: the refusal cited the category tried last (``issues.other``) and showed the
    trigger as what it got; now it cites the categories and shows the value."""
    engine = gr.Engine(charter_id)
    categories = list(engine.charter.issues)
    issue = engine.report_issue(RESIDENT, date(2026, 3, 2))
    first = _handler(engine.charter.issues[categories[0]].ladder[0])
    for given, shown in (("nope", "'nope'"), (["routine"], "['routine']"), (None, "None")):
        args = {} if given is None else {"category": given}
        exc = _refused(engine, engine.command, issue.id, "triage", first, date(2026, 3, 2), **args)
        assert type(exc) is CommandRefused
        assert exc.rule == "issues"
        assert exc.got == given
        assert exc.allowed == ", ".join(categories)
        assert f"(got {shown}); allowed: {', '.join(categories)}" in str(exc)
    assert issue.state == "reported"


class _EqualsAnything(str):
    """A caller's text whose ``==`` says yes to every category name."""

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = str.__hash__


def test_a_category_that_only_claims_to_equal_a_name_is_refused() -> None:
    """Before: it matched the first category's edge, was stored as the category and the
    deadlines' look-up raised KeyError (a foreign exception; nothing was written)."""
    engine = gr.Engine("yangxin-2022")
    issue = engine.report_issue(RESIDENT, date(2026, 3, 2))
    handler = gr.Actor("residents_committee", "environment_and_property_member")
    exc = _refused(engine, engine.command, issue.id, "triage", handler, date(2026, 3, 2),
                   category=_EqualsAnything("nope"))  # fmt: skip
    assert exc.rule == "issues"
    assert issue.state == "reported"


def test_the_twelve_street_categories_are_each_triaged_by_the_company() -> None:
    """street-joint-meeting 三、1-12: twelve kinds of problem; 四、(一): the company takes them
    first and passes to the street office what it cannot coordinate."""
    engine = gr.Engine("street-joint-meeting")
    categories = list(engine.charter.issues)
    assert len(categories) == 12
    for name in categories:
        issue = engine.report_issue(gr.Actor("owners_committee"), date(2026, 3, 2))
        exc = _refused(engine, engine.command, issue.id, "triage", gr.Actor("street_office"),
                       date(2026, 3, 2), category=name)  # fmt: skip
        assert isinstance(exc, PermissionDenied)
        assert exc.rule == f"issues.{name}"
        assert exc.citation
        triaged = engine.command(issue.id, "triage", gr.Actor("property_company"),
                                 date(2026, 3, 2), category=name)  # fmt: skip
        assert triaged.state == f"handling.{name}.L0_property_company.open"


# -- the ladder's own rules: a level that climbs only on a missed deadline ----------------------
def test_a_level_that_climbs_only_on_missed_deadlines_refuses_a_request(local: Charter) -> None:
    """Before: 'escalate' is not possible ... with no rule and no citation."""
    engine = gr.Engine(local)
    issue = _triaged(engine, "timed", date(2026, 9, 28))
    exc = _refused(engine, engine.command, issue.id, "escalate", _handler(local.issues["timed"]
                   .ladder[0]), date(2026, 9, 29))  # fmt: skip
    assert exc.rule == "issues.timed.ladder[0].escalate_on"
    assert exc.citation == local.cite("issues.timed.ladder[0]")
    assert "only when one of its deadlines is missed" in str(exc)
    assert "advance_to" in str(exc)


def test_a_level_that_climbs_on_a_missed_deadline_it_never_sets_says_so(local: Charter) -> None:
    """The kit flags the level above as unreachable; the refusal says why too."""
    text = LOCAL.replace(
        "deadlines: {reply: 3 working days, follow_up: 2 working days, resolve: 10 working days}",
        "deadlines: {reply: promptly}",
    )
    assert text != LOCAL
    charter = load_charter_text(text, name="open.yaml", base_dir=bundled_rulesets_dir())
    engine = gr.Engine(charter)
    issue = _triaged(engine, "timed", date(2026, 9, 28))
    exc = _refused(engine, engine.command, issue.id, "escalate", _handler(charter.issues["timed"]
                   .ladder[0]), date(2026, 9, 29))  # fmt: skip
    assert exc.rule == "issues.timed.ladder[0].escalate_on"
    assert "sets none that can be" in str(exc)
    assert engine.deadlines() == []
    found = check_charter(charter, examples=0).violations
    assert {v.invariant for v in found} == {"every_state_is_reachable"}
    assert ("issues.timed.ladder[0].escalate_on", "issues.timed.ladder[1]") in [
        v.rules for v in found
    ]


def test_ladder_deadlines_count_working_days_and_fire_once(local: Charter) -> None:
    engine = gr.Engine(local)
    issue = _triaged(engine, "timed", date(2026, 9, 28))
    listed = [(t.rule.rsplit(".", 1)[-1], t.due) for i, t in engine.deadlines() if i is issue]
    # 3 working days: 29, 30 Sep, then National Day, then 8 Oct; 10 working days count the
    # make-up Saturday 10 Oct (调休)
    assert listed == [("reply", date(2026, 10, 8)), ("resolve", date(2026, 10, 16))]
    assert engine.advance_to(date(2026, 10, 8)) == []  # due on its last day: not yet breached
    [fired] = engine.advance_to(date(2026, 10, 9))
    assert fired.timer.args["deadline"] == "reply"
    assert fired.event.payload["on"] == date(2026, 10, 9)
    assert issue.state == "handling.timed.L1_joint_meeting.open"  # escalate_on: deadline_breach
    assert engine.advance_to(date(2026, 10, 9)) == []
    # the next level counts calendar days from the day it was reached: 15 days end on
    # Saturday 24 Oct, a rest day, so the reply is due on Monday 26 Oct
    [(_, reply)] = engine.deadlines()
    assert (reply.due, reply.rule) == (
        date(2026, 10, 26),
        "issues.timed.ladder[1].deadlines.reply",
    )
    # that level climbs only on request: its missed deadline is recorded, once
    [fired] = engine.advance_to(date(2026, 12, 31))
    assert issue.state == "handling.timed.L1_joint_meeting.open"
    assert issue.data.breaches == ("L0:reply:2026-09-28", "L1:reply:2026-10-09")
    assert engine.advance_to(date(2027, 3, 1)) == []
    assert engine.deadlines() == []


def test_the_alternative_handler_and_positions_come_from_the_level(local: Charter) -> None:
    engine = gr.Engine(local)
    issue = _triaged(engine, "timed", date(2026, 9, 30))
    wrong = gr.Actor("estate_party_org", "secretary")
    exc = _refused(engine, engine.command, issue.id, "reply", wrong, date(2026, 9, 30))
    assert isinstance(exc, PermissionDenied)
    assert exc.allowed == "Actor('estate_party_org', position='head')"
    assert exc.citation
    involved = _refused(engine, engine.command, issue.id, "reply", gr.Actor("owners_committee"),
                        date(2026, 9, 30))  # fmt: skip
    assert involved.allowed == (  # involved, not handling: each handler in its position
        "Actor('residents_committee', position='environment_and_property_member'), "
        "Actor('estate_party_org', position='head')"
    )
    engine.command(issue.id, "reply", gr.Actor("estate_party_org", "head"), date(2026, 9, 30))
    # the follow-up is due 2 working days after the reply: 8 and 9 Oct
    follow = [t for _, t in engine.deadlines() if t.rule.endswith("follow_up")]
    assert [t.due for t in follow] == [date(2026, 10, 9)]


def test_an_immediate_deadline_reads_as_one(local: Charter) -> None:
    """Before: 'reply (party_org): within immediately of 2026-10-12, by 2026-10-12'."""
    engine = gr.Engine(local)
    issue = _triaged(engine, "timed", date(2026, 10, 12))
    engine.advance_to(date(2026, 10, 16))  # the L0 reply (3 working days, 15 Oct) is missed
    joint = gr.Actor("joint_meeting")
    issue = engine.command(issue.id, "escalate", joint, date(2026, 10, 16))
    [(_, now)] = engine.deadlines()
    assert now.explanation == "reply (party_org): immediately, by 2026-10-16"
    [fired] = engine.advance_to(date(2026, 10, 17))  # breached the next day: climbs
    assert fired.event.payload["on"] == date(2026, 10, 17)
    assert issue.state == "handling.timed.L3_street_office.open"
    exc = _refused(engine, engine.command, issue.id, "escalate", gr.Actor("street_office"),
                   date(2026, 10, 17))  # fmt: skip
    assert exc.rule == "issues.timed.terminal"


@pytest.mark.parametrize(
    ("reported", "due"),
    [
        (date(2026, 9, 28), date(2026, 10, 8)),  # 1 Oct falls in National Day: the day after
        (date(2026, 10, 10), date(2026, 10, 13)),  # from a make-up Saturday (调休)
        (date(2026, 9, 20), date(2026, 9, 23)),  # from a make-up Sunday
        (date(2026, 12, 29), date(2027, 1, 4)),  # New Year's Day, then the weekend
    ],
)
def test_a_three_day_reply_ends_after_a_holiday(reported: date, due: date) -> None:
    """pm-liaison-bimonthly 4.1.4.4: answer within 3 days (calendar days; a last day on a
    rest day or holiday moves to the next working day, 民法典 第203条)."""
    engine = gr.Engine("pm-liaison-bimonthly")
    issue = engine.report_issue(gr.Actor("owners_committee"), reported)
    engine.command(issue.id, "triage", gr.Actor("property_company"), reported,
                   category="oc_questions")  # fmt: skip
    [(_, reply)] = engine.deadlines()
    assert reply.due == due
    assert reply.due == gr.WorkingCalendar.china().due(reported, gr.Period.parse("3 days")).due
    assert ("(provisional" in reply.explanation) == (due.year == 2027)
    # escalate_on is beyond_remit only: the missed reply is recorded, the company passes it up
    [fired] = engine.advance_to(date(2027, 2, 1))
    assert fired.event.payload["to"] == issue.state
    assert issue.state.endswith("L0_property_company.open")
    engine.command(issue.id, "escalate", gr.Actor("property_company"), date(2027, 2, 1))
    assert issue.state == "handling.oc_questions.L1_owners_committee.open"


# -- who acts as the reporter -------------------------------------------------------------------
def test_the_reporter_closes_in_the_handlers_body_whatever_their_position() -> None:
    """The reporter may close a resolved issue (yangxin-2022 (二) 第二条: the RC member for
    property handles routine problems). Before: an RC director who reported it could
    reopen it but not close it (the level's position was asked of the reporter)."""
    engine = gr.Engine("yangxin-2022")
    director = gr.Actor("residents_committee", "director", "rc-director")
    member = gr.Actor("residents_committee", "environment_and_property_member")
    for reporter in (director, gr.Actor("residents_committee", "director")):
        issue = _triaged(engine, "routine", date(2026, 9, 29), reporter)
        engine.command(issue.id, "reply", member, date(2026, 9, 29))
        engine.command(issue.id, "resolve", member, date(2026, 9, 30))
        if reporter.id:  # another director is neither the reporter nor the level's handler
            other = gr.Actor("residents_committee", "director", "another-director")
            exc = _refused(engine, engine.command, issue.id, "close", other, date(2026, 9, 30))
            assert exc.rule == "issues.routine.ladder[0]"
        assert engine.command(issue.id, "close", reporter, date(2026, 9, 30)).state == "closed"


@pytest.mark.parametrize("charter_id", WITH_ISSUES)
def test_only_the_reporter_reopens(charter_id: str) -> None:
    engine = gr.Engine(charter_id)
    name, category = next(iter(engine.charter.issues.items()))
    reporter = _raiser(category, RESIDENT)
    issue = _triaged(engine, name, date(2026, 3, 2), reporter)
    handler = _handler(category.ladder[0])
    engine.command(issue.id, "reply", handler, date(2026, 3, 2))
    engine.command(issue.id, "resolve", handler, date(2026, 3, 3))
    for who in (handler, _raiser(category, NEIGHBOUR), gr.Actor(reporter.body)):
        exc = _refused(engine, engine.command, issue.id, "reopen", who, date(2026, 3, 4))
        assert isinstance(exc, PermissionDenied)
        assert exc.citation
    engine.command(issue.id, "reopen", reporter, date(2026, 3, 4))
    assert issue.state.endswith(".open")
    assert issue.data.reopened == 1


# -- explain and the log ------------------------------------------------------------------------
def test_explain_shows_the_summary_literally_and_names_the_missed_deadline() -> None:
    """Before: explain() showed neither what was reported nor which deadline was missed."""
    engine = gr.Engine("pm-liaison-bimonthly")
    issue = engine.report_issue(gr.Actor("owners_committee"), date(2026, 9, 28), summary=EVIL)
    engine.command(issue.id, "triage", gr.Actor("property_company"), date(2026, 9, 28),
                   category="oc_questions")  # fmt: skip
    engine.advance_to(date(2026, 10, 9))
    lines = engine.explain(issue.id)
    for line in lines:
        assert not any(c in line for c in "\n\x1b\u202e"), line
    assert lines[1] == (
        "  1. 2026-09-28 report by owners_committee → reported (summary: lift [bold]stuck"
        "[/bold]\\x1b[31m\\x0a  2. 2026-09-28 close by residents → closed\\u202e)"
    )
    assert lines[3].endswith("(reply deadline missed)")
    assert engine.get(issue.id).data.summary == EVIL  # the data keep the text as given


_READ_BACK = """
import json, sys
import governance_rules as gr
charter, path = sys.argv[1], sys.argv[2]
with gr.EventStore.sqlite(path) as store:
    engine = gr.Engine(charter, store=store)
    print(json.dumps({
        "problems": engine.problems,
        "items": [[i.id, i.state, repr(i.data), i.version, str(i.last_on)]
                  for i in engine.instances()],
        "deadlines": [[i.id, repr(t)] for i, t in engine.deadlines()],
        "explain": [engine.explain(i.id) for i in engine.instances()],
    }))
"""


@pytest.mark.parametrize("charter_id", WITH_ISSUES)
def test_a_second_process_reads_the_same_issues_from_sqlite(
    charter_id: str, tmp_path: Path
) -> None:
    path = tmp_path / "community.db"
    with gr.EventStore.sqlite(path) as store:
        engine = gr.Engine(charter_id, store=store)
        for name, category in engine.charter.issues.items():
            issue = _triaged(engine, name, date(2026, 9, 28), _raiser(category, RESIDENT))
            if len(category.ladder) > 1 and set(category.ladder[0].escalate_on) & ON_REQUEST:
                engine.command(issue.id, "escalate", _handler(category.ladder[0]),
                               date(2026, 9, 30))  # fmt: skip
        engine.advance_to(date(2026, 10, 12))
        mine = {
            "problems": [],
            "items": [
                [i.id, i.state, repr(i.data), i.version, str(i.last_on)]
                for i in engine.instances()
            ],
            "deadlines": [[i.id, repr(t)] for i, t in engine.deadlines()],
            "explain": [engine.explain(i.id) for i in engine.instances()],
        }
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", _READ_BACK, charter_id, str(path)],
                          capture_output=True, text=True, env=env, timeout=300, check=True)  # fmt: skip
    assert json.loads(done.stdout) == mine


# -- the invariant kit agrees with the engine ---------------------------------------------------
@pytest.mark.parametrize("charter_id", [*WITH_ISSUES, "local"])
def test_the_invariant_kit_finds_nothing_the_engine_does_not_do(
    charter_id: str, local: Charter
) -> None:
    charter = local if charter_id == "local" else gr.load_charter(charter_id)
    report = check_charter(charter, examples=0)
    assert report.ok, report.violations
    assert search(charter, "issue", examples=8, seed=3) == []
