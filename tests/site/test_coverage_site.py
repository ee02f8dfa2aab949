"""Real MkDocs builds: a site covering every requirement builds strict and clean; a missing
duty, a thin page, a page without its type's heading and a broken catalogue are reported."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from sendqa_build.core import coverage
from sendqa_build.summaries import CoverageSummary
from tests.conftest import (
    ROOT,
    BuiltSite,
    counted_builds,
    guide_page,
    make_project,
    run_build,
    service_page,
)

PLUGINS: list[Any] = ["search", "sendqa/frontmatter", "sendqa/coverage"]
Build = Callable[..., BuiltSite]

# One paragraph per requirement, written as a council would, holding what the catalogue asks.
TEXTS = {
    "education": (
        "Every nursery, pre-school and childminder gives SEN support. Mainstream schools "
        "and special schools plan support with you and review your child's progress each "
        "term. Colleges have learning support teams. To get support, talk to the SENCO."
    ),
    "outside-area": (
        "A few children go to special schools outside Wyvernshire. We agree these places "
        "with you and name the school in the plan."
    ),
    "funding": (
        "Schools pay for SEN support from their own budget. We give top-up funding from the "
        "high needs budget when a child needs more."
    ),
    "identifying-and-assessing": (
        "Schools use the graduated approach to identify needs. You can ask for an Education, "
        "Health and Care needs assessment by email. We decide within 6 weeks and issue the "
        "final plan within 20 weeks."
    ),
    "health": "NHS speech and language therapy. Ask your GP to refer you.",
    "social-care": (
        "Short breaks give families a rest. Social workers in the children with disabilities "
        "team carry out assessments; phone us to ask. From 18, adult social care takes over."
    ),
    "other-education": "Home tuition for children with medical needs. Your school can refer.",
    "training": (
        "Apprenticeships and supported internships help young people into work. Apply "
        "through your college."
    ),
    "travel": "We help with transport to school or college. Apply online each summer.",
    "transitions": "We help your child when moving to secondary school or college.",
    "preparing-for-adulthood": (
        "Preparing for adult life from age 14: employment, housing and being part of the community."
    ),
    "higher-education": (
        "At university, the Disabled Students' Allowance pays for support. Apply early."
    ),
    "childcare": "Childminders and nurseries take disabled children. Search our directory.",
    "leisure": "Inclusive sports clubs and activities. Book a place online.",
    "information-advice-support": (
        "The SEND Information, Advice and Support Service (SENDIASS) gives free advice; phone "
        "01632 960 111. The parent carer forum runs support groups."
    ),
    "complaints-and-appeals": (
        "You can complain to the council. Disagreement resolution and mediation are free. "
        "You can appeal to the First-tier Tribunal (SEND) within 2 months of the decision "
        "letter."
    ),
    "decisions-and-accountability": (
        "A panel decides on assessments. The Head of SEND is accountable for decisions."
    ),
    "feedback": (
        "Send your comments by email or the online form. We review the Local Offer with "
        "families every year."
    ),
    "accessibility-statement": (
        "This website is partially compliant with WCAG 2.2 AA. Some PDFs are not accessible. "
        "Report a problem by email. The Equality and Human Rights Commission enforces the "
        "regulations. This statement was prepared on 1 September 2026."
    ),
    "other-formats": (
        "If you do not have the internet, phone us for a printed copy. We have Easy Read and "
        "large print versions."
    ),
}

YOU_SAID = """---
title: You said, we did 2026
summary: What you told us about the Local Offer and what we did.
type: you-said-we-did
owner: Local Offer Team
last_reviewed_on: 2026-09-01
published_on: 2026-07-15
responses:
  - you_said: Short breaks were hard to find.
    we_did: We added a short breaks page.
    status: done
---

Thank you for your comments.
"""


def covering_site(leave_out: str = "", **replace: str) -> dict[str, str]:
    """One guide page per requirement (plus a you-said-we-did page and a service)."""
    files = {"index.md": guide_page("Home", "Welcome.\n")}
    for req_id, text in TEXTS.items():
        if req_id != leave_out:
            body = replace.get(req_id, text) + "\n"
            files[f"{req_id}.md"] = guide_page(req_id, body, extra=f"covers: [{req_id}]\n")
    files["you-said-we-did-2026.md"] = YOU_SAID
    files["services/portage.md"] = service_page("Portage", max_age=5)
    return files


def coverage_messages(site: BuiltSite, level: int = logging.WARNING) -> list[str]:
    return [m for m in site.sendqa(level) if "cover" in m or "heading" in m]


def test_site_covering_everything_builds_strict_with_no_findings(build_site: Build) -> None:
    site = build_site(covering_site(), strict=True, plugins=PLUGINS)
    assert site.aborted is None
    assert site.warnings == []
    assert coverage_messages(site, logging.INFO) == []


def test_outside_area_and_you_said_we_did_count_by_page_type(build_site: Build) -> None:
    files = covering_site(leave_out="outside-area")
    files["services/far.md"] = service_page("Fernley Hall School", area="outside")
    site = build_site(files, strict=True, plugins=PLUGINS)
    assert site.aborted is None, site.warnings


def test_missing_duty_fails_strict_and_names_it_and_its_basis(build_site: Build) -> None:
    site = build_site(
        covering_site(leave_out="complaints-and-appeals"), strict=True, plugins=PLUGINS
    )
    assert site.aborted is not None and "strict mode" in site.aborted
    assert site.sendqa() == [
        "no page covers 'complaints-and-appeals' (Complaints, disagreement resolution, "
        "mediation and appeals to the tribunal), a duty under SEND Regulations 2014 reg 53 "
        "and Schedule 2 (duty); SEND Code of Practice 4.30 and chapter 11 (guidance); write a "
        "page about it and add 'complaints-and-appeals' to 'covers' in its front matter"
    ]


def test_missing_guidance_is_info_unless_configured_to_warn(
    build_site: Build, tmp_path: Path
) -> None:
    files = covering_site(leave_out="higher-education")
    site = build_site(files, strict=True, plugins=PLUGINS)
    assert site.aborted is None
    [info] = coverage_messages(site, logging.INFO)
    assert info.startswith("no page covers 'higher-education'")
    assert "guidance under SEND Code of Practice 4.30" in info
    warn = ["search", "sendqa/frontmatter", {"sendqa/coverage": {"guidance_level": "warn"}}]
    site = build_site(files, strict=True, plugins=warn)
    assert site.aborted is not None
    assert [m.split(" (")[0] for m in site.sendqa()] == ["no page covers 'higher-education'"]


def test_thin_page_names_page_requirement_and_what_is_missing(build_site: Build) -> None:
    thin = "You can complain to the council. You can appeal to the tribunal."
    site = build_site(covering_site(**{"complaints-and-appeals": thin}), plugins=PLUGINS)
    assert site.aborted is None  # a plain build still publishes
    assert site.sendqa() == [
        "content/complaints-and-appeals.md:6: the page claims to cover 'complaints-and-appeals' "
        "(Complaints, disagreement resolution, mediation and appeals to the tribunal) but does "
        "not explain 'disagreement resolution', 'mediation' and 'the time limit for "
        "appealing'; add them to the page, or take 'complaints-and-appeals' out of 'covers'"
    ]
    assert "complaints-and-appeals" in site.html("complaints-and-appeals/")


def test_pasted_word_text_still_counts(build_site: Build) -> None:
    pasted = (
        "You can\u00a0complain. **Disagreement\u00a0resolution** and [mediation](https://x.org) "
        "are free. You can appeal to the First\u2011tier Tribunal\u00a0(SEND) within "
        "2\u00a0months of the decision\u2019s letter."
    )
    site = build_site(covering_site(**{"complaints-and-appeals": pasted}), plugins=PLUGINS)
    assert site.sendqa() == []


def test_service_page_without_its_heading_is_reported_unless_closed(build_site: Build) -> None:
    files = covering_site()
    no_heading = service_page("Portage", max_age=5).replace("## What the service offers", "## Help")
    files["services/portage.md"] = no_heading
    files["services/closed.md"] = no_heading.replace("cost: Free\n", "cost: Free\nstatus: closed\n")
    files["services/variant.md"] = no_heading.replace("## Help", "What we offer\n---")
    site = build_site(files, strict=True, plugins=PLUGINS)
    assert site.aborted is not None
    assert site.sendqa() == [
        "content/services/portage.md:20: service pages need a heading 'What the service "
        "offers', and this page has none; add a heading such as '## What the service offers' "
        "with that information under it"
    ]


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (
            lambda t: t.replace("  - id: travel\n", "  - id: travel\n    colour: red\n"),
            "unknown key 'colour'",
        ),
        (lambda t: t.replace("  - id: leisure\n", "  - id: travel\n"), "duplicate id 'travel'"),
        (lambda t: t.replace("requirements:\n", "requirements:\n  - id: x\n\tbad\n", 1), "tab"),
        (lambda t: t.replace("    title: Leisure activities\n", ""), "needs an 'id' and a 'title'"),
    ],
)
def test_broken_catalogue_stops_the_build_with_one_message(
    build_site: Build, edit: Callable[[str], str], problem: str
) -> None:
    text = edit((ROOT / "checks" / "requirements.yml").read_text(encoding="utf-8"))
    site = build_site(covering_site(), plugins=PLUGINS, checks={"requirements.yml": text})
    assert site.aborted is not None
    errors = site.messages(logging.ERROR)
    assert len(errors) == 1
    assert "Error reading rules file '" in errors[0] and "requirements.yml" in errors[0]
    assert problem in errors[0]
    assert "Traceback" not in errors[0]


def test_summary_holds_the_coverage_matrix(tmp_path: Path, today: str) -> None:
    files = covering_site(**{"funding": "Schools have a budget."})
    root = make_project(tmp_path, files, plugins=PLUGINS)
    summary = run_build(root).plugin("sendqa/coverage").summary
    assert isinstance(summary, CoverageSummary)
    rows = {row.id: row for row in summary.requirements}
    assert list(rows) == [*list(TEXTS)[:18], "you-said-we-did", *list(TEXTS)[18:]]
    assert rows["you-said-we-did"].pages == ("you-said-we-did-2026.md",)
    assert rows["funding"].status == "thin"
    assert rows["funding"].missing == (
        "what schools and settings pay from their own budget and what extra funding the "
        "council gives (funding.md)",
    )
    assert {row.status for i, row in rows.items() if i != "funding"} == {"covered"}
    assert rows["complaints-and-appeals"].level == "must"
    assert rows["complaints-and-appeals"].statements == ("1.6",)
    assert summary.counts.service_pages == 1 and summary.counts.pages == len(files)


# Plain paraphrases a keyword check used to miss (issue 22): they must count.
PARAPHRASES = {
    "social-care": (
        "Short breaks give families a rest. The disabled children's team (social workers) "
        "runs them. From 18, adult social care takes over.\n\n"
        "## How to get a short break\n\nFill in our short form; the team replies in 4 weeks."
    ),
    "education": (
        "Every nursery, pre-school and childminder gives SEN support. Mainstream schools "
        "and special schools work with you. Colleges have learning support teams.\n\n"
        "## Checking progress\n\nThe school checks how your child is doing every term.\n\n"
        "## Getting help\n\nIf you are worried, speak to the SENCO."
    ),
    "complaints-and-appeals": (
        "To complain about us, write to complaints@wyvernshire.example.org. Disagreement "
        "resolution and mediation are free. If you disagree with a decision about a plan you "
        "can appeal to the SEND Tribunal.\n\n"
        "The deadline for appealing is two months from the date of the letter."
    ),
    "leisure": "Inclusive sports clubs and activities.\n\n## How to join\n\nJust turn up.",
    "travel": (
        "We help some children with transport to school.\n\n"
        "## How to apply\n\nApplications open in March; use the form on this page."
    ),
}


def test_plain_paraphrases_build_strict_with_no_coverage_finding(build_site: Build) -> None:
    site = build_site(covering_site(**PARAPHRASES), strict=True, plugins=PLUGINS)
    assert site.aborted is None, site.sendqa()
    assert coverage_messages(site, logging.INFO) == []


def test_keywords_without_substance_are_reported(build_site: Build) -> None:
    """'Complaints' in the title and 'apply' in a heading do not say how."""
    files = covering_site(
        **{
            "complaints-and-appeals": (
                "We take complaints seriously. Disagreement resolution and mediation are free. "
                "You can appeal to the First-tier Tribunal (SEND) within 2 months of the "
                "decision letter."
            ),
            "travel": "We help with transport to school.\n\n## Who can apply\n\nAges 5 to 16.",
        }
    )
    files["complaints-and-appeals.md"] = files["complaints-and-appeals.md"].replace(
        "title: complaints-and-appeals", "title: How to complain"
    )
    site = build_site(files, plugins=PLUGINS)
    messages = site.sendqa()
    assert len(messages) == 2, messages
    assert messages[0].startswith("content/complaints-and-appeals.md:6: the page claims")
    assert "does not explain 'how to complain';" in messages[0]
    assert messages[1].startswith("content/travel.md:6: the page claims to cover 'travel'")
    assert "does not explain 'how to ask for it';" in messages[1]


def test_summary_keeps_the_matched_sentences(tmp_path: Path, today: str) -> None:
    root = make_project(tmp_path, covering_site(**PARAPHRASES), plugins=PLUGINS)
    summary = run_build(root).plugin("sendqa/coverage").summary
    assert isinstance(summary, CoverageSummary)
    rows = {row.id: row for row in summary.requirements}
    matches = {m.item: m for m in rows["social-care"].matches}
    assert matches["how to get them"].text == "How to get a short break"
    assert matches["how to get them"].page == "social-care.md"
    appeal = {m.item: m.text for m in rows["complaints-and-appeals"].matches}
    assert appeal["the time limit for appealing"] == (
        "The deadline for appealing is two months from the date of the letter."
    )
    lines = [(m.page, m.line) for m in rows["education"].matches]
    assert lines == sorted(lines)


@pytest.mark.slow
def test_sample_content_has_no_coverage_findings(build_site: Build) -> None:
    content = ROOT / "content"
    files = {
        str(p.relative_to(content)): p.read_text(encoding="utf-8")
        for p in sorted(content.rglob("*.md"))
    }
    site = build_site(files, plugins=PLUGINS)
    assert site.aborted is None
    found = [r.getMessage() for r in site.records if r.name.endswith(".plugins.sendqa")]
    assert [m for m in found if "cover" in m or "heading" in m] == []


def test_unchanged_pages_are_not_read_again(
    tmp_path: Path, today: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second build takes each unchanged page's coverage from the first and says and sums
    up exactly what the first did; an edited page, and every page after a change to the
    catalogue or the council's area, are read again."""
    monkeypatch.setenv("SENDQA_EXTERNAL_LINKS", "false")
    files = covering_site(**{"funding": "Schools have a budget."})
    root = make_project(tmp_path, files, plugins=PLUGINS)
    summaries: list[CoverageSummary] = []

    def said(site: BuiltSite) -> list[str]:
        summaries.append(site.plugin("sendqa/coverage").summary)
        return site.sendqa() + site.sendqa(logging.INFO)

    build = counted_builds(monkeypatch, root, coverage, "page_facts", page_arg=0, said=said)
    first, messages = build()
    assert first == sorted(files) and len(messages) == 1
    assert (root / ".sendqa-cache" / "coverage.json").is_file()
    assert build() == ([], messages)
    assert summaries[1] == summaries[0]

    funding = root / "content" / "funding.md"
    text = funding.read_text(encoding="utf-8")
    funding.write_text(text.replace("Schools have a budget.", TEXTS["funding"]), "utf-8")
    assert build() == (["funding.md"], [])
    assert {row.status for row in summaries[2].requirements} == {"covered"}

    catalogue = root / "checks" / "requirements.yml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")
    assert build() == (sorted(files), [])
    config = root / "mkdocs.yml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["extra"]["council"]["area"] = "Eastshire"
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert build()[0] == sorted(files)
