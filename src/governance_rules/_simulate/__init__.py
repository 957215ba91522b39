"""Seeded simulation of charters under one synthetic load (see docs/simulate.md)."""

from __future__ import annotations

from governance_rules._simulate.load import SimulationLoad, read_load
from governance_rules._simulate.metrics import (
    Breakdown,
    DaysToResolution,
    DecisionMetrics,
    DutyMetrics,
    IssueMetrics,
    MeetingMetrics,
    Refusals,
    RuleOutcomes,
    SimulationMetrics,
)
from governance_rules._simulate.runner import SimulationResult, simulate

__all__ = [
    "Breakdown",
    "DaysToResolution",
    "DecisionMetrics",
    "DutyMetrics",
    "IssueMetrics",
    "MeetingMetrics",
    "Refusals",
    "RuleOutcomes",
    "SimulationLoad",
    "SimulationMetrics",
    "SimulationResult",
    "read_load",
    "simulate",
]
