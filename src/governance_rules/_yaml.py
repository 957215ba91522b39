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
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = ["Positions", "StrictLoader", "YamlProblem", "load", "load_with_positions"]

_TIMESTAMP = "tag:yaml.org,2002:timestamp"

#: Nodes visited (aliases counted each time they are used) and nesting depth allowed:
#: a charter is a few thousand nodes; "billion laughs" alias bombs stop here.
MAX_NODES = 200_000
MAX_DEPTH = 60

Positions = dict[tuple[str, ...], tuple[int, int]]
"""Key path (every element as text) → (line, column), both 1-based."""


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
        # Only the mapping's own keys may not repeat; keys merged in with ``<<: *anchor``
        # are overridden by them, as YAML intends.
        own = [(k, v) for k, v in node.value if k.tag != "tag:yaml.org,2002:merge"]
        self.flatten_mapping(node)
        for key_node, _ in own:
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
    return load_with_positions(text)[0]


def load_with_positions(text: str) -> tuple[Any, Positions]:
    """Parse one YAML document and record where each value (and each key) stands.

    ``positions[path]`` is the position of the value at ``path``; for a mapping
    entry, ``positions[path + ("<key>",)]`` is the position of its key.

    Raises:
        YamlProblem: For invalid YAML, duplicate keys, or a document too large or
            too deeply nested (alias bombs included).

    >>> data, pos = load_with_positions("a:\\n  b: [1, 2]\\n")
    >>> pos[("a", "b", "1")]
    (2, 10)
    """
    try:
        loader = StrictLoader(text)
        try:
            node = loader.get_single_node()
            positions: Positions = {}
            if node is not None:
                _record(node, (), positions, [0])
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is None:
            raise YamlProblem(problem) from exc
        raise YamlProblem(problem, mark.line + 1, mark.column + 1) from exc
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise YamlProblem(f"invalid YAML: {exc}") from exc
    return data, positions


def _at(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _record(node: Node, path: tuple[str, ...], out: Positions, budget: list[int]) -> None:
    budget[0] += 1
    if budget[0] > MAX_NODES:
        raise YamlProblem(f"the document is too large (more than {MAX_NODES} nodes)", *_at(node))
    if len(path) > MAX_DEPTH:
        message = f"the document is nested too deeply (over {MAX_DEPTH} levels)"
        raise YamlProblem(message, *_at(node))
    out.setdefault(path, _at(node))
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, ScalarNode) else "?"
            out.setdefault((*path, key, "<key>"), _at(key_node))
            _record(value_node, (*path, key), out, budget)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            _record(item, (*path, str(index)), out, budget)
