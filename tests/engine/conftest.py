"""Charters for engine scenarios.

yangxin-2022 sets no deadlines on its ladders (the source leaves them open), so the
deadline-breach scenario uses a local variant that adds reply deadlines — the kind
of implementing rule a street office would write on top of the county charter.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from governance_rules._charter import Charter, load_charter_text
from governance_rules._charter.registry import bundled_rulesets_dir

SRC = "{doc: local, summary: a local implementing rule adds a deadline at this level}"

YANGXIN_WITH_DEADLINES = f"""
id: yangxin-local-deadlines
extends: yangxin-2022
title: Yangxin charter with local reply deadlines
jurisdiction: a street office in Yangxin County
documents:
  local: {{kind: guide, file: engine-tests, heading: Test variant with reply deadlines}}
issues:
  routine:
    kind: routine
    ladder:
      - handler: residents_committee
        involves: [owners_committee, property_company]
        deadlines: {{reply: 3 working days, resolve: 10 working days}}
        escalate_on: [deadline_breach, handler_request]
        source: {SRC}
      - handler: residents_committee
        deadlines: {{reply: 3 working days}}
        escalate_on: [deadline_breach, handler_request]
        source: {SRC}
      - handler: joint_meeting
        deadlines: {{reply: 5 working days}}
        escalate_on: [deadline_breach, beyond_remit]
        source: {SRC}
      - handler: party_org
        deadlines: {{reply: 2 working days}}
        escalate_on: [deadline_breach, beyond_remit]
        source: {SRC}
      - handler: street_office
        involves: [departments]
        deadlines: {{reply: 15 days}}
        source: {SRC}
    terminal: street_office
    source: {SRC}
"""


@pytest.fixture(scope="session")
def local_yangxin() -> Charter:
    return load_charter_text(YANGXIN_WITH_DEADLINES, name="local.yaml",
                             base_dir=bundled_rulesets_dir())  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "events.db"
