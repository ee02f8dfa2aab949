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

import functools
import html
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sendqa_build.core.frontmatter import PageTypes
from sendqa_build.core.prose import without_comments
from sendqa_build.core.requirements import Catalogue, ContentRule, Requirement
from sendqa_build.core.site import numbered_lines
from sendqa_build.models import Finding, Severity
from sendqa_build.pagecache import PageCache, digest
from sendqa_build.summaries import (
    CoverageSummary,
    Match,
    RequirementRow,
    ServiceCounts,
)

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


_LIST_ITEM = re.compile(
    r"^\s{0,3}(?:[-*+\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u2013\uf0b7]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+"
)
_TABLE_RULE = re.compile(r"^[\s|:+-]+$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_LINK_TARGET = re.compile(r"!?\[[^\]]*\]\((?!tel:|mailto:)[^)]*\)|<https?://[^>]*>")
_NAVIGATION = re.compile(
    r"\b(see( also)?|related( pages| links| information)?|read more( about)?|find out more"
    r"( about)?|more (information|details)( about| on)?|for more (information|details),?( see)?|"
    r"go to|visit|back to|next|previous|links?|pages?)\b|[\W_]",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"\b(e\.g|i\.e|etc|dr|mr|mrs|ms|st|no|approx|tel|incl|cf|vs)\.$", re.IGNORECASE
)
_SHOWN_FIELDS = {"how_to_access": "How to get it"}
"""Service fields the theme shows on the page under these labels (``at-a-glance.html``): what
they say is page text. Other front matter (title, summary, contact) never counts as an answer."""
EVIDENCE_CHARS = 300


@dataclass(frozen=True)
class Unit:
    """A heading or a sentence of a page, as coverage reads it."""

    line: int
    text: str
    """Normalised text (see :func:`normalise`)."""
    heading: bool = False
    context: tuple[str, ...] = ()
    """What the reader has in mind reading it: the headings above it, the line introducing a
    list or table ("To apply:") and the sentence before it. Not the page title: a title says
    what the page should be about, not what it says ("Complaints" is not how to complain)."""
    has_body: bool = True
    """For a heading: its section has text (an empty section answers nothing)."""


def _navigation_only(raw: str) -> bool:
    """True for lines that only point elsewhere ("See also: [Mediation](mediation.md)"): a
    link to another page does not explain anything on this one."""
    if not _LINK_TARGET.search(raw):
        return False
    return not _NAVIGATION.sub("", _LINK_TARGET.sub("", raw)).strip()


def _sentences(block: list[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """The sentences of a paragraph, list item or table row, each with its file line."""
    if _navigation_only(" ".join(t for _, t in block)):
        return
    starts: list[tuple[int, int]] = []
    parts: list[str] = []
    length = 0
    for number, raw in block:
        text = normalise(raw)
        if not text:
            continue
        starts.append((length, number))
        parts.append(text)
        length += len(text) + 1
    if not parts:
        return
    joined = " ".join(parts)
    pieces: list[str] = []
    for piece in _SENTENCE_END.split(joined):
        if pieces and _ABBREVIATION.search(pieces[-1]):
            pieces[-1] = f"{pieces[-1]} {piece}"  # "e.g. Easy Read" is one sentence
        else:
            pieces.append(piece)
    position = 0
    for piece in pieces:
        offset = joined.find(piece, position)
        position = offset + len(piece)
        line = next(n for o, n in reversed(starts) if o <= max(offset, 0))
        if piece.strip():
            yield line, piece.strip()


class _Reader:
    """Turns a body into headings and sentences with their context, in file order."""

    def __init__(self) -> None:
        self.units: list[Unit] = []
        self.levels: list[int] = []  # heading level of each unit (0: a sentence)
        self.stack: list[tuple[int, str]] = []
        self.block: list[tuple[int, str]] = []
        self.block_kind = ""
        self.lead = ""
        self.table_head = ""
        self.last_kind = ""

    def context(self, *extra: str) -> tuple[str, ...]:
        found = [*(t for _, t in self.stack), *extra]
        return tuple(t for t in found if t)

    def heading(self, line: int, level: int, text: str) -> None:
        self.flush()
        self.lead = self.table_head = ""
        parents = [t for lv, t in self.stack if lv < level]
        self.units.append(Unit(line, text, True, tuple(parents)))
        self.levels.append(level)
        self.stack = [(lv, t) for lv, t in self.stack if lv < level] + [(level, text)]

    def flush(self) -> None:
        if not self.block:
            return
        block, kind = self.block, self.block_kind
        self.block, self.block_kind = [], ""
        lead = self.lead if kind in ("item", "row") else ""
        if kind == "row" and self.table_head:
            lead = " ".join(t for t in (lead, self.table_head) if t)
        previous = ""
        for line, sentence in _sentences(block):
            self.units.append(Unit(line, sentence, False, self.context(lead, previous)))
            self.levels.append(0)
            previous = sentence
        if kind == "para":
            self.table_head = ""
            self.lead = previous if previous.endswith(":") else ""

    def add(self, line: int, text: str, kind: str) -> None:
        if kind != "more":
            self.flush()
            if kind != self.last_kind:
                # "To apply:" introduces the list or table right after it, not the next one.
                self.lead = self.lead if self.last_kind == "para" else ""
            self.block_kind = self.last_kind = kind
        self.block.append((line, text))

    def finish(self) -> list[Unit]:
        self.flush()
        units = self.units
        for i, unit in enumerate(units):
            if unit.heading:
                level = self.levels[i]
                body = False
                for j in range(i + 1, len(units)):
                    if self.levels[j] == 0:
                        body = True
                        break
                    if self.levels[j] <= level:
                        break
                if not body:
                    units[i] = replace(unit, has_body=False)
        return units


def read_units(
    visible: Iterable[tuple[int, str]], shown: Iterable[tuple[int, str, str]] = ()
) -> list[Unit]:
    """The headings and sentences of a body (lines already past ``_visible_lines``): paragraphs,
    list items (numbered steps too, and bullets pasted from Word) and table rows.

    Args:
        visible: ``(file line, text)`` pairs.
        shown: ``(file line, label, text)`` of front matter fields the page shows as text.
    """
    reader = _Reader()
    for line, label, text in shown:
        if normalise(text):
            reader.units.append(Unit(line, normalise(text), False, reader.context(label)))
            reader.levels.append(0)
    for number, text in visible:
        atx = _ATX.match(text)
        if atx:
            title_text = _ATTRS.sub("", _ATX_CLOSE.sub("", atx.group(2) or ""))
            reader.heading(number, len(atx.group(1)), normalise(title_text))
            continue
        setext = _SETEXT.match(text)
        if setext and reader.block_kind == "para" and reader.block:
            block = reader.block
            reader.block, reader.block_kind = [], ""
            level = 1 if setext.group(1).startswith("=") else 2
            heading = _ATTRS.sub("", " ".join(t for _, t in block))
            reader.heading(block[0][0], level, normalise(heading))
            continue
        if not text.strip():
            reader.flush()
            continue
        quoted = _QUOTE.sub("", text)
        if quoted.lstrip().startswith("|") or (reader.block_kind == "row" and "|" in quoted):
            if _TABLE_RULE.match(quoted):
                if reader.block_kind == "row" and reader.block:
                    # The row above the rule is the table's header: context for its rows.
                    reader.table_head = normalise(reader.block[0][1].replace("|", " "))
                    reader.block, reader.block_kind = [], ""
                continue
            cells = [c.strip() for c in quoted.strip().strip("|").split("|")]
            reader.add(number, " | ".join(c for c in cells if c), "row")
            continue
        item = _LIST_ITEM.match(quoted)
        if item:
            reader.add(number, quoted[item.end() :], "item")
        elif reader.block_kind in ("para", "item") and reader.block:
            reader.add(number, quoted, "more")
        else:
            reader.add(number, quoted, "para")
    return reader.finish()


@dataclass(frozen=True)
class PageFacts:
    """What coverage needs to know about one page."""

    src: str
    page_type: str
    meta: Mapping[str, Any]
    headings: tuple[Heading, ...]
    covers: tuple[str, ...] = ()
    covers_line: int = 1
    """File line of the ``covers`` field (1 when unknown)."""
    body_line: int = 1
    """File line on which the body starts."""
    visible: tuple[tuple[int, str], ...] = ()
    """Body lines outside code and comments, with their file lines."""
    title: str = ""
    """The normalised page title: context for answers whose kind allows it, never a unit."""
    shown: tuple[tuple[int, str, str], ...] = ()
    """``(file line, label, text)`` of front matter fields the page shows as text."""

    @functools.cached_property
    def units(self) -> tuple[Unit, ...]:
        """The body's headings and sentences (and fields the page shows as text), in file
        order. The title, the summary and other front matter are not read: alone they answer
        nothing. Read on first use: only pages that claim a requirement need them."""
        return tuple(read_units(self.visible, self.shown))


def page_facts(
    src: str,
    meta: Mapping[str, Any],
    body_lines: Iterable[tuple[int, str]],
    *,
    covers_line: int = 1,
    body_line: int = 1,
    field_lines: Mapping[str, int] | None = None,
) -> PageFacts:
    """Gather a page's headings and sentences from its checked front matter and body.

    Args:
        field_lines: file lines of front matter fields (for evidence from a service's
            ``how_to_access``); 1 when not given.
    """
    visible = list(_visible_lines(body_lines))
    headings = _headings(visible)
    lines = field_lines or {}
    shown = [
        (lines.get(key, 1), label, str(meta[key]))
        for key, label in _SHOWN_FIELDS.items()
        if meta.get("type") == "service" and isinstance(meta.get(key), str)
    ]
    covers = meta.get("covers") or []
    return PageFacts(
        src=src,
        page_type=str(meta.get("type", "guide")),
        meta=meta,
        headings=tuple(headings),
        covers=tuple(str(c) for c in covers),
        covers_line=covers_line,
        body_line=body_line,
        visible=tuple(visible),
        shown=tuple(shown),
        title=normalise(str(meta.get("title") or "")),
    )


# ---------------------------------------------------------------------------------------------
# Checking coverage


def _evidence(text: str) -> str:
    if len(text) <= EVIDENCE_CHARS:
        return text
    return text[: EVIDENCE_CHARS - 3].rsplit(" ", 1)[0] + "..."


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
    matches: list[Match] = field(default_factory=list)
    """The heading or sentence that satisfies each item on each page covering it (claiming it
    or counting by its front matter), in page then line order."""

    def row(self) -> RequirementRow:
        """This row as the QA report reads it (``summaries.RequirementRow``)."""
        req = self.requirement
        return RequirementRow(
            id=req.id,
            title=req.title,
            basis=req.basis,
            level=req.level,
            statements=tuple(req.statements),
            status=self.status,
            pages=tuple(self.pages),
            missing=tuple(self.missing),
            thin_pages=tuple(self.thin_pages),
            matches=tuple(self.matches),
        )


@dataclass
class CoverageResult:
    """Findings, the coverage matrix and the counts for the QA report."""

    findings: list[Finding]
    matrix: list[RequirementStatus]
    counts: ServiceCounts

    def summary(self) -> CoverageSummary:
        """The ``coverage`` summary the QA report reads (``summaries.CoverageSummary``)."""
        return CoverageSummary(tuple(row.row() for row in self.matrix), self.counts)


def _any(patterns: Sequence[re.Pattern[str]], *texts: str) -> bool:
    return any(p.search(t) for p in patterns for t in texts)


def find_item(page: PageFacts, rule: ContentRule, area: str | None = None) -> Unit | None:
    """The first heading or sentence of the page that satisfies the ``must_contain`` item.

    - A sentence counts when it names the topic (``terms``), or, for an item asking for an
      answer (``answer``: a how-to, a time limit...), when it gives that answer and the topic
      is in it or in what it belongs to (its headings, the line introducing its list).
      ``also`` patterns must be in the sentence or what it belongs to.
    - A heading counts when its section has text and it names the topic (and, for an answer,
      it is a heading that answers: "How to apply").
    - The title, the summary and other front matter never count.

    The evidence returned is the first unit naming the topic itself, else the first that
    has it from its headings, else (for kinds of answer that allow it, ``title: true``) the
    first that has it from the page title.
    """
    c = rule.compiled(area)
    fallback = titled = None
    title = page.title if rule.answer is not None and rule.answer.title else ""
    for unit in page.units:
        if unit.heading:
            if c.headings and _any(c.headings, unit.text):
                return unit
            if not unit.has_body or not c.terms or not _any(c.terms, unit.text):
                continue
            if c.also and not _any(c.also, unit.text):
                continue
            if rule.answer is None or _any(c.answer_headings, unit.text):
                return unit
            continue
        own = bool(c.terms) and _any(c.terms, unit.text)
        if rule.answer is None:
            if not own:
                continue
        else:
            if not _any(c.answer_sentences, unit.text):
                continue
            if c.terms and not own and not _any(c.terms, *unit.context):
                if (
                    title
                    and titled is None
                    and _any(c.terms, title)
                    and (not c.also or _any(c.also, unit.text, title, *unit.context))
                ):
                    titled = unit
                continue
        if c.also and not _any(c.also, unit.text, *unit.context):
            continue
        if own or not c.terms:
            return unit
        fallback = fallback or unit
    return fallback or titled


def has_item(page: PageFacts, rule: ContentRule, area: str | None = None) -> bool:
    """True when the page contains what the ``must_contain`` item asks for."""
    return find_item(page, rule, area) is not None


def _match(page: PageFacts, rule: ContentRule, area: str | None) -> Match | None:
    unit = find_item(page, rule, area)
    if unit is None:
        return None
    return Match(page.src, rule.name, unit.line, _evidence(unit.text))


def _names(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    quoted = [f"'{i}'" for i in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _level(req: Requirement, guidance: Severity) -> Severity:
    return Severity.WARNING if req.duty else guidance


def _kind(req: Requirement) -> str:
    return "a duty" if req.duty else "guidance"


def _counts_for(req: Requirement, page: PageFacts) -> bool | None:
    """True when the page claims the requirement (``covers``), False when it counts by its
    front matter alone, None when it does not cover it."""
    if req.id in page.covers:
        return True
    if req.covered_implicitly_by(page.meta):
        return False
    return None


def _evidence_for(req: Requirement, page: PageFacts, area: str | None) -> list[Match]:
    """The evidence for each ``must_contain`` item the page satisfies, in item order."""
    found = (_match(page, rule, area) for rule in req.must_contain)
    return [match for match in found if match is not None]


@dataclass
class _Covering:
    """What the pages said about one requirement so far, kept page by page so a site's pages
    need not all be read at once: who claims it, who counts by front matter, the evidence."""

    claiming: list[tuple[str, int]] = field(default_factory=list)
    """``(page, file line of its covers field)`` of pages claiming it, in page order."""
    implicit: list[str] = field(default_factory=list)
    """Pages that count by their front matter alone, in page order."""
    found: dict[tuple[str, str], Match] = field(default_factory=dict)
    """Evidence by ``(page, item)``."""

    def add(self, req: Requirement, page: PageFacts, area: str | None) -> None:
        """Take what one page says about the requirement."""
        claims = _counts_for(req, page)
        if claims is not None:
            # Pages that count by their front matter need nothing, but what they say is evidence.
            self.take(page.src, page.covers_line, claims, _evidence_for(req, page, area))

    def take(self, src: str, covers_line: int, claims: bool, evidence: Iterable[Match]) -> None:
        """Take a page that claims the requirement (``claims``) or counts by its front matter,
        with its evidence."""
        if claims:
            self.claiming.append((src, covers_line))
        else:
            self.implicit.append(src)
        for match in evidence:
            self.found[src, match.item] = match


def check_requirement(
    req: Requirement,
    pages: Iterable[PageFacts],
    *,
    guidance: Severity = Severity.INFO,
    area: str | None = None,
) -> tuple[RequirementStatus, list[Finding]]:
    """Status of one requirement over the site, and the findings about it."""
    covering = _Covering()
    for page in pages:
        covering.add(req, page, area)
    return _requirement_status(req, covering, guidance)


def _requirement_status(
    req: Requirement, covering: _Covering, guidance: Severity
) -> tuple[RequirementStatus, list[Finding]]:
    """The matrix row and findings of one requirement from what every page said about it."""
    claiming, implicit, found = covering.claiming, covering.implicit, covering.found
    row = RequirementStatus(req, "missing", pages=sorted([*(s for s, _ in claiming), *implicit]))
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
    row.matches = sorted(found.values(), key=lambda m: (m.page, m.line, m.item))
    for src, covers_line in claiming:
        lacking = [r.name for r in every if (src, r.name) not in found]
        if not lacking:
            complete = True
            continue
        row.thin_pages.append(src)
        row.missing.extend(f"{name} ({src})" for name in lacking)
        findings.append(
            Finding(
                CHECK,
                src,
                covers_line,
                severity,
                f"the page claims to cover '{req.id}' ({req.title}) but does not explain "
                f"{_names(lacking)}",
                f"add {'it' if len(lacking) == 1 else 'them'} to the page, or take '{req.id}' "
                "out of 'covers'",
            )
        )
    for rule in (r for r in req.must_contain if r.scope == "any-page"):
        if implicit or any((src, rule.name) in found for src, _ in claiming):
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
                f"(pages: {', '.join(src for src, _ in claiming)})",
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


def service_counts(pages: Iterable[PageFacts], catalogue: Catalogue) -> ServiceCounts:
    """Counts for statements 1.6 (eligibility) and 1.8 (who decides) and page ownership.

    ``service_pages_with_decided_by`` counts only services that need a decision, so it can be
    read as a share of ``service_pages_needing_decision``; the services that need one but do
    not say who decides are listed for the report's evidence and actions.
    """
    counts = _Counts()
    for page in pages:
        counts.add(page, catalogue)
    return counts.summary()


@dataclass
class _Counts:
    """``service_counts`` kept page by page."""

    services: int = 0
    with_eligibility: int = 0
    needing_decision: int = 0
    with_decided_by: int = 0
    with_owner: int = 0
    pages: int = 0
    without_decided_by: list[str] = field(default_factory=list)

    def add(self, page: PageFacts, catalogue: Catalogue) -> None:
        """Count one page."""
        self.take(page.src, _count_flags(page, catalogue))

    def take(self, src: str, flags: CountFlags) -> None:
        """Count one page by its ``_count_flags``."""
        owner, service, eligibility, decision, decided_by = flags
        self.pages += 1
        self.with_owner += owner
        if not service:
            return
        self.services += 1
        self.with_eligibility += eligibility
        if decision:
            self.needing_decision += 1
            if decided_by:
                self.with_decided_by += 1
            else:
                self.without_decided_by.append(src)

    def summary(self) -> ServiceCounts:
        """The counts as the QA report reads them."""
        return ServiceCounts(
            service_pages=self.services,
            service_pages_with_eligibility=self.with_eligibility,
            service_pages_needing_decision=self.needing_decision,
            service_pages_with_decided_by=self.with_decided_by,
            pages_with_owner=self.with_owner,
            pages=self.pages,
            services_without_decided_by=tuple(self.without_decided_by),
        )


def _filled(page: PageFacts, key: str) -> bool:
    value = page.meta.get(key)
    return isinstance(value, str) and bool(value.strip())


CountFlags = tuple[bool, bool, bool, bool, bool]
"""What ``service_counts`` counts of a page: it has an owner, is a service, has eligibility,
needs a decision, says who decides (the last three False for a page that is not a service)."""


def _count_flags(page: PageFacts, catalogue: Catalogue) -> CountFlags:
    if page.page_type != "service":
        return _filled(page, "owner"), False, False, False, False
    decision = needs_decision(page, catalogue)
    return (
        _filled(page, "owner"),
        True,
        _filled(page, "eligibility"),
        decision,
        decision and _filled(page, "decided_by"),
    )


@dataclass(frozen=True)
class PageCoverage:
    """All the site's coverage needs of one page: which requirements it claims or counts for,
    the evidence for their items, its missing headings and its counts. It depends only on the
    page, the rules and the council's area, so a build keeps it for the next (``coverage_of``)."""

    src: str
    covers_line: int
    counted: tuple[tuple[str, bool], ...]
    """``(requirement id, claims)`` of each requirement the page claims (True) or counts for
    by its front matter (False), in catalogue order."""
    evidence: tuple[tuple[str, Match], ...]
    """``(requirement id, evidence)`` for each item of those requirements the page satisfies,
    in catalogue then item order."""
    headings: tuple[Finding, ...]
    """The page type's headings the page lacks (``check_headings``)."""
    counts: CountFlags

    def to_data(self) -> list[Any]:
        """As JSON types, for ``PageCache`` (``from_data`` reads it back)."""
        return [
            self.covers_line,
            [[req_id, claims] for req_id, claims in self.counted],
            [[req_id, m.item, m.line, m.text] for req_id, m in self.evidence],
            [finding.to_data() for finding in self.headings],
            list(self.counts),
        ]

    @classmethod
    def from_data(cls, src: str, data: list[Any]) -> PageCoverage:
        """The ``PageCoverage`` of page ``src`` that ``to_data`` wrote."""
        covers_line, counted, evidence, headings, counts = data
        owner, service, eligibility, decision, decided_by = counts
        return cls(
            src,
            covers_line,
            tuple((req_id, claims) for req_id, claims in counted),
            tuple((req_id, Match(src, item, line, text)) for req_id, item, line, text in evidence),
            tuple(Finding.from_data(finding) for finding in headings),
            (owner, service, eligibility, decision, decided_by),
        )


def page_coverage(
    page: PageFacts, catalogue: Catalogue, rules: PageTypes, area: str | None = None
) -> PageCoverage:
    """What ``check_coverage`` takes of one page."""
    counted: list[tuple[str, bool]] = []
    evidence: list[tuple[str, Match]] = []
    for req in catalogue.requirements:
        claims = _counts_for(req, page)
        if claims is None:
            continue
        counted.append((req.id, claims))
        evidence.extend((req.id, match) for match in _evidence_for(req, page, area))
    return PageCoverage(
        page.src,
        page.covers_line,
        tuple(counted),
        tuple(evidence),
        tuple(check_headings(page, rules)),
        _count_flags(page, catalogue),
    )


def check_coverage(
    pages: Iterable[PageFacts],
    catalogue: Catalogue,
    rules: PageTypes,
    *,
    guidance: Severity = Severity.INFO,
    area: str | None = None,
) -> CoverageResult:
    """Check the whole site's coverage, one page at a time: only what the matrix, the findings
    and the counts need is kept of each page (a large site's pages read at once would raise
    the build's peak memory).

    Args:
        pages: every page of the site (any iterable: a generator is read once).
        catalogue: the requirement catalogue.
        rules: the page-type rules (for required headings).
        guidance: the level for guidance (``should``) items.
        area: the council's area name, for patterns that use ``{area}``.
    """
    return _site_coverage(
        (page_coverage(page, catalogue, rules, area) for page in pages), catalogue, guidance
    )


def _site_coverage(
    pages: Iterable[PageCoverage], catalogue: Catalogue, guidance: Severity
) -> CoverageResult:
    """The findings, matrix and counts of a site from what each page gave."""
    requirements = catalogue.requirements
    covering = {req.id: _Covering() for req in requirements}
    headings: list[Finding] = []
    counts = _Counts()
    for page in pages:
        evidence: dict[str, list[Match]] = {}
        for req_id, match in page.evidence:
            evidence.setdefault(req_id, []).append(match)
        for req_id, claims in page.counted:
            covering[req_id].take(page.src, page.covers_line, claims, evidence.get(req_id, ()))
        headings.extend(page.headings)
        counts.take(page.src, page.counts)
    findings: list[Finding] = []
    matrix = []
    for req in requirements:
        row, found = _requirement_status(req, covering[req.id], guidance)
        matrix.append(row)
        findings.extend(found)
    findings.extend(headings)
    return CoverageResult(findings, matrix, counts.summary())


SourcePage = tuple[str, Mapping[str, Any], str, int, int, Mapping[str, int]]
"""What ``coverage_of`` needs of a page: ``(src, meta, body, covers line, body line, file
lines of the fields the page shows as text)``."""

SHOWN_FIELDS = tuple(_SHOWN_FIELDS)
"""Front matter fields whose file lines ``page_facts`` wants (``field_lines``)."""


def coverage_of(
    sources: Sequence[SourcePage],
    catalogue: Catalogue,
    rules: PageTypes,
    guidance: Severity = Severity.INFO,
    area: str | None = None,
    cache: PageCache | None = None,
) -> CoverageResult:
    """``check_coverage`` from each page's source (as the plugin and ``sendqa check`` have it),
    read one page at a time.

    ``cache`` (stamped with the rule files and the area, ``kept_fingerprint``) gives each
    unchanged page's ``PageCoverage`` from the last build and keeps the others'; the site-wide
    part is always done again.
    """

    def one(source: SourcePage) -> PageCoverage:
        src, meta, body, covers_line, body_line, field_lines = source

        def make() -> PageCoverage:
            lines = numbered_lines(body, body_line)
            facts = page_facts(
                src,
                meta,
                lines,
                covers_line=covers_line,
                body_line=body_line,
                field_lines=field_lines,
            )
            return page_coverage(facts, catalogue, rules, area)

        if cache is None:
            return make()
        # Everything the page's result is made of: its path, text, lines and front matter.
        key = digest(
            src,
            body,
            f"{covers_line} {body_line}",
            repr(sorted(field_lines.items())),
            repr(meta),
        )
        read = functools.partial(PageCoverage.from_data, src)
        return cache.reuse(key, make, PageCoverage.to_data, read)

    return _site_coverage(map(one, sources), catalogue, guidance)


def kept_fingerprint(rules_stamp: str, area: str | None) -> str:
    """What every ``PageCoverage`` depends on besides the page and sendqa's code: the rule
    files (the catalogue, the page types' headings: ``SiteRules.stamp``) and the council's
    area."""
    return digest(area or "", rules_stamp)
