"""Decision rules: pure functions from a rule and a ballot to a result with its reasons.

Every threshold is an exact :class:`~fractions.Fraction` compared as the charter
says (民法典 第1259条: 以上 includes the number, 过半数/超过 excludes it).

>>> from governance_rules._charter.meetings import DecisionSpec
>>> from governance_rules._decisions.ballots import Ballot, Choice, Vote
>>> spec = DecisionSpec.model_validate({"kind": "supermajority", "base": "all_members",
...     "threshold": {"fraction": "2/3", "inclusive": True},
...     "source": {"doc": "x", "summary": "two-thirds of all members"}})
>>> ballot = Ballot.open({"a": 1, "b": 1, "c": 1},
...     [Vote("1", "a", Choice.YES), Vote("2", "b", Choice.YES), Vote("3", "c", Choice.NO)])
>>> result = decide(spec, ballot)
>>> result.passed, result.reasons[-1]
(True, 'yes 2 of 3 all members = 2/3, needs >= 2/3: met')
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import cache
from importlib import metadata
from types import MappingProxyType
from typing import Any

from governance_rules._arguments import instance
from governance_rules._charter.meetings import Counting, DecisionSpec, Quorum, VotingMethod
from governance_rules._charter.registry import DECISION_RULE_ENTRY_POINTS
from governance_rules._charter.types import Threshold
from governance_rules._decisions.ballots import Ballot, BodyApprovals, Choice, Counts, OwnersBallot
from governance_rules._i18n import Note, note_text
from governance_rules._numbers import decimal_text
from governance_rules.errors import BallotError, DecisionError, UnknownDecisionRuleError

__all__ = ["DecisionResult", "RuleFunction", "decide", "rule_function"]

logger = logging.getLogger(__name__)

AnyBallot = Ballot | OwnersBallot | BodyApprovals

_MORE_THAN_HALF = Threshold(fraction=Fraction(1, 2), inclusive=False)
_TWO_THIRDS = Threshold(fraction=Fraction(2, 3), inclusive=True)


@dataclass(frozen=True)
class DecisionResult:
    """Whether a matter passed, and why: the counts, the shares, each threshold checked.

    A result never names voters, so it is safe to publish for any ballot.
    """

    kind: str
    passed: bool
    reasons: tuple[str, ...]
    method: VotingMethod
    counts: Counts
    shares: Mapping[str, Fraction] = field(default_factory=dict)
    approvals: Mapping[str, str] = field(default_factory=dict)
    """A joint approval: each body → ``yes``, ``no`` or ``none`` (no answer given);
    the counts are then of bodies, not members."""
    areas: Mapping[str, Fraction] = field(default_factory=dict)
    """An owners' ballot: the exclusive area (m²) voting ``yes``, ``no``, ``abstain`` and
    ``absent``, beside the counts of owners."""

    def reasons_in(self, lang: str) -> tuple[str, ...]:
        """The reasons in ``lang`` (``"en"`` or ``"zh"``); the English ones are
        :attr:`reasons`. A plug-in rule's own reasons stay as it wrote them.

        Raises:
            GovernanceRulesError: An unknown language.
        """
        return tuple(note_text(reason, lang) for reason in self.reasons)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """A JSON-ready mapping (fractions as ``"2/3"`` text).

        Args:
            lang: The language of the human-readable texts (the reasons): ``"en"`` (as
                stored) or ``"zh"``; the keys and values stay as they are.
        """
        extra: dict[str, Any] = {"approvals": dict(self.approvals)} if self.approvals else {}
        if self.areas:  # exact decimals as text ("284.87"), never floats
            extra["areas"] = {name: _area(value) for name, value in self.areas.items()}
        return {
            "kind": self.kind,
            "passed": self.passed,
            "method": self.method.value,
            "counts": {
                "yes": self.counts.yes,
                "no": self.counts.no,
                "abstain": self.counts.abstain,
                "absent": self.counts.absent,
            },
            "shares": {name: str(value) for name, value in self.shares.items()},
            "reasons": [str(reason) for reason in self.reasons_in(lang)],
            **extra,
        }


RuleFunction = Callable[[DecisionSpec, AnyBallot], DecisionResult]
"""A decision-rule kind: the spec from the charter and a ballot → a result."""


def decide(
    spec: DecisionSpec,
    ballot: AnyBallot,
    *,
    quorum: Quorum | None = None,
    voters: Mapping[str, int | None] | None = None,
) -> DecisionResult:
    """Apply the charter's decision rule ``spec`` to ``ballot``.

    With ``voters`` (the bodies entitled to vote and their seats, from
    :func:`~governance_rules._decisions.matter_rule`) a members' ballot is checked
    against them first: no other body, no more members than seats. The quorum (if
    any) is checked next, then veto holders (any kind may name them), then the rule.
    An ``unspecified`` rule is refused before the quorum or a veto is counted: they
    do not decide a matter the charter gives no rule for.

    Raises:
        UnknownDecisionRuleError: No implementation for ``spec.kind``.
        BallotError: The ballot does not match ``voters``.
        DecisionError: The rule cannot apply (unspecified rule, wrong kind of ballot,
            a veto in a secret ballot, a missing threshold), or an argument of the
            wrong type.
    """
    _check_arguments(spec, ballot, quorum, voters)
    function = rule_function(spec.kind)
    if isinstance(ballot, BodyApprovals) and voters is not None:
        _check_approving_bodies(ballot, voters)
    pre: list[str] = []
    if isinstance(ballot, Ballot) and voters is not None:
        ballot.check_voters(voters)
    if function is _unspecified:  # no rule: no quorum or veto may decide it either
        function(spec, ballot)
    if isinstance(ballot, Ballot):
        if quorum is not None:
            met, line = _quorum(quorum, ballot)
            if not met:
                return _result(spec, ballot, False, [line], ballot.totals())
            pre.append(line)
        if spec.veto_holders:
            vetoed, line = _veto(spec, ballot)
            pre.append(line)
            if vetoed:
                return _result(spec, ballot, False, pre, ballot.totals())
    result = function(spec, ballot)
    if not pre:
        return result
    return replace(result, reasons=(*pre, *result.reasons))


def _check_arguments(spec: object, ballot: object, quorum: object, voters: object) -> None:
    instance(spec, DecisionSpec, "spec", "a DecisionSpec (e.g. matter_rule(...).decision)",
             DecisionError)  # fmt: skip
    instance(ballot, (Ballot, OwnersBallot, BodyApprovals), "ballot",
             "a Ballot, an OwnersBallot or BodyApprovals", DecisionError)  # fmt: skip
    if quorum is not None:
        instance(quorum, Quorum, "quorum", "a Quorum (e.g. matter_rule(...).quorum) or None",
                 DecisionError)  # fmt: skip
    if voters is not None:
        allowed = "a mapping of body to seats or None (e.g. matter_rule(...).voters)"
        voters = instance(voters, Mapping, "voters", allowed, DecisionError)
        for body, seats in voters.items():
            instance(body, str, "voters", allowed, DecisionError)
            if seats is not None:
                instance(seats, int, f"voters[{body!r}]", "a whole number or None", DecisionError)


def _result(
    spec: DecisionSpec,
    ballot: AnyBallot,
    passed: bool,
    reasons: Sequence[str],
    counts: Counts,
    *,
    shares: Mapping[str, Fraction] | None = None,
) -> DecisionResult:
    return DecisionResult(spec.kind, passed, tuple(reasons), ballot.method, counts, shares or {})


def _check(
    threshold: Threshold, part: int | Fraction, whole: int | Fraction, label: Note
) -> tuple[bool, Note, Fraction]:
    share = Fraction(part) / Fraction(whole)
    met = threshold.met(part, whole)
    shown = f"{share}" if share.denominator <= 12 else f"{share} (≈{float(share):.2%})"
    verdict = Note("reason.met" if met else "reason.not_met")
    text = Note(
        "reason.check", label=label, share=shown, threshold=threshold.describe(), verdict=verdict
    )
    return met, text, share


def _area(value: Fraction) -> str:
    """An area as its exact decimal (476.84, 7368520.72), else as a fraction.

    >>> _area(Fraction("7368520.72")), _area(Fraction(1, 3))
    ('7368520.72', '1/3')
    """
    return decimal_text(value) or str(value)


def _quorum(quorum: Quorum, ballot: Ballot) -> tuple[bool, Note]:
    if quorum.per_body:
        lines: list[Note] = []
        for body, counts in ballot.tallies.items():
            label = Note(
                "reason.quorum_of", body=body, present=counts.present, members=counts.members
            )
            met, text, _ = _check(quorum.present, counts.present, counts.members, label)
            lines.append(text)
            if not met:
                return False, text
        joined = lines[-1]
        for line in reversed(lines[:-1]):
            joined = Note("reason.and", first=line, rest=joined)
        return True, joined
    totals = ballot.totals()
    label = Note("reason.quorum", present=totals.present, members=totals.members)
    met, text, _ = _check(quorum.present, totals.present, totals.members, label)
    return met, text


def _veto(spec: DecisionSpec, ballot: Ballot) -> tuple[bool, Note]:
    if ballot.method is VotingMethod.SECRET_BALLOT:
        raise DecisionError(
            "a veto cannot be exercised in a secret ballot: it would reveal the holder's vote",
            where="method",
            got=ballot.method.value,
        )
    objecting = [b for b in spec.veto_holders if b in ballot.tallies and ballot.tallies[b].no]
    if objecting:
        return True, Note("reason.vetoed", bodies=", ".join(objecting))
    return False, Note("reason.no_veto", bodies=", ".join(spec.veto_holders))


def _check_approving_bodies(ballot: BodyApprovals, voters: Mapping[str, int | None]) -> None:
    if set(ballot.bodies) != set(voters):
        raise BallotError(
            "the approving bodies differ from the charter's",
            where="approvals",
            got=", ".join(ballot.bodies),
            allowed=", ".join(voters),
        )


def _members(ballot: AnyBallot, kind: str) -> Ballot:
    if isinstance(ballot, BodyApprovals):
        raise DecisionError(
            f"'{kind}' counts the votes of members, not each body's approval",
            where="ballot",
            allowed="a Ballot of members (bodies' approvals are for joint_approval)",
        )
    if not isinstance(ballot, Ballot):
        raise DecisionError(
            f"'{kind}' decides among members of bodies, not owners by area",
            where="ballot",
            allowed="a Ballot of members (owners' matters use dual_majority)",
        )
    return ballot


def _joint_approval(spec: DecisionSpec, ballot: AnyBallot) -> DecisionResult:
    """Each named body gives its own approval; all must approve, any one can block.

    A body that has given no answer has not approved: the matter has not passed
    (it has not been refused either — the answer may still come).
    """
    if not isinstance(ballot, BodyApprovals):
        raise DecisionError(
            "'joint_approval' takes each body's approval (yes or no), not a count of "
            "members' or owners' votes",
            where="ballot",
            allowed="BodyApprovals: one answer per body (a tally file with body,approval)",
        )
    unknown = [b for b in spec.bodies if b not in ballot.bodies]
    if unknown:
        raise BallotError(
            "an approving body of the charter is missing from the approvals",
            where="approvals",
            got=", ".join(unknown),
            allowed=", ".join(spec.bodies),
        )
    reasons: list[str] = []
    shown: dict[str, str] = {}
    for body in spec.bodies:
        answer = ballot.given.get(body)
        if answer is Choice.YES:
            reasons.append(Note("reason.approved", body=body))
            shown[body] = "yes"
        elif answer is Choice.NO:
            reasons.append(Note("reason.refused", body=body))
            shown[body] = "no"
        else:
            reasons.append(Note("reason.no_answer", body=body))
            shown[body] = "none"
    refused = [b for b, a in shown.items() if a == "no"]
    silent = [b for b, a in shown.items() if a == "none"]
    if refused:
        reasons.append(Note("reason.refused_by", bodies=", ".join(refused)))
    elif silent:
        reasons.append(Note("reason.waiting_for", bodies=", ".join(silent)))
    else:
        reasons.append(Note("reason.every_body_approved"))
    passed = not refused and not silent
    counts = Counts(len(spec.bodies) - len(refused) - len(silent), len(refused), 0, len(silent))
    return DecisionResult(
        spec.kind, passed, tuple(reasons), ballot.method, counts, {}, MappingProxyType(shown)
    )


def _base(spec: DecisionSpec, counts: Counts, default: str | None) -> tuple[int, Note]:
    base = spec.base or default
    if base is None:  # no default: the kind's name does not say what the share is of
        raise DecisionError(
            f"'{spec.kind}' needs a base: the charter does not say what the threshold is "
            "a share of",
            where="decision.base",
            allowed="votes_cast, present, all_members (as the source says)",
        )
    value = {"votes_cast": counts.cast, "present": counts.present, "all_members": counts.members}
    return value[base], Note(f"base.{base.replace('_', ' ')}")


def _threshold_rule(default_threshold: Threshold | None, default_base: str | None) -> RuleFunction:
    def rule(spec: DecisionSpec, ballot: AnyBallot) -> DecisionResult:
        members = _members(ballot, spec.kind)
        threshold = spec.threshold or default_threshold
        if threshold is None:
            raise DecisionError(
                f"'{spec.kind}' needs a threshold",
                where="decision.threshold",
                allowed="e.g. {fraction: 2/3, inclusive: true}",
            )
        counts = members.totals(spec.bodies or None)
        if spec.counted is Counting.EACH_BODY:
            return _each_body(spec, members, threshold, default_base, counts)
        whole, label = _base(spec, counts, default_base)
        bodies = ", ".join(spec.bodies)
        if whole == 0:
            empty = (
                Note("reason.nothing_in", base=label, bodies=bodies)
                if bodies
                else Note("reason.nothing", base=label)
            )
            return _result(spec, ballot, False, [empty], counts)
        of = {"yes": counts.yes, "whole": whole, "base": label}
        yes = (
            Note("reason.yes_of_in", **of, bodies=bodies)
            if bodies
            else Note("reason.yes_of", **of)
        )
        met, text, share = _check(threshold, counts.yes, whole, yes)
        reasons = [text]
        if counts.yes == counts.no and counts.cast:
            reasons.append(Note("reason.tie", yes=counts.yes, no=counts.no))
        return _result(spec, ballot, met, reasons, counts, shares={f"yes/{label}": share})

    return rule


def _each_body(
    spec: DecisionSpec,
    ballot: Ballot,
    threshold: Threshold,
    default_base: str | None,
    counts: Counts,
) -> DecisionResult:
    """The threshold met in each named body, counted separately; any body short fails it."""
    reasons: list[str] = []
    shares: dict[str, Fraction] = {}
    passed = True
    for body in spec.bodies:
        own = ballot.totals([body])
        whole, label = _base(spec, own, default_base)
        if whole == 0:
            reasons.append(Note("reason.nothing_in", base=label, bodies=body))
            passed = False
            continue
        met, text, share = _check(
            threshold, own.yes, whole,
            Note("reason.yes_of_in", yes=own.yes, whole=whole, base=label, bodies=body),
        )  # fmt: skip
        reasons.append(text)
        shares[f"yes/{label} of {body}"] = share
        passed = passed and met
    reasons.append(Note("reason.each_body_met" if passed else "reason.each_body_not_met"))
    return _result(spec, ballot, passed, reasons, counts, shares=shares)


def _consensus(spec: DecisionSpec, ballot: AnyBallot) -> DecisionResult:
    counts = _members(ballot, spec.kind).totals(spec.bodies or None)
    if counts.no:
        return _result(spec, ballot, False, [Note("reason.objections", no=counts.no)], counts)
    if not counts.yes:
        return _result(spec, ballot, False, [Note("reason.nobody_agreed_consensus")], counts)
    agreed = Note(
        "reason.consensus", present=counts.present, yes=counts.yes, abstain=counts.abstain
    )
    return _result(spec, ballot, True, [agreed], counts)


def _unanimous(spec: DecisionSpec, ballot: AnyBallot) -> DecisionResult:
    if isinstance(ballot, OwnersBallot):
        counts, who = ballot.tally.heads, "owners"
    else:
        counts, who = _members(ballot, spec.kind).totals(spec.bodies or None), "members"
    if not counts.members:  # nobody to agree: not a vacuous "all of none"
        return _result(spec, ballot, False, [Note(f"reason.nobody_{who}")], counts)
    passed = counts.yes == counts.members
    key = {"owners": ("consent", "owners_not_unanimous"),
           "members": ("agree", "members_not_unanimous")}[who]  # fmt: skip
    reason = Note(
        f"reason.{who}_{key[0]}" if passed else f"reason.{key[1]}",
        yes=counts.yes, members=counts.members,
    )  # fmt: skip
    return _result(spec, ballot, passed, [reason], counts)


def _veto_rule(spec: DecisionSpec, ballot: AnyBallot) -> DecisionResult:
    counts = _members(ballot, spec.kind).totals(spec.bodies or None)
    if not spec.veto_holders:
        raise DecisionError("'veto' needs veto_holders", where="decision.veto_holders")
    if spec.threshold is not None:
        return _threshold_rule(None, None)(spec, ballot)
    passed = counts.yes > 0
    reason = Note("reason.yes" if passed else "reason.yes_nobody", yes=counts.yes)
    return _result(spec, ballot, passed, [reason], counts)


def _dual_majority(spec: DecisionSpec, ballot: AnyBallot) -> DecisionResult:
    if not isinstance(ballot, OwnersBallot):
        raise DecisionError(
            "'dual_majority' counts owners by area and head",
            where="ballot",
            allowed="an OwnersBallot with the roll of owners and their exclusive areas",
        )
    if spec.threshold is None:
        raise DecisionError("'dual_majority' needs a threshold", where="decision.threshold")
    participation = spec.participation or _TWO_THIRDS
    tally = ballot.tally
    heads = tally.heads
    reasons: list[str] = []
    shares: dict[str, Fraction] = {}
    checks: list[tuple[Threshold, int | Fraction, int | Fraction, str, Note]] = [
        (
            participation,
            tally.area_participating,
            tally.area_total,
            "participating area",
            Note(
                "reason.area_taking_part",
                part=_area(tally.area_participating),
                whole=_area(tally.area_total),
            ),
        ),
        (
            participation,
            heads.present,
            heads.members,
            "participating owners",
            Note("reason.owners_taking_part", part=heads.present, whole=heads.members),
        ),
        (
            spec.threshold,
            tally.area_yes,
            tally.area_participating,
            "yes area",
            Note(
                "reason.yes_area",
                part=_area(tally.area_yes),
                whole=_area(tally.area_participating),
            ),
        ),
        (
            spec.threshold,
            heads.yes,
            heads.present,
            "yes owners",
            Note("reason.yes_owners", part=heads.yes, whole=heads.present),
        ),
    ]
    passed = True
    for threshold, part, whole, name, label in checks:
        if whole == 0:
            reasons.append(Note("reason.nobody_took_part", label=label))
            passed = False
            break
        met, text, share = _check(threshold, part, whole, label)
        reasons.append(text)
        shares[name] = share
        passed = passed and met
    areas = {"yes": tally.area_yes, "no": tally.area_no, "abstain": tally.area_abstain,
             "absent": tally.area_absent}  # fmt: skip
    result = _result(spec, ballot, passed, reasons, heads, shares=shares)
    return replace(result, areas=MappingProxyType(areas))


def _unspecified(spec: DecisionSpec, ballot: AnyBallot) -> DecisionResult:
    raise DecisionError(
        "the charter states no decision rule for this matter",
        where="decision.kind",
        got=spec.kind,
        allowed="a charter (or an amendment) that names a rule",
    )


_BUILTIN: dict[str, RuleFunction] = {
    "consensus": _consensus,
    "unanimous": _unanimous,
    "majority_of_votes_cast": _threshold_rule(_MORE_THAN_HALF, "votes_cast"),
    "majority_of_all_members": _threshold_rule(_MORE_THAN_HALF, "all_members"),
    "supermajority": _threshold_rule(None, None),
    "veto": _veto_rule,
    "dual_majority": _dual_majority,
    "joint_approval": _joint_approval,
    "unspecified": _unspecified,
}


@cache
def _installed() -> dict[str, RuleFunction]:
    found: dict[str, RuleFunction] = {}
    for entry in metadata.entry_points(group=DECISION_RULE_ENTRY_POINTS):
        if entry.name in _BUILTIN:
            continue
        try:
            found[entry.name] = entry.load()
        except Exception as exc:  # a broken plugin must not break the library
            logger.warning("decision-rule plugin %r could not be loaded: %s", entry.name, exc)
    return found


def rule_function(kind: str) -> RuleFunction:
    """The implementation of a decision-rule kind (built-in or installed).

    Raises:
        UnknownDecisionRuleError: Listing the kinds available.
    """
    if kind in _BUILTIN:
        return _BUILTIN[kind]
    installed = _installed()
    if kind in installed:
        return installed[kind]
    raise UnknownDecisionRuleError(
        "no implementation for this decision rule",
        where="decision.kind",
        got=kind,
        allowed=", ".join(sorted({*_BUILTIN, *installed})),
    )
