"""What templates show about a page: the review line and a service's "at a glance" box.

Values are prepared here, in plain Python, so the Jinja templates in ``overrides/`` stay simple
and a council can restyle them without touching logic.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Mapping
from typing import Any

from sendqa_build.core.site import PageRecord

NEEDS_LABELS = {
    "all": "All areas of need",
    "communication-and-interaction": "Communication and interaction",
    "cognition-and-learning": "Cognition and learning",
    "social-emotional-and-mental-health": "Social, emotional and mental health",
    "sensory-and-physical": "Sensory and physical",
}
NEEDS_PLAIN = {
    "all": "any special educational need or disability",
    "communication-and-interaction": "talking, understanding others, and autism",
    "cognition-and-learning": "learning, including dyslexia",
    "social-emotional-and-mental-health": "feelings, behaviour and mental health",
    "sensory-and-physical": "hearing, sight, moving about and medical needs",
}
"""What each area of need means, in the words a family uses ("Helps with ..."); the Code of
Practice label follows in brackets with its glossary tooltip."""
GLANCE_TIPS = ("eligibility", "how_to_access", "decided_by", "cost")
"""Fields of the "At a glance" box given glossary tooltips."""
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
        needs = [str(n) for n in meta.get("needs") or []]
        view["service"] = {
            "provider": meta.get("provider"),
            "ages": age_range(meta.get("minimum_age"), meta.get("maximum_age")),
            "needs": [NEEDS_LABELS.get(n, n) for n in needs],
            "helps_with": [
                {"plain": NEEDS_PLAIN.get(n, n), "term": NEEDS_LABELS.get(n, n).lower()}
                for n in (["all"] if "all" in needs else needs)
            ],
            "locations": [place_view(p) for p in meta.get("locations") or []],
            "times": [t["text"] for t in meta.get("times") or []],
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


def place_view(place: Mapping[str, Any]) -> dict[str, Any]:
    """One place as the box shows it: name, one-line address, access notes and times."""
    address = ", ".join(str(place[k]) for k in ("address", "town", "postcode") if place.get(k))
    return {
        "name": place.get("name", ""),
        "address": address,
        "accessibility": list(place.get("accessibility") or []),
        "times": [t["text"] for t in place.get("times") or []],
    }


def tooltip_html(text: str, tips: Mapping[str, str]) -> str:
    """``text`` as HTML-safe text with each glossary entry in it explained by an ``abbr``
    tooltip (the same markup the glossary gives page text), the longest entry first."""
    if not tips:
        return html.escape(text, quote=True)
    pattern = re.compile(
        r"(?<![\w&])("
        + "|".join(re.escape(t) for t in sorted(tips, key=len, reverse=True))
        + r")(?![\w&])"
    )
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[last : match.start()], quote=True))
        tip = html.escape(tips[match.group(1)], quote=True)
        out.append(f'<abbr title="{tip}" tabindex="0">{html.escape(match.group(1))}</abbr>')
        last = match.end()
    out.append(html.escape(text[last:], quote=True))
    return "".join(out)


def add_glance_tooltips(service: dict[str, Any], find: Callable[[str], Mapping[str, str]]) -> None:
    """Give the "At a glance" box's words glossary tooltips: ``service["html"]`` holds each
    field as safe HTML, and each area of need its Code of Practice term explained.

    ``find`` gives the glossary entries a text uses (text -> tooltip)."""
    marked: dict[str, str] = {}
    for name in GLANCE_TIPS:
        value = service.get(name)
        if isinstance(value, str) and value:
            marked[name] = tooltip_html(value, find(value))
    for need in service.get("helps_with") or []:
        need["term_html"] = tooltip_html(need["term"], find(need["term"]))
    service["html"] = marked
