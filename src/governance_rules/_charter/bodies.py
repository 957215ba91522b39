"""Parties and roles: which bodies take part, with how many seats, and who does what.

Roles are held by bodies (and a position within them), never by named persons.
"""

from __future__ import annotations

import enum

from pydantic import Field, model_validator

from governance_rules._charter.types import BodyId, Frozen, Rule, Text

__all__ = ["Body", "BodyKind", "Membership", "RoleAssignment", "Rotation"]


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
    seats: int | None = Field(
        default=None, ge=1, description="seats at the joint meeting; null if unspecified"
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


class RoleAssignment(Rule):
    """Who holds a role: one body (and position), any of several bodies, or a rotation.

    Exactly one of ``body``, ``any_of`` and ``rotation`` is given.
    """

    body: BodyId | None = None
    any_of: tuple[BodyId, ...] = ()
    rotation: Rotation | None = None
    position: str | tuple[str, ...] | None = Field(
        default=None,
        description="the position that holds the role (director, head), or a list of "
        "positions any of which may (the director or the official in charge)",
    )
    delegate: BodyId | None = Field(
        default=None, description="a body that may act in this role by delegation (受委托)"
    )

    @model_validator(mode="after")
    def _one_holder(self) -> RoleAssignment:
        given = [self.body is not None, bool(self.any_of), self.rotation is not None]
        if sum(given) != 1:
            raise ValueError("give exactly one of 'body', 'any_of' or 'rotation'")
        return self

    @property
    def positions(self) -> tuple[str, ...]:
        """The positions that may hold the role (none: the body as a whole)."""
        if self.position is None:
            return ()
        return (self.position,) if isinstance(self.position, str) else self.position

    def bodies(self) -> tuple[str, ...]:
        """Every body this assignment names (holder, alternatives, rotation, delegate)."""
        named = [self.body] if self.body else []
        named += list(self.any_of)
        named += list(self.rotation.order) if self.rotation else []
        named += [self.delegate] if self.delegate else []
        return tuple(named)

    def holder(self, meeting_index: int = 0) -> tuple[str, ...]:
        """The bodies that may hold the role at the ``meeting_index``-th regular meeting."""
        if self.rotation is not None:
            return (self.rotation.holder(meeting_index),)
        return (self.body,) if self.body else self.any_of
