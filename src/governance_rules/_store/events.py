"""Events: the append-only record every workflow state is rebuilt from.

An event belongs to a stream (one meeting, one issue, one committee term) and has
a sequence number within it, starting at 1. ``occurred_at`` and ``recorded_at``
are timezone-aware instants in Asia/Shanghai.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

from governance_rules.errors import StoreError

__all__ = ["SHANGHAI", "Event", "NewEvent", "now"]

SHANGHAI = ZoneInfo("Asia/Shanghai")


def now() -> datetime:
    """The current instant in Asia/Shanghai."""
    return datetime.now(SHANGHAI)


def _aware(value: datetime, where: str) -> datetime:
    if value.tzinfo is SHANGHAI:
        return value
    if value.tzinfo is None:
        raise StoreError(
            "an instant needs a time zone",
            where=where,
            got=value.isoformat(),
            allowed="an aware datetime, e.g. in Asia/Shanghai",
        )
    return value.astimezone(SHANGHAI)


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
    """An event to append: what happened, with its data, who did it and when."""

    type: str
    payload: Mapping[str, Any]
    actor: str
    occurred_at: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
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
        except (TypeError, ValueError) as exc:
            raise StoreError(f"the payload is not JSON: {exc}", where=self.type) from exc


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
        """Read an event exported by :meth:`to_dict`."""
        try:
            return cls(
                stream_id=str(data["stream_id"]),
                seq=int(data["seq"]),
                type=str(data["type"]),
                payload=dict(data["payload"]),
                actor=str(data["actor"]),
                occurred_at=_aware(datetime.fromisoformat(data["occurred_at"]), where),
                recorded_at=_aware(datetime.fromisoformat(data["recorded_at"]), where),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError(f"not an event: {exc}", where=where) from exc
