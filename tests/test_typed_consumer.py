"""The package ships ``py.typed``: an app written against the public API type-checks
under ``mypy --strict``, sees the real types (not ``Any``) where the library has them,
and the runnable examples of README.md and docs/*.md are typed as a user would copy them.

One mypy run (about 20 s, in a subprocess) checks the app and the examples together.
Lines of the app that misuse the API carry ``# type: ignore[code]``: ``--strict`` warns
about an unused ignore, so a type that grew loose again (``Any``, ``**kwargs: object``)
fails the run as surely as a wrong one.
"""

from __future__ import annotations

import doctest
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy")

ROOT = Path(__file__).resolve().parents[1]


APP = '''
"""A community platform on the public API: charters, meetings, issues, terms, the
appraisal, deadlines, errors, the SQL store, comparison and a small simulation."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import assert_type

import governance_rules as gr
from governance_rules import errors

LOCAL = """
id: my-district
title: {zh: 示例街道联席会议制度, en: Example district joint meeting}
jurisdiction: {zh: 示例街道, en: Example street}
extends: yangxin-2022
"""


def describe(exc: gr.GovernanceRulesError) -> str:
    where: str | None = exc.where
    allowed: str | None = exc.allowed
    return f"{where}: {exc.what} (got {exc.got!r}); allowed: {allowed}"


def cited(exc: gr.CommandRefused) -> tuple[str | None, str | None]:
    return exc.rule, exc.citation


def misuse() -> None:
    """Never called: each line is an error the types must catch."""
    gr.CommandRefused("not now", where=3)  # type: ignore[arg-type]
    gr.InvalidArgument("bad", argument="x", wher="typo")  # type: ignore[call-arg]
    gr.load_chartr("yangxin-2022")  # type: ignore[attr-defined]
    gr.obligations("yangxin-2022", 2026)[0].details["to"] = "x"  # type: ignore[index]
    gr.EventStore.sqlite("street.db", community=7)  # type: ignore[arg-type]
    from governance_rules import Engin  # type: ignore[attr-defined]

    print(Engin)


def run(folder: Path) -> list[str]:
    lines: list[str] = []
    base = gr.load_charter("model-charter-rc")
    (folder / "local.yaml").write_text(LOCAL, encoding="utf-8")
    path = folder / "local.yaml"  # a charter file: a Path wherever a charter is taken
    local = gr.load_charter(path)
    lines.append(f"{local!r} extends {local.extends}")
    store = gr.EventStore.sqlite(folder / "community.db")
    engine = gr.Engine(path, store=store, calendar=gr.WorkingCalendar.china())

    convener_actor = gr.Actor("party_org", "head")
    meeting = engine.plan_meeting(convener_actor, "regular", date(2026, 4, 28),
                                  on=date(2026, 4, 1))
    assert_type(meeting, gr.Instance[gr.MeetingData])
    assert_type(meeting.data, gr.MeetingData)
    assert isinstance(meeting.data, gr.MeetingData)
    day: date = meeting.data.day
    convener: tuple[str, ...] = meeting.data.roles["convener"]
    noticed: date | None = meeting.data.noticed_on
    lines.append(f"{meeting.id} {day} {convener} {noticed}")
    wrong: date = meeting.data.noticed_on  # type: ignore[assignment]

    issue = engine.report_issue(gr.Actor("residents", id="r-1"), date(2026, 9, 28),
                                summary="the lift is stuck")
    assert_type(issue.data, gr.IssueData)
    assert isinstance(issue.data, gr.IssueData)
    level: int = issue.data.level
    handled = engine.open_issues()
    assert_type(handled, dict[tuple[str, int], list[gr.Instance[gr.IssueData]]])
    waiting = engine.untriaged_issues()
    assert_type(waiting, list[gr.Instance[gr.IssueData]])
    lines.append(f"untriaged {[i.id for i in waiting]}")
    category: str | None = issue.data.category
    lines.append(f"{issue.state} {level} {category}")
    try:
        engine.command(issue.id, "triage", gr.Actor("property_company"), date(2026, 9, 28),
                       category="lifts")
    except gr.CommandRefused as refused:
        lines.append(f"{type(refused).__name__} {cited(refused)} {describe(refused)}")
    try:
        engine.plan_meeting(convener_actor, "regular", date(2026, 6, 23),
                            on=date(2026, 6, 1), override=7)  # type: ignore[arg-type]
    except gr.InvalidArgument as invalid:
        argument: str = invalid.argument
        lines.append(f"{argument} {describe(invalid)}")

    term = engine.elect("residents_committee", gr.Actor("residents"), date(2026, 3, 2),
                        members=7)
    assert_type(term.data, gr.TermData)
    assert isinstance(term.data, gr.TermData)
    end: date | None = term.data.term_end
    lines.append(f"{term.state} {end}")

    appraisal = engine.open_appraisal(gr.Actor("party_org"), 2026, date(2026, 12, 1))
    assert_type(appraisal.data, gr.AppraisalData)
    assert isinstance(appraisal.data, gr.AppraisalData)
    year: int = appraisal.data.year
    lines.append(f"{appraisal.state} {year}")

    for item, timer in engine.deadlines():
        due: date = timer.due
        lines.append(f"{item.id} {due} {timer.rule}: {timer.explanation}")
    fired: list[gr.Fired] = engine.advance_to(date(2027, 1, 4))
    lines.extend(f"{f.stream_id} {f.timer.trigger} {f.event.type}" for f in fired)
    lines.extend(engine.explain(meeting.id))
    store.close()
    # another community in the same file: a table of its own, none of the items above
    neighbour = gr.EventStore.sqlite(folder / "community.db", community="west_park")
    name: str = neighbour.community
    lines.append(f"community {name}: {gr.Engine(base, store=neighbour).instances()}")
    neighbour.close()

    try:
        gr.load_charter_text("id: broken\\n")
    except gr.CharterValidationError as invalid_charter:
        problems: tuple[errors.CharterProblem, ...] = invalid_charter.problems
        lines.extend(f"{p.file}:{p.line}: {p.path}: {p.message}" for p in problems)
    try:
        raise gr.CommandRefused("not now", where="meeting-9", rule="meetings.regular",
                                allowed="later")
    except gr.CommandRefused as mine:
        lines.append(f"{mine} {cited(mine)}")

    scores = folder / "scores.csv"
    scores.write_text("subject,item,value\\nresidents_committee,,\\nx,y,\\n", encoding="utf-8")
    try:
        gr.read_scores(scores)
    except gr.EvaluationError as bad_scores:
        rows: tuple[str, ...] = bad_scores.problems
        lines.append(f"{len(rows)} bad score rows")
    votes = folder / "votes.csv"
    votes.write_text("voter,body,choice\\nv1,,yes\\nv2,x,maybe\\n", encoding="utf-8")
    try:
        gr.read_member_ballot(votes, gr.VotingMethod.SHOW_OF_HANDS)
    except gr.BallotError as bad_votes:
        lines.append(f"{len(bad_votes.problems)} bad vote rows")

    comparison = gr.compare(base, path, start=date(2026, 9, 28))
    row: gr.AlignedRule = comparison.rule("meetings.regular.notice.lead")
    verdicts: tuple[gr.Verdict, ...] = row.verdicts
    lines.append(f"{row.values} {verdicts}")
    duties: list[gr.Obligation] = gr.obligations(path, 2026)
    lines.extend(f"{d.kind} {d.start} {d.end}" for d in duties[:2])
    result: gr.SimulationResult = gr.simulate([base, path], communities=1, seed=1)
    lines.append(result.to_json()[:40])
    page: Path = gr.report([base, path], 2026, folder / "report", simulation=result.to_dict())
    lines.append(page.name)
    return lines


if __name__ == "__main__":
    print("\\n".join(run(Path(sys.argv[1]))))
'''


def _doc_modules(folder: Path) -> list[Path]:
    """Each page's ``>>>`` examples as one module, as a typed reader would paste them."""
    written = []
    parser = doctest.DocTestParser()
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for page in pages:
        test = parser.get_doctest(page.read_text(encoding="utf-8"), {}, page.name, None, 0)
        if not test.examples:
            continue
        module = folder / f"doc_{page.stem.lower()}.py"
        module.write_text("".join(example.source for example in test.examples), "utf-8")
        written.append(module)
    return written


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], str]:
    """The app and the docs' examples, and what ``mypy --strict`` says of them."""
    folder = tmp_path_factory.mktemp("typed")
    app = folder / "app.py"
    app.write_text(APP, encoding="utf-8")
    docs = _doc_modules(folder)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(folder)])}
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-color-output",
         "--cache-dir", str(folder / ".mypy_cache"), app.name, *(d.name for d in docs)],
        cwd=folder, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    return app, docs, done.stdout + done.stderr


def _problems(output: str, prefix: str) -> list[str]:
    lines = output.splitlines()
    assert "source files" in (lines or [""])[-1], output  # mypy ran and checked them all
    return [line for line in lines if line.startswith(prefix)]


def test_a_typed_app_checks_clean(checked: tuple[Path, list[Path], str]) -> None:
    """Typed data on what each starter returns, typed error keywords: see the app."""
    app, _, output = checked
    assert _problems(output, f"{app.name}:") == []


def test_the_docs_examples_check_clean(checked: tuple[Path, list[Path], str]) -> None:
    """Their helpers are annotated, catch the library's errors by class, and keep one
    type per name, so a reader can paste them into a checked module."""
    _, docs, output = checked
    assert len(docs) >= 10  # README.md and every page of docs/ with examples
    assert _problems(output, "doc_") == []


def test_the_typed_app_runs(checked: tuple[Path, list[Path], str], tmp_path: Path) -> None:
    """The types the app relies on are the ones it gets at run time."""
    app, _, _ = checked
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, str(app), str(tmp_path)], env=env,
                          capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "meeting-1 2026-04-28 ('party_org', 'estate_party_org') None" in done.stdout
    assert "reported 0 None" in done.stdout
    assert "community west_park: []" in done.stdout
    assert "index.html" in done.stdout
    assert "2 bad score rows" in done.stdout
    assert "2 bad vote rows" in done.stdout
    assert "Charter(id='my-district', version='1') extends yangxin-2022" in done.stdout
    assert "meeting-9: not now; allowed: later ('meetings.regular', None)" in done.stdout
