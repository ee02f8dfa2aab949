"""The preview panel: a page's own findings, shown on the page while an editor previews it.

Editors preview with ``mkdocs serve`` in a browser and rarely read a terminal, so each page shows
what is wrong with it, where (the line in its Markdown file) and what to do. This module turns
findings into what the panel template shows; it knows nothing of MkDocs or HTML escaping (the
template escapes every value, as finding text can quote the page's own content).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sendqa_build.models import Finding, Severity, sorted_findings

START = "<!-- sendqa-preview -->"
"""Marks the start of the panel in a built page, so it can be replaced after the build."""
END = "<!-- /sendqa-preview -->"

CHECK_NAMES = {
    "front-matter": "Front matter",
    "encoding": "File encoding",
    "safety": "Scripts and unsafe HTML",
    "coverage": "Statutory coverage",
    "freshness": "Review date",
    "acronyms": "Acronyms",
    "words-to-avoid": "Words to avoid",
    "readability": "Readability",
    "plain-english": "Plain English",
    "links": "Links",
    "structure": "Page structure",
    "browse": "Browse pages",
    "feedback": "You said, we did",
    "opendata": "Open data",
}
"""How each check is named to an editor (unknown checks show their own name)."""


@dataclass(frozen=True)
class PanelItem:
    """One finding as the panel shows it."""

    where: str
    """``Line 12``, or ``Whole page`` when no single line is to blame."""
    line: int | None
    severity: str
    """``warning`` or ``info`` (used as a CSS class)."""
    label: str
    """``Problem`` or ``Note``: the severity in words, so it is not shown by colour alone."""
    check: str
    """The check's name for an editor (``Acronyms``)."""
    message: str
    fix: str


def _item(finding: Finding) -> PanelItem:
    warning = finding.severity is Severity.WARNING
    return PanelItem(
        where=f"Line {finding.line}" if finding.line else "Whole page",
        line=finding.line,
        severity=finding.severity.value,
        label="Problem" if warning else "Note",
        check=CHECK_NAMES.get(finding.check, finding.check),
        message=_sentence(finding.message),
        fix=_sentence(finding.fix),
    )


def _sentence(text: str) -> str:
    """Messages have no full stop (they are joined with ``;`` in logs); the panel adds one."""
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


@dataclass(frozen=True)
class PanelView:
    """Everything the panel template shows for one page."""

    page: str
    """Path of the page under the docs folder."""
    source: str
    """The file the editor opens (``content/services/portage.md``)."""
    items: tuple[PanelItem, ...]
    """Findings on this page, by line, problems and notes together."""
    silenced: tuple[PanelItem, ...] = ()
    """Findings an editor silenced on this page (listed, so nothing is hidden)."""
    site: tuple[PanelItem, ...] = ()
    """Findings about the whole site (shown on the home page only)."""
    stylesheet: str = ""
    """Relative address of the panel's stylesheet from this page."""
    key: tuple[Finding, ...] = field(default=(), compare=False, repr=False)
    """The findings shown, to tell whether the panel must be drawn again after the build."""

    @property
    def problems(self) -> int:
        """Warnings on this page (they fail ``mkdocs build --strict``)."""
        return sum(1 for item in self.items if item.severity == Severity.WARNING.value)

    @property
    def notes(self) -> int:
        """Information messages on this page (never fail a build)."""
        return len(self.items) - self.problems

    @property
    def site_problems(self) -> int:
        """Warnings about the whole site."""
        return sum(1 for item in self.site if item.severity == Severity.WARNING.value)

    @property
    def clean(self) -> bool:
        """True when there is nothing at all to show."""
        return not self.items and not self.site

    @property
    def summary(self) -> str:
        """One line: ``2 problems and 1 note on this page`` or ``No problems found``."""
        if not self.items:
            return "No problems found on this page."
        parts = []
        if self.problems:
            parts.append(_plural(self.problems, "problem", "problems"))
        if self.notes:
            parts.append(_plural(self.notes, "note", "notes"))
        return " and ".join(parts) + " on this page."

    @property
    def strict_hint(self) -> str:
        """What the problems mean for publishing."""
        if not self.problems:
            return ""
        return (
            "Problems stop the site being published by 'mkdocs build --strict'; "
            "notes are for information."
        )


def panel_view(
    findings: Iterable[Finding],
    page: str,
    *,
    docs_prefix: str = "content",
    site_wide: bool = False,
    show_info: bool = True,
    stylesheet: str = "",
) -> PanelView:
    """The panel for ``page`` from every sendqa finding of the build.

    Args:
        findings: findings of every check (other pages' are left out).
        page: the page's path under the docs folder.
        docs_prefix: the docs folder as the editor sees it, for the file name shown.
        site_wide: also show findings about the whole site (for the home page).
        show_info: show information messages as well as problems.
        stylesheet: relative address of the panel's stylesheet.
    """
    wanted = {
        finding
        for finding in findings
        if (finding.page == page or (site_wide and finding.page is None))
        and (show_info or finding.severity is Severity.WARNING)
    }
    ordered = sorted_findings(wanted)
    own = [f for f in ordered if f.page == page]
    return PanelView(
        page=page,
        source=f"{docs_prefix}/{page}" if docs_prefix else page,
        items=tuple(_item(f) for f in own if not f.silenced),
        silenced=tuple(_item(f) for f in own if f.silenced),
        site=tuple(_item(f) for f in ordered if f.page is None and not f.silenced),
        stylesheet=stylesheet,
        key=tuple(ordered),
    )


def replace_panel(html: str, panel: str) -> str | None:
    """The page's HTML with its panel (between ``START`` and ``END``) swapped for ``panel``.

    Returns None when the page has no panel (a theme override without the include, say).
    """
    start = html.find(START)
    end = html.find(END, start + len(START)) if start != -1 else -1
    if start == -1 or end == -1:
        return None
    return html[:start] + panel.strip() + html[end + len(END) :]
