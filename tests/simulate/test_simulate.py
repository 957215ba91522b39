"""simulate(): the same load for every charter, the real engine, deterministic results."""

from __future__ import annotations

import gc
import json
from typing import Any

import pytest

from governance_rules import (
    SimulationError,
    available_charters,
    load_charter,
    read_load,
    simulate,
)
from governance_rules._simulate import community, runner


def _metrics(result: Any, charter: str) -> dict[str, Any]:
    found: dict[str, Any] = result.charters[charter]
    return found


def test_the_same_seed_gives_the_same_json_and_another_seed_does_not() -> None:
    first = simulate(["yangxin-2022", "pm-liaison-bimonthly"], communities=3, seed=5)
    again = simulate(["yangxin-2022", "pm-liaison-bimonthly"], communities=3, seed=5)
    other = simulate(["yangxin-2022", "pm-liaison-bimonthly"], communities=3, seed=6)
    assert first.to_json() == again.to_json()
    assert first.to_json() != other.to_json()
    assert json.loads(first.to_json()) == first.to_dict()


def test_the_chunking_does_not_change_the_result(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = simulate(["yangxin-2022"], communities=4, seed=2).to_json()
    monkeypatch.setattr(runner, "CHUNK", 1)
    assert simulate(["yangxin-2022"], communities=4, seed=2).to_json() == whole


def test_one_and_two_worker_processes_give_identical_results() -> None:
    one = simulate(["yangxin-2022", "model-charter-rc"], communities=6, seed=11, workers=1)
    two = simulate(["yangxin-2022", "model-charter-rc"], communities=6, seed=11, workers=2)
    assert one.to_json() == two.to_json()


def test_a_dask_local_cluster_gives_identical_results() -> None:
    distributed = pytest.importorskip(
        "distributed",
        reason="the dask extra is not installed (pip install governance-rules[dask])",
    )
    here = simulate(["yangxin-2022"], communities=4, seed=3)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        there = simulate(
            ["yangxin-2022"], communities=4, seed=3, scheduler=cluster.scheduler_address
        )
    assert here.to_json() == there.to_json()


@pytest.mark.parametrize(
    "address",
    [
        "garbage", "", "tcp://host", "tcp://10.0.0.5:99999",
        # a Client failing half-made on these raised TypeError, or held the process at exit
        "inproc://x", "inproc://10.0.0.5/1/1", "ucx://10.0.0.5:8786", "tls://10.0.0.5:8786",
    ],
)  # fmt: skip
def test_a_scheduler_address_no_scheduler_can_have_is_refused_at_once(address: str) -> None:
    """Refused before any wait (it waited for a connection, then printed a traceback)."""
    pytest.importorskip(
        "distributed",
        reason="the dask extra is not installed (pip install governance-rules[dask])",
    )
    with pytest.raises(SimulationError, match="not a scheduler address") as refused:
        simulate(["yangxin-2022"], communities=1, seed=3, scheduler=address)
    assert refused.value.where == "scheduler"
    assert "tcp://10.0.0.5:8786" in str(refused.value.allowed)


def test_every_charter_meets_the_same_issues() -> None:
    charters = ["yangxin-2022", "model-charter-rc", "street-joint-meeting", "pm-liaison-bimonthly"]
    result = simulate(charters, communities=2, seed=4)
    reported = {c: _metrics(result, c)["issues"]["reported"] for c in charters}
    assert len({json.dumps(r, sort_keys=True) for r in reported.values()}) == 1
    assert reported["yangxin-2022"]["total"] >= 2 * 30
    # a charter with no ladder leaves every issue unhandled, and says so
    assert (
        _metrics(result, "model-charter-rc")["issues"]["no_ladder"]
        == reported["model-charter-rc"]["total"]
    )


def test_every_bundled_charter_runs_without_a_foreign_exception() -> None:
    result = simulate(available_charters(), communities=1, seed=1)
    assert len(result.charters) == len(available_charters())
    for metrics in result.charters.values():
        assert metrics["community_years"] == 1
        assert metrics["commands"] > 0


def test_a_ladder_climbed_to_the_top_resolves_only_at_the_last_levels() -> None:
    load = read_load(text="issues: {escalate: 1.0}")
    charter = load_charter("yangxin-2022")
    result = simulate([charter], communities=2, seed=8, load=load)
    metrics = _metrics(result, "yangxin-2022")
    tops = {f"L{len(c.ladder) - 1}_{c.ladder[-1].handler}" for c in charter.issues.values()}
    resolved = {k for k in metrics["issues"]["resolved"] if k != "total"}
    assert resolved
    assert resolved <= tops
    assert metrics["issues"]["reached_street_office"] > 0
    calm = _metrics(simulate([charter], communities=2, seed=8), "yangxin-2022")
    assert calm["issues"]["escalated"] < metrics["issues"]["escalated"]


def test_an_issue_is_taken_in_by_its_first_levels_handler() -> None:
    """street-joint-meeting's ladders start at the property company: a slow residents'
    committee does not delay them (the triage took the committee's days, whoever handled)."""
    load = read_load(text="handling_days: {default: 1, residents_committee: 200, "
                          "property_company: 1, street_office: 1, departments: 1}")  # fmt: skip
    days = _metrics(simulate(["street-joint-meeting"], communities=3, seed=2, load=load),
                    "street-joint-meeting")["issues"]["days_to_resolution"]  # fmt: skip
    assert days["p90"] < 40


@pytest.mark.parametrize(("support", "outcome"), [(0.0, "passed"), (1.0, "failed")])
def test_support_decides_the_votes(support: float, outcome: str) -> None:
    load = read_load(text=f"votes: {{support: {support}, abstain: 0}}\nmeetings: {{absence: 0}}")
    result = simulate(["model-charter-rc", "yangxin-2022"], communities=2, seed=1, load=load)
    for metrics in result.charters.values():
        decisions = metrics["decisions"]
        assert decisions["passed"] + decisions["failed"] > 0
        assert decisions[outcome] == 0


def test_refusals_are_counted_by_rule_not_raised() -> None:
    metrics = _metrics(simulate(["model-charter-rc"], communities=3, seed=2), "model-charter-rc")
    refused = metrics["refused"]
    assert refused["total"] > 0
    assert any("." in rule for by_rule in refused.values() if isinstance(by_rule, dict)
               for rule in by_rule)  # fmt: skip


def test_the_metrics_hold_together() -> None:
    metrics = _metrics(simulate(["yangxin-2022"], communities=2, seed=9), "yangxin-2022")
    issues, meetings = metrics["issues"], metrics["meetings"]
    days = issues["days_to_resolution"]
    assert sum(n for _, n in days["histogram"]) == issues["resolved"]["total"]
    assert days["median"] <= days["p90"]
    assert issues["resolved"]["total"] <= issues["reported"]["total"]
    assert meetings["held_on_time"] <= meetings["held"]["total"] <= meetings["planned"]["total"]
    assert meetings["planned"]["regular"] == 2 * 6  # every even month's window
    assert sum(metrics["workload"].values()) == metrics["commands"]


@pytest.mark.parametrize(
    ("kwargs", "where"),
    [
        ({"communities": 0}, "communities"),
        ({"communities": True}, "communities"),
        ({"workers": 0}, "workers"),
        ({"years": 0}, "years"),
        ({"years": 500}, "years"),
        ({"seed": -1}, "seed"),
        ({"scheduler": 5}, "scheduler"),
    ],
)
def test_bad_sizes_are_the_librarys_error(kwargs: dict[str, Any], where: str) -> None:
    with pytest.raises(SimulationError) as info:
        simulate(["yangxin-2022"], **kwargs)
    assert info.value.where == where


@pytest.mark.parametrize(
    ("start", "years", "allowed"),
    [
        (2036, 2, "a whole number from 1 to 1 (from 2036: the calendar ends in 2036)"),
        (2026, 0, "a whole number from 1 to 11 (from 2026: the calendar ends in 2036)"),
        (2026, True, "a whole number from 1 to 11 (from 2026: the calendar ends in 2036)"),
    ],
)
def test_too_many_years_says_where_the_calendar_ends(start: int, years: int, allowed: str) -> None:
    """It said only "from 1 to 1", while --help speaks of 50 years."""
    with pytest.raises(SimulationError) as info:
        simulate(["yangxin-2022"], years=years, load=read_load(text=f"start_year: {start}"))
    assert info.value.where == "years"
    assert info.value.allowed == allowed


def test_a_start_year_outside_the_calendar_names_the_years_allowed() -> None:
    with pytest.raises(SimulationError) as info:
        simulate(["yangxin-2022"], load=read_load(text="start_year: 2000"))
    assert info.value.where == "start_year"
    assert info.value.allowed == "2001 to 2036"


def test_charters_must_be_a_list() -> None:
    with pytest.raises(SimulationError, match="list of one or more"):
        simulate("yangxin-2022")  # type: ignore[arg-type]
    with pytest.raises(SimulationError):
        simulate([])


@pytest.mark.parametrize("reading", ["pooled", "per_body"])
def test_minutes_released_by_two_committees_are_signed_by_members_of_each(reading: str) -> None:
    """yayuan-monthly: the minutes need more than half of the two committees' members
    (第四条), so they are signed member by member, in turn, until released."""
    charter = load_charter("yayuan-monthly", readings={"release_approval": reading})
    (metrics,) = simulate([charter], communities=3, seed=4).charters.values()
    meetings = metrics["meetings"]
    assert meetings["stuck"] == 0
    assert meetings["closed"] == meetings["held"]["total"] > 0


def test_remembering_who_acts_on_an_issue_changes_no_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the simulator works out the body acting on an issue once per workflow, state,
    # reporter and category; working it out for every command must give the same JSON
    remembered = simulate(available_charters(), communities=2, years=2, seed=13).to_json()
    monkeypatch.setattr(community._Run, "remember_actors", False)
    assert simulate(available_charters(), communities=2, years=2, seed=13).to_json() == remembered


@pytest.mark.parametrize(("start", "years"), [(2001, 1), (2036, 1), (2026, 11)])
def test_a_simulation_may_use_every_year_the_calendar_holds(start: int, years: int) -> None:
    """The calendar's first and last years can be simulated: a step counted past its last
    day is never taken, a planning lead before its first day starts on it (they raised
    DateOutOfRangeError, 2036 and 2001)."""
    load = read_load(text=f"start_year: {start}")
    result = simulate(["yangxin-2022", "model-charter-rc"], communities=2, years=years,
                      seed=3, load=load)  # fmt: skip
    for metrics in result.to_dict()["charters"].values():
        assert metrics["commands"] > 0
        assert metrics["issues"]["reported"]["total"] > 0
        assert metrics["community_years"] == 2 * years
        # the one step the engine cannot take: a five-year term elected in the calendar's
        # last years would end past its data (the engine refuses it; counted as refused)
        refused = metrics["refused"] if isinstance(metrics["refused"], dict) else {}
        short = [t for t, why in refused.items() if t != "total" and "DateOutOfRangeError" in why]
        assert short == (["elect"] if start == 2036 else [])


def test_a_pool_worker_collects_cycles_less_often_and_the_caller_keeps_its_settings() -> None:
    before = gc.get_threshold()
    simulate(["yangxin-2022"], communities=1, seed=1)  # in this process: left alone
    assert gc.get_threshold() == before
    try:
        runner._worker_start()  # what each process of the pool runs first
        assert gc.get_threshold() == (runner.WORKER_GC_THRESHOLD, *before[1:])
    finally:
        gc.set_threshold(*before)


@pytest.mark.parametrize("plan_ahead", [0, 2])
def test_a_meeting_planned_shortly_before_its_day_is_held_on_it(plan_ahead: int) -> None:
    """district-street-plans' meetings have no notice: once planned, they are held. The
    step after planning was drawn without the cap the later steps have ("a late step
    before the meeting still comes by its day"), so it fell after the meeting's day and
    the engine refused the hold ("the meeting is set for ..."): with plan_ahead 0 not one
    meeting was held, and at the default load January's meetings (planned no earlier than
    1 January) were lost too."""
    load = read_load(text=f"meetings: {{plan_ahead: {plan_ahead}}}")
    for load_given in (load, None):
        result = simulate(["district-street-plans"], communities=3, seed=5, load=load_given)
        meetings = _metrics(result, "district-street-plans")["meetings"]
        assert meetings["not_held"] == 0
        assert meetings["held"]["total"] == meetings["planned"]["total"]
        refused = _metrics(result, "district-street-plans")["refused"]
        assert "hold" not in (refused if isinstance(refused, dict) else {})


def test_questions_are_raised_by_the_body_their_category_takes_them_from() -> None:
    """pm-liaison-bimonthly's categories take questions of the OC or of the RC only
    (``raised_by``): every simulated question is raised by one, so none is refused at
    triage or left waiting for it."""
    metrics = _metrics(simulate(["pm-liaison-bimonthly"], communities=2, seed=3),
                       "pm-liaison-bimonthly")  # fmt: skip
    assert "triage" not in json.dumps(metrics["refused"])  # a count, or counts by command
    assert metrics["issues"]["stuck"] == 0
    reported = metrics["issues"]["reported"]["total"]
    assert reported > 0
    assert metrics["issues"]["resolved"]["total"] > 0
    # each question is reported, and later closed, by its committee: not by residents
    workload = metrics["workload"]
    assert workload["owners_committee"] + workload["residents_committee"] >= reported
    assert workload.get("residents", 0) < reported
