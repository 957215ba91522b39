"""One charter's simulated metrics, typed: what ``SimulationResult.metrics(label)`` returns.

``SimulationResult.charters`` keeps the metrics as the nested plain data the JSON
is written from (byte for byte as before). There, a count that happened to be
broken down is a mapping with its ``total`` and one that was not is a bare
number: ``refused`` is ``0`` for a charter that refused nothing and
``{"total": 3, "issue_notice": {...}}`` for one that did. The typed view reads
that data once and gives every count the same shape, a :class:`Breakdown`, so an
app never has to test which it got.

>>> from governance_rules._simulate.runner import simulate
>>> m = simulate(["model-charter-rc"], communities=1, seed=3).metrics("model-charter-rc")
>>> m.meetings.planned.total == sum(m.meetings.planned.parts.values())
True
>>> days = m.issues.days_to_resolution
>>> m.refused.total >= 0, days.median is None or days.median <= days.p90
(True, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from governance_rules.errors import SimulationError

__all__ = [
    "Breakdown",
    "DaysToResolution",
    "DecisionMetrics",
    "DutyMetrics",
    "IssueMetrics",
    "MeetingMetrics",
    "Refusals",
    "RuleOutcomes",
    "SimulationMetrics",
    "read_metrics",
]

_NO_PARTS: Mapping[str, int] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Breakdown:
    """A count and, where the simulation broke it down, its parts.

    Attributes:
        total: The count.
        parts: The count by kind, level, rule or body (``{}`` where none was kept;
            the parts of a count that has them add up to ``total``).
    """

    total: int = 0
    parts: Mapping[str, int] = field(default_factory=lambda: _NO_PARTS)


@dataclass(frozen=True, slots=True)
class DaysToResolution:
    """Working days from report to resolution, over every issue resolved.

    Attributes:
        median: The nearest-rank median; ``None`` where no issue was resolved.
        p90: The nearest-rank 90th percentile; ``None`` where no issue was resolved.
        histogram: ``(days, issues)`` pairs, days ascending.
    """

    median: int | None
    p90: int | None
    histogram: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class IssueMetrics:
    """Issues: ``reported`` by category kind, ``resolved`` by ladder level, and the rest.

    Attributes:
        reported: Issues reported, by category kind (``routine``, ``major`` …).
        resolved: Issues resolved, by ladder level (``L1_party_org``).
        escalated: Escalations by handlers (breach escalations are in
            :attr:`SimulationMetrics.deadlines_fired`).
        reached_street_office: Issues that reached a level the street office handles.
        no_ladder: Issues the charter gives no ladder.
        stuck: Issues left with no step the charter allows.
        days_to_resolution: Working days from report to resolution.
    """

    reported: Breakdown
    resolved: Breakdown
    escalated: int
    reached_street_office: int
    no_ladder: int
    stuck: int
    days_to_resolution: DaysToResolution


@dataclass(frozen=True, slots=True)
class MeetingMetrics:
    """Meetings, ``planned`` and ``held`` by meeting kind.

    Attributes:
        planned: Meetings planned.
        held: Meetings held.
        held_on_time: Held on the planned day, with no duty of the meeting late before.
        not_held: Meetings the charter refused to hold three days running.
        closed: Meetings closed.
        stuck: Meetings left with no step the charter allows.
    """

    planned: Breakdown
    held: Breakdown
    held_on_time: int
    not_held: int
    closed: int
    stuck: int


@dataclass(frozen=True, slots=True)
class DutyMetrics:
    """Every deadline the engine tracked, by the charter rule that set it.

    Attributes:
        met: Done in time.
        missed: Fired by ``advance_to`` before it was done.
    """

    met: Breakdown
    missed: Breakdown


@dataclass(frozen=True, slots=True)
class RuleOutcomes:
    """Decisions passed and failed."""

    passed: int = 0
    failed: int = 0


@dataclass(frozen=True, slots=True)
class DecisionMetrics:
    """Decisions taken at meetings: in all, and by the charter's decision rule.

    Attributes:
        passed: Decisions passed.
        failed: Decisions failed.
        by_rule: The same by decision rule (``consensus``, ``unspecified`` …).
    """

    passed: int
    failed: int
    by_rule: Mapping[str, RuleOutcomes]


@dataclass(frozen=True, slots=True)
class Refusals:
    """Commands the charter refused (counted, never raised).

    Attributes:
        total: Commands refused.
        by_command: By command (``issue_notice``, ``elect`` …), each by the rule or
            error that refused it (``no_body``, ``DateOutOfRangeError`` …).
    """

    total: int
    by_command: Mapping[str, Breakdown]


@dataclass(frozen=True, slots=True)
class SimulationMetrics:
    """One charter's metrics over every simulated community and year.

    Attributes:
        label: The charter's label in the result.
        community_years: Communities × years.
        commands: Commands the engine accepted.
        issues: Issues reported, resolved, escalated …
        meetings: Meetings planned and held.
        duties: Deadlines met and missed.
        decisions: Decisions passed and failed.
        refused: Commands the charter refused.
        deadlines_fired: Deadline events fired, by kind (``duty_late``, ``breach`` …).
        workload: Accepted commands by the body that issued them.
        terms: Term events by kind (``elections``, ``file`` …).
        appraisals_opened: Appraisals opened.
    """

    label: str
    community_years: int
    commands: int
    issues: IssueMetrics
    meetings: MeetingMetrics
    duties: DutyMetrics
    decisions: DecisionMetrics
    refused: Refusals
    deadlines_fired: Breakdown
    workload: Mapping[str, int]
    terms: Mapping[str, int]
    appraisals_opened: int


#: The top-level keys of one charter's plain metrics that the typed view reads.
KEYS = frozenset(
    {"appraisals", "commands", "community_years", "deadlines", "decisions", "duties",
     "issues", "meetings", "refused", "terms", "workload"}
)  # fmt: skip


def _bad(where: str, got: object) -> SimulationError:
    return SimulationError("not the metrics simulate() writes", where=where,
                           got=got, allowed="simulate(...).charters[label]")  # fmt: skip


def _int(value: object, where: str) -> int:
    if type(value) is not int:
        raise _bad(where, value)
    return value


def _map(value: object, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _bad(where, value)
    return value


def _counts(value: object, where: str) -> Mapping[str, int]:
    found = _map(value, where)
    return MappingProxyType({str(k): _int(v, f"{where}.{k}") for k, v in found.items()})


def _breakdown(value: object, where: str) -> Breakdown:
    """A count (a number, or a mapping of parts with or without its ``total``)."""
    if value is None:
        return Breakdown()
    if not isinstance(value, Mapping):
        return Breakdown(_int(value, where))
    parts = {k: v for k, v in value.items() if k != "total"}
    counted = _counts(parts, where)
    total = _int(value["total"], f"{where}.total") if "total" in value else sum(counted.values())
    return Breakdown(total, counted)


def read_metrics(label: str, data: Mapping[str, Any]) -> SimulationMetrics:
    """The typed view of one charter's plain metrics (``SimulationResult.charters[label]``).

    Raises:
        SimulationError: ``data`` is not what :func:`simulate` writes.
    """
    where = f"charters.{label}"
    try:
        return _read(label, _map(data, where), where)
    except (KeyError, TypeError, IndexError) as exc:
        raise _bad(where, f"{type(exc).__name__}: {exc}") from None


def _read(label: str, data: Mapping[str, Any], where: str) -> SimulationMetrics:
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise _bad(f"{where}.{unknown[0]}", "an unknown metric")
    issues = _map(data["issues"], f"{where}.issues")
    days = _map(issues["days_to_resolution"], f"{where}.issues.days_to_resolution")
    histogram = tuple(
        (_int(pair[0], f"{where}.issues.days_to_resolution.histogram"),
         _int(pair[1], f"{where}.issues.days_to_resolution.histogram"))
        for pair in days["histogram"]
    )  # fmt: skip
    median, p90 = days["median"], days["p90"]
    meetings = _map(data["meetings"], f"{where}.meetings")
    duties = _map(data["duties"], f"{where}.duties")
    decisions = _map(data["decisions"], f"{where}.decisions")
    by_rule = {
        str(rule): RuleOutcomes(**{k: _int(v, f"{where}.decisions.{rule}.{k}")
                               for k, v in _map(outcomes, f"{where}.decisions.{rule}").items()})
        for rule, outcomes in decisions.items() if rule not in ("passed", "failed")
    }  # fmt: skip
    refused = data["refused"]
    by_command = {}
    if isinstance(refused, Mapping):
        by_command = {str(k): _breakdown(v, f"{where}.refused.{k}")
                      for k, v in refused.items() if k != "total"}  # fmt: skip
        refused = refused["total"]
    deadlines = _map(data.get("deadlines", {}), f"{where}.deadlines")

    def count(node: Mapping[str, Any], key: str, at: str) -> int:
        return _int(node[key], f"{where}.{at}.{key}")

    def parts(node: Mapping[str, Any], key: str, at: str) -> Breakdown:
        return _breakdown(node[key], f"{where}.{at}.{key}")

    return SimulationMetrics(
        label=label,
        community_years=_int(data["community_years"], f"{where}.community_years"),
        commands=_int(data["commands"], f"{where}.commands"),
        issues=IssueMetrics(
            reported=parts(issues, "reported", "issues"),
            resolved=parts(issues, "resolved", "issues"),
            escalated=count(issues, "escalated", "issues"),
            reached_street_office=count(issues, "reached_street_office", "issues"),
            no_ladder=count(issues, "no_ladder", "issues"),
            stuck=count(issues, "stuck", "issues"),
            days_to_resolution=DaysToResolution(
                None if median is None else _int(median, f"{where}.issues.days_to_resolution"),
                None if p90 is None else _int(p90, f"{where}.issues.days_to_resolution"),
                histogram,
            ),
        ),
        meetings=MeetingMetrics(
            planned=parts(meetings, "planned", "meetings"),
            held=parts(meetings, "held", "meetings"),
            held_on_time=count(meetings, "held_on_time", "meetings"),
            not_held=count(meetings, "not_held", "meetings"),
            closed=count(meetings, "closed", "meetings"),
            stuck=count(meetings, "stuck", "meetings"),
        ),
        duties=DutyMetrics(
            met=parts(duties, "met", "duties"),
            missed=parts(duties, "missed", "duties"),
        ),
        decisions=DecisionMetrics(
            passed=parts(decisions, "passed", "decisions").total,
            failed=parts(decisions, "failed", "decisions").total,
            by_rule=MappingProxyType(by_rule),
        ),
        refused=Refusals(_int(refused, f"{where}.refused"), MappingProxyType(by_command)),
        deadlines_fired=_breakdown(deadlines.get("fired"), f"{where}.deadlines.fired"),
        workload=_counts(data.get("workload", {}), f"{where}.workload"),
        terms=_counts(data.get("terms", {}), f"{where}.terms"),
        appraisals_opened=_breakdown(
            _map(data.get("appraisals", {}), f"{where}.appraisals").get("opened"),
            f"{where}.appraisals.opened",
        ).total,
    )
