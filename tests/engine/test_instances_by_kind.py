"""``instances(kind)`` lists the items of one kind in creation order, from an index kept
as items are remembered (it used to scan every item: ``elect`` asks it for the terms
serving, so each election cost time in proportion to all the issues ever reported)."""

from __future__ import annotations

from datetime import date

import governance_rules as gr
from governance_rules._engine import KINDS

RESIDENT = gr.Actor("residents", id="flat-1")
RC = gr.Actor("residents_committee")
ASSEMBLY = gr.Actor("owners_assembly")


def _by_filter(engine: gr.Engine, kind: str) -> list[str]:
    return [i.id for i in engine.instances() if i.kind == kind]


def _check(engine: gr.Engine) -> None:
    for kind in sorted(KINDS):
        assert [i.id for i in engine.instances(kind)] == _by_filter(engine, kind)


def test_each_kind_is_listed_in_creation_order_also_after_refresh_and_reopening() -> None:
    store = gr.MemoryStore()
    first = gr.Engine("yangxin-2022", store=store)
    first.report_issue(RESIDENT, date(2026, 3, 2), summary="the lift")
    first.report_issue(RESIDENT, date(2026, 3, 3), summary="the gate")
    first.elect("owners_committee", ASSEMBLY, date(2026, 3, 4), members=7)
    first.report_issue(RESIDENT, date(2026, 3, 5), summary="the roof")
    _check(first)
    assert [i.id for i in first.instances("issue")] == ["issue-1", "issue-2", "issue-3"]
    assert [i.id for i in first.instances("term")] == ["term-1"]
    assert first.instances("meeting") == []
    gr.Engine("yangxin-2022", store=store).report_issue(RESIDENT, date(2026, 3, 6))
    assert first.refresh() == ["issue-4"]  # another engine's item comes last
    _check(first)
    assert [i.id for i in first.instances("issue")][-1] == "issue-4"
    again = gr.Engine("yangxin-2022", store=store)  # reopened: the order the streams began
    _check(again)
    assert [i.id for i in again.instances()] == ["issue-1", "issue-2", "term-1", "issue-3",
                                                  "issue-4"]  # fmt: skip
