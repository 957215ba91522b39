"""The Charter: one ruleset, validated, with its sources and its dated amendments.

A charter is built by :mod:`governance_rules._charter.loader` from YAML; it can
also be validated from a plain mapping with ``Charter.model_validate``.
Cross-references (a role naming an undeclared body, a citation naming an
unknown document, a rotation among non-members …) are checked on plain data by
:func:`reference_problems`, so that the loader can report them together with
structural problems, each at its line and column.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from functools import cached_property
from types import MappingProxyType
from typing import Any, Literal

from pydantic import Field, PrivateAttr, ValidationError, ValidationInfo, model_validator

from governance_rules._charter.bodies import Body, BodyKind, Membership, RoleAssignment
from governance_rules._charter.evaluation import Evaluation, Grading
from governance_rules._charter.information import Information
from governance_rules._charter.issues import IssueCategory
from governance_rules._charter.kinds import BUILTIN_DECISION_KINDS, decision_rule_kinds
from governance_rules._charter.meetings import DecisionSpec, MeetingRule, Minutes, Quorum
from governance_rules._charter.readings import ReadingPoint, path_exists
from governance_rules._charter.readonly import (
    FrozenData,
    ReadOnlyMap,
    no_entries,
    plain_data,
)
from governance_rules._charter.terms import TermRule
from governance_rules._charter.types import Citation, Day, Frozen, Rule, Text
from governance_rules._i18n import normalize_lang, text
from governance_rules.errors import CharterError, CharterProblem, CharterValidationError

__all__ = [
    "BUILTIN_DECISION_KINDS",
    "Amendment",
    "Charter",
    "Document",
    "Matter",
    "deep_merge",
    "reference_problems",
]


class DocumentKind(enum.Enum):
    """What a cited document is."""

    SOURCE = "source"
    """One of the project's source texts (a file under ``sources/``)."""
    LAW = "law"
    """A national law or regulation."""
    GUIDE = "guide"
    """The project's domain guide."""


class Document(Frozen):
    """A document rules cite: a source text, a law, or the project's guide.

    ``heading`` is the document's own title, verbatim (a name, so it may be quoted);
    citations use ``cited_as`` instead when the document is known by a shorter name
    (《民法典》). ``issuer`` and ``date`` are set only where the source gives them.
    ``file`` and ``lines`` locate a source text in the project's corpus, for authors
    and tests; they never appear in a citation.

    >>> law = Document(kind="law", heading="中华人民共和国民法典", cited_as="民法典",
    ...                issuer={"zh": "全国人民代表大会"}, date="2020")
    >>> law.describe("zh")
    '《中华人民共和国民法典》，全国人民代表大会，2020'
    >>> law.describe("en")
    '《中华人民共和国民法典》, 全国人民代表大会, 2020'
    """

    kind: DocumentKind = DocumentKind.SOURCE
    heading: str = Field(description="the document's own title (or the law's), verbatim")
    cited_as: str | None = Field(
        default=None, description="the short name citations use, e.g. 民法典; default: heading"
    )
    issuer: Text | None = Field(default=None, description="who issued or adopted it, if known")
    date: str | None = Field(
        default=None,
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="when it was issued or adopted, as precisely as known: YYYY[-MM[-DD]]",
    )
    file: str | None = Field(default=None, description="the source file, for authors and tests")
    lines: str | None = Field(
        default=None, description="line range in the file, where several documents share a heading"
    )

    @model_validator(mode="after")
    def _source_has_file(self) -> Document:
        if self.kind is DocumentKind.SOURCE and not self.file:
            raise ValueError("a source document needs its 'file'")
        return self

    @property
    def name(self) -> str:
        """The title a citation shows: ``cited_as`` or the heading."""
        return self.cited_as or self.heading

    def cite(self, article: str | None = None, lang: str = "en") -> str:
        """``《name》article`` (the project's guide: its heading, in words)."""
        if self.kind is DocumentKind.GUIDE:
            head = text("cite.guide", lang, heading=self.heading)
            return f"{head} {article}" if article else head
        return f"《{self.name}》{article or ''}"

    def describe(self, lang: str = "en") -> str:
        """The full reference: the title in full, issuer and date, where known."""
        whole = self.cite(lang=lang) if self.kind is DocumentKind.GUIDE else f"《{self.heading}》"
        parts = [whole]
        if self.issuer is not None:
            parts.append(self.issuer.get(lang))
        if self.date:
            parts.append(self.date)
        return ("，" if normalize_lang(lang) == "zh" else ", ").join(parts)


class Matter(Rule):
    """A kind of matter decided by a body under a decision rule (e.g. hiring the company).

    ``quorum`` (members present for the body to decide) and ``minutes`` (how the
    record is signed) are given where the source sets them for the body's meetings.
    """

    body: str
    label: Text | None = None
    decision: DecisionSpec
    quorum: Quorum | None = None
    minutes: Minutes | None = None


class Amendment(Frozen):
    """A change taking effect on a date; earlier dates keep the earlier rules."""

    effective: Day
    source: Citation
    changes: FrozenData = Field(
        description="a partial charter deep-merged over the rules in force before"
    )


class Charter(Frozen):
    """A joint-meeting charter (联席会议制度) or a legal baseline, as validated rules."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)
    title: Text
    jurisdiction: Text
    issuing_body: Text | None = None
    version: str = "1"
    status: Literal["charter", "baseline", "pattern"] = "charter"
    extends: str | None = Field(default=None, description="id of the charter this one extends")
    effective: Day | None = Field(default=None, description="the day the charter takes effect")
    summary: str | None = Field(default=None, description="what distinguishes this charter")
    documents: ReadOnlyMap[str, Document] = Field(min_length=1)
    bodies: ReadOnlyMap[str, Body] = Field(default_factory=no_entries)
    roles: ReadOnlyMap[str, RoleAssignment] = Field(default_factory=no_entries)
    meetings: ReadOnlyMap[str, MeetingRule] = Field(default_factory=no_entries)
    matters: ReadOnlyMap[str, Matter] = Field(default_factory=no_entries)
    issues: ReadOnlyMap[str, IssueCategory] = Field(default_factory=no_entries)
    terms: ReadOnlyMap[str, TermRule] = Field(default_factory=no_entries)
    information: Information = Information()
    evaluation: Evaluation | None = None
    grading: ReadOnlyMap[str, Grading] = Field(default_factory=no_entries)
    open_questions: tuple[str, ...] = Field(
        default=(), description="what the source leaves open or contradicts, and the reading"
    )
    readings: ReadOnlyMap[str, ReadingPoint] = Field(
        default_factory=no_entries,
        description="rules read in competing ways: every reading kept, one the default",
    )
    selected_readings: ReadOnlyMap[str, str] = Field(
        default_factory=no_entries,
        description="readings chosen instead of the defaults (set by with_readings, not in files)",
    )
    amendments: tuple[Amendment, ...] = ()

    _versions: dict[int, Charter] = PrivateAttr(default_factory=dict)
    # the data as written (after ``extends``), so that amendments merge over exactly
    # what the loader validated, not over a dump with every default filled in; plain
    # data, private: nothing hands it out, and its readers only read it or copy it
    _written: dict[str, Any] | None = PrivateAttr(default=None)

    _origin: Charter | None = PrivateAttr(default=None)
    # a version ``at`` built: the charter as loaded, whose amendments it applied
    _loaded: Charter | None = PrivateAttr(default=None)
    _variants: dict[tuple[tuple[str, str], ...], Charter] = PrivateAttr(default_factory=dict)

    def __repr_args__(self) -> Iterator[tuple[str, object]]:
        """What ``repr`` shows: the charter's identity, not its every rule (tens of
        thousands of characters, which buried a traceback or a REPL line)."""
        yield "id", self.id
        yield "version", self.version
        if self.selected_readings:
            yield "selected_readings", dict(self.selected_readings)

    @model_validator(mode="before")
    @classmethod
    def _body_kinds_default_to_ids(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and isinstance(data.get("bodies"), Mapping):
            bodies = {}
            known = {k.value for k in BodyKind}
            for key, body in data["bodies"].items():
                needs_kind = isinstance(body, Mapping) and "kind" not in body and key in known
                bodies[key] = {**body, "kind": key} if needs_kind else body
            return {**data, "bodies": bodies}
        return data

    @model_validator(mode="after")
    def _selected_readings_exist(self) -> Charter:
        for key, option in self.selected_readings.items():
            point = self.readings.get(key)
            if point is None:
                known = ", ".join(self.readings) or "none"
                raise ValueError(f"selected_readings: no reading point {key!r}; known: {known}")
            if option not in point.options:
                raise ValueError(
                    f"selected_readings.{key}: no reading {option!r}; "
                    f"allowed: {', '.join(point.options)}"
                )
        return self

    @model_validator(mode="after")
    def _references(self, info: ValidationInfo) -> Charter:
        if info.context and info.context.get("skip_references"):
            return self
        problems = reference_problems(self.model_dump(mode="json"))
        if problems:
            raise CharterValidationError(
                [CharterProblem(path, message, file=f"<{self.id}>") for path, message in problems]
            )
        return self

    # -- amendments -------------------------------------------------------------------
    def at(self, day: date) -> Charter:
        """The rules in force on ``day``: every amendment effective on or before it applied.

        >>> from governance_rules._charter import load_charter
        >>> base = load_charter("cn-national-baseline")
        >>> base.at(date(2026, 1, 1)) is base
        True
        """
        if self._loaded is not None:  # a version: the charter as loaded knows the others
            return self._loaded.at(day)
        if not self.amendments:
            return self
        count = sum(1 for a in self.amendments if a.effective <= day)
        if not count:
            return self
        if count not in self._versions:
            data = in_force(self._as_written(), self.amendments, day)
            data["amendments"] = [a.model_dump(mode="json") for a in self.amendments]
            if data.get("selected_readings"):  # a reading an amendment settled lapses
                data["selected_readings"] = _still_open(data)
            try:
                version = Charter.model_validate(data)
            except ValidationError as exc:
                raise CharterError(
                    f"the rules in force on {day.isoformat()} are not a valid charter: "
                    f"{exc.error_count()} problem(s), first at "
                    f"{'.'.join(str(p) for p in exc.errors()[0]['loc']) or 'the top'}: "
                    f"{exc.errors()[0]['msg']}",
                    where=f"{self.id}.amendments",
                    allowed="amendments whose merged rules validate (load_charter checks this)",
                ) from None
            version._written = data
            version._loaded = self
            self._versions[count] = version
        return self._versions[count]

    def _as_written(self) -> Mapping[str, Any]:
        """The charter's data as written, for amendments and readings to merge over."""
        if self._written is not None:
            return self._written
        return self.model_dump(mode="json", exclude_unset=True)  # built in code

    def __eq__(self, other: object) -> bool:
        """Charters are equal when their rules are; caches of versions and readings aside."""
        if not isinstance(other, Charter):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in type(self).model_fields)

    __hash__ = None  # type: ignore[assignment]  # its mappings are not hashable: nor is it

    # -- competing readings ----------------------------------------------------------
    def reading(self, point: str) -> str:
        """The key of the reading of ``point`` this charter is under (the default if none chosen).

        Raises:
            CharterError: ``point`` is not one of the charter's reading points.
        """
        found = self.readings.get(point)
        if found is None:
            raise CharterError(
                "no such reading point",
                where=f"{self.id}: readings",
                got=point,
                allowed=", ".join(self.readings) or "none: this charter has no competing readings",
            )
        return self.selected_readings.get(point, found.default)

    def with_readings(self, choice: Mapping[str, str]) -> Charter:
        """This charter under the readings ``choice`` names (``{point: reading}``).

        Points not named keep the reading this charter is under. Choosing a
        default reading undoes a selection. The result is an ordinary charter
        whose body states the chosen readings, whose ``selected_readings``
        records them, and whose fingerprint differs from the default's; select
        readings on the charter as loaded (amendments apply on top).

        >>> from governance_rules._charter import load_charter
        >>> rc = load_charter("model-charter-rc")
        >>> tie = rc.with_readings({"resolution_threshold": "half_or_more"})
        >>> tie.meetings["regular"].decision.threshold.describe(), dict(tie.selected_readings)
        ('>= 1/2', {'resolution_threshold': 'half_or_more'})
        >>> tie.with_readings({"resolution_threshold": "more_than_half"}) is rc
        True

        Raises:
            CharterError: A point or a reading is unknown.
        """
        origin = self._origin or self
        wanted = dict(self.selected_readings)
        for point, option in choice.items():
            self.reading(point)  # refuses an unknown point
            default = self.readings[point].default
            if option not in self.readings[point].options:
                raise CharterError(
                    "no such reading",
                    where=f"{self.id}: readings.{point}",
                    got=option,
                    allowed=", ".join(self.readings[point].options),
                )
            if option == default:
                wanted.pop(point, None)
            else:
                wanted[point] = option
        key = tuple(sorted(wanted.items()))
        if key == tuple(sorted(origin.selected_readings.items())):
            return origin
        base = origin.selected_readings
        if any(wanted.get(point) != option for point, option in base.items()):
            raise CharterError(
                "a reading already applied cannot be undone on this copy",
                where=f"{self.id}: selected_readings",
                got=dict(base),
                allowed="select readings on the charter as loaded (load_charter)",
            )
        if key not in origin._variants:
            data = plain_data(origin._as_written())
            for point, option in key:
                if base.get(point) == option:
                    continue
                data = deep_merge(data, origin.readings[point].options[option].changes)
            data["selected_readings"] = dict(key)
            variant = Charter.model_validate(data)
            variant._written = data
            variant._origin = origin
            origin._variants[key] = variant
        return origin._variants[key]

    def variants(self) -> Iterator[tuple[str, str, Charter]]:
        """Every reading of every point, with this charter under it: for comparisons.

        >>> from governance_rules._charter import load_charter
        >>> [(point, option, c.meetings["regular"].decision.kind)
        ...  for point, option, c in load_charter("co-building-two-thirds").variants()]
        [('decision', 'two_thirds', 'supermajority'), ('decision', 'one_vote_veto', 'veto')]
        """
        for point, found in self.readings.items():
            for option in found.options:
                yield point, option, self.with_readings({point: option})

    # -- queries ----------------------------------------------------------------------
    @cached_property
    def fingerprint(self) -> str:
        """A short hash of the charter's content: streams record the rules they ran under.

        >>> from governance_rules._charter import load_charter
        >>> len(load_charter("yangxin-2022").fingerprint)
        16
        """
        return hashlib.sha256(self.model_dump_json().encode("utf-8")).hexdigest()[:16]

    @cached_property
    def rules_fingerprint(self) -> str:
        """A short hash of the rules alone: what a stream compares on opening.

        Unlike :attr:`fingerprint` it leaves out what describes the charter rather than
        stating a rule (its id, title, documents, open questions, readings, amendments),
        every citation and note, bilingual labels, and settings left at their defaults,
        so correcting a citation or a label, or a library release adding an optional
        setting, changes nothing; changing a rule's value does.

        >>> from governance_rules._charter import load_charter
        >>> charter = load_charter("yangxin-2022")
        >>> len(charter.rules_fingerprint), charter.rules_fingerprint == charter.fingerprint
        (16, False)
        """
        data = self.model_dump(mode="json", exclude=set(_DESCRIBES), exclude_defaults=True)
        text = json.dumps(_rules_only(data), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    @cached_property
    def member_bodies(self) -> tuple[str, ...]:
        """The bodies that sit on the joint meeting as members."""
        return tuple(k for k, b in self.bodies.items() if b.membership is Membership.MEMBER)

    def role(self, name: str, meeting: str | None = None) -> RoleAssignment | None:
        """The assignment of role ``name``, for a meeting kind if it overrides the charter's."""
        if meeting is not None and name in self.meetings[meeting].roles:
            return self.meetings[meeting].roles[name]
        return self.roles.get(name)

    def citation(self, source: Citation, lang: str = "en") -> str:
        """How a reader finds the rule: ``《document title》article``.

        Only the document's title and the article: the storage file, line range
        and the summary (our paraphrase) stay in ``documents`` and ``source``.

        >>> from governance_rules._charter import load_charter
        >>> base = load_charter("cn-national-baseline")
        >>> base.citation(base.matters["owners_major"].source)
        '《民法典》第278条'
        """
        return self.documents[source.doc].cite(source.article, lang)

    def cite(self, path: str | None) -> str | None:
        """The citation of the rule at ``path``, or of its nearest enclosing rule.

        >>> from governance_rules._charter import load_charter
        >>> load_charter("yangxin-2022").cite("meetings.regular.notice.lead") is not None
        True
        """
        if path is None:
            return None
        paths = self._rule_paths
        parts = path.replace("[", ".[").split(".")
        for length in range(len(parts), 0, -1):
            found = paths.get(".".join(parts[:length]).replace(".[", "["))
            if found is not None:
                return self.citation(found.source)
        return None

    @cached_property
    def _rule_paths(self) -> Mapping[str, Rule]:
        return MappingProxyType(dict(self.rules()))

    def rules(self) -> Iterator[tuple[str, Rule]]:
        """Every rule with its dotted path, in document order."""
        yield from _walk_rules(self, "")


def _walk_rules(model: Frozen, prefix: str) -> Iterator[tuple[str, Rule]]:
    for name in type(model).model_fields:
        value = getattr(model, name)
        path = f"{prefix}.{name}" if prefix else name
        yield from _walk_value(value, path)


def _walk_value(value: object, path: str) -> Iterator[tuple[str, Rule]]:
    if isinstance(value, Rule):
        yield path, value
    if isinstance(value, Frozen):
        yield from _walk_rules(value, path)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _walk_value(item, f"{path}.{key}")
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _walk_value(item, f"{path}[{index}]")


def _still_open(data: Mapping[str, Any]) -> dict[str, str]:
    """The chosen readings of ``data`` whose point and option it still has: an amendment
    that drops a reading point (or the chosen option) settles the question from its day,
    so the choice lapses (the rule keeps the reading's text unless the amendment restates it).
    """
    points = data.get("readings") or {}
    return {
        point: option
        for point, option in data["selected_readings"].items()
        if isinstance(points.get(point), Mapping) and option in points[point].get("options", {})
    }


def in_force(
    written: Mapping[str, Any], amendments: Sequence[Amendment], day: date | None = None
) -> dict[str, Any]:
    """``written`` (a charter's data as written) with the amendments in force on ``day``
    merged over it in order of their effective dates (all of them when ``day`` is None).

    The loader validates each step of this merge and :meth:`Charter.at` builds the
    rules from it, so a charter that loads has a valid version on every day.
    """
    current = {k: v for k, v in written.items() if k != "amendments"}
    applied = [a for a in amendments if day is None or a.effective <= day]
    for amendment in sorted(applied, key=lambda a: a.effective):
        source = amendment.source.model_dump(mode="json", exclude_none=True)
        current = deep_merge(current, _recited(current, amendment.changes, source)[0])
    return current


def _recited(
    base: object, changes: Mapping[str, Any], source: Mapping[str, Any]
) -> tuple[dict[str, Any], bool]:
    """``changes`` with ``source`` (the amendment's citation) given to the innermost rule
    of ``base`` around each change that does not cite a source of its own, so that a
    rule an amendment changes cites the amendment, not the text it replaced; and whether
    every change is now under a citation.

    >>> base = {"notice": {"lead": "1 week", "source": {"doc": "a", "article": "8"}}}
    >>> _recited(base, {"notice": {"lead": "2 weeks"}}, {"doc": "b"})[0]
    {'notice': {'lead': '2 weeks', 'source': {'doc': 'b'}}}
    """
    out = dict(changes)
    loose = False  # a change here that no rule below cites
    for key, change in changes.items():
        if key in ("source", "note"):
            continue
        old = base.get(key) if isinstance(base, Mapping) else None
        if isinstance(change, Mapping) and isinstance(old, Mapping):
            out[key], cited = _recited(old, change, source)
            loose = loose or not cited
        else:
            loose = True
    if changes.get("source") is not None:
        return out, True
    if loose and isinstance(base, Mapping) and isinstance(base.get("source"), Mapping):
        out["source"] = dict(source)
        return out, True
    return out, not loose


def deep_merge(base: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """Merge ``changes`` over ``base``: mappings merge key by key, anything else replaces.

    A key set to ``null`` in ``changes`` removes it. A rule given a new ``source`` gets
    that citation whole, and loses the ``note`` it had unless ``changes`` gives one: a
    note explains the reading of its own source, not of the one that replaces it (a
    charter that re-cites the baseline's property company does not inherit the
    baseline's note on 民法典 第937条).

    >>> deep_merge({"a": {"b": 1, "c": 2}, "d": [1]}, {"a": {"c": 3}, "d": [2], "e": None})
    {'a': {'b': 1, 'c': 3}, 'd': [2]}
    >>> deep_merge({"source": {"doc": "law", "article": "第937条"}, "note": "on the law"},
    ...            {"source": {"doc": "x"}})
    {'source': {'doc': 'x'}}
    """
    # each value is copied once (the result shares nothing mutable with either side), and
    # the keys keep the base's order, new keys after them
    merged: dict[str, Any] = {}
    resourced = changes.get("source") is not None and "note" not in changes
    for key, value in base.items():
        if key not in changes:
            if not (resourced and key == "note"):
                merged[key] = plain_data(value)
            continue
        change = changes[key]
        if change is None:
            continue
        if isinstance(change, Mapping) and isinstance(value, Mapping):
            # a citation is replaced whole: no article or lines of the old one stay
            merged[key] = deep_merge({} if key == "source" else value, change)
        else:
            merged[key] = plain_data(change)
    for key, change in changes.items():
        if key not in base and change is not None:
            merged[key] = plain_data(change)
    return merged


# -- cross-references on plain data ----------------------------------------------------------
#: The top-level fields that describe a charter rather than state its rules.
_DESCRIBES = frozenset(
    {"id", "title", "jurisdiction", "issuing_body", "version", "status", "extends", "summary",
     "documents", "open_questions", "readings", "selected_readings", "amendments"}
)  # fmt: skip


def _rules_only(value: Any) -> Any:
    """``value`` (a charter's JSON data) without citations, notes and bilingual labels."""
    if isinstance(value, dict):
        return {
            key: _rules_only(item)
            for key, item in value.items()
            if key not in ("source", "note") and not (key == "label" and isinstance(item, dict))
        }
    if isinstance(value, list):
        return [_rules_only(item) for item in value]
    return value


_ROLE_FIELDS = ("issued_by", "signed_by", "drafted_by", "followed_up_by", "performed_by")


#: The sections declaring the names the rest of a charter uses.
_DECLARATIONS = ("bodies", "roles", "documents")


def reference_problems(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Check that every name a charter uses is declared: bodies, roles, documents, kinds.

    Works on plain (YAML-like) data and tolerates invalid parts, so that it can run
    alongside structural validation. Returns ``(dotted path, message)`` pairs.
    """
    checker = _References(data, decision_rule_kinds())
    # a list (or text) where the declarations belong is reported by the model; checking
    # names against it would only add a problem at every use of a body, role or document
    if all(isinstance(data.get(key), Mapping | None) for key in _DECLARATIONS):
        checker.run()
    readings = data.get("readings")
    for key, point in readings.items() if isinstance(readings, Mapping) else ():
        rule = point.get("rule") if isinstance(point, Mapping) else None
        if isinstance(rule, str) and not path_exists(data, rule):
            checker.add(
                f"readings.{key}.rule",
                f"names no rule of this charter (got {rule!r}); allowed: a dotted path to "
                f"one of its rules, or, where a charter extending another replaces that "
                f"rule, 'readings: {{{key}: null}}' to drop the reading",
            )
    return checker.problems


class _References:
    def __init__(self, data: Mapping[str, Any], kinds: frozenset[str]) -> None:
        self.data = data
        self.kinds = kinds
        self.problems: list[tuple[str, str]] = []
        bodies = data.get("bodies")
        self.bodies = dict(bodies) if isinstance(bodies, Mapping) else {}
        roles = data.get("roles")
        self.roles = set(roles) if isinstance(roles, Mapping) else set()
        docs = data.get("documents")
        self.docs = set(docs) if isinstance(docs, Mapping) else set()
        self.members = {
            key
            for key, body in self.bodies.items()
            if not isinstance(body, Mapping) or body.get("membership", "member") == "member"
        }

    def add(self, path: str, message: str) -> None:
        self.problems.append((path, message))

    def body(self, value: object, path: str) -> None:
        if isinstance(value, str) and value not in self.bodies:
            known = ", ".join(sorted(self.bodies)) or "none declared"
            self.add(path, f"unknown body {value!r}; declared bodies: {known}")

    def positions(self, body: str, value: object, path: str) -> None:
        declared = self.bodies.get(body)
        known = declared.get("positions") if isinstance(declared, Mapping) else None
        if not isinstance(known, list | tuple) or not known:
            return  # the body declares no positions: any name stands
        for name in (
            [value] if isinstance(value, str) else value if isinstance(value, list) else []
        ):
            if isinstance(name, str) and name not in known:
                self.add(path, f"{body} has no position {name!r}; its positions: "
                         f"{', '.join(map(str, known))}")  # fmt: skip

    def body_or_role(self, value: object, path: str) -> None:
        if isinstance(value, str) and value not in self.bodies and value not in self.roles:
            names = ", ".join(sorted(set(self.bodies) | self.roles))
            self.add(path, f"{value!r} is neither a declared body nor a role; known: {names}")

    def run(self) -> None:
        self.walk(self.data, "")

    def walk(self, node: object, path: str) -> None:
        if isinstance(node, Mapping):
            self.check_mapping(node, path)
            for key, value in node.items():
                if key == "changes":  # amendments are checked when applied
                    continue
                self.walk(value, f"{path}.{key}" if path else str(key))
        elif isinstance(node, list | tuple):
            for index, item in enumerate(node):
                self.walk(item, f"{path}[{index}]")

    def check_mapping(self, node: Mapping[str, Any], path: str) -> None:
        last = path.rsplit(".", 1)[-1]
        source = node.get("source")
        doc = source.get("doc") if isinstance(source, Mapping) else None
        if isinstance(doc, str) and doc not in self.docs:
            known = ", ".join(sorted(self.docs))
            self.add(f"{path}.source.doc" if path else "source.doc",
                     f"unknown document {doc!r}; declared: {known}")  # fmt: skip
        for key in (
            "body", "delegate", "handler", "terminal", "organiser", "approved_by", "by",
            "authorised_by",
        ):  # fmt: skip
            if key in node and not path.startswith("documents"):
                self.body(node[key], f"{path}.{key}")
        if "position" in node and isinstance(node.get("body"), str):
            self.positions(node["body"], node["position"], f"{path}.position")
        elif "position" in node and isinstance(node.get("handler"), str):
            self.positions(node["handler"], node["position"], f"{path}.position")
        for key in (
            "any_of",
            "involves",
            "to",
            "distribution",
            "subjects",
            "veto_holders",
            "elected_by",
            "any_member_of",
            "raised_by",
        ):
            if isinstance(node.get(key), list | tuple):
                for index, item in enumerate(node[key]):
                    self.body(item, f"{path}.{key}[{index}]")
        if isinstance(node.get("bodies"), list | tuple) and path:
            for index, item in enumerate(node["bodies"]):
                self.body(item, f"{path}.bodies[{index}]")
        for key in _ROLE_FIELDS:
            self.body_or_role(node.get(key), f"{path}.{key}")
        if isinstance(node.get("collected_by"), list | tuple):
            for index, item in enumerate(node["collected_by"]):
                self.body_or_role(item, f"{path}.collected_by[{index}]")
        rotation = node.get("rotation")
        if isinstance(rotation, Mapping) and isinstance(rotation.get("order"), list | tuple):
            for index, item in enumerate(rotation["order"]):
                if isinstance(item, str) and item not in self.members:
                    self.add(f"{path}.rotation.order[{index}]",
                             f"{item!r} is not a member body; members: "
                             f"{', '.join(sorted(self.members))}")  # fmt: skip
        if last == "decision" or path.endswith(".decision"):
            kind = node.get("kind")
            if isinstance(kind, str) and kind not in self.kinds:
                self.add(f"{path}.kind", f"unknown decision rule {kind!r}; known: "
                         f"{', '.join(sorted(self.kinds))}")  # fmt: skip
