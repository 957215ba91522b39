"""A notice the charter has signed goes out only once signed (``notice.signed_by``).

yangxin-2022 (一) 第四条 and rc-half-yearly 第三条: the office drafts the notice and
the convener signs it before it is sent. The convener's ``sign_notice`` comes first;
the office's ``issue_notice`` before it is refused with that rule; a postponement's
new notice is signed again. Charters that state no signature have no such step.
"""

from __future__ import annotations

from datetime import date

import pytest

import governance_rules as gr
from governance_rules.errors import CommandRefused, PermissionDenied

HEAD = gr.Actor("party_org", "head")
OFFICE = gr.Actor("meeting_office")


def _planned() -> tuple[gr.Engine, gr.Instance]:
    engine = gr.Engine("yangxin-2022")
    meeting = engine.plan_meeting(HEAD, "regular", date(2026, 2, 24), on=date(2026, 2, 2))
    return engine, meeting


def _state(engine: gr.Engine, meeting: gr.Instance) -> tuple[object, ...]:
    return (meeting.state, meeting.data, meeting.version, engine.store.version(meeting.id),
            engine.deadlines())  # fmt: skip


def test_an_unsigned_notice_is_refused_citing_the_rule_and_nothing_changes() -> None:
    engine, meeting = _planned()
    before = _state(engine, meeting)
    with pytest.raises(CommandRefused) as info:
        engine.command(meeting.id, "issue_notice", OFFICE, date(2026, 2, 3))
    assert info.value.rule == "meetings.regular.notice.signed_by"
    assert "(一) 第四条" in (info.value.citation or "")
    assert "signed by the convener" in info.value.what
    assert _state(engine, meeting) == before


def test_the_convener_signs_once_then_the_office_sends_it() -> None:
    engine, meeting = _planned()
    with pytest.raises(PermissionDenied) as denied:
        engine.command(meeting.id, "sign_notice", OFFICE, date(2026, 2, 3))
    assert denied.value.got == "meeting_office"
    meeting = engine.command(meeting.id, "sign_notice", HEAD, date(2026, 2, 3))
    assert (meeting.state, meeting.data.notice_signed_on) == ("regular.planned", date(2026, 2, 3))
    with pytest.raises(CommandRefused, match="signed on 2026-02-03") as again:
        engine.command(meeting.id, "sign_notice", HEAD, date(2026, 2, 4))
    assert again.value.rule == "meetings.regular.notice.signed_by"
    meeting = engine.command(meeting.id, "issue_notice", OFFICE, date(2026, 2, 4))
    assert meeting.state == "regular.notice_issued"
    assert [line.split(" by ")[0].split()[-1] for line in engine.explain(meeting.id)[1:]] == [
        "plan",
        "sign_notice",
        "issue_notice",
    ]


def test_a_postponed_meetings_new_notice_is_signed_again() -> None:
    engine, meeting = _planned()
    engine.command(meeting.id, "sign_notice", HEAD, date(2026, 2, 3))
    meeting = engine.command(
        meeting.id, "postpone", HEAD, date(2026, 2, 3), date=date(2026, 2, 28)
    )
    assert meeting.data.notice_signed_on is None
    with pytest.raises(CommandRefused, match="signed by the convener"):
        engine.command(meeting.id, "issue_notice", OFFICE, date(2026, 2, 4))
    engine.command(meeting.id, "sign_notice", HEAD, date(2026, 2, 4))
    assert engine.command(meeting.id, "issue_notice", OFFICE, date(2026, 2, 4)).state == (
        "regular.notice_issued"
    )


def test_rc_half_yearly_has_its_convener_sign_and_other_charters_have_no_such_step() -> None:
    engine = gr.Engine("rc-half-yearly")
    director = gr.Actor("owners_committee", "director")
    meeting = engine.plan_meeting(director, "regular", date(2026, 6, 22), on=date(2026, 6, 1),
                                  override="a test day")  # fmt: skip
    with pytest.raises(CommandRefused, match="signed by the convener") as info:
        engine.command(meeting.id, "issue_notice", OFFICE, date(2026, 6, 2))
    assert info.value.rule == "meetings.regular.notice.signed_by"
    assert "第三条" in (info.value.citation or "")
    engine.command(meeting.id, "sign_notice", director, date(2026, 6, 2))
    assert engine.command(meeting.id, "issue_notice", OFFICE, date(2026, 6, 2)).state == (
        "regular.notice_issued"
    )
    for charter_id in gr.available_charters():
        charter = gr.load_charter(charter_id)
        steps = {name for _, name, _, _ in gr.command_table(charter)}
        signed = any(
            r.notice is not None and r.notice.signed_by for r in charter.meetings.values()
        )
        assert ("sign_notice" in steps) == signed, charter_id
    assert {"yangxin-2022", "rc-half-yearly"} <= {
        c for c in gr.available_charters()
        if "sign_notice" in {n for _, n, _, _ in gr.command_table(gr.load_charter(c))}
    }  # fmt: skip


def test_explain_shows_the_meeting_day_as_planned_and_as_moved() -> None:
    engine, meeting = _planned()
    engine.command(meeting.id, "postpone", HEAD, date(2026, 2, 3), date=date(2026, 2, 28))
    lines = engine.explain(meeting.id)
    assert lines[1].endswith("plan by party_org → regular.planned (meeting day 2026-02-24)")
    assert lines[2].endswith("→ regular.postponed (meeting day 2026-02-28)")
