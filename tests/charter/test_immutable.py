"""A loaded charter is shared by every caller, so nothing reachable from it can change.

``load_charter`` hands the same object to the engine, the CLI and every app; an app
that appended a ladder level or popped a meeting kind would change the rules for all
of them. Every container in a charter is a tuple, a frozenset or a read-only mapping;
a changed charter is a new one (``model_copy(update=...)``, validated, or new YAML).
"""

from __future__ import annotations

import copy
import pickle
import re
import textwrap
from collections.abc import Iterator, Mapping, MutableMapping, MutableSequence, MutableSet
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import BaseModel, ValidationError

import governance_rules as gr
from governance_rules._charter import Charter, available_charters, load_charter
from governance_rules._charter.loader import load_charter_text
from governance_rules._charter.schema import charter_json_schema
from governance_rules._charter.types import Text
from governance_rules.testing.strategies import charters

BUNDLED = sorted(available_charters())

#: yangxin-2022 with one amendment: from July 2026 the regular meeting gives a week's notice.
AMENDED = textwrap.dedent("""\
    id: yangxin-amended
    extends: yangxin-2022
    title: {en: Yangxin amended}
    jurisdiction: {zh: 湖北省阳新县}
    amendments:
      - effective: 2026-07-01
        source: {doc: yx, summary: From July the regular meeting is announced a week ahead.}
        changes:
          meetings:
            regular:
              notice: {lead: 1 week}
    """)


def _amended(tmp_path: Path) -> Charter:
    return load_charter_text(AMENDED, name="amended.yaml", base_dir=tmp_path)


# -- a generic walk: no future field can bring a mutable container back -------------------
_MUTABLE = (MutableMapping, MutableSequence, MutableSet, bytearray)


def _containers(value: object, path: str, seen: set[int]) -> Iterator[tuple[str, object]]:
    """Every container under ``value`` (models through their ``__dict__``: fields and the
    values cached on them), with its path."""
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, BaseModel):
        for name, item in vars(value).items():
            yield from _containers(item, f"{path}.{name}", seen)
        for name, item in (value.__pydantic_private__ or {}).items():
            if name not in ("_versions", "_variants", "_written"):  # private machinery
                yield from _containers(item, f"{path}.{name}", seen)
    elif isinstance(value, Mapping | list | tuple | set | frozenset | bytearray):
        yield path, value
        items = value.items() if isinstance(value, Mapping) else enumerate(value)
        for key, item in items:
            yield from _containers(item, f"{path}[{key!r}]", seen)


def _mutable_containers(charter: Charter, *, cached: bool = True) -> tuple[list[str], int]:
    """The paths of mutable containers under ``charter`` and how many containers it has
    (with the values it caches on first use, if ``cached``)."""
    if cached:
        charter.cite("meetings")
        _ = charter.fingerprint, charter.member_bodies
    found = list(_containers(charter, "charter", set()))
    mutable = [
        f"{path}: {type(value).__name__}"
        for path, value in found
        if isinstance(value, _MUTABLE)
        or (isinstance(value, Mapping) and type(value) is not MappingProxyType)
    ]
    return mutable, len(found)


def _every_form(charter: Charter) -> Iterator[tuple[str, Charter]]:
    yield "as loaded", charter
    for amendment in charter.amendments:
        yield f"at {amendment.effective}", charter.at(amendment.effective)
    for point, option, variant in charter.variants():
        yield f"{point}={option}", variant


@pytest.mark.parametrize("charter_id", BUNDLED)
def test_no_mutable_container_is_reachable_from_a_bundled_charter(charter_id: str) -> None:
    for form, charter in _every_form(load_charter(charter_id)):
        mutable, count = _mutable_containers(charter)
        assert count > 20, (form, count)  # the walk does reach the rules
        assert mutable == [], (form, mutable)


def test_no_mutable_container_in_an_amended_version(tmp_path: Path) -> None:
    charter = _amended(tmp_path)
    forms = dict(_every_form(charter))
    assert {"as loaded", "at 2026-07-01"} <= set(forms)
    for form, version in forms.items():
        assert _mutable_containers(version)[0] == [], form
    assert isinstance(charter.amendments[0].changes["meetings"], MappingProxyType)


@settings(max_examples=15, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(charters())
def test_no_mutable_container_in_a_drawn_charter(charter: Charter) -> None:
    """Charters validated from data (variants of the bundled ones), not loaded from files."""
    assert _mutable_containers(charter)[0] == []


def test_the_walk_finds_a_mutable_container_where_there_is_one() -> None:
    """The walk can fail: a charter built without validation, holding a list and a dict."""
    charter = load_charter("yangxin-2022")
    fields = {name: getattr(charter, name) for name in Charter.model_fields}
    bodies = dict(charter.bodies)  # a plain dict, as pydantic's model_construct keeps it
    routine = charter.issues["routine"]
    listed = routine.model_construct(**{**dict(routine), "ladder": list(routine.ladder)})
    broken = Charter.model_construct(
        **{**fields, "bodies": bodies, "issues": {**charter.issues, "routine": listed}}
    )
    mutable = _mutable_containers(broken, cached=False)[0]
    assert "charter.bodies: dict" in mutable
    assert "charter.issues: dict" in mutable
    assert "charter.issues['routine'].ladder: list" in mutable


# -- what an app may try ------------------------------------------------------------------
def _attempts(charter: Charter) -> Iterator[tuple[str, object, str, tuple[Any, ...]]]:
    """Ways an app could try to change a charter in place: what, on what, which method, args."""
    regular = charter.meetings["regular"]
    routine = charter.issues["routine"]
    level = routine.ladder[0]
    yield "append a ladder level", routine.ladder, "append", (level,)
    yield "replace a ladder level", routine.ladder, "__setitem__", (0, level)
    yield "pop a meeting kind", charter.meetings, "pop", ("regular",)
    yield "add a meeting kind", charter.meetings, "__setitem__", ("extra", regular)
    yield "delete a body", charter.bodies, "__delitem__", ("party_org",)
    yield "clear the roles", charter.roles, "clear", ()
    yield "update the documents", charter.documents, "update", ({},)
    yield "extend the involved bodies", level.involves, "extend", (["street_office"],)
    yield "add a position", charter.bodies["owners_committee"].positions, "append", ("x",)
    yield "add a publicity duty", charter.information.publicity, "__setitem__", ("x", None)
    yield "reassign the meetings", charter, "__setattr__", ("meetings", {})
    yield "reassign a ladder", routine, "__setattr__", ("ladder", ())
    yield "delete a rule's source", level, "__delattr__", ("source",)
    if charter.evaluation is not None:
        yield "add a criterion", charter.evaluation.criteria, "append", (None,)
    if charter.grading:
        grading = next(iter(charter.grading.values()))
        yield "add an indicator", grading.indicators, "__setitem__", ("x", None)


#: What a refusal says: the container is read-only, or the model frozen.
_READ_ONLY = re.compile(r"'(tuple|mappingproxy)' object|[Ff]rozen")


def _scenario(charter: Charter) -> list[object]:
    """What an engine does under ``charter``: an issue reported, triaged and escalated."""
    engine = gr.Engine(charter)
    resident = gr.Actor("residents", id="flat-2-301")
    member = gr.Actor("residents_committee", "environment_and_property_member")
    issue = engine.report_issue(resident, date(2026, 10, 26), summary="the lift stops")
    triaged = engine.command(issue.id, "triage", member, date(2026, 10, 26), category="routine")
    raised = engine.command(issue.id, "escalate", member, date(2026, 10, 27))
    return [(i.state, i.data) for i in (issue, triaged, raised)]


def test_an_app_cannot_change_a_loaded_charter() -> None:
    charter = load_charter("yangxin-2022")
    written = charter.model_dump_json()
    expected = _scenario(charter)
    refusals = []
    for what, target, method, args in _attempts(charter):
        try:
            getattr(target, method)(*args)
        except (TypeError, AttributeError, ValidationError) as exc:
            refusals.append((what, str(exc)))
        else:
            pytest.fail(f"{what}: allowed")
    assert len(refusals) >= 14
    assert [what for what, said in refusals if not _READ_ONLY.search(said)] == []
    again = load_charter("yangxin-2022")
    assert again is charter
    assert again.model_dump_json() == written
    assert len(again.issues["routine"].ladder) == len(charter.issues["routine"].ladder)
    assert "regular" in again.meetings
    assert _scenario(again) == expected
    assert _scenario(load_charter("yangxin-2022")) == expected


def test_an_amended_version_and_its_changes_cannot_change(tmp_path: Path) -> None:
    charter = _amended(tmp_path)
    version = charter.at(date(2026, 7, 1))
    assert str(version.meetings["regular"].notice.lead) == "1 week"  # type: ignore[union-attr]
    changes = charter.amendments[0].changes
    with pytest.raises(TypeError):
        changes["meetings"]["regular"]["notice"] = {"lead": "1 day"}
    with pytest.raises(AttributeError):
        version.meetings.pop("regular")  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        version.issues["routine"].ladder.append(None)  # type: ignore[attr-defined]
    # the next version built from the same charter still applies the amendment as written
    assert charter.at(date(2026, 7, 2)) is version
    rebuilt = _amended(tmp_path).at(date(2026, 7, 1))
    assert rebuilt == version
    assert rebuilt.fingerprint == version.fingerprint


def test_a_reading_cannot_change() -> None:
    charter = load_charter("co-building-two-thirds")
    veto = charter.with_readings({"decision": "one_vote_veto"})
    with pytest.raises(TypeError):
        veto.selected_readings["decision"] = "two_thirds"  # type: ignore[index]
    option = charter.readings["decision"].options["one_vote_veto"]
    with pytest.raises(TypeError):
        option.changes["meetings"] = {}  # type: ignore[index]
    assert charter.with_readings({"decision": "one_vote_veto"}) is veto
    assert veto.meetings["regular"].decision.kind == "veto"  # type: ignore[union-attr]


# -- everything that reads a charter still can ------------------------------------------
@pytest.mark.parametrize("charter_id", BUNDLED)
def test_dumps_and_pickles_round_trip(charter_id: str) -> None:
    charter = load_charter(charter_id)
    charter.cite("meetings")  # a read-only mapping cached on the charter: pickled with it
    assert Charter.model_validate(charter.model_dump()) == charter
    assert Charter.model_validate(charter.model_dump(mode="json")) == charter
    again = pickle.loads(pickle.dumps(charter))
    assert again == charter
    assert again.fingerprint == charter.fingerprint
    assert _mutable_containers(again)[0] == []
    assert copy.copy(charter) is charter
    assert copy.deepcopy(charter) is charter


def test_a_pickled_version_keeps_its_amendments_read_only(tmp_path: Path) -> None:
    charter = _amended(tmp_path)
    charter.at(date(2026, 7, 1))  # cached on the charter: pickled with it
    again = pickle.loads(pickle.dumps(charter))
    assert again == charter
    assert isinstance(again.amendments[0].changes["meetings"]["regular"], MappingProxyType)
    assert again.at(date(2026, 7, 1)) == charter.at(date(2026, 7, 1))


def test_a_dump_is_plain_data() -> None:
    """Dumps hand out dicts and lists an app may change: they are copies."""
    charter = load_charter("yangxin-2022")
    dumped = charter.model_dump(mode="json")
    assert type(dumped["meetings"]) is dict
    assert type(dumped["issues"]["routine"]["ladder"]) is list
    dumped["meetings"].clear()
    assert charter.meetings


def test_the_schema_still_says_object_for_mappings() -> None:
    props = charter_json_schema()["$defs"]["Charter"]["properties"]
    assert props["meetings"]["type"] == "object"
    assert props["documents"]["minProperties"] == 1
    assert props["open_questions"]["type"] == "array"


# -- a changed charter is a new one ------------------------------------------------------
def test_model_copy_validates_the_update_and_keeps_it_read_only() -> None:
    charter = load_charter("yangxin-2022")
    fingerprint = charter.fingerprint
    regular = charter.meetings["regular"]
    fewer = charter.model_copy(update={"meetings": {"regular": regular}})
    assert list(fewer.meetings) == ["regular"]
    assert isinstance(fewer.meetings, MappingProxyType)
    assert fewer.fingerprint != fingerprint  # computed anew, not carried over
    assert charter.fingerprint == fingerprint
    assert len(charter.meetings) > 1
    assert fewer.issues == charter.issues
    with pytest.raises(ValidationError, match="unknown body"):
        charter.model_copy(update={"roles": {"chair": {"body": "nobody", "source": {
            "doc": "yx", "summary": "a chair no charter declares"}}}})  # fmt: skip
    assert charter.model_copy() is charter
    label = Text(zh="业主委员会")
    assert label.model_copy(update={"en": "owners' committee"}).get("en") == "owners' committee"


def _models(value: object) -> Iterator[BaseModel]:
    if isinstance(value, BaseModel):
        yield value
        for name in type(value).model_fields:
            yield from _models(getattr(value, name))
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _models(item)
    elif isinstance(value, tuple):
        for item in value:
            yield from _models(item)


@pytest.mark.parametrize("charter_id", BUNDLED)
def test_model_copy_of_every_model_with_its_own_values_is_equal(charter_id: str) -> None:
    """Validating a copy from a model's own (validated) values gives the model back."""
    charter = load_charter(charter_id)
    checked = 0
    for model in _models(charter):
        for name in model.model_fields_set:
            copied = model.model_copy(update={name: getattr(model, name)})
            assert copied == model, (type(model).__name__, name)
            checked += 1
    assert checked > 50
    summary = charter.model_copy(update={"summary": "changed"})
    assert summary.summary == "changed"
    assert summary.model_dump(exclude={"summary"}) == charter.model_dump(exclude={"summary"})


def test_a_copy_of_an_amended_charter_keeps_its_amendments(tmp_path: Path) -> None:
    charter = _amended(tmp_path)
    copied = charter.model_copy(update={"summary": "the amended local rules"})
    version = copied.at(date(2026, 7, 1))
    assert str(version.meetings["regular"].notice.lead) == "1 week"  # type: ignore[union-attr]
    assert version.summary == "the amended local rules"
    assert copied.at(date(2026, 6, 30)) is copied


def test_the_data_a_charter_was_validated_from_stays_the_caller_s() -> None:
    """A read-only view over a dict the caller still holds would change with it."""
    charter = load_charter("yangxin-2022")
    meetings = dict(charter.meetings)
    copied = charter.model_copy(update={"meetings": meetings})
    data = charter.model_dump()
    validated = Charter.model_validate(data)
    meetings.clear()
    data["meetings"].clear()
    assert copied.meetings == charter.meetings
    assert validated == charter
