r"""iCalendar (RFC 5545) output of dated items, with UIDs stable across runs.

Every event is an all-day event (``DTSTART``/``DTEND`` as ``DATE`` values, the
end exclusive). UIDs are derived from the content, and ``DTSTAMP`` from the
event's own date, so exporting the same data twice gives the same bytes and a
subscribed calendar updates in place instead of duplicating events.

>>> from datetime import date
>>> data = to_ics("demo", [IcsEvent("x1", date(2026, 10, 1), date(2026, 10, 1), "Day off")])
>>> b"DTSTART;VALUE=DATE:20261001" in data and b"DTEND;VALUE=DATE:20261002" in data
True

Control characters, which iCalendar text may not contain, become spaces; a
newline in a title is written escaped:

>>> data = to_ics("a\nb", [IcsEvent("x", date(2026, 10, 1), date(2026, 10, 1), "a\x1b[2J\nb")])
>>> b"X-WR-CALNAME:a b" in data, b"SUMMARY:a [2J\\nb" in data
(True, True)

Commas, semicolons and backslashes are escaped in every text value, the
calendar's name included:

>>> b"X-WR-CALNAME:Jing'an\\, three-in-one\\; 2026" in to_ics("Jing'an, three-in-one; 2026", [])
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import icalendar

__all__ = ["IcsEvent", "to_ics"]

PRODID = "-//governance_rules//govrules//EN"

# RFC 5545 §3.3.11: TEXT values may not hold control characters (other than a
# tab); newlines are written escaped, as ``\n``, by icalendar.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROLS_AND_NEWLINES = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _text(value: str, *, newlines: bool = True) -> str:
    """``value`` without the control characters iCalendar text may not contain."""
    return (_CONTROLS if newlines else _CONTROLS_AND_NEWLINES).sub(" ", value)


@dataclass(frozen=True, slots=True)
class IcsEvent:
    """One all-day item: ``first`` to ``last`` inclusive.

    Attributes:
        key: A string unique within the export (used to build the UID).
        first: First day.
        last: Last day (inclusive).
        summary: The title shown in calendar apps.
        description: Longer text (sources, explanations).
        categories: Category labels.
    """

    key: str
    first: date
    last: date
    summary: str
    description: str = ""
    categories: tuple[str, ...] = ()


def to_ics(calendar_name: str, events: Iterable[IcsEvent]) -> bytes:
    """Serialise ``events`` as an RFC 5545 VCALENDAR."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # an X- property is TEXT unless it says otherwise (RFC 5545 §3.8.8.2), but icalendar
    # writes an unknown property's value as it is: escape its commas, semicolons and
    # backslashes as every other text value
    cal.add("x-wr-calname", icalendar.vText(_text(calendar_name, newlines=False)))
    for item in events:
        event = icalendar.Event()
        event.add("uid", f"{_text(item.key, newlines=False)}@governance-rules")
        event.add("dtstamp", datetime(item.first.year, 1, 1, tzinfo=UTC))
        event.add("dtstart", item.first)
        event.add("dtend", item.last + timedelta(days=1))
        event.add("summary", _text(item.summary))
        if item.description:
            event.add("description", _text(item.description))
        if item.categories:
            event.add("categories", [_text(c, newlines=False) for c in item.categories])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
