"""The glossary on literal data: tooltips, abbreviation lines, focusable explanations and the
jargon buster's entries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendqa_build.core.glossary import (
    Glossary,
    Tooltips,
    anchor,
    buster_entries,
    focusable_abbreviations,
    jargon_buster_markdown,
    load_glossary,
    stands_alone,
)
from tests.conftest import ROOT
from tests.unit import plain_reference as reference

SMALL = Glossary.from_data(
    {
        "acronyms": {
            "SENCO": {
                "expansion": "Special Educational Needs Co-ordinator",
                "spellings": ["SENCo"],
                "explanation": "The teacher who plans support.",
            },
            "C&I": "communication and interaction",
        },
        "well_known": ["NHS"],
        "terms": {"annual review": "A yearly check of the plan.", "Academy": "A school."},
    },
    Path("glossary.yml"),
)
SHIPPED_TIPS = load_glossary(ROOT / "checks" / "glossary.yml").tooltips()
SHIPPED_INDEX = Tooltips(SHIPPED_TIPS)


def abbreviation_definitions(markdown: str, tips: dict[str, str] | Tooltips) -> str:
    """``Tooltips.entries`` as the ``*[EHCP]: ...`` lines of the reference (which wrote them)."""
    index = tips if isinstance(tips, Tooltips) else Tooltips(tips)
    return "\n".join(f"*[{text}]: {tip}" for text, tip in index.entries(markdown).items())


def test_shipped_glossary_loads_with_the_send_acronyms() -> None:
    glossary = load_glossary(ROOT / "checks" / "glossary.yml")
    known = {entry.acronym for entry in glossary.acronyms}
    assert {"EHCP", "SENCO", "SEND", "SENDIASS", "CAMHS", "BSL", "SEMH", "PfA"} <= known
    assert {"NHS", "GP", "UK", "EU", "VAT", "BBC"} <= glossary.well_known
    assert glossary.lookup("SENCo") == glossary.lookup("SENCO")
    assert "EHC plan" in glossary.by_spelling["EHCP"].expansions


def test_tooltips_cover_spellings_plurals_and_term_forms() -> None:
    tips = SMALL.tooltips()
    senco = "Special Educational Needs Co-ordinator. The teacher who plans support."
    assert tips["SENCO"] == tips["SENCo"] == tips["SENCOs"] == senco
    assert tips["C&I"] == "Communication and interaction"
    for form in ("annual review", "Annual review", "annual reviews", "Annual reviews"):
        assert tips[form] == "A yearly check of the plan."
    assert "NHS" not in tips


def test_abbreviation_lines_only_for_what_the_page_uses() -> None:
    markdown = "Ask the SENCo about your annual review.\n\n*[SENCO]: our own words\n"
    assert abbreviation_definitions(markdown, SMALL.tooltips()).splitlines() == [
        "*[annual review]: A yearly check of the plan.",
        "*[SENCo]: Special Educational Needs Co-ordinator. The teacher who plans support.",
    ]
    assert abbreviation_definitions("The SENCOMMITTEE met.", SMALL.tooltips()) == ""


def test_first_explanation_of_each_meaning_takes_focus() -> None:
    html = (
        '<p><abbr title="A">SEND</abbr> and <abbr title="A">SEND</abbr> and '
        '<abbr title="B">EHCP</abbr> and <abbr tabindex="-1" title="C">X</abbr></p>'
    )
    assert focusable_abbreviations(html) == (
        '<p><abbr tabindex="0" title="A">SEND</abbr> and <abbr title="A">SEND</abbr> and '
        '<abbr tabindex="0" title="B">EHCP</abbr> and <abbr tabindex="-1" title="C">X</abbr></p>'
    )


def test_jargon_buster_entries_are_alphabetical_with_stable_ids() -> None:
    entries = buster_entries(SMALL)
    assert [(e.heading, e.id) for e in entries] == [
        ("Academy", "academy"),
        ("Annual review", "annual-review"),
        ("C&I", "c-and-i"),
        ("SENCO", "senco"),
    ]
    assert entries[3].text == (
        "Special Educational Needs Co-ordinator. The teacher who plans support. "
        "Also written 'SENCo'."
    )
    assert anchor("Disabled Students’ Allowance") == "disabled-students-allowance"


def test_jargon_buster_markdown() -> None:
    markdown = jargon_buster_markdown(SMALL, "Words we use")
    assert markdown.startswith('---\ntitle: "Words we use"\n')
    assert "[A](#letter-a) · [C](#letter-c) · [S](#letter-s)" in markdown
    assert "## C {#letter-c}\n\nC&I {#c-and-i}\n:   Communication and interaction.\n" in markdown


# ---------------------------------------------------------------------------------------------
# The tooltip index finds exactly what one search per entry finds

TOOLTIP_PAGES = [
    "The SENCO and the SENCOs, SENCo's room, the SENCOMMITTEE and xSENCO.",
    "C&I and C&Ix and C&I's; an annual review, Annual reviews, annual-review.",
    "*[SENCO]: our own words\n\nThe SENCO helps.",
    "Caf\u00e9 SENCO\u2013led sessions \u2014 the SENCO\u00e9 and \u00e9SENCO; NHS.",
    "SENCO_x and x_SENCO and SENCO",
    "",
]


@pytest.mark.parametrize("markdown", TOOLTIP_PAGES)
def test_tooltip_index_matches_one_search_per_entry(markdown: str) -> None:
    tips = SMALL.tooltips()
    expected = reference.abbreviation_definitions(markdown, tips)
    assert abbreviation_definitions(markdown, tips) == expected
    assert abbreviation_definitions(markdown, Tooltips(tips)) == expected


@pytest.mark.parametrize("path", reference.SAMPLE_PAGES, ids=reference.page_id)
def test_tooltip_index_matches_on_every_sample_page(path: Path) -> None:
    markdown = path.read_text(encoding="utf-8")
    expected = reference.abbreviation_definitions(markdown, SHIPPED_TIPS)
    assert abbreviation_definitions(markdown, SHIPPED_INDEX) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "SENCO",
                    "SENCo",
                    "s",
                    "'s",
                    "C&I",
                    "&",
                    "_",
                    "annual",
                    "review",
                    " ",
                    "-",
                    "\u00e9",
                    "\u2013",
                    "\n",
                    "*[SENCO]: x\n",
                    "Academy",
                    "EHCP",
                    "EHC plan",
                ]
            ),
            st.text(max_size=4),
        ),
        max_size=25,
    )
)
def test_tooltip_index_matches_on_any_text(parts: list[str]) -> None:
    markdown = "".join(parts)
    assert abbreviation_definitions(markdown, SHIPPED_INDEX) == reference.abbreviation_definitions(
        markdown, SHIPPED_TIPS
    )
    for text in ("SENCO", "C&I", "", "annual review"):
        slow = re.search(rf"(?<![\w&]){re.escape(text)}(?![\w&])", markdown) is not None
        assert stands_alone(text, markdown) == slow


# On a page that is all ASCII, an entry of one run needs no search of its own: these pages have
# the entries where a shortcut could go wrong (and a few beyond ASCII, where it is not taken).
ASCII_PAGES = [
    "An Education, Health and Care plan (EHCP) helps. (SEN) [SEND] {SENCo} <EHC>",
    "EHCP\nline starts with EHCP and ends with EHCP\nSEN",
    "# EHCP\n\n## The SENCO and SENCOs\n\n### Annual review of the EHC plan",
    "Read [the EHCP guide](ehcp.md), see [EHCP](https://example.org/EHCP_guide#SEN).",
    "Use `EHCP` or ```\nSEND\n``` and <abbr title=EHCP>x</abbr>; EHCP_1, 1EHCP, EHCP1.",
    "EHCPs and EHCP's, SENDs, SEN-D, SEN&D, &SEN, SEN&, C&I, C&Is, xC&I, S41, s41 list.",
    "annual review, annual-review, annual  review, annual\nreview, Annual reviews, annualreview",
    "section 41 school, Section 41 schools; personal budget; a direct payments page.",
    "*[EHCP]: our own words\n\nThe EHCP and the SEN.",
    "SEN\u2019s EHCP \u201cSEND\u201d \u2013 SENCO\u00a0team\u2026",  # pasted from Word
    "caf\u00e9SEN SEN\u00e9 \u00e9SEND \u00e9SEND SEND",
    "",
    "EHCP",
    "(EHCP)",
]


@pytest.mark.parametrize("markdown", ASCII_PAGES)
def test_tooltip_index_on_pages_all_in_ascii(markdown: str) -> None:
    expected = reference.abbreviation_definitions(markdown, SHIPPED_TIPS)
    assert abbreviation_definitions(markdown, SHIPPED_INDEX) == expected
    tips = SMALL.tooltips()
    assert abbreviation_definitions(markdown, Tooltips(tips)) == reference.abbreviation_definitions(
        markdown, tips
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "EHCP",
                    "EHCPs",
                    "SEN",
                    "SEND",
                    "SENCo",
                    "C&I",
                    "S41",
                    "section 41 list",
                    "annual review",
                    "Co",
                    "co",
                    "(",
                    ")",
                    "[",
                    "](x.md)",
                    "`",
                    "#",
                    "'s",
                    "s",
                    "&",
                    "_",
                    "-",
                    " ",
                    "\n",
                    "*[SEN]: x\n",
                ]
            ),
            st.text(st.characters(max_codepoint=127), max_size=4),
        ),
        max_size=25,
    )
)
def test_tooltip_index_matches_on_any_ascii_text(parts: list[str]) -> None:
    markdown = "".join(parts)
    assert abbreviation_definitions(markdown, SHIPPED_INDEX) == reference.abbreviation_definitions(
        markdown, SHIPPED_TIPS
    )
