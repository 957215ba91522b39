"""The meeting workflow: notice, agenda, quorum, decisions, minutes, action items.

new → planned → notice issued → agenda set → held → decisions recorded → minutes
drafted → minutes approved → distributed → closed; a meeting not yet held may be
postponed (and noticed again) or cancelled. Guards enforce the charter's notice
and agenda leads, the quorum, who convenes, chairs and records (rotation included)
and the minutes' sign-off rule. Each decision becomes an action item with an owner
and a due date, tracked to done or overdue and listed for the next meeting.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from governance_rules.charter import Charter, MeetingRule
from governance_rules.charter.meetings import SignOffKind, VotingMethod
from governance_rules.decisions import Ballot, Choice, Vote, decide
from governance_rules.errors import DecisionError
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

__all__ = ["meeting_workflow"]

STATES = (
    "new",
    "planned",
    "notice_issued",
    "agenda_set",
    "held",
    "decisions_recorded",
    "minutes_drafted",
    "minutes_approved",
    "distributed",
    "closed",
    "postponed",
    "cancelled",
)
NOT_HELD = ("planned", "notice_issued", "agenda_set", "postponed")
AFTER_HELD = ("held", "decisions_recorded", "minutes_drafted", "minutes_approved", "distributed")


def _rule(instance: Instance, ctx: Context) -> MeetingRule:
    return ctx.charter.meetings[instance.data["meeting_kind"]]


def _role_bodies(name: str, instance: Instance, ctx: Context) -> tuple[str, ...]:
    if name == "convener" and instance.data.get("convener"):
        return tuple(instance.data["convener"])
    assignment = ctx.charter.role(name, instance.data["meeting_kind"])
    if assignment is None:
        return ()
    holders = assignment.holder(instance.data.get("index", 0))
    return tuple(
        dict.fromkeys((*holders, *([assignment.delegate] if assignment.delegate else [])))
    )


def _bodies_for(*names: str) -> Any:
    def who(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
        found: list[str] = []
        for name in names:
            if name in ctx.charter.bodies:
                found.append(name)
            else:
                found.extend(_role_bodies(name, instance, ctx))
        return tuple(dict.fromkeys(found))

    return who


def _notice_issuer(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
    notice = _rule(instance, ctx).notice
    names = ["convener", *([notice.issued_by] if notice and notice.issued_by else [])]
    return _bodies_for(*names)(instance, command, ctx)  # type: ignore[no-any-return]


def _recorders(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
    minutes = _rule(instance, ctx).minutes
    names = ["recorder", *([minutes.drafted_by] if minutes and minutes.drafted_by else [])]
    return _bodies_for(*names)(instance, command, ctx)  # type: ignore[no-any-return]


def _member_bodies(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
    return tuple(instance.data["roster"])


# -- guards ------------------------------------------------------------------------------------
def _lead_guard(part: str) -> Guard:
    def check(instance: Instance, command: Command, ctx: Context) -> str | None:
        rule = getattr(_rule(instance, ctx), part)
        meeting_day = date.fromisoformat(instance.data["date"])
        if command.on > meeting_day:
            return f"the {part} comes after the meeting day {meeting_day.isoformat()}"
        lead = rule.lead if rule is not None else None
        if lead is None or lead.period is None:
            return None
        latest = ctx.calendar.latest_before(meeting_day, lead.period).due
        if command.on > latest:
            return (
                f"the {part} must go out {lead.period} before the meeting on "
                f"{meeting_day.isoformat()}: {latest.isoformat()} at the latest"
            )
        return None

    return Guard(f"{part}_lead", check, f"meetings.*.{part}.lead")


def _on_the_day(instance: Instance, command: Command, ctx: Context) -> str | None:
    if command.on.isoformat() != instance.data["date"]:
        return f"the meeting is set for {instance.data['date']}, not {command.on.isoformat()}"
    return None


def _quorum(instance: Instance, command: Command, ctx: Context) -> str | None:
    quorum = _rule(instance, ctx).quorum
    present = command.args.get("present", {})
    roster = instance.data["roster"]
    unknown = sorted(set(present) - set(roster))
    if unknown:
        return f"{unknown[0]!r} is not on the meeting's roster ({', '.join(roster)})"
    if any(int(present[b]) > roster[b] or int(present[b]) < 0 for b in present):
        return "more members present than the body has seats"
    if quorum is None:
        return None
    groups = [[b] for b in roster] if quorum.per_body else [list(roster)]
    for group in groups:
        here = sum(int(present.get(b, 0)) for b in group)
        seats = sum(roster[b] for b in group)
        if not quorum.present.met(here, seats):
            return (
                f"no quorum: {here} of {seats} present, the charter needs "
                f"{quorum.present.describe()}"
            )
    return None


def _ballot(instance: Instance, command: Command) -> Ballot:
    roster = instance.data["roster"]
    votes = [
        Vote(str(v["voter"]), str(v["body"]), Choice(v["choice"]))
        for v in command.args.get("votes", [])
    ]
    method = VotingMethod(command.args.get("method", "show_of_hands"))
    if method is VotingMethod.SECRET_BALLOT:
        choices: dict[str, list[Choice]] = {}
        for vote in votes:
            choices.setdefault(vote.body, []).append(vote.choice)
        return Ballot.secret(roster, choices)
    return Ballot.open(roster, votes, method)


def _decision_passes(instance: Instance, command: Command, ctx: Context) -> str | None:
    spec = _rule(instance, ctx).decision
    if spec is None or spec.kind == "unspecified":
        return None  # the charter states no rule: the decision is recorded as agreed
    try:
        result = decide(spec, _ballot(instance, command))
    except DecisionError as exc:
        return f"the ballot cannot be counted: {exc}"
    return None if result.passed else "the decision did not pass: " + "; ".join(result.reasons)


def _action_item_complete(instance: Instance, command: Command, ctx: Context) -> str | None:
    """An action item has what the charter requires (owner and due date by default)."""
    rule = _rule(instance, ctx).action_items
    owner_required = rule.owner_required if rule else True
    due_required = rule.due_date_required if rule else True
    if owner_required and not command.args.get("owner"):
        return "each decision needs an owner body for its action item"
    if due_required and not command.args.get("due"):
        return "each decision needs a due date for its action item"
    return None


def _signed_off(instance: Instance, command: Command, ctx: Context) -> str | None:
    """The sign-off rule is complete once this signature is added."""
    minutes = _rule(instance, ctx).minutes
    sign_off = minutes.sign_off if minutes else None
    signatures = [*instance.data.get("signatures", []), _signature(command)]
    if sign_off is None or sign_off.kind in (SignOffKind.UNSPECIFIED, SignOffKind.CONFIRMATION):
        return None
    if sign_off.kind is SignOffKind.CONVENER:
        if command.actor.body in _role_bodies("convener", instance, ctx):
            return None
        return "the convener signs the minutes"
    if sign_off.kind is SignOffKind.APPROVAL:
        assert sign_off.threshold is not None
        seats = sum(instance.data["roster"].get(b, 0) for b in sign_off.bodies)
        approving = {s["id"] for s in signatures if s["body"] in sign_off.bodies}
        if seats and sign_off.threshold.met(len(approving), seats):
            return None
        return (
            f"{len(approving)} of {seats} members of {', '.join(sign_off.bodies)} have "
            f"approved; the charter needs {sign_off.threshold.describe()}"
        )
    attendees = {
        f"{b}:{i}" for b, n in instance.data.get("present", {}).items() for i in range(int(n))
    }
    signed = {f"{s['body']}:{s['slot']}" for s in signatures}
    if attendees <= signed:
        return None
    return f"{len(attendees - signed)} attending member(s) have not signed yet"


def _not_signed_off(instance: Instance, command: Command, ctx: Context) -> str | None:
    if _signed_off(instance, command, ctx) is None:
        return "this signature completes the sign-off"
    minutes = _rule(instance, ctx).minutes
    sign_off = minutes.sign_off if minutes else None
    if sign_off is not None and sign_off.kind is SignOffKind.CONVENER:
        return "the convener signs the minutes"
    ids = {s["id"] for s in instance.data.get("signatures", [])}
    if _signature(command)["id"] in ids:
        return "this member has already signed"
    if sign_off is not None and sign_off.bodies and command.actor.body not in sign_off.bodies:
        return f"only members of {', '.join(sign_off.bodies)} approve the minutes"
    return None


def _signature(command: Command) -> dict[str, Any]:
    return {
        "id": command.actor.id or command.actor.body,
        "body": command.actor.body,
        "slot": int(command.args.get("slot", 0)),
        "on": command.on.isoformat(),
    }


def _known_item(instance: Instance, command: Command, ctx: Context) -> str | None:
    items = instance.data.get("actions", [])
    index = command.args.get("item")
    if not isinstance(index, int) or not 0 <= index < len(items) or items[index]["done_on"]:
        return f"no open action item {index!r}"
    return None


# -- effects -----------------------------------------------------------------------------------
def _plan(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    args = command.args
    return {
        "meeting_kind": args["meeting_kind"],
        "date": args["date"],
        "index": args.get("index", 0),
        "convener": list(args.get("convener", [])),
        "roster": dict(args["roster"]),
        "review": list(args.get("review", [])),
        "actions": [],
        "signatures": [],
    }


def _hold(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    return {
        "held_on": command.on.isoformat(),
        "present": {b: int(n) for b, n in command.args.get("present", {}).items()},
    }


def _record(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    item = {
        "matter": str(command.args.get("matter", "")),
        "owner": command.args.get("owner"),
        "due": command.args.get("due"),
        "done_on": None,
        "overdue": False,
    }
    return {"actions": [*instance.data.get("actions", []), item]}


def _sign(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    return {"signatures": [*instance.data.get("signatures", []), _signature(command)]}


def _item_update(**changes: Any) -> Any:
    def effect(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
        items = [dict(i) for i in instance.data["actions"]]
        values = {k: (command.on.isoformat() if v == "on" else v) for k, v in changes.items()}
        items[command.args["item"]].update(values)
        return {"actions": items}

    return effect


def _postpone(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    return {"date": str(command.args["date"]), "postponed_from": instance.data["date"]}


def _stamp(name: str) -> Any:
    def effect(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
        return {name: command.on.isoformat()}

    return effect


# -- timers ------------------------------------------------------------------------------------
def _timers(instance: Instance, ctx: Context) -> list[Timer]:
    timers = []
    data = instance.data
    minutes = _rule(instance, ctx).minutes
    pending = instance.state in ("held", "decisions_recorded") and not data.get("minutes_overdue")
    if pending and minutes and minutes.deadline.period:
        held = date.fromisoformat(data["held_on"])
        due = ctx.calendar.due(held, minutes.deadline.period).due
        timers.append(
            Timer(
                due,
                "minutes_overdue",
                {"due": due.isoformat()},
                f"meetings.{data['meeting_kind']}.minutes.deadline",
                f"minutes within {minutes.deadline} of {held}: due {due}",
            )
        )
    for index, item in enumerate(data.get("actions", [])):
        if item["done_on"] or item["overdue"] or not item["due"]:
            continue
        timers.append(
            Timer(
                date.fromisoformat(item["due"]),
                "action_overdue",
                {"item": index},
                f"meetings.{data['meeting_kind']}.action_items",
                f"action item {index} ({item['owner']}) due {item['due']}",
            )
        )
    return timers


def meeting_workflow(charter: Charter) -> Workflow:
    """The meeting workflow of ``charter``."""
    convener = _bodies_for("convener")
    chair = _bodies_for("chair", "convener")

    def system_only(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
        return ("system",)

    t = Transition
    transitions = [
        t("plan", ("new",), "planned", effect=_plan),
        t(
            "issue_notice",
            ("planned", "postponed"),
            "notice_issued",
            _notice_issuer,
            "the convener or the notice's issuer",
            (_lead_guard("notice"),),
            _stamp("noticed_on"),
            "meetings.*.notice",
        ),
        t(
            "set_agenda",
            ("notice_issued",),
            "agenda_set",
            _bodies_for("convener", "office_head", "meeting_office"),
            "the convener or the office",
            (_lead_guard("agenda"),),
            _stamp("agenda_on"),
            "meetings.*.agenda",
        ),
        t(
            "hold",
            ("notice_issued", "agenda_set"),
            "held",
            chair,
            "the chair",
            (Guard("on_the_day", _on_the_day), Guard("quorum", _quorum, "meetings.*.quorum")),
            _hold,
        ),
        t(
            "record_decision",
            ("held", "decisions_recorded"),
            "decisions_recorded",
            chair,
            "the chair",
            (
                Guard("action_item", _action_item_complete, "meetings.*.action_items"),
                Guard("decision_rule", _decision_passes, "meetings.*.decision"),
            ),
            _record,
        ),
        t(
            "draft_minutes",
            ("held", "decisions_recorded"),
            "minutes_drafted",
            _recorders,
            "the recorder",
            effect=_stamp("drafted_on"),
            rule="meetings.*.minutes",
        ),
        t(
            "sign_minutes",
            ("minutes_drafted",),
            "minutes_approved",
            _member_bodies,
            "a member of the meeting",
            (Guard("signed_off", _signed_off, "meetings.*.minutes.sign_off"),),
            _sign,
        ),
        t(
            "sign_minutes",
            ("minutes_drafted",),
            "minutes_drafted",
            _member_bodies,
            "a member of the meeting",
            (Guard("collecting", _not_signed_off, "meetings.*.minutes.sign_off"),),
            _sign,
        ),
        t(
            "distribute",
            ("minutes_approved",),
            "distributed",
            _bodies_for("convener", "office_head", "meeting_office", "recorder"),
            "the convener or the office",
            effect=_stamp("distributed_on"),
            rule="meetings.*.minutes.distribution",
        ),
        t(
            "close",
            ("distributed",),
            "closed",
            convener,
            "the convener",
            effect=_stamp("closed_on"),
        ),
        t("postpone", NOT_HELD, "postponed", convener, "the convener", effect=_postpone),
        t(
            "cancel",
            NOT_HELD,
            "cancelled",
            convener,
            "the convener",
            effect=_stamp("cancelled_on"),
        ),
        t(
            "complete_action",
            (*AFTER_HELD, "closed"),
            "same",
            _member_bodies,
            "a member of the meeting",
            (Guard("known_item", _known_item),),
            _item_update(done_on="on"),
        ),
        t(
            "minutes_overdue",
            ("held", "decisions_recorded"),
            "same",
            system_only,
            "the system",
            effect=lambda i, c, x: {"minutes_overdue": c.on.isoformat()},
        ),
        t(
            "action_overdue",
            (*AFTER_HELD, "closed"),
            "same",
            system_only,
            "the system",
            (Guard("known_item", _known_item),),
            _item_update(overdue=True),
        ),
    ]
    return Workflow(
        "meeting",
        charter,
        STATES,
        "new",
        expand_self_loops(transitions),
        timers=_timers,
        requires={
            "plan": ("meeting_kind", "date", "roster"),
            "postpone": ("date",),
            "complete_action": ("item",),
            "action_overdue": ("item",),
        },
    )
