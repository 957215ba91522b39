"""Information duties: publicity, notification, event reports and periodic reports."""

from __future__ import annotations

from pydantic import Field, model_validator

from governance_rules._charter.meetings import Cadence, WindowSpec
from governance_rules._charter.types import BodyId, Frozen, Rule, Text, Timing

__all__ = ["EventReport", "Information", "Notification", "PeriodicReport", "Publicity"]


class Publicity(Rule):
    """Something published (公示): long-term, on change, or for a minimum number of days."""

    what: str
    label: Text | None = Field(default=None, description="a short name: {zh: …, en: …}")
    by: BodyId | None = None
    where: str | None = None
    long_term: bool = False
    on_change: bool = Field(default=False, description="updated whenever it changes")
    min_period: Timing | None = Field(default=None, description="shown at least this long")
    timing: Timing | None = Field(default=None, description="how soon it must go up")
    cadence: Cadence | None = None


class Notification(Rule):
    """Information passed between the parties (通报); urgent items immediately."""

    what: str
    label: Text | None = Field(default=None, description="a short name: {zh: …, en: …}")
    timing: Timing
    to: tuple[BodyId, ...] = ()


class EventReport(Rule):
    """An event that must be reported (报告) to named bodies."""

    trigger: str
    label: Text | None = Field(default=None, description="a short name: {zh: …, en: …}")
    by: BodyId | None = None
    to: tuple[BodyId, ...] = Field(min_length=1)
    within: Timing


class PeriodicReport(Rule):
    """A report or visit due on a schedule (monthly by the 5th, end of June …)."""

    what: str
    label: Text | None = Field(default=None, description="a short name: {zh: …, en: …}")
    by: BodyId | None = None
    to: tuple[BodyId, ...] = ()
    cadence: Cadence | None = None
    window: WindowSpec = WindowSpec()

    @model_validator(mode="after")
    def _scheduled(self) -> PeriodicReport:
        if self.cadence is None and self.window.months is None:
            raise ValueError("a periodic report needs a cadence or window months")
        return self


class Information(Frozen):
    """All information duties of a charter."""

    publicity: dict[str, Publicity] = Field(default_factory=dict)
    notifications: dict[str, Notification] = Field(default_factory=dict)
    reports: dict[str, EventReport] = Field(default_factory=dict)
    periodic: dict[str, PeriodicReport] = Field(default_factory=dict)
