"""The numbers that matter, per charter: meetings, leads, deadlines, decisions, ladders, appraisal.

Each figure is a :class:`Figure`: its key, the typed value it is compared on
(``None`` where the charter sets none), what is shown, and the rule path it comes
from (for the citation). A ladder's worst case counts the reply deadline of every
level before the last, one after the other, on the working-day calendar from a
stated start day: the latest day an issue reported that day can reach the last
level if every handler uses its full time. Where a level before the last has no
reply deadline with a number, the worst case is unspecified: nothing is invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter import Charter
from governance_rules._charter.issues import IssueCategory
from governance_rules._charter.meetings import Cadence, MeetingKind
from governance_rules._charter.types import Timing, TimingKind
from governance_rules._compare.leaves import show
from governance_rules._compare.order import KIND_BASE, Share
from governance_rules._i18n import text
from governance_rules.errors import DateOutOfRangeError

__all__ = ["Figure", "LadderWorstCase", "PartlyStated", "Span", "figures", "ladder_worst_case"]


@dataclass(frozen=True, slots=True)
class Figure:
    """One number that matters, for one charter.

    Attributes:
        key: What it is: ``regular_meetings_per_year``, ``issues.routine.worst_case`` …
        value: The typed value figures are compared on; ``None`` if the charter sets none.
        shown: The value as a reader sees it (``unspecified`` where none; the words
            around the value, and ``unspecified``, in the comparison's language).
        path: The rule path it comes from, or ``None``.
    """

    key: str
    value: object
    shown: str
    path: str | None


@dataclass(frozen=True, slots=True)
class LadderWorstCase:
    """The longest an issue can take to reach a ladder's last level.

    Attributes:
        start: The day the issue is reported.
        working_days: Working days from ``start`` to ``reaches``; ``None`` if unspecified.
        reaches: The day the last level is reached at the latest; ``None`` if unspecified.
        missing: Why it is unspecified: the first level with no reply deadline.
        unknown: Why it cannot be worked out: it ends after the calendar's data.
    """

    start: date
    working_days: int | None
    reaches: date | None
    missing: str | None = None
    unknown: str | None = None


def ladder_worst_case(
    category: IssueCategory, path: str, start: date, calendar: WorkingCalendar
) -> LadderWorstCase:
    """The reply deadlines of every level but the last, counted one after the other.

    >>> from governance_rules._charter import load_charter
    >>> questions = load_charter("pm-liaison-bimonthly").issues["oc_questions"]
    >>> worst = ladder_worst_case(questions, "issues.oc_questions", date(2026, 9, 28),
    ...                           WorkingCalendar.china())
    >>> worst.working_days, worst.reaches  # 3 days end in National Day: moved to its end
    (3, datetime.date(2026, 10, 8))
    """
    day = start
    for index, level in enumerate(category.ladder[:-1]):
        reply = level.deadlines.reply
        if reply is None or (reply.period is None and reply.kind is not TimingKind.IMMEDIATELY):
            shown = "none" if reply is None else str(reply)
            missing = f"{path}.ladder[{index}].deadlines.reply: {shown}"
            return LadderWorstCase(start, None, None, missing)
        if reply.period is not None:
            try:
                day = calendar.due_day(day, reply.period)
            except DateOutOfRangeError:
                last = calendar.last_date.isoformat()
                why = f"ends after the calendar's last day, {last}"
                return LadderWorstCase(start, None, None, unknown=why)
    return LadderWorstCase(start, calendar.working_days_between(start, day), day)


def _regular(charter: Charter) -> list[str]:
    return [k for k, m in charter.meetings.items() if m.kind is MeetingKind.REGULAR]


def figures(
    charter: Charter, start: date, calendar: WorkingCalendar, lang: str = "en"
) -> list[Figure]:
    """The numbers that matter for ``charter``; ladders counted from ``start``.

    >>> from governance_rules._charter import load_charter
    >>> found = {f.key: f.shown for f in figures(load_charter("yangxin-2022"),
    ...                                          date(2026, 9, 28), WorkingCalendar.china())}
    >>> found["regular_meetings_per_year"], found["issues.routine.depth"]
    ('6', '2')
    >>> found = {f.key: f.shown for f in figures(load_charter("pm-liaison-bimonthly"),
    ...                                          date(2026, 9, 28), WorkingCalendar.china(), "zh")}
    >>> found["issues.oc_questions.worst_case_working_days"], found["evaluation.window"]
    ('3个工作日（至 2026-10-08）', '未规定')
    """
    none = text("compare.unspecified", lang)
    out: list[Figure] = []
    regular = _regular(charter)
    out.append(_meetings_per_year(charter, regular, lang))
    for key in regular:
        meeting = charter.meetings[key]
        base = f"meetings.{key}"
        if meeting.cadence is not None:
            count, most = _per_year(meeting.cadence)
            out.append(Figure(f"{base}.per_year", _value(count, most), _span(count, most),
                              f"{base}.cadence"))  # fmt: skip
        else:  # held "regularly" (定期) with no interval, or with none at all: not stated
            where = f"{base}.recurs" if meeting.recurs is not None else base
            out.append(Figure(f"{base}.per_year", None, none, where))
        lead = meeting.notice.lead if meeting.notice else None
        out.append(_timing(f"{base}.notice.lead", lead, f"{base}.notice.lead", lang))
        deadline = meeting.minutes.deadline if meeting.minutes else None
        out.append(_timing(f"{base}.minutes.deadline", deadline, f"{base}.minutes.deadline", lang))
    for key, meeting in charter.meetings.items():
        if meeting.decision is not None:
            out.extend(_decision(f"meetings.{key}.decision", meeting.decision, lang))
    for key, matter in charter.matters.items():
        out.extend(_decision(f"matters.{key}.decision", matter.decision, lang))
    for key, category in charter.issues.items():
        base = f"issues.{key}"
        out.append(Figure(f"{base}.depth", len(category.ladder), str(len(category.ladder)),
                          f"{base}.ladder"))  # fmt: skip
        worst = ladder_worst_case(category, base, start, calendar)
        if worst.unknown is not None:
            last = calendar.last_date.isoformat()
            shown = text("compare.worst_case_unknown", lang, last=last)
        elif worst.working_days is None:
            shown = text("compare.worst_case_missing", lang, missing=worst.missing)
        else:
            one = "compare.worst_case_one" if worst.working_days == 1 else "compare.worst_case"
            shown = text(one, lang, n=worst.working_days, day=worst.reaches)
            assert worst.reaches is not None
            guessed = calendar.provisional_years(start, worst.reaches)
            if guessed:
                years = ", ".join(map(str, guessed))
                shown += text("compare.provisional", lang, years=years)
        out.append(Figure(f"{base}.worst_case_working_days", worst.working_days, shown,
                          f"{base}.ladder"))  # fmt: skip
    out.extend(_appraisal(charter, lang))
    return out


def _per_year(cadence: Cadence) -> tuple[Fraction, Fraction]:
    """The meetings a year a cadence asks for, and the most it allows (alternatives such
    as "every half month or every month" allow more than they ask)."""
    return Fraction(cadence.times * 12, cadence.months), Fraction(
        cadence.most * 12, cadence.months
    )


@dataclass(frozen=True, slots=True)
class Span:
    """Meetings a year where the charter allows more than it asks for: the same as
    another span only when both ends are, and ``different`` from any single number
    (as the cadences themselves are).

    Attributes:
        low: The meetings a year asked for.
        high: The most allowed.
    """

    low: Fraction
    high: Fraction


def _value(count: Fraction, most: Fraction) -> Fraction | Span:
    return count if most == count else Span(count, most)


def _span(count: Fraction, most: Fraction) -> str:
    """``'12'``, or ``'12 to 24'`` where more are allowed than asked for."""
    return str(count) if most == count else f"{count} to {most}"


@dataclass(frozen=True, slots=True)
class PartlyStated:
    """A total of which some parts are not stated: never a number, never the stated part.

    Two such totals are the same only when both parts are; otherwise they are
    ``different`` (neither can be ordered against a number or the other).

    Attributes:
        stated: The sum of the parts that are stated.
        unstated: The keys of the parts that are not.
    """

    stated: Fraction
    unstated: tuple[str, ...]


def _meetings_per_year(charter: Charter, regular: list[str], lang: str) -> Figure:
    """The regular meetings a year in total: ``unspecified`` where the charter has no
    regular meeting, or where any regular meeting states no interval (held "regularly",
    定期, or with no cadence at all): a meeting with no interval adds no number, not 0.

    >>> from governance_rules._charter import load_charter
    >>> _meetings_per_year(load_charter("estate-mechanisms"), ["owners_assembly"], "en").shown
    'unspecified (no interval: owners_assembly)'
    """
    if not regular:
        return Figure("regular_meetings_per_year", None, text("compare.unspecified", lang), None)
    dated = [k for k in regular if charter.meetings[k].cadence is not None]
    unstated = tuple(k for k in regular if k not in dated)
    spans = [_per_year(c) for k in dated if (c := charter.meetings[k].cadence) is not None]
    stated = sum((low for low, _ in spans), Fraction(0))
    most = sum((high for _, high in spans), Fraction(0))
    path = f"meetings.{dated[0]}.cadence" if dated else f"meetings.{unstated[0]}"
    if not unstated:
        return Figure("regular_meetings_per_year", _value(stated, most), _span(stated, most),
                      path)  # fmt: skip
    keys = ", ".join(unstated)
    if not dated:
        return Figure("regular_meetings_per_year", None,
                      text("compare.per_year_none", lang, keys=keys), path)  # fmt: skip
    shown = text("compare.per_year_partly", lang, n=stated, keys=keys)
    return Figure("regular_meetings_per_year", PartlyStated(stated, unstated), shown, path)


def _timing(key: str, value: object, path: str, lang: str) -> Figure:
    """A timing's figure: the value as the charter states it, or ``unspecified`` (in
    ``lang``) where the charter sets none or says the source gives none."""
    none = value is None or (
        isinstance(value, Timing) and value.kind is TimingKind.UNSPECIFIED and not value.word
    )
    return Figure(key, value, text("compare.unspecified", lang) if none else show(value), path)


def _decision(base: str, decision: object, lang: str) -> list[Figure]:
    """A decision rule's kind, threshold and base; the base is the kind's own where the
    charter names none (a majority of all members counts all members), and the threshold
    is compared together with it."""
    from governance_rules._charter.meetings import DecisionSpec  # noqa: PLC0415

    assert isinstance(decision, DecisionSpec)
    whole = decision.base or KIND_BASE.get(decision.kind)
    counted = whole or text("compare.unspecified", lang)
    threshold = decision.threshold
    share = Share(threshold, whole) if threshold is not None else None
    shown = show(threshold) if threshold is not None else text("compare.unspecified", lang)
    return [
        Figure(f"{base}.kind", decision.kind, decision.kind, base),
        Figure(f"{base}.threshold", share, shown, base),
        Figure(f"{base}.base", whole, counted, base),
    ]


def _appraisal(charter: Charter, lang: str) -> list[Figure]:
    ev = charter.evaluation
    none = text("compare.unspecified", lang)
    out = [
        Figure("evaluation.window", ev.window if ev else None,
               show(ev.window, lang) if ev else none, "evaluation.window" if ev else None)
    ]  # fmt: skip
    for name in ("publicity", "objection_period", "approved_by"):
        value = getattr(ev, name) if ev else None
        out.append(_timing(f"evaluation.{name}", value, f"evaluation.{name}", lang))
    bands = tuple(b.name for b in ev.grade_bands) if ev else ()
    out.append(
        Figure(
            "evaluation.grade_bands",
            bands or None,
            show(bands) if bands else none,
            "evaluation.grade_bands",
        )
    )
    for key, grading in charter.grading.items():
        names = tuple(b.label.get(lang) for b in grading.bands)
        out.append(
            Figure(
                f"grading.{key}.bands",
                names or None,
                show(names) if names else none,
                f"grading.{key}.bands",
            )
        )
    return out
