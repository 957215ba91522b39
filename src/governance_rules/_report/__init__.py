"""A regulator's report on charters: one self-contained HTML file with charts.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as out:
...     page = report(["yangxin-2022", "model-charter-rc"], 2026, out)
...     text = page.read_text(encoding="utf-8")
...     charts = sorted(p.name for p in (page.parent / "charts").iterdir())
>>> "<script" in text, 'id="simulation-not-included"' in text
(False, True)
>>> charts
['timeline-1.png', 'timeline-1.svg', 'timeline-2.png', 'timeline-2.svg']
"""

from __future__ import annotations

from governance_rules._report.builder import Report, build_report, report
from governance_rules._report.simulation import CharterMetrics, read_simulation

__all__ = ["CharterMetrics", "Report", "build_report", "read_simulation", "report"]
