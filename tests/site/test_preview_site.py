"""The preview panel in real MkDocs builds: on every page under ``mkdocs serve`` with that page's
findings (including links found after the pages were written), never in ``mkdocs build`` output
unless ``show_in_build`` is set, and every finding's text escaped."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, BuiltSite, guide_page, make_project, run_build, service_page

PANEL = "data-sendqa-preview"
HELP_BODY = """Families can ask for an EHCP from the council.

See [the missing page](missing.md) and [our form](https://localoffer.wyvernshire.example.org/nowhere/).

We will utilise your views. <!-- sendqa-ignore words -->

We will utilise more views.
"""
# guide_page's front matter is 6 lines and a blank line: the body starts on line 8.
FILES = {
    "index.md": guide_page("Home", "Welcome to the Local Offer.\n"),
    "help.md": guide_page("Help", HELP_BODY),
    "clean.md": guide_page("Clean", "Short, plain words.\n"),
}


def _plugins(**preview: Any) -> list[Any]:
    """The repository's plugins, with options for sendqa/preview."""
    data = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return [
        {"sendqa/preview": preview} if entry == "sendqa/preview" and preview else entry
        for entry in data["plugins"]
    ]


@pytest.fixture
def serve_build(tmp_path: Path, today: str) -> Callable[..., BuiltSite]:
    """Build as ``mkdocs serve`` builds (the plugins are told the command is ``serve``)."""

    def _build(files: dict[str, str], **options: Any) -> BuiltSite:
        root = tmp_path / f"serve{len(list(tmp_path.iterdir()))}"
        root.mkdir()
        make_project(root, files, **options)
        return run_build(root, command="serve")

    return _build


def panel(html: str) -> str:
    """The panel's HTML (empty when there is none)."""
    match = re.search(r"<!-- sendqa-preview -->(.*?)<!-- /sendqa-preview -->", html, re.S)
    return match.group(1) if match else ""


def items(html: str) -> list[tuple[str, str, str]]:
    """``(where, label, message)`` of each finding in the panel's page list, in order."""
    own = panel(html).split('class="sendqa-preview__subtitle"')[0]
    found = re.findall(
        r'__where">([^<]*)</span>\s*<span class="sendqa-preview__label">([^<]*)</span>'
        r'.*?__message">([^<]*)</span>',
        own,
        re.S,
    )
    return [(w, label, m) for w, label, m in found]


def test_panel_lists_the_pages_findings_with_lines_under_serve(
    serve_build: Callable[..., BuiltSite],
) -> None:
    site = serve_build(FILES)
    html = site.html("help/")
    found = items(html)
    assert (
        "Line 8",
        "Problem",
        "&#39;EHCP&#39; is used before it is spelled out on this page.",
    ) in found
    assert ("Line 14", "Problem", "&#39;utilise&#39; is on the GOV.UK list of words to avoid.") in (
        found
    )
    assert "What to do:</strong> Write &#39;use&#39; instead." in panel(html)
    # Broken links are found after the pages are written; the panel is drawn again with them.
    lines = [where for where, _, message in found if "missing.md" in message]
    assert lines == ["Line 10"]
    assert any("nowhere/" in message for _, _, message in found)
    # The silenced use is listed apart, not as a problem.
    assert [w for w, _, m in found if "utilise" in m] == ["Line 14"]
    assert "1 silenced on this page" in panel(html)
    # Every problem in the panel is one the build reported for this page, and no other.
    reported = [m for m in site.sendqa() if m.startswith("content/help.md")]
    reported += [m for m in site.warnings if m.startswith("Doc file 'help.md'")]
    assert len(reported) == 4
    assert 'data-problems="4"' in html
    assert "4 problems on this page." in panel(html)


def test_panel_is_at_the_top_and_labelled(serve_build: Callable[..., BuiltSite]) -> None:
    html = serve_build(FILES).html("help/")
    article = html[html.index("<article") :]
    assert article.index(PANEL) < article.index("<h1") < article.index("Families can ask")
    assert 'aria-labelledby="sendqa-preview-title"' in panel(html)
    assert '<h2 id="sendqa-preview-title"' in panel(html)
    assert 'href="../assets/sendqa/preview.css"' in panel(html)


def test_clean_page_says_so(serve_build: Callable[..., BuiltSite]) -> None:
    html = serve_build(FILES).html("clean/")
    assert "No problems found on this page." in panel(html)
    assert items(html) == []
    assert "sendqa-preview--clean" in panel(html)


def test_site_wide_findings_only_on_the_home_page(serve_build: Callable[..., BuiltSite]) -> None:
    site = serve_build(FILES)
    home = panel(site.html(""))
    assert "About the whole site" in home
    assert "No page covers &#39;travel&#39;" in home
    assert "About the whole site" not in panel(site.html("help/"))


def test_finding_text_is_escaped(serve_build: Callable[..., BuiltSite]) -> None:
    bad = service_page("Bad", extra="").replace(
        "minimum_age: 0", "minimum_age: \"<script>alert('x')</script>\""
    )
    html = serve_build({**FILES, "bad.md": bad}).html("bad/")
    text = panel(html)
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in text
    assert any(where == "Line 8" for where, _, _ in items(html))  # the minimum_age line


def test_no_panel_in_a_build(build_site: Callable[..., BuiltSite]) -> None:
    site = build_site(FILES)
    assert any(m.startswith("content/help.md:8:") for m in site.sendqa())  # it has findings
    for page in site.site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert PANEL not in html and "sendqa-preview" not in html, page


def test_show_in_build_and_show_info(build_site: Callable[..., BuiltSite]) -> None:
    site = build_site(FILES, plugins=_plugins(show_in_build=True, show_info=False))
    html = site.html("help/")
    assert ("Line 8", "Problem") in [(w, label) for w, label, _ in items(html)]
    home = panel(site.html(""))
    assert "About the whole site" in home
    assert "Note" not in [label for _, label, _ in items(site.html(""))]
    assert 'class="sendqa-preview__item sendqa-preview__item--info"' not in home


def test_switched_off(serve_build: Callable[..., BuiltSite]) -> None:
    site = serve_build(FILES, plugins=_plugins(enabled=False))
    assert PANEL not in site.html("help/")
