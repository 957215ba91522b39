"""What a regulator compares in the newer engine rules: term steps a charter sets or
drops, the service contract's notices (民法典 第946–948条), action items' deadline and
follow-up, and amendments over time (what changes on which day)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

import governance_rules as gr
from governance_rules import Charter, load_charter_text
from governance_rules.cli import main
from tests.compare.helpers import LOCAL, PageText

BEFORE = date(2026, 9, 28)
AFTER = date(2027, 3, 1)


@pytest.fixture(scope="module")
def local() -> Charter:
    return load_charter_text(LOCAL, name="local-rules.yaml")


def test_term_steps_and_contract_notices_are_classified_with_citations(local: Charter) -> None:
    c = gr.compare("model-charter-rc", local, start=BEFORE)
    handover = c.rule("terms.owners_committee.handover.within")
    assert handover.verdicts == (gr.Verdict.ONLY_FIRST,)
    assert "指导规则" in (handover.citations[0] or "") or handover.citations[0]
    notice = c.rule("terms.service_contract.notice_to_end.within")
    assert notice.values == ("60 days", "90 days")
    assert notice.verdicts == (gr.Verdict.STRICTER,)
    assert "第946条" in (notice.citations[0] or "")
    assert "第一条" in (notice.citations[1] or "")
    assert c.rule("terms.service_contract.nonrenewal_notice.within").verdicts == (
        gr.Verdict.ONLY_FIRST,
    )
    deadline = c.rule("meetings.regular.action_items.deadline")
    assert deadline.values == (None, "5 working days")
    assert deadline.verdicts == (gr.Verdict.ONLY_HERE,)
    assert c.rule("meetings.regular.action_items.followed_up_by").verdicts == (
        gr.Verdict.DIFFERENT,
    )


CONTRACT = """\
id: contract-{id}
title: {{zh: 合同, en: Contract}}
jurisdiction: {{zh: 示例, en: Example}}
extends: model-charter-rc
documents:
  loc: {{kind: law, heading: 示例合同细则}}
terms:
  service_contract:
    term: {{length: 3 years, source: {{doc: loc, article: 第一条, summary: three-year contract}}}}
{notices}
"""


def _contract(id: str, notices: str) -> Charter:
    return load_charter_text(CONTRACT.format(id=id, notices=notices), name=f"contract-{id}.yaml")


def test_the_term_machine_diff_tells_the_contract_notices_apart() -> None:
    """A 90-day non-renewal notice (947) and a 90-day notice to end (946) draw the same
    edge label: the diff tells them apart by the rule each edge follows."""
    national = _contract("national", "")  # the baseline's 60-day (946) and 90-day (947)
    local = _contract("local", "    notice_to_end: {within: 90 days, source: {doc: loc, "
                      "summary: three months}}\n    nonrenewal_notice: null")  # fmt: skip
    term = next(m for m in gr.compare(national, local, start=BEFORE).machines if m.kind == "term")
    removed = {(e.trigger, e.label, e.rule) for e in term.removed_edges}
    added = {(e.trigger, e.label, e.rule) for e in term.added_edges}
    assert ("give_notice", "90 days notice", "terms.service_contract.nonrenewal_notice") in removed
    assert ("give_notice", "90 days notice", "terms.service_contract.notice_to_end") in added
    assert ("give_notice", "60 days notice", "terms.service_contract.notice_to_end") in removed
    assert any("nonrenewal_notice" in e.describe() for e in term.removed_edges)
    assert (
        "give_notice [90 days notice] (terms.service_contract.nonrenewal_notice) by property_company"
        in (term.steps()[1])
    )
    assert "give_notice (90 days notice) nonrenewal_notice" in term.mermaid()


def test_the_term_machine_diff_shows_dropped_term_steps(local: Charter) -> None:
    c = gr.compare("model-charter-rc", local, start=BEFORE)
    term = next(m for m in c.machines if m.kind == "term")
    removed = {(e.trigger, e.rule) for e in term.removed_edges}
    assert ("report_change", "terms.owners_committee.change_report") in removed
    assert ("hand_over", "terms.owners_committee.handover") in removed
    assert "owners_committee.handed_over" in term.removed_states
    assert not any(e.trigger in ("report_change", "hand_over") for e in term.added_edges)


def test_the_rules_compared_are_those_in_force_on_the_start_day(local: Charter) -> None:
    assert gr.compare("model-charter-rc", local, start=BEFORE).rule(
        "meetings.regular.notice.lead"
    ).verdicts == (gr.Verdict.SAME,)
    after = gr.compare("model-charter-rc", local, start=AFTER).rule("meetings.regular.notice.lead")
    assert after.values == ("1 week", "14 days")
    assert after.verdicts == (gr.Verdict.STRICTER,)
    assert "第三条" in (after.citations[1] or "")


def test_amendments_list_what_changes_on_which_day(local: Charter) -> None:
    c = gr.compare("model-charter-rc", local, start=BEFORE)
    (change,) = c.amendments
    assert change.charter == "local-rules"
    assert change.effective == date(2027, 1, 1)
    assert change.path == "meetings.regular.notice.lead"
    assert (change.before, change.after) == ("1 week", "14 days")
    assert change.verdict is gr.Verdict.STRICTER
    assert "第三条" in change.citation
    assert change.in_force is False
    data = c.to_dict()["amendments"]
    assert data == [
        {"charter": "local-rules", "effective": "2027-01-01", "path": change.path,
         "before": "1 week", "after": "14 days", "verdict": "stricter",
         "citation": change.citation, "in_force": False}
    ]  # fmt: skip
    assert gr.compare("model-charter-rc", local, start=AFTER).amendments[0].in_force is True


RECITED = """\
id: recited
title: {zh: 重新引用, en: Re-cited}
jurisdiction: {zh: 示例街道, en: Example street}
extends: model-charter-rc
documents:
  loc: {kind: law, heading: 示例街道物业联席会议实施细则}
amendments:
  - effective: 2027-01-01
    source: {doc: loc, article: 第三条, summary: the notice rule rests on local rules}
    changes:
      meetings:
        regular:
          notice:
            source: {doc: loc, article: 第三条, summary: the notice rule rests on local rules}
"""


def test_an_amendment_that_only_cites_a_rule_anew_is_listed() -> None:
    """An amendment that changes no value, only the document a rule rests on, is still
    an amendment a regulator must see: one row at the rule's source, before and after."""
    recited = load_charter_text(RECITED, name="recited.yaml")
    (change,) = gr.compare("model-charter-rc", recited, start=BEFORE).amendments
    assert change.path == "meetings.regular.notice.source"
    assert change.before == "《社区物业联席会议制度范本》第八条（一）"
    assert change.after == change.citation == "《示例街道物业联席会议实施细则》第三条"
    assert change.verdict is gr.Verdict.DIFFERENT
    # a changed value is not repeated as a new citation: LOCAL's one row stays one
    assert len(gr.compare("model-charter-rc", load_charter_text(LOCAL)).amendments) == 1


def test_no_amendments_no_section() -> None:
    c = gr.compare("yangxin-2022", "model-charter-rc", start=BEFORE)
    assert c.amendments == ()


@pytest.fixture
def local_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("charters") / "local-rules.yaml"
    path.write_text(LOCAL, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["text", "md", "html", "csv", "json"])
def test_every_format_shows_the_amendment_and_the_term_edges(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    local_file: str,
    fmt: str,
    lang: str,
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    argv = ["compare", "model-charter-rc", local_file, "--from", "2026-09-28",
            "--format", fmt, "--lang", lang]  # fmt: skip
    assert main(argv) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        assert json.loads(out)["amendments"][0]["effective"] == "2027-01-01"
        return
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        amended = [r for r in rows if r["from"] == "2027-01-01"]
        assert [r["path"] for r in amended] == ["meetings.regular.notice.lead"]
        assert amended[0]["local-rules:value"] == "14 days"
        assert amended[0]["local-rules:verdict"] == "stricter"
        assert "第三条" in amended[0]["local-rules:citation"]
        assert amended[0]["model-charter-rc:value"] == ""
        assert all(r["from"] == "" for r in rows if r not in amended)
        return
    if fmt == "html":
        parser = PageText()
        parser.feed(out)
        out = "".join(parser.text)
    assert "2027-01-01" in out
    assert "14 days" in out
    assert "第三条" in out
    words = {"en": ("stricter", "report_change", "give_notice"),
             "zh": ("更严", "report_change", "give_notice")}[lang]  # fmt: skip
    if fmt == "text":  # the text view lists the steps only one machine has, not the diagram
        assert "terms.owners_committee.change_report" in out
    for word in words:
        assert word in out, word
    assert "hand_over" in out


def test_the_meeting_machine_diff_shows_who_follows_up_action_items(local: Charter) -> None:
    """``action_items.followed_up_by`` decides who may complete an item: the compiled
    machines differ there, and the diff says so."""
    c = gr.compare("model-charter-rc", local, start=BEFORE)
    meeting = next(m for m in c.machines if m.kind == "meeting")
    added, removed = meeting.steps()
    assert "complete_action (meetings.regular.action_items) by meeting_office" in added
    assert "complete_action (meetings.regular.action_items) by residents_committee" in removed
    assert not meeting.same
    assert "by meeting_office" in meeting.mermaid()


def test_a_version_lists_the_same_amendments(local: Charter) -> None:
    """Given the rules in force on a later day (``charter.at``), the amendments are still
    each listed against the day before, not against that version."""
    later = gr.compare("model-charter-rc", local.at(AFTER), start=BEFORE).amendments
    assert later == gr.compare("model-charter-rc", local, start=BEFORE).amendments


SAME_DAY = """\
id: same-day
title: {zh: 同日修订, en: Two amendments on one day}
jurisdiction: {zh: 示例, en: Example}
extends: yangxin-2022
documents:
  loc: {kind: guide, heading: Local rules}
amendments:
  - effective: 2027-01-01
    source: {doc: loc, article: A1, summary: a notice lead}
    changes:
      meetings:
        regular:
          notice:
            lead: 5 working days
            source: {doc: loc, article: A1, summary: five working days}
  - effective: 2027-01-01
    source: {doc: loc, article: A2, summary: no notice at all}
    changes:
      meetings:
        regular:
          notice: null
"""


def test_a_rule_dropped_by_the_second_amendment_of_a_day_cites_that_amendment() -> None:
    """Two amendments in force on one day apply in the order written. A rule the second one
    dropped was cited to the first ("A1"), whatever amendment of the day changed it."""
    charter = load_charter_text(SAME_DAY, name="same-day.yaml")
    changes = {a.path: a for a in gr.compare(charter, start=AFTER).amendments}
    dropped = changes["meetings.regular.notice.issued_by"]
    assert dropped.after is None
    assert dropped.citation is not None
    assert dropped.citation.endswith("A2")
