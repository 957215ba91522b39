"""An event log in memory: the same interface as :class:`EventStore`, for simulations.

Nothing survives the process; use it where thousands of simulated communities
run for a year and only the end state matters. Events are kept as compact tuples
and handed out as :class:`Event` objects when read. It refuses what the SQL store
refuses (:func:`~governance_rules._store.events.check_append`), so a simulation
cannot record what a real deployment would not.

The store keeps its own copy of each payload, and :meth:`MemoryStore.read` hands out a
fresh one each time, shaped as the SQL store reads it back (mappings as dicts,
sequences as lists) but with dates and fractions as Python values: changing a payload
the caller appended, or one it read, never changes what was recorded. The copy kept
is frozen into tuples (see :func:`_freeze`), which the garbage collector stops
tracking: a store of millions of events adds nothing to each full collection.

>>> store = MemoryStore()
>>> votes = {"yes": [1, 2]}
>>> _ = store.append("issue-1", 0, [NewEvent("voted", {"votes": votes}, "owners_committee")])
>>> votes["yes"].append(3)
>>> read = store.read("issue-1")[0]
>>> read.payload["votes"]["yes"].clear()
>>> store.read("issue-1")[0].payload
{'votes': {'yes': [1, 2]}}
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from governance_rules._store.events import (
    ATOMS,
    MAX_ACTOR,
    MAX_STREAM_ID,
    MAX_TYPE,
    SHANGHAI,
    Event,
    NewEvent,
    Unusual,
    check_after,
    check_append,
    check_prefix,
    check_stream_id,
    checked_value,
    moved_on,
    now,
    valid_unicode,
)

__all__ = ["MemoryStore"]

_Row = tuple[str, int, str, Any, str, datetime, datetime]


#: Values a payload holds that nobody can change in place.
_IMMUTABLE = frozenset({str, int, bool, float, type(None), date, datetime, Fraction})


#: The mark a kept mapping starts with: a mapping is kept as ``(_MAP, key, value, …)``
#: and a list as a plain tuple (payloads hold no tuple of their own: :func:`_copy` makes
#: every sequence a list). A plain ``object()``, so the tuples holding it can go
#: untracked by the garbage collector, as tuples of text, numbers and dates do.
_MAP: Any = object()

#: What an empty mapping or list is kept as (see :func:`_freeze`).
_EMPTY_MAPPING: tuple[Any, ...] = (_MAP,)
_EMPTY_LIST: tuple[()] = ()


def _copy(value: Any) -> Any:
    """A copy of an accepted payload value that shares nothing mutable with it.

    Mappings become dicts and sequences lists, as JSON reads them back. Only values
    :func:`~governance_rules._store.events.check_append` accepted reach here.
    """
    kind = type(value)
    if kind is dict or kind is MappingProxyType:
        copied = dict(value)  # sized as the original: a comprehension may over-allocate
        for key, item in copied.items():
            if type(item) not in _IMMUTABLE:
                copied[key] = _copy(item)
        return copied
    if kind is list or kind is tuple:
        return [v if type(v) in _IMMUTABLE else _copy(v) for v in value]
    if kind in _IMMUTABLE or isinstance(value, (str, int, float, date, Fraction)):
        return value  # including enums and other subclasses of immutable values
    if isinstance(value, Mapping):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_copy(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _copy(getattr(value, f.name)) for f in dataclasses.fields(value)}
    raise TypeError(f"{kind.__name__} is not a payload value")  # check_append refused it


def _kept(payload: Any, shared: dict[tuple[Any, ...], Any]) -> Any:
    """The store's own copy of a payload: :func:`_copy`, frozen by :func:`_freeze`."""
    return _freeze(_copy(payload), shared, top=True)


def _freeze(value: Any, shared: dict[tuple[Any, ...], Any], top: bool = False) -> Any:
    """A payload part as the store keeps it (``value`` is :func:`_copy`'s: dicts, lists
    and values nobody can change): a mapping as ``(_MAP, key, value, …)``, a list as a
    tuple, all the way down, so nothing kept is a dict or a list; :func:`_thaw` makes
    them dicts and lists again.

    The copy is never handed out (reads thaw it anew), so equal parts may be kept once:
    empty mappings and lists, and mappings of text only below the top (the charter a
    stream was written under, ``{"category": "routine"}``), of which ``shared`` keeps up
    to :data:`_SHARED_MAX`.
    """
    kind = type(value)
    if kind is dict:
        if not value:
            return _EMPTY_MAPPING
        kept = [_MAP]
        for key, item in value.items():
            kept.append(key)
            kept.append(item if type(item) in _IMMUTABLE else _freeze(item, shared))
        frozen = tuple(kept)
        if not top and set(map(type, value.values())) <= _TEXT:  # faster than all()
            return _interned(frozen, shared)
        return frozen
    if kind is list:
        if not value:
            return _EMPTY_LIST
        return tuple([item if type(item) in _IMMUTABLE else _freeze(item, shared)
                      for item in value])  # fmt: skip
    return value


def _thaw(value: Any) -> Any:
    """A kept payload part as a fresh payload value (see :func:`_freeze`)."""
    if type(value) is not tuple:
        return value
    if value and value[0] is _MAP:
        return {key: _thaw(item) if type(item) is tuple else item
                for key, item in zip(value[1::2], value[2::2], strict=True)}  # fmt: skip
    return [_thaw(item) if type(item) is tuple else item for item in value]


def _interned(frozen: tuple[Any, ...], shared: dict[tuple[Any, ...], Any]) -> Any:
    """The one shared kept value equal to ``frozen`` (a kept mapping of text only): the
    first one met, while ``shared`` holds fewer than :data:`_SHARED_MAX`."""
    found = shared.get(frozen)
    if found is None:
        if len(shared) < _SHARED_MAX:
            shared[frozen] = frozen
        return frozen
    return found


#: The value types of a mapping that may be shared: text only.
_TEXT = frozenset({str})

#: How many distinct text-only mappings one store shares (then it stops sharing).
_SHARED_MAX = 4096


def _count(n: int, noun: str) -> str:
    """``n`` with ``noun``, plural unless one (``1 stream``, ``2 streams``)."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _event(row: _Row) -> Event:
    """The event of a stored row, with a payload of its own."""
    stream_id, seq, type_, payload, actor, occurred_at, recorded_at = row
    return Event(stream_id, seq, type_, _thaw(payload), actor, occurred_at, recorded_at)


class MemoryStore:
    """Append-only streams held in a dict, with optimistic concurrency."""

    def __init__(self) -> None:
        self._streams: dict[str, list[_Row]] = {}
        self._order: list[_Row] = []
        self._shared: dict[tuple[Any, ...], Any] = {}

    def __repr__(self) -> str:
        streams, events = _count(len(self._streams), "stream"), _count(len(self._order), "event")
        return f"MemoryStore({streams}, {events})"

    def append(
        self, stream_id: str, expected_version: int, events: Sequence[NewEvent]
    ) -> list[Event]:
        """Append ``events`` if ``stream_id`` is at ``expected_version`` (else nothing changes).

        Raises:
            ConcurrencyError: The stream moved on; nothing was written.
            StoreError: An event the stores cannot hold; nothing was written.
        """
        check_append(stream_id, expected_version, events)
        if not events:
            return []
        self._check_version(stream_id, expected_version)
        recorded = now()
        seq = expected_version
        rows: list[_Row] = []
        committed = []
        for e in events:
            seq += 1
            rows.append(
                (
                    stream_id,
                    seq,
                    e.type,
                    _kept(e.payload, self._shared),
                    e.actor,
                    e.occurred_at,
                    recorded,
                )
            )
            # as the SQL store does, the caller gets its own payload back, not the copy kept
            committed.append(
                Event(stream_id, seq, e.type, e.payload, e.actor, e.occurred_at, recorded)
            )
        self._streams.setdefault(stream_id, []).extend(rows)
        self._order.extend(rows)
        return committed

    def _record(
        self,
        stream_id: str,
        expected_version: int,
        *,
        type_: str,
        payload: dict[str, Any],
        actor: str,
        occurred_at: datetime,
    ) -> datetime:
        """Append one event given by its parts; the instant it was recorded.

        The engine's way in: the same checks and the same copy as :meth:`append`, in
        one pass for the usual event (ASCII text, a plain payload, an instant in
        Asia/Shanghai), without building the :class:`NewEvent` and :class:`Event`
        objects. Anything else goes through :meth:`append` itself.

        Raises:
            ConcurrencyError: The stream moved on; nothing was written.
            StoreError: An event the stores cannot hold; nothing was written.
        """
        try:
            # the texts as usable_text decides them, inline (three calls per event)
            if not (
                type(stream_id) is str
                and 0 < len(stream_id) <= MAX_STREAM_ID
                and stream_id.isascii()
                and "\x00" not in stream_id
                and type(type_) is str
                and 0 < len(type_) <= MAX_TYPE
                and type_.isascii()
                and "\x00" not in type_
                and type(actor) is str
                and 0 < len(actor) <= MAX_ACTOR
                and actor.isascii()
                and "\x00" not in actor
                and type(occurred_at) is datetime
                and occurred_at.tzinfo is SHANGHAI
                and type(payload) is dict
                and type(expected_version) is int
                and expected_version >= 0
            ):
                raise Unusual
            kept = self._kept_top(payload)
        except Unusual:
            event = NewEvent(type_, payload, actor, occurred_at)
            return self.append(stream_id, expected_version, [event])[0].recorded_at
        stream = self._streams.get(stream_id)
        if (len(stream) if stream is not None else 0) != expected_version:
            self._check_version(stream_id, expected_version)
        recorded = now()
        row = (stream_id, expected_version + 1, type_, kept, actor, occurred_at, recorded)
        if stream is None:
            self._streams[stream_id] = [row]
        else:
            stream.append(row)
        self._order.append(row)
        return recorded

    def _kept_top(self, payload: dict[str, Any]) -> tuple[Any, ...]:
        """:func:`_freeze` of :func:`checked_copy` of ``payload``, in one pass over its
        top level (where the engine's payloads keep their parts).

        Raises:
            Unusual: What only the full check decides.
        """
        if not payload:
            return _EMPTY_MAPPING
        kept = [_MAP]
        for key, item in payload.items():
            if type(key) is not str or (not key.isascii() and not valid_unicode(key)):
                raise Unusual
            kind = type(item)
            if (kind is str and item.isascii()) or kind in ATOMS:
                kept.append(key)
                kept.append(item)
            elif kind is dict or kind is MappingProxyType:
                kept.append(key)
                kept.append(self._kept_mapping(item) if item else _EMPTY_MAPPING)
            else:
                kept.append(key)
                kept.append(_freeze(checked_value(item, 1), self._shared))
        return tuple(kept)

    def _kept_mapping(self, item: Mapping[str, Any]) -> Any:
        """A mapping at the payload's top level (``args``, ``changes``), checked and
        copied as :func:`checked_value` does and then kept as :func:`_freeze` does, in
        one pass over its items (where the engine's payloads keep their values).

        Raises:
            Unusual: What only the full check decides.
        """
        kept = [_MAP]
        text_only = True
        for key, given in item.items():
            if type(key) is not str or (not key.isascii() and not valid_unicode(key)):
                raise Unusual
            kind = type(given)
            value = given
            if kind is str:
                if not given.isascii() and not valid_unicode(given):
                    raise Unusual
            else:
                text_only = False
                if kind not in ATOMS:
                    value = _freeze(checked_value(given, 2), self._shared)
            kept.append(key)
            kept.append(value)
        frozen = tuple(kept)
        return _interned(frozen, self._shared) if text_only else frozen

    def _check_version(self, stream_id: str, expected_version: int) -> None:
        found = len(self._streams.get(stream_id, ()))
        if found != expected_version:
            raise moved_on(stream_id, expected_version, found)

    def version(self, stream_id: str) -> int:
        """Events in ``stream_id``."""
        check_stream_id(stream_id)
        return len(self._streams.get(stream_id, ()))

    def read(self, stream_id: str, after: int = 0) -> list[Event]:
        """Events of ``stream_id`` after ``after``."""
        check_after(stream_id, after)
        return [_event(row) for row in self._streams.get(stream_id, ())[after:]]

    def _read_all(self) -> dict[str, list[Event] | Exception]:
        """Every stream's events in order (what :meth:`read` gives for each stream)."""
        return {sid: [_event(row) for row in rows] for sid, rows in self._streams.items()}

    def _versions(self, prefix: str) -> list[tuple[str, int]]:
        """Each stream starting with ``prefix`` and its version, sorted by stream id."""
        check_prefix(prefix)
        return sorted((s, len(rows)) for s, rows in self._streams.items() if s.startswith(prefix))

    def streams(self, prefix: str = "") -> list[str]:
        """Stream ids starting with ``prefix``, sorted."""
        check_prefix(prefix)
        return sorted(s for s in self._streams if s.startswith(prefix))

    def all_events(self) -> Iterator[Event]:
        """Every event in recording order."""
        return iter([_event(row) for row in self._order])

    def close(self) -> None:
        """Nothing to release."""
