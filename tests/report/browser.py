"""Open a page in Debian's headless ``chromium`` and record what it did.

No playwright (it downloads its own browsers): chromium is driven from the
command line. Console messages reach stderr with ``--enable-logging=stderr
--log-level=0`` as ``INFO:CONSOLE`` lines (the level of the message is not
shown, so any message counts: the report has no script and logs nothing).
Requests are read from the browser's NetLog (``--log-net-log``): a request made
for the page carries the page's ``file://`` site in its network isolation key,
unlike the browser's own background traffic. Host names resolve to nothing
(``--host-resolver-rules``), so a request that slipped through fails instead of
leaving the machine.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CHROMIUM", "Browsed", "browse"]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass(frozen=True)
class Browsed:
    """What the browser made of a page."""

    dom: str
    console: list[str]
    requests: list[str]
    screenshot: Path
    log: str


def browse(page: Path, work: Path, *, timeout: float = 90) -> Browsed:
    """Load ``page`` in headless chromium; keep its profile, logs and screenshot in ``work``."""
    assert CHROMIUM is not None
    work.mkdir(parents=True, exist_ok=True)
    screenshot = work / "screenshot.png"
    netlog = work / "netlog.json"
    argv = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",  # as root chromium refuses to start with its sandbox
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        f"--user-data-dir={work / 'profile'}",
        "--enable-logging=stderr",
        "--log-level=0",
        f"--log-net-log={netlog}",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--window-size=1280,2400",
        "--hide-scrollbars",
        f"--screenshot={screenshot}",
        "--dump-dom",
        page.resolve().as_uri(),
    ]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False,
                          cwd=work)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return Browsed(done.stdout, console, _page_requests(netlog), screenshot, done.stderr)


def _page_requests(netlog: Path) -> list[str]:
    """URLs the page asked for (not the browser's own traffic), from a NetLog file."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    found = []
    for event in log["events"]:
        params = event.get("params") or {}
        if event["type"] == start and "file://" in str(params.get("network_isolation_key")):
            found.append(str(params.get("url")))
    return sorted(set(found))
