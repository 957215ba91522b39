"""``govrules report``: writes the page, prints where; refuses bad input with exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from governance_rules.cli import main
from tests.report.sample import SIMULATION


def run(capsys: pytest.CaptureFixture[str], argv: list[str], code: int = 0) -> tuple[str, str]:
    assert main(argv) == code
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_report_with_simulation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = tmp_path / "results.json"
    results.write_text(json.dumps(SIMULATION), encoding="utf-8")
    out, _ = run(capsys, ["report", "pm-liaison-bimonthly", "--year", "2026",
                          "--out", str(tmp_path / "r"), "--simulation", str(results),
                          "--lang", "en"])  # fmt: skip
    assert out == f"wrote {tmp_path / 'r' / 'index.html'}\n"
    page = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert 'data-chart="workload"' in page


def test_results_of_other_charters_are_drawn_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = tmp_path / "results.json"
    results.write_text(json.dumps(SIMULATION), encoding="utf-8")  # yangxin-2022, model-charter-rc
    argv = ["report", "yangxin-2022", "pm-liaison-bimonthly", "--year", "2026",
            "--out", str(tmp_path / "r"), "--simulation", str(results), "--lang", "en"]  # fmt: skip
    out, _ = run(capsys, argv)
    assert out.startswith("wrote ")
    others = (
        "The simulation results name charters this report does not show: model-charter-rc. "
        "Results are matched to charters by label (the charter as given): check that they "
        "come from a run of these charters."
    )
    missing = "The simulation results have no entry for: pm-liaison-bimonthly."
    page = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert f"<li>{others}</li>" in page
    assert f"<li>{missing}</li>" in page
    assert 'data-chart="workload"' in page  # drawn all the same, as the docs' example is
    out, _ = run(capsys, [*argv, "--format", "json"])
    assert json.loads(out)["notes"][-2:] == [others, missing]
    matched = tmp_path / "matched.json"
    matched.write_text(json.dumps({"charters": {"pm-liaison-bimonthly": {"workload": {
        "street_office": 1}}}}), encoding="utf-8")  # fmt: skip
    out, _ = run(capsys, ["report", "pm-liaison-bimonthly", "--year", "2026", "--out",
                          str(tmp_path / "m"), "--simulation", str(matched), "--lang", "en",
                          "--format", "json"])  # fmt: skip
    assert not [n for n in json.loads(out)["notes"] if "simulation results" in n]


def test_zh_without_a_chinese_font_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from governance_rules._report import fonts  # noqa: PLC0415

    monkeypatch.setattr(fonts, "cjk_font_files", lambda: ())
    out, err = run(capsys, ["report", "pm-liaison-bimonthly", "--year", "2026",
                            "--out", str(tmp_path), "--lang", "zh"])  # fmt: skip
    assert "wrote" in out
    assert err == "note: no font with Chinese glyphs is installed; chart labels are in English\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "1990"], "outside the calendar"),
        (["--simulation", "{missing}"], "cannot read the file"),
        (["--simulation", "{bad}"], "not JSON"),
        (["--simulation", "{wrong}"], "simulation.yangxin-2022: unknown metric"),
        (["--out", "{file}"], "exists and is not a directory"),
        (["--simulation", "/dev/zero"], "not a regular file"),
        (["--simulation", "{deep}"], "not JSON (nested too deeply)"),
        (["--simulation", "{huge}"], "histogram[0][1]: not a whole number in range"),
    ],
)
def test_bad_input_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    files = {"missing": tmp_path / "none.json", "bad": tmp_path / "bad.json",
             "wrong": tmp_path / "wrong.json", "file": tmp_path / "file"}  # fmt: skip
    files["bad"].write_text("{", encoding="utf-8")
    files["wrong"].write_text('{"yangxin-2022": {"x": 1}}', encoding="utf-8")
    files["file"].write_text("", encoding="utf-8")
    files["deep"] = tmp_path / "deep.json"
    files["deep"].write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    files["huge"] = tmp_path / "huge.json"
    histogram = {"days_to_resolution": {"histogram": [[3, 10**20]]}}
    files["huge"].write_text(json.dumps({"a": {"issues": histogram}}), encoding="utf-8")
    argv = ["report", "yangxin-2022", "--year", "2026", "--out", str(tmp_path / "r")]
    argv += [a.format(**{k: str(v) for k, v in files.items()}) for a in args]
    _, err = run(capsys, argv, code=1)
    assert message in err


def test_year_and_out_are_required(capsys: pytest.CaptureFixture[str]) -> None:
    _, err = run(capsys, ["report", "yangxin-2022", "--year", "2026"], code=2)
    assert "--out" in err


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (["--year", "9999"], "error: --year: outside the calendar's data (got 9999)"),
        (["--year", "2026", "--out", "{file}"], "error: --out: exists and is not a directory"),
    ],
)
def test_an_option_the_report_refuses_is_named_as_typed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], start: str
) -> None:
    # they were named by the library's parameters: 'year:' and 'report: out:'
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    argv = [a.format(file=afile) for a in args]
    if "--out" not in argv:
        argv += ["--out", str(tmp_path / "out")]
    _, err = run(capsys, ["report", "yangxin-2022", *argv], code=1)
    assert err.startswith(start), err
