"""The engine obeys each charter: per-charter machines, and every finding of issue 8."""

from __future__ import annotations

import textwrap
from datetime import date, timedelta

import pytest

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter import Charter, load_charter, load_charter_text
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules._charter.rotation import RotationChoice, holders
from governance_rules._engine import Engine
from governance_rules._obligations import obligations
from governance_rules._workflows import Actor, compile_workflow
from governance_rules._workflows.terms import term_end
from governance_rules.errors import (
    CharterValidationError,
    CommandRefused,
    DateOutOfRangeError,
    PermissionDenied,
)
from tests.engine.notices import notice_args

PARTY = Actor("party_org", "head", id="p-1")
RC = Actor("residents_committee", "director")
OC = Actor("owners_committee", "director")
PC = Actor("property_company")
OFFICE = Actor("meeting_office")
THREE = ("residents_committee", "owners_committee", "property_company")


# -- compiled per charter --------------------------------------------------------------------
def test_diagrams_differ_between_charters_and_show_the_ladder() -> None:
    diagrams = {
        cid: compile_workflow(load_charter(cid), "issue").diagram()
        for cid in ("yangxin-2022", "pm-liaison-bimonthly", "street-joint-meeting")
    }
    assert len(set(diagrams.values())) == 3
    yangxin = diagrams["yangxin-2022"]
    assert "handling.beyond_remit.L2_street_office" in yangxin
    assert "stateDiagram-v2" in yangxin  # mermaid, drawn by transitions
    meetings = {
        cid: compile_workflow(load_charter(cid), "meeting").diagram()
        for cid in ("yangxin-2022", "pm-liaison-bimonthly", "street-joint-meeting")
    }
    assert len(set(meetings.values())) == 3


def test_machines_follow_the_rules_that_differ() -> None:
    yayuan = compile_workflow(load_charter("yayuan-monthly"), "meeting")
    # yayuan's minutes need approval by more than half of two committees: a sign-off step
    assert "regular.minutes_approved" in yayuan.states
    labels = [e.__name__ for t in yayuan.machine.events["sign_minutes"].transitions.values()
              for tr in t for e in (tr.conditions[0].func,)]  # fmt: skip
    assert any("> 1/2" in label for label in labels)
    # a level with no deadline has no breach edge; yangxin sets none on its ladders
    yangxin = compile_workflow(load_charter("yangxin-2022"), "issue")
    assert "breach" not in yangxin.triggers


def test_table_is_compiled_from_the_machine() -> None:
    workflow = compile_workflow(load_charter("yangxin-2022"), "issue")
    machine_edges = {
        (src, trig) for trig, ev in workflow.machine.events.items() for src in ev.transitions
    }
    assert set(workflow.table) == machine_edges


# -- planning ----------------------------------------------------------------------------------
def test_planning_follows_windows_working_days_and_once_per_window() -> None:
    engine = Engine("yangxin-2022")
    with pytest.raises(CommandRefused, match="in none of the windows") as info:
        engine.plan_meeting(PARTY, "regular", date(2026, 3, 10), on=date(2026, 3, 1))
    assert info.value.rule == "meetings.regular.cadence"
    assert info.value.citation
    with pytest.raises(CommandRefused, match="in none of the windows"):
        engine.plan_meeting(PARTY, "regular", date(2026, 10, 1), on=date(2026, 9, 1))
    with pytest.raises(CommandRefused, match="not a working day"):  # a Saturday in the window
        engine.plan_meeting(PARTY, "regular", date(2026, 10, 31), on=date(2026, 10, 1))
    # Saturday 28 Feb 2026 is a make-up working day (调休) in the February window
    engine.plan_meeting(PARTY, "regular", date(2026, 2, 28), on=date(2026, 2, 1))
    engine.plan_meeting(PARTY, "regular", date(2026, 4, 28), on=date(2026, 4, 1))
    with pytest.raises(CommandRefused, match="already has 1 regular meeting"):
        engine.plan_meeting(PARTY, "regular", date(2026, 4, 29), on=date(2026, 4, 1))
    with pytest.raises(PermissionDenied, match="convener"):
        engine.plan_meeting(Actor("hackers"), "regular", date(2026, 6, 23), on=date(2026, 6, 1))
    assert len(engine.instances("meeting")) == 2  # nothing refused was kept


def test_an_override_is_recorded_and_explained() -> None:
    engine = Engine("yangxin-2022")
    meeting = engine.plan_meeting(PARTY, "regular", date(2026, 3, 10), on=date(2026, 3, 1),
                                  override="flood damage: the street asked for an early meeting")  # fmt: skip
    assert meeting.data.override.startswith("flood damage")
    assert any("planned outside the charter's rule: flood damage" in line
               for line in engine.explain(meeting.id))  # fmt: skip


# -- one convener function ---------------------------------------------------------------------
def test_calendar_and_engine_name_the_same_convener() -> None:
    charter = load_charter("rotating-quarterly-consensus")
    engine = Engine(charter)
    with pytest.raises(CommandRefused, match="order to the community"):
        engine.plan_meeting(RC, "regular", date(2026, 2, 10), on=date(2026, 2, 1))
    choice = RotationChoice(("owners_committee", "residents_committee", "property_company"),
                            date(2026, 2, 10))  # fmt: skip
    planned = []
    for n, (month, dom) in enumerate(((2, 10), (5, 12), (8, 11), (11, 10))):
        convener = holders(charter, "convener", "regular", date(2026, month, dom), choice)
        assert convener is not None
        meeting = engine.plan_meeting(Actor(convener[0]), "regular", date(2026, month, dom),
                                      on=date(2026, month, 1), rotation=choice if n == 0 else None)  # fmt: skip
        planned.append(meeting.data.roles["convener"][0])
    calendar = [o.convener[0] for o in obligations(charter, 2026, rotation=choice)
                if o.kind == "meeting"]  # fmt: skip
    assert planned == calendar == ["owners_committee", "residents_committee",
                                   "property_company", "owners_committee"]  # fmt: skip
    # without the community's choice the calendar names nobody rather than inventing one
    assert all(o.convener == () for o in obligations(charter, 2026) if o.kind == "meeting")
    # a restarted engine keeps the recorded choice
    again = Engine(charter, store=engine.store)
    nxt = again.plan_meeting(RC, "regular", date(2027, 3, 10), on=date(2027, 3, 1))
    assert nxt.data.roles["convener"] == ("residents_committee",)


# -- decisions -----------------------------------------------------------------------------------
# the positions the bundled charters name for their conveners and chairs
POSITIONS = {
    "party_org": "head",
    "residents_committee": "director",
    "owners_committee": "director",
}


def _as(body: str) -> Actor:
    return Actor(body, POSITIONS.get(body))


def _held(
    cid: str | Charter, present: dict[str, int], roster: dict[str, int] | None = None
) -> tuple[Engine, str]:
    engine = Engine(cid)
    rule = engine.charter.meetings["regular"]
    window = rule.window.windows(2026, rule.cadence)[1]
    day = next(d for d in (date.fromordinal(window.start.toordinal() + k) for k in range(40))
               if WorkingCalendar.china().is_working_day(d) and d >= window.start)  # fmt: skip
    order = RotationChoice(THREE, day)
    convener = holders(engine.charter, "convener", "regular", day, order) or ("party_org",)
    actor = _as(convener[0])
    m = engine.plan_meeting(actor, "regular", day, on=date(2026, 1, 2), roster=roster,
                            rotation=order if cid == "rotating-quarterly-consensus" else None)  # fmt: skip
    for trigger in ("sign_notice", "issue_notice", "set_agenda"):
        if (m.state, trigger) in engine.workflow(m).table:
            who = (
                engine.workflow(m).table[(m.state, trigger)][0][0].who(m, None, engine.context(m))
            )  # type: ignore[arg-type]
            engine.command(m.id, trigger, _as(who[0]), date(2026, 1, 5), **notice_args(trigger))
    chair = engine.workflow(m).table[(m.state, "hold")][0][0].who(m, None, engine.context(m))  # type: ignore[arg-type]
    engine.command(m.id, "hold", _as(chair[0]), day, present=present)
    return engine, m.id


def test_unspecified_rule_records_the_declared_outcome() -> None:
    engine, mid = _held("yangxin-2022", {"party_org": 1, "residents_committee": 1})
    chair = PARTY
    with pytest.raises(CommandRefused, match="sets no decision rule"):
        engine.command(mid, "record_decision", chair, engine.get(mid).data.day, votes=[])
    engine.command(mid, "record_decision", chair, engine.get(mid).data.day, matter="gate",
                   outcome="failed")  # fmt: skip
    record = engine.get(mid).data.decisions[0]
    assert (record.outcome, record.declared, record.rule) == ("failed", True, "unspecified")
    assert engine.get(mid).data.actions == ()  # a failed decision has no action item
    assert any("decision gate: failed" in line for line in engine.explain(mid))


def test_two_thirds_of_present_counts_silent_members() -> None:
    text = textwrap.dedent("""
        id: two-thirds-present
        extends: pm-joint-quarterly
        title: test
        jurisdiction: test
        meetings:
          regular:
            decision:
              kind: supermajority
              threshold: {fraction: 2/3, inclusive: true}
              base: present
              source: {doc: pj, summary: two thirds of those present (test variant)}
    """)
    charter = load_charter_text(text, name="t.yaml", base_dir=bundled_rulesets_dir())
    engine = Engine(charter)
    rule = charter.meetings["regular"]
    window = rule.window.windows(2026, rule.cadence)[1]
    day = (
        window.start if WorkingCalendar.china().is_working_day(window.start) else date(2026, 4, 2)
    )
    convener = holders(charter, "convener", "regular", day) or ()
    m = engine.plan_meeting(Actor(convener[0]), "regular", day, on=date(2026, 3, 1),
                            roster={"owners_committee": 2, "property_company": 2,
                                    "residents_committee": 1})  # fmt: skip
    table = engine.workflow(m).table
    for trigger in ("sign_notice", "issue_notice", "set_agenda"):
        if (m.state, trigger) in table:
            who = table[(m.state, trigger)][0][0].who(m, None, engine.context(m))  # type: ignore[arg-type]
            engine.command(m.id, trigger, Actor(who[0]), date(2026, 3, 2), **notice_args(trigger))
    chair = engine.workflow(m).table[(m.state, "hold")][0][0].who(m, None, engine.context(m))  # type: ignore[arg-type]
    engine.command(m.id, "hold", Actor(chair[0]), day,
                   present={"owners_committee": 2, "property_company": 2})  # fmt: skip
    votes = [{"voter": "a", "body": "owners_committee", "choice": "yes"},
             {"voter": "b", "body": "owners_committee", "choice": "yes"},
             {"voter": "c", "body": "property_company", "choice": "no"}]  # fmt: skip
    engine.command(m.id, "record_decision", Actor(chair[0]), day, votes=votes, matter="fees")
    record = engine.get(m.id).data.decisions[0]
    assert record.outcome == "failed"  # 2 of 4 present: the silent member counts
    votes.append({"voter": "d", "body": "property_company", "choice": "yes"})
    engine.command(m.id, "record_decision", Actor(chair[0]), day, votes=votes, matter="fees")
    assert engine.get(m.id).data.decisions[1].outcome == "passed"  # 3 of 4 >= 2/3


# -- action items and close ------------------------------------------------------------------------
def test_action_items_only_as_the_charter_requires_and_close_waits() -> None:
    engine = Engine("party-building-5x")
    rule = engine.charter.meetings["regular"]
    assert rule.action_items is not None
    assert rule.action_items.owner_required
    engine2 = Engine("yangxin-2022")
    # yangxin states no owner or due date: a declared decision needs neither
    engine2, mid = _held("yangxin-2022", {"party_org": 1})
    engine2.command(mid, "record_decision", PARTY, engine2.get(mid).data.day, matter="lights",
                    outcome="passed")  # fmt: skip
    item = engine2.get(mid).data.actions[0]
    assert (item.owner, item.due) == (None, None)
    m = engine2.get(mid)
    engine2.command(mid, "draft_minutes", OFFICE, m.data.day)
    while m.state != "regular.closed":
        step = m.state.rsplit(".", 1)[-1]
        if step == "minutes_drafted" and (m.state, "sign_minutes") in engine2.workflow(m).table:
            engine2.command(mid, "sign_minutes", PARTY, m.data.day)
        elif (m.state, "distribute") in engine2.workflow(m).table:
            engine2.command(mid, "distribute", OFFICE, m.data.day)
        else:
            with pytest.raises(CommandRefused, match="still open"):
                engine2.command(mid, "close", PARTY, m.data.day)
            engine2.command(mid, "complete_action", OFFICE, m.data.day, item=0)
            engine2.command(mid, "close", PARTY, m.data.day)


def test_the_body_charged_with_following_items_up_records_them_done() -> None:
    """yangxin-2022 (一) 第五条 charges the office with pursuing agreed items: it records
    an item done, and the parties at the table no longer can (any member could, and the
    office could not)."""
    engine, mid = _held("yangxin-2022", {"party_org": 1})
    day = engine.get(mid).data.day
    engine.command(mid, "record_decision", PARTY, day, matter="lights", outcome="passed")
    with pytest.raises(PermissionDenied) as info:
        engine.command(mid, "complete_action", PC, day, item=0)
    assert info.value.allowed == "meeting_office"
    assert info.value.rule == "meetings.regular.action_items"
    assert info.value.citation is not None
    assert "(一) 第五条" in info.value.citation
    assert engine.get(mid).data.actions[0].done_on is None
    engine.command(mid, "complete_action", OFFICE, day, item=0)
    assert engine.get(mid).data.actions[0].done_on == day


ITEMS_IN_TEN_DAYS = """
id: yangxin-action-days
extends: yangxin-2022
title: Yangxin charter with a local time for action items
jurisdiction: a street office in Yangxin County
documents:
  local: {kind: guide, file: local-rules, heading: Local implementing rules}
meetings:
  regular:
    action_items:
      deadline: 10 working days
      source: {doc: local, summary: Agreed items are carried out within ten working days.}
"""


def test_the_charters_time_for_action_items_is_the_default_and_the_limit() -> None:
    """``action_items.deadline`` was shown and never used: an item with no due date had
    no deadline, and one due after the charter's time was accepted."""
    charter = load_charter_text(ITEMS_IN_TEN_DAYS)
    engine, mid = _held(charter, {"party_org": 1})
    day = engine.get(mid).data.day
    limit = WorkingCalendar.china().add_working_days(day, 10)
    late = limit + timedelta(days=1)
    with pytest.raises(CommandRefused) as info:
        engine.command(mid, "record_decision", PARTY, day, matter="lights",
                       outcome="passed", due=late)  # fmt: skip
    assert f"due by {limit.isoformat()}" in info.value.what
    assert info.value.rule == "meetings.regular.action_items"
    assert info.value.citation is not None
    assert "Local implementing rules" in info.value.citation
    assert engine.get(mid).data.decisions == ()  # refused: nothing minuted
    engine.command(
        mid, "record_decision", PARTY, day, matter="lights", outcome="passed", due=limit
    )  # fmt: skip  (the last day itself is allowed)
    engine.command(mid, "record_decision", PARTY, day, matter="bins", outcome="passed")
    items = engine.get(mid).data.actions
    assert [i.due for i in items] == [limit, limit]  # no due date given: the charter's
    overdue = [t for i, t in engine.deadlines() if t.trigger == "action_overdue"]
    assert [t.due for t in overdue] == [limit, limit]
    # the bundled charter gives no time: an item may have none, and any later date
    engine2, mid2 = _held("yangxin-2022", {"party_org": 1})
    engine2.command(mid2, "record_decision", PARTY, day, matter="lights", outcome="passed",
                    due=late + timedelta(days=300))  # fmt: skip
    engine2.command(mid2, "record_decision", PARTY, day, matter="bins", outcome="passed")
    assert [i.due for i in engine2.get(mid2).data.actions] == [late + timedelta(days=300), None]


# -- deadlines ---------------------------------------------------------------------------------
def test_deadlines_list_the_notice_lead_of_a_planned_meeting() -> None:
    engine = Engine("model-charter-rc")  # notice one week ahead
    rule = engine.charter.meetings["regular"]
    assert rule.notice is not None
    assert rule.notice.lead.period is not None
    day = date(2026, 10, 9)
    m = engine.plan_meeting(RC, "regular", day, on=date(2026, 9, 1))
    found = [t for i, t in engine.deadlines() if i is m]
    notice = [t for t in found if t.rule == "meetings.regular.notice.lead"]
    assert notice
    assert notice[0].due == date(2026, 9, 30)


# -- terms -------------------------------------------------------------------------------------
def test_term_end_does_not_count_the_election_day() -> None:
    rule = load_charter("cn-national-baseline").terms["owners_committee"]
    assert term_end(WorkingCalendar.china(), rule, date(2024, 5, 18)) == date(2029, 5, 18)
    engine = Engine("cn-national-baseline")
    term = engine.elect("owners_committee", Actor("owners_assembly"), date(2024, 5, 18),
                        members=7)  # fmt: skip
    expiry = next(t for i, t in engine.deadlines() if t.trigger == "term_expired")
    assert expiry.due == date(2029, 5, 18)
    assert "2029-05-18" in expiry.explanation
    lead = next(t for i, t in engine.deadlines() if t.trigger == "reelection_due")
    assert lead.due.isoformat() in lead.explanation
    assert term.data.term_end == date(2029, 5, 18)


def test_who_elects_comes_from_the_charter() -> None:
    engine = Engine("cn-national-baseline")
    with pytest.raises(PermissionDenied, match="owners_assembly"):
        engine.elect("owners_committee", PC, date(2024, 5, 18), members=7)
    assert engine.instances("term") == []


def test_a_reelected_committee_can_meet_and_file() -> None:
    engine = Engine("cn-national-baseline")
    term = engine.elect("owners_committee", Actor("owners_assembly"), date(2021, 6, 1), members=7)
    engine.advance_to(date(2026, 7, 1))
    engine.command(term.id, "reelect", RC, date(2026, 7, 10), members=9)
    engine.command(term.id, "hold_first_meeting", OC, date(2026, 7, 12))
    engine.command(term.id, "file", OC, date(2026, 7, 20))
    fired = engine.advance_to(date(2026, 9, 1))
    assert {"duty": "first_meeting"} not in [f.timer.args for f in fired]
    assert {"duty": "filing"} not in [f.timer.args for f in fired]


# -- appraisal ---------------------------------------------------------------------------------
def test_the_appraisal_runs_on_the_event_log() -> None:
    engine = Engine("yangxin-2022")
    ev = engine.charter.evaluation
    assert ev is not None
    with pytest.raises(PermissionDenied):
        engine.open_appraisal(PC, 2026, date(2026, 12, 1))
    a = engine.open_appraisal(Actor(ev.organiser), 2026, date(2026, 12, 1))
    org = Actor(ev.organiser)
    item = ev.criteria[0].name if ev.criteria else "overall"
    engine.command(a.id, "record_scores", org, date(2026, 12, 10),
                   scores=[[s, item, "80"] for s in ev.subjects])  # fmt: skip
    engine.command(a.id, "publicise", org, date(2026, 12, 11))
    engine.command(a.id, "object", PC, date(2026, 12, 12), subject="property_company", text="x")
    approver = Actor(ev.approved_by or ev.organiser)
    with pytest.raises(CommandRefused, match="still open"):
        engine.command(a.id, "approve", approver, date(2026, 12, 28))
    engine.command(a.id, "answer_objection", org, date(2026, 12, 14), index=0, answer="checked")
    engine.command(a.id, "approve", approver, date(2026, 12, 28))
    assert engine.get(a.id).state == "approved"
    replayed = Engine("yangxin-2022", store=engine.store).get(a.id)
    assert replayed.data == engine.get(a.id).data


def test_a_charter_without_a_convener_lets_a_member_plan_and_the_chair_close() -> None:
    engine = Engine("party-building-5x")
    assert engine.charter.role("convener", "regular") is None
    meeting = engine.plan_meeting(RC, "regular", date(2026, 10, 8), on=date(2026, 9, 1))
    with pytest.raises(PermissionDenied, match="may only be issued by the chair"):
        engine.command(meeting.id, "cancel", PC, date(2026, 9, 2))
    # party-building-5x 五、1: the Party secretary (or the RC director) chairs
    engine.command(meeting.id, "cancel", Actor("party_org", "secretary"), date(2026, 9, 2))
    assert meeting.state == "regular.cancelled"


def test_a_command_whose_deadlines_cannot_be_counted_is_not_stored(
    local_yangxin: Charter,
) -> None:
    engine = Engine(local_yangxin)
    last = engine.calendar.last_date
    issue = engine.report_issue(Actor("residents"), last)
    # the reply deadline (3 working days) would fall past the calendar's data
    with pytest.raises(DateOutOfRangeError):
        engine.command(issue.id, "triage", RC, last, category="routine")
    assert issue.state == "reported"
    assert len(engine.store.read(issue.id)) == 1  # nothing was written
    assert engine.deadlines() == []  # and nothing poisons later calls
    assert engine.advance_to(last) == []
    with pytest.raises(CommandRefused, match=r"datetime\.date"):
        engine.advance_to("2026-12-31")  # type: ignore[arg-type]


def test_days_never_go_backwards_within_a_stream(local_yangxin: Charter) -> None:
    engine = Engine(local_yangxin)
    issue = engine.report_issue(Actor("residents"), date(2026, 9, 28))
    engine.command(issue.id, "triage", RC, date(2026, 9, 28), category="routine")
    # late, before advance_to ran: the two reply deadlines missed meanwhile fire first, so
    # the issue is with the joint meeting by then; the RC's late reply is refused whole
    with pytest.raises(PermissionDenied, match="after the 2 deadlines that passed before"):
        engine.command(issue.id, "reply", RC, date(2026, 10, 20))
    assert (issue.version, len(engine.store.read(issue.id))) == (2, 2)  # nothing written
    engine.command(issue.id, "reply", Actor("joint_meeting"), date(2026, 10, 20))
    assert [e.type for e in engine.store.read(issue.id)] == [
        "report", "triage", "breach", "breach", "reply"]  # fmt: skip
    with pytest.raises(CommandRefused, match="before the issue's last event"):
        engine.command(issue.id, "follow_up", RC, date(2026, 10, 19))
    with pytest.raises(CommandRefused, match="on or after the item's last event"):
        engine.migrate(issue.id, Actor("joint_meeting"), date(2026, 10, 1))
    fired = engine.advance_to(date(2026, 12, 31))
    days = [e.payload["on"] for e in engine.store.read(issue.id)]
    assert days == sorted(days)  # deadline events are never dated before earlier events
    assert all(f.event.payload["on"] >= date(2026, 10, 20) for f in fired)


@pytest.mark.parametrize(
    "roster",
    [{"hackers": 3}, {"residents_committee": -5}, {"residents_committee": "x"}, {}, ["x"]],
    ids=["unknown body", "negative", "text", "empty", "list"],
)
def test_a_bad_roster_is_refused_before_anything_is_written(roster: object) -> None:
    engine = Engine("yangxin-2022")
    with pytest.raises(CommandRefused, match="roster"):
        engine.plan_meeting(
            PARTY, "regular", date(2026, 4, 28), on=date(2026, 4, 1), roster=roster
        )  # type: ignore[arg-type]
    assert engine.instances() == []


def test_only_the_body_responsible_for_an_item_may_migrate_it() -> None:
    engine = Engine("yangxin-2022")
    rc = Actor("residents_committee", "environment_and_property_member")  # (二) 第二条
    issue = engine.report_issue(Actor("residents"), date(2026, 3, 2))
    engine.command(issue.id, "triage", rc, date(2026, 3, 2), category="routine")
    for who in (Actor("hackers"), PC):
        with pytest.raises(PermissionDenied, match="responsible for the item"):
            engine.migrate(issue.id, who, date(2026, 3, 3))
    engine.migrate(issue.id, rc, date(2026, 3, 3))
    assert issue.as_of == date(2026, 3, 3)
    # a closed issue is on no ladder level any more: it migrates as it is (this crashed)
    for trigger in ("reply", "resolve"):
        engine.command(issue.id, trigger, rc, date(2026, 3, 4))
    engine.command(issue.id, "close", Actor("residents"), date(2026, 3, 5))
    assert issue.state == "closed"
    engine.migrate(issue.id, rc, date(2026, 3, 6))
    assert issue.as_of == date(2026, 3, 6)


def test_a_role_with_a_position_is_issued_by_that_position() -> None:
    # yangxin-2022: the head of the community Party organisation convenes; an estate
    # Party organisation may act on delegation (受委托) without that position
    engine = Engine("yangxin-2022")
    day, on = date(2026, 4, 28), date(2026, 4, 1)
    for position in (None, "secretary"):
        with pytest.raises(PermissionDenied) as info:
            engine.plan_meeting(Actor("party_org", position), "regular", day, on=on)
        assert info.value.rule == "roles.convener"
        assert info.value.citation is not None
        assert "the head of party_org" in str(info.value)
        assert engine.instances() == []
    meeting = engine.plan_meeting(Actor("estate_party_org"), "regular", day, on=on)
    assert meeting.state == "regular.planned"
    # a role a meeting kind names overrides the charter's, with its own position
    engine = Engine("pm-liaison-bimonthly")
    rule = engine.charter.meetings
    kind = next(
        k for k, r in rule.items() if "convener" in r.roles and r.roles["convener"].position
    )
    assignment = rule[kind].roles["convener"]
    with pytest.raises(PermissionDenied) as info:
        engine.plan_meeting(Actor(assignment.body or ""), kind, date(2026, 6, 10),
                            on=date(2026, 6, 1), override="test")  # fmt: skip
    assert info.value.rule == f"meetings.{kind}.roles.convener"
    engine.plan_meeting(Actor(assignment.body or "", assignment.position), kind,
                        date(2026, 6, 10), on=date(2026, 6, 1), override="test")  # fmt: skip


MONTHLY_BY_THE_5TH = """
id: yangxin-by-the-5th
extends: yangxin-2022
title: test
jurisdiction: test
readings: null  # the parent's window readings are about its own windows
meetings:
  regular:
    cadence: {every: monthly, source: {doc: yx, article: x, summary: a local rule}}
    window: {kind: days_of_month, first: 1, last: 5, reading: null, months: null}
"""


def test_a_window_wholly_on_days_off_is_planned_as_the_calendar_moves_it() -> None:
    charter = load_charter_text(MONTHLY_BY_THE_5TH, name="local.yaml",
                                base_dir=bundled_rulesets_dir())  # fmt: skip
    engine = Engine(charter)
    # 1-5 October 2026 are all National Day holidays: the window ends on 8 October,
    # the first working day after it, as `govrules deadline` would count it
    meeting = engine.plan_meeting(PARTY, "regular", date(2026, 10, 8), on=date(2026, 9, 20))
    assert meeting.data.window_start == date(2026, 10, 1)
    with pytest.raises(CommandRefused, match="in none of the windows"):
        engine.plan_meeting(PARTY, "regular", date(2026, 11, 9), on=date(2026, 9, 20))


def test_a_minimum_cadence_allows_more_meetings_in_a_window() -> None:
    at_least = MONTHLY_BY_THE_5TH.replace("{every: monthly,", "{every: monthly, at_least: true,")
    engine = Engine(load_charter_text(at_least, name="local.yaml",
                                      base_dir=bundled_rulesets_dir()))  # fmt: skip
    engine.plan_meeting(PARTY, "regular", date(2026, 11, 2), on=date(2026, 10, 20))
    engine.plan_meeting(PARTY, "regular", date(2026, 11, 3), on=date(2026, 10, 20))
    exact = Engine(load_charter_text(MONTHLY_BY_THE_5TH, name="local.yaml",
                                     base_dir=bundled_rulesets_dir()))  # fmt: skip
    exact.plan_meeting(PARTY, "regular", date(2026, 11, 2), on=date(2026, 10, 20))
    with pytest.raises(CommandRefused, match="already has 1"):
        exact.plan_meeting(PARTY, "regular", date(2026, 11, 3), on=date(2026, 10, 20))


def test_a_threshold_without_a_base_is_left_to_the_meeting() -> None:
    text = MONTHLY_BY_THE_5TH.replace(
        "    window: {kind: days_of_month, first: 1, last: 5, reading: null, months: null}\n",
        "    window: {kind: days_of_month, first: 1, last: 5, reading: null, months: null}\n"
        "    decision: {kind: supermajority, threshold: {fraction: 2/3, inclusive: true},"
        " source: {doc: yx, article: x, summary: 'two-thirds, of what unsaid'}}\n",
    )
    charter = load_charter_text(text, name="local.yaml", base_dir=bundled_rulesets_dir())
    engine = Engine(charter)
    meeting = engine.plan_meeting(PARTY, "regular", date(2026, 11, 2), on=date(2026, 10, 20))
    engine.command(meeting.id, "sign_notice", PARTY, date(2026, 10, 26))
    engine.command(meeting.id, "issue_notice", Actor("meeting_office"), date(2026, 10, 26))
    engine.command(meeting.id, "hold", PARTY, date(2026, 11, 2),
                   present={"party_org": 1, "residents_committee": 1})  # fmt: skip
    with pytest.raises(CommandRefused, match="sets no decision rule"):
        engine.command(meeting.id, "record_decision", PARTY, date(2026, 11, 2),
                       votes=[{"body": "party_org", "choice": "yes"}])  # fmt: skip
    engine.command(meeting.id, "record_decision", PARTY, date(2026, 11, 2), outcome="passed")
    assert meeting.data.decisions[0].declared


def test_a_deadline_names_the_body_the_command_needs() -> None:
    # model-charter-rc names the body that sends the notice (meeting_office), not a role:
    # the notice deadline answers to it, as the issue_notice edge does (found by the kit)
    engine = Engine("model-charter-rc")
    engine.plan_meeting(RC, "regular", date(2026, 3, 16), on=date(2026, 3, 2))
    (_, timer), *_ = engine.deadlines()
    assert timer.rule == "meetings.regular.notice.lead"
    assert timer.responsible == ("meeting_office",)


def test_a_charter_naming_no_convener_or_chair_lets_a_member_hold_the_meeting() -> None:
    engine = Engine("jingan-three-in-one")
    kind = next(iter(engine.charter.meetings))
    meeting = engine.plan_meeting(OC, kind, date(2026, 3, 16), on=date(2026, 3, 2),
                                  override="test")  # fmt: skip
    workflow = engine.workflow(meeting)
    assert {t for (s, t) in workflow.table if s == meeting.state} >= {"cancel"}
    engine.command(meeting.id, "cancel", RC, date(2026, 3, 3))
    assert meeting.state.endswith("cancelled")


def test_a_charter_without_a_ladder_takes_no_issue_it_could_not_move() -> None:
    engine = Engine("cn-national-baseline")
    with pytest.raises(CommandRefused, match="no issue categories"):
        engine.report_issue(Actor("residents"), date(2026, 3, 2))
    assert engine.instances() == []
    assert engine.store.streams() == []


def test_a_role_held_by_either_of_two_positions() -> None:
    # rc-half-yearly 第二条: the OC director or the official in charge chairs
    engine = Engine("rc-half-yearly")
    chair = engine.charter.role("chair", "regular")
    assert chair is not None
    assert chair.positions == ("director", "official_in_charge")
    director = Actor("owners_committee", "director")
    meeting = engine.plan_meeting(director, "regular", date(2026, 6, 22), on=date(2026, 6, 1),
                                  override="test")  # fmt: skip
    engine.command(meeting.id, "sign_notice", director, date(2026, 6, 2))  # 第三条
    notice = engine.workflow(meeting).table[("regular.planned", "issue_notice")][0][0]
    sender = notice.who(meeting, None, engine.context(meeting))[0]  # type: ignore[arg-type]
    engine.command(meeting.id, "issue_notice", Actor(sender, "director"), date(2026, 6, 2))
    present = dict.fromkeys(meeting.data.roster, 1)
    with pytest.raises(PermissionDenied, match="the director or official_in_charge"):
        engine.command(meeting.id, "hold", Actor("owners_committee", "secretary"),
                       date(2026, 6, 22), present=present)  # fmt: skip
    engine.command(meeting.id, "hold", Actor("owners_committee", "official_in_charge"),
                   date(2026, 6, 22), present=present)  # fmt: skip
    assert meeting.state == "regular.held"


def test_a_role_names_only_positions_its_body_declares() -> None:
    text = (bundled_rulesets_dir() / "rc-half-yearly.yaml").read_text(encoding="utf-8")
    broken = text.replace(
        "position: [director, official_in_charge]", "position: [director, mayor]"
    )
    with pytest.raises(CharterValidationError, match="owners_committee has no position 'mayor'"):
        load_charter_text(broken, name="rc.yaml", base_dir=bundled_rulesets_dir())
