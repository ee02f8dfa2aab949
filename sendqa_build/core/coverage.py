"""Statutory coverage: does the Local Offer contain every part the law asks for?

Pages say what they cover with ``covers:``; this module checks that each requirement in the
catalogue is covered, that each page claiming a requirement really contains what the catalogue
says such a page must contain, and that pages have the headings their type requires. It also
builds the coverage matrix and the service-page counts the QA report scores statements 1.6 and
1.8 from.

Editors write as they write: headings vary, text is pasted from Word with curly quotes and
non-breaking spaces, words are bold or linked. Text is normalised before any pattern is tried, so
the catalogue's patterns can stay simple.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sendqa_build.core.frontmatter import PageTypes
from sendqa_build.core.prose import without_comments
from sendqa_build.core.requirements import Catalogue, ContentRule, Requirement
from sendqa_build.core.site import numbered_lines
from sendqa_build.models import Finding, Severity

CHECK = "coverage"

# ---------------------------------------------------------------------------------------------
# Normalising text

_CHARS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u00ad": "",
        "\u200b": "",
        "*": "",
    }
)
# Linear in the line's length (issue 27): no run scanned again from each of its characters.
_IMAGE_OR_LINK = re.compile(r"!?\[([^\[\]]*)\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\[\]]*\])")
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_UNDERSCORE = re.compile(r"(?<!\w)_+|(?<!_)_+(?!\w)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_ATTRS = re.compile(r"(?<!\s)\s*\{[:#.][^{}]*\}\s*$")


def normalise(text: str) -> str:
    """Plain, single-spaced text: curly quotes straightened, Markdown emphasis, links, tags and
    HTML entities reduced to their words, every run of whitespace one space."""
    # Each pattern needs its first character in the text; testing for that first is much
    # quicker than a search that finds nothing (the underscore pattern tries every position).
    text = html.unescape(text)
    if "[" in text:
        text = _IMAGE_OR_LINK.sub(r"\1", text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    text = unicodedata.normalize("NFKC", text).translate(_CHARS)
    if "_" in text:
        text = _UNDERSCORE.sub("", text)
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------
# Reading a page's headings and prose

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_ATX_CLOSE = re.compile(r"(?:^|(?<![ \t])[ \t]+)#+[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_NOT_PARAGRAPH = re.compile(r"^( {4,}|\t| {0,3}([-*+]|\d+[.)])(\s|$)| {0,3}[>|#<])")


@dataclass(frozen=True)
class Heading:
    """A heading of a page's body, with the file line it is on."""

    line: int
    level: int
    text: str
    """Normalised text (see :func:`normalise`)."""


def _visible_lines(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """Body lines outside fenced code and HTML comments (comments become blank lines)."""
    fence = ""
    in_comment = False
    for number, text in lines:
        if fence:
            if text.strip().startswith(fence) and not text.strip().strip(fence[0]):
                fence = ""
            continue
        if in_comment:
            if "-->" in text:
                in_comment = False
                yield number, text.split("-->", 1)[1]
            continue
        opened = _FENCE.match(text)
        if opened:
            fence = opened.group(1)
            continue
        if "<!--" in text:
            text = without_comments(text)
        if "<!--" in text:
            in_comment = True
            text = text.split("<!--", 1)[0]
        yield number, text


def read_headings(lines: Iterable[tuple[int, str]]) -> list[Heading]:
    """The ATX (``## Text``) and setext (``Text`` over ``===`` or ``---``) headings of a body,
    ignoring fenced code and HTML comments.

    Args:
        lines: ``(file line, text)`` pairs, as ``PageRecord.body_lines()`` gives them.
    """
    return _headings(_visible_lines(lines))


def _headings(visible: Iterable[tuple[int, str]]) -> list[Heading]:
    """``read_headings`` of lines already passed through ``_visible_lines``."""
    headings: list[Heading] = []
    paragraph: list[tuple[int, str]] = []
    for number, text in visible:
        atx = _ATX.match(text)
        if atx:
            title = _ATTRS.sub("", _ATX_CLOSE.sub("", atx.group(2) or ""))
            headings.append(Heading(number, len(atx.group(1)), normalise(title)))
            paragraph = []
            continue
        setext = _SETEXT.match(text)
        if setext and paragraph:
            title = _ATTRS.sub("", " ".join(t for _, t in paragraph))
            level = 1 if setext.group(1).startswith("=") else 2
            headings.append(Heading(paragraph[0][0], level, normalise(title)))
            paragraph = []
            continue
        if not text.strip() or _NOT_PARAGRAPH.match(text):
            paragraph = []
        else:
            paragraph.append((number, text))
    return headings


def _meta_text(value: Any) -> Iterator[str]:
    """Every piece of text in a front matter value (nested lists and mappings included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _meta_text(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _meta_text(item)


_META_SKIP = {"type", "covers", "id", "owner", "review_in", "reviewed_by", "sendqa", "template"}


@dataclass(frozen=True)
class PageFacts:
    """What coverage needs to know about one page."""

    src: str
    page_type: str
    meta: Mapping[str, Any]
    text: str
    """Normalised title, summary, other front matter text and body prose."""
    headings: tuple[Heading, ...]
    covers: tuple[str, ...] = ()
    covers_line: int = 1
    """File line of the ``covers`` field (1 when unknown)."""
    body_line: int = 1
    """File line on which the body starts."""


def page_facts(
    src: str,
    meta: Mapping[str, Any],
    body_lines: Iterable[tuple[int, str]],
    *,
    covers_line: int = 1,
    body_line: int = 1,
) -> PageFacts:
    """Gather a page's searchable text and headings from its checked front matter and body."""
    visible = list(_visible_lines(body_lines))
    headings = _headings(visible)
    prose = [text for _, text in visible]
    front = [t for key, v in meta.items() if key not in _META_SKIP for t in _meta_text(v)]
    covers = meta.get("covers") or []
    return PageFacts(
        src=src,
        page_type=str(meta.get("type", "guide")),
        meta=meta,
        text=normalise("\n".join([*front, *prose])),
        headings=tuple(headings),
        covers=tuple(str(c) for c in covers),
        covers_line=covers_line,
        body_line=body_line,
    )


# ---------------------------------------------------------------------------------------------
# Checking coverage


@dataclass
class RequirementStatus:
    """One row of the coverage matrix."""

    requirement: Requirement
    status: str
    """``covered``, ``thin`` or ``missing``."""
    pages: list[str] = field(default_factory=list)
    """Pages that cover it: those claiming it in ``covers`` and those that count by their
    front matter (such as service pages with ``area: outside``)."""
    missing: list[str] = field(default_factory=list)
    """Why it is thin: items no covering page has, and ``item (page)`` for each gap of a page
    claiming it (empty when covered or missing)."""
    thin_pages: list[str] = field(default_factory=list)
    """Pages that claim it but lack something, even when another page covers it fully."""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready row (ARCHITECTURE.md, ``coverage`` summary)."""
        req = self.requirement
        return {
            "id": req.id,
            "title": req.title,
            "basis": req.basis,
            "level": req.level,
            "statements": list(req.statements),
            "status": self.status,
            "pages": list(self.pages),
            "missing": list(self.missing),
            "thin_pages": list(self.thin_pages),
        }


@dataclass
class CoverageResult:
    """Findings, the coverage matrix and the counts for the QA report."""

    findings: list[Finding]
    matrix: list[RequirementStatus]
    counts: dict[str, Any]

    def summary(self) -> dict[str, Any]:
        """The ``coverage`` summary the QA report reads (keys fixed in ARCHITECTURE.md)."""
        return {"requirements": [row.as_dict() for row in self.matrix], **self.counts}


def has_item(page: PageFacts, rule: ContentRule, area: str | None = None) -> bool:
    """True when the page contains what the ``must_contain`` item asks for."""
    terms, headings = rule.compiled(area)
    if any(p.search(page.text) for p in terms):
        return True
    return any(p.search(h.text) for p in headings for h in page.headings)


def _names(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    quoted = [f"'{i}'" for i in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _level(req: Requirement, guidance: Severity) -> Severity:
    return Severity.WARNING if req.duty else guidance


def _kind(req: Requirement) -> str:
    return "a duty" if req.duty else "guidance"


def check_requirement(
    req: Requirement,
    pages: Sequence[PageFacts],
    *,
    guidance: Severity = Severity.INFO,
    area: str | None = None,
) -> tuple[RequirementStatus, list[Finding]]:
    """Status of one requirement over the site, and the findings about it."""
    claiming = [p for p in pages if req.id in p.covers]
    # By identity: comparing whole pages (text included) with each claiming page was slow, and
    # a page equal to a claiming one has the same 'covers', so it is claiming too.
    claimed = {id(p) for p in claiming}
    implicit = [p for p in pages if id(p) not in claimed and req.covered_implicitly_by(p.meta)]
    row = RequirementStatus(req, "missing", pages=sorted(p.src for p in [*claiming, *implicit]))
    severity = _level(req, guidance)
    if not row.pages:
        message = (
            f"no page covers '{req.id}' ({req.title}), {_kind(req)} under {req.basis}"
            if req.basis
            else f"no page covers '{req.id}' ({req.title})"
        )
        fix = f"write a page about it and add '{req.id}' to 'covers' in its front matter"
        return row, [Finding(CHECK, None, None, severity, message, fix)]
    findings = []
    every = [r for r in req.must_contain if r.scope == "every-page"]
    complete = bool(implicit)
    for page in claiming:
        lacking = [r.name for r in every if not has_item(page, r, area)]
        if not lacking:
            complete = True
            continue
        row.thin_pages.append(page.src)
        row.missing.extend(f"{name} ({page.src})" for name in lacking)
        findings.append(
            Finding(
                CHECK,
                page.src,
                page.covers_line,
                severity,
                f"the page claims to cover '{req.id}' ({req.title}) but does not explain "
                f"{_names(lacking)}",
                f"add {'it' if len(lacking) == 1 else 'them'} to the page, or take '{req.id}' "
                "out of 'covers'",
            )
        )
    for rule in (r for r in req.must_contain if r.scope == "any-page"):
        if implicit or any(has_item(p, rule, area) for p in claiming):
            continue
        complete = False
        row.missing.append(rule.name)
        findings.append(
            Finding(
                CHECK,
                None,
                None,
                severity,
                f"no page covering '{req.id}' ({req.title}) explains '{rule.name}' "
                f"(pages: {', '.join(p.src for p in claiming)})",
                f"add it to one of these pages or to another page that covers '{req.id}'",
            )
        )
    row.status = "covered" if complete else "thin"
    if complete:
        row.missing = []  # a thin page does not make a fully covered requirement thin
    return row, findings


def check_headings(page: PageFacts, rules: PageTypes) -> list[Finding]:
    """Findings for headings the page's type requires but the page lacks.

    Closed services are exempt: their page only needs to say the service has closed.
    """
    spec = rules.types.get(page.page_type)
    if spec is None or page.meta.get("status") == "closed":
        return []
    findings = []
    for rule in spec.headings:
        if any(rule.matches(h.text) for h in page.headings):
            continue
        findings.append(
            Finding(
                CHECK,
                page.src,
                page.body_line,
                Severity.WARNING,
                f"{page.page_type} pages need a heading '{rule.name}', and this page has none",
                f"add a heading such as '## {rule.name}' with that information under it",
            )
        )
    return findings


def needs_decision(page: PageFacts, catalogue: Catalogue) -> bool:
    """True when a service's eligibility or how_to_access says someone decides who gets it."""
    text = normalise(
        " ".join(str(page.meta.get(k) or "") for k in ("eligibility", "how_to_access"))
    )
    for phrase in catalogue.not_decision_phrases:
        text = re.sub(phrase, " ", text, flags=re.IGNORECASE)
    return any(re.search(p, text, re.IGNORECASE) for p in catalogue.decision_words)


def service_counts(pages: Sequence[PageFacts], catalogue: Catalogue) -> dict[str, Any]:
    """Counts for statements 1.6 (eligibility) and 1.8 (who decides) and page ownership.

    ``service_pages_with_decided_by`` counts only services that need a decision, so it can be
    read as a share of ``service_pages_needing_decision``; the services that need one but do
    not say who decides are listed for the report's evidence and actions.
    """
    services = [p for p in pages if p.page_type == "service"]
    deciding = [p for p in services if needs_decision(p, catalogue)]
    return {
        "service_pages": len(services),
        "service_pages_with_eligibility": sum(1 for p in services if _filled(p, "eligibility")),
        "service_pages_needing_decision": len(deciding),
        "service_pages_with_decided_by": sum(1 for p in deciding if _filled(p, "decided_by")),
        "pages_with_owner": sum(1 for p in pages if _filled(p, "owner")),
        "pages": len(pages),
        "services_without_decided_by": [p.src for p in deciding if not _filled(p, "decided_by")],
    }


def _filled(page: PageFacts, key: str) -> bool:
    value = page.meta.get(key)
    return isinstance(value, str) and bool(value.strip())


def check_coverage(
    pages: Sequence[PageFacts],
    catalogue: Catalogue,
    rules: PageTypes,
    *,
    guidance: Severity = Severity.INFO,
    area: str | None = None,
) -> CoverageResult:
    """Check the whole site's coverage.

    Args:
        pages: every page of the site.
        catalogue: the requirement catalogue.
        rules: the page-type rules (for required headings).
        guidance: the level for guidance (``should``) items.
        area: the council's area name, for patterns that use ``{area}``.
    """
    findings: list[Finding] = []
    matrix = []
    for req in catalogue.requirements:
        row, found = check_requirement(req, pages, guidance=guidance, area=area)
        matrix.append(row)
        findings.extend(found)
    for page in pages:
        findings.extend(check_headings(page, rules))
    return CoverageResult(findings, matrix, service_counts(pages, catalogue))


SourcePage = tuple[str, Mapping[str, Any], str, int, int]
"""What ``coverage_of`` needs of a page: ``(src, meta, body, covers line, body line)``."""


def coverage_of(
    sources: Sequence[SourcePage],
    catalogue: Catalogue,
    rules: PageTypes,
    guidance: Severity = Severity.INFO,
    area: str | None = None,
) -> CoverageResult:
    """``check_coverage`` from each page's source: one call, so the whole site can be checked in
    a second process (``sendqa_build/background.py``) while MkDocs renders it."""
    pages = [
        page_facts(
            src,
            meta,
            numbered_lines(body, body_line),
            covers_line=covers_line,
            body_line=body_line,
        )
        for src, meta, body, covers_line, body_line in sources
    ]
    return check_coverage(pages, catalogue, rules, guidance=guidance, area=area)
