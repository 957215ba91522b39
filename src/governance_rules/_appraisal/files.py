"""Reading appraisal scores from CSV files (format in docs/decisions.md)."""

from __future__ import annotations

from pathlib import Path

from governance_rules._appraisal.scoring import Score
from governance_rules._csv import raise_all, rows
from governance_rules.errors import EvaluationError

__all__ = ["SCORE_COLUMNS", "read_scores"]

SCORE_COLUMNS = ("subject", "item", "value")


def read_scores(path: str | Path) -> list[Score]:
    """Appraisal inputs: ``subject,item,value[,rater]`` (see docs/decisions.md)."""
    file = Path(path)
    scores: list[Score] = []
    problems: list[str] = []
    for line, row in rows(file, SCORE_COLUMNS, EvaluationError):
        empty = [c for c in SCORE_COLUMNS if not row[c]]
        if empty:
            problems.append(f"{file}:{line}: {empty[0]}: empty")
            continue
        rater = row.get("rater") or None
        origin = f"{file}:{line}"
        scores.append(Score(row["subject"], row["item"], row["value"], rater, origin))
    raise_all(problems, EvaluationError, file)
    return scores
