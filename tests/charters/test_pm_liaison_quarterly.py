"""pm-liaison-quarterly against 004_de6ae260926ba2db.txt (version 2, lines 109–167)."""

from __future__ import annotations

from datetime import date

from governance_rules._calendar.windows import LastWeekReading
from governance_rules._charter.meetings import WindowKind
from governance_rules._obligations import obligations
from tests.charters.common import (
    assert_cadence,
    assert_cites,
    assert_decision,
    assert_role,
    assert_timing,
    assert_window,
    charter,
)

SRC = "004_de6ae260926ba2db.txt"
CH = charter("pm-liaison-quarterly")


def reports(key: str, year: int = 2026) -> list[tuple[date, date]]:
    rule = f"information.periodic.{key}"
    return [(o.start, o.end) for o in obligations(CH, year) if o.rule == rule]


def test_cites_the_documents_own_title_not_the_scrape_label() -> None:
    doc = CH.documents["lq"]
    assert doc.file == SRC
    assert doc.heading == "物业部与业主委员会的沟通、协调标准作业程序"
    assert doc.lines == "109–167"


def test_at_least_quarterly_with_the_owners_committee_only() -> None:
    assert_cadence(CH, "regular", months=3, at_least=True)
    assert_window(CH, "regular", 2026, "2026-01-01..2026-03-31", 4)
    assert set(CH.member_bodies) == {"property_company", "owners_committee"}
    assert_role(CH, "convener", body="property_company")
    assert CH.meetings["regular"].notice is None  # the source sets no notice period
    agenda = CH.meetings["regular"].agenda
    assert agenda is not None
    assert any("spending" in item for item in agenda.fixed_items)
    cadence = CH.meetings["regular"].cadence
    assert cadence is not None
    assert_cites(CH, cadence, file=SRC, article="四、1(1)")


def test_special_committee_meeting_when_consent_is_needed() -> None:
    special = CH.meetings["special"]
    assert special.cadence is None
    assert_role(CH, "convener", body="owners_committee", meeting="special")
    assert_decision(CH, "special", "unspecified")
    assert_cites(CH, special, file=SRC, article="四、1(2)")


def test_end_of_june_and_december_report_visits() -> None:
    visit = CH.information.periodic["half_year_and_annual_visit"]
    assert visit.window.kind is WindowKind.LAST_WEEK
    assert visit.window.reading is LastWeekReading.LAST_SEVEN_DAYS
    assert visit.note is not None
    assert "calendar-week" in visit.note
    assert reports("half_year_and_annual_visit") == [
        (date(2026, 6, 24), date(2026, 6, 30)),
        (date(2026, 12, 25), date(2026, 12, 31)),
    ]
    assert_cites(CH, visit, file=SRC, article="四、1(3)")


def test_profit_and_loss_by_the_fifth_of_each_month() -> None:
    windows = reports("profit_and_loss")
    assert len(windows) == 12
    assert windows[1] == (date(2026, 2, 1), date(2026, 2, 5))  # the 5th included
    item = CH.information.periodic["profit_and_loss"]
    assert item.to == ("owners_committee",)
    assert_cites(CH, item, file=SRC, article="四、1(4)①")


def test_inquiries_and_audits_from_the_tenth_to_the_fifteenth() -> None:
    windows = reports("inquiry_and_audit")
    assert len(windows) == 12
    assert windows[9] == (date(2026, 10, 10), date(2026, 10, 15))
    item = CH.information.periodic["inquiry_and_audit"]
    assert set(item.to) == {"owners_committee", "residents"}
    assert_cites(CH, item, file=SRC, article="四、1(4)②")


def test_culture_materials_in_each_quarters_first_month() -> None:
    assert reports("culture_materials") == [
        (date(2026, 1, 1), date(2026, 1, 31)),
        (date(2026, 4, 1), date(2026, 4, 30)),
        (date(2026, 7, 1), date(2026, 7, 31)),
        (date(2026, 10, 1), date(2026, 10, 31)),
    ]


def test_consulting_and_informing_the_committee_promptly() -> None:
    for key, article in (("consult", "四、2"), ("inform", "四、3")):
        item = CH.information.notifications[key]
        assert_timing(item.timing, "promptly")
        assert item.timing.word == "及时"
        assert item.to == ("owners_committee",)
        assert_cites(CH, item, file=SRC, article=article)
    assert not CH.issues  # no reply or revisit deadlines in this version


def test_an_inquiry_window_of_holidays_only_runs_on_and_the_note_says_so() -> None:
    # 10–15 February 2024 fell wholly in the Spring Festival days off: the window runs on
    # to the first working day after it (the library's window_moves convention). The note
    # used to say that holidays never move it.
    moved = [
        (o.start, o.end, o.moved_from)
        for o in obligations(CH, 2024)
        if o.rule == "information.periodic.inquiry_and_audit" and o.moved_from is not None
    ]
    assert [(start, end) for start, end, _ in moved] == [(date(2024, 2, 10), date(2024, 2, 18))]
    note = CH.information.periodic["inquiry_and_audit"].note
    assert note is not None
    assert "holidays do not move it" not in note
    assert "first working day" in note
