"""Options of ``sendqa/report``."""

from __future__ import annotations

from mkdocs.config import config_options as c

from sendqa_build.plugins.base import SendqaConfig


class ReportConfig(SendqaConfig):
    """Which files the report writes. Thresholds and statement texts live in ``checks/``."""

    formats = c.ListOfItems(c.Choice(("json", "html", "docx")), default=["json", "html", "docx"])
    """Files to write into the report folder: ``formats: [json, html]``."""

    history = c.Type(bool, default=True)
    """Keep ``self-evaluation-history.json`` so the HTML shows each score's change since the
    previous build: ``history: false`` to switch it off."""
