"""A rule edited in place never silently rewrites recorded history.

Each stream records, with the charter it was written under, a fingerprint of the rules
in force on the day it follows (:attr:`Charter.rules_fingerprint`). A charter file
whose rule was changed without an amendment (same id, same version) would replay the
recorded items under the new value: a reply due in three working days becomes due in
ten, and a breach already recorded no longer follows from the rules. The engine
refuses such a store unless the app asks to follow the rules as they now read; edits
that state no rule (citations, notes, labels) are free.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import governance_rules as gr
from governance_rules._charter import Charter, load_charter_text
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules._store import EventStore, MemoryStore
from governance_rules._store.events import NewEvent
from governance_rules.errors import InvalidArgument, StoreError
from tests.engine.conftest import YANGXIN_WITH_DEADLINES
from tests.engine.test_amendments_app import LONGER_REPLY, _local

RESIDENT = gr.Actor("residents", id="flat-2-301")
RC = gr.Actor("residents_committee")
FIRST_REPLY = "reply: 3 working days, resolve"
REPORTED = date(2026, 9, 28)  # three working days on: 29 and 30 September, 8 October


def _charter(old: str = "", new: str = "") -> Charter:
    """The engine tests' local yangxin charter, with ``old`` replaced by ``new`` once."""
    text = YANGXIN_WITH_DEADLINES.replace(old, new, 1) if old else YANGXIN_WITH_DEADLINES
    return load_charter_text(text, name="local.yaml", base_dir=bundled_rulesets_dir())


TEN_DAYS = _charter(FIRST_REPLY, "reply: 10 working days, resolve")


def _recorded(store: MemoryStore | EventStore) -> str:
    """An issue reported and triaged under the charter as first written; its id."""
    engine = gr.Engine(_charter(), store=store)
    issue = engine.report_issue(RESIDENT, REPORTED, summary="lift broken")
    engine.command(issue.id, "triage", RC, REPORTED, category="routine")
    assert [(t.trigger, t.due) for _, t in engine.deadlines()] == [
        ("breach", date(2026, 10, 8)),  # over National Day (1 to 7 October)
        ("breach", date(2026, 10, 16)),  # ten: the make-up Saturday 10 October counted
    ]
    return issue.id


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_a_rule_edited_in_place_refuses_the_store(kind: str, tmp_path: Path) -> None:
    memory = MemoryStore()

    def store() -> MemoryStore | EventStore:
        return memory if kind == "memory" else EventStore(f"sqlite:///{tmp_path / 'ev.db'}")

    issue_id = _recorded(store())
    with pytest.raises(StoreError, match="were edited since it was recorded") as info:
        gr.Engine(TEN_DAYS, store=store())
    error = info.value
    assert error.where == issue_id
    assert "rules in force on 2026-09-28" in str(error)
    assert "would rewrite its history" in str(error)
    assert "an amendment in force after 2026-09-28" in str(error.allowed)
    assert "edited_rules='follow'" in str(error.allowed)
    # the store is as it was, and opens under the rules it was written under
    again = gr.Engine(_charter(), store=store())
    assert again.get(issue_id).version == 2
    assert [t.due for _, t in again.deadlines()] == [date(2026, 10, 8), date(2026, 10, 16)]


def test_an_app_may_follow_the_edited_rules_and_is_told_which_streams_do() -> None:
    store = MemoryStore()
    issue_id = _recorded(store)
    meeting = gr.Engine(_charter(), store=store).plan_meeting(
        gr.Actor("party_org", "head"), "regular", date(2026, 10, 27), on=date(2026, 10, 9)
    )
    engine = gr.Engine(TEN_DAYS, store=store, edited_rules="follow")
    assert engine.edited == [issue_id, meeting.id]  # the whole charter's rules: both moved
    assert engine.problems == []
    reply = engine.deadlines()[0][1]  # ten working days from 2026-09-28: after the holiday
    assert (reply.rule, reply.due) == ("issues.routine.ladder[0].deadlines.reply",
                                       date(2026, 10, 16))  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("summary: a local implementing rule adds a deadline at this level",
         "summary: a corrected citation of the same local rule"),
        ("title: Yangxin charter with local reply deadlines", "title: Another title"),
        ("heading: Test variant with reply deadlines", "heading: A renamed document"),
    ],
    ids=["citation", "title", "document"],
)  # fmt: skip
def test_edits_that_state_no_rule_leave_the_store_open(old: str, new: str) -> None:
    assert old in YANGXIN_WITH_DEADLINES
    edited = _charter(old, new)
    assert edited.fingerprint != _charter().fingerprint
    assert edited.rules_fingerprint == _charter().rules_fingerprint
    store = MemoryStore()
    issue_id = _recorded(store)
    engine = gr.Engine(edited, store=store)
    assert (engine.problems, engine.edited) == ([], [])
    assert engine.get(issue_id).version == 2


def test_the_rules_fingerprint_follows_rule_values_not_their_wording() -> None:
    base = _charter()
    assert TEN_DAYS.rules_fingerprint != base.rules_fingerprint
    # a value written out at its default is the same rule as one left unset
    assert base.rules_fingerprint == _charter().rules_fingerprint
    # an edit elsewhere in the charter is an edit too (the engine cannot tell which
    # rules an item depends on, so it never guesses)
    later = _charter("reply: 15 days", "reply: 16 days")
    assert later.rules_fingerprint != base.rules_fingerprint


def test_streams_written_before_fingerprints_were_recorded_still_open() -> None:
    """A stream whose charter reference has no ``rules`` (an earlier release wrote it)
    cannot be compared: it opens, as it did."""
    store = MemoryStore()
    issue_id = _recorded(store)
    old = MemoryStore()
    for event in store.all_events():
        payload = dict(event.payload)
        if "charter" in payload:
            payload["charter"] = {k: v for k, v in payload["charter"].items() if k != "rules"}
        old.append(event.stream_id, event.seq - 1,
                   [NewEvent(event.type, payload, event.actor, event.occurred_at)])  # fmt: skip
    engine = gr.Engine(TEN_DAYS, store=old)
    assert (engine.problems, engine.edited, engine.get(issue_id).version) == ([], [], 2)


def test_a_migration_records_the_rules_it_moved_to() -> None:
    """An amendment in force from 2026-11-02 lengthens the first reply: an item migrated
    to it records the amended rules' fingerprint, so reopening compares against those."""
    amended = _local(LONGER_REPLY)
    store = MemoryStore()
    engine = gr.Engine(amended, store=store)
    issue = engine.report_issue(RESIDENT, date(2026, 10, 29), summary="lift broken")
    engine.command(issue.id, "triage", RC, date(2026, 10, 29), category="routine")
    before, after = (amended.at(date(2026, 10, 29)), amended.at(date(2026, 11, 2)))
    assert before.rules_fingerprint != after.rules_fingerprint
    assert store.read(issue.id)[0].payload["charter"]["rules"] == before.rules_fingerprint
    engine.migrate(issue.id, RC, date(2026, 11, 2))
    assert store.read(issue.id)[-1].payload["charter"]["rules"] == after.rules_fingerprint
    again = gr.Engine(amended, store=store)
    assert (again.problems, again.edited) == ([], [])
    assert again.get(issue.id).as_of == date(2026, 11, 2)


def test_edited_rules_takes_refuse_or_follow_only() -> None:
    with pytest.raises(InvalidArgument, match="edited_rules") as info:
        gr.Engine(_charter(), edited_rules="ignore")  # type: ignore[arg-type]
    assert (info.value.argument, info.value.allowed) == ("edited_rules", "'refuse' or 'follow'")


def test_the_rules_fingerprint_is_the_same_in_every_process() -> None:
    """Streams compare it on opening in another process: it must not depend on hash
    randomisation (say, a set's order)."""
    script = (
        "import json; from governance_rules import load_charter\n"
        "from governance_rules._charter.registry import available_charters\n"
        "found = {}\n"
        "for name in available_charters():\n"
        "    c = load_charter(name)\n"
        "    found[name] = [c.rules_fingerprint, *(v.rules_fingerprint for _, _, v in"
        " c.variants()), *(c.at(a.effective).rules_fingerprint for a in c.amendments)]\n"
        "print(json.dumps(found, sort_keys=True))\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    ]  # fmt: skip
    assert runs[0] == runs[1]
    assert len(json.loads(runs[0])) >= 20
