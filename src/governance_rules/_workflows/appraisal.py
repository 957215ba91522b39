"""The appraisal workflow: the charter's annual appraisal of the parties, on the event log.

Compiled from the charter's ``evaluation`` section: the organiser opens the year's
appraisal and records the scores (the result is computed by
:func:`governance_rules._appraisal.appraise`), publicises the preliminary result,
objections are raised and answered while it is public, and the approving body the
charter names approves it. The publicity window and the objection window (where the
charter sets them) are deadlines like any other: approval waits for both to pass,
``deadlines()`` lists both and ``advance_to`` marks them. The charter's window holds
one appraisal a year (as many as it has windows in a year): a second ``open`` of the
same year is refused. Charters without an evaluation section have no appraisal
workflow states.

>>> from governance_rules._charter import load_charter
>>> wf = appraisal_workflow(load_charter("yangxin-2022"))
>>> sorted(wf.states)
['approved', 'new', 'opened', 'publicised', 'scored']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from governance_rules._appraisal.outcomes import Outcome, outcomes
from governance_rules._appraisal.scoring import AppraisalResult, Score, appraise
from governance_rules._charter import Charter
from governance_rules._charter.evaluation import Evaluation
from governance_rules._charter.types import Timing
from governance_rules._workflows.core import (
    SYSTEM_ONLY,
    Command,
    Context,
    Guard,
    Instance,
    Timer,
    Transition,
    Workflow,
    fixed,
    refused,
    stamp,
)
from governance_rules._workflows.timers import due_after, timer
from governance_rules.errors import EvaluationError, GovernanceRulesError

__all__ = [
    "AppraisalData",
    "Objection",
    "appraisal_outcomes",
    "appraisal_result",
    "appraisal_workflow",
]


@dataclass(frozen=True, slots=True)
class Objection:
    """An objection to the preliminary result, and how it was answered."""

    subject: str
    raised_on: date
    by: str
    text: str = ""
    answer: str | None = None


@dataclass(frozen=True, slots=True)
class AppraisalData:
    """What an appraisal holds (scores as text, exactly as given)."""

    year: int
    opened_on: date
    scores: tuple[tuple[str, str, str], ...] = ()
    scored_on: date | None = None
    publicised_on: date | None = None
    window_closed_on: date | None = None
    objections_closed_on: date | None = None
    objections: tuple[Objection, ...] = ()
    approved_on: date | None = None
    approved_by: str | None = None


def appraisal_result(evaluation: Evaluation, data: AppraisalData) -> AppraisalResult:
    """The result of the recorded scores under the charter's scheme."""
    return appraise(evaluation, [Score(s, i, v) for s, i, v in data.scores])


def appraisal_outcomes(evaluation: Evaluation, data: AppraisalData) -> tuple[Outcome, ...]:
    """What an approved appraisal feeds into (re-election and renewal reviews, pay).

    Raises:
        EvaluationError: The appraisal is not approved yet.
    """
    if data.approved_on is None:
        raise EvaluationError(
            "the appraisal is not approved yet", where="appraisal", allowed="after approve"
        )
    return outcomes(evaluation, appraisal_result(evaluation, data))


_SHOWN = 10
"""Invalid scores a refusal lists (the CLI's ``appraise`` lists them all)."""


def _evaluation(ctx: Context) -> Evaluation:
    assert ctx.charter.evaluation is not None
    return ctx.charter.evaluation


def _anyone(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
    return tuple(ctx.charter.bodies)


def _year(instance: Instance, command: Command, ctx: Context) -> str | None:
    year = command.args.get("year")
    if type(year) is not int or not command.on.year - 1 <= year <= command.on.year:
        return refused("the appraisal year must be this year or the last", year)
    return None


def _once_a_year(instance: Instance, command: Command, ctx: Context) -> str | None:
    """As many appraisals of a year as the charter's window has windows in it (yangxin-2022:
    one, in December)."""
    year, same = command.args.get("year"), command.args.get("same_year") or ()
    if type(year) is not int or not same:
        return None
    allowed = len(_evaluation(ctx).window.windows(year, None))
    if len(same) < allowed:
        return None
    return (
        f"the appraisal of {year} is already open or done ({', '.join(same)}); the charter "
        f"holds {allowed} a year"
    )


def _scores_valid(instance: Instance, command: Command, ctx: Context) -> str | None:
    raw = command.args.get("scores")
    if not isinstance(raw, list | tuple) or not raw:
        return "give the scores as a list of (subject, item, value)"
    try:
        rows = [tuple(str(x) for x in row) for row in raw]
        if any(len(row) != 3 for row in rows):
            return "each score is (subject, item, value)"
        appraise(_evaluation(ctx), [Score(s, i, v) for s, i, v in rows])
    except (GovernanceRulesError, TypeError, ValueError) as exc:
        problems = getattr(exc, "problems", None)
        if problems and len(problems) > _SHOWN:  # the first few: a refusal stays readable
            more = len(problems) - _SHOWN
            shown = "\n  ".join((*problems[:_SHOWN], f"… and {more} more"))
            return f"the scores cannot be used: {len(problems)} invalid score(s):\n  {shown}"
        return f"the scores cannot be used: {exc}"
    return None


def _in_objection_window(instance: Instance, command: Command, ctx: Context) -> str | None:
    end = _window_end(ctx, instance.data.publicised_on, _evaluation(ctx).objection_period)
    if end is not None and command.on > end:
        return f"the objection window closed on {end.isoformat()}"
    return None


def _known_subject(instance: Instance, command: Command, ctx: Context) -> str | None:
    subjects = _evaluation(ctx).subjects
    subject = command.args.get("subject")
    if type(subject) is not str or subject not in subjects:
        return refused(
            f"not a subject of this appraisal (subjects: {', '.join(subjects)})", subject
        )
    return None


def _open_objection(instance: Instance, command: Command, ctx: Context) -> str | None:
    index = command.args.get("index")
    items = instance.data.objections
    if type(index) is not int or not 0 <= index < len(items) or items[index].answer is not None:
        return f"no open objection {index!r}"
    return None


def _ready(instance: Instance, command: Command, ctx: Context) -> str | None:
    open_ = [n for n, o in enumerate(instance.data.objections) if o.answer is None]
    if open_:
        return f"objection(s) {', '.join(map(str, open_))} are still open: answer them first"
    ev = _evaluation(ctx)
    windows = ((ev.publicity, "on public view"), (ev.objection_period, "open to objections"))
    for timing, what in windows:
        end = _window_end(ctx, instance.data.publicised_on, timing)
        if end is not None and command.on <= end:
            return f"the result is {what} until {end.isoformat()}; approve after that"
    return None


def _approve(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    return {"approved_on": command.on, "approved_by": command.actor.body}


def _window_end(ctx: Context, start: date | None, timing: Timing | None) -> date | None:
    """The last day of a window opened on ``start`` (``None`` if open-ended)."""
    return None if start is None or timing is None else due_after(ctx, start, timing)


def _open(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    return {"year": command.args["year"], "opened_on": command.on}


def _score(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    rows = tuple(tuple(str(x) for x in row) for row in command.args["scores"])
    return {"scores": rows, "scored_on": command.on}


def _object(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    objection = Objection(
        command.args["subject"], command.on, command.actor.body, str(command.args.get("text", ""))
    )
    return {"objections": (*instance.data.objections, objection)}


def _answer(instance: Instance, command: Command, ctx: Context) -> dict[str, Any]:
    items = list(instance.data.objections)
    old = items[command.args["index"]]
    items[command.args["index"]] = Objection(
        old.subject, old.raised_on, old.by, old.text, str(command.args.get("answer", ""))
    )
    return {"objections": tuple(items)}


def _timers(instance: Instance, ctx: Context) -> list[Timer]:
    """The publicity window and the objection window: approval waits for both (``_ready``)."""
    data: AppraisalData = instance.data
    if instance.state != "publicised" or data.publicised_on is None:
        return []
    ev = _evaluation(ctx)
    found = [
        timer(ctx, start=data.publicised_on, timing=getattr(ev, w.timing), what=w.what,
              rule=w.rule, trigger=w.trigger, args={}, responsible=(ev.organiser,))
        for w in _WINDOWS
        if getattr(data, w.closed_on) is None and _kept(w, ev)
    ]  # fmt: skip
    return [t for t in found if t is not None]


def _counted(timing: Timing | None) -> bool:
    """True if ``timing`` ends on a day the calendar can count (a period)."""
    return timing is not None and timing.period is not None


@dataclass(frozen=True)
class _Window:
    """A window publicity opens, closed by a deadline event that stamps its day."""

    trigger: str
    closed_on: str
    timing: str  # the evaluation's field
    what: str
    rule: str
    only_if_counted: bool  # no deadline event at all unless its end can be counted


#: The publicity window and the objection window: approval waits for both (``_ready``).
_WINDOWS = (
    _Window("window_closed", "window_closed_on", "publicity",
            "preliminary result on public view", "evaluation.publicity", False),
    _Window("objections_closed", "objections_closed_on", "objection_period",
            "objections to the preliminary result", "evaluation.objection_period", True),
)  # fmt: skip


def _kept(window: _Window, ev: Evaluation) -> bool:
    """Whether ``window`` has its deadline event under evaluation ``ev``."""
    return not window.only_if_counted or _counted(getattr(ev, window.timing))


def _responsible(instance: Instance, charter: Charter) -> tuple[str, ...]:
    return (charter.evaluation.organiser,) if charter.evaluation else ()


def _answering(instance: Instance) -> tuple[Any, str]:
    """The organiser the charter's evaluation names answers for an appraisal."""
    return _organiser, "evaluation"


def _organiser(instance: Instance, command: Command, ctx: Context) -> tuple[str, ...]:
    return _responsible(instance, ctx.charter)


def _migration_problem(instance: Instance, charter: Charter) -> str | None:
    """Scores recorded under the old criteria must still give a result under these."""
    data: AppraisalData | None = instance.data
    if data is None or not data.scores or charter.evaluation is None:
        return None
    try:
        appraisal_result(charter.evaluation, data)
    except GovernanceRulesError as exc:
        first = " ".join(str(exc).split("\n")[:2])
        return f"the recorded scores do not fit the new rules: {first}"
    return None


def appraisal_workflow(charter: Charter) -> Workflow:
    """The appraisal workflow of ``charter`` (only ``new`` if it has no evaluation)."""
    ev = charter.evaluation
    edges: list[Transition] = []
    states: list[str] = ["new"]
    if ev is not None:
        states += ["opened", "scored", "publicised", "approved"]
        org = fixed(ev.organiser)
        approver = ev.approved_by or ev.organiser
        t = Transition
        edges = [
            t(
                trigger="open",
                source=("new",),
                dest="opened",
                who=org,
                who_label=ev.organiser,
                guards=(
                    Guard("year", _year, "evaluation.window"),
                    Guard("once a year", _once_a_year, "evaluation.window"),
                ),
                effect=_open,
                rule="evaluation",
            ),
            t(
                trigger="record_scores",
                source=("opened", "scored"),
                dest="scored",
                who=org,
                who_label=ev.organiser,
                guards=(Guard("scores", _scores_valid, "evaluation.criteria"),),
                effect=_score,
                rule="evaluation.criteria",
            ),
            t(
                trigger="publicise",
                source=("scored",),
                dest="publicised",
                who=org,
                who_label=ev.organiser,
                effect=stamp("publicised_on"),
                rule="evaluation.publicity",
                label=f"public for {ev.publicity}" if ev.publicity else None,
            ),
            t(
                trigger="object",
                source=("publicised",),
                dest=None,
                who=_anyone,
                who_label="a body of the charter",
                guards=(
                    Guard("subject", _known_subject),
                    Guard("objection window", _in_objection_window, "evaluation.objection_period"),
                ),
                effect=_object,
                rule="evaluation.objection_period",
            ),
            t(
                trigger="answer_objection",
                source=("publicised",),
                dest=None,
                who=org,
                who_label=ev.organiser,
                guards=(Guard("open objection", _open_objection),),
                effect=_answer,
                rule="evaluation.objection_period",
            ),
            *(
                t(
                    trigger=w.trigger,
                    source=("publicised",),
                    dest=None,
                    who=SYSTEM_ONLY,
                    who_label="the system",
                    effect=stamp(w.closed_on),
                    rule=w.rule,
                )
                for w in _WINDOWS
                if _kept(w, ev)
            ),
            t(
                trigger="approve",
                source=("publicised",),
                dest="approved",
                who=fixed(approver),
                who_label=approver,
                guards=(Guard("ready", _ready, "evaluation.approved_by"),),
                effect=_approve,
                rule="evaluation.approved_by",
            ),
        ]
    return Workflow(
        kind="appraisal",
        charter=charter,
        states=states,
        initial="new",
        transitions=edges,
        final=("approved",),
        prefix="appraisal",
        data_type=AppraisalData,
        timers=_timers,
        responsible=_responsible,
        answering=_answering,
        migration_problem=_migration_problem,
    )
