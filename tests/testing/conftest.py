"""The kit's tests use its pytest plugin as an app would (the entry point needs an install)."""

from __future__ import annotations

from governance_rules.testing.plugin import charter_invariants  # noqa: F401 - the fixture
