"""iCalendar output read back as a calendar app reads it (RFC 5545)."""

from __future__ import annotations

import re
from datetime import date

import icalendar
import pytest

from governance_rules import CalendarOverrides, WorkingCalendar, load_charter, obligations
from governance_rules._calendar.ics import IcsEvent, to_ics
from governance_rules._calendar.summary import year_summary
from governance_rules._obligations import obligations_ics

# RFC 5545 §3.3.11: in a TEXT value a backslash starts one of four escapes, and a
# comma or semicolon stands only escaped
_TEXT_VALUE = re.compile(r"(?:[^\\,;]|\\[\\;,nN])*")
_UNESCAPE = re.compile(r"\\([\\;,nN])")


def _content_lines(data: bytes) -> list[str]:
    """The unfolded content lines (§3.1), as text."""
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


def _text_value(data: bytes, name: str) -> str:
    """The value of the first ``name`` property, checked as TEXT and unescaped."""
    raw = next(line for line in _content_lines(data) if line.startswith(f"{name}:"))
    value = raw.split(":", 1)[1]
    assert _TEXT_VALUE.fullmatch(value), f"{name} is not a valid TEXT value: {value!r}"
    return _UNESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_the_calendar_name_is_escaped_text() -> None:
    # a bundled title with a comma: the app reads the name back exactly
    charter = load_charter("jingan-three-in-one")
    cal = WorkingCalendar.china()
    items = obligations(charter, 2026, cal, "en")
    data = obligations_ics(charter, 2026, items, "en")
    assert "," in charter.title.en
    assert _text_value(data, "X-WR-CALNAME") == f"{charter.title.en} 2026"


@pytest.mark.parametrize(
    "name", ["a, b; c", "back\\slash", "literal \\n is not a line break", "三月三，节; 日"]
)
def test_hostile_names_read_back_literally(name: str) -> None:
    event = IcsEvent("k", date(2026, 10, 1), date(2026, 10, 1), name, name, (name,))
    data = to_ics(name, [event])
    assert _text_value(data, "X-WR-CALNAME") == name
    assert _text_value(data, "SUMMARY") == name
    assert _text_value(data, "DESCRIPTION") == name
    parsed = icalendar.Calendar.from_ical(data)
    assert str(parsed.walk("VEVENT")[0]["SUMMARY"]) == name


def test_folding_keeps_multibyte_characters_whole() -> None:
    long_name = "壮族三月三传统节日，全区放假；" * 8
    overrides = CalendarOverrides(closures={date(2026, 4, 20): long_name}, name=long_name)
    data = year_summary(WorkingCalendar.china(overrides=overrides), 2026).to_ics("zh")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75  # octets, §3.1
        line.decode("utf-8")  # no character cut between two lines
    parsed = icalendar.Calendar.from_ical(data)
    events = parsed.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    assert all(type(e["DTSTART"].dt) is date for e in events)
    assert any(long_name in str(e["SUMMARY"]) for e in events)
    assert long_name in _text_value(data, "X-WR-CALNAME")
