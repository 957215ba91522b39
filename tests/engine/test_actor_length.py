"""An actor is kept in each event as ``body/position/id``, of at most 200 characters: an
actor whose parts are longer together is refused by the engine as an argument, saying
so, before anything is written (the store used to refuse it as "text of 1 to 200
characters", though the id alone was shorter)."""

from __future__ import annotations

from datetime import date

import pytest

import governance_rules as gr
from governance_rules.errors import InvalidArgument
from tests.engine.refusals import snapshot

DAY = date(2026, 3, 2)


@pytest.mark.parametrize("position", [None, "director"])
def test_an_actor_of_198_characters_together_is_kept_and_one_more_is_refused(
    position: str | None,
) -> None:
    engine = gr.Engine("yangxin-2022")
    room = 198 - len("residents") - len(position or "")
    issue = engine.report_issue(gr.Actor("residents", position, "x" * room), DAY)
    kept = engine.store.read(issue.id)[0].actor
    assert len(kept) == 200
    assert kept.endswith("/" + "x" * room)
    before = snapshot(engine)
    with pytest.raises(InvalidArgument) as info:
        engine.report_issue(gr.Actor("residents", position, "x" * (room + 1)), DAY)
    error = info.value
    assert (error.argument, error.got) == ("actor", "199 characters")
    assert "kept together in each event (body/position/id, at most 200 characters)" in str(error)
    assert error.allowed == "a body, position and id of at most 198 characters together"
    assert snapshot(engine) == before
    with pytest.raises(InvalidArgument, match="at most 198 characters together"):
        engine.command(issue.id, "triage", gr.Actor("residents_committee", None, "y" * 300), DAY,
                       category="routine")  # fmt: skip
