"""A stale engine's command is refused with a ConcurrencyError that says what the engine
already did (it has read the item again) and what the app does next (the command
again); the store's own wording, 'reload and retry', asked the app for a reload the
engine had done."""

from __future__ import annotations

from datetime import date

import pytest

import governance_rules as gr

RESIDENT = gr.Actor("residents", id="flat-1")
RC = gr.Actor("residents_committee", "environment_and_property_member")
DAY = date(2026, 3, 2)


def test_a_stale_engine_reads_the_item_again_and_the_command_can_be_retried() -> None:
    store = gr.MemoryStore()
    mine, theirs = gr.Engine("yangxin-2022", store=store), gr.Engine("yangxin-2022", store=store)
    issue = mine.report_issue(RESIDENT, DAY, summary="the lift")
    theirs.refresh()
    theirs.command(issue.id, "triage", RC, DAY, category="routine")
    with pytest.raises(gr.ConcurrencyError) as info:
        mine.command(issue.id, "triage", RC, DAY, category="routine")
    error = info.value
    assert error.where == issue.id
    assert "this engine has read the item again" in str(error)
    assert error.allowed == "the command again, checked against the item as it now stands"
    assert "reload" not in str(error)
    assert mine.get(issue.id).state == theirs.get(issue.id).state  # read again already
    with pytest.raises(gr.CommandRefused, match="not possible"):  # the retry, checked afresh
        mine.command(issue.id, "triage", RC, DAY, category="routine")
    assert len(store.read(issue.id)) == 2
