"""Simulation results: the shapes the report reads, and located errors for others."""

from __future__ import annotations

from typing import Any

import pytest

from governance_rules import GovernanceRulesError
from governance_rules._report import read_simulation
from tests.report.sample import SIMULATION


def test_the_sample_reads_in_order() -> None:
    metrics = read_simulation(SIMULATION)
    assert list(metrics) == ["yangxin-2022", "model-charter-rc"]
    rc = metrics["model-charter-rc"]
    assert rc.resolution_days == (2.0, 3.0, 5.0, 5.0, 9.0, 12.0, 21.0)
    assert rc.escalations == (("1", 40), ("2", 18), ("3", 7), ("4", 2))
    assert rc.workload == (("property_company", 98.0), ("residents_committee", 44.0))


def test_entries_without_the_charters_key_and_missing_metrics() -> None:
    metrics = read_simulation({"a": {"workload": {"street_office": 2}}, "b": {}})
    assert metrics["a"].resolution_days == ()
    assert metrics["b"].workload == ()


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({"a": []}, "simulation.a"),
        ({"a": {"resolution_days": "1 2"}}, "simulation.a.resolution_days"),
        ({"a": {"resolution_days": [1, True]}}, "simulation.a.resolution_days[1]"),
        ({"a": {"resolution_days": [float("nan")]}}, "simulation.a.resolution_days[0]"),
        ({"a": {"resolution_days": [10**400]}}, "simulation.a.resolution_days[0]"),
        ({"a": {"escalations": {"1": 2.5}}}, "simulation.a.escalations.1"),
        ({"a": {"escalations": [1, 2]}}, "simulation.a.escalations"),
        ({"a": {"workload": {"x": -1}}}, "simulation.a.workload.x"),
        ({"a": {"resolution": [1]}}, "simulation.a"),
        ({"charters": [1]}, "simulation.charters"),
        ([1], "simulation"),
    ],
)
def test_malformed_results_name_the_key(data: Any, where: str) -> None:
    with pytest.raises(GovernanceRulesError) as err:
        read_simulation(data)
    assert err.value.where == where


def test_the_output_of_govrules_simulate_is_read_as_it_is() -> None:
    from governance_rules import simulate  # noqa: PLC0415

    results = simulate(["yangxin-2022"], communities=2, years=1, seed=1).to_dict()
    metrics = read_simulation(results)["yangxin-2022"]
    summary = results["charters"]["yangxin-2022"]["issues"]
    assert len(metrics.resolution_days) == summary["resolved"]["total"]
    assert dict(metrics.escalations) == {
        k: v for k, v in summary["resolved"].items() if k != "total"
    }
    assert metrics.workload
