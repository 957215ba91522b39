"""Charts: PNG and SVG, byte-identical from run to run, no crash on glyphs a font lacks."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import pytest

from governance_rules import ReportError, load_charter, obligations
from governance_rules._calendar import WorkingCalendar
from governance_rules._report import charts, fonts, read_simulation
from governance_rules._report.simulation import CharterMetrics
from tests.report.sample import SIMULATION

Draw = Callable[..., bytes | None]
SIMULATED: list[Draw] = [charts.resolution_chart, charts.escalation_chart, charts.workload_chart]


@pytest.fixture(scope="module")
def metrics() -> dict[str, CharterMetrics]:
    return read_simulation(SIMULATION)


def _timeline(label: str = "yangxin-2022", fmt: str = "svg", lang: str = "en") -> bytes:
    items = obligations(load_charter("yangxin-2022"), 2026, lang=lang)
    return charts.timeline_chart(label, items, 2026, WorkingCalendar.china(), lang=lang, fmt=fmt)


def _texts(svg: bytes) -> list[str]:
    """The text drawn in an SVG: matplotlib keeps each string as a comment above its paths."""
    return re.findall(r"<!-- (.*?) -->", svg.decode("utf-8"))


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_the_timeline_is_the_same_bytes_every_time(fmt: str) -> None:
    first = _timeline(fmt=fmt)
    assert first == _timeline(fmt=fmt)
    assert first.startswith(b"<?xml" if fmt == "svg" else b"\x89PNG")


def test_the_svg_records_no_date_or_software() -> None:
    drawn = _timeline()
    svg = drawn.decode("utf-8")
    assert "<dc:date>" not in svg
    assert "Matplotlib v" not in svg
    texts = _texts(drawn)
    assert "yangxin-2022: the year 2026" in texts
    for label in ("meeting", "report", "days off", "holiday", "make-up working day", "Oct"):
        assert label in texts


def test_the_png_records_no_software() -> None:
    assert b"Matplotlib" not in _timeline(fmt="png")


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ReportError, match="allowed: svg, png"):
        _timeline(fmt="pdf")


@pytest.mark.parametrize("draw", SIMULATED)
@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_simulated_charts_are_deterministic(
    draw: Draw, fmt: str, metrics: Mapping[str, CharterMetrics]
) -> None:
    first = draw(metrics, fmt=fmt)
    assert first is not None
    assert first == draw(metrics, fmt=fmt)


def test_simulated_charts_show_every_charter_and_group(
    metrics: Mapping[str, CharterMetrics],
) -> None:
    levels = charts.escalation_chart(metrics)
    assert levels is not None
    texts = _texts(levels)
    for label in ("yangxin-2022", "model-charter-rc", "level 1", "level 4"):
        assert label in texts
    work = charts.workload_chart(metrics)
    assert work is not None
    assert {"property_company", "party_org", "residents_committee"} <= set(_texts(work))


@pytest.mark.parametrize("draw", SIMULATED)
def test_no_data_draws_nothing(draw: Draw) -> None:
    assert draw({"a": CharterMetrics()}) is None


def test_a_charter_without_data_is_marked_beside_the_others() -> None:
    metrics = {"a": CharterMetrics(resolution=((1.0, 1), (4.0, 1))), "b": CharterMetrics()}
    drawn = charts.resolution_chart(metrics)
    assert drawn is not None
    assert "no data" in _texts(drawn)


def test_chinese_text_without_a_chinese_font_does_not_warn() -> None:
    """filterwarnings=error: a missing-glyph warning would fail this test."""
    assert "物业联席会议: the year 2026" in _texts(_timeline(label="物业联席会议"))


def test_zh_falls_back_to_english_without_a_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "cjk_font_files", lambda: ())
    monkeypatch.setattr(charts, "cjk_font_files", lambda: ())
    charts._cjk_family.cache_clear()
    try:
        lang, note = charts.chart_lang("zh")
        assert lang == "en"
        assert note is not None
        assert "English" in note
        assert "meeting" in _texts(_timeline(lang="zh"))
    finally:
        charts._cjk_family.cache_clear()


def test_zh_labels_with_a_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "_cjk_family", lambda: "DejaVu Sans")
    monkeypatch.setattr(fonts, "cjk_font_files", lambda: ("/fake/cjk.ttf",))
    assert charts.chart_lang("zh") == ("zh", None)
    texts = _texts(_timeline(lang="zh"))
    assert "会议" in texts
    assert "10月" in texts


@pytest.mark.parametrize("name", ["$\\foo$", "$x^$"])
def test_text_with_dollar_signs_is_drawn_as_written(name: str) -> None:
    """matplotlib reads text between dollar signs as a formula (mathtext): one it cannot
    parse used to stop the report with a ValueError."""
    metrics = {name: CharterMetrics(resolution=((1.0, 2),), escalations=((name, 1),),
                                    workload=((name, 1.0),))}  # fmt: skip
    for draw in SIMULATED:
        drawn = draw(metrics)
        assert drawn is not None
        assert name in _texts(drawn)
    assert f"{name}: the year 2026" in _texts(_timeline(label=name))


def test_a_label_starting_with_an_underscore_is_in_the_legend() -> None:
    """matplotlib leaves artists whose label starts with ``_`` out of a legend."""
    metrics = {"_draft": CharterMetrics(workload=(("a", 3.0),), escalations=(("1", 2),)),
               "final": CharterMetrics(workload=(("a", 1.0),), escalations=(("1", 1),))}  # fmt: skip
    for draw in (charts.escalation_chart, charts.workload_chart):
        drawn = draw(metrics)
        assert drawn is not None
        assert {"_draft", "final"} <= set(_texts(drawn))


def test_fifty_charters_fit_in_the_escalation_chart() -> None:
    """filterwarnings=error: a legend taller than the chart collapsed its layout (a warning)."""
    metrics = {f"charter-{n}": CharterMetrics(escalations=(("1", n), ("2", 1))) for n in range(50)}
    drawn = charts.escalation_chart(metrics)
    assert drawn is not None
    assert "charter-49" in _texts(drawn)
