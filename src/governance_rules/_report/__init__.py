"""A regulator's report on charters: one self-contained HTML file with charts.

See docs/report.md (doctested) for examples; ``report`` is re-exported from
``governance_rules``.
"""

from __future__ import annotations

from governance_rules._report.builder import Report, build_report, report
from governance_rules._report.simulation import CharterMetrics, read_simulation

__all__ = ["CharterMetrics", "Report", "build_report", "read_simulation", "report"]
