"""Appraisal scoring and its process."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

import pytest

from governance_rules.appraisal import (
    RATING,
    AppraisalProcess,
    MissingPolicy,
    Score,
    Stage,
    appraise,
)
from governance_rules.charter.evaluation import ConsequenceKind, Evaluation
from governance_rules.errors import EvaluationError

SRC = {"doc": "t", "summary": "a rule under test"}


def evaluation(**changes: Any) -> Evaluation:
    data: dict[str, Any] = {
        "window": {"kind": "whole_months", "months": [12]},
        "organiser": "party_org",
        "subjects": ["owners_committee", "property_company"],
        "criteria": [
            {"name": "service", "weight": "3/5", "source": SRC},
            {"name": "complaints", "weight": "2/5", "scale_max": 10, "source": SRC},
        ],
        "rating_options": [
            {"label": "satisfied", "score": 100},
            {"label": "basically satisfied", "score": 60},
            {"label": "dissatisfied", "score": 0},
        ],
        "grade_bands": [
            {"name": "较规范", "min_score": 85, "source": SRC},
            {"name": "一般规范", "min_score": 60, "source": SRC},
            {"name": "待规范", "min_score": 0, "source": SRC},
        ],
        "targets": [
            {"indicator": "fee payment rate", "at_least": "85%", "source": SRC},
            {"indicator": "satisfaction rate", "at_least": "85%", "source": SRC},
        ],
        "objection_period": "7 days",
        "approved_by": "street_office",
        "consequences": [
            {"kind": "renewal_review", "subject": "property_company", "source": SRC},
            {"kind": "performance_pay", "subject": "property_company", "source": SRC},
            {"kind": "reelection_review", "subject": "owners_committee", "source": SRC},
        ],
        "source": SRC,
    }
    data.update(changes)
    return Evaluation.model_validate(data)


EV = evaluation()


def test_weighted_total_grade_and_targets() -> None:
    scores = [
        Score("property_company", "service", 90, "r1"),
        Score("property_company", "service", 80, "r2"),  # mean 85
        Score("property_company", "complaints", 9),  # 90 on a 0–10 scale
        Score("property_company", "fee payment rate", "85%"),  # exactly the target
        Score("property_company", "satisfaction rate", "84.9%"),
        Score("property_company", RATING, "satisfied"),
        Score("property_company", RATING, "basically satisfied"),
    ]
    r = appraise(EV, scores).subjects["property_company"]
    assert r.criteria == {"service": Fraction(85), "complaints": Fraction(90)}
    assert r.total == Fraction(3, 5) * 85 + Fraction(2, 5) * 90  # 87
    assert r.grade == "较规范"
    assert [(t.indicator, t.met) for t in r.targets] == [
        ("fee payment rate", True),
        ("satisfaction rate", False),
    ]
    assert r.rating == {"satisfied": 1, "basically satisfied": 1, "dissatisfied": 0}
    assert r.rating_score == Fraction(80)


def test_grade_boundaries_are_inclusive_lower_bounds() -> None:
    def grade(service: int, complaints: int) -> str | None:
        scores = [Score("owners_committee", "service", service),
                  Score("owners_committee", "complaints", complaints)]  # fmt: skip
        return appraise(EV, scores).subjects["owners_committee"].grade

    assert grade(85, 8) == "一般规范"  # 51 + 32 = 83
    assert grade(85, 10) == "较规范"  # 51 + 40 = 91
    assert grade(60, 6) == "一般规范"  # exactly 60
    assert grade(59, 6) == "待规范"


def test_missing_data_policy() -> None:
    scores = [Score("owners_committee", "service", 80)]
    excluded = appraise(EV, scores).subjects["owners_committee"]
    assert excluded.total == 80
    assert any("no scores for complaints" in n for n in excluded.notes)
    zero = appraise(EV, scores, missing=MissingPolicy.ZERO).subjects["owners_committee"]
    assert zero.total == 48
    nothing = appraise(EV, []).subjects["owners_committee"]
    assert nothing.total is None
    assert nothing.grade is None


def test_equal_weights_and_no_cut_offs_are_said() -> None:
    ev = evaluation(
        criteria=[{"name": "a", "source": SRC}, {"name": "b", "source": SRC}],
        grade_bands=[{"name": "较规范", "source": SRC}],
    )
    r = appraise(ev, [Score("owners_committee", "a", 100), Score("owners_committee", "b", 50)])
    result = r.subjects["owners_committee"]
    assert result.total == 75
    assert result.grade is None
    assert "criteria weigh equally" in " ".join(result.notes)
    assert "no score cut-offs" in " ".join(result.notes)


def test_every_invalid_score_is_reported() -> None:
    with pytest.raises(EvaluationError) as info:
        appraise(EV, [
            Score("street_office", "service", 50),
            Score("owners_committee", "service", 101),
            Score("owners_committee", "complaints", "lots"),
            Score("owners_committee", RATING, "delighted"),
            Score("owners_committee", "fee payment rate", "120%"),
            Score("owners_committee", "colour", 5),
        ])  # fmt: skip
    message = str(info.value)
    assert message.startswith("6 invalid score(s):")
    for fragment in ("scores[0].subject", "scores[1].value: score off the scale",
                     "scores[2].value: expected a number", "unknown rating answer",
                     "between 0 and 100%", "scores[5].item: unknown item"):  # fmt: skip
        assert fragment in message


def test_weights_must_add_up_to_one() -> None:
    with pytest.raises(ValueError, match="add up to 1"):
        evaluation(criteria=[{"name": "a", "weight": "1/2", "source": SRC},
                             {"name": "b", "weight": "1/3", "source": SRC}])  # fmt: skip


def test_process_in_order() -> None:
    result = appraise(EV, [Score("property_company", "service", 50),
                           Score("property_company", "complaints", 5)])  # fmt: skip
    p = AppraisalProcess.start(EV, result)
    with pytest.raises(EvaluationError, match="cannot approve now"):
        p.approve("street_office", date(2026, 12, 31))
    p = p.publicise(date(2026, 9, 28))
    assert p.objections_until == date(2026, 10, 8)  # 7 days ends on National Day → 10-08
    p = p.object("property_company", "the complaint count is wrong", date(2026, 10, 2))
    with pytest.raises(EvaluationError, match="outside the objection window"):
        p.object("property_company", "late", date(2026, 10, 9))
    with pytest.raises(EvaluationError, match="objections are still open"):
        p.approve("street_office", date(2026, 10, 9))
    p = p.resolve(0, "recounted; unchanged")
    with pytest.raises(EvaluationError, match="objection window is still open"):
        p.approve("street_office", date(2026, 10, 8))
    with pytest.raises(EvaluationError, match="does not approve"):
        p.approve("party_org", date(2026, 10, 9))
    done = p.approve("street_office", date(2026, 10, 9))
    assert done.stage is Stage.APPROVED
    outcomes = {(o.kind, o.subject): o for o in done.outcomes()}
    assert outcomes[(ConsequenceKind.PERFORMANCE_PAY, "property_company")].share == Fraction(1, 2)
    assert "grade 待规范" in outcomes[(ConsequenceKind.RENEWAL_REVIEW, "property_company")].basis
    assert (ConsequenceKind.REELECTION_REVIEW, "owners_committee") in outcomes
    assert done.to_dict()["objections"][0]["resolution"] == "recounted; unchanged"


def test_a_refused_step_changes_nothing() -> None:
    p = AppraisalProcess.start(EV, appraise(EV, [])).publicise(date(2026, 12, 1))
    before = p.to_dict()
    with pytest.raises(EvaluationError):
        p.object("street_office", "not a subject", date(2026, 12, 2))
    assert p.to_dict() == before
