"""``govrules simulate``: the same synthetic load through several charters, side by side."""

from __future__ import annotations

from pathlib import Path

import click

from governance_rules._compare.comparison import load_spec
from governance_rules._simulate import simulate as run_simulation
from governance_rules._simulate.load import read_load
from governance_rules._simulate.runner import MAX_COMMUNITIES, MAX_WORKERS
from governance_rules._simulate.summary import summary_rows
from governance_rules.cli._app import (
    FilePath,
    cell,
    clean,
    cli,
    console,
    echo_json,
    format_option,
    lang_option,
)
from governance_rules.cli._app import table as make_table
from governance_rules.cli.compare_commands import fit

__all__ = ["simulate"]

_HEAD_WIDTH = 16
_TITLE = {
    "en": "{n:,} community-year{s}, seed {seed}",
    "zh": "{n:,} 个社区年,随机种子 {seed}",
}


@cli.command(
    epilog="""\b
CHARTER is a charter id (see `govrules list`), a path to a YAML file, or
ID@POINT=READING for a charter under one of its competing readings. Every
charter meets the same synthetic work (issues by category with seasonal
rates, handling times per body, missed deadlines, absences, votes), drawn from
the seed and each community's index only: the same seed gives the same JSON
whatever --workers or --scheduler. See docs/simulate.md for the load file.

\b
Examples:
  govrules simulate yangxin-2022 model-charter-rc --communities 100
  govrules simulate yangxin-2022 pm-liaison-bimonthly --communities 1000 --workers 2
  govrules simulate yangxin-2022 --load my-load.yaml --format json > result.json
  govrules simulate co-building-two-thirds@decision=one_vote_veto co-building-two-thirds
  govrules simulate yangxin-2022 --communities 100000 --scheduler tcp://10.0.0.5:8786"""
)
@click.argument("charters", metavar="CHARTER...", nargs=-1, required=True)
@click.option("--communities", type=int, default=100, show_default=True,
              help=f"Communities simulated, 1 to {MAX_COMMUNITIES:,} (each its own engine, "
              "in memory).")  # fmt: skip
@click.option("--years", type=int, default=1, show_default=True,
              help="How many calendar years each community lives through, from the "
              "load's start_year (2026 by default): 1 or more, at most 50, and not past "
              "the calendar's last year (ten years after the latest published holiday "
              "arrangement).")  # fmt: skip
@click.option("--seed", type=int, default=0, show_default=True,
              help="The random seed, 0 to 2**63 - 1.")  # fmt: skip
@click.option("--load", "load_file", type=FilePath(), default=None,
              help="A load file (YAML); default: the bundled load.")  # fmt: skip
@click.option("--workers", type=int, default=1, show_default=True,
              help=f"Processes on this machine, 1 to {MAX_WORKERS} (1: in this "
              "process).")  # fmt: skip
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Run on a Dask cluster (needs governance-rules[dask]).")  # fmt: skip
@format_option("json: every metric of every charter, the same for the same seed, for scripts.")
@lang_option
def simulate(
    charters: tuple[str, ...],
    communities: int,
    years: int,
    seed: int,
    load_file: Path | None,
    workers: int,
    scheduler: str | None,
    fmt: str,
    lang: str,
) -> int:
    """Simulate communities under each CHARTER with one synthetic load; compare the metrics."""
    loaded = [load_spec(ref) for ref in charters]
    load = read_load(load_file)
    for body in load.unused_bodies(b for charter in loaded for b in charter.bodies):
        click.echo(f"note: handling_days.{clean(body)}: no charter simulated has this body; "
                   "the entry is not used", err=True)  # fmt: skip
    result = run_simulation(loaded, communities=communities, years=years, seed=seed,
                            load=load, workers=workers, scheduler=scheduler)  # fmt: skip
    if fmt == "json":
        echo_json(result.to_dict())
        return 0
    title = _TITLE["zh" if lang == "zh" else "en"].format(
        n=communities * years, s="" if communities * years == 1 else "s", seed=seed
    )
    # a label is broken before its readings (``id@point=reading``), then after ``-`` or ``_``
    heads = ("\n".join(fit(clean(name), _HEAD_WIDTH, "@")) for name in result.charters)
    shown = make_table(title, ["", *((head, {"justify": "right"}) for head in heads)])
    for label, values in summary_rows(result, lang):
        shown.add_row(cell(label), *(cell("-" if v is None else f"{v:,}") for v in values))
    console().print(shown)
    return 0
