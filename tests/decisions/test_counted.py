"""A threshold over several bodies counted together or in each body (``counted``)."""

from __future__ import annotations

from typing import Any

import pytest

from governance_rules._charter import load_charter_text
from governance_rules._charter.meetings import Counting, DecisionSpec, SignOff
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules._decisions import Ballot, Choice, Vote, decide
from governance_rules.errors import CharterValidationError

SRC = {"doc": "x", "summary": "a test rule"}
MORE_THAN_HALF = {"fraction": "1/2", "inclusive": False}
SEATS = {"owners_committee": 5, "supervisory_committee": 3}


def sign_off(counted: str | None) -> SignOff:
    data: dict[str, Any] = {
        "kind": "approval",
        "threshold": MORE_THAN_HALF,
        "bodies": ["owners_committee", "supervisory_committee"],
        "source": SRC,
    }
    if counted is not None:
        data["counted"] = counted
    return SignOff.model_validate(data)


@pytest.mark.parametrize(
    ("oc", "sc", "each_body", "together"),
    [
        (3, 2, True, True),  # 3/5 and 2/3: each more than half; 5/8 overall
        (5, 0, False, True),  # 5/8 > 1/2 overall, 0/3 in the supervisory committee
        (3, 1, False, False),  # 4/8 is exactly half: not more than half
        (5, 1, False, True),  # 1/3 in one body fails per body; 6/8 passes pooled
        (2, 3, False, True),  # 2/5 in the OC fails per body; 5/8 passes pooled
        (3, 3, True, True),
        (0, 0, False, False),
    ],
)
def test_sign_off_counted_in_each_body_or_together(
    oc: int, sc: int, each_body: bool, together: bool
) -> None:
    approvals = {"owners_committee": oc, "supervisory_committee": sc}
    assert (sign_off("each_body").missing(approvals, SEATS) is None) is each_body
    assert (sign_off("together").missing(approvals, SEATS) is None) is together
    assert (sign_off(None).missing(approvals, SEATS) is None) is together  # not said: together


def test_exactly_half_of_one_body_fails_each_body() -> None:
    seats = {"owners_committee": 6, "supervisory_committee": 3}
    problem = sign_off("each_body").missing(
        {"owners_committee": 3, "supervisory_committee": 3}, seats
    )
    assert problem == (
        "owners_committee: 3 of 6 members have approved; the charter needs > 1/2 in each body"
    )
    assert (
        sign_off("together").missing({"owners_committee": 3, "supervisory_committee": 3}, seats)
        is None
    )  # 6 of 9 overall


def test_a_body_without_seats_never_approves_each_body() -> None:
    problem = sign_off("each_body").missing({"owners_committee": 5}, {"owners_committee": 5})
    assert problem is not None
    assert problem.startswith("supervisory_committee: 0 of 0")


def test_default_is_not_said() -> None:
    assert sign_off(None).counted is None
    assert sign_off(None).describe() == (
        "approval > 1/2 of owners_committee, supervisory_committee"
    )
    assert sign_off("each_body").describe().endswith("(each body)")


def spec(kind: str, counted: str | None, **extra: Any) -> DecisionSpec:
    data: dict[str, Any] = {
        "kind": kind,
        "bodies": ["owners_committee", "supervisory_committee"],
        "source": SRC,
        **extra,
    }
    if counted is not None:
        data["counted"] = counted
    return DecisionSpec.model_validate(data)


def ballot(oc_yes: int, sc_yes: int) -> Ballot:
    votes = [Vote(f"oc{i}", "owners_committee", Choice.YES) for i in range(oc_yes)]
    votes += [Vote(f"sc{i}", "supervisory_committee", Choice.YES) for i in range(sc_yes)]
    return Ballot.open(SEATS, votes)


@pytest.mark.parametrize(
    ("oc", "sc", "each_body", "together"),
    [(3, 2, True, True), (5, 0, False, True), (3, 1, False, False), (2, 2, False, False)],
)
def test_decide_counts_each_body(oc: int, sc: int, each_body: bool, together: bool) -> None:
    per_body = decide(spec("majority_of_all_members", "each_body"), ballot(oc, sc))
    pooled = decide(spec("majority_of_all_members", None), ballot(oc, sc))
    assert per_body.passed is each_body
    assert pooled.passed is together


def test_decide_each_body_says_which_body_fell_short() -> None:
    result = decide(spec("majority_of_all_members", "each_body"), ballot(5, 0))
    assert result.reasons == (
        "yes 5 of 5 all members of owners_committee = 1, needs > 1/2: met",
        "yes 0 of 3 all members of supervisory_committee = 0, needs > 1/2: not met",
        "counted in each body: not met",
    )
    assert result.shares == {
        "yes/all members of owners_committee": 1,
        "yes/all members of supervisory_committee": 0,
    }
    assert result.counts.yes == 5


def test_decide_each_body_with_votes_cast_base() -> None:
    votes = [Vote("oc0", "owners_committee", Choice.YES),
             Vote("sc0", "supervisory_committee", Choice.NO)]  # fmt: skip
    result = decide(spec("majority_of_votes_cast", "each_body"), Ballot.open(SEATS, votes))
    assert not result.passed
    assert result.reasons[0] == "yes 1 of 1 votes cast of owners_committee = 1, needs > 1/2: met"


def test_decide_each_body_with_no_votes_cast_in_one_body_fails() -> None:
    votes = [Vote("oc0", "owners_committee", Choice.YES)]
    result = decide(spec("majority_of_votes_cast", "each_body"), Ballot.open(SEATS, votes))
    assert not result.passed
    assert "no votes cast of supervisory_committee: nothing to count" in result.reasons


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "consensus", "counted": "each_body"}, "allowed kinds: majority_of_votes_cast"),
        ({"kind": "majority_of_all_members", "counted": "each_body",
          "bodies": ["owners_committee"]}, r"needs two or more bodies \(got 1\)"),
        ({"kind": "majority_of_all_members", "counted": "per_body"}, "each_body"),
    ],
)  # fmt: skip
def test_decision_counted_validation(data: dict[str, Any], message: str) -> None:
    base = {"bodies": ["owners_committee", "supervisory_committee"], "source": SRC}
    with pytest.raises(ValueError, match=message):
        DecisionSpec.model_validate({**base, **data})


CHARTER = """\
id: counted-test
extends: yayuan-monthly
title: a test
jurisdiction: a test estate
documents:
  t: {{kind: guide, file: counted-test, heading: counted test}}
meetings:
  regular:
    minutes:
      sign_off:
        {sign_off}
"""


@pytest.mark.parametrize(
    ("sign_off_yaml", "message"),
    [
        ("{kind: convener, counted: each_body, bodies: [], threshold: null}",
         r"local.yaml:\d+:\d+: meetings.regular.minutes.sign_off: .*'counted: each_body' "
         r"belongs to an approval \(got kind 'convener'\); allowed: kind approval"),
        ("{counted: each_body, bodies: [owners_committee]}",
         r"local.yaml:\d+:\d+: meetings.regular.minutes.sign_off: .*"
         r"needs two or more bodies \(got 1\)"),
        ("{counted: separately}",
         r"local.yaml:\d+:\d+: meetings.regular.minutes.sign_off.counted: .*"
         r"'together' or 'each_body'"),
    ],
)  # fmt: skip
def test_located_errors(sign_off_yaml: str, message: str) -> None:
    text = CHARTER.format(sign_off=sign_off_yaml)
    with pytest.raises(CharterValidationError, match=message):
        load_charter_text(text, name="local.yaml", base_dir=bundled_rulesets_dir())


def test_counting_values() -> None:
    assert [c.value for c in Counting] == ["together", "each_body"]
