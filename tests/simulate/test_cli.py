"""govrules simulate: text and JSON output, errors as exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from governance_rules.cli import main


def test_text_output_compares_the_charters(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["simulate", "yangxin-2022", "model-charter-rc", "--communities", "2", "--seed", "1"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "yangxin-2022" in out
    assert "model-charter-rc" in out
    assert "issues reaching the street office" in out


def test_json_output_is_the_library_result(capsys: pytest.CaptureFixture[str]) -> None:
    from governance_rules import simulate  # noqa: PLC0415

    assert main(["simulate", "yangxin-2022", "--communities", "2", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == simulate(["yangxin-2022"], communities=2).to_dict()


def test_chinese_labels(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "yangxin-2022", "--communities", "1", "--lang", "zh"]) == 0
    assert "上报问题" in capsys.readouterr().out


def test_a_bad_load_file_is_exit_1_with_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "load.yaml"
    path.write_text("votes:\n  support: 7\n", "utf-8")
    assert main(["simulate", "yangxin-2022", "--load", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:2:12: votes.support" in err
