"""Options of ``sendqa/browse``."""

from __future__ import annotations

from mkdocs.config import config_options as c

from sendqa_build.plugins.base import MOVED_RULES_DIR, SendqaConfig


class BrowseConfig(SendqaConfig):
    """What the plugin generates and checks."""

    rules_dir = c.Deprecated(message=MOVED_RULES_DIR)
    """No longer read: every check reads ``rules_dir`` of sendqa/frontmatter."""

    browse_pages = c.Type(bool, default=True)
    """Generate the browse pages and the services directory: ``browse_pages: true``."""

    structure = c.Type(bool, default=True)
    """Check every page for images without alt text, skipped headings, vague link text and
    duplicate ids: ``structure: true``."""
