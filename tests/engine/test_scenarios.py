"""End-to-end scenarios on real charters, in memory and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter import Charter, load_charter
from governance_rules._charter.rotation import RotationChoice, holders
from governance_rules._engine import Engine, Store
from governance_rules._store import EventStore, MemoryStore
from governance_rules._workflows import Actor
from governance_rules.errors import CommandRefused, PermissionDenied
from tests.engine.notices import STATED

RESIDENT = Actor("residents", id="resident-17")

RC = Actor("residents_committee", "environment_and_property_member", "rc-1")


@pytest.fixture(params=["memory", "postgresql"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """Each scenario runs on the in-memory store and on a PostgreSQL schema of its own.

    ``advance_to`` hands back the events as appended (dates, not their stored text),
    whichever the store."""
    if request.param == "memory":
        yield MemoryStore()
        return
    with EventStore(request.getfixturevalue("pg_url")) as pg:
        yield pg


def test_routine_problem_climbs_to_the_street_by_deadline_breach(
    local_yangxin: Charter, store: Store
) -> None:
    engine = Engine(local_yangxin, store=store)
    issue = engine.report_issue(RESIDENT, date(2026, 9, 28), summary="water leak in block 3")
    engine.command(issue.id, "triage", RC, date(2026, 9, 28), category="routine")
    fired = engine.advance_to(date(2026, 11, 30))
    # reply within 3 working days of 28 Sep: 29, 30 Sep and 8 Oct (National Day skipped)
    assert [(f.event.payload["on"], f.event.payload["changes"].get("level")) for f in fired] == [
        (date(2026, 10, 9), 1), (date(2026, 10, 14), 2), (date(2026, 10, 22), 3),
        (date(2026, 10, 27), 4),
        (date(2026, 11, 12), None),  # the street office's own deadline: recorded, nowhere to climb
    ]  # fmt: skip
    assert issue.state == "handling.routine.L4_street_office.open"
    assert local_yangxin.issues["routine"].ladder[issue.data.level].handler == "street_office"
    assert engine.open_issues() == {("routine", 4): [issue]}
    assert engine.advance_to(date(2026, 11, 30)) == []  # idempotent
    # the street office replies and resolves; the reporter closes
    street = Actor("street_office")
    engine.command(issue.id, "reply", street, date(2026, 12, 1))
    engine.command(issue.id, "resolve", street, date(2026, 12, 2))
    engine.command(issue.id, "close", RESIDENT, date(2026, 12, 3))
    assert issue.state == "closed"
    assert engine.open_issues() == {}


def test_the_bundled_yangxin_ladders_climb_on_request(store: Store) -> None:
    charter = load_charter("yangxin-2022")
    engine = Engine(charter, store=store)
    # a routine problem ends at the residents' committee's coordination (二 第二条)
    issue = engine.report_issue(RESIDENT, date(2026, 3, 2))
    engine.command(issue.id, "triage", RC, date(2026, 3, 2), category="routine")
    assert engine.advance_to(date(2027, 3, 2)) == []  # the source sets no deadlines
    engine.command(issue.id, "escalate", RC, date(2026, 3, 3))
    assert issue.data.level == 1
    with pytest.raises(CommandRefused, match="'escalate' is not possible"):
        engine.command(issue.id, "escalate", RC, date(2026, 3, 4))
    # a problem beyond the three parties climbs to the street's whistle (二 第四条)
    beyond = engine.report_issue(RESIDENT, date(2026, 3, 2))
    joint = Actor("joint_meeting")
    engine.command(beyond.id, "triage", joint, date(2026, 3, 2), category="beyond_remit")
    handlers = [level.handler for level in charter.issues["beyond_remit"].ladder]
    for level in range(2):
        engine.command(beyond.id, "escalate", Actor(handlers[level]), date(2026, 3, 3 + level))
    assert beyond.data.level == 2
    with pytest.raises(CommandRefused, match="'escalate' is not possible"):
        engine.command(beyond.id, "escalate", Actor("street_office"), date(2026, 3, 9))


def test_rotating_conveners_over_two_years(store: Store) -> None:
    charter = load_charter("rotating-quarterly-consensus")
    engine = Engine(charter, store=store)
    order = ("property_company", "residents_committee", "owners_committee")
    choice = RotationChoice(order, date(2026, 2, 20))
    conveners = []
    for year in (2026, 2027):
        for month in (2, 5, 8, 11):
            day = WorkingCalendar.china().add_working_days(date(year, month, 19), 1)
            convener = holders(charter, "convener", "regular", day, choice)
            assert convener is not None
            meeting = engine.plan_meeting(Actor(convener[0]), "regular", day,
                                          on=date(year, month, 1), rotation=choice)  # fmt: skip
            conveners.append(meeting.data.roles["convener"][0])
    assert conveners == [order[i % 3] for i in range(8)]
    # only the meeting's convener may issue its notice
    first = engine.instances("meeting")[0]
    wrong = Actor(order[1])
    with pytest.raises(PermissionDenied, match="may only be issued by"):
        engine.command(first.id, "cancel", wrong, date(2026, 2, 10))
    assert first.state == "regular.planned"


def test_yayuan_minutes_need_more_than_half_of_both_committees(store: Store) -> None:
    charter = load_charter("yayuan-monthly")
    engine = Engine(charter, store=store)
    roster = {"owners_committee": 7, "supervisory_committee": 3, "property_company": 1}
    director = Actor("owners_committee", "director", "oc-dir")
    meeting = engine.plan_meeting(director, "regular", date(2026, 6, 26), on=date(2026, 6, 1),
                                  roster=roster)  # fmt: skip
    mid = meeting.id
    office = engine.workflow(meeting).table[("regular.planned", "issue_notice")][0][0]
    approvals = {"owners_committee": 4, "supervisory_committee": 2}  # 6 of 10 (第四条)
    engine.command(mid, "issue_notice", Actor(office.who_label), date(2026, 6, 19),
                   contents=STATED, approvals=approvals)  # fmt: skip
    agenda = engine.workflow(meeting).table[("regular.notice_issued", "set_agenda")][0][0]
    setter = agenda.who(meeting, None, engine.context(meeting))[0]  # type: ignore[arg-type]
    assert setter == "owners_committee"  # the convener group's first seat: its director
    engine.command(mid, "set_agenda", Actor(setter, "director"), date(2026, 6, 20))
    engine.command(mid, "hold", director, date(2026, 6, 26),
                   present={"owners_committee": 6, "supervisory_committee": 3,
                            "property_company": 1})  # fmt: skip
    recorder = engine.workflow(meeting).table[("regular.held", "draft_minutes")][0][0]
    drafter = Actor(recorder.who(meeting, None, engine.context(meeting))[0])  # type: ignore[arg-type]
    engine.command(mid, "draft_minutes", drafter, date(2026, 6, 27))
    signers = [Actor("owners_committee", id=f"oc{i}") for i in range(4)] + [
        Actor("supervisory_committee", id="sc0")
    ]
    for signer in signers:  # 5 of 10: exactly half is not more than half
        engine.command(mid, "sign_minutes", signer, date(2026, 6, 28))
        assert meeting.state == "regular.minutes_drafted"
    with pytest.raises(CommandRefused, match="only members of owners_committee"):
        engine.command(mid, "sign_minutes", Actor("property_company", id="pc"), date(2026, 6, 28))
    with pytest.raises(CommandRefused, match="already signed"):
        engine.command(mid, "sign_minutes", signers[0], date(2026, 6, 28))
    engine.command(
        mid, "sign_minutes", Actor("supervisory_committee", id="sc1"), date(2026, 6, 29)
    )
    assert meeting.state == "regular.minutes_approved"  # 6 of 10


def test_an_owners_committee_term_whose_reelection_is_overdue(store: Store) -> None:
    engine = Engine("cn-national-baseline", store=store)
    with pytest.raises(
        CommandRefused, match="6 members: the charter requires 5–11, an odd number"
    ):
        engine.elect("owners_committee", Actor("owners_assembly"), date(2021, 6, 1), members=6)
    assert engine.instances("term") == []  # the refused election left nothing behind
    term = engine.elect("owners_committee", Actor("owners_assembly"), date(2021, 6, 1), members=7)
    oc = Actor("owners_committee")
    engine.command(term.id, "hold_first_meeting", oc, date(2021, 6, 5))
    fired = engine.advance_to(date(2021, 8, 1))
    assert [f.timer.args for f in fired] == [{"duty": "filing"}]  # 30 days passed unfiled
    engine.command(term.id, "file", oc, date(2021, 8, 2))
    assert term.data.term_end == date(2026, 6, 1)  # the election day is not counted
    fired = engine.advance_to(date(2026, 7, 1))
    assert [f.timer.trigger for f in fired] == ["reelection_due", "term_expired"]
    # the latest day still three months before the end (the calendar's rule) is 28 Feb;
    # the duty becomes due the day after it
    assert fired[0].timer.due == date(2026, 2, 28)
    assert fired[0].event.payload["on"] == date(2026, 3, 1)
    assert "2026-02-28" in fired[0].timer.explanation
    assert term.state == "owners_committee.overdue"
    # when overdue the residents' committee may organise the election (baseline rule)
    engine.command(term.id, "reelect", Actor("residents_committee"), date(2026, 7, 10), members=9)
    assert term.state == "owners_committee.reelected"
    fired = engine.advance_to(date(2026, 8, 1))
    assert {"duty": "handover"} in [f.timer.args for f in fired]
