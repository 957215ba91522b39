"""A charter's dated duties for one year: meetings, notices, reports, publicity, appraisal.

>>> from governance_rules._charter import load_charter
>>> items = obligations(load_charter("yangxin-2022"), 2026)
>>> first = next(i for i in items if i.kind == "meeting")
>>> first.start.isoformat(), first.end.isoformat(), first.convener, first.working_days
('2026-02-22', '2026-02-28', ('party_org',), 5)
>>> first.title, first.source.endswith("细则》(一) 第三条")
('regular joint meeting', True)
>>> zh = obligations(load_charter("yangxin-2022"), 2026, lang="zh")
>>> next(i for i in zh if i.kind == "meeting").title
'联席会议例会'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

from governance_rules._calendar import WorkingCalendar
from governance_rules._calendar.ics import IcsEvent, to_ics
from governance_rules._calendar.windows import Window
from governance_rules._charter.loader import as_charter
from governance_rules._charter.meetings import MeetingRule, WindowKind
from governance_rules._charter.model import Charter
from governance_rules._charter.rotation import RotationChoice, holders
from governance_rules._charter.types import Rule
from governance_rules._i18n import has_text, normalize_lang, text
from governance_rules.errors import CalendarError, DateOutOfRangeError

__all__ = ["Obligation", "body_label", "body_labels", "obligations", "obligations_ics"]

_WHOLE_PERIOD = (WindowKind.PERIOD, WindowKind.AGREED)


@dataclass(frozen=True)
class Obligation:
    """One dated duty of a charter in a year."""

    kind: str
    """meeting, notice, agenda, summary, report, publicity or evaluation."""
    title: str
    start: date
    end: date
    responsible: tuple[str, ...]
    source: str
    rule: str
    """The dotted path of the rule in the charter."""
    convener: tuple[str, ...] = ()
    count: int = 1
    provisional: bool = False
    details: Mapping[str, str] = field(default_factory=dict)
    """Extra facts of the duty (``to``: who a report goes to; ``approved_by``), read-only."""
    working_days: int | None = None
    """Working days from ``start`` to ``end`` in the calendar used."""
    moved_from: Window | None = None
    """The window as the charter states it, where it held no working day and its end
    moved to the first working day after it (民法典 第203条, as ``govrules deadline``)."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        data: dict[str, Any] = {
            "kind": self.kind,
            "title": self.title,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "responsible": list(self.responsible),
            "source": self.source,
            "rule": self.rule,
            "provisional": self.provisional,
        }
        if self.working_days is not None:
            data["working_days"] = self.working_days
        if self.moved_from is not None:
            data["moved_from"] = self.moved_from.to_dict()
        if self.kind == "meeting":
            data["convener"] = list(self.convener)
            data["count"] = self.count
        if self.details:
            data["details"] = dict(self.details)
        return data


def obligations(
    charter: Charter | str | os.PathLike[str],
    year: int,
    calendar: WorkingCalendar | None = None,
    lang: str = "en",
    *,
    rotation: RotationChoice | None = None,
) -> list[Obligation]:
    """Every dated duty of ``charter`` in ``year``, sorted by start date.

    Each duty follows the rules in force on the day its window starts (see
    ``Charter.at``): an amendment taking effect during ``year`` governs the windows
    that start on or after its day, as the engine pins an item to the rules of the
    day it starts. Titles
    and citations are in ``lang`` (``en`` or ``zh``); body ids stay ids. Conveners
    come from :func:`governance_rules._charter.rotation.holders`, as in the engine;
    where the charter leaves a rotation's order to the community and no
    ``rotation`` choice is given, a meeting's convener is left empty.

    Raises:
        CharterError: ``charter`` is an id or a file that does not load.
        CalendarError: ``year`` is not a year of the calendar's data.
    """
    charter = as_charter(charter)
    cal = calendar or WorkingCalendar.china()
    if type(year) is not int or not cal.first_date.year <= year <= cal.last_date.year:
        raise CalendarError(
            "not a year of the calendar",
            where="year",
            got=year,
            allowed=f"a whole year from {cal.first_date.year} to {cal.last_date.year}",
        )
    changes = sorted(
        {a.effective for a in charter.amendments if year == a.effective.year}
        - {date(year, 1, 1)}  # one from 1 January governs the whole year
    )
    # one stretch per set of rules in force during the year: [from, until)
    bounds: list[date | None] = [None, *changes, None]
    items: list[Obligation] = []
    for start, until in pairwise(bounds):
        ch = charter.at(start or date(year, 1, 1))
        builder = _Builder(ch, year, cal, normalize_lang(lang), rotation, stretch=(start, until))
        builder.meetings()
        builder.information()
        builder.evaluation()
        items += builder.items
    return sorted(items, key=lambda o: (o.start, o.end, o.kind, o.rule))


def obligations_ics(
    charter: Charter, year: int, items: Iterable[Obligation], lang: str = "en"
) -> bytes:
    """The obligations as an iCalendar file (all-day events, UIDs stable across runs).

    Titles come from ``items`` (build them with the same ``lang``); the calendar's
    name and the responsible bodies are written in ``lang``.
    """
    events = [
        IcsEvent(
            key=f"{charter.id}-{item.rule}-{item.kind}-{item.start.isoformat()}",
            first=item.start,
            last=item.end,
            summary=item.title,
            description=item.source
            + "\n"
            + text("ics.responsible", lang, who=body_labels(charter, item.responsible, lang)),
            categories=(item.kind, charter.id),
        )
        for item in items
    ]
    return to_ics(f"{charter.title.get(lang)} {year}", events)


def body_label(charter: Charter, body: str, lang: str = "en") -> str:
    """The name of ``body`` in ``lang``: its label in the charter, else its kind's name.

    >>> from governance_rules._charter import load_charter
    >>> ch = load_charter("yangxin-2022")
    >>> body_label(ch, "owners_committee", "zh"), body_label(ch, "party_org")
    ('业主委员会', 'community Party organisation')
    """
    found = charter.bodies.get(body)
    if found is not None and found.label is not None:
        return found.label.get(lang)
    kind = found.kind.value if found is not None else body
    key = f"body.{kind}"
    return text(key, lang) if has_text(key) else body


def body_labels(charter: Charter, bodies: Iterable[str], lang: str = "en") -> str:
    """Several body names joined in ``lang`` (``-`` for none)."""
    names = [body_label(charter, b, lang) for b in bodies]
    return text("list_sep", lang).join(names) or "-"


class _Builder:
    def __init__(
        self,
        charter: Charter,
        year: int,
        cal: WorkingCalendar,
        lang: str,
        rotation: RotationChoice | None = None,
        *,
        stretch: tuple[date | None, date | None] = (None, None),
    ) -> None:
        self.rotation = rotation
        self.stretch = stretch
        """The days these rules apply to: windows starting from the first (``None``: any)
        and before the second (``None``: any)."""
        self.ch = charter
        self.lang = lang
        self.year = year
        self.cal = cal
        self.items: list[Obligation] = []
        self.provisional = cal.is_provisional(year)

    def in_force(self, windows: list[Window]) -> list[Window]:
        """The windows not over before the charter takes effect, and starting while
        these rules are in force (an amendment governs the windows from its day)."""
        effective = self.ch.effective
        start, until = self.stretch
        return [
            w
            for w in windows
            if (effective is None or w.end >= effective)
            and (start is None or w.start >= start)
            and (until is None or w.start < until)
        ]

    def on_the_calendar(self, window: Window) -> tuple[Window, Window | None]:
        """``window``, its end moved as a period's would be if it holds no working day.

        A fixed window such as "by the 5th" that falls wholly on days off ends, like a
        period, on the first working day after them (民法典 第203条): the rule
        ``govrules deadline`` applies. Returns the window and, if moved, the original.
        """
        settled = self.cal.settle(window)
        return settled, (None if settled == window else window)

    def first_working_day(self, window: Window) -> date:
        """The first working day of ``window`` (its start if it holds none)."""
        start = window.start
        if self.cal.is_working_day(start):
            return start
        following = self.cal.next_working_day(start)
        return following if following <= window.end else start

    def add(self, rule: Rule, path: str, kind: str, title: str, window: Window, **kw: Any) -> None:
        window, moved = self.on_the_calendar(window)
        self.items.append(
            Obligation(
                kind=kind,
                title=title,
                start=window.start,
                end=window.end,
                source=self.ch.citation(rule.source, self.lang),
                rule=path,
                provisional=self.provisional,
                working_days=self.cal.working_days_in(window.start, window.end),
                moved_from=moved,
                **kw,
            )
        )

    # -- meetings ---------------------------------------------------------------------
    def meetings(self) -> None:
        for key, rule in self.ch.meetings.items():
            if rule.cadence is None:
                continue
            windows = [
                self.on_the_calendar(w)[0]
                for w in self.in_force(rule.window.windows(self.year, rule.cadence))
            ]
            label = rule.label.get(self.lang) if rule.label else key.replace("_", " ")
            kind = "summary" if rule.kind.value.endswith("summary") else "meeting"
            # a window per cadence period holds `times` meetings; a listed month holds one
            per_period = rule.window.months is None and rule.window.kind in _WHOLE_PERIOD
            for window in windows:
                convener = self._convener(key, rule, window)
                self.add(
                    rule,
                    f"meetings.{key}",
                    kind,
                    label,
                    window,
                    responsible=convener,
                    convener=convener,
                    count=rule.cadence.times if per_period else 1,
                )
                self._leads(key, rule, window, label)

    def _convener(self, key: str, rule: MeetingRule, window: Window) -> tuple[str, ...]:
        found = holders(self.ch, "convener", key, window.start, self.rotation, delegates=False)
        return found or ()

    def _leads(self, key: str, rule: MeetingRule, window: Window, label: str) -> None:
        for name, part in (("notice", rule.notice), ("agenda", rule.agenda)):
            lead = part.lead if part is not None else None
            if part is None or lead is None or lead.period is None:
                continue
            # counted back from the first day the meeting can be held: a working day
            first = self.first_working_day(window)
            try:
                latest = self.cal.latest_before(first, lead.period).due
            except DateOutOfRangeError:  # due before the calendar's first year: not listed
                continue
            issuer = getattr(part, "issued_by", None) or getattr(part, "drafted_by", None)
            ahead = lead.period.zh if self.lang == "zh" else str(lead.period)
            day = first.isoformat()
            self.add(
                part,
                f"meetings.{key}.{name}",
                name,
                text(f"duty.{name}", self.lang, label=label, lead=ahead, day=day),
                Window(latest, latest),
                responsible=(issuer,) if issuer else (),
            )

    # -- information duties -------------------------------------------------------------
    def information(self) -> None:
        info = self.ch.information
        for key, report in info.periodic.items():
            if not report.dated:  # 定期 with no interval: nothing to date
                continue
            for window in self.in_force(report.window.windows(self.year, report.cadence)):
                self.add(
                    report,
                    f"information.periodic.{key}",
                    "report",
                    report.label.get(self.lang) if report.label else report.what,
                    window,
                    responsible=(report.by,) if report.by else (),
                    details={"to": ", ".join(report.to)} if report.to else {},
                )
        for key, item in info.publicity.items():
            if item.cadence is None:
                continue
            for window in self.in_force(item.cadence.periods(self.year)):
                self.add(
                    item,
                    f"information.publicity.{key}",
                    "publicity",
                    item.label.get(self.lang) if item.label else item.what,
                    window,
                    responsible=(item.by,) if item.by else (),
                )

    # -- appraisal ------------------------------------------------------------------------
    def evaluation(self) -> None:
        ev = self.ch.evaluation
        if ev is None:
            return
        for window in self.in_force(ev.window.windows(self.year, None)):
            self.add(
                ev,
                "evaluation",
                "evaluation",
                text(
                    "duty.evaluation",
                    self.lang,
                    subjects=body_labels(self.ch, ev.subjects, self.lang),
                ),
                window,
                responsible=(ev.organiser,),
                details={"approved_by": ev.approved_by} if ev.approved_by else {},
            )
