"""Fuzzing the loader: any document gives a Charter or the library's own error, nothing else.

Three generators: random YAML structures built from the language's own keys, random
mutations of the bundled charters (a value replaced, a key deleted or added), and
random edits of their text. None may raise anything but ``CharterValidationError``.
Hangs are ruled out by construction (the YAML reader's node and depth budgets,
tested with an alias bomb below) rather than by timing.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance_rules._charter import Charter, available_charters, load_charter_text
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules.errors import CharterValidationError

KEYS = sorted(
    {
        *Charter.model_fields,
        "kind", "source", "doc", "summary", "article", "cadence", "every", "times", "months",
        "window", "notice", "lead", "decision", "threshold", "fraction", "inclusive", "ladder",
        "handler", "terminal", "rotation", "order", "body", "any_of", "minutes", "deadline",
        "sign_off", "file", "heading", "regular", "routine", "x", "group", "delegate",
        "any_member_of", "alternatives", "authorised_by", "position",
    }
)  # fmt: skip
CHARTERS = sorted(available_charters())
TEXTS = {cid: (bundled_rulesets_dir() / f"{cid}.yaml").read_text("utf-8") for cid in CHARTERS}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["2/3", "1/2", "0/0", "3 days", "3个工作日", "quarterly", "2026-13-01",
                     "residents_committee", "consensus", "supermajority", "", "85%", "1e309"]),
    st.text(max_size=12),
)  # fmt: skip
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), children, max_size=5),
    ),
    max_leaves=30,
)

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(text: str) -> None:
    problems: tuple[object, ...] = ()
    try:
        result = load_charter_text(text, name="fuzz.yaml", base_dir=bundled_rulesets_dir())
    except CharterValidationError as exc:  # the only error allowed
        problems = exc.problems
        result = None
    assert isinstance(result, Charter) or problems
    assert all(str(p) for p in problems)


@FUZZ
@given(st.dictionaries(st.sampled_from(KEYS), documents, max_size=8))
def test_random_structures(data: dict[str, Any]) -> None:
    check(yaml.safe_dump(data, allow_unicode=True))


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


@FUZZ
@given(
    st.sampled_from(CHARTERS),
    st.data(),
    st.sampled_from(["replace", "delete", "add"]),
    documents,
)
def test_mutated_charters(charter_id: str, data: st.DataObject, action: str, junk: Any) -> None:
    original = yaml.safe_load(TEXTS[charter_id])
    mutated = copy.deepcopy(original)
    path = data.draw(st.sampled_from(_paths(mutated)[1:]))
    parent = mutated
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "replace":
        parent[last] = junk
    elif action == "delete":
        del parent[last]
    elif isinstance(parent, dict):
        parent[data.draw(st.sampled_from(KEYS))] = junk
    else:
        parent.insert(last, junk)
    check(yaml.safe_dump(mutated, allow_unicode=True))


@FUZZ
@given(
    st.sampled_from(CHARTERS),
    st.integers(min_value=0),
    st.integers(min_value=0, max_value=40),
    st.text(alphabet=" :-[]{}&*!|>'\"#,\n\tx1", max_size=6),
)
def test_edited_text(charter_id: str, at: int, cut: int, insert: str) -> None:
    text = TEXTS[charter_id]
    at %= len(text)
    check(text[:at] + insert + text[at + cut :])


@pytest.mark.parametrize(
    "text",
    [
        "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n",
        "a: " + "[" * 5000,
        "a: &x [*x]\n",
        "\x00\x01",
        "id: x\nid: y\n",
    ],
)
def test_pathological_documents(text: str) -> None:
    with pytest.raises(CharterValidationError):
        load_charter_text(text)
