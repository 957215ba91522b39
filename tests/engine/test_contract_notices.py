"""Ending a property-service contract: the Civil Code's three notices (民法典 第946–948条),
which the legal baseline states for ``terms.service_contract`` and every charter
extending it inherits, enforced by ``give_notice`` where the charter sets them.

Before, the three rules were shown by ``govrules show`` and never enforced: the term
had no command to end a contract at all.
"""

from __future__ import annotations

from datetime import date

import pytest

import governance_rules as gr
from governance_rules import Actor
from governance_rules.errors import CommandRefused, PermissionDenied

ASSEMBLY = Actor("owners_assembly")
COMPANY = Actor("property_company")

THREE_YEARS = """
id: local-contract
extends: cn-national-baseline
title: Three-year service contracts
jurisdiction: a district
documents:
  local: {kind: guide, file: local-rules, heading: Local contract rules}
terms:
  service_contract:
    term: {length: 3 years, source: {doc: local, summary: Service contracts run three years.}}
"""


def _contract(charter: object = "cn-national-baseline") -> tuple[gr.Engine, gr.Instance]:
    engine = gr.Engine(charter)  # type: ignore[arg-type]
    return engine, engine.elect("service_contract", ASSEMBLY, date(2024, 1, 10))


def test_the_owners_dismiss_the_company_with_sixty_days_notice() -> None:
    """第946条: counted by the calendar's civil-code rule. 60 days from 3 March 2026
    end on Saturday 2 May, inside the May Day holiday (1–5 May), so the last day moves
    to Wednesday 6 May: the earliest day the contract may end."""
    engine, contract = _contract()
    with pytest.raises(PermissionDenied) as denied:
        engine.command(contract.id, "give_notice", COMPANY, date(2026, 3, 3),
                       ends_on=date(2026, 6, 1))  # fmt: skip
    assert denied.value.allowed == "owners_assembly"
    assert denied.value.rule == "terms.service_contract.notice_to_end"
    assert denied.value.citation is not None
    assert "第946条" in denied.value.citation
    with pytest.raises(CommandRefused) as early:
        engine.command(contract.id, "give_notice", ASSEMBLY, date(2026, 3, 3),
                       ends_on=date(2026, 5, 5))  # fmt: skip
    assert "on 2026-05-06 at the earliest" in early.value.what
    assert early.value.rule == "terms.service_contract.notice_to_end"
    with pytest.raises(CommandRefused, match=r"give the contract's last day"):
        engine.command(contract.id, "give_notice", ASSEMBLY, date(2026, 3, 3))
    assert contract.data.notice_on is None  # refused: nothing written
    assert contract.version == 1
    engine.command(
        contract.id, "give_notice", ASSEMBLY, date(2026, 3, 3), ends_on=date(2026, 5, 6)
    )  # fmt: skip  (the earliest day itself)
    assert (contract.data.notice_rule, contract.data.ends_on) == ("notice_to_end",
                                                                   date(2026, 5, 6))  # fmt: skip
    with pytest.raises(CommandRefused, match="notice was already given on 2026-03-03"):
        engine.command(contract.id, "give_notice", ASSEMBLY, date(2026, 3, 4),
                       ends_on=date(2026, 7, 1))  # fmt: skip
    ends = [t for _, t in engine.deadlines() if t.trigger == "contract_ends"]
    assert [(t.due, t.rule) for t in ends] == [(date(2026, 5, 6),
                                                 "terms.service_contract.notice_to_end")]  # fmt: skip
    engine.advance_to(date(2026, 5, 6))
    assert contract.state == "service_contract.elected"  # its last day: still in force
    engine.advance_to(date(2026, 5, 7))
    assert contract.state == "service_contract.ended"
    assert engine.deadlines() == []
    engine.command(contract.id, "reelect", ASSEMBLY, date(2026, 5, 8))
    assert contract.state == "service_contract.reelected"
    assert contract.data.notice_on is None  # the next contract starts with no notice


def test_a_company_that_will_not_renew_says_so_ninety_days_before_the_term_ends() -> None:
    """第947条, where the charter gives the contract a term: the notice is due 90 days
    before the term's last day (2027-01-11), and the contract then ends with it instead
    of running on open-ended."""
    engine, contract = _contract(gr.load_charter_text(THREE_YEARS))
    assert contract.data.term_end == date(2027, 1, 11)
    with pytest.raises(CommandRefused) as late:
        engine.command(contract.id, "give_notice", COMPANY, date(2026, 10, 14))
    assert "by 2026-10-13" in late.value.what
    assert late.value.rule == "terms.service_contract.nonrenewal_notice"
    assert late.value.citation is not None
    assert "第947条" in late.value.citation
    with pytest.raises(CommandRefused, match="ends with its term"):
        engine.command(contract.id, "give_notice", COMPANY, date(2026, 10, 13),
                       ends_on=date(2026, 12, 31))  # fmt: skip
    engine.command(contract.id, "give_notice", COMPANY, date(2026, 10, 13))
    assert contract.data.ends_on == date(2027, 1, 11)
    assert [t.trigger for _, t in engine.deadlines()] == ["contract_ends"]  # no expiry
    engine.advance_to(date(2027, 2, 1))
    assert contract.state == "service_contract.ended"


def test_a_contract_run_on_open_ended_is_ended_by_either_side_on_sixty_days() -> None:
    """第948条: the term ended with no renewal, the contract runs on (overdue), and the
    company or the owners end it on 60 days' notice."""
    engine, contract = _contract(gr.load_charter_text(THREE_YEARS))
    engine.advance_to(date(2027, 2, 1))
    assert contract.state == "service_contract.overdue"
    with pytest.raises(CommandRefused) as early:
        engine.command(contract.id, "give_notice", COMPANY, date(2027, 2, 2),
                       ends_on=date(2027, 3, 1))  # fmt: skip
    assert early.value.rule == "terms.service_contract.open_ended_notice"
    assert "第948条" in (early.value.citation or "")
    engine.command(contract.id, "give_notice", COMPANY, date(2027, 2, 2),
                   ends_on=date(2027, 4, 8))  # fmt: skip
    assert contract.data.notice_rule == "open_ended_notice"
    engine.advance_to(date(2027, 4, 9))
    assert contract.state == "service_contract.ended"


def test_a_committee_term_has_no_contract_notice() -> None:
    """Only a term rule that sets a notice gets ``give_notice``."""
    engine = gr.Engine("cn-national-baseline")
    term = engine.elect("owners_committee", ASSEMBLY, date(2024, 5, 18), members=7)
    with pytest.raises(CommandRefused, match="'give_notice' is not possible"):
        engine.command(term.id, "give_notice", ASSEMBLY, date(2024, 6, 1),
                       ends_on=date(2024, 12, 1))  # fmt: skip


def test_a_stored_contract_replays_to_the_same_state() -> None:
    store = gr.MemoryStore()
    engine = gr.Engine("cn-national-baseline", store=store)
    contract = engine.elect("service_contract", ASSEMBLY, date(2024, 1, 10), members=1)
    engine.command(contract.id, "give_notice", ASSEMBLY, date(2026, 3, 3),
                   ends_on=date(2026, 6, 1))  # fmt: skip
    engine.advance_to(date(2026, 6, 2))
    again = gr.Engine("cn-national-baseline", store=store).get(contract.id)
    assert (again.state, again.data) == (contract.state, contract.data)


def test_a_notice_dated_before_itself_or_past_the_calendar_is_refused() -> None:
    engine, contract = _contract()
    with pytest.raises(CommandRefused, match="may not be before the notice"):
        engine.command(contract.id, "give_notice", ASSEMBLY, date(2026, 3, 3),
                       ends_on=date(2026, 3, 2))  # fmt: skip
    last = engine.calendar.last_date
    with pytest.raises(CommandRefused, match="cannot be counted") as info:
        engine.command(contract.id, "give_notice", ASSEMBLY, last, ends_on=last)
    assert info.value.rule == "terms.service_contract.notice_to_end"
    assert contract.version == 1


# -- a contract counts no members -------------------------------------------------------------
def test_a_contract_is_engaged_without_members_and_has_no_member_changes() -> None:
    """No source counts the members of a property-service contract: it is engaged and
    renewed without a number, and there is no ``change_members`` for the company to
    issue (it was compiled for every term rule, with a required ``members=1``)."""
    engine, contract = _contract()
    assert (contract.data.members, contract.data.seats) == (0, 0)
    with pytest.raises(CommandRefused, match="'change_members' is not possible") as info:
        engine.command(contract.id, "change_members", COMPANY, date(2024, 3, 1), members=5)
    assert "change_members" not in str(info.value.allowed)
    machine = gr.compile_workflow(gr.load_charter("cn-national-baseline"), "term")
    contract_edges = [key for key in machine.table if key[0].startswith("service_contract.")]
    assert contract_edges
    assert not [key for key in contract_edges if key[1] == "change_members"]
    assert [key for key in machine.table if key[1] == "change_members"]  # the committees'
    # a number given all the same is recorded (and must be a whole number of 1 or more)
    other = gr.Engine("cn-national-baseline").elect("service_contract", ASSEMBLY,
                                                    date(2024, 1, 10), members=3)  # fmt: skip
    assert other.data.members == 3


def test_a_committee_still_needs_its_members_citing_its_size_rule() -> None:
    engine = gr.Engine("cn-national-baseline")
    with pytest.raises(CommandRefused, match="give the number of members") as info:
        engine.elect("owners_committee", ASSEMBLY, date(2024, 5, 18))
    assert info.value.rule == "terms.owners_committee.size"
    assert "第31条" in str(info.value.citation)
    assert engine.instances() == []
