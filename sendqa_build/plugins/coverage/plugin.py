"""Hooks of ``sendqa/coverage``: check the site against the requirement catalogue once every
page's front matter is known, and keep the coverage matrix for the QA report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sendqa_build.core.coverage import (
    SHOWN_FIELDS,
    CoverageResult,
    SourcePage,
    coverage_of,
    kept_fingerprint,
)
from sendqa_build.core.frontmatter import PageTypes
from sendqa_build.core.requirements import Catalogue
from sendqa_build.core.site import PageRecord, SiteIndex
from sendqa_build.models import Finding, Severity
from sendqa_build.pagecache import PageCache
from sendqa_build.plugins.base import (
    SendqaPlugin,
    council_setting,
    keep_results,
    kept_results,
    site_index,
    site_rules,
)
from sendqa_build.plugins.coverage.config import CoverageConfig
from sendqa_build.summaries import CoverageSummary

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


class CoveragePlugin(SendqaPlugin):
    """Reports missing and thin statutory requirements and missing page-type headings."""

    config_class = CoverageConfig
    config: CoverageConfig
    check = "coverage"

    def __init__(self) -> None:
        super().__init__()
        self.summary: CoverageSummary | None = None
        """The ``coverage`` summary for the QA report (``summaries.CoverageSummary``)."""

    def on_config(self, config: MkDocsConfig) -> None:
        """Hook for the ``config`` event: forget the last build's results."""
        self.start_build(config)
        self.summary = None

    # After sendqa/frontmatter (priority 100) has built the site index.
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> None:
        """Hook for the ``files`` event: check coverage over every page's front matter and body,
        log the findings and keep the summary for the QA report."""
        if not self.config.enabled:
            return
        cache = self._kept(config)
        result = coverage_of(*self._arguments(list(site_index(config))), cache=cache)
        keep_results(cache, "coverage")
        self.record(result.findings)
        self.summary = result.summary()

    def _kept(self, config: MkDocsConfig) -> PageCache:
        """Each page's coverage as the last build worked it out, for the pages unchanged
        since."""
        fingerprint = kept_fingerprint(site_rules(config).stamp, council_setting(config, "area"))
        return kept_results(config, "coverage", fingerprint)

    def _arguments(
        self, pages: Sequence[PageRecord], guidance: Severity | None = None
    ) -> tuple[list[SourcePage], Catalogue, PageTypes, Severity, str | None]:
        """``coverage_of``'s arguments for these pages, with the rules of this build."""
        config = self._build_config
        assert config is not None, "on_config first"
        rules = site_rules(config)  # what sendqa/frontmatter already loaded from checks/
        if guidance is None:
            guidance = Severity.WARNING if self.config.guidance_level == "warn" else Severity.INFO
        sources: list[SourcePage] = [
            (
                r.src,
                r.meta,
                r.body,
                r.result.line_of("covers"),
                r.body_line,
                {key: r.result.line_of(key) for key in SHOWN_FIELDS},
            )
            for r in pages
        ]
        return sources, rules.catalogue, rules.page_types, guidance, council_setting(config, "area")

    def coverage(
        self, pages: Sequence[PageRecord], guidance: Severity | None = None
    ) -> CoverageResult:
        """Coverage of ``pages`` alone (``sendqa check``, ``--explain``)."""
        return coverage_of(*self._arguments(pages, guidance))

    def check_pages(self, index: SiteIndex, pages: Sequence[PageRecord]) -> list[Finding]:
        """Page-type headings and requirements missing on these pages (the findings about the
        whole site, such as a requirement no page covers, need every page)."""
        return self.coverage(pages).findings
