"""The compiled machines of two charters, compared: states and edges in one and not the other.

Each workflow kind (meeting, issue, term, appraisal) is compiled per charter by
:func:`governance_rules._workflows.compile_workflow`; an edge is its source
state, trigger, destination, diagram label, the rule it follows and who may issue
it (so a 90-day notice to end a contract and a 90-day non-renewal notice are
different edges, and so are two edges different bodies may take).
The diagram diff is a mermaid state diagram of both machines together, with
what only the second charter has marked ``added`` (green) and what only the
first has marked ``removed`` (red, dashed); edges carry ``+`` or ``-`` before their trigger.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from governance_rules._charter import Charter
from governance_rules._text import visible
from governance_rules._workflows import KINDS, compile_workflow

__all__ = ["Edge", "MachineDiff", "machine_diffs"]


@dataclass(frozen=True, slots=True)
class Edge:
    """One edge of a compiled machine: ``source --trigger--> dest`` (``dest`` None: internal).

    ``rule`` is the dotted path of the charter rule the edge follows, if any; ``who``
    says who may issue it (``the system`` for a timer).
    """

    source: str
    trigger: str
    dest: str | None
    label: str | None = None
    rule: str | None = None
    who: str | None = None

    def describe(self) -> str:
        """``'open --reply--> replied'``, with the label in brackets and the rule after.

        >>> Edge("open", "reply", "replied", "3 days", "issues.x.ladder[0]", "the RC").describe()
        'open --reply [3 days]--> replied (issues.x.ladder[0]) by the RC'
        """
        return f"{self.source} --{self._head()}--> {self.dest or self.source}{self._tail()}"

    def _head(self) -> str:
        return self.trigger + (f" [{self.label}]" if self.label else "")

    def _tail(self) -> str:
        rule = f" ({self.rule})" if self.rule else ""
        return rule + (f" by {self.who}" if self.who else "")

    def step(self) -> str:
        """The edge without its states: ``'give_notice [90 days notice] (terms.….notice_to_end)'``.

        Edges of one trigger under one rule from many states read as one step.
        """
        return self._head() + self._tail()


@dataclass(frozen=True, slots=True)
class MachineDiff:
    """One workflow kind of two charters: what the second's machine adds and removes.

    Attributes:
        kind: ``meeting``, ``issue``, ``term`` or ``appraisal``.
        first: Label of the charter compared against (its machine is the baseline).
        other: Label of the other charter.
        added_states: States only the other charter's machine has.
        removed_states: States only the first charter's machine has.
        added_edges: Edges only the other's machine has.
        removed_edges: Edges only the first's machine has.
        common_states: States both have.
        common_edges: Edges both have.
    """

    kind: str
    first: str
    other: str
    added_states: tuple[str, ...]
    removed_states: tuple[str, ...]
    added_edges: tuple[Edge, ...]
    removed_edges: tuple[Edge, ...]
    common_states: tuple[str, ...]
    common_edges: tuple[Edge, ...]

    def steps(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The steps (:meth:`Edge.step`) only the other machine has, and only the first has.

        A step one machine takes from any state is in it: an edge gone with a removed
        state is not a step gone while the step remains from other states.
        """
        common = {e.step() for e in self.common_edges}
        first = common | {e.step() for e in self.removed_edges}
        other = common | {e.step() for e in self.added_edges}
        return tuple(sorted(other - first)), tuple(sorted(first - other))

    @property
    def same(self) -> bool:
        """True if both machines have the same states and edges."""
        return not (self.added_states or self.removed_states or self.added_edges
                    or self.removed_edges)  # fmt: skip

    def mermaid(self) -> str:
        """Both machines in one mermaid state diagram, additions and removals marked."""
        ids: dict[str, str] = {}

        def node(state: str) -> str:
            if state not in ids:
                ids[state] = f"s{len(ids)}_" + re.sub(r"[^A-Za-z0-9_]", "_", state)[-48:]
            return ids[state]

        lines = [
            "---",
            f"title: {_safe(self.kind)}: {_safe(self.first)} vs {_safe(self.other)}",
            "---",
            "stateDiagram-v2",
            "  direction LR",
            "  classDef added fill:#e6ffed,stroke:#22863a,color:#22863a",
            "  classDef removed fill:#ffeef0,stroke:#cb2431,color:#cb2431,stroke-dasharray:4 2",
        ]
        marks = [(s, "") for s in self.common_states]
        marks += [(s, "added") for s in self.added_states]
        marks += [(s, "removed") for s in self.removed_states]
        for state, mark in sorted(marks):
            prefix = {"added": "+ ", "removed": "- "}.get(mark, "")
            lines.append(f'  state "{prefix}{_safe(state)}" as {node(state)}')
            if mark:
                lines.append(f"  class {node(state)} {mark}")
        edges = [(e, "") for e in self.common_edges]
        edges += [(e, "+ ") for e in self.added_edges]
        edges += [(e, "- ") for e in self.removed_edges]
        # edges of one trigger between the same states under different rules (a notice
        # to end the contract and a non-renewal notice) are told apart by their rule
        shared = Counter((e.source, e.dest, e.trigger, e.label) for e, _ in edges)
        for edge, prefix in sorted(edges, key=lambda pair: _edge_key(pair[0])):
            label = f" ({edge.label})" if edge.label else ""
            if shared[edge.source, edge.dest, edge.trigger, edge.label] > 1:
                label += f" {edge.rule.rpartition('.')[2]}" if edge.rule else ""
                label += f" by {edge.who}" if edge.who else ""
            dest = edge.dest or edge.source
            text = _safe(f"{prefix}{edge.trigger}{label}")
            lines.append(f"  {node(edge.source)} --> {node(dest)} : {text}")
        return "\n".join(lines) + "\n"


def _safe(text: str) -> str:
    """Text mermaid cannot read as syntax: no quotes, colons, brackets or newlines;
    controls, bidirectional marks and invisible characters shown as escapes."""
    return visible(re.sub(r'["\n\r:;{}<>#`]', " ", text))


def _machine(charter: Charter, kind: str) -> tuple[set[str], set[Edge]]:
    workflow = compile_workflow(charter, kind)
    edges = {
        Edge(source, t.trigger, t.dest, t.label, t.rule, t.who_label)
        for t in workflow.transitions
        for source in t.source
    }
    states = set(workflow.states) | {e.source for e in edges}
    states |= {e.dest for e in edges if e.dest is not None}
    return states, edges


def machine_diffs(
    first: Charter, other: Charter, labels: tuple[str, str]
) -> tuple[MachineDiff, ...]:
    """Per workflow kind, how ``other``'s compiled machine differs from ``first``'s.

    >>> from governance_rules._charter import load_charter
    >>> yangxin = load_charter("yangxin-2022")
    >>> diffs = machine_diffs(yangxin, yangxin, ("a", "b"))
    >>> [d.kind for d in diffs], all(d.same for d in diffs)
    (['appraisal', 'issue', 'meeting', 'term'], True)
    """
    result = []
    for kind in sorted(KINDS):
        states_a, edges_a = _machine(first, kind)
        states_b, edges_b = _machine(other, kind)
        result.append(
            MachineDiff(
                kind=kind,
                first=labels[0],
                other=labels[1],
                added_states=tuple(sorted(states_b - states_a)),
                removed_states=tuple(sorted(states_a - states_b)),
                added_edges=tuple(sorted(edges_b - edges_a, key=_edge_key)),
                removed_edges=tuple(sorted(edges_a - edges_b, key=_edge_key)),
                common_states=tuple(sorted(states_a & states_b)),
                common_edges=tuple(sorted(edges_a & edges_b, key=_edge_key)),
            )
        )
    return tuple(result)


def _edge_key(edge: Edge) -> tuple[str, str, str, str, str, str]:
    return (edge.source, edge.trigger, edge.dest or "", edge.label or "", edge.rule or "",
            edge.who or "")  # fmt: skip
