"""A charter's year of dated duties, rotation across years, notice deadlines."""

from __future__ import annotations

import textwrap
from datetime import date

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter import load_charter_text
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules._obligations import Obligation, obligations

ROTATING = textwrap.dedent("""\
    id: demo
    title: Demo
    jurisdiction: Demo
    effective: 2026-01-01
    documents:
      src: {file: 000_3a5c8b07dfb4019a.txt, heading: Demo}
    bodies:
      residents_committee: {source: {doc: src, summary: takes part in meetings}}
      owners_committee: {source: {doc: src, summary: takes part in meetings}}
      property_company: {source: {doc: src, summary: takes part in meetings}}
    roles:
      convener:
        rotation:
          order: [residents_committee, owners_committee, property_company]
          order_stated: true
        source: {doc: src, summary: the convener rotates among the parties}
    meetings:
      regular:
        kind: regular
        cadence: {every: quarterly, source: {doc: src, summary: once a quarter}}
        notice: {lead: 3 days, source: {doc: src, summary: notice three days ahead}}
        source: {doc: src, summary: the regular meeting}
    information:
      periodic:
        pnl:
          what: profit and loss statement
          by: property_company
          to: [owners_committee]
          cadence: {every: monthly, source: {doc: src, summary: monthly}}
          window: {kind: days_of_month, first: 1, last: 5}
          source: {doc: src, summary: by the fifth of each month}
    """)


def conveners(year: int) -> list[str]:
    charter = load_charter_text(ROTATING, name="demo.yaml")
    return [o.convener[0] for o in obligations(charter, year) if o.kind == "meeting"]


def test_rotation_continues_across_years() -> None:
    assert conveners(2026) == [
        "residents_committee", "owners_committee", "property_company", "residents_committee",
    ]  # fmt: skip
    assert conveners(2027) == [
        "owners_committee", "property_company", "residents_committee", "owners_committee",
    ]  # fmt: skip
    assert conveners(2025) == []  # before the charter took effect


def test_notice_deadlines_use_the_calendar() -> None:
    charter = load_charter_text(ROTATING, name="demo.yaml")
    notices = [o for o in obligations(charter, 2026) if o.kind == "notice"]
    # each is counted back from the first working day of the meeting's window: 4 Jan 2026
    # (a make-up Sunday after New Year), 1 Apr, 1 Jul and 8 Oct (after National Day);
    # 3 days before 4 Jan is 1 Jan, a holiday, so 31 Dec; before 8 Oct it is 5 Oct, so 30 Sep
    assert [o.start for o in notices] == [
        date(2025, 12, 31), date(2026, 3, 27), date(2026, 6, 26), date(2026, 9, 30),
    ]  # fmt: skip
    assert all(o.start == o.end for o in notices)
    assert "2026-01-04" in notices[0].title
    assert "2026-10-08" in notices[-1].title


def test_periodic_reports_by_the_fifth() -> None:
    charter = load_charter_text(ROTATING, name="demo.yaml")
    reports = [o for o in obligations(charter, 2026) if o.kind == "report"]
    assert len(reports) == 12
    assert (reports[1].start, reports[1].end) == (date(2026, 2, 1), date(2026, 2, 5))
    assert reports[0].responsible == ("property_company",)
    assert reports[0].details == {"to": "owners_committee"}


def test_provisional_years_are_flagged() -> None:
    charter = load_charter_text(ROTATING, name="demo.yaml")
    cal = WorkingCalendar.china()
    future = max(y for y in range(2027, 2036) if cal.is_provisional(y))
    assert all(o.provisional for o in obligations(charter, future, cal))
    assert not any(o.provisional for o in obligations(charter, 2026, cal))


WINDOWS = textwrap.dedent("""\
    id: windows
    title: Windows
    jurisdiction: Demo
    documents:
      src: {file: 000_3a5c8b07dfb4019a.txt, heading: Demo}
    bodies:
      owners_committee: {source: {doc: src, summary: receives the reports}}
      property_company: {source: {doc: src, summary: sends the reports}}
    information:
      periodic:
        spring:
          what: a report due on the 14th or 15th of February
          by: property_company
          window: {kind: days_of_month, first: 14, last: 15, months: [2]}
          source: {doc: src, summary: by the 15th of February}
        festival:
          what: a report due from the 15th to the 20th of February
          by: property_company
          window: {kind: days_of_month, first: 15, last: 20, months: [2]}
          source: {doc: src, summary: 15th to 20th of February}
        weekend:
          what: a report due on the 7th or 8th of November
          by: property_company
          window: {kind: days_of_month, first: 7, last: 8, months: [11]}
          source: {doc: src, summary: 7th to 8th of November}
    """)


def periodic(year: int, cal: WorkingCalendar | None = None) -> dict[str, Obligation]:
    charter = load_charter_text(WINDOWS, name="windows.yaml")
    return {o.rule.rsplit(".", 1)[-1]: o for o in obligations(charter, year, cal)}


def test_a_window_wholly_on_holidays_moves_as_govrules_deadline_does() -> None:
    charter = load_charter_text(ROTATING, name="demo.yaml")
    cal = WorkingCalendar.china()
    reports = {o.start: o for o in obligations(charter, 2026, cal) if o.kind == "report"}
    may, october = reports[date(2026, 5, 1)], reports[date(2026, 10, 1)]  # Labour, National Day
    assert may.end == cal.due(date(2026, 4, 30), "5 days").due == date(2026, 5, 6)
    assert october.end == cal.due(date(2026, 9, 30), "5 days").due == date(2026, 10, 8)
    assert may.moved_from is not None
    assert str(may.moved_from) == "2026-05-01..2026-05-05"
    assert (may.working_days, october.working_days) == (1, 1)
    june = reports[date(2026, 6, 1)]
    assert june.moved_from is None
    assert (june.end, june.working_days) == (date(2026, 6, 5), 5)


def test_a_make_up_saturday_is_a_working_day_of_the_window() -> None:
    items = periodic(2026)
    # Saturday 14 Feb 2026 is a make-up working day before the Spring Festival
    assert (items["spring"].end, items["spring"].working_days) == (date(2026, 2, 15), 1)
    assert items["spring"].moved_from is None
    # 15–20 Feb are all Spring Festival days off: the window ends on 24 Feb
    assert items["festival"].end == date(2026, 2, 24)
    assert items["festival"].working_days == 1


def test_an_ordinary_weekend_window_moves_only_if_rest_days_extend_periods() -> None:
    moved = periodic(2026)["weekend"]  # Saturday and Sunday, 7–8 November 2026
    assert (moved.end, moved.working_days) == (date(2026, 11, 9), 1)
    kept = periodic(2026, WorkingCalendar.china(rest_days_extend_periods=False))["weekend"]
    assert (kept.end, kept.working_days, kept.moved_from) == (date(2026, 11, 8), 0, None)


MID_YEAR = """
id: yayuan-mid-year
extends: yayuan-monthly
title: Monthly meetings, quarterly from July
jurisdiction: a street office
documents:
  local: {kind: guide, file: local-rules, heading: Local amendment}
amendments:
  - effective: 2026-07-01
    source: {doc: local, summary: From July the joint meeting is held once a quarter.}
    changes:
      meetings:
        regular:
          cadence: {every: quarterly, source: {doc: local, summary: One meeting a quarter.}}
"""


def test_an_amendment_during_the_year_governs_the_windows_from_its_day() -> None:
    """The calendar used the rules in force on 1 January for the whole year, so an
    amendment from July never showed; the engine pins each meeting to the rules of
    its day, and the calendar now does the same."""
    charter = load_charter_text(MID_YEAR, name="mid.yaml", base_dir=bundled_rulesets_dir())
    meetings = [o for o in obligations(charter, 2026) if o.kind == "meeting"]
    starts = [o.start for o in meetings]
    assert [d.month for d in starts if d < date(2026, 7, 1)] == [1, 2, 3, 4, 5, 6]
    later = [o for o in meetings if o.start >= date(2026, 7, 1)]
    assert [(o.start, o.end) for o in later] == [
        (date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 10, 1), date(2026, 12, 31)),
    ]
    # the year after has only the amended rules; the year before only the original
    assert len([o for o in obligations(charter, 2027) if o.kind == "meeting"]) == 4
    assert len([o for o in obligations(charter, 2025) if o.kind == "meeting"]) == 12
