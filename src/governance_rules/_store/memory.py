"""An event log in memory: the same interface as :class:`EventStore`, for simulations.

Nothing survives the process; use it where thousands of simulated communities
run for a year and only the end state matters. Events are kept as compact tuples
and handed out as :class:`Event` objects when read. It refuses what the SQL store
refuses (:func:`~governance_rules._store.events.check_append`), so a simulation
cannot record what a real deployment would not.

The store keeps its own copy of each payload, shaped as the SQL store reads it back
(mappings as dicts, sequences as lists) but with dates and fractions as Python values,
and :meth:`MemoryStore.read` hands out a fresh copy each time: changing a payload the
caller appended, or one it read, never changes what was recorded.

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


#: What an empty mapping or list is kept as: one shared value nobody can change (the
#: store's own copy is never handed out, so it need not be a dict; see :func:`_copy`).
_EMPTY_MAPPING: Mapping[str, Any] = MappingProxyType({})
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


def _kept(payload: Any, shared: dict[tuple[tuple[str, str], ...], Any]) -> Any:
    """The store's own copy of a payload: :func:`_copy`, with repeats kept once."""
    return _shared_parts(_copy(payload), shared)


def _shared_parts(copied: dict[str, Any], shared: dict[tuple[tuple[str, str], ...], Any]) -> Any:
    """``copied`` (the store's own copy) with parts nobody can change kept once.

    The copy is never handed out (reads copy it again), so parts nobody can change may
    be shared between events: empty mappings and lists, and equal mappings of text
    only (the charter a stream was written under, ``{"category": "routine"}``), of
    which ``shared`` keeps up to :data:`_SHARED_MAX`.
    """
    for key, item in copied.items():
        if type(item) is dict:
            copied[key] = _share(item, shared)
        elif type(item) is list and not item:
            copied[key] = _EMPTY_LIST
    return copied


def _share(item: dict[str, Any], shared: dict[tuple[tuple[str, str], ...], Any]) -> Any:
    """``item`` (a copy the store keeps), or the one shared equal value: empty, or
    text only and kept in ``shared`` (see :func:`_shared_parts`)."""
    if not item:
        return _EMPTY_MAPPING
    if set(map(type, item.values())) <= _TEXT:  # text only (faster than all())
        return _interned(item, shared)
    return item


def _interned(item: dict[str, str], shared: dict[tuple[tuple[str, str], ...], Any]) -> Any:
    """The one shared value equal to ``item`` (a mapping of text only, a copy the store
    keeps), made from it the first time while ``shared`` holds fewer than
    :data:`_SHARED_MAX`; else ``item`` itself."""
    pairs = tuple(item.items())
    found = shared.get(pairs)
    if found is None and len(shared) < _SHARED_MAX:
        found = shared[pairs] = MappingProxyType(item)
    return found if found is not None else item


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
    return Event(stream_id, seq, type_, _copy(payload), actor, occurred_at, recorded_at)


class MemoryStore:
    """Append-only streams held in a dict, with optimistic concurrency."""

    def __init__(self) -> None:
        self._streams: dict[str, list[_Row]] = {}
        self._order: list[_Row] = []
        self._shared: dict[tuple[tuple[str, str], ...], Any] = {}

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

    def _kept_top(self, payload: dict[str, Any]) -> dict[str, Any]:
        """:func:`_shared_parts` of :func:`checked_copy` of ``payload``, in one pass over
        its top level (where the engine's payloads keep their parts).

        Raises:
            Unusual: What only the full check decides.
        """
        kept = dict(payload)
        for key, item in kept.items():
            if type(key) is not str or (not key.isascii() and not valid_unicode(key)):
                raise Unusual
            kind = type(item)
            if (kind is str and item.isascii()) or kind in ATOMS:
                continue
            if kind is dict or kind is MappingProxyType:
                kept[key] = self._kept_mapping(item) if item else _EMPTY_MAPPING
                continue
            value = checked_value(item, 1)
            if type(value) is list and not value:
                value = _EMPTY_LIST
            kept[key] = value
        return kept

    def _kept_mapping(self, item: Mapping[str, Any]) -> Any:
        """A mapping at the payload's top level (``args``, ``changes``), checked and
        copied as :func:`checked_value` does and then shared as :func:`_share` does, in
        one pass over its items (where the engine's payloads keep their values).

        Raises:
            Unusual: What only the full check decides.
        """
        copied = dict(item)
        text_only = True
        for key, value in copied.items():
            if type(key) is not str or (not key.isascii() and not valid_unicode(key)):
                raise Unusual
            kind = type(value)
            if kind is str:
                if not value.isascii() and not valid_unicode(value):
                    raise Unusual
                continue
            text_only = False
            if kind not in ATOMS:
                copied[key] = checked_value(value, 2)
        return _interned(copied, self._shared) if text_only else copied

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
