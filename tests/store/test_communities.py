"""Several communities in one database: each `EventStore(..., community=NAME)` keeps
its community's events in a table of its own, so a street office's dashboard can run
one engine per community on one SQLite file or PostgreSQL server.

Before, every store of a database shared one table: two communities under the same
charter merged into one (the second engine replayed the first one's issue-1 as its
own), and under different charters the second engine refused the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from governance_rules import Actor, Engine
from governance_rules._store import EventStore
from governance_rules._store.events import NewEvent
from governance_rules.errors import ConcurrencyError, StoreError

RESIDENT = Actor("residents", id="flat-1-101")


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'street.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def opened() -> Iterator[Callable[..., EventStore]]:
    """``opened(url, community=...)``: a store closed when the test ends."""
    stores: list[EventStore] = []

    def open_store(url: str, community: str = "") -> EventStore:
        stores.append(EventStore(url, community=community))
        return stores[-1]

    yield open_store
    for store in stores:
        store.close()


Opened = Callable[..., EventStore]


def test_two_communities_under_one_charter_keep_their_items_apart(
    url: str, opened: Opened
) -> None:
    east = Engine("yangxin-2022", store=opened(url, community="east_gate"))
    west = Engine("yangxin-2022", store=opened(url, community="west_park"))
    east.report_issue(RESIDENT, date(2026, 9, 28), summary="east: the lift")
    west.report_issue(RESIDENT, date(2026, 9, 28), summary="west: the gate")
    west.report_issue(RESIDENT, date(2026, 9, 29), summary="west: the lights")
    for name, summaries in [("east_gate", ["east: the lift"]),
                            ("west_park", ["west: the gate", "west: the lights"])]:  # fmt: skip
        again = Engine("yangxin-2022", store=opened(url, community=name))
        assert [i.data.summary for i in again.instances()] == summaries
        assert again.problems == []
    assert [i.id for i in east.instances()] == ["issue-1"]  # ids count within a community


def test_communities_under_different_charters_share_one_database(url: str, opened: Opened) -> None:
    yx = Engine("yangxin-2022", store=opened(url, community="east_gate"))
    pm = Engine("pm-liaison-bimonthly", store=opened(url, community="river_side"))
    yx.report_issue(RESIDENT, date(2026, 9, 28))
    question = pm.report_issue(Actor("owners_committee"), date(2026, 9, 28))
    pm.command(question.id, "triage", Actor("property_company"), date(2026, 9, 28),
               category="oc_questions")  # fmt: skip
    again = Engine("pm-liaison-bimonthly", store=opened(url, community="river_side"))
    assert [t.due for _, t in again.deadlines()] == [date(2026, 10, 8)]
    assert [i.id for i in Engine("yangxin-2022", store=opened(url, community="east_gate"))
            .instances()] == ["issue-1"]  # fmt: skip


def test_the_default_community_is_the_table_stores_always_used(
    tmp_path: Path, opened: Opened
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = opened(url)  # as every store wrote before communities
    Engine("yangxin-2022", store=old).report_issue(RESIDENT, date(2026, 9, 28))
    with old._engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM governance_events")).scalar() == 1
    assert opened(url, community="").streams() == ["issue-1"]
    assert opened(url, community="east_gate").streams() == []


@pytest.mark.parametrize("name", ["east_gate", "c" + "9" * 39])  # the longest name too
def test_a_lost_race_in_a_community_is_a_concurrency_error(
    url: str, opened: Opened, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    store = opened(url, community=name)
    event = NewEvent("reported", {}, "residents")
    store.append("issue-1", 0, [event])
    # the other writer's row lands between reading the version and inserting: the
    # community's own unique key refuses it, which is a race lost, not a damaged write
    monkeypatch.setattr(EventStore, "_version", lambda self, conn, stream_id: 0)
    with pytest.raises(ConcurrencyError, match="another writer appended first"):
        store.append("issue-1", 0, [event])
    monkeypatch.undo()
    assert store.version("issue-1") == 1


@pytest.mark.parametrize(
    "name", ["East-Gate", "东门", "1st", "a b", "x" * 41, "gate;drop", None, 7]
)
def test_a_name_that_cannot_name_a_table_is_refused_before_anything_is_made(
    tmp_path: Path, name: object
) -> None:
    path = tmp_path / "street.db"
    with pytest.raises(StoreError) as info:
        EventStore.sqlite(path, community=name)  # type: ignore[arg-type]
    assert info.value.where == "community"
    assert info.value.what == "not a name for a community's events"
    assert "lower-case ASCII letters" in str(info.value.allowed)
    assert not path.exists()


def test_a_community_store_says_which_community_it_is(tmp_path: Path) -> None:
    with EventStore.sqlite(tmp_path / "street.db", community="east_gate") as store:
        assert store.community == "east_gate"
        assert repr(store) == f"EventStore({store.url!r}, community='east_gate')"
    with EventStore.sqlite(tmp_path / "street.db") as store:
        assert store.community == ""
        assert repr(store) == f"EventStore({store.url!r})"


def test_a_store_lists_the_communities_its_database_holds(url: str, opened: Opened) -> None:
    east = opened(url, community="east_gate")
    east.append("issue-1", 0, [NewEvent("reported", {}, "residents")])
    west = opened(url, community="west_park")
    west.append("issue-1", 0, [NewEvent("reported", {}, "residents")])
    typo = opened(url, community="eastgate")  # made its table, holds nothing: not listed
    assert typo.communities() == ["east_gate", "west_park"]
    default = opened(url)
    default.append("meeting-1", 0, [NewEvent("planned", {}, "party_org")])
    with default._engine.begin() as conn:  # another program's tables are not communities
        conn.execute(sa.text('CREATE TABLE "governance_events_Old-Copy" (seq INTEGER)'))
        conn.execute(sa.text('INSERT INTO "governance_events_Old-Copy" VALUES (1)'))
    assert east.communities() == ["", "east_gate", "west_park"]
