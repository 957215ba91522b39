"""rc-half-yearly against 000_3a5c8b07dfb4019a.txt (lines 544–651)."""

from __future__ import annotations

from governance_rules.charter.meetings import SignOffKind
from governance_rules.decisions import Ballot, Choice, Vote, decide
from governance_rules.obligations import obligations
from tests.charters.common import (
    assert_cadence,
    assert_cites,
    assert_decision,
    assert_role,
    assert_timing,
    charter,
)

SRC = "000_3a5c8b07dfb4019a.txt"
CH = charter("rc-half-yearly")


def test_half_yearly_chaired_by_the_oc_director() -> None:
    assert_cadence(CH, "regular", months=6, at_least=False)
    meetings = [o for o in obligations(CH, 2026) if o.rule == "meetings.regular"]
    assert [(o.start.month, o.end.month) for o in meetings] == [(1, 6), (7, 12)]
    assert_role(CH, "chair", body="owners_committee")
    assert_role(CH, "office_head", body="owners_committee")
    assert_cites(CH, CH.roles["chair"], file=SRC, article="第二条")


def test_convener_signs_and_residents_get_a_copy() -> None:
    minutes = CH.meetings["regular"].minutes
    assert minutes is not None
    assert minutes.sign_off is not None
    assert minutes.sign_off.kind is SignOffKind.CONVENER
    assert "residents" in minutes.distribution
    assert_timing(minutes.deadline, "unspecified")
    assert any("convener" in q for q in CH.open_questions)
    assert any("第九条" in q for q in CH.open_questions)


def test_company_entry_needs_both_committees() -> None:
    rule = CH.matters["company_entry"].decision
    seats = {"residents_committee": 1, "owners_committee": 1}
    one = Ballot.open(seats, [Vote("rc", "residents_committee", Choice.YES)])
    both = Ballot.open(seats, [Vote("rc", "residents_committee", Choice.YES),
                               Vote("oc", "owners_committee", Choice.YES)])  # fmt: skip
    assert not decide(rule, one).passed
    assert decide(rule, both).passed
    assert_decision(CH, "regular", "consensus")
