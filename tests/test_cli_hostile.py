"""Hostile input to ``govrules``: never a crash, a hang, a traceback or a rewritten terminal.

Every input here is refused with exit code 1 (2 for a usage error that click
reports) and a one-line message, or printed literally. Inputs that could hang
(reading ``/dev/zero``) run in a subprocess with a generous timeout.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from governance_rules.cli import main

LONG_ID = "x" * 300
HOSTILE = "[bold]bold[/bold] [/x] [link=https://example.invalid]link[/link] :smile:"
ESCAPES = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")

Argv = list[str] | Callable[[Path], list[str]]


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    import resource  # noqa: PLC0415

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def run_process(
    argv: list[str], stdout: object = subprocess.PIPE
) -> subprocess.CompletedProcess[str]:
    """Run ``govrules`` in a child process; reading without a bound dies at 2 GiB, not later."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "COLUMNS": "80"}
    env["OPENBLAS_NUM_THREADS"] = "1"
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "governance_rules.cli", *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        env=env,
        check=False,
        preexec_fn=_limit_memory,
    )


def assert_one_clear_line(err: str, message: str) -> None:
    assert "Traceback" not in err
    assert "internal error" not in err
    assert not ESCAPES.search(err.replace("\n", ""))
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert message in lines[0]
    assert len(lines[0]) < 400


def hostile_charter(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(
        f"""\
id: hostile-names
extends: yangxin-2022
title:
  zh: "恶意{HOSTILE}"
  en: "{HOSTILE} \\e[31mred\\e[0m \\x9b2J"
jurisdiction: {{zh: "[bold]某地", en: "[/x]somewhere"}}
version: "1"
summary: "[/x] \\e]8;;http://x\\e\\\\link\\e]8;;\\e\\\\ end"
meetings:
  regular:
    label: {{zh: "例会[/x]", en: "regular {HOSTILE} \\e[2J meeting\\nsecond line"}}
""",
        encoding="utf-8",
    )
    return path


def hostile_overrides(tmp_path: Path) -> Path:
    path = tmp_path / "ov.yaml"
    path.write_text(
        f"""\
name: "{HOSTILE}\\nsecond \\e[31mline"
closures:
  - date: 2026-04-20
    name: "[bold]closure[/x] \\e[5m\\u202eevil"
""",
        encoding="utf-8",
    )
    return path


def in_tmp(*parts: str) -> Callable[[Path], list[str]]:
    """argv with ``{tmp}`` replaced by the test's temporary directory."""
    return lambda tmp: [p.replace("{tmp}", str(tmp)) for p in parts]


REFUSED: list[tuple[Argv, str]] = [
    (["workdays", "0"], "outside the calendar's data"),
    (["workdays", "--", "-1"], "outside the calendar's data"),
    (["workdays", "10000"], "outside the calendar's data"),
    (["workdays", "99999999999999999999"], "outside the calendar's data"),
    (["calendar", "yangxin-2022", "--year", "0"], "outside the calendar's data"),
    (["calendar", "yangxin-2022", "--year", "-1"], "outside the calendar's data"),
    (["calendar", "yangxin-2022", "--year", "10000"], "outside the calendar's data"),
    (["calendar", "yangxin-2022", "--year", "9" * 30], "outside the calendar's data"),
    (["deadline", "2026-09-28", "999999999 months"], "the amount is too large"),
    (["deadline", "2026-09-28", "八千年"], "outside the calendar's data"),
    (["deadline", "2026-09-28", "7000 years", "--before"], "outside the calendar's data"),
    (["deadline", "2026-09-28", "99999 weeks"], "outside the calendar's data"),
    (["deadline", "2026-09-28", "9" * 5000 + " days"], "the amount is too large"),
    (["deadline", "2026-09-28", "十十十十日"], "not a well-formed Chinese numeral"),
    (["deadline", "2026-09-28", "百千日"], "not a well-formed Chinese numeral"),
    (["deadline", "2026-09-28", "一二三日"], "not a well-formed Chinese numeral"),
    (["deadline", "2026-09-28", f"3 {HOSTILE}"], "unknown unit"),
    (["deadline", "2026-09-28", "3 \x1b[2J\x9b days\n"], "not a period"),
    (["deadline", "2026-09-28", "3 days", "--overrides", "/nonexistent/\x1b[31m.yaml"], "cannot"),
    (["show", f"[/x]{HOSTILE}"], "cannot read the file"),  # it names a path
    (["show", "\x1b[31mevil\u202e"], "charter"),
    (["show", "two\nlines.yaml"], "cannot read the file"),
    (["workdays", "2026", "--overrides", "a\nb\x1b.yaml"], "cannot read the file"),
    (["calendar", "no-such\x1b[2J", "--year", "2026"], "charter"),
    (in_tmp("workdays", "2026", "--overrides", "{tmp}/binary"), "not UTF-8"),
]


@pytest.mark.parametrize(("argv", "message"), REFUSED, ids=lambda v: repr(v)[:40])
def test_refused_with_one_clear_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: Argv, message: str
) -> None:
    (tmp_path / "binary").write_bytes(b"name: \xff\xfe\x00")
    args = argv(tmp_path) if callable(argv) else argv
    code, out, err = run(capsys, args)
    assert code == 1, err
    assert out == ""
    assert_one_clear_line(err, message)


@pytest.mark.parametrize(
    "argv",
    [
        ["deadline", "\x1b[31m2026", "3 days"],
        ["workdays", "[/x]\x1b[2J"],
        ["list", "--format", "\x1b[2J[/x]"],
        ["workdays", "2026", "--overrides", "a\x00b"],
        ["deadline", "2026-09-28", "3 days", "--overrides", "\ud800"],
        ["validate", "\x00"],
        ["tally", "co-building-two-thirds", "--matter", "regular", "\ud800\x1b"],
        ["appraise", "yangxin-2022", "\x00\x1b[2J"],
    ],
    ids=["date", "year", "choice", "nul", "surrogate", "validate", "tally", "appraise"],
)
def test_usage_errors_are_shown_literally(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, argv)
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert "\x1b" not in err
    assert err.strip().splitlines()[-1].startswith("Error: ")


# Inputs that hang or crash without limits on what is read: run in a subprocess.
SLOW: list[tuple[Argv, str, str | None]] = [
    (["workdays", "2026", "--overrides", "/dev/zero"], "not a regular file", None),
    (["deadline", "2026-09-28", "3 days", "--overrides", "/dev/zero"], "not a regular file", None),
    (["validate", "/dev/zero"], "", None),
    (["show", "/dev/zero"], "", None),
    (["appraise", "yangxin-2022", "/dev/zero"], "not a regular file", None),
    (["tally", "yangxin-2022", "--matter", "regular", "/dev/zero"], "", None),
    (["show", LONG_ID], "no such charter", None),
    (["calendar", LONG_ID, "--year", "2026"], "no such charter", None),
    (["appraise", LONG_ID, "/dev/null"], "no such charter", None),
]


def _slow_params() -> list[object]:
    params: list[object] = []
    for argv, message, xfail in SLOW:
        marks = [pytest.mark.xfail(strict=False, reason=xfail)] if xfail else []
        params.append(pytest.param(argv, message, marks=marks, id=" ".join(argv)[:40]))
    return params


@pytest.mark.parametrize(("argv", "message"), _slow_params())
def test_refused_without_hanging(argv: list[str], message: str) -> None:
    result = run_process(argv)
    assert result.returncode == 1, result.stderr
    if argv[0] == "validate":  # validate lists problems on stdout, one a line, and a count
        assert "not a regular file" in result.stdout
        assert "Traceback" not in result.stderr
        return
    assert result.stdout == ""
    assert_one_clear_line(result.stderr, message)


def test_hostile_charter_is_printed_literally(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    charter = str(hostile_charter(tmp_path))
    for argv in (["show", charter], ["calendar", charter, "--year", "2026"]):
        code, out, err = run(capsys, argv)
        assert code == 0, err
        assert "\x1b" not in out
        assert "\x9b" not in out
        assert "[/x]" in out
        assert "\\x1b" in out  # shown, not obeyed
    code, out, _ = run(capsys, ["show", charter])
    assert HOSTILE in out
    monkeypatch.setenv("COLUMNS", "250")  # room for every column, nothing folded
    code, out, _ = run(capsys, ["calendar", charter, "--year", "2026", "--wide"])
    assert code == 0
    assert "[link=https://example.invalid]link[/link]" in out


def test_hostile_overrides_are_printed_literally(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # room for every column, nothing folded
    overrides = str(hostile_overrides(tmp_path))
    for argv in (
        ["workdays", "2026", "--overrides", overrides],
        ["workdays", "2026", "--overrides", overrides, "--wide"],
        ["deadline", "2026-04-17", "3 working days", "--overrides", overrides],
    ):
        code, out, err = run(capsys, argv)
        assert code == 0, err
        assert not ESCAPES.search(out.replace("\n", ""))
        assert "\u202e" not in out
        assert "[bold]closure[/x]" in out
        assert "\\x1b[5m" in out


def test_json_escapes_every_control_character(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    overrides = str(hostile_overrides(tmp_path))
    code, out, _ = run(capsys, ["workdays", "2026", "--overrides", overrides, "--format", "json"])
    assert code == 0
    assert not ESCAPES.search(out.replace("\n", ""))
    assert "\\u001b[5m" in out


def test_ics_of_hostile_names_is_valid(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    import icalendar  # noqa: PLC0415

    charter = str(hostile_charter(tmp_path))
    overrides = str(hostile_overrides(tmp_path))
    for argv in (
        ["workdays", "2026", "--overrides", overrides, "--format", "ics"],
        ["calendar", charter, "--year", "2026", "--format", "ics"],
    ):
        assert main(argv) == 0
        data = capsysbinary.readouterr().out
        assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", data)
        lines = data.split(b"\r\n")
        assert all(len(line) <= 75 for line in lines)  # folded (RFC 5545 §3.1)
        calendar = icalendar.Calendar.from_ical(data)
        assert calendar.walk("VEVENT")


def test_hostile_scores_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    scores = tmp_path / "scores.csv"
    scores.write_text(f"subject,item,value\n\x1b[31m{HOSTILE},x,1\n", encoding="utf-8")
    code, out, err = run(capsys, ["appraise", "yangxin-2022", str(scores)])
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert "\x1b" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["workdays", "2026"],
        ["workdays", "2026", "--format", "json"],
        ["workdays", "2026", "--format", "ics"],
        ["deadline", "2026-09-28", "3 days"],
        ["schema"],
    ],
    ids=" ".join,
)
def test_a_full_disk_is_an_error_not_a_bug(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = run_process(argv, stdout=full)
    assert result.returncode == 1
    assert_one_clear_line(result.stderr, "cannot write the output")


@pytest.mark.parametrize(
    "argv",
    [
        ["workdays", "2026", "--format", "json"],
        ["workdays", "2026"],
        ["workdays", "2026", "--format", "ics"],
        ["show", "yangxin-2022"],
    ],
    ids=" ".join,
)
def test_a_closed_pipe_ends_quietly(argv: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte, as with `| head -0`
    try:
        result = run_process(argv, stdout=write)
    finally:
        os.close(write)
    assert result.returncode in (0, 141)
    assert result.stderr == ""


def test_a_pipe_read_in_part_ends_quietly() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = f"{sys.executable} -m governance_rules.cli workdays 2026 --format json | head -1"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode in (0, 141)
    assert result.stdout == "{\n"
    assert result.stderr == ""


def test_validate_shows_hostile_paths_literally(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    charter = str(hostile_charter(tmp_path))
    code, out, err = run(capsys, ["validate", charter, "/nonexistent/\x1b[31m[/x].yaml"])
    assert code == 1
    assert f"{charter}: ok" in out
    assert "/nonexistent/\\x1b[31m[/x].yaml: cannot read the file" in out
    assert "\x1b" not in out + err
    assert err.strip() == "1 valid, 1 invalid"
