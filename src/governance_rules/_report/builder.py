"""A regulator's report: one self-contained HTML file comparing charters over a year.

The page has no script, loads nothing (styles inline, charts as ``data:`` URIs)
and escapes every piece of charter text. Its sections: the structural comparison
(the same HTML as ``govrules compare --format html``), each charter's calendar for
the year (a timeline chart and a table of its dated duties), the year's holidays
and make-up working days, and simulation results when given (else a note that the
section is not included). Every chart is also written beside the page as SVG and PNG.
"""

from __future__ import annotations

import base64
import html
import logging
import os
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from governance_rules._calendar import WorkingCalendar
from governance_rules._calendar.days import DayInfo, DayKind
from governance_rules._charter import Charter
from governance_rules._compare import compare
from governance_rules._compare.comparison import (
    amended_rules,
    label_of,
    load_spec,
    unique_labels,
)
from governance_rules._compare.render import STYLESHEET as _COMPARE_CSS
from governance_rules._compare.render import amendments_html, to_html
from governance_rules._i18n import normalize_lang
from governance_rules._obligations import Obligation, body_labels, obligations
from governance_rules._report.simulation import CharterMetrics, label_notes, read_simulation
from governance_rules._simulate import SimulationResult
from governance_rules._text import visible
from governance_rules.errors import ReportError

__all__ = ["Report", "build_report", "is_chart", "report"]

logger = logging.getLogger(__name__)

_L: dict[str, dict[str, str]] = {
    "en": {
        "title": "Report on charters",
        "year": "Year",
        "contents": "Contents",
        "diff": "Structural comparison",
        "diff_one": "A structural comparison needs two charters, or one with competing readings.",
        "calendars": "Each charter's year",
        "duties": "Dated duties",
        "from": "from",
        "to": "to",
        "kind": "kind",
        "duty": "duty",
        "responsible": "responsible",
        "source": "source",
        "moved": "moved from",
        "no_duties": "This charter sets no dated duties in this year.",
        "days": "Holidays and make-up working days",
        "date": "date",
        "day": "day",
        "holiday": "holiday",
        "makeup": "make-up working day",
        "simulation": "Simulation results",
        "not_included": "Not included: no simulation results were given to this report.",
        "summary": "Summary",
        "charter": "charter",
        "issues": "issues resolved",
        "median": "median working days",
        "p90": "90th percentile",
        "escalations": "escalations per level",
        "workload": "workload per body",
        "no_chart": "No data for this chart.",
        "notes": "Notes",
        "chart": "chart",
    },
    "zh": {
        "title": "章程比较报告",
        "year": "年度",
        "contents": "目录",
        "diff": "结构比较",
        "diff_one": "结构比较需要两份章程，或一份有不同解读的章程。",
        "calendars": "各章程的年度安排",
        "duties": "有日期的职责",
        "from": "起",
        "to": "止",
        "kind": "类别",
        "duty": "职责",
        "responsible": "责任主体",
        "source": "依据",
        "moved": "原定",
        "no_duties": "该章程在本年度没有有日期的职责。",
        "days": "节假日与调休上班日",
        "date": "日期",
        "day": "日",
        "holiday": "节假日",
        "makeup": "调休上班日",
        "simulation": "模拟结果",
        "not_included": "未包含：本报告未提供模拟结果。",
        "summary": "摘要",
        "charter": "章程",
        "issues": "已解决事项",
        "median": "工作日中位数",
        "p90": "第90百分位",
        "escalations": "各级上报数",
        "workload": "各主体工作量",
        "no_chart": "该图没有数据。",
        "notes": "说明",
        "chart": "图",
    },
}

_CSS = (
    _COMPARE_CSS
    + """
h2 .alt,h3 .alt,h1 .alt{color:#777;font-weight:normal;font-size:0.7em;margin-left:0.5em}
img.chart{max-width:100%;height:auto;display:block;margin:0.5em 0}
section{margin-top:2em;border-top:2px solid #ddd}.note{color:#555;font-style:italic}
td.d{white-space:nowrap}
"""
)


@dataclass(frozen=True)
class Report:
    """A report built in memory: the page and the charts it shows, by file name."""

    html: str
    charts: dict[str, bytes] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def _h(value: object) -> str:
    """``value`` as HTML text: escaped, line breaks as spaces, and its controls,
    bidirectional marks and invisible characters shown as ``\\uXXXX``."""
    text = "" if value is None else " ".join(str(value).splitlines())
    return html.escape(visible(text), quote=True)


def _heading(level: int, key: str, lang: str) -> str:
    other = "zh" if lang == "en" else "en"
    alt = f'<span class="alt" lang="{other}">{_h(_L[other][key])}</span>'
    return f"<h{level}>{_h(_L[lang][key])}{alt}</h{level}>"


def _image(name: str, svg: bytes, alt: str) -> str:
    data = base64.b64encode(svg).decode("ascii")
    return (f'<img class="chart" alt="{_h(alt)}" data-chart="{_h(name)}" '
            f'src="data:image/svg+xml;base64,{data}">')  # fmt: skip


def _compare_body(page: str) -> str:
    """The body of ``govrules compare --format html`` without its title and list of charters
    (the report has them), its headings one level down."""
    body = page.split("<body>", 1)[1].rsplit("</body>", 1)[0]
    body = re.sub(r"\A\s*<h1>.*?</h1>\s*<ul>.*?</ul>", "", body, count=1, flags=re.DOTALL)
    return re.sub(r"<(/?)h([1-5])\b", lambda m: f"<{m[1]}h{int(m[2]) + 1}", body)


class _Charts:
    """Draws charts, keeps their files, and returns the ``<img>`` that shows each."""

    def __init__(self, lang: str) -> None:
        # matplotlib takes a second to import: only a report pays for it, not every command
        from governance_rules._report import charts  # noqa: PLC0415

        self.module = charts
        self.lang = lang
        self.files: dict[str, bytes] = {}

    def show(self, name: str, drawn: Mapping[str, bytes | None], alt: str) -> str:
        svg = drawn["svg"]
        if svg is None:
            return f'<p class="note">{_h(_L[self.lang]["no_chart"])}</p>'
        for fmt, data in drawn.items():
            if data is not None:
                self.files[f"{name}.{fmt}"] = data
        return _image(name, svg, alt)


def build_report(
    charters: Sequence[Charter | str | os.PathLike[str]],
    year: int,
    *,
    lang: str = "en",
    simulation: Mapping[str, Any] | SimulationResult | None = None,
    calendar: WorkingCalendar | None = None,
) -> Report:
    """Build the report in memory (see :func:`report`, which writes it)."""
    lang = normalize_lang(lang)
    t = _L[lang]
    if isinstance(year, bool) or not isinstance(year, int):
        raise ReportError("not a year", where="report: year", got=year,
                                   allowed="a year such as 2026")  # fmt: skip
    if isinstance(charters, str | bytes) or not charters:
        raise ReportError("expected a list of one or more charters", where="report",
                                   got=charters or "none",
                                   allowed="a list of charter ids or files")  # fmt: skip
    calendar = calendar or WorkingCalendar.china()
    days = calendar.year(year)
    loaded = [load_spec(item) for item in charters]
    labels = unique_labels([label_of(charter) for charter in loaded])
    if isinstance(simulation, SimulationResult):  # what gr.simulate() returns, as its JSON
        simulation = simulation.to_dict()
    metrics = read_simulation(simulation) if simulation is not None else None
    drawer = _Charts(lang)
    chart_lang, font_note = drawer.module.chart_lang(lang)
    notes = [font_note] if font_note else []
    if metrics is not None:
        notes += label_notes(labels, metrics, lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(t['title'])} {year}: {_h(' / '.join(labels))}</title>",
        f"<style>{_CSS}</style></head><body>",
        _heading(1, "title", lang),
        f"<p>{_h(t['year'])}: {year}</p><ul>",
    ]
    for label, charter in zip(labels, loaded, strict=True):
        parts.append(f"<li><code>{_h(label)}</code>: {_h(charter.title.get(lang))}</li>")
    parts.append(f"</ul><nav><strong>{_h(t['contents'])}</strong><ol>")
    parts += [f'<li><a href="#{k}">{_h(t[k])}</a></li>'
              for k in ("diff", "calendars", "days", "simulation")]  # fmt: skip
    parts.append("</ol></nav>")
    parts.append('<section id="diff">' + _heading(2, "diff", lang))
    if len(loaded) >= 2 or loaded[0].readings:
        comparison = compare(*loaded, start=date(year, 1, 1), calendar=calendar, lang=lang,
                             labels=labels if len(loaded) > 1 else None)  # fmt: skip
        parts.append(_compare_body(to_html(comparison, every_rule=False)))
    else:
        parts.append(f'<p class="note">{_h(t["diff_one"])}</p>')
        changes = amended_rules(loaded[0], labels[0], date(year, 1, 1), lang)
        parts += amendments_html(tuple(changes), lang)
    parts.append("</section>")
    parts += _calendars(drawer, labels, loaded, year, calendar)
    parts += _days(days, lang)
    parts += _simulation(drawer, metrics)
    if notes:
        parts.append(f'<section id="notes"><h2>{_h(t["notes"])}</h2><ul>')
        parts += [f"<li>{_h(note)}</li>" for note in notes]
        parts.append("</ul></section>")
    parts.append("</body></html>")
    if chart_lang != lang:
        logger.info("charts labelled in %s: %s", chart_lang, font_note)
    return Report(html="\n".join(parts) + "\n", charts=drawer.files, notes=tuple(notes))


def _calendars(
    drawer: _Charts, labels: list[str], loaded: list[Charter], year: int,
    calendar: WorkingCalendar,
) -> list[str]:  # fmt: skip
    lang = drawer.lang
    parts = ['<section id="calendars">' + _heading(2, "calendars", lang)]
    for n, (label, charter) in enumerate(zip(labels, loaded, strict=True), start=1):
        items = obligations(charter, year, calendar, lang=lang)
        parts.append(f"<h3><code>{_h(label)}</code>: {_h(charter.title.get(lang))}</h3>")
        drawn = {fmt: drawer.module.timeline_chart(label, items, year, calendar, lang=lang,
                                                   fmt=fmt)
                 for fmt in drawer.module.FORMATS}  # fmt: skip
        parts.append(drawer.show(f"timeline-{n}", drawn, f"{label}: {year}"))
        parts.append(_duties_table(charter, items, lang))
    parts.append("</section>")
    return parts


def _days(days: Sequence[DayInfo], lang: str) -> list[str]:
    t = _L[lang]
    parts = ['<section id="days">' + _heading(2, "days", lang)]
    parts.append(f"<table><tr><th>{_h(t['date'])}</th><th>{_h(t['day'])}</th>"
                 f"<th>{_h(t['kind'])}</th></tr>")  # fmt: skip
    for day in days:
        if day.kind.is_holiday or day.kind is DayKind.MAKEUP_WORKDAY:
            kind = t["holiday"] if day.kind.is_holiday else t["makeup"]
            name = day.name_zh if lang == "zh" and day.name_zh else day.name
            parts.append(f'<tr><td class="d">{day.date.isoformat()}</td><td>{_h(name or "")}</td>'
                         f"<td>{_h(kind)}</td></tr>")  # fmt: skip
    parts.append("</table></section>")
    return parts


def _simulation(drawer: _Charts, metrics: Mapping[str, CharterMetrics] | None) -> list[str]:
    lang = drawer.lang
    t = _L[lang]
    parts = ['<section id="simulation">' + _heading(2, "simulation", lang)]
    if metrics is None:
        parts.append(f'<p class="note" id="simulation-not-included">{_h(t["not_included"])}</p>')
    else:
        parts.append(_summary_table(metrics, lang))
        charts = drawer.module
        for name, draw, key in (
            ("resolution", charts.resolution_chart, "median"),
            ("escalations", charts.escalation_chart, "escalations"),
            ("workload", charts.workload_chart, "workload"),
        ):
            drawn = {fmt: draw(metrics, lang=lang, fmt=fmt) for fmt in charts.FORMATS}
            parts.append(drawer.show(name, drawn, t[key]))
    parts.append("</section>")
    return parts


def _duties_table(charter: Charter, items: Sequence[Obligation], lang: str) -> str:
    t = _L[lang]
    if not items:
        return f'<p class="note">{_h(t["no_duties"])}</p>'
    heads = ("from", "to", "kind", "duty", "responsible", "source")
    rows = [f"<table><caption>{_h(t['duties'])}</caption><tr>"
            + "".join(f"<th>{_h(t[k])}</th>" for k in heads) + "</tr>"]  # fmt: skip
    for i in items:
        duty = _h(i.title)
        if i.moved_from is not None:
            duty += f'<span class="cite">{_h(t["moved"])} {_h(i.moved_from)}</span>'
        rows.append(
            f'<tr><td class="d">{i.start.isoformat()}</td><td class="d">{i.end.isoformat()}</td>'
            f"<td>{_h(i.kind)}</td><td>{duty}</td>"
            f"<td>{_h(body_labels(charter, i.responsible, lang))}</td>"
            f'<td><span class="cite">{_h(i.source)}</span></td></tr>'
        )
    rows.append("</table>")
    return "".join(rows)


def _summary_table(metrics: Mapping[str, CharterMetrics], lang: str) -> str:
    t = _L[lang]
    heads = ("charter", "issues", "median", "p90", "escalations", "workload")
    rows = [f"<table><caption>{_h(t['summary'])}</caption><tr>"
            + "".join(f"<th>{_h(t[k])}</th>" for k in heads) + "</tr>"]  # fmt: skip
    for label, m in metrics.items():
        median = f"{m.percentile(50):.1f}" if m.issues else "—"
        p90 = f"{m.percentile(90):.1f}" if m.issues else "—"
        esc = ", ".join(f"{k}: {v}" for k, v in m.escalations) or "—"
        work = ", ".join(f"{k}: {v:g}" for k, v in m.workload) or "—"
        cells = [f"<code>{_h(label)}</code>", str(m.issues), median, p90, _h(esc), _h(work)]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    rows.append("</table>")
    return "".join(rows)


def report(
    charters: Sequence[Charter | str | os.PathLike[str]],
    year: int,
    out: str | Path,
    *,
    lang: str = "en",
    simulation: Mapping[str, Any] | SimulationResult | None = None,
    calendar: WorkingCalendar | None = None,
) -> Path:
    """Write a regulator's report on ``charters`` for ``year`` into the directory ``out``.

    ``out/index.html`` is one self-contained page (no script, nothing loaded from
    elsewhere); ``out/charts/`` holds every chart as SVG and PNG. Files of an
    earlier report in ``out`` are replaced (its charts this one does not draw are
    removed), each by renaming a new file over it, so a link there is not followed;
    other files are left alone.

    Args:
        charters: Charters, ids, file paths, or ``id@point=reading``.
        year: The year whose calendar and duties are shown.
        out: The directory written (created if missing).
        lang: ``en`` or ``zh`` (headings are bilingual either way).
        simulation: A :class:`SimulationResult` from :func:`simulate`, or simulation
            results as a JSON-like mapping per charter label (``resolution_days``,
            ``escalations``, ``workload``); without them the report says the
            section is not included.
        calendar: The working-day calendar (default: China's).

    Returns:
        The path of ``index.html``.

    Raises:
        ReportError: Not a year or no charters, or an ``out`` that is not a
            directory or cannot be written (or whose ``charts`` is a symbolic link).
        CharterError: A charter that does not load (``UnknownCharterError``: no such id).
        DateOutOfRangeError: A year outside the calendar's data.
        SimulationError: Malformed simulation results.
    """
    return written_report(
        charters, year, out, lang=lang, simulation=simulation, calendar=calendar
    )[0]


def written_report(
    charters: Sequence[Charter | str | os.PathLike[str]],
    year: int,
    out: str | Path,
    *,
    lang: str = "en",
    simulation: Mapping[str, Any] | SimulationResult | None = None,
    calendar: WorkingCalendar | None = None,
) -> tuple[Path, Report]:
    """:func:`report`, with the report it wrote (its notes, for ``--format json``)."""
    target = Path(out)
    try:
        clash = target.exists() and not target.is_dir()
    except (OSError, ValueError) as exc:  # a name no file can have
        raise ReportError("not a usable path", where="report: out", got=str(out),
                                   allowed="a directory path") from exc  # fmt: skip
    if clash:
        raise ReportError("exists and is not a directory", where="report: out",
                                   got=str(target), allowed="a directory, or a path "
                                   "that does not exist yet")  # fmt: skip
    if (target / "charts").is_symlink():  # its files would be replaced and removed there
        raise ReportError("charts is a symbolic link", where="report: out",
                                   got=str(target / "charts"), allowed="a directory of "
                                   "its own, or no charts entry yet")  # fmt: skip
    built = build_report(charters, year, lang=lang, simulation=simulation, calendar=calendar)
    index = target / "index.html"
    for path in (index, *(target / "charts" / name for name in built.charts)):
        try:
            taken = path.is_dir() and not path.is_symlink()  # a link is replaced, not a dir
        except OSError:
            taken = False  # cannot be looked at: writing it says why
        if taken:
            raise ReportError("a directory where the report writes a file",
                              where="report: out", got=str(path),
                              allowed="no entry of that name, or a file")  # fmt: skip
    try:
        (target / "charts").mkdir(parents=True, exist_ok=True)
        for name, data in built.charts.items():
            _replace(target / "charts" / name, data)
        _replace(index, built.html.encode("utf-8"))
        for old in (target / "charts").iterdir():  # charts of an earlier, larger report
            if is_chart(old.name) and old.name not in built.charts:
                old.unlink()
    except (OSError, ValueError) as exc:  # ValueError: a name no file can have
        reason = getattr(exc, "strerror", None) or exc
        raise ReportError(
            f"cannot write the report ({reason})", where="report: out",
            got=str(target), allowed="a writable directory",
        ) from exc  # fmt: skip
    return index, built


#: The names of the files a report writes in ``charts/`` (see :class:`_Charts`).
_CHART_FILE = re.compile(r"(timeline-[0-9]+|resolution|escalations|workload)\.(svg|png)")


def is_chart(name: str) -> bool:
    """Whether ``name`` is the name of a chart file a report writes in ``charts/``.

    >>> is_chart("timeline-2.svg"), is_chart("workload.png"), is_chart("mine.svg")
    (True, True, False)
    """
    return _CHART_FILE.fullmatch(name) is not None


def _replace(path: Path, data: bytes) -> None:
    """Put ``data`` at ``path`` by writing a new file beside it and renaming it over ``path``.

    Whatever was at ``path`` is replaced, never written through: a symbolic link
    planted there is not followed, a named pipe does not block, and a reader never
    sees half a page.
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temporary, flags, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
