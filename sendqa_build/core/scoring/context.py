"""The inputs every statement scorer shares, and the wording of actions for the return.

Actions and rationale name pages by their titles and teams ("Review 'Portage home visiting'
(Early Years SEND Team)"), as the people who read the return know them; what an editor does about
each (front matter fields, files) goes in the action's ``fix``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sendqa_build.core.durations import add_months
from sendqa_build.core.scoring.model import Action, Criterion, PageFacts
from sendqa_build.core.scoring.rules import ScoringRules
from sendqa_build.core.scoring.wording import join_and
from sendqa_build.summaries import (
    CoverageSummary,
    FeedbackSummary,
    FreshnessSummary,
    LinksSummary,
    PlainEnglishSummary,
    RequirementRow,
    Summaries,
)

CHECK_LABELS = {
    "coverage": "statutory coverage check (sendqa/coverage)",
    "freshness": "review date check (sendqa/freshness)",
    "plain-english": "plain English check (sendqa/plain-english)",
    "links": "link check (sendqa/links)",
    "feedback": "feedback check (sendqa/feedback)",
}


@dataclass(frozen=True)
class KnownPage:
    """A page as an earlier build saw it (from the report's history between builds)."""

    src: str
    title: str = ""
    owner: str | None = None
    url: str = ""
    covers: tuple[str, ...] = ()
    last_seen: dt.date | None = None
    """The reference date of the last build that had the page."""


@dataclass
class RemovedPage:
    """A page an earlier build had and this one has not, with what still depends on it."""

    page: KnownPage
    linked_from: dict[str, int] = field(default_factory=dict)
    """Pages that still link to it, and how many times."""


def _plain_path(value: str) -> str:
    """``/services/sendiass/``, ``./services/sendiass.md`` -> ``services/sendiass/``, ... for
    comparing a link's target with a page's path or address."""
    text = value.strip().split("#", 1)[0].split("?", 1)[0]
    while text.startswith(("./", "/")):
        text = text[1:] if text.startswith("/") else text[2:]
    return text.removesuffix("index.html")


class Context:
    """The inputs shared by the statement scorers."""

    def __init__(
        self,
        rules: ScoringRules,
        summaries: Summaries,
        pages: Sequence[PageFacts],
        today: dt.date,
        *,
        site_url: str | None = None,
        known_pages: Mapping[str, KnownPage] | None = None,
        services: Mapping[str, int] | None = None,
    ) -> None:
        self.rules = rules
        self.summaries = summaries
        self.pages = {p.src: p for p in pages}
        self.page_list = sorted(pages, key=lambda p: p.src)
        self.today = today
        self.site_url = (site_url or "").strip() or None
        self.known = dict(known_pages or {})
        self.services = dict(services or {})
        """Services listed in the directory for each requirement that maps to a kind of
        service (``checks/browse.yml``, ``covers``)."""
        self.removed = self._removed_pages()

    # -- summaries ------------------------------------------------------------------------------

    @property
    def freshness(self) -> FreshnessSummary | None:
        return self.summaries.freshness

    @property
    def links(self) -> LinksSummary | None:
        return self.summaries.links

    @property
    def plain_english(self) -> PlainEnglishSummary | None:
        return self.summaries.plain_english

    @property
    def feedback(self) -> FeedbackSummary | None:
        return self.summaries.feedback

    @property
    def coverage(self) -> CoverageSummary | None:
        return self.summaries.coverage

    def missing(self, check: str, what: str) -> Criterion:
        reason = f"the {CHECK_LABELS[check]} did not run in this build"
        return Criterion(
            check,
            None,
            f"The {CHECK_LABELS[check]} did not run in this build (it is switched off or not "
            f"in mkdocs.yml), so {what} could not be judged.",
            unchecked=reason,
        )

    def requirement(self, req_id: str) -> RequirementRow | None:
        """That requirement's row of the coverage matrix (None: no such row, or no coverage)."""
        coverage = self.summaries.coverage
        return coverage.requirement(req_id) if coverage is not None else None

    def requirements(self) -> tuple[RequirementRow, ...]:
        """Every row of the coverage matrix (none when the coverage check did not run)."""
        coverage = self.summaries.coverage
        return coverage.requirements if coverage is not None else ()

    # -- pages ----------------------------------------------------------------------------------

    def title(self, src: str) -> str:
        page = self.pages.get(src)
        if page is not None and page.title:
            return page.title
        known = self.known.get(src)
        return known.title if known is not None and known.title else src

    def name(self, src: str) -> str:
        """A page as the return names it: its title in quotes."""
        return f"'{self.title(src)}'"

    def live(self, src: str) -> str | None:
        """The page's live address: ``site_url`` and its URL (its URL alone without one)."""
        page = self.pages.get(src)
        if page is None:
            return None
        if self.site_url:
            return self.site_url.rstrip("/") + "/" + page.url.lstrip("/")
        return page.url or None

    def owner_of(self, src: str) -> str | None:
        """The page's owner, or its owner in the last build that had it."""
        page = self.pages.get(src)
        if page is not None and page.owner:
            return page.owner
        known = self.known.get(src)
        return known.owner if known is not None else None

    def listing(self, srcs: Sequence[str]) -> str:
        limit = self.rules.list_pages
        shown = [self.name(s) for s in srcs[:limit]]
        if len(srcs) > limit:
            return ", ".join(shown) + f" and {len(srcs) - limit} more"
        return join_and(shown)

    def owners_of(self, srcs: Iterable[str]) -> str:
        owners = sorted({o for s in srcs if (o := self.owner_of(s))})
        return "; ".join(owners) if owners else self.rules.default_responsibility

    def by_owner(self, srcs: Iterable[str]) -> list[tuple[str | None, list[str]]]:
        """Pages grouped by owner (teams in name order, pages without an owner last)."""
        groups: dict[str | None, list[str]] = {}
        for src in sorted(set(srcs)):
            groups.setdefault(self.owner_of(src), []).append(src)
        return sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))

    # -- actions --------------------------------------------------------------------------------

    def target(self, priority: str) -> dt.date:
        return add_months(self.today, self.rules.priorities.get(priority, 3))

    def action(
        self,
        sid: str,
        text: str,
        pages: Iterable[str] = (),
        who: str = "",
        *,
        priority: str = "other",
        fix: str = "",
        weight: int = 0,
    ) -> Action:
        listed = tuple(sorted(set(pages)))
        if not who:
            who = self.owners_of(listed) if listed else self.rules.default_responsibility
        return Action(sid, text, self.target(priority), who, listed, priority, fix, weight)

    def per_owner_actions(
        self,
        sid: str,
        srcs: Iterable[str],
        wording: Callable[[str, str, int], str],
        *,
        priority: str,
        fix: str,
        counts: Mapping[str, int] | None = None,
    ) -> list[Action]:
        """One action per owner, worded by ``wording(pages, team, total)``: ``pages`` names the
        owner's pages by title, ``team`` is `` (Health Team)`` (or `` (no owner named)``) and
        ``total`` sums ``counts`` over those pages (their number without ``counts``)."""
        result = []
        for owner, group in self.by_owner(srcs):
            total = sum((counts or {}).get(src, 0) for src in group) if counts else len(group)
            team = f" ({owner})" if owner else " (no owner named)"
            text = wording(self.listing(group), team, total)
            result.append(self.action(sid, text, group, priority=priority, fix=fix, weight=total))
        return result

    # -- pages removed since an earlier build --------------------------------------------------

    def _removed_pages(self) -> dict[str, RemovedPage]:
        """Pages an earlier build had and this one has not, with the broken links to each."""
        gone = {src: RemovedPage(page) for src, page in self.known.items() if src not in self.pages}
        if not gone:
            return {}
        by_target: dict[str, str] = {}
        for src, removed in gone.items():
            by_target[_plain_path(src)] = src
            if removed.page.url:
                by_target[_plain_path(removed.page.url).rstrip("/")] = src
        internal = self.summaries.links.internal if self.summaries.links is not None else ()
        for item in internal:
            if not item.page:
                continue
            target = _plain_path(item.target)
            if self.site_url and item.target.startswith(self.site_url):
                target = _plain_path(item.target[len(self.site_url.rstrip("/")) :])
            found = by_target.get(target) or by_target.get(target.rstrip("/"))
            if found is not None:
                linking = gone[found].linked_from
                linking[item.page] = linking.get(item.page, 0) + 1
        return gone

    def links_to_removed(self) -> dict[str, int]:
        """For each page, its broken links that lead to a removed page (those join the removed
        page's row of the action plan, not the page's own)."""
        counts: dict[str, int] = {}
        for removed in self.removed.values():
            for src, count in removed.linked_from.items():
                counts[src] = counts.get(src, 0) + count
        return counts

    def removed_covering(self, req_id: str) -> RemovedPage | None:
        """The removed page that covered a requirement, if one did."""
        for src in sorted(self.removed):
            if req_id in self.removed[src].page.covers:
                return self.removed[src]
        return None

    def past_owners(self, req_id: str) -> str:
        """Who owned the pages that covered a requirement in the builds recorded, if known."""
        owners = sorted(
            {p.owner for p in self.known.values() if req_id in p.covers and p.owner}
            | {p.owner for p in self.page_list if req_id in p.covers and p.owner}
        )
        return "; ".join(owners)
