"""Reading ballots from CSV files (formats in docs/decisions.md).

Every row is checked; all bad rows are reported at once by line number, and
nothing is silently dropped.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from governance_rules._csv import raise_all, rows
from governance_rules.charter.meetings import VotingMethod
from governance_rules.decisions.ballots import Ballot, Choice, Owner, OwnersBallot, Vote
from governance_rules.errors import BallotError

__all__ = ["read_member_ballot", "read_owner_ballot"]

MEMBER_COLUMNS = ("voter", "body", "choice")
OWNER_COLUMNS = ("owner", "area", "choice")


def read_member_ballot(path: str | Path, method: VotingMethod) -> Ballot:
    """A members' ballot: one row per member (``voter,body,choice``), absent ones included.

    Seats per body are the rows of that body. With a secret ballot the voter column
    may be empty and is never kept.
    """
    file = Path(path)
    seats: dict[str, int] = {}
    votes: list[Vote] = []
    secret: dict[str, list[Choice]] = {}
    problems: list[str] = []
    for line, row in rows(file, MEMBER_COLUMNS, BallotError):
        body = row["body"]
        if not body:
            problems.append(f"{file}:{line}: body: empty")
            continue
        try:
            choice = Choice.parse(row["choice"], where=f"{file}:{line}: choice")
        except BallotError as exc:
            problems.append(str(exc))
            continue
        seats[body] = seats.get(body, 0) + 1
        if method is VotingMethod.SECRET_BALLOT:
            secret.setdefault(body, []).append(choice)
        elif not row["voter"]:
            problems.append(f"{file}:{line}: voter: empty (only a secret ballot may omit it)")
        elif choice is not Choice.ABSENT:
            votes.append(Vote(row["voter"], body, choice))
    raise_all(problems, BallotError, file)
    if not seats:
        raise BallotError("no rows", where=str(file))
    if method is VotingMethod.SECRET_BALLOT:
        kept = {b: [c for c in cs if c is not Choice.ABSENT] for b, cs in secret.items()}
        return Ballot.secret(seats, kept)
    return Ballot.open(seats, votes, method)


def read_owner_ballot(path: str | Path, method: VotingMethod) -> OwnersBallot:
    """An owners' ballot: one row per owner on the roll (``owner,area,choice``).

    ``area`` is the owner's exclusive area in m² (exact decimals such as 89.57);
    ``units`` (optional, ``;``-separated) documents which units it sums.
    """
    file = Path(path)
    roll: list[Owner] = []
    votes: dict[str, Choice] = {}
    problems: list[str] = []
    seen: set[str] = set()
    for line, row in rows(file, OWNER_COLUMNS, BallotError):
        name = row["owner"]
        try:
            if not name:
                raise BallotError("empty", where=f"{file}:{line}: owner")
            if name in seen:
                raise BallotError("on the roll twice", where=f"{file}:{line}: owner", got=name)
            try:
                area = Fraction(row["area"])
            except (ValueError, ZeroDivisionError):
                raise BallotError(
                    "expected an area in m²", where=f"{file}:{line}: area", got=row["area"]
                ) from None
            if area <= 0:
                raise BallotError(
                    "must be positive", where=f"{file}:{line}: area", got=row["area"]
                )
            choice = Choice.parse(row["choice"], where=f"{file}:{line}: choice")
        except BallotError as exc:
            problems.append(str(exc))
            continue
        seen.add(name)
        units = tuple(u.strip() for u in row.get("units", "").split(";") if u.strip())
        roll.append(Owner(name, area, units))
        if choice is not Choice.ABSENT:
            votes[name] = choice
    raise_all(problems, BallotError, file)
    return OwnersBallot.from_votes(roll, votes, method)
