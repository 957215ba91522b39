"""Shared fixtures: the national calendar is built once per test session."""

from __future__ import annotations

from datetime import date

import pytest

from governance_rules._calendar import WorkingCalendar
from governance_rules._calendar._china import last_published_year

#: The first year whose State Council arrangement the installed data lack:
#: tests of provisional results use it, so a data update does not break them.
FIRST_PROVISIONAL_YEAR = last_published_year() + 1


@pytest.fixture(scope="session")
def cal() -> WorkingCalendar:
    return WorkingCalendar.china()


def d(text: str) -> date:
    """``d("2026-10-01")`` → ``date(2026, 10, 1)``: keeps boundary tables readable."""
    return date.fromisoformat(text)


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's default language follows the locale: tests run in English unless they say."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
