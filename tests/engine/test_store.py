"""The event log: append-only, optimistic concurrency, export/import, crash safety."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, datetime
from pathlib import Path

import pytest

from governance_rules._store import SHANGHAI, EventStore, MemoryStore, NewEvent
from governance_rules.errors import ConcurrencyError, StoreError


def ev(kind: str, n: int = 0) -> NewEvent:
    return NewEvent(kind, {"n": n, "note": "维修"}, "residents_committee//rc-1",
                    datetime(2026, 3, 2, 9, 30, tzinfo=SHANGHAI))  # fmt: skip


@pytest.mark.parametrize("make", [EventStore.sqlite, lambda _: MemoryStore()])
def test_append_read_and_conflict(make, db: Path) -> None:  # type: ignore[no-untyped-def]
    store = make(db)
    written = store.append("issue-1", 0, [ev("reported"), ev("triage")])
    assert [e.seq for e in written] == [1, 2]
    assert store.version("issue-1") == 2
    with pytest.raises(ConcurrencyError, match="expected version 2"):
        store.append("issue-1", 1, [ev("reply")])
    assert [e.type for e in store.read("issue-1")] == ["reported", "triage"]  # nothing written
    assert store.read("issue-1", after=1)[0].type == "triage"
    assert store.streams("issue") == ["issue-1"]
    event = store.read("issue-1")[0]
    assert event.payload == {"n": 0, "note": "维修"}
    assert event.occurred_at == datetime(2026, 3, 2, 9, 30, tzinfo=SHANGHAI)
    assert event.recorded_at.tzinfo is not None


def test_two_writers_on_one_file(db: Path) -> None:
    first, second = EventStore.sqlite(db), EventStore.sqlite(db)
    first.append("s", 0, [ev("a")])
    with pytest.raises(ConcurrencyError):
        second.append("s", 0, [ev("b")])  # it had read version 0: the write is refused
    second.append("s", 1, [ev("b")])
    assert [e.type for e in first.read("s")] == ["a", "b"]


def test_export_and_import_round_trip(db: Path, tmp_path: Path) -> None:
    store = EventStore.sqlite(db)
    store.append("a", 0, [ev("x", 1), ev("y", 2)])
    store.append("b", 0, [ev("z", 3)])
    text = store.export_json()
    copy = EventStore.sqlite(tmp_path / "copy.db")
    assert copy.import_json(text) == 3
    assert [e.to_dict() | {"recorded_at": None} for e in copy.all_events()] == [
        e.to_dict() | {"recorded_at": None} for e in store.all_events()
    ]
    with pytest.raises(ConcurrencyError):
        copy.import_json(text)  # the streams already hold those events
    with pytest.raises(StoreError, match="not an event export"):
        copy.import_json(json.dumps({"events": []}))
    assert json.loads(store.export_json(["b"]))["events"][0]["stream_id"] == "b"


def test_events_need_aware_instants_and_json_payloads() -> None:
    with pytest.raises(StoreError, match="time zone"):
        NewEvent("x", {}, "a", datetime(2026, 1, 1))
    with pytest.raises(StoreError, match="not JSON"):
        EventStore.memory().append("s", 0, [NewEvent("x", {"d": object()}, "a")])
    with pytest.raises(StoreError, match="cannot open"):
        EventStore("nosuchdb://nowhere")


WRITER = textwrap.dedent("""
    import sys
    from governance_rules._store import EventStore, NewEvent
    store = EventStore.sqlite(sys.argv[1])
    batch = int(sys.argv[2])
    n = 0
    while True:
        stream = f"s-{n % 7}"
        version = store.version(stream)
        store.append(stream, version, [NewEvent("e", {"batch": n, "i": i}, "w") for i in range(batch)])
        print(n, flush=True)
        n += 1
""")


def test_a_killed_writer_loses_no_committed_event(db: Path) -> None:
    """SIGKILL mid-stream: every batch reported committed is there, and no partial batch."""
    batch = 5
    committed = []
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), str(batch)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    ) as child:
        assert child.stdout is not None
        for line in child.stdout:
            committed.append(int(line))
            if len(committed) == 200:
                break
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    store = EventStore.sqlite(db)
    batches: dict[int, int] = {}
    for stream in store.streams():
        events = store.read(stream)
        assert [e.seq for e in events] == list(range(1, len(events) + 1))  # no gaps
        for event in events:
            batches[event.payload["batch"]] = batches.get(event.payload["batch"], 0) + 1
    assert set(committed) <= set(batches)  # nothing committed was lost
    assert all(count == batch for count in batches.values())  # no partial batch


@pytest.mark.parametrize(
    ("column", "value"),
    [("payload", "{not json"), ("payload", "[1, 2]"), ("occurred_at", "yesterday")],
    ids=["bad json", "wrong shape", "bad instant"],
)
def test_a_damaged_row_is_a_store_error_that_keeps_residents_text_out(
    db: Path, column: str, value: str
) -> None:
    from governance_rules import Actor, Engine  # noqa: PLC0415

    engine = Engine("yangxin-2022", store=EventStore.sqlite(db))
    kept = engine.report_issue(Actor("residents"), date(2026, 3, 2), summary="kept")
    hurt = engine.report_issue(Actor("residents"), date(2026, 3, 2), summary="flat 3-402 leaks")
    with sqlite3.connect(db) as conn:
        conn.execute(f"UPDATE governance_events SET {column} = ? WHERE stream_id = ?",
                     (value, hurt.id))  # fmt: skip
    with pytest.raises(StoreError) as info:
        EventStore.sqlite(db).read(hurt.id)
    assert str(info.value).startswith(f"{hurt.id} version 1: a stored event is damaged")
    assert "3-402" not in str(info.value)
    again = Engine("yangxin-2022", store=EventStore.sqlite(db))  # the rest still run
    assert [i.id for i in again.instances()] == [kept.id]
    assert again.problems[0].startswith(hurt.id)
    assert "3-402" not in again.problems[0]
