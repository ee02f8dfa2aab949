"""Evidence a QA lead can cite: pages with the sentence that answers a statement, and figures.

A page is cited only for what it substantively does: it covers a requirement mapped to the
statement (``checks/requirements.yml`` ``statements``, ``checks/qa-statements.yml``
``evidence``), quoting the heading or sentence the coverage check matched; it is a service
outside the area (1.1); or it is a page of a type the statement asks for ('You said, we did').
A page that merely mentions a word is never cited: none rather than noise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sendqa_build.core.scoring.context import Context
from sendqa_build.core.scoring.model import Criterion, Evidence
from sendqa_build.core.scoring.rules import StatementDef
from sendqa_build.core.scoring.wording import long_date

QUOTE_CHARS = 300
"""A quote longer than this is cut at a word and ends with an ellipsis."""


def quoted(text: str) -> str:
    """A matched sentence as the report quotes it: one line, not too long."""
    plain = " ".join(str(text).split())
    if len(plain) <= QUOTE_CHARS:
        return plain
    return plain[:QUOTE_CHARS].rsplit(" ", 1)[0] + "…"


def _line(value: int) -> int | None:
    return value if value > 0 else None


def requirement_ids(ctx: Context, statement: StatementDef) -> list[str]:
    """The requirements mapped to a statement: those its evidence names, then those that name
    it (in the catalogue's order)."""
    ids = list(dict.fromkeys(statement.evidence.requirements))
    for row in ctx.requirements():
        if statement.id in row.statements and row.id not in ids:
            ids.append(row.id)
    return ids


def service_note(ctx: Context, req_id: str, pages: Iterable[str]) -> str:
    """Said of a requirement "covered" by guide pages while the directory lists no service of
    that kind (childcare: a guide page, 0 services)."""
    if ctx.services.get(req_id, 1) != 0:
        return ""
    if any(p.page_type == "service" for s in pages if (p := ctx.pages.get(s)) is not None):
        return ""
    return "covered by a guide only: the directory lists no service of this kind"


class _Found:
    """Evidence gathered per page, each page once with every reason it is cited."""

    def __init__(self) -> None:
        self.items: dict[str, dict[str, Any]] = {}

    def add(
        self,
        src: str,
        note: str,
        quote: str = "",
        line: int | None = None,
        rank: int = 1,
        order: int = 0,
    ) -> None:
        item = self.items.setdefault(
            src, {"notes": [], "quote": "", "line": None, "rank": 9, "order": order}
        )
        if note not in item["notes"]:
            item["notes"].append(note)
        if quote and (
            not item["quote"] or _substance(quote, line) > _substance(item["quote"], item["line"])
        ):
            item["quote"], item["line"] = quoted(quote), line
        item["rank"] = min(item["rank"], rank)


def _requirement_pages(ctx: Context, req_ids: Sequence[str], found: _Found) -> None:
    for req_id in req_ids:
        row = ctx.requirement(req_id)
        if row is None:
            continue
        status = row.status
        if status not in ("covered", "thin"):
            continue
        title = row.title or req_id
        pages = sorted(row.pages)
        thin = set(row.thin_pages)
        extra = service_note(ctx, req_id, pages)
        for src in pages:
            if src not in ctx.pages:
                continue  # not a page of this build: nothing to link to
            own = [m for m in row.matches if m.page == src and m.text]
            part = " in part" if status == "thin" or src in thin else ""
            note = f"Covers '{title}'{part}" + (f"; {extra}" if extra else "")
            first = max(own, key=lambda m: _substance(m.text, _line(m.line))) if own else None
            found.add(
                src,
                note,
                first.text if first else "",
                _line(first.line) if first else None,
                rank=0 if own and not part else (1 if own else 2),
            )


def _substance(text: str, line: int | None) -> tuple[bool, bool, int]:
    """How well a sentence stands as a quote: a whole sentence beats a heading, a short line or
    a lead-in ("Tell us:"); among equals, the earlier on the page."""
    text = text.strip()
    return (len(text.split()) >= 6, not text.endswith(":"), -(line or 0))


def statement_evidence(ctx: Context, statement: StatementDef) -> tuple[list[Evidence], int]:
    """The best few pages for a statement, best first, and how many more there are.

    Pages quoting a sentence that answers a fully covered requirement come first, then those
    covering it in part, then pages cited without a quote; each once.
    """
    found = _Found()
    _requirement_pages(ctx, requirement_ids(ctx, statement), found)
    sources = statement.evidence
    if sources.outside_area:
        for page in ctx.page_list:
            if page.page_type == "service" and page.area == "outside":
                found.add(page.src, "Service outside the area", page.summary, page.summary_line, 1)
    for page_type in sources.page_types:
        for page in ctx.page_list:
            if page.page_type != page_type:
                continue
            what = (
                "Comments and the council's response ('You said, we did')"
                if page_type == "you-said-we-did"
                else f"A '{page_type}' page"
            )
            when = f", published {long_date(page.published_on)}" if page.published_on else ""
            newest_first = -page.published_on.toordinal() if page.published_on else 0
            found.add(page.src, what + when, page.summary, page.summary_line, 1, newest_first)
    ranked = sorted(
        found.items.items(),
        key=lambda kv: (kv[1]["rank"], kv[1]["order"], ctx.title(kv[0]).lower(), kv[0]),
    )
    limit = ctx.rules.evidence_pages
    evidence = [
        Evidence(
            src,
            "; ".join(item["notes"]),
            title=ctx.title(src),
            url=ctx.live(src),
            quote=item["quote"],
            line=item["line"],
        )
        for src, item in ranked[:limit]
    ]
    return evidence, max(0, len(ranked) - limit)


def figure_evidence(criteria: Sequence[Criterion]) -> list[Evidence]:
    """The figures behind a score, as its evidence."""
    return [
        Evidence(None, c.sentence, title=c.title or c.name, figure=c.figure)
        for c in criteria
        if c.figure
    ]


def services_by_requirement(
    covers: Mapping[str, Sequence[str]], kind_counts: Mapping[str, int]
) -> dict[str, int]:
    """Services listed in the directory for each requirement that maps to kinds of service
    (``checks/browse.yml`` ``covers``; counts from the browse check's summary)."""
    return {
        req_id: sum(kind_counts.get(kind, 0) for kind in kinds) for req_id, kinds in covers.items()
    }
