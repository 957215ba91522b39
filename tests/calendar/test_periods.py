"""Periods from English, Chinese and structured input; every refusal is a PeriodError."""

from __future__ import annotations

import pytest

from governance_rules._calendar import Period, PeriodUnit
from governance_rules.errors import CalendarError, PeriodError

W, D, WK, M, Y = (
    PeriodUnit.WORKING_DAYS,
    PeriodUnit.DAYS,
    PeriodUnit.WEEKS,
    PeriodUnit.MONTHS,
    PeriodUnit.YEARS,
)


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("3 working days", 3, W),
        ("1 working day", 1, W),
        ("3 workdays", 3, W),
        ("3 business days", 3, W),
        ("3 Working-Days", 3, W),
        ("3 working_days", 3, W),
        ("15 days", 15, D),
        ("within 15 days", 15, D),
        ("15 calendar days", 15, D),
        ("0 days", 0, D),
        ("1 week", 1, WK),
        ("2 weeks", 2, WK),
        ("2 months", 2, M),
        ("1 year", 1, Y),
        ("3个工作日", 3, W),
        ("三个工作日", 3, W),
        ("3 个工作日", 3, W),
        ("十五日", 15, D),
        ("15日", 15, D),
        ("三天", 3, D),
        ("三天内", 3, D),
        ("三日以内", 3, D),
        ("七个自然日", 7, D),
        ("一周", 1, WK),
        ("提前一周", 1, WK),
        ("一星期", 1, WK),
        ("两个月", 2, M),
        ("二十日", 20, D),
        ("两年", 2, Y),
        ("３０日", 30, D),
    ],
)
def test_parse(text: str, amount: int, unit: PeriodUnit) -> None:
    assert Period.parse(text) == Period(amount, unit)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("3 fortnights", "unknown unit 'fortnight'"),
        ("三个季度", "unknown unit"),
        ("-3 days", "cannot be negative"),
        ("soon", "not a period"),
        ("及时", "not a period"),
        ("", "not a period"),
        ("3", "not a period"),
        ("days 3", "not a period"),
    ],
)
def test_parse_refusals(text: str, fragment: str) -> None:
    with pytest.raises(PeriodError, match=fragment) as info:
        Period.parse(text)
    assert info.value.got == text
    assert isinstance(info.value, CalendarError)
    assert isinstance(info.value, ValueError)


def test_parse_refuses_non_text() -> None:
    with pytest.raises(PeriodError, match="expected text"):
        Period.parse(3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    [
        {"amount": 3, "unit": "working_days"},
        "3 working days",
        "3个工作日",
        Period(3, W),
    ],
)
def test_from_value(value: object) -> None:
    assert Period.from_value(value) == Period(3, W)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ({"amount": 3}, "exactly the keys"),
        ({"amount": 3, "unit": "fortnights"}, "unknown unit"),
        ({"amount": 1.5, "unit": "days"}, "whole number"),
        ({"amount": True, "unit": "days"}, "whole number"),
        ({"amount": -1, "unit": "days"}, "cannot be negative"),
        ({"amount": 1, "unit": "days", "x": 1}, "exactly the keys"),
        (3, "expected text or a mapping"),
        (None, "expected text or a mapping"),
    ],
)
def test_from_value_refusals(value: object, fragment: str) -> None:
    with pytest.raises(PeriodError, match=fragment):
        Period.from_value(value)


def test_constructor_checks() -> None:
    with pytest.raises(PeriodError, match="negative"):
        Period(-1, D)
    with pytest.raises(PeriodError, match="whole number"):
        Period(1.0, D)  # type: ignore[arg-type]
    # the value of a unit is not a unit; the message says what is (it read "unknown
    # unit (got 'days')", as if there were no unit called days)
    with pytest.raises(PeriodError, match=r"expected a PeriodUnit .*Period\.from_value"):
        Period(1, "days")  # type: ignore[arg-type]


def test_text_forms() -> None:
    p = Period(3, W)
    assert str(p) == "3 working days"
    assert str(Period(1, WK)) == "1 week"
    assert p.zh == "3个工作日"
    assert p.to_dict() == {"amount": 3, "unit": "working_days"}


def test_delta_is_refused_for_working_days() -> None:
    with pytest.raises(PeriodError, match="no fixed calendar length"):
        _ = Period(3, W).delta


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("十日", 10),
        ("十五日", 15),
        ("二十日", 20),
        ("二十五日", 25),
        ("一百日", 100),
        ("一百零五日", 105),
        ("一百一十日", 110),
        ("一百一十五日", 115),
        ("两百日", 200),
        ("一千零五日", 1005),
        ("一千零五十日", 1050),
        ("一千五百日", 1500),
        ("九千九百九十九日", 9999),
        ("零日", 0),
        ("〇日", 0),
        ("两个月", 2),
        ("99999 days", 99_999),
        ("00003 days", 3),
    ],
)
def test_numerals_written_in_full(text: str, amount: int) -> None:
    assert Period.parse(text).amount == amount


@pytest.mark.parametrize(
    "text",
    [
        "十十十十日",  # a place repeated
        "百千日",  # places out of order, no digits
        "一二三日",  # digits without places
        "一百五日",  # colloquial 150: a skipped place needs 零 or 十
        "一百十日",  # 110 is 一百一十
        "一千五日",
        "一千零零五日",  # one 零 for a gap
        "零五日",
        "一百零日",
        "两十日",  # 两 is not a tens digit
        "二十两日",
        "百日",
        "千日",
    ],
)
def test_malformed_chinese_numerals_are_refused(text: str) -> None:
    with pytest.raises(PeriodError, match="not a well-formed Chinese numeral") as info:
        Period.parse(text)
    assert info.value.allowed is not None
    assert "一百零五" in info.value.allowed


@pytest.mark.parametrize(
    "text", ["100000 days", "999999999 months", "9" * 5000 + " days", "1" + "0" * 5000 + "日"]
)
def test_huge_amounts_are_refused_with_the_allowed_range(text: str) -> None:
    with pytest.raises(PeriodError, match="too large") as info:
        Period.parse(text)
    assert info.value.allowed == "a whole number from 0 to 99999"
    assert len(str(info.value)) < 300  # the offending text is shortened


@pytest.mark.parametrize("amount", [100_000, 10**5000], ids=["100000", "10**5000"])
def test_huge_amounts_are_refused_in_every_form(amount: int) -> None:
    with pytest.raises(PeriodError, match="too large") as info:
        Period(amount, PeriodUnit.DAYS)
    assert len(str(info.value)) < 300
    with pytest.raises(PeriodError, match="too large"):
        Period.from_value({"amount": amount, "unit": "days"})


@pytest.mark.parametrize(
    "text",
    ["3 " + "a " * 100_000, "3" + "天" * 100_000, "一" * 100_000 + "日", " " * 100_000 + "3"],
)
def test_long_text_gives_a_short_message(text: str) -> None:
    with pytest.raises(PeriodError) as info:
        Period.parse(text)
    assert len(str(info.value)) < 400
