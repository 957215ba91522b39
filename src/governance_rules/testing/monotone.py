"""Decision rules are monotone (more support never turns a pass into a failure) and
can pass at all (every member present and voting yes meets the rule and its quorum).

For every decision rule of a charter (each meeting kind's and each matter's), ballots
are drawn over the bodies entitled to vote (seats as the charter fixes them, else
two); in each ballot that passes, one member who voted no or abstained is switched to
yes, and the rule must still pass.

>>> from governance_rules import load_charter
>>> decision_rules_are_monotone(load_charter("cn-national-baseline"))
[]
>>> decision_rules_can_pass(load_charter("cn-national-baseline"))
[]
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from fractions import Fraction

from governance_rules._charter import Charter
from governance_rules._charter.meetings import DecisionSpec
from governance_rules._charter.types import Threshold
from governance_rules._decisions import (
    Ballot,
    BodyApprovals,
    Choice,
    Owner,
    OwnersBallot,
    Vote,
    decide,
    matter_rule,
)
from governance_rules._decisions.rules import AnyBallot
from governance_rules._numbers import whole
from governance_rules.errors import GovernanceRulesError
from governance_rules.testing.static import versions
from governance_rules.testing.violations import Found, Violation, named

__all__ = ["decision_rules_are_monotone", "decision_rules_can_pass", "decision_rules_of"]

_CHOICES = (Choice.YES, Choice.NO, Choice.ABSTAIN, Choice.ABSENT)
_MAX_SEATS = 3
_MAX_SAMPLES = 100_000


def decision_rules_of(charter: Charter) -> Iterator[tuple[str, str, DecisionSpec, dict[str, int]]]:
    """Each decision rule that decides something: (matter, rule path, spec, seats per voting body).

    Seats are the charter's (at most three, to keep ballots small), else two.
    """
    names = [(m, f"matters.{m}.decision") for m in charter.matters]
    names += [
        (k, f"meetings.{k}.decision")
        for k, rule in charter.meetings.items()
        if rule.decision is not None and rule.decision.kind != "unspecified"
    ]
    for matter, path in names:
        rule = matter_rule(charter, matter)
        if rule.decision.kind == "unspecified":
            continue
        seats = {b: min(n or 2, _MAX_SEATS) for b, n in rule.voters.items()}
        yield matter, path, rule.decision, seats


def _members(seats: dict[str, int]) -> list[tuple[str, str]]:
    return [(body, f"{body}#{i}") for body, n in seats.items() for i in range(n)]


def member_ballot(seats: dict[str, int], choices: dict[str, Choice]) -> Ballot:
    """An open ballot: ``choices`` per voter (``body#i``); absent voters cast nothing."""
    votes = [
        Vote(voter, body, choices[voter])
        for body, voter in _members(seats)
        if choices[voter] is not Choice.ABSENT
    ]
    return Ballot.open(seats, votes)


def owners_ballot(areas: dict[str, Fraction], choices: dict[str, Choice]) -> OwnersBallot:
    """An owners' ballot over a roll with ``areas``; absent owners cast nothing."""
    roll = [Owner(name, area) for name, area in areas.items()]
    votes = {n: c for n, c in choices.items() if c is not Choice.ABSENT}
    return OwnersBallot.from_votes(roll, votes)


def _describe(choices: dict[str, Choice]) -> str:
    return ", ".join(f"{v}={c.value}" for v, c in choices.items())


def _build(
    kind: str, areas: dict[str, Fraction], seats: dict[str, int], c: dict[str, Choice]
) -> AnyBallot:
    if kind == "dual_majority":
        return owners_ballot(areas, c)
    if kind == "joint_approval":  # each body's answer; abstaining reads as none given
        return BodyApprovals.of(seats, {b: a for b, a in c.items() if a is not Choice.ABSTAIN})
    return member_ballot(seats, c)


def _passes(spec: DecisionSpec, ballot: AnyBallot) -> bool | None:
    try:
        return decide(spec, ballot).passed
    except GovernanceRulesError:
        return None


def decision_rules_are_monotone(
    charter: Charter, *, samples: int = 150, seed: int = 0
) -> list[Violation]:
    """More support never turns a passing decision into a failing one.

    Args:
        charter: The charter.
        samples: Ballots drawn per decision rule (1 to 100,000).
        seed: The seed of the draw (the same seed gives the same ballots).

    Raises:
        GovernanceRulesError: ``samples`` is not a whole number from 1 to 100,000.
    """
    whole("samples", samples, 1, _MAX_SAMPLES, what="the number of samples is out of range")
    rng = random.Random(seed)
    found: Found = []
    for label, ch in versions(charter):
        for matter, path, spec, seats in decision_rules_of(ch):
            areas: dict[str, Fraction] = {}
            if spec.kind == "dual_majority":
                areas = {f"owner-{i}": Fraction(rng.randint(50, 150)) for i in range(6)}
                voters = list(areas)
            elif spec.kind == "joint_approval":  # each body answers as one
                voters = list(seats)
            else:
                voters = [v for _, v in _members(seats)]
            for _ in range(samples):
                choices = {v: rng.choice(_CHOICES) for v in voters}

                if _passes(spec, _build(spec.kind, areas, seats, choices)) is not True:
                    continue
                for voter in voters:
                    if choices[voter] not in (Choice.NO, Choice.ABSTAIN):
                        continue
                    more = {**choices, voter: Choice.YES}
                    if _passes(spec, _build(spec.kind, areas, seats, more)) is False:
                        found.append(
                            (
                                f"{label}the {spec.kind} rule of {matter} passes a ballot and "
                                "fails it once one more member votes yes",
                                (path,),
                                (
                                    f"passes: {_describe(choices)}",
                                    f"fails: {_describe(more)} ({voter} now votes yes)",
                                ),
                            )
                        )
                        break
    return named("decision_rules_are_monotone", found)


def _unreachable(threshold: Threshold) -> bool:
    """True if no share, not even all (1), meets ``threshold`` (``> 1``, say)."""
    return not threshold.met(1, 1)


def decision_rules_can_pass(charter: Charter) -> list[Violation]:
    """Every decision rule can pass: all members present and voting yes pass it.

    A quorum or a threshold of more than all members (``fraction: 1, inclusive:
    false``) can never be met, so the meeting can decide nothing; the violation names
    the rule and shows the unanimous ballot that fails.

    >>> from governance_rules import load_charter
    >>> decision_rules_can_pass(load_charter("yangxin-2022"))
    []
    """
    found: Found = []
    for label, ch in versions(charter):
        quorums = [(f"matters.{m}.quorum", m, rule.quorum) for m, rule in ch.matters.items()] + [
            (f"meetings.{k}.quorum", k, rule.quorum) for k, rule in ch.meetings.items()
        ]
        for path, matter, quorum in quorums:
            if quorum is not None and _unreachable(quorum.present):
                found.append(
                    (
                        f"{label}the quorum of {matter} ({quorum.present.describe()} of all "
                        "members present) cannot be met, not even with every member present",
                        (path,),
                        (f"all present, a share of 1: {quorum.present.describe()} not met",),
                    )
                )
        for matter, path, spec, seats in decision_rules_of(ch):
            areas = {f"owner-{i}": Fraction(100) for i in range(3)}
            voters = (
                list(areas)
                if spec.kind == "dual_majority"
                else list(seats)
                if spec.kind == "joint_approval"
                else [v for _, v in _members(seats)]
            )
            choices = dict.fromkeys(voters, Choice.YES)
            try:
                result = decide(spec, _build(spec.kind, areas, seats, choices))
            except GovernanceRulesError:
                continue  # a rule that needs more than a ballot to apply
            if not result.passed:
                found.append(
                    (
                        f"{label}the {spec.kind} rule of {matter} cannot pass: every member "
                        "present and voting yes fails it",
                        (path,),
                        (f"ballot: {_describe(choices)}", *result.reasons),
                    )
                )
    return named("decision_rules_can_pass", found)
