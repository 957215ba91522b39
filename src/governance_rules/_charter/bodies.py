"""Parties and roles: which bodies take part, with how many seats, and who does what.

Roles are held by bodies (and a position within them), never by named persons.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from pydantic import Field, field_validator, model_validator

from governance_rules._charter.types import (
    BODY_ID_SCHEMA,
    MAX_MEMBERS,
    BodyId,
    Frozen,
    Rule,
    Text,
    Whole,
    also_written_as,
)
from governance_rules._i18n import text

__all__ = [
    "Body",
    "BodyKind",
    "Delegation",
    "Holder",
    "Membership",
    "RoleAssignment",
    "Rotation",
    "as_positions",
    "seat_positions",
    "seat_text",
]


class BodyKind(enum.Enum):
    """The kinds of body a charter can name (see the glossary in docs/charters.md)."""

    PARTY_ORG = "party_org"
    """社区党组织: the community Party organisation."""
    ESTATE_PARTY_ORG = "estate_party_org"
    """小区党支部: the Party branch of one estate."""
    RESIDENTS_COMMITTEE = "residents_committee"
    """居民委员会 (居委会)."""
    OWNERS_ASSEMBLY = "owners_assembly"
    """业主大会."""
    OWNERS_COMMITTEE = "owners_committee"
    """业主委员会 (业委会)."""
    PROPERTY_MANAGEMENT_COMMITTEE = "property_management_committee"
    """物业管理委员会: interim body where no OC exists."""
    SUPERVISORY_COMMITTEE = "supervisory_committee"
    """业主监督咨询委员会."""
    PROPERTY_COMPANY = "property_company"
    """物业服务企业."""
    STREET_OFFICE = "street_office"
    """街道办事处 / 乡镇 (and its Party working committee)."""
    DEPARTMENTS = "departments"
    """职能部门: housing, urban management, police, utilities …"""
    MEETING_OFFICE = "meeting_office"
    """联席会议办公室: the joint meeting's own office."""
    JOINT_MEETING = "joint_meeting"
    """联席会议 itself, as a recipient of reports or a level of a ladder."""
    RESIDENTS = "residents"
    """居民 / 业主: residents or owners at large, as recipients of publicity."""
    INVITED = "invited"
    """列席 / "X" members invited per topic."""
    OTHER = "other"
    """Any other body; describe it in ``label``."""


class Membership(enum.Enum):
    """How a body relates to the joint meeting."""

    MEMBER = "member"
    """Sits on the joint meeting and takes part in decisions."""
    OBSERVER = "observer"
    """Attends (列席) without a vote."""
    INVITED = "invited"
    """Invited per topic ("5+X": the X)."""
    OUTSIDE = "outside"
    """Not at the meeting: a body reports go to, or a ladder climbs to."""


class Body(Rule):
    """A body named by the charter.

    ``kind`` defaults to the body's id when the id is a known kind
    (``owners_committee:`` needs no ``kind``).
    """

    kind: BodyKind = Field(
        default=BodyKind.OTHER, description="defaults to the body's id if that is a known kind"
    )
    label: Text | None = None
    membership: Membership = Membership.MEMBER
    seats: Whole | None = Field(
        default=None,
        ge=1,
        le=MAX_MEMBERS,
        description="seats at the joint meeting; null if unspecified",
    )
    positions: tuple[str, ...] = Field(
        default=(), description="positions within the body used by roles (director, secretary)"
    )


class Rotation(Frozen):
    """A role that passes in turn among bodies, meeting by meeting."""

    order: tuple[BodyId, ...] = Field(
        min_length=2, description="the rotating bodies; their order only if order_stated"
    )
    order_stated: bool = Field(
        default=False,
        description="the source states this order; otherwise the community chooses it",
    )
    per: str = Field(default="regular_meeting", pattern=r"^regular_meeting$")

    @model_validator(mode="after")
    def _distinct(self) -> Rotation:
        if len(set(self.order)) != len(self.order):
            raise ValueError("a rotation lists each body once")
        return self

    def holder(self, index: int) -> str:
        """The body holding the role at the ``index``-th regular meeting (0-based)."""
        return self.order[index % len(self.order)]


def as_positions(position: str | tuple[str, ...] | None) -> tuple[str, ...]:
    """A ``position`` field as a tuple of positions (none: any member of the body)."""
    if position is None:
        return ()
    return (position,) if isinstance(position, str) else position


class Holder(Frozen):
    """One seat of a collective holder: a body and, optionally, the position in it."""

    body: BodyId
    position: str | tuple[str, ...] | None = Field(
        default=None, description="the position(s) that sit in the group; none: any member"
    )

    @property
    def positions(self) -> tuple[str, ...]:
        """The positions of this seat (none: any member of the body)."""
        return as_positions(self.position)


class Delegation(Frozen):
    """Who may act in a role by delegation (受委托): any member of the bodies listed,
    with any position or none. The engine records no act of delegating: it accepts them."""

    any_member_of: tuple[BodyId, ...] = Field(
        min_length=1, description="bodies any of whose members may be entrusted with the role"
    )

    @model_validator(mode="after")
    def _distinct(self) -> Delegation:
        if len(set(self.any_member_of)) != len(self.any_member_of):
            raise ValueError("any_member_of lists each body once")
        return self


def seat_text(body: str, positions: tuple[str, ...], lang: str = "en") -> str:
    """A seat in one line: the body id, then its positions joined by "or" in ``lang``."""
    return f"{body} {text('holder.or', lang).join(positions)}" if positions else body


def seat_positions(
    seats: Iterable[tuple[str, tuple[str, ...]]], body: str
) -> tuple[str, ...] | None:
    """The positions of ``body`` among ``seats`` (``(body, positions)`` pairs).

    ``None`` if ``body`` holds no seat; ``()`` if one of its seats needs no position.

    >>> seat_positions([("rc", ("director",)), ("pc", ()), ("rc", ("member",))], "rc")
    ('director', 'member')
    >>> seat_positions([("rc", ("director",)), ("pc", ())], "pc"), seat_positions([], "rc")
    ((), None)
    """
    found: list[str] = []
    held = False
    for seat, positions in seats:
        if seat != body:
            continue
        if not positions:
            return ()
        held = True
        found += [p for p in positions if p not in found]
    return tuple(found) if held else None


class RoleAssignment(Rule):
    """Who holds a role: one body (and position), any of several bodies, a rotation,
    or a group of seats holding it together.

    Exactly one of ``body``, ``any_of``, ``rotation`` and ``group`` is given.
    ``delegate`` is one body, or ``{any_member_of: [...]}``; either way its members
    act without the holder's position.
    """

    body: BodyId | None = None
    any_of: tuple[BodyId, ...] = ()
    rotation: Rotation | None = None
    group: tuple[Holder, ...] = Field(
        default=(),
        description="a collective holder (召集人由…组成): the seats that hold the role together; "
        "any of them may act for the group",
    )
    position: str | tuple[str, ...] | None = Field(
        default=None,
        description="the position that holds the role (director, head), or a list of "
        "positions any of which may (the director or the official in charge)",
    )
    delegate: Delegation | None = Field(
        default=None,
        description="who may act in this role by delegation (受委托): one body, or "
        "{any_member_of: [bodies]}: any member of those bodies",
        json_schema_extra=also_written_as(BODY_ID_SCHEMA),
    )

    @field_validator("delegate", mode="before")
    @classmethod
    def _one_body(cls, value: object) -> object:
        """``delegate: estate_party_org`` is ``{any_member_of: [estate_party_org]}``."""
        return {"any_member_of": [value]} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _one_holder(self) -> RoleAssignment:
        given = [
            self.body is not None,
            bool(self.any_of),
            self.rotation is not None,
            bool(self.group),
        ]
        if sum(given) != 1:
            raise ValueError("give exactly one of 'body', 'any_of', 'rotation' or 'group'")
        if self.group and self.position is not None:
            raise ValueError("a group names each seat's position; 'position' is not used with it")
        if len(set(self.group)) != len(self.group):
            raise ValueError("a group lists each seat once")
        return self

    @property
    def positions(self) -> tuple[str, ...]:
        """The positions that may hold the role (none: the body as a whole).

        For a ``group``, see :meth:`positions_for`: each seat names its own.
        """
        return as_positions(self.position)

    @property
    def delegates(self) -> tuple[str, ...]:
        """The bodies whose members may act in the role by delegation."""
        return self.delegate.any_member_of if self.delegate is not None else ()

    def in_person(self) -> tuple[str, ...]:
        """Every body that may hold the role itself (rotation included, delegates not)."""
        if self.rotation is not None:
            return self.rotation.order
        if self.group:
            return tuple(dict.fromkeys(seat.body for seat in self.group))
        return (self.body,) if self.body else self.any_of

    def bodies(self) -> tuple[str, ...]:
        """Every body this assignment names (holder, alternatives, rotation, group, delegate)."""
        return tuple(dict.fromkeys((*self.in_person(), *self.delegates)))

    def holder(self, meeting_index: int = 0) -> tuple[str, ...]:
        """The bodies that may hold the role at the ``meeting_index``-th regular meeting."""
        if self.rotation is not None:
            return (self.rotation.holder(meeting_index),)
        return self.in_person()

    def positions_for(self, body: str) -> tuple[str, ...] | None:
        """The positions by which ``body`` holds the role in person.

        ``None`` if ``body`` does not hold it in person; ``()`` if any member of it may.
        A delegate body is not asked for a position (see :attr:`delegates`).
        """
        if self.group:
            return seat_positions(((s.body, s.positions) for s in self.group), body)
        return self.positions if body in self.in_person() else None

    def describe(self, lang: str = "en") -> str:
        """Who holds the role, in one line (``the group of owners_committee director, …``).

        Body ids and positions stay ids; the words around them are in ``lang``.
        """
        comma = text("holder.list", lang)
        if self.group:
            seats = comma.join(seat_text(s.body, s.positions, lang) for s in self.group)
            found = text("holder.group", lang, seats=seats)
        elif self.rotation is not None:
            found = text("holder.turn", lang, bodies=comma.join(self.rotation.order))
        else:
            found = text("holder.or", lang).join(
                seat_text(b, self.positions, lang) for b in self.in_person()
            )
        if self.delegates:
            found += text("holder.delegation", lang, bodies=comma.join(self.delegates))
        return found
