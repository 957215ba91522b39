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
