"""``compare()``: rules aligned with citations, key figures, readings and machine diffs."""

from __future__ import annotations

from datetime import date

import pytest

import governance_rules as gr
from governance_rules import Verdict
from governance_rules._calendar import WorkingCalendar
from tests.compare.helpers import made

NATIONAL_DAY_EVE = date(2026, 9, 28)  # a Monday; 1–7 October 2026 are days off
REPLY = "issues.oc_questions.ladder[0].deadlines.reply"


def test_equal_rules_make_no_difference() -> None:
    c = gr.compare(made("a"), made("b"), start=NATIONAL_DAY_EVE)
    lead = c.rule("meetings.regular.notice.lead")
    assert lead.values == ("1 week", "1 week")
    assert lead.verdicts == (Verdict.SAME,)
    assert not lead.differs
    # only the title and id-like rows differ between two copies with other titles
    assert {r.path for r in c.differences} <= {"title"}


def test_three_against_five_working_days() -> None:
    c = gr.compare(made("five", replies=("5 working days",)),
                   made("three", replies=("3 working days",)), start=NATIONAL_DAY_EVE)  # fmt: skip
    reply = c.rule(REPLY)
    assert reply.values == ("5 working days", "3 working days")
    assert reply.verdicts == (Verdict.STRICTER,)
    assert reply.citations[0] == reply.citations[1]
    assert reply.citations[0] is not None
    assert "4.1" in reply.citations[0]
    back = gr.compare(made("three", replies=("3 working days",)),
                      made("five", replies=("5 working days",)), start=NATIONAL_DAY_EVE)  # fmt: skip
    assert back.rule(REPLY).verdicts == (Verdict.LOOSER,)
    # leads go the other way: giving notice earlier asks more
    c = gr.compare(made("a", lead="3 working days"), made("b", lead="5 working days"),
                   start=NATIONAL_DAY_EVE)  # fmt: skip
    assert c.rule("meetings.regular.notice.lead").verdicts == (Verdict.STRICTER,)
    assert c.figure("meetings.regular.notice.lead").verdicts == (Verdict.STRICTER,)


def test_a_rule_only_in_one_charter() -> None:
    c = gr.compare(made("two", replies=("3 working days", "5 working days")),
                   made("one", replies=("3 working days",)), start=NATIONAL_DAY_EVE)  # fmt: skip
    second = c.rule("issues.oc_questions.ladder[1].deadlines.reply")
    assert second.values == ("5 working days", None)
    assert second.verdicts == (Verdict.ONLY_FIRST,)
    assert second.citations[1] is None
    assert c.rule("issues.oc_questions.ladder.depth").verdicts == (Verdict.LOOSER,)  # 3 > 2 levels
    flipped = gr.compare(made("one", replies=("3 working days",)),
                         made("two", replies=("3 working days", "5 working days")),
                         start=NATIONAL_DAY_EVE)  # fmt: skip
    assert flipped.rule(second.path).verdicts == (Verdict.ONLY_HERE,)
    assert flipped.figure("issues.oc_questions.depth").verdicts == (Verdict.STRICTER,)
    with pytest.raises(gr.UnknownComparisonItemError, match="no charter"):
        c.rule("meetings.nowhere")


def test_worst_case_over_national_day(cal: WorkingCalendar) -> None:
    c = gr.compare(made("wd", replies=("3 working days", "3 working days")),
                   made("days", replies=("3 days", "3 days")),
                   made("gap", replies=("3 working days", None)),
                   start=NATIONAL_DAY_EVE)  # fmt: skip
    worst = c.figure("issues.oc_questions.worst_case_working_days")
    # six working days counted one level after the other skip the whole holiday week
    reaches = cal.add_working_days(NATIONAL_DAY_EVE, 6)
    assert reaches > date(2026, 10, 7)
    assert worst.values[0] == f"6 working days (by {reaches.isoformat()})"
    # 3 days end on 1 October, a holiday: the period runs to the holiday's end (民法典 第203条)
    first = cal.due_day(NATIONAL_DAY_EVE, gr.Period.parse("3 days"))
    second = cal.due_day(first, gr.Period.parse("3 days"))
    assert first == date(2026, 10, 8)
    days = cal.working_days_between(NATIONAL_DAY_EVE, second)
    assert worst.values[1] == f"{days} working days (by {second.isoformat()})"
    # a level with no reply deadline: unspecified, never invented
    assert worst.values[2].startswith("unspecified")
    assert "ladder[1].deadlines.reply" in worst.values[2]
    assert worst.verdicts[1] is Verdict.ONLY_FIRST
    # the same ladder counted from an ordinary week takes fewer calendar days
    calm = gr.compare(made("wd", replies=("3 working days", "3 working days")), made("x"),
                      start=date(2026, 9, 7)).figure(worst.key)  # fmt: skip
    assert calm.values[0] == f"6 working days (by {cal.add_working_days(date(2026, 9, 7), 6)})"


def test_competing_readings_are_shown_as_such() -> None:
    c = gr.compare("co-building-two-thirds", start=NATIONAL_DAY_EVE)
    assert c.labels == ("co-building-two-thirds@decision=two_thirds",
                        "co-building-two-thirds@decision=one_vote_veto")  # fmt: skip
    kind = c.rule("meetings.regular.decision.kind")
    assert kind.values == ("supermajority", "veto")
    assert kind.verdicts == (Verdict.STRICTER,)
    assert kind.reading == "decision"
    assert {r.reading for r in c.differences} == {"decision"}
    in_force = {(p.charter, o.key) for p in c.readings for o in p.options if o.in_force}
    assert in_force == {("co-building-two-thirds@decision=two_thirds", "two_thirds"),
                        ("co-building-two-thirds@decision=one_vote_veto", "one_vote_veto")}  # fmt: skip
    spec = gr.compare("co-building-two-thirds",
                      "co-building-two-thirds@decision=one_vote_veto", start=NATIONAL_DAY_EVE)  # fmt: skip
    assert spec.labels[1] == "co-building-two-thirds@decision=one_vote_veto"
    assert spec.rule("meetings.regular.decision.kind").values == kind.values
    with pytest.raises(gr.CharterError, match="no such reading"):
        gr.compare("co-building-two-thirds", "co-building-two-thirds@decision=coin_toss")


def test_one_charter_or_the_same_twice() -> None:
    with pytest.raises(gr.ComparisonError, match="at least two charters"):
        gr.compare("party-building-5x")
    with pytest.raises(gr.UnknownCharterError):
        gr.compare("no-such-charter", "yangxin-2022")
    twice = gr.compare("yangxin-2022", "yangxin-2022", start=NATIONAL_DAY_EVE)
    assert twice.labels == ("yangxin-2022", "yangxin-2022 (2)")
    assert twice.differences == ()
    assert all(m.same for m in twice.machines)


def test_machines_of_yangxin_and_pm_liaison() -> None:
    c = gr.compare("yangxin-2022", "pm-liaison-bimonthly", start=NATIONAL_DAY_EVE)
    by_kind = {m.kind: m for m in c.machines}
    assert set(by_kind) == {"appraisal", "issue", "meeting", "term"}
    issue = by_kind["issue"]
    # yangxin escalates beyond-remit issues to the street office; pm-liaison has no such ladder
    assert "handling.beyond_remit.L2_street_office" in issue.removed_states
    assert "handling.oc_questions.L0_property_company.open" in issue.added_states
    assert not set(issue.added_states) & set(issue.removed_states)
    assert set(issue.common_states) >= {"new", "reported", "closed"}
    # pm-liaison's regular meetings have no minutes sign-off; yangxin's are signed by the convener
    meeting = by_kind["meeting"]
    assert "regular.minutes_approved" in meeting.removed_states
    assert any(e.dest == "regular.minutes_approved" for e in meeting.removed_edges)
    # yangxin has an appraisal workflow; pm-liaison has none
    assert by_kind["appraisal"].removed_states
    assert not by_kind["appraisal"].added_states
    diagram = issue.mermaid()
    assert diagram.startswith("---\ntitle: issue: yangxin-2022 vs pm-liaison-bimonthly")
    assert "classDef added" in diagram
    assert "classDef removed" in diagram
    assert '"- handling.beyond_remit.L2_street_office"' in diagram
    assert '"+ handling.oc_questions"' in diagram
    assert diagram.count(" removed\n") >= len(issue.removed_states)
    assert ": - escalate" in diagram
    assert ": + report" not in diagram


def test_to_dict_is_the_json_data() -> None:
    c = gr.compare("yangxin-2022", "model-charter-rc", start=NATIONAL_DAY_EVE, lang="zh")
    data = c.to_dict()
    assert data["baseline"] == "yangxin-2022"
    assert data["start"] == "2026-09-28"
    assert len(data["rules"]) == len(c.rules)
    first = next(r for r in data["rules"] if r["path"] == "meetings.regular.notice.lead")
    assert first["values"] == ["unspecified", "1 week"]
    assert first["verdicts"] == ["only_here"]
    assert "第八条" in first["citations"][1]
    assert data["charters"][0]["title"] == c.titles[0]
    assert {p["point"] for p in data["readings"]} == {"meeting_window", "resolution_threshold"}


def test_a_majority_of_all_members_counts_all_members() -> None:
    # model-charter-rc 第十条: more than half of the members consent; the kind
    # majority_of_all_members counts all members when no base is written (the
    # decision rules' default), so the base figure is all_members, not unspecified.
    # co-building-two-thirds 四、1: two-thirds or more of the votes cast.
    # By hand, 6 members, 3 yes, 1 no, 2 absent: 3/6 is not > 1/2 (model fails), 3/4 is
    # >= 2/3 (co-building passes); 4 yes of 6: 4/6 > 1/2 passes model, and with 2 no
    # 4/6 >= 2/3 passes co-building too. Neither rule always asks more: different.
    c = gr.compare("model-charter-rc", "co-building-two-thirds", start=NATIONAL_DAY_EVE)
    base = c.figure("meetings.regular.decision.base")
    assert base.values == ("all_members", "votes_cast")
    threshold = c.figure("meetings.regular.decision.threshold")
    assert threshold.values == ("> 1/2", ">= 2/3")
    assert threshold.verdicts == (Verdict.DIFFERENT,)
    # the rules table says the same of the rule as written
    row = c.rule("meetings.regular.decision.threshold")
    assert row.values == ("> 1/2", ">= 2/3")
    assert row.verdicts == (Verdict.DIFFERENT,)
    # the owners' committee (指导规则 第38条): at least half of ALL members
    assert c.figure("matters.owners_committee_meeting.decision.base").values == (
        "all_members",
        "all_members",
    )
    # the owners' double majority (民法典 第278条): over half of the area and of the owners
    # taking part; the decision rule divides by the participating area and headcount
    assert c.figure("matters.owners_ordinary.decision.base").values == (
        "participating_area_and_owners",
        "participating_area_and_owners",
    )


_NO_INTERVAL = """\
id: no-interval
extends: model-charter-rc
title: {zh: 无间隔, en: No interval}
jurisdiction: {zh: 示例, en: Example}
documents:
  loc: {kind: law, heading: 示例细则}
meetings:
  regular: null
  consultation:
    kind: regular
    label: {zh: 协商会, en: consultation}
    recurs: {kind: periodic, word: 定期, source: {doc: loc, article: 一, summary: held regularly}}
    source: {doc: loc, article: 一, summary: a consultation held regularly}
readings: {resolution_threshold: null}
"""


def test_meetings_with_no_interval_are_not_stated_never_zero() -> None:
    alone = gr.load_charter_text(_NO_INTERVAL)
    c = gr.compare("yangxin-2022", alone, "estate-mechanisms", "co-building-two-thirds",
                   start=NATIONAL_DAY_EVE)  # fmt: skip
    total = c.figure("regular_meetings_per_year")
    assert total.values == (
        "6",
        "unspecified (no interval: consultation)",
        "unspecified (no interval: owners_assembly)",
        # 4 a year stated, and a meeting held "regularly" (定期): the total is not 4
        "unspecified (at least 4; no interval: residents_representatives)",
    )
    assert total.verdicts == (Verdict.ONLY_FIRST, Verdict.ONLY_FIRST, Verdict.DIFFERENT)
    assert total.citations[1] == "《示例细则》一"
    one = c.figure("meetings.consultation.per_year")
    assert one.values == ("—", "unspecified", "—", "—")
    data = c.to_dict()["figures"][0]
    assert data["key"] == "regular_meetings_per_year"
    assert "0" not in data["values"]
    zh = gr.compare("yangxin-2022", "co-building-two-thirds", start=NATIONAL_DAY_EVE, lang="zh")
    assert zh.figure("regular_meetings_per_year").values[1] == (
        "未规定（至少 4 次；未规定间隔：residents_representatives）"
    )


def test_two_partly_stated_totals_differ_unless_both_parts_do() -> None:
    c = gr.compare("co-building-two-thirds", "district-street-plans", "co-building-two-thirds",
                   start=NATIONAL_DAY_EVE)  # fmt: skip
    total = c.figure("regular_meetings_per_year")
    assert total.values[1] == "unspecified (at least 32; no interval: round_table)"
    assert total.verdicts == (Verdict.DIFFERENT, Verdict.SAME)


def test_a_cadence_with_alternatives_shows_what_it_allows() -> None:
    # jingan-three-in-one: every half month or every month (one due a month, two allowed)
    c = gr.compare("yayuan-monthly", "jingan-three-in-one", start=NATIONAL_DAY_EVE)
    twice = gr.compare("jingan-three-in-one", "jingan-three-in-one", start=NATIONAL_DAY_EVE)
    for key in ("regular_meetings_per_year", "meetings.regular.per_year"):
        figure = c.figure(key)
        assert figure.values == ("12", "12 to 24")
        # as the cadences themselves: not the same as 12 a year
        assert figure.verdicts == (Verdict.DIFFERENT,)
        assert twice.figure(key).verdicts == (Verdict.SAME,)
    assert c.rule("meetings.regular.cadence").verdicts == (Verdict.DIFFERENT,)
