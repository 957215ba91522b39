"""Hand-made simulation results in the shape the report reads (see _report/simulation.py)."""

from __future__ import annotations

from typing import Any

SIMULATION: dict[str, Any] = {
    "seed": 7,
    "charters": {
        "yangxin-2022": {
            "resolution_days": [1, 2, 2, 3, 4, 5, 8, 13],
            "escalations": {"1": 40, "2": 12, "3": 3},
            "workload": {"property_company": 120.5, "owners_committee": 30, "party_org": 8},
        },
        "model-charter-rc": {
            "resolution_days": [2, 3, 5, 5, 9, 12, 21],
            "escalations": {"1": 40, "2": 18, "3": 7, "4": 2},
            "workload": {"property_company": 98, "residents_committee": 44},
        },
    },
}
