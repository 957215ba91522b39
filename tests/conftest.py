"""Shared fixtures: the national calendar is built once per test session."""

from __future__ import annotations

from datetime import date

import pytest

from governance_rules.calendar import WorkingCalendar


@pytest.fixture(scope="session")
def cal() -> WorkingCalendar:
    return WorkingCalendar.china()


def d(text: str) -> date:
    """``d("2026-10-01")`` → ``date(2026, 10, 1)``: keeps boundary tables readable."""
    return date.fromisoformat(text)
