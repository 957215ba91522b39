"""Exact numbers from text (areas, scores, rates), bounded before any arithmetic.

``Fraction("1e30000000")`` builds a thirty-million-digit integer, and a
5,000-digit numerator is slow to compare and print; inputs that size are never
an area or a score. :func:`exact` refuses them by their length and exponent first.
"""

from __future__ import annotations

import re
from fractions import Fraction

from governance_rules.errors import GovernanceRulesError

__all__ = ["MAX_EXPONENT", "MAX_NUMBER_CHARS", "decimal_text", "exact", "shown", "whole"]

MAX_NUMBER_CHARS = 40
"""The longest number read, sign, point and exponent included."""

MAX_EXPONENT = 40
"""The largest exponent magnitude read (``1e40``)."""

_EXPONENT = re.compile(r"[eE]([+-]?\d+)")


def exact(text: str) -> Fraction:
    """The exact value of a decimal (``89.57``, ``1.5e3``) or a fraction (``43/50``).

    Raises:
        ValueError: Not a finite number, or longer than :data:`MAX_NUMBER_CHARS`,
            or with an exponent beyond :data:`MAX_EXPONENT`; the message says which.

    >>> exact("89.57")
    Fraction(8957, 100)
    >>> exact("1e30000000")
    Traceback (most recent call last):
    ...
    ValueError: an exponent beyond ±40
    """
    value = text.strip()
    if len(value) > MAX_NUMBER_CHARS:
        raise ValueError(f"a number longer than {MAX_NUMBER_CHARS} characters")
    match = _EXPONENT.search(value)
    if match is not None and abs(int(match.group(1))) > MAX_EXPONENT:
        raise ValueError(f"an exponent beyond ±{MAX_EXPONENT}")
    try:
        return Fraction(value)
    except ZeroDivisionError:
        raise ValueError("a fraction with denominator 0") from None
    except ValueError:
        raise ValueError("not a finite decimal or fraction") from None


def decimal_text(value: Fraction, places: int = 0, most: int | None = None) -> str | None:
    """``value`` written out exactly as a decimal with at least ``places`` decimals
    (nothing rounded, no exponent), or ``None`` if it has no such form within ``most``
    decimals (``1/3`` has none at all).

    >>> decimal_text(Fraction("7368520.72")), decimal_text(Fraction(169, 2), 2)
    ('7368520.72', '84.50')
    >>> decimal_text(Fraction(-1, 8)), decimal_text(Fraction(1, 3))
    ('-0.125', None)
    >>> decimal_text(Fraction(1, 128), most=6) is None  # 0.0078125: seven decimals
    True
    """
    rest, twos, fives = value.denominator, 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    digits = max(places, twos, fives)
    if rest != 1 or (most is not None and digits > most):
        return None
    text = str(abs(value.numerator) * 10**digits // value.denominator).rjust(digits + 1, "0")
    sign = "-" if value < 0 else ""
    cut = len(text) - digits
    return f"{sign}{text[:cut]}.{text[cut:]}" if digits else f"{sign}{text}"


def shown(value: object, limit: int = MAX_NUMBER_CHARS) -> object:
    """``value`` for an error message: long text cut to ``limit`` characters and ``…``."""
    if isinstance(value, str) and len(value) > limit:
        return value[:limit] + "…"
    return value


def whole(
    where: str,
    value: object,
    low: int,
    high: int,
    *,
    what: str = "out of range",
    error: type[GovernanceRulesError] = GovernanceRulesError,
) -> int:
    """``value`` if it is a whole number (not a bool) from ``low`` to ``high``: the check
    of a count, a seed or a size a caller gives (the kit's, the simulator's).

    >>> whole("examples", 5, 0, 100)
    5
    >>> whole("examples", True, 0, 100)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    governance_rules.errors.GovernanceRulesError: examples: out of range (got True); ...

    Raises:
        GovernanceRulesError: (or ``error``) It is not.
    """
    if type(value) is not int or not low <= value <= high:
        raise error(
            what, where=where, got=value, allowed=f"a whole number from {low:,} to {high:,}"
        )
    return value
