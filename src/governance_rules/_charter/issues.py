"""Issues raised by residents or parties: categories and their escalation ladders."""

from __future__ import annotations

import enum
from functools import cached_property

from pydantic import Field, field_validator, model_validator

from governance_rules._charter.bodies import Holder, as_positions, seat_positions, seat_text
from governance_rules._charter.types import BodyId, Frozen, Rule, Text, Timing
from governance_rules._i18n import text

__all__ = [
    "Alternative",
    "EscalationTrigger",
    "FollowUpStart",
    "IssueCategory",
    "IssueCategoryKind",
    "Level",
    "LevelDeadlines",
]


class IssueCategoryKind(enum.Enum):
    """The broad class of a problem; a charter may define several categories of one class."""

    ROUTINE = "routine"
    MAJOR = "major"
    BEYOND_REMIT = "beyond_remit"
    HISTORICAL = "historical"
    URGENT = "urgent"
    RESERVED = "reserved"
    """Matters needing early intervention: maintenance-fund use, company change, fees."""
    STREET = "street"
    """A street-level category (e.g. an OC that holds no elections)."""
    COMPLAINT = "complaint"
    """A complaint handled by a body with its own reply deadline."""


class EscalationTrigger(enum.Enum):
    """What moves an issue up one level."""

    DEADLINE_BREACH = "deadline_breach"
    HANDLER_REQUEST = "handler_request"
    UNRESOLVED_AFTER_MEETING = "unresolved_after_meeting"
    BEYOND_REMIT = "beyond_remit"
    REPORTER_REQUEST = "reporter_request"
    """The one who reported the issue (its recorded reporter) may pass it up from this
    level, as well as the level's handlers where another trigger lets them."""


class FollowUpStart(enum.Enum):
    """The day a level's follow-up deadline counts from."""

    REPLY = "reply"
    """From the handler's reply (the follow-up checks on what was answered)."""
    REPORT = "report"
    """From the day the question came to the level, the day its reply deadline counts
    from: the follow-up then falls due with the reply."""


class LevelDeadlines(Frozen):
    """Deadlines at one level; each may be open (promptly, unspecified).

    ``follow_up_from`` says when the follow-up deadline starts; unset, it runs from the
    reply. It may be given only with a follow-up deadline that can be missed.

    >>> LevelDeadlines.model_validate({"reply": "3 days", "follow_up": "3 days",
    ...                                "follow_up_from": "report"}).follow_up_start
    <FollowUpStart.REPORT: 'report'>
    >>> LevelDeadlines.model_validate({"reply": "3 days"}).follow_up_start
    <FollowUpStart.REPLY: 'reply'>
    """

    reply: Timing | None = None
    follow_up: Timing | None = None
    follow_up_from: FollowUpStart | None = Field(
        default=None,
        description="when the follow-up deadline starts: reply (unset: the reply) or "
        "report (the day the question came to the level, as the reply's deadline)",
    )
    resolve: Timing | None = None

    @model_validator(mode="after")
    def _follow_up_from_moves_a_deadline(self) -> LevelDeadlines:
        # a start for a deadline that is absent or cannot be missed would be a rule
        # nothing enforces: refused, never ignored
        if self.follow_up_from is None:
            return self
        if self.follow_up is None:
            raise ValueError(
                "follow_up_from needs a follow_up deadline to start (got no follow_up); "
                "allowed: follow_up_from only beside follow_up: <period> or immediately"
            )
        if self.follow_up.is_open:
            raise ValueError(
                f"follow_up_from would not be enforced: the follow_up deadline "
                f"{self.follow_up} has no number, so it never falls due (got "
                f"follow_up_from: {self.follow_up_from.value}); allowed: follow_up_from "
                "only beside follow_up: <period> or immediately"
            )
        return self

    @property
    def follow_up_start(self) -> FollowUpStart:
        """When the follow-up deadline starts (the reply unless ``follow_up_from`` says)."""
        return self.follow_up_from or FollowUpStart.REPLY

    @cached_property
    def timed(self) -> bool:
        """True if any deadline here has a number (or is immediate): one can be breached."""
        return any(t.period is not None or not t.is_open for _, t in self.items())

    def items(self) -> list[tuple[str, Timing]]:
        """The deadlines given, as ``(name, timing)``."""
        pairs = (("reply", self.reply), ("follow_up", self.follow_up), ("resolve", self.resolve))
        return [(name, t) for name, t in pairs if t is not None]


class Alternative(Holder):
    """Another body (and position) that may handle a level instead of its handler."""

    authorised_by: BodyId | None = Field(
        default=None,
        description="the body whose authorisation (授权) lets it act; no event records "
        "the authorisation, so the engine accepts the alternative as a handler",
    )


class Level(Rule):
    """One rung of a ladder: who handles, who must be involved, deadlines, how it climbs.

    ``position`` narrows the handler to a position in its body; ``alternatives`` name
    other bodies (and positions) that may handle the level instead (…或…负责人).
    """

    handler: BodyId
    position: str | tuple[str, ...] | None = Field(
        default=None, description="the handler's position(s); none: the body as a whole"
    )
    alternatives: tuple[Alternative, ...] = Field(
        default=(), description="other bodies (and positions) that may handle this level"
    )
    involves: tuple[BodyId, ...] = ()
    action: str | None = Field(default=None, description="what the handler does, in brief")
    deadlines: LevelDeadlines = LevelDeadlines()
    escalate_on: tuple[EscalationTrigger, ...] = ()

    @model_validator(mode="after")
    def _distinct_alternatives(self) -> Level:
        seats = [(self.handler, self.position), *((a.body, a.position) for a in self.alternatives)]
        if len(set(seats)) != len(seats):
            raise ValueError("an alternative repeats the handler or another alternative")
        return self

    @property
    def positions(self) -> tuple[str, ...]:
        """The handler's positions (none: the body as a whole)."""
        return as_positions(self.position)

    def bodies(self) -> tuple[str, ...]:
        """The bodies that may handle this level: the handler, then the alternatives."""
        return tuple(dict.fromkeys((self.handler, *(a.body for a in self.alternatives))))

    def positions_for(self, body: str) -> tuple[str, ...] | None:
        """The positions by which ``body`` handles this level (``()``: any member; ``None``:
        ``body`` does not handle it).

        >>> level = Level.model_validate({
        ...     "handler": "residents_committee", "position": "director",
        ...     "alternatives": [{"body": "estate_party_org", "position": "head"}],
        ...     "source": {"doc": "d", "summary": "the level"}})
        >>> level.positions_for("estate_party_org"), level.positions_for("party_org")
        (('head',), None)
        """
        alternatives = ((a.body, a.positions) for a in self.alternatives)
        seats = [(self.handler, self.positions), *alternatives]
        return seat_positions(seats, body)

    def describe(self, lang: str = "en") -> str:
        """Who handles the level, in one line (the alternatives with their authoriser)."""
        either = text("holder.or", lang)
        positions = self.positions
        found = seat_text(self.handler, positions, lang)
        for alt in self.alternatives:
            found += either + seat_text(alt.body, alt.positions, lang)
            if alt.authorised_by:
                found += text("holder.authorised", lang, body=alt.authorised_by)
        return found


class IssueCategory(Rule):
    """A category of problem and its escalation ladder.

    ``raised_by`` names the bodies whose reports the category takes, where the source
    defines the category by who raises it (业委会提出的问题); absent, anyone's report may
    be triaged into it.

    >>> cited = {"doc": "d", "summary": "the rule"}
    >>> IssueCategory.model_validate({
    ...     "kind": "complaint", "raised_by": ["owners_committee"],
    ...     "ladder": [{"handler": "property_company", "source": cited}],
    ...     "terminal": "property_company", "source": cited}).raised_by
    ('owners_committee',)
    """

    kind: IssueCategoryKind
    label: Text | None = None
    raised_by: tuple[BodyId, ...] | None = Field(
        default=None,
        min_length=1,
        description="the bodies whose reports the category takes (bodies of the charter); "
        "absent: anyone's",
    )
    examples: tuple[str, ...] = ()
    ladder: tuple[Level, ...] = Field(min_length=1)
    terminal: BodyId = Field(description="the body where the ladder ends")
    publicity: Timing | None = Field(
        default=None, description="how soon progress is published to residents"
    )

    @field_validator("publicity")
    @classmethod
    def _publicity_is_open(cls, publicity: Timing | None) -> Timing | None:
        # the issue workflow has no step that publishes progress, so a number (or
        # "immediately") would be a rule nothing enforces: refused, never ignored
        if publicity is not None and not publicity.is_open:
            raise ValueError(
                f"{publicity} would not be enforced: the issue workflow has no step that "
                "publishes an issue's progress, so only an open word (promptly, "
                "at_suitable_times, any_time, unspecified) is allowed; keep the source's "
                "number in the category's note"
            )
        return publicity

    @field_validator("raised_by")
    @classmethod
    def _distinct_raisers(cls, raised_by: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if raised_by is not None and len(set(raised_by)) != len(raised_by):
            raise ValueError(f"raised_by names a body twice (got {list(raised_by)})")
        return raised_by

    @model_validator(mode="after")
    def _terminal_is_on_the_ladder(self) -> IssueCategory:
        if self.ladder[-1].handler != self.terminal:
            raise ValueError(
                f"the ladder must end at its terminal body {self.terminal!r} "
                f"(its last level is handled by {self.ladder[-1].handler!r})"
            )
        if self.ladder[-1].escalate_on:
            raise ValueError("the terminal level cannot escalate further")
        return self
