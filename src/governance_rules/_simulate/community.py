"""One community's years under one charter: the synthetic work driven through the engine.

The work a community faces — when each issue arrives, of what kind, how long each
step takes, who is absent, how members vote, which steps come late — is drawn from
random streams seeded by ``(seed, community, item)`` only, never by the charter,
so every charter meets the same work. The charter decides what may happen: each
step is chosen from the commands its compiled machine offers in the item's state,
issued by a body the charter allows, through the real :class:`Engine`. A step the
charter refuses is counted (with the rule) and the item moves on or stops.

>>> from governance_rules._charter import load_charter
>>> from governance_rules._calendar import WorkingCalendar
>>> from governance_rules._simulate.load import read_load
>>> tally = run_community(load_charter("yangxin-2022"), WorkingCalendar.china(),
...                       read_load(), seed=1, community=0, years=1)
>>> tally.counts["issues.reported"] >= 30, tally.counts["meetings.held"] >= 6
(True, True)
"""

from __future__ import annotations

import functools
import heapq
import itertools
import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, ClassVar, NamedTuple

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter import Charter
from governance_rules._charter.rotation import RotationChoice, holders
from governance_rules._engine import Engine, Fired
from governance_rules._obligations import obligations
from governance_rules._simulate.load import SimulationLoad
from governance_rules._workflows import Actor, Command, Context, Instance, Workflow
from governance_rules._workflows.meeting_rules import (
    action_deadline,
    left_open,
    notice_args,
    procedure_step,
)
from governance_rules.errors import DateOutOfRangeError, GovernanceRulesError

__all__ = ["Tally", "run_community"]

#: Commands only ``advance_to`` issues.
_SYSTEM = frozenset(
    {"duty_late", "action_overdue", "breach", "reelection_due", "term_expired", "window_closed"}
)
#: Commands the simulated parties never choose (the load has no reason for them).
_NEVER = _SYSTEM | {"postpone", "cancel", "change_members", "report_change", "reopen",
                    "object", "answer_objection", "migrate"}  # fmt: skip
_BEFORE_HOLD = ("sign_notice", "issue_notice", "set_agenda")
_TERM_STEPS = ("hold_first_meeting", "file", "reelect", "hand_over")
_APPRAISAL_STEPS = ("record_scores", "publicise", "approve")
_KIND_FALLBACK = ("routine", "complaint")
_STREET = "street_office"
_MAX_TRIES = 3
#: The actor of the probe command that asks a charter who may act.
_ANYONE = Actor("-")


#: The day of a step counted past the calendar's last day: never reached.
PAST_END = date.max


@dataclass
class Tally:
    """What happened in one or more community-years under one charter: plain counters.

    ``counts`` holds dotted names (``issues.resolved.L1_party_org``,
    ``refused.hold.meetings.regular.notice.lead``); ``resolution_days`` maps working
    days from report to resolution to the number of issues. Tallies add up.
    """

    counts: Counter[str] = field(default_factory=Counter)
    resolution_days: Counter[int] = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        """Add ``other`` into this tally."""
        self.counts.update(other.counts)
        self.resolution_days.update(other.resolution_days)


class _Draws:
    """Independent random streams of one community, keyed by item."""

    __slots__ = ("prefix",)

    def __init__(self, seed: int, community: int) -> None:
        self.prefix = f"{seed}/{community}/"

    def __call__(self, key: str) -> random.Random:
        return random.Random(self.prefix + key)


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth's method; the means here are small)."""
    if mean <= 0:
        return 0
    if mean > 30:  # a normal approximation keeps the loop short
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


@dataclass
class _Issue:
    """One synthetic issue: when, what kind, and its private draws."""

    day: date
    kind: str
    pick: float
    rng: random.Random


@functools.lru_cache(maxsize=64)
def _months(year: int) -> tuple[tuple[date, int], ...]:
    """Each month of ``year``: its first day and its length in days."""
    firsts = [date(year, month, 1) for month in range(1, 13)] + [date(year + 1, 1, 1)]
    return tuple((first, (after - first).days) for first, after in itertools.pairwise(firsts))


def issue_arrivals(load: SimulationLoad, draws: _Draws, year: int) -> list[_Issue]:
    """The issues one community reports in ``year`` (the same for every charter)."""
    weights = load.issues.seasonal
    total = sum(weights)
    found: list[_Issue] = []
    for kind in sorted(load.issues.per_year):
        rate = load.issues.per_year[kind]
        rng = draws(f"arrivals/{year}/{kind}")
        for weight, (first, length) in zip(weights, _months(year), strict=True):
            count = _poisson(rng, rate * weight / total)
            for _ in range(count):
                day = first + timedelta(days=rng.randrange(length))
                found.append(
                    _Issue(day, kind, rng.random(), draws(f"issue/{year}/{kind}/{len(found)}"))
                )
    found.sort(key=lambda i: (i.day, i.kind))
    return found


_CATEGORY = frozenset({"category"})

#: Which of the load's chances an issue's step draws against (none, escalate, follow up).
_NO_DRAW, _ESCALATE, _FOLLOW_UP = 0, 1, 2


class _IssueState(NamedTuple):
    """What an issue's handler does in one state of its workflow."""

    final: bool
    draw: int
    """:data:`_NO_DRAW`, or the chance drawn against to choose between the two steps."""
    drawn: str | None
    """The step taken if the draw comes under the chance (or, with no draw, the step)."""
    not_drawn: str | None
    level: str
    """The ladder level (``L1_party_org``; ``""`` outside one)."""
    handler: str
    """The level's handler (``party_org``; ``""`` if none)."""


def _key(stream: str, rule: str, trigger: str, args: Any) -> tuple[str, str, str, Any]:
    """A deadline's identity: its stream, rule, trigger and arguments (text, in any order)."""
    if not args:
        return stream, rule, trigger, ""
    try:
        return stream, rule, trigger, frozenset(args.items())
    except TypeError:  # a value that cannot be hashed: compared by its text
        return stream, rule, trigger, repr(sorted(args.items()))


def _shared(cache: dict[Any, Any], name: str, owner: object) -> dict[Any, Any]:
    """A dict kept in ``cache`` for ``owner`` (held there too, so its ``id`` stays its own)."""
    key = (name, id(owner))
    found = cache.get(key)
    if found is None or found[0] is not owner:
        found = cache[key] = (owner, {})
    memo: dict[Any, Any] = found[1]
    return memo


def _reporter(charter: Charter, category: str | None = None) -> str:
    """Who reports an issue of ``category``: the charter's residents, unless the category
    takes only reports by named bodies (``raised_by``), then the first of those.

    >>> from governance_rules._charter import load_charter
    >>> charter = load_charter("pm-liaison-bimonthly")
    >>> _reporter(charter), _reporter(charter, "rc_questions")
    ('residents', 'residents_committee')
    """
    found = [b for b, body in charter.bodies.items() if body.kind.value == "residents"]
    residents = found[0] if found else "residents"
    raisers = charter.issues[category].raised_by if category is not None else None
    return residents if raisers is None or residents in raisers else raisers[0]


class _Run:
    """Drives one community's items through one engine, day by day."""

    #: Whether an issue's acting body is remembered (off: worked out for every command,
    #: which the tests compare against).
    remember_actors: ClassVar[bool] = True

    def __init__(
        self,
        charter: Charter,
        calendar: WorkingCalendar,
        load: SimulationLoad,
        draws: _Draws,
        tally: Tally,
        *,
        cache: dict[Any, Any] | None = None,
    ) -> None:
        cache = cache if cache is not None else {}
        self.engine = Engine(charter, calendar=calendar)
        self.charter = charter
        self.calendar = calendar
        self.load = load
        self.draws = draws
        self.tally = tally
        self.counts = tally.counts
        self.agenda: list[tuple[date, int, Callable[..., None], tuple[Any, ...]]] = []
        self.serial = itertools.count(1)  # ties on a day: in the order they were set
        self.seen: dict[tuple[str, str, str, Any], date] = {}
        self.fired: set[tuple[str, str, str, Any]] = set()
        self.street_reached: set[str] = set()
        self.rotation: RotationChoice | None = None
        # what each community would work out again, kept per workflow (compiled once per
        # charter version and shared, so the workflow object itself is the key) or calendar
        self.actors: dict[tuple[Any, ...], Actor | None] = cache.setdefault(("actors",), {})
        self.triggers: dict[tuple[Workflow, str], tuple[str, ...]] = cache.setdefault(
            ("triggers",), {}
        )
        self.issue_states: dict[tuple[Workflow, str], _IssueState] = cache.setdefault(
            ("issue-states",), {}
        )
        self.working: dict[tuple[date, int], date] = _shared(cache, "working-days", calendar)
        self.compiled: dict[tuple[date, str], tuple[Workflow, Context]] = {}
        self.means = dict(load.handling_days)
        self.default_mean = load.handling_days["default"]
        self.miss, self.late_by = load.miss_deadline, load.late_by
        self.chances = (1.0, load.issues.escalate, load.issues.follow_up)
        self.reporters: dict[str | None, Actor] = {}
        self.categories: dict[str, list[str]] = {}

    # -- scheduling ---------------------------------------------------------------------
    def at(self, day: date, action: Callable[..., None], *args: Any) -> None:
        """Call ``action(day, *args)`` on ``day`` (after the actions dated before it, and
        after those already set for that day)."""
        heapq.heappush(self.agenda, (day, next(self.serial), action, args))

    def run_until(self, end: date) -> None:
        """Run every action dated before ``end``, firing deadlines as days pass."""
        agenda, pop, advance_to = self.agenda, heapq.heappop, self.engine.advance_to
        while agenda and agenda[0][0] < end:
            day, _, action, args = pop(agenda)
            fired = advance_to(day)
            if fired:
                self._fired(fired)
            action(day, *args)
        self._fired(advance_to(min(end, self.calendar.last_date)))

    def _fired(self, fired: list[Fired]) -> None:
        for fired_one in fired:
            timer = fired_one.timer
            self.fired.add(_key(fired_one.stream_id, timer.rule, timer.trigger, timer.args))
            self.counts[f"deadlines.fired.{timer.trigger}"] += 1
            instance = self.engine.get(fired_one.stream_id)
            if instance.kind == "issue":
                self._note_level(instance)

    def add_working_days(self, day: date, steps: int) -> date:
        """``calendar.add_working_days``, remembered (the calendar does not change).

        A count that runs past the calendar's last day gives :data:`PAST_END` (a
        simulation never runs past that day, so the step is never taken); one that runs
        before its first day gives the first day.
        """
        found = self.working.get((day, steps))
        if found is None:
            try:
                found = self.calendar.add_working_days(day, steps)
            except DateOutOfRangeError:
                found = PAST_END if steps > 0 else self.calendar.first_date
            self.working[(day, steps)] = found
        return found

    def delay(self, rng: random.Random, body: str, day: date, *, may_miss: bool = True) -> date:
        """The day a step by ``body`` is done, counted from ``day`` in working days."""
        mean = self.means.get(body, self.default_mean)
        steps = math.ceil(rng.expovariate(1 / mean)) if mean > 0 else 0
        if may_miss and rng.random() < self.miss:
            steps += self.late_by
        if not steps:
            return day
        found = self.working.get((day, steps))  # add_working_days' memory, read here
        return self.add_working_days(day, steps) if found is None else found

    # -- commands -----------------------------------------------------------------------
    def compiled_for(self, instance: Instance) -> tuple[Workflow, Context]:
        """The engine's workflow and context of ``instance`` (looked up once per version)."""
        key = (instance.as_of, instance.kind)
        found = self.compiled.get(key)
        if found is None:
            engine = self.engine
            found = self.compiled[key] = (engine.workflow(instance), engine.context(instance))
        return found

    def available(self, workflow: Workflow, state: str) -> tuple[str, ...]:
        key = (workflow, state)
        found = self.triggers.get(key)
        if found is None:
            found = tuple(t for (s, t) in workflow.table if s == state and t not in _NEVER)
            self.triggers[key] = found
        return found

    def actor(
        self, workflow: Workflow, ctx: Context, instance: Instance, trigger: str, *, on: date,
        args: dict[str, Any],
    ) -> Actor | None:  # fmt: skip
        """A body the charter lets issue ``trigger`` now (with the position it names).

        Minutes are signed by one member after another: each signature comes from the
        next body with an unsigned seat, as a member of its own (``id`` and ``slot``), so
        a sign-off by several bodies or by every attending member can be completed.

        On an issue the answer depends only on the state (the ladder level), the
        reporter and the category argument (the level's handlers and positions, and
        which category's edge applies), so it is worked out once per workflow and those.
        """
        if (
            workflow.kind == "issue"
            and instance.data is not None
            and args.keys() <= _CATEGORY
            and self.remember_actors
        ):
            key = (workflow, instance.state, trigger, instance.data.reporter, args.get("category"))
            try:
                return self.actors[key]
            except KeyError:
                found = self._actor(workflow, ctx, instance, trigger, on=on, args=args)
                self.actors[key] = found
                return found
        return self._actor(workflow, ctx, instance, trigger, on=on, args=args)

    def _actor(
        self, workflow: Workflow, ctx: Context, instance: Instance, trigger: str, *, on: date,
        args: dict[str, Any],
    ) -> Actor | None:  # fmt: skip
        probe = Command(trigger, _ANYONE, on, args)
        for edge, _ in workflow.table.get((instance.state, trigger), ()):
            if edge.when is not None and edge.when.check(instance, probe, ctx) is not None:
                continue
            bodies = [b for b in edge.who(instance, probe, ctx) if b != "system"]
            if not bodies:
                continue
            body, member = bodies[0], None
            if trigger == "sign_minutes" and instance.data is not None:
                body, member = self._next_signer(instance, bodies, ctx)
                args["slot"] = member
            needs = getattr(edge.who, "position", None)
            holder = needs(instance, probe, ctx) if needs is not None else None
            # a role may name several positions: any of them acts; take the first
            position = holder[1][0] if holder is not None and holder[0] == body else None
            return Actor(body, position, f"{body}-{member}" if member is not None else "")
        return None

    @staticmethod
    def _next_signer(instance: Instance, bodies: list[str], ctx: Context) -> tuple[str, int]:
        """The body whose turn it is to sign, and which of its members signs."""
        data = instance.data
        minutes = ctx.charter.meetings[data.meeting_kind].minutes
        approving = minutes.sign_off.bodies if minutes and minutes.sign_off else ()
        bodies = [b for b in bodies if b in approving] or bodies  # only they approve
        signed = Counter(s.body for s in data.signatures)
        start = len(data.signatures)
        turn = [bodies[(start + k) % len(bodies)] for k in range(len(bodies))]
        seats = {b: max(data.roster.get(b, 1), data.present.get(b, 0), 1) for b in bodies}
        if minutes and minutes.sign_off and minutes.sign_off.kind.value == "each_attendee":
            seats = {b: data.present.get(b, 0) for b in bodies}  # only attendees sign
        body = next((b for b in turn if signed[b] < seats[b]), turn[0])
        return body, signed[body]

    def issue(self, call: Callable[[], Instance], trigger: str, body: str) -> Instance | None:
        """Run one command; count it, or count its refusal with the rule."""
        try:
            instance = call()
        except GovernanceRulesError as exc:
            self._refused(trigger, exc)
            return None
        self._accepted(instance, body, *self.compiled_for(instance))
        return instance

    def _refused(self, trigger: str, exc: GovernanceRulesError) -> None:
        rule = getattr(exc, "rule", None) or type(exc).__name__
        self.counts[f"refused.{trigger}.{rule}"] += 1
        self.counts["refused"] += 1

    def _accepted(self, instance: Instance, body: str, workflow: Workflow, ctx: Context) -> None:
        """Count an accepted command and note the deadlines it leaves pending."""
        counts = self.counts
        counts["workload." + body] += 1
        counts["commands"] += 1
        if instance.data is None:
            return
        stream = instance.id
        # the engine worked these out for the command just accepted (else: work them out)
        known_for, version, timers = self.engine._last_timers
        if known_for != stream or version != instance.version:
            timers = workflow.timers(instance, ctx)
        if timers:
            seen = self.seen
            for timer in timers:
                seen[_key(stream, timer.rule, timer.trigger, timer.args)] = timer.due

    def _command(
        self, instance: Instance, trigger: str, on: date, args: dict[str, Any],
        compiled: tuple[Workflow, Context],
    ) -> Instance | None:  # fmt: skip
        workflow, ctx = compiled
        actor = self.actor(workflow, ctx, instance, trigger, on=on, args=args)
        if actor is None:
            self.counts[f"refused.{trigger}.no_body"] += 1
            self.counts["refused"] += 1
            return None
        try:
            done = self.engine.command(instance.id, trigger, actor, on, **args)
        except GovernanceRulesError as exc:
            self._refused(trigger, exc)
            return None
        self._accepted(done, actor.body, workflow, ctx)
        return done

    # -- issues -------------------------------------------------------------------------
    def category(self, issue: _Issue) -> str | None:
        issues = self.charter.issues
        if not issues:
            return None
        for kind in (issue.kind, *_KIND_FALLBACK):
            names = self.categories.get(kind)
            if names is None:
                names = self.categories[kind] = [
                    n for n, c in issues.items() if c.kind.value == kind
                ]
            if names:
                return names[int(issue.pick * len(names))]
        return next(iter(issues))

    def report(self, day: date, issue: _Issue) -> None:
        """The issue is reported on ``day``; its first level's handler takes it in."""
        engine = self.engine
        self.counts["issues.reported"] += 1
        self.counts[f"issues.reported.{issue.kind}"] += 1
        if not engine.charter.issues:  # no ladder: the engine takes no issue it can't move
            self.counts["issues.no_ladder"] += 1
            return
        category = self.category(issue)  # a charter with issues has one for every kind
        # reported by a body the category takes reports from (its raised_by, if any)
        reporter = self.reporters.get(category)
        if reporter is None:
            reporter = self.reporters[category] = Actor(_reporter(self.charter, category))
        instance = self.issue(lambda: engine.report_issue(reporter, day), "report",
                              reporter.body)  # fmt: skip
        if instance is None or category is None:
            return
        # the first level's handler takes it in (the load's handling days for that body)
        first = self.charter.issues[category].ladder[0].handler  # a ladder has a level
        rng = issue.rng
        self.at(self.delay(rng, first, day, may_miss=False), self.step_issue, instance,
                category, rng, 0)  # fmt: skip

    def _note_level(self, instance: Instance) -> None:
        reached = f".L{instance.data.level}_{_STREET}." in instance.state
        if reached and instance.id not in self.street_reached:
            self.street_reached.add(instance.id)
            self.counts["issues.reached_street_office"] += 1

    def _issue_state(self, workflow: Workflow, state: str) -> _IssueState:
        """What an issue's handler does in ``state`` (worked out once per workflow and state).

        The handler triages, then (at an open level) escalates as drawn, else replies or
        resolves; after a reply it follows up as drawn, else resolves; after a follow-up
        it resolves; a resolved issue is closed. Each is the first of those the state
        offers (``None``: nothing, the issue is stuck).
        """
        key = (workflow, state)
        found: _IssueState | None = self.issue_states.get(key)
        if found is not None:
            return found
        offered = self.available(workflow, state)
        step = state.rsplit(".", 1)[-1]

        def first(*wanted: str) -> str | None:
            return next((t for t in wanted if t in offered), None)

        draw, drawn, not_drawn = _NO_DRAW, None, None
        if "triage" in offered:
            drawn = not_drawn = "triage"
        elif step == "open":
            draw = _ESCALATE
            drawn, not_drawn = first("escalate", "reply", "resolve"), first("reply", "resolve")
        elif step == "replied":
            draw = _FOLLOW_UP
            drawn, not_drawn = first("follow_up", "resolve"), first("resolve", "follow_up")
        elif step == "followed_up":
            drawn = not_drawn = first("resolve")
        elif step == "resolved":
            drawn = not_drawn = first("close")
        parts = state.split(".")
        level = parts[2] if len(parts) > 2 else ""
        found = self.issue_states[key] = _IssueState(
            state in workflow.final,
            draw,
            drawn,
            not_drawn,
            level,
            level.split("_", 1)[1] if len(parts) > 3 else "",
        )
        return found

    def step_issue(
        self, day: date, instance: Instance, category: str, rng: random.Random, tries: int
    ) -> None:
        """The issue's handler takes its next step on ``day`` (and sets the one after)."""
        compiled = self.compiled_for(instance)
        workflow = compiled[0]
        states = self.issue_states
        final, draw, drawn, not_drawn, _, _ = states.get(
            (workflow, instance.state)
        ) or self._issue_state(workflow, instance.state)
        if final:
            return
        # a step the load draws for (escalate, follow up) takes one draw, else none
        trigger = drawn if draw == _NO_DRAW or rng.random() < self.chances[draw] else not_drawn
        counts = self.counts
        if trigger is None:
            counts["issues.stuck"] += 1
            return
        level = instance.data.level
        done = self._command(instance, trigger, day,
                             {"category": category} if trigger == "triage" else {},
                             compiled)  # fmt: skip
        if done is None:
            if tries + 1 < _MAX_TRIES:
                self.at(self.add_working_days(day, 1), self.step_issue, instance, category,
                        rng, tries + 1)  # fmt: skip
            else:
                counts["issues.stuck"] += 1
            return
        if trigger == "escalate":
            counts["issues.escalated"] += 1
        level_name, handler = (
            states.get((workflow, done.state)) or self._issue_state(workflow, done.state)
        )[4:]
        if trigger == "resolve":
            counts[f"issues.resolved.{level_name}"] += 1
            counts["issues.resolved"] += 1
            self.tally.resolution_days[
                self.calendar.working_days_between(done.data.reported_on, day)
            ] += 1
        if level != done.data.level or trigger == "escalate":
            self._note_level(done)
        if trigger == "close":
            return
        body = instance.data.reporter if trigger == "resolve" else handler
        self.at(self.delay(rng, body or "default", day), self.step_issue, instance, category,
                rng, 0)  # fmt: skip

    # -- meetings -----------------------------------------------------------------------
    def plan(self, on: date, kind: str, day: date, key: str) -> None:
        """A meeting of ``kind`` on ``day`` is planned on ``on``; its draws are ``key``'s."""
        engine, charter = self.engine, self.charter
        rng = self.draws(key)
        probe = Instance("meeting-0", "meeting", "new", None, on)
        workflow, ctx = self.compiled_for(probe)
        args: dict[str, Any] = {"meeting_kind": kind, "roles": self._roles(kind, day)}
        actor = self.actor(workflow, ctx, probe, "plan", on=on, args=args)
        if actor is None:
            self.counts[f"refused.plan.{kind}.no_body"] += 1
            self.counts["refused"] += 1
            return
        rotation = None
        if self.rotation is None and any(r.rotation for r in charter.roles.values()):
            rotation = RotationChoice(tuple(charter.member_bodies), day)
        self.counts[f"meetings.planned.{kind}"] += 1
        self.counts["meetings.planned"] += 1
        meeting = self.issue(
            lambda: engine.plan_meeting(actor, kind, day, on=on, rotation=rotation),
            "plan", actor.body,
        )  # fmt: skip
        if meeting is None:
            return
        self.rotation = self.rotation or rotation
        # as after every later step, a late one before the meeting still comes by its day
        self.at(min(self.delay(rng, actor.body, on), day), self.step_meeting, meeting, rng, 0)

    def _roles(self, kind: str, day: date) -> dict[str, list[str]]:
        charter = self.charter
        choice = self.rotation or RotationChoice(tuple(charter.member_bodies), day)
        roles: dict[str, list[str]] = {}
        rule = charter.meetings[kind]
        for name in {*charter.roles, *rule.roles}:
            found = holders(charter, name, kind, day, choice)
            roles[name] = list(found or ())
        return roles

    def _meeting_step(
        self, meeting: Instance, day: date, offered: tuple[str, ...], rng: random.Random
    ) -> tuple[str | None, dict[str, Any]]:
        """The next step of a meeting and its arguments (``"wait"``: not before its day)."""
        data = meeting.data
        if data.held_on is None:
            # the notice is signed once; then it goes out
            skip = "sign_notice" if data.notice_signed_on is not None else ""
            step = next((t for t in _BEFORE_HOLD if t in offered and t != skip), None)
            if step is not None:
                notice = self.charter.meetings[data.meeting_kind].notice
                if step != "issue_notice" or notice is None:
                    return step, {}
                # the approving bodies agree in full: the simulation does not model dissent
                return step, notice_args(notice, data)
        if day < data.day:
            return "wait", {}
        if "hold" in offered:
            absent = self.load.meetings.absence
            present = {
                b: sum(rng.random() >= absent for _ in range(n)) for b, n in data.roster.items()
            }
            return "hold", {"present": present}
        rule = self.charter.meetings[data.meeting_kind]
        at = procedure_step(meeting)  # a procedure in session: its steps in order
        voting = at is None or at == rule.vote_step or rule.vote_step is None
        if (
            "record_decision" in offered
            and voting
            and len(data.decisions) < self.load.meetings.decisions_per_meeting
        ):
            return "record_decision", self._ballot(meeting, rng)
        if "next_step" in offered:
            return "next_step", {}
        open_items = [n for n, a in enumerate(data.actions) if a.done_on is None]
        if open_items and "complete_action" in offered:
            return "complete_action", {"item": open_items[0]}
        for name in ("draft_minutes", "sign_minutes", "distribute", "close"):
            if name in offered and not (name == "close" and open_items):
                return name, {}
        return None, {}

    def step_meeting(self, day: date, meeting: Instance, rng: random.Random, tries: int) -> None:
        """The meeting's next step on ``day`` (and the one after it set)."""
        compiled = self.compiled_for(meeting)
        workflow = compiled[0]
        state = meeting.state
        if state in workflow.final:
            return
        data = meeting.data
        trigger, args = self._meeting_step(meeting, day, self.available(workflow, state), rng)
        if trigger == "wait":
            self.at(data.day, self.step_meeting, meeting, rng, 0)
            return
        if trigger is None:
            self.counts["meetings.stuck"] += 1
            return
        done = self._command(meeting, trigger, day, args, compiled)
        if done is None:
            if tries + 1 < _MAX_TRIES:
                self.at(self.add_working_days(day, 1), self.step_meeting, meeting, rng,
                        tries + 1)  # fmt: skip
            else:
                self.counts["meetings.not_held" if data.held_on is None else "meetings.stuck"] += 1
            return
        self._count_meeting(trigger, day, data, done)
        if trigger == "close":
            return
        quick = trigger in ("hold", "record_decision", "next_step")
        nxt = day if quick else self.delay(rng, "meeting_office", day)
        if done.data.held_on is None:  # a late step before the meeting still comes by its day
            nxt = max(day, min(nxt, done.data.day))  # never before the step just taken
        self.at(nxt, self.step_meeting, meeting, rng, 0)

    def _count_meeting(self, trigger: str, day: date, before: Any, done: Instance) -> None:
        if trigger == "hold":
            self.counts["meetings.held"] += 1
            self.counts[f"meetings.held.{before.meeting_kind}"] += 1
            if day == before.day and before.override is None and not before.late:
                self.counts["meetings.held_on_time"] += 1
        elif trigger == "record_decision":
            record = done.data.decisions[-1]
            self.counts[f"decisions.{record.rule}.{record.outcome}"] += 1
            self.counts[f"decisions.{record.outcome}"] += 1
        elif trigger == "close":
            self.counts["meetings.closed"] += 1

    def _ballot(self, meeting: Instance, rng: random.Random) -> dict[str, Any]:
        data = meeting.data
        rule = self.charter.at(meeting.as_of).meetings[data.meeting_kind]
        support, abstain = self.load.votes.support, self.load.votes.abstain
        votes = []
        for body, count in sorted(data.present.items()):
            for n in range(count):
                roll = rng.random()
                choice = "yes" if roll < support else (
                    "abstain" if rng.random() < abstain else "no")  # fmt: skip
                votes.append({"body": body, "choice": choice, "voter": f"{body}-{n}"})
        args: dict[str, Any] = {"matter": f"matter {len(data.decisions) + 1}", "votes": votes}
        if rule.decision is not None and rule.decision.kind == "joint_approval":
            # each body answers as one: it approves with the load's share of support
            del args["votes"]
            args["approvals"] = {
                b: "yes" if rng.random() < support else "no" for b in rule.decision.bodies
            }
        elif rule.decision is None or left_open(rule.decision):
            yes = sum(v["choice"] == "yes" for v in votes)
            args["outcome"] = "passed" if 2 * yes > len(votes) else "failed"
        items = rule.action_items
        if items is not None:
            if data.roster:
                args["owner"] = next(iter(data.roster))
            due = min(self.add_working_days(data.day, 20), self.calendar.last_date)
            limit = action_deadline(meeting, self.engine.context(meeting))
            if limit is not None:  # the charter's time for action items bounds the due day
                due = min(due, limit)
            if due > data.day:
                args["due"] = due  # else none: the charter's limit is the due day
        return args

    # -- terms and appraisal ------------------------------------------------------------
    def elect(self, on: date, term: str) -> None:
        """The committee of ``term`` is elected on ``on``."""
        engine = self.engine
        rule = self.charter.terms[term]
        size = getattr(rule, "size", None)
        members = 7 if size is None or size.min is None else size.min
        if size is not None and size.odd and members % 2 == 0:
            members += 1
        probe = Instance("term-0", "term", "new", None, on)
        workflow, ctx = self.compiled_for(probe)
        args = {"term": term, "members": members}
        actor = self.actor(workflow, ctx, probe, "elect", on=on, args=args)
        if actor is None:
            self.counts["refused.elect.no_body"] += 1
            self.counts["refused"] += 1
            return
        self.counts["terms.elections"] += 1
        instance = self.issue(lambda: engine.elect(term, actor, on, members=members),
                              "elect", actor.body)  # fmt: skip
        if instance is not None:
            rng = self.draws(f"term/{term}/{on.year}")
            self.at(self.delay(rng, actor.body, on), self.step_term, instance, rng, 0)

    def step_term(self, day: date, term: Instance, rng: random.Random, tries: int) -> None:
        """The term's next step on ``day``: its first meeting, filing, re-election."""
        compiled = self.compiled_for(term)
        offered = self.available(compiled[0], term.state)
        done_steps = (
            getattr(term.data, "first_meeting_on", None),
            getattr(term.data, "filed_on", None),
        )
        for trigger in _TERM_STEPS:
            if trigger not in offered:
                continue
            if trigger == "hold_first_meeting" and done_steps[0] is not None:
                continue
            if trigger == "file" and done_steps[1] is not None:
                continue
            if trigger == "reelect" and not term.state.endswith(("reelection_due", "overdue")):
                continue
            args: dict[str, Any] = {"members": term.data.members} if trigger == "reelect" else {}
            done = self._command(term, trigger, day, args, compiled)
            if done is not None:
                self.counts[f"terms.{trigger}"] += 1
                self.at(self.delay(rng, "default", day), self.step_term, term, rng, 0)
            elif tries + 1 < _MAX_TRIES:
                self.at(self.add_working_days(day, 1), self.step_term, term, rng, tries + 1)
            return

    def appraise(self, on: date, year: int) -> None:
        """The appraisal of ``year`` is opened on ``on``."""
        engine = self.engine
        probe = Instance("appraisal-0", "appraisal", "new", None, on)
        workflow, ctx = self.compiled_for(probe)
        actor = self.actor(workflow, ctx, probe, "open", on=on, args={"year": year})
        if actor is None:
            return
        instance = self.issue(lambda: engine.open_appraisal(actor, year, on), "open_appraisal",
                              actor.body)  # fmt: skip
        if instance is not None:
            self.counts["appraisals.opened"] += 1


def run_community(
    charter: Charter,
    calendar: WorkingCalendar,
    load: SimulationLoad,
    *,
    seed: int,
    community: int,
    years: int,
    tally: Tally | None = None,
    cache: dict[Any, Any] | None = None,
) -> Tally:
    """Simulate one community for ``years`` years from ``load.start_year`` under ``charter``.

    Returns the tally (``tally``, added to, when given). ``cache`` keeps what depends
    only on the charter and the year (its dated duties) between communities. Refused commands are
    counted, never raised; an exception from outside the library propagates (a bug).
    """
    tally = tally if tally is not None else Tally()
    cache = cache if cache is not None else {}
    draws = _Draws(seed, community)
    run = _Run(charter, calendar, load, draws, tally, cache=cache)
    first = load.start_year
    for term in sorted(charter.terms):
        rng = draws(f"term-start/{term}")
        on = calendar.next_working_day(date(first, 1, 1) + timedelta(days=rng.randrange(330)))
        run.at(on, run.elect, term)
    for year in range(first, first + years):
        for issue in issue_arrivals(load, draws, year):
            run.at(issue.day, run.report, issue)
        _schedule_meetings(run, year, cache)
    run.run_until(date(first + years, 1, 1))
    run.agenda.clear()  # its actions refer to the run: freed now, not by the cycle collector
    for key, due in run.seen.items():
        if key in run.fired:
            tally.counts[f"duties.missed.{key[1]}"] += 1
            tally.counts["duties.missed"] += 1
        elif due < date(first + years, 1, 1):
            tally.counts[f"duties.met.{key[1]}"] += 1
            tally.counts["duties.met"] += 1
    return tally


def _schedule_meetings(run: _Run, year: int, cache: dict[Any, Any]) -> None:
    """Every regular meeting the charter's windows call for, the special ones, the appraisal."""
    charter, calendar, load, draws = run.charter, run.calendar, run.load, run.draws
    for kind, key, days, count in _duties(charter, calendar, year, cache):
        if kind == "evaluation":
            run.at(days[0], run.appraise, year)
            continue
        rng = draws(key)
        for _ in range(count):
            day = days[rng.randrange(len(days))]
            on = max(run.add_working_days(day, -load.meetings.plan_ahead), date(year, 1, 1))
            run.at(on, run.plan, kind, day, key)
    specials = [k for k, rule in charter.meetings.items() if rule.cadence is None]
    for n in range(load.meetings.special_per_year if specials else 0):
        rng = draws(f"special/{year}/{n}")
        kind = specials[int(rng.random() * len(specials))]
        day = calendar.next_working_day(date(year, 1, 15) + timedelta(days=rng.randrange(330)))
        on = run.add_working_days(day, -load.meetings.plan_ahead)
        run.at(on, run.plan, kind, day, f"special/{year}/{n}")


def _duties(
    charter: Charter, calendar: WorkingCalendar, year: int, cache: dict[Any, Any]
) -> list[tuple[str, str, list[date], int]]:
    """The charter's meeting windows (kind, draw key, working days, meetings) and appraisal."""
    key = ("duties", id(charter), year)
    found: list[tuple[str, str, list[date], int]] | None = cache.get(key)
    if found is not None:
        return found
    found = []
    seen: Counter[str] = Counter()
    for duty in obligations(charter, year, calendar=calendar):
        if duty.kind == "evaluation":
            found.append(("evaluation", "", [duty.start], 1))
        if duty.kind != "meeting":
            continue
        kind = duty.rule.split(".", 1)[1]
        seen[kind] += 1
        days = [d.date for d in calendar.days(duty.start, duty.end) if d.is_working]
        if days:
            found.append((kind, f"meeting/{year}/{kind}/{seen[kind]}", days, duty.count))
    cache[key] = (charter, found)[1]
    cache[("charter", id(charter))] = charter  # keeps id() valid while the cache lives
    return found
