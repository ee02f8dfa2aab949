"""Options of ``sendqa/frontmatter``."""

from __future__ import annotations

from mkdocs.config import config_options as c

from sendqa_build.plugins.base import SendqaConfig


class FrontMatterConfig(SendqaConfig):
    """Where the rules live, the defaults pages inherit and where the report goes."""

    rules_dir = c.Dir(exists=True, default="checks")
    """Folder of rule files, relative to mkdocs.yml: ``rules_dir: checks``."""

    default_review_in = c.Type(str, default="12 months")
    """Review period for pages without ``review_in``: ``default_review_in: 12 months``."""

    report_dir = c.Type(str, default="qa-report")
    """Where the QA report and review lists are written, relative to mkdocs.yml. Never inside
    ``site_dir`` unless you choose so: ``report_dir: qa-report``."""

    parallel_from_pages = c.Deprecated(
        message="'{}' is no longer read: every check and file of sendqa is made in the build "
        "itself (a second process cost more time and memory than it saved); remove it"
    )
