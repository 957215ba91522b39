"""Charts of a report: a charter's year on a timeline, and simulated metrics side by side.

Drawn with matplotlib's object API (``Figure`` with the Agg canvas: no display, no
pyplot state), as PNG or SVG bytes that are the same from run to run: SVG ids
come from a fixed salt, glyphs are drawn as paths (no font needed to view them)
and neither format records a date or the software's version.

Labels are English unless ``lang="zh"`` and a font with Chinese glyphs is
installed (found with ``fc-list``); :func:`chart_lang` says which applies.

>>> from governance_rules._charter import load_charter
>>> from governance_rules._obligations import obligations
>>> items = obligations(load_charter("yangxin-2022"), 2026)
>>> svg = timeline_chart("yangxin-2022", items, 2026, fmt="svg")
>>> svg.startswith(b"<?xml") and svg == timeline_chart("yangxin-2022", items, 2026, fmt="svg")
True
"""

from __future__ import annotations

import functools
import io
import logging
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from governance_rules._calendar import WorkingCalendar
from governance_rules._calendar.days import DayKind
from governance_rules._obligations import Obligation
from governance_rules._report import fonts
from governance_rules._report.fonts import cjk_font_files
from governance_rules._report.simulation import CharterMetrics
from governance_rules.errors import ReportError

__all__ = [
    "FORMATS",
    "chart_lang",
    "escalation_chart",
    "resolution_chart",
    "timeline_chart",
    "workload_chart",
]

logger = logging.getLogger(__name__)

FORMATS = ("svg", "png")

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "timeline": "{charter}: the year {year}",
        "days_off": "days off",
        "holiday": "holiday",
        "makeup": "make-up working day",
        "meeting": "meeting",
        "notice": "notice",
        "report": "report",
        "publicity": "publicity",
        "evaluation": "appraisal",
        "resolution": "Working days from report to resolution",
        "working_days": "working days",
        "escalations": "Issues reaching each ladder level",
        "level": "level {level}",
        "issues": "issues",
        "workload": "Workload per body",
        "amount": "workload",
        "no_data": "no data",
    },
    "zh": {
        "timeline": "{charter}：{year}年",
        "days_off": "休息日",
        "holiday": "节假日",
        "makeup": "调休上班日",
        "meeting": "会议",
        "notice": "通知",
        "report": "报告",
        "publicity": "公示",
        "evaluation": "考评",
        "resolution": "从反映到解决的工作日数",
        "working_days": "工作日",
        "escalations": "到达各级的事项数",
        "level": "第{level}级",
        "issues": "事项",
        "workload": "各主体工作量",
        "amount": "工作量",
        "no_data": "无数据",
    },
}
_MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "zh": [f"{m}月" for m in range(1, 13)],
}
# no red or orange: those mark holidays and make-up working days
_PALETTE = ("#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#17becf", "#7f7f7f", "#bcbd22")


@functools.cache
def _cjk_family() -> str | None:
    """The family name of an installed font with Chinese glyphs, registered with matplotlib."""
    for path in cjk_font_files():
        try:
            font_manager.fontManager.addfont(path)
            return str(font_manager.FontProperties(fname=path).get_name())
        except (OSError, RuntimeError, ValueError):
            logger.debug("cannot use font %s", path)
    return None


def chart_lang(lang: str) -> tuple[str, str | None]:
    """The language charts are labelled in, and a note when it is not the one asked for.

    >>> chart_lang("en")
    ('en', None)
    """
    lang, note = fonts.chart_lang(lang)
    if lang == "zh" and _cjk_family() is None:
        return (
            "en",
            "no installed Chinese font can be used; chart labels are in English",
        )
    return lang, note


@contextmanager
def _figure(width: float, height: float, lang: str) -> Iterator[Figure]:
    family = _cjk_family() if lang == "zh" else None
    sans = [*([family] if family else []), *matplotlib.rcParams["font.sans-serif"]]
    with matplotlib.rc_context({
        "svg.hashsalt": "governance-rules",  # ids in the SVG the same from run to run
        "svg.fonttype": "path",  # glyphs as paths: the SVG needs no font to be viewed
        "font.size": 9.0,
        "axes.titlesize": 10.0,
        "font.sans-serif": sans,
        "text.parse_math": False,  # "$...$" in a name is text, not a formula to parse
    }), warnings.catch_warnings():  # fmt: skip
        # text from a charter may hold glyphs the font lacks: they are drawn as boxes
        warnings.filterwarnings("ignore", message=r"Glyph .* missing from", category=UserWarning)
        fig = Figure(figsize=(width, height), layout="constrained")
        FigureCanvasAgg(fig)
        yield fig


def _save(fig: Figure, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ReportError(
            "unknown chart format", where="chart", got=fmt, allowed=", ".join(FORMATS)
        )
    buf = io.BytesIO()
    metadata = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
    fig.savefig(buf, format=fmt, dpi=100, metadata=metadata)
    return buf.getvalue()


def timeline_chart(
    label: str,
    items: Sequence[Obligation],
    year: int,
    calendar: WorkingCalendar | None = None,
    *,
    lang: str = "en",
    fmt: str = "svg",
) -> bytes:
    """One charter's year: its dated duties by kind, over holidays and make-up working days.

    Args:
        label: The charter's name in the title.
        items: Its duties for ``year`` (``governance_rules._obligations.obligations``).
        year: The year drawn.
        calendar: The working-day calendar (default: China's).
        lang: ``en`` or ``zh`` (English where no Chinese font is installed).
        fmt: ``svg`` or ``png``.

    Returns:
        The chart's bytes.
    """
    lang, _ = chart_lang(lang)
    t = _LABELS[lang]
    calendar = calendar or WorkingCalendar.china()
    first = date(year, 1, 1)
    kinds = list(dict.fromkeys(i.kind for i in items))
    rows = [t["days_off"], *(t.get(k, k) for k in kinds)]
    with _figure(10.0, 1.3 + 0.42 * len(rows), lang) as fig:
        ax = fig.add_subplot()
        for day in calendar.year(year):
            x = (day.date - first).days
            if day.kind.is_holiday:
                ax.axvspan(x, x + 1, color="#f4a6a6", alpha=0.45, lw=0)
                ax.broken_barh([(x, 1)], (-0.35, 0.7), color="#d9534f")
            elif day.kind is DayKind.MAKEUP_WORKDAY:
                ax.axvline(x + 0.5, color="#e69500", lw=1.0, ls="--")
                ax.broken_barh([(x, 1)], (-0.35, 0.7), color="#e69500")
        for row, kind in enumerate(kinds, start=1):
            # at least two days wide: a one-day duty stays visible on a year's width
            spans = [
                ((i.start - first).days, max(2, (i.end - i.start).days + 1))
                for i in items
                if i.kind == kind and i.start.year <= year <= i.end.year
            ]
            colour = _PALETTE[(row - 1) % len(_PALETTE)]
            # a white edge keeps back-to-back windows (quarters) apart
            ax.broken_barh(spans, (row - 0.3, 0.6), facecolor=colour, edgecolor="white", lw=0.6)
        ends = [(date(year, m, 1) - first).days for m in range(1, 13)]
        ax.set_xticks(ends, _MONTHS[lang], ha="left")
        ax.set_xlim(0, (date(year + 1, 1, 1) - first).days)
        ax.set_yticks(range(len(rows)), rows)
        ax.set_ylim(len(rows) - 0.4, -0.6)
        ax.grid(axis="x", color="#dddddd", lw=0.6)
        ax.set_axisbelow(True)
        ax.set_title(t["timeline"].format(charter=label, year=year))
        ax.legend(
            handles=[Patch(color="#d9534f", label=t["holiday"]),
                     Patch(color="#e69500", label=t["makeup"])],
            loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
        )  # fmt: skip
        return _save(fig, fmt)


def resolution_chart(
    metrics: Mapping[str, CharterMetrics], *, lang: str = "en", fmt: str = "svg"
) -> bytes | None:
    """Box plots of working days to resolution, one per charter (None: no charter has data)."""
    lang, _ = chart_lang(lang)
    t = _LABELS[lang]
    labels = list(metrics)
    if not any(m.resolution for m in metrics.values()):
        return None
    with _figure(max(4.0, 1.6 + 1.4 * len(labels)), 3.6, lang) as fig:
        ax = fig.add_subplot()
        for x, label in enumerate(labels, start=1):
            if metrics[label].resolution:  # statistics from the histogram, not every issue
                ax.bxp([metrics[label].box()], positions=[x], widths=0.5, showfliers=True)
            else:
                ax.text(x, 0, t["no_data"], ha="center", va="bottom", color="#777777")
        ax.set_xticks(range(1, len(labels) + 1), labels)
        ax.set_xlim(0.4, len(labels) + 0.6)
        ax.set_ylabel(t["working_days"])
        ax.set_title(t["resolution"])
        ax.grid(axis="y", color="#dddddd", lw=0.6)
        return _save(fig, fmt)


def _levels(keys: Sequence[str]) -> list[str]:
    unique = list(dict.fromkeys(keys))
    if all(k.isdigit() for k in unique):
        return sorted(unique, key=int)
    return unique


def _grouped(
    values: Mapping[str, Mapping[str, float]], groups: list[str], horizontal: bool, fig: Figure
) -> Axes:
    ax = fig.add_subplot()
    labels = list(values)
    width = 0.8 / max(1, len(labels))
    bars = []
    for n, label in enumerate(labels):
        pos = [g + (n - (len(labels) - 1) / 2) * width for g in range(len(groups))]
        heights = [values[label].get(g, 0.0) for g in groups]
        if horizontal:
            bars.append(ax.barh(pos, heights, height=width))
        else:
            bars.append(ax.bar(pos, heights, width=width))
    # handles and labels given: matplotlib would leave out a label starting with "_"
    ax.legend(bars, labels, frameon=False)
    return ax


def escalation_chart(
    metrics: Mapping[str, CharterMetrics], *, lang: str = "en", fmt: str = "svg"
) -> bytes | None:
    """Issues reaching each ladder level, charters side by side (None: no data)."""
    lang, _ = chart_lang(lang)
    t = _LABELS[lang]
    levels = _levels([k for m in metrics.values() for k, _ in m.escalations])
    if not levels:
        return None
    values = {label: {k: float(v) for k, v in m.escalations} for label, m in metrics.items()}
    width = max(4.5, 1.5 + 0.9 * len(levels) * max(1, len(values)) ** 0.5)
    # the legend lists every charter: taller with more of them, or the layout collapses
    with _figure(width, max(3.6, 1.4 + 0.2 * len(values)), lang) as fig:
        ax = _grouped(values, levels, False, fig)
        names = [t["level"].format(level=k) if k.isdigit() else k for k in levels]
        ax.set_xticks(range(len(levels)), names)
        ax.set_ylabel(t["issues"])
        ax.set_title(t["escalations"])
        return _save(fig, fmt)


def workload_chart(
    metrics: Mapping[str, CharterMetrics], *, lang: str = "en", fmt: str = "svg"
) -> bytes | None:
    """Workload per body, charters side by side (None: no data)."""
    lang, _ = chart_lang(lang)
    t = _LABELS[lang]
    bodies = list(dict.fromkeys(k for m in metrics.values() for k, _ in m.workload))
    if not bodies:
        return None
    values = {label: dict(m.workload) for label, m in metrics.items()}
    with _figure(7.0, 1.4 + 0.35 * len(bodies) * max(1, len(values)), lang) as fig:
        ax = _grouped(values, bodies, True, fig)
        ax.set_yticks(range(len(bodies)), bodies)
        ax.invert_yaxis()
        ax.set_xlabel(t["amount"])
        ax.set_title(t["workload"])
        return _save(fig, fmt)
