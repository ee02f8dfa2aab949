"""Silencing a finding in one place with a marked HTML comment (readers never see comments).

Sometimes a rule is right in general but wrong in one place: a legal term that must stay, the
name of an organisation, a quotation. The editor marks the place; the finding is kept with
``silenced=True``, is not logged as a warning and is listed in the QA report, so nothing is
hidden from the QA lead. Works for every sendqa check, by the check's name::

    <!-- sendqa-ignore words-to-avoid -->          the next line with text (or this line, when
                                                  the comment shares a line with text)
    <!-- sendqa-ignore-start acronyms, readability: quoting the Code of Practice -->
    ...                                           every line up to the end marker (or the end
    <!-- sendqa-ignore-end -->                    of the page when there is none)
    <!-- sendqa-ignore-page readability -->        the whole page, including findings about the
                                                  page as a whole (its reading age)

With no names, or ``all``, every check is silenced. Text after a colon is a reason for other
editors. Names match leniently: ``acronym`` silences ``acronyms``, ``words`` silences
``words-to-avoid``. Markers inside code blocks are examples, not markers.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sendqa_build.core.prose import CODE, FRONT_MATTER, scan_lines
from sendqa_build.models import Finding

MARKER = re.compile(
    r"<!--\s*sendqa-ignore(?P<kind>-start|-end|-page)?(?![\w-])(?P<body>.*?)-->",
    re.IGNORECASE | re.DOTALL,
)
_END_OF_PAGE = 10**9
_ANY_MARKER = re.compile("sendqa-ignore", re.IGNORECASE)


@dataclass(frozen=True)
class Silence:
    """One marker: which checks it silences, on which file lines."""

    names: frozenset[str] | None
    """Check names, or None for every check."""
    first: int
    last: int
    whole_page: bool = False
    marker_line: int = 0

    def covers(self, check: str, line: int | None) -> bool:
        """True when a finding of ``check`` on ``line`` (None: the whole page) is silenced."""
        if self.names is not None and not any(_matches(name, check) for name in self.names):
            return False
        if self.whole_page:
            return True
        return line is not None and self.first <= line <= self.last


def _normal(name: str) -> list[str]:
    return [part[:-1] if part.endswith("s") and len(part) > 3 else part for part in name.split("-")]


def _matches(name: str, check: str) -> bool:
    """``acronym`` matches ``acronyms``; ``words`` matches ``words-to-avoid``."""
    want, have = _normal(name.lower()), _normal(check.lower())
    return have[: len(want)] == want


def _names(body: str) -> frozenset[str] | None:
    names_part = body.split(":", 1)[0]
    names = {n.lower() for n in re.split(r"[\s,]+", names_part.strip()) if n}
    if not names or "all" in names:
        return None
    return frozenset(names)


@functools.lru_cache(maxsize=2048)
def parse_silences(
    markdown: str, first_line: int = 1, *, front_matter: bool = False
) -> tuple[Silence, ...]:
    """Every silencing marker of a page.

    Args:
        markdown: the page body (or the whole file with ``front_matter=True``).
        first_line: file line of the first line of ``markdown``.
        front_matter: True when ``markdown`` may start with front matter.
    """
    lines = [
        (number, raw, state)
        for number, raw, state in scan_lines(markdown, first_line, front_matter=front_matter)
        if state not in (CODE, FRONT_MATTER)
    ]
    found: list[Silence] = []
    open_ranges: list[tuple[frozenset[str] | None, int]] = []
    pending: list[tuple[frozenset[str] | None, int]] = []  # waiting for the next line with text
    for number, raw, _state in lines:
        markers = list(MARKER.finditer(raw))
        rest = MARKER.sub(" ", raw).strip()
        if rest and pending and not rest.startswith("<!--"):
            found += [Silence(names, number, number, marker_line=line) for names, line in pending]
            pending = []
        for marker in markers:
            kind = (marker.group("kind") or "").lower()
            names = _names(marker.group("body"))
            if kind == "-page":
                found.append(Silence(names, 0, _END_OF_PAGE, True, number))
            elif kind == "-start":
                open_ranges.append((names, number))
            elif kind == "-end":
                closing = [r for r in open_ranges if names is None or r[0] == names]
                for opened_names, start in closing or open_ranges[-1:]:
                    found.append(Silence(opened_names, start, number, marker_line=start))
                    open_ranges.remove((opened_names, start))
            elif rest:
                found.append(Silence(names, number, number, marker_line=number))
            else:
                pending.append((names, number))
    for names, start in open_ranges:
        found.append(Silence(names, start, _END_OF_PAGE, marker_line=start))
    return tuple(found)


def is_silenced(silences: Iterable[Silence], check: str, line: int | None) -> bool:
    """True when any marker covers a finding of ``check`` on ``line``."""
    return any(s.covers(check, line) for s in silences)


def apply_silences(
    findings: Iterable[Finding], source: Callable[[str], tuple[str, int] | None]
) -> list[Finding]:
    """The findings, with ``silenced=True`` on those an editor's marker covers.

    Args:
        findings: findings of any check.
        source: page path -> ``(body, file line where the body starts)``, or None when the page
            is unknown (its findings are left as they are).
    """
    result = []
    pages: dict[str, tuple[Silence, ...]] = {}  # each page is read once, not once per finding
    for finding in findings:
        if finding.page is not None and not finding.silenced:
            silences = pages.get(finding.page)
            if silences is None:
                text = source(finding.page)
                has_markers = text is not None and _ANY_MARKER.search(text[0]) is not None
                silences = parse_silences(text[0], text[1]) if text and has_markers else ()
                pages[finding.page] = silences
            if silences and is_silenced(silences, finding.check, finding.line):
                finding = dataclasses.replace(finding, silenced=True)
        result.append(finding)
    return result
