"""``SimulationResult.metrics``: the plain data typed, every count of one shape."""

from __future__ import annotations

import dataclasses
import json

import pytest

import governance_rules as gr
from governance_rules import Breakdown, SimulationError, SimulationMetrics, simulate


@pytest.fixture(scope="module")
def every_charter() -> gr.SimulationResult:
    return simulate(list(gr.available_charters()), communities=1, years=2, seed=7)


def test_every_charter_reads_typed_and_adds_up(every_charter: gr.SimulationResult) -> None:
    for label, raw in every_charter.charters.items():
        m = every_charter.metrics(label)
        assert isinstance(m, SimulationMetrics)
        assert m.label == label
        assert m.community_years == raw["community_years"] == 2
        assert m.commands == raw["commands"] == sum(m.workload.values())
        # a count kept bare (no parts) or as a group reads alike
        for count in (m.issues.reported, m.issues.resolved, m.meetings.planned,
                      m.meetings.held, m.duties.met, m.duties.missed):  # fmt: skip
            assert isinstance(count, Breakdown)
            assert not count.parts or sum(count.parts.values()) == count.total
        assert m.issues.reported.total == raw["issues"]["reported"]["total"]
        assert m.decisions.passed == sum(o.passed for o in m.decisions.by_rule.values())
        assert m.decisions.failed == sum(o.failed for o in m.decisions.by_rule.values())
        assert m.refused.total == sum(b.total for b in m.refused.by_command.values())
        days = m.issues.days_to_resolution
        assert sum(n for _, n in days.histogram) == m.issues.resolved.total
        assert (days.median is None) == (m.issues.resolved.total == 0)


def test_refused_is_a_count_whether_or_not_anything_was_refused(
    every_charter: gr.SimulationResult,
) -> None:
    plain = {label: raw["refused"] for label, raw in every_charter.charters.items()}
    bare = [label for label, r in plain.items() if isinstance(r, int)]
    grouped = [label for label, r in plain.items() if isinstance(r, dict)]
    assert bare  # the plain data has both shapes: 0, and {"total": n, command: {...}}
    assert grouped
    for label in bare:
        refused = every_charter.metrics(label).refused
        assert (refused.total, dict(refused.by_command)) == (plain[label], {})
    for label in grouped:
        refused = every_charter.metrics(label).refused
        assert refused.total == plain[label]["total"] > 0
        assert set(refused.by_command) == set(plain[label]) - {"total"}


def test_the_typed_view_is_frozen_and_changes_no_json() -> None:
    result = simulate(["model-charter-rc"], communities=1, seed=3)
    before = result.to_json()
    m = result.metrics("model-charter-rc")
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.commands = 0  # type: ignore[misc]
    with pytest.raises(TypeError):
        m.workload["residents"] = 0  # type: ignore[index]
    assert result.to_json() == before
    assert json.loads(before)["charters"]["model-charter-rc"]["commands"] == m.commands


def test_an_unknown_label_or_changed_data_is_refused() -> None:
    result = simulate(["yangxin-2022"], communities=1, seed=3)
    with pytest.raises(SimulationError, match=r"metrics: no charter of the result has this "
                       r"label \(got 'nope'\); allowed: yangxin-2022"):  # fmt: skip
        result.metrics("nope")
    result.charters["yangxin-2022"]["meetings"] = {"planned": "six"}
    with pytest.raises(SimulationError, match="not the metrics simulate"):
        result.metrics("yangxin-2022")
    del result.charters["yangxin-2022"]["issues"]
    with pytest.raises(SimulationError, match="not the metrics simulate"):
        result.metrics("yangxin-2022")


def test_a_saved_result_reads_back_typed() -> None:
    result = simulate(["model-charter-rc", "yangxin-2022"], communities=2, seed=4)
    again = gr.SimulationResult.from_dict(json.loads(result.to_json()))
    assert again.to_json() == result.to_json()
    assert again.metrics("model-charter-rc") == result.metrics("model-charter-rc")
    for bad in ([], {"charters": {}}, {"parameters": {}, "charters": []}):
        with pytest.raises(SimulationError, match=r"^from_dict: not a simulation result"):
            gr.SimulationResult.from_dict(bad)  # type: ignore[arg-type]
    broken = json.loads(result.to_json())
    broken["charters"]["yangxin-2022"]["issues"]["stuck"] = "none"
    with pytest.raises(SimulationError, match=r"charters\.yangxin-2022\.issues\.stuck"):
        gr.SimulationResult.from_dict(broken)
