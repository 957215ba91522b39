"""govrules tally and govrules appraise, on the documented example files."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from governance_rules.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_tally_owners_json(capsys: pytest.CaptureFixture[str]) -> None:
    ballots = str(EXAMPLES / "owners-major.csv")
    code, out, _ = run(capsys, "tally", "cn-national-baseline", "--matter", "owners_major",
                       ballots, "--format", "json")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert data["passed"] is False
    assert data["counts"] == {"yes": 3, "no": 1, "abstain": 1, "absent": 1}
    assert data["shares"]["yes owners"] == "3/5"
    code, out, _ = run(capsys, "tally", "cn-national-baseline", "--matter", "owners_ordinary",
                       ballots, "--format", "json")  # fmt: skip
    assert json.loads(out)["passed"] is True


def test_tally_members_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    charter = tmp_path / "c.yaml"
    charter.write_text(
        "id: c\nextends: cn-national-baseline\ntitle: C\njurisdiction: C\n"
        "documents: {s: {file: 000_3a5c8b07dfb4019a.txt, heading: H}}\n"
        "meetings:\n  regular:\n    kind: regular\n"
        "    decision: {kind: supermajority, threshold: {fraction: 2/3, inclusive: true},"
        " base: all_members, source: {doc: s, summary: two-thirds of members}}\n"
        "    source: {doc: s, summary: the regular meeting}\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "tally", str(charter), "--matter", "regular",
                       str(EXAMPLES / "joint-meeting-votes.csv"))  # fmt: skip
    assert code == 0
    assert out.startswith("regular: PASSED (supermajority, show_of_hands)")
    assert "yes 2 of 3 all members = 2/3, needs >= 2/3: met" in out
    code, out, _ = run(capsys, "tally", str(charter), "--matter", "regular", "--method",
                       "secret_ballot", str(EXAMPLES / "joint-meeting-votes.csv"), "--format",
                       "json")  # fmt: skip
    assert code == 0
    assert "rc-director" not in out  # a secret ballot never names voters
    assert json.loads(out)["method"] == "secret_ballot"


def test_tally_reports_every_bad_row(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("owner,area,choice\nA,90,yes\nB,-3,yes\nA,80,no\nC,abc,maybe\nD,70,no\n")
    code, _, err = run(capsys, "tally", "cn-national-baseline", "--matter", "owners_major",
                       str(bad))  # fmt: skip
    assert code == 1
    assert "3 bad row(s)" in err
    assert f"{bad}:3: area: must be positive" in err
    assert f"{bad}:4: owner: on the roll twice" in err
    assert f"{bad}:5: area: expected an area" in err


def test_tally_unknown_matter_and_missing_columns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "tally", "cn-national-baseline", "--matter", "lunch",
                       str(EXAMPLES / "owners-major.csv"))  # fmt: skip
    assert code == 1
    assert "allowed: owners_ordinary, owners_major" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("who,what\nA,yes\n")
    code, _, err = run(capsys, "tally", "cn-national-baseline", "--matter", "owners_major",
                       str(bad))  # fmt: skip
    assert code == 1
    assert "missing column(s) owner, area, choice" in err


def test_appraise(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    scores = str(EXAMPLES / "appraisal-scores.csv")
    code, out, _ = run(capsys, "appraise", "yangxin-2022", scores, "--format", "json")
    assert code == 0
    data = json.loads(out)["subjects"]
    assert data["property_company"]["total"]["exact"] == "169/2"  # (79 + 90) / 2
    assert data["owners_committee"]["total"]["exact"] == "79"
    assert data["residents_committee"]["total"] is None
    code, out, _ = run(capsys, "appraise", "yangxin-2022", scores, "--missing", "zero",
                       "--format", "json")  # fmt: skip
    assert json.loads(out)["subjects"]["owners_committee"]["total"]["exact"] == "79/2"
    bad = tmp_path / "bad.csv"
    bad.write_text("subject,item,value\nstreet_office,x,1\nowners_committee,,3\n")
    code, _, err = run(capsys, "appraise", "yangxin-2022", str(bad))
    assert code == 1
    assert f"{bad}:3: item: empty" in err
    bad.write_text("subject,item,value\nstreet_office,x,1\n")
    code, _, err = run(capsys, "appraise", "yangxin-2022", str(bad))
    assert code == 1
    assert f"{bad}:2: subject: not a subject of this appraisal" in err


def test_bad_rows_are_listed_one_a_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ballots = tmp_path / "stuffed.csv"
    ballots.write_text("voter,body,choice\nh1,hackers,yes\nh2,hackers,yes\n", encoding="utf-8")
    code = main(["tally", "co-building-two-thirds", "--matter", "regular", str(ballots)])
    err = capsys.readouterr().err
    assert code == 1
    lines = err.strip().splitlines()
    assert lines[0] == f"error: 2 bad row(s) in {ballots}:"
    assert lines[1].startswith(f"  {ballots}:2: body: not entitled to vote")
    assert "\\x0a" not in err


@pytest.mark.parametrize(
    ("rows", "passed", "approvals", "last"),
    [
        ("residents_committee,yes\nowners_committee,同意\n", True,
         {"residents_committee": "yes", "owners_committee": "yes"}, "every body approved"),
        ("residents_committee,yes\nowners_committee,no\n", False,
         {"residents_committee": "yes", "owners_committee": "no"},
         "refused by owners_committee: not passed"),
        ("residents_committee,yes\n", False,
         {"residents_committee": "yes", "owners_committee": "none"},
         "waiting for owners_committee: not passed yet"),
    ],
)  # fmt: skip
def test_tally_joint_approval_json(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    rows: str,
    passed: bool,
    approvals: dict[str, str],
    last: str,
) -> None:
    path = tmp_path / "approvals.csv"
    path.write_text("body,approval\n" + rows, encoding="utf-8")
    code, out, _ = run(capsys, "tally", "rc-half-yearly", "--matter", "company_entry",
                       str(path), "--format", "json")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert data["kind"] == "joint_approval"
    assert data["passed"] is passed
    assert data["approvals"] == approvals
    assert data["reasons"][-1] == last


def test_tally_joint_approval_text_and_unknown_body(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "approvals.csv"
    path.write_text("body,approval\nresidents_committee,yes\nowners_committee,no\n",
                    encoding="utf-8")  # fmt: skip
    code, out, _ = run(capsys, "tally", "rc-half-yearly", "--matter", "company_entry", str(path))
    assert code == 0
    assert out.startswith("company_entry: FAILED (joint_approval, signature)")
    assert "bodies approving 1, refusing 1, with no answer 0" in out
    path.write_text("body,approval\nproperty_company,yes\n", encoding="utf-8")
    code, _, err = run(capsys, "tally", "rc-half-yearly", "--matter", "company_entry", str(path))
    assert code == 1
    assert (
        "approvals.csv:2: body: not one of the approving bodies (got 'property_company'); "
        "allowed: residents_committee, owners_committee"
    ) in err.replace("\n", "")


def _help_examples(command: str) -> list[list[str]]:
    """The example command lines at the end of ``govrules COMMAND --help`` (joined at ``\\``)."""
    from click.testing import CliRunner  # noqa: PLC0415 - only this test renders help

    from governance_rules.cli._app import cli  # noqa: PLC0415

    shown = CliRunner().invoke(cli, [command, "--help"], terminal_width=80).output
    assert [line for line in shown.splitlines() if len(line) > 80] == []
    lines = shown.split("Examples", 1)[1].splitlines()[1:]
    joined = " ".join(line.strip() for line in lines).replace("\\ ", "")
    return [c.split()[1:] for c in ("govrules " + p for p in joined.split("govrules ")[1:])]


@pytest.mark.parametrize("command", ["tally", "appraise"])
def test_every_help_example_runs_on_the_example_files(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the party-building-5x example decided a meeting whose charter states no rule
    monkeypatch.chdir(EXAMPLES)
    examples = _help_examples(command)
    assert len(examples) >= 3
    for argv in examples:
        code, out, err = run(capsys, *argv)
        assert (code, err) == (0, ""), argv
        assert out


def test_tally_takes_a_competing_reading_of_the_decision_rule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # co-building-two-thirds keeps two readings of its decision clause; the clerk
    # could tally only the default one before
    votes = str(EXAMPLES / "co-building-votes.csv")
    argv = ["tally", "co-building-two-thirds", "--matter", "regular", votes]
    code, out, _ = run(capsys, *argv)
    assert (code, out.splitlines()[0]) == (0, "regular: PASSED (supermajority, show_of_hands)")
    code, out, _ = run(capsys, *argv, "--reading", "decision=one_vote_veto", "--format", "json")
    data = json.loads(out)
    assert (code, data["kind"], data["passed"]) == (0, "veto", False)
    assert data["reasons"] == ["vetoed by property_company"]
    assert data["readings"] == {"decision": "one_vote_veto"}
    code, _, err = run(capsys, *argv, "--reading", "decision=maybe")
    assert code == 1
    assert "readings.decision: no such reading (got 'maybe'); allowed: two_thirds" in err


def test_json_output_escapes_what_would_reorder_or_break_the_terminal_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # an estate's name is the file's text: its ESC was escaped, its bidi override was not
    hostile = "[bold]E\x1b[2J\u202e\u2028\u2066x"
    path = tmp_path / "estates.csv"
    path.write_text(
        f'estate,category,indicator,value\n"{hostile}",already_managed,fee_payment_rate,90%\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "appraise", "district-street-plans", str(path), "--format", "json")
    assert code == 0
    assert "\\u001b" in out
    assert "\\u202e\\u2028\\u2066" in out
    assert not {"\x1b", "\u202e", "\u2028", "\u2066"} & set(out)
    assert json.loads(out)["estates"][0]["estate"] == hostile  # the value is unchanged


def test_appraise_on_a_charter_without_an_appraisal_says_which_would_do(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "appraise", "cn-national-baseline",
                       str(EXAMPLES / "appraisal-scores.csv"))  # fmt: skip
    assert code == 1
    assert err.startswith("error: cn-national-baseline: the charter has no appraisal; allowed: ")
    assert "yangxin-2022" in err


def test_tally_of_a_matter_without_a_rule_names_it_and_the_matters_with_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 'decision.kind: ... (got 'unspecified')' said neither which charter nor which matter
    votes = str(EXAMPLES / "joint-meeting-votes.csv")
    code, out, err = run(capsys, "tally", "pm-joint-quarterly", "--matter", "regular", votes)
    assert (code, out) == (1, "")
    assert err.startswith(
        "error: pm-joint-quarterly: regular: decision.kind: the charter states no decision "
        "rule for this matter: nothing can be counted, the meeting declares its outcome "
        "(got 'unspecified'); allowed: owners_ordinary, owners_major, "
    )
    assert "regular" not in err.split("allowed: ")[1]


def test_tally_owners_json_gives_the_areas_exactly(capsys: pytest.CaptureFixture[str]) -> None:
    # the areas were only in the reasons' prose; an app had to parse them back
    code, out, _ = run(capsys, "tally", "cn-national-baseline", "--matter", "owners_major",
                       str(EXAMPLES / "owners-major.csv"), "--format", "json")  # fmt: skip
    assert code == 0
    areas = json.loads(out)["areas"]
    assert areas == {"yes": "284.87", "no": "89.57", "abstain": "102.4", "absent": "66"}
    assert sum(Fraction(v) for v in areas.values()) == Fraction("542.84")


def test_json_reasons_and_notes_follow_lang_as_the_text_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--format json --lang zh`` gives the reasons and notes in Chinese, as ``deadline``
    gives its explanation (they were English whatever ``--lang`` said); keys and values
    stay as they are, and English is still the default."""
    votes = str(EXAMPLES / "co-building-votes.csv")
    args = ["tally", "co-building-two-thirds", votes, "--matter", "regular", "--format", "json"]
    assert main([*args, "--lang", "zh"]) == 0
    zh = json.loads(capsys.readouterr().out)
    assert main([*args, "--lang", "en"]) == 0
    en = json.loads(capsys.readouterr().out)
    assert zh["reasons"] == ["赞成 3 / 投票数 4 = 3/4，需要 >= 2/3：达到"]
    assert en["reasons"] == ["yes 3 of 4 votes cast = 3/4, needs >= 2/3: met"]
    assert {k: v for k, v in zh.items() if k != "reasons"} == {
        k: v for k, v in en.items() if k != "reasons"
    }
    estates = str(EXAMPLES / "estate-indicators.csv")
    for charter in ("district-street-plans", "yangxin-2022"):
        files = (
            estates
            if charter == "district-street-plans"
            else str(EXAMPLES / "appraisal-scores.csv")
        )
        assert main(["appraise", charter, files, "--format", "json", "--lang", "zh"]) == 0
        shown = capsys.readouterr().out
        assert main(["appraise", charter, files, "--format", "json", "--lang", "en"]) == 0
        english = capsys.readouterr().out
        assert shown != english
        assert json.loads(shown).keys() == json.loads(english).keys()
