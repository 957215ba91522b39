"""Simulation results: the shapes the report reads, and located errors for others."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib import cbook

from governance_rules import GovernanceRulesError
from governance_rules._report import read_simulation
from tests.report.sample import SIMULATION


def test_the_sample_reads_in_order() -> None:
    metrics = read_simulation(SIMULATION)
    assert list(metrics) == ["yangxin-2022", "model-charter-rc"]
    rc = metrics["model-charter-rc"]
    assert rc.resolution == ((2.0, 1), (3.0, 1), (5.0, 2), (9.0, 1), (12.0, 1), (21.0, 1))
    assert rc.issues == 7
    assert rc.escalations == (("1", 40), ("2", 18), ("3", 7), ("4", 2))
    assert rc.workload == (("property_company", 98.0), ("residents_committee", 44.0))


def test_entries_without_the_charters_key_and_missing_metrics() -> None:
    metrics = read_simulation({"a": {"workload": {"street_office": 2}}, "b": {}})
    assert metrics["a"].resolution == ()
    assert metrics["a"].issues == 0
    assert metrics["b"].workload == ()


def _histogram(pairs: object) -> dict[str, Any]:
    return {"a": {"issues": {"days_to_resolution": {"histogram": pairs}}}}


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({"a": []}, "simulation.a"),
        ({"a": {"resolution_days": "1 2"}}, "simulation.a.resolution_days"),
        ({"a": {"resolution_days": [1, True]}}, "simulation.a.resolution_days[1]"),
        ({"a": {"resolution_days": [float("nan")]}}, "simulation.a.resolution_days[0]"),
        ({"a": {"resolution_days": [10**400]}}, "simulation.a.resolution_days[0]"),
        ({"a": {"resolution_days": [1e308]}}, "simulation.a.resolution_days[0]"),
        ({"a": {"resolution_days": [100_001]}}, "simulation.a.resolution_days[0]"),
        (_histogram([[3, 10**13]]), "simulation.a.issues.days_to_resolution.histogram[0][1]"),
        (_histogram([[3, 10**12], [4, 1]]), "simulation.a.resolution_days"),
        (_histogram([[1e308, 5]]), "simulation.a.issues.days_to_resolution.histogram[0][0]"),
        (_histogram([[3, 1, 1]]), "simulation.a.issues.days_to_resolution.histogram[0]"),
        (_histogram("3"), "simulation.a.issues.days_to_resolution.histogram"),
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
    assert metrics.issues == summary["resolved"]["total"]
    assert metrics.percentile(50) == summary["days_to_resolution"]["median"]
    assert dict(metrics.escalations) == {
        k: v for k, v in summary["resolved"].items() if k != "total"
    }
    assert metrics.workload


def test_the_report_takes_what_simulate_returns_as_it_takes_its_json(tmp_path: Path) -> None:
    # it used to refuse the SimulationResult itself, as not a mapping
    from governance_rules import report, simulate  # noqa: PLC0415

    result = simulate(["yangxin-2022"], communities=2, years=1, seed=1)
    given = report(["yangxin-2022"], 2026, tmp_path / "a", simulation=result)
    as_json = report(["yangxin-2022"], 2026, tmp_path / "b", simulation=result.to_dict())
    html = given.read_text(encoding="utf-8")
    assert 'data-chart="resolution"' in html
    assert html.count("<svg") == as_json.read_text(encoding="utf-8").count("<svg")
    assert sorted(p.name for p in (tmp_path / "a" / "charts").iterdir()) == sorted(
        p.name for p in (tmp_path / "b" / "charts").iterdir()
    )


def test_a_histogram_of_a_trillion_issues_is_read_without_listing_them() -> None:
    metrics = read_simulation(_histogram([[3, 10**12 - 2], [40, 1], [4, 1]]))["a"]
    assert metrics.resolution == ((3.0, 10**12 - 2), (4.0, 1), (40.0, 1))
    assert metrics.issues == 10**12
    assert metrics.percentile(50) == 3.0
    assert metrics.percentile(100) == 40.0
    assert metrics.box()["fliers"] == [4.0, 40.0]  # outside 1.5 IQR of a box of width 0


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 60), min_size=1, max_size=80),
    st.sampled_from([0, 10, 25, 50, 75, 90, 100]),
)
def test_percentiles_and_box_from_the_histogram_match_numpy_and_matplotlib(
    days: list[int], q: int
) -> None:
    metrics = read_simulation({"a": {"resolution_days": days}})["a"]
    assert metrics.percentile(q) == pytest.approx(float(np.percentile(days, q)))
    expected = cbook.boxplot_stats(np.asarray(days, dtype=float))[0]
    box = metrics.box()
    for key in ("med", "q1", "q3", "whislo", "whishi"):
        assert box[key] == pytest.approx(float(expected[key])), key
    assert sorted(box["fliers"]) == sorted(set(expected["fliers"].tolist()))


def _many(charters: int, groups: int, metric: str) -> dict[str, Any]:
    return {f"c{n}": {metric: {f"g{i}": 1 for i in range(groups)}} for n in range(charters)}


@pytest.mark.parametrize(
    ("data", "what"),
    [
        ({f"c{n}": {} for n in range(51)}, "too many charters to draw (got 51)"),
        (_many(1, 1_001, "workload"), "workload chart (got '1,001 bodies x 1 charter')"),
        (_many(10, 101, "escalations"), "escalations chart (got '101 ladder levels x 10"),
        ({"x" * 201: {}}, "a name is too long (got '201 characters')"),
        ({"a": {"workload": {"b" * 10**6: 1}}}, "a name is too long (got '1,000,000 charac"),
    ],
)
def test_results_beyond_what_a_chart_can_show_are_refused(data: dict[str, Any], what: str) -> None:
    """Each bar widens a chart: thousands of bodies took minutes and gigabytes to draw."""
    with pytest.raises(GovernanceRulesError, match=re.escape(what)):
        read_simulation(data)


def test_results_at_the_limits_are_read() -> None:
    assert len(read_simulation(_many(50, 20, "escalations"))) == 50
    assert len(read_simulation(_many(1, 1_000, "workload"))["c0"].workload) == 1_000
    assert read_simulation({"x" * 200: {}})
