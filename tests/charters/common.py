"""Domain assertions shared by the per-charter tests (like holidays' CommonCountryTests).

Each ``tests/charters/test_<id>.py`` checks one bundled charter's numbers against its
source with these helpers, so a failure reads as a statement about the charter.
"""

from __future__ import annotations

import hashlib
import json
from fractions import Fraction
from pathlib import Path

import pytest

from governance_rules._calendar.periods import Period
from governance_rules._charter import Charter, Rule, Timing, load_charter

SOURCES = Path(__file__).resolve().parents[3] / "shared" / "sources"
"""The source texts sit beside the repository (``../shared/sources``), not in it."""

FINGERPRINTS = Path(__file__).resolve().parents[1] / "data" / "source-fingerprints.json"
"""SHA-256 of each source text by file name, kept in the repository so that a bare
clone still knows which files charters may cite (regenerate: ``write_fingerprints()``)."""

needs_sources = pytest.mark.skipif(
    not SOURCES.is_dir(),
    reason=f"compares charters with the source texts, which are not here ({SOURCES})",
)
"""For tests that read the source texts: they run where ``../shared/sources`` exists."""


def source_fingerprints() -> dict[str, str]:
    """The kept fingerprints: source file name → SHA-256 of its bytes."""
    data: dict[str, str] = json.loads(FINGERPRINTS.read_text(encoding="utf-8"))
    return data


def fingerprint_sources(directory: Path = SOURCES) -> dict[str, str]:
    """Fingerprints of the source texts in ``directory`` (``*.txt``)."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.glob("*.txt"))
    }


def write_fingerprints() -> None:  # pragma: no cover - run by hand when the sources change
    FINGERPRINTS.write_text(
        json.dumps(fingerprint_sources(), indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def charter(charter_id: str) -> Charter:
    return load_charter(charter_id)


def assert_timing(timing: Timing | None, expected: str) -> None:
    """``expected`` is a period ("3 working days", "一周") or an open kind (promptly …)."""
    assert timing is not None, "no timing given"
    if expected in (
        "immediately", "promptly", "at_suitable_times", "in_advance", "any_time", "unspecified",
    ):  # fmt: skip
        assert timing.kind.value == expected, f"{timing} is not {expected}"
    else:
        assert timing.period == Period.parse(expected), f"{timing} is not {expected}"


def assert_cadence(
    ch: Charter, meeting: str, *, times: int = 1, months: int, at_least: bool | None = None
) -> None:
    cadence = ch.meetings[meeting].cadence
    assert cadence is not None, f"{meeting} has no cadence"
    assert (cadence.times, cadence.months) == (times, months), cadence.describe()
    if at_least is not None:
        assert cadence.at_least is at_least


def assert_role(
    ch: Charter,
    role: str,
    *,
    body: str | None = None,
    any_of: tuple[str, ...] | None = None,
    rotation: tuple[str, ...] | None = None,
    meeting: str | None = None,
) -> None:
    assignment = ch.role(role, meeting)
    assert assignment is not None, f"no role {role!r}"
    if body is not None:
        assert assignment.body == body, f"{role} is held by {assignment.bodies()}"
    if any_of is not None:
        assert set(assignment.any_of) == set(any_of), assignment.any_of
    if rotation is not None:
        assert assignment.rotation is not None, f"{role} does not rotate"
        assert assignment.rotation.order == rotation


def assert_decision(
    ch: Charter,
    meeting: str,
    kind: str,
    *,
    fraction: str | None = None,
    inclusive: bool | None = None,
    bodies: tuple[str, ...] | None = None,
) -> None:
    decision = ch.meetings[meeting].decision
    assert decision is not None, f"{meeting} has no decision rule"
    assert decision.kind == kind
    if fraction is not None:
        assert decision.threshold is not None
        assert decision.threshold.fraction == Fraction(fraction)
    if inclusive is not None:
        assert decision.threshold is not None
        assert decision.threshold.inclusive is inclusive
    if bodies is not None:
        assert set(decision.bodies) == set(bodies)


def assert_cites(ch: Charter, rule: Rule, *, file: str, article: str | None = None) -> None:
    """The rule cites the given source file (and an article containing ``article``)."""
    document = ch.documents[rule.source.doc]
    assert document.file == file, f"cites {document.file}, not {file}"
    if article is not None:
        assert rule.source.article is not None, "cites no article"
        assert article in rule.source.article, f"cites {rule.source.article!r}, not {article!r}"


def assert_window(ch: Charter, meeting: str, year: int, first: str, count: int) -> None:
    """The meeting's windows in ``year``: the first one (``'YYYY-MM-DD..YYYY-MM-DD'``)."""
    rule = ch.meetings[meeting]
    windows = rule.window.windows(year, rule.cadence)
    assert str(windows[0]) == first, [str(w) for w in windows]
    assert len(windows) == count


def assert_convener_signs_special(ch: Charter, distribution: set[str]) -> Rule:
    """The special meeting's notice and minutes are signed by the convener, with no notice
    lead (随时: none is invented), and the minutes go to ``distribution``; its minutes."""
    from governance_rules._charter.meetings import SignOffKind  # noqa: PLC0415

    special = ch.meetings["special"]
    assert special.notice is not None
    assert special.notice.signed_by == "convener"
    assert_timing(special.notice.lead, "unspecified")
    assert special.minutes is not None
    assert special.minutes.sign_off is not None
    assert special.minutes.sign_off.kind is SignOffKind.CONVENER
    assert set(special.minutes.distribution) == distribution
    return special.minutes
