"""A year at a glance: its days off and make-up working days, as data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from governance_rules.calendar.days import DayInfo, DayKind
from governance_rules.calendar.ics import IcsEvent, to_ics
from governance_rules.calendar.working import WorkingCalendar

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
            "working_days": self.working_days,
            "days_off": [row(d) for d in self.days_off],
            "makeup_workdays": [row(d) for d in self.makeup_workdays],
        }

    def to_ics(self) -> bytes:
        """The days off and make-up working days as an iCalendar file."""
        events = []
        for info in self.days_off:
            zh = self.names_zh.get(info.date.isoformat())
            events.append(
                IcsEvent(
                    key=f"{info.date.isoformat()}-off",
                    first=info.date,
                    last=info.date,
                    summary=f"休 {info.name}" + (f" {zh}" if zh and zh != info.name else ""),
                    description=f"{info.describe()} ({self.calendar})",
                    categories=("day off", info.kind.value),
                )
            )
        for info in self.makeup_workdays:
            events.append(
                IcsEvent(
                    key=f"{info.date.isoformat()}-work",
                    first=info.date,
                    last=info.date,
                    summary="班 make-up working day 调休上班",
                    description=f"{info.describe()} ({self.calendar})",
                    categories=("working day", info.kind.value),
                )
            )
        events.sort(key=lambda e: (e.first, e.key))
        suffix = " (provisional)" if self.provisional else ""
        return to_ics(f"{self.calendar} working days {self.year}{suffix}", events)


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
    )
