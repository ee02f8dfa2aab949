"""Real MkDocs builds: the site publishes services.json (valid ORUK 3.0) and pages.json, and a
later build warns when a service's id changes."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BuiltSite, make_project, run_build, service_page
from tests.site import test_sample_site
from tests.unit.test_opendata import FULL, MINIMAL, assert_valid

PLUGINS = ["search", "sendqa/frontmatter", "sendqa/opendata"]
Build = Callable[..., BuiltSite]


def feed(site: BuiltSite, name: str = "services.json") -> Any:
    return json.loads((site.site_dir / name).read_text(encoding="utf-8"))


sample_site = test_sample_site.sample_site
"""The whole sample Local Offer, built with the real mkdocs.yml (the sample site test's build)."""


def test_sample_site_publishes_every_service_as_valid_oruk(sample_site: BuiltSite) -> None:
    content = sample_site.root / "content"
    services = [
        p for p in content.rglob("*.md") if "\ntype: service\n" in p.read_text(encoding="utf-8")
    ]
    data = feed(sample_site)
    assert data["total_items"] == len(services) == len(data["contents"]) >= 20
    for record in data["contents"]:
        assert_valid(record)
        assert record["assured_date"] and record["description"] and record["attributes"]
    ids = [r["id"] for r in data["contents"]]
    assert len(set(ids)) == len(ids)
    assert not [m for m in sample_site.sendqa() if "open data" in m]
    # Where and when (the sample's places and times), valid by the same schema above.
    placed = [r for r in data["contents"] if r.get("service_at_locations")]
    assert len(placed) >= 15
    locations = [link["location"] for r in placed for link in r["service_at_locations"]]
    assert all(loc.get("addresses") and "latitude" in loc for loc in locations)
    assert any(
        a["description"] == "Changing Places toilet"
        for loc in locations
        for a in loc.get("accessibility", [])
    )
    assert sum(bool(r.get("schedules")) for r in data["contents"]) >= 20


def test_sample_site_publishes_pages_json(sample_site: BuiltSite) -> None:
    pages = feed(sample_site, "pages.json")
    sources = sorted(
        p.relative_to(sample_site.root / "content").as_posix()
        for p in (sample_site.root / "content").rglob("*.md")
    )
    assert [p["page"] for p in pages] == sources
    for page in pages:
        assert page["url"].startswith("https://localoffer.wyvernshire.example.org/")
        assert page["title"] and page["owner"] and page["review_by"] > page["last_reviewed_on"]
        built = sample_site.site_dir / page["url"].removeprefix(
            "https://localoffer.wyvernshire.example.org/"
        )
        assert (built / "index.html").is_file(), page["url"]


def test_feed_is_written_atomically_and_where_configured(build_site: Build) -> None:
    site = build_site(
        {"index.md": service_page("Home service"), "s/sleep.md": MINIMAL},
        strict=True,
        plugins=[
            "search",
            "sendqa/frontmatter",
            {"sendqa/opendata": {"services_file": "api/services.json", "pages_file": "api/p.json"}},
        ],
    )
    assert site.aborted is None
    assert [r["name"] for r in feed(site, "api/services.json")["contents"]] == [
        "Home service",
        "Sleep clinic",
    ]
    assert len(feed(site, "api/p.json")) == 2
    assert not (site.site_dir / "services.json").exists()
    leftovers = [p.name for p in site.site_dir.rglob(".*.tmp")]
    assert leftovers == []


def test_the_older_parallel_option_is_not_read_and_says_so(build_site: Build) -> None:
    """``parallel_from_pages`` (a second process for the feeds) is gone: a council that still
    has it is told to remove it, and the feeds are written as always."""
    plugins = [
        "search",
        {"sendqa/frontmatter": {"parallel_from_pages": 0}},
        {"sendqa/opendata": {"services_file": "api/services.json"}},
    ]
    files = {"index.md": service_page("Home service"), "s/sleep.md": MINIMAL, "s/full.md": FULL}
    site = build_site(files, plugins=plugins)
    assert site.aborted is None
    said = [m for m in site.messages(logging.WARNING) if "parallel_from_pages" in m]
    assert said == [
        "Config value 'plugins': Plugin 'sendqa/frontmatter' option 'parallel_from_pages': "
        "'parallel_from_pages' is no longer read: every check and file of sendqa is made in "
        "the build itself (a second process cost more time and memory than it saved); remove it"
    ]
    assert len(feed(site, "api/services.json")["contents"]) == 3


def test_disabled_plugin_writes_nothing(build_site: Build) -> None:
    site = build_site(
        {"index.md": service_page("Home service")},
        plugins=["search", "sendqa/frontmatter", {"sendqa/opendata": {"enabled": False}}],
    )
    assert not (site.site_dir / "services.json").exists()
    assert not (site.site_dir / "pages.json").exists()


def rebuild(root: Path, moves: dict[str, str | None]) -> BuiltSite:
    """Move (or with None, delete) pages under content/, then build the same project again."""
    for old, new in moves.items():
        path = root / "content" / old
        if new is None:
            path.unlink()
        else:
            (root / "content" / new).parent.mkdir(parents=True, exist_ok=True)
            path.rename(root / "content" / new)
    return run_build(root, strict=True)


def test_unchanged_feeds_are_copied_not_made_again(
    tmp_path: Path, today: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build whose pages and settings are the last build's writes the same two files into
    the (cleaned) site from the copies it kept; a changed page, or a kept copy that was
    touched, makes them again."""
    from sendqa_build.plugins.opendata import plugin as opendata_plugin

    made: list[int] = []
    real = opendata_plugin.write_feeds

    def counting(*args: Any, **kwargs: Any) -> None:
        made.append(1)
        real(*args, **kwargs)

    monkeypatch.setattr(opendata_plugin, "write_feeds", counting)
    files = {"index.md": service_page("Home service"), "services/sleep.md": MINIMAL}
    root = make_project(tmp_path, files, plugins=PLUGINS)

    def build() -> tuple[bytes, bytes]:
        made.clear()
        assert run_build(root, strict=True).aborted is None
        site = root / "site"
        return (site / "services.json").read_bytes(), (site / "pages.json").read_bytes()

    first = build()
    assert made == [1]
    assert build() == first and made == []
    kept = root / ".sendqa-cache" / "opendata-services.json"
    kept.write_bytes(kept.read_bytes().replace(b"Sleep", b"Sleeq"))
    assert build() == first and made == [1]
    assert build() == first and made == []
    sleep = root / "content" / "services" / "sleep.md"
    sleep.write_text(MINIMAL.replace("Sleep clinic", "Sleep service"), encoding="utf-8")
    changed = build()
    assert made == [1] and b"Sleep service" in changed[0] and b"Sleep service" in changed[1]


def test_ids_stay_stable_and_changes_are_warned_about(tmp_path: Path, today: str) -> None:
    with_id = FULL.replace("type: service", "type: service\nid: portage")
    files = {
        "index.md": service_page("Home service"),
        "services/portage.md": with_id,
        "services/sleep.md": MINIMAL,
        "services/old.md": service_page("Old club"),
    }
    root = make_project(tmp_path, files, plugins=PLUGINS)
    first = run_build(root, strict=True)
    assert first.aborted is None
    ids = {r["name"]: r["id"] for r in feed(first)["contents"]}
    assert (root / ".sendqa-cache" / "opendata-ids.json").is_file()

    # Moving a page with an 'id' keeps its id, and a plain rebuild says nothing.
    second = rebuild(root, {"services/portage.md": "early-years/portage.md"})
    assert second.aborted is None
    assert second.sendqa() == []
    assert {r["name"]: r["id"] for r in feed(second)["contents"]} == ids

    # Moving one without an 'id' changes it (warned about), as does deleting a service.
    third = rebuild(root, {"services/sleep.md": "health/sleep.md", "services/old.md": None})
    assert third.aborted is not None
    assert third.sendqa() == [
        "the service 'Old club' ('services/old.md') is no longer in services.json (its id was "
        "made from 'services/old'); if it moved, add 'id: services/old' to its front matter; if "
        "it closed, keep the page with 'status: closed' so directories learn that it closed",
        "content/health/sleep.md:1: this looks like 'services/sleep.md' moved here, but its "
        "open data id changed (it was made from 'services/sleep'); add 'id: services/sleep' to "
        "its front matter to keep the id",
    ]
    assert {r["name"] for r in feed(third)["contents"]} == {
        "Home service",
        "Portage home visiting",
        "Sleep clinic",
    }

    # The fix the message gives brings the old id back.
    sleep = root / "content" / "health" / "sleep.md"
    sleep.write_text(
        MINIMAL.replace("type: service", "type: service\nid: services/sleep"), encoding="utf-8"
    )
    fourth = run_build(root, strict=True)
    assert [r["id"] for r in feed(fourth)["contents"] if r["name"] == "Sleep clinic"] == [
        ids["Sleep clinic"]
    ]
    assert fourth.sendqa() == []  # putting back an id published before is not a change
    assert fourth.aborted is None
