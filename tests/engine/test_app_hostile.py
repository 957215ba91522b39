"""An app's view of the engine through the public API only: stored events that were
edited by hand or written by an older version, hostile command arguments, and text
output that must show what it was given literally.

Every failure is the library's own error naming where and what; a refused command
changes nothing; a damaged stream is reported (``Engine.problems``) and never half-used,
while the other streams keep working.
"""

from __future__ import annotations

import copy
import json
import pickle
import shutil
import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

import governance_rules as gr
from tests.engine.refusals import snapshot

PARTY = gr.Actor("party_org", "head")
OFFICE = gr.Actor("meeting_office")
RC = gr.Actor("residents_committee", "environment_and_property_member")
DIRECTOR = gr.Actor("residents_committee", "director")
SECRET = "flat 3-402 leaks"


def _build(path: Path) -> None:
    """A store with one meeting (planned, noticed) and two triaged issues."""
    with gr.EventStore.sqlite(path) as store:
        engine = gr.Engine("yangxin-2022", store=store)
        meeting = engine.plan_meeting(PARTY, "regular", date(2026, 4, 28), on=date(2026, 4, 1))
        engine.command(meeting.id, "sign_notice", PARTY, date(2026, 4, 20))
        engine.command(meeting.id, "issue_notice", OFFICE, date(2026, 4, 20))
        for _ in range(2):
            issue = engine.report_issue(gr.Actor("residents", id="r"), date(2026, 3, 2),
                                        summary=SECRET)  # fmt: skip
            engine.command(issue.id, "triage", RC, date(2026, 3, 2), category="routine")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("stored") / "template.db"
    _build(path)
    return path


@pytest.fixture
def store_file(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "events.db"
    shutil.copy(template, path)  # the WAL was checkpointed when the store closed
    return path


Edit = Callable[[dict[str, Any]], object]


def _set(*path: str, value: object) -> Edit:
    def edit(payload: dict[str, Any]) -> None:
        for key in path[:-1]:
            payload = payload[key]
        payload[path[-1]] = value

    return edit


def _drop(*path: str) -> Edit:
    def edit(payload: dict[str, Any]) -> None:
        for key in path[:-1]:
            payload = payload[key]
        del payload[path[-1]]

    return edit


# (stream, version, edit, what the report says)
STORED = {
    "no state": ("issue-1", 2, _drop("to"), "version 2: a stored event cannot be replayed: to"),
    "unknown state": ("issue-1", 2, _set("to", value="nonsense"), "has no state 'nonsense'"),
    "an earlier event's state": (  # a later event names a known one: still reported
        "meeting-1", 2, _set("to", value="regular.nonsense"),
        "version 2: a stored event cannot be replayed: the meeting workflow has no state",
    ),
    "another kind's state": (
        "meeting-1", 3, _set("to", value="handling.routine.L0_residents_committee.open"),
        "the meeting workflow has no state",
    ),
    "day a number": ("issue-1", 2, _set("on", value=12345), "on is not a date"),
    "day not a date": ("issue-1", 2, _set("on", value="yesterday"), "on is not a date"),
    "no day": ("issue-1", 2, _drop("on"), "on is not a date"),
    "level text": ("issue-1", 2, _set("changes", "level", value="zero"), "changes.level is not"),
    "level past the ladder": ("issue-1", 2, _set("changes", "level", value=99), "no level 99"),
    "level negative": ("issue-1", 2, _set("changes", "level", value=-1), "level -1"),
    "category a number": ("issue-1", 2, _set("changes", "category", value=5), "changes.category"),
    "unknown category": ("issue-1", 2, _set("changes", "category", value="x"), "category 'x'"),
    "changes a list": ("issue-1", 2, _set("changes", value=[1]), "changes is not a mapping"),
    "unknown field": ("issue-1", 2, _set("changes", "bogus", value=1), "unknown field 'bogus'"),
    "args a list": ("issue-1", 2, _set("args", value=[1]), "args is not a mapping"),
    "kind a list": ("issue-1", 1, _set("kind", value=[1]), "unknown workflow kind"),
    "as_of a number": ("issue-1", 1, _set("as_of", value=7), "as_of is not a date"),
    "summary a mapping": ("issue-1", 1, _set("changes", "summary", value={}), "changes.summary"),
    "roles text": ("meeting-1", 1, _set("changes", "roles", value="chair"), "changes.roles"),
    "roster counts text": (
        "meeting-1", 1, _set("changes", "roster", value={"party_org": "x"}), "changes.roster",
    ),
    "review text": ("meeting-1", 1, _set("changes", "review", value="abc"), "not a list"),
    "unknown meeting kind": (
        "meeting-1", 1, _set("changes", "meeting_kind", value="nope"), "meeting kind 'nope'",
    ),
    "decisions not records": (
        "meeting-1", 2, _set("changes", "decisions", value=[1]), "changes.decisions[0]",
    ),
    "decision lacking fields": (
        "meeting-1", 2, _set("changes", "decisions", value=[{"matter": "m"}]), "lacks outcome",
    ),
}  # fmt: skip


def _edit(path: Path, stream: str, seq: int, edit: Edit) -> None:
    with sqlite3.connect(path) as conn:
        query = "SELECT payload FROM governance_events WHERE stream_id = ? AND seq = ?"
        payload = json.loads(conn.execute(query, (stream, seq)).fetchone()[0])
        edit(payload)
        conn.execute("UPDATE governance_events SET payload = ? WHERE stream_id = ? AND seq = ?",
                     (json.dumps(payload), stream, seq))  # fmt: skip
    conn.close()


@pytest.mark.parametrize("case", list(STORED))
def test_a_hand_edited_event_is_reported_and_breaks_no_later_call(
    store_file: Path, case: str
) -> None:
    stream, seq, edit, said = STORED[case]
    _edit(store_file, stream, seq, edit)
    with gr.EventStore.sqlite(store_file) as store:
        engine = gr.Engine("yangxin-2022", store=store)
        assert stream not in [i.id for i in engine.instances()]  # never half-used
        [problem] = engine.problems
        assert problem.startswith(f"{stream}: ")
        assert said in problem
        assert SECRET not in problem
        with pytest.raises(gr.GovernanceRulesError) as info:
            engine.replay(stream)
        assert said in str(info.value)
        with pytest.raises(gr.CommandRefused, match="cannot use it"):
            engine.explain(stream)
        # the other streams keep working, through every call
        assert engine.refresh() == [stream]  # still unusable: read again, still reported
        assert len(engine.problems) == 1
        engine.deadlines()
        engine.open_issues()
        engine.advance_to(date(2026, 12, 31))
        for instance in engine.instances():
            assert engine.explain(instance.id)[0].startswith(instance.id)
        other = "issue-2" if stream == "issue-1" else "issue-1"
        assert engine.command(other, "reply", RC, date(2026, 3, 3)).state.endswith(".replied")


def test_a_stream_with_an_event_deleted_by_hand_is_reported(store_file: Path) -> None:
    with sqlite3.connect(store_file) as conn:
        conn.execute("DELETE FROM governance_events WHERE stream_id = 'meeting-1' AND seq = 1")
    conn.close()
    with gr.EventStore.sqlite(store_file) as store:
        engine = gr.Engine("yangxin-2022", store=store)
        assert "meeting-1" not in [i.id for i in engine.instances()]
        [problem] = engine.problems
        assert problem.startswith("meeting-1: StoreError: meeting-1 version 2: a stored event")
        engine.command("issue-1", "reply", RC, date(2026, 3, 3))  # three events
    with sqlite3.connect(store_file) as conn:
        conn.execute("DELETE FROM governance_events WHERE stream_id = 'issue-1' AND seq = 2")
    conn.close()
    with gr.EventStore.sqlite(store_file) as store:
        engine = gr.Engine("yangxin-2022", store=store)
        assert [i.id for i in engine.instances()] == ["issue-2"]
        assert (
            "issue-1 version 3: a stored event cannot be replayed: version 2 is missing"
            in (engine.problems[1])
        )


def test_an_older_first_event_without_kind_or_as_of_still_replays(store_file: Path) -> None:
    """Streams written before the first event recorded its kind and day: read from the
    stream's name and the event's day."""
    _edit(store_file, "issue-1", 1, lambda p: (p.pop("kind"), p.pop("as_of")))
    with gr.EventStore.sqlite(store_file) as store:
        engine = gr.Engine("yangxin-2022", store=store)
        assert engine.problems == []
        assert engine.get("issue-1").as_of == date(2026, 3, 2)


def test_an_older_decision_record_without_reasons_is_explained(tmp_path: Path) -> None:
    """A decision written before records carried their reasons (a field with a
    default) replays with the default and is explained."""
    path = tmp_path / "events.db"
    with gr.EventStore.sqlite(path) as store:
        engine = gr.Engine("yangxin-2022", store=store)
        meeting = engine.plan_meeting(PARTY, "regular", date(2026, 4, 28), on=date(2026, 4, 1))
        engine.command(meeting.id, "sign_notice", PARTY, date(2026, 4, 20))
        for step, day in (("issue_notice", date(2026, 4, 20)), ("set_agenda", date(2026, 4, 21))):
            engine.command(meeting.id, step, OFFICE, day)
        engine.command(meeting.id, "hold", PARTY, date(2026, 4, 28), present={"party_org": 1})
        engine.command(meeting.id, "record_decision", PARTY, date(2026, 4, 28), matter="lift",
                       outcome="passed")  # fmt: skip

    def older(payload: dict[str, Any]) -> None:
        for record in payload["changes"]["decisions"]:
            del record["reasons"], record["declared"]

    _edit(path, meeting.id, 6, older)
    with gr.EventStore.sqlite(path) as store:
        engine = gr.Engine("yangxin-2022", store=store)
        assert engine.problems == []
        assert engine.get(meeting.id).data.decisions[0].reasons == ()
        assert engine.explain(meeting.id)[-1] == "     decision lift: passed — "


# -- hostile arguments through the public API ------------------------------------------


class _BadRepr:
    def __repr__(self) -> str:
        raise RuntimeError("no repr")


def _deep(levels: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(levels):
        value = [value]
    return value


HUGE = 10**5000  # longer than Python turns into text by default
DEEP = _deep(5000)  # deeper than repr can go
LONG = "x" * 200_000
ON = date(2026, 4, 2)
HOSTILE_VALUES = {"huge int": HUGE, "deep list": DEEP, "long text": LONG,
                  "unhashable": ["issue-1"], "bad repr": _BadRepr()}  # fmt: skip

Call = Callable[[gr.Engine, Any], object]
CALLS: dict[str, Call] = {
    "report_issue on": lambda e, v: e.report_issue(gr.Actor("residents"), v),
    "report_issue summary": lambda e, v: e.report_issue(gr.Actor("residents"), ON, summary=v),
    "actor id": lambda e, v: e.report_issue(gr.Actor("residents", id=v), ON),
    "command stream": lambda e, v: e.command(v, "reply", RC, ON),
    "command trigger": lambda e, v: e.command("issue-1", v, RC, ON),
    "command day": lambda e, v: e.command("issue-1", "reply", RC, v),
    "command argument": lambda e, v: e.command("issue-1", "reply", RC, ON, category=v),
    "triage category": lambda e, v: e.command("issue-2", "triage", RC, ON, category=v),
    "plan_meeting kind": lambda e, v: e.plan_meeting(PARTY, v, date(2026, 6, 26), on=ON),
    "plan_meeting day": lambda e, v: e.plan_meeting(PARTY, "regular", v, on=ON),
    "plan_meeting override": lambda e, v: e.plan_meeting(
        PARTY, "regular", date(2026, 6, 26), on=ON, override=v
    ),
    "plan_meeting roster": lambda e, v: e.plan_meeting(
        PARTY, "regular", date(2026, 6, 26), on=ON, roster={"party_org": v}
    ),
    "plan_meeting rotation": lambda e, v: e.plan_meeting(
        PARTY, "regular", date(2026, 6, 26), on=ON, rotation=v
    ),
    "elect term": lambda e, v: e.elect(v, gr.Actor("owners_assembly"), ON, members=7),
    "elect members": lambda e, v: e.elect(
        "owners_committee", gr.Actor("owners_assembly"), ON, members=v
    ),
    "open_appraisal year": lambda e, v: e.open_appraisal(PARTY, v, ON),
    "advance_to": lambda e, v: e.advance_to(v),
    "deadlines": lambda e, v: e.deadlines(v),
    "overdue": lambda e, v: e.overdue(v),
    "instances": lambda e, v: e.instances(v),
    "get": lambda e, v: e.get(v),
    "explain": lambda e, v: e.explain(v),
    "migrate day": lambda e, v: e.migrate("issue-1", RC, v),
}


def _engine() -> gr.Engine:
    engine = gr.Engine("yangxin-2022")
    engine.plan_meeting(PARTY, "regular", date(2026, 4, 28), on=date(2026, 4, 1))
    issue = engine.report_issue(gr.Actor("residents", id="r"), date(2026, 3, 2))
    engine.command(issue.id, "triage", RC, date(2026, 3, 2), category="routine")
    engine.report_issue(gr.Actor("residents", id="r"), date(2026, 3, 2))  # not triaged yet
    return engine


def _snapshot(engine: gr.Engine) -> object:
    return (
        [(i.id, i.state, i.version, repr(i.data)) for i in engine.instances()],
        {s: engine.store.version(s) for s in engine.store.streams()},
        [(i.id, t.due, t.trigger) for i, t in engine.deadlines()],
    )


@pytest.mark.parametrize("value", list(HOSTILE_VALUES))
@pytest.mark.parametrize("call", list(CALLS))
def test_a_hostile_value_is_refused_by_the_librarys_error_and_changes_nothing(
    call: str, value: str
) -> None:
    engine = _engine()
    before = _snapshot(engine)
    with pytest.raises(gr.GovernanceRulesError) as info:
        CALLS[call](engine, HOSTILE_VALUES[value])
    assert len(str(info.value)) < 2_000  # says where and what, not the whole value
    assert _snapshot(engine) == before


@pytest.mark.parametrize("value", [datetime(2026, 10, 1, 9), "2026-10-01", None, 5])
def test_deadline_queries_take_a_date_and_say_so(value: object) -> None:
    engine = gr.Engine("model-charter-rc")
    engine.plan_meeting(gr.Actor("residents_committee", "director"), "regular",
                        date(2026, 10, 9), on=date(2026, 9, 1))  # fmt: skip
    with pytest.raises(gr.InvalidArgument, match=r"a datetime\.date"):
        engine.overdue(value)  # type: ignore[arg-type]
    if value is not None:  # deadlines(None): every deadline
        with pytest.raises(gr.InvalidArgument, match=r"a datetime\.date"):
            engine.deadlines(value)  # type: ignore[arg-type]
    assert len(engine.deadlines(date.max)) == len(engine.deadlines()) == 1


def test_instances_of_an_unknown_kind_is_refused_not_an_empty_list() -> None:
    engine = _engine()
    with pytest.raises(gr.InvalidArgument, match="appraisal, issue, meeting, term"):
        engine.instances("issues")
    assert [i.id for i in engine.instances("issue")] == ["issue-1", "issue-2"]


@pytest.mark.parametrize("override", [b"reason", 3, float("nan"), ["a"], "x" * 10_001], ids=repr)
def test_an_override_is_a_reason_in_text(override: object) -> None:
    engine = _engine()
    before = _snapshot(engine)
    with pytest.raises(gr.InvalidArgument, match="override"):
        engine.plan_meeting(PARTY, "regular", date(2026, 3, 10), on=date(2026, 3, 1),
                            override=override)  # type: ignore[arg-type]  # fmt: skip
    assert _snapshot(engine) == before
    planned = engine.plan_meeting(PARTY, "regular", date(2026, 3, 10), on=date(2026, 3, 1),
                                  override="the hall is booked")  # fmt: skip
    assert planned.data.override == "the hall is booked"


# -- untrusted text in the library's own lines -------------------------------------------

EVIL = "[bold]x[/bold]\x1b[31mRED\n  9. 2026-05-01 close by street_office → closed\u202e"
SHOWN = "[bold]x[/bold]\\x1b[31mRED\\x0a  9. 2026-05-01 close by street_office → closed\\u202e"


def test_explain_and_deadlines_show_a_callers_text_literally_on_one_line() -> None:
    engine = gr.Engine("yangxin-2022")
    meeting = engine.plan_meeting(PARTY, "regular", date(2026, 3, 10), on=date(2026, 3, 1),
                                  override=EVIL)  # fmt: skip
    engine.command(meeting.id, "sign_notice", PARTY, date(2026, 3, 2))
    for step, day in (("issue_notice", date(2026, 3, 2)), ("set_agenda", date(2026, 3, 3))):
        engine.command(meeting.id, step, OFFICE, day)
    present = {"party_org": 1, "residents_committee": 1, "owners_committee": 1,
               "property_company": 1}  # fmt: skip
    engine.command(meeting.id, "hold", PARTY, date(2026, 3, 10), present=present)
    engine.command(meeting.id, "record_decision", PARTY, date(2026, 3, 10), matter=EVIL,
                   outcome="passed", owner="property_company", due=date(2026, 4, 20))  # fmt: skip
    lines = engine.explain(meeting.id)
    [deadline] = [timer.explanation for _, timer in engine.deadlines()]
    for line in (*lines, deadline):
        assert not any(c in line for c in "\n\x1b\u202e"), line
    assert f"(planned outside the charter's rule: {SHOWN})" in lines[1]
    assert f"     decision {SHOWN}: passed" in "\n".join(lines)
    assert f"({SHOWN})" in deadline  # markup kept as text, controls escaped
    assert engine.get(meeting.id).data.decisions[0].matter == EVIL  # the data stay as given


@pytest.mark.parametrize("count", [9, -1, "3", True, 10**30], ids=repr)
def test_a_composition_count_out_of_range_is_named_with_its_value(count: object) -> None:
    engine = gr.Engine("cn-national-baseline")
    with pytest.raises(gr.InvalidArgument) as info:
        engine.elect("owners_committee", gr.Actor("owners_assembly"), date(2026, 5, 18),
                     members=7, women=2, party_members=count)  # fmt: skip
    assert info.value.argument == "party_members"
    assert info.value.got == count
    assert "from 0 to 7" in str(info.value)
    assert engine.instances() == []


# -- a store that fails for a moment ------------------------------------------------------


class _Flaky:
    """An app's own store (any object with the four methods) whose writes fail on demand."""

    def __init__(self) -> None:
        self.inner = gr.MemoryStore()
        self.failures = 0

    def append(self, stream_id: str, expected_version: int, events: list[Any]) -> list[Any]:
        if self.failures:
            self.failures -= 1
            raise gr.StoreError("the database went away", where="test")
        return self.inner.append(stream_id, expected_version, events)

    def read(self, stream_id: str, after: int = 0) -> list[gr.Event]:
        return self.inner.read(stream_id, after)

    def streams(self, prefix: str = "") -> list[str]:
        return self.inner.streams(prefix)

    def version(self, stream_id: str) -> int:
        return self.inner.version(stream_id)


def test_a_deadline_whose_event_could_not_be_written_fires_next_time() -> None:
    store = _Flaky()
    engine = gr.Engine("model-charter-rc", store=store)
    for day in (date(2026, 10, 9), date(2026, 11, 13)):
        engine.plan_meeting(DIRECTOR, "regular", day, on=date(2026, 9, 1), override="test")
    store.failures = 1
    with pytest.raises(gr.StoreError, match="went away"):
        engine.advance_to(date(2026, 12, 1))
    assert [i.id for i, _ in engine.overdue(date(2026, 12, 1))] == ["meeting-1", "meeting-2"]
    fired = engine.advance_to(date(2026, 12, 1))
    assert [f.stream_id for f in fired] == ["meeting-1", "meeting-2"]
    assert engine.overdue(date(2026, 12, 1)) == []


def test_a_meetings_data_cannot_be_changed_through_the_instance(store_file: Path) -> None:
    """The roster, roles and attendance an app reads are read-only, live or replayed: an
    app that writes to them would change who may act without an event."""
    engine = gr.Engine("yangxin-2022")
    meeting = engine.plan_meeting(PARTY, "regular", date(2026, 4, 28), on=date(2026, 4, 1))
    engine.command(meeting.id, "sign_notice", PARTY, date(2026, 4, 20))
    engine.command(meeting.id, "issue_notice", OFFICE, date(2026, 4, 20))
    held = engine.command(meeting.id, "hold", PARTY, date(2026, 4, 28),
                          present=dict.fromkeys(meeting.data.roster, 1))  # fmt: skip
    with gr.EventStore.sqlite(store_file) as store:
        replayed = gr.Engine("yangxin-2022", store=store).instances("meeting")[0]
    for data in (held.data, replayed.data):
        for mapping in (data.roster, data.roles, data.present):
            with pytest.raises(TypeError):
                mapping["residents"] = 1  # type: ignore[index]
    assert dict(held.data.present) == dict.fromkeys(meeting.data.roster, 1)
    assert dict(replayed.data.roles) == dict(meeting.data.roles)
    # still copyable and picklable (an app may cache it or hand it to another process)
    assert copy.deepcopy(held) == held
    again = pickle.loads(pickle.dumps(held))
    assert again == held
    assert type(again.data.present) is type(held.data.present)


def test_a_command_whose_deadline_falls_past_the_calendar_is_refused_clearly() -> None:
    """A five-year term elected late in 2036 would end in 2041, past the calendar's data:
    the refusal names the command and the day, and nothing is stored."""
    engine = gr.Engine("yangxin-2022")
    assembly = gr.Actor("owners_assembly")
    with pytest.raises(gr.DateOutOfRangeError) as refused:
        engine.elect("owners_committee", assembly, date(2036, 12, 20), members=5)
    assert refused.value.where == "term-1"
    assert refused.value.got == "2041-12-20"
    assert "'elect' sets a deadline the calendar cannot count" in str(refused.value)
    assert refused.value.allowed == "2001-01-01 to 2036-12-31"
    assert engine.instances() == []
    assert engine.store.version("term-1") == 0
    term = engine.elect("owners_committee", assembly, date(2031, 6, 2), members=5)
    assert term.data.elected_on == date(2031, 6, 2)


def test_an_instance_is_read_only_to_the_app_and_stays_live() -> None:
    """An app's reference moves with the engine, but writing to it is refused: a state
    set by hand would make later commands disagree with the event log."""
    engine = gr.Engine("yangxin-2022")
    issue = engine.report_issue(gr.Actor("residents", id="r"), date(2026, 3, 2))
    for name, value in (("state", "closed"), ("version", 9), ("data", None)):
        with pytest.raises(AttributeError):  # dataclasses.FrozenInstanceError
            setattr(issue, name, value)
    engine.command(issue.id, "triage", RC, date(2026, 3, 2), category="routine")
    assert issue.state == "handling.routine.L0_residents_committee.open"  # still live
    assert issue.version == 2
    with pytest.raises(TypeError):
        hash(issue)  # it moves: not a dictionary key


def test_a_refusal_quotes_an_unknown_command_on_one_line() -> None:
    """A command name is the caller's text: the message quotes it escaped, so a log line
    cannot be forged; a triage without a category says so."""
    engine = gr.Engine("yangxin-2022")
    issue = engine.report_issue(gr.Actor("residents", id="r"), date(2026, 3, 2))
    with pytest.raises(gr.CommandRefused) as refused:
        engine.command(issue.id, "reply\n  2. 2026-03-02 close by residents", RC, date(2026, 3, 2))
    assert "\n" not in str(refused.value)
    assert str(refused.value).startswith("issue-1: 'reply\\n  2. 2026-03-02 close")
    with pytest.raises(gr.CommandRefused, match=r"no issue category given .*; allowed: routine"):
        engine.command(issue.id, "triage", RC, date(2026, 3, 2))
    assert engine.get(issue.id).state == "reported"


class _Everyone(str):
    """Text that claims to equal any other text."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    __hash__ = str.__hash__


def test_an_actor_of_text_that_equals_everything_passes_no_who_check() -> None:
    """The engine compares the actor's own text: a caller's __eq__ never decides who may."""
    import enum  # noqa: PLC0415

    engine = gr.Engine("yangxin-2022")
    issue = engine.report_issue(gr.Actor("residents", id="r1"), date(2026, 3, 2))

    class Body(enum.StrEnum):  # an app's own names for the bodies work as their text
        RC = "residents_committee"

    actor = gr.Actor(Body.RC, "environment_and_property_member")
    moved = engine.command(issue.id, "triage", actor, date(2026, 3, 2), category="routine")
    assert moved.state.startswith("handling.routine.")
    stored = engine.store.read(issue.id)[-1].actor
    assert type(stored) is str
    assert "residents_committee" in stored
    engine.command(issue.id, "reply", actor, date(2026, 3, 3))
    engine.command(issue.id, "resolve", actor, date(2026, 3, 4))
    # only the resident who reported it closes it: an id that "equals" r1 is not r1
    with pytest.raises(gr.PermissionDenied, match="r1"):
        engine.command(issue.id, "close", gr.Actor("residents", id=_Everyone("zz")),
                       date(2026, 3, 5))  # fmt: skip
    assert (issue.state.rsplit(".", 1)[-1], issue.version) == ("resolved", 4)


def test_explains_pending_line_shows_a_local_charters_citation_on_one_line(
    tmp_path: Path,
) -> None:
    # a local file's double-quoted YAML can hold a newline and an escape in an article
    local = tmp_path / "forged.yaml"
    local.write_text(
        "id: forged\ntitle: {zh: 伪造, en: Forged}\njurisdiction: {zh: 示例, en: Example}\n"
        "extends: model-charter-rc\nmeetings:\n  regular:\n    notice:\n      lead: 1 week\n"
        '      source: {doc: mc, article: "rule 1\\n  2. 2026-09-02 cancel by street_office'
        ' \\e[2J", summary: notice one week ahead}\n',
        encoding="utf-8",
    )
    engine = gr.Engine(str(local))
    meeting = engine.plan_meeting(gr.Actor("residents_committee", "director"), "regular",
                                  date(2026, 10, 9), on=date(2026, 9, 1))  # fmt: skip
    [pending] = [line for line in engine.explain(meeting.id) if "pending:" in line]
    assert not any(c in pending for c in "\n\x1b"), pending
    assert pending.endswith("rule 1\\x0a  2. 2026-09-02 cancel by street_office \\x1b[2J")


@pytest.mark.parametrize("part", ["body", "position", "id"])
@pytest.mark.parametrize("bad", ["flat\x00-1", "flat\udc80"], ids=["NUL", "lone surrogate"])
def test_an_actor_no_store_could_keep_is_an_invalid_argument_and_nothing_is_written(
    part: str, bad: str
) -> None:
    engine = gr.Engine("yangxin-2022")
    parts = {"body": "residents", "position": None, "id": "flat-1"} | {part: bad}
    before = snapshot(engine)
    with pytest.raises(gr.InvalidArgument) as info:
        engine.report_issue(gr.Actor(**parts), date(2026, 3, 2))  # type: ignore[arg-type]
    assert (info.value.argument, info.value.got) == ("actor", bad)
    assert "without NUL characters or unpaired surrogates" in str(info.value)
    assert snapshot(engine) == before
