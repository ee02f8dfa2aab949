"""Hooks of ``sendqa/plain-english``: check every page once, then add tooltips to each page and
generate the jargon buster, all from ``checks/glossary.yml``."""

from __future__ import annotations

import fnmatch
import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File

from sendqa_build.core.glossary import (
    Glossary,
    Tooltips,
    focusable_abbreviations,
    jargon_buster_markdown,
)
from sendqa_build.core.plain_english import (
    Levels,
    PageCheck,
    PlainEnglishRules,
    cache_fingerprint,
    check_pages,
    page_summary,
    release_word_data,
    site_summary,
    title_of,
)
from sendqa_build.core.search import (
    SearchWords,
    add_search_words,
    load_synonyms,
    split_jargon_buster,
)
from sendqa_build.core.view import add_glance_tooltips
from sendqa_build.models import Finding, Severity
from sendqa_build.output import write_atomic
from sendqa_build.pagecache import PageCache, SpooledPageCache
from sendqa_build.plugins.base import (
    SendqaPlugin,
    keep_results,
    kept_results,
    rules_dir,
    site_index,
)
from sendqa_build.plugins.plain_english.config import PlainEnglishConfig
from sendqa_build.plugins.plain_english.tooltips import PageTooltips
from sendqa_build.rules import RulesError
from sendqa_build.summaries import PlainEnglishSummary, PlainPage

_DATA_SEARCH = re.compile(r'data-search="([^"]*)"')
"""The text a list item's keyword box searches (the services directory's)."""

_SHARED_FIELDS = ("title", "title_also", "text_also")
"""Fields of search entries that repeat from entry to entry (section headings, added words)."""

_ABOUT = ("provider", "eligibility")
"""Front matter a page shows outside its Markdown (or describes itself with), searched as the
page's own text: Material's search reads only the Markdown."""

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from sendqa_build.core.site import PageRecord, SiteIndex


class PlainEnglishPlugin(SendqaPlugin):
    """Acronyms, words to avoid and readability (QA statement 1.15), tooltips, jargon buster."""

    config_class = PlainEnglishConfig
    config: PlainEnglishConfig
    check = "plain-english"

    def __init__(self) -> None:
        super().__init__()
        self.rules: PlainEnglishRules | None = None
        self.summary: PlainEnglishSummary | None = None
        self._pages: dict[str, PlainPage] = {}
        self._tooltips = Tooltips({})
        self._buster: str | None = None
        self._buster_url: str | None = None
        self._synonyms: dict[str, tuple[str, ...]] = {}
        self._search_words: SearchWords | None = None
        self._words_cache: PageCache | None = None
        """The words added to each page's search entries in the last build, kept until the pages
        are written."""
        self._item_words: dict[str, str] = {}
        self._page_tooltips = PageTooltips()
        self._glance_tooltips = Tooltips({})
        self._indexed = 0
        """How many entries of Material's search index already have the words."""
        self._about: dict[str, str] | None = None
        self._shared: dict[str, str] = {}
        """One string for each title and added text that many search entries repeat."""
        self._summaries: dict[str, str] | None = None
        self.index_in_memory = False
        """True when the words went into Material's search index before it was written (tests
        read it)."""

    def on_config(self, config: MkDocsConfig) -> None:
        """Hook for the ``config`` event: load the word lists and forget the last build."""
        self.start_build(config)
        self.summary = None
        self._pages = {}
        self._buster = self._buster_url = None
        self._search_words, self._item_words = None, {}
        self._words_cache = None
        self._indexed, self._about, self._summaries = 0, None, None
        self._shared = {}
        self.index_in_memory = False
        try:
            self.rules = PlainEnglishRules.load(rules_dir(config))
            path = rules_dir(config) / "search-synonyms.yml"
            self._synonyms = load_synonyms(path) if path.is_file() else {}
        except RulesError as exc:
            raise PluginError(str(exc)) from exc
        self._tooltips = Tooltips(self.rules.glossary.tooltips() if self.config.tooltips else {})
        # The "At a glance" box names areas of need in full ("communication and interaction"):
        # its tooltips know each acronym's full words too.
        self._glance_tooltips = Tooltips(
            {**_expansion_tips(self.rules.glossary), **self.rules.glossary.tooltips()}
            if self.config.tooltips
            else {}
        )
        self._page_tooltips.entries = {}
        extensions: list[Any] = config.markdown_extensions
        if self.config.enabled and self._tooltips and self._page_tooltips not in extensions:
            extensions.append(self._page_tooltips)

    # Default priority: after sendqa/frontmatter (100) has built the site index.
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Hook for the ``files`` event: check every page's prose, add the jargon buster."""
        if not self.config.enabled or self.rules is None:
            return None
        index = site_index(config)
        # Checked here and now, whatever the site's size, so the findings come at the same point
        # of every build; pages unchanged since the last build are not checked again.
        cache = self._cache(config)
        self._collect(check_pages(*self._arguments(list(index)), cache=cache))
        if cache is not None:
            keep_results(cache, "plain English")
        if self.config.search_words:
            self._search_words = SearchWords.build(
                self.rules.glossary,
                self._synonyms,
                (f"{record.title} {record.body}" for record in index),
            )
            fingerprint = self._search_words.fingerprint()
            self._words_cache = kept_results(config, "search-words", fingerprint, SpooledPageCache)
        if not self.is_serve:  # 'mkdocs serve' checks again on every change: keep them there
            release_word_data()
        return self._add_jargon_buster(files, config)

    def _cache(self, config: MkDocsConfig) -> PageCache | None:
        """Each page's results of the last build, when they can be used."""
        if self.rules is None:
            return None
        return kept_results(config, "plain-english", cache_fingerprint(self.rules, self._levels()))

    def _levels(self) -> Levels:
        return Levels(
            acronyms=Severity(self.config.acronyms_level),
            words=Severity(self.config.words_level),
            readability=Severity(self.config.readability_level),
        )

    def _arguments(
        self, records: Sequence[PageRecord]
    ) -> tuple[list[tuple[str, str, int]], PlainEnglishRules, Levels, dict[str, tuple[str, int]]]:
        """``core.plain_english.check_pages``' arguments: the pages not left out by
        ``exclude``, the word lists and the levels of this build."""
        assert self.rules is not None, "on_config first"
        kept = [
            record
            for record in records
            if not any(fnmatch.fnmatch(record.src, pattern) for pattern in self.config.exclude)
        ]
        pages = [(record.src, record.body, record.body_line) for record in kept]
        titles = {record.src: title for record in kept if (title := title_of(record))}
        return pages, self.rules, self._levels(), titles

    def generated_pages(self) -> tuple[str, ...]:
        """The jargon buster page, when there is one."""
        src = self.config.jargon_buster.strip().lstrip("/")
        return (src,) if src else ()

    def check_pages(self, index: SiteIndex, pages: Sequence[PageRecord]) -> list[Finding]:
        """Hard words, unexplained acronyms and long sentences on these pages, checked together
        (a note about an unknown acronym is kept only when several of them use it)."""
        if self.rules is None:
            return []
        return [f for check in check_pages(*self._arguments(pages)) for f in check.findings]

    def _collect(self, checks: list[PageCheck]) -> None:
        """Log the findings of the page checks and keep each page's figures for the report."""
        if self.rules is None:
            return
        for check in checks:
            findings = self.silenced(check.findings)
            self._pages[check.page] = page_summary(check, findings, self.rules.readability)
            self.record(findings)

    def _add_jargon_buster(self, files: Files, config: MkDocsConfig) -> Files | None:
        src = self.config.jargon_buster.strip().lstrip("/")
        if not src or self.rules is None:
            return None
        if files.get_file_from_path(src) is not None:
            self.record(
                [
                    Finding(
                        "plain-english",
                        src,
                        None,
                        Severity.INFO,
                        "this page replaces the jargon buster made from checks/glossary.yml",
                        "delete it to get the generated page, or set 'jargon_buster' of "
                        "sendqa/plain-english to another path",
                    )
                ]
            )
            return None
        markdown = jargon_buster_markdown(self.rules.glossary, self.config.jargon_buster_title)
        buster = File.generated(config, src, content=markdown)
        files.append(buster)
        self._buster, self._buster_url = src, buster.url
        return files

    # Late, so text other plugins add to a page gets tooltips too; before rendering.
    @event_priority(-80)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Hook for the ``page_markdown`` event: give the page the tooltips of the glossary
        entries it uses (through ``PageTooltips``, as it is converted next)."""
        self._page_tooltips.entries = {}
        if not self.config.enabled or not self._tooltips or page.file.src_uri == self._buster:
            return None
        self._page_tooltips.entries = self._tooltips.entries(markdown)
        view = page.meta.get("sendqa_view")
        if isinstance(view, dict) and isinstance(view.get("service"), dict):
            add_glance_tooltips(view["service"], self._glance_tooltips.entries)
        return None

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Hook for the ``page_content`` event: let keyboard users focus each explanation."""
        self._page_tooltips.entries = {}  # never given to another page
        if not self.config.enabled or not self._tooltips or "<abbr" not in html:
            return None
        return focusable_abbreviations(html)

    # After sendqa/browse (default priority) has put the service lists in the page.
    @event_priority(-10)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hook for the ``post_page`` event: the directory's keyword box finds each service by
        the words families may type for it too (added to its ``data-search`` text)."""
        words = self._search_words
        if words is None or 'data-search="' not in output:
            return None

        def more(match: re.Match[str]) -> str:
            value = match.group(1)
            extra = self._item_words.get(value)
            if extra is None:
                extra = self._item_words[value] = html.escape(words.words(html.unescape(value)))
            return f'data-search="{value} {extra}"' if extra else match.group(0)

        return _DATA_SEARCH.sub(more, output)

    # After Material's search plugin (default priority) has indexed the page.
    @event_priority(-10)
    def on_page_context(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> Any | None:
        """Hook for the ``page_context`` event: give the search entries Material has just made
        of this page the words families may type, in its own index, so the index is written
        once with them and never read back (a second copy of a large site's index would raise
        the build's peak memory)."""
        if not self.config.enabled or self._search_words is None or self.rules is None:
            return None
        search_index = _material_search_index(config)
        if search_index is None:
            return None
        entries: list[Any] = search_index.entries
        fields = search_index.config.get("fields")
        # A copy: the search plugin's own settings stay as the council wrote them.
        index: dict[str, Any] = {
            "config": {"fields": dict(fields) if isinstance(fields, dict) else {}},
            "docs": entries[self._indexed :],
        }
        self._add_words(index, config)
        # Many entries say the same ("What the service provides", the same added words): one
        # string each, not one per entry, while the whole index waits to be written.
        shared = self._shared
        for doc in index["docs"]:
            for key in _SHARED_FIELDS:
                value = doc.get(key)
                if isinstance(value, str):
                    doc[key] = shared.setdefault(value, value)
        entries[self._indexed :] = index["docs"]
        search_index.config["fields"] = index["config"]["fields"]
        self._indexed = len(entries)
        self.index_in_memory = True
        return None

    @event_priority(60)  # Every page is written; before Material's search plugin (default).
    def _pages_written(self, *, config: MkDocsConfig) -> None:
        """What only the pages needed goes before the search index, the build's largest text,
        is made: the words for the directory's items, each page's own words (made again if a
        written index is read back), the table of repeated strings (the entries keep them) and
        each search entry's words, kept in ``.sendqa-cache/search-words.json`` for the next
        build."""
        self._item_words, self._shared = {}, {}
        self._about, self._summaries = None, None
        if self._words_cache is not None:
            keep_results(self._words_cache, "search words")
            self._words_cache = None

    # After Material's search plugin (default priority) has written the search index; before
    # sendqa/preview (-50) redraws panels and sendqa/report (-100) reads the summary.
    @event_priority(-10)
    def _index_written(self, *, config: MkDocsConfig) -> None:
        """Results for QA statement 1.15, and (for a search plugin whose entries are out of
        reach) the words families may type in the written search index."""
        if self.config.enabled:
            self.summary = site_summary(self._pages.values())
            if not self.index_in_memory:
                self._search_index_file(config)
            self._let_go(config)

    on_post_build = CombinedEvent(_pages_written, _index_written)
    """Hook for the ``post_build`` event: ``_pages_written``, then ``_index_written``."""

    def _let_go(self, config: MkDocsConfig) -> None:
        """Drop what only the pages and the search index needed, now that both are written, so
        the QA report (made last, with the Word file the largest step of a small site's build)
        starts from less memory: this plugin's words for the directory's items and pages, and
        the entries of Material's search index (a new index is made on every build; under
        ``mkdocs serve --dirty`` Material keeps this one for the next build, so it stays)."""
        self._item_words, self._about, self._summaries = {}, None, None
        search_index = _material_search_index(config)
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search_index is not None and getattr(search, "is_dirty", True) is False:
            search_index.entries.clear()

    def _search_index_file(self, config: MkDocsConfig) -> None:
        """Add the words families may type to a search index already written (by a search
        plugin whose entries are out of reach)."""
        path = Path(config.site_dir) / "search" / "search_index.json"
        if self._search_words is None or self.rules is None or not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        self._add_words(index, config)
        write_atomic(path, json.dumps(index, separators=(",", ":")))

    def _add_words(self, index: dict[str, Any], config: MkDocsConfig) -> None:
        """Index the jargon buster one entry at a time, and give every entry the words
        families may type for it."""
        if self._search_words is None or self.rules is None:
            return
        if self._buster_url is not None:
            split_jargon_buster(index, self._buster_url, self.rules.glossary)
        if self._about is None or self._summaries is None:
            index_pages = site_index(config)
            self._about = {
                record.url: " ".join(
                    str(record.meta[name])
                    for name in _ABOUT
                    if isinstance(record.meta.get(name), (str, int, float))
                )
                for record in index_pages
            }
            self._summaries = {
                record.url: str(record.meta["summary"])
                for record in index_pages
                if isinstance(record.meta.get("summary"), str)
            }
        add_search_words(index, self._search_words, self._about, self._summaries, self._words_cache)


def _material_search_index(config: MkDocsConfig) -> Any:
    """Material's search index of this build (its ``entries`` list and ``config`` dict), or
    None when the site uses another search plugin or none."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        search_index = getattr(plugin, "search_index", None)
        if isinstance(getattr(search_index, "entries", None), list) and isinstance(
            getattr(search_index, "config", None), dict
        ):
            return search_index
    return None


def _expansion_tips(glossary: Glossary) -> dict[str, str]:
    """Each acronym's full words, in lower case, with its explanation."""
    return {
        expansion.lower(): entry.explanation
        for entry in glossary.acronyms
        if entry.explanation
        for expansion in entry.expansions
    }
