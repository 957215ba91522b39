"""Checks of the kit's own arguments: counts, years, workflow kinds.

The kit is called from tests and from ``govrules check`` with numbers a user typed;
a count out of range, a year past the calendar or an unknown workflow kind is
refused up front with a :class:`~governance_rules.errors.GovernanceRulesError`
saying where, what and what is allowed, never left to fail deep inside hypothesis
or the standard library (``OverflowError``, ``KeyError``) or to loop for hours.

>>> whole("examples", 5, 0, 100)
5
>>> whole("examples", 10**9, 0, 100)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
governance_rules.errors.GovernanceRulesError: examples: out of range (got 1000000000); ...
"""

from __future__ import annotations

from collections.abc import Sequence

from governance_rules._calendar import WorkingCalendar
from governance_rules._numbers import whole
from governance_rules._workflows import KINDS
from governance_rules.errors import DateOutOfRangeError, GovernanceRulesError

__all__ = ["MAX_EXAMPLES", "MAX_SEED", "kind", "whole", "years"]

MAX_EXAMPLES = 100_000
"""The most command sequences per workflow kind a check draws (``--examples``)."""

MAX_SEED = 2**32 - 1
"""The largest seed of a check's draws (``--seed``)."""


def kind(where: str, value: object, *, optional: bool = False) -> str | None:
    """``value`` if it names a workflow kind (or is ``None`` and ``optional``).

    Raises:
        GovernanceRulesError: It does not.
    """
    if value is None and optional:
        return None
    if not isinstance(value, str) or value not in KINDS:
        raise GovernanceRulesError(
            "not a workflow kind",
            where=where,
            got=value,
            allowed=", ".join(KINDS) + (", or None for all kinds" if optional else ""),
        )
    return value


def years(where: str, value: Sequence[object], calendar: WorkingCalendar) -> tuple[int, ...]:
    """``value`` as a tuple of years, each within ``calendar``'s data.

    Raises:
        DateOutOfRangeError: A year is not a whole number within the calendar's data.
    """
    first, last = calendar.first_date.year, calendar.last_date.year
    found = tuple(value) if isinstance(value, (tuple, list, range)) else None
    if found is None or not found:
        raise GovernanceRulesError(
            "not a list of years",
            where=where,
            got=value,
            allowed=f"one or more whole years from {first} to {last}",
        )
    checked: list[int] = []
    for year in found:
        if type(year) is not int or not first <= year <= last:
            raise DateOutOfRangeError(
                "a year outside the calendar's data",
                where=where,
                got=year,
                allowed=f"whole years from {first} to {last}",
            )
        checked.append(year)
    return tuple(checked)
