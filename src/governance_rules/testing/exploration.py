"""Exhaustive exploration of a charter's compiled machines.

Each workflow (meeting, issue, term, appraisal) is finite once its data is
abstracted away: breadth-first search over its leaf states, taking every edge of
the engine's table whatever its guards say (a guard depends on dates and counts,
which the abstraction drops), finds

* states no sequence of commands reaches (``every_state_is_reachable``);
* states that are not final and that no command leaves, or from which no final state
  can be reached (``every_item_can_end``; a workflow without final states, such as a
  committee's run of terms, must instead be able to go on for ever from every state);
* ladder levels that no trigger leaves (``ladder_levels_can_be_left``);
* commands that no body may issue (``every_command_has_an_issuer``);

each reported with the shortest sequence of triggers that reaches the state.

>>> from governance_rules import load_charter
>>> found = explore(load_charter("yangxin-2022"), "issue")
>>> found.path_to("closed")[:2]
('new --report--> reported', 'reported --triage--> handling.routine.L0_residents_committee.open')
>>> every_item_can_end(load_charter("yangxin-2022"))
[]
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass
from datetime import date

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter import Charter
from governance_rules._workflows import (
    KINDS,
    SYSTEM,
    Actor,
    Command,
    Context,
    Workflow,
    compile_workflow,
)
from governance_rules.testing.arguments import kind as checked_kind
from governance_rules.testing.runs import Run, Step
from governance_rules.testing.static import versions
from governance_rules.testing.violations import Found, Violation, named

_RUNS, _STEPS = 3, 30
"""Seeded careful runs (and their length) whose items check the item-dependent issuers."""

__all__ = [
    "Exploration",
    "every_command_has_an_issuer",
    "every_item_can_end",
    "every_state_is_reachable",
    "explore",
    "in_use",
    "ladder_levels_can_be_left",
]


@dataclass(frozen=True)
class Exploration:
    """What breadth-first search found in one compiled workflow."""

    workflow: Workflow
    parents: dict[str, tuple[str, str]]
    """Each reached state → (previous state, trigger) on a shortest path (initial: absent)."""
    can_end: frozenset[str]
    """States from which some final state can be reached; in a workflow without final
    states (it runs on), those from which it can go on for ever (reach a round it can
    repeat)."""

    @property
    def reached(self) -> frozenset[str]:
        """The states some sequence of commands reaches."""
        return frozenset({self.workflow.initial, *self.parents})

    def path_to(self, state: str) -> tuple[str, ...]:
        """The shortest path of triggers from the initial state, one edge per line."""
        steps: list[str] = []
        while state in self.parents:
            before, trigger = self.parents[state]
            steps.append(f"{before} --{trigger}--> {state}")
            state = before
        return tuple(reversed(steps))


def _edges(workflow: Workflow) -> dict[str, list[tuple[str, str]]]:
    """Each state's ways on: (trigger, destination), internal transitions left out.

    An external transition back into its own state stays: it is a round the item can
    repeat (a committee with no handover re-elected again in ``reelected``).
    """
    out: dict[str, list[tuple[str, str]]] = {s: [] for s in workflow.states}
    for (state, trigger), edges in sorted(workflow.table.items()):
        for transition, dest in edges:
            internal = dest == state and transition.dest is None
            if not internal and (trigger, dest) not in out[state]:
                out[state].append((trigger, dest))
    return out


def explore(charter: Charter, kind: str) -> Exploration:
    """Breadth-first search over the leaf states of ``charter``'s ``kind`` workflow.

    Raises:
        GovernanceRulesError: ``kind`` is not a workflow kind.
    """
    checked_kind("explore(kind)", kind)
    workflow = compile_workflow(charter, kind)
    out = _edges(workflow)
    parents: dict[str, tuple[str, str]] = {}
    queue = deque([workflow.initial])
    while queue:
        state = queue.popleft()
        for trigger, dest in out[state]:
            if dest != workflow.initial and dest not in parents:
                parents[dest] = (state, trigger)
                queue.append(dest)
    back: dict[str, set[str]] = {s: set() for s in workflow.states}
    for state, edges in out.items():
        for _, dest in edges:
            back.setdefault(dest, set()).add(state)
    if not workflow.final:
        return Exploration(workflow, parents, _can_go_on(out))
    can_end = set(workflow.final)
    queue = deque(workflow.final)
    while queue:
        for before in back.get(queue.popleft(), ()):
            if before not in can_end:
                can_end.add(before)
                queue.append(before)
    return Exploration(workflow, parents, frozenset(can_end))


def _can_go_on(out: dict[str, list[tuple[str, str]]]) -> frozenset[str]:
    """The states from which some path runs for ever: what is left once dead ends, and
    the states that lead only to them, are taken away one by one."""
    live = set(out)
    dropped = True
    while dropped:
        dropped = False
        for state in sorted(live):
            if not any(dest in live for _, dest in out[state]):
                live.discard(state)
                dropped = True
    return frozenset(live)


def in_use(charter: Charter, kind: str) -> bool:
    """True if ``charter`` has the section that workflow ``kind`` runs (meetings, issues,
    terms, evaluation); the machines of absent sections are not explored."""
    section = {"meeting": charter.meetings, "issue": charter.issues, "term": charter.terms}
    return bool(section[kind]) if kind in section else charter.evaluation is not None


def _explorations(charter: Charter) -> list[tuple[str, str, Exploration]]:
    return [
        (label, kind, explore(ch, kind))
        for label, ch in versions(charter)
        for kind in KINDS
        if in_use(ch, kind)
    ]


def every_state_is_reachable(charter: Charter) -> list[Violation]:
    """Every state of every compiled workflow is reached by some sequence of commands.

    An unreachable ladder level is reported once, with the rule of the level below it
    (how it climbs) and the shortest path to that level; another state with the rules
    of the edges around it.
    """
    found: Found = []
    for label, kind, ex in _explorations(charter):
        levels: set[str] = set()
        for state in ex.workflow.states:
            if state in ex.reached:
                continue
            level = _ladder_level(state)
            if level is None:
                found.append(
                    (
                        f"{label}the {kind} state {state} cannot be reached",
                        _rules_around(ex.workflow, state),
                        _entries(ex, state),
                    )
                )
            elif level not in levels:
                levels.add(level)
                found.append(_unreachable_level(label, ex, level, charter))
    return named("every_state_is_reachable", found)


def _ladder_level(state: str) -> str | None:
    """``handling.<category>.L<i>_<body>`` for a state inside a ladder level, else None."""
    parts = state.split(".")
    if len(parts) >= 3 and parts[0] == "handling" and parts[2][:1] == "L":
        return ".".join(parts[:3])
    return None


def _rules_around(workflow: Workflow, state: str) -> tuple[str, ...]:
    """The rules of the edges entering and leaving ``state``."""
    rules = [
        t.rule for t in workflow.transitions if t.rule and (state in t.source or t.dest == state)
    ]
    return tuple(dict.fromkeys(rules))


def _entries(ex: Exploration, state: str) -> tuple[str, ...]:
    """How ``state`` could be entered: its incoming edges, or that there are none."""
    edges = [
        f"{before} --{trigger}--> {state} (unreachable too)"
        for before, out in _edges(ex.workflow).items()
        for trigger, dest in out
        if dest == state and before != state
    ]
    return tuple(edges) or ("no command and no deadline leads into it",)


def _unreachable_level(
    label: str, ex: Exploration, level: str, charter: Charter
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    _, category, name = level.split(".")
    index = int(name[1:].split("_")[0])
    path = f"issues.{category}.ladder[{index}]"
    if index == 0:
        return (
            f"{label}the {category} ladder's level {name} cannot be reached",
            (path,),
            _entries(ex, f"{level}.open"),
        )
    below = f"issues.{category}.ladder[{index - 1}]"
    rules = (f"{below}.escalate_on", path)
    inside = sorted(
        (not s.endswith(".open"), s)
        for s in ex.reached
        if s.startswith(f"handling.{category}.L{index - 1}_")
    )
    example = list(ex.path_to(inside[0][1])) if inside else []
    rung = charter.issues[category].ladder[index - 1] if category in charter.issues else None
    if rung is not None:
        ways = ", ".join(t.value for t in rung.escalate_on) or "nothing"
        timed = ", ".join(f"{n}: {t}" for n, t in rung.deadlines.items()) or "none"
        example.append(f"level {index - 1} escalates on: {ways}; its deadlines: {timed}")
        breach = any(t.value == "deadline_breach" for t in rung.escalate_on)
        if breach and not rung.deadlines.timed:
            example.append("no deadline of that level has a time that can pass: none is breached")
    return (
        f"{label}the {category} ladder's level {name} cannot be reached: nothing climbs to it "
        f"from level {index - 1}",
        rules,
        tuple(example) or _entries(ex, f"{level}.open"),
    )


def every_item_can_end(charter: Charter) -> list[Violation]:
    """From every reachable state some command leads on, and a final state can be reached
    (in a workflow without final states: a round it can repeat, so it never gets stuck).

    A non-final state with no way out is a dead end; one whose ways out all lead
    back among such states is a trap. Either is reported with a shortest path to it.
    """
    found: Found = []
    for label, kind, ex in _explorations(charter):
        out = _edges(ex.workflow)
        for state in sorted(ex.reached):
            if state in ex.workflow.final or state in ex.can_end:
                continue
            if not out[state]:
                what = "a dead end: no command leaves it"
            elif ex.workflow.final:
                what = "no final state"
            else:  # a workflow that runs on
                what = "no way to go on: every path from it ends in a dead end"
            found.append(
                (
                    f"{label}the {kind} state {state} is not final and has {what}",
                    (),
                    ex.path_to(state),
                )
            )
    return named("every_item_can_end", found)


def ladder_levels_can_be_left(charter: Charter) -> list[Violation]:
    """Every level of every ladder can be left: escalated from, or the issue closed there."""
    found: Found = []
    for label, ch in versions(charter):
        ex = explore(ch, "issue")
        out = _edges(ex.workflow)
        for name in ch.issues:
            prefix = f"handling.{name}."
            levels = sorted(
                {
                    s[len(prefix) :].split(".")[0]
                    for s in ex.workflow.states
                    if s.startswith(prefix)
                }
            )
            for level in levels:
                inside = [s for s in ex.workflow.states if s.startswith(f"{prefix}{level}.")]
                leaves = any(
                    not dest.startswith(f"{prefix}{level}.") for s in inside for _, dest in out[s]
                )
                if not leaves:
                    entry = next((s for s in inside if s in ex.reached), inside[0])
                    index = int(level[1:].split("_")[0])
                    found.append(
                        (
                            f"{label}no trigger leaves the {name} ladder's level {level}",
                            (f"issues.{name}.ladder[{index}]",),
                            ex.path_to(entry),
                        )
                    )
    return named("ladder_levels_can_be_left", found)


def every_command_has_an_issuer(
    charter: Charter, *, calendar: WorkingCalendar | None = None
) -> list[Violation]:
    """Every edge names a body that may issue it (the system for deadline events).

    Where the issuer depends on the item (the convener a meeting recorded, the
    level's handler), the edges are checked on the items a few seeded runs of careful
    commands reach (:class:`~governance_rules.testing.runs.Run`); the counterexample is
    that run, up to the item found.
    """
    found: Found = []
    cal = calendar or WorkingCalendar.china()
    found += _item_issuers(charter, cal)
    for label, ch in versions(charter):
        known = {*ch.bodies, "residents", SYSTEM.body}
        ctx = Context(ch, cal)
        for kind in filter(lambda k: in_use(ch, k), KINDS):
            workflow = compile_workflow(ch, kind)
            ex = explore(ch, kind)
            for t in workflow.transitions:
                probe = Command(t.trigger, Actor("nobody"), date(2026, 1, 5), {})
                try:
                    bodies = t.who(None, probe, ctx)  # type: ignore[arg-type]
                except (AttributeError, KeyError, TypeError, IndexError):
                    continue  # depends on the item's data
                rule = (t.rule,) if t.rule else ()
                source = next((s for s in t.source if s in ex.reached), t.source[0])
                if not bodies:
                    found.append(
                        (
                            f"{label}no body may issue '{t.trigger}' in the {kind} workflow "
                            f"(from {', '.join(t.source)})",
                            rule,
                            ex.path_to(source),
                        )
                    )
                for body in bodies:
                    if body not in known:
                        found.append(
                            (
                                f"{label}'{t.trigger}' in the {kind} workflow may be issued by "
                                f"{body}, a body the charter does not name",
                                rule,
                                ex.path_to(source),
                            )
                        )
    return named("every_command_has_an_issuer", found)


def _item_issuers(charter: Charter, calendar: WorkingCalendar) -> Found:
    """Edges no body may issue for an item that seeded careful runs reach."""
    found: Found = []
    seen: set[tuple[str, str]] = set()
    rng = random.Random(0)
    kinds = [k for k in KINDS if in_use(charter, k)]
    for _ in range(_RUNS):
        run = Run(charter, calendar=calendar)
        for _ in range(_STEPS):
            roll = rng.random()
            action = "start" if roll < 0.2 else "advance" if roll < 0.3 else "command"
            run.apply(Step(action, rng.choice(kinds or ["issue"]), rng.randint(0, 5),
                           rng.randint(0, 5), rng.randint(0, 10), rng.randint(0, 11)))  # fmt: skip
            for item in run.engine.instances():
                if (item.kind, item.state) in seen:
                    continue
                seen.add((item.kind, item.state))
                workflow, ctx = run.engine.workflow(item), run.engine.context(item)
                probe = Command("probe", Actor("nobody"), item.last_on or run.day, {})
                for (state, trigger), edges in workflow.table.items():
                    if state != item.state:
                        continue
                    if not any(edge.who(item, probe, ctx) for edge, _ in edges):
                        found.append(
                            (
                                f"no body may issue '{trigger}' when the {item.kind} is {state}",
                                tuple(dict.fromkeys(e.rule for e, _ in edges if e.rule)),
                                tuple(line for line in run.trace if item.id in line),
                            )
                        )
    return found
