"""Which language charts can be labelled in: Chinese needs an installed font with its glyphs.

Found with fontconfig's ``fc-list``; without it, or without such a font, charts
are labelled in English and the report says so.

>>> chart_lang("en")
('en', None)
"""

from __future__ import annotations

import functools
import shutil
import subprocess

__all__ = ["chart_lang", "cjk_font_files"]


@functools.cache
def cjk_font_files() -> tuple[str, ...]:
    """The files of installed fonts with Chinese glyphs, sorted (none without ``fc-list``)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    try:
        found = subprocess.run(
            [fc_list, ":lang=zh", "file"], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    return tuple(sorted(line.strip().rstrip(":") for line in found.splitlines() if line.strip()))


def chart_lang(lang: str) -> tuple[str, str | None]:
    """The language charts are labelled in, and a note when it is not the one asked for."""
    if lang != "zh":
        return "en", None
    if cjk_font_files():
        return "zh", None
    return "en", "no font with Chinese glyphs is installed; chart labels are in English"
