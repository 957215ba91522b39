"""Which value is stricter, at the boundaries of each kind of rule."""

from __future__ import annotations

from fractions import Fraction

import pytest

from governance_rules import Verdict
from governance_rules._calendar import Period
from governance_rules._charter.meetings import Cadence
from governance_rules._charter.types import Threshold, Timing
from governance_rules._compare.order import Share, compare_periods, verdict

SRC = {"source": {"doc": "d", "summary": "made for the test"}}
REPLY = "issues.routine.ladder[0].deadlines.reply"
LEAD = "meetings.regular.notice.lead"


def t(text: str) -> Timing:
    return Timing.model_validate(text)


def th(fraction: str, inclusive: bool) -> Threshold:
    return Threshold(fraction=fraction, inclusive=inclusive)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "first", "other", "expected"),
    [
        (LEAD, "1 week", "7 days", Verdict.SAME),  # equal leads: no difference
        (LEAD, "3 working days", "3 working days", Verdict.SAME),
        (REPLY, "5 working days", "3 working days", Verdict.STRICTER),
        (REPLY, "3 working days", "5 working days", Verdict.LOOSER),
        (REPLY, "3 working days", "4 working days", Verdict.LOOSER),  # one day apart
        (LEAD, "5 working days", "3 working days", Verdict.LOOSER),  # a shorter lead asks less
        (LEAD, "3 working days", "5 working days", Verdict.STRICTER),
        (REPLY, "3 working days", "3 days", Verdict.DIFFERENT),  # depends on the calendar
        (REPLY, "4 working days", "3 days", Verdict.STRICTER),  # 4 working days >= 4 days
        (REPLY, "1 month", "27 days", Verdict.STRICTER),
        (REPLY, "1 month", "30 days", Verdict.DIFFERENT),
        (REPLY, "3 working days", "immediately", Verdict.STRICTER),
        (REPLY, "promptly", "3 working days", Verdict.DIFFERENT),  # an open word has no order
        (REPLY, "unspecified", "3 working days", Verdict.ONLY_HERE),
        (REPLY, "3 working days", "unspecified", Verdict.ONLY_FIRST),
        ("terms.oc.term.length", "3 years", "5 years", Verdict.DIFFERENT),
        ("terms.oc.reelection_lead.within", "1 month", "3 months", Verdict.STRICTER),
        ("terms.oc.filing.within", "30 days", "15 days", Verdict.STRICTER),
    ],
)
def test_timings(path: str, first: str, other: str, expected: Verdict) -> None:
    assert verdict(path, t(first), t(other)) is expected


def test_thresholds_at_the_boundary() -> None:
    path = "meetings.regular.decision.threshold"
    assert verdict(path, th("1/2", True), th("1/2", True)) is Verdict.SAME
    assert verdict(path, th("1/2", True), th("1/2", False)) is Verdict.STRICTER  # > beats >=
    assert verdict(path, th("1/2", False), th("1/2", True)) is Verdict.LOOSER
    assert verdict(path, th("2/3", True), th("1/2", False)) is Verdict.LOOSER
    assert verdict(path, th("1/2", False), th("2/3", True)) is Verdict.STRICTER


def test_cadences_count_meetings_per_year() -> None:
    path = "meetings.regular.cadence"
    bimonthly = Cadence.model_validate({"every": "bimonthly", **SRC})
    quarterly = Cadence.model_validate({"every": "quarterly", **SRC})
    twice = Cadence.model_validate({"times": 2, "months": 4, **SRC})
    assert verdict(path, quarterly, bimonthly) is Verdict.STRICTER
    assert verdict(path, bimonthly, quarterly) is Verdict.LOOSER
    assert verdict(path, bimonthly, twice) is Verdict.DIFFERENT  # 6 a year both, said otherwise
    # only what the cadence says counts: its source is not a value
    other_source = Cadence.model_validate({"every": "bimonthly", "source": {"doc": "x",
                                           "summary": "another source"}})  # fmt: skip
    assert verdict(path, bimonthly, other_source) is Verdict.SAME


def test_other_kinds() -> None:
    kind = "meetings.regular.decision.kind"
    assert verdict(kind, "majority_of_votes_cast", "supermajority") is Verdict.STRICTER
    assert verdict(kind, "consensus", "veto") is Verdict.LOOSER
    assert verdict(kind, "consensus", "unanimous") is Verdict.DIFFERENT  # equally hard
    assert verdict(kind, "unspecified", "veto") is Verdict.ONLY_HERE
    dist = "meetings.regular.minutes.distribution"
    assert verdict(dist, ("a",), ("a", "b")) is Verdict.STRICTER
    assert verdict(dist, ("a", "b"), ("b",)) is Verdict.LOOSER
    assert verdict(dist, ("a",), ("b",)) is Verdict.DIFFERENT
    assert verdict("roles.convener.body", ("a",), ("a", "b")) is Verdict.DIFFERENT
    flag = "meetings.regular.action_items.owner_required"
    assert verdict(flag, False, True) is Verdict.STRICTER
    assert verdict("bodies.x.seats", 1, 2) is Verdict.DIFFERENT
    assert verdict("issues.x.ladder.depth", 3, 5) is Verdict.STRICTER
    assert verdict("issues.x.worst_case_working_days", 3, 5) is Verdict.LOOSER
    assert verdict("regular_meetings_per_year", Fraction(4), Fraction(6)) is Verdict.STRICTER
    assert verdict("x", None, None) is Verdict.SAME
    assert verdict("x", 1, True) is Verdict.DIFFERENT  # True == 1 in Python, not here


def test_period_order_is_antisymmetric() -> None:
    texts = ["3 working days", "5 working days", "3 days", "1 week", "1 month", "40 days",
             "1 year", "12 months"]  # fmt: skip
    periods = [Period.parse(x) for x in texts]
    for a in periods:
        for b in periods:
            ab, ba = compare_periods(a, b), compare_periods(b, a)
            assert (ab is None and ba is None) or ab == -ba  # type: ignore[operator]


def test_a_share_is_ordered_by_its_fraction_and_its_whole() -> None:
    path = "meetings.regular.decision.threshold"
    half = Threshold.model_validate({"fraction": "1/2", "inclusive": False})
    two_thirds = Threshold.model_validate({"fraction": "2/3", "inclusive": True})
    # > 1/2 of all members against >= 2/3 of the votes cast. Of 6 members, 3 yes, 1 no and
    # 2 absent: 3/6 is not > 1/2, 3/4 >= 2/3, so only the second passes. Of 7 members, 4 yes
    # and 3 no: 4/7 > 1/2, 4/7 < 2/3, so only the first passes. Neither asks more.
    assert verdict(path, Share(half, "all_members"), Share(two_thirds, "votes_cast")) is (
        Verdict.DIFFERENT
    )
    # the same fraction of a larger whole asks more; a higher fraction of it too
    assert verdict(path, Share(half, "votes_cast"), Share(half, "all_members")) is (
        Verdict.STRICTER
    )
    assert verdict(path, Share(two_thirds, "all_members"), Share(half, "present")) is (
        Verdict.LOOSER
    )
    assert verdict(path, Share(half, None), Share(two_thirds, None)) is Verdict.STRICTER
