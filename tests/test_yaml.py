"""The strict YAML reader every YAML input goes through."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance_rules import _yaml
from governance_rules._calendar import CalendarOverrides
from governance_rules._charter import load_charter_file
from governance_rules._simulate.load import read_load
from governance_rules.errors import CharterValidationError, OverridesError


def test_dates_stay_text() -> None:
    assert _yaml.load("d: 2026-10-01\nt: 2026-10-01T08:00:00") == {
        "d": "2026-10-01",
        "t": "2026-10-01T08:00:00",
    }


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a' (first at line 1)"),
        ("a:\n  b: 1\n  b: 2\n", 3, "duplicate key 'b'"),
        ("a: [1, 2\n", 2, "expected"),
        ("a: !!python/name:os.system\n", 1, "tag not allowed (got '!!python/name:os.system')"),
        ("? [1, 2]\n: x\n", 1, "unhashable key"),
    ],
)
def test_problems_carry_line_and_column(text: str, line: int, fragment: str) -> None:
    with pytest.raises(_yaml.YamlProblem) as info:
        _yaml.load(text)
    assert info.value.line == line
    assert fragment in info.value.message


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        ("010", 10),  # YAML 1.1 (PyYAML): octal eight
        ("0o17", 15),
        ("0x1F", 31),
        ("-3", -3),
        ("+7", 7),
        ("1e3", 1000.0),  # YAML 1.1: text
        ("5e-2", 0.05),
        ("1.5", 1.5),
        (".5", 0.5),
        ("1:30", "1:30"),  # YAML 1.1: ninety (base 60)
        ("1_000", "1_000"),  # YAML 1.1: a thousand
        ("yes", "yes"),  # YAML 1.1: true
        ("on", "on"),
        ("No", "No"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("2026-10-01", "2026-10-01"),
    ],
)
def test_plain_scalars_follow_the_yaml_1_2_core_schema(plain: str, value: object) -> None:
    """A number is never silently read as another number (or a word as a boolean)."""
    for loader in (_yaml._LOADER, _yaml.StrictLoader):
        saved, _yaml._LOADER = _yaml._LOADER, loader
        try:
            got = _yaml.load(f"a: {plain}")["a"]
        finally:
            _yaml._LOADER = saved
        assert got == value, (loader, plain)
        assert type(got) is type(value), (loader, plain)


def test_a_load_file_reads_numbers_as_written(tmp_path: Path) -> None:
    path = tmp_path / "load.yaml"
    path.write_text("miss_deadline: 5e-2\nlate_by: 010\n", encoding="utf-8")
    load = read_load(path)
    assert load.late_by == 10
    assert load.miss_deadline == 0.05


def test_merge_keys_are_allowed_and_overridden() -> None:
    text = "a: &x {k: 1, j: 2}\nb:\n  <<: *x\n  k: 3\n"
    assert _yaml.load(text) == {"a": {"k": 1, "j": 2}, "b": {"k": 3, "j": 2}}
    with pytest.raises(_yaml.YamlProblem, match="duplicate key 'k'"):
        _yaml.load("b:\n  <<: {j: 2}\n  k: 1\n  k: 3\n")


ALLOWED = "allowed: !!str, !!int, !!float, !!bool, !!null, !!seq, !!map"


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        ("a: !!timestamp foo", 4, f"tag not allowed (got '!!timestamp'); {ALLOWED}"),
        ("a: !!timestamp 2026-10-01", 4, "tag not allowed (got '!!timestamp')"),
        ("a: !!set [1]", 4, "tag not allowed (got '!!set')"),
        ("a: !!set {x: null}", 4, "tag not allowed (got '!!set')"),
        ("a: !!omap [b: 1]", 4, "tag not allowed (got '!!omap')"),
        ("a: !!pairs [b: 1]", 4, "tag not allowed (got '!!pairs')"),
        ("a: !!binary AAAA", 4, "tag not allowed (got '!!binary')"),
        ("a: !!binary '%%%'", 4, "tag not allowed (got '!!binary')"),
        ("a: !!python/object/apply:os.system [ls]", 4, "tag not allowed"),
        ("a: !!python/tuple [1]", 4, "tag not allowed (got '!!python/tuple')"),
        ("a: !local x", 4, "tag not allowed (got '!local')"),
        ("a: !<tag:example.com,2026:x> y", 4, "tag not allowed (got 'tag:example.com,2026:x')"),
        ("a: !!bool maybe", 4, "not a valid !!bool value (got 'maybe')"),
        ("a: !!int abc", 4, "not a valid !!int value (got 'abc')"),
        ("a: !!float x", 4, "not a valid !!float value (got 'x')"),
        ("a: !!map [1]", 4, "expected a mapping (got a sequence)"),
        ("a: !!seq {b: 1}", 4, "expected a sequence node"),
        ("a: !!int 0x" + "f" * 5000, 4, "a number too long"),
        ("a: " + "9" * 5000, 4, "a number too long"),
        ("x: &x [1]\ny: !!set *x", 4, "tag not allowed (got '!!set')"),
    ],
)
def test_explicit_tags_are_limited_and_located(text: str, column: int, message: str) -> None:
    with pytest.raises(_yaml.YamlProblem) as info:
        _yaml.load(text)
    assert message in info.value.message
    assert info.value.line == text.count("\n") + 1
    assert info.value.column == column


def test_core_tags_may_be_stated() -> None:
    text = "a: !!str 2026\nb: !!int '7'\nc: !!float 1\nd: !!bool yes\ne: !!null ~\nf: !!seq []\n"
    assert _yaml.load(text) == {"a": "2026", "b": 7, "c": 1.0, "d": True, "e": None, "f": []}


def test_a_text_too_long_is_refused_before_parsing() -> None:
    text = "a: [" + "1," * _yaml.MAX_CHARS + "]"
    with pytest.raises(
        _yaml.YamlProblem,
        match=r"the document is too large \(got \d+ characters\); allowed: at most 2097152",
    ):
        _yaml.load(text)


@pytest.mark.parametrize(
    "text",
    ["- 1\n" * (_yaml.MAX_NODES + 1), "[" + "1," * (_yaml.MAX_NODES + 1) + "]"],
)
def test_too_many_nodes_stop_while_parsing(text: str) -> None:
    with pytest.raises(_yaml.YamlProblem) as info:
        _yaml.load(text)
    assert info.value.message == (
        f"the document is too large (more than {_yaml.MAX_NODES:,} nodes); "
        f"allowed: at most {_yaml.MAX_NODES:,} keys and values"
    )
    assert info.value.line is not None


@pytest.mark.parametrize(
    "text",
    ["a: " + "[" * 500 + "]" * 500, "a:\n" + "".join(f"{'  ' * i}- \n" for i in range(1, 200))],
)
def test_deep_nesting_is_located(text: str) -> None:
    with pytest.raises(_yaml.YamlProblem, match="nested too deeply") as info:
        _yaml.load(text)
    assert info.value.line is not None


def test_charters_and_overrides_locate_a_bad_tag_in_their_file(tmp_path: Path) -> None:
    charter = tmp_path / "c.yaml"
    charter.write_text("id: c\ntitle: !!binary AAAA\n", encoding="utf-8")
    with pytest.raises(CharterValidationError) as info:
        load_charter_file(charter)
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (2, 8)
    assert problem.file is not None
    assert problem.file.endswith("c.yaml")
    assert "tag not allowed (got '!!binary')" in problem.message
    overrides = tmp_path / "local.yaml"
    overrides.write_text("closures:\n  - date: !!timestamp 2026-10-09\n", encoding="utf-8")
    with pytest.raises(OverridesError, match=r"local.yaml:2:11: .*tag not allowed"):
        CalendarOverrides.load(overrides)


# -- libyaml's parser under the strict composer ------------------------------------------------

HOSTILE = {
    "deep flow": "a: " + "[" * 5_000 + "]" * 5_000,
    "alias bomb": "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcd", "bcde", strict=True)
    ),
    "nul": "a: b\x00c",
    "tab": "a:\n\tb: 1",
    "timestamp": "a: !!timestamp 2026-01-01",
    "python object": "a: !!python/object:os.system x",
    "duplicate": "a: 1\na: 2",
    "two documents": "a: 1\n---\nb: 2",
    "long number": "a: " + "9" * 100,
    "long list": "a: [" + ",".join(["1"] * 40_000) + "]",
    "byte order mark": "\ufeffa: 1",
    "Chinese": "名称: 联席会议\n周期: [每两个月, 每季度]",
    "merge": "base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3",
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_the_fast_loader_reads_and_refuses_what_the_pure_python_one_does(case: str) -> None:
    """libyaml scans and parses; the strict checks compose in Python either way."""
    assert _yaml._LOADER is not _yaml.StrictLoader  # PyYAML's wheels ship libyaml

    def outcome(loader: type) -> tuple[str, object]:
        saved, _yaml._LOADER = _yaml._LOADER, loader
        try:
            return "read", _yaml.load_with_positions(HOSTILE[case])
        except _yaml.YamlProblem as exc:
            return "refused", (exc.line, exc.column)
        finally:
            _yaml._LOADER = saved

    assert outcome(_yaml._LOADER) == outcome(_yaml.StrictLoader)


def test_every_bundled_ruleset_reads_the_same_with_either_loader() -> None:
    rulesets = sorted((Path(__file__).parents[1] / "rulesets").glob("*.yaml"))
    assert len(rulesets) >= 20
    for path in rulesets:
        text = path.read_text(encoding="utf-8")
        fast = _yaml.load_with_positions(text)
        saved, _yaml._LOADER = _yaml._LOADER, _yaml.StrictLoader
        try:
            assert fast == _yaml.load_with_positions(text), path.name
        finally:
            _yaml._LOADER = saved


def test_an_unpaired_surrogate_is_located() -> None:
    with pytest.raises(_yaml.YamlProblem, match="unpaired surrogate") as info:
        _yaml.load("a: 1\nb: x\ud800y")
    assert (info.value.line, info.value.column) == (2, 5)


@pytest.mark.parametrize(
    ("text", "line"),
    [("a:\n\tb: 1\n", 2), ("\ta: 1\n", 1), ("a:\n  - 1\n\t- 2\n", 3), ("a: 1\r\n\tb: 2\r\n", 2)],
)
def test_a_tab_indenting_is_named_with_what_is_allowed(text: str, line: int) -> None:
    # PyYAML's "found character that cannot start any token" did not say which one
    with pytest.raises(_yaml.YamlProblem) as info:
        _yaml.load(text)
    assert (info.value.line, info.value.column) == (line, 1)
    assert "tab" in info.value.message
    assert info.value.message.endswith(
        "; allowed: spaces to indent (YAML never indents with tabs)"
    )


def test_a_tab_inside_a_line_is_still_space() -> None:
    assert _yaml.load("a:\t1\nb: [1,\t2]\n") == {"a": 1, "b": [1, 2]}
