"""Appraisal scoring and its process."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

import pytest

from governance_rules._appraisal import (
    RATING,
    MissingPolicy,
    Score,
    appraise,
)
from governance_rules._charter import load_charter
from governance_rules._charter.evaluation import ConsequenceKind, Evaluation
from governance_rules._charter.model import Document
from governance_rules._engine import Engine
from governance_rules._workflows import Actor
from governance_rules._workflows.appraisal import appraisal_outcomes
from governance_rules.errors import CommandRefused, EvaluationError, PermissionDenied

SRC = {"doc": "t", "summary": "a rule under test"}


def evaluation(**changes: Any) -> Evaluation:
    data: dict[str, Any] = {
        "window": {"kind": "whole_months", "months": [12]},
        "organiser": "party_org",
        "subjects": ["owners_committee", "property_company"],
        "criteria": [
            {"name": "service", "weight": "3/5", "scale_max": 100, "source": SRC},
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


def test_a_criterion_without_a_stated_scale_counts_the_value_as_given() -> None:
    # no 0–100 default: the library checks no range and rescales nothing it was not told
    ev = evaluation(criteria=[{"name": "service", "weight": "1/1", "source": SRC}])
    assert ev.criteria[0].scale_min is None
    result = appraise(ev, [Score("owners_committee", "service", 7),
                           Score("property_company", "service", 140)])  # fmt: skip
    assert result is not None
    with pytest.raises(ValueError, match="scale_min needs scale_max"):
        evaluation(criteria=[{"name": "a", "weight": "1/1", "scale_min": 1, "source": SRC}])


def test_weights_must_add_up_to_one() -> None:
    with pytest.raises(ValueError, match="add up to 1"):
        evaluation(criteria=[{"name": "a", "weight": "1/2", "source": SRC},
                             {"name": "b", "weight": "1/3", "source": SRC}])  # fmt: skip


def _engine() -> Engine:
    base = load_charter("yangxin-2022")
    test_doc = Document(kind="guide", file="t", heading="appraisal test")
    charter = base.model_copy(
        update={"evaluation": EV, "documents": {**base.documents, "t": test_doc}}
    )
    return Engine(charter)


PARTY = Actor("party_org")
STREET = Actor("street_office")


def test_the_appraisal_runs_in_order_on_the_engine() -> None:
    engine = _engine()
    a = engine.open_appraisal(PARTY, 2026, date(2026, 9, 1))
    with pytest.raises(CommandRefused, match="'approve' is not possible"):
        engine.command(a.id, "approve", STREET, date(2026, 9, 2))
    engine.command(a.id, "record_scores", PARTY, date(2026, 9, 20),
                   scores=[["property_company", "service", "50"],
                           ["property_company", "complaints", "5"]])  # fmt: skip
    engine.command(a.id, "publicise", PARTY, date(2026, 9, 28))
    engine.command(a.id, "object", Actor("property_company"), date(2026, 10, 2),
                   subject="property_company", text="the complaint count is wrong")  # fmt: skip
    with pytest.raises(CommandRefused, match="still open"):
        engine.command(a.id, "approve", STREET, date(2026, 10, 5))
    engine.command(a.id, "answer_objection", PARTY, date(2026, 10, 6), index=0,
                   answer="recounted; unchanged")  # fmt: skip
    # 7 days from 28 Sep end on 5 Oct, inside National Day: the window runs to 8 Oct
    with pytest.raises(CommandRefused, match="open to objections until 2026-10-08"):
        engine.command(a.id, "approve", STREET, date(2026, 10, 8))
    with pytest.raises(CommandRefused, match="objection window closed on 2026-10-08"):
        engine.command(a.id, "object", Actor("property_company"), date(2026, 10, 9),
                       subject="property_company")  # fmt: skip
    with pytest.raises(PermissionDenied, match="street_office"):
        engine.command(a.id, "approve", PARTY, date(2026, 10, 9))
    done = engine.command(a.id, "approve", STREET, date(2026, 10, 9))
    assert done.state == "approved"
    found = {(o.kind, o.subject): o for o in appraisal_outcomes(EV, done.data)}
    assert found[(ConsequenceKind.PERFORMANCE_PAY, "property_company")].share == Fraction(1, 2)
    assert "grade 待规范" in found[(ConsequenceKind.RENEWAL_REVIEW, "property_company")].basis
    assert (ConsequenceKind.REELECTION_REVIEW, "owners_committee") in found
    assert done.data.objections[0].answer == "recounted; unchanged"


def test_a_refused_step_changes_nothing() -> None:
    engine = _engine()
    a = engine.open_appraisal(PARTY, 2026, date(2026, 12, 1))
    engine.command(a.id, "record_scores", PARTY, date(2026, 12, 1),
                   scores=[["property_company", "service", "80"]])  # fmt: skip
    engine.command(a.id, "publicise", PARTY, date(2026, 12, 1))
    before = (a.state, a.data, a.version)
    with pytest.raises(CommandRefused):
        engine.command(a.id, "object", STREET, date(2026, 12, 2), subject="street_office")
    with pytest.raises(EvaluationError):
        appraisal_outcomes(EV, a.data)
    assert (a.state, a.data, a.version) == before


def test_notes_are_text_and_read_in_chinese() -> None:
    """A result's notes are its English text (JSON writes them so); each also reads in
    Chinese, and survives pickling (simulation workers and caches pickle results)."""
    import pickle  # noqa: PLC0415

    from governance_rules._i18n import Note, note_text  # noqa: PLC0415

    note = Note("note.left_out", names="service, safety")
    assert note == "no scores for service, safety: left out, other weights rescaled"
    assert note_text(note, "zh") == "service, safety 无评分：不计入总分，其余权重按比例调整"
    assert note_text("a plain note", "zh") == "a plain note"
    again = pickle.loads(pickle.dumps(note))
    assert (again, again.in_lang("zh")) == (note, note.in_lang("zh"))
