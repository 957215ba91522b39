"""``govrules compare --lang zh`` (and ``show --lang zh``) write their own words in Chinese.

The headings and verdicts were Chinese already, but the note on the figures left out,
the ladders' worst cases, "unspecified" where a charter sets no figure, a window's
description, yes and no, and the machines' workflow names were printed in English.
What the charters state (periods, timings, keys, their English prose) stays as it is."""

from __future__ import annotations

from datetime import date

import pytest

import governance_rules as gr
from governance_rules.cli import main
from tests.compare.helpers import PageText

ARGS = ["compare", "yangxin-2022", "pm-liaison-bimonthly", "--from", "2026-09-28"]

#: English the comparison wrote itself, and the Chinese a reader now gets instead.
FIXED = {
    "working days (by": "3个工作日（至 2026-10-08）",
    "the whole of December": "12月全月",
}
#: The machines' headings; the mermaid diagrams themselves stay as drawn.
WORKFLOWS = {"appraisal": "评议流程", "issue": "问题处理流程", "meeting": "会议流程",
             "term": "任期流程"}  # fmt: skip
HEADING = {"text": "\n", "md": "### ", "html": "\n"}


def _out(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    out = capsys.readouterr().out
    if "--format" in argv and argv[argv.index("--format") + 1] == "html":
        parser = PageText()
        parser.feed(out)
        out = "".join(parser.text)
    return out


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # no table cell breaks a phrase in two


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_the_comparisons_own_words_are_chinese(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    zh = _out(capsys, *ARGS, "--lang", "zh", "--format", fmt, "--all")
    en = _out(capsys, *ARGS, "--lang", "en", "--format", fmt, "--all")
    for english, chinese in FIXED.items():
        assert english in en, english  # the label is there to translate
        assert english not in zh, english
        assert chinese in zh, chinese
    first = "`yangxin-2022` /" if fmt == "md" else "yangxin-2022 /"
    for kind, chinese in WORKFLOWS.items():
        assert f"{HEADING[fmt]}{kind}: {first}" in en, kind
        assert f"{HEADING[fmt]}{kind}: {first}" not in zh, kind
        assert f"{HEADING[fmt]}{chinese}: {first}" in zh, kind
    assert "是" in zh  # yes and no, e.g. terms.owners_committee.size.odd
    # what the charters state stays as JSON gives it: a period, a timing, a key
    for value in ("1 day", "street_office", "last_seven_days"):
        assert value in zh, value


def test_the_note_on_figures_left_out_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    zh = _out(capsys, *ARGS, "--lang", "zh")
    assert "more figures are the same in every charter" not in zh
    assert "（另有 39 项数字各制度相同：--all 显示全部）" in zh
    en = _out(capsys, *ARGS, "--lang", "en")
    assert "(39 more figures are the same in every charter: --all)" in en


def test_a_figure_the_charter_does_not_set_reads_unspecified_in_chinese(
    capsys: pytest.CaptureFixture[str],
) -> None:
    md = _out(capsys, *ARGS, "--lang", "zh", "--format", "md")
    row = next(line for line in md.splitlines() if line.startswith("| `evaluation.window` |"))
    assert row == "| `evaluation.window` | 12月全月 | 未规定 (− 仅基准有) |"
    lead = next(line for line in md.splitlines()
                if line.startswith("| `meetings.regular.notice.lead` |"))  # fmt: skip
    assert "unspecified" not in lead  # the source gives no lead: a figure not set
    assert lead.count("未规定") == 2


def test_worst_cases_that_cannot_be_counted_are_chinese() -> None:
    c = gr.compare("yangxin-2022", "pm-liaison-bimonthly", start=date(2036, 12, 31), lang="zh")
    worst = c.figure("issues.oc_questions.worst_case_working_days")
    assert worst.values[1] == "无法计算：超出日历数据的最后一日 2036-12-31"
    c = gr.compare("yangxin-2022", "pm-liaison-bimonthly", start=date(2026, 9, 28), lang="zh")
    routine = c.figure("issues.routine.worst_case_working_days")
    assert routine.values[0] == "未规定（issues.routine.ladder[0].deadlines.reply: none）"


def test_show_names_the_grading_section_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    zh = _out(capsys, "show", "district-street-plans", "--lang", "zh")
    assert "\nGrading\n" not in zh
    assert "\n等级评定\n" in zh
    assert "\nGrading\n" in _out(capsys, "show", "district-street-plans", "--lang", "en")
