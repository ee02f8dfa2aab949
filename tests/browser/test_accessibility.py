"""WCAG 2.2 AA in a real browser: axe-core on every page template of the sample Local Offer,
keyboard-only use of the directory and a service's contact details, reflow at 320 px, print
styles, the directory with JavaScript off, and screenshots for a person to look at.

axe-core comes from the npm registry (``make browser-deps`` runs tools/install-axe.sh).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import screenshot, serve_directory
from tests.conftest import ROOT, BuiltSite, guide_page

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "browser" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
WIDTHS = {"desktop": 1280, "phone": 375}


@dataclass
class Sample:
    """The sample site, built once, served on 127.0.0.1."""

    site: BuiltSite
    url: str
    report_url: str | None

    def page_url(self, path: str) -> str:
        return self.url + path


@pytest.fixture(scope="session")
def sample(sample_build: BuiltSite) -> Iterator[Sample]:
    """The real mkdocs.yml and content/, built once per session and served locally."""
    site = sample_build
    root = site.root
    assert site.aborted is None, site.aborted
    url, server = serve_directory(site.site_dir)
    report_dir = root / "qa-report"
    report_url, report_server = None, None
    if (report_dir / "self-evaluation.html").exists():
        base, report_server = serve_directory(report_dir)
        report_url = base + "self-evaluation.html"
    try:
        yield Sample(site, url, report_url)
    finally:
        for s in (server, report_server):
            if s is not None:
                s.shutdown()
                s.server_close()


def axe_js() -> Path:
    if not AXE.exists():
        pytest.fail(
            f"axe-core is missing ({AXE.relative_to(ROOT)}); run 'make browser-deps' "
            "(it installs it from the npm registry with tools/install-axe.sh)"
        )
    return AXE


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.0/2.1/2.2 A and AA violations on the open page."""
    page.add_script_tag(path=str(axe_js()))
    result: dict[str, Any] = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        WCAG_TAGS,
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        lines.append(
            f"  [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} element(s): {targets})"
        )
    return "\n".join(lines)


def assert_no_blocking(name: str, violations: list[dict[str, Any]]) -> None:
    """Zero serious or critical violations; every other finding is printed for a person."""
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    rest = [v for v in violations if v["impact"] not in BLOCKING]
    print(f"\naxe on {name}: {len(blocking)} serious/critical, {len(rest)} other")
    if rest:
        print(describe(rest))
    assert not blocking, f"axe found serious or critical problems on {name}:\n" + describe(blocking)


def pick(site: BuiltSite, preferred: str, marker: str, avoid: tuple[str, ...] = ()) -> str:
    """A page URL: ``preferred`` when the sample still has it, else the first page whose HTML
    has ``marker`` (so the tests follow the sample content as it changes)."""
    if (site.site_dir / preferred / "index.html").exists():
        return preferred
    for path in sorted(site.site_dir.rglob("index.html")):
        text = path.read_text(encoding="utf-8")
        if marker in text and not any(a in text for a in avoid):
            rel = path.parent.relative_to(site.site_dir).as_posix()
            return "" if rel == "." else rel + "/"
    pytest.fail(f"the sample site has no page with {marker!r}")


def service_url(site: BuiltSite) -> str:
    return pick(site, "services/early-years/portage-home-visiting/", 'class="sendqa-glance"')


def jargon_url(site: BuiltSite) -> str:
    """The plain-English check's generated jargon buster, else the glossary guide page."""
    for path in sorted(site.site_dir.rglob("index.html")):
        rel = path.parent.relative_to(site.site_dir).as_posix()
        if "jargon" in rel:
            return rel + "/"
    return pick(site, "about/words-we-use/", "sendqa-review", ("sendqa-glance",))


TEMPLATES: dict[str, Callable[[BuiltSite], str]] = {
    "home": lambda site: "",
    "guide": lambda site: pick(
        site, "education/schools/", "sendqa-review", ("sendqa-glance", "sendqa-ysd")
    ),
    "service": service_url,
    "browse hub": lambda site: "find-services/",
    "browse by age": lambda site: "find-services/by-age/0-to-5/",
    "browse by need": lambda site: "find-services/by-need/communication-and-interaction/",
    "browse by kind": lambda site: "find-services/by-kind/health/",
    "directory": lambda site: "find-services/directory/",
    "jargon buster": jargon_url,
    "you said, we did": lambda site: pick(
        site, "have-your-say/you-said-we-did-2026/", "sendqa-ysd"
    ),
}


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_page_template_has_no_serious_axe_violations(page: Any, sample: Sample, name: str) -> None:
    path = TEMPLATES[name](sample.site)
    page.goto(sample.page_url(path))
    assert_no_blocking(f"{name} ({path or '/'})", run_axe(page))


def test_search_results_have_no_serious_axe_violations(page: Any, sample: Sample) -> None:
    page.goto(sample.page_url(""))
    page.click("input.md-search__input")  # the search box in the header (1280 px wide)
    page.keyboard.type("short breaks")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert_no_blocking("search results", run_axe(page))


def test_qa_report_has_no_serious_axe_violations(page: Any, sample: Sample) -> None:
    if sample.report_url is None:
        pytest.skip(
            "the sample build wrote no qa-report/self-evaluation.html yet (the sendqa/report "
            "plugin is not in mkdocs.yml)"
        )
    page.goto(sample.report_url)
    assert_no_blocking("QA report", run_axe(page))


BROKEN = """<p>Pictures from our summer club.</p>

<img src="summer-club.png">

<p style="color: #c8c8c8; background: #ffffff">Phone us to book a place.</p>

<form action="#"><input type="text" name="postcode"><button type="submit">Go</button></form>
"""


def test_a_broken_page_is_caught(
    page: Any, build_site: Callable[..., BuiltSite], serve: Callable[[Path], str]
) -> None:
    """Proof that the gate can fail: missing alt text, low contrast and an unlabeled input."""
    site = build_site(
        {"index.md": guide_page("Summer club", BROKEN)},
        plugins=["search", "sendqa/frontmatter", "sendqa/browse"],
    )
    page.goto(serve(site.site_dir))
    violations = run_axe(page)
    print(describe(violations))
    found = {v["id"]: v["impact"] for v in violations}
    for rule in ("image-alt", "color-contrast", "label"):
        assert rule in found, f"axe missed '{rule}': {sorted(found)}"
        assert found[rule] in BLOCKING
    with pytest.raises(AssertionError, match="serious or critical"):
        assert_no_blocking("broken page", violations)
    # The cheap build-time check catches the image too, with its line.
    assert any("summer-club.png' has no alt text" in w for w in site.sendqa()), site.sendqa()


def focused(page: Any) -> dict[str, Any]:
    info: dict[str, Any] = page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {id: el.id, tag: el.tagName.toLowerCase(), href: el.getAttribute('href') || '',
                    text: (el.textContent || '').trim(), background: style.backgroundColor,
                    outline: style.outlineStyle + ' ' + style.outlineWidth,
                    inGlance: !!el.closest('.sendqa-glance__contact')};
        }"""
    )
    return info


def tab_until(page: Any, wanted: Callable[[dict[str, Any]], bool], limit: int = 40) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = focused(page)
        if wanted(info):
            return info
    pytest.fail(f"could not reach the element with {limit} presses of Tab")


def assert_focus_visible(info: dict[str, Any]) -> None:
    """A yellow highlight (links, buttons) or a thick outline (fields)."""
    assert info["background"] == "rgb(255, 221, 0)" or info["outline"].startswith("solid"), info


def test_keyboard_only_directory_filter_and_contact_details(page: Any, sample: Sample) -> None:
    page.goto(sample.page_url("find-services/directory/"))
    first = tab_until(page, lambda i: True, 1)
    assert first["text"] == "Skip to main content"
    assert_focus_visible(first)
    page.keyboard.press("Enter")
    field = tab_until(page, lambda i: i["id"] == "sendqa-filter-q", 15)
    assert_focus_visible(field)
    total = page.locator("[data-sendqa-directory] > li").count()
    page.keyboard.type("speech")
    shown = page.locator("[data-sendqa-directory] > li:not([hidden])")
    assert 0 < shown.count() < total
    status = page.locator("[data-sendqa-status]").inner_text()
    assert status == f"Showing {shown.count()} of {total} services."
    # Age filter by keyboard: Tab to the select and choose with the arrow keys.
    tab_until(page, lambda i: i["id"] == "sendqa-filter-age", 5)
    page.keyboard.press("ArrowDown")
    assert page.locator("#sendqa-filter-age").input_value() == "0"  # "Under 1"
    assert "age=0" in page.url and "q=speech" in page.url
    # On to the first matching service, then open it with Enter.
    first_title = shown.first.locator("a").inner_text()
    link = tab_until(page, lambda i: i["text"] == first_title and i["tag"] == "a", 15)
    assert_focus_visible(link)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").first.inner_text() == first_title
    # The service's contact details, by keyboard from the top of the page.
    tab_until(page, lambda i: i["text"] == "Skip to main content", 1)
    page.keyboard.press("Enter")
    contact = tab_until(page, lambda i: i["inGlance"], 15)
    assert contact["href"].startswith(("tel:", "mailto:", "http"))
    assert_focus_visible(contact)


def test_directory_is_a_plain_list_without_javascript(browser: Any, sample: Sample) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(sample.page_url("find-services/directory/"))
        items = tab.locator("[data-sendqa-directory] > li")
        assert items.count() > 0
        assert tab.locator("[data-sendqa-directory] > li:visible").count() == items.count()
        assert not tab.locator("form.sendqa-filter").is_visible()  # a form that could not work
        assert tab.get_by_role("link", name="age").first.is_visible()  # browse pages instead
    finally:
        context.close()


@pytest.mark.parametrize("name", ["home", "service", "directory"])
def test_readable_at_320_px_without_sideways_scrolling(
    page: Any, sample: Sample, name: str
) -> None:
    """WCAG 1.4.10 reflow: content fits a 320 px wide screen."""
    path = {
        "home": "",
        "service": service_url(sample.site),
        "directory": "find-services/directory/",
    }
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(sample.page_url(path[name]))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{name} is {width}px wide at 320px"


def test_service_page_prints_without_the_site_around_it(page: Any, sample: Sample) -> None:
    page.goto(sample.page_url(service_url(sample.site)))
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".sendqa-glance").is_visible()
    assert page.locator(".sendqa-glance__contact").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_skip_link_reaches_main_content_on_every_template(page: Any, sample: Sample) -> None:
    for name in ("home", "service", "directory"):
        path = {"home": "", "service": service_url(sample.site)}.get(
            name, "find-services/directory/"
        )
        page.goto(sample.page_url(path))
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "sendqa-main", name


def test_home_page_reaches_every_browse_page_in_one_step(page: Any, sample: Sample) -> None:
    page.goto(sample.page_url(""))
    find = page.locator("nav.sendqa-find")
    assert find.is_visible()
    hrefs = [a.get_attribute("href") for a in find.locator("a").all()]
    for wanted in ("find-services/directory/", "find-services/by-age/0-to-5/"):
        assert any(h.endswith(wanted) for h in hrefs), hrefs
    assert any(h.endswith("find-services/by-need/") for h in hrefs)
    assert any(h.endswith("find-services/by-kind/") for h in hrefs)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_screenshots(page: Any, sample: Sample, width: str) -> None:
    """For a person to look at: tests/artifacts/screenshots/<page>-<width>.png."""
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    for name, path in (
        ("home", ""),
        ("service", service_url(sample.site)),
        ("directory", "find-services/directory/"),
    ):
        page.goto(sample.page_url(path))
        shot = screenshot(page, f"{name}-{WIDTHS[width]}")
        assert shot.stat().st_size > 10_000
