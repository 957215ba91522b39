"""Strict, safe YAML reading shared by every YAML input of the library.

* Safe loading only: no Python objects. Explicit tags are limited to the core
  types (``!!str``, ``!!int``, ``!!float``, ``!!bool``, ``!!null``, ``!!seq``, ``!!map``);
  ``!!timestamp``, ``!!set``, ``!!binary``, ``!!python/…`` and local tags are refused,
  and a value its tag cannot read (``!!bool maybe``) is a located problem.
* Size is bounded before and while parsing: the text (:data:`MAX_CHARS`), the
  nodes composed and visited (:data:`MAX_NODES`, aliases counted each time they
  are used) and the nesting depth (:data:`MAX_DEPTH`).
* Duplicate keys are refused (PyYAML silently keeps the last one).
* Plain scalars follow the YAML 1.2 core schema, not PyYAML's YAML 1.1: ``010`` is
  ten (not eight), ``1:30`` and ``yes``/``on``/``no`` stay text (not 90 and
  booleans), and ``1e3`` is a number (not text). A number in a charter or a load
  file is never silently read as another number.
* Dates stay text: the readers of each document parse them, so that an invalid
  date (``2026-13-05``) gets the document's own error with its location
  instead of a bare ``ValueError`` from inside PyYAML.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from governance_rules._input import MAX_INPUT_BYTES

__all__ = ["Positions", "StrictLoader", "YamlProblem", "load", "load_with_positions"]

_CORE = "tag:yaml.org,2002:"
_TIMESTAMP = _CORE + "timestamp"
_INT = _CORE + "int"

#: The YAML 1.2 core schema's plain scalars that are not text (YAML 1.2, section
#: 10.3.2), by tag, with the first characters each may start with; PyYAML reads
#: YAML 1.1 (octal ``010``, base-60 ``1:30``, ``yes``/``on`` booleans, no ``1e3``).
_CORE_SCHEMA = [
    (_CORE + "bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    (_CORE + "int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    (
        _CORE + "float",
        r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
        "-+.0123456789",
    ),
]
_REPLACED = {tag for tag, _, _ in _CORE_SCHEMA} | {_TIMESTAMP}


def _resolvers() -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    """PyYAML's implicit resolvers (null, merge, value) with the core schema's scalars."""
    table: dict[Any, list[tuple[str, re.Pattern[str]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in _REPLACED]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    for tag, pattern, firsts in _CORE_SCHEMA:
        regexp = re.compile(f"^(?:{pattern})$")
        for first in firsts:
            table.setdefault(first, []).append((tag, regexp))
    return table


#: The tags a document may state explicitly (``!!str 2026``); every other is refused.
ALLOWED_TAGS = tuple(
    _CORE + name for name in ("str", "int", "float", "bool", "null", "seq", "map")
)

#: Nodes composed and visited (aliases counted each time they are used) and nesting
#: depth allowed: the largest bundled charter has under 2,000 nodes; "billion laughs"
#: alias bombs, and long lists that would take the pure-Python parser seconds, stop here.
MAX_NODES = 30_000
MAX_DEPTH = 60

#: Why a document is refused for its size or depth, with what is allowed.
_TOO_LARGE = (
    f"the document is too large (more than {MAX_NODES:,} nodes); "
    f"allowed: at most {MAX_NODES:,} keys and values"
)
_TOO_DEEP = (
    f"the document is nested too deeply (over {MAX_DEPTH} levels); "
    f"allowed: at most {MAX_DEPTH} levels of keys and lists"
)

#: The longest integer written in a document, in characters.
MAX_INT_CHARS = 40

MAX_CHARS = MAX_INPUT_BYTES
"""The longest text parsed, in characters (files are also limited in bytes when read)."""


def _short(tag: str) -> str:
    return "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag


def _shown(value: object, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


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


def _construct_int(loader: SafeConstructor, node: Node) -> int:
    """A whole number as YAML 1.2 reads it: decimal (leading zeros allowed), ``0o``
    octal, ``0x`` hexadecimal (PyYAML's reads ``010`` as octal eight)."""
    text = str(loader.construct_scalar(node))  # type: ignore[arg-type]  # a scalar: its tag
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


class _Strict(Composer, SafeConstructor, Resolver):
    """The strict rules, on top of PyYAML's composer and safe constructor: no
    timestamps, core tags only, bounded size and depth, duplicate keys refused.
    The events come from a parser class mixed in after it (Python's or libyaml's)."""

    yaml_implicit_resolvers = _resolvers()  # PyYAML reads these class attributes
    yaml_constructors = {**SafeConstructor.yaml_constructors, _INT: _construct_int}  # noqa: RUF012

    _nodes = 0
    _depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        """Compose one node, refusing explicit tags beyond the core ones and oversize trees."""
        event = self.peek_event()  # type: ignore[attr-defined]  # the parser's, C or Python
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") and tag not in ALLOWED_TAGS:
            allowed = ", ".join(_short(t) for t in ALLOWED_TAGS)
            raise ComposerError(
                None, None, f"tag not allowed (got {_short(tag)!r}); allowed: {allowed}",
                event.start_mark,
            )  # fmt: skip
        self._nodes += 1
        if self._nodes > MAX_NODES:
            message = _TOO_LARGE
            raise ComposerError(None, None, message, event.start_mark)
        if self._depth >= MAX_DEPTH:
            message = _TOO_DEEP
            raise ComposerError(None, None, message, event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        """Construct one value; a value its tag cannot read is a located problem."""
        if node.tag == _INT and len(str(node.value)) > MAX_INT_CHARS:
            message = f"a number too long (got {_shown(node.value)!r}); allowed: at most "
            raise ConstructorError(
                None, None, f"{message}{MAX_INT_CHARS} characters", node.start_mark
            )
        try:
            return super().construct_object(node, deep=deep)
        except (yaml.YAMLError, YamlProblem):
            raise
        except (ArithmeticError, AttributeError, LookupError, TypeError, ValueError) as exc:
            shown = node.value if isinstance(node, ScalarNode) else getattr(node, "id", "node")
            message = f"not a valid {_short(node.tag)} value (got {_shown(shown)!r})"
            raise ConstructorError(None, None, message, node.start_mark) from exc

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, MappingNode):
            raise ConstructorError(
                None, None, f"expected a mapping (got a {node.id})", node.start_mark
            )
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


class StrictLoader(_Strict, yaml.SafeLoader):
    """``yaml.SafeLoader`` without timestamps and with duplicate keys refused."""


def _fast_loader() -> type[Any]:
    """:class:`StrictLoader` with libyaml's scanner and parser (about five times faster):
    the events come from C, and composing, with every strict check, stays in Python."""
    try:
        from yaml._yaml import CParser  # noqa: PLC0415
    except ImportError:  # pragma: no cover - PyYAML's wheels ship libyaml
        return StrictLoader

    class FastStrictLoader(_Strict, CParser):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            Composer.__init__(self)

    return FastStrictLoader


_LOADER = _fast_loader()


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
    if len(text) > MAX_CHARS:
        raise YamlProblem(
            f"the document is too large (got {len(text)} characters); allowed: at most {MAX_CHARS}"
        )
    try:
        loader = _LOADER(text)
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
    except UnicodeEncodeError as exc:  # libyaml reads UTF-8: an unpaired surrogate
        line = text.count("\n", 0, exc.start) + 1
        column = exc.start - (text.rfind("\n", 0, exc.start) + 1) + 1
        raise YamlProblem("the text holds an unpaired surrogate", line, column) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a control
        what = f"unacceptable character #x{exc.character:04x}: {exc.reason}"
        at = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        if at < 0:  # pragma: no cover - the reader names a character of the text
            raise YamlProblem(what) from None
        line = text.count("\n", 0, at) + 1
        raise YamlProblem(what, line, at - (text.rfind("\n", 0, at) + 1) + 1) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is None:
            raise YamlProblem(problem) from exc
        if _is_tab(text, mark.line, mark.column):  # PyYAML does not always name it
            got = "" if "tab" in problem else " (got a tab)"
            problem += f"{got}; allowed: spaces to indent (YAML never indents with tabs)"
        raise YamlProblem(problem, mark.line + 1, mark.column + 1) from exc
    except (yaml.YAMLError, ArithmeticError, LookupError, TypeError, ValueError) as exc:
        raise YamlProblem(f"invalid YAML: {_shown(exc, 200)}") from exc
    except RecursionError as exc:  # pragma: no cover - depth is bounded while composing
        raise YamlProblem(_TOO_DEEP) from exc
    return data, positions


def _is_tab(text: str, line: int, column: int) -> bool:
    """Whether the character at 0-based ``line`` and ``column`` of ``text`` is a tab."""
    lines = text.split("\n")
    return (
        0 <= line < len(lines) and 0 <= column < len(lines[line]) and (lines[line][column] == "\t")
    )


def _at(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _record(node: Node, path: tuple[str, ...], out: Positions, budget: list[int]) -> None:
    budget[0] += 1
    if budget[0] > MAX_NODES:
        raise YamlProblem(_TOO_LARGE, *_at(node))
    if len(path) > MAX_DEPTH:
        message = _TOO_DEEP
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
