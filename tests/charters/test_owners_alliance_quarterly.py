"""owners-alliance-quarterly against 000_3a5c8b07dfb4019a.txt (lines 79–117)."""

from __future__ import annotations

from datetime import date

import pytest

from governance_rules._charter.bodies import BodyKind, Membership
from governance_rules._charter.issues import IssueCategoryKind
from governance_rules._decisions import Ballot, Choice, Vote, decide
from governance_rules._engine import Engine
from governance_rules._obligations import obligations
from governance_rules._workflows import Actor
from governance_rules.errors import CommandRefused
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
CH = charter("owners-alliance-quarterly")
PARTIES = ("residents_committee", "owners_alliance", "property_company")
SEATS = dict.fromkeys(PARTIES, 1)


def test_the_owner_side_is_an_alliance_not_the_owners_committee() -> None:
    assert set(CH.member_bodies) == set(PARTIES)
    alliance = CH.bodies["owners_alliance"]
    assert alliance.kind is BodyKind.OTHER
    assert alliance.label is not None
    assert alliance.label.zh == "业主联盟"
    assert CH.bodies["owners_committee"].membership is Membership.OUTSIDE
    assert CH.bodies["residents_committee"].positions == ("director",)
    assert_cites(CH, alliance, file=SRC, article="四、2")


def test_rc_convenes_and_hosts() -> None:
    assert_role(CH, "convener", body="residents_committee")
    assert_role(CH, "host", body="residents_committee")
    assert CH.role("chair") is None  # none named
    assert_cites(CH, CH.roles["convener"], file=SRC, article="四、1")


def test_once_a_quarter_on_agreed_dates_plus_ad_hoc() -> None:
    assert_cadence(CH, "regular", months=3, at_least=False)
    assert CH.meetings["regular"].window.kind.value == "agreed"
    assert_window(CH, "regular", 2026, "2026-01-01..2026-03-31", 4)
    assert_cites(CH, CH.meetings["regular"].cadence, file=SRC, article="五、1")  # type: ignore[arg-type]
    meetings = [o for o in obligations(CH, 2026) if o.kind == "meeting"]
    assert len(meetings) == 4
    assert all(o.convener == ("residents_committee",) for o in meetings)
    special = CH.meetings["special"]
    assert special.cadence is None
    assert "urgent situations" in special.triggers
    assert_cites(CH, special, file=SRC, article="五、2")


def test_no_notice_and_topics_agreed_by_all_three() -> None:
    # 五、1: time, place and topics are agreed by the three; no notice is set at all
    assert CH.meetings["regular"].notice is None
    assert CH.meetings["regular"].window.kind.value == "agreed"
    agenda = CH.meetings["regular"].agenda
    assert agenda is not None
    assert set(agenda.collected_by) == set(PARTIES)
    assert not [o for o in obligations(CH, 2026) if o.kind in ("notice", "agenda")]


def test_consensus_fails_on_one_objection() -> None:
    assert_decision(CH, "regular", "consensus")
    spec = CH.meetings["regular"].decision
    assert spec is not None
    agree = [
        Vote("r", "residents_committee", Choice.YES),
        Vote("o", "owners_alliance", Choice.YES),
    ]
    abstain = Vote("p", "property_company", Choice.ABSTAIN)
    assert decide(spec, Ballot.open(SEATS, [*agree, abstain])).passed
    assert not decide(
        spec, Ballot.open(SEATS, [*agree, Vote("p", "property_company", Choice.NO)])
    ).passed
    assert_cites(CH, spec, file=SRC, article="五、3")


def test_the_engine_records_only_consensual_decisions() -> None:
    engine = Engine(CH)
    rc = Actor("residents_committee")
    meeting = engine.plan_meeting(rc, "regular", date(2026, 6, 18), on=date(2026, 6, 1))
    engine.command(meeting.id, "hold", rc, date(2026, 6, 18), present=SEATS)
    votes = [{"voter": b, "body": b, "choice": "yes"} for b in PARTIES]
    engine.command(meeting.id, "record_decision", rc, date(2026, 6, 18), matter="gate",
                   owner="property_company", due=date(2026, 7, 1),
                   votes=[*votes[:2], {**votes[2], "choice": "no"}])  # fmt: skip
    assert meeting.data.decisions[0].outcome == "failed"  # minuted, with no action item
    assert meeting.data.actions == ()
    engine.command(meeting.id, "record_decision", rc, date(2026, 6, 18), matter="gate",
                   owner="property_company", due=date(2026, 7, 1), votes=votes)  # fmt: skip
    assert meeting.data.actions[0].owner == "property_company"


def test_minutes_promptly_to_each_party_with_owners_and_time_points() -> None:
    minutes = CH.meetings["regular"].minutes
    assert minutes is not None
    assert_timing(minutes.deadline, "promptly")
    assert minutes.deadline.word == "及时"
    assert minutes.drafted_by is None  # not said
    assert set(minutes.distribution) == set(PARTIES)
    assert_cites(CH, minutes, file=SRC, article="五、4")
    actions = CH.meetings["regular"].action_items
    assert actions is not None
    assert actions.owner_required
    assert actions.due_date_required


def test_complaints_go_to_the_company_with_no_reply_time() -> None:
    category = CH.issues["complaints"]
    assert category.kind is IssueCategoryKind.COMPLAINT
    assert [level.handler for level in category.ladder] == ["property_company"]
    assert category.terminal == "property_company"
    assert_timing(category.ladder[0].deadlines.reply, "unspecified")
    assert_cites(CH, category, file=SRC, article="四、3")
    engine = Engine(CH)
    company = Actor("property_company")
    issue = engine.report_issue(Actor("residents"), date(2026, 5, 11), summary="noisy pump")
    engine.command(issue.id, "triage", company, date(2026, 5, 11), category="complaints")
    with pytest.raises(CommandRefused, match="'escalate' is not possible"):
        engine.command(issue.id, "escalate", company, date(2026, 5, 12))
    assert engine.advance_to(date(2026, 12, 31)) == []  # an open reply time never breaches


def test_the_review_of_the_system_is_not_given_a_date() -> None:
    assert CH.evaluation is None
    assert any("定期" in q for q in CH.open_questions)


# --- fidelity audit: no notice step is invented; 五、3–4 bind ad-hoc meetings too ---


def test_a_meeting_is_held_with_no_notice_step_the_source_never_sets() -> None:
    engine = Engine(CH)
    rc = Actor("residents_committee")
    meeting = engine.plan_meeting(rc, "regular", date(2026, 6, 18), on=date(2026, 6, 1))
    with pytest.raises(CommandRefused, match="sets no notice") as refusal:
        engine.command(meeting.id, "issue_notice", rc, date(2026, 6, 10))
    assert refusal.value.rule == "meetings.regular"
    engine.command(meeting.id, "hold", rc, date(2026, 6, 18), present=SEATS)
    assert meeting.state == "regular.held"
    assert [t for _, t in engine.deadlines() if "notice" in t.explanation] == []


def test_ad_hoc_meetings_decide_by_consensus_and_are_minuted() -> None:
    special = CH.meetings["special"]
    assert_decision(CH, "special", "consensus")
    assert special.decision is not None
    assert_cites(CH, special.decision, file=SRC, article="五、3")
    assert special.minutes is not None
    assert_timing(special.minutes.deadline, "promptly")
    assert_cites(CH, special.minutes, file=SRC, article="五、4")
    engine = Engine(CH)
    rc = Actor("residents_committee")
    meeting = engine.plan_meeting(rc, "special", date(2026, 5, 6), on=date(2026, 5, 1))
    engine.command(meeting.id, "hold", rc, date(2026, 5, 6), present=SEATS)
    with pytest.raises(CommandRefused, match="decides by consensus") as refusal:
        engine.command(meeting.id, "record_decision", rc, date(2026, 5, 6), matter="pump",
                       outcome="passed")  # fmt: skip
    assert refusal.value.rule == "meetings.special.decision"
    votes = [{"voter": b, "body": b, "choice": "yes"} for b in PARTIES]
    engine.command(meeting.id, "record_decision", rc, date(2026, 5, 6), matter="pump",
                   votes=[*votes[:2], {**votes[2], "choice": "no"}])  # fmt: skip
    assert meeting.data.decisions[0].outcome == "failed"
    with pytest.raises(CommandRefused, match="closes once its minutes are drafted") as refusal:
        engine.command(meeting.id, "close", rc, date(2026, 5, 6))
    assert refusal.value.rule == "meetings.special.minutes"
    engine.command(meeting.id, "draft_minutes", rc, date(2026, 5, 7))
    assert meeting.state == "special.minutes_drafted"
