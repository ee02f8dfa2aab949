"""Real MkDocs builds: front matter problems are logged, fail --strict, and good pages render
their "at a glance" box and review line."""

from __future__ import annotations

import gc
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import pytest
from mkdocs.commands import build as mkdocs_build

from sendqa_build.core import site as site_module
from tests.conftest import (
    BuiltSite,
    counted_builds,
    guide_page,
    make_project,
    run_build,
    service_page,
)

PLUGINS = ["search", "sendqa/frontmatter"]
Build = Callable[..., BuiltSite]


def good_site() -> dict[str, str]:
    return {
        "index.md": guide_page("Home", "See [the portage service](services/portage.md).\n"),
        "services/portage.md": service_page("Portage", max_age=5, extra="review_in: 6 months\n"),
        "services/far.md": service_page("Far away school", area="outside"),
    }


def test_good_site_builds_strict_with_no_warnings(build_site: Build) -> None:
    site = build_site(good_site(), strict=True, plugins=PLUGINS)
    assert site.aborted is None
    assert site.warnings == []


def test_at_a_glance_box_and_review_line(build_site: Build) -> None:
    site = build_site(good_site(), plugins=PLUGINS)
    html = site.html("services/portage/")
    assert '<section class="sendqa-glance"' in html
    for expected in (
        "<dt>Ages</dt><dd>0 to 5 years</dd>",
        "<dt>Who can use it</dt><dd>Open to all</dd>",
        "<dt>How to get it</dt><dd>Phone the team to refer yourself.</dd>",
        "<dt>Who decides</dt><dd>The service manager</dd>",
        "<dt>Cost</dt><dd>Free</dd>",
        "<dt>Where</dt><dd>In Wyvernshire</dd>",
        'href="tel:01632960123"',
        'href="mailto:team@wyvernshire.example.org"',
        "<dt>Helps with</dt>",
        "Any special educational need or disability",
    ):
        assert expected in html, expected
    assert 'data-review-by="2027-03-01"' in html
    assert 'Page last reviewed on <time datetime="2026-09-01">1 September 2026</time>' in html
    assert 'Next review due by <time datetime="2027-03-01">1 March 2027</time>' in html
    assert "Owner: Test Team." in html
    assert "<dt>When</dt>" not in html and "sendqa-glance__places" not in html  # none given
    far = site.html("services/far/")
    assert "<dt>Where</dt><dd>Outside Wyvernshire</dd>" in far
    home = site.html("")
    assert '<section class="sendqa-glance"' not in home
    assert 'data-review-by="2027-09-01"' in home  # default review period: 12 months
    assert '<html lang="en-GB"' in home
    assert '<meta name="description" content="A page for testing.">' in home


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        (
            "maximum_age: 5",
            "maximum_age: twelve",
            "content/services/portage.md:9: 'maximum_age' must be a whole number from 0 to 25, "
            "found 'twelve'",
        ),
        (
            "owner: Test Team\n",
            "",
            "content/services/portage.md:1: 'owner' is missing; add it, for example "
            "'owner: Early Years SEND Team'",
        ),
        (
            "last_reviewed_on:",
            "last_review_on:",
            "content/services/portage.md:6: unknown field 'last_review_on'; "
            "did you mean 'last_reviewed_on'?",
        ),
        (
            "last_reviewed_on: 2026-09-01",
            "last_reviewed_on: 2026-02-31",
            "content/services/portage.md:6: 'last_reviewed_on' must be a date written "
            "YYYY-MM-DD, found '2026-02-31'; there is no such date; check the day and month "
            "(for example 2026-02-01)",
        ),
        (
            "type: service",
            "type: servce",
            "content/services/portage.md:4: 'type' must be one of 'guide', 'service' or "
            "'you-said-we-did', found 'servce'; did you mean 'service'?",
        ),
        (
            "review_in: 6 months",
            "review_in: sometimes",
            "content/services/portage.md:19: 'review_in' must be a period such as '6 months', "
            "'12 weeks', '1 year' or 'P6M', found 'sometimes'",
        ),
        (
            "review_in: 6 months",
            "covers: [heath]",
            "content/services/portage.md:19: 'covers' has an unknown requirement id 'heath'; "
            "did you mean 'health'?",
        ),
        (
            "needs: [all]",
            "needs: 5",
            "content/services/portage.md:10: 'needs' must be a list of one of 'all', "
            "'communication-and-interaction', 'cognition-and-learning', "
            "'social-emotional-and-mental-health' or 'sensory-and-physical', found '5'",
        ),
    ],
)
def test_bad_front_matter_warns_and_fails_strict(
    build_site: Build, replace: str, by: str, message: str
) -> None:
    files = good_site()
    assert replace in files["services/portage.md"]
    files["services/portage.md"] = files["services/portage.md"].replace(replace, by, 1)

    plain = build_site(files, plugins=PLUGINS)
    assert plain.aborted is None
    assert plain.sendqa() == [message]
    assert (plain.site_dir / "services/portage/index.html").exists()  # still published

    strict = build_site(files, strict=True, plugins=PLUGINS)
    assert strict.aborted is not None and "strict mode" in strict.aborted


def test_broken_yaml_is_reported_and_never_published_as_text(build_site: Build) -> None:
    files = good_site()
    files["services/portage.md"] = files["services/portage.md"].replace(
        "summary: A service for testing.", 'summary: "Unclosed quote'
    )
    site = build_site(files, plugins=PLUGINS)
    (message,) = site.sendqa()
    assert message.startswith("content/services/portage.md:")
    assert "the front matter is not valid YAML" in message
    html = site.html("services/portage/")
    assert "last_reviewed_on" not in html
    assert "What the service offers" in html


def test_bad_sendqa_today_stops_the_build_with_a_clear_message(
    build_site: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SENDQA_TODAY", "tomorrow")
    site = build_site(good_site(), plugins=PLUGINS)
    assert site.aborted is not None
    assert any("SENDQA_TODAY is set to 'tomorrow'" in m for m in site.messages(40))


MARKDOWN_HOOK = """
import json
from pathlib import Path

from sendqa_build.plugins.base import site_index

seen = {}


def on_post_page(output, page, config):
    record = site_index(config).get(page.file.src_uri)
    seen[page.file.src_uri] = {
        "markdown": page.markdown,
        "shared": record is not None and page.markdown is record.body,
    }


def on_post_build(config):
    Path(config.config_file_path).with_name("markdown.json").write_text(json.dumps(seen))
"""


def test_mkdocs_keeps_the_index_copy_of_each_page(build_site: Build, tmp_path: Path) -> None:
    """MkDocs holds every page's Markdown to the end of the build, as the index does: the two
    are one string, so a large site does not keep each page's text twice."""
    hook = tmp_path / "markdown_hook.py"
    hook.write_text(MARKDOWN_HOOK, encoding="utf-8")
    files = {
        **good_site(),
        # No blank line after the front matter, and several: MkDocs takes blank lines off.
        "tight.md": guide_page("Tight", "Text straight after.\n").replace("---\n\n", "---\n"),
        "loose.md": guide_page("Loose", "\n\n\nText after blank lines.\n"),
    }
    site = build_site(files, strict=True, plugins=PLUGINS, config={"hooks": [str(hook)]})
    assert site.aborted is None
    seen = json.loads((site.root / "markdown.json").read_text(encoding="utf-8"))
    assert set(seen) == set(files)
    assert all(page["shared"] for page in seen.values()), seen
    assert seen["tight.md"]["markdown"] == "Text straight after.\n"
    assert seen["loose.md"]["markdown"].lstrip("\n") == "Text after blank lines.\n"
    assert "<p>Text after blank lines.</p>" in site.html("loose/")


def test_at_a_glance_shows_where_and_when_with_access_notes(build_site: Build) -> None:
    """Places and times from the front matter, in the box, in the editor's words."""
    files = good_site()
    files["services/portage.md"] = files["services/portage.md"].replace(
        "\n---\n",
        "\ntimes: Monday to Friday, 9am to 5pm\n"
        "locations:\n"
        "  - name: Riverside Family Hub\n"
        "    address: 12 Mill Lane\n"
        "    town: Ashcombe\n"
        "    postcode: wy24ab\n"
        "    accessibility: [Step-free access, Changing Places toilet]\n"
        "    times: Saturdays, 10am to 1pm (term time only)\n"
        "---\n",
        1,
    )
    site = build_site(files, plugins=PLUGINS)
    assert site.sendqa() == []
    html = site.html("services/portage/")
    assert "<strong>Riverside Family Hub</strong><br>12 Mill Lane, Ashcombe, WY2 4AB" in html
    assert "Open: Saturdays, 10am to 1pm (term time only)" in html
    assert "Access: Step-free access; Changing Places toilet" in html
    assert "<dt>When</dt><dd>Monday to Friday, 9am to 5pm</dd>" in html


def test_front_matter_is_kept_for_unchanged_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second build reads no unchanged page's front matter again and says the same; an
    edited page is read again, and so is every page on another day (a review date can become
    wrong overnight) or after a change to the rules."""
    monkeypatch.setenv("SENDQA_TODAY", "2026-12-01")
    monkeypatch.setenv("SENDQA_EXTERNAL_LINKS", "false")
    files = {
        "index.md": guide_page("Home"),
        "a.md": guide_page("A").replace(
            "last_reviewed_on", "review_in: fortnightly\nlast_reviewed_on"
        ),
        "s/b.md": service_page("B"),
    }
    root = make_project(tmp_path, files)
    build = counted_builds(monkeypatch, root, site_module, "check_front_matter", page_arg=1)
    first, said = build()
    assert first == ["a.md", "index.md", "s/b.md"]
    assert any("fortnightly" in message for message in said)
    assert build() == ([], said)
    page = root / "content" / "a.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("review_in: fortnightly\n", ""), "utf-8"
    )
    again, now = build()
    assert again == ["a.md"]
    assert [m for m in said if "fortnightly" not in m] == now
    monkeypatch.setenv("SENDQA_TODAY", "2026-12-02")
    assert build()[0] == ["a.md", "index.md", "s/b.md"]
    rules = root / "checks" / "page-types.yml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert build()[0] == ["a.md", "index.md", "s/b.md"]


def test_each_page_html_is_let_go_once_written(build_site: Build, tmp_path: Path) -> None:
    """MkDocs keeps every page's HTML to the end of the build; once the page is written nothing
    reads it, so the build lets it go (``""``, so MkDocs never reads the title again from the
    Markdown) before the search index, the largest step, is made. Pages still show each other's
    titles in their menus."""
    hook = tmp_path / "content_hook.py"
    hook.write_text(
        "import json\nfrom pathlib import Path\n\nFILES = []\n\n\n"
        "def on_files(files, config):\n    FILES[:] = [files]\n\n\n"
        "def on_post_build(config):\n"
        "    content = {f.src_uri: f.page.content for f in FILES[0].documentation_pages()}\n"
        "    out = Path(config.config_file_path).with_name('content.json')\n"
        "    out.write_text(json.dumps(content))\n",
        encoding="utf-8",
    )
    files = {**good_site(), "a-untitled.md": "Just text, no heading.\n"}
    site = build_site(files, plugins=PLUGINS, config={"hooks": [str(hook)]})
    assert site.aborted is None
    content = json.loads((site.root / "content.json").read_text(encoding="utf-8"))
    assert set(content) == set(files)
    assert set(content.values()) == {""}
    assert "Just text, no heading." in site.html("a-untitled/")
    assert "A untitled" in site.html("services/portage/")  # its title in a later page's menu


THEME = {"main.html", "404.html", "partials/nav-item.html", "partials/header.html"}


def test_theme_templates_compiled_once_and_collector_let_go(
    build_site: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second build loads the theme's templates as compiled by the first, with the same
    pages; after each build, and after one that fails, nothing is held from the collector."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: Any, name: Any = None, *a: Any, **k: Any) -> Any:
        compiled.append(str(name))
        return real(self, source, name, *a, **k)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    first = build_site(good_site(), strict=True, plugins=PLUGINS)
    assert set(compiled) >= THEME
    assert gc.get_freeze_count() == 0
    compiled.clear()
    root = first.root
    before = {p: p.read_bytes() for p in sorted((root / "site").rglob("*.html"))}
    again = run_build(root, strict=True)
    assert again.aborted is None
    # (Material's search plugin compiles its language files in an environment of its own.)
    assert not THEME & set(compiled), compiled
    assert {p: p.read_bytes() for p in sorted((root / "site").rglob("*.html"))} == before
    assert gc.get_freeze_count() == 0

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("a page could not be written")

    monkeypatch.setattr(mkdocs_build, "_build_page", broken)
    with pytest.raises(RuntimeError):
        run_build(root)
    assert gc.get_freeze_count() == 0
