"""CSV input shared by the ballot and score readers: every row checked, bad rows together."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from governance_rules._input import UnreadableInput, read_text
from governance_rules.errors import GovernanceRulesError

__all__ = ["raise_all", "rows"]


def rows(
    path: Path, required: tuple[str, ...], error: type[GovernanceRulesError]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each data row of the CSV file ``path`` with its line number, values stripped.

    The file is read whole but bounded (see :mod:`governance_rules._input`) before
    any row is parsed.

    Raises:
        GovernanceRulesError: Of class ``error``: an unreadable or oversize file, a
            missing or repeated column, or a row with more values than columns.
    """
    try:
        text = read_text(path)
    except UnreadableInput as exc:
        raise error(exc.what, where=str(path), allowed=exc.allowed) from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in required if c not in header]
        if missing:
            raise error(
                f"missing column(s) {', '.join(missing)}",
                where=f"{path}:1",
                got=header,
                allowed=", ".join(required) + " (more columns are allowed)",
            )
        repeated = sorted({h for h in header if header.count(h) > 1})
        if repeated:
            raise error(
                f"column(s) named twice: {', '.join(repeated)}",
                where=f"{path}:1",
                got=header,
                allowed="each column once",
            )
        reader.fieldnames = header
        for row in reader:
            if None in row:
                raise error("more values than columns", where=f"{path}:{reader.line_num}")
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items()}
    except csv.Error as exc:
        # DictReader.line_num is that of the last good row; its reader has read on
        raise error(
            f"not a valid CSV file: {exc}", where=f"{path}:{reader.reader.line_num}"
        ) from exc


def raise_all(problems: list[str], error: type[GovernanceRulesError], path: Path) -> None:
    """Raise ``error`` listing every bad row; ``exc.problems`` holds them one by one."""
    if problems:
        exc = error(f"{len(problems)} bad row(s) in {path}:\n  " + "\n  ".join(problems))
        exc.problems = tuple(problems)  # type: ignore[attr-defined]
        raise exc
