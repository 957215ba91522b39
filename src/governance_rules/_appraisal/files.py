"""Reading appraisal scores and estate indicators from CSV files (docs/appraisal.md)."""

from __future__ import annotations

from pathlib import Path

from governance_rules._appraisal.grading import IndicatorValue
from governance_rules._appraisal.scoring import Score
from governance_rules._arguments import path as file_path
from governance_rules._csv import raise_all, rows
from governance_rules.errors import EvaluationError

__all__ = ["INDICATOR_COLUMNS", "SCORE_COLUMNS", "read_indicators", "read_scores"]

SCORE_COLUMNS = ("subject", "item", "value")
INDICATOR_COLUMNS = ("estate", "category", "indicator", "value")


def read_scores(path: str | Path) -> list[Score]:
    """Appraisal inputs: ``subject,item,value[,rater]`` (see docs/decisions.md).

    Raises:
        EvaluationError: A file that cannot be read, or rows that are invalid (each
            one named by its line).
    """
    file = file_path(path, "path", EvaluationError)
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


def read_indicators(path: str | Path) -> list[IndicatorValue]:
    """Estate indicators: ``estate,category,indicator,value`` (see docs/appraisal.md).

    Raises:
        EvaluationError: An unreadable file, a missing column, or rows with an empty
            cell, every bad row listed.
    """
    file = file_path(path, "path", EvaluationError)
    readings: list[IndicatorValue] = []
    problems: list[str] = []
    for line, row in rows(file, INDICATOR_COLUMNS, EvaluationError):
        empty = [c for c in INDICATOR_COLUMNS if not row[c]]
        if empty:
            problems.append(f"{file}:{line}: {empty[0]}: empty")
            continue
        readings.append(
            IndicatorValue(
                row["estate"], row["category"], row["indicator"], row["value"], f"{file}:{line}"
            )
        )
    raise_all(problems, EvaluationError, file)
    return readings
