"""An event log in memory: the same interface as :class:`EventStore`, for simulations.

Nothing survives the process; use it where thousands of simulated communities
run for a year and only the end state matters.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from governance_rules.errors import ConcurrencyError
from governance_rules.store.events import Event, NewEvent, now

__all__ = ["MemoryStore"]


class MemoryStore:
    """Append-only streams held in a dict, with optimistic concurrency."""

    def __init__(self) -> None:
        self._streams: dict[str, list[Event]] = {}
        self._order: list[Event] = []

    def append(
        self, stream_id: str, expected_version: int, events: Sequence[NewEvent]
    ) -> list[Event]:
        """Append ``events`` if ``stream_id`` is at ``expected_version`` (else nothing changes)."""
        stream = self._streams.setdefault(stream_id, [])
        if len(stream) != expected_version:
            raise ConcurrencyError(
                "the stream has moved on",
                where=stream_id,
                got=expected_version,
                allowed=f"expected version {len(stream)}: reload and retry",
            )
        recorded = now()
        written = [
            Event(
                stream_id,
                expected_version + i,
                e.type,
                e.payload,
                e.actor,
                e.occurred_at,
                recorded,
            )
            for i, e in enumerate(events, start=1)
        ]
        stream.extend(written)
        self._order.extend(written)
        return written

    def version(self, stream_id: str) -> int:
        """Events in ``stream_id``."""
        return len(self._streams.get(stream_id, ()))

    def read(self, stream_id: str, after: int = 0) -> list[Event]:
        """Events of ``stream_id`` after ``after``."""
        return list(self._streams.get(stream_id, ())[after:])

    def streams(self, prefix: str = "") -> list[str]:
        """Stream ids starting with ``prefix``, sorted."""
        return sorted(s for s in self._streams if s.startswith(prefix))

    def all_events(self) -> Iterator[Event]:
        """Every event in recording order."""
        return iter(list(self._order))

    def close(self) -> None:
        """Nothing to release."""
