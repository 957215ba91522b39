"""The README's main job is a comparison of two bundled charters, and it runs."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from governance_rules.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_main_job_compares_two_bundled_charters(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    block = README.read_text(encoding="utf-8").split("```bash\n", 1)[1].split("```", 1)[0]
    first, second = block.strip().splitlines()
    assert second.endswith(".venv/bin/python -m pytest")  # the test command is unchanged
    job = first.rsplit("&& ", 1)[1]
    argv = shlex.split(job)
    assert argv[:2] == [".venv/bin/govrules", "compare"]
    monkeypatch.setenv("COLUMNS", "80")
    assert main(argv[1:]) == 0
    out = capsys.readouterr().out
    assert "The numbers that matter" in out
    assert "Rules that differ" in out
