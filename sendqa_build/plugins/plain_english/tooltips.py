"""The tooltips' Markdown extension: Python-Markdown's ``abbr`` extension, given the glossary
entries that the page being converted uses.

The plugin used to write those entries at the end of each page as ``*[EHCP]: ...`` lines for
``abbr`` to read back. Handing them over directly gives the same HTML for less work (no lines
to write, and no blocks for every block processor to test), leaves the page's Markdown as the
editor wrote it, and works when ``abbr`` is not in ``mkdocs.yml``: it is added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.treeprocessors import Treeprocessor

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from markdown import Markdown


class PageTooltips(Extension):
    """Add to ``markdown_extensions`` once; set ``entries`` (text -> tooltip) before each page
    is converted and clear them after. MkDocs converts one page at a time, each with a new
    ``Markdown`` that this extension joins."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[str, str] = {}

    def extendMarkdown(self, md: Markdown) -> None:
        """Join ``md``: find its ``abbr`` extension (or add one), and give it the entries just
        before it looks for them in the page."""
        abbr = next((e for e in md.registeredExtensions if isinstance(e, AbbrExtension)), None)
        if abbr is None:
            abbr = AbbrExtension()
            abbr.extendMarkdown(md)
        # abbr's tree processor has priority 7: this runs just before it, after the page's
        # own ``*[...]:`` lines are read, so those win.
        md.treeprocessors.register(_GiveEntries(md, abbr.abbrs, self), "sendqa-tooltips", 7.5)


class _GiveEntries(Treeprocessor):
    def __init__(self, md: Markdown, abbrs: dict[str, str], tooltips: PageTooltips) -> None:
        super().__init__(md)
        self.abbrs = abbrs
        self.tooltips = tooltips

    def run(self, root: Element) -> None:
        for text, tip in self.tooltips.entries.items():
            self.abbrs.setdefault(text, tip)
