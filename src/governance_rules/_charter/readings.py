"""Competing readings: one rule a source lets be read two ways, both kept, one chosen.

Where a source contradicts itself or parses two ways, a charter keeps every reading
side by side under ``readings``: each with its own citation and a note explaining
it, one the default (the rule written in the charter's body) and the others
partial charters (``changes``) that replace it when selected. A charter with a
reading selected is an ordinary charter (``Charter.with_readings``), so the
engine, the calendar and a comparison of charters run under either reading.

>>> from governance_rules._charter import load_charter
>>> charter = load_charter("co-building-two-thirds")
>>> point = charter.readings["decision"]
>>> point.default, list(point.options)
('two_thirds', ['two_thirds', 'one_vote_veto'])
>>> charter.meetings["regular"].decision.kind
'supermajority'
>>> veto = charter.with_readings({"decision": "one_vote_veto"})
>>> veto.meetings["regular"].decision.kind, veto.reading("decision")
('veto', 'one_vote_veto')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field, model_validator

from governance_rules._charter.readonly import FrozenData, ReadOnlyMap, no_entries
from governance_rules._charter.types import Frozen, Rule, Text

__all__ = ["READING_FORBIDDEN_KEYS", "Reading", "ReadingPoint", "path_exists"]

#: Top-level keys a reading's ``changes`` may not touch: what a charter says about itself.
READING_FORBIDDEN_KEYS = frozenset(
    {"id", "extends", "documents", "readings", "selected_readings", "amendments", "status"}
)


class Reading(Rule):
    """One reading of a rule: its label, its citation, why it is read so, and what it changes.

    ``source`` cites the words the reading rests on; ``note`` explains the reading
    (required). ``changes`` is a partial charter deep-merged over the charter's body
    when this reading is selected (``null`` deletes a key); it is empty for the
    default reading, which is the rule the body already states.
    """

    label: Text
    changes: FrozenData = Field(
        default_factory=no_entries,
        description="a partial charter merged over the body when selected; empty for the default",
    )

    @model_validator(mode="after")
    def _explained(self) -> Reading:
        if not self.note:
            raise ValueError("a reading needs a 'note' explaining it")
        touched = sorted(READING_FORBIDDEN_KEYS & set(self.changes))
        if touched:
            raise ValueError(
                f"a reading changes rules, not {', '.join(touched)}; "
                f"allowed: any other top-level key"
            )
        return self


class ReadingPoint(Frozen):
    """A rule read in competing ways: the readings, and which one is the default."""

    rule: str = Field(
        pattern=r"^[a-z_][a-z0-9_]*(\.[a-z0-9_\-]+|\[\d+\])*$",
        description="dotted path of the rule the readings differ on: meetings.regular.decision",
    )
    label: Text | None = Field(default=None, description="what is in question, in a few words")
    default: str = Field(description="the key of the reading the charter's body states")
    options: ReadOnlyMap[str, Reading] = Field(min_length=2)

    @model_validator(mode="after")
    def _default_is_the_body(self) -> ReadingPoint:
        if self.default not in self.options:
            raise ValueError(
                f"the default {self.default!r} is not one of the readings; "
                f"allowed: {', '.join(self.options)}"
            )
        if self.options[self.default].changes:
            raise ValueError(
                "the default reading is the charter's body: its 'changes' must be empty"
            )
        empty = [key for key, r in self.options.items() if key != self.default and not r.changes]
        if empty:
            raise ValueError(f"a competing reading needs 'changes' (none in: {', '.join(empty)})")
        return self


def path_exists(data: Mapping[str, Any], dotted: str) -> bool:
    """True if ``dotted`` (``a.b[0].c``) names a value in plain charter data.

    >>> path_exists({"meetings": {"regular": {"decision": {}}}}, "meetings.regular.decision")
    True
    >>> path_exists({"meetings": {}}, "meetings.special")
    False
    """
    node: object = data
    for part in dotted.replace("[", ".[").split("."):
        if part.startswith("[") and part.endswith("]"):
            index = int(part[1:-1])
            if not isinstance(node, list | tuple) or index >= len(node):
                return False
            node = node[index]
        elif isinstance(node, Mapping) and part in node:
            node = node[part]
        else:
            return False
    return True
