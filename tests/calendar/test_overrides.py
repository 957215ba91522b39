"""Local overrides: YAML loading, ranges, and errors naming the entry."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from governance_rules._calendar import CalendarOverrides, WorkingCalendar
from governance_rules.errors import OverridesError
from tests.conftest import d

GOOD = """
name: Example autonomous prefecture
closures:
  - date: 2026-04-20
    name: 三月三 festival
  - from: 2026-09-14
    to: 2026-09-16
    name: typhoon closure
workdays:
  - date: 2026-04-26
    name: local make-up Sunday
"""


def test_load_from_file(tmp_path: Path) -> None:
    path = tmp_path / "local.yaml"
    path.write_text(GOOD, encoding="utf-8")
    ov = CalendarOverrides.load(path)
    assert ov.name == "Example autonomous prefecture"
    assert sorted(ov.closures) == [d("2026-04-20"), d("2026-09-14"), d("2026-09-15"),
                                   d("2026-09-16")]  # fmt: skip
    assert ov.workdays == {d("2026-04-26"): "local make-up Sunday"}
    cal = WorkingCalendar.china(overrides=ov)
    assert not cal.is_working_day(d("2026-04-20"))
    assert cal.is_working_day(d("2026-04-26"))
    assert cal.due(d("2026-09-07"), "7 days").due == d("2026-09-17")
    assert WorkingCalendar.china(overrides=CalendarOverrides.load(path)) is cal  # cached


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[1, 2]", "overrides: expected a mapping"),
        ("closures: {date: 2026-01-05}", "overrides.closures: expected a list"),
        ("closures: [{date: 2026-13-05}]", "overrides.closures[0].date: expected a date"),
        ("closures: [{day: 2026-01-05}]", "overrides.closures[0]: wrong keys"),
        ("closures: [{date: 2026-01-05, from: 2026-01-05}]", "overrides.closures[0]: wrong keys"),
        ("closures: [{from: 2026-01-05}]", "overrides.closures[0]: 'from' needs 'to'"),
        ("closures: [{from: 2026-01-05, to: 2026-01-01}]", "on or after"),
        ("closures: [{date: 2026-01-05, name: 3}]", "overrides.closures[0].name: expected text"),
        ("holidays: []", "unknown key 'holidays'"),
        ("closures: [{date: 2026-01-05}]\nworkdays: [{date: 2026-01-05}]", "both a closure"),
        ("closures: [", "not valid YAML"),
        ("closures: [x]", "overrides.closures[0]: expected a mapping"),
    ],
)
def test_errors_name_the_entry(text: str, where: str) -> None:
    with pytest.raises(OverridesError, match=re.escape(where)):
        CalendarOverrides.from_yaml(text)


def test_missing_file_is_a_library_error(tmp_path: Path) -> None:
    with pytest.raises(OverridesError, match="cannot read the file"):
        CalendarOverrides.load(tmp_path / "nope.yaml")


def test_unsafe_yaml_is_refused() -> None:
    with pytest.raises(OverridesError, match="not valid YAML"):
        CalendarOverrides.from_yaml("closures: !!python/object/apply:os.system ['true']")


def test_a_day_listed_twice_is_refused_with_both_places() -> None:
    """A second name for one day would silently replace the first."""
    text = (
        "closures:\n  - {date: 2026-04-20, name: festival}\n"
        "  - {from: 2026-04-19, to: 2026-04-21, name: typhoon}\n"
    )
    with pytest.raises(OverridesError) as refused:
        CalendarOverrides.from_yaml(text)
    assert refused.value.where == "overrides.closures[1]"
    assert "2026-04-20 is listed twice (first at overrides.closures[0])" in str(refused.value)


def test_a_day_outside_the_calendar_is_refused_not_ignored() -> None:
    """A mistyped year could never apply: the calendar says so instead of ignoring it."""
    calendar = WorkingCalendar.china()
    inside = CalendarOverrides({calendar.last_date: "last day"}, name="edge")
    assert calendar.with_overrides(inside).day_info(calendar.last_date).kind.is_working is False
    late = CalendarOverrides({}, {date(calendar.last_date.year + 26, 4, 20): "x"}, name="typo")
    with pytest.raises(OverridesError) as refused:
        calendar.with_overrides(late)
    assert refused.value.where == "typo"
    assert refused.value.allowed == calendar.range_text
    with pytest.raises(OverridesError, match="outside the calendar's years"):
        WorkingCalendar.china(overrides=late)


def test_a_file_s_problem_is_located_by_line_and_column(tmp_path: Path) -> None:
    """As charter problems are (FILE:LINE:COL: key), not glued to the file name."""
    local = tmp_path / "local.yaml"
    local.write_text(
        "closures:\n"
        "  - {date: 2026-04-20, name: flood}\n"
        "  - {from: 2026-04-18, to: 2026-04-21, name: repairs}\n",
        encoding="utf-8",
    )
    with pytest.raises(OverridesError) as refused:
        CalendarOverrides.load(local)
    assert refused.value.where == f"{local}:3:5: closures[1]"
    assert "2026-04-20 is listed twice (first at closures[0])" in str(refused.value)
    local.write_text("closures:\n  - {date: 2026-02-30}\n", encoding="utf-8")
    with pytest.raises(OverridesError) as bad_day:
        CalendarOverrides.load(local)
    assert str(bad_day.value) == (
        f"{local}:2:12: closures[0].date: expected a date (got '2026-02-30'); allowed: YYYY-MM-DD"
    )
