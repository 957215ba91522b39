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
>>> from governance_rules._calendar import WorkingCalendar
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
skip 2026-10-06 Day off (substituted from 2026-09-20) — holiday
skip 2026-10-07 Day off (substituted from 2026-10-10) — holiday
the last day falls in a holiday, so the period ends on the day after it (民法典 第203条)
due 2026-10-08 Thursday, at 24:00

The same in Chinese, with python-holidays' Chinese holiday names:

>>> print("\\n".join(d.explain("zh")[-3:]))
跳过 2026-10-07 休息日（由 2026-10-10 调休） — 节假日
期间最后一日是法定节假日，以节假日结束的次日为期间最后一日（《民法典》第203条）
截止日 2026-10-08 星期四 24:00
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any, Protocol

from governance_rules._calendar.days import DayInfo, DayKind
from governance_rules._calendar.periods import Period, PeriodUnit
from governance_rules._i18n import normalize_lang, text
from governance_rules.errors import CalendarError, DateOutOfRangeError


class WorkingCalendar(Protocol):
    """What a deadline needs of a working-day calendar (``calendar.working`` has it).

    A protocol, so that this module does not import the calendar that uses it.
    """

    rest_days_extend_periods: bool

    @property
    def range_text(self) -> str: ...

    def is_working_day(self, d: date) -> bool: ...

    def day_info(self, d: date) -> DayInfo: ...

    def add_working_days(self, d: date, n: int) -> date: ...

    def provisional_years(self, a: date, b: date) -> tuple[int, ...]: ...


__all__ = ["Deadline", "compute_due", "period_end"]

_ONE_DAY = timedelta(days=1)
_MONTHLY = (PeriodUnit.MONTHS, PeriodUnit.YEARS)


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
        return self.explain("en")

    def explain(self, lang: str = "en") -> tuple[str, ...]:
        """The steps taken in ``lang`` (``en`` or ``zh``); dates are always ISO 8601."""
        lines = list(_explain(self._calendar, self, lang))
        if self.provisional:
            sep = text("list_sep", lang)
            years = sep.join(map(str, self.provisional_years))
            lines.append(text("provisional_years", lang, years=years))
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

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """A JSON-ready mapping: start, period, due, provisional, explanation (in ``lang``) …"""
        return {
            "start": self.start.isoformat(),
            "period": str(self.period),
            "period_zh": self.period.zh,
            "direction": "before" if self.before else "after",
            "due": self.due.isoformat(),
            "provisional": self.provisional,
            "provisional_years": list(self.provisional_years),
            "explanation": list(self.explain(lang)),
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
    plain = start if type(start) is date else date(start.year, start.month, start.day)
    try:
        if p.unit.is_working and before and p.amount == 0:  # never later than the event
            due = start if cal.is_working_day(start) else cal.add_working_days(start, -1)
        elif p.unit.is_working:
            due = cal.add_working_days(start, -p.amount if before else p.amount)
        else:
            due = _calendar_period_end(cal, start, p, before)
    except DateOutOfRangeError as exc:  # the start is inside the data: the period is not
        if exc.where == "period":
            raise
        counted = f"{p} {'before' if before else 'from'} {plain.isoformat()}"
        # the day past the data, if the calendar named one (not a count of working days)
        day = {} if exc.where == "add_working_days" else {"got": exc.got}
        raise DateOutOfRangeError(
            f"the period ends outside the calendar's data ({counted})",
            where="period",
            allowed=cal.range_text,
            **day,
        ) from None
    years = cal.provisional_years(start, due)
    return Deadline(plain, p, due, bool(years), years, before, cal)


def _nominal(start: date, period: Period, before: bool, allowed: str | None = None) -> date:
    """The period's last day by 第201–202条 (backwards: the latest day it may start on).

    Backwards, a month or year period may start on a later day than the event's
    corresponding day: counted forward from 29, 30 or 31 January, one month ends on
    28 February (第202条), so each of those days is a month before 28 February and
    the latest of them is the answer.
    """
    try:
        end: date = start - period.delta if before else start + period.delta
        if before and period.unit in _MONTHLY:
            while end + _ONE_DAY + period.delta <= start:  # at most three days
                end += _ONE_DAY
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


def period_end(cal: WorkingCalendar, last: date) -> date:
    """The day a period whose nominal last day is ``last`` really ends (民法典 第203条).

    ``last`` itself if it is a working day or a rest day that does not extend the
    period; otherwise the first working day after it — the rule ``govrules deadline``
    applies, here for a fixed window such as "by the 5th".
    """
    if cal.day_info(last).is_working or not _extends(cal, last):
        return last
    return cal.add_working_days(last, 1)


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


def _explain(cal: WorkingCalendar, dl: Deadline, lang: str) -> list[str]:
    start = cal.day_info(dl.start)
    info = cal.day_info(dl.due)
    due = f"{info.date.isoformat()} {info.label(lang)}"
    if dl.period.unit.is_working:
        return _explain_working(cal, dl, start, due, lang)
    return _explain_calendar(cal, dl, start, due, lang)


def _explain_working(
    cal: WorkingCalendar, dl: Deadline, start: DayInfo, due: str, lang: str
) -> list[str]:
    n = dl.period.amount
    if n == 0:
        lines = [text("start", lang, day=start.describe(lang))]
        if start.is_working:
            return [*lines, text("zero_on_working", lang, due=due)]
        if dl.before:
            back = _span(cal, dl.due, dl.start, rev=True)[:-1]
            skipped = [text("skip", lang, day=i.describe(lang)) for i in back]
            return [*lines, *skipped, text("zero_before", lang, due=due)]
        days = _span(cal, dl.start, dl.due, rev=False)[:-1]
        skipped = [text("skip", lang, day=i.describe(lang)) for i in days]
        return [*lines, *skipped, text("zero_next", lang, due=due)]
    if dl.before:
        lines = [text("event_not_counted", lang, day=start.describe(lang))]
        days = _span(cal, dl.due, dl.start, rev=True)
    else:
        lines = [text("start_not_counted", lang, day=start.describe(lang))]
        days = _span(cal, dl.start, dl.due, rev=False)
    counted = 0
    for info in days:
        if not info.is_working:
            lines.append(text("skip", lang, day=info.describe(lang)))
            continue
        counted += 1
        if info.kind is not DayKind.WORKDAY:
            lines.append(text("count_as", lang, day=info.describe(lang), k=counted, n=n))
    key = "working_counted_latest" if dl.before else "working_counted_due"
    lines.append(text(key, lang, n=n, due=due))
    return lines


def _explain_calendar(
    cal: WorkingCalendar, dl: Deadline, start: DayInfo, due: str, lang: str
) -> list[str]:
    nominal = _nominal(dl.start, dl.period, dl.before)
    last = cal.day_info(nominal).describe(lang)
    period = dl.period.zh if normalize_lang(lang) == "zh" else str(dl.period)
    if dl.before:
        lines = [
            text("event_not_counted", lang, day=start.describe(lang)),
            text("nominal_before", lang, period=period, day=last),
        ]
    else:
        lines = [
            text("start_not_counted_law", lang, day=start.describe(lang)),
            text("nominal_after", lang, period=period, day=last),
        ]
    if dl.period.unit in _MONTHLY and nominal.day < dl.start.day:
        lines.append(text("no_corresponding_day", lang))
    elif dl.period.unit in _MONTHLY and nominal.day > dl.start.day:  # backwards only
        lines.append(text("ends_on_month_end", lang, period=period, n=nominal.day))
    if nominal == dl.due:
        kind = cal.day_info(nominal).kind
        if kind is DayKind.REST_DAY:
            lines.append(text("rest_days_do_not_extend", lang))
        elif not kind.is_working:  # pragma: no cover - only with unusual calendars
            raise CalendarError("inconsistent deadline", where="due", got=dl.due)
        lines.append(text("latest_day" if dl.before else "due_at_midnight", lang, due=due))
        return lines
    lines.extend(text("skip", lang, day=info.describe(lang)) for info in dl.skipped)
    if dl.before:
        lines.append(text("moves_earlier", lang))
        lines.append(text("latest_day", lang, due=due))
        return lines
    key = "ends_after_holiday" if _run_has_holiday(dl.skipped) else "ends_after_rest_day"
    lines.append(text(key, lang))
    lines.append(text("due_at_midnight", lang, due=due))
    return lines


def _run_has_holiday(days: tuple[DayInfo, ...]) -> bool:
    return any(info.kind.is_holiday for info in days)
