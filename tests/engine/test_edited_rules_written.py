"""What an app writes while following rules edited in place is recorded under them.

``Engine(..., edited_rules="follow")`` replays a stream recorded under rules since
edited in place under the rules as they now read. Once such an engine writes to the
stream (a reply, a breach it fires), the stream's history holds events that only the
edited rules explain: a reply on day eight that the old three-day rule would have
answered with a breach and a climb. So the first event it writes there records the
rules it was written under, as a migration does: an engine on the file as it was
(another process not yet upgraded) then refuses the stream instead of replaying it
as if the old rules had run it, and an engine on the edited file opens it without
being told to follow.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import governance_rules as gr
from governance_rules._store import EventStore, MemoryStore
from governance_rules.errors import StoreError
from tests.engine.test_edited_rules import RC, REPORTED, TEN_DAYS, _charter, _recorded


def _store(kind: str, tmp_path: Path, memory: MemoryStore) -> MemoryStore | EventStore:
    return memory if kind == "memory" else EventStore(f"sqlite:///{tmp_path / 'ev.db'}")


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_a_stream_written_under_followed_rules_refuses_the_old_file(
    kind: str, tmp_path: Path
) -> None:
    memory = MemoryStore()
    issue_id = _recorded(_store(kind, tmp_path, memory))
    old = gr.Engine(_charter(), store=_store(kind, tmp_path, memory))  # not yet upgraded
    follower = gr.Engine(TEN_DAYS, store=_store(kind, tmp_path, memory), edited_rules="follow")
    assert follower.edited == [issue_id]
    # day eight: within the edited ten working days, past the old three (due 8 October)
    late = date(2026, 10, 13)
    assert follower.command(issue_id, "reply", RC, late).state.endswith(".replied")
    # the old file cannot explain that reply (it would have breached on 9 October):
    # it refuses the stream, on refresh and when it opens the store again
    assert old.refresh() == [issue_id]
    assert [p.split(":")[0] for p in old.problems] == [issue_id]
    assert "another app wrote to this stream" in old.problems[0]
    assert "following rules edited in place" in old.problems[0]
    with pytest.raises(gr.CommandRefused):
        old.get(issue_id)
    with pytest.raises(StoreError, match="another app wrote to this stream") as info:
        gr.Engine(_charter(), store=_store(kind, tmp_path, memory))
    assert info.value.where == issue_id
    assert "the charter file that app runs" in str(info.value.allowed)
    # the edited file now opens it as its own, no longer an edited stream
    again = gr.Engine(TEN_DAYS, store=_store(kind, tmp_path, memory))
    assert (again.problems, again.edited) == ([], [])
    assert again.get(issue_id).state.endswith(".replied")
    assert again.get(issue_id).data.breaches == ()


def test_a_followed_stream_records_its_rules_once() -> None:
    store = MemoryStore()
    issue_id = _recorded(store)
    follower = gr.Engine(TEN_DAYS, store=store, edited_rules="follow")
    follower.command(issue_id, "reply", RC, date(2026, 10, 9))
    follower.command(issue_id, "resolve", RC, date(2026, 10, 12))
    recorded = ["charter" in event.payload for event in store.read(issue_id)]
    assert recorded == [True, False, True, False]  # the start, then the first it wrote
    assert follower.edited == [issue_id]  # still listed: it was recorded under other rules


def test_a_stream_only_read_while_following_keeps_its_record() -> None:
    store = MemoryStore()
    issue_id = _recorded(store)
    follower = gr.Engine(TEN_DAYS, store=store, edited_rules="follow")
    follower.deadlines()
    follower.explain(issue_id)
    assert follower.advance_to(REPORTED) == []
    # nothing written: the file as it was still opens the store
    assert gr.Engine(_charter(), store=store).get(issue_id).version == 2
