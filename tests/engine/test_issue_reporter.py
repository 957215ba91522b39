"""The reporter of an issue is the one who reported it, not every member of its body.

A body of residents is many people: when the app names the reporting actor (its
``id``), only that actor may act as the reporter (close a resolved issue, reopen
it); the level's handler still closes for its body. An app that names no one keeps
the body-level check.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import governance_rules as gr
from governance_rules.errors import PermissionDenied

REPORTER = gr.Actor("residents", id="flat-3-201")
NEIGHBOUR = gr.Actor("residents", id="flat-5-101")
RC = gr.Actor("residents_committee", "environment_and_property_member")


def _resolved(engine: gr.Engine, reporter: gr.Actor = REPORTER) -> gr.Instance:
    """A yangxin-2022 routine issue, resolved at its first level."""
    issue = engine.report_issue(reporter, date(2026, 9, 29), summary="lift out of order")
    engine.command(issue.id, "triage", RC, date(2026, 9, 29), category="routine")
    engine.command(issue.id, "reply", RC, date(2026, 9, 30))
    return engine.command(issue.id, "resolve", RC, date(2026, 10, 9))


def _state(engine: gr.Engine, issue: gr.Instance) -> tuple[object, ...]:
    return (issue.state, issue.data, issue.version, engine.store.version(issue.id))


@pytest.mark.parametrize("trigger", ["close", "reopen"])
def test_another_resident_may_not_act_as_the_reporter(trigger: str) -> None:
    engine = gr.Engine("yangxin-2022")
    issue = _resolved(engine)
    before = _state(engine, issue)
    with pytest.raises(PermissionDenied) as info:
        engine.command(issue.id, trigger, NEIGHBOUR, date(2026, 10, 10))
    err = info.value
    assert err.got == "flat-5-101"
    assert err.allowed == "Actor('residents', id='flat-3-201')"
    assert "only the one who reported it" in err.what
    assert err.rule is not None
    assert err.rule.startswith("issues.routine.ladder[0]")
    assert err.citation is not None
    assert _state(engine, issue) == before
    # an actor of the body without an id is not the reporter either
    with pytest.raises(PermissionDenied):
        engine.command(issue.id, trigger, gr.Actor("residents"), date(2026, 10, 10))
    assert _state(engine, issue) == before


def test_the_reporter_closes_and_reopens_and_the_handler_closes_for_its_body() -> None:
    engine = gr.Engine("yangxin-2022")
    issue = _resolved(engine)
    assert issue.data.reporter_id == "flat-3-201"
    issue = engine.command(issue.id, "reopen", REPORTER, date(2026, 10, 10))
    assert issue.state == "handling.routine.L0_residents_committee.open"
    engine.command(issue.id, "reply", RC, date(2026, 10, 12))
    engine.command(issue.id, "resolve", RC, date(2026, 10, 13))
    # the handler closes it, whoever reported it
    assert engine.command(issue.id, "close", RC, date(2026, 10, 14)).state == "closed"
    other = _resolved(engine)
    assert engine.command(other.id, "close", REPORTER, date(2026, 10, 14)).state == "closed"


def test_without_an_id_any_actor_of_the_reporters_body_is_the_reporter() -> None:
    engine = gr.Engine("yangxin-2022")
    issue = _resolved(engine, gr.Actor("residents"))
    assert issue.data.reporter_id == ""
    # the event keeps no empty id: what such an app stored before reads the same
    assert "reporter_id" not in engine.store.read(issue.id)[0].payload["changes"]
    assert engine.command(issue.id, "close", NEIGHBOUR, date(2026, 10, 10)).state == "closed"


def test_the_reporter_is_kept_in_the_store_and_checked_after_a_replay(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'issues.db'}"
    issue = _resolved(gr.Engine("yangxin-2022", store=gr.EventStore(url)))
    again = gr.Engine("yangxin-2022", store=gr.EventStore(url))
    assert again.get(issue.id).data == issue.data
    with pytest.raises(PermissionDenied, match="only the one who reported it"):
        again.command(issue.id, "close", NEIGHBOUR, date(2026, 10, 10))
    assert again.command(issue.id, "close", REPORTER, date(2026, 10, 10)).state == "closed"
