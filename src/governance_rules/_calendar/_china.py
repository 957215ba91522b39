"""National holiday data for mainland China, read from python-holidays.

python-holidays carries each year's State Council arrangement: the days off
(including days moved by 调休) and ``weekend_workdays``, the Saturdays and
Sundays that become working days. A make-up working day can be declared in the
notice of the *next* year (e.g. a late-December Saturday for New Year), so the
data are always read one year beyond the requested range.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

__all__ = ["FIRST_PUBLISHED_YEAR", "NationalData", "last_published_year", "national_data"]

logger = logging.getLogger(__name__)

#: python-holidays documents its China data as checked against the State
#: Council notices from 2001 on; earlier years are reconstructed from the law.
FIRST_PUBLISHED_YEAR = 2001

# Fallback used only if python-holidays changes its internals; the last year
# whose State Council notice this library was tested against.
_KNOWN_LAST_PUBLISHED_YEAR = 2026


@dataclass(frozen=True)
class NationalData:
    """Days off and make-up working days, in English and Chinese, for a range of years."""

    holidays_en: dict[date, str]
    holidays_zh: dict[date, str]
    makeup_workdays: frozenset[date]


_US_DATE = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")


def _iso_dates(name: str) -> str:
    """Dates inside a holiday name written ISO-style, as every date this library prints.

    python-holidays' English names of moved days off carry US dates.

    >>> _iso_dates("Day off (substituted from 09/20/2026)")
    'Day off (substituted from 2026-09-20)'
    """
    return _US_DATE.sub(r"\3-\1-\2", name)


@cache
def last_published_year() -> int:
    """The last year for which python-holidays has the State Council notice (调休 data).

    Years after it are computed from the statutory rules alone (the lunar dates
    are exact, the 调休 arrangement is unknown) and are *provisional*.

    >>> last_published_year() >= 2026
    True
    """
    try:
        from holidays.countries.china import ChinaStaticHolidays  # noqa: PLC0415

        return max(ChinaStaticHolidays.special_public_holidays)
    except (ImportError, AttributeError, ValueError):  # pragma: no cover - defensive
        logger.warning("cannot read python-holidays' China notices; assuming 2026 is the last")
        return _KNOWN_LAST_PUBLISHED_YEAR


@cache
def national_data(first_year: int, last_year: int) -> NationalData:
    """Read the national days off and make-up working days for ``first_year..last_year``."""
    # python-holidays' countries package imports every country (about half a second), so
    # it is imported when a calendar is first built, not when the library is
    from holidays.countries.china import China  # noqa: PLC0415

    years = range(first_year - 1, last_year + 2)
    english = China(years=years, language="en_US")  # type: ignore[no-untyped-call]
    chinese = China(years=years, language="zh_CN")  # type: ignore[no-untyped-call]

    def keep(d: date) -> bool:
        return first_year <= d.year <= last_year

    return NationalData(
        holidays_en={d: _iso_dates(name) for d, name in english.items() if keep(d)},
        holidays_zh={d: name for d, name in chinese.items() if keep(d)},
        makeup_workdays=frozenset(d for d in english.weekend_workdays if keep(d)),
    )
