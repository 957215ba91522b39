"""oc-agenda-majority against 000_3a5c8b07dfb4019a.txt (物业管理联席会议制度, lines 153–195)."""

from __future__ import annotations

import itertools
import re
import textwrap
from datetime import date

import pytest

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter import Charter, load_charter_text
from governance_rules._charter.bodies import BodyKind, Membership
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules._decisions import Ballot, Choice, Vote, decide
from governance_rules._engine import Engine
from governance_rules._obligations import obligations
from governance_rules._workflows import Actor, command_table, compile_workflow
from governance_rules.errors import CommandRefused, PermissionDenied
from tests.charters.common import (
    assert_cadence,
    assert_cites,
    assert_decision,
    assert_role,
    assert_timing,
    assert_window,
    charter,
)
from tests.engine.notices import STATED

SRC = "000_3a5c8b07dfb4019a.txt"
CH = charter("oc-agenda-majority")
CAL = WorkingCalendar.china()
SEATS = {"owners_committee": 2, "property_company": 1, "owner_representatives": 1}


def test_four_kinds_of_member_and_no_residents_committee() -> None:
    assert set(CH.member_bodies) == {
        "owners_committee", "property_company", "owner_representatives", "departments",
    }  # fmt: skip
    reps = CH.bodies["owner_representatives"]
    assert reps.kind is BodyKind.OTHER
    assert reps.label is not None
    assert reps.label.zh == "业主代表"
    assert CH.bodies["residents_committee"].membership is Membership.OUTSIDE
    assert_cites(CH, reps, file=SRC, article="2.1")
    assert CH.documents["om"].lines == "153–195"


def test_owners_committee_leads_and_the_company_hosts_and_records() -> None:
    assert_role(CH, "convener", body="owners_committee")
    assert_role(CH, "chair", body="owners_committee")
    assert CH.roles["chair"].position == "director"
    assert_role(CH, "recorder", body="property_company")
    assert_role(CH, "host", body="property_company")
    assert_cites(CH, CH.roles["chair"], file=SRC, article="3.2")
    assert_cites(CH, CH.roles["host"], file=SRC, article="3.1")


def test_normally_quarterly_with_no_ad_hoc_kind() -> None:
    assert_cadence(CH, "regular", months=3, at_least=False)
    assert_window(CH, "regular", 2026, "2026-01-01..2026-03-31", 4)
    assert_cites(CH, CH.meetings["regular"].cadence, file=SRC, article="2.2")  # type: ignore[arg-type]
    assert set(CH.meetings) == {"regular"}


def test_agenda_three_days_ahead_reviewing_last_decisions_first() -> None:
    agenda = CH.meetings["regular"].agenda
    assert agenda is not None
    assert agenda.drafted_by == "owners_committee"
    assert agenda.issued_by == "property_company"  # hands it out: keeps the 3-day lead
    assert_timing(agenda.lead, "3 days")
    duties = [o for o in obligations(CH, 2026) if o.kind == "agenda"]
    assert duties
    assert {o.responsible for o in duties} == {("property_company",)}
    assert agenda.reviews_previous_decisions
    assert agenda.fixed_items[0].startswith("opening")
    assert "last meeting's decisions" in agenda.fixed_items[1]
    assert_cites(CH, agenda, file=SRC, article="4.1 (2)")
    period = agenda.lead.period  # type: ignore[union-attr]
    assert period is not None
    # an ordinary week: a meeting on Thursday 25 Jun 2026 -> Monday 22 Jun
    assert CAL.latest_before(date(2026, 6, 25), period).due == date(2026, 6, 22)
    # a meeting on Thursday 8 Oct 2026: 3 days before is 5 Oct, a holiday: 30 Sep
    assert CAL.latest_before(date(2026, 10, 8), period).due == date(2026, 9, 30)
    notice = CH.meetings["regular"].notice
    assert notice is not None
    assert_timing(notice.lead, "in_advance")
    assert notice.lead.word == "提前"
    assert notice.issued_by == "owners_committee"


def test_the_engine_enforces_the_agenda_lead() -> None:
    engine = Engine(CH)
    oc = Actor("owners_committee", "director")
    meeting = engine.plan_meeting(oc, "regular", date(2026, 10, 8), on=date(2026, 9, 1))
    engine.command(meeting.id, "issue_notice", oc, date(2026, 9, 20), contents=STATED)
    with pytest.raises(CommandRefused, match="2026-09-30 at the latest"):
        engine.command(meeting.id, "set_agenda", Actor("property_company"), date(2026, 10, 1))
    engine.command(meeting.id, "set_agenda", Actor("property_company"), date(2026, 9, 30))
    assert meeting.state == "regular.agenda_set"


def test_majority_of_votes_cast_at_the_tie() -> None:
    assert_decision(CH, "regular", "majority_of_votes_cast", fraction="1/2", inclusive=False)
    spec = CH.meetings["regular"].decision
    assert spec is not None
    assert spec.base == "votes_cast"
    assert_cites(CH, spec, file=SRC, article="3.3 (6)")
    tie = [Vote("a", "owners_committee", Choice.YES), Vote("b", "owners_committee", Choice.NO)]
    assert not decide(spec, Ballot.open(SEATS, tie)).passed  # 1 of 2: exactly half fails
    more = [*tie, Vote("c", "property_company", Choice.YES)]
    assert decide(spec, Ballot.open(SEATS, more)).passed  # 2 of 3
    # abstentions are not votes cast: 1 yes, 0 no, 2 abstaining passes
    quiet = [
        Vote("a", "owners_committee", Choice.YES),
        Vote("c", "property_company", Choice.ABSTAIN),
        Vote("d", "owner_representatives", Choice.ABSTAIN),
    ]
    assert decide(spec, Ballot.open(SEATS, quiet)).passed


def test_each_solution_gets_a_responsible_person_reviewed_next_time() -> None:
    actions = CH.meetings["regular"].action_items
    assert actions is not None
    assert actions.owner_required
    assert not actions.due_date_required
    assert actions.reviewed_at_next_meeting
    assert_cites(CH, actions, file=SRC, article="3.3 (5)")
    engine = Engine(CH)
    oc = Actor("owners_committee", "director")
    first = engine.plan_meeting(oc, "regular", date(2026, 3, 26), on=date(2026, 3, 1))
    engine.command(first.id, "issue_notice", oc, date(2026, 3, 10), contents=STATED)
    engine.command(first.id, "set_agenda", Actor("property_company"), date(2026, 3, 20))
    engine.command(first.id, "hold", oc, date(2026, 3, 26), present={"owners_committee": 1})
    for _ in range(5):  # opening … responsible persons, then the vote
        engine.command(first.id, "next_step", oc, date(2026, 3, 26))
    votes = [{"voter": "a", "body": "owners_committee", "choice": "yes"}]
    engine.command(first.id, "record_decision", oc, date(2026, 3, 26), matter="repaint railings",
                   owner="property_company", due=date(2026, 5, 31), votes=votes)  # fmt: skip
    nxt = engine.plan_meeting(oc, "regular", date(2026, 6, 25), on=date(2026, 6, 1))
    assert nxt.data.review == ("meeting-1#0: repaint railings",)


def test_minutes_by_the_recorder_without_a_deadline() -> None:
    minutes = CH.meetings["regular"].minutes
    assert minutes is not None
    assert minutes.drafted_by == "recorder"
    assert_timing(minutes.deadline, "unspecified")
    assert minutes.distribution == ()
    assert_cites(CH, minutes, file=SRC, article="3.3 (7)")
    steps = CH.meetings["regular"].procedure
    assert steps[6].key == "minutes"
    assert steps[6].performed_by == "recorder"
    assert_cites(CH, steps[6], file=SRC, article="3.3 (7)")


# -- the eight-step procedure (3.3 (1)–(8)) ------------------------------------------------
STEPS = ["opening", "agenda_items", "problem_list", "solutions", "responsible_persons", "vote",
         "minutes", "close"]  # fmt: skip
OC = Actor("owners_committee", "director")
RECORDER = Actor("property_company")


def _in_session() -> tuple[Engine, str]:
    engine = Engine(CH)
    meeting = engine.plan_meeting(OC, "regular", date(2026, 3, 26), on=date(2026, 3, 1))
    engine.command(meeting.id, "issue_notice", OC, date(2026, 3, 10), contents=STATED)
    engine.command(meeting.id, "set_agenda", Actor("property_company"), date(2026, 3, 20))
    engine.command(meeting.id, "hold", OC, date(2026, 3, 26), present={"owners_committee": 1})
    return engine, meeting.id


def _state(engine: Engine, stream: str) -> tuple[str, int, object]:
    found = engine.get(stream)
    return found.state, found.version, found.data


def test_the_procedure_is_eight_ordered_steps_each_cited() -> None:
    steps = CH.meetings["regular"].procedure
    assert [s.key for s in steps] == STEPS
    assert [s.key for s in steps if s.vote] == ["vote"] == [CH.meetings["regular"].vote_step]
    assert [s.label.zh for s in steps][:2] == ["会议开场", "会议议程"]
    for number, step in enumerate(steps, start=1):
        assert_cites(CH, step, file=SRC, article=f"3.3 ({number})")
    assert (steps[0].performed_by, steps[1].performed_by) == ("chair", None)


def test_steps_in_order_are_accepted_and_the_vote_is_taken_at_its_step() -> None:
    engine, meeting = _in_session()
    assert engine.get(meeting).state == "regular.held.opening"
    day = date(2026, 3, 26)
    for key in STEPS[1:6]:
        engine.command(meeting, "next_step", OC, day, step=key)
        assert engine.get(meeting).state == f"regular.held.{key}"
    votes = [{"voter": "a", "body": "owners_committee", "choice": "yes"}]
    engine.command(meeting, "record_decision", OC, day, matter="repaint railings",
                   owner="property_company", votes=votes)  # fmt: skip
    engine.command(meeting, "record_decision", OC, day, matter="fix the gate",
                   owner="property_company", votes=votes)  # fmt: skip
    engine.command(meeting, "next_step", RECORDER, day)  # the recorder takes the minutes step
    engine.command(meeting, "next_step", OC, day, step="close")
    engine.command(meeting, "draft_minutes", RECORDER, date(2026, 3, 27))
    found = engine.get(meeting)
    assert found.state == "regular.minutes_drafted"
    assert [d.outcome for d in found.data.decisions] == ["passed", "passed"]
    # a new engine replays the steps from the log
    assert Engine(CH, store=engine.store).get(meeting).state == "regular.minutes_drafted"


@pytest.mark.parametrize(
    ("trigger", "args", "message"),
    [
        ("next_step", {"step": "vote"},
         "the next step is 'agenda_items' (2 of 8), not 'vote': steps are taken in order"),
        ("next_step", {"step": "dinner"}, "the procedure has no step 'dinner'; its steps: opening"),
        ("record_decision", {"matter": "x", "owner": "property_company"},
         "the meeting is at step 'opening' (1 of 8); decisions are recorded at step 'vote' "
         "(6 of 8)"),
        ("draft_minutes", {},
         "the meeting is at step 'opening' (1 of 8); the procedure ends with 'close' (8 of 8): "
         "next_step to 'agenda_items' first"),
    ],
)  # fmt: skip
def test_skipping_is_refused_naming_the_expected_step_and_changes_nothing(
    trigger: str, args: dict[str, object], message: str
) -> None:
    engine, meeting = _in_session()
    before = _state(engine, meeting)
    events = len(engine.store.read(meeting))
    actor = RECORDER if trigger == "draft_minutes" else OC
    with pytest.raises(CommandRefused, match=re.escape(message)) as info:
        engine.command(meeting, trigger, actor, date(2026, 3, 26), **args)
    assert info.value.rule is not None
    assert info.value.rule.startswith("meetings.regular.procedure[")
    assert _state(engine, meeting) == before
    assert len(engine.store.read(meeting)) == events


def test_only_the_performer_moves_the_meeting_to_a_step() -> None:
    engine, meeting = _in_session()
    day = date(2026, 3, 26)
    for _ in range(5):
        engine.command(meeting, "next_step", OC, day)
    before = _state(engine, meeting)
    with pytest.raises(PermissionDenied, match="'next_step' may only be issued by the recorder"):
        engine.command(meeting, "next_step", OC, day)  # step 7: the recorder's
    assert _state(engine, meeting) == before
    with pytest.raises(
        CommandRefused, match=r"not possible when the meeting is regular\.held\.vote"
    ):
        engine.command(meeting, "hold", OC, day)


def test_the_diagram_draws_the_steps_in_order() -> None:
    diagram = compile_workflow(CH, "meeting").diagram()
    assert "state regular.held {" in diagram
    assert "[*] --> regular.held.opening" in diagram
    for before, after in itertools.pairwise(STEPS):
        assert f"regular.held.{before} --> regular.held.{after}: next_step" in diagram
    assert "at step vote" in diagram
    rows = [r for r in command_table(CH) if r[1] == "next_step"]
    assert rows == [("meeting", "next_step", "step?", "the chair; the recorder")]


def test_without_a_procedure_held_is_one_state_as_before() -> None:
    data = CH.model_dump(mode="json")
    del data["meetings"]["regular"]["procedure"]
    plain = Charter.model_validate(data)
    workflow = compile_workflow(plain, "meeting")
    assert "next_step" not in workflow.triggers
    assert "regular.held" in workflow.states
    assert not [s for s in workflow.states if s.startswith("regular.held.")]
    engine = Engine(plain)
    meeting = engine.plan_meeting(OC, "regular", date(2026, 3, 26), on=date(2026, 3, 1))
    engine.command(meeting.id, "issue_notice", OC, date(2026, 3, 10), contents=STATED)
    engine.command(meeting.id, "set_agenda", Actor("property_company"), date(2026, 3, 20))
    engine.command(meeting.id, "hold", OC, date(2026, 3, 26), present={"owners_committee": 1})
    votes = [{"voter": "a", "body": "owners_committee", "choice": "yes"}]
    engine.command(meeting.id, "record_decision", OC, date(2026, 3, 26), matter="x",
                   owner="property_company", votes=votes)  # fmt: skip
    engine.command(meeting.id, "draft_minutes", RECORDER, date(2026, 3, 26))
    assert engine.get(meeting.id).state == "regular.minutes_drafted"
    for other in ("yangxin-2022", "yayuan-monthly", "pm-joint-quarterly"):
        assert "next_step" not in compile_workflow(charter(other), "meeting").triggers


def test_a_meeting_in_session_cannot_migrate_to_rules_without_its_step() -> None:
    amended = load_charter_text(
        textwrap.dedent("""\
        id: om-amended
        extends: oc-agenda-majority
        title: The procedure dropped from April
        jurisdiction: test
        documents:
          om: {file: 000_3a5c8b07dfb4019a.txt, heading: 物业管理联席会议制度}
        amendments:
          - effective: 2026-04-01
            source: {doc: om, summary: A test amendment that drops the procedure.}
            changes: {meetings: {regular: {procedure: null}}}
        """),
        name="amended.yaml",
        base_dir=bundled_rulesets_dir(),
    )
    engine = Engine(amended)
    meeting = engine.plan_meeting(OC, "regular", date(2026, 3, 26), on=date(2026, 3, 1))
    engine.command(meeting.id, "issue_notice", OC, date(2026, 3, 10), contents=STATED)
    engine.command(meeting.id, "set_agenda", Actor("property_company"), date(2026, 3, 20))
    engine.command(meeting.id, "hold", OC, date(2026, 3, 26), present={"owners_committee": 1})
    with pytest.raises(CommandRefused, match="in session have no procedure step 'opening'"):
        engine.migrate(meeting.id, OC, date(2026, 4, 2))
    assert engine.get(meeting.id).state == "regular.held.opening"


# --- fidelity audit: the base of 多数意见 keeps both readings ---


def test_the_majority_of_those_present_reading_is_kept_and_selectable() -> None:
    point = CH.readings["majority_base"]
    assert point.rule == "meetings.regular.decision"
    assert point.default == "votes_cast"
    for reading in point.options.values():
        assert_cites(CH, reading, file=SRC, article="3.3 (6)")
    present = CH.with_readings({"majority_base": "present"})
    spec = present.meetings["regular"].decision
    assert spec is not None
    assert spec.base == "present"
    assert spec.kind == "majority_of_votes_cast"
    # 1 yes and 2 abstentions among 4 present: passes on votes cast, fails on those present
    quiet = [
        Vote("a", "owners_committee", Choice.YES),
        Vote("c", "property_company", Choice.ABSTAIN),
        Vote("d", "owner_representatives", Choice.ABSTAIN),
    ]
    default_spec = CH.meetings["regular"].decision
    assert default_spec is not None
    assert decide(default_spec, Ballot.open(SEATS, quiet)).passed
    assert not decide(spec, Ballot.open(SEATS, quiet)).passed


def test_the_company_body_carries_no_note_from_the_civil_code() -> None:
    assert CH.bodies["property_company"].source.doc == "om"
    assert CH.bodies["property_company"].note is None
