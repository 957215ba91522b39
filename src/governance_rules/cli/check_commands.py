"""``govrules check``: the charter invariant kit on charter files and bundled charters."""

from __future__ import annotations

from typing import Any

import click

from governance_rules.cli._app import clean, cli, echo_json, error_lines, format_option
from governance_rules.errors import CharterError
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
    one of its competing readings) against the charter invariants. A charter that does
    not load is reported (on standard error; with --format json, as a report with its
    "error") and the others are still checked; the exit code is then 1."""
    found: list[dict[str, Any]] = []  # each charter's report, or why it does not load
    for ref in charters:
        try:
            report = check_charter(ref, examples=examples, seed=seed)
        except CharterError as exc:  # this one does not load: say so, check the others
            if fmt != "json":
                click.echo(f"error: {error_lines(exc)}", err=True)
            found.append({"charter": ref, "ok": False, "examples": examples, "seed": seed,
                          "checked": [], "violations": [], "notes": [],
                          "error": str(exc)})  # fmt: skip
            continue
        found.append(report.to_dict())
        if fmt == "json":
            continue
        verdict = "ok" if report.ok else f"{len(report.violations)} violation(s)"
        click.echo(
            f"{clean(report.charter)}: {verdict} "
            f"({len(report.checked)} invariants, {report.examples} examples, "
            f"seed {report.seed})"
        )
        for violation in report.violations:
            click.echo(clean(f"  {violation}".replace("\n", "\n  "), newlines=True))
    if fmt == "json":
        echo_json(found)
    return 0 if all(r["ok"] for r in found) else 1
