"""The append-only event log (SQLite by default, any SQLAlchemy URL).

>>> from governance_rules._store import EventStore, NewEvent
>>> store = EventStore.memory()
>>> _ = store.append("meeting-1", 0, [NewEvent("planned", {"date": "2026-02-25"}, "office")])
>>> [e.type for e in store.read("meeting-1")]
['planned']
"""

from governance_rules._store.events import SHANGHAI, Event, NewEvent, now
from governance_rules._store.memory import MemoryStore
from governance_rules._store.sql import EventStore

__all__ = ["SHANGHAI", "Event", "EventStore", "MemoryStore", "NewEvent", "now"]
