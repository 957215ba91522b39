"""``govrules diagram``: a charter's compiled workflows, as a regulator would read them."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from governance_rules._workflows import KINDS, Workflow, compile_workflow
from governance_rules.cli._app import charter_on, clean, cli, echo_json, on_option, reading_option

__all__ = ["diagram"]


@cli.command(
    epilog="""\b
The diagram is drawn by transitions from the same machine the engine's table
is compiled from: every edge with who may issue it and the charter's checks
(with its numbers: notice lead, thresholds, deadlines). mermaid renders on
GitHub, GitLab and mermaid.live; dot needs the graphviz Python package
(pip install graphviz) and Graphviz's `dot` program to draw it. See
docs/engine.md.

\b
Examples:
  govrules diagram yangxin-2022 --workflow issue
  govrules diagram yayuan-monthly --workflow meeting --format dot | dot -Tsvg > meeting.svg
  govrules diagram yangxin-2022 --workflow term --format json
  govrules diagram co-building-two-thirds --workflow meeting --reading decision=one_vote_veto
  govrules diagram my-district.yaml --workflow issue --on 2027-01-01"""
)
@click.argument("charter_ref", metavar="CHARTER")
@click.option(
    "--workflow",
    "kind",
    type=click.Choice(sorted(KINDS)),
    required=True,
    help="The workflow: appraisal (the year's appraisal), issue (a resident's problem up "
    "its escalation ladder), meeting (notice to minutes), term (a committee's term).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["mermaid", "dot", "json"]),
    default="mermaid",
    show_default=True,
    help="mermaid: a stateDiagram-v2 text; dot: Graphviz source; json: the states and "
    "edges (trigger, sources, destination — a compound state is entered at its start — "
    "who may issue it, the rules it checks), for scripts.",
)
@reading_option
@on_option(
    "The machine of the rules in force on this day (the amendments effective by then "
    "applied), as the engine compiles it for an item started that day."
)
def diagram(
    charter_ref: str, kind: str, fmt: str, readings: dict[str, str], on: date | None
) -> int:
    """The compiled state machine of one workflow of CHARTER (mermaid or Graphviz dot)."""
    charter = charter_on(charter_ref, readings, on)
    workflow = compile_workflow(charter, kind)
    if fmt == "json":
        shown: dict[str, Any] = {"charter": charter.id, "workflow": kind}
        if readings:
            shown["readings"] = dict(readings)
        if on is not None:
            shown["on"] = on.isoformat()
        echo_json({**shown, **_machine(workflow)})
        return 0
    click.echo(clean(workflow.diagram(fmt), newlines=True), nl=False)
    return 0


def _machine(workflow: Workflow) -> dict[str, Any]:
    """The machine as data: what the diagram draws, without the drawing."""
    edges = []
    for edge in workflow.transitions:
        checks = [edge.when] if edge.when is not None else []
        checks += edge.guards
        edges.append(
            {
                "trigger": edge.trigger,
                "sources": list(edge.source),
                "dest": edge.dest,
                "who": edge.who_label,
                "rule": edge.rule,
                "label": edge.label,
                "checks": [{"rule": g.rule, "label": g.label} for g in checks],
            }
        )
    return {
        "initial": workflow.initial,
        "final": sorted(workflow.final),
        "states": list(workflow.states),
        "edges": edges,
    }
