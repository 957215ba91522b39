"""The typed arguments of every workflow command, checked before anything is written.

Each :class:`~governance_rules._workflows.core.Transition` names its schema (a
pydantic model, strict: a date is a ``datetime.date`` and not a string or a
datetime, a count is an ``int`` and not a bool or a float). Unknown arguments are
refused, days must lie within the calendar's years, counts are whole and
non-negative, and a list-valued argument is a list or a tuple (never a bare text,
which would pass for a sequence of characters). What depends on the charter (a body
on the roster, a known issue category, an action item that exists) stays with the
guards, which run after this.

>>> from datetime import date
>>> from governance_rules._calendar import WorkingCalendar
>>> problem = Postpone.problem({"date": "2026-07-01"}, WorkingCalendar.china())
>>> problem.what, problem.argument, problem.allowed
('wrong type', 'date', 'a datetime.date within 2001-01-01 to 2036-12-31')
>>> Postpone.problem({"date": date(2026, 7, 1)}, WorkingCalendar.china()) is None
True
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, ClassVar, Literal, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter.meetings import NoticeItem
from governance_rules._charter.types import MAX_MEMBERS

__all__ = [
    "ARGUMENTS",
    "ArgumentProblem",
    "Arguments",
    "NoArguments",
]

_MAX_TEXT = 10_000
#: The largest count a command takes: the most members a charter may give a body.
_MAX_COUNT = MAX_MEMBERS


def _in_calendar(day: date, info: ValidationInfo) -> date:
    calendar: WorkingCalendar | None = (info.context or {}).get("calendar")
    if calendar is not None and not calendar.first_date <= day <= calendar.last_date:
        raise ValueError("outside the calendar's years")
    return day


Day = Annotated[
    date, AfterValidator(_in_calendar), Field(description="a datetime.date within {range}")
]
Count = Annotated[
    int, Field(ge=0, le=_MAX_COUNT, description=f"a whole number from 0 to {_MAX_COUNT:,}")
]
Name = Annotated[
    str, Field(min_length=1, max_length=200, description="a name of at most 200 characters")
]
Text = Annotated[
    str, Field(max_length=_MAX_TEXT, description=f"text of at most {_MAX_TEXT:,} characters")
]
Index = Annotated[int, Field(ge=0, le=_MAX_COUNT, description="the item's number (0, 1, …)")]


def _listed(value: object) -> object:
    """A tuple as the list it stands for (strict validation takes only a list); a bare
    text refused by name, as it would otherwise pass for a sequence of characters.

    >>> _listed(("lift", "gate"))
    ['lift', 'gate']
    >>> _listed("lift")
    Traceback (most recent call last):
    ...
    ValueError: wrong type: one text, not a list or tuple of them
    """
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, str | bytes):
        raise ValueError("wrong type: one text, not a list or tuple of them")
    return value


#: Put on a list-valued argument: a list or a tuple is taken, a bare text is not.
Listed = BeforeValidator(_listed)


def _mapped(value: object) -> object:
    """Any mapping (a ``MappingProxyType``, an app's own) as the dict it stands for
    (strict validation takes only a dict).

    >>> from types import MappingProxyType
    >>> _mapped(MappingProxyType({"owners_committee": 3}))
    {'owners_committee': 3}
    """
    if isinstance(value, Mapping) and type(value) is not dict:
        return dict(value)
    return value


#: Put on a mapping-valued argument: any mapping is taken, as its error says.
Mapped = BeforeValidator(_mapped)


@dataclass(frozen=True, slots=True)
class ArgumentProblem:
    """Why one argument of a command is refused."""

    argument: str
    what: str
    got: Any
    allowed: str


_WHAT = {
    "extra_forbidden": "unknown argument",
    "missing": "missing argument",
    "date_type": "wrong type",
    "int_type": "wrong type",
    "string_type": "wrong type",
    "dict_type": "wrong type",
    "list_type": "wrong type",
    "model_type": "wrong type",
    "literal_error": "not one of the allowed values",
}


class Arguments(BaseModel):
    """The arguments of one command (none unless a subclass declares them)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    starter: ClassVar[str | None] = None
    """For a workflow's first command: the engine method's arguments instead."""

    @classmethod
    def problem(
        cls, args: Mapping[str, Any], calendar: WorkingCalendar | None = None
    ) -> ArgumentProblem | None:
        """The first problem with ``args`` (``None`` if they are valid)."""
        if not args and cls is NoArguments:
            return None
        try:
            cls.__pydantic_validator__.validate_python(args, context={"calendar": calendar})
        except ValidationError as exc:
            return cls._explain(_first(exc.errors(include_url=False)), args, calendar)
        return None

    @classmethod
    def _explain(
        cls, error: Any, args: Mapping[str, Any], calendar: WorkingCalendar | None
    ) -> ArgumentProblem:
        # the first part is always a field or a key the app passed, whatever it looks
        # like (``items[0]``, ``int``): only the parts after it may be union tags
        loc = [str(part) for i, part in enumerate(error["loc"]) if not i or not _branch_tag(part)]
        argument = ".".join(loc) if loc else "arguments"
        top = loc[0] if loc else ""
        field = cls.model_fields.get(top)
        if error["type"] == "extra_forbidden" or field is None:
            allowed = ", ".join(cls.model_fields) or "no arguments"
            return ArgumentProblem(argument, _WHAT["extra_forbidden"], top, allowed)
        allowed = _describe(field.description or allowed_text(field.annotation), calendar)
        what = _WHAT.get(error["type"]) or _what_of_text(error)
        got = args.get(top) if len(loc) == 1 else error.get("input")
        return ArgumentProblem(argument, what, got, allowed)

    @classmethod
    def signature(cls) -> str:
        """The arguments for a table: ``date`` when required, ``present?`` when optional.

        >>> RecordDecision.signature()
        'matter?, votes?, method?, approvals?, outcome?, owner?, due?'
        """
        if cls.starter is not None:
            return cls.starter
        names = [n if f.is_required() else f"{n}?" for n, f in cls.model_fields.items()]
        return ", ".join(names) or "-"


def _first(errors: list[Any]) -> Any:
    """The error to report: the first one, unless the argument it is about is a union
    (one text or a list of them) and another member got further than its type: a list
    of texts with one bad text is refused for that text, not as a list that is no text."""
    top = errors[0]["loc"][:1]
    for error in errors:
        if error["loc"][:1] == top and not str(error["type"]).endswith("_type"):
            return error
    return errors[0]


def _what_of_text(error: Any) -> str:
    """What is wrong, in the library's words where pydantic's name its own types."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "string_too_long":
        return f"more than {ctx.get('max_length', 0):,} characters"
    if kind == "string_too_short":
        return "empty text" if ctx.get("min_length") == 1 else "too short"
    if kind == "too_long":
        return f"more than {ctx.get('max_length', 0):,} items"
    if kind == "too_short":
        least = ctx.get("min_length", 0)
        return "an empty list" if least == 1 else f"fewer than {least:,} items"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == r"\S":
        return "blank text (no visible character)"
    if kind == "string_unicode":
        return "text that cannot be kept as UTF-8 (an unpaired surrogate)"
    return str(error["msg"]).removeprefix("Value error, ")


def _branch_tag(part: object) -> bool:
    """Whether a part of pydantic's error location names a union member it tried
    (``list[union[constrained-str,int]]``, ``int``) rather than a field, key or index:
    an app reads the path to its own value, ``scores.0.1``."""
    return type(part) is str and ("[" in part or part in _SCALAR_TAGS)


#: pydantic's tags for scalar members of a union, in an error's location.
_SCALAR_TAGS = frozenset(
    {"int", "str", "float", "bool", "bytes", "none", "constrained-str", "constrained-int"}
)


def allowed_text(annotation: Any) -> str:
    """What a field's type allows, in words (for a field without a description).

    >>> allowed_text(Name | None)
    'a name of at most 200 characters, or None'
    >>> allowed_text(Literal["passed", "failed"])
    "one of 'passed', 'failed'"
    """
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Union or origin is types.UnionType:
        words = [allowed_text(a) for a in args if a is not type(None)]
        return " or ".join(words) + (", or None" if type(None) in args else "")
    if origin is Annotated:
        described = [m.description for m in args[1:] if isinstance(m, FieldInfo)]
        return next((d for d in described if d), None) or allowed_text(args[0])
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in args)
    return getattr(annotation, "__name__", str(annotation))


def _describe(text: str, calendar: WorkingCalendar | None) -> str:
    span = calendar.range_text if calendar is not None else "the calendar's years"
    return text.replace("{range}", span)


class NoArguments(Arguments):
    """A command that takes no arguments."""


class Plan(Arguments):
    """``plan``: built by :meth:`Engine.plan_meeting` from what the app passes."""

    starter: ClassVar[str | None] = "meeting_kind, day, on, roster?, override?, rotation?"
    meeting_kind: Name
    date: Day
    roster: Annotated[dict[Name, Count], Mapped] = Field(
        description="each body and its number of seats"
    )
    roles: Annotated[dict[Name, list[Name]], Mapped] = Field(
        default_factory=dict, description="role → bodies"
    )
    window_start: Day | None = None
    taken: Count = 0
    review: list[Text] = Field(default_factory=list, description="open items to review")
    override: Text | None = Field(default=None, description="the reason for planning anyway")
    rotation: list[Name] = Field(default_factory=list, description="the bodies in turn")
    rotation_start: Day | None = None


_NOTICE_KEYS = tuple(item.value for item in NoticeItem)
#: The items a notice states once (one time, one place); the others may be a list.
_SINGLE = frozenset({NoticeItem.TIME.value, NoticeItem.PLACE.value})


def _notice_item(key: str) -> str:
    if key not in _NOTICE_KEYS:
        raise ValueError("not an item a notice states")
    return key


Line = Annotated[str, Field(min_length=1, max_length=_MAX_TEXT, pattern=r"\S")]
Lines = Annotated[list[Line], Listed, Field(min_length=1, max_length=100)]
NoticeKey = Annotated[str, AfterValidator(_notice_item)]
_CONTENTS = (
    f"a mapping of {', '.join(_NOTICE_KEYS)} to non-empty text of at most {_MAX_TEXT:,} "
    "characters (topics, attendees and materials: text or a list or tuple of at most 100 "
    "texts)"
)


class IssueNotice(Arguments):
    """``issue_notice``: what the notice states (``contents``), and where the charter makes
    the notice wait for an approval, how many members of each approving body agreed.

    ``contents`` maps each item the notice states (``time``, ``place``, ``topics``,
    ``attendees``, ``materials``: the charter's ``notice.content`` vocabulary) to
    non-empty text; ``topics``, ``attendees`` and ``materials`` may be a list (or a
    tuple) of such texts, ``time`` and ``place`` are one text each.

    >>> IssueNotice.problem({"contents": {"time": "14:00", "venue": "hall"}}).argument
    'contents.venue'
    >>> IssueNotice.problem({"contents": {"place": ["hall", "yard"]}}).what
    'place is one text (got a list); a list is for topics, attendees, materials'
    >>> IssueNotice.problem({"contents": {"topics": ["lift", "gate"], "time": "9:00"}}) is None
    True
    """

    approvals: Annotated[dict[Name, Count], Mapped] = Field(
        default_factory=dict, description="each approving body → its members who agreed"
    )
    contents: Annotated[dict[NoticeKey, Line | Lines], Mapped] = Field(
        default_factory=dict, description=_CONTENTS
    )

    @field_validator("contents")
    @classmethod
    def _one_time_one_place(cls, contents: dict[str, str | list[str]]) -> dict[str, Any]:
        for key in _NOTICE_KEYS:
            if key in _SINGLE and isinstance(contents.get(key), list):
                lists = ", ".join(k for k in _NOTICE_KEYS if k not in _SINGLE)
                raise ValueError(f"{key} is one text (got a list); a list is for {lists}")
        return contents


class Hold(Arguments):
    """``hold``: who is present."""

    present: Annotated[dict[Name, Count], Mapped] = Field(
        default_factory=dict, description="a mapping of each body to its members present"
    )


class VoteArg(BaseModel):
    """One member's vote at a meeting."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    body: Name
    choice: Name = Field(description="yes/no/abstain (or 赞成/反对/弃权)")
    voter: Name | None = None


class RecordDecision(Arguments):
    """``record_decision``: the matter, the votes (or each body's approval), the outcome
    where declared."""

    matter: Text = ""
    votes: Annotated[list[VoteArg], Listed] = Field(
        default_factory=list, description="a list or tuple of {body, choice, voter?}"
    )
    method: Literal["voice", "show_of_hands", "secret_ballot", "signature"] = "show_of_hands"
    approvals: Annotated[dict[Name, Name], Mapped] = Field(
        default_factory=dict,
        description="a joint approval: each approving body → yes or no (同意/不同意)",
    )
    outcome: Literal["passed", "failed"] | None = None
    owner: Name | None = Field(default=None, description="the body that owns the action item")
    due: Day | None = None


class SignMinutes(Arguments):
    """``sign_minutes``: which of the body's seats signs (0 unless several)."""

    slot: Index = 0


class SetAgenda(Arguments):
    """``set_agenda``: the topics to discuss beyond the charter's standing parts (which
    the agenda always has: ``agenda.fixed_items``, and the review of earlier decisions
    where ``agenda.reviews_previous_decisions``).

    ``items`` is a list or a tuple of texts; one text alone is refused rather than read
    as its characters.

    >>> SetAgenda.problem({"items": ("the lift", "the gate")}) is None
    True
    >>> problem = SetAgenda.problem({"items": "the lift"})
    >>> problem.argument, problem.what
    ('items', 'wrong type: one text, not a list or tuple of them')
    >>> SetAgenda.problem({"items": ("the lift", 3)}).argument
    'items.1'
    """

    items: Annotated[list[Text], Listed] = Field(
        default_factory=list,
        max_length=100,
        description="a list or tuple of at most 100 topics, each text",
    )


class Postpone(Arguments):
    """``postpone``: the new day."""

    date: Day


class Item(Arguments):
    """``complete_action`` / ``action_overdue``: the action item's number."""

    item: Index


class NextStep(Arguments):
    """``next_step``: optionally, the step the caller means to move to (checked)."""

    step: Name | None = None


class Duty(Arguments):
    """``duty_late``: the duty that was missed (system only)."""

    duty: Name


class Report(Arguments):
    """``report``: the problem reported (via :meth:`Engine.report_issue`)."""

    starter: ClassVar[str | None] = "on, summary?"
    summary: Text = ""
    category: Name | None = None


class Triage(Arguments):
    """``triage``: the category the problem belongs to."""

    category: Name


class Breach(Arguments):
    """``breach``: a ladder deadline passed (system only)."""

    deadline: Name
    key: Name


class Members(Arguments):
    """``change_members`` / ``reelect``: the number of members, and the counts the
    charter's composition targets name (e.g. ``party_members=3``)."""

    model_config = ConfigDict(strict=True, extra="allow", frozen=True)
    starter: ClassVar[str | None] = "members?, **composition counts"

    term: Name | None = None
    members: Count | None = Field(
        default=None, description=f"a whole number from 0 to {_MAX_COUNT:,}"
    )
    """Required where the term rule counts members (a size, composition targets, fewer
    than half, a change report): the term's guards refuse it missing there."""

    @model_validator(mode="after")
    def _counts(self) -> Members:
        for name, value in (self.model_extra or {}).items():
            if type(value) is not int or self.members is None or not 0 <= value <= self.members:
                raise ValueError(f"{name}: a count from 0 to the number of members")
        return self

    @classmethod
    def problem(
        cls, args: Mapping[str, Any], calendar: WorkingCalendar | None = None
    ) -> ArgumentProblem | None:
        """The first problem with ``args``; a composition count is named with its value."""
        found = super().problem(args, calendar)
        if found is not None and found.argument == "arguments":  # raised by _counts
            members = args.get("members")
            for name, value in args.items():
                fits = type(value) is int and type(members) is int and 0 <= value <= members
                if name not in cls.model_fields and not fits:
                    allowed = f"a whole number from 0 to {members} (the members)"
                    return ArgumentProblem(name, "wrong type or out of range", value, allowed)
        return found


class ChangeMembers(Members):
    """``change_members``: only where the term rule counts members, so it needs them
    (the term's guard refuses it without)."""

    starter: ClassVar[str | None] = "members, **composition counts"


class Elect(Members):
    """``elect``: built by :meth:`Engine.elect`; ``serving`` lists the same committee's
    terms whose streams have not ended (the engine's count, not the caller's)."""

    starter: ClassVar[str | None] = "term, on, members?, **composition counts"

    serving: list[Name] = Field(default_factory=list, description="terms not yet ended")


class GiveNotice(Arguments):
    """``give_notice``: the contract's last day (left out for a notice of non-renewal,
    which ends it with its term)."""

    ends_on: Day | None = None


class OpenAppraisal(Arguments):
    """``open``: the appraisal year."""

    starter: ClassVar[str | None] = "year, on"

    year: int = Field(ge=1, le=9998, description="a year (this year or the last)")
    same_year: list[Name] = Field(
        default_factory=list, description="appraisals of that year already opened (the engine's)"
    )


class Scores(Arguments):
    """``record_scores``: rows of (subject, item, value)."""

    scores: Annotated[list[list[Name | int] | tuple[Name | int, ...]], Listed] = Field(
        description="a list or tuple of (subject, item, value) rows", min_length=1
    )


class Objection(Arguments):
    """``object``: the subject objected to, and the objection."""

    subject: Name
    text: Text = ""


class Answer(Arguments):
    """``answer_objection``: the objection's number and the answer."""

    index: Index
    answer: Text = ""


ARGUMENTS: dict[str, type[Arguments]] = {
    "plan": Plan,
    "issue_notice": IssueNotice,
    "hold": Hold,
    "record_decision": RecordDecision,
    "sign_minutes": SignMinutes,
    "postpone": Postpone,
    "set_agenda": SetAgenda,
    "complete_action": Item,
    "action_overdue": Item,
    "duty_late": Duty,
    "next_step": NextStep,
    "report": Report,
    "triage": Triage,
    "breach": Breach,
    "elect": Elect,
    "reelect": Members,
    "change_members": ChangeMembers,
    "give_notice": GiveNotice,
    "open": OpenAppraisal,
    "record_scores": Scores,
    "object": Objection,
    "answer_objection": Answer,
}
"""Each command's arguments by trigger; a trigger not listed takes none."""


def schema_for(trigger: str) -> type[Arguments]:
    """The argument schema of ``trigger``."""
    return ARGUMENTS.get(trigger, NoArguments)
