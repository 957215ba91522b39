"""Which of two values of one rule is stricter: the order each kind of rule has.

"Stricter" means the rule asks more of the body it binds, or protects the
people it serves more:

- a deadline (reply, minutes, filing, ``within``) is stricter when shorter;
- a lead (notice, agenda, re-election, notice to end a contract) or a minimum
  display period is stricter when longer: the duty must be done earlier or kept up
  longer;
- a threshold (quorum, decision, targets) is stricter when higher, and at an
  equal fraction "more than" (>) is stricter than "at least" (>=);
- a cadence is stricter when it asks for more meetings (or reports) per year;
- a decision kind is stricter when it is harder to pass (unanimity, consensus and
  a joint approval by every named body, then a veto, a supermajority, a majority of
  all members, of votes cast);
- a threshold over several bodies counted in each body (``counted: each_body``) is
  stricter than one count over them together: meeting it in every body meets it overall;
- a ladder is stricter when it has more levels; a list of bodies to involve,
  notify or sign is stricter when it is a superset;
- a flag that requires something (an owner, a due date, review at the next
  meeting) is stricter when set.

Everything else — names, windows, who convenes, open words such as "promptly"
against a number — has no order: two values differ, and that is all.

>>> from governance_rules._charter.types import Timing
>>> three, five = Timing.model_validate("3 working days"), Timing.model_validate("5 working days")
>>> verdict("issues.routine.ladder[0].deadlines.reply", five, three)
<Verdict.STRICTER: 'stricter'>
>>> verdict("meetings.regular.notice.lead", five, three)
<Verdict.LOOSER: 'looser'>
>>> verdict("meetings.regular.notice.lead", three, three)
<Verdict.SAME: 'same'>
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from governance_rules._calendar.periods import Period, PeriodUnit
from governance_rules._charter.meetings import Cadence
from governance_rules._charter.types import Text, Threshold, Timing, TimingKind

__all__ = ["KIND_BASE", "Share", "Verdict", "compare_periods", "share_at", "verdict"]


class Verdict(enum.Enum):
    """How a charter's value of a rule stands against the first charter's."""

    SAME = "same"
    STRICTER = "stricter"
    LOOSER = "looser"
    DIFFERENT = "different"
    """The values differ and no order between them makes sense."""
    ONLY_HERE = "only_here"
    """The rule is in this charter and not in the first."""
    ONLY_FIRST = "only_in_first"
    """The rule is in the first charter and not in this one."""


#: Leaf names (or their parent's, for ``within``) whose period is a lead: longer is stricter.
_LEADS = frozenset(
    {"lead", "reelection_lead", "notice_to_end", "nonrenewal_notice", "open_ended_notice",
     "min_period"}
)  # fmt: skip
#: Periods with no order: a term's length, an objection period, an appraisal's publicity.
_UNORDERED_PERIODS = frozenset({"length", "objection_period"})
_STRICT_WHEN_TRUE = frozenset(
    {"owner_required", "due_date_required", "reviewed_at_next_meeting",
     "reviews_previous_decisions", "per_body", "on_change", "long_term", "odd"}
)  # fmt: skip
_SUPERSET_STRICTER = frozenset(
    {"to", "distribution", "involves", "content", "fixed_items", "bodies", "veto_holders",
     "subjects", "escalate_on"}
)  # fmt: skip
_HIGHER_STRICTER = frozenset({"min_score", "depth"})
_LOWER_STRICTER = frozenset({"worst_case_working_days"})
_MORE_STRICTER_FRACTIONS = frozenset(
    {"at_least", "present", "regular_meetings_per_year", "per_year"}
)
_DECISION_RANK = {
    "unanimous": 6,
    "consensus": 6,
    "joint_approval": 6,
    "veto": 5,
    "supermajority": 4,
    "dual_majority": 4,
    "majority_of_all_members": 3,
    "majority_of_votes_cast": 2,
}

#: What a decision's threshold is a share of, from the smallest whole to the largest: the
#: same yes votes are a smaller share of all members than of those present or of the votes
#: cast, so at an equal fraction a larger whole is harder to reach.
_BASE_RANK = {"votes_cast": 0, "present": 1, "all_members": 2}

#: The whole a kind's threshold is a share of when the charter does not say, as the
#: decision rules count it (``governance_rules._decisions.rules``).
#: The owners' double majority (民法典 第278条) counts the area and the owners taking part.
KIND_BASE = {
    "majority_of_votes_cast": "votes_cast",
    "majority_of_all_members": "all_members",
    "dual_majority": "participating_area_and_owners",
}

#: ``counted``: a threshold met in each body is met over the bodies together, not conversely.
_COUNTED_RANK = {"together": 0, "each_body": 1}


@dataclass(frozen=True, slots=True)
class Share:
    """A decision threshold together with what it is a share of (``None``: not said).

    Two shares of different wholes are ordered only where the fraction and the whole
    agree: ">= 2/3 of the votes cast" against "> 1/2 of all members" has no order (3 yes,
    1 no and 2 absent of 6 members pass the first and fail the second).
    """

    threshold: Threshold
    base: str | None


def share_at(path: str, flat: Mapping[str, object]) -> object:
    """The value at ``path`` of a flattened charter, a decision threshold taken with its base.

    >>> t = Threshold.model_validate({"fraction": "1/2", "inclusive": False})
    >>> flat = {"m.decision.kind": "majority_of_all_members", "m.decision.threshold": t}
    >>> share_at("m.decision.threshold", flat).base
    'all_members'
    """
    value = flat.get(path)
    if not isinstance(value, Threshold) or not path.endswith("decision.threshold"):
        return value
    parent = path.removesuffix(".threshold")
    base = flat.get(f"{parent}.base") or KIND_BASE.get(str(flat.get(f"{parent}.kind")))
    return Share(value, str(base) if base else None)


def _share_order(a: Share, b: Share) -> int | None:
    """1 if ``b`` is stricter than ``a``, -1 if looser, 0 if equal, None if no order."""
    key_a = (a.threshold.fraction, not a.threshold.inclusive)
    key_b = (b.threshold.fraction, not b.threshold.inclusive)
    order = (key_b > key_a) - (key_b < key_a)
    if a.base == b.base:
        return order
    rank_a, rank_b = _BASE_RANK.get(a.base or ""), _BASE_RANK.get(b.base or "")
    if rank_a is None or rank_b is None:
        return None  # one whole is not said: the fractions alone do not order the rules
    wider = _sign(rank_b - rank_a)
    return wider if order in (0, wider) else None


def _names(path: str) -> tuple[str, str]:
    """The last two names of a dotted path, without list indexes."""
    parts = [p.split("[", 1)[0] for p in path.split(".")]
    return (parts[-2] if len(parts) > 1 else "", parts[-1])


def _sign(x: Fraction | int) -> int:
    return (x > 0) - (x < 0)


def compare_periods(a: Period, b: Period) -> int | None:
    """-1 if ``a`` is surely shorter than ``b``, 1 if surely longer, 0 if equal, None if unsure.

    Working days against calendar days: ``n`` working days span at least ``n`` days,
    so they are surely longer than fewer calendar days, and unsure otherwise.
    Months span 28 to 31 days each.

    >>> compare_periods(Period.parse("1 week"), Period.parse("7 days"))
    0
    >>> compare_periods(Period.parse("5 working days"), Period.parse("3 days"))
    1
    >>> compare_periods(Period.parse("3 working days"), Period.parse("5 days")) is None
    True
    """
    span = {PeriodUnit.DAYS: ("d", 1), PeriodUnit.WEEKS: ("d", 7),
            PeriodUnit.MONTHS: ("m", 1), PeriodUnit.YEARS: ("m", 12),
            PeriodUnit.WORKING_DAYS: ("w", 1)}  # fmt: skip
    (ua, fa), (ub, fb) = span[a.unit], span[b.unit]
    x, y = a.amount * fa, b.amount * fb
    if ua == ub:
        return _sign(x - y)
    if {ua, ub} == {"w", "d"}:
        working, days, flip = (x, y, 1) if ua == "w" else (y, x, -1)
        return flip if working > days else None
    if {ua, ub} == {"m", "d"}:
        months, days, flip = (x, y, 1) if ua == "m" else (y, x, -1)
        if days < 28 * months:
            return flip
        if days > 31 * months:
            return -flip
    return None


def _timing_order(a: Timing, b: Timing) -> int | None:
    """Like :func:`compare_periods` for timings: "immediately" is shorter than any period."""
    if a.period is not None and b.period is not None:
        return compare_periods(a.period, b.period)
    quick = TimingKind.IMMEDIATELY
    if a.kind is quick and b.kind is quick:
        return 0
    if a.kind is quick and b.period is not None:
        return -1
    if b.kind is quick and a.period is not None:
        return 1
    return None


def _per_year(cadence: Cadence) -> Fraction:
    return Fraction(cadence.times * 12, cadence.months)


def _strictness(path: str, first: object, other: object) -> int | None:
    """1 if ``other`` is stricter than ``first``, -1 if looser, 0 or None if no order."""
    parent, name = _names(path)
    if isinstance(first, Timing) and isinstance(other, Timing):
        if name in _UNORDERED_PERIODS or (parent == "evaluation" and name == "publicity"):
            return None
        order = _timing_order(first, other)
        if order is None:
            return None
        lead = name in _LEADS or (name == "within" and parent in _LEADS)
        return -order if lead else order  # order > 0: the first is longer
    if isinstance(first, Threshold) and isinstance(other, Threshold):
        key_a = (first.fraction, not first.inclusive)
        key_b = (other.fraction, not other.inclusive)
        return (key_b > key_a) - (key_b < key_a)
    if isinstance(first, Share) and isinstance(other, Share):
        return _share_order(first, other)
    if isinstance(first, Cadence) and isinstance(other, Cadence):
        return _sign(_per_year(other) - _per_year(first))
    if isinstance(first, Fraction) and isinstance(other, Fraction):
        return _sign(other - first) if name in _MORE_STRICTER_FRACTIONS else None
    if isinstance(first, bool) and isinstance(other, bool):
        return (int(other) - int(first)) if name in _STRICT_WHEN_TRUE else None
    if isinstance(first, int) and isinstance(other, int):
        if name in _LOWER_STRICTER:
            return _sign(first - other)
        return _sign(other - first) if name in _HIGHER_STRICTER else None
    if (
        isinstance(first, str)
        and isinstance(other, str)
        and name == "kind"
        and parent == "decision"
    ):
        ra, rb = _DECISION_RANK.get(first), _DECISION_RANK.get(other)
        return None if ra is None or rb is None else _sign(rb - ra)
    if name == "counted" and {first, other} == set(_COUNTED_RANK):
        return _sign(_COUNTED_RANK[str(other)] - _COUNTED_RANK[str(first)])
    if isinstance(first, tuple) and isinstance(other, tuple) and name in _SUPERSET_STRICTER:
        sa, sb = set(first), set(other)
        return 1 if sb > sa else -1 if sb < sa else None
    return None


def verdict(path: str, first: object, other: object) -> Verdict:
    """How ``other`` stands against ``first`` as values of the rule at ``path``.

    ``None`` is an absent rule.

    >>> verdict("meetings.regular.minutes.deadline", None, Timing.model_validate("3 days"))
    <Verdict.ONLY_HERE: 'only_here'>
    """
    first, other = _stated(first), _stated(other)
    if first is None and other is None:
        return Verdict.SAME
    if first is None:
        return Verdict.ONLY_HERE
    if other is None:
        return Verdict.ONLY_FIRST
    if _same(first, other):
        return Verdict.SAME
    order = _strictness(path, first, other)
    if order == 0 and isinstance(first, Timing):
        return Verdict.SAME  # one length written two ways: 1 week and 7 days
    if order is None or order == 0:
        return Verdict.DIFFERENT
    return Verdict.STRICTER if order > 0 else Verdict.LOOSER


def _stated(value: object) -> object:
    """``None`` for a timing or decision kind the source leaves unspecified: no rule is stated."""
    if isinstance(value, Timing) and value.kind is TimingKind.UNSPECIFIED:
        return None
    if value == "unspecified":
        return None
    return value


def _same(first: object, other: object) -> bool:
    if isinstance(first, Text) and isinstance(other, Text):
        return (first.zh, first.en) == (other.zh, other.en)
    if isinstance(first, Cadence) and isinstance(other, Cadence):
        keys = ("times", "months", "at_least", "up_to")
        return all(getattr(first, k) == getattr(other, k) for k in keys)
    if isinstance(first, bool) != isinstance(other, bool):
        return False
    return first == other
