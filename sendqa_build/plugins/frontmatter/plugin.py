"""Hooks of ``sendqa/frontmatter``: build the site index, then give each page its view data."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

from sendqa_build import buildlock
from sendqa_build.compiled import compiled_templates
from sendqa_build.containment import (
    ContainedSnippets,
    allowed_roots,
    outside_files,
    snippet_findings,
)
from sendqa_build.core.frontmatter import PageTypes
from sendqa_build.core.frontmatter.source import same_body
from sendqa_build.core.nesting import cap_nesting, guard_nesting
from sendqa_build.core.safety import make_safe, removal_findings
from sendqa_build.core.site import (
    IndexSettings,
    SiteIndex,
    SiteRules,
    index_fingerprint,
    load_site_rules,
    read_page,
)
from sendqa_build.core.view import page_view, safe_title
from sendqa_build.memory import hold_for_the_build, let_go_after_build, return_free_memory
from sendqa_build.models import Finding, printable
from sendqa_build.output import remove_stray_temporary_files
from sendqa_build.pagecache import PageCache
from sendqa_build.plugins.base import (
    SendqaPlugin,
    check_configured_paths,
    keep_results,
    kept_results,
    log,
    output_folders,
    project_root,
)
from sendqa_build.plugins.frontmatter.config import FrontMatterConfig
from sendqa_build.rules import RulesError

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from sendqa_build.core.site import PageRecord


class _PrintableLog(logging.Filter):
    """Shows control characters in any build message as ``<U+001B>``: MkDocs quotes links and
    file names from the content in its own warnings, and an escape sequence there would
    recolour or clear the terminal."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        shown = printable(message, lines=True)
        if shown is not message:
            record.msg, record.args = shown, None
        return True


def _printable_log() -> None:
    """Add ``_PrintableLog`` to every handler of MkDocs' logger (once): 'mkdocs', or under
    ProperDocs 'properdocs', whose command prints through that logger's handlers."""
    for name in ("mkdocs", "properdocs"):
        for handler in logging.getLogger(name).handlers:
            if not any(isinstance(f, _PrintableLog) for f in handler.filters):
                handler.addFilter(_PrintableLog())


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
        self.snippets = ContainedSnippets()
        """Keeps ``--8<--`` snippets inside the project (``containment.py``)."""
        self.lock: buildlock.BuildLock | None = None
        """This build's hold on the project (``buildlock.py``), from ``config`` to the end of
        ``post_build``."""

    @event_priority(100)  # First: no sendqa plugin starts work before the lock is held.
    def on_config(self, config: MkDocsConfig) -> None:
        """Hook for the ``config`` event: wait until no other build of the project runs, load
        the rules and reset last build's state."""
        self._release()
        check_configured_paths(config)
        if not self.check_only:  # sendqa check writes nothing, so needs no lock
            self.lock = buildlock.acquire(project_root(config), buildlock.command_name(), log.info)
            # Under the lock no other build writes here: what a killed build left is a stray.
            for path in remove_stray_temporary_files(output_folders(config)):
                log.debug("removed '%s', left by a build that was stopped", path)
            _printable_log()
        self.start_build(config)
        self.index = None
        self.snippets.roots = allowed_roots(project_root(config), config.docs_dir)
        self.snippets.take_refused()
        extensions: list[Any] = config.markdown_extensions
        if self.snippets not in extensions:
            extensions.append(self.snippets)  # after pymdownx.snippets, whose finder it guards
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
        # Even with the checks switched off: no file from outside the project is published.
        outside = self._leave_out_links_outside(files, config)
        if not self.config.enabled or self.rules is None:
            self.record(outside)
            return
        settings = IndexSettings(
            self.rules,
            self.today,
            self.default_review,
            self.catalogue.ids,
            home="index.md",
        )
        # Generated pages have no source file: the plugin that makes them checks them.
        pages = [f for f in files.documentation_pages() if f.abs_src_path is not None]
        cache = self._kept_front_matter(config, settings)
        read = [read_page(f.src_uri, f.url, str(f.abs_src_path), settings, cache) for f in pages]
        if cache is not None:
            keep_results(cache, "front matter")
        self.index = SiteIndex()
        unreadable: list[Finding] = []
        for file, page in zip(pages, read, strict=True):
            if page.record is None:
                unreadable.extend([page.problem] if page.problem else [])
                files.remove(file)
                continue
            if page.decoded is not None:
                file.content_string = page.decoded  # so MkDocs renders it instead of stopping
            self.index.pages[page.src] = page.record
        self.record([*outside, *unreadable, *self.index.findings()])

    def _kept_front_matter(self, config: MkDocsConfig, settings: IndexSettings) -> PageCache | None:
        """Each unchanged page's checked front matter from the last build (not for ``sendqa
        check``, which writes nothing)."""
        if self.check_only or self.site_rules is None:
            return None
        fingerprint = index_fingerprint(self.site_rules, settings)
        return kept_results(config, "front-matter", fingerprint)

    def _leave_out_links_outside(self, files: Files, config: MkDocsConfig) -> list[Finding]:
        """Take out of the build, before anything reads or copies them, the files of the docs
        folder (and of the theme's ``custom_dir``) that are links to files outside the project;
        give a finding for each."""
        local = {os.path.normpath(config.docs_dir)}
        custom = getattr(config.theme, "custom_dir", None)
        if custom:
            local.add(os.path.normpath(custom))
        candidates = {
            f.src_uri: f
            for f in files
            if f.abs_src_path is not None
            and os.path.normpath(f.src_dir or "") in local
            and f.inclusion.is_in_serve()  # 'exclude_docs' files are never read or copied
        }
        refused, findings = outside_files(
            ((src, str(f.abs_src_path)) for src, f in candidates.items()),
            config.docs_dir,
            self.snippets.roots,
        )
        for src in refused:
            files.remove(candidates[src])
        return findings

    @event_priority(90)  # Early, so templates and later plugins see the view data.
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Hook for the ``page_markdown`` event: attach view data; hide broken front matter."""
        self.snippets.take_refused()  # anything noted before this page's conversion
        record = self.page_record(page.file.src_uri)
        if record is None:
            return None
        page.meta["sendqa_view"] = page_view(record, self.today)
        title = record.meta.get("title")
        if isinstance(title, str) or "title" in page.meta:
            # Material prints the title unescaped (<title>, <h1>, navigation, search); give
            # it the checked title as HTML-safe text, so markup in it shows and never runs.
            page.meta["title"] = safe_title(title if isinstance(title, str) else record.title)
        body = markdown
        # MkDocs leaves front matter it cannot parse in the body; never publish it as text.
        if record.parts.front_matter is not None and markdown.lstrip().startswith("---"):
            body = record.body
        elif markdown is not record.body and same_body(markdown, record.body):
            # The index already holds this text (MkDocs only took the blank lines off its
            # start, which converts the same): give MkDocs that one, so a large site keeps
            # one copy of every page's Markdown, not two.
            body = record.body
        # Lists nested past 20 levels are cut to 20, as in the index (which reported them);
        # emphasis nested so deep that it would stop the build with a RecursionError in
        # Python-Markdown makes the page plain text.
        body = cap_nesting(body)[0]
        guarded, problem = guard_nesting(
            page.file.src_uri, body, record.body_line, _converter(config)
        )
        if problem is not None:
            self.record([problem])
            return guarded
        return None if body is markdown else body

    @event_priority(-100)  # Last: after every plugin has changed the page's HTML.
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Hook for the ``page_content`` event: take out anything that could run script."""
        refused = self.snippets.take_refused()
        if refused:
            record = self.page_record(page.file.src_uri)
            lines = list(record.body_lines()) if record is not None else []
            self.record(snippet_findings(page.file.src_uri, refused, lines))
        if not self.config.enabled:
            return None
        safe, found = self._safe(page.file.src_uri, html)
        self.record(found)
        return safe

    def _safe(self, src: str, html: str) -> tuple[str, list[Finding]]:
        """The page's HTML with anything that could run script taken out, and a finding for
        each thing taken out (at its line in the Markdown)."""
        safe, removed = make_safe(html)
        if not removed:
            return safe, []
        record = self.page_record(src)
        lines = list(record.body_lines()) if record is not None else []
        return safe, removal_findings(src, removed, lines)

    def check_html(self, record: PageRecord, html: str) -> list[Finding]:
        """What the build takes out of the page's HTML because it could run script."""
        return self._safe(record.src, html)[1]

    def convert(self, record: PageRecord) -> tuple[str, list[Finding]]:
        """For ``sendqa check``: the page's body as HTML, converted as in ``on_page_markdown``
        with the site's Markdown extensions (nesting capped, snippets kept inside the project),
        and the findings of that conversion."""
        body = cap_nesting(record.body)[0]
        assert self._build_config is not None, "on_config first"
        convert = _converter(self._build_config)
        guarded, problem = guard_nesting(record.src, body, record.body_line, convert)
        self.snippets.take_refused()  # only what this page's own conversion refuses
        html = str(convert(guarded))
        refused = self.snippets.take_refused()
        found = [problem] if problem is not None else []
        found += snippet_findings(record.src, refused, list(record.body_lines()))
        return html, found

    @event_priority(-100)  # Last: the navigation and every plugin's data for the pages made.
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> None:
        """Hook for the ``nav`` event: what every page needs lives until the build ends; keep
        it out of the garbage collector's scans while the pages are made (``memory.py``)."""
        hold_for_the_build()

    @event_priority(-100)  # Last: after any plugin that changes how templates are compiled.
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> None:
        """Hook for the ``env`` event: load the theme's templates as compiled in an earlier
        build, instead of compiling them again (``compiled.py``)."""
        if env.bytecode_cache is None:
            env.bytecode_cache = compiled_templates("theme", env)

    @event_priority(-1000)  # Last: after every plugin that reads the page's HTML.
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hook for the ``post_page`` event: drop the view data and the converted HTML once the
        page is written (MkDocs keeps every page's ``meta`` and ``content`` until the build
        ends; only the templates and the search index, made before this, read them). The
        content becomes ``""``, not None: MkDocs reads a page's title again from its Markdown
        when its content is None, and other pages' menus show that title."""
        page.meta.pop("sendqa_view", None)
        page.content = ""
        return None

    @event_priority(50)  # Before the search plugin (default priority) writes its index.
    def _free_memory(self, *, config: MkDocsConfig) -> None:
        """Every page is written: give the memory freed while rendering them back to the
        system before the search index, the largest text of the build, is made (``memory.py``)."""
        let_go_after_build()
        return_free_memory()

    @event_priority(-1000)  # After every plugin's post_build, the QA report's (-100) too.
    def _end_build(self, *, config: MkDocsConfig) -> None:
        """Every file is written; let the next build start."""
        self._release()

    on_post_build = CombinedEvent(_free_memory, _end_build)
    """Hook for the ``post_build`` event: ``_free_memory``, then ``_end_build`` last."""

    def on_build_error(self, *, error: Exception) -> None:
        """Hook for the ``build_error`` event: let the next build start."""
        let_go_after_build()
        self._release()

    def on_shutdown(self) -> None:
        """Hook for the ``shutdown`` event: let the next build start."""
        self._release()

    def _release(self) -> None:
        lock, self.lock = self.lock, None
        if lock is not None:
            lock.release()

    def page_record(self, src: str) -> Any:
        """The index entry for a page (for other plugins and templates)."""
        return self.index.get(src) if self.index else None


def _converter(config: MkDocsConfig) -> Callable[[str], object]:
    """Converts Markdown with the site's extensions (made only when a page needs it)."""

    def convert(text: str) -> object:
        import markdown

        md = markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs
        )
        return md.convert(text)

    return convert
