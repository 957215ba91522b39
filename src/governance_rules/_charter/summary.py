"""A readable outline of a charter, every rule followed by its citation."""

from __future__ import annotations

from collections.abc import Iterator

from governance_rules._charter.bodies import RoleAssignment
from governance_rules._charter.conventions import conventions
from governance_rules._charter.issues import Level
from governance_rules._charter.meetings import Notice, Recurrence
from governance_rules._charter.model import Charter
from governance_rules._charter.types import Rule
from governance_rules._i18n import has_text, text

__all__ = ["charter_outline"]


def charter_outline(charter: Charter, lang: str = "en") -> Iterator[str]:
    """Lines describing ``charter`` in ``lang``; rule summaries are our English paraphrase.

    Every rule is followed by its citation, 《document title》 and article, and the
    sources are listed by title, issuer and date (never by storage file).

    >>> from governance_rules._charter import load_charter
    >>> lines = list(charter_outline(load_charter("yangxin-2022"), "zh"))
    >>> lines[0]
    'yangxin-2022 — 阳新县“三方联动”机制（四项制度）'
    >>> next(line for line in lines if line.startswith("  [yx]"))[-27:]
    '(四项制度)细则》，阳新县民政局，2022-07-21'
    """
    yield f"{charter.id} — {charter.title.get(lang)}"
    colon = text("colon", lang)
    yield f"  {text('outline.jurisdiction', lang)}{colon}{charter.jurisdiction.get(lang)}"
    if charter.extends:
        yield f"  {text('outline.extends', lang)}{colon}{charter.extends}"
    if charter.summary:
        yield f"  {charter.summary}"
    yield ""
    yield text("outline.sources", lang)
    for key, doc in charter.documents.items():
        yield f"  [{key}] {doc.describe(lang)}"
    sections: list[tuple[str, list[tuple[str, Rule]]]] = []
    for path, rule in charter.rules():
        section = path.split(".", 1)[0].split("[", 1)[0]
        if section == "readings":
            continue  # shown together below, the reading in force marked
        if not sections or sections[-1][0] != section:
            sections.append((section, []))
        sections[-1][1].append((path, rule))
    for section, rules in sections:
        yield ""
        yield _section_title(section, lang)
        for path, rule in rules:
            yield f"  {path}"
            if isinstance(rule, Recurrence):  # the rule is its own value: no interval
                yield f"      {rule.describe(lang)}"
            yield f"      {rule.source.summary}"
            yield f"      — {charter.citation(rule.source, lang)}"
            if isinstance(rule, RoleAssignment):
                yield f"      {text('outline.held_by', lang)}{colon}{rule.describe(lang)}"
            elif isinstance(rule, Level) and (rule.position or rule.alternatives):
                yield f"      {text('outline.handled_by', lang)}{colon}{rule.describe(lang)}"
            elif isinstance(rule, Notice) and rule.content:
                items = text("list_sep", lang).join(item.label(lang) for item in rule.content)
                yield f"      {text('outline.states', lang)}{colon}{items}"
            if rule.note:
                yield f"      {text('outline.reading', lang)}{colon}{rule.note}"
    yield from _readings(charter, lang)
    found = conventions(charter, lang)
    if found:
        yield ""
        yield text("outline.conventions", lang)
        for _, sentence in found:
            yield f"  - {sentence}"
    if charter.open_questions:
        yield ""
        yield text("outline.open_questions", lang)
        for question in charter.open_questions:
            yield f"  - {question}"


def _section_title(section: str, lang: str) -> str:
    key = f"section.{section}"
    return text(key, lang) if has_text(key) else section.replace("_", " ").capitalize()


def _readings(charter: Charter, lang: str) -> Iterator[str]:
    """Each reading point: the rule, every reading with its citation, the one in force marked."""
    if not charter.readings:
        return
    colon = text("colon", lang)
    yield ""
    yield text("outline.readings", lang)
    for key, point in charter.readings.items():
        title = f"{point.label.get(lang)} " if point.label else ""
        rule = f"({text('outline.readings_rule', lang)}{colon}{point.rule})"
        yield f"  readings.{key}: {title}{rule}"
        in_force = charter.reading(key)
        for option, reading in point.options.items():
            marks = [text("outline.default", lang)] if option == point.default else []
            if option == in_force:
                marks.append(text("outline.in_force", lang))
            flag = f" [{', '.join(marks)}]" if marks else ""
            yield f"    {option}: {reading.label.get(lang)}{flag}"
            yield f"      {reading.source.summary}"
            yield f"      — {charter.citation(reading.source, lang)}"
            yield f"      {text('outline.reading', lang)}{colon}{reading.note}"
