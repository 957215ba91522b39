"""Every bundled charter cites documents people can read and labels duties in both languages."""

from __future__ import annotations

import re

import pytest

from governance_rules._charter import available_charters, load_charter
from governance_rules._charter.model import DocumentKind
from tests.charters.common import source_fingerprints

BUNDLED = sorted(e.id for e in available_charters().values() if e.origin == "bundled")
_STORAGE = re.compile(r"\.txt|\.md|\b[0-9a-f]{16}\b|lines? \d")


@pytest.mark.parametrize("charter_id", BUNDLED)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_citations_name_the_title_and_article_only(charter_id: str, lang: str) -> None:
    ch = load_charter(charter_id)
    for path, rule in ch.rules():
        cited = ch.citation(rule.source, lang)
        doc = ch.documents[rule.source.doc]
        assert not _STORAGE.search(cited), f"{path}: {cited}"
        assert rule.source.summary not in cited, path
        if rule.note:
            assert rule.note not in cited, path
        if doc.kind is not DocumentKind.GUIDE:
            assert cited == f"《{doc.name}》{rule.source.article or ''}", path


@pytest.mark.parametrize("charter_id", BUNDLED)
def test_documents_keep_their_storage_place_as_data(charter_id: str) -> None:
    for key, doc in load_charter(charter_id).documents.items():
        if doc.kind is DocumentKind.SOURCE:
            assert doc.file is not None
            assert doc.file in source_fingerprints(), key  # a real source text
        for lang in ("en", "zh"):
            shown = doc.describe(lang)
            assert doc.heading in shown or doc.kind is DocumentKind.GUIDE
            assert not _STORAGE.search(shown), shown


def test_laws_are_cited_by_their_short_names() -> None:
    base = load_charter("cn-national-baseline")
    assert base.citation(base.matters["owners_major"].source) == "《民法典》第278条"
    cited = {base.citation(rule.source) for _, rule in base.rules()}
    assert "《物业管理条例》第16条" in cited
    assert any(c.startswith("《业主大会和业主委员会指导规则》第") for c in cited)
    assert any(c.startswith("《城市居民委员会组织法》第") for c in cited)
    civil = base.documents["civil-code"]
    assert (civil.heading, civil.cited_as, civil.date) == (
        "中华人民共和国民法典",
        "民法典",
        "2020",
    )


def test_the_guide_is_cited_in_words_without_author_notes() -> None:
    base = load_charter("cn-national-baseline")
    guide = base.documents["domain"]
    assert guide.cite(lang="en") == "governance_rules domain guide, “Legal baseline”"
    assert guide.cite(lang="zh") == "governance_rules 领域说明“Legal baseline”"


def test_issuer_and_date_where_the_source_gives_them() -> None:
    yx = load_charter("yangxin-2022").documents
    for key in ("yx", "yx-notice"):
        assert yx[key].issuer is not None
        assert (yx[key].issuer.get("zh"), yx[key].date) == ("阳新县民政局", "2022-07-21")
    ya = load_charter("yayuan-monthly").documents["ya"]
    assert ya.date == "2016-06-29"
    assert ya.issuer is not None


@pytest.mark.parametrize(
    ("charter_id", "key"),
    [
        ("co-building-two-thirds", "cb"),
        ("party-building-5x", "pb"),
        ("jingan-three-in-one", "ja"),
        ("model-charter-rc", "mc"),
        ("rc-half-yearly", "rh"),
        ("pm-liaison-bimonthly", "lb"),
    ],
)
def test_no_issuer_or_date_is_invented(charter_id: str, key: str) -> None:
    doc = load_charter(charter_id).documents[key]
    assert (doc.issuer, doc.date) == (None, None)


@pytest.mark.parametrize("charter_id", BUNDLED)
def test_every_duty_has_a_label_in_both_languages(charter_id: str) -> None:
    ch = load_charter(charter_id)
    info = ch.information
    labelled = {
        **{f"meetings.{k}": m.label for k, m in ch.meetings.items()},
        **{f"publicity.{k}": p.label for k, p in info.publicity.items()},
        **{f"periodic.{k}": p.label for k, p in info.periodic.items()},
        **{f"notifications.{k}": n.label for k, n in info.notifications.items()},
        **{f"reports.{k}": r.label for k, r in info.reports.items()},
    }
    for path, label in labelled.items():
        assert label is not None, f"{path} has no label"
        assert label.zh, f"{path}: no zh label"
        assert label.en, f"{path}: no en label"
        assert re.search(r"[\u4e00-\u9fff]", label.zh), f"{path}: zh label is not Chinese"
        assert label.en.isascii(), f"{path}: en label is not English"
        assert len(label.zh) <= 20, f"{path}: a label is a short name, not a sentence"
