"""The bundled charters' decision rules, used as an app and a clerk would use them."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from governance_rules._charter import load_charter
from governance_rules._charter.meetings import DecisionSpec, Quorum, VotingMethod
from governance_rules._decisions import Ballot, Choice, Vote, decide, matter_rule
from governance_rules.cli import main
from governance_rules.errors import DecisionError

SOURCE = {"doc": "x", "summary": "a test rule"}


def committee(yes: int, absent: int) -> str:
    rows = [f"m{i},owners_committee,yes" for i in range(yes)]
    rows += [f"m{yes + i},owners_committee,absent" for i in range(absent)]
    return "voter,body,choice\n" + "\n".join(rows) + "\n"


# -- seats at the joint meeting are not the size of a body -------------------------------------
@pytest.mark.parametrize("charter", ["yangxin-2022", "cn-national-baseline"])
def test_a_committee_meeting_counts_all_its_members_whatever_its_joint_meeting_seats(
    charter: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # yangxin-2022 gives the owners' committee one seat at the joint meeting; its own
    # meetings are still held by all its members (5 to 11), never capped at that one seat
    rule = matter_rule(load_charter(charter), "owners_committee_meeting")
    assert dict(rule.voters) == {"owners_committee": None}
    ballot = tmp_path / "oc.csv"
    ballot.write_text(committee(yes=4, absent=3), encoding="utf-8")
    code = main(["tally", charter, "--matter", "owners_committee_meeting", str(ballot)])
    out = capsys.readouterr().out
    assert code == 0
    assert "quorum: 4 of 7 present = 4/7, needs > 1/2: met" in out
    assert "yes 4 of 7 all members of owners_committee = 4/7, needs >= 1/2: met" in out
    ballot.write_text(committee(yes=1, absent=0), encoding="utf-8")
    assert main(["tally", charter, "--matter", "owners_committee_meeting", str(ballot)]) == 0
    # a one-member roll is the file's claim, not the charter's: it still needs every row
    assert "yes 1 of 1" in capsys.readouterr().out


def test_the_joint_meeting_keeps_its_seats() -> None:
    regular = matter_rule(load_charter("yangxin-2022"), "regular")
    assert set(regular.voters.values()) == {1}


# -- an unspecified rule is never decided --------------------------------------------------------
UNSPECIFIED = DecisionSpec.model_validate({"kind": "unspecified", "source": SOURCE})
NO_VETO = DecisionSpec.model_validate(
    {"kind": "unspecified", "veto_holders": ["a"], "source": SOURCE}
)
QUORUM = Quorum.model_validate(
    {"present": {"fraction": "1/2", "inclusive": False}, "source": SOURCE}
)


@pytest.mark.parametrize(
    ("spec", "quorum", "votes"),
    [
        (UNSPECIFIED, QUORUM, []),  # the quorum is not met: still no decision
        (UNSPECIFIED, QUORUM, [Vote("x", "a", Choice.YES), Vote("y", "a", Choice.YES)]),
        (NO_VETO, None, [Vote("x", "a", Choice.NO)]),  # a veto holder objects: no decision
        (NO_VETO, None, [Vote("x", "a", Choice.YES)]),
    ],
)
def test_an_unspecified_rule_is_refused_before_the_quorum_or_a_veto(
    spec: DecisionSpec, quorum: Quorum | None, votes: list[Vote]
) -> None:
    ballot = Ballot.open({"a": 3}, votes)
    with pytest.raises(DecisionError, match="the charter states no decision rule"):
        decide(spec, ballot, quorum=quorum)
    assert VotingMethod.SHOW_OF_HANDS is ballot.method


# -- areas read as the clerk wrote them --------------------------------------------------------
def test_a_large_area_is_shown_as_its_decimal_not_as_a_fraction() -> None:
    # the float behind the old display turned 7368520.72 m² into 184213018/25 m²
    from governance_rules._decisions import Owner, OwnersBallot  # noqa: PLC0415

    spec = load_charter("cn-national-baseline").matters["owners_major"].decision
    roll = [Owner("a", Fraction("7368520.72")), Owner("b", Fraction("0.05")), Owner("c", 3)]
    ballot = OwnersBallot.from_votes(roll, {"a": Choice.YES, "b": Choice.YES})
    reasons = decide(spec, ballot).reasons
    assert reasons[0].startswith("area taking part 7368520.77 of 7368523.77 m² = ")
    assert reasons[2].startswith("yes area 7368520.77 of 7368520.77 m² voting = 1, ")


def test_an_unreadable_csv_row_is_reported_at_its_own_line(tmp_path: Path) -> None:
    # the line of the last good row (1, the header) was named before
    from governance_rules._decisions import read_owner_ballot  # noqa: PLC0415
    from governance_rules.errors import BallotError  # noqa: PLC0415

    ballot = tmp_path / "owners.csv"
    ballot.write_text("owner,area,choice\nA,90,yes\n" + "x" * 200_000 + ",5,yes\n")
    with pytest.raises(BallotError, match=r"owners\.csv:3: not a valid CSV file: field larger"):
        read_owner_ballot(ballot, VotingMethod.SIGNATURE)


# -- every bundled rule at its exact boundary -----------------------------------------------------
def _bundled_rules() -> list[tuple[str, str]]:
    from governance_rules._charter import available_charters  # noqa: PLC0415

    found = []
    for charter_id in available_charters():
        charter = load_charter(charter_id)
        names = [*charter.matters, *(k for k, m in charter.meetings.items() if m.decision)]
        found += [(charter_id, name) for name in names]
    return found


BUNDLED = _bundled_rules()


@pytest.mark.parametrize(("charter", "matter"), BUNDLED, ids=[f"{c}:{m}" for c, m in BUNDLED])
def test_a_bundled_rule_at_its_threshold_passes_exactly_when_inclusive(
    charter: str, matter: str
) -> None:
    from governance_rules._decisions import BodyApprovals, Owner, OwnersBallot  # noqa: PLC0415

    rule = matter_rule(load_charter(charter), matter)
    spec = rule.decision
    body = next(iter(spec.bodies or rule.voters))
    if spec.kind == "unspecified":
        with pytest.raises(DecisionError, match="states no decision rule"):
            decide(spec, Ballot.open({body: 2}, [Vote("a", body, Choice.YES)]), quorum=rule.quorum)
        return
    if spec.kind == "joint_approval":
        yes = dict.fromkeys(spec.bodies, "yes")
        assert decide(spec, BodyApprovals.of(spec.bodies, yes)).passed
        silent = BodyApprovals.of(spec.bodies, dict(list(yes.items())[1:]))
        assert not decide(spec, silent).passed
        return
    if spec.kind in {"unanimous", "consensus"}:
        every = Ballot.open({body: 3}, [Vote(f"m{i}", body, Choice.YES) for i in range(3)])
        assert decide(spec, every, quorum=rule.quorum).passed
        one = Choice.ABSTAIN if spec.kind == "unanimous" else Choice.NO
        votes = [Vote("m0", body, one), *(Vote(f"m{i}", body, Choice.YES) for i in (1, 2))]
        assert not decide(spec, Ballot.open({body: 3}, votes), quorum=rule.quorum).passed
        return
    assert spec.threshold is not None
    fraction, inclusive = spec.threshold.fraction, spec.threshold.inclusive
    members = 6 * fraction.denominator  # everyone takes part: every base is all members
    at = members * fraction.numerator // fraction.denominator
    for yes, passed in ((at, inclusive), (at + 1, True), (at - 1, False)):
        if spec.kind == "dual_majority":
            roll = [Owner(f"o{i}", Fraction(100)) for i in range(members)]
            votes = {f"o{i}": Choice.YES if i < yes else Choice.NO for i in range(members)}
            result = decide(spec, OwnersBallot.from_votes(roll, votes))
        else:
            choices = [Choice.YES if i < yes else Choice.NO for i in range(members)]
            ballot = Ballot.open(
                {body: members}, [Vote(f"m{i}", body, c) for i, c in enumerate(choices)]
            )
            result = decide(spec, ballot, quorum=rule.quorum)
        assert result.passed is passed, (yes, members, result.reasons)


@pytest.mark.parametrize(
    ("taking_part", "area", "passed"), [(6, "537.42", True), (5, "447.85", False)]
)
def test_owners_taking_part_at_exactly_two_thirds_meet_the_participation(
    taking_part: int, area: str, passed: bool
) -> None:
    from governance_rules._decisions import Owner, OwnersBallot  # noqa: PLC0415

    spec = load_charter("cn-national-baseline").matters["owners_ordinary"].decision
    roll = [Owner(f"o{i}", Fraction("89.57")) for i in range(9)]
    votes = {f"o{i}": Choice.YES for i in range(taking_part)}
    result = decide(spec, OwnersBallot.from_votes(roll, votes))
    assert result.passed is passed
    assert result.shares["participating owners"] == Fraction(taking_part, 9)
    assert result.reasons[0].startswith(f"area taking part {area} of 806.13 m²")


@pytest.mark.parametrize(("word", "choice"), [("赞同", Choice.YES), ("不赞成", Choice.NO),
                                             ("不赞同", Choice.NO), ("\u3000赞同\u3000", Choice.YES)])  # fmt: skip
def test_the_words_of_the_charters_own_ballots_are_read(word: str, choice: Choice) -> None:
    # co-building-two-thirds counts 赞同票 (votes in favour); the word was refused
    assert Choice(word) is choice


def test_unanimity_of_nobody_is_not_a_pass(tmp_path: Path) -> None:
    # '0 of 0 members agree' passed: every one of no members had agreed
    spec = load_charter("cn-national-baseline").matters["home_to_business"].decision
    empty = DecisionSpec.model_validate({"kind": "unanimous", "source": SOURCE})
    for ballot in (Ballot.open({}, []), Ballot.secret({}, {})):
        result = decide(empty, ballot)
        assert (result.passed, result.reasons) == (False, ("nobody on the ballot: no members",))
    assert decide(
        spec, Ballot.open({"affected_owners": 1}, [Vote("a", "affected_owners", "yes")])
    ).passed


def test_an_owners_file_without_rows_is_named(tmp_path: Path) -> None:
    from governance_rules._decisions import read_owner_ballot  # noqa: PLC0415
    from governance_rules.errors import BallotError  # noqa: PLC0415

    path = tmp_path / "owners.csv"
    path.write_text("owner,area,choice\n", encoding="utf-8")
    with pytest.raises(BallotError, match=r"owners\.csv: no rows: the roll of owners is empty"):
        read_owner_ballot(path, VotingMethod.SIGNATURE)


def test_an_area_too_long_to_show_is_refused_not_a_crash(tmp_path: Path) -> None:
    # a 5,000-digit area passed Owner and crashed the explanation (int-to-text limit)
    from governance_rules._decisions import Owner, read_owner_ballot  # noqa: PLC0415
    from governance_rules.errors import BallotError  # noqa: PLC0415

    for area in (Fraction(10**5000), Fraction(1, 10**5000), Fraction(10**41)):
        with pytest.raises(BallotError, match="numerator or denominator is too long"):
            Owner("a", area)
    assert Owner("a", Fraction("1e40")).area == 10**40
    path = tmp_path / "owners.csv"
    path.write_text("owner,area,choice\nA,9999999999e40,yes\nB,90,no\n", encoding="utf-8")
    with pytest.raises(
        BallotError, match=r"owners\.csv:2: area: expected an area in m²: too large"
    ):
        read_owner_ballot(path, VotingMethod.SIGNATURE)
