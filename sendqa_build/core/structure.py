"""Cheap structural accessibility checks of a page's HTML, run on every build without a browser.

Images without alt text, skipped heading levels, vague link text and duplicate ids are the
failures editors most often bring into a page (WCAG 2.2 AA 1.1.1, 1.3.1, 2.4.4, 4.1.1 legacy).
The HTML tells us what is wrong; the Markdown source tells the editor where, so each problem is
mapped back to its line in the page's file as closely as the source allows.
"""

from __future__ import annotations

import functools
import html as html_text
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from sendqa_build.core import plainhtml
from sendqa_build.core.prose import normalise, paragraphs, prose_lines
from sendqa_build.models import Finding, Severity
from sendqa_build.rules import RulesError, expect_list, expect_mapping

CHECK = "structure"
RULES = ("image-alt", "heading-order", "link-text", "duplicate-id", "position")
_LEVELS = {"warning": Severity.WARNING, "info": Severity.INFO}
_SKIP_LINK_CLASSES = {"headerlink", "footnote-ref", "footnote-backref"}


@dataclass(frozen=True)
class StructureRules:
    """The contents of ``checks/structure.yml``."""

    severities: dict[str, Severity | None]
    """Rule name -> severity, or None when the rule is off."""
    vague: frozenset[str]
    vague_starts: tuple[str, ...] = ()
    position: tuple[str, ...] = ()
    """Regular expressions of instructions that need the reader to see the layout."""

    @functools.cached_property
    def position_pattern(self) -> re.Pattern[str] | None:
        """``position`` as one pattern (None when there are none)."""
        if not self.position:
            return None
        return re.compile("|".join(f"(?:{p})" for p in self.position), re.IGNORECASE)

    @functools.cached_property
    def position_screen(self) -> re.Pattern[str] | None:
        """``position_pattern`` without IGNORECASE, to search a lowercased page for any phrase
        at all (twice as fast: most pages have none). Only when every phrase is ASCII written
        in lowercase (no ``\\S`` or ``[A-Z]``), so lowering the text is all IGNORECASE does;
        else None."""
        if not self.position or any(p != p.lower() or not p.isascii() for p in self.position):
            return None
        return re.compile("|".join(f"(?:{p})" for p in self.position))

    @classmethod
    def from_data(cls, data: Any, path: Path) -> StructureRules:
        """Check and convert the YAML of ``checks/structure.yml``.

        Raises:
            RulesError: naming the file and what is wrong.
        """
        top = expect_mapping(
            data, path, {"rules", "vague_link_text", "vague_link_starts", "position_phrases"}
        )
        given = expect_mapping(top.get("rules") or {}, path, set(RULES))
        severities: dict[str, Severity | None] = {}
        for rule in RULES:
            level = str(given.get(rule, "warning")).lower()
            if level not in (*_LEVELS, "off"):
                raise RulesError(
                    f"Error reading rules file '{path}': rule '{rule}' must be 'warning', "
                    f"'info' or 'off', found '{level}'"
                )
            severities[rule] = _LEVELS.get(level)
        return cls(
            severities=severities,
            vague=frozenset(
                link_key(str(t))
                for t in expect_list(top.get("vague_link_text"), path, "vague_link_text")
            ),
            vague_starts=tuple(
                link_key(str(t))
                for t in expect_list(top.get("vague_link_starts"), path, "vague_link_starts")
            ),
            position=_position_phrases(top.get("position_phrases"), path),
        )


def _position_phrases(value: Any, path: Path) -> tuple[str, ...]:
    """The ``position_phrases`` of the rules, each a valid regular expression.

    Raises:
        RulesError: naming the phrase that is not one.
    """
    phrases = tuple(str(p) for p in expect_list(value, path, "position_phrases"))
    for phrase in phrases:
        try:
            re.compile(phrase)
        except re.error as exc:
            raise RulesError(
                f"Error reading rules file '{path}': 'position_phrases' has '{phrase}', which "
                f"is not a valid regular expression ({exc})"
            ) from exc
    return phrases


@lru_cache(maxsize=4096)
def link_key(text: str) -> str:
    """Link text as compared: lower case, letters and digits only, single spaces.

    Text pasted from Word has curly quotes and non-breaking spaces; both are folded here.
    Cached: the same link and heading texts come on page after page.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[’‘'`]", "", text)
    return " ".join(re.sub(r"[^\w\s]|_", " ", text).split())


# ---------------------------------------------------------------------------------------------
# Reading the HTML


@dataclass
class _Link:
    href: str
    label: str | None
    text: list[str] = field(default_factory=list)
    skip: bool = False


@dataclass
class _Heading:
    level: int
    text: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    """Collects images, headings, links and ids, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[dict[str, str | None]] = []
        self.headings: list[tuple[int, str]] = []
        self.links: list[_Link] = []
        self.ids: list[str] = []
        self._link: _Link | None = None
        self._heading: _Heading | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(str(values["id"]))
        if tag == "img":
            self.images.append(values)
            alt = values.get("alt")
            if alt and self._link is not None:
                self._link.text.append(alt)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = _Heading(int(tag[1]))
        elif tag == "a" and values.get("href") is not None:
            classes = set((values.get("class") or "").split())
            self._link = _Link(
                href=str(values["href"]),
                label=values.get("aria-label"),
                skip=bool(classes & _SKIP_LINK_CLASSES),
            )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            if not self._link.skip:
                self.links.append(self._link)
            self._link = None
        elif self._heading is not None and tag == f"h{self._heading.level}":
            self.headings.append(
                (self._heading.level, " ".join("".join(self._heading.text).split()))
            )
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.text.append(data)
        if self._heading is not None and (self._link is None or not self._link.skip):
            self._heading.text.append(data)

    def read(self, html: str) -> None:
        """Collect from a page's HTML: plain HTML (see ``plainhtml``) without the parser.

        The handlers above act only on the start tags of links, images, headings and elements
        with an id, the end tags of links and headings, and text inside a link or heading. In
        plain HTML a regular expression finds exactly those tags, so they and the text between
        them (other tags taken out, entities unescaped as the parser does) go to the same
        handlers in the same order, and the parser is left for any other HTML.
        """
        if not plainhtml.is_plain(html):
            self.feed(html)
            self.close()
            return
        start = 0
        for tag in _READ_TAG.finditer(html):
            if self._link is not None or self._heading is not None:  # else text goes nowhere
                self._text(html[start : tag.start()])
            if tag[0].startswith("</"):
                self.handle_endtag(tag[0][2:-1])
            else:
                name, attrs = plainhtml.start_tag(tag[0])
                self.handle_starttag(name, list(attrs))
            start = tag.end()
        self._text(html[start:])

    def _text(self, between: str) -> None:
        """The text between two tags the handlers read (other tags taken out)."""
        if between:
            if "<" in between:
                between = _ANY_TAG.sub("", between)
            self.handle_data(html_text.unescape(between))


_READ_TAG = re.compile(
    r"<(?:(?:a|img|h[1-6])(?=[\x20/>])|[a-z][^<>]*\x20id(?=[=\x20/>]))[^<>]*>|</(?:a|h[1-6])>"
)
"""In plain HTML: the start tag of a link, image or heading or of any element that may have an
id (``id`` inside another attribute's value matches too, harmlessly: the handler reads the
attributes), and the end tag of a link or heading."""
_ANY_TAG = re.compile(r"<[^<>]*>")


# ---------------------------------------------------------------------------------------------
# Finding the source line


class _Source:
    """The page's Markdown lines, searched for the n-th occurrence of something.

    The lines are read only when a problem needs its line (most pages have none).
    """

    def __init__(self, lines: Iterable[tuple[int, str]]) -> None:
        self._given = lines
        self._lines: list[tuple[int, str]] | None = None
        self._indexes: dict[Callable[[str], list[str]], dict[str, list[int]]] = {}

    @property
    def lines(self) -> list[tuple[int, str]]:
        """``(file line, text)`` of each line."""
        if self._lines is None:
            self._lines = list(self._given)
        return self._lines

    def nth(self, occurrence: int, match: Any) -> int | None:
        """The line of the ``occurrence``-th (0-based) match, else of the last one, else None."""
        found = [number for number, text in self.lines for _ in range(match(text))]
        if not found:
            return None
        return found[min(occurrence, len(found) - 1)]

    def nth_key(self, occurrence: int, keys: Callable[[str], list[str]], key: str) -> int | None:
        """``nth`` for things found by key: ``keys(text)`` lists the keys on a line, and each
        line's keys are worked out once per page, not once per thing looked for."""
        index = self._indexes.get(keys)
        if index is None:
            index = self._indexes[keys] = {}
            for number, text in self.lines:
                for each in keys(text):
                    index.setdefault(each, []).append(number)
        found = index.get(key)
        if not found:
            return None
        return found[min(occurrence, len(found) - 1)]


_MD_LINK = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\s*[(\[]")
_HTML_LINK = re.compile(r"<a\b[^<>]*>((?:(?!<a\b).)*?)</a>", re.IGNORECASE)
_MD_IMAGE = re.compile(r"!\[([^\[\]]*)\]\s*[(\[]([^)\]\s]*)")
_HTML_IMAGE = re.compile(r"<img\b[^<>]*>", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*(\{[^}]*\})?\s*$")


def _link_keys(text: str) -> list[str]:
    texts = [m.group(1) for m in _MD_LINK.finditer(text)]
    texts += [re.sub(r"<[^>]+>", " ", m.group(1)) for m in _HTML_LINK.finditer(text)]
    return [link_key(re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", t)) for t in texts]


def _count_images(text: str, name: str) -> int:
    found = [m.group(2) for m in _MD_IMAGE.finditer(text)]
    found += [m.group(0) for m in _HTML_IMAGE.finditer(text)]
    return sum(1 for item in found if not name or name in item)


def _heading_keys(text: str) -> list[str]:
    match = _HEADING.match(text)
    return [link_key(match.group(2))] if match else []


def _count_ids(text: str, ident: str) -> int:
    escaped = re.escape(ident)
    pattern = rf"""\bid\s*=\s*["']?{escaped}["'\s>]|\{{[^}}]*#{escaped}[\s}}]"""
    return len(re.findall(pattern, text))


# ---------------------------------------------------------------------------------------------
# The check


def check_structure(
    html: str,
    page: str,
    source_lines: Iterable[tuple[int, str]],
    rules: StructureRules,
    *,
    title_is_h1: bool = True,
) -> list[Finding]:
    """Check one page's rendered content.

    Args:
        html: the page's HTML as Markdown rendered it (MkDocs ``on_page_content``).
        page: the page's path under the docs folder, for findings.
        source_lines: ``(file line, text)`` of the page's Markdown body.
        rules: the structure rules.
        title_is_h1: the theme shows the page title as a level 1 heading above the content.

    Returns:
        One finding per problem, with the line in the Markdown file where it could be found.
    """
    collector = _Collector()
    collector.read(html)
    source = _Source(source_lines)
    findings: list[Finding] = []

    def add(rule: str, line: int | None, message: str, fix: str) -> None:
        severity = rules.severities.get(rule)
        if severity is not None:
            findings.append(Finding(CHECK, page, line, severity, message, fix))

    _check_images(collector, source, add)
    _check_headings(collector, source, add, title_is_h1)
    _check_links(collector, source, rules, add)
    _check_ids(collector, source, add)
    if rules.severities.get("position") is not None and rules.position_pattern is not None:
        _check_position(source, rules.position_pattern, add, rules.position_screen)
    return findings


def _check_images(collector: _Collector, source: _Source, add: Any) -> None:
    seen: Counter[str] = Counter()
    for image in collector.images:
        src = str(image.get("src") or "")
        name = src.rsplit("/", 1)[-1].split("?")[0]
        occurrence = seen[name]
        seen[name] += 1
        if image.get("role") in ("presentation", "none") or image.get("aria-hidden") == "true":
            continue
        alt = image.get("alt")
        if alt is not None and alt.strip():
            continue
        line = source.nth(occurrence, lambda text, n=name: _count_images(text, n))
        if alt is None:
            problem = "has no alt text"
        elif line is not None and _is_markdown_image(source, line, name):
            problem = "has empty alt text"  # ![](photo.jpg): an editor forgot to describe it
        else:
            continue
        add(
            "image-alt",
            line,
            f"the image '{name or src}' {problem}, so screen reader users do not know what it "
            "shows",
            "describe it between the square brackets, such as "
            "![A child at a speech therapy session](photo.jpg)",
        )


def _is_markdown_image(source: _Source, line: int, name: str) -> bool:
    text = next((t for n, t in source.lines if n == line), "")
    return any(not m.group(1).strip() and name in m.group(2) for m in _MD_IMAGE.finditer(text))


def _check_headings(collector: _Collector, source: _Source, add: Any, title_is_h1: bool) -> None:
    previous = 1 if title_is_h1 else 0
    seen: Counter[str] = Counter()
    for level, text in collector.headings:
        key = link_key(text)
        occurrence = seen[key]
        seen[key] += 1
        if previous and level > previous + 1:
            line = source.nth_key(occurrence, _heading_keys, key)
            hashes = "#" * (previous + 1)
            add(
                "heading-order",
                line,
                f"the heading '{text}' is level {level} straight after a level {previous} "
                f"heading, so screen reader users may think part of the page is missing",
                f"make it a level {previous + 1} heading ('{hashes} {text}')",
            )
        previous = level


def _check_links(collector: _Collector, source: _Source, rules: StructureRules, add: Any) -> None:
    seen: Counter[str] = Counter()
    for link in collector.links:
        text = " ".join("".join(link.text).split())
        key = link_key(text)
        occurrence = seen[key]
        seen[key] += 1
        if link.label and link.label.strip():
            continue  # aria-label names the link for screen readers
        if not key:
            add(
                "link-text",
                source.nth_key(occurrence, _link_keys, key),
                f"a link to '{link.href}' has no text a screen reader can read",
                "put words that say where it goes between the square brackets",
            )
        elif key in rules.vague or any(
            key == start or key.startswith(start + " ") for start in rules.vague_starts
        ):
            add(
                "link-text",
                source.nth_key(occurrence, _link_keys, key),
                f"the link text '{text}' does not say where the link goes (screen reader users "
                "often hear links on their own)",
                "use words that describe the page or action, such as 'apply for a needs "
                "assessment'",
            )


def _check_ids(collector: _Collector, source: _Source, add: Any) -> None:
    counts = Counter(collector.ids)
    for ident, count in sorted(counts.items()):
        if count < 2:
            continue
        line = source.nth(1, lambda t, i=ident: _count_ids(t, i))
        add(
            "duplicate-id",
            line,
            f"the id '{ident}' is used {count} times on the page, so links to it and labels "
            "that point at it find only the first",
            "give each one a different id",
        )


_EMPHASIS_MARKS = re.compile(r"[*_`]")


_OTHER_CASES = "\u0130\u0131\u017f\u212a"
"""The only characters that IGNORECASE matches with an ASCII letter but ``lower()`` does not
turn into that letter alone (dotted and dotless i, long s, Kelvin sign)."""


def _check_position(
    source: _Source, pattern: re.Pattern[str], add: Any, screen: re.Pattern[str] | None = None
) -> None:
    """Instructions that need the reader to see the layout ("the menu on the left", "click the
    green button"), in the text readers see (WCAG 1.3.3, sensory characteristics)."""
    lines = source.lines
    body = "\n".join(text for _, text in lines)
    if not lines:
        return
    text = _EMPHASIS_MARKS.sub("", normalise(body))
    if screen is not None and not any(c in text for c in _OTHER_CASES):
        any_phrase = screen.search(text.lower())
    else:
        any_phrase = pattern.search(text)
    if not any_phrase:
        return  # most pages: no such phrase even in the Markdown, so none in what readers see
    for passage in paragraphs(prose_lines(body, lines[0][0], front_matter=False)):
        for match in pattern.finditer(passage.text):
            found = " ".join(match.group(0).split())
            add(
                "position",
                passage.line_at(match.start()),
                f"'{found}' tells readers where something is by its place, colour or shape on "
                "the screen, which screen reader users and people on phones may not see "
                "(WCAG 1.3.3)",
                "name the thing instead, such as 'select Apply now' or 'use the Contact us "
                "link', or say where it is in the text ('in the section Who can apply')",
            )
