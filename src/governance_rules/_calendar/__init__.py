"""The Chinese working-day calendar: working days, periods, deadlines and windows.

>>> from datetime import date
>>> from governance_rules._calendar import WorkingCalendar
>>> cal = WorkingCalendar.china()
>>> cal.due(date(2026, 9, 28), "3 working days").due
datetime.date(2026, 10, 8)
"""

from governance_rules._calendar.days import DayInfo, DayKind
from governance_rules._calendar.deadlines import Deadline
from governance_rules._calendar.overrides import CalendarOverrides
from governance_rules._calendar.periods import Period, PeriodUnit
from governance_rules._calendar.windows import (
    ALL_MONTHS,
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
from governance_rules._calendar.working import WorkingCalendar

__all__ = [
    "ALL_MONTHS",
    "EVEN_MONTHS",
    "QUARTER_FIRST_MONTHS",
    "CalendarOverrides",
    "DayInfo",
    "DayKind",
    "Deadline",
    "LastWeekReading",
    "Period",
    "PeriodUnit",
    "Window",
    "WorkingCalendar",
    "by_day_of_month",
    "cadence_periods",
    "days_of_month",
    "every_n_months",
    "last_week_of_months",
    "whole_months",
]
