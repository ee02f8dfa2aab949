"""Real MkDocs builds (SENDQA_TODAY=2026-12-01): overdue pages fail --strict with one clear
message, due-soon pages do not, and every page is in the review lists."""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import ROOT, BuiltSite, guide_page, service_page

PLUGINS = ["search", "sendqa/frontmatter", "sendqa/freshness"]
Build = Callable[..., BuiltSite]
OVERDUE_MESSAGE = (
    "content/services/portage.md: review overdue since 2026-03-01 (last reviewed 2025-09-01, "
    "review every 6 months); owner: Early Years SEND Team"
)


def page(owner: str, last: str, extra: str = "", title: str = "A page") -> str:
    """A valid guide page with its own owner and review date."""
    return (
        f"---\ntitle: {title}\nsummary: A page for testing.\nowner: {owner}\n"
        f"last_reviewed_on: {last}\n{extra}---\n\nSome text.\n"
    )


def fresh_site() -> dict[str, str]:
    return {
        "index.md": guide_page("Home"),
        "services/portage.md": service_page("Portage", max_age=5, extra="review_in: 6 months\n"),
        "about/words.md": guide_page("Words we use", extra="review_in: P1Y\n"),
    }


def overdue_portage() -> str:
    return page("Early Years SEND Team", "2025-09-01", "review_in: 6 months\n", "Portage")


def review_list(site: BuiltSite) -> dict[str, Any]:
    """The build's reviews.json."""
    data: dict[str, Any] = json.loads((site.root / "qa-report/reviews.json").read_text("utf-8"))
    return data


def test_fresh_site_passes_strict_and_lists_every_page(build_site: Build) -> None:
    site = build_site(fresh_site(), strict=True, plugins=PLUGINS)
    assert site.aborted is None
    assert site.warnings == []
    data = review_list(site)
    assert data["reference_date"] == "2026-12-01"
    assert [(p["page"], p["status"], p["review_by"]) for p in data["pages"]] == [
        ("about/words.md", "ok", "2027-09-01"),
        ("index.md", "ok", "2027-09-01"),  # default period: 12 months
        ("services/portage.md", "ok", "2027-03-01"),
    ]
    assert not (site.site_dir / "reviews.json").exists()  # never published unless configured


def test_one_overdue_page_fails_strict_with_the_owner_named(build_site: Build) -> None:
    files = fresh_site() | {"services/portage.md": overdue_portage()}

    plain = build_site(files, plugins=PLUGINS)
    assert plain.aborted is None  # a plain build still publishes
    assert plain.sendqa() == [OVERDUE_MESSAGE]
    assert (plain.site_dir / "services/portage/index.html").exists()

    strict = build_site(files, strict=True, plugins=PLUGINS)
    assert strict.aborted is not None and "strict mode" in strict.aborted
    assert strict.sendqa() == [OVERDUE_MESSAGE]
    # The review list is still written, so CI can hand it to the owners.
    statuses = {p["page"]: p["status"] for p in review_list(strict)["pages"]}
    assert statuses["services/portage.md"] == "overdue"


def test_due_soon_pages_are_reported_but_do_not_fail(build_site: Build) -> None:
    files = fresh_site() | {
        "about/words.md": page("Local Offer Team", "2026-06-15", "review_in: 6 months\n"),
        "index.md": page("Local Offer Team", "2025-12-01", title="Home"),  # due today
    }
    site = build_site(files, strict=True, plugins=PLUGINS)
    assert site.aborted is None
    assert site.warnings == []
    assert site.sendqa(logging.INFO) == [
        "content/about/words.md: review due in 14 days, by 2026-12-15 (last reviewed "
        "2026-06-15, review every 6 months); owner: Local Offer Team",
        "content/index.md: review due today, by 2026-12-01 (last reviewed 2025-12-01, review "
        "every 12 months); owner: Local Offer Team",
    ]


def test_review_list_has_the_right_status_for_every_page(build_site: Build) -> None:
    files = {
        "index.md": page("Local Offer Team", "2026-10-01", title="Home"),
        "services/portage.md": overdue_portage(),
        "education/early-years.md": page(
            "early years SEND team", "2026-06-20", "review_in: 24 weeks\n"
        ),
        "education/schools.md": page("Schools Team", "2026-11-31"),  # no such date
        "health/therapies.md": page("Health Team", "2027-01-01"),  # in the future
        "health/nursing.md": page("Health Team", "2026-01-01", "review_in: sometimes\n"),
        "health/sleep.md": "---\ntitle: Sleep\nsummary: S.\n---\n\nNo owner or date.\n",
    }
    site = build_site(files, config={"site_url": "https://lo.example.org/send/"}, plugins=PLUGINS)
    assert site.aborted is None
    data = review_list(site)
    pages = {p["page"]: p for p in data["pages"]}
    assert {src: p["status"] for src, p in pages.items()} == {
        "education/early-years.md": "due-soon",
        "education/schools.md": "unknown",
        "health/nursing.md": "unknown",
        "health/sleep.md": "unknown",
        "health/therapies.md": "unknown",
        "index.md": "ok",
        "services/portage.md": "overdue",
    }
    assert pages["services/portage.md"]["url"] == "https://lo.example.org/send/services/portage/"
    assert pages["education/early-years.md"]["review_by"] == "2026-12-05"
    assert pages["health/sleep.md"]["owner"] is None
    assert data["counts"] == {
        "total": 7,
        "overdue": 1,
        "due-soon": 1,
        "unknown": 4,
        "ok": 1,
    }

    # Broken dates are reported once, by the front matter check, and never crash freshness.
    warnings = site.sendqa()
    assert OVERDUE_MESSAGE in warnings
    assert not [w for w in warnings if "review overdue" in w and "portage" not in w]
    for src in ("education/schools.md", "health/therapies.md", "health/nursing.md"):
        assert len([w for w in warnings if w.startswith(f"content/{src}")]) == 1, src

    text = (site.root / "qa-report" / "reviews.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["owner"], r["status"], r["page"]) for r in rows] == [
        # One group however the owner is capitalised (a tie: the first page's spelling).
        ("early years SEND team", "overdue", "services/portage.md"),
        ("early years SEND team", "due-soon", "education/early-years.md"),
        ("Health Team", "unknown", "health/nursing.md"),
        ("Health Team", "unknown", "health/therapies.md"),
        ("Local Offer Team", "ok", "index.md"),
        ("Schools Team", "unknown", "education/schools.md"),
        ("", "unknown", "health/sleep.md"),
    ]


def test_pages_carry_their_review_by_date_and_the_notice_script(build_site: Build) -> None:
    files = fresh_site() | {"services/portage.md": overdue_portage()}
    site = build_site(files, plugins=PLUGINS)
    html = site.html("services/portage/")
    assert 'data-review-by="2026-03-01"' in html
    assert (
        '<script src="../../assets/sendqa/review-notice.js" data-sendqa-review-notice '
        'data-title="This page may be out of date" data-text="It was due to be checked by '
        "{date}." in html
    )
    assert (site.site_dir / "assets/sendqa/review-notice.js").exists()


def test_notice_wording_comes_from_the_rules_and_can_be_turned_off(build_site: Build) -> None:
    rules = (ROOT / "checks" / "freshness.yml").read_text(encoding="utf-8")
    reworded = rules.replace(
        "title: This page may be out of date", 'title: "Check before you rely on this page"'
    )
    site = build_site(fresh_site(), plugins=PLUGINS, checks={"freshness.yml": reworded})
    assert 'data-title="Check before you rely on this page"' in site.html("")

    off = rules.replace("  enabled: true", "  enabled: false")
    site = build_site(fresh_site(), plugins=PLUGINS, checks={"freshness.yml": off})
    assert "review-notice.js" not in site.html("")

    without = build_site(fresh_site(), plugins=["search", "sendqa/frontmatter"])
    assert "review-notice.js" not in without.html("")


def test_default_review_period_and_due_soon_window_are_configurable(build_site: Build) -> None:
    rules = (ROOT / "checks" / "freshness.yml").read_text(encoding="utf-8")
    files = {"index.md": page("Local Offer Team", "2026-05-20", title="Home")}
    plugins = [
        "search",
        {"sendqa/frontmatter": {"default_review_in": "7 months"}},
        "sendqa/freshness",
    ]
    site = build_site(
        files,
        plugins=plugins,
        checks={"freshness.yml": rules.replace("due_soon_within: 30 days", "due_soon_within: 0")},
    )
    assert review_list(site)["pages"][0]["status"] == "ok"
    assert site.sendqa(logging.INFO) == []
    site = build_site(files, plugins=plugins)
    assert review_list(site)["pages"][0]["review_by"] == "2026-12-20"
    assert review_list(site)["pages"][0]["status"] == "due-soon"


def test_bad_rules_file_stops_the_build_with_a_clear_message(build_site: Build) -> None:
    rules = (ROOT / "checks" / "freshness.yml").read_text(encoding="utf-8")
    bad = rules.replace("due_soon_within: 30 days", "due_soon_within: a while")
    site = build_site(fresh_site(), plugins=PLUGINS, checks={"freshness.yml": bad})
    assert site.aborted is not None
    [error] = site.messages(logging.ERROR)
    assert "freshness.yml" in error and "'due_soon_within' must be a period" in error


def test_review_lists_can_be_switched_off(build_site: Build) -> None:
    plugins = ["search", "sendqa/frontmatter", {"sendqa/freshness": {"review_lists": False}}]
    site = build_site(fresh_site(), plugins=plugins)
    assert site.aborted is None
    assert not Path(site.root / "qa-report" / "reviews.json").exists()
