"""Decision rules at every boundary, and their properties."""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance_rules._charter.meetings import DecisionSpec, Quorum, VotingMethod
from governance_rules._decisions import Ballot, Choice, Owner, OwnersBallot, Vote, decide
from governance_rules.errors import BallotError, DecisionError, UnknownDecisionRuleError

Y, N, A, X = Choice.YES, Choice.NO, Choice.ABSTAIN, Choice.ABSENT
SOURCE = {"doc": "t", "summary": "a rule under test"}


ALL = "all_members"


def spec(
    kind: str, fraction: str | None = None, inclusive: bool = True, **kw: Any
) -> DecisionSpec:
    data: dict[str, Any] = {"kind": kind, "source": SOURCE, **kw}
    if fraction is not None:
        data["threshold"] = {"fraction": fraction, "inclusive": inclusive}
    return DecisionSpec.model_validate(data)


def members(*choices: Choice, body: str = "m") -> Ballot:
    """One body with one seat per choice; ABSENT members do not vote."""
    votes = [Vote(str(i), body, c) for i, c in enumerate(choices) if c is not X]
    return Ballot.open({body: len(choices)}, votes)


@pytest.mark.parametrize(
    ("rule", "choices", "passed"),
    [
        # consensus: no objection among those voting; abstaining is not objecting
        (spec("consensus"), (Y, Y, Y), True),
        (spec("consensus"), (Y, A, X), True),
        (spec("consensus"), (Y, Y, N), False),
        (spec("consensus"), (A, A, X), False),
        # unanimous: every member, absentees included
        (spec("unanimous"), (Y, Y, Y), True),
        (spec("unanimous"), (Y, Y, X), False),
        # majority of votes cast (过半数 of yes + no; abstentions are not cast)
        (spec("majority_of_votes_cast"), (Y, Y, N), True),
        (spec("majority_of_votes_cast"), (Y, N, A, A), False),  # tie: exactly 1/2
        (spec("majority_of_votes_cast"), (Y, A, A, A), True),
        # majority of ALL members (absentees and abstentions count against)
        (spec("majority_of_all_members"), (Y, Y, Y, N, X, X), False),  # exactly 1/2
        (spec("majority_of_all_members"), (Y, Y, Y, Y, X, X), True),
        (spec("majority_of_all_members", "1/2", inclusive=True), (Y, Y, Y, N, X, X), True),
        # two-thirds or more (三分之二以上) vs more than two-thirds
        (spec("supermajority", "2/3", base=ALL), (Y, Y, N), True),  # exactly 2/3, inclusive
        (spec("supermajority", "2/3", inclusive=False, base=ALL), (Y, Y, N), False),
        (spec("supermajority", "2/3", base=ALL), (Y, Y, Y, Y, Y, N, N, X, X), False),  # 5/9
        (spec("supermajority", "2/3", base="present"), (Y, Y, Y, Y, Y, N, X, X, X), True),
        (spec("supermajority", "2/3", base="votes_cast"), (Y, Y, Y, N, X, X), True),  # 3/4
        (spec("supermajority", "3/4", base=ALL), (Y, Y, Y, N), True),  # exactly 3/4
        (spec("supermajority", "3/4", base=ALL), (Y, Y, Y, N, X), False),
    ],
)
def test_boundaries(rule: DecisionSpec, choices: tuple[Choice, ...], passed: bool) -> None:
    result = decide(rule, members(*choices))
    assert result.passed is passed, result.reasons


def three_parties(
    rc: Choice, oc: Choice, pc: Choice, method: VotingMethod | None = None
) -> Ballot:
    votes = [
        Vote(name, body, c)
        for name, body, c in (("r", "rc", rc), ("o", "oc", oc), ("p", "pc", pc))
        if c is not X
    ]
    return Ballot.open({"rc": 1, "oc": 1, "pc": 1}, votes)


def test_veto_holders_fail_any_rule() -> None:
    rule = spec("supermajority", "2/3", veto_holders=["rc"], base=ALL)
    assert decide(rule, three_parties(Y, Y, N)).passed
    result = decide(rule, three_parties(N, Y, Y))
    assert not result.passed
    assert result.reasons == ("vetoed by rc",)
    veto_only = spec("veto", veto_holders=["rc", "oc"])
    assert decide(veto_only, three_parties(Y, A, N)).passed
    assert not decide(veto_only, three_parties(Y, N, Y)).passed


def test_majority_of_all_members_of_named_bodies() -> None:
    # yayuan: more than half of ALL members of the OC and the supervisory committee
    rule = spec("majority_of_all_members", "1/2", inclusive=False, bodies=["oc", "sc"])
    seats = {"oc": 7, "sc": 3, "pc": 1}
    votes = [Vote(f"oc{i}", "oc", Y) for i in range(4)] + [Vote("sc0", "sc", Y)]
    votes.append(Vote("pc0", "pc", Y))  # the company's vote does not count here
    result = decide(rule, Ballot.open(seats, votes))
    assert not result.passed  # 5 of 10 is exactly half
    assert result.shares["yes/all members"] == Fraction(1, 2)
    votes.append(Vote("sc1", "sc", Y))
    assert decide(rule, Ballot.open(seats, votes)).passed  # 6 of 10


def test_quorum_is_checked_first() -> None:
    quorum = Quorum.model_validate(
        {"present": {"fraction": "1/2", "inclusive": False}, "source": SOURCE}
    )
    rule = spec("majority_of_votes_cast")
    result = decide(rule, members(Y, Y, X, X), quorum=quorum)
    assert not result.passed
    assert result.reasons == ("quorum: 2 of 4 present = 1/2, needs > 1/2: not met",)
    assert decide(rule, members(Y, Y, N, X), quorum=quorum).passed


def test_per_body_quorum() -> None:
    quorum = Quorum.model_validate(
        {"present": {"fraction": "1/2", "inclusive": True}, "per_body": True, "source": SOURCE}
    )
    ballot = Ballot.open({"a": 2, "b": 2}, [Vote("1", "a", Y), Vote("2", "a", Y)])
    result = decide(spec("consensus"), ballot, quorum=quorum)
    assert not result.passed
    assert "quorum of b: 0 of 2 present" in result.reasons[0]


# -- owners' assembly (民法典 第278条) -----------------------------------------------------
BASELINE_ORDINARY = spec(
    "dual_majority", "1/2", inclusive=False, participation={"fraction": "2/3", "inclusive": True}
)
BASELINE_MAJOR = spec(
    "dual_majority", "3/4", inclusive=True, participation={"fraction": "2/3", "inclusive": True}
)


def owners(*pairs: tuple[int, Choice]) -> OwnersBallot:
    roll = [Owner(f"o{i}", area) for i, (area, _) in enumerate(pairs)]
    votes = {f"o{i}": c for i, (_, c) in enumerate(pairs) if c is not X}
    return OwnersBallot.from_votes(roll, votes)


def test_participation_needs_two_thirds_of_area_and_heads() -> None:
    # 6 of 9 owners (exactly 2/3) holding exactly 2/3 of the area take part
    ballot = owners(*[(100, Y)] * 6, *[(100, X)] * 3)
    assert decide(BASELINE_ORDINARY, ballot).passed
    # the same heads but less area: participation by area fails
    ballot = owners(*[(100, Y)] * 5, (99, Y), (101, X), (100, X), (100, X))
    result = decide(BASELINE_ORDINARY, ballot)
    assert not result.passed
    assert (
        "area taking part 599 of 900 m² = 599/900 (≈66.56%), needs >= 2/3: not met"
        in result.reasons
    )


def test_major_matters_need_three_quarters_of_both() -> None:
    # 8 owners take part; 6 yes = exactly 3/4 of heads and of area
    ballot = owners(*[(100, Y)] * 6, (100, N), (100, N), (100, X))
    assert decide(BASELINE_MAJOR, ballot).passed
    # big owners in favour, heads short: fails on headcount
    ballot = owners((400, Y), (300, Y), (100, N), (100, N), (100, Y), (10, X))
    result = decide(BASELINE_MAJOR, ballot)
    assert not result.passed
    assert result.shares["yes owners"] == Fraction(3, 5)
    assert result.shares["yes area"] > Fraction(3, 4)


def test_ordinary_matters_exactly_half_fails() -> None:
    ballot = owners((100, Y), (100, Y), (100, N), (100, N))
    result = decide(BASELINE_ORDINARY, ballot)
    assert not result.passed
    assert result.shares["yes owners"] == Fraction(1, 2)


def test_owner_with_several_units_counts_once() -> None:
    roll = [Owner("a", Fraction(17525, 100), units=("1-101", "1-102")), Owner("b", 80)]
    ballot = OwnersBallot.from_votes(roll, {"a": Y, "b": N})
    assert ballot.tally.heads.members == 2
    assert ballot.tally.area_yes == Fraction(701, 4)


def test_wrong_ballot_kinds_and_missing_parameters() -> None:
    with pytest.raises(DecisionError, match="counts owners by area"):
        decide(BASELINE_MAJOR, members(Y))
    with pytest.raises(DecisionError, match="not owners by area"):
        decide(spec("majority_of_votes_cast"), owners((1, Y)))
    with pytest.raises(DecisionError, match="needs a threshold"):
        decide(spec("supermajority"), members(Y))
    # the kind's name does not say what two-thirds is a share of: no default is invented
    with pytest.raises(DecisionError, match=r"decision.base: 'supermajority' needs a base"):
        decide(spec("supermajority", "2/3"), members(Y, Y, N))
    with pytest.raises(DecisionError, match="needs a base"):
        decide(spec("veto", "2/3", veto_holders=["m"]), members(Y, Y, A))
    with pytest.raises(DecisionError, match="states no decision rule"):
        decide(spec("unspecified"), members(Y))
    with pytest.raises(UnknownDecisionRuleError, match="allowed: consensus"):
        decide(spec("sortition"), members(Y))


def test_ballot_refusals() -> None:
    with pytest.raises(BallotError, match="voted twice"):
        Ballot.open({"m": 2}, [Vote("1", "m", Y), Vote("1", "m", N)])
    with pytest.raises(BallotError, match="not a voting body"):
        Ballot.open({"m": 2}, [Vote("1", "x", Y)])
    with pytest.raises(BallotError, match="3 votes for 2 seats"):
        Ballot.open({"m": 2}, [Vote(str(i), "m", Y) for i in range(3)])
    with pytest.raises(BallotError, match="on the roll twice"):
        OwnersBallot.from_votes([Owner("a", 1), Owner("a", 2)], {})
    with pytest.raises(BallotError, match="not on the roll"):
        OwnersBallot.from_votes([Owner("a", 1)], {"b": Y})
    with pytest.raises(BallotError, match="positive exact number"):
        Owner("a", 0)
    with pytest.raises(BallotError, match="unknown choice"):
        Choice.parse("maybe")
    assert Choice.parse("同意") is Y


def test_secret_ballot_keeps_no_voter_link() -> None:
    ballot = Ballot.secret({"oc": 5}, {"oc": [Y, Y, Y, N]})
    assert ballot.votes == ()
    result = decide(spec("majority_of_all_members"), ballot)
    assert result.passed
    assert result.method is VotingMethod.SECRET_BALLOT
    text = repr(result.to_dict()) + repr(ballot)
    for name in ("voter", "Vote("):
        assert name not in text
    with pytest.raises(DecisionError, match="veto cannot be exercised in a secret ballot"):
        decide(spec("consensus", veto_holders=["oc"]), ballot)
    secret_owners = OwnersBallot.from_votes(
        [Owner("a", 1), Owner("b", 1)], {"a": Y}, method=VotingMethod.SECRET_BALLOT
    )
    assert dict(secret_owners.votes) == {}
    assert "'a'" not in repr(secret_owners)


# -- properties -------------------------------------------------------------------------------
choice_lists = st.lists(st.sampled_from([Y, N, A, X]), min_size=1, max_size=12)
thresholds = st.sampled_from(
    [("1/2", False), ("1/2", True), ("2/3", True), ("2/3", False), ("3/4", True)]
)
kinds = st.sampled_from(
    [
        "consensus",
        "unanimous",
        "majority_of_votes_cast",
        "majority_of_all_members",
        "supermajority",
    ]
)
bases = st.sampled_from([None, "votes_cast", "present", "all_members"])


def rule_for(kind: str, threshold: tuple[str, bool], base: str | None) -> DecisionSpec:
    if kind in ("consensus", "unanimous"):
        return spec(kind)
    if kind == "supermajority":  # no default base: the charter must say
        base = base or ALL
    return spec(kind, threshold[0], inclusive=threshold[1], base=base)


@given(kinds, thresholds, bases, choice_lists, st.data())
def test_another_yes_never_turns_a_pass_into_a_fail(
    kind: str, threshold: tuple[str, bool], base: str | None, choices: list[Choice], data: Any
) -> None:
    rule = rule_for(kind, threshold, base)
    before = decide(rule, members(*choices)).passed
    not_yes = [i for i, c in enumerate(choices) if c is not Y]
    if not not_yes:
        return
    i = data.draw(st.sampled_from(not_yes))
    after = decide(rule, members(*choices[:i], Y, *choices[i + 1 :])).passed
    assert not (before and not after)


@given(choice_lists, bases)
def test_three_quarters_implies_two_thirds_implies_more_than_half(
    choices: list[Choice], base: str | None
) -> None:
    ballot = members(*choices)
    at = {t: decide(spec("supermajority", t[0], inclusive=t[1], base=base or ALL), ballot).passed
          for t in (("3/4", True), ("2/3", True), ("1/2", False))}  # fmt: skip
    assert not at[("3/4", True)] or at[("2/3", True)]
    assert not at[("2/3", True)] or at[("1/2", False)]


@given(kinds, thresholds, bases, st.lists(st.sampled_from([Y, N, A]), min_size=1, max_size=7))
def test_results_do_not_depend_on_ballot_order(
    kind: str, threshold: tuple[str, bool], base: str | None, choices: list[Choice]
) -> None:
    rule = rule_for(kind, threshold, base)
    votes = [Vote(str(i), "m", c) for i, c in enumerate(choices)]
    expected = decide(rule, Ballot.open({"m": len(votes) + 1}, votes))
    for order in itertools.islice(itertools.permutations(votes), 24):
        again = decide(rule, Ballot.open({"m": len(votes) + 1}, order))
        assert (again.passed, again.reasons, again.shares) == (
            expected.passed, expected.reasons, expected.shares,
        )  # fmt: skip


@given(st.lists(st.sampled_from(["rc", "oc", "pc"]), min_size=1, max_size=3, unique=True),
       st.sampled_from([Y, N, A]), st.sampled_from([Y, N, A]), st.sampled_from([Y, N, A]),
       kinds, thresholds)  # fmt: skip
def test_any_veto_fails(
    holders: list[str], rc: Choice, oc: Choice, pc: Choice, kind: str, t: tuple[str, bool]
) -> None:
    rule = rule_for(kind, t, None).model_copy(update={"veto_holders": tuple(holders)})
    ballot = three_parties(rc, oc, pc)
    if any(ballot.tallies[h].no for h in holders):
        assert not decide(rule, ballot).passed


@given(st.lists(st.tuples(st.integers(1, 500), st.sampled_from([Y, N, A, X])), min_size=1,
                max_size=15))  # fmt: skip
def test_owner_ballots_are_monotone_and_nested(pairs: list[tuple[int, Choice]]) -> None:
    ballot = owners(*pairs)
    major, ordinary = decide(BASELINE_MAJOR, ballot), decide(BASELINE_ORDINARY, ballot)
    assert not major.passed or ordinary.passed
    for i, (area, choice) in enumerate(pairs):
        if choice is not Y:
            better = owners(*pairs[:i], (area, Y), *pairs[i + 1 :])
            assert not ordinary.passed or decide(BASELINE_ORDINARY, better).passed
            break


def test_a_plugin_rule_is_used_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    from governance_rules._decisions import DecisionResult, rules  # noqa: PLC0415

    def sortition(rule: DecisionSpec, ballot: Any) -> DecisionResult:
        return DecisionResult(rule.kind, True, ("drawn by lot",), ballot.method, ballot.totals())

    class EntryPoint:
        name = "sortition"

        def load(self) -> Any:
            return sortition

    monkeypatch.setattr(rules.metadata, "entry_points", lambda group: [EntryPoint()])
    rules._installed.cache_clear()
    try:
        result = decide(spec("sortition"), members(N, N))
        assert result.passed
        assert result.reasons == ("drawn by lot",)
    finally:
        rules._installed.cache_clear()
