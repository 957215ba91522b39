"""The agenda's standing parts (``agenda.fixed_items``, ``reviews_previous_decisions``)
are on every agenda the engine records, before the topics of the day; they were shown
by ``govrules show`` and enforced nowhere (``set_agenda`` took no topics)."""

from __future__ import annotations

from datetime import date

import pytest

import governance_rules as gr
from governance_rules.errors import InvalidArgument, PermissionDenied

RC = gr.Actor("residents_committee")
CHAIR = gr.Actor("party_org", "secretary")


def _planned(engine: gr.Engine, day: date, on: date) -> gr.Instance:
    return engine.plan_meeting(RC, "regular", day, on=on)


def test_the_standing_parts_come_first_then_the_topics_and_replay_alike() -> None:
    engine = gr.Engine("co-building-two-thirds")
    fixed = engine.charter.meetings["regular"].agenda.fixed_items  # type: ignore[union-attr]
    meeting = _planned(engine, date(2026, 3, 20), date(2026, 3, 2))
    meeting = engine.command(meeting.id, "set_agenda", RC, date(2026, 3, 10),
                             items=["the lift of building 3", "<b>[red]x[/red]</b>"])  # fmt: skip
    assert meeting.data.agenda == (
        *fixed,
        "earlier decisions to review: no action item open",
        "the lift of building 3",
        "<b>[red]x[/red]</b>",
    )
    assert len(fixed) == 5
    again = gr.Engine("co-building-two-thirds", store=engine.store)
    assert again.get(meeting.id).data.agenda == meeting.data.agenda
    shown = [line for line in engine.explain(meeting.id) if line.lstrip().startswith("agenda:")]
    assert shown == ["     agenda: " + "; ".join(meeting.data.agenda)]


def test_the_review_lists_the_action_items_open_when_the_meeting_was_planned() -> None:
    engine = gr.Engine("co-building-two-thirds")
    first = _planned(engine, date(2026, 3, 20), date(2026, 3, 2))
    engine.command(first.id, "set_agenda", RC, date(2026, 3, 10))
    engine.command(first.id, "hold", CHAIR, date(2026, 3, 20),
                   present={"party_org": 1, "residents_committee": 1, "residents": 1,
                            "property_company": 1})  # fmt: skip
    votes = [{"body": b, "choice": "yes"} for b in
             ("party_org", "residents_committee", "residents", "property_company")]  # fmt: skip
    engine.command(first.id, "record_decision", CHAIR, date(2026, 3, 20), matter="repair the lift",
                   votes=votes, owner="property_company", due=date(2026, 5, 29))  # fmt: skip
    second = _planned(engine, date(2026, 6, 23), date(2026, 6, 1))
    second = engine.command(second.id, "set_agenda", RC, date(2026, 6, 10))
    assert second.data.agenda[-1] == f"earlier decisions to review: {first.id}#0: repair the lift"


def test_a_charter_without_standing_parts_keeps_only_the_topics() -> None:
    engine = gr.Engine("yangxin-2022")
    party, office = gr.Actor("party_org", "head"), gr.Actor("meeting_office")
    meeting = engine.plan_meeting(party, "regular", date(2026, 4, 28), on=date(2026, 4, 1))
    engine.command(meeting.id, "sign_notice", party, date(2026, 4, 20))
    engine.command(meeting.id, "issue_notice", office, date(2026, 4, 20))
    meeting = engine.command(meeting.id, "set_agenda", office, date(2026, 4, 21),
                             items=["refuse station"])  # fmt: skip
    assert meeting.data.agenda == ("refuse station",)


@pytest.mark.parametrize(
    ("items", "what"),
    [
        ("one topic", "wrong type"),
        ([1], "wrong type"),
        (["x"] * 101, "'items': more than 100 items"),
        (["x" * 10_001], r"'items.0': more than 10,000 characters"),
        (["\udc80"], r"'items.0': text that cannot be kept as UTF-8 \(an unpaired surrogate\)"),
    ],
)
def test_topics_that_are_not_a_short_list_of_text_are_refused(items: object, what: str) -> None:
    engine = gr.Engine("co-building-two-thirds")
    meeting = _planned(engine, date(2026, 3, 20), date(2026, 3, 2))
    with pytest.raises(InvalidArgument, match=what):
        engine.command(meeting.id, "set_agenda", RC, date(2026, 3, 10), items=items)
    assert engine.get(meeting.id).state == "regular.planned"


def test_the_secretariat_is_named_as_the_role_it_is() -> None:
    engine = gr.Engine("co-building-two-thirds")
    meeting = _planned(engine, date(2026, 3, 20), date(2026, 3, 2))
    with pytest.raises(PermissionDenied, match="may only be issued by the secretariat") as info:
        engine.command(meeting.id, "set_agenda", gr.Actor("owners_committee"), date(2026, 3, 10))
    assert info.value.allowed == "residents_committee"
