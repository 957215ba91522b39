"""The loader: every kind of mistake is located (file:line:col) and all are reported at once."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from governance_rules import Actor, Engine
from governance_rules._charter import (
    load_charter,
    load_charter_file,
    load_charter_text,
    problems_in,
)
from governance_rules._charter.registry import bundled_rulesets_dir, find_charter
from governance_rules._charter.rotation import RotationChoice
from governance_rules._charter.schema import charter_json_schema
from governance_rules.errors import CharterValidationError, UnknownCharterError

BASE = """\
id: demo
title: {zh: 示例, en: Demo}
jurisdiction: Demo district
documents:
  src: {file: 000_3a5c8b07dfb4019a.txt, heading: Demo heading}
bodies:
  residents_committee:
    source: {doc: src, summary: The residents' committee takes part.}
  owners_committee:
    source: {doc: src, summary: The owners' committee takes part.}
  property_company:
    source: {doc: src, summary: The property company takes part.}
  street_office:
    membership: outside
    source: {doc: src, summary: The street office is above the community.}
roles:
  convener:
    rotation: {order: [residents_committee, owners_committee, property_company]}
    source: {doc: src, summary: The convener rotates among the three parties.}
meetings:
  regular:
    kind: regular
    cadence: {every: quarterly, source: {doc: src, summary: One meeting each quarter.}}
    notice: {lead: 3 days, source: {doc: src, summary: Notice goes out three days ahead.}}
    decision: {kind: consensus, source: {doc: src, summary: Decisions are taken by consensus.}}
    source: {doc: src, summary: The regular meeting.}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_valid_file_loads(tmp_path: Path) -> None:
    charter = load_charter_file(write(tmp_path, "demo.yaml", BASE))
    assert charter.roles["convener"].rotation is not None
    assert charter.meetings["regular"].cadence is not None
    assert problems_in(tmp_path / "demo.yaml") == []


def located(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(CharterValidationError) as info:
        load_charter_file(path)
    assert info.value.problems
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # unknown key (points at the key, lists what is allowed)
        (
            "    kind: regular\n",
            "    kind: regular\n    quorom: 1\n",
            "bad.yaml:23:5: meetings.regular.quorom: unknown key 'quorom'; allowed: action_items,",
        ),
        # wrong type
        (
            "cadence: {every: quarterly,",
            "cadence: {times: many, months: 3,",
            "meetings.regular.cadence.times: Input should be a valid integer",
        ),
        # unknown body in a role
        (
            "rotation: {order: [residents_committee,",
            "rotation: {order: [residents_comittee,",
            "roles.convener.rotation.order[0]: 'residents_comittee' is not a member body",
        ),
        # rotation naming a body that is not a member
        (
            "order: [residents_committee, owners_committee, property_company]",
            "order: [residents_committee, owners_committee, street_office]",
            "bad.yaml:18:63: roles.convener.rotation.order[2]: 'street_office' is not a member body",
        ),
        # a fraction outside (0, 1]
        (
            "decision: {kind: consensus,",
            "decision: {kind: supermajority, threshold: {fraction: 3/2, inclusive: true},",
            "meetings.regular.decision.threshold.fraction: must be a fraction in (0, 1] (got '3/2')",
        ),
        # a float where an exact fraction is required
        (
            "decision: {kind: consensus,",
            "decision: {kind: supermajority, threshold: {fraction: 0.66, inclusive: true},",
            "not a decimal (got 0.66)",
        ),
        # an unknown decision rule kind
        (
            "decision: {kind: consensus,",
            "decision: {kind: concensus,",
            "meetings.regular.decision.kind: unknown decision rule 'concensus'; known: consensus,",
        ),
        # an unknown document in a citation
        (
            "notice: {lead: 3 days, source: {doc: src,",
            "notice: {lead: 3 days, source: {doc: srcx,",
            "meetings.regular.notice.source.doc: unknown document 'srcx'; declared: src",
        ),
        # a period that is not one
        ("notice: {lead: 3 days,", "notice: {lead: 3 fortnights,", "unknown unit 'fortnight'"),
        # a missing required key
        ("jurisdiction: Demo district\n", "", "jurisdiction: required key missing"),
    ],
)
def test_each_kind_of_mistake_is_located(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in BASE
    problems = located(tmp_path, BASE.replace(old, new, 1))
    assert any(expected in p for p in problems), problems
    assert all(
        p.startswith(str(tmp_path / "bad.yaml")) or p.startswith("bad.yaml") or "bad.yaml:" in p
        for p in problems
    )


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    text = (
        BASE.replace("    kind: regular\n", "    kind: regular\n    quorom: 1\n")
        .replace(
            "[residents_committee, owners_committee, property_company]",
            "[residents_committee, owners_committee, street_office]",
        )
        .replace("decision: {kind: consensus,", "decision: {kind: concensus,")
    )
    problems = located(tmp_path, text)
    assert len(problems) == 3
    assert [p.split(":")[1] for p in problems] == sorted(
        (p.split(":")[1] for p in problems), key=int
    )  # in file order


def test_ladder_without_its_terminal_body(tmp_path: Path) -> None:
    text = BASE + textwrap.dedent("""\
        issues:
          routine:
            kind: routine
            ladder:
              - handler: residents_committee
                escalate_on: [deadline_breach]
                source: {doc: src, summary: The residents' committee handles it first.}
            terminal: street_office
            source: {doc: src, summary: Routine problems.}
        """)
    problems = located(tmp_path, text)
    assert any(
        "issues.routine: the ladder must end at its terminal body 'street_office'" in p
        for p in problems
    ), problems


@pytest.mark.parametrize(
    ("publicity", "refused"),
    [
        ("3 working days", True),
        ("immediately", True),
        ("promptly", False),
        ("{kind: promptly, word: 及时}", False),
        ("unspecified", False),
    ],
)
def test_an_issue_publicity_the_engine_cannot_time_is_refused(
    tmp_path: Path, publicity: str, refused: bool
) -> None:
    """The issue workflow has no step that publishes progress: a number (or
    "immediately") there would be a stated rule nothing enforces, so it is refused at
    load with the words that are allowed, never silently ignored."""
    text = BASE + textwrap.dedent(f"""\
        issues:
          routine:
            kind: routine
            ladder:
              - handler: residents_committee
                source: {{doc: src, summary: The residents' committee handles it.}}
            terminal: residents_committee
            publicity: {publicity}
            source: {{doc: src, summary: Routine problems.}}
        """)
    if not refused:
        category = load_charter_file(write(tmp_path, "ok.yaml", text)).issues["routine"]
        assert category.publicity is not None
        assert category.publicity.is_open
        return
    (found,) = located(tmp_path, text)
    assert "issues.routine.publicity: " in found
    assert "would not be enforced" in found
    assert "only an open word (promptly, at_suitable_times, any_time, unspecified)" in found
    line = text.splitlines().index(f"    publicity: {publicity}") + 1
    assert found.split(":")[1] == str(line)  # the line of the publicity itself


def test_duplicate_keys_and_bad_yaml(tmp_path: Path) -> None:
    problems = located(tmp_path, BASE + "id: again\n")
    assert len(problems) == 1
    assert problems[0].endswith("bad.yaml:27:1: duplicate key 'id' (first at line 1)")
    assert "expected" in located(tmp_path, "id: [unclosed\n")[0]
    assert (
        "tag not allowed (got '!!python/object/apply:os.system')"
        in located(tmp_path, "id: !!python/object/apply:os.system [true]\n")[0]
    )
    assert (
        "holds a mapping (got a list); allowed: keys such as id"
        in located(tmp_path, "- a\n- b\n")[0]
    )
    assert "(got an empty file)" in located(tmp_path, "")[0]
    assert "(got text)" in located(tmp_path, "just text\n")[0]


def test_a_comma_in_a_flow_mapping_gets_a_hint(tmp_path: Path) -> None:
    text = BASE.replace(
        "summary: One meeting each quarter.", "summary: One meeting, each quarter."
    )
    problems = located(tmp_path, text)
    assert any("quote text that contains commas" in p for p in problems)


def test_extends_merges_deeply(tmp_path: Path) -> None:
    write(tmp_path, "demo.yaml", BASE)
    child = write(
        tmp_path,
        "child.yaml",
        """\
        id: child
        extends: demo
        title: Child
        jurisdiction: Child district
        meetings:
          regular:
            notice: {lead: 1 week, source: {doc: src, summary: Notice a week ahead instead.}}
        """,
    )
    charter = load_charter_file(child)
    regular = charter.meetings["regular"]
    assert regular.notice is not None
    assert str(regular.notice.lead) == "1 week"  # overridden
    assert regular.decision is not None
    assert regular.decision.kind == "consensus"  # inherited
    assert charter.extends == "demo"
    assert charter.status == "charter"


def test_extends_can_delete_with_null(tmp_path: Path) -> None:
    write(tmp_path, "demo.yaml", BASE)
    child = write(
        tmp_path,
        "child.yaml",
        """\
        id: child
        extends: demo
        title: Child
        jurisdiction: Child district
        meetings:
          regular:
            decision: null
        """,
    )
    assert load_charter_file(child).meetings["regular"].decision is None


def test_a_cycle_in_extends(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "id: a\nextends: b\n")
    write(tmp_path, "b.yaml", "id: b\nextends: a\n")
    with pytest.raises(
        CharterValidationError, match=r"b.yaml:2:10: extends: cycle in extends: a → b → a"
    ):
        load_charter_file(tmp_path / "a.yaml")


def test_a_local_file_named_after_a_bundled_charter_extends_the_bundled_one(
    tmp_path: Path,
) -> None:
    # a local copy named after the bundled id used to find itself beside itself and
    # report a cycle "yangxin-2022 → yangxin-2022"
    path = write(
        tmp_path,
        "yangxin-2022.yaml",
        "id: yangxin-2022\nextends: yangxin-2022\ntitle: Local\njurisdiction: Local\n",
    )
    charter = load_charter_file(path)
    assert (charter.id, charter.extends, charter.title.en) == ("yangxin-2022", "yangxin-2022",
                                                                "Local")  # fmt: skip
    assert charter.meetings.keys() == load_charter("yangxin-2022").meetings.keys()
    # a local charter extending that id, beside it, builds on the local copy
    child = write(tmp_path, "child.yaml", "id: child\nextends: yangxin-2022\ntitle: C\n"
                  "jurisdiction: C\n")  # fmt: skip
    assert load_charter_file(child).meetings.keys() == charter.meetings.keys()


def test_a_charter_cannot_extend_itself(tmp_path: Path) -> None:
    path = write(tmp_path, "solo.yaml", "id: solo\nextends: solo\n")
    with pytest.raises(CharterValidationError) as info:
        load_charter_file(path)
    (problem,) = info.value.problems
    assert (problem.line, problem.column, problem.path) == (2, 10, "extends")
    assert "a charter cannot extend itself (got 'solo'); allowed: the id of another" in str(
        problem
    )


def test_extends_an_unknown_charter(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", "id: x\nextends: nowhere\n")
    with pytest.raises(CharterValidationError, match="unknown charter 'nowhere'; allowed: "):
        load_charter_file(path)


def test_extends_a_misspelt_charter_suggests_the_closest_not_all(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", "id: x\nextends: yangxin-2021\n")
    with pytest.raises(CharterValidationError) as refused:
        load_charter_file(path)
    message = str(refused.value)
    assert "bundled or installed charter such as yangxin-2022 (`govrules list`" in message
    assert "rc-half-yearly" not in message  # the 20 ids are not all listed


def test_errors_in_the_parent_name_the_parent_file(tmp_path: Path) -> None:
    write(tmp_path, "demo.yaml", BASE.replace("    kind: regular\n", "    kind: regulr\n"))
    child = write(tmp_path, "child.yaml", "id: child\nextends: demo\ntitle: C\njurisdiction: C\n")
    with pytest.raises(CharterValidationError) as info:
        load_charter_file(child)
    assert info.value.problems[0].file is not None
    assert info.value.problems[0].file.endswith("demo.yaml")
    assert info.value.problems[0].line == 22


def test_amendments_are_dated(tmp_path: Path) -> None:
    text = BASE + textwrap.dedent("""\
        amendments:
          - effective: 2026-07-01
            source: {doc: src, summary: From July the notice lead becomes one week.}
            changes:
              meetings:
                regular:
                  notice: {lead: 1 week, source: {doc: src, summary: Notice a week ahead.}}
        """)
    charter = load_charter_file(write(tmp_path, "demo.yaml", text))
    before = charter.at(date(2026, 6, 30)).meetings["regular"].notice
    after = charter.at(date(2026, 7, 1)).meetings["regular"].notice
    assert before is not None
    assert after is not None
    assert str(before.lead) == "3 days"
    assert str(after.lead) == "1 week"
    assert charter.at(date(2026, 6, 30)) is charter
    assert charter.at(date(2027, 1, 1)) is charter.at(date(2026, 7, 1))  # cached


def test_an_invalid_amendment_is_located(tmp_path: Path) -> None:
    text = BASE + textwrap.dedent("""\
        amendments:
          - effective: 2026-07-01
            source: {doc: src, summary: From July decisions need two-thirds.}
            changes:
              meetings:
                regular:
                  decision: {kind: supermajority, threshold: {fraction: 5/3, inclusive: true}}
        """)
    problems = located(tmp_path, text)
    assert any("(in force from 2026-07-01)" in p and "(0, 1]" in p for p in problems), problems


def test_unknown_charter_id() -> None:
    with pytest.raises(UnknownCharterError, match="no such charter") as info:
        load_charter("no-such-charter")
    assert isinstance(info.value, LookupError)
    with pytest.raises(UnknownCharterError):
        find_charter("no-such-charter")
    assert "`govrules list` names all" in info.value.allowed


def test_an_id_naming_a_file_here_points_at_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `govrules show mine` beside mine.yaml used to list only the bundled ids
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "mine.yaml", BASE)
    with pytest.raises(UnknownCharterError) as info:
        load_charter("mine")
    assert info.value.allowed.startswith("the file mine.yaml here (give its name with the ")
    assert "`govrules list` names all" in info.value.allowed
    with pytest.raises(UnknownCharterError) as other:
        load_charter("theirs")
    assert "file" not in other.value.allowed.split(";")[0].replace("YAML file", "")


def test_a_mistyped_charter_id_suggests_the_closest_ids() -> None:
    with pytest.raises(UnknownCharterError) as info:
        load_charter("yangxin-202")
    assert info.value.allowed.startswith("a bundled id such as yangxin-2022;")
    with pytest.raises(UnknownCharterError) as info:
        load_charter("pm-liaison")
    assert "pm-liaison-quarterly, pm-liaison-bimonthly;" in info.value.allowed  # closest first


def test_missing_file_is_a_charter_error(tmp_path: Path) -> None:
    with pytest.raises(CharterValidationError, match="cannot read the file"):
        load_charter(tmp_path / "missing.yaml")


def test_thresholds_are_exact(tmp_path: Path) -> None:
    text = BASE.replace(
        "decision: {kind: consensus,",
        "decision: {kind: supermajority, threshold: {fraction: 2/3, inclusive: true},",
    )
    decision = load_charter_file(write(tmp_path, "demo.yaml", text)).meetings["regular"].decision
    assert decision is not None
    assert decision.threshold is not None
    assert decision.threshold.fraction == Fraction(2, 3)
    assert decision.threshold.met(2, 3)
    assert not decision.threshold.met(66, 100)


SECRET = "password: hunter2\nid: creds\n"


@pytest.mark.parametrize(
    "target",
    [
        "{outside}/creds",
        "{outside}/creds.yaml",
        "../outside/creds",
        "../..",
        "./demo",
        "demo.yaml",
        "Demo",
        '""',
        "[demo]",
        "42",
    ],
)
def test_extends_names_a_charter_never_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    from governance_rules._charter import loader  # noqa: PLC0415

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "creds.yaml").write_text(SECRET, encoding="utf-8")
    here = tmp_path / "charters"
    here.mkdir()
    write(here, "demo.yaml", BASE)
    child = write(here, "child.yaml", f"id: child\nextends: {target.format(outside=outside)}\n")
    read: list[Path] = []
    real_read = loader._read

    def spy(path: Path, text: str | None = None) -> object:
        read.append(path)
        return real_read(path, text)

    monkeypatch.setattr(loader, "_read", spy)
    with pytest.raises(CharterValidationError) as info:
        load_charter_file(child)
    assert read == [child]  # nothing else was opened
    (problem,) = info.value.problems
    assert problem.file is not None
    assert problem.file.endswith("child.yaml")
    assert (problem.line, problem.column, problem.path) == (2, 10, "extends")
    assert "must name a charter by its id" in problem.message
    assert "allowed: the id of a .yaml file in the same directory" in problem.message
    assert "hunter2" not in str(info.value)
    assert "password" not in str(info.value)


def test_extends_a_charter_in_the_same_directory_or_a_registered_one(tmp_path: Path) -> None:
    write(tmp_path, "demo.yaml", BASE)
    sibling = write(tmp_path, "a.yaml", "id: a\nextends: demo\ntitle: A\njurisdiction: A\n")
    assert load_charter_file(sibling).extends == "demo"
    bundled = write(
        tmp_path, "b.yaml", "id: b\nextends: yangxin-2022\ntitle: B\njurisdiction: B\n"
    )
    charter = load_charter_file(bundled)
    assert charter.extends == "yangxin-2022"
    assert charter.meetings.keys() == load_charter("yangxin-2022").meetings.keys()


# An amendment that replaces a whole rule (a new cadence, a different kind of minutes
# deadline) merges over the rule as written, so the version in force validates exactly
# as the loader checked it — it used to merge over a dump with every default filled in.
AMENDED = """\
id: amended
extends: rotating-quarterly-consensus
title: {{en: amended, zh: 修订}}
jurisdiction: {{en: test, zh: 测试}}
amendments:
  - effective: 2027-01-01
    source: {{doc: rq, article: 会议召开频率, summary: a later local rule}}
    changes:
      meetings:
        regular:
          {change}
"""


@pytest.mark.parametrize(
    ("change", "check"),
    [
        ("cadence: {every: monthly}", lambda m: str(m.cadence.every) == "monthly"),
        (
            "minutes: {deadline: {kind: promptly}}",
            lambda m: m.minutes.deadline.kind.value == "promptly",
        ),
    ],
)
def test_an_amendment_that_loads_is_in_force_after_its_date(
    change: str, check: Callable[[Any], bool]
) -> None:
    charter = load_charter_text(
        AMENDED.format(change=change), name="amended.yaml", base_dir=bundled_rulesets_dir()
    )
    later = charter.at(date(2027, 6, 1))
    assert check(later.meetings["regular"])
    assert not check(charter.at(date(2026, 12, 31)).meetings["regular"])
    assert later.id == "amended"
    assert later.at(date(2027, 6, 1)).meetings["regular"] == later.meetings["regular"]


def test_an_amended_charter_drives_the_engine_after_the_amendment() -> None:
    charter = load_charter_text(
        AMENDED.format(change="cadence: {every: monthly}"),
        name="amended.yaml",
        base_dir=bundled_rulesets_dir(),
    )
    engine = Engine(charter)
    rc = Actor("residents_committee")
    # monthly from 2027: two meetings in one former quarter are both in their windows
    order = ("residents_committee", "owners_committee", "property_company")
    choice = RotationChoice(order=order, start=date(2027, 2, 3))
    engine.plan_meeting(rc, "regular", date(2027, 2, 3), on=date(2027, 1, 20), rotation=choice)
    engine.plan_meeting(
        Actor("owners_committee"), "regular", date(2027, 3, 3), on=date(2027, 1, 20)
    )
    assert len(engine.instances("meeting")) == 2


def test_a_bad_period_names_its_key_once() -> None:
    text = (
        "id: bad-local\nextends: yangxin-2022\ntitle: {en: bad}\njurisdiction: here\n"
        "meetings:\n  regular:\n    notice:\n      lead: 3 fortnights\n"
    )
    with pytest.raises(CharterValidationError) as info:
        load_charter_text(text, name="bad.yaml", base_dir=bundled_rulesets_dir())
    [problem] = info.value.problems
    assert str(problem).startswith(
        "bad.yaml:8:13: meetings.regular.notice.lead.period: unknown unit 'fortnight' "
        "(got '3 fortnights'); allowed: working days"
    ), str(problem)


@pytest.mark.parametrize(
    ("extra", "where"),
    [
        (
            "bodies:\n  owners_committee:\n    seats: 100001\n",
            "bodies.owners_committee.seats",
        ),
        (
            "terms:\n  owners_committee:\n    size: {min: 100001, max: 10000000000}\n",
            "terms.owners_committee.size.min",
        ),
    ],
)
def test_more_members_than_the_engine_counts_are_refused_at_load(
    tmp_path: Path, extra: str, where: str
) -> None:
    # such a charter used to load (and pass `govrules check --examples 0`), yet the engine
    # refused every plan (a roster of the seats) or election (its members) under it
    head = "id: big\nextends: yangxin-2022\ntitle: Big\njurisdiction: Big\n"
    path = write(tmp_path, "big.yaml", head + extra)
    with pytest.raises(CharterValidationError) as info:
        load_charter_file(path)
    problem = info.value.problems[0]
    assert problem.file is not None
    assert problem.file.endswith("big.yaml")
    assert (problem.line, problem.path) == (7, where)
    assert problem.message.endswith("; allowed: at most 100,000")
    assert "too large (got " in problem.message
    ok = head + extra.replace("100001", "100000").replace("10000000000", "100000")
    assert load_charter_file(write(tmp_path, "ok.yaml", ok.replace("id: big", "id: ok")))


def test_a_rotation_of_one_body_says_how_many_it_needs(tmp_path: Path) -> None:
    # pydantic's own words were "Tuple should have at least 2 items after validation"
    head = "id: one\nextends: rotating-quarterly-consensus\ntitle: One\njurisdiction: One\n"
    extra = "roles:\n  convener:\n    rotation: {order: [residents_committee]}\n"
    with pytest.raises(CharterValidationError) as info:
        load_charter_file(write(tmp_path, "one.yaml", head + extra))
    [problem] = [p for p in info.value.problems if p.path == "roles.convener.rotation.order"]
    assert problem.message == "too few items (got 1); allowed: at least 2 items"


def test_a_ladder_of_bad_levels_is_refused_for_its_levels_not_as_too_short(
    tmp_path: Path,
) -> None:
    # pydantic counted the ladder without its failed levels: "too few items (got 0)" for
    # a ladder of two, and "String should have at least 3 characters" for each summary
    head = "id: cascade\nextends: pm-liaison-bimonthly\ntitle: C\njurisdiction: C\n"
    head += "readings: {revisit_start: null}\n"  # a reading of the level replaced below
    extra = (
        "issues:\n  oc_questions:\n    ladder:\n"
        "      - {handler: property_company, source: {doc: lb, summary: a}}\n"
        "      - {handler: owners_committee, source: {doc: lb, summary: b}}\n"
        "    terminal: owners_committee\n"
    )
    with pytest.raises(CharterValidationError) as info:
        load_charter_file(write(tmp_path, "cascade.yaml", head + extra))
    problems = [(p.line, p.path, p.message) for p in info.value.problems]
    assert problems == [
        (n + 9, f"issues.oc_questions.ladder[{n}].source.summary",
         f"too short (got text '{s}'); allowed: at least 3 characters")
        for n, s in enumerate("ab")
    ]  # fmt: skip
    empty = head + "issues:\n  oc_questions:\n    ladder: []\n"
    with pytest.raises(CharterValidationError, match=r"too few items \(got 0\)"):
        load_charter_file(write(tmp_path, "empty.yaml", empty.replace("cascade", "empty")))


@pytest.mark.parametrize("name", ["../other/c.yaml", "other/c.yaml"])
def test_a_text_s_name_never_moves_extends_out_of_base_dir(tmp_path: Path, name: str) -> None:
    base = tmp_path / "base"
    base.mkdir()
    other = tmp_path / "other"
    other.mkdir()
    (base / "other").mkdir()
    write(other, "demo.yaml", BASE)
    write(base / "other", "demo.yaml", BASE)
    text = "id: c\nextends: demo\ntitle: C\njurisdiction: C\n"
    with pytest.raises(CharterValidationError) as info:
        load_charter_text(text, name=name, base_dir=base)
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.path) == ("c.yaml", 2, "extends")
    assert "unknown charter 'demo'" in problem.message
    write(base, "demo.yaml", BASE)
    assert load_charter_text(text, name=name, base_dir=base).extends == "demo"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "bodies: [residents_committee]\n",
            "big.yaml:5:1: bodies: must be a mapping (got a list); allowed: key: value",
        ),
        (
            "roles: convener\n",
            "big.yaml:5:1: roles: must be a mapping (got text 'convener'); allowed: key: value",
        ),
        (
            "documents: true\n",
            "big.yaml:5:1: documents: must be a mapping (got true); allowed: key: value",
        ),
        (
            "amendments: {a: 1}\n",
            "big.yaml:5:1: amendments: must be a list (got a mapping); allowed: [a, b, …], or "
            "one '- item' per line",
        ),
        (
            "bodies:\n  owners_committee: 5\n",
            "big.yaml:6:3: bodies.owners_committee: must be a mapping (got 5); allowed: key:",
        ),
        (
            "meetings: {regular: {notice: {to: party_org}}}\n",
            "meetings.regular.notice.to: must be a list (got text 'party_org'); allowed: [a, b",
        ),
    ],
)
def test_a_section_of_the_wrong_shape_is_one_problem_in_a_writer_s_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: str, expected: str
) -> None:
    # a list where the bodies belong used to add a problem at every use of a body in the
    # charters extended (over a hundred, the file's own last), and the messages spoke
    # Python ("Input should be a valid tuple", "instance of Body")
    monkeypatch.chdir(tmp_path)
    head = "id: big\nextends: yangxin-2022\ntitle: Big\njurisdiction: Big\n"
    path = write(tmp_path, "big.yaml", head + extra)
    with pytest.raises(CharterValidationError) as info:
        load_charter_file(path)
    (problem,) = info.value.problems
    assert expected in str(problem), problem
    assert "valid" not in problem.message
    assert "instance" not in problem.message


@pytest.mark.parametrize(
    ("extra", "where", "got"),
    [
        ("bodies:\n  owners_committee:\n    seats: true\n", "bodies.owners_committee.seats",
         "true"),
        ("terms:\n  owners_committee:\n    size: {min: false}\n",
         "terms.owners_committee.size.min", "false"),
        ("meetings:\n  regular:\n    window: {kind: days_of_month, first: true, last: 10}\n",
         "meetings.regular.window.first", "true"),
    ],
)  # fmt: skip
def test_true_or_false_is_not_a_whole_number(
    tmp_path: Path, extra: str, where: str, got: str
) -> None:
    # pydantic read `seats: true` as one seat; a fraction already refused true and false
    head = "id: big\nextends: yangxin-2022\ntitle: Big\njurisdiction: Big\n"
    path = write(tmp_path, "big.yaml", head + extra)
    with pytest.raises(CharterValidationError) as info:
        load_charter_file(path)
    found = [p for p in info.value.problems if p.path == where]
    assert [p.message for p in found] == [f"expected a whole number (got {got})"]


# -- raised_by: the bodies whose reports an issue category takes ---------------------------------
_RAISED = (
    "id: local-raised\nextends: pm-liaison-bimonthly\ntitle: {{en: local}}\njurisdiction: here\n"
    "issues:\n  oc_questions:\n    raised_by: {raisers}\n"
)


def _raised(raisers: str) -> Any:
    return load_charter_text(
        _RAISED.format(raisers=raisers), name="local.yaml", base_dir=bundled_rulesets_dir()
    )


def test_raised_by_names_an_unknown_body_with_its_file_and_line() -> None:
    with pytest.raises(CharterValidationError) as info:
        _raised("[owners_commitee]")
    [problem] = info.value.problems
    assert str(problem).startswith(
        "local.yaml:7:17: issues.oc_questions.raised_by[0]: unknown body 'owners_commitee'; "
        "declared bodies: affected_owners, departments, owners_assembly, owners_committee, "
        "property_company, residents, residents_committee, street_office"
    ), str(problem)


@pytest.mark.parametrize(
    ("raisers", "what"),
    [("[]", "at least 1 item"), ("[owners_committee, owners_committee]", "names a body twice")],
)
def test_raised_by_names_at_least_one_body_once(raisers: str, what: str) -> None:
    with pytest.raises(CharterValidationError, match=what) as info:
        _raised(raisers)
    assert "issues.oc_questions.raised_by" in str(info.value)


def test_the_json_schema_has_raised_by() -> None:
    raised = charter_json_schema()["$defs"]["IssueCategory"]["properties"]["raised_by"]
    assert "bodies whose reports the category takes" in raised["description"]
    assert (raised["anyOf"][0]["type"], raised["anyOf"][0]["minItems"]) == ("array", 1)


def test_without_raised_by_anyone_may_report_into_a_category() -> None:
    """Absent (here: removed with null), the category takes anyone's report, as before."""
    charter = _raised("null")
    assert charter.issues["oc_questions"].raised_by is None
    engine = Engine(charter)
    issue = engine.report_issue(Actor("residents"), date(2026, 6, 1))
    company = Actor("property_company")
    engine.command(issue.id, "triage", company, date(2026, 6, 1), category="oc_questions")
    assert issue.state == "handling.oc_questions.L0_property_company.open"
    # and a bundled charter that never says who raises its categories is unchanged
    yangxin = Engine("yangxin-2022")
    issue = yangxin.report_issue(Actor("residents"), date(2026, 6, 1))
    handler = Actor("residents_committee", "environment_and_property_member")
    yangxin.command(issue.id, "triage", handler, date(2026, 6, 1), category="routine")
    assert issue.state.startswith("handling.routine.")
    assert all(not t.guards for t in yangxin.workflow(issue).transitions if t.trigger == "triage")
