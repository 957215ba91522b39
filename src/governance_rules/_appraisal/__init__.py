"""Appraisal (评议考评) of the residents' committee, owners' committee and company.

>>> from governance_rules._charter import load_charter
>>> from governance_rules._appraisal import Score, appraise
>>> ev = load_charter("yangxin-2022").evaluation
>>> appraise(ev, [Score("property_company", "order and safety management", 70)]
...          ).subjects["property_company"].total
Fraction(70, 1)
"""

from governance_rules._appraisal.files import read_indicators, read_scores
from governance_rules._appraisal.grading import (
    EstateGrade,
    GradingResult,
    IndicatorValue,
    ThresholdCheck,
    grade,
)
from governance_rules._appraisal.outcomes import Outcome, outcomes
from governance_rules._appraisal.scoring import (
    RATING,
    AppraisalResult,
    MissingPolicy,
    Score,
    SubjectResult,
    TargetCheck,
    appraise,
)

__all__ = [
    "RATING",
    "AppraisalResult",
    "EstateGrade",
    "GradingResult",
    "IndicatorValue",
    "MissingPolicy",
    "Outcome",
    "Score",
    "SubjectResult",
    "TargetCheck",
    "ThresholdCheck",
    "appraise",
    "grade",
    "outcomes",
    "read_indicators",
    "read_scores",
]
