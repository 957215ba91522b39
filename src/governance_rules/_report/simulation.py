"""The simulation results a report can show: read from a JSON-like mapping and checked.

The report does not run a simulation; it shows results handed to it. The shape is
one entry per charter (the label used in the report), each with any of:

- ``resolution_days``: working days from report to resolution, one number per issue;
- ``escalations``: issues reaching each ladder level, ``{level: count}``;
- ``workload``: work per body (hours, items, whatever the simulation counts),
  ``{body: amount}``.

Either the entries themselves or ``{"charters": {...}}`` (other top-level keys,
such as the seed or the load, are kept for the record but not drawn). The output of
``govrules simulate --format json`` (``simulate(...).to_dict()``) is read as it is:
its days-to-resolution histogram, its issues resolved per ladder level and its
workload per body.

>>> m = read_simulation({"charters": {"a": {"resolution_days": [3, 5],
...                                         "escalations": {"1": 4, "2": 1}}}})
>>> m["a"].resolution_days, m["a"].escalations, m["a"].workload
((3.0, 5.0), (('1', 4), ('2', 1)), ())
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from governance_rules.errors import SimulationError

__all__ = ["CharterMetrics", "read_simulation"]

_KEYS = ("resolution_days", "escalations", "workload")


@dataclass(frozen=True)
class CharterMetrics:
    """One charter's simulated metrics, as the charts draw them."""

    resolution_days: tuple[float, ...] = ()
    escalations: tuple[tuple[str, int], ...] = ()
    workload: tuple[tuple[str, float], ...] = ()


def _bad(where: str, what: str, got: object, allowed: str) -> SimulationError:
    return SimulationError(what, where=where, got=got, allowed=allowed)


def _from_simulate(found: Mapping[str, Any], where: str) -> Mapping[str, Any]:
    """One charter of ``simulate()``'s results, in the shape the charts draw."""
    issues = _mapping(found.get("issues", {}), f"{where}.issues")
    spread = _mapping(issues.get("days_to_resolution", {}), f"{where}.issues.days_to_resolution")
    days: list[object] = []
    for index, pair in enumerate(spread.get("histogram", ())):
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise _bad(f"{where}.issues.days_to_resolution.histogram[{index}]",
                       "not a [days, count] pair", pair, "[days, count]")  # fmt: skip
        days += [pair[0]] * _count(pair[1], f"{where}.histogram[{index}][1]")
    resolved = issues.get("resolved", {})
    levels = (
        {k: v for k, v in resolved.items() if k != "total"}
        if isinstance(resolved, Mapping)
        else {}
    )
    return {
        "resolution_days": days,
        "escalations": levels,
        "workload": found.get("workload", {}),
    }


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad(where, "not a number", value, "a number of 0 or more")
    try:
        out = float(value)
    except OverflowError:
        out = math.inf
    if not math.isfinite(out) or out < 0:
        raise _bad(where, "not a finite number of 0 or more", value, "a number of 0 or more")
    return out


def _mapping(value: object, where: str) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise _bad(where, "not a mapping", value, "a mapping of names to numbers")
    return value


def _label(key: object, where: str) -> str:
    if isinstance(key, bool) or not isinstance(key, str | int):
        raise _bad(where, "a key is not a name or a number", key, "strings or integers")
    return str(key)


def read_simulation(data: Mapping[str, Any]) -> dict[str, CharterMetrics]:
    """Check simulation results and return each charter's metrics, in the given order.

    Args:
        data: ``{label: {metric: ...}}`` or ``{"charters": {label: {metric: ...}}}``.

    Returns:
        The metrics by charter label.

    Raises:
        SimulationError: The data does not have the shape above (the message names
            the key).

    >>> read_simulation({"a": {"resolution_days": [-1]}})
    Traceback (most recent call last):
    ...
    governance_rules.errors.SimulationError: simulation.a.resolution_days[0]: \
not a finite number of 0 or more (got -1); allowed: a number of 0 or more
    """
    top = _mapping(data, "simulation")
    entries = _mapping(top["charters"], "simulation.charters") if "charters" in top else top
    prefix = "simulation.charters" if "charters" in top else "simulation"
    out: dict[str, CharterMetrics] = {}
    for key, metrics in entries.items():
        label = _label(key, prefix)
        where = f"{prefix}.{label}"
        found = _mapping(metrics, where)
        if "issues" in found and "resolution_days" not in found:  # simulate()'s own output
            found = _from_simulate(found, where)
        unknown = [str(k) for k in found if k not in _KEYS]
        if unknown:
            raise _bad(where, "unknown metric", ", ".join(unknown), ", ".join(_KEYS))
        days = found.get("resolution_days", ())
        if isinstance(days, str | bytes | Mapping) or not hasattr(days, "__iter__"):
            raise _bad(f"{where}.resolution_days", "not a list", days, "a list of numbers")
        resolution = tuple(_number(v, f"{where}.resolution_days[{i}]") for i, v in enumerate(days))
        escalations = tuple(
            (_label(k, f"{where}.escalations"), _count(v, f"{where}.escalations.{k}"))
            for k, v in _mapping(found.get("escalations", {}), f"{where}.escalations").items()
        )
        workload = tuple(
            (_label(k, f"{where}.workload"), _number(v, f"{where}.workload.{k}"))
            for k, v in _mapping(found.get("workload", {}), f"{where}.workload").items()
        )
        out[label] = CharterMetrics(resolution, escalations, workload)
    return out


def _count(value: object, where: str) -> int:
    number = _number(value, where)
    if number != int(number):
        raise _bad(where, "not a whole number", value, "a count of 0 or more")
    return int(number)
