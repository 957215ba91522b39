"""A readable outline of a charter, every rule followed by its citation."""

from __future__ import annotations

from collections.abc import Iterator

from governance_rules.charter.model import Charter
from governance_rules.charter.types import Rule

__all__ = ["charter_outline"]


def charter_outline(charter: Charter, lang: str = "en") -> Iterator[str]:
    """Lines describing ``charter`` in ``lang`` (labels; summaries are in English).

    >>> from governance_rules.charter import load_charter
    >>> lines = list(charter_outline(load_charter("yangxin-2022"), "zh"))
    >>> lines[0]
    'yangxin-2022 — 阳新县“三方联动”机制（四项制度）'
    """
    yield f"{charter.id} — {charter.title.get(lang)}"
    yield f"  jurisdiction: {charter.jurisdiction.get(lang)}"
    if charter.extends:
        yield f"  extends: {charter.extends}"
    if charter.summary:
        yield f"  {charter.summary}"
    yield ""
    yield "Sources"
    for key, doc in charter.documents.items():
        where = f"{doc.file} — " if doc.file else ""
        yield f"  [{key}] {where}{doc.heading}"
    sections: list[tuple[str, list[tuple[str, Rule]]]] = []
    for path, rule in charter.rules():
        section = path.split(".", 1)[0].split("[", 1)[0]
        if not sections or sections[-1][0] != section:
            sections.append((section, []))
        sections[-1][1].append((path, rule))
    for section, rules in sections:
        yield ""
        yield section.replace("_", " ").capitalize()
        for path, rule in rules:
            yield f"  {path}"
            yield f"      {rule.source.summary}"
            article = f" {rule.source.article}" if rule.source.article else ""
            yield f"      — [{rule.source.doc}]{article}"
            if rule.note:
                yield f"      note: {rule.note}"
    if charter.open_questions:
        yield ""
        yield "Open questions"
        for question in charter.open_questions:
            yield f"  - {question}"
