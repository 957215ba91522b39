"""``govrules deadline`` and ``govrules workdays``: the working-day calendar."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from rich.text import Text

from governance_rules._calendar.summary import year_summary
from governance_rules._i18n import text, weekday
from governance_rules.cli._app import (
    cell,
    cli,
    console,
    echo_json,
    format_option,
    lang_option,
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
START is a day, YYYY-MM-DD. PERIOD is English or Chinese: "3 working
days", "15 days", "1 week", "2 months", "3个工作日", "十五日", "三天",
"一周", "两个月". Amounts run from 0 to 99999; Chinese numerals are
written in full (一百零五, not 百五). See docs/calendar.md.

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
@format_option("json: the due day, the period and every day skipped with why, for scripts.")
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
    period = result.period.zh if lang == "zh" else str(result.period)
    head = Text.assemble(
        (f"{label}{text('colon', lang)}{result.due.isoformat()}", "bold"), f" ({period})"
    )
    if result.provisional:
        head.append(f"  ({text('provisional', lang)})", style="yellow")
    out.print(head)
    for line in result.explain(lang):
        out.print(cell(f"  {line}"))
    return 0


@cli.command(
    epilog="""\b
YEAR runs from 2001 to ten years after the latest published holiday
arrangement; a year whose arrangement is not yet published is marked
provisional (its statutory holidays are known, its 调休 days are not).
The default table fits an 80-column terminal; --wide adds the full weekday
and the Chinese name of each day off. See docs/calendar.md.

\b
Examples:
  govrules workdays 2026
  govrules workdays 2026 --wide
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
    help="json: each day off and make-up working day with its name, for scripts; ics: an "
    "iCalendar file (one all-day event per day) to import into a calendar app.",
)
@overrides_option
@lang_option
@wide_option
def workdays(year: int, fmt: str, overrides: Path | None, lang: str, wide: bool) -> int:
    """YEAR's days off and make-up working days (调休上班)."""
    summary = year_summary(make_calendar(overrides, True), year)
    if fmt == "json":
        echo_json(summary.to_dict())
        return 0
    if fmt == "ics":
        sys.stdout.buffer.write(summary.to_ics(lang))
        sys.stdout.flush()
        return 0
    n = summary.working_days
    title = text("working_days_in_year", lang, calendar=summary.calendar, year=year, n=n)
    if summary.provisional:
        title += f" ({text('arrangement_unpublished', lang)})"
    fixed: dict[str, Any] = {"no_wrap": True}
    columns: list[str | tuple[str, dict[str, Any]]] = [
        (text("col.date", lang), fixed),
        (text("col.weekday", lang), fixed),
        (text("col.kind", lang), fixed),
        text("col.name", lang),
    ]
    if wide:
        columns.append("名称" if lang == "en" else "name")
    out = table(title, columns)
    rows = sorted((*summary.days_off, *summary.makeup_workdays), key=lambda d: d.date)
    for info in rows:
        iso = info.date.isoformat()
        day = weekday(info.date.weekday(), lang)
        day = day if wide or lang == "zh" else day[:3]
        zh = summary.names_zh.get(iso) or info.name_zh or ""
        name = (zh or info.name or "") if lang == "zh" else (info.name or "")
        values = [iso, day, info.kind_label(lang), name]
        if wide:
            values.append(zh if lang == "en" else (info.name or ""))
        out.add_row(*map(cell, values), style="green" if info.is_working else None)
    console().print(out)
    if summary.may_change_from is not None:
        console().print(text("december_pending", lang, next=year + 1), style="yellow")
    return 0
