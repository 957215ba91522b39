"""``every: [half_monthly, monthly]``: a cadence with alternatives sharing one period."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest

import governance_rules as gr
from governance_rules import Actor, Engine
from governance_rules._charter import load_charter, load_charter_file
from governance_rules._charter.meetings import Cadence
from governance_rules._obligations import obligations
from governance_rules.errors import CharterValidationError, CommandRefused
from tests.charter.test_loader import BASE

JINGAN = load_charter("jingan-three-in-one")
OC = Actor("owners_committee")


def _cadence(every: object, **more: object) -> Cadence:
    return Cadence.model_validate(
        {"every": every, **more, "source": {"doc": "d", "summary": "Alternatives stated."}}
    )


def test_jingan_states_both_rhythms() -> None:
    cadence = JINGAN.meetings["regular"].cadence
    assert cadence is not None
    assert cadence.alternatives == ("half_monthly", "monthly")
    assert (cadence.times, cadence.months, cadence.up_to, cadence.most) == (1, 1, 2, 2)
    assert cadence.at_least is None  # the study says "fixed", not "at least"
    assert cadence.describe() == "1 to 2 per 1 month (half_monthly or monthly)"
    assert JINGAN.cite("meetings.regular.cadence") is not None


@pytest.mark.parametrize(
    ("every", "more", "message"),
    [
        (["monthly", "quarterly"], {}, "alternatives must share one period"),
        (["monthly"], {}, "two or more cadence words"),
        (["monthly", "monthly"], {}, "listed twice"),
        (["weekly", "monthly"], {}, "unknown cadence 'weekly'; allowed: monthly"),
        (["half_monthly", "monthly"], {"times": 2}, "'times' comes from the alternatives"),
        (["half_monthly", "monthly"], {"at_least": True}, "'at_least: true' contradicts"),
        ("monthly", {"up_to": 2}, "'up_to' comes from alternatives"),
    ],
)
def test_bad_alternatives_are_refused(
    every: object, more: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        _cadence(every, **more)


def test_a_bad_alternative_is_located_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(BASE.replace("{every: quarterly,", "{every: [monthly, quarterly],"), "utf-8")
    with pytest.raises(CharterValidationError) as info:
        load_charter_file(path)
    (problem,) = map(str, info.value.problems)
    assert f"{path}:23:5: meetings.regular.cadence: " in problem
    assert "alternatives must share one period (monthly = 1 per 1 month(s)" in problem


def test_the_calendar_asks_for_one_meeting_a_month_as_monthly_would() -> None:
    monthly = copy.deepcopy(JINGAN.model_dump(mode="json"))
    monthly["meetings"]["regular"]["cadence"] = {
        "every": "monthly",
        "source": monthly["meetings"]["regular"]["cadence"]["source"],
    }
    plain = gr.Charter.model_validate(monthly)
    both = [(i.start, i.end, i.count) for i in obligations(JINGAN, 2026) if i.kind == "meeting"]
    assert both == [
        (i.start, i.end, i.count) for i in obligations(plain, 2026) if i.kind == "meeting"
    ]
    assert len(both) == 12
    assert {count for _, _, count in both} == {1}
    # so a month without a meeting is a due meeting the calendar lists, as under monthly
    assert (date(2026, 2, 1), date(2026, 2, 28), 1) in both


def test_a_second_meeting_in_a_month_is_accepted_and_a_third_refused() -> None:
    engine = Engine(JINGAN)
    on = date(2026, 1, 20)
    first = engine.plan_meeting(OC, "regular", date(2026, 2, 3), on=on)
    second = engine.plan_meeting(OC, "regular", date(2026, 2, 5), on=on)
    assert first.data.window_start == second.data.window_start == date(2026, 2, 1)
    before = [(i.id, i.state, i.version) for i in engine.instances()]
    with pytest.raises(CommandRefused, match=r"already has 2 regular meeting\(s\); the charter "
                       r"sets 1 to 2 per 1 month \(half_monthly or monthly\)"):  # fmt: skip
        engine.plan_meeting(OC, "regular", date(2026, 2, 26), on=on)
    assert [(i.id, i.state, i.version) for i in engine.instances()] == before
    # the next month starts afresh; a cancelled meeting frees its place
    engine.plan_meeting(OC, "regular", date(2026, 3, 3), on=on)
    engine.command(second.id, "cancel", OC, date(2026, 1, 21))
    engine.plan_meeting(OC, "regular", date(2026, 2, 26), on=date(2026, 1, 21))


def test_compare_and_show_state_the_alternatives() -> None:
    c = gr.compare(JINGAN, load_charter("yayuan-monthly"), start=date(2026, 9, 1))
    row = c.rule("meetings.regular.cadence")
    assert row.values[0] == "1 to 2 per 1 month (half_monthly or monthly) (12 to 24/year)"
    same = gr.compare(JINGAN, JINGAN, start=date(2026, 9, 1))
    assert same.rule("meetings.regular.cadence").verdicts == (gr.Verdict.SAME,)
