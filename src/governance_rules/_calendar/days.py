"""What kind of day a date is, and why: the facts behind every skipped day."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from governance_rules._i18n import normalize_lang, text, weekday

__all__ = ["DayInfo", "DayKind", "iso_date"]


class DayKind(enum.Enum):
    """Why a day is, or is not, a working day."""

    WORKDAY = "workday"
    """An ordinary Monday–Friday working day."""
    REST_DAY = "rest_day"
    """An ordinary Saturday or Sunday (公休日)."""
    HOLIDAY = "holiday"
    """A statutory holiday or a day off moved by the State Council arrangement (调休)."""
    MAKEUP_WORKDAY = "makeup_workday"
    """A Saturday or Sunday made a working day by the State Council arrangement (调休上班)."""
    LOCAL_CLOSURE = "local_closure"
    """A day off added by a local override (local festival, typhoon closure …)."""
    LOCAL_WORKDAY = "local_workday"
    """A working day added by a local override."""

    @property
    def is_working(self) -> bool:
        """True for the three kinds of working day."""
        return self in _WORKING_KINDS

    @property
    def is_holiday(self) -> bool:
        """True for days off that are holidays in the sense of 民法典 第203条.

        Ordinary rest days are not in this set; whether they extend a period is
        a calendar option (see ``WorkingCalendar.rest_days_extend_periods``).
        """
        return self in (DayKind.HOLIDAY, DayKind.LOCAL_CLOSURE)


_WORKING_KINDS = frozenset({DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY, DayKind.LOCAL_WORKDAY})


@dataclass(frozen=True, slots=True)
class DayInfo:
    """One date with its kind and, for holidays and overrides, its name.

    ``name`` is English (or the override's own name); ``name_zh`` is the Chinese
    name python-holidays gives a national holiday.

    >>> DayInfo(date(2026, 10, 10), DayKind.MAKEUP_WORKDAY).describe()
    '2026-10-10 Saturday — make-up working day'
    >>> day = DayInfo(date(2026, 10, 1), DayKind.HOLIDAY, "National Day", "国庆节")
    >>> day.describe()
    '2026-10-01 National Day — holiday'
    >>> day.describe("zh")
    '2026-10-01 国庆节 — 节假日'
    """

    date: date
    kind: DayKind
    name: str | None = None
    name_zh: str | None = None

    @property
    def is_working(self) -> bool:
        """True if work is done on this day."""
        return self.kind.is_working

    @property
    def weekday_name(self) -> str:
        """The English name of the weekday."""
        return weekday(self.date.weekday())

    def label(self, lang: str = "en") -> str:
        """The day's name in ``lang`` (falling back to the other name), else its weekday."""
        if normalize_lang(lang) == "zh":
            return self.name_zh or self.name or weekday(self.date.weekday(), "zh")
        return self.name or self.weekday_name

    def kind_label(self, lang: str = "en") -> str:
        """The kind of day in ``lang``: ``'holiday'``, ``'调休上班日'`` …"""
        return text(f"kind.{self.kind.value}", lang)

    def describe(self, lang: str = "en") -> str:
        """One line: the ISO date, its name (or weekday) and its kind, in ``lang``."""
        return f"{self.date.isoformat()} {self.label(lang)} — {self.kind_label(lang)}"


def iso_date(value: object) -> date | None:
    """A ``date`` from a date or ``YYYY-MM-DD`` text; ``None`` for anything else.

    >>> iso_date("2026-10-01"), iso_date("2026-13-01"), iso_date(20261001)
    (datetime.date(2026, 10, 1), None, None)
    """
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None
