"""yayuan-monthly's release approval (第四条) in the engine, under both readings."""

from __future__ import annotations

from datetime import date

import pytest

from governance_rules._charter import load_charter, load_charter_text
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules._engine import Engine
from governance_rules._store import MemoryStore
from governance_rules._workflows import Actor, Instance
from governance_rules.errors import CommandRefused
from tests.engine.notices import STATED

ROSTER = {"owners_committee": 5, "supervisory_committee": 3, "property_company": 1}

DIRECTOR = Actor("owners_committee", "director", "oc-dir")


OFFICE = Actor("meeting_office")
ALL_AGREE = {"owners_committee": 5, "supervisory_committee": 3}


def planned(reading: str) -> tuple[Engine, Instance]:
    charter = load_charter("yayuan-monthly", readings={"release_approval": reading})
    engine = Engine(charter, store=MemoryStore())
    meeting = engine.plan_meeting(DIRECTOR, "regular", date(2026, 6, 26), on=date(2026, 6, 1),
                                  roster=ROSTER)  # fmt: skip
    return engine, meeting


def drafted(reading: str) -> tuple[Engine, Instance]:
    engine, meeting = planned(reading)
    mid = meeting.id
    engine.command(
        mid, "issue_notice", OFFICE, date(2026, 6, 19), contents=STATED, approvals=ALL_AGREE
    )
    # the agenda is the convener group's: the OC director is one of its seats (第二条)
    engine.command(mid, "set_agenda", DIRECTOR, date(2026, 6, 20))
    engine.command(mid, "hold", DIRECTOR, date(2026, 6, 26), present=ROSTER)
    recorder = engine.workflow(meeting).table[("regular.held", "draft_minutes")][0][0]
    drafter = Actor(recorder.who(meeting, None, engine.context(meeting))[0])  # type: ignore[arg-type]
    engine.command(mid, "draft_minutes", drafter, date(2026, 6, 27))
    return engine, meeting


def sign(engine: Engine, meeting: Instance, body: str, count: int) -> None:
    prefix = "oc" if body == "owners_committee" else "sc"
    for i in range(count):
        engine.command(meeting.id, "sign_minutes", Actor(body, id=f"{prefix}{i}"),
                       date(2026, 6, 28))  # fmt: skip


@pytest.mark.parametrize(
    ("oc", "sc", "per_body", "pooled"),
    [
        (3, 2, True, True),  # 3/5 and 2/3
        (5, 0, False, True),  # 5/8 overall, none of the supervisory committee
        (2, 2, False, False),  # 4/8 is exactly half overall
        (4, 1, False, True),  # 1/3 of the supervisory committee; 5/8 overall
    ],
)
def test_minutes_released_under_each_reading(
    oc: int, sc: int, per_body: bool, pooled: bool
) -> None:
    for reading, released in (("per_body", per_body), ("pooled", pooled)):
        engine, meeting = drafted(reading)
        sign(engine, meeting, "owners_committee", oc)
        sign(engine, meeting, "supervisory_committee", sc)
        state = "regular.minutes_approved" if released else "regular.minutes_drafted"
        assert meeting.state == state, reading


def test_per_body_reading_says_which_committee_is_short() -> None:
    engine, meeting = drafted("per_body")
    sign(engine, meeting, "owners_committee", 5)
    assert meeting.state == "regular.minutes_drafted"
    with pytest.raises(CommandRefused, match="only members of owners_committee"):
        engine.command(meeting.id, "sign_minutes", Actor("property_company", id="pc"),
                       date(2026, 6, 28))  # fmt: skip
    sign(engine, meeting, "supervisory_committee", 1)
    assert meeting.state == "regular.minutes_drafted"  # 1 of 3 is not more than half
    engine.command(meeting.id, "sign_minutes", Actor("supervisory_committee", id="sc9"),
                   date(2026, 6, 29))  # fmt: skip
    assert meeting.state == "regular.minutes_approved"


def test_guard_labels_name_the_counting() -> None:
    engine, meeting = drafted("per_body")
    edges = engine.workflow(meeting).table[("regular.minutes_drafted", "sign_minutes")]
    labels = {g.label for edge, _ in edges for g in edge.guards}
    assert "approval > 1/2 of owners_committee, supervisory_committee (each body)" in labels


@pytest.mark.parametrize(
    ("oc", "sc", "per_body", "pooled"),
    [(3, 2, True, True), (5, 0, False, True), (3, 1, False, False), (2, 3, False, True)],
)
def test_notice_goes_out_only_with_the_approval(
    oc: int, sc: int, per_body: bool, pooled: bool
) -> None:
    approvals = {"owners_committee": oc, "supervisory_committee": sc}
    for reading, issued in (("per_body", per_body), ("pooled", pooled)):
        engine, meeting = planned(reading)
        if issued:
            engine.command(meeting.id, "issue_notice", OFFICE, date(2026, 6, 19),
                           contents=STATED, approvals=approvals)  # fmt: skip
            assert meeting.state == "regular.notice_issued", reading
        else:
            with pytest.raises(CommandRefused, match=r"members .*approved; the charter needs"):
                engine.command(meeting.id, "issue_notice", OFFICE, date(2026, 6, 19),
                               contents=STATED, approvals=approvals)  # fmt: skip
            assert meeting.state == "regular.planned", reading


@pytest.mark.parametrize(
    ("approvals", "message"),
    [
        ({}, r"0 of 8 members of owners_committee, supervisory_committee have approved"),
        ({"property_company": 1}, r"'property_company' does not approve the notice; allowed: "
                                  r"owners_committee, supervisory_committee"),
        ({"owners_committee": 6}, r"owners_committee: 6 approvals; allowed 0 to 5"),
        ({"owners_committee": -1}, r"approvals"),
    ],
)  # fmt: skip
def test_notice_approvals_are_checked(approvals: dict[str, int], message: str) -> None:
    engine, meeting = planned("pooled")
    with pytest.raises(CommandRefused, match=message):
        engine.command(meeting.id, "issue_notice", OFFICE, date(2026, 6, 19),
                       contents=STATED, approvals=approvals)  # fmt: skip
    assert meeting.state == "regular.planned"


NO_NOTICE_APPROVAL = """\
id: yayuan-no-notice-approval
extends: yayuan-monthly
title: yayuan-monthly without the notice approval
jurisdiction: a test estate
documents:
  t: {kind: guide, file: engine-tests, heading: test variant}
readings: null  # its per_body reading sets the notice's approval, dropped here
meetings:
  regular:
    notice:
      sign_off: null
"""


def test_a_notice_without_an_approval_rule_takes_no_approvals() -> None:
    charter = load_charter_text(NO_NOTICE_APPROVAL, name="local.yaml",
                                base_dir=bundled_rulesets_dir())  # fmt: skip
    engine = Engine(charter, store=MemoryStore())
    meeting = engine.plan_meeting(DIRECTOR, "regular", date(2026, 6, 26), on=date(2026, 6, 1),
                                  roster=ROSTER)  # fmt: skip
    with pytest.raises(CommandRefused, match="sets no approval for this notice"):
        engine.command(meeting.id, "issue_notice", OFFICE, date(2026, 6, 19),
                       contents=STATED, approvals=ALL_AGREE)  # fmt: skip
    engine.command(meeting.id, "issue_notice", OFFICE, date(2026, 6, 19), contents=STATED)
    assert meeting.state == "regular.notice_issued"
