"""Grading estates: bands and category targets, exact at the boundaries."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

import pytest
from pydantic import ValidationError

from governance_rules import CharterValidationError, load_charter_text
from governance_rules._appraisal import IndicatorValue, grade
from governance_rules._charter import load_charter
from governance_rules._charter.evaluation import Grading
from governance_rules.errors import EvaluationError

SRC = {"doc": "t", "summary": "a rule under test"}
BUNDLED = load_charter("district-street-plans").grading["estate_grading"]


# fmt: off
def grading(**changes: Any) -> Grading:
    """A grading with computable bands (thresholds invented for the test, not a source's)."""
    data: dict[str, Any] = {
        "label": {"zh": "测试", "en": "test"},
        "unit": "estate",
        "categories": {
            "newly_managed": {"label": "new", "source": SRC},
            "already_managed": {"label": "old", "source": SRC},
        },
        "indicators": {
            "pay": {"label": "pay", "measure": "rate", "source": SRC},
            "happy": {"label": "happy", "measure": "rate", "source": SRC},
            "tidy": {"label": "tidy", "measure": "unspecified", "source": SRC},
        },
        "bands": [
            {"name": "good", "label": "good", "source": SRC, "requires": [
                {"indicator": "pay", "threshold": {"fraction": "90%", "inclusive": True}},
                {"indicator": "happy", "threshold": {"fraction": "90%", "inclusive": True}},
            ]},
            {"name": "fair", "label": "fair", "source": SRC, "requires": [
                {"indicator": "pay", "threshold": {"fraction": "1/2", "inclusive": False}},
            ]},
            {"name": "poor", "label": "poor", "source": SRC, "requires": []},
        ],
        "targets": [
            {"category": "newly_managed", "indicator": "pay", "source": SRC,
             "threshold": {"fraction": "85%", "inclusive": True}},
            {"category": "already_managed", "indicator": "pay", "source": SRC,
             "threshold": {"fraction": "90%", "inclusive": True}},
        ],
        "source": SRC,
    }
    data.update(changes)
    return Grading.model_validate(data)
# fmt: on


G = grading()


def one(g: Grading, category: str, **values: str) -> Any:
    readings = [IndicatorValue("E", category, k, v) for k, v in values.items()]
    return grade(g, readings).estates["E"]


@pytest.mark.parametrize(
    ("category", "value", "met"),
    [
        ("newly_managed", "85%", True),  # exactly the target: 达到 includes it
        ("newly_managed", "84.99%", False),
        ("newly_managed", "8499999/10000000", False),  # just below, exactly
        ("newly_managed", "0.85", True),
        ("already_managed", "90%", True),
        ("already_managed", "89.999%", False),
        ("already_managed", "85%", False),  # the newly managed target is not enough
        ("already_managed", "100%", True),
        ("newly_managed", "0%", False),
    ],
)
def test_targets_by_category_at_the_boundaries(category: str, value: str, met: bool) -> None:
    for g in (G, BUNDLED):
        indicator = "pay" if g is G else "fee_payment_rate"
        estate = one(g, category, **{indicator: value})
        check = next(t for t in estate.targets if t.indicator == indicator)
        assert check.met is met
        assert isinstance(check.value, Fraction)


def test_the_bundled_targets_are_the_sources() -> None:
    targets = {(t.category, t.indicator): t.threshold for t in BUNDLED.targets}
    for (category, _), threshold in targets.items():
        assert threshold.fraction == (Fraction(17, 20) if category == "newly_managed"
                                      else Fraction(9, 10))  # fmt: skip
        assert threshold.inclusive
    assert set(targets) == {
        (c, i) for c in ("newly_managed", "already_managed")
        for i in ("fee_payment_rate", "satisfaction_rate")
    }  # fmt: skip


def test_meets_targets_needs_every_target() -> None:
    both = one(BUNDLED, "already_managed", fee_payment_rate="90%", satisfaction_rate="90%")
    assert both.meets_targets is True
    low = one(BUNDLED, "already_managed", fee_payment_rate="90%", satisfaction_rate="89.9%")
    assert low.meets_targets is False
    half = one(BUNDLED, "already_managed", fee_payment_rate="95%")
    assert half.meets_targets is None
    assert any("satisfaction_rate: its target is undecided" in n for n in half.notes)
    # a missed target decides even when another value is missing
    missed = one(BUNDLED, "newly_managed", fee_payment_rate="80%")
    assert missed.meets_targets is False


def test_bands_best_first_with_inclusive_and_exclusive_bounds() -> None:
    assert one(G, "already_managed", pay="90%", happy="90%").band == "good"
    assert one(G, "already_managed", pay="90%", happy="89.99%").band == "fair"
    assert one(G, "already_managed", pay="50.01%", happy="0%").band == "fair"
    assert one(G, "already_managed", pay="50%", happy="100%").band == "poor"  # > 1/2 excludes it
    undecided = one(G, "already_managed", pay="95%")
    assert undecided.band is None
    assert any("no value for happy: band good undecided" in n for n in undecided.notes)


def test_the_bundled_grades_are_never_computed() -> None:
    assert [b.name for b in BUNDLED.bands] == [
        "fairly_standard", "generally_standard", "to_be_standardised"]  # fmt: skip
    assert all(b.requires is None for b in BUNDLED.bands)
    best = one(BUNDLED, "already_managed", fee_payment_rate="100%", satisfaction_rate="100%",
               occupancy_rate="100%")  # fmt: skip
    assert best.band is None
    assert any("no thresholds for band fairly_standard" in n for n in best.notes)
    new = one(BUNDLED, "newly_managed", fee_payment_rate="100%")
    assert new.band is None
    assert "the grades apply to already_managed only" in new.notes


def test_unmeasured_aspects_are_shown_not_compared() -> None:
    estate = one(BUNDLED, "already_managed", sanitation="[bold]clean[/bold]", transparency="80%")
    assert estate.unmeasured == {"sanitation": "[bold]clean[/bold]", "transparency": "80%"}
    assert estate.rates == {}


def test_every_bad_reading_is_reported() -> None:
    with pytest.raises(EvaluationError) as info:
        grade(BUNDLED, [
            IndicatorValue("A", "luxury", "fee_payment_rate", "90%"),
            IndicatorValue("B", "newly_managed", "fee_payment_rate", "120%"),
            IndicatorValue("B", "already_managed", "satisfaction_rate", "90%"),
            IndicatorValue("C", "newly_managed", "colour", "blue"),
            IndicatorValue("D", "newly_managed", "fee_payment_rate", "9" * 500 + "%"),
            IndicatorValue("D", "newly_managed", "fee_payment_rate", "1e999999%"),
            IndicatorValue("E", "newly_managed", "fee_payment_rate", "nan"),
            IndicatorValue("F", "newly_managed", "fee_payment_rate", "90%"),
            IndicatorValue("F", "newly_managed", "fee_payment_rate", "91%"),
            IndicatorValue("x" * 201, "newly_managed", "fee_payment_rate", "91%"),
            IndicatorValue("G", "newly_managed", "sanitation", "y" * 201),
        ])  # fmt: skip
    message = str(info.value)
    assert message.startswith("10 invalid reading(s):")  # readings[7] is valid
    for fragment in (
        "readings[0].category: unknown estate category (got 'luxury')",
        "readings[1].value: a rate lies between 0 and 100%",
        "readings[2].category: an estate has one category",
        "readings[3].indicator: unknown indicator",
        "readings[4].value: expected a rate: a number longer than 40 characters",
        "readings[5].value: expected a rate: an exponent beyond",
        "readings[6].value: expected a rate",
        "readings[8].indicator: a value given twice for this estate",
        "readings[9].estate: an estate needs a name",
        "readings[10].value: a value too long",
    ):
        assert fragment in message
    assert "9" * 100 not in message  # long values are cut


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"targets": [{"category": "old", "indicator": "pay", "source": SRC,
                       "threshold": {"fraction": "85%", "inclusive": True}}]},
         "unknown category 'old'"),
        ({"targets": [{"category": "newly_managed", "indicator": "tidy", "source": SRC,
                       "threshold": {"fraction": "85%", "inclusive": True}}]},
         "'tidy' has no measure"),
        ({"bands": [{"name": "a", "label": "a", "source": SRC, "requires": [
            {"indicator": "nope", "threshold": {"fraction": "1/2", "inclusive": True}}]}]},
         "unknown indicator 'nope'"),
        ({"bands": [{"name": "a", "label": "a", "source": SRC},
                    {"name": "a", "label": "b", "source": SRC}]}, "a band name is used twice"),
        ({"bands_apply_to": ["nope"]}, "bands_apply_to[0]: unknown category 'nope'"),
        ({"targets": [{"category": "newly_managed", "indicator": "pay", "source": SRC,
                       "threshold": {"fraction": 0.85, "inclusive": True}}]}, "not a decimal"),
        ({"targets": [{"category": "newly_managed", "indicator": "pay", "source": SRC,
                       "threshold": {"fraction": "150%", "inclusive": True}}]}, "(0, 1]"),
    ],
)  # fmt: skip
def test_a_grading_refers_only_to_what_it_declares(changes: dict[str, Any], fragment: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(fragment)):
        grading(**changes)


def test_requires_unspecified_is_not_an_empty_condition() -> None:
    g = grading(bands=[{"name": "a", "label": "a", "source": SRC, "requires": "unspecified"},
                       {"name": "b", "label": "b", "source": SRC, "requires": []}])  # fmt: skip
    assert g.bands[0].requires is None
    assert g.bands[1].requires == ()
    assert one(g, "newly_managed", pay="99%").band is None  # stops at the unspecified band


LOCAL = """\
id: my-street
extends: district-street-plans
title: {en: My street, zh: 本街道}
jurisdiction: {en: my street}
grading:
  estate_grading:
    bands:
      - name: fairly_standard
        label: 较规范
        source: {doc: p1, summary: cut-offs invented for this test}
        requires:
          - {indicator: fee_payment_rate, threshold: {fraction: 90%, inclusive: true}}
      - name: to_be_standardised
        label: 有待规范
        source: {doc: p1, summary: cut-offs invented for this test}
        requires: []
"""


def test_a_local_charter_supplies_thresholds_and_gets_bands() -> None:
    g = load_charter_text(LOCAL).grading["estate_grading"]
    assert len(g.targets) == 4  # inherited: only the bands were replaced
    assert one(g, "already_managed", fee_payment_rate="90%").band == "fairly_standard"
    assert one(g, "already_managed", fee_payment_rate="89.99%").band == "to_be_standardised"
    assert one(g, "newly_managed", fee_payment_rate="99%").band is None  # bands_apply_to


def test_a_grading_problem_names_its_line() -> None:
    bad = LOCAL.replace("{indicator: fee_payment_rate", "{indicator: sanitation")
    with pytest.raises(CharterValidationError, match=r"<text>:6:3: grading\.estate_grading: "
                       r"bands\[0\]\.requires\[0\]: 'sanitation' has no measure"):  # fmt: skip
        load_charter_text(bad)
    decimal = LOCAL.replace("fraction: 90%", "fraction: 0.9")
    with pytest.raises(CharterValidationError, match=r"threshold\.fraction: expected an exact"):
        load_charter_text(decimal)
