"""The append-only event log (SQLite by default, or PostgreSQL).

>>> from governance_rules._store import EventStore, NewEvent
>>> store = EventStore.memory()
>>> _ = store.append("meeting-1", 0, [NewEvent("planned", {"date": "2026-02-25"}, "office")])
>>> [e.type for e in store.read("meeting-1")]
['planned']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from governance_rules._store.events import SHANGHAI, Event, NewEvent, now
from governance_rules._store.memory import MemoryStore

if TYPE_CHECKING:
    from governance_rules._store.sql import EventStore

__all__ = ["SHANGHAI", "Event", "EventStore", "MemoryStore", "NewEvent", "now"]


def __getattr__(name: str) -> Any:
    """``EventStore`` is imported when first used: SQLAlchemy takes a quarter of a second
    to import, and simulations, the CLI and the in-memory engine never need it."""
    if name == "EventStore":
        from governance_rules._store.sql import EventStore  # noqa: PLC0415

        return EventStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
