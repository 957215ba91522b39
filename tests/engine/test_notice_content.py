"""What a notice must state (``meetings.<kind>.notice.content``) is enforced.

The charters listed it (time, place, topics …) and ``govrules show`` displayed it,
but ``issue_notice`` was accepted with no contents at all. Now ``issue_notice`` takes
``contents``; a notice that leaves out an item the charter lists is refused with that
rule cited, a charter that lists none requires nothing, and the meeting keeps what
was stated (replayed, shown by ``explain``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

import governance_rules as gr
from governance_rules._store import NewEvent
from governance_rules.errors import InvalidArgument
from tests.engine.refusals import refused, snapshot

OC = gr.Actor("owners_committee", "director")  # oc-agenda-majority: settles time and place
DAY, ON, NOTICE_ON = date(2026, 3, 26), date(2026, 3, 1), date(2026, 3, 10)
TIME_AND_PLACE = {"time": "2026-03-26 14:00", "place": "the estate hall"}


def _planned(engine: gr.Engine) -> gr.Instance:
    return engine.plan_meeting(OC, "regular", DAY, on=ON)


@pytest.mark.parametrize("left_out", ["time", "place"])
def test_a_notice_missing_a_listed_item_is_refused_citing_the_rule(left_out: str) -> None:
    engine = gr.Engine("oc-agenda-majority")  # content: [time, place] (3.1, 4.1 (1))
    meeting = _planned(engine)
    contents = {k: v for k, v in TIME_AND_PLACE.items() if k != left_out}
    contents["topics"] = "the lift"  # more than asked does not make up for what is missing
    version = engine.store.version(meeting.id)
    exc = refused(engine, engine.command, meeting.id, "issue_notice", OC, NOTICE_ON,
                  contents=contents)  # fmt: skip
    assert exc.rule == "meetings.regular.notice.content"
    assert exc.citation is not None
    assert "3.1、4.1 (1)" in exc.citation
    assert f"the notice must state time, place: {left_out} is missing" in str(exc)
    assert exc.allowed == "contents stating at least time, place"  # what the guard allows
    assert engine.store.version(meeting.id) == version
    assert engine.get(meeting.id).state == "regular.planned"


def test_no_contents_at_all_is_refused_where_the_charter_lists_items() -> None:
    engine = gr.Engine("pm-liaison-bimonthly")  # special: [time, topics, materials]
    pc = gr.Actor("property_company", "community_service_office_director")
    meeting = engine.plan_meeting(pc, "special", date(2026, 3, 26), on=ON)
    exc = refused(engine, engine.command, meeting.id, "issue_notice", pc, date(2026, 3, 16))
    assert exc.rule == "meetings.special.notice.content"
    assert "time, topics, materials are missing" in str(exc)


def test_exactly_the_listed_items_pass_and_are_kept_in_order() -> None:
    engine = gr.Engine("oc-agenda-majority")
    meeting = _planned(engine)
    meeting = engine.command(meeting.id, "issue_notice", OC, NOTICE_ON,
                             contents={"place": "the estate hall", "time": "14:00"})  # fmt: skip
    assert meeting.state == "regular.notice_issued"
    assert list(meeting.data.notice_contents.items()) == [
        ("time", ("14:00",)),
        ("place", ("the estate hall",)),
    ]


def test_a_charter_listing_no_content_requires_none() -> None:
    engine = gr.Engine("yangxin-2022")  # a notice with no content listed
    assert engine.charter.meetings["regular"].notice.content == ()  # type: ignore[union-attr]
    party, office = gr.Actor("party_org", "head"), gr.Actor("meeting_office")
    meeting = engine.plan_meeting(party, "regular", date(2026, 4, 28), on=date(2026, 4, 1))
    engine.command(meeting.id, "sign_notice", party, date(2026, 4, 20))
    meeting = engine.command(meeting.id, "issue_notice", office, date(2026, 4, 20))
    assert meeting.state == "regular.notice_issued"
    assert dict(meeting.data.notice_contents) == {}


def test_a_charter_listing_no_content_keeps_contents_given() -> None:
    engine = gr.Engine("model-charter-rc")
    rc = gr.Actor("residents_committee", "director")
    meeting = engine.plan_meeting(rc, "regular", date(2026, 3, 16), on=date(2026, 3, 2))
    meeting = engine.command(meeting.id, "issue_notice", gr.Actor("meeting_office"),
                             date(2026, 3, 6), contents={"topics": ["refuse sorting"]})  # fmt: skip
    assert dict(meeting.data.notice_contents) == {"topics": ("refuse sorting",)}


@pytest.mark.parametrize(
    ("contents", "argument", "what"),
    [
        ({"time": "14:00", "venue": "hall"}, "contents.venue", "not an item a notice states"),
        ({"议题": "x"}, "contents.议题", "not an item a notice states"),
        ({"time": ["14:00", "15:00"]}, "contents", "time is one text (got a list)"),
        ({"place": ["hall"]}, "contents", "place is one text (got a list)"),
        ({"time": ""}, "contents.time", "empty text"),
        ({"time": "   "}, "contents.time", "blank text (no visible character)"),
        ({"topics": []}, "contents.topics", "an empty list"),
        ({"topics": ["x"] * 101}, "contents.topics", "more than 100 items"),
        ({"topics": ("a", 1)}, "contents.topics", "wrong type"),
        ({"place": ("hall",)}, "contents", "place is one text (got a list)"),
        ({"time": "x" * 10_001}, "contents.time", "more than 10,000 characters"),
        ({"topics": ["\udc80"]}, "contents.topics.0", "cannot be kept as UTF-8"),
        ({"time": None}, "contents.time", "wrong type"),
        ({"time": 14}, "contents.time", "wrong type"),
        ({1: "x"}, "contents.1", "wrong type"),
        ({"topics": [["nested"]]}, "contents.topics", "wrong type"),
        ({"materials": {"a": "b"}}, "contents.materials", "wrong type"),
        ({"attendees": [10**5000]}, "contents.attendees", "wrong type"),
        ("time and place", "contents", "wrong type"),
    ],
)
def test_contents_of_the_wrong_shape_are_refused_naming_the_argument(
    contents: Any, argument: str, what: str
) -> None:
    engine = gr.Engine("oc-agenda-majority")
    meeting = _planned(engine)
    before = snapshot(engine)
    with pytest.raises(InvalidArgument) as info:
        engine.command(meeting.id, "issue_notice", OC, NOTICE_ON, contents=contents)
    assert info.value.argument == argument
    assert what in str(info.value)
    assert info.value.allowed is not None
    for item in ("time", "place", "topics", "attendees", "materials"):
        assert item in info.value.allowed
    assert snapshot(engine) == before


def test_a_postponed_meetings_new_notice_must_state_the_items_again() -> None:
    engine = gr.Engine("oc-agenda-majority")
    meeting = _planned(engine)
    engine.command(meeting.id, "issue_notice", OC, NOTICE_ON, contents=TIME_AND_PLACE)
    meeting = engine.command(meeting.id, "postpone", OC, date(2026, 3, 11), date=date(2026, 3, 30))
    assert dict(meeting.data.notice_contents) == {}  # the old notice's contents went with it
    exc = refused(engine, engine.command, meeting.id, "issue_notice", OC, date(2026, 3, 12))
    assert exc.rule == "meetings.regular.notice.content"
    stated = {"time": "2026-03-30 14:00", "place": "the estate hall"}
    meeting = engine.command(meeting.id, "issue_notice", OC, date(2026, 3, 12), contents=stated)
    assert meeting.data.notice_contents["time"] == ("2026-03-30 14:00",)


def test_explain_shows_what_the_notice_stated_and_sqlite_replays_it(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite"
    engine = gr.Engine("oc-agenda-majority", store=gr.EventStore.sqlite(path))
    meeting = _planned(engine)
    contents = {**TIME_AND_PLACE, "topics": ["the lift", "[red]x[/red]\nforged line"]}
    meeting = engine.command(meeting.id, "issue_notice", OC, NOTICE_ON, contents=contents)
    shown = [line for line in engine.explain(meeting.id) if line.lstrip().startswith("notice:")]
    assert shown == [
        "     notice: time: 2026-03-26 14:00; place: the estate hall; "
        "topics: the lift, [red]x[/red]\\x0aforged line"
    ]
    again = gr.Engine("oc-agenda-majority", store=gr.EventStore.sqlite(path))
    assert again.get(meeting.id).data == meeting.data
    assert again.replay(meeting.id).data.notice_contents == meeting.data.notice_contents


def test_an_old_stream_without_contents_still_replays() -> None:
    """Events written before notices kept their contents: no ``notice_contents`` in
    ``changes``. They replay, the meeting having stated nothing on record."""
    engine = gr.Engine("oc-agenda-majority")
    meeting = _planned(engine)
    engine.command(meeting.id, "issue_notice", OC, NOTICE_ON, contents=TIME_AND_PLACE)
    engine.command(meeting.id, "postpone", OC, date(2026, 3, 11), date=date(2026, 3, 30))
    old = gr.MemoryStore()
    written = []
    for event in engine.store.read(meeting.id):
        payload = dict(event.payload)
        payload["changes"] = {
            k: v for k, v in payload.get("changes", {}).items() if k != "notice_contents"
        }
        written.append(NewEvent(event.type, payload, event.actor, event.occurred_at))
    old.append(meeting.id, 0, written)
    assert all("notice_contents" not in e.payload["changes"] for e in old.read(meeting.id))
    replayed = gr.Engine("oc-agenda-majority", store=old).get(meeting.id)
    assert replayed.state == "regular.postponed"
    assert dict(replayed.data.notice_contents) == {}
    assert replayed.data.day == date(2026, 3, 30)


def test_the_guard_is_labelled_with_the_items_on_the_edge() -> None:
    engine = gr.Engine("oc-convened-quarterly")
    meeting = engine.plan_meeting(gr.Actor("owners_committee"), "regular", date(2026, 2, 24),
                                  on=date(2026, 2, 1))  # fmt: skip
    (edge, _), *_ = engine.workflow(meeting).table[("regular.planned", "issue_notice")]
    guards = {g.rule: g.label for g in edge.guards}
    assert guards["meetings.regular.notice.content"] == "states time, place, topics, attendees"
