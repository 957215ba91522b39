"""govrules list / validate / show / schema / calendar."""

from __future__ import annotations

import importlib.util
import json
from datetime import timedelta
from pathlib import Path

import icalendar
import jsonschema
import pytest
import yaml

from governance_rules import WorkingCalendar, _yaml
from governance_rules._charter import load_charter, load_charter_text
from governance_rules._charter.registry import bundled_rulesets_dir
from governance_rules._charter.schema import charter_json_schema
from governance_rules.cli import main
from tests.compare.helpers import LOCAL


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--format", "json")
    assert code == 0
    rows = {row["id"]: row for row in json.loads(out)}
    assert rows["yangxin-2022"]["sources"] == ["001_62e7824ca992917b.txt", "DOMAIN.md"]
    assert rows["yangxin-2022"]["status"] == "charter"
    assert rows["cn-national-baseline"]["status"] == "baseline"
    assert all(row["origin"] == "bundled" for row in rows.values())
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "yangxin-2022" in out


def test_validate_good_and_bad(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = bundled_rulesets_dir() / "yangxin-2022.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.read_text("utf-8").replace("every: bimonthly", "every: fortnightly"))
    code, out, err = run(capsys, "validate", str(good), str(bad))
    assert code == 1
    assert f"{good}: ok" in out
    assert "bad.yaml:" in out
    assert "unknown cadence 'fortnightly'" in out
    assert "1 valid, 1 invalid" in err
    code, out, _ = run(capsys, "validate", str(bad), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report[0]["valid"] is False
    assert report[0]["problems"][0]["line"] > 1
    assert run(capsys, "validate", str(good))[0] == 0


def test_show_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "yangxin-2022", "--lang", "zh")
    assert code == 0
    assert out.startswith("yangxin-2022 — 阳新县")
    assert "meetings.regular.cadence" in out
    assert (
        "— 《社区居民委员会、业主委员会、物业服务企业“三方联动”机制(四项制度)细则》(一) 第三条"
        in out
    )
    assert ".txt" not in out
    code, out, _ = run(capsys, "show", "yangxin-2022", "--format", "json")
    data = json.loads(out)
    assert data["charter"]["meetings"]["regular"]["cadence"]["months"] == 2
    assert data["citations"]["meetings.regular.cadence"] == (
        "《社区居民委员会、业主委员会、物业服务企业“三方联动”机制(四项制度)细则》(一) 第三条"
    )


def test_show_unknown_charter(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "nowhere")
    assert code == 1
    assert "no such charter" in err


def test_schema_validates_the_bundled_charters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    # a complete charter file (one that extends nothing) satisfies the schema
    data = yaml.safe_load((bundled_rulesets_dir() / "cn-national-baseline.yaml").read_text())
    jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "colour": "red"}, schema)


@pytest.fixture(scope="module")
def charter_schema() -> jsonschema.Draft202012Validator:
    schema = charter_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize(
    "path", sorted(bundled_rulesets_dir().glob("*.yaml")), ids=lambda p: p.stem
)
def test_every_bundled_charter_file_satisfies_the_schema(
    charter_schema: jsonschema.Draft202012Validator, path: Path
) -> None:
    """An editor shows no false problem in a valid file: complete or extending, with the
    shorthands the loader reads (``delegate: body``, ``requires: unspecified``)."""
    data = _yaml.load(path.read_text(encoding="utf-8"))
    problems = [f"{e.json_path}: {e.message[:200]}" for e in charter_schema.iter_errors(data)]
    assert problems == []


EXTENDING = {"id": "local", "extends": "yangxin-2022"}


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        ({"meetings": {"regular": None}}, True),  # null removes an inherited rule
        ({"meetings": {"regular": {"notice": {"lead": "5 working days"}}}}, True),
        ({"roles": {"convener": {"delegate": "estate_party_org"}}}, True),
        ({"meetings": {"regular": {"notise": {}}}}, False),  # a misspelt key
        ({"meetings": {"regular": {"notice": {"lead": 5}}}}, False),  # a wrong type
        ({"colour": "red"}, False),
    ],
)
def test_an_extending_file_is_checked_as_changes(
    charter_schema: jsonschema.Draft202012Validator, change: dict[str, object], valid: bool
) -> None:
    assert charter_schema.is_valid({**EXTENDING, **change}) is valid


def test_a_file_without_extends_must_be_complete(
    charter_schema: jsonschema.Draft202012Validator,
) -> None:
    baseline = bundled_rulesets_dir() / "cn-national-baseline.yaml"  # the one that extends none
    data = _yaml.load(baseline.read_text(encoding="utf-8"))
    assert charter_schema.is_valid(data)
    del data["documents"]
    assert not charter_schema.is_valid(data)
    assert not charter_schema.is_valid({"id": "local", "meetings": {"regular": None}})


def test_calendar_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calendar", "yangxin-2022", "--year", "2026", "--format", "json")
    assert code == 0
    data = json.loads(out)
    meetings = [i for i in data["items"] if i["kind"] == "meeting"]
    assert [m["start"] for m in meetings] == [
        "2026-02-22", "2026-04-24", "2026-06-24", "2026-08-25", "2026-10-25", "2026-12-25",
    ]  # fmt: skip
    # Spring Festival runs to 02-23; Saturday 02-28 is a make-up working day
    assert meetings[0]["working_days"] == 5
    for item in data["items"]:
        assert {"kind", "title", "start", "end", "responsible", "source"} <= set(item)
        assert "working_days" in item
    assert all(m["convener"] == ["party_org"] for m in meetings)
    appraisal = next(i for i in data["items"] if i["kind"] == "evaluation")
    assert (appraisal["start"], appraisal["end"]) == ("2026-12-01", "2026-12-31")
    assert "(四)" in appraisal["source"]


def test_calendar_ics(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["calendar", "yangxin-2022", "--year", "2026", "--format", "ics"]) == 0
    first = capsysbinary.readouterr().out
    assert main(["calendar", "yangxin-2022", "--year", "2026", "--format", "ics"]) == 0
    assert capsysbinary.readouterr().out == first
    events = list(icalendar.Calendar.from_ical(first).walk("VEVENT"))
    assert len({str(e["UID"]) for e in events}) == len(events)
    meeting = next(e for e in events if "2026-02-22" in str(e["UID"]))
    assert meeting["DTSTART"].params["VALUE"] == "DATE"
    assert meeting.decoded("DTEND").isoformat() == "2026-03-01"  # exclusive end


def test_calendar_text_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calendar", "yangxin-2022", "--year", "2026")
    assert code == 0
    assert "02-22..02-28 (5)" in out  # the year is in the title; 5 working days
    code, out, _ = run(capsys, "calendar", "yangxin-2022", "--year", "2026", "--wide")
    assert code == 0
    assert "2026-02-22" in out
    code, out, _ = run(
        capsys, "calendar", "yangxin-2022", "--year", "2026",
        "--reading", "meeting_window=calendar_week",
    )  # fmt: skip
    assert code == 0
    assert "08-31 (1)" in out  # the competing reading: a one-day August window
    code, _, err = run(capsys, "calendar", "yangxin-2022", "--year", "2026", "--reading", "x=y")
    assert code == 1
    assert "no such reading point" in err
    code, _, err = run(capsys, "calendar", "yangxin-2022", "--year", "1990")
    assert code == 1
    assert "outside the calendar's data" in err
    code, _, err = run(capsys, "calendar", "yangxin-2022")
    assert code == 2
    assert "--year" in err


@pytest.mark.parametrize("kind", ["meeting", "issue", "term"])
def test_diagram(capsys: pytest.CaptureFixture[str], kind: str) -> None:
    code, out, _ = run(capsys, "diagram", "yangxin-2022", "--workflow", kind)
    assert code == 0
    assert out.startswith(f"---\nyangxin-2022 {kind}\n---\nstateDiagram-v2\n")
    code, out, err = run(capsys, "diagram", "yangxin-2022", "--workflow", kind, "--format", "dot")
    if importlib.util.find_spec("graphviz") is None:
        assert code == 1
        assert "graphviz" in err
    else:
        assert code == 0
        assert out.lstrip().startswith("digraph")


def test_diagram_shows_the_ladder_roles_and_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "diagram", "yangxin-2022", "--workflow", "issue")
    assert "handling.beyond_remit.L2_street_office" in out
    assert "by residents_committee; handler request" in out
    _, out, _ = run(capsys, "diagram", "model-charter-rc", "--workflow", "meeting")
    assert "notice 1 week before" in out
    _, out, _ = run(capsys, "diagram", "oc-agenda-majority", "--workflow", "meeting")
    assert "regular.held.opening --> regular.held.agenda_items: next_step" in out


def test_calendar_moves_a_window_wholly_on_holidays(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "calendar", "pm-liaison-quarterly", "--year", "2026", "--format", "json"
    )
    assert code == 0
    statements = [i for i in json.loads(out)["items"] if i["rule"].endswith("profit_and_loss")]
    may = next(i for i in statements if i["start"] == "2026-05-01")
    assert may["end"] == "2026-05-06"  # as `govrules deadline` moves a period ending 05-05
    assert may["moved_from"] == {"start": "2026-05-01", "end": "2026-05-05"}
    assert may["working_days"] == 1
    code, out, _ = run(capsys, "calendar", "pm-liaison-quarterly", "--year", "2026")
    assert code == 0
    assert "05-01..05-06 (1*)" in out
    assert "2026-05-01..2026-05-05 holds no working day" in " ".join(out.split())


def test_show_marks_the_reading_in_force(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "co-building-two-thirds")
    assert code == 0
    assert "two_thirds: two-thirds or more of the votes in favour [default, in force]" in out
    code, out, _ = run(
        capsys, "show", "co-building-two-thirds", "--reading", "decision=one_vote_veto"
    )
    assert code == 0
    assert "one_vote_veto: one-vote veto [in force]" in out
    code, _, err = run(capsys, "show", "co-building-two-thirds", "--reading", "decision")
    assert code == 2
    assert "POINT=READING" in err


@pytest.mark.parametrize("written", ["1", "1/1", "100%"])
def test_a_whole_fraction_reads_back_as_it_is_written_out(
    charter_schema: jsonschema.Draft202012Validator, written: str
) -> None:
    """A threshold of all members is written out as "1"; that text reads back, and the
    schema takes it, and the number 1, as the loader does."""
    text = (
        "id: unanimous\nextends: cn-national-baseline\ntitle: Unanimous\njurisdiction: Test\n"
        "matters:\n  owners_committee_meeting:\n    quorum:\n"
        f"      present: {{fraction: '{written}', inclusive: true}}\n"
    )
    charter = load_charter_text(text)
    dumped = charter.model_dump(mode="json")
    assert charter.model_validate(dumped) == charter
    assert charter_schema.is_valid(_yaml.load(text))
    assert charter_schema.is_valid(_yaml.load(text.replace(f"'{written}'", "1")))
    assert load_charter("cn-national-baseline") != charter


@pytest.mark.parametrize(("lang", "heading"), [("en", "Amendments"), ("zh", "修订")])
def test_show_lists_what_each_amendment_changes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str, heading: str
) -> None:
    """A reader of `show` learns that the rules change on a later day, and how."""
    path = tmp_path / "local-rules.yaml"
    path.write_text(LOCAL, encoding="utf-8")
    code, out, _ = run(capsys, "show", str(path), "--lang", lang)
    assert code == 0
    section = out[out.index(f"\n{heading}\n") :]
    assert "2027-01-01" in section
    assert "meetings.regular.notice.lead: 1 week → 14 days" in section
    assert "第三条" in section
    code, out, _ = run(capsys, "show", "yangxin-2022", "--lang", lang)
    assert f"\n{heading}\n" not in out


def test_show_on_a_day_gives_the_rules_in_force_then(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "local-rules.yaml"
    path.write_text(LOCAL, encoding="utf-8")
    code, before, _ = run(capsys, "show", str(path), "--on", "2026-12-31")
    assert code == 0
    assert "one week in advance" in before
    assert "2027-01-01 (not yet in force)" in before
    code, after, _ = run(capsys, "show", str(path), "--on", "2027-01-01")
    assert code == 0
    notice = after[after.index("  meetings.regular.notice\n") :].splitlines()[1]
    assert "fortnight" in notice
    assert "(not yet in force)" not in after
    code, out, _ = run(capsys, "show", str(path), "--on", "2027-01-01", "--format", "json")
    assert (
        json.loads(out)["charter"]["meetings"]["regular"]["notice"]["lead"]["period"] == "14 days"
    )
    code, _, err = run(capsys, "show", str(path), "--on", "2027-02-30")
    assert code == 2
    assert "YYYY-MM-DD" in err


def test_diagram_draws_a_competing_reading_and_the_rules_of_a_day(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A regulator draws the machine each reading compiles to, and the machine an
    amendment brings in (diagram took neither, unlike show, compare and simulate)."""
    args = ["diagram", "co-building-two-thirds", "--workflow", "meeting"]
    _, default, _ = run(capsys, *args)
    code, veto, _ = run(capsys, *args, "--reading", "decision=one_vote_veto")
    assert code == 0
    assert "supermajority >= 2/3 of votes cast" in default
    assert "supermajority" not in veto
    assert "record_decision [internal] [by the chair; veto;" in veto
    code, out, _ = run(capsys, *args, "--reading", "decision=one_vote_veto", "--format", "json")
    assert json.loads(out)["readings"] == {"decision": "one_vote_veto"}
    path = tmp_path / "local-rules.yaml"
    path.write_text(LOCAL, encoding="utf-8")
    local = ["diagram", str(path), "--workflow", "meeting"]
    _, before, _ = run(capsys, *local, "--on", "2026-12-31")
    _, after, _ = run(capsys, *local, "--on", "2027-01-01")
    assert "notice 1 week before" in before
    assert "notice 14 days before" in after
    code, out, _ = run(capsys, *local, "--on", "2027-01-01", "--format", "json")
    assert json.loads(out)["on"] == "2027-01-01"
    code, _, err = run(capsys, *args, "--reading", "decision=nope")
    assert code == 1
    assert "allowed: two_thirds, one_vote_veto" in err


@pytest.mark.parametrize(
    "command", [["show", "yangxin-2022"], ["diagram", "yangxin-2022", "--workflow", "issue"]]
)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_show_and_diagram_refuse_a_day_outside_the_calendar(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    fmt: str,
) -> None:
    """--on a day the calendar does not hold is refused as `deadline` and `compare --from`
    refuse it (exit 1, the range allowed), not shown as if the rules were known then."""
    last = WorkingCalendar.china().last_date
    fmts = [] if fmt == "text" else ["--format", "json"]
    for day in ("2000-12-31", (last + timedelta(days=1)).isoformat()):
        code, out, err = run(capsys, *command, "--on", day, *fmts)
        assert code == 1
        assert out == ""
        assert err == (
            f"error: --on: date outside the calendar's data (got '{day}'); "
            f"allowed: 2001-01-01 to {last.isoformat()}\n"
        )
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")  # diagram has no --lang: the locale's
    code, _, err = run(capsys, *command, "--on", "1999-01-01", *fmts)
    assert code == 1
    assert err.startswith("错误：--on：日期超出日历数据范围（输入：'1999-01-01'）")
    monkeypatch.delenv("LC_ALL")
    code, out, _ = run(capsys, *command, "--on", last.isoformat(), *fmts)
    assert code == 0
    assert out


def test_calendar_refuses_a_rotation_start_outside_the_calendar(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The engine refuses such a first meeting (its ``rotation_start`` is a day of the
    calendar); the calendar drew the rotation from it all the same."""
    args = ["calendar", "rotating-quarterly-consensus", "--year", "2027", "--rotation-order",
            "owners_committee,residents_committee,property_company"]  # fmt: skip
    code, out, err = run(capsys, *args, "--rotation-start", "1999-01-15")
    assert (code, out) == (1, "")
    assert err.startswith(
        "error: --rotation-start: date outside the calendar's data (got '1999-01-15'); "
        "allowed: 2001-01-01 to "
    )
    assert run(capsys, *args, "--rotation-start", "2027-01-15")[0] == 0
