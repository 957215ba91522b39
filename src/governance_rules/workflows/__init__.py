"""Meetings, issues and committee terms as state machines compiled from a charter.

>>> from governance_rules.charter import load_charter
>>> wf = compile_workflow(load_charter("yangxin-2022"), "issue")
>>> wf.kind, wf.initial, "escalate" in wf.triggers
('issue', 'new', True)
>>> compile_workflow(load_charter("yangxin-2022"), "issue") is wf   # once per charter
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from governance_rules.charter import Charter
from governance_rules.workflows.core import (
    SYSTEM,
    Actor,
    Command,
    Context,
    Guard,
    Instance,
    Timer,
    Transition,
    Workflow,
)
from governance_rules.workflows.issues import issue_workflow
from governance_rules.workflows.meetings import meeting_workflow
from governance_rules.workflows.terms import term_workflow

__all__ = [
    "KINDS",
    "SYSTEM",
    "Actor",
    "Command",
    "Context",
    "Guard",
    "Instance",
    "Timer",
    "Transition",
    "Workflow",
    "compile_workflow",
]

Kind = Literal["meeting", "issue", "term"]
KINDS: dict[str, Callable[[Charter], Workflow]] = {
    "meeting": meeting_workflow,
    "issue": issue_workflow,
    "term": term_workflow,
}

_compiled: dict[tuple[int, str], tuple[Charter, Workflow]] = {}


def compile_workflow(charter: Charter, kind: str) -> Workflow:
    """The workflow of ``kind`` for ``charter``, compiled once and shared.

    Raises:
        KeyError: For an unknown kind (the engine checks kinds before calling).
    """
    key = (id(charter), kind)
    cached = _compiled.get(key)
    if cached is None or cached[0] is not charter:
        cached = (charter, KINDS[kind](charter))
        _compiled[key] = cached
    return cached[1]
