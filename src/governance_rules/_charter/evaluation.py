"""Appraisal (评议/考评) of the three parties, and grading (分级评定) of estates.

``Evaluation`` scores the bodies of a charter (RC, OC, company) once a year.
``Grading`` puts each graded unit (a residential estate, 小区) in one of a few
bands (grades) from indicator values, and checks targets that differ by the
unit's category (newly or already managed). Every band, threshold and target
cites its source; a band whose thresholds the source does not give says so
(``requires: unspecified``) and is never computed.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from pydantic import Field, field_validator, model_validator

from governance_rules._charter.meetings import WindowSpec
from governance_rules._charter.readonly import ReadOnlyMap, no_entries
from governance_rules._charter.types import (
    BodyId,
    ExactFraction,
    Frozen,
    Rule,
    Text,
    Threshold,
    Timing,
    Whole,
    also_written_as,
)

__all__ = [
    "Band",
    "Bound",
    "CategoryTarget",
    "Consequence",
    "Criterion",
    "Evaluation",
    "GradeBand",
    "Grading",
    "Indicator",
    "Measure",
    "RatingOption",
    "Target",
    "UnitCategory",
]


class Criterion(Rule):
    """A scored criterion with its weight and scale."""

    name: str
    weight: ExactFraction | None = Field(default=None, description="null if unspecified")
    scale_min: Whole | None = Field(
        default=None,
        description="the lowest score; null (with scale_max) if the source sets no scale",
    )
    scale_max: Whole | None = Field(
        default=None, description="the highest score; null if unspecified"
    )

    @model_validator(mode="before")
    @classmethod
    def _scale_from_zero(cls, data: Any) -> Any:
        # "out of 10" states the top of the scale; its bottom is zero
        if isinstance(data, Mapping) and data.get("scale_max") is not None:
            return {"scale_min": 0, **data}
        return data

    @model_validator(mode="after")
    def _scale(self) -> Criterion:
        low, high = self.scale_min, self.scale_max
        if low is not None and high is None:
            raise ValueError("scale_min needs scale_max (no scale is stated without its top)")
        if low is not None and high is not None and low >= high:
            raise ValueError("scale_min must be below scale_max")
        return self

    subjects: tuple[BodyId, ...] = Field(default=(), description="empty: every subject")


class RatingOption(Frozen):
    """One answer of a democratic-rating ballot and the score it counts for."""

    label: str
    score: Whole = Field(ge=0, le=100)


class GradeBand(Rule):
    """A grade (较规范 / 一般规范 / 待规范) with its lower score bound, if the source gives one."""

    name: str
    min_score: Whole | None = Field(default=None, ge=0, le=100)


class Target(Rule):
    """A target an indicator must reach, e.g. fee-payment rate >= 85 %."""

    indicator: str
    at_least: ExactFraction
    applies_to: str | None = Field(default=None, description="e.g. newly managed estates")


class ConsequenceKind(enum.Enum):
    """What an appraisal result feeds into."""

    REELECTION_REVIEW = "reelection_review"
    RENEWAL_REVIEW = "renewal_review"
    PERFORMANCE_PAY = "performance_pay"
    REWARD_PENALTY = "reward_penalty"
    RECTIFICATION = "rectification"
    CREDIT_LIST = "credit_list"


class Consequence(Rule):
    """A consequence of the appraisal for one subject."""

    kind: ConsequenceKind
    subject: BodyId | None = None


class Evaluation(Rule):
    """When and how the three parties are appraised, and what follows."""

    window: WindowSpec
    organiser: BodyId
    subjects: tuple[BodyId, ...] = Field(min_length=1)
    methods: tuple[str, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    rating_options: tuple[RatingOption, ...] = ()
    grade_bands: tuple[GradeBand, ...] = ()
    targets: tuple[Target, ...] = ()
    publicity: Timing | None = Field(default=None, description="preliminary results published")
    objection_period: Timing | None = None
    approved_by: BodyId | None = None
    consequences: tuple[Consequence, ...] = ()

    @model_validator(mode="after")
    def _weights(self) -> Evaluation:
        weights = [c.weight for c in self.criteria if c.weight is not None]
        if weights and len(weights) == len(self.criteria) and sum(weights) != Fraction(1):
            raise ValueError(f"criterion weights must add up to 1 (they add up to {sum(weights)})")
        return self


# -- grading of estates -------------------------------------------------------------------
class Measure(enum.Enum):
    """How an indicator is measured."""

    RATE = "rate"
    """A share from 0 to 100 %, given as ``86%``, ``43/50`` or ``0.86``."""
    UNSPECIFIED = "unspecified"
    """The source names the aspect but not how it is measured: values are shown, never compared."""


class Indicator(Rule):
    """Something measured for each graded unit (fee-payment rate, satisfaction …)."""

    label: Text
    measure: Measure


class UnitCategory(Rule):
    """A category of graded unit whose targets differ (newly vs already managed estates)."""

    label: Text


class Bound(Frozen):
    """One condition of a band: an indicator compared with an exact threshold.

    >>> Bound(indicator="fee_payment_rate", threshold={"fraction": "85%", "inclusive": True}
    ...       ).threshold.describe()
    '>= 17/20'
    """

    indicator: str
    threshold: Threshold


class Band(Rule):
    """A grade, best first in ``Grading.bands``, with the conditions a unit must meet.

    ``requires`` is ``unspecified`` (``None``) where the source names the band but
    gives no thresholds: such a band is never computed. An empty list means the band
    takes every unit not placed in a better band.
    """

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)
    label: Text
    requires: tuple[Bound, ...] | None = Field(
        default=None,
        description="'unspecified' (null) where the source gives no thresholds",
        json_schema_extra=also_written_as({"const": "unspecified"}),
    )

    @field_validator("requires", mode="before")
    @classmethod
    def _unspecified(cls, value: Any) -> Any:
        return None if value == "unspecified" else value


class CategoryTarget(Rule):
    """A target for units of one category: ``indicator`` compared with ``threshold``."""

    category: str
    indicator: str
    threshold: Threshold


class Grading(Rule):
    """Grading of units (estates) in bands on indicators, with targets by category."""

    label: Text
    unit: Text = Field(description="what is graded, e.g. {zh: 小区, en: residential estate}")
    by: BodyId | None = Field(default=None, description="who grades; null if unspecified")
    to: tuple[BodyId, ...] = Field(default=(), description="who receives the grades")
    categories: ReadOnlyMap[str, UnitCategory] = Field(default_factory=no_entries)
    indicators: ReadOnlyMap[str, Indicator] = Field(min_length=1)
    bands: tuple[Band, ...] = Field(default=(), description="best first")
    bands_apply_to: tuple[str, ...] = Field(
        default=(), description="the categories the bands grade; empty: every category"
    )
    targets: tuple[CategoryTarget, ...] = ()

    @model_validator(mode="after")
    def _names_are_declared(self) -> Grading:
        problems: list[str] = []
        rates = {k for k, i in self.indicators.items() if i.measure is Measure.RATE}

        def indicator(name: str, where: str) -> None:
            if name not in self.indicators:
                problems.append(
                    f"{where}: unknown indicator {name!r}; declared: {', '.join(self.indicators)}"
                )
            elif name not in rates:
                problems.append(f"{where}: {name!r} has no measure to compare with a threshold")

        names = [b.name for b in self.bands]
        if len(set(names)) != len(names):
            problems.append(f"bands: a band name is used twice ({', '.join(names)})")
        for i, band in enumerate(self.bands):
            for j, bound in enumerate(band.requires or ()):
                indicator(bound.indicator, f"bands[{i}].requires[{j}]")
        for i, category in enumerate(self.bands_apply_to):
            if category not in self.categories:
                problems.append(f"bands_apply_to[{i}]: unknown category {category!r}")
        for i, target in enumerate(self.targets):
            indicator(target.indicator, f"targets[{i}]")
            if target.category not in self.categories:
                known = ", ".join(self.categories) or "none declared"
                problems.append(
                    f"targets[{i}]: unknown category {target.category!r}; declared: {known}"
                )
        if problems:
            raise ValueError("; ".join(problems))
        return self
