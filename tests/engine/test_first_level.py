"""The first ladder level: its deadlines count from the report, and who waits for triage.

The charters whose first level sets a period count it from receiving the problem:
district-street-plans (篇4 二、(二)3) gives a department 15 days from receiving a complaint,
pm-liaison-bimonthly (4.1.4.4, 4.2.2.2) gives the company three days from the question. So a
handler that triages late does not put off its own reply: the first level's deadlines count
from the day the issue was reported, whenever it is triaged; a higher level's from the day
the issue climbed to it. The dates cross the 2026 National Day holiday (1–7 October: a
deadline landing there moves to Thursday 8 October) and the make-up working Saturday
10 October (调休: a working day, where a deadline stays).

An issue reported but not yet triaged has no category or level, so ``open_issues()`` (keyed
by category and level) leaves it out; ``untriaged_issues()`` lists it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import governance_rules as gr
from governance_rules._calendar import DayKind, WorkingCalendar
from governance_rules._charter import Charter

RESIDENT = gr.Actor("residents", id="flat-3-201")
COMPANY = gr.Actor("property_company")
DEPARTMENTS = gr.Actor("departments")
RC = gr.Actor("residents_committee", "environment_and_property_member", "rc-1")


def _pending(engine: gr.Engine) -> list[tuple[str, date, str]]:
    return [(t.rule.rsplit(".", 1)[-1], t.due, t.args["key"]) for _, t in engine.deadlines()]


def test_the_2026_days_these_tests_cross_are_as_the_calendar_has_them() -> None:
    cal = WorkingCalendar.china()
    national_day = [date(2026, 10, d) for d in range(1, 8)]
    assert not any(cal.is_working_day(d) for d in national_day)
    assert cal.is_working_day(date(2026, 9, 30))
    assert cal.is_working_day(date(2026, 10, 8))
    # the two make-up working days of the National Day arrangement
    assert cal.day_info(date(2026, 9, 20)).kind is DayKind.MAKEUP_WORKDAY
    assert cal.day_info(date(2026, 10, 10)).kind is DayKind.MAKEUP_WORKDAY
    assert not cal.is_working_day(date(2026, 10, 11))  # an ordinary Sunday
    assert not cal.is_working_day(date(2026, 9, 25))  # Mid-Autumn Festival


# -- a department's 15 days (district-street-plans, calendar days) ----------------------------
@pytest.mark.parametrize(
    ("reported", "due"),
    [
        (date(2026, 9, 15), date(2026, 9, 30)),  # the last working day before the holiday
        (date(2026, 9, 16), date(2026, 10, 8)),  # 1 Oct, the first holiday: after it
        (date(2026, 9, 22), date(2026, 10, 8)),  # 7 Oct, the last holiday: after it
        (date(2026, 9, 23), date(2026, 10, 8)),  # 8 Oct itself
        (date(2026, 9, 25), date(2026, 10, 10)),  # the make-up Saturday is a working day
        (date(2026, 9, 26), date(2026, 10, 12)),  # an ordinary Sunday is not
    ],
)
@pytest.mark.parametrize("triage_after", [0, 1, 5])
def test_a_departments_reply_counts_from_the_complaint_however_late_it_is_triaged(
    reported: date, due: date, triage_after: int
) -> None:
    engine = gr.Engine("district-street-plans")
    issue = engine.report_issue(RESIDENT, reported, summary="fire lane blocked")
    triaged = date.fromordinal(reported.toordinal() + triage_after)
    engine.command(issue.id, "triage", DEPARTMENTS, triaged, category="department_complaint")
    assert issue.data.since == reported
    key = f"L0:reply:{reported.isoformat()}"
    assert _pending(engine) == [("reply", due, key)]
    [(_, timer)] = engine.deadlines()
    assert timer.explanation == f"reply (departments): within 15 days of {reported}, by {due}"


def test_a_late_triage_does_not_move_the_breach() -> None:
    engine = gr.Engine("district-street-plans")
    # received Wed 16 Sep; fifteen days end on 1 Oct, so the answer is due Thu 8 Oct.
    # Triaged eight days later, counting from the triage would have given Fri 9 Oct.
    issue = engine.report_issue(RESIDENT, date(2026, 9, 16), summary="fire lane blocked")
    engine.command(issue.id, "triage", DEPARTMENTS, date(2026, 9, 24),
                   category="department_complaint")  # fmt: skip
    assert engine.advance_to(date(2026, 10, 8)) == []
    [fired] = engine.advance_to(date(2026, 10, 9))
    assert fired.event.payload["on"] == date(2026, 10, 9)
    assert fired.timer.args == {"deadline": "reply", "key": "L0:reply:2026-09-16"}
    assert issue.data.breaches == ("L0:reply:2026-09-16",)
    assert engine.advance_to(date(2026, 10, 31)) == []  # once


def test_a_triage_after_the_deadline_leaves_it_overdue_and_a_reply_cannot_erase_it() -> None:
    engine = gr.Engine("district-street-plans")
    issue = engine.report_issue(RESIDENT, date(2026, 9, 16), summary="fire lane blocked")
    # nothing is pending before the triage: the category (and so the ladder) is not known
    assert engine.deadlines() == []
    engine.command(issue.id, "triage", DEPARTMENTS, date(2026, 10, 12),
                   category="department_complaint")  # fmt: skip
    [(_, timer)] = engine.overdue(date(2026, 10, 12))
    assert timer.due == date(2026, 10, 8)
    engine.command(issue.id, "reply", DEPARTMENTS, date(2026, 10, 12))
    assert issue.data.breaches == ("L0:reply:2026-09-16",)
    assert issue.state == "handling.department_complaint.L0_departments.replied"


# -- the company's three days (pm-liaison-bimonthly, calendar days) ---------------------------
@pytest.mark.parametrize("category", ["oc_questions", "rc_questions"])
@pytest.mark.parametrize(
    ("asked", "triaged", "due"),
    [
        # asked on Wed 7 Oct (a holiday); three days end on the make-up Saturday, a working
        # day, so the answer is due then. From the triage of Fri 9 Oct it would have been
        # Mon 12 Oct (three days end on Sunday 11 Oct, a rest day)
        (date(2026, 10, 7), date(2026, 10, 9), date(2026, 10, 10)),
        # asked on Sun 27 Sep: due Wed 30 Sep, not 8 Oct as from the triage of 29 Sep
        (date(2026, 9, 27), date(2026, 9, 29), date(2026, 9, 30)),
        # asked on Mon 28 Sep: three days end on 1 Oct, so due 8 Oct, from either day
        (date(2026, 9, 28), date(2026, 9, 30), date(2026, 10, 8)),
    ],
)
def test_the_companys_answer_counts_from_the_question(
    category: str, asked: date, triaged: date, due: date
) -> None:
    engine = gr.Engine("pm-liaison-bimonthly")
    committee = gr.Actor(
        "owners_committee" if category == "oc_questions" else "residents_committee"
    )
    issue = engine.report_issue(committee, asked, summary="lift stuck on floor 9")
    engine.command(issue.id, "triage", COMPANY, triaged, category=category)
    assert _pending(engine) == [("reply", due, f"L0:reply:{asked.isoformat()}")]
    assert engine.advance_to(due) == []
    [fired] = engine.advance_to(date.fromordinal(due.toordinal() + 1))
    assert fired.timer.args["deadline"] == "reply"
    # the level climbs only on request: the breach is recorded and the issue stays
    assert issue.state == f"handling.{category}.L0_property_company.open"


def test_from_the_question_the_revisit_also_counts_from_the_report() -> None:
    # the competing reading of the revisit (follow_up_from: report) counts it from the day
    # the question came to the level, which for the first level is the day it was asked
    charter = gr.load_charter("pm-liaison-bimonthly").with_readings(
        {"revisit_start": "from_question"}
    )
    engine = gr.Engine(charter)
    issue = engine.report_issue(gr.Actor("owners_committee"), date(2026, 10, 7))
    engine.command(issue.id, "triage", COMPANY, date(2026, 10, 9), category="oc_questions")
    key = "2026-10-07"
    assert _pending(engine) == [
        ("reply", date(2026, 10, 10), f"L0:reply:{key}"),
        ("follow_up", date(2026, 10, 10), f"L0:follow_up:{key}"),
    ]


# -- working days, and the levels above (a local rule on yangxin-2022) ------------------------
def test_working_days_count_from_the_report_and_the_make_up_saturday_is_one(
    local_yangxin: Charter,
) -> None:
    engine = gr.Engine(local_yangxin)
    # reported on Wed 7 Oct (a holiday): three working days are 8, 9 and Sat 10 Oct; from
    # the triage of Fri 9 Oct they would have been 10, 12 and 13 Oct
    issue = engine.report_issue(RESIDENT, date(2026, 10, 7), summary="water leak")
    engine.command(issue.id, "triage", RC, date(2026, 10, 9), category="routine")
    assert _pending(engine)[0] == ("reply", date(2026, 10, 10), "L0:reply:2026-10-07")
    # the level climbs on a missed deadline, the day after its last day; the level above
    # counts from the day the issue climbed to it: 12, 13 and 14 Oct
    [fired] = [
        f for f in engine.advance_to(date(2026, 10, 11)) if f.timer.args["deadline"] == "reply"
    ]
    assert fired.event.payload["on"] == date(2026, 10, 11)
    assert (issue.data.level, issue.data.since) == (1, date(2026, 10, 11))
    assert _pending(engine) == [("reply", date(2026, 10, 14), "L1:reply:2026-10-11")]


def test_an_escalated_or_reopened_level_counts_from_its_own_day(local_yangxin: Charter) -> None:
    engine = gr.Engine(local_yangxin)
    # reported Mon 21 Sep, triaged a week later: the first level's reply (three working
    # days: 22, 23, 24 Sep) counts from the report; the RC passes it up on Wed 23 Sep
    issue = engine.report_issue(RESIDENT, date(2026, 9, 21), summary="water leak")
    engine.command(issue.id, "triage", RC, date(2026, 9, 23), category="routine")
    assert _pending(engine)[0] == ("reply", date(2026, 9, 24), "L0:reply:2026-09-21")
    engine.command(issue.id, "escalate", RC, date(2026, 9, 23))
    # level 1 from 23 Sep: 24, 28, 29 Sep (25 Sep is Mid-Autumn, then a weekend)
    assert (issue.data.level, issue.data.since) == (1, date(2026, 9, 23))
    assert _pending(engine) == [("reply", date(2026, 9, 29), "L1:reply:2026-09-23")]
    rc = gr.Actor("residents_committee")
    engine.command(issue.id, "reply", rc, date(2026, 9, 24))
    engine.command(issue.id, "resolve", rc, date(2026, 9, 24))
    engine.command(issue.id, "reopen", RESIDENT, date(2026, 9, 28))
    # reopened: counted afresh from the reopening, 29, 30 Sep and 8 Oct
    assert _pending(engine) == [("reply", date(2026, 10, 8), "L1:reply:2026-09-28")]


def test_a_triage_on_the_report_day_counts_as_before() -> None:
    engine = gr.Engine("pm-liaison-bimonthly")
    issue = engine.report_issue(gr.Actor("owners_committee"), date(2026, 9, 28))
    engine.command(issue.id, "triage", COMPANY, date(2026, 9, 28), category="oc_questions")
    assert _pending(engine) == [("reply", date(2026, 10, 8), "L0:reply:2026-09-28")]


# -- untriaged issues ---------------------------------------------------------------------------
RC = gr.Actor("residents_committee")


def test_untriaged_issues_are_listed_apart_from_the_ladder_levels() -> None:
    engine = gr.Engine("pm-liaison-bimonthly")
    committee = gr.Actor("owners_committee")
    assert engine.untriaged_issues() == []
    first = engine.report_issue(committee, date(2026, 9, 28), summary="lift stuck")
    second = engine.report_issue(committee, date(2026, 9, 29), summary="gate broken")
    third = engine.report_issue(RC, date(2026, 9, 29), summary="lights out")
    # waiting for triage: no category, no level, no deadline, not on any ladder level
    assert engine.untriaged_issues() == [first, second, third]
    assert engine.open_issues() == {}
    assert engine.deadlines() == []
    engine.command(second.id, "triage", COMPANY, date(2026, 9, 30), category="oc_questions")
    assert engine.untriaged_issues() == [first, third]
    assert engine.open_issues() == {("oc_questions", 0): [second]}
    # the keys of open_issues stay (category, level) with a category: none for the untriaged
    assert all(isinstance(category, str) for category, _ in engine.open_issues())
    engine.command(first.id, "triage", COMPANY, date(2026, 9, 30), category="oc_questions")
    engine.command(third.id, "triage", COMPANY, date(2026, 9, 30), category="rc_questions")
    assert engine.untriaged_issues() == []
    assert engine.open_issues() == {
        ("oc_questions", 0): [first, second],
        ("rc_questions", 0): [third],
    }
    for issue in (first, second, third):
        engine.command(issue.id, "reply", COMPANY, date(2026, 9, 30))
        engine.command(issue.id, "resolve", COMPANY, date(2026, 9, 30))
    # resolved (waiting to be closed or reopened) and closed issues are in neither
    engine.command(first.id, "close", committee, date(2026, 10, 8))
    assert engine.untriaged_issues() == []
    assert engine.open_issues() == {}


def test_untriaged_issues_survive_reopening_the_store(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite"
    with gr.EventStore.sqlite(path) as store:
        engine = gr.Engine("district-street-plans", store=store)
        waiting = engine.report_issue(RESIDENT, date(2026, 9, 16), summary="fire lane blocked")
        handled = engine.report_issue(RESIDENT, date(2026, 9, 16), summary="noise at night")
        engine.command(handled.id, "triage", DEPARTMENTS, date(2026, 9, 24),
                       category="department_complaint")  # fmt: skip
    with gr.EventStore.sqlite(path) as store:
        engine = gr.Engine("district-street-plans", store=store)
        assert [i.id for i in engine.untriaged_issues()] == [waiting.id]
        [(key, [issue])] = engine.open_issues().items()
        assert (key, issue.id) == (("department_complaint", 0), handled.id)
        # the reply deadline recorded at triage still counts from the report
        assert _pending(engine) == [("reply", date(2026, 10, 8), "L0:reply:2026-09-16")]


def test_a_charter_without_ladders_has_no_untriaged_issues() -> None:
    engine = gr.Engine("cn-national-baseline")
    with pytest.raises(gr.CommandRefused):
        engine.report_issue(RESIDENT, date(2026, 9, 28), summary="water leak")
    assert engine.untriaged_issues() == []
    assert engine.open_issues() == {}
