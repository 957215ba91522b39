"""Every period a charter states can be counted on the working-day calendar.

A period so long that counting it from a day of the checked years (forwards for a
deadline, backwards for a notice lead) leaves the calendar's data — "99999 days", say
— cannot be kept: the engine refuses every command that sets it. The invariant names
the rule and the day counting started from, instead of letting the first other check
that counts it stop with a bare date error.

>>> from governance_rules import load_charter
>>> deadlines_stay_in_the_calendar(load_charter("pm-liaison-bimonthly"))
[]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date

from pydantic import BaseModel

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter import Charter
from governance_rules._charter.types import Timing
from governance_rules.errors import GovernanceRulesError
from governance_rules.testing.arguments import years as checked_years
from governance_rules.testing.static import DEFAULT_YEARS, versions
from governance_rules.testing.violations import Found, Violation, named

__all__ = ["deadlines_stay_in_the_calendar", "timings_of"]


def timings_of(node: object, path: str = "") -> Iterator[tuple[str, Timing]]:
    """Every :class:`Timing` under ``node`` with its dotted path (``meetings.x.notice.lead``).

    >>> from governance_rules import load_charter
    >>> found = dict(timings_of(load_charter("pm-liaison-bimonthly")))
    >>> str(found["issues.oc_questions.ladder[0].deadlines.reply"])
    '3 days'
    """
    if isinstance(node, Timing):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from timings_of(getattr(node, name), f"{path}.{name}" if path else name)
    elif isinstance(node, Mapping):
        for key, value in node.items():
            yield from timings_of(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, tuple):
        for index, value in enumerate(node):
            yield from timings_of(value, f"{path}[{index}]")


def deadlines_stay_in_the_calendar(
    charter: Charter,
    *,
    calendar: WorkingCalendar | None = None,
    years: Sequence[int] = DEFAULT_YEARS,
) -> list[Violation]:
    """Every stated period, counted forwards and backwards from 1 January and 31 December
    of each year in ``years``, ends within the calendar's data."""
    cal = calendar or WorkingCalendar.china()
    years = checked_years("years", years, cal)
    found: Found = []
    starts = [d for y in years for d in (date(y, 1, 1), date(y, 12, 31))]
    for label, ch in versions(charter):
        for path, timing in timings_of(ch):
            period = timing.period
            if period is None or path.startswith("amendments"):
                continue
            for start in starts:
                try:
                    cal.due_day(start, period)
                    cal.due_day(start, period, before=True)
                except GovernanceRulesError as exc:
                    found.append(
                        (
                            f"{label}the period {period} at {path} cannot be counted on the "
                            "working-day calendar",
                            (path,),
                            (f"counted from {start}: {exc}",),
                        )
                    )
                    break
    return named("deadlines_stay_in_the_calendar", found)
