"""``govrules deadline`` and ``govrules workdays``: the working-day calendar."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from rich.text import Text

from governance_rules.calendar.summary import year_summary
from governance_rules.cli._app import (
    FORMATS,
    cell,
    cli,
    console,
    echo_json,
    make_calendar,
    overrides_option,
    parse_date,
    rest_days_option,
    table,
    wide_option,
)

__all__ = ["deadline", "workdays"]


@cli.command(
    epilog="""\b
PERIOD is English or Chinese: "3 working days", "15 days", "1 week",
"2 months", "3个工作日", "十五日", "三天", "一周", "两个月". Amounts run
from 0 to 99999; Chinese numerals are written in full (一百零五, not 百五).

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
    head = Text.assemble((f"{label}: {result.due.isoformat()}", "bold"), f" ({result.period})")
    if result.provisional:
        head.append("  (provisional)", style="yellow")
    out.print(head)
    for line in result.explanation:
        out.print(cell(f"  {line}"))
    return 0


@cli.command(
    epilog="""\b
The default table fits an 80-column terminal; --wide adds the full weekday
and the Chinese name of each day off.

\b
Examples:
  govrules workdays 2026
  govrules workdays 2026 --wide
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
@wide_option
def workdays(year: int, fmt: str, overrides: Path | None, wide: bool) -> int:
    """YEAR's days off and make-up working days (调休上班)."""
    summary = year_summary(make_calendar(overrides, True), year)
    if fmt == "json":
        echo_json(summary.to_dict())
        return 0
    if fmt == "ics":
        sys.stdout.buffer.write(summary.to_ics())
        sys.stdout.flush()
        return 0
    title = f"{summary.calendar} {year}: {summary.working_days} working days"
    if summary.provisional:
        title += " (provisional: the State Council arrangement is not yet published)"
    fixed: dict[str, Any] = {"no_wrap": True}
    columns: list[str | tuple[str, dict[str, Any]]]
    if wide:
        columns = [("date", fixed), ("weekday", fixed), ("kind", fixed), "name", "名称"]
    else:
        columns = [("date", fixed), ("day", fixed), ("kind", fixed), "name"]
    out = table(title, columns)
    rows = sorted((*summary.days_off, *summary.makeup_workdays), key=lambda d: d.date)
    for info in rows:
        iso = info.date.isoformat()
        weekday = info.weekday_name if wide else info.weekday_name[:3]
        values = [iso, weekday, info.kind.value, info.name or ""]
        if wide:
            values.append(summary.names_zh.get(iso, ""))
        out.add_row(*map(cell, values), style="green" if info.is_working else None)
    console().print(out)
    return 0
