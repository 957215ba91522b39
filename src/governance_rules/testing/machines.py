"""A hypothesis ``RuleBasedStateMachine`` per workflow kind, for apps to subclass.

Each machine drives an engine under ``charter`` with the steps of
:func:`~governance_rules.testing.strategies.steps` — starting items of its kind,
careful and careless commands, time passing — and checks the dynamic invariants
after every step (see :mod:`governance_rules.testing.runs`); at teardown it checks
that a replay of every stream gives the live state. Needs ``hypothesis``.

An app points a machine at its own charter, adds its own rules and invariants, and
runs the ``TestCase``:

>>> from hypothesis import settings
>>> from hypothesis.stateful import invariant
>>> class MyIssues(IssueMachine):
...     charter = "yangxin-2022"           # an id or a path to the app's YAML file
...     @invariant()
...     def never_more_than_fifty_items(self):
...         assert len(self.run.engine.instances()) <= 50
>>> MyIssues.TestCase.settings = settings(max_examples=3, stateful_step_count=8,
...                                       database=None, deadline=None)
>>> MyIssues.TestCase().runTest()
"""

from __future__ import annotations

from typing import ClassVar

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter import Charter, as_charter
from governance_rules.testing.runs import Run, Step
from governance_rules.testing.search import MEETING_WALK
from governance_rules.testing.strategies import steps

__all__ = [
    "AppraisalMachine",
    "CharterMachine",
    "IssueMachine",
    "MeetingMachine",
    "TermMachine",
]


class CharterMachine(RuleBasedStateMachine):
    """Commands of every workflow kind against an engine under ``charter``.

    Class attributes to set in a subclass:

    * ``charter``: a :class:`Charter`, or a charter id or file path;
    * ``kind``: the workflow kind (``None``: all kinds);
    * ``calendar``: the working-day calendar (``None``: the national one).
    """

    charter: ClassVar[Charter | str] = "yangxin-2022"
    kind: ClassVar[str | None] = None
    calendar: ClassVar[WorkingCalendar | None] = None

    def __init__(self) -> None:
        super().__init__()
        loaded = as_charter(self.charter)
        self.run = Run(loaded, calendar=self.calendar)

    @rule(data=st.data())
    def start(self, data: st.DataObject) -> None:
        """Start an item (report an issue, plan a meeting, elect, open an appraisal)."""
        kinds = (self.kind,) if self.kind else ("issue", "meeting", "term", "appraisal")
        kind = data.draw(st.sampled_from(kinds))
        self.run.apply(
            Step("start", kind, data.draw(st.integers(0, 5)), data.draw(st.integers(0, 5)),
                 data.draw(st.integers(0, 3)), data.draw(st.integers(0, 20)),
                 data.draw(st.integers(0, 4)) > 0)
        )  # fmt: skip

    @precondition(lambda self: bool(self.run.engine.instances()))
    @rule(data=st.data())
    def command(self, data: st.DataObject) -> None:
        """Command an open item, carefully or carelessly."""
        self.run.apply(data.draw(steps(self.kind).filter(lambda s: s.action == "command")))

    @rule(days=st.integers(1, 40))
    def advance(self, days: int) -> None:
        """Let time pass: deadlines fire."""
        self.run.apply(Step("advance", days=days))

    @invariant()
    def keeps_the_invariants(self) -> None:
        """No dynamic invariant has been broken so far."""
        assert not self.run.violations, "\n".join(map(str, self.run.violations))

    def teardown(self) -> None:
        """A replay of every stream gives its live state."""
        broken = self.run.finish()
        assert not broken, "\n".join(map(str, broken))


class MeetingMachine(CharterMachine):
    """Meetings: plan, notice, agenda, hold, decide, minutes, close — and deadlines."""

    kind = "meeting"

    def __init__(self) -> None:
        super().__init__()
        self.walked = len(MEETING_WALK)  # no walk under way

    @precondition(lambda self: self.walked < len(MEETING_WALK) or not _open(self.run))
    @rule()
    def walk_a_meeting(self) -> None:
        """The next step of a careful walk from a new meeting's plan to its close (one
        at a time, so that invariants see each state): drawn commands seldom hold a
        meeting before time passes its day, so decisions and minutes went unseen."""
        if self.walked >= len(MEETING_WALK):
            self.walked = 0
        self.run.apply(MEETING_WALK[self.walked])
        self.walked += 1


def _open(run: Run) -> bool:
    """Whether an item of the run is still open (a walk commands the first open one)."""
    engine = run.engine
    return any(i.state not in engine.workflow(i).final for i in engine.instances())


class IssueMachine(CharterMachine):
    """Issues: report, triage, reply, escalate up the ladder, resolve, close, reopen."""

    kind = "issue"


class TermMachine(CharterMachine):
    """Committee terms: election, first meeting, filing, changes, re-election, handover."""

    kind = "term"


class AppraisalMachine(CharterMachine):
    """The annual appraisal: open, score, publicise, objections, approval."""

    kind = "appraisal"
