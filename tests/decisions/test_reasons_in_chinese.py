"""A decision's reasons read in Chinese: every reason decide() gives, for every rule kind.

The English text is what decide() has always returned (apps and stored meetings keep
it); `govrules tally --lang zh` prints each reason's Chinese form. No English word may
be left in the Chinese form: only body ids (with underscores), numbers and symbols.
"""

from __future__ import annotations

import re

import pytest

from governance_rules._charter.meetings import Quorum
from governance_rules._decisions import Ballot, BodyApprovals, DecisionResult, Vote, decide
from governance_rules._i18n import Note, note_text
from governance_rules.cli import main
from governance_rules.errors import GovernanceRulesError
from tests.decisions.test_rules import (
    ALL,
    BASELINE_MAJOR,
    SOURCE,
    A,
    N,
    X,
    Y,
    members,
    owners,
    spec,
    three_parties,
)

#: A plain English word: letters only (body ids such as owners_committee have underscores).
ENGLISH_WORD = re.compile(r"(?<![\w.])[A-Za-z]{2,}(?![\w.])")
#: The short body ids of the ballots below, which stay as given.
BODY_IDS = {"rc", "oc", "pc"}


def quorum(fraction: str, *, per_body: bool = False) -> Quorum:
    return Quorum.model_validate(
        {"present": {"fraction": fraction, "inclusive": True}, "per_body": per_body,
         "source": SOURCE}
    )  # fmt: skip


def results() -> list[DecisionResult]:
    """One result for each reason decide() can give."""
    per_body = Ballot.open({"a": 2, "b": 2}, [Vote("1", "a", Y), Vote("3", "b", Y)])
    return [
        decide(spec("consensus"), members(Y, A, X)),
        decide(spec("consensus"), members(Y, N)),
        decide(spec("consensus"), members(A, X)),
        decide(spec("unanimous"), members(Y, Y)),
        decide(spec("unanimous"), members(Y, X)),
        decide(spec("unanimous"), owners((10, Y), (20, Y))),
        decide(spec("unanimous"), owners((10, Y), (20, N))),
        decide(spec("majority_of_votes_cast"), members(Y, N, A, A)),  # a tie
        decide(spec("majority_of_votes_cast"), members(A, A)),  # no votes cast
        decide(
            spec("supermajority", "2/3", base=ALL, bodies=["rc", "oc"]), three_parties(Y, Y, N)
        ),
        decide(
            spec("supermajority", "2/3", base=ALL, veto_holders=["rc"]), three_parties(N, Y, Y)
        ),
        decide(
            spec("supermajority", "2/3", base=ALL, veto_holders=["rc"]), three_parties(Y, Y, N)
        ),
        decide(spec("veto", veto_holders=["rc"]), three_parties(Y, A, A)),
        decide(spec("veto", veto_holders=["rc"]), three_parties(A, A, A)),
        decide(spec("majority_of_votes_cast"), members(Y, Y, X, X), quorum=quorum("3/4")),
        decide(spec("consensus"), per_body, quorum=quorum("1/2", per_body=True)),
        decide(
            spec(
                "majority_of_all_members",
                "1/2",
                inclusive=False,
                bodies=["a", "b"],
                counted="each_body",
            ),
            per_body,
        ),
        decide(BASELINE_MAJOR, owners((100, Y), (50, N), (30, A), (20, X))),
        decide(BASELINE_MAJOR, owners((100, X), (50, X))),
        decide(
            spec("joint_approval", bodies=["rc", "oc", "pc"]),
            BodyApprovals.of(["rc", "oc", "pc"], {"rc": "yes", "oc": "no"}),
        ),
        decide(
            spec("joint_approval", bodies=["rc", "oc"]),
            BodyApprovals.of(["rc", "oc"], {"rc": "yes"}),
        ),
        decide(
            spec("joint_approval", bodies=["rc", "oc"]),
            BodyApprovals.of(["rc", "oc"], {"rc": "yes", "oc": "yes"}),
        ),
    ]


def test_every_reason_reads_in_chinese() -> None:
    keys = set()
    for result in results():
        for reason in result.reasons:
            assert isinstance(reason, Note), reason
            keys.add(reason.key)
            chinese = note_text(reason, "zh")
            assert not set(ENGLISH_WORD.findall(chinese)) - BODY_IDS, (reason, chinese)
            assert note_text(reason, "en") == reason
    # each kind of reason was met at least once (the test covers what it claims)
    assert len(keys) >= 20, sorted(keys)


def test_english_reasons_are_unchanged() -> None:
    """The text apps store and compare: exactly as before the reasons became notes."""
    found = [r for result in results() for r in result.reasons]
    for expected in [
        "no objection among the 2 present (1 yes, 1 abstaining): consensus",
        "1 objection(s): no consensus",
        "nobody agreed: no consensus",
        "1 of 2 members agree: not unanimous",
        "2 of 2 owners consent",
        "tie: 1 yes, 1 no",
        "no votes cast: nothing to count",
        "vetoed by rc",
        "no veto from rc",
        "quorum: 2 of 4 present = 1/2, needs >= 3/4: not met",
        "counted in each body: not met",
        "area taking part 180 of 200 m² = 9/10, needs >= 2/3: met",
        "oc refused",
        "refused by oc: not passed",
        "waiting for oc: not passed yet",
        "every body approved",
    ]:
        assert expected in found, expected


@pytest.mark.parametrize(
    ("matter", "file", "words"),
    [
        ("owners_major", "owners-major.csv",
         ["参与表决的业主 5 / 6 人 = 5/6，需要 >= 2/3：达到",
          "同意的业主 3 / 参与表决业主 5 人 = 3/5，需要 >= 3/4：未达到"]),
    ],
)  # fmt: skip
def test_tally_prints_reasons_in_chinese(
    capsys: pytest.CaptureFixture[str], matter: str, file: str, words: list[str]
) -> None:
    from pathlib import Path  # noqa: PLC0415

    examples = Path(__file__).resolve().parents[2] / "docs" / "examples"
    assert main(["tally", "cn-national-baseline", "--matter", matter, str(examples / file),
                 "--lang", "zh"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    for word in words:
        assert word in out
    assert "needs" not in out
    assert "taking part" not in out


def test_reasons_in_a_language() -> None:
    result = decide(spec("consensus"), members(Y, N))
    assert result.reasons_in("en") == ("1 objection(s): no consensus",)
    assert result.reasons_in("zh_CN.UTF-8") == ("1 人反对：未达成一致",)
    assert type(result.to_dict()["reasons"][0]) is str  # plain text in JSON-ready data
    with pytest.raises(GovernanceRulesError, match="unknown language"):
        result.reasons_in("fr")
