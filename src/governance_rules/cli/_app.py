"""The ``govrules`` command group and what every command shares.

Everything echoed from input (charter texts, file names, CSV cells, error
messages) goes through :func:`clean` or :func:`cell`: rich markup is never
interpreted (the console has markup and emoji codes off) and control
characters are shown as ``\\x1b``-style escapes, so a hostile file cannot
restyle, hide or rewrite what the terminal shows.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from governance_rules import __version__
from governance_rules._calendar import CalendarOverrides, WorkingCalendar
from governance_rules._charter import Charter, load_charter
from governance_rules._i18n import LANGS, default_lang, error_message
from governance_rules._text import visible
from governance_rules.errors import (
    CharterValidationError,
    DateOutOfRangeError,
    GovernanceRulesError,
)

__all__ = [
    "FORMATS",
    "FilePath",
    "OutputClosed",
    "cell",
    "charter_on",
    "check_day",
    "clean",
    "cli",
    "console",
    "echo_json",
    "error_lines",
    "format_option",
    "lang_option",
    "overrides_option",
    "parse_date",
    "table",
    "wide_option",
]

FORMATS = click.Choice(["text", "json"])

# DEL and C1 controls, bidirectional marks and the line/paragraph separators: JSON
# escapes only C0, a terminal acts on (or reorders the line around) these too
_C1 = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_MAX_LINE = 2000


def clean(value: object, *, newlines: bool = False) -> str:
    r"""``value`` as text safe to show on a terminal: control characters escaped.

    Newlines are kept only if ``newlines`` is true (multi-line messages); very
    long lines are cut, saying how long they were.

    >>> clean("a\x1b[31mred\x9b\tb\nc")
    'a\\x1b[31mred\\x9b\\x09b\\x0ac'
    >>> clean("two\nlines", newlines=True)
    'two\nlines'
    >>> clean("zero\u200bwidth")
    'zero\\u200bwidth'
    """
    text = str(value)
    lines = text.split("\n") if newlines else [text]
    cut = [f"{x[:_MAX_LINE]}… ({len(x)} characters)" if len(x) > _MAX_LINE else x for x in lines]
    # the lines hold no newline now; invisible characters show: two values that differ
    # only by a zero-width space must not look the same
    return "\n".join(visible(line) for line in cut)


def cell(value: object, style: str | None = None) -> Text:
    """A table cell or printed line showing ``value`` literally (no markup, no controls)."""
    return Text(clean(value), style=style or "")


class OutputClosed(Exception):
    """The reader of standard output went away (``govrules … | head -1``)."""


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """Leave a closed pipe to ``main`` (rich itself would exit with status 1)."""
        self.quiet = True
        raise OutputClosed


def console() -> Console:
    """A console for text output: no markup, emoji codes or highlighting of data."""
    return _Console(soft_wrap=True, highlight=False, markup=False, emoji=False)


def table(title: str, columns: Iterable[str | tuple[str, dict[str, Any]]]) -> Table:
    """A table whose cells fold rather than lose text, for data from any source.

    Each column is a name, or a name and the :class:`rich.table.Column` options
    (e.g. ``{"no_wrap": True}`` for dates and identifiers).
    """
    result = Table(title=cell(title), title_justify="left")
    for column in columns:
        name, options = (column, {}) if isinstance(column, str) else column
        result.add_column(name, overflow="fold", **options)
    return result


def echo_json(data: Any) -> None:
    """Print ``data`` as JSON; C1 controls and bidirectional marks are escaped too (JSON
    escapes only C0)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    click.echo(_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


class FilePath(click.Path):
    """A file argument; an empty name, or one no file can have (a NUL byte, a lone surrogate),
    is a usage error.

    click's own ``Path`` lets the ``ValueError`` of such names escape. What the path
    names (a directory, a FIFO, a missing file) is the reader's to judge: the library
    refuses an input that is not a regular file with exit 1, saying what is allowed,
    in every command alike (click's "is a directory" was exit 2, without it).
    """

    def __init__(self) -> None:
        super().__init__(path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value:  # `--out "$DIR"` with DIR unset: not "."
            self.fail("an empty path", param, ctx)
        try:
            os.fsencode(value)
            if "\x00" in str(value):
                raise ValueError("embedded null byte")
        except ValueError as exc:  # UnicodeEncodeError is a ValueError
            self.fail(f"not a usable file name: {exc} (got {clean(value)!r})", param, ctx)
        return super().convert(value, param, ctx)


def parse_date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"expected YYYY-MM-DD (got {clean(value)!r})", param_hint=name
        ) from None


def make_calendar(overrides: Path | None, rest_days_extend: bool) -> WorkingCalendar:
    loaded = CalendarOverrides.load(overrides) if overrides else None
    return WorkingCalendar.china(overrides=loaded, rest_days_extend_periods=rest_days_extend)


overrides_option = click.option(
    "--overrides",
    type=FilePath(),
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


def _parse_readings(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for value in values:
        point, sep, option = value.partition("=")
        if not sep or not point.strip() or not option.strip():
            raise click.BadParameter(
                f"expected POINT=READING (got {clean(value)!r})", ctx=ctx, param=param
            )
        chosen[point.strip()] = option.strip()
    return chosen


reading_option = click.option(
    "--reading",
    "readings",
    multiple=True,
    metavar="POINT=READING",
    callback=_parse_readings,
    help="Use a competing reading instead of the charter's default; repeatable. "
    "`govrules show CHARTER` lists the charter's reading points and readings.",
)
_Command = TypeVar("_Command", bound=Callable[..., Any])


def on_option(help_text: str) -> Callable[[_Command], _Command]:
    """``--on YYYY-MM-DD``: a day whose rules in force a command uses (given as a date)."""
    held = (
        " A day from 2001-01-01 to the end of the tenth year after the latest published "
        "holiday arrangement (see `govrules workdays`)."
    )
    return click.option(
        "--on", "on", metavar="YYYY-MM-DD", callback=_parse_on, help=help_text + held
    )


def error_lines(exc: GovernanceRulesError, lang: str = "en") -> str:
    """The error's message on one line, or one line per problem (charter files, CSV rows).

    Each line is cleaned on its own, so a problem cannot add lines or escapes.
    """
    problems = getattr(exc, "problems", None)
    if isinstance(exc, CharterValidationError) and len(exc.problems) == 1:
        return clean(exc.problems[0])
    if problems:
        head = str(exc).split("\n", 1)[0]
        return "\n".join([clean(head), *(f"  {clean(p)}" for p in problems)])
    return clean(error_message(exc, lang))


def format_option(help_text: str) -> Callable[[_Command], _Command]:
    """``--format text|json`` (the command's ``fmt``), its help saying what json holds."""
    return click.option(
        "--format", "fmt", type=FORMATS, default="text", show_default=True, help=help_text
    )


def _parse_on(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    return None if value is None else parse_date(value, "--on")


def check_day(day: date, where: str) -> date:
    """``day`` if the national working-day calendar holds it, else the error every
    command that counts days gives (``govrules deadline``, ``compare --from``).

    Raises:
        DateOutOfRangeError: If ``day`` is outside the calendar's years.
    """
    cal = WorkingCalendar.china()
    if not cal.first_date <= day <= cal.last_date:
        raise DateOutOfRangeError(
            "date outside the calendar's data",
            where=where,
            got=day.isoformat(),
            allowed=cal.range_text,
        )
    return day


def as_options(exc: GovernanceRulesError, options: dict[str, str]) -> GovernanceRulesError:
    """``exc`` naming the command-line option the user typed where the library names its
    own parameter (``report: out`` is ``--out`` here); any other error as it is.

    >>> from governance_rules.errors import ReportError
    >>> error = ReportError("not a directory", where="report: out")
    >>> str(as_options(error, {"report: out": "--out"}))
    '--out: not a directory'
    """
    where = exc.where or ""
    option = options.get(where)
    if option is None or not exc.is_plain():
        return exc
    renamed = copy.copy(exc)
    renamed.where = option
    renamed.args = (option + str(exc)[len(where) :],)
    return renamed


def charter_on(charter_ref: str, readings: dict[str, str], on: date | None) -> Charter:
    """CHARTER under the readings chosen: as in force on ``on`` (amendments effective
    by then applied), or as written when no day is given.

    Raises:
        DateOutOfRangeError: If ``on`` is outside the calendar's years, as ``compare
            --from`` and ``deadline`` refuse such a day.
    """
    if on is not None:
        check_day(on, "--on")
    charter = load_charter(charter_ref, readings=readings)
    return charter if on is None else charter.at(on)


wide_option = click.option(
    "--wide",
    is_flag=True,
    help="Show every column (the default view is laid out for an 80-column terminal).",
)


class _Group(click.Group):
    """The command group; a closed output pipe is reported to ``main``, not to click.

    click turns a broken pipe into ``sys.exit(1)``; ``govrules`` ends quietly with 0
    instead, as the output was simply not wanted any more.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError as exc:
            raise OutputClosed from exc


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="""\b
Examples:
  govrules list
  govrules deadline 2026-09-28 "3个工作日"
  govrules deadline 2026-09-23 "15 days" --format json
  govrules workdays 2026 --format ics > cn-2026.ics""",
)
@click.version_option(__version__, prog_name="govrules")
def cli() -> None:
    """Community-governance charters as executable rules, on China's working-day calendar."""
