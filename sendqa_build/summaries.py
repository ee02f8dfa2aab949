"""What each check tells the QA report: one frozen dataclass per check's summary.

The plugins make them, ``core/scoring`` reads their fields (typed: dates are ``date``, counts
``int``), and they become JSON only when a report file is written (``to_json``). ARCHITECTURE.md
("Summaries for the QA report") points here: these classes are the reference for the keys.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


def to_json(value: Any) -> Any:
    """A summary (or any part of one) as JSON-ready values: fields in their declared order,
    dates as ``YYYY-MM-DD``, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_json(item) for key, item in value.items()}
    return value


# -- sendqa/freshness (statement 1.7) ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageReviewRow:
    """One page's review dates and status."""

    page: str
    url: str
    title: str
    owner: str | None
    last_reviewed_on: dt.date | None
    review_by: dt.date | None
    status: str
    """``ok``, ``due-soon``, ``overdue`` or ``unknown`` (no valid date or period)."""


@dataclass(frozen=True, slots=True)
class FreshnessSummary:
    """Every page's review status, and the counts statement 1.7 is scored on."""

    pages: tuple[PageReviewRow, ...]
    total: int
    in_date: int
    """Pages ``ok`` or ``due-soon``."""
    overdue: int
    due_soon: int
    unknown: int
    """Pages without a valid review date: counted in ``total``, not in date."""
    share_in_date: float
    """``in_date / total`` (0..1, four decimals; 0.0 for a site without pages)."""


# -- sendqa/feedback (statements 1.11 and 1.13) -------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeedbackRound:
    """One "You said, we did" round: its page, when it was published, how it was answered."""

    page: str
    published_on: dt.date
    responses: int
    without_response: int


@dataclass(frozen=True, slots=True)
class FeedbackSummary:
    """The published rounds (newest first) and what the feedback check counted."""

    rounds: tuple[FeedbackRound, ...]
    newest_published_on: dt.date | None
    personal_data: int
    """Published comments that could identify someone."""
    feedback_pages: tuple[str, ...]
    """Pages about giving feedback (``covers: [feedback]``)."""


# -- sendqa/plain-english (statement 1.15) -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlainPage:
    """One page's plain English figures (silenced findings do not count)."""

    page: str
    reading_age: float | None
    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None
    long_sentences: int
    unexplained_acronyms: int
    unknown_acronyms: int
    words_to_avoid: int
    passes: bool
    """No unexplained acronym, no word to avoid, no hard page, long sentences within limits."""
    measured: bool = True
    """The page had enough words to measure (only those count towards the median)."""


@dataclass(frozen=True, slots=True)
class PlainTotals:
    """The site's plain English figures."""

    pages: int
    pages_passing: int
    unexplained_acronyms: int
    unknown_acronyms: int
    words_to_avoid: int
    long_sentences: int
    median_reading_age: float | None


@dataclass(frozen=True, slots=True)
class PlainEnglishSummary:
    """Each page (in path order) and the totals."""

    pages: tuple[PlainPage, ...]
    totals: PlainTotals


# -- sendqa/links (statement 1.7) -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExternalLinkCounts:
    """Distinct external addresses, by what checking them found."""

    unique: int
    ok: int
    broken: int
    unverified: int
    redirected: int


@dataclass(frozen=True, slots=True)
class BrokenInternalLink:
    """Where a broken link between pages leads: a docs path or a site path."""

    page: str
    line: int | None
    target: str


@dataclass(frozen=True, slots=True)
class PageLinkCounts:
    """A page's broken and unverified links."""

    broken: int = 0
    unverified: int = 0


@dataclass(frozen=True, slots=True)
class LinksSummary:
    """What the link check found, for the whole site and for each page."""

    external_checked: bool
    reason: str | None
    """Why external links were not checked (None when they were)."""
    external: ExternalLinkCounts
    internal_broken: int
    internal: tuple[BrokenInternalLink, ...]
    """Each broken link between pages, in page then line order."""
    pages: dict[str, PageLinkCounts]
    """Every page by path, in path order."""


# -- sendqa/coverage (statements 1.6 and 1.8, and each requirement's statement) ---------------


@dataclass(frozen=True, slots=True)
class Match:
    """Evidence: the heading or sentence that made a page satisfy a ``must_contain`` item, so a
    QA lead can see a wrong match (``core.coverage.Match``)."""

    page: str
    """The page's path under ``content/``."""
    item: str
    """The item's name (``how to complain``)."""
    line: int
    """File line of the heading or sentence."""
    text: str
    """The heading or sentence as the reader sees it, plain text, at most about 300 characters."""


@dataclass(frozen=True, slots=True)
class RequirementRow:
    """One row of the coverage matrix: a requirement of ``checks/requirements.yml`` and how the
    site covers it."""

    id: str
    title: str
    basis: str
    level: str
    """``must`` or ``should``."""
    statements: tuple[str, ...]
    status: str
    """``covered``, ``thin`` or ``missing``."""
    pages: tuple[str, ...]
    """Pages that cover it (claiming it in ``covers`` or counting by their front matter)."""
    missing: tuple[str, ...]
    """What is missing; ``what (page.md)`` for a page's own gap."""
    thin_pages: tuple[str, ...]
    """Pages that claim it but lack something, even when another page covers it fully."""
    matches: tuple[Match, ...]
    """For each item a covering page satisfies, the heading or sentence that counted, in page
    then line order."""


@dataclass(frozen=True, slots=True)
class ServiceCounts:
    """Counts for statements 1.6 (eligibility) and 1.8 (who decides) and page ownership."""

    service_pages: int
    service_pages_with_eligibility: int
    service_pages_needing_decision: int
    service_pages_with_decided_by: int
    """Only services that need a decision: a share of ``service_pages_needing_decision``."""
    pages_with_owner: int
    pages: int
    services_without_decided_by: tuple[str, ...]
    """Services that need a decision but do not say who decides."""


@dataclass(frozen=True, slots=True)
class CoverageSummary:
    """The coverage matrix and the counts."""

    requirements: tuple[RequirementRow, ...]
    counts: ServiceCounts

    def requirement(self, req_id: str) -> RequirementRow | None:
        """The row of that requirement, None when the catalogue has none."""
        return next((row for row in self.requirements if row.id == req_id), None)


# -- sendqa/browse (services by kind for the coverage matrix) -----------------------------------


@dataclass(frozen=True, slots=True)
class BrowseSummary:
    """What the browse check built and found."""

    services: int
    browse_pages: tuple[str, ...]
    groups: dict[str, dict[str, int]]
    """Services in each group, by dimension (``age``, ``need``, ``kind``) then group id."""
    services_without_kind: int
    structure_problems: int


# -- Every check's summary, as the report gathers them -----------------------------------------


@dataclass(frozen=True, slots=True)
class Summaries:
    """The summaries of the checks that ran in this build (None: the check did not run)."""

    coverage: CoverageSummary | None = None
    freshness: FreshnessSummary | None = None
    plain_english: PlainEnglishSummary | None = None
    links: LinksSummary | None = None
    feedback: FeedbackSummary | None = None
    browse: BrowseSummary | None = None

    @classmethod
    def gather(cls, by_check: Mapping[str, object]) -> Summaries:
        """From each plugin's ``summary`` by check name (an empty or missing one: the check did
        not run)."""
        freshness = by_check.get("freshness")
        feedback = by_check.get("feedback")
        links = by_check.get("links")
        plain = by_check.get("plain-english")
        coverage = by_check.get("coverage")
        browse = by_check.get("browse")
        return cls(
            coverage=coverage if isinstance(coverage, CoverageSummary) else None,
            freshness=freshness if isinstance(freshness, FreshnessSummary) else None,
            plain_english=plain if isinstance(plain, PlainEnglishSummary) else None,
            links=links if isinstance(links, LinksSummary) else None,
            feedback=feedback if isinstance(feedback, FeedbackSummary) else None,
            browse=browse if isinstance(browse, BrowseSummary) else None,
        )

    def ran(self, check: str) -> bool:
        """Whether the check of that name (``plain-english``...) ran in this build."""
        values: dict[str, object] = {
            "coverage": self.coverage,
            "freshness": self.freshness,
            "plain-english": self.plain_english,
            "links": self.links,
            "feedback": self.feedback,
            "browse": self.browse,
        }
        return values.get(check) is not None
