"""An event log in memory: the same interface as :class:`EventStore`, for simulations.

Nothing survives the process; use it where thousands of simulated communities
run for a year and only the end state matters. Events are kept as compact tuples
and handed out as :class:`Event` objects when read. It refuses what the SQL store
refuses (:func:`~governance_rules._store.events.check_append`), so a simulation
cannot record what a real deployment would not; payloads are kept as the Python
values given (the SQL store hands back their JSON form: dates as ISO text).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from governance_rules._store.events import (
    Event,
    NewEvent,
    check_after,
    check_append,
    check_prefix,
    check_stream_id,
    now,
)
from governance_rules.errors import ConcurrencyError

__all__ = ["MemoryStore"]

_Row = tuple[str, int, str, Any, str, datetime, datetime]


def _event(row: _Row) -> Event:
    return Event(*row)


class MemoryStore:
    """Append-only streams held in a dict, with optimistic concurrency."""

    def __init__(self) -> None:
        self._streams: dict[str, list[_Row]] = {}
        self._order: list[_Row] = []

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
        stream = self._streams.get(stream_id, ())
        if len(stream) != expected_version:
            raise ConcurrencyError(
                "the stream has moved on",
                where=stream_id,
                got=expected_version,
                allowed=f"expected version {len(stream)}: reload and retry",
            )
        recorded = now()
        seq = expected_version
        rows = []
        for e in events:
            seq += 1
            rows.append((stream_id, seq, e.type, e.payload, e.actor, e.occurred_at, recorded))
        self._streams.setdefault(stream_id, []).extend(rows)
        self._order.extend(rows)
        return [_event(row) for row in rows]

    def version(self, stream_id: str) -> int:
        """Events in ``stream_id``."""
        check_stream_id(stream_id)
        return len(self._streams.get(stream_id, ()))

    def read(self, stream_id: str, after: int = 0) -> list[Event]:
        """Events of ``stream_id`` after ``after``."""
        check_after(stream_id, after)
        return [_event(row) for row in self._streams.get(stream_id, ())[after:]]

    def streams(self, prefix: str = "") -> list[str]:
        """Stream ids starting with ``prefix``, sorted."""
        check_prefix(prefix)
        return sorted(s for s in self._streams if s.startswith(prefix))

    def all_events(self) -> Iterator[Event]:
        """Every event in recording order."""
        return iter([_event(row) for row in self._order])

    def close(self) -> None:
        """Nothing to release."""
