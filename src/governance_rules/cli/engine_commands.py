"""``govrules diagram``: a charter's compiled workflows, as a regulator would read them."""

from __future__ import annotations

import click

from governance_rules._charter import load_charter
from governance_rules._workflows import KINDS, compile_workflow
from governance_rules.cli._app import clean, cli

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
  govrules diagram yayuan-monthly --workflow meeting --format dot | dot -Tsvg > meeting.svg"""
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
    type=click.Choice(["mermaid", "dot"]),
    default="mermaid",
    show_default=True,
    help="mermaid: a stateDiagram-v2 text; dot: Graphviz source.",
)
def diagram(charter_ref: str, kind: str, fmt: str) -> int:
    """The compiled state machine of one workflow of CHARTER (mermaid or Graphviz dot)."""
    workflow = compile_workflow(load_charter(charter_ref), kind)
    click.echo(clean(workflow.diagram(fmt), newlines=True), nl=False)
    return 0
