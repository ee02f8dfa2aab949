"""The reader-side notice in a real browser: a page built while in date shows "This page may be
out of date" to a reader whose own date is after its review-by date, and not before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.browser.conftest import screenshot
from tests.conftest import ROOT, BuiltSite, guide_page, make_project, run_build

pytestmark = pytest.mark.browser

PLUGINS = ["search", "sendqa/frontmatter", "sendqa/freshness"]
NOTICE = ".sendqa-review-notice"
# Built on 2026-12-01 (SENDQA_TODAY), when every page is in date; the portage page is due for
# review by 2027-03-01, the summer page by 2027-06-01, the home page by 2027-09-01.
FILES = {
    "index.md": guide_page("Home", "Read about [portage](portage.md).\n"),
    "portage.md": guide_page("Portage", "Home visits.\n", extra="review_in: 6 months\n"),
    "summer.md": guide_page("Summer", "Holiday clubs.\n", extra="review_in: 9 months\n"),
}


def reader_on(page: Any, when: str | dt.datetime) -> None:
    """Set the reader's clock: text is wall-clock time where the reader is; timers keep
    running, so the page behaves normally."""
    page.clock.set_fixed_time(when)


def open_page(page: Any, url: str) -> str:
    """Open a page and wait until the script has looked at its review date."""
    page.goto(url)
    element = page.wait_for_selector("[data-review-state]", state="attached")
    state: str = element.get_attribute("data-review-state")
    return state


@pytest.fixture
def built(build_site: Callable[..., BuiltSite]) -> BuiltSite:
    site = build_site(FILES, plugins=PLUGINS)
    assert site.aborted is None
    assert site.warnings == []  # in date when built
    assert 'data-review-by="2027-03-01"' in site.html("portage/")
    return site


@pytest.mark.parametrize(
    "when",
    [
        "2027-03-02T00:05:00",  # just after midnight on the day after review-by
        "2027-03-02T12:00:00",
        "2028-01-10T09:30:00",
    ],
)
def test_notice_after_the_review_by_date(
    page: Any, serve: Callable[..., str], built: BuiltSite, when: str
) -> None:
    reader_on(page, when)
    assert open_page(page, serve(built.site_dir) + "portage/") == "overdue"
    notice = page.locator(NOTICE)
    notice.get_by_text("This page may be out of date").wait_for()
    assert notice.count() == 1
    assert notice.get_attribute("role") == "status"
    assert notice.is_visible()
    assert "It was due to be checked by 1 March 2027." in notice.inner_text()
    # It sits right under the page title, where a reader looks first.
    assert page.evaluate(
        f"() => document.querySelector('article h1').nextElementSibling.matches('{NOTICE}')"
    )
    status = page.get_by_role("status")
    assert "This page may be out of date" in status.inner_text()
    if when == "2027-03-02T12:00:00":
        screenshot(page, "freshness-notice")


@pytest.mark.parametrize(
    "when",
    [
        "2027-03-01T23:55:00",  # the review-by date itself: still in date
        "2027-03-01T00:00:00",
        "2026-12-20T12:00:00",
    ],
)
def test_no_notice_on_or_before_the_review_by_date(
    page: Any, serve: Callable[..., str], built: BuiltSite, when: str
) -> None:
    reader_on(page, when)
    assert open_page(page, serve(built.site_dir) + "portage/") == "in-date"
    page.wait_for_timeout(100)  # the notice would have been filled in by now
    assert page.locator(NOTICE).count() == 0
    assert page.get_by_text("This page may be out of date").count() == 0


def test_each_page_is_judged_by_its_own_date(
    page: Any, serve: Callable[..., str], built: BuiltSite
) -> None:
    reader_on(page, "2027-06-01T12:00:00")
    base = serve(built.site_dir)
    assert open_page(page, base) == "in-date"  # home: due by 2027-09-01
    assert page.locator(NOTICE).count() == 0
    assert open_page(page, base + "portage/") == "overdue"
    page.locator(NOTICE).get_by_text("This page may be out of date").wait_for()


@pytest.mark.parametrize(("zone", "state"), [("Europe/London", "overdue"), ("UTC", "in-date")])
def test_the_readers_own_calendar_date_counts(
    page: Any, serve: Callable[..., str], built: BuiltSite, zone: str, state: str
) -> None:
    # 23:30 UTC on 1 June 2027 is already 2 June in London (summer time).
    page.context.new_cdp_session(page).send("Emulation.setTimezoneOverride", {"timezoneId": zone})
    reader_on(page, dt.datetime(2027, 6, 1, 23, 30, tzinfo=dt.timezone.utc))
    assert open_page(page, serve(built.site_dir) + "summer/") == state


def test_works_with_material_instant_navigation(
    page: Any, serve: Callable[..., str], tmp_path: Path, today: str
) -> None:
    theme = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]
    theme["features"] = [*theme.get("features", []), "navigation.instant"]
    # Instant navigation only follows links under site_url, so serve first, then build for it.
    base = serve(tmp_path / "site")
    make_project(tmp_path, FILES, plugins=PLUGINS, config={"theme": theme, "site_url": base})
    site = run_build(tmp_path)
    assert site.aborted is None
    assert "navigation.instant" in site.html("")
    reader_on(page, "2027-06-01T12:00:00")
    assert open_page(page, base) == "in-date"
    page.wait_for_load_state("networkidle")  # Material has read the sitemap
    page.evaluate("() => { window.sameDocument = true; }")

    page.get_by_role("link", name="portage", exact=True).click()
    page.wait_for_selector('[data-review-by="2027-03-01"][data-review-state="overdue"]')
    page.locator(NOTICE).get_by_text("This page may be out of date").wait_for()
    assert page.evaluate("() => window.sameDocument === true")  # no full page load
    assert page.locator(NOTICE).count() == 1

    page.go_back()
    page.wait_for_selector('[data-review-by="2027-09-01"][data-review-state="in-date"]')
    assert page.locator(NOTICE).count() == 0
    assert page.evaluate("() => window.sameDocument === true")
