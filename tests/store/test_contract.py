"""One contract for every event store: in memory, a SQLite file and PostgreSQL.

Each test runs against each store (PostgreSQL on the session's throwaway server,
skipped with a reason where no server binaries are installed). What one store
refuses every store refuses, and no error message carries a resident's text.
"""

from __future__ import annotations

import enum
import gc
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from governance_rules._store import SHANGHAI, Event, EventStore, MemoryStore, NewEvent
from governance_rules._store import sql as sql_store
from governance_rules._store.events import _json_value, check_append
from governance_rules.errors import ConcurrencyError, StoreError

#: A resident's words: no error message may contain them.
SECRET = "flat 3-402 住户"

Store = MemoryStore | EventStore
MakeStore = Callable[[], Store]

STORES = ["memory", "sqlite", "postgresql"]
SQL_STORES = ["sqlite", "postgresql"]


@pytest.fixture
def make(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MakeStore]:
    """``make()`` opens a store on this test's database (each call a new handle to it)."""
    kind = request.param
    opened: list[Store] = []
    memory = MemoryStore()
    url = ""
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'events.db'}"
    elif kind == "postgresql":
        url = request.getfixturevalue("pg_url")

    def open_store() -> Store:
        store = memory if kind == "memory" else EventStore(url)
        opened.append(store)
        return store

    yield open_store
    for store in opened:
        store.close()


def every(*kinds: str) -> pytest.MarkDecorator:
    return pytest.mark.parametrize("make", list(kinds), indirect=True)


def ev(kind: str = "e", n: int = 0, **payload: Any) -> NewEvent:
    return NewEvent(kind, {"n": n, "note": "维修", **payload}, "residents_committee//rc-1",
                    datetime(2026, 3, 2, 9, 30, tzinfo=SHANGHAI))  # fmt: skip


def as_json(payload: Any) -> Any:
    return json.loads(json.dumps(dict(payload), default=_json_value))


def assert_untouched(store: Store) -> None:
    assert store.streams() == []
    assert list(store.all_events()) == []
    assert store.version("s-1") == 0


# -- what every store does ----------------------------------------------------------------


@every(*STORES)
def test_append_read_and_conflict(make: MakeStore) -> None:
    store = make()
    written = store.append("issue-1", 0, [ev("reported"), ev("triage")])
    assert [e.seq for e in written] == [1, 2]
    assert store.version("issue-1") == 2
    with pytest.raises(ConcurrencyError, match="expected version 2"):
        store.append("issue-1", 1, [ev("reply")])
    with pytest.raises(ConcurrencyError):
        store.append("issue-1", 5, [ev("reply")])  # ahead of the stream: no gap is left
    assert [e.type for e in store.read("issue-1")] == ["reported", "triage"]  # nothing written
    assert [e.seq for e in store.read("issue-1", after=1)] == [2]
    assert store.read("issue-1", after=2) == []
    assert store.read("nothing-1") == []
    event = store.read("issue-1")[0]
    assert (event.stream_id, event.type, event.actor) == (
        "issue-1", "reported", "residents_committee//rc-1")  # fmt: skip
    assert event.payload == {"n": 0, "note": "维修"}
    assert event.occurred_at == datetime(2026, 3, 2, 9, 30, tzinfo=SHANGHAI)
    assert event.occurred_at.tzinfo is SHANGHAI
    assert event.recorded_at.tzinfo is SHANGHAI
    assert written[0] == event


@every(*STORES)
def test_an_empty_batch_writes_nothing(make: MakeStore) -> None:
    store = make()
    assert store.append("s-1", 0, []) == []
    assert_untouched(store)


@every(*STORES)
def test_streams_are_sorted_alike_and_prefixes_are_literal(make: MakeStore) -> None:
    store = make()
    names = ["issue-2", "issue-10", "Issue-3", "meeting-1", "a_b-1", "axb-1", "a%b-1", "議題-1"]
    for name in names:
        store.append(name, 0, [ev()])
    assert store.streams() == sorted(names)  # as Python sorts text, whatever the collation
    assert store.streams("issue-") == ["issue-10", "issue-2"]
    assert store.streams("a_") == ["a_b-1"]  # not a LIKE wildcard
    assert store.streams("a%") == ["a%b-1"]
    assert store.streams("none") == []
    # longer than any stream id: nothing starts with it (SQLite found the pattern too complex)
    assert store.streams("a" * 1_000_000) == store.streams("issue-" * 100) == []
    assert store._versions("a" * 1_000_000) == []


@every(*STORES)
def test_all_events_come_in_recording_order(
    make: MakeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sql_store, "_CHUNK", 3)  # the SQL stores read in chunks
    store = make()
    order = []
    for n in range(10):
        stream = f"s-{n % 3}"
        store.append(stream, store.version(stream), [ev(n=n), ev(n=n)])
        order += [(stream, n), (stream, n)]
    assert [(e.stream_id, e.payload["n"]) for e in store.all_events()] == order
    early = store.all_events()
    assert next(early).payload["n"] == 0  # a consumer may stop early


@every("postgresql")
def test_all_events_on_postgresql_are_one_snapshot(
    make: MakeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writers commit in any order there: pages read across snapshots could pass an
    event that committed late and then show the next event of its stream (an export
    that no store can import). One iteration is one snapshot."""
    monkeypatch.setattr(sql_store, "_CHUNK", 2)
    store, other = make(), make()  # two writers on one database
    for n in range(3):
        store.append("s-1", n, [ev(n=n)])
    reading = store.all_events()
    first = next(reading)
    other.append("s-1", 3, [ev(n=3)])
    other.append("s-2", 0, [ev(n=4)])
    assert [e.payload["n"] for e in (first, *reading)] == [0, 1, 2]  # as when it began
    assert [e.payload["n"] for e in store.all_events()] == [0, 1, 2, 3, 4]
    stopped = store.all_events()
    next(stopped)
    stopped.close()  # a consumer that stops early gives its connection back
    other.append("s-2", 1, [ev(n=5)])
    assert len(list(store.all_events())) == 6


@dataclass(frozen=True)
class Choice:
    order: tuple[str, ...]
    since: date


class Colour(enum.Enum):
    RED = "red"


class Level(enum.IntEnum):
    TOP = 4


ACCEPTED: dict[str, Any] = {
    "text": "维修 lift",
    "whole": -3,
    "big": 10**300,
    "number": 1.5,
    "flags": [True, False, None],
    "nested": {"k": [{"a": 1}, ("x", 2)]},
    "day": date(2026, 3, 2),
    "instant": datetime(2026, 3, 2, 9, tzinfo=SHANGHAI),
    "share": Fraction(2, 3),
    "proxy": MappingProxyType({"a": 1}),
    "record": Choice(("a", "b"), date(2026, 2, 20)),
    "level": Level.TOP,
    "empty": {},
    "deep": json.loads("[" * 30 + "]" * 30),
}


@every(*STORES)
def test_what_json_holds_is_kept(make: MakeStore) -> None:
    store = make()
    store.append("s-1", 0, [NewEvent("e", ACCEPTED, "a")])
    payload = store.read("s-1")[0].payload
    assert as_json(payload) == as_json(ACCEPTED)  # SQL stores hand back the JSON form
    if isinstance(store, EventStore):
        assert payload == as_json(ACCEPTED)
        assert payload["day"] == "2026-03-02"
        assert payload["share"] == "2/3"


@every(*STORES)
def test_changing_a_payload_after_append_or_read_changes_no_record(make: MakeStore) -> None:
    store = make()
    present = {"owners_committee": 3, "minutes": ["draft"]}
    payload = {"present": present, "proxy": MappingProxyType({"k": [1]})}
    store.append("s-1", 0, [NewEvent("held", payload, "a")])
    present["owners_committee"] = 10**9  # the caller reuses its dict
    present["minutes"].append("forged")
    read = store.read("s-1")[0].payload
    read["present"]["minutes"].clear()  # a reader edits what it was given
    read["proxy"]["k"].append(2)
    again = store.read("s-1")[0].payload
    assert again["present"] == {"owners_committee": 3, "minutes": ["draft"]}
    assert again["proxy"] == {"k": [1]}
    assert next(store.all_events()).payload == again
    # equal parts of two events (the memory store keeps them once) stay apart when read
    for stream in ("s-2", "s-3"):
        store.append(stream, 0, [NewEvent("e", {"charter": {"id": "x"}, "args": {}}, "a")])
    first, second = store.read("s-2")[0].payload, store.read("s-3")[0].payload
    first["charter"]["id"] = "changed"
    first["args"]["k"] = 1
    assert second == {"charter": {"id": "x"}, "args": {}}
    assert store.read("s-2")[0].payload == second


@every(*STORES)
def test_instants_are_kept_as_the_same_moment_in_shanghai(make: MakeStore) -> None:
    store = make()
    utc = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)
    store.append("s-1", 0, [NewEvent("e", {}, "a", utc)])
    got = store.read("s-1")[0].occurred_at
    assert got == utc
    assert got.tzinfo is SHANGHAI
    assert got.hour == 4


def _cyclic() -> dict[str, Any]:
    loop: dict[str, Any] = {"summary": SECRET}
    loop["self"] = loop
    return loop


BAD_PAYLOADS: dict[str, tuple[Any, str]] = {
    "an object": ({"summary": SECRET, "x": object()}, "payload.x holds a object"),
    "bytes": ({"summary": SECRET, "photo": SECRET.encode()}, "payload.photo holds a bytes"),
    "a set": ({"summary": SECRET, "tags": {SECRET}}, "payload.tags holds a set"),
    "an enum": ({"colour": Colour.RED}, "payload.colour holds a Colour"),
    "a number key": ({"votes": {1: SECRET}}, "payload.votes has a key of type int"),
    "NaN": ({"score": float("nan"), "summary": SECRET}, "payload.score holds a number"),
    "infinity": ({"score": [1.0, float("inf")]}, "payload.score.1 holds a number that is not"),
    "a surrogate": ({"summary": "lift \ud800 broken"}, "payload.summary holds text with an"),
    "a surrogate key": ({"\udc00": 1}, "payload has a key with an unpaired surrogate"),
    "too deep": (json.loads("[" * 40 + "]" * 40), "nests deeper than 32 levels"),
    "a cycle": (_cyclic(), "nests deeper than 32 levels"),
    "a huge number": ({"n": 10**5000}, "payload.n holds a whole number too long"),
    "not a mapping": ([SECRET], "the payload is not a mapping"),
}


@every(*STORES)
@pytest.mark.parametrize("case", BAD_PAYLOADS, ids=list(BAD_PAYLOADS))
def test_every_store_refuses_what_json_cannot_hold(make: MakeStore, case: str) -> None:
    store = make()
    payload, says = BAD_PAYLOADS[case]
    if case == "too deep":
        payload = {"deep": payload}
    with pytest.raises(StoreError) as info:
        store.append("s-1", 0, [ev(), NewEvent("e", payload, "a")])
    assert str(info.value).startswith("s-1 version 2: ")
    assert says in str(info.value)
    assert "3-402" not in str(info.value)
    assert "lift" not in str(info.value)
    assert_untouched(store)  # the good event before it was not written either


BAD_ARGUMENTS: dict[str, tuple[Callable[[Store], object], str]] = {
    "an empty stream id": (lambda s: s.append("", 0, [ev()]), "stream_id: not a usable text"),
    "a long stream id": (lambda s: s.append("s" * 201, 0, [ev()]), "got '201 characters'"),
    "a NUL in a stream id": (lambda s: s.append("s\x00-1", 0, [ev()]), "stream_id: the text"),
    "a stream id not text": (lambda s: s.append(7, 0, [ev()]), "got 'int'"),  # type: ignore[arg-type]
    "a negative version": (lambda s: s.append("s-1", -1, [ev()]), "expected_version: not a"),
    "a version as text": (lambda s: s.append("s-1", "0", [ev()]), "got 'str'"),  # type: ignore[arg-type]
    "a version as bool": (lambda s: s.append("s-1", False, [ev()]), "got 'bool'"),  # type: ignore[arg-type]
    "events as text": (lambda s: s.append("s-1", 0, "abc"), "events must be a list"),  # type: ignore[arg-type]
    "not an event": (lambda s: s.append("s-1", 0, [ev(), {"type": "e"}]), "s-1 version 2: not"),  # type: ignore[list-item]
    "read after -1": (lambda s: s.read("s-1", -1), "after: not a version number"),
    "read after text": (lambda s: s.read("s-1", "1"), "after: not a version number"),  # type: ignore[arg-type]
    "read a stream id not text": (lambda s: s.read(None), "stream_id"),  # type: ignore[arg-type]
    "version of a NUL id": (lambda s: s.version("\x00"), "stream_id: the text holds a NUL"),
    "streams of a number": (lambda s: s.streams(3), "prefix: a prefix must be text"),  # type: ignore[arg-type]
    # SQLite could not encode the surrogate (UnicodeEncodeError); PostgreSQL refuses a NUL
    "streams of a surrogate": (lambda s: s.streams("s-\ud800"), "prefix: the text holds a"),
    "streams of a NUL": (lambda s: s.streams("s\x00"), "prefix: the text holds a NUL"),
    # past SQLite's integers (OverflowError there; the memory store read nothing)
    "read after 2**63": (lambda s: s.read("s-1", 2**63), "after: not a version number (got"),
}


@every(*STORES)
@pytest.mark.parametrize("case", BAD_ARGUMENTS, ids=list(BAD_ARGUMENTS))
def test_every_store_refuses_bad_arguments_alike(make: MakeStore, case: str) -> None:
    store = make()
    call, says = BAD_ARGUMENTS[case]
    with pytest.raises(StoreError) as info:
        call(store)
    assert says in str(info.value)
    assert not isinstance(info.value, ConcurrencyError)  # nothing to retry
    assert_untouched(store)


@pytest.mark.parametrize(
    ("make_event", "says"),
    [
        (lambda: NewEvent("", {}, "a"), "type: not a usable text value"),
        (lambda: NewEvent("e" * 101, {}, "a"), "text of 1 to 100 characters"),
        (lambda: NewEvent(None, {}, "a"), "type: not a usable text value (got 'NoneType')"),
        (lambda: NewEvent("e", {}, None), "actor: not a usable text value"),
        (lambda: NewEvent("e", {}, "a" * 201), "text of 1 to 200 characters"),
        (lambda: NewEvent("e", {}, "a\x00"), "actor: the text holds a NUL"),
        (lambda: NewEvent("e", {}, "a", datetime(2026, 1, 1)), "occurred_at: an instant needs"),
        (lambda: NewEvent("e", {}, "a", "2026-01-01"), "occurred_at: an instant must be"),
        # Shanghai's clock shows these after 9999-12-31 or before 0001-01-01 (OverflowError)
        (
            lambda: NewEvent(
                "e", {}, "a", datetime.max.replace(tzinfo=timezone(-timedelta(hours=12)))
            ),
            "occurred_at: an instant Asia/Shanghai cannot show",
        ),
        (
            lambda: NewEvent(
                "e", {}, "a", datetime.min.replace(tzinfo=timezone(timedelta(hours=14)))
            ),
            "occurred_at: an instant Asia/Shanghai cannot show",
        ),
        (
            lambda: Event.from_dict(
                {
                    "stream_id": "s-1",
                    "seq": 1,
                    "type": "e",
                    "payload": {},
                    "actor": "a",
                    "occurred_at": "9999-12-31T23:59:00-12:00",
                    "recorded_at": "2026-01-01T00:00:00+08:00",
                }
            ),
            "event: an instant Asia/Shanghai cannot show",
        ),
    ],
)
def test_an_event_no_store_can_hold_cannot_be_made(
    make_event: Callable[[], NewEvent], says: str
) -> None:
    with pytest.raises(StoreError) as info:
        make_event()
    assert says in str(info.value)


# -- what every database store does -------------------------------------------------------


@every(*SQL_STORES)
def test_two_writers_on_one_database(make: MakeStore) -> None:
    first, second = make(), make()
    first.append("s-1", 0, [ev("a")])
    with pytest.raises(ConcurrencyError):
        second.append("s-1", 0, [ev("b")])  # it had read version 0: the write is refused
    second.append("s-1", 1, [ev("b")])
    assert [e.type for e in first.read("s-1")] == ["a", "b"]


@every(*SQL_STORES)
def test_export_and_import_round_trip(make: MakeStore, tmp_path: Path) -> None:
    store = make()
    assert isinstance(store, EventStore)
    store.append("a-1", 0, [ev("x", 1), ev("y", 2)])
    store.append("b-1", 0, [ev("z", 3)])
    text = store.export_json()
    with EventStore.sqlite(tmp_path / "copy.db") as copy:
        assert copy.import_json(text) == 3
        assert [e.to_dict() | {"recorded_at": None} for e in copy.all_events()] == [
            e.to_dict() | {"recorded_at": None} for e in store.all_events()
        ]
        with pytest.raises(ConcurrencyError) as again:
            copy.import_json(text)  # the streams already hold those events
        assert str(again.value) == (
            "a-1: the export's events 1 to 2 do not follow the 2 event(s) this store has of "
            "the stream; nothing was imported (got 'events from version 1'); allowed: an "
            "export whose events of a-1 start at version 3, or a store without a-1"
        )  # not "reload and retry": importing the same export again cannot succeed
        assert copy.version("a-1") == 2
        with pytest.raises(StoreError, match="not an event export"):
            copy.import_json(json.dumps({"events": []}))
        damaged = json.loads(text)
        damaged["events"][0]["occurred_at"] = SECRET
        with pytest.raises(StoreError, match=r"^events\[0\]: not an event") as info:
            copy.import_json(json.dumps(damaged))
        assert "3-402" not in str(info.value)
    assert json.loads(store.export_json(["b-1"]))["events"][0]["stream_id"] == "b-1"


def _tamper(store: EventStore, stream_id: str, column: str, value: str) -> None:
    table = store._events
    with store._engine.begin() as conn:
        conn.execute(table.update().where(table.c.stream_id == stream_id).values({column: value}))


@every(*SQL_STORES)
@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("payload", "{not json " + SECRET),
        ("payload", f'["{SECRET}"]'),
        ("payload", "[" * 100_000),
        ("occurred_at", "yesterday " + SECRET),
        ("recorded_at", "2026-03-02T09:30:00"),  # no time zone
    ],
    ids=["bad json", "wrong shape", "deep json", "bad instant", "naive instant"],
)
def test_a_damaged_row_is_a_store_error_naming_stream_and_version(
    make: MakeStore, column: str, value: str
) -> None:
    store = make()
    assert isinstance(store, EventStore)
    store.append("issue-1", 0, [ev(summary="kept")])
    store.append("issue-2", 0, [ev(summary=SECRET), ev(summary=SECRET)])
    _tamper(store, "issue-2", column, value)
    with pytest.raises(StoreError, match=r"^issue-2 version 1: a stored event is damaged") as info:
        store.read("issue-2")
    with pytest.raises(StoreError, match="issue-2 version 1") as all_info:
        list(store.all_events())
    for error in (info.value, all_info.value):
        assert "3-402" not in str(error)
        assert "住户" not in str(error)
    assert store.read("issue-1")[0].payload["summary"] == "kept"  # the rest still reads


@every(*SQL_STORES)
def test_database_failures_are_store_errors_without_sql_or_payload(make: MakeStore) -> None:
    store = make()
    assert isinstance(store, EventStore)
    store.append("s-1", 0, [ev()])
    with store._engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE governance_events"))
    calls: list[Callable[[], object]] = [
        lambda: store.append("s-1", 1, [ev(summary=SECRET)]),
        lambda: store.read("s-1"),
        lambda: store.version("s-1"),
        store.streams,
        lambda: list(store.all_events()),
    ]
    for call in calls:
        with pytest.raises(StoreError) as info:
            call()
        message = str(info.value)
        assert not isinstance(info.value, ConcurrencyError)
        assert "3-402" not in message
        assert "SELECT" not in message
        assert "INSERT" not in message


@every(*SQL_STORES)
def test_a_refused_row_is_not_a_concurrency_error(make: MakeStore) -> None:
    store = make()
    assert isinstance(store, EventStore)
    with store._engine.begin() as conn:  # a rule the database adds that the store does not know
        conn.execute(sa.text("CREATE UNIQUE INDEX only_one_type ON governance_events (type)"))
    store.append("s-1", 0, [ev("reported", summary=SECRET)])
    with pytest.raises(StoreError) as info:
        store.append("s-2", 0, [ev("reported", summary=SECRET)])
    assert not isinstance(info.value, ConcurrencyError)
    assert str(info.value).startswith("s-2 version 1: the database refused the event")
    assert "3-402" not in str(info.value)
    assert store.streams() == ["s-1"]


def test_a_postgresql_url_that_cannot_be_reached_hides_its_password(tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    url = f"postgresql+psycopg://app:s3cret-pw@/events?host={tmp_path}&port=1"
    with pytest.raises(StoreError, match="cannot open the event store") as info:
        EventStore(url)
    assert "s3cret-pw" not in str(info.value)
    assert "***" in str(info.value)


def test_a_missing_driver_says_which_extra_to_install() -> None:
    with pytest.raises(
        StoreError, match=r"driver is not installed.*governance-rules\[postgresql\]"
    ):
        EventStore("postgresql+pg8000://app:pw@localhost/events")
    with pytest.raises(StoreError, match="cannot open"):
        EventStore("sqlite+nosuchdriver:///x.db")


@pytest.mark.parametrize("url", ["mysql://app:pw@localhost/events", "oracle://x",
                                 "mssql+pyodbc://dsn", "nosuchdb://nowhere"])  # fmt: skip
def test_a_database_the_store_is_not_built_for_is_refused_by_name(url: str) -> None:
    """The store is built and tested on SQLite and PostgreSQL: another database is
    refused up front by name (a MySQL user was told to install the PostgreSQL extra)."""
    with pytest.raises(StoreError, match="runs on SQLite or PostgreSQL only") as info:
        EventStore(url)
    assert info.value.got == url.split(":", maxsplit=1)[0].split("+", maxsplit=1)[0]
    assert "pw" not in str(info.value)
    assert "postgresql+psycopg://" in str(info.value.allowed)


def test_an_aware_instant_far_from_shanghai_keeps_its_moment() -> None:
    far = datetime(2026, 3, 2, 0, 0, tzinfo=timezone(timedelta(hours=-11)))
    assert NewEvent("e", {}, "a", far).occurred_at == far


# -- the rule is the JSON the SQL store writes ---------------------------------------------

_odd_text = st.sampled_from(["\ud800x", "a\x00b", "维修", "\U0001f600", ""])
_leaves = (
    st.text()
    | _odd_text
    | st.integers()
    | st.integers(min_value=10**4299, max_value=10**4400)
    | st.floats()
    | st.booleans()
    | st.none()
    | st.dates()
    | st.fractions()
    | st.binary(max_size=3)
    | st.sets(st.integers(), max_size=2)
)
_values = st.recursive(
    _leaves,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=5) | st.integers(), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(payload=st.dictionaries(st.text(max_size=5) | _odd_text, _values, max_size=4))
def test_a_payload_is_accepted_exactly_when_the_sql_store_can_write_and_read_it(
    payload: dict[str, Any],
) -> None:
    """The one rule beyond JSON is depth (32 levels), which these shallow payloads never reach."""
    try:
        text = json.dumps(payload, ensure_ascii=False, allow_nan=False, default=_json_value)
        text.encode("utf-8")  # what the driver sends
        storable = as_json(json.loads(text)) == json.loads(text)
        storable = storable and _text_keys(payload)
    except (TypeError, ValueError):
        storable = False
    try:
        check_append("s-1", 0, [NewEvent("e", payload, "a")])
        accepted = True
    except StoreError:
        accepted = False
    assert accepted == storable


def _text_keys(value: Any) -> bool:
    """JSON turns number keys into text: such a payload would not read back as written."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _text_keys(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(_text_keys(v) for v in value)
    return True


# -- the engine's one-pass way into the memory store ---------------------------------------


def _outcome(call: Callable[[], object], store: MemoryStore) -> tuple[str, Any]:
    try:
        call()
    except StoreError as exc:
        return type(exc).__name__, str(exc)
    return "kept", [(e.stream_id, e.seq, e.type, e.payload, e.actor, e.occurred_at)
                    for e in store.read("s-1")]  # fmt: skip


_proxies = st.dictionaries(st.text(max_size=3), _values, max_size=2).map(MappingProxyType)
_records = st.builds(Choice, order=_values, since=_values)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(
    payload=st.dictionaries(
        st.text(max_size=5) | _odd_text,
        _values | _proxies | _records | st.lists(_records | _proxies, max_size=2),
        max_size=4,
    ),
    actor=st.sampled_from(["a", "居委会//", "a" * 201, "", "x\x00"]),
    stream=st.sampled_from(["s-1", "", "s" * 201]),
)
def test_the_engines_way_in_keeps_and_refuses_exactly_what_append_does(
    payload: dict[str, Any], actor: str, stream: str
) -> None:
    """``MemoryStore._record`` (one pass, no event objects) is ``append`` made faster:
    the same events kept, read back alike, and the same errors for the rest."""
    at = datetime(2026, 3, 2, tzinfo=SHANGHAI)
    fast, slow = MemoryStore(), MemoryStore()
    got = _outcome(
        lambda: fast._record(stream, 0, type_="e", payload=payload, actor=actor, occurred_at=at),
        fast,
    )
    want = _outcome(lambda: slow.append(stream, 0, [NewEvent("e", payload, actor, at)]), slow)
    assert got == want
    if got[0] == "kept" and stream == "s-1":
        assert len(got[1]) == 1
        assert fast.version("s-1") == 1


def test_the_engines_way_in_refuses_a_stale_version_and_keeps_its_own_copy() -> None:
    store = MemoryStore()
    at = datetime(2026, 3, 2, tzinfo=SHANGHAI)
    votes = {"yes": ["rc"], "no": []}
    recorded = store._record("s-1", 0, type_="voted", payload={"votes": votes, "on": date(2026, 3, 2)},
                             actor="a", occurred_at=at)  # fmt: skip
    assert recorded.tzinfo is SHANGHAI
    votes["yes"].append("forged")  # the caller reuses its dict
    assert store.read("s-1")[0].payload == {"votes": {"yes": ["rc"], "no": []},
                                            "on": date(2026, 3, 2)}  # fmt: skip
    for stale in (0, 2):
        with pytest.raises(ConcurrencyError, match="expected version 1"):
            store._record("s-1", stale, type_="e", payload={}, actor="a", occurred_at=at)
    with pytest.raises(StoreError, match="expected_version: not a"):
        store._record("s-1", -1, type_="e", payload={}, actor="a", occurred_at=at)
    assert store.version("s-1") == 1
    assert [e.seq for e in store.all_events()] == [1]


def test_the_memory_store_keeps_nothing_the_garbage_collector_must_walk() -> None:
    """A store of millions of events must not make every full collection walk them:
    what it keeps of an event holds no dict or list, so the collector stops tracking it,
    while a read still hands out dicts and lists, fresh each time."""
    store = MemoryStore()
    at = datetime(2026, 3, 2, tzinfo=SHANGHAI)
    payload = {"to": "handling", "on": date(2026, 3, 2), "args": {"category": "routine"},
               "changes": {"level": 1, "late": ["notice"], "roster": {"rc": 2, "oc": 1},
                           "items": [{"matter": "lift", "due": date(2026, 4, 1)}], "none": {}},
               "empty": [], "share": Fraction(2, 3)}  # fmt: skip
    store._record("s-1", 0, type_="e", payload=payload, actor="a", occurred_at=at)
    store.append("s-1", 1, [NewEvent("e", payload, "a", at)])
    # each collection lets the collector stop tracking one more level (a tuple goes
    # untracked once all it holds is): five levels at most here
    for _ in range(6):
        gc.collect()
    for row in store._streams["s-1"]:
        kept = [row]
        while kept:  # every part of it, all the way down
            part = kept.pop()
            assert type(part) is not dict
            assert type(part) is not list
            if type(part) is tuple:
                kept.extend(part)
    fractionless = {k: v for k, v in payload.items() if k != "share"}
    store._record("s-2", 0, type_="e", payload=fractionless, actor="a", occurred_at=at)
    for _ in range(6):
        gc.collect()
    assert not gc.is_tracked(store._streams["s-2"][0])  # a Fraction is a tracked object
    for event in store.read("s-1"):
        assert event.payload == payload
        assert type(event.payload["changes"]["late"]) is list
        event.payload["changes"]["late"].append("forged")
    assert store.read("s-1")[1].payload == payload


@pytest.mark.parametrize("levels", [30, 31, 32, 33])
@pytest.mark.parametrize("shape", ["lists", "mappings", "records"])
def test_the_engines_way_in_refuses_nesting_where_append_does(levels: int, shape: str) -> None:
    value: Any = "leaf"
    for _ in range(levels):
        value = {"k": value} if shape == "mappings" else [value]
        if shape == "records":
            value = Choice(order=value, since=date(2026, 3, 2))  # type: ignore[arg-type]
    at = datetime(2026, 3, 2, tzinfo=SHANGHAI)
    fast, slow = MemoryStore(), MemoryStore()
    got = _outcome(
        lambda: fast._record("s-1", 0, type_="e", payload={"v": value}, actor="a", occurred_at=at),
        fast,
    )
    want = _outcome(lambda: slow.append("s-1", 0, [NewEvent("e", {"v": value}, "a", at)]), slow)
    assert got == want


@every(*STORES)
def test_every_store_refuses_a_number_too_long_for_this_interpreter_alike(
    make: MakeStore,
) -> None:
    """``PYTHONINTMAXSTRDIGITS`` (or ``sys.set_int_max_str_digits``) may lower the digits
    JSON writes to 640: the memory store kept 700 digits the SQL stores refused."""
    store = make()
    long = 10**699
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(640)
    try:
        with pytest.raises(StoreError, match=r"payload\.n holds a whole number too long"):
            store.append("s-1", 0, [NewEvent("e", {"n": long}, "a")])
        if isinstance(store, MemoryStore):
            with pytest.raises(StoreError, match=r"payload\.n holds a whole number too long"):
                store._record("s-1", 0, type_="e", payload={"n": long}, actor="a",
                              occurred_at=datetime(2026, 3, 2, tzinfo=SHANGHAI))  # fmt: skip
        assert_untouched(store)
        store.append("s-1", 0, [NewEvent("e", {"n": 10**639}, "a")])
    finally:
        sys.set_int_max_str_digits(limit)
    assert store.read("s-1")[0].payload["n"] == 10**639
