"""govrules appraise on a charter that grades estates: text, JSON, both languages, bad files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from governance_rules.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "estate-indicators.csv"
HEADER = "estate,category,indicator,value\n"
ESCAPES = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_gives_exact_rates_and_verdicts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "appraise", "district-street-plans", str(EXAMPLE), "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert (data["charter"], data["grading"]) == ("district-street-plans", "estate_grading")
    estates = {e["estate"]: e for e in data["estates"]}
    assert list(estates) == ["East Court", "North Yard", "South Lane"]
    east = estates["East Court"]
    assert east["rates"]["satisfaction_rate"]["exact"] == "179/200"
    assert [(t["indicator"], t["met"]) for t in east["targets"]] == [
        ("fee_payment_rate", True), ("satisfaction_rate", False)]  # fmt: skip
    assert east["meets_targets"] is False
    assert east["band"] is None
    assert east["unmeasured"] == {"sanitation": "clean stairwells; bins emptied daily"}
    north = estates["North Yard"]
    assert north["meets_targets"] is True  # 85 % and 43/50 against the 85 % targets
    assert north["targets"][0]["threshold"] == ">= 17/20"
    south = estates["South Lane"]
    assert south["meets_targets"] is False  # 84.9 % misses, satisfaction not given
    assert south["targets"][1]["met"] is None


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["grading of managed estates", "fee-payment rate: 90% >= 90% met",
                "satisfaction rate: 89.5% >= 90% MISSED", "no grade", "all targets met",
                "fee-payment rate: 84.9% >= 85% MISSED", "satisfaction rate: no value"]),
        ("zh", ["物业小区分级评定", "缴费率：90% >= 90% 达标", "满意度：89.5% >= 90% 未达标",
                "未评等级", "全部达标", "已有物业的小区", "新实现物业化的小区",
                # the notes too (they were printed in English)
                "说明：sanitation：原文未给出衡量标准，仅列出，不作比较",
                "说明：satisfaction_rate 无数据：是否达标未定",
                "说明：等级评定仅适用于 already_managed"]),
    ],
)  # fmt: skip
def test_text_in_both_languages(
    capsys: pytest.CaptureFixture[str], lang: str, words: list[str]
) -> None:
    code, out, _ = run(capsys, "appraise", "district-street-plans", str(EXAMPLE), "--lang", lang)
    assert code == 0
    assert ("note:" in out) is (lang == "en")
    flat = " ".join(out.split())
    for word in words:
        assert " ".join(word.split()) in flat, word


def test_markup_and_controls_in_names_are_printed_literally(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "hostile.csv"
    path.write_text(
        HEADER
        + "[bold red]Evil[/] \x1b[2J,newly_managed,fee_payment_rate,85%\n"
        + "[link=https://example.invalid]x[/link],already_managed,sanitation,[/x] :smile:\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "appraise", "district-street-plans", str(path))
    assert code == 0
    assert "[bold red]Evil[/]" in out
    assert "[link=https://example.invalid]x[/link]" in out
    assert "[/x] :smile:" in out
    assert not ESCAPES.search(out.replace("\n", ""))


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("estate,category,value\nA,newly_managed,85%\n", "missing column(s) indicator"),
        ("subject,item,value\nowners_committee,x,1\n", "missing column(s) estate, category, indicator"),
        (HEADER + "A,newly_managed,fee_payment_rate,\n", ":2: value: empty"),
        (HEADER + "A,newly_managed,fee_payment_rate," + "9" * 10_000 + "\n",
         "a number longer than 40 characters"),
        (HEADER + "A,newly_managed,fee_payment_rate,1e100000000\n", "an exponent beyond"),
        (HEADER + "A,newly_managed,fee_payment_rate,86\n", "a rate lies between 0 and 100%"),
        (HEADER + "A,newly_managed,fee_payment_rate,85%,extra\n", "more values than columns"),
        (HEADER + "A,retired,fee_payment_rate,85%\n", ":2: category: unknown estate category"),
        ("", "missing column(s)"),
    ],
)  # fmt: skip
def test_bad_files_are_refused_with_their_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, fragment: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "appraise", "district-street-plans", str(path))
    assert code == 1
    assert out == ""
    assert fragment in err
    assert "Traceback" not in err
    assert len(err) < 2_000


def test_choosing_the_grading(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "appraise", "district-street-plans", str(EXAMPLE),
                       "--grading", "[b]nope[/b]")  # fmt: skip
    assert code == 1
    assert "unknown grading (got '[b]nope[/b]'); allowed: estate_grading" in err
    code, _, _ = run(capsys, "appraise", "district-street-plans", str(EXAMPLE),
                     "--grading", "estate_grading", "--format", "json")  # fmt: skip
    assert code == 0
    # a charter with an evaluation and no grading keeps the scores format
    code, _, err = run(capsys, "appraise", "yangxin-2022", str(EXAMPLE), "--grading", "x")
    assert code == 1
    assert "allowed: none: the charter grades nothing" in err
    code, _, err = run(capsys, "appraise", "estate-mechanisms", str(EXAMPLE))
    assert code == 1
    assert "the charter has no appraisal" in err


def test_a_device_is_refused_not_read(capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/zero").exists():  # pragma: no cover - not on this platform
        pytest.skip("no /dev/zero")
    code, out, err = run(capsys, "appraise", "district-street-plans", "/dev/zero")
    assert (code, out) == (1, "")
    assert "not a regular file" in err
