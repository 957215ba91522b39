"""The three Jing'an patterns against 000_3a5c8b07dfb4019a.txt (物业管理“三位一体制”, 2.1)."""

from __future__ import annotations

from governance_rules._charter.bodies import BodyKind, Membership
from governance_rules._obligations import obligations
from tests.charters.common import assert_cadence, assert_cites, assert_decision, charter

SRC = "000_3a5c8b07dfb4019a.txt"
INSTITUTIONAL = charter("jingan-three-in-one")
IRREGULAR = charter("jingan-three-in-one-irregular")
EXTENDED = charter("jingan-three-in-one-extended")
THREE = {"owners_committee", "residents_committee", "property_company"}


def test_all_three_are_patterns_of_one_study() -> None:
    for ch in (INSTITUTIONAL, IRREGULAR, EXTENDED):
        assert ch.status == "pattern"
        assert ch.documents["ja"].file == SRC
    assert INSTITUTIONAL.extends == "cn-national-baseline"
    assert IRREGULAR.extends == "jingan-three-in-one"
    assert EXTENDED.extends == "jingan-three-in-one"


def test_the_shares_are_recorded_as_observations() -> None:
    for ch, share in ((INSTITUTIONAL, "26 %"), (IRREGULAR, "40 %"), (EXTENDED, "34 %")):
        assert ch.summary is not None
        assert share in ch.summary
        assert "pattern" in ch.summary  # what the share measures
        assert ch.evaluation is None  # the shares are not targets or appraisal rules


def test_institutional_three_parties_meet_half_monthly_or_monthly() -> None:
    assert set(INSTITUTIONAL.member_bodies) == THREE
    assert_cadence(INSTITUTIONAL, "regular", months=1, at_least=None)
    both = INSTITUTIONAL.meetings["regular"].cadence
    assert both is not None
    assert (both.alternatives, both.times, both.up_to) == (("half_monthly", "monthly"), 1, 2)
    meetings = [o for o in obligations(INSTITUTIONAL, 2026) if o.kind == "meeting"]
    assert len(meetings) == 12
    assert (meetings[1].start.isoformat(), meetings[1].end.isoformat()) == (
        "2026-02-01",
        "2026-02-28",
    )
    assert_decision(INSTITUTIONAL, "regular", "unspecified")
    cadence = INSTITUTIONAL.meetings["regular"].cadence
    assert cadence is not None
    assert cadence.note is not None
    assert "half a month" in cadence.note
    assert_cites(INSTITUTIONAL, cadence, file=SRC, article="2.1 (1)")


def test_irregular_has_no_fixed_meeting() -> None:
    assert "regular" not in IRREGULAR.meetings
    ad_hoc = IRREGULAR.meetings["ad_hoc"]
    assert ad_hoc.cadence is None
    assert not [o for o in obligations(IRREGULAR, 2026) if o.kind == "meeting"]
    assert set(IRREGULAR.member_bodies) == THREE
    assert_cites(IRREGULAR, ad_hoc, file=SRC, article="2.1 (2)")


def test_extended_adds_housing_office_and_police() -> None:
    assert set(EXTENDED.member_bodies) == THREE | {"housing_office", "police"}
    for key in ("housing_office", "police"):
        body = EXTENDED.bodies[key]
        assert body.kind is BodyKind.OTHER
        assert body.membership is Membership.MEMBER
        assert body.label is not None
        assert_cites(EXTENDED, body, file=SRC, article="2.1 (3)")
    police = EXTENDED.bodies["police"].label
    assert police is not None
    assert police.zh == "公安警署"


def test_extended_inherits_no_meeting_interval() -> None:
    assert "regular" not in EXTENDED.meetings
    assert EXTENDED.meetings["extended"].cadence is None
    assert not [o for o in obligations(EXTENDED, 2026) if o.kind == "meeting"]
