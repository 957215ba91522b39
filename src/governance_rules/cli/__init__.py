"""``govrules``: the command line. It parses, calls the library, and formats; nothing else.

Exit codes: 0 success, 1 a ``GovernanceRulesError`` (bad input; the message says
what and where), 2 a usage error, 3 a bug (please report it).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from governance_rules import __version__
from governance_rules.calendar import CalendarOverrides, WorkingCalendar
from governance_rules.calendar.summary import year_summary
from governance_rules.errors import GovernanceRulesError

__all__ = ["main"]

logger = logging.getLogger(__name__)

_FORMATS = click.Choice(["text", "json"])


def _console() -> Console:
    return Console(soft_wrap=True, highlight=False)


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _parse_date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD (got {value!r})", param_hint=name) from None


def _calendar(overrides: Path | None, rest_days_extend: bool) -> WorkingCalendar:
    loaded = CalendarOverrides.load(overrides) if overrides else None
    return WorkingCalendar.china(overrides=loaded, rest_days_extend_periods=rest_days_extend)


_overrides_option = click.option(
    "--overrides",
    type=click.Path(dir_okay=False, path_type=Path),
    help="YAML file of local closures and working days layered over the national calendar.",
)
_rest_days_option = click.option(
    "--rest-days-extend/--rest-days-do-not-extend",
    default=True,
    show_default=True,
    help="Whether a calendar-day period ending on an ordinary weekend moves to the next "
    "working day, as one ending on a holiday does (民法典 第203条).",
)


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="""\b
Examples:
  govrules deadline 2026-09-28 "3个工作日"
  govrules deadline 2026-09-23 "15 days" --format json
  govrules workdays 2026 --format ics > cn-2026.ics""",
)
@click.version_option(__version__, prog_name="govrules")
def cli() -> None:
    """Community-governance charters as executable rules, on China's working-day calendar."""


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
@click.option("--format", "fmt", type=_FORMATS, default="text", show_default=True)
@_overrides_option
@_rest_days_option
def deadline(
    start: str,
    period: str,
    before: bool,
    fmt: str,
    overrides: Path | None,
    rest_days_extend: bool,
) -> int:
    """When PERIOD counted from START ends, with every skipped day explained."""
    day = _parse_date(start, "START")
    cal = _calendar(overrides, rest_days_extend)
    result = cal.latest_before(day, period) if before else cal.due(day, period)
    if fmt == "json":
        _echo_json(result.to_dict())
        return 0
    console = _console()
    label = "latest day" if before else "due"
    mark = "  [yellow](provisional)[/]" if result.provisional else ""
    console.print(f"[bold]{label}: {result.due.isoformat()}[/] ({result.period}){mark}")
    for line in result.explanation:
        console.print(f"  {line}")
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
@_overrides_option
def workdays(year: int, fmt: str, overrides: Path | None) -> int:
    """YEAR's days off and make-up working days (调休上班)."""
    summary = year_summary(_calendar(overrides, True), year)
    if fmt == "json":
        _echo_json(summary.to_dict())
        return 0
    if fmt == "ics":
        sys.stdout.buffer.write(summary.to_ics())
        sys.stdout.flush()
        return 0
    console = _console()
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
    console.print(table)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``govrules`` with ``argv`` (default: the process arguments); return the exit code."""
    try:
        result = cli.main(args=list(argv) if argv is not None else None, prog_name="govrules",
                          standalone_mode=False)  # fmt: skip
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return 2
    except GovernanceRulesError as exc:
        click.echo(f"error: {exc}", err=True)
        return 1
    except Exception as exc:
        logger.debug("unexpected error", exc_info=True)
        click.echo(
            f"internal error ({type(exc).__name__}: {exc}); this is a bug in governance_rules, "
            "please report it with the command you ran",
            err=True,
        )
        return 3
    return result if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
