"""``govrules compare``: every format, 80 columns, and hostile input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.cells import cell_len

from governance_rules.cli import main
from tests.test_cli_layout import assert_fits

FROM = ["--from", "2026-09-28"]
PAIR = ["compare", "yangxin-2022", "model-charter-rc", *FROM]


def run(capsys: pytest.CaptureFixture[str], argv: list[str], code: int = 0) -> tuple[str, str]:
    assert main(argv) == code
    captured = capsys.readouterr()
    return captured.out, captured.err


@pytest.fixture(autouse=True)
def _eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


_BOX = "┏┃┡│├└┗┓┩┤┘┛"


def assert_uncropped(out: str) -> None:
    """Every table line ends with the table's right border: rich cropped nothing."""
    for line in out.splitlines():
        if line[:1] in _BOX:
            assert line.rstrip()[-1] in _BOX, line


@pytest.mark.parametrize(
    "charters",
    [
        ["co-building-two-thirds"],
        ["yangxin-2022", "model-charter-rc", "pm-liaison-bimonthly"],
        ["yangxin-2022", "model-charter-rc", "pm-liaison-bimonthly", "party-building-5x"],
    ],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_long_labels_and_many_charters_fit(
    capsys: pytest.CaptureFixture[str], charters: list[str], lang: str
) -> None:
    out, _ = run(capsys, ["compare", *charters, *FROM, "--lang", lang])
    assert_uncropped(out)
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    for name in charters:
        for part in name.split("-"):
            assert part in out


def test_text_reads_at_80_columns(capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = run(capsys, PAIR)
    assert_uncropped(out)
    # no line over 80 cells, nothing cut short, no word of an id, a figure or a verdict split
    assert_fits(
        out,
        [
            "yangxin-2022 model-charter-rc looser only here",
            "regular_meetings_per_year meetings.regular.per_year",
        ],
    )
    assert "The numbers that matter" in out
    assert "regular_meetings_per_year" in out  # a figure's name is never split
    assert "▼ looser" in out  # 4 regular meetings a year against 6
    assert "《社区物业联席会议制度范本》" in out.replace("\n", "").replace("│", "").replace(
        " ", ""
    )
    assert "Competing readings" in out
    assert "* more_than_half (in force)" in out
    assert "issue: yangxin-2022 / model-charter-rc" in out
    three, _ = run(capsys, ["compare", "yangxin-2022", "model-charter-rc", "pm-liaison-bimonthly",
                            *FROM, "--all"])  # fmt: skip
    assert max(cell_len(line) for line in three.splitlines()) <= 80
    assert "Every rule" in three
    zh, _ = run(capsys, [*PAIR, "--lang", "zh"])
    assert max(cell_len(line) for line in zh.splitlines()) <= 80
    assert "关键数字" in zh
    assert "更宽" in zh


def test_json_is_the_api_data(capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import date  # noqa: PLC0415

    import governance_rules as gr  # noqa: PLC0415

    out, _ = run(capsys, [*PAIR, "--format", "json"])
    data = json.loads(out)
    expected = gr.compare("yangxin-2022", "model-charter-rc", start=date(2026, 9, 28)).to_dict()
    assert data == json.loads(json.dumps(expected, ensure_ascii=False))


def test_csv_has_one_row_per_rule(capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = run(capsys, [*PAIR, "--format", "csv"])
    rows = [r for r in csv.DictReader(io.StringIO(out)) if r["section"] == "rule"]
    data, _ = run(capsys, [*PAIR, "--format", "json"])
    assert [r["path"] for r in rows] == [r["path"] for r in json.loads(data)["rules"]]
    lead = next(r for r in rows if r["path"] == "meetings.regular.notice.lead")
    assert lead["yangxin-2022:verdict"] == "baseline"
    assert lead["model-charter-rc:verdict"] == "only_here"
    assert lead["model-charter-rc:value"] == "1 week"


def test_csv_has_the_key_figures_as_json_shows_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, _ = run(capsys, ["compare", "yangxin-2022", "co-building-two-thirds", *FROM,
                          "--format", "csv"])  # fmt: skip
    reader = csv.DictReader(io.StringIO(out))
    assert reader.fieldnames is not None
    assert reader.fieldnames[-2:] == ["from", "section"]
    rows = list(reader)
    assert [r["section"] for r in rows] == sorted(
        (r["section"] for r in rows), key=["figure", "rule", "amendment"].index
    )
    figures = {r["path"]: r for r in rows if r["section"] == "figure"}
    data, _ = run(capsys, ["compare", "yangxin-2022", "co-building-two-thirds", *FROM,
                           "--format", "json"])  # fmt: skip
    expected = json.loads(data)["figures"]
    assert list(figures) == [f["key"] for f in expected]
    for f in expected:
        row = figures[f["key"]]
        assert [row["yangxin-2022:value"], row["co-building-two-thirds:value"]] == f["values"]
        assert row["co-building-two-thirds:verdict"] == f["verdicts"][0]
        assert row["yangxin-2022:verdict"] == "baseline"
    threshold = figures["meetings.regular.decision.threshold"]
    assert threshold["co-building-two-thirds:value"] == ">= 2/3"  # an exact fraction
    meetings = figures["regular_meetings_per_year"]
    assert meetings["yangxin-2022:value"] == "6"
    assert meetings["yangxin-2022:citation"].startswith("《")
    # residents' representatives meet "regularly" (定期) with no interval: not 0, not 4
    assert meetings["co-building-two-thirds:value"] == (
        "unspecified (at least 4; no interval: residents_representatives)"
    )
    assert meetings["co-building-two-thirds:verdict"] == "different"
    unstated = figures["meetings.residents_representatives.per_year"]
    assert unstated["co-building-two-thirds:value"] == "unspecified"


def test_md_has_the_diagram_diff(capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = run(capsys, ["compare", "yangxin-2022", "pm-liaison-bimonthly", *FROM,
                          "--format", "md"])  # fmt: skip
    assert out.startswith("# Comparison of charters\n")
    assert "```mermaid" in out
    assert "classDef removed" in out
    assert "| `regular_meetings_per_year` | 6 | 42 (▲ stricter) |" in out  # 6 + 12 + 24
    assert "| `meetings.rc_contact.per_year` | — | 24 (+ only here) |" in out
    assert "| `meetings.regular.per_year` | 6 | 6 |" in out


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


HOSTILE = """\
id: hostile
extends: model-charter-rc
title: {en: "[bold red]boom[/] <script>alert(1)</script> \\e[31m", zh: "<b>章程</b>"}
jurisdiction: {en: "a & b", zh: 测试}
"""


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    # extends a bundled id: no file beside it is needed
    return path


def test_html_is_one_self_contained_file(capsys: pytest.CaptureFixture[str],
                                         hostile: Path) -> None:  # fmt: skip
    out, _ = run(capsys, ["compare", "yangxin-2022", str(hostile), *FROM, "--format", "html"])
    assert out.startswith("<!DOCTYPE html>")
    parser = _Collect()
    parser.feed(out)
    names = {tag for tag, _ in parser.tags}
    assert "script" not in names
    assert "link" not in names
    assert "img" not in names
    assert "style" in names
    assert not any(v and ("http:" in v or "https:" in v or "//" in v)
                   for _, attrs in parser.tags for v in attrs.values())  # fmt: skip
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "[bold red]boom[/]" in "".join(parser.text)


def test_markup_in_a_title_is_printed_literally(capsys: pytest.CaptureFixture[str],
                                                hostile: Path) -> None:  # fmt: skip
    out, _ = run(capsys, ["compare", str(hostile), "model-charter-rc", *FROM])
    assert "hostile: [bold red]boom[/] <script>alert(1)</script> \\x1b[31m" in out
    assert "\x1b" not in out
    zh, _ = run(capsys, ["compare", str(hostile), "model-charter-rc", *FROM, "--lang", "zh"])
    assert "<b>章程</b>" in zh


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["compare", "no-such-charter", "yangxin-2022"], "no-such-charter"),
        (["compare", "/dev/zero", "yangxin-2022"], "/dev/zero"),
        (["compare", "party-building-5x"], "at least two charters"),
        (["compare", "co-building-two-thirds@decision=coin_toss", "yangxin-2022"], "coin_toss"),
        (["compare", "co-building-two-thirds@decision", "yangxin-2022"], "co-building"),
        (["compare", "yangxin-2022", "model-charter-rc", "--from", "1900-01-01"], "1900"),
    ],
)
def test_bad_input_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    out, err = run(capsys, argv, code=1)
    assert out == ""
    assert err.startswith("error: ")
    assert message in err
    assert "Traceback" not in err


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    _, err = run(capsys, ["compare"], code=2)
    assert "CHARTER" in err
    _, err = run(capsys, [*PAIR, "--from", "28/09/2026"], code=2)
    assert "YYYY-MM-DD" in err
    _, err = run(capsys, [*PAIR, "--format", "pdf"], code=2)
    out, _ = run(capsys, ["compare", "--help"])
    assert "Examples:" in out
    assert "govrules compare yangxin-2022 model-charter-rc" in out


def test_same_charter_twice_and_variants(capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = run(capsys, ["compare", "yangxin-2022", "yangxin-2022", *FROM])
    assert "no differences" in out
    assert "yangxin-2022 (2)" in out
    out, _ = run(capsys, ["compare", "co-building-two-thirds", *FROM, "--format", "json"])
    labels = [c["label"] for c in json.loads(out)["charters"]]
    assert labels == ["co-building-two-thirds@decision=two_thirds",
                      "co-building-two-thirds@decision=one_vote_veto"]  # fmt: skip
    out, _ = run(capsys, ["compare", "co-building-two-thirds", "model-charter-rc", "--variants",
                          *FROM, "--format", "json"])  # fmt: skip
    assert len(json.loads(out)["charters"]) == 4  # two readings each


def test_a_fifo_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    import os  # noqa: PLC0415

    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "governance_rules.cli", "compare", str(fifo), "yangxin-2022"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "not a regular file" in done.stderr or "regular" in done.stderr


def test_values_that_differ_by_an_invisible_character_look_different(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A label with a zero-width space, joiner or byte-order mark is marked 'different'
    from the baseline's; on a terminal the two must not look the same."""
    path = tmp_path / "invisible.yaml"
    path.write_text(
        "id: invisible\nextends: model-charter-rc\n"
        'title: {zh: 示例, en: "Model\\u200b charter\\u2060 \\ufeffrc\\u200d"}\n'
        "jurisdiction: {zh: 示例, en: Example}\n"
        'meetings: {regular: {label: {zh: 季度联席会议, en: "quarterly\\u200bjoint meeting"}}}\n',
        encoding="utf-8",
    )
    out, _ = run(capsys, ["compare", "model-charter-rc", str(path), *FROM, "--all"])
    for char in "\u200b\u200d\u2060\ufeff":
        assert char not in out
    assert "quarterly\\u200bjoint" in out.replace("\n", "").replace("│", "").replace(" ", "")
    assert "invisible: Model\\u200b charter\\u2060 \\ufeffrc\\u200d" in out


MARKDOWN = """\
id: markdown
extends: model-charter-rc
title: {en: "![pixel](http://tracker.example/p.png) [click](javascript:alert(1)) **b** ~~s~~ _e_ \\\\", zh: 测试}
jurisdiction: {en: "[ref]: http://tracker.example/x", zh: 测试}
"""


def test_markdown_in_charter_text_is_shown_not_rendered(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A title written in markdown must not become an image loaded from the network, a
    link or emphasis when the md view is rendered (on GitHub, in an editor's preview)."""
    path = tmp_path / "markdown.yaml"
    path.write_text(MARKDOWN, encoding="utf-8")
    out, _ = run(capsys, ["compare", "model-charter-rc", str(path), *FROM, "--format", "md"])
    assert "![pixel](" not in out
    assert "[click](" not in out
    assert "\\!\\[pixel\\](http://tracker.example/p.png)" in out
    assert "\\*\\*b\\*\\* \\~\\~s\\~\\~ \\_e\\_ \\\\" in out
    assert "\\[ref\\]: http" in out


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_bidirectional_and_invisible_characters_show_in_md_and_html(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    """A right-to-left override in a value reorders the cell it sits in when the page is
    viewed ('1 week' reads 'keew 1'), and a zero-width space hides a difference: both
    are shown as escapes, as on a terminal."""
    path = tmp_path / "bidi.yaml"
    path.write_text(
        "id: bidi\nextends: model-charter-rc\n"
        'title: {zh: 示例, en: "\\u202eevil\\u202c \\u2066x\\u2069 zero\\u200bwidth\\ufeff"}\n'
        "jurisdiction: {zh: 示例, en: Example}\n",
        encoding="utf-8",
    )
    out, _ = run(capsys, ["compare", "model-charter-rc", str(path), *FROM, "--format", fmt])
    for char in "\u202e\u202c\u2066\u2069\u200b\ufeff":
        assert char not in out
    assert "\\u202eevil\\u202c \\u2066x\\u2069 zero\\u200bwidth\\ufeff" in out.replace(
        "\\\\", "\\"
    )


def test_text_lists_a_removed_category_once_not_its_every_state(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, _ = run(capsys, PAIR)
    assert "  − handling.beyond_remit\n" in out
    assert "handling.beyond_remit.L0_joint_meeting.open" not in out  # under it, not listed


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_a_from_day_outside_the_calendar_names_the_option(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out, err = run(capsys, ["compare", "yangxin-2022", "model-charter-rc", "--from",
                            "2099-01-01", "--format", fmt], code=1)  # fmt: skip
    assert out == ""
    assert err.startswith(
        "error: --from: date outside the calendar's data (got '2099-01-01'); allowed: 2001-01-01"
    )


def test_too_many_charters_for_the_terminal_are_told_of_html_and_csv(
    capsys: pytest.CaptureFixture[str],
) -> None:
    eight = ["yangxin-2022", "model-charter-rc", "pm-liaison-bimonthly", "yayuan-monthly",
             "rc-half-yearly", "party-building-5x", "pm-joint-quarterly", "oc-agenda-majority"]  # fmt: skip
    out, err = run(capsys, ["compare", *eight, *FROM])
    assert "The numbers that matter" in out
    assert err == (
        "note: 8 charters side by side leave each fewer than 10 of the terminal's 80 "
        "columns; --format html or csv is easier to read\n"
    )
    _, err = run(capsys, ["compare", *eight, *FROM, "--lang", "zh"])
    assert err.startswith("注意：8 个章程并列")
    _, err = run(capsys, ["compare", *eight[:5], *FROM])
    assert err == ""
    _, err = run(capsys, ["compare", *eight, *FROM, "--format", "csv"])
    assert err == ""
