"""``extends`` merges and the loader's parse cache: results are the caller's own."""

from __future__ import annotations

from governance_rules._charter.loader import load_charter, load_charter_text
from governance_rules._charter.model import deep_merge
from governance_rules._charter.registry import find_charter


def test_deep_merge_keeps_the_base_order_and_shares_nothing() -> None:
    base = {"a": {"x": [1], "y": 2}, "b": [1, 2], "c": {"k": "v"}, "d": 4}
    changes = {"c": {"k": "w", "new": [3]}, "a": None, "e": {"f": [5]}, "b": [9]}
    merged = deep_merge(base, changes)
    assert merged == {"b": [9], "c": {"k": "w", "new": [3]}, "d": 4, "e": {"f": [5]}}
    assert list(merged) == ["b", "c", "d", "e"]  # base order first, new keys after
    merged["b"].append(0)
    merged["c"]["new"].append(0)
    merged["e"]["f"].append(0)
    assert changes == {"c": {"k": "w", "new": [3]}, "a": None, "e": {"f": [5]}, "b": [9]}
    assert base == {"a": {"x": [1], "y": 2}, "b": [1, 2], "c": {"k": "v"}, "d": 4}
    untouched = deep_merge(base, {})
    untouched["a"]["x"].append(0)
    assert base["a"]["x"] == [1]


def test_a_charter_read_twice_gets_its_own_data() -> None:
    # a charter without ``extends``: its parsed data is what the loader keeps
    path = find_charter("cn-national-baseline").path
    text = path.read_text(encoding="utf-8")
    first = load_charter_text(text, name=path.name, base_dir=path.parent)
    written = first._as_written()
    assert "extends" not in written
    written["title"] = {"en": "changed by an app"}
    written["documents"].clear()
    second = load_charter_text(text, name=path.name, base_dir=path.parent)
    assert (
        second._as_written()["title"]
        == load_charter("cn-national-baseline")._as_written()["title"]
    )
    assert second._as_written()["documents"]
    assert second.documents == first.documents


def test_a_rule_cited_anew_keeps_neither_the_old_note_nor_the_old_article() -> None:
    """A charter that re-cites an inherited rule gets its own citation whole; the parent's
    note on its own source (the baseline's 民法典 第937条 reading) does not follow."""
    text = """
id: child
extends: cn-national-baseline
title: Child
jurisdiction: somewhere
documents: {s: {file: 000_3a5c8b07dfb4019a.txt, heading: H}}
bodies:
  property_company:
    source: {doc: s, summary: The company is a member.}
  owners_committee:
    source: {doc: s, article: 二, summary: The committee is a member.}
    note: the child's own note stays
"""
    parent = load_charter("cn-national-baseline")
    assert parent.bodies["property_company"].note is not None
    assert parent.bodies["property_company"].source.article == "第937条"
    child = load_charter_text(text, name="child.yaml")
    company = child.bodies["property_company"]
    assert company.note is None
    assert (company.source.doc, company.source.article) == ("s", None)
    assert child.bodies["owners_committee"].note == "the child's own note stays"
    assert deep_merge({"source": {"doc": "a"}, "note": "n"}, {"note": "m"}) == {
        "source": {"doc": "a"}, "note": "m"}  # fmt: skip
