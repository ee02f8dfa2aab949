"""``sendqa check`` finds on each page what a real ``mkdocs build`` finds there, without the
build: the same checks, rules, options and lines."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sendqa_build.checkrun import load_project, run_checks
from sendqa_build.models import Finding
from sendqa_build.today import reference_date
from tests.conftest import BuiltSite, guide_page, service_page

BODY = """Families can ask for an EHCP. The SENCO helps.

![](photo.png)

#### Too deep

We will utilise your views, [click here](missing.md) or see [this part](#nowhere).

<a href="javascript:alert(1)">Open the form</a> <script>track()</script>

This sentence goes on and on, with one clause after another and another, because the writer \
wanted to say everything at once without ever stopping to let the reader catch their breath.
"""
FILES = {
    "index.md": guide_page("Home", "Welcome.\n"),
    "help.md": guide_page("Help", BODY, extra="covers: [travel]\nreview_in: 2 months\n"),
    # a title with an acronym, a position instruction, an acronym spelled out on one page only
    "strategy.md": guide_page(
        "SEND Strategy",
        "Use the menu on the left hand side.\n\nThe Wyvern Youth Travel Scheme (WYTS) runs.\n",
    ),
    "service.md": service_page("Club", max_age=30).replace("## What the service offers", "## Hi"),
    "old-round.md": (
        "---\ntitle: Round\nsummary: Comments.\ntype: you-said-we-did\nowner: Team\n"
        "last_reviewed_on: 2026-09-01\npublished_on: 2025-01-01\nresponses:\n"
        "  - you_said: Call me on 07700 900123.\n    we_did: TBC\n---\n\nText.\n"
    ),
}


def _key(finding: Finding) -> tuple[str | None, int | None, str]:
    # MkDocs words its own link warnings differently; compare those by page and line.
    text = "" if finding.check == "links" else finding.text
    return (finding.page, finding.line, text)


def test_check_finds_what_the_build_finds(
    build_site: Callable[..., BuiltSite], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = build_site(FILES)
    built = {
        _key(f)
        for plugin in site.plugins.values()
        for f in getattr(plugin, "findings", [])
        if f.page in FILES and not f.silenced and "://" not in f.message
    }
    assert len(built) >= 10  # the pages have many kinds of problem
    monkeypatch.chdir(site.root)
    report = run_checks(load_project(Path("mkdocs.yml"), None, reference_date()), [])
    assert {_key(f) for f in report.shown} == built
    assert report.pages == sorted(FILES)
