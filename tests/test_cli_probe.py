"""What a probe of the installed CLI found, one regression test per finding.

Every file the tests write is under pytest's ``tmp_path``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from governance_rules.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# -- a directory where a file is read: exit 1 with what is allowed, in every command ---------
@pytest.mark.parametrize(
    "argv",
    [
        ["tally", "cn-national-baseline", "--matter", "owners_major", "DIR"],
        ["appraise", "yangxin-2022", "DIR"],
        ["workdays", "2026", "--overrides", "DIR"],
        ["deadline", "2026-09-28", "3 working days", "--overrides", "DIR"],
        ["calendar", "yangxin-2022", "--year", "2026", "--overrides", "DIR"],
    ],
    ids=["tally", "appraise", "workdays", "deadline", "calendar"],
)
def test_a_directory_given_as_a_file_is_refused_as_for_a_charter(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]
) -> None:
    """These exited 2 with click's "File '…' is a directory." and no allowed value, while
    `show DIR`, `simulate --load DIR` and `report --simulation DIR` exit 1 naming it."""
    (tmp_path / "inputs").mkdir()
    argv = [str(tmp_path / "inputs") if a == "DIR" else a for a in argv]
    code, out, err = run(capsys, argv)
    assert (code, out) == (1, "")
    assert f"{tmp_path / 'inputs'}: a directory, not a file; allowed: a regular file" in err
    assert len(err.strip().splitlines()) == 1


# -- show: a line break in a charter's prose cannot forge a line of the summary -------------
def test_show_indents_the_lines_of_multi_line_prose(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A summary or jurisdiction with line breaks printed its later lines at the margin, so a
    charter could print a heading of its own ("Bodies", a rule path) anywhere in `show`."""
    charter = tmp_path / "forged.yaml"
    charter.write_text(
        """\
id: forged
extends: yangxin-2022
title: {zh: 伪造, en: forged}
jurisdiction: {zh: 某地, en: "somewhere\\nBodies"}
meetings:
  regular:
    notice:
      lead: 3 working days
      source: {doc: yx, article: A, summary: "ahead\\n  meetings.regular.decision\\nforged"}
""",
        encoding="utf-8",
    )
    code, out, err = run(capsys, ["show", str(charter), "--lang", "en"])
    assert code == 0, err
    lines = out.splitlines()
    assert lines.count("Bodies") == 1  # the real heading only
    assert "forged" not in lines
    assert lines.count("  meetings.regular.decision") == 1  # its own entry only
    assert "    Bodies" in lines  # under "  jurisdiction: somewhere"
    summary = next(i for i, line in enumerate(lines) if line.endswith("      ahead"))
    assert lines[summary + 1 : summary + 3] == [
        "          meetings.regular.decision",
        "        forged",
    ]


# -- check: numbers out of range are bad input (exit 1), as in simulate ----------------------
@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--examples", "-1", "examples: the number of examples is out of range (got -1)"),
        ("--examples", str(10**100), "examples: the number of examples is out of range"),
        ("--seed", "-1", "seed: the seed is out of range (got -1); allowed: a whole number"),
        ("--seed", str(2**32), "seed: the seed is out of range (got 4294967296)"),
    ],
)
def test_check_refuses_numbers_out_of_range_as_bad_input(
    capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    """`check --seed -1` was a usage error (exit 2, click's "is not in the range
    0<=x<=4294967295"), while `simulate --seed -1` is bad input (exit 1) saying where, what
    and what is allowed; the library's own check of check_charter now answers."""
    argv = ["check", "yangxin-2022", "--examples", "0", option, value]
    code, out, err = run(capsys, argv)
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {message}")
    assert len(err.strip().splitlines()) == 1
