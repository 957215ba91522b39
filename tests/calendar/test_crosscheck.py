"""Every day from 2005 to 2026 checked against an independent package, ``chinese_calendar``.

The library's data come from python-holidays. ``chinese_calendar`` is a
separately maintained transcription of the same State Council notices, so a
day on which the two disagree is a day on which one of them mis-read a notice.
The disagreements found are pinned in :data:`KNOWN_DISAGREEMENTS`, each
investigated: any new one (after an update of either package) fails with a
readable diff, and a disagreement that disappears fails too, so the table in
docs/calendar.md stays true.
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest
from holidays import HolidayBase
from holidays.countries.china import China

from governance_rules._calendar import WorkingCalendar
from tests.conftest import d

FIRST = date(2005, 1, 1)
# chinese_calendar 1.11 lists days up to 2026-10-10 (the last make-up day of the
# 2026 notice) and accepts any date of 2026: the rest of 2026 is plain weekdays
# in both packages. A later 2027 notice could still move a late-December 2026
# weekend (as the 2006 notice did for 2005-12-31, below); neither package has it.
LAST = date(2026, 12, 31)

_OURS = "python-holidays (ours)"
_THEIRS = "chinese_calendar"


def _says(ours: bool, theirs: bool) -> str:
    def word(working: bool) -> str:
        return "working day" if working else "day off"

    return f"{_OURS}: {word(ours)}; {_THEIRS}: {word(theirs)}"


#: Date → what each package says, for every day of FIRST..LAST on which they differ.
KNOWN_DISAGREEMENTS: dict[date, str] = {
    # Saturday. 国务院办公厅关于2006年部分节假日安排的通知 (the 2006 notice): New Year
    # 1-3 Jan 2006 off. Only 1 Jan was statutory and 2 Jan is its Monday substitute for
    # a Sunday; python-holidays makes 3 Jan a day off swapped with Saturday 31 Dec 2005,
    # which is worked (in its weekend_workdays). chinese_calendar lists 1-3 Jan 2006 off
    # with no make-up or in-lieu day: the only New Year block in its data with an
    # unexplained weekday off. For 2012, the same weekday layout (Sunday 1 Jan, 1-3 Jan
    # off), it has 3 Jan in lieu of Saturday 31 Dec 2011, worked, as python-holidays has
    # for 2006. The library follows python-holidays (see docs/calendar.md).
    d("2005-12-31"): _says(ours=True, theirs=False),
}


def _disagreements(cal: WorkingCalendar) -> dict[date, str]:
    found: dict[date, str] = {}
    day = FIRST
    while day <= LAST:
        ours, theirs = cal.is_working_day(day), chinese_calendar.is_workday(day)
        if ours != theirs:
            found[day] = _says(ours, theirs)
        day += timedelta(days=1)
    return found


def test_chinese_calendar_covers_the_checked_range() -> None:
    # chinese_calendar refuses dates of years outside its data (by year, not by day).
    assert min(chinese_calendar.holidays).year <= FIRST.year
    assert max(chinese_calendar.holidays).year >= LAST.year
    assert max(chinese_calendar.workdays).year >= LAST.year


def test_every_day_agrees_with_chinese_calendar_except_the_known_ones(
    cal: WorkingCalendar,
) -> None:
    assert _disagreements(cal) == KNOWN_DISAGREEMENTS


@pytest.fixture(scope="module")
def python_holidays() -> HolidayBase:
    # One year either side, as the library reads them (make-up days cross New Year).
    years = range(FIRST.year - 1, LAST.year + 2)
    return China(years=years)  # type: ignore[no-untyped-call]


@pytest.mark.parametrize("day", sorted(KNOWN_DISAGREEMENTS), ids=str)
def test_each_disagreement_follows_python_holidays(
    cal: WorkingCalendar, python_holidays: HolidayBase, day: date
) -> None:
    assert cal.is_working_day(day) is python_holidays.is_working_day(day)
    assert KNOWN_DISAGREEMENTS[day].startswith(
        f"{_OURS}: {'working day' if cal.is_working_day(day) else 'day off'};"
    )


def test_every_day_agrees_with_python_holidays(
    cal: WorkingCalendar, python_holidays: HolidayBase
) -> None:
    day = FIRST
    while day <= LAST:
        assert cal.is_working_day(day) is python_holidays.is_working_day(day), day
        day += timedelta(days=1)
