"""The inputs every statement scorer shares, and the wording of actions for page owners."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sendqa_build.core.durations import add_months
from sendqa_build.core.scoring.model import Action, Criterion, PageFacts
from sendqa_build.core.scoring.rules import ScoringRules
from sendqa_build.core.scoring.wording import join_and, owned_by, the

CHECK_LABELS = {
    "coverage": "statutory coverage check (sendqa/coverage)",
    "freshness": "review date check (sendqa/freshness)",
    "plain-english": "plain English check (sendqa/plain-english)",
    "links": "link check (sendqa/links)",
    "feedback": "feedback check (sendqa/feedback)",
}


class Context:
    """The inputs shared by the statement scorers."""

    def __init__(
        self,
        rules: ScoringRules,
        summaries: Mapping[str, Mapping[str, Any] | None],
        pages: Sequence[PageFacts],
        today: dt.date,
    ) -> None:
        self.rules = rules
        self.summaries = summaries
        self.pages = {p.src: p for p in pages}
        self.page_list = sorted(pages, key=lambda p: p.src)
        self.today = today
        self.target = add_months(today, rules.target_months)

    def summary(self, check: str) -> Mapping[str, Any] | None:
        value = self.summaries.get(check)
        return value if isinstance(value, Mapping) and value else None

    def missing(self, check: str, what: str) -> Criterion:
        return Criterion(
            check,
            None,
            f"The {CHECK_LABELS[check]} did not run in this build (it is switched off or not "
            f"in mkdocs.yml), so {what} could not be judged.",
        )

    def listing(self, srcs: Sequence[str]) -> str:
        limit = self.rules.list_pages
        shown = list(srcs[:limit])
        if len(srcs) > limit:
            return ", ".join(shown) + f" and {len(srcs) - limit} more"
        return join_and(shown)

    def owners_of(self, srcs: Iterable[str]) -> str:
        owners = sorted({o for s in srcs if (o := self._owner(s))})
        return "; ".join(owners) if owners else self.rules.default_responsibility

    def _owner(self, src: str) -> str | None:
        page = self.pages.get(src)
        return page.owner if page else None

    def by_owner(self, srcs: Iterable[str]) -> list[tuple[str | None, list[str]]]:
        """Pages grouped by owner (teams in name order, pages without an owner last)."""
        groups: dict[str | None, list[str]] = {}
        for src in sorted(set(srcs)):
            groups.setdefault(self._owner(src), []).append(src)
        return sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))

    def action(self, sid: str, text: str, pages: Iterable[str] = (), who: str = "") -> Action:
        listed = tuple(sorted(set(pages)))
        if not who:
            who = self.owners_of(listed) if listed else self.rules.default_responsibility
        return Action(sid, text, self.target, who, listed)

    def per_owner_actions(
        self,
        sid: str,
        srcs: Iterable[str],
        template: str,
        noun: str = "page",
        counts: Mapping[str, int] | None = None,
        item: tuple[str, str] = ("problem", "problems"),
    ) -> list[Action]:
        """One action per owner, worded by ``template`` with ``{pages}`` (``the 3 pages``),
        ``{whose}`` (``owned by the X Team``), ``{listing}`` (the pages) and ``{items}`` (``the
        5 broken links``, summing ``counts`` over the owner's pages)."""
        result = []
        for owner, group in self.by_owner(srcs):
            nobody = "that has no owner" if len(group) == 1 else "that have no owner"
            total = sum((counts or {}).get(src, 0) for src in group)
            text = template.format(
                pages=the(len(group), noun),
                whose=f"owned by {owned_by(owner)}" if owner else nobody,
                listing=self.listing(group),
                items=the(total, *item),
            )
            result.append(self.action(sid, text, group))
        return result

    def requirement(self, req_id: str) -> Mapping[str, Any] | None:
        coverage = self.summary("coverage")
        if coverage is None:
            return None
        for item in coverage.get("requirements") or []:
            if isinstance(item, Mapping) and item.get("id") == req_id:
                return item
        return None
