"""The event log's crash safety and the SQLite file's own failures.

What every store does alike is in tests/store/test_contract.py.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from governance_rules._store import EventStore
from governance_rules.errors import StoreError


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, db: Path) -> str:
    """The URL of an empty event store: a SQLite file, or PostgreSQL (own schema)."""
    if request.param == "sqlite":
        return f"sqlite:///{db}"
    return str(request.getfixturevalue("pg_url"))


WRITER = textwrap.dedent("""
    import sys
    from governance_rules._store import EventStore, NewEvent
    store = EventStore(sys.argv[1])
    batch = int(sys.argv[2])
    n = 0
    while True:
        stream = f"s-{n % 7}"
        version = store.version(stream)
        store.append(stream, version, [NewEvent("e", {"batch": n, "i": i}, "w") for i in range(batch)])
        print(n, flush=True)
        n += 1
""")


def test_a_killed_writer_loses_no_committed_event(url: str) -> None:
    """SIGKILL mid-stream: every batch reported committed is there, and no partial batch."""
    batch = 5
    committed = []
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, url, str(batch)],
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
    batches: dict[int, int] = {}
    with EventStore(url) as store:
        for stream in store.streams():
            events = store.read(stream)
            assert [e.seq for e in events] == list(range(1, len(events) + 1))  # no gaps
            for event in events:
                batches[event.payload["batch"]] = batches.get(event.payload["batch"], 0) + 1
    lost = set(committed) - set(batches)
    partial = [n for n, count in batches.items() if count != batch]
    print(f"{url.split(':', maxsplit=1)[0]}: {len(committed)} batches reported committed, "
          f"{len(batches)} found, {len(lost)} lost, {len(partial)} partial")  # fmt: skip
    assert not lost  # nothing committed was lost
    assert not partial  # no partial batch


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
    with pytest.raises(StoreError) as info, EventStore.sqlite(db) as store:
        store.read(hurt.id)
    assert str(info.value).startswith(f"{hurt.id} version 1: a stored event is damaged")
    assert "3-402" not in str(info.value)
    again = Engine("yangxin-2022", store=EventStore.sqlite(db))  # the rest still run
    assert [i.id for i in again.instances()] == [kept.id]
    assert again.problems[0].startswith(hurt.id)
    assert "3-402" not in again.problems[0]


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"flat 3-402 " * 1000)
    with pytest.raises(StoreError, match="cannot open the event store") as info:
        EventStore.sqlite(junk)
    assert "3-402" not in str(info.value)
