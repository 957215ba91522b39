"""Wrong argument types at the public entry points are library errors, not crashes.

An app that passes a list where varargs are expected, an int for a charter or a
string for a year gets an error from ``governance_rules.errors`` that says what it
got and what is allowed, never an AttributeError from deep inside.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import governance_rules as gr
from governance_rules._charter.registry import bundled_rulesets_dir

CASES: list[tuple[str, Callable[[], Any], type[gr.GovernanceRulesError], str]] = [
    ("load_charter(3)", lambda: gr.load_charter(3), gr.CharterError, "got 'int'"),
    ("load_charter(None)", lambda: gr.load_charter(None), gr.CharterError, "got 'NoneType'"),
    ("load_charter(bytes)", lambda: gr.load_charter(b"yangxin-2022"), gr.CharterError,
     "got 'bytes'"),
    ("Engine(3)", lambda: gr.Engine(3), gr.CharterError, "not a charter id or a file path"),
    ("Engine(store=3)", lambda: gr.Engine("yangxin-2022", store=3), gr.StoreError,
     "not an event store"),
    ("Engine(calendar=str)", lambda: gr.Engine("yangxin-2022", calendar="china"),
     gr.CalendarError, "not a WorkingCalendar"),
    ("simulate([3])", lambda: gr.simulate([3], communities=1), gr.CharterError, "got 'int'"),
    ("obligations(year='2026')", lambda: gr.obligations("yangxin-2022", "2026"),
     gr.CalendarError, "a whole year from 2001 to 2036"),
    ("obligations(year=10**9)", lambda: gr.obligations("yangxin-2022", 10**9),
     gr.CalendarError, "not a year of the calendar"),
    ("compare(3, ...)", lambda: gr.compare(3, "yangxin-2022"), gr.GovernanceRulesError,
     "not a charter (got 'int')"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "call", "error", "message"), CASES, ids=[c[0] for c in CASES])
def test_a_wrong_type_is_a_library_error(
    name: str, call: Callable[[], Any], error: type[gr.GovernanceRulesError], message: str
) -> None:
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)


def test_the_charter_arguments_take_ids_paths_and_lists_alike() -> None:
    path = bundled_rulesets_dir() / "model-charter-rc.yaml"
    assert gr.load_charter(Path(path)).id == "model-charter-rc"
    assert gr.Engine(path).charter.id == "model-charter-rc"
    assert gr.compare(["yangxin-2022", path]).labels == ("yangxin-2022", "model-charter-rc")
    assert gr.compare("yangxin-2022", path).labels == ("yangxin-2022", "model-charter-rc")
    by_id = gr.obligations("yangxin-2022", 2026)
    assert by_id == gr.obligations(gr.load_charter("yangxin-2022"), 2026)
    assert by_id[0].start >= date(2025, 12, 1)
