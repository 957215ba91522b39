"""simulate() under the newer charter rules a regulator compares: action items with a
deadline (``action_items.deadline``), a stricter contract notice, dropped term steps."""

from __future__ import annotations

from types import SimpleNamespace

from governance_rules import load_charter_text, simulate
from governance_rules._simulate.summary import summary_rows
from tests.compare.helpers import LOCAL


def test_decisions_with_action_items_under_a_deadline_are_recorded() -> None:
    local = load_charter_text(LOCAL, name="local-rules.yaml")
    result = simulate([local], communities=2, years=1, seed=1)
    refused = result.charters["local-rules"]["refused"]  # 0, or counts by command and rule
    assert refused == 0 or "record_decision" not in refused, refused
    assert result.charters["local-rules"]["decisions"]["passed"] > 0  # with their action items


def test_the_summary_says_which_commands_the_charter_refused() -> None:
    """The text table showed only the total of refused commands; which command was
    refused (and under which rule, in the JSON) is what tells a regulator that a
    charter's rules get in each other's way."""
    metrics: dict[str, object] = {
        "issues": {"days_to_resolution": {"median": None, "p90": None}},
        "refused": {
            "total": 5,
            "record_decision": {"meetings": {"regular": {"action_items": 3}}},
            "hold": {"meetings": {"regular": {"quorum": 1, "notice": {"total": 1, "lead": 1}}}},
        },
    }
    quiet: dict[str, object] = {"issues": {"days_to_resolution": {"median": 1, "p90": 2}},
                                "refused": 0}  # fmt: skip
    fake = SimpleNamespace(charters={"a": metrics, "b": quiet})
    rows = dict(summary_rows(fake, "en"))  # type: ignore[arg-type]
    assert rows["commands refused by the charter"] == [5, 0]
    assert rows["  refused: record_decision"] == [3, 0]
    assert rows["  refused: hold"] == [2, 0]  # a count with a finer count under it, once
    assert "  被拒绝的hold" in dict(summary_rows(fake, "zh"))  # type: ignore[arg-type]
