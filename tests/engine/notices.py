"""A notice that states every item a charter may ask of it (``notice.content``)."""

from __future__ import annotations

from typing import Any

#: Every item of the vocabulary: enough for any charter's ``notice.content``.
STATED: dict[str, Any] = {
    "time": "2026-03-26 14:00",
    "place": "the estate's meeting room",
    "topics": ["the lift of building 3"],
    "attendees": ["owners_committee", "property_company"],
    "materials": ["the repair quote"],
}


def notice_args(trigger: str) -> dict[str, Any]:
    """``contents=STATED`` for ``issue_notice``; no argument for any other command."""
    return {"contents": STATED} if trigger == "issue_notice" else {}
