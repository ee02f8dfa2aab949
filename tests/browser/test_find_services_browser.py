"""A parent on a phone finds the services for their child in real Chromium: by exact age from
the home page in three taps, nearest first with the browser's position (mocked), by town, by
date of birth, and the whole list without JavaScript. Screenshots for a person to look at."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS, READER_NOW, screenshot, serve_directory
from tests.conftest import BuiltSite

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
MILLBECK = {"latitude": 52.1184, "longitude": -2.3302}
"""A family in Millbeck, one of the sample's towns."""


@pytest.fixture(scope="module")
def sample(sample_build: BuiltSite) -> Iterator[tuple[BuiltSite, str]]:
    """The real mkdocs.yml and content/, built once per session and served locally."""
    site = sample_build
    assert site.aborted is None, site.aborted
    url, server = serve_directory(site.site_dir)
    try:
        yield site, url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def phone(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A 375 px tab that may reach only 127.0.0.1, with the position of a family in Millbeck
    granted, and the list of every address it asked for."""
    context = browser.new_context(
        viewport=PHONE,
        geolocation=MILLBECK,
        permissions=["geolocation"],
        has_touch=True,
        is_mobile=True,
    )
    asked: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        asked.append(url)
        if url.startswith(("http://127.0.0.1", "data:", "about:", "blob:")):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.clock.set_system_time(READER_NOW)
    try:
        yield tab, asked
    finally:
        context.close()


def shown(tab: Any) -> list[dict[str, Any]]:
    """The services the directory shows, in order, with their data."""
    result: list[dict[str, Any]] = tab.evaluate(
        """() => Array.from(document.querySelectorAll('[data-sendqa-directory] > li'))
            .filter(li => !li.hidden)
            .map(li => ({
                title: li.querySelector('a').textContent,
                low: +li.dataset.minAge, high: +li.dataset.maxAge,
                needs: li.dataset.needs, towns: li.dataset.towns,
                points: li.dataset.points || '',
                distance: (li.querySelector('.sendqa-service__distance') || {}).textContent || '',
            }))"""
    )
    return result


def in_view(tab: Any, selector: str) -> bool:
    """The element's top is on screen, below the sticky header."""
    box = tab.locator(selector).first.bounding_box()
    header = tab.locator(".md-header").bounding_box()
    return bool(box and header and header["height"] - 1 <= box["y"] < PHONE["height"] - 40)


def test_a_parent_reaches_services_for_a_7_year_old_in_three_taps(
    phone: tuple[Any, list[str]], sample: tuple[BuiltSite, str]
) -> None:
    """Home page -> choose age 7 -> choose communication and interaction -> Show services:
    every service shown can serve a 7-year-old with those needs, and none that can is hidden."""
    tab, _ = phone
    url = sample[1]
    tab.goto(url)
    taps = 0
    form = tab.locator("form.sendqa-find__form")
    form.get_by_label("Your child's age").select_option("7")
    taps += 1
    form.get_by_label("Help with").select_option("communication-and-interaction")
    taps += 1
    with tab.expect_navigation():
        form.get_by_role("button", name="Show services").tap()
    taps += 1
    assert taps <= 3
    assert tab.url.endswith("find-services/directory/?age=7&need=communication-and-interaction")
    tab.wait_for_function(
        "document.querySelector('[data-sendqa-status]').textContent.includes(' of ')"
    )
    services = shown(tab)
    assert len(services) >= 5
    for service in services:
        assert service["low"] <= 7 <= service["high"], service
        assert "communication-and-interaction" in service["needs"].split(), service
    every = tab.evaluate(
        """() => Array.from(document.querySelectorAll('[data-sendqa-directory] > li'))
            .filter(li => +li.dataset.minAge <= 7 && 7 <= +li.dataset.maxAge
                && li.dataset.needs.split(' ').includes('communication-and-interaction'))
            .length"""
    )
    assert len(services) == every  # exactly those
    status = tab.locator("[data-sendqa-status]").inner_text()
    assert status.startswith(f"Showing {len(services)} of ")
    assert "Each can help a child aged 7." in status
    assert in_view(tab, "[data-sendqa-status]")  # the results come into view on a phone
    tab.screenshot(path=str(ARTIFACTS / "screenshots" / "directory-age-7-375-screen.png"))
    screenshot(tab, "directory-age-7-375")


def test_show_services_brings_the_results_into_view_on_a_phone(
    phone: tuple[Any, list[str]], sample: tuple[BuiltSite, str]
) -> None:
    tab, _ = phone
    tab.goto(sample[1] + "find-services/directory/")
    tab.get_by_label("Your child's age").select_option("15")
    tab.get_by_role("button", name="Show services").tap()
    assert in_view(tab, "[data-sendqa-status]")
    assert tab.evaluate("document.activeElement.hasAttribute('data-sendqa-status')")
    assert all(s["low"] <= 15 <= s["high"] for s in shown(tab))


def miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance, as the page works it out."""
    rad = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * rad / 2) ** 2
        + math.cos(lat1 * rad) * math.cos(lat2 * rad) * math.sin((lon2 - lon1) * rad / 2) ** 2
    )
    return 3958.8 * 2 * math.atan2(math.sqrt(a), math.sqrt(1 - a))


def nearest_point(points: str) -> float:
    return min(
        miles(MILLBECK["latitude"], MILLBECK["longitude"], *map(float, p.split(",")))
        for p in points.split(";")
    )


def test_nearest_to_me_orders_services_by_distance_without_asking_any_other_site(
    phone: tuple[Any, list[str]], sample: tuple[BuiltSite, str]
) -> None:
    tab, asked = phone
    tab.goto(sample[1] + "find-services/directory/")
    before = [s["title"] for s in shown(tab)]
    nearest = tab.get_by_role("button", name="Nearest to me")
    assert nearest.is_visible()
    nearest.tap()
    tab.wait_for_function(
        "document.querySelector('[data-sendqa-status]').textContent.includes('Nearest first')"
    )
    services = shown(tab)
    assert sorted(s["title"] for s in services) == sorted(before)  # the same services
    placed = [s for s in services if s["points"]]
    unplaced = [s for s in services if not s["points"]]
    assert len(placed) >= 15 and unplaced
    assert services[: len(placed)] == placed  # services with a place first, the rest after
    distances = [nearest_point(s["points"]) for s in placed]
    assert distances == sorted(distances)
    assert "Millbeck" in placed[0]["towns"]
    for service, distance in zip(placed, distances, strict=True):
        shown_miles = float(re.search(r"About ([\d.]+) miles", service["distance"]).group(1))
        assert abs(shown_miles - distance) <= 0.51, service
    assert all(not s["distance"] for s in unplaced)
    assert all(u.startswith(("http://127.0.0.1", "data:", "about:", "blob:")) for u in asked)
    # What the phone shows once the list is sorted (the results in view), then the whole page.
    tab.screenshot(path=str(ARTIFACTS / "screenshots" / "directory-nearest-375-screen.png"))
    screenshot(tab, "directory-nearest-375")


def test_without_a_position_a_family_chooses_their_town(
    browser: Any, sample: tuple[BuiltSite, str]
) -> None:
    context = browser.new_context(viewport=PHONE)  # no position given
    try:
        tab = context.new_page()
        tab.goto(sample[1] + "find-services/directory/")
        tab.get_by_label("Town or area").select_option("Millbeck")
        services = shown(tab)
        assert services and all("Millbeck" in s["towns"].split("|") for s in services)
        assert "town=Millbeck" in tab.url
    finally:
        context.close()


def test_a_date_of_birth_becomes_an_age_and_stays_out_of_the_address(
    phone: tuple[Any, list[str]], sample: tuple[BuiltSite, str]
) -> None:
    tab, _ = phone
    tab.goto(sample[1] + "find-services/directory/")
    tab.get_by_label("Or their date of birth").fill("2019-12-02")  # 7 on 1 December 2026
    assert tab.get_by_label("Your child's age").input_value() == "6"
    tab.get_by_label("Or their date of birth").fill("2019-12-01")
    assert tab.get_by_label("Your child's age").input_value() == "7"
    assert "2019" not in tab.url and "age=7" in tab.url
    assert all(s["low"] <= 7 <= s["high"] for s in shown(tab))


def test_the_directory_lists_every_service_without_javascript(
    browser: Any, sample: tuple[BuiltSite, str]
) -> None:
    site, url = sample
    services = [
        p
        for p in (site.root / "content").rglob("*.md")
        if "\ntype: service\n" in (text := p.read_text(encoding="utf-8"))
        and "\nstatus: closed\n" not in text
    ]
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        tab = context.new_page()
        tab.goto(url + "find-services/directory/?age=7&need=communication-and-interaction")
        items = tab.locator("[data-sendqa-directory] > li")
        assert items.count() == len(services) >= 20
        assert tab.locator("[data-sendqa-directory] > li:visible").count() == len(services)
        assert "Ages" in items.first.inner_text()  # each says who it is for
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_of_a_service_with_places_and_the_directory(
    browser: Any, sample: tuple[BuiltSite, str], width: int
) -> None:
    """For a person to look at: tests/artifacts/screenshots/."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(sample[1] + "services/health/speech-and-language-therapy/")
        glance = tab.locator(".sendqa-glance")
        assert "Helps with" in glance.inner_text()
        assert "Changing Places toilet" in glance.inner_text()
        assert glance.locator("abbr[title]").count() >= 1  # glossary tooltips
        assert screenshot(tab, f"service-with-places-{width}").stat().st_size > 10_000
        tab.goto(sample[1] + "find-services/directory/")
        assert screenshot(tab, f"find-services-directory-{width}").stat().st_size > 10_000
    finally:
        context.close()
