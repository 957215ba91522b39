"""Who holds a meeting role on a given day — rotation included. The one place that says so.

A rotating role passes in turn among bodies, one regular-meeting window after
another. Where the source states the order, the charter records it
(``rotation.order_stated: true``); where it does not, the order and the first
meeting are the community's choice, given once as a :class:`RotationChoice`
(the engine records it with the first meeting planned; ``govrules calendar``
takes it as options) — never a library default.

>>> from datetime import date
>>> from governance_rules._charter import load_charter
>>> charter = load_charter("rotating-quarterly-consensus")
>>> holders(charter, "convener", "regular", date(2026, 2, 10)) is None   # not chosen yet
True
>>> choice = RotationChoice(("owners_committee", "residents_committee", "property_company"),
...                         date(2026, 1, 15))
>>> [holders(charter, "convener", "regular", date(2026, m, 10), choice)[0]
...  for m in (2, 5, 8, 11)]
['owners_committee', 'residents_committee', 'property_company', 'owners_committee']
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date

from governance_rules._charter.meetings import MeetingKind, MeetingRule
from governance_rules._charter.model import Charter
from governance_rules.errors import CommandRefused

__all__ = ["RotationChoice", "holders", "rotation_order", "window_index"]


@dataclass(frozen=True, slots=True)
class RotationChoice:
    """The community's choice for a rotation the source leaves open.

    Args:
        order: The bodies in turn (the charter's rotating bodies, each once).
        start: A day in the window of the first meeting under this order.
    """

    order: tuple[str, ...]
    start: date


def _regular(charter: Charter) -> MeetingRule | None:
    for rule in charter.meetings.values():
        if rule.kind is MeetingKind.REGULAR and rule.cadence is not None:
            return rule
    return None


#: Each (rule, year)'s window starts, keyed by the rule's id (the rule is kept with
#: them, so the id is not reused while the entry lives).
_STARTS: dict[tuple[int, int], tuple[MeetingRule, tuple[date, ...]]] = {}

#: Entries :data:`_STARTS` holds at most: an app that loads charter after charter (one
#: per request, say) would otherwise keep every one of them alive. Then it starts over.
_STARTS_MAX = 1024


def _starts(rule: MeetingRule, year: int) -> tuple[date, ...]:
    found = _STARTS.get((id(rule), year))
    if found is None or found[0] is not rule:
        found = (rule, tuple(w.start for w in rule.window.windows(year, rule.cadence)))
        if len(_STARTS) >= _STARTS_MAX:
            _STARTS.clear()
        _STARTS[(id(rule), year)] = found
    return found[1]


def window_index(rule: MeetingRule, day: date) -> int:
    """How many of ``rule``'s windows have started by ``day`` since 1 January of year 1 + k.

    Only differences of this number are meaningful: the count of regular windows
    between two days.
    """
    per_year = len(_starts(rule, day.year))
    return day.year * per_year + bisect.bisect_right(_starts(rule, day.year), day)


def rotation_order(
    charter: Charter, role: str, meeting_kind: str, choice: RotationChoice | None
) -> tuple[str, ...] | None:
    """The order of a rotating role: the source's, else the community's choice, else ``None``.

    Raises:
        CommandRefused: ``choice`` names bodies that are not the rotation's.
    """
    assignment = charter.role(role, meeting_kind)
    if assignment is None or assignment.rotation is None:
        return None
    rotation = assignment.rotation
    if rotation.order_stated:
        return rotation.order
    if choice is None:
        return None
    if sorted(choice.order) != sorted(rotation.order):
        raise CommandRefused(
            "the rotation order must list each rotating body once",
            where="rotation.order",
            got=list(choice.order),
            allowed=", ".join(rotation.order),
        )
    return choice.order


def holders(
    charter: Charter,
    role: str,
    meeting_kind: str,
    day: date,
    choice: RotationChoice | None = None,
    *,
    delegates: bool = True,
) -> tuple[str, ...] | None:
    """The bodies holding ``role`` for a meeting of ``meeting_kind`` on ``day``.

    ``()`` if the charter names no such role; ``None`` if the role rotates and the
    community has not yet chosen the order or the first meeting (see module docs).
    The k-th regular window after the first meeting's window is held by
    ``order[k mod n]``; a role's delegate may also act (left out with
    ``delegates=False``, e.g. to name who is responsible). Where the source states the
    order and the charter has an effective date, the rotation starts with the
    charter unless a ``choice`` says otherwise.
    """
    assignment = charter.role(role, meeting_kind)
    if assignment is None:
        return ()
    delegate = assignment.delegates if delegates else ()
    if assignment.rotation is None:
        return tuple(dict.fromkeys((*assignment.holder(), *delegate)))
    order = rotation_order(charter, role, meeting_kind, choice)
    regular = _regular(charter)
    start = choice.start if choice is not None else None
    if start is None and assignment.rotation.order_stated:
        start = charter.effective  # a stated order starts with the charter
    if order is None or start is None or regular is None:
        return None
    steps = _turns(charter, start, day)
    if steps is None:
        return None
    return tuple(dict.fromkeys((order[steps % len(order)], *delegate)))


def _turns(charter: Charter, start: date, day: date) -> int | None:
    """The regular windows started after ``start`` up to ``day``: each stretch between
    amendments counted under the cadence in force then (``None``: a stretch has no
    regular meeting, or ``day`` is in a window before the one ``start`` is in: the
    rotation had not begun). A window started before an amendment is counted once,
    under the old cadence; the new cadence's windows count from the amendment's day.
    """
    if day < start:  # before the first meeting under the order: only its own window
        regular = _regular(charter)
        same = regular is not None and window_index(regular, day) == window_index(regular, start)
        return 0 if same else None
    cuts = sorted({a.effective for a in charter.amendments if start < a.effective <= day})
    steps, lower, rules = 0, start, charter.at(start)
    for cut in [*cuts, None]:
        end = day if cut is None else date.fromordinal(cut.toordinal() - 1)
        regular = _regular(rules) if cuts else _regular(charter)
        if regular is None:
            return None
        steps += window_index(regular, end) - window_index(regular, lower)
        if cut is not None:
            lower, rules = end, charter.at(cut)
    return steps
