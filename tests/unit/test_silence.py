"""Silencing markers on literal pages: which findings they cover, for any check."""

from __future__ import annotations

import pytest

from sendqa_build.core.silence import apply_silences, is_silenced, parse_silences
from sendqa_build.models import Finding, Severity

BODY = "\n".join(
    [
        "Intro line.",  # 10
        "<!-- sendqa-ignore words-to-avoid: the tribunal's own wording -->",  # 11
        "",  # 12
        "We liaise with the tribunal.",  # 13
        "We liaise again.",  # 14
        "Ask the XQZ team. <!-- sendqa-ignore acronyms -->",  # 15
        "<!-- sendqa-ignore-start -->",  # 16
        "Anything here.",  # 17
        "<!-- sendqa-ignore-end -->",  # 18
        "```html",  # 19
        "<!-- sendqa-ignore-page -->",  # 20
        "```",  # 21
        "<!-- sendqa-ignore-page readability -->",  # 22
        "<!-- SENDQA-IGNORE-START acronym, words -->",  # 23
        "To the end of the page.",  # 24
    ]
)


def silenced(check: str, line: int | None) -> bool:
    return is_silenced(parse_silences(BODY, 10), check, line)


@pytest.mark.parametrize(
    ("check", "line", "expected"),
    [
        ("words-to-avoid", 13, True),  # the next line with text
        ("words-to-avoid", 14, False),  # only that line
        ("acronyms", 13, False),  # only the named check
        ("acronyms", 15, True),  # a marker sharing a line with text covers that line
        ("words-to-avoid", 15, False),
        ("acronyms", 17, True),  # start ... end, every check
        ("links", 17, True),
        ("coverage", 18, True),
        ("acronyms", 19, False),
        ("links", None, False),  # a marker inside a code block is an example, not a marker
        ("readability", None, True),  # the whole page
        ("readability", 1, True),
        ("acronyms", 24, True),  # unterminated start: to the end; 'acronym' matches 'acronyms'
        ("words-to-avoid", 24, True),  # 'words' matches 'words-to-avoid'
        ("links", 24, False),
        ("acronyms", 12, False),
    ],
)
def test_markers(check: str, line: int | None, expected: bool) -> None:
    assert silenced(check, line) is expected


def test_end_closes_only_the_named_range() -> None:
    body = "\n".join(
        [
            "<!-- sendqa-ignore-start acronyms -->",
            "<!-- sendqa-ignore-start links -->",
            "a",
            "<!-- sendqa-ignore-end links -->",
            "b",
            "<!-- sendqa-ignore-end -->",
            "c",
        ]
    )
    silences = parse_silences(body)
    assert is_silenced(silences, "links", 3) and not is_silenced(silences, "links", 5)
    assert is_silenced(silences, "acronyms", 5) and not is_silenced(silences, "acronyms", 7)


def test_apply_marks_findings_and_keeps_the_rest() -> None:
    findings = [
        Finding("words-to-avoid", "a.md", 13, Severity.WARNING, "'liaise' is ..."),
        Finding("words-to-avoid", "a.md", 14, Severity.WARNING, "'liaise' is ..."),
        Finding("freshness", "a.md", None, Severity.WARNING, "overdue"),
        Finding("links", None, None, Severity.WARNING, "site-wide"),
        Finding("links", "other.md", 13, Severity.WARNING, "no such page"),
    ]
    pages = {"a.md": (BODY, 10), "other.md": ("Text only.", 5)}
    result = apply_silences(findings, pages.get)
    assert [f.silenced for f in result] == [True, False, False, False, False]
    assert result[0].message == findings[0].message and result[0].line == 13


def test_page_unknown_to_the_index_is_left_alone() -> None:
    finding = Finding("acronyms", "generated.md", 1, Severity.WARNING, "x")
    assert apply_silences([finding], lambda src: None) == [finding]
