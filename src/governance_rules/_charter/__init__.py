"""The charter language: rulesets as validated data, with sources and amendments.

>>> from governance_rules._charter import load_charter
>>> charter = load_charter("rotating-quarterly-consensus")
>>> charter.roles["convener"].rotation.order
('residents_committee', 'owners_committee', 'property_company')
"""

from governance_rules._charter.bodies import (
    Body,
    BodyKind,
    Delegation,
    Holder,
    Membership,
    RoleAssignment,
    Rotation,
)
from governance_rules._charter.evaluation import Evaluation
from governance_rules._charter.information import Information
from governance_rules._charter.issues import Alternative, IssueCategory, Level
from governance_rules._charter.loader import (
    as_charter,
    load_charter,
    load_charter_file,
    load_charter_text,
    problems_in,
)
from governance_rules._charter.meetings import (
    Cadence,
    DecisionSpec,
    MeetingKind,
    MeetingRule,
    Minutes,
    WindowSpec,
)
from governance_rules._charter.model import Amendment, Charter, Document, Matter
from governance_rules._charter.registry import available_charters, decision_rule_kinds
from governance_rules._charter.terms import TermRule
from governance_rules._charter.types import Citation, Rule, Text, Threshold, Timing, TimingKind

__all__ = [
    "Alternative",
    "Amendment",
    "Body",
    "BodyKind",
    "Cadence",
    "Charter",
    "Citation",
    "DecisionSpec",
    "Delegation",
    "Document",
    "Evaluation",
    "Holder",
    "Information",
    "IssueCategory",
    "Level",
    "Matter",
    "MeetingKind",
    "MeetingRule",
    "Membership",
    "Minutes",
    "RoleAssignment",
    "Rotation",
    "Rule",
    "TermRule",
    "Text",
    "Threshold",
    "Timing",
    "TimingKind",
    "WindowSpec",
    "as_charter",
    "available_charters",
    "decision_rule_kinds",
    "load_charter",
    "load_charter_file",
    "load_charter_text",
    "problems_in",
]
