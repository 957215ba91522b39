"""``govrules check``: the charter invariant kit on charter files and bundled charters."""

from __future__ import annotations

import click

from governance_rules.cli._app import clean, cli, echo_json, format_option
from governance_rules.testing import check_charter

__all__ = ["check"]


@cli.command(
    epilog="""\b
Runs every invariant of governance_rules.testing: the calendar and structure
of the charter (windows, notice and minutes deadlines, rotation, ladders,
roles, decision rules), a breadth-first search of each compiled machine
(unreachable states, dead ends, levels no trigger leaves, commands nobody may
issue), and --examples hypothesis-drawn command sequences per workflow kind
against the engine (replay, refusals, decisions, deadlines). Each violation is
printed with the rules involved, the document and article each comes from, and
a minimal example: a ballot, a shortest path, or a shrunk command sequence with
its dates and a last line that replays it. The same --examples and --seed draw
the same sequences. Exit code 1 on any violation or on a charter that does not
load, 2 on a usage error. See docs/testing.md.

\b
Examples:
  govrules check yangxin-2022 --examples 0
  govrules check yangxin-2022
  govrules check co-building-two-thirds@decision=one_vote_veto
  govrules check my-district.yaml --examples 100 --seed 7
  govrules check rulesets/*.yaml --examples 0 --format json"""
)
@click.argument("charters", nargs=-1, required=True, metavar="CHARTER...")
@click.option(
    "--examples",
    type=int,  # its range (0 to 100,000) is check_charter's to enforce: exit 1, as for a seed
    default=25,
    show_default=True,
    help="Command sequences drawn per workflow kind and run on the engine; they need "
    "hypothesis (pip install 'governance-rules[testing]'). 0: the static and exhaustive "
    "checks only, without hypothesis. At most 100,000.",
)
@click.option(
    "--seed",
    type=int,  # 0 to 2**32 - 1, checked by check_charter
    default=0,
    show_default=True,
    help="Seed of the drawn sequences, 0 to 2**32 - 1: the same --examples and --seed draw "
    "the same ones.",
)
@format_option(
    "json: one report per charter (ok, invariants checked, violations with their "
    "rules, citations and counterexample), for scripts."
)
def check(charters: tuple[str, ...], examples: int, seed: int, fmt: str) -> int:
    """Check each CHARTER (an id, a YAML file, or ID@POINT=READING for a charter under
    one of its competing readings) against the charter invariants."""
    if fmt == "json":
        reports = [check_charter(ref, examples=examples, seed=seed) for ref in charters]
        echo_json([r.to_dict() for r in reports])
    else:  # each report as it is done: a later charter that does not load keeps them
        reports = []
        for ref in charters:
            report = check_charter(ref, examples=examples, seed=seed)
            reports.append(report)
            verdict = "ok" if report.ok else f"{len(report.violations)} violation(s)"
            click.echo(
                f"{clean(report.charter)}: {verdict} "
                f"({len(report.checked)} invariants, {report.examples} examples, "
                f"seed {report.seed})"
            )
            for violation in report.violations:
                click.echo(clean(f"  {violation}".replace("\n", "\n  "), newlines=True))
    return 0 if all(r.ok for r in reports) else 1
