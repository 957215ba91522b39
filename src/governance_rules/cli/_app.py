"""The ``govrules`` command group and what every command shares."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from governance_rules import __version__
from governance_rules._i18n import LANGS, default_lang
from governance_rules.calendar import CalendarOverrides, WorkingCalendar

__all__ = [
    "FORMATS",
    "cli",
    "console",
    "echo_json",
    "lang_option",
    "overrides_option",
    "parse_date",
]

FORMATS = click.Choice(["text", "json"])


def console() -> Console:
    return Console(soft_wrap=True, highlight=False)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def parse_date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD (got {value!r})", param_hint=name) from None


def make_calendar(overrides: Path | None, rest_days_extend: bool) -> WorkingCalendar:
    loaded = CalendarOverrides.load(overrides) if overrides else None
    return WorkingCalendar.china(overrides=loaded, rest_days_extend_periods=rest_days_extend)


overrides_option = click.option(
    "--overrides",
    type=click.Path(dir_okay=False, path_type=Path),
    help="YAML file of local closures and working days layered over the national calendar.",
)
lang_option = click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=default_lang,
    show_default="from the locale: zh if LC_ALL, LC_MESSAGES or LANG starts with zh, else en",
    help="Language of the output (labels, explanations, messages).",
)
rest_days_option = click.option(
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
