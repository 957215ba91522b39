"""Meetings: cadence and window, notice, agenda, quorum, decision rule, minutes, action items."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from governance_rules._calendar import windows as win
from governance_rules._calendar.windows import LastWeekReading, Window
from governance_rules._charter.bodies import RoleAssignment
from governance_rules._charter.readonly import ReadOnlyMap, no_entries
from governance_rules._charter.types import BodyId, Frozen, Rule, Text, Threshold, Timing, Whole
from governance_rules._i18n import normalize_lang, text

__all__ = [
    "ActionItems",
    "Agenda",
    "Cadence",
    "Counting",
    "DecisionSpec",
    "MeetingKind",
    "MeetingRule",
    "Minutes",
    "Notice",
    "NoticeItem",
    "ProcedureStep",
    "Quorum",
    "Recurrence",
    "RecurrenceKind",
    "SignOff",
    "VotingMethod",
    "WindowSpec",
]

_CADENCE_WORDS = {
    "monthly": (1, 1),
    "twice_monthly": (2, 1),
    "half_monthly": (2, 1),
    "bimonthly": (1, 2),
    "quarterly": (1, 3),
    "half_yearly": (1, 6),
    "yearly": (1, 12),
    "annual": (1, 12),
}


class Cadence(Rule):
    """How often: ``times`` per ``months`` months (quarterly = 1 per 3), at least or exactly.

    YAML: ``{every: quarterly, source: …}`` or ``{times: 2, months: 1, source: …}``.
    Where the source offers alternatives ("every half month or every month"), ``every``
    lists them: ``{every: [half_monthly, monthly]}``. They must share one period (here a
    month); the period then needs the fewest meetings any alternative asks for
    (``times``: one) and allows the most (``up_to``: two). Nothing else is assumed.

    >>> both = Cadence(every=["half_monthly", "monthly"],
    ...                source={"doc": "d", "summary": "Every half month or every month."})
    >>> both.times, both.up_to, both.most, both.describe()
    (1, 2, 2, '1 to 2 per 1 month (half_monthly or monthly)')
    """

    times: Whole = Field(default=1, ge=1)
    months: Whole = Field(default=1, ge=1, le=12)
    at_least: bool | None = Field(
        default=None,
        description="true: at least (至少); false: normally or exactly; null: not said",
    )
    every: str | tuple[str, ...] | None = Field(
        default=None,
        description="monthly, bimonthly, quarterly …, or a list of alternatives "
        "sharing one period ([half_monthly, monthly])",
    )
    up_to: Whole | None = Field(
        default=None,
        ge=1,
        description="alternatives only (set from `every`): the most meetings per period "
        "an alternative asks for",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_word(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        every = data.get("every")
        if isinstance(every, str):
            word, (times, months) = _cadence_word(every)
            if (data.get("times", times), data.get("months", months)) != (times, months):
                raise ValueError(f"'{word}' means {times} per {months} month(s)")
            if data.get("up_to") is not None:
                raise ValueError("'up_to' comes from alternatives: every: [a, b]")
            return {**data, "every": word, "times": times, "months": months}
        if isinstance(every, list | tuple):
            return _alternatives(data, every)
        if data.get("up_to") is not None:
            raise ValueError("'up_to' comes from alternatives: every: [a, b]")
        return data

    @model_validator(mode="after")
    def _divides_year(self) -> Cadence:
        if 12 % self.months:
            raise ValueError("'months' must divide the year: 1, 2, 3, 4, 6 or 12")
        return self

    @property
    def alternatives(self) -> tuple[str, ...]:
        """The alternative words where the source gives several, else ``()``."""
        return self.every if isinstance(self.every, tuple) else ()

    @property
    def most(self) -> int:
        """The most meetings a period may hold under the cadence as stated."""
        return self.up_to or self.times

    def periods(self, year: int) -> list[Window]:
        """The periods of ``year`` in each of which the duty falls ``times`` times."""
        return win.cadence_periods(year, self.months)

    def describe(self) -> str:
        """``'at least 1 per 3 months'`` (``at least`` only where the source says so)."""
        word = "at least " if self.at_least else ""
        count = f"{self.times} to {self.up_to}" if self.up_to else str(self.times)
        period = f"{self.months} month{'s' if self.months > 1 else ''}"
        options = f" ({' or '.join(self.alternatives)})" if self.alternatives else ""
        return f"{word}{count} per {period}{options}"


def _cadence_word(value: str) -> tuple[str, tuple[int, int]]:
    word = value.strip().lower().replace("-", "_").replace(" ", "_")
    if word not in _CADENCE_WORDS:
        raise ValueError(f"unknown cadence {value!r}; allowed: {', '.join(_CADENCE_WORDS)}")
    return word, _CADENCE_WORDS[word]


def _alternatives(data: dict[str, Any], every: list[Any] | tuple[Any, ...]) -> dict[str, Any]:
    """``every: [half_monthly, monthly]``: alternatives sharing one period."""
    if len(every) < 2 or not all(isinstance(w, str) for w in every):
        raise ValueError("alternatives are a list of two or more cadence words")
    found = dict(_cadence_word(w) for w in every)
    if len(found) != len(every):
        raise ValueError(f"an alternative is listed twice (got {list(every)})")
    periods = {months for _, months in found.values()}
    if len(periods) > 1:
        stated = ", ".join(f"{w} = {t} per {m} month(s)" for w, (t, m) in found.items())
        raise ValueError(f"alternatives must share one period ({stated})")
    if data.get("at_least"):
        raise ValueError(
            "alternatives state the fewest and the most meetings; 'at_least: true' contradicts "
            "the most"
        )
    counts = [times for times, _ in found.values()]
    derived = {
        "times": min(counts),
        "months": periods.pop(),
        "up_to": max(counts) if max(counts) > min(counts) else None,
    }
    for key, value in derived.items():  # a dump of a loaded cadence states them again
        if key in data and data[key] != value:
            raise ValueError(
                f"'{key}' comes from the alternatives ({value}); leave it out (got {data[key]})"
            )
    return {**data, "every": tuple(found), **derived}


class RecurrenceKind(enum.Enum):
    """How a duty recurs when the source gives no interval."""

    PERIODIC = "periodic"
    """定期: the duty recurs regularly, but the source states no interval."""


class Recurrence(Rule):
    """A duty or meeting that recurs with no stated interval (定期, "regularly").

    The source says the duty comes back, not how often, so nothing is dated: no
    window, no timer, no overdue finding. The duty is done (the meeting held) when
    the community does it. YAML: ``recurs: {kind: periodic, word: 定期, source: …}``;
    ``kind`` may be left out (``periodic`` is the only kind).

    >>> from governance_rules._charter.types import Citation
    >>> cite = Citation(doc="d", summary="Held regularly, no interval.")
    >>> Recurrence(word="定期", source=cite).describe()
    'periodically (定期), interval not stated'
    >>> Recurrence(word="定期", source=cite).describe("zh")
    '定期（未规定间隔）'
    """

    kind: RecurrenceKind = RecurrenceKind.PERIODIC
    word: str | None = Field(default=None, description="the source's own word, e.g. 定期")

    def describe(self, lang: str = "en") -> str:
        """``'periodically (定期), interval not stated'`` (in ``lang``)."""
        if normalize_lang(lang) == "zh":
            return text("recurs.periodic", lang, word=self.word or "定期")
        return text("recurs.periodic", lang, word=f" ({self.word})" if self.word else "")

    def __str__(self) -> str:
        return self.describe()


class WindowKind(enum.Enum):
    """Where inside each period a dated duty falls."""

    PERIOD = "period"
    """Any day of the cadence period."""
    AGREED = "agreed"
    """A date the parties agree (any day of the period)."""
    LAST_WEEK = "last_week"
    """The last week of the listed months (two readings)."""
    DAYS_OF_MONTH = "days_of_month"
    """Days ``first``–``last`` of the listed months."""
    WHOLE_MONTHS = "whole_months"
    """The listed months, whole."""


#: How a window key of another kind is removed when the file changes the kind.
_INHERITED = " (a file that changes an inherited kind removes it with null)"


class WindowSpec(Frozen):
    """The window of a dated duty inside the year.

    ``last_week`` needs its ``reading``: the sources never define "the last week",
    so the library does not choose one.

    >>> spec = WindowSpec(kind="last_week", months=(2, 4, 6, 8, 10, 12), reading="last_seven_days")
    >>> str(spec.windows(2026, None)[0])
    '2026-02-22..2026-02-28'
    """

    kind: WindowKind = WindowKind.PERIOD
    months: tuple[int, ...] | None = Field(
        default=None, description="months 1–12; default: every month (or the cadence periods)"
    )
    reading: LastWeekReading | None = Field(
        default=None, description="last_week only: calendar_week or last_seven_days (required)"
    )
    first: Whole | None = Field(default=None, ge=1, le=31)
    last: Whole | None = Field(default=None, ge=1, le=31)

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> WindowSpec:
        if self.months is not None and any(not 1 <= m <= 12 for m in self.months):
            raise ValueError("months must be numbers 1–12")
        days = self.first is not None or self.last is not None
        if self.kind is WindowKind.DAYS_OF_MONTH:
            if self.last is None or (self.first or 1) > self.last:
                raise ValueError("days_of_month needs 'last' (and 'first' <= 'last')")
        elif days:
            raise ValueError(f"'first'/'last' belong to kind days_of_month{_INHERITED}")
        if self.kind is WindowKind.WHOLE_MONTHS and not self.months:
            raise ValueError("whole_months needs 'months'")
        if self.kind is WindowKind.LAST_WEEK and self.reading is None:
            raise ValueError("last_week needs 'reading'; allowed: calendar_week, last_seven_days")
        if self.kind is not WindowKind.LAST_WEEK and self.reading is not None:
            raise ValueError(f"'reading' belongs to kind last_week{_INHERITED}")
        return self

    def windows(self, year: int, cadence: Cadence | None) -> list[Window]:
        """The windows of ``year``: one per listed month, or one per cadence period."""
        months = self.months or win.ALL_MONTHS
        match self.kind:
            case WindowKind.LAST_WEEK:
                assert self.reading is not None  # checked by the validator
                return win.last_week_of_months(year, months, self.reading)
            case WindowKind.DAYS_OF_MONTH:
                assert self.last is not None  # checked by the validator
                return win.days_of_month(year, self.first or 1, self.last, months)
            case WindowKind.WHOLE_MONTHS:
                return win.whole_months(year, months)
        if self.months:
            return win.whole_months(year, self.months)
        return cadence.periods(year) if cadence else [Window(date(year, 1, 1), date(year, 12, 31))]


class Agenda(Rule):
    """How topics are collected and when the agenda reaches participants."""

    lead: Timing | None = None
    collected_by: tuple[str, ...] = Field(default=(), description="roles or bodies")
    drafted_by: str | None = None
    issued_by: str | None = Field(
        default=None,
        description="who hands the agenda out, and so keeps its lead (a role or body)",
    )
    fixed_items: tuple[str, ...] = ()
    reviews_previous_decisions: bool = False


class Quorum(Rule):
    """Members present needed for the meeting to decide."""

    present: Threshold
    of: Literal["all_members"] = "all_members"
    per_body: bool = Field(default=False, description="each member body must meet it")


class VotingMethod(enum.Enum):
    """How votes are cast."""

    VOICE = "voice"
    SHOW_OF_HANDS = "show_of_hands"
    SECRET_BALLOT = "secret_ballot"
    SIGNATURE = "signature"


class Counting(enum.Enum):
    """How a threshold over several named bodies is counted.

    A source that names two bodies and one share ("more than half of all members of
    the OC and the supervisory committee") may mean one count over both or a count in
    each; the charter says which, and keeps the other under ``readings``.
    """

    TOGETHER = "together"
    """One count over the members of all the named bodies together.

    A charter that does not say (``counted`` left out) is counted so: it is what a
    share of the members of several bodies has always meant in this library, and it
    adds no requirement on any one body."""
    EACH_BODY = "each_body"
    """The threshold must be met in each named body, counted separately."""


#: Decision kinds whose threshold may be counted in each body separately.
EACH_BODY_KINDS = ("majority_of_votes_cast", "majority_of_all_members", "supermajority")


class DecisionSpec(Rule):
    """A named decision-rule kind with its parameters (evaluated by ``decisions``).

    Kinds: ``consensus``, ``majority_of_votes_cast``, ``majority_of_all_members``,
    ``supermajority``, ``veto``, ``dual_majority``, ``unanimous``, ``joint_approval``
    (each of ``bodies`` approves by its own rule; any one can block), ``unspecified``,
    plus kinds installed through the ``governance_rules.decision_rules`` entry points.
    """

    kind: str
    threshold: Threshold | None = None
    base: Literal["votes_cast", "present", "all_members"] | None = Field(
        default=None,
        description="what the threshold is a share of; each kind has a default",
    )
    bodies: tuple[BodyId, ...] = Field(
        default=(), description="whose members count (majority of all members of these)"
    )
    veto_holders: tuple[BodyId, ...] = ()
    participation: Threshold | None = Field(
        default=None, description="dual majority: share of area and owners taking part"
    )
    counted: Counting | None = Field(
        default=None,
        description="over several bodies: together (one count; also when not said) or each_body",
    )
    methods: tuple[VotingMethod, ...] = ()
    matters: tuple[str, ...] = Field(default=(), description="what this rule decides")

    @model_validator(mode="after")
    def _counted_fits(self) -> DecisionSpec:
        if self.kind == "joint_approval":
            if len(self.bodies) < 2:
                raise ValueError(
                    f"'joint_approval' needs the two or more bodies that must each approve "
                    f"(got {len(self.bodies)})"
                )
            stray = [
                name
                for name in ("threshold", "base", "participation", "veto_holders")
                if getattr(self, name)
            ]
            if stray:
                raise ValueError(
                    f"'joint_approval' takes each body's own approval, not a count of "
                    f"members (got {', '.join(stray)}); allowed: kind, bodies"
                )
        if self.counted is Counting.EACH_BODY:
            if self.kind not in EACH_BODY_KINDS:
                raise ValueError(
                    f"'counted: each_body' applies to a threshold counted over members "
                    f"(got kind {self.kind!r}); allowed kinds: {', '.join(EACH_BODY_KINDS)}"
                )
            _two_or_more_bodies(self.bodies)
        return self


def _two_or_more_bodies(bodies: tuple[str, ...]) -> None:
    if len(bodies) < 2:
        raise ValueError(
            f"'counted: each_body' needs two or more bodies (got {len(bodies)}); "
            "with one body it is the same count as 'together'"
        )


class SignOffKind(enum.Enum):
    """How minutes (or notices) are approved before they are sent."""

    CONVENER = "convener"
    """The convener signs."""
    APPROVAL = "approval"
    """Approved by a share of all members of named bodies."""
    EACH_ATTENDEE = "each_attendee"
    """Every attending member signs, within a period if not on the spot."""
    CONFIRMATION = "confirmation"
    """Sent to participants for confirmation."""
    UNSPECIFIED = "unspecified"


class SignOff(Rule):
    """The sign-off rule for minutes.

    An ``approval`` needs a share (``threshold``) of all members of ``bodies``,
    counted over them together or, with ``counted: each_body``, in each of them.
    """

    kind: SignOffKind
    threshold: Threshold | None = None
    bodies: tuple[BodyId, ...] = ()
    counted: Counting | None = Field(
        default=None,
        description="approval: together (one count; also when not said) or each_body",
    )
    within: Timing | None = None

    @model_validator(mode="after")
    def _approval_has_threshold(self) -> SignOff:
        if self.kind is SignOffKind.APPROVAL and (self.threshold is None or not self.bodies):
            raise ValueError("an 'approval' sign-off needs a threshold and the bodies")
        if self.counted is Counting.EACH_BODY:
            if self.kind is not SignOffKind.APPROVAL:
                raise ValueError(
                    f"'counted: each_body' belongs to an approval (got kind "
                    f"{self.kind.value!r}); allowed: kind approval"
                )
            _two_or_more_bodies(self.bodies)
        return self

    def missing(self, approvals: Mapping[str, int], seats: Mapping[str, int]) -> str | None:
        """Why ``approvals`` (members approving per body) do not yet meet an approval.

        ``seats`` gives each body's members. ``None`` once the approval is met.

        >>> both = SignOff.model_validate({"kind": "approval", "counted": "each_body",
        ...     "threshold": {"fraction": "1/2", "inclusive": False},
        ...     "bodies": ["oc", "sc"], "source": {"doc": "x", "summary": "each body"}})
        >>> both.missing({"oc": 3, "sc": 2}, {"oc": 5, "sc": 3}) is None
        True
        >>> both.missing({"oc": 5, "sc": 0}, {"oc": 5, "sc": 3})
        'sc: 0 of 3 members have approved; the charter needs > 1/2 in each body'
        >>> pooled = both.model_copy(update={"counted": Counting.TOGETHER})
        >>> pooled.missing({"oc": 5, "sc": 0}, {"oc": 5, "sc": 3}) is None
        True
        """
        if self.kind is not SignOffKind.APPROVAL or self.threshold is None:
            return None
        need = self.threshold.describe()
        if self.counted is Counting.EACH_BODY:
            for body in self.bodies:
                have, whole = approvals.get(body, 0), seats.get(body, 0)
                if not whole or not self.threshold.met(have, whole):
                    return (
                        f"{body}: {have} of {whole} members have approved; "
                        f"the charter needs {need} in each body"
                    )
            return None
        have = sum(approvals.get(b, 0) for b in self.bodies)
        whole = sum(seats.get(b, 0) for b in self.bodies)
        if whole and self.threshold.met(have, whole):
            return None
        return (
            f"{have} of {whole} members of {', '.join(self.bodies)} have approved; "
            f"the charter needs {need}"
        )

    def describe(self) -> str:
        """``'approval > 1/2 of owners_committee, supervisory_committee (each body)'``."""
        if self.threshold is None:
            return self.kind.value.replace("_", " ")
        each = " (each body)" if self.counted is Counting.EACH_BODY else ""
        return f"approval {self.threshold.describe()} of {', '.join(self.bodies)}{each}"


class NoticeItem(enum.Enum):
    """What a meeting notice may be required to state (``notice.content``).

    The sources word these differently (参会人员名单 "the list of attendees", 约好时间
    "the agreed time"); a charter maps each to one of these keys and says so in its
    ``note`` where a word needed reading.

    >>> NoticeItem.MATERIALS.label("zh"), NoticeItem.MATERIALS.label("en")
    ('有关材料', 'materials')
    """

    TIME = "time"
    """The meeting's time (date and hour)."""
    PLACE = "place"
    """Where it is held."""
    TOPICS = "topics"
    """The topics to be discussed (议题)."""
    ATTENDEES = "attendees"
    """Who is to attend (参会人员, the list of attendees)."""
    MATERIALS = "materials"
    """The papers on the topics, sent with the notice (有关材料)."""

    def label(self, lang: str = "en") -> str:
        """The item's name in ``lang`` (``en`` or ``zh``)."""
        return text(f"notice_item.{self.value}", lang)


class Notice(Rule):
    """The meeting notice: how far ahead, what it must say, who issues it and to whom.

    ``content`` lists what the notice must state, from a closed vocabulary
    (:class:`NoticeItem`: time, place, topics, attendees, materials); the engine
    refuses a notice that leaves out an item listed. Where it lists none, the notice
    may say anything.

    ``sign_off`` is an approval the notice needs before it goes out (a share of all
    members of named bodies, as for minutes); the issuer records the approvals.
    """

    lead: Timing
    content: tuple[NoticeItem, ...] = Field(
        default=(),
        description="what the notice must state: time, place, topics, attendees, materials",
    )
    issued_by: str | None = Field(default=None, description="a role name or body id")
    signed_by: str | None = Field(default=None, description="a role name or body id")
    to: tuple[BodyId, ...] = ()
    sign_off: SignOff | None = Field(
        default=None, description="an approval needed before the notice is issued"
    )

    @field_validator("content")
    @classmethod
    def _listed_once(cls, items: tuple[NoticeItem, ...]) -> tuple[NoticeItem, ...]:
        for index, item in enumerate(items):
            if item in items[:index]:
                raise ValueError(f"[{index}]: {item.value!r} is listed twice")
        return items

    @model_validator(mode="after")
    def _approval_only(self) -> Notice:
        if self.sign_off is not None and self.sign_off.kind is not SignOffKind.APPROVAL:
            raise ValueError(
                "a notice's sign-off is an approval by members of named bodies "
                f"(got kind {self.sign_off.kind.value!r}); allowed: kind approval"
            )
        return self


class Minutes(Rule):
    """Minutes: who drafts them, by when, how they are signed off, and who receives them."""

    drafted_by: str | None = Field(default=None, description="a role name or body id")
    deadline: Timing
    sign_off: SignOff | None = None
    distribution: tuple[BodyId, ...] = ()
    channel: str | None = Field(default=None, description="e.g. e-mail, notice board")


class ActionItems(Rule):
    """Decisions become action items; an owner and a due date only where the source says so."""

    owner_required: bool = Field(default=False, description="the source requires an owner")
    due_date_required: bool = Field(default=False, description="the source requires a due date")
    followed_up_by: str | None = Field(default=None, description="a role name or body id")
    reviewed_at_next_meeting: bool = False
    deadline: Timing | None = Field(default=None, description="a default time to act, if any")


class ProcedureStep(Rule):
    """One step of a meeting's ordered procedure (会议流程), while the meeting is in session.

    ``performed_by`` names the role or body that does the step (and moves the meeting
    on to it); left out, the chair, who presides, does. ``vote: true`` marks the step
    at which the meeting's decision rule is applied: decisions are recorded there only.
    """

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64, description="the step's id")
    label: Text
    performed_by: str | None = Field(
        default=None, description="a role name or body id; null: the chair, who presides"
    )
    vote: bool = Field(default=False, description="decisions are recorded at this step only")


class MeetingKind(enum.Enum):
    """Kinds of joint-meeting session."""

    REGULAR = "regular"
    SPECIAL = "special"
    HALF_YEAR_SUMMARY = "half_year_summary"
    ANNUAL_SUMMARY = "annual_summary"
    APPRAISAL = "appraisal"


class MeetingRule(Rule):
    """One kind of meeting and every rule that governs it."""

    kind: MeetingKind
    label: Text | None = None
    cadence: Cadence | None = Field(default=None, description="null for ad-hoc meetings")
    recurs: Recurrence | None = Field(
        default=None,
        description="held regularly (定期) with no stated interval: nothing is dated; "
        "instead of a cadence",
    )
    window: WindowSpec = WindowSpec()
    triggers: tuple[str, ...] = Field(default=(), description="what calls an ad-hoc meeting")
    roles: ReadOnlyMap[str, RoleAssignment] = Field(
        default_factory=no_entries, description="overrides of the charter's roles for this kind"
    )
    notice: Notice | None = None
    agenda: Agenda | None = None
    quorum: Quorum | None = None
    decision: DecisionSpec | None = None
    minutes: Minutes | None = None
    action_items: ActionItems | None = None
    procedure: tuple[ProcedureStep, ...] = Field(
        default=(),
        description="the steps of the meeting in session, in order; none: no order is set",
    )

    @field_validator("procedure")
    @classmethod
    def _steps_are_distinct(cls, steps: tuple[ProcedureStep, ...]) -> tuple[ProcedureStep, ...]:
        if len(steps) == 1:
            raise ValueError("a procedure has two or more steps (one step orders nothing)")
        keys = [step.key for step in steps]
        for index, key in enumerate(keys):
            if key in keys[:index]:
                raise ValueError(f"[{index}].key: the step {key!r} is listed twice")
        votes = [i for i, step in enumerate(steps) if step.vote]
        if len(votes) > 1:
            raise ValueError(
                f"one step holds the vote (got steps {', '.join(keys[i] for i in votes)})"
            )
        return steps

    @property
    def step_keys(self) -> list[str]:
        """The keys of the procedure's steps, in order (none without a procedure)."""
        return [step.key for step in self.procedure]

    @property
    def vote_step(self) -> str | None:
        """The key of the procedure step at which decisions are recorded, if any."""
        return next((step.key for step in self.procedure if step.vote), None)

    @model_validator(mode="after")
    def _vote_needs_a_rule(self) -> MeetingRule:
        if self.vote_step is not None and self.decision is None:
            raise ValueError(
                f"the procedure votes at step {self.vote_step!r} but the meeting has no "
                "'decision' rule"
            )
        return self

    @model_validator(mode="after")
    def _cadence_or_recurs(self) -> MeetingRule:
        if self.recurs is not None and self.cadence is not None:
            raise ValueError(
                "'recurs' (no interval stated) and 'cadence' (an interval) exclude each other"
            )
        if self.recurs is not None and self.window != WindowSpec():
            raise ValueError("a meeting that 'recurs' with no interval has no 'window'")
        return self
