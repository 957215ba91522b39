"""``govrules list | validate | show | schema | calendar``: charters as data."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.text import Text

from governance_rules.calendar import WorkingCalendar
from governance_rules.charter import Charter, available_charters, load_charter, problems_in
from governance_rules.charter.schema import charter_json_schema
from governance_rules.charter.summary import charter_outline
from governance_rules.cli._app import (
    FORMATS,
    FilePath,
    cell,
    clean,
    cli,
    console,
    echo_json,
    table,
    wide_option,
)
from governance_rules.obligations import obligations, obligations_ics

__all__ = ["calendar", "list_charters", "schema", "show", "validate"]


@cli.command(
    "list",
    epilog="""\b
The default table fits an 80-column terminal: id, status and the title in
one language (--lang). --wide adds both titles, the charter it extends,
where it comes from and its source files.

\b
Examples:
  govrules list
  govrules list --lang zh
  govrules list --wide
  govrules list --format json""",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "zh"]),
    default="en",
    show_default=True,
    help="The language of the title column.",
)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@wide_option
def list_charters(lang: str, fmt: str, wide: bool) -> int:
    """The bundled and installed charters: id, title, status and source."""
    rows: list[dict[str, Any]] = []
    for entry in sorted(available_charters().values(), key=lambda e: e.id):
        charter = load_charter(entry.id)
        files = sorted({d.file for d in charter.documents.values() if d.file})
        rows.append(
            {
                "id": charter.id,
                "title_zh": charter.title.zh,
                "title_en": charter.title.en,
                "status": charter.status,
                "extends": charter.extends,
                "origin": entry.origin,
                "sources": files,
            }
        )
    if fmt == "json":
        echo_json(rows)
        return 0
    fixed = {"no_wrap": True}
    if wide:
        out = table(
            f"{len(rows)} charters",
            [("id", fixed), "title", "标题", "status", "extends", "origin", "sources"],
        )
        for row in rows:
            values = [row["id"], row["title_en"] or "", row["title_zh"] or "", row["status"]]
            values += [row["extends"] or "", row["origin"], ", ".join(row["sources"])]
            out.add_row(*map(cell, values))
    else:
        out = table(f"{len(rows)} charters", [("id", fixed), ("status", fixed), "title"])
        for row in rows:
            first, second = ("title_zh", "title_en") if lang == "zh" else ("title_en", "title_zh")
            title = row[first] or row[second] or ""
            out.add_row(cell(row["id"]), cell(row["status"]), cell(title))
    console().print(out)
    return 0


@cli.command(
    epilog="""\b
Exit code 1 if any file has a problem; every problem is listed as
FILE:LINE:COLUMN: KEY.PATH: MESSAGE.

\b
Examples:
  govrules validate rulesets/*.yaml
  govrules validate my-district.yaml --format json"""
)
@click.argument("paths", nargs=-1, required=True, type=FilePath(dir_okay=True))
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
def validate(paths: tuple[Path, ...], fmt: str) -> int:
    """Check charter files; report every problem with its file, line and column."""
    results = {str(path): problems_in(path) for path in paths}
    bad = sum(1 for problems in results.values() if problems)
    if fmt == "json":
        echo_json(
            [
                {
                    "file": file,
                    "valid": not problems,
                    "problems": [
                        {
                            "file": p.file,
                            "line": p.line,
                            "column": p.column,
                            "path": p.path,
                            "message": p.message,
                        }
                        for p in problems
                    ],
                }
                for file, problems in results.items()
            ]
        )
    else:
        for file, problems in results.items():
            if not problems:
                click.echo(f"{clean(file)}: ok")
            for problem in problems:
                click.echo(clean(problem))
        click.echo(f"{len(results) - bad} valid, {bad} invalid", err=True)
    return 1 if bad else 0


@cli.command(
    epilog="""\b
CHARTER is a charter id (see `govrules list`) or a path to a YAML file.

\b
Examples:
  govrules show yangxin-2022
  govrules show yangxin-2022 --lang zh
  govrules show rulesets/yayuan-monthly.yaml --format json"""
)
@click.argument("charter_ref", metavar="CHARTER")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
def show(charter_ref: str, lang: str, fmt: str) -> int:
    """A readable summary of a charter, every rule with its source citation."""
    charter = load_charter(charter_ref)
    if fmt == "json":
        echo_json(_charter_json(charter))
        return 0
    out = console()
    for line in charter_outline(charter, lang):
        out.print(Text(clean(line, newlines=True)))  # prose may have line breaks
    return 0


def _charter_json(charter: Charter) -> dict[str, Any]:
    return {
        "charter": charter.model_dump(mode="json", exclude_none=True),
        "citations": {path: charter.citation(rule.source) for path, rule in charter.rules()},
    }


@cli.command(
    epilog="""\b
Examples:
  govrules schema > charter.schema.json
  # then, in a YAML file:  # yaml-language-server: $schema=charter.schema.json"""
)
def schema() -> int:
    """The JSON Schema of charter files, for editor completion and validation."""
    click.echo(json.dumps(charter_json_schema(), ensure_ascii=False, indent=2))
    return 0


@cli.command(
    epilog="""\b
Examples:
  govrules calendar yangxin-2022 --year 2026
  govrules calendar yangxin-2022 --year 2026 --wide
  govrules calendar rotating-quarterly-consensus --year 2027 --format json
  govrules calendar yangxin-2022 --year 2026 --format ics > yangxin-2026.ics"""
)
@click.argument("charter_ref", metavar="CHARTER")
@click.option("--year", type=int, required=True, help="The calendar year.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "ics"]),
    default="text",
    show_default=True,
)
@wide_option
def calendar(charter_ref: str, year: int, fmt: str, wide: bool) -> int:
    """Every dated duty of CHARTER in a year: meetings (with convener), notices, reports."""
    charter = load_charter(charter_ref)
    cal = WorkingCalendar.china()
    cal.check_year(year)
    items = obligations(charter, year, cal)
    if fmt == "json":
        echo_json(
            {
                "charter": charter.id,
                "year": year,
                "provisional": cal.is_provisional(year),
                "items": [item.to_dict() for item in items],
            }
        )
        return 0
    if fmt == "ics":
        sys.stdout.buffer.write(obligations_ics(charter, year, items))
        sys.stdout.flush()
        return 0
    title = f"{charter.id} {year}: {len(items)} dated duties"
    if cal.is_provisional(year):
        title += " (provisional holiday data)"
    fixed = {"no_wrap": True}
    if wide:
        out = table(
            title,
            [("start", fixed), ("end", fixed), ("kind", fixed), "duty", "responsible", "convener",
             "source"],
        )  # fmt: skip
        for item in items:
            values = [item.start.isoformat(), item.end.isoformat(), item.kind, item.title]
            values += [", ".join(item.responsible), ", ".join(item.convener), item.source]
            out.add_row(*map(cell, values))
    else:  # one party a line, so that only the duty column wraps
        out = table(title, [("when", fixed), ("kind", fixed), "duty", ("responsible", fixed)])
        for item in items:
            parties = Text("\n".join(clean(party) for party in item.responsible))
            out.add_row(
                cell(_when(item.start, item.end)), cell(item.kind), cell(item.title), parties
            )
    console().print(out)
    return 0


def _when(start: date, end: date) -> str:
    """A span within one year, shortly: ``02-23..02-28`` (or ``08-31`` for one day)."""
    if start == end:
        return f"{start:%m-%d}"
    if start.year != end.year:
        return f"{start.isoformat()}..{end.isoformat()}"
    return f"{start:%m-%d}..{end:%m-%d}"
