"""CSV input shared by the ballot and score readers: every row checked, bad rows together."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from governance_rules.errors import GovernanceRulesError

__all__ = ["raise_all", "rows"]


def rows(
    path: Path, required: tuple[str, ...], error: type[GovernanceRulesError]
) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip() for h in reader.fieldnames or []]
            missing = [c for c in required if c not in header]
            if missing:
                raise error(
                    f"missing column(s) {', '.join(missing)}",
                    where=f"{path}:1",
                    got=header,
                    allowed=", ".join(required) + " (more columns are allowed)",
                )
            reader.fieldnames = header
            for row in reader:
                if None in row:
                    raise error("more values than columns", where=f"{path}:{reader.line_num}")
                yield reader.line_num, {k: (v or "").strip() for k, v in row.items()}
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise error(f"cannot read the file: {exc}", where=str(path)) from exc


def raise_all(problems: list[str], error: type[GovernanceRulesError], path: Path) -> None:
    if problems:
        raise error(f"{len(problems)} bad row(s) in {path}:\n  " + "\n  ".join(problems))
