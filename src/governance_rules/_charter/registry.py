"""Where charters come from: the bundled rulesets and installed plugins.

A plugin package adds charters through the entry-point group
``governance_rules.charters``; the entry point names a directory of ``*.yaml``
rulesets (a ``str``/``Path``/``importlib.resources`` traversable), or a callable
returning one. Decision-rule kinds are added through
``governance_rules.decision_rules`` (the names are what charters may use)::

    [project.entry-points."governance_rules.charters"]
    my_city = "my_city_charters:RULESETS"      # RULESETS = files(__package__) / "rulesets"
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from governance_rules._charter.kinds import DECISION_RULE_ENTRY_POINTS, decision_rule_kinds
from governance_rules.errors import UnknownCharterError

__all__ = [
    "CHARTER_ENTRY_POINTS",
    "DECISION_RULE_ENTRY_POINTS",
    "CharterEntry",
    "available_charters",
    "bundled_rulesets_dir",
    "decision_rule_kinds",
    "find_charter",
]

logger = logging.getLogger(__name__)

CHARTER_ENTRY_POINTS = "governance_rules.charters"


@dataclass(frozen=True)
class CharterEntry:
    """A charter that can be loaded by id: where its file is and who provides it."""

    id: str
    path: Path
    origin: str
    """``bundled`` or ``plugin:<entry point name>``."""


def bundled_rulesets_dir() -> Path:
    """The directory of the bundled rulesets: the package data ``governance_rules/rulesets``.

    A wheel carries the repository's top-level ``rulesets/`` there; in a source
    checkout (editable install, or ``PYTHONPATH=src``) ``src/governance_rules/rulesets``
    is a symbolic link to it, so both are found the same way.
    """
    return Path(str(resources.files("governance_rules").joinpath("rulesets")))


def _yaml_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if p.is_file())


def _plugin_dirs() -> Iterable[tuple[str, Path]]:
    for entry in metadata.entry_points(group=CHARTER_ENTRY_POINTS):
        try:
            target: Any = entry.load()
            if callable(target):
                target = target()
            yield entry.name, Path(str(target))
        except Exception as exc:  # a broken plugin must not break the library
            logger.warning("charter plugin %r could not be loaded: %s", entry.name, exc)


@cache
def available_charters() -> dict[str, CharterEntry]:
    """Every loadable charter by id: bundled first, then plugins (which cannot shadow them).

    The id of a ruleset is its file name without ``.yaml``.
    """
    found: dict[str, CharterEntry] = {}
    for path in _yaml_files(bundled_rulesets_dir()):
        found[path.stem] = CharterEntry(path.stem, path, "bundled")
    for name, directory in _plugin_dirs():
        for path in _yaml_files(directory):
            if path.stem in found:
                logger.warning(
                    "plugin %r: charter %r already provided by %s; ignored",
                    name,
                    path.stem,
                    found[path.stem].origin,
                )
                continue
            found[path.stem] = CharterEntry(path.stem, path, f"plugin:{name}")
    return found


def find_charter(charter_id: str) -> CharterEntry:
    """The entry for ``charter_id``.

    Raises:
        UnknownCharterError: Listing the known ids.
    """
    charters = available_charters()
    if charter_id not in charters:
        raise UnknownCharterError(
            "no such charter",
            where="charter",
            got=charter_id,
            allowed=_file_here(charter_id) + _ids_like(charter_id, charters),
        )
    return charters[charter_id]


def _file_here(charter_id: str) -> str:
    """``the file mine.yaml here (give its name with .yaml), or`` where ``charter_id``
    names no charter but ``<charter_id>.yaml`` (or ``.yml``) lies in the working directory."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", charter_id):
        return ""
    for name in (f"{charter_id}.yaml", f"{charter_id}.yml"):
        try:
            if Path(name).is_file():
                return f"the file {name} here (give its name with the extension), or "
        except OSError:  # pragma: no cover - a working directory removed
            return ""
    return ""


def close_ids(wanted: str, charters: Iterable[str]) -> list[str]:
    """Up to three charter ids like ``wanted`` (a misspelt id), closest first."""
    return difflib.get_close_matches(wanted[:200], list(charters), n=3, cutoff=0.6)


def _ids_like(wanted: str, charters: Mapping[str, object]) -> str:
    """The bundled ids closest to ``wanted``, and where to find the rest."""
    close = close_ids(wanted, charters)
    rest = f"available_charters() or `govrules list` names all {len(charters)} bundled ids"
    if close:
        return f"a bundled id such as {', '.join(close)}; {rest}"
    return f"a bundled id or a path to a YAML file; {rest}"
