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

Days to resolution are kept as a histogram, ``(days, issues)`` pairs, however they
were given, so a simulation of millions of issues is drawn from a few hundred pairs.

>>> m = read_simulation({"charters": {"a": {"resolution_days": [5, 3, 5],
...                                         "escalations": {"1": 4, "2": 1}}}})
>>> m["a"].resolution, m["a"].issues, m["a"].percentile(50), m["a"].escalations
(((3.0, 1), (5.0, 2)), 3, 5.0, (('1', 4), ('2', 1)))
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from governance_rules._i18n import normalize_lang, text
from governance_rules.errors import SimulationError

__all__ = ["CharterMetrics", "label_notes", "read_simulation"]

_KEYS = ("resolution_days", "escalations", "workload")
#: The most working days to resolution shown: far beyond any simulated span (11 years).
MAX_DAYS = 100_000
#: The most issues one histogram bar may count (whole numbers stay exact in sums), and
#: the largest workload of one body.
MAX_COUNT = 10**12
#: The most charters the results may hold: one box, and one bar per level and body, each.
MAX_CHARTERS = 50
#: The most bars one chart draws: charters x ladder levels, or charters x bodies. Every
#: bar widens the chart (thousands took minutes and gigabytes to draw).
MAX_BARS = 1_000
#: The longest name of a charter, a ladder level or a body (a label on a chart).
MAX_NAME = 200


@dataclass(frozen=True)
class CharterMetrics:
    """One charter's simulated metrics, as the charts draw them.

    ``resolution`` is the histogram of working days to resolution: ascending
    ``(days, issues)`` pairs, each ``days`` once.
    """

    resolution: tuple[tuple[float, int], ...] = ()
    escalations: tuple[tuple[str, int], ...] = ()
    workload: tuple[tuple[str, float], ...] = ()

    @property
    def issues(self) -> int:
        """The issues resolved: the histogram's total."""
        return sum(count for _, count in self.resolution)

    def percentile(self, q: float) -> float:
        """The ``q``-th percentile of days to resolution, as ``numpy.percentile`` gives it.

        Linear interpolation between the two issues around the rank ``q/100 * (n - 1)``,
        found in the histogram without listing every issue.

        Raises:
            ValueError: No issue was resolved, or ``q`` is not within 0 to 100.
        """
        n = self.issues
        if not n or not 0 <= q <= 100:
            raise ValueError("a percentile needs issues and a q within 0 to 100")
        rank = q / 100 * (n - 1)
        low = math.floor(rank)
        return (
            self._at(low) + (rank - low) * (self._at(low + 1) - self._at(low))
            if low + 1 < n
            else self._at(low)
        )

    def _at(self, index: int) -> float:
        """The days of the ``index``-th issue (0-based) in ascending order."""
        seen = 0
        for days, count in self.resolution:
            seen += count
            if index < seen:
                return days
        return self.resolution[-1][0]

    def box(self) -> dict[str, Any]:
        """Box-plot statistics (matplotlib's ``bxp``): quartiles, 1.5 IQR whiskers, fliers."""
        q1, med, q3 = self.percentile(25), self.percentile(50), self.percentile(75)
        reach_low, reach_high = q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)
        inside = [d for d, _ in self.resolution if reach_low <= d <= reach_high]
        return {
            "med": med,
            "q1": q1,
            "q3": q3,
            # as matplotlib's boxplot_stats: a whisker never ends inside the box
            "whislo": min(min(inside, default=q1), q1),
            "whishi": max(max(inside, default=q3), q3),
            "fliers": [d for d, _ in self.resolution if not reach_low <= d <= reach_high],
        }


def _bad(where: str, what: str, got: object, allowed: str) -> SimulationError:
    return SimulationError(what, where=where, got=got, allowed=allowed)


def _from_simulate(
    found: Mapping[str, Any], where: str
) -> tuple[Mapping[str, Any], list[tuple[object, object, str]]]:
    """One charter of ``simulate()``'s results: its metrics and its days histogram."""
    issues = _mapping(found.get("issues", {}), f"{where}.issues")
    spread = _mapping(issues.get("days_to_resolution", {}), f"{where}.issues.days_to_resolution")
    pairs = spread.get("histogram", ())
    if isinstance(pairs, str | bytes | Mapping) or not hasattr(pairs, "__iter__"):
        raise _bad(f"{where}.issues.days_to_resolution.histogram", "not a list", pairs,
                   "a list of [days, count] pairs")  # fmt: skip
    histogram: list[tuple[object, object, str]] = []
    for index, pair in enumerate(pairs):
        at = f"{where}.issues.days_to_resolution.histogram[{index}]"
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise _bad(at, "not a [days, count] pair", pair, "[days, count]")
        histogram.append((pair[0], pair[1], at))
    resolved = issues.get("resolved", {})
    levels = (
        {k: v for k, v in resolved.items() if k != "total"}
        if isinstance(resolved, Mapping)
        else {}
    )
    return {"escalations": levels, "workload": found.get("workload", {})}, histogram


def _histogram(
    days: object, pairs: list[tuple[object, object, str]], where: str
) -> tuple[tuple[float, int], ...]:
    """Days to resolution, given one number per issue or as pairs, as ascending pairs."""
    counts: Counter[float] = Counter()
    if isinstance(days, str | bytes | Mapping) or not hasattr(days, "__iter__"):
        raise _bad(f"{where}.resolution_days", "not a list", days, "a list of numbers")
    for i, value in enumerate(days):
        counts[_days(value, f"{where}.resolution_days[{i}]")] += 1
    for value, count, at in pairs:
        counts[_days(value, f"{at}[0]")] += _count(count, f"{at}[1]")
    total = sum(counts.values())
    if total > MAX_COUNT:
        raise _bad(f"{where}.resolution_days", "too many issues", total,
                   f"at most {MAX_COUNT:,} issues")  # fmt: skip
    return tuple(sorted((d, c) for d, c in counts.items() if c))


def _days(value: object, where: str) -> float:
    number = _number(value, where)
    if number > MAX_DAYS:
        raise _bad(where, "too many working days", value, f"0 to {MAX_DAYS:,} working days")
    return number


def _amount(value: object, where: str) -> float:
    """A workload: drawn on a linear axis, so bounded as a count is (1e308 overflowed it)."""
    number = _number(value, where)
    if number > MAX_COUNT:
        raise _bad(where, "too large", value, f"0 to {MAX_COUNT:,}")
    return number


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
    name = str(key)
    if len(name) > MAX_NAME:
        raise _bad(where, "a name is too long", f"{len(name):,} characters",
                   f"names of at most {MAX_NAME} characters")  # fmt: skip
    return name


def _drawable(metrics: Mapping[str, CharterMetrics], where: str) -> None:
    """Refuse results whose charts would need more than :data:`MAX_BARS` bars."""
    for metric, noun in (("escalations", "ladder levels"), ("workload", "bodies")):
        groups = {name for m in metrics.values() for name, _ in getattr(m, metric)}
        if len(groups) * len(metrics) > MAX_BARS:
            raise _bad(where, f"too many bars to draw in the {metric} chart",
                       f"{len(groups):,} {noun} x {len(metrics)} "
                       f"charter{'' if len(metrics) == 1 else 's'}",
                       f"at most {MAX_BARS:,} bars ({noun} x charters)")  # fmt: skip


def read_simulation(data: Mapping[str, Any]) -> dict[str, CharterMetrics]:
    """Check simulation results and return each charter's metrics, in the given order.

    Args:
        data: ``{label: {metric: ...}}`` or ``{"charters": {label: {metric: ...}}}``.

    Returns:
        The metrics by charter label.

    Raises:
        SimulationError: The data does not have the shape above (the message names
            the key), or more than the charts can show: over :data:`MAX_CHARTERS`
            charters, a name over :data:`MAX_NAME` characters, or over
            :data:`MAX_BARS` bars in a chart (ladder levels or bodies x charters).

    >>> read_simulation({"a": {"resolution_days": [-1]}})
    Traceback (most recent call last):
    ...
    governance_rules.errors.SimulationError: simulation.a.resolution_days[0]: \
not a finite number of 0 or more (got -1); allowed: a number of 0 or more
    """
    top = _mapping(data, "simulation")
    entries = _mapping(top["charters"], "simulation.charters") if "charters" in top else top
    prefix = "simulation.charters" if "charters" in top else "simulation"
    if len(entries) > MAX_CHARTERS:  # before reading them all
        raise _bad(prefix, "too many charters to draw", len(entries),
                   f"at most {MAX_CHARTERS} charters")  # fmt: skip
    out: dict[str, CharterMetrics] = {}
    for key, metrics in entries.items():
        label = _label(key, prefix)
        where = f"{prefix}.{label}"
        found = _mapping(metrics, where)
        pairs: list[tuple[object, object, str]] = []
        if "issues" in found and "resolution_days" not in found:  # simulate()'s own output
            found, pairs = _from_simulate(found, where)
        unknown = [str(k) for k in found if k not in _KEYS]
        if unknown:
            raise _bad(where, "unknown metric", ", ".join(unknown), ", ".join(_KEYS))
        resolution = _histogram(found.get("resolution_days", ()), pairs, where)
        escalations = tuple(
            (_label(k, f"{where}.escalations"), _count(v, f"{where}.escalations.{k}"))
            for k, v in _mapping(found.get("escalations", {}), f"{where}.escalations").items()
        )
        workload = tuple(
            (_label(k, f"{where}.workload"), _amount(v, f"{where}.workload.{k}"))
            for k, v in _mapping(found.get("workload", {}), f"{where}.workload").items()
        )
        out[label] = CharterMetrics(resolution, escalations, workload)
    _drawable(out, prefix)
    return out


def _count(value: object, where: str) -> int:
    number = _number(value, where)
    if number != int(number) or number > MAX_COUNT:
        raise _bad(where, "not a whole number in range", value, f"a count of 0 to {MAX_COUNT:,}")
    return int(number)


def label_notes(labels: list[str], results: Mapping[str, object], lang: str) -> list[str]:
    """Notes on simulation results whose labels do not match the report's charters.

    Results are drawn as given, whatever their labels; a file from another run (or
    other charters) is said to be so, not silently drawn as this report's.

    >>> label_notes(["yangxin-2022"], {"model-charter-rc": None}, "en")[0][:81]
    'The simulation results name charters this report does not show: model-charter-rc.'
    >>> label_notes(["a", "b"], {"a": None}, "en")
    ['The simulation results have no entry for: b.']
    """
    comma = "、" if normalize_lang(lang) == "zh" else ", "
    notes = []
    extra = [name for name in results if name not in labels]
    if extra:
        notes.append(text("report.results_unmatched", lang, names=comma.join(extra)))
    absent = [name for name in labels if name not in results]
    if absent:
        notes.append(text("report.results_missing", lang, names=comma.join(absent)))
    return notes
