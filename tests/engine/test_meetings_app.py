"""Meetings, as a community platform uses them through the public API.

Each test follows one charter's own words (the ruleset cites the article): who hands
out the agenda, how a failed decision is minuted, where a postponed meeting may go.
A refused command changes nothing (state, store versions, deadlines) and cites the
charter rule.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import governance_rules as gr
from governance_rules.errors import CommandRefused, PermissionDenied
from tests.engine.notices import STATED
from tests.engine.refusals import refused as _refused
from tests.engine.refusals import snapshot

OC = gr.Actor("owners_committee")

OC_DIRECTOR = gr.Actor("owners_committee", "director")
PC = gr.Actor("property_company")
RC = gr.Actor("residents_committee")
PARTY_HEAD = gr.Actor("party_org", "head")
PARTY_SECRETARY = gr.Actor("party_org", "secretary")
PC_MANAGER = gr.Actor("property_company", "property_department_manager")


def _cited(exc: CommandRefused, rule: str) -> None:
    assert exc.rule == rule
    assert exc.citation


# -- oc-agenda-majority 4.1 (2): the company hands the agenda out and keeps its lead -----------
def _om_meeting() -> tuple[gr.Engine, gr.Instance]:
    engine = gr.Engine("oc-agenda-majority")
    meeting = engine.plan_meeting(OC, "regular", date(2026, 3, 26), on=date(2026, 3, 1))
    meeting = engine.command(meeting.id, "issue_notice", OC, date(2026, 3, 10), contents=STATED)
    return engine, meeting


def test_the_agenda_is_handed_out_by_the_body_the_charter_names() -> None:
    engine, meeting = _om_meeting()
    lead = {t.rule: t for _, t in engine.deadlines()}["meetings.regular.agenda.lead"]
    assert lead.responsible == ("property_company",)
    assert lead.due == date(2026, 3, 23)  # three days before the 26th
    exc = _refused(
        engine, engine.command, meeting.id, "set_agenda", OC_DIRECTOR, date(2026, 3, 20)
    )
    assert isinstance(exc, PermissionDenied)
    assert "property_company" in str(exc)
    assert engine.command(meeting.id, "set_agenda", PC, date(2026, 3, 20)).state == (
        "regular.agenda_set"
    )


def test_the_agenda_lead_binds_the_body_that_hands_it_out() -> None:
    engine, meeting = _om_meeting()
    exc = _refused(engine, engine.command, meeting.id, "set_agenda", PC, date(2026, 3, 24))
    _cited(exc, "meetings.regular.agenda.lead")
    assert "2026-03-23" in str(exc)
    assert engine.command(meeting.id, "set_agenda", PC, date(2026, 3, 23)).data.agenda_on == (
        date(2026, 3, 23)
    )


# -- a failed decision is minuted with no action item, whatever decides it ---------------------
def _co_building_held() -> tuple[gr.Engine, gr.Instance]:
    """co-building-two-thirds: >= 2/3 of the votes cast; owner and due date required."""
    engine = gr.Engine("co-building-two-thirds")
    meeting = engine.plan_meeting(RC, "regular", date(2026, 4, 1), on=date(2026, 3, 2))
    # 三、1–2: the secretariat (the residents' committee) organises and sends the agenda
    meeting = engine.command(meeting.id, "set_agenda", RC, date(2026, 3, 4))
    present = dict(meeting.data.roster)
    meeting = engine.command(meeting.id, "hold", PARTY_SECRETARY, date(2026, 4, 1),
                             present=present)  # fmt: skip
    return engine, meeting


# -- an agenda sent "in advance" (提前) with no number of days -------------------------------
@pytest.mark.parametrize(
    ("charter", "convener", "issuer", "chair", "article"),
    [
        ("co-building-two-thirds", RC, RC, PARTY_SECRETARY, "三、1、2、3"),
        ("yayuan-monthly", OC_DIRECTOR, gr.Actor("meeting_office"), OC_DIRECTOR, "第二条"),
    ],
)
def test_an_agenda_due_in_advance_is_out_before_the_meeting_is_held(
    charter: str, convener: gr.Actor, issuer: gr.Actor, chair: gr.Actor, article: str
) -> None:
    engine = gr.Engine(charter)
    day = date(2026, 4, 1) if charter == "co-building-two-thirds" else date(2026, 3, 16)
    meeting = engine.plan_meeting(convener, "regular", day, on=date(2026, 3, 2))
    if engine.charter.meetings["regular"].notice is not None:  # yayuan: released notice
        approvals = {"owners_committee": 1, "supervisory_committee": 1}
        meeting = engine.command(meeting.id, "issue_notice", issuer, date(2026, 3, 2),
                                 contents=STATED, approvals=approvals)  # fmt: skip
    present = dict(meeting.data.roster)
    exc = _refused(engine, engine.command, meeting.id, "hold", chair, day, present=present)
    _cited(exc, "meetings.regular.agenda.lead")
    assert article in str(exc.citation)
    assert "ahead of it (set_agenda)" in str(exc)
    assert "set_agenda" in str(exc.allowed)
    meeting = engine.command(meeting.id, "set_agenda", issuer, date(2026, 3, 4))
    meeting = engine.command(meeting.id, "hold", chair, day, present=present)
    assert meeting.state == "regular.held"


def _votes(meeting: gr.Instance, yes: int) -> list[dict[str, str]]:
    bodies = [b for b, n in meeting.data.present.items() for _ in range(n)]
    return [{"body": b, "choice": "yes" if i < yes else "no"} for i, b in enumerate(bodies)]


def test_a_failed_vote_needs_no_owner_or_due_date() -> None:
    engine, meeting = _co_building_held()
    votes = _votes(meeting, yes=1)
    ballot = gr.Ballot.open(
        dict(meeting.data.roster),
        [gr.Vote(f"v{i}", v["body"], gr.Choice.parse(v["choice"])) for i, v in enumerate(votes)],
    )
    rule = gr.load_charter("co-building-two-thirds").meetings["regular"].decision
    assert rule is not None
    assert not gr.decide(rule, ballot).passed
    meeting = engine.command(meeting.id, "record_decision", PARTY_SECRETARY, date(2026, 4, 1),
                             matter="move the refuse station", votes=votes)  # fmt: skip
    assert [(d.outcome, d.rule) for d in meeting.data.decisions] == [("failed", "supermajority")]
    assert meeting.data.actions == ()
    assert engine.command(meeting.id, "close", RC, date(2026, 4, 2)).state == "regular.closed"


def test_a_passed_vote_still_needs_the_owner_and_due_date_the_charter_requires() -> None:
    engine, meeting = _co_building_held()
    votes = _votes(meeting, yes=len(_votes(meeting, yes=0)))
    day = date(2026, 4, 1)
    exc = _refused(engine, engine.command, meeting.id, "record_decision", PARTY_SECRETARY, day,
                   matter="repair the lift", votes=votes)  # fmt: skip
    _cited(exc, "meetings.regular.action_items")
    meeting = engine.command(meeting.id, "record_decision", PARTY_SECRETARY, day,
                             matter="repair the lift", votes=votes, owner="property_company",
                             due=date(2026, 5, 1))  # fmt: skip
    assert meeting.data.actions[0].owner == "property_company"


@pytest.mark.parametrize("charter", ["oc-agenda-majority", "owners-alliance-quarterly"])
def test_a_failed_vote_is_minuted_under_majority_and_consensus(charter: str) -> None:
    engine = gr.Engine(charter)
    rule = engine.charter.meetings["regular"]
    day = date(2026, 4, 1)
    convener = OC if charter == "oc-agenda-majority" else RC
    meeting = engine.plan_meeting(convener, "regular", day, on=date(2026, 3, 2))
    if rule.notice is not None:  # owners-alliance-quarterly sets none (五、1)
        meeting = engine.command(
            meeting.id, "issue_notice", convener, date(2026, 3, 3), contents=STATED
        )
    issuer = PC if charter == "oc-agenda-majority" else RC
    meeting = engine.command(meeting.id, "set_agenda", issuer, date(2026, 3, 4))
    chair = OC_DIRECTOR if charter == "oc-agenda-majority" else RC
    meeting = engine.command(meeting.id, "hold", chair, day, present=dict(meeting.data.roster))
    while rule.vote_step and not meeting.state.endswith(rule.vote_step):
        meeting = engine.command(meeting.id, "next_step", chair, day)
    meeting = engine.command(meeting.id, "record_decision", chair, day, matter="raise the fee",
                             votes=_votes(meeting, yes=0))  # fmt: skip
    assert meeting.data.decisions[0].outcome == "failed"
    assert meeting.data.actions == ()


# -- postponing keeps the planning rules: its window, a working day ----------------------------
def _yangxin_february() -> tuple[gr.Engine, gr.Instance]:
    """yangxin-2022 (一) 第三条: last week of each even month; February 2026's is 22-28."""
    engine = gr.Engine("yangxin-2022")
    meeting = engine.plan_meeting(PARTY_HEAD, "regular", date(2026, 2, 24), on=date(2026, 2, 2))
    return engine, meeting


def test_a_meeting_is_postponed_within_its_window_even_to_a_make_up_saturday() -> None:
    engine, meeting = _yangxin_february()
    assert engine.calendar.is_working_day(date(2026, 2, 28))  # 调休: a Saturday worked
    meeting = engine.command(meeting.id, "postpone", PARTY_HEAD, date(2026, 2, 3),
                             date=date(2026, 2, 28))  # fmt: skip
    assert (meeting.state, meeting.data.day) == ("regular.postponed", date(2026, 2, 28))
    assert meeting.data.postponed_from == date(2026, 2, 24)


@pytest.mark.parametrize(
    ("day", "says"),
    [
        (date(2026, 3, 3), "stays in its window (from 2026-02-22)"),  # the next month
        (date(2026, 4, 28), "stays in its window (from 2026-02-22)"),  # the next window
        (date(2026, 2, 23), "later day than the one it was set for (2026-02-24)"),  # earlier
        (date(2026, 12, 26), "2026-12-26 is not a working day"),  # a Saturday off
    ],
)
def test_postponing_out_of_the_window_or_to_a_day_off_is_refused(day: date, says: str) -> None:
    if day.month == 12:  # December 2026's window is 25-31: planned on Friday the 25th
        engine = gr.Engine("yangxin-2022")
        meeting = engine.plan_meeting(PARTY_HEAD, "regular", date(2026, 12, 25),
                                      on=date(2026, 12, 1))  # fmt: skip
    else:
        engine, meeting = _yangxin_february()
    exc = _refused(engine, engine.command, meeting.id, "postpone", PARTY_HEAD, date(2026, 2, 3)
                   if day.month != 12 else date(2026, 12, 2), date=day)  # fmt: skip
    _cited(exc, "meetings.regular.cadence")
    assert says in str(exc)


def test_a_meeting_planned_by_override_or_of_an_ad_hoc_kind_moves_to_any_later_day() -> None:
    engine = gr.Engine("yangxin-2022")
    outside = engine.plan_meeting(PARTY_HEAD, "regular", date(2026, 3, 10), on=date(2026, 3, 1),
                                  override="flooding in the estate")  # fmt: skip
    special = engine.plan_meeting(PARTY_HEAD, "special", date(2026, 3, 10), on=date(2026, 3, 1))
    for meeting in (outside, special):
        moved = engine.command(meeting.id, "postpone", PARTY_HEAD, date(2026, 3, 2),
                               date=date(2026, 3, 15))  # fmt: skip
        assert moved.data.day == date(2026, 3, 15)


def test_a_meeting_moved_to_another_window_is_cancelled_and_planned_again() -> None:
    engine, meeting = _yangxin_february()
    engine.command(meeting.id, "cancel", PARTY_HEAD, date(2026, 2, 3))
    again = engine.plan_meeting(PARTY_HEAD, "regular", date(2026, 2, 25), on=date(2026, 2, 3))
    assert again.state == "regular.planned"  # a cancelled meeting does not use up the window
    exc = _refused(engine, engine.plan_meeting, PARTY_HEAD, "regular", date(2026, 2, 26),
                   on=date(2026, 2, 3))  # fmt: skip
    _cited(exc, "meetings.regular.cadence")


# -- party-building-5x 五、3: the attending members sign the minutes ---------------------------
def _party_building_drafted() -> tuple[gr.Engine, gr.Instance]:
    engine = gr.Engine("party-building-5x")
    chair = gr.Actor("residents_committee", "director")
    meeting = engine.plan_meeting(OC, "regular", date(2026, 4, 1), on=date(2026, 3, 2))
    engine.command(meeting.id, "set_agenda", gr.Actor("party_org"), date(2026, 3, 3))
    engine.command(meeting.id, "hold", chair, date(2026, 4, 1),
                   present={"party_org": 1, "residents_committee": 1})  # fmt: skip
    return engine, engine.command(meeting.id, "draft_minutes", chair, date(2026, 4, 2))


@pytest.mark.parametrize(
    ("body", "slot", "says"),
    [
        ("property_company", 0, "property_company had 0 member(s) present (none may sign)"),
        ("party_org", 3, "party_org had 1 member(s) present (slot 0), not slot 3"),
    ],
)
def test_only_attending_members_sign_the_minutes(body: str, slot: int, says: str) -> None:
    engine, meeting = _party_building_drafted()
    exc = _refused(engine, engine.command, meeting.id, "sign_minutes", gr.Actor(body, None, "m-9"),
                   date(2026, 4, 2), slot=slot)  # fmt: skip
    _cited(exc, "meetings.regular.minutes.sign_off")
    assert says in str(exc)


def test_each_attending_member_signs_once_and_then_the_minutes_are_approved() -> None:
    engine, meeting = _party_building_drafted()
    day = date(2026, 4, 3)
    engine.command(meeting.id, "sign_minutes", gr.Actor("party_org", None, "m-1"), day)
    exc = _refused(engine, engine.command, meeting.id, "sign_minutes",
                   gr.Actor("party_org", None, "m-2"), day)  # fmt: skip
    assert "party_org's attending member 0 has already signed" in str(exc)
    meeting = engine.command(meeting.id, "sign_minutes", gr.Actor("residents_committee", None, "m-3"),
                             day)  # fmt: skip
    assert meeting.state == "regular.minutes_approved"
    assert [(s.body, s.slot) for s in meeting.data.signatures] == [
        ("party_org", 0), ("residents_committee", 0),
    ]  # fmt: skip


# -- rotating-quarterly-consensus: the rotation recorded with the first meeting holds ----------
def test_a_later_meeting_cannot_plan_under_another_rotation(tmp_path: Path) -> None:
    first = gr.RotationChoice(("property_company", "residents_committee", "owners_committee"),
                              date(2026, 2, 10))  # fmt: skip
    path = tmp_path / "meetings.db"
    engine = gr.Engine("rotating-quarterly-consensus", store=gr.EventStore.sqlite(path))
    engine.plan_meeting(PC, "regular", date(2026, 2, 10), on=date(2026, 1, 5), rotation=first)
    other = gr.RotationChoice(("owners_committee", "residents_committee", "property_company"),
                              date(2026, 8, 10))  # fmt: skip
    again = gr.Engine("rotating-quarterly-consensus", store=gr.EventStore.sqlite(path))
    # the fourth quarter is the company's turn under the recorded order, the RC's under the other
    exc = _refused(again, again.plan_meeting, RC, "regular", date(2026, 11, 10),
                   on=date(2026, 1, 7), rotation=other)  # fmt: skip
    _cited(exc, "roles.convener.rotation")
    assert "recorded with the first meeting" in str(exc)
    assert again.plan_meeting(PC, "regular", date(2026, 11, 10), on=date(2026, 1, 7),
                              rotation=first).data.roles["convener"] == ("property_company",)  # fmt: skip


# -- a postponed meeting's leads are due again, and listed where they are enforced -------------
def test_a_missed_notice_is_due_again_for_the_new_day_and_listed(tmp_path: Path) -> None:
    path = tmp_path / "meetings.db"
    engine = gr.Engine("model-charter-rc", store=gr.EventStore.sqlite(path))  # one week ahead
    director = gr.Actor("residents_committee", "director")
    meeting = engine.plan_meeting(director, "regular", date(2026, 4, 8), on=date(2026, 3, 2))
    [fired] = engine.advance_to(date(2026, 4, 2))
    assert fired.timer.rule == "meetings.regular.notice.lead"
    engine.command(meeting.id, "postpone", director, date(2026, 4, 2), date=date(2026, 4, 22))
    [(_, lead)] = engine.deadlines()
    assert (lead.rule, lead.due) == ("meetings.regular.notice.lead", date(2026, 4, 15))
    office = gr.Actor("meeting_office")
    exc = _refused(engine, engine.command, meeting.id, "issue_notice", office, date(2026, 4, 16))
    _cited(exc, "meetings.regular.notice.lead")
    assert "2026-04-15 at the latest" in str(exc)
    [fired] = engine.advance_to(date(2026, 4, 16))  # the enforced day fires as listed
    assert (fired.stream_id, fired.timer.due) == (meeting.id, date(2026, 4, 15))
    again = gr.Engine("model-charter-rc", store=gr.EventStore.sqlite(path))
    assert again.get(meeting.id).data == engine.get(meeting.id).data
    assert again.explain(meeting.id) == engine.explain(meeting.id)


@pytest.mark.parametrize("new_day", [date(2026, 4, 7), date(2026, 4, 8)], ids=["earlier", "same"])
def test_a_meeting_is_not_postponed_to_its_own_day_or_earlier(new_day: date) -> None:
    """Postponing a meeting set for 8 April to 7 April (or to 8 April) moved it (or did
    nothing but ask for a new notice); to hold it earlier the app cancels and plans anew."""
    engine = gr.Engine("model-charter-rc")
    director = gr.Actor("residents_committee", "director")
    meeting = engine.plan_meeting(director, "regular", date(2026, 4, 8), on=date(2026, 3, 2))
    before = snapshot(engine)
    exc = _refused(engine, engine.command, meeting.id, "postpone", director, date(2026, 3, 3),
                   date=new_day)  # fmt: skip
    assert "later day than the one it was set for (2026-04-08)" in str(exc)
    assert exc.allowed == "a day after 2026-04-08"
    assert snapshot(engine) == before
    moved = engine.command(meeting.id, "postpone", director, date(2026, 3, 3),
                           date=date(2026, 4, 9))  # fmt: skip
    assert (moved.data.day, moved.data.postponed_from) == (date(2026, 4, 9), date(2026, 4, 8))


# -- where the charter names no convener, a refusal of who may still cites the meeting rule ---
@pytest.mark.parametrize("trigger", ["postpone", "cancel"])
def test_who_may_postpone_or_cancel_cites_the_meeting_where_no_convener_is_named(
    trigger: str,
) -> None:
    engine = gr.Engine("jingan-three-in-one")  # names no convener and no chair
    meeting = engine.plan_meeting(OC, "regular", date(2026, 4, 1), on=date(2026, 3, 2))
    args = {"date": date(2026, 4, 2)} if trigger == "postpone" else {}
    exc = _refused(engine, engine.command, meeting.id, trigger, gr.Actor("street_office"),
                   date(2026, 3, 3), **args)  # fmt: skip
    assert isinstance(exc, PermissionDenied)
    _cited(exc, "meetings.regular")
    assert "owners_committee, residents_committee, property_company" in str(exc)


# -- a deadline resting on a year whose holiday arrangement is not published says so ----------
def test_a_lead_in_an_unpublished_year_is_marked_provisional() -> None:
    engine = gr.Engine("model-charter-rc")
    director = gr.Actor("residents_committee", "director")
    published = max(engine.calendar.published_years)
    later = published + 2
    engine.plan_meeting(director, "regular", date(later, 3, 7), on=date(later, 2, 1))
    engine.plan_meeting(director, "regular", date(published, 4, 8), on=date(published, 3, 2))
    texts = {t.due.year: t.explanation for _, t in engine.deadlines()}
    assert texts[later].endswith(
        f"(provisional: the holiday arrangement for {later} is not yet published)"
    )
    assert "provisional" not in texts[published]


# -- party-building-5x 五、2: a vote is taken by voice, show of hands or secret ballot -------
def _party_building_held() -> tuple[gr.Engine, gr.Instance, gr.Actor]:
    engine = gr.Engine("party-building-5x")
    chair = gr.Actor("residents_committee", "director")
    meeting = engine.plan_meeting(OC, "regular", date(2026, 4, 1), on=date(2026, 3, 2))
    engine.command(meeting.id, "set_agenda", gr.Actor("party_org"), date(2026, 3, 3))
    meeting = engine.command(meeting.id, "hold", chair, date(2026, 4, 1),
                             present={"party_org": 1, "residents_committee": 1})  # fmt: skip
    return engine, meeting, chair


@pytest.mark.parametrize("method", ["voice", "show_of_hands", "secret_ballot"])
def test_the_voting_methods_the_charter_names_are_accepted(method: str) -> None:
    engine, meeting, chair = _party_building_held()
    meeting = engine.command(meeting.id, "record_decision", chair, date(2026, 4, 1),
                             matter="tidy the bike shed", outcome="failed", method=method)  # fmt: skip
    assert meeting.data.decisions[0].outcome == "failed"


def test_a_voting_method_the_charter_does_not_name_is_refused() -> None:
    engine, meeting, chair = _party_building_held()
    exc = _refused(engine, engine.command, meeting.id, "record_decision", chair, date(2026, 4, 1),
                   matter="tidy the bike shed", outcome="failed", method="signature")  # fmt: skip
    _cited(exc, "meetings.regular.decision")
    assert "voice, show_of_hands, secret_ballot" in str(exc)


def test_a_method_that_is_no_voting_method_is_refused_before_any_rule() -> None:
    engine, meeting, chair = _party_building_held()
    exc = _refused(engine, engine.command, meeting.id, "record_decision", chair, date(2026, 4, 1),
                   matter="tidy the bike shed", outcome="failed", method="roll_call")  # fmt: skip
    assert isinstance(exc, gr.InvalidArgument)
    assert exc.argument == "method"


# -- a refusal names who presides as the charter has it ----------------------------------------
@pytest.mark.parametrize(
    ("charter", "convener", "says"),
    [
        ("model-charter-rc", gr.Actor("residents_committee", "director"), "by the convener"),
        ("jingan-three-in-one", OC, "by a member body"),
        ("co-building-two-thirds", RC, "by the chair"),
    ],
)
def test_who_holds_the_meeting_is_named_as_the_charter_names_it(
    charter: str, convener: gr.Actor, says: str
) -> None:
    engine = gr.Engine(charter)
    kind = "special" if charter == "model-charter-rc" else "regular"  # held with no notice
    meeting = engine.plan_meeting(convener, kind, date(2026, 4, 1), on=date(2026, 3, 2))
    if charter == "co-building-two-thirds":  # its agenda goes out ahead of the meeting (三、2)
        meeting = engine.command(meeting.id, "set_agenda", convener, date(2026, 3, 4))
    exc = _refused(engine, engine.command, meeting.id, "hold", gr.Actor("street_office"),
                   date(2026, 4, 1))  # fmt: skip
    assert f"'hold' may only be issued {says}" in str(exc)


# -- party-building-5x 四: both Party branches gather the topics; either hands them out ------
@pytest.mark.parametrize("body", ["party_org", "estate_party_org"])
def test_either_party_branch_sets_the_agenda(body: str) -> None:
    engine = gr.Engine("party-building-5x")
    meeting = engine.plan_meeting(OC, "regular", date(2026, 4, 1), on=date(2026, 3, 2))
    exc = _refused(engine, engine.command, meeting.id, "set_agenda",
                   gr.Actor("property_company"), date(2026, 3, 3))  # fmt: skip
    assert isinstance(exc, gr.PermissionDenied)
    assert exc.allowed == "party_org, estate_party_org"
    assert "party_org or estate_party_org" in exc.what
    moved = engine.command(meeting.id, "set_agenda", gr.Actor(body), date(2026, 3, 3))
    assert moved.data.agenda_on == date(2026, 3, 3)


# -- fidelity audit: a counted rule is never replaced by a declared outcome ------------------
def test_an_outcome_is_not_declared_where_the_charter_counts_the_ballot() -> None:
    """owners-alliance-quarterly 五、3 decides by consensus: outcome='passed' with no votes
    was counted as an empty ballot and minuted as failed, silently; it is refused."""
    engine = gr.Engine("owners-alliance-quarterly")
    meeting = engine.plan_meeting(RC, "regular", date(2026, 6, 18), on=date(2026, 6, 1))
    meeting = engine.command(meeting.id, "hold", RC, date(2026, 6, 18),
                             present=dict(meeting.data.roster))  # fmt: skip
    exc = _refused(engine, engine.command, meeting.id, "record_decision", RC, date(2026, 6, 18),
                   matter="gate", outcome="passed", owner="property_company",
                   due=date(2026, 7, 1))  # fmt: skip
    _cited(exc, "meetings.regular.decision")
    assert "decides by consensus" in str(exc)
    assert exc.allowed is not None
    assert "votes" in exc.allowed
    assert meeting.data.decisions == ()


# -- fidelity audit: members present beyond the roster cite the body, not a missing quorum ----
def test_too_many_present_cites_the_member_body_where_the_charter_has_no_quorum() -> None:
    """party-building-5x sets no quorum; the seat check named meetings.regular.quorum."""
    engine = gr.Engine("party-building-5x")
    chair = gr.Actor("party_org", "secretary")
    meeting = engine.plan_meeting(chair, "regular", date(2026, 9, 29), on=date(2026, 9, 1))
    assert engine.charter.meetings["regular"].quorum is None
    exc = _refused(engine, engine.command, meeting.id, "hold", chair, date(2026, 9, 29),
                   present={"party_org": 1, "residents_committee": 2})  # fmt: skip
    _cited(exc, "bodies.residents_committee")
    assert "roster" in str(exc)
    assert exc.allowed == "0 to 1"
    wider = engine.plan_meeting(chair, "special", date(2026, 9, 30), on=date(2026, 9, 1),
                                roster={"party_org": 1, "residents_committee": 2})  # fmt: skip
    wider = engine.command(wider.id, "hold", chair, date(2026, 9, 30),
                           present={"party_org": 1, "residents_committee": 2})  # fmt: skip
    assert wider.state == "special.held"


# -- fidelity audit: a step the charter never sets is refused as such, citing the meeting ----
@pytest.mark.parametrize(
    ("charter", "convener", "trigger", "missing"),
    [
        ("oc-convened-quarterly", OC, "set_agenda", "no agenda"),  # 四、1–5 set none
        ("party-building-5x", PARTY_SECRETARY, "issue_notice", "no notice"),  # 三–五 set none
        ("pm-liaison-quarterly", PC_MANAGER, "draft_minutes", "no minutes"),  # 四 sets none
    ],
)
def test_a_step_the_charter_sets_no_rule_for_is_refused_naming_the_meeting_rule(
    charter: str, convener: gr.Actor, trigger: str, missing: str
) -> None:
    engine = gr.Engine(charter)
    meeting = engine.plan_meeting(convener, "regular", date(2026, 3, 26), on=date(2026, 3, 2))
    exc = _refused(engine, engine.command, meeting.id, trigger, convener, date(2026, 3, 3))
    assert f"the charter sets {missing}" in str(exc)
    _cited(exc, "meetings.regular")
    # a step the charter has, asked for at the wrong time, is a matter of the state
    exc = _refused(engine, engine.command, meeting.id, "close", convener, date(2026, 3, 3))
    assert "is not possible when the meeting is regular.planned" in str(exc)
    assert exc.rule is None


# -- fidelity audit: holding a meeting before its notice or agenda cites what is owed ----------
def test_holding_before_the_notice_or_the_agenda_cites_the_step_still_owed() -> None:
    """pm-joint-quarterly 三、2 a–b: notice 3 days ahead, agenda 1 day ahead; 10 Oct 2026 is
    a make-up working day, so the agenda is due on Friday 9 Oct."""
    engine = gr.Engine("pm-joint-quarterly")
    meeting = engine.plan_meeting(PC, "regular", date(2026, 10, 10), on=date(2026, 9, 1))
    exc = _refused(engine, engine.command, meeting.id, "hold", PC, date(2026, 9, 2))
    _cited(exc, "meetings.regular.notice")
    meeting = engine.command(meeting.id, "issue_notice", PC, date(2026, 9, 30),
                             contents={"time": "10:00", "place": "hall", "topics": "lift"})  # fmt: skip
    exc = _refused(engine, engine.command, meeting.id, "hold", PC, date(2026, 10, 10))
    _cited(exc, "meetings.regular.agenda.lead")
    assert "1 day before it" in str(exc)
    assert "postpone" in str(exc)


# -- fidelity audit: closing before the minutes' steps cites the minutes rule still owed ------
def test_closing_before_the_minutes_are_done_cites_the_minutes_step_still_owed() -> None:
    """pm-joint-quarterly 三、2 e: minutes drafted, confirmed by the participants, sent."""
    engine = gr.Engine("pm-joint-quarterly")
    meeting = engine.plan_meeting(PC, "special", date(2026, 10, 14), on=date(2026, 10, 1))
    meeting = engine.command(meeting.id, "issue_notice", PC, date(2026, 10, 9),
                             contents={"time": "10:00", "place": "hall", "topics": "lift"})  # fmt: skip
    meeting = engine.command(meeting.id, "set_agenda", PC, date(2026, 10, 12))
    meeting = engine.command(meeting.id, "hold", PC, date(2026, 10, 14))
    day = date(2026, 10, 14)
    for owed, step in [
        ("meetings.special.minutes", "draft_minutes"),
        ("meetings.special.minutes.sign_off", "sign_minutes"),
        ("meetings.special.minutes.distribution", "distribute"),
    ]:
        exc = _refused(engine, engine.command, meeting.id, "close", PC, day)
        _cited(exc, owed)
        assert f"({step})" in str(exc)
        meeting = engine.command(meeting.id, step, PC, day)
    assert engine.command(meeting.id, "close", PC, day).state == "special.closed"


# -- rc-half-yearly 第三条: minutes drafted, signed by the convener, then sent out --------------
def test_a_minutes_step_out_of_order_names_the_step_owed_with_its_rule() -> None:
    engine = gr.Engine("rc-half-yearly")
    director, office = OC_DIRECTOR, gr.Actor("meeting_office")
    day = date(2026, 6, 10)
    meeting = engine.plan_meeting(director, "regular", day, on=date(2026, 6, 1))
    exc = _refused(engine, engine.command, meeting.id, "draft_minutes", office, date(2026, 6, 2))
    _cited(exc, "meetings.regular.minutes")
    assert "after it is held (hold)" in str(exc)
    engine.command(meeting.id, "sign_notice", director, date(2026, 6, 2))
    engine.command(meeting.id, "issue_notice", office, date(2026, 6, 2))
    engine.command(meeting.id, "hold", director, day, present=dict(meeting.data.roster))
    exc = _refused(engine, engine.command, meeting.id, "sign_minutes", director, day)
    _cited(exc, "meetings.regular.minutes")
    assert "once its minutes are drafted (draft_minutes)" in str(exc)
    engine.command(meeting.id, "draft_minutes", office, day)
    exc = _refused(engine, engine.command, meeting.id, "distribute", office, day)
    _cited(exc, "meetings.regular.minutes.sign_off")
    assert "第三条" in str(exc.citation)
    assert "once its minutes are signed off (sign_minutes)" in str(exc)
    assert "sign_minutes" in str(exc.allowed)
    engine.command(meeting.id, "sign_minutes", director, day)
    assert engine.command(meeting.id, "distribute", office, day).state == "regular.distributed"


# -- co-building-two-thirds 四、2、3: an action item's owner and due date, and what is allowed --
def test_an_action_item_refusal_says_what_owner_and_due_date_are_allowed() -> None:
    engine, meeting = _co_building_held()
    votes = _votes(meeting, yes=len(_votes(meeting, yes=0)))
    day = date(2026, 4, 1)
    cases = [
        ({"due": date(2026, 5, 1)}, "owner= one of the charter's bodies: "),
        (
            {"owner": "the lift firm", "due": date(2026, 5, 1)},
            "owner= one of the charter's bodies: ",
        ),
        ({"owner": "property_company"}, "due= a date after the meeting day, 2026-04-01"),
        ({"owner": "property_company", "due": day}, "a date after the meeting day, 2026-04-01"),
    ]
    for args, allowed in cases:
        exc = _refused(engine, engine.command, meeting.id, "record_decision", PARTY_SECRETARY,
                       day, matter="repair the lift", votes=votes, **args)  # fmt: skip
        _cited(exc, "meetings.regular.action_items")
        assert str(exc.allowed).startswith(allowed)
        if allowed.startswith("owner="):
            assert "property_company" in str(exc.allowed)


# -- a refusal to the wrong body names the post the charter requires -------------------------
@pytest.mark.parametrize(
    ("charter", "step", "actor", "allowed"),
    [
        # 二、1: the Party committee's secretary chairs
        ("co-building-two-thirds", "hold", RC, "Actor('party_org', position='secretary')"),
        # 第二条、第三条: the OC director convenes (the reading rc-half-yearly uses)
        ("rc-half-yearly", "plan", RC, "Actor('owners_committee', position='director')"),
    ],
)
def test_the_wrong_body_is_told_the_position_it_must_act_in(
    charter: str, step: str, actor: gr.Actor, allowed: str
) -> None:
    engine = gr.Engine(charter)
    day, on = date(2026, 4, 1), date(2026, 3, 2)
    if step == "plan":
        exc = _refused(engine, engine.plan_meeting, actor, "regular", day, on=on)
    else:
        meeting = engine.plan_meeting(RC, "regular", day, on=on)
        meeting = engine.command(meeting.id, "set_agenda", RC, date(2026, 3, 4))
        exc = _refused(engine, engine.command, meeting.id, step, actor, day,
                       present=dict(meeting.data.roster))  # fmt: skip
    assert isinstance(exc, PermissionDenied)
    assert exc.allowed == allowed
    assert exc.citation
