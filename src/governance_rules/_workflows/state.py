"""Typed instance data: frozen dataclasses with ``date`` fields, encoded only at the store.

Each workflow kind keeps its data in a frozen dataclass. Events carry the fields a
command changed as Python values; the SQL store writes them as JSON (dates as ISO
text) and :func:`decode_changes` turns what comes back into the same values, so a
replay from SQLite equals the live state.

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True, slots=True)
... class Example:
...     on: date | None = None
...     tags: tuple[str, ...] = ()
>>> decode_changes(Example, {"on": "2026-10-08", "tags": ["a"]})
{'on': datetime.date(2026, 10, 8), 'tags': ('a',)}
"""

from __future__ import annotations

import dataclasses
import operator
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache
from typing import Any

__all__ = ["apply_changes", "decode_changes", "decode_day", "encode", "field_decoders"]

Decoder = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def decode_day(value: Any) -> Any:
    """A stored day as a ``date``: a date (memory store), its ISO text (JSON), or ``None``."""
    if value is None or type(value) is date:
        return value
    return date.fromisoformat(value)


def _decoder(hint: Any) -> Decoder:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is date:
        return decode_day
    if origin in (types.UnionType, typing.Union):
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            return _decoder(inner[0])
        return _identity
    if origin is tuple:
        item = _decoder(args[0]) if args else _identity
        if item is _identity:
            return lambda value: value if type(value) is tuple else tuple(value)
        return lambda value: tuple(item(v) for v in value)
    if origin in (dict, Mapping) and len(args) == 2:  # a mapping field is made read-only
        value_decoder = _decoder(args[1])
        if value_decoder is _identity:
            return dict
        return lambda value: {k: value_decoder(v) for k, v in value.items()}
    if dataclasses.is_dataclass(hint):
        fields = field_decoders(hint)  # type: ignore[arg-type]

        def record(value: Any) -> Any:
            if isinstance(value, hint):  # type: ignore[arg-type]
                return value
            return hint(**{k: fields[k](v) for k, v in value.items()})  # type: ignore[operator]

        return record
    return _identity


@cache
def field_decoders(cls: type) -> dict[str, Decoder]:
    """One decoder per field of dataclass ``cls`` (from its type hints)."""
    hints = typing.get_type_hints(cls)
    return {f.name: _decoder(hints[f.name]) for f in dataclasses.fields(cls)}


def decode_changes(cls: type, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Field values of ``cls`` from an event's ``changes`` (JSON or Python values)."""
    decoders = field_decoders(cls)
    return {k: decoders[k](v) for k, v in changes.items()}


_LAYOUTS: dict[type, tuple[Callable[[Any], tuple[Any, ...]], dict[str, int]]] = {}


def _layout(cls: type) -> tuple[Callable[[Any], tuple[Any, ...]], dict[str, int]]:
    found = _LAYOUTS.get(cls)
    if found is None:
        names = [f.name for f in dataclasses.fields(cls)]
        found = _LAYOUTS[cls] = (operator.attrgetter(*names), {n: i for i, n in enumerate(names)})
    return found


def apply_changes(data: Any, changes: Mapping[str, Any]) -> Any:
    """``data`` with ``changes`` (already decoded) applied (a new frozen object)."""
    if not changes:
        return data
    getter, index = _layout(type(data))
    values = list(getter(data))
    for name, value in changes.items():
        values[index[name]] = value
    return type(data)(*values)


def encode(value: Any) -> Any:
    """A JSON-ready form of an event value: dates as ISO text, records as mappings."""
    if type(value) is date:
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): encode(v) for k, v in value.items()}
    return value
