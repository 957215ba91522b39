"""``govrules calendar`` on a local calendar: the charter's duties move with local closures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from governance_rules.cli import main


def _items(capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, Any]:
    argv = ["calendar", "yangxin-2022", "--year", "2026", "--format", "json", *extra]
    assert main(argv) == 0
    items: list[dict[str, Any]] = json.loads(capsys.readouterr().out)["items"]
    return {item["rule"] + "@" + item["start"]: item for item in items}


def test_local_closures_reach_the_charter_calendar(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    overrides = tmp_path / "local.yaml"
    overrides.write_text(
        "name: typhoon\nclosures:\n  - {from: 2026-02-23, to: 2026-02-27, name: typhoon}\n"
        "  - {date: 2026-03-02, name: festival}\n",
        encoding="utf-8",
    )
    national = _items(capsys)
    local = _items(capsys, "--overrides", str(overrides))
    review = "information.periodic.half_year_summary@2026-01-01"
    assert (
        local[review]["working_days"] == national[review]["working_days"] - 5
    )  # 02-23 is already off
    # February's window (last seven days) kept one working day: the make-up Saturday
    window = next(k for k in local if k.startswith("meetings.regular") and "@2026-02-2" in k)
    assert local[window]["working_days"] == 1
    assert national[window]["working_days"] == 5


def test_the_rest_day_option_reaches_notice_days(capsys: pytest.CaptureFixture[str]) -> None:
    # notice 3 days before the quarter's window opens on Wednesday 1 April: by default the
    # latest day moves off Sunday 29 March to Friday 27 March; with rest days not moving
    # periods it stays on the Sunday
    argv = ["calendar", "oc-convened-quarterly", "--year", "2026", "--format", "json"]

    def notices(*extra: str) -> list[str]:
        assert main([*argv, *extra]) == 0
        items = json.loads(capsys.readouterr().out)["items"]
        return [i["start"] for i in items if i["rule"] == "meetings.regular.notice"]

    assert "2026-03-27" in notices()
    assert "2026-03-29" in notices("--rest-days-do-not-extend")


def test_unreadable_overrides_are_one_clear_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("closures: [{date: 2026-02-30}]\n", encoding="utf-8")
    argv = ["calendar", "yangxin-2022", "--year", "2026", "--overrides", str(bad)]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "closures[0].date: expected a date (got '2026-02-30')" in err[0]
