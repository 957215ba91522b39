"""``govrules check``: text and JSON, a file path or an id, exit 1 on a violation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from governance_rules.cli import main
from governance_rules.testing import Step

ROOT = Path(__file__).resolve().parents[2]


def test_a_charter_that_keeps_the_invariants_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "yangxin-2022", "--examples", "2", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert out == "yangxin-2022: ok (21 invariants, 2 examples, seed 3)\n"


def test_a_violation_exits_1_with_rules_and_example(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(ROOT / "rulesets" / "rc-half-yearly.yaml")
    assert main(["check", path, "--examples", "5"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("rc-half-yearly: 1 violation(s)")
    assert "roles_held_by_members" in out
    assert "[roles.party_liaison, bodies.party_org]" in out


def test_json_lists_every_charter(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "rc-half-yearly", "yangxin-2022", "--examples", "0",
                 "--format", "json"]) == 1  # fmt: skip
    reports = json.loads(capsys.readouterr().out)
    assert [r["charter"] for r in reports] == ["rc-half-yearly", "yangxin-2022"]
    assert [r["ok"] for r in reports] == [False, True]
    violation = reports[0]["violations"][0]
    assert violation["invariant"] == "roles_held_by_members"
    assert violation["rules"] == ["roles.party_liaison", "bodies.party_org"]
    assert reports[1]["notes"] == ["engine runs not sampled (0 examples)"]


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["check", "no-such-charter"], 1),
        (["check", "yangxin-2022", "--examples", "-1"], 1),  # bad input, as in simulate
        (["check"], 2),
    ],
)
def test_bad_input_is_an_error_not_a_bug(
    capsys: pytest.CaptureFixture[str], argv: list[str], code: int
) -> None:
    assert main(argv) == code
    assert capsys.readouterr().err


def test_a_scenario_step_names_its_trigger() -> None:
    assert Step("command", trigger="hold").trigger == "hold"


def test_without_hypothesis_only_the_engine_runs_need_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys  # noqa: PLC0415

    monkeypatch.setitem(sys.modules, "governance_rules.testing.search", None)
    assert main(["check", "yangxin-2022", "--examples", "0"]) == 0
    assert main(["check", "yangxin-2022", "--examples", "3"]) == 1
    err = capsys.readouterr().err
    assert "need hypothesis" in err
    assert "pip install governance-rules[testing]" in err


def test_the_kit_does_not_import_hypothesis() -> None:
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    code = "import sys, governance_rules.testing; print('hypothesis' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT / "src")}, timeout=120, check=True)  # fmt: skip
    assert done.stdout.strip() == "False"


#: model-charter-rc with a competing reading of its decision rule that no meeting can meet
#: ("more than all members"): the default passes the invariants, the reading does not.
IMPOSSIBLE_READING = """\
id: impossible-reading
title: {zh: 示例, en: Example}
jurisdiction: {zh: 示例, en: Example}
extends: model-charter-rc
documents:
  loc: {kind: law, heading: 示例细则}
readings:
  threshold:
    rule: meetings.regular.decision
    default: as_written
    options:
      as_written:
        label: as written
        source: {doc: loc, article: 第一条, summary: the threshold as the charter states it}
        note: the default
      impossible:
        label: more than all members
        source: {doc: loc, article: 第一条, summary: read as more than all members}
        note: a reading no meeting can meet
        changes:
          meetings:
            regular:
              decision:
                threshold: {fraction: 1, inclusive: false}
"""


def test_a_competing_reading_is_checked_as_id_at_point_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "impossible.yaml"
    path.write_text(IMPOSSIBLE_READING, encoding="utf-8")
    assert main(["check", str(path), "--examples", "0"]) == 0
    assert capsys.readouterr().out.startswith("impossible-reading: ok")
    assert main(["check", f"{path}@threshold=impossible", "--examples", "0",
                 "--format", "json"]) == 1  # fmt: skip
    (report,) = json.loads(capsys.readouterr().out)
    assert report["charter"] == "impossible-reading@threshold=impossible"
    assert "decision_rules_can_pass" in {v["invariant"] for v in report["violations"]}


def test_a_reading_that_does_not_exist_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "yangxin-2022@nope=x", "--examples", "0"]) == 1
    assert "no such reading point (got 'nope')" in capsys.readouterr().err


def test_a_charter_that_does_not_load_leaves_the_others_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``govrules check rulesets/*.yaml`` in a charter repository's CI: one broken file
    stopped the run (text) or left no report at all (json)."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    assert main(["check", str(broken), "yangxin-2022", "--examples", "0"]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("yangxin-2022: ok (")
    assert err.startswith("error: ")
    assert "broken.yaml" in err
    assert main(["check", str(broken), "yangxin-2022", "--examples", "0",
                 "--format", "json"]) == 1  # fmt: skip
    reports = json.loads(capsys.readouterr().out)
    assert [(r["charter"], r["ok"]) for r in reports] == [(str(broken), False),
                                                          ("yangxin-2022", True)]  # fmt: skip
    assert "broken.yaml" in reports[0]["error"]
    assert "error" not in reports[1]
