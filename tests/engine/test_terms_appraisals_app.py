"""Committee terms and the yearly appraisal, as an app uses them through the public API.

A community platform records elections, member changes and re-elections; a street
office's dashboard runs the year's appraisal and watches the deadlines. What the
charter states is enforced and cited; a refused command changes nothing (state,
store versions, deadlines); stored streams replay the same in a second engine.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import governance_rules as gr
from governance_rules._charter import Charter, load_charter_text
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules._workflows.arguments import ARGUMENTS
from governance_rules.errors import CommandRefused, GovernanceRulesError

ASSEMBLY = gr.Actor("owners_assembly")
OC = gr.Actor("owners_committee")
RC = gr.Actor("residents_committee")
PARTY = gr.Actor("party_org")
STREET = gr.Actor("street_office")
PC = gr.Actor("property_company")


def _snapshot(engine: gr.Engine) -> Any:
    """Everything a refused command must leave as it was."""
    return (
        [(i.id, i.state, i.data, i.version) for i in engine.instances()],
        [(i.id, t) for i, t in engine.deadlines()],
        {s: engine.store.version(s) for s in engine.store.streams()},
    )


def _scores(engine: gr.Engine, value: str = "80") -> list[list[str]]:
    ev = engine.charter.evaluation
    assert ev is not None
    return [[s, ev.criteria[0].name, value] for s in ev.subjects]


# -- one term at a time ------------------------------------------------------------------------
def test_a_second_election_of_a_serving_committee_is_refused_and_cited() -> None:
    engine = gr.Engine("cn-national-baseline")
    term = engine.elect("owners_committee", ASSEMBLY, date(2024, 5, 18), members=7)
    before = _snapshot(engine)
    with pytest.raises(CommandRefused, match="one term at a time") as info:
        engine.elect("owners_committee", ASSEMBLY, date(2024, 6, 18), members=9)
    assert info.value.rule == "terms.owners_committee.term"
    assert "第32条" in (info.value.citation or "")
    assert f"'reelect' on {term.id}" in str(info.value)
    assert _snapshot(engine) == before
    # another committee is another term
    assert engine.elect("residents_committee", gr.Actor("residents"), date(2024, 6, 18),
                        members=7).state == "residents_committee.elected"  # fmt: skip


def test_the_reelected_committee_is_still_the_one_term() -> None:
    engine = gr.Engine("cn-national-baseline")
    term = engine.elect("owners_committee", ASSEMBLY, date(2021, 6, 1), members=7)
    engine.advance_to(date(2026, 7, 1))
    engine.command(term.id, "reelect", RC, date(2026, 7, 10), members=9)
    with pytest.raises(CommandRefused, match="one term at a time"):
        engine.elect("owners_committee", ASSEMBLY, date(2026, 7, 11), members=9)
    assert [i.id for i in engine.instances("term")] == [term.id]
    # the re-elected committee serves: a departure before the handover is recorded
    engine.command(term.id, "change_members", OC, date(2026, 7, 20), members=8)
    engine.command(term.id, "report_change", OC, date(2026, 7, 21))
    assert (term.data.members, term.data.change_reported_on) == (8, date(2026, 7, 21))


def test_a_stale_app_on_the_same_database_cannot_elect_the_committee_again(
    tmp_path: Path,
) -> None:
    db = tmp_path / "community.db"
    with gr.EventStore.sqlite(db) as one, gr.EventStore.sqlite(db) as two:
        first = gr.Engine("cn-national-baseline", store=one)
        stale = gr.Engine("cn-national-baseline", store=two)  # started before the election
        first.elect("owners_committee", ASSEMBLY, date(2024, 5, 18), members=7)
        with pytest.raises(CommandRefused, match="one term at a time"):
            stale.elect("owners_committee", ASSEMBLY, date(2024, 5, 19), members=7)
        assert one.streams("term") == ["term-1"]
        # a different committee loses the race for the id only, and is retried
        assert stale.elect("residents_committee", gr.Actor("residents"), date(2024, 5, 19),
                           members=7).id == "term-2"  # fmt: skip


def test_a_composition_count_the_charter_does_not_name_is_refused_not_stored() -> None:
    engine = gr.Engine("district-street-plans")
    what = engine.charter.terms["owners_committee"].composition[0].what  # the charter's words
    with pytest.raises(CommandRefused, match="no composition count 'party_members'") as info:
        engine.elect("owners_committee", ASSEMBLY, date(2024, 5, 18), members=7, party_members=3)
    assert info.value.rule == "terms.owners_committee.composition"
    assert what in str(info.value)  # the refusal names the count the charter knows
    assert engine.instances() == []
    assert engine.store.streams() == []
    term = engine.elect("owners_committee", ASSEMBLY, date(2024, 5, 18), members=7,
                        **{what: 3})  # fmt: skip
    assert term.data.targets_missed == (f"{what}: 3 of 7, target 1/2",)
    before = _snapshot(engine)
    with pytest.raises(CommandRefused, match="composition count 'x\\\\ny"):
        engine.command(term.id, "change_members", OC, date(2024, 6, 1), members=7, **{"x\ny": 1})
    assert _snapshot(engine) == before


# -- member changes and the below-half re-election (指导规则 第46条) -------------------------------
def test_a_departure_is_recorded_even_below_the_election_size() -> None:
    engine = gr.Engine("cn-national-baseline")
    term = engine.elect("owners_committee", ASSEMBLY, date(2024, 5, 18), members=7)
    engine.command(term.id, "change_members", OC, date(2024, 8, 1), members=6)  # one resigned
    assert (term.data.members, term.data.below_half) == (6, False)
    engine.command(term.id, "change_members", OC, date(2024, 9, 1), members=3)
    assert (term.data.members, term.data.seats, term.data.below_half) == (3, 7, True)
    due = [t for i, t in engine.deadlines() if t.rule == "terms.owners_committee.change_report"]
    assert [t.due for t in due] == [date(2024, 10, 8)]  # 30 days, past National Day
    before = _snapshot(engine)
    with pytest.raises(CommandRefused, match="at most 11") as info:
        engine.command(term.id, "change_members", OC, date(2024, 9, 2), members=13)
    assert info.value.rule == "terms.owners_committee.size"
    assert _snapshot(engine) == before


def test_fewer_than_half_the_members_lets_the_assembly_reelect_early() -> None:
    engine = gr.Engine("cn-national-baseline")
    term = engine.elect("owners_committee", ASSEMBLY, date(2024, 5, 18), members=11)
    with pytest.raises(CommandRefused, match="not fewer than half") as info:
        engine.command(term.id, "reelect", ASSEMBLY, date(2024, 7, 1), members=7)
    assert "due, after 2029-02-16 (advance_to marks it)" in str(info.value)
    assert info.value.rule == "terms.owners_committee.below_half_members"
    assert "第46条" in (info.value.citation or "")
    engine.command(term.id, "change_members", OC, date(2024, 8, 1), members=5)  # 5 of 11
    with pytest.raises(CommandRefused, match="5–11, an odd number"):  # the election's size
        engine.command(term.id, "reelect", ASSEMBLY, date(2024, 9, 1), members=6)
    engine.command(term.id, "reelect", ASSEMBLY, date(2024, 9, 2), members=7)
    assert term.state == "owners_committee.reelected"
    assert (term.data.members, term.data.seats, term.data.below_half) == (7, 7, False)
    assert term.data.previous_end == date(2029, 5, 18)
    assert term.data.term_end == date(2029, 9, 3)  # 2 Sep 2029 is a Sunday


# -- the appraisal: once a year (yangxin-2022 (四) 第一条: each December) ---------------------------
def test_a_second_appraisal_of_the_same_year_is_refused_and_cited() -> None:
    engine = gr.Engine("yangxin-2022")
    first = engine.open_appraisal(PARTY, 2026, date(2026, 12, 1))
    before = _snapshot(engine)
    with pytest.raises(CommandRefused, match="appraisal of 2026 is already open") as info:
        engine.open_appraisal(PARTY, 2026, date(2026, 12, 2))
    assert info.value.rule == "evaluation.window"
    assert "(四)" in (info.value.citation or "")
    assert _snapshot(engine) == before
    engine.command(first.id, "record_scores", PARTY, date(2026, 12, 5), scores=_scores(engine))
    engine.command(first.id, "publicise", PARTY, date(2026, 12, 6))
    engine.command(first.id, "approve", STREET, date(2026, 12, 20))
    with pytest.raises(CommandRefused, match="already open or done"):
        engine.open_appraisal(PARTY, 2026, date(2027, 1, 4))
    assert engine.open_appraisal(PARTY, 2027, date(2027, 12, 1)).data.year == 2027


def test_a_stale_app_cannot_open_the_years_appraisal_twice(tmp_path: Path) -> None:
    db = tmp_path / "community.db"
    with gr.EventStore.sqlite(db) as one, gr.EventStore.sqlite(db) as two:
        first = gr.Engine("yangxin-2022", store=one)
        stale = gr.Engine("yangxin-2022", store=two)
        first.open_appraisal(PARTY, 2026, date(2026, 12, 1))
        with pytest.raises(CommandRefused, match="already open or done"):
            stale.open_appraisal(PARTY, 2026, date(2026, 12, 1))
        assert one.streams("appraisal") == ["appraisal-1"]


LOCAL_WINDOWS = """
id: yangxin-local-windows
extends: yangxin-2022
title: Yangxin charter with local publicity and objection periods
jurisdiction: a street office in Yangxin County
documents:
  local: {kind: guide, file: engine-tests, heading: Test variant with appraisal windows}
evaluation:
  publicity: 7 days
  objection_period: 10 working days
"""


@pytest.fixture
def local_windows() -> Charter:
    return load_charter_text(LOCAL_WINDOWS, base_dir=bundled_rulesets_dir())


def test_both_appraisal_windows_are_listed_and_span_national_day(local_windows: Charter) -> None:
    engine = gr.Engine(local_windows)
    a = engine.open_appraisal(PARTY, 2026, date(2026, 9, 1))
    engine.command(a.id, "record_scores", PARTY, date(2026, 9, 20), scores=_scores(engine))
    engine.command(a.id, "publicise", PARTY, date(2026, 9, 28))
    listed = {t.rule: t.due for i, t in engine.deadlines()}
    # 7 days end on 5 October, inside the holiday: the window runs to the 8th; ten working
    # days skip the holiday (and count Saturday 10 October, a make-up working day)
    assert listed == {
        "evaluation.publicity": date(2026, 10, 8),
        "evaluation.objection_period": date(2026, 10, 16),
    }
    pending = [line for line in engine.explain(a.id) if "pending" in line]
    assert len(pending) == 2
    assert "2026-10-16" in pending[1]
    with pytest.raises(CommandRefused, match="open to objections until 2026-10-16"):
        engine.command(a.id, "approve", STREET, date(2026, 10, 16))
    fired = engine.advance_to(date(2026, 10, 17))
    assert [f.timer.trigger for f in fired] == ["window_closed", "objections_closed"]
    assert engine.deadlines() == []
    with pytest.raises(CommandRefused, match="objection window closed"):
        engine.command(a.id, "object", PC, date(2026, 10, 17), subject="property_company")
    assert engine.command(a.id, "approve", STREET, date(2026, 10, 17)).state == "approved"


def test_a_flood_of_bad_scores_is_refused_in_a_few_lines() -> None:
    engine = gr.Engine("yangxin-2022")
    a = engine.open_appraisal(PARTY, 2026, date(2026, 12, 1))
    with pytest.raises(CommandRefused) as info:
        engine.command(a.id, "record_scores", PARTY, date(2026, 12, 5),
                       scores=[["nobody", "nothing", "1"]] * 20_000)  # fmt: skip
    text = str(info.value)
    assert "20000 invalid score(s)" in text
    assert "… and 19990 more" in text
    assert len(text) < 3_000


# -- the calendar under terms --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("elected", "rule", "due"),
    [
        (date(2026, 9, 1), "filing", date(2026, 10, 8)),  # 1 October: National Day
        (date(2026, 1, 16), "filing", date(2026, 2, 24)),  # 15 February: Spring Festival
        (date(2026, 1, 15), "filing", date(2026, 2, 14)),  # a make-up working Saturday
        (date(2024, 2, 29), "term", date(2029, 2, 28)),  # no 29 February in 2029
        (date(2021, 10, 1), "term", date(2026, 10, 8)),  # the term ends in the holiday
        (date(2021, 10, 1), "reelection_lead", date(2026, 7, 8)),  # counted from the 8th
    ],
)
def test_term_deadlines_follow_the_civil_code_calendar(
    elected: date, rule: str, due: date
) -> None:
    engine = gr.Engine("cn-national-baseline")
    term = engine.elect("owners_committee", ASSEMBLY, elected, members=7)
    found = [t for i, t in engine.deadlines() if t.rule == f"terms.owners_committee.{rule}"]
    assert [t.due for t in found] == [due]
    assert due.isoformat() in found[0].explanation
    assert any(due.isoformat() in line for line in engine.explain(term.id))


def test_every_term_duty_is_listed() -> None:
    engine = gr.Engine("cn-national-baseline")
    term = engine.elect("owners_committee", ASSEMBLY, date(2024, 5, 18), members=7)
    assert {t.rule.rsplit(".", 1)[-1] for i, t in engine.deadlines()} == {
        "first_meeting", "filing", "reelection_lead", "term"}  # fmt: skip
    engine.command(term.id, "change_members", OC, date(2024, 6, 3), members=6)
    # the first meeting was due by 2024-05-27: the late change first records that miss
    assert [e.type for e in engine.store.read(term.id)] == [
        "elect", "duty_late", "change_members"]  # fmt: skip
    rules = {t.rule.rsplit(".", 1)[-1] for i, t in engine.deadlines()}
    assert rules == {"filing", "change_report", "reelection_lead", "term"}
    engine.advance_to(date(2029, 6, 1))
    engine.command(term.id, "reelect", RC, date(2029, 6, 10), members=9)
    rules = {t.rule.rsplit(".", 1)[-1] for i, t in engine.deadlines()}
    assert rules == {"first_meeting", "filing", "handover"}


# -- replay from a database ----------------------------------------------------------------------
def test_term_and_appraisal_streams_replay_the_same_in_a_second_engine(tmp_path: Path) -> None:
    db = tmp_path / "community.db"
    with gr.EventStore.sqlite(db) as store:
        one = gr.Engine("yangxin-2022", store=store)
        term = one.elect("owners_committee", ASSEMBLY, date(2024, 5, 18), members=7)
        one.command(term.id, "change_members", OC, date(2024, 6, 1), members=6)
        a = one.open_appraisal(PARTY, 2026, date(2026, 12, 1))
        one.command(a.id, "record_scores", PARTY, date(2026, 12, 5), scores=_scores(one))
        one.command(a.id, "publicise", PARTY, date(2026, 12, 6))
        one.command(a.id, "object", PC, date(2026, 12, 7), subject="property_company",
                    text="line one\n[bold]x[/bold] \x1b[31m")  # fmt: skip
        with gr.EventStore.sqlite(db) as again:
            two = gr.Engine("yangxin-2022", store=again)
            assert _snapshot(two) == _snapshot(one)
            assert [two.explain(i.id) for i in two.instances()] == [
                one.explain(i.id) for i in one.instances()
            ]
            assert two.get(a.id).data.objections[0].text == "line one\n[bold]x[/bold] \x1b[31m"
            assert two.problems == []


# -- hostile arguments ---------------------------------------------------------------------------
class _Sly(str):
    """Text whose equality test raises: compared as the library's own text only."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("compared")

    __hash__ = str.__hash__


HOSTILE: list[tuple[str, Callable[[gr.Engine, Any, Any], Any]]] = [
    ("huge members", lambda e, t, a: e.elect("owners_committee", ASSEMBLY, date(2024, 6, 1),
                                             members=10**400)),
    ("members as text", lambda e, t, a: e.elect("owners_committee", ASSEMBLY, date(2024, 6, 1),
                                                members="7")),
    ("term as a list", lambda e, t, a: e.elect(["owners_committee"], ASSEMBLY, date(2024, 6, 1),
                                               members=7)),
    ("term as sly text", lambda e, t, a: e.elect(_Sly("residents_committee"),
                                                 gr.Actor("residents"), date(2024, 6, 1),
                                                 members=7)),
    ("term with markup", lambda e, t, a: e.elect("x\n[bold]y", ASSEMBLY, date(2024, 6, 1),
                                                 members=7)),
    ("huge count", lambda e, t, a: e.command(t.id, "change_members", OC, date(2024, 6, 1),
                                             members=7, party_members=10**100)),
    ("engine's own count", lambda e, t, a: e.command(t.id, "change_members", OC,
                                                     date(2024, 6, 1), members=7,
                                                     serving=["term-9"])),
    ("huge year", lambda e, t, a: e.open_appraisal(PARTY, 10**400, date(2026, 12, 1))),
    ("year as text", lambda e, t, a: e.open_appraisal(PARTY, "2026", date(2026, 12, 1))),
    ("year as bool", lambda e, t, a: e.open_appraisal(PARTY, True, date(2026, 12, 1))),
    ("subject as sly text", lambda e, t, a: e.command(a.id, "object", PC, date(2026, 12, 7),
                                                      subject=_Sly("property_company"))),
    ("huge score", lambda e, t, a: e.command(a.id, "answer_objection", PARTY, date(2026, 12, 7),
                                             index=10**400)),
]  # fmt: skip


@pytest.mark.parametrize("call", [c for _, c in HOSTILE], ids=[n for n, _ in HOSTILE])
def test_hostile_arguments_are_library_errors_that_change_nothing(
    call: Callable[[gr.Engine, Any, Any], Any],
) -> None:
    engine = gr.Engine("yangxin-2022")
    term = engine.elect("owners_committee", ASSEMBLY, date(2024, 5, 18), members=7)
    a = engine.open_appraisal(PARTY, 2026, date(2026, 12, 1))
    engine.command(a.id, "record_scores", PARTY, date(2026, 12, 5), scores=_scores(engine))
    engine.command(a.id, "publicise", PARTY, date(2026, 12, 6))
    before = _snapshot(engine)
    with pytest.raises(GovernanceRulesError):
        call(engine, term, a)
    assert _snapshot(engine) == before


@pytest.mark.parametrize(
    ("trigger", "args", "got"),
    [
        ("change_members", {"members": 0}, 0),
        ("change_members", {"members": 7, "foo": 1}, "change_members"),  # the command
    ],
)
def test_a_refusal_names_what_it_refused_once(
    trigger: str, args: dict[str, Any], got: object
) -> None:
    """A guard that names the value it refuses shows that value, not the command too."""
    engine = gr.Engine("cn-national-baseline")
    term = engine.elect("owners_committee", ASSEMBLY, date(2026, 3, 2), members=7)
    with pytest.raises(CommandRefused) as refused:
        engine.command(term.id, trigger, OC, date(2026, 3, 3), **args)
    assert refused.value.got == got
    assert str(refused.value).count("(got ") == 1


@pytest.mark.parametrize(
    ("scores", "argument"),
    [([[1.5]], "scores.0.0"), ([["a", None]], "scores.0.1"), ([{"x": 1}], "scores.0")],
)
def test_a_bad_score_is_located_by_the_app_s_own_path(scores: object, argument: str) -> None:
    """Not by pydantic's union-member tags (``scores.0.list[union[...]].0.constrained-str``)."""
    problem = ARGUMENTS["record_scores"].problem({"scores": scores})
    assert problem is not None
    assert problem.argument == argument


# -- fidelity audit: a charter with no appraisal refuses one, naming the rule -----------------
@pytest.mark.parametrize("charter", ["party-building-5x", "pm-joint-quarterly"])
def test_a_charter_with_no_evaluation_section_refuses_an_appraisal(charter: str) -> None:
    """Before, the refusal said the workflow had ended and named no rule."""
    engine = gr.Engine(charter)
    assert engine.charter.evaluation is None
    with pytest.raises(CommandRefused, match="sets no appraisal") as refusal:
        engine.open_appraisal(gr.Actor("owners_committee"), 2026, on=date(2026, 12, 1))
    assert refusal.value.rule == "evaluation"
    assert "evaluation section" in (refusal.value.allowed or "")
    assert engine.instances("appraisal") == []
    assert engine.store.streams() == []
