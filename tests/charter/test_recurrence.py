"""``recurs``: a meeting or duty held regularly (定期) with no stated interval is never dated."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

import governance_rules as gr
from governance_rules import Actor, Engine
from governance_rules._charter import load_charter, load_charter_file, load_charter_text
from governance_rules._charter.meetings import RecurrenceKind
from governance_rules._charter.summary import charter_outline
from governance_rules._obligations import obligations
from governance_rules.errors import CharterValidationError
from tests.charter.test_loader import BASE

PERIODIC = "periodically (定期), interval not stated"

RECURRING = BASE + textwrap.indent(
    textwrap.dedent("""\
    consultation:
      kind: regular
      recurs: {kind: periodic, word: 定期, source: {doc: src, summary: Held regularly with no interval.}}
      source: {doc: src, summary: A consultation held regularly.}
    """),
    "  ",
)


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "demo.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CharterValidationError) as info:
        load_charter_file(path)
    return [str(p) for p in info.value.problems]


def test_a_recurring_meeting_has_no_cadence_and_says_so() -> None:
    charter = load_charter_text(RECURRING, name="demo.yaml")
    rule = charter.meetings["consultation"]
    assert rule.cadence is None
    assert rule.recurs is not None
    assert rule.recurs.kind is RecurrenceKind.PERIODIC
    assert rule.recurs.describe() == PERIODIC
    assert rule.recurs.describe("zh") == "定期（未规定间隔）"
    # the kind may be left out, and the source's word too
    bare = load_charter_text(
        RECURRING.replace("{kind: periodic, word: 定期, ", "{"), name="demo.yaml"
    )
    assert bare.meetings["consultation"].recurs is not None
    assert bare.meetings["consultation"].recurs.describe() == "periodically, interval not stated"


def test_recurs_and_a_cadence_exclude_each_other_at_their_place(tmp_path: Path) -> None:
    both = RECURRING.replace(
        "    source: {doc: src, summary: A consultation held regularly.}",
        "    cadence: {every: monthly, source: {doc: src, summary: Monthly.}}\n"
        "    source: {doc: src, summary: A consultation held regularly.}",
    )
    (problem,) = _problems(tmp_path, both)
    assert problem.startswith(f"{tmp_path / 'demo.yaml'}:27:3:")
    assert "meetings.consultation: 'recurs' (no interval stated) and 'cadence'" in problem


def test_a_recurring_meeting_has_no_window(tmp_path: Path) -> None:
    windowed = RECURRING.replace(
        "    source: {doc: src, summary: A consultation held regularly.}",
        "    window: {kind: whole_months, months: [12]}\n"
        "    source: {doc: src, summary: A consultation held regularly.}",
    )
    (problem,) = _problems(tmp_path, windowed)
    assert "meetings.consultation: a meeting that 'recurs' with no interval has no 'window'" in (
        problem
    )


def test_an_unknown_recurrence_kind_is_refused(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, RECURRING.replace("kind: periodic", "kind: weekly"))
    assert "meetings.consultation.recurs.kind" in problem
    assert "'periodic'" in problem


def test_a_recurring_duty_excludes_a_schedule(tmp_path: Path) -> None:
    duty = RECURRING + textwrap.dedent("""\
    information:
      periodic:
        review:
          what: the system is reviewed
          recurs: {word: 定期, source: {doc: src, summary: Reviewed regularly with no interval.}}
          cadence: {every: yearly, source: {doc: src, summary: Yearly.}}
          source: {doc: src, summary: The system is reviewed.}
    """)
    (problem,) = _problems(tmp_path, duty)
    assert "information.periodic.review: 'recurs' (no interval stated) excludes a 'cadence'" in (
        problem
    )
    without = duty.replace("      cadence: {every: yearly, source: {doc: src, summary: Yearly.}}\n",
                           "")  # fmt: skip
    review = load_charter_text(without, name="demo.yaml").information.periodic["review"]
    assert not review.dated


@pytest.mark.parametrize(
    ("charter_id", "path"),
    [
        ("co-building-two-thirds", "meetings.residents_representatives"),
        ("co-building-two-thirds", "information.periodic.work_evaluation"),
        ("oc-convened-quarterly", "information.periodic.company_evaluation"),
        ("owners-alliance-quarterly", "information.periodic.system_review"),
        ("estate-mechanisms", "information.periodic.company_assessment"),
    ],
)
def test_no_bundled_recurring_duty_is_on_the_calendar(charter_id: str, path: str) -> None:
    charter = load_charter(charter_id)
    assert charter.cite(f"{path}.recurs") is not None
    for year in (2026, 2027):
        assert not [i for i in obligations(charter, year) if i.rule.startswith(path)]


def test_the_engine_sets_no_timer_and_finds_nothing_overdue() -> None:
    charter = load_charter("co-building-two-thirds")
    engine = Engine(charter)
    engine.advance_to(date(2027, 12, 31))
    assert not engine.instances("meeting")
    assert not engine.overdue(date(2027, 12, 31))
    # the community holds one when it decides to: any day, twice in a month, no override
    convener = Actor("joint_meeting")
    first = engine.plan_meeting(convener, "residents_representatives", date(2026, 3, 7),
                                on=date(2026, 3, 1))  # fmt: skip
    second = engine.plan_meeting(convener, "residents_representatives", date(2026, 3, 8),
                                 on=date(2026, 3, 1))  # fmt: skip
    assert first.data.day.isoformat() == "2026-03-07"  # a Saturday: no window, no working day
    assert second.state == first.state
    assert not [i.id for i, _ in engine.deadlines() if i.id in (first.id, second.id)]
    assert not engine.overdue(date(2027, 12, 31))


def test_show_and_compare_display_it() -> None:
    charter = load_charter("co-building-two-thirds")
    lines = list(charter_outline(charter))
    at = lines.index("  meetings.residents_representatives.recurs")
    assert lines[at + 1].strip() == PERIODIC
    zh = list(charter_outline(charter, "zh"))
    assert zh[zh.index("  meetings.residents_representatives.recurs") + 1].strip() == (
        "定期（未规定间隔）"
    )
    c = gr.compare(charter, load_charter("oc-convened-quarterly"), start=date(2026, 9, 1))
    row = c.rule("information.periodic.company_evaluation.recurs")
    assert row.values == (None, PERIODIC)
    assert row.verdicts == (gr.Verdict.ONLY_HERE,)
    assert c.rule("meetings.residents_representatives.recurs").values[0] == PERIODIC
    with pytest.raises(gr.GovernanceRulesError):  # no window is shown for an undated duty
        c.rule("information.periodic.company_evaluation.window")


def test_simulate_and_the_calendar_run_over_it() -> None:
    result = gr.simulate(["co-building-two-thirds", "oc-convened-quarterly"], communities=2)
    assert set(result.charters) == {"co-building-two-thirds", "oc-convened-quarterly"}
    items = obligations(load_charter("co-building-two-thirds"), 2026)
    assert {i.rule for i in items} == {"meetings.regular"}
