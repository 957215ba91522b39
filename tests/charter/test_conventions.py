"""Where the library decides what a source leaves open, `govrules show` says so."""

from __future__ import annotations

import textwrap

from governance_rules._charter import load_charter, load_charter_text
from governance_rules._charter.conventions import conventions
from governance_rules._charter.summary import charter_outline

DEMO = textwrap.dedent("""\
    id: demo
    title: Demo
    jurisdiction: Demo
    documents:
      src: {file: 000_3a5c8b07dfb4019a.txt, heading: Demo}
    bodies:
      residents_committee: {source: {doc: src, summary: takes part in meetings}}
      owners_committee: {source: {doc: src, summary: takes part in meetings}}
    roles:
      chair: {body: owners_committee, source: {doc: src, summary: the OC chairs}}
    meetings:
      regular:
        kind: regular
        decision: {kind: majority_of_votes_cast, source: {doc: src, summary: the majority decides}}
        minutes: {deadline: 3 working days, source: {doc: src, summary: minutes in 3 working days}}
        source: {doc: src, summary: the regular meeting}
    """)


def keys(text: str = DEMO) -> list[str]:
    return [key for key, _ in conventions(load_charter_text(text, name="demo.yaml"))]


def test_only_the_conventions_a_charter_relies_on_are_listed() -> None:
    # a chair but no convener; a majority with no threshold; working days only
    assert keys() == ["chair_convenes", "majority_is_more_than_half"]
    stated = DEMO.replace("{kind: majority_of_votes_cast,",
                          "{kind: majority_of_votes_cast, threshold: {fraction: 1/2, inclusive: false},"
                          )  # fmt: skip
    assert keys(stated) == ["chair_convenes"]
    weekly = DEMO.replace("deadline: 3 working days", "deadline: 1 week")
    assert keys(weekly) == [
        "chair_convenes", "calendar_days", "week_is_seven_days", "majority_is_more_than_half",
    ]  # fmt: skip


def test_show_lists_the_conventions_in_both_languages() -> None:
    charter = load_charter("model-charter-rc")
    lines = list(charter_outline(charter))
    start = lines.index(
        "Library conventions (where the sources are silent; not rules of the sources)"
    )
    assert lines[start + 1] == "  - No chair is named: the convener presides over the meeting."
    zh = list(charter_outline(charter, "zh"))
    assert "  - 未规定主持人：由召集人主持会议。" in zh


def test_an_unstated_criterion_scale_is_flagged() -> None:
    assert "scale_as_given" in [key for key, _ in conventions(load_charter("yangxin-2022"))]
    assert "scale_as_given" not in [
        key for key, _ in conventions(load_charter("model-charter-rc"))
    ]


def test_a_share_of_several_bodies_is_counted_together_unless_said() -> None:
    approval = ("minutes: {deadline: 3 working days, sign_off: {kind: approval, "
                "threshold: {fraction: 1/2, inclusive: false}, "
                "bodies: [residents_committee, owners_committee]COUNTED, "
                "source: {doc: src, summary: both committees approve}}, "
                "source: {doc: src, summary: minutes in 3 working days}}")  # fmt: skip
    silent = DEMO.replace(
        "minutes: {deadline: 3 working days, source: {doc: src, summary: minutes in 3 working "
        "days}}",
        approval,
    )
    assert "several_bodies_together" in keys(silent.replace("COUNTED", ""))
    for said in ("together", "each_body"):
        assert "several_bodies_together" not in keys(
            silent.replace("COUNTED", f", counted: {said}")
        )
    one = silent.replace("COUNTED", "").replace(
        "bodies: [residents_committee, owners_committee]", "bodies: [owners_committee]"
    )
    assert "several_bodies_together" not in keys(one)
