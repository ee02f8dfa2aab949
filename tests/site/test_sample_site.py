"""The sample Local Offer builds strictly with the real mkdocs.yml and reports nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BuiltSite


@pytest.fixture
def sample_site(sample_build: BuiltSite) -> BuiltSite:
    """The strict build of the whole sample site, shared with the browser tests."""
    return sample_build


def test_sample_builds_strict_without_warnings(sample_site: BuiltSite) -> None:
    assert sample_site.warnings == []
    assert sample_site.aborted is None


def test_sample_is_large_enough(sample_site: BuiltSite) -> None:
    pages = list((sample_site.root / "content").rglob("*.md"))
    services = [p for p in pages if "type: service" in p.read_text(encoding="utf-8")]
    assert len(pages) >= 40
    assert len(services) >= 20


def test_every_service_page_has_its_box(sample_site: BuiltSite) -> None:
    content = sample_site.root / "content"
    for path in content.rglob("*.md"):
        if "type: service" not in path.read_text(encoding="utf-8"):
            continue
        rel = path.relative_to(content).with_suffix("")
        html = (sample_site.site_dir / rel / "index.html").read_text(encoding="utf-8")
        assert 'class="sendqa-glance"' in html, rel
        assert "data-review-by=" in html, rel


def test_navigation_is_pruned(sample_site: BuiltSite) -> None:
    """navigation.prune: a page carries its own section's links, not every page of the site."""
    html = sample_site.html("services/early-years/portage-home-visiting/")
    built_pages = len(list(sample_site.site_dir.rglob("index.html")))
    # Pages nested in another, collapsed section are left out of this page's navigation.
    assert 'href="../../../find-services/by-age/0-to-5/" class="md-nav__link' not in html
    assert html.count('class="md-nav__link') < built_pages


def test_home_page(sample_site: BuiltSite) -> None:
    html = sample_site.html("")
    assert '<html lang="en-GB"' in html
    assert Path(sample_site.site_dir / "sitemap.xml").exists()
