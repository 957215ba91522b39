"""What only PostgreSQL can do to a writer: stricter isolation, waits on the unique key."""

from __future__ import annotations

import threading
from datetime import datetime

import sqlalchemy as sa

from governance_rules._store import SHANGHAI, EventStore, NewEvent
from governance_rules.errors import ConcurrencyError, StoreError


def ev(n: int) -> NewEvent:
    return NewEvent("e", {"n": n}, "a", datetime(2026, 3, 2, tzinfo=SHANGHAI))


def _slow_inserts(store: EventStore) -> None:
    """Each insert waits 0.3 s inside its transaction, so two writers overlap."""
    with store._engine.begin() as conn:
        conn.execute(sa.text(
            "CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN PERFORM pg_sleep(0.3); RETURN NEW; END $$"
        ))  # fmt: skip
        conn.execute(sa.text(
            "CREATE TRIGGER slow BEFORE INSERT ON governance_events "
            "FOR EACH ROW EXECUTE FUNCTION slow()"
        ))  # fmt: skip


def _race(url: str) -> tuple[list[int], list[StoreError]]:
    """Two stores append version 1 of one stream at nearly the same moment."""
    stores = [EventStore(url), EventStore(url)]
    won: list[int] = []
    lost: list[StoreError] = []
    start = threading.Barrier(2)

    def write(index: int) -> None:
        start.wait()
        if index:
            threading.Event().wait(0.1)  # the second starts while the first is inside
        try:
            stores[index].append("s-1", 0, [ev(index)])
            won.append(index)
        except StoreError as exc:
            lost.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    for store in stores:
        store.close()
    return won, lost


def test_racing_writers_one_wins_the_other_is_told_to_retry(pg_url: str) -> None:
    with EventStore(pg_url) as store:
        _slow_inserts(store)
    won, lost = _race(pg_url)
    assert won == [0]
    assert len(lost) == 1
    assert isinstance(lost[0], ConcurrencyError)
    assert str(lost[0]).startswith("s-1: another writer appended first")  # the unique key
    with EventStore(pg_url) as store:
        assert [e.payload["n"] for e in store.read("s-1")] == [0]


def test_a_serialization_failure_is_a_concurrency_error(pg_url: str) -> None:
    serializable = pg_url + "%20-c%20default_transaction_isolation%3Dserializable"
    with EventStore(serializable) as store:
        _slow_inserts(store)
        with store._engine.connect() as conn:
            level = conn.execute(sa.text("SHOW transaction_isolation")).scalar()
        assert level == "serializable"
    won, lost = _race(serializable)
    assert won == [0]
    assert len(lost) == 1
    assert isinstance(lost[0], ConcurrencyError)
    assert "s-1: the database asks this writer to retry (could not serialize" in str(lost[0])
    with EventStore(pg_url) as store:
        assert store.version("s-1") == 1
