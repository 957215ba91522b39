"""A charter's year of dated duties, rotation across years, notice deadlines."""

from __future__ import annotations

import textwrap
from datetime import date

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter import load_charter_text
from governance_rules._obligations import obligations

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
    # meetings open on the first day of each quarter; 3 calendar days before 1 Oct 2026
    # is 28 Sep, a working day; before 1 Jan 2026 it is 29 Dec 2025
    assert [o.start for o in notices] == [
        date(2025, 12, 29), date(2026, 3, 27), date(2026, 6, 26), date(2026, 9, 28),
    ]  # fmt: skip
    assert all(o.start == o.end for o in notices)


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
