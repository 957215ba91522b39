"""``govrules compare``: charters side by side, differences classified, machines diffed."""

from __future__ import annotations

import re
from datetime import date

import click
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from governance_rules._charter import Charter, load_charter
from governance_rules._charter.labels import label_of
from governance_rules._compare import Comparison, MachineDiff, Verdict, compare
from governance_rules._compare.comparison import charter_variants, parse_charter_spec
from governance_rules._compare.render import (
    LABELS,
    amendment_verdict_text,
    to_csv,
    to_html,
    to_markdown,
    verdict_text,
    workflow_name,
)
from governance_rules._i18n import text
from governance_rules.cli._app import (
    cell,
    check_day,
    clean,
    cli,
    console,
    echo_json,
    lang_option,
    parse_date,
)

__all__ = ["compare_charters", "fit"]

_PATH_WIDTH = 26
_STEPS = 12  # steps listed per machine and side; md, html and json list them all
#: Columns a charter's values need to be read in the text view (a word of a value)
_NARROW = 10
_STYLES = {
    Verdict.STRICTER: "bold",
    Verdict.LOOSER: "italic",
    Verdict.ONLY_HERE: "underline",
    Verdict.ONLY_FIRST: "strike",
}


@cli.command(
    "compare",
    epilog="""\b
CHARTER is a charter id (see `govrules list`), a path to a YAML file, or
ID@POINT=READING for a charter under one of its competing readings. The first
charter is the baseline: every other charter's value of a rule is marked
stricter, looser, different, only here, or only in the baseline. One charter
with competing readings is compared under each of its readings.

\b
The text view lists the numbers that matter, the rules that differ, each
charter's amendments (what changes on which day) and the steps only one
compiled machine has, for an 80-column terminal (--all: every rule). md and
html add the diagram diff of the compiled machines; html is one
self-contained file; csv has one row per key figure, per rule and per amended
rule (its 'section' column says which; an amended rule has the day in its
'from' column); json is the Python API's data (governance_rules.compare). A
figure the charter does not state is 'unspecified' in every format, never 0.

\b
Examples:
  govrules compare yangxin-2022 model-charter-rc
  govrules compare yangxin-2022 pm-liaison-bimonthly --format md > diff.md
  govrules compare yangxin-2022 model-charter-rc --format html > diff.html
  govrules compare co-building-two-thirds
  govrules compare co-building-two-thirds@decision=one_vote_veto my-district.yaml
  govrules compare yangxin-2022 model-charter-rc --from 2026-09-28 --lang zh
  govrules compare model-charter-rc my-district.yaml --from 2027-01-01""",
)
@click.argument("refs", nargs=-1, required=True, metavar="CHARTER...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md", "html", "csv", "json"]),
    default="text",
    show_default=True,
    help="md and html add the diagram diff (html: one self-contained page); csv: a row "
    "per figure, rule and amended rule; json: the Python API's data, for scripts. See the "
    "notes below.",
)
@lang_option
@click.option("--all", "every_rule", is_flag=True, help="Show every rule, not only differences.")
@click.option(
    "--from",
    "start",
    metavar="YYYY-MM-DD",
    help="Day whose rules in force are compared (each charter's amendments effective by "
    "then applied) and ladders' worst cases are counted from (default: today).",
)
@click.option(
    "--variants",
    is_flag=True,
    help="Compare every charter given under each of its competing readings.",
)
def compare_charters(
    refs: tuple[str, ...], fmt: str, lang: str, every_rule: bool, start: str | None,
    variants: bool,
) -> int:  # fmt: skip
    """Compare charters rule by rule, with citations, key figures and machine diffs."""
    day = check_day(parse_date(start, "--from"), "--from") if start else date.today()
    items: list[Charter] = []
    labels: list[str] = []
    for ref in refs:
        name, chosen = parse_charter_spec(ref)
        charter = load_charter(name, readings=chosen or None)
        found = charter_variants(charter) if variants and charter.readings else []
        if found:
            labels += [label for label, _ in found]
            items += [variant for _, variant in found]
        else:
            labels.append(label_of(charter))  # as simulate and report label it
            items.append(charter)
    result = compare(*items, start=day, lang=lang, labels=labels if len(items) > 1 else None)
    if fmt == "json":
        echo_json(result.to_dict())
    elif fmt == "md":
        click.echo(to_markdown(result, every_rule=every_rule), nl=False)
    elif fmt == "html":
        click.echo(to_html(result), nl=False)
    elif fmt == "csv":
        click.echo(to_csv(result), nl=False)
    else:
        _print_text(result, every_rule)
        width = console().width
        if (width - _path_width(len(result.labels), width)) // len(result.labels) < _NARROW:
            words = text("compare.too_narrow", result.lang, n=len(result.labels),
                         least=_NARROW, width=width)  # fmt: skip
            click.echo(words, err=True)
    return 0


def _path(path: str, width: int = _PATH_WIDTH) -> Text:
    """A dotted path broken at its dots (and inside a long name, at ``_``) to fit ``width``."""
    return Text("\n".join(fit(clean(path).replace("[", ".["), width, ".")))


def fit(text: str, width: int, mark: str) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken before each ``mark``.

    A piece still too long is broken after ``_`` or ``-``; rich folds what remains.

    >>> fit("meetings.regular.notice.lead", 18, ".")
    ['meetings.regular', '.notice.lead']
    >>> fit("regular_meetings_per_year", 18, ".")
    ['regular_meetings_', 'per_year']

    Broken before ``"."`` (a rule path), an index (``.[0]``, as the caller marks it)
    keeps no dot; any other mark is kept whatever follows it:

    >>> fit("issues.routine.ladder.[0].handler", 30, ".")
    ['issues.routine.ladder[0]', '.handler']
    >>> fit("mk@[red]dec=[bold]veto", 12, "@")
    ['mk', '@[red]dec=[bold]veto']
    """
    pieces: list[str] = []
    for index, part in enumerate(text.split(mark)):
        index_part = mark == "." and part.startswith("[")
        piece = part if index == 0 or index_part else mark + part
        if len(piece) > width:
            pieces += [p for p in re.split(r"(?<=[_-])", piece) if p]
        else:
            pieces.append(piece)
    lines: list[str] = []
    for piece in pieces:
        if lines and len(lines[-1]) + len(piece) <= width:
            lines[-1] += piece
        else:
            lines.append(piece)
    return lines


def _value(value: str | None, citation: str | None, v: Verdict | None, lang: str) -> Text:
    style = (_STYLES.get(v) or "") if v else ""
    out = Text(clean(value) if value is not None else "—", style=style)
    if v is not None and v is not Verdict.SAME:
        out.append(f"\n{verdict_text(v, lang)}")
    if citation:
        out.append("\n" + clean(citation), style="dim")
    return out


def _path_width(columns: int, width: int) -> int:
    """The rule column's width: 26 cells beside two charters at 80 columns, less beside more."""
    share = {2: 26, 3: 18}.get(columns, 14)
    return max(12, min(40, share * width // 80))


def _table(first: str, labels: tuple[str, ...], path_width: int) -> Table:
    header = max(12, path_width - 2)
    out = Table(show_lines=True, title_justify="left", pad_edge=False)
    # no min_width: rich crops a table whose minimum widths exceed the terminal
    out.add_column(first, overflow="fold", max_width=path_width)
    for label in labels:
        out.add_column(Text("\n".join(fit(clean(label), header, "@"))), overflow="fold")
    return out


def _print_text(c: Comparison, every_rule: bool) -> None:
    t = LABELS[c.lang]
    out = console()
    out.soft_wrap = False  # prose lines wrap at words to the terminal's width
    for label, title in zip(c.labels, c.titles, strict=True):
        out.print(Text.assemble((clean(label), "bold"), ": ", clean(title)))
    out.print(cell(f"{t['baseline']}: {c.labels[0]}; {t['start']} {c.start}"))
    width = _path_width(len(c.labels), out.width)
    figures = _table(t["figure"], c.labels, width)
    figures.title = t["figures"]
    same = 0
    for f in c.figures:
        if (
            not every_rule
            and f.key != "regular_meetings_per_year"
            and all(v is Verdict.SAME for v in f.verdicts)
        ):
            same += 1
            continue
        cells = [_value(f.values[0], None, None, c.lang)]
        cells += [_value(v, None, d, c.lang) for v, d in zip(f.values[1:], f.verdicts,
                                                             strict=True)]  # fmt: skip
        figures.add_row(_path(f.key, width), *cells)
    out.print(figures)
    if same:
        out.print(cell(text("compare.more_figures", c.lang, n=same)))
    rows = c.rules if every_rule else c.differences
    if not rows:
        out.print(cell(t["no_differences"]))
    else:
        rules = _table(t["rule"], c.labels, width)
        rules.title = t["all_rules"] if every_rule else t["rules"]
        shown: list[str | None] = [None] * len(c.labels)
        for r in rows:
            # a citation is shown where it changes: rows of one rule share it
            cites = [
                None if ci == before else ci for ci, before in zip(r.citations, shown, strict=True)
            ]
            shown = [ci or before for ci, before in zip(r.citations, shown, strict=True)]
            name = _path(r.path, width)
            if r.reading:
                name.append(f"\n({t['reading']}: {clean(r.reading)})", style="dim")
            cells = [_value(r.values[0], cites[0], None, c.lang)]
            cells += [_value(v, ci, d, c.lang) for v, ci, d in
                      zip(r.values[1:], cites[1:], r.verdicts, strict=True)]  # fmt: skip
            rules.add_row(name, *cells)
        out.print(rules)
    if c.readings:
        out.print(Text(t["readings"], style="bold"))
        for p in c.readings:
            out.print(cell(f"{p.charter} {p.point} ({p.rule})" + (f": {p.label}" if p.label
                                                                  else "")))  # fmt: skip
            for o in p.options:
                mark = "*" if o.in_force else " "
                note = f" ({t['in_force']})" if o.in_force else ""
                out.print(cell(f"  {mark} {o.key}{note}: {o.label} — {o.citation}"))
    if c.amendments:
        out.print(Group(*_amendment_lines(c, t)))
    out.print(Text(t["machines"], style="bold"))
    for m in c.machines:
        out.print(Group(*_machine_lines(m, t, out.width, c.lang)))


def _amendment_lines(c: Comparison, t: dict[str, str]) -> list[Text]:
    lines = [Text(t["amendments"], style="bold"), cell(t["amendment_note"])]
    for a in c.amendments:
        day = a.effective.isoformat() + ("" if a.in_force else f" ({t['not_yet']})")
        change = f"{'—' if a.before is None else a.before} → {'—' if a.after is None else a.after}"
        verdict = amendment_verdict_text(a.verdict, c.lang)
        lines.append(cell(f"{a.charter} {day}: {a.path}: {change} ({verdict}) — {a.citation}"))
    return lines


def _hanging(line: str, indent: int, width: int) -> Text:
    """``line`` indented, wrapped at words to ``width`` with its later lines under its text."""
    words = cell(line).wrap(console(), max(20, width - indent - 2))
    parts = [(" " * (indent if n == 0 else indent + 2)) + str(w).rstrip()
             for n, w in enumerate(words)]  # fmt: skip
    return Text("\n".join(parts))


def _machine_lines(
    m: MachineDiff, t: dict[str, str], width: int, lang: str
) -> list[RenderableType]:
    head = f"{workflow_name(m.kind, lang)}: {m.first} / {m.other}: "
    if m.same:
        return [cell(head + t["same_machine"])]
    lines: list[RenderableType] = [
        cell(head + f"{t['states']} +{len(m.added_states)} −{len(m.removed_states)}, "
                    f"{t['edges']} +{len(m.added_edges)} −{len(m.removed_edges)}")
    ]  # fmt: skip
    lines += [cell(f"  + {s}") for s in _tops(m.added_states)]
    lines += [cell(f"  − {s}") for s in _tops(m.removed_states)]
    added, removed = m.steps()
    for sign, steps, label in (("+", added, m.other), ("−", removed, m.first)):
        if steps:
            lines.append(cell(f"  {t['steps_only_in']} {label}:"))
            lines += [_hanging(f"{sign} {step}", 4, width) for step in steps[:_STEPS]]
            if len(steps) > _STEPS:
                lines.append(cell("    (" + t["more_steps"].format(n=len(steps) - _STEPS) + ")"))
    return lines


def _tops(states: tuple[str, ...]) -> list[str]:
    """The states no ancestor of which is in the list too: a new category or ladder level,
    not each state under it.

    >>> _tops(("a", "a.L0.open", "a.L0.replied", "b.L1", "b.L1.open", "c.x"))
    ['a', 'b.L1', 'c.x']
    """
    found = set(states)

    def ancestors(state: str) -> list[str]:
        parts = state.split(".")
        return [".".join(parts[:n]) for n in range(1, len(parts))]

    return [s for s in states if not any(a in found for a in ancestors(s))]
