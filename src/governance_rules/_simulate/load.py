"""The synthetic load of a simulation: a YAML file validated like a charter.

The bundled default (``default-load.yaml`` beside this module) is documented in
``docs/simulate.md``. A load file states only what it changes: every section it
leaves out keeps the default.

>>> load = read_load()
>>> load.issues.expected_per_year >= 50
True
>>> read_load(text="votes: {support: 0.4}").votes.support
0.4
>>> read_load(text="votes: {support: 1.5}")
Traceback (most recent call last):
...
governance_rules.errors.SimulationLoadError: 1 problem in load file:
  <text>:1:18: votes.support: from 0 to 1 (got 1.5)
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from governance_rules._charter.issues import IssueCategoryKind
from governance_rules._input import UnreadableInput, read_text
from governance_rules._yaml import YamlProblem, load_with_positions
from governance_rules.errors import SimulationLoadError

__all__ = ["DEFAULT_LOAD", "SimulationLoad", "read_load"]

DEFAULT_LOAD = "default-load.yaml"
_KINDS = tuple(k.value for k in IssueCategoryKind)
_Chance = Field(ge=0, le=1)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class IssueLoad(_Section):
    """Issue arrivals and how handlers treat them."""

    per_year: dict[str, float] = Field(default_factory=dict)
    seasonal: list[float] = Field(default_factory=lambda: [1.0] * 12, min_length=12, max_length=12)
    escalate: float = _Chance
    follow_up: float = _Chance

    @field_validator("per_year")
    @classmethod
    def _known_kinds(cls, value: dict[str, float]) -> dict[str, float]:
        for kind, rate in value.items():
            if kind not in _KINDS:
                raise ValueError(f"unknown category kind {kind!r}; allowed: {', '.join(_KINDS)}")
            if not 0 <= rate <= 10_000:
                raise ValueError(f"{kind}: a rate from 0 to 10,000 issues a year (got {rate})")
        return value

    @field_validator("seasonal")
    @classmethod
    def _weights(cls, value: list[float]) -> list[float]:
        if any(not 0 <= w <= 1000 for w in value) or sum(value) <= 0:
            raise ValueError("twelve weights from 0 to 1,000, not all 0")
        return value

    @property
    def expected_per_year(self) -> float:
        """Issues expected per community-year, all kinds together."""
        return sum(self.per_year.values())


class MeetingLoad(_Section):
    """How meetings go."""

    absence: float = _Chance
    plan_ahead: int = Field(ge=0, le=120)
    decisions_per_meeting: int = Field(ge=0, le=50)
    special_per_year: int = Field(ge=0, le=52)


class VoteLoad(_Section):
    """How members vote."""

    support: float = _Chance
    abstain: float = _Chance


class SimulationLoad(_Section):
    """A synthetic community-year of work, the same for every charter compared.

    Read one with :func:`read_load`; see ``docs/simulate.md`` for every field.
    """

    version: int = Field(default=1, ge=1, le=1)
    start_year: int = Field(ge=2000, le=2100)
    issues: IssueLoad
    handling_days: dict[str, float]
    miss_deadline: float = _Chance
    late_by: int = Field(ge=1, le=250)
    meetings: MeetingLoad
    votes: VoteLoad

    @field_validator("handling_days")
    @classmethod
    def _days(cls, value: dict[str, float]) -> dict[str, float]:
        if "default" not in value:
            raise ValueError("needs a 'default' entry (working days for any other body)")
        for body, days in value.items():
            if not 0 <= days <= 250:
                raise ValueError(f"{body}: from 0 to 250 working days (got {days})")
        return value

    def unused_bodies(self, bodies: Iterable[str]) -> list[str]:
        """The bodies ``handling_days`` names beyond the default load's that are not among
        ``bodies``: entries no charter simulated uses (a misspelt body, most likely).

        >>> read_load(text="handling_days: {residents_comittee: 1}").unused_bodies(
        ...     ["residents_committee", "street_office"])
        ['residents_comittee']
        """
        known = set(bodies) | set(_default_data()["handling_days"])
        return [b for b in self.handling_days if b not in known]

    def days_for(self, body: str) -> float:
        """Mean working days ``body`` takes for one step."""
        return self.handling_days.get(body, self.handling_days["default"])


def _default_data() -> dict[str, Any]:
    text = (
        resources.files("governance_rules._simulate")
        .joinpath(DEFAULT_LOAD)
        .read_text(encoding="utf-8")
    )
    data, _ = load_with_positions(text)
    assert isinstance(data, dict)
    return data


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` laid on ``base``: sections merge key by key, other values replace."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict) and key != "per_year":
            merged[key] = _merge(base[key], value)
        else:
            merged[key] = value
    return merged


def read_load(path: str | Path | None = None, *, text: str | None = None) -> SimulationLoad:
    """Read a load file (or ``text``) over the bundled default; no argument: the default.

    ``issues.per_year`` replaces the default's table as a whole (a file that lists
    only ``routine`` simulates only routine issues); other sections merge key by key.

    Raises:
        SimulationLoadError: The file cannot be read, is not YAML, or breaks the
            model; every problem is listed with its ``file:line:column``. So is a
            ``path`` that is not a path (a mapping, say) or a ``text`` that is not text.
    """
    name = "<text>"
    if path is not None and not isinstance(path, str | bytes | os.PathLike):
        allowed = "a path to a YAML file, a SimulationLoad, or None"
        raise SimulationLoadError(
            [f"load: not a load file (got {type(path).__name__}); allowed: {allowed}"]
        )
    if text is not None and not isinstance(text, str | bytes):
        raise SimulationLoadError(
            [f"<text>: not text (got {type(text).__name__}); allowed: the YAML text of a load"]
        )
    if path is not None:
        name = str(path)
        try:
            text = read_text(path)
        except UnreadableInput as exc:
            raise SimulationLoadError([f"{name}: {exc}"]) from exc
    positions: dict[tuple[str, ...], tuple[int, int]] = {}
    data: Any = {}
    if text is not None:
        try:
            data, positions = load_with_positions(text)
        except YamlProblem as exc:
            at = f":{exc.line}:{exc.column}" if exc.line is not None else ""
            raise SimulationLoadError([f"{name}{at}: {exc.message}"]) from exc
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise SimulationLoadError([f"{name}: the load file must be a mapping of sections"])
    try:
        return SimulationLoad.model_validate(_merge(_default_data(), data))
    except ValidationError as exc:
        raise SimulationLoadError([_located(name, e, positions) for e in exc.errors()]) from exc


#: pydantic's error types for a number outside a field's ``ge``/``le`` bounds.
_BOUND_ERRORS = frozenset({"greater_than_equal", "less_than_equal", "greater_than", "less_than"})


def _bounds(loc: tuple[str, ...]) -> tuple[Any, Any]:
    """The ``ge`` and ``le`` bounds of the field at ``loc`` (``None`` where there is none).

    >>> _bounds(("meetings", "plan_ahead")), _bounds(("miss_deadline",))
    ((0, 120), (0, 1))
    """
    model: Any = SimulationLoad
    bounds: dict[str, Any] = {}
    for part in loc:
        field = getattr(model, "model_fields", {}).get(part)
        if field is None:
            return None, None
        model = field.annotation
        bounds = {k: getattr(m, k) for m in field.metadata for k in ("ge", "le") if hasattr(m, k)}
    return bounds.get("ge"), bounds.get("le")


def _located(name: str, error: Any, positions: dict[tuple[str, ...], tuple[int, int]]) -> str:
    loc = tuple(str(part) for part in error["loc"])
    dotted = ".".join(loc) or "(top)"
    at = ""
    for end in range(len(loc), -1, -1):
        found = positions.get(loc[:end])
        if found is not None:
            at = f":{found[0]}:{found[1]}"
            break
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] in _BOUND_ERRORS:  # pydantic names one bound; the range reads better
        low, high = _bounds(loc)
        if low is not None and high is not None:
            message = f"must be {low}" if low == high else f"from {low} to {high}"
    got = error.get("input")
    shown = f" (got {got!r})" if error["type"] != "missing" and not isinstance(got, dict) else ""
    return f"{name}{at}: {dotted}: {message}{shown}"
