"""Structural comparison of charters: rules side by side, differences classified, machines diffed.

>>> from datetime import date
>>> c = compare("yangxin-2022", "model-charter-rc", start=date(2026, 9, 28))
>>> c.rule("meetings.regular.notice.lead").values
('unspecified', '1 week')
"""

from __future__ import annotations

from governance_rules._compare.comparison import (
    AlignedRule,
    AmendedRule,
    Comparison,
    KeyFigure,
    ReadingOption,
    ReadingPointInfo,
    charter_variants,
    compare,
    parse_charter_spec,
)
from governance_rules._compare.machines import Edge, MachineDiff
from governance_rules._compare.order import Verdict

__all__ = [
    "AlignedRule",
    "AmendedRule",
    "Comparison",
    "Edge",
    "KeyFigure",
    "MachineDiff",
    "ReadingOption",
    "ReadingPointInfo",
    "Verdict",
    "charter_variants",
    "compare",
    "parse_charter_spec",
]
