"""The committee-term workflow: election, filing, changes, re-election and handover.

Compiled per term rule of the charter (one compound state each): ``elected``, then
``active`` once filed (straight to ``active`` where the charter sets no filing),
``reelection_due`` only where it sets a re-election lead, ``overdue`` only where
it sets a term length, ``reelected``, and ``handed_over`` only where it sets a
handover. The commands follow the rule too: ``hold_first_meeting``, ``report_change``
and ``hand_over`` exist only where the charter sets a first meeting, a change report
or a handover, and ``give_notice`` (with ``ended``, reached on the contract's last
day) only where it sets a contract notice (民法典 第946–948条: dismissal, non-renewal,
ending an open-ended contract). Composition is checked at
every election and re-election (size, odd number; a Party-member share is a target
that is reported, not enforced); a member change records what happened, up to the
largest size, and one that leaves fewer than half the seats filled lets the committee
be re-elected early where the charter says so (``below_half_members``). A committee
serves one term at a time: a second ``elect`` while a term of it has not ended is
refused, its next term being the ``reelect`` of that one.

One stream follows one committee through its terms, so it has no final state: once
the outgoing committee hands over, the re-elected one serves (``handed_over``; where
the charter sets no handover, at once, in ``reelected``) with its own term end,
filing, re-election lead and expiry, and its ``reelect`` starts the next round
(``reelection_due`` → ``reelected`` → ``handed_over`` again).

Day counting: a term's last day, and every duty counted from an election or a
change, follow the calendar's civil-code rule (民法典 第201–203条: the election day
is not counted; see docs/calendar.md) — exactly what ``govrules deadline`` says. A
re-election lead is counted back from the term's last day the same way
(``WorkingCalendar.latest_before``).

>>> from datetime import date
>>> from governance_rules._calendar import WorkingCalendar
>>> from governance_rules._charter import load_charter
>>> rule = load_charter("cn-national-baseline").terms["owners_committee"]
>>> term_end(WorkingCalendar.china(), rule, date(2024, 5, 18))
datetime.date(2029, 5, 18)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from governance_rules._charter import Charter, TermRule
from governance_rules._charter.terms import TimedDuty
from governance_rules._workflows.core import (
    SYSTEM_ONLY,
    Command,
    Context,
    Guard,
    Instance,
    Timer,
    Transition,
    Workflow,
    fixed,
    late_once,
    record_late,
    refused,
    stamp,
)
from governance_rules._workflows.timers import provisional, timer
from governance_rules.errors import DateOutOfRangeError

if TYPE_CHECKING:
    from governance_rules._calendar import WorkingCalendar

__all__ = ["TermData", "term_end", "term_workflow"]


@dataclass(frozen=True, slots=True)
class TermData:
    """What a committee term holds."""

    term: str
    elected_on: date
    members: int
    """The number of members elected (0 where the charter counts none and none was given:
    a property-service contract)."""
    seats: int
    term_end: date | None = None
    first_meeting_on: date | None = None
    filed_on: date | None = None
    change_on: date | None = None
    change_reported_on: date | None = None
    below_half: bool = False
    overdue_on: date | None = None
    reelected_on: date | None = None
    previous_end: date | None = None
    handed_over_on: date | None = None
    notice_on: date | None = None
    """The day notice was given that the contract ends (``give_notice``)."""
    notice_by: str | None = None
    notice_rule: str | None = None
    """Which notice it was: notice_to_end, nonrenewal_notice or open_ended_notice."""
    ends_on: date | None = None
    """The contract's last day under that notice."""
    ended_on: date | None = None
    late: tuple[str, ...] = ()
    targets_missed: tuple[str, ...] = ()


def term_end(calendar: WorkingCalendar, rule: TermRule, elected_on: date) -> date | None:
    """The last day of a term elected on ``elected_on`` (``None``: the charter sets no length)."""
    if rule.term is None or rule.term.length.period is None:
        return None
    return calendar.due(elected_on, rule.term.length.period).due


def _rule(instance: Instance, ctx: Context) -> TermRule:
    return ctx.charter.terms[instance.data.term]


# -- who ---------------------------------------------------------------------------------------
def _electors(rule: TermRule) -> Any:
    def who(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
        extra: tuple[str, ...] = ()
        if instance.state.endswith(".overdue") and rule.on_overdue and rule.on_overdue.by:
            extra = (rule.on_overdue.by,)
        return tuple(dict.fromkeys((*rule.elected_by, *extra)))

    return who


# -- guards and effects --------------------------------------------------------------------------
def counts_members(rule: TermRule) -> bool:
    """Whether the charter counts the members of what ``rule`` governs: a size,
    composition targets, a re-election when fewer than half remain, or a report of
    member changes. A property-service contract counts none: it is elected (engaged)
    without a number of members, and has no member changes."""
    return bool(
        rule.size is not None
        or rule.composition
        or rule.below_half_members is not None
        or rule.change_report is not None
    )


def _size_guard(key: str, rule: TermRule) -> Guard:
    label = None
    if rule.size is not None:
        label = f"size {rule.size.min or 1}–{rule.size.max or '∞'}" + (
            ", odd" if rule.size.odd else ""
        )

    counted = counts_members(rule)

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        if not counted and command.args.get("members") is None:
            return None  # the charter counts no members here: none need be given
        members = _members(command)
        if isinstance(members, str):  # why it is not a number of members
            return members
        if rule.size is not None and not rule.size.allows(members):
            parts = [f"{rule.size.min or 1}–{rule.size.max or '∞'}"]
            if rule.size.odd:
                parts.append("an odd number")
            return f"{members} members: the charter requires {', '.join(parts)}"
        return None

    return Guard("composition", check, f"terms.{key}.size", label)


def _members(command: Command) -> int | str:
    """The command's number of members, or why it is not one."""
    members = command.args.get("members")
    if type(members) is not int or members < 1:
        return refused("give the number of members as a whole number of 1 or more", members)
    return members


def _counts_guard(key: str, rule: TermRule) -> Guard:
    """Only the counts the charter's composition targets name (a misspelt one would
    otherwise go unchecked and be stored)."""
    known = tuple(t.what for t in rule.composition)

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        for name in command.args:
            if name not in _OWN_ARGS and name not in known:
                shown = repr(name[:40]) + ("…" if len(name) > 40 else "")
                allowed = ", ".join(known) or "none"
                return f"the term rule has no composition count {shown}; its counts: {allowed}"
        return None

    return Guard("composition counts", check, f"terms.{key}.composition")


_OWN_ARGS = frozenset({"term", "members", "serving"})


def _change_guard(key: str, rule: TermRule) -> Guard:
    """A member change records what happened: the size rule binds an election, and a
    committee left short or with an even number by a departure is still the committee
    (fewer than half its seats is the charter's own case, ``below_half_members``); a
    change may not take it past the charter's largest size."""
    top = rule.size.max if rule.size is not None else None

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        members = _members(command)
        if isinstance(members, str):  # why it is not a number of members
            return members
        if top is not None and members > top:
            return f"{members} members: the charter allows at most {top}"
        return None

    label = f"at most {top}" if top is not None else None
    return Guard("members", check, f"terms.{key}.size", label)


def _one_term(key: str, rule: TermRule) -> Guard:
    """A committee serves one term at a time: its next term is the ``reelect`` of this one.

    The legal baseline bounds a term (指导规则 第32条, 居委会组织法 第8条) and has the
    outgoing committee hand over to the one re-elected in its place; two terms of one
    committee at once would give it two term ends and two sets of duties.
    """

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        serving = command.args.get("serving") or ()
        if not serving:
            return None
        return (
            f"{key} already has a term that has not ended ({', '.join(serving)}): a committee "
            f"serves one term at a time; record its next term with 'reelect' on {serving[-1]}"
        )

    path = f"terms.{key}.term" if rule.term is not None else f"terms.{key}"
    return Guard("one term at a time", check, path)


def _pending_change(instance: Instance, command: Command, ctx: Context) -> str | None:
    return None if instance.data.change_on else "no member change awaits a report"


def _targets(rule: TermRule, members: int, command: Command) -> tuple[str, ...]:
    notes = []
    for target in rule.composition:
        count = command.args.get(target.what)
        if type(count) is int and Fraction(count, members) < target.at_least:
            notes.append(f"{target.what}: {count} of {members}, target {target.at_least}")
    return tuple(notes)


def _elect(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    key = command.args["term"] if instance.data is None else instance.data.term
    rule = ctx.charter.terms[key]
    members = command.args.get("members") or 0  # 0: the charter counts none, none given
    return {
        "term": key,
        "elected_on": command.on,
        "members": members,
        "seats": members,
        "term_end": term_end(ctx.calendar, rule, command.on),
        "first_meeting_on": None,
        "filed_on": None,
        "change_on": None,
        "late": (),
        "targets_missed": _targets(rule, members, command),
    }


def _new_term(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    changes = {
        **_elect(instance, command, ctx),
        "reelected_on": command.on,
        "previous_end": instance.data.term_end,
        "below_half": False,  # the new committee fills its seats
    }
    if instance.data.notice_on is not None:  # a new contract: the old one's notice is spent
        changes |= dict.fromkeys(("notice_on", "notice_by", "notice_rule", "ends_on", "ended_on"))
    return changes


# -- contract notices (民法典 第946–948条) ----------------------------------------------------
def _notice_guard(key: str, name: str, duty: TimedDuty) -> Guard:
    """``give_notice`` under one of the contract notices: none given yet, and the
    contract's last day far enough ahead (946, 948: at least the notice period after
    the notice; 947: the notice given at least that long before the term ends, which
    is then its last day)."""
    path = f"terms.{key}.{name}"

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        data: TermData = instance.data
        if data.notice_on is not None:
            return refused(
                f"notice was already given on {data.notice_on.isoformat()} (the contract "
                f"ends on {data.ends_on.isoformat() if data.ends_on else '?'})",
                command.on.isoformat(),
                rule=path,
            )
        ends_on = command.args.get("ends_on")
        if ends_on is not None and ends_on < command.on:
            return refused(
                "the contract's last day may not be before the notice",
                ends_on.isoformat(),
                allowed=f"ends_on on or after {command.on.isoformat()}",
                rule=path,
            )
        try:
            return _notice_problem(name, duty, path, data=data, command=command, ctx=ctx)
        except DateOutOfRangeError as exc:
            return refused(f"the notice period cannot be counted ({exc.what})", None, rule=path)

    return Guard(name, check, path)


def _notice_problem(
    name: str, duty: TimedDuty, path: str, *, data: TermData, command: Command, ctx: Context
) -> str | None:
    """Why a notice under ``name`` may not be given now (``None`` if it may).

    Raises:
        DateOutOfRangeError: The notice period runs past the calendar.
    """
    period = duty.within.period
    ends_on = command.args.get("ends_on")
    if period is None:  # an open notice period: nothing to count
        if name != "nonrenewal_notice" and ends_on is None:
            return refused("give the contract's last day (ends_on)", None, rule=path)
        return None
    if name == "nonrenewal_notice":
        end = data.term_end
        if end is None:
            return refused("the term has no end to decline renewing", None, rule=path)
        latest = ctx.calendar.due_day(end, period, before=True)
        if command.on > latest:
            return refused(
                f"notice of non-renewal is due {duty.within} before the term ends on "
                f"{end.isoformat()}, by {latest.isoformat()}",
                command.on.isoformat(),
                allowed=f"a notice given on or before {latest.isoformat()}",
                rule=path,
            )
        if ends_on is not None and ends_on != end:
            return refused(
                "a contract not renewed ends with its term",
                ends_on.isoformat(),
                allowed=f"ends_on={end.isoformat()}, or no ends_on",
                rule=path,
            )
        return None
    if ends_on is None:
        return refused("give the contract's last day (ends_on)", None, rule=path)
    earliest = ctx.calendar.due_day(command.on, period)
    if ends_on < earliest:
        return refused(
            f"the contract may end no sooner than {duty.within} after the notice: on "
            f"{earliest.isoformat()} at the earliest",
            ends_on.isoformat(),
            allowed=f"ends_on on or after {earliest.isoformat()}",
            rule=path,
        )
    return None


def _give_notice(name: str) -> Any:
    """Effect: record the notice given under ``name`` and the contract's last day."""

    def effect(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
        ends_on = command.args.get("ends_on") or instance.data.term_end  # 947: with its term
        return {"notice_on": command.on, "notice_by": command.actor.body,
                "notice_rule": name, "ends_on": ends_on}  # fmt: skip

    return effect


def _notice_edges(
    key: str, rule: TermRule, s: dict[str, str], serving: tuple[str, ...]
) -> list[Transition]:
    """``give_notice`` under each notice the rule sets, and the contract's end."""
    notices = dict(_notices(rule))
    if not notices:
        return []
    path = f"terms.{key}"
    running = tuple(x for x in serving if x != s.get("overdue"))  # before the term ends
    parties = tuple(dict.fromkeys((*rule.elected_by, rule.body)))
    edges = []
    for name, who, source in (
        # 946: the owners dismiss the company; 947: the company declines to renew;
        # 948: either side ends a contract that ran on open-ended after its term
        ("notice_to_end", rule.elected_by, running),
        ("nonrenewal_notice", (rule.body,), running if rule.term is not None else ()),
        ("open_ended_notice", parties, (s["overdue"],) if "overdue" in s else ()),
    ):
        if name not in notices or not source or not who:
            continue
        edges.append(
            Transition(
                trigger="give_notice",
                source=source,
                dest=None,
                who=fixed(*who),
                who_label=" or ".join(who),
                guards=(_notice_guard(key, name, notices[name]),),
                effect=_give_notice(name),
                rule=f"{path}.{name}",
                label=f"{notices[name].within} notice",
            )
        )
    edges.append(
        Transition(
            trigger="contract_ends",
            source=serving,
            dest=s["ended"],
            who=SYSTEM_ONLY,
            who_label="the system",
            guards=(Guard("notice given", _notice_given),),
            effect=stamp("ended_on"),
            rule=f"{path}.{next(iter(notices))}",
        )
    )
    return edges


def _notice_given(instance: Instance, command: Command, ctx: Context) -> str | None:
    return None if instance.data.ends_on else "no notice has been given"


def _below_half(instance: Instance, command: Command, ctx: Context) -> str | None:
    if instance.data.below_half:
        return None
    data = instance.data
    rule = _rule(instance, ctx)
    when = "its re-election is due"
    if data.term_end is not None:
        lead = rule.reelection_lead.within if rule.reelection_lead else None
        if lead is not None and lead.period is not None:
            due = ctx.calendar.due_day(data.term_end, lead.period, before=True)
            when = f"its re-election is due, after {due.isoformat()} (advance_to marks it)"
        else:
            when = f"its term ends on {data.term_end.isoformat()} (advance_to marks it)"
    return (
        f"the committee has {data.members} of {data.seats} members, not fewer than half: "
        f"it is re-elected once {when}"
    )


def _change(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    members = command.args["members"]
    return {
        "members": members,
        "change_on": command.on,
        "below_half": members * 2 < instance.data.seats,
        "targets_missed": _targets(_rule(instance, ctx), members, command),
    }


def _term_is(key: str) -> Guard:
    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        term = command.args.get("term")
        if type(term) is str and term == key:  # a str subclass's own == is not trusted
            return None
        # the refusal cites the charter's terms as a whole (not this key, which would name
        # whichever term rule was tried last) and shows the value given, not the trigger
        known = ", ".join(ctx.charter.terms) or "none in this charter"
        if term is None:
            return refused("no term rule given", None, allowed=known, rule="terms")
        return refused("no such term rule", term, allowed=known, rule="terms")

    return Guard(f"term {key}", check, f"terms.{key}")


def _steps(rule: TermRule) -> list[str]:
    steps = ["elected"]
    if rule.filing is not None:
        steps.append("active")
    if rule.reelection_lead is not None and rule.term is not None:
        steps.append("reelection_due")
    if rule.term is not None:
        steps.append("overdue")
    if _notices(rule):
        steps.append("ended")
    steps.append("reelected")
    if rule.handover is not None:
        steps.append("handed_over")
    return steps


def _notices(rule: TermRule) -> list[tuple[str, TimedDuty]]:
    """The contract notices the rule sets (民法典 第946–948条), by name."""
    named = (
        ("notice_to_end", rule.notice_to_end),
        ("nonrenewal_notice", rule.nonrenewal_notice),
        ("open_ended_notice", rule.open_ended_notice),
    )
    return [(name, duty) for name, duty in named if duty is not None]


def _new_term_serves(rule: TermRule) -> str:
    """The step in which a re-elected committee serves its own term: ``handed_over``
    once the outgoing one has handed over where the charter sets a handover, else
    ``reelected`` at once (no handover step is invented)."""
    return "handed_over" if rule.handover is not None else "reelected"


def _edges(key: str, rule: TermRule) -> list[Transition]:
    s = {step: f"{key}.{step}" for step in _steps(rule)}
    t = Transition
    body = fixed(rule.body)
    size = _size_guard(key, rule)
    counts = _counts_guard(key, rule)
    path = f"terms.{key}"
    # the states in which a committee serves a term (handed_over, or reelected where the
    # charter sets no handover: a re-elected one)
    renewed = s[_new_term_serves(rule)]
    serving = (
        *(s[x] for x in ("elected", "active") if x in s),
        renewed,
        *(s[x] for x in ("reelection_due", "overdue") if x in s),
    )
    # a committee of this rule, serving or just re-elected
    sitting = tuple(dict.fromkeys((*serving, s["reelected"])))
    electors = ", ".join(rule.elected_by) or "nobody: the charter does not say who elects"
    landed = s.get("active", s["elected"])
    edges = [
        t(
            trigger="elect",
            source=("new",),
            dest=s["elected"],
            who=_electors(rule),
            who_label=electors,
            when=_term_is(key),
            guards=(_one_term(key, rule), counts, size),
            effect=_elect,
            rule=f"{path}.size",
        ),
    ]
    # member changes where the charter counts members (none for a contract)
    if counts_members(rule):
        edges.append(
            t(
                trigger="change_members",
                source=sitting,  # the re-elected committee serves too
                dest=None,
                who=body,
                who_label=rule.body,
                guards=(counts, _change_guard(key, rule)),
                effect=_change,
                rule=f"{path}.change_report" if rule.change_report else f"{path}.size",
            )
        )
    edges.append(
        t(
            trigger="duty_late",
            source=sitting,
            dest=None,
            who=SYSTEM_ONLY,
            who_label="the system",
            guards=(Guard("once", late_once),),
            effect=record_late,
        )
    )
    # the steps a charter states, and only those: a first meeting, a change report and
    # a handover are commands where it sets them (no step is invented where it is silent)
    if rule.first_meeting is not None:
        edges.append(
            t(
                trigger="hold_first_meeting",
                source=sitting,
                dest=None,
                who=body,
                who_label=rule.body,
                effect=stamp("first_meeting_on"),
                rule=f"{path}.first_meeting",
            )
        )
    if rule.change_report is not None:
        edges.append(
            t(
                trigger="report_change",
                source=sitting,
                dest=None,
                who=body,
                who_label=rule.body,
                guards=(Guard("pending change", _pending_change),),
                effect=lambda i, c, x: {"change_on": None, "change_reported_on": c.on},
                rule=f"{path}.change_report",
            )
        )
    if rule.handover is not None:
        edges.append(
            t(
                trigger="hand_over",
                source=(s["reelected"],),
                dest=s["handed_over"],
                who=body,
                who_label=rule.body,
                effect=stamp("handed_over_on"),
                rule=f"{path}.handover",
            )
        )
    if "active" in s:
        within = f"within {rule.filing.within}" if rule.filing else None
        # filing moves a first term to active; a re-elected committee files in place
        # (before or after the handover)
        edges += [
            t(
                trigger="file",
                source=(s["elected"],),
                dest=s["active"],
                who=body,
                who_label=rule.body,
                effect=stamp("filed_on"),
                rule=f"{path}.filing",
                label=within,
            ),
            t(
                trigger="file",
                source=tuple(dict.fromkeys((s["reelected"], renewed))),
                dest=None,
                who=body,
                who_label=rule.body,
                effect=stamp("filed_on"),
                rule=f"{path}.filing",
                label=within,
            ),
        ]
    if "reelection_due" in s:
        edges.append(
            t(
                trigger="reelection_due",
                source=tuple(dict.fromkeys((s["elected"], landed, renewed))),
                dest=s["reelection_due"],
                who=SYSTEM_ONLY,
                who_label="the system",
                rule=f"{path}.reelection_lead",
            )
        )
    if "overdue" in s:
        before = tuple(dict.fromkeys(x for x in serving if x != s["overdue"]))
        edges.append(
            t(
                trigger="term_expired",
                source=before,
                dest=s["overdue"],
                who=SYSTEM_ONLY,
                who_label="the system",
                effect=stamp("overdue_on"),
                rule=f"{path}.term",
            )
        )
    edges += _notice_edges(key, rule, s, serving)
    reelect_from = tuple(s[x] for x in ("reelection_due", "overdue") if x in s) or serving
    if "ended" in s:  # the contract ended on notice: the electors engage the next one
        reelect_from = (*reelect_from, s["ended"])
    edges.append(
        t(
            trigger="reelect",
            source=reelect_from,
            dest=s["reelected"],
            who=_electors(rule),
            who_label=electors
            + (
                f" (overdue: also {rule.on_overdue.by})"
                if rule.on_overdue and rule.on_overdue.by
                else ""
            ),
            guards=(counts, size),
            effect=_new_term,
            rule=f"{path}.on_overdue",
        )
    )
    early = tuple(x for x in serving if x not in reelect_from)
    if rule.below_half_members is not None and early:
        # fewer than half the seats filled: re-elected before the term ends (第46条)
        edges.append(
            t(
                trigger="reelect",
                source=early,
                dest=s["reelected"],
                who=_electors(rule),
                who_label=f"{electors} (fewer than half the members)",
                guards=(
                    Guard(
                        "below half",
                        _below_half,
                        f"{path}.below_half_members",
                        "fewer than half the members",
                    ),
                    counts,
                    size,
                ),
                effect=_new_term,
                rule=f"{path}.below_half_members",
            )
        )
    return edges


# -- timers --------------------------------------------------------------------------------------
def _timers(instance: Instance, ctx: Context) -> list[Timer]:
    data: TermData = instance.data
    rule = _rule(instance, ctx)
    step = instance.state.rsplit(".", 1)[-1]
    path = f"terms.{data.term}"
    found: list[Timer | None] = []

    def duty(name: str, start: date | None, **kw: Any) -> None:
        if start is not None and name not in data.late:
            found.append(
                timer(
                    ctx,
                    start=start,
                    trigger="duty_late",
                    args={"duty": name},
                    rule=f"{path}.{name}",
                    responsible=(rule.body,),
                    **kw,
                )
            )

    elected = data.reelected_on or data.elected_on
    if data.first_meeting_on is None and rule.first_meeting:
        duty(
            "first_meeting",
            elected,
            timing=rule.first_meeting.within,
            what="first committee meeting",
        )
    if data.filed_on is None and rule.filing:
        duty("filing", elected, timing=rule.filing.within, what="file the election")
    if data.change_on is not None and rule.change_report:
        duty(
            "change_report",
            data.change_on,
            timing=rule.change_report.within,
            what="report the member change",
        )
    if step == "reelected" and rule.handover:
        duty("handover", data.reelected_on, timing=rule.handover.within, what="hand over")
    end = data.term_end
    renewed = _new_term_serves(rule)
    if end is not None and step in ("elected", "active", renewed) and rule.reelection_lead:
        found.append(
            timer(
                ctx,
                start=end,
                timing=rule.reelection_lead.within,
                before=True,
                what=f"organise the re-election (the term ends {end.isoformat()})",
                rule=f"{path}.reelection_lead",
                trigger="reelection_due",
                args={},
                responsible=(rule.body,),
            )
        )
    serves = step in ("elected", "active", renewed, "reelection_due", "overdue")
    if data.ends_on is not None and serves:
        notice = data.notice_on.isoformat() if data.notice_on else "?"
        found.append(
            Timer(
                data.ends_on,
                "contract_ends",
                {},
                f"{path}.{data.notice_rule}",
                f"the contract ends on {data.ends_on.isoformat()} (notice given by "
                f"{data.notice_by} on {notice})" + provisional(ctx, data.ends_on, data.ends_on),
                (rule.body,),
            )
        )
        end = None  # it ends on notice: it does not expire and run on
    if end is not None and step in ("elected", "active", renewed, "reelection_due"):
        found.append(
            Timer(
                end,
                "term_expired",
                {},
                f"{path}.term",
                f"the term ends on {end.isoformat()}"
                + provisional(ctx, end, end),  # a count of years: its last day (第203条)
                (rule.body,),
            )
        )
    return [t for t in found if t is not None]


def _migration_problem(instance: Instance, charter: Charter) -> str | None:
    data: TermData | None = instance.data
    if data is None:
        return None
    if data.term not in charter.terms:
        return f"the new rules have no term rule {data.term!r}"
    step = instance.state.rsplit(".", 1)[-1]
    if step not in _steps(charter.terms[data.term]):
        return f"term {data.term!r} has no step {step!r} under the new rules"
    return None


def _responsible(instance: Instance, charter: Charter) -> tuple[str, ...]:
    return (charter.terms[instance.data.term].body,)


def _answering(instance: Instance) -> tuple[Any, str]:
    """The committee (or company) whose term it is answers for it."""
    return _body_of_term, f"terms.{instance.data.term}"


def _body_of_term(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
    return _responsible(instance, ctx.charter)


def term_workflow(charter: Charter) -> Workflow:
    """The committee-term workflow of ``charter``: one compound state per term rule."""
    states: list[Any] = ["new"]
    edges: list[Transition] = []
    for key, rule in charter.terms.items():
        states.append({"name": key, "children": _steps(rule), "initial": "elected"})
        edges += _edges(key, rule)
    return Workflow(
        kind="term",
        charter=charter,
        states=states,
        initial="new",
        transitions=edges,
        final=(),  # one committee's terms run on: see the module's docstring
        prefix="term",
        data_type=TermData,
        timers=_timers,
        migration_problem=_migration_problem,
        responsible=_responsible,
        answering=_answering,
        renewing=("reelect",),  # a new term follows the rules of its election day
    )
