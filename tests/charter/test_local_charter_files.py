"""A community's own charter file that extends a bundled one, as a user writes it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from governance_rules import load_charter
from governance_rules._charter import problems_in
from governance_rules.cli import main
from governance_rules.errors import CharterValidationError

LOCAL = """\
id: our-estate
extends: yangxin-2022
title: {zh: 本小区联席会议制度, en: Our estate's joint meeting}
jurisdiction: {zh: 某小区, en: one estate}
version: "2026"
"""


def test_a_local_charter_extending_a_bundled_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "our-estate.yaml"
    path.write_text(LOCAL, encoding="utf-8")
    assert load_charter(path).extends == "yangxin-2022"
    assert main(["calendar", str(path), "--year", "2026", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["charter"] == "our-estate"
    assert data["items"]


def test_metadata_missing_from_the_local_file_is_located_in_it(tmp_path: Path) -> None:
    # `jurisdiction` is never inherited: the problem is the local file's, not the
    # bundled parent's (whose own `jurisdiction` line it used to name)
    path = tmp_path / "our-estate.yaml"
    path.write_text(LOCAL.replace("jurisdiction: {zh: 某小区, en: one estate}\n", ""), "utf-8")
    problems = problems_in(path)
    assert [(p.path, p.file) for p in problems] == [("jurisdiction", str(path))]
    assert "extends never inherits it" in problems[0].message
    with pytest.raises(CharterValidationError, match=r"our-estate\.yaml:1:1: jurisdiction"):
        load_charter(path)


def test_the_cli_names_the_local_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "our-estate.yaml"
    path.write_text(LOCAL.replace('version: "2026"\n', "").replace("title:", "titel:"), "utf-8")
    assert main(["show", str(path)]) == 1
    err = capsys.readouterr().err
    assert "rulesets/" not in err
    assert "yangxin-2022.yaml" not in err
    assert "our-estate.yaml" in err
    assert "title: required key missing" in err


def test_line_separators_in_a_title_stay_on_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "our-estate.yaml"
    title = (
        'title: {zh: "本小区\u2028联席会议", en: "Our estate\u2029\u202ejoint [bold]meeting"}\n'
    )
    path.write_text(LOCAL.replace(LOCAL.splitlines()[2] + "\n", title), "utf-8")
    assert main(["show", str(path), "--lang", "en"]) == 0
    first = capsys.readouterr().out.splitlines()[0]  # str.splitlines breaks at U+2029
    assert first.endswith("Our estate\\u2029\\u202ejoint [bold]meeting")


def test_changing_an_inherited_window_kind_is_guided_to_a_charter_that_loads(
    tmp_path: Path,
) -> None:
    """yangxin-2022's window is last_week with a reading, and a competing reading point
    rewrites it: a local file moving its meetings to whole months is told, step by
    step, what else to drop."""
    path = tmp_path / "our-estate.yaml"
    window = "meetings:\n  regular:\n    window: {kind: whole_months, months: [2, 8]"
    path.write_text(LOCAL + window + "}\n", encoding="utf-8")
    [problem] = problems_in(path)
    assert problem.file == str(path)
    assert "'reading' belongs to kind last_week" in problem.message
    assert "changes an inherited kind removes it with null" in problem.message
    path.write_text(LOCAL + window + ", reading: null}\n", encoding="utf-8")
    [problem] = problems_in(path)
    assert "(reading meeting_window=calendar_week, of a rule our-estate.yaml changes: " in (
        problem.message
    )
    assert "drop it there with readings.meeting_window: null" in problem.message
    path.write_text(
        LOCAL + window + ", reading: null}\nreadings:\n  meeting_window: null\n", "utf-8"
    )
    assert problems_in(path) == []
    assert load_charter(path).meetings["regular"].window.months == (2, 8)


def test_a_problem_the_local_file_causes_in_an_inherited_rule_names_the_local_file(
    tmp_path: Path,
) -> None:
    """The local file renames the residents' committee's posts: the bundled rules that
    name the old post are wrong now, and are reported where they are written (the
    bundled file), saying that the local file inherits them and what to check."""
    path = tmp_path / "our-estate.yaml"
    path.write_text(
        LOCAL + "documents:\n  ours: {kind: guide, file: ours, heading: Ours}\n"
        "bodies:\n  residents_committee:\n    positions: [director]\n",
        encoding="utf-8",
    )
    with pytest.raises(CharterValidationError) as info:
        load_charter(path)
    problems = info.value.problems
    assert {p.path for p in problems} == {"roles.office_head.position",
                                          "issues.routine.ladder[0].position"}  # fmt: skip
    for problem in problems:
        assert problem.file is not None
        assert problem.file.endswith("yangxin-2022.yaml")
        assert "has no position 'environment_and_property_member'" in problem.message
        assert problem.message.endswith(
            "(a rule our-estate.yaml inherits: check what our-estate.yaml changes that it "
            "refers to)"
        )
