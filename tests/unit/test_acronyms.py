"""The acronym rule on literal pages, with the repository's glossary and small literal ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendqa_build.core.acronyms import (
    IN_HEADING,
    UNEXPLAINED,
    UNKNOWN,
    UNKNOWN_UNEXPLAINED,
    check_acronyms,
    find_uses,
    is_english_word,
)
from sendqa_build.core.glossary import Glossary, load_glossary
from sendqa_build.core.prose import prose_lines
from sendqa_build.models import Severity
from sendqa_build.rules import RulesError
from tests.conftest import ROOT
from tests.unit import plain_reference as reference

GLOSSARY = load_glossary(ROOT / "checks" / "glossary.yml")
EHCP_FIX = "write 'Education, Health and Care plan (EHCP)' the first time"


def run(markdown: str, glossary: Glossary = GLOSSARY) -> list[str]:
    issues = check_acronyms("guide.md", prose_lines(markdown), glossary)
    return [issue.finding.format("content") for issue in issues]


def kinds(markdown: str) -> list[tuple[str, str]]:
    return [(i.kind, i.acronym) for i in check_acronyms("g.md", prose_lines(markdown), GLOSSARY)]


@pytest.mark.parametrize(
    "markdown",
    [
        "An Education, Health and Care plan (EHCP) is a legal document. Your EHCP lasts.",
        "An EHCP (Education, Health and Care plan) is a legal document. Your EHCP lasts.",
        "An education, health and care plan (EHCP) lasts. The EHCP says so.",
        "An Education, Health & Care Plan (EHCP) lasts.",
        "An Education, Health and Care plan, or EHCP, lasts.",
        "An Education, Health and Care plan (known as an EHCP) lasts.",
        "Education, Health and Care plans (EHCPs) last. EHCPs are reviewed.",
        "EHCP stands for Education, Health and Care plan.",
        "An EHC plan (EHCP) lasts.",  # another expansion the glossary lists; EHC is part of it
        "**Education, Health and Care plan (EHCP)**: a legal document.",
        "- **EHCP**: Education, Health and Care plan",
        "| EHCP | Education, Health and Care plan |\n|---|---|\n| EHCP | again |",
        "An Education, Health and\nCare plan (EHCP) is hard-wrapped.\nThe EHCP says so.",
        "An Education,\u00a0Health and Care plan\u00a0(EHCP) from Word. The EHCP\u2019s aims.",
    ],
)
def test_spelled_out_at_first_use_in_any_common_form(markdown: str) -> None:
    assert run(markdown) == []


def test_first_use_not_spelled_out() -> None:
    markdown = "Ask for an EHCP.\n\nYour EHCP lasts. Another EHCP."
    assert run(markdown) == [
        f"content/guide.md:1: 'EHCP' is used before it is spelled out on this page; {EHCP_FIX}"
    ]


def test_spelled_out_only_later_says_where() -> None:
    markdown = "Ask for an EHCP.\n\nAn Education, Health and Care plan (EHCP) is a legal document."
    assert run(markdown) == [
        "content/guide.md:1: 'EHCP' is used before it is spelled out on this page (it is "
        f"spelled out later, on line 3); {EHCP_FIX}"
    ]


def test_expansion_without_the_acronym_then_bare_acronym() -> None:
    markdown = "An Education, Health and Care plan is a plan.\n\nYour EHCP lasts."
    assert kinds(markdown) == [(UNEXPLAINED, "EHCP")]


def test_plural_and_possessive_are_the_same_acronym() -> None:
    assert kinds("Most EHCPs are reviewed. Your EHCP too.") == [(UNEXPLAINED, "EHCP")]
    assert run("Talk to the SENCO's team.") == [
        "content/guide.md:1: 'SENCO' is used before it is spelled out on this page; write "
        "'Special Educational Needs Co-ordinator (SENCO)' the first time"
    ]
    assert run("Talk to the special educational needs co-ordinator (SENCO). SENCOs' views.") == []


def test_other_spellings_and_hyphens() -> None:
    assert run("The Special Educational Needs Coordinator (SENCo) helps. The SENCo plans.") == []
    assert run("The Department for Education (DfE) sets rules. The DfE says.") == []
    assert kinds("The DfE says.") == [(UNEXPLAINED, "DfE")]


@pytest.mark.parametrize(
    "markdown",
    [
        "SEND (special educational needs and disabilities) support. SEND again.",
        "Special educational needs and disabilities (SEND) support. SEND again.",
        "Special Educational Needs and Disabilities (SEND). SEND again.",
    ],
)
def test_send_defined_either_order(markdown: str) -> None:
    assert run(markdown) == []


def test_acronym_inside_a_name_the_glossary_accepts() -> None:
    markdown = (
        "The SEND Information, Advice and Support Service (SENDIASS) helps. SENDIASS is free."
    )
    assert run(markdown) == []


def test_acronym_in_a_heading() -> None:
    markdown = "## Applying for an EHCP\n\nAn Education, Health and Care plan (EHCP) is a plan."
    assert run(markdown) == [
        "content/guide.md:1: 'EHCP' is used in a heading; write 'Education, Health and Care "
        "plan' in the heading instead"
    ]


def test_acronym_only_in_a_heading() -> None:
    assert kinds("# About CAMHS\n\nHelp for children.") == [(IN_HEADING, "CAMHS")]


def test_heading_that_spells_it_out_counts() -> None:
    markdown = "## Education, Health and Care plans (EHCPs)\n\nYour EHCP lasts."
    assert run(markdown) == []


@pytest.mark.parametrize(
    "markdown",
    [
        "Read https://example.org/EHCP-guide or www.example.org/CAMHS for more.",
        "Read [the guide](https://example.org/EHCP/CAMHS.pdf) for more.",
        "Type `EHCP` in the box.",
        "```\nEHCP = CAMHS\n```",
        "    EHCP = CAMHS",
        "<!-- EHCP and CAMHS to be checked -->",
        "---\ntitle: EHCP guide\nsummary: About CAMHS\n---\nSome text.",
        "Download EHCP.pdf or go to www.NHS.uk.",
        "*[EHCP]: Education, Health and Care plan",
    ],
)
def test_code_urls_link_targets_front_matter_comments_are_ignored(markdown: str) -> None:
    assert run(markdown) == []


@pytest.mark.parametrize(
    "markdown",
    [
        "Your GP and the NHS can help. Ask GPs. The NHS's service.",
        "It is FREE. Please do NOT phone after 5pm. URGENT: read this.",
        "PLEASE DO NOT CALL THE OFFICE.",
        "Plan A and plan B. I can help. Option C.",
        "Vitamin B12 helps. Post it to WY1 2AB. At KS2 and in Year 6. COVID-19 rules. Use A4.",
        "Part II of the Act. Schedule IV. Henry VI was king. Chapter XI.",
        "We are OK. Watch TV. Bring your ID. Meet at 9am or 2 PM.",
    ],
)
def test_no_false_alarms(markdown: str) -> None:
    assert run(markdown) == []


def test_glossary_acronym_that_is_a_roman_numeral_still_counts_after_a_small_word() -> None:
    assert kinds("Support for children with VI.") == [(UNEXPLAINED, "VI")]


def test_hyphenated_compound_is_a_use() -> None:
    assert kinds("EHCP-funded support.") == [(UNEXPLAINED, "EHCP")]


def test_unknown_acronym_not_spelled_out() -> None:
    assert run("The XQZ team helps. XQZ again.") == [
        "content/guide.md:1: 'XQZ' is not in the glossary and is not spelled out on this page; "
        "write the words in full the first time, then the acronym in brackets "
        "('Words In Full (XQZ)'), and add it to checks/glossary.yml"
    ]


def test_unknown_acronym_spelled_out_is_info() -> None:
    issues = check_acronyms(
        "g.md",
        prose_lines("The Wyvern Parent Carer Forum (WPCF) meets. The WPCF plans."),
        GLOSSARY,
    )
    assert [(i.kind, i.finding.severity, i.finding.line) for i in issues] == [
        (UNKNOWN, Severity.INFO, 1)
    ]
    assert issues[0].finding.text == (
        "'WPCF' is not in the glossary; add it to checks/glossary.yml so readers get an "
        "explanation when they point at it, and it is in the jargon buster"
    )


def test_unknown_acronym_spelled_out_after_it_or_later() -> None:
    assert kinds("WPCF (Wyvern Parent Carer Forum) meets.") == [(UNKNOWN, "WPCF")]
    assert kinds("The WPCF meets.\n\nThe Wyvern Parent Carer Forum (WPCF).") == [
        (UNKNOWN_UNEXPLAINED, "WPCF")
    ]


def test_unknown_acronym_that_is_a_word_counts_when_spelled_out() -> None:
    assert kinds("The Wyvern Autism Support Project (WASP) helps.") == [(UNKNOWN, "WASP")]
    assert kinds("WASP helps.") == []


def test_one_finding_per_acronym_per_page_with_lines() -> None:
    markdown = "Intro.\n\nThe EHCP and CAMHS.\n\nThe EHCP again and CAMHS again."
    assert [
        (i.finding.line, i.acronym) for i in check_acronyms("g.md", prose_lines(markdown), GLOSSARY)
    ] == [
        (3, "EHCP"),
        (3, "CAMHS"),
    ]


def test_well_known_and_not_acronyms_come_from_the_glossary() -> None:
    glossary = Glossary.from_data(
        {
            "acronyms": {"ABC": {"expansion": "a big council"}},
            "well_known": ["XYZ"],
            "not_acronyms": ["WYVERN"],
        },
        Path("glossary.yml"),
    )
    assert run("The XYZ and WYVERN teams. ABC (a big council) helps.", glossary) == []
    assert run("The ABC helps.", glossary) == [
        "content/guide.md:1: 'ABC' is used before it is spelled out on this page; write "
        "'A big council (ABC)' the first time"
    ]


def test_severity_is_configurable() -> None:
    issues = check_acronyms(
        "g.md", prose_lines("Ask for an EHCP."), GLOSSARY, severity=Severity.INFO
    )
    assert [i.finding.severity for i in issues] == [Severity.INFO]


def test_english_words_come_from_the_installed_dictionary() -> None:
    assert is_english_word("FREE") and is_english_word("URGENT")
    assert not is_english_word("ADHD")  # said letter by letter
    assert not is_english_word("CAMHS")  # not a word


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"acronyms": {"EHCP": {}}}, "'acronyms.EHCP' has no 'expansion'"),
        ({"acronyms": {"E H": "x"}}, "'E H' under 'acronyms' is not an acronym"),
        ({"acronyms": {"NHS": "x"}, "well_known": ["NHS"]}, "'NHS' is both an acronym"),
        ({"terms": {"mediation": {}}}, "'terms.mediation' has no 'explanation'"),
        ({"acronym": {}}, "unknown key 'acronym'"),
    ],
)
def test_bad_glossary_gives_one_clear_message(data: object, message: str) -> None:
    with pytest.raises(RulesError, match=r"glossary\.yml") as error:
        Glossary.from_data(data, Path("checks/glossary.yml"))
    assert message in str(error.value)


# ---------------------------------------------------------------------------------------------
# The quick paths (paragraphs without capitals skipped, the compact dictionary) change nothing

TRICKY_PAGES = [
    "PLEASE DO NOT CALL the SENCO. FREE EHCP advice. DO NOT SEND IT BACK.",
    "The Senco and the SENCo met the C&I team & the NHS. Henry VI and Part II.",
    "an ehcp in lower case, b12, wy1 2ab, ks2 and the p&o ferry.",
    "# EHCP help\n\nAn Education, Health and Care plan (EHCP) helps. See EHCP.pdf and NHS.uk.\n",
    "Wyvern Autism Support Project (WASP) runs the WASP club. XYZ means nothing.",
    "SEND Information, Advice and Support Service (SENDIASS) and the SENCO's office.",
    "Setext heading line one\nline two with EHCP\n---\n\nThen ADHD.",
]


def _uses(markdown: str) -> tuple[list[object], list[object]]:
    lines = prose_lines(markdown)
    fast = find_uses(lines, GLOSSARY)
    slow = reference.find_uses(lines, GLOSSARY, is_english_word)
    return fast, slow


@pytest.mark.parametrize("markdown", TRICKY_PAGES)
def test_quick_paths_find_the_same_uses_on_tricky_text(markdown: str) -> None:
    fast, slow = _uses(markdown)
    assert fast == slow


@pytest.mark.parametrize("path", reference.SAMPLE_PAGES, ids=reference.page_id)
def test_quick_paths_find_the_same_uses_on_every_sample_page(path: Path) -> None:
    body, line = reference.sample_body(path)
    lines = prose_lines(body, line, front_matter=False)
    assert find_uses(lines, GLOSSARY) == reference.find_uses(lines, GLOSSARY, is_english_word)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "EHCP",
                "SENCo",
                "Senco",
                "ADHD",
                "FREE",
                "DO",
                "NOT",
                "C&I",
                "&",
                "A",
                "VI",
                "Part",
                "(",
                ")",
                "Education, Health and Care plan",
                "the",
                "'s",
                " ",
                ". ",
                "\n",
                "\n\n",
                "# ",
                "WASP",
                "Wyvern Autism Support Project",
                "ABC",
                "eh",
                "x.",
                "pdf",
            ]
        ),
        max_size=30,
    )
)
def test_quick_paths_find_the_same_uses_on_any_text(parts: list[str]) -> None:
    fast, slow = _uses("".join(parts))
    assert fast == slow


def test_english_words_as_the_full_dictionary_says() -> None:
    words = sorted(reference.acronym_pronunciations())
    sample = [*words[::97], "FREE", "URGENT", "ADHD", "CAMHS", "NOT", "OK", "A", "AAA", "IT", "US"]
    sample += ["ABCDEFGHIJKLM", "EHCP", "SENCO", "NHS", "X1", "O'NEIL", ""]
    for word in sample:
        assert is_english_word(word.upper()) == reference.is_english_word(word.upper()), word


# ---------------------------------------------------------------------------------------------
# Issue 22: expansions that differ in small ways, codes, names in capitals


@pytest.mark.parametrize(
    "markdown",
    [
        "Children with special educational needs or disabilities (SEND) get help. SEND matters.",
        "Children with special educational needs and/or disabilities (SEND) get help.",
        "Children with Special Educational Needs & Disability (SEND) get help.",
        "All Local Authorities (LAs) must publish a Local Offer. The LA reviews it.",
        "Some local authorities (LA) do more.",
        "Special Educational Needs Co-Ordinators (SENCOs) plan support. Ask the SENCO.",
        "Special educational needs coordinators (SENCos) help.",
        "Speech and language therapists (SaLTs) and educational psychologists (EPs) visit. A SaLT.",
        "An Education, Health and Care plan (EHC plan) is a legal document. EHC plans last.",
        "An Education, Health and Care plan (EHCP) lasts. EHC plans and EHC needs assessments.",
        "Children and young people's mental health services (CAMHS) help.",
    ],
)
def test_expansions_that_differ_in_small_ways_count(markdown: str) -> None:
    assert run(markdown) == []


def test_initials_that_spell_a_known_acronym_count() -> None:
    assert run("The Special Needs Coordinator (SENCO) plans support.") == []


def test_ehc_plan_is_the_ehcp_not_explained_by_a_bare_ehc() -> None:
    assert kinds("Some EHC plans are late.") == [(UNEXPLAINED, "EHCP")]
    assert "write 'Education, Health and Care plan (EHC plans)'" in run("Some EHC plans.")[0]
    # SEND spelled out does not explain SEN on its own (only 'EHC plan'-like longer names)
    text = "Special educational needs and disabilities (SEND) matter. Ask about SEN support."
    assert kinds(text) == [(UNEXPLAINED, "SEN")]


@pytest.mark.parametrize(
    "markdown",
    [
        "This website meets WCAG 2.2 AA. It is partially compliant with level AA.",
        "We test against the AA standard and aim for AAA conformance in places.",
        "The report is a PDF (2 MB). The video is 40 MB.",
        "Our quality system is certified to ISO 9001. Buildings follow BS 8300.",
        "Room G12 at WY1 2AB. Pupils in Year 11 and KS2. Part II of the Act.",
    ],
)
def test_conformance_levels_units_and_codes_are_not_acronyms(markdown: str) -> None:
    found = [acronym for _, acronym in kinds(markdown)]
    assert set(found) <= {"WCAG"}, found


def test_wcag_itself_is_an_acronym_to_spell_out() -> None:
    assert kinds("This website meets WCAG 2.2 AA.") == [(UNEXPLAINED, "WCAG")]
    assert run("Web Content Accessibility Guidelines (WCAG) 2.2 AA. WCAG again.") == []


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("To book, call PACA MK on 01632 960 777.", {"PACA", "MK"}),
        ("To book, contact PACT WY.", {"PACT", "WY"}),
        ("Use JAWS, NVDA or VoiceOver.", {"JAWS", "NVDA"}),
    ],
)
def test_english_words_in_capitals_beside_other_capitals_are_part_of_a_name(
    markdown: str, expected: set[str]
) -> None:
    assert {acronym for kind, acronym in kinds(markdown)} == expected


@pytest.mark.parametrize(
    "markdown",
    [
        "PLEASE NOTE: the car park is CLOSED. The club is FREE.",
        "PLEASE DO NOT CALL MK TODAY.",  # a sentence in capitals, not a name
        "DO NOT SEND IT BACK. GO TO IT.",
    ],
)
def test_words_in_capitals_for_emphasis_are_still_not_names(markdown: str) -> None:
    assert kinds(markdown) == []


def test_a_long_place_name_in_capitals_is_not_a_name_of_letters() -> None:
    assert kinds("WYVERNSHIRE COUNCIL") == []
