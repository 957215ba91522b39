"""A comparison written out: markdown, one self-contained HTML file, CSV.

Every piece of charter text is escaped for the format it goes into: an HTML
file has no script, no external resource and no markup from a charter; CSV cells
that a spreadsheet would run as a formula are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Sequence

from governance_rules._compare.comparison import AmendedRule, Comparison
from governance_rules._compare.machines import MachineDiff
from governance_rules._compare.order import Verdict
from governance_rules._i18n import has_text, text
from governance_rules._text import visible

__all__ = [
    "LABELS",
    "STYLESHEET",
    "amendment_verdict_text",
    "amendments_html",
    "to_csv",
    "to_html",
    "to_markdown",
    "verdict_text",
    "workflow_name",
]

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Comparison of charters",
        "baseline": "baseline",
        "start": "rules in force and ladders counted from",
        "figures": "The numbers that matter",
        "figure": "figure",
        "rules": "Rules that differ",
        "all_rules": "Every rule",
        "rule": "rule",
        "readings": "Competing readings",
        "in_force": "in force",
        "machines": "Compiled machines",
        "same_machine": "same states and edges",
        "states": "states",
        "edges": "edges",
        "added": "only in",
        "removed": "only in",
        "no_differences": "no differences",
        "reading": "reading",
        "citation": "citation",
        "verdict": "verdict",
        "charters": "charters",
        "amendments": "Amendments",
        "amendment_note": "Each rule an amendment changes, against the rules of the day before.",
        "effective": "in force from",
        "before": "before",
        "after": "after",
        "charter": "charter",
        "not_yet": "not yet in force",
        "steps_only_in": "steps only in",
        "more_steps": "{n} more: --format md, html or json",
        "amended_added": "new rule",
        "amended_dropped": "rule dropped",
        Verdict.SAME.value: "same",
        Verdict.STRICTER.value: "stricter",
        Verdict.LOOSER.value: "looser",
        Verdict.DIFFERENT.value: "different",
        Verdict.ONLY_HERE.value: "only here",
        Verdict.ONLY_FIRST.value: "only in baseline",
    },
    "zh": {
        "title": "章程比较",
        "baseline": "基准",
        "start": "现行规则日及层级期限起算日",
        "figures": "关键数字",
        "figure": "项目",
        "rules": "不同的规则",
        "all_rules": "全部规则",
        "rule": "规则",
        "readings": "不同理解",
        "in_force": "现行",
        "machines": "编译后的状态机",
        "same_machine": "状态和转换相同",
        "states": "状态",
        "edges": "转换",
        "added": "仅见于",
        "removed": "仅见于",
        "no_differences": "没有差异",
        "reading": "理解",
        "citation": "出处",
        "verdict": "比较",
        "charters": "章程",
        "amendments": "修订",
        "amendment_note": "修订改变的每条规则，与前一日的规则相比。",
        "effective": "施行日",
        "before": "修订前",
        "after": "修订后",
        "charter": "章程",
        "not_yet": "尚未施行",
        "steps_only_in": "步骤仅见于",
        "more_steps": "另有 {n} 项：见 --format md、html 或 json",
        "amended_added": "新增规则",
        "amended_dropped": "删除规则",
        Verdict.SAME.value: "相同",
        Verdict.STRICTER.value: "更严",
        Verdict.LOOSER.value: "更宽",
        Verdict.DIFFERENT.value: "不同",
        Verdict.ONLY_HERE.value: "仅此有",
        Verdict.ONLY_FIRST.value: "仅基准有",
    },
}

_MARKS = {
    Verdict.SAME: "=",
    Verdict.STRICTER: "▲",
    Verdict.LOOSER: "▼",
    Verdict.DIFFERENT: "≠",
    Verdict.ONLY_HERE: "+",
    Verdict.ONLY_FIRST: "−",
}


def verdict_text(v: Verdict, lang: str = "en") -> str:
    """``'▲ stricter'``: a mark and the word, in ``lang``.

    >>> verdict_text(Verdict.LOOSER, "zh")
    '▼ 更宽'
    """
    return f"{_MARKS[v]} {LABELS[lang][v.value]}"


def amendment_verdict_text(v: Verdict, lang: str = "en") -> str:
    """An amended value against the value before: ``'▲ stricter'``, ``'+ new rule'``.

    >>> amendment_verdict_text(Verdict.ONLY_FIRST)
    '− rule dropped'
    """
    words = {Verdict.ONLY_HERE: "amended_added", Verdict.ONLY_FIRST: "amended_dropped"}
    return f"{_MARKS[v]} {LABELS[lang][words.get(v, v.value)]}"


def workflow_name(kind: str, lang: str = "en") -> str:
    """A workflow kind as a heading names it: ``'meeting'``, in Chinese ``'会议流程'``.

    >>> workflow_name("issue"), workflow_name("issue", "zh")
    ('issue', '问题处理流程')
    """
    key = f"workflow.{kind}"
    return text(key, lang) if has_text(key) else kind


#: Markdown's inline syntax: backslash-escaped in charter text, so that no image (loaded
#: from the network when the page is viewed), link, emphasis or code span forms.
_MD_SYNTAX = re.compile(r"([\\`*_\[\]~!|])")


def _md(value: object) -> str:
    r"""``value`` as markdown text: shown as written, never read as markup.

    >>> _md("![x](http://t.example/p.png) <b>**a**</b> a|b")
    '\\!\\[x\\](http://t.example/p.png) &lt;b&gt;\\*\\*a\\*\\*&lt;/b&gt; a\\|b'
    """
    text = visible(_one_line("" if value is None else str(value)))
    return _MD_SYNTAX.sub(r"\\\1", html.escape(text, quote=False))


def _code(value: object) -> str:
    r"""``value`` as a markdown code span: shown as it is (markdown does not read HTML or
    entities inside one), a pipe escaped for the table, fenced past any backtick in it.

    >>> _code("issues.<i>x</i>"), _code("a|b"), _code("a`b")
    ('`issues.<i>x</i>`', '`a\\|b`', '``a`b``')
    """
    text = str(value).replace("|", "\\|").replace("\n", " ").replace("\r", " ")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def to_markdown(c: Comparison, *, every_rule: bool = False) -> str:
    """The comparison as a markdown document (tables, and mermaid blocks for the machines)."""
    t = LABELS[c.lang]
    head = [_md(x) for x in c.labels]
    out = [f"# {t['title']}", ""]
    for label, title in zip(c.labels, c.titles, strict=True):
        out.append(f"- {_code(label)}: {_md(title)}")
    out += ["", f"{t['baseline']}: {_code(c.labels[0])}; {t['start']} {c.start}", ""]
    out += [f"## {t['figures']}", "", "| " + " | ".join([t["figure"], *head]) + " |"]
    out.append("|" + "---|" * (len(head) + 1))
    for f in c.figures:
        cells = [_md(f.values[0])]
        cells += [_md(v) + ("" if d is Verdict.SAME else f" ({verdict_text(d, c.lang)})")
                  for v, d in zip(f.values[1:], f.verdicts, strict=True)]  # fmt: skip
        out.append("| " + " | ".join([_code(f.key), *cells]) + " |")
    rows = c.rules if every_rule else c.differences
    out += ["", f"## {t['all_rules'] if every_rule else t['rules']}", ""]
    if not rows:
        out.append(t["no_differences"])
    else:
        out.append("| " + " | ".join([t["rule"], *head]) + " |")
        out.append("|" + "---|" * (len(head) + 1))
        for r in rows:
            cells = [_cell_md(r.values[0], r.citations[0], None, c.lang)]
            cells += [_cell_md(v, ci, d, c.lang) for v, ci, d in
                      zip(r.values[1:], r.citations[1:], r.verdicts, strict=True)]  # fmt: skip
            name = _code(r.path) + (f" ({t['reading']}: {_md(r.reading)})" if r.reading else "")
            out.append("| " + " | ".join([name, *cells]) + " |")
    if c.readings:
        out += ["", f"## {t['readings']}", ""]
        for p in c.readings:
            out.append(f"- {_code(p.charter)} {_md(p.point)} ({_code(p.rule)})"
                       + (f": {_md(p.label)}" if p.label else ""))  # fmt: skip
            for o in p.options:
                mark = f" **{t['in_force']}**" if o.in_force else ""
                out.append(f"  - {_code(o.key)}{mark}: {_md(o.label)} — {_md(o.citation)}")
    if c.amendments:
        out += ["", f"## {t['amendments']}", "", t["amendment_note"], ""]
        out.append("| " + " | ".join([t["charter"], t["effective"], t["rule"], t["before"],
                                       t["after"], t["citation"]]) + " |")  # fmt: skip
        out.append("|" + "---|" * 6)
        for a in c.amendments:
            day = a.effective.isoformat() + ("" if a.in_force else f" ({t['not_yet']})")
            after = "—" if a.after is None else _md(a.after)
            after += f" ({amendment_verdict_text(a.verdict, c.lang)})"
            out.append("| " + " | ".join([_code(a.charter), day, _code(a.path),
                                           "—" if a.before is None else _md(a.before), after,
                                           _md(a.citation)]) + " |")  # fmt: skip
    out += ["", f"## {t['machines']}", ""]
    for m in c.machines:
        out.append(
            f"### {_md(workflow_name(m.kind, c.lang))}: {_code(m.first)} / {_code(m.other)}"
        )
        out.append("")
        if m.same:
            out += [t["same_machine"], ""]
            continue
        out += [f"- {t['states']}: +{len(m.added_states)} −{len(m.removed_states)}; "
                f"{t['edges']}: +{len(m.added_edges)} −{len(m.removed_edges)}"]  # fmt: skip
        added, removed = m.steps()
        for sign, steps, label in (("+", added, m.other), ("−", removed, m.first)):
            if steps:
                out.append(f"- {t['steps_only_in']} {_code(label)}:")
                out += [f"  - {sign} {_code(step)}" for step in steps]
        out += ["", "```mermaid", m.mermaid().rstrip("\n"), "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _cell_md(value: str | None, citation: str | None, v: Verdict | None, lang: str) -> str:
    text = _md(value) if value is not None else "—"
    if v is not None and v is not Verdict.SAME:
        text += f" ({verdict_text(v, lang)})"
    if citation:
        text += f"<br><small>{_md(citation)}</small>"
    return text


#: The page style of a comparison, which the report page builds on.
STYLESHEET = """
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0;font-size:0.92em}
th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}
th{background:#f4f4f4}code{font-size:0.95em}.cite{color:#666;font-size:0.85em;display:block}
.stricter{background:#fff5e6}.looser{background:#eef6ff}.different{background:#f7f0ff}
.only_here,.added{background:#e6ffed}.only_in_first,.removed{background:#ffeef0}
pre{background:#f8f8f8;padding:8px;overflow:auto;font-size:0.85em}
pre .added{color:#22863a}pre .removed{color:#cb2431}
"""


def _h(value: object) -> str:
    """``value`` as HTML text: escaped, and its controls, bidirectional marks and invisible
    characters shown as ``\\uXXXX`` (a right-to-left override reorders the cell it is in)."""
    return html.escape(visible(_one_line("" if value is None else str(value))), quote=True)


def _one_line(text: str) -> str:
    """Line breaks in a cell read as spaces."""
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def to_html(c: Comparison, *, every_rule: bool = True) -> str:
    """The comparison as ONE self-contained HTML file: inline CSS, no script, no links out."""
    t = LABELS[c.lang]
    heads = "".join(f"<th>{_h(x)}</th>" for x in c.labels)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if c.lang == "zh" else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(t['title'])}: {_h(' / '.join(c.labels))}</title>",
        f"<style>{STYLESHEET}</style></head><body>",
        f"<h1>{_h(t['title'])}</h1><ul>",
    ]
    for label, title in zip(c.labels, c.titles, strict=True):
        parts.append(f"<li><code>{_h(label)}</code>: {_h(title)}</li>")
    parts.append(f"</ul><p>{_h(t['baseline'])}: <code>{_h(c.labels[0])}</code>; "
                 f"{_h(t['start'])} {_h(c.start)}</p>")  # fmt: skip
    parts.append(f"<h2>{_h(t['figures'])}</h2><table><tr><th>{_h(t['figure'])}</th>{heads}</tr>")
    for f in c.figures:
        row = [f"<td><code>{_h(f.key)}</code></td>",
               _cell_html(f.values[0], f.citations[0], None, c.lang)]  # fmt: skip
        row += [
            _cell_html(v, ci, d, c.lang)
            for v, ci, d in zip(f.values[1:], f.citations[1:], f.verdicts, strict=True)
        ]
        parts.append("<tr>" + "".join(row) + "</tr>")
    parts.append("</table>")
    rows = c.rules if every_rule else c.differences
    parts.append(f"<h2>{_h(t['all_rules'] if every_rule else t['rules'])}</h2>")
    parts.append(f"<table><tr><th>{_h(t['rule'])}</th>{heads}</tr>")
    for r in rows:
        name = f"<code>{_h(r.path)}</code>"
        if r.reading:
            name += f'<span class="cite">{_h(t["reading"])}: {_h(r.reading)}</span>'
        row = [f"<td>{name}</td>", _cell_html(r.values[0], r.citations[0], None, c.lang)]
        row += [
            _cell_html(v, ci, d, c.lang)
            for v, ci, d in zip(r.values[1:], r.citations[1:], r.verdicts, strict=True)
        ]
        parts.append("<tr>" + "".join(row) + "</tr>")
    parts.append("</table>")
    if c.readings:
        parts.append(f"<h2>{_h(t['readings'])}</h2><ul>")
        for p in c.readings:
            label = f": {_h(p.label)}" if p.label else ""
            parts.append(f"<li><code>{_h(p.charter)}</code> {_h(p.point)} "
                         f"(<code>{_h(p.rule)}</code>){label}<ul>")  # fmt: skip
            for o in p.options:
                mark = f" <strong>{_h(t['in_force'])}</strong>" if o.in_force else ""
                parts.append(f"<li><code>{_h(o.key)}</code>{mark}: {_h(o.label)} "
                             f'<span class="cite">{_h(o.citation)}</span></li>')  # fmt: skip
            parts.append("</ul></li>")
        parts.append("</ul>")
    parts += amendments_html(c.amendments, c.lang)
    parts.append(f"<h2>{_h(t['machines'])}</h2>")
    for m in c.machines:
        parts.append(f"<h3>{_h(workflow_name(m.kind, c.lang))}: <code>{_h(m.first)}</code> / "
                     f"<code>{_h(m.other)}</code></h3>")  # fmt: skip
        if m.same:
            parts.append(f"<p>{_h(t['same_machine'])}</p>")
            continue
        parts += _steps_html(m, t)
        parts.append("<pre>")
        for line in m.mermaid().splitlines():
            mark = _line_mark(line)
            parts.append(f'<span class="{mark}">{_h(line)}</span>' if mark else _h(line))
        parts.append("</pre>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def amendments_html(amendments: Sequence[AmendedRule], lang: str) -> list[str]:
    """The amendments table: charter, day, rule, value before and after with its verdict."""
    t = LABELS[lang]
    parts: list[str] = []
    if not amendments:
        return parts
    parts.append(f"<h2>{_h(t['amendments'])}</h2><p>{_h(t['amendment_note'])}</p>")
    parts.append("<table><tr>" + "".join(
        f"<th>{_h(t[k])}</th>" for k in ("charter", "effective", "rule", "before", "after")
    ) + "</tr>")  # fmt: skip
    for a in amendments:
        day = _h(a.effective) + ("" if a.in_force else f" <em>({_h(t['not_yet'])})</em>")
        after = "—" if a.after is None else _h(a.after)
        after += f" <em>({_h(amendment_verdict_text(a.verdict, lang))})</em>"
        after += f'<span class="cite">{_h(a.citation)}</span>'
        cls = "" if a.verdict is Verdict.SAME else f' class="{a.verdict.value}"'
        parts.append(f"<tr><td><code>{_h(a.charter)}</code></td><td>{day}</td>"
                     f"<td><code>{_h(a.path)}</code></td>"
                     f"<td>{'—' if a.before is None else _h(a.before)}</td>"
                     f"<td{cls}>{after}</td></tr>")  # fmt: skip
    parts.append("</table>")
    return parts


def _steps_html(m: MachineDiff, t: dict[str, str]) -> list[str]:
    """The steps only one of two machines has, as two lists."""
    parts: list[str] = []
    added, removed = m.steps()
    for sign, steps, label, cls in (("+", added, m.other, "added"),
                                    ("−", removed, m.first, "removed")):  # fmt: skip
        if steps:
            parts.append(f"<p>{_h(t['steps_only_in'])} <code>{_h(label)}</code>:</p><ul>")
            parts += [f'<li class="{cls}">{sign} <code>{_h(step)}</code></li>'
                      for step in steps]  # fmt: skip
            parts.append("</ul>")
    return parts


def _line_mark(line: str) -> str:
    stripped = line.strip()
    if stripped.startswith('state "+ ') or ": + " in stripped or stripped.endswith(" added"):
        return "added"
    if stripped.startswith('state "- ') or ": - " in stripped or stripped.endswith(" removed"):
        return "removed"
    return ""


def _cell_html(value: str | None, citation: str | None, v: Verdict | None, lang: str) -> str:
    cls = f' class="{v.value}"' if v is not None and v is not Verdict.SAME else ""
    text = _h(value) if value is not None else "—"
    if v is not None and v is not Verdict.SAME:
        text += f" <em>({_h(verdict_text(v, lang))})</em>"
    if citation:
        text += f'<span class="cite">{_h(citation)}</span>'
    return f"<td{cls}>{text}</td>"


def _csv_safe(value: str | None) -> str:
    if value is None:
        return ""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(c: Comparison) -> str:
    """The comparison as one CSV table, its last column, ``section``, saying what a row is.

    Columns: ``path``, ``reading``, then each charter's ``LABEL:value``,
    ``LABEL:citation`` and ``LABEL:verdict`` (against the first; ``baseline`` for the
    first), then ``from`` and ``section``. Rows, in this order:

    - ``figure``: one per key figure, ``path`` its key, each value as the text and
      JSON views show it: a count or an exact fraction with its sign (``>= 2/3``),
      ``unspecified`` where the charter's rule sets none (never ``0``), ``—`` where
      the charter has no such rule;
    - ``rule``: one per aligned rule, an empty cell where the charter has no value;
    - ``amendment``: one per rule an amendment changes, ``from`` the day it takes
      effect, only the amended charter's cells filled: the value from that day, its
      citation, and its verdict against the value the day before.

    >>> from datetime import date
    >>> from governance_rules._compare import compare
    >>> out = to_csv(compare("yangxin-2022", "estate-mechanisms", start=date(2026, 9, 28)))
    >>> first = next(csv.reader(io.StringIO(out.splitlines()[1])))
    >>> [first[i] for i in (0, 2, 5, 7, 9)]  # doctest: +NORMALIZE_WHITESPACE
    ['regular_meetings_per_year', '6', 'unspecified (no interval: owners_assembly)',
     'only_in_first', 'figure']
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    head = ["path", "reading"]
    for label in c.labels:
        head += [f"{label}:value", f"{label}:citation", f"{label}:verdict"]
    writer.writerow([_csv_safe(h) for h in [*head, "from", "section"]])

    def cells(values: Sequence[str | None], citations: Sequence[str | None],
              verdicts: Iterable[Verdict]) -> list[str]:  # fmt: skip
        """Each charter's value, citation and verdict (``baseline`` for the first)."""
        marks = ["baseline", *(v.value for v in verdicts)]
        row: list[str] = []
        for value, citation, mark in zip(values, citations, marks, strict=True):
            row += [_csv_safe(value), _csv_safe(citation), mark]
        return row

    for f in c.figures:
        writer.writerow([_csv_safe(f.key), "", *cells(f.values, f.citations, f.verdicts),
                         "", "figure"])  # fmt: skip
    for r in c.rules:
        writer.writerow([_csv_safe(r.path), _csv_safe(r.reading),
                         *cells(r.values, r.citations, r.verdicts), "", "rule"])  # fmt: skip
    for a in c.amendments:
        row = [_csv_safe(a.path), ""]
        for label in c.labels:
            if label == a.charter:
                row += [_csv_safe(a.after), _csv_safe(a.citation), a.verdict.value]
            else:
                row += ["", "", ""]
        writer.writerow([*row, a.effective.isoformat(), "amendment"])
    return buffer.getvalue()
