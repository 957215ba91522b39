"""owners-alliance-quarterly against 000_3a5c8b07dfb4019a.txt (lines 79–117)."""

from __future__ import annotations

from governance_rules.decisions import Ballot, Choice, Vote, decide
from tests.charters.common import (
    assert_cadence,
    assert_cites,
    assert_decision,
    assert_role,
    assert_timing,
    charter,
)

SRC = "000_3a5c8b07dfb4019a.txt"
CH = charter("owners-alliance-quarterly")
SEATS = {"residents_committee": 1, "owners_committee": 1, "property_company": 1}


def test_rc_convenes_and_hosts_quarterly_on_agreed_dates() -> None:
    assert_role(CH, "convener", body="residents_committee")
    assert_role(CH, "host", body="residents_committee")
    assert_cadence(CH, "regular", months=3, at_least=False)
    assert CH.meetings["regular"].window.kind.value == "agreed"
    assert "special" in CH.meetings
    assert CH.bodies["owners_committee"].label is not None
    assert CH.bodies["owners_committee"].label.zh == "业主联盟"


def test_consensus_fails_on_one_objection() -> None:
    assert_decision(CH, "regular", "consensus")
    spec = CH.meetings["regular"].decision
    assert spec is not None
    agree = [
        Vote("r", "residents_committee", Choice.YES),
        Vote("o", "owners_committee", Choice.YES),
    ]
    assert decide(
        spec, Ballot.open(SEATS, [*agree, Vote("p", "property_company", Choice.ABSTAIN)])
    ).passed
    assert not decide(
        spec, Ballot.open(SEATS, [*agree, Vote("p", "property_company", Choice.NO)])
    ).passed
    assert_cites(CH, spec, file=SRC, article="五、3")


def test_minutes_promptly_to_all_three() -> None:
    minutes = CH.meetings["regular"].minutes
    assert minutes is not None
    assert_timing(minutes.deadline, "promptly")
    assert set(minutes.distribution) == set(SEATS)
