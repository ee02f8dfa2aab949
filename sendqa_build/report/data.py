"""The QA report as one JSON-ready dict, and the score history between builds.

Every writer (JSON, HTML, Word) renders the same dict, so the three files never disagree. The
dict holds nothing that changes between two builds of the same content on the same reference
date (no clock, no absolute paths), so ``self-evaluation.json`` is byte-identical. The history
(each build's scores, and every page seen with its owner) lives in its own file: the HTML and
Word files show each score's change since the previous build, and a page removed since an
earlier build keeps its owner as the responsibility for its action.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sendqa_build.core.scoring import Assessment, KnownPage, PageFacts, Toolkit
from sendqa_build.models import Finding, Severity, sorted_findings
from sendqa_build.summaries import RequirementRow

SCHEMA_VERSION = 1
TITLE = "SEND Local Offer self-evaluation"
TOOLKIT = "SEND Quality Assurance Toolkit, Section 4: The Local Offer"
HISTORY_KEEP = 100
_ON_PAGE = re.compile(r" \([^()]*\.md\)$")
"""`` (complaints.md)`` at the end of what a requirement lacks: the return names no files."""


def build_report(
    assessment: Assessment,
    toolkit: Toolkit,
    *,
    today: dt.date,
    findings: Iterable[Finding],
    site: Mapping[str, Any],
    coverage: Sequence[RequirementRow] | None,
    checks: Mapping[str, bool],
    services: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """The report (contract section 6) as plain JSON-ready values.

    Args:
        assessment: the scored statements and the action plan.
        toolkit: the toolkit's standard and statements.
        today: the reference date.
        findings: every finding of every check in this build.
        site: ``name``, ``council`` and ``url`` of the site (url may be None).
        coverage: the coverage matrix (requirements with status and pages), or None when the
            coverage check did not run.
        checks: for each check the report reads, whether it ran in this build.
        services: services listed in the directory for each requirement that maps to a kind
            of service (from the browse check).
    """
    ordered = sorted_findings(findings)
    statements = [result.as_dict() for result in assessment.statements]
    rows = (
        [_requirement(item, services or {}) for item in coverage] if coverage is not None else None
    )
    scored = [s for s in assessment.statements if s.auto and s.score is not None]
    return {
        "schema_version": SCHEMA_VERSION,
        "title": TITLE,
        "toolkit": TOOLKIT,
        "site": {
            "name": str(site.get("name") or ""),
            "council": str(site.get("council") or ""),
            "url": site.get("url") or None,
        },
        "reference_date": today.isoformat(),
        "standard": toolkit.standard,
        "summary": {
            "statements": len(statements),
            "auto": sum(1 for s in assessment.statements if s.auto),
            "scored": len(scored),
            "fully_met": sum(1 for s in scored if s.score == 3),
            "partially_met": sum(1 for s in scored if s.score == 2),
            "not_met": sum(1 for s in scored if s.score == 1),
            "provisional": sum(1 for s in scored if s.provisional),
            "actions": len(assessment.actions),
            "warnings": _count(ordered, Severity.WARNING),
            "information": _count(ordered, Severity.INFO),
            "silenced": sum(1 for f in ordered if f.silenced),
        },
        "checks": {name: bool(ran) for name, ran in sorted(checks.items())},
        "statements": statements,
        "actions": [action.as_dict() for action in assessment.actions],
        "statutory_gaps": [
            {
                "id": r["id"],
                "title": r["title"],
                "status": r["status"],
                "missing": list(dict.fromkeys(_ON_PAGE.sub("", m) for m in r["missing"])),
            }
            for r in rows or []
            if r["level"] == "must" and r["status"] in ("missing", "thin")
        ],
        "coverage": rows,
        "findings": [f.as_dict() for f in ordered],
    }


def _count(findings: Sequence[Finding], severity: Severity) -> int:
    return sum(1 for f in findings if f.severity is severity and not f.silenced)


def _requirement(row: RequirementRow, services: Mapping[str, int]) -> dict[str, Any]:
    """One row of the coverage matrix, with only the keys the report shows, and the services
    the directory lists of the requirement's kind (None where it maps to no kind)."""
    return {
        "id": row.id,
        "title": row.title or row.id,
        "basis": row.basis,
        "level": row.level,
        "statements": list(row.statements),
        "status": row.status,
        "pages": sorted(row.pages),
        "missing": list(row.missing),
        "services_listed": services.get(row.id),
    }


def to_json(report: Mapping[str, Any]) -> str:
    """``self-evaluation.json``: stable key order and indentation, UTF-8, final newline."""
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------------------------
# History: each score's change since the previous build


def snapshot(report: Mapping[str, Any]) -> dict[str, Any]:
    """What the history keeps of one build: the reference date and each statement's score."""
    return {
        "reference_date": report["reference_date"],
        "scores": {s["id"]: s["score"] for s in report["statements"]},
    }


def parse_known_pages(text: str | None) -> dict[str, KnownPage]:
    """The pages earlier builds had, by path (the history file's ``pages``): who owned each, so
    a page removed since still has someone responsible for its action."""
    try:
        data = json.loads(text) if text else None
    except ValueError:
        return {}
    pages = data.get("pages") if isinstance(data, dict) else None
    if not isinstance(pages, dict):
        return {}
    known = {}
    for src, item in pages.items():
        if not isinstance(item, dict):
            continue
        covers = item.get("covers")
        known[str(src)] = KnownPage(
            src=str(src),
            title=str(item.get("title") or ""),
            owner=str(item["owner"]) if item.get("owner") else None,
            url=str(item.get("url") or ""),
            covers=tuple(str(c) for c in covers) if isinstance(covers, list) else (),
            last_seen=_date(item.get("last_seen")),
        )
    return known


def _date(value: object) -> dt.date | None:
    """A ``YYYY-MM-DD`` date read back from the history file (None when absent or not one)."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def next_known_pages(
    known: Mapping[str, KnownPage], pages: Iterable[PageFacts], reference_date: dt.date
) -> dict[str, KnownPage]:
    """The pages known after this build: this build's pages as they are now, and those only
    earlier builds had, as they were then."""
    result = dict(known)
    for page in pages:
        result[page.src] = KnownPage(
            page.src, page.title, page.owner, page.url, page.covers, reference_date
        )
    return dict(sorted(result.items()))


def parse_history(text: str | None) -> list[dict[str, Any]]:
    """The builds recorded in a history file; an unreadable file counts as no history."""
    if not text:
        return []
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # damaged, or nested thousands deep
        return []
    builds = data.get("builds") if isinstance(data, dict) else None
    if not isinstance(builds, list):
        return []
    return [
        b
        for b in builds
        if isinstance(b, dict)
        and isinstance(b.get("scores"), dict)
        and isinstance(b.get("reference_date"), str)
    ]


def changes(previous: Mapping[str, Any] | None, report: Mapping[str, Any]) -> dict[str, str]:
    """For each statement, its change since ``previous`` in words (``up from 1``, ``no change``).

    Empty when there is no previous build to compare with.
    """
    if previous is None:
        return {}
    before = previous.get("scores") or {}
    result = {}
    for statement in report["statements"]:
        sid, now = statement["id"], statement["score"]
        if sid not in before:
            result[sid] = "new"
            continue
        was = before[sid]
        if was == now:
            result[sid] = "no change"
        elif was is None:
            result[sid] = "newly scored"
        elif now is None:
            result[sid] = f"was {was}, now not scored"
        else:
            result[sid] = f"{'up' if now > was else 'down'} from {was}"
    return result


def next_history(builds: list[dict[str, Any]], current: dict[str, Any]) -> list[dict[str, Any]]:
    """The history with this build added (repeated identical builds are kept once)."""
    if builds and builds[-1] == current:
        return builds
    return [*builds, current][-HISTORY_KEEP:]


def history_json(
    builds: Sequence[Mapping[str, Any]], pages: Mapping[str, KnownPage] | None = None
) -> str:
    """The history file's text: each build's scores, and every page seen with its owner."""
    known = {
        src: {
            "title": p.title,
            "owner": p.owner,
            "url": p.url,
            "covers": list(p.covers),
            "last_seen": p.last_seen.isoformat() if p.last_seen else "",
        }
        for src, p in sorted((pages or {}).items())
    }
    return json.dumps({"builds": list(builds), "pages": known}, indent=2, ensure_ascii=False) + "\n"
