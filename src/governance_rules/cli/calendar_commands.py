"""``govrules deadline`` and ``govrules workdays``: the working-day calendar."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.table import Table

from governance_rules.calendar.summary import year_summary
from governance_rules.cli._app import (
    FORMATS,
    cli,
    console,
    echo_json,
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
  govrules deadline 2026-09-23 "15 days" --format json"""
)
@click.argument("start")
@click.argument("period")
@click.option(
    "--before", is_flag=True, help="Count backwards: the latest day that is PERIOD before START."
)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@overrides_option
@rest_days_option
def deadline(
    start: str,
    period: str,
    before: bool,
    fmt: str,
    overrides: Path | None,
    rest_days_extend: bool,
) -> int:
    """When PERIOD counted from START ends, with every skipped day explained."""
    day = parse_date(start, "START")
    cal = make_calendar(overrides, rest_days_extend)
    result = cal.latest_before(day, period) if before else cal.due(day, period)
    if fmt == "json":
        echo_json(result.to_dict())
        return 0
    out = console()
    label = "latest day" if before else "due"
    mark = "  [yellow](provisional)[/]" if result.provisional else ""
    out.print(f"[bold]{label}: {result.due.isoformat()}[/] ({result.period}){mark}")
    for line in result.explanation:
        out.print(f"  {line}")
    return 0


@cli.command(
    epilog="""\b
Examples:
  govrules workdays 2026
  govrules workdays 2026 --format json
  govrules workdays 2026 --format ics > cn-2026.ics
  govrules workdays 2026 --overrides guangxi.yaml"""
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
def workdays(year: int, fmt: str, overrides: Path | None) -> int:
    """YEAR's days off and make-up working days (调休上班)."""
    summary = year_summary(make_calendar(overrides, True), year)
    if fmt == "json":
        echo_json(summary.to_dict())
        return 0
    if fmt == "ics":
        sys.stdout.buffer.write(summary.to_ics())
        sys.stdout.flush()
        return 0
    out = console()
    title = f"{summary.calendar} {year}: {summary.working_days} working days"
    if summary.provisional:
        title += " (provisional: the State Council arrangement is not yet published)"
    table = Table(title=title)
    for column in ("date", "weekday", "kind", "name", "名称"):
        table.add_column(column)
    rows = sorted((*summary.days_off, *summary.makeup_workdays), key=lambda d: d.date)
    for info in rows:
        iso = info.date.isoformat()
        style = "green" if info.is_working else None
        table.add_row(
            iso,
            info.weekday_name,
            info.kind.value,
            info.name or "",
            summary.names_zh.get(iso, ""),
            style=style,
        )
    out.print(table)
    return 0
