"""Charter amendments over the years, as a street office's app lives through them.

A community runs for years and its charter is amended on dated days: items opened
before an amendment keep the rules they opened under until the body that answers for
them migrates them (``Engine.migrate``). A migration fires the deadlines that passed
before its day first, as a late command does, so that it never erases a breach; a
refusal says who may migrate (citing the rule) or which amendment the item cannot
follow (citing it); a store written under an amendment cannot be opened with a charter
that lacks it, nor with one that gained an amendment dated before its items' rules.
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

import governance_rules as gr
from governance_rules._charter import Charter, load_charter_text
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules._engine import _recorded_days
from governance_rules._store import EventStore
from governance_rules.errors import (
    CharterValidationError,
    CommandRefused,
    ConcurrencyError,
    InvalidArgument,
    PermissionDenied,
    StoreError,
)
from tests.engine.conftest import YANGXIN_WITH_DEADLINES
from tests.engine.refusals import refused

RESIDENT = gr.Actor("residents", id="flat-2-301")
RC = gr.Actor("residents_committee", "environment_and_property_member")
JOINT = gr.Actor("joint_meeting")
PARTY = gr.Actor("party_org", "head")
STREET = gr.Actor("street_office")
ASSEMBLY = gr.Actor("owners_assembly")
OC = gr.Actor("owners_committee")

SRC = "{doc: local, summary: the amended local rule at this level}"


def _ladder(first_reply: str) -> str:
    """The routine ladder of the local test charter, its first reply due in ``first_reply``."""
    return textwrap.indent(
        textwrap.dedent(f"""\
            ladder:
              - handler: residents_committee
                involves: [owners_committee, property_company]
                deadlines: {{reply: {first_reply}, resolve: 10 working days}}
                escalate_on: [deadline_breach, handler_request]
                source: {SRC}
              - handler: residents_committee
                deadlines: {{reply: 3 working days}}
                escalate_on: [deadline_breach, handler_request]
                source: {SRC}
              - handler: joint_meeting
                deadlines: {{reply: 5 working days}}
                escalate_on: [deadline_breach, beyond_remit]
                source: {SRC}
              - handler: party_org
                deadlines: {{reply: 2 working days}}
                escalate_on: [deadline_breach, beyond_remit]
                source: {SRC}
              - handler: street_office
                involves: [departments]
                deadlines: {{reply: 15 days}}
                source: {SRC}
            """),
        " " * 10,
    )


def _local(amendments: str, *, cid: str = "yangxin-local-deadlines") -> Charter:
    """The engine tests' local yangxin charter (reply in 3 working days), amended."""
    text = YANGXIN_WITH_DEADLINES.replace("id: yangxin-local-deadlines", f"id: {cid}")
    return load_charter_text(
        text + textwrap.dedent(amendments), name="local.yaml", base_dir=bundled_rulesets_dir()
    )


#: From 2026-11-02 the first level replies within 10 working days instead of 3.
LONGER_REPLY = f"""
amendments:
  - effective: 2026-11-02
    source: {{doc: local, summary: from November the first reply is due in ten working days}}
    changes:
      issues:
        routine:
{_ladder("10 working days")}"""


def _triaged(engine: gr.Engine, on: date) -> gr.Instance:
    issue = engine.report_issue(RESIDENT, on, summary="the lift stops between floors")
    return engine.command(issue.id, "triage", RC, on, category="routine")


# -- a migration never erases a breach ---------------------------------------------------------
def test_a_migration_fires_first_the_deadlines_that_passed_before_it() -> None:
    engine = gr.Engine(_local(LONGER_REPLY))
    issue = _triaged(engine, date(2026, 10, 26))  # reply due 2026-10-29 under the old rules
    # nobody ran advance_to; the RC migrates on the amendment's first day: the reply it
    # missed on 2026-10-29 stays on record, under the rule it broke (the new ten days
    # would have moved that deadline past the migration and erased the breach)
    engine.migrate(issue.id, RC, date(2026, 11, 2))
    events = engine.store.read(issue.id)
    assert [e.type for e in events] == ["report", "triage", "breach", "migrate"]
    breach = events[2].payload
    assert breach["args"]["deadline"] == "reply"
    assert breach["on"] == date(2026, 10, 30)  # the day after the missed last day
    assert (issue.data.level, issue.as_of) == (1, date(2026, 11, 2))
    assert issue.data.breaches == ("L0:reply:2026-10-26",)
    # nothing is left to fire for the past; the level the breach led to runs on
    assert engine.advance_to(date(2026, 11, 2)) == []
    assert [t.rule for _, t in engine.deadlines()] == ["issues.routine.ladder[1].deadlines.reply"]


def test_a_migration_refused_once_the_passed_deadlines_fire_writes_nothing() -> None:
    engine = gr.Engine(_local(LONGER_REPLY))
    issue = _triaged(engine, date(2026, 10, 26))
    # by 2026-11-05 both residents' committee levels missed their replies: the issue is
    # the joint meeting's, so the RC may no longer migrate it, and nothing is written
    error = refused(engine, engine.migrate, issue.id, RC, date(2026, 11, 5))
    assert isinstance(error, PermissionDenied)
    assert "after the 2 deadlines that passed before 2026-11-05" in str(error)
    assert error.allowed == "joint_meeting"
    assert error.rule == "issues.routine.ladder[2]"
    engine.migrate(issue.id, JOINT, date(2026, 11, 5))
    assert [e.type for e in engine.store.read(issue.id)] == [
        "report", "triage", "breach", "breach", "migrate"]  # fmt: skip
    assert issue.state == "handling.routine.L2_joint_meeting.open"


def test_a_deadline_due_on_the_migration_day_is_not_yet_missed() -> None:
    engine = gr.Engine(_local(LONGER_REPLY))
    issue = _triaged(engine, date(2026, 10, 27))  # reply due 2026-10-30 under the old rules
    engine.migrate(issue.id, RC, date(2026, 10, 30))  # before the amendment: same rules
    engine.migrate(issue.id, RC, date(2026, 11, 2))  # the reply's last day had passed
    assert [e.type for e in engine.store.read(issue.id)] == [
        "report", "triage", "migrate", "breach", "migrate"]  # fmt: skip


# -- who may migrate, and why not --------------------------------------------------------------
def _meeting(engine: gr.Engine) -> gr.Instance:
    return engine.plan_meeting(PARTY, "regular", date(2026, 4, 28), on=date(2026, 4, 1))


def _term(engine: gr.Engine) -> gr.Instance:
    return engine.elect("owners_committee", ASSEMBLY, date(2026, 4, 1), members=7)


def _appraisal(engine: gr.Engine) -> gr.Instance:
    return engine.open_appraisal(PARTY, 2026, date(2026, 12, 1))


@pytest.mark.parametrize(
    ("charter", "start", "responsible", "rule"),
    [
        ("yangxin-2022", lambda e: _triaged(e, date(2026, 4, 1)), RC, "issues.routine.ladder[0]"),
        ("yangxin-2022", _meeting, PARTY, "roles.convener"),
        ("cn-national-baseline", _term, OC, "terms.owners_committee"),
        ("yangxin-2022", _appraisal, PARTY, "evaluation"),
    ],
    ids=["issue", "meeting", "term", "appraisal"],
)
def test_a_refused_migration_cites_the_rule_naming_who_answers_for_the_item(
    charter: str, start: object, responsible: gr.Actor, rule: str
) -> None:
    engine = gr.Engine(charter)
    item = start(engine)  # type: ignore[operator]
    error = refused(engine, engine.migrate, item.id, gr.Actor("hackers"), date(2026, 12, 20))
    assert isinstance(error, PermissionDenied)
    assert (error.rule, error.got) == (rule, "hackers")
    assert error.citation == engine.charter.cite(rule)
    assert error.citation
    assert responsible.body in str(error.allowed)
    assert engine.migrate(item.id, responsible, date(2026, 12, 20)).as_of == date(2026, 12, 20)


WITHOUT_HISTORICAL = """
amendments:
  - effective: 2027-01-01
    source: {doc: yx, article: (二) 第五条, summary: from 2027 legacy problems are routine ones}
    changes:
      issues:
        historical: null
"""


def test_a_migration_the_new_rules_cannot_take_cites_the_amendment() -> None:
    charter = _local(WITHOUT_HISTORICAL)
    engine = gr.Engine(charter)
    issue = engine.report_issue(RESIDENT, date(2026, 12, 1))
    engine.command(issue.id, "triage", RC, date(2026, 12, 1), category="historical")
    error = refused(engine, engine.migrate, issue.id, RC, date(2027, 3, 1))
    assert type(error) is CommandRefused
    assert "no issue category 'historical' (the amendment in force from 2027-01-01)" in str(error)
    assert error.citation == charter.citation(charter.amendments[0].source)
    assert error.allowed == "keep it under the rules as of 2026-12-01 (no migration)"
    assert error.got == "2027-03-01"


NO_ISSUES_LATER = """
amendments:
  - effective: 2027-01-01
    source: {doc: yx, summary: from 2027 problems go to the street's hotline instead}
    changes:
      issues: null
"""


def test_a_state_that_leads_nowhere_under_the_new_rules_is_named_as_such() -> None:
    engine = gr.Engine(_local(NO_ISSUES_LATER))
    issue = engine.report_issue(RESIDENT, date(2026, 12, 30))  # reported, not triaged
    error = refused(engine, engine.migrate, issue.id, RESIDENT, date(2027, 1, 4))
    # the state exists under every version; it is that nothing may follow it any more
    assert "under the new rules no step leads on from 'reported'" in str(error)


FEWER_CRITERIA = """
amendments:
  - effective: 2026-12-10
    source: {doc: yx, article: (四) 第四条, summary: from mid-December one overall criterion}
    changes:
      evaluation:
        criteria:
          - name: overall service
            source: {doc: yx, article: (四) 第四条, summary: one overall criterion}
"""


def test_an_appraisal_whose_scores_the_new_criteria_cannot_read_does_not_migrate() -> None:
    charter = _local(FEWER_CRITERIA)
    engine = gr.Engine(charter)
    appraisal = _appraisal(engine)
    ev = charter.evaluation
    assert ev is not None
    scores = [[s, ev.criteria[0].name, "80"] for s in ev.subjects]
    engine.command(appraisal.id, "record_scores", PARTY, date(2026, 12, 5), scores=scores)
    # migrated, it was approved with a result nobody could compute any more
    error = refused(engine, engine.migrate, appraisal.id, PARTY, date(2026, 12, 11))
    assert "the recorded scores do not fit the new rules" in str(error)
    assert "unknown item" in str(error)
    assert error.citation == charter.citation(charter.amendments[0].source)
    # kept under the rules it opened under, its result is computed as before
    assert engine.context(appraisal).charter.evaluation == ev
    assert gr.appraise(ev, [gr.Score(*row) for row in appraisal.data.scores]).subjects


def issue_handler(engine: gr.Engine, issue: gr.Instance) -> gr.Actor:
    """An actor of the body that handles ``issue``'s level now."""
    return gr.Actor(engine.workflow(issue).responsible(issue)[0])


# -- days ---------------------------------------------------------------------------------------
def test_a_migration_is_dated_like_any_command() -> None:
    engine = gr.Engine(_local(LONGER_REPLY))
    issue = _triaged(engine, date(2026, 9, 28))
    # on the day of the last event, and on a holiday (National Day): days like any other
    engine.migrate(issue.id, RC, date(2026, 9, 28))
    engine.migrate(issue.id, issue_handler(engine, issue), date(2026, 10, 1))
    assert (issue.as_of, issue.last_on) == (date(2026, 10, 1), date(2026, 10, 1))
    for day in (date(2025, 12, 31), date(2026, 9, 30)):
        error = refused(engine, engine.migrate, issue.id, RC, day)
        assert error.got == day.isoformat()
        assert error.allowed == "2026-10-01 or later"
    last = engine.calendar.last_date
    for day in (date(2200, 1, 1), date(last.year + 1, 1, 1)):
        error = refused(engine, engine.migrate, issue.id, RC, day)
        assert isinstance(error, InvalidArgument)
        assert error.argument == "on"


# -- replay from the store ---------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_a_second_engine_with_the_amended_charter_rebuilds_the_same_items(
    kind: str, tmp_path: Path
) -> None:
    charter = _local(LONGER_REPLY + textwrap.dedent(WITHOUT_HISTORICAL).split("amendments:")[1])

    def store() -> gr.MemoryStore | EventStore:
        return shared if kind == "memory" else EventStore(f"sqlite:///{tmp_path / 'ev.db'}")

    shared = gr.MemoryStore()
    engine = gr.Engine(charter, store=store())
    pinned = _triaged(engine, date(2026, 10, 20))
    moved = _triaged(engine, date(2026, 10, 26))
    engine.migrate(moved.id, RC, date(2026, 11, 2))
    later = _triaged(engine, date(2027, 1, 4))
    legacy = engine.report_issue(RESIDENT, date(2026, 12, 1))
    engine.command(legacy.id, "triage", RC, date(2026, 12, 1), category="historical")
    # twice: to the second amendment, by the body whose level the missed replies led to
    engine.advance_to(date(2027, 1, 5))
    engine.migrate(moved.id, STREET, date(2027, 1, 5))
    assert moved.state == "handling.routine.L4_street_office.open"
    again = gr.Engine(charter, store=store())
    assert again.problems == []
    for item in (pinned, moved, later, legacy):
        twin = again.get(item.id)
        assert (twin.state, twin.data, twin.as_of, twin.version, twin.last_on) == (
            item.state, item.data, item.as_of, item.version, item.last_on)  # fmt: skip
    assert again.deadlines() == engine.deadlines()
    assert again.explain(moved.id) == engine.explain(moved.id)


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_an_engine_without_the_amendment_refuses_the_store_written_under_it(
    kind: str, tmp_path: Path
) -> None:
    amended = _local(LONGER_REPLY)
    old = _local("")
    shared = gr.MemoryStore()

    def store() -> gr.MemoryStore | EventStore:
        return shared if kind == "memory" else EventStore(f"sqlite:///{tmp_path / 'ev.db'}")

    engine = gr.Engine(amended, store=store())
    _triaged(engine, date(2026, 11, 3))  # ten working days to reply: 2026-11-17
    # the charter as it was before the amendment would replay it with three days, and
    # silently breach it on 2026-11-07
    with pytest.raises(StoreError, match="amendment in force from 2026-11-02") as info:
        gr.Engine(old, store=store())
    assert "this charter does not have" in str(info.value)
    assert "as amended" in str(info.value.allowed)


def test_an_engine_without_the_amendment_refuses_a_stream_migrated_under_it() -> None:
    amended, old = _local(LONGER_REPLY), _local("")
    writer = gr.Engine(old)  # started before the app knew of the amendment
    issue = _triaged(writer, date(2026, 10, 29))
    gr.Engine(amended, store=writer.store).migrate(issue.id, RC, date(2026, 11, 2))
    with pytest.raises(StoreError, match="amendment in force from 2026-11-02"):
        gr.Engine(old, store=writer.store)


def test_a_stale_engine_migrating_a_moved_item_reads_it_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ev.db'}"
    charter = _local(LONGER_REPLY)
    office, desk = gr.Engine(charter, store=EventStore(url)), None
    issue = _triaged(office, date(2026, 10, 27))
    desk = gr.Engine(charter, store=EventStore(url))
    desk.command(issue.id, "reply", RC, date(2026, 10, 28))
    with pytest.raises(ConcurrencyError):
        office.migrate(issue.id, RC, date(2026, 11, 2))
    assert office.get(issue.id).state == desk.get(issue.id).state  # read again: not stale
    office.migrate(issue.id, RC, date(2026, 11, 2))
    assert issue.as_of == date(2026, 11, 2)


# -- amendments as a charter file states them ------------------------------------------------
def _amended(changes: str, *, effective: str = "2027-01-01", head: str = "") -> str:
    return textwrap.dedent(f"""\
        id: amended-local
        extends: yayuan-monthly
        title: an amended local charter
        jurisdiction: a street office
        {head}
        amendments:
          - effective: {effective}
            source: {{doc: ya, summary: a local amendment of this kind}}
            changes: {changes}
        """)


@pytest.mark.parametrize(
    "changes",
    [
        "{id: another-charter}",
        "{extends: cn-national-baseline}",
        "{status: baseline}",
        "{effective: 2030-01-01}",
        "{amendments: []}",
        "{selected_readings: {}}",
    ],
    ids=lambda c: c.split(":")[0].strip("{"),
)
def test_an_amendment_changes_rules_not_what_the_charter_is(changes: str) -> None:
    key = changes.split(":", maxsplit=1)[0].strip("{")
    with pytest.raises(CharterValidationError) as info:
        load_charter_text(_amended(changes), name="amended.yaml", base_dir=bundled_rulesets_dir())
    [problem] = info.value.problems
    assert problem.path == f"amendments[0].changes.{key}"
    assert (problem.file, problem.line) == ("amended.yaml", 9)
    assert "an amendment changes the charter's rules" in problem.message


def test_an_amendment_cannot_take_effect_before_the_charter_does() -> None:
    text = _amended("{meetings: {regular: {notice: null}}}", effective="2015-01-01",
                    head="effective: 2016-06-29")  # fmt: skip
    with pytest.raises(CharterValidationError) as info:
        load_charter_text(text, name="amended.yaml", base_dir=bundled_rulesets_dir())
    [problem] = info.value.problems
    assert problem.path == "amendments[0].effective"
    assert "before the charter takes effect (got 2015-01-01); allowed: 2016-06-29 or later" in str(
        problem
    )
    # on the charter's first day, it is fine
    text = text.replace("2015-01-01", "2016-06-29")
    load_charter_text(text, name="amended.yaml", base_dir=bundled_rulesets_dir())


def test_two_amendments_on_one_day_apply_in_the_order_written() -> None:
    charter = load_charter_text(
        textwrap.dedent("""\
            id: twice-amended
            extends: yangxin-2022
            title: amended twice on one day
            jurisdiction: a street office
            amendments:
              - effective: 2027-10-01
                source: {doc: yx, summary: notice five days ahead from National Day}
                changes: {meetings: {regular: {notice: {lead: 5 days}}}}
              - effective: 2027-10-01
                source: {doc: yx, summary: the same day a second text makes it nine}
                changes: {meetings: {regular: {notice: {lead: 9 days}}}}
            """),
        name="twice.yaml",
        base_dir=bundled_rulesets_dir(),
    )
    before, after = charter.at(date(2027, 9, 30)), charter.at(date(2027, 10, 1))
    assert str(before.meetings["regular"].notice.lead) == "unspecified"  # type: ignore[union-attr]
    assert str(after.meetings["regular"].notice.lead) == "9 days"  # type: ignore[union-attr]
    # a store written under both refuses a charter that kept only one of them
    engine = gr.Engine(charter)
    engine.plan_meeting(PARTY, "regular", date(2027, 10, 29), on=date(2027, 10, 8))
    one = load_charter_text(
        textwrap.dedent("""\
            id: twice-amended
            extends: yangxin-2022
            title: amended once
            jurisdiction: a street office
            amendments:
              - effective: 2027-10-01
                source: {doc: yx, summary: notice five days ahead from National Day}
                changes: {meetings: {regular: {notice: {lead: 5 days}}}}
            """),
        name="twice.yaml",
        base_dir=bundled_rulesets_dir(),
    )
    with pytest.raises(StoreError, match="amendment in force from 2027-10-01"):
        gr.Engine(one, store=engine.store)


def test_an_amendment_that_settles_a_reading_ends_the_choice_of_it(tmp_path: Path) -> None:
    path = tmp_path / "settled.yaml"
    path.write_text(
        textwrap.dedent("""\
            id: settled
            extends: yangxin-2022
            title: the meeting window settled by an amendment
            jurisdiction: a street office
            amendments:
              - effective: 2027-01-01
                source: {doc: yx, article: (一) 第三条, summary: the window is now settled}
                changes:
                  readings: {meeting_window: null}
                  meetings: {regular: {window: {reading: last_seven_days}}}
            """),
        encoding="utf-8",
    )
    chosen = gr.load_charter(path, readings={"meeting_window": "calendar_week"})
    # the rules in force once the amendment settled the question: no choice left, the
    # amendment's window (this failed as an invalid charter, at run time)
    later = chosen.at(date(2027, 1, 1))
    assert (later.selected_readings, later.readings) == ({}, {})
    assert later.meetings["regular"].window.reading.value == "last_seven_days"  # type: ignore[union-attr]
    assert chosen.at(date(2026, 12, 31)) is chosen
    engine = gr.Engine(chosen)
    meeting = engine.plan_meeting(PARTY, "regular", date(2027, 4, 27), on=date(2027, 4, 1))
    assert meeting.data.window_start == date(2027, 4, 24)  # calendar week: 04-26
    assert gr.Engine(chosen, store=engine.store).get(meeting.id).data == meeting.data


SHORTER_REPLY = f"""
amendments:
  - effective: 2026-11-02
    source: {{doc: local, summary: from November the first reply is due the next working day}}
    changes:
      issues:
        routine:
{_ladder("1 working day")}"""


def test_a_migration_into_a_deadline_already_passed_under_the_new_rules_is_refused() -> None:
    engine = gr.Engine(_local(SHORTER_REPLY))
    issue = _triaged(engine, date(2026, 10, 29))  # old rules: reply by 2026-11-03
    # under the new rules the reply was due 2026-10-30, before they applied to it: the
    # migration would be a breach at once (it was accepted, and advance_to breached it)
    error = refused(engine, engine.migrate, issue.id, RC, date(2026, 11, 2))
    assert "by 2026-10-30, before the migration day" in str(error)
    assert error.rule == "issues.routine.ladder[0].deadlines.reply"
    assert error.citation
    engine.command(issue.id, "reply", RC, date(2026, 11, 2))
    assert engine.migrate(issue.id, RC, date(2026, 11, 2)).as_of == date(2026, 11, 2)
    assert [e.type for e in engine.store.read(issue.id)] == ["report", "triage", "reply",
                                                             "migrate"]  # fmt: skip
    # the resolve deadline runs on, counted by the new rules
    assert [t.rule for _, t in engine.deadlines()] == [
        "issues.routine.ladder[0].deadlines.resolve"]  # fmt: skip


def test_a_rule_an_amendment_changes_cites_the_amendment() -> None:
    charter = load_charter_text(
        textwrap.dedent("""\
            id: mc-amended
            extends: model-charter-rc
            title: a two-week notice
            jurisdiction: a street office
            documents:
              notice-2026: {kind: guide, heading: "A street office's 2026 notice on joint meetings"}
            amendments:
              - effective: 2026-06-01
                source: {doc: notice-2026, article: 第三条, summary: notices go out two weeks ahead}
                changes:
                  meetings:
                    regular:
                      notice: {lead: 2 weeks}
            """),
        name="mc.yaml",
    )
    base, later = charter.at(date(2026, 5, 31)), charter.at(date(2026, 6, 1))
    path = "meetings.regular.notice.lead"
    amendment = charter.citation(charter.amendments[0].source)
    assert base.cite(path) == "《社区物业联席会议制度范本》第八条（一）"
    # the two weeks are the amendment's, not the article that said one week
    assert later.cite(path) == amendment
    assert later.meetings["regular"].notice.note is None  # type: ignore[union-attr]
    assert later.cite("meetings.regular.decision") == base.cite("meetings.regular.decision")
    director = gr.Actor("residents_committee", "director")
    engine = gr.Engine(charter)
    early = engine.plan_meeting(director, "regular", date(2026, 6, 10), on=date(2026, 5, 20))
    later_meeting = engine.plan_meeting(director, "regular", date(2026, 9, 10),
                                        on=date(2026, 5, 25))  # fmt: skip
    engine.migrate(later_meeting.id, director, date(2026, 6, 1))
    assert engine.explain(later_meeting.id)[-1].endswith(
        "by 2026-08-27 [meetings.regular.notice.lead] — " + amendment
    )
    assert engine.explain(early.id)[-1].endswith("第八条（一）")  # pinned: the old rule
    # the new lead had passed for the meeting planned for 2026-06-10: it keeps the old one
    error = refused(engine, engine.migrate, early.id, director, date(2026, 6, 1))
    assert "2 weeks before 2026-06-10, by 2026-05-27, before the migration day" in str(error)
    assert (error.rule, error.citation) == (path, amendment)


THREE_YEAR_TERMS = """
id: three-year-terms
extends: cn-national-baseline
title: owners' committees serve three years
jurisdiction: a city
amendments:
  - effective: 2027-01-01
    source: {doc: guide-rules, article: 第32条, summary: a local rule shortens the term to three years}
    changes:
      terms:
        owners_committee:
          term: {length: 3 years, at_most: true}
"""


def test_a_term_elected_under_one_version_is_reelected_under_another() -> None:
    charter = load_charter_text(THREE_YEAR_TERMS, name="terms.yaml")
    engine = gr.Engine(charter)
    term = _term(engine)  # elected 2026-04-01 for five years
    engine.advance_to(date(2027, 1, 4))
    # a shorter term in a later amendment does not cut the sitting committee short
    engine.migrate(term.id, OC, date(2027, 1, 4))
    assert term.data.term_end == date(2031, 4, 1)
    assert [t.trigger for _, t in engine.deadlines()] == ["reelection_due", "term_expired"]
    engine.advance_to(date(2031, 1, 5))
    assert term.state == "owners_committee.reelection_due"
    # re-elected on the migrated item, the new committee serves the amended three years
    engine.command(term.id, "reelect", ASSEMBLY, date(2031, 1, 10), members=7)
    assert term.data.term_end == date(2034, 1, 10)
    again = gr.Engine(charter, store=engine.store)
    assert (again.get(term.id).data, again.get(term.id).as_of) == (term.data, date(2027, 1, 4))


def test_a_re_election_after_an_amendment_follows_the_rules_of_its_day() -> None:
    """A new term is a new start: re-elected in 2031 with no migration, the committee
    serves the amended three years (before, the item's 2026 rules gave it five), and
    a replay from the store agrees. Without an amendment since, nothing changes."""
    charter = load_charter_text(THREE_YEAR_TERMS, name="terms.yaml")
    engine = gr.Engine(charter)
    term = _term(engine)  # elected 2026-04-01 for five years, under the 2026 rules
    engine.advance_to(date(2031, 1, 5))
    assert term.as_of == date(2026, 4, 1)
    assert term.data.term_end == date(2031, 4, 1)  # the sitting committee is not cut short
    engine.command(term.id, "reelect", ASSEMBLY, date(2031, 1, 10), members=7)
    assert term.data.term_end == date(2034, 1, 10)
    assert term.as_of == date(2031, 1, 10)
    again = gr.Engine(charter, store=engine.store)
    assert (again.get(term.id).data, again.get(term.id).as_of) == (term.data, term.as_of)
    line = next(x for x in engine.explain(term.id) if " reelect " in x)
    assert line.endswith("(from now under the rules in force on 2031-01-10)")
    plain = gr.Engine("cn-national-baseline")
    other = _term(plain)
    plain.advance_to(date(2031, 1, 5))
    plain.command(other.id, "reelect", ASSEMBLY, date(2031, 1, 10), members=7)
    assert other.as_of == date(2026, 4, 1)  # no amendment since: the item's own rules
    assert other.data.term_end == date(2036, 1, 10)


MONTHLY_FROM_2027 = """
id: rq-monthly
extends: rotating-quarterly-consensus
title: monthly meetings from 2027
jurisdiction: a street office
amendments:
  - effective: 2027-01-01
    source: {doc: rq, article: 会议召开频率, summary: from 2027 the parties meet every month}
    changes:
      meetings:
        regular:
          cadence: {every: monthly}
"""


def test_the_convener_rotation_runs_on_in_turn_when_an_amendment_changes_the_cadence() -> None:
    charter = load_charter_text(MONTHLY_FROM_2027, name="rq.yaml")
    later = charter.at(date(2027, 1, 1))
    # a version knows the others: the rules of an earlier day are the earlier ones
    assert later.at(date(2026, 6, 1)) is charter
    assert later.at(date(2027, 6, 1)) is later
    order = ("residents_committee", "owners_committee", "property_company")
    engine = gr.Engine(charter)
    plans = [  # quarterly in 2026, then monthly: each window is the next party's turn
        date(2026, 2, 4), date(2026, 5, 6), date(2026, 8, 5), date(2026, 11, 4),
        date(2027, 1, 6), date(2027, 2, 3), date(2027, 3, 3),
    ]  # fmt: skip
    for turn, day in enumerate(plans):
        convener = order[turn % 3]
        choice = gr.RotationChoice(order, day) if turn == 0 else None
        meeting = engine.plan_meeting(gr.Actor(convener), "regular", day,
                                      on=day.replace(day=1), rotation=choice)  # fmt: skip
        # counted as if monthly all along, 2027-01 was the company's turn, not the OC's
        assert meeting.data.roles["convener"] == (convener,), day


def test_migrate_asks_for_the_post_the_rule_names() -> None:
    """The body answering for an item is not enough where the charter names a post:
    yangxin-2022's first routine level is the residents' committee member for
    environment and property ((二) 第二条), and its regular meeting's convener the Party
    organisation's head. Before, any member of either body could migrate the item."""
    engine = gr.Engine("yangxin-2022")
    day = date(2026, 9, 28)
    issue = engine.report_issue(gr.Actor("residents", id="r-1"), day, summary="a broken gate")
    level = engine.charter.issues["routine"].ladder[0]
    post = (level.positions_for(level.handler) or ("",))[0]
    engine.command(issue.id, "triage", gr.Actor(level.handler, post), day, category="routine")
    with pytest.raises(PermissionDenied) as info:
        engine.migrate(issue.id, gr.Actor(level.handler), day)
    assert info.value.rule == "issues.routine.ladder[0]"
    assert info.value.allowed == f"Actor({level.handler!r}, position={post!r})"
    assert issue.version == 2  # refused: nothing written
    engine.migrate(issue.id, gr.Actor(level.handler, post), day)
    assert issue.version == 3
    meeting = engine.plan_meeting(gr.Actor("party_org", "head"), "regular", date(2026, 10, 27),
                                  on=date(2026, 10, 9))  # fmt: skip
    with pytest.raises(PermissionDenied, match="head of party_org"):
        engine.migrate(meeting.id, gr.Actor("party_org", "secretary"), date(2026, 10, 10))
    engine.migrate(meeting.id, gr.Actor("party_org", "head"), date(2026, 10, 10))


# -- a back-dated amendment never rewrites recorded history ------------------------------------
@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_an_amendment_back_dated_before_a_streams_rules_refuses_the_store(
    kind: str, tmp_path: Path
) -> None:
    """An issue reported on 2026-11-03 under the charter as it then was (three working
    days to reply) must not be replayed under an amendment added later but dated from
    2026-11-02 (ten days): its recorded breach of 2026-11-07 would silently vanish."""
    shared = gr.MemoryStore()

    def store() -> gr.MemoryStore | EventStore:
        return shared if kind == "memory" else EventStore(f"sqlite:///{tmp_path / 'ev.db'}")

    writer = gr.Engine(_local(""), store=store())
    issue = _triaged(writer, date(2026, 11, 3))
    assert [f.timer.trigger for f in writer.advance_to(date(2026, 11, 9))] == ["breach"]
    with pytest.raises(StoreError, match="amendment in force from 2026-11-02 that this") as info:
        gr.Engine(_local(LONGER_REPLY), store=store())
    error = info.value
    assert error.where == issue.id
    assert "follows the rules in force on 2026-11-03" in str(error)
    assert "would rewrite its history" in str(error)
    assert "in force after 2026-11-03" in str(error.allowed)
    assert gr.Engine(_local(""), store=store()).get(issue.id).data.level == 1  # as it was


def test_an_amendment_dated_after_a_streams_rules_leaves_it_pinned() -> None:
    writer = gr.Engine(_local(""))
    issue = _triaged(writer, date(2026, 10, 29))  # before the amendment's day
    amended = gr.Engine(_local(LONGER_REPLY), store=writer.store)
    assert amended.problems == []
    assert amended.get(issue.id).as_of == date(2026, 10, 29)
    reply = amended.deadlines()[0][1]  # the old three working days, not the amended ten
    assert (reply.rule, reply.due) == (
        "issues.routine.ladder[0].deadlines.reply",
        date(2026, 11, 3),
    )


def test_a_renewal_under_an_amendment_records_it_so_the_store_opens_again() -> None:
    """Elected by an engine that did not know the 2027 amendment, re-elected in 2031 by
    one that did: the re-election adopts the amended rules and records the charter it
    followed, so reopening the store with the amended charter is not taken for a
    back-dated amendment."""
    amended = load_charter_text(THREE_YEAR_TERMS, name="terms.yaml")
    plain = load_charter_text(
        THREE_YEAR_TERMS.split("amendments:", maxsplit=1)[0], name="terms.yaml"
    )
    first = gr.Engine(plain)
    term = _term(first)
    engine = gr.Engine(amended, store=first.store)
    engine.advance_to(date(2031, 1, 5))
    engine.command(term.id, "reelect", ASSEMBLY, date(2031, 1, 10), members=7)
    renewal = first.store.read(term.id)[-1].payload
    assert renewal["changes"]["as_of"] == date(2031, 1, 10)
    assert renewal["charter"]["amendments"] == "2027-01-01"
    again = gr.Engine(amended, store=first.store)
    assert (again.get(term.id).data.term_end, again.get(term.id).as_of) == (
        date(2034, 1, 10), date(2031, 1, 10))  # fmt: skip


def test_amendments_recorded_as_a_list_by_earlier_versions_are_still_read() -> None:
    assert _recorded_days(["2026-11-02", "2027-01-01"]) == ["2026-11-02", "2027-01-01"]
    assert _recorded_days("2026-11-02,2027-01-01") == ["2026-11-02", "2027-01-01"]
    assert _recorded_days("") == []
    assert _recorded_days(None) is None
