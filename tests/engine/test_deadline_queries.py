"""``deadlines(until)`` and ``overdue(today)`` on a street office's dashboard: the same
answer as asking every item, from the deadlines each item was left with when it last
moved, indexed by the earliest: nothing is worked out again, and closed items and items
whose every deadline is later are not looked at."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import governance_rules as gr
from governance_rules import _engine
from governance_rules._charter import Charter
from governance_rules._workflows import Timer

RESIDENT = gr.Actor("residents", id="flat-1")
RC = gr.Actor("residents_committee", "environment_and_property_member")
START = date(2026, 3, 2)


def _every(engine: gr.Engine, keep: object) -> list[tuple[str, Timer]]:
    """Every pending deadline, asking every item (what the queries must equal)."""
    found = [(i.id, t) for i in engine.instances() for t in engine._open_timers(i) if keep(t.due)]  # type: ignore[operator]
    return sorted(found, key=lambda pair: (pair[1].due, pair[0]))


def _ids(pairs: list[tuple[gr.Instance, Timer]]) -> list[tuple[str, Timer]]:
    return [(i.id, t) for i, t in pairs]


@settings(max_examples=40, deadline=None)
@given(
    plan=st.lists(
        st.tuples(st.integers(0, 20), st.sampled_from(["open", "reply", "close"])),
        min_size=1,
        max_size=12,
    ),
    until=st.integers(-3, 40),
)
def test_the_queries_answer_as_asking_every_item_would(
    local_yangxin: Charter, plan: list[tuple[int, str]], until: int
) -> None:
    engine = gr.Engine(local_yangxin)
    for offset, fate in plan:
        day = START + timedelta(days=offset)
        issue = engine.report_issue(RESIDENT, day, summary="lift")
        engine.command(issue.id, "triage", RC, day, category="routine")
        if fate in ("reply", "close"):
            engine.command(issue.id, "reply", RC, day)
        if fate == "close":
            engine.command(issue.id, "resolve", RC, day)
            engine.command(issue.id, "close", RESIDENT, day)
    last = START + timedelta(days=until)
    assert _ids(engine.deadlines(last)) == _every(engine, lambda due: due <= last)
    assert _ids(engine.overdue(last)) == _every(engine, lambda due: due < last)
    assert _ids(engine.deadlines()) == _every(engine, lambda due: True)


def test_only_the_items_with_a_deadline_in_reach_are_asked(
    local_yangxin: Charter, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = gr.Engine(local_yangxin)
    for n in range(30):  # ten closed, ten due soon, ten opened a month later
        day = START if n < 20 else START + timedelta(days=30)
        issue = engine.report_issue(RESIDENT, day, summary=f"lift {n}")
        engine.command(issue.id, "triage", RC, day, category="routine")
        if n < 10:
            engine.command(issue.id, "reply", RC, day)
            engine.command(issue.id, "resolve", RC, day)
            engine.command(issue.id, "close", RESIDENT, day)
    asked: list[str] = []
    ask = engine._open_timers

    def counted(instance: gr.Instance) -> list[Timer]:
        asked.append(instance.id)
        return ask(instance)

    monkeypatch.setattr(engine, "_open_timers", counted)
    soon = engine.deadlines(START + timedelta(days=10))
    assert {i.id for i, _ in soon} == {f"issue-{n}" for n in range(11, 21)}
    assert len(engine.overdue(START + timedelta(days=20))) == len(soon) * 2  # reply, resolve
    assert len(engine.deadlines()) == 40  # the twenty open issues; the closed have none
    assert asked == []  # each item's deadlines were kept when it last moved: none worked out


def test_the_kept_deadlines_follow_every_way_an_item_moves(local_yangxin: Charter) -> None:
    """Firing by advance_to, a late command and another engine's writes read by
    refresh() all leave the queries answering as asking every item would."""
    store = gr.MemoryStore()
    here, there = gr.Engine(local_yangxin, store=store), gr.Engine(local_yangxin, store=store)
    for n in range(6):
        issue = here.report_issue(RESIDENT, START, summary=f"lift {n}")
        here.command(issue.id, "triage", RC, START, category="routine")
    every = lambda due: True  # noqa: E731
    there.refresh()
    there.command("issue-1", "reply", RC, START + timedelta(days=1))
    here.refresh()  # issue-1 replied by the other engine
    assert _ids(here.deadlines()) == _every(here, every)
    here.command("issue-2", "reply", RC, START + timedelta(days=4))  # late: a breach fires first
    here.advance_to(START + timedelta(days=20))  # the others' reply deadlines fire
    assert _ids(here.deadlines()) == _every(here, every)
    there.refresh()
    assert _ids(there.deadlines()) == _ids(here.deadlines())


@settings(max_examples=30, deadline=None)
@given(
    plan=st.lists(
        st.tuples(st.integers(0, 25), st.sampled_from(["triage", "reply", "escalate", "close"])),
        min_size=1,
        max_size=25,
    ),
    stops=st.lists(st.integers(1, 60), max_size=4),
)
def test_the_deadline_heap_rebuilt_fires_as_the_heap_kept_whole(
    local_yangxin: Charter, plan: list[tuple[int, str]], stops: list[int]
) -> None:
    """An engine whose heap is rebuilt at every chance (no slack) fires the same
    deadlines on the same days, and lists the same, as one that keeps every entry;
    its heap holds no more than twice the pending deadlines."""

    def run(slack: int) -> list[object]:
        saved = _engine._HEAP_SLACK
        _engine._HEAP_SLACK = slack
        try:
            engine, seen = gr.Engine(local_yangxin), list[object]()
            for n, (offset, step) in enumerate(plan):
                day = START + timedelta(days=offset)
                issue = engine.report_issue(RESIDENT, day, summary=f"lift {n}")
                for trigger in ("triage", "reply", "escalate", "close")[
                    : ("triage", "reply", "escalate", "close").index(step) + 1
                ]:
                    args = {"category": "routine"} if trigger == "triage" else {}
                    actor = RESIDENT if trigger == "close" else RC
                    try:
                        engine.command(issue.id, trigger, actor, day, **args)
                    except gr.GovernanceRulesError as exc:
                        seen.append(type(exc).__name__)
                        break
            for stop in sorted(stops):
                fired = engine.advance_to(START + timedelta(days=stop))
                seen.append([(f.stream_id, f.timer.due, f.timer.trigger) for f in fired])
                seen.append(_ids(engine.deadlines()))
            if slack == 0:
                assert len(engine._heap) <= 2 * engine._live
            return seen
        finally:
            _engine._HEAP_SLACK = saved

    assert run(0) == run(10**9)
