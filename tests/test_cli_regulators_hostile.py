"""The regulators' commands (compare, simulate, report) as a regulator and a scripter use them.

Hostile paths, sizes and text; every refusal is exit 1 with a clear line on
standard error, never a hang, a traceback or a file written outside the report's
directory. Simulations are tiny: one or two communities.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from governance_rules.cli import main


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# -- report: the files it writes -------------------------------------------------------------
def test_report_replaces_a_symlink_and_leaves_its_target_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A link planted as index.html (or as a chart) is replaced, not written through."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    out = tmp_path / "report"
    (out / "charts").mkdir(parents=True)
    (out / "index.html").symlink_to(victim)
    (out / "charts" / "timeline-1.svg").symlink_to(victim)
    code, _, err = run(capsys, ["report", "yangxin-2022", "--year", "2026", "--out", str(out)])
    assert code == 0, err
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not (out / "index.html").is_symlink()
    assert (out / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not (out / "charts" / "timeline-1.svg").is_symlink()
    assert sorted(p.name for p in out.iterdir()) == ["charts", "index.html"]  # no temporary left


def test_report_refuses_a_charts_directory_that_is_a_symlink(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Its charts would be replaced, and stale ones removed, in the link's target."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "workload.png").write_bytes(b"someone else's")
    out = tmp_path / "report"
    out.mkdir()
    (out / "charts").symlink_to(elsewhere, target_is_directory=True)
    code, _, err = run(capsys, ["report", "yangxin-2022", "--year", "2026", "--out", str(out)])
    assert code == 1
    assert "charts is a symbolic link" in err
    assert sorted(p.name for p in elsewhere.iterdir()) == ["workload.png"]
    assert (elsewhere / "workload.png").read_bytes() == b"someone else's"
    assert sorted(p.name for p in out.iterdir()) == ["charts"]


def test_report_over_a_fifo_does_not_hang(tmp_path: Path) -> None:
    """Opening a FIFO to write waits for a reader; the report replaces it instead."""
    out = tmp_path / "report"
    out.mkdir()
    os.mkfifo(out / "index.html")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    result = subprocess.run(
        [sys.executable, "-m", "governance_rules.cli", "report", "yangxin-2022", "--year",
         "2026", "--out", str(out)],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").is_file()


def test_report_over_a_directory_named_index_html(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "report"
    (out / "index.html").mkdir(parents=True)
    code, stdout, err = run(capsys, ["report", "yangxin-2022", "--year", "2026",
                                     "--out", str(out)])  # fmt: skip
    assert code == 1
    assert stdout == ""
    assert err.startswith("error: --out: a directory where the report writes a file")
    # refused before anything is written: no charts, no temporary left
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]


# -- compare: the day ladders are counted from -----------------------------------------------
@pytest.mark.parametrize("day", ["2099-01-01", "1900-01-01"])
def test_compare_from_outside_the_calendar_names_the_option(
    capsys: pytest.CaptureFixture[str], day: str
) -> None:
    code, out, err = run(capsys, ["compare", "yangxin-2022", "model-charter-rc", "--from", day,
                                  "--format", "json"])  # fmt: skip
    assert code == 1
    assert out == ""
    assert err.startswith(f"error: --from: date outside the calendar's data (got '{day}')"), err


@pytest.mark.parametrize("start", ["2026-01-01", 5])
def test_compare_start_not_a_date(start: object) -> None:
    from governance_rules import compare  # noqa: PLC0415
    from governance_rules.errors import CalendarError  # noqa: PLC0415

    with pytest.raises(CalendarError, match=r"^start: expected a datetime\.date"):
        compare("yangxin-2022", "model-charter-rc", start=start)  # type: ignore[arg-type]


# -- usage errors ----------------------------------------------------------------------------
def test_a_missing_choice_lists_the_choices_readably(capsys: pytest.CaptureFixture[str]) -> None:
    """click indents the allowed values with tabs; they are not shown as ``\\x09``."""
    code, out, err = run(capsys, ["diagram", "yangxin-2022"])
    assert code == 2
    assert out == ""
    assert "\\x09" not in err
    assert "\t" not in err
    assert "Choose from:" in err
    assert "  issue," in err


# -- help ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("command", "shown"),
    [
        ("simulate", ["1 to 10,000,000", "1 to 256", "0 to 2**63 - 1", "at most 50"]),
        ("report", ["from 2001 to ten years after"]),
        ("calendar", ["from 2001 to ten years after"]),
    ],
)
def test_help_gives_the_allowed_values(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str,
    shown: list[str],
) -> None:  # fmt: skip
    monkeypatch.setenv("COLUMNS", "200")  # one option a line: the phrases are not wrapped
    code, out, _ = run(capsys, [command, "--help"])
    assert code == 0
    for phrase in shown:
        assert phrase in out


# -- simulate --------------------------------------------------------------------------------
def test_simulate_takes_a_charter_under_a_reading(capsys: pytest.CaptureFixture[str]) -> None:
    """``ID@POINT=READING`` works as in compare and report."""
    code, out, err = run(capsys, ["simulate", "co-building-two-thirds@decision=two_thirds",
                                  "co-building-two-thirds@decision=one_vote_veto",
                                  "--communities", "1", "--format", "json"])  # fmt: skip
    assert code == 0, err
    labels = list(json.loads(out)["charters"])
    # the reading in force by default is the charter as loaded: labelled by its id
    assert labels == ["co-building-two-thirds", "co-building-two-thirds@decision=one_vote_veto"]


def test_simulate_labels_charters_as_compare_does(capsys: pytest.CaptureFixture[str]) -> None:
    """One charter has one name in compare, simulate and the report that joins them."""
    specs = ["co-building-two-thirds@decision=one_vote_veto", "yangxin-2022", "yangxin-2022",
             "co-building-two-thirds@decision=two_thirds"]  # fmt: skip
    code, out, err = run(capsys, ["simulate", *specs, "--communities", "1", "--format", "json"])
    assert code == 0, err
    simulated = list(json.loads(out)["charters"])
    code, out, err = run(capsys, ["compare", *specs, "--format", "json"])
    assert code == 0, err
    assert simulated == [c["label"] for c in json.loads(out)["charters"]]
    assert simulated[1:] == ["yangxin-2022", "yangxin-2022 (2)", "co-building-two-thirds"]


def test_simulate_refuses_an_unknown_reading(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, ["simulate", "co-building-two-thirds@decision=nope",
                                  "--communities", "1"])  # fmt: skip
    assert (code, out) == (1, "")
    assert "no such reading (got 'nope')" in err


@pytest.mark.parametrize("columns", [80, 20])
def test_simulate_text_reads_at_the_terminal_width(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, err = run(capsys, ["simulate", "co-building-two-thirds@decision=one_vote_veto",
                                  "model-charter-rc", "yangxin-2022", "--communities", "1"])  # fmt: skip
    assert code == 0, err
    assert out.startswith("1 community-year, seed 0\n")
    if columns == 80:
        assert max(cell_len(line) for line in out.splitlines()) <= 80
        assert "@decision=one_" in out  # broken before the reading, not inside the id
        assert "model-charter-rc" in out


# -- charter specs ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("@decision=one_vote_veto", "no charter before '@'"),
        ("co-building-two-thirds@decision=two_thirds,decision=one_vote_veto",
         "a reading point is chosen twice (got 'decision')"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("command", ["compare", "simulate"])
def test_a_charter_spec_that_makes_no_sense_is_refused(
    capsys: pytest.CaptureFixture[str], command: str, spec: str, message: str
) -> None:
    code, out, err = run(capsys, [command, spec, "yangxin-2022"])
    assert (code, out) == (1, "")
    assert message in err
    assert len(err.splitlines()) == 1


# -- report: simulation results --------------------------------------------------------------
@pytest.mark.parametrize("amount", ["1e308", "1e13"])
def test_report_refuses_a_workload_too_large_to_draw(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, amount: str
) -> None:
    """matplotlib overflowed drawing 1e308 (a RuntimeWarning on stderr, or worse)."""
    results = tmp_path / "results.json"
    results.write_text(f'{{"a": {{"workload": {{"residents_committee": {amount}}}}}}}', "utf-8")
    code, out, err = run(capsys, ["report", "yangxin-2022", "--year", "2026", "--out",
                                  str(tmp_path / "r"), "--simulation", str(results)])  # fmt: skip
    assert (code, out) == (1, "")
    assert err.startswith("error: simulation.a.workload.residents_committee: too large"), err
    assert not (tmp_path / "r").exists()


def test_report_draws_the_largest_workload_allowed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    results = tmp_path / "results.json"
    results.write_text('{"a": {"workload": {"x": 1e12, "y": 0}}}', "utf-8")
    code, _, err = run(capsys, ["report", "yangxin-2022", "--year", "2026", "--out",
                                str(tmp_path / "r"), "--simulation", str(results)])  # fmt: skip
    assert code == 0, err
    assert err == ""
    assert (tmp_path / "r" / "charts" / "workload.svg").is_file()


def test_simulate_notes_a_handling_body_no_charter_has(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A misspelt body in handling_days would otherwise be ignored without a word."""
    load = tmp_path / "load.yaml"
    load.write_text("handling_days: {residents_comittee: 1, street_office: 2}\n", "utf-8")
    code, out, err = run(capsys, ["simulate", "yangxin-2022", "--communities", "1",
                                  "--load", str(load), "--format", "json"])  # fmt: skip
    assert code == 0, err
    json.loads(out)
    assert err == (
        "note: handling_days.residents_comittee: no charter simulated has this body; "
        "the entry is not used\n"
    )


def test_report_removes_the_charts_of_an_earlier_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A smaller report in the same directory leaves no stale chart of the earlier one;
    files the report did not write are left alone."""
    out = tmp_path / "r"
    results = tmp_path / "results.json"
    results.write_text('{"a": {"resolution_days": [3, 5], "workload": {"x": 2}}}', "utf-8")
    argv = ["report", "yangxin-2022", "model-charter-rc", "--year", "2026", "--out", str(out)]
    assert run(capsys, [*argv, "--simulation", str(results)])[0] == 0
    assert (out / "charts" / "timeline-2.svg").is_file()
    assert (out / "charts" / "workload.png").is_file()
    (out / "charts" / "mine.svg").write_text("<svg/>", "utf-8")
    (out / "charts" / "timeline-notes.txt").write_text("x", "utf-8")
    assert run(capsys, ["report", "yangxin-2022", "--year", "2026", "--out", str(out)])[0] == 0
    assert sorted(p.name for p in (out / "charts").iterdir()) == [
        "mine.svg", "timeline-1.png", "timeline-1.svg", "timeline-notes.txt",
    ]  # fmt: skip


# -- compare --format md: code spans -----------------------------------------------------------
def test_markdown_code_spans_show_keys_literally(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Inside backticks markdown shows ``&lt;`` as it is: a key is not HTML-escaped there,
    and a backtick or a pipe in it cannot end the span or the table cell."""
    charter = tmp_path / "keys.yaml"
    charter.write_text(
        """\
id: keys-names
extends: yangxin-2022
title: {zh: x, en: "<b>x</b>"}
jurisdiction: {zh: x, en: x}
version: "1"
issues:
  "<i>a|b`c</i>":
    kind: routine
    ladder:
      - {handler: residents_committee, action: handles it,
         source: {doc: yx, article: x, summary: the summary}}
    terminal: residents_committee
    source: {doc: yx, article: x, summary: the summary}
""",
        encoding="utf-8",
    )
    code, out, err = run(capsys, ["compare", "yangxin-2022", str(charter), "--format", "md",
                                  "--from", "2026-09-28"])  # fmt: skip
    assert code == 0, err
    assert "&lt;i&gt;a" not in out.replace("&lt;b&gt;x&lt;/b&gt;", "")  # the title is prose
    assert "| ``issues.<i>a\\|b`c</i>.depth`` |" in out
    assert "<b>x</b>" not in out


# -- calendar --------------------------------------------------------------------------------
@pytest.mark.parametrize("charter", ["yangxin-2022", "pm-liaison-bimonthly"])
def test_a_rotation_order_the_charter_has_no_use_for_is_refused(
    capsys: pytest.CaptureFixture[str], charter: str
) -> None:
    """It was accepted and ignored: the calendar looked as if the order applied."""
    code, out, err = run(capsys, ["calendar", charter, "--year", "2027",
                                  "--rotation-order", "owners_committee",
                                  "--rotation-start", "2027-01-15"])  # fmt: skip
    assert (code, out) == (1, "")
    assert "--rotation-order: the charter leaves no convener's rotation order open" in err


def test_a_rotation_order_left_open_is_used(capsys: pytest.CaptureFixture[str]) -> None:
    order = "owners_committee,residents_committee,property_company"
    code, out, err = run(capsys, ["calendar", "rotating-quarterly-consensus", "--year", "2027",
                                  "--rotation-order", order, "--rotation-start", "2027-01-15",
                                  "--format", "json"])  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["items"]


# -- report --format json --------------------------------------------------------------------
def test_report_json_names_what_it_wrote(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "r"
    code, stdout, err = run(capsys, ["report", "yangxin-2022", "--year", "2026", "--out",
                                     str(out), "--format", "json", "--lang", "en"])  # fmt: skip
    assert code == 0, err
    data = json.loads(stdout)
    assert data == {
        "index": str(out / "index.html"),
        "charts": [str(out / "charts" / n) for n in ("timeline-1.png", "timeline-1.svg")],
        "notes": [],
    }


# -- appraise: every invalid score on its own line ---------------------------------------------
@pytest.mark.parametrize(
    ("charter", "rows"),
    [
        ("yangxin-2022", "subject,item,value\nresidents_committee,x,1\nproperty_company,y,1\n"),
        ("district-street-plans",
         "estate,category,indicator,value\na,nope,x,50%\nb,nope,y,50%\n"),
    ],
)  # fmt: skip
def test_appraise_lists_each_invalid_score_on_a_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, charter: str, rows: str
) -> None:
    """The list was shown as one line joined by a literal ``\\x0a``."""
    scores = tmp_path / "scores.csv"
    scores.write_text(rows, encoding="utf-8")
    code, out, err = run(capsys, ["appraise", charter, str(scores)])
    assert (code, out) == (1, "")
    assert "\\x0a" not in err
    lines = err.splitlines()
    assert lines[0].startswith("error: 2 invalid "), err
    assert len(lines) == 3
    assert all(line.startswith(f"  {scores}:") for line in lines[1:]), err


# -- empty paths: an unset shell variable ------------------------------------------------------
@pytest.mark.parametrize(
    "argv",
    [
        ["report", "yangxin-2022", "--year", "2026", "--out", ""],
        ["simulate", "yangxin-2022", "--communities", "1", "--load", ""],
        ["report", "yangxin-2022", "--year", "2026", "--out", "{tmp}", "--simulation", ""],
    ],
    ids=["report --out", "simulate --load", "report --simulation"],
)
def test_an_empty_path_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:  # fmt: skip
    """``--out "$DIR"`` with DIR unset wrote the report into the current directory."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, [a.replace("{tmp}", str(tmp_path / "r")) for a in argv])
    assert (code, out) == (2, "")
    assert "an empty path" in err
    assert list(tmp_path.iterdir()) == []


# -- the calendar's first year -----------------------------------------------------------------
@pytest.mark.parametrize("charter", ["model-charter-rc", "pm-liaison-bimonthly"])
def test_calendar_of_the_first_year_the_calendar_holds(
    capsys: pytest.CaptureFixture[str], charter: str
) -> None:
    """2001 is accepted, but a notice due before 2001-01-01 failed the whole year."""
    code, out, err = run(capsys, ["calendar", charter, "--year", "2001", "--format", "json"])
    assert code == 0, err
    items = json.loads(out)["items"]
    assert items
    assert all(i["start"] >= "2001-01-01" for i in items)


# -- an output that cannot show every character ------------------------------------------------
@pytest.mark.parametrize(
    "argv",
    [
        ["show", "yangxin-2022"],
        ["compare", "yangxin-2022", "model-charter-rc", "--from", "2026-09-28"],
    ],
    ids=["show", "compare"],
)
def test_an_ascii_output_gets_escapes_not_an_internal_error(argv: list[str]) -> None:
    """With PYTHONIOENCODING=ascii (or a C locale without UTF-8) the text was a 'bug'."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "PYTHONIOENCODING": "ascii",
           "COLUMNS": "80"}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "governance_rules.cli", *argv],
        capture_output=True, timeout=120, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    result.stdout.decode("ascii")  # nothing but ASCII
    assert b"\\u" in result.stdout  # what ASCII cannot show is escaped


# -- a control character in a YAML file ---------------------------------------------------------
@pytest.mark.parametrize("command", ["simulate --load", "compare", "validate"])
def test_a_control_character_in_yaml_is_located(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    """PyYAML's reader error was shown whole: a literal ``\\x0a`` and 'in <unicode string>,
    position 26' instead of a line and a column (and the load file lost its ': ')."""
    path = tmp_path / "ctl.yaml"
    path.write_text('votes: {support: 0.5}\nx: "\x01"\n', encoding="utf-8")
    argv = {"simulate --load": ["simulate", "yangxin-2022", "--load", str(path)],
            "compare": ["compare", "yangxin-2022", str(path)],
            "validate": ["validate", str(path)]}[command]  # fmt: skip
    code, out, err = run(capsys, argv)
    assert code == 1
    shown = out + err
    assert (
        f"{path}:2:5: unacceptable character #x0001: control characters are not allowed" in shown
    )
    assert "\\x0a" not in shown
    assert "unicode string" not in shown


# -- a regulator's own charter, extending a bundled one ----------------------------------------
LOCAL = """\
id: my-district
extends: yangxin-2022
title: {zh: 本区细则, en: "My district [bold]rules[/bold] <b>x</b>"}
jurisdiction: {zh: 某区, en: Some district}
version: "1"
documents:
  mine: {heading: 本区细则, file: local.txt}
meetings:
  regular:
    notice:
      lead: 3 working days
      source: {doc: mine, article: 第二条, summary: Notice three working days ahead.}
"""


def test_a_local_charter_compared_with_the_one_it_extends(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    local = tmp_path / "my-district.yaml"
    local.write_text(LOCAL, encoding="utf-8")
    base = ["compare", "yangxin-2022", str(local), "--from", "2026-09-28"]
    code, out, err = run(capsys, [*base, "--format", "json"])
    assert code == 0, err
    data = json.loads(out)
    lead = next(r for r in data["rules"] if r["path"] == "meetings.regular.notice.lead")
    assert lead["verdicts"] == ["only_here"]
    assert "《本区细则》第二条" in lead["citations"][1]
    code, out, _ = run(capsys, base)
    assert code == 0
    assert "My district [bold]rules[/bold] <b>x</b>" in out.replace("\n", "")
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    code, out, _ = run(capsys, [*base, "--format", "html"])
    assert code == 0
    assert "&lt;b&gt;x&lt;/b&gt;" in out
    assert "<b>x</b>" not in out


def test_compare_from_the_calendars_last_days(capsys: pytest.CaptureFixture[str]) -> None:
    """A ladder whose worst case ends after the calendar's data failed the comparison."""
    code, out, err = run(capsys, ["compare", "yangxin-2022", "pm-liaison-bimonthly", "--from",
                                  "2036-12-31", "--format", "json"])  # fmt: skip
    assert code == 0, err
    worst = next(f for f in json.loads(out)["figures"]
                 if f["key"] == "issues.oc_questions.worst_case_working_days")  # fmt: skip
    assert worst["values"][1] == "unknown: ends after the calendar's last day, 2036-12-31"


# -- a charter path that is a symlink loop ---------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["compare", "yangxin-2022", "{}"],
        ["show", "{}"],
        ["check", "{}", "--examples", "0"],
        ["diagram", "{}", "--workflow", "term"],
        ["simulate", "{}", "--communities", "1"],
        ["report", "{}", "--year", "2026", "--out", "OUT"],
    ],
)
def test_a_charter_path_in_a_symlink_loop_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]
) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    argv = [str(tmp_path / "a.yaml") if a == "{}" else a for a in argv]
    argv = [str(tmp_path / "out") if a == "OUT" else a for a in argv]
    code, out, err = run(capsys, argv)
    assert (code, out) == (1, "")
    assert "a.yaml" in err
    assert "internal error" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["simulate", "yangxin-2022", "--communities", "1", "--load", "DIR"],
        ["report", "yangxin-2022", "--year", "2026", "--out", "OUT", "--simulation", "DIR"],
    ],
)
def test_a_directory_given_as_an_input_file_is_refused_like_a_charter(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]
) -> None:
    """As `compare DIR`: exit 1, the path, what it is and what is allowed (click's usage
    error said only that the file is a directory, with exit 2)."""
    (tmp_path / "inputs").mkdir()
    argv = [{"DIR": str(tmp_path / "inputs"), "OUT": str(tmp_path / "out")}.get(a, a)
            for a in argv]  # fmt: skip
    code, out, err = run(capsys, argv)
    assert (code, out) == (1, "")
    assert f"{tmp_path / 'inputs'}: a directory, not a file; allowed: a regular file" in err
    assert not (tmp_path / "out").exists()
