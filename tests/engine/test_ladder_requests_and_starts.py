"""Two ladder keys: the reporter's own request to escalate, and when a follow-up starts.

``escalate_on: [reporter_request]`` lets the one who reported an issue (its recorded
reporter, by id where the app gave one) pass it up from that level; beside a handler's
trigger the handlers keep their request too. ``deadlines.follow_up_from: report`` counts
the follow-up deadline from the day the question came to the level, as the reply's, instead
of from the reply. A local rule on top of yangxin-2022 counts working days, so its dates
cross the 2026 National Day holiday and the make-up Saturday 10 Oct (调休).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import governance_rules as gr
from governance_rules._charter import Charter, load_charter_text
from governance_rules._charter.issues import FollowUpStart
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules._workflows import compile_workflow
from governance_rules.errors import CharterValidationError, PermissionDenied
from tests.engine.refusals import refused

RESIDENT = gr.Actor("residents", id="flat-3-201")
NEIGHBOUR = gr.Actor("residents", id="flat-5-101")
RC = gr.Actor("residents_committee")
JOINT = gr.Actor("joint_meeting")

SRC = "{doc: local, summary: a local implementing rule}"
# level 0: the RC or the reporter may pass it up, the follow-up counted from the question;
# level 1: only the reporter may, the follow-up counted from the reply (unset)
LOCAL = f"""
id: local-requests
extends: yangxin-2022
title: Local requests
jurisdiction: a street office
documents:
  local: {{kind: guide, file: engine-tests, heading: Local requests}}
issues:
  asked:
    kind: routine
    ladder:
      - handler: residents_committee
        deadlines: {{reply: 2 working days, follow_up: 2 working days, follow_up_from: report}}
        escalate_on: [handler_request, reporter_request]
        source: {SRC}
      - handler: joint_meeting
        deadlines: {{reply: 1 working day, follow_up: 1 working day}}
        escalate_on: [reporter_request]
        source: {SRC}
      - handler: street_office
        source: {SRC}
    terminal: street_office
    source: {SRC}
"""


def _load(text: str) -> Charter:
    return load_charter_text(text, name="local.yaml", base_dir=bundled_rulesets_dir())


@pytest.fixture(scope="module")
def local() -> Charter:
    return _load(LOCAL)


def _triaged(engine: gr.Engine, on: date, reporter: gr.Actor = RESIDENT) -> gr.Instance:
    issue = engine.report_issue(reporter, on, summary="water leak")
    return engine.command(issue.id, "triage", RC, on, category="asked")


def _pending(engine: gr.Engine) -> list[tuple[str, date]]:
    return [(t.rule.rsplit(".", 1)[-1], t.due) for _, t in engine.deadlines()]


# -- the language ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "{reply: 2 working days, follow_up: 2 working days, follow_up_from: report}",
            "{reply: 2 working days, follow_up_from: report}",
            "asked.ladder[0].deadlines: follow_up_from needs a follow_up deadline to start "
            "(got no follow_up)",
        ),
        (
            "{reply: 2 working days, follow_up: 2 working days, follow_up_from: report}",
            "{reply: 2 working days, follow_up: promptly, follow_up_from: report}",
            "follow_up_from would not be enforced: the follow_up deadline promptly has no number",
        ),
        (
            "follow_up_from: report}",
            "follow_up_from: answer}",
            "ladder[0].deadlines.follow_up_from: Input should be 'reply' or 'report' (got 'answer')",
        ),
        (
            "      - handler: street_office\n",
            "      - handler: street_office\n        escalate_on: [reporter_request]\n",
            "the terminal level cannot escalate further",
        ),
    ],
)
def test_misused_keys_are_charter_errors_naming_the_rule(old: str, new: str, message: str) -> None:
    text = LOCAL.replace(old, new)
    assert text != LOCAL
    with pytest.raises(CharterValidationError) as info:
        _load(text)
    assert message in str(info.value)
    assert "local.yaml:" in str(info.value)  # located in the file


def test_an_unset_start_is_the_reply_and_invents_nothing(local: Charter) -> None:
    first, second, top = local.issues["asked"].ladder
    assert first.deadlines.follow_up_start is FollowUpStart.REPORT
    assert second.deadlines.follow_up_from is None  # not stated: nothing is recorded
    assert second.deadlines.follow_up_start is FollowUpStart.REPLY
    assert top.deadlines.follow_up_from is None


# -- who may escalate ----------------------------------------------------------------------------
def test_the_reporter_and_the_handler_may_both_ask_where_the_level_lets_both(
    local: Charter,
) -> None:
    engine = gr.Engine(local)
    by_reporter = _triaged(engine, date(2026, 6, 1))
    engine.command(by_reporter.id, "escalate", RESIDENT, date(2026, 6, 2))
    assert by_reporter.state == "handling.asked.L1_joint_meeting.open"
    by_handler = _triaged(engine, date(2026, 6, 1))
    engine.command(by_handler.id, "escalate", RC, date(2026, 6, 2))
    assert by_handler.state == "handling.asked.L1_joint_meeting.open"


def test_anyone_else_is_refused_and_told_who_may(local: Charter) -> None:
    engine = gr.Engine(local)
    issue = _triaged(engine, date(2026, 6, 1))
    exc = refused(engine, engine.command, issue.id, "escalate", gr.Actor("owners_committee"),
                  date(2026, 6, 2))  # fmt: skip
    assert isinstance(exc, PermissionDenied)
    assert exc.what == "'escalate' may only be issued by residents_committee or the reporter"
    assert exc.allowed == "residents_committee, residents"
    assert exc.rule == "issues.asked.ladder[0].escalate_on"
    assert exc.citation == local.cite("issues.asked.ladder[0]")
    # another resident is of the reporter's body but is not the one who reported it
    exc = refused(engine, engine.command, issue.id, "escalate", NEIGHBOUR, date(2026, 6, 2))
    assert isinstance(exc, PermissionDenied)
    assert "only the one who reported it" in exc.what
    assert exc.allowed == "Actor('residents', id='flat-3-201')"


def test_where_only_the_reporter_may_ask_the_handler_is_refused(local: Charter) -> None:
    engine = gr.Engine(local)
    issue = _triaged(engine, date(2026, 6, 1))
    engine.command(issue.id, "escalate", RC, date(2026, 6, 2))
    exc = refused(engine, engine.command, issue.id, "escalate", JOINT, date(2026, 6, 3))
    assert isinstance(exc, PermissionDenied)
    assert exc.what == "'escalate' may only be issued by the reporter"
    assert exc.allowed == "residents"
    assert exc.rule == "issues.asked.ladder[1].escalate_on"
    engine.command(issue.id, "escalate", RESIDENT, date(2026, 6, 3))
    assert issue.state == "handling.asked.L2_street_office.open"


def test_without_reporter_request_the_reporter_is_refused(local: Charter) -> None:
    text = LOCAL.replace("[handler_request, reporter_request]", "[handler_request]")
    charter = _load(text)
    engine = gr.Engine(charter)
    issue = _triaged(engine, date(2026, 6, 1))
    exc = refused(engine, engine.command, issue.id, "escalate", RESIDENT, date(2026, 6, 2))
    assert isinstance(exc, PermissionDenied)
    assert exc.what == "'escalate' may only be issued by residents_committee"
    assert exc.allowed == "residents_committee"
    # and the machines differ only there: who may ask
    asking, handling = (
        {
            (t.source[0], t.who_label, t.label)
            for t in compile_workflow(c, "issue").transitions
            if t.trigger == "escalate"
        }
        for c in (local, charter)
    )
    assert asking - handling == {
        (
            "handling.asked.L0_residents_committee.open",
            "residents_committee or the reporter",
            "handler request, reporter request",
        )
    }
    diagram = compile_workflow(local, "issue").diagram()
    assert "escalate [by residents_committee or the reporter; handler request, reporter" in diagram
    assert "escalate [by the reporter; reporter request]" in diagram


# -- when the follow-up starts -----------------------------------------------------------------
def test_a_follow_up_from_the_question_is_due_with_the_reply_across_the_holiday(
    local: Charter,
) -> None:
    engine = gr.Engine(local)
    # triaged Wed 30 Sep 2026: two working days are Thu 8 and Fri 9 Oct, after National Day
    issue = _triaged(engine, date(2026, 9, 30))
    assert _pending(engine) == [("reply", date(2026, 10, 9)), ("follow_up", date(2026, 10, 9))]
    engine.command(issue.id, "reply", RC, date(2026, 10, 9))
    # still counted from the question: the reply on its last day leaves no more time
    [(_, timer)] = engine.deadlines()
    assert timer.due == date(2026, 10, 9)
    assert timer.explanation == (
        "follow_up (residents_committee, from the question): within 2 working days of "
        "2026-09-30, by 2026-10-09"
    )
    assert f"  pending: {timer.explanation} [issues.asked.ladder[0].deadlines.follow_up]" in (
        "\n".join(engine.explain(issue.id))
    )
    assert engine.advance_to(date(2026, 10, 9)) == []  # due on its last day: not yet missed
    [fired] = engine.advance_to(date(2026, 10, 10))  # the make-up Saturday is the day after
    assert fired.timer.args == {"deadline": "follow_up", "key": "L0:follow_up:2026-09-30"}
    assert fired.event.payload["on"] == date(2026, 10, 10)
    assert issue.data.breaches == ("L0:follow_up:2026-09-30",)
    assert issue.state == "handling.asked.L0_residents_committee.replied"  # recorded, no climb
    assert engine.deadlines() == []


def test_a_follow_up_from_the_reply_counts_the_make_up_saturday(local: Charter) -> None:
    engine = gr.Engine(local)
    issue = _triaged(engine, date(2026, 10, 8))
    engine.command(issue.id, "escalate", RC, date(2026, 10, 9))
    # level 1 counts its follow-up from the reply (unset): replied Fri 9 Oct, one working
    # day is the make-up Saturday 10 Oct (调休)
    engine.command(issue.id, "reply", JOINT, date(2026, 10, 9))
    assert _pending(engine) == [("follow_up", date(2026, 10, 10))]
    [(_, timer)] = engine.deadlines()
    assert timer.explanation == (
        "follow_up (joint_meeting): within 1 working day of 2026-10-09, by 2026-10-10"
    )
    engine.command(issue.id, "follow_up", JOINT, date(2026, 10, 10))  # on its last day
    assert engine.advance_to(date(2026, 12, 31)) == []
    assert issue.data.breaches == ()


def test_a_follow_up_from_the_question_is_met_by_a_follow_up_on_time(local: Charter) -> None:
    engine = gr.Engine(local)
    # triaged Fri 9 Oct: two working days are the make-up Saturday 10 Oct and Monday 12 Oct
    issue = _triaged(engine, date(2026, 10, 9))
    assert _pending(engine) == [("reply", date(2026, 10, 12)), ("follow_up", date(2026, 10, 12))]
    engine.command(issue.id, "reply", RC, date(2026, 10, 10))
    engine.command(issue.id, "follow_up", RC, date(2026, 10, 12))
    assert engine.deadlines() == []
    assert engine.advance_to(date(2026, 12, 31)) == []


def test_a_reopened_issue_counts_its_follow_up_from_the_reopening(local: Charter) -> None:
    engine = gr.Engine(local)
    issue = _triaged(engine, date(2026, 6, 1))
    engine.command(issue.id, "reply", RC, date(2026, 6, 2))
    engine.command(issue.id, "resolve", RC, date(2026, 6, 2))
    engine.command(issue.id, "reopen", RESIDENT, date(2026, 6, 5))  # Friday
    # counted afresh from the reopening: Mon 8 and Tue 9 Jun
    assert _pending(engine) == [("reply", date(2026, 6, 9)), ("follow_up", date(2026, 6, 9))]


# -- stored streams ----------------------------------------------------------------------------
def test_a_reporters_escalation_is_stored_and_replayed(local: Charter, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    engine = gr.Engine(local, store=gr.EventStore(url))
    issue = _triaged(engine, date(2026, 9, 30))
    engine.command(issue.id, "escalate", RESIDENT, date(2026, 10, 8))
    engine.command(issue.id, "reply", JOINT, date(2026, 10, 9))
    again = gr.Engine(local, store=gr.EventStore(url))
    assert again.problems == []
    replayed = again.get(issue.id)
    assert (replayed.state, replayed.data) == (issue.state, issue.data)
    assert again.replay(issue.id).data == issue.data
    assert [(t.rule, t.due) for _, t in again.deadlines()] == [
        (t.rule, t.due) for _, t in engine.deadlines()
    ]
