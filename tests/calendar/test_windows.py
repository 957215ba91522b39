"""Windows for recurring duties, both readings of "last week", and refusals."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date

import pytest

from governance_rules._calendar import (
    EVEN_MONTHS,
    QUARTER_FIRST_MONTHS,
    LastWeekReading,
    Window,
    by_day_of_month,
    cadence_periods,
    days_of_month,
    every_n_months,
    last_week_of_months,
    whole_months,
)
from governance_rules.errors import WindowError
from tests.conftest import d


def spans(windows: list[Window]) -> list[str]:
    return [str(w) for w in windows]


def test_last_week_of_even_months_calendar_week() -> None:
    # 2026: Feb 28 Sat, Apr 30 Thu, Jun 30 Tue, Aug 31 Mon, Oct 31 Sat, Dec 31 Thu
    assert spans(last_week_of_months(2026, EVEN_MONTHS)) == [
        "2026-02-23..2026-02-28",
        "2026-04-27..2026-04-30",
        "2026-06-29..2026-06-30",
        "2026-08-31..2026-08-31",  # the month ends on a Monday: one day
        "2026-10-26..2026-10-31",
        "2026-12-28..2026-12-31",
    ]


def test_last_week_of_even_months_last_seven_days() -> None:
    windows = last_week_of_months(2026, EVEN_MONTHS, LastWeekReading.LAST_SEVEN_DAYS)
    assert spans(windows)[0] == "2026-02-22..2026-02-28"
    assert spans(windows)[3] == "2026-08-25..2026-08-31"
    assert all(w.days == 7 for w in windows)


def test_leap_february() -> None:
    reading = LastWeekReading.LAST_SEVEN_DAYS
    assert spans(last_week_of_months(2028, (2,), reading)) == ["2028-02-23..2028-02-29"]


def test_end_of_june_and_december() -> None:
    assert spans(last_week_of_months(2026, (6, 12), LastWeekReading.LAST_SEVEN_DAYS)) == [
        "2026-06-24..2026-06-30",
        "2026-12-25..2026-12-31",
    ]


def test_by_the_fifth_and_tenth_to_fifteenth() -> None:
    assert len(by_day_of_month(2026, 5)) == 12
    assert spans(by_day_of_month(2026, 5))[1] == "2026-02-01..2026-02-05"
    assert spans(days_of_month(2026, 10, 15))[11] == "2026-12-10..2026-12-15"
    # days beyond a short month are cut, a window starting after its end is dropped
    assert spans(days_of_month(2026, 25, 31, (2,))) == ["2026-02-25..2026-02-28"]
    assert days_of_month(2026, 30, 31, (2,)) == []


def test_whole_months() -> None:
    assert spans(whole_months(2026, (12,))) == ["2026-12-01..2026-12-31"]
    assert [w.start.month for w in whole_months(2026, QUARTER_FIRST_MONTHS)] == [1, 4, 7, 10]


def test_every_n_months_from_an_anchor() -> None:
    windows = every_n_months(2026, 2, d("2026-01-15"))
    assert spans(windows)[:2] == ["2026-01-15..2026-03-14", "2026-03-15..2026-05-14"]
    assert len(windows) == 6
    # windows are the ones that start in the year, computed from the anchor without drift
    far = every_n_months(2031, 3, d("2025-01-31"))
    assert [w.start for w in far] == [d("2031-01-31"), d("2031-04-30"), d("2031-07-31"),
                                      d("2031-10-31")]  # fmt: skip
    assert every_n_months(2020, 3, d("2025-01-31")) == []


@pytest.mark.parametrize(("months", "count"), [(1, 12), (2, 6), (3, 4), (6, 2), (12, 1)])
def test_cadence_periods_tile_the_year(months: int, count: int) -> None:
    windows = cadence_periods(2026, months)
    assert len(windows) == count
    assert windows[0].start == date(2026, 1, 1)
    assert windows[-1].end == date(2026, 12, 31)
    assert sum(w.days for w in windows) == 365
    assert all(
        a.end.toordinal() + 1 == b.start.toordinal() for a, b in itertools.pairwise(windows)
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda: last_week_of_months(2026, (13,)),
        lambda: last_week_of_months(2026, ()),
        lambda: days_of_month(2026, 15, 10),
        lambda: days_of_month(2026, 0, 10),
        lambda: every_n_months(2026, 0, date(2026, 1, 1)),
        lambda: cadence_periods(2026, 5),
        lambda: Window(date(2026, 2, 1), date(2026, 1, 1)),
    ],
)
def test_refusals(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(WindowError):
        call()


def test_window_basics() -> None:
    w = Window(d("2026-12-01"), d("2026-12-31"))
    assert d("2026-12-31") in w
    assert d("2027-01-01") not in w
    assert "2026-12-05" not in w
    assert w.to_dict() == {"start": "2026-12-01", "end": "2026-12-31"}


def test_a_reading_given_by_its_value_is_that_reading() -> None:
    # "calendar_week" as text used to give the last seven days, silently
    by_value = last_week_of_months(2026, (8,), "calendar_week")
    assert by_value == last_week_of_months(2026, (8,), LastWeekReading.CALENDAR_WEEK)
    assert [str(w) for w in by_value] == ["2026-08-31..2026-08-31"]
    with pytest.raises(WindowError, match="allowed: calendar_week, last_seven_days"):
        last_week_of_months(2026, (8,), "last_week")


@pytest.mark.parametrize(
    ("call", "where"),
    [
        (lambda: last_week_of_months(0, (2,)), "year"),
        (lambda: last_week_of_months(10000, (2,)), "year"),
        (lambda: last_week_of_months(10**30, (2,)), "year"),
        (lambda: last_week_of_months(True, (2,)), "year"),
        (lambda: whole_months(-1, (1,)), "year"),
        (lambda: cadence_periods(9999, 12), "year"),
        (lambda: last_week_of_months(2026, 5), "months"),
        (lambda: last_week_of_months(2026, ["2", 3]), "months"),
        (lambda: days_of_month(2026, "1", 5), "days_of_month"),
        (lambda: by_day_of_month(2026, 5.5), "days_of_month"),  # type: ignore[arg-type]
        (lambda: every_n_months(2026, 1, "2026-01-01"), "anchor"),
        (lambda: every_n_months(2026, 10**30, date(2026, 1, 1)), "every_n_months"),
    ],
)
def test_bad_arguments_are_window_errors(call: Callable[[], object], where: str) -> None:
    with pytest.raises(WindowError) as info:
        call()
    assert info.value.where == where
