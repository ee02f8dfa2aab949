"""Options of ``sendqa/freshness``."""

from __future__ import annotations

from mkdocs.config import config_options as c

from sendqa_build.plugins.base import SendqaConfig


class FreshnessConfig(SendqaConfig):
    """The due-soon window and wording live in ``checks/freshness.yml``; this is only switches."""

    review_lists = c.Type(bool, default=True)
    """Write ``reviews.json`` and ``reviews.csv`` to the report folder: ``review_lists: true``."""
