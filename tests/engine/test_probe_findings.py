"""Findings of a probe of the engine as apps use it, left to the lead: each a strict
xfail naming the problem (it passes, and must then lose its mark, once fixed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import governance_rules as gr
from governance_rules._charter import load_charter_text
from governance_rules._charter.registry import bundled_rulesets_dir
from tests.engine.conftest import YANGXIN_WITH_DEADLINES

RC = gr.Actor("residents_committee")


@pytest.mark.xfail(
    strict=True,
    reason="a rule edited in place (no amendment, same id and version) replays recorded "
    "items under the new rule: each stream records the charter's fingerprint, and no "
    "one compares it on opening, so the back-dated-amendment refusal is bypassed by "
    "editing the rule itself",
)
def test_a_rule_edited_in_place_does_not_rewrite_recorded_history(tmp_path: Path) -> None:
    def charter(reply: str) -> gr.Charter:
        text = YANGXIN_WITH_DEADLINES.replace("reply: 3 working days, resolve", reply, 1)
        return load_charter_text(text, name="local.yaml", base_dir=bundled_rulesets_dir())

    db = tmp_path / "events.db"
    with gr.EventStore.sqlite(db) as store:
        engine = gr.Engine(charter("reply: 3 working days, resolve"), store=store)
        issue = engine.report_issue(gr.Actor("residents"), date(2026, 10, 26))
        engine.command(issue.id, "triage", RC, date(2026, 10, 26), category="routine")
        before = [t.due for _, t in engine.deadlines()]
    assert before == [date(2026, 10, 29), date(2026, 11, 9)]
    with gr.EventStore.sqlite(db) as store, pytest.raises(gr.StoreError):
        # today: opens, and the recorded reply is due on 2026-11-09 instead
        gr.Engine(charter("reply: 10 working days, resolve"), store=store)
