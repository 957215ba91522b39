"""Deadlines: when a period ends, and why.

Two kinds of period are computed differently:

* **Working days** ("3个工作日"): count working days after the start; rest days
  and holidays are skipped, make-up working days (调休上班) are counted.
* **Calendar periods** (days, weeks, months, years) follow 民法典 第201–203条:
  the start day is not counted (第201条); a month or year period ends on the
  corresponding day, or the month's last day if there is none (第202条); if the
  last day is a statutory holiday, the period ends on the day after the
  holiday (第203条). Ordinary rest days extend the period too unless the
  calendar says otherwise (``rest_days_extend_periods``); a last day that is a
  make-up working day is a working day and does not move.

Counting *backwards* (a notice that must go out "3 days before" a meeting) mirrors
these rules: the latest allowed day moves earlier, to the previous working day.

>>> from datetime import date
>>> from governance_rules.calendar import WorkingCalendar
>>> d = WorkingCalendar.china().due(date(2026, 9, 23), "8 days")
>>> d.due
datetime.date(2026, 10, 8)
>>> print("\\n".join(d.explanation))
start 2026-09-23 Wednesday — working day; the start day is not counted (民法典 第201条)
8 days after the start: the last day would be 2026-10-01 National Day — holiday
skip 2026-10-01 National Day — holiday
skip 2026-10-02 National Day — holiday
skip 2026-10-03 National Day — holiday
skip 2026-10-04 Sunday — rest day
skip 2026-10-05 National Day (observed) — holiday
skip 2026-10-06 Day off (substituted from 09/20/2026) — holiday
skip 2026-10-07 Day off (substituted from 10/10/2026) — holiday
the last day falls in a holiday, so the period ends on the day after it (民法典 第203条)
due 2026-10-08 Thursday, at 24:00
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any

from governance_rules.calendar.days import DayInfo, DayKind
from governance_rules.calendar.periods import Period
from governance_rules.errors import CalendarError, DateOutOfRangeError

if TYPE_CHECKING:
    from governance_rules.calendar.working import WorkingCalendar

__all__ = ["Deadline", "compute_due"]

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, eq=False)
class Deadline:
    """The end of a period: the date, whether it is provisional, and why.

    Attributes:
        start: The day the period runs from (or, counting backwards, the event).
        period: The period.
        due: The last day of the period (or the latest allowed day, backwards).
        provisional: True if a year whose holiday arrangement is not yet
            published lies between ``start`` and ``due``.
        provisional_years: Those years.
        before: True if counted backwards from an event.
    """

    start: date
    period: Period
    due: date
    provisional: bool
    provisional_years: tuple[int, ...]
    before: bool
    _calendar: WorkingCalendar = field(repr=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Deadline):
            return NotImplemented
        return self._key == other._key

    def __hash__(self) -> int:
        return hash(self._key)

    @property
    def _key(self) -> tuple[date, Period, date, bool]:
        return (self.start, self.period, self.due, self.before)

    @cached_property
    def explanation(self) -> tuple[str, ...]:
        """The steps taken, one line each, naming every skipped day and its reason."""
        lines = list(_explain(self._calendar, self))
        if self.provisional:
            years = ", ".join(map(str, self.provisional_years))
            lines.append(f"provisional: the holiday arrangement for {years} is not yet published")
        return tuple(lines)

    @cached_property
    def skipped(self) -> tuple[DayInfo, ...]:
        """The days passed over between ``start`` and ``due`` that were not counted."""
        cal = self._calendar
        if self.period.unit.is_working:
            lo, hi = sorted((self.start, self.due))
            return tuple(info for info in _span(cal, lo, hi, self.before) if not info.is_working)
        nominal = _nominal(self.start, self.period, self.before)
        if self.before:  # from the nominal day back to, not including, the due day
            days = _dates(self.due + _ONE_DAY, nominal, inclusive_end=True, rev=True)
        else:  # from the nominal day up to, not including, the due day
            days = _dates(nominal, self.due, inclusive_end=False)
        return tuple(cal.day_info(d) for d in days)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping: start, period, due, provisional, explanation …"""
        return {
            "start": self.start.isoformat(),
            "period": str(self.period),
            "period_zh": self.period.zh,
            "direction": "before" if self.before else "after",
            "due": self.due.isoformat(),
            "provisional": self.provisional,
            "provisional_years": list(self.provisional_years),
            "explanation": list(self.explanation),
        }


def compute_due(
    cal: WorkingCalendar,
    start: date,
    period: Period | str | Mapping[str, Any],
    *,
    before: bool,
) -> Deadline:
    """Compute the deadline of ``period`` from ``start`` (backwards if ``before``)."""
    p = Period.from_value(period)
    cal.is_working_day(start)  # validates the type and range of ``start``
    if p.unit.is_working and before and p.amount == 0:  # never later than the event
        due = start if cal.is_working_day(start) else cal.add_working_days(start, -1)
    elif p.unit.is_working:
        due = cal.add_working_days(start, -p.amount if before else p.amount)
    else:
        due = _calendar_period_end(cal, start, p, before)
    years = cal.provisional_years(start, due)
    plain = start if type(start) is date else date(start.year, start.month, start.day)
    return Deadline(plain, p, due, bool(years), years, before, cal)


def _nominal(start: date, period: Period, before: bool, allowed: str | None = None) -> date:
    try:
        end: date = start - period.delta if before else start + period.delta
    except (OverflowError, ValueError):  # past year 9999 or before year 1
        raise DateOutOfRangeError(
            "the period ends outside the calendar's data",
            where="period",
            got=str(period),
            allowed=allowed or "a period ending between the years 1 and 9999",
        ) from None
    return end


def _calendar_period_end(cal: WorkingCalendar, start: date, p: Period, before: bool) -> date:
    nominal = _nominal(start, p, before, cal.range_text)
    info = cal.day_info(nominal)
    if info.is_working or not _extends(cal, nominal):
        return nominal
    return cal.add_working_days(nominal, -1 if before else 1)


def _extends(cal: WorkingCalendar, d: date) -> bool:
    """True if a period ending on non-working day ``d`` moves to a working day.

    A day in a run of days off that contains a holiday always moves (the
    arrangement's whole block, weekend included, is the holiday); an ordinary
    rest day moves only if the calendar's ``rest_days_extend_periods`` is set.
    """
    if cal.rest_days_extend_periods:
        return True
    for step in (_ONE_DAY, -_ONE_DAY):
        day = d
        try:
            while not (info := cal.day_info(day)).is_working:
                if info.kind.is_holiday:
                    return True
                day += step
        except DateOutOfRangeError:
            continue
    return False


def _dates(lo: date, hi: date, *, inclusive_end: bool, rev: bool = False) -> list[date]:
    n = (hi - lo).days + (1 if inclusive_end else 0)
    days = [lo + timedelta(days=i) for i in range(n)]
    return days[::-1] if rev else days


def _span(cal: WorkingCalendar, lo: date, hi: date, rev: bool) -> list[DayInfo]:
    """Days strictly after ``lo`` up to ``hi`` (or, reversed, strictly before ``hi``)."""
    if rev:
        return [cal.day_info(d) for d in _dates(lo, hi - _ONE_DAY, inclusive_end=True, rev=True)]
    return [cal.day_info(d) for d in _dates(lo + _ONE_DAY, hi, inclusive_end=True)]


def _explain(cal: WorkingCalendar, dl: Deadline) -> list[str]:
    start = cal.day_info(dl.start)
    due = cal.day_info(dl.due)
    label = due.name or due.weekday_name
    if dl.period.unit.is_working:
        return _explain_working(cal, dl, start, f"{due.date.isoformat()} {label}")
    return _explain_calendar(cal, dl, start, f"{due.date.isoformat()} {label}")


def _explain_working(cal: WorkingCalendar, dl: Deadline, start: DayInfo, due: str) -> list[str]:
    n = dl.period.amount
    if n == 0:
        lines = [f"start {start.describe()}"]
        if start.is_working:
            return [*lines, f"0 working days: the start day is a working day; due {due}"]
        if dl.before:
            skipped = [f"skip {i.describe()}" for i in _span(cal, dl.due, dl.start, rev=True)[:-1]]
            return [
                *lines,
                *skipped,
                f"0 working days: the latest working day before the event, {due}",
            ]
        skipped = [f"skip {i.describe()}" for i in _span(cal, dl.start, dl.due, rev=False)[:-1]]
        return [*lines, *skipped, f"0 working days: due on the next working day, {due}"]
    if dl.before:
        lines = [f"event {start.describe()}; counting back, the event day is not counted"]
        days = _span(cal, dl.due, dl.start, rev=True)
    else:
        lines = [f"start {start.describe()}; the start day is not counted"]
        days = _span(cal, dl.start, dl.due, rev=False)
    counted = 0
    for info in days:
        if not info.is_working:
            lines.append(f"skip {info.describe()}")
            continue
        counted += 1
        if info.kind is not DayKind.WORKDAY:
            lines.append(f"count {info.describe()} as working day {counted} of {n}")
    word = "latest day" if dl.before else "due"
    lines.append(f"{n} working days counted; {word} {due}")
    return lines


def _explain_calendar(cal: WorkingCalendar, dl: Deadline, start: DayInfo, due: str) -> list[str]:
    nominal = _nominal(dl.start, dl.period, dl.before)
    last = cal.day_info(nominal)
    if dl.before:
        lines = [
            f"event {start.describe()}; counting back, the event day is not counted",
            f"{dl.period} before the event: the latest day would be {last.describe()}",
        ]
    else:
        lines = [
            f"start {start.describe()}; the start day is not counted (民法典 第201条)",
            f"{dl.period} after the start: the last day would be {last.describe()}",
        ]
    if dl.period.unit.value in ("months", "years") and nominal.day != dl.start.day:
        lines.append("there is no corresponding day that month, so its last day is used (第202条)")
    if nominal == dl.due:
        if last.kind is DayKind.REST_DAY:
            lines.append("ordinary rest days do not extend periods in this calendar")
        elif not last.is_working:  # pragma: no cover - only with unusual calendars
            raise CalendarError("inconsistent deadline", where="due", got=dl.due)
        if dl.before:
            lines.append(f"latest day {due}")
        else:
            lines.append(f"due {due}, at 24:00")
        return lines
    lines.extend(f"skip {info.describe()}" for info in dl.skipped)
    if dl.before:
        lines.append("that day is not a working day, so the latest day moves earlier")
        lines.append(f"latest day {due}")
        return lines
    reason = "falls in a holiday" if _run_has_holiday(dl.skipped) else "is a rest day"
    lines.append(f"the last day {reason}, so the period ends on the day after it (民法典 第203条)")
    lines.append(f"due {due}, at 24:00")
    return lines


def _run_has_holiday(days: tuple[DayInfo, ...]) -> bool:
    return any(info.kind.is_holiday for info in days)
