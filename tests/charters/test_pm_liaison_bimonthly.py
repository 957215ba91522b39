"""pm-liaison-bimonthly against 004_de6ae260926ba2db.txt (version 1, lines 3–105)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from governance_rules import Charter, EventStore
from governance_rules._calendar import WorkingCalendar
from governance_rules._charter.issues import EscalationTrigger, FollowUpStart
from governance_rules._engine import Engine
from governance_rules._obligations import obligations
from governance_rules._workflows import Actor, compile_workflow
from governance_rules.errors import CommandRefused, StoreError
from tests.charters.common import (
    assert_cadence,
    assert_cites,
    assert_decision,
    assert_role,
    assert_timing,
    assert_window,
    charter,
)

SRC = "004_de6ae260926ba2db.txt"
CH = charter("pm-liaison-bimonthly")
CAL = WorkingCalendar.china()


def test_the_instruction_cites_version_one() -> None:
    doc = CH.documents["lb"]
    assert (doc.file, doc.heading, doc.lines) == (
        SRC,
        "与居委会、业委会联络沟通作业指导书",
        "3–105",
    )


def test_oc_routine_meeting_at_least_every_two_months() -> None:
    assert_cadence(CH, "regular", months=2, at_least=True)
    assert_window(CH, "regular", 2026, "2026-01-01..2026-02-28", 6)
    assert_role(CH, "convener", body="property_company")
    assert_role(CH, "recorder", body="property_company")
    agenda = CH.meetings["regular"].agenda
    assert agenda is not None
    assert len(agenda.fixed_items) == 2
    assert_decision(CH, "regular", "unspecified")
    cadence = CH.meetings["regular"].cadence
    assert cadence is not None
    assert_cites(CH, cadence, file=SRC, article="4.1.3")


def test_monthly_exchange_with_the_oc_director() -> None:
    assert_cadence(CH, "oc_monthly", months=1, at_least=False)
    items = [o for o in obligations(CH, 2026) if o.rule == "meetings.oc_monthly"]
    assert len(items) == 12
    assert_cites(CH, CH.meetings["oc_monthly"], file=SRC, article="4.1.5")


def test_rc_contact_at_least_twice_a_month_booked_a_day_ahead() -> None:
    assert_cadence(CH, "rc_contact", times=2, months=1, at_least=True)
    items = [o for o in obligations(CH, 2026) if o.rule == "meetings.rc_contact"]
    assert len(items) == 12
    assert all(o.count == 2 for o in items)
    assert_role(CH, "convener", body="property_company", meeting="rc_contact")
    role = CH.role("convener", "rc_contact")
    assert role is not None
    assert role.position == "supervising_administrator"
    notice = CH.meetings["rc_contact"].notice
    assert notice is not None
    assert_timing(notice.lead, "1 day")
    assert notice.to == ("residents_committee",)
    assert notice.lead.period is not None
    # a contact on Monday 19 Oct 2026: the day before is a Sunday, so book by Friday 16 Oct
    assert CAL.latest_before(date(2026, 10, 19), notice.lead.period).due == date(2026, 10, 16)
    assert_cites(CH, notice, file=SRC, article="4.2.1.2")


def test_topic_meetings_fixed_a_week_ahead_with_papers() -> None:
    special = CH.meetings["special"]
    assert special.cadence is None
    notice = special.notice
    assert notice is not None
    assert_timing(notice.lead, "1 week")
    assert {i.value for i in notice.content} == {"time", "topics", "materials"}
    assert notice.to == ("owners_committee",)
    assert notice.lead.period is not None
    # a topic meeting on Friday 9 Oct 2026: a week back is 2 Oct (National Day), so 30 Sep
    assert CAL.latest_before(date(2026, 10, 9), notice.lead.period).due == date(2026, 9, 30)
    assert_cites(CH, notice, file=SRC, article="4.1.4.2")


def test_questions_answered_and_revisited_within_three_days() -> None:
    for key, committee in (("oc_questions", "owners_committee"),
                           ("rc_questions", "residents_committee")):  # fmt: skip
        category = CH.issues[key]
        first, outside = category.ladder
        assert first.handler == "property_company"
        assert_timing(first.deadlines.reply, "3 days")
        assert_timing(first.deadlines.follow_up, "3 days")
        assert_timing(first.deadlines.resolve, "promptly")
        assert first.escalate_on == (EscalationTrigger.BEYOND_REMIT,)
        assert outside.handler == committee
        assert "departments" in outside.involves
        assert category.terminal == committee
    assert_cites(CH, CH.issues["oc_questions"].ladder[0], file=SRC, article="4.1.4.4")
    assert_cites(CH, CH.issues["rc_questions"].ladder[0], file=SRC, article="4.2.2.2")


def test_a_late_answer_is_recorded_not_escalated() -> None:
    engine = Engine(CH)
    issue = engine.report_issue(Actor("owners_committee"), date(2026, 9, 29))
    engine.command(issue.id, "triage", Actor("property_company"), date(2026, 9, 29),
                   category="oc_questions")  # fmt: skip
    fired = engine.advance_to(date(2026, 10, 31))
    # three calendar days from 29 Sep end on 2 Oct, in the holiday: due 8 Oct, breached 9 Oct
    assert [f.event.payload["on"] for f in fired] == [date(2026, 10, 9)]
    assert issue.state == "handling.oc_questions.L0_property_company.open"
    assert issue.data.level == 0


def test_outside_the_remit_the_committee_takes_it_on() -> None:
    engine = Engine(CH)
    issue = engine.report_issue(Actor("residents_committee"), date(2026, 6, 15))
    engine.command(issue.id, "triage", Actor("property_company"), date(2026, 6, 15),
                   category="rc_questions")  # fmt: skip
    engine.command(issue.id, "escalate", Actor("property_company"), date(2026, 6, 16))
    assert issue.data.level == 1
    assert CH.issues["rc_questions"].ladder[issue.data.level].handler == "residents_committee"


def test_the_company_seeks_oc_support_promptly() -> None:
    consult = CH.information.notifications["consult_oc"]
    assert_timing(consult.timing, "promptly")
    assert consult.timing.word == "及时"
    assert consult.to == ("owners_committee",)
    assert_cites(CH, consult, file=SRC, article="4.1.6")
    report = CH.information.reports["written_reports"]
    assert_timing(report.within, "unspecified")


CATEGORIES = [("oc_questions", "owners_committee"), ("rc_questions", "residents_committee")]
COMPANY = Actor("property_company")


def _asked_on_friday(charter: Charter, category: str, committee: str) -> tuple[Engine, Any]:
    """An engine under ``charter`` with ``committee``'s question of Fri 25 Sep 2026 in
    ``category``, taken in by the company that day."""
    engine = Engine(charter)
    issue = engine.report_issue(Actor(committee), date(2026, 9, 25))
    engine.command(issue.id, "triage", COMPANY, date(2026, 9, 25), category=category)
    return engine, issue


@pytest.mark.parametrize(("category", "committee"), CATEGORIES)
def test_the_revisit_is_counted_from_the_answer_not_the_question(
    category: str, committee: str
) -> None:
    # a question on Fri 25 Sep 2026, answered on Mon 28 Sep, the last of its three days;
    # counted from the question the revisit would be due that Monday too. Counted from the
    # answer, three days end on Thu 1 Oct, inside the National Day holiday: due Thu 8 Oct
    engine, issue = _asked_on_friday(CH, category, committee)
    engine.command(issue.id, "reply", COMPANY, date(2026, 9, 28))
    due = [(t.rule, t.due) for _, t in engine.deadlines()]
    assert due == [(f"issues.{category}.ladder[0].deadlines.follow_up", date(2026, 10, 8))]
    assert engine.advance_to(date(2026, 10, 8)) == []
    fired = engine.advance_to(date(2026, 10, 9))
    assert [(f.event.payload["on"], f.event.payload["args"]["deadline"]) for f in fired] == [
        (date(2026, 10, 9), "follow_up")
    ]
    assert issue.state == f"handling.{category}.L0_property_company.replied"


@pytest.mark.parametrize(("category", "committee"), CATEGORIES)
def test_a_revisit_four_days_after_the_question_is_on_time_after_an_early_answer(
    category: str, committee: str
) -> None:
    engine = Engine(CH)
    company = Actor("property_company")
    # asked Mon 1 Jun 2026, answered Tue 2 Jun: the revisit is due Fri 5 Jun, three days
    # after the answer (counted from the question it would have been due Thu 4 Jun)
    issue = engine.report_issue(Actor(committee), date(2026, 6, 1))
    engine.command(issue.id, "triage", company, date(2026, 6, 1), category=category)
    engine.command(issue.id, "reply", company, date(2026, 6, 2))
    assert [t.due for _, t in engine.deadlines()] == [date(2026, 6, 5)]
    assert engine.advance_to(date(2026, 6, 5)) == []
    engine.command(issue.id, "follow_up", company, date(2026, 6, 5))
    assert engine.advance_to(date(2026, 6, 30)) == []  # solving 最短时间内 has no number
    assert issue.data.breaches == ()
    assert issue.state == f"handling.{category}.L0_property_company.followed_up"


QUESTION = CH.with_readings({"revisit_start": "from_question"})


def test_both_readings_of_the_revisit_are_kept() -> None:
    point = CH.readings["revisit_start"]
    assert (point.default, list(point.options)) == (
        "from_answer",
        ["from_answer", "from_question"],
    )
    assert point.rule == "issues.oc_questions.ladder[0].deadlines.follow_up"
    for option in point.options.values():
        assert_cites(CH, option, file=SRC, article="4.1.4.5")
    question = next(
        q for q in CH.open_questions if q.startswith("From when the three-day revisit")
    )
    assert "4.1.4.5" in question
    assert "4.2.2.3" in question
    assert "readings.revisit_start" in question
    assert "cannot state" not in question
    for key, _ in CATEGORIES:
        default, competing = CH.issues[key].ladder[0], QUESTION.issues[key].ladder[0]
        assert default.deadlines.follow_up_from is None  # the default states no start
        assert competing.deadlines.follow_up_start is FollowUpStart.REPORT
        # the reading moves only the start: the same periods, handler and way up
        assert competing.deadlines.model_dump(exclude={"follow_up_from"}) == (
            default.deadlines.model_dump(exclude={"follow_up_from"})
        )
        assert (competing.handler, competing.escalate_on) == (default.handler, default.escalate_on)
        assert QUESTION.issues[key].ladder[1] == CH.issues[key].ladder[1]
        assert "readings.revisit_start" in (default.note or "")


def test_the_two_readings_draw_the_revisit_from_different_days() -> None:
    default = compile_workflow(CH, "issue").diagram()
    question = compile_workflow(QUESTION, "issue").diagram()
    assert "follow_up [by property_company; within 3 days of the reply]" in default
    assert "follow_up [by property_company; within 3 days of the question]" in question
    assert "of the question" not in default


@pytest.mark.parametrize(("category", "committee"), CATEGORIES)
def test_from_the_question_the_revisit_falls_due_with_the_answer(
    category: str, committee: str
) -> None:
    # the question of Fri 25 Sep 2026 again, answered on Mon 28 Sep, the last of its three
    # days: counted from the question, the revisit is due that Monday too, not on 8 Oct
    engine, issue = _asked_on_friday(QUESTION, category, committee)
    rule = f"issues.{category}.ladder[0].deadlines"
    assert [(t.rule, t.due) for _, t in engine.deadlines()] == [
        (f"{rule}.reply", date(2026, 9, 28)),
        (f"{rule}.follow_up", date(2026, 9, 28)),
    ]
    engine.command(issue.id, "reply", COMPANY, date(2026, 9, 28))
    [(_, timer)] = engine.deadlines()
    assert timer.explanation == (
        "follow_up (property_company, from the question): within 3 days of 2026-09-25, "
        "by 2026-09-28"
    )
    assert engine.advance_to(date(2026, 9, 28)) == []
    [fired] = engine.advance_to(date(2026, 9, 29))
    assert (fired.event.payload["on"], fired.timer.args["deadline"]) == (
        date(2026, 9, 29),
        "follow_up",
    )
    assert issue.state == f"handling.{category}.L0_property_company.replied"


@pytest.mark.parametrize(
    ("asked", "answered", "by_question", "by_answer"),
    [
        # three calendar days from Mon 28 Sep end on Thu 1 Oct, in the National Day
        # holiday: the answer, and the revisit counted with it, are due Thu 8 Oct; counted
        # from that answer, the revisit ends on Sunday 11 Oct, a rest day: Mon 12 Oct
        (date(2026, 9, 28), date(2026, 10, 8), date(2026, 10, 8), date(2026, 10, 12)),
        # from Wed 7 Oct three days end on Sat 10 Oct, a make-up working day (调休): due
        # then; counted from an answer that Saturday, Tue 13 Oct
        (date(2026, 10, 7), date(2026, 10, 10), date(2026, 10, 10), date(2026, 10, 13)),
    ],
)
def test_the_revisit_over_the_holiday_and_the_make_up_day_under_each_reading(
    asked: date, answered: date, by_question: date, by_answer: date
) -> None:
    due = {}
    for name, rules in (("question", QUESTION), ("answer", CH)):
        engine = Engine(rules)
        company = Actor("property_company")
        issue = engine.report_issue(Actor("owners_committee"), asked)
        engine.command(issue.id, "triage", company, asked, category="oc_questions")
        engine.command(issue.id, "reply", company, answered)
        [(_, timer)] = engine.deadlines()
        due[name] = timer.due
        assert engine.advance_to(timer.due) == []  # due on its last day: not yet missed
        engine.command(issue.id, "follow_up", company, timer.due)
        assert issue.data.breaches == ()
    assert due == {"question": by_question, "answer": by_answer}


def test_a_missed_revisit_counted_from_the_question_replays_and_fires_once(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    engine = Engine(QUESTION, store=EventStore(url))
    company = Actor("property_company")
    issue = engine.report_issue(Actor("residents_committee"), date(2026, 9, 25))
    engine.command(issue.id, "triage", company, date(2026, 9, 25), category="rc_questions")
    engine.command(issue.id, "reply", company, date(2026, 9, 28))
    [fired] = engine.advance_to(date(2026, 9, 29))
    assert fired.timer.args["key"] == "L0:follow_up:2026-09-25"
    again = Engine(QUESTION, store=EventStore(url))
    assert again.problems == []
    replayed = again.get(issue.id)
    assert (replayed.state, replayed.data) == (issue.state, issue.data)
    assert again.deadlines() == []  # the breach recorded: the revisit is not due again
    assert again.advance_to(date(2026, 12, 31)) == []
    # the stream follows the reading it was written under
    with pytest.raises(StoreError, match="written under other readings"):
        Engine(CH, store=EventStore(url)).replay(issue.id)


def test_the_deputy_director_in_charge_stands_in_for_the_office_director() -> None:
    """3.1: the office director, or the deputy director in charge, runs the liaison."""
    role = CH.roles["convener"]
    assert role.position == ("community_service_office_director", "acting_deputy_director")
    assert_cites(CH, role, file=SRC, article="3.1")
    engine = Engine("pm-liaison-bimonthly")
    deputy = Actor("property_company", "acting_deputy_director")
    meeting = engine.plan_meeting(deputy, "regular", date(2026, 2, 10), on=date(2026, 2, 2))
    assert meeting.state == "regular.planned"


# -- who raises the question (4.1.4.4, 4.1.8; 4.2.2.2) --------------------------------------------
OC, RC, RESIDENT = Actor("owners_committee"), Actor("residents_committee"), Actor("residents")


def _triage(engine: Engine, reporter: Actor, category: str) -> Any:
    issue = engine.report_issue(reporter, date(2026, 6, 1))
    return engine.command(issue.id, "triage", COMPANY, date(2026, 6, 2), category=category)


def test_each_category_takes_the_questions_of_its_own_committee() -> None:
    assert CH.issues["oc_questions"].raised_by == ("owners_committee",)
    assert CH.issues["rc_questions"].raised_by == ("residents_committee",)
    assert_cites(CH, CH.issues["oc_questions"], file=SRC, article="4.1.8")
    assert_cites(CH, CH.issues["rc_questions"], file=SRC, article="4.2.2.2")
    engine = Engine(CH)
    assert (
        _triage(engine, OC, "oc_questions").state
        == "handling.oc_questions.L0_property_company.open"
    )
    assert (
        _triage(engine, RC, "rc_questions").state
        == "handling.rc_questions.L0_property_company.open"
    )


@pytest.mark.parametrize(
    ("reporter", "category", "allowed"),
    [
        (OC, "rc_questions", "oc_questions"),
        (RC, "oc_questions", "rc_questions"),
        (
            RESIDENT,
            "oc_questions",
            "none: no issue category of this charter takes a report by residents",
        ),
        (
            RESIDENT,
            "rc_questions",
            "none: no issue category of this charter takes a report by residents",
        ),
    ],
)
def test_a_question_raised_by_another_body_is_refused_and_nothing_is_written(
    reporter: Actor, category: str, allowed: str
) -> None:
    engine = Engine(CH)
    issue = engine.report_issue(reporter, date(2026, 6, 1))
    before = engine.explain(issue.id)
    with pytest.raises(CommandRefused) as info:
        engine.command(issue.id, "triage", COMPANY, date(2026, 6, 2), category=category)
    exc = info.value
    raiser = CH.issues[category].raised_by[0]  # type: ignore[index]
    assert str(exc) == (
        f"{issue.id}: the {category} category takes only issues raised by {raiser}, and this "
        f"one was reported by another body (got {reporter.body!r}); allowed: {allowed}"
    )
    assert exc.rule == f"issues.{category}.raised_by"
    assert exc.citation == CH.cite(f"issues.{category}")
    assert exc.allowed == allowed
    assert engine.get(issue.id).state == "reported"  # nothing written
    assert engine.explain(issue.id) == before
    assert engine.untriaged_issues() == [issue]


def test_the_rule_shows_on_the_triage_edge() -> None:
    machine = compile_workflow(CH, "issue")
    triage = [t for t in machine.transitions if t.trigger == "triage"]
    assert {t.dest: [g.name for g in t.guards] for t in triage} == {
        "handling.oc_questions": ["raised by owners_committee"],
        "handling.rc_questions": ["raised by residents_committee"],
    }
    assert "raised by owners_committee" in machine.mermaid()


def test_triaged_questions_replay_from_the_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    engine = Engine(CH, store=EventStore(url))
    issues = [_triage(engine, OC, "oc_questions"), _triage(engine, RC, "rc_questions")]
    refused = engine.report_issue(RESIDENT, date(2026, 6, 1))
    with pytest.raises(CommandRefused):
        engine.command(refused.id, "triage", COMPANY, date(2026, 6, 2), category="oc_questions")
    again = Engine(CH, store=EventStore(url))
    assert again.problems == []
    for issue in (*issues, refused):
        replayed = again.get(issue.id)
        assert (replayed.state, replayed.data) == (issue.state, issue.data)
    assert again.untriaged_issues() == [again.get(refused.id)]
