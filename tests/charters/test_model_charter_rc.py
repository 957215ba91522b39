"""model-charter-rc against 000_3a5c8b07dfb4019a.txt (社区物业联席会议制度范本, lines 506–542)."""

from __future__ import annotations

from datetime import date

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter.bodies import Membership
from governance_rules._decisions import Ballot, Choice, Vote, decide
from governance_rules._engine import Engine
from governance_rules._workflows import Actor
from tests.charters.common import (
    assert_cadence,
    assert_cites,
    assert_decision,
    assert_role,
    assert_timing,
    assert_window,
    charter,
)

SRC = "000_3a5c8b07dfb4019a.txt"
CH = charter("model-charter-rc")
CAL = WorkingCalendar.china()
SEATS = {"residents_committee": 1, "property_company": 1, "owners_committee": 1, "residents": 3}


def yes(count: int) -> list[Vote]:
    """``count`` yes votes, filling the seats in order (RC, company, OC, residents)."""
    voters = [("rc", "residents_committee"), ("pc", "property_company"),
              ("oc", "owners_committee"), ("r1", "residents"), ("r2", "residents"),
              ("r3", "residents")]  # fmt: skip
    return [Vote(name, body, Choice.YES) for name, body in voters[:count]]


def test_rc_director_convenes_and_the_office_sits_in_the_rc() -> None:
    assert_role(CH, "convener", body="residents_committee")
    assert CH.roles["convener"].position == "director"
    assert_role(CH, "office_head", body="residents_committee")
    assert_role(CH, "recorder", body="meeting_office")
    assert "chair" not in CH.roles  # the model names none
    assert_cites(CH, CH.roles["convener"], file=SRC, article="第四条")
    assert_cites(CH, CH.roles["office_head"], file=SRC, article="第五条")


def test_members_include_resident_representatives() -> None:
    assert set(CH.member_bodies) == {
        "residents_committee", "property_company", "owners_committee", "residents",
    }  # fmt: skip
    assert CH.bodies["meeting_office"].membership is Membership.OUTSIDE


def test_quarterly_with_extraordinary_meetings_at_any_time() -> None:
    assert_cadence(CH, "regular", months=3, at_least=False)
    assert_window(CH, "regular", 2026, "2026-01-01..2026-03-31", 4)
    special = CH.meetings["special"]
    assert special.cadence is None
    assert special.notice is None
    assert_cites(CH, special, file=SRC, article="第六条")


def test_notice_one_week_ahead_from_the_office() -> None:
    notice = CH.meetings["regular"].notice
    assert notice is not None
    assert_timing(notice.lead, "1 week")
    assert notice.issued_by == "meeting_office"
    assert_cites(CH, notice, file=SRC, article="第八条（一）")
    assert notice.lead.period is not None
    # a meeting on Thursday 15 Oct 2026: notice by Thursday 8 Oct
    assert CAL.latest_before(date(2026, 10, 15), notice.lead.period).due == date(2026, 10, 8)
    # a meeting on Friday 9 Oct: one week back is 2 Oct (National Day), so 30 Sep
    assert CAL.latest_before(date(2026, 10, 9), notice.lead.period).due == date(2026, 9, 30)
    agenda = CH.meetings["regular"].agenda
    assert agenda is not None
    assert_timing(agenda.lead, "unspecified")


def test_more_than_half_of_all_members_at_the_boundary() -> None:
    assert_decision(CH, "regular", "majority_of_all_members", fraction="1/2", inclusive=False)
    spec = CH.meetings["regular"].decision
    assert spec is not None
    assert CH.reading("resolution_threshold") == "more_than_half"
    assert any("half or more" in q for q in CH.open_questions)
    assert_cites(CH, spec, file=SRC, article="第十条")
    # 3 of 6 is exactly half: it fails, although every vote cast is yes (all members count)
    assert not decide(spec, Ballot.open(SEATS, yes(3))).passed
    assert decide(spec, Ballot.open(SEATS, yes(4))).passed  # 4 of 6


def test_convener_signs_resolutions_and_the_record_is_only_filed() -> None:
    minutes = CH.meetings["regular"].minutes
    assert minutes is not None
    assert minutes.drafted_by == "meeting_office"
    assert minutes.sign_off is None  # filed (归档), not signed
    assert minutes.distribution == ()
    assert_timing(minutes.deadline, "promptly")
    assert minutes.deadline.word == "及时"
    assert_cites(CH, minutes, file=SRC, article="第八条（三）")
    resolutions = CH.information.notifications["resolutions"]
    assert "signed and issued by the convener" in resolutions.what
    assert_cites(CH, resolutions, file=SRC, article="第八条（四）")


def test_binding_resolutions_evaluated_by_the_rc() -> None:
    items = CH.meetings["regular"].action_items
    assert items is not None
    assert items.followed_up_by == "residents_committee"
    assert_cites(CH, items, file=SRC, article="第十三条")
    assert CH.evaluation is None  # no interval: not invented as an annual appraisal


def test_the_half_or_more_reading_is_kept_and_selectable() -> None:
    point = CH.readings["resolution_threshold"]
    assert point.rule == "meetings.regular.decision"
    assert set(point.options) == {"more_than_half", "half_or_more"}
    for reading in point.options.values():
        assert_cites(CH, reading, file=SRC, article="第十条")
        assert reading.note
    tie = CH.with_readings({"resolution_threshold": "half_or_more"})
    spec = tie.meetings["regular"].decision
    assert spec is not None
    assert spec.threshold is not None
    assert spec.threshold.inclusive
    # the readings differ exactly on a tie of half the members: 3 of 6
    assert decide(spec, Ballot.open(SEATS, yes(3))).passed
    assert not decide(spec, Ballot.open(SEATS, yes(2))).passed
    assert tie.fingerprint != CH.fingerprint
    assert tie.selected_readings == {"resolution_threshold": "half_or_more"}


# --- fidelity audit: 第八条 and 第十条 are not limited to regular meetings ---


def test_extraordinary_resolutions_need_more_than_half_of_the_members_too() -> None:
    special = CH.meetings["special"]
    assert_decision(CH, "special", "majority_of_all_members", fraction="1/2", inclusive=False)
    assert special.decision is not None
    assert_cites(CH, special.decision, file=SRC, article="第十条")
    assert special.notice is None  # 随时: the one-week lead is not carried over
    assert special.minutes is not None
    assert special.minutes.sign_off is None  # only filed, as for regular meetings
    assert_timing(special.minutes.deadline, "promptly")
    # the engine counts the members: 3 yes of 6 members fail, although no one voted no
    engine = Engine("model-charter-rc")
    director = Actor("residents_committee", "director")
    meeting = engine.plan_meeting(director, "special", date(2026, 5, 12), on=date(2026, 5, 11),
                                  roster=SEATS)  # fmt: skip
    meeting = engine.command(meeting.id, "set_agenda", Actor("meeting_office"), date(2026, 5, 11))
    meeting = engine.command(meeting.id, "hold", director, date(2026, 5, 12), present=SEATS)
    votes = [{"body": v.body, "choice": "yes"} for v in yes(3)]
    meeting = engine.command(meeting.id, "record_decision", director, date(2026, 5, 12),
                             matter="repaint the railings", votes=votes)  # fmt: skip
    assert [(d.outcome, d.rule) for d in meeting.data.decisions] == [
        ("failed", "majority_of_all_members")
    ]
    # the competing reading of 第十条 changes the extraordinary meeting's rule as well
    tie = CH.with_readings({"resolution_threshold": "half_or_more"})
    spec = tie.meetings["special"].decision
    assert spec is not None
    assert decide(spec, Ballot.open(SEATS, yes(3))).passed


def test_the_company_body_carries_no_note_from_the_civil_code() -> None:
    assert CH.bodies["property_company"].source.doc == "mc"
    assert CH.bodies["property_company"].note is None
