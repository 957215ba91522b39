"""The two ladder readings from the command line: show, compare, diagram and simulate.

street-joint-meeting's ``escalated_by`` (四、(一): the company or whoever raised the
problem takes it to the street office) and pm-liaison-bimonthly's ``revisit_start``
(4.1.4.5, 4.1.8, 4.2.2.3: the revisit counted from the answer or from the question).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from governance_rules.cli import main

RAISER = "escalated_by=raiser"
QUESTION = "revisit_start=from_question"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("charter", "reading", "shown"),
    [
        (
            "street-joint-meeting",
            RAISER,
            "raiser: whoever raised the problem takes it up [in force]",
        ),
        (
            "pm-liaison-bimonthly",
            QUESTION,
            "from_question: counted from the question being raised",
        ),
    ],
)
def test_show_takes_each_reading(
    capsys: pytest.CaptureFixture[str], charter: str, reading: str, shown: str
) -> None:
    code, out, _ = run(capsys, "show", charter, "--reading", reading)
    assert code == 0
    assert shown in out
    code, _, err = run(
        capsys, "show", charter, "--reading", reading.split("=", maxsplit=1)[0] + "=nope"
    )
    assert code == 1
    assert "no such reading" in err


def test_compare_sets_the_readings_side_by_side(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", "street-joint-meeting", "--format", "json")
    assert code == 0
    rules = json.dumps(json.loads(out))
    assert "reporter_request" in rules
    assert "handler_request" in rules
    code, out, _ = run(capsys, "compare", "pm-liaison-bimonthly",
                       f"pm-liaison-bimonthly@{QUESTION}", "--format", "json")  # fmt: skip
    assert code == 0
    found = json.loads(out)
    assert "follow_up_from" in json.dumps(found["rules"])
    [issue] = [m for m in found["machines"] if m["kind"] == "issue"]
    assert [e.split(" --")[1].split("-->")[0] for e in issue["added_edges"]] == [
        "follow_up [within 3 days of the question]"
    ] * 2
    assert [e.split(" --")[1].split("-->")[0] for e in issue["removed_edges"]] == [
        "follow_up [within 3 days of the reply]"
    ] * 2


@pytest.mark.parametrize(
    ("charter", "reading", "before", "after"),
    [
        (
            "street-joint-meeting",
            RAISER,
            "escalate [by property_company; handler request]",
            "escalate [by the reporter; reporter request]",
        ),
        (
            "pm-liaison-bimonthly",
            QUESTION,
            "follow_up [by property_company; within 3 days of the reply]",
            "follow_up [by property_company; within 3 days of the question]",
        ),
    ],
)
def test_diagram_draws_each_reading(
    capsys: pytest.CaptureFixture[str], charter: str, reading: str, before: str, after: str
) -> None:
    args = ["diagram", charter, "--workflow", "issue"]
    code, default, _ = run(capsys, *args)
    assert code == 0
    code, competing, _ = run(capsys, *args, "--reading", reading)
    assert code == 0
    assert before in default
    assert before not in competing
    assert after in competing
    assert after not in default


def _simulated(
    capsys: pytest.CaptureFixture[str], charter: str, reading: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """``charter``'s metrics under ``reading`` and under its default, simulated side by
    side (2 communities, 1 year, seed 3)."""
    code, out, _ = run(capsys, "simulate", f"{charter}@{reading}", charter, "--communities",
                       "2", "--years", "1", "--seed", "3", "--format", "json")  # fmt: skip
    assert code == 0
    found = json.loads(out)["charters"]
    return found[f"{charter}@{reading}"], found[charter]


def test_simulate_runs_the_raisers_reading_with_the_reporter_escalating(
    capsys: pytest.CaptureFixture[str],
) -> None:
    raiser, company = _simulated(capsys, "street-joint-meeting", RAISER)
    escalated = company["issues"]["escalated"]
    assert escalated > 0
    assert raiser["issues"]["escalated"] == escalated
    # the same draws: each step up is the simulated reporter's instead of the company's
    assert raiser["workload"]["residents"] - company["workload"]["residents"] == escalated
    assert company["workload"]["property_company"] - raiser["workload"]["property_company"] == (
        escalated
    )
    assert raiser["refused"] == company["refused"] == 0  # no escalation refused either way


def test_simulate_runs_the_question_reading(capsys: pytest.CaptureFixture[str]) -> None:
    question, answer = _simulated(capsys, "pm-liaison-bimonthly", QUESTION)
    # counted from the question, more revisits fall due before they are made
    assert question["deadlines"]["fired"]["breach"] > answer["deadlines"]["fired"]["breach"]
