"""Real builds: the search index gains the words families type, in fields never shown; the
jargon buster is indexed one entry at a time; the directory's keyword box gets the same words;
pages are unchanged."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from sendqa_build.core import search
from tests.conftest import BuiltSite, guide_page, make_project, run_build, service_page

PAGES = {
    "index.md": guide_page("Home", "Welcome.\n"),
    "plans.md": guide_page(
        "Education, Health and Care plans",
        "## Who can have one\n\nA child who needs more help than school can give.\n",
    ),
    "breaks.md": guide_page("Breaks", "## Overnight\n\nShort breaks at Willow House.\n"),
    "services/base.md": service_page(
        "Specialist base for autistic pupils", extra="provision: [education]\n"
    ),
}
LEISURE = ["search", "sendqa/frontmatter", "sendqa/browse", "sendqa/plain-english"]


def index_of(site: BuiltSite) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    )
    return data


def entry(index: dict[str, Any], location: str) -> dict[str, Any]:
    found: dict[str, Any] = next(d for d in index["docs"] if d["location"] == location)
    return found


def test_search_index_gains_families_words(build_site: Callable[..., BuiltSite]) -> None:
    site = build_site(PAGES, strict=True, plugins=LEISURE)
    assert site.aborted is None, site.aborted
    # The words went into Material's index before it was written: never read back.
    assert site.plugin("sendqa/plain-english").index_in_memory
    index = index_of(site)
    fields = index["config"]["fields"]
    assert fields["title_also"] == fields["title"]
    assert fields["text_also"] == fields["text"]
    plans = entry(index, "plans/")
    assert plans["title"] == "Education, Health and Care plans"
    assert {"EHCP", "statement"} <= set(plans["title_also"].split())
    breaks = entry(index, "breaks/#overnight")
    assert "respite" in breaks["text_also"].split()
    assert breaks["text"] == "<p>Short breaks at Willow House.</p>"
    base = entry(index, "services/base/")
    assert "autism" in base["title_also"].split()
    # The pages themselves say only what they said.
    assert "EHCP" not in site.html("plans/")
    assert "respite" not in site.html("breaks/")
    # Once written, Material's entries are let go (a new index is made on every build), so the
    # QA report starts from less memory.
    assert site.plugin("material/search").search_index.entries == []


def test_jargon_buster_is_one_search_entry_per_term(build_site: Callable[..., BuiltSite]) -> None:
    site = build_site(PAGES, strict=True, plugins=LEISURE)
    locations = [d["location"] for d in index_of(site)["docs"]]
    assert "jargon-buster/" in locations
    assert "jargon-buster/#ehcp" in locations
    assert "jargon-buster/#short-breaks" in locations
    assert not [loc for loc in locations if loc.startswith("jargon-buster/#letter-")]
    ehcp = entry(index_of(site), "jargon-buster/#ehcp")
    assert ehcp["title"] == "EHCP"
    assert "statement" in ehcp["title_also"].split()
    # Every entry links to an anchor that exists on the page.
    html = site.html("jargon-buster/")
    for location in locations:
        if location.startswith("jargon-buster/#"):
            assert f'id="{location.split("#")[1]}"' in html, location


def test_directory_keyword_box_gets_the_same_words(build_site: Callable[..., BuiltSite]) -> None:
    site = build_site(PAGES, strict=True, plugins=LEISURE)
    directory = site.html("find-services/directory/")
    searched = re.findall(r'data-search="([^"]*)"', directory)
    assert searched
    base = next(text for text in searched if "autistic" in text)
    assert "autism" in base.split()


def test_a_dirty_build_keeps_the_entries_material_reuses(tmp_path: Path, today: str) -> None:
    """Under ``mkdocs serve --dirty`` Material builds the next index from this one's entries:
    they are kept."""
    same_heading = guide_page("Plans for adults", "## Who can have one\n\nAnyone up to 25.\n")
    make_project(tmp_path, {**PAGES, "adults.md": same_heading}, plugins=LEISURE)
    cfg = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    cfg.plugins.on_startup(command="serve", dirty=True)
    try:
        build(cfg, dirty=True)
    finally:
        cfg.plugins.on_shutdown()
    entries = cfg.plugins["material/search"].search_index.entries
    assert entries
    # A heading two pages share is one string in the index that waits to be written.
    first, second = (e for e in entries if e["title"] == "Who can have one")
    assert first["title"] is second["title"]
    assert (tmp_path / "site" / "search" / "search_index.json").is_file()


def test_search_words_can_be_turned_off(build_site: Callable[..., BuiltSite]) -> None:
    off = {"sendqa/plain-english": {"search_words": False}}
    site = build_site(PAGES, strict=True, plugins=[*LEISURE[:-1], off])
    index = index_of(site)
    assert "title_also" not in index["config"]["fields"]
    assert not any("title_also" in d or "text_also" in d for d in index["docs"])


def test_a_mistake_in_the_synonyms_file_stops_the_build_with_a_clear_message(
    build_site: Callable[..., BuiltSite],
) -> None:
    site = build_site(
        PAGES,
        plugins=LEISURE,
        checks={"search-synonyms.yml": "synonyms:\n  short breaks: {respite: yes}\n"},
    )
    assert site.aborted is not None
    (error,) = site.messages(logging.ERROR)
    assert "search-synonyms.yml" in error
    assert "'synonyms.short breaks' must be a list of what families may type" in error


def test_unchanged_entries_keep_their_words_between_builds(
    tmp_path: Path, today: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second build reuses each page's search words and writes the same index; an edited
    page's entries are worked out again; a word form new to the site (which can give other
    pages' entries words) works out every entry again. Each time the index is exactly the one
    a build with nothing kept writes."""
    monkeypatch.setenv("SENDQA_TODAY", today)
    monkeypatch.setenv("SENDQA_EXTERNAL_LINKS", "false")
    root = make_project(tmp_path, PAGES, plugins=LEISURE)
    index_file = root / "site" / "search" / "search_index.json"
    kept_file = root / ".sendqa-cache" / "search-words.json"
    made: list[str] = []
    real = search._entries_words

    def counting(words: search.SearchWords, entries: list[tuple[str, str, str, str]]) -> Any:
        made.extend(title for title, *_ in entries)
        return real(words, entries)

    monkeypatch.setattr(search, "_entries_words", counting)

    def build() -> list[str]:
        made.clear()
        assert run_build(root, strict=True).aborted is None
        return sorted(made)

    def written_without_kept_words() -> bytes:
        kept_file.unlink()
        build()
        assert kept_file.is_file()
        return index_file.read_bytes()

    first = build()
    assert {"Education, Health and Care plans", "Overnight"} <= set(first)
    written = index_file.read_bytes()
    assert build() == []
    assert index_file.read_bytes() == written

    breaks = root / "content" / "breaks.md"
    text = breaks.read_text(encoding="utf-8")
    breaks.write_text(text.replace("Willow House.", "Willow House too."), "utf-8")
    assert build() == ["Breaks", "Overnight"]
    written = index_file.read_bytes()
    assert written_without_kept_words() == written

    # "planning" gives the plans page's "plans" another form families may type.
    assert "planning" not in entry(index_of_file(index_file), "plans/").get("title_also", "")
    breaks.write_text(text.replace("Willow House.", "Willow House. Planning a visit."), "utf-8")
    assert build() == first
    assert "planning" in entry(index_of_file(index_file), "plans/")["title_also"].split()
    written = index_file.read_bytes()
    assert written_without_kept_words() == written


def index_of_file(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
