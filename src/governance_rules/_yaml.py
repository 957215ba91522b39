"""Strict, safe YAML reading shared by every YAML input of the library.

* Safe loading only: no Python objects.
* Duplicate keys are refused (PyYAML silently keeps the last one).
* Dates stay text: the readers of each document parse them, so that an invalid
  date (``2026-13-05``) gets the document's own error with its location
  instead of a bare ``ValueError`` from inside PyYAML.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode

__all__ = ["StrictLoader", "YamlProblem", "load"]

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class YamlProblem(Exception):
    """A document that is not valid YAML, or has a duplicate key; carries line and column."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.message = message
        self.line = line
        self.column = column
        at = f"{line}:{column}: " if line is not None else ""
        super().__init__(f"{at}{message}")


class StrictLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` without timestamps and with duplicate keys refused."""

    yaml_implicit_resolvers = {  # noqa: RUF012 - PyYAML reads this class attribute
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
            except TypeError:
                raise ConstructorError(
                    None, None, f"unhashable key {key!r}", key_node.start_mark
                ) from None
            if duplicate:
                first = seen[key]
                raise ConstructorError(
                    None,
                    None,
                    f"duplicate key {key!r} (first at line {first.line + 1})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)


def load(text: str) -> Any:
    """Parse one YAML document strictly.

    Raises:
        YamlProblem: With the 1-based line and column of the problem when known.

    >>> load("a: 2026-10-01")
    {'a': '2026-10-01'}
    >>> load("a: 1\\na: 2")
    Traceback (most recent call last):
    ...
    governance_rules._yaml.YamlProblem: 2:1: duplicate key 'a' (first at line 1)
    """
    try:
        return yaml.load(text, Loader=StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is None:
            raise YamlProblem(problem) from exc
        raise YamlProblem(problem, mark.line + 1, mark.column + 1) from exc
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise YamlProblem(f"invalid YAML: {exc}") from exc
