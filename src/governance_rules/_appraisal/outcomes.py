"""What an approved appraisal result feeds into, per the charter's consequences.

The appraisal's steps (open, score, publicise, objections, approval) run as a
workflow on the engine's event log (``governance_rules._workflows.appraisal``);
this module says what an approved result means for each subject.

>>> from governance_rules._charter import load_charter
>>> from governance_rules._appraisal import Score, appraise
>>> ev = load_charter("yangxin-2022").evaluation
>>> [o.kind.value for o in outcomes(ev, appraise(ev, []))][:1]
['reelection_review']
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from governance_rules._appraisal.scoring import AppraisalResult, score_text
from governance_rules._arguments import instance
from governance_rules._charter.evaluation import ConsequenceKind, Evaluation
from governance_rules.errors import EvaluationError

__all__ = ["Outcome", "outcomes"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """A consequence of the approved result for one subject, with its basis."""

    kind: ConsequenceKind
    subject: str
    basis: str
    share: Fraction | None = None


def outcomes(evaluation: Evaluation, result: AppraisalResult) -> tuple[Outcome, ...]:
    """What the approved ``result`` feeds into, per the charter's consequences.

    Charters make results "a basis" for reviews, never an automatic decision,
    so each outcome states the basis. A performance-pay share is the total
    score as a share of 100 (the library's proportional convention).

    Raises:
        EvaluationError: An argument of the wrong type.
    """
    instance(evaluation, Evaluation, "evaluation", "an Evaluation (charter.evaluation)",
             EvaluationError)  # fmt: skip
    instance(result, AppraisalResult, "result", "an AppraisalResult (appraise(...))",
             EvaluationError)  # fmt: skip
    found = []
    for consequence in evaluation.consequences:
        subjects = [consequence.subject] if consequence.subject else evaluation.subjects
        for subject in subjects:
            r = result.subjects.get(subject)
            if r is None:
                continue
            missed = [t.indicator for t in r.targets if not t.met]
            basis = f"total {'none' if r.total is None else score_text(r.total)}"
            basis += f", grade {r.grade}" if r.grade else ""
            basis += f", targets missed: {', '.join(missed)}" if missed else ""
            share = None
            if consequence.kind is ConsequenceKind.PERFORMANCE_PAY and r.total is not None:
                share = r.total / 100
            found.append(Outcome(consequence.kind, subject, basis, share))
    return tuple(found)
