"""The report in a real headless browser: it renders, logs nothing, and loads nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

import governance_rules as gr
from tests.report.browser import CHROMIUM, browse
from tests.report.sample import SIMULATION

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)"
)

#: A page that does both things the report must not: the check sees each.
HOSTILE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="https://cdn.example.com/style.css"></head>
<body><p>hostile</p><img src="http://example.com/pixel.png">
<script>console.error("from the page")</script></body></html>
"""


def test_the_check_sees_console_messages_and_requests(tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    page.write_text(HOSTILE, encoding="utf-8")
    seen = browse(page, tmp_path / "browser")
    assert any("from the page" in line for line in seen.console)
    assert seen.requests == ["http://example.com/pixel.png", "https://cdn.example.com/style.css"]


def test_the_report_renders_offline_without_errors(tmp_path: Path) -> None:
    page = gr.report(["yangxin-2022", "model-charter-rc"], 2026, tmp_path / "report",
                     simulation=SIMULATION)  # fmt: skip
    seen = browse(page, tmp_path / "browser")
    assert seen.console == [], seen.console
    assert seen.requests == []
    assert "<h1>Report on charters" in seen.dom
    assert seen.dom.count('<img class="chart"') == 5
    assert 'id="simulation"' in seen.dom
    shot = Image.open(seen.screenshot)
    assert shot.size == (1280, 2400)
    colours = shot.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None
    assert len(colours) > 50  # text, tables and charts, not a blank page


#: A charter whose text tries markup, a network image, a script and a right-to-left
#: override, and whose amendment and term rules fill the newer sections of the page.
MARKUP = """\
id: markup
extends: model-charter-rc
title: {zh: 示例, en: "<img src='http://example.com/t.png'><script>console.error(1)</script>\\u202e"}
jurisdiction: {zh: 示例, en: "![x](http://example.com/p.png)"}
documents:
  loc: {kind: law, heading: "<script>console.error(2)</script>"}
terms:
  owners_committee: {handover: null}
amendments:
  - effective: 2026-06-01
    source: {doc: loc, article: "<b onmouseover=alert(1)>1</b>", summary: a notice lead set for the test}
    changes:
      meetings: {regular: {notice: {lead: 14 days}}}
"""


def test_a_comparison_of_hostile_text_renders_offline_without_errors(tmp_path: Path) -> None:
    charter = gr.load_charter_text(MARKUP, name="markup.yaml")
    report = gr.report(["model-charter-rc", charter], 2026, tmp_path / "report")
    seen = browse(report, tmp_path / "browser")
    assert seen.console == [], seen.console
    assert seen.requests == []
    assert "<script" not in seen.dom.split("</head>", 1)[1]
    assert "hand_over" in seen.dom  # the term step only the baseline has
    assert "2026-06-01" in seen.dom  # the amendment
