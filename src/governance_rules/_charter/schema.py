"""JSON Schema of charter files, for editors (YAML language servers) and other tools."""

from __future__ import annotations

from typing import Any

from governance_rules._charter.model import Charter

__all__ = ["charter_json_schema"]

SCHEMA_ID = "https://governance-rules.invalid/charter.schema.json"


def charter_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a charter file.

    >>> schema = charter_json_schema()
    >>> schema["title"], "meetings" in schema["properties"]
    ('Charter', True)
    """
    schema = Charter.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["description"] = (
        "A joint-meeting charter (联席会议制度) for governance_rules. A file may state only "
        "its differences from the charter it `extends`; the schema describes the full form."
    )
    return schema
