"""Unlucky and hostile page text: UTF-16, NUL and escape characters, Markdown nested hundreds
deep, deeply nested JSON caches; and ``sendqa check``'s summary on a line of its own."""

from __future__ import annotations

import html as html_module
import json
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from sendqa_build.cli import main
from sendqa_build.core import linkcache, opendata
from sendqa_build.core.nesting import MAX_LEVELS, cap_nesting, guard_nesting, plain_text
from sendqa_build.core.site import decode_source
from sendqa_build.models import Finding, Severity, printable
from sendqa_build.report import data as report_data
from tests.conftest import guide_page, make_project

PAGE = guide_page("Café", "It’s “quoted”.\n")
EXTENSIONS = ["abbr", "attr_list", "admonition", "def_list", "tables", "toc"]


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


# ---------------------------------------------------------------------------------------------
# Encodings and hidden characters


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_with_or_without_bom_is_read_and_named(encoding: str) -> None:
    text, findings = decode_source(PAGE.encode(encoding), "p.md")
    assert text == PAGE
    assert [f.format() for f in findings] == [
        "content/p.md:1: the file is saved as UTF-16 (Word and Notepad call it 'Unicode'), not "
        "UTF-8; open it in your editor and save it again with UTF-8 encoding"
    ]
    assert "1252" not in findings[0].text


def test_utf8_and_windows_1252_are_not_taken_for_utf16() -> None:
    assert decode_source(PAGE.encode("utf-8"), "p.md") == (PAGE, [])
    _, findings = decode_source(PAGE.encode("cp1252"), "p.md")
    assert ["Windows-1252" in f.message for f in findings] == [True]


def test_nul_characters_are_taken_out_with_a_warning() -> None:
    text, findings = decode_source(PAGE.replace("quoted", "quo\x00ted").encode(), "p.md")
    assert text == PAGE
    assert [(f.line, f.message.split(" (")[0]) for f in findings] == [
        (8, "the file contains NUL characters")
    ]


def test_control_characters_are_shown_not_sent_to_the_terminal() -> None:
    finding = Finding(
        "x", "a\x1b[2Jb.md", 3, Severity.WARNING, "found '\x1b[31mred\x07\r'", "fix\x9b1m"
    )
    shown = finding.format()
    assert shown == (
        "content/a<U+001B>[2Jb.md:3: found '<U+001B>[31mred<U+0007><U+000D>'; fix<U+009B>1m"
    )
    assert printable("tab\tstays") == "tab\tstays"
    assert printable("a\nb") == "a<U+000A>b"
    assert printable("a\nb\x1b", lines=True) == "a\nb<U+001B>"  # MkDocs' messages of several lines


# ---------------------------------------------------------------------------------------------
# Markdown nested hundreds deep


def deep_list(levels: int) -> str:
    return "".join("    " * i + "- item\n" for i in range(levels))


@pytest.mark.parametrize(
    "body",
    [deep_list(600), "\t" * 300 + "- x\n", ">" * 1000 + " hi\n", "> " * 1000 + "hi\n"],
    ids=["list-600", "tabs-300", "quote-1000", "quote-spaced-1000"],
)
def test_lists_and_quotes_are_cut_to_the_limit(body: str) -> None:
    capped, first = cap_nesting(body)
    assert first is not None
    html = convert(capped)  # converts without RecursionError
    assert html.count("<ul>") + html.count("<blockquote>") <= MAX_LEVELS + 1
    assert capped.count("\n") == body.count("\n")  # every line keeps its number


def test_usual_nesting_is_left_alone() -> None:
    body = deep_list(MAX_LEVELS) + "> quote\n> > inner\n\n    code\n"
    assert cap_nesting(body) == (body, None)
    assert guard_nesting("p.md", body, 8, convert) == (body, None)


@pytest.mark.parametrize(
    "body",
    ["*" * 5000 + "x" + "*" * 5000 + "\n", "*a " * 3000 + "x" + " b*" * 3000 + "\n"],
    ids=["stars", "nested-emphasis"],
)
def test_emphasis_too_deep_to_convert_becomes_plain_text(body: str) -> None:
    with pytest.raises(RecursionError):
        convert(body)  # what stopped the build
    guarded, finding = guard_nesting("p.md", "Intro.\n\n" + body, 8, convert)
    assert finding is not None and finding.line == 10
    assert "published as plain text" in finding.message
    html = convert(guarded)
    assert "<em>" not in html and "&#42;" in html


@pytest.mark.parametrize(
    "unit",
    ["[a](", "<a ", "[", "![", "[](", "a<b ", "\\\\"],
    ids=["links", "tags", "brackets", "images", "empty-links", "less-than", "backslashes"],
)
def test_a_line_of_unclosed_marks_is_plain_text_without_converting_it(unit: str) -> None:
    """Python-Markdown takes minutes on 100,000 characters of these: the page is published
    as plain text with a warning, and is never converted to find out."""
    line = (unit * (100_000 // len(unit) + 1))[:100_000]

    def never(text: str) -> str:
        raise AssertionError("converted")

    guarded, finding = guard_nesting("p.md", f"Intro.\n\n{line}\n\nAfter.\n", 8, never)
    assert finding is not None and finding.line == 10
    assert finding.severity is Severity.WARNING
    assert "never closed" in finding.message and "published as plain text" in finding.message
    html = convert(guarded)  # as the build converts it (bench/long_lines.py times it)
    assert "<a " not in html and "<img" not in html
    assert html.startswith("<p>Intro.</p>") and "<p>After.</p>" in html
    shown = html_module.unescape(html)
    assert line in shown  # every character shown as written


@pytest.mark.parametrize(
    "text",
    [
        "See [the page](x.md), <b>bold</b> and [another](y.md#top) (or call us). " * 1500,
        "Great service :) thank you! " * 4000,
        "| [a](b.md) | <br> | (c) |\n" * 2000,
        "Ask (in person) or [online](https://example.org/a_(b)). " * 2000,
    ],
    ids=["links-and-tags", "smileys", "table", "parentheses"],
)
def test_long_text_whose_marks_close_is_converted_as_usual(text: str) -> None:
    body = "Intro.\n\n" + text + "\n"
    guarded, finding = guard_nesting("p.md", body, 8, convert)
    assert finding is None and guarded == body


def test_many_short_flooded_paragraphs_add_up() -> None:
    body = "\n\n".join(["[" * 400] * 20) + "\n"
    _, finding = guard_nesting("p.md", "Intro.\n\n" + body, 8, convert)
    assert finding is not None and finding.line == 10


def test_plain_text_shows_every_character() -> None:
    text = "  > **Bold** <b>tag</b> & [link](x.md) `code` 1. _x_ : y | z"
    html = convert(plain_text(text))
    assert "<strong>" not in html and "<a " not in html and "<b>" not in html
    shown = html.replace("&#", "").replace(";", "")
    assert "Bold" in shown and "&lt;b&gt;tag&lt;/b&gt;" in html


# ---------------------------------------------------------------------------------------------
# JSON the build reads back


DEEP_JSON = "[" * 100_000 + "]" * 100_000


def test_deeply_nested_json_caches_are_forgotten_not_a_traceback() -> None:
    assert opendata.IdMap.from_json(DEEP_JSON) is None
    assert opendata.IdMap.from_json(json.dumps({"pages": {"a": DEEP_JSON}})) is None
    assert linkcache.LinkCache.loads(DEEP_JSON).entries == {}
    assert report_data.parse_history(DEEP_JSON) == []


# ---------------------------------------------------------------------------------------------
# sendqa check: the summary line after the last finding, even with both in one log


def test_check_summary_is_a_line_of_its_own(tmp_path: Path) -> None:
    body = "".join(f"We will utilise it {n} times, and there is an EHCP.\n\n" for n in range(300))
    pages = {"index.md": guide_page("Home", "Welcome.\n")}
    pages |= {
        f"p{n}.md": guide_page(f"Page {n}", body + "See [it](\x1b[2Jgone.md).") for n in range(3)
    }
    make_project(tmp_path, pages)
    done = subprocess.run(
        [sys.executable, "-m", "sendqa_build.cli", "check"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={"SENDQA_TODAY": "2026-12-01", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    out = done.stdout.decode("utf-8")
    assert done.returncode == 1 and len(out) > 8192  # more than one pipe buffer
    lines = out.splitlines()
    assert lines[-1].startswith("sendqa: ") and "problems" in lines[-1]
    assert sum("sendqa: " in line for line in lines) == 1
    assert "\x1b" not in out and "<U+001B>[2Jgone.md" in out


def test_due_shows_control_characters_from_titles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    page = guide_page("x", "Text.\n").replace("title: x", 'title: "Old \\e[2J title"')
    page = page.replace("last_reviewed_on: 2026-09-01", "last_reviewed_on: 2024-01-01")
    make_project(tmp_path, {"index.md": guide_page("Home", "Welcome.\n"), "old.md": page})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SENDQA_TODAY", "2026-12-01")
    assert main(["due"]) == 0
    out = capsys.readouterr().out
    assert "(Old <U+001B>[2J title)" in out and "\x1b" not in out
