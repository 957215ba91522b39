"""Several processes on one SQLite file: every command succeeds once or fails clearly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from governance_rules import EventStore

WRITER = """
import json, sys
from datetime import date
import governance_rules as gr
engine = gr.Engine("yangxin-2022", store=gr.EventStore.sqlite(sys.argv[1]))
made, failed = [], []
for n in range(int(sys.argv[2])):
    try:
        made.append(engine.report_issue(gr.Actor("residents", id=f"r{n}"), date(2026, 3, 2)).id)
    except gr.GovernanceRulesError as exc:
        failed.append(type(exc).__name__)
print(json.dumps({"made": made, "failed": failed}))
"""


def test_four_processes_report_issues_on_one_file(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    EventStore.sqlite(db).close()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    each = 50
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(each)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for _ in range(4)
    ]  # fmt: skip
    results = []
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        results.append(json.loads(out))
    made = [stream for r in results for stream in r["made"]]
    assert [r["failed"] for r in results] == [[]] * 4  # no command failed
    assert len(made) == len(set(made)) == 4 * each  # and none was lost or doubled
    store = EventStore.sqlite(db)
    assert sorted(store.streams()) == sorted(made)
    assert all(store.version(s) == 1 for s in made)
