"""Benchmark full-ladder issue lifecycles and memory per open issue.

One lifecycle is the yangxin-2022 routine ladder climbed to the street office:
report, triage, four escalations by the handler's request, reply, follow-up,
resolve, close — eleven commands, each checked for who may issue it and against
the ladder. Measured in one run, on the same lifecycle:

* **ours, workflow core** — the compiled transition table on small instance
  records (``Workflow.decide`` + effect + apply): the engine's hot path;
* **ours, engine** — the full ``Engine`` (the same core plus one event appended
  to an in-memory log per command);
* **naive transitions** — one ``transitions.Machine`` per issue object, with the
  same guards as conditions;
* **python-statemachine** — one ``StateMachine`` per issue, same guards.

Then the memory each open issue costs (triaged and left in handling): the
instance record the engine keeps, and, for comparison, a naive Machine per object.

Run from the repository root::

    .venv/bin/python benchmarks/bench_engine.py           # 100,000 issues
    .venv/bin/python benchmarks/bench_engine.py --quick   # a few seconds

Exits 1 if a target is missed: the core at least 10x the naive baseline, at
most 2 KB per open issue.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from typing import Any

from statemachine import State, StateMachine
from transitions import Machine

from governance_rules.calendar import WorkingCalendar
from governance_rules.charter import load_charter
from governance_rules.engine import Engine
from governance_rules.store import MemoryStore
from governance_rules.workflows import Actor, Command, Context, Instance, compile_workflow

CHARTER = load_charter("yangxin-2022")
LADDER = [level.handler for level in CHARTER.issues["routine"].ladder]
TOP = len(LADDER) - 1
DAY = date(2026, 3, 2)
RESIDENT = Actor("residents", id="r")
STATES = ["new", "reported", "handling", "replied", "followed_up", "resolved", "closed"]
TARGET_SPEEDUP = 10.0
TARGET_BYTES = 2048


def lifecycle_commands() -> list[tuple[str, Actor, dict[str, Any]]]:
    steps: list[tuple[str, Actor, dict[str, Any]]] = [
        ("report", RESIDENT, {"summary": "lift broken"}),
        ("triage", Actor(LADDER[0]), {"category": "routine"}),
    ]
    steps += [("escalate", Actor(LADDER[k]), {}) for k in range(TOP)]
    street = Actor(LADDER[TOP])
    steps += [("reply", street, {}), ("follow_up", street, {}), ("resolve", street, {})]
    steps.append(("close", RESIDENT, {}))
    return steps


STEPS = lifecycle_commands()
COMMANDS = [Command(t, a, DAY, args) for t, a, args in STEPS]


# -- ours -----------------------------------------------------------------------------------------
def ours_core(n: int) -> list[Instance]:
    workflow = compile_workflow(CHARTER, "issue")
    ctx = Context(CHARTER, WorkingCalendar.china())
    done = []
    for i in range(n):
        instance = Instance(f"issue-{i}", "issue", "new", {"charter_as_of": "2026-03-02"})
        for command in COMMANDS:
            transition = workflow.decide(instance, command, ctx)
            if transition.effect is not None:
                instance.data.update(transition.effect(instance, command, ctx))
            instance.state = transition.dest
            instance.version += 1
        done.append(instance)
    return done


def ours_engine(n: int) -> list[Instance]:
    engine = Engine(CHARTER, store=MemoryStore())
    for _ in range(n):
        issue = engine.report_issue(RESIDENT, DAY, summary="lift broken")
        for trigger, actor, args in STEPS[1:]:
            engine.command(issue.id, trigger, actor, DAY, **args)
    return engine.instances("issue")


# -- peers ----------------------------------------------------------------------------------------
class NaiveIssue:
    """An issue with its own transitions.Machine (the naive way)."""

    def __init__(self) -> None:
        self.level = 0
        self.reporter = ""
        Machine(
            model=self,
            states=STATES,
            initial="new",
            auto_transitions=False,
            send_event=True,
            transitions=[
                {
                    "trigger": "report",
                    "source": "new",
                    "dest": "reported",
                    "after": self.on_report,
                },
                {
                    "trigger": "triage",
                    "source": "reported",
                    "dest": "handling",
                    "conditions": self.is_handler,
                },
                {
                    "trigger": "escalate",
                    "source": ["handling", "replied", "followed_up"],
                    "dest": "handling",
                    "conditions": [self.is_handler, self.may_climb],
                    "after": self.climb,
                },
                {
                    "trigger": "reply",
                    "source": "handling",
                    "dest": "replied",
                    "conditions": self.is_handler,
                },
                {
                    "trigger": "follow_up",
                    "source": "replied",
                    "dest": "followed_up",
                    "conditions": self.is_handler,
                },
                {
                    "trigger": "resolve",
                    "source": ["replied", "followed_up"],
                    "dest": "resolved",
                    "conditions": self.is_handler,
                },
                {
                    "trigger": "close",
                    "source": "resolved",
                    "dest": "closed",
                    "conditions": self.is_reporter,
                },
            ],
        )

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


def naive_transitions(n: int) -> list[NaiveIssue]:
    done = []
    for _ in range(n):
        issue = NaiveIssue()
        for trigger, actor, _args in STEPS:
            assert issue.trigger(trigger, actor=actor)  # type: ignore[attr-defined]
        done.append(issue)
    return done


class IssueMachine(StateMachine):  # type: ignore[misc]
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
        handling.to.itself(cond=["is_handler", "may_climb"], on="climb")
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


def python_statemachine(n: int) -> list[IssueMachine]:
    done = []
    for _ in range(n):
        machine = IssueMachine()
        for trigger, actor, _args in STEPS:
            machine.send(trigger, actor=actor)
        done.append(machine)
    return done


# -- measuring ------------------------------------------------------------------------------------
def rate(run: Callable[[int], list[Any]], n: int, check: Callable[[Any], bool]) -> float:
    gc.collect()
    start = time.perf_counter()
    results = run(n)
    elapsed = time.perf_counter() - start
    assert len(results) == n, run.__name__
    assert all(check(r) for r in results), run.__name__
    return n / elapsed


def bytes_per_open_issue(m: int, naive: bool) -> tuple[float, float]:
    """Bytes per open issue: (live state, live state + an in-memory event log)."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    if naive:
        kept: list[Any] = []
        for _ in range(m):
            issue = NaiveIssue()
            issue.trigger("report", actor=RESIDENT)  # type: ignore[attr-defined]
            issue.trigger("triage", actor=Actor(LADDER[0]))  # type: ignore[attr-defined]
            kept.append(issue)
        with_log = tracemalloc.get_traced_memory()[0]
    else:
        engine = Engine(CHARTER, store=MemoryStore())
        for _ in range(m):
            issue = engine.report_issue(RESIDENT, DAY)
            engine.command(issue.id, "triage", Actor(LADDER[0]), DAY, category="routine")
        gc.collect()
        with_log = tracemalloc.get_traced_memory()[0]
        engine.store = MemoryStore()  # with EventStore the log lives in the database
        gc.collect()
        kept = [engine]
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del kept
    return (after - before) / m, (with_log - before) / m


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, a few seconds")
    args = parser.parse_args(argv)
    n = 5_000 if args.quick else 100_000
    n_peer = 2_000 if args.quick else 20_000
    m = 10_000 if args.quick else 100_000
    m_peer = 2_000 if args.quick else 10_000

    def closed(i: Instance) -> bool:
        return i.state == "closed" and i.data["level"] == TOP

    core = rate(ours_core, n, closed)
    engine = rate(ours_engine, n, closed)
    naive = rate(naive_transitions, n_peer, lambda i: i.state == "closed" and i.level == TOP)
    psm = rate(
        python_statemachine, n_peer, lambda s: s.current_state_value == "closed" and s.level == TOP
    )
    ours_bytes, ours_with_log = bytes_per_open_issue(m, naive=False)
    naive_bytes, _ = bytes_per_open_issue(m_peer, naive=True)

    print(f"issue lifecycles (11 commands each): ours {n:,}, peers {n_peer:,}")
    print(f"{'':28}{'lifecycles/s':>14}{'µs each':>10}{'vs naive':>10}")
    for name, value in (
        ("ours, workflow core", core),
        ("ours, engine + memory log", engine),
        ("naive transitions", naive),
        ("python-statemachine", psm),
    ):
        print(f"{name:28}{value:14,.0f}{1e6 / value:10.1f}{value / naive:9.1f}x")
    print(
        f"\nmemory per open issue: ours {ours_bytes:,.0f} B (engine state, {m:,} issues); "
        f"naive transitions {naive_bytes:,.0f} B ({m_peer:,} issues)"
    )
    print(f"  ours with the event log kept in memory (MemoryStore): {ours_with_log:,.0f} B")
    speedup = core / naive
    checks = [
        (
            f"workflow core vs naive transitions: {speedup:.1f}x (target >= {TARGET_SPEEDUP:g}x)",
            speedup >= TARGET_SPEEDUP,
        ),
        (
            f"memory per open issue: {ours_bytes:,.0f} B (target <= {TARGET_BYTES} B)",
            ours_bytes <= TARGET_BYTES,
        ),
    ]
    print(
        f"\nfull engine vs naive transitions: {engine / naive:.1f}x; "
        f"vs python-statemachine: core {core / psm:.1f}x, engine {engine / psm:.1f}x"
    )
    print("\nSummary")
    for text, ok in checks:
        print(f"  {text}  {'PASS' if ok else 'FAIL'}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
