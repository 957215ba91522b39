"""``govrules list | validate | show | schema | calendar``: charters as data."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.text import Text

from governance_rules._charter import Charter, available_charters, load_charter, problems_in
from governance_rules._charter.rotation import RotationChoice
from governance_rules._charter.rotation import rotation_order as rotation_order_of
from governance_rules._charter.schema import charter_json_schema
from governance_rules._charter.summary import charter_outline
from governance_rules._compare.comparison import amended_rules
from governance_rules._compare.render import LABELS, amendment_verdict_text
from governance_rules._i18n import normalize_lang, text
from governance_rules._obligations import Obligation, body_label, obligations, obligations_ics
from governance_rules.cli._app import (
    FilePath,
    cell,
    charter_on,
    check_day,
    clean,
    cli,
    console,
    echo_json,
    format_option,
    lang_option,
    make_calendar,
    on_option,
    overrides_option,
    parse_date,
    reading_option,
    rest_days_option,
    table,
    wide_option,
)
from governance_rules.errors import GovernanceRulesError

__all__ = ["calendar", "list_charters", "schema", "show", "validate"]


@cli.command(
    "list",
    epilog="""\b
The default table fits an 80-column terminal: id, status and the title in
one language (--lang). --wide adds both titles, the charter it extends,
where it comes from and its source files. An installed charter that does
not load is listed as invalid, its problem is printed, and the exit code is 1.

\b
Examples:
  govrules list
  govrules list --lang zh
  govrules list --wide
  govrules list --format json""",
)
@format_option(
    "json: every charter with both titles, status, what it extends, origin and "
    "source files, for scripts."
)
@lang_option
@wide_option
def list_charters(fmt: str, lang: str, wide: bool) -> int:
    """The bundled and installed charters: id, title, status and source."""
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    for entry in sorted(available_charters().values(), key=lambda e: e.id):
        try:
            charter = load_charter(entry.id)
        except GovernanceRulesError as exc:  # an installed file that does not load
            found = getattr(exc, "problems", None) or [exc]
            problem = str(found[0]) + (f" (and {len(found) - 1} more)" if found[1:] else "")
            problems.append(problem)
            rows.append(
                {"id": entry.id, "title_zh": None, "title_en": None, "status": "invalid",
                 "extends": None, "origin": entry.origin, "sources": [], "documents": [],
                 "problem": problem}
            )  # fmt: skip
            continue
        files = sorted({d.file for d in charter.documents.values() if d.file})
        titles = [d.name for d in charter.documents.values() if d.kind.value != "guide"]
        rows.append(
            {
                "id": charter.id,
                "title_zh": charter.title.zh,
                "title_en": charter.title.en,
                "status": charter.status,
                "extends": charter.extends,
                "origin": entry.origin,
                "sources": files,
                "documents": list(dict.fromkeys(titles)),
            }
        )
    for problem in problems:  # the list still shows every charter that loads
        click.echo(f"{text('error', lang)}{text('colon', lang)}{clean(problem)}", err=True)
    if fmt == "json":
        echo_json(rows)
        return 1 if problems else 0
    fixed = {"no_wrap": True}
    title = text("charters_count", lang, n=len(rows))
    if wide:
        out = table(
            title,
            [(text("col.id", lang), fixed), "title", "标题", "status", "extends", "origin",
             "sources"],
        )  # fmt: skip
        for row in rows:
            values = [row["id"], row["title_en"] or "", row["title_zh"] or "", row["status"]]
            values += [row["extends"] or "", row["origin"], ", ".join(row["sources"])]
            out.add_row(*map(cell, values))
    else:
        out = table(
            title,
            [(text("col.id", lang), fixed), (text("col.status", lang), fixed),
             text("col.title", lang)],
        )  # fmt: skip
        for row in rows:
            first, second = ("title_zh", "title_en") if lang == "zh" else ("title_en", "title_zh")
            title_text = row[first] or row[second] or ""
            out.add_row(cell(row["id"]), cell(row["status"]), cell(title_text))
    console().print(out)
    return 1 if problems else 0


@cli.command(
    epilog="""\b
Exit code 1 if any file has a problem; every problem is listed as
FILE:LINE:COLUMN: KEY.PATH: MESSAGE.

\b
Examples:
  govrules validate rulesets/*.yaml
  govrules validate my-district.yaml --format json"""
)
@click.argument("paths", nargs=-1, required=True, type=FilePath())
@format_option(
    "json: one entry per file (valid, and each problem's file, line, column, key path "
    "and message), for scripts."
)
@lang_option
def validate(paths: tuple[Path, ...], fmt: str, lang: str) -> int:
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
                click.echo(f"{clean(file)}{text('colon', lang)}{text('ok', lang)}")
            for problem in problems:
                click.echo(clean(problem))
        click.echo(text("valid_invalid", lang, valid=len(results) - bad, invalid=bad), err=True)
    return 1 if bad else 0


@cli.command(
    epilog="""\b
CHARTER is a charter id (see `govrules list`) or a path to a YAML file.
The text ends with what each of the charter's amendments changes, on which
day; --on shows the rules in force on a day instead of the charter as written.

\b
Examples:
  govrules show yangxin-2022
  govrules show yangxin-2022 --lang zh
  govrules show rulesets/yayuan-monthly.yaml --format json
  govrules show co-building-two-thirds --reading decision=one_vote_veto
  govrules show my-district.yaml --on 2027-01-01"""
)
@click.argument("charter_ref", metavar="CHARTER")
@lang_option
@format_option(
    "json: the charter's rules as loaded (the readings and --on applied) and the "
    "citation of each, for scripts."
)
@reading_option
@on_option("Show the rules in force on this day (the amendments effective by then applied).")
def show(charter_ref: str, lang: str, fmt: str, readings: dict[str, str], on: date | None) -> int:
    """A readable summary of a charter, every rule with its source citation."""
    charter = charter_on(charter_ref, readings, on)
    if fmt == "json":
        echo_json(_charter_json(charter, lang))
        return 0
    out = console()
    for line in charter_outline(charter, lang):
        out.print(Text(_indented(clean(line, newlines=True))))
    _print_amendments(out, charter, lang, on or date.today())
    return 0


def _indented(line: str) -> str:
    r"""``line`` with the later lines of its prose (which may have line breaks) indented
    under its first, so no text of a charter can print a line of the outline's own.

    >>> print(_indented("  jurisdiction: somewhere\nBodies"))
      jurisdiction: somewhere
        Bodies
    """
    first, *rest = line.split("\n")
    margin = " " * (len(first) - len(first.lstrip(" ")) + 2)
    return "\n".join([first, *(margin + part for part in rest)])


def _print_amendments(out: Console, charter: Charter, lang: str, day: date) -> None:
    """Each rule the charter's amendments change: the day, before → after, the citation;
    those after ``day`` marked not yet in force."""
    changes = list(amended_rules(charter, charter.id, day, lang))
    if not changes:
        return
    t = LABELS[normalize_lang(lang)]
    out.print()
    out.print(Text(t["amendments"]))
    for a in changes:
        when = a.effective.isoformat() + ("" if a.in_force else f" ({t['not_yet']})")
        change = f"{'—' if a.before is None else a.before} → {'—' if a.after is None else a.after}"
        verdict = amendment_verdict_text(a.verdict, normalize_lang(lang))
        out.print(cell(f"  {when}: {a.path}: {change} ({verdict})"))
        out.print(cell(f"      — {a.citation}"))


def _charter_json(charter: Charter, lang: str) -> dict[str, Any]:
    return {
        "charter": charter.model_dump(mode="json", exclude_none=True),
        "citations": {path: charter.citation(rule.source, lang) for path, rule in charter.rules()},
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
  govrules calendar rotating-quarterly-consensus --year 2027 --format json \\
      --rotation-order owners_committee,residents_committee,property_company \\
      --rotation-start 2027-01-15
  govrules calendar yangxin-2022 --year 2026 --format ics > yangxin-2026.ics
  govrules calendar yangxin-2022 --year 2026 --lang zh
  govrules calendar yangxin-2022 --year 2026 --reading meeting_window=calendar_week
  govrules calendar yangxin-2022 --year 2026 --overrides guangxi.yaml"""
)
@click.argument("charter_ref", metavar="CHARTER")
@click.option("--year", type=int, required=True,
              help="A year from 2001 to ten years after the latest published holiday "
              "arrangement (see `govrules workdays`).")  # fmt: skip
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "ics"]),
    default="text",
    show_default=True,
    help="json: each dated duty with its window, the bodies responsible and its citation, "
    "for scripts; ics: an iCalendar file (one event per duty) to import into a calendar app.",
)
@click.option(
    "--rotation-order",
    help="Where the charter leaves a rotating convener's order to the community: the "
    "bodies in turn, comma-separated (as recorded with the engine's first meeting).",
)
@click.option(
    "--rotation-start",
    help="With --rotation-order: a day (YYYY-MM-DD) in the window of the first meeting.",
)
@overrides_option
@rest_days_option
@lang_option
@wide_option
@reading_option
def calendar(
    charter_ref: str,
    year: int,
    fmt: str,
    rotation_order: str | None,
    rotation_start: str | None,
    overrides: Path | None,
    rest_days_extend: bool,
    lang: str,
    wide: bool,
    readings: dict[str, str],
) -> int:
    """Every dated duty of CHARTER in a year: meetings (with convener), notices, reports.

    A rotating convener whose order the source leaves open is shown only when the
    community's choice is given with --rotation-order and --rotation-start.
    """
    charter = load_charter(charter_ref, readings=readings)
    cal = make_calendar(overrides, rest_days_extend)
    cal.check_year(year)
    choice = None
    if rotation_order or rotation_start:
        if not (rotation_order and rotation_start):
            raise click.UsageError("give --rotation-order and --rotation-start together")
        assignment = charter.role("convener", "regular")
        if assignment is None or assignment.rotation is None or assignment.rotation.order_stated:
            raise GovernanceRulesError(
                "the charter leaves no convener's rotation order open", where="--rotation-order",
                got=rotation_order, allowed="a charter whose convener rotates in an order the "
                "source leaves to the community (see `govrules show`)",
            )  # fmt: skip
        order = tuple(b.strip() for b in rotation_order.split(",") if b.strip())
        start = check_day(parse_date(rotation_start, "--rotation-start"), "--rotation-start")
        choice = RotationChoice(order, start)  # the engine refuses such a day too
        rotation_order_of(charter, "convener", "regular", choice)  # checks the bodies
    items = obligations(charter, year, cal, lang, rotation=choice)
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
        sys.stdout.buffer.write(obligations_ics(charter, year, items, lang))
        sys.stdout.flush()
        return 0
    title = text("dated_duties", lang, charter=charter.id, year=year, n=len(items))
    if cal.is_provisional(year):
        title += f" ({text('provisional_holiday_data', lang)})"
    fixed = {"no_wrap": True}

    def parties(bodies: tuple[str, ...]) -> list[str]:
        return [body_label(charter, b, lang) for b in bodies]

    def workdays(item: Obligation) -> str:
        count = "" if item.working_days is None else str(item.working_days)
        return count + ("*" if item.moved_from is not None else "")

    right = {"no_wrap": True, "justify": "right"}
    if wide:
        out = table(
            title,
            [(text("col.start", lang), fixed), (text("col.end", lang), fixed),
             (text("col.working_days", lang), right),
             (text("col.kind", lang), fixed), text("col.duty", lang),
             text("col.responsible", lang), "convener", "source"],
        )  # fmt: skip
        for item in items:
            values = [item.start.isoformat(), item.end.isoformat(), workdays(item),
                      text(f"duty_kind.{item.kind}", lang), item.title]  # fmt: skip
            values += [", ".join(parties(item.responsible)), ", ".join(parties(item.convener))]
            values.append(item.source)
            out.add_row(*map(cell, values))
    else:  # one party a line, so that only the duty column wraps
        out = table(
            title,
            [(text("col.when", lang), fixed), (text("col.kind", lang), fixed),
             text("col.duty", lang),
             text("col.responsible", lang)],
        )  # fmt: skip
        out.caption = text("working_days_caption", lang)
        for item in items:
            names = Text("\n".join(clean(party) for party in parties(item.responsible)))
            out.add_row(
                cell(f"{_when(item.start, item.end)} ({workdays(item)})"),
                cell(text(f"duty_kind.{item.kind}", lang)),
                cell(item.title),
                names,
            )
    screen = console()
    screen.print(out)
    for item in items:
        if item.moved_from is not None:
            moved = text(
                "moved_window", lang, window=str(item.moved_from), end=item.end.isoformat()
            )
            screen.print(Text(clean(f"* {item.title}: {moved}")), soft_wrap=False)
    return 0


def _when(start: date, end: date) -> str:
    """A span within one year, shortly: ``02-23..02-28`` (or ``08-31`` for one day)."""
    if start == end:
        return f"{start:%m-%d}"
    if start.year != end.year:
        return f"{start.isoformat()}..{end.isoformat()}"
    return f"{start:%m-%d}..{end:%m-%d}"
