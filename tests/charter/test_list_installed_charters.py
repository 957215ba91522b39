"""``govrules list`` with installed charters (a plugin's directory), one of them broken."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from governance_rules._charter import loader, registry
from governance_rules.cli import main

GOOD = """\
id: our-estate
extends: yangxin-2022
title: {zh: 本小区联席会议制度, en: Our estate's joint meeting}
jurisdiction: {zh: 某小区, en: one estate}
"""


@pytest.fixture
def plugin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    (tmp_path / "our-estate.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("id: broken\ntitle: [oops\n", encoding="utf-8")
    monkeypatch.setattr(registry, "_plugin_dirs", lambda: iter([("demo", tmp_path)]))
    registry.available_charters.cache_clear()
    yield tmp_path
    monkeypatch.undo()
    registry.available_charters.cache_clear()
    loader._load_by_id.cache_clear()


def test_a_broken_installed_charter_does_not_hide_the_others(
    plugin_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # one installed file that does not parse made `govrules list` print nothing but its error
    assert main(["list", "--format", "json"]) == 1
    out, err = capsys.readouterr()
    rows = {row["id"]: row for row in json.loads(out)}
    assert rows["our-estate"]["origin"] == "plugin:demo"
    assert rows["our-estate"]["status"] == "charter"
    assert rows["broken"]["status"] == "invalid"
    assert rows["broken"]["problem"].startswith(f"{plugin_dir / 'broken.yaml'}:3:1: ")
    assert "yangxin-2022" in rows
    assert err.strip().splitlines() == [f"error: {rows['broken']['problem']}"]
    assert main(["list"]) == 1
    out, _ = capsys.readouterr()
    assert "our-estate" in out
    assert "invalid" in out
