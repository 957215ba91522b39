"""yayuan-monthly's release approval (第四条) in the engine, under both readings."""

from __future__ import annotations

from datetime import date

import pytest

from governance_rules._charter import load_charter
from governance_rules._engine import Engine
from governance_rules._store import MemoryStore
from governance_rules._workflows import Actor, Instance
from governance_rules.errors import CommandRefused

ROSTER = {"owners_committee": 5, "supervisory_committee": 3, "property_company": 1}
DIRECTOR = Actor("owners_committee", "director", "oc-dir")


def drafted(reading: str) -> tuple[Engine, Instance]:
    charter = load_charter("yayuan-monthly", readings={"release_approval": reading})
    engine = Engine(charter, store=MemoryStore())
    meeting = engine.plan_meeting(DIRECTOR, "regular", date(2026, 6, 26), on=date(2026, 6, 1),
                                  roster=ROSTER)  # fmt: skip
    mid = meeting.id
    office = engine.workflow(meeting).table[("regular.planned", "issue_notice")][0][0]
    engine.command(mid, "issue_notice", Actor(office.who_label), date(2026, 6, 19))
    agenda = engine.workflow(meeting).table[("regular.notice_issued", "set_agenda")][0][0]
    setter = agenda.who(meeting, None, engine.context(meeting))[0]  # type: ignore[arg-type]
    engine.command(mid, "set_agenda", Actor(setter), date(2026, 6, 20))
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
