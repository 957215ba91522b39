"""Field types of the charter language: fractions, periods, timings, thresholds, citations.

Each type accepts the forms a charter author writes in YAML and validates them
into exact values (``Fraction``, ``Period``, ``date``), never floats or loose text.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping
from datetime import date
from fractions import Fraction
from typing import Annotated, Any, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    PlainSerializer,
    TypeAdapter,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from governance_rules._calendar.days import iso_date
from governance_rules._calendar.periods import Period
from governance_rules._charter.readonly import pickled

__all__ = [
    "MAX_MEMBERS",
    "BodyId",
    "Citation",
    "Day",
    "ExactFraction",
    "Frozen",
    "PeriodValue",
    "Rule",
    "Text",
    "Threshold",
    "Timing",
    "TimingKind",
    "Whole",
    "parse_fraction",
]


class Frozen(BaseModel):
    """Base of every charter model: unknown keys refused, values immutable.

    Immutable all the way down: fields cannot be reassigned, and their containers
    are tuples and read-only mappings (:mod:`governance_rules._charter.readonly`),
    since one loaded charter is shared by every caller. A changed model is a new one,
    validated: :meth:`model_copy` with ``update``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """This model with the fields in ``update`` replaced, validated like any other.

        Unlike pydantic's copy, the update is validated (so it is read-only too, and
        checked), and nothing computed from the old values is carried over. Without
        ``update`` the model itself is returned: it cannot change, so it is its own copy
        (``deep`` changes nothing, for the same reason).

        >>> text = Text(zh="业主委员会")
        >>> text.model_copy(update={"en": "owners' committee"}).get("en")
        "owners' committee"
        >>> text.model_copy() is text
        True
        """
        if not update:
            return self
        data = {name: getattr(self, name) for name in self.model_fields_set}
        return self.model_validate({**data, **update})

    def __copy__(self) -> Self:
        return self  # nothing in it can change: a copy is the same model

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        return self

    def __getstate__(self) -> dict[Any, Any]:
        state = super().__getstate__()
        # read-only mappings go into the pickle as plain dicts, and come out read-only
        return {
            **state,
            "__dict__": pickled(state["__dict__"]),
            "__pydantic_private__": pickled(state["__pydantic_private__"]),
        }


# -- fractions ----------------------------------------------------------------------------
_FRACTION_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
_PERCENT_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")
_WHOLE_RE = re.compile(r"^\s*(\d+)\s*$")


def parse_fraction(value: object) -> Fraction:
    """Read ``"2/3"``, ``"85%"``, ``1`` (or ``"1"``, as a fraction is written back) or a
    Fraction; never a float (not exact).

    >>> parse_fraction("2/3"), parse_fraction("85%"), parse_fraction(1), parse_fraction("1")
    (Fraction(2, 3), Fraction(17, 20), Fraction(1, 1), Fraction(1, 1))
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise ValueError(f"expected a fraction such as '2/3' or '85%' (got {value!r})")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, str):
        if match := _FRACTION_RE.match(value):
            num, den = int(match[1]), int(match[2])
            if den == 0:
                raise ValueError(f"the denominator cannot be 0 (got {value!r})")
            return Fraction(num, den)
        if match := _PERCENT_RE.match(value):
            return Fraction(match[1]) / 100
        if match := _WHOLE_RE.match(value):
            return Fraction(int(match[1]))
    raise ValueError(
        f"expected an exact fraction such as '2/3' or '85%', not a decimal (got {value!r})"
    )


def _unit_fraction(value: object) -> Fraction:
    result = parse_fraction(value)
    if not 0 < result <= 1:
        raise ValueError(f"must be a fraction in (0, 1] (got {value!r})")
    return result


ExactFraction = Annotated[
    Fraction,
    BeforeValidator(_unit_fraction),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {"anyOf": [{"type": "string", "pattern": r"^\d+/\d+$|^\d+(\.\d+)?%$|^1$"}, {"const": 1}]}
    ),
]
"""A fraction in (0, 1], written ``"2/3"``, ``"85%"`` or ``1``."""


# -- dates and periods -----------------------------------------------------------------------
def _parse_day(value: object) -> date:
    day = iso_date(value)
    if day is None:
        raise ValueError(f"expected a date YYYY-MM-DD (got {value!r})")
    return day


Day = Annotated[
    date,
    BeforeValidator(_parse_day),
    PlainSerializer(date.isoformat, return_type=str),
    WithJsonSchema({"type": "string", "format": "date"}),
]

PeriodValue = Annotated[
    Period,
    BeforeValidator(Period.from_value),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "oneOf": [
                {"type": "string", "description": "e.g. '3 working days', '15 days', '一周'"},
                {
                    "type": "object",
                    "properties": {
                        "amount": {"type": "integer", "minimum": 0},
                        "unit": {"enum": ["working_days", "days", "weeks", "months", "years"]},
                    },
                    "required": ["amount", "unit"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]


def _not_true_or_false(value: object) -> object:
    if isinstance(value, bool):  # pydantic reads true as 1: `seats: true` was one seat
        raise ValueError(f"expected a whole number (got {str(value).lower()})")
    return value


Whole = Annotated[int, BeforeValidator(_not_true_or_false)]
"""A whole number of a charter (seats, meetings per period, a day of the month…):
never ``true`` or ``false``, as for a fraction."""

MAX_MEMBERS = 100_000
"""The most members a charter may give a body (seats, a committee's size): the most
the engine counts in a roster, a ballot or an election."""

BodyId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""The id of a body declared in the charter's ``bodies`` (``owners_committee``)."""

#: The JSON Schema of a body id, for fields that also take one as a shorthand.
BODY_ID_SCHEMA: dict[str, Any] = TypeAdapter(BodyId).json_schema()


def also_written_as(*forms: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    """A field's ``json_schema_extra``: the schema also allows ``forms``, the shorthands
    its ``mode="before"`` validator reads (which pydantic's schema cannot see)."""

    def extend(schema: dict[str, Any]) -> None:
        members = schema.pop("anyOf", None) or [
            {k: schema.pop(k) for k in list(schema) if k not in _KEPT_OUTSIDE}
        ]
        schema["anyOf"] = [*forms, *members]

    return extend


#: What stays beside ``anyOf`` when a field's schema is widened by :func:`also_written_as`.
_KEPT_OUTSIDE = frozenset({"default", "description", "title"})


class _StringOrObject(Frozen):
    """A model that YAML may also give as one string: the JSON Schema says so."""

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"anyOf": [{"type": "string"}, handler(core_schema)]}


class Text(_StringOrObject):
    """A bilingual label: ``{zh: 业主委员会, en: owners' committee}`` or one string."""

    zh: str | None = None
    en: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"en": data} if data.isascii() else {"zh": data}
        return data

    @model_validator(mode="after")
    def _not_empty(self) -> Text:
        if not (self.zh or self.en):
            raise ValueError("a label needs zh or en text")
        return self

    def get(self, lang: str = "en") -> str:
        """The label in ``lang`` (``en`` or ``zh``), falling back to the other language."""
        first, second = (self.zh, self.en) if lang == "zh" else (self.en, self.zh)
        return first or second or ""


# -- citations --------------------------------------------------------------------------------
class Citation(Frozen):
    """Where a rule comes from: a document of the charter, an article, and our own summary.

    ``doc`` names an entry of the charter's ``documents``, which holds the document's
    title, issuer and date (and, for authors, the file it is stored in); ``summary``
    is written in our own words, never copied from the source. ``Charter.citation``
    renders it for readers as ``《title》article``.
    """

    doc: str = Field(description="key of an entry in the charter's `documents`")
    article: str | None = Field(
        default=None, description="article or section, as the document numbers it"
    )
    lines: str | None = Field(default=None, description="line range in the source file")
    summary: str = Field(min_length=3, description="one line in our own words")


class Rule(Frozen):
    """Base of every rule: it cites its source and may carry a note on the reading chosen."""

    source: Citation
    note: str | None = Field(default=None, description="ambiguity, reading chosen and why")


# -- thresholds and timings -----------------------------------------------------------------
class Threshold(Frozen):
    """A fraction with an explicit comparison (民法典 第1259条).

    ``inclusive: true`` reads 以上/以内 ("at least": >=); ``false`` reads 过半数/超过
    ("more than": >).
    """

    fraction: ExactFraction
    inclusive: bool

    def met(self, part: Fraction | int, whole: Fraction | int) -> bool:
        """True if ``part / whole`` meets the threshold (``whole`` must be positive).

        >>> Threshold(fraction="2/3", inclusive=True).met(2, 3)
        True
        >>> Threshold(fraction="1/2", inclusive=False).met(1, 2)
        False
        """
        share = Fraction(part) / Fraction(whole)
        return share >= self.fraction if self.inclusive else share > self.fraction

    def describe(self) -> str:
        """``'>= 2/3'`` or ``'> 1/2'``."""
        return f"{'>=' if self.inclusive else '>'} {self.fraction}"


class TimingKind(enum.Enum):
    """How soon a duty must be done."""

    PERIOD = "period"
    """Within a stated period."""
    IMMEDIATELY = "immediately"
    """立即 / 第一时间: at once."""
    PROMPTLY = "promptly"
    """及时: promptly, no number given."""
    AT_SUITABLE_TIMES = "at_suitable_times"
    """适时: at suitable times, as occasion arises; not a promise of speed like 及时."""
    IN_ADVANCE = "in_advance"
    """提前 with no number: ahead of the event, by an amount the source does not give."""
    ANY_TIME = "any_time"
    """随时: whenever needed."""
    UNSPECIFIED = "unspecified"
    """The source gives no time at all."""


_TIMING_WORDS = {k.value: k for k in TimingKind if k is not TimingKind.PERIOD}
_TIMING_WORDS |= {"ad hoc": TimingKind.ANY_TIME, "any time": TimingKind.ANY_TIME}


class Timing(_StringOrObject):
    """A deadline that may be a period or an open word the source uses.

    YAML forms: ``"3 working days"``, ``"immediately"``, ``"promptly"``,
    ``"at_suitable_times"``, ``"in_advance"``, ``"any_time"``, ``"unspecified"``, or
    ``{kind: promptly, word: 及时}`` to keep the source's word.

    >>> Timing.model_validate("3个工作日").period
    Period(amount=3, unit=<PeriodUnit.WORKING_DAYS: 'working_days'>)
    >>> Timing.model_validate({"kind": "promptly", "word": "及时"}).is_open
    True
    >>> str(Timing.model_validate({"kind": "at_suitable_times", "word": "适时"}))
    'at_suitable_times (适时)'
    """

    kind: TimingKind
    period: PeriodValue | None = None
    word: str | None = Field(default=None, description="the source's own word, e.g. 及时")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if isinstance(data, str):
            word = data.strip().lower().replace("-", " ")
            kind = _TIMING_WORDS.get(word) or _TIMING_WORDS.get(word.replace(" ", "_"))
            if kind is not None:
                return {"kind": kind}
            return {"kind": TimingKind.PERIOD, "period": data}
        if isinstance(data, dict) and "period" in data and "kind" not in data:
            return {"kind": TimingKind.PERIOD, **data}
        return data

    @model_validator(mode="after")
    def _period_iff_kind(self) -> Timing:
        if (self.kind is TimingKind.PERIOD) != (self.period is not None):
            raise ValueError("a period is given exactly when kind is 'period'")
        return self

    @property
    def is_open(self) -> bool:
        """True if the source gives no number (promptly, at suitable times, in advance …)."""
        return self.kind not in (TimingKind.PERIOD, TimingKind.IMMEDIATELY)

    def __str__(self) -> str:
        if self.period is not None:
            return str(self.period)
        return self.kind.value + (f" ({self.word})" if self.word else "")
