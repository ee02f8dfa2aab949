"""Real builds and ``sendqa check`` on hostile or unlucky pages: an alias bomb, nesting hundreds
deep (front matter, Markdown, the ids cache), UTF-16, NUL and escape characters. Each gives a
message naming the file; none a traceback or a hang."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from sendqa_build.cli import main
from tests.conftest import BuiltSite, guide_page, make_project, run_build
from tests.unit.test_yamltext import BOMB

PAGES: dict[str, str | bytes] = {
    "index.md": guide_page("Home", "Welcome.\n"),
    "bomb.md": guide_page("Bomb", "Text.\n", extra=BOMB),
    "deep-yaml.md": guide_page("Deep", "Text.\n", extra="needs: " + "[" * 600 + "]" * 600 + "\n"),
    "deep-list.md": guide_page(
        "Deep list", "".join("    " * i + "- item\n" for i in range(300)) + "\nAfter.\n"
    ),
    "stars.md": guide_page("Stars", "Intro.\n\n" + "*" * 5000 + "x" + "*" * 5000 + "\n"),
    "utf16.md": guide_page("Wide", "Saved by Notepad as Unicode.\n").encode("utf-16-le"),
    "nul.md": guide_page("Nul", "Pasted te\x00xt.\n").encode("utf-8"),
    "escape.md": guide_page("Escape", "See [it](\x1b[2Jgone.md) here.\n"),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuiltSite, float]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SENDQA_TODAY", "2026-12-01")
        patch.setenv("SENDQA_EXTERNAL_LINKS", "false")
        root = tmp_path_factory.mktemp("hostile")
        make_project(root, PAGES)  # type: ignore[arg-type]
        cache = root / ".sendqa-cache"
        cache.mkdir()
        (cache / "opendata-ids.json").write_text("[" * 100_000 + "]" * 100_000)
        started = time.perf_counter()
        site = run_build(root)
        return root, site, time.perf_counter() - started


def mine(site: BuiltSite, page: str) -> list[str]:
    return [m for m in site.sendqa() if m.startswith(f"content/{page}:")]


def test_the_build_finishes_with_a_message_for_each_page(
    hostile: tuple[Path, BuiltSite, float],
) -> None:
    _, site, seconds = hostile
    assert site.aborted is None
    assert seconds < 120  # the bomb alone took minutes; a quiet machine builds this in ~5 s
    assert mine(site, "bomb.md") == [
        "content/bomb.md:7: an alias ('*a') is not allowed in front matter; write the value "
        "out in full and remove '&a' and '*a'"
    ]
    assert mine(site, "deep-yaml.md") == [
        "content/deep-yaml.md:6: in the front matter, lists or fields are nested more than 50 "
        "levels deep; remove the extra levels (a page needs two or three at most)"
    ]
    assert mine(site, "deep-list.md")[0].startswith(
        "content/deep-list.md:29: lists or quotes are nested more than 20 levels deep"
    )
    assert any("published as plain text" in m for m in mine(site, "stars.md"))
    assert mine(site, "utf16.md") == [
        "content/utf16.md:1: the file is saved as UTF-16 (Word and Notepad call it 'Unicode'), "
        "not UTF-8; open it in your editor and save it again with UTF-8 encoding"
    ]
    assert mine(site, "nul.md")[0].startswith("content/nul.md:8: the file contains NUL")


def test_pages_are_published_without_nul_or_escape_characters(
    hostile: tuple[Path, BuiltSite, float],
) -> None:
    root, site, _ = hostile
    assert "<h1" in site.html("utf16/") and "Saved by Notepad as Unicode." in site.html("utf16/")
    assert "Pasted text." in site.html("nul/")
    assert site.html("deep-list/").count("<li>") == 300 and "After." in site.html("deep-list/")
    assert "&#42;&#42;" in site.html("stars/")
    for path in (root / "site").rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".csv", ".txt"):
            assert b"\x00" not in path.read_bytes(), path
    for record in site.records:
        assert "\x1b" not in record.getMessage() and "\x00" not in record.getMessage()
    assert any("<U+001B>[2Jgone.md" in m for m in site.warnings)


def test_a_damaged_ids_cache_is_named(hostile: tuple[Path, BuiltSite, float]) -> None:
    _, site, _ = hostile
    assert any("opendata-ids.json' cannot be read" in m for m in site.sendqa(logging.INFO)), (
        site.sendqa(logging.INFO)
    )


def test_sendqa_check_gives_the_same_messages(
    hostile: tuple[Path, BuiltSite, float],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root, site, _ = hostile
    monkeypatch.chdir(root)
    monkeypatch.setenv("SENDQA_TODAY", "2026-12-01")
    started = time.perf_counter()
    assert main(["check", "-q"]) == 1
    assert time.perf_counter() - started < 60
    out = capsys.readouterr()
    lines = out.out.splitlines()
    for page in ("bomb.md", "deep-yaml.md", "deep-list.md", "stars.md", "utf16.md", "nul.md"):
        assert mine(site, page), page
        assert mine(site, page)[0] in lines, page
    assert "\x1b" not in out.out + out.err
