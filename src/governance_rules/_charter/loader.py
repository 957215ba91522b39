"""Loading charters from YAML: ``extends``, located errors, every problem at once.

>>> charter = load_charter("yangxin-2022")
>>> charter.meetings["regular"].cadence.describe()
'1 per 2 months'
"""

from __future__ import annotations

import os
import re
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from governance_rules import _yaml
from governance_rules._charter.model import Charter, deep_merge, in_force, reference_problems
from governance_rules._charter.readonly import plain_data
from governance_rules._charter.registry import available_charters, close_ids, find_charter
from governance_rules._input import UnreadableInput, read_text
from governance_rules.errors import CharterError, CharterProblem, CharterValidationError

__all__ = ["as_charter", "load_charter", "load_charter_file", "load_charter_text", "problems_in"]

Located = dict[tuple[str, ...], tuple[str, int, int]]
"""Key path → (file, line, column)."""

#: What ``extends`` may name: a charter id (the pattern of ``Charter.id``).
_CHARTER_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")

#: What a charter says about itself is never inherited through ``extends``: only rules are.
_NOT_INHERITED = frozenset(
    {
        "id", "title", "jurisdiction", "issuing_body", "version", "status", "extends",
        "effective", "summary", "open_questions", "amendments",
    }
)  # fmt: skip
_UNINHERITED_KEYS = frozenset((key,) for key in _NOT_INHERITED)

#: What an amendment may not change: what the charter is, not its rules (its readings
#: are chosen when it is loaded, and its amendments are listed once, at the top level).
_NOT_AMENDED = frozenset(
    {"id", "extends", "status", "effective", "amendments", "selected_readings"}
)
#: What an amendment changes, as a refusal lists it.
_AMENDED = "the rules (bodies, roles, meetings, matters, issues, terms, evaluation, …)"


def load_charter(
    ref: str | os.PathLike[str], *, readings: Mapping[str, str] | None = None
) -> Charter:
    """Load a charter by id (bundled or installed) or from a YAML file path.

    ``readings`` selects competing readings (``{point: reading}``) instead of the
    charter's defaults; see ``Charter.with_readings``.

    >>> load_charter("co-building-two-thirds",
    ...              readings={"decision": "one_vote_veto"}).meetings["regular"].decision.kind
    'veto'

    Raises:
        UnknownCharterError: If ``ref`` is neither a known id nor a file.
        CharterValidationError: Listing every problem with its file, line and column.
        CharterError: If ``readings`` names an unknown point or reading, or ``ref``
            is not text or a path.
    """
    if isinstance(ref, os.PathLike) and not isinstance(ref, Path):
        ref = Path(ref)
    if not isinstance(ref, str | Path):
        raise CharterError(
            "not a charter id or a file path",
            where="charter",
            got=type(ref).__name__,
            allowed="a charter id such as 'yangxin-2022' (str) or a path to a YAML file",
        )
    if isinstance(ref, Path) or _names_a_file(ref):
        charter = load_charter_file(ref)
    else:
        charter = _load_by_id(ref)
    return charter.with_readings(readings) if readings else charter


def as_charter(ref: Charter | str | os.PathLike[str]) -> Charter:
    """``ref`` itself if it is a charter, else :func:`load_charter` of it.

    What every function taking "a charter, an id or a path" calls first.
    """
    return ref if isinstance(ref, Charter) else load_charter(ref)


def _names_a_file(ref: str) -> bool:
    """A path, not an id: ``*.yaml``, anything with a slash, or an existing file."""
    if ref.endswith((".yaml", ".yml")) or "/" in ref or os.sep in ref:
        return True
    try:
        return Path(ref).exists()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        return False


@lru_cache(maxsize=64)
def _load_by_id(charter_id: str) -> Charter:
    return load_charter_file(find_charter(charter_id).path)


def load_charter_file(path: str | Path) -> Charter:
    """Load and validate one charter file (following ``extends``)."""
    charter, problems = _load(Path(path))
    if problems:
        raise CharterValidationError(problems)
    assert charter is not None
    return charter


def load_charter_text(text: str, *, name: str = "<text>", base_dir: str | Path = ".") -> Charter:
    """Load a charter from YAML text (e.g. stored in a database).

    ``name`` labels positions in messages (its last component: it names no directory);
    ``extends`` looks in ``base_dir`` first, then among the bundled and installed charters.

    Raises:
        CharterValidationError: The text is not a valid charter (every problem at once,
            each at its line and column of ``name``).
    """
    # only base_dir is searched: a name such as "../other/x.yaml" (from a database row,
    # say) used to make extends read the files of another directory
    label = Path(name).name or "<text>"
    charter, problems = _load(Path(base_dir) / label, text=text)
    if problems:
        raise CharterValidationError(problems)
    assert charter is not None
    return charter


def problems_in(path: str | Path) -> list[CharterProblem]:
    """Every problem in a charter file; empty if it is valid."""
    return _load(Path(path))[1]


# -- internals -----------------------------------------------------------------------------
class _Problems(Exception):
    def __init__(self, problems: list[CharterProblem]) -> None:
        self.problems = problems


def _display(path: Path) -> str:
    """``path`` relative to the working directory where it lies under it, else as given
    (also where it cannot be resolved: a symlink loop, a working directory removed)."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, RuntimeError, OSError):  # RuntimeError: a symlink loop (3.11)
        return str(path)


def _yaml_kind(value: object) -> str:
    """What a YAML document holds instead of a mapping, in a reader's words."""
    if value is None:
        return "an empty file"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    return f"a {type(value).__name__}"


def _read(path: Path, text: str | None = None) -> tuple[dict[str, Any], Located]:
    label = path.name if text is not None else _display(path)
    if text is None:
        try:
            text = read_text(path)
        except UnreadableInput as exc:
            raise _Problems([CharterProblem("", str(exc), file=label)]) from exc
    try:
        parsed, positions = _parsed(text)
    except _yaml.YamlProblem as exc:
        problem = CharterProblem("", exc.message, file=label, line=exc.line, column=exc.column)
        raise _Problems([problem]) from exc
    data = plain_data(parsed)  # the caller's own: the parse is kept for the next reader
    if not isinstance(data, dict):
        what = (
            f"a charter file holds a mapping (got {_yaml_kind(data)}); "
            "allowed: keys such as id, title"
        )
        raise _Problems([CharterProblem("", what, file=label, line=1)])
    located = {key: (label, line, col) for key, (line, col) in positions.items()}
    return data, located


@lru_cache(maxsize=32)
def _parsed(text: str) -> tuple[Any, _yaml.Positions]:
    """``text`` parsed (kept: a base charter is read again by every charter extending it).

    Callers never change what is returned: :func:`_read` hands out a copy.
    """
    return _yaml.load_with_positions(text)


def _resolve(
    path: Path, chain: tuple[Path, ...], text: str | None = None
) -> tuple[dict[str, Any], Located]:
    """Read ``path`` (or ``text`` under that name) and all it extends, merged, with positions."""
    data, located = _read(path, text)
    parent_id = data.get("extends")
    if parent_id is None:
        return data, located
    label, line, col = located.get(("extends",), (_display(path), 1, 1))
    parent_path = _parent_path(parent_id, path)
    if isinstance(parent_path, str):
        raise _Problems([CharterProblem("extends", parent_path, label, line, col)])
    resolved = parent_path.resolve()
    if resolved in chain or resolved == path.resolve():
        names = " → ".join(p.stem for p in (*chain, path.resolve(), resolved))
        message = f"cycle in extends: {names}"
        raise _Problems([CharterProblem("extends", message, label, line, col)])
    parent, parent_located = _resolve(parent_path, (*chain, path.resolve()))
    inherited = {k: v for k, v in parent.items() if k not in _NOT_INHERITED}
    own = {k: v for k, v in data.items() if k != "extends"}
    merged = deep_merge(inherited, own)
    merged["extends"] = parent_id
    # a key the child does not inherit is not found in the parent's file either: a
    # missing `jurisdiction` is the child's problem, reported at the child's position
    kept = {key: at for key, at in parent_located.items() if key[:1] not in _UNINHERITED_KEYS}
    return merged, {**kept, **located}


def _parent_path(parent_id: object, child: Path) -> Path | str:
    """The file ``extends: parent_id`` in the file ``child`` names, or why it names none.

    A charter extends another *charter*: the id of a ``.yaml`` file in its own
    directory other than itself, or of a bundled or installed charter. A local
    ``yangxin-2022.yaml`` saying ``extends: yangxin-2022`` thus builds on the bundled
    charter of that id (reading itself again could only be a cycle). Anything else
    (a path, ``..``) is refused before any file is opened.
    """
    known = available_charters()
    if not isinstance(parent_id, str) or not (
        _CHARTER_ID.fullmatch(parent_id) or parent_id in known
    ):
        return (
            f"must name a charter by its id, not a path (got {parent_id!r}); allowed: "
            "the id of a .yaml file in the same directory, or of a bundled or installed charter"
        )
    sibling = child.parent / f"{parent_id}.yaml"
    itself = _CHARTER_ID.fullmatch(parent_id) and sibling.is_file() and _same_file(sibling, child)
    if _CHARTER_ID.fullmatch(parent_id) and sibling.is_file() and not itself:
        return sibling
    if parent_id in known:
        return known[parent_id].path
    if itself:
        return (
            f"a charter cannot extend itself (got {parent_id!r}); allowed: the id of another "
            ".yaml file beside this one, or of a bundled or installed charter"
        )
    close = close_ids(parent_id, known)
    such = f" such as {', '.join(close)}" if close else ""
    return (
        f"unknown charter {parent_id!r}; allowed: the id of a .yaml file beside this one, "
        f"or of a bundled or installed charter{such} (`govrules list` names them all)"
    )


def _same_file(one: Path, other: Path) -> bool:
    """Whether ``one`` and ``other`` are the same file (``other`` may not exist: a text's name)."""
    try:
        return one.samefile(other)
    except OSError:
        return False


def _load(path: Path, text: str | None = None) -> tuple[Charter | None, list[CharterProblem]]:
    try:
        data, located = _resolve(path, (), text)
    except _Problems as exc:
        return None, exc.problems
    problems = _validate(data, located, ())
    if "selected_readings" in data:
        label, line, col = located.get(("selected_readings",), (path.name, 1, 1))
        message = (
            "readings are chosen when loading, not in the file; "
            "allowed: load_charter(ref, readings={...}) or Charter.with_readings"
        )
        problems.append(CharterProblem("selected_readings", message, label, line, col))
    charter = None
    if not problems:
        charter = Charter.model_validate(data, context={"skip_references": True})
        problems = _amendment_problems(charter, data, located)
        charter._written = data
        problems += _reading_problems(charter, data, located)
    if problems and "extends" in data:
        problems = _inherited(
            problems, path.name if text is not None else _display(path), path.name
        )
    return (None if problems else charter), problems


def _inherited(problems: list[CharterProblem], label: str, name: str) -> list[CharterProblem]:
    """``problems``, those found at a rule of a charter that the file ``name`` (shown
    as ``label``) extends saying so: the rule is as its own file wrote it, and what it
    refers to (a body's position, a meeting kind) is what the file may have changed."""
    return [
        problem
        if problem.file is None or problem.file == label
        else replace(
            problem,
            message=f"{problem.message} (a rule {name} inherits: check what {name} "
            "changes that it refers to)",
        )
        for problem in problems
    ]


def _validate(
    data: Mapping[str, Any], located: Located, prefix: tuple[str, ...], label: str = ""
) -> list[CharterProblem]:
    problems: list[CharterProblem] = []
    try:
        Charter.model_validate(data, context={"skip_references": True})
    except ValidationError as exc:
        errors = [(tuple(str(part) for part in e["loc"]), e) for e in exc.errors()]
        # a list whose items failed is counted without them ("too few items (got 0)" for
        # a ladder of two bad levels): its items' own problems say what is wrong
        failed = {loc[:end] for loc, _ in errors for end in range(len(loc))}
        for loc, error in errors:
            if error["type"] == "too_short" and loc in failed:
                continue
            problems.append(_problem(loc, _message(error, loc), located, prefix, label))
    except CharterError as exc:  # pragma: no cover - defensive
        problems.append(CharterProblem("", str(exc)))
    for dotted, message in reference_problems(data):
        loc = tuple(_split_path(dotted))
        problems.append(_problem(loc, message, located, prefix, label))
    return sorted(problems, key=lambda p: (p.file or "", p.line or 0, p.column or 0, p.path))


def _amendment_problems(
    charter: Charter, data: Mapping[str, Any], located: Located
) -> list[CharterProblem]:
    problems: list[CharterProblem] = []
    order = sorted(range(len(charter.amendments)), key=lambda i: charter.amendments[i].effective)
    for index in order:
        amendment = charter.amendments[index]
        start = charter.effective
        if start is not None and amendment.effective < start:
            message = (
                f"the amendment takes effect before the charter takes effect (got "
                f"{amendment.effective.isoformat()}); allowed: {start.isoformat()} or later"
            )
            problems.append(_problem(("amendments", str(index), "effective"), message, located,
                                     (), ""))  # fmt: skip
        fixed = sorted(_NOT_AMENDED.intersection(amendment.changes))
        for key in fixed:
            message = (
                f"an amendment changes the charter's rules, not what the charter is (got "
                f"{key!r}); allowed: {_AMENDED}"
            )
            problems.append(_problem(("amendments", str(index), "changes", key), message,
                                     located, (), ""))  # fmt: skip
        if fixed:
            continue  # the merged version would only repeat the problem
        current = in_force(data, charter.amendments, amendment.effective)
        prefix = ("amendments", str(index), "changes")
        label = f"(in force from {amendment.effective.isoformat()}) "
        problems += _validate(current, located, prefix, label)
    return problems


def _reading_problems(
    charter: Charter, data: Mapping[str, Any], located: Located
) -> list[CharterProblem]:
    """Each competing reading, applied to the body, must give a valid charter."""
    problems: list[CharterProblem] = []
    for key, point in charter.readings.items():
        rule_at = located.get(tuple(_split_path(point.rule)))
        point_at = located.get(("readings", key))
        # the rule changed in another file than the one stating the reading: the reading
        # may no longer fit, and that file may drop the point
        drop = (
            f", of a rule {Path(rule_at[0]).name} changes: drop it there with readings.{key}: null"
            if rule_at and point_at and rule_at[0] != point_at[0]
            else ""
        )
        for option, reading in point.options.items():
            if option == point.default:
                continue
            variant = deep_merge(data, reading.changes)
            prefix = ("readings", key, "options", option, "changes")
            label = f"(reading {key}={option}{drop}) "
            problems += _validate(variant, located, prefix, label)
    return problems


def _split_path(dotted: str) -> Iterable[str]:
    for part in dotted.replace("]", "").replace("[", ".").split("."):
        if part:
            yield part


def _problem(
    loc: tuple[str, ...], message: str, located: Located, prefix: tuple[str, ...], label: str
) -> CharterProblem:
    path = _dotted(loc)
    candidates = [(*prefix, *loc), loc] if prefix else [loc]
    for candidate in candidates:
        for end in range(len(candidate), -1, -1):
            key = candidate[:end]
            position = located.get((*key, "<key>")) if end == len(candidate) else None
            position = position or located.get(key)
            if position is not None:
                file, line, col = position
                return CharterProblem(path, label + message, file, line, col)
    return CharterProblem(path, label + message)


def _dotted(loc: tuple[str, ...]) -> str:
    """``('a', 'b', '2', 'c')`` → ``'a.b[2].c'``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if part.isdigit() else (f".{part}" if text else part)
    return text


def _message(error: Any, loc: tuple[str, ...]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1])
        suffix = f"; allowed: {', '.join(allowed)}" if allowed else ""
        if " " in loc[-1]:
            suffix += " (a comma inside {…} ends a value: quote text that contains commas)"
        return f"unknown key {loc[-1]!r}{suffix}"
    if kind == "missing" and len(loc) == 1 and loc[0] in _NOT_INHERITED:
        return "required key missing; allowed: a value in this file (extends never inherits it)"
    if kind == "missing":
        return "required key missing"
    if kind in _BOUNDS:  # pydantic: "Input should be less than or equal to 100000"
        key, word, words = _BOUNDS[kind]
        bound = (error.get("ctx") or {}).get(key)
        if isinstance(bound, int):
            return f"too {word} (got {error.get('input')!r}); allowed: {words} {bound:,}"
    if kind in ("string_too_short", "string_too_long"):  # "String should have at least 3 …"
        ctx = error.get("ctx") or {}
        few = kind == "string_too_short"
        bound = ctx.get("min_length" if few else "max_length")
        if isinstance(bound, int):
            unit = "character" if bound == 1 else "characters"
            return (f"too {'short' if few else 'long'} (got {_value_kind(error.get('input'))}); "
                    f"allowed: {'at least' if few else 'at most'} {bound:,} {unit}")  # fmt: skip
    if kind in ("too_short", "too_long"):  # pydantic: "Tuple should have at least 2 items"
        ctx = error.get("ctx") or {}
        few = kind == "too_short"
        bound = ctx.get("min_length" if few else "max_length")
        got = ctx.get("actual_length")
        if isinstance(bound, int) and isinstance(got, int):
            item = "item" if bound == 1 else "items"
            return (f"too {'few' if few else 'many'} items (got {got:,}); allowed: "
                    f"{'at least' if few else 'at most'} {bound:,} {item}")  # fmt: skip
    if kind in _SHAPES:  # pydantic names Python types: "a valid tuple", "instance of Body"
        noun, how = _SHAPES[kind]
        return f"must be {noun} (got {_value_kind(error.get('input'))}); allowed: {how}"
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if loc and message.startswith(f"{loc[-1]}: "):  # the located key says it once
        message = message[len(loc[-1]) + 2 :]
    value = error.get("input")
    if kind != "value_error" and not isinstance(value, dict | list) and "(got" not in message:
        message += f" (got {value!r})"
    return message


#: What a YAML author writes for each pydantic container type: the noun, then how.
_MAPPING = ("a mapping", "key: value on lines of their own, or {key: value, …}")
_LIST = ("a list", "[a, b, …], or one '- item' per line")
_SHAPES = {
    "dict_type": _MAPPING,
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "tuple_type": _LIST,
    "list_type": _LIST,
}


#: pydantic's bound errors: the bound's key in the error, the word for the value, and
#: the words for what is allowed.
_BOUNDS = {
    "less_than_equal": ("le", "large", "at most"),
    "less_than": ("lt", "large", "less than"),
    "greater_than_equal": ("ge", "small", "at least"),
    "greater_than": ("gt", "small", "more than"),
}


def _value_kind(value: object) -> str:
    """What a YAML value is, in a reader's words (text and numbers shown)."""
    if value is None:
        return "null"
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, bool):
        return str(value).lower()
    return repr(value)


def _allowed_keys(loc: tuple[str, ...]) -> list[str]:
    """The keys the model at ``loc`` accepts (for 'unknown key' messages)."""
    annotation: Any = Charter
    for part in loc:
        annotation = _step(annotation, part)
        if annotation is None:
            return []
    model = _as_model(annotation)
    return sorted(model.model_fields) if model else []


def _as_model(annotation: Any) -> type[BaseModel] | None:
    for candidate in _unwrap(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [x for arg in typing.get_args(annotation) for x in _unwrap(arg)]
    return [annotation]


def _step(annotation: Any, part: str) -> Any:
    model = _as_model(annotation)
    if model is not None:
        field = model.model_fields.get(part)
        return field.annotation if field else None
    for candidate in _unwrap(annotation):
        origin = typing.get_origin(candidate)
        args = typing.get_args(candidate)
        if origin in (dict, Mapping) and len(args) == 2:
            return args[1]
        if origin is tuple and args:
            return args[0]
    return None
