"""Bounded reading of input files (charters, calendar overrides, ballots, scores).

Every file the library reads on a user's behalf goes through :func:`read_text`:
it must be a regular file (a directory, device, pipe or socket is refused without
waiting on it), no larger than :data:`MAX_INPUT_BYTES` (checked before anything
is parsed, and the read itself stops one byte past the limit), and UTF-8 text.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["MAX_INPUT_BYTES", "UnreadableInput", "read_text"]

MAX_INPUT_BYTES = 2 * 1024 * 1024
"""The largest input file read: 2 MiB, a hundred times the largest bundled charter."""

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class UnreadableInput(Exception):
    """A file that cannot be read as input; callers turn it into their own error.

    ``what`` says what is wrong and ``allowed`` what would have been read;
    ``str()`` joins them the library's way.
    """

    def __init__(self, what: str, allowed: str | None = None) -> None:
        self.what = what
        self.allowed = allowed
        super().__init__(f"{what}; allowed: {allowed}" if allowed else what)


def read_text(path: str | Path, *, limit: int = MAX_INPUT_BYTES) -> str:
    """The UTF-8 text of the regular file ``path`` (BOM dropped), at most ``limit`` bytes.

    Raises:
        UnreadableInput: The file is missing, not a regular file, larger than
            ``limit``, or not UTF-8 text.

    >>> read_text("/dev/zero")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    governance_rules._input.UnreadableInput: not a regular file; allowed: a regular file of at ...
    """
    allowed = f"a regular file of at most {limit:,} bytes"
    try:
        fd = os.open(path, _OPEN_FLAGS)  # non-blocking: opening a FIFO does not wait
    except ValueError as exc:  # a NUL byte in the name
        raise UnreadableInput("cannot read the file: not a valid file name") from exc
    except OSError as exc:
        raise UnreadableInput(f"cannot read the file: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableInput("a directory, not a file", allowed=allowed)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableInput("not a regular file", allowed=allowed)
        if info.st_size > limit:
            raise UnreadableInput(f"the file is too large ({info.st_size:,} bytes)", allowed)
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:  # pragma: no cover - an I/O error on a regular file
        raise UnreadableInput(f"cannot read the file: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)
    if len(data) > limit:  # the file grew while being read
        raise UnreadableInput(f"the file is too large (over {limit:,} bytes)", allowed)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise UnreadableInput(
            f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at line {line}, column "
            f"{column}, offset {exc.start})",
            allowed="UTF-8 text",
        ) from None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    r"""The line and column (from 1, in characters of the valid text before it) of the
    byte at ``offset`` of ``data``.

    >>> _position("第一行\nab".encode() + b"\xff", 12)
    (2, 3)
    """
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column
