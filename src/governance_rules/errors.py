"""The one exception hierarchy of ``governance_rules``.

Every error the library raises on purpose derives from
:class:`GovernanceRulesError`, and where a built-in exception is also true the
class derives from it as well, so ``except ValueError`` keeps working::

    GovernanceRulesError
     └── CalendarError (ValueError)          bad input to the working-day calendar
          ├── DateOutOfRangeError (LookupError)   a date outside the calendar's data
          ├── PeriodError                          a period that cannot be parsed or used
          ├── WindowError                          a recurring-window spec that makes no sense
          └── OverridesError                       a local-overrides file that is invalid

Messages read *where → what → allowed*, and each exception carries the same
facts as attributes (``where``, ``what``, ``got``, ``allowed``) so that
programs need not parse text:

>>> err = PeriodError("unknown unit", where="period", got="3 fortnights",
...                   allowed="working days, days, weeks, months, years")
>>> str(err)
"period: unknown unit (got '3 fortnights'); allowed: working days, days, weeks, months, years"
>>> err.got
'3 fortnights'
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "CalendarError",
    "DateOutOfRangeError",
    "GovernanceRulesError",
    "OverridesError",
    "PeriodError",
    "WindowError",
]


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING: Final = _Missing()


class GovernanceRulesError(Exception):
    """Base class of every error raised by ``governance_rules``.

    Args:
        what: What is wrong, as a short phrase.
        where: Where the problem is: an argument name, a ``file:line:col``
            position, a dotted key path.
        got: The offending value, shown with ``repr``; omit when there is none.
        allowed: What would have been accepted.
    """

    def __init__(
        self,
        what: str,
        *,
        where: str | None = None,
        got: object = _MISSING,
        allowed: str | None = None,
    ) -> None:
        self.what = what
        self.where = where
        self.got = None if got is _MISSING else got
        self.allowed = allowed
        parts = [f"{where}: {what}" if where else what]
        if got is not _MISSING:
            parts.append(f" (got {got!r})")
        if allowed:
            parts.append(f"; allowed: {allowed}")
        super().__init__("".join(parts))


class CalendarError(GovernanceRulesError, ValueError):
    """Bad input to the working-day calendar, its periods or its windows."""


class DateOutOfRangeError(CalendarError, LookupError):
    """A date lies outside the years the calendar holds data for."""


class PeriodError(CalendarError):
    """A period cannot be parsed, has an unknown unit, or a value not allowed here."""


class WindowError(CalendarError):
    """A recurring-window specification is invalid (e.g. day 32, a month 13)."""


class OverridesError(CalendarError):
    """A local-overrides document (extra closures or working days) is invalid."""
