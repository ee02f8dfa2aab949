"""The benchmark's site generator writes pages that pass the front matter checks, with the broken
links it says it wrote (no MkDocs build: the benchmark itself does that)."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path

from bench.generate import HOSTS, generate
from sendqa_build.core.frontmatter import PageTypes, check_front_matter
from sendqa_build.core.requirements import load_catalogue
from sendqa_build.rules import load_rules_file
from tests.conftest import ROOT

TODAY = dt.date(2026, 12, 1)
RULES = PageTypes.from_data(
    load_rules_file(ROOT / "checks" / "page-types.yml"), ROOT / "checks" / "page-types.yml"
)
IDS = load_catalogue(ROOT / "checks" / "requirements.yml").ids
_LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_small_site_follows_the_contract(tmp_path: Path) -> None:
    """Every generated page has valid front matter; the manifest's broken links are real."""
    sample = {p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*.md")}
    manifest = generate(tmp_path / "site", len(sample) + 40, port=9999, external_urls=30)
    content = tmp_path / "site" / "content"
    pages = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md"))
    assert pages == sorted(manifest.page_srcs)
    assert len(pages) == len(sample) + 40
    generated = sorted(set(pages) - sample)
    for src in generated:
        result = check_front_matter(
            (content / src).read_text(encoding="utf-8"),
            src,
            RULES,
            today=TODAY,
            known_requirements=IDS,
        )
        assert [f.format("content") for f in result.findings] == [], src

    written = {
        (src, href)
        for src in generated
        for href in _LINK.findall((content / src).read_text(encoding="utf-8"))
        if href.endswith(".md")
    }
    missing = {
        (src, href)
        for src, href in written
        if posixpath.normpath(posixpath.join(posixpath.dirname(src), href)) not in pages
    }
    assert missing == {(src, href) for src, href, _target in manifest.broken_internal}
    assert missing  # there is something to find

    urls = set(manifest.external)
    assert len(urls) == 30
    assert {url.split("/")[2].split(":")[0] for url in urls} <= set(HOSTS)
    assert manifest.broken_external and set(manifest.broken_external) <= urls
    texts = "".join((content / src).read_text(encoding="utf-8") for src in pages)
    assert all(url in texts for url in urls)  # each unique address is linked at least once


def test_same_seed_same_site(tmp_path: Path) -> None:
    """Runs compare like with like: the generator is deterministic."""
    first = generate(tmp_path / "a", 120, external_urls=30)
    second = generate(tmp_path / "b", 120, external_urls=30)
    assert first == second
    page = first.page_srcs[-1]
    assert (tmp_path / "a" / "content" / page).read_bytes() == (
        tmp_path / "b" / "content" / page
    ).read_bytes()
