"""Options of ``sendqa/coverage``."""

from __future__ import annotations

from mkdocs.config import config_options as c

from sendqa_build.plugins.base import SendqaConfig


class CoverageConfig(SendqaConfig):
    """How loudly guidance is reported."""

    guidance_level = c.Choice(("warn", "info"), default="info")
    """Level for missing or thin guidance items (``level: should`` in the catalogue): ``warn``
    makes them fail ``mkdocs build --strict`` like duties; ``info`` only reports them:
    ``guidance_level: warn``."""
