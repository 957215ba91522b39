"""The engine's table and the ``transitions`` machine it is compiled from decide alike.

Random command sequences, for every bundled charter and every workflow kind, run
through the compiled table (the engine's hot path) and through ``transitions``' own
trigger API on the machine compiled from the same charter; both must accept and
refuse the same commands and reach the same states.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from transitions import MachineError

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter import available_charters, load_charter
from governance_rules._charter.rotation import RotationChoice, holders
from governance_rules._workflows import KINDS, Actor, Command, Context, Instance, compile_workflow
from governance_rules.errors import CommandRefused

CALENDAR = WorkingCalendar.china()
CHARTERS = sorted(available_charters())


class Model:
    """A throwaway model for the machine (added and removed per step)."""

    state: str


def _args(draw: Any, charter: Any, day: date) -> dict[str, Any]:
    bodies = sorted(charter.bodies)
    members = sorted(charter.member_bodies) or bodies
    later = day + timedelta(days=draw(st.integers(0, 40)))
    return {
        "category": draw(st.sampled_from([*charter.issues, "nonsense"])),
        "term": draw(st.sampled_from([*charter.terms, "nonsense"])),
        "members": draw(st.integers(0, 13)),
        "present": {b: draw(st.integers(0, 2)) for b in members},
        "votes": [
            {
                "voter": f"v{i}",
                "body": b,
                "choice": draw(st.sampled_from(["yes", "no", "abstain"])),
            }
            for i, b in enumerate(members)
        ],
        "outcome": draw(st.sampled_from(["passed", "failed", "maybe"])),
        "owner": draw(st.sampled_from(bodies)),
        "due": later,
        "item": draw(st.integers(0, 2)),
        "index": draw(st.integers(0, 2)),
        "date": later,
        "slot": draw(st.integers(0, 1)),
        "deadline": "reply",
        "key": f"k{draw(st.integers(0, 3))}",
        "duty": draw(st.sampled_from(["notice", "minutes", "filing"])),
        "year": draw(st.sampled_from([2025, 2026, 1990])),
        "subject": draw(st.sampled_from(bodies)),
        "scores": [[s, "overall", str(draw(st.integers(0, 100)))] for s in bodies[:2]],
    }


def _plan_args(charter: Any, kind: str, day: date) -> dict[str, Any]:
    rule = charter.meetings[kind]
    choice = None
    role = charter.role("convener", kind)
    if role is not None and role.rotation is not None:
        choice = RotationChoice(role.rotation.order, day)
    roles = {n: list(holders(charter, n, kind, day, choice) or ()) for n in charter.roles}
    window = None
    if rule.cadence is not None:
        window = next((w for w in rule.window.windows(day.year, rule.cadence)
                       if w.start <= day <= w.end), None)  # fmt: skip
    return {"meeting_kind": kind, "date": day, "roster": dict.fromkeys(charter.member_bodies, 2),
            "roles": roles, "window_start": window.start if window else None, "taken": 0}  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(CHARTERS), st.sampled_from(sorted(KINDS)), st.data())
def test_table_and_machine_agree(charter_id: str, kind: str, data: Any) -> None:
    charter = load_charter(charter_id)
    workflow = compile_workflow(charter, kind)
    ctx = Context(charter, CALENDAR)
    day = date(2026, 3, 2)
    instance = Instance("x-1", kind, "new", None, day)
    bodies = sorted({*charter.bodies, "system", "residents", "hackers"})
    machine = workflow.machine
    for _ in range(data.draw(st.integers(1, 16))):
        possible = sorted({t for (s, t) in workflow.table if s == instance.state})
        if possible and data.draw(st.integers(0, 5)):  # mostly commands possible now
            trigger = data.draw(st.sampled_from(possible))
        else:
            trigger = data.draw(st.sampled_from([*workflow.triggers, "nonsense"]))
        args = _args(data.draw, charter, day)
        if trigger == "plan" and charter.meetings:
            meeting_kind = data.draw(st.sampled_from(sorted(charter.meetings)))
            args.update(_plan_args(charter, meeting_kind, args["date"]))
        body = data.draw(st.sampled_from(bodies))
        allowed = [
            b
            for edge, _ in workflow.table.get((instance.state, trigger), ())
            for b in edge.who(instance, Command(trigger, Actor(body), day, args), ctx)
        ]
        if allowed and data.draw(st.integers(0, 3)):  # mostly an actor who may
            body = data.draw(st.sampled_from(allowed))
        command = Command(
            trigger, Actor(body, None, f"p{data.draw(st.integers(0, 3))}"), day, args
        )
        before = (instance.state, instance.data)
        try:
            chosen = workflow.decide(instance, command, ctx)
        except CommandRefused:
            chosen = None
        assert (instance.state, instance.data) == before  # deciding changes nothing
        model = Model()
        machine.add_model(model, initial=instance.state)
        try:
            try:
                accepted = model.trigger(trigger, instance=instance, command=command, ctx=ctx)
            except (MachineError, AttributeError):  # a trigger unknown here
                accepted = False
            assert accepted == (chosen is not None), (trigger, instance.state)
            if chosen is not None:
                assert model.state == chosen[1]
        finally:
            machine.remove_model(model)
        if chosen is not None:
            edge, dest = chosen
            changes = edge.effect(instance, command, ctx) if edge.effect else {}
            workflow.advance(instance, dest, changes)
        day += timedelta(days=data.draw(st.integers(0, 5)))
