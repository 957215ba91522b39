r"""Untrusted text inside the library's own one-line texts (``explain``, deadlines).

A matter, an override's reason or a stored event type is a caller's text: shown
inside a line the library writes, it must read as what it is and stay on that line.
:func:`one_line` escapes what a terminal or a log would act on instead of showing
— newlines and other C0/C1 controls (ANSI escapes start with one), DEL, the
Unicode line and paragraph separators (U+2028, U+2029: line breaks to editors, log
readers and ``str.splitlines``), and the bidirectional marks that reorder a line —
and keeps everything else as it is,
markup like ``[bold]`` included (it is not the library's to render).

>>> one_line("[bold]x[/bold]\x1b[31m red\nnext line\u202e")
'[bold]x[/bold]\\x1b[31m red\\x0anext line\\u202e'
"""

from __future__ import annotations

import re

__all__ = ["one_line", "visible"]

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
#: Invisible characters: zero-width space and joiners, word joiner and invisible
#: operators, byte-order mark, soft hyphen, Mongolian vowel separator.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """``text`` with controls, newlines and bidirectional marks written as escapes."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def visible(text: str) -> str:
    r"""``text`` as :func:`one_line` gives it, invisible characters escaped too.

    For text shown to a reader who compares it with other text (a terminal, a
    comparison page): two values that differ only by a zero-width space must not
    look the same.

    >>> visible("zero\u200bwidth\u202e")
    'zero\\u200bwidth\\u202e'
    """
    shown = one_line(text)
    return _INVISIBLE.sub(_escape, shown) if _INVISIBLE.search(shown) else shown
