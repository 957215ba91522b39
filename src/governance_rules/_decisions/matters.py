"""What a charter says about one matter: its decision rule, quorum, and who may vote.

A ballot is only as good as its roll. :func:`matter_rule` reads from the charter
which bodies vote on a matter and, where the charter fixes them, how many seats
each has; ``read_member_ballot`` and ``decide`` refuse any other body and any
roll larger than those seats, so a ballot cannot be stuffed.

>>> from governance_rules._charter import load_charter
>>> rule = matter_rule(load_charter("co-building-two-thirds"), "regular")
>>> rule.decision.kind, sorted(rule.voters)
('supermajority', ['party_org', 'property_company', 'residents', 'residents_committee'])
>>> rule.voters["party_org"] is None  # the charter fixes no seats: the roll gives them
True
>>> yangxin = load_charter("yangxin-2022")
>>> matter_rule(yangxin, "regular").voters["owners_committee"]  # one seat at the joint meeting
1
>>> matter_rule(yangxin, "owners_committee_meeting").voters  # its own meeting: all members
mappingproxy({'owners_committee': None})
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from governance_rules._arguments import instance
from governance_rules._charter.bodies import BodyKind
from governance_rules._charter.meetings import DecisionSpec, Quorum
from governance_rules._charter.model import Charter
from governance_rules.errors import DecisionError

__all__ = ["MatterRule", "matter_rule"]


@dataclass(frozen=True)
class MatterRule:
    """The charter's rule for one matter (or meeting kind with a decision rule)."""

    matter: str
    decision: DecisionSpec
    quorum: Quorum | None
    voters: Mapping[str, int | None]
    """Each body entitled to vote → its seats where the charter fixes them, else ``None``
    (then the roll — the ballot's rows for that body — gives the seats)."""

    @property
    def by_owners(self) -> bool:
        """True for the owners' double majority (an owners' ballot, by area and head)."""
        return self.decision.kind == "dual_majority"

    @property
    def by_bodies(self) -> bool:
        """True for a joint approval: each voting body's own yes or no, not members' votes."""
        return self.decision.kind == "joint_approval"


def matter_rule(charter: Charter, matter: str) -> MatterRule:
    """The decision rule, quorum and voting bodies of ``matter`` in ``charter``.

    ``matter`` is one of the charter's ``matters`` or a meeting kind with a decision
    rule. The voters are the decision's ``bodies`` if it names them; else the
    matter's own body (the owners' committee for its meetings); else, for the joint
    meeting, the charter's member bodies.

    A body's ``seats`` in the charter are its seats *at the joint meeting*: they fix
    the voters of the joint meeting's decisions only. A matter a body decides in its
    own meeting (the owners' committee's decisions) is voted by all of that body's
    members, so the roll gives them.

    Raises:
        DecisionError: No such matter or meeting with a decision rule, or an argument
            of the wrong type.
    """
    instance(charter, Charter, "charter", "a Charter (load_charter(...))", DecisionError)
    instance(matter, str, "matter", "a matter's or meeting kind's name", DecisionError)
    if matter in charter.matters:
        spec = charter.matters[matter].decision
        quorum = charter.matters[matter].quorum
        body = charter.matters[matter].body
        own = (body,) if body in charter.bodies and not _is_joint(charter, body) else ()
        names = spec.bodies or own or charter.member_bodies
        at_joint_meeting = not own
    elif matter in charter.meetings and charter.meetings[matter].decision is not None:
        meeting = charter.meetings[matter]
        assert meeting.decision is not None
        spec, quorum = meeting.decision, meeting.quorum
        names = spec.bodies or charter.member_bodies
        at_joint_meeting = True
    else:
        known = [*charter.matters, *(k for k, m in charter.meetings.items() if m.decision)]
        raise DecisionError(
            "no such matter or meeting with a decision rule",
            where="matter",
            got=matter,
            allowed=", ".join(known) or "none in this charter",
        )
    voters = {
        name: (charter.bodies[name].seats if at_joint_meeting and name in charter.bodies else None)
        for name in names
    }
    return MatterRule(matter, spec, quorum, MappingProxyType(voters))


def _is_joint(charter: Charter, body: str) -> bool:
    return charter.bodies[body].kind is BodyKind.JOINT_MEETING
