"""The committee-term workflow: election, filing, changes, re-election and its lateness.

new → elected → active (filed) → re-election due → re-elected → handed over; a
term whose end passes without re-election becomes overdue and the charter says who
then organises it (e.g. the residents' committee). Deadlines: first meeting,
filing, change reports and handover, counted from their events; composition is
checked at every election and change (size, odd number; Party-member share as a
target that is reported, not enforced).
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from governance_rules.charter import Charter, TermRule
from governance_rules.charter.terms import TimedDuty
from governance_rules.workflows.core import (
    Command,
    Context,
    Guard,
    Instance,
    Timer,
    Transition,
    Workflow,
    expand_self_loops,
)

__all__ = ["term_end", "term_workflow"]

STATES = ("new", "elected", "active", "reelection_due", "overdue", "reelected", "handed_over")
SERVING = ("elected", "active", "reelection_due", "overdue")


def _term(instance: Instance, ctx: Context) -> TermRule:
    return ctx.charter.terms[instance.data["term"]]


def term_end(rule: TermRule, elected_on: date) -> date | None:
    """The last day of a term elected on ``elected_on``; ``None`` if the charter sets no length."""
    if rule.term is None or rule.term.length.period is None:
        return None
    period = rule.term.length.period
    return elected_on + period.delta - timedelta(days=1)


# -- who ---------------------------------------------------------------------------------------
def _the_body(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
    return (_term(instance, ctx).body,)


def _reelection_organisers(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
    rule = _term(instance, ctx)
    extra = rule.on_overdue.by if instance.state == "overdue" and rule.on_overdue else None
    return tuple(dict.fromkeys((rule.body, "owners_assembly", *([extra] if extra else []))))


def _system(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
    return ("system",)


# -- guards and effects --------------------------------------------------------------------------
def _composition(instance: Instance, command: Command, ctx: Context) -> str | None:
    rule = _term(instance, ctx)
    members = command.args.get("members")
    if not isinstance(members, int) or members < 1:
        return "give the number of members"
    if rule.size is not None and not rule.size.allows(members):
        parts = [f"{rule.size.min or 1}–{rule.size.max or '∞'}"]
        if rule.size.odd:
            parts.append("an odd number")
        return f"{members} members: the charter requires {', '.join(parts)}"
    return None


def _pending_change(instance: Instance, command: Command, ctx: Context) -> str | None:
    return None if instance.data.get("change_on") else "no member change awaits a report"


def _targets(rule: TermRule, members: int, command: Command) -> list[str]:
    notes = []
    for target in rule.composition:
        count = command.args.get(target.what)
        if isinstance(count, int) and Fraction(count, members) < target.at_least:
            notes.append(f"{target.what}: {count} of {members}, target {target.at_least}")
    return notes


def _elect(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    rule = _term(instance, ctx)
    members = int(command.args["members"])
    end = term_end(rule, command.on)
    return {
        "elected_on": command.on.isoformat(),
        "members": members,
        "seats": members,
        "term_end": end.isoformat() if end else None,
        "first_meeting_on": None,
        "filed_on": None,
        "change_on": None,
        "late": [],
        "targets_missed": _targets(rule, members, command),
    }


def _new_term(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    data = _elect(instance, command, ctx)
    return {
        **data,
        "reelected_on": command.on.isoformat(),
        "previous_end": instance.data["term_end"],
    }


def _change(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    members = int(command.args["members"])
    below_half = members * 2 < instance.data["seats"]
    return {
        "members": members,
        "change_on": command.on.isoformat(),
        "below_half": below_half,
        "targets_missed": _targets(_term(instance, ctx), members, command),
    }


def _stamp(name: str, **extra: Any) -> Any:
    def effect(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
        return {name: command.on.isoformat(), **extra}

    return effect


def _late(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    return {"late": [*instance.data["late"], command.args["duty"]]}


# -- timers --------------------------------------------------------------------------------------
def _timer(
    duty: TimedDuty | None, name: str, start: str | None, ctx: Context, instance: Instance
) -> Timer | None:
    if duty is None or start is None or duty.within.period is None:
        return None
    if name in instance.data["late"]:
        return None
    begin = date.fromisoformat(start)
    due = ctx.calendar.due(begin, duty.within.period).due
    rule = f"terms.{instance.data['term']}.{name}"
    return Timer(
        due,
        "duty_late",
        {"duty": name},
        rule,
        f"{name} within {duty.within} of {start}: due {due.isoformat()}",
    )


def _timers(instance: Instance, ctx: Context) -> list[Timer]:
    if instance.state not in (*SERVING, "reelected"):
        return []
    rule, data = _term(instance, ctx), instance.data
    found = []
    if data["first_meeting_on"] is None:
        found.append(
            _timer(rule.first_meeting, "first_meeting", data["elected_on"], ctx, instance)
        )
    if data["filed_on"] is None:
        found.append(_timer(rule.filing, "filing", data["elected_on"], ctx, instance))
    if data["change_on"]:
        found.append(_timer(rule.change_report, "change_report", data["change_on"], ctx, instance))
    if instance.state == "reelected" and rule.handover:
        found.append(_timer(rule.handover, "handover", data["reelected_on"], ctx, instance))
    end = data.get("term_end")
    if end and instance.state in ("elected", "active"):
        lead = rule.reelection_lead
        if lead is not None and lead.within.period is not None:
            starts = date.fromisoformat(end) + timedelta(days=1) - lead.within.period.delta
            found.append(
                Timer(
                    starts - timedelta(days=1),
                    "reelection_due",
                    {},
                    f"terms.{data['term']}.reelection_lead",
                    f"re-election organised {lead.within} before the term ends "
                    f"on {end}: from {starts.isoformat()}",
                )
            )
    if end and instance.state in ("elected", "active", "reelection_due"):
        found.append(
            Timer(
                date.fromisoformat(end),
                "term_expired",
                {},
                f"terms.{data['term']}.term",
                f"the term ends on {end}",
            )
        )
    return [t for t in found if t is not None]


def term_workflow(charter: Charter) -> Workflow:
    """The committee-term workflow of ``charter``."""
    size = Guard("composition", _composition, "terms.*.size")
    t = Transition
    transitions = [
        t("elect", ("new",), "elected", None, "anyone", (size,), _elect, "terms.*.size"),
        t(
            "hold_first_meeting",
            SERVING,
            "same",
            _the_body,
            "the committee",
            effect=_stamp("first_meeting_on"),
            rule="terms.*.first_meeting",
        ),
        t(
            "file",
            ("elected",),
            "active",
            _the_body,
            "the committee",
            effect=_stamp("filed_on"),
            rule="terms.*.filing",
        ),
        t(
            "change_members",
            ("active", "reelection_due", "overdue"),
            "same",
            _the_body,
            "the committee",
            (size,),
            _change,
            "terms.*.change_report",
        ),
        t(
            "report_change",
            ("active", "reelection_due", "overdue"),
            "same",
            _the_body,
            "the committee",
            (Guard("pending_change", _pending_change),),
            lambda i, c, x: {"change_on": None, "change_reported_on": c.on.isoformat()},
        ),
        t("reelection_due", ("elected", "active"), "reelection_due", _system, "the system"),
        t(
            "term_expired",
            ("elected", "active", "reelection_due"),
            "overdue",
            _system,
            "the system",
            effect=_stamp("overdue_on"),
            rule="terms.*.on_overdue",
        ),
        t(
            "reelect",
            ("reelection_due", "overdue"),
            "reelected",
            _reelection_organisers,
            "the committee, the owners' assembly, or (when overdue) the charter's organiser",
            (size,),
            _new_term,
            "terms.*.on_overdue",
        ),
        t(
            "hand_over",
            ("reelected",),
            "handed_over",
            _the_body,
            "the outgoing committee",
            effect=_stamp("handed_over_on"),
            rule="terms.*.handover",
        ),
        t("duty_late", (*SERVING, "reelected"), "same", _system, "the system", effect=_late),
    ]
    return Workflow(
        "term",
        charter,
        STATES,
        "new",
        expand_self_loops(transitions),
        timers=_timers,
        requires={
            "duty_late": ("duty",),
            "change_members": ("members",),
            "elect": ("members",),
            "reelect": ("members",),
        },
    )
