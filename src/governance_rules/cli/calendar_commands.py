"""``govrules deadline`` and ``govrules workdays``: the working-day calendar."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.table import Table

from governance_rules._i18n import text, weekday
from governance_rules.calendar.summary import year_summary
from governance_rules.cli._app import (
    FORMATS,
    cli,
    console,
    echo_json,
    lang_option,
    make_calendar,
    overrides_option,
    parse_date,
    rest_days_option,
)

__all__ = ["deadline", "workdays"]


@cli.command(
    epilog="""\b
PERIOD is English or Chinese: "3 working days", "15 days", "1 week",
"2 months", "3个工作日", "十五日", "三天", "一周", "两个月".

\b
Examples:
  govrules deadline 2026-09-28 "3个工作日"
  govrules deadline 2026-10-09 "1 week" --before       # latest day to send a notice
  govrules deadline 2026-09-23 "15 days" --format json
  govrules deadline 2026-09-28 "3个工作日" --lang zh"""
)
@click.argument("start")
@click.argument("period")
@click.option(
    "--before", is_flag=True, help="Count backwards: the latest day that is PERIOD before START."
)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@overrides_option
@rest_days_option
@lang_option
def deadline(
    start: str,
    period: str,
    before: bool,
    fmt: str,
    overrides: Path | None,
    rest_days_extend: bool,
    lang: str,
) -> int:
    """When PERIOD counted from START ends, with every skipped day explained."""
    day = parse_date(start, "START")
    cal = make_calendar(overrides, rest_days_extend)
    result = cal.latest_before(day, period) if before else cal.due(day, period)
    if fmt == "json":
        echo_json(result.to_dict(lang))
        return 0
    out = console()
    label = text("latest" if before else "due", lang)
    mark = f"  [yellow]({text('provisional', lang)})[/]" if result.provisional else ""
    period = result.period.zh if lang == "zh" else str(result.period)
    due = f"{label}{text('colon', lang)}{result.due.isoformat()}"
    out.print(f"[bold]{due}[/] ({period}){mark}")
    for line in result.explain(lang):
        out.print(f"  {line}", markup=False)
    return 0


@cli.command(
    epilog="""\b
Examples:
  govrules workdays 2026
  govrules workdays 2026 --format json
  govrules workdays 2026 --format ics > cn-2026.ics
  govrules workdays 2026 --overrides guangxi.yaml
  govrules workdays 2026 --format ics --lang zh > cn-2026-zh.ics"""
)
@click.argument("year", type=int)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "ics"]),
    default="text",
    show_default=True,
)
@overrides_option
@lang_option
def workdays(year: int, fmt: str, overrides: Path | None, lang: str) -> int:
    """YEAR's days off and make-up working days (调休上班)."""
    summary = year_summary(make_calendar(overrides, True), year)
    if fmt == "json":
        echo_json(summary.to_dict())
        return 0
    if fmt == "ics":
        sys.stdout.buffer.write(summary.to_ics(lang))
        sys.stdout.flush()
        return 0
    out = console()
    n = summary.working_days
    title = text("working_days_in_year", lang, calendar=summary.calendar, year=year, n=n)
    if summary.provisional:
        title += f" ({text('arrangement_unpublished', lang)})"
    table = Table(title=title)
    for column in ("date", "weekday", "kind", "name"):
        table.add_column(text(f"col.{column}", lang))
    rows = sorted((*summary.days_off, *summary.makeup_workdays), key=lambda d: d.date)
    for info in rows:
        name = (info.name_zh or info.name) if lang == "zh" else info.name
        table.add_row(
            info.date.isoformat(),
            weekday(info.date.weekday(), lang),
            info.kind_label(lang),
            name or "",
            style="green" if info.is_working else None,
        )
    out.print(table)
    return 0
