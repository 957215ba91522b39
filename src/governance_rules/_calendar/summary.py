"""A year at a glance: its days off and make-up working days, as data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from governance_rules._calendar.days import DayInfo, DayKind
from governance_rules._calendar.ics import IcsEvent, to_ics
from governance_rules._calendar.working import WorkingCalendar
from governance_rules._i18n import text

__all__ = ["YearSummary", "year_summary"]

_OFF_KINDS = (DayKind.HOLIDAY, DayKind.LOCAL_CLOSURE)
_ON_KINDS = (DayKind.MAKEUP_WORKDAY, DayKind.LOCAL_WORKDAY)


@dataclass(frozen=True)
class YearSummary:
    """The days off (holidays, local closures) and extra working days of one year.

    >>> s = year_summary(WorkingCalendar.china(), 2026)
    >>> [d.date.isoformat() for d in s.makeup_workdays]
    ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']
    >>> s.working_days
    248
    """

    year: int
    calendar: str
    provisional: bool
    days_off: tuple[DayInfo, ...]
    makeup_workdays: tuple[DayInfo, ...]
    names_zh: dict[str, str]
    working_days: int
    may_change_from: date | None = None
    """29 December, when the year is published but the next is not: the next year's
    notice may still move the last days of this one (New Year's 调休)."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""

        def row(info: DayInfo) -> dict[str, Any]:
            return {
                "date": info.date.isoformat(),
                "weekday": info.weekday_name,
                "kind": info.kind.value,
                "name": info.name,
                "name_zh": self.names_zh.get(info.date.isoformat()),
            }

        return {
            "year": self.year,
            "calendar": self.calendar,
            "provisional": self.provisional,
            "may_change_from": self.may_change_from.isoformat() if self.may_change_from else None,
            "working_days": self.working_days,
            "days_off": [row(d) for d in self.days_off],
            "makeup_workdays": [row(d) for d in self.makeup_workdays],
        }

    def to_ics(self, lang: str = "en") -> bytes:
        """The days off and make-up working days as an iCalendar file, in ``lang``.

        >>> ics = year_summary(WorkingCalendar.china(), 2026).to_ics("zh").decode()
        >>> "SUMMARY:休：国庆节" in ics and "SUMMARY:调休上班" in ics
        True
        """
        events = []
        for info in self.days_off:
            events.append(
                IcsEvent(
                    key=f"{info.date.isoformat()}-off",
                    first=info.date,
                    last=info.date,
                    summary=text("ics.day_off", lang, name=info.label(lang)),
                    description=f"{info.describe(lang)} ({self.calendar})",
                    categories=("day off", info.kind.value),
                )
            )
        for info in self.makeup_workdays:
            events.append(
                IcsEvent(
                    key=f"{info.date.isoformat()}-work",
                    first=info.date,
                    last=info.date,
                    summary=text("ics.makeup", lang),
                    description=f"{info.describe(lang)} ({self.calendar})",
                    categories=("working day", info.kind.value),
                )
            )
        events.sort(key=lambda e: (e.first, e.key))
        name = text("ics.working_days", lang, calendar=self.calendar, year=self.year)
        if self.provisional:
            name += f" ({text('provisional', lang)})"
        return to_ics(name, events)


def year_summary(cal: WorkingCalendar, year: int) -> YearSummary:
    """Summarise ``year`` of ``cal``.

    Raises:
        DateOutOfRangeError: If the year is outside the calendar's data.
    """
    days = cal.year(year)
    names_zh = {}
    for info in days:
        if info.kind is DayKind.HOLIDAY:
            zh = cal.holiday_name(info.date, "zh")
            if zh:
                names_zh[info.date.isoformat()] = zh
    return YearSummary(
        year=year,
        calendar=cal.name,
        provisional=cal.is_provisional(year),
        days_off=tuple(d for d in days if d.kind in _OFF_KINDS),
        makeup_workdays=tuple(d for d in days if d.kind in _ON_KINDS),
        names_zh=names_zh,
        working_days=sum(1 for d in days if d.is_working),
        may_change_from=(
            date(year, 12, 29)
            if not cal.is_provisional(year) and cal.is_provisional(year + 1)
            else None
        ),
    )
