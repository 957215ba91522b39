"""Joint approval by several bodies: each body's own yes or no; all must approve."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from governance_rules._charter import load_charter, load_charter_text
from governance_rules._charter.meetings import DecisionSpec
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules._decisions import (
    Ballot,
    BodyApprovals,
    Choice,
    decide,
    matter_rule,
    read_body_approvals,
)
from governance_rules.errors import BallotError, CharterValidationError, DecisionError

RC, OC = "residents_committee", "owners_committee"
RULE = matter_rule(load_charter("rc-half-yearly"), "company_entry")
SPEC = RULE.decision


def approvals(**answers: str) -> BodyApprovals:
    return BodyApprovals.of(SPEC.bodies, answers)


def test_the_matter_rule_names_the_two_committees() -> None:
    assert RULE.by_bodies
    assert not RULE.by_owners
    assert dict(RULE.voters) == {RC: None, OC: None}


def test_both_approve_passes() -> None:
    result = decide(SPEC, approvals(residents_committee="yes", owners_committee="同意"),
                    voters=RULE.voters)  # fmt: skip
    assert result.passed
    assert result.reasons == (f"{RC} approved", f"{OC} approved", "every body approved")
    assert dict(result.approvals) == {RC: "yes", OC: "yes"}
    assert (result.counts.yes, result.counts.no, result.counts.absent) == (2, 0, 0)


@pytest.mark.parametrize("refuser", [RC, OC])
def test_either_committee_blocks(refuser: str) -> None:
    answers = {RC: "yes", OC: "yes", refuser: "不同意"}
    result = decide(SPEC, BodyApprovals.of(SPEC.bodies, answers))
    assert not result.passed
    assert result.reasons[-1] == f"refused by {refuser}: not passed"
    assert result.approvals[refuser] == "no"


@pytest.mark.parametrize("silent", [{RC: "yes"}, {RC: "yes", OC: "absent"}, {}])
def test_a_silent_committee_means_not_passed_yet(silent: dict[str, str]) -> None:
    result = decide(SPEC, BodyApprovals.of(SPEC.bodies, silent))
    assert not result.passed
    assert result.approvals[OC] == "none"
    assert f"{OC} has given no answer" in result.reasons
    assert result.reasons[-1].startswith("waiting for ")
    assert result.reasons[-1].endswith(": not passed yet")
    assert result.counts.absent == len(SPEC.bodies) - len([a for a in silent.values()
                                                           if a != "absent"])  # fmt: skip


def test_a_refusal_outweighs_a_silence() -> None:
    result = decide(SPEC, approvals(residents_committee="no"))
    assert result.reasons[-1] == f"refused by {RC}: not passed"


def test_unknown_body_names_the_allowed_bodies() -> None:
    with pytest.raises(BallotError) as info:
        BodyApprovals.of(SPEC.bodies, {"property_company": "yes"})
    assert str(info.value) == (
        f"approvals: not one of the approving bodies (got 'property_company'); allowed: {RC}, {OC}"
    )


def test_an_answer_is_yes_or_no() -> None:
    with pytest.raises(BallotError, match="a body approves or refuses"):
        approvals(owners_committee="abstain")
    with pytest.raises(BallotError, match="unknown choice"):
        approvals(owners_committee="maybe")


def test_the_approving_bodies_must_be_the_charters() -> None:
    other = BodyApprovals.of((RC, "property_company"), {RC: "yes", "property_company": "yes"})
    with pytest.raises(BallotError, match="the approving bodies differ from the charter's"):
        decide(SPEC, other, voters=RULE.voters)
    with pytest.raises(BallotError, match="missing from the approvals"):
        decide(SPEC, other)


def test_other_kinds_refuse_body_approvals_and_joint_refuses_votes() -> None:
    majority = DecisionSpec.model_validate({"kind": "majority_of_votes_cast",
                                            "source": {"doc": "x", "summary": "majority"}})  # fmt: skip
    with pytest.raises(DecisionError, match="not each body's approval"):
        decide(majority, approvals(residents_committee="yes"))
    with pytest.raises(DecisionError, match="not a count of members' or owners' votes"):
        decide(SPEC, Ballot.open({RC: 1, OC: 1}, []))


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"bodies": [RC]}, r"needs the two or more bodies that must each approve \(got 1\)"),
        ({"threshold": {"fraction": "1/2", "inclusive": False}},
         r"not a count of members \(got threshold\); allowed: kind, bodies"),
        ({"base": "all_members"}, r"\(got base\)"),
        ({"counted": "each_body"}, r"\(got kind 'joint_approval'\)"),
    ],
)  # fmt: skip
def test_spec_validation(extra: dict[str, Any], message: str) -> None:
    data = {"kind": "joint_approval", "bodies": [RC, OC],
            "source": {"doc": "x", "summary": "both approve"}, **extra}  # fmt: skip
    with pytest.raises(ValueError, match=message):
        DecisionSpec.model_validate(data)


def test_located_error_in_a_charter_file() -> None:
    text = """\
id: joint-test
extends: rc-half-yearly
title: a test
jurisdiction: a test community
documents:
  t: {kind: guide, file: joint-test, heading: joint test}
matters:
  company_entry:
    decision:
      bodies: [residents_committee]
"""
    with pytest.raises(CharterValidationError,
                       match=r"local.yaml:\d+:\d+: matters.company_entry.decision: .*"
                             r"two or more bodies"):  # fmt: skip
        load_charter_text(text, name="local.yaml", base_dir=bundled_rulesets_dir())


# -- files -----------------------------------------------------------------------------------
def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "approvals.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_read_body_approvals(tmp_path: Path) -> None:
    path = write(tmp_path, "body,approval,note\nresidents_committee,同意,minuted\n"
                           "owners_committee,absent,\n")  # fmt: skip
    found = read_body_approvals(path, RULE.voters)
    assert found.bodies == (RC, OC)
    assert dict(found.given) == {RC: Choice.YES}
    assert found.silent == (OC,)


def test_read_body_approvals_reports_every_bad_row(tmp_path: Path) -> None:
    path = write(tmp_path, "body,approval\nresidents_committee,yes\nproperty_company,yes\n"
                           "residents_committee,no\nowners_committee,abstain\n,yes\n")  # fmt: skip
    with pytest.raises(BallotError) as info:
        read_body_approvals(path, RULE.voters)
    problems = info.value.problems  # type: ignore[attr-defined]
    assert problems == (
        f"{path}:3: body: not one of the approving bodies (got 'property_company'); "
        f"allowed: {RC}, {OC}",
        f"{path}:4: body: listed twice (first at line 2) (got 'residents_committee')",
        f"{path}:5: approval: a body approves or refuses (got 'abstain'); "
        "allowed: yes, no, or absent (no answer given)",
        f"{path}:6: body: empty",
    )


def test_read_body_approvals_needs_its_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "voter,body,choice\nrc,residents_committee,yes\n")
    with pytest.raises(BallotError, match="missing column"):
        read_body_approvals(path, RULE.voters)
