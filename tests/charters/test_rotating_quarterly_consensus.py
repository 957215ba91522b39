"""rotating-quarterly-consensus against 000_3a5c8b07dfb4019a.txt (lines 53–77)."""

from __future__ import annotations

import itertools
from datetime import date

from governance_rules.calendar import WorkingCalendar
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
CH = charter("rotating-quarterly-consensus")
PARTIES = ("residents_committee", "owners_committee", "property_company")


def test_quarterly_on_an_agreed_date() -> None:
    assert_cadence(CH, "regular", months=3, at_least=False)
    assert CH.meetings["regular"].window.kind.value == "agreed"
    assert_cites(CH, CH.meetings["regular"].cadence, file=SRC, article="会议召开频率")  # type: ignore[arg-type]


def test_the_convener_rotates_among_the_three_parties() -> None:
    assert_role(CH, "convener", rotation=PARTIES)
    assert_role(CH, "recorder", body="property_company")
    conveners = [o.convener[0] for o in obligations(CH, 2026) if o.kind == "meeting"]
    assert len(conveners) == 4
    assert set(conveners) == set(PARTIES)  # each party convenes within any three quarters
    assert all(a != b for a, b in itertools.pairwise(conveners))


def test_minutes_within_three_working_days_by_email() -> None:
    minutes = CH.meetings["regular"].minutes
    assert minutes is not None
    assert_timing(minutes.deadline, "3 working days")
    assert minutes.channel is not None
    assert "e-mail" in minutes.channel
    # a meeting on Wednesday 30 Sep 2026: three working days later, across National Day
    due = WorkingCalendar.china().due(date(2026, 9, 30), minutes.deadline.period)  # type: ignore[arg-type]
    assert due.due == date(2026, 10, 10)  # 8, 9 Oct and the make-up Saturday 10 Oct
    assert_cites(CH, minutes, file=SRC, article="会议记录和纪要")


def test_consensus_and_a_seven_item_agenda() -> None:
    assert_decision(CH, "regular", "consensus")
    agenda = CH.meetings["regular"].agenda
    assert agenda is not None
    assert len(agenda.fixed_items) == 7
    assert agenda.reviews_previous_decisions
    assert CH.meetings["regular"].notice is None  # the source sets no notice period
