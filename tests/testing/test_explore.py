"""Exhaustive exploration: bundled machines are sound; broken machines are caught with a path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from governance_rules import available_charters, compile_workflow, load_charter
from governance_rules._workflows.core import Transition, Workflow, fixed
from governance_rules.testing import (
    every_command_has_an_issuer,
    every_item_can_end,
    every_state_is_reachable,
    explore,
    ladder_levels_can_be_left,
)
from governance_rules.testing import exploration as explore_module

LEVEL = "handling.routine.L0_residents_committee"


@dataclass(frozen=True)
class _Data:
    summary: str = ""


def _edge(trigger: str, source: str, dest: str | None, *who: str) -> Transition:
    return Transition(trigger=trigger, source=(source,), dest=dest, who=fixed(*who),
                      who_label=", ".join(who) or "nobody")  # fmt: skip


def _broken_issue_machine(charter: Any) -> Workflow:
    """Reported → open at level 0 → replied; 'stray' cannot be reached; 'replied' is
    a dead end; level 0 cannot be left; 'reply' names nobody."""
    return Workflow(
        kind="issue",
        charter=charter,
        states=["new", "reported", "stray", "closed",
                {"name": "handling", "children": [{"name": "routine", "children": [
                    {"name": "L0_residents_committee", "children": ["open", "replied"],
                     "initial": "open"}], "initial": "L0_residents_committee"}],
                 "initial": "routine"}],
        initial="new",
        transitions=[
            _edge("report", "new", "reported", "residents"),
            _edge("triage", "reported", LEVEL, "residents_committee"),
            _edge("reply", f"{LEVEL}.open", f"{LEVEL}.replied"),
            _edge("close", "stray", "closed", "residents"),
        ],
        final=["closed"],
        prefix="issue",
        data_type=_Data,
    )  # fmt: skip


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch) -> Any:
    charter = load_charter("yangxin-2022")
    machine = _broken_issue_machine(charter)

    def compiled(ch: Any, kind: str) -> Workflow:
        return machine if kind == "issue" else compile_workflow(ch, kind)

    monkeypatch.setattr(explore_module, "compile_workflow", compiled)
    return charter


NO_CHAIR = ("jingan-three-in-one", "jingan-three-in-one-extended", "jingan-three-in-one-irregular")


@pytest.mark.parametrize("charter", sorted(set(available_charters()) - set(NO_CHAIR)))
def test_every_bundled_machine_is_sound(charter: str) -> None:
    ch = load_charter(charter)
    for invariant in (every_state_is_reachable, every_item_can_end, ladder_levels_can_be_left,
                      every_command_has_an_issuer):  # fmt: skip
        assert invariant(ch) == [], invariant.__name__


def test_shortest_paths_start_at_the_initial_state() -> None:
    found = explore(load_charter("yangxin-2022"), "meeting")
    path = found.path_to("regular.closed")
    assert path[0].startswith("new --plan--> regular.planned")
    assert path[-1].endswith("--> regular.closed")
    assert len(path) == len(found.path_to("regular.distributed")) + 1


def test_an_unreachable_state_is_caught(broken: Any) -> None:
    found = every_state_is_reachable(broken)
    assert [v.explanation for v in found] == [
        "the issue state closed cannot be reached",
        "the issue state stray cannot be reached",
    ]


def test_a_dead_end_is_caught_with_the_shortest_path(broken: Any) -> None:
    found = every_item_can_end(broken)
    by_state = {v.explanation.split()[3]: v for v in found}
    assert set(by_state) >= {"reported", f"{LEVEL}.open", f"{LEVEL}.replied"}
    dead = by_state[f"{LEVEL}.replied"]
    assert "a dead end" in dead.explanation
    assert dead.counterexample == (
        "new --report--> reported",
        f"reported --triage--> {LEVEL}.open",
        f"{LEVEL}.open --reply--> {LEVEL}.replied",
    )


def test_a_level_no_trigger_leaves_is_caught(broken: Any) -> None:
    found = ladder_levels_can_be_left(broken)
    assert [v.rules for v in found] == [("issues.routine.ladder[0]",)]
    assert found[0].counterexample[-1] == f"reported --triage--> {LEVEL}.open"


def test_a_command_nobody_may_issue_is_caught(broken: Any) -> None:
    found = every_command_has_an_issuer(broken)
    assert [v.explanation for v in found] == [
        f"no body may issue 'reply' in the issue workflow (from {LEVEL}.open)"
    ]


@pytest.mark.parametrize("charter", NO_CHAIR)
def test_a_meeting_of_a_charter_naming_no_convener_or_chair_can_be_held(charter: str) -> None:
    # the kit found these meetings stuck once planned (no body might hold, postpone or
    # cancel them); where the source names neither, any member body acts
    assert every_command_has_an_issuer(load_charter(charter)) == []
