"""Every input file is read bounded: no hang, no crash, the library's error with its name.

Charters, calendar overrides, ballots and scores all go through
``governance_rules._input.read_text``; each reader turns its refusal into the
error of its own layer.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from governance_rules._appraisal import read_scores
from governance_rules._calendar import CalendarOverrides
from governance_rules._charter import load_charter, load_charter_file
from governance_rules._charter.meetings import VotingMethod
from governance_rules._decisions.files import read_member_ballot, read_owner_ballot
from governance_rules._input import MAX_INPUT_BYTES
from governance_rules.errors import (
    BallotError,
    CharterError,
    EvaluationError,
    GovernanceRulesError,
    OverridesError,
    UnknownCharterError,
)

READERS: dict[str, tuple[Callable[[Path], object], type[GovernanceRulesError]]] = {
    "charter": (load_charter_file, CharterError),
    "overrides": (CalendarOverrides.load, OverridesError),
    "member ballot": (lambda p: read_member_ballot(p, VotingMethod.SHOW_OF_HANDS), BallotError),
    "owner ballot": (lambda p: read_owner_ballot(p, VotingMethod.SIGNATURE), BallotError),
    "scores": (read_scores, EvaluationError),
}


def _garbage(tmp_path: Path) -> Path:
    path = tmp_path / "garbage.csv"
    path.write_bytes(bytes(range(256)) * 8)
    return path


def _too_large(tmp_path: Path) -> Path:
    path = tmp_path / "large.csv"
    line = b"voter,body,choice\n" + b"x,residents_committee,yes\n" * (MAX_INPUT_BYTES // 26 + 1)
    path.write_bytes(line)
    return path


def _directory(tmp_path: Path) -> Path:
    return tmp_path


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "nowhere.yaml"


def _dev_zero(tmp_path: Path) -> Path:
    return Path("/dev/zero")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            _garbage,
            "not UTF-8 text (invalid byte 0x80 at line 2, column 118, offset 128); allowed: UTF-8 text",
        ),
        (_too_large, "the file is too large ("),
        (
            _directory,
            "a directory, not a file; allowed: a regular file of at most 2,097,152 bytes",
        ),
        (_missing, "cannot read the file: No such file or directory"),
        (_dev_zero, "not a regular file; allowed: a regular file of at most 2,097,152 bytes"),
    ],
)
@pytest.mark.parametrize("reader", sorted(READERS))
def test_unreadable_inputs_get_the_library_error(
    tmp_path: Path, reader: str, make: Callable[[Path], Path], message: str
) -> None:
    if make is _dev_zero and not Path("/dev/zero").exists():  # pragma: no cover - Windows
        pytest.skip("no /dev/zero here")
    read, error = READERS[reader]
    path = make(tmp_path)
    with pytest.raises(error) as info:
        read(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    script = textwrap.dedent(f"""\
        from pathlib import Path
        from tests.test_input import READERS
        for name, (read, error) in sorted(READERS.items()):
            try:
                read(Path({str(fifo)!r}))
            except error as exc:
                print(name, "|", str(exc).replace("\\n", " "))
        """)
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root / "src"), str(root)])}
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=root,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == len(READERS)
    assert all("not a regular file" in line for line in lines)


@pytest.mark.parametrize("ref", ["a" * 300, "a" * 300 + ".yaml", "bad\0name", "/dev/zero"])
def test_odd_charter_references_are_charter_errors(ref: str) -> None:
    with pytest.raises(CharterError):
        load_charter(ref)


def test_a_long_id_is_an_unknown_charter() -> None:
    with pytest.raises(UnknownCharterError, match="no such charter"):
        load_charter("a" * 300)


def test_csv_that_the_csv_module_refuses_is_a_ballot_error(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_bytes(b'voter,body,choice\nx,"' + b"y" * 200_000 + b'",yes\n')
    with pytest.raises(BallotError, match=rf"{path}:\d+: not a valid CSV file"):
        read_member_ballot(path, VotingMethod.SHOW_OF_HANDS)


def test_a_charter_with_a_bom_and_crlf_loads(tmp_path: Path) -> None:
    from governance_rules._charter.registry import bundled_rulesets_dir  # noqa: PLC0415

    text = (bundled_rulesets_dir() / "yangxin-2022.yaml").read_text(encoding="utf-8")
    path = tmp_path / "yangxin-2022.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert load_charter_file(path) == load_charter("yangxin-2022")
