"""Hypothesis properties of the calendar, checked against a naive day-by-day walk."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from governance_rules._calendar import Period, PeriodUnit, WorkingCalendar

CAL = WorkingCalendar.china()
# Far enough inside 2001–2036 that 300 working days either way stay in the data.
days = st.dates(min_value=date(2002, 6, 1), max_value=date(2034, 12, 31))
steps = st.integers(min_value=-60, max_value=60)


def naive_add(d: date, n: int) -> date:
    """holidays' own algorithm: walk one day at a time."""
    direction = 1 if n >= 0 else -1
    for _ in range(abs(n) or 1):
        if n:
            d += timedelta(days=direction)
        while not CAL.is_working_day(d):
            d += timedelta(days=direction)
    return d


@given(days, steps)
def test_add_matches_a_naive_walk(d: date, n: int) -> None:
    assert CAL.add_working_days(d, n) == naive_add(d, n)


@given(days)
def test_zero_steps_gives_the_day_or_the_next_working_day(d: date) -> None:
    result = CAL.add_working_days(d, 0)
    assert result == (d if CAL.is_working_day(d) else CAL.next_working_day(d))


@given(days, st.integers(min_value=1, max_value=300))
def test_forward_count_and_round_trip(d: date, n: int) -> None:
    later = CAL.add_working_days(d, n)
    assert CAL.working_days_between(d, later) == n
    assert CAL.is_working_day(later)
    assert later > d
    if CAL.is_working_day(d):
        assert CAL.add_working_days(later, -n) == d
        assert CAL.working_days_between(later, d) == -n


@given(days, steps, steps)
def test_monotone_in_n(d: date, a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    assert CAL.add_working_days(d, lo) <= CAL.add_working_days(d, hi)
    if 0 < lo < hi or lo < hi < 0:
        assert CAL.add_working_days(d, lo) < CAL.add_working_days(d, hi)


@given(days, days)
def test_count_is_additive(a: date, b: date) -> None:
    mid = a + (b - a) / 2
    assert CAL.working_days_between(a, b) == (
        CAL.working_days_between(a, mid) + CAL.working_days_between(mid, b)
    )


# Amounts small enough that every deadline stays inside the calendar's data.
_MAX_AMOUNT = {PeriodUnit.YEARS: 1, PeriodUnit.MONTHS: 12, PeriodUnit.WEEKS: 52}


@given(days, st.integers(min_value=0, max_value=365), st.sampled_from(list(PeriodUnit)))
def test_due_lands_on_a_working_day_not_before_the_nominal_end(
    d: date, amount: int, unit: PeriodUnit
) -> None:
    period = Period(min(amount, _MAX_AMOUNT.get(unit, 365)), unit)
    result = CAL.due(d, period)
    assert CAL.is_working_day(result.due)
    assert result.due >= d
    if not unit.is_working:
        nominal = d + period.delta
        assert nominal <= result.due < nominal + timedelta(days=15)
        assert all(not info.is_working for info in result.skipped)
    before = CAL.latest_before(result.due, period)
    assert CAL.is_working_day(before.due)
    assert before.due <= result.due


@settings(max_examples=50)
@given(st.lists(days, min_size=1, max_size=50), st.integers(min_value=-40, max_value=40))
def test_array_api_matches_scalar(dates: list[date], n: int) -> None:
    arr = np.array(dates, dtype="datetime64[D]")
    got = CAL.add_working_days_array(arr, n)
    assert [x.item() for x in got] == [CAL.add_working_days(x, n) for x in dates]
    counts = CAL.working_days_between_array(arr, got)
    assert list(counts) == [
        CAL.working_days_between(x, y.item()) for x, y in zip(dates, got, strict=True)
    ]
    assert list(CAL.is_working_day_array(arr)) == [CAL.is_working_day(x) for x in dates]


@given(st.integers(min_value=0, max_value=999), st.sampled_from(list(PeriodUnit)))
def test_period_text_round_trips(amount: int, unit: PeriodUnit) -> None:
    p = Period(amount, unit)
    assert Period.parse(str(p)) == p
    assert Period.parse(p.zh) == p
    assert Period.from_value(p.to_dict()) == p
