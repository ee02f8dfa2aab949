"""Review dates: which pages are overdue or due soon, who owns them, and the review lists.

A page's review-by date is ``last_reviewed_on`` plus ``review_in`` (see ``PageRecord.review_by``).
The page is overdue from the day after its review-by date: "due by 1 March" still allows a review
on 1 March, and "overdue since 1 March" names the date that was missed. The same rule is used by
the build, the review lists and the script that warns readers (``review-notice.js``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import string
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from sendqa_build.core.durations import Duration, DurationError, add_duration, parse_duration
from sendqa_build.core.site import PageRecord, SiteIndex
from sendqa_build.models import Finding, Severity
from sendqa_build.rules import RulesError, expect_mapping
from sendqa_build.summaries import FreshnessSummary, PageReviewRow

CHECK = "freshness"

OK = "ok"
DUE_SOON = "due-soon"
OVERDUE = "overdue"
UNKNOWN = "unknown"
"""No valid ``last_reviewed_on`` or ``review_in``: the front matter check reports why."""
STATUSES = (OVERDUE, DUE_SOON, UNKNOWN, OK)
"""Every status, most urgent first (the order of the review lists)."""

_MESSAGE_FIELDS = {
    "overdue": {"review_by", "last_reviewed_on", "review_in", "when"},
    "due_soon": {"review_by", "last_reviewed_on", "review_in", "when"},
    "owner": {"owner"},
    "no_owner": set(),
}
_NOTICE_FIELDS = {"title": set(), "text": {"date"}}
CSV_COLUMNS = (
    "owner",
    "status",
    "page",
    "title",
    "url",
    "last_reviewed_on",
    "review_in",
    "review_by",
    "days_until_due",
)


# ---------------------------------------------------------------------------------------------
# Rules (from checks/freshness.yml)


@dataclass(frozen=True)
class FreshnessRules:
    """What ``checks/freshness.yml`` says: the due-soon window and the wording."""

    due_soon_within: Duration | None
    """Pages due within this period are "due soon"; None turns that off."""
    messages: Mapping[str, str]
    """Message templates: ``overdue``, ``due_soon``, ``owner``, ``no_owner``."""
    notice_enabled: bool
    notice_title: str
    notice_text: str
    """The reader notice; ``{date}`` is the review-by date written out."""

    @classmethod
    def from_data(cls, data: Any, path: Path) -> FreshnessRules:
        """Build the rules from the parsed YAML file.

        Raises:
            RulesError: naming the file and the part that is wrong.
        """
        top = expect_mapping(data, path, {"due_soon_within", "messages", "reader_notice"})
        messages = expect_mapping(top.get("messages") or {}, path, set(_MESSAGE_FIELDS))
        notice = expect_mapping(top.get("reader_notice") or {}, path, {"enabled", *_NOTICE_FIELDS})
        checked = {
            name: _template(messages, name, fields, path, "messages")
            for name, fields in _MESSAGE_FIELDS.items()
        }
        enabled = notice.get("enabled", True)
        if not isinstance(enabled, bool):
            raise RulesError(
                f"Error reading rules file '{path}': 'reader_notice.enabled' must be true or "
                f"false, found '{enabled}'"
            )
        return cls(
            due_soon_within=_window(top.get("due_soon_within", "30 days"), path),
            messages=checked,
            notice_enabled=enabled,
            notice_title=_template(notice, "title", set(), path, "reader_notice"),
            notice_text=_template(notice, "text", {"date"}, path, "reader_notice"),
        )


def _window(value: Any, path: Path) -> Duration | None:
    if value in (0, "0", None) or (isinstance(value, str) and value.strip() in ("", "0")):
        return None
    try:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise DurationError(str(value))
        return parse_duration(f"{value} days" if isinstance(value, int) else value)
    except DurationError as exc:
        raise RulesError(
            f"Error reading rules file '{path}': 'due_soon_within' must be a period such as "
            f"'30 days' or '4 weeks', or 0 to turn it off; found '{value}'"
        ) from exc


def _template(
    data: Mapping[str, Any], name: str, allowed: set[str], path: Path, section: str
) -> str:
    """A wording with only the placeholders it may use, so a typo stops the build clearly."""
    text = data.get(name)
    where = f"Error reading rules file '{path}': '{section}.{name}'"
    if not isinstance(text, str) or not text.strip():
        raise RulesError(f"{where} is missing; restore it from git")
    try:
        used = {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError as exc:
        raise RulesError(
            f"{where} has an unmatched '{{' or '}}'; write placeholders as {{name}}"
        ) from exc
    unknown = sorted(used - allowed)
    if unknown:
        known = ", ".join(f"{{{f}}}" for f in sorted(allowed)) or "none"
        raise RulesError(
            f"{where} uses the unknown placeholder '{{{unknown[0]}}}'; it may use {known}"
        )
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------
# Each page's review


@dataclass(frozen=True)
class PageReview:
    """One page's review state on the reference date."""

    page: str
    """Path under the docs folder (``services/portage.md``)."""
    url: str
    """Site-relative URL (``services/portage/``; ``""`` for the home page)."""
    title: str
    owner: str | None
    last_reviewed_on: dt.date | None
    review_in: Duration | None
    review_by: dt.date | None
    status: str
    days_until_due: int | None
    """Days from today to the review-by date; negative once overdue."""

    @property
    def in_date(self) -> bool:
        """True when the page has not passed its review-by date (ok or due soon)."""
        return self.status in (OK, DUE_SOON)


def review_status(
    review_by: dt.date | None, today: dt.date, due_soon_within: Duration | None
) -> str:
    """``overdue`` after the review-by date, ``due-soon`` within the window, else ``ok``."""
    if review_by is None:
        return UNKNOWN
    if today > review_by:
        return OVERDUE
    if due_soon_within is not None and review_by <= add_duration(today, due_soon_within):
        return DUE_SOON
    return OK


def review_page(
    *,
    page: str,
    url: str,
    title: str,
    owner: str | None,
    last_reviewed_on: dt.date | None,
    review_in: Duration | None,
    today: dt.date,
    due_soon_within: Duration | None,
) -> PageReview:
    """The review state of one page; ``unknown`` when a date or period is missing."""
    review_by = (
        add_duration(last_reviewed_on, review_in)
        if last_reviewed_on is not None and review_in is not None
        else None
    )
    return PageReview(
        page=page,
        url=url,
        title=title,
        owner=" ".join(owner.split()) if owner and owner.strip() else None,
        last_reviewed_on=last_reviewed_on,
        review_in=review_in,
        review_by=review_by,
        status=review_status(review_by, today, due_soon_within),
        days_until_due=(review_by - today).days if review_by is not None else None,
    )


def _period(record: PageRecord) -> Duration | None:
    """The page's period; None when ``review_in`` is given but invalid (we cannot guess it)."""
    if "review_in" in record.result.lines and not isinstance(
        record.meta.get("review_in"), Duration
    ):
        return None
    return record.review_period


def review_site(index: SiteIndex, today: dt.date, rules: FreshnessRules) -> list[PageReview]:
    """The review state of every page in the site index, in path order."""
    return [
        review_page(
            page=record.src,
            url=record.url,
            title=record.title,
            owner=record.owner,
            last_reviewed_on=record.last_reviewed_on,
            review_in=_period(record),
            today=today,
            due_soon_within=rules.due_soon_within,
        )
        for record in index
    ]


def _when(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


def review_findings(reviews: Iterable[PageReview], rules: FreshnessRules) -> list[Finding]:
    """A warning per overdue page and an info message per page due soon.

    Pages with status ``unknown`` get nothing here: the front matter check already says what
    is wrong with their dates, and saying it twice would only add noise.
    """
    findings = []
    for review in reviews:
        if (
            review.status not in (OVERDUE, DUE_SOON)
            or review.review_by is None
            or review.last_reviewed_on is None
            or review.review_in is None
        ):
            continue
        key = "overdue" if review.status == OVERDUE else "due_soon"
        message = rules.messages[key].format(
            review_by=review.review_by.isoformat(),
            last_reviewed_on=review.last_reviewed_on.isoformat(),
            review_in=review.review_in.describe(),
            when=_when(review.days_until_due or 0),
        )
        fix = (
            rules.messages["owner"].format(owner=review.owner)
            if review.owner
            else rules.messages["no_owner"]
        )
        severity = Severity.WARNING if review.status == OVERDUE else Severity.INFO
        findings.append(Finding(CHECK, review.page, None, severity, message, fix))
    return findings


# ---------------------------------------------------------------------------------------------
# Results: the QA report summary and the review lists


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def review_summary(reviews: Iterable[PageReview]) -> FreshnessSummary:
    """``plugin.summary`` for the QA report (statement 1.7)."""
    items = list(reviews)
    counts = {status: sum(1 for r in items if r.status == status) for status in STATUSES}
    in_date = counts[OK] + counts[DUE_SOON]
    return FreshnessSummary(
        pages=tuple(
            PageReviewRow(
                page=r.page,
                url=r.url,
                title=r.title,
                owner=r.owner,
                last_reviewed_on=r.last_reviewed_on,
                review_by=r.review_by,
                status=r.status,
            )
            for r in items
        ),
        total=len(items),
        in_date=in_date,
        overdue=counts[OVERDUE],
        due_soon=counts[DUE_SOON],
        unknown=counts[UNKNOWN],
        share_in_date=round(in_date / len(items), 4) if items else 0.0,
    )


def page_link(url: str, site_url: str | None) -> str:
    """A link a reminder email can use: absolute when the site's address is known."""
    if site_url:
        return urljoin(site_url if site_url.endswith("/") else site_url + "/", url)
    return url or "./"


def _owner_key(owner: str | None) -> tuple[int, str]:
    """Group owners however editors capitalised them; pages with no owner come last."""
    return (1, "") if owner is None else (0, owner.casefold())


def _urgency(review: PageReview) -> tuple[int, str, str]:
    return (STATUSES.index(review.status), _iso(review.review_by) or "", review.page)


def by_owner(reviews: Iterable[PageReview]) -> list[tuple[str | None, list[PageReview]]]:
    """Pages grouped by owner (A to Z, no owner last), most urgent first within each group."""
    groups: dict[tuple[int, str], list[PageReview]] = {}
    for review in sorted(reviews, key=lambda r: r.page):
        groups.setdefault(_owner_key(review.owner), []).append(review)
    return [
        (_spelling(pages), sorted(pages, key=_urgency))
        for _, pages in sorted(groups.items(), key=lambda item: item[0])
    ]


def _spelling(pages: list[PageReview]) -> str | None:
    """The owner's most used spelling (the first by page path on a tie)."""
    names = [review.owner for review in pages]
    counts = Counter(names)
    return max(counts, key=lambda name: (counts[name], -names.index(name)))


def _row(review: PageReview, site_url: str | None) -> dict[str, Any]:
    return {
        "page": review.page,
        "url": page_link(review.url, site_url),
        "title": review.title,
        "owner": review.owner,
        "last_reviewed_on": _iso(review.last_reviewed_on),
        "review_in": review.review_in.describe() if review.review_in else None,
        "review_by": _iso(review.review_by),
        "status": review.status,
        "days_until_due": review.days_until_due,
    }


def _counts(reviews: list[PageReview]) -> dict[str, int]:
    return {status: sum(1 for r in reviews if r.status == status) for status in STATUSES}


def _rows(reviews: Iterable[PageReview], site_url: str | None) -> dict[str, dict[str, Any]]:
    """Each page's row by page path, made once for both lists."""
    return {review.page: _row(review, site_url) for review in reviews}


def reviews_json(
    reviews: Iterable[PageReview],
    *,
    today: dt.date,
    rules: FreshnessRules,
    site_url: str | None = None,
    rows: dict[str, dict[str, Any]] | None = None,
) -> str:
    """``reviews.json``: every page with its review state, and the pages of each owner.

    Holds no build time, so the same content and reference date give the same bytes.
    """
    items = sorted(reviews, key=lambda r: r.page)
    rows = rows if rows is not None else _rows(items, site_url)
    data = {
        "reference_date": today.isoformat(),
        "due_soon_within": rules.due_soon_within.describe() if rules.due_soon_within else None,
        "counts": {"total": len(items), **_counts(items)},
        "owners": [
            {"owner": owner, **_counts(pages), "pages": [r.page for r in pages]}
            for owner, pages in by_owner(items)
        ],
        "pages": [rows[review.page] for review in items],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _cell(value: Any) -> Any:
    """Editor-written text for a CSV cell: a spreadsheet would run ``=...`` as a formula."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def reviews_csv(
    reviews: Iterable[PageReview],
    *,
    site_url: str | None = None,
    rows: dict[str, dict[str, Any]] | None = None,
) -> str:
    """``reviews.csv``: one row per page, grouped by owner, most urgent first in each group.

    Starts with a byte-order mark so Excel reads names with accents and curly quotes correctly.
    """
    reviews = list(reviews)
    rows = rows if rows is not None else _rows(reviews, site_url)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for owner, pages in by_owner(reviews):
        for review in pages:
            row = rows[review.page] | {"owner": owner}  # one spelling per group
            writer.writerow(
                {
                    name: _cell(row[name]) if name in ("owner", "title") else row[name]
                    for name in row
                }
            )
    return "\ufeff" + out.getvalue()


def reader_notice(rules: FreshnessRules) -> dict[str, str] | None:
    """The wording the reader-side script shows, or None when the notice is turned off."""
    if not rules.notice_enabled:
        return None
    return {"title": rules.notice_title, "text": rules.notice_text}


def review_lists(
    reviews: list[PageReview], today: dt.date, rules: FreshnessRules, site_url: str | None
) -> dict[str, str]:
    """``reviews.json`` and ``reviews.csv`` by file name."""
    rows = _rows(reviews, site_url)
    return {
        "reviews.json": reviews_json(
            reviews, today=today, rules=rules, site_url=site_url, rows=rows
        ),
        "reviews.csv": reviews_csv(reviews, site_url=site_url, rows=rows),
    }
