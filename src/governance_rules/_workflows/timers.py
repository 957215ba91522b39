"""The one timer helper: a charter timing counted on the working-day calendar.

Every workflow's deadlines (notice and agenda leads, minutes, action items, ladder
replies, term filing and re-election, appraisal publicity) are built here, so that
each is counted by the same civil-code rules as ``govrules deadline`` and its date
and its text always agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from governance_rules._calendar.periods import PeriodUnit
from governance_rules._charter.types import Timing, TimingKind
from governance_rules._workflows.core import Context, Timer

__all__ = ["due_after", "provisional", "timer"]


def due_after(ctx: Context, start: date, timing: Timing) -> date | None:
    """The last day of ``timing`` counted from ``start``; ``None`` for open timings.

    ``immediately`` is due on ``start`` itself; promptly, any time and unspecified
    cannot be breached, so they give ``None``.
    """
    if timing.period is not None:
        return ctx.calendar.due_day(start, timing.period)
    return start if timing.kind is TimingKind.IMMEDIATELY else None


def timer(
    ctx: Context,
    *,
    start: date,
    timing: Timing | None,
    what: str,
    rule: str,
    trigger: str,
    args: Mapping[str, Any],
    responsible: tuple[str, ...] = (),
    before: bool = False,
) -> Timer | None:
    """A :class:`Timer` for ``what``, due ``timing`` after ``start`` (or before it).

    With ``before=True`` the timing is a lead: the duty is due ``timing`` before the
    event on ``start`` (e.g. a notice one week before the meeting). A date that rests
    on a year whose holiday arrangement is not yet published says so, in the words of
    ``govrules deadline``.
    """
    if timing is None:
        return None
    if before:
        if timing.period is None:
            return None
        due = ctx.calendar.due_day(start, timing.period, before=True)
        text = f"{what}: {timing} before {start.isoformat()}, by {due.isoformat()}"
    else:
        found = due_after(ctx, start, timing)
        if found is None:
            return None
        due = found
        if timing.period is None:  # immediately: due the day it starts
            text = f"{what}: {timing}, by {due.isoformat()}"
        else:
            text = f"{what}: within {timing} of {start.isoformat()}, by {due.isoformat()}"
    # a count of working days rests on every year it crosses; any other count only on
    # whether its last day is a working day (民法典 第203条)
    counted = timing.period is not None and timing.period.unit is PeriodUnit.WORKING_DAYS
    note = provisional(ctx, start if counted else due, due)
    return Timer(due, trigger, dict(args), rule, text + note, responsible)


def provisional(ctx: Context, start: date, due: date) -> str:
    """`` (provisional: …)`` where a date counted from ``start`` to ``due`` rests on a year
    whose holiday arrangement is not yet published (the date may move once the State
    Council publishes that year's 调休), else ``""``."""
    years = ctx.calendar.provisional_years(start, due)
    if not years:
        return ""
    listed = ", ".join(map(str, years))
    return f" (provisional: the holiday arrangement for {listed} is not yet published)"
