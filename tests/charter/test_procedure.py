"""``procedure``: a meeting's ordered steps are validated where they are written."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from governance_rules._charter import load_charter_file, load_charter_text
from governance_rules.errors import CharterValidationError
from tests.charter.test_loader import BASE

SRC = "source: {doc: src, summary: A step of the meeting.}"
STEPS = textwrap.indent(
    textwrap.dedent(f"""\
    procedure:
      - {{key: opening, label: {{zh: 开场, en: opening}}, performed_by: convener, {SRC}}}
      - {{key: vote, label: {{zh: 表决, en: vote}}, vote: true, {SRC}}}
      - {{key: close, label: {{zh: 结束, en: close}}, {SRC}}}
    """),
    "    ",
)
MARK = "    source: {doc: src, summary: The regular meeting.}\n"


def _with(steps: str) -> str:
    assert MARK in BASE
    return BASE.replace(MARK, steps + MARK)


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "demo.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CharterValidationError) as info:
        load_charter_file(path)
    return [str(p).split("demo.yaml:", 1)[1] for p in info.value.problems]


def test_a_procedure_loads_in_order() -> None:
    rule = load_charter_text(_with(STEPS), name="demo.yaml").meetings["regular"]
    assert [s.key for s in rule.procedure] == ["opening", "vote", "close"]
    assert rule.vote_step == "vote"
    assert rule.procedure[0].performed_by == "convener"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("key: close", "key: opening",
         "meetings.regular.procedure: [2].key: the step 'opening' is listed twice"),
        ("{key: close, label: {zh: 结束, en: close}, ", "{key: close, label: {zh: 结束, en: close}, "
         "vote: true, ", "meetings.regular.procedure: one step holds the vote (got steps vote, close)"),
        ("performed_by: convener", "performed_by: mayor",
         "meetings.regular.procedure[0].performed_by: 'mayor' is neither a declared body nor a "
         "role"),
        ("key: close", "key: Close", "meetings.regular.procedure[2].key: "),
    ],
)  # fmt: skip
def test_mistakes_are_located(tmp_path: Path, old: str, new: str, expected: str) -> None:
    (problem,) = _problems(tmp_path, _with(STEPS.replace(old, new)))
    assert expected in problem
    assert problem.split(":")[0].isdigit()  # a line number


def test_one_step_orders_nothing(tmp_path: Path) -> None:
    one = "    procedure:\n      - {key: opening, label: opening, " + SRC + "}\n"
    (problem,) = _problems(tmp_path, _with(one))
    assert "meetings.regular.procedure: a procedure has two or more steps" in problem


def test_a_vote_step_needs_a_decision_rule(tmp_path: Path) -> None:
    text = _with(STEPS).replace(
        "    decision: {kind: consensus, source: {doc: src, summary: Decisions are taken by "
        "consensus.}}\n",
        "",
    )
    (problem,) = _problems(tmp_path, text)
    assert "meetings.regular: the procedure votes at step 'vote' but the meeting has no" in (
        problem
    )
