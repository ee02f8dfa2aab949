"""Options of ``sendqa/feedback``."""

from __future__ import annotations

from mkdocs.config import config_options as c

from sendqa_build.plugins.base import SendqaConfig


class FeedbackConfig(SendqaConfig):
    """Where the rules live and where "Report a problem with this page" sends readers.

    The link goes to ``extra.council.feedback_url`` (a form) when set, else to an email to
    ``extra.council.feedback_email``, filled in with the page's title, address and owner.
    """

    rules_file = c.Type(str, default="checks/feedback.yml")
    """Rule file, relative to mkdocs.yml: ``rules_file: checks/feedback.yml``."""

    owner_emails = c.Type(dict, default={})
    """Send problem reports about a team's pages straight to that team, by ``owner`` name:
    ``owner_emails: {Early Years SEND Team: earlyyears@wyvernshire.example.org}``."""

    report_link = c.Type(bool, default=True)
    """Show "Report a problem with this page" on every page: ``report_link: true``."""
