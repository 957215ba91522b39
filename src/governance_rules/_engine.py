"""The Engine: the one object an app holds — charter + calendar + event store.

Commands (``report_issue``, ``plan_meeting``, ``elect``, ``open_appraisal``,
``command``) are checked against the machines compiled from the charter; an
accepted command is appended to the event log as one event and only then
applied, so a refused command — or a failed write — changes nothing.
``advance_to`` fires every deadline that has passed, in date order, from an index
of pending deadlines (its cost grows with what is due, not with what is open);
queries read the live state, which always equals a replay of the log.

>>> from datetime import date
>>> from governance_rules._engine import Engine
>>> from governance_rules._workflows import Actor
>>> engine = Engine("yangxin-2022")
>>> issue = engine.report_issue(Actor("residents", id="resident-17"), date(2026, 3, 2),
...                             summary="the lift is broken")
>>> rc = Actor("residents_committee", "environment_and_property_member")
>>> issue = engine.command(issue.id, "triage", rc, date(2026, 3, 2), category="routine")
>>> issue.state, issue.data.level
('handling.routine.L0_residents_committee.open', 0)
"""

from __future__ import annotations

import functools
import heapq
import logging
import random
import sys
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from operator import attrgetter
from time import sleep
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter import Charter, as_charter
from governance_rules._charter.rotation import RotationChoice, holders, rotation_order
from governance_rules._store.events import MAX_ACTOR, SHANGHAI, Event, NewEvent, valid_unicode
from governance_rules._store.memory import MemoryStore
from governance_rules._text import one_line
from governance_rules._workflows import (
    KINDS,
    SYSTEM,
    Actor,
    Command,
    Context,
    Instance,
    Timer,
    Workflow,
    compile_workflow,
    moved,
)
from governance_rules._workflows.core import _set  # moves an Instance (read-only to apps)
from governance_rules._workflows.meeting_rules import stated_text, window_holding
from governance_rules._workflows.state import decode_changes, decode_day, encode
from governance_rules._workflows.stored import DATA_TYPES, event_problem, instance_problem
from governance_rules.errors import (
    CalendarError,
    CommandRefused,
    ConcurrencyError,
    DateOutOfRangeError,
    GovernanceRulesError,
    InvalidArgument,
    PermissionDenied,
    StoreError,
)

if TYPE_CHECKING:  # the data types an app's type checker sees on what each starter returns
    from os import PathLike

    from governance_rules._store.sql import EventStore
    from governance_rules._workflows.appraisal import AppraisalData
    from governance_rules._workflows.issues import IssueData
    from governance_rules._workflows.meeting_rules import MeetingData
    from governance_rules._workflows.terms import TermData

__all__ = ["Engine", "Fired", "Store"]

logger = logging.getLogger(__name__)


class Store(Protocol):
    """What the engine needs of an event log (``EventStore`` and ``MemoryStore`` have it)."""

    def append(
        self, stream_id: str, expected_version: int, events: list[NewEvent]
    ) -> list[Event]: ...

    def read(self, stream_id: str, after: int = 0) -> list[Event]: ...

    def streams(self, prefix: str = "") -> list[str]: ...

    def version(self, stream_id: str) -> int: ...


#: How often a new item's id is retried when another writer took it first.
_ID_RETRIES = 50

#: Entries the deadline heap may hold beyond twice the pending deadlines before it
#: is rebuilt without those of versions since moved on.
_HEAP_SLACK = 4096

_JITTER = random.Random()


@dataclass(frozen=True)
class Fired:
    """A deadline that ``advance_to`` fired, with what it did."""

    stream_id: str
    timer: Timer
    event: Event


_NOTHING: Mapping[str, Any] = MappingProxyType({})


#: The characters an actor's body, position and id may have together (each event keeps
#: them as one text, ``body/position/id``, of at most :data:`MAX_ACTOR`).
_ROOM = MAX_ACTOR - 2


def _actor_text(actor: Actor) -> str:
    return f"{actor.body}/{actor.position or ''}/{actor.id}"


@functools.lru_cache(maxsize=4096)
def _actor_text_kept(actor: Actor) -> str:
    """:func:`_actor_text`, one string per actor (every event keeps it)."""
    return _actor_text(actor)


def _actor_from(text: str) -> Actor:
    body, position, ident = [*text.split("/", 2), "", ""][:3]
    return Actor(body, position or None, ident)


def _roster(charter: Charter, roster: Mapping[str, int] | None) -> dict[str, int]:
    """The seats of each member body at a meeting: given, or the charter's (1 if open).

    Raises:
        CommandRefused: A body that is not a member, or seats that are not a whole
            number of 1 or more (nor more than the charter's seats for that body).
    """
    if roster is None:
        return {b: charter.bodies[b].seats or 1 for b in charter.member_bodies}
    if not isinstance(roster, Mapping) or not roster:
        raise CommandRefused("the roster maps member bodies to their seats", where="roster",
                             got=roster, allowed=", ".join(charter.member_bodies))  # fmt: skip
    for body, seats in roster.items():
        if body not in charter.member_bodies:
            raise CommandRefused("not a member body of the charter", where="roster",
                                 got=body, allowed=", ".join(charter.member_bodies))  # fmt: skip
        fixed = charter.bodies[body].seats
        if type(seats) is not int or seats < 1 or (fixed is not None and seats > fixed):
            limit = f"1 to {fixed}" if fixed else "a whole number of 1 or more"
            raise CommandRefused("seats out of range", where=f"roster.{body}", got=seats,
                                 allowed=limit)  # fmt: skip
    return dict(roster)


def _check_query_day(value: object, argument: str) -> None:
    """A query's day is a date (any; not a datetime, which cannot be compared with one)."""
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidArgument(f"{argument!r}: not a datetime.date", argument=argument,
                              where=argument, got=value, allowed="a datetime.date")  # fmt: skip


def _firing(timer: Timer, instance: Instance) -> Command:
    """The system's command that fires ``timer``: the day after its last day, never
    before the stream's last event (as :meth:`Engine.advance_to` fires it)."""
    on = date.fromordinal(timer.due.toordinal() + 1)
    return Command(timer.trigger, SYSTEM, max(on, instance.last_on or on), dict(timer.args))


def _after_passed(exc: CommandRefused, passed: int, on: date) -> CommandRefused:
    """``exc``, saying it is refused once the ``passed`` deadlines that passed before
    ``on`` have fired (so that nothing, not even they, was written)."""
    if type(exc) is not CommandRefused and type(exc) is not PermissionDenied:
        return exc
    day = on.isoformat()
    return type(exc)(
        f"{exc.what}; this is after the {passed} deadline{'s' if passed > 1 else ''} that "
        f"passed before {day} {'have' if passed > 1 else 'has'} fired (nothing was written; "
        f"advance_to({day}) records {'them' if passed > 1 else 'it'})",
        where=exc.where,
        got=exc.got,
        allowed=exc.allowed,
        rule=exc.rule,
        citation=exc.citation,
    )


def _effective_days(charter: Charter) -> list[str]:
    """The effective days of ``charter``'s amendments, in order (ISO text, as stored)."""
    return sorted(a.effective.isoformat() for a in charter.amendments)


def _recorded_days(recorded: object) -> list[str] | None:
    """The amendments' effective days a charter reference records: ISO days separated
    by commas (empty: none), or a list of them as written before; ``None`` if it records
    none at all (a store written before they were recorded)."""
    if isinstance(recorded, str):
        return [day for day in recorded.split(",") if day]
    if isinstance(recorded, list | tuple):
        return [str(day) for day in recorded]
    return None


def _lacking(recorded: object, charter: Charter) -> str | None:
    """The effective day of an amendment a stream records that ``charter`` lacks, or
    ``None`` (each day counted: two amendments on one day are two)."""
    days = _recorded_days(recorded)
    if days is None:
        return None
    have = Counter(_effective_days(charter))
    for day, count in sorted(Counter(days).items()):
        if count > have[day]:
            return day
    return None


def _retroactive(recorded: object, rules_day: date, charter: Charter) -> str | None:
    """The effective day of an amendment of ``charter`` in force by ``rules_day`` (the day
    whose rules a stream follows) that the stream was not written under, or ``None``:
    one added to the charter, back-dated, after the stream recorded its charter."""
    days = _recorded_days(recorded)
    if days is None:
        return None  # not recorded: nothing to compare with
    had = Counter(days)
    for day, count in sorted(Counter(_effective_days(charter)).items()):
        if day <= rules_day.isoformat() and count > had[day]:
            return day
    return None


def _rules_day(events: list[Event]) -> date | None:
    """The day whose rules a stream follows after ``events`` (its first event's, or the
    last migration's or renewal's), or ``None`` where a payload does not say (the fold
    reports such a stream)."""
    day = None
    for index, event in enumerate(events):
        payload = event.payload
        if index == 0:
            raw = payload.get("as_of") or payload.get("on")
        else:
            changes = payload.get("changes")
            raw = changes.get("as_of") if isinstance(changes, Mapping) else None
        if raw is not None:
            try:
                day = decode_day(raw)
            except (TypeError, ValueError):
                return None
            if type(day) is not date:
                return None
    return day


def _read_again(exc: ConcurrencyError) -> ConcurrencyError:
    """``exc`` (another writer moved a stream on), said of an engine that has read the
    stream again: the caller retries the command, not a reload of its own."""
    return ConcurrencyError(
        "another writer moved the item on first; nothing was written, and this engine has "
        "read the item again",
        where=exc.where,
        got=exc.got,
        allowed="the command again, checked against the item as it now stands",
    )


def _about(line: str, stream_id: str) -> bool:
    """Whether ``line`` of :attr:`Engine.problems` is about ``stream_id``."""
    return line.startswith((f"{stream_id}:", f"{stream_id} (version "))


def _number(stream_id: str) -> int:
    tail = stream_id.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


class Engine:
    """Runs a charter's workflows over an event log.

    Args:
        charter: A :class:`Charter` or a charter id / file path.
        calendar: The working-day calendar (default: the national calendar).
        store: The event log (default: in memory; pass an ``EventStore`` to persist).
            Existing streams are replayed when the engine starts.
        edited_rules: What to do with a stream recorded under rules since edited in
            place (the same charter, no amendment, a rule's value changed): ``"refuse"``
            the store (the default: replaying would rewrite its history), or
            ``"follow"`` the rules as they now read, listing the stream in
            :attr:`edited`. Citations, notes and labels may be edited freely.
    """

    def __init__(
        self,
        charter: Charter | str | PathLike[str],
        *,
        calendar: WorkingCalendar | None = None,
        store: Store | None = None,
        edited_rules: Literal["refuse", "follow"] = "refuse",
    ) -> None:
        self.charter = as_charter(charter)
        if edited_rules not in ("refuse", "follow"):
            raise InvalidArgument(
                "not a way to treat rules edited in place",
                argument="edited_rules",
                where="edited_rules",
                got=edited_rules,
                allowed="'refuse' or 'follow'",
            )
        self._edited_rules = edited_rules
        if calendar is not None and not isinstance(calendar, WorkingCalendar):
            raise CalendarError(
                "not a WorkingCalendar", where="calendar", got=type(calendar).__name__
            )
        self.calendar = calendar or WorkingCalendar.china()
        needs = ("append", "read", "streams", "version")
        if store is not None and (
            isinstance(store, type) or not all(callable(getattr(store, m, None)) for m in needs)
        ):  # a class (MemoryStore, not MemoryStore()) has the methods but no log
            raise StoreError("not an event store", where="store", got=type(store).__name__,
                             allowed="EventStore, MemoryStore, or an object with "
                             + ", ".join(needs))  # fmt: skip
        self.store: Store = store if store is not None else MemoryStore()
        self._instances: dict[str, Instance] = {}
        #: The instances of each kind, in creation order (what instances(kind) lists).
        self._of_kind: dict[str, dict[str, Instance]] = {}
        self._compiled: dict[tuple[date, str], tuple[Workflow, Context]] = {}
        #: The same, by charter version (how many amendments are in force) and kind: the
        #: days in force share one workflow and one context.
        self._by_version: dict[tuple[int, str], tuple[Workflow, Context]] = {}
        self._amended_on = sorted(a.effective for a in self.charter.amendments)
        #: Each version of the charter by how many amendments are in force (Charter.at
        #: reads pydantic's private attributes: slow to ask for every stream or day).
        self._in_force: dict[int, Charter] = {}
        self._counters: dict[str, int] = {}
        self._heap: list[tuple[date, str, int, int, Timer]] = []
        self._serial = 0
        #: Pending deadlines in :attr:`_earliest` (the heap also keeps those of versions
        #: since moved on, until they fall due or the heap is rebuilt).
        self._live = 0
        self._windows: dict[tuple[str, date], set[str]] = {}
        self._open_items: dict[str, set[str]] = {}
        self._rotation: RotationChoice | None = None
        self._midnights: dict[date, datetime] = {}
        #: The deadlines the last accepted command left pending: (stream, version, timers).
        self._last_timers: tuple[str, int, list[Timer]] = ("", 0, [])
        #: Each stream's pending deadlines and the earliest day among them (no entry:
        #: none), as worked out when it last moved: what deadlines() and overdue() list.
        self._earliest: dict[str, tuple[date, list[Timer]]] = {}
        self._charter_ref: dict[str, Any] = {
            "id": self.charter.id,
            "version": self.charter.version,
            "fingerprint": self.charter.fingerprint,
        }
        if self.charter.selected_readings:  # a competing reading chosen instead of the default
            self._charter_ref["readings"] = dict(self.charter.selected_readings)
        # so that an engine without one of them, or with one back-dated since, refuses
        # the store (ISO days, comma-separated: text only, kept once for every stream)
        self._charter_ref["amendments"] = ",".join(_effective_days(self.charter))
        #: Each version of the charter's rules (by identity) and the reference streams
        #: started, migrated or renewed under it record (with its rules' fingerprint).
        self._refs: dict[int, tuple[Charter, dict[str, Any]]] = {}
        self.problems: list[str] = []
        """Streams the engine could not use (stream, version, why); the rest still run.
        A stream that :meth:`refresh` reads fine again leaves the list."""
        self.edited: list[str] = []
        """Streams recorded under rules since edited in place, which this engine
        follows as they now read (only with ``edited_rules="follow"``)."""
        #: Those of them to which this engine has not written yet: the first event it
        #: writes there records the rules it follows, as a migration does.
        self._unrecorded: set[str] = set()
        self._load()

    def _read_all(self) -> Iterator[tuple[str, list[Event] | Exception]]:
        """Each stream's id and its events (or the error reading them), sorted by id:
        the library's stores in one read (unless the store cannot give it), any other
        store stream by stream."""
        store, own = self.store, self._own_store()
        found: Mapping[str, list[Event] | Exception] | None = (
            own._read_all() if own is not None else None
        )
        if found is not None:
            yield from sorted(found.items())
            return
        for stream_id in store.streams():
            try:
                yield stream_id, store.read(stream_id)
            except StoreError as exc:
                yield stream_id, exc

    def _load(self) -> None:
        """Replay every stream, in the order the streams were started."""
        streams: list[tuple[datetime, str, int, str, list[Event]]] = []
        for stream_id, events in self._read_all():
            prefix = stream_id.rsplit("-", 1)[0]
            self._counters[prefix] = max(self._counters.get(prefix, 0), _number(stream_id))
            if isinstance(events, Exception):  # a damaged row: report it, run the rest
                self._problem(stream_id, events)
                continue
            if events:
                streams.append(
                    (events[0].recorded_at, prefix, _number(stream_id), stream_id, events)
                )
        for _, _, _, stream_id, events in sorted(streams, key=lambda s: s[:4]):
            self._check_written(stream_id, events)
            try:
                self._remember(self._fold(stream_id, events))
            except (GovernanceRulesError, LookupError, TypeError, ValueError) as exc:
                self._problem(stream_id, exc)

    def _check_written(self, stream_id: str, events: list[Event]) -> None:
        """Refuse a stream written under another charter, other readings of it, or an
        amendment it does not have, or one the charter has gained since with an earlier
        day than the rules the stream follows (each event that started, migrated or
        renewed the stream records the charter it was written under).

        Raises:
            StoreError: The stream names another charter, other readings, or an
                amendment this charter lacks; or this charter has an amendment,
                back-dated, that would change the rules of recorded history.
        """
        last: Mapping[str, Any] | None = None
        followed = False  # whether ``last`` was recorded by an engine following an edit
        for index, event in enumerate(events):
            written = event.payload.get("charter")
            if isinstance(written, Mapping):
                self._check_ref(stream_id, written)
                last = written
                changes = event.payload.get("changes")
                followed = index > 0 and not (isinstance(changes, Mapping) and "as_of" in changes)
        if last is None:
            return  # nothing recorded to compare with
        day = _rules_day(events)
        if day is None:
            return
        back_dated = (
            _retroactive(last.get("amendments"), day, self.charter)
            if self.charter.amendments
            else None
        )
        if back_dated is not None:
            rules = day.isoformat()
            raise StoreError(
                f"the charter has an amendment in force from {back_dated} that this stream "
                f"was not written under, though it follows the rules in force on {rules}: "
                "replaying its events under the amended rules would rewrite its history",
                where=stream_id,
                got=back_dated,
                allowed=f"an amendment in force after {rules} (then migrate the item to "
                "it), or the charter as it was when the stream was written",
            )
        self._check_edited(stream_id, last.get("rules"), day, followed=followed)

    def _check_edited(
        self, stream_id: str, recorded: object, day: date, *, followed: bool = False
    ) -> None:
        """Refuse (or, if the app chose to, follow and list) a stream whose rules, those
        in force on ``day``, were edited in place since it recorded their fingerprint
        (``recorded``; ``None`` in streams written before it was recorded). ``followed``:
        the fingerprint was recorded by an engine that followed such an edit (this
        engine may have the file as it was before it).

        Raises:
            StoreError: The rules differ and the engine was not told to follow them.
        """
        current = self._ref(day)["rules"]
        if recorded is None or recorded == current:
            self._unrecorded.discard(stream_id)  # another follower may have recorded it
            return
        if self._edited_rules == "follow":
            if stream_id not in self.edited:
                self.edited.append(stream_id)
            self._unrecorded.add(stream_id)
            return
        rules = day.isoformat()
        if followed:
            raise StoreError(
                "another app wrote to this stream following rules edited in place "
                f"(edited_rules='follow'): the rules in force on {rules} as its charter file "
                "reads them, which differ from this charter's; replaying its events under "
                "this charter's rules would misread its history",
                where=stream_id,
                got=f"rules {current}, recorded under {recorded}",
                allowed="the charter file that app runs; or "
                "Engine(..., edited_rules='follow') to replay it under this charter's "
                "rules all the same",
            )
        raise StoreError(
            f"the charter's rules in force on {rules}, which this stream follows, were "
            "edited since it was recorded (no amendment says so): replaying its events "
            "under the edited rules would rewrite its history",
            where=stream_id,
            got=f"rules {current}, recorded under {recorded}",
            allowed="the charter as it was when the stream was written; or the change as "
            f"an amendment in force after {rules} (then migrate the item to it); or "
            "Engine(..., edited_rules='follow') to replay it under the rules as they now read",
        )

    def _ref(self, day: date) -> dict[str, Any]:
        """The charter reference a stream records when it starts, migrates or renews
        under the rules in force on ``day``."""
        return self._ref_of(self._version(day))

    def _ref_of(self, version: Charter) -> dict[str, Any]:
        """The charter reference a stream records when it starts, migrates or renews
        under ``version`` (the charter's rules in force on its day)."""
        found = self._refs.get(id(version))
        if found is None:
            ref = {**self._charter_ref, "rules": version.rules_fingerprint}
            found = self._refs[id(version)] = (version, ref)
        return found[1]

    def _check_ref(self, stream_id: str, written: Mapping[str, Any]) -> None:
        """Refuse one recorded charter reference that is not this engine's charter."""
        if written.get("id") != self.charter.id:
            raise StoreError(
                f"the store's streams were written under the charter {written.get('id')!r}",
                where=stream_id,
                got=self.charter.id,
                allowed=f"open this store with the charter {written.get('id')!r}",
            )
        readings = written.get("readings", {})
        if readings != self.charter.selected_readings:
            raise StoreError(
                "the store's streams were written under other readings of the charter",
                where=stream_id,
                got=dict(self.charter.selected_readings),
                allowed=f"open this store with load_charter({self.charter.id!r}, "
                f"readings={readings!r})",
            )
        lacking = _lacking(written.get("amendments"), self.charter)
        if lacking is not None:
            raise StoreError(
                f"the store's streams were written under an amendment in force from {lacking} "
                "that this charter does not have",
                where=stream_id,
                got=_effective_days(self.charter),
                allowed=f"open this store with the charter {self.charter.id!r} as amended "
                "(the file with that amendment)",
            )

    # -- compiled workflows -------------------------------------------------------------
    def _version(self, day: date) -> Charter:
        """The charter's rules in force on ``day`` (one object per version)."""
        count = bisect_right(self._amended_on, day)
        found = self._in_force.get(count)
        if found is None:
            found = self._in_force[count] = self.charter.at(day)
        return found

    def _compiled_for(self, as_of: date, kind: str) -> tuple[Workflow, Context]:
        found = self._compiled.get((as_of, kind))
        if found is None:  # a day not asked yet: the version in force then
            version = (bisect_right(self._amended_on, as_of), kind)
            found = self._by_version.get(version)
            if found is None:
                charter = self._version(as_of)
                found = (compile_workflow(charter, kind), Context(charter, self.calendar))
                self._by_version[version] = found
            self._compiled[(as_of, kind)] = found
        return found

    def context(self, instance: Instance) -> Context:
        """The context guards see for ``instance``: its pinned charter version, the calendar."""
        return self._compiled_for(instance.as_of, instance.kind)[1]

    def workflow(self, instance: Instance) -> Workflow:
        """The compiled workflow for ``instance`` (per pinned charter version and kind)."""
        return self._compiled_for(instance.as_of, instance.kind)[0]

    def __repr__(self) -> str:
        items = len(self._instances)
        return (
            f"Engine({self.charter.id!r} version {self.charter.version!r}, "
            f"{self.store!r}, {items:,} item{'' if items == 1 else 's'})"
        )

    def get(self, stream_id: str) -> Instance:
        """The live state of a meeting, issue, term or appraisal.

        Raises:
            CommandRefused: No such stream.
        """
        try:
            return self._instances[stream_id]
        except (KeyError, TypeError):  # TypeError: an unhashable id
            if isinstance(stream_id, str) and any(
                _about(line, stream_id) for line in self.problems
            ):  # in the store, but not usable: say so rather than that it does not exist
                raise CommandRefused(
                    "the store holds this item but the engine cannot use it (see "
                    "engine.problems for why)",
                    where="stream",
                    got=stream_id,
                    allowed="an item not listed in engine.problems",
                ) from None
            raise CommandRefused(
                "no such meeting, issue, term or appraisal",
                where="stream",
                got=stream_id,
                allowed="an id engine.instances() lists (engine.refresh() first reads what "
                "other apps have added)",
            ) from None

    # -- commands -----------------------------------------------------------------------
    def command(
        self, stream_id: str, trigger: str, actor: Actor, on: date, **args: Any
    ) -> Instance:
        """Issue ``trigger`` on a stream as ``actor`` on day ``on``.

        Raises:
            CommandRefused: Not possible now, or a charter rule refuses it (the error
                names the rule and cites its source); nothing is changed.
            PermissionDenied: The actor's body may not; the error says who may.
            ConcurrencyError: Another writer moved the stream; nothing is changed.
        """
        actor = self._check_caller(actor, trigger)
        if type(trigger) is not str:  # a subclass's own == never picks the edge
            trigger = str.__str__(trigger)
        instance = self.get(stream_id)
        command = Command(trigger, actor, on, args)
        try:
            pending = self._earliest.get(stream_id)
            if pending is not None and type(on) is date and pending[0] < on:
                return self._late(instance, command)
            return self._run(instance, command)
        except ConcurrencyError as exc:
            self._reload(stream_id)  # not stale next time; the caller decides whether to retry
            raise _read_again(exc) from None

    @staticmethod
    def _check_caller(actor: Actor, trigger: str) -> Actor:
        """``actor`` if usable, as a plain :class:`Actor` of plain text: a subclass (of
        ``Actor``, or of ``str`` such as an app's ``StrEnum`` of bodies) is copied, so no
        ``__eq__`` of the caller's decides a who-check."""
        if type(actor) is Actor and type(trigger) is str:  # the usual call, decided at once
            body, position, id_ = actor.body, actor.position, actor.id
            if (
                type(body) is str
                and type(id_) is str
                and (position is None or type(position) is str)
                and body != SYSTEM.body
                and len(body) + len(id_) + (len(position) if position else 0) <= _ROOM
                and body.isascii()
                and id_.isascii()
                and "\x00" not in id_
                and "\x00" not in body
                and (position is None or (position.isascii() and "\x00" not in position))
            ):
                return actor
        if not isinstance(trigger, str):
            raise InvalidArgument("the command's name must be text", argument="trigger",
                                  where="trigger", got=trigger, allowed="text")  # fmt: skip
        if not isinstance(actor, Actor):
            raise CommandRefused("the actor must be an Actor", where="actor", got=actor)
        position = actor.position
        if not (
            isinstance(actor.body, str)
            and isinstance(actor.id, str)
            and (position is None or isinstance(position, str))
        ):
            raise CommandRefused(
                "the actor's body, position and id must be text",
                where="actor",
                got=actor,
                allowed="Actor(body: str, position: str | None = None, id: str = '')",
            )
        plain = type(actor) is Actor and type(actor.body) is str and type(actor.id) is str
        if not plain or (position is not None and type(position) is not str):
            actor = Actor(str.__str__(actor.body), None if position is None
                          else str.__str__(position), str.__str__(actor.id))  # fmt: skip
        size = len(actor.body) + len(actor.id) + len(actor.position or "")
        if size > _ROOM:  # each event keeps the actor as body/position/id
            raise InvalidArgument(
                "the actor's body, position and id are kept together in each event "
                f"(body/position/id, at most {MAX_ACTOR} characters)",
                argument="actor",
                where="actor",
                got=f"{size:,} characters",
                allowed=f"a body, position and id of at most {_ROOM} characters together",
            )
        for part in (actor.body, actor.position or "", actor.id):
            if "\x00" in part or not valid_unicode(part):  # no store could keep it
                raise InvalidArgument(
                    "the actor's body, position and id are text an event can keep",
                    argument="actor",
                    where="actor",
                    got=part,
                    allowed="text without NUL characters or unpaired surrogates",
                )
        if actor.body == SYSTEM.body:
            raise PermissionDenied(
                "deadline events are issued by advance_to, not by callers",
                where="actor",
                got=trigger,
                allowed="an actor of a body the charter names",
            )
        return actor

    def _caller_checked(self, command: Command) -> Command:
        """``command`` with its actor checked (and made plain: :meth:`_check_caller`)."""
        actor = self._check_caller(command.actor, command.trigger)
        return command if actor is command.actor else replace(command, actor=actor)

    def _check_day(self, value: object, argument: str) -> date:
        """``value`` as a day of the calendar, or :class:`InvalidArgument`."""
        calendar = self.calendar
        if type(value) is not date or not calendar.first_date <= value <= calendar.last_date:
            what = "not a datetime.date" if type(value) is not date else "outside the calendar"
            raise InvalidArgument(
                f"{argument!r}: {what}",
                argument=argument,
                where=argument,
                got=value,
                allowed=f"a datetime.date within {calendar.range_text}",
            )
        return value

    def _start(
        self, kind: str, command: Command, again: Callable[[], Command] | None = None
    ) -> Instance:
        command = self._caller_checked(command)
        self._check_day(command.on, "on")  # before the charter version is looked up by it
        prefix = self._compiled_for(command.on, kind)[0].prefix
        for attempt in range(_ID_RETRIES):
            number = self._counters.get(prefix, 0) + 1
            instance = Instance(f"{prefix}-{number}", kind, "new", None, command.on)
            try:
                result = self._run(instance, command)
            except ConcurrencyError:
                # another engine on the same store took this id: a new item is safe to
                # retry under the next free id (its own command was checked already)
                self._counters[prefix] = max(number, *map(_number, self.store.streams(prefix)))
                if kind == "meeting":
                    self._catch_up(prefix)  # planning rules count the other meetings
                if again is not None:  # its rules count the others: read them, check again
                    self._read_moved(prefix)
                    command = self._caller_checked(again())
                # writers that lost the same race would all try the same next id:
                # a short random pause spreads them (a private generator, so an app's
                # seeded `random` is left alone)
                sleep(_JITTER.uniform(0, min(0.05, 0.001 * 2**attempt)))
                continue
            self._counters[prefix] = number
            return result
        raise ConcurrencyError("no free id after many tries", where=prefix, allowed="retry later")

    def refresh(self) -> list[str]:
        """Catch up with what other writers appended to the store; returns the streams read.

        Engines on one database each keep their own state: call this before acting on
        items another process may have moved (a stale engine gets ConcurrencyError and
        that stream is re-read for it).
        """
        return self._read_moved("")

    def _read_moved(self, prefix: str) -> list[str]:
        """Re-read the streams (starting with ``prefix``) that are new or moved on."""
        changed = []
        for stream_id, version in self._versions(prefix):
            known = self._instances.get(stream_id)
            if known is not None and (version or self.store.version(stream_id)) == known.version:
                continue
            self._reload(stream_id)
            changed.append(stream_id)
        return changed

    def _versions(self, prefix: str) -> list[tuple[str, int]]:
        """The streams starting with ``prefix``, sorted, each with its version: from the
        library's stores in one read; from any other store with 0 (asked per stream)."""
        own = self._own_store()
        if own is not None:
            return own._versions(prefix)
        return [(stream_id, 0) for stream_id in self.store.streams(prefix)]

    def _own_store(self) -> MemoryStore | EventStore | None:
        """The store if it is exactly one of the library's (whose bulk reads the engine
        may use), else ``None``: a subclass or an app's own store is read through the
        protocol's methods, which it may have changed."""
        store = self.store
        if type(store) is MemoryStore:
            return store
        sql = sys.modules.get("governance_rules._store.sql")  # loaded if store is one
        if sql is not None and type(store) is sql.EventStore:
            return cast("EventStore", store)
        return None

    def _catch_up(self, prefix: str) -> None:
        """Read the meetings another writer started or moved, then let the caller plan
        again: a meeting's planning rules (one per window, the rotation, open items)
        are checked against the other meetings.

        Raises:
            ConcurrencyError: Always, once the other meetings are read.
        """
        self._read_moved(prefix)
        raise ConcurrencyError(
            "another writer planned a meeting first; this engine has read it",
            where=prefix,
            allowed="plan again: the planning rules are checked against it",
        )

    def _reload(self, stream_id: str) -> None:
        prefix = stream_id.rsplit("-", 1)[0]
        self._counters[prefix] = max(self._counters.get(prefix, 0), _number(stream_id))
        try:
            fresh = self.replay(stream_id)
        except (GovernanceRulesError, LookupError, TypeError, ValueError) as exc:
            self._problem(stream_id, exc)
            # what this engine knew of it is out of date and cannot be brought up to
            # date: it is not used any more (never half-used), only reported
            dropped = self._earliest.pop(stream_id, None)
            self._live -= len(dropped[1]) if dropped is not None else 0
            gone = self._instances.pop(stream_id, None)
            if gone is not None:
                self._of_kind[gone.kind].pop(stream_id, None)
                for ids in (*self._windows.values(), *self._open_items.values()):
                    ids.discard(stream_id)
            return
        known = self._instances.get(stream_id)
        if known is not None:  # update in place: the app's reference stays live
            moved(known, state=fresh.state, data=fresh.data, version=fresh.version,
                  as_of=fresh.as_of, last_on=fresh.last_on)  # fmt: skip
            fresh = known
        self._remember(fresh)
        if self.problems:  # read fine now (say, a repaired row): no longer a problem
            self.problems[:] = [line for line in self.problems if not _about(line, stream_id)]

    def _run(self, instance: Instance, command: Command) -> Instance:
        self._apply(instance, command)
        return instance

    def _late(self, instance: Instance, command: Command) -> Instance:
        """``command`` on a day after some of the stream's deadlines passed unfired: they
        are fired first, in date order, as :meth:`advance_to` would, so that a late command
        never erases a breach (a late reply still leaves the missed deadline on record,
        and the issue climbs where the charter says a breach escalates).

        The command is checked against the state those deadlines lead to before anything
        is written: if it is refused, nothing is (the refusal says so).
        """
        on = self._check_day(command.on, "on")
        probe, fires = self._passed(instance, on)
        try:  # a dry run: whether the command is allowed once they have fired
            self._next(probe, command)
        except CommandRefused as exc:
            raise _after_passed(exc, len(fires), on) from None
        for fire in fires:  # the same commands, now written, in the same order
            self._apply(instance, fire)
        return self._run(instance, command)

    def _passed(self, instance: Instance, on: date) -> tuple[Instance, list[Command]]:
        """A dry run of ``instance``'s deadlines that passed before ``on`` unfired: the
        state they lead to (``instance`` is left as it is) and their firing commands, in
        date order, as :meth:`advance_to` would fire them.

        Raises:
            CommandRefused: A deadline's event cannot be taken (nothing is changed).
        """
        probe, fires = instance, list[Command]()
        while True:
            timers = [t for t in self._open_timers(probe) if t.due < on]
            if not timers:
                return probe, fires
            fires.append(_firing(min(timers, key=attrgetter("due")), probe))
            probe = self._next(probe, fires[-1])[0]

    def _next(
        self, instance: Instance, command: Command
    ) -> tuple[Instance, Mapping[str, Any], list[Timer], Workflow, Context]:
        """The instance ``command`` would make of ``instance`` (which is left as it is),
        with its changes, the deadlines then pending, and the workflow and context used.

        Raises:
            CommandRefused: The command is not allowed (nothing is changed).
        """
        on, calendar = command.on, self.calendar
        if type(on) is not date or not calendar.first_date <= on <= calendar.last_date:
            self._check_day(on, "on")  # raises
        if instance.last_on is not None and on < instance.last_on:
            raise CommandRefused(
                f"the day is before the {instance.kind}'s last event",
                where=instance.id,
                got=on.isoformat(),
                allowed=f"{instance.last_on.isoformat()} or later",
            )
        workflow, ctx = self._compiled_for(instance.as_of, instance.kind)
        as_of = instance.as_of
        if command.trigger in workflow.renewing:
            workflow, ctx, as_of = self._renewed(instance, command, workflow, ctx)
        transition, dest = workflow.decide(instance, command, ctx)
        after = Instance(instance.id, instance.kind, instance.state, instance.data,
                         as_of, instance.version)  # fmt: skip
        try:
            changes = transition.effect(instance, command, ctx) if transition.effect else _NOTHING
            workflow.advance(after, dest, changes)
            timers = workflow.timers(after, ctx)
            if as_of != instance.as_of:  # recorded as a migration records it, for replay
                changes = {**changes, "as_of": as_of}
        except DateOutOfRangeError as exc:
            raise self._past_calendar(instance, command, exc) from exc
        _set(after, "last_on", on)
        return after, changes, timers, workflow, ctx

    def _renewed(
        self, instance: Instance, command: Command, workflow: Workflow, ctx: Context
    ) -> tuple[Workflow, Context, date]:
        """The rules a renewing command (a re-election: a new term) follows: those in
        force on its day, where an amendment has changed them since the item's rules.

        Raises:
            CommandRefused: The rules of its day cannot take the item (it may still be
                renewed under its own rules after no amendment, or migrated first).
        """
        new = self._compiled_for(command.on, instance.kind)
        if new[0] is workflow:
            return workflow, ctx, instance.as_of
        problem = _unfit(new, instance)
        if problem is not None:
            raise CommandRefused(
                f"'{command.trigger}' starts a new term under the rules in force on "
                f"{command.on.isoformat()}, which cannot take it: {problem}",
                where=instance.id,
                got=command.trigger,
                allowed="the amended charter's rules for it",
            )
        return new[0], new[1], command.on

    def _apply(
        self, instance: Instance, command: Command, *, want_event: bool = False
    ) -> Event | None:
        """Check ``command``, append its event and move ``instance``; the event stored if
        ``want_event`` (else ``None``)."""
        # the new state and its deadlines are worked out before anything is written, so a
        # command whose deadlines the calendar cannot count is refused, not stored
        after, changes, timers, workflow, ctx = self._next(instance, command)
        on = command.on
        payload: dict[str, Any] = {
            "to": after.state,
            "on": on,
            "args": dict(command.args) if command.args else _NOTHING,
            "changes": changes,
        }
        if instance.version == 0:
            payload["kind"] = instance.kind
            payload["as_of"] = instance.as_of
        # the stream records the rules it follows where it starts; where a renewal adopts
        # newer ones (as a migration does); and where this engine follows rules edited in
        # place, which alone explain what it writes (the file as it was then refuses it)
        if (
            instance.version == 0
            or after.as_of != instance.as_of
            or (self._unrecorded and instance.id in self._unrecorded)
        ):
            payload["charter"] = self._ref_of(ctx.charter)
        occurred = self._midnights.get(on)
        if occurred is None:
            occurred = self._midnights[on] = datetime.combine(on, time(0), SHANGHAI)
        actor = _actor_text_kept(command.actor)
        store = self.store
        if type(store) is MemoryStore:  # its one-pass way in: the same checks, no objects
            recorded = store._record(
                instance.id,
                instance.version,
                type_=command.trigger,
                payload=payload,
                actor=actor,
                occurred_at=occurred,
            )
        else:
            event = NewEvent(command.trigger, payload, actor, occurred)
            recorded = store.append(instance.id, instance.version, [event])[0].recorded_at
        # the app's reference moves (the hot path: four plain sets, not moved()'s loop)
        _set(instance, "state", after.state)
        _set(instance, "data", after.data)
        _set(instance, "version", after.version)
        _set(instance, "last_on", on)
        if after.as_of != instance.as_of:  # a renewing command adopted newer rules
            _set(instance, "as_of", after.as_of)
        self._remember(instance, workflow, ctx, timers)
        self._last_timers = (instance.id, instance.version, timers)
        if "charter" in payload:
            self._unrecorded.discard(instance.id)
        if not want_event:
            return None
        return Event(instance.id, instance.version, command.trigger, payload, actor, occurred,
                     recorded)  # fmt: skip

    @staticmethod
    def _past_calendar(
        instance: Instance, command: Command, exc: DateOutOfRangeError
    ) -> DateOutOfRangeError:
        """``exc`` said of the command whose deadline the calendar cannot count."""
        inner = f"{exc.where}: {exc.what}" if exc.where else exc.what
        return DateOutOfRangeError(
            f"'{command.trigger}' sets a deadline the calendar cannot count ({inner})",
            where=instance.id,
            got=exc.got,
            allowed=exc.allowed,
        )

    def _remember(
        self,
        instance: Instance,
        workflow: Workflow | None = None,
        ctx: Context | None = None,
        timers: list[Timer] | None = None,
    ) -> None:
        """Keep the instance and index its deadlines, planning window and open items."""
        self._instances[instance.id] = instance
        of_kind = self._of_kind.get(instance.kind)
        if of_kind is None:
            of_kind = self._of_kind[instance.kind] = {}
        of_kind[instance.id] = instance
        if workflow is None or ctx is None:
            workflow, ctx = self._compiled_for(instance.as_of, instance.kind)
        if timers is None:
            timers = self._open_timers(instance)
        earliest = self._earliest
        before = earliest.pop(instance.id, None)
        if timers:
            earliest[instance.id] = (min(t.due for t in timers), timers)
        self._live += len(timers) - (len(before[1]) if before is not None else 0)
        heap = self._heap
        for t in timers:
            self._serial += 1
            heapq.heappush(heap, (t.due, instance.id, instance.version, self._serial, t))
        if len(heap) > 2 * self._live + _HEAP_SLACK:
            self._rebuild_heap()
        if instance.kind == "meeting" and instance.data is not None:
            data = instance.data
            if data.window_start is not None:
                self._windows.setdefault((data.meeting_kind, data.window_start), set()).add(
                    instance.id
                )
            holders_of = self._open_items.setdefault(data.meeting_kind, set())
            if any(a.done_on is None for a in data.actions):
                holders_of.add(instance.id)
            else:
                holders_of.discard(instance.id)
            if data.rotation and data.rotation_start is not None:
                self._rotation = RotationChoice(data.rotation, data.rotation_start)

    def report_issue(self, actor: Actor, on: date, *, summary: str = "") -> Instance[IssueData]:
        """A resident or a party reports a problem."""
        return self._start("issue", Command("report", actor, on, {"summary": summary}))

    def plan_meeting(
        self,
        actor: Actor,
        meeting_kind: str,
        day: date,
        *,
        on: date,
        roster: Mapping[str, int] | None = None,
        override: str | None = None,
        rotation: RotationChoice | None = None,
    ) -> Instance[MeetingData]:
        """Plan a meeting of ``meeting_kind`` on ``day``, as ``actor``, on day ``on``.

        A meeting of a kind with a cadence must fall in one of its windows, on a
        working day, and no more often per window than the charter allows; pass
        ``override`` (a reason, recorded in the event and shown by :meth:`explain`)
        to plan it elsewhere. Who convenes — rotation included — is fixed now by
        :func:`governance_rules._charter.rotation.holders`; where the charter leaves
        the rotation's order to the community, the first meeting planned passes
        ``rotation`` and the engine records it. ``roster`` gives the seats of each
        member body (default: the charter's seats, 1 where it leaves them open).
        Open action items of earlier meetings of this kind are listed for review.

        Raises:
            CommandRefused: The planning rules refuse it (the error cites the rule).
            PermissionDenied: ``actor`` is not the convener the charter names.
        """
        self._check_day(on, "on")  # before the charter version is looked up by it
        self._check_day(day, "day")
        charter = self.charter.at(on)
        rule = charter.meetings.get(meeting_kind) if isinstance(meeting_kind, str) else None
        if rule is None:
            raise CommandRefused(
                "no such meeting kind in the charter",
                where="meeting_kind",
                got=meeting_kind,
                allowed=", ".join(charter.meetings),
            )
        for name, value, kind, allowed in (
            ("override", override, str, "a reason in text of 1 to 10,000 characters"),
            ("rotation", rotation, RotationChoice, "RotationChoice(order, start)"),
        ):
            if value is not None and not (isinstance(value, kind) and len(str(value)) <= 10_000):
                raise InvalidArgument(f"{name!r}: wrong type or too long", argument=name,
                                      where=name, got=value, allowed=allowed)  # fmt: skip
        recorded = self._rotation
        if (
            rotation is not None
            and recorded is not None
            and (tuple(rotation.order), rotation.start) != (recorded.order, recorded.start)
        ):
            raise CommandRefused("the rotation was recorded with the first meeting; it is used "
                                 "from then on", where="rotation", got=rotation,
                                 allowed=f"the recorded {recorded!r}, or no rotation=",
                                 rule="roles.convener.rotation",
                                 citation=charter.cite("roles.convener.rotation"))  # fmt: skip
        choice = rotation or self._rotation
        roles: dict[str, list[str]] = {}
        for name in {*charter.roles, *rule.roles}:
            found = holders(charter, name, meeting_kind, day, choice)
            if found is None and choice is not None and day < choice.start:
                raise CommandRefused(
                    f"the {name} rotation begins with the meeting in the window of "
                    f"{choice.start.isoformat()}: no one holds the role in an earlier window",
                    where="day",
                    got=day.isoformat(),
                    allowed=f"a day in that window or later (the rotation {choice!r})",
                    rule=f"roles.{name}.rotation",
                    citation=charter.cite(f"roles.{name}.rotation"),
                )
            if found is None:
                raise CommandRefused(
                    f"the charter leaves the {name} rotation's order to the community",
                    where="rotation",
                    allowed="pass rotation=RotationChoice(order, start) when planning the "
                    "first meeting; it is recorded and used from then on",
                    rule=f"roles.{name}.rotation",
                    citation=charter.cite(f"roles.{name}.rotation"),
                )
            roles[name] = list(found)
        window = window_holding(self.calendar, rule, day)
        taken = 0
        if window is not None:
            for other in self._windows.get((meeting_kind, window.start), ()):
                taken += not self._instances[other].state.endswith(".cancelled")
        review = [
            f"{m}#{n}: {a.matter}"
            for m in sorted(self._open_items.get(meeting_kind, ()), key=_number)
            for n, a in enumerate(self._instances[m].data.actions)
            if a.done_on is None
        ]
        args: dict[str, Any] = {
            "meeting_kind": meeting_kind,
            "date": day,
            "roster": _roster(charter, roster),
            "roles": roles,
            "window_start": window.start if window else None,
            "taken": taken,
            "review": review,
        }
        if override:
            args["override"] = str(override)
        if rotation is not None and self._rotation is None:
            rotation_order(charter, "convener", meeting_kind, rotation)  # validates the order
            args["rotation"] = list(rotation.order)
            args["rotation_start"] = rotation.start
        return self._start("meeting", Command("plan", actor, on, args))

    def elect(
        self,
        term: str,
        actor: Actor,
        on: date,
        *,
        members: int | None = None,
        **composition: int,
    ) -> Instance[TermData]:
        """Record the election of a committee under the charter's ``terms[term]`` (or the
        engagement of a property company under a contract rule).

        ``members`` is required where the charter counts the members (a size,
        composition targets, fewer than half, a change report); a contract, which
        counts none, takes none.

        Raises:
            CommandRefused: The term rule refuses it (the error cites the rule).
            PermissionDenied: ``actor`` is not among the electors the charter names.
        """

        def elect() -> Command:  # counts the terms not ended (one term at a time: terms.py)
            serving = [
                i.id
                for i in self.instances("term")
                if type(term) is str
                and i.data.term == term
                and i.state not in self.workflow(i).final
            ]
            counted = {} if members is None else {"members": members}
            args = {"term": term, **counted, **composition, "serving": serving}
            return Command("elect", actor, on, args)

        return self._start("term", elect(), elect)

    def open_appraisal(self, actor: Actor, year: int, on: date) -> Instance[AppraisalData]:
        """Open the charter's appraisal of ``year`` (by the organiser the charter names).

        Raises:
            CommandRefused: The charter (in force on ``on``) sets no appraisal (it has no
                ``evaluation`` section), or its appraisal rules refuse this one.
            PermissionDenied: ``actor`` is not the organiser the charter names.
        """
        self._check_day(on, "on")  # before the charter version is looked up by it
        if self.charter.at(on).evaluation is None:  # nothing to organise, score or approve
            raise CommandRefused(
                "the charter sets no appraisal (it has no evaluation section), so nobody "
                "would organise, score or approve one",
                where="open_appraisal",
                got=year,
                allowed="an appraisal only under a charter with an evaluation section",
                rule="evaluation",
            )

        def open_() -> Command:  # counts the appraisals of the year (appraisal.py)
            same = [
                i.id
                for i in self.instances("appraisal")
                if type(year) is int and i.data.year == year
            ]
            return Command("open", actor, on, {"year": year, "same_year": same})

        return self._start("appraisal", open_(), open_)

    # -- time -----------------------------------------------------------------------------
    def advance_to(self, day: date) -> list[Fired]:
        """Fire every deadline that has passed by ``day``, in date order.

        A deadline is breached the day after its last day. Firing is deterministic
        (ties in stream order) and idempotent: advancing to the same day again
        fires nothing. Only deadlines due before ``day`` are visited.
        """
        self._check_day(day, "day")
        fired: list[Fired] = []
        heap = self._heap
        races = 0
        while heap and heap[0][0] < day:
            entry = heapq.heappop(heap)
            _, stream_id, version, _, timer = entry
            instance = self._instances.get(stream_id)
            if instance is None or instance.version != version:
                continue  # the stream moved on: its deadlines were indexed again
            command = _firing(timer, instance)
            try:
                event = self._apply(instance, command, want_event=True)
            except ConcurrencyError:
                # another writer moved the stream (perhaps firing this very deadline):
                # read it again; its deadlines are indexed afresh, and fired if still due
                races += 1
                if races > _ID_RETRIES:
                    heapq.heappush(heap, entry)
                    raise
                self._reload(stream_id)
                continue
            except StoreError:
                heapq.heappush(heap, entry)  # the log could not be written: due next time
                raise
            assert event is not None
            fired.append(Fired(stream_id, timer, event))
        return fired

    def _rebuild_heap(self) -> None:
        """The heap of pending deadlines again, from each item's kept deadlines only:
        those of versions since moved on are dropped (an engine no one advances, or
        items moving often before their deadlines, would otherwise keep them all).
        Rebuilt in place, so an :meth:`advance_to` under way goes on with it."""
        instances, entries = self._instances, []
        for stream_id, (_, timers) in self._earliest.items():
            version = instances[stream_id].version
            for t in timers:
                self._serial += 1
                entries.append((t.due, stream_id, version, self._serial, t))
        heapq.heapify(entries)
        self._heap[:] = entries

    def _open_timers(self, instance: Instance) -> list[Timer]:
        workflow, ctx = self._compiled_for(instance.as_of, instance.kind)
        if instance.data is None:
            return []
        try:
            return workflow.timers(instance, ctx)
        except (GovernanceRulesError, LookupError, TypeError, ValueError) as exc:
            self._problem(instance.id, exc, instance.version)
            return []

    def _problem(self, stream_id: str, exc: Exception, version: int | None = None) -> None:
        where = f"{stream_id} (version {version})" if version is not None else stream_id
        line = f"{where}: {type(exc).__name__}: {exc}"
        if line not in self.problems:
            logger.warning("cannot use %s", line)
            self.problems.append(line)

    # -- queries ----------------------------------------------------------------------------
    def instances(self, kind: str | None = None) -> list[Instance]:
        """Every meeting, issue, term or appraisal (of ``kind``), in creation order."""
        if kind is not None and (not isinstance(kind, str) or kind not in KINDS):
            raise InvalidArgument("not a workflow kind", argument="kind", where="kind",
                                  got=kind, allowed=", ".join(sorted(KINDS)))  # fmt: skip
        if kind is None:
            return list(self._instances.values())
        return list(self._of_kind.get(kind, {}).values())

    def open_issues(self) -> dict[tuple[str, int], list[Instance[IssueData]]]:
        """Issues being handled, grouped by (category, ladder level), in creation order.

        Only triaged issues have a category and a level, so an issue reported but not
        yet triaged is not here: :meth:`untriaged_issues` lists those. An open issue is
        in one of the two, never both; resolved and closed issues are in neither.
        """
        grouped: dict[tuple[str, int], list[Instance[IssueData]]] = {}
        for issue in self.instances("issue"):
            if issue.state in self.workflow(issue).active:
                grouped.setdefault((issue.data.category, issue.data.level), []).append(issue)
        return grouped

    def untriaged_issues(self) -> list[Instance[IssueData]]:
        """Issues reported but not yet triaged, in creation order: waiting for the first
        level's handler to give them a category, so on no ladder level and with no
        deadline running yet (the first level's count from the report day once triaged).
        """
        return [i for i in self.instances("issue") if i.state == "reported"]

    def deadlines(self, until: date | None = None) -> list[tuple[Instance, Timer]]:
        """Every pending duty the engine enforces (up to ``until``), soonest first.

        Notice and agenda leads of planned meetings, minutes, sign-off, action items,
        ladder replies, term filing, first meeting, re-election and expiry, and the
        appraisal's publicity window.
        """
        if until is not None:
            _check_query_day(until, "until")
        return self._pending(lambda due: until is None or due <= until)

    def overdue(self, today: date) -> list[tuple[Instance, Timer]]:
        """Deadlines already past on ``today`` that ``advance_to`` has not fired yet."""
        _check_query_day(today, "today")
        return self._pending(lambda due: due < today)

    def _pending(self, wanted: Callable[[date], bool]) -> list[tuple[Instance, Timer]]:
        """The pending deadlines whose last day is ``wanted``, soonest first (ties in
        stream order), as :meth:`_remember` indexed them when each item last moved:
        nothing is worked out again, and closed items and those whose every deadline
        is later are not looked at."""
        instances = self._instances
        found = [
            (i, t)
            for stream_id, (earliest, timers) in self._earliest.items()
            if wanted(earliest) and (i := instances.get(stream_id)) is not None
            for t in timers
            if wanted(t.due)
        ]
        return sorted(found, key=lambda pair: (pair[1].due, pair[0].id))

    def explain(self, stream_id: str) -> list[str]:
        """The history of a stream and its pending deadlines, each with its rule and source."""
        instance = self.get(stream_id)
        charter = self.context(instance).charter
        lines = [
            f"{stream_id} ({instance.kind}) under {charter.id} as of "
            f"{instance.as_of.isoformat()}: {instance.state}"
        ]
        for event in self.store.read(stream_id):
            actor = _actor_from(event.actor)
            payload = event.payload
            why = event_problem(DATA_TYPES[instance.kind], payload, first=event.seq == 1)
            if why is not None:  # written by another program since this engine read it
                raise StoreError(f"a stored event cannot be explained: {why}",
                                 where=f"{stream_id} version {event.seq}")  # fmt: skip
            line = f"  {event.seq}. {payload['on']} {one_line(event.type)} by "
            line += f"{one_line(actor.body)} → {payload['to']}"
            day = payload.get("changes", {}).get("day") if instance.kind == "meeting" else None
            if day is not None:  # planned or moved: the day the meeting is to be held
                line += f" (meeting day {one_line(str(day))})"
            override = payload.get("args", {}).get("override")
            if override:
                line += f" (planned outside the charter's rule: {one_line(str(override))})"
            adopted = payload.get("changes", {}).get("as_of")
            if adopted is not None:  # a migration, or a re-election under newer rules
                line += f" (from now under the rules in force on {one_line(str(adopted))})"
            if instance.kind == "issue":  # what was reported; which deadline was missed
                summary = payload.get("changes", {}).get("summary") if event.seq == 1 else None
                missed = payload.get("args", {}).get("deadline") if event.type == "breach" else ""
                if summary:
                    line += f" (summary: {one_line(str(summary))})"
                if missed:
                    line += f" ({one_line(str(missed))} deadline missed)"
            lines.append(line)
            agenda = payload.get("changes", {}).get("agenda")
            if agenda and event.type == "set_agenda":
                lines.append(f"     agenda: {'; '.join(one_line(str(topic)) for topic in agenda)}")
            stated = payload.get("changes", {}).get("notice_contents")
            if stated and event.type == "issue_notice":  # what the notice said, item by item
                lines.append(f"     notice: {stated_text(stated)}")
            for found in payload.get("changes", {}).get("decisions", ())[-1:]:
                if event.type == "record_decision":
                    record = found if isinstance(found, Mapping) else encode(found)
                    lines.append(
                        f"     decision {one_line(record['matter']) or '(no matter)'}: "
                        f"{record['outcome']} — {one_line('; '.join(record.get('reasons', ())))}"
                    )
        for timer in self._open_timers(instance):
            citation = charter.cite(timer.rule)
            # the explanation may name an app's text, the citation a local file's: one line each
            lines.append(
                f"  pending: {one_line(timer.explanation)} [{one_line(timer.rule)}]"
                + (f" — {one_line(str(citation))}" if citation else "")
            )
        return lines

    # -- replay and migration -----------------------------------------------------------
    def replay(self, stream_id: str) -> Instance:
        """Rebuild a stream's state from its events alone."""
        events = self.store.read(stream_id)
        if not events:
            raise CommandRefused("no such stream", where="stream", got=stream_id)
        self._check_written(stream_id, events)  # another app may use another charter
        return self._fold(stream_id, events)

    def _fold(self, stream_id: str, events: list[Event]) -> Instance:
        first = events[0].payload
        kind = first.get("kind") or stream_id.split("-", 1)[0]
        if type(kind) is not str or kind not in KINDS:
            raise CommandRefused("unknown workflow kind", where=stream_id, got=kind)
        instance = Instance(stream_id, kind, "new", None, date.min)
        for event in events:
            payload = event.payload
            why = event_problem(DATA_TYPES[kind], payload, first=instance.version == 0)
            if why is None and event.seq != instance.version + 1:
                why = f"version {instance.version + 1} is missing"
            if why is not None:  # hand-edited or foreign: reported, never half-used
                raise StoreError(f"a stored event cannot be replayed: {why}",
                                 where=f"{stream_id} version {event.seq}")  # fmt: skip
            if instance.version == 0:
                moved(instance, as_of=decode_day(payload.get("as_of") or payload["on"]))
            if "as_of" in payload.get("changes", {}):
                changes = dict(payload["changes"])
                moved(instance, as_of=decode_day(changes.pop("as_of")))
            else:
                changes = payload.get("changes", {})
            workflow = self._compiled_for(instance.as_of, kind)[0]
            workflow.advance(instance, payload["to"], decode_changes(workflow.data_type, changes))
            state = instance.state
            if state == workflow.initial or state not in workflow.states:  # even if a later
                # event names a known one: a step the workflow never takes is not history
                raise StoreError("a stored event cannot be replayed: the "
                                 f"{kind} workflow has no state {state[:100]!r}",
                                 where=f"{stream_id} version {event.seq}")  # fmt: skip
            moved(instance, version=event.seq, last_on=decode_day(payload["on"]))
        workflow, ctx = self._compiled_for(instance.as_of, kind)
        why = instance_problem(workflow, instance, ctx)
        if why is not None:
            raise StoreError(f"a stored stream cannot be replayed: {why}",
                             where=f"{stream_id} version {instance.version}")  # fmt: skip
        return instance

    def migrate(self, stream_id: str, actor: Actor, on: date) -> Instance:
        """Move an open item to the rules in force on ``on`` (an explicit amendment step).

        The item's deadlines that passed before ``on`` unfired are fired first, under the
        rules they were set by, as :meth:`advance_to` would (a migration never erases a
        breach); the migration is then checked against the state they lead to, and if
        it is refused nothing is written.

        Raises:
            PermissionDenied: ``actor`` is not of the body that answers for the item
                under its rules (the error names and cites that rule).
            CommandRefused: The new rules cannot apply to the item (its category,
                level, meeting kind, step or term rule no longer exists, no step leads
                on from its state, or its recorded scores do not fit the new criteria;
                the error cites the amendment), or a deadline they set for it passed
                before ``on`` (the error cites that rule). Nothing changes.
            InvalidArgument: ``on`` is not a day of the calendar.
        """
        actor = self._check_caller(actor, "migrate")
        instance = self.get(stream_id)
        self._check_day(on, "on")
        last = instance.last_on
        if last is not None and on < last:
            raise CommandRefused(
                "a migration is dated on or after the item's last event",
                where=stream_id,
                got=on.isoformat(),
                allowed=f"{last.isoformat()} or later",
            )
        probe, fires = self._passed(instance, on)
        try:
            self._check_migration(probe, actor, on)
        except CommandRefused as exc:
            raise (_after_passed(exc, len(fires), on) if fires else exc) from None
        payload = {"to": probe.state, "on": on, "args": {}, "changes": {"as_of": on},
                   "charter": self._ref(on)}  # fmt: skip
        event = NewEvent(
            "migrate", payload, _actor_text(actor), datetime.combine(on, time(0), SHANGHAI)
        )
        try:
            for fire in fires:  # the same deadline events, now written, in the same order
                self._apply(instance, fire)
            self.store.append(stream_id, instance.version, [event])
        except ConcurrencyError as exc:  # another writer moved it: read it again, as command()
            self._reload(stream_id)
            raise _read_again(exc) from None
        moved(instance, as_of=on, version=instance.version + 1, last_on=on)
        self._unrecorded.discard(stream_id)  # the migration recorded the rules it follows
        self._remember(instance)
        return instance

    def _check_migration(self, instance: Instance, actor: Actor, on: date) -> None:
        """Refuse moving ``instance`` (as the passed deadlines leave it) to the rules of ``on``.

        Raises:
            PermissionDenied: ``actor``'s body does not answer for the item.
            CommandRefused: The rules in force on ``on`` cannot take the item.
        """
        old, old_ctx = self._compiled_for(instance.as_of, instance.kind)
        denied = old.answering_refusal(instance, Command("migrate", actor, on, {}), old_ctx)
        if denied is not None:
            raise denied
        workflow, ctx = new = self._compiled_for(on, instance.kind)
        problem = _unfit(new, instance)
        if problem is None:
            # the passed deadlines have fired: one still before ``on`` is the new rules'
            # own, passed before they applied to the item (it would be missed at once)
            early = [t for t in workflow.timers(instance, ctx) if t.due < on]
            if early:
                timer = min(early, key=attrgetter("due"))
                raise CommandRefused(
                    f"cannot migrate: under the new rules {timer.explanation}, before the "
                    "migration day (it would be missed at once)",
                    where=instance.id,
                    got=on.isoformat(),
                    allowed=f"keep it under the rules as of {instance.as_of.isoformat()} (no "
                    "migration), or migrate once that step is taken",
                    rule=timer.rule,
                    citation=ctx.charter.cite(timer.rule),
                )
            return
        # the amendment that made it so: the first one since the item's rules to refuse it
        culprit = next(
            (
                a
                for a in sorted(self.charter.amendments, key=attrgetter("effective"))
                if instance.as_of < a.effective <= on
                and _unfit(self._compiled_for(a.effective, instance.kind), instance)
            ),
            None,
        )
        raise CommandRefused(
            f"cannot migrate: {problem}"
            + (f" (the amendment in force from {culprit.effective.isoformat()})" if culprit
               else ""),
            where=instance.id,
            got=on.isoformat(),
            allowed=f"keep it under the rules as of {instance.as_of.isoformat()} (no migration)",
            citation=self.charter.citation(culprit.source) if culprit else None,
        )  # fmt: skip


def _unfit(compiled: tuple[Workflow, Context], instance: Instance) -> str | None:
    """Why ``instance`` cannot follow the rules ``compiled`` (``None`` if it can): its
    category, level, kind, step or term rule is gone, its state is gone or leads nowhere
    (and is not an end), or its data do not fit them."""
    workflow, ctx = compiled
    try:
        problem = workflow.migration_problem(instance)
        state = instance.state
        if problem is None and state not in workflow.states:
            problem = f"the new rules have no state {state!r}"
        elif problem is None and state not in workflow.final and not workflow.leads_on(state):
            problem = f"under the new rules no step leads on from {state!r}"
        if problem is None:
            workflow.responsible(instance)
            workflow.timers(instance, ctx)
    except (GovernanceRulesError, LookupError, TypeError, ValueError, AttributeError) as exc:
        problem = f"its data do not fit the new rules ({type(exc).__name__})"
    return problem
