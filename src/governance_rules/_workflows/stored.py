"""Is a stored stream one this library could have written? Checked before it is replayed.

A database row can be edited by hand or written by an older version: a field of the
wrong type, a state or category the charter does not have, a key that is missing. The
engine replays a stream only if every event has the shape the engine writes
(:func:`event_problem`) and the state it folds to fits the compiled workflow
(:func:`instance_problem`); otherwise the stream is reported, never half-used. A
problem names the event's fields, never their values (they may hold residents' text).

>>> from governance_rules._workflows.issues import IssueData
>>> event_problem(IssueData, {"to": "reported", "on": "2026-03-02",
...                           "changes": {"reporter": "residents", "level": "zero"}})
'changes.level is not a whole number'
>>> event_problem(IssueData, {"to": "reported", "on": "2026-03-02", "changes": {}}) is None
True
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from datetime import date
from functools import cache
from typing import Any

from governance_rules._workflows.appraisal import AppraisalData
from governance_rules._workflows.core import Context, Instance, Workflow
from governance_rules._workflows.issues import IssueData
from governance_rules._workflows.meeting_rules import MeetingData
from governance_rules._workflows.terms import TermData
from governance_rules.errors import GovernanceRulesError

__all__ = ["DATA_TYPES", "event_problem", "instance_problem"]

#: Each workflow kind's data (what its events' ``changes`` fill in).
DATA_TYPES: dict[str, type] = {
    "appraisal": AppraisalData,
    "issue": IssueData,
    "meeting": MeetingData,
    "term": TermData,
}


def _day(value: object) -> bool:
    if type(value) is date:
        return True
    if type(value) is not str:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


@cache
def _hints(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


@cache
def _required(cls: type) -> frozenset[str]:
    missing = dataclasses.MISSING
    return frozenset(
        f.name
        for f in dataclasses.fields(cls)
        if f.default is missing and f.default_factory is missing
    )


_WORDS = {str: "text", int: "a whole number", bool: "true or false"}


def _name(hint: Any) -> str:
    if hint is type(None):
        return "null"
    if hint is date:
        return "a date"
    if hint in _WORDS:
        return _WORDS[hint]
    return getattr(hint, "__name__", None) or str(hint).replace("typing.", "")


def _at(where: str, why: str) -> str:
    """``why`` said of ``where`` (a field, or an item ``[0]`` of one)."""
    return where + why if why[0] in "[." else f"{where} {why}"


@cache
def _plain(hint: Any) -> tuple[frozenset[type], bool]:
    """The types ``hint`` accepts as they are, and whether it takes a date (ISO text)."""
    if hint in (str, int, bool, date, type(None)):
        return frozenset({hint}), hint is date
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        found = [_plain(a) for a in typing.get_args(hint)]
        return frozenset().union(*(f[0] for f in found)), any(f[1] for f in found)
    return frozenset(), False


def _misfit(value: Any, hint: Any, depth: int = 0) -> str | None:
    """Why ``value`` (a Python value or its JSON form) is not of type ``hint``."""
    plain, takes_date = _plain(hint)
    if type(value) in plain or (takes_date and type(value) is str and _day(value)):
        return None  # the common case, decided at once
    if depth > 8:
        return "nests too deep"
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is date:
        return None if _day(value) else "is not a date"
    if hint in (str, int, bool):  # exactly: a bool is no count, a number no text
        return None if type(value) is hint else f"is not {_name(hint)}"
    if hint is type(None):
        return None if value is None else "is not null"
    if origin in (types.UnionType, typing.Union):
        if any(_misfit(value, a, depth + 1) is None for a in args):
            return None
        return f"is not {' or '.join(_name(a) for a in args)}"
    if origin is tuple:
        if type(value) not in (list, tuple):
            return "is not a list"
        items = [args[0]] * len(value) if len(args) == 2 and args[1] is Ellipsis else list(args)
        if len(items) != len(value):
            return f"does not hold {len(items)} items"
        for index, (item, item_hint) in enumerate(zip(value, items, strict=True)):
            why = _misfit(item, item_hint, depth + 1)
            if why is not None:
                return _at(f"[{index}]", why)
        return None
    if origin in (dict, Mapping):
        if not isinstance(value, Mapping):
            return "is not a mapping"
        for key, item in value.items():
            if type(key) is not str:
                return "has a key that is not text"
            why = _misfit(item, args[1], depth + 1) if len(args) == 2 else None
            if why is not None:
                return _at(f"[{key[:40]!r}]", why)
        return None
    if dataclasses.is_dataclass(hint):
        if isinstance(value, hint):  # type: ignore[arg-type]
            return None
        if not isinstance(value, Mapping):
            return "is not a mapping"
        return _record_misfit(hint, value, depth + 1)  # type: ignore[arg-type]
    return None  # a type the engine does not store: decoding decides


def _record_misfit(
    cls: type, values: Mapping[Any, Any], depth: int, *, partial: bool = False
) -> str | None:
    hints = _hints(cls)
    for key, value in values.items():
        if key not in hints:
            return f"has an unknown field {str(key)[:40]!r}"
        why = _misfit(value, hints[key], depth)
        if why is not None:
            return _at(f".{key}", why)
    if not partial:
        missing = sorted(_required(cls) - set(values))
        if missing:
            return f"lacks {', '.join(missing)}"
    return None


def event_problem(
    data_type: type, payload: Mapping[str, Any], *, first: bool = False
) -> str | None:
    """Why ``payload`` is not an event the engine writes for data of ``data_type``.

    Args:
        data_type: The workflow's data dataclass.
        payload: The stored event's payload (Python values or their JSON form).
        first: Whether this is the stream's first event (which records its kind and
            the day whose rules it follows, and holds every required field).
    """
    if type(payload.get("to")) is not str:
        return "to is not text"
    if not _day(payload.get("on")):
        return "on is not a date"
    args = payload.get("args", {})
    if not isinstance(args, Mapping):
        return "args is not a mapping"
    changes = payload.get("changes", {})
    if not isinstance(changes, Mapping):
        return "changes is not a mapping"
    if first:
        if "as_of" in payload and not _day(payload["as_of"]):
            return "as_of is not a date"
        if "kind" in payload and type(payload["kind"]) is not str:
            return "kind is not text"
    elif "as_of" in changes:
        if not _day(changes["as_of"]):
            return "changes.as_of is not a date"
        changes = {k: v for k, v in changes.items() if k != "as_of"}
    why = _record_misfit(data_type, changes, 0, partial=not first)
    return None if why is None else _at("changes", why)


def instance_problem(workflow: Workflow, instance: Instance, ctx: Context) -> str | None:
    """Why a replayed ``instance`` does not fit ``workflow`` (its state, its charter's
    categories, levels, kinds and steps, its deadlines), or ``None``."""
    if instance.state == workflow.initial or instance.state not in workflow.states:
        return f"the {instance.kind} workflow has no state {instance.state[:100]!r}"
    as_of = f"the charter as of {instance.as_of.isoformat()}"
    try:
        problem = workflow.migration_problem(instance)
        if problem is None:
            workflow.responsible(instance)
            workflow.timers(instance, ctx)
    except (GovernanceRulesError, LookupError, TypeError, ValueError, AttributeError) as exc:
        return f"its data do not fit {as_of} ({type(exc).__name__})"
    return None if problem is None else f"it does not fit {as_of}: {problem}"
