"""The load file: defaults, merging over them, and located errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from governance_rules import SimulationLoadError, read_load, simulate
from governance_rules._simulate.load import DEFAULT_LOAD


def test_the_default_load_has_at_least_fifty_issues_a_year() -> None:
    load = read_load()
    assert load.issues.expected_per_year >= 50
    assert len(load.issues.seasonal) == 12
    assert load.days_for("street_office") > load.days_for("residents_committee")
    assert load.days_for("some_body_not_listed") == load.handling_days["default"]


def test_the_default_load_ships_beside_the_module() -> None:
    path = Path(__file__).parents[2] / "src/governance_rules/_simulate" / DEFAULT_LOAD
    assert read_load(path) == read_load()


def test_a_file_changes_only_what_it_states(tmp_path: Path) -> None:
    path = tmp_path / "load.yaml"
    path.write_text("votes:\n  support: 0.3\nissues:\n  per_year: {routine: 5}\n", "utf-8")
    load = read_load(path)
    assert load.votes.support == 0.3
    assert load.votes.abstain == read_load().votes.abstain
    assert load.issues.per_year == {"routine": 5}  # the table is replaced as a whole
    assert load.issues.escalate == read_load().issues.escalate


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ("votes:\n  support: 2\n", ":2:12: votes.support", "votes.support: from 0 to 1 (got 2)"),
        ("issues:\n  per_year: {gossip: 3}\n", ":2:13: issues.per_year", "unknown category kind"),
        ("issues:\n  seasonal: [1, 2]\n", ":2:13: issues.seasonal", "at least 12"),
        ("late_by: 0\n", ":1:10: late_by", "late_by: from 1 to 250 (got 0)"),
        ("version: 2\n", ":1:10: version", "version: must be 1 (got 2)"),
        ("miss_deadline: .nan\n", ":1:16: miss_deadline", "from 0 to 1 (got nan)"),
        ("handling_days: {default: -1}\n", ":1:16: handling_days", "from 0 to 250"),
        ("meetings:\n  absense: 0.1\n", ":2:12: meetings.absense", "Extra inputs"),
        ("votes: [1, 2\n", ":2:1:", "expected"),
        ("- 1\n", "", "must be a mapping"),
    ],
)
def test_an_invalid_load_file_names_the_place(
    tmp_path: Path, text: str, where: str, what: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(SimulationLoadError) as info:
        read_load(path)
    line = info.value.problems[0]
    assert line.startswith(str(path) + where)
    assert what in line
    assert isinstance(info.value, ValueError)


def test_every_problem_is_listed_at_once() -> None:
    with pytest.raises(SimulationLoadError) as info:
        read_load(text="votes: {support: -1, abstain: 3}\nlate_by: 0\n")
    assert len(info.value.problems) == 3


def test_an_unreadable_load_file_is_the_librarys_error(tmp_path: Path) -> None:
    with pytest.raises(SimulationLoadError, match=r"missing\.yaml"):
        read_load(tmp_path / "missing.yaml")


@pytest.mark.parametrize(
    ("call", "says"),
    [
        (lambda: simulate(["yangxin-2022"], communities=1, load={"votes": {"support": 0.5}}),
         "load: not a load file (got dict); allowed: a path to a YAML file, a SimulationLoad"),
        (lambda: simulate(["yangxin-2022"], communities=1, load=5),
         "load: not a load file (got int)"),
        (lambda: read_load(text=5), "<text>: not text (got int); allowed: the YAML text"),
    ],
)  # fmt: skip
def test_a_load_that_is_neither_a_path_nor_text_is_the_librarys_error(
    call: Callable[[], object], says: str
) -> None:
    """A mapping given as the load raised TypeError from open()."""
    with pytest.raises(SimulationLoadError) as info:
        call()
    assert says in str(info.value)
