"""The one exception hierarchy of ``governance_rules``.

Every error the library raises on purpose derives from
:class:`GovernanceRulesError`, and where a built-in exception is also true the
class derives from it as well, so ``except ValueError`` keeps working::

    GovernanceRulesError
     └── CalendarError (ValueError)          bad input to the working-day calendar
          ├── DateOutOfRangeError (LookupError)   a date outside the calendar's data
          ├── PeriodError                          a period that cannot be parsed or used
          ├── WindowError                          a recurring-window spec that makes no sense
          └── OverridesError                       a local-overrides file that is invalid
     └── CharterError (ValueError)           a charter (ruleset) cannot be loaded: load time
          ├── CharterValidationError               located problems in charter files, all at once
          └── UnknownCharterError (LookupError)    no bundled or installed charter has that id
     └── DecisionError (ValueError)          a decision rule cannot be applied: run time
          ├── BallotError                          an invalid ballot record or ballot file row
          └── UnknownDecisionRuleError (LookupError)  no implementation for a rule kind
     └── EvaluationError (ValueError)        invalid scores, or an appraisal step out of order
     └── CommandRefused (ValueError)         a workflow command not allowed now; nothing changed
          ├── PermissionDenied                     the actor's role may not do it; says who may
          └── InvalidArgument (TypeError)          an argument missing, mistyped, out of range
     └── StoreError (RuntimeError)           the event log cannot be read or written
          └── ConcurrencyError                     the stream moved on; nothing was written
     └── ComparisonError (ValueError)        charters that cannot be compared as asked
          ├── UnknownComparisonItemError (LookupError)  no such rule or figure in a comparison
          └── ReportError                          a report that cannot be built or written
     └── SimulationError (ValueError)        a simulation cannot run as asked
          └── SimulationLoadError                  located problems in a load file, all at once

Messages read *where → what → allowed*, and each exception carries the same
facts as attributes (``where``, ``what``, ``got``, ``allowed``) so that
programs need not parse text:

>>> err = PeriodError("unknown unit", where="period", got="3 fortnights",
...                   allowed="working days, days, weeks, months, years")
>>> str(err)
"period: unknown unit (got '3 fortnights'); allowed: working days, days, weeks, months, years"
>>> err.got
'3 fortnights'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

__all__ = [
    "BallotError",
    "CalendarError",
    "CharterError",
    "CharterProblem",
    "CharterValidationError",
    "CommandRefused",
    "ComparisonError",
    "ConcurrencyError",
    "DateOutOfRangeError",
    "DecisionError",
    "EvaluationError",
    "GovernanceRulesError",
    "InvalidArgument",
    "OverridesError",
    "PeriodError",
    "PermissionDenied",
    "ReportError",
    "SimulationError",
    "SimulationLoadError",
    "StoreError",
    "UnknownCharterError",
    "UnknownComparisonItemError",
    "UnknownDecisionRuleError",
    "WindowError",
]


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING: Final = _Missing()
_MAX_GOT: Final = 120
_MAX_WHAT_LINE: Final = 1_000
_MAX_WHAT: Final = 100_000


def _cut(text: str, limit: int) -> str:
    return f"{text[:limit]}… ({len(text)} characters)" if len(text) > limit else text


def shown_value(value: object) -> str:
    """``repr(value)`` cut to :data:`_MAX_GOT` characters; the value stays whole in
    ``got``. A value ``repr`` cannot show (a whole number too long to print, a list
    nested too deep, a failing ``__repr__``) is shown by its type."""
    try:
        shown = repr(value)
    except Exception:  # whatever a caller's value does, the error is still made
        return f"a {type(value).__name__} that cannot be shown"
    if len(shown) > _MAX_GOT:
        shown = f"{shown[:_MAX_GOT]}… ({len(shown)} characters)"
    return shown


class GovernanceRulesError(Exception):
    """Base class of every error raised by ``governance_rules``.

    Args:
        what: What is wrong, as a short phrase.
        where: Where the problem is: an argument name, a ``file:line:col``
            position, a dotted key path.
        got: The offending value, shown with ``repr``; omit when there is none.
        allowed: What would have been accepted.
    """

    def __init__(
        self,
        what: str,
        *,
        where: str | None = None,
        got: object = _MISSING,
        allowed: str | None = None,
    ) -> None:
        self.what = what
        self.where = where
        self.got = None if got is _MISSING else got
        self.allowed = allowed
        if len(what) > _MAX_WHAT_LINE:  # a phrase quoting a caller's long value: cut it
            what = "\n".join(_cut(line, _MAX_WHAT_LINE) for line in what.split("\n"))
            what = _cut(what, _MAX_WHAT)
        self.shown = (what, None if got is _MISSING else shown_value(got))
        """The message's own ``what`` (cut if long) and ``got`` (its capped ``repr``, or
        ``None`` when no value was given: ``got`` itself may be ``None``)."""
        super().__init__(_message(where, *self.shown, allowed))

    @property
    def has_got(self) -> bool:
        """Whether an offending value was given (``got`` may be ``None`` itself)."""
        return self.shown[1] is not None

    def is_plain(self) -> bool:
        """Whether the message is made of ``where``, ``what``, ``got`` and ``allowed``
        alone (a list of problems is made another way)."""
        return str(self) == _message(self.where, *self.shown, self.allowed)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled with its message and attributes as they are, not by calling the class
        again (``InvalidArgument`` needs its ``argument``, and a problems list its
        problems): an error crosses a process boundary (``simulate(workers=...)``) whole."""
        return _rebuilt, (type(self), self.args, self.__dict__)


def _rebuilt(
    cls: type[GovernanceRulesError], args: tuple[object, ...], state: dict[str, object]
) -> GovernanceRulesError:
    """An unpickled error: the same message (``args``) and attributes, no ``__init__``."""
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


def _message(where: str | None, what: str, got: str | None, allowed: str | None) -> str:
    """*where: what (got X); allowed: Y*, each part only if given."""
    parts = [f"{where}: {what}" if where else what]
    if got is not None:
        parts.append(f" (got {got})")
    if allowed:
        parts.append(f"; allowed: {allowed}")
    return "".join(parts)


class CalendarError(GovernanceRulesError, ValueError):
    """Bad input to the working-day calendar, its periods or its windows."""


class DateOutOfRangeError(CalendarError, LookupError):
    """A date lies outside the years the calendar holds data for."""


class PeriodError(CalendarError):
    """A period cannot be parsed, has an unknown unit, or a value not allowed here."""


class WindowError(CalendarError):
    """A recurring-window specification is invalid (e.g. day 32, a month 13)."""


class OverridesError(CalendarError):
    """A local-overrides document (extra closures or working days) is invalid."""


class CharterError(GovernanceRulesError, ValueError):
    """A charter (ruleset) cannot be loaded or used as written."""


@dataclass(frozen=True)
class CharterProblem:
    """One problem in a charter: file, line and column (1-based), key path, message."""

    path: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file or "<charter>"
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class CharterValidationError(CharterError):
    """One or more problems in charter files, every one reported at once.

    ``problems`` holds each :class:`CharterProblem`; the message lists one per line:
    ``rulesets/x.yaml:41:7: meetings.regular.quorum.present.fraction: must be a
    fraction in (0, 1] (got '3/2')``.
    """

    def __init__(self, problems: Sequence[CharterProblem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in charter"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


class UnknownCharterError(CharterError, LookupError):
    """No bundled or installed charter has the requested id."""


class DecisionError(GovernanceRulesError, ValueError):
    """A decision rule cannot be applied to a ballot (run time, not charter loading)."""


class BallotError(DecisionError):
    """A ballot record, or a row of a ballot file, is invalid."""

    problems: tuple[str, ...] = ()
    """Each bad row of a ballot file, one a line (empty for a single problem)."""


class UnknownDecisionRuleError(DecisionError, LookupError):
    """No implementation is installed for a decision-rule kind."""


class EvaluationError(GovernanceRulesError, ValueError):
    """Appraisal scores are invalid, or an appraisal step is taken out of order."""

    problems: tuple[str, ...] = ()
    """Each invalid score, reading or file row, one a line (empty for a single problem)."""


class CommandRefused(GovernanceRulesError, ValueError):
    """A workflow command is not allowed in the current state; nothing was changed.

    ``rule`` names the charter rule that refused it and ``citation`` its source.
    """

    def __init__(
        self,
        what: str,
        *,
        rule: str | None = None,
        citation: str | None = None,
        where: str | None = None,
        got: object = _MISSING,
        allowed: str | None = None,
    ) -> None:
        self.rule = rule
        self.citation = citation
        super().__init__(what, where=where, got=got, allowed=allowed)


class PermissionDenied(CommandRefused):
    """The actor's role may not issue this command; the message says who may."""


class InvalidArgument(CommandRefused, TypeError):
    """A command's argument is missing, unknown, of the wrong type or out of range.

    ``argument`` names it (``votes.0.choice`` for a nested one); the message says
    what is allowed. Nothing was written.
    """

    def __init__(
        self,
        what: str,
        *,
        argument: str,
        rule: str | None = None,
        citation: str | None = None,
        where: str | None = None,
        got: object = _MISSING,
        allowed: str | None = None,
    ) -> None:
        self.argument = argument
        super().__init__(what, rule=rule, citation=citation, where=where, got=got, allowed=allowed)


class StoreError(GovernanceRulesError, RuntimeError):
    """The event log cannot be opened, read or written."""


class ConcurrencyError(StoreError):
    """The stream is no longer at the expected version; nothing was written."""


class ComparisonError(GovernanceRulesError, ValueError):
    """Charters that cannot be compared as asked (fewer than two, a bad ``ID@POINT=READING``)."""


class UnknownComparisonItemError(ComparisonError, LookupError):
    """A comparison has no rule at that path, or no figure of that name."""


class ReportError(ComparisonError):
    """A regulator's report that cannot be built or written (its year, its charters, its
    simulation results, its output directory)."""


class SimulationError(GovernanceRulesError, ValueError):
    """A simulation cannot run as asked (sizes, years outside the calendar, a scheduler)."""


class SimulationLoadError(SimulationError):
    """Located problems in a simulation load file, every one reported at once.

    ``problems`` holds one ``file:line:col: key: what (got X)`` line per problem.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in load file"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))
