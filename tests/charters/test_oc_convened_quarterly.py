"""oc-convened-quarterly against 000_3a5c8b07dfb4019a.txt (物业管理联席会议制度, lines 5–51)."""

from __future__ import annotations

from datetime import date

import pytest

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter.bodies import Membership
from governance_rules._decisions import Ballot, Choice, Vote, decide
from governance_rules._engine import Engine
from governance_rules._obligations import obligations
from governance_rules._workflows import Actor
from governance_rules.errors import CommandRefused, DecisionError
from tests.charters.common import (
    assert_cadence,
    assert_cites,
    assert_decision,
    assert_role,
    assert_timing,
    assert_window,
    charter,
)
from tests.engine.notices import STATED

SRC = "000_3a5c8b07dfb4019a.txt"
CH = charter("oc-convened-quarterly")
CAL = WorkingCalendar.china()


def test_document_is_the_first_of_the_same_heading() -> None:
    doc = CH.documents["oq"]
    assert doc.file == SRC
    assert doc.heading == "物业管理联席会议制度"
    assert doc.lines == "5–51"


def test_oc_convenes_and_chairs_the_company_organises_and_records() -> None:
    assert_role(CH, "convener", body="owners_committee")
    assert_role(CH, "chair", body="owners_committee")
    for role in ("organiser", "secretary", "recorder"):
        assert_role(CH, role, body="property_company")
    assert_cites(CH, CH.roles["convener"], file=SRC, article="四、1")
    assert_cites(CH, CH.roles["organiser"], file=SRC, article="四、1")
    assert_cites(CH, CH.roles["chair"], file=SRC, article="四、4")
    assert_cites(CH, CH.roles["recorder"], file=SRC, article="四、4")


def test_two_standing_members_departments_and_experts_when_needed() -> None:
    assert set(CH.member_bodies) == {"owners_committee", "property_company"}
    assert CH.bodies["departments"].membership is Membership.INVITED
    assert CH.bodies["experts"].membership is Membership.INVITED
    assert CH.bodies["residents_committee"].membership is Membership.OUTSIDE
    assert_cites(CH, CH.bodies["departments"], file=SRC, article="二、4")
    assert_cites(CH, CH.bodies["experts"], file=SRC, article="五、2")


def test_at_least_once_a_quarter_in_2026() -> None:
    assert_cadence(CH, "regular", months=3, at_least=True)
    assert_window(CH, "regular", 2026, "2026-01-01..2026-03-31", 4)
    assert_cites(CH, CH.meetings["regular"].cadence, file=SRC, article="四、2")  # type: ignore[arg-type]
    meetings = [o for o in obligations(CH, 2026) if o.kind == "meeting"]
    assert [(o.start.month, o.end.month) for o in meetings] == [(1, 3), (4, 6), (7, 9), (10, 12)]
    assert all(o.convener == ("owners_committee",) for o in meetings)


def test_notice_three_days_ahead_with_four_contents() -> None:
    notice = CH.meetings["regular"].notice
    assert notice is not None
    assert_timing(notice.lead, "3 days")
    assert {i.value for i in notice.content} == {"time", "place", "topics", "attendees"}
    assert_cites(CH, notice, file=SRC, article="四、3")
    assert notice.lead.period is not None
    # an ordinary week: a meeting on Thursday 26 Mar 2026 needs notice by Monday 23 Mar
    assert CAL.latest_before(date(2026, 3, 26), notice.lead.period).due == date(2026, 3, 23)
    # 3 days before Tuesday 24 Feb is 21 Feb, inside the Spring Festival break: 14 Feb is worked
    assert CAL.latest_before(date(2026, 2, 24), notice.lead.period).due == date(2026, 2, 14)


def test_the_engine_enforces_the_notice_lead() -> None:
    engine = Engine(CH)
    oc = Actor("owners_committee")
    meeting = engine.plan_meeting(oc, "regular", date(2026, 2, 24), on=date(2026, 2, 1))
    with pytest.raises(CommandRefused, match="2026-02-14 at the latest"):
        engine.command(meeting.id, "issue_notice", oc, date(2026, 2, 15), contents=STATED)
    assert meeting.state == "regular.planned"
    engine.command(meeting.id, "issue_notice", oc, date(2026, 2, 14), contents=STATED)
    assert meeting.state == "regular.notice_issued"


def test_no_decision_rule_is_invented() -> None:
    assert_decision(CH, "regular", "unspecified")
    spec = CH.meetings["regular"].decision
    assert spec is not None
    assert CH.meetings["regular"].quorum is None
    seats = {"owners_committee": 1, "property_company": 1}
    votes = [Vote("o", "owners_committee", Choice.YES), Vote("p", "property_company", Choice.YES)]
    with pytest.raises(DecisionError):
        decide(spec, Ballot.open(seats, votes))
    for key in ("rules_and_standards", "company_evaluation", "major_matters"):
        assert CH.matters[key].body == "joint_meeting"
        assert CH.matters[key].decision.kind == "unspecified"
    assert_cites(CH, CH.matters["major_matters"], file=SRC, article="三、4")


def test_record_goes_promptly_to_attendees_with_an_action_plan() -> None:
    minutes = CH.meetings["regular"].minutes
    assert minutes is not None
    assert minutes.drafted_by == "recorder"
    assert_timing(minutes.deadline, "promptly")
    assert minutes.deadline.word == "及时"
    assert set(minutes.distribution) == {"owners_committee", "property_company"}
    assert_cites(CH, minutes, file=SRC, article="四、5")
    actions = CH.meetings["regular"].action_items
    assert actions is not None
    assert not actions.owner_required
    assert not actions.due_date_required


def test_ad_hoc_meetings_and_no_dated_appraisal() -> None:
    special = CH.meetings["special"]
    assert special.cadence is None
    assert special.notice is not None  # 四、3 has no exception (see the readings test below)
    assert special.note is not None
    assert "暂时" in special.note
    assert CH.evaluation is None  # 定期 without an interval: not invented
    assert any("定期" in q for q in CH.open_questions)


# --- fidelity audit: 四、3 to 四、5 bind ad-hoc meetings; the no-lead reading is kept ---


def _notice_deadlines(engine: Engine) -> list[str]:
    engine.plan_meeting(Actor("owners_committee"), "special", date(2026, 5, 14),
                        on=date(2026, 5, 4))  # fmt: skip
    return [f"{t.due} {t.explanation}" for _, t in engine.deadlines() if "notice" in t.explanation]


def test_ad_hoc_meetings_get_three_days_notice_unless_the_other_reading_is_chosen() -> None:
    special = CH.meetings["special"]
    assert special.notice is not None
    assert_timing(special.notice.lead, "3 days")
    assert {i.value for i in special.notice.content} == {"time", "place", "topics", "attendees"}
    assert special.minutes is not None
    assert_timing(special.minutes.deadline, "promptly")
    assert_cites(CH, special.notice, file=SRC, article="四、3")
    due = _notice_deadlines(Engine(CH))
    assert len(due) == 1
    assert due[0].startswith("2026-05-11 send the notice")
    point = CH.readings["ad_hoc_notice_lead"]
    assert point.default == "three_days"
    loose = CH.with_readings({"ad_hoc_notice_lead": "no_lead"})
    notice = loose.meetings["special"].notice
    assert notice is not None
    assert_timing(notice.lead, "unspecified")
    assert _notice_deadlines(Engine(loose)) == []


def test_the_company_body_carries_no_note_from_the_civil_code() -> None:
    assert CH.bodies["property_company"].source.doc == "oq"
    assert CH.bodies["property_company"].note is None
