"""How ``govrules`` reads: tables fit 80 columns, help ends with examples, data has JSON."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from rich.cells import cell_len

from governance_rules._charter import available_charters, load_charter
from governance_rules._i18n import text
from governance_rules._obligations import body_label
from governance_rules.cli import main
from governance_rules.cli._app import cli

WIDTH = 80
# the characters rich draws a table with, and the padding around cells
_FRAME = re.compile(r"[\s\u2500-\u257f]+")


def render(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 0
    return capsys.readouterr().out


def json_of(capsys: pytest.CaptureFixture[str], argv: list[str]) -> Any:
    return json.loads(render(capsys, [*argv, "--format", "json"]))


def assert_fits(out: str, words_of_cells: list[str]) -> None:
    """No line is wider than 80 cells, nothing is cut short, no word is broken."""
    assert max(cell_len(line) for line in out.splitlines()) <= WIDTH, out
    assert "…" not in out
    shown = set(_FRAME.split(out))
    for words in words_of_cells:
        for word in words.split():
            assert word in shown, f"{word!r} is broken across lines:\n{out}"


@pytest.fixture(autouse=True)
def _eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(WIDTH))


def test_list_fits(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    rows = json_of(capsys, ["list"])
    out = render(capsys, ["list"])
    assert_fits(out, [f"{r['id']} {r['status']} {r['title_en']}" for r in rows])
    assert "origin" not in out  # the default view leaves columns to --wide
    out = render(capsys, ["list", "--lang", "zh"])
    assert_fits(out, [f"{r['id']} {r['status']}" for r in rows])
    assert rows[0]["title_zh"][:4] in out
    wide = render(capsys, ["list", "--wide"])
    assert max(cell_len(line) for line in wide.splitlines()) <= WIDTH
    monkeypatch.setenv("COLUMNS", "250")
    wide = render(capsys, ["list", "--wide"])
    assert "origin" in wide
    assert "sources" in wide


@pytest.mark.parametrize("year", [2026, 2025])
def test_workdays_fits(capsys: pytest.CaptureFixture[str], year: int) -> None:
    data = json_of(capsys, ["workdays", str(year)])
    out = render(capsys, ["workdays", str(year)])
    days = [*data["days_off"], *data["makeup_workdays"]]
    assert_fits(
        out,
        [
            f"{d['date']} {d['weekday'][:3]} {text('kind.' + d['kind'])} {d['name'] or ''}"
            for d in days
        ],
    )
    wide = render(capsys, ["workdays", str(year), "--wide"])
    assert max(cell_len(line) for line in wide.splitlines()) <= WIDTH
    assert "名称" in wide


@pytest.mark.parametrize("charter", sorted(available_charters()))
def test_calendar_fits(capsys: pytest.CaptureFixture[str], charter: str) -> None:
    data = json_of(capsys, ["calendar", charter, "--year", "2026"])
    out = render(capsys, ["calendar", charter, "--year", "2026"])
    ch = load_charter(charter)
    words = [
        f"{text('duty_kind.' + i['kind'])} {i['title']} {' '.join(body_label(ch, b) for b in i['responsible'])}"
        for i in data["items"]
    ]
    assert_fits(out, words)
    wide = render(capsys, ["calendar", charter, "--year", "2026", "--wide"])
    assert max(cell_len(line) for line in wide.splitlines()) <= WIDTH


@pytest.mark.parametrize("argv", [["deadline", "2026-09-23", "8 days"], ["show", "yangxin-2022"]])
def test_no_line_is_wider_than_the_terminal_needs(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    out = render(capsys, argv)
    assert "…" not in out  # lines are not cut; the terminal wraps long prose


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_help_ends_with_examples(capsys: pytest.CaptureFixture[str], command: str) -> None:
    out = render(capsys, [command, "--help"])
    last = out.rstrip().split("\n\n")[-1].strip()
    assert last.startswith("Examples:")
    assert f"govrules {command}" in last


def test_group_help_ends_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    out = render(capsys, ["--help"])
    assert out.rstrip().split("\n\n")[-1].strip().startswith("Examples:")


DATA_COMMANDS = [
    "appraise",
    "calendar",
    "deadline",
    "list",
    "show",
    "tally",
    "validate",
    "workdays",
]


@pytest.mark.parametrize("command", DATA_COMMANDS)
def test_data_commands_have_json(capsys: pytest.CaptureFixture[str], command: str) -> None:
    out = render(capsys, [command, "--help"])
    assert re.search(r"--format \[[a-z|]*json", out), out
