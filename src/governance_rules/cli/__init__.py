"""``govrules``: the command line. It parses, calls the library, and formats; nothing else.

Exit codes: 0 success, 1 a ``GovernanceRulesError`` (bad input; the message says
what and where), 2 a usage error, 3 a bug (please report it).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

import click

from governance_rules._i18n import default_lang, error_message, normalize_lang, text
from governance_rules.cli import (
    calendar_commands,
    charter_commands,
    decision_commands,
    engine_commands,
)
from governance_rules.cli._app import cli
from governance_rules.errors import GovernanceRulesError

__all__ = ["main"]

logger = logging.getLogger(__name__)

# importing the command modules registers their commands on the group
_COMMAND_MODULES = (calendar_commands, charter_commands, decision_commands, engine_commands)


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
        lang = _lang(argv)
        click.echo(
            f"{text('error', lang)}{text('colon', lang)}{error_message(exc, lang)}", err=True
        )
        return 1
    except Exception as exc:
        logger.debug("unexpected error", exc_info=True)
        note = text("internal_error", _lang(argv), error=f"{type(exc).__name__}: {exc}")
        click.echo(note, err=True)
        return 3
    return result if isinstance(result, int) else 0


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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
