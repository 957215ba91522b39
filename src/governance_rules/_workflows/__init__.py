"""Meetings, issues and committee terms as state machines compiled from a charter.

>>> from governance_rules._charter import load_charter
>>> wf = compile_workflow(load_charter("yangxin-2022"), "issue")
>>> wf.kind, wf.initial, "escalate" in wf.triggers
('issue', 'new', True)
>>> print(wf.diagram().splitlines()[0])   # drawn by transitions from the same machine
---
>>> compile_workflow(load_charter("yangxin-2022"), "issue") is wf   # once per charter
True
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Literal

from governance_rules._charter import Charter
from governance_rules._charter.loader import as_charter
from governance_rules._workflows.appraisal import appraisal_workflow
from governance_rules._workflows.arguments import schema_for
from governance_rules._workflows.core import (
    SYSTEM,
    Actor,
    Command,
    Context,
    Guard,
    Instance,
    Timer,
    Transition,
    Workflow,
    moved,
)
from governance_rules._workflows.issues import issue_workflow
from governance_rules._workflows.meetings import meeting_workflow
from governance_rules._workflows.terms import term_workflow
from governance_rules.errors import GovernanceRulesError

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
    "command_table",
    "compile_workflow",
    "moved",
]

Kind = Literal["appraisal", "meeting", "issue", "term"]
KINDS: dict[str, Callable[[Charter], Workflow]] = {
    "appraisal": appraisal_workflow,
    "meeting": meeting_workflow,
    "issue": issue_workflow,
    "term": term_workflow,
}

#: Compiled workflows by (charter's id(), kind), the most recently used last; the
#: charter is kept with its workflow, so its id is not reused while the entry lives.
_compiled: dict[tuple[int, str], tuple[Charter, Workflow]] = {}

#: Entries :data:`_compiled` holds at most (then the least recently used goes): an
#: app that loads a draft charter per request would otherwise keep every one alive.
#: Four kinds of every bundled charter and its amended versions fit.
_COMPILED_MAX = 256


def compile_workflow(charter: Charter | str | os.PathLike[str], kind: str) -> Workflow:
    """The workflow of ``kind`` for ``charter`` (a charter, a bundled id or a file),
    compiled once and shared.

    Raises:
        GovernanceRulesError: ``kind`` is not a workflow kind (appraisal, meeting,
            issue, term); or the charter cannot be loaded (UnknownCharterError,
            CharterValidationError).
    """
    build = KINDS.get(kind) if isinstance(kind, str) else None
    if build is None:
        raise GovernanceRulesError(
            "not a workflow kind", where="kind", got=kind, allowed=", ".join(KINDS)
        )
    key = (id(charter), kind)
    cached = _compiled.pop(key, None)  # put back last: the most recently used
    if cached is None or cached[0] is not charter:
        if not isinstance(charter, Charter):
            return compile_workflow(as_charter(charter), kind)
        cached = (charter, build(charter))
        while len(_compiled) >= _COMPILED_MAX:
            del _compiled[next(iter(_compiled))]
    _compiled[key] = cached
    return cached[1]


#: The engine method that starts each workflow (its first command).
STARTERS = {
    "report": "report_issue",
    "plan": "plan_meeting",
    "elect": "elect",
    "open": "open_appraisal",
}


def command_table(charter: Charter | str | os.PathLike[str]) -> list[tuple[str, str, str, str]]:
    """Every command of ``charter``'s workflows: (kind, command, arguments, who may issue it).

    Read from the compiled machines, so the table in docs/engine.md is the code's own.

    Raises:
        UnknownCharterError: ``charter`` is an id or path that names no charter.
        CharterValidationError: The charter file does not validate.

    >>> from governance_rules._charter import load_charter
    >>> rows = command_table(load_charter("yangxin-2022"))
    >>> next(r for r in rows if r[1] == "plan_meeting")[2:]
    ('meeting_kind, day, on, roster?, override?, rotation?', 'the convener')
    """
    charter = as_charter(charter)
    rows: dict[tuple[str, str], tuple[str, list[str]]] = {}
    for kind in sorted(KINDS):
        workflow = compile_workflow(charter, kind)
        for t in workflow.transitions:
            name = STARTERS.get(t.trigger, t.trigger) if t.source == ("new",) else t.trigger
            _, who = rows.setdefault((kind, name), (schema_for(t.trigger).signature(), []))
            if t.who_label not in who:
                who.append(t.who_label)
    return [(k, n, a, "; ".join(w)) for (k, n), (a, w) in rows.items()]
