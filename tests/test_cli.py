"""The govrules command line: output formats, exit codes, and help."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest

from governance_rules.cli import main
from tests.conftest import FIRST_PROVISIONAL_YEAR


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_deadline_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadline", "2026-09-28", "3个工作日")
    assert code == 0
    assert out.splitlines()[0] == "due: 2026-10-08 (3 working days)"
    assert "skip 2026-10-01 National Day — holiday" in out


def test_deadline_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadline", "2026-09-23", "8 days", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {"start", "period", "due", "provisional", "explanation"} <= set(data)
    assert data["due"] == "2026-10-08"
    assert data["provisional"] is False


def test_deadline_before_and_provisional(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadline", f"{FIRST_PROVISIONAL_YEAR}-10-09", "1 week", "--before")
    assert code == 0
    assert out.startswith("latest day: ")
    assert "(provisional)" in out


def test_rest_day_option(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "deadline", "2026-06-06", "1 week", "--format", "json")
    assert json.loads(out)["due"] == "2026-06-15"
    argv = ("deadline", "2026-06-06", "1 week", "--rest-days-do-not-extend", "--format", "json")
    _, out, _ = run(capsys, *argv)
    assert json.loads(out)["due"] == "2026-06-13"


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["deadline", "2026-09-28", "3 fortnights"], 1, "unknown unit 'fortnight'"),
        (["deadline", "1999-01-01", "3 days"], 1, "outside the calendar's data"),
        (["deadline", "2026-13-01", "3 days"], 2, "expected YYYY-MM-DD"),
        (["workdays", "1990"], 1, "outside the calendar's data"),
        (["workdays", "2026", "--overrides", "/nonexistent.yaml"], 1, "cannot read the file"),
        (["workdays", "twenty"], 2, "not a valid integer"),
        (["nonsense"], 2, "No such command"),
    ],
)
def test_errors(
    capsys: pytest.CaptureFixture[str], argv: list[str], code: int, message: str
) -> None:
    got, out, err = run(capsys, *argv)
    assert got == code
    assert message in err
    assert out == ""
    assert "Traceback" not in err


def test_workdays_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "workdays", "2026", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["provisional"] is False
    assert data["working_days"] == 248
    assert [r["date"] for r in data["makeup_workdays"]] == [
        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
    ]  # fmt: skip
    national_day = next(r for r in data["days_off"] if r["date"] == "2026-10-01")
    assert national_day["name_zh"] == "国庆节"


def test_workdays_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "workdays", str(FIRST_PROVISIONAL_YEAR))
    assert code == 0
    assert "provisional" in out
    assert f"{FIRST_PROVISIONAL_YEAR}-10-01" in out
    code, out, _ = run(capsys, "workdays", "2026")
    assert "provisional" not in out


def test_workdays_ics_parses_and_is_stable(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["workdays", "2026", "--format", "ics"]) == 0
    first = capsysbinary.readouterr().out
    assert main(["workdays", "2026", "--format", "ics"]) == 0
    assert capsysbinary.readouterr().out == first  # stable UIDs and stamps: same bytes
    cal = icalendar.Calendar.from_ical(first)
    events = list(cal.walk("VEVENT"))
    assert len({str(e["UID"]) for e in events}) == len(events)
    national = next(e for e in events if str(e["UID"]) == "2026-10-01-off@governance-rules")
    assert national["DTSTART"].params.get("VALUE") == "DATE"
    assert national.decoded("DTSTART").isoformat() == "2026-10-01"
    assert national.decoded("DTEND").isoformat() == "2026-10-02"
    assert any("make-up" in str(e["SUMMARY"]).lower() for e in events)


def test_workdays_with_overrides(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "local.yaml"
    path.write_text("name: typhoon\nclosures:\n  - {date: 2026-09-14, name: typhoon}\n", "utf-8")
    code, out, _ = run(capsys, "workdays", "2026", "--overrides", str(path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["working_days"] == 247
    assert any(r["kind"] == "local_closure" for r in data["days_off"])


def test_help_ends_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in ([], ["deadline"], ["workdays"]):
        code, out, _ = run(capsys, *argv, "--help")
        assert code == 0
        assert "Examples:" in out
        assert "govrules" in out.split("Examples:")[1]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert "govrules" in out


def test_a_bug_is_reported_as_exit_3(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr("governance_rules.cli.calendar_commands.year_summary", boom)
    code, _, err = run(capsys, "workdays", "2026")
    assert code == 3
    assert "internal error (RuntimeError: kaboom)" in err


def test_workdays_says_the_last_days_of_the_last_published_year_may_still_change(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The next year's notice may move 29–31 December (New Year's 调休): the last
    published year says so; an earlier year and a provisional one do not."""
    last = FIRST_PROVISIONAL_YEAR - 1
    note = f"29–31 December may still change: the {last + 1} arrangement is not yet published"
    code, out, _ = run(capsys, "workdays", str(last))
    assert code == 0
    assert note in out
    data = json.loads(run(capsys, "workdays", str(last), "--format", "json")[1])
    assert (data["provisional"], data["may_change_from"]) == (False, f"{last}-12-29")
    for year in (last - 1, last + 1):
        code, out, _ = run(capsys, "workdays", str(year))
        assert "29–31 December" not in out
        data = json.loads(run(capsys, "workdays", str(year), "--format", "json")[1])
        assert data["may_change_from"] is None
    zh = run(capsys, "workdays", str(last), "--lang", "zh")[1]
    assert f"12月29日至31日仍可能调整：{last + 1}年节假日安排尚未公布" in zh
