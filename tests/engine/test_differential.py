"""The transition table and the transitions machine make identical decisions.

Random command sequences, for every bundled charter and every workflow kind, run
through the compiled table (the engine's hot path) and through the shared
``transitions`` machine compiled from the same charter; both must accept and refuse
the same commands and reach the same states.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from transitions import MachineError

from governance_rules.calendar import WorkingCalendar
from governance_rules.charter import available_charters, load_charter
from governance_rules.errors import CommandRefused
from governance_rules.workflows import Actor, Command, Context, Instance, compile_workflow

CALENDAR = WorkingCalendar.china()
CHARTERS = sorted(available_charters())


class Model:
    """A throwaway model for the reference machine (added and removed per sequence)."""

    state: str


def _args(draw: Any, charter: Any, day: date) -> dict[str, Any]:
    bodies = sorted(charter.bodies)
    members = sorted(charter.member_bodies) or bodies
    later = (day + timedelta(days=draw(st.integers(0, 40)))).isoformat()
    return {
        "category": draw(st.sampled_from([*charter.issues, "nonsense"])),
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
        "owner": draw(st.sampled_from(bodies)),
        "due": later,
        "item": draw(st.integers(0, 2)),
        "date": later,
        "slot": draw(st.integers(0, 1)),
        "deadline": "reply",
        "key": f"k{draw(st.integers(0, 3))}",
    }


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(CHARTERS), st.sampled_from(["issue", "meeting", "term"]), st.data())
def test_table_and_machine_agree(charter_id: str, kind: str, data: Any) -> None:
    charter = load_charter(charter_id)
    workflow = compile_workflow(charter, kind)
    ctx = Context(charter, CALENDAR)
    day = date(2026, 3, 2)
    start: dict[str, Any] = {"charter_as_of": day.isoformat()}
    if kind == "term":
        if not charter.terms:
            return
        start["term"] = data.draw(st.sampled_from(sorted(charter.terms)))
    instance = Instance("x-1", kind, "new", start)
    first = {"issue": "report", "meeting": "plan", "term": "elect"}[kind]
    bodies = sorted({*charter.bodies, "system", "residents"})
    meeting_kind = data.draw(st.sampled_from(sorted(charter.meetings) or ["regular"]))
    roster = dict.fromkeys(charter.member_bodies, 2)
    machine = workflow.machine
    for step in range(data.draw(st.integers(1, 14))):
        possible = sorted({t for (s, t) in workflow.table if s == instance.state})
        if step == 0:
            trigger = first
        elif possible and data.draw(st.integers(0, 4)):  # mostly commands possible now
            trigger = data.draw(st.sampled_from(possible))
        else:
            trigger = data.draw(st.sampled_from(workflow.triggers))
        args = _args(data.draw, charter, day)
        body = data.draw(st.sampled_from(bodies))
        candidates = workflow.table.get((instance.state, trigger), ())
        allowed = [
            b
            for t in candidates
            if t.who and instance.state != "new"
            for b in t.who(instance, Command(trigger, Actor(body), day, args), ctx)
        ]
        if allowed and data.draw(st.integers(0, 3)):  # mostly an actor who may
            body = data.draw(st.sampled_from(allowed))
        actor = Actor(body, None, f"p{data.draw(st.integers(0, 3))}")
        if trigger == "plan":
            if meeting_kind not in charter.meetings:
                return
            args.update(meeting_kind=meeting_kind, date=(day + timedelta(days=9)).isoformat(),
                        roster=roster, convener=[])  # fmt: skip
        command = Command(trigger, actor, day, args)
        snapshot = copy.deepcopy(instance.data)
        try:
            chosen = workflow.decide(instance, command, ctx)
        except CommandRefused:
            chosen = None
        model = Model()  # a fresh throwaway model: nothing bound from an earlier step
        machine.add_model(model, initial=instance.state)
        try:
            try:
                accepted = model.trigger(trigger, instance=instance, command=command, ctx=ctx)
            except MachineError:
                accepted = False
            assert accepted == (chosen is not None), (trigger, instance.state)
            if chosen is not None:
                assert model.state == chosen.dest
        finally:
            machine.remove_model(model)
        assert instance.data == snapshot  # deciding changes nothing
        if chosen is not None:
            instance.data.update(chosen.effect(instance, command, ctx) if chosen.effect else {})
            instance.state = chosen.dest
        day += timedelta(days=data.draw(st.integers(0, 5)))
