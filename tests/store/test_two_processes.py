"""Two apps on one database (a SQLite file, PostgreSQL), each with its own ``Engine``:
what one does, the other sees after ``refresh()`` or is told of by ``ConcurrencyError``;
the charter's rules hold across them; a writer killed mid-command loses no committed
event and leaves no half event; the database replays to the same state."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import governance_rules as gr

PARTY = gr.Actor("party_org", "head")
RC = gr.Actor("residents_committee", "environment_and_property_member")
DIRECTOR = gr.Actor("residents_committee", "director")


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.db'}"
    return str(request.getfixturevalue("pg_url"))


def _state(engine: gr.Engine) -> list[tuple[str, str, int, object]]:
    return [(i.id, i.state, i.version, i.data) for i in engine.instances()]


def test_a_stale_engine_cannot_plan_a_second_meeting_in_a_window(url: str) -> None:
    """The charter allows one regular meeting per window: an engine that has not seen
    the other app's meeting learns of it when it loses the race for the id."""
    with gr.EventStore(url) as one, gr.EventStore(url) as other:
        first, second = (
            gr.Engine("yangxin-2022", store=one),
            gr.Engine("yangxin-2022", store=other),
        )
        first.plan_meeting(PARTY, "regular", date(2026, 4, 28), on=date(2026, 4, 1))
        with pytest.raises(gr.ConcurrencyError, match="another writer planned a meeting first"):
            second.plan_meeting(PARTY, "regular", date(2026, 4, 29), on=date(2026, 4, 1))
        assert [m.id for m in second.instances("meeting")] == ["meeting-1"]  # read it
        with pytest.raises(gr.CommandRefused, match="already has 1 regular meeting"):
            second.plan_meeting(PARTY, "regular", date(2026, 4, 29), on=date(2026, 4, 1))
        assert one.streams() == ["meeting-1"]
        planned = second.plan_meeting(PARTY, "regular", date(2026, 6, 26), on=date(2026, 4, 1))
        assert planned.id == "meeting-2"  # another window: planned at once


def test_advancing_time_in_two_engines_fires_each_deadline_once(url: str) -> None:
    with gr.EventStore(url) as one, gr.EventStore(url) as other:
        first = gr.Engine("model-charter-rc", store=one)
        second = gr.Engine("model-charter-rc", store=other)
        for day in (date(2026, 10, 9), date(2026, 11, 13)):
            first.plan_meeting(DIRECTOR, "regular", day, on=date(2026, 9, 1), override="test")
        assert second.refresh() == ["meeting-1", "meeting-2"]
        fired = first.advance_to(date(2026, 12, 1))
        assert [(f.stream_id, f.event.type) for f in fired] == [
            ("meeting-1", "duty_late"),
            ("meeting-2", "duty_late"),
        ]
        assert second.advance_to(date(2026, 12, 1)) == []  # it was stale: it reads, fires none
        assert _state(second) == _state(first)
        assert second.deadlines() == []
        assert second.overdue(date(2026, 12, 1)) == []
        assert [one.version(s) for s in one.streams()] == [2, 2]


APP = """
import json, sys
from datetime import date
import governance_rules as gr
url, rounds = sys.argv[1], int(sys.argv[2])
RC = gr.Actor("residents_committee", "environment_and_property_member")
PARTY = gr.Actor("party_org", "head")
NEXT = {"open": "reply", "replied": "follow_up", "followed_up": "resolve", "resolved": "close"}
seen = {"done": [], "races": 0, "planned": [], "refused": [], "foreign": []}
with gr.EventStore(url) as store:
    engine = gr.Engine("yangxin-2022", store=store)
    for _ in range(rounds):
        engine.refresh()
        for issue in [i for i in engine.instances("issue") if i.state != "closed"]:
            step = NEXT[issue.state.rsplit(".", 1)[-1]]
            try:
                engine.command(issue.id, step, RC, date(2026, 3, 3))
                seen["done"].append(f"{issue.id} {step}")
                print(f"{issue.id} {step}", flush=True)
            except gr.ConcurrencyError:
                seen["races"] += 1  # the other app moved it: read again next round
            except gr.GovernanceRulesError as exc:
                seen["refused"].append(f"{type(exc).__name__}: {exc}")
            except Exception as exc:
                seen["foreign"].append(f"{type(exc).__name__}: {exc}")
        for _ in range(20):  # both apps try to plan the window's one regular meeting
            try:
                planned = engine.plan_meeting(PARTY, "regular", date(2026, 4, 28),
                                              on=date(2026, 4, 1))
                seen["planned"].append(planned.id)
            except gr.ConcurrencyError:
                continue
            except gr.CommandRefused:
                pass
            except Exception as exc:
                seen["foreign"].append(f"{type(exc).__name__}: {exc}")
            break
        if all(i.state == "closed" for i in engine.instances("issue")):
            break
print(json.dumps(seen), flush=True)
"""


def _issues(url: str, count: int) -> None:
    with gr.EventStore(url) as store:
        engine = gr.Engine("yangxin-2022", store=store)
        for _ in range(count):
            issue = engine.report_issue(gr.Actor("residents", id="r"), date(2026, 3, 2))
            engine.command(issue.id, "triage", RC, date(2026, 3, 2), category="routine")


def _app(url: str, rounds: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-c", APP, url, str(rounds)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip


def _check_replay(url: str, issues: int) -> gr.Engine:
    """A fresh engine replays every stream without a problem, each step once."""
    with gr.EventStore(url) as store:
        engine = gr.Engine("yangxin-2022", store=store)
        assert engine.problems == []
        for stream in store.streams():
            events = store.read(stream)
            assert [e.seq for e in events] == list(range(1, len(events) + 1))  # no gap
            assert engine.replay(stream).state == engine.get(stream).state
        for issue in engine.instances("issue"):
            types = [e.type for e in store.read(issue.id)]
            assert len(types) == len(set(types))  # no step taken twice
        assert len(engine.instances("issue")) == issues
        return engine


def test_two_apps_drive_the_same_issues_and_meetings(url: str) -> None:
    issues = 6
    _issues(url, issues)
    apps = [_app(url, 40) for _ in range(2)]
    results = []
    for app in apps:
        out, err = app.communicate(timeout=300)
        assert app.returncode == 0, err
        results.append(json.loads(out.splitlines()[-1]))
    assert [r["foreign"] for r in results] == [[], []]
    assert [r["refused"] for r in results] == [[], []]  # a stale app is told to retry
    done = [step for r in results for step in r["done"]]
    assert len(done) == len(set(done)) == 4 * issues  # every step once, by one of them
    assert sum(len(r["planned"]) for r in results) == 1  # one meeting in the window
    engine = _check_replay(url, issues)
    assert {i.state for i in engine.instances("issue")} == {"closed"}
    assert len(engine.instances("meeting")) == 1


def test_an_app_killed_mid_command_loses_nothing_committed(url: str) -> None:
    issues = 30
    _issues(url, issues)
    app = _app(url, 40)
    assert app.stdout is not None
    told = []
    for line in app.stdout:  # each line is printed after its command was committed
        told.append(line.split())
        if len(told) == 25:
            break
    app.send_signal(signal.SIGKILL)
    app.communicate(timeout=60)
    assert app.returncode == -signal.SIGKILL
    engine = _check_replay(url, issues)
    for stream, step in told:
        with gr.EventStore(url) as store:
            assert step in [e.type for e in store.read(stream)]  # nothing committed lost
    # the survivors carry on from the replayed state
    open_issue = next(i for i in engine.instances("issue") if i.state != "closed")
    with gr.EventStore(url) as store:
        again = gr.Engine("yangxin-2022", store=store)
        step = {"open": "reply", "replied": "follow_up", "followed_up": "resolve",
                "resolved": "close"}[open_issue.state.rsplit(".", 1)[-1]]  # fmt: skip
        assert again.command(open_issue.id, step, RC, date(2026, 3, 3)).version == (
            open_issue.version + 1
        )


def test_refresh_reports_a_stream_another_app_wrote_under_another_charter(url: str) -> None:
    with gr.EventStore(url) as one, gr.EventStore(url) as other:
        mine = gr.Engine("yangxin-2022", store=one)
        theirs = gr.Engine("model-charter-rc", store=other)
        theirs.plan_meeting(DIRECTOR, "regular", date(2026, 10, 9), on=date(2026, 9, 1))
        assert mine.refresh() == ["meeting-1"]
        assert mine.instances() == []  # not folded under the wrong charter's rules
        [problem] = mine.problems
        assert "written under the charter 'model-charter-rc'" in problem
        with pytest.raises(gr.StoreError, match="model-charter-rc"):
            mine.replay("meeting-1")
        with pytest.raises(gr.StoreError, match="model-charter-rc"):  # as when opened
            gr.Engine("yangxin-2022", store=one)


def test_an_item_another_program_damaged_is_no_longer_used(url: str) -> None:
    import sqlalchemy as sa  # noqa: PLC0415  (only this test writes a row by hand)

    with gr.EventStore(url) as store:
        engine = gr.Engine("model-charter-rc", store=store)
        meeting = engine.plan_meeting(DIRECTOR, "regular", date(2026, 10, 9), on=date(2026, 9, 1))
        other = engine.plan_meeting(DIRECTOR, "regular", date(2026, 11, 13), on=date(2026, 9, 1),
                                    override="test")  # fmt: skip
        raw = sa.create_engine(url)
        with raw.begin() as conn:
            conn.execute(
                sa.text("INSERT INTO governance_events (stream_id, seq, type, payload, actor, "
                        "occurred_at, recorded_at) VALUES (:s, 2, 'cancel', :p, 'x//', :t, :t)"),
                {"s": meeting.id, "p": json.dumps({"to": "nowhere", "on": "2026-09-02"}),
                 "t": "2026-09-02T00:00:00+08:00"},
            )  # fmt: skip
        raw.dispose()
        assert engine.refresh() == [meeting.id]
        assert "has no state 'nowhere'" in engine.problems[0]
        assert [i.id for i in engine.instances()] == [other.id]  # not half-used
        with pytest.raises(gr.CommandRefused, match=r"cannot use it \(see engine.problems"):
            engine.command(meeting.id, "cancel", DIRECTOR, date(2026, 9, 3))
        assert [f.stream_id for f in engine.advance_to(date(2026, 12, 1))] == [other.id]
        assert engine.deadlines() == []
        raw = sa.create_engine(url)  # the other program repairs its row
        with raw.begin() as conn:
            conn.execute(
                sa.text("UPDATE governance_events SET payload = :p WHERE stream_id = :s "
                        "AND seq = 2"),
                {"s": meeting.id, "p": json.dumps({"to": "regular.cancelled",
                                                   "on": "2026-09-02", "args": {},
                                                   "changes": {}})},
            )  # fmt: skip
        raw.dispose()
        assert engine.refresh() == [meeting.id]  # read fine again: no longer a problem
        assert engine.problems == []
        assert engine.get(meeting.id).state == "regular.cancelled"


def test_explain_reports_an_event_another_program_damaged_since(url: str) -> None:
    import sqlalchemy as sa  # noqa: PLC0415  (only this test writes a row by hand)

    with gr.EventStore(url) as store:
        engine = gr.Engine("model-charter-rc", store=store)
        meeting = engine.plan_meeting(DIRECTOR, "regular", date(2026, 10, 9), on=date(2026, 9, 1))
        raw = sa.create_engine(url)
        with raw.begin() as conn:
            conn.execute(
                sa.text("INSERT INTO governance_events (stream_id, seq, type, payload, actor, "
                        "occurred_at, recorded_at) VALUES (:s, 2, 'cancel', '{}', 'x//', :t, :t)"),
                {"s": meeting.id, "t": "2026-09-02T00:00:00+08:00"},
            )  # fmt: skip
        raw.dispose()
        with pytest.raises(gr.StoreError, match="version 2: a stored event cannot be explained"):
            engine.explain(meeting.id)
