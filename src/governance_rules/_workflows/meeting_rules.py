"""The meeting workflow's data, roles, guards and effects (the states live in ``meetings``).

Roles are resolved once, when the meeting is planned (rotation included, through
:func:`governance_rules._charter.rotation.holders`), and kept in the meeting's data,
so every later check reads who convenes, chairs and records from one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from types import MappingProxyType
from typing import Any

from governance_rules._calendar import Period, Window, WorkingCalendar
from governance_rules._charter import MeetingRule
from governance_rules._charter.meetings import (
    Counting,
    DecisionSpec,
    Notice,
    NoticeItem,
    SignOffKind,
    VotingMethod,
)
from governance_rules._decisions import Ballot, BodyApprovals, Choice, Vote, decide
from governance_rules._decisions.rules import AnyBallot
from governance_rules._text import one_line
from governance_rules._workflows.core import Command, Context, Guard, Instance, refused
from governance_rules._workflows.timers import due_after
from governance_rules.errors import BallotError, DateOutOfRangeError, DecisionError

__all__ = [
    "ActionItem",
    "DecisionRecord",
    "MeetingData",
    "Signature",
]


@dataclass(frozen=True, slots=True)
class ActionItem:
    """A decision's follow-up: what, who owns it, by when, and how it ended."""

    matter: str
    owner: str | None = None
    due: date | None = None
    done_on: date | None = None
    overdue: bool = False


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """A decision as minuted: outcome and why (counts and thresholds, never voters)."""

    matter: str
    outcome: str
    """``passed`` or ``failed``."""
    rule: str
    """The charter's decision rule kind, or ``unspecified``."""
    reasons: tuple[str, ...] = ()
    declared: bool = False
    """The charter sets no rule: the meeting declared the outcome."""


@dataclass(frozen=True, slots=True)
class Signature:
    """One member's signature on the minutes."""

    id: str
    body: str
    slot: int
    on: date


#: No one present (yet): the default of :attr:`MeetingData.present`.
_NOBODY: Mapping[str, int] = MappingProxyType({})
#: No notice stated anything (yet): the default of :attr:`MeetingData.notice_contents`.
_UNSTATED: Mapping[str, tuple[str, ...]] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class MeetingData:
    """What a meeting holds: its rules' inputs and what has happened so far."""

    meeting_kind: str
    day: date
    roster: Mapping[str, int]
    roles: Mapping[str, tuple[str, ...]]
    window_start: date | None = None
    override: str | None = None
    rotation: tuple[str, ...] = ()
    rotation_start: date | None = None
    review: tuple[str, ...] = ()
    present: Mapping[str, int] = field(default_factory=lambda: _NOBODY)
    noticed_on: date | None = None
    notice_signed_on: date | None = None
    agenda_on: date | None = None
    held_on: date | None = None
    drafted_on: date | None = None
    approved_on: date | None = None
    distributed_on: date | None = None
    closed_on: date | None = None
    cancelled_on: date | None = None
    postponed_from: date | None = None
    decisions: tuple[DecisionRecord, ...] = ()
    actions: tuple[ActionItem, ...] = ()
    signatures: tuple[Signature, ...] = ()
    late: tuple[str, ...] = ()
    agenda: tuple[str, ...] = ()
    """The agenda as set: the charter's standing parts first (its fixed items, then the
    review of earlier decisions where it asks for one), then the topics given."""
    notice_contents: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _UNSTATED)
    """What the notice stated, item by item (``time``, ``place``, ``topics``, ``attendees``,
    ``materials``, in that order), each as a tuple of texts; empty until a notice is
    issued, and again once the meeting is postponed (the new notice states them anew)."""

    def __post_init__(self) -> None:
        # read-only like the rest: an app holding the instance cannot change the meeting
        for name in ("roster", "roles", "present", "notice_contents"):
            value = getattr(self, name)
            if type(value) is not MappingProxyType:
                object.__setattr__(self, name, MappingProxyType(dict(value)))
        stated = self.notice_contents
        if len(stated) > 1 and list(stated) != sorted(stated, key=_notice_rank):
            # in the vocabulary's order, as kept live, however a store returned it
            ordered = {key: stated[key] for key in sorted(stated, key=_notice_rank)}
            object.__setattr__(self, "notice_contents", MappingProxyType(ordered))

    def __copy__(self) -> MeetingData:
        return self  # nothing in it can change: a copy is the same meeting

    def __deepcopy__(self, memo: dict[int, Any]) -> MeetingData:
        return self

    def __reduce__(self) -> tuple[type[MeetingData], tuple[Any, ...]]:
        # pickled with plain dicts (a read-only mapping cannot be), read-only again on load
        values = (getattr(self, f.name) for f in fields(self))
        return type(self), tuple(dict(v) if type(v) is MappingProxyType else v for v in values)


def rule_of(instance: Instance, ctx: Context) -> MeetingRule:
    """The charter's rules for this meeting's kind."""
    return ctx.charter.meetings[instance.data.meeting_kind]


# -- roles ---------------------------------------------------------------------------------
class RoleHolders:
    """Who-check for a meeting role: the holders of the first named role or body the
    meeting knows, and the position the charter names for that role, if any."""

    __slots__ = ("anyone", "names")

    def __init__(self, names: tuple[str | None, ...], *, anyone: bool = False) -> None:
        self.names = names
        self.anyone = anyone
        """Where none of the names is held (the charter names no convener and no chair),
        any member body on the roster acts: the library does not invent a holder."""

    @staticmethod
    def _roles(instance: Instance, command: Command) -> Mapping[str, Any]:
        if instance.data is None:  # planning: the roles resolved for the new meeting
            roles: Mapping[str, Any] = command.args.get("roles", {})
            return roles
        held: Mapping[str, Any] = instance.data.roles
        return held

    def __call__(self, instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
        roles = self._roles(instance, command)
        for name in self.names:
            held = self._held(name, roles, ctx)
            if held:
                return held
        if self.anyone:
            roster = instance.data.roster if instance.data is not None else None
            return tuple(roster) if roster else ctx.charter.member_bodies
        return ()

    @staticmethod
    def _held(name: str | None, roles: Mapping[str, Any], ctx: Context) -> tuple[str, ...]:
        """The holders of the role ``name`` resolved for the meeting, or the body itself."""
        if name is None:
            return ()
        if name in roles:
            return tuple(roles[name])
        return (name,) if name in ctx.charter.bodies else ()

    def position(
        self, instance: Instance, command: Command, ctx: Context
    ) -> tuple[str, tuple[str, ...], str] | None:
        """(body, positions, rule path) when the role that applies names its position(s).

        The body is the actor's if it holds the role, else the role's first holder.
        Only a holder acting in person needs a position: a group's seat names its
        own; a delegate (受委托, one body or any member of several) acts without one.
        """
        roles = self._roles(instance, command)
        name = self._applying(roles, ctx)
        kind = self._kind(instance, command, ctx)
        if name is None or kind is None:
            return None
        assignment = ctx.charter.role(name, kind)
        held = tuple(roles[name])
        if assignment is None or not held:
            return None
        body = command.actor.body if command.actor.body in held else held[0]
        if body in assignment.delegates:
            return None
        positions = assignment.positions_for(body)
        if not positions:
            return None
        return body, positions, self._path(name, kind, ctx)

    def rule(self, instance: Instance, command: Command, ctx: Context) -> str | None:
        """The path of the role that applies (a refusal cites it), if a role applies."""
        name = self._applying(self._roles(instance, command), ctx)
        kind = self._kind(instance, command, ctx)
        return self._path(name, kind, ctx) if name is not None and kind is not None else None

    def _applying(self, roles: Mapping[str, Any], ctx: Context) -> str | None:
        """The first name the meeting holds as a role (``None`` if a body comes first)."""
        for name in self.names:
            if name is None:
                continue
            if name in roles:
                return name
            if name in ctx.charter.bodies:
                return None
        return None

    @staticmethod
    def _kind(instance: Instance, command: Command, ctx: Context) -> str | None:
        """The meeting's kind, if the charter has it (planning: as the command names it)."""
        kind = instance.data.meeting_kind if instance.data else command.args.get("meeting_kind")
        return kind if isinstance(kind, str) and kind in ctx.charter.meetings else None

    @staticmethod
    def _path(name: str, kind: str, ctx: Context) -> str:
        own = name in ctx.charter.meetings[kind].roles
        return f"meetings.{kind}.roles.{name}" if own else f"roles.{name}"


class AnyOfHolders(RoleHolders):
    """Who-check for a duty the charter gives to several bodies or roles together (the
    two Party branches that gather the agenda): the holders of each, else of the first
    fallback the meeting knows."""

    __slots__ = ("together",)

    def __init__(
        self, together: tuple[str, ...], fallback: tuple[str | None, ...], *, anyone: bool
    ) -> None:
        super().__init__((together[0], *fallback), anyone=anyone)
        self.together = together

    def __call__(self, instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
        roles = self._roles(instance, command)
        found = [b for name in self.together for b in self._held(name, roles, ctx)]
        return tuple(dict.fromkeys(found)) or super().__call__(instance, command, ctx)


def resolve(names: tuple[str | None, ...], *, anyone: bool = False) -> RoleHolders:
    """Who-check: the holders of the first named role/body the meeting knows."""
    return RoleHolders(names, anyone=anyone)


def members(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
    """The member bodies on the meeting's roster."""
    return tuple(instance.data.roster)


class _Planner(RoleHolders):
    """The convener the charter names (resolved for this meeting), else any member."""

    def __call__(self, instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
        convener = command.args.get("roles", {}).get("convener")
        return tuple(convener) if convener else ctx.charter.member_bodies


planner = _Planner(("convener",))


# -- planning ------------------------------------------------------------------------------
def kind_is(kind: str) -> Guard:
    """The command plans a meeting of ``kind``."""

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        if command.args.get("meeting_kind") == kind:
            return None
        return (
            f"no meeting kind {command.args.get('meeting_kind')!r} in the charter; "
            f"its kinds: {', '.join(ctx.charter.meetings)}"
        )

    return Guard(f"kind {kind}", check, f"meetings.{kind}")


def planning_guard(kind: str, rule: MeetingRule) -> Guard:
    """A regular meeting falls in a cadence window, on a working day, once per window."""
    label = None
    if rule.cadence is not None:
        label = f"in a window ({rule.cadence.describe()}), on a working day"

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        args = command.args
        day: date = args["date"]
        if day < command.on:
            return f"the meeting day {day.isoformat()} is before the day it is planned"
        if args.get("override") or rule.cadence is None:
            return None
        if args.get("window_start") is None:
            return (
                f"{day.isoformat()} is in none of the windows of the {kind} meeting "
                f"({rule.cadence.describe()}); pass override= with a reason to plan it anyway"
            )
        if not ctx.calendar.is_working_day(day):
            return f"{day.isoformat()} is not a working day; pass override= with a reason"
        if rule.cadence.at_least:  # the source sets a minimum, not a maximum
            return None
        # alternatives ("every half month or every month") allow the most either asks for
        allowed = rule.cadence.most if rule.window.months is None else 1
        if args.get("taken", 0) >= allowed:
            return (
                f"the window from {args['window_start'].isoformat()} already has "
                f"{args['taken']} {kind} meeting(s); the charter sets {rule.cadence.describe()}: "
                "cancel the one planned there first, or pass override= with a reason"
            )
        return None

    return Guard("planning", check, f"meetings.{kind}.cadence", label)


def window_holding(calendar: WorkingCalendar, rule: MeetingRule, day: date) -> Window | None:
    """The cadence window of ``rule`` (settled on working days) that holds ``day``, if any
    (``None`` too for a kind with no cadence): where a meeting planned or moved to
    ``day`` counts."""
    if rule.cadence is None:
        return None
    windows = map(calendar.settle, rule.window.windows(day.year, rule.cadence))
    return next((w for w in windows if w.start <= day <= w.end), None)


def postponement_guard(kind: str, rule: MeetingRule) -> Guard:
    """A meeting is postponed to a later day than today and than the day it was set for;
    a regular one stays in its window, on a working day, so it still counts once there
    (planning checked the window).

    A meeting planned under an override, or of a kind with no cadence, may move to any
    later day. To hold a regular meeting in another window, cancel it and plan a new
    one there (with ``override=`` and a reason outside every window).
    """
    label = None
    if rule.cadence is not None:
        label = f"later day, in its window ({rule.cadence.describe()}), on a working day"

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        day = command.args.get("date")
        if type(day) is not date or day <= command.on:
            return refused("a meeting is postponed to a later day than today", day)
        data = instance.data
        if day <= data.day:  # not a postponement: cancel it and plan the earlier one
            return refused(
                "a meeting is postponed to a later day than the one it was set for "
                f"({data.day.isoformat()}); to hold it earlier, cancel it and plan a new one",
                day,
                allowed=f"a day after {data.day.isoformat()}",
            )
        if rule.cadence is None or data.override or data.window_start is None:
            return None
        window = window_holding(ctx.calendar, rule, day)
        if window is None or window.start != data.window_start:
            return (
                f"a postponed {kind} meeting stays in its window (from "
                f"{data.window_start.isoformat()}), where it was planned; to hold it on "
                f"{day.isoformat()}, cancel it and plan a new one (override= with a reason "
                "outside every window)"
            )
        if not ctx.calendar.is_working_day(day):
            return f"{day.isoformat()} is not a working day; postpone the meeting to a working day"
        return None

    return Guard("postponement", check, f"meetings.{kind}.cadence", label)


# -- leads and the day ---------------------------------------------------------------------
def _lead(rule: MeetingRule, part: str) -> Period | None:
    """The period the notice (or agenda) of ``rule`` goes out before the meeting, if the
    charter counts one."""
    section = getattr(rule, part)
    lead = section.lead if section is not None else None
    return lead.period if lead is not None else None


def _last_day_for(ctx: Context, period: Period, day: date) -> date:
    """The last day the notice (or agenda) of a meeting on ``day`` may go out."""
    return ctx.calendar.latest_before(day, period).due


def lead_guard(kind: str, part: str, rule: MeetingRule) -> Guard:
    """The notice (or agenda) goes out at least its lead before the meeting."""
    period = _lead(rule, part)
    label = f"{part} {period} before" if period else None

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        day: date = instance.data.day
        if command.on > day:
            return f"the {part} comes after the meeting day {day.isoformat()}"
        if period is None:
            return None
        latest = _last_day_for(ctx, period, day)
        if command.on > latest:
            return (
                f"the {part} must go out {period} before the meeting on "
                f"{day.isoformat()}: {latest.isoformat()} at the latest"
            )
        return None

    return Guard(f"{part}_lead", check, f"meetings.{kind}.{part}.lead", label)


def lead_left_guards(kind: str, rule: MeetingRule, command_name: str) -> tuple[Guard, ...]:
    """Planning (or postponing) a meeting leaves its notice and agenda their leads: the
    last day each may go out has not passed on the day of the command, or the meeting,
    never noticed in time, could not be held (:func:`lead_guard` would refuse the notice).
    An override of the cadence does not lift a lead. Only where the charter counts one."""

    done = {"plan": "planned", "postpone": "postponed"}[command_name]

    def guard(part: str, period: Period) -> Guard:
        def check(instance: Instance, command: Command, ctx: Context) -> str | None:
            day = command.args.get("date")
            if type(day) is not date or day < command.on:
                return None  # not a day to count from: the cadence guards refuse it
            latest = _last_day_for(ctx, period, day)
            if command.on <= latest:
                return None
            return refused(
                f"the {part} of a meeting on {day.isoformat()} must go out {period} before "
                f"it, by {latest.isoformat()}, which has passed on {command.on.isoformat()} "
                f"(the day it is {done}), so the meeting could not be held; {command_name} it "
                "for a later day",
                day.isoformat(),
                allowed=f"a meeting day that leaves the {part} its lead of {period} from "
                f"{command.on.isoformat()}",
            )

        return Guard(f"{part} lead left", check, f"meetings.{kind}.{part}.lead",
                     f"leaves the {part} lead ({period})")  # fmt: skip

    return tuple(
        guard(part, period)
        for part in ("notice", "agenda")
        if (period := _lead(rule, part)) is not None
    )


def notice_sign_off_guard(kind: str, rule: MeetingRule) -> Guard:
    """The notice goes out only with the approval the charter requires (``approvals``:
    members of each approving body who agreed); without such a rule, no approvals."""
    sign_off = rule.notice.sign_off if rule.notice else None
    label = sign_off.describe() if sign_off else None

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        approvals = command.args.get("approvals", {})
        if not isinstance(approvals, Mapping):
            return "approvals must map each approving body to its members who agreed"
        if sign_off is None:
            if approvals:
                return "the charter sets no approval for this notice: give no approvals"
            return None
        roster = instance.data.roster
        for body, count in approvals.items():
            if body not in sign_off.bodies:
                return (
                    f"{body!r} does not approve the notice; allowed: {', '.join(sign_off.bodies)}"
                )
            seats = roster.get(body, 0)
            if type(count) is not int or not 0 <= count <= seats:
                return f"{body}: {count!r} approvals; allowed 0 to {seats}"
        return sign_off.missing(approvals, roster)

    return Guard("notice_sign_off", check, f"meetings.{kind}.notice.sign_off", label)


def notice_content_guard(kind: str, rule: MeetingRule) -> Guard:
    """The notice states every item the charter lists (``notice.content``), in
    ``contents``; where it lists none, nothing is required (contents given are kept)."""
    listed = tuple(item.value for item in rule.notice.content) if rule.notice else ()
    label = f"states {', '.join(listed)}" if listed else None

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        contents = command.args.get("contents", {})
        given = set(contents) if isinstance(contents, Mapping) else set()
        missing = [item for item in listed if item not in given]
        if not missing:
            return None
        return refused(
            f"the notice must state {', '.join(listed)}: {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} missing from contents",
            sorted(given, key=_notice_rank),
            allowed=f"contents stating at least {', '.join(listed)}",
        )

    return Guard("notice_content", check, f"meetings.{kind}.notice.content", label)


#: The notice's items in the charter language's order (how they are kept and shown).
_NOTICE_ORDER = {item.value: index for index, item in enumerate(NoticeItem)}


def _notice_rank(item: str) -> int:
    return _NOTICE_ORDER.get(item, len(_NOTICE_ORDER))


def issue_notice(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    """Effect of ``issue_notice``: the day, and what the notice states, item by item in
    the vocabulary's order, each as a tuple of texts (one text becomes a tuple of one)."""
    given = command.args.get("contents", {})
    contents = {
        key: (value,) if isinstance(value, str) else tuple(value)
        for key, value in sorted(given.items(), key=lambda pair: _notice_rank(pair[0]))
    }
    return {"noticed_on": command.on, "notice_contents": contents}


def notice_args(notice: Notice, data: MeetingData) -> dict[str, Any]:
    """Arguments of an ``issue_notice`` that meets ``notice``, made from the meeting
    alone (no choice or random draw: the simulation and the invariant kit's runs): the
    items it must state (its day, a room, its kind's business, the bodies on its roster,
    papers on the topics) and, where it needs an approval, every member of each
    approving body agreeing."""
    stated: dict[str, str | list[str]] = {
        NoticeItem.TIME.value: data.day.isoformat(),
        NoticeItem.PLACE.value: "the meeting room",
        NoticeItem.TOPICS.value: [f"the business of the {data.meeting_kind} meeting"],
        NoticeItem.ATTENDEES.value: list(data.roster) or ["the members"],
        NoticeItem.MATERIALS.value: ["papers on the topics"],
    }
    args: dict[str, Any] = {}
    if notice.content:
        args["contents"] = {item.value: stated[item.value] for item in notice.content}
    if notice.sign_off is not None:
        args["approvals"] = {b: data.roster.get(b, 0) for b in notice.sign_off.bodies}
    return args


def stated_text(stated: Mapping[str, Any]) -> str:
    """What a notice stated, on one line in the vocabulary's order (``explain``), each
    text escaped as :func:`~governance_rules._text.one_line` does.

    >>> stated_text({"topics": ["lift", "gate"], "time": ["14:00"]})
    'time: 14:00; topics: lift, gate'
    """
    return "; ".join(
        f"{one_line(str(item))}: {', '.join(one_line(str(t)) for t in stated[item])}"
        for item in sorted(stated, key=_notice_rank)
    )


def notice_signed_guard(kind: str, rule: MeetingRule) -> Guard:
    """Where the charter has the notice signed (``notice.signed_by``), it goes out only
    once signed (``sign_notice``)."""
    signer = rule.notice.signed_by if rule.notice else None

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        if signer is None or instance.data.notice_signed_on is not None:
            return None
        return f"the notice goes out signed by the {signer}: it has not signed it ('sign_notice')"

    return Guard("notice signed", check, f"meetings.{kind}.notice.signed_by", signer and
                 f"signed by the {signer}")  # fmt: skip


def not_signed_yet(instance: Instance, command: Command, ctx: Context) -> str | None:
    """A notice is signed once (a postponement's new notice is signed again)."""
    signed = instance.data.notice_signed_on
    return None if signed is None else f"the notice was signed on {signed.isoformat()}"


def on_the_day(instance: Instance, command: Command, ctx: Context) -> str | None:
    """The meeting is held on its day."""
    if command.on != instance.data.day:
        return f"the meeting is set for {instance.data.day.isoformat()}, not {command.on}"
    return None


def quorum_guard(kind: str, rule: MeetingRule) -> Guard:
    """Members present: known bodies, whole numbers within the seats, and the quorum."""
    quorum = rule.quorum
    label = f"quorum {quorum.present.describe()}" if quorum else None

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        present = command.args.get("present", {})
        roster = instance.data.roster
        if not isinstance(present, Mapping):
            return "present must map each body to the number of its members present"
        for body, count in present.items():
            # the seats are the meeting's roster (given when it was planned, else the
            # charter's): the rule to cite is the member body's, never a quorum the
            # charter may not have
            named = f"bodies.{body}" if body in ctx.charter.bodies else None
            if body not in roster:
                return refused(
                    "not a body on the meeting's roster", body,
                    allowed=", ".join(roster), rule=named,
                )  # fmt: skip
            if type(count) is not int or not 0 <= count <= roster[body]:
                return refused(
                    f"{body}: members present must be a whole number within its "
                    f"{roster[body]} seat(s) on the meeting's roster (seats are set when "
                    "the meeting is planned, plan_meeting(roster=...))",
                    count,
                    allowed=f"0 to {roster[body]}",
                    rule=named,
                )
        if quorum is None:
            return None
        groups = [[b] for b in roster] if quorum.per_body else [list(roster)]
        for group in groups:
            here = sum(present.get(b, 0) for b in group)
            seats = sum(roster[b] for b in group)
            if not quorum.present.met(here, seats):
                return (
                    f"no quorum: {here} of {seats} present, the charter needs "
                    f"{quorum.present.describe()}"
                )
        return None

    return Guard(
        "quorum", check, f"meetings.{kind}.quorum" if quorum else f"meetings.{kind}", label
    )


# -- decisions -----------------------------------------------------------------------------
def ballot(instance: Instance, command: Command) -> Ballot:
    """The ballot of a decision: the members present at ``hold`` are its base.

    A member present who casts no vote counts as present and not voting (abstaining);
    members not present are absent.

    Raises:
        BallotError: A vote from a body not present, more votes than members present.
    """
    present: dict[str, int] = instance.data.present
    seats = {b: n for b, n in instance.data.roster.items() if n > 0}
    raw = command.args.get("votes", [])
    if not isinstance(raw, list | tuple):
        raise BallotError("votes must be a list of {voter, body, choice}", where="votes")
    votes: list[Vote] = []
    cast: dict[str, int] = {}
    for index, vote in enumerate(raw):
        if not isinstance(vote, Mapping) or not {"body", "choice"} <= set(vote):
            raise BallotError("each vote needs a body and a choice", where=f"votes[{index}]")
        body = vote["body"]
        if present.get(body, 0) <= cast.get(body, 0):
            raise BallotError(
                "more votes than members present",
                where=f"votes[{index}].body",
                got=body,
                allowed=", ".join(f"{b}: {n}" for b, n in present.items() if n),
            )
        cast[body] = cast.get(body, 0) + 1
        choice = Choice.parse(str(vote["choice"]), where=f"votes[{index}].choice")
        votes.append(Vote(str(vote.get("voter", f"{body}#{index}")), body, choice))
    for body, count in present.items():
        for slot in range(count - cast.get(body, 0)):
            votes.append(Vote(f"{body}#present-{slot}", body, Choice.ABSTAIN))
    method = VotingMethod(command.args.get("method", "show_of_hands"))
    if method is VotingMethod.SECRET_BALLOT:
        choices: dict[str, list[Choice]] = {}
        for v in votes:
            choices.setdefault(v.body, []).append(v.choice)
        return Ballot.secret(seats, choices)
    return Ballot.open(seats, votes, method)


def _ballot_for(spec: DecisionSpec, instance: Instance, command: Command) -> AnyBallot:
    """Members' votes, or for a joint approval each body's own answer (``approvals``).

    Raises:
        BallotError: Approvals for a rule that counts votes, votes for a joint approval,
            or an answer from a body the rule does not name.
    """
    approvals = command.args.get("approvals", {})
    if spec.kind != "joint_approval":
        if approvals:
            raise BallotError(
                "approvals belong to a joint approval; this rule counts votes",
                where="approvals",
                got=spec.kind,
                allowed="votes",
            )
        return ballot(instance, command)
    if command.args.get("votes"):
        raise BallotError(
            "a joint approval takes each body's answer, not members' votes",
            where="votes",
            allowed="approvals: {body: yes or no} for " + ", ".join(spec.bodies),
        )
    if not isinstance(approvals, Mapping):
        raise BallotError("approvals must map each body to yes or no", where="approvals")
    return BodyApprovals.of(spec.bodies, approvals)


def left_open(spec: DecisionSpec | None) -> bool:
    """The source sets no decision rule, or a threshold without saying of what base:
    the library decides nothing there, the meeting declares its outcome."""
    if spec is None or spec.kind == "unspecified":
        return True
    return spec.kind in ("supermajority", "veto") and spec.threshold is not None and not spec.base


def outcome_of(instance: Instance, command: Command, ctx: Context) -> DecisionRecord:
    """Apply the charter's rule to the ballot, or take the outcome the meeting declares.

    The decision guard, the action-item guard and the effect of one ``record_decision``
    all ask; the ballot is counted once (the last answer is kept for the same command,
    meeting and version).

    Raises:
        DecisionError: The ballot is invalid (see :func:`ballot`).
    """
    global _last_outcome  # noqa: PLW0603 - a one-entry memo, checked by identity
    last = _last_outcome
    if (
        last is not None
        and last[0] is command
        and last[1] is instance
        and last[2] == instance.version
        and last[3] is ctx
    ):
        return last[4]
    record = _count(instance, command, ctx)
    _last_outcome = (command, instance, instance.version, ctx, record)
    return record


#: The last :func:`outcome_of` answer: (command, meeting, its version, context, record).
_last_outcome: tuple[Command, Instance, int, Context, DecisionRecord] | None = None


def _count(instance: Instance, command: Command, ctx: Context) -> DecisionRecord:
    spec = rule_of(instance, ctx).decision
    matter = str(command.args.get("matter", ""))
    if spec is None or left_open(spec):
        declared = command.args.get("outcome")
        return DecisionRecord(
            matter,
            str(declared),
            "unspecified",
            ("the charter sets no decision rule; the meeting declared the outcome",),
            declared=True,
        )
    result = decide(spec, _ballot_for(spec, instance, command))
    return DecisionRecord(
        matter, "passed" if result.passed else "failed", spec.kind, tuple(map(str, result.reasons))
    )


def decision_guard(kind: str, rule: MeetingRule) -> Guard:
    """The ballot can be counted, or (no rule in the charter) the outcome is declared."""
    spec = rule.decision
    open_rule = left_open(spec)
    if open_rule:
        label = "no rule in the charter: outcome declared"
    else:
        assert spec is not None
        threshold = f" {spec.threshold.describe()}" if spec.threshold else ""
        base = f" of {spec.base.replace('_', ' ')}" if spec.base else ""
        each = ""
        if spec.counted is Counting.EACH_BODY:
            each = " in each of " + ", ".join(spec.bodies)
        label = f"{spec.kind.replace('_', ' ')}{threshold}{base}{each}"

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        method = command.args.get("method", VotingMethod.SHOW_OF_HANDS.value)
        if spec is not None and spec.methods and method not in {m.value for m in spec.methods}:
            return (
                f"the charter's voting methods are {', '.join(m.value for m in spec.methods)} "
                f"(got method {method!r})"
            )
        if open_rule:
            if command.args.get("outcome") not in ("passed", "failed"):
                return (
                    "the charter sets no decision rule: give the outcome the meeting "
                    "declared, outcome='passed' or 'failed'"
                )
            return None
        if "outcome" in command.args:  # counted under the charter's rule, never declared
            return refused(
                f"the charter decides by {label}: the outcome is counted from the ballot, "
                "not declared",
                command.args["outcome"],
                allowed="votes (or, for a joint approval, approvals) without outcome",
            )
        try:
            outcome_of(instance, command, ctx)
        except (DecisionError, ValueError) as exc:
            return f"the ballot cannot be counted: {exc}"
        return None

    return Guard("decision_rule", check, f"meetings.{kind}.decision", label)


def action_item_guard(kind: str, rule: MeetingRule) -> Guard:
    """An action item has what the charter requires (and its due date is after the meeting)."""
    items = rule.action_items
    needs = [
        n
        for n, on in (
            ("owner", items and items.owner_required),
            ("due date", items and items.due_date_required),
        )
        if on
    ]
    timed = items is not None and items.deadline is not None and not items.deadline.is_open
    label = "; ".join([
        *([f"action item needs {' and '.join(needs)}"] if needs else []),
        *([f"action item due within {items.deadline} of the meeting"] if timed and items else []),
    ]) or None  # fmt: skip

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        owner = command.args.get("owner")
        due = command.args.get("due")
        after = f"a date after the meeting day, {instance.data.day.isoformat()}"
        bodies = f"owner= one of the charter's bodies: {', '.join(ctx.charter.bodies)}"
        if owner is not None and owner not in ctx.charter.bodies:
            return refused("the owner is not a body of the charter", owner, allowed=bodies)
        if due is not None and (type(due) is not date or due <= instance.data.day):
            return refused("the due date must be a date after the meeting day", due, allowed=after)
        if items is None or not _passes(instance, command, ctx):
            return None  # a failed decision is minuted with no action item
        if items.owner_required and not owner:
            return refused(
                "the charter requires an owner body for each decision's action item",
                command.trigger,
                allowed=bodies,
            )
        if items.due_date_required and not due:
            return refused(
                "the charter requires a due date for each decision's action item",
                command.trigger,
                allowed=f"due= {after}",
            )
        if due is not None and items.deadline is not None:
            try:
                limit = action_deadline(instance, ctx)
            except DateOutOfRangeError as exc:
                return refused(f"the charter's time for action items cannot be counted "
                               f"from the meeting day ({exc.what})", due)  # fmt: skip
            if limit is not None and due > limit:
                return refused(
                    f"the charter gives a decision's action item {items.deadline} from the "
                    f"meeting: due by {limit.isoformat()}",
                    due.isoformat(),
                    allowed=f"a date after {instance.data.day.isoformat()} and on or "
                    f"before {limit.isoformat()}, or no due date (then {limit.isoformat()})",
                )
        return None

    return Guard("action_item", check, f"meetings.{kind}.action_items", label)


def set_agenda(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    """Effect of ``set_agenda``: the agenda, with the standing parts the charter gives
    it always first (``agenda.fixed_items``; the review of earlier decisions, with the
    open action items listed when the meeting was planned, where
    ``agenda.reviews_previous_decisions``), then the topics given."""
    rule = rule_of(instance, ctx).agenda
    standing: tuple[str, ...] = tuple(rule.fixed_items) if rule is not None else ()
    if rule is not None and rule.reviews_previous_decisions:
        open_items = "; ".join(instance.data.review) or "no action item open"
        standing += (f"earlier decisions to review: {open_items}",)
    topics = tuple(command.args.get("items", ()))
    return {"agenda_on": command.on, "agenda": (*standing, *topics)}


def action_deadline(instance: Instance, ctx: Context) -> date | None:
    """The last day the charter's ``action_items.deadline`` gives a decision's action
    item, counted from the day the meeting was held (``None`` if it gives no number).

    It is the item's due date when the decision names none, and the latest one it may
    name.

    Raises:
        DateOutOfRangeError: The day falls outside the calendar.
    """
    items = rule_of(instance, ctx).action_items
    if items is None or items.deadline is None:
        return None
    data = instance.data
    return due_after(ctx, data.held_on or data.day, items.deadline)


def _passes(instance: Instance, command: Command, ctx: Context) -> bool:
    """The decision passes: as declared where the charter sets no rule, else by its rule."""
    try:
        return outcome_of(instance, command, ctx).outcome == "passed"
    except (DecisionError, ValueError):  # an invalid ballot: the decision guard refuses it
        return True


def record_decision(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    """Minute the decision (passed or failed); a passed one may become an action item."""
    record = outcome_of(instance, command, ctx)
    changes: dict[str, Any] = {"decisions": (*instance.data.decisions, record)}
    if record.outcome == "passed" and rule_of(instance, ctx).action_items is not None:
        due = command.args.get("due") or action_deadline(instance, ctx)
        item = ActionItem(record.matter, command.args.get("owner"), due)
        changes["actions"] = (*instance.data.actions, item)
    return changes


# -- minutes -------------------------------------------------------------------------------
def signature(command: Command) -> Signature:
    """The signature ``command`` adds."""
    slot = command.args.get("slot", 0)
    return Signature(
        command.actor.id or command.actor.body,
        command.actor.body,
        slot if type(slot) is int else -1,
        command.on,
    )


def _sign_off_missing(instance: Instance, command: Command, ctx: Context) -> str | None:
    minutes = rule_of(instance, ctx).minutes
    sign_off = minutes.sign_off if minutes else None
    signatures = (*instance.data.signatures, signature(command))
    if sign_off is None or sign_off.kind in (SignOffKind.UNSPECIFIED, SignOffKind.CONFIRMATION):
        return None
    if sign_off.kind is SignOffKind.CONVENER:
        if command.actor.body in instance.data.roles.get("convener", ()):
            return None
        return "the convener signs the minutes"
    if sign_off.kind is SignOffKind.APPROVAL:
        approving = {(s.body, s.id) for s in signatures if s.body in sign_off.bodies}
        per_body = {b: sum(1 for body, _ in approving if body == b) for b in sign_off.bodies}
        return sign_off.missing(per_body, instance.data.roster)
    attendees = {(b, i) for b, n in instance.data.present.items() for i in range(n)}
    signed = {(s.body, s.slot) for s in signatures}
    if attendees <= signed:
        return None
    return f"{len(attendees - signed)} attending member(s) have not signed yet"


def _attendee_problem(instance: Instance, body: str, slot: int) -> str | None:
    """Only a member who attended signs (``slot`` counts the body's members present), once.

    A meeting recorded with no one present has no attendee to wait for: as before, any
    member's signature completes its sign-off.
    """
    present = instance.data.present
    here = present.get(body, 0)
    if not any(present.values()):
        return None
    if slot >= here:
        seats = {0: "none may sign", 1: "slot 0"}.get(here, f"slots 0 to {here - 1}")
        return (
            f"the attending members sign the minutes: {body} had {here} member(s) present "
            f"({seats}), not slot {slot}"
        )
    if any(s.body == body and s.slot == slot for s in instance.data.signatures):
        return f"{body}'s attending member {slot} has already signed"
    return None


def sign_off_guards(kind: str, rule: MeetingRule) -> tuple[Guard, Guard]:
    """(this signature completes the sign-off, this signature is one more towards it)."""
    sign_off = rule.minutes.sign_off if rule.minutes else None
    label = sign_off.describe() if sign_off else None
    path = f"meetings.{kind}.minutes.sign_off"

    def valid(instance: Instance, command: Command) -> str | None:
        slot = command.args.get("slot", 0)
        if type(slot) is not int or slot < 0:
            return refused("slot must be a whole number of 0 or more", slot)
        if signature(command).id in {s.id for s in instance.data.signatures}:
            return "this member has already signed"
        if sign_off is not None and sign_off.bodies and command.actor.body not in sign_off.bodies:
            return f"only members of {', '.join(sign_off.bodies)} approve the minutes"
        if sign_off is not None and sign_off.kind is SignOffKind.EACH_ATTENDEE:
            return _attendee_problem(instance, command.actor.body, slot)
        return None

    def completes(instance: Instance, command: Command, ctx: Context) -> str | None:
        return valid(instance, command) or _sign_off_missing(instance, command, ctx)

    def collecting(instance: Instance, command: Command, ctx: Context) -> str | None:
        problem = valid(instance, command)
        if problem:
            return problem
        if sign_off is not None and sign_off.kind is SignOffKind.CONVENER:
            return "the convener signs the minutes"
        if _sign_off_missing(instance, command, ctx) is None:
            return "this signature completes the sign-off"
        return None

    return (
        Guard("signed_off", completes, path, label),
        Guard("collecting", collecting, path, "collecting signatures"),
    )


def sign(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    """Add the signature."""
    return {"signatures": (*instance.data.signatures, signature(command))}


# -- the procedure in session ------------------------------------------------------------------
def procedure_step(instance: Instance) -> str | None:
    """The procedure step a meeting in session is at (``None`` outside a procedure)."""
    parts = instance.state.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "held" else None


def _where(rule: MeetingRule, key: str) -> str:
    keys = rule.step_keys
    label = rule.procedure[keys.index(key)].label.get("en")
    named = f": {label}" if label != key.replace("_", " ") else ""
    return f"{key!r} ({keys.index(key) + 1} of {len(keys)}{named})"


def next_step_guard(kind: str, rule: MeetingRule, index: int) -> Guard:
    """``next_step`` moves to step ``index``; a step named must be that one (no skipping)."""
    key = rule.procedure[index].key

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        named = command.args.get("step")
        if named is None or named == key:
            return None
        keys = rule.step_keys
        if named not in keys:
            return f"the procedure has no step {named!r}; its steps: {', '.join(keys)}"
        return (
            f"the next step is {_where(rule, key)}, not {named!r}: steps are taken in order "
            "and none is skipped"
        )

    return Guard("in order", check, f"meetings.{kind}.procedure[{index}]", "in order")


def vote_step_guard(kind: str, rule: MeetingRule) -> Guard:
    """Decisions are recorded at the procedure's vote step only."""
    vote = rule.vote_step
    assert vote is not None  # only compiled for a procedure with a vote step
    index = rule.step_keys.index(vote)

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        at = procedure_step(instance)
        if at == vote or at is None:
            return None
        return (
            f"the meeting is at step {_where(rule, at)}; decisions are recorded at step "
            f"{_where(rule, vote)}: take the steps before it with next_step"
        )

    return Guard("at the vote step", check, f"meetings.{kind}.procedure[{index}]",
                 f"at step {vote}")  # fmt: skip


def procedure_done_guard(kind: str, rule: MeetingRule) -> Guard:
    """The meeting leaves session only from the procedure's last step."""
    last = rule.procedure[-1].key

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        at = procedure_step(instance)
        if at is None or at == last:
            return None
        keys = rule.step_keys
        expected = keys[keys.index(at) + 1]
        return (
            f"the meeting is at step {_where(rule, at)}; the procedure ends with "
            f"{_where(rule, last)}: next_step to {expected!r} first"
        )

    index = len(rule.procedure) - 1
    return Guard("procedure done", check, f"meetings.{kind}.procedure[{index}]",
                 f"after step {last}")  # fmt: skip


def no_open_items(kind: str) -> Guard:
    """A meeting closes once its action items are done (they are never dropped)."""

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        open_items = [n for n, a in enumerate(instance.data.actions) if a.done_on is None]
        if open_items:
            return (
                f"action item(s) {', '.join(map(str, open_items))} are still open; complete "
                "them first (their deadlines stay tracked until then)"
            )
        return None

    return Guard("no_open_items", check, f"meetings.{kind}.action_items", "no open items")


def known_item(instance: Instance, command: Command, ctx: Context) -> str | None:
    """The command names an open action item of this meeting."""
    items = instance.data.actions
    index = command.args.get("item")
    if type(index) is not int or not 0 <= index < len(items) or items[index].done_on:
        return f"no open action item {index!r}"
    return None


def item_update(**changes: Any) -> Any:
    """Effect: change the named action item (``"on"`` means the command's day)."""

    def effect(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
        items = list(instance.data.actions)
        index = command.args["item"]
        values = {k: (command.on if v == "on" else v) for k, v in changes.items()}
        items[index] = ActionItem(**{**_fields(items[index]), **values})
        return {"actions": tuple(items)}

    return effect


def _fields(item: ActionItem) -> dict[str, Any]:
    return {n: getattr(item, n) for n in ActionItem.__slots__}
