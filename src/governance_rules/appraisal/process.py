"""The appraisal's process: preliminary → publicised → objections handled → approved.

Each step returns a new, immutable :class:`AppraisalProcess`; a step taken out of
order raises :class:`~governance_rules.errors.EvaluationError` saying what is
allowed, and changes nothing.

>>> from datetime import date
>>> from governance_rules.charter import load_charter
>>> from governance_rules.appraisal import appraise
>>> ev = load_charter("yangxin-2022").evaluation
>>> p = AppraisalProcess.start(ev, appraise(ev, []))
>>> p = p.publicise(date(2026, 12, 20))
>>> p.approve("street_office", date(2026, 12, 28)).stage
<Stage.APPROVED: 'approved'>
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction
from typing import Any

from governance_rules.appraisal.scoring import AppraisalResult
from governance_rules.calendar import WorkingCalendar
from governance_rules.charter.evaluation import ConsequenceKind, Evaluation
from governance_rules.errors import EvaluationError

__all__ = ["AppraisalProcess", "Objection", "Outcome", "Stage"]


class Stage(enum.Enum):
    """Where an appraisal stands."""

    PRELIMINARY = "preliminary"
    PUBLICISED = "publicised"
    APPROVED = "approved"


@dataclass(frozen=True, slots=True)
class Objection:
    """An objection to a preliminary result, and how it was handled."""

    subject: str
    raised_on: date
    text: str
    resolution: str | None = None

    @property
    def resolved(self) -> bool:
        """True once handled."""
        return self.resolution is not None


@dataclass(frozen=True, slots=True)
class Outcome:
    """A consequence of the approved result for one subject, with its basis."""

    kind: ConsequenceKind
    subject: str
    basis: str
    share: Fraction | None = None


@dataclass(frozen=True)
class AppraisalProcess:
    """One appraisal moving through its steps."""

    evaluation: Evaluation
    result: AppraisalResult
    stage: Stage = Stage.PRELIMINARY
    publicised_on: date | None = None
    objections_until: date | None = None
    objections: tuple[Objection, ...] = ()
    approved_by: str | None = None
    approved_on: date | None = None

    @classmethod
    def start(cls, evaluation: Evaluation, result: AppraisalResult) -> AppraisalProcess:
        """A preliminary result, not yet published."""
        return cls(evaluation, result)

    def _require(self, stage: Stage, action: str) -> None:
        if self.stage is not stage:
            raise EvaluationError(
                f"cannot {action} now",
                where="appraisal",
                got=self.stage.value,
                allowed=f"{action} only when the appraisal is {stage.value}",
            )

    def publicise(self, on: date, calendar: WorkingCalendar | None = None) -> AppraisalProcess:
        """Publish the preliminary result; the objection window follows the charter.

        With an open objection period (the source gives none) objections are
        accepted until approval.
        """
        self._require(Stage.PRELIMINARY, "publicise")
        period = self.evaluation.objection_period
        until = None
        if period is not None and period.period is not None:
            until = (calendar or WorkingCalendar.china()).due(on, period.period).due
        return replace(self, stage=Stage.PUBLICISED, publicised_on=on, objections_until=until)

    def object(self, subject: str, text: str, on: date) -> AppraisalProcess:
        """Record an objection, within the objection window."""
        self._require(Stage.PUBLICISED, "object")
        if subject not in self.evaluation.subjects:
            raise EvaluationError(
                "not a subject of this appraisal",
                where="subject",
                got=subject,
                allowed=", ".join(self.evaluation.subjects),
            )
        assert self.publicised_on is not None
        if on < self.publicised_on or (self.objections_until and on > self.objections_until):
            raise EvaluationError(
                "outside the objection window",
                where="on",
                got=on.isoformat(),
                allowed=f"{self.publicised_on} to {self.objections_until or 'approval'}",
            )
        return replace(self, objections=(*self.objections, Objection(subject, on, text)))

    def resolve(self, index: int, resolution: str) -> AppraisalProcess:
        """Record how objection ``index`` was handled."""
        self._require(Stage.PUBLICISED, "resolve an objection")
        if not 0 <= index < len(self.objections) or self.objections[index].resolved:
            raise EvaluationError("no such open objection", where="index", got=index)
        updated = list(self.objections)
        updated[index] = replace(updated[index], resolution=resolution)
        return replace(self, objections=tuple(updated))

    def approve(self, by: str, on: date) -> AppraisalProcess:
        """Approval by the body the charter names, once every objection is handled."""
        self._require(Stage.PUBLICISED, "approve")
        if self.evaluation.approved_by and by != self.evaluation.approved_by:
            raise EvaluationError(
                "this body does not approve the appraisal",
                where="by",
                got=by,
                allowed=self.evaluation.approved_by,
            )
        open_ = [o.subject for o in self.objections if not o.resolved]
        if open_:
            raise EvaluationError(
                "objections are still open",
                where="objections",
                got=open_,
                allowed="resolve them first",
            )
        if self.objections_until and on <= self.objections_until:
            raise EvaluationError(
                "the objection window is still open",
                where="on",
                got=on.isoformat(),
                allowed=f"after {self.objections_until.isoformat()}",
            )
        return replace(self, stage=Stage.APPROVED, approved_by=by, approved_on=on)

    def outcomes(self) -> tuple[Outcome, ...]:
        """What the approved result feeds into, per the charter's consequences.

        Charters make results "a basis" for reviews, never an automatic decision,
        so each outcome states the basis. A performance-pay share is the total
        score as a share of 100 (the library's proportional convention).
        """
        self._require(Stage.APPROVED, "read the outcomes")
        found = []
        for consequence in self.evaluation.consequences:
            subjects = [consequence.subject] if consequence.subject else self.evaluation.subjects
            for subject in subjects:
                r = self.result.subjects.get(subject)
                if r is None:
                    continue
                missed = [t.indicator for t in r.targets if not t.met]
                basis = f"total {r.total if r.total is None else round(float(r.total), 2)}"
                basis += f", grade {r.grade}" if r.grade else ""
                basis += f", targets missed: {', '.join(missed)}" if missed else ""
                share = None
                if consequence.kind is ConsequenceKind.PERFORMANCE_PAY and r.total is not None:
                    share = r.total / 100
                found.append(Outcome(consequence.kind, subject, basis, share))
        return tuple(found)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping of the process state."""
        return {
            "stage": self.stage.value,
            "publicised_on": self.publicised_on and self.publicised_on.isoformat(),
            "objections_until": self.objections_until and self.objections_until.isoformat(),
            "objections": [
                {
                    "subject": o.subject,
                    "raised_on": o.raised_on.isoformat(),
                    "text": o.text,
                    "resolution": o.resolution,
                }
                for o in self.objections
            ],
            "approved_by": self.approved_by,
            "approved_on": self.approved_on and self.approved_on.isoformat(),
        }
