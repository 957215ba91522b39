"""Bundled charters and plugins (entry points) in the registry."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from governance_rules._charter import load_charter, load_charter_file, loader, registry
from governance_rules.errors import CharterValidationError

PLUGIN_CHARTER = """\
id: plugin-town
extends: cn-national-baseline
title: Plugin town
jurisdiction: Plugin town
documents:
  src: {file: 000_3a5c8b07dfb4019a.txt, heading: Plugin heading}
meetings:
  regular:
    kind: regular
    cadence: {every: monthly, source: {doc: src, summary: One meeting each month.}}
    decision: {kind: sortition, source: {doc: src, summary: Decided by drawing lots.}}
    source: {doc: src, summary: The monthly meeting.}
"""


class FakeEntryPoint:
    def __init__(self, name: str, target: Callable[[], Any]) -> None:
        self.name = name
        self._target = target

    def load(self) -> Any:
        return self._target()


@pytest.fixture
def plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[FakeEntryPoint]]]:
    groups: dict[str, list[FakeEntryPoint]] = {}
    monkeypatch.setattr(registry.metadata, "entry_points", lambda group: groups.get(group, []))
    for cached in (registry.available_charters, registry.decision_rule_kinds):
        cached.cache_clear()
    loader._load_by_id.cache_clear()
    yield groups
    for cached in (registry.available_charters, registry.decision_rule_kinds):
        cached.cache_clear()
    loader._load_by_id.cache_clear()


def test_bundled_charters_are_found() -> None:
    charters = registry.available_charters()
    assert charters["yangxin-2022"].origin == "bundled"
    assert charters["yangxin-2022"].path.name == "yangxin-2022.yaml"


def test_a_plugin_adds_charters_and_decision_kinds(
    plugins: dict[str, list[FakeEntryPoint]], tmp_path: Path
) -> None:
    (tmp_path / "plugin-town.yaml").write_text(PLUGIN_CHARTER, encoding="utf-8")
    (tmp_path / "yangxin-2022.yaml").write_text("id: shadow\n", encoding="utf-8")
    plugins[registry.CHARTER_ENTRY_POINTS] = [FakeEntryPoint("town", lambda: tmp_path)]
    # without the decision-rule plugin the kind is unknown, with the list of known kinds
    with pytest.raises(CharterValidationError, match="unknown decision rule 'sortition'"):
        load_charter("plugin-town")
    plugins[registry.DECISION_RULE_ENTRY_POINTS] = [FakeEntryPoint("sortition", lambda: None)]
    registry.decision_rule_kinds.cache_clear()
    charter = load_charter("plugin-town")
    assert charter.meetings["regular"].decision is not None
    assert charter.meetings["regular"].decision.kind == "sortition"
    entries = registry.available_charters()
    assert entries["plugin-town"].origin == "plugin:town"
    assert entries["yangxin-2022"].origin == "bundled"  # a plugin cannot shadow a bundled id


def test_a_broken_plugin_does_not_break_the_registry(
    plugins: dict[str, list[FakeEntryPoint]], caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> Any:
        raise ImportError("no module named nowhere")

    plugins[registry.CHARTER_ENTRY_POINTS] = [FakeEntryPoint("broken", broken)]
    assert "yangxin-2022" in registry.available_charters()
    assert "charter plugin 'broken' could not be loaded" in caplog.text


def test_loading_by_path_or_id_gives_equal_charters() -> None:
    by_id = load_charter("yangxin-2022")
    by_path = load_charter_file(registry.bundled_rulesets_dir() / "yangxin-2022.yaml")
    assert by_id == by_path
    assert load_charter("yangxin-2022") is by_id  # loading by id is cached
