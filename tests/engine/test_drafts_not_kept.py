"""An app that loads a draft charter per request (a charter editor's preview, say) and
runs an engine under it must not keep every draft alive: the library's caches of what
it worked out per charter are bounded, so a draft nobody holds any more is freed."""

from __future__ import annotations

import gc
import weakref
from datetime import date

import pytest

import governance_rules as gr
from governance_rules import _workflows
from governance_rules._charter import rotation
from governance_rules._simulate import runner


def _draft(n: int) -> gr.Charter:
    return gr.load_charter_text(
        f"id: draft-{n}\n"
        "title: {zh: 草案, en: Draft}\n"
        "jurisdiction: {zh: 示例, en: Example}\n"
        "extends: rotating-quarterly-consensus\n",
        name=f"draft-{n}.yaml",
    )


def _use(charter: gr.Charter) -> None:
    """What a request does: the draft's machines, an engine under it, its year's duties."""
    for kind in ("meeting", "issue", "term", "appraisal"):
        gr.compile_workflow(charter, kind)
    gr.Engine(charter).deadlines()
    order = ("owners_committee", "property_company", "residents_committee")
    duties = gr.obligations(charter, 2026, rotation=gr.RotationChoice(order, date(2026, 1, 1)))
    assert duties  # the conveners in turn: the rotation counts the windows


def test_a_draft_nobody_holds_is_freed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_workflows, "_COMPILED_MAX", 8)
    monkeypatch.setattr(rotation, "_STARTS_MAX", 8)
    first = _draft(0)
    _use(first)
    gone = weakref.ref(first)
    del first
    for n in range(1, 10):  # four workflow kinds each: the first draft's entries go
        _use(_draft(n))
    gc.collect()
    assert gone() is None
    assert len(_workflows._compiled) <= 8
    assert len(rotation._STARTS) <= 8


def test_a_charter_in_use_keeps_its_compiled_workflow() -> None:
    charter = _draft(99)
    workflow = _workflows.compile_workflow(charter, "issue")
    for n in range(3):
        _use(_draft(100 + n))
    assert _workflows.compile_workflow(charter, "issue") is workflow  # used lately: kept


def test_simulating_draft_after_draft_keeps_a_bounded_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(runner, "_CHARTERS_MAX", 2)
    monkeypatch.setattr(_workflows, "_COMPILED_MAX", 8)
    first = _draft(200)
    gr.simulate([first], communities=1, years=1, seed=1)
    gone = weakref.ref(first)
    del first
    for n in range(201, 206):
        gr.simulate([_draft(n)], communities=1, years=1, seed=1)
    gc.collect()
    assert gone() is None
    assert len(runner._CHARTERS) <= 2
