"""Search in families' words, measured in a real browser (issue 24).

The sample site is built with the real mkdocs.yml and served on 127.0.0.1; each query of
tests/browser/search_queries.yml is typed into Material's own search box in Chromium and the
first three results are read from the results list. At least 90% must find their pages. The
directory's "Search by word" box is tried with the same kind of words.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from tests.browser.conftest import ARTIFACTS, screenshot, serve_directory
from tests.conftest import BuiltSite

pytestmark = pytest.mark.browser

QUERIES = Path(__file__).with_name("search_queries.yml")
PASS_RATE = 0.9


@dataclass(frozen=True)
class Query:
    query: str
    top3: tuple[str, ...]


def queries() -> list[Query]:
    data = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    return [Query(str(item["query"]), tuple(item["top3"])) for item in data]


@pytest.fixture(scope="module")
def site_url(sample_build: BuiltSite) -> Iterator[str]:
    """The real sample site, built once per session and served on 127.0.0.1."""
    built = sample_build
    assert built.aborted is None, built.aborted
    url, server = serve_directory(built.site_dir)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


def open_search(page: Any, url: str) -> Any:
    """Open the home page and the search box as a reader would (the magnifier on a phone)."""
    page.goto(url)
    button = page.locator('header label.md-header__button[for="__search"]')
    if button.is_visible():
        button.click()
    field = page.locator("input.md-search__input")
    field.click()
    # The search index loads in a web worker; the results list says so once it is ready.
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta')?.textContent.trim() !== ''"
    )
    return field


def search(page: Any, field: Any, query: str) -> list[list[str]]:
    """Type ``query`` and return each result's links (site paths with '#anchor', no query),
    in order, once the list has stopped changing."""
    field.fill("")
    field.press_sequentially(query, delay=15)
    last, steady, deadline = None, 0, time.monotonic() + 10
    while steady < 3 and time.monotonic() < deadline:
        page.wait_for_timeout(120)
        now = page.locator(".md-search-result").inner_html()
        steady = steady + 1 if now == last else 0
        last = now
    links: list[list[str]] = page.evaluate(
        """() => [...document.querySelectorAll('li.md-search-result__item')].map(item =>
            [...item.querySelectorAll('a.md-search-result__link')].map(a => a.href))"""
    )
    return [[_site_path(href) for href in item] for item in links]


def _site_path(href: str) -> str:
    parts = urlsplit(href)
    path = parts.path.lstrip("/")
    return f"{path}#{parts.fragment}" if parts.fragment else path


def found(expected: str, results: list[list[str]]) -> bool:
    """An address is found when one of the first three results is that page, or (with an
    '#anchor') when one of them links to exactly that place."""
    top = results[:3]
    if "#" in expected:
        return any(expected in links for links in top)
    return any(links and links[0].split("#")[0] == expected for links in top)


def test_family_queries_find_their_pages(page: Any, site_url: str) -> None:
    """At least 90% of the families' queries put every expected page in the first three, on
    a phone (375 px wide: the search opens from the magnifier and fills the screen)."""
    page.set_viewport_size({"width": 375, "height": 740})
    field = open_search(page, site_url)
    rows, passed = [], 0
    cases = queries()
    assert len(cases) >= 40
    for case in cases:
        results = search(page, field, case.query)
        ok = all(found(expected, results) for expected in case.top3)
        passed += ok
        top = [links[0] if links else "" for links in results[:3]]
        rows.append(f"{'PASS' if ok else 'FAIL'}  {case.query!r}: {', '.join(top) or '(none)'}")
    rate = passed / len(cases)
    summary = f"{passed} of {len(cases)} queries pass ({rate:.0%})"
    report = ARTIFACTS / "search-queries.txt"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("\n".join([summary, *rows]) + "\n", encoding="utf-8")
    print(summary, *rows, sep="\n")
    assert rate >= PASS_RATE, summary + "\n" + "\n".join(r for r in rows if r.startswith("FAIL"))


@pytest.mark.parametrize("width", [375, 1280])
def test_search_results_screenshots(page: Any, site_url: str, width: int) -> None:
    """Screenshots of a family's search, on a phone and a desktop, for a person to look at."""
    page.set_viewport_size({"width": width, "height": 900 if width > 400 else 740})
    field = open_search(page, site_url)
    results = search(page, field, "EHCP")
    assert found("assessments-and-plans/education-health-and-care-plans/", results), results
    path = ARTIFACTS / "screenshots" / f"search-results-{width}.png"
    page.screenshot(path=str(path))  # the open search, as the reader sees it (not full page)
    assert path.stat().st_size > 0
    results = search(page, field, "respite")
    assert results
    screenshot_name = f"search-results-respite-{width}"
    page.screenshot(path=str(ARTIFACTS / "screenshots" / f"{screenshot_name}.png"))


def test_jargon_buster_results_are_one_entry_each(page: Any, site_url: str) -> None:
    """A search for an acronym shows its own jargon buster entry, linked to its anchor, not
    the whole page or a letter's wall of text."""
    field = open_search(page, site_url)
    results = search(page, field, "SEMH")
    buster = [links for links in results if links and links[0].startswith("jargon-buster/")]
    assert buster, results
    assert "jargon-buster/#semh" in buster[0]
    assert not any("#letter-" in link for links in results for link in links)


DIRECTORY_WORDS = {
    "respite": "Willow House overnight short breaks",
    "autism": "Harrowden specialist base for autistic pupils",
    "EHCP": "Brookfield School",
    "speech therapy": "Children's speech and language therapy",
    "CAMHS": "Children and Young People's Mental Health Service",
    "respite for a disabled child": "Willow House overnight short breaks",
}
"""What a family types in the directory's box -> a service it must show (whose text says it
another way: 'short breaks', 'autistic', 'Education, Health and Care plan', ...)."""


def test_directory_keyword_box_knows_families_words(page: Any, site_url: str) -> None:
    """The directory's "Search by word" box finds services by glossary forms, synonyms and
    word forms too, and still narrows the list."""
    page.goto(site_url + "find-services/directory/")
    box = page.locator("#sendqa-filter-q")
    total = page.locator("li.sendqa-service").count()
    for typed, title in DIRECTORY_WORDS.items():
        box.fill("")
        box.press_sequentially(typed, delay=10)
        shown = page.locator("li.sendqa-service:visible .sendqa-service__title")
        titles = [t.strip() for t in shown.all_inner_texts()]
        assert title in titles, (typed, titles)
        assert 0 < len(titles) < total, (typed, len(titles))
    screenshot(page, "directory-search-words")
