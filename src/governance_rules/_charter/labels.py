"""Column labels of charters, the same in compare, simulate and report.

>>> from governance_rules._charter import load_charter
>>> label_of(load_charter("co-building-two-thirds", readings={"decision": "one_vote_veto"}))
'co-building-two-thirds@decision=one_vote_veto'
>>> unique_labels(["a", "b", "a"])
['a', 'b', 'a (2)']
"""

from __future__ import annotations

from governance_rules._charter.model import Charter

__all__ = ["label_of", "unique_labels"]


def label_of(charter: Charter) -> str:
    """``charter``'s column label: its id, with ``@point=reading`` for chosen readings."""
    chosen = ",".join(f"{p}={o}" for p, o in sorted(charter.selected_readings.items()))
    return f"{charter.id}@{chosen}" if chosen else charter.id


def unique_labels(names: list[str]) -> list[str]:
    """``names`` with repeats numbered: ``a``, ``a (2)``."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out
