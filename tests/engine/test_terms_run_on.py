"""One term stream follows one committee through its terms.

After the outgoing committee hands over, the re-elected committee serves its own
term: its end, filing, re-election lead and expiry are tracked and enforced by the
same stream, its re-election starts the next round, and a new ``elect`` of the same
committee stays refused (one term at a time).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import governance_rules as gr
from governance_rules._charter import load_charter
from governance_rules.errors import CommandRefused
from governance_rules.testing.exploration import _can_go_on, every_item_can_end, explore

ASSEMBLY = gr.Actor("owners_assembly")
OC = gr.Actor("owners_committee")


def _explanations(engine: gr.Engine, stream_id: str) -> list[str]:
    return [t.explanation for i, t in engine.deadlines() if i.id == stream_id]


def _handed_over(engine: gr.Engine, year: int = 2024) -> gr.Instance:
    """A committee elected on 18 May of ``year``, re-elected on 2 April five years
    later (in its re-election lead) and handed over on 10 April."""
    term = engine.elect("owners_committee", ASSEMBLY, date(year, 5, 18), members=7)
    engine.advance_to(date(year + 5, 4, 1))
    assert term.state == "owners_committee.reelection_due"
    engine.command(term.id, "reelect", ASSEMBLY, date(year + 5, 4, 2), members=9)
    return engine.command(term.id, "hand_over", OC, date(year + 5, 4, 10))


def test_the_re_elected_committee_serves_its_own_term_after_the_handover() -> None:
    engine = gr.Engine("cn-national-baseline")
    term = _handed_over(engine)
    assert term.state == "owners_committee.handed_over"
    # the new term is counted from the re-election (start day not counted, 第201条);
    # 2034-04-02 is a Sunday, so it ends on the Monday (第203条)
    assert term.data.term_end == date(2034, 4, 3)
    assert term.data.members == term.data.seats == 9
    found = _explanations(engine, term.id)
    # 2034's 调休 is not yet published: both dates say so
    note = " (provisional: the holiday arrangement for 2034 is not yet published)"
    assert found[-2:] == [
        "organise the re-election (the term ends 2034-04-03): 3 months before 2034-04-03, "
        f"by 2034-01-03{note}",
        f"the term ends on 2034-04-03{note}",
    ]
    # its filing is still due (filed in place after the handover)
    assert any(e.startswith("file the election") for e in found)
    term = engine.command(term.id, "file", OC, date(2029, 4, 20))
    assert term.state == "owners_committee.handed_over"
    assert term.data.filed_on == date(2029, 4, 20)
    assert not any(e.startswith("file the election") for e in _explanations(engine, term.id))


def test_a_second_round_of_re_election_runs_on_the_same_stream() -> None:
    engine = gr.Engine("cn-national-baseline")
    term = _handed_over(engine, 2014)  # the new term ends 2024-04-02
    # the lead's last day is 2024-01-02: nothing fires until the day after
    engine.advance_to(date(2024, 1, 2))
    assert term.state == "owners_committee.handed_over"
    engine.advance_to(date(2024, 1, 3))
    assert term.state == "owners_committee.reelection_due"
    engine.command(term.id, "reelect", ASSEMBLY, date(2024, 2, 1), members=7)
    assert term.data.previous_end == date(2024, 4, 2)
    assert term.data.term_end == date(2029, 2, 1)
    term = engine.command(term.id, "hand_over", OC, date(2024, 2, 5))
    assert term.state == "owners_committee.handed_over"
    assert term.data.handed_over_on == date(2024, 2, 5)


def test_an_unreelected_second_term_expires_and_goes_overdue() -> None:
    engine = gr.Engine("cn-national-baseline")
    term = _handed_over(engine)
    engine.advance_to(date(2034, 4, 4))  # the day after the new term's last day
    assert term.state == "owners_committee.overdue"
    assert term.data.overdue_on == date(2034, 4, 4)


def test_electing_the_committee_again_after_the_handover_is_refused_and_changes_nothing() -> None:
    engine = gr.Engine("cn-national-baseline")
    term = _handed_over(engine)
    before = ([(i.id, i.state, i.data, i.version) for i in engine.instances()],
              engine.deadlines())  # fmt: skip
    with pytest.raises(CommandRefused, match="one term at a time") as info:
        engine.elect("owners_committee", ASSEMBLY, date(2030, 1, 6), members=7)
    assert f"'reelect' on {term.id}" in str(info.value)
    assert info.value.rule == "terms.owners_committee.term"
    after = ([(i.id, i.state, i.data, i.version) for i in engine.instances()],
             engine.deadlines())  # fmt: skip
    assert after == before


def test_a_handed_over_stream_replays_with_its_new_deadlines(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'terms.db'}"
    first = gr.Engine("cn-national-baseline", store=gr.EventStore(url))
    term = _handed_over(first)
    second = gr.Engine("cn-national-baseline", store=gr.EventStore(url))
    again = second.get(term.id)
    assert (again.state, again.data, again.version) == (term.state, term.data, term.version)
    assert _explanations(second, term.id) == _explanations(first, term.id)


def test_fewer_than_half_after_the_handover_allows_an_early_re_election() -> None:
    engine = gr.Engine("cn-national-baseline")
    term = _handed_over(engine)
    engine.command(term.id, "change_members", OC, date(2030, 3, 2), members=4)
    assert term.data.below_half  # 4 of 9 seats
    term = engine.command(term.id, "reelect", ASSEMBLY, date(2030, 4, 1), members=7)
    assert term.state == "owners_committee.reelected"


def test_every_bundled_term_workflow_runs_on_without_getting_stuck() -> None:
    for charter_id in gr.available_charters():
        charter = load_charter(charter_id)
        if not charter.terms:
            continue
        found = explore(charter, "term")
        assert not found.workflow.final
        assert found.reached <= found.can_end, charter_id
        assert every_item_can_end(charter) == [], charter_id


def test_a_workflow_without_final_states_is_stuck_where_every_path_ends() -> None:
    out = {
        "new": [("start", "a")],
        "a": [("go", "b"), ("off", "c")],
        "b": [("back", "a")],  # a and b repeat: it can go on for ever
        "c": [("on", "d")],  # c leads only to the dead end d
        "d": [],
    }
    assert _can_go_on(out) == frozenset({"new", "a", "b"})


def test_a_late_command_fires_the_deadlines_that_passed_before_it() -> None:
    """A command dated after some of its stream's deadlines passed unfired fires them
    first (as advance_to would), so they are on record and the charter's rule applies to
    the state they lead to: a re-election past its lead is accepted once the lead is
    marked, in one call."""
    engine = gr.Engine("cn-national-baseline")
    term = engine.elect("owners_committee", ASSEMBLY, date(2014, 5, 18), members=7)
    engine.command(term.id, "hold_first_meeting", OC, date(2014, 5, 20))
    engine.command(term.id, "file", OC, date(2014, 6, 3))
    # in 2015 nothing has passed: the refusal is the charter's alone, and nothing fires
    with pytest.raises(CommandRefused) as early:
        engine.command(term.id, "reelect", ASSEMBLY, date(2015, 4, 2), members=9)
    assert "advance_to" in early.value.what  # the guard's own "advance_to marks it"
    assert early.value.rule == "terms.owners_committee.below_half_members"
    assert (term.state, term.version) == ("owners_committee.active", 3)
    # who may is checked against the state after the passed deadlines; nothing is written
    with pytest.raises(gr.PermissionDenied, match="after the 1 deadline that passed") as no:
        engine.command(term.id, "reelect", OC, date(2019, 4, 2), members=9)
    assert "nothing was written" in no.value.what
    assert (term.state, term.version) == ("owners_committee.active", 3)
    # in 2019 the re-election lead has passed unmarked: it is marked, then the
    # re-election is accepted
    assert engine.command(term.id, "reelect", ASSEMBLY, date(2019, 4, 2), members=9).state == (
        "owners_committee.reelected"
    )
    events = engine.store.read(term.id)
    assert [e.type for e in events][-2:] == ["reelection_due", "reelect"]
    assert events[-2].payload["on"] < date(2019, 4, 2)
    assert engine.advance_to(date(2019, 4, 2)) == []  # nothing left to fire


def test_a_refusal_offers_callers_only_what_they_may_issue() -> None:
    """Deadline events (duty_late, reelection_due, term_expired) are advance_to's alone:
    a refusal does not list them as allowed."""
    engine = gr.Engine("cn-national-baseline")
    term = engine.elect("owners_committee", ASSEMBLY, date(2014, 5, 18), members=7)
    with pytest.raises(CommandRefused) as info:
        engine.command(term.id, "hand_over", OC, date(2014, 5, 19))
    allowed = (info.value.allowed or "").split(", ")
    assert "file" in allowed
    assert not {"duty_late", "reelection_due", "term_expired"} & set(allowed)


def test_a_committee_with_no_handover_serves_at_once_and_no_step_is_invented() -> None:
    """The baseline sets the residents' committee a five-year term and nothing else
    (居委会组织法 第7–8条): no first meeting, change report or handover. Its machine
    offers none of those commands, and once re-elected the committee serves its own
    term at once (before, a made-up ``hand_over`` had to come first, or its next
    expiry was never tracked)."""
    engine = gr.Engine("cn-national-baseline")
    rc = gr.Actor("residents_committee")
    term = engine.elect("residents_committee", gr.Actor("residents"), date(2021, 6, 1),
                        members=7)  # fmt: skip
    for trigger in ("hold_first_meeting", "report_change", "hand_over"):
        with pytest.raises(CommandRefused) as info:
            engine.command(term.id, trigger, rc, date(2021, 6, 2))
        assert info.value.what.startswith(f"'{trigger}' is not possible")
    table = engine.workflow(term).table
    assert not [s for s, t in table if s.startswith("residents_committee.") and t in
                ("hold_first_meeting", "report_change", "hand_over")]  # fmt: skip
    assert "residents_committee.handed_over" not in engine.workflow(term).states
    engine.advance_to(date(2026, 6, 2))
    assert term.state == "residents_committee.overdue"
    engine.command(term.id, "reelect", gr.Actor("residents"), date(2026, 6, 10), members=7)
    assert term.state == "residents_committee.reelected"
    assert term.data.term_end == date(2031, 6, 10)
    assert _explanations(engine, term.id) == ["the term ends on 2031-06-10 (provisional: "
                                              "the holiday arrangement for 2031 is not yet "
                                              "published)"]  # fmt: skip
    engine.advance_to(date(2031, 6, 11))
    assert term.state == "residents_committee.overdue"  # its second term ran out too
    engine.command(term.id, "reelect", gr.Actor("residents"), date(2031, 7, 1), members=7)
    assert term.state == "residents_committee.reelected"
    # the owners' committee keeps the handover its rule sets (指导规则)
    assert "owners_committee.handed_over" in engine.workflow(term).states


def test_a_contract_with_no_term_rules_runs_on_and_passes_the_kit() -> None:
    """The property-service contract has no term length and no handover: re-elected
    again and again in ``reelected``, a round the invariant kit accepts."""
    charter = load_charter("cn-national-baseline")
    found = explore(charter, "term")
    assert "service_contract.reelected" in found.can_end
    assert every_item_can_end(charter) == []
