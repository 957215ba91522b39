"""A joint approval decided at a meeting: each body's answer, recorded with record_decision."""

from __future__ import annotations

from datetime import date

import pytest

from governance_rules._charter import Charter, load_charter_text
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules._engine import Engine
from governance_rules._store import MemoryStore
from governance_rules._workflows import Actor, Instance
from governance_rules.errors import CommandRefused

LOCAL = """\
id: rc-joint-meeting-approval
extends: rc-half-yearly
title: rc-half-yearly with company entry decided at a special meeting
jurisdiction: a test community
documents:
  t: {kind: guide, file: engine-tests, heading: test variant}
meetings:
  special:
    decision:
      kind: joint_approval
      bodies: [residents_committee, owners_committee]
      source: {doc: t, summary: both committees approve at the meeting}
"""
ROSTER = {"residents_committee": 5, "owners_committee": 7, "property_company": 1}
DIRECTOR = Actor("owners_committee", "director")
DAY = date(2026, 6, 26)


def charter() -> Charter:
    return load_charter_text(LOCAL, name="local.yaml", base_dir=bundled_rulesets_dir())


def held() -> tuple[Engine, Instance]:
    engine = Engine(charter(), store=MemoryStore())
    meeting = engine.plan_meeting(DIRECTOR, "special", DAY, on=date(2026, 6, 20), roster=ROSTER)
    # rc-half-yearly 第三条: the office's notice goes out signed by the convener
    engine.command(meeting.id, "sign_notice", DIRECTOR, date(2026, 6, 20))
    engine.command(meeting.id, "issue_notice", Actor("meeting_office"), date(2026, 6, 20))
    engine.command(meeting.id, "hold", DIRECTOR, DAY, present=ROSTER)
    return engine, meeting


@pytest.mark.parametrize(
    ("answers", "outcome", "last"),
    [
        ({"residents_committee": "yes", "owners_committee": "同意"}, "passed",
         "every body approved"),
        ({"residents_committee": "yes", "owners_committee": "no"}, "failed",
         "refused by owners_committee: not passed"),
        ({"residents_committee": "yes"}, "failed",
         "waiting for owners_committee: not passed yet"),
    ],
)  # fmt: skip
def test_record_decision_takes_each_bodys_answer(
    answers: dict[str, str], outcome: str, last: str
) -> None:
    engine, meeting = held()
    engine.command(meeting.id, "record_decision", DIRECTOR, DAY, matter="company entry",
                   approvals=answers)  # fmt: skip
    record = meeting.data.decisions[-1]
    assert (record.outcome, record.rule) == (outcome, "joint_approval")
    assert record.reasons[-1] == last


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"approvals": {"property_company": "yes"}},
         "not one of the approving bodies .*allowed: residents_committee, owners_committee"),
        ({"votes": [{"body": "owners_committee", "choice": "yes"}]},
         "a joint approval takes each body's answer, not members' votes"),
        ({"approvals": {"owners_committee": "abstain"}}, "a body approves or refuses"),
    ],
)  # fmt: skip
def test_bad_answers_are_refused(args: dict[str, object], message: str) -> None:
    engine, meeting = held()
    with pytest.raises(CommandRefused, match=message):
        engine.command(meeting.id, "record_decision", DIRECTOR, DAY, **args)
    assert meeting.data.decisions == ()


def test_approvals_belong_to_a_joint_approval_only() -> None:
    variant = LOCAL.replace("kind: joint_approval", "kind: majority_of_votes_cast").replace(
        "      bodies: [residents_committee, owners_committee]\n", ""
    )
    engine = Engine(load_charter_text(variant, name="local.yaml", base_dir=bundled_rulesets_dir()),
                    store=MemoryStore())  # fmt: skip
    meeting = engine.plan_meeting(DIRECTOR, "special", DAY, on=date(2026, 6, 20), roster=ROSTER)
    engine.command(meeting.id, "sign_notice", DIRECTOR, date(2026, 6, 20))
    engine.command(meeting.id, "issue_notice", Actor("meeting_office"), date(2026, 6, 20))
    engine.command(meeting.id, "hold", DIRECTOR, DAY, present=ROSTER)
    with pytest.raises(CommandRefused, match="approvals belong to a joint approval"):
        engine.command(meeting.id, "record_decision", DIRECTOR, DAY,
                       approvals={"owners_committee": "yes"})  # fmt: skip
