"""The report shows each charter's amendments: what changes on which day, cited."""

from __future__ import annotations

import pytest

from governance_rules import load_charter_text
from governance_rules._report import build_report
from tests.compare.helpers import LOCAL, PageText


def _text(page: str) -> str:
    parser = PageText()
    parser.feed(page)
    return " ".join(parser.text)


@pytest.mark.parametrize(("year", "state"), [(2026, "not yet in force"), (2027, None)])
def test_report_lists_the_amendments_of_compared_charters(year: int, state: str | None) -> None:
    local = load_charter_text(LOCAL, name="local-rules.yaml")
    text = _text(build_report(["model-charter-rc", local], year).html)
    assert "Amendments" in text
    assert "2027-01-01" in text
    assert "meetings.regular.notice.lead" in text
    assert "14 days" in text
    assert "第三条" in text
    if state:
        assert state in text
    else:
        assert "not yet in force" not in text


def test_report_of_one_charter_lists_its_amendments() -> None:
    """One charter with no competing readings has no comparison; its amendments still show."""
    local = load_charter_text(
        LOCAL.replace("model-charter-rc", "party-building-5x")
        .replace("followed_up_by: meeting_office", "followed_up_by: party_org")
        .replace(
            "notice: {lead: 14 days}",
            "notice: {lead: 14 days, source: {doc: loc, article: 第三条, summary: a fortnight}}",
        ),
        name="local-rules.yaml",
    )
    assert not local.readings
    text = _text(build_report([local], 2027, lang="zh").html)
    assert "修订" in text
    assert "2027-01-01" in text
    assert "14 days" in text
    assert "新增规则" in text  # the lead was unspecified: a rule the amendment adds
