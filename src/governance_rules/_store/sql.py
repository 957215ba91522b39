"""The event log in a database: a SQLite file by default, any SQLAlchemy URL otherwise.

* **Append-only.** Events are inserted, never updated or deleted.
* **Optimistic concurrency.** ``append(stream, expected_version, events)`` writes only
  if the stream is still at ``expected_version``; otherwise it raises
  :class:`~governance_rules.errors.ConcurrencyError` and writes nothing. A unique
  ``(stream_id, seq)`` key makes a lost race fail the same way.
* **Atomic batches.** One ``append`` is one transaction: after a crash a batch is
  either wholly there or wholly absent. SQLite runs in WAL mode with
  ``synchronous=FULL``, so a committed batch survives the process being killed.

>>> store = EventStore.memory()
>>> store.append("issue-1", 0, [NewEvent("reported", {"text": "lift broken"}, "resident")])[0].seq
1
>>> store.version("issue-1")
1
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine as SqlEngine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from governance_rules._store.events import SHANGHAI, Event, NewEvent, now
from governance_rules.errors import ConcurrencyError, StoreError

__all__ = ["EventStore"]

_metadata = sa.MetaData()
_events = sa.Table(
    "governance_events",
    _metadata,
    sa.Column("position", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("stream_id", sa.String(200), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("type", sa.String(100), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("occurred_at", sa.String(40), nullable=False),
    sa.Column("recorded_at", sa.String(40), nullable=False),
    sa.UniqueConstraint("stream_id", "seq", name="uq_stream_seq"),
)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # SQLAlchemy, not the driver, opens transactions (see _sqlite_begin)
    connection.isolation_level = None
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    """Take the write lock when a transaction starts, so that reading the stream's
    version and appending happen under one lock: concurrent writers wait (busy
    timeout) instead of failing on a lock upgrade."""
    conn.exec_driver_sql("BEGIN IMMEDIATE")


class EventStore:
    """An append-only event log over SQLAlchemy.

    Args:
        url: A SQLAlchemy URL: ``sqlite:///governance.db`` (the default kind),
            ``postgresql+psycopg://…``, or ``sqlite://`` for memory.
    """

    def __init__(self, url: str = "sqlite:///governance.db") -> None:
        self.url = url
        try:
            if url in ("sqlite://", "sqlite:///:memory:"):
                engine = sa.create_engine(
                    "sqlite://",
                    poolclass=StaticPool,
                    connect_args={"check_same_thread": False},
                )
            else:
                engine = sa.create_engine(url)
            if engine.dialect.name == "sqlite":
                sa.event.listen(engine, "connect", _sqlite_pragmas)
                sa.event.listen(engine, "begin", _sqlite_begin)
            _metadata.create_all(engine)
        except (SQLAlchemyError, ValueError, ImportError) as exc:
            raise StoreError(f"cannot open the event store: {exc}", where=url) from exc
        self._engine: SqlEngine = engine

    @classmethod
    def sqlite(cls, path: str | Path) -> EventStore:
        """A store in a SQLite file (created if missing)."""
        return cls(f"sqlite:///{Path(path)}")

    @classmethod
    def memory(cls) -> EventStore:
        """A store in memory, for tests and examples."""
        return cls("sqlite://")

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    # -- writing ----------------------------------------------------------------------
    def append(
        self, stream_id: str, expected_version: int, events: Sequence[NewEvent]
    ) -> list[Event]:
        """Append ``events`` to ``stream_id`` if it is at ``expected_version``.

        Raises:
            ConcurrencyError: The stream moved on; nothing was written.
            StoreError: The database refused the write; nothing was written.
        """
        if not events:
            return []
        recorded = now()
        rows = [
            {
                "stream_id": stream_id,
                "seq": expected_version + offset,
                "type": event.type,
                "payload": event.payload_json(),
                "actor": event.actor,
                "occurred_at": event.occurred_at.isoformat(),
                "recorded_at": recorded.isoformat(),
            }
            for offset, event in enumerate(events, start=1)
        ]
        try:
            with self._engine.begin() as conn:
                current = self._version(conn, stream_id)
                if current != expected_version:
                    raise ConcurrencyError(
                        "the stream has moved on",
                        where=stream_id,
                        got=expected_version,
                        allowed=f"expected version {current}: reload and retry",
                    )
                conn.execute(_events.insert(), rows)
        except IntegrityError as exc:
            if self.version(stream_id) == expected_version:  # not a race: a bad row
                raise StoreError(
                    f"the database refused the event ({_reason(exc)})", where=stream_id
                ) from None
            raise ConcurrencyError(
                "another writer appended first",
                where=stream_id,
                got=expected_version,
                allowed="reload the stream and retry",
            ) from None
        except SQLAlchemyError as exc:
            raise StoreError(f"the write failed ({_reason(exc)})", where=stream_id) from None
        return [_event(row) for row in rows]

    # -- reading ----------------------------------------------------------------------
    @staticmethod
    def _version(conn: sa.Connection, stream_id: str) -> int:
        query = sa.select(sa.func.max(_events.c.seq)).where(_events.c.stream_id == stream_id)
        return int(conn.execute(query).scalar() or 0)

    def version(self, stream_id: str) -> int:
        """The number of events in ``stream_id`` (0 if it has none)."""
        try:
            with self._engine.connect() as conn:
                return self._version(conn, stream_id)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the log ({_reason(exc)})", where=stream_id) from None

    def read(self, stream_id: str, after: int = 0) -> list[Event]:
        """The events of ``stream_id`` after sequence number ``after``, in order.

        Raises:
            StoreError: The database cannot be read, or a stored row is damaged (the
                error names the stream and version, never the event's content).
        """
        query = (
            sa.select(_events)
            .where(_events.c.stream_id == stream_id, _events.c.seq > after)
            .order_by(_events.c.seq)
        )
        try:
            with self._engine.connect() as conn:
                rows = [row._mapping for row in conn.execute(query)]
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the log ({_reason(exc)})", where=stream_id) from None
        return [_checked(row) for row in rows]

    def streams(self, prefix: str = "") -> list[str]:
        """The ids of the streams (starting with ``prefix``), sorted."""
        query = sa.select(_events.c.stream_id).distinct().order_by(_events.c.stream_id)
        if prefix:
            query = query.where(_events.c.stream_id.startswith(prefix, autoescape=True))
        try:
            with self._engine.connect() as conn:
                return [str(row[0]) for row in conn.execute(query)]
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the log ({_reason(exc)})", where="streams") from None

    def all_events(self) -> Iterator[Event]:
        """Every event, in the order they were recorded."""
        query = sa.select(_events).order_by(_events.c.position)
        with self._engine.connect() as conn:
            for row in conn.execute(query):
                yield _event(row._mapping)

    # -- export and import ----------------------------------------------------------
    def export_json(self, streams: Iterable[str] | None = None) -> str:
        """The events (of ``streams``, default all) as a JSON document."""
        wanted = set(streams) if streams is not None else None
        events = [
            e.to_dict() for e in self.all_events() if wanted is None or e.stream_id in wanted
        ]
        return json.dumps(
            {"format": "governance-rules-events/1", "events": events}, ensure_ascii=False, indent=1
        )

    def import_json(self, text: str) -> int:
        """Append exported events; each stream must continue where this store has it.

        Raises:
            StoreError: Not an export, or a stream whose numbering does not continue.
            ConcurrencyError: A stream already has those sequence numbers.
        """
        try:
            data = json.loads(text)
            items = data["events"] if data.get("format") == "governance-rules-events/1" else None
        except (ValueError, AttributeError, TypeError) as exc:
            raise StoreError(f"not an event export: {exc}", where="import") from exc
        if not isinstance(items, list):
            raise StoreError(
                "not an event export",
                where="import",
                allowed='{"format": "governance-rules-events/1", "events": [...]}',
            )
        by_stream: dict[str, list[Event]] = {}
        for index, item in enumerate(items):
            event = Event.from_dict(item, where=f"events[{index}]")
            by_stream.setdefault(event.stream_id, []).append(event)
        count = 0
        for stream_id, events in by_stream.items():
            events.sort(key=lambda e: e.seq)
            start = events[0].seq - 1
            if [e.seq for e in events] != list(range(start + 1, start + 1 + len(events))):
                raise StoreError("sequence numbers are not contiguous", where=stream_id)
            self.append(
                stream_id,
                start,
                [NewEvent(e.type, e.payload, e.actor, e.occurred_at) for e in events],
            )
            count += len(events)
        return count


def _reason(exc: SQLAlchemyError) -> str:
    """The driver's own short reason, without the SQL statement or its parameters
    (which hold residents' text)."""
    orig = getattr(exc, "orig", None)
    text = str(orig) if orig is not None else type(exc).__name__
    return text.splitlines()[0][:200] if text else type(exc).__name__


def _checked(row: Any) -> Event:
    """A stored row as an Event, or a StoreError naming where it is damaged."""
    try:
        event = _event(row)
        if not isinstance(event.payload, dict):
            raise TypeError("the payload is not a mapping")
        return event
    except (KeyError, TypeError, ValueError) as exc:  # JSONDecodeError is a ValueError
        where = f"{row.get('stream_id', '?')} version {row.get('seq', '?')}"
        raise StoreError(
            f"a stored event is damaged ({type(exc).__name__})", where=where
        ) from None


def _event(row: Any) -> Event:
    payload = row["payload"]
    return Event(
        stream_id=row["stream_id"],
        seq=int(row["seq"]),
        type=row["type"],
        payload=json.loads(payload) if isinstance(payload, str) else payload,
        actor=row["actor"],
        occurred_at=datetime.fromisoformat(row["occurred_at"]).astimezone(SHANGHAI),
        recorded_at=datetime.fromisoformat(row["recorded_at"]).astimezone(SHANGHAI),
    )
