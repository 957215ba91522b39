"""Annual appraisal (评议/考评) of the residents' committee, owners' committee and company."""

from __future__ import annotations

import enum
from fractions import Fraction

from pydantic import Field, model_validator

from governance_rules._charter.meetings import WindowSpec
from governance_rules._charter.types import BodyId, ExactFraction, Frozen, Rule, Timing

__all__ = [
    "Consequence",
    "Criterion",
    "Evaluation",
    "GradeBand",
    "RatingOption",
    "Target",
]


class Criterion(Rule):
    """A scored criterion with its weight and scale."""

    name: str
    weight: ExactFraction | None = Field(default=None, description="null if unspecified")
    scale_min: int = 0
    scale_max: int = 100
    subjects: tuple[BodyId, ...] = Field(default=(), description="empty: every subject")


class RatingOption(Frozen):
    """One answer of a democratic-rating ballot and the score it counts for."""

    label: str
    score: int = Field(ge=0, le=100)


class GradeBand(Rule):
    """A grade (较规范 / 一般规范 / 待规范) with its lower score bound, if the source gives one."""

    name: str
    min_score: int | None = Field(default=None, ge=0, le=100)


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
