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
(with its numbers: notice lead, thresholds, deadlines). dot needs the graphviz
Python package.

\b
Examples:
  govrules diagram yangxin-2022 --workflow issue
  govrules diagram yayuan-monthly --workflow meeting --format dot | dot -Tsvg > meeting.svg"""
)
@click.argument("charter_ref", metavar="CHARTER")
@click.option("--workflow", "kind", type=click.Choice(sorted(KINDS)), required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["mermaid", "dot"]), default="mermaid", show_default=True
)
def diagram(charter_ref: str, kind: str, fmt: str) -> int:
    """The compiled state machine of one workflow of CHARTER (mermaid or Graphviz dot)."""
    workflow = compile_workflow(load_charter(charter_ref), kind)
    click.echo(clean(workflow.diagram(fmt), newlines=True), nl=False)
    return 0
