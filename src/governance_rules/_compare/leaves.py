"""A charter flattened into its leaf values, each at its dotted rule path.

Compound values a reader compares as one (a timing, a threshold, a cadence, a
window, a bilingual label) stay whole; models are walked field by field, and
mappings and lists of models by key and index (``issues.routine.ladder[1].handler``).
Citations and notes are not values: they are shown beside the values. A ladder
also gets a derived leaf, its depth (``issues.routine.ladder.depth``).
"""

from __future__ import annotations

import calendar
import enum
from collections.abc import Iterator, Mapping
from datetime import date
from fractions import Fraction
from typing import Any

from governance_rules._calendar.periods import Period
from governance_rules._charter import Charter
from governance_rules._charter.meetings import (
    Cadence,
    NoticeItem,
    Recurrence,
    WindowKind,
    WindowSpec,
)
from governance_rules._charter.types import Frozen, Text, Threshold, Timing
from governance_rules._i18n import text

__all__ = ["leaves", "show", "sources"]

#: Top-level fields that describe the charter itself rather than state a rule.
_ABOUT = frozenset(
    {"id", "version", "status", "extends", "summary", "documents", "open_questions",
     "readings", "selected_readings", "amendments"}
)  # fmt: skip
_NOT_VALUES = frozenset({"source", "note"})
_WHOLE = (Timing, Threshold, Cadence, Recurrence, WindowSpec, Text)


def leaves(charter: Charter) -> dict[str, object]:
    """Every leaf value of ``charter`` by dotted path, in document order.

    >>> from governance_rules._charter import load_charter
    >>> found = leaves(load_charter("model-charter-rc"))
    >>> str(found["meetings.regular.notice.lead"])
    '1 week'
    >>> found = leaves(load_charter("yangxin-2022"))
    >>> found["issues.routine.ladder.depth"]
    2
    """
    found: dict[str, object] = {}
    for name in type(charter).model_fields:
        if name not in _ABOUT:
            found.update(_walk(getattr(charter, name), name))
    return found


def sources(charter: Charter) -> dict[str, Any]:
    """Every rule's citation (its ``source``) by the rule's dotted path, in document order.

    >>> from governance_rules._charter import load_charter
    >>> found = sources(load_charter("model-charter-rc"))
    >>> found["meetings.regular.notice"].doc
    'mc'
    """
    found: dict[str, Any] = {}
    for name in type(charter).model_fields:
        if name not in _ABOUT:
            found.update(_cited(getattr(charter, name), name))
    return found


def _cited(value: object, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(value, Frozen):
        source = getattr(value, "source", None)
        if source is not None:
            yield path, source
        for name in type(value).model_fields:
            if name not in _NOT_VALUES:
                yield from _cited(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _cited(item, f"{path}.{key}")
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            if isinstance(item, Frozen):
                yield from _cited(item, f"{path}[{index}]")


def _walk(value: object, path: str) -> Iterator[tuple[str, object]]:
    if value is None or value in ((), {}):
        return
    if isinstance(value, _WHOLE):
        yield path, value
    elif isinstance(value, Frozen):
        undated = getattr(value, "recurs", None) is not None  # 定期: no window to compare
        for name in type(value).model_fields:
            if name not in _NOT_VALUES and not (undated and name == "window"):
                yield from _walk(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _walk(item, f"{path}.{key}")
    elif isinstance(value, tuple):
        if all(isinstance(item, Frozen) and not isinstance(item, _WHOLE) for item in value):
            if path.endswith(".ladder"):
                yield f"{path}.depth", len(value)
            for index, item in enumerate(value):
                yield from _walk(item, f"{path}[{index}]")
        else:
            yield path, tuple(_plain(item) for item in value)
    else:
        yield path, _plain(value)


def _plain(value: object) -> object:
    if isinstance(value, NoticeItem):  # compared as itself, shown with its label
        return value
    if isinstance(value, enum.Enum):
        return value.value
    return value


def show(value: object, lang: str = "en") -> str:
    """A value as a reader sees it: ``'1 week'``, ``'>= 2/3'``, ``'6 per year'``.

    The words the comparison writes itself (yes and no, a window's description) are in
    ``lang``; what the charter states (periods, timings, thresholds, cadences, keys)
    is shown as JSON gives it, in every language.

    >>> show((True, "a")), show(Fraction(2, 3)), show(None)
    ('yes, a', '2/3', '')
    >>> show((True, False), "zh")
    '是, 否'
    """
    if value is None:
        return ""
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, Threshold):
        return value.describe()
    if isinstance(value, Cadence):
        per_year = Fraction(value.times * 12, value.months)
        most = Fraction(value.most * 12, value.months)
        shown = f"{per_year}" if most == per_year else f"{per_year} to {most}"
        return f"{value.describe()} ({shown}/year)"
    if isinstance(value, Recurrence):
        return value.describe(lang)
    if isinstance(value, WindowSpec):
        return _window(value, lang)
    if isinstance(value, Timing | Period):
        return str(value)
    if isinstance(value, bool):
        return text("compare.yes" if value else "compare.no", lang)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, NoticeItem):
        return value.label(lang)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return ", ".join(show(item, lang) for item in value)
    return str(value)


def _month_names(months: tuple[int, ...], lang: str) -> str:
    """``months`` as a reader names them: ``12`` in Chinese (before 月), ``December`` in
    English (``Feb, Apr`` where there are more than three)."""
    if lang == "zh":
        return ",".join(map(str, months))
    names = calendar.month_abbr if len(months) > 3 else calendar.month_name
    return ", ".join(names[m] for m in months)


def _window(spec: WindowSpec, lang: str = "en") -> str:
    """A window in words: ``last week of months 2,4,6 (last_seven_days)``.

    >>> _window(WindowSpec(kind="whole_months", months=(12,)))
    'the whole of December'
    >>> _window(WindowSpec(kind="whole_months", months=(2, 4, 6, 8, 10, 12)))
    'the whole of Feb, Apr, Jun, Aug, Oct, Dec'
    >>> _window(WindowSpec(kind="days_of_month", first=1, last=5))
    'days 1-5 of each month'
    >>> _window(WindowSpec(kind="last_week", months=(2, 4), reading="last_seven_days"), "zh")
    '2,4月最后一周（last_seven_days）'
    """
    months = (
        text("window.months", lang, months=_month_names(spec.months, lang)) if spec.months
        else text("window.each_month", lang)
    )  # fmt: skip
    kind = spec.kind
    if kind is WindowKind.PERIOD:
        return text("window.period", lang)
    if kind is WindowKind.AGREED:
        return text("window.agreed", lang)
    if kind is WindowKind.WHOLE_MONTHS:
        return text("window.whole_months", lang, months=months)
    if kind is WindowKind.DAYS_OF_MONTH:
        first = spec.first or 1
        if spec.last is None:
            return text("window.days_to_end", lang, first=first, months=months)
        return text("window.days_of_month", lang, first=first, last=spec.last, months=months)
    reading = (
        text("window.reading", lang, reading=spec.reading.value) if spec.reading is not None
        else ""
    )  # fmt: skip
    return text("window.last_week", lang, months=months, reading=reading)
