"""Hypothesis strategies for property-based tests of charters and apps that use them.

Needs ``hypothesis`` (``pip install governance-rules[testing]``); the rest of
:mod:`governance_rules.testing` does not.

>>> from hypothesis import given, settings
>>> from governance_rules import WorkingCalendar
>>> @settings(max_examples=20, database=None)
... @given(dates(), periods(max_amount=10))
... def test_a_deadline_is_never_before_its_start(day, period):
...     assert WorkingCalendar.china().due(day, period).due >= day
>>> test_a_deadline_is_never_before_its_start()
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from governance_rules._calendar import DayKind, Period, PeriodUnit, WorkingCalendar
from governance_rules._charter import Charter, available_charters, load_charter
from governance_rules._decisions import Ballot, Choice, Owner, OwnersBallot, Vote
from governance_rules._workflows import KINDS
from governance_rules.errors import GovernanceRulesError
from governance_rules.testing.arguments import kind as checked_kind
from governance_rules.testing.arguments import whole
from governance_rules.testing.arguments import years as checked_years
from governance_rules.testing.runs import Step

__all__ = [
    "ballots",
    "charters",
    "command_sequences",
    "dates",
    "owners_ballots",
    "periods",
    "steps",
]

MAX_AMOUNT = 99_999
"""The largest ``max_amount`` of :func:`periods` (the largest period amount)."""

MAX_MEMBERS = 1_000
"""The most seats (in all) of a drawn ballot, and the most owners of an owners' ballot."""

MAX_STEPS = 1_000
"""The longest command sequence :func:`command_sequences` draws."""

_SEASONS: dict[tuple[WorkingCalendar, int, int], tuple[date, ...]] = {}

_SPECIAL = (DayKind.HOLIDAY, DayKind.MAKEUP_WORKDAY, DayKind.LOCAL_CLOSURE, DayKind.LOCAL_WORKDAY)


def _season_days(calendar: WorkingCalendar, first: int, last: int) -> tuple[date, ...]:
    """Holidays, make-up working days and the calendar's local closures and working
    days of the years, with the days around them (per calendar: a local one differs)."""
    key = (calendar, first, last)
    if key not in _SEASONS:
        special = [
            d.date for y in range(first, last + 1) for d in calendar.year(y) if d.kind in _SPECIAL
        ]
        around = {s + timedelta(days=k) for s in special for k in range(-3, 4)}
        low, high = date(first, 1, 1), date(last, 12, 31)
        _SEASONS[key] = tuple(sorted(d for d in around if low <= d <= high))
    return _SEASONS[key]


def dates(
    min_year: int = 2025, max_year: int = 2026, *, calendar: WorkingCalendar | None = None
) -> st.SearchStrategy[date]:
    """Days of the years, half of them in holiday seasons.

    Holidays, make-up working days (调休), the calendar's local closures and working
    days, and the three days either side of each are drawn as often as all other days
    together: that is where period counting differs.

    Args:
        min_year: The first year.
        max_year: The last year (published years give exact make-up days).
        calendar: The calendar whose holidays count (default: the national one).

    Raises:
        GovernanceRulesError: A year is outside the calendar's data, or ``min_year``
            is after ``max_year``.
    """
    cal = calendar or WorkingCalendar.china()
    checked_years("dates(min_year, max_year)", (min_year, max_year), cal)
    if min_year > max_year:
        raise GovernanceRulesError(
            "the first year is after the last",
            where="dates(min_year, max_year)",
            got=(min_year, max_year),
            allowed="min_year <= max_year",
        )
    any_day = st.dates(date(min_year, 1, 1), date(max_year, 12, 31))
    seasons = _season_days(cal, min_year, max_year)
    return st.one_of(any_day, st.sampled_from(seasons)) if seasons else any_day


def periods(max_amount: int = 30) -> st.SearchStrategy[Period]:
    """Periods in every unit: working days, days and weeks up to ``max_amount``, months
    up to 12, years up to 5.

    Raises:
        GovernanceRulesError: ``max_amount`` is not a whole number from 0 to 99,999.
    """
    whole("periods(max_amount)", max_amount, 0, MAX_AMOUNT)
    small = {PeriodUnit.MONTHS: 12, PeriodUnit.YEARS: 5}
    return st.sampled_from(list(PeriodUnit)).flatmap(
        lambda unit: st.builds(
            Period, st.integers(0, min(max_amount, small.get(unit, max_amount))), st.just(unit)
        )
    )


_CHOICES = (Choice.YES, Choice.NO, Choice.ABSTAIN, Choice.ABSENT)


def ballots(
    seats: dict[str, int] | None = None, *, max_seats: int = 5
) -> st.SearchStrategy[Ballot]:
    """Open member ballots: each member of each body votes yes, no, abstains or is absent.

    Args:
        seats: The seats per body (default: drawn for two to four of the usual bodies).
        max_seats: The most seats a drawn body has.

    Raises:
        GovernanceRulesError: A body's seats or ``max_seats`` is not a whole number from
            1 to 1,000, or the seats add up to more than 1,000.
    """
    whole("ballots(max_seats)", max_seats, 1, MAX_MEMBERS)
    if seats is not None:
        if not isinstance(seats, dict) or not seats:
            raise GovernanceRulesError(
                "not a table of seats",
                where="ballots(seats)",
                got=seats,
                allowed="a dict of body names to seats, such as {'owners_committee': 5}",
            )
        for body, n in seats.items():
            whole(f"ballots(seats)[{body!r}]", n, 1, MAX_MEMBERS)
        whole("ballots(seats): the seats in all", sum(seats.values()), 1, MAX_MEMBERS)
    bodies = ("residents_committee", "owners_committee", "property_company", "party_org")
    seat_map = (
        st.just(dict(seats))
        if seats is not None
        else st.lists(st.sampled_from(bodies), min_size=2, max_size=4, unique=True).flatmap(
            lambda names: st.fixed_dictionaries({n: st.integers(1, max_seats) for n in names})
        )
    )

    def ballot(table: dict[str, int]) -> st.SearchStrategy[Ballot]:
        members = [(b, f"{b}#{i}") for b, n in table.items() for i in range(n)]
        return st.lists(
            st.sampled_from(_CHOICES), min_size=len(members), max_size=len(members)
        ).map(
            lambda chosen: Ballot.open(
                table,
                [
                    Vote(v, b, c)
                    for (b, v), c in zip(members, chosen, strict=True)
                    if c is not Choice.ABSENT
                ],
            )
        )

    return seat_map.flatmap(ballot)


def owners_ballots(max_owners: int = 12) -> st.SearchStrategy[OwnersBallot]:
    """Owners' ballots (民法典 第278条): a roll of owners with exact areas, each voting,
    abstaining or absent.

    Raises:
        GovernanceRulesError: ``max_owners`` is not a whole number from 1 to 1,000.
    """
    whole("owners_ballots(max_owners)", max_owners, 1, MAX_MEMBERS)

    def roll(areas: list[int]) -> st.SearchStrategy[OwnersBallot]:
        owners = [Owner(f"owner-{i}", Fraction(a, 4)) for i, a in enumerate(areas)]
        return st.lists(st.sampled_from(_CHOICES), min_size=len(owners), max_size=len(owners)).map(
            lambda chosen: OwnersBallot.from_votes(
                owners,
                {
                    o.owner: c
                    for o, c in zip(owners, chosen, strict=True)
                    if c is not Choice.ABSENT
                },
            )
        )

    return st.lists(st.integers(120, 800), min_size=1, max_size=max_owners).flatmap(roll)


def steps(kind: str | None = None) -> st.SearchStrategy[Step]:
    """One step of a command sequence: start an item (of ``kind``, or any), command an
    open item (four in five careful, one in five careless), or let 1–40 days pass.

    Raises:
        GovernanceRulesError: ``kind`` is not a workflow kind.
    """
    checked_kind("steps(kind)", kind, optional=True)
    kinds = (kind,) if kind else tuple(KINDS)
    start = st.builds(
        Step,
        st.just("start"),
        st.sampled_from(kinds),
        st.integers(0, 5),
        st.integers(0, 5),
        st.integers(0, 3),
        st.integers(0, 20),
        st.integers(0, 4).map(lambda n: n > 0),
    )
    command = st.builds(
        Step,
        st.just("command"),
        st.just(kinds[0]),
        st.integers(0, 5),
        st.integers(0, 5),
        st.integers(0, 3),
        st.integers(0, 11),
        st.integers(0, 4).map(lambda n: n > 0),
    )
    advance = st.builds(Step, st.just("advance"), st.just(kinds[0]), days=st.integers(1, 40))
    return st.one_of(command, start, advance)


def command_sequences(
    kind: str | None = None, *, max_size: int = 25
) -> st.SearchStrategy[list[Step]]:
    """Sequences of steps for a workflow ``kind`` (or all kinds), opening with a start.

    Valid and invalid commands are interleaved with time advances; play them with
    :class:`governance_rules.testing.Run`. Shrinking removes steps and lowers numbers,
    so a failing sequence shrinks to a short one.

    Raises:
        GovernanceRulesError: ``kind`` is not a workflow kind, or ``max_size`` is not a
            whole number from 0 to 1,000.
    """
    checked_kind("command_sequences(kind)", kind, optional=True)
    whole("command_sequences(max_size)", max_size, 0, MAX_STEPS)
    kinds = (kind,) if kind else tuple(KINDS)
    first = st.builds(Step, st.just("start"), st.sampled_from(kinds))
    return st.tuples(first, st.lists(steps(kind), max_size=max_size)).map(
        lambda pair: [pair[0], *pair[1]]
    )


def _vary(data: dict[str, Any], draw: Any) -> dict[str, Any]:
    period = periods(max_amount=10).map(lambda p: f"{p.amount} {p.unit.value}")
    for meeting in data.get("meetings", {}).values():
        for part, field in (("notice", "lead"), ("minutes", "deadline")):
            section = meeting.get(part)
            if isinstance(section, dict) and draw(st.booleans()):
                section[field] = draw(
                    st.one_of(period, st.sampled_from(["promptly", "unspecified"]))
                )
        sign_off = (meeting.get("minutes") or {}).get("sign_off")
        if not isinstance(sign_off, dict) or sign_off.get("kind") != "approval":
            continue
        if len(sign_off.get("bodies", ())) > 1 and draw(st.booleans()):
            sign_off["counted"] = draw(st.sampled_from(["together", "each_body"]))
    for category in data.get("issues", {}).values():
        for level in category.get("ladder", ()):
            deadlines = level.setdefault("deadlines", {})
            if draw(st.booleans()):
                deadlines["reply"] = draw(period)
    for body in data.get("bodies", {}).values():
        if draw(st.booleans()):
            body["seats"] = draw(st.integers(1, 9))
    return data


@st.composite
def _variant(draw: Any, bases: tuple[str, ...]) -> Charter:
    base = load_charter(draw(st.sampled_from(bases)))
    data = _vary(base.model_dump(mode="json", exclude_none=True), draw)
    data.pop("amendments", None)
    try:
        return Charter.model_validate(data)
    except (GovernanceRulesError, ValueError):
        return base  # a variant the schema refuses: use the charter as bundled


def charters(bases: tuple[str, ...] | None = None) -> st.SearchStrategy[Charter]:
    """Valid charters: bundled ones and variants of them with other periods and seats.

    A variant changes notice leads, minutes deadlines, ladder reply deadlines, seats
    and how an approval over several bodies is counted (together or in each body) of
    a bundled charter, and is validated like any charter.

    Args:
        bases: Charter ids or file paths to start from (default: every bundled charter).

    Raises:
        GovernanceRulesError: ``bases`` is not a non-empty list or tuple of charter ids
            or paths; a base that does not load raises its own error.
    """
    if bases is None:
        bases = tuple(available_charters())
    if (
        not isinstance(bases, (tuple, list))
        or not bases
        or not all(isinstance(b, str) for b in bases)
    ):
        raise GovernanceRulesError(
            "not a list of charters",
            where="charters(bases)",
            got=bases,
            allowed="a non-empty tuple of charter ids or paths, such as ('yangxin-2022',)",
        )
    ids = tuple(bases)
    for base in ids:
        load_charter(base)  # a charter that does not load fails here, not in a draw
    return st.one_of(st.sampled_from(ids).map(load_charter), _variant(ids))
