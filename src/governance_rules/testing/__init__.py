"""The charter invariant kit: check that a charter — and the engine under it — keeps its promises.

For the people who draft and review charters and for apps that run them: learn,
before a charter is adopted, that a window has no working day, that a ladder cannot
be left, that a rotation skips a party, or that a deadline names nobody.

* **Invariants** are named functions of a charter returning :class:`Violation`\\ s
  (empty when they hold): calendar and structure (:data:`STATIC`), exhaustive search
  of the compiled machines (:data:`EXHAUSTIVE`, :func:`explore`), and engine runs
  (:class:`Run`, the invariants named in :data:`DYNAMIC`).
* :func:`check_charter` runs them all; ``govrules check`` prints them; the pytest
  plugin's ``charter_invariants`` fixture asserts them.
* :mod:`governance_rules.testing.strategies` (hypothesis strategies) and
  :mod:`governance_rules.testing.machines` (a ``RuleBasedStateMachine`` per workflow
  kind) need ``hypothesis``: ``pip install governance-rules[testing]``. This module
  does not import them, so the static and exhaustive checks work without it.

>>> from governance_rules import load_charter
>>> from governance_rules.testing import check_charter, windows_have_working_days
>>> windows_have_working_days(load_charter("yangxin-2022"))
[]
>>> check_charter("yangxin-2022", examples=0).ok
True
"""

from governance_rules.testing.check import DYNAMIC, EXHAUSTIVE, STATIC, CheckReport, check_charter
from governance_rules.testing.deadlines import deadlines_stay_in_the_calendar
from governance_rules.testing.exploration import (
    Exploration,
    every_command_has_an_issuer,
    every_item_can_end,
    every_state_is_reachable,
    explore,
    ladder_levels_can_be_left,
)
from governance_rules.testing.monotone import decision_rules_are_monotone, decision_rules_can_pass
from governance_rules.testing.runs import Run, Step, engine_and_calendar_agree_on_conveners
from governance_rules.testing.static import (
    ladders_end_at_their_terminal_body,
    minutes_due_on_a_working_day_after_the_meeting,
    notice_due_by_the_first_working_day,
    roles_held_by_members,
    rotation_is_fair,
    windows_have_working_days,
    windows_hold_the_cadence,
)
from governance_rules.testing.violations import Invariant, Violation, cited

__all__ = [
    "DYNAMIC",
    "EXHAUSTIVE",
    "STATIC",
    "CheckReport",
    "Exploration",
    "Invariant",
    "Run",
    "Step",
    "Violation",
    "check_charter",
    "cited",
    "deadlines_stay_in_the_calendar",
    "decision_rules_are_monotone",
    "decision_rules_can_pass",
    "engine_and_calendar_agree_on_conveners",
    "every_command_has_an_issuer",
    "every_item_can_end",
    "every_state_is_reachable",
    "explore",
    "ladder_levels_can_be_left",
    "ladders_end_at_their_terminal_body",
    "minutes_due_on_a_working_day_after_the_meeting",
    "notice_due_by_the_first_working_day",
    "roles_held_by_members",
    "rotation_is_fair",
    "windows_have_working_days",
    "windows_hold_the_cadence",
]
