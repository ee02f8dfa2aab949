"""Hooks of ``sendqa/plain-english``: check every page once, then add tooltips to each page and
generate the jargon buster, all from ``checks/glossary.yml``."""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from sendqa_build import background
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
    check_pages,
    page_summary,
    site_summary,
    title_of,
)
from sendqa_build.core.view import add_glance_tooltips
from sendqa_build.models import Finding, Severity
from sendqa_build.plugins.base import SendqaPlugin, site_index
from sendqa_build.plugins.plain_english.config import PlainEnglishConfig
from sendqa_build.plugins.plain_english.tooltips import PageTooltips
from sendqa_build.rules import RulesError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


class PlainEnglishPlugin(SendqaPlugin):
    """Acronyms, words to avoid and readability (QA statement 1.15), tooltips, jargon buster."""

    config_class = PlainEnglishConfig
    config: PlainEnglishConfig
    check = "plain-english"

    def __init__(self) -> None:
        super().__init__()
        self.rules: PlainEnglishRules | None = None
        self.summary: dict[str, Any] = {}
        self._pages: dict[str, dict[str, Any]] = {}
        self._tooltips = Tooltips({})
        self._buster: str | None = None
        self._task: background.Task[list[PageCheck]] | None = None
        self._page_tooltips = PageTooltips()
        self._glance_tooltips = Tooltips({})
        self.checked_in_background = False
        """True when this build's page checks ran in a second process (tests read it)."""

    def on_config(self, config: MkDocsConfig) -> None:
        """Hook for the ``config`` event: load the word lists and forget the last build."""
        self.start_build(config)
        self.summary = {}
        self._pages = {}
        self._buster = None
        self._task = None
        try:
            self.rules = PlainEnglishRules.load(Path(self.config.rules_dir))
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
        levels = Levels(
            acronyms=Severity(self.config.acronyms_level),
            words=Severity(self.config.words_level),
            readability=Severity(self.config.readability_level),
        )
        records = [
            record
            for record in index
            if not any(fnmatch.fnmatch(record.src, pattern) for pattern in self.config.exclude)
        ]
        pages = [(record.src, record.body, record.body_line) for record in records]
        titles = {record.src: title for record in records if (title := title_of(record))}
        # A large site is checked in a second process while MkDocs renders it (started in
        # on_env); the findings are logged in on_post_build. A small one is checked here and
        # now (starting a process would cost more than the check).
        in_background = self.config.in_background(len(pages))
        self._task = self.submit_after_conversion(
            check_pages, pages, self.rules, levels, titles, in_background=in_background
        )
        if not in_background:
            self._collect()
        return self._add_jargon_buster(files, config)

    def _collect(self) -> None:
        """Log the findings of the page checks and keep each page's figures for the report."""
        if self._task is None or self.rules is None:
            return
        checks: list[PageCheck] = self._task.result()
        self.checked_in_background = self._task.ran_in_background
        self._task = None
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
        files.append(File.generated(config, src, content=markdown))
        self._buster = src
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

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Hook for the ``post_build`` event: the findings of a background check, and results
        for QA statement 1.15. (Default priority: before sendqa/preview redraws panels and
        sendqa/report reads the summary.)"""
        if self.config.enabled:
            self._collect()
            self.summary = site_summary(self._pages.values())


def _expansion_tips(glossary: Glossary) -> dict[str, str]:
    """Each acronym's full words, in lower case, with its explanation."""
    return {
        expansion.lower(): entry.explanation
        for entry in glossary.acronyms
        if entry.explanation
        for expansion in entry.expansions
    }
