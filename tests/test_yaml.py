"""The strict YAML reader every YAML input goes through."""

from __future__ import annotations

import pytest

from governance_rules import _yaml


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
        ("a: !!python/name:os.system\n", 1, "could not determine a constructor"),
        ("? [1, 2]\n: x\n", 1, "unhashable key"),
    ],
)
def test_problems_carry_line_and_column(text: str, line: int, fragment: str) -> None:
    with pytest.raises(_yaml.YamlProblem) as info:
        _yaml.load(text)
    assert info.value.line == line
    assert fragment in info.value.message


def test_merge_keys_are_allowed_and_overridden() -> None:
    text = "a: &x {k: 1, j: 2}\nb:\n  <<: *x\n  k: 3\n"
    assert _yaml.load(text) == {"a": {"k": 1, "j": 2}, "b": {"k": 3, "j": 2}}
    with pytest.raises(_yaml.YamlProblem, match="duplicate key 'k'"):
        _yaml.load("b:\n  <<: {j: 2}\n  k: 1\n  k: 3\n")
