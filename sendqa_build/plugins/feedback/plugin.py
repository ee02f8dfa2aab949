"""Hooks of ``sendqa/feedback``: check the "You said, we did" rounds, give the theme what it shows,
and fill in every page's "Report a problem with this page" link."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from sendqa_build.core.feedback import (
    PAGE_TYPE,
    FeedbackResult,
    FeedbackRules,
    check_feedback,
    report_link,
    round_view,
)
from sendqa_build.models import Finding, Severity
from sendqa_build.plugins.base import SendqaPlugin, council_setting, project_root, site_index
from sendqa_build.plugins.feedback.config import FeedbackConfig
from sendqa_build.rules import RulesError, load_rules_file
from sendqa_build.summaries import FeedbackSummary

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

    from sendqa_build.core.site import PageRecord, SiteIndex


class FeedbackPlugin(SendqaPlugin):
    """Reg 56 "You said, we did" checks, the responses table and the report-a-problem link."""

    config_class = FeedbackConfig
    config: FeedbackConfig
    check = "feedback"
    context_marker = PAGE_TYPE  # the text in every round's front matter

    def __init__(self) -> None:
        super().__init__()
        self.rules = FeedbackRules()
        self.result: FeedbackResult | None = None
        self.index: SiteIndex | None = None
        self.summary: FeedbackSummary | None = None

    def on_config(self, config: MkDocsConfig) -> None:
        """Hook for the ``config`` event: load ``checks/feedback.yml``, reset the last build."""
        self.start_build(config)
        self.result = None
        self.index = None
        self.summary = None
        if not self.config.enabled:
            return
        path = project_root(config) / self.config.rules_file
        try:
            self.rules = FeedbackRules.from_data(load_rules_file(path), path)
        except RulesError as exc:
            raise PluginError(str(exc)) from exc

    def check_pages(self, index: SiteIndex, pages: Sequence[PageRecord]) -> list[Finding]:
        """Problems in the "You said, we did" rounds (``index`` must hold every round, to
        know which is the newest: ``context_marker`` makes ``sendqa check`` read them all)."""
        return list(check_feedback(index, self.rules, today=self.today).findings)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> None:
        """Hook for the ``files`` event: check every round once the site index exists."""
        if not self.config.enabled:
            return
        self.index = site_index(config)
        self.result = check_feedback(self.index, self.rules, today=self.today)
        findings = list(self.result.findings)
        if self.config.report_link and not council_setting(
            config, "feedback_email", "feedback_url"
        ):
            findings.append(
                Finding(
                    self.check,
                    None,
                    None,
                    Severity.INFO,
                    "readers cannot report a problem straight to a page's owner",
                    "set 'feedback_email' or 'feedback_url' under 'extra: council:' in mkdocs.yml",
                )
            )
        self.record(findings)
        self.summary = self.result.summary()

    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        """Hook for the ``nav`` event: list "You said, we did" pages newest round first.

        Only the automatic navigation is changed; a ``nav`` written in mkdocs.yml is the
        council's own order.
        """
        if not self.config.enabled or self.result is None or config.nav:
            return None
        order = {r.page: n for n, r in enumerate(self.result.rounds)}
        if _newest_first(nav.items, order):
            # Previous and next links follow the new order. Pages are matched by identity: the
            # navigation holds the very objects in nav.pages, and comparing pages (title and
            # file) against the whole list for each page took most of a second on 1,000 pages.
            listed = {id(page) for page in nav.pages}
            nav.pages[:] = [p for p in _pages(nav.items) if id(p) in listed]
            for n, page in enumerate(nav.pages):
                page.previous_page = nav.pages[n - 1] if n else None
                page.next_page = nav.pages[n + 1] if n + 1 < len(nav.pages) else None
        return None

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Hook for the ``page_markdown`` event: give the theme the responses and the link."""
        if not self.config.enabled or self.index is None or self.result is None:
            return None
        record = self.index.get(page.file.src_uri)
        if record is not None and (record.page_type == PAGE_TYPE or "feedback" in record.covers):
            page.meta["sendqa_feedback"] = round_view(record, self.result.rounds)
        if self.config.report_link:
            page.meta["sendqa_report"] = self._report(page, record, config)
        return None

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hook for the ``post_page`` event: drop the template data once the page is written
        (MkDocs keeps every page's ``meta`` until the build ends)."""
        page.meta.pop("sendqa_feedback", None)
        page.meta.pop("sendqa_report", None)
        return None

    def _report(self, page: Page, record: Any, config: MkDocsConfig) -> dict[str, Any] | None:
        owner = record.owner if record is not None else None
        title = record.title if record is not None else str(page.title or config.site_name)
        url = page.canonical_url or "/" + page.url
        # The owner's own address wins; else the council's form or address. One call per page.
        own = _owner_email(self.config.owner_emails, owner)
        href = report_link(
            title=title,
            url=url,
            owner=owner,
            email=own or council_setting(config, "feedback_email"),
            form_url=None if own else council_setting(config, "feedback_url"),
        )
        if href is not None:
            return {"href": href, "internal": False}
        pages = self.result.feedback_pages if self.result else []
        target = self.index.get(pages[0]) if self.index and pages else None
        if target is None or target.src == page.file.src_uri:
            return None
        return {"href": target.url, "internal": True}


def _owner_email(emails: dict[str, Any], owner: str | None) -> str | None:
    """The owner's own address from ``owner_emails``, when given."""
    value = emails.get(owner) if owner else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _newest_first(items: list[Any], order: dict[str, int]) -> bool:
    """Sort the "You said, we did" pages among themselves, in place, keeping their slots.

    Returns True when anything moved.
    """
    slots = [
        i for i, item in enumerate(items) if isinstance(item, Page) and item.file.src_uri in order
    ]
    ranked = sorted((items[i] for i in slots), key=lambda p: order[p.file.src_uri])
    moved = False
    for slot, item in zip(slots, ranked, strict=True):
        moved = moved or items[slot] is not item
        items[slot] = item
    for item in items:
        children: list[Any] | None = getattr(item, "children", None)
        if children and _newest_first(children, order):
            moved = True
    return moved


def _pages(items: list[Any]) -> list[Page]:
    """Every page in the navigation, in reading order."""
    found: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            found.append(item)
        children: list[Any] | None = getattr(item, "children", None)
        if children:
            found.extend(_pages(children))
    return found
