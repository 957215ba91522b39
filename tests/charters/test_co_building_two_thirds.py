"""co-building-two-thirds against 000_3a5c8b07dfb4019a.txt (社区共驻共建联席会议制度模版)."""

from __future__ import annotations

from governance_rules._charter.bodies import Membership
from governance_rules._charter.issues import IssueCategoryKind
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
    assert_timing(agenda.lead, "unspecified")
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
