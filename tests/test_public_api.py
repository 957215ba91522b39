"""The public API: ``__all__`` is sorted, complete and importable."""

from __future__ import annotations

import importlib

import pytest

import governance_rules


def _isort_style(name: str) -> tuple[int, str]:
    """The order ruff (RUF022) keeps ``__all__`` in: CONSTANTS, Classes, functions."""
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


PACKAGES = [
    "governance_rules",
    "governance_rules.calendar",
    "governance_rules.charter",
    "governance_rules.errors",
]


@pytest.mark.parametrize("name", PACKAGES)
def test_all_is_sorted_and_importable(name: str) -> None:
    module = importlib.import_module(name)
    assert list(module.__all__) == sorted(module.__all__, key=_isort_style)
    for symbol in module.__all__:
        assert hasattr(module, symbol), f"{name}.{symbol}"


def test_every_public_error_derives_from_the_base() -> None:
    from governance_rules import errors  # noqa: PLC0415

    classes = [getattr(errors, symbol) for symbol in errors.__all__]
    exceptions = [c for c in classes if issubclass(c, BaseException)]
    assert set(classes) - set(exceptions) == {errors.CharterProblem}  # a record, not an error
    for cls in exceptions:
        assert issubclass(cls, governance_rules.GovernanceRulesError)


def test_top_level_reexports_the_calendar() -> None:
    from governance_rules import calendar  # noqa: PLC0415

    for symbol in ("Period", "WorkingCalendar", "Deadline", "CalendarOverrides", "Window"):
        assert getattr(governance_rules, symbol) is getattr(calendar, symbol)
