"""JSON Schema of charter files, for editors (YAML language servers) and other tools.

A file that ``extends`` another states only its differences (see
:func:`governance_rules._charter.model.deep_merge`): every key is optional and
``null`` removes one, down through mappings; a list or a scalar replaces the
inherited value whole, so it is checked in full. The schema says both: a file
with ``extends`` is checked as such a change, any other as a complete charter.
"""

from __future__ import annotations

import copy
from typing import Any

from governance_rules._charter.model import Charter

__all__ = ["charter_json_schema"]

SCHEMA_ID = "https://governance-rules.invalid/charter.schema.json"
_DEFS = "#/$defs/"
_PARTIAL = "Changes"  # the prefix of a definition's "changes only" form


def charter_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a charter file, complete or extending.

    >>> schema = charter_json_schema()
    >>> schema["title"], "meetings" in schema["$defs"]["Charter"]["properties"]
    ('Charter file', True)
    >>> schema["if"], schema["then"], schema["else"]
    ({'required': ['extends']}, {'$ref': '#/$defs/ChangesCharter'}, {'$ref': '#/$defs/Charter'})
    """
    full = Charter.model_json_schema(mode="validation")
    defs: dict[str, Any] = full.pop("$defs", {})
    defs["Charter"] = full
    _Changes(defs).of({"$ref": _DEFS + "Charter"})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Charter file",
        "description": (
            "A joint-meeting charter (联席会议制度) for governance_rules: complete, or "
            "stating only its differences from the charter it `extends` (every key "
            "optional, null removes one; lists and single values replace in full)."
        ),
        "if": {"required": ["extends"]},
        "then": {"$ref": _DEFS + _PARTIAL + "Charter"},
        "else": {"$ref": _DEFS + "Charter"},
        "$defs": defs,
    }


class _Changes:
    """Adds to ``defs`` the "changes only" form of the definitions a change reaches."""

    def __init__(self, defs: dict[str, Any]) -> None:
        self.defs = defs

    def of(self, node: Any) -> Any:
        """``node``'s changes-only form: mappings with optional, removable keys."""
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_DEFS):
            name = ref.removeprefix(_DEFS)
            partial = _PARTIAL + name
            if partial not in self.defs:
                self.defs[partial] = {}  # reserved first: definitions may refer to themselves
                self.defs[partial] = self.of(self.defs[name])
            return {**node, "$ref": _DEFS + partial}
        out = copy.deepcopy(node)
        out.pop("required", None)
        if isinstance(node.get("properties"), dict):
            out["properties"] = {key: self._removable(value)
                                 for key, value in node["properties"].items()}  # fmt: skip
        if isinstance(node.get("additionalProperties"), dict):
            out["additionalProperties"] = self._removable(node["additionalProperties"])
        for union in ("anyOf", "oneOf"):  # changes of two members may look alike: any of
            if union in node:
                del out[union]
                out["anyOf"] = [self.of(member) for member in node[union]]
        if "allOf" in node:
            out["allOf"] = [self.of(member) for member in node["allOf"]]
        return out

    def _removable(self, node: Any) -> dict[str, Any]:
        return {"anyOf": [self.of(node), {"type": "null"}]}
