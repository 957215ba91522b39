"""Periods: "3 working days", "15 days", "一周", "两个月" as exact values.

A :class:`Period` is an amount and a unit. It is parsed from charter text in
English or Chinese, or from structured YAML/JSON, and turned into a due date by
:meth:`governance_rules._calendar.WorkingCalendar.due`.

>>> Period.parse("3个工作日")
Period(amount=3, unit=<PeriodUnit.WORKING_DAYS: 'working_days'>)
>>> str(Period.parse("十五日"))
'15 days'
>>> Period.parse("两个月").zh
'2个月'
>>> Period.from_value({"amount": 1, "unit": "weeks"}) == Period.parse("一周")
True
"""

from __future__ import annotations

import enum
import operator
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from governance_rules.errors import PeriodError

__all__ = ["MAX_AMOUNT", "Period", "PeriodUnit"]


class PeriodUnit(enum.Enum):
    """The unit of a :class:`Period`."""

    WORKING_DAYS = "working_days"
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"

    @property
    def is_working(self) -> bool:
        """True for working days, which skip rest days and holidays as they count."""
        return self is PeriodUnit.WORKING_DAYS


_EN_NAMES: dict[PeriodUnit, tuple[str, str]] = {
    PeriodUnit.WORKING_DAYS: ("working day", "working days"),
    PeriodUnit.DAYS: ("day", "days"),
    PeriodUnit.WEEKS: ("week", "weeks"),
    PeriodUnit.MONTHS: ("month", "months"),
    PeriodUnit.YEARS: ("year", "years"),
}
_ZH_NAMES: dict[PeriodUnit, str] = {
    PeriodUnit.WORKING_DAYS: "个工作日",
    PeriodUnit.DAYS: "日",
    PeriodUnit.WEEKS: "周",
    PeriodUnit.MONTHS: "个月",
    PeriodUnit.YEARS: "年",
}

_EN_UNITS: dict[str, PeriodUnit] = {
    "working day": PeriodUnit.WORKING_DAYS,
    "work day": PeriodUnit.WORKING_DAYS,
    "workday": PeriodUnit.WORKING_DAYS,
    "business day": PeriodUnit.WORKING_DAYS,
    "day": PeriodUnit.DAYS,
    "calendar day": PeriodUnit.DAYS,
    "week": PeriodUnit.WEEKS,
    "month": PeriodUnit.MONTHS,
    "year": PeriodUnit.YEARS,
}
_ZH_UNITS: dict[str, PeriodUnit] = {
    "工作日": PeriodUnit.WORKING_DAYS,
    "个工作日": PeriodUnit.WORKING_DAYS,
    "日": PeriodUnit.DAYS,
    "天": PeriodUnit.DAYS,
    "自然日": PeriodUnit.DAYS,
    "个自然日": PeriodUnit.DAYS,
    "周": PeriodUnit.WEEKS,
    "个周": PeriodUnit.WEEKS,
    "星期": PeriodUnit.WEEKS,
    "个星期": PeriodUnit.WEEKS,
    "月": PeriodUnit.MONTHS,
    "个月": PeriodUnit.MONTHS,
    "年": PeriodUnit.YEARS,
}
_ALLOWED_UNITS = "working days, days, weeks, months, years (or 工作日, 日/天, 周/星期, 个月, 年)"
_ALLOWED_TEXT = (
    "'<n> <unit>' such as '3 working days', '15 days', '1 week', '2 months', "
    "or Chinese such as '3个工作日', '十五日', '三天', '一周', '两个月'"
)

_EN_RE = re.compile(r"^(?:within\s+)?(?P<n>[+-]?\d+)\s*(?P<unit>[a-z][a-z -]*?)s?$")
_ZH_DIGITS = "零〇一二两三四五六七八九十百千"
_ZH_RE = re.compile(
    rf"^(?:提前|在)?(?P<n>[+-]?[0-9０-９]+|[{_ZH_DIGITS}]+)\s*(?P<unit>[^\s0-9{_ZH_DIGITS}]+?)"
    r"(?:内|以内|之内)?$"
)
_ZH_VALUES = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
_ZH_VALUES["九"] = 9
# 千 / 百 / 十 groups in order, with one 零 for a skipped place: 一千零五, 一百一十五, 十五
_ZH_NUMBER_RE = re.compile(
    r"^(?:(?P<k>[一二两三四五六七八九])千)?(?P<z1>零)?"
    r"(?:(?P<h>[一二两三四五六七八九])百)?(?P<z2>零)?"
    r"(?:(?P<t>[一二三四五六七八九])?(?P<ten>十))?(?P<u>[一二三四五六七八九])?$"
)
#: The largest amount a period may have; larger ones are refused as input errors.
MAX_AMOUNT = 99_999
_ALLOWED_AMOUNT = f"a whole number from 0 to {MAX_AMOUNT}"
_ALLOWED_ZH_NUMBER = (
    "a Chinese numeral below 10000 written in full, such as 三, 十五, 二十, 一百零五, "
    "一百一十, 两千, or Arabic digits"
)


def _zh_number(text: str) -> int | None:
    """Read a Chinese or Arabic numeral: '十五' → 15, '两' → 2, '一百零五' → 105.

    Chinese numerals must be written in full, place by place, with one 零 for
    skipped places: '一百零五' and '一千零五十' are read, colloquial or malformed
    forms ('一百五', '百千', '十十', '一二三') are refused (``None``), as are
    numbers of 10000 or more. Arabic numerals longer than the largest allowed
    amount are refused too. The numerals in charter periods stay small; a full
    converter (e.g. cn2an) costs ~170 ms of import time for this one job.

    >>> [_zh_number(s) for s in ("三", "十", "十五", "二十", "两", "一百零五", "一百一十", "12")]
    [3, 10, 15, 20, 2, 105, 110, 12]
    >>> [_zh_number(s) for s in ("十十", "百千", "一二三", "一百五", "零五")]
    [None, None, None, None, None]
    """
    digits = text.lstrip("+-")
    if digits.isdigit():
        if len(digits.lstrip("0０")) > len(str(MAX_AMOUNT)):
            return None
        return int(text)
    text = text.replace("〇", "零")
    if text in ("零", "两"):
        return 0 if text == "零" else 2
    match = _ZH_NUMBER_RE.match(text)
    if match is None or not text:
        return None
    k, h, t, u = (match[g] for g in ("k", "h", "t", "u"))
    tens = match["ten"] is not None
    z1_needed = k is not None and h is None and (tens or u is not None)
    z2_needed = h is not None and not tens and u is not None
    if bool(match["z1"]) != z1_needed or bool(match["z2"]) != z2_needed:
        return None
    if tens and t is None and (k or h):  # a bare 十 only opens a number: 十五, not 一百十
        return None
    value = 0
    for digit, place in ((k, 1000), (h, 100), (t, 10), (u, 1)):
        if digit is not None:
            value += _ZH_VALUES[digit] * place
    if tens and t is None:
        value += 10
    return value


def _amount(numeral: str, text: str) -> int:
    amount = _zh_number(numeral)
    if amount is None:
        digits = numeral.lstrip("+-").isdigit()
        raise PeriodError(
            "the amount is too large" if digits else "not a well-formed Chinese numeral",
            where="period",
            got=_short(text),
            allowed=_ALLOWED_AMOUNT if digits else _ALLOWED_ZH_NUMBER,
        )
    return amount


def _short(value: object, limit: int = 60) -> object:
    """``value``, or a shortened stand-in for an error message if it is huge."""
    if isinstance(value, int) and value.bit_length() > 4 * limit:
        return f"<a number of about {int(value.bit_length() * 0.30103)} digits>"
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]}… ({len(value)} characters)"
    return value


@dataclass(frozen=True, slots=True)
class Period:
    """An amount of time in one unit: ``Period(3, PeriodUnit.WORKING_DAYS)``.

    Args:
        amount: A whole number, zero or more.
        unit: The unit.

    Raises:
        PeriodError: If ``amount`` is negative or not a whole number.
    """

    amount: int
    unit: PeriodUnit

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise PeriodError(
                "the amount must be a whole number", where="period.amount", got=self.amount
            )
        if self.amount < 0:
            raise PeriodError(
                "a period cannot be negative",
                where="period.amount",
                got=self.amount,
                allowed="0 or more; count backwards with WorkingCalendar.latest_before()",
            )
        if self.amount > MAX_AMOUNT:
            raise PeriodError(
                "the amount is too large",
                where="period.amount",
                got=_short(self.amount),
                allowed=_ALLOWED_AMOUNT,
            )
        if not isinstance(self.unit, PeriodUnit):  # 'days' is a unit's value, not a unit
            raise PeriodError(
                "unknown unit: expected a PeriodUnit",
                where="period.unit",
                got=self.unit,
                allowed="PeriodUnit.WORKING_DAYS, DAYS, WEEKS, MONTHS or YEARS; "
                "Period.from_value() reads units by their values",
            )

    # -- construction -----------------------------------------------------------------
    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse a period written in English or Chinese.

        Args:
            text: e.g. ``"3 working days"``, ``"within 15 days"``, ``"1 week"``,
                ``"3个工作日"``, ``"十五日"``, ``"三天内"``, ``"提前一周"``, ``"两个月"``.

        Returns:
            The period.

        Raises:
            PeriodError: If the text is not a period, names an unknown unit or is negative.

        >>> Period.parse("within 15 days")
        Period(amount=15, unit=<PeriodUnit.DAYS: 'days'>)
        >>> Period.parse("3 fortnights")
        Traceback (most recent call last):
        ...
        governance_rules.errors.PeriodError: period: unknown unit 'fortnight' (got '3 fortnights'); allowed: working days, days, weeks, months, years (or 工作日, 日/天, 周/星期, 个月, 年)
        """  # noqa: E501
        if not isinstance(text, str):
            raise PeriodError(
                "expected text", where="period", got=_short(text), allowed=_ALLOWED_TEXT
            )
        cleaned = re.sub(r"(?<=[a-z])[-_](?=[a-z])", " ", text.strip().lower())
        cleaned = " ".join(cleaned.split())
        if match := _EN_RE.match(cleaned):
            unit_text = match["unit"].strip()
            unit = _EN_UNITS.get(unit_text)
            if unit is None:
                raise PeriodError(
                    f"unknown unit {_short(unit_text)!r}",
                    where="period",
                    got=_short(text),
                    allowed=_ALLOWED_UNITS,
                )
            return cls._checked(_amount(match["n"], text), unit, text)
        compact = cleaned.replace(" ", "")
        if match := _ZH_RE.match(compact):
            unit = _ZH_UNITS.get(match["unit"])
            if unit is None:
                raise PeriodError(
                    f"unknown unit {_short(match['unit'])!r}",
                    where="period",
                    got=_short(text),
                    allowed=_ALLOWED_UNITS,
                )
            return cls._checked(_amount(match["n"], text), unit, text)
        raise PeriodError("not a period", where="period", got=_short(text), allowed=_ALLOWED_TEXT)

    @classmethod
    def _checked(cls, amount: int, unit: PeriodUnit, text: str) -> Period:
        if amount > MAX_AMOUNT:
            raise PeriodError(
                "the amount is too large",
                where="period",
                got=_short(text),
                allowed=_ALLOWED_AMOUNT,
            )
        if amount < 0:
            raise PeriodError(
                "a period cannot be negative",
                where="period",
                got=_short(text),
                allowed="0 or more; count backwards with WorkingCalendar.latest_before()",
            )
        return cls(amount, unit)

    @classmethod
    def from_value(cls, value: object) -> Period:
        """Build a period from text, a mapping ``{amount, unit}`` or a Period.

        This is what YAML and JSON documents give: ``"3 working days"`` or
        ``{"amount": 3, "unit": "working_days"}``.

        Raises:
            PeriodError: If the value is none of these, or invalid.
        """
        if isinstance(value, Period):
            return value
        if isinstance(value, str):
            return cls.parse(value)
        if isinstance(value, Mapping):
            return cls._from_mapping(value)
        raise PeriodError(
            "expected text or a mapping with 'amount' and 'unit'",
            where="period",
            got=value,
            allowed=_ALLOWED_TEXT,
        )

    @classmethod
    def _from_mapping(cls, value: Mapping[Any, Any]) -> Period:
        extra = set(value) - {"amount", "unit"}
        if extra or "amount" not in value or "unit" not in value:
            raise PeriodError(
                "a period mapping needs exactly the keys 'amount' and 'unit'",
                where="period",
                got=dict(value),
            )
        try:
            unit = PeriodUnit(value["unit"])
        except ValueError:
            raise PeriodError(
                "unknown unit",
                where="period.unit",
                got=value["unit"],
                allowed=", ".join(u.value for u in PeriodUnit),
            ) from None
        amount = value["amount"]
        if isinstance(amount, bool):
            raise PeriodError(
                "the amount must be a whole number", where="period.amount", got=amount
            )
        try:
            whole = operator.index(amount)
        except TypeError:
            raise PeriodError(
                "the amount must be a whole number", where="period.amount", got=amount
            ) from None
        return cls(whole, unit)

    # -- presentation -----------------------------------------------------------------
    def __str__(self) -> str:
        singular, plural = _EN_NAMES[self.unit]
        return f"{self.amount} {singular if self.amount == 1 else plural}"

    @property
    def zh(self) -> str:
        """The period written in Chinese, e.g. ``'3个工作日'``."""
        return f"{self.amount}{_ZH_NAMES[self.unit]}"

    def to_dict(self) -> dict[str, int | str]:
        """The structured form used in YAML and JSON: ``{"amount": 3, "unit": "working_days"}``."""
        return {"amount": self.amount, "unit": self.unit.value}

    # -- arithmetic for calendar units ---------------------------------------------------
    @property
    def delta(self) -> timedelta | relativedelta:
        """The calendar offset of a calendar-day period (not defined for working days).

        Raises:
            PeriodError: For a working-day period, whose length depends on the calendar.
        """
        match self.unit:
            case PeriodUnit.DAYS:
                return timedelta(days=self.amount)
            case PeriodUnit.WEEKS:
                return timedelta(weeks=self.amount)
            case PeriodUnit.MONTHS:
                return relativedelta(months=self.amount)
            case PeriodUnit.YEARS:
                return relativedelta(years=self.amount)
        raise PeriodError(
            "a working-day period has no fixed calendar length",
            where="period",
            got=str(self),
            allowed="days, weeks, months or years",
        )
