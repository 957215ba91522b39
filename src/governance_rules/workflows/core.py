"""The workflow machinery: compiled once per (charter, kind), shared by every instance.

A workflow is a list of :class:`Transition` s — trigger, source, destination,
who may issue it, and guards in order — built from a charter's rules. It is
compiled two ways from the same list:

* a ``transitions.Machine`` (the reference semantics; it also draws the diagrams),
  built once per (charter, kind) with no per-object models;
* a transition table ``(state, trigger) → transitions`` that the engine runs on the
  hot path. A hypothesis differential test checks that both make the same
  decisions, in the same guard order, on random command sequences.

Instances are small records (state + data); every accepted command becomes one
event whose payload holds the new state and the data it changed, so replaying
events rebuilds exactly the live state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from transitions import Machine

from governance_rules.errors import CommandRefused, PermissionDenied

if TYPE_CHECKING:
    from governance_rules.calendar import WorkingCalendar
    from governance_rules.charter import Charter

__all__ = [
    "SYSTEM",
    "Actor",
    "Command",
    "Context",
    "Guard",
    "Instance",
    "Timer",
    "Transition",
    "Workflow",
    "expand_self_loops",
]


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
"""The actor of deadline breaches and automatic escalations."""


@dataclass(frozen=True, slots=True)
class Command:
    """A request to move an instance: trigger name, actor, day, arguments."""

    trigger: str
    actor: Actor
    on: date
    args: Mapping[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Instance:
    """A meeting, issue or term: its state and data. Small on purpose."""

    id: str
    kind: str
    state: str
    data: dict[str, Any]
    version: int = 0
    """Events applied so far (the stream's version)."""


@dataclass(frozen=True, slots=True)
class Context:
    """What guards may consult: the charter version pinned by the instance, and the calendar."""

    charter: Charter
    calendar: WorkingCalendar


GuardCheck = Callable[[Instance, Command, Context], str | None]
"""Returns why the command is refused, or ``None`` to allow it."""

Effect = Callable[[Instance, Command, Context], dict[str, Any]]
"""Returns the data the transition sets (merged into ``instance.data``)."""

RoleCheck = Callable[[Instance, Command, Context], tuple[str, ...]]
"""The bodies that may issue a transition for this instance."""


@dataclass(frozen=True)
class Guard:
    """A named check with the charter rule it enforces."""

    name: str
    check: GuardCheck
    rule: str | None = None


@dataclass(frozen=True)
class Transition:
    """One edge of a workflow."""

    trigger: str
    source: tuple[str, ...]
    dest: str
    who: RoleCheck | None = None
    """Who may issue it (``None``: anyone, including the system)."""
    who_label: str = "anyone"
    guards: tuple[Guard, ...] = ()
    effect: Effect | None = None
    rule: str | None = None
    requires: tuple[str, ...] = ()
    """Command arguments that must be present."""


@dataclass(frozen=True, slots=True)
class Timer:
    """A deadline of an instance: when it falls due and what fires once it has passed."""

    due: date
    trigger: str
    args: Mapping[str, Any]
    rule: str
    explanation: str


class Workflow:
    """A workflow kind compiled for one charter."""

    def __init__(
        self,
        kind: str,
        charter: Charter,
        states: Iterable[str],
        initial: str,
        transitions: Iterable[Transition],
        *,
        timers: Callable[[Instance, Context], list[Timer]] | None = None,
        requires: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.kind = kind
        self.charter = charter
        self.states = tuple(states)
        self.initial = initial
        needs = requires or {}
        self.transitions = tuple(
            replace(t, requires=needs.get(t.trigger, t.requires)) for t in transitions
        )
        self._timers = timers
        table: dict[tuple[str, str], list[Transition]] = {}
        for transition in self.transitions:
            for source in transition.source:
                table.setdefault((source, transition.trigger), []).append(transition)
        self.table: Mapping[tuple[str, str], tuple[Transition, ...]] = {
            key: tuple(value) for key, value in table.items()
        }
        self.triggers = tuple(dict.fromkeys(t.trigger for t in self.transitions))
        self._machine: Machine | None = None

    # -- the hot path ---------------------------------------------------------------
    def decide(self, instance: Instance, command: Command, ctx: Context) -> Transition:
        """The transition ``command`` takes from ``instance``'s state.

        Raises:
            CommandRefused: No such command in this state, or a guard refused it.
            PermissionDenied: The actor's body may not issue it; says who may.
        """
        candidates = self.table.get((instance.state, command.trigger))
        if not candidates:
            allowed = sorted({t for (s, t) in self.table if s == instance.state})
            raise CommandRefused(
                f"'{command.trigger}' is not possible when the {self.kind} is {instance.state}",
                where=instance.id,
                got=command.trigger,
                allowed=", ".join(allowed) or "nothing: the workflow has ended",
            )
        refusal: CommandRefused | None = None
        for transition in candidates:
            refusal = self._check(transition, instance, command, ctx)
            if refusal is None:
                return transition
        # the last candidate is the most general one (e.g. "collect a signature"): its reason
        assert refusal is not None
        raise refusal

    def _check(
        self, transition: Transition, instance: Instance, command: Command, ctx: Context
    ) -> CommandRefused | None:
        if transition.who is not None:
            bodies = transition.who(instance, command, ctx)
            if command.actor.body not in bodies:
                return PermissionDenied(
                    f"'{command.trigger}' may only be issued by {transition.who_label}",
                    where=instance.id,
                    got=command.actor.body,
                    allowed=", ".join(bodies) or "no body named by the charter",
                    rule=transition.rule,
                    citation=self._citation(transition.rule),
                )
        missing = [name for name in transition.requires if name not in command.args]
        if missing:
            return CommandRefused(
                f"'{command.trigger}' needs the argument(s) {', '.join(missing)}",
                where=instance.id,
                got=sorted(command.args),
            )
        for guard in transition.guards:
            reason = guard.check(instance, command, ctx)
            if reason is not None:
                return CommandRefused(
                    reason,
                    where=instance.id,
                    got=command.trigger,
                    rule=guard.rule,
                    citation=self._citation(guard.rule),
                )
        return None

    def _citation(self, rule: str | None) -> str | None:
        if rule is None:
            return None
        for path, found in self.charter.rules():
            if path == rule:
                return self.charter.citation(found.source)
        return None

    def timers(self, instance: Instance, ctx: Context) -> list[Timer]:
        """The instance's pending deadlines."""
        return self._timers(instance, ctx) if self._timers else []

    # -- the reference machine --------------------------------------------------------
    @property
    def machine(self) -> Machine:
        """The ``transitions`` machine of this workflow (built once, no models attached)."""
        if self._machine is None:
            self._machine = Machine(
                model=None,
                states=list(self.states),
                initial=self.initial,
                transitions=[self._as_dict(t) for t in self.transitions],
                send_event=True,
                auto_transitions=False,
                ignore_invalid_triggers=False,
            )
        return self._machine

    def _as_dict(self, transition: Transition) -> dict[str, Any]:
        def allowed(event: Any) -> bool:
            kw = event.kwargs
            return self._check(transition, kw["instance"], kw["command"], kw["ctx"]) is None

        return {
            "trigger": transition.trigger,
            "source": list(transition.source),
            "dest": transition.dest,
            "conditions": [allowed],
        }

    def mermaid(self) -> str:
        """The workflow as a mermaid state diagram (guards and roles in the labels)."""
        lines = ["stateDiagram-v2", f"    [*] --> {self.initial}"]
        for t in self.transitions:
            label = t.trigger + (f" [{t.who_label}]" if t.who else "")
            if t.guards:
                label += " if " + ", ".join(g.name for g in t.guards)
            for source in t.source:
                lines.append(f"    {source} --> {t.dest}: {label}")
        return "\n".join(lines) + "\n"

    def dot(self) -> str:
        """The workflow as Graphviz dot."""
        lines = [
            f'digraph "{self.charter.id} {self.kind}" {{',
            "    rankdir=LR;",
            "    node [shape=box, style=rounded];",
            '    "__start" [shape=point];',
            f'    "__start" -> "{self.initial}";',
        ]
        for t in self.transitions:
            label = t.trigger + (f"\\n[{t.who_label}]" if t.who else "")
            if t.guards:
                label += "\\nif " + ", ".join(g.name for g in t.guards)
            for source in t.source:
                lines.append(f'    "{source}" -> "{t.dest}" [label="{label}"];')
        lines.append("}")
        return "\n".join(lines) + "\n"


def expand_self_loops(transitions: Iterable[Transition]) -> list[Transition]:
    """Turn transitions written with ``dest="same"`` into one self-loop per source state."""
    out = []
    for t in transitions:
        if t.dest != "same":
            out.append(t)
            continue
        for source in t.source:
            out.append(replace(t, source=(source,), dest=source))
    return out
