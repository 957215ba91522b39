"""Small charters made for comparisons: one bundled charter with a few rules changed."""

from __future__ import annotations

from html.parser import HTMLParser

from governance_rules import Charter, load_charter_text
from governance_rules._charter.registry import bundled_rulesets_dir

LADDER = """\
id: {id}
extends: pm-liaison-bimonthly
title: {{en: "{title}", zh: 测试}}
jurisdiction: {{en: test, zh: 测试}}
meetings:
  regular:
    notice:
      lead: {lead}
      source: {{doc: lb, article: "4.1", summary: a notice lead made for the test}}
issues:
  oc_questions:
    kind: complaint
    ladder:
{levels}
      - handler: street_office
        source: {{doc: lb, article: "4.1", summary: the last level made for the test}}
    terminal: street_office
    source: {{doc: lb, article: "4.1", summary: a ladder made for the test}}
readings:
  revisit_start: null  # the ladder above sets no revisit to read two ways
"""

LEVEL = """\
      - handler: {handler}
        deadlines: {{reply: {reply}}}
        escalate_on: [deadline_breach]
        source: {{doc: lb, article: "4.1", summary: a level made for the test}}
"""


def made(
    id: str = "made",
    *,
    lead: str = "1 week",
    replies: tuple[str | None, ...] = ("3 working days",),
    title: str = "made",
) -> Charter:
    """pm-liaison-bimonthly with a notice lead and a ladder of the given reply deadlines."""
    handlers = ("property_company", "owners_committee", "residents_committee", "party_org")
    levels = ""
    for handler, reply in zip(handlers, replies, strict=False):
        if reply is None:
            level = LEVEL.replace("        deadlines: {{reply: {reply}}}\n", "")
            level = level.replace("        escalate_on: [deadline_breach]\n", "")
            levels += level.format(handler=handler)
        else:
            levels += LEVEL.format(handler=handler, reply=reply)
    text = LADDER.format(id=id, title=title, lead=lead, levels=levels.rstrip("\n"))
    return load_charter_text(text, name=f"{id}.yaml", base_dir=bundled_rulesets_dir())


#: A local charter: stricter contract notice, dropped term steps, tracked action items,
#: and an amendment from 2027 that lengthens the meeting notice.
LOCAL = """\
id: local-rules
title: {zh: 地方细则, en: Local rules}
jurisdiction: {zh: 示例街道, en: Example street}
extends: model-charter-rc
documents:
  loc: {kind: law, heading: 示例街道物业联席会议实施细则}
terms:
  service_contract:
    notice_to_end: {within: 90 days, source: {doc: loc, article: 第一条, summary: three months}}
    nonrenewal_notice: null
  owners_committee:
    handover: null
    change_report: null
meetings:
  regular:
    action_items:
      owner_required: true
      due_date_required: true
      followed_up_by: meeting_office
      deadline: 5 working days
      source: {doc: loc, article: 第二条, summary: every item has an owner and a due day}
amendments:
  - effective: 2027-01-01
    source: {doc: loc, article: 第三条, summary: from 2027 the notice goes out a fortnight ahead}
    changes:
      meetings:
        regular:
          notice: {lead: 14 days}
"""


class PageText(HTMLParser):
    """The text of an HTML page, piece by piece (``feed`` it, then read ``text``)."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)
