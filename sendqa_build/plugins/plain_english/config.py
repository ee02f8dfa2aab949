"""Options of ``sendqa/plain-english``."""

from __future__ import annotations

from mkdocs.config import config_options as c

from sendqa_build.plugins.base import MOVED_RULES_DIR, SendqaConfig

_LEVELS = ("warning", "info")


class PlainEnglishConfig(SendqaConfig):
    """Where the word lists live, how serious each finding is, and the reader-facing extras."""

    rules_dir = c.Deprecated(message=MOVED_RULES_DIR)
    """No longer read: every check reads ``rules_dir`` of sendqa/frontmatter."""

    # How serious findings are: 'warning' fails `mkdocs build --strict`, 'info' never does.
    acronyms_level = c.Choice(_LEVELS, default="warning")
    """Acronyms used before they are spelled out, or in headings: ``acronyms_level: warning``."""

    words_level = c.Choice(_LEVELS, default="warning")
    """Words to avoid (an entry in words-to-avoid.yml may set its own): ``words_level: warning``."""

    readability_level = c.Choice(_LEVELS, default="info")
    """Long sentences and hard pages: ``readability_level: info``."""

    exclude = c.ListOfItems(c.Type(str), default=[])
    """Pages not checked (still given tooltips), as patterns: ``exclude: [legal/*.md]``."""

    # What readers get.
    tooltips = c.Type(bool, default=True)
    """Explain glossary acronyms and terms on hover and keyboard focus: ``tooltips: true``."""

    jargon_buster = c.Type(str, default="jargon-buster.md")
    """Path of the generated jargon buster ('' for none): ``jargon_buster: jargon-buster.md``."""

    jargon_buster_title = c.Type(str, default="Jargon buster")
    """Its title: ``jargon_buster_title: Words we use``."""

    search_words = c.Type(bool, default=True)
    """Let the site search and the services directory find pages by every glossary form, the
    words in checks/search-synonyms.yml and other word forms, and index the jargon buster one
    entry at a time: ``search_words: true``."""
