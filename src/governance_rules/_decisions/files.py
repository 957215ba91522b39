"""Reading ballots from CSV files (formats in docs/decisions.md).

Every row is checked; all bad rows are reported at once by line number, and
nothing is silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from pathlib import Path

from governance_rules._arguments import instance, items
from governance_rules._arguments import path as file_path
from governance_rules._charter.meetings import VotingMethod
from governance_rules._csv import raise_all, rows
from governance_rules._decisions.ballots import (
    AREA_LIMIT,
    Ballot,
    BodyApprovals,
    Choice,
    Owner,
    OwnersBallot,
    Vote,
    approval_of,
)
from governance_rules._numbers import exact, shown
from governance_rules.errors import BallotError

__all__ = ["read_body_approvals", "read_member_ballot", "read_owner_ballot"]

MEMBER_COLUMNS = ("voter", "body", "choice")
OWNER_COLUMNS = ("owner", "area", "choice")
APPROVAL_COLUMNS = ("body", "approval")


def read_member_ballot(
    path: str | Path,
    method: VotingMethod,
    *,
    voters: Mapping[str, int | None] | None = None,
) -> Ballot:
    """A members' ballot: one row per member (``voter,body,choice``), absent ones included.

    Seats per body are the rows of that body, or, with ``voters``, the seats the
    charter fixes (see :func:`~governance_rules._decisions.matter_rule`). With
    ``voters`` a row of any other body is refused, a body may not list more
    members than its seats, and a voting body without seats in the charter must
    be listed. With a secret ballot the voter column may be empty and is never kept.

    Raises:
        BallotError: Naming the file and line of every bad row: an unknown choice,
            an empty field, a voter listed twice, a body not entitled to vote.

    Example in docs/decisions.md ("Reading ballots in Python").
    """
    file = file_path(path, "path", BallotError)
    _method(method)
    if voters is not None:
        voters = instance(voters, Mapping, "voters", _VOTERS, BallotError)
    rows_per_body: dict[str, int] = {}
    votes: list[Vote] = []
    secret: dict[str, list[Choice]] = {}
    problems: list[str] = []
    first_seen: dict[str, int] = {}
    for line, row in rows(file, MEMBER_COLUMNS, BallotError):
        where = f"{file}:{line}"
        body, voter = row["body"], row["voter"]
        try:
            if not body:
                raise BallotError("empty", where=f"{where}: body")
            if voters is not None and body not in voters:
                raise BallotError(
                    "not entitled to vote on this matter",
                    where=f"{where}: body",
                    got=shown(body),
                    allowed=", ".join(voters) or "none",
                )
            choice = Choice.parse(row["choice"], where=f"{where}: choice")
            if voter:
                _once(voter, first_seen, f"{where}: voter")
            if not voter and method is not VotingMethod.SECRET_BALLOT:
                raise BallotError(
                    "empty (only a secret ballot may omit it)", where=f"{where}: voter"
                )
            seats = voters.get(body) if voters is not None else None
            if seats is not None and rows_per_body.get(body, 0) >= seats:
                raise BallotError(
                    f"more members than the {seats} seat(s) the charter gives this body",
                    where=f"{where}: body",
                    got=body,
                )
        except BallotError as exc:
            problems.append(str(exc))
            continue
        if voter:
            first_seen[voter] = line
        rows_per_body[body] = rows_per_body.get(body, 0) + 1
        if method is VotingMethod.SECRET_BALLOT:
            secret.setdefault(body, []).append(choice)
        elif choice is not Choice.ABSENT:
            votes.append(Vote(voter, body, choice))
    raise_all(problems, BallotError, file)
    roster = _seats(file, rows_per_body, voters)
    if method is VotingMethod.SECRET_BALLOT:
        kept = {b: [c for c in cs if c is not Choice.ABSENT] for b, cs in secret.items()}
        return Ballot.secret(roster, kept)
    return Ballot.open(roster, votes, method)


def _seats(
    file: Path, rows_per_body: Mapping[str, int], voters: Mapping[str, int | None] | None
) -> dict[str, int]:
    """Seats per body: the charter's where it fixes them, else the rows of the roll."""
    if voters is None:
        if not rows_per_body:
            raise BallotError("no rows", where=str(file))
        return dict(rows_per_body)
    seats: dict[str, int] = {}
    for body, fixed in voters.items():
        if fixed is not None:
            seats[body] = fixed  # members not listed are absent
        elif body in rows_per_body:
            seats[body] = rows_per_body[body]
        else:
            raise BallotError(
                "no members of this voting body listed",
                where=f"{file}: {body}",
                allowed="a row for every member of each voting body, absent ones included",
            )
    return seats


def read_body_approvals(
    path: str | Path,
    bodies: Iterable[str],
    method: VotingMethod = VotingMethod.SIGNATURE,
) -> BodyApprovals:
    """Each body's approval for a joint approval: one row per body (``body,approval``).

    ``approval`` is ``yes`` or ``no`` (同意/不同意 …); ``absent`` or a body with no
    row means no answer given. ``bodies`` are the approving bodies (from
    :func:`~governance_rules._decisions.matter_rule`); any other body is refused.

    Raises:
        BallotError: Naming the file and line of every bad row: a body not among
            ``bodies`` (listing them), a body twice, an empty body, an answer other
            than yes, no or absent.

    Example in docs/decisions.md ("Joint approval by several bodies").
    """
    file = file_path(path, "path", BallotError)
    _method(method)
    names = tuple(
        dict.fromkeys(items(bodies, "bodies", "a list of body names", BallotError, keys=True))
    )
    answers: dict[str, Choice] = {}
    problems: list[str] = []
    first_seen: dict[str, int] = {}
    for line, row in rows(file, APPROVAL_COLUMNS, BallotError):
        where = f"{file}:{line}"
        body = row["body"]
        try:
            if not body:
                raise BallotError("empty", where=f"{where}: body")
            _once(body, first_seen, f"{where}: body")
            answer = approval_of(body, row["approval"], names, where=f"{where}: body",
                                 answer_at=f"{where}: approval")  # fmt: skip
        except BallotError as exc:
            problems.append(str(exc))
            continue
        first_seen[body] = line
        answers[body] = answer
    raise_all(problems, BallotError, file)
    return BodyApprovals.of(names, answers, method)


def read_owner_ballot(path: str | Path, method: VotingMethod) -> OwnersBallot:
    """An owners' ballot: one row per owner on the roll (``owner,area,choice``).

    ``area`` is the owner's exclusive area in m² (exact decimals such as 89.57);
    ``units`` (optional, ``;``-separated) documents which units it sums; a unit
    may appear under one owner only.

    Raises:
        BallotError: Naming the file and line of every bad row: an owner or a unit
            listed twice, an area that is not a positive number, an unknown choice.

    Example in docs/decisions.md ("Reading ballots in Python").
    """
    file = file_path(path, "path", BallotError)
    _method(method)
    roll: list[Owner] = []
    votes: dict[str, Choice] = {}
    problems: list[str] = []
    seen: dict[str, int] = {}
    unit_of: dict[str, tuple[str, int]] = {}
    for line, row in rows(file, OWNER_COLUMNS, BallotError):
        where = f"{file}:{line}"
        name = row["owner"]
        units = tuple(u.strip() for u in row.get("units", "").split(";") if u.strip())
        try:
            if not name:
                raise BallotError("empty", where=f"{where}: owner")
            _once(name, seen, f"{where}: owner", "on the roll twice")
            for unit in units:
                if unit in unit_of and unit_of[unit][0] != name:
                    owner, at = unit_of[unit]
                    raise BallotError(
                        f"unit already listed for owner {owner!r} at line {at}",
                        where=f"{where}: units",
                        got=shown(unit),
                        allowed="each unit under one owner (co-owners vote as one owner)",
                    )
            area = _area(row["area"], f"{where}: area")
            choice = Choice.parse(row["choice"], where=f"{where}: choice")
        except BallotError as exc:
            problems.append(str(exc))
            continue
        seen[name] = line
        for unit in units:
            unit_of[unit] = (name, line)
        roll.append(Owner(name, area, units))
        if choice is not Choice.ABSENT:
            votes[name] = choice
    raise_all(problems, BallotError, file)
    if not roll:
        raise BallotError(
            "no rows: the roll of owners is empty",
            where=str(file),
            allowed="one row per owner of the management area, absent ones included",
        )
    return OwnersBallot.from_votes(roll, votes, method)


_VOTERS = "a mapping of body to seats or None (matter_rule(...).voters)"


def _method(value: object) -> None:
    allowed = "a VotingMethod: " + ", ".join(m.value for m in VotingMethod)
    instance(value, VotingMethod, "method", allowed, BallotError)


def _once(value: str, seen: Mapping[str, int], where: str, said: str = "listed twice") -> None:
    """Refuse ``value`` if an earlier row gave it (naming that row's line)."""
    if value in seen:
        raise BallotError(f"{said} (first at line {seen[value]})", where=where, got=shown(value))


def _area(text: str, where: str) -> Fraction:
    try:
        area = exact(text)
    except ValueError as exc:
        raise BallotError(
            f"expected an area in m²: {exc}",
            where=where,
            got=shown(text),
            allowed="a positive decimal such as 89.57",
        ) from None
    if area <= 0:
        raise BallotError("must be positive", where=where, got=text)
    if max(area.numerator, area.denominator) >= AREA_LIMIT:  # 9999999999e40: no area
        raise BallotError(
            "expected an area in m²: too large or too finely divided",
            where=where,
            got=shown(text),
            allowed="a positive decimal such as 89.57",
        )
    return area
