"""Properties every bundled charter must have: valid, cited, faithful, round-trippable."""

from __future__ import annotations

import re

import pytest

from governance_rules._charter import Charter, available_charters, load_charter
from governance_rules._charter.registry import bundled_rulesets_dir
from tests.charters.common import (
    SOURCES,
    fingerprint_sources,
    needs_sources,
    source_fingerprints,
)

BUNDLED = sorted(e.id for e in available_charters().values() if e.origin == "bundled")
EXPECTED = {
    "cn-national-baseline",
    "yangxin-2022",
    "oc-convened-quarterly",
    "rotating-quarterly-consensus",
    "owners-alliance-quarterly",
    "street-joint-meeting",
    "oc-agenda-majority",
    "party-building-5x",
    "co-building-two-thirds",
    "jingan-three-in-one",
    "yayuan-monthly",
    "pm-joint-quarterly",
    "model-charter-rc",
    "rc-half-yearly",
    "pm-liaison-bimonthly",
    "pm-liaison-quarterly",
}


def _source_runs() -> set[str]:
    """30-character runs of Chinese text in the sources (a copied sentence contains one)."""
    runs: set[str] = set()
    for path in SOURCES.glob("*.txt"):
        text = path.read_text(encoding="utf-8", errors="ignore")
        for match in re.finditer(r"[\u4e00-\u9fff，、；：“”（）]{30,}", text):
            s = match.group(0)
            runs.update(s[i : i + 30] for i in range(0, len(s) - 29, 5))
    return runs


def test_every_variant_is_bundled() -> None:
    assert set(BUNDLED) >= EXPECTED


@pytest.mark.parametrize("charter_id", BUNDLED)
def test_loads_and_every_rule_cites_a_declared_document(charter_id: str) -> None:
    ch = load_charter(charter_id)
    assert ch.id == charter_id
    rules = list(ch.rules())
    assert rules
    for path, rule in rules:
        assert rule.source.doc in ch.documents, path
        assert len(rule.source.summary) >= 10, f"{path}: summary too short"
    source_files = {d.file for d in ch.documents.values() if d.kind.value == "source"}
    known = source_fingerprints()
    for file in source_files:
        assert str(file) in known, f"{file} is not a source file"


@needs_sources
def test_the_kept_fingerprints_match_the_source_texts() -> None:
    assert fingerprint_sources() == source_fingerprints(), (
        "the source texts changed: regenerate tests/data/source-fingerprints.json with "
        "tests.charters.common.write_fingerprints() and review the diff"
    )


@pytest.mark.parametrize("charter_id", BUNDLED)
def test_round_trips_through_json(charter_id: str) -> None:
    ch = load_charter(charter_id)
    again = Charter.model_validate(ch.model_dump(mode="json"))
    assert again == ch


@needs_sources
@pytest.mark.parametrize("charter_id", BUNDLED)
def test_copies_no_sentence_from_the_sources(charter_id: str) -> None:
    text = (bundled_rulesets_dir() / f"{charter_id}.yaml").read_text(encoding="utf-8")
    copied = [run for run in _source_runs() if run in text]
    assert not copied, f"copied from the sources: {copied[:3]}"


@needs_sources
@pytest.mark.parametrize("charter_id", BUNDLED)
def test_headings_are_the_sources_own(charter_id: str) -> None:
    ch = load_charter(charter_id)
    for key, document in ch.documents.items():
        if document.kind.value == "source":
            text = (SOURCES / str(document.file)).read_text(encoding="utf-8")
            assert document.heading in text, f"documents.{key}.heading is not in {document.file}"
