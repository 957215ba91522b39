"""``govrules report``: a regulator's report on charters, one self-contained HTML file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from governance_rules._input import UnreadableInput, read_text
from governance_rules._report.builder import is_chart, written_report
from governance_rules._report.fonts import chart_lang
from governance_rules.cli._app import (
    FilePath,
    as_options,
    clean,
    cli,
    echo_json,
    format_option,
    lang_option,
)
from governance_rules.errors import GovernanceRulesError, ReportError

__all__ = ["report_command"]


@cli.command(
    "report",
    epilog="""\b
CHARTER is a charter id (see `govrules list`), a path to a YAML file, or
ID@POINT=READING. DIR/index.html is one self-contained page that needs no
network: the structural comparison (as `govrules compare --format html`),
each charter's dated duties for the year as a timeline chart and a table,
the year's holidays and make-up working days, and simulation results when
--simulation gives them (else the page says the section is not included).
DIR/charts/ holds every chart as SVG and PNG. Files of an earlier report in
DIR are replaced (its charts this one does not draw are removed); other files
are left alone.

\b
--simulation FILE is JSON: {"charters": {LABEL: {"resolution_days": [...],
"escalations": {LEVEL: COUNT}, "workload": {BODY: AMOUNT}}}}, LABEL being
a charter as given on the command line.

\b
Examples:
  govrules report yangxin-2022 model-charter-rc --year 2026 --out report/
  govrules report co-building-two-thirds --year 2026 --out report/ --lang zh
  govrules report yangxin-2022 --year 2026 --out report/ --format json
  govrules report yangxin-2022 model-charter-rc --year 2026 --out report/ \\
      --simulation results.json""",
)
@click.argument("refs", nargs=-1, required=True, metavar="CHARTER...")
@click.option("--year", type=int, required=True,
              help="The year shown: from 2001 to ten years after the latest published "
              "holiday arrangement (see `govrules workdays`).")  # fmt: skip
@click.option("--out", type=FilePath(), required=True, metavar="DIR",
              help="Directory to write (created if missing).")  # fmt: skip
@click.option("--simulation", type=FilePath(), metavar="FILE",
              help="Simulation results to show (JSON).")  # fmt: skip
@format_option("json: the files written and any note, for scripts.")
@lang_option
def report_command(
    refs: tuple[str, ...], year: int, out: Path, simulation: Path | None, fmt: str, lang: str
) -> int:
    """Write a self-contained HTML report comparing charters over a year."""
    results = _read_json(simulation) if simulation is not None else None
    try:
        page, built = written_report(list(refs), year, out, lang=lang, simulation=results)
    except GovernanceRulesError as exc:  # named as typed: --year, --out
        raise as_options(exc, {"year": "--year", "report: year": "--year",
                               "report: out": "--out"}) from None  # fmt: skip
    if fmt == "json":  # the page's notes: the charts' font, results of other charters
        charts = sorted(p for p in (page.parent / "charts").iterdir() if is_chart(p.name))
        echo_json({"index": str(page), "charts": [str(p) for p in charts],
                   "notes": list(built.notes)})  # fmt: skip
        return 0
    _, note = chart_lang(lang)
    if note:
        click.echo(f"note: {note}", err=True)
    click.echo(f"wrote {clean(str(page))}")
    return 0


#: The largest results file read: simulate's own output is a few kilobytes per charter,
#: and a list of one number per issue for a million issues is a few megabytes.
MAX_RESULTS_BYTES = 64 * 1024 * 1024


def _read_json(path: Path) -> Any:
    try:
        text = read_text(path, limit=MAX_RESULTS_BYTES)
    except UnreadableInput as exc:
        raise ReportError(exc.what, where=f"{path}", allowed=exc.allowed) from None
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        why = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise ReportError(f"not JSON ({why})", where=f"{path}",
                                   allowed="simulation results as JSON") from None  # fmt: skip
