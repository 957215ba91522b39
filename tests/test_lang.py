"""Chinese and English: the locale default, the catalogue, and every text output in both."""

from __future__ import annotations

import re
from datetime import date

import icalendar
import pytest

from governance_rules._calendar import WorkingCalendar
from governance_rules._calendar.summary import year_summary
from governance_rules._charter import available_charters, load_charter
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules._i18n import default_lang, error_message, normalize_lang, text
from governance_rules._obligations import body_label, obligations, obligations_ics
from governance_rules.cli import main
from governance_rules.errors import (
    CharterProblem,
    CharterValidationError,
    GovernanceRulesError,
    PeriodError,
)

US_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}")
LATIN = re.compile(r"[A-Za-z]")
BUNDLED = sorted(e.id for e in available_charters().values() if e.origin == "bundled")


# -- choosing the language ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, "en"),
        ({"LC_ALL": "", "LANG": "zh_CN"}, "zh"),
    ],
)
def test_default_language_follows_the_locale(environ: dict[str, str], expected: str) -> None:
    assert default_lang(environ) == expected


@pytest.mark.parametrize(
    ("tag", "expected"), [("zh", "zh"), ("ZH-Hans", "zh"), ("en", "en"), ("en_GB", "en")]
)
def test_language_tags(tag: str, expected: str) -> None:
    assert normalize_lang(tag) == expected


@pytest.mark.parametrize("tag", ["fr", "", "chinese"])
def test_unknown_language_is_refused(tag: str) -> None:
    with pytest.raises(GovernanceRulesError, match="unknown language"):
        normalize_lang(tag)
    with pytest.raises(GovernanceRulesError):
        text("skip", tag, day="x")


# -- error messages --------------------------------------------------------------------------
def test_error_messages_in_chinese_keep_names_and_values() -> None:
    err = PeriodError("unknown unit 'fortnight'", where="period", got="3 fortnights",
                      allowed="working days, days")  # fmt: skip
    assert error_message(err, "en") == str(err)
    zh = error_message(err, "zh")
    assert (
        zh
        == "period：无法识别的期间单位 'fortnight'（输入：'3 fortnights'）；可用：working days, days"
    )
    no_got = GovernanceRulesError("no such charter", where="charter")
    assert error_message(no_got, "zh") == "charter：没有此制度"
    unknown = GovernanceRulesError("something new", where="x", got=None)
    assert error_message(unknown, "zh") == "x：something new（输入：None）"
    # a long value is cut in the message; the Chinese message was left in English then
    long = PeriodError("not a period", where="period", got="9" * 500)
    zh = error_message(long, "zh")
    assert zh.startswith("period：无法识别的期间（输入：'999")
    assert zh.endswith("… (502 characters)）")
    assert long.has_got
    assert not no_got.has_got


def test_a_message_built_another_way_is_kept() -> None:
    err = CharterValidationError([CharterProblem("a.b", "bad", file="f.yaml", line=3)])
    assert error_message(err, "zh") == str(err)


# -- deadlines and days ----------------------------------------------------------------------
def test_deadline_explained_in_chinese_with_python_holidays_names(cal: WorkingCalendar) -> None:
    result = cal.due(date(2026, 9, 23), "8 days")
    zh = result.explain("zh")
    assert zh[0] == "起算日 2026-09-23 星期三 — 工作日，当日不计入（《民法典》第201条）"
    assert "跳过 2026-10-01 国庆节 — 节假日" in zh
    assert zh[-1] == "截止日 2026-10-08 星期四 24:00"
    assert result.explain("en") == result.explanation
    assert result.to_dict("zh")["explanation"] == list(zh)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_dates_are_always_iso(cal: WorkingCalendar, lang: str) -> None:
    for year in (2025, 2026):
        for info in cal.year(year):
            assert not US_DATE.search(info.describe(lang)), info
    lines = cal.due(date(2026, 9, 28), "3 working days").explain(lang)
    assert not any(US_DATE.search(line) for line in lines)
    assert any("2026-09-20" in line for line in lines)  # the moved day off names its source


def test_every_holiday_has_its_chinese_name_from_python_holidays(cal: WorkingCalendar) -> None:
    import holidays  # noqa: PLC0415

    official = holidays.China(years=2026, language="zh_CN")  # type: ignore[no-untyped-call]
    for info in year_summary(cal, 2026).days_off:
        assert info.name_zh == official[info.date], info
        assert not LATIN.search(info.label("zh")), info


def test_provisional_note_in_chinese(cal: WorkingCalendar) -> None:
    from tests.conftest import FIRST_PROVISIONAL_YEAR  # noqa: PLC0415

    year = FIRST_PROVISIONAL_YEAR
    lines = cal.due(date(year, 3, 2), "3 working days").explain("zh")
    assert lines[-1] == f"暂定：{year}年的节假日安排尚未公布"


def test_workdays_ics_in_chinese(cal: WorkingCalendar) -> None:
    parsed = icalendar.Calendar.from_ical(year_summary(cal, 2026).to_ics("zh"))
    summaries = {str(e["SUMMARY"]) for e in parsed.walk("VEVENT")}
    assert "休：国庆节" in summaries
    assert "调休上班" in summaries
    assert not any(LATIN.search(s) for s in summaries)
    assert str(parsed["X-WR-CALNAME"]) == "China 2026年工作日"


# -- charters: obligations, ICS, outline ---------------------------------------------------------
@pytest.mark.parametrize("charter_id", BUNDLED)
def test_duties_are_titled_in_chinese(charter_id: str) -> None:
    for item in obligations(load_charter(charter_id), 2026, lang="zh"):
        assert not LATIN.search(item.title), item.title
        assert item.source.startswith("《") or "领域说明" in item.source, item.source


def test_duty_titles_follow_the_language() -> None:
    ch = load_charter("oc-convened-quarterly")
    en = obligations(ch, 2026)
    zh = obligations(ch, 2026, lang="zh")
    assert [(i.kind, i.start) for i in en] == [(i.kind, i.start) for i in zh]
    notice_en = next(i for i in en if i.kind == "notice")
    notice_zh = next(i for i in zh if i.kind == "notice")
    assert notice_en.title.startswith("notice for the quarterly joint meeting (3 days ahead)")
    assert notice_zh.title.startswith("联席会议通知（提前3日）")
    evaluation = next(i for i in obligations(load_charter("yangxin-2022"), 2026, lang="zh")
                      if i.kind == "evaluation")  # fmt: skip
    assert evaluation.title == "年度评议：社区居民委员会、业主委员会、物业服务企业"


def test_charter_ics_in_chinese() -> None:
    ch = load_charter("yangxin-2022")
    data = obligations_ics(ch, 2026, obligations(ch, 2026, lang="zh"), "zh")
    parsed = icalendar.Calendar.from_ical(data)
    assert str(parsed["X-WR-CALNAME"]) == "阳新县“三方联动”机制（四项制度） 2026"
    events = list(parsed.walk("VEVENT"))
    meeting = next(e for e in events if "meetings.regular-meeting" in str(e["UID"]))
    assert str(meeting["SUMMARY"]) == "联席会议例会"
    description = str(meeting["DESCRIPTION"])
    assert description.startswith("《社区居民委员会、业主委员会、物业服务企业“三方联动”机制")
    assert description.endswith("责任方：社区党组织")
    assert ".txt" not in data.decode()


def test_body_labels_fall_back_to_the_kind() -> None:
    ch = load_charter("oc-convened-quarterly")
    assert body_label(ch, "owners_committee", "zh") == "业主委员会"
    assert body_label(ch, "owners_committee", "en") == "owners' committee"
    assert body_label(ch, "not_a_body", "zh") == "not_a_body"


# -- the command line ----------------------------------------------------------------------------
def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_deadline_command_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadline", "2026-09-28", "3个工作日", "--lang", "zh")
    assert code == 0
    assert out.startswith("截止日：2026-10-08 (3个工作日)")
    assert "跳过 2026-10-06 休息日（由 2026-09-20 调休） — 节假日" in out
    code, out, _ = run(capsys, "deadline", "2026-09-28", "3个工作日", "--lang", "en")
    assert out.startswith("due: 2026-10-08 (3 working days)")
    assert "Day off (substituted from 2026-09-20)" in out
    assert not US_DATE.search(out)


def test_the_locale_sets_the_default(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    code, out, _ = run(capsys, "deadline", "2026-10-09", "1 week", "--before")
    assert code == 0
    assert out.startswith("最晚：2026-09-30 (1周)")
    code, out, _ = run(capsys, "deadline", "2026-10-09", "1 week", "--before", "--lang", "en")
    assert out.startswith("latest day: 2026-09-30 (1 week)")


def test_errors_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "deadline", "2026-01-01", "3 fortnights", "--lang", "zh")
    assert code == 1
    assert err.startswith("错误：period：无法识别的期间单位 'fortnight'（输入：'3 fortnights'）")
    code, _, err = run(capsys, "show", "nowhere", "--lang=zh")
    assert (code, err.startswith("错误：charter：没有此制度")) == (1, True)
    code, _, err = run(capsys, "deadline", "1900-01-01", "3 days", "--lang", "zh")
    assert err.startswith("错误：date：日期超出日历数据范围（输入：'1900-01-01'）")
    code, _, err = run(capsys, "deadline", "1900-01-01", "3 days")
    assert err.startswith("error: date: date outside the calendar's data")


def test_workdays_table_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "workdays", "2026", "--lang", "zh")
    assert code == 0
    assert "2026年：248个工作日" in out
    assert "国庆节" in out
    assert "调休上班日" in out
    assert "星期六" in out
    assert "National Day" not in out


def test_calendar_and_show_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calendar", "yangxin-2022", "--year", "2026", "--lang", "zh")
    assert code == 0
    assert "联席会议例会" in out
    assert "社区党组织" in out
    assert "会议" in out
    code, out, _ = run(capsys, "show", "yangxin-2022", "--lang", "zh")
    assert "依据文件" in out
    assert "  [civil-code] 《中华人民共和国民法典》，全国人民代表大会，2020" in out
    assert "— 《民法典》第278条" in out
    assert ".txt" not in out
    assert "DOMAIN.md" not in out
    code, out, _ = run(capsys, "show", "yangxin-2022")
    assert "  [civil-code] 《中华人民共和国民法典》, National People's Congress, 2020" in out
    assert ".txt" not in out


def test_list_names_documents_not_files(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--lang", "zh")
    assert code == 0
    assert "个制度" in out
    assert ".txt" not in out


def test_every_printing_command_takes_lang(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("list", "validate", "show", "calendar", "deadline", "workdays", "tally",
                    "appraise"):  # fmt: skip
        assert main([command, "--help"]) == 0
        assert "--lang [en|zh]" in capsys.readouterr().out, command


def test_tally_validate_and_appraise_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.test_cli_decisions import EXAMPLES  # noqa: PLC0415

    code, out, _ = run(capsys, "tally", "cn-national-baseline", "--matter", "owners_ordinary",
                       str(EXAMPLES / "owners-major.csv"), "--lang", "zh")  # fmt: skip
    assert code == 0
    assert out.startswith("owners_ordinary：通过 (dual_majority, signature)")
    assert "赞成 3，反对 1，弃权 1，缺席 1" in out
    bundled = str(bundled_rulesets_dir() / "yangxin-2022.yaml")
    code, out, err = run(capsys, "validate", bundled, "--lang", "zh")
    assert code == 0
    assert out.strip().endswith("yangxin-2022.yaml：通过")
    assert err.strip() == "1个有效，0个有误"
    scores = str(EXAMPLES / "appraisal-scores.csv")
    code, out, _ = run(capsys, "appraise", "yangxin-2022", scores, "--lang", "zh")
    assert code == 0
    assert "总分" in out
    assert "权重" in out
