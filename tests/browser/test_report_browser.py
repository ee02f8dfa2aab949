"""The QA report's HTML in a real Chromium: readable on its own (no requests elsewhere), keyboard
usable, no serious accessibility problems, readable on a phone and in print; screenshots are
written for a person to look at."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import ROOT, screenshot, serve_directory
from tests.conftest import make_project, run_build
from tests.site.test_report_site import PLUGINS, good_site, partial_site

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "browser" / "axe" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def report_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The report of a site that partly meets the statements (so it has actions and findings),
    after two builds (so it shows changes), served on 127.0.0.1."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SENDQA_TODAY", "2026-12-01")
    mp.setenv("SENDQA_EXTERNAL_LINKS", "false")
    root = tmp_path_factory.mktemp("report-browser")
    try:
        make_project(root, good_site(), plugins=PLUGINS)
        run_build(root)  # the previous build: everything in place
        shutil.rmtree(root / "content")
        for rel, text in partial_site().items():
            (root / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / "content" / rel).write_text(text, encoding="utf-8")
        site = run_build(root)
    finally:
        mp.undo()
    assert site.aborted is None
    base, server = serve_directory(root / "qa-report")
    try:
        yield base + "self-evaluation.html"
    finally:
        server.shutdown()
        server.server_close()


def test_report_reads_on_its_own_and_works_with_the_keyboard(page: Any, report_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report_url)
    assert requests == [report_url]  # styles inline, nothing fetched from the site or elsewhere
    assert page.title().startswith("SEND Local Offer self-evaluation (draft)")
    assert page.locator("h1").count() == 1
    assert page.locator("main").count() == 1
    assert page.locator("nav[aria-label=Contents]").count() == 1
    summary = page.locator("table").first
    assert summary.locator("caption").inner_text() == "Statements and scores"
    assert summary.locator("tbody tr").count() == 16
    row_17 = summary.locator("tbody tr").nth(6)
    assert "Score 2: partially met" in row_17.inner_text()
    assert "down from 3" in row_17.inner_text()
    plan = page.locator("section[aria-labelledby=action-plan] table")
    assert plan.locator("thead th").all_inner_texts() == [
        "QS No.",
        "Action(s) required to fully meet the Quality Standard",
        "Target Completion Date",
        "Responsibility",
    ]
    # Keyboard: the first Tab reaches the skip link, Enter moves to the report.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the report"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    # Links from the summary reach each statement.
    page.locator("a[href='#qs-1-13']").first.click()
    assert page.locator("#qs-1-13").is_visible()
    screenshot(page, "report-desktop")


def test_report_has_no_serious_accessibility_problems(page: Any, report_url: str) -> None:
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make browser-deps installs it)")
    page.goto(report_url)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} - {len(v['nodes'])} element(s)"
        for v in result["violations"]
    ]
    for line in problems:
        print(line)
    assert not [v for v in result["violations"] if v["impact"] in ("serious", "critical")], problems


def test_report_on_a_phone_has_no_sideways_scrolling(page: Any, report_url: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(report_url)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375 + 1, f"the page is {width}px wide on a 375px screen"
    screenshot(page, "report-phone")


def test_report_prints_without_the_contents_and_in_black_text(page: Any, report_url: str) -> None:
    page.emulate_media(media="print")
    page.goto(report_url)
    assert page.locator("nav.contents").is_hidden()
    colour = page.evaluate("getComputedStyle(document.querySelector('h1')).color")
    assert colour == "rgb(11, 12, 12)"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    path = Path(screenshot(page, "report-print"))
    assert path.stat().st_size > 0
