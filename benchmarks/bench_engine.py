"""Benchmark the Engine: lifecycles vs peers, memory, ``advance_to`` and ``plan_meeting``.

Measured in one run:

1. **Lifecycles** — the yangxin-2022 routine ladder climbed to its top: the source
   ends routine problems at the residents' committee, so the ladder has two levels
   (the committee's environment-and-property member, then the committee itself) and
   a lifecycle is seven commands: report, triage, one escalation by the handler's
   request, reply, follow-up, resolve, close. Headline: the full ``Engine`` on a
   ``MemoryStore`` vs one naive ``transitions.Machine`` per issue (target >= 10x).
   Also shown: python-statemachine (one machine per issue) and, as secondary rows,
   the Engine on a store that keeps nothing (what the event log costs), the bare
   workflow core (skipped, not failed, if its internal API has changed), and a floor:
   the least any event-sourced engine does per command (an edge looked up, the actor
   checked, an event appended, a deadline pushed; no charter, checks or calendar), to
   show how much of the target any engine can reach. Each row also shows how much of
   its time went on the garbage collector's full collections, which grow with the
   container objects a row keeps alive (they decide much of the ratio at full sizes).
2. **Memory per open issue** (reported and triaged, left in handling): the growth of
   engine + ``MemoryStore`` with every event kept, traced by tracemalloc (<= 2 KB).
3. **advance_to** with 100,000 open issues of which 1,000 have a passed reply
   deadline (a local yangxin variant with ladder deadlines); only the first
   ``advance_to`` call is timed (< 0.1 s) and it must fire exactly the due ones.
4. **plan_meeting** after 10, 100 and 1,000 earlier meetings (a monthly charter,
   one meeting on the first working day of each successive window): the cost per
   call must not grow with the number of meetings (largest/smallest <= 2x).
A section that raises (say, the API changed) prints its error and the run goes on.
Exits 1 if a target is missed or a section failed.

Run from the repository root::

    .venv/bin/python benchmarks/bench_engine.py            # full sizes, a few minutes
    .venv/bin/python benchmarks/bench_engine.py --quick    # smaller sizes, seconds
    .venv/bin/python benchmarks/bench_engine.py --profile  # only cProfile sections 1 and 3
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import heapq
import pstats
import statistics
import sys
import time
import traceback
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from statemachine import State, StateMachine
from transitions import Machine

from governance_rules import _workflows as wf
from governance_rules._calendar import WorkingCalendar
from governance_rules._charter import Charter, load_charter, load_charter_text
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules._engine import Engine
from governance_rules._store import MemoryStore
from governance_rules._store.events import Event
from governance_rules._workflows import Actor

CHARTER = load_charter("yangxin-2022")
LEVELS = CHARTER.issues["routine"].ladder
LADDER = [level.handler for level in LEVELS]
# each level's handler as the charter names it: the body, with its first position if any
HANDLERS = [Actor(level.handler, (level.positions_for(level.handler) or (None,))[0])
            for level in LEVELS]  # fmt: skip
TOP = len(LADDER) - 1
DAY = date(2026, 3, 2)
RESIDENT = Actor("residents", id="r")
STATES = ["new", "reported", "handling", "replied", "followed_up", "resolved", "closed"]
TARGET_SPEEDUP = 10.0
TARGET_BYTES = 2048
TARGET_ADVANCE_S = 0.1
TARGET_PLAN_GROWTH = 2.0
MEETING_CHARTER, MEETING_KIND = "yayuan-monthly", "regular"

SRC = "{doc: local, summary: a local implementing rule adds a deadline at this level}"
# The ladder of tests/engine/conftest.py: yangxin-2022 plus local reply deadlines.
WITH_DEADLINES = f"""
id: yangxin-local-deadlines
extends: yangxin-2022
title: Yangxin charter with local reply deadlines
jurisdiction: a street office in Yangxin County
documents:
  local: {{kind: guide, file: engine-bench, heading: Benchmark variant with reply deadlines}}
issues:
  routine:
    kind: routine
    ladder:
      - {{handler: residents_committee, involves: [owners_committee, property_company],
          deadlines: {{reply: 3 working days, resolve: 10 working days}},
          escalate_on: [deadline_breach, handler_request], source: {SRC}}}
      - {{handler: residents_committee, deadlines: {{reply: 3 working days}},
          escalate_on: [deadline_breach, handler_request], source: {SRC}}}
      - {{handler: joint_meeting, deadlines: {{reply: 5 working days}},
          escalate_on: [deadline_breach, beyond_remit], source: {SRC}}}
      - {{handler: party_org, deadlines: {{reply: 2 working days}},
          escalate_on: [deadline_breach, beyond_remit], source: {SRC}}}
      - {{handler: street_office, involves: [departments], deadlines: {{reply: 15 days}},
          source: {SRC}}}
    terminal: street_office
    source: {SRC}
"""

STEPS: list[tuple[str, Actor, dict[str, Any]]] = [
    ("report", RESIDENT, {"summary": "lift broken"}),
    ("triage", HANDLERS[0], {"category": "routine"}),
    *[("escalate", HANDLERS[k], {}) for k in range(TOP)],
    *[(t, HANDLERS[TOP], {}) for t in ("reply", "follow_up", "resolve")],
    ("close", RESIDENT, {}),
]


# -- 1. lifecycles ----------------------------------------------------------------------------
def lifecycles(engine: Engine, n: int) -> list[Any]:
    """``n`` full lifecycles through ``engine``; the issues at the end."""
    for _ in range(n):
        issue = engine.report_issue(RESIDENT, DAY, summary="lift broken")
        for trigger, actor, args in STEPS[1:]:
            engine.command(issue.id, trigger, actor, DAY, **args)
    return engine.instances("issue")


def ours_engine(n: int) -> list[Any]:
    return lifecycles(Engine(CHARTER, store=MemoryStore()), n)


class KeepNothing:
    """A store that keeps no event (for the row that shows what the event log costs)."""

    def append(self, stream_id: str, expected_version: int, events: list[Any]) -> list[Any]:
        return [Event(stream_id, expected_version + 1, e.type, e.payload, e.actor,
                      e.occurred_at, e.occurred_at) for e in events]  # fmt: skip

    def read(self, stream_id: str, after: int = 0) -> list[Any]:
        return []

    def streams(self, prefix: str = "") -> list[str]:
        return []

    def version(self, stream_id: str) -> int:
        return 0


def ours_no_log(n: int) -> list[Any]:
    """The full Engine on a store that keeps nothing: the engine without its event log."""
    return lifecycles(Engine(CHARTER, store=KeepNothing()), n)


def ours_core(n: int) -> list[Any]:
    """The compiled table alone (internal API: may change under the engine)."""
    workflow = wf.compile_workflow(CHARTER, "issue")
    ctx = wf.Context(CHARTER, WorkingCalendar.china())
    commands = [wf.Command(t, a, DAY, args) for t, a, args in STEPS]
    done = []
    for i in range(n):
        instance = wf.Instance(f"issue-{i}", "issue", "new", None, DAY)
        for command in commands:
            transition, dest = workflow.decide(instance, command, ctx)
            changes = transition.effect(instance, command, ctx) if transition.effect else {}
            workflow.advance(instance, dest, changes)
        done.append(instance)
    return done


# The floor: what any event-sourced engine costs at the least, for reading the target.
FLOOR_EDGES = {  # (state, trigger) -> (new state, check): the lifecycle's edges, precompiled
    ("new", "report"): ("reported", ""),
    ("reported", "triage"): ("handling", "handler"),
    ("handling", "escalate"): ("handling", "climb"),
    ("replied", "escalate"): ("handling", "climb"),
    ("handling", "reply"): ("replied", "handler"),
    ("replied", "follow_up"): ("followed_up", "handler"),
    ("replied", "resolve"): ("resolved", "handler"),
    ("followed_up", "resolve"): ("resolved", "handler"),
    ("resolved", "close"): ("closed", "reporter"),
}


class FloorIssue:
    """An issue of the floor engine: its state, ladder level, reporter and version."""

    __slots__ = ("level", "reporter", "state", "version")

    def __init__(self, reporter: str) -> None:
        self.state, self.level, self.reporter, self.version = "new", 0, reporter, 0


def floor_engine(n: int) -> list[Any]:
    """The least an event-sourced engine does per command: one precompiled edge looked
    up, the actor checked against the ladder or the reporter, one event (a tuple with a
    copy of the arguments) appended to the item's stream, the state moved, a deadline
    pushed on a heap. No charter at run time, no text or day checks, no typed state,
    no working-day calendar: a reference row, not a usable engine."""
    streams: dict[str, list[tuple[Any, ...]]] = {}
    items: dict[str, FloorIssue] = {}
    heap: list[tuple[date, str, int]] = []
    for i in range(n):
        sid = f"issue-{i + 1}"
        for trigger, actor, args in STEPS:
            item = items.get(sid)
            if item is None:
                item = items[sid] = FloorIssue(actor.body)
            dest, check = FLOOR_EDGES[(item.state, trigger)]
            if check == "reporter":
                if actor.body != item.reporter:
                    raise PermissionError(actor.body)
            elif check and actor.body != LADDER[item.level]:
                raise PermissionError(actor.body)
            if check == "climb":
                if item.level >= TOP:
                    raise ValueError("no higher level")
                item.level += 1
            stream = streams.setdefault(sid, [])
            stream.append((sid, len(stream) + 1, trigger, dict(args), actor.body, DAY))
            item.state = dest
            item.version += 1
            heapq.heappush(heap, (DAY, sid, item.version))
    return list(items.values())


NAIVE_EDGES = [  # the same guards as conditions, named on the model
    {"trigger": t, "source": s, "dest": d, "conditions": c, "after": a}
    for t, s, d, c, a in [
        ("report", "new", "reported", [], ["on_report"]),
        ("triage", "reported", "handling", ["is_handler"], []),
        ("escalate", ["handling", "replied", "followed_up"], "handling",
         ["is_handler", "may_climb"], ["climb"]),
        ("reply", "handling", "replied", ["is_handler"], []),
        ("follow_up", "replied", "followed_up", ["is_handler"], []),
        ("resolve", ["replied", "followed_up"], "resolved", ["is_handler"], []),
        ("close", "resolved", "closed", ["is_reporter"], []),
    ]
]  # fmt: skip


class NaiveIssue:
    """An issue with its own transitions.Machine (the naive way)."""

    def __init__(self) -> None:
        self.level = 0
        self.reporter = ""
        Machine(self, STATES, "new", NAIVE_EDGES, send_event=True, auto_transitions=False)

    def on_report(self, event: Any) -> None:
        self.reporter = event.kwargs["actor"].body

    def is_handler(self, event: Any) -> bool:
        return bool(event.kwargs["actor"].body == LADDER[self.level])

    def may_climb(self, event: Any) -> bool:
        return self.level < TOP

    def climb(self, event: Any) -> None:
        self.level += 1

    def is_reporter(self, event: Any) -> bool:
        return bool(event.kwargs["actor"].body == self.reporter)


class IssueMachine(StateMachine):
    """The same lifecycle in python-statemachine, one machine per issue."""

    new = State(initial=True)
    reported = State()
    handling = State()
    replied = State()
    followed_up = State()
    resolved = State()
    closed = State(final=True)

    report = new.to(reported)
    triage = reported.to(handling, cond="is_handler")
    escalate = (
        handling.to.itself(cond=["is_handler", "may_climb"], on="climb")  # type: ignore[no-untyped-call]
        | replied.to(handling, cond=["is_handler", "may_climb"], on="climb")
        | followed_up.to(handling, cond=["is_handler", "may_climb"], on="climb")
    )
    reply = handling.to(replied, cond="is_handler")
    follow_up = replied.to(followed_up, cond="is_handler")
    resolve = replied.to(resolved, cond="is_handler") | followed_up.to(resolved, cond="is_handler")
    close = resolved.to(closed, cond="is_reporter")

    def __init__(self) -> None:
        self.level = 0
        self.reporter = "residents"
        super().__init__()

    def is_handler(self, actor: Actor) -> bool:
        return bool(actor.body == LADDER[self.level])

    def may_climb(self) -> bool:
        return self.level < TOP

    def climb(self) -> None:
        self.level += 1

    def is_reporter(self, actor: Actor) -> bool:
        return bool(actor.body == self.reporter)


def one_machine_each(make: Callable[[], Any], fire: str) -> Callable[[int], list[Any]]:
    """A peer run: ``n`` lifecycles, one machine object per issue, events sent by name."""

    def run(n: int) -> list[Any]:
        done = []
        for _ in range(n):
            done.append(machine := make())
            for trigger, actor, _args in STEPS:
                getattr(machine, fire)(trigger, actor=actor)
        return done

    run.__name__ = make.__name__
    return run


class CollectorClock:
    """Seconds the cyclic garbage collector spends while on, by generation (gc.callbacks)."""

    def __init__(self) -> None:
        self.spent = [0.0, 0.0, 0.0]
        self._began = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.spent[info["generation"]] += time.perf_counter() - self._began

    def __enter__(self) -> CollectorClock:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)


def seconds(
    run: Callable[[int], list[Any]], n: int, check: Callable[[Any], bool]
) -> tuple[float, float]:
    """Seconds ``run(n)`` took, and how many of them the collector's full collections took."""
    gc.collect()
    with CollectorClock() as collector:
        start = time.perf_counter()
        results = run(n)
        elapsed = time.perf_counter() - start
    if len(results) != n or not all(check(r) for r in results):
        raise AssertionError(f"{run.__name__}: the lifecycles did not all end closed at the top")
    return elapsed, collector.spent[2]


def section_lifecycles(n: int, n_peer: int, rounds: int = 5) -> list[tuple[str, bool]]:
    """Rows are timed in interleaved rounds, so a change of machine load hits all alike."""

    def closed(i: Any) -> bool:
        return bool(i.state == "closed" and i.data.level == TOP)

    rows: dict[str, tuple[Callable[[int], list[Any]], int, Callable[[Any], bool]]] = {
        "Engine + MemoryStore": (ours_engine, n, closed),
        "naive transitions": (one_machine_each(NaiveIssue, "trigger"), n_peer,
                              lambda i: i.state == "closed" and i.level == TOP),
        "python-statemachine": (one_machine_each(IssueMachine, "send"), max(n_peer // 4, 1),
                                lambda s: s.current_state_value == "closed" and s.level == TOP),
        "(Engine, keeps no event)": (ours_no_log, n, closed),
        "(workflow core only)": (ours_core, n, closed),
        "(floor: bare event log)": (floor_engine, n,
                                    lambda i: i.state == "closed" and i.level == TOP),
    }  # fmt: skip
    spent = dict.fromkeys(rows, 0.0)
    full_gc = dict.fromkeys(rows, 0.0)  # seconds of it in the collector's full collections
    for name, (run, _, check) in list(rows.items()):  # warm up: charter versions, compiling
        try:
            seconds(run, 1, check)
        except Exception as exc:
            if not name.startswith("("):
                raise
            print(f"  {name} skipped (internal API): {type(exc).__name__}: {exc}")
            del rows[name]
    for _ in range(rounds):
        for name, (run, count, check) in rows.items():
            took, collecting = seconds(run, count // rounds, check)
            spent[name] += took
            full_gc[name] += collecting
    done = {name: rows[name][1] // rounds * rounds for name in rows}
    rate = {name: done[name] / spent[name] for name in rows}
    naive = rate["naive transitions"]
    sizes = ", ".join(f"{name} {count:,}" for name, (_, count, _) in rows.items())
    print(f"issue lifecycles ({len(STEPS)} commands each), {rounds} interleaved rounds: {sizes}")
    print(f"  {'':26}{'lifecycles/s':>14}{'µs each':>10}{'vs naive':>10}{'µs in full GC':>15}")
    for name, value in rate.items():
        in_gc = full_gc[name] / done[name] * 1e6
        print(f"  {name:26}{value:14,.0f}{1e6 / value:10.1f}{value / naive:9.1f}x{in_gc:15.1f}")
    print(
        "  (full GC: the cyclic collector's oldest-generation passes, which grow with every"
        " container object a row keeps alive)"
    )
    speedup = rate["Engine + MemoryStore"] / naive
    text = f"Engine vs naive transitions: {speedup:.1f}x (target >= {TARGET_SPEEDUP:g}x)"
    return [(text, speedup >= TARGET_SPEEDUP)]


# -- 2. memory ----------------------------------------------------------------------------------
def open_issue(engine: Engine, on: date) -> None:
    issue = engine.report_issue(RESIDENT, on, summary="lift broken")
    engine.command(issue.id, "triage", HANDLERS[0], on, category="routine")


def traced_growth(setup: Callable[[], Any], grow: Callable[[Any], None], count: int) -> float:
    """Bytes per ``grow`` call on what ``setup`` made, traced by tracemalloc (all kept alive)."""
    kept = setup()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for _ in range(count):
        grow(kept)
    gc.collect()
    growth = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return growth / count


def naive_open(kept: list[NaiveIssue]) -> None:
    kept.append(issue := NaiveIssue())
    issue.trigger("report", actor=RESIDENT)  # type: ignore[attr-defined]
    issue.trigger("triage", actor=HANDLERS[0])  # type: ignore[attr-defined]


def section_memory(m: int, m_peer: int) -> list[tuple[str, bool]]:
    def engine() -> Engine:
        made = Engine(CHARTER, store=MemoryStore())
        open_issue(made, DAY)  # warm the caches (compiled workflow, pinned context) first
        return made

    ours = traced_growth(engine, lambda e: open_issue(e, DAY), m)
    naive = traced_growth(list, naive_open, m_peer)
    print(
        f"memory per open issue: Engine + MemoryStore with events {ours:,.0f} B ({m:,} issues); "
        f"naive transitions {naive:,.0f} B ({m_peer:,} issues, no log)"
    )
    text = f"memory per open issue: {ours:,.0f} B (target <= {TARGET_BYTES} B)"
    return [(text, ours <= TARGET_BYTES)]


# -- 3. advance_to -------------------------------------------------------------------------------
def fired_by_one(charter: Charter, opened: date, day: date) -> int:
    engine = Engine(charter, store=MemoryStore())
    open_issue(engine, opened)
    return len(engine.advance_to(day))


def build_advance(total: int, due: int) -> tuple[Engine, date]:
    """``total`` open issues; ``due`` opened early enough that one reply deadline passed."""
    charter = load_charter_text(WITH_DEADLINES, name="b.yaml", base_dir=bundled_rulesets_dir())
    day = date(2026, 3, 18)
    early = day - timedelta(days=1)  # the latest opening day whose deadline fires exactly once
    while fired_by_one(charter, early, day) != 1:
        early -= timedelta(days=1)
        if early < day - timedelta(days=60):
            raise AssertionError("no opening day gives exactly one passed deadline")
    engine = Engine(charter, store=MemoryStore())
    for k in range(total):
        open_issue(engine, early if k % (total // due) == 0 else day)
    return engine, day


def section_advance(total: int, due: int) -> list[tuple[str, bool]]:
    start = time.perf_counter()
    engine, day = build_advance(total, due)
    built = time.perf_counter() - start
    gc.collect()
    start = time.perf_counter()
    fired = engine.advance_to(day)
    elapsed = time.perf_counter() - start
    print(
        f"advance_to: {total:,} open issues, {due:,} due: {elapsed:.3f} s, fired {len(fired):,} "
        f"(setup {built:.1f} s)"
    )
    return [
        (f"advance_to: {elapsed:.3f} s (target < {TARGET_ADVANCE_S:g} s)",
         elapsed < TARGET_ADVANCE_S),
        (f"advance_to fired {len(fired):,} (expected {due:,})", len(fired) == due),
    ]  # fmt: skip


# -- 4. plan_meeting -----------------------------------------------------------------------------
def legal_days(charter: Charter, calendar: WorkingCalendar, count: int) -> list[date]:
    """The first working day of each of ``count`` successive cadence windows from 2026."""
    rule = charter.meetings[MEETING_KIND]
    if rule.window is None:
        raise AssertionError(f"{charter.id}: meeting {MEETING_KIND!r} has no window")
    days: list[date] = []
    year = 2026
    while len(days) < count:
        for window in rule.window.windows(year, rule.cadence):
            day = window.start
            while not calendar.is_working_day(day):
                day += timedelta(days=1)
            if day <= window.end:
                days.append(day)
        year += 1
    return days[:count]


def section_plan(sizes: list[int], repeat: int) -> list[tuple[str, bool]]:
    charter = load_charter(MEETING_CHARTER)
    need = max(sizes) + repeat + 1
    months = charter.meetings[MEETING_KIND].cadence
    years = need * (months.months if months else 12) // 12 + 2
    calendar = WorkingCalendar.china(last_year=2026 + years)
    days = legal_days(charter, calendar, need)
    engine = Engine(charter, calendar=calendar, store=MemoryStore())
    role = charter.role("convener", MEETING_KIND)

    def plan(index: int) -> None:
        holder = role.holder(index)[0] if role else "owners_committee"
        positions = role.positions_for(holder) if role else None  # the seat's own post
        actor = Actor(holder, positions[0] if positions else None)
        day = days[index]
        engine.plan_meeting(actor, MEETING_KIND, day, on=day - timedelta(days=10))

    per_call: dict[int, float] = {}
    planned = 0
    for size in sizes:
        while planned < size:
            plan(planned)
            planned += 1
        gc.collect()
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            plan(planned)
            times.append(time.perf_counter() - start)
            planned += 1
        per_call[size] = statistics.median(times)
    print(f"plan_meeting ({charter.id}, {MEETING_KIND}), median of {repeat} calls after:")
    for size, seconds in per_call.items():
        print(f"  {size:>6,} meetings: {seconds * 1e6:9.1f} µs per call")
    growth = per_call[max(sizes)] / per_call[min(sizes)]
    text = f"plan_meeting {max(sizes):,} vs {min(sizes)} meetings: {growth:.1f}x (target ~1x)"
    return [(text, growth <= TARGET_PLAN_GROWTH)]


# -- running -------------------------------------------------------------------------------------
def profile_hot_spots(n: int, total: int, due: int) -> None:
    """cProfile, top 15 by own time: Engine lifecycles, then one first ``advance_to``."""
    profiler = cProfile.Profile()
    profiler.runcall(ours_engine, n)
    print(f"--- cProfile: {n:,} Engine lifecycles ---")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(15)
    engine, day = build_advance(total, due)
    profiler = cProfile.Profile()
    profiler.runcall(engine.advance_to, day)
    print(f"--- cProfile: advance_to, {total:,} open issues, {due:,} due ---")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(15)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, seconds")
    parser.add_argument("--profile", action="store_true", help="only profile sections 1 and 3")
    args = parser.parse_args(argv)
    quick = args.quick
    n, n_peer = (3_000, 1_000) if quick else (100_000, 20_000)
    m, m_peer = (5_000, 1_000) if quick else (100_000, 10_000)
    total, due = (10_000, 100) if quick else (100_000, 1_000)
    sections: list[tuple[str, Callable[[], list[tuple[str, bool]]]]] = [
        ("lifecycles", lambda: section_lifecycles(n, n_peer)),
        ("memory", lambda: section_memory(m, m_peer)),
        ("advance_to", lambda: section_advance(total, due)),
        ("plan_meeting", lambda: section_plan([10, 100, 1_000], 21)),
    ]
    if args.profile:
        profile_hot_spots(n // 5, total, due)
        return 0
    checks: list[tuple[str, bool]] = []
    for name, run in sections:
        print(f"\n== {name} ==")
        began = time.perf_counter()
        try:
            checks += run()
            print(f"  ({time.perf_counter() - began:.1f} s for this section)")
        except Exception as exc:  # report it, go on with the next section
            traceback.print_exc(limit=-3, file=sys.stdout)
            checks.append((f"{name}: section failed: {type(exc).__name__}: {exc}", False))
    print("\nSummary")
    for text, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {text}")
    missed = [text for text, ok in checks if not ok]
    if missed:
        print(f"{len(missed)} target(s) missed or section(s) failed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
