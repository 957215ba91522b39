"""Competing readings: kept side by side, validated at load, selected without mutation."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from governance_rules import Engine
from governance_rules._charter import Timing, TimingKind, load_charter, load_charter_text
from governance_rules._charter.information import Notification
from governance_rules.errors import CharterError, CharterValidationError

DEMO = textwrap.dedent("""\
    id: demo
    title: Demo
    jurisdiction: Demo
    documents:
      src: {file: 000_3a5c8b07dfb4019a.txt, heading: Demo}
    bodies:
      residents_committee: {source: {doc: src, summary: takes part in meetings}}
      owners_committee: {source: {doc: src, summary: takes part in meetings}}
    meetings:
      regular:
        kind: regular
        cadence: {every: quarterly, source: {doc: src, summary: once a quarter}}
        decision:
          kind: majority_of_all_members
          threshold: {fraction: 1/2, inclusive: false}
          source: {doc: src, summary: more than half}
        source: {doc: src, summary: the regular meeting}
    readings:
      threshold:
        rule: meetings.regular.decision
        default: more
        options:
          more:
            label: more than half
            source: {doc: src, article: 第十条, summary: read as more than half}
            note: the usual form
          half:
            label: half or more
            source: {doc: src, article: 第十条, summary: read as half or more}
            note: the other parse
            changes:
              meetings: {regular: {decision: {threshold: {fraction: 1/2, inclusive: true}}}}
    """)


def test_every_reading_is_kept_and_the_default_is_the_body() -> None:
    charter = load_charter_text(DEMO, name="demo.yaml")
    assert charter.reading("threshold") == "more"
    assert charter.selected_readings == {}
    half = charter.with_readings({"threshold": "half"})
    threshold = half.meetings["regular"].decision
    assert threshold is not None
    assert threshold.threshold is not None
    assert threshold.threshold.inclusive
    # the charter as loaded is untouched, and the same choice gives the same object
    assert charter.meetings["regular"].decision.threshold.inclusive is False  # type: ignore[union-attr]
    assert charter.with_readings({"threshold": "half"}) is half
    assert half.with_readings({}) is half
    assert half.with_readings({"threshold": "more"}) is charter
    assert half.cite("readings.threshold.options.half") == "《Demo》第十条"


def test_unknown_points_and_readings_are_refused() -> None:
    charter = load_charter_text(DEMO, name="demo.yaml")
    with pytest.raises(
        CharterError, match=r"no such reading point \(got 'nope'\); allowed: threshold"
    ):
        charter.with_readings({"nope": "half"})
    with pytest.raises(
        CharterError, match=r"no such reading \(got 'third'\); allowed: more, half"
    ):
        charter.with_readings({"threshold": "third"})
    with pytest.raises(CharterError, match="no competing readings"):
        load_charter("cn-national-baseline").reading("decision")


def test_a_copy_that_lost_its_origin_cannot_undo_a_reading() -> None:
    charter = load_charter_text(DEMO, name="demo.yaml")
    half = charter.with_readings({"threshold": "half"})
    detached = type(half).model_validate(half.model_dump(mode="json"))
    assert detached.reading("threshold") == "half"
    with pytest.raises(CharterError, match="cannot be undone"):
        detached.with_readings({"threshold": "more"})


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("default: more", "default: third", "the default 'third' is not one of the readings"),
        ("        note: the other parse\n", "", "a reading needs a 'note' explaining it"),
        ("rule: meetings.regular.decision", "rule: meetings.special.decision",
         "names no rule of this charter"),
        ("{threshold: {fraction: 1/2, inclusive: true}}", "{threshold: {fraction: 3/2}}",
         "(reading threshold=half) must be a fraction in (0, 1]"),
        ("        changes:\n          meetings: {regular: {decision: {threshold: "
         "{fraction: 1/2, inclusive: true}}}}\n", "        changes: {}\n",
         "a competing reading needs 'changes'"),
        ("          meetings: {regular:", "          id: other\n          meetings: {regular:",
         "a reading changes rules, not id"),
    ],
)  # fmt: skip
def test_bad_readings_are_located(old: str, new: str, message: str) -> None:
    assert old in DEMO
    with pytest.raises(CharterValidationError) as caught:
        load_charter_text(DEMO.replace(old, new, 1), name="demo.yaml")
    assert message in str(caught.value)
    assert "demo.yaml:" in str(caught.value)


def test_a_file_cannot_select_a_reading() -> None:
    text = DEMO + "selected_readings: {threshold: half}\n"
    with pytest.raises(CharterValidationError, match="readings are chosen when loading"):
        load_charter_text(text, name="demo.yaml")


def test_the_engine_runs_under_a_selected_reading() -> None:
    veto = load_charter("co-building-two-thirds", readings={"decision": "one_vote_veto"})
    engine = Engine(veto)
    assert engine.charter.meetings["regular"].decision.kind == "veto"  # type: ignore[union-attr]
    assert engine.charter.fingerprint != load_charter("co-building-two-thirds").fingerprint
    assert veto.at(date(2026, 1, 1)).reading("decision") == "one_vote_veto"


@pytest.mark.parametrize(
    ("word", "kind"),
    [("at_suitable_times", TimingKind.AT_SUITABLE_TIMES), ("in advance", TimingKind.IN_ADVANCE)],
)
def test_open_timing_words(word: str, kind: TimingKind) -> None:
    timing = Timing.model_validate(word)
    assert timing.kind is kind
    assert timing.is_open
    assert timing.period is None
    assert TimingKind.PROMPTLY is not kind  # 适时 is not 及时


def test_a_notification_has_a_timing_or_a_lead_before_an_event() -> None:
    source = {"doc": "d", "summary": "a rule under test"}
    lead = Notification.model_validate(
        {"what": "notice", "lead": "15 days", "before": "the assembly", "source": source}
    )
    assert lead.lead is not None
    assert str(lead.lead) == "15 days"
    for bad in (
        {"what": "notice", "source": source},
        {"what": "notice", "timing": "3 days", "lead": "15 days", "before": "x", "source": source},
        {"what": "notice", "lead": "15 days", "source": source},
    ):
        with pytest.raises(ValueError, match=r"'timing'|'lead'"):
            Notification.model_validate(bad)


def test_equality_is_about_rules_not_caches() -> None:
    charter = load_charter_text(DEMO, name="demo.yaml")
    fresh = load_charter_text(DEMO, name="demo.yaml")
    charter.with_readings({"threshold": "half"})  # fills the variants cache of one copy
    assert charter == fresh
    assert charter.with_readings({"threshold": "half"}) != fresh


def test_an_extension_that_replaces_a_read_rule_is_told_how_to_drop_the_reading() -> None:
    """A local charter extending pm-liaison-bimonthly with a ladder of its own loses the
    rule the base's revisit reading names: the error says how to drop the reading."""
    text = (
        "id: local-liaison\ntitle: {zh: 地方, en: Local}\njurisdiction: {zh: 示例, en: Example}\n"
        "extends: pm-liaison-bimonthly\nissues: null\n"
    )
    with pytest.raises(CharterValidationError) as caught:
        load_charter_text(text, name="local.yaml")
    assert "readings: {revisit_start: null}" in str(caught.value)
    fixed = text + "readings: {revisit_start: null}\n"
    assert "revisit_start" not in load_charter_text(fixed, name="local.yaml").readings
