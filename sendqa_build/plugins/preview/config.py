"""Options of ``sendqa/preview``."""

from __future__ import annotations

from mkdocs.config import config_options as c

from sendqa_build.plugins.base import SendqaConfig


class PreviewConfig(SendqaConfig):
    """When the panel is shown and what it lists."""

    show_in_build = c.Type(bool, default=False)
    """Also show the panel in ``mkdocs build`` output, e.g. for an internal staging site that
    editors review: ``show_in_build: true``. Never do this for the public site."""

    show_info = c.Type(bool, default=True)
    """List information messages (notes) as well as problems: ``show_info: true``."""

    site_wide_on_home = c.Type(bool, default=True)
    """Show findings about the whole site (such as a requirement no page covers) on the home
    page's panel: ``site_wide_on_home: true``."""
