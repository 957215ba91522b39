"""Shared fixtures: the national calendar is built once per test session."""

from __future__ import annotations

from datetime import date

import pytest

from governance_rules.calendar import WorkingCalendar
from governance_rules.calendar._china import last_published_year

#: The first year whose State Council arrangement the installed data lack:
#: tests of provisional results use it, so a data update does not break them.
FIRST_PROVISIONAL_YEAR = last_published_year() + 1


@pytest.fixture(scope="session")
def cal() -> WorkingCalendar:
    return WorkingCalendar.china()


def d(text: str) -> date:
    """``d("2026-10-01")`` → ``date(2026, 10, 1)``: keeps boundary tables readable."""
    return date.fromisoformat(text)
