"""The event log in a database: a SQLite file by default, or PostgreSQL.

* **Append-only.** Events are inserted, never updated or deleted.
* **Optimistic concurrency.** ``append(stream, expected_version, events)`` writes only
  if the stream is still at ``expected_version``; otherwise it raises
  :class:`~governance_rules.errors.ConcurrencyError` and writes nothing. A unique
  ``(stream_id, seq)`` key makes a lost race fail the same way.
* **Atomic batches.** One ``append`` is one transaction: after a crash a batch is
  either wholly there or wholly absent. SQLite runs in WAL mode with
  ``synchronous=FULL``, so a committed batch survives the process being killed.
* **SQLite or PostgreSQL.** On SQLite a writer takes the write lock when its
  transaction starts (``BEGIN IMMEDIATE``), so concurrent appenders wait for each
  other. On PostgreSQL (``postgresql+psycopg://…``, install the ``postgresql`` extra)
  transactions run at the server's default isolation (READ COMMITTED): of two writers
  racing for the same ``(stream_id, seq)`` the second waits on the unique key and is
  refused once the first commits; a serialization failure or deadlock the server
  reports is raised as ``ConcurrencyError`` too, so it is retried like any lost race.
* **One contract.** The store refuses what every store refuses
  (:func:`~governance_rules._store.events.check_append`), and every failure of the
  database, the driver or a damaged row is a :class:`StoreError` naming the stream
  and version, never the statement or the payload.

>>> store = EventStore.memory()
>>> store.append("issue-1", 0, [NewEvent("reported", {"text": "lift broken"}, "resident")])[0].seq
1
>>> store.version("issue-1")
1
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine as SqlEngine
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from governance_rules._store.events import (
    MAX_ACTOR,
    MAX_STREAM_ID,
    MAX_TYPE,
    SHANGHAI,
    Event,
    NewEvent,
    check_after,
    check_append,
    check_prefix,
    check_stream_id,
    moved_on,
    now,
)
from governance_rules.errors import ConcurrencyError, StoreError

__all__ = ["EventStore"]

#: The table of the default community, and the name of its unique key (a lost race is
#: recognised by that name on PostgreSQL).
_TABLE = "governance_events"
_KEY = "uq_stream_seq"
#: What a community's name may be: it becomes part of the table's name, so it is
#: plain lower-case ASCII, short enough for PostgreSQL's 63-character identifiers.
_COMMUNITY = re.compile(r"[a-z][a-z0-9_]{0,39}")


def _table(community: str) -> sa.Table:
    """The events table of ``community`` (``""``: the default ``governance_events``)."""
    return sa.Table(
        f"{_TABLE}_{community}" if community else _TABLE,
        sa.MetaData(),
        # a 64-bit counter where the database has one; SQLite's rowid is already 64-bit
        sa.Column(
            "position",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("stream_id", sa.String(MAX_STREAM_ID), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("type", sa.String(MAX_TYPE), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("actor", sa.String(MAX_ACTOR), nullable=False),
        sa.Column("occurred_at", sa.String(40), nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        # PostgreSQL names constraints per schema: each community's key has its own name
        sa.UniqueConstraint("stream_id", "seq", name=_key(community)),
    )


def _key(community: str) -> str:
    return f"uq_{community}_stream_seq" if community else _KEY


def _check_community(community: object) -> str:
    """``community`` if it can name a table of its own, else a :class:`StoreError`."""
    if isinstance(community, str) and (not community or _COMMUNITY.fullmatch(community)):
        return community
    raise StoreError(
        "not a name for a community's events",
        where="community",
        got=community,
        allowed="1 to 40 lower-case ASCII letters, digits and underscores, starting "
        "with a letter (it names the community's table), or '' for the default table",
    )


#: Rows fetched per query by ``all_events`` (no connection is held between them).
_CHUNK = 1000
#: SQLSTATEs a PostgreSQL writer should retry: serialization failure, deadlock.
_RETRY_STATES = frozenset({"40001", "40P01"})


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


#: Query keys whose value is a secret (libpq takes a password, and the client key's
#: passphrase, in the query as well as before the host), compared in lower case.
_SECRET_KEYS = frozenset({"password", "sslpassword"})


def _hidden(url: sa.engine.URL) -> str:
    """``url`` as text with its password hidden, in the query too."""
    if not any(key.lower() in _SECRET_KEYS for key in url.query):
        return url.render_as_string(hide_password=True)
    # a stand-in URL rendering leaves as it is, then shown as the password is: ***
    stand_in = "hidden" + "".join(c for c in str(url) if c.isalnum())
    url = url.set(query={key: stand_in if key.lower() in _SECRET_KEYS else value
                         for key, value in url.query.items()})  # fmt: skip
    return url.render_as_string(hide_password=True).replace(stand_in, "***")


def _shown(url: str) -> str:
    """The URL without its password, for error messages."""
    try:
        return _hidden(sa.engine.make_url(url))
    except (SQLAlchemyError, ValueError, TypeError):
        return "the given URL"


#: The databases the store is built and tested for (SQLAlchemy backend names).
_BACKENDS = ("sqlite", "postgresql")


def _check_backend(url: str, where: str) -> None:
    """Refuse a URL of another database than SQLite or PostgreSQL (an unparsable one is
    left to SQLAlchemy, whose error says why)."""
    try:
        backend = sa.engine.make_url(url).get_backend_name()
    except (SQLAlchemyError, ValueError, TypeError, AttributeError):
        return
    if backend not in _BACKENDS:
        raise StoreError(
            "the event store runs on SQLite or PostgreSQL only",
            where=where,
            got=backend,
            allowed="sqlite:///FILE, sqlite:// (memory) or "
            "postgresql+psycopg://USER@HOST/DATABASE",
        )


def _check_sqlite_options(url: str, where: str) -> None:
    """Refuse query options on a SQLite URL (``sqlite:///events.db?mode=ro``).

    The driver ignores most of them with only a warning (``mode=ro`` left the store
    writable), and with ``uri=true`` the rest of a plain path named another, empty
    file (``events.db?mode=ro``): the store takes none, rather than seem to honour them.
    """
    try:
        parsed = sa.engine.make_url(url)
    except (SQLAlchemyError, ValueError, TypeError, AttributeError):
        return  # left to SQLAlchemy, as in _check_backend
    # SQLAlchemy drops an option with no value (``?ro``) without a word: refused too
    if parsed.get_backend_name() == "sqlite" and (parsed.query or "?" in url):
        raise StoreError(
            "the SQLite event store takes no URL options",
            where=where,
            got=", ".join(sorted(parsed.query)) or url.partition("?")[2],
            allowed="sqlite:///FILE or sqlite:// (memory), with nothing after the file "
            "name; the file is always opened for reading and writing (read a copy to be "
            "sure nothing is written)",
        )


class EventStore:
    """An append-only event log over SQLAlchemy.

    Args:
        url: A SQLAlchemy URL: ``sqlite:///governance.db`` (the default kind),
            ``postgresql+psycopg://user:password@host/dbname`` (with the
            ``postgresql`` extra installed), or ``sqlite://`` for memory. The table
            is created if missing. A SQLite URL takes no query options: a SQLite
            store is always open for reading and writing, so ``?mode=ro`` (or any
            other ``?…``) is refused rather than ignored. A PostgreSQL URL keeps its
            options (``?sslmode=require``, ``?host=/run/postgresql``).
        community: Keeps one community's events apart from the others' in the same
            database: each community has a table of its own
            (``governance_events_<community>``), so several engines, one per
            community, share one file or server without seeing each other's items
            (an item's id, ``issue-1``, is only unique within its community). A
            name of 1 to 40 lower-case ASCII letters, digits and underscores,
            starting with a letter; the default ``""`` is the table
            ``governance_events``, the one stores have always used.

    Raises:
        StoreError: The database cannot be reached or the table cannot be made, a
            SQLite URL has query options, or ``community`` cannot name a table; the
            message shows the URL without its password.

    >>> EventStore("sqlite:///events.db?mode=ro")
    Traceback (most recent call last):
    ...
    governance_rules.errors.StoreError: sqlite:///events.db?mode=ro: the SQLite event store takes no URL options (got 'mode'); allowed: sqlite:///FILE or sqlite:// (memory), with nothing after the file name; the file is always opened for reading and writing (read a copy to be sure nothing is written)
    """  # noqa: E501

    def __init__(self, url: str = "sqlite:///governance.db", *, community: str = "") -> None:
        self.url = url
        self.community = _check_community(community)
        self._events = events = _table(community)
        self._key = _key(community)
        where = _shown(url)
        _check_backend(url, where)
        _check_sqlite_options(url, where)
        try:
            if url in ("sqlite://", "sqlite:///", "sqlite:///:memory:"):  # one shared memory
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
        except ImportError as exc:
            raise StoreError(
                f"the database driver is not installed ({exc.name})",
                where=where,
                allowed="pip install 'governance-rules[postgresql]' for PostgreSQL",
            ) from None
        except (SQLAlchemyError, ValueError, TypeError) as exc:
            raise StoreError(f"cannot open the event store ({exc})", where=where) from None
        try:
            _create(engine, events)
        except SQLAlchemyError as exc:
            engine.dispose()
            reason = _reason(exc)
            raise StoreError(f"cannot open the event store ({reason})", where=where) from None
        self._engine: SqlEngine = engine

    def __repr__(self) -> str:
        """The store's URL as given, its password (if any) hidden."""
        try:
            url = sa.engine.make_url(self.url)
        except (SQLAlchemyError, ValueError, TypeError):
            return "EventStore(<url>)"
        secret = url.password is not None or any(k.lower() in _SECRET_KEYS for k in url.query)
        shown = self.url if not secret and isinstance(self.url, str) else _hidden(url)
        if self.community:
            return f"EventStore({shown!r}, community={self.community!r})"
        return f"EventStore({shown!r})"

    @classmethod
    def sqlite(cls, path: str | Path, *, community: str = "") -> EventStore:
        """A store in a SQLite file (created if missing).

        The path is taken as it is: ``?``, ``#`` or ``%`` in a file name are part of
        the name, not of a URL. ``community`` keeps one community's events in a table
        of its own (see :class:`EventStore`).
        """
        try:
            url = sa.engine.URL.create("sqlite", database=str(Path(path)))
        except TypeError:
            raise StoreError("not a file path", where="path", got=path,
                             allowed="a str or pathlib.Path naming a file") from None  # fmt: skip
        return cls(url.render_as_string(hide_password=False), community=community)

    @classmethod
    def memory(cls) -> EventStore:
        """A store in memory, for tests and examples."""
        return cls("sqlite://")

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------
    def append(
        self, stream_id: str, expected_version: int, events: Sequence[NewEvent]
    ) -> list[Event]:
        """Append ``events`` to ``stream_id`` if it is at ``expected_version``.

        Returns:
            The committed events, their payloads as given (``read`` hands back their
            JSON form: dates and fractions as text).

        Raises:
            ConcurrencyError: The stream moved on (or the database asks this writer
                to retry); nothing was written.
            StoreError: An event no store can hold, or the database refused the
                write; nothing was written.
        """
        check_append(stream_id, expected_version, events)
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
                    raise moved_on(stream_id, expected_version, current)
                conn.execute(self._events.insert(), rows)
        except IntegrityError as exc:
            if not _lost_race(exc, self._key):
                raise StoreError(
                    f"the database refused the event ({_reason(exc)})",
                    where=f"{stream_id} version {expected_version + 1}",
                ) from None
            raise ConcurrencyError(
                "another writer appended first",
                where=stream_id,
                got=expected_version,
                allowed="reload the stream and retry",
            ) from None
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) in _RETRY_STATES:
                raise ConcurrencyError(
                    f"the database asks this writer to retry ({_reason(exc)})",
                    where=stream_id,
                    got=expected_version,
                    allowed="reload the stream and retry",
                ) from None
            raise StoreError(f"the write failed ({_reason(exc)})", where=stream_id) from None
        except SQLAlchemyError as exc:
            raise StoreError(f"the write failed ({_reason(exc)})", where=stream_id) from None
        # as given, like MemoryStore: a reader later gets the JSON form (dates as text)
        return [
            Event(stream_id, seq, e.type, e.payload, e.actor, e.occurred_at, recorded)
            for seq, e in enumerate(events, start=expected_version + 1)
        ]

    # -- reading ----------------------------------------------------------------------
    def _version(self, conn: sa.Connection, stream_id: str) -> int:
        query = sa.select(sa.func.max(self._events.c.seq)).where(
            self._events.c.stream_id == stream_id
        )
        return int(conn.execute(query).scalar() or 0)

    def version(self, stream_id: str) -> int:
        """The number of events in ``stream_id`` (0 if it has none)."""
        check_stream_id(stream_id)
        try:
            with self._engine.connect() as conn:
                return self._version(conn, stream_id)
        except (SQLAlchemyError, TypeError, ValueError) as exc:
            raise StoreError(f"cannot read the log ({_reason(exc)})", where=stream_id) from None

    def read(self, stream_id: str, after: int = 0) -> list[Event]:
        """The events of ``stream_id`` after sequence number ``after``, in order.

        Raises:
            StoreError: The database cannot be read, or a stored row is damaged (the
                error names the stream and version, never the event's content).
        """
        check_after(stream_id, after)
        query = (
            sa.select(self._events)
            .where(self._events.c.stream_id == stream_id, self._events.c.seq > after)
            .order_by(self._events.c.seq)
        )
        try:
            with self._engine.connect() as conn:
                rows = [row._mapping for row in conn.execute(query)]
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the log ({_reason(exc)})", where=stream_id) from None
        return [_checked(row) for row in rows]

    def _read_all(self) -> dict[str, list[Event] | StoreError] | None:
        """Every stream's events in order, in one query (the engine's way to open a
        store, instead of a query per stream): a stream with a damaged row maps to the
        :class:`StoreError` naming it, and the others are read all the same. ``None``
        where a row cannot even be decoded (SQLite's one query fails on it): the caller
        reads stream by stream, so that only the damaged stream is lost.

        Raises:
            StoreError: The database cannot be read, or a stored stream id is not text.
        """
        query = sa.select(self._events).order_by(self._events.c.stream_id, self._events.c.seq)
        found: dict[str, list[Event] | StoreError] = {}
        try:
            with self._engine.connect() as conn:
                for row in conn.execute(query):
                    mapping = row._mapping
                    stream_id = mapping["stream_id"]
                    if not isinstance(stream_id, str):
                        raise StoreError("a stored stream id is damaged (not text)",
                                         where="streams")  # fmt: skip
                    events = found.setdefault(stream_id, [])
                    if isinstance(events, list):
                        try:
                            events.append(_checked(mapping))
                        except StoreError as exc:  # this stream is damaged: the rest are read
                            found[stream_id] = exc
        except SQLAlchemyError as exc:
            if _undecodable(exc):  # a row SQLite cannot decode: the engine reads stream by stream
                return None
            raise StoreError(f"cannot read the log ({_reason(exc)})", where="all events") from None
        return found

    def _versions(self, prefix: str) -> list[tuple[str, int]]:
        """Each stream starting with ``prefix`` and its version, sorted as :meth:`streams`
        sorts them, in one query (the engine's refresh, instead of a query per stream).

        Raises:
            StoreError: The database cannot be read, or a stored stream id is not text.
        """
        check_prefix(prefix)
        if len(prefix) > MAX_STREAM_ID:  # no stream id is that long (SQLite: too complex)
            return []
        query = sa.select(self._events.c.stream_id, sa.func.max(self._events.c.seq)).group_by(
            self._events.c.stream_id
        )
        if prefix:
            query = query.where(self._events.c.stream_id.startswith(prefix, autoescape=True))
        try:
            with self._engine.connect() as conn:
                found = [(row[0], row[1]) for row in conn.execute(query)]
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the log ({_reason(exc)})", where="streams") from None
        if not all(isinstance(s, str) and type(v) is int for s, v in found):
            raise StoreError("a stored stream id or version is damaged", where="streams")
        # SQLite's LIKE ignores ASCII case: the prefix is checked again, exactly
        return sorted((s, v) for s, v in found if s.startswith(prefix))

    def streams(self, prefix: str = "") -> list[str]:
        """The ids of the streams (starting with ``prefix``), sorted as Python sorts text.

        The database's collation does not decide the order, so every store lists
        streams alike.
        """
        check_prefix(prefix)
        if len(prefix) > MAX_STREAM_ID:  # no stream id is that long (SQLite: too complex)
            return []
        query = sa.select(self._events.c.stream_id).distinct()
        if prefix:
            query = query.where(self._events.c.stream_id.startswith(prefix, autoescape=True))
        try:
            with self._engine.connect() as conn:
                found = [row[0] for row in conn.execute(query)]
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the log ({_reason(exc)})", where="streams") from None
        if not all(isinstance(s, str) for s in found):
            raise StoreError("a stored stream id is damaged (not text)", where="streams")
        # SQLite's LIKE ignores ASCII case: the prefix is checked again, exactly
        return sorted(s for s in found if s.startswith(prefix))

    def communities(self) -> list[str]:
        """The communities whose events this database holds, sorted (``""``: the default
        table), whichever community this store was opened for.

        A community with no event yet is not listed: opening a store makes its table, so
        a name mistyped in an app's settings would otherwise look like a community that
        has nothing to do. A dashboard compares this list with the names it expects.

        Raises:
            StoreError: The database cannot be read.
        """
        prefix = f"{_TABLE}_"
        found: list[str] = []
        try:
            names = sa.inspect(self._engine).get_table_names()
            with self._engine.connect() as conn:
                for name in names:
                    community = name[len(prefix) :] if name.startswith(prefix) else None
                    if name != _TABLE and not (community and _COMMUNITY.fullmatch(community)):
                        continue  # not a table of events (another program's, say)
                    table = _table(community or "")
                    if conn.execute(sa.select(table.c.seq).limit(1)).first() is not None:
                        found.append(community or "")
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot read the log ({_reason(exc)})", where="communities"
            ) from None
        return sorted(found)

    def all_events(self) -> Iterator[Event]:
        """Every event, in the order they were recorded.

        Rows are fetched in chunks. On SQLite each chunk is its own short query, so a
        consumer that stops early holds no connection (writers there commit one at a
        time, in the order of their positions). On PostgreSQL writers commit in any
        order, so the chunks are read in one ``REPEATABLE READ`` transaction: the events
        are one snapshot, and a stream never shows an event without the earlier ones
        (paging across snapshots could pass an event that committed late, then show
        the next event of its stream). That connection is held until the iteration
        ends or is closed.

        Raises:
            StoreError: The database cannot be read, or a stored row is damaged.
        """
        if self._engine.dialect.name == "postgresql":
            return self._snapshot_events()
        return self._chunked_events(None)

    def _chunked_events(self, conn: sa.Connection | None) -> Iterator[Event]:
        """Every event, chunk by chunk: on ``conn``, or each chunk on a connection of its own."""
        last = None
        while True:
            query = sa.select(self._events).order_by(self._events.c.position).limit(_CHUNK)
            if last is not None:
                query = query.where(self._events.c.position > last)
            try:
                if conn is not None:
                    rows = [row._mapping for row in conn.execute(query)]
                else:
                    with self._engine.connect() as own:
                        rows = [row._mapping for row in own.execute(query)]
            except SQLAlchemyError as exc:
                raise StoreError(
                    f"cannot read the log ({_reason(exc)})", where="all events"
                ) from None
            for row in rows:
                yield _checked(row)
            if len(rows) < _CHUNK:
                return
            last = rows[-1]["position"]

    def _snapshot_events(self) -> Iterator[Event]:
        try:
            conn = self._engine.connect().execution_options(isolation_level="REPEATABLE READ")
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the log ({_reason(exc)})", where="all events") from None
        with conn, conn.begin():
            yield from self._chunked_events(conn)

    # -- export and import ----------------------------------------------------------
    def export_json(self, streams: Iterable[str] | None = None) -> str:
        """The events (of ``streams``, default all) as a JSON document.

        Raises:
            StoreError: ``streams`` is not a collection of stream ids (a single id is
                passed as ``[stream_id]``).
        """
        wanted = None
        if streams is not None:
            ids = list(streams) if not isinstance(streams, str | bytes) else None
            if ids is None or not all(isinstance(s, str) for s in ids):
                raise StoreError("streams must be a collection of stream ids", where="streams",
                                 got=streams, allowed='e.g. ["issue-1", "meeting-2"]')  # fmt: skip
            wanted = set(ids)
        events = [
            e.to_dict() for e in self.all_events() if wanted is None or e.stream_id in wanted
        ]
        return json.dumps(
            {"format": "governance-rules-events/1", "events": events}, ensure_ascii=False, indent=1
        )

    def import_json(self, text: str) -> int:
        """Append exported events; each stream must continue where this store has it.

        Every event and every stream's numbering is checked before anything is written,
        so a document with a bad event writes nothing. (Each stream is then appended as
        one batch: a stream another writer moves meanwhile is refused on its own.)

        Raises:
            StoreError: Not an export, or a stream whose numbering does not continue.
            ConcurrencyError: A stream of the export does not continue where this
                store has it (the export was imported already, say); nothing is
                imported, and the error says which version the stream's events must
                start at.
        """
        try:
            data = json.loads(text)
            items = data["events"] if data.get("format") == "governance-rules-events/1" else None
        except (ValueError, AttributeError, TypeError, KeyError, RecursionError) as exc:
            reason = type(exc).__name__ if isinstance(exc, RecursionError) else exc
            raise StoreError(f"not an event export: {reason}", where="import") from None
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
        batches: list[tuple[str, int, list[NewEvent]]] = []
        for stream_id, events in by_stream.items():
            events.sort(key=lambda e: e.seq)
            start = events[0].seq - 1
            if [e.seq for e in events] != list(range(start + 1, start + 1 + len(events))):
                raise StoreError("sequence numbers are not contiguous", where=stream_id)
            batch = [NewEvent(e.type, e.payload, e.actor, e.occurred_at) for e in events]
            check_append(stream_id, start, batch)
            found = self.version(stream_id)
            if found != start:  # an import is not retried: "reload and retry" would not help
                raise ConcurrencyError(
                    f"the export's events {start + 1} to {start + len(batch)} do not follow "
                    f"the {found} event(s) this store has of the stream; nothing was imported",
                    where=stream_id,
                    got=f"events from version {start + 1}",
                    allowed=f"an export whose events of {stream_id} start at version "
                    f"{found + 1}, or a store without {stream_id}",
                )
            batches.append((stream_id, start, batch))
        for stream_id, start, batch in batches:
            self.append(stream_id, start, batch)
        return sum(len(batch) for _, _, batch in batches)


def _create(engine: SqlEngine, table: sa.Table) -> None:
    """Create the table if missing; another process creating it at the same moment
    (PostgreSQL reports a duplicate type or table) is not an error."""
    try:
        table.metadata.create_all(engine)
    except SQLAlchemyError:
        if not sa.inspect(engine).has_table(table.name):
            raise


def _lost_race(exc: IntegrityError, key: str) -> bool:
    """Whether the database refused a row because its (stream_id, seq) is taken (the
    unique key named ``key``, not another rule a database administrator may have added)."""
    orig = exc.orig
    sqlstate = getattr(orig, "sqlstate", None)  # psycopg
    if sqlstate is not None:
        constraint = getattr(getattr(orig, "diag", None), "constraint_name", None)
        return bool(sqlstate == "23505" and constraint == key)
    text = str(orig)  # sqlite3: "UNIQUE constraint failed: governance_events.stream_id, …"
    return "UNIQUE" in text.upper() and ".stream_id" in text and ".seq" in text


def _reason(exc: BaseException) -> str:
    """The driver's own short reason, without the SQL statement or its parameters
    (which hold residents' text).

    A PostgreSQL data error (class 22) may quote the value it refused, so only its
    name and SQLSTATE are shown.
    """
    orig = getattr(exc, "orig", None)
    if orig is None:
        return type(exc).__name__
    sqlstate = getattr(orig, "sqlstate", None)
    if isinstance(sqlstate, str) and sqlstate.startswith("22"):
        return f"{type(orig).__name__}, SQLSTATE {sqlstate}"
    text = str(orig).strip()
    # SQLite quotes the text it cannot decode, a resident's words: only the column is named
    text = text.split(" with text ", 1)[0] if _undecodable(exc) else text
    return text.splitlines()[0][:200] if text else type(orig).__name__


def _undecodable(exc: BaseException) -> bool:
    """Whether SQLite failed to decode a stored text as UTF-8 (a damaged row: written in
    another encoding by another program, or a damaged file)."""
    return str(getattr(exc, "orig", "")).startswith("Could not decode to UTF-8")


def _instant(value: object) -> datetime:
    if not isinstance(value, str):
        raise TypeError("an instant is not text")
    instant = datetime.fromisoformat(value)
    if instant.tzinfo is None:
        raise ValueError("an instant without a time zone")
    return instant.astimezone(SHANGHAI)


def _checked(row: Mapping[Any, Any]) -> Event:
    """A stored row as an Event, or a StoreError naming where it is damaged."""
    try:
        event = _event(row)
        if not all(isinstance(v, str) for v in (event.stream_id, event.type, event.actor)):
            raise TypeError("a text column holds something else")
        if not isinstance(event.payload, dict):
            raise TypeError("the payload is not a mapping")
        return event
    except (KeyError, TypeError, ValueError, RecursionError) as exc:
        # JSONDecodeError is a ValueError; the stream id and version are shown as
        # stored (short text or a number), the content never
        where = f"{str(row.get('stream_id', '?'))[:MAX_STREAM_ID]} version {row.get('seq', '?')}"
        raise StoreError(
            f"a stored event is damaged ({type(exc).__name__})", where=where
        ) from None


def _event(row: Mapping[Any, Any]) -> Event:
    payload = row["payload"]
    if not isinstance(payload, str):
        raise TypeError("the payload is not text")
    return Event(
        stream_id=row["stream_id"],
        seq=int(row["seq"]),
        type=row["type"],
        payload=json.loads(payload),
        actor=row["actor"],
        occurred_at=_instant(row["occurred_at"]),
        recorded_at=_instant(row["recorded_at"]),
    )
