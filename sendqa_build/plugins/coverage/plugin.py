"""Hooks of ``sendqa/coverage``: check the site against the requirement catalogue once every
page's front matter is known, and keep the coverage matrix for the QA report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sendqa_build import background
from sendqa_build.core.coverage import SHOWN_FIELDS, CoverageResult, coverage_of
from sendqa_build.core.frontmatter import PageTypes
from sendqa_build.core.requirements import Catalogue
from sendqa_build.models import Severity
from sendqa_build.plugins.base import SendqaPlugin, council_setting, site_index, site_rules
from sendqa_build.plugins.coverage.config import CoverageConfig

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


class CoveragePlugin(SendqaPlugin):
    """Reports missing and thin statutory requirements and missing page-type headings."""

    config_class = CoverageConfig
    config: CoverageConfig
    check = "coverage"

    def __init__(self) -> None:
        super().__init__()
        self.catalogue: Catalogue | None = None
        self.rules: PageTypes | None = None
        self.summary: dict[str, Any] = {}
        """The ``coverage`` summary for the QA report (see ARCHITECTURE.md)."""
        self._task: background.Task[CoverageResult] | None = None
        self.checked_in_background = False
        """True when this build's coverage ran in a second process (tests read it)."""

    def on_config(self, config: MkDocsConfig) -> None:
        """Hook for the ``config`` event: forget the last build's results."""
        self.start_build(config)
        self.summary = {}
        self._task = None

    # After sendqa/frontmatter (priority 100) has built the site index.
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> None:
        """Hook for the ``files`` event: check coverage over every page's front matter and body
        (on a large site in a second process from ``on_env``, collected in ``on_post_build``)."""
        if not self.config.enabled:
            return
        # The catalogue and page types sendqa/frontmatter already loaded from checks/.
        rules = site_rules(config)
        self.catalogue, self.rules = rules.catalogue, rules.page_types
        index = site_index(config)
        sources = [
            (
                r.src,
                r.meta,
                r.body,
                r.result.line_of("covers"),
                r.body_line,
                {key: r.result.line_of(key) for key in SHOWN_FIELDS},
            )
            for r in index
        ]
        guidance = Severity.WARNING if self.config.guidance_level == "warn" else Severity.INFO
        in_background = self.config.in_background(len(sources))
        self._task = self.submit_after_conversion(
            coverage_of,
            sources,
            self.catalogue,
            self.rules,
            guidance,
            council_setting(config, "area"),
            in_background=in_background,
        )
        if not in_background:
            self._collect()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Hook for the ``post_build`` event: the findings of a background check, and the
        summary for the QA report (default priority: before sendqa/report reads it)."""
        if self.config.enabled:
            self._collect()

    def _collect(self) -> None:
        """Log the coverage findings and keep the summary for the QA report."""
        if self._task is None:
            return
        result = self._task.result()
        self.checked_in_background = self._task.ran_in_background
        self._task = None
        self.record(result.findings)
        self.summary = result.summary()
