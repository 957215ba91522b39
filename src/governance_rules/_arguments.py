"""Checks of the arguments an app passes to the decision and appraisal functions
(one module both use, so neither imports the other's internals).

A wrong type (``None``, a ``dict`` for a list, a ``str`` for a :class:`Choice`)
is refused at the entry point with the library's own error, saying what was
expected and what was given, instead of an ``AttributeError`` from deep inside
or, worse, a silent miscount.

>>> from governance_rules.errors import BallotError
>>> instance(None, dict, "seats", "a mapping of body to seats", BallotError)
Traceback (most recent call last):
...
governance_rules.errors.BallotError: seats: wrong type (got 'NoneType'); allowed: a mapping of \
body to seats
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from governance_rules.errors import GovernanceRulesError

__all__ = ["MAX_SEATS", "instance", "items", "path", "text"]

T = TypeVar("T")

MAX_SEATS = 10_000_000
"""The most members a voting body may have: more than any community's residents."""


def instance(
    value: Any, kind: type[T] | tuple[type, ...], where: str, allowed: str,
    error: type[GovernanceRulesError],
) -> T:  # fmt: skip
    """``value`` if it is a ``kind`` (a ``bool`` is never an ``int`` here)."""
    if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise error("wrong type", where=where, got=type(value).__name__, allowed=allowed)
    if not isinstance(value, kind):
        raise error("wrong type", where=where, got=type(value).__name__, allowed=allowed)
    return value  # type: ignore[return-value]


def items(
    value: Any, where: str, allowed: str, error: type[GovernanceRulesError], *, keys: bool = False
) -> list[Any]:
    """The items of a list-like ``value``; text is refused, not iterated, and so is a
    mapping unless its ``keys`` are the items (the bodies of ``matter_rule(...).voters``)."""
    if keys and isinstance(value, Mapping):
        return list(value)
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise error("wrong type", where=where, got=type(value).__name__, allowed=allowed)
    return list(value)


def text(value: Any, where: str, error: type[GovernanceRulesError]) -> str:
    """``value`` if it is text (a name: a body, a voter, a subject, an item)."""
    return instance(value, str, where, "text", error)


def path(value: Any, where: str, error: type[GovernanceRulesError]) -> Path:
    """A file argument: text or a path-like object."""
    if isinstance(value, os.PathLike) and not isinstance(value, Path):
        value = os.fspath(value)
    if not isinstance(value, str | Path) or isinstance(value, bytes):
        raise error(
            "not a file path", where=where, got=type(value).__name__, allowed="a str or a Path"
        )
    return Path(value)
