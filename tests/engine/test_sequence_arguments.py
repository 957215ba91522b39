"""A list-valued command argument takes a tuple as well as a list.

``set_agenda(items=("a", "b"))`` was refused as the wrong type (only a list passed the
strict check), and so were a tuple of votes, of score rows and of a notice's topics.
A bare text is still refused, by name: it would otherwise be read as a sequence of
characters. What a tuple gives is what the same list gives, replayed from SQLite too."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

import governance_rules as gr
from governance_rules.errors import InvalidArgument
from tests.engine.refusals import snapshot

RC = gr.Actor("residents_committee")  # co-building-two-thirds: runs the secretariat
CHAIR = gr.Actor("party_org", "secretary")
OC = gr.Actor("owners_committee", "director")
PARTY = gr.Actor("party_org")
BODIES = ("party_org", "residents_committee", "residents", "property_company")


def _agenda(engine: gr.Engine, items: Any) -> gr.Instance:
    meeting = engine.plan_meeting(RC, "regular", date(2026, 3, 20), on=date(2026, 3, 2))
    return engine.command(meeting.id, "set_agenda", RC, date(2026, 3, 10), items=items)


@pytest.mark.parametrize("kind", [list, tuple])
def test_the_topics_of_the_day_may_be_a_list_or_a_tuple(kind: type, tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite"
    engine = gr.Engine("co-building-two-thirds", store=gr.EventStore.sqlite(path))
    meeting = _agenda(engine, kind(["the lift of building 3", "the gate"]))
    assert meeting.data.agenda[-2:] == ("the lift of building 3", "the gate")
    again = gr.Engine("co-building-two-thirds", store=gr.EventStore.sqlite(path))
    assert again.get(meeting.id).data == meeting.data


@pytest.mark.parametrize(
    ("items", "argument", "what", "got"),
    [
        ("the lift", "items", "wrong type: one text, not a list or tuple of them", "the lift"),
        (b"the lift", "items", "wrong type: one text, not a list or tuple of them", b"the lift"),
        (("the lift", 3), "items.1", "wrong type", 3),
        (["the lift", None], "items.1", "wrong type", None),
        ((t for t in ["the lift"]), "items", "wrong type", None),
        ({"the lift"}, "items", "wrong type", {"the lift"}),
    ],
)
def test_a_bare_text_or_a_topic_that_is_not_text_is_refused_saying_where(
    items: Any, argument: str, what: str, got: Any
) -> None:
    engine = gr.Engine("co-building-two-thirds")
    meeting = engine.plan_meeting(RC, "regular", date(2026, 3, 20), on=date(2026, 3, 2))
    before = snapshot(engine)
    with pytest.raises(InvalidArgument) as info:
        engine.command(meeting.id, "set_agenda", RC, date(2026, 3, 10), items=items)
    assert info.value.argument == argument
    assert str(info.value).startswith(
        f"{meeting.id}: 'set_agenda' argument '{argument}': {what} (got "
    )
    if got is not None:
        assert info.value.got == got
    assert info.value.allowed == "a list or tuple of at most 100 topics, each text"
    assert snapshot(engine) == before


def test_a_tuple_of_votes_counts_as_the_same_list_does() -> None:
    results = []
    for kind in (list, tuple):
        engine = gr.Engine("co-building-two-thirds")
        meeting = _agenda(engine, [])
        engine.command(meeting.id, "hold", CHAIR, date(2026, 3, 20),
                       present=dict.fromkeys(BODIES, 1))  # fmt: skip
        votes = kind({"body": body, "choice": "yes"} for body in BODIES)
        meeting = engine.command(meeting.id, "record_decision", CHAIR, date(2026, 3, 20),
                                 matter="repair the lift", votes=votes,
                                 owner="property_company", due=date(2026, 5, 29))  # fmt: skip
        results.append(meeting.data.decisions)
    assert results[0] == results[1]
    assert results[0][0].outcome == "passed"
    engine = gr.Engine("co-building-two-thirds")
    meeting = _agenda(engine, [])
    engine.command(meeting.id, "hold", CHAIR, date(2026, 3, 20), present=dict.fromkeys(BODIES, 1))
    with pytest.raises(InvalidArgument, match="'votes': wrong type: one text") as info:
        engine.command(meeting.id, "record_decision", CHAIR, date(2026, 3, 20), votes="yes")
    assert info.value.allowed == "a list or tuple of {body, choice, voter?}"


def test_a_tuple_of_score_rows_is_recorded_as_the_same_list_is() -> None:
    recorded = []
    for kind in (list, tuple):
        engine = gr.Engine("yangxin-2022")
        ev = engine.charter.evaluation
        assert ev is not None
        rows = kind((subject, ev.criteria[0].name, "80") for subject in ev.subjects)
        a = engine.open_appraisal(PARTY, 2026, date(2026, 12, 1))
        recorded.append(engine.command(a.id, "record_scores", PARTY, date(2026, 12, 5),
                                       scores=rows).data)  # fmt: skip
    assert recorded[0] == recorded[1]
    engine = gr.Engine("yangxin-2022")
    a = engine.open_appraisal(PARTY, 2026, date(2026, 12, 1))
    with pytest.raises(InvalidArgument, match="'scores': wrong type: one text"):
        engine.command(a.id, "record_scores", PARTY, date(2026, 12, 5), scores="80")


def test_a_notice_may_list_its_topics_in_a_tuple() -> None:
    engine = gr.Engine("oc-agenda-majority")
    meeting = engine.plan_meeting(OC, "regular", date(2026, 3, 26), on=date(2026, 3, 1))
    meeting = engine.command(meeting.id, "issue_notice", OC, date(2026, 3, 10),
                             contents={"time": "14:00", "place": "the estate hall",
                                       "topics": ("the lift", "the gate")})  # fmt: skip
    assert meeting.data.notice_contents["topics"] == ("the lift", "the gate")


@pytest.mark.parametrize("kind", [dict, MappingProxyType])
def test_a_mapping_argument_may_be_any_mapping(kind: Any, tmp_path: Path) -> None:
    """``present`` and a notice's ``contents`` were refused as the wrong type when given
    as a read-only mapping, though the error said a mapping was allowed."""
    path = tmp_path / "events.sqlite"
    engine = gr.Engine("co-building-two-thirds", store=gr.EventStore.sqlite(path))
    meeting = _agenda(engine, [])
    held = engine.command(meeting.id, "hold", CHAIR, date(2026, 3, 20),
                          present=kind(dict.fromkeys(BODIES, 1)))  # fmt: skip
    assert dict(held.data.present) == dict.fromkeys(BODIES, 1)
    again = gr.Engine("co-building-two-thirds", store=gr.EventStore.sqlite(path))
    assert again.get(meeting.id).data == held.data
    notice = gr.Engine("oc-agenda-majority")
    planned = notice.plan_meeting(OC, "regular", date(2026, 3, 26), on=date(2026, 3, 1))
    noticed = notice.command(planned.id, "issue_notice", OC, date(2026, 3, 10),
                             contents=kind({"time": "14:00", "place": "the estate hall",
                                            "topics": ["the lift"]}))  # fmt: skip
    assert noticed.data.notice_contents["place"] == ("the estate hall",)
