"""What templates show about a page: the review line and a service's "at a glance" box.

Values are prepared here, in plain Python, so the Jinja templates in ``overrides/`` stay simple
and a council can restyle them without touching logic.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from sendqa_build.core.site import PageRecord

NEEDS_LABELS = {
    "all": "All areas of need",
    "communication-and-interaction": "Communication and interaction",
    "cognition-and-learning": "Cognition and learning",
    "social-emotional-and-mental-health": "Social, emotional and mental health",
    "sensory-and-physical": "Sensory and physical",
}
STATUS_LABELS = {
    "active": "Open",
    "temporarily-closed": "Temporarily closed",
    "closed": "Closed",
}


def safe_title(title: str) -> str:
    """The title as HTML-safe text: Material prints ``page.title`` without escaping it."""
    return html.escape(title.strip(), quote=True)


def long_date(day: dt.date) -> str:
    """``1 September 2026``: the GOV.UK date style."""
    return f"{day.day} {day:%B %Y}"


def age_range(low: int | None, high: int | None) -> str:
    """``0 to 5 years``."""
    if low is None or high is None:
        return ""
    return f"{low} to {high} years" if low != high else f"{low} years"


def page_view(record: PageRecord, today: dt.date) -> dict[str, Any]:
    """Everything the theme shows about one page, as plain values."""
    meta = record.meta
    review_by = record.review_by
    view: dict[str, Any] = {
        "type": record.page_type,
        "owner": record.owner,
        "last_reviewed_on": record.last_reviewed_on.isoformat()
        if record.last_reviewed_on
        else None,
        "last_reviewed_text": long_date(record.last_reviewed_on)
        if record.last_reviewed_on
        else None,
        "review_by": review_by.isoformat() if review_by else None,
        "review_by_text": long_date(review_by) if review_by else None,
        "overdue": bool(review_by and review_by < today),
    }
    if record.page_type == "service":
        area = meta.get("area")
        view["service"] = {
            "provider": meta.get("provider"),
            "ages": age_range(meta.get("minimum_age"), meta.get("maximum_age")),
            "needs": [NEEDS_LABELS.get(n, n) for n in meta.get("needs") or []],
            "area": area,
            "eligibility": meta.get("eligibility"),
            "how_to_access": meta.get("how_to_access"),
            "decided_by": meta.get("decided_by"),
            "cost": meta.get("cost"),
            "contact": meta.get("contact") or {},
            "status": meta.get("status", "active"),
            "status_text": STATUS_LABELS.get(str(meta.get("status", "active")), ""),
        }
    return view
