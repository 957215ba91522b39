"""``govrules``: the command line. It parses, calls the library, and formats; nothing else.

Exit codes: 0 success, 1 a ``GovernanceRulesError`` (bad input; the message says
what and where) or output that cannot be written (a full disk), 2 a usage
error, 3 a bug (please report it). Output cut short by a closed pipe
(``govrules workdays 2026 | head -1``) ends quietly with 0.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import logging
import os
import sys
from collections.abc import Sequence

import click

from governance_rules._i18n import default_lang, normalize_lang, text
from governance_rules.cli import (
    calendar_commands,
    charter_commands,
    check_commands,  # noqa: F401 - registers `govrules check`
    compare_commands,
    decision_commands,
    engine_commands,
    report_commands,  # noqa: F401 - registers `govrules report`
    simulate_commands,
)
from governance_rules.cli._app import OutputClosed, clean, cli, error_lines
from governance_rules.errors import GovernanceRulesError

__all__ = ["main"]

logger = logging.getLogger(__name__)

# Errors of writing to a stream that has no file name: the output (a full disk, a
# quota, a dead terminal). Input files are read by the library, which reports
# their errors as GovernanceRulesError naming the file.
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})

# importing the command modules registers their commands on the group
_COMMAND_MODULES = (
    calendar_commands,
    charter_commands,
    compare_commands,
    decision_commands,
    engine_commands,
    simulate_commands,
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``govrules`` with ``argv`` (default: the process arguments); return the exit code."""
    _escape_what_stdout_cannot_show()
    try:
        result = cli.main(args=list(argv) if argv is not None else None, prog_name="govrules",
                          standalone_mode=False)  # fmt: skip
        sys.stdout.flush()  # a write error shows up here, not at interpreter exit
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 1
    except click.ClickException as exc:
        shown = io.StringIO()
        exc.show(file=shown)
        # click indents a list of allowed values with tabs: shown as spaces, not as \x09
        message = shown.getvalue().rstrip("\n").replace("\n\t", "\n  ")
        click.echo(clean(message, newlines=True), err=True)
        return 2 if isinstance(exc, click.UsageError) else 1
    except GovernanceRulesError as exc:
        lang = _lang(argv)
        click.echo(f"{text('error', lang)}{text('colon', lang)}{error_lines(exc, lang)}", err=True)
        return 1
    except (BrokenPipeError, OutputClosed):  # the reader went away (| head): not an error
        _discard_stdout()
        return 0
    except OSError as exc:
        if exc.errno not in _WRITE_ERRORS or exc.filename is not None:
            return _bug(exc, argv)
        _discard_stdout()
        click.echo(f"error: cannot write the output: {clean(exc.strerror or exc)}", err=True)
        return 1
    except Exception as exc:
        return _bug(exc, argv)
    return result if isinstance(result, int) else 0


def _escape_what_stdout_cannot_show() -> None:
    """Let an output that is not UTF-8 (``PYTHONIOENCODING=ascii``, a legacy locale) show
    what it cannot encode as ``\\u2014``-style escapes, as standard error already does,
    instead of failing on the first such character."""
    stdout = sys.__stdout__
    if sys.stdout is not stdout or not isinstance(stdout, io.TextIOWrapper):
        return
    if codecs.lookup(stdout.encoding).name != "utf-8" and stdout.errors == "strict":
        with contextlib.suppress(OSError, ValueError):  # a stream that cannot change
            stdout.reconfigure(errors="backslashreplace")


def _bug(exc: BaseException, argv: Sequence[str] | None) -> int:
    logger.debug("unexpected error", exc_info=True)
    note = text("internal_error", _lang(argv), error=f"{type(exc).__name__}: {clean(exc)}")
    click.echo(note, err=True)
    return 3


def _lang(argv: Sequence[str] | None) -> str:
    """The ``--lang`` of the command line, else the locale's, for messages about errors."""
    args = list(sys.argv[1:] if argv is None else argv)
    for index, arg in enumerate(args):
        value = args[index + 1] if arg == "--lang" and index + 1 < len(args) else None
        value = arg.partition("=")[2] if arg.startswith("--lang=") else value
        if value:
            try:
                return normalize_lang(value)
            except GovernanceRulesError:
                break
    return default_lang()


def _discard_stdout() -> None:
    """Point the process's standard output at the null device.

    What is still buffered would otherwise fail again when Python flushes at
    exit, and print a traceback. Only the real standard output is redirected.
    """
    stdout = sys.__stdout__
    if stdout is None or sys.stdout is not stdout:
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # pragma: no cover - nothing more can be done
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
