"""Benchmark ``simulate``: 10,000 communities x 1 year for one charter, 1 and 2 workers.

The load is the bundled default (``src/governance_rules/_simulate/default-load.yaml``,
documented in docs/simulate.md): about 55 issues per community-year plus every
meeting, duty, decision and term event the charter implies, all through the real
engine and calendar on the in-memory store.

Targets (on a 2-core machine):

1. **time** with 2 workers: at most 60 s;
2. **peak memory** with 2 workers, of the whole process tree (this process and its
   worker processes, resident set sizes summed, sampled every 0.1 s): at most 2 GB;
3. **speed-up** from 1 to 2 workers: at least 1.7x.

Also checked: the 1- and 2-worker results are byte-identical JSON.
Exits 1 if a target is missed.

Run from the repository root::

    .venv/bin/python benchmarks/bench_simulate.py            # full size, several minutes
    .venv/bin/python benchmarks/bench_simulate.py --quick    # 300 communities, seconds
    .venv/bin/python benchmarks/bench_simulate.py --profile  # cProfile of 100 communities
    .venv/bin/python benchmarks/bench_simulate.py --split    # engine vs driver, 200 communities
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from governance_rules import simulate
from governance_rules._engine import Engine

CHARTER = "yangxin-2022"
COMMUNITIES = 10_000
QUICK = 300
TARGET_S = 60.0
TARGET_BYTES = 2 * 1024**3
TARGET_SPEEDUP = 1.7
T = TypeVar("T")


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants (Linux /proc)."""
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            for task in Path(f"/proc/{pid}/task").iterdir():
                children = (task / "children").read_text().split()
                stack.extend(int(c) for c in children)
        except OSError:  # the process ended meanwhile
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
    return total


def measured(call: Callable[[], T]) -> tuple[T, float, int]:
    """Run ``call``; its result, wall seconds and the peak RSS of the process tree."""
    peak = [_tree_rss(os.getpid())]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            peak[0] = max(peak[0], _tree_rss(os.getpid()))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    began = time.perf_counter()
    try:
        result = call()
    finally:
        elapsed = time.perf_counter() - began
        done.set()
        sampler.join()
    return result, elapsed, peak[0]


#: The engine calls the simulator makes; ``--split`` times each.
ENGINE_CALLS = ("command", "report_issue", "plan_meeting", "elect", "open_appraisal", "advance_to")


def _timed(
    name: str, call: Callable[..., object], spent: dict[str, float], calls: dict[str, int]
) -> Callable[..., object]:
    """``call``, adding the seconds it takes to ``spent[name]`` and counting it."""

    def wrapper(*args: object, **kwargs: object) -> object:
        began = time.perf_counter()
        try:
            return call(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - began
            calls[name] += 1

    return wrapper


def _timing_cost(rounds: int = 200_000) -> float:
    """Seconds one timed call costs more than a direct call (the best of three tries)."""

    def nothing(*args: object, **kwargs: object) -> None:
        return None

    timed = _timed("x", nothing, {"x": 0.0}, {"x": 0})
    costs = []
    for _ in range(3):
        began = time.perf_counter()
        for _ in range(rounds):
            nothing(1, on=2)
        direct = time.perf_counter() - began
        began = time.perf_counter()
        for _ in range(rounds):
            timed(1, on=2)
        costs.append((time.perf_counter() - began - direct) / rounds)
    return max(0.0, min(costs))


def split(size: int) -> None:
    """Print milliseconds per community-year in the engine's calls and in the driver around
    them (one worker, after a warm-up run). Timing each call costs a little: that cost is
    measured on a call that does nothing and shown apart, not counted in the driver."""
    spent = dict.fromkeys(ENGINE_CALLS, 0.0)
    calls = dict.fromkeys(ENGINE_CALLS, 0)

    originals = {name: getattr(Engine, name) for name in ENGINE_CALLS}
    simulate([CHARTER], communities=1, seed=1)  # imports, calendar, compiled machines
    try:
        for name, call in originals.items():
            setattr(Engine, name, _timed(name, call, spent, calls))
        began = time.perf_counter()
        simulate([CHARTER], communities=size, seed=1)
        total = time.perf_counter() - began
    finally:
        for name, call in originals.items():
            setattr(Engine, name, call)
    engine = sum(spent.values())
    timing = _timing_cost() * sum(calls.values())
    per = 1000 / size
    print(f"{CHARTER}, {size} communities x 1 year, 1 worker: {total * per:.1f} ms per "
          f"community-year: engine {engine * per:.1f}, simulation driver "
          f"{(total - engine - timing) * per:.1f}, timing these calls "
          f"{timing * per:.1f}")  # fmt: skip
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  Engine.{name:<15} {seconds * per:6.2f} ms  {calls[name] / size:7.1f} calls")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK} communities")
    parser.add_argument("--communities", type=int, default=None)
    parser.add_argument("--profile", action="store_true", help="profile 100 communities")
    parser.add_argument("--split", action="store_true", help="time in the engine vs the driver")
    options = parser.parse_args()
    if options.split:
        split(options.communities or 200)
        return 0
    if options.profile:
        profiler = cProfile.Profile()
        profiler.runcall(simulate, [CHARTER], communities=100, seed=1)
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(25)
        return 0
    size = options.communities or (QUICK if options.quick else COMMUNITIES)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"simulate {CHARTER}: {size:,} communities x 1 year, default load, "
          f"{os.cpu_count()} CPUs, load average before the run {load}")  # fmt: skip
    runs = {}
    for workers in (1, 2):
        result, seconds, peak = measured(
            lambda w=workers: simulate([CHARTER], communities=size, seed=1, workers=w)
        )
        runs[workers] = (result.to_json(), seconds, peak)
        metrics = result.charters[CHARTER]
        print(f"  {workers} worker{'s' if workers > 1 else ' '}: {seconds:7.1f} s  "
              f"{size / seconds:8.1f} communities/s  peak {peak / 1024**2:7.0f} MiB  "
              f"({metrics['commands']:,} commands, "
              f"{metrics['issues']['reported']['total']:,} issues)")  # fmt: skip
    speedup = runs[1][1] / runs[2][1]
    scale = size / COMMUNITIES
    checks = [
        (f"time with 2 workers: {runs[2][1]:.1f} s (target <= {TARGET_S * scale:g} s"
         f"{' scaled to this size' if scale != 1 else ''})", runs[2][1] <= TARGET_S * scale),
        (f"peak memory with 2 workers: {runs[2][2] / 1024**2:,.0f} MiB "
         f"(target <= {TARGET_BYTES / 1024**2:,.0f} MiB)", runs[2][2] <= TARGET_BYTES),
        (f"speed-up 1 -> 2 workers: {speedup:.2f}x (target >= {TARGET_SPEEDUP}x)",
         speedup >= TARGET_SPEEDUP),
        ("1 and 2 workers give identical JSON", runs[1][0] == runs[2][0]),
    ]  # fmt: skip
    print("\nSummary")
    for text, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
