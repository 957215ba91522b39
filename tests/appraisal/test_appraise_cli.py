"""`govrules appraise` shows scores and rates exactly at a grade's cut-off and a target."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance_rules.cli import main

CHARTER = """\
id: c
extends: cn-national-baseline
title: C
jurisdiction: C
documents: {s: {file: 000_3a5c8b07dfb4019a.txt, heading: H}}
evaluation:
  window: {kind: whole_months, months: [12]}
  organiser: owners_committee
  subjects: [property_company]
  criteria:
    - {name: service, weight: "1/1", scale_max: 100, source: {doc: s, summary: the score}}
  grade_bands:
    - {name: good, min_score: 90, source: {doc: s, summary: ninety or more}}
    - {name: fair, min_score: 0, source: {doc: s, summary: the rest}}
  targets:
    - {indicator: fee payment rate, at_least: "87.5%", source: {doc: s, summary: the target}}
  objection_period: 7 days
  approved_by: street_office
  source: {doc: s, summary: the appraisal}
"""


@pytest.mark.parametrize(
    ("score", "rate", "total", "target"),
    [
        # a float's rounding showed 90.00 beside grade fair, and a target of 87.5% as 88%
        ("89.996", "87.46%", "total 89.996, grade fair", "87.46% >= 87.5% MISSED"),
        ("90", "87.5%", "total 90.00, grade good", "87.5% >= 87.5% met"),
        ("53999/600", "7/8", "total 53999/600 (89.99…), grade fair", "87.5% >= 87.5% met"),
    ],
)
def test_a_score_at_a_cut_off_is_shown_as_it_counts(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    score: str,
    rate: str,
    total: str,
    target: str,
) -> None:
    charter = tmp_path / "c.yaml"
    charter.write_text(CHARTER, encoding="utf-8")
    scores = tmp_path / "scores.csv"
    scores.write_text(
        f"subject,item,value\nproperty_company,service,{score}\n"
        f"property_company,fee payment rate,{rate}\n",
        encoding="utf-8",
    )
    assert main(["appraise", str(charter), str(scores)]) == 0
    out = capsys.readouterr().out
    assert f"property service company: {total}" in out
    assert f"target fee payment rate: {target}" in out


def test_an_outcome_states_its_total_exactly() -> None:
    # the basis read 'total 90.0' for 89.996, next to the grade below 90 it earned
    from governance_rules import Score, appraise, load_charter, outcomes  # noqa: PLC0415

    evaluation = load_charter("yangxin-2022").evaluation
    scores = [Score("owners_committee", "use of the linkage mechanism", "89.996")]
    bases = {(o.subject, o.basis) for o in outcomes(evaluation, appraise(evaluation, scores))}
    assert ("owners_committee", "total 89.996") in bases
    assert ("property_company", "total none") in bases


def test_a_rater_scores_an_item_once_per_subject(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a second row of the same rater counted them twice in the criterion's mean
    scores = tmp_path / "scores.csv"
    scores.write_text(
        "subject,item,value,rater\n"
        "property_company,order and safety management,82,rep 1\n"
        "property_company,order and safety management,76,rep 2\n"
        "property_company,order and safety management,10,rep 1\n"
        "owners_committee,order and safety management,10,rep 1\n"  # another subject
        "property_company,complaints accepted and resolved,90,\n"  # no rater: not checked
        "property_company,complaints accepted and resolved,80,\n",
        encoding="utf-8",
    )
    assert main(["appraise", "yangxin-2022", str(scores)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "error: 1 invalid score(s):",
        f"  {scores}:4: rater: this rater already scored this item for this subject "
        "(first at line 2) (got 'rep 1'); allowed: one score per rater, subject and item",
    ]
    from governance_rules import Score, appraise, load_charter  # noqa: PLC0415
    from governance_rules.errors import EvaluationError  # noqa: PLC0415

    evaluation = load_charter("yangxin-2022").evaluation
    twice = [
        Score("owners_committee", "rating", "x", "r"),
        Score("owners_committee", "rating", "y", "r"),
    ]
    with pytest.raises(
        EvaluationError, match=r"scores\[1\]\.rater: this rater already .* scores\[0\]"
    ):
        appraise(evaluation, twice)


def test_an_indicator_has_one_value_per_subject(tmp_path: Path) -> None:
    # the second fee payment rate silently replaced the first
    from governance_rules import Score, appraise, load_charter  # noqa: PLC0415
    from governance_rules.errors import EvaluationError  # noqa: PLC0415

    charter = tmp_path / "c.yaml"
    charter.write_text(CHARTER, encoding="utf-8")
    evaluation = load_charter(charter).evaluation
    rates = [Score("property_company", "fee payment rate", "90%"),
             Score("property_company", "fee payment rate", "80%")]  # fmt: skip
    with pytest.raises(EvaluationError, match=r"scores\[1\]\.item: a value given twice"):
        appraise(evaluation, rates)


def test_the_democratic_rating_is_shown_with_its_score(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the text showed a Python dict of the answers and left out the rating's score
    charter = tmp_path / "c.yaml"
    charter.write_text(
        CHARTER.replace(
            "  grade_bands:",
            "  rating_options:\n    - {label: 满意, score: 100}\n"
            "    - {label: 基本满意, score: 60}\n  grade_bands:",
        ),
        encoding="utf-8",
    )
    scores = tmp_path / "scores.csv"
    scores.write_text(
        "subject,item,value\nproperty_company,rating,满意\nproperty_company,rating,满意\n"
        "property_company,rating,基本满意\n",
        encoding="utf-8",
    )
    assert main(["appraise", str(charter), str(scores)]) == 0
    out = capsys.readouterr().out
    assert "  rating: 满意 2, 基本满意 1; score 260/3 (86.66…)\n" in out


def test_an_estate_rate_just_under_its_target_never_reads_as_reaching_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the approximation was rounded: '(~90.00%) >= 90% MISSED'
    path = tmp_path / "estates.csv"
    path.write_text(
        "estate,category,indicator,value\nE,already_managed,fee_payment_rate,0.899999999\n",
        encoding="utf-8",
    )
    assert main(["appraise", "district-street-plans", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "fee-payment rate: 899999999/1000000000 (89.99…%) >= 90% MISSED" in out


def test_a_number_too_long_to_show_is_refused_not_a_crash() -> None:
    # a 5,000-digit score or rate given in Python crashed on Python's int-to-text limit
    from fractions import Fraction  # noqa: PLC0415

    from governance_rules import IndicatorValue, Score, appraise, grade, load_charter  # noqa: PLC0415
    from governance_rules.errors import EvaluationError  # noqa: PLC0415

    evaluation = load_charter("yangxin-2022").evaluation
    for value in (10**5000, Fraction(1, 10**5000), Fraction(10**41)):
        with pytest.raises(EvaluationError, match="denominator of more than 41 digits"):
            appraise(
                evaluation, [Score("owners_committee", "use of the linkage mechanism", value)]
            )
    assert appraise(evaluation, [Score("owners_committee", "use of the linkage mechanism",
                                       Fraction(10**40))]).to_dict()  # fmt: skip
    grading = load_charter("district-street-plans").grading["estate_grading"]
    tiny = IndicatorValue("E", "newly_managed", "fee_payment_rate", Fraction(1, 10**5000))
    with pytest.raises(EvaluationError, match="expected a rate: a numerator or denominator"):
        grade(grading, [tiny])


def test_notes_follow_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    scores = Path(__file__).resolve().parents[2] / "docs" / "examples" / "appraisal-scores.csv"
    assert main(["appraise", "yangxin-2022", str(scores), "--lang", "zh"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "说明：制度未规定权重：各项同等计权" in out
    assert "无评分：不计入总分，其余权重按比例调整" in out
    assert "note:" not in out
    assert "weigh equally" not in out
    assert main(["appraise", "yangxin-2022", str(scores), "--lang", "en"]) == 0
    assert "note: the charter gives no weights: criteria weigh equally" in capsys.readouterr().out
