"""Decision rules and the ballots they count.

>>> from governance_rules._charter import load_charter
>>> from governance_rules._decisions import Choice, Owner, OwnersBallot, decide
>>> spec = load_charter("cn-national-baseline").matters["owners_major"].decision
>>> roll = [Owner("a", 90), Owner("b", 90), Owner("c", 120), Owner("d", 100)]
>>> ballot = OwnersBallot.from_votes(roll, {"a": Choice.YES, "b": Choice.YES, "c": Choice.YES})
>>> decide(spec, ballot).passed
True
"""

from governance_rules._decisions.ballots import (
    Ballot,
    BodyApprovals,
    Choice,
    Counts,
    Owner,
    OwnersBallot,
    OwnersTally,
    Vote,
)
from governance_rules._decisions.files import (
    read_body_approvals,
    read_member_ballot,
    read_owner_ballot,
)
from governance_rules._decisions.matters import MatterRule, matter_rule
from governance_rules._decisions.rules import DecisionResult, RuleFunction, decide, rule_function

__all__ = [
    "Ballot",
    "BodyApprovals",
    "Choice",
    "Counts",
    "DecisionResult",
    "MatterRule",
    "Owner",
    "OwnersBallot",
    "OwnersTally",
    "RuleFunction",
    "Vote",
    "decide",
    "matter_rule",
    "read_body_approvals",
    "read_member_ballot",
    "read_owner_ballot",
    "rule_function",
]
