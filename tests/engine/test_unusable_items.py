"""An item the store holds but the engine cannot use is not reported as missing.

A dashboard that asks for an item listed in ``engine.problems`` (a damaged row, a
stream recorded under other rules) tells its user the item cannot be used, not that
there is no such item.
"""

from __future__ import annotations

from datetime import date

import pytest

import governance_rules as gr
from governance_rules._store import MemoryStore
from tests.engine.test_edited_rules import RC, TEN_DAYS, _charter, _recorded


def test_an_unusable_item_is_named_as_unusable_not_missing() -> None:
    store = MemoryStore()
    issue_id = _recorded(store)
    old = gr.Engine(_charter(), store=store)
    follower = gr.Engine(TEN_DAYS, store=store, edited_rules="follow")
    follower.command(issue_id, "reply", RC, date(2026, 10, 13))
    old.refresh()
    assert [line.split(":")[0] for line in old.problems] == [issue_id]
    for call in (lambda: old.get(issue_id),
                 lambda: old.command(issue_id, "resolve", RC, date(2026, 10, 14)),
                 lambda: old.explain(issue_id)):  # fmt: skip
        with pytest.raises(gr.CommandRefused, match="cannot use it") as info:
            call()
        assert (info.value.where, info.value.got) == ("stream", issue_id)
        assert "engine.problems" in str(info.value)
    assert len(store.read(issue_id)) == 3  # nothing written by the refused command
    with pytest.raises(gr.CommandRefused, match="no such meeting, issue, term or appraisal"):
        old.get("issue-99")
    with pytest.raises(gr.CommandRefused, match="no such meeting"):
        old.get("issue-1" + "0")  # a prefix of a listed id's line is not enough
