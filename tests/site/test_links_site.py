"""Real MkDocs builds with ``sendqa/links``: every kind of answer from a local web server is
reported with page and line, the second build asks the server nothing, no internet gives one
message, and broken internal links fail ``--strict``."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sendqa_build.core import links as core_links
from sendqa_build.summaries import to_json
from tests.conftest import (
    BuiltSite,
    counted_builds,
    guide_page,
    make_project,
    run_build,
    service_page,
)
from tests.links_server import LinkServer, closed_port, serve

Build = Callable[..., BuiltSite]
SITE_URL = "https://localoffer.wyvernshire.example.org/"


@pytest.fixture
def server() -> Iterator[LinkServer]:
    with serve() as running:
        yield running


@pytest.fixture
def online(monkeypatch: pytest.MonkeyPatch, today: str) -> None:
    """External checks on (the shared ``today`` fixture switches them off)."""
    monkeypatch.delenv("SENDQA_EXTERNAL_LINKS")


def plugins(**options: Any) -> list[Any]:
    return ["search", "sendqa/frontmatter", {"sendqa/links": options}]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of ``needle`` in a page source (so tests do not count by hand)."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def every_case(server: LinkServer, refused: str) -> dict[str, str]:
    body = (
        "Useful links:\n\n"
        f"- [A working page]({server.url('/ok')})\n"
        f"- [The same page again]({server.url('/ok')}#top)\n"
        f"- [A page that moved]({server.url('/moved')})\n"
        f"- [A page that moved for now]({server.url('/temporary')})\n"
        f"- [A missing page]({server.url('/missing')})\n"
        f"- [A page that is gone]({server.url('/gone')})\n"
        f"- [A busy site]({server.url('/busy')})\n"
        f"- [A broken server]({server.url('/fault')})\n"
        f"- [A slow site]({server.url('/slow')})\n"
        f"- [A closed site]({refused})\n"
        "- [A mistyped address](https://www.nhs..uk/)\n"
        "\nShown as code, not checked: `" + server.url("/in-code") + "`\n"
    )
    other = (
        "See the same working page, written with a capital scheme: "
        f"<{server.url('/ok').replace('http://', 'HTTP://')}>.\n"
    )
    website = f"  website: {server.url('/gone')}\n"
    return {
        "index.md": guide_page("Home", body),
        "other.md": guide_page("Other", other),
        "service.md": service_page("A service", extra=website),
    }


def build_twice_project(tmp_path: Path, files: dict[str, str], **options: Any) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    return make_project(root, files, plugins=plugins(**options), config={"site_url": SITE_URL})


def test_every_answer_is_classified_reported_and_cached(
    tmp_path: Path, server: LinkServer, online: None
) -> None:
    refused = f"http://127.0.0.1:{closed_port()}/"
    files = every_case(server, refused)
    root = build_twice_project(tmp_path, files, timeout=1, connectivity_probe=server.url("/probe"))
    site = run_build(root)
    home, service = files["index.md"], files["service.md"]

    def at(page: str, text: str, needle: str) -> str:
        return f"content/{page}:{line_of(text, needle)}: "

    broken = [
        at("index.md", home, "/missing")
        + f"link to '{server.url('/missing')}' is broken (404 Not Found); fix or remove the link",
        at("index.md", home, "/gone")
        + f"link to '{server.url('/gone')}' is broken (410 Gone); fix or remove the link",
        at("index.md", home, refused)
        + f"link to '{refused}' is broken (the server refused the connection); "
        "fix or remove the link",
        at("index.md", home, "nhs..uk")
        + "link to 'https://www.nhs..uk/' is broken (it is not a valid web address); "
        "fix or remove the link",
        at("service.md", service, "website:")
        + f"link to '{server.url('/gone')}' is broken (410 Gone); fix or remove the link",
    ]
    assert sorted(site.sendqa()) == sorted(broken)
    info = site.sendqa(logging.INFO)
    fix = "open it in a browser to check it still works"
    for expected in (
        at("index.md", home, "/busy")
        + f"link to '{server.url('/busy')}' could not be checked (429 Too Many Requests); {fix}",
        at("index.md", home, "/fault") + f"link to '{server.url('/fault')}' could not be "
        f"checked (500 Internal Server Error); {fix}",
        at("index.md", home, "/slow") + f"link to '{server.url('/slow')}' could not be checked "
        f"(the site did not answer within 1 second); {fix}",
        at("index.md", home, "/moved") + f"link to '{server.url('/moved')}' has moved "
        f"permanently to '{server.url('/new-home')}'; update the link",
    ):
        assert expected in info
    assert not [m for m in info if "/temporary" in m or "/ok" in m or "no internet" in m]

    # Each address was asked for once, whichever pages use it and however it is written.
    assert server.requests["/ok"] == 1
    assert server.requests["/gone"] == 1
    assert server.requests["/in-code"] == 0
    first = server.total

    summary = to_json(site.plugin("sendqa/links").summary)
    # The site's addresses go once every page is checked, before the search index is written.
    assert not site.plugin("sendqa/links").site_urls
    assert not site.plugin("sendqa/links").site_files
    assert summary["external_checked"] is True
    assert summary["reason"] is None
    assert summary["external"] == {
        "unique": 10,
        "ok": 3,
        "broken": 4,
        "unverified": 3,
        "redirected": 1,
    }
    assert summary["internal_broken"] == 0
    assert summary["pages"]["index.md"] == {"broken": 4, "unverified": 3}
    assert summary["pages"]["service.md"] == {"broken": 1, "unverified": 0}
    assert summary["pages"]["other.md"] == {"broken": 0, "unverified": 0}
    cache = json.loads((root / ".sendqa-cache" / "links.json").read_text(encoding="utf-8"))
    assert cache["results"][server.url("/missing")]["status"] == "broken"

    again = run_build(root)
    assert server.total == first  # the second build used the cache
    assert sorted(again.sendqa()) == sorted(broken)
    assert to_json(again.plugin("sendqa/links").summary) == summary


def test_broken_external_link_fails_strict_but_unverified_does_not(
    build_site: Build, server: LinkServer, online: None
) -> None:
    probe = {"connectivity_probe": server.url("/probe"), "timeout": 1}
    busy = {"index.md": guide_page("Home", f"[Busy]({server.url('/busy')})\n")}
    assert build_site(busy, strict=True, plugins=plugins(**probe)).aborted is None
    strict_busy = build_site(busy, strict=True, plugins=plugins(fail_on_unverified=True, **probe))
    assert strict_busy.aborted is not None
    missing = {"index.md": guide_page("Home", f"[Gone]({server.url('/missing')})\n")}
    assert build_site(missing, strict=True, plugins=plugins(**probe)).aborted is not None


def test_no_internet_gives_one_message_and_the_build_passes(
    build_site: Build, server: LinkServer, online: None
) -> None:
    nowhere = f"http://127.0.0.1:{closed_port()}/"
    files = {
        "index.md": guide_page("Home", f"[A]({server.url('/missing')}) [B]({server.url('/a')})\n"),
        "b.md": guide_page("B", f"[C]({server.url('/gone')})\n"),
    }
    site = build_site(files, strict=True, plugins=plugins(connectivity_probe=nowhere))
    assert site.aborted is None
    assert site.warnings == []
    messages = [m for m in site.sendqa(logging.INFO) if "link" in m]
    assert messages == [
        f"external links were not checked: no internet connection ('{nowhere}' did not "
        "answer); they will be checked on the next build with internet access"
    ]
    assert server.total == 0
    summary = to_json(site.plugin("sendqa/links").summary)
    assert summary["external_checked"] is False
    assert "no internet" in summary["reason"]
    assert summary["external"] == {
        "unique": 3,
        "ok": 0,
        "broken": 0,
        "unverified": 0,
        "redirected": 0,
    }


def test_switched_off_by_environment_and_by_default_in_tests(
    build_site: Build, server: LinkServer
) -> None:
    files = {"index.md": guide_page("Home", f"[Gone]({server.url('/missing')})\n")}
    site = build_site(files, strict=True, plugins=plugins(connectivity_probe=server.url("/p")))
    assert site.aborted is None
    assert server.total == 0
    summary = to_json(site.plugin("sendqa/links").summary)
    assert summary["external_checked"] is False
    assert summary["reason"] == "not checked: switched off"


def test_cache_expires(tmp_path: Path, server: LinkServer, online: None) -> None:
    files = {"index.md": guide_page("Home", f"[Ok]({server.url('/ok')})\n")}
    root = build_twice_project(tmp_path, files, cache_days=0, connectivity_probe="")
    run_build(root)
    run_build(root)
    assert server.requests["/ok"] == 2


def test_fifty_addresses_on_five_hosts(tmp_path: Path, online: None) -> None:
    hosts = [f"127.0.0.{n}" for n in range(1, 6)]
    with (
        serve(hosts[0]) as a,
        serve(hosts[1]) as b,
        serve(hosts[2]) as c,
        serve(hosts[3]) as d,
        serve(hosts[4]) as e,
    ):
        servers = [a, b, c, d, e]
        pages = {}
        for n in range(10):
            body = "".join(f"- [Page {n}]({s.url(f'/page/{n}')})\n" for s in servers)
            pages[f"page-{n}.md"] = guide_page(f"Page {n}", body)
        pages["index.md"] = guide_page("Home", "Links to every page.\n")
        root = build_twice_project(tmp_path, pages, connectivity_probe="")
        site = run_build(root, strict=True)
        assert site.aborted is None
        summary = to_json(site.plugin("sendqa/links").summary)
        assert summary["external"]["unique"] == 50
        assert summary["external"]["ok"] == 50
        assert [s.total for s in servers] == [10] * 5


# -- internal links -----------------------------------------------------------------------------


def test_broken_internal_link_fails_strict_naming_page_and_target(build_site: Build) -> None:
    files = {
        "index.md": guide_page("Home", "Read [about us](about.md).\n"),
        "guide.md": guide_page(
            "Guide", "Go [home](index.md).\n\nSee [the form](forms/apply.md).\n"
        ),
    }
    site = build_site(files, strict=True, plugins=plugins())
    assert site.aborted is not None
    # One message per broken link (sendqa's, as sendqa check words it; not also MkDocs').
    assert sorted(site.warnings) == [
        "sendqa: content/guide.md:10: the link 'forms/apply.md' points to a file that is not in "
        "this site; correct the address: link to the page's .md file, relative to this page",
        "sendqa: content/index.md:8: the link 'about.md' points to a file that is not in this "
        "site; correct the address: link to the page's .md file, relative to this page",
    ]
    summary = to_json(site.plugin("sendqa/links").summary)
    assert summary["internal_broken"] == 2
    assert summary["pages"]["guide.md"]["broken"] == 1
    finding = next(f for f in site.plugin("sendqa/links").findings if f.page == "guide.md")
    assert finding.line == line_of(files["guide.md"], "forms/apply.md")
    # Where each broken link leads, for the QA report to join links to a removed page.
    assert [(i["page"], i["target"]) for i in summary["internal"]] == [
        ("guide.md", "forms/apply.md"),
        ("index.md", "about.md"),
    ]


def test_broken_anchor_fails_strict_naming_page_and_anchor(build_site: Build) -> None:
    files = {
        "index.md": guide_page("Home", "Read [who can apply](guide.md#who-can-aply).\n"),
        "guide.md": guide_page("Guide", "## Who can apply\n\nAnyone.\n"),
    }
    site = build_site(files, strict=True, plugins=plugins())
    assert site.aborted is not None
    assert (
        "Doc file 'index.md' contains a link 'guide.md#who-can-aply', but the doc 'guide.md' "
        "does not contain an anchor '#who-can-aply'." in site.warnings
    )
    assert to_json(site.plugin("sendqa/links").summary)["internal_broken"] == 1
    fixed = {**files, "index.md": guide_page("Home", "Read [who](guide.md#who-can-apply).\n")}
    assert build_site(fixed, strict=True, plugins=plugins()).aborted is None


def test_full_address_into_this_site_is_checked_against_the_build(build_site: Build) -> None:
    website = f"  website: {SITE_URL}services/no-such-page/\n"
    body = (
        f"See [the guide]({SITE_URL}guide/) and [its list]({SITE_URL}guide/#the-list) "
        f"and [a typo]({SITE_URL}guide/#the-lsit).\n"
    )
    files = {
        "index.md": guide_page("Home", body),
        "guide.md": guide_page("Guide", "## The list\n\nItems.\n"),
        "service.md": service_page("A service", extra=website),
    }
    site = build_site(files, strict=True, plugins=plugins(), config={"site_url": SITE_URL})
    assert site.aborted is not None
    line = line_of(files["service.md"], "website:")
    assert sorted(site.sendqa()) == [
        f"content/index.md:8: link to '{SITE_URL}guide/#the-lsit' points to '#the-lsit', "
        "which is not on the page 'guide/'; correct the part after '#' or link to the page "
        "without it",
        f"content/service.md:{line}: link to '{SITE_URL}services/no-such-page/' points to "
        "'services/no-such-page/', which is not a page on this site; correct the address",
    ]
    summary = to_json(site.plugin("sendqa/links").summary)
    assert summary["internal_broken"] == 2
    assert ("service.md", line, "services/no-such-page/") in [
        (i["page"], i["line"], i["target"]) for i in summary["internal"]
    ]


HOOK = """
from mkdocs.structure.files import File


def on_files(files, config):
    content = (
        "# Made by a plugin\\n\\n"
        '<a href="../guide/">Guide</a> <a href="../nowhere/">Nowhere</a> '
        '<a href="../guide/#gone">Gone anchor</a> <a href="https://x.example.org/">Out</a>\\n'
    )
    files.append(File.generated(config, "made.md", content=content))
    return files
"""


def test_links_in_generated_pages_are_checked(build_site: Build, tmp_path: Path) -> None:
    hook = tmp_path / "make_page.py"
    hook.write_text(HOOK, encoding="utf-8")
    files = {"index.md": guide_page("Home"), "guide.md": guide_page("Guide")}
    site = build_site(files, strict=True, plugins=plugins(), config={"hooks": [str(hook)]})
    assert site.aborted is not None
    assert sorted(site.sendqa()) == [
        "content/made.md: link to '../guide/#gone' points to '#gone', which is not on the page "
        "'guide/'; correct the part after '#' or link to the page without it",
        "content/made.md: link to '../nowhere/' points to 'nowhere/', which is not a page on "
        "this site; correct the address",
    ]


def test_sample_site_link_rules_load(build_site: Build) -> None:
    """The repository's mkdocs.yml includes the plugin and its rules load."""
    site = build_site({"index.md": guide_page("Home")})
    assert to_json(site.plugin("sendqa/links").summary)["external_checked"] in (True, False)


@pytest.mark.parametrize(
    ("command", "options", "env", "expected"),
    [
        ("build", {}, None, True),
        ("serve", {}, None, False),
        ("serve", {"check_external_on_serve": True}, None, True),
        ("build", {"check_external": False}, None, False),
        ("build", {}, "false", False),
        ("build", {"check_external": False}, "true", True),
        ("serve", {}, "TRUE", True),
    ],
)
def test_when_external_links_are_checked(
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    options: dict[str, Any],
    env: str | None,
    expected: bool,
) -> None:
    from sendqa_build.plugins.links.plugin import LinksPlugin

    monkeypatch.delenv("SENDQA_EXTERNAL_LINKS", raising=False)
    if env is not None:
        monkeypatch.setenv("SENDQA_EXTERNAL_LINKS", env)
    plugin = LinksPlugin()
    assert plugin.load_config(options) == ([], [])
    plugin.on_startup(command=command, dirty=False)
    assert plugin._external_wanted() is expected


def test_without_internet_the_cache_still_reports_known_broken_links(
    tmp_path: Path, server: LinkServer, online: None
) -> None:
    first = {"index.md": guide_page("Home", f"[Missing]({server.url('/missing')})\n")}
    root = build_twice_project(tmp_path, first, connectivity_probe=server.url("/probe"))
    run_build(root)
    asked = server.total
    nowhere = f"http://127.0.0.1:{closed_port()}/"
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace(server.url("/probe"), nowhere), "utf-8")
    (root / "content" / "index.md").write_text(
        guide_page("Home", f"[Missing]({server.url('/missing')})\n\n[New]({server.url('/new')})\n"),
        encoding="utf-8",
    )
    site = run_build(root)
    assert server.total == asked
    assert site.sendqa() == [
        f"content/index.md:8: link to '{server.url('/missing')}' is broken (404 Not Found); "
        "fix or remove the link"
    ]
    assert [m for m in site.sendqa(logging.INFO) if "no internet" in m] != []
    summary = to_json(site.plugin("sendqa/links").summary)
    assert summary["external_checked"] is False
    assert summary["external"]["unique"] == 2
    assert summary["external"]["broken"] == 1


def test_pages_whose_links_all_lead_somewhere_are_not_read_again(
    tmp_path: Path, today: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page whose links all led somewhere, with the same HTML and the same files in the site,
    is not read again; a page with a broken link always is, and says so every build. An edited
    page, or a page added or removed anywhere in the site, is read again."""
    root = tmp_path / "project"
    files = {
        "index.md": guide_page("Home", "See [the guide](guide.md) and [advice](advice.md).\n"),
        "guide.md": guide_page("Guide", "Back [home](index.md).\n"),
        "advice.md": guide_page("Advice", "Read [the old page](gone.md).\n"),
    }
    make_project(root, files, plugins=plugins())

    def said(site: BuiltSite) -> list[str]:
        return site.sendqa(logging.WARNING)

    build = counted_builds(
        monkeypatch, root, core_links, "relative_link_problems", page_arg=0, said=said
    )
    first, warnings = build()
    assert first == ["advice.md", "guide.md", "index.md"]
    assert len(warnings) == 1 and "gone.md" in warnings[0]
    assert build() == (["advice.md"], warnings)
    # Its own file: .sendqa-cache/links.json holds the results of external links.
    assert (root / ".sendqa-cache" / "links-pages.json").is_file()

    guide = root / "content" / "guide.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nSee [advice](advice.md).\n", "utf-8")
    assert build() == (["advice.md", "guide.md"], warnings)

    (root / "content" / "gone.md").write_text(guide_page("The old page"), encoding="utf-8")
    assert build() == (["advice.md", "gone.md", "guide.md", "index.md"], [])
    assert build() == ([], [])
    (root / "content" / "gone.md").unlink()
    assert build() == (["advice.md", "guide.md", "index.md"], warnings)


def test_kept_links_between_pages_leave_external_results_alone(
    tmp_path: Path, server: LinkServer, online: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both kinds of kept link results live side by side: the second build reads no page's
    links again and asks the web server nothing."""
    files = {
        "index.md": guide_page("Home", f"[Ok]({server.url('/ok')}) and [a guide](guide.md).\n"),
        "guide.md": guide_page("Guide", f"[Ok too]({server.url('/ok')}#part).\n"),
    }
    root = build_twice_project(tmp_path, files, connectivity_probe="")
    build = counted_builds(
        monkeypatch, root, core_links, "relative_link_problems", page_arg=0, said=lambda s: []
    )
    assert build()[0] == ["guide.md", "index.md"]
    assert server.requests["/ok"] == 1
    assert build()[0] == []
    assert server.requests["/ok"] == 1
    kept = root / ".sendqa-cache"
    assert json.loads((kept / "links.json").read_text(encoding="utf-8")) != json.loads(
        (kept / "links-pages.json").read_text(encoding="utf-8")
    )
