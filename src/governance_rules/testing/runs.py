"""Engine runs: a command sequence played against an engine, checked step by step.

A :class:`Step` is an intent — start an item of a workflow kind, command an open
item, or let time pass — that :class:`Run` resolves against the live engine: which
item, trigger, actor and arguments it picks depends on the state reached, so any
sequence of steps is meaningful (hypothesis draws and shrinks them, see
:mod:`governance_rules.testing.strategies`). A step with ``valid=True`` picks an
actor the charter allows and plausible arguments; ``valid=False`` picks any body and
hostile arguments. After every step the run checks the dynamic invariants:

* ``refused_command_changes_nothing``: a refused command leaves items, log and ids as
  they were;
* ``only_library_errors``: nothing but the library's errors escapes a command;
* ``engine_decision_equals_decide``: a recorded decision is what ``decide()`` gives on
  the same ballot (the members present at ``hold`` as its base);
* ``every_deadline_has_a_responsible_body``: each pending deadline names who answers
  for it;
* ``open_rules_are_not_enforced``: no deadline is set or fires under a timing the
  source leaves open (promptly, any time, unspecified); a refusal that only keeps
  events in order (no notice after its meeting) enforces no number and is allowed;
* ``replay_equals_live`` (at the end): replaying each stream's events gives its live
  state.

>>> from governance_rules import load_charter
>>> run = Run(load_charter("yangxin-2022"))
>>> for step in (Step("start", "issue"), Step("command", variant=0), Step("advance", days=9)):
...     run.apply(step)
>>> run.trace[0]
'2026-03-02 report_issue by owners_assembly -> issue-1 reported'
>>> run.finish()
[]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter import Charter
from governance_rules._charter.rotation import RotationChoice, holders
from governance_rules._charter.types import Timing
from governance_rules._decisions import Ballot, BodyApprovals, Choice, Vote, decide
from governance_rules._engine import Engine
from governance_rules._workflows import KINDS, SYSTEM, Actor, Command, Instance
from governance_rules._workflows.meeting_rules import DecisionRecord, notice_args
from governance_rules.errors import DateOutOfRangeError, GovernanceRulesError
from governance_rules.testing.arguments import whole
from governance_rules.testing.arguments import years as checked_years
from governance_rules.testing.violations import Found, Violation, named

__all__ = [
    "ACTIONS",
    "MAX_CHOICE",
    "MAX_DAYS",
    "START",
    "Run",
    "Step",
    "engine_and_calendar_agree_on_conveners",
    "resolve_rule",
]

START = date(2026, 3, 2)
"""The first day of a run unless given (a Monday, before the May Day holiday)."""

HOSTILE: tuple[Any, ...] = (
    None,
    True,
    -1,
    0,
    10**30,
    2.5,
    "",
    "abc",
    "2026-06-01",
    [],
    {},
    date(1990, 1, 1),
    "maybe",
    "hackers",
)


ACTIONS = ("start", "command", "advance")
"""What a :class:`Step` does."""

MAX_DAYS = 3660
"""The most days one step waits (ten years; the calendar's data ends long before)."""

MAX_CHOICE = 2**63 - 1
"""The largest ``pick``, ``actor`` or ``variant`` of a step (each is taken modulo the
choices it picks among)."""


def acting_as(charter: Charter, body: str, meeting_kind: str | None = None) -> Actor:
    """An actor of ``body`` carrying the position the charter gives that body in its
    roles (the head of the Party organisation convenes, …).

    For a meeting kind, its own roles come first, then the charter's; where the body
    holds several positions, the convener's (else the chair's) is taken.
    """
    roles = dict(charter.roles)
    if meeting_kind is not None and meeting_kind in charter.meetings:
        roles.update(charter.meetings[meeting_kind].roles)
    held = {name: found[0] for name, a in roles.items() if (found := a.positions_for(body))}
    for name in ("convener", "chair"):
        if name in held:
            return Actor(body, held[name])
    positions = set(held.values())
    return Actor(body, positions.pop() if len(positions) == 1 else None)


@dataclass(frozen=True)
class Step:
    """One step of a command sequence (an intent the run resolves against the engine).

    Attributes:
        action: ``start`` an item of ``kind``, ``command`` an open item, or ``advance``
            time by ``days``.
        kind: The workflow kind of a ``start``.
        pick: Which item (or meeting kind, term) among those possible.
        actor: Which body among those allowed (``valid``) or all (not ``valid``).
        days: Days to wait before the step (``advance``: days to move on).
        variant: Which trigger and which argument set.
        valid: A careful caller (allowed actor, plausible arguments) or a careless one.
        trigger: Issue this trigger (a scenario's step) rather than one chosen by
            ``variant``; refused where the item's state has no such command.
    """

    action: str
    kind: str = "issue"
    pick: int = 0
    actor: int = 0
    days: int = 0
    variant: int = 0
    valid: bool = True
    trigger: str | None = None

    def __repr__(self) -> str:
        """The step as Python that rebuilds it, naming only what differs from the defaults.

        >>> Step("command", pick=2, valid=False)
        Step('command', pick=2, valid=False)
        """
        shown = [repr(self.action)]
        for name, default in _STEP_DEFAULTS:
            value = getattr(self, name)
            if value != default:
                shown.append(f"{name}={value!r}")
        return f"Step({', '.join(shown)})"

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise GovernanceRulesError(
                "not a step action", where="Step.action", got=self.action,
                allowed=", ".join(ACTIONS),
            )  # fmt: skip
        if self.kind not in KINDS:
            raise GovernanceRulesError(
                "not a workflow kind", where="Step.kind", got=self.kind, allowed=", ".join(KINDS)
            )
        for name in ("pick", "actor", "variant"):
            whole(f"Step.{name}", getattr(self, name), 0, MAX_CHOICE)
        whole("Step.days", self.days, 0, MAX_DAYS)
        if type(self.valid) is not bool or not isinstance(self.trigger, (str, type(None))):
            raise GovernanceRulesError(
                "a step's valid must be a bool and its trigger a name or None",
                where="Step", got=(self.valid, self.trigger),
                allowed="valid=True or False, trigger='issue_notice' or None",
            )  # fmt: skip


_STEP_DEFAULTS: tuple[tuple[str, object], ...] = (
    ("kind", "issue"),
    ("pick", 0),
    ("actor", 0),
    ("days", 0),
    ("variant", 0),
    ("valid", True),
    ("trigger", None),
)


def resolve_rule(charter: Charter, path: str | None) -> object:
    """The charter object at a dotted rule path (``meetings.regular.notice.lead``,
    ``issues.routine.ladder[0].deadlines``), or ``None`` if there is none."""
    if not path:
        return None
    node: object = charter
    for part in path.replace("[", ".[").split("."):
        if part.startswith("["):
            index = int(part[1:-1])
            node = node[index] if isinstance(node, tuple) and index < len(node) else None
        elif isinstance(node, Mapping):
            node = node.get(part)
        else:
            node = getattr(node, part, None)
        if node is None:
            return None
    return node


def _is_open(charter: Charter, path: str | None) -> bool:
    found = resolve_rule(charter, path)
    return isinstance(found, Timing) and found.is_open


class Run:
    """An engine under ``charter`` driven by steps, with the dynamic invariants checked.

    Args:
        charter: The charter.
        calendar: The working-day calendar (default: the national one).
        start: The day the run starts.
    """

    def __init__(
        self, charter: Charter, *, calendar: WorkingCalendar | None = None, start: date = START
    ) -> None:
        self.charter = charter
        self.engine = Engine(charter, calendar=calendar)
        self.day = start
        self.trace: list[str] = []
        """One line per step: the day, the command and its actor, and what happened."""
        self.violations: list[Violation] = []
        self._rotation_chosen = False

    # -- violations -----------------------------------------------------------------------
    def _violate(self, invariant: str, explanation: str, rules: tuple[str, ...] = ()) -> None:
        if any(v.invariant == invariant and v.rules == rules for v in self.violations):
            return
        self.violations.append(Violation(invariant, explanation, rules, tuple(self.trace)))

    def _snapshot(self) -> tuple[Any, ...]:
        engine = self.engine
        items = tuple((i.id, i.state, i.data, i.version, i.last_on) for i in engine.instances())
        log = tuple((s, engine.store.version(s)) for s in engine.store.streams())
        return items, log

    # -- steps ------------------------------------------------------------------------------
    def _wait(self, days: int) -> None:
        try:
            self.day += timedelta(days=days)
        except OverflowError:  # past the year 9999: the calendar's data ended long before
            raise DateOutOfRangeError(
                "the run has waited past the last representable day",
                where="Run.day",
                got=f"{self.day} + {days} days",
                allowed="a run that stays within the calendar's data",
            ) from None

    def apply(self, step: Step) -> None:
        """Play one step and check the invariants that follow it."""
        if step.action == "advance":
            self._wait(max(1, step.days))
            try:
                fired = self.engine.advance_to(self.day)
            except GovernanceRulesError as exc:
                self.trace.append(f"{self.day} advance_to: refused ({exc})")
                return
            self.trace.append(f"{self.day} advance_to: {len(fired)} deadline(s) fired")
            for f in fired:
                self.trace.append(f"    {f.stream_id} {f.timer.trigger} [{f.timer.rule}]")
                charter = self.engine.context(self.engine.get(f.stream_id)).charter
                if _is_open(charter, f.timer.rule):
                    self._violate(
                        "open_rules_are_not_enforced",
                        f"a deadline fired under {f.timer.rule}, which the source leaves open",
                        (f.timer.rule,),
                    )
            self._check_deadlines()
            return
        self._wait(step.days % 4)
        planned = self._start(step) if step.action == "start" else self._command(step)
        if planned is None:
            return
        label, call, before_item = planned
        before = self._snapshot()
        try:
            result = call()
        except GovernanceRulesError as exc:
            self.trace.append(f"{label}: refused ({type(exc).__name__}: {str(exc)[:160]})")
            if self._snapshot() != before:
                self._violate(
                    "refused_command_changes_nothing",
                    f"a refused {label.split()[1]} changed the engine's state",
                )
            return
        except Exception as exc:  # a foreign exception: what this invariant looks for
            self.trace.append(f"{label}: {type(exc).__name__}: {str(exc)[:160]}")
            self._violate(
                "only_library_errors",
                f"{type(exc).__name__} escaped {label.split()[1]}: {str(exc)[:160]}",
            )
            return
        self.trace.append(f"{label} -> {result.id} {result.state}")
        self.day = max(self.day, result.last_on or self.day)
        if label.split()[1] == "record_decision" and before_item is not None:
            self._check_decision(before_item, result)
        self._check_deadlines()

    def _start(self, step: Step) -> tuple[str, Any, None] | None:
        charter, engine, day = self.charter.at(self.day), self.engine, self.day
        bodies = [*charter.bodies, "residents"]
        if step.kind == "issue":
            actor = acting_as(charter, bodies[step.actor % len(bodies)])
            return (
                f"{day} report_issue by {actor.body}",
                lambda: engine.report_issue(actor, day, summary="a leak"),
                None,
            )
        if step.kind == "meeting" and charter.meetings:
            return self._plan(step, charter)
        if step.kind == "term" and charter.terms:
            term = list(charter.terms)[step.pick % len(charter.terms)]
            allowed = list(charter.terms[term].elected_by) or bodies
            pool = allowed if step.valid else bodies
            actor = acting_as(charter, pool[step.actor % len(pool)])
            members: Any = 7 if step.valid else HOSTILE[step.variant % len(HOSTILE)]
            return (
                f"{day} elect {term} by {actor.body} members={members!r}",
                lambda: engine.elect(term, actor, day, members=members),
                None,
            )
        if step.kind == "appraisal" and charter.evaluation is not None:
            organiser = charter.evaluation.organiser
            actor = acting_as(
                charter, organiser if step.valid else bodies[step.actor % len(bodies)]
            )
            return (
                f"{day} open_appraisal by {actor.body}",
                lambda: engine.open_appraisal(actor, day.year, day),
                None,
            )
        return None

    def _plan(self, step: Step, charter: Charter) -> tuple[str, Any, None]:
        engine, day = self.engine, self.day
        kind = list(charter.meetings)[step.pick % len(charter.meetings)]
        rule = charter.meetings[kind]
        cal = engine.calendar
        earliest = day + timedelta(days=14)  # time for a notice and an agenda
        target = earliest + timedelta(days=step.variant % 14)
        if rule.cadence is not None:
            windows = [
                w
                for y in (day.year, day.year + 1)
                for w in rule.window.windows(y, rule.cadence)
                if w.end >= earliest
            ]
            for w in windows:
                working = [d.date for d in cal.days(max(w.start, earliest), w.end) if d.is_working]
                if working:
                    target = working[(step.variant // 3) % len(working)]
                    break
        target = target if cal.is_working_day(target) else cal.next_working_day(target)
        rotation = None
        assignment = charter.role("convener", kind)
        if (
            assignment is not None
            and assignment.rotation is not None
            and not assignment.rotation.order_stated
            and not self._rotation_chosen
        ):
            rotation = RotationChoice(assignment.rotation.order, target)
        found = holders(charter, "convener", kind, target, rotation, delegates=False) or ()
        bodies = [*charter.bodies, "residents"]
        allowed = list(found) or list(charter.member_bodies) or bodies
        pool = allowed if step.valid else bodies
        actor = acting_as(charter, pool[step.actor % len(pool)], kind)
        text = f"{day} plan_meeting {kind} on {target} by {actor.body}"

        def call() -> Instance:
            instance = engine.plan_meeting(actor, kind, target, on=day, rotation=rotation)
            self._rotation_chosen = self._rotation_chosen or rotation is not None
            return instance

        return text, call, None

    def _command(self, step: Step) -> tuple[str, Any, Instance] | None:
        engine = self.engine
        items = [i for i in engine.instances() if i.state not in engine.workflow(i).final]
        if not items:
            self.trace.append(f"{self.day} (nothing open)")
            return None
        item = items[step.pick % len(items)]
        workflow, ctx = engine.workflow(item), engine.context(item)
        triggers = sorted({t for (s, t) in workflow.table if s == item.state})
        on = max(self.day, item.last_on or self.day)
        probe = Command("x", Actor("x"), on, {})
        allowed = {
            t: [
                b
                for edge in workflow.table[(item.state, t)]
                for b in edge[0].who(item, probe, ctx)
                if b != SYSTEM.body
            ]
            for t in triggers
        }
        if step.valid:
            triggers = [t for t in triggers if allowed[t]]
        if step.trigger is not None:
            triggers = [step.trigger]
            allowed.setdefault(step.trigger, [])
        if not triggers:
            self.trace.append(f"{self.day} (no command for {item.id} {item.state})")
            return None
        trigger = triggers[step.variant % len(triggers)]
        if step.valid and trigger == "hold" and item.data.day >= on:
            on = item.data.day
        args = self._args(item, on, step, trigger) if step.valid else self._hostile(step)
        bodies = allowed[trigger] if step.valid else []
        bodies = bodies or [*self.charter.bodies, "residents"]
        kind = item.data.meeting_kind if item.kind == "meeting" and item.data else None
        actor = acting_as(self.charter, bodies[step.actor % len(bodies)], kind)
        shown = ", ".join(f"{k}={v!r}" for k, v in args.items())
        snapshot = Instance(
            item.id, item.kind, item.state, item.data, item.as_of, item.version, item.last_on
        )
        return (
            f"{on} {trigger} {item.id} by {actor.body}" + (f" ({shown})" if shown else ""),
            lambda: engine.command(item.id, trigger, actor, on, **args),
            snapshot,
        )

    def _args(self, item: Instance, on: date, step: Step, trigger: str = "") -> dict[str, Any]:
        data, charter = item.data, self.engine.context(item).charter
        variant = step.variant
        roster: dict[str, int] = dict(getattr(data, "roster", None) or {})
        if trigger == "triage":
            categories = list(charter.issues) or ["none"]
            return {"category": categories[variant % len(categories)]}
        if trigger == "hold":
            return {"present": roster}
        notice = charter.meetings[data.meeting_kind].notice if trigger == "issue_notice" else None
        if notice is not None:  # what the charter has it state; the approvals it needs
            return notice_args(notice, data)
        if trigger == "record_decision":
            rule = charter.meetings[data.meeting_kind]
            choice = ("yes", "no", "abstain")[variant % 3]
            present: dict[str, int] = dict(getattr(data, "present", None) or roster)
            votes = [{"body": b, "choice": choice} for b, n in present.items() for _ in range(n)]
            args: dict[str, Any] = {"matter": "repair the gate"}
            if rule.decision is None or rule.decision.kind == "unspecified":
                args["outcome"] = ("passed", "failed")[variant % 2]
            elif rule.decision.kind == "joint_approval":  # each body's answer; the last silent
                answer = ("yes", "no", "yes")[variant % 3]
                bodies = rule.decision.bodies[: len(rule.decision.bodies) - variant % 2]
                args["approvals"] = dict.fromkeys(bodies, answer)
            else:
                args["votes"] = votes
            if rule.action_items is not None:
                if rule.action_items.owner_required:
                    args["owner"] = next(iter(roster), "residents_committee")
                if rule.action_items.due_date_required:
                    args["due"] = data.day + timedelta(days=30)
            return args
        if trigger == "postpone":
            return {"date": max(on, data.day) + timedelta(days=10)}
        if trigger in ("complete_action", "action_overdue"):
            return {"item": 0}
        if trigger in ("change_members", "reelect"):
            return {"members": 7}
        if trigger == "object":
            return {"subject": next(iter(charter.member_bodies), "residents_committee")}
        if trigger == "answer_objection":
            return {"index": 0}
        if trigger == "record_scores" and charter.evaluation is not None:
            subjects = list(charter.evaluation.subjects)
            return {"scores": [[s, "x", 90] for s in subjects]}
        return {}

    def _hostile(self, step: Step) -> dict[str, Any]:
        names = ("present", "votes", "date", "category", "members", "item", "bogus")
        return {names[step.variant % len(names)]: HOSTILE[step.actor % len(HOSTILE)]}

    # -- checks -------------------------------------------------------------------------------
    def _check_deadlines(self) -> None:
        for instance, timer in self.engine.deadlines():
            if _is_open(self.engine.context(instance).charter, timer.rule):
                self._violate(
                    "open_rules_are_not_enforced",
                    f"{instance.id} has a deadline under {timer.rule}, which the source "
                    "leaves open",
                    (timer.rule,),
                )
            if not timer.responsible:
                self._violate(
                    "every_deadline_has_a_responsible_body",
                    f"the deadline '{timer.explanation}' of {instance.id} names no "
                    "responsible body",
                    (timer.rule,),
                )

    def _check_decision(self, before: Instance, after: Instance) -> None:
        record: DecisionRecord = after.data.decisions[-1]
        charter = self.engine.context(after).charter
        spec = charter.meetings[before.data.meeting_kind].decision
        command_args = self._last_args(after)
        if spec is None or spec.kind == "unspecified":
            if not record.declared or record.outcome != command_args.get("outcome"):
                self._violate(
                    "engine_decision_equals_decide",
                    "with no rule the engine must record the declared outcome",
                    (f"meetings.{before.data.meeting_kind}.decision",),
                )
            return
        if spec.kind == "joint_approval":
            expected = decide(
                spec, BodyApprovals.of(spec.bodies, command_args.get("approvals", {}))
            )
            self._compare_decision(before, record, spec.kind, expected.passed)
            return
        present: dict[str, int] = before.data.present
        seats = {b: n for b, n in before.data.roster.items() if n > 0}
        votes, cast = [], dict.fromkeys(present, 0)
        for i, vote in enumerate(command_args.get("votes", [])):
            votes.append(Vote(f"v{i}", vote["body"], Choice.parse(str(vote["choice"]))))
            cast[vote["body"]] += 1
        for body, count in present.items():
            votes += [Vote(f"{body}-{k}", body, Choice.ABSTAIN) for k in range(count - cast[body])]
        expected = decide(spec, Ballot.open(seats, votes))
        self._compare_decision(before, record, spec.kind, expected.passed)

    def _compare_decision(
        self, before: Instance, record: DecisionRecord, kind: str, passed: bool
    ) -> None:
        outcome = "passed" if passed else "failed"
        if record.outcome != outcome or record.rule != kind:
            self._violate(
                "engine_decision_equals_decide",
                f"the engine recorded {record.outcome} under {record.rule}; decide() gives "
                f"{outcome} under {kind}",
                (f"meetings.{before.data.meeting_kind}.decision",),
            )

    def _last_args(self, item: Instance) -> Mapping[str, Any]:
        event = self.engine.store.read(item.id, item.version - 1)[0]
        args = event.payload.get("args", {})
        return args if isinstance(args, Mapping) else {}

    def finish(self) -> list[Violation]:
        """Check that replaying every stream gives its live state; return all violations."""
        engine = self.engine
        for live in engine.instances():
            replayed = engine.replay(live.id)
            fields = ("state", "data", "version", "as_of", "last_on")
            differ = [f for f in fields if getattr(replayed, f) != getattr(live, f)]
            if differ:
                self._violate(
                    "replay_equals_live",
                    f"replaying {live.id} gives a different {', '.join(differ)} "
                    f"({getattr(replayed, differ[0])!r}, live {getattr(live, differ[0])!r})",
                )
        return list(self.violations)


#: The workflow kinds a run can start.
RUN_KINDS = tuple(KINDS)


def engine_and_calendar_agree_on_conveners(
    charter: Charter,
    *,
    calendar: WorkingCalendar | None = None,
    years: tuple[int, ...] = (2025, 2026),
) -> list[Violation]:
    """The engine lets the convener the year's calendar names plan each regular meeting.

    For every window of every meeting kind with a cadence, a meeting is planned on the
    window's first working day by the convener ``obligations`` lists; the engine must
    accept it and record the same convener (its delegate aside). Where the source
    leaves a rotation's order open, the order as listed, starting with the first
    window, stands for the community's choice.
    """
    from governance_rules._obligations import obligations  # noqa: PLC0415 - a higher layer

    engine = Engine(charter, calendar=calendar)
    cal = engine.calendar
    years = checked_years("years", years, cal)
    choice: RotationChoice | None = None
    found: Found = []
    for year in years:
        ch = charter.at(date(year, 1, 1))
        if choice is None:
            for key, rule in ch.meetings.items():
                assignment = ch.role("convener", key)
                if (
                    rule.cadence is not None
                    and assignment is not None
                    and assignment.rotation is not None
                    and not assignment.rotation.order_stated
                ):
                    first = rule.window.windows(years[0], rule.cadence)[0].start
                    choice = RotationChoice(assignment.rotation.order, first)
        for item in obligations(charter, year, cal, rotation=choice):
            if item.kind != "meeting" or not item.convener:
                continue
            key = item.rule.split(".")[1]
            days = [d.date for d in cal.days(item.start, item.end) if d.is_working]
            if not days:
                continue
            actor = acting_as(charter, item.convener[0], key)
            example = (
                f"window {item.start}..{item.end}",
                f"calendar convener {item.convener[0]}",
                f"plan_meeting {key} on {days[0]} by {actor.body}",
            )
            try:
                meeting = engine.plan_meeting(
                    actor, key, days[0], on=item.start - timedelta(days=30), rotation=choice
                )
            except GovernanceRulesError as exc:
                found.append(
                    (
                        f"the engine refuses the convener the calendar names for the {key} "
                        "meeting",
                        (f"meetings.{key}", "roles.convener"),
                        (*example, f"refused: {exc}"),
                    )
                )
                continue
            recorded = tuple(meeting.data.roles.get("convener", ()))
            assignment = ch.role("convener", key)
            delegates = set(assignment.delegates if assignment is not None else ())
            delegates -= set(item.convener)
            if tuple(b for b in recorded if b not in delegates) != item.convener:
                found.append(
                    (
                        f"the engine and the calendar name different conveners of the {key} "
                        "meeting",
                        (f"meetings.{key}", "roles.convener"),
                        (*example, f"the engine records {', '.join(recorded)}"),
                    )
                )
    return named("engine_and_calendar_agree_on_conveners", found)
