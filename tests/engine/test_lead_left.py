"""A meeting is planned (or postponed) only to a day its notice and agenda can still
reach in time: once the last day a lead allows has passed, the notice would be refused
and the meeting could never be held, so planning it is refused instead, citing the lead.
Where the charter counts no lead, nothing is checked."""

from __future__ import annotations

from datetime import date

import pytest

import governance_rules as gr
from tests.engine.refusals import refused

OC = gr.Actor("owners_committee", "director")
CONTENTS = {"time": "14:00", "place": "the hall", "topics": "the lift", "attendees": "all"}


def test_planning_on_the_last_day_of_the_notice_lead_is_allowed_the_day_after_refused() -> None:
    # oc-convened-quarterly: 3 days' notice (四、3). A meeting on Fri 9 Oct 2026, after
    # National Day: 3 days before is 6 Oct, a day off, so the notice is due by 30 Sep.
    engine = gr.Engine("oc-convened-quarterly")
    error = refused(engine, engine.plan_meeting, OC, "regular", date(2026, 10, 9),
                    on=date(2026, 10, 1))  # fmt: skip
    assert error.rule == "meetings.regular.notice.lead"
    assert error.citation is not None
    assert "四、3" in str(error.citation)
    assert "by 2026-09-30, which has passed on 2026-10-01" in str(error)
    assert "a meeting day that leaves the notice its lead of 3 days from 2026-10-01" in str(error)
    meeting = engine.plan_meeting(OC, "regular", date(2026, 10, 9), on=date(2026, 9, 30))
    meeting = engine.command(meeting.id, "issue_notice", OC, date(2026, 9, 30), contents=CONTENTS)
    assert meeting.state == "regular.notice_issued"


def test_an_override_of_the_cadence_does_not_lift_the_lead() -> None:
    engine = gr.Engine("oc-convened-quarterly")
    error = refused(engine, engine.plan_meeting, OC, "regular", date(2026, 3, 28),
                    on=date(2026, 3, 27), override="the lift failed; the parties meet at once")  # fmt: skip
    assert error.rule == "meetings.regular.notice.lead"


def test_an_agenda_lead_is_left_too_where_the_notice_counts_none() -> None:
    # oc-agenda-majority: the notice goes out 'beforehand' with no number; the agenda
    # reaches the attendees 3 days before (4.1 (2))
    engine = gr.Engine("oc-agenda-majority")
    error = refused(engine, engine.plan_meeting, OC, "regular", date(2026, 3, 26),
                    on=date(2026, 3, 24))  # fmt: skip
    assert error.rule == "meetings.regular.agenda.lead"
    assert engine.plan_meeting(OC, "regular", date(2026, 3, 26), on=date(2026, 3, 23))


def test_a_postponement_leaves_the_new_notice_its_lead() -> None:
    engine = gr.Engine("oc-convened-quarterly")
    # 3 days before Wed 18 Mar is a Sunday, so the notice is due the Friday before
    meeting = engine.plan_meeting(OC, "regular", date(2026, 3, 17), on=date(2026, 3, 2))
    error = refused(engine, engine.command, meeting.id, "postpone", OC, date(2026, 3, 16),
                    date=date(2026, 3, 18))  # fmt: skip
    assert error.rule == "meetings.regular.notice.lead"
    assert "by 2026-03-13, which has passed on 2026-03-16 (the day it is postponed)" in str(error)
    moved = engine.command(meeting.id, "postpone", OC, date(2026, 3, 16), date=date(2026, 3, 19))
    assert moved.data.day == date(2026, 3, 19)


@pytest.mark.parametrize(
    ("charter", "day"),
    [("yangxin-2022", date(2026, 4, 28)), ("owners-alliance-quarterly", date(2026, 3, 31))],
)
def test_a_charter_that_counts_no_lead_lets_a_meeting_be_planned_for_the_next_day(
    charter: str, day: date
) -> None:
    engine = gr.Engine(charter)
    rule = engine.charter.meetings["regular"]
    assert all(
        part is None or part.lead is None or part.lead.period is None
        for part in (rule.notice, rule.agenda)
    )
    kind = "regular"
    role = engine.charter.role("convener", kind)
    body = role.holder(0)[0] if role else next(iter(engine.charter.member_bodies))
    positions = role.positions_for(body) if role else None
    actor = gr.Actor(body, positions[0] if positions else None)
    assert engine.plan_meeting(actor, kind, day, on=day.replace(day=day.day - 1)).data.day == day
