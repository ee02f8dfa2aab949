"""Statutory coverage on literal pages: headings, text as editors write it, the shipped
catalogue's content rules, missing / thin / covered requirements and the service counts."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from sendqa_build.core.coverage import (
    CoverageResult,
    PageCoverage,
    PageFacts,
    SourcePage,
    check_coverage,
    check_headings,
    check_requirement,
    coverage_of,
    find_item,
    has_item,
    kept_fingerprint,
    needs_decision,
    normalise,
    page_coverage,
    page_facts,
    read_headings,
    read_units,
)
from sendqa_build.core.frontmatter import PageTypes
from sendqa_build.core.requirements import Catalogue, load_catalogue, parse_catalogue
from sendqa_build.models import Severity
from sendqa_build.pagecache import PageCache
from sendqa_build.rules import load_rules_file
from sendqa_build.summaries import to_json

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue(ROOT / "checks" / "requirements.yml")
RULES = PageTypes.from_data(
    load_rules_file(ROOT / "checks" / "page-types.yml"), ROOT / "checks" / "page-types.yml"
)


def lines(body: str, first: int = 1) -> list[tuple[int, str]]:
    return list(enumerate(body.split("\n"), start=first))


def page(src: str = "a.md", body: str = "", covers: tuple[str, ...] = (), **meta: Any) -> PageFacts:
    meta.setdefault("type", "guide")
    if covers:
        meta["covers"] = list(covers)
    return page_facts(src, meta, lines(body, 8), covers_line=6, body_line=8)


# ---------------------------------------------------------------------------------------------
# Reading text and headings


def test_normalise_undoes_word_pasting_and_markdown() -> None:
    text = (
        "Appeal to the **First\u2011tier\u00a0Tribunal**\u00a0(SEND) \u2013 it\u2019s "
        "[free](https://x.org/a_b) &amp; _quick_ \\* \u201cfair\u201d\n  and\tfast"
    )
    assert normalise(text) == (
        'Appeal to the First-tier Tribunal (SEND) \u2013 it\'s free & quick "fair" and fast'
    )


def test_read_headings_atx_setext_and_not_code_or_comments() -> None:
    body = """# Title #
Intro line.

## What we offer {#offer}

Paragraph text
over two lines
--------------

- a list item
---

```markdown
## Not a heading
```

<!-- ## Hidden
still hidden -->
Setext one
==========

####### too many hashes
##No space is not a heading
    ## indented code
"""
    found = [(h.line, h.level, h.text) for h in read_headings(lines(body, 10))]
    assert found == [
        (10, 1, "Title"),
        (13, 2, "What we offer"),
        (15, 2, "Paragraph text over two lines"),
        (28, 1, "Setext one"),
    ]


def test_page_facts_read_body_sentences_not_front_matter_comments_or_code() -> None:
    facts = page(
        body="Visible text. Second one.\n<!-- mediation -->\n```\ntribunal\n```\n",
        title="Complaints",
        summary="Mediation and appeals.",
        eligibility="Open to all",
        contact={"phone": "01632 960 000"},
        covers=("complaints-and-appeals",),
    )
    assert [(u.line, u.text, u.context) for u in facts.units] == [
        (8, "Visible text.", ()),
        (8, "Second one.", ("Visible text.",)),
    ]
    assert facts.covers == ("complaints-and-appeals",)


def test_units_read_lists_tables_quotes_and_word_bullets_with_their_context() -> None:
    body = """## How to apply

To apply:

- fill in the form
\u2022 send it to us by post
1. Wait for our letter.

| Stage | Time limit |
|---|---|
| We decide | within 6 weeks |

> Phone 01632 960 000.

### Empty

See also: [Mediation](mediation.md)

## Next
Text spread
over two lines. And another.
"""
    units = read_units(list(enumerate(body.split("\n"), start=1)))
    got = [(u.line, u.text, u.heading, u.has_body, u.context) for u in units]
    assert got == [
        (1, "How to apply", True, True, ()),
        (3, "To apply:", False, True, ("How to apply",)),
        (5, "fill in the form", False, True, ("How to apply", "To apply:")),
        (6, "send it to us by post", False, True, ("How to apply", "To apply:")),
        (7, "Wait for our letter.", False, True, ("How to apply", "To apply:")),
        (
            11,
            "We decide | within 6 weeks",
            False,
            True,
            ("How to apply", "Stage Time limit"),
        ),
        (13, "Phone 01632 960 000.", False, True, ("How to apply",)),
        (15, "Empty", True, False, ("How to apply",)),
        (19, "Next", True, True, ()),
        (20, "Text spread over two lines.", False, True, ("Next",)),
        (21, "And another.", False, True, ("Next", "Text spread over two lines.")),
    ]


# ---------------------------------------------------------------------------------------------
# The shipped catalogue's content rules, against wording real editors use


def item(req_id: str, name_start: str) -> Any:
    req = CATALOGUE.get(req_id)
    assert req is not None
    return next(r for r in req.must_contain if r.name.startswith(name_start))


@pytest.mark.parametrize(
    ("req_id", "name", "text", "expected"),
    [
        ("complaints-and-appeals", "mediation", "You can ask for mediation.", True),
        ("complaints-and-appeals", "mediation", "An independent mediator runs it.", True),
        ("complaints-and-appeals", "mediation", "Talk to the school first.", False),
        (
            "complaints-and-appeals",
            "appeals",
            "You can appeal to the First-tier Tribunal (Special Educational Needs and Disability).",
            True,
        ),
        ("complaints-and-appeals", "appeals", "The SEND Tribunal hears appeals.", True),
        ("complaints-and-appeals", "appeals", "Appeals go to SENDIST.", True),
        ("complaints-and-appeals", "appeals", "You can appeal to the council.", False),
        (
            "complaints-and-appeals",
            "the time limit",
            "You must appeal within 2 months of the date of the decision letter.",
            True,
        ),
        (
            "complaints-and-appeals",
            "the time limit",
            "You have one month from the date of the mediation certificate.",
            False,
        ),
        (
            "complaints-and-appeals",
            "the time limit",
            "Appeal within two months of the decision.",
            True,
        ),
        ("complaints-and-appeals", "the time limit", "Appeal as soon as you can.", False),
        ("complaints-and-appeals", "disagreement", "Disagreement resolution is free.", True),
        (
            "identifying-and-assessing",
            "how to ask",
            "You can ask us for an Education, Health and Care needs assessment.",
            True,
        ),
        ("identifying-and-assessing", "how to ask", "Request an EHC needs assessment.", True),
        ("identifying-and-assessing", "how to ask", "Send us an assessment request.", True),
        ("identifying-and-assessing", "how to ask", "Apply for an EHCNA online.", True),
        (
            "identifying-and-assessing",
            "how to ask",
            "An EHC plan sets out your child's needs.",
            False,
        ),
        (
            "identifying-and-assessing",
            "the time limit for deciding",
            "We decide within six weeks of your request.",
            True,
        ),
        (
            "identifying-and-assessing",
            "the time limit for deciding",
            "## Deciding whether to assess\n\nThis takes no more than 6 weeks.",
            True,
        ),
        ("identifying-and-assessing", "the time limit for deciding", "within six weeks", False),
        (
            "identifying-and-assessing",
            "the time limit for deciding",
            "We decide within 16 weeks of your request.",
            False,
        ),
        (
            "identifying-and-assessing",
            "the time limit for issuing",
            "The final plan is issued within 20 weeks of the request.",
            True,
        ),
        (
            "identifying-and-assessing",
            "the time limit for issuing",
            "The plan has a 20 week limit from your request.",
            True,
        ),
        ("identifying-and-assessing", "the time limit for issuing", "twenty weeks", False),
        (
            "feedback",
            "how to comment",
            "Tell us what you think: use the online form or email us.",
            True,
        ),
        ("feedback", "how to comment", "Send your comments by email.", True),
        ("feedback", "how to comment", "We like comments.", False),
        (
            "feedback",
            "how the Local Offer is reviewed",
            "We review the Local Offer with you.",
            True,
        ),
        ("feedback", "how the Local Offer is reviewed", "The Local Offer is reviewed.", True),
        ("feedback", "how the Local Offer is reviewed", "We review every plan.", False),
        ("feedback", "how often", "We review it every year.", True),
        ("feedback", "how often", "The pages are checked annually.", True),
        ("feedback", "how often", "We do this every year.", False),
        ("feedback", "how often", "An annual report.", False),
        ("feedback", "how often", "From time to time.", False),
        (
            "accessibility-statement",
            "how accessible",
            "This website is partly compliant with WCAG 2.2.",
            True,
        ),
        ("accessibility-statement", "how accessible", "It is accessible.", False),
        ("other-formats", "how to get the information", "If you cannot use the internet", True),
        ("other-formats", "how to get the information", "Ask for a printed copy.", True),
        ("other-formats", "the other formats", "We have Easy Read versions.", True),
        ("other-formats", "the other formats", "In British Sign Language (BSL).", True),
        ("higher-education", "Disabled Students", "Disabled Students\u2019 Allowance", True),
        ("higher-education", "Disabled Students", "Disabled Students' Allowances", True),
        ("travel", "help with travel", "We can help with transport to school.", True),
        ("travel", "help with travel", "Home to school travel assistance.", True),
        ("travel", "help with travel", "Travel training for adults.", False),
        ("training", "supported internships", "A supported internship lasts a year.", True),
        ("outside-area", "that the provision", "Schools outside Wyvernshire.", True),
        ("outside-area", "that the provision", "An out-of-county placement.", True),
        ("outside-area", "that the provision", "Schools in neighbouring councils.", True),
        ("outside-area", "that the provision", "Schools in Wyvernshire.", False),
    ],
)
def test_content_rules_accept_real_wording(
    req_id: str, name: str, text: str, expected: bool
) -> None:
    """Each item finds the wordings editors use, and not text that only looks related."""
    facts = page(body=text)
    assert has_item(facts, item(req_id, name), area="Wyvernshire") is expected


def test_headings_count_for_heading_patterns_only() -> None:
    data = {
        "requirements": [
            {
                "id": "x",
                "title": "X",
                "must_contain": [{"name": "a 'Mediation' section", "headings": ["^mediation"]}],
            }
        ]
    }
    rule = parse_catalogue(data, Path("r.yml")).requirements[0].must_contain[0]
    assert has_item(page(body="## Mediation and appeals\n"), rule)
    assert not has_item(page(body="We offer mediation.\n"), rule)


# ---------------------------------------------------------------------------------------------
# Missing, thin and covered requirements


def small_catalogue(level: str = "must") -> Catalogue:
    data = {
        "requirements": [
            {
                "id": "complaints-and-appeals",
                "title": "Complaints and appeals",
                "level": level,
                "basis": "SEND Regulations 2014 Schedule 2 (duty)",
                "statements": ["1.6"],
                "must_contain": [
                    {"name": "mediation", "terms": [r"\bmediation\b"]},
                    {"name": "appeals to the tribunal", "terms": [r"\btribunal\b"]},
                    {"name": "the ombudsman", "terms": [r"\bombudsman\b"], "scope": "any-page"},
                ],
            }
        ]
    }
    return parse_catalogue(data, Path("r.yml"))


def test_missing_duty_is_a_warning_naming_it_and_its_basis() -> None:
    req = small_catalogue().requirements[0]
    row, findings = check_requirement(req, [page(body="Mediation.")])
    assert row.status == "missing" and row.pages == []
    assert [(f.page, f.line, f.severity) for f in findings] == [(None, None, Severity.WARNING)]
    assert findings[0].format() == (
        "no page covers 'complaints-and-appeals' (Complaints and appeals), a duty under SEND "
        "Regulations 2014 Schedule 2 (duty); write a page about it and add "
        "'complaints-and-appeals' to 'covers' in its front matter"
    )


@pytest.mark.parametrize(
    ("guidance", "expected"), [(Severity.INFO, Severity.INFO), (Severity.WARNING, Severity.WARNING)]
)
def test_guidance_is_reported_at_the_configured_level(
    guidance: Severity, expected: Severity
) -> None:
    req = small_catalogue("should").requirements[0]
    _, findings = check_requirement(req, [], guidance=guidance)
    assert [f.severity for f in findings] == [expected]
    assert "guidance under" in findings[0].message
    thin = page("c.md", "Mediation.", covers=("complaints-and-appeals",))
    _, findings = check_requirement(req, [thin], guidance=guidance)
    assert {f.severity for f in findings} == {expected}


def test_thin_page_names_page_requirement_and_what_is_missing() -> None:
    req = small_catalogue().requirements[0]
    thin = page("complaints.md", "We offer mediation.", covers=("complaints-and-appeals",))
    row, findings = check_requirement(req, [thin])
    assert row.status == "thin"
    assert row.pages == row.thin_pages == ["complaints.md"]
    assert row.missing == ["appeals to the tribunal (complaints.md)", "the ombudsman"]
    assert [f.format() for f in findings] == [
        "content/complaints.md:6: the page claims to cover 'complaints-and-appeals' (Complaints "
        "and appeals) but does not explain 'appeals to the tribunal'; add it to the page, or "
        "take 'complaints-and-appeals' out of 'covers'",
        "no page covering 'complaints-and-appeals' (Complaints and appeals) explains 'the "
        "ombudsman' (pages: complaints.md); add it to one of these pages or to another page "
        "that covers 'complaints-and-appeals'",
    ]


def test_any_page_items_may_be_split_over_pages_every_page_items_may_not() -> None:
    req = small_catalogue().requirements[0]
    full = page("a.md", "Mediation. Tribunal.", covers=("complaints-and-appeals",))
    other = page("b.md", "The Ombudsman.", covers=("complaints-and-appeals",))
    row, findings = check_requirement(req, [full, other])
    assert row.status == "covered"  # a.md is complete; b.md adds the ombudsman
    assert row.missing == [] and row.thin_pages == ["b.md"]
    assert [(f.page, f.line) for f in findings] == [("b.md", 6)]
    assert "'mediation' and 'appeals to the tribunal'" in findings[0].message


def test_implicit_coverage_needs_no_covers_and_no_content() -> None:
    outside = CATALOGUE.get("outside-area")
    said = CATALOGUE.get("you-said-we-did")
    assert outside is not None and said is not None
    school = page("far.md", type="service", area="outside", status="active")
    closed = page("gone.md", type="service", area="outside", status="closed")
    row, findings = check_requirement(outside, [school, closed])
    assert (row.status, row.pages, findings) == ("covered", ["far.md"], [])
    assert row.matches == []  # nothing on the page, but nothing needed
    said_far = page(
        "far2.md",
        "A special school outside Wyvernshire.",
        type="service",
        area="outside",
        status="active",
    )
    row, _ = check_requirement(outside, [said_far], area="Wyvernshire")
    assert [(m.page, m.item) for m in row.matches] == [
        ("far2.md", "that the provision is outside the council's area")
    ]
    row, findings = check_requirement(outside, [closed])
    assert row.status == "missing" and len(findings) == 1
    row, findings = check_requirement(said, [page("ysd.md", type="you-said-we-did")])
    assert (row.status, row.pages, findings) == ("covered", ["ysd.md"], [])


# ---------------------------------------------------------------------------------------------
# Headings each page type requires


@pytest.mark.parametrize(
    "heading",
    [
        "What the service offers",
        "What we offer",
        "What Portage offers",
        "How we can help",
        "What\u2019s on offer",
        "About the service",
        "What you can expect",
    ],
)
def test_service_heading_accepts_other_wordings(heading: str) -> None:
    service = page("s.md", f"## {heading}\n\nText.", type="service", status="active")
    assert check_headings(service, RULES) == []


def test_service_without_the_heading_is_reported_unless_closed() -> None:
    body = "## Who it is for\n\nText.\n\n## Cost\n"
    service = page("s.md", body, type="service", status="active")
    findings = check_headings(service, RULES)
    assert [f.format() for f in findings] == [
        "content/s.md:8: service pages need a heading 'What the service offers', and this page "
        "has none; add a heading such as '## What the service offers' with that information "
        "under it"
    ]
    assert findings[0].severity is Severity.WARNING
    assert check_headings(page("s.md", body, type="service", status="closed"), RULES) == []
    assert check_headings(page("g.md", body), RULES) == []


# ---------------------------------------------------------------------------------------------
# Service counts and the summary


@pytest.mark.parametrize(
    ("eligibility", "how", "expected"),
    [
        ("Open to all", "Phone us to refer yourself.", False),
        ("Open to all", "Just turn up. No referral is needed.", False),
        ("Open to all", "You do not need a referral.", False),
        ("Disabled children. No diagnosis or assessment is needed.", "Register online.", False),
        ("Children with an EHC plan", "Ask your school.", True),
        ("Open to all", "Your GP refers you.", True),
        ("Open to all", "Ask your health visitor for a referral.", True),
        ("Those who meet the criteria", "Apply online.", True),
        ("Open to all", "The Short Breaks Panel looks at each application.", True),
        ("Open to all", "After a social care assessment.", True),
    ],
)
def test_needs_decision(eligibility: str, how: str, expected: bool) -> None:
    service = page(type="service", eligibility=eligibility, how_to_access=how)
    assert needs_decision(service, CATALOGUE) is expected


def test_summary_has_the_report_keys_and_counts() -> None:
    pages = [
        page("index.md", "Home.", owner="Team"),
        page(
            "s1.md",
            "## What we offer\n",
            type="service",
            status="active",
            area="local",
            owner="Team",
            eligibility="Children with an EHC plan",
            how_to_access="Apply online.",
            decided_by="The panel",
        ),
        page(
            "s2.md",
            "## What we offer\n",
            type="service",
            status="active",
            area="outside",
            eligibility="Open to all",
            how_to_access="Your GP refers you.",
        ),
        page(
            "c.md",
            "Complain. Mediation. Tribunal.",
            covers=("complaints-and-appeals",),
            owner="Team",
        ),
    ]
    catalogue = replace(
        small_catalogue(),
        decision_words=CATALOGUE.decision_words,
        not_decision_phrases=CATALOGUE.not_decision_phrases,
    )
    result = check_coverage(pages, catalogue, RULES)
    assert isinstance(result, CoverageResult)
    summary = to_json(result.summary())
    assert summary["requirements"] == [
        {
            "id": "complaints-and-appeals",
            "title": "Complaints and appeals",
            "basis": "SEND Regulations 2014 Schedule 2 (duty)",
            "level": "must",
            "statements": ["1.6"],
            "status": "thin",
            "pages": ["c.md"],
            "missing": ["the ombudsman"],
            "thin_pages": [],
            "matches": [
                {"page": "c.md", "item": "appeals to the tribunal", "line": 8, "text": "Tribunal."},
                {"page": "c.md", "item": "mediation", "line": 8, "text": "Mediation."},
            ],
        }
    ]
    assert summary["counts"] == {
        "service_pages": 2,
        "service_pages_with_eligibility": 2,
        "service_pages_needing_decision": 2,
        "service_pages_with_decided_by": 1,
        "pages_with_owner": 3,
        "pages": 4,
        "services_without_decided_by": ["s2.md"],
    }


def test_shipped_catalogue_on_a_bare_site_reports_every_duty_once() -> None:
    result = check_coverage([page("index.md", "Home.")], CATALOGUE, RULES)
    warned = [f for f in result.findings if f.severity is Severity.WARNING]
    duties = [r.id for r in CATALOGUE.requirements if r.duty]
    assert len(warned) == len(duties)
    for req_id, finding in zip(duties, warned, strict=True):
        assert f"no page covers '{req_id}'" in finding.message
    assert {row.status for row in result.matrix} == {"missing"}


@pytest.mark.parametrize(
    "how",
    [
        "Families can refer themselves by phone or email, or be referred by a professional.",
        "You can self-refer online or ask to be referred by your GP. New referrals are paused.",
    ],
)
def test_open_self_referral_needs_no_decision(how: str) -> None:
    """A professional's referral is just another way in when families can refer themselves."""
    page = PageFacts(src="s.md", page_type="service", meta={"how_to_access": how}, headings=())
    assert not needs_decision(page, CATALOGUE)


def _normalise_every_step(text: str) -> str:
    """``normalise`` running every pattern, without its quick tests for a first character."""
    from sendqa_build.core import coverage

    text = coverage.html.unescape(text)
    text = coverage._IMAGE_OR_LINK.sub(r"\1", text)
    text = coverage._TAG.sub(" ", text)
    text = coverage._ESCAPE.sub(r"\1", text)
    text = coverage.unicodedata.normalize("NFKC", text).translate(coverage._CHARS)
    text = coverage._UNDERSCORE.sub("", text)
    return " ".join(text.split())


NORMALISE_TEXTS = [
    *(p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").rglob("*.md"))),
    "&lt;b&gt;bold&lt;/b&gt; &#91;x&#93;(y) \\_escaped\\_ _under_ snake_case",
    "\uff3fwide\uff3f \uff3bwide link\uff3d(x) \uff1ctag\uff1e",  # NFKC makes _ [ ] < >
    "**Who can use it** [a](b) ![c](d) <span>e</span> <!-- f --> \\* g",
    "no special characters at all",
]


@pytest.mark.parametrize("text", NORMALISE_TEXTS, ids=range(len(NORMALISE_TEXTS)))
def test_normalise_quick_tests_change_nothing(text: str) -> None:
    """Skipping a pattern whose first character is not in the text gives the same result,
    for whole pages and for each line."""
    assert normalise(text) == _normalise_every_step(text)
    for line in text.split("\n"):
        assert normalise(line) == _normalise_every_step(line)


# ---------------------------------------------------------------------------------------------
# Meaning, not keywords (issue 22): each class on literal pages


def claimed(req_id: str, body: str, **meta: Any) -> PageFacts:
    return page("p.md", body, covers=(req_id,), **meta)


def test_a_title_or_summary_naming_the_topic_is_not_how_to_complain() -> None:
    rule = item("complaints-and-appeals", "how to complain")
    keyword_only = claimed(
        "complaints-and-appeals",
        "We want to hear when things go wrong. We learn from every complaint.",
        title="Complaints",
        summary="How to complain about SEND services.",
    )
    assert not has_item(keyword_only, rule)
    saying_how = claimed(
        "complaints-and-appeals",
        "To make a complaint, fill in the online form or phone 01632 960 800.",
        title="Complaints",
    )
    assert has_item(saying_how, rule)


@pytest.mark.parametrize(
    "body",
    [
        "## Who can apply\n\nChildren aged 5 to 16 who live in Wyvernshire.\n",
        "## Apply\n\nApplications for September open in March.\n",
        "## Applying for transport\n\nWe had more applications than ever this year.\n",
        "## How to apply\n",  # a heading with nothing under it
    ],
)
def test_apply_in_a_heading_is_not_how_to_apply_when_the_page_never_says_how(body: str) -> None:
    rule = item("travel", "how to ask for it")
    assert not has_item(claimed("travel", body), rule)


@pytest.mark.parametrize(
    ("req_id", "name", "body"),
    [
        (
            "social-care",
            "how to get them",
            "## How to get a short break\n\nThe Short Breaks Team will talk it through with you.",
        ),
        ("travel", "how to ask for it", "## How to apply\n\nApplications open in March."),
        ("leisure", "how to join", "## How to join\n\nThe club meets on Tuesdays."),
        (
            "education",
            "how progress",
            "## Checking progress\n\nThe school checks how your child is doing every term.",
        ),
        (
            "complaints-and-appeals",
            "the time limit for appealing",
            "The deadline for appealing is two months from the date of the letter.",
        ),
    ],
)
def test_plain_paraphrases_count(req_id: str, name: str, body: str) -> None:
    assert has_item(claimed(req_id, body), item(req_id, name), area="Wyvernshire")


def test_front_matter_values_never_count_but_a_services_how_to_access_is_read() -> None:
    rule = item("health", "how to get them")
    filled = claimed(
        "health",
        "Speech and language therapy for children.",
        type="service",
        eligibility="Children who need to apply through their GP",
        provider="NHS Wyvernshire",
        how_to_access="Therapy services",
    )
    assert not has_item(filled, rule)  # a keyword in a field is not how
    told = claimed(
        "health",
        "Speech and language therapy for children.",
        type="service",
        how_to_access="Ask your GP or health visitor to refer you.",
    )
    unit = find_item(told, rule)
    assert unit is not None and unit.text == "Ask your GP or health visitor to refer you."
    guide = claimed("health", "Therapy.", how_to_access="Ask your GP to refer you.")
    assert not has_item(guide, rule)  # only service pages show the field
    meta = {"type": "service", "how_to_access": "Phone us to book.", "covers": ["health"]}
    facts = page_facts("s.md", meta, [(12, "Therapy.")], field_lines={"how_to_access": 9})
    assert [(u.line, u.text, u.context) for u in facts.units] == [
        (9, "Phone us to book.", ("How to get it",)),
        (12, "Therapy.", ()),
    ]


def test_lines_that_only_link_elsewhere_do_not_count() -> None:
    rule = item("complaints-and-appeals", "mediation")
    for body in [
        "See also: [Mediation](mediation.md)",
        "- [Mediation](mediation.md)\n- [Appeals](appeals.md)",
        "Find out more about [mediation](https://example.org/mediation).",
    ]:
        assert not has_item(claimed("complaints-and-appeals", body), rule), body
    assert has_item(
        claimed("complaints-and-appeals", "[Mediation](m.md) is free and confidential."), rule
    )


def test_word_pasted_steps_and_tables_count() -> None:
    steps = claimed(
        "social-care",
        "## Short breaks\n\nTo ask for one:\n\n\u2022\tfill in the request form\n"
        "\u2022\tsend it to the team\n",
    )
    assert has_item(steps, item("social-care", "how to get them"))
    table = claimed(
        "identifying-and-assessing",
        "| Stage | Time limit |\n|---|---|\n"
        "| We decide whether to assess | within 6\u00a0weeks |\n",
    )
    assert has_item(table, item("identifying-and-assessing", "the time limit for deciding"))


def test_the_matched_heading_or_sentence_is_kept_as_evidence() -> None:
    req = CATALOGUE.get("complaints-and-appeals")
    assert req is not None
    body = (
        "We take complaints seriously.\n\n"
        "You can complain **online**, by email or by phone.\n\n"
        "## Mediation\n\nAn independent mediator helps you and the council agree.\n"
    )
    row, _ = check_requirement(req, [claimed("complaints-and-appeals", body)])
    assert [(m.page, m.item, m.line, m.text) for m in row.matches] == [
        ("p.md", "how to complain", 10, "You can complain online, by email or by phone."),
        ("p.md", "mediation", 12, "Mediation"),
    ]
    assert to_json(row.row().matches[0]) == {
        "page": "p.md",
        "item": "how to complain",
        "line": 10,
        "text": "You can complain online, by email or by phone.",
    }


def test_long_evidence_is_trimmed_at_a_word() -> None:
    rule = item("complaints-and-appeals", "mediation")
    sentence = "Mediation is free " + "and confidential " * 40 + "for everyone."
    unit = find_item(claimed("complaints-and-appeals", sentence), rule)
    assert unit is not None
    req = CATALOGUE.get("complaints-and-appeals")
    assert req is not None
    row, _ = check_requirement(req, [claimed("complaints-and-appeals", sentence)])
    text = next(m.text for m in row.matches if m.item == "mediation")
    assert len(text) <= 300 and text.endswith("...") and text.startswith("Mediation is free")


def test_a_contact_section_counts_as_how_under_a_title_naming_the_topic() -> None:
    """The title gives an instruction its topic only when nothing better answers, and only
    for kinds of answer that allow it (``title: true``): alone it still answers nothing."""
    rule = item("health", "how to get them")
    body = (
        "Our team helps children who find it hard to talk.\n\n## Contact us\n\nPhone 01632 960 300."
    )
    assert has_item(claimed("health", body, title="Speech and language therapy"), rule)
    assert not has_item(claimed("health", body, title="About us"), rule)
    no_instruction = "Our therapists help children who find it hard to talk."
    assert not has_item(claimed("health", no_instruction, title="How to get therapy"), rule)
    deadline = item("complaints-and-appeals", "the time limit for appealing")
    within = "We reply to letters within 20 working days."
    assert not has_item(claimed("complaints-and-appeals", within, title="Appeals"), deadline)
    better = body + "\n\nTo book speech therapy, ask your GP.\n"
    unit = find_item(claimed("health", better, title="Speech and language therapy"), rule)
    assert unit is not None and unit.text == "To book speech therapy, ask your GP."


def test_sentences_do_not_end_at_abbreviations() -> None:
    body = "Ask for other formats, e.g. Easy Read. Or phone Dr. Patel on 01632 960 000. Thanks."
    units = read_units([(3, body)])
    assert [u.text for u in units] == [
        "Ask for other formats, e.g. Easy Read.",
        "Or phone Dr. Patel on 01632 960 000.",
        "Thanks.",
    ]


# ---------------------------------------------------------------------------------------------
# Each page's coverage kept between builds


def _sources() -> list[SourcePage]:
    """Pages as the plugin gives them: a thin claiming page, a full one, a service counting by
    its front matter with evidence in how_to_access, a page without its type's heading."""
    return [
        ("a.md", {"type": "guide", "covers": ["complaints-and-appeals"]}, "Mediation.\n", 3, 5, {}),
        (
            "b.md",
            {"type": "guide", "covers": ["complaints-and-appeals", "not-an-id"], "owner": "T"},
            "## Complaints\n\nYou can complain to us. Mediation is free. Appeal to the "
            "First-tier Tribunal (SEND). Contact the Local Government Ombudsman.\n",
            4,
            6,
            {},
        ),
        (
            "s.md",
            {
                "type": "service",
                "title": "Far school",
                "status": "active",
                "area": "outside",
                "eligibility": "Children with an EHC plan",
                "how_to_access": "A panel decides. Ask your caseworker.",
            },
            "## What we offer\n\nA school outside Wyvernshire.\n",
            1,
            9,
            {"how_to_access": 7},
        ),
        ("c.md", {"type": "service", "status": "active"}, "No headings here.\n", 1, 5, {}),
    ]


def test_page_coverage_reads_back_as_it_was_kept() -> None:
    made = []
    for src, meta, body, covers_line, body_line, fields in _sources():
        facts = page_facts(
            src,
            meta,
            lines(body, body_line),
            covers_line=covers_line,
            body_line=body_line,
            field_lines=fields,
        )
        made.append(page_coverage(facts, CATALOGUE, RULES, "Wyvernshire"))
    for page in made:
        data = json.loads(json.dumps(page.to_data()))
        assert PageCoverage.from_data(page.src, data) == page
    # Every part is there to be kept: claims, front matter counts, evidence, headings, counts.
    assert made[0].counted == (("complaints-and-appeals", True),)
    assert made[2].counted == (("outside-area", False),)
    assert made[2].evidence and made[2].counts == (False, True, True, True, False)
    assert [f.message for f in made[3].headings] and not made[3].evidence


def test_kept_coverage_gives_the_same_result_and_reads_only_changed_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sendqa_build.core import coverage

    sources = _sources()
    fresh = coverage_of(sources, CATALOGUE, RULES, Severity.WARNING, "Wyvernshire")
    assert fresh.findings and any(row.matches for row in fresh.matrix)
    read: list[str] = []
    real = coverage.page_facts
    monkeypatch.setattr(
        coverage, "page_facts", lambda src, *a, **k: read.append(src) or real(src, *a, **k)
    )
    path = tmp_path / "coverage.json"
    stamp = kept_fingerprint("rules", "Wyvernshire")

    def kept(pages: list[SourcePage]) -> CoverageResult:
        cache = PageCache.load(path, stamp)
        result = coverage_of(pages, CATALOGUE, RULES, Severity.WARNING, "Wyvernshire", cache)
        cache.save()
        return result

    assert kept(sources) == fresh
    assert read == ["a.md", "b.md", "s.md", "c.md"]
    read.clear()
    assert kept(sources) == fresh
    assert read == []
    # A change of the front matter alone (the area a service is in) is a change of the page.
    src, meta, *rest = sources[2]
    changed = [*sources[:2], (src, {**meta, "area": "inside"}, *rest), sources[3]]
    result = kept(changed)
    assert read == ["s.md"]
    assert result != fresh
    assert result == coverage_of(changed, CATALOGUE, RULES, Severity.WARNING, "Wyvernshire")
