"""co-building-two-thirds against 000_3a5c8b07dfb4019a.txt (社区共驻共建联席会议制度模版)."""

from __future__ import annotations

from datetime import date

import pytest

from governance_rules._charter.bodies import Membership
from governance_rules._charter.issues import IssueCategoryKind
from governance_rules._decisions import Ballot, Choice, Vote, decide
from governance_rules._engine import Engine
from governance_rules._workflows import Actor
from governance_rules.errors import PermissionDenied
from tests.charters.common import (
    SOURCES,
    assert_cadence,
    assert_cites,
    assert_decision,
    assert_role,
    assert_timing,
    assert_window,
    charter,
    needs_sources,
)

SRC = "000_3a5c8b07dfb4019a.txt"
CH = charter("co-building-two-thirds")


def test_members_are_the_four_named_sides() -> None:
    assert set(CH.member_bodies) == {
        "residents", "party_org", "property_company", "residents_committee",
    }  # fmt: skip
    assert CH.bodies["owners_committee"].membership is Membership.OUTSIDE
    assert_cites(CH, CH.bodies["residents"], file=SRC, article="二、1")


def test_party_secretary_chairs_and_rc_runs_the_secretariat() -> None:
    assert_role(CH, "chair", body="party_org")
    assert CH.roles["chair"].position == "secretary"
    assert_role(CH, "secretariat", body="residents_committee")
    assert_role(CH, "convener", body="residents_committee")
    assert_cites(CH, CH.roles["convener"], file=SRC, article="三、1")


def test_quarterly_meeting_with_five_standing_items() -> None:
    assert_cadence(CH, "regular", months=3, at_least=False)
    assert_window(CH, "regular", 2026, "2026-01-01..2026-03-31", 4)
    agenda = CH.meetings["regular"].agenda
    assert agenda is not None
    assert len(agenda.fixed_items) == 5
    assert agenda.reviews_previous_decisions
    assert_timing(agenda.lead, "in_advance")  # 提前, with no number
    assert agenda.lead is not None
    assert agenda.lead.word == "提前"
    assert "residents" in agenda.collected_by


def test_two_thirds_or_more_is_inclusive() -> None:
    assert_decision(CH, "regular", "supermajority", fraction="2/3", inclusive=True)
    decision = CH.meetings["regular"].decision
    assert decision is not None
    assert decision.threshold is not None
    assert decision.threshold.met(2, 3)  # exactly two-thirds passes (三分之二以上)
    assert decision.threshold.met(6, 9)
    assert not decision.threshold.met(5, 8)
    assert decision.note is not None
    assert "一票否决" in decision.note
    assert any("veto" in q for q in CH.open_questions)
    assert CH.reading("decision") == "two_thirds"
    assert_cites(CH, decision, file=SRC, article="四、1")


def test_responsible_units_act_within_the_time_set() -> None:
    items = CH.meetings["regular"].action_items
    assert items is not None
    assert items.owner_required
    assert items.due_date_required
    assert items.followed_up_by == "chair"
    assert_timing(items.deadline, "unspecified")
    resolutions = CH.information.notifications["resolutions"]
    assert_timing(resolutions.timing, "promptly")
    assert_cites(CH, items, file=SRC, article="四、2")


def test_meetings_and_results_are_published_promptly() -> None:
    publicity = CH.information.publicity
    for key, article in (("meeting_information", "五、1"), ("meeting_results", "五、3")):
        timing = publicity[key].timing
        assert_timing(timing, "promptly")
        assert timing is not None
        assert timing.word == "及时"
        assert_cites(CH, publicity[key], file=SRC, article=article)


def test_residents_suggestion_box() -> None:
    box = CH.information.notifications["suggestion_box"]
    assert box.to == ("joint_meeting",)
    assert "意见箱" in box.what
    assert_cites(CH, box, file=SRC, article="五、2")


def test_residents_requests_are_handled_promptly() -> None:
    requests = CH.issues["residents_requests"]
    assert requests.kind is IssueCategoryKind.COMPLAINT
    assert requests.terminal == "joint_meeting"
    assert_timing(requests.ladder[0].deadlines.resolve, "promptly")


def test_no_minutes_rule_is_invented() -> None:
    regular = CH.meetings["regular"]
    assert regular.minutes is None
    assert regular.notice is None
    assert regular.quorum is None


SEATS = {"party_org": 1, "residents_committee": 1, "property_company": 1, "residents": 3}


def ballot(yes: int, no: int) -> Ballot:
    """``yes`` then ``no`` votes filling the seats in order; the rest are absent."""
    voters = [("p", "party_org"), ("rc", "residents_committee"), ("pc", "property_company"),
              ("r1", "residents"), ("r2", "residents"), ("r3", "residents")]  # fmt: skip
    choices = [Choice.YES] * yes + [Choice.NO] * no
    return Ballot.open(SEATS, [Vote(v, b, c) for (v, b), c in zip(voters, choices, strict=False)])


def test_two_thirds_counts_the_approving_votes_not_all_members() -> None:
    spec = CH.meetings["regular"].decision
    assert spec is not None
    assert spec.base == "votes_cast"
    assert decide(spec, ballot(3, 1)).passed  # 3 yes, 1 no, 2 absent: 3/4 of votes cast
    assert decide(spec, ballot(2, 1)).passed  # exactly two-thirds of the votes
    assert not decide(spec, ballot(3, 2)).passed  # 3/5 < 2/3


def test_the_one_vote_veto_reading_is_kept_and_selectable() -> None:
    point = CH.readings["decision"]
    assert point.rule == "meetings.regular.decision"
    assert point.default == "two_thirds"
    for reading in point.options.values():
        assert_cites(CH, reading, file=SRC, article="四、1")
    veto = CH.with_readings({"decision": "one_vote_veto"})
    spec = veto.meetings["regular"].decision
    assert spec is not None
    assert spec.kind == "veto"
    assert set(spec.veto_holders) == set(CH.member_bodies)
    assert not decide(spec, ballot(5, 1)).passed  # one member against blocks
    assert decide(spec, ballot(4, 0)).passed
    # the default reading passes the same 5-to-1 vote
    default = CH.meetings["regular"].decision
    assert default is not None
    assert decide(default, ballot(5, 1)).passed
    assert veto.reading("decision") == "one_vote_veto"
    assert veto.with_readings({"decision": "two_thirds"}) is CH


# --- fidelity audit: the citation names the template's lines ---


@needs_sources
def test_the_document_cites_the_lines_of_the_template() -> None:
    document = CH.documents["cb"]
    assert document.lines == "263–283"
    first, last = (int(n) for n in str(document.lines).split("–"))
    text = (SOURCES / SRC).read_text(encoding="utf-8").splitlines()
    assert text[first - 1] == document.heading
    assert text[last - 1].startswith("六、")  # the last section, 监督和评估机制
    assert any("二、2 (1)" in q for q in CH.open_questions)  # the yearly plan, not dated


def test_the_secretariat_not_the_first_collector_hands_out_the_agenda() -> None:
    agenda = CH.meetings["regular"].agenda
    assert agenda is not None
    assert agenda.issued_by == "secretariat"
    assert_cites(CH, agenda, file=SRC, article="三、1")
    engine = Engine("co-building-two-thirds")
    rc = Actor("residents_committee")
    meeting = engine.plan_meeting(rc, "regular", date(2026, 4, 1), on=date(2026, 3, 2))
    # the Party committee proposes topics but does not send the agenda out
    with pytest.raises(PermissionDenied):
        engine.command(meeting.id, "set_agenda", Actor("party_org"), date(2026, 3, 4))
    assert engine.command(meeting.id, "set_agenda", rc, date(2026, 3, 4)).state == (
        "regular.agenda_set"
    )
