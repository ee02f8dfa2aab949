"""Options of ``sendqa/frontmatter``."""

from __future__ import annotations

from mkdocs.config import config_options as c

from sendqa_build.plugins.base import SendqaConfig


class FrontMatterConfig(SendqaConfig):
    """Where the rules live, the defaults pages inherit, and from how many pages some work runs
    in a second process."""

    rules_dir = c.Dir(exists=True, default="checks")
    """Folder of rule files, relative to mkdocs.yml: ``rules_dir: checks``."""

    default_review_in = c.Type(str, default="12 months")
    """Review period for pages without ``review_in``: ``default_review_in: 12 months``."""

    report_dir = c.Type(str, default="qa-report")
    """Where the QA report and review lists are written, relative to mkdocs.yml. Never inside
    ``site_dir`` unless you choose so: ``report_dir: qa-report``."""

    parallel_from_pages = c.Type(int, default=500)
    """From this many pages, on a machine with two cores or more, write the open data feeds in
    a second process while MkDocs renders the site (``0``: always; ``-1``: never). The files
    are the same either way (``sendqa_build/parallel.py``). Starting that process costs about
    0.3 s of CPU time on the other core and writing the feeds about 0.2 ms a page: below about
    500 pages the build would gain less than 0.1 s."""
