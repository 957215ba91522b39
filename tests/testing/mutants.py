"""Deliberately broken charters, built from bundled ones by editing their data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from governance_rules import Charter, load_charter


def mutant(base: str, edit: Callable[[dict[str, Any]], None], new_id: str = "mutant") -> Charter:
    """``base`` with ``edit`` applied to its data, validated like any charter."""
    data = load_charter(base).model_dump(mode="json", exclude_none=True)
    data.pop("amendments", None)
    data["id"] = new_id
    edit(data)
    return Charter.model_validate(data)
