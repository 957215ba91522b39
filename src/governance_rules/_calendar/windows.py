"""Windows for recurring duties: the days in which a meeting or report must fall.

Each function generates, for one year, the ``Window(start, end)`` spans
(both ends inclusive) that a charter phrase describes:

=====================================  ================================================
charter phrase                         function
=====================================  ================================================
每个双月最后一周 (last week, even months)  :func:`last_week_of_months` (two readings)
6月底和12月底 (end of June and December)   :func:`last_week_of_months` with ``(6, 12)``
每月5日前 (by the 5th of each month)      :func:`by_day_of_month`
每月10日至15日 (10th to 15th)             :func:`days_of_month`
每季度第一个月 (first month of quarters)  :func:`whole_months` with ``QUARTER_FIRST_MONTHS``
每年12月 (in December)                  :func:`whole_months` with ``(12,)``
每N个月 (every N months from an anchor)  :func:`every_n_months`
每月/双月/季度/半年 (cadence periods)      :func:`cadence_periods`
=====================================  ================================================

>>> [str(w) for w in last_week_of_months(2026, (2, 4))]
['2026-02-23..2026-02-28', '2026-04-27..2026-04-30']
>>> [str(w) for w in last_week_of_months(2026, (2, 4), LastWeekReading.LAST_SEVEN_DAYS)]
['2026-02-22..2026-02-28', '2026-04-24..2026-04-30']
"""

from __future__ import annotations

import calendar as _stdcal
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from governance_rules._numbers import whole
from governance_rules.errors import WindowError

__all__ = [
    "ALL_MONTHS",
    "EVEN_MONTHS",
    "QUARTER_FIRST_MONTHS",
    "LastWeekReading",
    "Window",
    "by_day_of_month",
    "cadence_periods",
    "days_of_month",
    "every_n_months",
    "last_week_of_months",
    "whole_months",
]

ALL_MONTHS: tuple[int, ...] = tuple(range(1, 13))
EVEN_MONTHS: tuple[int, ...] = (2, 4, 6, 8, 10, 12)
QUARTER_FIRST_MONTHS: tuple[int, ...] = (1, 4, 7, 10)


@dataclass(frozen=True, slots=True, order=True)
class Window:
    """A span of days, both ends inclusive.

    >>> w = Window(date(2026, 12, 1), date(2026, 12, 31))
    >>> date(2026, 12, 25) in w, w.days
    (True, 31)
    """

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise WindowError(
                "a window cannot end before it starts",
                where="window",
                got=f"{self.start.isoformat()}..{self.end.isoformat()}",
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def days(self) -> int:
        """How many days the window holds."""
        return (self.end - self.start).days + 1

    def to_dict(self) -> dict[str, str]:
        """``{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}``."""
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


class LastWeekReading(enum.Enum):
    """Two readings of "the last week of the month" (最后一周)."""

    CALENDAR_WEEK = "calendar_week"
    """The Monday–Sunday week that contains the month's last day, cut at the month's end."""
    LAST_SEVEN_DAYS = "last_seven_days"
    """The month's last seven days."""


#: The years a window can be computed for: those of a working-day calendar.
MAX_YEAR = 9998


def _year(year: object) -> int:
    return whole("year", year, 1, MAX_YEAR, what="expected a year", error=WindowError)


def _month_list(months: Iterable[int]) -> tuple[int, ...]:
    try:
        result = tuple(sorted(set(months)))
    except TypeError:  # not an iterable, or of things that do not compare with numbers
        result = ()
    if not result or any(
        isinstance(m, bool) or not isinstance(m, int) or not 1 <= m <= 12 for m in result
    ):
        raise WindowError("months must be numbers 1–12", where="months", got=months)
    return result


def _reading(reading: object) -> LastWeekReading:
    try:
        return LastWeekReading(reading)
    except (ValueError, TypeError):
        allowed = ", ".join(r.value for r in LastWeekReading)
        raise WindowError(
            "no such reading of the last week", where="reading", got=reading, allowed=allowed
        ) from None


def _last_day(year: int, month: int) -> date:
    return date(year, month, _stdcal.monthrange(year, month)[1])


def last_week_of_months(
    year: int,
    months: Iterable[int] = EVEN_MONTHS,
    reading: LastWeekReading | str = LastWeekReading.CALENDAR_WEEK,
) -> list[Window]:
    """The last week of each of ``months`` (default: the even months).

    With ``CALENDAR_WEEK`` the window runs from the Monday of the week that
    holds the month's last day to that last day; with ``LAST_SEVEN_DAYS`` it is
    the month's final seven days. ``reading`` may be given by its value.

    >>> [str(w) for w in last_week_of_months(2026, (8,), "last_seven_days")]
    ['2026-08-25..2026-08-31']

    Raises:
        WindowError: If the year, a month or the reading is not one there is.
    """
    year, reading = _year(year), _reading(reading)
    windows = []
    for month in _month_list(months):
        last = _last_day(year, month)
        if reading is LastWeekReading.CALENDAR_WEEK:
            first = last - timedelta(days=last.weekday())
        else:
            first = last - timedelta(days=6)
        windows.append(Window(first, last))
    return windows


def days_of_month(
    year: int, first_day: int, last_day: int, months: Iterable[int] = ALL_MONTHS
) -> list[Window]:
    """Days ``first_day``–``last_day`` of each month (cut at a short month's end).

    Raises:
        WindowError: A day outside 1–31, ``first_day`` after ``last_day``, or a month
            outside 1–12 (a year outside 1–9,998 likewise).

    >>> str(days_of_month(2026, 10, 15)[0])
    '2026-01-10..2026-01-15'
    """
    year = _year(year)
    for day in (first_day, last_day):
        whole("days_of_month", day, 1, 31, what="expected a day of the month", error=WindowError)
    if not first_day <= last_day:
        raise WindowError(
            "days of the month must satisfy 1 <= first <= last <= 31",
            where="days_of_month",
            got=(first_day, last_day),
        )
    windows = []
    for month in _month_list(months):
        end = _last_day(year, month)
        if first_day <= end.day:
            windows.append(
                Window(date(year, month, first_day), date(year, month, min(last_day, end.day)))
            )
    return windows


def by_day_of_month(year: int, day: int, months: Iterable[int] = ALL_MONTHS) -> list[Window]:
    """From the 1st up to and including ``day`` of each month ("by the 5th").

    Raises:
        WindowError: A day outside 1–31, or a month outside 1–12.

    >>> str(by_day_of_month(2026, 5, (3,))[0])
    '2026-03-01..2026-03-05'
    """
    return days_of_month(year, 1, day, months)


def whole_months(year: int, months: Iterable[int]) -> list[Window]:
    """Each of ``months`` in full ("in December", "first month of each quarter").

    Raises:
        WindowError: A month outside 1–12, or a year outside 1–9,998.

    >>> [str(w) for w in whole_months(2026, QUARTER_FIRST_MONTHS)][1]
    '2026-04-01..2026-04-30'
    """
    year = _year(year)
    return [Window(date(year, m, 1), _last_day(year, m)) for m in _month_list(months)]


def every_n_months(year: int, n: int, anchor: date) -> list[Window]:
    """Consecutive spans of ``n`` months from ``anchor``, those that start in ``year``.

    Raises:
        WindowError: ``n`` below 1, an ``anchor`` that is not a date, or a window
            ending past the representable dates.

    >>> [str(w) for w in every_n_months(2026, 4, date(2025, 11, 15))]
    ['2026-03-15..2026-07-14', '2026-07-15..2026-11-14', '2026-11-15..2027-03-14']
    """
    year = _year(year)
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise WindowError("the number of months must be 1 or more", where="every_n_months", got=n)
    if not isinstance(anchor, date):
        raise WindowError("expected a date", where="anchor", got=anchor, allowed="datetime.date")
    # Jump near the year, then walk; always computed from the anchor so no drift.
    k = max(0, ((year - anchor.year) * 12 - anchor.month) // n - 1)
    windows: list[Window] = []
    try:
        while True:
            start = anchor + relativedelta(months=k * n)
            if start.year > year:
                return windows
            if start.year == year:
                end = anchor + relativedelta(months=(k + 1) * n) - timedelta(days=1)
                windows.append(Window(start, end))
            k += 1
    except (OverflowError, ValueError):  # a window ending past the year 9999
        raise WindowError(
            "a window ends past the representable dates",
            where="every_n_months",
            got=f"every {n} months from {anchor.isoformat()}",
        ) from None


def cadence_periods(year: int, months_per_period: int) -> list[Window]:
    """The year cut into periods of 1, 2, 3, 4, 6 or 12 months.

    Monthly, bimonthly, quarterly, half-yearly and yearly duties fall once in
    each of these periods.

    Raises:
        WindowError: A number of months that does not divide the year.

    >>> [str(w) for w in cadence_periods(2026, 6)]
    ['2026-01-01..2026-06-30', '2026-07-01..2026-12-31']
    """
    if months_per_period not in (1, 2, 3, 4, 6, 12):
        raise WindowError(
            "a cadence must divide the year",
            where="cadence_periods",
            got=months_per_period,
            allowed="1, 2, 3, 4, 6 or 12 months",
        )
    return every_n_months(year, months_per_period, date(year, 1, 1))
