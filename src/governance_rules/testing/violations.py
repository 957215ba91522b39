"""What an invariant returns: violations, each with the rules involved and an example.

>>> v = Violation("minutes_due_after_meeting", "minutes due on the meeting day",
...               ("meetings.regular.minutes.deadline",), ("held 2026-03-02", "due 2026-03-02"))
>>> print(v)
minutes_due_after_meeting: minutes due on the meeting day [meetings.regular.minutes.deadline]
    held 2026-03-02
    due 2026-03-02

:func:`cited` adds where each rule comes from (``check_charter`` does it for every
violation):

>>> from governance_rules import load_charter
>>> print(cited(load_charter("yangxin-2022"),
...             Violation("x", "an example", ("meetings.regular.window",))))
... # doctest: +ELLIPSIS
x: an example [meetings.regular.window]
    cited: meetings.regular.window: 《社区居民委员会、...细则》(一) 第三条
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from governance_rules._charter import Charter
from governance_rules._text import one_line

__all__ = ["Found", "Invariant", "Violation", "cited", "named"]


@dataclass(frozen=True, slots=True)
class Violation:
    """One way a charter (or a run of the engine under it) breaks an invariant.

    Attributes:
        invariant: The invariant's name (its function's name).
        explanation: What is wrong, in one sentence, with the values involved.
        rules: The dotted paths of the charter rules involved.
        counterexample: A minimal example, one line per step (dates, commands, a
            shortest path of triggers), or empty where the explanation says it all.
        citations: Each rule path with the document and article it comes from
            (``path: 《title》article``), filled by :func:`cited`.
    """

    invariant: str
    explanation: str
    rules: tuple[str, ...] = ()
    counterexample: tuple[str, ...] = ()
    citations: tuple[str, ...] = ()

    def __str__(self) -> str:
        """The violation, one line per part, each part kept on its line.

        A charter's own text (a citation's article, a key, a body's name) may hold a
        newline, an ANSI escape or a bidirectional mark (YAML's ``"\\e"``, ``"\\n"``):
        shown here as escapes (``\\x0a``, ``\\x1b``, ``\\u202e``), so that it cannot
        forge a line of a test's failure or ``govrules check``, nor act on a terminal.
        The attributes keep the text as it is.
        """
        rules = f" [{', '.join(self.rules)}]" if self.rules else ""
        lines = [one_line(f"{self.invariant}: {self.explanation}{rules}")]
        lines += [f"    cited: {one_line(line)}" for line in self.citations]
        lines += [f"    {one_line(line)}" for line in self.counterexample]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "invariant": self.invariant,
            "explanation": self.explanation,
            "rules": list(self.rules),
            "counterexample": list(self.counterexample),
            "citations": list(self.citations),
        }


Invariant = Callable[[Charter], list[Violation]]
"""An invariant: a function of a charter returning its violations (empty if it holds)."""


Found = list[tuple[str, tuple[str, ...], tuple[str, ...]]]
"""What an invariant collects before naming: (explanation, rules, counterexample)."""


def named(
    name: str, found: Iterable[tuple[str, tuple[str, ...], tuple[str, ...]]]
) -> list[Violation]:
    """Violations of invariant ``name`` from ``(explanation, rules, counterexample)`` triples,
    each reported once, in the order found."""
    seen: dict[tuple[str, tuple[str, ...]], Violation] = {}
    for explanation, rules, example in found:
        seen.setdefault((explanation, rules), Violation(name, explanation, rules, example))
    return list(seen.values())


def cited(charter: Charter, violation: Violation) -> Violation:
    """``violation`` with the citation of each of its rules in ``charter`` (a rule with no
    source of its own is cited by its nearest enclosing rule; a path the charter does
    not have is left out)."""
    found = []
    for path in violation.rules:
        citation = charter.cite(path)
        if citation:
            found.append(f"{path}: {citation}")
    return replace(violation, citations=tuple(found))
