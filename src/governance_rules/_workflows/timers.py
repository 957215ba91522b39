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

from governance_rules._charter.types import Timing, TimingKind
from governance_rules._workflows.core import Context, Timer

__all__ = ["due_after", "timer"]


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
    event on ``start`` (e.g. a notice one week before the meeting).
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
        text = f"{what}: within {timing} of {start.isoformat()}, by {due.isoformat()}"
    return Timer(due, trigger, dict(args), rule, text, responsible)
