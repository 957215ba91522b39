"""Hostile and careless callers: every command either works or raises the library's
error, and a refused command changes nothing — not the item, not the log, no id.

The campaign drives five charters with random commands drawn from a pool of valid
and hostile values (wrong types, strings for dates, datetimes, bools for counts,
huge and negative numbers, unknown bodies, the system actor, markup, days outside
the calendar). Run this file directly for the reliability figures per command::

    python tests/engine/test_hostile_commands.py
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from governance_rules import (
    Actor,
    CommandRefused,
    Engine,
    GovernanceRulesError,
    InvalidArgument,
    RotationChoice,
    load_charter,
)
from governance_rules._workflows.arguments import ARGUMENTS
from governance_rules._workflows.core import SYSTEM, Command

CHARTERS = (
    "yangxin-2022",
    "yayuan-monthly",
    "cn-national-baseline",
    "model-charter-rc",
    "rotating-quarterly-consensus",
)
START = date(2026, 3, 2)

HOSTILE: tuple[Any, ...] = (
    None, True, -1, 0, 1, 2, 3, 7, 10**30, 2.5, float("nan"), "", "abc", "2026-06-01",
    "<b>x</b>", "[red]x[/red]", "\x00", "x" * 20_000, [], ["a"], {}, {"a": 1}, (1, 2),
    date(1990, 1, 1), date(9999, 12, 31), datetime(2026, 6, 1, 9), object(),
    "passed", "failed", "yes", "maybe", "赞成", "secret_ballot", "telepathy",
)  # fmt: skip


@dataclass
class Figures:
    """What the campaign tried, per command."""

    tried: Counter[str] = field(default_factory=Counter)
    accepted: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    invalid_argument: Counter[str] = field(default_factory=Counter)
    foreign: list[str] = field(default_factory=list)
    changed_on_refusal: list[str] = field(default_factory=list)


def _value(rng: random.Random, engine: Engine, day: date) -> Any:
    bodies = list(engine.charter.bodies)
    pool = (
        *HOSTILE,
        rng.choice(bodies),
        day,
        day + timedelta(days=rng.randint(1, 60)),
        day - timedelta(days=rng.randint(1, 60)),
        {rng.choice(bodies): rng.randint(0, 9)},
        {b: rng.randint(0, 9) for b in bodies},
        [{"body": rng.choice(bodies), "choice": rng.choice(["yes", "no", "abstain"])}],
        [["residents_committee", "x", "80"]],
    )
    return rng.choice(pool)


def _args(rng: random.Random, engine: Engine, trigger: str, day: date) -> dict[str, Any]:
    schema = ARGUMENTS.get(trigger)
    names = list(schema.model_fields) if schema is not None else []
    names += ["bogus", "party_members"]
    chosen = rng.sample(names, k=rng.randint(0, min(3, len(names))))
    return {name: _value(rng, engine, day) for name in chosen}


def _actor(rng: random.Random, engine: Engine) -> Any:
    bodies = [*engine.charter.bodies, "hackers", "residents", "owners"]
    return rng.choice([*(Actor(b) for b in bodies), SYSTEM, "residents_committee", None])


def _day(rng: random.Random, base: date) -> Any:
    return rng.choice(
        [base, base + timedelta(days=rng.randint(0, 20)), base - timedelta(days=3),
         "2026-06-01", datetime(2026, 6, 1), date(1990, 1, 1), date(9999, 1, 1)]
    )  # fmt: skip


def _plausible_args(engine: Engine, item: Any, trigger: str, on: date) -> dict[str, Any]:
    """Arguments a careful caller would pass, so the campaign reaches deep states."""
    data, charter = item.data, engine.charter
    roster = getattr(data, "roster", None) or {}
    votes = [{"body": b, "choice": "yes"} for b, n in roster.items() for _ in range(n)]
    plausible: dict[str, Any] = {
        "present": dict(roster),
        "votes": votes,
        "outcome": "passed",
        "date": on + timedelta(days=10),
        "item": 0,
        "slot": 0,
        "category": next(iter(charter.issues), "none"),
        "members": 7,
        "subject": "residents_committee",
        "index": 0,
    }
    schema = ARGUMENTS.get(trigger)
    names = [n for n in (schema.model_fields if schema else ()) if n in plausible]
    return {n: plausible[n] for n in names if n in ("date", "category", "members", "present",
                                                    "item", "subject", "index")
            or (n == "outcome" and "unspecified" in str(charter.meetings))}  # fmt: skip


def _careful(engine: Engine, rng: random.Random, day: date) -> tuple[str, Any]:
    items = [i for i in engine.instances() if i.state not in engine.workflow(i).final]
    on = day + timedelta(days=rng.randint(0, 3))
    if not items or rng.random() < 0.25:
        body = rng.choice([*engine.charter.bodies, "residents"])
        roll = rng.random()
        if roll < 0.2 and engine.charter.terms:
            term = rng.choice(list(engine.charter.terms))
            return "elect", lambda: engine.elect(term, Actor(body), on, members=7)
        if roll < 0.3:
            return "open_appraisal", lambda: engine.open_appraisal(Actor(body), on.year, on)
        if roll < 0.65 or not engine.charter.meetings:
            return "report_issue", lambda: engine.report_issue(Actor(body), on, summary="leak")
        kind = rng.choice(list(engine.charter.meetings))
        order = tuple(engine.charter.member_bodies)
        rotation = RotationChoice(order, on + timedelta(days=14)) if rng.random() < 0.5 else None
        return "plan_meeting", lambda: engine.plan_meeting(
            Actor(body), kind, on + timedelta(days=14), on=on, override="campaign",
            rotation=rotation,
        )  # fmt: skip
    item = rng.choice(items)
    on = max(on, item.last_on or on)
    workflow, ctx = engine.workflow(item), engine.context(item)
    triggers = [t for (state, t) in workflow.table if state == item.state]
    if not triggers:
        return "nothing", lambda: None
    trigger = rng.choice(triggers)
    args = _plausible_args(engine, item, trigger, on)
    actors: list[Actor] = []  # each body that may, with the position the charter names
    for edge in workflow.table[(item.state, trigger)]:
        probe = Command(trigger, Actor("x"), on, args)
        needs = getattr(edge[0].who, "position", None)
        for body in edge[0].who(item, probe, ctx):
            as_body = Command(trigger, Actor(body), on, args)
            held = needs(item, as_body, ctx) if needs is not None else None
            actors.append(Actor(body, held[1][0] if held and held[0] == body else None))
    actor = rng.choice(actors) if actors else Actor("residents_committee")
    return trigger, lambda: engine.command(item.id, trigger, actor, on, **args)


def _snapshot(engine: Engine) -> tuple[Any, ...]:
    items = tuple((i.id, i.state, i.data, i.version, i.last_on) for i in engine.instances())
    log = tuple((s, engine.store.version(s)) for s in engine.store.streams())
    return items, log, dict(engine._counters)


def _call(engine: Engine, rng: random.Random, day: date) -> tuple[str, Any]:
    if rng.random() < 0.5:
        return _careful(engine, rng, day)
    roll = rng.random()
    actor, on = _actor(rng, engine), _day(rng, day)
    if roll < 0.07:
        kinds = [*engine.charter.meetings, "bogus"]
        kw: dict[str, Any] = {}
        if rng.random() < 0.5:
            kw["roster"] = rng.choice([None, *HOSTILE[:12], {"hackers": 3}])
        if rng.random() < 0.3:
            kw["override"] = rng.choice(["a reason", "", 5, None])
        if rng.random() < 0.2:
            kw["rotation"] = RotationChoice(("residents_committee",), START)
        target = (rng.choice(kinds), _value(rng, engine, day))
        return "plan_meeting", lambda: engine.plan_meeting(actor, *target, on=on, **kw)
    if roll < 0.14:
        summary = rng.choice(["lift broken", *HOSTILE[:16]])
        return "report_issue", lambda: engine.report_issue(actor, on, summary=summary)
    if roll < 0.18:
        term = rng.choice([*engine.charter.terms, "bogus", None])
        members = _value(rng, engine, day)
        return "elect", lambda: engine.elect(term, actor, on, members=members)
    if roll < 0.20:
        year = rng.choice([2026, 2025, 1990, "2026", None, 10**9])
        return "open_appraisal", lambda: engine.open_appraisal(actor, year, on)
    if roll < 0.23:
        target_day = _day(rng, day + timedelta(days=30))
        return "advance_to", lambda: engine.advance_to(target_day)
    if roll < 0.25:
        return "deadlines", engine.deadlines
    items = engine.instances()
    if not items:
        return "nothing", lambda: None
    item = rng.choice(items)
    if roll < 0.27:
        return "explain", lambda: engine.explain(item.id)
    if roll < 0.29:
        return "migrate", lambda: engine.migrate(item.id, actor, on)
    triggers = [*engine.workflow(item).triggers, "bogus"]
    trigger = rng.choice(triggers)
    args = _args(rng, engine, trigger, day)
    return trigger, lambda: engine.command(item.id, trigger, actor, on, **args)


def campaign(commands: int, seed: int) -> Figures:
    """Run ``commands`` random commands per bundled charter in :data:`CHARTERS`."""
    figures = Figures()
    for charter_id in CHARTERS:
        rng = random.Random(f"{seed}-{charter_id}")
        engine = Engine(load_charter(charter_id))
        day = START
        for _ in range(commands):
            name, call = _call(engine, rng, day)
            before = _snapshot(engine)
            figures.tried[name] += 1
            try:
                call()
            except InvalidArgument:
                figures.invalid_argument[name] += 1
                figures.refused[name] += 1
            except CommandRefused:
                figures.refused[name] += 1
            except GovernanceRulesError:
                figures.refused[name] += 1
            except Exception as exc:  # a foreign exception: a bug
                figures.foreign.append(f"{charter_id} {name}: {type(exc).__name__}: {exc}"[:300])
                continue
            else:
                figures.accepted[name] += 1
                day = max([day, *(i.last_on for i in engine.instances() if i.last_on)])
                continue
            if _snapshot(engine) != before and name != "advance_to":
                figures.changed_on_refusal.append(f"{charter_id} {name}")
    return figures


@pytest.mark.parametrize("seed", [1, 2])
def test_hostile_commands_raise_only_the_librarys_errors_and_change_nothing(seed: int) -> None:
    figures = campaign(commands=400, seed=seed)
    assert figures.foreign == []
    assert figures.changed_on_refusal == []
    # the campaign must reach past the first command, or it proves little
    assert sum(figures.accepted.values()) > 100
    assert {"hold", "record_decision", "reply"} & set(figures.accepted)
    assert sum(figures.invalid_argument.values()) > 50


def test_an_invalid_argument_names_the_argument_and_what_is_allowed() -> None:
    engine = Engine("yayuan-monthly")
    director = Actor("owners_committee", "director")
    roster = {"owners_committee": 7, "supervisory_committee": 3, "property_company": 1}
    meeting = engine.plan_meeting(director, "regular", date(2026, 6, 26),
                                  on=date(2026, 6, 1), roster=roster)  # fmt: skip
    cases = [
        ({"date": "garbage"}, "date", "wrong type"),
        ({"date": datetime(2026, 6, 30, 9)}, "date", "wrong type"),
        ({"date": date(9999, 6, 1)}, "date", "outside the calendar's years"),
        ({}, "date", "missing argument"),
        ({"date": date(2026, 6, 30), "reason": "rain"}, "reason", "unknown argument"),
    ]
    for args, argument, what in cases:
        with pytest.raises(InvalidArgument) as info:
            engine.command(meeting.id, "postpone", director, date(2026, 6, 2), **args)
        assert info.value.argument == argument
        assert what in str(info.value)
        assert info.value.allowed
        assert isinstance(info.value, TypeError)
        assert meeting.state == "regular.planned"
        assert engine.store.version(meeting.id) == 1


@pytest.mark.parametrize(
    ("present", "argument"),
    [
        ("abc", "present"),
        (["owners_committee"], "present"),
        ({"owners_committee": "abc"}, "present.owners_committee"),
        ({"owners_committee": True}, "present.owners_committee"),
        ({"owners_committee": 2.5}, "present.owners_committee"),
        ({"owners_committee": -1}, "present.owners_committee"),
    ],
)
def test_hold_needs_whole_counts_per_body(present: object, argument: str) -> None:
    engine = Engine("model-charter-rc")
    rc = Actor("residents_committee", "director")
    meeting = engine.plan_meeting(rc, "regular", date(2026, 10, 9), on=date(2026, 9, 1))
    engine.command(meeting.id, "issue_notice", Actor("meeting_office"), date(2026, 9, 28))
    engine.advance_to(date(2026, 10, 8))
    with pytest.raises(InvalidArgument) as info:
        engine.command(meeting.id, "hold", rc, date(2026, 10, 9), present=present)
    assert info.value.argument == argument
    assert meeting.state.endswith("notice_issued")


def main() -> None:  # pragma: no cover - the figures for the closing note
    commands = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    figures = campaign(commands=commands, seed=7)
    print(f"{'command':<20}{'tried':>8}{'accepted':>10}{'refused':>9}{'of which args':>15}")
    for name, tried in figures.tried.most_common():
        print(
            f"{name:<20}{tried:>8}{figures.accepted[name]:>10}{figures.refused[name]:>9}"
            f"{figures.invalid_argument[name]:>15}"
        )
    total = sum(figures.tried.values())
    print(f"{'all':<20}{total:>8}{sum(figures.accepted.values()):>10}"
          f"{sum(figures.refused.values()):>9}{sum(figures.invalid_argument.values()):>15}")  # fmt: skip
    print(f"foreign exceptions: {len(figures.foreign)}")
    for line in figures.foreign[:20]:
        print("  ", line)
    print(f"refusals that changed state: {len(figures.changed_on_refusal)}")


if __name__ == "__main__":  # pragma: no cover
    main()


@pytest.mark.parametrize("command", sorted(ARGUMENTS))
def test_every_argument_of_every_command_says_in_words_what_it_allows(command: str) -> None:
    schema = ARGUMENTS[command]
    for name in schema.model_fields:
        problem = schema.problem({name: object()})
        assert problem is not None, name
        assert problem.allowed, name
        for internal in ("typing.", "FieldInfo", "Annotated", "<class"):
            assert internal not in problem.allowed, (command, name, problem.allowed)


@pytest.mark.parametrize(
    "actor",
    [
        Actor("residents", id=["flat-3"]),  # type: ignore[arg-type]
        Actor(3),  # type: ignore[arg-type]
        Actor("residents_committee", position=("director",)),  # type: ignore[arg-type]
    ],
)
def test_an_actor_whose_fields_are_not_text_is_refused_and_changes_nothing(actor: Actor) -> None:
    engine = Engine("yangxin-2022")
    issue = engine.report_issue(Actor("residents", id="r-1"), date(2026, 3, 2))
    with pytest.raises(CommandRefused, match="body, position and id must be text"):
        engine.report_issue(actor, date(2026, 3, 2))
    with pytest.raises(CommandRefused, match="body, position and id must be text"):
        engine.command(issue.id, "triage", actor, date(2026, 3, 2), category="routine")
    assert [e.type for e in engine.store.read(issue.id)] == ["report"]
    assert engine.store.streams() == [issue.id]
