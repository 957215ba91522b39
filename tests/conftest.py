"""Shared fixtures: the national calendar and a PostgreSQL server, each made once per session."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from governance_rules._calendar import WorkingCalendar
from governance_rules._calendar._china import last_published_year

#: The first year whose State Council arrangement the installed data lack:
#: tests of provisional results use it, so a data update does not break them.
FIRST_PROVISIONAL_YEAR = last_published_year() + 1


@pytest.fixture(scope="session")
def cal() -> WorkingCalendar:
    return WorkingCalendar.china()


def d(text: str) -> date:
    """``d("2026-10-01")`` → ``date(2026, 10, 1)``: keeps boundary tables readable."""
    return date.fromisoformat(text)


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's default language follows the locale: tests run in English unless they say."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


# -- a throwaway PostgreSQL server -----------------------------------------------------
#
# Started once per session from the server binaries on the machine (Debian's
# postgresql package; `pg_config --bindir` finds them): initdb into a temporary
# directory, a Unix socket there and no TCP port, fsync off. initdb and postgres
# refuse to run as root, so under root (CI) they run as the `postgres` user (or
# `nobody`), which owns the directory. Each test gets a schema of its own.

PG_USER = "govrules"


def _pg_bindir() -> Path | None:
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        found = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=False
        )
        candidates.append(Path(found.stdout.strip()))
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for bindir in candidates:
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
    return None


def _server_account() -> pwd.struct_passwd | None:
    """Who runs the server: this user, or an unprivileged account when this is root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    pytest.skip("running as root and no unprivileged account (postgres, nobody) to run PostgreSQL")


class PostgresServer:
    """A PostgreSQL server in a temporary directory, reached by its Unix socket."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="govrules-pg-"))
        self.data = self.root / "data"
        self.account = _server_account()
        self._schemas = 0
        if self.account is not None:
            os.chown(self.root, self.account.pw_uid, self.account.pw_gid)

    def _run(self, *args: str) -> None:
        extra: dict[str, Any] = {}
        if self.account is not None:
            extra = {"user": self.account.pw_uid, "group": self.account.pw_gid, "extra_groups": []}
        done = subprocess.run([str(self.bindir / args[0]), *args[1:]], cwd=self.root,
                              capture_output=True, text=True, check=False, **extra)  # fmt: skip
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {done.stderr or done.stdout}\n{tail}")

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", PG_USER, "-A", "trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")  # fmt: skip
        options = f"-F -k {self.root} -c listen_addresses='' -p 5432"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-o", options, "-w", "-t", "60", "start")  # fmt: skip

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def new_schema(self) -> str:
        """The SQLAlchemy URL of a fresh, empty schema (much quicker to make than a database)."""
        import psycopg  # noqa: PLC0415  (only where PostgreSQL tests run)

        self._schemas += 1
        name = f"test_{self._schemas}"
        with psycopg.connect(host=str(self.root), port=5432, user=PG_USER, dbname="postgres",
                             autocommit=True) as conn:  # fmt: skip
            conn.execute(f"CREATE SCHEMA {name}")
        return (f"postgresql+psycopg://{PG_USER}@/postgres?host={self.root}&port=5432"
                f"&options=-csearch_path%3D{name}")  # fmt: skip


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL server for the session (skipped where none is installed)."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (the postgresql extra)")
    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql")
    server = PostgresServer(bindir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(postgresql_server: PostgresServer) -> str:
    """The URL of an empty schema of its own on the session's PostgreSQL server."""
    return postgresql_server.new_schema()
