"""Seeded simulation of charters under one synthetic load (see docs/simulate.md)."""

from __future__ import annotations

from governance_rules._simulate.load import SimulationLoad, read_load
from governance_rules._simulate.runner import SimulationResult, simulate

__all__ = ["SimulationLoad", "SimulationResult", "read_load", "simulate"]
