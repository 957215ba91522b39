"""governance_rules: community-governance charters as executable, checkable rules.

The working-day calendar is the base every deadline stands on:

>>> from datetime import date
>>> import governance_rules as gr
>>> gr.WorkingCalendar.china().due(date(2026, 9, 30), gr.Period.parse("一周")).due
datetime.date(2026, 10, 8)
"""

from governance_rules.calendar import (
    CalendarOverrides,
    DayInfo,
    DayKind,
    Deadline,
    Period,
    PeriodUnit,
    Window,
    WorkingCalendar,
)
from governance_rules.errors import (
    CalendarError,
    DateOutOfRangeError,
    GovernanceRulesError,
    OverridesError,
    PeriodError,
    WindowError,
)

__version__ = "0.1.0"

__all__ = [
    "CalendarError",
    "CalendarOverrides",
    "DateOutOfRangeError",
    "DayInfo",
    "DayKind",
    "Deadline",
    "GovernanceRulesError",
    "OverridesError",
    "Period",
    "PeriodError",
    "PeriodUnit",
    "Window",
    "WindowError",
    "WorkingCalendar",
    "__version__",
]
