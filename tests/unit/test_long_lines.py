"""Long pasted lines (issue 27): repeated findings on one line are one finding with a count,
silencing reads each page once, and the one-pass helpers that replaced patterns which read a
long line again for every character of it give the answers the patterns gave.

Their speed is measured by ``python -m bench.long_lines`` (bench/RESULTS.md), never here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendqa_build.core import links, prose
from sendqa_build.core.acronyms import check_acronyms
from sendqa_build.core.glossary import load_glossary
from sendqa_build.core.prose import prose_lines, sentences, without_comments
from sendqa_build.core.silence import apply_silences
from sendqa_build.core.words import check_words, load_word_rules
from sendqa_build.models import Finding, Severity, collapse_repeats
from tests.conftest import ROOT

WORDS = load_word_rules(ROOT / "checks" / "words-to-avoid.yml")
GLOSSARY = load_glossary(ROOT / "checks" / "glossary.yml")


def words(markdown: str) -> list[str]:
    return [f.format() for f in check_words("guide.md", prose_lines(markdown), WORDS)]


def test_a_word_repeated_on_one_line_is_one_finding_with_a_count() -> None:
    assert words("Bring things, e.g. " * 2_000 + "\n") == [
        "content/guide.md:1: 'e.g.' is on the GOV.UK list of words to avoid (2,000 times on "
        "this line); write 'for example', 'such as' or 'like' instead"
    ]


def test_uses_on_different_lines_stay_separate_findings() -> None:
    found = words("Use sport, e.g. swimming.\n\nUse art, e.g. painting.\n")
    assert [f.split(":")[1] for f in found] == ["1", "3"]
    assert all("times on this line" not in f for f in found)


def test_one_use_on_a_line_reads_as_before() -> None:
    assert words("Use sport, e.g. swimming.\n") == [
        "content/guide.md:1: 'e.g.' is on the GOV.UK list of words to avoid; write "
        "'for example', 'such as' or 'like' instead"
    ]


def test_unless_phrases_still_excuse_each_use_on_a_long_line() -> None:
    # "key worker" is fine where "key" alone is a word to avoid; every use is excused.
    line = "Your key worker will call. " * 500
    assert not [f for f in words(line) if "'key'" in f]


def test_collapse_repeats_counts_identical_findings_only() -> None:
    one = Finding("words-to-avoid", "a.md", 3, Severity.WARNING, "'e.g.' is listed", "fix")
    other = Finding("words-to-avoid", "a.md", 4, Severity.WARNING, "'e.g.' is listed", "fix")
    page = Finding("readability", "a.md", None, Severity.INFO, "hard", "")
    result = collapse_repeats([one, other, one, one, page, page])
    assert [(f.line, f.message) for f in result] == [
        (3, "'e.g.' is listed (3 times on this line)"),
        (4, "'e.g.' is listed"),
        (None, "hard (2 times on this page)"),
    ]


def test_an_acronym_used_many_times_on_a_line_is_reported_once() -> None:
    line = "Ask about the EHCP (it is a plan). " * 300
    issues = check_acronyms("guide.md", prose_lines(line), GLOSSARY)
    assert len(issues) == 1 and issues[0].acronym == "EHCP"


def test_a_definition_is_found_wherever_the_acronym_is_on_a_long_line() -> None:
    line = "Words. " * 300 + "An Education, Health and Care Plan (EHCP) helps. The EHCP says."
    assert check_acronyms("guide.md", prose_lines(line), GLOSSARY) == []


def test_silencing_reads_each_page_once() -> None:
    asked: list[str] = []

    def source(page: str) -> tuple[str, int]:
        asked.append(page)
        return ("<!-- sendqa-ignore words -->\nBring things, e.g. this.\n", 1)

    findings = [
        Finding("words-to-avoid", "a.md", 2, Severity.WARNING, f"'x{n}' is listed", "")
        for n in range(1_000)
    ]
    result = apply_silences(findings, source)
    assert asked == ["a.md"]
    assert all(f.silenced for f in result)


def test_sentences_of_a_line_of_dots_and_of_initials() -> None:
    assert [s.text for s in sentences(prose_lines("." * 1_000 + " Next one."))] == [
        "." * 1_000,
        "Next one.",
    ]
    line = "J. " * 300 + "Smith came. Then we left."
    assert [s.text for s in sentences(prose_lines(line))] == [
        "J. " * 299 + "J. Smith came.",
        "Then we left.",
    ]


# ---------------------------------------------------------------------------------------------
# The one-pass helpers against the patterns they replaced

_OLD_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_OLD_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="`a \n", max_size=14))
def test_code_spans_are_found_as_the_pattern_found_them(text: str) -> None:
    assert prose._without_code(text) == _OLD_CODE_SPAN.sub(" ", text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["<!--", "-->", "<!-", "->", "a", "-", "\n"]), max_size=10))
def test_comments_are_removed_as_the_pattern_removed_them(parts: list[str]) -> None:
    text = "".join(parts)
    assert without_comments(text) == _OLD_COMMENT.sub(" ", text)


def test_code_spans_on_literal_lines() -> None:
    assert prose._without_code("Use `mkdocs build` now") == "Use   now"
    assert prose._without_code("``a`") == "` "  # the span starts at the second backtick
    assert prose._without_code("`" * 1_000) == "`" * 1_000  # no span: nothing closes a run


def _old_destinations(text: str) -> list[tuple[int, int, str]]:
    """Each destination followed on its own, as before (the reference for the one pass)."""
    found = []
    opening = text.find("](")
    while opening >= 0:
        i = opening + 2
        opening = text.find("](", i)
        while i < len(text) and text[i] in " \t":
            i += 1
        if i < len(text) and text[i] == "<":
            end = text.find(">", i)
            if end >= 0:
                found.append((i, end + 1, text[i + 1 : end]))
            continue
        depth, j = 0, i
        while j < len(text) and not text[j].isspace():
            if text[j] == "(":
                depth += 1
            elif text[j] == ")":
                if not depth:
                    break
                depth -= 1
            j += 1
        found.append((i, j, text[i:j]))
    return found


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["](", "(", ")", " ", "a", "<", ">", "[", "]", "\t"]), max_size=14))
def test_link_destinations_end_where_they_ended(parts: list[str]) -> None:
    text = "".join(parts)
    assert list(links._destinations(text)) == _old_destinations(text)


def test_link_destinations_on_a_long_line_of_openings() -> None:
    text = "[a](" * 2_000
    found = list(links._destinations(text))
    assert len(found) == 2_000
    assert found[0] == (4, len(text), text[4:])  # never closed: runs to the end of the line


def test_the_benchmark_script_runs_on_short_lines(capsys: pytest.CaptureFixture[str]) -> None:
    """bench/long_lines.py itself (its timings are never judged here)."""
    from bench import long_lines

    assert all(len(shape(1_000)) == 1_000 for _, shape in long_lines.SHAPES.values())
    assert long_lines.main(["--size", "300", "--only", "e.g.", "--only", "names"]) == 0
    out = capsys.readouterr().out
    assert "| e.g. | guide |" in out and "| names | comment |" in out
    assert "3 of 3 shapes under 2 s of CPU time" in out


def test_the_benchmark_writes_its_section_of_the_results(tmp_path: Path) -> None:
    from bench import long_lines, run

    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\n## Targets (issue 10)\n\nrows\n", "utf-8")
    for _ in range(2):  # the second run replaces the first one's section
        long_lines.main(["--size", "200", "--only", "dots", "--results", str(results)])
    text = results.read_text("utf-8")
    assert text.count(long_lines.SECTION) == 1 and "| dots | guide |" in text
    assert text.startswith("# Benchmark results\n\n## Targets (issue 10)\n\nrows\n")
    # bench/run.py writes the rest of the file again and keeps this section as it is.
    assert run.kept_sections(results).lstrip("\n").startswith(long_lines.SECTION)
