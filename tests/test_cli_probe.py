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
