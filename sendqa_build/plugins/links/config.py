"""Options of ``sendqa/links``."""

from __future__ import annotations

from mkdocs.config import config_options as c

from sendqa_build.plugins.base import MOVED_RULES_DIR, SendqaConfig


class LinksConfig(SendqaConfig):
    """Which links are checked, how long to wait and where results are kept."""

    rules_dir = c.Deprecated(message=MOVED_RULES_DIR)
    """No longer read: every check reads ``rules_dir`` of sendqa/frontmatter."""

    check_external = c.Type(bool, default=True)
    """Check web addresses on other sites with LinkChecker: ``check_external: true``. The
    environment variable ``SENDQA_EXTERNAL_LINKS=false`` (or ``true``) overrides it."""

    check_external_on_serve = c.Type(bool, default=False)
    """Also check them during ``mkdocs serve`` (off, so previews stay fast)."""

    fail_on_unverified = c.Type(bool, default=False)
    """Report links that could not be checked (timeouts, 401/403/429, server faults) as warnings,
    so ``--strict`` fails on them: ``fail_on_unverified: false``."""

    timeout = c.Type(int, default=10)
    """Seconds to wait for one site: ``timeout: 10``."""

    budget = c.Type(int, default=300)
    """Seconds for all external checks together: ``budget: 300``."""

    threads = c.Type(int, default=10)
    """Addresses checked at the same time: ``threads: 10``."""

    cache_dir = c.Type(str, default=".sendqa-cache")
    """Folder for the results cache (``links.json``), relative to mkdocs.yml."""

    cache_days = c.Type(int, default=7)
    """Days a result is trusted before the address is checked again: ``cache_days: 7``.
    Results that could not be verified are trusted for one day at most."""

    connectivity_probe = c.Type(str, default="https://www.gov.uk/")
    """An address that always works when there is internet; when it does not answer, external
    links are not checked and the build says so once. Empty to skip the probe."""
