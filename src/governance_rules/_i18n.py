"""English and Chinese: choosing the language, and the fixed words the library prints.

A small catalogue, not a translation framework: every message the library or
the CLI builds from fixed words has an English and a Chinese form, keyed by a
short name. Names of things (holidays, charter labels, document titles) are
not here; they come from python-holidays and from the charters themselves.

>>> text("due_at_midnight", "zh", due="2026-10-08 星期四")
'截止日 2026-10-08 星期四 24:00'
>>> normalize_lang("zh_CN.UTF-8"), default_lang({"LANG": "en_GB.UTF-8"})
('zh', 'en')
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Final, Literal

from governance_rules.errors import GovernanceRulesError

__all__ = [
    "LANGS",
    "Lang",
    "default_lang",
    "error_message",
    "has_text",
    "normalize_lang",
    "text",
    "weekday",
]

Lang = Literal["en", "zh"]

#: The languages every label and message exists in.
LANGS: Final = ("en", "zh")

_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def normalize_lang(lang: str) -> Lang:
    """``"zh"`` for any Chinese tag (``zh``, ``zh_CN.UTF-8``, ``zh-Hans``), ``"en"`` for English.

    Raises:
        GovernanceRulesError: For any other language.
    """
    tag = lang.strip().lower() if isinstance(lang, str) else ""
    if tag.startswith("zh"):
        return "zh"
    if tag.startswith("en"):
        return "en"
    raise GovernanceRulesError("unknown language", where="lang", got=lang, allowed="en, zh")


def default_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """The language of the locale: the first of LC_ALL, LC_MESSAGES, LANG that is set.

    A locale starting with ``zh`` gives Chinese; anything else (or nothing) English.
    """
    env = os.environ if environ is None else environ
    for name in _LOCALE_VARIABLES:
        value = env.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


_WEEKDAYS: Final = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "zh": ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"),
}


def weekday(index: int, lang: str = "en") -> str:
    """The name of weekday ``index`` (0 = Monday).

    >>> weekday(6, "zh"), weekday(0)
    ('星期日', 'Monday')
    """
    return _WEEKDAYS[normalize_lang(lang)][index]


# -- the catalogue ----------------------------------------------------------------------
# key -> (English, Chinese); ``{name}`` fields are filled by ``text``.
_MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # kinds of day
    "kind.workday": ("working day", "工作日"),
    "kind.rest_day": ("rest day", "休息日"),
    "kind.holiday": ("holiday", "节假日"),
    "kind.makeup_workday": ("make-up working day", "调休上班日"),
    "kind.local_closure": ("local closure", "本地停工日"),
    "kind.local_workday": ("local working day", "本地工作日"),
    # deadline explanations
    "start_not_counted": ("start {day}; the start day is not counted", "起算日 {day}，当日不计入"),
    "start_not_counted_law": (
        "start {day}; the start day is not counted (民法典 第201条)",
        "起算日 {day}，当日不计入（《民法典》第201条）",
    ),
    "event_not_counted": (
        "event {day}; counting back, the event day is not counted",
        "事件日 {day}，向前倒数，当日不计入",
    ),
    "start": ("start {day}", "起算日 {day}"),
    "skip": ("skip {day}", "跳过 {day}"),
    "count_as": ("count {day} as working day {k} of {n}", "计入 {day}，为第 {k}/{n} 个工作日"),
    "zero_on_working": (
        "0 working days: the start day is a working day; due {due}",
        "0个工作日：起算日是工作日，截止日 {due}",
    ),
    "zero_next": (
        "0 working days: due on the next working day, {due}",
        "0个工作日：顺延至下一个工作日 {due}",
    ),
    "zero_before": (
        "0 working days: the latest working day before the event, {due}",
        "0个工作日：事件前最近的工作日 {due}",
    ),
    "working_counted_due": (
        "{n} working days counted; due {due}",
        "已数满{n}个工作日，截止日 {due}",
    ),
    "working_counted_latest": (
        "{n} working days counted; latest day {due}",
        "已数满{n}个工作日，最晚 {due}",
    ),
    "nominal_before": (
        "{period} before the event: the latest day would be {day}",
        "事件日前{period}：最晚应为 {day}",
    ),
    "nominal_after": (
        "{period} after the start: the last day would be {day}",
        "起算后{period}：期间最后一日应为 {day}",
    ),
    "no_corresponding_day": (
        "there is no corresponding day that month, so its last day is used (第202条)",
        "该月没有对应日，以该月最后一日为期间最后一日（第202条）",
    ),
    "ends_on_month_end": (
        "counted forward from that day, {period} ends on the event day, as the event's month "
        "has no day {n} (第202条)",
        "自该日起算{period}，到期月没有{n}日，以月末日即事件日为期间最后一日（第202条）",
    ),
    "rest_days_do_not_extend": (
        "ordinary rest days do not extend periods in this calendar",
        "本日历中普通休息日不顺延期间",
    ),
    "latest_day": ("latest day {due}", "最晚 {due}"),
    "due_at_midnight": ("due {due}, at 24:00", "截止日 {due} 24:00"),
    "moves_earlier": (
        "that day is not a working day, so the latest day moves earlier",
        "该日不是工作日，最晚日期提前",
    ),
    "ends_after_holiday": (
        "the last day falls in a holiday, so the period ends on the day after it (民法典 第203条)",
        "期间最后一日是法定节假日，以节假日结束的次日为期间最后一日（《民法典》第203条）",
    ),
    "ends_after_rest_day": (
        "the last day is a rest day, so the period ends on the day after it (民法典 第203条)",
        "期间最后一日是休息日，以休息日结束的次日为期间最后一日（《民法典》第203条）",
    ),
    "provisional_years": (
        "provisional: the holiday arrangement for {years} is not yet published",
        "暂定：{years}年的节假日安排尚未公布",
    ),
    # CLI words
    "due": ("due", "截止日"),
    "latest": ("latest day", "最晚"),
    "provisional": ("provisional", "暂定"),
    "error": ("error", "错误"),
    "internal_error": (
        "internal error ({error}); this is a bug in governance_rules, "
        "please report it with the command you ran",
        "内部错误（{error}）：这是 governance_rules 的缺陷，请连同所运行的命令一起报告",
    ),
    "target": ("target {indicator}", "指标 {indicator}"),
    "target_met": ("met", "达标"),
    "target_missed": ("MISSED", "未达标"),
    "working_days_in_year": (
        "{calendar} {year}: {n} working days",
        "{calendar} {year}年：{n}个工作日",
    ),
    "december_pending": (
        "29–31 December may still change: the {next} arrangement is not yet published",
        "12月29日至31日仍可能调整：{next}年节假日安排尚未公布",
    ),
    "arrangement_unpublished": (
        "provisional: the State Council arrangement is not yet published",
        "暂定：国务院节假日安排尚未公布",
    ),
    "dated_duties": ("{charter} {year}: {n} dated duties", "{charter} {year}年：{n}项定期事务"),
    "provisional_holiday_data": ("provisional holiday data", "节假日数据为暂定"),
    "col.date": ("date", "日期"),
    "col.when": ("when", "时间"),
    "col.weekday": ("weekday", "星期"),
    "col.kind": ("kind", "类型"),
    "col.name": ("name", "名称"),
    "col.start": ("start", "开始"),
    "col.end": ("end", "结束"),
    "col.duty": ("duty", "事务"),
    "col.responsible": ("responsible", "责任方"),
    "col.working_days": ("workdays", "工作日"),
    "working_days_caption": (
        "(n): working days in the window; *: moved, see below",
        "（n）：期间内的工作日数；*：已顺延，见下文",
    ),
    "moved_window": (
        "{window} holds no working day; it ends on {end}, the first working day after "
        "(民法典 第203条)",
        "{window}内无工作日，顺延至其后第一个工作日 {end}（《民法典》第203条）",
    ),
    "col.id": ("id", "编号"),
    "col.title": ("title", "名称"),
    "col.status": ("status", "性质"),
    "col.origin": ("origin", "来源"),
    "col.sources": ("sources", "依据文件"),
    "charters_count": ("{n} charters", "{n}个制度"),
    "ok": ("ok", "通过"),
    "valid_invalid": ("{valid} valid, {invalid} invalid", "{valid}个有效，{invalid}个有误"),
    "passed": ("PASSED", "通过"),
    "failed": ("FAILED", "未通过"),
    "body_approvals": (
        "bodies approving {yes}, refusing {no}, with no answer {silent}",
        "同意的机构 {yes}，不同意 {no}，未答复 {silent}",
    ),
    "vote_counts": (
        "yes {yes}, no {no}, abstain {abstain}, absent {absent}",
        "赞成 {yes}，反对 {no}，弃权 {abstain}，缺席 {absent}",
    ),
    "no_scores": ("no scores", "无评分"),
    "total": ("total {total}", "总分 {total}"),
    "grade": (", grade {grade}", "，等级 {grade}"),
    "weight": ("weight {weight}", "权重 {weight}"),
    "band": ("grade {band}", "等级 {band}"),
    "semicolon": ("; ", "；"),
    "no_band": ("no grade", "未评等级"),
    "targets_met": ("all targets met", "全部达标"),
    "targets_missed": ("targets MISSED", "未达标"),
    "targets_undecided": ("targets undecided", "达标情况待定"),
    "no_value": ("no value", "无数据"),
    "note": ("note: {note}", "说明：{note}"),
    "rating": ("rating: {answers}", "满意度测评：{answers}"),
    "rating_score": ("; score {score}", "；得分 {score}"),
    # the reasons of a decision (see Note); English as decide() has always given them
    "reason.check": (
        "{label} = {share}, needs {threshold}: {verdict}",
        "{label} = {share}，需要 {threshold}：{verdict}",
    ),
    "reason.met": ("met", "达到"),
    "reason.not_met": ("not met", "未达到"),
    "reason.and": ("{first}; {rest}", "{first}；{rest}"),
    "base.votes cast": ("votes cast", "投票数"),
    "base.present": ("present", "出席人数"),
    "base.all members": ("all members", "全体成员人数"),
    "reason.yes_of": ("yes {yes} of {whole} {base}", "赞成 {yes} / {base} {whole}"),
    "reason.yes_of_in": (
        "yes {yes} of {whole} {base} of {bodies}",
        "{bodies}：赞成 {yes} / {base} {whole}",
    ),
    "reason.nothing": ("no {base}: nothing to count", "{base}为零：无可计数"),
    "reason.nothing_in": (
        "no {base} of {bodies}: nothing to count",
        "{bodies} 的{base}为零：无可计数",
    ),
    "reason.tie": ("tie: {yes} yes, {no} no", "平票：赞成 {yes}，反对 {no}"),
    "reason.each_body_met": ("counted in each body: every body met it", "各机构分别计数：均达到"),
    "reason.each_body_not_met": ("counted in each body: not met", "各机构分别计数：未达到"),
    "reason.objections": ("{no} objection(s): no consensus", "{no} 人反对：未达成一致"),
    "reason.nobody_agreed_consensus": ("nobody agreed: no consensus", "无人赞成：未达成一致"),
    "reason.consensus": (
        "no objection among the {present} present ({yes} yes, {abstain} abstaining): consensus",
        "出席 {present} 人无人反对（赞成 {yes}，弃权 {abstain}）：达成一致",
    ),
    "reason.nobody_owners": ("nobody on the ballot: no owners", "表决名单为空：没有业主"),
    "reason.nobody_members": ("nobody on the ballot: no members", "表决名单为空：没有成员"),
    "reason.owners_consent": (
        "{yes} of {members} owners consent",
        "{members} 名业主中 {yes} 名同意",
    ),
    "reason.owners_not_unanimous": (
        "{yes} of {members} owners consent: not unanimous",
        "{members} 名业主中 {yes} 名同意：未全体同意",
    ),
    "reason.members_agree": (
        "{yes} of {members} members agree",
        "{members} 名成员中 {yes} 名赞成",
    ),
    "reason.members_not_unanimous": (
        "{yes} of {members} members agree: not unanimous",
        "{members} 名成员中 {yes} 名赞成：未全体同意",
    ),
    "reason.yes": ("{yes} yes", "赞成 {yes}"),
    "reason.yes_nobody": ("{yes} yes: nobody agreed", "赞成 {yes}：无人赞成"),
    "reason.area_taking_part": (
        "area taking part {part} of {whole} m²",
        "参与表决的专有部分面积 {part} / {whole} m²",
    ),
    "reason.owners_taking_part": (
        "owners taking part {part} of {whole}",
        "参与表决的业主 {part} / {whole} 人",
    ),
    "reason.yes_area": (
        "yes area {part} of {whole} m² voting",
        "同意的专有部分面积 {part} / 参与表决面积 {whole} m²",
    ),
    "reason.yes_owners": (
        "yes owners {part} of {whole} taking part",
        "同意的业主 {part} / 参与表决业主 {whole} 人",
    ),
    "reason.nobody_took_part": ("{label}: nobody took part", "{label}：无人参与表决"),
    "reason.approved": ("{body} approved", "{body} 同意"),
    "reason.refused": ("{body} refused", "{body} 不同意"),
    "reason.no_answer": ("{body} has given no answer", "{body} 尚未答复"),
    "reason.refused_by": ("refused by {bodies}: not passed", "{bodies} 不同意：未通过"),
    "reason.waiting_for": ("waiting for {bodies}: not passed yet", "等待 {bodies} 答复：尚未通过"),
    "reason.every_body_approved": ("every body approved", "各机构均同意"),
    "reason.quorum": (
        "quorum: {present} of {members} present",
        "法定人数：出席 {present} / {members}",
    ),
    "reason.quorum_of": (
        "quorum of {body}: {present} of {members} present",
        "{body} 法定人数：出席 {present} / {members}",
    ),
    "reason.vetoed": ("vetoed by {bodies}", "被 {bodies} 否决"),
    "reason.no_veto": ("no veto from {bodies}", "{bodies} 未行使否决权"),
    # notes on an appraisal or a grading (see Note)
    "note.equal_weights": (
        "the charter gives no weights: criteria weigh equally",
        "制度未规定权重：各项同等计权",
    ),
    "note.left_out": (
        "no scores for {names}: left out, other weights rescaled",
        "{names} 无评分：不计入总分，其余权重按比例调整",
    ),
    "note.no_cut_offs": (
        "the charter sets no score cut-offs for its grades: no grade given",
        "制度未规定各等次的分数线：不评等次",
    ),
    "note.target_undecided": (
        "no value for {indicator}: its target is undecided",
        "{indicator} 无数据：是否达标未定",
    ),
    "note.no_targets": (
        "the source sets no targets for category {category}",
        "原文未规定 {category} 类小区的达标指标",
    ),
    "note.unmeasured": (
        "{names}: the source gives no measure; shown, not compared",
        "{names}：原文未给出衡量标准，仅列出，不作比较",
    ),
    "note.bands_apply_to": (
        "the grades apply to {categories} only",
        "等级评定仅适用于 {categories}",
    ),
    "note.band_open": (
        "the source sets no thresholds for band {band}: no band given",
        "原文未规定 {band} 等级的标准：不评等级",
    ),
    "note.band_undecided": (
        "no value for {names}: band {band} undecided",
        "{names} 无数据：{band} 等级未定",
    ),
    "note.no_band_met": (
        "the estate meets no band's conditions",
        "该小区不符合任何等级的条件",
    ),
    # ICS
    "ics.day_off": ("Day off: {name}", "休：{name}"),
    "ics.makeup": ("Make-up working day", "调休上班"),
    "ics.working_days": ("{calendar} working days {year}", "{calendar} {year}年工作日"),
    "ics.responsible": ("responsible: {who}", "责任方：{who}"),
    # obligation titles
    "duty.notice": (
        "notice for the {label} ({lead} ahead), for a meeting on {day}",
        "{label}通知（提前{lead}），会议日期 {day}",
    ),
    "duty.agenda": (
        "agenda for the {label} ({lead} ahead), for a meeting on {day}",
        "{label}议程（提前{lead}），会议日期 {day}",
    ),
    "duty.evaluation": ("annual appraisal of {subjects}", "年度评议：{subjects}"),
    "list_sep": (", ", "、"),
    "duty_kind.meeting": ("meeting", "会议"),
    "duty_kind.summary": ("summary", "总结"),
    "duty_kind.notice": ("notice", "通知"),
    "duty_kind.agenda": ("agenda", "议程"),
    "duty_kind.report": ("report", "报告"),
    "duty_kind.publicity": ("publicity", "公示"),
    "duty_kind.evaluation": ("appraisal", "评议"),
    # what a meeting notice states (notice.content)
    "notice_item.time": ("time", "时间"),
    "notice_item.place": ("place", "地点"),
    "notice_item.topics": ("topics", "议题"),
    "notice_item.attendees": ("attendees", "参会人员"),
    "notice_item.materials": ("materials", "有关材料"),
    # default names of the kinds of body (a charter's own label wins)
    "body.party_org": ("community Party organisation", "社区党组织"),
    "body.estate_party_org": ("estate Party branch", "小区党支部"),
    "body.residents_committee": ("residents' committee", "居民委员会"),
    "body.owners_assembly": ("owners' assembly", "业主大会"),
    "body.owners_committee": ("owners' committee", "业主委员会"),
    "body.property_management_committee": ("property management committee", "物业管理委员会"),
    "body.supervisory_committee": ("owners' supervisory committee", "业主监督咨询委员会"),
    "body.property_company": ("property company", "物业服务企业"),
    "body.street_office": ("street office", "街道办事处"),
    "body.departments": ("government departments", "职能部门"),
    "body.meeting_office": ("joint-meeting office", "联席会议办公室"),
    "body.joint_meeting": ("joint meeting", "联席会议"),
    "body.residents": ("residents", "居民"),
    "body.invited": ("invited members", "列席单位"),
    "colon": (": ", "："),
    # charter outline (govrules show)
    "outline.jurisdiction": ("jurisdiction", "适用地区"),
    "outline.extends": ("extends", "继承"),
    "outline.sources": ("Sources", "依据文件"),
    "outline.reading": ("reading", "解读"),
    "outline.held_by": ("held by", "担任"),
    "outline.handled_by": ("handled by", "承办"),
    "outline.states": ("states", "通知内容"),
    "holder.or": (" or ", "或"),
    "holder.list": (", ", "、"),
    "holder.group": ("the group of {seats}", "由{seats}组成的集体"),
    "holder.turn": ("in turn: {bodies}", "轮流：{bodies}"),
    "holder.delegation": (
        "; by delegation: any member of {bodies}",
        "；受委托：{bodies}的任一成员",
    ),
    "holder.authorised": (" (authorised by {body})", "（经{body}授权）"),
    "outline.readings": (
        "Competing readings (each kept with its source; one is in force)",
        "不同解读（均保留并注明依据；其一生效）",
    ),
    "outline.readings_rule": ("rule", "规则"),
    "outline.conventions": (
        "Library conventions (where the sources are silent; not rules of the sources)",
        "本库约定（依据文件未规定之处所采做法，并非依据文件的规定）",
    ),
    "convention.convener_presides": (
        "No chair is named: the convener presides over the meeting.",
        "未规定主持人：由召集人主持会议。",
    ),
    "convention.chair_convenes": (
        "No convener is named: the chair convenes the meeting.",
        "未规定召集人：由主持人召集会议。",
    ),
    "convention.chair_moves_procedure_on": (
        "A procedure step whose performer is not named is moved on to by the chair, who presides.",
        "会议流程中未规定由谁进行的步骤，由主持人推进。",
    ),
    "convention.calendar_days": (
        "Periods in days, weeks and months are calendar periods (民法典 第201–203条): the "
        "first day is not counted, and a period ending on a holiday ends on the next working "
        "day; by the calendar's default an ordinary weekend extends it too "
        "(--rest-days-do-not-extend turns that off).",
        "以日、周、月计算的期间按《民法典》第201–203条计算：开始当日不计入，最后一日为法定"
        "节假日的顺延至其后第一个工作日；日历默认普通休息日也顺延（可用 "
        "--rest-days-do-not-extend 关闭）。",
    ),
    "convention.week_is_seven_days": (
        "A week (一周) is read as seven calendar days.",
        "“一周”按七个自然日计算。",
    ),
    "convention.majority_is_more_than_half": (
        "A majority with no threshold given is read as more than half (过半数).",
        "未写明比例的多数按“过半数”计算。",
    ),
    "convention.participation_two_thirds": (
        "An owners' vote with no participation rule needs two-thirds of area and owners "
        "taking part (民法典 第278条).",
        "未写明参与比例的业主表决，按专有部分面积和人数均三分之二以上参与计算（《民法典》第278条）。",
    ),
    "convention.several_bodies_together": (
        "A share of the members of several bodies, with no word on how it is counted, is "
        "counted once over their members together, not in each body.",
        "涉及多个机构成员的比例，未写明计算方式的，按各机构成员合并计算，不分别计算。",
    ),
    "convention.window_moves": (
        'A dated window ("by the 5th") that holds no working day ends on the first working '
        "day after it, as a period would (民法典 第203条).",
        "规定日期的期间（如“每月5日前”）内无工作日的，顺延至其后第一个工作日（《民法典》第203条）。",
    ),
    "convention.scale_as_given": (
        "Criteria with no scale given are counted as the values given: no range is "
        "checked and nothing is rescaled.",
        "未规定分值范围的评议项目按所给分值计算，不检查范围，也不折算。",
    ),
    "recurs.periodic": ("periodically{word}, interval not stated", "{word}（未规定间隔）"),
    "outline.default": ("default", "默认"),
    "outline.in_force": ("in force", "生效"),
    "outline.open_questions": (
        "Open questions (what the sources leave open, and the reading chosen)",
        "待明确的问题（依据文件未规定之处及所采解读）",
    ),
    "section.bodies": ("Bodies", "参与主体"),
    "section.roles": ("Roles", "角色"),
    "section.meetings": ("Meetings", "会议"),
    "section.matters": ("Matters", "表决事项"),
    "section.issues": ("Issues", "问题处理"),
    "section.terms": ("Terms", "任期"),
    "section.information": ("Information", "公开、通报与报告"),
    "section.evaluation": ("Evaluation", "评议监督"),
    "section.amendments": ("Amendments", "修订"),
    "section.grading": ("Grading", "等级评定"),
    "cite.guide": (
        "governance_rules domain guide, “{heading}”",
        "governance_rules 领域说明“{heading}”",
    ),
    # govrules compare: the words it writes around the charters' values
    "compare.more_figures": (
        "({n} more figures are the same in every charter: --all)",
        "（另有 {n} 项数字各制度相同：--all 显示全部）",
    ),
    "compare.unspecified": ("unspecified", "未规定"),
    "compare.too_narrow": (
        "note: {n} charters side by side leave each fewer than {least} of the terminal's "
        "{width} columns; --format html or csv is easier to read",
        "注意：{n} 个章程并列，每个不足终端 {width} 列中的 {least} 列；"
        "--format html 或 csv 更易阅读",
    ),
    "report.results_unmatched": (
        "The simulation results name charters this report does not show: {names}. "
        "Results are matched to charters by label (the charter as given): check that "
        "they come from a run of these charters.",
        "模拟结果中有本报告未列出的章程：{names}。模拟结果按标签（所给的章程）与章程对应，"
        "请核对这些结果是否来自对本报告章程的模拟。",
    ),
    "report.results_missing": (
        "The simulation results have no entry for: {names}.",
        "模拟结果中没有以下章程：{names}。",
    ),
    "compare.per_year_partly": (
        "unspecified (at least {n}; no interval: {keys})",
        "未规定（至少 {n} 次；未规定间隔：{keys}）",
    ),
    "compare.per_year_none": ("unspecified (no interval: {keys})", "未规定（未规定间隔：{keys}）"),
    "compare.worst_case_one": ("{n} working day (by {day})", "{n}个工作日（至 {day}）"),
    "compare.worst_case": ("{n} working days (by {day})", "{n}个工作日（至 {day}）"),
    "compare.worst_case_missing": ("unspecified ({missing})", "未规定（{missing}）"),
    "compare.worst_case_unknown": (
        "unknown: ends after the calendar's last day, {last}",
        "无法计算：超出日历数据的最后一日 {last}",
    ),
    "compare.provisional": ("; provisional calendar for {years}", "；{years}年的日历为暂定"),
    "compare.yes": ("yes", "是"),
    "compare.no": ("no", "否"),
    "window.period": ("any day of the period", "期间内任一日"),
    "window.agreed": ("an agreed day of the period", "期间内商定的一日"),
    "window.whole_months": ("the whole of {months}", "{months}全月"),
    "window.days_of_month": ("days {first}-{last} of {months}", "{months}{first}日至{last}日"),
    "window.days_to_end": ("days {first}-the end of {months}", "{months}{first}日至月末"),
    "window.last_week": ("last week of {months}{reading}", "{months}最后一周{reading}"),
    "window.months": ("{months}", "{months}月"),
    "window.each_month": ("each month", "每月"),
    "window.reading": (" ({reading})", "（{reading}）"),
    "workflow.appraisal": ("appraisal", "评议流程"),
    "workflow.issue": ("issue", "问题处理流程"),
    "workflow.meeting": ("meeting", "会议流程"),
    "workflow.term": ("term", "任期流程"),
    # error messages: the fixed words around ``where``, ``got`` and ``allowed``
    "err.got": (" (got {got})", "（输入：{got}）"),
    "err.allowed": ("; allowed: {allowed}", "；可用：{allowed}"),
    "err.where": ("{where}: {what}", "{where}：{what}"),
}

#: The Chinese forms of the most common error phrases (``GovernanceRulesError.what``);
#: a phrase may be followed by a value (``unknown unit 'fortnight'``).
_ERRORS_ZH: Final[dict[str, str]] = {
    "unknown language": "不支持的语言",
    "date outside the calendar's data": "日期超出日历数据范围",
    "a result lies outside the calendar's data": "计算结果超出日历数据范围",
    "the period ends outside the calendar's data": "期间结束日超出日历数据范围",
    "the period runs past the representable dates": "期间超出可表示的日期范围",
    "expected YYYY-MM-DD": "应为 YYYY-MM-DD 格式的日期",
    "not a period": "无法识别的期间",
    "unknown unit": "无法识别的期间单位",
    "a period cannot be negative": "期间不能为负数",
    "the amount must be a whole number": "数量必须是整数",
    "no such charter": "没有此制度",
    "the charter has no appraisal": "该制度没有评议规定",
    "no such matter or meeting with a decision rule": "没有此事项或带表决规则的会议",
}


def has_text(key: str) -> bool:
    """True if the catalogue has a message ``key``."""
    return key in _MESSAGES


def text(key: str, lang: str = "en", **fields: object) -> str:
    """The catalogue message ``key`` in ``lang``, with ``fields`` filled in.

    >>> text("skip", "en", day="2026-10-01 National Day — holiday")
    'skip 2026-10-01 National Day — holiday'
    """
    en, zh = _MESSAGES[key]
    template = zh if normalize_lang(lang) == "zh" else en
    return template.format(**fields) if fields else template


class Note(str):
    """An explanatory note in a result: its English text, which it is, plus the catalogue
    key and fields that give it in another language.

    Results keep their notes as text (JSON writes them as such); a printer in Chinese
    asks each note for :meth:`in_lang`. Names in the fields (criteria, indicators,
    categories) stay as the charter gives them.

    >>> note = Note("note.band_open", band="standard")
    >>> note
    'the source sets no thresholds for band standard: no band given'
    >>> note.in_lang("zh")
    '原文未规定 standard 等级的标准：不评等级'
    """

    key: str
    fields: dict[str, str]

    def __new__(cls, key: str, **fields: object) -> Note:
        shown = {k: v if isinstance(v, str) else str(v) for k, v in fields.items()}
        note = super().__new__(cls, text(key, "en", **shown))
        note.key = key
        note.fields = shown
        return note

    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, str]]:
        return (self.key,), self.fields

    def in_lang(self, lang: str) -> str:
        """The note in ``lang`` (fields that are notes themselves in ``lang`` too)."""
        return text(self.key, lang, **{k: note_text(v, lang) for k, v in self.fields.items()})


def note_text(note: str, lang: str) -> str:
    """``note`` in ``lang`` if it is a :class:`Note`, else as it is."""
    return note.in_lang(lang) if isinstance(note, Note) else note


def error_message(exc: GovernanceRulesError, lang: str = "en") -> str:
    """``exc``'s message in ``lang``: the fixed words translated, names and values as given.

    English is the exception's own message. In Chinese, a known ``what`` phrase is
    translated and an unknown one kept; a message built another way (a list of
    charter problems) is returned as it is.

    >>> err = GovernanceRulesError("unknown unit 'fortnight'", where="period", got="3 fortnights")
    >>> error_message(err, "zh")
    "period：无法识别的期间单位 'fortnight'（输入：'3 fortnights'）"
    """
    message = str(exc)
    if normalize_lang(lang) == "en" or not exc.is_plain():
        return message
    what, got = exc.shown
    what = _what_zh(what)
    parts = [text("err.where", "zh", where=exc.where, what=what) if exc.where else what]
    if got is not None:
        parts.append(text("err.got", "zh", got=got))
    if exc.allowed:
        parts.append(text("err.allowed", "zh", allowed=exc.allowed))
    return "".join(parts)


def _what_zh(what: str) -> str:
    if what in _ERRORS_ZH:
        return _ERRORS_ZH[what]
    for phrase, zh in _ERRORS_ZH.items():
        if what.startswith(phrase + " "):
            return zh + what[len(phrase) :]
    return what
