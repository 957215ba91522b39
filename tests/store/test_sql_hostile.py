"""The SQL store's own doors used carelessly: file names that look like URL syntax,
exports asked for the wrong way, imports that are not what they claim."""

from __future__ import annotations

import json
import warnings
from datetime import datetime
from pathlib import Path

import pytest

from governance_rules import EventStore, StoreError
from governance_rules._store import SHANGHAI, NewEvent
from governance_rules._store import sql as sql_store


def _event() -> NewEvent:
    return NewEvent("reported", {"n": 1}, "residents//r", datetime(2026, 3, 2, tzinfo=SHANGHAI))


@pytest.mark.parametrize("name", ["a?b.db", "a#b.db", "a%20b.db", "a b.db", "事件.db"])
def test_a_sqlite_file_is_the_file_named(tmp_path: Path, name: str) -> None:
    with EventStore.sqlite(tmp_path / name) as store:
        store.append("issue-1", 0, [_event()])
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        name
    ]
    with EventStore.sqlite(tmp_path / name) as store:
        assert store.version("issue-1") == 1


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("?mode=ro", "mode"),  # ignored with a warning: the store stayed writable
        ("?uri=true&mode=ro", "mode, uri"),  # opened an empty file named 'events.db?mode=ro'
        ("?timeout=5", "timeout"),
        ("?bogus", "bogus"),
    ],
)
def test_a_sqlite_url_with_options_is_refused_naming_them(
    tmp_path: Path, query: str, named: str
) -> None:
    path = tmp_path / "events.db"
    with EventStore.sqlite(path) as store:
        store.append("issue-1", 0, [_event()])
    before = sorted(tmp_path.iterdir())
    for url in (
        f"sqlite:///{path}{query}",
        f"sqlite+pysqlite:///{path}{query}",
        f"sqlite://{query}",
    ):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # refused by the store, not warned about by the driver
            with pytest.raises(StoreError) as info:
                EventStore(url)
        assert info.value.where.split("?")[0] == url.split("?")[0]  # the URL, options too
        assert info.value.got == named
        assert str(info.value).startswith(
            f"{info.value.where}: the SQLite event store takes no URL options (got '{named}'); "
            "allowed: sqlite:///FILE or sqlite:// (memory), with nothing after the file name"
        )
    assert sorted(tmp_path.iterdir()) == before
    with EventStore.sqlite(path) as store:
        assert store.version("issue-1") == 1


def test_a_postgresql_url_keeps_its_options() -> None:
    sql_store._check_sqlite_options("postgresql+psycopg://app@/events?host=/run/pg", "here")


def _export(**fields: object) -> str:
    event = {"stream_id": "issue-1", "seq": 1, "type": "reported", "payload": {"n": 1},
             "actor": "residents//r", "occurred_at": "2026-03-02T00:00:00+08:00",
             "recorded_at": "2026-03-02T00:00:00+08:00", **fields}  # fmt: skip
    return json.dumps({"format": "governance-rules-events/1", "events": [event]})


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        '{"format": "governance-rules-events/1", "events": [' + '{"a":' * 50_000 + "1"
        + "}" * 50_000 + "]}",
        _export(type=5),
        _export(actor=["residents"]),
        _export(payload=[["n", 1]]),
        _export(payload="n"),
    ],
    ids=["deep json", "deep event", "type a number", "actor a list", "payload pairs",
         "payload text"],
)  # fmt: skip
def test_an_import_that_is_not_an_export_is_refused_and_writes_nothing(text: str) -> None:
    with EventStore.memory() as store:
        with pytest.raises(StoreError):
            store.import_json(text)
        assert store.streams() == []


def test_an_import_of_an_export_round_trips() -> None:
    with EventStore.memory() as store:
        assert store.import_json(_export()) == 1
        assert store.read("issue-1")[0].payload == {"n": 1}


@pytest.mark.parametrize("streams", ["issue-1", [["issue-1"]], [1]], ids=repr)
def test_export_takes_a_collection_of_stream_ids(streams: object) -> None:
    with EventStore.memory() as store:
        store.append("issue-1", 0, [_event()])
        with pytest.raises(StoreError, match="stream ids"):
            store.export_json(streams)  # type: ignore[arg-type]
        assert len(json.loads(store.export_json(["issue-1"]))["events"]) == 1


def test_an_import_with_one_bad_stream_writes_no_stream() -> None:
    good = json.loads(_export())["events"][0]
    bad = {**good, "stream_id": "issue-2", "payload": {"photo": [float("inf")]}}
    text = json.dumps({"format": "governance-rules-events/1", "events": [good, bad]})
    with EventStore.memory() as store:
        with pytest.raises(StoreError, match="issue-2 version 1"):
            store.import_json(text.replace("Infinity", "1e999"))
        assert store.streams() == []
        with pytest.raises(StoreError, match="not an event export"):
            store.import_json('{"format": "governance-rules-events/1"}')


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///", "sqlite:///:memory:"])
def test_every_spelling_of_a_memory_database_is_one_database_for_all_threads(url: str) -> None:
    import threading  # noqa: PLC0415

    with EventStore(url) as store:
        store.append("issue-1", 0, [_event()])
        seen: list[object] = []
        reader = threading.Thread(target=lambda: seen.append(store.streams()))
        reader.start()
        reader.join(timeout=60)
        assert seen == [["issue-1"]]


def test_an_engine_refuses_a_store_class_instead_of_a_store() -> None:
    from governance_rules import Engine, MemoryStore  # noqa: PLC0415

    with pytest.raises(StoreError, match="not an event store"):
        Engine("yangxin-2022", store=MemoryStore)  # type: ignore[arg-type]
