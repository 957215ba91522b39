"""Invariants of a charter read on its own and on the working-day calendar.

Each is a named function ``f(charter, *, calendar=None, years=...) -> list[Violation]``;
an empty list means the invariant holds. Dated invariants look at every window of
each year in ``years`` under the rules in force on 1 January of that year.

>>> from governance_rules import load_charter
>>> windows_have_working_days(load_charter("yangxin-2022"))
[]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from governance_rules._calendar import Window, WorkingCalendar
from governance_rules._charter import Charter
from governance_rules._charter.bodies import BodyKind
from governance_rules._charter.meetings import MeetingKind, MeetingRule, WindowKind
from governance_rules._charter.rotation import RotationChoice, holders, rotation_order
from governance_rules._obligations import obligations
from governance_rules._workflows import compile_workflow
from governance_rules.testing.arguments import years as checked_years
from governance_rules.testing.violations import Found, Violation, named

__all__ = [
    "DEFAULT_YEARS",
    "ladders_end_at_their_terminal_body",
    "minutes_due_on_a_working_day_after_the_meeting",
    "notice_due_by_the_first_working_day",
    "roles_held_by_members",
    "rotation_is_fair",
    "versions",
    "windows_have_working_days",
    "windows_hold_the_cadence",
]

DEFAULT_YEARS: tuple[int, ...] = (2025, 2026)
"""Years the dated invariants look at by default (both published by the State Council)."""

_CALENDAR: list[WorkingCalendar] = []


def _calendar(calendar: WorkingCalendar | None) -> WorkingCalendar:
    if calendar is not None:
        return calendar
    if not _CALENDAR:
        _CALENDAR.append(WorkingCalendar.china())
    return _CALENDAR[0]


def versions(charter: Charter) -> Iterator[tuple[str, Charter]]:
    """Each version of ``charter``: ``("", charter)`` then one per amendment, labelled
    ``"(in force from YYYY-MM-DD) "``."""
    yield "", charter
    for amendment in charter.amendments:
        yield (
            f"(in force from {amendment.effective.isoformat()}) ",
            charter.at(amendment.effective),
        )


def _windows(
    charter: Charter, years: Sequence[int]
) -> Iterator[tuple[str, MeetingRule, Window, Charter]]:
    """Every window of every meeting kind with a cadence, per year, under the rules then."""
    for year in years:
        ch = charter.at(date(year, 1, 1))
        for key, rule in ch.meetings.items():
            if rule.cadence is None:
                continue
            for window in rule.window.windows(year, rule.cadence):
                yield key, rule, window, ch


def _working_days(calendar: WorkingCalendar, window: Window) -> list[date]:
    return [d.date for d in calendar.days(window.start, window.end) if d.is_working]


def _meetings_per_window(rule: MeetingRule) -> int:
    assert rule.cadence is not None
    per_period = rule.window.months is None and rule.window.kind in (
        WindowKind.PERIOD,
        WindowKind.AGREED,
    )
    return rule.cadence.times if per_period else 1


def windows_have_working_days(
    charter: Charter,
    *,
    calendar: WorkingCalendar | None = None,
    years: Sequence[int] = DEFAULT_YEARS,
) -> list[Violation]:
    """Every window of a regular meeting has a working day for each meeting it must hold.

    A meeting is planned on a working day, so a window made only of rest days and
    holidays (1–3 October, say) cannot be kept as the charter states it. The engine
    then plans against the window settled by :meth:`WorkingCalendar.settle`, which
    ends on the first working day after it; the violation names that day, so a
    drafter sees both what the charter says and what will happen.
    """
    cal = _calendar(calendar)
    years = checked_years("years", years, cal)
    found: Found = []
    for key, rule, window, _ in _windows(charter, years):
        days = _working_days(cal, window)
        needed = _meetings_per_window(rule)
        if len(days) < needed:
            example = [f"window {window}: working days {[d.isoformat() for d in days]}"]
            settled = cal.settle(window)
            if settled != window:
                example.append(
                    f"the engine extends it to {settled} (a period ending on a day off ends "
                    f"on the next working day) and plans the meeting on {settled.end} at the "
                    "latest"
                )
            found.append(
                (
                    f"the {key} meeting's window {window} has {len(days)} working day(s) "
                    f"for {needed} meeting(s)",
                    (f"meetings.{key}.window", f"meetings.{key}.cadence"),
                    tuple(example),
                )
            )
    return named("windows_have_working_days", found)


def windows_hold_the_cadence(
    charter: Charter, *, years: Sequence[int] = DEFAULT_YEARS
) -> list[Violation]:
    """A year's windows of a regular meeting can hold the meetings its cadence asks for.

    A cadence of one meeting a month with windows in the even months only holds six
    meetings a year, not twelve: the engine plans the window's meetings and no more,
    while a reader of the cadence (and ``govrules compare``) expects twelve. A cadence
    whose period does not divide a year is not checked.
    """
    years = checked_years("years", years, _calendar(None))
    found: Found = []
    for year in years:
        version = charter.at(date(year, 1, 1))
        for key, rule in version.meetings.items():
            cadence = rule.cadence
            if cadence is None or 12 % cadence.months:
                continue
            asked = cadence.times * (12 // cadence.months)
            windows = list(rule.window.windows(year, cadence))
            held = len(windows) * _meetings_per_window(rule)
            if held < asked:
                found.append(
                    (
                        f"the {key} meeting's windows of {year} hold {held} meeting(s); its "
                        f"cadence ({cadence.describe()}) asks for {asked}",
                        (f"meetings.{key}.cadence", f"meetings.{key}.window"),
                        tuple(f"window {window}" for window in windows),
                    )
                )
    return named("windows_hold_the_cadence", found)


def notice_due_by_the_first_working_day(
    charter: Charter,
    *,
    calendar: WorkingCalendar | None = None,
    years: Sequence[int] = DEFAULT_YEARS,
) -> list[Violation]:
    """The notice (and agenda) for a meeting on a window's first working day is due by that day.

    Checked twice: the deadline the engine counts for a meeting on that day, and the
    deadline the year's calendar (``obligations``) publishes for the window.
    """
    cal = _calendar(calendar)
    years = checked_years("years", years, cal)
    found: Found = []
    published: dict[tuple[str, str, date], date] = {}
    for year in years:
        for item in obligations(charter, year, cal):
            if item.kind in ("notice", "agenda"):
                key = item.rule.split(".")[1]
                published.setdefault((key, item.kind, item.start), item.end)
    for key, rule, window, _ in _windows(charter, years):
        days = _working_days(cal, window)
        if not days:
            continue  # windows_have_working_days reports it
        first = days[0]
        for name, part in (("notice", rule.notice), ("agenda", rule.agenda)):
            lead = part.lead if part is not None else None
            if lead is None or lead.period is None:
                continue
            path = f"meetings.{key}.{name}.lead"
            due = cal.due_day(first, lead.period, before=True)
            if due > first:
                found.append(
                    (
                        f"the {name} for a {key} meeting on {first} is due after it, on {due}",
                        (path,),
                        (f"window {window}", f"meeting {first}", f"{name} due {due}"),
                    )
                )
            listed = [
                end
                for (k, n, start), end in published.items()
                if k == key and n == name and start <= first
            ]
            near = [end for end in listed if window.start - timedelta(days=400) <= end]
            if near and max(near) > first:
                found.append(
                    (
                        f"the year's calendar lists the {key} {name} due {max(near)}, after the "
                        f"window's first working day {first}",
                        (path,),
                        (f"window {window}",),
                    )
                )
    return named("notice_due_by_the_first_working_day", found)


def minutes_due_on_a_working_day_after_the_meeting(
    charter: Charter,
    *,
    calendar: WorkingCalendar | None = None,
    years: Sequence[int] = DEFAULT_YEARS,
) -> list[Violation]:
    """Minutes with a stated period are due on a working day after the meeting.

    Checked for a meeting held on every working day of every window (and, for
    meetings without a cadence, every working day of the years). Open timings
    (promptly, unspecified) and ``immediately`` are not periods and are skipped.
    """
    cal = _calendar(calendar)
    years = checked_years("years", years, cal)
    found: Found = []
    days_of_year = {y: _working_days(cal, Window(date(y, 1, 1), date(y, 12, 31))) for y in years}
    for year in years:
        ch = charter.at(date(year, 1, 1))
        for key, rule in ch.meetings.items():
            deadline = rule.minutes.deadline if rule.minutes is not None else None
            if deadline is None or deadline.period is None:
                continue
            if rule.cadence is None:
                held_days = days_of_year[year]
            else:
                held_days = [
                    d
                    for w in rule.window.windows(year, rule.cadence)
                    for d in _working_days(cal, w)
                ]
            for held in held_days:
                due = cal.due_day(held, deadline.period)
                if due <= held or not cal.is_working_day(due):
                    why = (
                        "on the meeting day, not after the meeting"
                        if due == held
                        else "before the meeting, not after it"
                        if due < held
                        else "on a day off, not a working day"
                    )
                    found.append(
                        (
                            f"the {key} meeting's minutes ({deadline}) are due {why}",
                            (f"meetings.{key}.minutes.deadline",),
                            (f"held {held.isoformat()}", f"minutes due {due.isoformat()}"),
                        )
                    )
    return named("minutes_due_on_a_working_day_after_the_meeting", found)


def _regular(charter: Charter) -> tuple[str, MeetingRule] | None:
    for key, rule in charter.meetings.items():
        if rule.kind is MeetingKind.REGULAR and rule.cadence is not None:
            return key, rule
    return None


def rotation_is_fair(
    charter: Charter,
    *,
    calendar: WorkingCalendar | None = None,
    years: Sequence[int] = DEFAULT_YEARS,
) -> list[Violation]:
    """A rotating role passes to each body once per full cycle, and the calendar agrees.

    Over the regular windows of ``years``, every run of ``n`` consecutive windows
    (``n`` rotating bodies) gives the role to each body exactly once, and the year's
    calendar (``obligations``) names the same convener as :func:`holders` for every
    window. Where the source leaves the order open, the order as listed, starting
    with the first window, stands for the community's choice.
    """
    cal = _calendar(calendar)
    years = checked_years("years", years, cal)
    found: Found = []
    for label, ch in versions(charter):
        regular = _regular(ch)
        if regular is None:
            continue
        key, rule = regular
        for role in sorted({*ch.roles, *rule.roles}):
            assignment = ch.role(role, key)
            if assignment is None or assignment.rotation is None:
                continue
            assert rule.cadence is not None
            windows = [w for y in years for w in rule.window.windows(y, rule.cadence)]
            choice = None
            if not assignment.rotation.order_stated:
                choice = RotationChoice(assignment.rotation.order, windows[0].start)
            order = rotation_order(ch, role, key, choice) or ()
            held = [
                (holders(ch, role, key, w.start, choice, delegates=False) or ("?",))[0]
                for w in windows
            ]
            n = len(order)
            for i in range(len(held) - n + 1):
                cycle = held[i : i + n]
                if sorted(cycle) != sorted(order):
                    found.append(
                        (
                            f"{label}the {role} rotation is not fair over {n} windows from "
                            f"{windows[i].start}: {', '.join(cycle)}",
                            (f"roles.{role}.rotation",),
                            tuple(
                                f"{w} {h}" for w, h in zip(windows[i : i + n], cycle, strict=True)
                            ),
                        )
                    )
                    break
            if role != "convener" or label:
                continue
            listed = {
                (o.start, o.end): o.convener
                for y in years
                for o in obligations(ch, y, cal, rotation=choice)
                if o.kind == "meeting" and o.rule == f"meetings.{key}"
            }
            for window, body in zip(windows, held, strict=True):
                shown = listed.get((window.start, window.end))
                if shown is not None and shown != (body,):
                    found.append(
                        (
                            f"the calendar names {', '.join(shown) or 'nobody'} as convener of "
                            f"the {key} meeting in {window}, the rotation {body}",
                            (f"roles.{role}.rotation", f"meetings.{key}"),
                            (f"window {window}",),
                        )
                    )
    return named("rotation_is_fair", found)


def ladders_end_at_their_terminal_body(charter: Charter) -> list[Violation]:
    """Every escalation ladder climbs strictly upwards and ends at its terminal body.

    Read from the compiled issue machine: each ``escalate`` edge leads from a level to
    a higher level of the same category (so no ladder has a cycle), the top level is
    handled by the category's ``terminal`` body, and that level has no way up.
    """
    found: Found = []
    for label, ch in versions(charter):
        workflow = compile_workflow(ch, "issue")
        for name, category in ch.issues.items():
            prefix = f"handling.{name}."
            levels = sorted(
                {s[len(prefix) :].split(".")[0] for s in workflow.states if s.startswith(prefix)},
                key=lambda level: int(level[1:].split("_")[0]),
            )
            index = {level: int(level[1:].split("_")[0]) for level in levels}
            for (state, trigger), edges in workflow.table.items():
                if trigger != "escalate" or not state.startswith(prefix):
                    continue
                here = state[len(prefix) :].split(".")[0]
                for _, dest in edges:
                    there = dest[len(prefix) :].split(".")[0] if dest.startswith(prefix) else None
                    if there is None or index[there] <= index[here]:
                        found.append(
                            (
                                f"{label}escalating from {state} leads to {dest}, not up the "
                                f"{name} ladder",
                                (f"issues.{name}.ladder",),
                                (f"{state} --escalate--> {dest}",),
                            )
                        )
            if not levels:
                continue
            top = levels[-1]
            handler = top.split("_", 1)[1]
            if handler != category.terminal:
                found.append(
                    (
                        f"{label}the {name} ladder ends at {handler}, not at its terminal body "
                        f"{category.terminal}",
                        (f"issues.{name}.ladder", f"issues.{name}.terminal"),
                        (),
                    )
                )
            climbs = category.ladder[-1].escalate_on if category.ladder else ()
            if climbs or any(
                s.startswith(f"{prefix}{top}.") and t == "escalate" for s, t in workflow.table
            ):
                found.append(
                    (
                        f"{label}the top level {top} of the {name} ladder can escalate further",
                        (f"issues.{name}.ladder[{len(levels) - 1}].escalate_on",),
                        (),
                    )
                )
    return named("ladders_end_at_their_terminal_body", found)


_OFFICE_KINDS = (BodyKind.MEETING_OFFICE, BodyKind.JOINT_MEETING)


def roles_held_by_members(charter: Charter) -> list[Violation]:
    """Every role (charter-wide and per meeting kind) is held by a member body.

    The joint meeting's own office may hold administrative roles (recorder,
    secretary) without being a member; a ``delegate`` acts by delegation and need
    not be a member either.
    """
    found: Found = []
    for label, ch in versions(charter):
        members = set(ch.member_bodies)
        assignments = [(f"roles.{n}", n, a) for n, a in ch.roles.items()]
        assignments += [
            (f"meetings.{k}.roles.{n}", n, a)
            for k, m in ch.meetings.items()
            for n, a in m.roles.items()
        ]
        for path, role, assignment in assignments:
            for body in assignment.in_person():
                if body in members:
                    continue
                kind = ch.bodies[body].kind if body in ch.bodies else None
                if kind in _OFFICE_KINDS:
                    continue
                membership = ch.bodies[body].membership.value if body in ch.bodies else "unknown"
                found.append(
                    (
                        f"{label}the {role} role is held by {body}, which is not a member "
                        f"body ({membership})",
                        (path, f"bodies.{body}"),
                        (),
                    )
                )
    return named("roles_held_by_members", found)
