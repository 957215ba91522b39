"""``govrules tally`` and ``govrules appraise``: decisions and appraisals from CSV files."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import click
from rich.text import Text

from governance_rules._appraisal import GradingResult, MissingPolicy, appraise, grade
from governance_rules._appraisal.files import read_indicators, read_scores
from governance_rules._appraisal.scoring import score_text
from governance_rules._charter import Charter, load_charter
from governance_rules._charter.meetings import VotingMethod
from governance_rules._decisions import (
    decide,
    matter_rule,
    read_body_approvals,
    read_member_ballot,
    read_owner_ballot,
)
from governance_rules._i18n import text
from governance_rules._obligations import body_label
from governance_rules.cli._app import (
    FilePath,
    cell,
    clean,
    cli,
    console,
    echo_json,
    format_option,
    lang_option,
    reading_option,
)
from governance_rules.errors import DecisionError, EvaluationError

__all__ = ["appraise_command", "tally"]


@cli.command(
    epilog="""\b
MATTER is one of the charter's `matters` (e.g. owners_major) or a meeting
kind with a decision rule (e.g. regular). Members' ballots have the columns
voter,body,choice; owners' ballots (dual majority) owner,area,choice; a
joint approval by several bodies body,approval (one row per body: yes, no
or absent). See docs/decisions.md; the example files are in docs/examples/.

\b
Examples:
  govrules tally rotating-quarterly-consensus --matter regular \\
    joint-meeting-votes.csv
  govrules tally cn-national-baseline --matter owners_major \\
    owners-major.csv --format json
  govrules tally yangxin-2022 --matter owners_committee_meeting \\
    oc-meeting.csv --method secret_ballot
  govrules tally rc-half-yearly --matter company_entry \\
    company-entry-approvals.csv
  govrules tally co-building-two-thirds --matter regular \\
    co-building-votes.csv --reading decision=one_vote_veto"""
)
@click.argument("charter_ref", metavar="CHARTER")
@click.argument("ballots", type=FilePath())
@click.option("--matter", required=True, help="The matter or meeting kind voted on.")
@click.option(
    "--method",
    type=click.Choice([m.value for m in VotingMethod]),
    default=None,
    help="How votes were cast (default: signature for owners and for bodies' approvals, "
    "show_of_hands for members).",
)
@format_option(
    "json: the counts, the shares and whether it passed, with the reasons, for scripts."
)
@lang_option
@reading_option
def tally(
    charter_ref: str,
    ballots: Path,
    matter: str,
    method: str | None,
    fmt: str,
    lang: str,
    readings: dict[str, str],
) -> int:
    """Count a ballot under the charter's decision rule and say why it passed or failed."""
    charter = load_charter(charter_ref, readings=readings)
    rule = matter_rule(charter, matter)
    if rule.decision.kind == "unspecified":  # before reading a file that cannot count
        decided = [m for m in (*charter.matters, *charter.meetings) if _has_rule(charter, m)]
        raise DecisionError(
            "the charter states no decision rule for this matter: nothing can be counted, "
            "the meeting declares its outcome",
            where=f"{charter.id}: {matter}: decision.kind",
            got="unspecified",
            allowed=", ".join(decided) or "none in this charter",
        )
    if rule.by_owners:
        ballot = read_owner_ballot(ballots, VotingMethod(method or "signature"))
        result = decide(rule.decision, ballot)
    elif rule.by_bodies:
        answers = read_body_approvals(ballots, rule.voters, VotingMethod(method or "signature"))
        result = decide(rule.decision, answers, voters=rule.voters)
    else:
        how = VotingMethod(method or "show_of_hands")
        members = read_member_ballot(ballots, how, voters=rule.voters)
        result = decide(rule.decision, members, quorum=rule.quorum, voters=rule.voters)
    if fmt == "json":
        chosen = {"readings": readings} if readings else {}
        echo_json({"matter": matter, **result.to_dict(lang), **chosen})
        return 0
    out = console()
    verdict = (text("passed", lang), "green") if result.passed else (text("failed", lang), "red")
    out.print(
        Text.assemble(
            f"{clean(matter)}{text('colon', lang)}",
            verdict,
            f" ({result.kind}, {result.method.value})",
        )
    )
    c = result.counts
    if result.approvals:
        out.print("  " + text("body_approvals", lang, yes=c.yes, no=c.no, silent=c.absent))
    else:
        counts = text("vote_counts", lang, yes=c.yes, no=c.no, abstain=c.abstain, absent=c.absent)
        out.print("  " + counts)
    for reason in result.reasons_in(lang):
        out.print(cell(f"  {reason}"))
    return 0


@cli.command(
    "appraise",
    epilog="""\b
SCORES has the columns subject,item,value[,rater]: item is a criterion
name, an indicator with a target (value a rate such as 86%), or `rating`
(value a rating answer). See docs/decisions.md.

\b
For a charter that grades estates (its `grading` section), SCORES has the
columns estate,category,indicator,value: one indicator value of one estate
(a rate such as 86% or 43/50). It is used when the charter has no
`evaluation`, or with --grading. See docs/appraisal.md; the example files
are in docs/examples/.

\b
Examples:
  govrules appraise yangxin-2022 appraisal-scores.csv
  govrules appraise yangxin-2022 appraisal-scores.csv --missing zero \\
    --format json
  govrules appraise district-street-plans estate-indicators.csv --lang zh""",
)
@click.argument("charter_ref", metavar="CHARTER")
@click.argument("scores", type=FilePath())
@click.option(
    "--missing",
    type=click.Choice([p.value for p in MissingPolicy]),
    default="exclude",
    show_default=True,
    help="A criterion without scores: left out (weights rescaled) or counted as 0.",
)
@click.option(
    "--grading",
    "grading_name",
    default=None,
    help="Grade estates under this `grading` section of the charter (default: its only one).",
)
@format_option("json: the same results as data (scores, totals, grades, notes), for scripts.")
@lang_option
def appraise_command(
    charter_ref: str, scores: Path, missing: str, grading_name: str | None, fmt: str, lang: str
) -> int:
    """Score the annual appraisal of the charter's subjects, or grade estates, from a CSV file."""
    charter = load_charter(charter_ref)
    if grading_name is not None or (charter.evaluation is None and charter.grading):
        return _grade_estates(charter, grading_name, scores, fmt, lang)
    if charter.evaluation is None:
        raise EvaluationError(
            "the charter has no appraisal",
            where=charter.id,
            allowed="a charter with an evaluation or a grading section (e.g. yangxin-2022, "
            "district-street-plans)",
        )
    result = appraise(charter.evaluation, read_scores(scores), missing=MissingPolicy(missing))
    if fmt == "json":
        echo_json({"charter": charter.id, **result.to_dict(lang)})
        return 0
    out = console()
    for subject, r in result.subjects.items():
        none = text("no_scores", lang)
        total = none if r.total is None else score_text(r.total)
        grade = text("grade", lang, grade=r.grade) if r.grade else ""
        out.print(
            Text.assemble(
                (clean(body_label(charter, subject, lang)), "bold"),
                clean(f"{text('colon', lang)}{text('total', lang, total=total)}{grade}"),
            )
        )
        for name, value in r.criteria.items():
            shown = none if value is None else score_text(value)
            weight = text("weight", lang, weight=r.weights.get(name, "-"))
            out.print(cell(f"  {name}{text('colon', lang)}{shown} ({weight})"))
        for check in r.targets:
            mark = text("target_met" if check.met else "target_missed", lang)
            rate = f"{_percent(check.value)} >= {_percent(check.at_least)}"
            label = text("target", lang, indicator=check.indicator)
            out.print(cell(f"  {label}{text('colon', lang)}{rate} {mark}"))
        if r.rating:
            answers = ", ".join(f"{label} {count}" for label, count in r.rating.items())
            score = (
                "" if r.rating_score is None
                else text("rating_score", lang, score=score_text(r.rating_score))
            )  # fmt: skip
            out.print(cell("  " + text("rating", lang, answers=answers) + score))
        for note in r.notes_in(lang):
            out.print(cell("  " + text("note", lang, note=note)))
    return 0


def _has_rule(charter: Charter, matter: str) -> bool:
    """True if ``matter`` (a matter or a meeting kind) has a rule the library applies."""
    if matter in charter.matters:
        return charter.matters[matter].decision.kind != "unspecified"
    decision = charter.meetings[matter].decision
    return decision is not None and decision.kind != "unspecified"


def _percent(value: Fraction) -> str:
    """``90%``, ``84.99%``; a rate with no short decimal as its fraction and its first two
    decimals, cut, never rounded up to a target (``899999999/1000000000 (89.99…%)``).

    >>> _percent(Fraction(9, 10)), _percent(Fraction("0.899999999")), _percent(Fraction(1, 3))
    ('90%', '899999999/1000000000 (89.99…%)', '1/3 (33.33…%)')
    """
    share = value * 100
    for digits in range(7):
        scaled = share * 10**digits
        if scaled.denominator == 1:
            return f"{Decimal(scaled.numerator).scaleb(-digits)}%"
    cut = score_text(Fraction(math.floor(share * 100), 100))
    return f"{value} ({cut}…%)"


def _grading_name(charter: Charter, name: str | None) -> str:
    known = ", ".join(charter.grading) or "none: the charter grades nothing"
    if name is None:
        if len(charter.grading) == 1:
            return next(iter(charter.grading))
        raise EvaluationError(
            "the charter has several gradings: choose one with --grading",
            where=charter.id,
            allowed=known,
        )
    if name not in charter.grading:
        raise EvaluationError("unknown grading", where=f"{charter.id}: grading", got=name,
                              allowed=known)  # fmt: skip
    return name


def _grade_estates(charter: Charter, name: str | None, path: Path, fmt: str, lang: str) -> int:
    key = _grading_name(charter, name)
    grading = charter.grading[key]
    result = grade(grading, read_indicators(path), name=key)
    if fmt == "json":
        echo_json({"charter": charter.id, **result.to_dict(lang)})
        return 0
    _print_grades(charter, key, result, lang)
    return 0


def _print_grades(charter: Charter, key: str, result: GradingResult, lang: str) -> None:
    grading = charter.grading[key]
    colon = text("colon", lang)
    out = console()
    out.print(cell(f"{grading.label.get(lang)} ({charter.id})", "bold"))
    for estate in result.estates.values():
        category = grading.categories[estate.category].label.get(lang)
        band = next((b for b in grading.bands if b.name == estate.band), None)
        shown = text("band", lang, band=band.label.get(lang)) if band else text("no_band", lang)
        verdict = {True: ("targets_met", "green"), False: ("targets_missed", "red"),
                   None: ("targets_undecided", "yellow")}[estate.meets_targets]  # fmt: skip
        out.print(
            Text.assemble(
                (clean(estate.estate), "bold"),
                clean(f" [{category}]{colon}{shown}{text('semicolon', lang)}"),
                (text(verdict[0], lang), verdict[1]),
            )
        )
        for check in estate.targets:
            label = grading.indicators[check.indicator].label.get(lang)
            sign = ">=" if check.threshold.inclusive else ">"
            bound = f"{sign} {_percent(check.threshold.fraction)}"
            if check.value is None:
                out.print(cell(f"  {label}{colon}{text('no_value', lang)} ({bound})"))
                continue
            mark = "target_met" if check.met else "target_missed"
            out.print(cell(f"  {label}{colon}{_percent(check.value)} {bound} {text(mark, lang)}"))
        targeted = {t.indicator for t in estate.targets}
        for indicator, rate in estate.rates.items():
            if indicator not in targeted:
                label = grading.indicators[indicator].label.get(lang)
                out.print(cell(f"  {label}{colon}{_percent(rate)}"))
        for indicator, raw in estate.unmeasured.items():
            out.print(cell(f"  {grading.indicators[indicator].label.get(lang)}{colon}{raw}"))
        for note in estate.notes_in(lang):
            out.print(cell("  " + text("note", lang, note=note)))
