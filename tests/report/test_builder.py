"""The report page: self-contained, escaped, every section; and refusals with clear errors."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import governance_rules as gr
from governance_rules import GovernanceRulesError, ReportError
from governance_rules._report import build_report
from tests.compare.helpers import made
from tests.report.sample import SIMULATION

PAIR = ["yangxin-2022", "model-charter-rc"]


class _Links(HTMLParser):
    """Every URL the page would load or link to, and every script element."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts += tag == "script"
        self.urls += [v or "" for k, v in attrs if k in ("src", "href", "srcset", "action")]


def links(page: str) -> _Links:
    parser = _Links()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return gr.report(PAIR, 2026, tmp_path_factory.mktemp("report") / "out", simulation=SIMULATION)


def test_the_page_is_self_contained(written: Path) -> None:
    page = written.read_text(encoding="utf-8")
    found = links(page)
    assert found.scripts == 0
    assert found.urls
    for url in found.urls:
        assert url.startswith(("#", "data:image/svg+xml;base64,")), url
    assert "@import" not in page
    assert "url(" not in page


def test_every_section_is_there(written: Path) -> None:
    page = written.read_text(encoding="utf-8")
    for anchor in ("diff", "calendars", "days", "simulation"):
        assert f'<section id="{anchor}">' in page
    assert "The numbers that matter" in page  # the structural diff of govrules compare
    assert "Compiled machines" in page
    assert "Comparison of charters" not in page  # its title is the report's own
    assert "结构比较" in page  # headings are bilingual
    assert "模拟结果" in page
    assert '<td class="d">2026-10-01</td><td>National Day</td><td>holiday</td>' in page
    assert "make-up working day" in page
    assert "regular joint meeting" in page  # yangxin's duties table
    assert "not included" not in page
    assert "<td><code>model-charter-rc</code></td><td>7</td><td>5.0</td>" in page


def test_charts_are_embedded_and_written_beside_the_page(written: Path) -> None:
    page = written.read_text(encoding="utf-8")
    names = sorted(p.name for p in (written.parent / "charts").iterdir())
    stems = ["escalations", "resolution", "timeline-1", "timeline-2", "workload"]
    assert names == sorted(f"{s}.{f}" for s in stems for f in ("png", "svg"))
    for stem in stems:
        match = re.search(rf'data-chart="{stem}" src="data:image/svg\+xml;base64,([^"]+)"', page)
        assert match, stem
        svg = (written.parent / "charts" / f"{stem}.svg").read_bytes()
        assert base64.b64decode(match[1]) == svg
    assert (written.parent / "charts" / "timeline-1.png").read_bytes().startswith(b"\x89PNG")


def test_the_page_is_the_same_every_time(tmp_path: Path, written: Path) -> None:
    again = gr.report(PAIR, 2026, tmp_path, simulation=SIMULATION)
    assert again.read_bytes() == written.read_bytes()


def test_without_simulation_the_section_says_so() -> None:
    page = build_report(["party-building-5x"], 2026).html
    assert 'id="simulation-not-included"' in page
    assert "Not included: no simulation results" in page
    assert "needs two charters" in page  # one charter without readings: nothing to compare


def test_one_charter_with_readings_is_compared_under_each() -> None:
    page = build_report(["co-building-two-thirds"], 2026).html
    assert "needs two charters" not in page
    assert "co-building-two-thirds@decision=one_vote_veto" in page


def test_charter_text_is_escaped() -> None:
    hostile = made("hostile", title="<script>alert(1)</script>")
    sim = {"hostile": {"workload": {"<img src=x onerror=alert(1)>": 3}}}
    built = build_report([hostile, "pm-liaison-bimonthly"], 2026, simulation=sim)
    found = links(built.html)
    assert found.scripts == 0
    assert all(u.startswith(("#", "data:")) for u in found.urls)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in built.html
    assert "&lt;img src=x onerror=alert(1)&gt;" in built.html


def test_zh_page(monkeypatch: pytest.MonkeyPatch) -> None:
    page = build_report(PAIR, 2026, lang="zh").html
    assert '<html lang="zh-CN">' in page
    assert "<h1>章程比较报告" in page
    assert "国庆节" in page
    assert "联席会议例会" in page


def test_an_out_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(ReportError, match="exists and is not a directory"):
        gr.report(PAIR, 2026, target)
    assert target.read_text(encoding="utf-8") == "keep me"


def test_an_out_under_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(ReportError, match="cannot write the report"):
        gr.report(["yangxin-2022"], 2026, tmp_path / "file" / "out")


def test_an_out_no_file_can_have_is_refused() -> None:
    with pytest.raises(ReportError, match="cannot write the report"):
        gr.report(["yangxin-2022"], 2026, "bad\0name")


def test_other_files_in_out_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    gr.report(["yangxin-2022"], 2026, tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "index.html").is_file()


@pytest.mark.parametrize(
    ("charters", "year", "match"),
    [
        ([], 2026, "expected a list of one or more charters"),
        ("yangxin-2022", 2026, "expected a list of one or more charters"),
        (["no-such-charter"], 2026, "no-such-charter"),
        (["yangxin-2022"], 1990, "outside the calendar"),
        (["yangxin-2022"], "2026", "not a year"),
    ],
)
def test_bad_input_is_refused(charters: list[str], year: object, match: str) -> None:
    with pytest.raises(GovernanceRulesError, match=match):
        build_report(charters, year)  # type: ignore[arg-type]


def test_malformed_simulation_is_refused() -> None:
    with pytest.raises(GovernanceRulesError, match=r"simulation\.a\.resolution_days"):
        build_report(["yangxin-2022"], 2026, simulation={"a": {"resolution_days": 3}})


def test_bidirectional_and_invisible_characters_show_in_the_report() -> None:
    """A right-to-left override in a title reorders what follows it on the page; a
    zero-width space hides a difference: the report shows both as escapes."""
    bidi = gr.load_charter_text(
        "id: bidi\nextends: model-charter-rc\n"
        'title: {zh: "示例\\u202e", en: "\\u202eevil\\u202c zero\\u200bwidth"}\n'
        "jurisdiction: {zh: 示例, en: Example}\n",
        name="bidi.yaml",
    )
    page = build_report(["model-charter-rc", bidi], 2026).html
    assert "\u202e" not in page
    assert "\u200b" not in page
    assert "\\u202eevil\\u202c zero\\u200bwidth" in page


@pytest.mark.parametrize("taken", ["index.html", "charts/timeline-1.png", "charts/timeline-1.svg"])
def test_a_directory_where_a_file_of_the_report_goes_is_refused_before_writing(
    tmp_path: Path, taken: str
) -> None:
    """The charts were written, then the page failed on the directory (IsADirectoryError)."""
    (tmp_path / taken).mkdir(parents=True)
    with pytest.raises(ReportError, match=r"a directory where the report writes a file") as info:
        gr.report(["yangxin-2022"], 2026, tmp_path)
    assert info.value.got == str(tmp_path / taken)
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert written == sorted({taken, *(str(p.as_posix()) for p in Path(taken).parents)} - {"."})
