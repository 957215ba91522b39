"""Ballot files cannot be stuffed: bodies and seats come from the charter, rows are unique."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from governance_rules._appraisal import appraise, read_scores
from governance_rules._charter import load_charter
from governance_rules._charter.meetings import VotingMethod
from governance_rules._decisions import (
    Ballot,
    Choice,
    Vote,
    decide,
    matter_rule,
    read_member_ballot,
    read_owner_ballot,
)
from governance_rules._decisions.ballots import CHOICE_WORDS
from governance_rules.cli import main
from governance_rules.errors import BallotError, DecisionError, EvaluationError

ROOT = Path(__file__).resolve().parents[2]
SHOW = VotingMethod.SHOW_OF_HANDS
CO_BUILDING = matter_rule(load_charter("co-building-two-thirds"), "regular")
YANGXIN = matter_rule(load_charter("yangxin-2022"), "regular")


def csv(tmp_path: Path, text: str, name: str = "ballot.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- who may vote ----------------------------------------------------------------------------
def test_the_voters_of_a_matter_come_from_the_charter() -> None:
    assert set(CO_BUILDING.voters) == {
        "party_org",
        "residents_committee",
        "property_company",
        "residents",
    }
    assert set(CO_BUILDING.voters.values()) == {None}  # the roll gives the seats
    assert dict(YANGXIN.voters) == {
        "owners_committee": 1,
        "residents_committee": 1,
        "property_company": 1,
        "party_org": 1,
    }
    baseline = load_charter("cn-national-baseline")
    oc = matter_rule(baseline, "owners_committee_meeting")
    assert dict(oc.voters) == {"owners_committee": None}
    assert matter_rule(baseline, "owners_major").by_owners
    entry = matter_rule(load_charter("rc-half-yearly"), "company_entry")
    assert set(entry.voters) == {"residents_committee", "owners_committee"}
    joint = matter_rule(load_charter("oc-convened-quarterly"), "major_matters")
    assert set(joint.voters) == set(load_charter("oc-convened-quarterly").member_bodies)
    with pytest.raises(DecisionError, match="no such matter"):
        matter_rule(baseline, "lunch")


def test_a_one_row_ballot_from_an_outside_body_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = csv(tmp_path, "voter,body,choice\nh,hackers,yes\n")
    code = main(["tally", "co-building-two-thirds", "--matter", "regular", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{path}:2: body: not entitled to vote on this matter (got 'hackers')" in err
    assert "PASSED" not in err
    with pytest.raises(BallotError, match="hackers"):
        read_member_ballot(path, SHOW, voters=CO_BUILDING.voters)


def test_decide_checks_a_ballot_built_in_code_against_the_voters() -> None:
    stuffed = Ballot.open({"hackers": 1}, [Vote("h", "hackers", Choice.YES)])
    assert decide(CO_BUILDING.decision, stuffed).passed  # without voters nothing is known
    with pytest.raises(
        BallotError, match=r"ballot: not entitled to vote on this matter \(got 'hackers'\)"
    ):
        decide(CO_BUILDING.decision, stuffed, voters=CO_BUILDING.voters)
    partial = Ballot.open({"party_org": 1}, [Vote("p", "party_org", Choice.YES)])
    with pytest.raises(BallotError, match="residents_committee: no members of this voting body"):
        decide(CO_BUILDING.decision, partial, voters=CO_BUILDING.voters)
    seats = {
        "owners_committee": 1,
        "residents_committee": 1,
        "property_company": 1,
        "party_org": 3,
    }
    with pytest.raises(BallotError, match=r"party_org: 3 member\(s\) on the ballot for 1 seat"):
        decide(YANGXIN.decision, Ballot.open(seats, []), voters=YANGXIN.voters)


def test_every_voting_body_is_listed_unless_the_charter_fixes_its_seats(tmp_path: Path) -> None:
    rows = "voter,body,choice\np,party_org,yes\nr,residents_committee,yes\nc,property_company,no\n"
    with pytest.raises(BallotError, match=r"residents: no members of this voting body listed"):
        read_member_ballot(csv(tmp_path, rows), SHOW, voters=CO_BUILDING.voters)
    complete = read_member_ballot(
        csv(tmp_path, rows + "x,residents,abstain\n"), SHOW, voters=CO_BUILDING.voters
    )
    # two-thirds of the votes cast (赞同票): 2 yes, 1 no, the abstention is no vote
    result = decide(CO_BUILDING.decision, complete, voters=CO_BUILDING.voters)
    assert result.passed is True
    assert result.reasons == ("yes 2 of 3 votes cast = 2/3, needs >= 2/3: met",)
    # yangxin fixes one seat per body: bodies not listed are absent, not left out
    one = read_member_ballot(csv(tmp_path, "voter,body,choice\no,owners_committee,yes\n"), SHOW,
                             voters=YANGXIN.voters)  # fmt: skip
    assert one.totals().members == 4
    assert one.tallies["party_org"].absent == 1


def test_a_body_may_not_list_more_members_than_its_seats(tmp_path: Path) -> None:
    path = csv(tmp_path, "voter,body,choice\na,owners_committee,yes\nb,owners_committee,absent\n")
    with pytest.raises(BallotError) as info:
        read_member_ballot(path, SHOW, voters=YANGXIN.voters)
    assert f"{path}:3: body: more members than the 1 seat(s) the charter gives this body" in str(
        info.value
    )


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            "a,party_org,yes\na,party_org,yes\n",
            "{path}:3: voter: listed twice (first at line 2) (got 'a')",
        ),
        (
            "a,party_org,yes\na,party_org,absent\n",
            "{path}:3: voter: listed twice (first at line 2)",
        ),
        ("a,party_org,yes\na,residents,no\n", "{path}:3: voter: listed twice (first at line 2)"),
    ],
)
@pytest.mark.parametrize("method", [SHOW, VotingMethod.SECRET_BALLOT])
def test_a_voter_listed_twice_is_refused(
    tmp_path: Path, rows: str, message: str, method: VotingMethod
) -> None:
    path = csv(tmp_path, "voter,body,choice\n" + rows)
    with pytest.raises(BallotError) as info:
        read_member_ballot(path, method)
    assert message.format(path=path) in str(info.value)


def test_a_column_named_twice_is_refused(tmp_path: Path) -> None:
    path = csv(tmp_path, "voter,body,choice,choice\na,party_org,no,yes\n")
    with pytest.raises(BallotError, match=rf"{path}:1: column\(s\) named twice: choice"):
        read_member_ballot(path, SHOW)
    owners = csv(tmp_path, "owner,area,area,choice\nA,1,90,yes\n", "owners.csv")
    with pytest.raises(BallotError, match=rf"{owners}:1: column\(s\) named twice: area"):
        read_owner_ballot(owners, VotingMethod.SIGNATURE)


def test_one_unit_under_two_owners_is_refused(tmp_path: Path) -> None:
    path = csv(
        tmp_path,
        "owner,area,choice,units\nA,90,yes,1-101\nB,80,yes,1-102;1-101\nC,70,no,1-201\n",
    )
    with pytest.raises(BallotError) as info:
        read_owner_ballot(path, VotingMethod.SIGNATURE)
    assert f"{path}:3: units: unit already listed for owner 'A' at line 2 (got '1-101')" in str(
        info.value
    )


# -- numbers ---------------------------------------------------------------------------------
HUGE = ["1e30000000", "1e-30000000", "9" * 5000, "1" * 41, "nan", "inf", "-inf", "1/0", "0x10"]


@pytest.mark.parametrize("value", HUGE)
def test_an_area_that_is_no_number_is_refused(tmp_path: Path, value: str) -> None:
    path = csv(tmp_path, f"owner,area,choice\nA,90,yes\nB,{value},no\n")
    with pytest.raises(BallotError) as info:
        read_owner_ballot(path, VotingMethod.SIGNATURE)
    assert f"{path}:3: area: expected an area in m²" in str(info.value)
    assert len(str(info.value)) < 400  # the value is cut short in the message


@pytest.mark.parametrize("value", HUGE)
def test_a_score_that_is_no_number_is_refused(tmp_path: Path, value: str) -> None:
    path = csv(
        tmp_path, f"subject,item,value\nproperty_company,order and safety management,{value}\n"
    )
    evaluation = load_charter("yangxin-2022").evaluation
    assert evaluation is not None
    with pytest.raises(EvaluationError) as info:
        appraise(evaluation, read_scores(path))
    assert f"{path}:2: value: expected a number" in str(info.value)
    assert len(str(info.value)) < 400


def test_huge_numbers_fail_fast_from_the_command_line(tmp_path: Path) -> None:
    owners = csv(tmp_path, "owner,area,choice\nA,1e30000000,yes\nB,1e-30000000,no\n", "o.csv")
    scores = csv(
        tmp_path,
        "subject,item,value\nproperty_company,fee payment rate,1e30000000%\n"
        "property_company,order and safety management," + "9" * 5000 + "\n",
        "s.csv",
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for argv in (
        ["tally", "cn-national-baseline", "--matter", "owners_major", str(owners)],
        ["appraise", "yangxin-2022", str(scores)],
    ):
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from governance_rules.cli import main; sys.exit(main())",
                *argv,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            check=False,
        )
        assert done.returncode == 1, done.stderr
        assert "expected a" in done.stderr


# -- choices: one place for the words ---------------------------------------------------------
@pytest.mark.parametrize("word", sorted(CHOICE_WORDS))
def test_choice_and_the_ballot_files_read_the_same_words(tmp_path: Path, word: str) -> None:
    expected = CHOICE_WORDS[word]
    assert Choice(word) is expected
    assert Choice(f" {word.upper()} ") is expected
    assert Choice.parse(word) is expected
    path = csv(tmp_path, f"voter,body,choice\na,party_org,{word}\n")
    ballot = read_member_ballot(path, SHOW)
    counts = ballot.tallies["party_org"]
    assert getattr(counts, expected.value) == 1


@pytest.mark.parametrize("word", ["maybe", "", "是", "yess", 3, None])
def test_an_unknown_choice_is_a_ballot_error_everywhere(tmp_path: Path, word: object) -> None:
    with pytest.raises(BallotError, match="unknown choice") as info:
        Choice(word)
    assert "赞成" in str(info.value)  # the allowed words are listed
    if isinstance(word, str):
        path = csv(tmp_path, f"voter,body,choice\na,party_org,{word}\n")
        with pytest.raises(BallotError, match=rf"{path}:2: choice: unknown choice"):
            read_member_ballot(path, SHOW)


def test_the_chinese_words_cover_every_choice() -> None:
    chinese = {w: c for w, c in CHOICE_WORDS.items() if not w.isascii()}
    assert set(chinese.values()) == set(Choice)
    assert {
        chinese["赞成"],
        chinese["同意"],
        chinese["反对"],
        chinese["弃权"],
        chinese["缺席"],
    } == {
        Choice.YES,
        Choice.NO,
        Choice.ABSTAIN,
        Choice.ABSENT,
    }
