"""Information duties: publicity, notification, event reports and periodic reports."""

from __future__ import annotations

from pydantic import Field, model_validator

from governance_rules._charter.meetings import Cadence, Recurrence, WindowSpec
from governance_rules._charter.readonly import ReadOnlyMap, no_entries
from governance_rules._charter.types import BodyId, Frozen, Rule, Text, Timing

__all__ = ["EventReport", "Information", "Notification", "PeriodicReport", "Publicity"]


class Publicity(Rule):
    """Something published (公示): long-term, on change, for a minimum number of days,
    or a lead before the event it announces (``lead``: "posted 7 days before the meeting").
    """

    what: str
    label: Text | None = Field(default=None, description="a short name: {zh: …, en: …}")
    by: BodyId | None = None
    where: str | None = None
    long_term: bool = False
    on_change: bool = Field(default=False, description="updated whenever it changes")
    min_period: Timing | None = Field(default=None, description="shown at least this long")
    timing: Timing | None = Field(default=None, description="how soon it must go up")
    lead: Timing | None = Field(
        default=None, description="up at least this long before the event it announces"
    )
    before: str | None = Field(default=None, description="the event a lead is counted back from")
    cadence: Cadence | None = None

    @model_validator(mode="after")
    def _lead_names_its_event(self) -> Publicity:
        _check_lead(self.lead, self.before)
        return self


class Notification(Rule):
    """Information passed between the parties (通报); urgent items immediately.

    ``timing`` says how soon after the occasion it goes out ("within 3 days",
    "promptly"); ``lead`` how long *before* an event ("15 days before the assembly"),
    with ``before`` naming the event. A notification has one or the other.
    """

    what: str
    label: Text | None = Field(default=None, description="a short name: {zh: …, en: …}")
    timing: Timing | None = Field(default=None, description="how soon after the occasion")
    lead: Timing | None = Field(
        default=None, description="at least this long before the event it announces"
    )
    before: str | None = Field(default=None, description="the event a lead is counted back from")
    to: tuple[BodyId, ...] = ()

    @model_validator(mode="after")
    def _timing_or_lead(self) -> Notification:
        if (self.timing is None) == (self.lead is None):
            raise ValueError(
                "a notification has a 'timing' (after) or a 'lead' (before), not both"
            )
        _check_lead(self.lead, self.before)
        return self


def _check_lead(lead: Timing | None, before: str | None) -> None:
    if (lead is None) != (before is None):
        raise ValueError("a 'lead' and the event it comes 'before' are given together")


class EventReport(Rule):
    """An event that must be reported (报告) to named bodies."""

    trigger: str
    label: Text | None = Field(default=None, description="a short name: {zh: …, en: …}")
    by: BodyId | None = None
    to: tuple[BodyId, ...] = Field(min_length=1)
    within: Timing


class PeriodicReport(Rule):
    """A report, visit or review due on a schedule (monthly by the 5th, end of June …).

    Where the source says only that it recurs (定期) and gives no interval, ``recurs``
    replaces the schedule: the duty is recorded and explained, but never dated.
    """

    what: str
    label: Text | None = Field(default=None, description="a short name: {zh: …, en: …}")
    by: BodyId | None = None
    to: tuple[BodyId, ...] = ()
    cadence: Cadence | None = None
    recurs: Recurrence | None = Field(
        default=None, description="recurs (定期) with no stated interval: never dated"
    )
    window: WindowSpec = WindowSpec()

    @model_validator(mode="after")
    def _scheduled(self) -> PeriodicReport:
        if self.recurs is not None:
            if self.cadence is not None or self.window != WindowSpec():
                raise ValueError(
                    "'recurs' (no interval stated) excludes a 'cadence' and a 'window'"
                )
        elif self.cadence is None and self.window.months is None:
            raise ValueError(
                "a periodic report needs a cadence, window months, or 'recurs' (定期, no interval)"
            )
        return self

    @property
    def dated(self) -> bool:
        """False where the source states no interval (``recurs``): no window, no timer."""
        return self.recurs is None


class Information(Frozen):
    """All information duties of a charter."""

    publicity: ReadOnlyMap[str, Publicity] = Field(default_factory=no_entries)
    notifications: ReadOnlyMap[str, Notification] = Field(default_factory=no_entries)
    reports: ReadOnlyMap[str, EventReport] = Field(default_factory=no_entries)
    periodic: ReadOnlyMap[str, PeriodicReport] = Field(default_factory=no_entries)
