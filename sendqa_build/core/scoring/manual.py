"""Evidence for the ten statements a person judges: pages by requirement, type and keyword."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from sendqa_build.core.scoring.context import Context
from sendqa_build.core.scoring.model import Evidence, PageFacts, normalise
from sendqa_build.core.scoring.rules import StatementDef
from sendqa_build.core.scoring.wording import join_and, long_date, plural

_LOOSE = {" ": r"\s+", "-": r"[-\s]?", "'": "'?"}
"""How ``keyword_pattern`` matches a space, hyphen or apostrophe of a keyword."""
_FLEXIBLE = re.compile(r"[ '-]+")
"""The characters of ``_LOOSE``; every other character of a keyword is matched as it is."""


def keyword_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for a list of words or phrases, forgiving about how editors write them.

    Spaces match any run of spaces; a hyphen may also be a space or nothing (``co-production``,
    ``co production``, ``coproduction``); an apostrophe may be left out (``young peoples``).
    """
    parts = []
    for word in sorted({normalise(w).strip() for w in words if w.strip()}, key=len, reverse=True):
        lead = _FLEXIBLE.split(word, 1)[0]
        rest = "".join(_LOOSE.get(char, re.escape(char)) for char in word[len(lead) :])
        if lead:
            # "Not after a letter or hyphen" is tested just after the keyword's first letters
            # (themselves no hyphen) instead of before them: the same test, but the regex
            # engine can then jump to those letters instead of trying every position.
            not_in_word = rf"(?<![\w-][\s\S]{{{len(lead)}}})"
            parts.append(re.escape(lead) + not_in_word + rest + r"(?![\w-])")
        else:
            parts.append(r"(?<![\w-])" + rest + r"(?![\w-])")
    return re.compile("|".join(parts)) if parts else None


@functools.lru_cache(maxsize=4096)
def _one_keyword(word: str) -> re.Pattern[str] | None:
    """``keyword_pattern`` of one word, compiled once per build rather than once per page."""
    return keyword_pattern([word])


def _keyword_evidence(
    pattern: re.Pattern[str], keywords: Sequence[str], page: PageFacts
) -> Evidence | None:
    """Which keywords the page mentions, and the first line that does."""
    if not pattern.search(page.searchable()):
        return None  # most pages mention none of the words: one search rules them out
    found: list[str] = []
    first: int | None = None
    canonical = {normalise(k): k for k in keywords}
    compiled = {k: _one_keyword(k) for k in canonical}
    for line, text in page.text_lines():
        plain = normalise(text)
        if not pattern.search(plain):
            continue
        first = first or line
        for key, single in compiled.items():
            if single is not None and single.search(plain) and canonical[key] not in found:
                found.append(canonical[key])
    if first is None:
        return None
    names = join_and([f"'{w}'" for w in found])
    return Evidence(page.src, f"mentions {names} (first at line {first})")


def keyword_evidence(keywords: Sequence[str], pages: Sequence[PageFacts]) -> list[Evidence]:
    """The pages that mention any of ``keywords``: which ones, and the first line, in page
    order."""
    pattern = keyword_pattern(keywords)
    if pattern is None:
        return []
    hits = (_keyword_evidence(pattern, keywords, page) for page in pages)
    return [hit for hit in hits if hit is not None]


def keyword_evidence_by_statement(
    statements: Sequence[StatementDef], pages: Sequence[PageFacts]
) -> dict[str, list[Evidence]]:
    """``keyword_evidence`` for every statement that has keywords, by statement id.

    Reading every page for every statement's keywords is most of the report's work on a large
    site, and needs only the sources: one call, so a second process can do it while the site
    renders.
    """
    return {
        statement.id: keyword_evidence(statement.evidence.keywords, pages)
        for statement in statements
        if statement.evidence.keywords
    }


def manual_evidence(
    ctx: Context, statement: StatementDef, keyword_hits: Sequence[Evidence] | None = None
) -> list[Evidence]:
    """Pages that support ``statement``: by requirement, page type and keyword.

    ``keyword_hits`` is the statement's ``keyword_evidence`` when it was worked out already.
    """
    sources = statement.evidence
    found: dict[str, list[str]] = {}

    def add(src: str, note: str) -> None:
        notes = found.setdefault(src, [])
        if note not in notes:
            notes.append(note)

    if sources.outside_area:
        for page in ctx.page_list:
            if page.page_type == "service" and page.area == "outside":
                add(page.src, "service outside the area")
    for req_id in sources.requirements:
        item = ctx.requirement(req_id)
        if item is not None:
            title = str(item.get("title") or req_id)
            for src in item.get("pages") or []:
                add(str(src), f"covers '{title}'")
        else:
            for page in ctx.page_list:
                if req_id in page.covers:
                    add(page.src, f"covers '{req_id}'")
    for page_type in sources.page_types:
        for page in ctx.page_list:
            if page.page_type == page_type:
                when = f" published {long_date(page.published_on)}" if page.published_on else ""
                add(page.src, f"'{page.title}'{when}")
    if keyword_hits is None:
        keyword_hits = keyword_evidence(sources.keywords, ctx.page_list)
    for hit in keyword_hits:
        if hit.page is not None:
            add(hit.page, hit.note)
    srcs = sorted(found)
    limit = ctx.rules.evidence_pages
    evidence = [Evidence(src, "; ".join(found[src])) for src in srcs[:limit]]
    if len(srcs) > limit:
        evidence.append(
            Evidence(None, f"{plural(len(srcs) - limit, 'more page')} also match; see the site")
        )
    return evidence
