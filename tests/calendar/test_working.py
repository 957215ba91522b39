"""The national calendar on the hard seasons, and the scalar API's edges."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pytest

from governance_rules._calendar import CalendarOverrides, DayKind, Window, WorkingCalendar
from governance_rules.errors import CalendarError, DateOutOfRangeError
from tests.conftest import FIRST_PROVISIONAL_YEAR, d


@pytest.mark.parametrize(
    ("day", "working", "kind"),
    [
        # Spring Festival 2026: 2-15 .. 2-23 off, make-up Saturdays 2-14 and 2-28.
        ("2026-02-13", True, DayKind.WORKDAY),
        ("2026-02-14", True, DayKind.MAKEUP_WORKDAY),
        ("2026-02-15", False, DayKind.REST_DAY),
        ("2026-02-16", False, DayKind.HOLIDAY),  # New Year's Eve, statutory since 2025
        ("2026-02-20", False, DayKind.HOLIDAY),  # moved off from 2-14
        ("2026-02-23", False, DayKind.HOLIDAY),  # a Monday, moved off from 2-28
        ("2026-02-24", True, DayKind.WORKDAY),
        ("2026-02-28", True, DayKind.MAKEUP_WORKDAY),
        # National Day 2026: 10-1 .. 10-7 off, make-up Sunday 9-20 and Saturday 10-10.
        ("2026-09-20", True, DayKind.MAKEUP_WORKDAY),
        ("2026-09-30", True, DayKind.WORKDAY),
        ("2026-10-01", False, DayKind.HOLIDAY),
        ("2026-10-04", False, DayKind.REST_DAY),
        ("2026-10-07", False, DayKind.HOLIDAY),
        ("2026-10-08", True, DayKind.WORKDAY),
        ("2026-10-10", True, DayKind.MAKEUP_WORKDAY),
        ("2026-10-11", False, DayKind.REST_DAY),
        # New Year bridges: 2026-1-2 off, Sunday 1-4 worked; 2019's make-up day falls in 2018.
        ("2026-01-02", False, DayKind.HOLIDAY),
        ("2026-01-04", True, DayKind.MAKEUP_WORKDAY),
        ("2018-12-29", True, DayKind.MAKEUP_WORKDAY),
        ("2018-12-31", False, DayKind.HOLIDAY),
        ("2025-01-01", False, DayKind.HOLIDAY),
        ("2025-01-02", True, DayKind.WORKDAY),
    ],
)
def test_hard_season_days(cal: WorkingCalendar, day: str, working: bool, kind: DayKind) -> None:
    assert cal.is_working_day(d(day)) is working
    assert cal.day_info(d(day)).kind is kind


def test_holiday_names_in_both_languages(cal: WorkingCalendar) -> None:
    assert cal.holiday_name(d("2026-10-01")) == "National Day"
    assert cal.holiday_name(d("2026-10-01"), "zh") == "国庆节"
    assert cal.holiday_name(d("2026-10-10")) is None


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2026-09-30", 1, "2026-10-08"),  # the whole National Day week is skipped
        ("2026-10-09", 1, "2026-10-10"),  # Friday → make-up Saturday
        ("2026-10-10", 1, "2026-10-12"),
        ("2026-10-08", -1, "2026-09-30"),
        ("2026-10-12", -1, "2026-10-10"),  # back onto the make-up Saturday
        ("2026-10-01", 0, "2026-10-08"),  # n = 0 on a day off: the next working day
        ("2026-10-10", 0, "2026-10-10"),  # n = 0 on a working day: itself
        ("2026-02-13", 2, "2026-02-24"),  # 2-14 (make-up) then the Spring Festival
        ("2018-12-28", 1, "2018-12-29"),  # the New Year make-up Saturday
        ("2026-09-28", 3, "2026-10-08"),
    ],
)
def test_add_working_days(cal: WorkingCalendar, start: str, n: int, expected: str) -> None:
    assert cal.add_working_days(d(start), n) == d(expected)


def test_next_and_previous_working_day(cal: WorkingCalendar) -> None:
    assert cal.next_working_day(d("2026-09-30")) == d("2026-10-08")
    assert cal.previous_working_day(d("2026-10-08")) == d("2026-09-30")
    assert cal.next_working_day(d("2026-10-09")) == d("2026-10-10")


@pytest.mark.parametrize(
    ("a", "b", "count"),
    [
        ("2026-09-30", "2026-10-10", 3),  # 10-8, 10-9, 10-10
        ("2026-10-01", "2026-10-07", 0),
        ("2026-10-10", "2026-09-30", -3),
        ("2026-10-10", "2026-10-10", 0),
        ("2026-01-01", "2026-12-31", 248),
    ],
)
def test_working_days_between(cal: WorkingCalendar, a: str, b: str, count: int) -> None:
    assert cal.working_days_between(d(a), d(b)) == count


def test_a_datetime_is_read_as_its_date(cal: WorkingCalendar) -> None:
    result = cal.add_working_days(datetime(2026, 10, 9, 15, 30), 1)
    assert result == date(2026, 10, 10)
    assert type(result) is date
    assert cal.day_info(datetime(2026, 10, 1, 9)).date == date(2026, 10, 1)


def test_provisional_years(cal: WorkingCalendar) -> None:
    assert not cal.is_provisional(2001)
    assert cal.is_provisional(FIRST_PROVISIONAL_YEAR)
    assert not cal.is_provisional(FIRST_PROVISIONAL_YEAR - 1)
    start, end = date(FIRST_PROVISIONAL_YEAR - 1, 12, 1), date(FIRST_PROVISIONAL_YEAR + 1, 1, 5)
    assert cal.provisional_years(start, end) == (
        FIRST_PROVISIONAL_YEAR,
        FIRST_PROVISIONAL_YEAR + 1,
    )


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda c: c.is_working_day(date(2000, 12, 31)), DateOutOfRangeError, "2001-01-01 to"),
        (lambda c: c.is_working_day(date(2037, 1, 1)), DateOutOfRangeError, "2036-12-31"),
        (lambda c: c.is_working_day("2026-10-01"), CalendarError, "expected a datetime.date"),
        (lambda c: c.add_working_days(date(2026, 1, 5), 1.5), CalendarError, "whole number"),
        (lambda c: c.add_working_days(date(2036, 12, 1), 60), DateOutOfRangeError, "60 working"),
        (lambda c: c.add_working_days(date(2001, 1, 5), -30), DateOutOfRangeError, "outside"),
        (lambda c: c.working_days_between(date(2026, 1, 1), None), CalendarError, "b:"),
    ],
)
def test_bad_input_raises_the_library_error(cal: WorkingCalendar, call, error, fragment) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=fragment):
        call(cal)


def test_out_of_range_message_names_the_date_and_the_range(cal: WorkingCalendar) -> None:
    with pytest.raises(DateOutOfRangeError) as info:
        cal.is_working_day(date(1999, 5, 1))
    assert str(info.value) == (
        "date: date outside the calendar's data (got '1999-05-01'); "
        "allowed: 2001-01-01 to 2036-12-31"
    )
    assert isinstance(info.value, LookupError)


def test_china_is_cached_and_ranges_are_configurable() -> None:
    assert WorkingCalendar.china() is WorkingCalendar.china()
    short = WorkingCalendar.china(first_year=2025, last_year=2026)
    assert short.first_date == date(2025, 1, 1)
    assert short.last_date == date(2026, 12, 31)
    # a make-up day declared by the next year's notice is still known
    assert WorkingCalendar.china(first_year=2018, last_year=2018).is_working_day(d("2018-12-29"))


def test_custom_calendar_validates_its_data() -> None:
    with pytest.raises(CalendarError, match="Saturday or Sunday"):
        WorkingCalendar(
            first_year=2026, last_year=2026, holidays={}, makeup_workdays=[d("2026-01-05")]
        )
    with pytest.raises(CalendarError, match="year range"):
        WorkingCalendar(first_year=2027, last_year=2026, holidays={})


def test_overrides_are_layered_over_national_data(cal: WorkingCalendar) -> None:
    local = cal.with_overrides(
        CalendarOverrides(
            closures={d("2026-09-14"): "typhoon closure"},
            workdays={d("2026-10-11"): "local working Sunday"},
            name="coastal city",
        )
    )
    assert not local.is_working_day(d("2026-09-14"))
    assert local.day_info(d("2026-09-14")).describe() == (
        "2026-09-14 typhoon closure — local closure"
    )
    assert local.is_working_day(d("2026-10-11"))
    assert local.add_working_days(d("2026-09-11"), 1) == d("2026-09-15")
    assert cal.is_working_day(d("2026-09-14"))  # the national calendar is untouched
    assert "coastal city" in local.name


def test_holiday_name_accepts_a_datetime(cal: WorkingCalendar) -> None:
    assert cal.holiday_name(datetime(2026, 10, 1, 8)) == "National Day"
    assert cal.holiday_name(datetime(2026, 10, 1, 8), "zh") == "国庆节"


def test_a_bool_is_not_a_number_of_days(cal: WorkingCalendar) -> None:
    with pytest.raises(CalendarError, match="whole number"):
        cal.add_working_days(date(2026, 1, 5), True)


def test_array_api_refuses_what_is_not_dates_or_steps(cal: WorkingCalendar) -> None:
    with pytest.raises(CalendarError, match="expected dates"):
        cal.add_working_days_array(np.array([5000]), 1)
    with pytest.raises(CalendarError, match="whole numbers"):
        cal.add_working_days_array(np.array(["2026-10-09"], "M8[D]"), 1.5)
    unsigned = cal.add_working_days_array(
        np.array(["2026-10-09"], "M8[D]"), np.array([1], np.uint64)
    )
    assert unsigned[0] == np.datetime64("2026-10-10")
    with pytest.raises(CalendarError, match="whole numbers"):
        cal.add_working_days_array(np.array(["2026-10-09"], "M8[D]"), np.array([2**63], np.uint64))
    with pytest.raises(DateOutOfRangeError):
        cal.add_working_days_array(np.array(["2036-12-20"], "M8[D]"), 30)
    with pytest.raises(DateOutOfRangeError, match="1999-01-01"):
        cal.is_working_day_array(np.array(["2026-01-01", "1999-01-01"], "M8[D]"))
    dates = [date(2026, 10, 9), date(2026, 9, 30)]
    assert list(cal.working_days_between_array(dates, ["2026-10-10", "2026-10-10"])) == [1, 3]


@pytest.mark.parametrize(
    ("first", "last", "settled", "working"),
    [
        ("2026-05-01", "2026-05-05", "2026-05-06", 1),  # Labour Day: ends the day after
        ("2026-10-01", "2026-10-05", "2026-10-08", 1),  # National Day runs to 10-07
        ("2026-10-08", "2026-10-10", "2026-10-10", 3),  # Saturday 10-10 is a make-up day
        ("2026-02-14", "2026-02-15", "2026-02-15", 1),  # make-up Saturday before the festival
        ("2026-02-15", "2026-02-20", "2026-02-24", 1),  # Spring Festival, 02-15 to 02-23
    ],
)
def test_a_window_with_no_working_day_settles_like_a_period(
    first: str, last: str, settled: str, working: int
) -> None:
    cal = WorkingCalendar.china()
    window = Window(date.fromisoformat(first), date.fromisoformat(last))
    result = cal.settle(window)
    assert (result.start, result.end.isoformat()) == (window.start, settled)
    assert cal.working_days_in(result.start, result.end) == working
    if result != window:  # the same day `govrules deadline` gives for a period ending there
        assert result.end == cal.due(window.end - timedelta(days=1), "1 day").due


@pytest.mark.parametrize(
    ("first", "last", "working"),
    [
        ("2026-10-01", "2026-10-07", 0),  # National Day: no working day
        ("2026-09-30", "2026-10-10", 4),  # 09-30, 10-08, 10-09 and make-up Saturday 10-10
        ("2026-02-14", "2026-02-14", 1),  # one make-up Saturday
        ("2026-02-15", "2026-02-15", 0),  # one Sunday
        ("2026-03-05", "2026-03-02", 0),  # last before first
    ],
)
def test_working_days_in_counts_both_ends(first: str, last: str, working: int) -> None:
    cal = WorkingCalendar.china()
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    assert cal.working_days_in(a, b) == working
    span = (b - a).days + 1
    brute = sum(cal.is_working_day(a + timedelta(days=k)) for k in range(max(span, 0)))
    assert cal.working_days_in(a, b) == brute


def test_working_days_in_refuses_days_outside_the_calendar() -> None:
    cal = WorkingCalendar.china()
    with pytest.raises(DateOutOfRangeError, match="last"):
        cal.working_days_in(date(2026, 1, 1), date(2199, 1, 1))
    with pytest.raises(CalendarError, match="first"):
        cal.working_days_in("2026-01-01", date(2026, 1, 2))  # type: ignore[arg-type]


def test_with_overrides_replaces_the_overrides_and_their_name(cal: WorkingCalendar) -> None:
    typhoon = CalendarOverrides(closures={d("2026-09-14"): "typhoon closure"}, name="typhoon")
    festival = CalendarOverrides(closures={d("2026-04-20"): "三月三"}, name="festival")
    local = cal.with_overrides(typhoon).with_overrides(festival)
    assert local.name == "China + festival"  # was "China + typhoon + festival"
    assert local.is_working_day(d("2026-09-14"))
    assert not local.is_working_day(d("2026-04-20"))
    assert WorkingCalendar.china(overrides=typhoon).with_overrides(festival).name == (
        "China + festival"
    )


def test_array_api_refuses_arrays_of_different_shapes(cal: WorkingCalendar) -> None:
    dates = np.array(["2026-10-08", "2026-10-09"], "M8[D]")
    with pytest.raises(CalendarError, match="same shape"):
        cal.add_working_days_array(dates, np.array([1, 2, 3]))
    with pytest.raises(CalendarError, match="same shape"):
        cal.working_days_between_array(dates, np.array(["2026-10-10"] * 3, "M8[D]"))
    # a scalar and an array of one still broadcast, as numpy does
    assert list(cal.add_working_days_array(dates, np.array([1]))) == [
        np.datetime64("2026-10-09"),
        np.datetime64("2026-10-10"),
    ]
