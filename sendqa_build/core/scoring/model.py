"""What the scoring reads about pages and what it gives back: statements, evidence, actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sendqa_build.core.site import SiteIndex

SCORE_WORDS = {3: "fully met", 2: "partially met", 1: "not met"}


@dataclass(frozen=True)
class PageFacts:
    """What the report needs to know about one page (from the site index)."""

    src: str
    title: str
    owner: str | None = None
    page_type: str = "guide"
    covers: tuple[str, ...] = ()
    area: str | None = None
    has_eligibility: bool = False
    has_decided_by: bool = False
    published_on: dt.date | None = None
    url: str = ""
    """The page's site-relative URL."""
    summary: str = ""
    summary_line: int | None = None


def facts_from_index(index: SiteIndex) -> list[PageFacts]:
    """PageFacts for every page of the site, in path order."""
    facts = []
    for record in index:
        meta = record.meta
        published = meta.get("published_on")
        raw_summary = meta.get("summary")
        summary = raw_summary if isinstance(raw_summary, str) else ""
        facts.append(
            PageFacts(
                src=record.src,
                title=record.title,
                owner=record.owner,
                page_type=record.page_type,
                covers=tuple(str(c) for c in record.covers),
                area=meta.get("area") if isinstance(meta.get("area"), str) else None,
                has_eligibility=_filled(meta.get("eligibility")),
                has_decided_by=_filled(meta.get("decided_by")),
                published_on=published if isinstance(published, dt.date) else None,
                url=record.url,
                summary=" ".join(summary.split()),
                summary_line=record.result.line_of("summary") if summary else None,
            )
        )
    return facts


def _filled(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


@dataclass(frozen=True)
class Evidence:
    """One item a QA lead could cite: a page (its title, live address and the sentence that
    answers the statement) or a figure of the whole site (``page`` None, ``figure`` set).

    ``note`` says in plain words what the item shows; ``page`` and ``line`` are for machines
    (the path under the docs folder and the file line of ``quote``)."""

    page: str | None
    note: str
    title: str = ""
    url: str | None = None
    """The page's live address (``site_url`` + its URL), or its site-relative URL without one."""
    quote: str = ""
    """The sentence or heading of the page that answers the statement, as written."""
    line: int | None = None
    figure: str = ""
    """For a figure of the whole site: the figure itself (``40 of 42 pages (95%)``)."""

    def as_dict(self) -> dict[str, Any]:
        """JSON form (contract section 6, plus title, url, quote, line and figure)."""
        return {
            "page": self.page,
            "note": self.note,
            "title": self.title,
            "url": self.url,
            "quote": self.quote or None,
            "line": self.line,
            "figure": self.figure or None,
        }


PRIORITIES = ("statutory", "overdue", "broken-links", "wording", "other")
"""Kinds of action, most urgent first: the action plan is ordered by them, and each has its own
target date (``actions.priorities`` in ``checks/scoring.yml``)."""


@dataclass(frozen=True)
class Action:
    """One row of the action plan: one root cause, worded for the return (``action``), with
    what an editor does about it (``fix``) for the report's "How to fix" part."""

    statement: str
    action: str
    target_date: dt.date
    responsibility: str
    pages: tuple[str, ...] = ()
    priority: str = "other"
    fix: str = ""
    weight: int = 0
    """Order within a priority: larger first (days overdue, broken links)."""

    def as_dict(self) -> dict[str, Any]:
        """JSON form (contract section 6, plus priority, fix and the pages concerned)."""
        return {
            "statement": self.statement,
            "action": self.action,
            "target_date": self.target_date.isoformat(),
            "responsibility": self.responsibility,
            "priority": self.priority,
            "fix": self.fix or None,
            "pages": list(self.pages),
        }


@dataclass(frozen=True)
class Criterion:
    """One thing a statement is judged on, with its score (None: could not be judged)."""

    name: str
    score: int | None
    sentence: str
    figure: str = ""
    """The figure behind the score, listed as the statement's evidence."""
    unchecked: str = ""
    """Why this part could not be (fully) checked in this build; such a part is never fully
    met, and makes the statement provisional."""
    title: str = ""
    """What the criterion measures, in a few words (the figure's label as evidence)."""


@dataclass(frozen=True)
class StatementResult:
    """A statement as the report shows it."""

    id: str
    text: str
    auto: bool
    score: int | None
    rationale: str
    evidence: tuple[Evidence, ...]
    prompt: str = ""
    criteria: tuple[Criterion, ...] = ()
    sources: tuple[str, ...] = ()
    """The checks whose results were used."""
    conclusion: str = ""
    """The rationale's last sentence: the score and why."""
    prompts: tuple[str, ...] = ()
    """The evidence only the QA lead has, to add before submitting."""
    provisional: tuple[str, ...] = ()
    """Why the score is provisional: the parts this build could not check."""
    more_evidence: int = 0
    """Pages that also support the statement but are not listed (only a handful are)."""

    def as_dict(self) -> dict[str, Any]:
        """JSON form (contract section 6, plus the prompt, criteria and checks used)."""
        return {
            "id": self.id,
            "text": self.text,
            "auto": self.auto,
            "score": self.score,
            "score_label": SCORE_WORDS.get(self.score or 0),
            "rationale": self.rationale,
            "evidence": [e.as_dict() for e in self.evidence],
            "prompt": self.prompt or None,
            "prompts": list(self.prompts),
            "provisional": bool(self.provisional),
            "provisional_reasons": list(self.provisional),
            "more_evidence": self.more_evidence,
            "criteria": [
                {
                    "name": c.name,
                    "score": c.score,
                    "explanation": c.sentence,
                    "figure": c.figure or None,
                    "unchecked": c.unchecked or None,
                }
                for c in self.criteria
            ],
            "checks_used": list(self.sources),
            "conclusion": self.conclusion or None,
        }


@dataclass(frozen=True)
class Assessment:
    """Every statement and the action plan."""

    statements: tuple[StatementResult, ...]
    actions: tuple[Action, ...]
