"""pm-liaison-quarterly against 004_de6ae260926ba2db.txt (version 2, lines 109–167)."""

from __future__ import annotations

from datetime import date

from governance_rules.obligations import obligations
from tests.charters.common import assert_cadence, assert_cites, assert_timing, charter

SRC = "004_de6ae260926ba2db.txt"
CH = charter("pm-liaison-quarterly")


def reports(key: str, year: int = 2026) -> list[tuple[date, date]]:
    rule = f"information.periodic.{key}"
    return [(o.start, o.end) for o in obligations(CH, year) if o.rule == rule]


def test_at_least_quarterly_with_the_owners_committee_only() -> None:
    assert_cadence(CH, "regular", months=3, at_least=True)
    assert set(CH.member_bodies) == {"property_company", "owners_committee"}
    assert "special" in CH.meetings
    assert CH.meetings["regular"].notice is None  # the source sets no notice period


def test_profit_and_loss_by_the_fifth() -> None:
    windows = reports("profit_and_loss")
    assert len(windows) == 12
    assert windows[1] == (date(2026, 2, 1), date(2026, 2, 5))
    assert_cites(CH, CH.information.periodic["profit_and_loss"], file=SRC, article="四、1(4)")


def test_inquiries_from_the_tenth_to_the_fifteenth() -> None:
    windows = reports("inquiry_and_audit")
    assert windows[9] == (date(2026, 10, 10), date(2026, 10, 15))
    assert len(windows) == 12


def test_end_of_june_and_december_visits() -> None:
    assert reports("half_year_and_annual_visit") == [
        (date(2026, 6, 24), date(2026, 6, 30)),
        (date(2026, 12, 25), date(2026, 12, 31)),
    ]


def test_culture_materials_in_each_quarters_first_month() -> None:
    assert [start.month for start, _ in reports("culture_materials")] == [1, 4, 7, 10]


def test_consulting_and_informing_the_committee_promptly() -> None:
    for key in ("consult", "inform"):
        item = CH.information.notifications[key]
        assert_timing(item.timing, "promptly")
        assert item.to == ("owners_committee",)
