"""``sendqa check`` finds on each page what a real ``mkdocs build`` finds there, without the
build: the same checks, rules, options, lines and words (whole findings are compared).

On three sites: a few pages with many kinds of problem, the repository's sample site, and the
1,000-page benchmark site (one build and one check each, shared by the tests of a site).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.generate import generate
from sendqa_build.checkrun import CheckReport, load_project, run_checks
from sendqa_build.models import Finding, Severity
from sendqa_build.today import reference_date
from tests.conftest import ROOT, TODAY, BuiltSite, guide_page, make_project, run_build, service_page

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

Whole = tuple[str, str | None, int | None, Severity, str, str]


def _whole(finding: Finding) -> Whole:
    return (
        finding.check,
        finding.page,
        finding.line,
        finding.severity,
        finding.message,
        finding.fix,
    )


def _page_level(finding: Finding, pages: set[str]) -> bool:
    """A build finding that ``sendqa check`` must find too: on a page of the docs folder, not
    silenced, and not one that needs the whole built site (links to other sites or to full
    addresses of this one, checked once per address; MkDocs' own warnings about a heading of
    another page, which need that page built)."""
    return (
        finding.page in pages
        and not finding.silenced
        and "://" not in finding.message
        and not finding.message.startswith("Doc file '")
    )


Pair = tuple[list[Whole], list[Whole]]


def _build_and_check(root: Path) -> Pair:
    """The build's page-level findings and ``sendqa check``'s, both as whole findings."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SENDQA_TODAY", TODAY)
        patch.setenv("SENDQA_EXTERNAL_LINKS", "false")
        site: BuiltSite = run_build(root)
        assert site.aborted is None
        patch.chdir(root)
        report: CheckReport = run_checks(
            load_project(Path("mkdocs.yml"), None, reference_date()), []
        )
    pages = set(report.pages)
    built = {
        _whole(f)
        for plugin in site.plugins.values()
        for f in getattr(plugin, "findings", [])
        if _page_level(f, pages)
    }
    return sorted(built, key=repr), sorted(map(_whole, report.shown), key=repr)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    """The repository's own sample site, built and checked."""
    root = tmp_path_factory.mktemp("sample")
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("checks", "overrides", "content"):
        shutil.copytree(ROOT / folder, root / folder)
    return _build_and_check(root)


@pytest.fixture(scope="module")
def benchmark(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    """The 1,000-page benchmark site (generated pages with every kind of content)."""
    root = tmp_path_factory.mktemp("bench") / "site"
    generate(root, 1000)
    return _build_and_check(root)


@pytest.fixture(scope="module")
def problems(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    """A few pages with many kinds of problem."""
    root = tmp_path_factory.mktemp("problems")
    make_project(root, FILES)
    return _build_and_check(root)


def test_check_finds_what_the_build_finds_on_problem_pages(problems: Pair) -> None:
    built, checked = problems
    # Every plugin's page checks have something to find here.
    assert {finding[0] for finding in built} >= {
        "front-matter",
        "safety",
        "freshness",
        "coverage",
        "acronyms",
        "words-to-avoid",
        "readability",
        "feedback",
        "browse",
        "structure",
        "links",
    }
    assert checked == built


def test_check_finds_what_the_build_finds_on_the_sample_site(sample: Pair) -> None:
    built, checked = sample
    assert checked == built  # the sample is clean: neither side may find what the other does not


def test_check_finds_what_the_build_finds_on_the_benchmark_site(benchmark: Pair) -> None:
    built, checked = benchmark
    assert len(built) >= 50  # the generated pages carry problems (long sentences, links, dates)
    assert checked == built
