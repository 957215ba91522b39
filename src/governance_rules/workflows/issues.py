"""The issue workflow: a resident's problem climbing its category's escalation ladder.

new → reported → handling (level k) → replied → followed up → resolved → closed;
escalated to level k+1 on the handler's request or when a deadline of level k
passes (if the charter's ladder says so); reopened when the reporter is not
satisfied. Deadlines are the ladder's, counted on the working-day calendar.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from governance_rules.charter import Charter
from governance_rules.charter.issues import EscalationTrigger, IssueCategory, Level
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

__all__ = ["ACTIVE", "issue_workflow"]

ACTIVE = ("handling", "replied", "followed_up")
STATES = ("new", "reported", "handling", "replied", "followed_up", "resolved", "closed")


def _category(instance: Instance, ctx: Context) -> IssueCategory:
    return ctx.charter.issues[instance.data["category"]]


def _level(instance: Instance, ctx: Context) -> Level:
    level: Level = _category(instance, ctx).ladder[instance.data["level"]]
    return level


def _path(instance: Instance) -> str:
    return f"issues.{instance.data['category']}.ladder[{instance.data['level']}]"


def _handler(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
    return (_level(instance, ctx).handler,)


def _triage_bodies(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
    category = ctx.charter.issues.get(str(command.args.get("category")))
    first = (category.ladder[0].handler,) if category else ()
    return tuple(dict.fromkeys((*first, "meeting_office")))


def _reporter_or_handler(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
    return (instance.data["reporter"], _level(instance, ctx).handler)


def _reporter(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
    return (instance.data["reporter"],)


def _system(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
    return ("system",)


# -- guards ------------------------------------------------------------------------------------
def _known_category(instance: Instance, command: Command, ctx: Context) -> str | None:
    category = command.args.get("category")
    if category not in ctx.charter.issues:
        known = ", ".join(ctx.charter.issues) or "none in this charter"
        return f"unknown issue category {category!r}; the charter's categories: {known}"
    return None


def _may_climb(instance: Instance, command: Command, ctx: Context) -> str | None:
    category = _category(instance, ctx)
    level = instance.data["level"]
    if level + 1 >= len(category.ladder):
        return f"the issue is at the ladder's last level ({category.terminal}): it cannot climb"
    triggers = set(_level(instance, ctx).escalate_on)
    if not triggers & {
        EscalationTrigger.HANDLER_REQUEST,
        EscalationTrigger.BEYOND_REMIT,
        EscalationTrigger.UNRESOLVED_AFTER_MEETING,
    }:
        return "the charter does not let this level pass the issue up on request"
    return None


def _escalates_on_breach(instance: Instance, command: Command, ctx: Context) -> str | None:
    category = _category(instance, ctx)
    if instance.data["level"] + 1 >= len(category.ladder):
        return "the last level does not escalate"
    if EscalationTrigger.DEADLINE_BREACH not in _level(instance, ctx).escalate_on:
        return "this level does not escalate on a missed deadline"
    return None


# -- effects -----------------------------------------------------------------------------------
def _report(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    return {
        "reporter": command.actor.body,
        "reported_on": command.on.isoformat(),
        "summary": str(command.args.get("summary", "")),
    }


def _enter_level(level: int, on: date) -> dict[str, Any]:
    return {"level": level, "since": on.isoformat(), "replied_on": None, "followed_up_on": None}


def _triage(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    return {"category": command.args["category"], "breaches": [], **_enter_level(0, command.on)}


def _climb(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    data = _enter_level(instance.data["level"] + 1, command.on)
    if "deadline" in command.args:
        data["breaches"] = [*instance.data["breaches"], command.args["key"]]
    return data


def _record_breach(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    return {"breaches": [*instance.data["breaches"], command.args["key"]]}


def _stamp(name: str) -> Any:
    def effect(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
        return {name: command.on.isoformat()}

    return effect


def _reopen(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    return {
        **_enter_level(instance.data["level"], command.on),
        "resolved_on": None,
        "reopened": instance.data.get("reopened", 0) + 1,
    }


# -- timers ------------------------------------------------------------------------------------
def _timers(instance: Instance, ctx: Context) -> list[Timer]:
    if instance.state not in ACTIVE:
        return []
    level = _level(instance, ctx)
    data = instance.data
    starts = {
        "reply": data["since"] if instance.state == "handling" else None,
        "resolve": data["since"],
        "follow_up": data["replied_on"] if instance.state == "replied" else None,
    }
    timers = []
    for name, timing in level.deadlines.items():
        start = starts.get(name)
        if start is None or (timing.period is None and timing.kind.value != "immediately"):
            continue  # open timings (promptly, unspecified) cannot be breached
        key = f"L{data['level']}:{name}:{start}"
        if key in data["breaches"]:
            continue
        begin = date.fromisoformat(start)
        due = ctx.calendar.due(begin, timing.period).due if timing.period else begin
        rule = f"{_path(instance)}.deadlines.{name}"
        timers.append(
            Timer(
                due,
                "breach",
                {"deadline": name, "key": key, "due": due.isoformat()},
                rule,
                f"{name} within {timing} of {start}: due {due.isoformat()}",
            )
        )
    return timers


def issue_workflow(charter: Charter) -> Workflow:
    """The issue workflow of ``charter``."""
    climb = Guard("may_climb", _may_climb, "issues.*.ladder[*].escalate_on")
    on_breach = Guard(
        "escalates_on_breach", _escalates_on_breach, "issues.*.ladder[*].escalate_on"
    )
    transitions = [
        Transition("report", ("new",), "reported", effect=_report),
        Transition(
            "triage",
            ("reported",),
            "handling",
            _triage_bodies,
            "the first handler of the category or the meeting office",
            (Guard("known_category", _known_category, "issues"),),
            _triage,
        ),
        Transition(
            "reply",
            ("handling",),
            "replied",
            _handler,
            "the level's handler",
            effect=_stamp("replied_on"),
        ),
        Transition(
            "follow_up",
            ("replied",),
            "followed_up",
            _handler,
            "the level's handler",
            effect=_stamp("followed_up_on"),
        ),
        Transition(
            "resolve",
            ("replied", "followed_up"),
            "resolved",
            _handler,
            "the level's handler",
            effect=_stamp("resolved_on"),
        ),
        Transition(
            "escalate", ACTIVE, "handling", _handler, "the level's handler", (climb,), _climb
        ),
        Transition(
            "breach",
            ACTIVE,
            "handling",
            _system,
            "the system (a deadline passed)",
            (on_breach,),
            _climb,
        ),
        Transition("breach", ACTIVE, "same", _system, "the system", effect=_record_breach),
        Transition(
            "close", ("resolved",), "closed", _reporter_or_handler, "the reporter or the handler"
        ),
        Transition("reopen", ("resolved",), "handling", _reporter, "the reporter", effect=_reopen),
    ]
    return Workflow(
        "issue",
        charter,
        STATES,
        "new",
        expand_self_loops(transitions),
        timers=_timers,
        requires={"triage": ("category",), "breach": ("deadline", "key")},
    )
