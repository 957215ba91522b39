"""yayuan-monthly against 000_3a5c8b07dfb4019a.txt (雅苑新居 three-party joint meeting, 2016)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from governance_rules._charter.bodies import Membership
from governance_rules._charter.meetings import SignOffKind
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules._engine import Engine
from governance_rules._obligations import obligations
from governance_rules._store import MemoryStore
from governance_rules._workflows import Actor
from governance_rules.errors import CommandRefused
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
from tests.engine.notices import STATED

SRC = "000_3a5c8b07dfb4019a.txt"
CH = charter("yayuan-monthly")


def test_oc_supervisory_committee_and_company_without_rc() -> None:
    assert set(CH.member_bodies) == {
        "owners_committee",
        "supervisory_committee",
        "property_company",
    }
    assert CH.bodies["residents_committee"].membership is Membership.OUTSIDE
    assert "party_org" not in CH.bodies
    assert_cites(CH, CH.bodies["supervisory_committee"], file=SRC, article="第一条")
    assert CH.effective == date(2016, 6, 29)


def test_monthly_plus_any_time() -> None:
    assert_cadence(CH, "regular", months=1, at_least=False)
    assert_window(CH, "regular", 2026, "2026-01-01..2026-01-31", 12)
    meetings = [o for o in obligations(CH, 2026) if o.kind == "meeting"]
    assert len(meetings) == 12
    assert set(meetings[0].convener) == {
        "owners_committee", "supervisory_committee", "property_company",
    }  # fmt: skip
    assert CH.meetings["special"].cadence is None
    cadence = CH.meetings["regular"].cadence
    assert cadence is not None
    assert_cites(CH, cadence, file=SRC, article="第三条")


def test_oc_director_or_supervisory_head_chairs() -> None:
    assert_role(CH, "chair", any_of=("owners_committee", "supervisory_committee"))
    assert CH.roles["chair"].position == "director"
    # 第三条: or another member of either committee, entrusted according to the topic
    assert CH.roles["chair"].delegates == ("owners_committee", "supervisory_committee")
    assert_cites(CH, CH.roles["chair"], file=SRC, article="第三条")
    assert_role(CH, "office_head", body="owners_committee")
    assert CH.roles["office_head"].position == "director"
    assert_cites(CH, CH.roles["office_head"], file=SRC, article="第四条")


def test_release_needs_more_than_half_of_all_members_of_both_committees() -> None:
    minutes = CH.meetings["regular"].minutes
    assert minutes is not None
    assert minutes.drafted_by == "meeting_office"
    assert minutes.distribution == ("residents",)
    sign_off = minutes.sign_off
    assert sign_off is not None
    assert sign_off.kind is SignOffKind.APPROVAL
    assert set(sign_off.bodies) == {"owners_committee", "supervisory_committee"}
    threshold = sign_off.threshold
    assert threshold is not None
    assert threshold.describe() == "> 1/2"
    assert not threshold.met(6, 12)  # exactly half of 12 members is not enough (过半数)
    assert threshold.met(7, 12)
    assert_timing(minutes.deadline, "unspecified")
    assert_cites(CH, sign_off, file=SRC, article="第四条")


def test_no_voting_rule_and_no_notice_lead() -> None:
    assert_decision(CH, "regular", "unspecified")
    notice = CH.meetings["regular"].notice
    assert notice is not None
    assert_timing(notice.lead, "in_advance")
    assert notice.to == ("residents",)


def test_quarterly_fee_release_after_joint_meeting_approval() -> None:
    fees = CH.matters["fee_disbursement"]
    assert fees.body == "joint_meeting"
    assert fees.decision.kind == "unspecified"
    assert "operating_costs_each_quarter" in fees.decision.matters
    assert_cites(CH, fees, file=SRC, article="第八条")


@needs_sources
def test_no_personal_name_from_the_source() -> None:
    source = (SOURCES / SRC).read_text(encoding="utf-8")
    match = re.search(r"具体成员如下[:：](.+)", source)
    assert match is not None
    names = [n.strip("。. \n") for n in match.group(1).split("、")]
    assert len(names) == 7
    text = (bundled_rulesets_dir() / "yayuan-monthly.yaml").read_text(encoding="utf-8")
    assert not [n for n in names if n in text]


def test_release_approval_has_two_readings_pooled_by_default() -> None:
    from governance_rules import Verdict, compare  # noqa: PLC0415
    from governance_rules._charter.meetings import Counting  # noqa: PLC0415

    point = CH.readings["release_approval"]
    assert point.rule == "meetings.regular.minutes.sign_off"
    assert point.default == "pooled"
    assert list(point.options) == ["pooled", "per_body"]
    for reading in point.options.values():
        assert_cites(CH, reading, file=SRC, article="第四条")
    pooled = CH.meetings["regular"].minutes
    per_body = CH.with_readings({"release_approval": "per_body"}).meetings["regular"].minutes
    assert pooled is not None
    assert per_body is not None
    assert pooled.sign_off is not None
    assert per_body.sign_off is not None
    assert pooled.sign_off.counted is Counting.TOGETHER
    assert per_body.sign_off.counted is Counting.EACH_BODY
    assert per_body.sign_off.threshold == pooled.sign_off.threshold
    seats = {"owners_committee": 5, "supervisory_committee": 3}
    oc_alone = {"owners_committee": 5, "supervisory_committee": 0}
    assert pooled.sign_off.missing(oc_alone, seats) is None  # 5 of 8
    assert per_body.sign_off.missing(oc_alone, seats) is not None
    for version, minutes in ((CH, pooled), (CH.with_readings({"release_approval": "per_body"}),
                                             per_body)):  # fmt: skip
        notice = version.meetings["regular"].notice
        assert notice is not None
        assert notice.sign_off is not None
        assert_cites(version, notice.sign_off, file=SRC, article="第四条")
        keys = ("kind", "threshold", "bodies", "counted")
        assert [getattr(notice.sign_off, k) for k in keys] == [
            getattr(minutes.sign_off, k) for k in keys
        ]
    comparison = compare("yayuan-monthly")
    for part in ("notice", "minutes"):
        rule = comparison.rule(f"meetings.regular.{part}.sign_off.counted")
        assert rule.values == ("together", "each_body")
        assert rule.verdicts == (Verdict.STRICTER,)
        assert rule.reading == "release_approval"


def test_operating_costs_are_paid_each_quarter() -> None:
    # 第八条: after the joint meeting agrees, operating costs are paid quarter by quarter
    # (按季度拨付); the quarterly payment was recorded in a note only, never dated.
    release = CH.information.periodic["operating_cost_release"]
    assert release.to == ("property_company",)
    assert release.by is None  # the account is co-managed; the payer is not named
    assert_cites(CH, release, file=SRC, article="第八条")
    dated = [
        (o.start, o.end)
        for o in obligations(CH, 2026)
        if o.rule == "information.periodic.operating_cost_release"
    ]
    assert dated == [
        (date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 10, 1), date(2026, 12, 31)),
    ]


def test_ad_hoc_meeting_notice_states_the_four_items_and_needs_the_release_approval() -> None:
    # 第二条: the conveners fix topics, time, place and attendees before any joint meeting;
    # 第四条: the office's notices go to all owners once the two committees agree. Neither is
    # limited to the monthly meeting, so the ad-hoc one (第三条, 随时) has the same notice.
    notice = CH.meetings["special"].notice
    assert notice is not None
    assert [i.value for i in notice.content] == ["topics", "time", "place", "attendees"]
    assert_timing(notice.lead, "in_advance")  # 随时: no number of days, nothing to breach
    assert (notice.issued_by, notice.to) == ("meeting_office", ("residents",))
    assert_cites(CH, notice, file=SRC, article="第二条、第三条、第四条")
    assert notice.sign_off is not None
    assert_cites(CH, notice.sign_off, file=SRC, article="第四条")
    per_body = CH.with_readings({"release_approval": "per_body"}).meetings["special"].notice
    assert per_body is not None
    assert per_body.sign_off is not None
    assert per_body.sign_off.counted is not notice.sign_off.counted

    engine = Engine(CH, store=MemoryStore())
    roster = {"owners_committee": 5, "supervisory_committee": 3, "property_company": 1}
    director = Actor("owners_committee", "director", "oc-dir")
    meeting = engine.plan_meeting(director, "special", date(2026, 6, 26), on=date(2026, 6, 20),
                                  roster=roster)  # fmt: skip
    office = Actor("meeting_office")
    agree = {"owners_committee": 5, "supervisory_committee": 3}
    unlisted = {k: v for k, v in STATED.items() if k != "attendees"}
    with pytest.raises(CommandRefused, match="attendees is missing from contents") as refused:
        engine.command(meeting.id, "issue_notice", office, date(2026, 6, 22), contents=unlisted,
                       approvals=agree)  # fmt: skip
    assert refused.value.rule == "meetings.special.notice.content"
    with pytest.raises(CommandRefused, match="0 of 8 members"):
        engine.command(meeting.id, "issue_notice", office, date(2026, 6, 22), contents=STATED)
    assert meeting.state == "special.planned"
    engine.command(meeting.id, "issue_notice", office, date(2026, 6, 22), contents=STATED,
                   approvals=agree)  # fmt: skip
    assert meeting.state == "special.notice_issued"
