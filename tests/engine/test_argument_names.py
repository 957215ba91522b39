"""An unknown argument is named as the app passed it, whatever its name looks like.

Names with a bracket (``items[0]``, an ANSI escape) or named like a Python type
(``int``, ``str``) used to be taken for pydantic's own union tags and dropped: the
refusal then named an argument ``'arguments'`` and showed nothing it got.
"""

from __future__ import annotations

from datetime import date

import pytest

import governance_rules as gr

RC = gr.Actor("residents_committee", "environment_and_property_member")


@pytest.mark.parametrize("name", ["items[0]", "a\x1b[31mb", "int", "str", "none", "x[y]z"])
def test_an_unknown_argument_is_named_whatever_its_name(name: str) -> None:
    engine = gr.Engine("yangxin-2022")
    issue = engine.report_issue(gr.Actor("residents"), date(2026, 9, 28))
    with pytest.raises(gr.InvalidArgument) as refused:
        engine.command(issue.id, "triage", RC, date(2026, 9, 28), category="routine",
                       **{name: 1})  # fmt: skip
    assert refused.value.argument == name
    assert refused.value.got == name
    assert "unknown argument" in str(refused.value)
    assert engine.get(issue.id).state == "reported"
    assert len(engine.store.read(issue.id)) == 1


def test_a_union_tag_in_a_nested_value_is_still_left_out() -> None:
    engine = gr.Engine("oc-agenda-majority")
    director = gr.Actor("owners_committee", "director")
    meeting = engine.plan_meeting(director, "regular", date(2026, 3, 26), on=date(2026, 3, 1))
    with pytest.raises(gr.InvalidArgument) as refused:
        engine.command(meeting.id, "issue_notice", director, date(2026, 3, 10),
                       contents={"time": "14:00", "place": "hall", "topics": ["a", 3]})  # fmt: skip
    assert refused.value.argument.startswith("contents.topics")
    assert "[" not in refused.value.argument
