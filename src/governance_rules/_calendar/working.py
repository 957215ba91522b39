"""The working-day calendar: which days are worked, and O(1) arithmetic on them.

:class:`WorkingCalendar` precomputes, for every day of its range, whether the day
is worked and how many working days lie up to it (a prefix count), plus the
ordinal of every working day. Adding ``n`` working days or counting them
between two dates is then two list look-ups, whatever ``n``; the numpy API does
the same look-ups over whole arrays.

>>> from datetime import date
>>> cal = WorkingCalendar.china()
>>> cal.is_working_day(date(2026, 10, 10))   # a make-up working Saturday (调休)
True
>>> cal.add_working_days(date(2026, 9, 30), 1)   # National Day week is skipped
datetime.date(2026, 10, 8)
>>> cal.working_days_between(date(2026, 9, 30), date(2026, 10, 10))
3
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from governance_rules._calendar import _china
from governance_rules._calendar.days import DayInfo, DayKind
from governance_rules._calendar.deadlines import Deadline, compute_due, period_end
from governance_rules._calendar.overrides import CalendarOverrides
from governance_rules._calendar.windows import Window
from governance_rules.errors import CalendarError, DateOutOfRangeError, OverridesError

if TYPE_CHECKING:
    from governance_rules._calendar.periods import Period

__all__ = ["WorkingCalendar"]

_DAY_CACHE_SIZE = 100_000

DEFAULT_FIRST_YEAR = _china.FIRST_PUBLISHED_YEAR
#: How many years past the last published notice the default China calendar reaches.
DEFAULT_YEARS_AHEAD = 10

#: The first day of December a following year's notice has moved (29 December
#: 2001, 2007 and 2018; 31 December 2005 and 2007 ...).
_NEXT_NOTICE_FROM = (12, 29)

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_fromordinal = date.fromordinal

DateArray = npt.NDArray[np.datetime64]


class WorkingCalendar:
    """Working days over a fixed range of years, with holidays, 调休 and local overrides.

    Most users want :meth:`china`. The constructor takes raw data, for other
    jurisdictions and for tests.

    Args:
        first_year: First year covered (inclusive).
        last_year: Last year covered (inclusive).
        holidays: Date → name of days off (statutory holidays and days moved off).
        makeup_workdays: Weekend dates declared working days (调休上班).
        published_years: Years whose arrangement is officially published; other
            years are *provisional* and every result touching them says so.
        overrides: Local closures and working days applied on top.
        rest_days_extend_periods: Whether an ordinary rest day on which a
            calendar-day period ends moves the end to the next working day, as a
            holiday does under 民法典 第203条 (default ``True``; see docs/calendar.md).
        holiday_names_zh: Chinese names of the days off, if known.
        name: A label for messages and reports.

    Raises:
        CalendarError: If the year range is empty or a make-up day is not a weekend day.
    """

    def __init__(
        self,
        *,
        first_year: int,
        last_year: int,
        holidays: Mapping[date, str],
        makeup_workdays: Iterable[date] = (),
        published_years: Iterable[int] = (),
        overrides: CalendarOverrides | None = None,
        rest_days_extend_periods: bool = True,
        holiday_names_zh: Mapping[date, str] | None = None,
        name: str = "custom",
    ) -> None:
        if not 1 <= first_year <= last_year <= 9998:
            raise CalendarError(
                "the year range is empty or out of bounds",
                where="WorkingCalendar",
                got=(first_year, last_year),
                allowed="1 <= first_year <= last_year <= 9998",
            )
        self.name = name
        self.first_date = date(first_year, 1, 1)
        self.last_date = date(last_year, 12, 31)
        self.published_years = frozenset(published_years)
        self.overrides = overrides or CalendarOverrides()
        self._check_overrides()
        self.rest_days_extend_periods = rest_days_extend_periods
        self._day_cache: dict[tuple[date, Period, bool], date] = {}
        self._holidays = dict(holidays)
        self._holidays_zh = dict(holiday_names_zh or {})
        self._makeup = frozenset(makeup_workdays)
        weekend_makeup = [d for d in self._makeup if d.weekday() < 5]
        if weekend_makeup:
            raise CalendarError(
                "a make-up working day must be a Saturday or Sunday",
                where="makeup_workdays",
                got=min(weekend_makeup).isoformat(),
            )
        self._build_tables()

    # -- construction ---------------------------------------------------------------
    @classmethod
    def china(
        cls,
        *,
        first_year: int = DEFAULT_FIRST_YEAR,
        last_year: int | None = None,
        overrides: CalendarOverrides | None = None,
        rest_days_extend_periods: bool = True,
    ) -> WorkingCalendar:
        """The national calendar of mainland China, from python-holidays.

        Calendars are cached: asking twice with the same arguments returns the
        same (immutable) object.

        Args:
            first_year: First year covered; the State Council data start in 2001.
            last_year: Last year covered; defaults to ten years past the last
                published notice, those years being provisional.
            overrides: Local closures and working days.
            rest_days_extend_periods: See the class docstring.

        >>> cal = WorkingCalendar.china()
        >>> cal.is_provisional(2026), cal.is_provisional(2035)
        (False, True)
        """
        published = _china.last_published_year()
        return _china_calendar(
            first_year,
            published + DEFAULT_YEARS_AHEAD if last_year is None else last_year,
            overrides,
            rest_days_extend_periods,
        )

    def _check_overrides(self) -> None:
        """A day of the overrides outside this calendar's years could never apply (a
        mistyped year, most likely): refused rather than silently ignored."""
        overrides = self.overrides
        outside = sorted(
            day
            for day in (*overrides.closures, *overrides.workdays)
            if not self.first_date <= day <= self.last_date
        )
        if outside:
            raise OverridesError(
                "a day outside the calendar's years",
                where=overrides.name,
                got=[day.isoformat() for day in outside[:5]],
                allowed=self.range_text,
            )

    def with_overrides(self, overrides: CalendarOverrides) -> WorkingCalendar:
        """A new calendar with these local overrides (replacing any present, and their name).

        Raises:
            OverridesError: A day of the overrides is outside this calendar's years.
        """
        name = self.name
        if self.overrides != CalendarOverrides():
            name = name.removesuffix(f" + {self.overrides.name}")
        return WorkingCalendar(
            first_year=self.first_date.year,
            last_year=self.last_date.year,
            holidays=self._holidays,
            makeup_workdays=self._makeup,
            published_years=self.published_years,
            overrides=overrides,
            rest_days_extend_periods=self.rest_days_extend_periods,
            holiday_names_zh=self._holidays_zh,
            name=f"{name} + {overrides.name}",
        )

    def _build_tables(self) -> None:
        base = self.first_date.toordinal()
        size = self.last_date.toordinal() - base + 1
        kinds: list[DayKind] = []
        for i in range(size):
            kinds.append(self._classify(_fromordinal(base + i)))
        work = [1 if k.is_working else 0 for k in kinds]
        cum: list[int] = []
        running = 0
        for w in work:
            running += w
            cum.append(running)
        self._base = base
        self._size = size
        self._kinds = kinds
        self._work = work
        self._cum = cum
        self._work_ords = [base + i for i, w in enumerate(work) if w]
        self._nwork = len(self._work_ords)
        self._np_base = base - _EPOCH_ORDINAL
        self._np_work = np.array(work, dtype=np.int64)
        self._np_cum = np.array(cum, dtype=np.int64)
        self._np_work_days = (np.array(self._work_ords, dtype=np.int64) - _EPOCH_ORDINAL).astype(
            "datetime64[D]"
        )

    def _classify(self, d: date) -> DayKind:
        if d in self.overrides.closures:
            return DayKind.LOCAL_CLOSURE
        if d in self.overrides.workdays:
            return DayKind.LOCAL_WORKDAY
        if d in self._makeup:
            return DayKind.MAKEUP_WORKDAY
        if d in self._holidays:
            return DayKind.HOLIDAY
        return DayKind.REST_DAY if d.weekday() >= 5 else DayKind.WORKDAY

    # -- input checking -------------------------------------------------------------
    def _index(self, d: object, where: str = "date") -> int:
        try:
            i: int = d.toordinal() - self._base  # type: ignore[attr-defined]
        except AttributeError:
            raise CalendarError(
                "expected a datetime.date", where=where, got=d, allowed="datetime.date"
            ) from None
        if not 0 <= i < self._size:
            raise DateOutOfRangeError(
                "date outside the calendar's data",
                where=where,
                got=d.isoformat(),  # type: ignore[attr-defined]
                allowed=self.range_text,
            )
        return i

    def _from_position(self, pos: int, start: date, n: int) -> date:
        if not 0 <= pos < self._nwork:
            raise DateOutOfRangeError(
                f"{n} working days from {start.isoformat()} lies outside the calendar's data",
                where="add_working_days",
                got=n,
                allowed=self.range_text,
            )
        return _fromordinal(self._work_ords[pos])

    @property
    def range_text(self) -> str:
        """The covered range, for messages: ``'2001-01-01 to 2036-12-31'``."""
        return f"{self.first_date.isoformat()} to {self.last_date.isoformat()}"

    # -- scalar API -----------------------------------------------------------------
    def is_working_day(self, d: date) -> bool:
        """True if ``d`` is a working day (make-up working days included).

        Raises:
            CalendarError: If ``d`` is not a date; ``DateOutOfRangeError`` if outside the data.
        """
        return self._work[self._index(d)] == 1

    def day_info(self, d: date) -> DayInfo:
        """The kind of day ``d`` is, with the holiday's or override's name.

        >>> WorkingCalendar.china().day_info(date(2026, 10, 1)).describe()
        '2026-10-01 National Day — holiday'
        """
        kind = self._kinds[self._index(d)]
        day = d if type(d) is date else date(d.year, d.month, d.day)
        zh = self._holidays_zh.get(day) if kind is DayKind.HOLIDAY else None
        return DayInfo(day, kind, self._name_of(day, kind), zh)

    def holiday_name(self, d: date, lang: str = "en") -> str | None:
        """The name of the holiday or override on ``d``, in English or Chinese (``lang="zh"``)."""
        kind = self._kinds[self._index(d)]
        day = d if type(d) is date else date(d.year, d.month, d.day)
        if lang == "zh" and kind is DayKind.HOLIDAY:
            return self._holidays_zh.get(day) or self._holidays.get(day)
        return self._name_of(day, kind)

    def _name_of(self, d: date, kind: DayKind) -> str | None:
        match kind:
            case DayKind.HOLIDAY:
                return self._holidays[d]
            case DayKind.LOCAL_CLOSURE:
                return self.overrides.closures[d]
            case DayKind.LOCAL_WORKDAY:
                return self.overrides.workdays[d]
        return None

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d`` (before it if ``n`` is negative).

        ``n == 0`` gives ``d`` itself if it is a working day, else the next
        working day. Constant time, whatever ``n``.

        Raises:
            CalendarError: If ``d`` is not a date or ``n`` not an integer;
                ``DateOutOfRangeError`` if ``d`` or the result is outside the data.

        >>> cal = WorkingCalendar.china()
        >>> cal.add_working_days(date(2026, 10, 9), 1)  # Friday → make-up Saturday
        datetime.date(2026, 10, 10)
        >>> cal.add_working_days(date(2026, 10, 8), -1)
        datetime.date(2026, 9, 30)
        """
        i = self._index(d)
        try:
            if isinstance(n, bool):
                raise TypeError
            steps = operator.index(n)
        except TypeError:
            raise CalendarError(
                "expected a whole number of working days", where="n", got=n
            ) from None
        # _cum[i] counts working days up to and including d; the working day at
        # position _cum[i] - 1 is d itself if d is worked, else the one before it.
        pos = self._cum[i] + steps - 1 if steps > 0 else self._cum[i] - self._work[i] + steps
        return self._from_position(pos, d, steps)

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in the half-open interval ``(a, b]``; negative if ``b < a``.

        >>> cal = WorkingCalendar.china()
        >>> cal.working_days_between(date(2026, 10, 1), date(2026, 10, 8))
        1
        """
        return self._cum[self._index(b, "b")] - self._cum[self._index(a, "a")]

    def working_days_in(self, first: date, last: date) -> int:
        """Working days from ``first`` to ``last``, both included (0 if ``last < first``).

        >>> cal = WorkingCalendar.china()
        >>> cal.working_days_in(date(2026, 10, 1), date(2026, 10, 5))
        0
        >>> cal.working_days_in(date(2026, 2, 22), date(2026, 2, 28))  # 28th: make-up Saturday
        5
        """
        i, j = self._index(first, "first"), self._index(last, "last")
        if j < i:
            return 0
        return self._cum[j] - self._cum[i] + self._work[i]  # constant time, by the running count

    def period_end(self, last: date) -> date:
        """Where a period whose last day is ``last`` ends, by the civil-code rule of :meth:`due`.

        >>> cal = WorkingCalendar.china()
        >>> cal.period_end(date(2026, 5, 5)), cal.period_end(date(2026, 5, 7))
        (datetime.date(2026, 5, 6), datetime.date(2026, 5, 7))
        """
        return period_end(self, last)

    def settle(self, window: Window) -> Window:
        """``window`` as the calendar has it: if it holds no working day, it ends like a period.

        A fixed window ("by the 5th") that falls wholly on days off ends on the first
        working day after it (民法典 第203条, by :meth:`period_end`); any other window
        is returned as it is.

        >>> cal = WorkingCalendar.china()
        >>> str(cal.settle(Window(date(2026, 10, 1), date(2026, 10, 5))))
        '2026-10-01..2026-10-08'
        >>> str(cal.settle(Window(date(2026, 10, 1), date(2026, 10, 9))))
        '2026-10-01..2026-10-09'
        """
        if self.working_days_in(window.start, window.end):
            return window
        return Window(window.start, self.period_end(window.end))

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        return self.add_working_days(d, 1)

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        return self.add_working_days(d, -1)

    def days(self, first: date, last: date) -> list[DayInfo]:
        """Every day from ``first`` to ``last`` inclusive, with its kind."""
        i, j = self._index(first, "first"), self._index(last, "last")
        return [self.day_info(_fromordinal(self._base + k)) for k in range(i, j + 1)]

    def year(self, year: int) -> list[DayInfo]:
        """Every day of ``year`` with its kind.

        Raises:
            CalendarError: If ``year`` is not a whole number;
                ``DateOutOfRangeError`` if it is outside the calendar's data.
        """
        self.check_year(year)
        return self.days(date(year, 1, 1), date(year, 12, 31))

    def check_year(self, year: int) -> int:
        """Return ``year`` if the calendar holds data for it, else raise.

        Raises:
            CalendarError: If ``year`` is not a whole number.
            DateOutOfRangeError: If it is outside the calendar's data.

        >>> WorkingCalendar.china(last_year=2030).check_year(10000)
        Traceback (most recent call last):
        ...
        governance_rules.errors.DateOutOfRangeError: year: outside the calendar's data (got 10000); allowed: 2001 to 2030
        """  # noqa: E501
        if isinstance(year, bool) or not isinstance(year, int):
            raise CalendarError("expected a whole number", where="year", got=year)
        first, last = self.first_date.year, self.last_date.year
        if not first <= year <= last:
            shown: object = year if year.bit_length() < 64 else "<a very large number>"
            raise DateOutOfRangeError(
                "outside the calendar's data",
                where="year",
                got=shown,
                allowed=f"{first} to {last}",
            )
        return year

    # -- provisional years ----------------------------------------------------------
    def is_provisional(self, year: int) -> bool:
        """True if ``year``'s holiday arrangement is not (yet) officially published.

        For a provisional year the statutory holidays are known but the 调休
        arrangement is not, so its working days may still change.
        """
        return year not in self.published_years

    def provisional_years(self, a: date, b: date) -> tuple[int, ...]:
        """The provisional years among those spanned by ``a`` and ``b``.

        A span reaching the last days of December also depends on the next year's
        notice, which may move those days (Monday 2007-12-31 was given off, and
        Saturday 2018-12-29 made a working day, by the following year's notices): if
        that year is provisional, it is named too.

        >>> cal = WorkingCalendar.china()
        >>> year = _china.last_published_year()
        >>> cal.provisional_years(date(year, 12, 1), date(year, 12, 28))
        ()
        >>> cal.provisional_years(date(year, 12, 1), date(year, 12, 29)) == (year + 1,)
        True
        """
        lo, hi = sorted((a.toordinal(), b.toordinal()))
        first, last = _fromordinal(lo).year, _fromordinal(hi).year
        if _fromordinal(hi) >= date(last, *_NEXT_NOTICE_FROM) and last < 9999:
            last += 1
        return tuple(y for y in range(first, last + 1) if self.is_provisional(y))

    # -- deadlines ------------------------------------------------------------------
    def due(self, start: date, period: Period | str | Mapping[str, Any]) -> Deadline:
        """When a period that starts on ``start`` ends, with an explanation.

        Working-day periods count working days after ``start``; calendar-day
        periods follow 民法典 第201–203条 (see docs/calendar.md).

        >>> d = WorkingCalendar.china().due(date(2026, 9, 28), "3个工作日")
        >>> d.due, d.provisional
        (datetime.date(2026, 10, 8), False)
        """
        return compute_due(self, start, period, before=False)

    def latest_before(self, event: date, period: Period | str | Mapping[str, Any]) -> Deadline:
        """The latest day that is still ``period`` before ``event`` (e.g. a notice lead).

        >>> WorkingCalendar.china().latest_before(date(2026, 10, 9), "3 days").due
        datetime.date(2026, 9, 30)
        """
        return compute_due(self, event, period, before=True)

    def due_day(self, start: date, period: Period, *, before: bool = False) -> date:
        """Just the day of :meth:`due` (or :meth:`latest_before`), remembered.

        For engines that count the same period from the same day for many items;
        the answer is exactly the one ``due``/``latest_before`` give.

        >>> from governance_rules._calendar import Period
        >>> WorkingCalendar.china().due_day(date(2026, 9, 28), Period.parse("3个工作日"))
        datetime.date(2026, 10, 8)
        """
        key = (start, period, before)
        found = self._day_cache.get(key)
        if found is None:
            if len(self._day_cache) >= _DAY_CACHE_SIZE:
                self._day_cache.clear()
            found = compute_due(self, start, period, before=before).due
            self._day_cache[key] = found
        return found

    # -- array API ------------------------------------------------------------------
    def _indices(self, dates: npt.ArrayLike, where: str) -> npt.NDArray[np.int64]:
        try:
            raw = np.asarray(dates)
            if raw.dtype.kind not in "MOUS":  # numbers are not dates
                raise TypeError(raw.dtype)
            days = raw.astype("datetime64[D]")
        except (TypeError, ValueError) as exc:
            raise CalendarError(
                "expected dates", where=where, allowed="datetime64[D]-compatible values"
            ) from exc
        idx = days.astype(np.int64) - self._np_base
        if idx.size and (idx.min() < 0 or idx.max() >= self._size):
            bad = days.flat[int(np.argmax((idx < 0) | (idx >= self._size)))]
            raise DateOutOfRangeError(
                "date outside the calendar's data", where=where, got=str(bad),
                allowed=self.range_text,
            )  # fmt: skip
        return idx

    def is_working_day_array(self, dates: npt.ArrayLike) -> npt.NDArray[np.bool_]:
        """Vectorised :meth:`is_working_day`."""
        return self._np_work[self._indices(dates, "dates")].astype(bool)

    def add_working_days_array(self, dates: npt.ArrayLike, n: npt.ArrayLike) -> DateArray:
        """Vectorised :meth:`add_working_days`: ``n`` may be a scalar or an array.

        >>> import numpy as np
        >>> cal = WorkingCalendar.china()
        >>> cal.add_working_days_array(np.array(["2026-10-09", "2026-09-30"], "M8[D]"), 1)
        array(['2026-10-10', '2026-10-08'], dtype='datetime64[D]')
        """
        idx = self._indices(dates, "dates")
        steps = np.asarray(n)
        if steps.dtype.kind not in "iu" or (steps.size and np.abs(steps).max() > self._nwork):
            raise CalendarError(
                "expected whole numbers of working days within the calendar's range",
                where="n",
                got=n,
            )
        steps = steps.astype(np.int64)
        _same_shape(idx, steps, "n")
        cum = self._np_cum[idx]
        work = self._np_work[idx]
        pos = np.where(steps > 0, cum + steps - 1, cum - work + steps)
        if pos.size and (pos.min() < 0 or pos.max() >= self._nwork):
            raise DateOutOfRangeError(
                "a result lies outside the calendar's data",
                where="add_working_days_array",
                allowed=self.range_text,
            )
        result: DateArray = self._np_work_days[pos]
        return result

    def working_days_between_array(
        self, a: npt.ArrayLike, b: npt.ArrayLike
    ) -> npt.NDArray[np.int64]:
        """Vectorised :meth:`working_days_between`."""
        first, last = self._indices(a, "a"), self._indices(b, "b")
        _same_shape(first, last, "b")
        counts: npt.NDArray[np.int64] = self._np_cum[last] - self._np_cum[first]
        return counts

    def __repr__(self) -> str:
        return f"<WorkingCalendar {self.name} {self.range_text}>"


def _same_shape(a: npt.NDArray[Any], b: npt.NDArray[Any], where: str) -> None:
    """Refuse two arrays that numpy cannot pair element by element."""
    try:
        np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise CalendarError(
            "the arrays must have the same shape (or one of them a single value)",
            where=where,
            got=f"shapes {a.shape} and {b.shape}",
        ) from None


@lru_cache(maxsize=16)
def _china_calendar(
    first_year: int,
    last_year: int,
    overrides: CalendarOverrides | None,
    rest_days_extend_periods: bool,
) -> WorkingCalendar:
    data = _china.national_data(first_year, last_year)
    published = range(_china.FIRST_PUBLISHED_YEAR, _china.last_published_year() + 1)
    return WorkingCalendar(
        first_year=first_year,
        last_year=last_year,
        holidays=data.holidays_en,
        holiday_names_zh=data.holidays_zh,
        makeup_workdays=data.makeup_workdays,
        published_years=published,
        overrides=overrides,
        rest_days_extend_periods=rest_days_extend_periods,
        name="China" if overrides is None else f"China + {overrides.name}",
    )
