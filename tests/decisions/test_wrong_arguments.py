"""Wrong argument types at the decision and appraisal entry points: library errors, and
never a silent miscount (a ``str`` where a :class:`Choice` belongs used to drop the vote)."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import governance_rules as gr
from governance_rules._charter.evaluation import RatingOption
from governance_rules._decisions import Counts

ROOT = Path(__file__).resolve().parents[2]
VOTES = ROOT / "docs" / "examples" / "joint-meeting-votes.csv"
OWNERS = ROOT / "docs" / "examples" / "owners-major.csv"
SCORES = ROOT / "docs" / "examples" / "appraisal-scores.csv"
SPEC = gr.matter_rule(gr.load_charter("co-building-two-thirds"), "regular").decision
GOOD = gr.Ballot.open({"a": 3}, [gr.Vote("x", "a", gr.Choice.YES)])
EVALUATION = gr.load_charter("yangxin-2022").evaluation
EVALUATION_RATED = EVALUATION.model_copy(
    update={"rating_options": (RatingOption(label="satisfied", score=100),)}
)
GRADING = gr.load_charter("district-street-plans").grading["estate_grading"]
SHOW = gr.VotingMethod.SHOW_OF_HANDS
YES = gr.Choice.YES

Case = tuple[str, Callable[[], Any], type[gr.GovernanceRulesError], str]
CASES: list[Case] = [
    ("decide(None, ballot)", lambda: gr.decide(None, GOOD), gr.DecisionError,
     "spec: wrong type (got 'NoneType')"),
    ("decide(spec, None)", lambda: gr.decide(SPEC, None), gr.DecisionError,
     "ballot: wrong type (got 'NoneType'); allowed: a Ballot, an OwnersBallot"),
    ("decide(quorum=dict)", lambda: gr.decide(SPEC, GOOD, quorum={"present": 1}),
     gr.DecisionError, "quorum: wrong type (got 'dict')"),
    ("decide(voters=list)", lambda: gr.decide(SPEC, GOOD, voters=["a"]), gr.DecisionError,
     "voters: wrong type (got 'list')"),
    ("decide(voters={a: 3.0})", lambda: gr.decide(SPEC, GOOD, voters={"a": 3.0}),
     gr.DecisionError, "voters['a']: wrong type (got 'float')"),
    ("matter_rule(None, ...)", lambda: gr.matter_rule(None, "regular"), gr.DecisionError,
     "charter: wrong type (got 'NoneType')"),
    ("matter_rule(..., [])", lambda: gr.matter_rule(gr.load_charter("yangxin-2022"), []),
     gr.DecisionError, "matter: wrong type (got 'list')"),
    ("Ballot.open(None, [])", lambda: gr.Ballot.open(None, []), gr.BallotError,
     "seats: wrong type (got 'NoneType')"),
    ("Ballot.open(seats=True)", lambda: gr.Ballot.open({"a": True}, []), gr.BallotError,
     "a: seats must be a whole number (got True)"),
    ("Ballot.open(seats=10**400)", lambda: gr.Ballot.open({"a": 10**400}, []), gr.BallotError,
     "allowed: a whole number from 1 to 10,000,000"),
    ("Ballot.open(votes=None)", lambda: gr.Ballot.open({"a": 1}, None), gr.BallotError,
     "votes: wrong type (got 'NoneType')"),
    ("Ballot.open(votes=dict)", lambda: gr.Ballot.open({"a": 1}, {"x": "yes"}), gr.BallotError,
     "votes: wrong type (got 'dict')"),
    ("Ballot.open(votes=[tuple])", lambda: gr.Ballot.open({"a": 1}, [("x", "a", YES)]),
     gr.BallotError, "votes[0]: wrong type (got 'tuple')"),
    ("Ballot.open(method=str)", lambda: gr.Ballot.open({"a": 1}, [], "secret_ballot"),
     gr.BallotError, "method: wrong type (got 'str')"),
    ("Ballot(method=str)", lambda: gr.Ballot("secret_ballot", {"a": Counts(1)}), gr.BallotError,
     "method: wrong type (got 'str')"),
    ("Ballot.secret(choices=str)", lambda: gr.Ballot.secret({"a": 5}, {"a": "yes"}),
     gr.BallotError, "choices['a']: wrong type (got 'str')"),
    ("Ballot.secret(None)", lambda: gr.Ballot.secret({"a": 5}, None), gr.BallotError,
     "choices: wrong type (got 'NoneType')"),
    ("Ballot.secret(ints)", lambda: gr.Ballot.secret({"a": 5}, {"a": [1]}), gr.BallotError,
     "choices['a']: unknown choice (got 1)"),
    ("Vote(choice=42)", lambda: gr.Vote("x", "a", 42), gr.BallotError,
     "vote.choice: unknown choice (got 42)"),
    ("Vote(voter=None)", lambda: gr.Vote(None, "a", YES), gr.BallotError,
     "vote.voter: wrong type (got 'NoneType')"),
    ("Owner(area=True)", lambda: gr.Owner("a", True), gr.BallotError,
     "the area must be a positive exact number (got True)"),
    ("Owner(None, 5)", lambda: gr.Owner(None, 5), gr.BallotError,
     "owner: wrong type (got 'NoneType')"),
    ("OwnersBallot(votes=None)", lambda: gr.OwnersBallot.from_votes([gr.Owner("a", 5)], None),
     gr.BallotError, "votes: wrong type (got 'NoneType')"),
    ("OwnersBallot(roll=dict)", lambda: gr.OwnersBallot.from_votes({"a": 5}, {}),
     gr.BallotError, "roll: wrong type (got 'dict')"),
    ("OwnersBallot(choice=42)", lambda: gr.OwnersBallot.from_votes([gr.Owner("a", 5)], {"a": 42}),
     gr.BallotError, "votes['a']: unknown choice (got 42)"),
    ("OwnersBallot(method=str)",
     lambda: gr.OwnersBallot.from_votes([gr.Owner("a", 5)], {}, "secret_ballot"),
     gr.BallotError, "method: wrong type (got 'str')"),
    ("BodyApprovals.of(None)", lambda: gr.BodyApprovals.of(None, {}), gr.BallotError,
     "bodies: wrong type (got 'NoneType')"),
    ("BodyApprovals.of(str)", lambda: gr.BodyApprovals.of("ab", {"a": "yes"}), gr.BallotError,
     "bodies: wrong type (got 'str')"),
    ("BodyApprovals.of(answers=None)", lambda: gr.BodyApprovals.of(["a"], None), gr.BallotError,
     "approvals: wrong type (got 'NoneType')"),
    ("read_member_ballot(None)", lambda: gr.read_member_ballot(None, SHOW), gr.BallotError,
     "path: not a file path (got 'NoneType')"),
    ("read_member_ballot(method=str)", lambda: gr.read_member_ballot(VOTES, "show_of_hands"),
     gr.BallotError, "method: wrong type (got 'str')"),
    ("read_member_ballot(voters=list)",
     lambda: gr.read_member_ballot(VOTES, SHOW, voters=["residents_committee"]),
     gr.BallotError, "voters: wrong type (got 'list')"),
    ("read_owner_ballot(method=str)", lambda: gr.read_owner_ballot(OWNERS, "signature"),
     gr.BallotError, "method: wrong type (got 'str')"),
    ("read_body_approvals(bodies=None)", lambda: gr.read_body_approvals(VOTES, None),
     gr.BallotError, "bodies: wrong type (got 'NoneType')"),
    ("read_scores(bytes)", lambda: gr.read_scores(bytes(SCORES)), gr.EvaluationError,
     "path: not a file path (got 'bytes')"),
    ("read_indicators(None)", lambda: gr.read_indicators(None), gr.EvaluationError,
     "path: not a file path (got 'NoneType')"),
    ("appraise(None, [])", lambda: gr.appraise(None, []), gr.EvaluationError,
     "evaluation: wrong type (got 'NoneType')"),
    ("appraise(scores=None)", lambda: gr.appraise(EVALUATION, None), gr.EvaluationError,
     "scores: wrong type (got 'NoneType')"),
    ("appraise(scores=[dict])", lambda: gr.appraise(EVALUATION, [{"subject": "x"}]),
     gr.EvaluationError, "scores[0]: wrong type (got 'dict')"),
    ("appraise(Score(item=dict))",
     lambda: gr.appraise(EVALUATION, [gr.Score("owners_committee", {}, 5)]),  # type: ignore[arg-type]
     gr.EvaluationError, "scores[0].item: wrong type (got 'dict')"),
    ("appraise(rating=list)",
     lambda: gr.appraise(EVALUATION_RATED, [gr.Score("owners_committee", "rating", ["x"])]),
     gr.EvaluationError, "scores[0].value: unknown rating answer (got ['x'])"),
    ("appraise(missing=None)", lambda: gr.appraise(EVALUATION, [], missing=None),
     gr.EvaluationError, "missing: unknown policy for missing scores (got 'NoneType')"),
    ("grade(None, [])", lambda: gr.grade(None, []), gr.EvaluationError,
     "grading: wrong type (got 'NoneType')"),
    ("grade(readings=None)", lambda: gr.grade(GRADING, None), gr.EvaluationError,
     "readings: wrong type (got 'NoneType')"),
    ("grade(category=list)",
     lambda: gr.grade(GRADING, [gr.IndicatorValue("E", ["x"], "fee_payment_rate", "5%")]),  # type: ignore[arg-type]
     gr.EvaluationError, "readings[0].category: wrong type (got 'list')"),
    ("outcomes(None, None)", lambda: gr.outcomes(None, None), gr.EvaluationError,
     "evaluation: wrong type (got 'NoneType')"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "call", "error", "message"), CASES, ids=[c[0] for c in CASES])
def test_a_wrong_argument_is_a_library_error(
    name: str, call: Callable[[], Any], error: type[gr.GovernanceRulesError], message: str
) -> None:
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)


def test_a_choice_given_as_its_word_is_counted_not_dropped() -> None:
    # before: Vote(..., "yes") and {"a": "yes"} were kept as text, matched no Choice,
    # and the voter silently counted as absent (members) or vanished (owners)
    members = gr.Ballot.open({"a": 2}, [gr.Vote("x", "a", "yes"), gr.Vote("y", "a", "反对")])
    assert members.totals() == Counts(yes=1, no=1)
    owners = gr.OwnersBallot.from_votes([gr.Owner("a", 5), gr.Owner("b", 7)], {"a": "赞成"})
    assert owners.tally.heads == Counts(yes=1, absent=1)
    assert owners.tally.area_yes == Fraction(5)
    assert owners.votes == {"a": YES}
    secret = gr.Ballot.secret({"a": 3}, {"a": ["yes", "no"]})
    assert secret.totals() == Counts(yes=1, no=1, absent=1)


def test_a_missing_policy_given_as_its_value_is_applied() -> None:
    # before: missing="zero" was compared with the enum, silently applied as "exclude",
    # and the result's to_dict() then failed on the text
    scores = [gr.Score("owners_committee", "use of the linkage mechanism", 80)]
    result = gr.appraise(EVALUATION, scores, missing="zero")  # type: ignore[arg-type]
    assert result.missing is gr.MissingPolicy.ZERO
    assert result.subjects["owners_committee"].total == 20  # 80 and three zeros
    assert result.to_dict()["missing_policy"] == "zero"
