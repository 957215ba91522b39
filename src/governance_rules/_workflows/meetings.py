"""The meeting workflow, compiled from each meeting kind's rules in the charter.

Every meeting kind of the charter is a compound state whose sub-states are the
steps that kind's rules call for: ``planned``, then ``notice_issued`` only if the
charter sets a notice (once signed, by ``sign_notice``, where it names a signer),
``agenda_set`` only if it sets an agenda, ``held``, then
``minutes_drafted``, ``minutes_approved`` (only with a sign-off rule) and
``distributed`` (only with a distribution list), and ``closed``; a meeting not yet
held may be ``postponed`` or ``cancelled``. Where the charter orders the meeting in
session (``procedure``), ``held`` has one sub-state per step, entered in order by
``next_step``; decisions are then recorded at the vote step only, and the minutes
(or the close) follow the last step. Decisions are minuted in ``held`` —
passed or failed, under the charter's rule — and action items are created only
where the charter has them, with the owner and due date it requires. A meeting
closes once its action items are done.

>>> from governance_rules._charter import load_charter
>>> print(*meeting_steps(load_charter("yayuan-monthly").meetings["regular"]))
planned notice_issued agenda_set held minutes_drafted minutes_approved distributed closed
>>> print(*meeting_steps(load_charter("rotating-quarterly-consensus").meetings["regular"]))
planned agenda_set held minutes_drafted distributed closed
>>> print(*load_charter("oc-agenda-majority").meetings["regular"].step_keys)
opening agenda_items problem_list solutions responsible_persons vote minutes close
"""

from __future__ import annotations

from datetime import date
from typing import Any

from governance_rules._charter import Charter, MeetingRule
from governance_rules._charter.meetings import Agenda, SignOffKind
from governance_rules._charter.types import TimingKind
from governance_rules._text import one_line
from governance_rules._workflows import meeting_rules as mr
from governance_rules._workflows.core import (
    SYSTEM,
    SYSTEM_ONLY,
    Command,
    Context,
    Guard,
    Instance,
    Timer,
    Transition,
    Workflow,
    late_once,
    record_late,
    stamp,
)
from governance_rules._workflows.meeting_rules import MeetingData
from governance_rules._workflows.timers import timer

__all__ = ["MeetingData", "meeting_steps", "meeting_workflow"]

PRE_HELD = ("planned", "notice_issued", "agenda_set", "postponed")


def meeting_steps(rule: MeetingRule) -> list[str]:
    """The steps (sub-states) a meeting of this kind goes through, in order."""
    steps = ["planned"]
    if rule.notice is not None:
        steps.append("notice_issued")
    if rule.agenda is not None:
        steps.append("agenda_set")
    steps.append("held")
    if rule.minutes is not None:
        steps.append("minutes_drafted")
        sign_off = rule.minutes.sign_off
        if sign_off is not None and sign_off.kind is not SignOffKind.UNSPECIFIED:
            steps.append("minutes_approved")
        if rule.minutes.distribution:
            steps.append("distributed")
    steps.append("closed")
    return steps


def _missing_step(rule: MeetingRule, trigger: str) -> str | None:
    """What the charter leaves out of this meeting kind, where that is why ``trigger``
    has no step at all (never a matter of the meeting's state)."""
    minutes = rule.minutes
    sign_off = minutes.sign_off if minutes is not None else None
    missing = {
        "issue_notice": rule.notice is None and "no notice",
        "sign_notice": (rule.notice is None or rule.notice.signed_by is None)
        and "no signature on the notice",
        "set_agenda": rule.agenda is None and "no agenda",
        "draft_minutes": minutes is None and "no minutes",
        "sign_minutes": (sign_off is None or sign_off.kind is SignOffKind.UNSPECIFIED)
        and "no sign-off of the minutes",
        "distribute": (minutes is None or not minutes.distribution)
        and "no distribution of the minutes",
        "next_step": not rule.procedure and "no procedure in session",
    }.get(trigger)
    return missing or None


def _no_step(instance: Instance, command: Command, ctx: Context) -> tuple[str, str] | None:
    """Why a meeting has no edge for ``command``, where the charter is why: its kind has no
    such step (an owners-alliance-quarterly meeting has no notice to issue)."""
    if instance.data is None:
        return None
    kind = instance.data.meeting_kind
    rule = mr.rule_of(instance, ctx)
    if command.trigger == "hold":
        return _owed_before_hold(kind, rule, _step(instance.state))
    if command.trigger == "close":
        return _owed_before_close(kind, rule, instance)
    if command.trigger in _MINUTES_STEP:
        owed = _owed_before_minutes_step(kind, rule, instance, command.trigger)
        if owed is not None:
            return owed
    missing = _missing_step(rule, command.trigger)
    if missing is None:
        return None
    return (
        f"{command.trigger!r} is not a step of the {kind} meeting: the charter sets {missing} "
        "for it, and the library invents none",
        f"meetings.{kind}",
    )


def _owed_before_hold(kind: str, rule: MeetingRule, step: str) -> tuple[str, str] | None:
    """The charter's step still owed before a meeting not yet held may be held: its
    notice, then an agenda the charter gives a lead."""
    if step not in PRE_HELD:
        return None
    if step in ("planned", "postponed") and rule.notice is not None:
        return (
            f"the {kind} meeting is held once its notice has gone out (issue_notice)",
            f"meetings.{kind}.notice",
        )
    agenda = rule.agenda
    if step == "agenda_set" or agenda is None or not agenda_before_hold(agenda):
        return None
    assert agenda.lead is not None
    if agenda.lead.period is None:  # 提前 with no number: out before the meeting is held
        return (
            f"the {kind} meeting is held once its agenda has gone out ahead of it "
            "(set_agenda); the charter gives no number of days",
            f"meetings.{kind}.agenda.lead",
        )
    return (
        f"the {kind} meeting is held once its agenda has gone out, {agenda.lead.period} "
        "before it (set_agenda); where that day has passed, postpone the meeting",
        f"meetings.{kind}.agenda.lead",
    )


def agenda_before_hold(agenda: Agenda) -> bool:
    """Whether the agenda must be out before the meeting is held: its lead is a period,
    or 提前 with no number (co-building-two-thirds 三、2); an open lead leaves it optional."""
    lead = agenda.lead
    return lead is not None and (lead.period is not None or lead.kind is TimingKind.IN_ADVANCE)


_OWED_AFTER_HOLD = {
    "minutes_drafted": ("its minutes are drafted (draft_minutes)", "minutes"),
    "minutes_approved": ("its minutes are signed off (sign_minutes)", "minutes.sign_off"),
    "distributed": ("its minutes are distributed (distribute)", "minutes.distribution"),
}


def _owed_before(rule: MeetingRule, instance: Instance, target: str) -> tuple[str, str] | None:
    """The minutes step (its words and rule path) still owed before a held meeting may
    reach step ``target`` (a minutes step, or ``closed``): none while a procedure is still
    in session (its next step is owed) or where the next step is ``target`` itself."""
    steps = meeting_steps(rule)
    step = _step(instance.state)
    if target not in steps or step not in steps or steps.index(step) >= steps.index(target) - 1:
        return None
    at = mr.procedure_step(instance)
    if at is not None and at != rule.step_keys[-1]:
        return None
    return _OWED_AFTER_HOLD.get(steps[steps.index(step) + 1])


def _owed_before_close(kind: str, rule: MeetingRule, instance: Instance) -> tuple[str, str] | None:
    """The charter's minutes step still owed before a held meeting may close."""
    owed = _owed_before(rule, instance, "closed")
    if owed is None:
        return None
    return f"the {kind} meeting closes once {owed[0]}", f"meetings.{kind}.{owed[1]}"


_MINUTES_STEP = {
    "draft_minutes": ("minutes_drafted", "drafted"),
    "sign_minutes": ("minutes_approved", "signed off"),
    "distribute": ("distributed", "distributed"),
}


def _owed_before_minutes_step(
    kind: str, rule: MeetingRule, instance: Instance, trigger: str
) -> tuple[str, str] | None:
    """The charter's step still owed before the minutes may be drafted, signed off or
    distributed (rc-half-yearly 第三条: signed by the convener, then sent out)."""
    target, done = _MINUTES_STEP[trigger]
    steps = meeting_steps(rule)
    step = _step(instance.state)
    if step in PRE_HELD and step in steps and target in steps:  # not a postponed one
        return (
            f"the {kind} meeting's minutes are {done} after it is held (hold)",
            f"meetings.{kind}.minutes",
        )
    owed = _owed_before(rule, instance, target)
    if owed is None:
        return None
    return f"the {kind} meeting's minutes are {done} once {owed[0]}", f"meetings.{kind}.{owed[1]}"


def _step(state: str) -> str:
    """The meeting's step in ``kind.step`` or ``kind.held.procedure_step``."""
    parts = state.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _plan(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    a = command.args
    return {
        "meeting_kind": a["meeting_kind"],
        "day": a["date"],
        "roster": dict(a["roster"]),
        "roles": {k: tuple(v) for k, v in a["roles"].items()},
        "window_start": a.get("window_start"),
        "override": a.get("override"),
        "rotation": tuple(a.get("rotation", ())),
        "rotation_start": a.get("rotation_start"),
        "review": tuple(a.get("review", ())),
    }


def _edges(charter: Charter, kind: str, rule: MeetingRule) -> list[Transition]:
    steps = meeting_steps(rule)
    s = {step: f"{kind}.{step}" for step in [*steps, "postponed", "cancelled"]}
    t = Transition
    # where a charter names no convener, its chair (who presides) acts for the meeting,
    # and any member body may plan it
    named = charter.role("convener", kind) is not None
    unnamed = _unnamed(charter, kind)
    convener = convener_of(charter, kind)
    acts = "the convener" if named else "a member body" if unnamed else "the chair"
    chair = mr.resolve(("chair", "convener"), anyone=unnamed)
    presides = "the chair" if charter.role("chair", kind) is not None else acts
    notice, agenda, minutes = rule.notice, rule.agenda, rule.minutes
    not_held = tuple(s[x] for x in PRE_HELD if x in s)
    edges = [
        t(
            trigger="plan",
            source=("new",),
            dest=s["planned"],
            who=mr.planner,
            who_label="the convener" if named else "a member body",
            when=mr.kind_is(kind),
            guards=(mr.planning_guard(kind, rule), *mr.lead_left_guards(kind, rule, "plan")),
            effect=_plan,
            rule=f"meetings.{kind}",
        ),
    ]
    before_hold = [s["planned"], s["postponed"]]
    if notice is not None and notice.signed_by is not None:
        # the notice goes out signed (yangxin-2022 (一) 第四条): the signer signs first
        edges.append(
            t(
                trigger="sign_notice",
                source=(s["planned"], s["postponed"]),
                dest=None,
                who=mr.resolve((notice.signed_by, "convener", "chair"), anyone=unnamed),
                who_label=(
                    f"the {notice.signed_by}"
                    if charter.role(notice.signed_by, kind) is not None
                    else notice.signed_by
                ),
                guards=(
                    Guard(
                        "not signed yet", mr.not_signed_yet, f"meetings.{kind}.notice.signed_by"
                    ),
                ),
                effect=stamp("notice_signed_on"),
                rule=f"meetings.{kind}.notice.signed_by",
            )
        )
    if notice is not None:
        edges.append(
            t(
                trigger="issue_notice",
                source=(s["planned"], s["postponed"]),
                dest=s["notice_issued"],
                who=notice_issuer(charter, kind, rule),
                who_label=notice.issued_by or "the convener",
                guards=(
                    mr.notice_signed_guard(kind, rule),
                    mr.lead_guard(kind, "notice", rule),
                    mr.notice_sign_off_guard(kind, rule),
                    mr.notice_content_guard(kind, rule),
                ),
                effect=mr.issue_notice,
                rule=f"meetings.{kind}.notice",
            )
        )
        before_hold = [s["notice_issued"]]
    if agenda is not None:
        issuer = agenda_issuer_name(rule)
        edges.append(
            t(
                trigger="set_agenda",
                source=tuple(before_hold),
                dest=s["agenda_set"],
                who=agenda_issuer(charter, kind, rule),
                # a role the charter defines (co-building's secretariat) reads as one
                who_label=(f"the {issuer}" if issuer and charter.role(issuer, kind) else issuer)
                or "the convener",
                guards=(mr.lead_guard(kind, "agenda", rule),),
                effect=mr.set_agenda,
                rule=f"meetings.{kind}.agenda",
            )
        )
        # an agenda given a lead (a period, or 提前) must be out before the meeting;
        # otherwise it is optional
        if agenda_before_hold(agenda):
            before_hold = [s["agenda_set"]]
        else:
            before_hold = [*before_hold, s["agenda_set"]]
    edges += [
        t(
            trigger="hold",
            source=tuple(before_hold),
            dest=s["held"],
            who=chair,
            who_label=presides,
            guards=(Guard("on the day", mr.on_the_day), mr.quorum_guard(kind, rule)),
            effect=_hold,
            rule=f"meetings.{kind}.quorum",
        ),
        t(
            trigger="record_decision",
            source=(s["held"],),
            dest=None,
            who=chair,
            who_label=presides,
            guards=(
                *((mr.vote_step_guard(kind, rule),) if rule.vote_step else ()),
                mr.decision_guard(kind, rule),
                mr.action_item_guard(kind, rule),
            ),
            effect=mr.record_decision,
            rule=f"meetings.{kind}.decision",
        ),
        t(
            trigger="postpone",
            source=not_held,
            dest=s["postponed"],
            who=convener,
            who_label=acts,
            guards=(
                mr.postponement_guard(kind, rule),
                *mr.lead_left_guards(kind, rule, "postpone"),
            ),
            effect=_postpone,
            rule=f"meetings.{kind}",  # who may: cited where the charter names no convener
        ),
        t(
            trigger="cancel",
            source=not_held,
            dest=s["cancelled"],
            who=convener,
            who_label=acts,
            effect=stamp("cancelled_on"),
            rule=f"meetings.{kind}",
        ),
    ]
    edges += _procedure_edges(charter, kind, rule, s["held"])
    # with a procedure, the meeting leaves session from its last step only
    done = (mr.procedure_done_guard(kind, rule),) if rule.procedure else ()
    last = s["held"]
    if minutes is not None:
        drafter = minutes_drafter(charter, kind, rule)
        edges.append(
            t(
                trigger="draft_minutes",
                source=(s["held"],),
                dest=s["minutes_drafted"],
                who=drafter,
                who_label=minutes.drafted_by or "the recorder",
                guards=done,
                effect=stamp("drafted_on"),
                rule=f"meetings.{kind}.minutes",
                label=f"within {minutes.deadline}",
            )
        )
        last = s["minutes_drafted"]
        if "minutes_approved" in s:
            completes, collecting = mr.sign_off_guards(kind, rule)
            signer = signers(charter, kind, rule)
            by_convener = _sign_off(rule) is SignOffKind.CONVENER
            label = "the convener" if by_convener else "a member of the meeting"
            edges += [
                t(
                    trigger="sign_minutes",
                    source=(last,),
                    dest=s["minutes_approved"],
                    who=signer,
                    who_label=label,
                    guards=(completes,),
                    effect=_approve,
                    rule=f"meetings.{kind}.minutes.sign_off",
                ),
                t(
                    trigger="sign_minutes",
                    source=(last,),
                    dest=None,
                    who=signer,
                    who_label=label,
                    guards=(collecting,),
                    effect=mr.sign,
                    rule=f"meetings.{kind}.minutes.sign_off",
                ),
            ]
            last = s["minutes_approved"]
        if "distributed" in s:
            edges.append(
                t(
                    trigger="distribute",
                    source=(last,),
                    dest=s["distributed"],
                    who=drafter,
                    who_label="the drafter of the minutes",
                    effect=stamp("distributed_on"),
                    rule=f"meetings.{kind}.minutes.distribution",
                    label="to " + ", ".join(minutes.distribution),
                )
            )
            last = s["distributed"]
    after_held = tuple(s[x] for x in steps[steps.index("held") :] if x != "closed")
    follower = rule.action_items.followed_up_by if rule.action_items else None
    edges += [
        t(
            trigger="close",
            source=(last,),
            dest=s["closed"],
            who=convener,
            who_label=acts,
            guards=(*(done if last == s["held"] else ()), mr.no_open_items(kind)),
            effect=stamp("closed_on"),
            rule=f"meetings.{kind}.action_items",
        ),
        t(
            trigger="complete_action",
            source=after_held,
            dest=None,
            # the body or role the charter charges with following items up records them
            # done; where it names none, any member of the meeting
            who=mr.resolve((follower,)) if follower else mr.members,
            who_label=follower or "a member of the meeting",
            guards=(Guard("known item", mr.known_item),),
            effect=mr.item_update(done_on="on"),
            rule=f"meetings.{kind}.action_items",
        ),
        t(
            trigger="action_overdue",
            source=after_held,
            dest=None,
            who=SYSTEM_ONLY,
            who_label="the system",
            guards=(Guard("known item", mr.known_item),),
            effect=mr.item_update(overdue=True),
            rule=f"meetings.{kind}.action_items",
        ),
        t(
            trigger="duty_late",
            source=(*not_held, *after_held),
            dest=None,
            who=SYSTEM_ONLY,
            who_label="the system",
            guards=(Guard("once", late_once),),
            effect=record_late,
        ),
    ]
    return edges


def _procedure_edges(
    charter: Charter, kind: str, rule: MeetingRule, held: str
) -> list[Transition]:
    """``next_step`` from each step of the procedure to the next, by whoever does that step."""
    edges = []
    unnamed = _unnamed(charter, kind)
    for index in range(1, len(rule.procedure)):
        before, step = rule.procedure[index - 1], rule.procedure[index]
        edges.append(
            Transition(
                trigger="next_step",
                source=(f"{held}.{before.key}",),
                dest=f"{held}.{step.key}",
                who=mr.resolve((step.performed_by, "chair", "convener"), anyone=unnamed),
                who_label=_role_label(charter, step.performed_by) or "the chair",
                guards=(mr.next_step_guard(kind, rule, index),),
                rule=f"meetings.{kind}.procedure[{index}]",
            )
        )
    return edges


def _role_label(charter: Charter, name: str | None) -> str | None:
    """``the chair`` for a role, the body id for a body (as the other edges show them)."""
    return f"the {name}" if name in charter.roles else name


def _sign_off(rule: MeetingRule) -> SignOffKind | None:
    sign_off = rule.minutes.sign_off if rule.minutes else None
    return sign_off.kind if sign_off else None


def _hold(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    return {"held_on": command.on, "present": dict(command.args.get("present", {}))}


def _approve(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    return {**mr.sign(instance, command, ctx), "approved_on": command.on}


def _postpone(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    return {
        "day": command.args["date"],
        "postponed_from": instance.data.day,
        "noticed_on": None,
        "notice_signed_on": None,  # the notice of the new day is signed again
        "notice_contents": {},  # and states its items again
        "agenda_on": None,
        # the leads count from the new day: a lead missed for the old day is due again
        "late": tuple(d for d in instance.data.late if d not in ("notice", "agenda")),
    }


# -- who answers for each step: one place for the edges and the deadlines ----------------------
def convener_of(charter: Charter, kind: str) -> mr.RoleHolders:
    """The convener, else the chair, else (neither named) any member body."""
    return mr.resolve(("convener", "chair"), anyone=_unnamed(charter, kind))


def notice_issuer(charter: Charter, kind: str, rule: MeetingRule) -> mr.RoleHolders:
    """Who sends the notice: the body or role the charter names, else the convener."""
    named = rule.notice.issued_by if rule.notice else None
    return mr.resolve((named, "convener", "chair"), anyone=_unnamed(charter, kind))


def agenda_issuer_name(rule: MeetingRule) -> str | None:
    """The body or role the charter names for circulating the agenda, if any.

    Whoever hands the agenda out keeps its lead (``issued_by``), else its drafter,
    else those who collect its topics, any of them:

    >>> from governance_rules._charter import load_charter
    >>> agenda_issuer_name(load_charter("oc-agenda-majority").meetings["regular"])
    'property_company'
    >>> agenda_issuer_name(load_charter("party-building-5x").meetings["regular"])
    'party_org or estate_party_org'
    """
    agenda = rule.agenda
    if agenda is None:
        return None
    named = agenda.issued_by or agenda.drafted_by
    return named or (" or ".join(agenda.collected_by) if agenda.collected_by else None)


def agenda_issuer(charter: Charter, kind: str, rule: MeetingRule) -> mr.RoleHolders:
    """Who circulates the agenda: as named, else any who collect its topics, else the
    convener."""
    agenda = rule.agenda
    anyone = _unnamed(charter, kind)
    if agenda is not None and not (agenda.issued_by or agenda.drafted_by) and agenda.collected_by:
        return mr.AnyOfHolders(tuple(agenda.collected_by), ("convener", "chair"), anyone=anyone)
    return mr.resolve((agenda_issuer_name(rule), "convener", "chair"), anyone=anyone)


def minutes_drafter(charter: Charter, kind: str, rule: MeetingRule) -> mr.RoleHolders:
    """Who drafts the minutes: as named, else the recorder, secretary or convener."""
    named = rule.minutes.drafted_by if rule.minutes else None
    names = (named, "recorder", "secretary", "convener", "chair")
    return mr.resolve(names, anyone=_unnamed(charter, kind))


def signers(charter: Charter, kind: str, rule: MeetingRule) -> Any:
    """Who signs the minutes off: the convener, or the members of the meeting."""
    if _sign_off(rule) is SignOffKind.CONVENER:
        return convener_of(charter, kind)
    return mr.members


def _unnamed(charter: Charter, kind: str) -> bool:
    """The charter names neither a convener nor a chair for meetings of ``kind``."""
    return charter.role("convener", kind) is None and charter.role("chair", kind) is None


_NO_COMMAND = Command("deadline", SYSTEM, date.min, {})


# -- timers ------------------------------------------------------------------------------------
def _timers(instance: Instance, ctx: Context) -> list[Timer]:
    data: MeetingData = instance.data
    kind = data.meeting_kind
    rule = ctx.charter.meetings[kind]
    step = _step(instance.state)
    path = f"meetings.{kind}"
    found: list[Timer | None] = []

    def duty(name: str, **kw: Any) -> None:
        if name not in data.late:
            found.append(timer(ctx, trigger="duty_late", args={"duty": name}, **kw))

    if step in ("planned", "postponed") and rule.notice is not None:
        duty(
            "notice",
            start=data.day,
            timing=rule.notice.lead,
            before=True,
            what="send the notice",
            rule=f"{path}.notice.lead",
            responsible=notice_issuer(ctx.charter, kind, rule)(instance, _NO_COMMAND, ctx),
        )
    if step in ("planned", "postponed", "notice_issued") and rule.agenda is not None:
        duty(
            "agenda",
            start=data.day,
            timing=rule.agenda.lead,
            before=True,
            what="circulate the agenda",
            rule=f"{path}.agenda.lead",
            responsible=agenda_issuer(ctx.charter, kind, rule)(instance, _NO_COMMAND, ctx),
        )
    if step == "held" and rule.minutes is not None and data.held_on is not None:
        duty(
            "minutes",
            start=data.held_on,
            timing=rule.minutes.deadline,
            what="draft the minutes",
            rule=f"{path}.minutes.deadline",
            responsible=minutes_drafter(ctx.charter, kind, rule)(instance, _NO_COMMAND, ctx),
        )
    sign_off = rule.minutes.sign_off if rule.minutes else None
    if step == "minutes_drafted" and sign_off is not None and data.drafted_on is not None:
        duty(
            "sign_off",
            start=data.drafted_on,
            timing=sign_off.within,
            what="sign off the minutes",
            rule=f"{path}.minutes.sign_off",
            responsible=signers(ctx.charter, kind, rule)(instance, _NO_COMMAND, ctx),
        )
    if data.held_on is not None:
        for index, item in enumerate(data.actions):
            if item.done_on or item.overdue or item.due is None:
                continue
            found.append(
                Timer(
                    item.due,
                    "action_overdue",
                    {"item": index},
                    f"{path}.action_items",
                    f"action item {index} ({one_line(item.matter) or 'no matter given'}): "
                    f"due {item.due.isoformat()}",
                    (item.owner,) if item.owner else (),
                )
            )
    return [t for t in found if t is not None]


def _migration_problem(instance: Instance, charter: Charter) -> str | None:
    if instance.data is None:
        return None
    kind = instance.data.meeting_kind
    if kind not in charter.meetings:
        return f"the new rules have no meeting kind {kind!r}"
    rule = charter.meetings[kind]
    step = _step(instance.state)
    if step not in (*meeting_steps(rule), "postponed", "cancelled"):
        return f"meetings of kind {kind!r} have no step {step!r} under the new rules"
    inner = mr.procedure_step(instance)
    in_session = step == "held" and (inner is not None or bool(rule.procedure))
    if in_session and inner not in rule.step_keys:
        return (
            f"meetings of kind {kind!r} in session have no procedure step {inner!r} "
            "under the new rules"
        )
    return None


def _responsible(instance: Instance, charter: Charter) -> tuple[str, ...]:
    roles = instance.data.roles
    found = roles.get("convener") or roles.get("chair")
    if found:
        return tuple(found)
    return tuple(instance.data.roster) if _unnamed(charter, instance.data.meeting_kind) else ()


def _answering(charter: Charter) -> Any:
    """Who answers for a meeting, as :func:`_responsible` has it: its convener (else its
    chair), in the post the role names, or any member where the charter names neither."""
    holders = {
        kind: mr.resolve(("convener", "chair"), anyone=_unnamed(charter, kind))
        for kind in charter.meetings
    }

    def answering(instance: Instance) -> tuple[Any, str]:
        kind = instance.data.meeting_kind
        return holders[kind], f"meetings.{kind}"

    return answering


def meeting_workflow(charter: Charter) -> Workflow:
    """The meeting workflow of ``charter``: one compound state per meeting kind."""
    states: list[Any] = ["new"]
    edges: list[Transition] = []
    for kind, rule in charter.meetings.items():
        children: list[Any] = [*meeting_steps(rule), "postponed", "cancelled"]
        if rule.procedure:
            steps = rule.step_keys
            children[children.index("held")] = {"name": "held", "children": steps,
                                                "initial": steps[0]}  # fmt: skip
        states.append({"name": kind, "children": children, "initial": "planned"})
        edges += _edges(charter, kind, rule)
    return Workflow(
        kind="meeting",
        charter=charter,
        states=states,
        initial="new",
        transitions=edges,
        final=("closed", "cancelled"),
        prefix="meeting",
        data_type=MeetingData,
        timers=_timers,
        migration_problem=_migration_problem,
        responsible=_responsible,
        answering=_answering(charter),
        no_edge=_no_step,
    )
