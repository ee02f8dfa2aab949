"""Real MkDocs builds: tooltips from the glossary on every page, the generated jargon buster,
plain-English findings that fail --strict, silenced findings listed in the QA report, and the
sample content with no unexplained acronyms."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sendqa_build.core import plain_english
from tests.conftest import ROOT, BuiltSite, counted_builds, guide_page, make_project, run_build

Build = Callable[..., BuiltSite]
PLUGINS: list[Any] = ["search", "sendqa/frontmatter", "sendqa/plain-english"]
EHCP_TIP = (
    "Education, Health and Care plan. A legal document for a child or young person aged 0 to 25 "
    "who needs more support than their school or college can usually give. It describes their "
    "needs and the support they must get."
)

GOOD = """An Education, Health and Care plan (EHCP) describes the support your child gets.

We check each EHCP at an annual review. Type `EHCP` in the search box.

Your GP can help too.
"""

BAD = """## Applying for CAMHS support

Ask your school about an EHCP. We will utilise your views.

<!-- sendqa-ignore words-to-avoid: the tribunal's own wording -->
Staff liaise with the tribunal.

When your child starts at a new school or college the staff there will meet with you
and with your child to agree the support they need.
"""


def good_site() -> dict[str, str]:
    return {
        "index.md": guide_page("Home", "Welcome to the Local Offer.\n"),
        "plans.md": guide_page("Plans", GOOD),
    }


def test_tooltips_on_pages_and_the_jargon_buster(build_site: Build) -> None:
    site = build_site(good_site(), strict=True, plugins=PLUGINS)
    assert site.aborted is None
    assert site.warnings == []
    html = site.html("plans/")
    body = html[html.index('<article class="md-content__inner') :]
    abbrs = re.findall(r"<abbr[^>]*>[^<]*</abbr>", body)
    # The first of each meaning can take keyboard focus; later ones only show on hover.
    assert f'<abbr tabindex="0" title="{EHCP_TIP}">EHCP</abbr>' in abbrs
    assert f'<abbr title="{EHCP_TIP}">EHCP</abbr>' in abbrs
    assert any(">annual review</abbr>" in a and 'tabindex="0"' in a for a in abbrs)
    assert "<code>EHCP</code>" in body  # code is left alone
    assert not any(">GP</abbr>" in a for a in abbrs)  # well known: no tooltip
    assert "*[EHCP]" not in body

    buster = site.html("jargon-buster/")
    assert '<h1 id="jargon-buster">Jargon buster<a' in buster
    assert '<dt id="ehcp">EHCP</dt>' in buster
    assert '<dt id="annual-review">Annual review</dt>' in buster
    assert '<a href="#letter-e">E</a>' in buster
    order = [buster.index(f'<dt id="{ident}">') for ident in ("aac", "camhs", "ehcp", "vi")]
    assert order == sorted(order)
    assert "<abbr" not in buster  # the glossary itself needs no tooltips
    assert 'href="jargon-buster/"' in site.html("")  # in the navigation


def test_tooltips_without_abbr_in_mkdocs_yml(build_site: Build) -> None:
    """The tooltips need Python-Markdown's ``abbr``: the plugin turns it on when a council's
    mkdocs.yml leaves it out, and nothing of the definitions shows as text."""
    extensions = ["attr_list", "admonition", "def_list", "tables", {"toc": {"permalink": True}}]
    site = build_site(
        good_site(), strict=True, plugins=PLUGINS, config={"markdown_extensions": extensions}
    )
    assert site.aborted is None
    html = site.html("plans/")
    assert f'<abbr tabindex="0" title="{EHCP_TIP}">EHCP</abbr>' in html
    assert "*[" not in html


def test_findings_are_logged_and_fail_strict(build_site: Build) -> None:
    site = build_site(
        {**good_site(), "bad.md": guide_page("Bad", BAD)}, strict=True, plugins=PLUGINS
    )
    assert site.aborted is not None
    assert site.sendqa() == [
        "content/bad.md:8: 'CAMHS' is used in a heading; write 'Child and Adolescent Mental "
        "Health Services' in the heading instead",
        "content/bad.md:10: 'EHCP' is used before it is spelled out on this page; write "
        "'Education, Health and Care plan (EHCP)' the first time",
        "content/bad.md:10: 'utilise' is on the GOV.UK list of words to avoid; write 'use' instead",
    ]
    assert (
        "content/bad.md:15: sentence of 27 words ('When your child starts at a new school ...'); "
        "split it so each sentence has 25 words or fewer"
    ) in site.sendqa(logging.INFO)


def test_silenced_findings_are_kept_for_the_qa_report(build_site: Build) -> None:
    plugins = [*PLUGINS, "sendqa/report"]
    site = build_site({**good_site(), "bad.md": guide_page("Bad", BAD)}, plugins=plugins)
    assert not any("liaise" in message for message in site.warnings)
    report = json.loads((site.root / "qa-report" / "self-evaluation.json").read_text("utf-8"))
    silenced = [f for f in report["findings"] if f["silenced"]]
    assert [(f["check"], f["page"], f["line"]) for f in silenced] == [
        ("words-to-avoid", "bad.md", 13)
    ]
    assert "'liaise' is on the GOV.UK list" in silenced[0]["message"]
    statement = next(s for s in report["statements"] if s["id"] == "1.15")
    assert (
        "2 of 3 (66%) pages explain every acronym at first use; 2 acronyms are not explained"
        in (statement["rationale"])
    )


def test_silencing_works_for_other_checks_too(build_site: Build) -> None:
    page = guide_page(
        "Old", "<!-- sendqa-ignore-page freshness: kept for the archive -->\nOld news.\n"
    ).replace("last_reviewed_on: 2026-09-01", "last_reviewed_on: 2024-01-01")
    plugins = ["search", "sendqa/frontmatter", "sendqa/freshness"]
    shown = build_site({"index.md": guide_page("Home"), "old.md": page}, plugins=plugins)
    assert not any("old.md" in message for message in shown.warnings)
    hidden = build_site(
        {"index.md": guide_page("Home"), "old.md": page.replace("sendqa-ignore-page", "note")},
        plugins=plugins,
    )
    assert any("old.md" in message for message in hidden.warnings)


def test_jargon_buster_options(build_site: Build) -> None:
    files = {**good_site(), "jargon-buster.md": guide_page("Our words", "Our own list.\n")}
    site = build_site(files, plugins=PLUGINS)
    assert "Our own list." in site.html("jargon-buster/")
    assert (
        "content/jargon-buster.md: this page replaces the jargon buster made from "
        "checks/glossary.yml; delete it to get the generated page, or set 'jargon_buster' of "
        "sendqa/plain-english to another path"
    ) in site.sendqa(logging.INFO)

    options = {"jargon_buster": "help/words.md", "jargon_buster_title": "Words we use"}
    site = build_site(
        good_site(), plugins=["search", "sendqa/frontmatter", {"sendqa/plain-english": options}]
    )
    assert '<h1 id="words-we-use">Words we use<a' in site.html("help/words/")

    off = {"jargon_buster": "", "tooltips": False}
    site = build_site(
        good_site(), plugins=["search", "sendqa/frontmatter", {"sendqa/plain-english": off}]
    )
    assert not (site.site_dir / "jargon-buster").exists()
    assert "<abbr" not in site.html("plans/")


def test_levels_and_exclude(build_site: Build) -> None:
    options = {"acronyms_level": "info", "words_level": "info", "exclude": ["other/*.md"]}
    files = {
        **good_site(),
        "bad.md": guide_page("Bad", "Ask for an EHCP. We utilise it.\n"),
        "other/x.md": guide_page("X", "The XQZ team will utilise it.\n"),
    }
    site = build_site(
        files,
        strict=True,
        plugins=["search", "sendqa/frontmatter", {"sendqa/plain-english": options}],
    )
    assert site.aborted is None
    info = site.sendqa(logging.INFO)
    assert any(m.startswith("content/bad.md:8: 'EHCP' is used before") for m in info)
    assert not any("other/x.md" in m for m in info)


def test_bad_glossary_stops_the_build_with_one_message(build_site: Build) -> None:
    site = build_site(
        good_site(), plugins=PLUGINS, checks={"glossary.yml": "acronyms:\n  EHCP: {}\n"}
    )
    assert site.aborted is not None
    assert any(
        "glossary.yml': 'acronyms.EHCP' has no 'expansion'; add the words the acronym stands for"
        in message
        for message in site.messages(logging.ERROR)
    )


def test_sample_content_has_no_unexplained_acronyms_or_words_to_avoid(build_site: Build) -> None:
    content = ROOT / "content"
    files = {
        str(path.relative_to(content)): path.read_text(encoding="utf-8")
        for path in content.rglob("*.md")
    }
    site = build_site(files, plugins=PLUGINS)  # without the plugins that make linked pages
    assert site.sendqa() == []
    info = site.sendqa(logging.INFO)
    assert not [m for m in info if "spelled out" in m or "glossary" in m or "words to avoid" in m]


MARKDOWN_HOOK = """
import json
from pathlib import Path

seen = {}


def on_post_page(output, page, config):
    seen[page.file.src_uri] = page.markdown


def on_post_build(config):
    Path(config.config_file_path).with_name("markdown.json").write_text(json.dumps(seen))
"""


def test_pages_keep_their_markdown_without_the_definitions(
    build_site: Build, tmp_path: Path
) -> None:
    """The tooltips are given to the conversion, not written into the page: MkDocs (and any
    plugin that reads ``page.markdown``) has the text as the editor wrote it."""
    hook = tmp_path / "markdown_hook.py"
    hook.write_text(MARKDOWN_HOOK, encoding="utf-8")
    site = build_site(good_site(), strict=True, plugins=PLUGINS, config={"hooks": [str(hook)]})
    assert site.aborted is None
    assert f'title="{EHCP_TIP}">EHCP</abbr>' in site.html("plans/")  # the definitions were used
    seen = json.loads((site.root / "markdown.json").read_text(encoding="utf-8"))
    assert seen["plans.md"].strip() == GOOD.strip()
    assert "*[" not in seen["plans.md"]


def test_unchanged_pages_are_not_checked_again(
    tmp_path: Path, today: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second build reuses each unchanged page's results and says exactly what the first
    said; an edited page, and every page after a change to the rules, are checked again."""
    monkeypatch.setenv("SENDQA_TODAY", today)
    monkeypatch.setenv("SENDQA_EXTERNAL_LINKS", "false")
    root = make_project(tmp_path, {**good_site(), "bad.md": guide_page("Bad", BAD)})
    build = counted_builds(monkeypatch, root, plain_english, "check_page", page_arg=0)
    first, said = build()
    assert first == ["bad.md", "index.md", "plans.md"]
    assert (root / ".sendqa-cache" / "plain-english.json").is_file()
    assert build() == ([], said)

    bad = root / "content" / "bad.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("utilise", "use"), encoding="utf-8")
    again, now = build()
    assert again == ["bad.md"]
    assert [m for m in said if "utilise" not in m] == now

    glossary = root / "checks" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert build()[0] == ["bad.md", "index.md", "plans.md"]


def test_results_that_cannot_be_kept_cost_only_time(
    tmp_path: Path, today: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder where the results file should be: the build says so at info level (it passes
    --strict), for each check that keeps results, and checks every page."""
    monkeypatch.setenv("SENDQA_TODAY", today)
    plugins = ["search", "sendqa/frontmatter", "sendqa/browse", "sendqa/plain-english"]
    root = make_project(tmp_path, good_site(), plugins=plugins)
    for name in ("plain-english.json", "structure.json"):
        (root / ".sendqa-cache" / name).mkdir(parents=True)
    site = run_build(root, strict=True)
    assert site.aborted is None
    kept = [m for m in site.sendqa(logging.INFO) if "could not be kept" in m]
    assert kept == [
        f"the {check} results of each page could not be kept in "
        f"'{root / '.sendqa-cache' / name}' (Is a directory), so the next build checks every "
        "page again; make '.sendqa-cache' beside mkdocs.yml a folder that can be written to"
        for check, name in (
            ("plain English", "plain-english.json"),
            ("structure", "structure.json"),
        )
    ]
