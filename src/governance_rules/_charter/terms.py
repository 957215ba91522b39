"""Committee terms: size, term length, re-election, filing, changes, handover, composition."""

from __future__ import annotations

import enum

from pydantic import Field, model_validator

from governance_rules._charter.types import MAX_MEMBERS, BodyId, ExactFraction, Rule, Timing, Whole

__all__ = [
    "CompositionTarget",
    "OnOverdue",
    "OverdueAction",
    "SizeRule",
    "TermLength",
    "TermRule",
    "TimedDuty",
]


class SizeRule(Rule):
    """How many members: ``min``–``max``, optionally an odd number."""

    min: Whole | None = Field(default=None, ge=1, le=MAX_MEMBERS)
    max: Whole | None = Field(default=None, ge=1, le=MAX_MEMBERS)
    odd: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> SizeRule:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("'min' cannot exceed 'max'")
        return self

    def allows(self, size: int) -> bool:
        """True if a committee of ``size`` members satisfies the rule."""
        low = self.min is None or size >= self.min
        high = self.max is None or size <= self.max
        return low and high and (not self.odd or size % 2 == 1)


class TermLength(Rule):
    """The length of a term: exactly, or at most (任期不超过)."""

    length: Timing
    at_most: bool = False


class TimedDuty(Rule):
    """A duty with a deadline counted from an event (election, change, term end)."""

    within: Timing
    to: tuple[BodyId, ...] = ()


class CompositionTarget(Rule):
    """A target share of members with a property (e.g. Party members >= 50 %)."""

    what: str
    at_least: ExactFraction


class OverdueAction(enum.Enum):
    """What happens when a re-election is overdue."""

    RC_ORGANISES = "rc_organises"
    STREET_ORGANISES = "street_organises"
    JOINT_MEETING_ISSUE = "joint_meeting_issue"
    EXTRAORDINARY_ASSEMBLY = "extraordinary_assembly"
    UNSPECIFIED = "unspecified"


class OnOverdue(Rule):
    """The consequence of an overdue re-election."""

    action: OverdueAction
    by: BodyId | None = None


class TermRule(Rule):
    """The term rules of one body (OC, RC, service contract, property management committee)."""

    body: BodyId
    elected_by: tuple[BodyId, ...] = Field(
        default=(), description="who elects (or appoints) the body; empty if the source is silent"
    )
    size: SizeRule | None = None
    term: TermLength | None = None
    reelection_lead: TimedDuty | None = Field(
        default=None, description="re-election organised this long before the term ends"
    )
    first_meeting: TimedDuty | None = None
    filing: TimedDuty | None = None
    change_report: TimedDuty | None = None
    handover: TimedDuty | None = None
    composition: tuple[CompositionTarget, ...] = ()
    below_half_members: OnOverdue | None = Field(
        default=None, description="what happens when members fall below half"
    )
    on_overdue: OnOverdue | None = None
    notice_to_end: TimedDuty | None = Field(
        default=None, description="contracts: written notice before ending it (dismissal)"
    )
    nonrenewal_notice: TimedDuty | None = Field(
        default=None, description="contracts: notice before expiry that it will not be renewed"
    )
    open_ended_notice: TimedDuty | None = Field(
        default=None,
        description="contracts: continued open-ended after expiry, ended by either side on notice",
    )
