"""Scoring an appraisal: criteria, democratic ratings, indicators, grades and targets.

Inputs are :class:`Score` records — one rater's score on a criterion, one
democratic-rating answer, or one indicator value — checked against the
charter's ``evaluation`` section. Aggregation is exact (``Fraction``):

* a criterion's score is the mean of its raters' scores, scaled to 0–100;
* the total is the weighted mean of the criteria; where the charter gives no
  weights, criteria weigh equally (and the result says so);
* a criterion without any score is, by default, left out and the weights of the
  others rescaled (``MissingPolicy.EXCLUDE``); ``MissingPolicy.ZERO`` counts it as 0;
* a grade is given only where the charter sets the bands' cut-offs.

>>> from governance_rules._charter import load_charter
>>> ev = load_charter("yangxin-2022").evaluation
>>> result = appraise(ev, [Score("owners_committee", "use of the linkage mechanism", 80),
...                        Score("owners_committee", "complaints accepted and resolved", 90)])
>>> result.subjects["owners_committee"].total
Fraction(85, 1)
"""

from __future__ import annotations

import enum
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from governance_rules._arguments import instance, items, text
from governance_rules._charter.evaluation import Evaluation
from governance_rules._i18n import Note, note_text
from governance_rules._numbers import MAX_EXPONENT, decimal_text, exact, shown
from governance_rules.errors import EvaluationError

__all__ = [
    "RATING",
    "AppraisalResult",
    "MissingPolicy",
    "Score",
    "SubjectResult",
    "TargetCheck",
    "appraise",
    "score_text",
]

RATING = "rating"
"""The item name of a democratic-rating answer (民主测评)."""


class MissingPolicy(enum.Enum):
    """What a criterion without any score counts for."""

    EXCLUDE = "exclude"
    """Left out; the other criteria's weights are rescaled to add up to 1."""
    ZERO = "zero"
    """Counted as 0."""


@dataclass(frozen=True, slots=True)
class Score:
    """One input: a criterion score, a rating answer (``item == "rating"``) or an indicator.

    ``value`` is a number for criteria, an answer label for ratings, and a rate
    (``Fraction`` or ``"86%"``) for indicators.
    """

    subject: str
    item: str
    value: Fraction | int | str
    rater: str | None = None
    origin: str | None = None
    """Where the score comes from (``scores.csv:4``), used in error messages."""


@dataclass(frozen=True, slots=True)
class TargetCheck:
    """An indicator compared with its target."""

    indicator: str
    value: Fraction
    at_least: Fraction
    applies_to: str | None

    @property
    def met(self) -> bool:
        """True if the value reaches the target (targets are 'at least', inclusive)."""
        return self.value >= self.at_least


@dataclass(frozen=True)
class SubjectResult:
    """The appraisal of one subject (RC, OC or the company)."""

    subject: str
    criteria: Mapping[str, Fraction | None]
    weights: Mapping[str, Fraction]
    total: Fraction | None
    grade: str | None
    rating: Mapping[str, int]
    rating_score: Fraction | None
    targets: tuple[TargetCheck, ...]
    notes: tuple[str, ...]

    def notes_in(self, lang: str) -> tuple[str, ...]:
        """The notes in ``lang`` (``"en"`` or ``"zh"``); the English ones are :attr:`notes`.

        Raises:
            GovernanceRulesError: An unknown language.
        """
        return tuple(note_text(note, lang) for note in self.notes)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """A JSON-ready mapping (fractions as text, and as a rounded number for display).

        Args:
            lang: The language of the human-readable texts (the notes): ``"en"`` (as
                stored) or ``"zh"``; the keys and values stay as they are.
        """

        def num(value: Fraction | None) -> dict[str, Any] | None:
            return (
                None if value is None else {"exact": str(value), "approx": round(float(value), 2)}
            )

        return {
            "subject": self.subject,
            "criteria": {name: num(v) for name, v in self.criteria.items()},
            "weights": {name: str(w) for name, w in self.weights.items()},
            "total": num(self.total),
            "grade": self.grade,
            "rating": dict(self.rating),
            "rating_score": num(self.rating_score),
            "targets": [
                {
                    "indicator": t.indicator,
                    "value": str(t.value),
                    "at_least": str(t.at_least),
                    "applies_to": t.applies_to,
                    "met": t.met,
                }
                for t in self.targets
            ],
            "notes": [str(note) for note in self.notes_in(lang)],
        }


@dataclass(frozen=True)
class AppraisalResult:
    """Every subject's result, and the policy used."""

    subjects: Mapping[str, SubjectResult]
    missing: MissingPolicy
    notes: tuple[str, ...] = field(default=())

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """A JSON-ready mapping.

        Args:
            lang: The language of the human-readable texts (the notes): ``"en"`` (as
                stored) or ``"zh"``; the keys and values stay as they are.
        """
        return {
            "missing_policy": self.missing.value,
            "subjects": {name: r.to_dict(lang) for name, r in self.subjects.items()},
            "notes": [note_text(note, lang) for note in self.notes],
        }


def score_text(value: Fraction) -> str:
    """``84.50``, ``89.996``; a score with no short decimal as its fraction and its first
    two decimals (``170/3 (56.66…)``): cut, never rounded up past a grade's cut-off.

    >>> score_text(Fraction(169, 2)), score_text(Fraction("89.996")), score_text(Fraction(170, 3))
    ('84.50', '89.996', '170/3 (56.66…)')
    """
    found = decimal_text(value, 2, most=6)
    if found is not None:
        return found
    return f"{value} ({decimal_text(Fraction(math.floor(value * 100), 100), 2)}…)"


def _field(where: str, name: str) -> str:
    """``scores[3].value``, or ``scores.csv:4: value`` for a score read from a file."""
    return f"{where}: {name}" if ":" in where else f"{where}.{name}"


_LIMIT = 10 ** (MAX_EXPONENT + 1)


def _given(value: Fraction | int) -> Fraction:
    """A number given in Python, no longer than one read from text (41 digits a part)."""
    result = Fraction(value)
    if max(abs(result.numerator), result.denominator) >= _LIMIT:  # compared, never printed
        raise ValueError(f"a numerator or denominator of more than {MAX_EXPONENT + 1} digits")
    return result


def _number(value: object) -> Fraction:
    if isinstance(value, Fraction | int) and not isinstance(value, bool):
        return _given(value)
    if isinstance(value, str):
        return exact(value)
    raise ValueError(f"a {type(value).__name__}")


def _rate(value: object, where: str) -> Fraction:
    if isinstance(value, Fraction | int) and not isinstance(value, bool):
        try:
            result = _given(value)
        except ValueError as exc:
            raise EvaluationError(f"expected a rate: {exc}", where=where, got=value) from None
    elif isinstance(value, str):
        text = value.strip()
        try:
            result = exact(text[:-1]) / 100 if text.endswith("%") else exact(text)
        except ValueError as exc:
            raise EvaluationError(
                f"expected a rate: {exc}",
                where=where,
                got=shown(value),
                allowed="'86%', '43/50' or 0.86 as text",
            ) from None
    else:
        raise EvaluationError("expected a rate", where=where, got=value)
    if not 0 <= result <= 1:
        raise EvaluationError("a rate lies between 0 and 100%", where=where, got=value)
    return result


def appraise(
    evaluation: Evaluation,
    scores: Iterable[Score],
    *,
    missing: MissingPolicy = MissingPolicy.EXCLUDE,
) -> AppraisalResult:
    """Aggregate ``scores`` under the charter's ``evaluation``.

    Raises:
        EvaluationError: Listing every invalid score (unknown subject or item, a value
            off the scale, a rating answer the charter does not define), or an
            argument of the wrong type.
    """
    instance(evaluation, Evaluation, "evaluation", "an Evaluation (charter.evaluation)",
             EvaluationError)  # fmt: skip
    listed = items(scores, "scores", "a list of Score", EvaluationError)
    missing = _policy(missing)
    collector = _Collector(evaluation)
    problems: list[str] = []
    for index, score in enumerate(listed):
        try:
            instance(score, Score, f"scores[{index}]", "a Score(subject, item, value)",
                     EvaluationError)  # fmt: skip
            collector.take(score, score.origin or f"scores[{index}]")
        except EvaluationError as exc:
            problems.append(str(exc))
    if problems:
        failed = EvaluationError(f"{len(problems)} invalid score(s):\n  " + "\n  ".join(problems))
        failed.problems = tuple(problems)  # one a line in the CLI
        raise failed
    results = {subject: collector.result(subject, missing) for subject in evaluation.subjects}
    return AppraisalResult(results, missing)


def _policy(value: object) -> MissingPolicy:
    """A :class:`MissingPolicy`, or its value (``"zero"``)."""
    if isinstance(value, MissingPolicy):
        return value
    allowed = ", ".join(p.value for p in MissingPolicy)
    if isinstance(value, str) and value in {p.value for p in MissingPolicy}:
        return MissingPolicy(value)
    raise EvaluationError("unknown policy for missing scores", where="missing",
                          got=shown(value) if isinstance(value, str) else type(value).__name__,
                          allowed=allowed)  # fmt: skip


class _Collector:
    def __init__(self, evaluation: Evaluation) -> None:
        self.evaluation = evaluation
        self.criteria = {c.name: c for c in evaluation.criteria}
        self.options = {o.label: o.score for o in evaluation.rating_options}
        self.targets = {t.indicator: t for t in evaluation.targets}
        self.points: dict[tuple[str, str], list[Fraction]] = defaultdict(list)
        self.answers: dict[str, dict[str, int]] = defaultdict(
            lambda: dict.fromkeys(self.options, 0)
        )
        self.indicators: dict[str, dict[str, Fraction]] = defaultdict(dict)
        self.rated: dict[tuple[str, str, str], str] = {}

    def take(self, score: Score, where: str) -> None:
        text(score.subject, _field(where, "subject"), EvaluationError)
        text(score.item, _field(where, "item"), EvaluationError)
        subjects = self.evaluation.subjects
        if score.subject not in subjects:
            raise EvaluationError(
                "not a subject of this appraisal",
                where=_field(where, "subject"),
                got=score.subject,
                allowed=", ".join(subjects),
            )
        if score.rater is not None:
            self._once(score, where)
        if score.item == RATING:
            self._rating(score, where)
        elif score.item in self.criteria:
            self._criterion(score, where)
        elif score.item in self.targets:
            self._indicator(score, where)
        else:
            known = [*self.criteria, *self.targets, *([RATING] if self.options else [])]
            raise EvaluationError(
                "unknown item",
                where=_field(where, "item"),
                got=score.item,
                allowed=", ".join(known) or "none: the charter defines no criteria",
            )

    def _indicator(self, score: Score, where: str) -> None:
        """One value per indicator and subject: a second one would silently replace it."""
        given = self.indicators[score.subject]
        if score.item in given:
            raise EvaluationError(
                "a value given twice for this subject",
                where=_field(where, "item"),
                got=shown(score.item),
                allowed="one value per indicator and subject",
            )
        given[score.item] = _rate(score.value, _field(where, "value"))

    def _once(self, score: Score, where: str) -> None:
        """One score per rater, subject and item: a second would count the rater twice."""
        rater = text(score.rater, _field(where, "rater"), EvaluationError)
        key = (score.subject, score.item, rater)
        if key in self.rated:
            raise EvaluationError(
                "this rater already scored this item for this subject "
                f"(first at {self.rated[key]})",
                where=_field(where, "rater"),
                got=shown(rater),
                allowed="one score per rater, subject and item",
            )
        self.rated[key] = f"line {where.rsplit(':', 1)[1]}" if ":" in where else where

    def _rating(self, score: Score, where: str) -> None:
        if not self.options:
            raise EvaluationError("the charter defines no rating answers", where=where)
        if not isinstance(score.value, str) or score.value not in self.options:
            raise EvaluationError(
                "unknown rating answer",
                where=_field(where, "value"),
                got=score.value,
                allowed=", ".join(self.options),
            )
        self.answers[score.subject][str(score.value)] += 1

    def _criterion(self, score: Score, where: str) -> None:
        criterion = self.criteria[score.item]
        if criterion.subjects and score.subject not in criterion.subjects:
            raise EvaluationError(
                "this criterion does not apply to the subject",
                where=_field(where, "subject"),
                got=score.subject,
            )
        try:
            value = _number(score.value)
        except ValueError as exc:
            raise EvaluationError(
                f"expected a number: {exc}",
                where=_field(where, "value"),
                got=shown(score.value),
                allowed="a decimal such as 85 or 87.5, or a fraction such as 7/8",
            ) from None
        low, high = criterion.scale_min, criterion.scale_max
        if low is None or high is None:  # the source sets no scale: the value as given
            self.points[(score.subject, score.item)].append(value)
            return
        if not low <= value <= high:
            raise EvaluationError(
                "score off the scale",
                where=_field(where, "value"),
                got=score.value,
                allowed=f"{low} to {high}",
            )
        self.points[(score.subject, score.item)].append((value - low) * 100 / (high - low))

    def result(self, subject: str, missing: MissingPolicy) -> SubjectResult:
        return _subject(
            subject,
            self.evaluation,
            self.points,
            self.answers.get(subject),
            self.indicators[subject],
            missing,
        )


def _subject(  # noqa: PLR0917 - one call site, the collector
    subject: str,
    evaluation: Evaluation,
    points: Mapping[tuple[str, str], list[Fraction]],
    answers: Mapping[str, int] | None,
    indicators: Mapping[str, Fraction],
    missing: MissingPolicy,
) -> SubjectResult:
    notes: list[str] = []
    applicable = [c for c in evaluation.criteria if not c.subjects or subject in c.subjects]
    means: dict[str, Fraction | None] = {}
    for criterion in applicable:
        values = points.get((subject, criterion.name), [])
        means[criterion.name] = sum(values, Fraction(0)) / len(values) if values else None
    given = {c.name: c.weight for c in applicable if c.weight is not None}
    if len(given) == len(applicable):
        weights = dict(given)
    else:
        weights = {c.name: Fraction(1, len(applicable)) for c in applicable} if applicable else {}
        if applicable:
            notes.append(Note("note.equal_weights"))
    scored = {name: m for name, m in means.items() if m is not None}
    if missing is MissingPolicy.ZERO:
        scored = {name: means[name] or Fraction(0) for name in means}
    elif len(scored) < len(means):
        left_out = sorted(set(means) - set(scored))
        notes.append(Note("note.left_out", names=", ".join(left_out)))
    total = None
    if scored:
        weight_sum = sum((weights[name] for name in scored), Fraction(0))
        total = sum((weights[name] * value for name, value in scored.items()), Fraction(0))
        total = total / weight_sum if weight_sum else None
    grade = _grade(evaluation, total, notes)
    rating = dict(answers or {})
    votes = sum(rating.values())
    option_scores = {o.label: o.score for o in evaluation.rating_options}
    rating_score = (
        Fraction(sum(option_scores[k] * n for k, n in rating.items()), votes) if votes else None
    )
    checks = tuple(
        TargetCheck(t.indicator, indicators[t.indicator], t.at_least, t.applies_to)
        for t in evaluation.targets
        if t.indicator in indicators
    )
    return SubjectResult(
        subject, means, weights, total, grade, rating, rating_score, checks, tuple(notes)
    )


def _grade(evaluation: Evaluation, total: Fraction | None, notes: list[str]) -> str | None:
    bands = evaluation.grade_bands
    if not bands or total is None:
        return None
    if any(b.min_score is None for b in bands):
        notes.append(Note("note.no_cut_offs"))
        return None
    for band in sorted(bands, key=lambda b: b.min_score or 0, reverse=True):
        if total >= (band.min_score or 0):
            return band.name
    return None
