"""Read-only containers for charter models: a loaded charter is shared, so nothing in it changes.

``load_charter`` hands the same :class:`~governance_rules._charter.model.Charter` to
every caller (the engine, the CLI, an app), so its containers are read-only: sequences
are tuples, mappings are :class:`types.MappingProxyType` views of a dict no one else
holds (validated as ``dict[K, V]``, dumped as a dict), and free-form data (an
amendment's ``changes``) is frozen all the way down.

>>> from pydantic import TypeAdapter
>>> seats = TypeAdapter(ReadOnlyMap[str, int]).validate_python({"owners_committee": 2})
>>> seats["owners_committee"]
2
>>> seats["residents_committee"] = 1
Traceback (most recent call last):
TypeError: 'mappingproxy' object does not support item assignment
>>> TypeAdapter(ReadOnlyMap[str, int]).dump_python(seats)
{'owners_committee': 2}
>>> frozen = deep_frozen({"meetings": {"regular": {"content": ["time", "place"]}}})
>>> frozen["meetings"]["regular"]["content"]
('time', 'place')
>>> plain_data(frozen)
{'meetings': {'regular': {'content': ['time', 'place']}}}
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, PlainSerializer, SerializerFunctionWrapHandler, WrapSerializer

__all__ = [
    "FrozenData",
    "ReadOnlyMap",
    "deep_frozen",
    "no_entries",
    "pickled",
    "plain_data",
    "read_only",
]

K = TypeVar("K")
V = TypeVar("V")

_EMPTY: Mapping[Any, Any] = MappingProxyType({})

#: Values that are never containers and cannot change: kept as they are.
_ATOMIC = frozenset({str, int, float, bool, type(None), date})


def read_only(items: dict[K, V]) -> Mapping[K, V]:
    """A read-only view of ``items``, which the caller no longer holds."""
    return MappingProxyType(items)


def no_entries() -> Mapping[Any, Any]:
    """The default of a :data:`ReadOnlyMap` field: empty (one shared view: it cannot change)."""
    return _EMPTY


def _dumped_as_dict(value: Mapping[Any, Any], handler: SerializerFunctionWrapHandler) -> Any:
    return handler(dict(value))  # pydantic's dict serializer takes only a dict


ReadOnlyMap = Annotated[Mapping[K, V], AfterValidator(read_only), WrapSerializer(_dumped_as_dict)]
"""A mapping field: validated and dumped as ``dict[K, V]`` (same JSON Schema), read-only."""


def deep_frozen(value: Any) -> Any:
    """``value`` with every mapping made read-only and every list (or set) a tuple (or frozenset).

    >>> deep_frozen({"a": [1, {"b": {2}}]})
    mappingproxy({'a': (1, mappingproxy({'b': frozenset({2})}))})
    """
    kind = type(value)
    if kind in _ATOMIC:
        return value
    if kind is dict or isinstance(value, Mapping):
        return MappingProxyType({key: deep_frozen(item) for key, item in value.items()})
    if kind is list or kind is tuple or isinstance(value, list | tuple):
        return tuple([deep_frozen(item) for item in value])
    if isinstance(value, set | frozenset):
        return frozenset(deep_frozen(item) for item in value)
    return value


def plain_data(value: Any) -> Any:
    """A fresh copy of ``value`` as YAML gives it: every mapping a dict, every sequence a list.

    Sharing nothing mutable with ``value``: what :func:`deep_merge` builds its result from.
    """
    kind = type(value)
    if kind in _ATOMIC:
        return value
    if kind is dict or isinstance(value, Mapping):
        return {key: plain_data(item) for key, item in value.items()}
    if kind is list or kind is tuple or isinstance(value, list | tuple):
        return [plain_data(item) for item in value]
    if isinstance(value, frozenset):
        return set(value)
    return copy.deepcopy(value)


FrozenData = Annotated[Mapping[str, Any], AfterValidator(deep_frozen), PlainSerializer(plain_data)]
"""Free-form charter data (a partial charter): frozen all the way down, dumped as plain data."""


class _PickledMapping:
    """Stands for a read-only mapping in a pickle (a mappingproxy cannot be pickled)."""

    __slots__ = ("items",)

    def __init__(self, items: dict[Any, Any]) -> None:
        self.items = items

    def __reduce__(self) -> tuple[Any, tuple[dict[Any, Any]]]:
        return read_only, (self.items,)  # unpickled as the read-only mapping itself


def pickled(value: Any) -> Any:
    """``value`` as a pickle can hold it: each read-only mapping (through mappings and
    tuples, not into models, which pickle themselves) is unpickled read-only again."""
    if isinstance(value, MappingProxyType):
        return _PickledMapping({key: pickled(item) for key, item in value.items()})
    if type(value) is dict:
        return {key: pickled(item) for key, item in value.items()}
    if type(value) is tuple:
        return tuple(pickled(item) for item in value)
    return value
