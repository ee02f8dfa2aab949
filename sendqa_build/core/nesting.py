"""Markdown nested too deeply (or too full of marks) to convert: a message naming the page,
never a RecursionError or a build that runs for hours.

Python-Markdown converts nested lists, quotes and emphasis by recursion; a list indented a few
hundred levels, or a few thousand ``*`` in one paragraph, runs out of Python's stack and stops
the whole build with a traceback. A quick look at each page's text finds the few that might
(deep indentation or quote markers, or very many emphasis and bracket marks in one
paragraph). Lists and quotes are cut to MAX_LEVELS levels when the site index is made, so
every check sees the text that is published; a paragraph with very many marks is converted
once more, with a little less stack than the build has, to see whether it fits. A page that
does not is published as plain text. So is a paragraph flooded with the marks that make
Python-Markdown's time grow with the square or cube of their number (``flooded_paragraph``).
Each with a warning.
"""

from __future__ import annotations

import contextlib
import html
import re
import sys
from collections.abc import Callable, Iterator

from sendqa_build.models import Finding, Severity

CHECK = "front-matter"
MAX_LEVELS = 20
"""Deepest nesting of lists and quotes (``>``) accepted without a warning: more is never
meant, and no reader can follow it."""
_MARKS = 200
"""Emphasis, code and bracket marks in one paragraph above which the page is test-converted."""
_STACK_MARGIN = 200
"""Frames kept free in the test conversion, so what fits there fits in the build too."""
_MARK_CHARS = "*_[<`~"
FLOOD_MARKS = 500
"""Unmatched marks in one paragraph above which it would take too long to convert."""
FLOOD_PAGE = 5000
"""Unmatched marks in all a page's paragraphs above which the page would."""
_DEEP_PREFIX = re.compile(rf"^[ \t>]{{{MAX_LEVELS + 1},}}", re.MULTILINE)
"""A line starting with more indenting and '>' marks than MAX_LEVELS could need."""
_SIGNIFICANT = re.compile(r"[\\`*_{}\[\]()#+\-.!|~^=:]")
"""Characters with a meaning in Markdown or its extensions, written as numeric character
references in plain text (which Markdown passes through as they are)."""


def _prefix_end(line: str) -> tuple[int, int]:
    """``(levels, end)``: the nesting of one line (each ``>`` and each 4 columns of indenting
    count; a tab is 4 columns) and where the line's MAX_LEVELS levels end (the whole prefix
    when it is not deeper)."""
    levels = columns = 0
    cut = None
    for end, char in enumerate(line):
        if char == ">":
            levels += 1
        elif char == " ":
            columns += 1
        elif char == "\t":
            columns += 4
        else:
            return levels + columns // 4, end if cut is None else cut
        if cut is None and levels + columns // 4 > MAX_LEVELS:
            cut = end
    return levels + columns // 4, len(line) if cut is None else cut


def cap_nesting(body: str) -> tuple[str, int | None]:
    """``body`` with lists and quotes nested at most MAX_LEVELS deep (the deeper part of a
    line's indenting and ``>`` marks taken off), and the index of the first line changed."""
    if _DEEP_PREFIX.search(body) is None:
        return body, None  # the usual page: no line starts with enough marks to be so deep
    first = None
    lines = body.split("\n")
    for index, line in enumerate(lines):
        levels, cut = _prefix_end(line)
        if levels > MAX_LEVELS:
            rest = len(line) - len(line.lstrip(" \t>"))
            lines[index] = line[:cut] + line[rest:]
            first = index if first is None else first
    return ("\n".join(lines), first) if first is not None else (body, None)


def busy_paragraph(body: str) -> int | None:
    """Index of the first line of a paragraph with more than _MARKS emphasis, code and
    bracket marks (which Python-Markdown may need a deep recursion to convert), else None.
    Linear in the length of the text."""
    if sum(body.count(char) for char in _MARK_CHARS) <= _MARKS:
        return None  # the usual page
    marks = 0
    start = 0
    for index, line in enumerate(body.split("\n")):
        if not line.strip():
            marks, start = 0, index + 1
            continue
        marks += sum(line.count(char) for char in _MARK_CHARS)
        if marks > _MARKS:
            return start
    return None


def _unmatched(text: str) -> int:
    """Marks Python-Markdown looks for a partner of, without finding one: each ``[``, ``(`` or
    ``<`` more than its closing marks (a closing mark left over, as in ``:)``, costs nothing),
    and a quarter of the backslashes."""
    pairs = (("[", "]"), ("(", ")"), ("<", ">"))
    open_marks = sum(max(0, text.count(a) - text.count(b)) for a, b in pairs)
    return open_marks + text.count("\\") // 4


def flooded_paragraph(body: str) -> tuple[int, int, int] | None:
    """``(first line index, unmatched marks, characters)`` of the first paragraph that would
    take Python-Markdown minutes to convert, else None.

    Its time grows with the square or the cube of the number of marks it looks for a partner
    of and does not find (``[a](`` written 25,000 times, or ``a<b``, takes minutes; 500 take a
    tenth of a second), while text with many links, tags or brackets that close converts
    quickly however long. So a paragraph is flooded with more than FLOOD_MARKS unmatched marks,
    and a page with more than FLOOD_PAGE in all (from its first paragraph with any). Linear.
    """
    if _unmatched(body) <= FLOOD_MARKS and sum(body.count(c) for c in "[(<\\") <= FLOOD_PAGE:
        return None  # the usual page: few marks left open, and few marks at all
    total = 0
    first: tuple[int, int, int] | None = None
    start = 0
    lines = body.split("\n")
    paragraph: list[str] = []
    for index, line in enumerate([*lines, ""]):
        if line.strip():
            paragraph.append(line)
            continue
        if paragraph:
            text = "\n".join(paragraph)
            unmatched = _unmatched(text)
            if unmatched > FLOOD_MARKS:
                return start, unmatched, len(text)
            total += unmatched
            if unmatched and first is None:
                first = (start, unmatched, len(text))
        paragraph = []
        start = index + 1
    if total > FLOOD_PAGE and first is not None:
        return first[0], total, len(body)
    return None


@contextlib.contextmanager
def _less_stack() -> Iterator[None]:
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit - _STACK_MARGIN, 100))
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def plain_text(body: str) -> str:
    """The page's text as plain paragraphs: every Markdown mark written as a character
    reference, indenting and quote marks taken off the start of each line."""
    lines = []
    for line in body.split("\n"):
        text = line.lstrip(" \t>")
        text = html.escape(text, quote=False)
        lines.append(_SIGNIFICANT.sub(lambda found: f"&#{ord(found.group(0))};", text))
    return "\n".join(lines)


def html_paragraphs(body: str) -> str:
    """The page's text as HTML paragraphs, every character shown as written. Python-Markdown
    passes an HTML block through as it is, so even 100,000 brackets take no time (as Markdown
    text, written as character references, they would take it most of a minute)."""
    blocks: list[str] = []
    lines: list[str] = []
    for line in [*body.split("\n"), ""]:
        if line.strip():
            lines.append(html.escape(line.lstrip(" \t>"), quote=False))
        elif lines:
            blocks.append("<p>" + "\n".join(lines) + "</p>")
            lines = []
    return "\n\n".join(blocks) + "\n"


def capped_finding(src: str, line: int) -> Finding:
    """The warning for lists or quotes nested past MAX_LEVELS (from ``cap_nesting``)."""
    return Finding(
        CHECK,
        src,
        line,
        Severity.WARNING,
        f"lists or quotes are nested more than {MAX_LEVELS} levels deep from this line, and "
        f"are shown {MAX_LEVELS} levels deep",
        "use at most a few levels of lists and quotes ('>'); check the indenting",
    )


def guard_nesting(
    src: str, body: str, body_line: int, convert: Callable[[str], object]
) -> tuple[str, Finding | None]:
    """The body to convert, and a finding when it cannot be converted.

    Args:
        src: the page's path under the docs folder.
        body: the Markdown after the front matter, with ``cap_nesting`` done.
        body_line: the file line on which ``body`` starts.
        convert: converts Markdown as the build does (raising RecursionError when too deep).

    Returns:
        ``(body, None)`` for the usual page; ``(plain text, finding)`` for a body that does
        not convert.
    """
    flooded = flooded_paragraph(body)
    if flooded is not None:
        line, marks, size = flooded
        return html_paragraphs(body), Finding(
            CHECK,
            src,
            body_line + line,
            Severity.WARNING,
            f"the text from this line has {marks:,} brackets or '<' marks that are never closed "
            f"(in {size:,} characters), often from a paste from another program, and would "
            "take minutes to convert; the page is published as plain text until that is fixed",
            "delete the stray marks, or close each bracket",
        )
    busy = busy_paragraph(body)
    if busy is None:
        return body, None
    try:
        with _less_stack():
            convert(body)
    except RecursionError:
        return plain_text(body), Finding(
            CHECK,
            src,
            body_line + busy,
            Severity.WARNING,
            "the page nests lists, quotes or emphasis too deeply to be shown (from this "
            "line); it is published as plain text until that is fixed",
            "use at most a few levels of lists and quotes, and fewer '*' and '_' marks",
        )
    return body, None
