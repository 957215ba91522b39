"""Local overrides: extra days off and extra working days over the national calendar.

Autonomous regions add ethnic festivals, coastal cities close for typhoons, and a
locality may announce its own working Saturday. Overrides are layered over the
national data by :meth:`WorkingCalendar.with_overrides`.

A YAML document looks like this (``from``/``to`` give an inclusive range)::

    name: Example prefecture
    closures:
      - date: 2026-04-20
        name: 三月三 festival
      - from: 2026-09-14
        to: 2026-09-15
        name: typhoon closure
    workdays:
      - date: 2026-04-26
        name: make-up working day for 三月三

>>> ov = CalendarOverrides.from_yaml('''
... closures:
...   - {from: 2026-09-14, to: 2026-09-15, name: typhoon closure}
... ''')
>>> sorted(ov.closures.items())
[(datetime.date(2026, 9, 14), 'typhoon closure'), (datetime.date(2026, 9, 15), 'typhoon closure')]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

from governance_rules import _yaml
from governance_rules._calendar.days import iso_date
from governance_rules._input import UnreadableInput, read_text
from governance_rules.errors import OverridesError

__all__ = ["CalendarOverrides"]

_MAX_RANGE_DAYS = 366
_ENTRY_HELP = "a mapping with 'date' (or 'from' and 'to') and an optional 'name'"


def _frozen(mapping: Mapping[date, str]) -> Mapping[date, str]:
    return MappingProxyType(dict(sorted(mapping.items())))


@dataclass(frozen=True)
class CalendarOverrides:
    """Days off (``closures``) and working days (``workdays``) to layer over a calendar.

    Args:
        closures: Date → name of extra days off.
        workdays: Date → name of extra working days.
        name: What these overrides are (a locality, an announcement).

    Raises:
        OverridesError: If a date is both a closure and a working day.
    """

    closures: Mapping[date, str] = field(default_factory=dict)
    workdays: Mapping[date, str] = field(default_factory=dict)
    name: str = "local overrides"

    def __post_init__(self) -> None:
        both = sorted(set(self.closures) & set(self.workdays))
        if both:
            raise OverridesError(
                "a date cannot be both a closure and a working day",
                where=self.name,
                got=[d.isoformat() for d in both],
            )
        object.__setattr__(self, "closures", _frozen(self.closures))
        object.__setattr__(self, "workdays", _frozen(self.workdays))

    def __hash__(self) -> int:
        return hash((self.name, tuple(self.closures.items()), tuple(self.workdays.items())))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CalendarOverrides):
            return NotImplemented
        return (self.name, dict(self.closures), dict(self.workdays)) == (
            other.name,
            dict(other.closures),
            dict(other.workdays),
        )

    @classmethod
    def from_mapping(cls, data: object, *, where: str = "overrides") -> CalendarOverrides:
        """Build overrides from parsed YAML/JSON (see the module docstring for the shape).

        Raises:
            OverridesError: Naming the entry (``overrides.closures[1].date``) and the problem.
        """
        if not isinstance(data, Mapping):
            raise OverridesError(
                "expected a mapping with 'closures' and/or 'workdays'", where=where, got=data
            )
        unknown = sorted(str(k) for k in set(data) - {"name", "closures", "workdays"})
        if unknown:
            raise OverridesError(
                f"unknown key {unknown[0]!r}", where=where, allowed="name, closures, workdays"
            )
        name = data.get("name", "local overrides")
        if not isinstance(name, str):
            raise OverridesError("expected text", where=f"{where}.name", got=name)
        return cls(
            closures=_read_entries(data.get("closures"), f"{where}.closures"),
            workdays=_read_entries(data.get("workdays"), f"{where}.workdays"),
            name=name,
        )

    @classmethod
    def from_yaml(cls, text: str, *, where: str = "overrides") -> CalendarOverrides:
        """Parse a YAML document (safe loading only)."""
        try:
            data, positions = _yaml.load_with_positions(text)
        except _yaml.YamlProblem as exc:
            at = f"{where}:{exc.line}:{exc.column}" if exc.line is not None else where
            raise OverridesError(f"not valid YAML: {exc.message}", where=at) from exc
        if where == _ROOT:  # text of no file: its key paths say where
            return cls.from_mapping(data, where=where)
        try:
            return cls.from_mapping(data, where=_ROOT)
        except OverridesError as exc:  # a file's are located as charters': FILE:LINE:COL: key
            raise _located(exc, where, positions) from None

    @classmethod
    def load(cls, path: str | Path) -> CalendarOverrides:
        """Read a YAML file of overrides.

        Raises:
            OverridesError: If the file cannot be read or is invalid; the message names the file.
        """
        file = Path(path)
        try:
            text = read_text(file)
        except UnreadableInput as exc:
            raise OverridesError(str(exc), where=str(file)) from exc
        return cls.from_yaml(text, where=str(file))


#: The root of the key paths :meth:`CalendarOverrides.from_yaml` locates in its text.
_ROOT = "overrides"


def _located(exc: OverridesError, name: str, positions: _yaml.Positions) -> OverridesError:
    """``exc`` (whose ``where`` is a key path under :data:`_ROOT`) at its line and column
    of the document ``name``: ``local.yaml:3:5: closures[1]``."""
    key = (exc.where or _ROOT).removeprefix(_ROOT).lstrip(".")
    path = tuple(part for part in re.split(r"[.\[\]]+", key) if part)
    found = next((positions[path[:n]] for n in range(len(path), -1, -1) if path[:n] in positions),
                 None)  # fmt: skip
    at = f"{name}:{found[0]}:{found[1]}" if found else name
    what = exc.what.replace(f"{_ROOT}.", "")  # another entry it names: by its key path too
    return OverridesError(what, where=f"{at}: {key}" if key else at, allowed=exc.allowed,
                          **({"got": exc.got} if exc.has_got else {}))  # fmt: skip


def _read_date(value: object, where: str) -> date:
    day = iso_date(value)
    if day is None:
        raise OverridesError("expected a date", where=where, got=value, allowed="YYYY-MM-DD")
    return day


def _read_entries(entries: object, where: str) -> dict[date, str]:
    if entries is None:
        return {}
    if not isinstance(entries, list):
        raise OverridesError("expected a list of entries", where=where, got=entries)
    result: dict[date, str] = {}
    first_at: dict[date, str] = {}
    for index, entry in enumerate(entries):
        here = f"{where}[{index}]"
        for day in _entry_days(entry, here):
            if day in result:  # one name per day: a second would silently replace the first
                raise OverridesError(
                    f"{day.isoformat()} is listed twice (first at {first_at[day]})",
                    where=here,
                    allowed="each day once",
                )
            result[day] = _entry_name(entry, here)
            first_at[day] = here
    return result


def _entry_name(entry: Mapping[str, Any], where: str) -> str:
    name = entry.get("name", "local override")
    if not isinstance(name, str):
        raise OverridesError("expected text", where=f"{where}.name", got=name)
    return name


def _entry_days(entry: object, where: str) -> list[date]:
    if not isinstance(entry, Mapping):
        raise OverridesError("expected a mapping", where=where, got=entry, allowed=_ENTRY_HELP)
    keys = set(entry)
    if keys - {"date", "from", "to", "name"} or not (
        keys & {"date", "from"} and ("date" in keys) != ("from" in keys or "to" in keys)
    ):
        raise OverridesError(
            "wrong keys", where=where, got=sorted(map(str, keys)), allowed=_ENTRY_HELP
        )
    if "date" in entry:
        return [_read_date(entry["date"], f"{where}.date")]
    if "to" not in entry:
        raise OverridesError("'from' needs 'to'", where=where, allowed=_ENTRY_HELP)
    first = _read_date(entry["from"], f"{where}.from")
    last = _read_date(entry["to"], f"{where}.to")
    if not first <= last or (last - first).days >= _MAX_RANGE_DAYS:
        raise OverridesError(
            "'to' must be on or after 'from', within a year",
            where=where,
            got=f"{first.isoformat()}..{last.isoformat()}",
        )
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]
