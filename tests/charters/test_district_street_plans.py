"""district-street-plans against 003_d78d771608c81364.txt (篇1–篇4, 篇7)."""

from __future__ import annotations

import re
from datetime import date
from fractions import Fraction

from governance_rules._calendar.windows import Window
from governance_rules._charter.evaluation import Measure
from governance_rules._charter.issues import EscalationTrigger, IssueCategoryKind
from governance_rules._engine import Engine
from governance_rules._obligations import obligations
from governance_rules._workflows import Actor
from tests.charters.common import assert_cadence, assert_cites, assert_timing, charter

SRC = "003_d78d771608c81364.txt"
CH = charter("district-street-plans")
G = CH.grading["estate_grading"]


def test_a_compilation_citing_each_plan_by_its_heading() -> None:
    assert CH.status == "pattern"
    assert {d.heading for d in CH.documents.values() if d.file == SRC} == {
        f"住宅小区物业管理方案 篇{n}" for n in (1, 2, 3, 4, 6, 7)
    }
    assert CH.citation(G.source, "zh") == "《住宅小区物业管理方案 篇1》四、(二)1"


def test_estates_are_graded_by_the_community_in_three_unspecified_grades() -> None:
    assert (G.by, G.to) == ("community", ("street_office",))
    assert [b.label.get("zh") for b in G.bands] == ["较规范", "一般规范", "有待规范"]
    assert all(b.requires is None for b in G.bands)  # the plan gives no thresholds
    assert G.bands_apply_to == ("already_managed",)
    for band in G.bands:
        assert_cites(CH, band, file=SRC, article="四、(二)1")


def test_the_six_aspects_and_how_they_are_measured() -> None:
    measures = {k: i.measure for k, i in G.indicators.items()}
    assert measures == {
        "fee_payment_rate": Measure.RATE,
        "satisfaction_rate": Measure.RATE,
        "occupancy_rate": Measure.RATE,
        "transparency": Measure.UNSPECIFIED,
        "basic_services": Measure.UNSPECIFIED,
        "sanitation": Measure.UNSPECIFIED,
    }
    assert [i.label.get("zh") for i in G.indicators.values()] == [
        "缴费率", "满意度", "入住率", "公正透明", "基础服务", "环境卫生"]  # fmt: skip


def test_targets_85_for_newly_and_90_for_already_managed_estates() -> None:
    found = {(t.category, t.indicator): t.threshold for t in G.targets}
    assert {k: (v.fraction, v.inclusive) for k, v in found.items()} == {
        ("newly_managed", "fee_payment_rate"): (Fraction(85, 100), True),
        ("newly_managed", "satisfaction_rate"): (Fraction(85, 100), True),
        ("already_managed", "fee_payment_rate"): (Fraction(90, 100), True),
        ("already_managed", "satisfaction_rate"): (Fraction(90, 100), True),
    }
    for target in G.targets:
        assert_cites(CH, target, file=SRC, article="五、(四)")


def test_other_information_stays_up_at_least_15_days() -> None:
    publicity = CH.information.publicity
    assert_timing(publicity["other_information"].min_period, "15 days")
    assert publicity["basic_information"].long_term
    assert_cites(CH, publicity["other_information"], file=SRC, article="二、(四)4")
    assert CH.documents[publicity["other_information"].source.doc].heading.endswith("篇2")


def test_three_level_joint_meetings() -> None:
    assert_cadence(CH, "county_joint", months=3, at_least=False)
    assert_cadence(CH, "town_joint", months=1, at_least=True)
    assert CH.meetings["community_joint"].cadence is None
    for key in ("county_joint", "town_joint", "community_joint"):
        assert_cites(CH, CH.meetings[key], file=SRC, article="二、(二)1")
        assert CH.meetings[key].decision is None  # no decision rule is given


def test_departments_answer_a_complaint_within_15_days() -> None:
    complaint = CH.issues["department_complaint"]
    assert complaint.kind is IssueCategoryKind.COMPLAINT
    (level,) = complaint.ladder
    assert level.handler == "departments"
    assert_timing(level.deadlines.reply, "15 days")
    assert_cites(CH, level, file=SRC, article="二、(二)3")


def test_the_tiered_principle_is_a_ladder_community_street_district() -> None:
    dispute = CH.issues["property_dispute"]
    assert [lv.handler for lv in dispute.ladder] == ["community", "street_office", "district"]
    assert all(lv.deadlines.items() == [] for lv in dispute.ladder)  # no time limits
    assert [lv.escalate_on for lv in dispute.ladder[:2]] == [(EscalationTrigger.BEYOND_REMIT,)] * 2
    for level in dispute.ladder:
        assert_cites(CH, level, file=SRC, article="二、(三)10")


def test_the_ladder_runs_on_the_engine() -> None:
    engine = Engine(CH)
    community = Actor("community")
    issue = engine.report_issue(Actor("residents"), date(2026, 5, 11), summary="parking")
    engine.command(issue.id, "triage", community, date(2026, 5, 11), category="property_dispute")
    engine.command(issue.id, "escalate", community, date(2026, 5, 12))
    engine.command(issue.id, "escalate", Actor("street_office"), date(2026, 5, 13))
    assert CH.issues["property_dispute"].ladder[issue.data.level].handler == "district"
    assert engine.advance_to(date(2026, 12, 31)) == []  # no level has a time limit


def test_monthly_progress_report_by_the_3rd() -> None:
    report = CH.information.periodic["monthly_progress"]
    assert (report.by, report.to) == ("district", ("city_task_force",))
    windows = report.window.windows(2026, report.cadence)
    assert len(windows) == 12
    assert windows[0] == Window(date(2026, 1, 1), date(2026, 1, 3))
    assert_cites(CH, report, file=SRC, article="三、(三)")


def test_party_members_half_or_more_of_the_owners_committee() -> None:
    (target,) = CH.terms["owners_committee"].composition
    assert target.at_least == Fraction(1, 2)
    assert_cites(CH, target, file=SRC, article="二、(三)")
    # the baseline's term rules are kept, with their own citations
    term = CH.terms["owners_committee"].term
    assert term is not None
    assert CH.documents[term.source.doc].kind.value == "law"


def test_every_grading_name_has_a_label_in_both_languages() -> None:
    labels = {"grading": G.label, "unit": G.unit}
    labels |= {f"categories.{k}": c.label for k, c in G.categories.items()}
    labels |= {f"indicators.{k}": i.label for k, i in G.indicators.items()}
    labels |= {f"bands.{b.name}": b.label for b in G.bands}
    for path, label in labels.items():
        assert label.zh, path
        assert re.search(r"[\u4e00-\u9fff]", label.zh), path
        assert label.en, path
        assert label.en.isascii(), path
        assert len(label.zh) <= 20, path


def _dated(rule: str) -> list[tuple[date, date]]:
    return [(o.start, o.end) for o in obligations(CH, 2026) if o.rule == rule]


def test_street_monthly_and_district_quarterly_progress_meetings() -> None:
    # 篇1 六、(二): the street's leading group meets every month; 篇2 四、(三): the district
    # government, as a rule, once a quarter. Both were missing (no dated meeting).
    assert_cadence(CH, "street_progress", months=1, at_least=False)
    assert_cadence(CH, "district_progress", months=3, at_least=False)
    assert CH.meetings["street_progress"].roles["convener"].body == "street_leading_group"
    assert CH.meetings["district_progress"].roles["convener"].body == "district"
    assert_cites(CH, CH.meetings["street_progress"], file=SRC, article="六、(二)")
    assert_cites(CH, CH.meetings["district_progress"], file=SRC, article="四、(三)")
    assert CH.documents[CH.meetings["district_progress"].source.doc].heading.endswith("篇2")
    assert len(_dated("meetings.street_progress")) == 12
    assert _dated("meetings.district_progress")[0] == (date(2026, 1, 1), date(2026, 3, 31))
    assert len(_dated("meetings.district_progress")) == 4


def test_quarterly_inspection_and_flagging_and_the_year_end_summary() -> None:
    periodic = CH.information.periodic
    inspection = periodic["company_inspection"]
    assert inspection.by == "street_office"
    assert_cites(CH, inspection, file=SRC, article="四、(二)3")
    assert len(_dated("information.periodic.company_inspection")) == 4
    flagging = periodic["top_ten_flagging"]
    assert flagging.by is None  # the plan names nobody
    assert_cites(CH, flagging, file=SRC, article="二、(二)9")
    assert len(_dated("information.periodic.top_ten_flagging")) == 4
    summary = periodic["year_end_summary"]
    assert (summary.by, summary.to) == ("district", ("city_urban_management",))
    assert _dated("information.periodic.year_end_summary") == [
        (date(2026, 1, 1), date(2026, 12, 31))
    ]  # due by the end of December


def test_march_is_the_publicity_month() -> None:
    month = CH.information.periodic["publicity_month"]
    assert_cites(CH, month, file=SRC, article="三、(一)")
    assert CH.documents[month.source.doc].heading.endswith("篇3")
    assert _dated("information.periodic.publicity_month") == [
        (date(2026, 3, 1), date(2026, 3, 31))
    ]


def test_regular_duties_without_an_interval_are_never_dated() -> None:
    for key, article in (
        ("oc_performance_review", "二、(二)4"),
        ("fee_and_income_publicity", "二、(四)4"),
    ):
        duty = CH.information.periodic[key]
        assert duty.recurs is not None
        assert not duty.dated
        assert_cites(CH, duty, file=SRC, article=article)
        assert _dated(f"information.periodic.{key}") == []


def test_the_estate_round_table_recurs_without_an_interval() -> None:
    # 篇6 三、(一): estate Party branch, owners' committee and company meet regularly (定期)
    # at a round table under the street office's guidance; no interval is given.
    table = CH.meetings["round_table"]
    assert table.cadence is None
    assert table.recurs is not None
    assert table.decision is None
    assert {"estate_party_org", "owners_committee", "property_company"} <= set(CH.member_bodies)
    assert_cites(CH, table, file=SRC, article="三、(一)")
    assert CH.documents[table.source.doc].heading.endswith("篇6")
    assert _dated("meetings.round_table") == []
