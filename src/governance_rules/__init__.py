"""governance_rules: community-governance charters as executable, checkable rules.

Everything an app needs is importable from here; the subpackages hold the
implementation (and the charter language's models, for authors of tools).

>>> from datetime import date
>>> import governance_rules as gr
>>> gr.WorkingCalendar.china().due(date(2026, 9, 30), gr.Period.parse("一周")).due
datetime.date(2026, 10, 8)
>>> engine = gr.Engine(gr.load_charter("yangxin-2022"))
>>> issue = engine.report_issue(gr.Actor("residents", id="r-1"), date(2026, 3, 2))
>>> issue.state
'reported'
"""

from governance_rules.appraisal import (
    AppraisalResult,
    MissingPolicy,
    Outcome,
    Score,
    appraise,
    outcomes,
    read_scores,
)
from governance_rules.calendar import (
    CalendarOverrides,
    DayInfo,
    DayKind,
    Deadline,
    Period,
    PeriodUnit,
    Window,
    WorkingCalendar,
)
from governance_rules.charter import (
    Charter,
    available_charters,
    load_charter,
    load_charter_text,
)
from governance_rules.charter.rotation import RotationChoice
from governance_rules.decisions import (
    Ballot,
    Choice,
    DecisionResult,
    Owner,
    OwnersBallot,
    Vote,
    decide,
    matter_rule,
    read_member_ballot,
    read_owner_ballot,
)
from governance_rules.engine import Engine, Fired
from governance_rules.errors import (
    BallotError,
    CalendarError,
    CharterError,
    CharterValidationError,
    CommandRefused,
    ConcurrencyError,
    DateOutOfRangeError,
    DecisionError,
    EvaluationError,
    GovernanceRulesError,
    OverridesError,
    PeriodError,
    PermissionDenied,
    StoreError,
    UnknownCharterError,
    UnknownDecisionRuleError,
    WindowError,
)
from governance_rules.obligations import Obligation, obligations
from governance_rules.store import Event, EventStore, MemoryStore
from governance_rules.workflows import Actor, Instance, Timer, command_table, compile_workflow

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "AppraisalResult",
    "Ballot",
    "BallotError",
    "CalendarError",
    "CalendarOverrides",
    "Charter",
    "CharterError",
    "CharterValidationError",
    "Choice",
    "CommandRefused",
    "ConcurrencyError",
    "DateOutOfRangeError",
    "DayInfo",
    "DayKind",
    "Deadline",
    "DecisionError",
    "DecisionResult",
    "Engine",
    "EvaluationError",
    "Event",
    "EventStore",
    "Fired",
    "GovernanceRulesError",
    "Instance",
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
    "RotationChoice",
    "Score",
    "StoreError",
    "Timer",
    "UnknownCharterError",
    "UnknownDecisionRuleError",
    "Vote",
    "Window",
    "WindowError",
    "WorkingCalendar",
    "__version__",
    "appraise",
    "available_charters",
    "command_table",
    "compile_workflow",
    "decide",
    "load_charter",
    "load_charter_text",
    "matter_rule",
    "obligations",
    "outcomes",
    "read_member_ballot",
    "read_owner_ballot",
    "read_scores",
]
