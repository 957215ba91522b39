"""What a newcomer with only the README and docs/ runs: the commands and sessions shown
there parse, run, and print what the pages say they print."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import click
import pytest

import governance_rules.errors as errors_module
from governance_rules import compile_workflow, load_charter
from governance_rules.cli import cli, main
from governance_rules.errors import GovernanceRulesError

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def _blocks(page: Path) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in _BLOCK.finditer(page.read_text(encoding="utf-8"))]


def _command_lines() -> list[tuple[str, str]]:
    """Every `govrules …` line of a shell block, as (page, line)."""
    found = []
    for page in PAGES:
        for lang, body in _blocks(page):
            if lang not in {"", "bash", "console", "text"}:
                continue
            for shown in body.splitlines():
                line = shown.removeprefix("$ ").strip()
                if line.startswith("govrules ") and "[" not in line:  # not a synopsis
                    found.append((page.name, line))
    return found


def _argv(line: str) -> list[str]:
    """The arguments of a shown command line, without its comment, redirection or pipe."""
    words = shlex.split(line, comments=True)
    for stop in (">", "|"):
        if stop in words:
            words = words[: words.index(stop)]
    return words[1:]


def test_readme_lists_every_page_of_the_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documentation = readme.split("## Documentation", 1)[1].split("\n## ", 1)[0]
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert f"(docs/{page.name})" in documentation, page.name


def test_the_pages_show_commands() -> None:
    pages = {page for page, _ in _command_lines()}
    assert {"README.md", "calendar.md", "charters.md", "compare.md", "testing.md"} <= pages


@pytest.mark.parametrize(("page", "line"), _command_lines())
def test_every_command_line_in_the_docs_parses(page: str, line: str) -> None:
    """Each command and option a page shows exists and takes the values shown."""
    args = _argv(line)
    command = cli.get_command(click.Context(cli), args[0])
    assert command is not None, f"{page}: no command {args[0]!r}: {line}"
    with command.make_context(args[0], args[1:], resilient_parsing=False):
        pass  # a usage error (an unknown option, a value not allowed) raises here


def test_every_option_says_what_it_does() -> None:
    """--help explains every option, --format included: what its json (ics, csv…) holds."""
    silent = [
        f"{name} {param.opts[0]}"
        for name, command in cli.commands.items()
        for param in command.params
        if isinstance(param, click.Option) and not param.help
    ]
    assert silent == []


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_help_ends_with_examples(name: str) -> None:
    epilog = cli.commands[name].epilog or ""
    assert "Examples:" in epilog
    assert f"govrules {name}" in epilog.split("Examples:", 1)[1]


def test_diagram_help_says_what_each_workflow_is(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diagram", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    for kind in ("appraisal (", "issue (", "meeting (", "term ("):
        assert kind in out
    assert "[required]" in out


def test_check_help_says_engine_runs_need_hypothesis(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "governance-rules[testing]" in out
    assert "Seed of the drawn sequences" in out
    assert "govrules check yangxin-2022 --examples 0" in out


def test_deadline_help_says_how_to_write_start(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "--help"]) == 0
    assert "START is a day, YYYY-MM-DD." in capsys.readouterr().out


def test_workdays_help_says_which_years(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["workdays", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "YEAR runs from 2001 to ten years after the latest published holiday" in out
    assert "provisional" in out


def test_reading_help_points_at_show_not_at_itself(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "(see `govrules show`)" not in out
    assert "`govrules show CHARTER` lists the charter's reading points" in out


def _shown_runs() -> list[object]:
    """(page, command line, output lines shown) for each `$ govrules` with output."""
    runs = []
    for page in PAGES:
        for lang, body in _blocks(page):
            if lang not in {"console", "text"}:
                continue
            lines = body.splitlines()
            for i, line in enumerate(lines):
                if not line.startswith("$ govrules ") or ">" in line:
                    continue
                shown = []
                for after in lines[i + 1 :]:
                    if after.startswith("$ "):
                        break
                    shown.append(after)
                if not shown:
                    continue
                runs.append(pytest.param(page.name, line[2:], shown))
    return runs


@pytest.mark.parametrize(("page", "line", "shown"), _shown_runs())
def test_shown_output_is_what_the_command_prints(
    page: str,
    line: str,
    shown: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The lines a page shows come out of the command, in order.

    A line '…' skips lines; a line ending in '…' is the start of a line.
    """
    # the pages give docs/examples/… from the top directory; what a command writes
    # (report --out report/) goes to a temporary one
    shutil.copytree(ROOT / "docs" / "examples", tmp_path / "docs" / "examples")
    monkeypatch.chdir(tmp_path)
    main(_argv(line))
    captured = capsys.readouterr()
    try:  # JSON shown in a shorter layout than the command's: the same data
        data = json.loads("\n".join(shown))
    except ValueError:
        pass
    else:
        assert json.loads(captured.out) == data, f"{page}: `{line}`"
        return
    printed = [x.rstrip() for x in (captured.out + captured.err).splitlines()]
    at = 0
    for line_shown in shown:
        if line_shown.strip() in {"…", "...", ""}:
            continue
        want = line_shown.rstrip()
        cut = want.endswith("…")  # a line shown cut short: its start is printed
        while at < len(printed) and not (
            printed[at].startswith(want[:-1]) if cut else printed[at] == want
        ):
            at += 1
        assert at < len(printed), f"{page}: `{line}` does not print {want!r}"
        at += 1


def test_the_error_tree_in_architecture_md_is_the_library_s() -> None:
    """docs/architecture.md draws every error class under its real parent."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    tree = text.split("## Errors", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    parents: list[tuple[int, str]] = []
    drawn = set()
    for row in tree.splitlines():
        match = re.search(r"(\w+Error|\w+Refused|PermissionDenied|InvalidArgument)", row)
        assert match, row
        name, depth = match.group(1), match.start()
        while parents and parents[-1][0] >= depth:
            parents.pop()
        cls = getattr(errors_module, name)
        if parents:
            assert parents[-1][1] in {base.__name__ for base in cls.__bases__}, name
        builtin = re.match(r"\w+ \((\w+)\)", row[depth:])
        if builtin:
            assert builtin.group(1) in {base.__name__ for base in cls.__mro__}, name
        parents.append((depth, name))
        drawn.add(name)
    every = {
        name
        for name in errors_module.__all__
        if isinstance(getattr(errors_module, name), type)
        and issubclass(getattr(errors_module, name), GovernanceRulesError)
    }
    assert drawn == every


@pytest.mark.parametrize("kind", ["appraisal", "issue", "meeting", "term"])
def test_diagram_json_is_the_machine_as_data(
    kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The diagram's data for scripts: every state, and every edge between states."""
    assert main(["diagram", "yangxin-2022", "--workflow", kind, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    workflow = compile_workflow(load_charter("yangxin-2022"), kind)
    assert (data["charter"], data["workflow"]) == ("yangxin-2022", kind)
    assert data["states"] == list(workflow.states)
    assert data["initial"] in data["states"]
    assert set(data["final"]) <= set(data["states"])
    assert len(data["edges"]) == len(workflow.transitions)
    for edge in data["edges"]:
        assert set(edge["sources"]) <= set(data["states"])
        dest = edge[
            "dest"
        ]  # a compound state (an issue category, a level) is entered at its start
        assert dest is None or any(s == dest or s.startswith(f"{dest}.") for s in data["states"])
        assert isinstance(edge["who"], str)
        assert edge["who"]


def test_diagram_json_carries_the_charter_s_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diagram", "yangxin-2022", "--workflow", "meeting", "--format", "json"]) == 0
    edges = json.loads(capsys.readouterr().out)["edges"]
    plan = next(e for e in edges if e["trigger"] == "plan" and e["rule"] == "meetings.regular")
    assert plan["sources"] == ["new"]
    assert plan["dest"] == "regular.planned"
    assert {"rule": "meetings.regular.cadence",
            "label": "in a window (1 per 2 months), on a working day"} in plan["checks"]  # fmt: skip
