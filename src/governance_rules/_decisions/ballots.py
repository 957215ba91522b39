"""Ballot records: who may vote, who was present, and how they voted.

Two records cover every charter:

* :class:`Ballot` — members of bodies (a joint meeting, a committee). Each member
  votes yes, no or abstains, or is absent. An open ballot keeps who voted what; a
  **secret ballot keeps only counts per body**, so no result or event derived
  from it can link a voter to a choice.
* :class:`OwnersBallot` — the owners' assembly, where every owner counts by
  exclusive area *and* by head (民法典 第278条). See :class:`Owner` for how owners
  of several units and co-owned units are counted.

A joint approval by several bodies is not a vote of members: :class:`BodyApprovals`
records each body's own answer (approved, refused, or none given).

>>> b = Ballot.open({"residents_committee": 1, "owners_committee": 1, "property_company": 1},
...                 [Vote("rc", "residents_committee", Choice.YES),
...                  Vote("oc", "owners_committee", Choice.NO)])
>>> b.totals()
Counts(yes=1, no=1, abstain=0, absent=1)
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType

from governance_rules._arguments import MAX_SEATS, instance, items, text
from governance_rules._charter.meetings import VotingMethod
from governance_rules._numbers import MAX_EXPONENT, shown, whole
from governance_rules.errors import BallotError

__all__ = [
    "AREA_LIMIT",
    "CHOICE_WORDS",
    "Ballot",
    "BodyApprovals",
    "Choice",
    "Counts",
    "Owner",
    "OwnersBallot",
    "OwnersTally",
    "Vote",
    "approval_of",
]


class Choice(enum.Enum):
    """A member's or owner's choice; ``ABSENT`` is not a vote.

    ``Choice(text)`` and :meth:`Choice.parse` read the same words — the English
    values and the Chinese ones ballots use (see :data:`CHOICE_WORDS`) — and refuse
    anything else with a :class:`~governance_rules.errors.BallotError`:

    >>> Choice("赞成"), Choice(" Yes "), Choice.parse("弃权")
    (<Choice.YES: 'yes'>, <Choice.YES: 'yes'>, <Choice.ABSTAIN: 'abstain'>)
    >>> Choice("maybe")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    governance_rules.errors.BallotError: choice: unknown choice (got 'maybe'); allowed: yes, ...
    """

    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    ABSENT = "absent"

    @classmethod
    def parse(cls, text: str, where: str = "choice") -> Choice:
        """Read a choice word: ``yes``/同意/赞同, ``no``/反对, ``abstain``/弃权, ``absent``/缺席 ….

        Raises:
            BallotError: Naming ``where`` and listing the words allowed.
        """
        value = CHOICE_WORDS.get(text.strip().lower()) if isinstance(text, str) else None
        if value is None:
            raise BallotError(
                "unknown choice", where=where, got=text, allowed=", ".join(CHOICE_WORDS)
            )
        return value

    @classmethod
    def _missing_(cls, value: object) -> Choice:
        return cls.parse(value)  # type: ignore[arg-type]


CHOICE_WORDS: Mapping[str, Choice] = MappingProxyType(
    {c.value: c for c in Choice}
    | {
        "y": Choice.YES,
        "n": Choice.NO,
        "同意": Choice.YES,
        "赞成": Choice.YES,
        "赞同": Choice.YES,
        "反对": Choice.NO,
        "不同意": Choice.NO,
        "不赞成": Choice.NO,
        "不赞同": Choice.NO,
        "弃权": Choice.ABSTAIN,
        "缺席": Choice.ABSENT,
        "未出席": Choice.ABSENT,
    }
)
"""Every word a ballot may use for a choice (matched after trimming and lower-casing)."""


@dataclass(frozen=True, slots=True)
class Counts:
    """Yes, no, abstain and absent members (or owners)."""

    yes: int = 0
    no: int = 0
    abstain: int = 0
    absent: int = 0

    @property
    def cast(self) -> int:
        """Votes cast: yes + no (abstentions are not votes cast)."""
        return self.yes + self.no

    @property
    def present(self) -> int:
        """Members present: everyone but the absent."""
        return self.yes + self.no + self.abstain

    @property
    def members(self) -> int:
        """All members."""
        return self.present + self.absent

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.yes + other.yes,
            self.no + other.no,
            self.abstain + other.abstain,
            self.absent + other.absent,
        )


@dataclass(frozen=True, slots=True)
class Vote:
    """One member's vote in an open ballot; ``choice`` a :class:`Choice` or its word.

    >>> Vote("m1", "owners_committee", "赞成").choice
    <Choice.YES: 'yes'>
    """

    voter: str
    body: str
    choice: Choice

    def __post_init__(self) -> None:
        text(self.voter, "vote.voter", BallotError)
        text(self.body, "vote.body", BallotError)
        object.__setattr__(self, "choice", _choice(self.choice, "vote.choice"))


def _choice(value: object, where: str) -> Choice:
    """A :class:`Choice`, or the choice a word names (``"yes"``, ``"赞成"``)."""
    return value if isinstance(value, Choice) else Choice.parse(value, where=where)  # type: ignore[arg-type]


def _method(value: object) -> VotingMethod:
    return instance(value, VotingMethod, "method", _METHODS, BallotError)


def _seats(value: object) -> Mapping[str, int]:
    return instance(value, Mapping, "seats", "a mapping of each body to its seats", BallotError)


_METHODS = "a VotingMethod: " + ", ".join(m.value for m in VotingMethod)


@dataclass(frozen=True)
class Ballot:
    """Votes of the members of one or more bodies on one matter.

    Build with :meth:`open` (keeps each vote) or :meth:`secret` (keeps counts only).
    """

    method: VotingMethod
    tallies: Mapping[str, Counts]
    votes: tuple[Vote, ...] = ()

    def __post_init__(self) -> None:
        _method(self.method)
        tallies = instance(self.tallies, Mapping, "tallies", "a mapping of body to Counts",
                           BallotError)  # fmt: skip
        for body, counts in tallies.items():
            text(body, "tallies", BallotError)
            instance(counts, Counts, f"tallies[{body!r}]", "Counts", BallotError)
        object.__setattr__(self, "tallies", MappingProxyType(dict(tallies)))
        if self.method is VotingMethod.SECRET_BALLOT and self.votes:
            raise BallotError("a secret ballot keeps no individual votes", where="ballot")

    @classmethod
    def open(
        cls,
        seats: Mapping[str, int],
        votes: Iterable[Vote],
        method: VotingMethod = VotingMethod.SHOW_OF_HANDS,
    ) -> Ballot:
        """An open ballot: ``seats`` per body; members without a vote are absent.

        Raises:
            BallotError: A voter twice, a body not in ``seats``, or more votes than seats.
        """
        seats = _seats(seats)
        if _method(method) is VotingMethod.SECRET_BALLOT:
            raise BallotError("use Ballot.secret() for a secret ballot", where="method")
        votes = tuple(items(votes, "votes", "a list of Vote", BallotError))
        seen: set[str] = set()
        per_body: dict[str, Counter[Choice]] = {body: Counter() for body in seats}
        for index, vote in enumerate(votes):
            instance(vote, Vote, f"votes[{index}]", "a Vote(voter, body, choice)", BallotError)
            if vote.voter in seen:
                raise BallotError("voted twice", where=f"votes[{index}]", got=vote.voter)
            if vote.body not in seats:
                raise BallotError(
                    "not a voting body",
                    where=f"votes[{index}].body",
                    got=vote.body,
                    allowed=", ".join(sorted(seats)),
                )
            seen.add(vote.voter)
            per_body[vote.body][vote.choice] += 1
        return cls(method, _tallies(seats, per_body), votes)

    @classmethod
    def secret(cls, seats: Mapping[str, int], choices: Mapping[str, Iterable[Choice]]) -> Ballot:
        """A secret ballot from the anonymous choices of each body's members.

        Only the counts are kept: nothing links a member to a choice.
        """
        seats = _seats(seats)
        allowed = "a mapping of each body to its members' choices"
        choices = instance(choices, Mapping, "choices", allowed, BallotError)
        per_body = {
            body: Counter(
                _choice(c, f"choices[{body!r}]")
                for c in items(
                    choices.get(body, ()), f"choices[{body!r}]", "a list of Choice", BallotError
                )
            )
            for body in seats
        }
        unknown = sorted(map(str, set(choices) - set(seats)))
        if unknown:
            raise BallotError("not a voting body", where="choices", got=unknown[0])
        return cls(VotingMethod.SECRET_BALLOT, _tallies(seats, per_body))

    def check_voters(self, voters: Mapping[str, int | None]) -> None:
        """Check the ballot against the bodies entitled to vote and their seats.

        ``voters`` maps each body to its seats where the charter fixes them (else
        ``None``); see :func:`~governance_rules._decisions.matter_rule`.

        Raises:
            BallotError: A body not entitled to vote, a voting body missing from the
                ballot, or a body with more or fewer members than its seats.
        """
        allowed = ", ".join(voters) or "none"
        for body in self.tallies:
            if body not in voters:
                raise BallotError(
                    "not entitled to vote on this matter",
                    where="ballot",
                    got=body,
                    allowed=allowed,
                )
        for body, seats in voters.items():
            if body not in self.tallies:
                raise BallotError(
                    "no members of this voting body on the ballot",
                    where=body,
                    allowed="every member of each voting body, absent ones included",
                )
            members = self.tallies[body].members
            if seats is not None and members != seats:
                raise BallotError(
                    f"{members} member(s) on the ballot for {seats} seat(s) in the charter",
                    where=body,
                )

    def totals(self, bodies: Iterable[str] | None = None) -> Counts:
        """Counts summed over ``bodies`` (default: all)."""
        names = list(self.tallies) if bodies is None else list(bodies)
        total = Counts()
        for name in names:
            if name not in self.tallies:
                raise BallotError(
                    "the ballot has no such body",
                    where="bodies",
                    got=name,
                    allowed=", ".join(self.tallies),
                )
            total += self.tallies[name]
        return total

    def choice_of(self, body: str) -> Counts:
        """The counts of one body (a veto holder's vote is read from here)."""
        return self.totals([body])


def _tallies(
    seats: Mapping[str, int], per_body: Mapping[str, Counter[Choice]]
) -> dict[str, Counts]:
    result = {}
    for body, count in seats.items():
        text(body, "seats", BallotError)
        whole(body, count, 1, MAX_SEATS, what="seats must be a whole number", error=BallotError)
        votes = per_body[body]
        voted = votes[Choice.YES] + votes[Choice.NO] + votes[Choice.ABSTAIN]
        if voted > count:
            raise BallotError(
                f"{voted} votes for {count} seat{'s' if count > 1 else ''}", where=body
            )
        result[body] = Counts(
            votes[Choice.YES], votes[Choice.NO], votes[Choice.ABSTAIN], count - voted
        )
    return result


# -- owners' assembly --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Owner:
    """One owner (one head) with the exclusive area of all their units.

    Convention (after the Supreme People's Court's interpretation on building
    ownership, 建筑物区分所有权解释 第8–9条): headcount is by owner, so a buyer of
    several units counts once, with the units' areas summed; a unit owned jointly
    counts once, voted by one representative; area is the exclusive (专有) area as
    registered.
    """

    owner: str
    area: Fraction
    units: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        text(self.owner, "owner", BallotError)
        if (
            not isinstance(self.area, Fraction | int)
            or isinstance(self.area, bool)
            or self.area <= 0
        ):
            raise BallotError(
                "the area must be a positive exact number", where=self.owner, got=self.area
            )
        area = self.area if type(self.area) is Fraction else Fraction(self.area)
        if max(area.numerator, area.denominator) >= AREA_LIMIT:  # compared, never printed
            raise BallotError(
                "the area's numerator or denominator is too long",
                where=self.owner,
                allowed=f"each of at most {MAX_EXPONENT + 1} digits, as an area read from a file",
            )
        object.__setattr__(self, "area", area)


AREA_LIMIT = 10 ** (MAX_EXPONENT + 1)
"""An area's numerator and denominator stay below this (areas read from files always do)."""


@dataclass(frozen=True, slots=True)
class OwnersTally:
    """Heads and area per choice: all an owners' decision needs, and all a secret one keeps."""

    heads: Counts
    area_yes: Fraction
    area_no: Fraction
    area_abstain: Fraction
    area_absent: Fraction

    @property
    def area_total(self) -> Fraction:
        """All exclusive area of the management area."""
        return self.area_yes + self.area_no + self.area_abstain + self.area_absent

    @property
    def area_participating(self) -> Fraction:
        """Area of the owners who took part (voted yes, no or abstained)."""
        return self.area_yes + self.area_no + self.area_abstain


@dataclass(frozen=True)
class OwnersBallot:
    """Owners' votes on a matter of the owners' assembly, with the full roll of owners."""

    method: VotingMethod
    tally: OwnersTally
    votes: Mapping[str, Choice] = field(default_factory=dict)

    @classmethod
    def from_votes(
        cls,
        roll: Iterable[Owner],
        votes: Mapping[str, Choice],
        method: VotingMethod = VotingMethod.SIGNATURE,
    ) -> OwnersBallot:
        """Tally ``votes`` (owner → choice) over the ``roll``; owners without a vote are absent.

        With ``method`` secret ballot the record keeps only the tally.

        Raises:
            BallotError: An owner twice on the roll, or a vote from an owner not on it.
        """
        _method(method)
        votes = instance(votes, Mapping, "votes", "a mapping of owner to Choice", BallotError)
        owners: dict[str, Owner] = {}
        for index, owner in enumerate(items(roll, "roll", "a list of Owner", BallotError)):
            instance(owner, Owner, f"roll[{index}]", "an Owner(owner, area)", BallotError)
            if owner.owner in owners:
                raise BallotError("on the roll twice", where="roll", got=owner.owner)
            owners[owner.owner] = owner
        if not owners:
            raise BallotError("the roll of owners is empty", where="roll")
        stray = sorted(map(str, set(votes) - set(owners)))
        if stray:
            raise BallotError("not on the roll of owners", where="votes", got=stray[0])
        heads: Counter[Choice] = Counter()
        # exact sums without a Fraction addition (and its gcd) per owner: the whole
        # numerators of each denominator (areas read from files share a few: 1, 2, 5,
        # 10, ... 100), added as Fractions once at the end
        numerators: dict[tuple[Choice, int], int] = {}
        for name, owner in owners.items():
            choice = _choice(votes.get(name, Choice.ABSENT), f"votes[{name!r}]")
            heads[choice] += 1
            key = (choice, owner.area.denominator)
            numerators[key] = numerators.get(key, 0) + owner.area.numerator
        area = dict.fromkeys(Choice, Fraction(0))
        for (choice, denominator), numerator in numerators.items():
            area[choice] += Fraction(numerator, denominator)
        tally = OwnersTally(
            Counts(
                heads[Choice.YES], heads[Choice.NO], heads[Choice.ABSTAIN], heads[Choice.ABSENT]
            ),
            area[Choice.YES],
            area[Choice.NO],
            area[Choice.ABSTAIN],
            area[Choice.ABSENT],
        )
        kept = (
            {}
            if method is VotingMethod.SECRET_BALLOT
            else {name: _choice(choice, f"votes[{name!r}]") for name, choice in votes.items()}
        )
        return cls(method, tally, MappingProxyType(kept))


# -- approvals by bodies ---------------------------------------------------------------------
@dataclass(frozen=True)
class BodyApprovals:
    """Each named body's own approval of a matter: yes, no, or none given.

    A body reaches its answer by its own internal rule, which the charter may leave
    open; only the answer is recorded, never a head count. A body with no answer is
    silent: its approval has not been given.

    >>> answers = BodyApprovals.of(("residents_committee", "owners_committee"),
    ...                            {"residents_committee": "同意"})
    >>> dict(answers.given)
    {'residents_committee': <Choice.YES: 'yes'>}
    >>> answers.silent
    ('owners_committee',)
    >>> BodyApprovals.of(("residents_committee",), {"party_org": "yes"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    governance_rules.errors.BallotError: approvals: not one of the approving bodies (got \
'party_org'); allowed: residents_committee
    """

    bodies: tuple[str, ...]
    given: Mapping[str, Choice]
    method: VotingMethod = VotingMethod.SIGNATURE

    def __post_init__(self) -> None:
        object.__setattr__(self, "given", MappingProxyType(dict(self.given)))

    @classmethod
    def of(
        cls,
        bodies: Iterable[str],
        answers: Mapping[str, Choice | str],
        method: VotingMethod = VotingMethod.SIGNATURE,
        *,
        where: str = "approvals",
    ) -> BodyApprovals:
        """The answers of ``bodies``: each ``yes`` or ``no`` (同意/不同意 …); ``absent``
        or a body left out means no answer given.

        Raises:
            BallotError: A body not among ``bodies`` (naming the allowed ones), or an
                answer other than yes, no or absent.
        """
        _method(method)
        listed = items(bodies, "bodies", "a list of body names", BallotError, keys=True)
        names = tuple(dict.fromkeys(text(b, "bodies", BallotError) for b in listed))
        answers = instance(answers, Mapping, where, "a mapping of body to its answer",
                           BallotError)  # fmt: skip
        given: dict[str, Choice] = {}
        for body, answer in answers.items():
            choice = approval_of(body, answer, names, where=where, answer_at=f"{where}.{body}")
            if choice is not Choice.ABSENT:
                given[body] = choice
        return cls(names, given, method)

    @property
    def silent(self) -> tuple[str, ...]:
        """The bodies that have given no answer."""
        return tuple(b for b in self.bodies if b not in self.given)

    def counts(self) -> Counts:
        """Bodies approving (yes), refusing (no) and silent (absent)."""
        answers = Counter(self.given.values())
        return Counts(answers[Choice.YES], answers[Choice.NO], 0, len(self.silent))


def approval_of(
    body: str, answer: Choice | str, names: tuple[str, ...], *, where: str, answer_at: str
) -> Choice:
    """``body``'s answer in a joint approval, checked: one of ``names``, and yes, no or
    absent (``where`` and ``answer_at`` say where the body and the answer were given).

    Raises:
        BallotError: A body not among ``names`` (naming them), or another answer.
    """
    if body not in names:
        raise BallotError(
            "not one of the approving bodies",
            where=where,
            got=shown(body),
            allowed=", ".join(names) or "none",
        )
    choice = answer if isinstance(answer, Choice) else Choice.parse(str(answer), where=answer_at)
    if choice is Choice.ABSTAIN:
        raise BallotError(
            "a body approves or refuses",
            where=answer_at,
            got=answer.value if isinstance(answer, Choice) else shown(answer),
            allowed="yes, no, or absent (no answer given)",
        )
    return choice
