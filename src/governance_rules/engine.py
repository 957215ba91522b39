"""The Engine: the one object an app holds — charter + calendar + event store.

Commands (``report_issue``, ``plan_meeting``, ``elect``, ``command``) are checked
against the compiled workflows; an accepted command is appended to the event log
as one event and only then applied, so a refused command — or a failed write —
changes nothing. ``advance_to`` fires every deadline that has passed, in date
order; queries read the live state, which always equals a replay of the log.

>>> from datetime import date
>>> from governance_rules.engine import Engine
>>> from governance_rules.workflows import Actor
>>> engine = Engine("yangxin-2022")
>>> issue = engine.report_issue(Actor("residents", id="resident-17"), date(2026, 3, 2),
...                             summary="the lift is broken")
>>> issue = engine.command(issue.id, "triage", Actor("residents_committee"), date(2026, 3, 2),
...                        category="routine")
>>> issue.state, issue.data["level"]
('handling', 0)
"""

from __future__ import annotations

import heapq
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Protocol

from governance_rules.calendar import WorkingCalendar
from governance_rules.charter import Charter, load_charter
from governance_rules.errors import CommandRefused, PermissionDenied
from governance_rules.store.events import SHANGHAI, Event, NewEvent
from governance_rules.store.memory import MemoryStore
from governance_rules.workflows import (
    SYSTEM,
    Actor,
    Command,
    Context,
    Instance,
    Timer,
    Workflow,
    compile_workflow,
)
from governance_rules.workflows.issues import ACTIVE as ISSUE_ACTIVE

__all__ = ["Engine", "Fired", "Store"]

logger = logging.getLogger(__name__)

FINAL = {"issue": ("closed",), "meeting": ("closed", "cancelled"), "term": ("handed_over",)}


class Store(Protocol):
    """What the engine needs of an event log (``EventStore`` and ``MemoryStore`` have it)."""

    def append(
        self, stream_id: str, expected_version: int, events: list[NewEvent]
    ) -> list[Event]: ...

    def read(self, stream_id: str, after: int = 0) -> list[Event]: ...

    def streams(self, prefix: str = "") -> list[str]: ...


@dataclass(frozen=True)
class Fired:
    """A deadline that ``advance_to`` fired, with what it did."""

    stream_id: str
    timer: Timer
    event: Event


def _actor_text(actor: Actor) -> str:
    return f"{actor.body}/{actor.position or ''}/{actor.id}"


def _actor_from(text: str) -> Actor:
    body, position, ident = [*text.split("/", 2), "", ""][:3]
    return Actor(body, position or None, ident)


class Engine:
    """Runs a charter's workflows over an event log.

    Args:
        charter: A :class:`Charter` or a charter id / file path.
        calendar: The working-day calendar (default: the national calendar).
        store: The event log (default: in memory; pass an ``EventStore`` to persist).
            Existing streams are replayed when the engine starts.
    """

    def __init__(
        self,
        charter: Charter | str,
        *,
        calendar: WorkingCalendar | None = None,
        store: Store | None = None,
    ) -> None:
        self.charter = load_charter(charter) if isinstance(charter, str) else charter
        self.calendar = calendar or WorkingCalendar.china()
        self.store: Store = store if store is not None else MemoryStore()
        self._instances: dict[str, Instance] = {}
        self._contexts: dict[str, Context] = {}
        self._counters: dict[str, int] = {}
        for stream_id in self.store.streams():
            self._instances[stream_id] = self.replay(stream_id)
            prefix = stream_id.rsplit("-", 1)[0]
            self._counters[prefix] = max(
                self._counters.get(prefix, 0), int(stream_id.rsplit("-", 1)[1])
            )

    # -- helpers ------------------------------------------------------------------------
    def _pinned(self, instance: Instance) -> Charter:
        return self.context(instance).charter

    def context(self, instance: Instance) -> Context:
        """The context guards see for ``instance``: its pinned charter version, the calendar."""
        as_of = instance.data["charter_as_of"]
        ctx = self._contexts.get(as_of)
        if ctx is None:
            charter = self.charter.at(date.fromisoformat(as_of))
            ctx = self._contexts[as_of] = Context(charter, self.calendar)
        return ctx

    def workflow(self, instance: Instance) -> Workflow:
        """The compiled workflow for ``instance`` (per pinned charter version and kind)."""
        return compile_workflow(self._pinned(instance), instance.kind)

    def _new_id(self, prefix: str) -> str:
        number = self._counters.get(prefix, 0) + 1
        self._counters[prefix] = number
        return f"{prefix}-{number}"

    def get(self, stream_id: str) -> Instance:
        """The live state of a meeting, issue or term.

        Raises:
            CommandRefused: No such stream.
        """
        try:
            return self._instances[stream_id]
        except KeyError:
            raise CommandRefused(
                "no such meeting, issue or term", where="stream", got=stream_id
            ) from None

    # -- commands -----------------------------------------------------------------------
    def _start(
        self, kind: str, prefix: str, command: Command, data: Mapping[str, Any] | None = None
    ) -> Instance:
        stream_id = self._new_id(prefix)
        initial = {"charter_as_of": command.on.isoformat(), **(data or {})}
        instance = Instance(stream_id, kind, "new", initial)
        try:
            return self._run(instance, command)
        except Exception:
            self._counters[prefix] -= 1
            raise

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
        if actor.body == SYSTEM.body:
            raise PermissionDenied(
                "deadline commands are issued by advance_to, not by callers",
                where=stream_id,
                got=trigger,
                allowed="an actor of a body the charter names",
            )
        return self._run(self.get(stream_id), Command(trigger, actor, on, args))

    def _run(self, instance: Instance, command: Command) -> Instance:
        ctx = self.context(instance)
        workflow = compile_workflow(ctx.charter, instance.kind)
        transition = workflow.decide(instance, command, ctx)
        changes = transition.effect(instance, command, ctx) if transition.effect else {}
        payload = {
            "to": transition.dest,
            "on": command.on.isoformat(),
            "args": dict(command.args),
            "data": changes,
        }
        if instance.version == 0:  # the first event also records what the instance started with
            payload["data"] = {**instance.data, **changes}
        occurred = datetime.combine(command.on, time(0), SHANGHAI)
        event = NewEvent(command.trigger, payload, _actor_text(command.actor), occurred)
        [stored] = self.store.append(instance.id, instance.version, [event])
        self._apply(instance, stored)
        self._instances[instance.id] = instance
        return instance

    @staticmethod
    def _apply(instance: Instance, event: Event) -> None:
        instance.state = event.payload["to"]
        instance.data.update(event.payload["data"])
        instance.version = event.seq

    def report_issue(self, actor: Actor, on: date, *, summary: str = "") -> Instance:
        """A resident or a party reports a problem."""
        return self._start("issue", "issue", Command("report", actor, on, {"summary": summary}))

    def plan_meeting(
        self,
        actor: Actor,
        meeting_kind: str,
        day: date,
        *,
        on: date,
        roster: Mapping[str, int] | None = None,
    ) -> Instance:
        """Plan a meeting of ``meeting_kind`` on ``day``; the convener is fixed now (rotation).

        ``roster`` gives the seats of each member body present at this meeting
        (default: the charter's seats, 1 where the charter leaves it open).
        Open action items of earlier meetings are listed for review.
        """
        if meeting_kind not in self.charter.at(on).meetings:
            raise CommandRefused(
                "no such meeting kind in the charter",
                where="meeting_kind",
                got=meeting_kind,
                allowed=", ".join(self.charter.at(on).meetings),
            )
        charter = self.charter.at(on)
        seats = roster or {b: charter.bodies[b].seats or 1 for b in charter.member_bodies}
        previous = [
            i
            for i in self._instances.values()
            if i.kind == "meeting" and i.data.get("meeting_kind") == meeting_kind
        ]
        review = [
            {"meeting": m.id, "item": n, "matter": a["matter"], "owner": a["owner"]}
            for m in previous
            for n, a in enumerate(m.data.get("actions", []))
            if not a["done_on"]
        ]
        index = len(previous)
        role = charter.role("convener", meeting_kind)
        convener = list(role.holder(index)) if role else []
        args = {
            "meeting_kind": meeting_kind,
            "date": day.isoformat(),
            "index": index,
            "convener": convener,
            "roster": dict(seats),
            "review": review,
        }
        return self._start("meeting", f"meeting-{meeting_kind}", Command("plan", actor, on, args))

    def elect(
        self, term: str, actor: Actor, on: date, *, members: int, **composition: int
    ) -> Instance:
        """Record the election of a committee under the charter's ``terms[term]``."""
        if term not in self.charter.at(on).terms:
            raise CommandRefused(
                "no such term rule in the charter",
                where="term",
                got=term,
                allowed=", ".join(self.charter.at(on).terms),
            )
        command = Command("elect", actor, on, {"members": members, **composition})
        return self._start("term", f"term-{term}", command, {"term": term})

    # -- time -----------------------------------------------------------------------------
    def advance_to(self, day: date) -> list[Fired]:
        """Fire every deadline that has passed by ``day``, in date order.

        A deadline is breached the day after its last day. Firing is deterministic
        (ties in stream order) and idempotent: advancing to the same day again
        fires nothing.
        """
        heap: list[tuple[date, str, int, Timer]] = []
        serial = 0
        for stream_id, instance in self._instances.items():
            for timer in self._open_timers(instance):
                if timer.due < day:
                    heapq.heappush(heap, (timer.due, stream_id, serial, timer))
                    serial += 1
        fired: list[Fired] = []
        while heap:
            due, stream_id, _, timer = heapq.heappop(heap)
            instance = self._instances[stream_id]
            if timer not in self._open_timers(instance):
                continue  # superseded by an earlier firing
            on = date.fromordinal(due.toordinal() + 1)
            self._run(instance, Command(timer.trigger, SYSTEM, on, dict(timer.args)))
            event = self.store.read(stream_id, instance.version - 1)[0]
            fired.append(Fired(stream_id, timer, event))
            for follow in self._open_timers(instance):
                if follow.due < day:
                    heapq.heappush(heap, (follow.due, stream_id, serial, follow))
                    serial += 1
        return fired

    def _open_timers(self, instance: Instance) -> list[Timer]:
        if instance.state in FINAL[instance.kind] or instance.state == "new":
            return []
        return self.workflow(instance).timers(instance, self.context(instance))

    # -- queries ----------------------------------------------------------------------------
    def instances(self, kind: str | None = None) -> list[Instance]:
        """Every meeting, issue or term (of ``kind``), in creation order."""
        return [i for i in self._instances.values() if kind is None or i.kind == kind]

    def open_issues(self) -> dict[tuple[str, int], list[Instance]]:
        """Issues being handled, grouped by (category, ladder level)."""
        grouped: dict[tuple[str, int], list[Instance]] = {}
        for issue in self.instances("issue"):
            if issue.state in ISSUE_ACTIVE:
                key = (issue.data["category"], issue.data["level"])
                grouped.setdefault(key, []).append(issue)
        return grouped

    def deadlines(self, until: date | None = None) -> list[tuple[Instance, Timer]]:
        """Pending deadlines (up to ``until``), soonest first — the upcoming duties."""
        found = [
            (i, t)
            for i in self._instances.values()
            for t in self._open_timers(i)
            if until is None or t.due <= until
        ]
        return sorted(found, key=lambda pair: (pair[1].due, pair[0].id))

    def overdue(self, today: date) -> list[tuple[Instance, Timer]]:
        """Deadlines already past on ``today`` that ``advance_to`` has not fired yet."""
        return [(i, t) for i, t in self.deadlines() if t.due < today]

    def explain(self, stream_id: str) -> list[str]:
        """The history of a stream and its pending deadlines, each with its rule and source."""
        instance = self.get(stream_id)
        charter = self._pinned(instance)
        lines = [
            f"{stream_id} ({instance.kind}) under {charter.id} as of "
            f"{instance.data['charter_as_of']}: {instance.state}"
        ]
        for event in self.store.read(stream_id):
            actor = _actor_from(event.actor)
            lines.append(
                f"  {event.seq}. {event.payload['on']} {event.type} by {actor.body}"
                f" → {event.payload['to']}"
            )
        for timer in self._open_timers(instance):
            citation = _cite(charter, timer.rule)
            lines.append(
                f"  pending: {timer.explanation} [{timer.rule}]"
                + (f" — {citation}" if citation else "")
            )
        return lines

    # -- replay and migration -----------------------------------------------------------
    def replay(self, stream_id: str) -> Instance:
        """Rebuild a stream's state from its events alone."""
        events = self.store.read(stream_id)
        if not events:
            raise CommandRefused("no such stream", where="stream", got=stream_id)
        kind = (
            "issue"
            if stream_id.startswith("issue-")
            else ("meeting" if stream_id.startswith("meeting-") else "term")
        )
        instance = Instance(stream_id, kind, "new", {})
        for event in events:
            self._apply(instance, event)
        return instance

    def migrate(self, stream_id: str, actor: Actor, on: date) -> Instance:
        """Move an open item to the rules in force on ``on`` (an explicit amendment step).

        Raises:
            CommandRefused: The new rules cannot apply to the item (its category,
                level, meeting kind or term rule no longer exists); nothing changes.
        """
        instance = self.get(stream_id)
        new = self.charter.at(on)
        problem = _cannot_migrate(instance, new)
        if problem:
            raise CommandRefused(f"cannot migrate: {problem}", where=stream_id, got=on.isoformat())
        payload = {
            "to": instance.state,
            "on": on.isoformat(),
            "args": {},
            "data": {
                "charter_as_of": on.isoformat(),
                "migrated_from": instance.data["charter_as_of"],
            },
        }
        event = NewEvent(
            "migrate", payload, _actor_text(actor), datetime.combine(on, time(0), SHANGHAI)
        )
        [stored] = self.store.append(stream_id, instance.version, [event])
        self._apply(instance, stored)
        return instance


def _cannot_migrate(instance: Instance, charter: Charter) -> str | None:
    data = instance.data
    if instance.kind == "issue" and "category" in data:
        category = charter.issues.get(data["category"])
        if category is None:
            return f"the new rules have no issue category {data['category']!r}"
        if data["level"] >= len(category.ladder):
            return f"the new ladder has no level {data['level']}"
    if instance.kind == "meeting" and data.get("meeting_kind") not in charter.meetings:
        return f"the new rules have no meeting kind {data.get('meeting_kind')!r}"
    if instance.kind == "term" and data.get("term") not in charter.terms:
        return f"the new rules have no term rule {data.get('term')!r}"
    return None


def _cite(charter: Charter, rule: str) -> str | None:
    parts = rule.split(".")
    for length in range(len(parts), 0, -1):
        prefix = ".".join(parts[:length])
        for path, found in charter.rules():
            if path == prefix:
                return charter.citation(found.source)
    return None
