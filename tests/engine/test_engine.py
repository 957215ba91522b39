"""Engine guarantees: refusals change nothing, replay equals live, conflicts, migration."""

from __future__ import annotations

import copy
import json
import textwrap
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance_rules._charter import Charter, load_charter, load_charter_text
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules._charter.rotation import RotationChoice
from governance_rules._engine import Engine
from governance_rules._store import EventStore, MemoryStore, memory
from governance_rules._workflows import Actor
from governance_rules.errors import CommandRefused, ConcurrencyError, PermissionDenied, StoreError

RESIDENT = Actor("residents", id="r-1")
RC = Actor("residents_committee", "environment_and_property_member", id="rc-1")
BODIES = ["residents", "residents_committee", "owners_committee", "property_company",
          "joint_meeting", "party_org", "street_office"]  # fmt: skip
TRIGGERS = ["triage", "reply", "follow_up", "resolve", "close", "reopen", "escalate", "nonsense"]


def snapshot(engine: Engine) -> dict[str, Any]:
    return {i.id: (i.state, copy.deepcopy(i.data), i.version) for i in engine.instances()}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(TRIGGERS), st.sampled_from(BODIES),
                          st.sampled_from(["routine", "major", "nope"]), st.integers(0, 20)),
                max_size=25))  # fmt: skip
def test_refusals_change_nothing_and_replay_equals_live(
    local_yangxin: Charter, steps: list[tuple[str, str, str, int]]
) -> None:
    store = MemoryStore()
    engine = Engine(local_yangxin, store=store)
    issue = engine.report_issue(RESIDENT, date(2026, 9, 1))
    day = date(2026, 9, 1)
    for trigger, body, category, gap in steps:
        day += timedelta(days=gap)
        if gap > 15:
            engine.advance_to(day)
        before = snapshot(engine)
        version = len(store.read(issue.id))
        refused = False
        try:
            engine.command(issue.id, trigger, Actor(body), day, category=category)
        except CommandRefused:  # any other error is a bug and fails the test
            refused = True
        if refused:
            assert snapshot(engine) == before
            assert len(store.read(issue.id)) == version
    again = Engine(local_yangxin, store=store)  # a new engine replays the log
    assert snapshot(again) == snapshot(engine)


def test_replay_from_sqlite_equals_live(local_yangxin: Charter, db: Path) -> None:
    engine = Engine(local_yangxin, store=EventStore.sqlite(db))
    issue = engine.report_issue(RESIDENT, date(2026, 9, 28))
    engine.command(issue.id, "triage", RC, date(2026, 9, 28), category="routine")
    engine.advance_to(date(2026, 10, 20))
    meeting = engine.plan_meeting(Actor("party_org", "head"), "regular", date(2026, 10, 28),
                                  on=date(2026, 10, 1))  # fmt: skip
    engine.command(meeting.id, "sign_notice", Actor("party_org", "head"), date(2026, 10, 20))
    engine.command(meeting.id, "issue_notice", Actor("meeting_office"), date(2026, 10, 20))
    engine.command(meeting.id, "set_agenda", Actor("meeting_office"), date(2026, 10, 21))
    reopened = Engine(local_yangxin, store=EventStore.sqlite(db))
    assert snapshot(reopened) == snapshot(engine)
    assert reopened.replay(issue.id).data == issue.data
    # a further issue continues the numbering
    assert reopened.report_issue(RESIDENT, date(2026, 10, 21)).id == "issue-2"


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_an_event_the_engine_hands_out_is_plain_json_data(
    local_yangxin: Charter, db: Path, backend: str
) -> None:
    store = MemoryStore() if backend == "memory" else EventStore.sqlite(db)
    engine = Engine(local_yangxin, store=store)
    issue = engine.report_issue(RESIDENT, date(2026, 9, 28))
    engine.command(issue.id, "triage", RC, date(2026, 9, 28), category="routine")
    fired = engine.advance_to(date(2026, 10, 20))
    assert fired
    for event in [f.event for f in fired] + store.read(issue.id):
        # an app can log or forward what it is given (dates in their ISO form)
        assert json.loads(json.dumps(event.payload, default=str))["to"]
        assert type(event.payload["args"]) is dict
        assert type(event.payload["changes"]) is dict


def test_two_engines_on_one_file_conflict(local_yangxin: Charter, db: Path) -> None:
    first = Engine(local_yangxin, store=EventStore.sqlite(db))
    issue = first.report_issue(RESIDENT, date(2026, 3, 2))
    second = Engine(local_yangxin, store=EventStore.sqlite(db))
    first.command(issue.id, "triage", RC, date(2026, 3, 2), category="routine")
    stale = second.get(issue.id)
    with pytest.raises(ConcurrencyError):
        second.command(issue.id, "triage", RC, date(2026, 3, 2), category="major")
    # nothing was written, and the second engine has caught up with the first
    assert [e.type for e in EventStore.sqlite(db).read(issue.id)] == ["report", "triage"]
    assert stale.state == "handling.routine.L0_residents_committee.open"
    with pytest.raises(CommandRefused, match="'triage' is not possible"):
        second.command(issue.id, "triage", RC, date(2026, 3, 2), category="major")


def test_refresh_reads_what_other_writers_appended(db: Path) -> None:
    first = Engine("yangxin-2022", store=EventStore.sqlite(db))
    second = Engine("yangxin-2022", store=EventStore.sqlite(db))
    a = first.report_issue(RESIDENT, date(2026, 3, 2))
    b = second.report_issue(RESIDENT, date(2026, 3, 2))  # the id was taken: the next one
    assert (a.id, b.id) == ("issue-1", "issue-2")
    first.command(a.id, "triage", RC, date(2026, 3, 3), category="routine")
    assert sorted(second.refresh()) == ["issue-1"]
    assert second.get(a.id).state == first.get(a.id).state
    assert second.refresh() == []


def test_permission_errors_say_who_may(local_yangxin: Charter) -> None:
    engine = Engine(local_yangxin)
    issue = engine.report_issue(RESIDENT, date(2026, 3, 2))
    engine.command(issue.id, "triage", RC, date(2026, 3, 2), category="routine")
    with pytest.raises(PermissionDenied) as info:
        engine.command(issue.id, "reply", Actor("property_company"), date(2026, 3, 3))
    assert str(info.value) == (
        "issue-1: 'reply' may only be issued by residents_committee "
        "(got 'property_company'); allowed: residents_committee"
    )
    assert info.value.rule == "issues.routine.ladder[0].deadlines"
    assert info.value.citation is not None
    with pytest.raises(PermissionDenied, match="issued by advance_to"):
        engine.command(issue.id, "breach", Actor("system"), date(2026, 3, 9), deadline="reply",
                       key="k")  # fmt: skip
    with pytest.raises(CommandRefused, match="'close' is not possible when the issue is handling"):
        engine.command(issue.id, "close", RESIDENT, date(2026, 3, 3))


def test_notice_lead_and_quorum_guards_cite_their_rules() -> None:
    text = textwrap.dedent("""
        id: notice-test
        extends: rotating-quarterly-consensus
        title: Notice test
        jurisdiction: test
        meetings:
          regular:
            notice: {lead: 1 week, source: {doc: rq, summary: notice a week ahead (test variant)}}
            quorum:
              present: {fraction: 2/3, inclusive: true}
              source: {doc: rq, summary: two-thirds present (test variant)}
    """)
    charter = load_charter_text(text, name="n.yaml", base_dir=bundled_rulesets_dir())
    engine = Engine(charter)
    rc = Actor("residents_committee", "director")
    order = RotationChoice(("residents_committee", "owners_committee", "property_company"),
                           date(2026, 10, 1))  # fmt: skip
    meeting = engine.plan_meeting(rc, "regular", date(2026, 10, 9), on=date(2026, 9, 1),
                                  roster={"residents_committee": 1, "owners_committee": 1,
                                          "property_company": 1}, rotation=order)  # fmt: skip
    with pytest.raises(CommandRefused) as info:
        engine.command(meeting.id, "issue_notice", rc, date(2026, 10, 1))
    # one week before 9 Oct is 2 Oct, in the National Day holiday: 30 Sep at the latest
    assert "2026-09-30 at the latest" in str(info.value)
    assert info.value.rule == "meetings.regular.notice.lead"
    assert info.value.citation == "《社区居委会、住户委员会和物业运营公司三方联席会议制度》"
    engine.command(meeting.id, "issue_notice", rc, date(2026, 9, 30))
    with pytest.raises(CommandRefused, match="no quorum: 1 of 3 present"):
        engine.command(meeting.id, "hold", rc, date(2026, 10, 9),
                       present={"residents_committee": 1})  # fmt: skip
    engine.command(meeting.id, "hold", rc, date(2026, 10, 9),
                   present={"residents_committee": 1, "owners_committee": 1})  # fmt: skip
    assert meeting.state == "regular.held"


def test_migration_keeps_or_refuses(tmp_path: Path) -> None:
    text = textwrap.dedent("""
        id: amended
        extends: yangxin-2022
        title: amended
        jurisdiction: test
        amendments:
          - effective: 2027-01-01
            source: {doc: yx, summary: from 2027 historical problems are handled as routine ones}
            changes:
              issues:
                historical: null
    """)
    charter = load_charter_text(text, name="a.yaml", base_dir=bundled_rulesets_dir())
    engine = Engine(charter)
    old = engine.report_issue(RESIDENT, date(2026, 12, 1))
    engine.command(old.id, "triage", RC, date(2026, 12, 1), category="historical")
    routine = engine.report_issue(RESIDENT, date(2026, 12, 1))
    engine.command(routine.id, "triage", RC, date(2026, 12, 1), category="routine")
    # open items keep the rules they opened under
    assert engine.context(old).charter.issues.get("historical") is not None
    with pytest.raises(CommandRefused, match="no issue category 'historical'"):
        engine.migrate(old.id, RC, date(2027, 1, 1))
    assert old.as_of == date(2026, 12, 1)
    engine.migrate(routine.id, RC, date(2027, 1, 1))
    assert routine.as_of == date(2027, 1, 1)
    assert Engine(charter, store=engine.store).get(routine.id).as_of == date(2027, 1, 1)


def test_explain_cites_sources(local_yangxin: Charter) -> None:
    engine = Engine(local_yangxin)
    issue = engine.report_issue(RESIDENT, date(2026, 9, 28))
    engine.command(issue.id, "triage", RC, date(2026, 9, 28), category="routine")
    lines = engine.explain(issue.id)
    assert lines[0].startswith("issue-1 (issue) under yangxin-local-deadlines as of 2026-09-28")
    pending = [line for line in lines if "pending" in line]
    assert "by 2026-10-08" in pending[0]
    assert "Test variant with reply deadlines" in pending[0]
    assert engine.deadlines(date(2026, 10, 8))[0][1].due == date(2026, 10, 8)
    assert engine.overdue(date(2026, 10, 9))[0][0] is issue


def test_unknown_names_are_refused() -> None:
    engine = Engine(load_charter("yangxin-2022"))
    with pytest.raises(CommandRefused, match="no such meeting kind"):
        engine.plan_meeting(RC, "banquet", date(2026, 1, 1), on=date(2026, 1, 1))
    with pytest.raises(CommandRefused, match="no such term rule") as term:
        engine.elect("parliament", Actor("owners_assembly"), date(2026, 1, 1), members=5)
    # the charter's terms as a whole, and the value given (not the command's name)
    assert (term.value.rule, term.value.got) == ("terms", "parliament")
    assert term.value.allowed == ", ".join(engine.charter.terms)
    with pytest.raises(CommandRefused, match="no such meeting, issue, term or appraisal"):
        engine.get("issue-99")


def test_a_store_remembers_its_charter(db: Path) -> None:
    engine = Engine("yangxin-2022", store=EventStore.sqlite(db))
    issue = engine.report_issue(RESIDENT, date(2026, 3, 2))
    first = EventStore.sqlite(db).read(issue.id)[0].payload["charter"]
    assert first["id"] == "yangxin-2022"
    assert first["fingerprint"] == engine.charter.fingerprint
    with pytest.raises(StoreError, match="written under the charter 'yangxin-2022'"):
        Engine("model-charter-rc", store=EventStore.sqlite(db))


def test_a_store_remembers_the_readings_it_ran_under(db: Path) -> None:
    tie = load_charter("model-charter-rc", readings={"resolution_threshold": "half_or_more"})
    engine = Engine(tie, store=EventStore.sqlite(db))
    director = Actor("residents_committee", "director")
    engine.plan_meeting(director, "regular", date(2026, 3, 16), on=date(2026, 3, 2))
    with pytest.raises(StoreError, match="other readings") as info:
        Engine("model-charter-rc", store=EventStore.sqlite(db))
    assert "half_or_more" in str(info.value)
    assert Engine(tie, store=EventStore.sqlite(db)).instances()


def test_instances_come_back_in_creation_order(db: Path) -> None:
    engine = Engine("yangxin-2022", store=EventStore.sqlite(db))
    party = Actor("party_org", "head")
    made = [engine.plan_meeting(party, "regular", date(2026, 4, 28), on=date(2026, 4, 1)).id]
    made += [engine.report_issue(RESIDENT, date(2026, 4, 2)).id for _ in range(11)]
    reopened = Engine("yangxin-2022", store=EventStore.sqlite(db))
    assert [i.id for i in reopened.instances()] == made  # issue-10 after issue-2


def test_an_unusable_stored_event_does_not_stop_the_rest() -> None:
    store = MemoryStore()
    engine = Engine("yangxin-2022", store=store)
    good = engine.report_issue(RESIDENT, date(2026, 3, 2))
    bad = engine.report_issue(RESIDENT, date(2026, 3, 2))
    # a row changed behind the engine's back: a field the issue workflow does not know
    row = store._streams[bad.id][0]
    payload = {**store.read(bad.id)[0].payload, "changes": {"nonsense": 1}}
    store._streams[bad.id][0] = (*row[:3], memory._kept(payload, {}), *row[4:])
    again = Engine("yangxin-2022", store=store)
    assert [i.id for i in again.instances()] == [good.id]
    assert again.problems[0].startswith(f"{bad.id}: ")
    assert again.deadlines() == []
    assert again.advance_to(date(2026, 12, 31)) == []
