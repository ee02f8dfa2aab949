"""Hooks of ``sendqa/freshness``: check every page's review date, then write the review lists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from sendqa_build.core.freshness import (
    FreshnessRules,
    PageReview,
    reader_notice,
    review_findings,
    review_lists,
    review_site,
    review_summary,
)
from sendqa_build.core.site import PageRecord, SiteIndex
from sendqa_build.models import Finding
from sendqa_build.output import not_written, write_atomic
from sendqa_build.plugins.base import SendqaPlugin, log, report_dir, rules_dir, site_index
from sendqa_build.plugins.freshness.config import FreshnessConfig
from sendqa_build.rules import RulesError, load_rules_file
from sendqa_build.summaries import FreshnessSummary

if TYPE_CHECKING:
    from collections.abc import Sequence

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

RULES_FILE = "freshness.yml"
NOTICE_GLOBAL = "sendqa_review_notice"
"""Template variable with the reader notice's wording (read by ``overrides/main.html``)."""


class FreshnessPlugin(SendqaPlugin):
    """Warns about pages past their review-by date and lists every page's review state."""

    config_class = FreshnessConfig
    config: FreshnessConfig
    check = "freshness"

    def __init__(self) -> None:
        super().__init__()
        self.rules: FreshnessRules | None = None
        self.reviews: list[PageReview] = []
        self.summary: FreshnessSummary | None = None

    def on_config(self, config: MkDocsConfig) -> None:
        """Hook for the ``config`` event: load ``checks/freshness.yml``, forget the last build."""
        self.start_build(config)
        self.reviews, self.summary, self.rules = [], None, None
        if not self.config.enabled:
            return
        path = rules_dir(config) / RULES_FILE
        try:
            self.rules = FreshnessRules.from_data(load_rules_file(path), path)
        except RulesError as exc:
            raise PluginError(str(exc)) from exc

    def check_pages(self, index: SiteIndex, pages: Sequence[PageRecord]) -> list[Finding]:
        """Pages past (or near) their review-by date."""
        if self.rules is None:
            return []
        own = SiteIndex({page.src: page for page in pages})
        return review_findings(review_site(own, self.today, self.rules), self.rules)

    # Default priority: after sendqa/frontmatter (100) has built the site index.
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> None:
        """Hook for the ``files`` event: work out every page's review state and report it."""
        if self.rules is None:
            return
        index = site_index(config)
        self.reviews = review_site(index, self.today, self.rules)
        self.record(review_findings(self.reviews, self.rules))  # check_pages, on reviews made once
        self.summary = review_summary(self.reviews)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> None:
        """Hook for the ``env`` event: give the theme the reader notice's wording."""
        env.globals[NOTICE_GLOBAL] = reader_notice(self.rules) if self.rules else None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Hook for the ``post_build`` event: write ``reviews.json`` and ``reviews.csv``."""
        if self.rules is None or not self.config.review_lists:
            return
        outputs = review_lists(self.reviews, self.today, self.rules, config.site_url)
        folder = report_dir(config)
        failed: list[tuple[str, OSError]] = []
        for name, text in outputs.items():
            try:
                write_atomic(folder / name, text)
            except OSError as exc:
                failed.append((name, exc))
        if failed:
            # The site is still published whole: the lists are for owners, not readers.
            log.warning(
                "the review lists could not be written: %s in '%s'; the previous versions are "
                "kept. Check the folder exists and can be written to (report_dir of "
                "sendqa/frontmatter)",
                not_written(folder, failed),
                folder,
            )
