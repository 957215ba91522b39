"""``notice.content``: what a meeting notice must state, from a closed vocabulary.

Free text (``attendee list``, ``agreed time``) is refused where it is written, with
the keys allowed; the keys are shown by ``govrules show`` and ``compare`` in both
languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance_rules._charter import load_charter, load_charter_file
from governance_rules._charter.meetings import NoticeItem
from governance_rules.cli import main
from governance_rules.errors import CharterValidationError

ROOT = Path(__file__).resolve().parents[2]
LINE = "      content: [topics, time, place, attendees]\n"


def _problems(tmp_path: Path, old: str, new: str) -> list[str]:
    text = (ROOT / "rulesets" / "yayuan-monthly.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 2  # the monthly meeting's notice, then the ad-hoc one's
    path = tmp_path / "demo.yaml"
    path.write_text(text.replace(old, new, 1).replace("id: yayuan-monthly", "id: demo"), "utf-8")
    with pytest.raises(CharterValidationError) as info:
        load_charter_file(path)
    return [str(p).split("demo.yaml:", 1)[1] for p in info.value.problems]


@pytest.mark.parametrize("word", ["attendee list", "agreed time", "议题", "agenda"])
def test_free_text_is_refused_with_the_keys_allowed(tmp_path: Path, word: str) -> None:
    (problem,) = _problems(tmp_path, LINE, f"      content: [topics, time, place, {word}]\n")
    assert "meetings.regular.notice.content[3]" in problem
    assert "'time', 'place', 'topics', 'attendees' or 'materials'" in problem
    assert f"(got '{word}')" in problem


def test_an_item_listed_twice_is_refused(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, LINE, "      content: [topics, time, topics]\n")
    assert problem.endswith("meetings.regular.notice.content: [2]: 'topics' is listed twice")


def test_the_bundled_charters_use_the_vocabulary() -> None:
    contents = {
        (cid, kind): tuple(i.value for i in rule.notice.content)
        for cid in ("yayuan-monthly", "oc-convened-quarterly", "pm-liaison-bimonthly")
        for kind, rule in load_charter(cid).meetings.items()
        if rule.notice is not None
    }
    assert contents == {
        ("yayuan-monthly", "regular"): ("topics", "time", "place", "attendees"),
        ("yayuan-monthly", "special"): ("topics", "time", "place", "attendees"),
        ("oc-convened-quarterly", "regular"): ("time", "place", "topics", "attendees"),
        ("oc-convened-quarterly", "special"): ("time", "place", "topics", "attendees"),
        ("pm-liaison-bimonthly", "special"): ("time", "topics", "materials"),
        ("pm-liaison-bimonthly", "rc_contact"): ("time", "topics", "materials"),
    }
    assert [i.value for i in NoticeItem] == ["time", "place", "topics", "attendees", "materials"]


@pytest.mark.parametrize(
    ("lang", "shown"),
    [("en", "states: time, topics, materials"), ("zh", "通知内容：时间、议题、有关材料")],
)
def test_show_lists_the_items_in_each_language(
    capsys: pytest.CaptureFixture[str], lang: str, shown: str
) -> None:
    assert main(["show", "pm-liaison-bimonthly", "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert out.count(f"      {shown}\n") == 2


def test_compare_shows_the_items_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "oc-agenda-majority", "pm-joint-quarterly", "--lang", "zh",
                 "--format", "json"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert '"时间, 地点"' in out
    assert '"时间, 地点, 议题"' in out
