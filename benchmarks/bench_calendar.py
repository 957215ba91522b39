"""Benchmark the working-day calendar against python-holidays, chinese_calendar and numpy.

Measures, on the same seeded random inputs (start dates 2005-2030):

a) ``WorkingCalendar.add_working_days(d, n)``, n in 1..30, against python-holidays'
   ``China.get_nth_working_day(d, n)`` (answers must be identical) and
   ``chinese_calendar.find_workday(n, d)`` (only where its semantics match ours);
b) ``working_days_between(a, b)`` against ``China.get_working_days_count``;
c) ``add_working_days_array`` on 10^6 dates against ``numpy.busday_offset``.

Run from the repository root::

    .venv/bin/python benchmarks/bench_calendar.py          # full run, about a minute
    .venv/bin/python benchmarks/bench_calendar.py --quick  # a few seconds

Exits 1 if a ratio misses its target.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta

import chinese_calendar
import numpy as np
import numpy.typing as npt
from holidays.countries.china import China

from governance_rules._calendar import WorkingCalendar

SEED = 20260101
FIRST, LAST = date(2005, 1, 1), date(2030, 12, 31)
CC_LAST = date(2026, 10, 31)  # chinese_calendar refuses years after 2026; n <= 30 stays inside
CC_KNOWN = date(2005, 12, 31)  # a make-up Saturday in python-holidays only
TARGET_VS_HOLIDAYS = 50.0
TARGET_VS_NUMPY = 1.0


def per_call(fn: Callable[[], object], calls: int, repeat: int) -> float:
    """Best-of-``repeat`` seconds per call of a loop ``fn`` that makes ``calls`` calls."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best / calls


def fmt(seconds: float) -> str:
    return f"{seconds * 1e9:,.0f} ns" if seconds < 1e-5 else f"{seconds * 1e6:,.1f} µs"


def random_dates(rng: random.Random, k: int, first: date, last: date) -> list[date]:
    span = (last - first).days
    return [first + timedelta(days=rng.randint(0, span)) for _ in range(k)]


def bench_add(
    cal: WorkingCalendar, hol: China, rng: random.Random, k: int, rep: int
) -> dict[str, float]:
    starts = random_dates(rng, k, FIRST, LAST)
    pairs = [(d, rng.randint(1, 30)) for d in starts]
    ours = [cal.add_working_days(d, n) for d, n in pairs]
    theirs = [hol.get_nth_working_day(d, n) for d, n in pairs]
    assert ours == theirs, "add_working_days differs from holidays' get_nth_working_day"
    print(f"a) add_working_days == holidays.get_nth_working_day on all {len(pairs):,} inputs")
    t_ours = per_call(lambda: [cal.add_working_days(d, n) for d, n in pairs], len(pairs), rep)
    t_hol = per_call(lambda: [hol.get_nth_working_day(d, n) for d, n in pairs], len(pairs), rep)

    # find_workday(n, d) first rolls d forward to a working day, then steps n: it equals
    # add_working_days(d, n) only for a start that is a working day. Compare on those,
    # up to CC_LAST (its data end with 2026).
    cc_pairs = [(d, n) for d, n in pairs if d <= CC_LAST and cal.is_working_day(d)]
    cc_diff = [
        (d, n)
        for d, n in cc_pairs
        if cal.add_working_days(d, n) != chinese_calendar.find_workday(delta_days=n, date=d)
    ]
    # The one day the two data sets disagree on (tests/calendar/test_crosscheck.py).
    assert all(d <= CC_KNOWN <= cal.add_working_days(d, n) for d, n in cc_diff), cc_diff
    print(
        f"   vs chinese_calendar.find_workday(n, d), which rolls a day off forward first:\n"
        f"   compared on the {len(cc_pairs):,} of those inputs that start on a working day,"
        f" up to {CC_LAST};\n   {len(cc_diff)} answers differ, all starting on or counting across"
        f" {CC_KNOWN},\n   the one day the two packages' data disagree on"
    )
    cc_pairs = cc_pairs[: max(200, len(cc_pairs) // 10)]  # it is slow: time a sample
    t_ours_cc = per_call(
        lambda: [cal.add_working_days(d, n) for d, n in cc_pairs], len(cc_pairs), rep
    )
    t_cc = per_call(
        lambda: [chinese_calendar.find_workday(delta_days=n, date=d) for d, n in cc_pairs],
        len(cc_pairs),
        1,
    )
    return {"ours": t_ours, "holidays": t_hol, "ours_cc": t_ours_cc, "cc": t_cc}


def bench_between(
    cal: WorkingCalendar, hol: China, rng: random.Random, k: int, rep: int
) -> dict[str, float]:
    starts = random_dates(rng, k, FIRST, LAST - timedelta(days=366))
    pairs = [(a, a + timedelta(days=rng.randint(1, 365))) for a in starts]
    one = timedelta(days=1)
    # get_working_days_count counts the closed interval [a, b]; ours counts (a, b].
    ours = [cal.working_days_between(a, b) for a, b in pairs]
    theirs = [hol.get_working_days_count(a + one, b) for a, b in pairs]
    assert ours == theirs, "working_days_between differs from holidays' get_working_days_count"
    print(f"b) working_days_between(a, b) == get_working_days_count(a + 1, b) on all {k:,} inputs")
    t_ours = per_call(lambda: [cal.working_days_between(a, b) for a, b in pairs], k, rep)
    t_hol = per_call(lambda: [hol.get_working_days_count(a + one, b) for a, b in pairs], k, rep)
    return {"ours": t_ours, "holidays": t_hol}


def bench_array(cal: WorkingCalendar, hol: China, size: int, rep: int) -> dict[str, float]:
    gen = np.random.default_rng(SEED)
    base = np.datetime64(FIRST.isoformat(), "D")
    span = (LAST - FIRST).days + 1
    dates = base + gen.integers(0, span, size).astype("timedelta64[D]")
    steps = gen.integers(1, 31, size)  # int64, one n per date, for both
    days_off = np.array(sorted(d for d in hol if FIRST.year <= d.year <= LAST.year + 1), "M8[D]")

    def numpy_offset() -> npt.NDArray[np.datetime64]:
        return np.busday_offset(
            dates, steps, roll="forward", weekmask="1111100", holidays=days_off
        )

    ours = cal.add_working_days_array(dates, steps)
    theirs = numpy_offset()
    sample = gen.choice(size, 2000, replace=False)
    for i in sample:
        start = dates[i].astype(object)
        assert ours[i].astype(object) == cal.add_working_days(start, int(steps[i]))
    # busday_offset rolls a day off forward to a working day, then steps n: ours, for a
    # start that is not a working day, is that n + 1. Aligned, only 调休 is left.
    aligned = cal.add_working_days_array(dates, steps + ~cal.is_working_day_array(dates))
    raw_diff = int(np.count_nonzero(ours != theirs))
    makeup_diff = aligned != theirs
    # Every aligned difference has a make-up working day in [start, answer]: count
    # them with a prefix sum (cum[i] = make-up days before day i).
    all_days = np.arange(base, np.datetime64(f"{LAST.year + 2}-01-01"), dtype="M8[D]")
    makeup = np.is_busday(all_days, weekmask="0000011") & cal.is_working_day_array(all_days)
    cum = np.concatenate(([0], np.cumsum(makeup)))
    lo = (dates[makeup_diff] - base).astype(np.int64)
    hi = (np.maximum(aligned, theirs)[makeup_diff] - base).astype(np.int64)
    spanned = cum[hi + 1] - cum[lo]
    assert spanned.all(), "busday_offset differs where no make-up working day is spanned"
    print(
        f"c) add_working_days_array == add_working_days on a sample of {len(sample):,}\n"
        f"   busday_offset cannot express make-up working days (weekend days worked, 调休),\n"
        f"   and it rolls a start that is a day off forward before stepping (ours does not):\n"
        f"   {raw_diff:,} of {size:,} answers differ; {int(makeup_diff.sum()):,} after aligning"
        f" the roll,\n   every one of them counting across a make-up working day"
    )
    t_ours = per_call(lambda: cal.add_working_days_array(dates, steps), size, rep)
    t_np = per_call(numpy_offset, size, rep)
    return {"ours": t_ours, "numpy": t_np}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer inputs and repeats")
    args = parser.parse_args(argv)
    k, rep, size = (2_000, 2, 1_000_000) if args.quick else (20_000, 5, 1_000_000)
    rng = random.Random(SEED)

    t0 = time.perf_counter()
    cal = WorkingCalendar.china()
    cal_build = time.perf_counter() - t0
    # Populate every year used before timing, so its lazy year population is not timed.
    hol = China(years=range(FIRST.year - 1, LAST.year + 2))  # type: ignore[no-untyped-call]
    print(f"calendar {cal} built in {cal_build:.2f} s; seed {SEED}; {k:,} scalar inputs\n")

    a = bench_add(cal, hol, rng, k, rep)
    b = bench_between(cal, hol, rng, k, rep)
    c = bench_array(cal, hol, size, max(2, rep // 2))

    rows = [
        (
            "add_working_days",
            a["ours"],
            "holidays get_nth_working_day",
            a["holidays"],
            TARGET_VS_HOLIDAYS,
        ),
        ("add_working_days", a["ours_cc"], "chinese_calendar find_workday", a["cc"], None),
        (
            "working_days_between",
            b["ours"],
            "holidays get_working_days_count",
            b["holidays"],
            None,
        ),
        ("add_working_days_array", c["ours"], "numpy busday_offset", c["numpy"], TARGET_VS_NUMPY),
    ]
    print(f"\n{'ours':<24}{'per call':>12}  {'theirs':<32}{'per call':>12}{'ratio':>10}")
    for name, ours, other, theirs, _ in rows:
        print(f"{name:<24}{fmt(ours):>12}  {other:<32}{fmt(theirs):>12}{theirs / ours:>9.1f}x")

    print("\nSummary (ratio = their time / our time; higher is faster for us)")
    failed = False
    for name, ours, other, theirs, target in rows:
        ratio = theirs / ours
        if target is None:
            verdict = "(no target)"
        else:
            ok = ratio >= target
            failed |= not ok
            verdict = f"target >= {target:g}x  {'PASS' if ok else 'FAIL'}"
        print(f"  {name} vs {other}: {ratio:,.1f}x  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
