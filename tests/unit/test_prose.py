"""The prose a reader sees, from literal Markdown: what is kept, what is dropped, which line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendqa_build.core.prose import (
    CODE,
    FRONT_MATTER,
    HEADING,
    MARKDOWN,
    TABLE,
    TEXT,
    PageProse,
    markup_to_text,
    normalise,
    paragraphs,
    prose_lines,
    scan_lines,
    sentences,
    visible_text,
)
from tests.unit import plain_reference as reference


def texts(markdown: str, **kwargs: object) -> list[tuple[int, str, str]]:
    return [(p.line, p.kind, p.text) for p in prose_lines(markdown, **kwargs)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("See [the annual review page](reviews/annual.md) now.", "See the annual review page now."),
        ("Read [our guide][guide].", "Read our guide."),
        ("![A child using a BSL sign](img/sign.png)", "A child using a BSL sign"),
        ("Visit https://www.example.org/EHCP-guide today.", "Visit today."),
        ("Visit <https://example.org/EHCP> or www.wyvernshire.gov.uk/send.", "Visit or."),
        ("Email send@wyvernshire.example.org for help.", "Email for help."),
        ("Fill in the `EHCP_request` form.", "Fill in the form."),
        ("Download ehcp-form.pdf and send it.", "Download and send it."),
        ("This is **very** _important_ and ~~old~~.", "This is very important and old."),
        ("A snake_case_name stays.", "A snake_case_name stays."),
        ("Tom &amp; Jerry&nbsp;here.", "Tom & Jerry here."),
        ("Text <!-- a note for editors --> more.", "Text more."),
        ("A <span class='x'>span</span><br>here.", "A span here."),
        ("Price \\*not\\* emphasis.", "Price *not* emphasis."),
        ("A footnote[^1] here.", "A footnote here."),
        ("Heading text {#custom-id .big}", "Heading text"),
    ],
)
def test_visible_text(markdown: str, expected: str) -> None:
    assert visible_text(markdown) == expected


def test_word_special_characters_are_normalised() -> None:
    word = "Your child\u2019s \u201cEHCP\u201d\u00a0plan \u2011 co\u00adordinator\u200b here"
    assert normalise(word) == 'Your child\'s "EHCP" plan - coordinator here'


def test_front_matter_code_and_comments_are_dropped_with_file_lines() -> None:
    markdown = "\n".join(
        [
            "---",  # 1
            "title: EHCP guide",  # 2
            "---",  # 3
            "# What an EHCP is",  # 4
            "",  # 5
            "First paragraph",  # 6
            "runs on.",  # 7
            "",  # 8
            "```yaml",  # 9
            "code: ABC",  # 10
            "```",  # 11
            "",  # 12
            "    indented CODE block",  # 13
            "",  # 14
            "<!-- a comment",  # 15
            "with HIDDEN words -->",  # 16
            "*[EHCP]: Education, Health and Care plan",  # 17
            "[guide]: https://example.org",  # 18
            "Last line.",  # 19
        ]
    )
    assert texts(markdown) == [
        (4, HEADING, "What an EHCP is"),
        (6, TEXT, "First paragraph"),
        (7, TEXT, "runs on."),
        (19, TEXT, "Last line."),
    ]
    states = {number: state for number, _, state in scan_lines(markdown)}
    assert states[2] == FRONT_MATTER
    assert states[10] == CODE
    assert states[13] == CODE
    assert states[6] == MARKDOWN


def test_body_line_offset_and_no_front_matter() -> None:
    body = "---\n\nText after a rule."
    assert texts(body, first_line=8, front_matter=False) == [(10, TEXT, "Text after a rule.")]


def test_lists_admonitions_and_tabs_are_prose_not_code() -> None:
    markdown = "\n".join(
        [
            "- first item",
            "- second item",
            "",
            "    still the second item",
            "",
            '!!! warning "Before you apply"',
            "    Talk to the school first.",
            "",
            '=== "For parents"',
            "    Parents can ask.",
            "",
            "1. step one",
            "2) step two",
            "> A quote from a parent.",
            "- [x] a done task",
            "Term",
            ":   Its definition.",
        ]
    )
    kinds = texts(markdown)
    assert (4, TEXT, "still the second item") in kinds
    assert (6, HEADING, "Before you apply") in kinds
    assert (7, TEXT, "Talk to the school first.") in kinds
    assert (9, HEADING, "For parents") in kinds
    assert (10, TEXT, "Parents can ask.") in kinds
    assert (12, TEXT, "step one") in kinds
    assert (13, TEXT, "step two") in kinds
    assert (14, TEXT, "A quote from a parent.") in kinds
    assert (15, TEXT, "a done task") in kinds
    assert (17, TEXT, "Its definition.") in kinds


def test_setext_headings_and_rules() -> None:
    markdown = "Main title\n==========\n\nA paragraph.\n\n---\n\nSub title\n---------\n"
    assert texts(markdown, front_matter=False) == [
        (1, HEADING, "Main title"),
        (4, TEXT, "A paragraph."),
        (8, HEADING, "Sub title"),
    ]


def test_tables_keep_cells_without_link_targets_or_emails() -> None:
    markdown = "\n".join(
        [
            "| Team | Contact |",
            "| :--- | ---: |",
            "| [SENDIASS](https://x.org) | send@x.org |",
            "| Portage | 01632 960 123 |",
            "",
            "After the table.",
        ]
    )
    assert texts(markdown) == [
        (1, TABLE, "Team | Contact"),
        (3, TABLE, "SENDIASS"),
        (4, TABLE, "Portage | 01632 960 123"),
        (6, TEXT, "After the table."),
    ]


def test_unclosed_fence_runs_to_the_end() -> None:
    assert texts("Before.\n\n~~~\nNOT PROSE\n") == [(1, TEXT, "Before.")]


def test_sentences_run_over_lines_and_keep_their_start_line() -> None:
    markdown = (
        "First sentence here. Second one starts\nand ends on line 2. Dr. Patel, e.g. Mr. Smith, "
        "helps.\n\n- A list item\n- Another"
    )
    found = [(s.line, s.text, s.words) for s in sentences(prose_lines(markdown))]
    assert found == [
        (1, "First sentence here.", 3),
        (1, "Second one starts and ends on line 2.", 8),
        (2, "Dr. Patel, e.g. Mr. Smith, helps.", 7),
        (4, "A list item", 3),
        (5, "Another", 1),
    ]
    second = sentences(prose_lines(markdown))[1]
    assert second.line_at(second.text.index("ends")) == 2


def test_sentences_by_kind() -> None:
    markdown = "## A heading\n\nA sentence.\n\n| a | b |\n|---|---|\n| c | d |\n"
    assert [s.text for s in sentences(prose_lines(markdown), kinds=(TEXT,))] == ["A sentence."]


# ---------------------------------------------------------------------------------------------
# Quick paths: lines without markup, and a page split into sentences once

MARKUP_LINES = [
    "Plain words only, with a full stop .",
    "See www.example.org/x or WWW.-odd for more",
    "Email help@example.org, call 01632 960000.",
    "Download the form.pdf or visit wyvern.gov.uk today",
    "Time: 9am to 5pm; e.g. Monday",
    "A \\*star\\* and \ue000 private use",
    "Fish &amp; chips &mdash; tasty",
    "x_y and *bold* and ~~gone~~ and ==mark== and ^^ins^^",
    "Curly \u2018quotes\u2019 and\u00a0no-break spaces \u2014 dashes",
    "<b>bold</b> and <!-- note --> and {: .class }",
]


@pytest.mark.parametrize("line", MARKUP_LINES)
def test_quick_path_gives_the_same_visible_text(line: str) -> None:
    assert visible_text(line) == markup_to_text(line)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    ".",
                    ". ",
                    "www",
                    ":",
                    "//",
                    "@",
                    "&",
                    "amp;",
                    "<",
                    ">",
                    "[",
                    "]",
                    "(",
                    ")",
                    "`",
                    "*",
                    "_",
                    "~",
                    "=",
                    "^",
                    "\\",
                    "{",
                    "}",
                    "\ue001",
                    "\u00a0",
                    " ",
                    "a",
                    "B",
                    "pdf",
                    "uk",
                    "gov",
                ]
            ),
            st.text(max_size=5),
        ),
        max_size=25,
    )
)
def test_quick_path_gives_the_same_visible_text_for_any_line(parts: list[str]) -> None:
    line = "".join(parts)
    assert visible_text(line) == markup_to_text(line)


@pytest.mark.parametrize("path", reference.SAMPLE_PAGES, ids=reference.page_id)
def test_page_prose_is_what_each_function_gives(path: Path) -> None:
    body, line = reference.sample_body(path)
    for raw in body.split("\n"):
        assert visible_text(raw) == markup_to_text(raw)
    lines = prose_lines(body, line, front_matter=False)
    prose = PageProse.of(lines)
    assert prose.paragraphs == paragraphs(lines)
    assert prose.sentences == sentences(lines)
    assert prose.text_sentences == sentences(lines, kinds=(TEXT,))


def test_page_prose_when_a_paragraph_becomes_a_heading() -> None:
    """A setext underline turns only the paragraph's last line into a heading line, so the
    paragraph has lines of two kinds: its text sentences are worked out on their own."""
    lines = prose_lines("First line\nsecond line\n----\n\nA paragraph. Two sentences.\n")
    prose = PageProse.of(lines)
    assert prose.text_sentences == sentences(lines, kinds=(TEXT,))
    assert [s.text for s in prose.text_sentences] == [
        "First line",
        "A paragraph.",
        "Two sentences.",
    ]
