"""The issue workflow: a resident's problem climbing its category's escalation ladder.

Compiled from the charter's ladders: ``handling`` holds one compound state per
issue category, and each category one per ladder level, named by its handler
(``handling.beyond_remit.L2_street_office``). Inside a level the issue is ``open``,
``replied``, ``followed_up`` or ``resolved``. A level gets an ``escalate`` edge to
the next level only if the charter lets its handler pass the issue up (on request,
beyond its remit, unresolved after a meeting), and a ``breach`` edge only if it
sets a deadline there — climbing if the level escalates on a missed deadline,
otherwise recording the breach. Where the level escalates on ``reporter_request``, the
one who reported the issue may issue ``escalate`` there too (:func:`_escalation`). A
level's deadlines count from the day the issue came to it: the first level's from the
report, however late the triage; a higher level's from the climb (:func:`_enter`). The
follow-up deadline counts from the reply, or with the reply's from the day the question
came to the level where ``follow_up_from: report`` (:func:`_starts`). The reporter may
reopen a resolved issue. Where a level has no ``escalate`` edge, the refusal says why
and cites the rule: the ladder's top (``issues.<category>.terminal``) or the level's
``escalate_on``.

>>> from governance_rules._charter import load_charter
>>> wf = issue_workflow(load_charter("yangxin-2022"))
>>> for s in wf.states:
...     if s.endswith(".open") and ".beyond_remit." in s:
...         print(s)
handling.beyond_remit.L0_joint_meeting.open
handling.beyond_remit.L1_party_org.open
handling.beyond_remit.L2_street_office.open
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from governance_rules._charter import Charter
from governance_rules._charter.issues import EscalationTrigger, FollowUpStart, IssueCategory, Level
from governance_rules._workflows.core import (
    SYSTEM_ONLY,
    Command,
    Context,
    Guard,
    Instance,
    RoleCheck,
    Timer,
    Transition,
    Workflow,
    refused,
    stamp,
)
from governance_rules._workflows.timers import timer

__all__ = ["IssueData", "issue_workflow", "level_state"]

_BY_HANDLER = frozenset(
    {
        EscalationTrigger.HANDLER_REQUEST,
        EscalationTrigger.BEYOND_REMIT,
        EscalationTrigger.UNRESOLVED_AFTER_MEETING,
    }
)
"""Triggers on which a level's handlers pass an issue up."""
_ON_REQUEST = _BY_HANDLER | {EscalationTrigger.REPORTER_REQUEST}
"""Triggers that give a level an ``escalate`` edge (someone asks for it)."""
LEVEL_STEPS = ("open", "replied", "followed_up", "resolved")
ACTIVE_STEPS = frozenset(("open", "replied", "followed_up"))


@dataclass(frozen=True, slots=True)
class IssueData:
    """What an issue holds."""

    reporter: str
    reported_on: date
    reporter_id: str = ""
    """The reporting actor's id, if the app gave one: then only that actor of the
    reporter's body acts as the reporter (``close``, ``reopen``)."""
    summary: str = ""
    category: str | None = None
    level: int = 0
    since: date | None = None
    replied_on: date | None = None
    followed_up_on: date | None = None
    resolved_on: date | None = None
    breaches: tuple[str, ...] = ()
    reopened: int = 0


def level_state(category: str, index: int, level: Level) -> str:
    """The state name of a ladder level: ``handling.<category>.L<k>_<handler>``."""
    return f"handling.{category}.L{index}_{level.handler}"


def _everyone(charter: Charter) -> Any:
    bodies = tuple(dict.fromkeys((*charter.bodies, *_reporters(charter))))

    def who(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
        return bodies

    return who


def _reporters(charter: Charter) -> tuple[str, ...]:
    return tuple(b for b, body in charter.bodies.items() if body.kind.value == "residents") or (
        "residents",
    )


class _Handlers:
    """Who-check for a ladder level: its handler and alternatives, with the position the
    level names for the actor's body, if any."""

    __slots__ = ("bodies", "level", "path", "seats")

    def __init__(self, level: Level, path: str) -> None:
        self.level = level
        self.path = path
        # the level is frozen: who handles it, and by which positions, is worked out once
        self.bodies = level.bodies()
        self.seats: dict[str, tuple[str, tuple[str, ...], str] | None] = {}
        for body in self.bodies:
            positions = level.positions_for(body)
            self.seats[body] = (body, positions, path) if positions else None

    def __call__(self, instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
        return self.bodies

    def position(
        self, instance: Instance, command: Command, ctx: Context
    ) -> tuple[str, tuple[str, ...], str] | None:
        """(body, positions, rule path) when the level names the actor's body's position(s);
        for any other actor, the handler's."""
        seats = self.seats
        body = command.actor.body
        return seats[body] if body in seats else seats[self.level.handler]


class _HandlersOrReporter(_Handlers):
    """Who-check for ``close``: the level's handlers, or the reporter (only a handler's
    command goes without the identity check)."""

    __slots__ = ()

    def __call__(self, instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
        return (instance.data.reporter, *self.bodies)

    def identity(self, instance: Instance, command: Command) -> tuple[str, str, str] | None:
        """(body, id, who) of the reporter when the actor may act only as the reporter."""
        if command.actor.body in self.bodies:
            return None  # a handler acts for its body, whoever reported
        return _reporter_identity(instance, command)

    def position(
        self, instance: Instance, command: Command, ctx: Context
    ) -> tuple[str, tuple[str, ...], str] | None:
        """The level's positions, except for the reporter, who closes in any position
        (a director of the handler's body who reported the problem is the reporter)."""
        data: IssueData = instance.data
        actor = command.actor
        if actor.body == data.reporter and (not data.reporter_id or actor.id == data.reporter_id):
            return None
        return super().position(instance, command, ctx)


class _HandlersThenReporter(_HandlersOrReporter):
    """Who-check for ``escalate`` where both the level's handlers and the reporter may
    ask for it: the handlers first (a driver that takes the first body asks them), then
    the reporter, who acts in any position."""

    __slots__ = ()

    def __call__(self, instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.bodies, instance.data.reporter)))


def _seat(body: str, positions: tuple[str, ...] | None) -> str:
    return f"the {' or '.join(positions)} of {body}" if positions else body


class _Reporter:
    """Who-check for what only the reporter may do (``reopen``)."""

    __slots__ = ()

    def __call__(self, instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
        return (instance.data.reporter,)

    @staticmethod
    def identity(instance: Instance, command: Command) -> tuple[str, str, str] | None:
        return _reporter_identity(instance, command)


def _reporter_identity(instance: Instance, command: Command) -> tuple[str, str, str] | None:
    """(body, id, who) of the reporter, when the actor is of its body and the report
    named an id: a body of residents is many people, and only the one who reported it
    is the reporter. Without an id (the app names no one) any actor of the body is."""
    data: IssueData = instance.data
    if data.reporter_id and command.actor.body == data.reporter:
        return data.reporter, data.reporter_id, "the one who reported it"
    return None


def _category_is(name: str) -> Guard:
    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        category = command.args.get("category")  # any value a caller passed
        if type(category) is str and category == name:  # a str subclass's == is not trusted
            return None
        # every category's edge refuses alike: the refusal is the categories' rule, not
        # this category's (which would name whichever category was tried last)
        known = ", ".join(ctx.charter.issues) or "none in this charter"
        if category is None:
            return refused("no issue category given", None, allowed=known, rule="issues")
        return refused("unknown issue category", category, allowed=known, rule="issues")

    return Guard(f"category {name}", check, f"issues.{name}")


def _raised_by(name: str, raisers: tuple[str, ...]) -> Guard:
    """Triage into category ``name`` only of an issue reported by one of ``raisers``, the
    bodies whose questions the category is (``issues.<name>.raised_by``)."""
    rule = f"issues.{name}.raised_by"
    accepted = frozenset(raisers)
    who = " or ".join(raisers)

    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        reporter = instance.data.reporter
        if reporter in accepted:
            return None
        fits = [
            n
            for n, c in ctx.charter.issues.items()
            if c.raised_by is None or reporter in c.raised_by
        ]
        allowed = (
            ", ".join(fits)
            if fits
            else f"none: no issue category of this charter takes a report by {reporter}"
        )
        return refused(
            f"the {name} category takes only issues raised by {who}, and this one was "
            "reported by another body",
            reporter,
            allowed=allowed,
            rule=rule,
        )

    return Guard(f"raised by {who}", check, rule)


def _has_categories(instance: Instance, command: Command, ctx: Context) -> str | None:
    """An issue can be tracked only where the charter has a ladder to handle it on."""
    if ctx.charter.issues:
        return None
    return (
        "the charter sets no issue categories or escalation ladder, so a reported problem "
        "would have no one to handle it and no way on; use a charter that has them"
    )


def _report(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    return {
        "reporter": command.actor.body,
        "reported_on": command.on,
        "summary": str(command.args.get("summary", "")),
        # kept only when given, so the events of an app that names no one stay as they were
        **({"reporter_id": command.actor.id} if command.actor.id else {}),
    }


def _enter(level: int) -> Any:
    """The effect of an issue coming to ladder level ``level``: by triage (level 0) or by
    climbing (``escalate``, ``breach``). ``since``, the day the level's deadlines count
    from, is the day the issue came to the level: for the first level the day it was
    reported, however late it is triaged (the sources count a reply from receiving the
    complaint or question, see :func:`_starts`); for a higher level the day it climbed."""

    def effect(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
        data: IssueData = instance.data
        changes: dict[str, Any] = {
            "level": level,
            "since": data.reported_on if command.trigger == "triage" else command.on,
            "replied_on": None,
            "followed_up_on": None,
        }
        if "category" in command.args and data.category is None:
            changes["category"] = command.args["category"]
        if command.trigger == "breach":
            changes["breaches"] = (*data.breaches, command.args["key"])
        return changes

    return effect


def _record_breach(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    return {"breaches": (*instance.data.breaches, command.args["key"])}


def _reopen(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    return {
        "since": command.on,
        "replied_on": None,
        "followed_up_on": None,
        "resolved_on": None,
        "reopened": instance.data.reopened + 1,
    }


def _new_breach(instance: Instance, command: Command, ctx: Context) -> str | None:
    if command.args.get("key") in instance.data.breaches:
        return "this deadline's breach is already recorded"
    return None


def _escalation(
    level: Level, path: str, handler: _Handlers, handlers: str
) -> tuple[RoleCheck, str, str] | None:
    """Who may issue ``escalate`` at ``level`` (the who-check, its label) and why, from
    its ``escalate_on``: the handlers (``handler``, labelled ``handlers``) on their own
    request, beyond their remit or after a meeting; the reporter on
    ``reporter_request``; ``None`` if no one may ask.

    >>> level = Level.model_validate({"handler": "property_company",
    ...     "escalate_on": ["handler_request", "reporter_request"],
    ...     "source": {"doc": "d", "summary": "the level"}})
    >>> path = "issues.x.ladder[0]"
    >>> _escalation(level, path, _Handlers(level, path), "property_company")[1:]
    ('property_company or the reporter', 'handler request, reporter request')
    """
    triggers = set(level.escalate_on) & _ON_REQUEST
    if not triggers:
        return None
    why = ", ".join(sorted(x.value.replace("_", " ") for x in triggers))
    if EscalationTrigger.REPORTER_REQUEST not in triggers:
        return handler, handlers, why
    if triggers & _BY_HANDLER:
        return _HandlersThenReporter(level, path), f"{handlers} or the reporter", why
    return _Reporter(), "the reporter", why


def _level_edges(name: str, category: IssueCategory) -> list[Transition]:
    t = Transition
    edges: list[Transition] = []
    ladder = category.ladder
    for k, level in enumerate(ladder):
        here = level_state(name, k, level)
        path = f"issues.{name}.ladder[{k}]"
        handler = _Handlers(level, path)
        who = " or ".join(_seat(b, level.positions_for(b)) for b in level.bodies())
        deadlines = dict(level.deadlines.items())
        reply, follow_up = deadlines.get("reply"), deadlines.get("follow_up")
        start = "question" if level.deadlines.follow_up_start is FollowUpStart.REPORT else "reply"
        follow_label = None  # a follow-up that can fall due: its period and where it starts
        if follow_up is not None and not follow_up.is_open:
            follow_label = (
                f"within {follow_up} of the {start}"
                if follow_up.period
                else f"{follow_up} from the {start}"
            )
        edges += [
            t(
                trigger="reply",
                source=(f"{here}.open",),
                dest=f"{here}.replied",
                who=handler,
                who_label=who,
                effect=stamp("replied_on"),
                rule=f"{path}.deadlines",
                label=f"within {reply}" if reply else None,
            ),
            t(
                trigger="follow_up",
                source=(f"{here}.replied",),
                dest=f"{here}.followed_up",
                who=handler,
                who_label=who,
                effect=stamp("followed_up_on"),
                rule=path,
                label=follow_label,
            ),
            t(
                trigger="resolve",
                source=(f"{here}.replied", f"{here}.followed_up"),
                dest=f"{here}.resolved",
                who=handler,
                who_label=who,
                effect=stamp("resolved_on"),
                rule=path,
            ),
            t(
                trigger="close",
                source=(f"{here}.resolved",),
                dest="closed",
                who=_HandlersOrReporter(level, path),
                who_label="the reporter or the level's handler",
                rule=path,
            ),
            t(
                trigger="reopen",
                source=(f"{here}.resolved",),
                dest=f"{here}.open",
                who=_Reporter(),
                who_label="the reporter",
                effect=_reopen,
                rule=path,
            ),
        ]
        active = tuple(f"{here}.{step}" for step in ("open", "replied", "followed_up"))
        last = k + 1 >= len(ladder)
        triggers = set(level.escalate_on)
        asked = None if last else _escalation(level, path, handler, who)
        if asked is not None:
            up = level_state(name, k + 1, ladder[k + 1])
            asker, asker_label, why = asked
            edges.append(
                t(
                    trigger="escalate",
                    source=active,
                    dest=up,
                    who=asker,
                    who_label=asker_label,
                    effect=_enter(k + 1),
                    rule=f"{path}.escalate_on",
                    label=why,
                )
            )
        timed = [n for n, timing in deadlines.items() if timing.period or not timing.is_open]
        if not timed:
            continue  # no deadline at this level: nothing can be breached
        once = Guard("once per deadline", _new_breach, f"{path}.deadlines")
        if not last and EscalationTrigger.DEADLINE_BREACH in triggers:
            up = level_state(name, k + 1, ladder[k + 1])
            edges.append(
                t(
                    trigger="breach",
                    source=active,
                    dest=up,
                    who=SYSTEM_ONLY,
                    who_label="the system",
                    guards=(once,),
                    effect=_enter(k + 1),
                    rule=f"{path}.escalate_on",
                    label="deadline missed: escalates",
                )
            )
        else:
            edges.append(
                t(
                    trigger="breach",
                    source=active,
                    dest=None,
                    who=SYSTEM_ONLY,
                    who_label="the system",
                    guards=(once,),
                    effect=_record_breach,
                    rule=f"{path}.deadlines",
                    label="deadline missed: recorded",
                )
            )
    return edges


def _starts(level: Level, data: IssueData, step: str) -> dict[str, date | None]:
    """The day each of ``level``'s deadlines counts from at ``step`` (``None``: not
    pending there). The reply and the resolution count from the day the issue came to
    the level (``since``: reported, for the first level, whenever it was triaged;
    escalated into; or reopened); the follow-up from the reply, or where
    ``follow_up_from: report`` from that same day, pending until the follow-up is given.

    The first level counts from the report, not the triage: the charters whose first
    level sets a period count it from receiving the problem (district-street-plans 篇4
    二、(二)3: from the day the department receives the complaint; pm-liaison-bimonthly
    4.1.4.4 and 4.2.2.2: the three days follow the question raised, with no other step
    between), and a handler that triaged late would otherwise put off its own deadline.
    The category is known only at triage, so no deadline is pending before it; once
    triaged, a deadline already past fires like any missed one."""
    if level.deadlines.follow_up_start is FollowUpStart.REPORT:
        follow_up = data.since if step in ("open", "replied") else None
    else:
        follow_up = data.replied_on if step == "replied" else None
    return {
        "reply": data.since if step == "open" else None,
        "resolve": data.since,
        "follow_up": follow_up,
    }


def _timers(instance: Instance, ctx: Context) -> list[Timer]:
    data: IssueData = instance.data
    if data.category is None or data.since is None:
        return []
    level = ctx.charter.issues[data.category].ladder[data.level]
    if not level.deadlines.timed:
        return []
    step = instance.state.rsplit(".", 1)[-1]
    if step not in ACTIVE_STEPS:
        return []
    path = f"issues.{data.category}.ladder[{data.level}].deadlines"
    starts = _starts(level, data, step)
    from_report = level.deadlines.follow_up_start is FollowUpStart.REPORT
    found = []
    for name, timing in level.deadlines.items():
        start = starts.get(name)
        if start is None:
            continue
        key = f"L{data.level}:{name}:{start.isoformat()}"
        if key in data.breaches:
            continue
        counted = ", from the question" if from_report and name == "follow_up" else ""
        made = timer(
            ctx,
            start=start,
            timing=timing,
            what=f"{name} ({level.handler}{counted})",
            rule=f"{path}.{name}",
            trigger="breach",
            args={"deadline": name, "key": key},
            responsible=level.bodies(),
        )
        if made is not None:
            found.append(made)
    return found


def _no_escalation(instance: Instance, command: Command, ctx: Context) -> tuple[str, str] | None:
    """Why an issue being handled has no ``escalate`` edge, from the charter: its level is
    the top of the ladder, or the level climbs only on a missed deadline, or not at all."""
    data: IssueData | None = instance.data
    if command.trigger != "escalate" or data is None or data.category is None:
        return None
    if instance.state.rsplit(".", 1)[-1] not in ACTIVE_STEPS:
        return None  # resolved: a matter of the step, not of the charter
    category = ctx.charter.issues[data.category]
    level = category.ladder[data.level]
    here = f"level {data.level} ({level.handler}) of the {data.category} ladder"
    if data.level + 1 >= len(category.ladder):
        return (
            f"'escalate' is not possible: {here} is its top, and the ladder ends at "
            f"{category.terminal}",
            f"issues.{data.category}.terminal",
        )
    path = f"issues.{data.category}.ladder[{data.level}].escalate_on"
    if EscalationTrigger.DEADLINE_BREACH in level.escalate_on and not level.deadlines.timed:
        return (
            f"'escalate' is not possible: {here} climbs only when a deadline is missed, "
            "and it sets none that can be",
            path,
        )
    if EscalationTrigger.DEADLINE_BREACH in level.escalate_on:
        return (
            f"'escalate' is not possible: {here} climbs only when one of its deadlines is "
            "missed, not on request; advance_to escalates it the day after the deadline",
            path,
        )
    return f"'escalate' is not possible: the charter gives {here} no way up", path


def _migration_problem(instance: Instance, charter: Charter) -> str | None:
    data: IssueData | None = instance.data
    if data is None or data.category is None or not instance.state.startswith("handling."):
        return None  # not on a ladder (yet, or any more): nothing to map
    category = charter.issues.get(data.category)
    if category is None:
        return f"the new rules have no issue category {data.category!r}"
    if data.level >= len(category.ladder):
        return f"the new ladder has no level {data.level}"
    old = instance.state.split(".")[2]
    new = level_state(data.category, data.level, category.ladder[data.level]).split(".")[2]
    if old != new:
        return f"level {data.level} is {new} under the new rules, not {old}"
    return None


def _responsible(instance: Instance, charter: Charter) -> tuple[str, ...]:
    data: IssueData = instance.data
    if data.category is None:
        return (data.reporter,)
    return charter.issues[data.category].ladder[data.level].bodies()


def _reporter(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
    return (instance.data.reporter,)


def _answering(charter: Charter) -> Any:
    """Who answers for an issue: its level's handlers (with the posts the level names),
    or the reporter before it is triaged; with the rule naming them."""
    levels = {
        (name, k): _Handlers(level, f"issues.{name}.ladder[{k}]")
        for name, category in charter.issues.items()
        for k, level in enumerate(category.ladder)
    }

    def answering(instance: Instance) -> tuple[Any, str]:
        data: IssueData = instance.data
        if data.category is None:
            return _reporter, "issues"
        handlers = levels[(data.category, data.level)]
        return handlers, handlers.path

    return answering


def issue_workflow(charter: Charter) -> Workflow:
    """The issue workflow of ``charter``: its ladders as nested states."""
    categories = []
    edges = [
        Transition(
            trigger="report",
            source=("new",),
            dest="reported",
            who=_everyone(charter),
            who_label="a resident or a body of the charter",
            guards=(Guard("has a ladder", _has_categories, "issues"),),
            effect=_report,
        ),
    ]
    for name, category in charter.issues.items():
        levels = [
            {
                "name": level_state(name, k, level).rsplit(".", 1)[-1],
                "children": list(LEVEL_STEPS),
                "initial": "open",
            }
            for k, level in enumerate(category.ladder)
        ]
        categories.append({"name": name, "children": levels, "initial": levels[0]["name"]})
        first = category.ladder[0]
        # where the category is defined by who raises it, only their issues enter it
        raisers = category.raised_by
        raised = () if raisers is None else (_raised_by(name, raisers),)
        edges.append(
            Transition(
                trigger="triage",
                source=("reported",),
                dest=f"handling.{name}",
                who=_Handlers(first, f"issues.{name}.ladder[0]"),
                who_label=" or ".join(_seat(b, first.positions_for(b)) for b in first.bodies()),
                when=_category_is(name),
                guards=raised,
                effect=_enter(0),
                rule=f"issues.{name}",
            )
        )
        edges += _level_edges(name, category)
    states: list[Any] = ["new", "reported"]
    if categories:
        states.append({"name": "handling", "children": categories})
    states.append("closed")
    return Workflow(
        kind="issue",
        charter=charter,
        states=states,
        initial="new",
        transitions=edges,
        final=("closed",),
        prefix="issue",
        active=tuple(ACTIVE_STEPS),
        data_type=IssueData,
        timers=_timers,
        migration_problem=_migration_problem,
        responsible=_responsible,
        answering=_answering(charter),
        no_edge=_no_escalation,
    )
