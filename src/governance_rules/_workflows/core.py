"""The workflow machinery: one ``transitions`` machine per (charter version, kind).

A workflow builder turns a charter's rules into ``transitions``' declarative form —
nested states (e.g. one sub-state per escalation level, named by its handler) and
edges whose conditions are the charter's guards — and :class:`Workflow` builds a
``transitions`` hierarchical machine from it. That machine is the definition:

* the engine's hot path is a table ``(leaf state, trigger) → edges`` compiled
  *from the machine's own events and transitions* (:func:`compile_table`), not
  from a parallel list;
* the diagrams are drawn by ``transitions``' own diagram support (mermaid without
  graphviz, dot where the ``graphviz`` package is installed);
* a hypothesis differential test drives the same commands through the machine's
  trigger API and through the table.

Instances are small records (state + a frozen data object); every accepted
command becomes one event holding the new state and the fields it changed, so a
replay rebuilds exactly the live state.
"""

from __future__ import annotations

import logging
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Generic

from transitions.extensions.diagrams import HierarchicalGraphMachine

from governance_rules._workflows.arguments import ArgumentProblem, schema_for
from governance_rules._workflows.state import apply_changes
from governance_rules.errors import (
    CommandRefused,
    GovernanceRulesError,
    InvalidArgument,
    PermissionDenied,
    shown_value,
)

if TYPE_CHECKING:
    from typing_extensions import TypeVar

    from governance_rules._calendar import WorkingCalendar
    from governance_rules._charter import Charter

    Data = TypeVar("Data", default=Any)
    """An instance's data type: ``MeetingData``, ``IssueData``, ``TermData`` or
    ``AppraisalData`` (``Any`` where the kind is not known statically)."""
else:  # the default is for type checkers only; typing's TypeVar takes none before 3.13
    Data = typing.TypeVar("Data")

__all__ = [
    "SYSTEM",
    "SYSTEM_ONLY",
    "Actor",
    "Command",
    "Context",
    "Guard",
    "Instance",
    "Timer",
    "Transition",
    "Workflow",
    "fixed",
    "late_once",
    "moved",
    "record_late",
    "refused",
    "stamp",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who issues a command: a body, optionally a position in it, and an opaque id.

    The id is the app's reference to a person or account; the library stores it
    as given and never needs a name.
    """

    body: str
    position: str | None = None
    id: str = ""


SYSTEM = Actor("system", None, "system")
"""The actor of deadline events (issued only by ``Engine.advance_to``)."""


@dataclass(frozen=True, slots=True)
class Command:
    """A request to move an instance: trigger name, actor, day, arguments."""

    trigger: str
    actor: Actor
    on: date
    args: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Instance(Generic[Data]):
    """A meeting, issue, term or appraisal: its state and its (frozen, typed) data.

    Read-only to apps: the engine moves it (with :func:`moved`) as it applies events, so
    an app's reference stays live, but the app cannot change it without an event.
    Generic in its data for type checkers: ``plan_meeting`` returns an
    ``Instance[MeetingData]``, ``report_issue`` an ``Instance[IssueData]``, ``elect`` an
    ``Instance[TermData]`` and ``open_appraisal`` an ``Instance[AppraisalData]``; a
    plain ``Instance`` (what ``command`` and ``get`` return, of any kind) has ``Any`` data.
    """

    __hash__ = None  # type: ignore[assignment]  # it moves: not a dictionary key

    id: str
    kind: str
    state: str
    data: Data
    """The kind's frozen dataclass (``None`` only before the first event)."""
    as_of: date
    """The day whose charter version the instance follows (pinned when it starts)."""
    version: int = 0
    """Events applied so far (the stream's version)."""
    last_on: date | None = None
    """The day of the stream's last event: later commands may not be dated before it."""


_set = object.__setattr__


def moved(instance: Instance, **fields: Any) -> None:
    """Set ``fields`` of ``instance`` (the engine's way to move the instance apps hold)."""
    for name, value in fields.items():
        _set(instance, name, value)


@dataclass(frozen=True, slots=True)
class Context:
    """What guards may consult: the charter version pinned by the instance, and the calendar."""

    charter: Charter
    calendar: WorkingCalendar


GuardCheck = Callable[[Instance, Command, Context], str | None]
"""Returns why the command is refused, or ``None`` to allow it."""

Effect = Callable[[Instance, Command, Context], dict[str, Any]]
"""Returns the fields the transition sets (replaced in ``instance.data``)."""

RoleCheck = Callable[[Instance, Command, Context], tuple[str, ...]]
"""The bodies that may issue a transition for this instance."""


def fixed(*bodies: str) -> RoleCheck:
    """A who-check naming the same bodies for every instance (``fixed("system")``)."""

    def who(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
        return bodies

    return who


SYSTEM_ONLY = fixed(SYSTEM.body)
"""Only ``advance_to`` issues deadline events."""


def stamp(name: str) -> Effect:
    """Effect: record the command's day in field ``name``."""

    def effect(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
        return {name: command.on}

    return effect


def record_late(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    """Effect of ``duty_late``: add the duty to the item's ``late`` list."""
    return {"late": (*instance.data.late, command.args["duty"])}


def late_once(instance: Instance, command: Command, ctx: Context) -> str | None:
    """Guard of ``duty_late``: a duty is recorded as late once."""
    if command.args.get("duty") in instance.data.late:
        return "already recorded as late"
    return None


class Refused(str):
    """A guard's reason that names the value it refuses (see :func:`refused`)."""

    what: str
    got: object
    allowed: str | None
    rule: str | None


def refused(what: str, got: object, *, allowed: str | None = None, rule: str | None = None) -> str:
    """A guard's reason naming the value refused: the refusal shows that value as what
    it got (a plain reason refuses the command, which is shown instead), and what is
    allowed and the rule, where the guard knows them better than its edge does.

    >>> reason = refused("a later day than today", "2026-01-01")
    >>> reason, reason.what, reason.got
    ("a later day than today (got '2026-01-01')", 'a later day than today', '2026-01-01')
    """
    reason = Refused(f"{what} (got {shown_value(got)})")  # as errors show it: never fails
    reason.what, reason.got, reason.allowed, reason.rule = what, got, allowed, rule
    return reason


@dataclass(frozen=True, slots=True)
class Guard:
    """A named check with the charter rule it enforces (a concrete dotted path)."""

    name: str
    check: GuardCheck
    rule: str | None = None
    label: str | None = None
    """What the diagram shows (with the charter's numbers); defaults to ``name``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Transition:
    """One edge of a workflow (keyword arguments only).

    ``dest=None`` is an internal transition: the state does not change.
    """

    trigger: str
    source: tuple[str, ...]
    dest: str | None
    who: RoleCheck
    who_label: str
    when: Guard | None = None
    """Chooses this edge among several with one trigger (a category, a meeting kind);
    checked before who may issue it."""
    guards: tuple[Guard, ...] = ()
    effect: Effect | None = None
    rule: str | None = None
    label: str | None = None
    """Extra text for the diagram edge (e.g. the notice lead)."""


@dataclass(frozen=True, slots=True)
class Timer:
    """A deadline of an instance: when it falls due and what fires once it has passed."""

    due: date
    trigger: str
    args: Mapping[str, Any]
    rule: str
    explanation: str
    responsible: tuple[str, ...] = ()


class _EdgeCheck:
    """The condition ``transitions`` calls for one edge: the charter's checks, in order."""

    __slots__ = ("__name__", "edge", "workflow")

    def __init__(self, workflow: Workflow, edge: Transition) -> None:
        self.workflow = workflow
        self.edge = edge
        parts = [edge.when.label or edge.when.name] if edge.when else []
        parts.append(f"by {edge.who_label}")
        parts += [g.label or g.name for g in edge.guards]
        if edge.label:
            parts.append(edge.label)
        self.__name__ = "; ".join(parts)

    def __call__(self, event: Any) -> bool:
        kw = event.kwargs
        return self.workflow.check(self.edge, kw["instance"], kw["command"], kw["ctx"]) is None


class _State(HierarchicalGraphMachine.state_cls):  # type: ignore[misc,valid-type]
    separator = "."


class _Machine(HierarchicalGraphMachine):
    state_cls = _State


def _reason(reason: str, command: Command) -> tuple[str, object]:
    """A refusal's message and what it got: the value a guard names, else the command."""
    if type(reason) is Refused:
        return reason.what, reason.got
    return reason, command.trigger


def _named(reason: str) -> tuple[str | None, str | None]:
    """What a guard's refusal allows and the rule it names, where it names them."""
    if type(reason) is Refused:
        return reason.allowed, reason.rule
    return None, None


def who_refusal(
    who: RoleCheck,
    who_label: str,
    rule: str | None,
    *,
    instance: Instance,
    command: Command,
    ctx: Context,
) -> PermissionDenied | None:
    """Why ``command``'s actor may not act under ``who`` (``None`` if it may): not of
    the bodies it names, not the one person it names (``who.identity``), or not in the
    post it names for the actor's body (``who.position``). A refusal cites the role's
    own rule where ``who`` has one (``who.rule``), else ``rule``.
    """
    bodies = who(instance, command, ctx)
    if command.actor.body not in bodies:
        role = getattr(who, "rule", None)  # a role's own rule, if it has one
        cited = (role(instance, command, ctx) if role is not None else None) or rule
        return PermissionDenied(
            f"'{command.trigger}' may only be issued by {who_label}",
            where=instance.id,
            got=command.actor.body,
            allowed=_allowed_actors(who, bodies, instance, command, ctx),
            rule=cited,
            citation=ctx.charter.cite(cited),
        )
    same = getattr(who, "identity", None)  # (body, id, who that is)
    person = same(instance, command) if same is not None else None
    if person is not None and command.actor.id != person[1]:
        body, wanted, which = person
        return PermissionDenied(
            f"'{command.trigger}' may only be issued by {who_label}: of {body}, only "
            f"{which} (id {wanted!r})",
            where=instance.id,
            got=command.actor.id,
            allowed=f"Actor({body!r}, id={wanted!r})",
            rule=rule,
            citation=ctx.charter.cite(rule),
        )
    needs = getattr(who, "position", None)
    holder = needs(instance, command, ctx) if needs is not None else None
    if holder is not None and command.actor.body == holder[0]:
        body, positions, path = holder
        if command.actor.position not in positions:
            return PermissionDenied(
                f"'{command.trigger}' may only be issued by the {' or '.join(positions)} "
                f"of {body}",
                where=instance.id,
                got=command.actor.position,
                allowed=_in_post(body, positions),
                rule=path,
                citation=ctx.charter.cite(path),
            )
    return None


def _allowed_actors(
    who: RoleCheck, bodies: tuple[str, ...], instance: Instance, command: Command, ctx: Context
) -> str:
    """The bodies that may act, each with the position the charter requires of it, so
    an actor of another body learns the post it must act in (co-building-two-thirds 二、1:
    the Party committee's secretary chairs): ``Actor('party_org', position='secretary')``."""
    needs = getattr(who, "position", None)
    allowed = []
    for body in bodies:
        holder = None
        if needs is not None:
            holder = needs(instance, replace(command, actor=Actor(body)), ctx)
        if holder is not None and holder[0] == body:
            allowed.append(_in_post(body, holder[1]))
        else:
            allowed.append(body)
    return ", ".join(allowed) or "no body named by the charter"


def _in_post(body: str, positions: Iterable[str]) -> str:
    """The actors of ``body`` in one of ``positions``, as an app writes them."""
    return " or ".join(f"Actor({body!r}, position={p!r})" for p in positions)


Edge = tuple[Transition, str]
"""A compiled edge: the transition and the leaf state it reaches."""


class Workflow:
    """A workflow kind compiled for one charter version.

    Args:
        kind: ``meeting``, ``issue``, ``term`` or ``appraisal``.
        charter: The charter version it was compiled from.
        states: ``transitions`` state definitions (names, or dicts with ``children``).
        initial: The initial state.
        transitions: The edges.
        final: Leaf states (or parents of leaves) where the workflow has ended.
        active: States (or parents) where an item is being worked on; default: every
            state that is neither initial nor final.
        prefix: The stream-id prefix of instances (``issue`` → ``issue-17``).
        data_type: The frozen dataclass holding an instance's data.
        timers: The pending deadlines of an instance.
        migration_problem: Why an instance cannot move to this charter version, or ``None``.
        responsible: The bodies that answer for an instance (e.g. may migrate it).
        answering: The who-check of the bodies (and posts) that answer for an instance,
            with the path of the rule naming them (a refusal cites it).
        renewing: Triggers that start a new period of an item (a re-election: a new
            term), which follows the rules in force on its day.
        no_edge: Why the charter gives a command no edge from an instance's state, as
            ``(what, rule)``, where a rule is the reason (a ladder's top level does not
            escalate); ``None`` for the plain "not possible" refusal.
    """

    def __init__(
        self,
        *,
        kind: str,
        charter: Charter,
        states: Sequence[str | Mapping[str, Any]],
        initial: str,
        transitions: Iterable[Transition],
        final: Iterable[str],
        prefix: str,
        active: Iterable[str] | None = None,
        data_type: type,
        timers: Callable[[Instance, Context], list[Timer]] | None = None,
        migration_problem: Callable[[Instance, Charter], str | None] | None = None,
        responsible: Callable[[Instance, Charter], tuple[str, ...]] | None = None,
        answering: Callable[[Instance], tuple[RoleCheck, str | None]] | None = None,
        no_edge: Callable[[Instance, Command, Context], tuple[str, str] | None] | None = None,
        renewing: Iterable[str] = (),
    ) -> None:
        self.kind = kind
        self.charter = charter
        self.initial = initial
        self.prefix = prefix
        self.data_type = data_type
        self._timers = timers
        self._migration_problem = migration_problem
        self._responsible = responsible
        self._answering = answering
        self.renewing = frozenset(renewing)
        self._no_edge = no_edge
        self.transitions = tuple(transitions)
        self._definition = {
            "states": list(states),
            "initial": initial,
            "transitions": [
                {
                    "trigger": t.trigger,
                    "source": list(t.source),
                    "dest": t.dest,
                    "conditions": [_EdgeCheck(self, t)],
                    **({"label": f"{t.trigger}"} if t.dest is not None else {}),
                }
                for t in self.transitions
            ],
        }
        self.machine = self._build(self._definition)
        self.table = compile_table(self.machine)
        self._moving = frozenset(s for s, _ in self.table)
        """Leaf states some command (a caller's or a deadline's) leads on from."""
        self.states = tuple(sorted(self._moving | _leaves(self.machine)))
        self.final = frozenset(s for s in self.states if _under(s, final))
        working = [s for s in self.states if s not in self.final and s != initial]
        self.active = frozenset(s for s in working if active is None or _under(s, active))
        """Leaf states in which an item is open and being worked on."""
        self.triggers = tuple(dict.fromkeys(t.trigger for t in self.transitions))
        # what a caller may try in each state: deadline events (advance_to's alone) are not
        # offered to callers as allowed
        self._triggers_in: dict[str, tuple[str, ...]] = {}
        for (state, trigger), edges in self.table.items():
            if any(edge.who is not SYSTEM_ONLY for edge, _ in edges):
                self._triggers_in[state] = (*self._triggers_in.get(state, ()), trigger)

    def _nothing_allowed(self, state: str) -> str:
        """What a refusal allows where a caller may issue nothing in ``state``."""
        if self.leads_on(state):  # only deadline events move it on
            return "nothing a caller may issue now: its deadlines move it on (advance_to)"
        return "nothing: the workflow has ended"

    def leads_on(self, state: str) -> bool:
        """Whether some command (a caller's or a deadline's) leads on from ``state``."""
        return state in self._moving

    @staticmethod
    def _build(definition: Mapping[str, Any], engine: Any = "mermaid") -> Any:
        return _Machine(
            model=None,
            states=definition["states"],
            initial=definition["initial"],
            transitions=definition["transitions"],
            send_event=True,
            auto_transitions=False,
            ignore_invalid_triggers=False,
            graph_engine=engine,
            show_conditions=True,
        )

    # -- the hot path ---------------------------------------------------------------
    def decide(self, instance: Instance, command: Command, ctx: Context) -> Edge:
        """The edge ``command`` takes from ``instance``'s state.

        Raises:
            CommandRefused: No such command in this state, or a guard refused it
                (the error names the rule and cites its source).
            PermissionDenied: The actor's body may not issue it; says who may.
        """
        candidates = self.table.get((instance.state, command.trigger))
        if not candidates:
            allowed = sorted(set(self._triggers_in.get(instance.state, ())))
            # where the charter's rules are why there is no edge, the workflow says which
            why = self._no_edge(instance, command, ctx) if self._no_edge is not None else None
            what, rule = why or (
                f"{command.trigger!r} is not possible when the {self.kind} is {instance.state}",
                None,
            )
            raise CommandRefused(
                what,
                where=instance.id,
                got=command.trigger,
                allowed=", ".join(allowed) or self._nothing_allowed(instance.state),
                rule=rule,
                citation=ctx.charter.cite(rule),
            )
        best: tuple[int, CommandRefused] | None = None
        checked: dict[str, ArgumentProblem | None] = {}  # the arguments, checked once
        for edge in candidates:
            found = self._check(edge[0], instance, command, ctx, checked)
            if found is None:
                return edge
            # report the candidate that got furthest; on a tie the later, more general one
            if best is None or found[0] >= best[0]:
                best = found
        assert best is not None
        raise best[1]

    def check(
        self, transition: Transition, instance: Instance, command: Command, ctx: Context
    ) -> CommandRefused | None:
        """Why ``transition`` may not be taken now (``None`` if it may)."""
        found = self._check(transition, instance, command, ctx)
        return None if found is None else found[1]

    def _check(
        self,
        transition: Transition,
        instance: Instance,
        command: Command,
        ctx: Context,
        checked: dict[str, ArgumentProblem | None] | None = None,
    ) -> tuple[int, CommandRefused] | None:
        if transition.when is not None:
            reason = transition.when.check(instance, command, ctx)
            if reason is not None:
                what, got = _reason(reason, command)
                allowed, named = _named(reason)  # a rule the guard names is the one to cite
                return -1, CommandRefused(what, where=instance.id, got=got, allowed=allowed,
                                          rule=named or transition.when.rule,
                                          citation=ctx.charter.cite(named))  # fmt: skip
        denied = who_refusal(transition.who, transition.who_label, transition.rule,
                             instance=instance, command=command, ctx=ctx)  # fmt: skip
        if denied is not None:
            return 0, denied
        checked = {} if checked is None else checked
        if "args" not in checked:  # one trigger, one schema: the same for every candidate
            checked["args"] = schema_for(command.trigger).problem(command.args, ctx.calendar)
        problem = checked["args"]
        if problem is not None:
            return 1, InvalidArgument(
                f"'{command.trigger}' argument {problem.argument!r}: {problem.what}",
                argument=problem.argument,
                where=instance.id,
                got=problem.got,
                allowed=problem.allowed,
            )
        for depth, guard in enumerate(transition.guards, start=2):
            reason = guard.check(instance, command, ctx)
            if reason is not None:
                what, got = _reason(reason, command)
                allowed, named = _named(reason)  # as for the when-check above
                return depth, CommandRefused(
                    what,
                    where=instance.id,
                    got=got,
                    allowed=allowed,
                    rule=named or guard.rule,
                    citation=ctx.charter.cite(named or guard.rule),
                )
        return None

    def advance(self, instance: Instance, dest: str, changes: Mapping[str, Any]) -> None:
        """Move ``instance`` to ``dest`` with ``changes`` (decoded field values) applied."""
        data = instance.data
        _set(instance, "state", dest)
        _set(instance, "data", self.data_type(**changes) if data is None
             else apply_changes(data, changes))  # fmt: skip
        _set(instance, "version", instance.version + 1)

    def timers(self, instance: Instance, ctx: Context) -> list[Timer]:
        """The instance's pending deadlines."""
        if instance.state in self.final or self._timers is None:
            return []
        return self._timers(instance, ctx)

    def responsible(self, instance: Instance) -> tuple[str, ...]:
        """The bodies that answer for ``instance`` under the charter (none if unstated)."""
        return self._responsible(instance, self.charter) if self._responsible else ()

    def answering_refusal(
        self, instance: Instance, command: Command, ctx: Context
    ) -> PermissionDenied | None:
        """Why ``command``'s actor does not answer for ``instance`` (who may migrate it),
        refused as any command's wrong actor is (body, identity, post); ``None`` if it does.
        """
        if self._answering is None or instance.data is None:
            who: RoleCheck = fixed()
            rule = None
        else:
            who, rule = self._answering(instance)
        return who_refusal(who, "the body responsible for the item", rule,
                           instance=instance, command=command, ctx=ctx)  # fmt: skip

    def migration_problem(self, instance: Instance) -> str | None:
        """Why ``instance`` cannot follow this charter version (``None`` if it can)."""
        if self._migration_problem is None:
            return None
        return self._migration_problem(instance, self.charter)

    # -- diagrams ---------------------------------------------------------------------
    def __repr__(self) -> str:
        return (
            f"Workflow({self.kind!r} of {self.charter.id!r} version {self.charter.version!r}, "
            f"{len(self.states)} states, {len(self.transitions)} edges)"
        )

    def diagram(self, fmt: str = "mermaid") -> str:
        """The workflow drawn by ``transitions`` (``mermaid``, or ``dot`` with graphviz).

        Raises:
            GovernanceRulesError: ``dot`` was asked for and the ``graphviz`` package
                is not installed.
        """
        if fmt == "mermaid":
            machine = self.machine
        else:
            try:
                import graphviz  # type: ignore[import-not-found]  # noqa: F401, PLC0415
            except ImportError:
                raise GovernanceRulesError(
                    "dot diagrams need the graphviz Python package",
                    where="format",
                    got=fmt,
                    allowed="mermaid, or install graphviz (pip install graphviz)",
                ) from None
            machine = self._build(self._definition, "graphviz")

        class _Model:
            pass

        model = _Model()
        machine.add_model(model, initial=self.initial)
        try:
            graph = model.get_graph(title=f"{self.charter.id} {self.kind}")  # type: ignore[attr-defined]
            text = graph.draw(None) if fmt == "mermaid" else graph.source
        finally:
            machine.remove_model(model)
        return str(text)

    def mermaid(self) -> str:
        """The workflow as a mermaid state diagram."""
        return self.diagram("mermaid")


def compile_table(machine: Any) -> dict[tuple[str, str], tuple[Edge, ...]]:
    """The engine's table, read from a ``transitions`` machine's own definition.

    For every leaf state and trigger: the edges ``transitions`` would try, the
    innermost state's first (as a hierarchical machine resolves them), each with
    the leaf it reaches (a compound destination enters its initial child; an
    internal transition stays).
    """
    separator = machine.state_cls.separator
    table: dict[tuple[str, str], tuple[Edge, ...]] = {}
    for leaf in sorted(_leaves(machine)):
        path = leaf.split(separator)
        for trigger, event in machine.events.items():
            found: list[Edge] = []
            for depth in range(len(path), 0, -1):
                for tr in event.transitions.get(separator.join(path[:depth]), ()):
                    check = tr.conditions[0].func
                    dest = leaf if tr.dest is None else _enter(machine, tr.dest)
                    found.append((check.edge, dest))
            if found:
                table[(leaf, trigger)] = tuple(found)
    return table


def _leaves(machine: Any) -> set[str]:
    return {
        name for name in machine.get_nested_state_names() if not machine.get_state(name).states
    }


def _enter(machine: Any, name: str) -> str:
    state = machine.get_state(name)
    while state.states:
        name = f"{name}{machine.state_cls.separator}{state.initial}"
        state = machine.get_state(name)
    return name


def _under(state: str, roots: Iterable[str]) -> bool:
    return any(state == r or state.startswith(r + ".") or state.endswith("." + r) for r in roots)
