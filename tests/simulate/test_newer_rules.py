"""simulate() under the newer charter rules a regulator compares: action items with a
deadline (``action_items.deadline``), a stricter contract notice, dropped term steps."""

from __future__ import annotations

from governance_rules import load_charter_text, simulate
from tests.compare.helpers import LOCAL


def test_decisions_with_action_items_under_a_deadline_are_recorded() -> None:
    local = load_charter_text(LOCAL, name="local-rules.yaml")
    result = simulate([local], communities=2, years=1, seed=1)
    refused = result.charters["local-rules"]["refused"]  # 0, or counts by command and rule
    assert refused == 0 or "record_decision" not in refused, refused
    assert result.charters["local-rules"]["decisions"]["passed"] > 0  # with their action items
