"""Deadlines under 民法典 第201–203条, working-day counting, and their explanations."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from governance_rules._calendar import WorkingCalendar
from governance_rules.errors import CalendarError, DateOutOfRangeError, PeriodError
from tests.conftest import FIRST_PROVISIONAL_YEAR, d


@pytest.mark.parametrize(
    ("start", "period", "due"),
    [
        # calendar days: the start day is not counted (第201条)
        ("2026-06-01", "15 days", "2026-06-16"),
        ("2026-06-01", "0 days", "2026-06-01"),
        # a last day on National Day moves past the whole holiday block (第203条)
        ("2026-09-23", "8 days", "2026-10-08"),
        ("2026-09-24", "10 days", "2026-10-08"),  # nominal 10-04, a Sunday inside the block
        ("2026-09-30", "7 days", "2026-10-08"),
        # a last day on a make-up working Saturday does not move
        ("2026-10-03", "7 days", "2026-10-10"),
        ("2026-02-07", "1 week", "2026-02-14"),
        # months: the corresponding day, or the month's last day (第202条)
        ("2026-01-31", "1 month", "2026-02-28"),  # also a make-up Saturday: stays
        ("2026-03-31", "1 month", "2026-04-30"),
        ("2026-08-31", "1 month", "2026-09-30"),
        ("2026-12-31", "2 months", "2027-03-01"),  # Feb 28 2027 is a Sunday
        ("2024-02-29", "1 year", "2025-02-28"),
        # an ordinary weekend moves the end to Monday by default
        ("2026-06-05", "1 week", "2026-06-12"),
        ("2026-06-06", "1 week", "2026-06-15"),
        # working days
        ("2026-09-28", "3个工作日", "2026-10-08"),
        ("2026-10-08", "2 working days", "2026-10-10"),  # counts the make-up Saturday
        ("2026-02-12", "3 working days", "2026-02-24"),  # 2-13, make-up 2-14, 2-24
        ("2026-10-01", "0 working days", "2026-10-08"),
    ],
)
def test_due(cal: WorkingCalendar, start: str, period: str, due: str) -> None:
    assert cal.due(d(start), period).due == d(due)


def test_rest_days_option(cal: WorkingCalendar) -> None:
    holidays_only = WorkingCalendar.china(rest_days_extend_periods=False)
    # an ordinary Saturday: moves by default, stays when rest days do not extend
    assert cal.due(d("2026-06-06"), "1 week").due == d("2026-06-15")
    assert holidays_only.due(d("2026-06-06"), "1 week").due == d("2026-06-13")
    # a Sunday inside the National Day block is part of the holiday either way
    assert holidays_only.due(d("2026-09-24"), "10 days").due == d("2026-10-08")
    # a weekend just before a holiday run is joined to it
    assert holidays_only.due(d("2026-02-08"), "7 days").due == d("2026-02-24")
    explanation = holidays_only.due(d("2026-06-06"), "1 week").explanation
    assert "ordinary rest days do not extend periods in this calendar" in explanation


@pytest.mark.parametrize(
    ("event", "period", "latest"),
    [
        ("2026-10-09", "3 days", "2026-09-30"),  # 10-06 is off → back to 9-30
        ("2026-10-09", "1 week", "2026-09-30"),
        ("2026-10-12", "2 days", "2026-10-10"),  # a make-up Saturday is fine
        ("2026-10-09", "3 working days", "2026-09-29"),
        ("2026-06-17", "一周", "2026-06-10"),
    ],
)
def test_latest_before(cal: WorkingCalendar, event: str, period: str, latest: str) -> None:
    result = cal.latest_before(d(event), period)
    assert result.due == d(latest)
    assert result.before


@pytest.mark.parametrize(
    ("event", "period", "latest"),
    [
        # 29, 30 and 31 January + 1 month all end on 28 February (第202条): the latest is 31
        ("2026-02-28", "1 month", "2026-01-31"),
        ("2031-06-30", "3 months", "2031-03-31"),  # 31 March + 3 months ends on 30 June
        ("2029-02-28", "1 year", "2028-02-29"),  # 29 February 2028 + 1 year: 28 February
        # no later day fits: the corresponding day, or its month's last day, as before
        ("2026-03-31", "1 month", "2026-02-28"),
        ("2026-04-30", "2 months", "2026-02-28"),
        ("2026-03-28", "1 month", "2026-02-28"),
    ],
)
def test_latest_before_a_month_end(event: str, period: str, latest: str) -> None:
    plain = WorkingCalendar.china(rest_days_extend_periods=False)
    result = plain.latest_before(d(event), period)
    assert result.due == d(latest)
    assert plain.due(result.due, period).due <= d(event)  # it is still a period before
    if d(latest).day > d(event).day:
        assert f"has no day {d(latest).day} (第202条)" in " ".join(result.explanation)
        assert f"到期月没有{d(latest).day}日" in " ".join(result.explain("zh"))


def test_latest_before_is_the_latest_day_a_month_or_year_before() -> None:
    # with no holidays and rest days that do not move a period, every day is its own
    # nominal day: the latest day is exactly the last one whose period ends by the event
    plain = WorkingCalendar(first_year=2025, last_year=2030, holidays={},
                            rest_days_extend_periods=False)  # fmt: skip
    event = d("2027-01-01")
    while event.year < 2029:
        for period in ("1 month", "2 months", "1 year"):
            latest = plain.latest_before(event, period).due
            assert (
                plain.due(latest, period).due
                <= event
                < plain.due(latest + timedelta(days=1), period).due
            ), (event, period)
        event += timedelta(days=1)


def test_explanation_names_every_skipped_day(cal: WorkingCalendar) -> None:
    result = cal.due(d("2026-09-28"), "3 working days")
    lines = result.explanation
    assert lines[0].startswith("start 2026-09-28 Monday")
    assert "skip 2026-10-01 National Day — holiday" in lines
    assert "skip 2026-10-04 Sunday — rest day" in lines
    assert lines[-1] == "3 working days counted; due 2026-10-08 Thursday"
    assert [i.date for i in result.skipped] == [
        d("2026-10-01"), d("2026-10-02"), d("2026-10-03"), d("2026-10-04"),
        d("2026-10-05"), d("2026-10-06"), d("2026-10-07"),
    ]  # fmt: skip


def test_explanation_counts_make_up_days(cal: WorkingCalendar) -> None:
    lines = cal.due(d("2026-10-08"), "2 working days").explanation
    assert "count 2026-10-10 Saturday — make-up working day as working day 2 of 2" in lines


def test_explanation_cites_the_civil_code(cal: WorkingCalendar) -> None:
    text = "\n".join(cal.due(d("2026-09-23"), "8 days").explanation)
    assert "民法典 第201条" in text
    assert "民法典 第203条" in text
    assert "due 2026-10-08 Thursday, at 24:00" in text
    assert "第202条" in "\n".join(cal.due(d("2026-01-31"), "1 month").explanation)


def test_provisional_deadlines_say_so(cal: WorkingCalendar) -> None:
    year = FIRST_PROVISIONAL_YEAR
    result = cal.due(date(year - 1, 12, 20), "3 months")
    assert result.provisional
    assert result.provisional_years == (year,)
    assert result.explanation[-1].startswith(f"provisional: the holiday arrangement for {year}")
    assert not cal.due(d("2026-06-01"), "3 months").provisional


@pytest.mark.parametrize(
    ("start", "period", "provisional"),
    [
        ("12-01", "27 days", False),  # due 28 December: the published notice decides
        ("12-01", "28 days", True),  # 29 December: the next notice may still move it
        ("12-21", "8 working days", True),
        ("12-31", "3 days", True),  # counting back from the last day of the year
    ],
)
def test_the_last_days_of_a_published_year_wait_for_the_next_notice(
    cal: WorkingCalendar, start: str, period: str, provisional: bool
) -> None:
    # the next year's notice has moved days from 29 December on (2018-12-29 was made a
    # working day by the 2019 notice, 2007-12-31 given off by the 2008 notice)
    year = FIRST_PROVISIONAL_YEAR - 1
    day = d(f"{year}-{start}")
    result = cal.latest_before(day, period) if start == "12-31" else cal.due(day, period)
    assert result.provisional is provisional
    assert result.provisional_years == ((year + 1,) if provisional else ())
    if provisional:
        assert f"arrangement for {year + 1} is not yet published" in result.explanation[-1]


def test_to_dict(cal: WorkingCalendar) -> None:
    data = cal.due(d("2026-09-28"), "3个工作日").to_dict()
    assert data["start"] == "2026-09-28"
    assert data["period"] == "3 working days"
    assert data["period_zh"] == "3个工作日"
    assert data["due"] == "2026-10-08"
    assert data["provisional"] is False
    assert data["direction"] == "after"
    assert data["explanation"][-1].endswith("due 2026-10-08 Thursday")


def test_deadline_equality_ignores_the_cache(cal: WorkingCalendar) -> None:
    a = cal.due(d("2026-09-28"), "3 working days")
    b = cal.due(d("2026-09-28"), {"amount": 3, "unit": "working_days"})
    _ = a.explanation
    assert a == b
    assert hash(a) == hash(b)


@pytest.mark.parametrize(
    ("start", "period", "error"),
    [
        ("2036-12-20", "1 month", DateOutOfRangeError),
        ("2036-12-20", "30 working days", DateOutOfRangeError),
        ("2026-01-01", "3 fortnights", PeriodError),
        ("2026-01-01", "-3 days", PeriodError),
    ],
)
def test_due_refusals(cal: WorkingCalendar, start: str, period: str, error: type) -> None:
    with pytest.raises(error):
        cal.due(d(start), period)


def test_due_refuses_a_non_date(cal: WorkingCalendar) -> None:
    with pytest.raises(CalendarError, match=r"expected a datetime\.date"):
        cal.due("2026-01-01", "3 days")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "where"),
    [
        (lambda c: c.due(d("2026-01-01"), "10000 years"), "period"),
        (lambda c: c.due(d("2026-09-28"), "八千年"), "period"),
        (lambda c: c.latest_before(d("2026-09-28"), "7000 years"), "period"),
        (lambda c: c.due(d("2026-09-28"), "99999 weeks"), "period"),
        (lambda c: c.due(d("2026-09-28"), "99999 working days"), "period"),
        (lambda c: c.due(d("2036-12-20"), "15 days"), "period"),
        (lambda c: c.latest_before(d("2001-01-03"), "3 days"), "period"),
        (lambda c: c.latest_before(d("2001-01-02"), "1 day"), "period"),  # 01-01 is off
        (lambda c: c.year(10000), "year"),
        (lambda c: c.year(0), "year"),
        (lambda c: c.year(-1), "year"),
        (lambda c: c.year(10**30), "year"),
    ],
)
def test_far_dates_are_calendar_errors(cal: WorkingCalendar, call: Any, where: str) -> None:
    with pytest.raises(DateOutOfRangeError) as info:
        call(cal)
    assert info.value.where == where
    assert info.value.allowed is not None
    assert info.value.allowed.startswith("2001")


def test_a_period_ending_past_the_data_names_the_period_not_the_start() -> None:
    # the start is inside the data; the period's end (or the working day it moves to)
    # is not: the message says so, rather than "date: date outside the calendar's data"
    short = WorkingCalendar.china(last_year=2028)  # 2028-12-31 is a Sunday
    for start, period in [("2028-12-30", "1 day"), ("2028-12-20", "2 weeks"),
                          ("2028-12-29", "3 working days")]:  # fmt: skip
        with pytest.raises(DateOutOfRangeError) as info:
            short.due(d(start), period)
        assert info.value.where == "period"
        assert f"from {start}" in str(info.value)
        assert str(info.value).endswith("allowed: 2001-01-01 to 2028-12-31")
    with pytest.raises(DateOutOfRangeError) as info:  # the day past the data, as `got`
        short.due(d("2028-12-20"), "2 weeks")
    assert info.value.got == "2029-01-03"


def test_year_refuses_a_non_number(cal: WorkingCalendar) -> None:
    with pytest.raises(CalendarError, match="expected a whole number"):
        cal.year("2026")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("event", "latest"),
    [
        ("2026-10-04", "2026-09-30"),  # Sunday inside National Day: the working day before
        ("2026-10-01", "2026-09-30"),
        ("2026-10-10", "2026-10-10"),  # a make-up working Saturday is the day itself
        ("2026-10-08", "2026-10-08"),
        ("2026-06-07", "2026-06-05"),  # an ordinary Sunday
    ],
)
def test_zero_working_days_before_is_never_after_the_event(
    cal: WorkingCalendar, event: str, latest: str
) -> None:
    result = cal.latest_before(d(event), "0 working days")
    assert result.due == d(latest)
    assert result.explanation[-1].endswith(f"{latest} " + cal.day_info(d(latest)).weekday_name)


def test_zero_working_days_before_over_a_year(cal: WorkingCalendar) -> None:
    day = d("2026-01-01")
    while day.year == 2026:
        due = cal.latest_before(day, "0 working days").due
        assert due <= day
        assert cal.is_working_day(due)
        assert cal.working_days_between(due, day) == 0  # the latest working day on or before
        day += timedelta(days=1)
