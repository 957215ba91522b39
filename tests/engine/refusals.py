"""What a refused command must leave as it was: a helper shared by the app-level tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import governance_rules as gr
from governance_rules.errors import CommandRefused


def snapshot(engine: gr.Engine) -> Any:
    """Everything a refused command must leave as it was."""
    return (
        [(i.id, i.state, i.data, i.version) for i in engine.instances()],
        [(i.id, t) for i, t in engine.deadlines()],
        {s: engine.store.version(s) for s in engine.store.streams()},
    )


def refused(engine: gr.Engine, call: Callable[..., Any], *args: Any, **kw: Any) -> CommandRefused:
    """``call`` is refused and changes nothing (state, deadlines, stored events)."""
    before = snapshot(engine)
    with pytest.raises(CommandRefused) as info:
        call(*args, **kw)
    assert snapshot(engine) == before
    return info.value
