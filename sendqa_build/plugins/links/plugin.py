"""Hooks of ``sendqa/links``: collect every page's links, check them after the build, report.

Links from a page to other files of the site are checked by ``core.broken_relative_links`` on
each page's HTML (``check_html``, also run by ``sendqa check``); MkDocs' own warnings for the same
links (``not_found``, ``unrecognized_links``) are lowered to debug so each broken link gives one
message. MkDocs keeps the checks that need the built site (a heading on another page, absolute
links); this plugin counts those warnings for the QA report. It also checks the links MkDocs never
sees: full addresses into this site (``contact.website`` too) and links in pages other plugins
generate. External links are checked once per address with LinkChecker.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import posixpath
import re
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure import pages as mkdocs_pages

from sendqa_build.core import links as core
from sendqa_build.core.linkcache import LinkCache
from sendqa_build.core.linkcheck import (
    LinkcheckError,
    LinkcheckSettings,
    diagnose,
    is_online,
    run_linkchecker,
)
from sendqa_build.models import Finding, Severity
from sendqa_build.output import write_atomic
from sendqa_build.pagecache import PageCache, digest
from sendqa_build.plugins.base import (
    SendqaPlugin,
    keep_results,
    kept_results,
    rules_dir,
    site_index,
)
from sendqa_build.plugins.links.config import LinksConfig
from sendqa_build.rules import RulesError, load_rules_file
from sendqa_build.summaries import LinksSummary

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from sendqa_build.core.site import PageRecord, SiteIndex

log = get_plugin_logger("sendqa")

ENV_SWITCH = "SENDQA_EXTERNAL_LINKS"
"""``SENDQA_EXTERNAL_LINKS=false`` skips external checks (``true`` forces them on)."""

_MKDOCS_LINK = re.compile(
    r"^Doc file '(?P<page>[^']+)' contains (?:a|an absolute|an unrecognized relative) "
    r"link '(?P<link>[^']*)'"
)


def _doc_target(page: str, link: str) -> str:
    """The docs path a broken relative link points to (MkDocs names the link, not the path):
    from the linking page's folder, or from the docs folder for a link starting with '/'."""
    path = link.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return page  # an anchor on the page itself
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


class _OwnLinkWarnings(logging.Filter):
    """Drops MkDocs' warning about a missing heading on the same page: ``broken_relative_links``
    reports that link already (MkDocs' other anchor warnings, about other pages, stay)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "there is no such anchor on this page" not in record.getMessage()


class _MkDocsLinkWarnings(logging.Handler):
    """Counts MkDocs' remaining link warnings (already logged by MkDocs) for the QA report."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.found: list[tuple[str, str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        match = _MKDOCS_LINK.match(record.getMessage())
        if match:
            self.found.append((match["page"], match["link"], record.getMessage()))


class LinksPlugin(SendqaPlugin):
    """Broken internal links fail ``--strict``; external ones are checked, cached and reported."""

    config_class = LinksConfig
    config: LinksConfig
    check = core.CHECK

    def __init__(self) -> None:
        super().__init__()
        self.rules = core.LinkRules()
        self.summary: LinksSummary | None = None
        self.uses: list[core.LinkUse] = []
        self.generated: list[tuple[str, str]] = []
        self.index: SiteIndex | None = None
        self.now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc)
        """The wall clock for cache ages (real time, not SENDQA_TODAY); tests may replace it."""
        self._mkdocs_warnings = _MkDocsLinkWarnings()
        self._own_warnings = _OwnLinkWarnings()
        self._page_broken = 0
        """Broken links ``check_html`` found in this build's pages (for the QA report)."""
        self.site_files: set[str] = set()
        """Every file of the site (docs folder and generated), for ``check_html``."""
        self.generated_folders: tuple[str, ...] = ()
        self.site_urls: set[str] = set()
        """In a build, the address of every file of the site (``posixpath.normpath``)."""
        """Paths of pages other plugins will generate (a folder ends with ``/``), for
        ``sendqa check``, which never generates them."""
        self._broken_targets: list[tuple[str, int | None, str]] = []
        """Where each broken internal link points: (page, line, target), for the QA report."""
        self._external: Future[tuple[bool, str | None, dict[str, core.Outcome]]] | None = None
        """External checks started in ``on_files``; their result is read in ``on_post_build``."""
        self._external_list: list[core.LinkUse] | None = None
        """``_external_uses`` as found in ``on_files`` (``self.uses`` does not change after)."""
        self._clean: PageCache | None = None
        """Pages whose links all led somewhere in the last build (``_kept_problems``)."""

    def on_config(self, config: MkDocsConfig) -> None:
        """Hook for the ``config`` event: load the rules, start counting MkDocs' link warnings."""
        self.start_build(config)
        self.summary, self.uses, self.generated = None, [], []
        self._external, self._external_list = None, None
        self._broken_targets = []
        self._page_broken = 0
        self.site_files, self.site_urls, self.generated_folders = set(), set(), ()
        self.index = None
        self._clean = None
        path = rules_dir(config) / "links.yml"
        try:
            self.rules = core.LinkRules.from_data(load_rules_file(path), path)
        except RulesError as exc:
            raise PluginError(str(exc)) from exc
        self._mkdocs_warnings.found = []
        if self.check_only or not self.config.enabled:
            return
        # One message per broken link: ours (check_html), not also MkDocs'.
        links = config.validation.links
        links.not_found = min(links.not_found, logging.DEBUG)
        links.unrecognized_links = min(links.unrecognized_links, logging.DEBUG)
        # The pages module's own logger: 'mkdocs.structure.pages', or under ProperDocs (which
        # serves mkdocs.* imports from properdocs.*) 'properdocs.structure.pages'.
        mkdocs_pages.log.addHandler(self._mkdocs_warnings)
        mkdocs_pages.log.addFilter(self._own_warnings)

    def set_files(self, paths: Iterable[str], generated: Iterable[str] = ()) -> None:
        """The files of the site that links may point to (``generated``: pages, or folders
        ending with ``/``, that plugins add during the build)."""
        self.site_files = set(paths)
        self.generated_folders = tuple(generated)

    def _exists(self, path: str) -> bool:
        return path in self.site_files or path.startswith(self.generated_folders)

    def check_html(self, record: PageRecord, html: str) -> list[Finding]:
        """Links from the page to files of the site that do not exist, or to a heading that is
        not on the page (``core.broken_relative_links``)."""
        return [finding for finding, _ in self._problems(record, html)]

    def _problems(self, record: PageRecord, html: str) -> list[tuple[Finding, str]]:
        """``check_html``'s findings, each with the path it points to."""
        resolved = None
        if self.site_urls:
            # In a build, MkDocs has turned links to existing files into their addresses.
            base = posixpath.dirname(record.url)  # as a browser resolves them

            def resolved(path: str) -> bool:
                return posixpath.normpath(posixpath.join(base, path)) in self.site_urls

        def lines() -> Iterator[tuple[int, str]]:
            yield from record.body_lines()  # split only for a page with a broken link

        return core.relative_link_problems(record.src, html, lines(), self._exists, resolved)

    @event_priority(50)  # Early: the HTML as converted from the page's Markdown.
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Hook for the ``page_content`` event: check the page's links to the site's files."""
        if not self.config.enabled or page.file.generated_by is not None:
            return None  # generated pages are checked in on_post_build, in the built site
        record = self.index.get(page.file.src_uri) if self.index is not None else None
        if record is not None:
            problems = self._kept_problems(record, html)
            if problems:
                self.record(finding for finding, _ in problems)
            self._page_broken += len(problems)
            for finding, target in problems:
                self._broken_targets.append((record.src, finding.line, target))
        return None

    def _kept_problems(self, record: PageRecord, html: str) -> list[tuple[Finding, str]]:
        """``_problems``, except for a page whose links all led somewhere in the last build,
        with the same HTML and the same files in the site (then none do now)."""
        if self._clean is None:
            return self._problems(record, html)
        return self._clean.reuse(
            digest(record.src, record.url, html),
            lambda: self._problems(record, html),
            lambda problems: None if problems else 0,  # only pages with nothing wrong are kept
            lambda _kept: [],
        )

    def _site_stamp(self) -> str:
        """What every page's links are checked against: the site's files and addresses."""
        return digest(
            *sorted(self.site_files), "", *self.generated_folders, "", *sorted(self.site_urls)
        )

    @event_priority(-50)  # Late: after plugins that generate pages in their on_files.
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> None:
        """Hook for the ``files`` event: find every web address in every page, and start
        checking the external ones in the background while MkDocs renders the pages."""
        if not self.config.enabled:
            return
        self.set_files(file.src_uri for file in files)
        self.site_urls = {
            posixpath.normpath(address) for file in files for address in (file.url, file.dest_uri)
        }
        if not self.check_only:
            self._clean = kept_results(config, "links-pages", self._site_stamp())
        self._collect_uses(files, config)
        uses = self._external_list = self._external_uses(config)
        # LinkChecker mostly waits on the network: overlap that with rendering the pages.
        worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sendqa-links")
        self._external = worker.submit(self._check_external, config, uses)
        worker.shutdown(wait=False)

    def _collect_uses(self, files: Files, config: MkDocsConfig) -> None:
        """Every web address in the pages' Markdown, contact websites and generated pages."""
        self.index = site_index(config)
        for record in self.index:
            for line, url in core.find_urls(record.body, record.body_line):
                self.uses.append(core.LinkUse(record.src, line, url))
            contact = record.meta.get("contact")
            if isinstance(contact, dict) and contact.get("website"):
                line = record.result.line_of("contact.website")
                self.uses.append(
                    core.LinkUse(record.src, line, contact["website"], "contact.website")
                )
        for file in files.documentation_pages():
            if file.generated_by is None:
                continue
            self.generated.append((file.src_uri, file.url))
            found = core.find_urls(file.content_string)
            self.uses.extend(core.LinkUse(file.src_uri, n, url) for n, url in found)

    @event_priority(60)  # Every page is written; before the search plugin writes its index.
    def _pages_checked(self, *, config: MkDocsConfig) -> None:
        """Drop the addresses ``check_html`` looked links up in (every file of the site, twice):
        nothing reads them after the pages, and the search index, the build's largest text,
        is made next; keep which pages had nothing wrong for the next build."""
        self.site_files, self.site_urls = set(), set()
        clean, self._clean = self._clean, None
        if clean is not None:
            keep_results(clean, "links between pages")

    def _check_links(self, *, config: MkDocsConfig) -> None:
        """Check the links and record what is wrong."""
        self._stop_counting()
        if not self.config.enabled:
            return
        targets = _Targets(Path(config.site_dir))
        internal = [*self._own_site_findings(config, targets), *self._generated_findings(targets)]
        external_uses = self._external_list
        if external_uses is None:
            external_uses = self._external_uses(config)
        self._external_list = None
        if self._external is not None:
            checked, reason, outcomes = self._external.result()  # started in on_files
        else:
            checked, reason, outcomes = self._check_external(config, external_uses)
        self._external = None
        external = core.external_findings(
            external_uses, outcomes, fail_on_unverified=self.config.fail_on_unverified
        )
        if not checked and reason and self._external_wanted():
            external.append(
                Finding(self.check, None, None, Severity.INFO, f"external links were {reason}")
            )
        self.record([*internal, *external])
        mkdocs_findings = self._mkdocs_findings()
        self.findings.extend(mkdocs_findings)  # MkDocs has logged these already
        self.summary = core.links_summary(
            pages=[record.src for record in self.index or []],
            checked=checked,
            reason=reason,
            outcomes=outcomes,
            findings=[*self.findings],
            internal_broken=len(internal) + len(mkdocs_findings) + self._page_broken,
            unique=len({core.canonical_url(use.url) or use.url.strip() for use in external_uses}),
            internal_targets=self._broken_targets,
        )

    on_post_build = CombinedEvent(_pages_checked, _check_links)
    """Hook for the ``post_build`` event: ``_pages_checked``, then ``_check_links``."""

    def _external_uses(self, config: MkDocsConfig) -> list[core.LinkUse]:
        """Links to other sites that are not ignored by the rules."""
        external: dict[str, bool] = {}  # by address: a site links to the same ones many times
        for use in self.uses:
            if use.url not in external:
                external[use.url] = core.own_site_path(
                    use.url, config.site_url
                ) is None and not self.rules.ignores(core.canonical_url(use.url) or use.url)
        return [use for use in self.uses if external[use.url]]

    def on_build_error(self, *, error: Exception) -> None:
        """Hook for the ``build_error`` event: stop listening to MkDocs' log."""
        self._stop_counting()

    def on_shutdown(self) -> None:
        """Hook for the ``shutdown`` event: stop listening to MkDocs' log."""
        self._stop_counting()

    # -- internal links ----------------------------------------------------------------------

    def _stop_counting(self) -> None:
        mkdocs_pages.log.removeHandler(self._mkdocs_warnings)
        mkdocs_pages.log.removeFilter(self._own_warnings)

    def _own_site_findings(self, config: MkDocsConfig, targets: _Targets) -> list[Finding]:
        """Full addresses into this site (https://our-site/...) that point nowhere."""
        findings = []
        for use in self.uses:
            path = core.own_site_path(use.url, config.site_url)
            if path is None:
                continue
            finding = targets.finding(use, path, core.fragment_of(use.url))
            if finding is not None:
                findings.append(finding)
                self._broken_targets.append((use.page, use.line, path))
        return findings

    def _generated_findings(self, targets: _Targets) -> list[Finding]:
        """Relative links in the built HTML of generated pages (they bypass MkDocs' checks)."""
        findings = []
        for src, url in self.generated:
            page_file = core.resolve_site_path(url, targets.is_file)
            if page_file is None:
                continue
            html = (targets.site_dir / page_file).read_text("utf-8")
            candidates = core.article_href_candidates(html)
            if candidates is not None and not any(targets.broken(url, href) for href in candidates):
                continue  # none of the links the parser could find is broken: skip parsing
            _, hrefs = core.html_ids_and_links(html)
            for href in hrefs:
                target = core.relative_target(url, href)
                if target is not None:
                    use = core.LinkUse(src, None, href)
                    finding = targets.finding(use, target[0], target[1])
                    if finding is not None:
                        findings.append(finding)
                        self._broken_targets.append((src, None, target[0]))
        return findings

    def _mkdocs_findings(self) -> list[Finding]:
        """MkDocs' own link warnings as findings for the QA report, with the line when found."""
        lines: dict[str, list[tuple[int, str]]] = {}
        findings = []
        for page, link, message in self._mkdocs_warnings.found:
            if page not in lines:
                lines[page] = self._body_lines(page)
            line = next((n for n, text in lines[page] if link and link in text), None)
            findings.append(Finding(self.check, page, line, Severity.WARNING, message))
            self._broken_targets.append((page, line, _doc_target(page, link)))
        return findings

    def _body_lines(self, src: str) -> list[tuple[int, str]]:
        record = self.index.get(src) if self.index is not None else None
        return list(record.body_lines()) if record is not None else []

    # -- external links ----------------------------------------------------------------------

    def _external_wanted(self) -> bool:
        """Whether external links should be checked in this build (config, env, serve)."""
        switch = os.environ.get(ENV_SWITCH, "").strip().lower()
        if switch in ("0", "false", "no", "off"):
            return False
        if switch in ("1", "true", "yes", "on"):
            return True
        if self.is_serve and not self.config.check_external_on_serve:
            return False
        return bool(self.config.check_external)

    def _cache_path(self, config: MkDocsConfig) -> Path:
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        return root / self.config.cache_dir / "links.json"

    def _check_external(
        self, config: MkDocsConfig, uses: list[core.LinkUse]
    ) -> tuple[bool, str | None, dict[str, core.Outcome]]:
        """Outcomes by address: from the cache when fresh, else from LinkChecker."""
        outcomes: dict[str, core.Outcome] = {}
        wanted: set[str] = set()
        for use in uses:
            key = core.canonical_url(use.url)
            if key is None:
                outcomes[use.url.strip()] = core.INVALID
            else:
                wanted.add(key)
        if not wanted:
            return True, None, outcomes
        if not self._external_wanted():
            why = "not checked: switched off"
            if self.is_serve and not self.config.check_external_on_serve:
                why = "not checked: 'mkdocs serve' skips them to stay fast"
            log.debug("external links %s", why)
            return False, why, outcomes
        now = self.now()
        ttl = dt.timedelta(days=max(0, self.config.cache_days))
        unverified_ttl = min(ttl, dt.timedelta(days=1))
        cache_file = self._cache_path(config)
        cache = LinkCache.loads(_read(cache_file))
        todo = []
        for key in sorted(wanted):
            cached = cache.fresh(key, now, ttl, unverified_ttl)
            if cached is None:
                todo.append(key)
            else:
                outcomes[key] = cached
        reason = None
        if todo:
            probe = self.config.connectivity_probe.strip()
            if probe and not is_online(probe, timeout=min(5, self.config.timeout)):
                reason = (
                    f"not checked: no internet connection ('{probe}' did not answer); "
                    "they will be checked on the next build with internet access"
                )
                return False, reason, outcomes
            results = self._run(todo)
            for key in todo:
                raw = results.get(key)
                if raw is None:
                    outcomes[key] = core.Outcome(
                        core.UNVERIFIED,
                        f"not checked before the time limit of {self.config.budget} seconds",
                    )
                    continue
                diagnosis = (
                    diagnose(key, self.config.timeout) if core.needs_diagnosis(raw) else None
                )
                outcomes[key] = core.classify(
                    raw, self.rules, timeout=self.config.timeout, diagnosis=diagnosis
                )
                cache.put(key, outcomes[key], now)
        cache.prune(now, ttl)
        try:
            write_atomic(cache_file, cache.dumps())
        except OSError as exc:
            log.info("the link results cache '%s' could not be written (%s)", cache_file, exc)
        return True, reason, outcomes

    def _run(self, urls: list[str]) -> dict[str, Any]:
        settings = LinkcheckSettings(
            timeout=self.config.timeout, budget=self.config.budget, threads=self.config.threads
        )
        try:
            return run_linkchecker(urls, settings)
        except LinkcheckError as exc:
            raise PluginError(f"External links could not be checked: {exc}") from exc


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


class _Targets:
    """Whether link targets exist in the built site, each file looked at once per build.

    Generated pages link to the same service pages many times over; the site does not change
    during ``on_post_build``, so every answer is kept.
    """

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self._root = os.fspath(site_dir)
        self._files: dict[str, bool] = {}
        self._ids: dict[str, set[str]] = {}
        self._missing: dict[tuple[str, str], tuple[str, str | None] | None] = {}

    def is_file(self, path: str) -> bool:
        """True when the site-relative ``path`` is a file of the build."""
        if path not in self._files:
            # Not pathlib: half the time, for the hundreds of pages a generated page links to
            # (``path`` comes normalised from ``core.resolve_site_path``).
            self._files[path] = os.path.isfile(f"{self._root}/{path}")  # noqa: PTH113
        return self._files[path]

    def _problem(self, path: str, anchor: str) -> tuple[str, str | None] | None:
        """What is missing (the target, and the anchor or None), or None when it exists."""
        key = (path, anchor)
        if key not in self._missing:
            problem: tuple[str, str | None] | None = None
            target = core.resolve_site_path(path, self.is_file)
            if target is None:
                problem = (path or "/", None)
            elif anchor and target.endswith(".html"):
                if target not in self._ids:
                    html = (self.site_dir / target).read_text("utf-8")
                    self._ids[target] = core.html_ids_and_links(html)[0]
                if anchor not in self._ids[target]:
                    problem = (path or "/", anchor)
            self._missing[key] = problem
        return self._missing[key]

    def finding(self, use: core.LinkUse, path: str, anchor: str) -> Finding | None:
        """A finding when ``path`` (site-relative) or its ``#anchor`` does not exist."""
        problem = self._problem(path, anchor)
        return None if problem is None else core.internal_finding(use, *problem)

    def broken(self, page_url: str, href: str) -> bool:
        """True when ``href`` on the page at ``page_url`` would give a finding."""
        target = core.relative_target(page_url, href)
        return target is not None and self._problem(*target) is not None
