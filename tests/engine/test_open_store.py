"""Opening a store, and catching up with other writers, as a street office's app does
with years of items: the library's stores are read in one query, not one per stream,
and any other store (an app's own wrapper) gets exactly the same engine."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

import governance_rules as gr
from governance_rules._store import Event, EventStore, NewEvent

RESIDENT = gr.Actor("residents", id="flat-1")
RC = gr.Actor("residents_committee", "environment_and_property_member")
DAY = date(2026, 3, 2)


def _fill(engine: gr.Engine, issues: int) -> None:
    for n in range(issues):
        issue = engine.report_issue(RESIDENT, DAY, summary=f"lift {n}")
        engine.command(issue.id, "triage", RC, DAY, category="routine")
        if n % 3 == 0:
            engine.command(issue.id, "reply", RC, DAY)


class Counted:
    """The SQL statements a store's database runs while it is counting."""

    def __init__(self, store: EventStore) -> None:
        self.statements: list[str] = []
        sa.event.listen(store._engine, "before_cursor_execute", self._seen)

    def _seen(self, *args: Any) -> None:
        if str(args[2]).lstrip().upper().startswith("SELECT"):  # not SQLite's BEGIN
            self.statements.append(str(args[2]))


@pytest.mark.parametrize("issues", [10, 40])
def test_opening_and_refreshing_run_the_same_few_queries_however_many_streams(
    tmp_path: Path, issues: int
) -> None:
    url = f"sqlite:///{tmp_path / 'ev.db'}"
    _fill(gr.Engine("yangxin-2022", store=EventStore(url)), issues)
    store = EventStore(url)
    counted = Counted(store)
    engine = gr.Engine("yangxin-2022", store=store)
    assert len(engine.instances("issue")) == issues
    opened = len(counted.statements)
    engine.refresh()
    refreshed = len(counted.statements) - opened
    # one read of every event to open, one grouped read of the versions to refresh
    # (it was one query per stream each: 2,000 issues took 2.4 s to open, 0.85 s to
    # refresh with nothing new)
    assert opened <= 3
    assert refreshed == 1


class Wrapped:
    """An app's own store around the library's: only the four methods of the protocol."""

    def __init__(self, inner: gr.MemoryStore | EventStore) -> None:
        self.inner = inner

    def append(
        self, stream_id: str, expected_version: int, events: Sequence[NewEvent]
    ) -> list[Event]:
        return self.inner.append(stream_id, expected_version, events)

    def read(self, stream_id: str, after: int = 0) -> list[Event]:
        return self.inner.read(stream_id, after)

    def streams(self, prefix: str = "") -> list[str]:
        return self.inner.streams(prefix)

    def version(self, stream_id: str) -> int:
        return self.inner.version(stream_id)


def _seen(engine: gr.Engine) -> Iterator[tuple[Any, ...]]:
    for item in engine.instances():
        yield item.id, item.state, item.data, item.version, item.as_of, item.last_on
    yield tuple(engine.problems)
    yield tuple((i.id, t.due, t.trigger) for i, t in engine.deadlines())


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_any_store_gives_the_same_engine_as_the_librarys_one_read(
    kind: str, tmp_path: Path
) -> None:
    db = tmp_path / "ev.db"
    store = gr.MemoryStore() if kind == "memory" else EventStore.sqlite(db)
    writer = gr.Engine("yangxin-2022", store=store)
    _fill(writer, 12)
    meeting = writer.plan_meeting(gr.Actor("party_org", "head"), "regular", date(2026, 4, 28),
                                  on=date(2026, 4, 1))  # fmt: skip
    if kind == "sqlite":  # one damaged row: that stream is reported, the rest run
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE governance_events SET payload = '{bad' WHERE stream_id = ?"
                         " AND seq = 2", ("issue-5",))  # fmt: skip
    ours = gr.Engine("yangxin-2022", store=store)
    theirs = gr.Engine("yangxin-2022", store=Wrapped(store))
    assert list(_seen(ours)) == list(_seen(theirs))
    assert ours.get(meeting.id).state == "regular.planned"
    if kind == "sqlite":
        assert [p.split(": ")[0] for p in ours.problems] == ["issue-5"]
        assert "issue-5 version 2: a stored event is damaged" in ours.problems[0]
        assert len(ours.instances("issue")) == 11
    # both catch up alike with what a third engine writes
    third = gr.Engine("yangxin-2022", store=store)
    third.command("issue-2", "reply", RC, DAY)
    third.report_issue(RESIDENT, DAY, summary="new")
    moved = ours.refresh()
    assert moved == theirs.refresh()
    assert [s for s in moved if s != "issue-5"] == ["issue-13", "issue-2"]  # 5: still damaged
    assert list(_seen(ours)) == list(_seen(theirs))


def test_a_row_that_is_not_utf8_puts_only_its_stream_in_problems_and_shows_no_text(
    tmp_path: Path,
) -> None:
    """Text another program wrote to the payload column in another encoding (here a
    resident's summary in GBK) made SQLite fail the whole one-query read: the engine did
    not open at all, and the error quoted the payload ("… with text '{"args": {"summary":
    …"), which holds residents' text."""
    db = tmp_path / "ev.db"
    writer = gr.Engine("yangxin-2022", store=EventStore.sqlite(db))
    _fill(writer, 4)
    writer.store.close()  # type: ignore[attr-defined]
    secret = "电梯坏了".encode("gbk")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE governance_events SET payload = CAST(? AS TEXT)"
                     " WHERE stream_id = ? AND seq = 1",
                     (b'{"args": {"summary": "' + secret + b'"}}', "issue-3"))  # fmt: skip
    with EventStore.sqlite(db) as store:
        engine = gr.Engine("yangxin-2022", store=store)
        assert [p.split(": ")[0] for p in engine.problems] == ["issue-3"]
        assert "summary" not in engine.problems[0]
        assert len(engine.instances("issue")) == 3
        with pytest.raises(gr.StoreError) as info:
            store.read("issue-3")
        assert "summary" not in str(info.value)
        assert info.value.where == "issue-3"
