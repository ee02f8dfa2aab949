"""Hooks of ``sendqa/frontmatter``: build the site index, then give each page its view data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sendqa_build.core.frontmatter import PageTypes
from sendqa_build.core.frontmatter.source import same_body
from sendqa_build.core.safety import make_safe, removal_findings
from sendqa_build.core.site import (
    SiteIndex,
    SiteRules,
    build_index,
    decode_source,
    load_site_rules,
    unreadable_file,
)
from sendqa_build.core.view import page_view, safe_title
from sendqa_build.models import Finding
from sendqa_build.plugins.base import SendqaPlugin
from sendqa_build.plugins.frontmatter.config import FrontMatterConfig
from sendqa_build.rules import RulesError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


class FrontMatterPlugin(SendqaPlugin):
    """Checks front matter against ``checks/page-types.yml`` and shares the site index."""

    config_class = FrontMatterConfig
    config: FrontMatterConfig
    check = "front-matter"

    def __init__(self) -> None:
        super().__init__()
        self.index: SiteIndex | None = None
        self.rules: PageTypes | None = None
        self.site_rules: SiteRules | None = None
        """Page types, catalogue and default review period, shared via ``site_rules()``."""

    def on_config(self, config: MkDocsConfig) -> None:
        """Hook for the ``config`` event: load the rules and reset last build's state."""
        self.start_build(config)
        self.index = None
        try:
            site_rules = load_site_rules(Path(self.config.rules_dir), self.config.default_review_in)
        except RulesError as exc:
            raise PluginError(str(exc)) from exc
        self.site_rules = site_rules
        self.rules = site_rules.page_types
        self.catalogue = site_rules.catalogue
        self.default_review = site_rules.default_review

    @event_priority(100)  # First: every other sendqa plugin reads the index in its on_files.
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> None:
        """Hook for the ``files`` event: read and check every page's front matter once."""
        if not self.config.enabled or self.rules is None:
            return
        unreadable: list[Finding] = []

        def sources() -> Iterator[tuple[str, str, str, list[Finding]]]:
            # One page at a time: the whole site's text is never held at once.
            for file in files.documentation_pages():
                if file.abs_src_path is None:
                    continue  # generated pages are checked by the plugin that makes them
                try:
                    raw = Path(file.abs_src_path).read_bytes()
                except OSError as exc:
                    # Leave the page out (MkDocs would stop the whole build on it); say why.
                    unreadable.append(unreadable_file(file.src_uri, exc))
                    files.remove(file)
                    continue
                text, reading = decode_source(raw, file.src_uri)
                del raw
                if reading:
                    file.content_string = text  # so MkDocs renders it instead of stopping
                yield file.src_uri, file.url, text, reading

        self.index = build_index(
            sources(),
            self.rules,
            today=self.today,
            default_review=self.default_review,
            known_requirements=self.catalogue.ids,
            home="index.md",
        )
        self.record([*unreadable, *self.index.findings()])

    @event_priority(90)  # Early, so templates and later plugins see the view data.
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Hook for the ``page_markdown`` event: attach view data; hide broken front matter."""
        record = self.page_record(page.file.src_uri)
        if record is None:
            return None
        page.meta["sendqa_view"] = page_view(record, self.today)
        title = record.meta.get("title")
        if isinstance(title, str) or "title" in page.meta:
            # Material prints the title unescaped (<title>, <h1>, navigation, search); give
            # it the checked title as HTML-safe text, so markup in it shows and never runs.
            page.meta["title"] = safe_title(title if isinstance(title, str) else record.title)
        # MkDocs leaves front matter it cannot parse in the body; never publish it as text.
        if record.parts.front_matter is not None and markdown.lstrip().startswith("---"):
            return record.body
        if markdown is not record.body and same_body(markdown, record.body):
            # The index already holds this text (MkDocs only took the blank lines off its
            # start, which converts the same): give MkDocs that one, so a large site keeps
            # one copy of every page's Markdown, not two.
            return record.body
        return None

    @event_priority(-100)  # Last: after every plugin has changed the page's HTML.
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Hook for the ``page_content`` event: take out anything that could run script."""
        if not self.config.enabled:
            return None
        safe, removed = make_safe(html)
        if removed:
            record = self.page_record(page.file.src_uri)
            lines = list(record.body_lines()) if record is not None else []
            self.record(removal_findings(page.file.src_uri, removed, lines))
        return safe

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hook for the ``post_page`` event: drop the view data once the page is written
        (MkDocs keeps every page's ``meta`` until the build ends; only the templates read it)."""
        page.meta.pop("sendqa_view", None)
        return None

    def page_record(self, src: str) -> Any:
        """The index entry for a page (for other plugins and templates)."""
        return self.index.get(src) if self.index else None
