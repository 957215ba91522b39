"""Events: the append-only record every workflow state is rebuilt from.

An event belongs to a stream (one meeting, one issue, one committee term) and has
a sequence number within it, starting at 1. ``occurred_at`` and ``recorded_at``
are timezone-aware instants in Asia/Shanghai.

Every store accepts the same events: :func:`check_append` is the one rule they all
apply before writing. A stream id, type and actor are non-empty text within the
lengths of the database columns, without NUL characters; the payload is what JSON
can hold (mappings with text keys, lists, text, whole and finite numbers, booleans
and null) plus dates, exact fractions, read-only mappings and dataclasses, which
are stored in their JSON form. A refusal names where the problem is and the type
found, never the value: a payload holds residents' text.

>>> check_append("issue-1", 0, [NewEvent("reported", {"on": date(2026, 3, 2)}, "residents//r")])
>>> try:
...     check_append("issue-1", 0, [NewEvent("reported", {"photo": b"..."}, "residents//r")])
... except StoreError as exc:
...     print(exc.where, "|", exc.what)
issue-1 version 1 | the payload is not JSON: payload.photo holds a bytes
"""

from __future__ import annotations

import dataclasses
import json
import math
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from fractions import Fraction
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

from governance_rules.errors import ConcurrencyError, StoreError

__all__ = [
    "MAX_ACTOR",
    "MAX_STREAM_ID",
    "MAX_TYPE",
    "SHANGHAI",
    "Event",
    "NewEvent",
    "check_after",
    "check_append",
    "check_prefix",
    "check_stream_id",
    "now",
]

SHANGHAI = ZoneInfo("Asia/Shanghai")

#: Column widths of the SQL store, enforced alike by every store.
MAX_STREAM_ID = 200
MAX_TYPE = 100
MAX_ACTOR = 200
#: How deep a payload may nest (a cycle is refused as too deep).
MAX_DEPTH = 32
#: Whole numbers this short are always written (the exact limit is checked past it):
#: below 10**639, so within the fewest digits ``sys.set_int_max_str_digits`` (or
#: ``PYTHONINTMAXSTRDIGITS``) can allow, 640, not only within the default 4,300.
_MAX_INT_BITS = (sys.int_info.str_digits_check_threshold - 1) * 3321 // 1000
#: The largest version a store can be asked to read after (SQL's 64-bit integers).
_MAX_VERSION = 2**63 - 1

_PAYLOAD_ALLOWED = (
    "mappings with text keys, lists, text, whole and finite numbers, true/false/null, "
    "dates, fractions, dataclasses"
)


def now() -> datetime:
    """The current instant in Asia/Shanghai."""
    return datetime.now(SHANGHAI)


def _aware(value: datetime, where: str) -> datetime:
    if type(value) is not datetime and not isinstance(value, datetime):
        raise StoreError(
            "an instant must be a datetime",
            where=where,
            got=type(value).__name__,
            allowed="an aware datetime, e.g. in Asia/Shanghai",
        )
    if value.tzinfo is SHANGHAI:
        return value
    if value.tzinfo is None or value.utcoffset() is None:
        raise StoreError(
            "an instant needs a time zone",
            where=where,
            got=value.isoformat(),
            allowed="an aware datetime, e.g. in Asia/Shanghai",
        )
    try:
        return value.astimezone(SHANGHAI)
    except OverflowError:  # its day in Shanghai is before year 1 or after year 9999
        raise StoreError(
            "an instant Asia/Shanghai cannot show",
            where=where,
            got=value.isoformat(),
            allowed="an instant from year 1 to year 9999 in Asia/Shanghai",
        ) from None


def _text(value: object, where: str, limit: int) -> None:
    """Refuse what a text column cannot hold, the same way in every store."""
    if usable_text(value, limit):
        return  # the common case, decided first
    if not isinstance(value, str) or not value or len(value) > limit:
        got = f"{len(value)} characters" if isinstance(value, str) else type(value).__name__
        raise StoreError(
            "not a usable text value",
            where=where,
            got=got,
            allowed=f"text of 1 to {limit} characters",
        )
    if "\x00" in value or not valid_unicode(value):
        raise StoreError(
            "the text holds a NUL or an unpaired surrogate",
            where=where,
            allowed="text without NUL characters, encodable as UTF-8",
        )


def valid_unicode(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_stream_id(stream_id: object) -> str:
    """``stream_id`` if a store can hold it.

    Raises:
        StoreError: Not text of 1 to 200 characters without NUL characters.
    """
    _text(stream_id, "stream_id", MAX_STREAM_ID)
    return stream_id  # type: ignore[return-value]  # checked by _text


def _whole(value: object, where: str, most: int | None = None) -> int:
    if type(value) is not int or value < 0 or (most is not None and value > most):
        raise StoreError(
            "not a version number",
            where=where,
            got=value if type(value) is int else type(value).__name__,
            allowed="a whole number of 0 or more"
            + (f", at most {most:,}" if most is not None else ""),
        )
    return value


def check_prefix(prefix: object) -> None:
    """Check the argument of ``streams``.

    Raises:
        StoreError: ``prefix`` is not text, or holds what no stream id can: a NUL (which
            PostgreSQL cannot take) or an unpaired surrogate (which no database can).
    """
    if not isinstance(prefix, str):
        raise StoreError("a prefix must be text", where="prefix", got=type(prefix).__name__)
    if prefix and not usable_text(prefix, len(prefix)):
        _text(prefix, "prefix", len(prefix))


def check_after(stream_id: object, after: object) -> None:
    """Check the arguments of ``read``.

    Raises:
        StoreError: A stream id a store cannot hold, or ``after`` not a whole number
            from 0 to 2**63 - 1 (what a database's integers hold).
    """
    check_stream_id(stream_id)
    _whole(after, "after", _MAX_VERSION)


class _NotJson(Exception):
    """Raised inside the payload walk; carries the path of keys back out."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why
        self.path: list[str] = []

    def at(self, key: object) -> _NotJson:
        """This error, one level further out (``key`` is shown cut to 40 characters)."""
        self.path.append(str(key)[:40])
        return self


def _key(key: object) -> str:
    if not isinstance(key, str):
        raise _NotJson(f"has a key of type {type(key).__name__}")
    if not key.isascii() and not valid_unicode(key):
        raise _NotJson("has a key with an unpaired surrogate")
    return key


#: Types that are JSON as they are (or, for dates and fractions, in their text form).
_LEAVES = frozenset({int, bool, type(None), date, datetime, Fraction})


def _walk(value: Any, depth: int) -> None:
    """Accept exactly what the SQL store can write as JSON and read back.

    Hot: the in-memory store checks every event with it, so the common cases (text,
    plain leaves, dicts and lists of them) are decided inline by exact type and
    anything else goes the slower way of :func:`_walk_other`.
    """
    kind = type(value)
    if kind is dict or kind is MappingProxyType:
        if depth >= MAX_DEPTH:
            raise _NotJson(f"nests deeper than {MAX_DEPTH} levels")
        for key, item in value.items():
            if type(key) is not str or not key.isascii():
                _key(key)
            kind = type(item)
            if kind is str:
                if not item.isascii() and not valid_unicode(item):
                    raise _NotJson("holds text with an unpaired surrogate").at(key)
            elif kind not in _LEAVES or (kind is int and item.bit_length() > _MAX_INT_BITS):
                try:
                    _walk(item, depth + 1)
                except _NotJson as exc:
                    raise exc.at(key) from None
    elif kind is list or kind is tuple:
        if depth >= MAX_DEPTH:
            raise _NotJson(f"nests deeper than {MAX_DEPTH} levels")
        for index, item in enumerate(value):
            kind = type(item)
            if kind is str:
                if not item.isascii() and not valid_unicode(item):
                    raise _NotJson("holds text with an unpaired surrogate").at(index)
            elif kind not in _LEAVES or (kind is int and item.bit_length() > _MAX_INT_BITS):
                try:
                    _walk(item, depth + 1)
                except _NotJson as exc:
                    raise exc.at(index) from None
    elif kind is str:
        if not value.isascii() and not valid_unicode(value):
            raise _NotJson("holds text with an unpaired surrogate")
    elif kind in _LEAVES:
        if kind is int and value.bit_length() > _MAX_INT_BITS:
            _long_int(value)
    else:
        _walk_other(value, depth)


class Unusual(Exception):
    """Raised by :func:`checked_copy` for what only the full check decides."""


#: Values :func:`checked_copy` keeps as they are (text and whole numbers are checked).
ATOMS = frozenset({bool, type(None), date, datetime, Fraction})


def checked_copy(value: Mapping[str, Any], depth: int = 0) -> dict[str, Any]:
    """The in-memory store's one pass over a common payload: checked and copied at once.

    Accepts only what :func:`check_append` accepts (mappings with ASCII or valid text
    keys, lists, text, short whole numbers, booleans, null, dates, instants and
    fractions, nested at most :data:`MAX_DEPTH` deep) and copies it as the store keeps
    it: mappings as dicts, sequences as lists, dataclasses as mappings of their fields.
    Anything else (floats, subclasses, other mappings, a problem) raises
    :class:`Unusual`, and the caller takes the full way (:func:`check_append`, then
    a copy), which either gives the same copy or the store's error.
    """
    if depth >= MAX_DEPTH:
        raise Unusual
    copied = dict(value)
    for key, item in copied.items():
        if type(key) is not str or (not key.isascii() and not valid_unicode(key)):
            raise Unusual
        kind = type(item)
        if not ((kind is str and item.isascii()) or kind in ATOMS):  # the usual, decided here
            copied[key] = checked_value(item, depth + 1)
    return copied


def checked_value(item: Any, depth: int) -> Any:
    """One value of a payload as the store keeps it (see :func:`checked_copy`)."""
    kind = type(item)
    if kind is str:
        if item.isascii() or valid_unicode(item):
            return item
    elif kind is int:
        if item.bit_length() <= _MAX_INT_BITS:
            return item
    elif kind in ATOMS:
        return item
    elif kind is dict or kind is MappingProxyType:
        return checked_copy(item, depth)
    elif kind is list or kind is tuple:
        if depth >= MAX_DEPTH:
            raise Unusual
        return [v if (type(v) is str and v.isascii()) or type(v) in ATOMS
                else checked_value(v, depth + 1) for v in item]  # fmt: skip
    else:
        return checked_copy(_record_fields(item), depth)
    raise Unusual


#: The field names of each dataclass type met in a payload (``None``: not a dataclass).
_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _record_fields(value: object) -> dict[str, Any]:
    """A dataclass instance's fields as a mapping (as the SQL store writes it), else
    :class:`Unusual`."""
    kind = type(value)
    names = _FIELDS.get(kind, ())
    if names == ():
        names = _FIELDS[kind] = (
            tuple(f.name for f in dataclasses.fields(kind))
            if dataclasses.is_dataclass(kind)
            else None
        )
    if names is None:
        raise Unusual
    return {name: getattr(value, name) for name in names}


def usable_text(value: object, limit: int) -> bool:
    """Whether :func:`_text` accepts ``value`` at once (ASCII text of 1 to ``limit``)."""
    return (
        type(value) is str and 0 < len(value) <= limit and value.isascii() and "\x00" not in value
    )


def _long_int(value: int) -> None:
    """Python writes whole numbers of at most ``sys.get_int_max_str_digits()`` digits."""
    digits = sys.get_int_max_str_digits()
    if digits and abs(value) >= 10**digits:
        raise _NotJson("holds a whole number too long for JSON")


def _walk_other(value: object, depth: int) -> None:
    """The rarer cases: floats, subclasses (enums, named tuples), other mappings, dataclasses."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _NotJson("holds a number that is not finite")
    elif isinstance(value, (date, Fraction)):
        pass
    elif isinstance(value, str):  # a str subclass, e.g. an enum: JSON writes its text
        _walk(str(value), depth)
    elif isinstance(value, int):
        _walk(int(value), depth)
    elif isinstance(value, (list, tuple)):
        _walk(list(value), depth)
    elif isinstance(value, Mapping):
        _walk(dict(value), depth)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        _walk({f.name: getattr(value, f.name) for f in dataclasses.fields(value)}, depth)
    else:
        raise _NotJson(f"holds a {type(value).__name__}")


def _check_payload(payload: object, stream_id: object, version: int) -> None:
    if type(payload) is not dict and not isinstance(payload, Mapping):
        raise StoreError(
            "the payload is not a mapping",
            where=f"{stream_id} version {version}",
            got=type(payload).__name__,
            allowed="a mapping with text keys",
        )
    try:
        _walk(payload, 0)
    except _NotJson as exc:
        path = ".".join(["payload", *reversed(exc.path)])
        raise StoreError(
            f"the payload is not JSON: {path} {exc.why}",
            where=f"{stream_id} version {version}",
            allowed=_PAYLOAD_ALLOWED,
        ) from None


def moved_on(stream_id: str, expected_version: object, found: int) -> ConcurrencyError:
    """The error every store raises when a stream is not at the version a writer expected."""
    return ConcurrencyError(
        "the stream has moved on",
        where=stream_id,
        got=expected_version,
        allowed=f"expected version {found}: reload and retry",
    )


def check_append(stream_id: object, expected_version: object, events: object) -> None:
    """The rule every store applies before it writes ``events``; nothing is written if not.

    Raises:
        StoreError: The stream id, the version or an event cannot be stored; the error
            names the stream and the version the event would have had.
    """
    _text(stream_id, "stream_id", MAX_STREAM_ID)
    version = expected_version
    if type(version) is not int or version < 0:
        _whole(version, "expected_version")
    if type(events) is not list and (not isinstance(events, Sequence) or isinstance(events, str)):
        raise StoreError(
            "events must be a list of NewEvent",
            where=str(stream_id),
            got=type(events).__name__,
        )
    for offset, event in enumerate(events, start=1):
        if type(event) is not NewEvent:
            raise StoreError(
                "not a NewEvent",
                where=f"{stream_id} version {version + offset}",  # type: ignore[operator]
                got=type(event).__name__,
            )
        payload = event.payload
        if type(payload) is dict:
            try:
                _walk(payload, 0)
                continue
            except _NotJson:
                pass
        _check_payload(payload, stream_id, version + offset)  # type: ignore[operator]


def _json_value(value: Any) -> Any:
    """Dates, records and exact fractions as JSON (the engine keeps Python values)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, Mapping):
        return dict(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    raise TypeError(f"{type(value).__name__} is not JSON")


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event to append: what happened, with its data, who did it and when.

    Raises:
        StoreError: A type or actor that is not text a store can hold, or an
            ``occurred_at`` that is not an aware datetime. (The payload is checked
            when it is appended, by :func:`check_append`.)
    """

    type: str
    payload: Mapping[str, Any]
    actor: str
    occurred_at: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        _text(self.type, "type", MAX_TYPE)
        _text(self.actor, "actor", MAX_ACTOR)
        object.__setattr__(self, "occurred_at", _aware(self.occurred_at, "occurred_at"))

    def payload_json(self) -> str:
        """The payload as JSON text (what a database stores).

        Raises:
            StoreError: If the payload holds something JSON cannot represent.
        """
        try:
            return json.dumps(
                dict(self.payload),
                ensure_ascii=False,
                allow_nan=False,
                sort_keys=True,
                default=_json_value,
            )
        except (TypeError, ValueError, RecursionError) as exc:
            raise StoreError(
                f"the payload is not JSON ({type(exc).__name__})", where=self.type
            ) from None


@dataclass(frozen=True, slots=True)
class Event:
    """A committed event."""

    stream_id: str
    seq: int
    type: str
    payload: Mapping[str, Any]
    actor: str
    occurred_at: datetime
    recorded_at: datetime

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "stream_id": self.stream_id,
            "seq": self.seq,
            "type": self.type,
            "payload": dict(self.payload),
            "actor": self.actor,
            "occurred_at": self.occurred_at.isoformat(),
            "recorded_at": self.recorded_at.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "event") -> Event:
        """Read an event exported by :meth:`to_dict`.

        Raises:
            StoreError: Not an event (the error names ``where``, never the content).
        """
        try:
            if not (isinstance(data["type"], str) and isinstance(data["actor"], str)):
                raise TypeError("the type and the actor are text")
            if not isinstance(data["payload"], Mapping):
                raise TypeError("the payload is a mapping")
            return cls(
                stream_id=check_stream_id(data["stream_id"]),
                seq=_whole(data["seq"], where),
                type=str(data["type"]),
                payload=dict(data["payload"]),
                actor=str(data["actor"]),
                occurred_at=_aware(datetime.fromisoformat(data["occurred_at"]), where),
                recorded_at=_aware(datetime.fromisoformat(data["recorded_at"]), where),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError(f"not an event ({type(exc).__name__})", where=where) from None
