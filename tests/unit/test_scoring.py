"""Scoring the QA statements from literal check summaries: 3, 2 and 1 for each auto statement,
the figures in the rationale, the evidence and the action plan."""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from sendqa_build.core.scoring import (
    AUTO_IDS,
    Assessment,
    PageFacts,
    ScoringRules,
    StatementResult,
    Toolkit,
    assess,
    owned_by,
    parse_scoring_rules,
    parse_toolkit,
    services_by_requirement,
)
from sendqa_build.core.yamltext import load_yaml
from sendqa_build.rules import RulesError, load_rules_file
from sendqa_build.summaries import (
    CoverageSummary,
    ExternalLinkCounts,
    FeedbackRound,
    FeedbackSummary,
    FreshnessSummary,
    LinksSummary,
    Match,
    PageLinkCounts,
    PageReviewRow,
    PlainEnglishSummary,
    PlainPage,
    PlainTotals,
    RequirementRow,
    ServiceCounts,
    Summaries,
)

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 12, 1)
STATUTORY = "2027-01-01"
"""Target dates by priority (checks/scoring.yml): statutory gaps in a month, overdue pages and
broken links in two, wording and the rest in three."""
SOON = "2027-02-01"
TARGET = "2027-03-01"


@pytest.fixture(scope="module")
def toolkit() -> Toolkit:
    path = ROOT / "checks" / "qa-statements.yml"
    return parse_toolkit(load_rules_file(path), path)


@pytest.fixture(scope="module")
def rules() -> ScoringRules:
    path = ROOT / "checks" / "scoring.yml"
    return parse_scoring_rules(load_rules_file(path), path)


def requirement(
    req_id: str, status: str, pages: list[str], missing: list[str] | None = None
) -> RequirementRow:
    titles = {
        "information-advice-support": "Where to go for information, advice and support",
        "complaints-and-appeals": "Complaints, mediation and appeals",
        "decisions-and-accountability": "How decisions are made",
        "feedback": "How to comment on the Local Offer",
        "you-said-we-did": "Published comments",
        "accessibility-statement": "Accessibility statement",
    }
    return RequirementRow(
        id=req_id,
        title=titles.get(req_id, req_id),
        basis="SEND Regulations 2014",
        level="must",
        statements=(),
        status=status,
        pages=tuple(pages) if status != "missing" else (),
        missing=tuple(missing or ()),
        thin_pages=(),
        matches=(),
    )


PAGES = [
    PageFacts("advice/iass.md", "IASS", "Local Offer Team", covers=("information-advice-support",)),
    PageFacts("advice/complaints.md", "Complaints", "Local Offer Team"),
    PageFacts("about/decisions.md", "Decisions", "Assessment Team"),
    PageFacts("have-your-say/feedback.md", "Feedback", "Local Offer Team"),
    PageFacts(
        "services/portage.md", "Portage", "Early Years SEND Team", "service", has_eligibility=True
    ),
    PageFacts("services/nursery.md", "Nursery", "Early Years SEND Team", "service"),
    PageFacts("services/clinic.md", "Clinic", "Health Team", "service", has_eligibility=True),
    PageFacts(
        "services/far.md",
        "Far school",
        "SEN Placements Team",
        "service",
        area="outside",
        has_eligibility=True,
        has_decided_by=True,
    ),
    PageFacts("health/therapy.md", "Therapy", "Health Team"),
    PageFacts("health/sleep.md", "Sleep", None),
    PageFacts(
        "have-your-say/ysw-2026.md",
        "You said, we did 2026",
        "Local Offer Team",
        "you-said-we-did",
        published_on=dt.date(2026, 7, 15),
        summary="We ran a survey and a consultation with the Parent Carer Forum.",
        summary_line=3,
    ),
]


def review_row(
    page: str,
    owner: str | None,
    status: str,
    title: str = "",
    last_reviewed_on: dt.date | None = None,
    review_by: dt.date | None = None,
) -> PageReviewRow:
    return PageReviewRow(page, "", title, owner, last_reviewed_on, review_by, status)


def plain_page(
    page: str,
    reading_age: float = 10,
    unexplained_acronyms: int = 0,
    words_to_avoid: int = 0,
    passes: bool = True,
) -> PlainPage:
    return PlainPage(
        page=page,
        reading_age=reading_age,
        flesch_reading_ease=None,
        flesch_kincaid_grade=None,
        long_sentences=0,
        unexplained_acronyms=unexplained_acronyms,
        unknown_acronyms=0,
        words_to_avoid=words_to_avoid,
        passes=passes,
    )


def good_summaries() -> dict[str, Any]:
    """Summaries of a site that fully meets every auto statement."""
    return {
        "coverage": CoverageSummary(
            requirements=(
                requirement("information-advice-support", "covered", ["advice/iass.md"]),
                requirement("complaints-and-appeals", "covered", ["advice/complaints.md"]),
                requirement("decisions-and-accountability", "covered", ["about/decisions.md"]),
                requirement("feedback", "covered", ["have-your-say/feedback.md"]),
                requirement("accessibility-statement", "covered", ["about/accessibility.md"]),
            ),
            counts=ServiceCounts(
                service_pages=4,
                service_pages_with_eligibility=4,
                service_pages_needing_decision=2,
                service_pages_with_decided_by=2,
                pages_with_owner=11,
                pages=11,
                services_without_decided_by=(),
            ),
        ),
        "freshness": FreshnessSummary(
            pages=tuple(review_row(p.src, p.owner, "ok") for p in PAGES),
            total=11,
            in_date=11,
            overdue=0,
            due_soon=0,
            unknown=0,
            share_in_date=1.0,
        ),
        "links": LinksSummary(
            external_checked=True,
            reason=None,
            external=ExternalLinkCounts(unique=5, ok=5, broken=0, unverified=0, redirected=0),
            internal_broken=0,
            internal=(),
            pages={},
        ),
        "feedback": FeedbackSummary(
            rounds=(
                FeedbackRound("have-your-say/ysw-2026.md", dt.date(2026, 7, 15), 5, 0),
                FeedbackRound("have-your-say/ysw-2025.md", dt.date(2025, 7, 10), 4, 0),
            ),
            newest_published_on=dt.date(2026, 7, 15),
            personal_data=0,
            feedback_pages=("have-your-say/feedback.md",),
        ),
        "plain-english": PlainEnglishSummary(
            pages=tuple(plain_page(p.src) for p in PAGES),
            totals=PlainTotals(
                pages=11,
                pages_passing=11,
                unexplained_acronyms=0,
                unknown_acronyms=0,
                words_to_avoid=0,
                long_sentences=0,
                median_reading_age=10,
            ),
        ),
    }


def run(
    toolkit: Toolkit, rules: ScoringRules, summaries: dict[str, Any], pages=PAGES
) -> Assessment:
    return assess(toolkit, rules, Summaries.gather(summaries), pages, TODAY)


def statement(assessment: Assessment, sid: str) -> StatementResult:
    return next(s for s in assessment.statements if s.id == sid)


def actions(assessment: Assessment, sid: str) -> list[tuple[str, str, str]]:
    return [
        (a.action, a.target_date.isoformat(), a.responsibility)
        for a in assessment.actions
        if a.statement == sid
    ]


def set_requirement(summaries: dict[str, Any], req_id: str, status: str, **extra: Any) -> None:
    """Give one requirement of the coverage summary another status (and other fields)."""
    coverage: CoverageSummary = summaries["coverage"]
    rows = tuple(
        replace(row, status=status, **({"pages": ()} if status == "missing" else {}), **extra)
        if row.id == req_id
        else row
        for row in coverage.requirements
    )
    summaries["coverage"] = replace(coverage, requirements=rows)


def set_counts(summaries: dict[str, Any], **counts: Any) -> None:
    """Change the service and owner counts of the coverage summary."""
    coverage: CoverageSummary = summaries["coverage"]
    summaries["coverage"] = replace(coverage, counts=replace(coverage.counts, **counts))


# ---------------------------------------------------------------------------------------------


def test_every_statement_in_order_with_the_toolkit_text(toolkit, rules) -> None:
    """All sixteen statements appear, in order, word for word, auto only for the six."""
    result = run(toolkit, rules, good_summaries())
    assert [s.id for s in result.statements] == [f"1.{n}" for n in range(1, 17)]
    assert {s.id for s in result.statements if s.auto} == set(AUTO_IDS)
    toolkit_text = ROOT.parent / "shared/reference/qa-toolkit-section4-local-offer.txt"
    if not toolkit_text.exists():
        pytest.skip("the toolkit text in ../shared/reference is not beside this checkout")
    reference = toolkit_text.read_text(encoding="utf-8")
    for s in result.statements:
        assert f"{s.id} {s.text}" in reference
    assert statement(result, "1.15").text.endswith(
        "acronyms and technical terms – where this is unavoidable they are fully explained."
    )


def test_a_site_that_meets_every_statement_scores_3_with_no_actions(toolkit, rules) -> None:
    result = run(toolkit, rules, good_summaries())
    assert {s.id: s.score for s in result.statements if s.auto} == dict.fromkeys(AUTO_IDS, 3)
    assert result.actions == ()
    assert all(s.score is None for s in result.statements if not s.auto)


# --- 1.6 ------------------------------------------------------------------------------------


def test_1_6_all_present_scores_3(toolkit, rules) -> None:
    s = statement(run(toolkit, rules, good_summaries()), "1.6")
    assert s.score == 3
    assert "4 of 4 (100%) service pages say who can use the service" in s.rationale
    assert "'Complaints, mediation and appeals' is covered by 'Complaints'." in s.rationale
    assert "Scored 3 (fully met) because every part of the statement is met." in s.rationale
    assert (
        "advice/iass.md",
        "Covers 'Where to go for information, advice and support'",
    ) in [(e.page, e.note) for e in s.evidence]
    # The figures behind the score are its evidence.
    assert ("Service pages that say who can use the service", "4 of 4 (100%) service pages") in [
        (e.title, e.figure) for e in s.evidence
    ]


def test_1_6_some_present_scores_2_with_actions(toolkit, rules) -> None:
    summaries = good_summaries()
    set_counts(summaries, service_pages_with_eligibility=3)
    set_requirement(summaries, "complaints-and-appeals", "thin", missing=("mediation",))
    result = run(toolkit, rules, summaries)
    s = statement(result, "1.6")
    assert s.score == 2
    assert "3 of 4 (75%) service pages say who can use the service" in s.rationale
    assert (
        "'Complaints, mediation and appeals' is covered only in part by 'Complaints': "
        "it does not yet cover mediation." in s.rationale
    )
    rows = actions(result, "1.6")
    assert (
        "Say who can use 'Nursery' (Early Years SEND Team)",
        STATUTORY,
        "Early Years SEND Team",
    ) in rows
    assert (
        "Complete 'Complaints, mediation and appeals' on 'Complaints': add mediation",
        STATUTORY,
        "Local Offer Team",
    ) in rows
    fixes = [a.fix for a in result.actions if a.statement == "1.6"]
    assert any("'eligibility'" in f for f in fixes)  # editor instructions are kept apart


def test_1_6_none_present_scores_1(toolkit, rules) -> None:
    summaries = good_summaries()
    set_counts(summaries, service_pages_with_eligibility=1)
    set_requirement(summaries, "information-advice-support", "missing")
    set_requirement(summaries, "complaints-and-appeals", "missing")
    result = run(toolkit, rules, summaries)
    s = statement(result, "1.6")
    assert s.score == 1
    assert "1 of 4 (25%) service pages say who can use the service" in s.rationale
    assert "No page covers 'Where to go for information, advice and support'." in s.rationale
    assert "Scored 1 (not met) because none of the parts of the statement is met." in s.rationale
    texts = [a for a, _, _ in actions(result, "1.6")]
    assert any(t.startswith("Publish a page on 'Complaints, mediation and appeals'") for t in texts)
    assert not any("covers:" in t or "front matter" in t for t in texts)
    fixes = [a.fix for a in result.actions if a.statement == "1.6"]
    assert any("'covers: [complaints-and-appeals]'" in f for f in fixes)
    # Nothing in this build or its history says who owned complaints: the default.
    assert any(who == "Local Offer manager" for _, _, who in actions(result, "1.6"))


# --- 1.7 ------------------------------------------------------------------------------------


def overdue_summaries(in_date: int, total: int = 20) -> dict[str, Any]:
    summaries = good_summaries()
    late = total - in_date
    owners = ["Early Years SEND Team"] * (late - late // 3) + ["Health Team"] * (late // 3)
    pages = tuple(
        review_row(
            f"p{i:02}.md",
            owners[i] if i < late else "Local Offer Team",
            "overdue" if i < late else "ok",
            title=f"P{i}",
            last_reviewed_on=dt.date(2025, (i % 12) + 1, 1),
            review_by=dt.date(2026, (i % 12) + 1, 1),
        )
        for i in range(total)
    )
    summaries["freshness"] = FreshnessSummary(
        pages=pages,
        total=total,
        in_date=in_date,
        overdue=late,
        due_soon=0,
        unknown=0,
        share_in_date=in_date / total,
    )
    return summaries


def facts_for(total: int, late: int) -> list[PageFacts]:
    owners = ["Early Years SEND Team"] * (late - late // 3) + ["Health Team"] * (late // 3)
    return [
        PageFacts(f"p{i:02}.md", f"P{i}", owners[i] if i < late else "Local Offer Team")
        for i in range(total)
    ]


def test_1_7_every_page_in_date_scores_3(toolkit, rules) -> None:
    s = statement(run(toolkit, rules, good_summaries()), "1.7")
    assert s.score == 3
    assert "11 of 11 (100%) pages are within their review date, 0 pages are overdue" in s.rationale
    assert "The site has no broken links (0 internal, 0 external)" in s.rationale


def test_1_7_some_overdue_scores_2_with_an_action_per_owner(toolkit, rules) -> None:
    summaries = overdue_summaries(in_date=15)
    result = run(toolkit, rules, summaries, facts_for(20, 5))
    s = statement(result, "1.7")
    assert s.score == 2
    assert "15 of 20 (75%) pages are within their review date, 5 pages are overdue" in s.rationale
    # One row per overdue page, the longest overdue first, worded for the return.
    assert actions(result, "1.7") == [
        (
            "Review 'P0' (Early Years SEND Team): 23 months since last checked, due by "
            "1 January 2026",
            SOON,
            "Early Years SEND Team",
        ),
        (
            "Review 'P1' (Early Years SEND Team): 22 months since last checked, due by "
            "1 February 2026",
            SOON,
            "Early Years SEND Team",
        ),
        (
            "Review 'P2' (Early Years SEND Team): 21 months since last checked, due by "
            "1 March 2026",
            SOON,
            "Early Years SEND Team",
        ),
        (
            "Review 'P3' (Early Years SEND Team): 20 months since last checked, due by "
            "1 April 2026",
            SOON,
            "Early Years SEND Team",
        ),
        (
            "Review 'P4' (Health Team): 19 months since last checked, due by 1 May 2026",
            SOON,
            "Health Team",
        ),
    ]
    assert all("'last_reviewed_on'" in a.fix for a in result.actions)


def test_1_7_fewer_than_half_in_date_scores_1(toolkit, rules) -> None:
    result = run(toolkit, rules, overdue_summaries(in_date=6), facts_for(20, 14))
    s = statement(result, "1.7")
    assert s.score == 1
    assert "6 of 20 (30%) pages are within their review date, 14 pages are overdue" in s.rationale
    assert len(actions(result, "1.7")) == 14


def test_1_7_broken_links_stop_a_3(toolkit, rules) -> None:
    summaries = good_summaries()
    summaries["links"] = replace(
        summaries["links"],
        internal_broken=1,
        external=ExternalLinkCounts(unique=5, ok=3, broken=2, unverified=0, redirected=0),
        pages={
            "health/therapy.md": PageLinkCounts(broken=2, unverified=0),
            "advice/iass.md": PageLinkCounts(broken=1),
        },
    )
    result = run(toolkit, rules, summaries)
    s = statement(result, "1.7")
    assert s.score == 2
    assert "The site has 3 broken links on 2 pages (1 internal, 2 external)" in s.rationale
    assert ("Broken links", "3 broken links") in [(e.title, e.figure) for e in s.evidence]
    assert actions(result, "1.7") == [
        ("Fix 2 broken links on 'Therapy' (Health Team)", SOON, "Health Team"),
        ("Fix 1 broken link on 'IASS' (Local Offer Team)", SOON, "Local Offer Team"),
    ]


def test_1_7_external_links_not_checked_is_said(toolkit, rules) -> None:
    summaries = good_summaries()
    summaries["links"] = replace(
        summaries["links"], external_checked=False, reason="not checked: no internet connection"
    )
    s = statement(run(toolkit, rules, summaries), "1.7")
    # What was checked is all met, but a part was not checked: never "fully met".
    assert s.score == 2
    assert s.provisional == (
        "external links were not checked in this build (no internet connection)",
    )
    assert "External links were not checked in this build (no internet connection)" in s.rationale
    assert s.conclusion == (
        "Scored 2 (partially met), provisional: everything this build checked is met, but "
        "external links were not checked in this build (no internet connection)."
    )
    assert ("Broken links", "0 broken links (internal links only)") in [
        (e.title, e.figure) for e in s.evidence
    ]


# --- 1.8 ------------------------------------------------------------------------------------


def test_1_8_scores_3(toolkit, rules) -> None:
    s = statement(run(toolkit, rules, good_summaries()), "1.8")
    assert s.score == 3
    assert "'How decisions are made' is covered by 'Decisions'." in s.rationale
    assert "11 of 11 (100%) pages name the team that owns them" in s.rationale
    assert "2 of 2 (100%) service pages where someone decides" in s.rationale


def test_1_8_missing_decided_by_scores_2(toolkit, rules) -> None:
    summaries = good_summaries()
    set_counts(
        summaries,
        service_pages_with_decided_by=1,
        services_without_decided_by=("services/clinic.md",),
    )
    result = run(toolkit, rules, summaries)
    s = statement(result, "1.8")
    assert s.score == 2
    assert (
        "1 of 2 (50%) service pages where someone decides who gets the service say who decides"
        in s.rationale
    )
    assert actions(result, "1.8") == [
        ("Say who decides who gets 'Clinic' (Health Team)", STATUTORY, "Health Team")
    ]


def test_1_8_nothing_in_place_scores_1(toolkit, rules) -> None:
    summaries = good_summaries()
    set_requirement(summaries, "decisions-and-accountability", "missing")
    set_counts(
        summaries,
        pages_with_owner=4,
        service_pages_with_decided_by=0,
        services_without_decided_by=("services/clinic.md", "services/nursery.md"),
    )
    result = run(toolkit, rules, summaries)
    s = statement(result, "1.8")
    assert s.score == 1
    assert "4 of 11 (36%) pages name the team that owns them" in s.rationale
    assert "0 of 2 (0%) service pages" in s.rationale
    texts = [a for a, _, _ in actions(result, "1.8")]
    assert "Name the team responsible for 'Sleep'" in texts
    assert any(t.startswith("Publish a page on 'How decisions are made'") for t in texts)


# --- 1.11 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "score"), [("covered", 3), ("thin", 2), ("missing", 1)])
def test_1_11_follows_the_feedback_requirement(toolkit, rules, status, score) -> None:
    summaries = good_summaries()
    set_requirement(summaries, "feedback", status, missing=("how the Local Offer is reviewed",))
    result = run(toolkit, rules, summaries)
    s = statement(result, "1.11")
    assert s.score == score
    if status == "thin":
        assert "it does not yet cover how the Local Offer is reviewed" in s.rationale
        assert actions(result, "1.11")[0][2] == "Local Offer Team"
    if status == "missing":
        assert "No page covers 'How to comment on the Local Offer'." in s.rationale
        assert "how and when the Local Offer is reviewed" in actions(result, "1.11")[0][0]
    if status == "covered":
        assert actions(result, "1.11") == []


# --- 1.13 -----------------------------------------------------------------------------------


def test_1_13_recent_round_all_answered_scores_3(toolkit, rules) -> None:
    s = statement(run(toolkit, rules, good_summaries()), "1.13")
    assert s.score == 3
    assert "published on 15 July 2026, within the last 12 months" in s.rationale
    assert "5 of 5 (100%) comments in that round have a response" in s.rationale
    assert [e.figure for e in s.evidence if e.page is None] == [
        "published 15 July 2026",
        "5 of 5 (100%) comments answered",
        "0 comments that could identify someone",
    ]
    assert [e.page for e in s.evidence if e.page] == ["have-your-say/ysw-2026.md"]


def test_1_13_unanswered_comments_score_2(toolkit, rules) -> None:
    summaries = good_summaries()
    feedback = summaries["feedback"]
    newest = replace(feedback.rounds[0], without_response=2)
    summaries["feedback"] = replace(feedback, rounds=(newest, *feedback.rounds[1:]))
    result = run(toolkit, rules, summaries, PAGES)
    s = statement(result, "1.13")
    assert s.score == 2
    assert "3 of 5 (60%) comments in that round have a response and action" in s.rationale
    assert actions(result, "1.13") == [
        (
            "Answer the 2 comments without a response on 'You said, we did 2026'",
            STATUTORY,
            "Local Offer Team",
        )
    ]


def test_1_13_only_an_old_round_scores_1(toolkit, rules) -> None:
    summaries = good_summaries()
    summaries["feedback"] = replace(summaries["feedback"], rounds=summaries["feedback"].rounds[1:])
    s = statement(run(toolkit, rules, summaries), "1.13")
    assert s.score == 1
    assert (
        "was published on 10 July 2025, more than 12 months before 1 December 2026" in s.rationale
    )


def test_1_13_no_round_scores_1(toolkit, rules) -> None:
    summaries = good_summaries()
    summaries["feedback"] = replace(summaries["feedback"], rounds=(), newest_published_on=None)
    result = run(toolkit, rules, summaries)
    assert statement(result, "1.13").score == 1
    text, _, who = actions(result, "1.13")[0]
    assert text.startswith("Publish the comments received on the Local Offer")
    assert who == "Local Offer Team"  # the owner of the feedback page


def test_1_13_round_exactly_12_months_old_is_recent(toolkit, rules) -> None:
    summaries = good_summaries()
    feedback = summaries["feedback"]
    older = replace(feedback.rounds[0], published_on=dt.date(2025, 12, 1))
    summaries["feedback"] = replace(feedback, rounds=(older,))
    assert statement(run(toolkit, rules, summaries), "1.13").score == 3


# --- 1.15 -----------------------------------------------------------------------------------


def plain_summaries(acronym_pages: int, word_pages: int, failing: int) -> dict[str, Any]:
    summaries = good_summaries()
    plain = summaries["plain-english"]
    pages = tuple(
        plain_page(
            page.page,
            reading_age=15 if i < failing else 10,
            unexplained_acronyms=2 if i < acronym_pages else 0,
            words_to_avoid=1 if i < word_pages else 0,
            passes=i >= failing,
        )
        for i, page in enumerate(plain.pages)
    )
    totals = replace(
        plain.totals,
        unexplained_acronyms=2 * acronym_pages,
        words_to_avoid=word_pages,
        pages_passing=11 - failing,
        median_reading_age=10,
    )
    summaries["plain-english"] = PlainEnglishSummary(pages, totals)
    return summaries


def test_1_15_scores_3(toolkit, rules) -> None:
    s = statement(run(toolkit, rules, good_summaries()), "1.15")
    assert s.score == 3
    assert "11 of 11 (100%) pages explain every acronym at first use" in s.rationale
    assert (
        "11 of 11 (100%) pages meet every plain English target (acronyms, words to avoid, sentence "
        "length and readability); the median reading age is 10" in s.rationale
    )


def test_1_15_some_problems_score_2(toolkit, rules) -> None:
    result = run(toolkit, rules, plain_summaries(acronym_pages=1, word_pages=2, failing=1))
    s = statement(result, "1.15")
    assert s.score == 2
    assert (
        "10 of 11 (90%) pages explain every acronym at first use; 2 acronyms are not explained"
        in s.rationale
    )
    assert (
        "9 of 11 (81%) pages use no words to avoid; 2 words to avoid are used in all" in s.rationale
    )
    assert "10 of 11 (90%) pages meet every plain English target" in s.rationale
    rows = actions(result, "1.15")
    assert ("Explain 2 acronyms on 'IASS' (Local Offer Team)", TARGET, "Local Offer Team") in rows
    assert (
        "Replace 2 words to avoid with plain words on 'Complaints' and 'IASS' (Local Offer Team)",
        TARGET,
        "Local Offer Team",
    ) in rows
    assert not any(a.startswith("Rewrite") for a, _, _ in rows)  # 90% pass: readability is met


def test_1_15_most_pages_failing_scores_1(toolkit, rules) -> None:
    result = run(toolkit, rules, plain_summaries(acronym_pages=2, word_pages=0, failing=7))
    s = statement(result, "1.15")
    assert s.score == 1
    assert "9 of 11 (81%) pages explain every acronym at first use" in s.rationale
    assert "4 of 11 (36%) pages meet every plain English target" in s.rationale
    rewrite = [r for r in actions(result, "1.15") if r[0].startswith("Rewrite ")]
    assert [(r[0], r[2]) for r in rewrite] == [
        (
            "Rewrite 'Clinic' (Health Team) in shorter sentences and everyday words",
            "Health Team",
        ),
        (
            "Rewrite 'Decisions' (Assessment Team) in shorter sentences and everyday words",
            "Assessment Team",
        ),
        (
            "Rewrite 'Feedback' (Local Offer Team) in shorter sentences and everyday words",
            "Local Offer Team",
        ),
        (
            "Rewrite 'Nursery' and 'Portage' (Early Years SEND Team) in shorter sentences and "
            "everyday words",
            "Early Years SEND Team",
        ),
    ]
    assert (
        "Pages meeting every plain English target",
        "4 of 11 (36%) pages, median reading age 10",
    ) in [(e.title, e.figure) for e in s.evidence]


# --- missing checks, manual statements, rules -------------------------------------------------


@pytest.mark.parametrize(
    ("check", "sid", "label"),
    [
        ("coverage", "1.11", "statutory coverage check (sendqa/coverage)"),
        ("feedback", "1.13", "feedback check (sendqa/feedback)"),
        ("plain-english", "1.15", "plain English check (sendqa/plain-english)"),
    ],
)
def test_a_check_that_did_not_run_leaves_the_statement_to_the_qa_lead(
    toolkit, rules, check, sid, label
) -> None:
    summaries = good_summaries()
    del summaries[check]
    result = run(toolkit, rules, summaries)
    s = statement(result, sid)
    assert s.score is None
    assert f"The {label} did not run in this build" in s.rationale
    assert "the QA lead must judge it" in s.rationale
    assert actions(result, sid) == []


def test_1_7_without_the_link_check_scores_from_freshness_and_says_so(toolkit, rules) -> None:
    summaries = overdue_summaries(in_date=15)
    summaries["links"] = None
    s = statement(run(toolkit, rules, summaries, facts_for(20, 5)), "1.7")
    assert s.score == 2
    assert "The link check (sendqa/links) did not run in this build" in s.rationale
    assert s.sources == ("freshness",)


def test_nothing_at_all_never_crashes(toolkit, rules) -> None:
    result = assess(toolkit, rules, Summaries(), [], TODAY)
    assert len(result.statements) == 16
    assert all(s.score is None for s in result.statements)
    assert result.actions == ()


def test_a_summary_of_another_shape_counts_as_not_run(toolkit, rules) -> None:
    summaries: dict[str, Any] = {
        "coverage": {"requirements": "oops", "pages": "many", "service_pages": None},
    }
    gathered = Summaries.gather(summaries)
    assert gathered.coverage is None and not gathered.ran("coverage")
    result = assess(toolkit, rules, gathered, PAGES, TODAY)
    assert len(result.statements) == 16
    assert "coverage" not in statement(result, "1.6").sources


def test_manual_statements_list_site_evidence_and_prompts(toolkit, rules) -> None:
    result = run(toolkit, rules, good_summaries())
    one = statement(result, "1.1")
    assert one.score is None
    assert ("services/far.md", "Service outside the area") in [
        (e.page, e.note) for e in one.evidence
    ]
    assert one.prompts[0].startswith("The list of out-of-area placements")
    twelve = statement(result, "1.12")
    notes = {e.page: e.note for e in twelve.evidence}
    assert notes["have-your-say/ysw-2026.md"] == (
        "Comments and the council's response ('You said, we did'), published 15 July 2026"
    )
    assert "A person must judge this statement." in twelve.rationale
    # A page the coverage check names but this build does not have is not cited.
    assert statement(result, "1.2").evidence == ()


def test_owned_by_adds_the_only_for_teams() -> None:
    assert owned_by("Health Team") == "the Health Team"
    assert owned_by("The Health Team") == "The Health Team"
    assert owned_by("Jane Smith") == "Jane Smith"


def test_target_date_and_responsibility_come_from_the_rules(toolkit, rules) -> None:
    text = (ROOT / "checks" / "scoring.yml").read_text(encoding="utf-8")
    text = text.replace("statutory: 1", "statutory: 6").replace(
        "default_responsibility: Local Offer manager",
        "default_responsibility: SEND Service Manager",
    )
    custom = parse_scoring_rules(load_yaml(text).data, Path("scoring.yml"))
    summaries = good_summaries()
    set_requirement(summaries, "feedback", "missing")
    row = actions(run(toolkit, custom, summaries), "1.11")[0]
    assert row[1:] == ("2027-06-01", "SEND Service Manager")


def test_thresholds_are_data(toolkit, rules) -> None:
    """Lowering the 1.7 'full' share to 0.7 turns 75% in date into a 3."""
    text = (ROOT / "checks" / "scoring.yml").read_text(encoding="utf-8")
    data = load_yaml(text).data
    data = copy.deepcopy(data)
    data["statements"]["1.7"]["in_date"]["full"] = 0.7
    custom = parse_scoring_rules(data, Path("scoring.yml"))
    s = statement(run(toolkit, custom, overdue_summaries(15), facts_for(20, 5)), "1.7")
    assert s.score == 3
    assert "fully met needs at least 70%" in s.rationale


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["statements"]["1.7"]["in_date"].update(full=1.5),
            "'1.7.in_date.full' must be from 0 to 1",
        ),
        (
            lambda d: d["statements"]["1.7"]["in_date"].update(partial=0.9, full=0.8),
            "is more than 'full'",
        ),
        (
            lambda d: d["statements"]["1.6"].update(combine="average"),
            "'1.6.combine' must be one of",
        ),
        (lambda d: d["statements"]["1.8"].pop("owners"), "statement '1.8' needs 'owners'"),
        (lambda d: d["statements"].pop("1.13"), "statement '1.13' has no rules"),
        (lambda d: d["statements"]["1.15"].update(colour=1), "unknown key 'colour'"),
        (
            lambda d: d["actions"]["priorities"].update(wording="soon"),
            "'actions.priorities.wording' must be a number",
        ),
        (
            lambda d: d["actions"].update(target_months=3),
            "'actions.target_months' is now set for each kind of action: use "
            "'actions.priorities' with months for statutory, overdue, broken-links, wording, "
            "other",
        ),
        (
            lambda d: d["actions"]["priorities"].pop("overdue"),
            "'actions.priorities' needs months for every kind of action; missing: overdue",
        ),
    ],
)
def test_bad_scoring_rules_give_one_clear_message(change, message) -> None:
    data = copy.deepcopy(load_yaml((ROOT / "checks" / "scoring.yml").read_text()).data)
    change(data)
    where = re.escape("Error reading rules file 'checks/scoring.yml'")
    with pytest.raises(RulesError, match=where) as info:
        parse_scoring_rules(data, Path("checks/scoring.yml"))
    assert message in str(info.value)


def test_statements_file_must_list_1_1_to_1_16() -> None:
    data = copy.deepcopy(load_yaml((ROOT / "checks" / "qa-statements.yml").read_text()).data)
    data["statements"].pop(3)
    with pytest.raises(RulesError, match=re.escape("must be 1.1 to 1.16 in order")):
        parse_toolkit(data, Path("qa-statements.yml"))


def test_services_by_requirement_counts_the_directory_by_kind() -> None:
    covers = {"childcare": ("childcare",), "health": ("health",), "travel": ("travel", "other")}
    kinds = {"childcare": 0, "health": 8, "travel": 1}  # no service of kind 'other'
    assert services_by_requirement(covers, kinds) == {"childcare": 0, "health": 8, "travel": 1}


def test_every_statement_needs_prompts_and_one_paragraph_still_reads() -> None:
    data = copy.deepcopy(load_yaml((ROOT / "checks" / "qa-statements.yml").read_text()).data)
    del data["statements"][4]["prompts"]
    with pytest.raises(RulesError, match=re.escape("statement '1.5' needs 'prompts'")):
        parse_toolkit(data, Path("qa-statements.yml"))
    data["statements"][4]["prompt"] = "Minutes of provider meetings."
    five = parse_toolkit(data, Path("qa-statements.yml")).statements[4]
    assert five.prompts == ("Minutes of provider meetings.",)


# --- evidence and the plan, as a QA lead submits them (issue 23) ----------------------------


def _with_urls(pages: list[PageFacts]) -> list[PageFacts]:
    """The pages as a build gives them: each with its URL and its summary (a required field)."""
    return [
        PageFacts(
            **{  # type: ignore[arg-type]
                **p.__dict__,
                "url": p.src.removesuffix(".md") + "/",
                "summary": p.summary or f"What {p.title} offers and how to get it.",
                "summary_line": p.summary_line or 3,
            }
        )
        for p in pages
    ]


def test_every_evidence_item_has_a_title_a_live_address_and_a_quote_or_figure(
    toolkit, rules
) -> None:
    summaries = good_summaries()
    for row in summaries["coverage"].requirements:
        page = row.pages[0]
        set_requirement(
            summaries,
            row.id,
            row.status,
            matches=(
                Match(page, "what", 9, "Ask us:"),
                Match(page, "how", 12, "Phone 01632 960 000 or email us to ask for help."),
            ),
        )
    result = assess(
        toolkit,
        rules,
        Summaries.gather(summaries),
        _with_urls(PAGES),
        TODAY,
        site_url="https://localoffer.example.org/",
    )
    cited = [e for s in result.statements for e in s.evidence if e.page]
    figures = [e for s in result.statements for e in s.evidence if not e.page]
    assert cited and figures
    for item in cited:
        assert item.title and item.url and item.url.startswith("https://localoffer.example.org/")
        assert item.quote
    for item in figures:
        assert item.title and item.figure
    six = statement(result, "1.6")
    iass = next(e for e in six.evidence if e.page == "advice/iass.md")
    assert iass.url == "https://localoffer.example.org/advice/iass/"
    # The whole sentence is quoted, not the lead-in before it.
    assert iass.quote == "Phone 01632 960 000 or email us to ask for help."
    assert iass.line == 12
    assert all(len(s.evidence) <= rules.evidence_pages + 4 for s in result.statements)


def test_no_page_is_cited_for_mentioning_a_word(toolkit, rules) -> None:
    """A page is evidence only for requirements it covers (or as a service outside the area, or
    a 'You said, we did' round): never for containing a keyword."""
    summaries = good_summaries()
    pages = [
        *PAGES,
        PageFacts(
            "funding.md",
            "Funding for schools and colleges",
            "Finance Team",
            summary="How schools and colleges are funded; tell us your views about symbols.",
        ),
    ]
    result = run(toolkit, rules, summaries, pages)
    for sid in ("1.3", "1.4", "1.5", "1.9", "1.10", "1.12", "1.14", "1.16"):
        assert "funding.md" not in [e.page for e in statement(result, sid).evidence], sid
    for s in result.statements:
        if s.score is None:
            assert s.prompts, s.id  # the evidence only the QA lead has


def test_1_7_is_never_fully_met_when_a_part_was_not_checked(toolkit, rules) -> None:
    summaries = good_summaries()
    summaries["links"] = replace(summaries["links"], external_checked=False, reason="switched off")
    s = statement(run(toolkit, rules, summaries), "1.7")
    assert s.score != 3 and s.provisional


def test_the_plan_runs_statutory_then_overdue_then_links_then_wording(toolkit, rules) -> None:
    summaries = overdue_summaries(in_date=17)
    set_requirement(summaries, "feedback", "missing")
    summaries["links"] = replace(
        summaries["links"], internal_broken=1, pages={"p10.md": PageLinkCounts(broken=1)}
    )
    plain = summaries["plain-english"]
    first = replace(plain.pages[0], words_to_avoid=1)
    summaries["plain-english"] = PlainEnglishSummary(
        (first, *plain.pages[1:]), replace(plain.totals, words_to_avoid=1)
    )
    result = run(toolkit, rules, summaries, facts_for(20, 3))
    rows = [(a.action.split(" ")[0], a.target_date.isoformat()) for a in result.actions]
    kinds = [word for word, _ in rows]
    # Statutory gaps first (a month), overdue pages longest first and broken links (two
    # months), then wording (three): each priority's date from checks/scoring.yml.
    assert rows[0][1] == STATUTORY
    first_review = kinds.index("Review")
    first_fix = kinds.index("Fix")
    first_wording = kinds.index("Replace")
    assert 0 < first_review < first_fix < first_wording
    assert all(date == SOON for word, date in rows if word in ("Review", "Fix"))
    assert all(date == TARGET for word, date in rows if word == "Replace")
    dates = [a.target_date for a in result.actions]
    assert dates == sorted(dates)
    overdue = [a.action for a in result.actions if a.action.startswith("Review")]
    months = [int(re.search(r"(\d+) months since", a).group(1)) for a in overdue]  # type: ignore[union-attr]
    assert months == sorted(months, reverse=True)
