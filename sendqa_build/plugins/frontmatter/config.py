"""Options of ``sendqa/frontmatter``."""

from __future__ import annotations

from mkdocs.config import config_options as c

from sendqa_build.plugins.base import SendqaConfig


class FrontMatterConfig(SendqaConfig):
    """Where the rules live and the defaults pages inherit."""

    rules_dir = c.Dir(exists=True, default="checks")
    """Folder of rule files, relative to mkdocs.yml: ``rules_dir: checks``."""

    default_review_in = c.Type(str, default="12 months")
    """Review period for pages without ``review_in``: ``default_review_in: 12 months``."""
