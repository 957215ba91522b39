"""What the library assumes where a charter's source is silent, so that ``show`` can say so.

A charter states only what its source states; where the library still has to
decide something to run it (who presides when no chair is named, how a week is
counted, the scale of a criterion), the choice is the library's convention, not
the source's rule. :func:`conventions` lists those that apply to one charter, in
the reader's language.

>>> from governance_rules._charter import load_charter
>>> [key for key, _ in conventions(load_charter("model-charter-rc"))]
['convener_presides', 'calendar_days', 'week_is_seven_days']
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_rules._calendar.periods import PeriodUnit
from governance_rules._charter.meetings import (
    EACH_BODY_KINDS,
    SignOff,
    SignOffKind,
    WindowKind,
)
from governance_rules._charter.model import Charter
from governance_rules._charter.types import Frozen, Rule, Timing
from governance_rules._i18n import text

__all__ = ["conventions"]


def conventions(charter: Charter, lang: str = "en") -> list[tuple[str, str]]:
    """``(key, sentence)`` for each library convention that applies to ``charter``."""
    return [(key, text(f"convention.{key}", lang)) for key in _applying(charter)]


def _applying(charter: Charter) -> Iterator[str]:
    roles = [(charter.role("convener", k), charter.role("chair", k)) for k in charter.meetings]
    if any(convener is not None and chair is None for convener, chair in roles):
        yield "convener_presides"
    if any(chair is not None and convener is None for convener, chair in roles):
        yield "chair_convenes"
    units = {t.period.unit for t in _timings(charter) if t.period is not None}
    if units - {PeriodUnit.WORKING_DAYS}:
        yield "calendar_days"
    if PeriodUnit.WEEKS in units:
        yield "week_is_seven_days"
    decisions = [m.decision for m in charter.meetings.values() if m.decision is not None]
    decisions += [m.decision for m in charter.matters.values()]
    if any(d.kind.startswith("majority_") and d.threshold is None for d in decisions):
        yield "majority_is_more_than_half"
    if any(d.kind == "dual_majority" and d.participation is None for d in decisions):
        yield "participation_two_thirds"
    steps = [s for m in charter.meetings.values() for s in m.procedure]
    if any(step.performed_by is None for step in steps):
        yield "chair_moves_procedure_on"
    several = [
        (d.counted, d.bodies) for d in decisions if d.kind in EACH_BODY_KINDS and d.threshold
    ]
    several += [(s.counted, s.bodies) for s in _approvals(charter)]
    if any(counted is None and len(bodies) > 1 for counted, bodies in several):
        yield "several_bodies_together"
    windows = [p.window for p in charter.information.periodic.values()]
    if any(w.kind is WindowKind.DAYS_OF_MONTH for w in windows):
        yield "window_moves"
    ev = charter.evaluation
    if ev is not None and any(c.scale_min is None for c in ev.criteria):
        yield "scale_as_given"


def _approvals(charter: Charter) -> Iterator[SignOff]:
    """Every approval sign-off: of notices and of minutes (meetings' and matters')."""
    parts = [(m.notice, m.minutes) for m in charter.meetings.values()]
    parts += [(None, m.minutes) for m in charter.matters.values()]
    for notice, minutes in parts:
        for sign_off in (
            notice.sign_off if notice else None,
            minutes.sign_off if minutes else None,
        ):
            if sign_off is not None and sign_off.kind is SignOffKind.APPROVAL:
                yield sign_off


def _timings(charter: Charter) -> Iterator[Timing]:
    for _, rule in charter.rules():
        for name in type(rule).model_fields:
            value = getattr(rule, name)
            if isinstance(value, Timing):
                yield value
            elif isinstance(value, Frozen) and not isinstance(value, Rule):  # level deadlines
                yield from (v for v in dict(value).values() if isinstance(v, Timing))
