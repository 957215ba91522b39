"""Grading estates: bands from indicator values, and targets by estate category.

Inputs are :class:`IndicatorValue` records — one indicator value of one estate, with the
estate's category — checked against one of the charter's ``grading`` sections.
Comparisons are exact (``Fraction``) and follow each threshold's own
``inclusive`` flag (达到/以上 include the number).

* a **target** applies to the estates of its category; it is met, missed, or
  undecided where the estate has no value for its indicator;
* a **band** is the first (best) band all of whose conditions the estate meets;
  no band is given where a band's thresholds are unspecified by the source or a
  value it needs is missing, and the result says why.

>>> from governance_rules._charter import load_charter
>>> g = load_charter("district-street-plans").grading["estate_grading"]
>>> r = grade(g, [
...     IndicatorValue("East Court", "already_managed", "fee_payment_rate", "90%"),
...     IndicatorValue("East Court", "already_managed", "satisfaction_rate", "89.9%")])
>>> [(t.indicator, t.met) for t in r.estates["East Court"].targets]
[('fee_payment_rate', True), ('satisfaction_rate', False)]
>>> r.estates["East Court"].meets_targets
False
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from governance_rules._appraisal.scoring import _field, _rate
from governance_rules._arguments import instance, items
from governance_rules._arguments import text as name_text
from governance_rules._charter.evaluation import Grading, Measure
from governance_rules._charter.types import Threshold
from governance_rules._i18n import Note, note_text
from governance_rules._numbers import shown
from governance_rules.errors import EvaluationError

__all__ = ["EstateGrade", "GradingResult", "IndicatorValue", "ThresholdCheck", "grade"]

MAX_NAME_CHARS = 200
"""The longest estate name or unmeasured value read."""


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """One indicator value of one estate; ``value`` a rate (``"86%"``, ``"43/50"``) or text."""

    estate: str
    category: str
    indicator: str
    value: Fraction | int | str
    origin: str | None = None
    """Where the value comes from (``indicators.csv:4``), used in error messages."""


@dataclass(frozen=True, slots=True)
class ThresholdCheck:
    """An indicator value against a threshold; ``met`` is ``None`` without a value."""

    indicator: str
    value: Fraction | None
    threshold: Threshold

    @property
    def met(self) -> bool | None:
        """True or False as the value meets the threshold; None if there is no value."""
        if self.value is None:
            return None
        return self.threshold.met(self.value, 1)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (exact fractions as text)."""
        return {
            "indicator": self.indicator,
            "value": None if self.value is None else str(self.value),
            "threshold": self.threshold.describe(),
            "met": self.met,
        }


@dataclass(frozen=True)
class EstateGrade:
    """One estate's band, target checks and the values they rest on."""

    estate: str
    category: str
    rates: Mapping[str, Fraction]
    unmeasured: Mapping[str, str]
    band: str | None
    targets: tuple[ThresholdCheck, ...]
    notes: tuple[str, ...]

    def notes_in(self, lang: str) -> tuple[str, ...]:
        """The notes in ``lang`` (``"en"`` or ``"zh"``); the English ones are :attr:`notes`.

        Raises:
            GovernanceRulesError: An unknown language.
        """
        return tuple(note_text(note, lang) for note in self.notes)

    @property
    def meets_targets(self) -> bool | None:
        """True if every target of the category is met; None if one cannot be decided."""
        if not self.targets:
            return None
        if any(t.met is False for t in self.targets):
            return False
        return None if any(t.met is None for t in self.targets) else True

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """A JSON-ready mapping.

        Args:
            lang: The language of the human-readable texts (the notes): ``"en"`` (as
                stored) or ``"zh"``; the keys and values stay as they are.
        """
        return {
            "estate": self.estate,
            "category": self.category,
            "rates": {
                k: {"exact": str(v), "approx": round(float(v), 4)} for k, v in self.rates.items()
            },
            "unmeasured": dict(self.unmeasured),
            "band": self.band,
            "targets": [t.to_dict() for t in self.targets],
            "meets_targets": self.meets_targets,
            "notes": [str(note) for note in self.notes_in(lang)],
        }


@dataclass(frozen=True)
class GradingResult:
    """Every estate's grade, in the order the estates first appear."""

    grading: str
    estates: Mapping[str, EstateGrade]

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """A JSON-ready mapping.

        Args:
            lang: The language of the human-readable texts (the notes): ``"en"`` (as
                stored) or ``"zh"``; the keys and values stay as they are.
        """
        return {
            "grading": self.grading,
            "estates": [e.to_dict(lang) for e in self.estates.values()],
        }


def grade(
    grading: Grading, readings: Iterable[IndicatorValue], *, name: str = ""
) -> GradingResult:
    """Grade each estate in ``readings`` under ``grading``.

    Raises:
        EvaluationError: Listing every invalid reading (unknown category or indicator,
            a rate that is not a rate or outside 0–100 %, an estate given two
            categories, a value given twice, an overlong name), or an argument of the
            wrong type.
    """
    instance(grading, Grading, "grading", "a Grading (charter.grading[name])", EvaluationError)
    given = items(readings, "readings", "a list of IndicatorValue", EvaluationError)
    instance(name, str, "name", "the grading's name", EvaluationError)
    problems: list[str] = []
    categories: dict[str, str] = {}
    rates: dict[str, dict[str, Fraction]] = {}
    unmeasured: dict[str, dict[str, str]] = {}
    for index, reading in enumerate(given):
        try:
            instance(reading, IndicatorValue, f"readings[{index}]",
                     "an IndicatorValue(estate, category, indicator, value)",
                     EvaluationError)  # fmt: skip
            where = reading.origin or f"readings[{index}]"
            _take(grading, reading, where, categories, rates, unmeasured)
        except EvaluationError as exc:
            problems.append(str(exc))
    if problems:
        listed = "\n  ".join(problems)
        failed = EvaluationError(f"{len(problems)} invalid reading(s):\n  {listed}")
        failed.problems = tuple(problems)  # one a line in the CLI
        raise failed
    estates = {
        estate: _estate(grading, estate, category, rates[estate], unmeasured[estate])
        for estate, category in categories.items()
    }
    return GradingResult(name, estates)


def _take(  # noqa: PLR0917 - one call site
    grading: Grading,
    reading: IndicatorValue,
    where: str,
    categories: dict[str, str],
    rates: dict[str, dict[str, Fraction]],
    unmeasured: dict[str, dict[str, str]],
) -> None:
    estate = reading.estate
    for name in ("estate", "category", "indicator"):
        name_text(getattr(reading, name), _field(where, name), EvaluationError)
    if not estate or len(estate) > MAX_NAME_CHARS:
        raise EvaluationError(
            "an estate needs a name", where=_field(where, "estate"), got=shown(estate),
            allowed=f"1 to {MAX_NAME_CHARS} characters",
        )  # fmt: skip
    if reading.category not in grading.categories:
        raise EvaluationError(
            "unknown estate category",
            where=_field(where, "category"),
            got=shown(reading.category),
            allowed=", ".join(grading.categories) or "none: the grading defines no categories",
        )
    known = categories.setdefault(estate, reading.category)
    if known != reading.category:
        raise EvaluationError(
            "an estate has one category",
            where=_field(where, "category"),
            got=shown(reading.category),
            allowed=f"{known!r}, as given first for this estate",
        )
    indicator = grading.indicators.get(reading.indicator)
    if indicator is None:
        raise EvaluationError(
            "unknown indicator",
            where=_field(where, "indicator"),
            got=shown(reading.indicator),
            allowed=", ".join(grading.indicators),
        )
    estate_rates = rates.setdefault(estate, {})
    estate_text = unmeasured.setdefault(estate, {})
    if reading.indicator in estate_rates or reading.indicator in estate_text:
        raise EvaluationError(
            "a value given twice for this estate",
            where=_field(where, "indicator"),
            got=shown(reading.indicator),
        )
    if indicator.measure is Measure.RATE:
        estate_rates[reading.indicator] = _rate(reading.value, _field(where, "value"))
        return
    text = str(reading.value)
    if len(text) > MAX_NAME_CHARS:
        raise EvaluationError(
            "a value too long", where=_field(where, "value"), got=shown(text),
            allowed=f"at most {MAX_NAME_CHARS} characters",
        )  # fmt: skip
    estate_text[reading.indicator] = text


def _estate(
    grading: Grading,
    estate: str,
    category: str,
    rates: Mapping[str, Fraction],
    unmeasured: Mapping[str, str],
) -> EstateGrade:
    notes: list[str] = []
    targets = tuple(
        ThresholdCheck(t.indicator, rates.get(t.indicator), t.threshold)
        for t in grading.targets
        if t.category == category
    )
    for check in targets:
        if check.value is None:
            notes.append(Note("note.target_undecided", indicator=check.indicator))
    if not targets:
        notes.append(Note("note.no_targets", category=category))
    if unmeasured:
        notes.append(Note("note.unmeasured", names=", ".join(unmeasured)))
    return EstateGrade(
        estate, category, dict(rates), dict(unmeasured), _band(grading, category, rates, notes),
        targets, tuple(notes),
    )  # fmt: skip


def _band(
    grading: Grading, category: str, rates: Mapping[str, Fraction], notes: list[str]
) -> str | None:
    if grading.bands and grading.bands_apply_to and category not in grading.bands_apply_to:
        notes.append(Note("note.bands_apply_to", categories=", ".join(grading.bands_apply_to)))
        return None
    for band in grading.bands:
        if band.requires is None:
            notes.append(Note("note.band_open", band=band.name))
            return None
        missing = [b.indicator for b in band.requires if b.indicator not in rates]
        if missing:
            notes.append(Note("note.band_undecided", names=", ".join(missing), band=band.name))
            return None
        if all(b.threshold.met(rates[b.indicator], 1) for b in band.requires):
            return band.name
    if grading.bands:
        notes.append(Note("note.no_band_met"))
    return None
