"""The decision-rule kinds a charter may name: built in, and installed by plugins.

Its own module so that the charter model (which checks the kinds a charter names)
and the registry (which finds plugins) both depend on it and not on each other.

>>> "supermajority" in decision_rule_kinds()
True
"""

from __future__ import annotations

from functools import cache
from importlib import metadata

from governance_rules.errors import CharterError

__all__ = ["BUILTIN_DECISION_KINDS", "DECISION_RULE_ENTRY_POINTS", "decision_rule_kinds"]

#: Entry-point group through which packages add decision-rule kinds.
DECISION_RULE_ENTRY_POINTS = "governance_rules.decision_rules"

#: Decision-rule kinds every charter may name; plugins add more.
BUILTIN_DECISION_KINDS = frozenset(
    {
        "consensus",
        "majority_of_votes_cast",
        "majority_of_all_members",
        "supermajority",
        "veto",
        "dual_majority",
        "unanimous",
        "joint_approval",
        "unspecified",
    }
)


@cache
def decision_rule_kinds() -> frozenset[str]:
    """The decision-rule kinds charters may name: built-in and installed."""
    installed = {entry.name for entry in metadata.entry_points(group=DECISION_RULE_ENTRY_POINTS)}
    clash = installed & BUILTIN_DECISION_KINDS
    if clash:
        raise CharterError(
            "a plugin redefines a built-in decision rule", got=sorted(clash)
        )  # pragma: no cover
    return BUILTIN_DECISION_KINDS | installed
