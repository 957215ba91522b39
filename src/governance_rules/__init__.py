"""governance_rules: community-governance charters as executable, checkable rules.

Everything an app needs is importable from here, and only from here: the modules
whose names start with an underscore are the implementation and may change. The
errors are also in :mod:`governance_rules.errors`; the command line is
:mod:`governance_rules.cli`.

>>> from datetime import date
>>> import governance_rules as gr
>>> gr.WorkingCalendar.china().due(date(2026, 9, 30), gr.Period.parse("一周")).due
datetime.date(2026, 10, 8)
>>> engine = gr.Engine(gr.load_charter("yangxin-2022"))
>>> issue = engine.report_issue(gr.Actor("residents", id="r-1"), date(2026, 3, 2))
>>> issue.state
'reported'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from governance_rules._appraisal import (
    AppraisalResult,
    GradingResult,
    IndicatorValue,
    MissingPolicy,
    Outcome,
    Score,
    appraise,
    grade,
    outcomes,
    read_indicators,
    read_scores,
)
from governance_rules._calendar import (
    ALL_MONTHS,
    EVEN_MONTHS,
    QUARTER_FIRST_MONTHS,
    CalendarOverrides,
    DayInfo,
    DayKind,
    Deadline,
    LastWeekReading,
    Period,
    PeriodUnit,
    Window,
    WorkingCalendar,
    by_day_of_month,
    cadence_periods,
    days_of_month,
    every_n_months,
    last_week_of_months,
    whole_months,
)
from governance_rules._charter import (
    Charter,
    available_charters,
    load_charter,
    load_charter_text,
)
from governance_rules._charter.meetings import DecisionSpec, VotingMethod
from governance_rules._charter.rotation import RotationChoice
from governance_rules._compare import (
    AlignedRule,
    AmendedRule,
    Comparison,
    KeyFigure,
    MachineDiff,
    ReadingPointInfo,
    Verdict,
    compare,
)
from governance_rules._decisions import (
    Ballot,
    BodyApprovals,
    Choice,
    DecisionResult,
    Owner,
    OwnersBallot,
    Vote,
    decide,
    matter_rule,
    read_body_approvals,
    read_member_ballot,
    read_owner_ballot,
)
from governance_rules._engine import Engine, Fired
from governance_rules._obligations import Obligation, obligations
from governance_rules._report import report
from governance_rules._simulate import (
    Breakdown,
    DaysToResolution,
    DecisionMetrics,
    DutyMetrics,
    IssueMetrics,
    MeetingMetrics,
    Refusals,
    RuleOutcomes,
    SimulationLoad,
    SimulationMetrics,
    SimulationResult,
    read_load,
    simulate,
)
from governance_rules._store import Event, MemoryStore

if TYPE_CHECKING:
    from governance_rules._store.sql import EventStore
from governance_rules._workflows import Actor, Instance, Timer, command_table, compile_workflow
from governance_rules._workflows.appraisal import AppraisalData, appraisal_outcomes
from governance_rules._workflows.issues import IssueData
from governance_rules._workflows.meeting_rules import MeetingData
from governance_rules._workflows.terms import TermData
from governance_rules.errors import (
    BallotError,
    CalendarError,
    CharterError,
    CharterValidationError,
    CommandRefused,
    ComparisonError,
    ConcurrencyError,
    DateOutOfRangeError,
    DecisionError,
    EvaluationError,
    GovernanceRulesError,
    InvalidArgument,
    OverridesError,
    PeriodError,
    PermissionDenied,
    ReportError,
    SimulationError,
    SimulationLoadError,
    StoreError,
    UnknownCharterError,
    UnknownComparisonItemError,
    UnknownDecisionRuleError,
    WindowError,
)

__version__ = "0.1.0"

__all__ = [
    "ALL_MONTHS",
    "EVEN_MONTHS",
    "QUARTER_FIRST_MONTHS",
    "Actor",
    "AlignedRule",
    "AmendedRule",
    "AppraisalData",
    "AppraisalResult",
    "Ballot",
    "BallotError",
    "BodyApprovals",
    "Breakdown",
    "CalendarError",
    "CalendarOverrides",
    "Charter",
    "CharterError",
    "CharterValidationError",
    "Choice",
    "CommandRefused",
    "Comparison",
    "ComparisonError",
    "ConcurrencyError",
    "DateOutOfRangeError",
    "DayInfo",
    "DayKind",
    "DaysToResolution",
    "Deadline",
    "DecisionError",
    "DecisionMetrics",
    "DecisionResult",
    "DecisionSpec",
    "DutyMetrics",
    "Engine",
    "EvaluationError",
    "Event",
    "EventStore",
    "Fired",
    "GovernanceRulesError",
    "GradingResult",
    "IndicatorValue",
    "Instance",
    "InvalidArgument",
    "IssueData",
    "IssueMetrics",
    "KeyFigure",
    "LastWeekReading",
    "MachineDiff",
    "MeetingData",
    "MeetingMetrics",
    "MemoryStore",
    "MissingPolicy",
    "Obligation",
    "Outcome",
    "OverridesError",
    "Owner",
    "OwnersBallot",
    "Period",
    "PeriodError",
    "PeriodUnit",
    "PermissionDenied",
    "ReadingPointInfo",
    "Refusals",
    "ReportError",
    "RotationChoice",
    "RuleOutcomes",
    "Score",
    "SimulationError",
    "SimulationLoad",
    "SimulationLoadError",
    "SimulationMetrics",
    "SimulationResult",
    "StoreError",
    "TermData",
    "Timer",
    "UnknownCharterError",
    "UnknownComparisonItemError",
    "UnknownDecisionRuleError",
    "Verdict",
    "Vote",
    "VotingMethod",
    "Window",
    "WindowError",
    "WorkingCalendar",
    "__version__",
    "appraisal_outcomes",
    "appraise",
    "available_charters",
    "by_day_of_month",
    "cadence_periods",
    "command_table",
    "compare",
    "compile_workflow",
    "days_of_month",
    "decide",
    "every_n_months",
    "grade",
    "last_week_of_months",
    "load_charter",
    "load_charter_text",
    "matter_rule",
    "obligations",
    "outcomes",
    "read_body_approvals",
    "read_indicators",
    "read_load",
    "read_member_ballot",
    "read_owner_ballot",
    "read_scores",
    "report",
    "simulate",
    "whole_months",
]


if not TYPE_CHECKING:  # type checkers see EventStore imported above; a module
    # __getattr__ they could see would make every misspelt name (gr.Engin) pass as Any

    def __getattr__(name: str) -> Any:
        """``EventStore`` (the database store) is imported on first use: SQLAlchemy is slow
        to import, and the CLI, simulations and the in-memory engine never need it."""
        if name == "EventStore":
            from governance_rules._store.sql import EventStore  # noqa: PLC0415

            return EventStore
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names (what completion offers), not the helpers this module imports."""
    return sorted({*__all__, *(name for name in globals() if name.startswith("__"))})
