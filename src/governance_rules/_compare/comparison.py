"""``compare(charters...)``: every rule of several charters side by side, differences classified.

The first charter is the baseline: each other charter's value of a rule is
classified against it (:class:`Verdict`: same, stricter, looser, different, or
only in one of the two). Rules are aligned by their dotted path; each value
carries the citation of the rule it belongs to in its own charter. Competing
readings are listed per charter and point, with the reading in force marked, and
rows a reading point covers name it. The compiled machines of every charter are
compared with the first's, per workflow kind.

Each charter is compared under the rules in force on the start day
(``Charter.at``); its amendments are listed rule by rule with the day they take
effect, the value before and after, and how the new value stands against the old.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter import Amendment, Charter, as_charter, load_charter
from governance_rules._charter.labels import label_of, unique_labels
from governance_rules._compare.leaves import leaves, show, sources
from governance_rules._compare.machines import MachineDiff, machine_diffs
from governance_rules._compare.order import Verdict, share_at, verdict
from governance_rules._compare.summary import figures
from governance_rules._i18n import normalize_lang
from governance_rules.errors import ComparisonError, UnknownComparisonItemError

__all__ = [
    "AlignedRule",
    "AmendedRule",
    "Comparison",
    "KeyFigure",
    "ReadingOption",
    "ReadingPointInfo",
    "amended_rules",
    "charter_variants",
    "compare",
    "label_of",
    "load_spec",
    "parse_charter_spec",
    "unique_labels",
]


@dataclass(frozen=True, slots=True)
class AlignedRule:
    """One rule path, with each charter's value and citation.

    Attributes:
        path: The dotted path of the value (``meetings.regular.notice.lead``).
        values: Each charter's value as shown, ``None`` where the charter has none.
        citations: Each charter's citation of the enclosing rule, ``None`` where none.
        verdicts: Each charter after the first, against the first.
        reading: The reading point whose rule covers this path, if any.
    """

    path: str
    values: tuple[str | None, ...]
    citations: tuple[str | None, ...]
    verdicts: tuple[Verdict, ...]
    reading: str | None = None

    @property
    def differs(self) -> bool:
        """True if any charter's value differs from the first's."""
        return any(v is not Verdict.SAME for v in self.verdicts)


@dataclass(frozen=True, slots=True)
class AmendedRule:
    """One rule an amendment of one charter changes, on the day it takes effect.

    Attributes:
        charter: The label of the amended charter.
        effective: The day the amendment takes effect.
        path: The dotted path of the value.
        before: The value in force the day before, ``None`` where there was none.
        after: The value from ``effective``, ``None`` where the amendment drops the rule.
        verdict: ``after`` against ``before``: stricter, looser, different, ``only_here``
            (a rule the amendment adds) or ``only_in_first`` (a rule it drops).
        citation: The citation of the changed rule from ``effective`` (the amendment's
            own where the amendment drops the rule or cites nothing else).
        in_force: True if the amendment is in force on the comparison's start day
            (the rules compared already include it).
    """

    charter: str
    effective: date
    path: str
    before: str | None
    after: str | None
    verdict: Verdict
    citation: str
    in_force: bool


@dataclass(frozen=True, slots=True)
class KeyFigure:
    """One of the numbers that matter, per charter, with verdicts against the first.

    Attributes:
        key: ``regular_meetings_per_year``, ``issues.routine.worst_case_working_days`` …
        values: Each charter's figure as shown: ``unspecified`` where the charter's rule
            sets none, ``—`` where the charter has no such rule (an issue category).
        citations: Each charter's citation of the rule the figure comes from.
        verdicts: Each charter after the first, against the first.
    """

    key: str
    values: tuple[str, ...]
    citations: tuple[str | None, ...]
    verdicts: tuple[Verdict, ...]


@dataclass(frozen=True, slots=True)
class ReadingOption:
    """One reading of a point: its key, label, citation, and whether it is in force."""

    key: str
    label: str
    citation: str
    in_force: bool


@dataclass(frozen=True, slots=True)
class ReadingPointInfo:
    """A rule one charter's sources let be read in competing ways."""

    charter: str
    point: str
    rule: str
    label: str | None
    options: tuple[ReadingOption, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """Several charters compared; the first is the baseline.

    Attributes:
        labels: One label per charter: its id, with ``@point=reading`` for a variant.
        titles: Each charter's title.
        start: The day ladders' worst cases are counted from.
        rules: Every rule path of any charter, aligned.
        figures: The numbers that matter.
        readings: Every competing-reading point of every charter.
        machines: Per other charter and workflow kind, its machine against the first's.
        lang: The language of labels and citations.
        amendments: Every rule each charter's amendments change, by charter and day.
    """

    labels: tuple[str, ...]
    titles: tuple[str, ...]
    start: date
    rules: tuple[AlignedRule, ...]
    figures: tuple[KeyFigure, ...]
    readings: tuple[ReadingPointInfo, ...]
    machines: tuple[MachineDiff, ...]
    lang: str = "en"
    amendments: tuple[AmendedRule, ...] = ()

    def __repr__(self) -> str:
        """The charters and counts, not every aligned rule (a hundred thousand characters)."""
        return (
            f"Comparison(labels={self.labels!r}, start={self.start!r}, rules={len(self.rules)}, "
            f"differences={len(self.differences)}, figures={len(self.figures)})"
        )

    @property
    def differences(self) -> tuple[AlignedRule, ...]:
        """The rules on which some charter differs from the first."""
        return tuple(r for r in self.rules if r.differs)

    def rule(self, path: str) -> AlignedRule:
        """The aligned rule at ``path``.

        Raises:
            UnknownComparisonItemError: No charter has a value at ``path``.
        """
        for row in self.rules:
            if row.path == path:
                return row
        raise UnknownComparisonItemError(
            "no charter of the comparison has this rule", where="compare", got=path,
            allowed="a dotted path such as meetings.regular.notice.lead",
        )  # fmt: skip

    def figure(self, key: str) -> KeyFigure:
        """The key figure ``key``.

        Raises:
            UnknownComparisonItemError: No such figure.
        """
        for row in self.figures:
            if row.key == key:
                return row
        raise UnknownComparisonItemError(
            "no such figure", where="compare", got=key,
            allowed=", ".join(dict.fromkeys(f.key for f in self.figures)),
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        """The comparison as plain JSON-ready data (what ``--format json`` prints)."""
        return {
            "charters": [{"label": lbl, "title": t} for lbl, t in zip(self.labels, self.titles,
                                                                       strict=True)],
            "baseline": self.labels[0],
            "start": self.start.isoformat(),
            "lang": self.lang,
            "figures": [
                {"key": f.key, "values": list(f.values), "citations": list(f.citations),
                 "verdicts": [v.value for v in f.verdicts]}
                for f in self.figures
            ],
            "rules": [
                {"path": r.path, "values": list(r.values), "citations": list(r.citations),
                 "verdicts": [v.value for v in r.verdicts], "reading": r.reading}
                for r in self.rules
            ],
            "readings": [
                {"charter": p.charter, "point": p.point, "rule": p.rule, "label": p.label,
                 "options": [{"key": o.key, "label": o.label, "citation": o.citation,
                              "in_force": o.in_force} for o in p.options]}
                for p in self.readings
            ],
            "machines": [
                {"kind": m.kind, "first": m.first, "other": m.other,
                 "added_states": list(m.added_states), "removed_states": list(m.removed_states),
                 "added_edges": [e.describe() for e in m.added_edges],
                 "removed_edges": [e.describe() for e in m.removed_edges],
                 "added_steps": list(m.steps()[0]), "removed_steps": list(m.steps()[1]),
                 "mermaid": m.mermaid()}
                for m in self.machines
            ],
            "amendments": [
                {"charter": a.charter, "effective": a.effective.isoformat(), "path": a.path,
                 "before": a.before, "after": a.after, "verdict": a.verdict.value,
                 "citation": a.citation, "in_force": a.in_force}
                for a in self.amendments
            ],
        }  # fmt: skip


def parse_charter_spec(spec: str) -> tuple[str, dict[str, str]]:
    """Split ``id@point=reading[,point=reading]`` into the charter and its readings.

    >>> parse_charter_spec("co-building-two-thirds@decision=one_vote_veto")
    ('co-building-two-thirds', {'decision': 'one_vote_veto'})
    >>> parse_charter_spec("rulesets/yangxin-2022.yaml")
    ('rulesets/yangxin-2022.yaml', {})

    Raises:
        ComparisonError: A reading is not written ``point=reading``.
    """
    ref, sep, rest = spec.rpartition("@")
    if not sep or not rest or "=" not in rest or "/" in rest:
        return spec, {}
    allowed = "ID@POINT=READING[,POINT=READING]"
    if not ref.strip():
        raise ComparisonError("no charter before '@'", where=f"charter {spec!r}",
                                   allowed=allowed)  # fmt: skip
    chosen: dict[str, str] = {}
    for part in rest.split(","):
        point, eq, option = part.partition("=")
        if not eq or not point.strip() or not option.strip():
            raise ComparisonError("a reading is written POINT=READING",
                                       where=f"charter {spec!r}", got=part,
                                       allowed=allowed)  # fmt: skip
        if point.strip() in chosen:
            raise ComparisonError("a reading point is chosen twice",
                                       where=f"charter {spec!r}", got=point.strip(),
                                       allowed="one reading per point")  # fmt: skip
        chosen[point.strip()] = option.strip()
    return ref, chosen


def charter_variants(charter: Charter) -> list[tuple[str, Charter]]:
    """``charter`` under each competing reading, labelled ``id@point=reading``.

    >>> from governance_rules._charter import load_charter
    >>> [label for label, _ in charter_variants(load_charter("co-building-two-thirds"))]
    ['co-building-two-thirds@decision=two_thirds', 'co-building-two-thirds@decision=one_vote_veto']
    """
    return [(f"{charter.id}@{point}={option}", variant)
            for point, option, variant in charter.variants()]  # fmt: skip


def load_spec(item: object) -> Charter:
    """A charter given as a Charter, a path, an id or ``id@point=reading``."""
    if isinstance(item, Charter | os.PathLike):
        return as_charter(item)
    if not isinstance(item, str):
        raise ComparisonError(
            "not a charter", where="compare", got=type(item).__name__,
            allowed="a Charter, a charter id, a path to a YAML file, or ID@POINT=READING",
        )  # fmt: skip
    ref, chosen = parse_charter_spec(item)
    return load_charter(ref, readings=chosen or None)


def compare(
    *charters: Charter | str | os.PathLike[str],
    start: date | None = None,
    calendar: WorkingCalendar | None = None,
    lang: str = "en",
    labels: Sequence[str] | None = None,
) -> Comparison:
    """Compare charters rule by rule; the first is the baseline.

    Args:
        *charters: Charters, ids, file paths, or ``id@point=reading`` for a charter
            under a competing reading (or one list of them). One charter with
            competing readings is compared under each of its readings.
        start: The day whose rules in force are compared (each charter's amendments
            effective by then applied), and the day ladders' worst cases are counted
            from (default: today).
        calendar: The working-day calendar (default: China's).
        lang: ``en`` or ``zh``, for labels and citations.
        labels: Column labels (default: ids, with ``@point=reading`` for variants).

    Returns:
        The comparison.

    Raises:
        ComparisonError: Fewer than two charters (and one with no readings), an
            unknown charter or reading, or a start day outside the calendar.

    >>> import governance_rules as gr
    >>> c = gr.compare("yangxin-2022", "model-charter-rc", start=date(2026, 9, 28))
    >>> c.labels
    ('yangxin-2022', 'model-charter-rc')
    >>> meetings = c.figure("regular_meetings_per_year")
    >>> meetings.values, meetings.verdicts
    (('6', '4'), (<Verdict.LOOSER: 'looser'>,))
    """
    lang = normalize_lang(lang)
    if len(charters) == 1 and isinstance(charters[0], list | tuple):
        charters = tuple(charters[0])  # compare([a, b]) as simulate([a, b]) takes them
    loaded = [load_spec(item) for item in charters]
    names = [label_of(c) for c in loaded]
    if len(loaded) == 1 and loaded[0].readings:
        pairs = charter_variants(loaded[0])
        names, loaded = [p[0] for p in pairs], [p[1] for p in pairs]
    if len(loaded) < 2:
        raise ComparisonError(
            "a comparison needs at least two charters",
            where="compare",
            got=", ".join(names) or "none",
            allowed="two or more charters, or one charter with competing readings "
            "(then each reading is compared)",
        )
    if labels is not None:
        names = list(labels)
    names = unique_labels(names)
    calendar = calendar or WorkingCalendar.china()
    start = _start_day(start, calendar)
    written = loaded
    loaded = [c.at(start) for c in written]
    flat = [leaves(c) for c in loaded]
    covered = [_covered(c) for c in loaded]
    rows = []
    for path in _union(f.keys() for f in flat):
        rows.append(
            AlignedRule(
                path=path,
                values=tuple(None if path not in f else show(f[path], lang) for f in flat),
                citations=tuple(c.cite(path) if path in f else None
                                for c, f in zip(loaded, flat, strict=True)),
                verdicts=tuple(verdict(path, share_at(path, flat[0]), share_at(path, f))
                               for f in flat[1:]),
                reading=_reading_of(path, covered),
            )
        )  # fmt: skip
    return Comparison(
        labels=tuple(names),
        titles=tuple(c.title.get(lang) for c in loaded),
        start=start,
        rules=tuple(rows),
        figures=_key_figures(loaded, start, calendar, lang),
        readings=tuple(_readings(loaded, names, lang)),
        machines=tuple(
            diff
            for name, other in zip(names[1:], loaded[1:], strict=True)
            for diff in machine_diffs(loaded[0], other, (names[0], name))
        ),
        lang=lang,
        amendments=tuple(
            change
            for name, charter in zip(names, written, strict=True)
            for change in amended_rules(charter, name, start, lang)
        ),
    )


def amended_rules(
    charter: Charter, name: str, start: date, lang: str = "en"
) -> Iterator[AmendedRule]:
    """Each rule ``charter``'s amendments change, day by day, against the day before.

    Args:
        charter: The charter (as loaded, or any version of it).
        name: Its label in the comparison.
        start: The comparison's day: amendments effective by then are in force.
        lang: ``en`` or ``zh``, for values and citations.
    """
    days = sorted({a.effective for a in charter.amendments})
    if not days:
        return
    # the rules before the first amendment (``charter`` may be a version ``at`` built)
    before = charter.at(days[0] - timedelta(days=1)) if days[0] > date.min else charter
    for day in days:
        after = charter.at(day)
        old, new = leaves(before), leaves(after)
        # the day's amendments in the order written, each with the paths it changes
        of_day = [(a, list(_changed(a.changes, ""))) for a in charter.amendments
                  if a.effective == day]  # fmt: skip
        changed = []
        for path in _union((old.keys(), new.keys())):
            if path in old and path in new and old[path] == new[path]:
                continue
            changed.append(path)
            own = charter.citation(_changed_by(of_day, path).source, lang)
            yield AmendedRule(
                charter=name, effective=day, path=path,
                before=show(old[path], lang) if path in old else None,
                after=show(new[path], lang) if path in new else None,
                verdict=verdict(path, share_at(path, old), share_at(path, new)),
                citation=(after.cite(path) if path in new else None) or own,
                in_force=day <= start,
            )  # fmt: skip
        yield from _recited(before, after, changed, name=name, day=day, in_force=day <= start,
                            lang=lang)  # fmt: skip
        before = after


def _recited(
    before: Charter, after: Charter, changed: list[str], *,
    name: str, day: date, in_force: bool, lang: str,
) -> Iterator[AmendedRule]:  # fmt: skip
    """The rules an amendment cites anew without changing their values (a rule that
    now rests on another document or article): one row each, at the rule's
    ``source``, with the citation before and after. Rules with a changed value are
    not repeated: their rows carry the new citation already."""
    old, new = sources(before), sources(after)
    for path, source in new.items():
        if path not in old:
            continue
        was, now = before.citation(old[path], lang), after.citation(source, lang)
        if was == now or any(c == path or c.startswith((path + ".", path + "[")) for c in changed):
            continue
        yield AmendedRule(
            charter=name, effective=day, path=f"{path}.source", before=was, after=now,
            verdict=Verdict.DIFFERENT, citation=now, in_force=in_force,
        )  # fmt: skip


def _changed_by(amendments: Sequence[tuple[Amendment, list[str]]], path: str) -> Amendment:
    """Of one day's ``amendments`` (in the order written, each with the paths it
    changes), the last that changes ``path`` (or a rule holding it, or a value inside
    it): its change is the one in force."""
    for amendment, paths in reversed(amendments):
        for changed in paths:
            if path == changed or path.startswith((f"{changed}.", f"{changed}[")):
                return amendment
            if changed.startswith((f"{path}.", f"{path}[")):
                return amendment
    return amendments[0][0]


def _start_day(start: object, calendar: WorkingCalendar) -> date:
    """``start`` (default: today), checked against the calendar's years."""
    if start is None:
        start = date.today()
    calendar._index(start, "start")  # the calendar's own check: a date it holds
    return start.date() if isinstance(start, datetime) else start  # type: ignore[return-value]


def _union(keys: Iterable[Iterable[str]]) -> list[str]:
    return list(dict.fromkeys(k for group in keys for k in group))


def _covered(charter: Charter) -> dict[str, str]:
    """Each rule path a reading point covers → the point: its rule, and every value
    one of its readings changes (a reading may change rules beside the one it names)."""
    covered: dict[str, str] = {}
    for key, point in charter.readings.items():
        covered.setdefault(point.rule, key)
        for option in point.options.values():
            for path in _changed(option.changes, ""):
                covered.setdefault(path, key)
    return covered


def _changed(changes: Mapping[str, Any], prefix: str) -> Iterator[str]:
    for name, value in changes.items():
        path = f"{prefix}.{name}" if prefix else str(name)
        if isinstance(value, Mapping) and value:
            yield from _changed(value, path)
        else:
            yield path


def _reading_of(path: str, covered: list[dict[str, str]]) -> str | None:
    for rules in covered:
        for rule, point in rules.items():
            if path == rule or path.startswith((rule + ".", rule + "[")):
                return point
            if rule.startswith(path + "."):  # a whole value (a threshold) a reading changes
                return point
    return None


def _key_figures(
    loaded: list[Charter], start: date, calendar: WorkingCalendar, lang: str
) -> tuple[KeyFigure, ...]:
    per = [{f.key: f for f in figures(c, start, calendar, lang)} for c in loaded]
    out = []
    for key in _union(p.keys() for p in per):
        found = [p.get(key) for p in per]
        first = found[0].value if found[0] else None
        out.append(
            KeyFigure(
                key=key,
                values=tuple(f.shown if f else "—" for f in found),
                citations=tuple(c.cite(f.path) if f else None
                                for c, f in zip(loaded, found, strict=True)),
                verdicts=tuple(verdict(key, first, f.value if f else None)
                               for f in found[1:]),
            )
        )  # fmt: skip
    return tuple(out)


def _readings(loaded: list[Charter], names: list[str], lang: str) -> Iterable[ReadingPointInfo]:
    for charter, name in zip(loaded, names, strict=True):
        for key, point in charter.readings.items():
            chosen = charter.reading(key)
            yield ReadingPointInfo(
                charter=name, point=key, rule=point.rule,
                label=point.label.get(lang) if point.label else None,
                options=tuple(
                    ReadingOption(k, o.label.get(lang), charter.citation(o.source, lang),
                                  k == chosen)
                    for k, o in point.options.items()
                ),
            )  # fmt: skip
