"""Plain English for one page and for the site (QA statement 1.15): the acronym rule, words to
avoid and readability together, and the per-page results and totals for the QA report.
"""

from __future__ import annotations

import functools
import json
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sendqa_build.core import acronyms as acronym_rule
from sendqa_build.core import readability as readability_rule
from sendqa_build.core.glossary import Glossary, load_glossary
from sendqa_build.core.prose import HEADING, PageProse, Passage, normalise, prose_lines
from sendqa_build.core.readability import (
    Readability,
    ReadabilityRules,
    check_readability,
    load_readability_rules,
    measure,
)
from sendqa_build.core.site import PageRecord
from sendqa_build.core.words import WordRules, check_words, load_word_rules, release_needle_runs
from sendqa_build.models import Finding, Severity
from sendqa_build.pagecache import PageCache, digest
from sendqa_build.rules import file_stamp
from sendqa_build.summaries import PlainEnglishSummary, PlainPage, PlainTotals

WORD = "word"
UNEXPLAINED_KINDS = {
    acronym_rule.UNEXPLAINED,
    acronym_rule.IN_HEADING,
    acronym_rule.UNKNOWN_UNEXPLAINED,
}
UNKNOWN_KINDS = {acronym_rule.UNKNOWN, acronym_rule.UNKNOWN_UNEXPLAINED}
CHECKS = (acronym_rule.CHECK, "words-to-avoid", readability_rule.CHECK)
RULE_FILES = ("glossary.yml", "words-to-avoid.yml", "readability.yml")
"""The files of ``checks/`` the plain-English rules are read from."""


@dataclass(frozen=True)
class PlainEnglishRules:
    """The glossary, the words to avoid and the readability thresholds."""

    glossary: Glossary
    words: WordRules
    readability: ReadabilityRules
    stamp: str = ""
    """A hash of the rule files as read (``cache_fingerprint``)."""

    @classmethod
    def load(cls, rules_dir: Path) -> PlainEnglishRules:
        """Read ``glossary.yml``, ``words-to-avoid.yml`` and ``readability.yml``.

        Raises:
            RulesError: naming the file that is missing or wrong.
        """
        glossary, words, readability = (rules_dir / name for name in RULE_FILES)
        stamps = [file_stamp(glossary)]
        loaded_glossary = load_glossary(glossary)
        stamps.append(file_stamp(words))
        loaded_words = load_word_rules(words)
        stamps.append(file_stamp(readability))
        loaded_readability = load_readability_rules(readability)
        return cls(loaded_glossary, loaded_words, loaded_readability, stamp=digest(*stamps))


@dataclass(frozen=True)
class Levels:
    """How serious each kind of finding is (from the plugin's options)."""

    acronyms: Severity = Severity.WARNING
    words: Severity = Severity.WARNING
    readability: Severity = Severity.INFO


@dataclass
class PageCheck:
    """Everything found on one page."""

    page: str
    readability: Readability
    tagged: list[tuple[str, Finding]] = field(default_factory=list)
    """``(kind, finding)``: the kind says which QA report count a finding goes into."""
    unknown_acronyms: dict[str, Finding | None] = field(default_factory=dict)
    """Each acronym the glossary does not know that the page uses -> the note asking to add it
    to the glossary (None when the page does not spell it out: then it is a warning)."""

    @property
    def findings(self) -> list[Finding]:
        """The findings alone."""
        return [finding for _, finding in self.tagged]

    def to_data(self) -> dict[str, Any]:
        """The results as JSON types, for ``PageCache`` (``from_data`` reads them back)."""
        result = self.readability
        notes = {id(finding): n for n, (_, finding) in enumerate(self.tagged)}
        return {
            "readability": [
                result.words,
                result.sentences,
                result.flesch_reading_ease,
                result.flesch_kincaid_grade,
                result.reading_age,
                result.measured,
            ],
            "tagged": [[kind, finding.to_data()] for kind, finding in self.tagged],
            "unknown": {
                acronym: None if note is None else notes[id(note)]
                for acronym, note in self.unknown_acronyms.items()
            },
        }

    @classmethod
    def from_data(cls, page: str, data: dict[str, Any]) -> PageCheck:
        """The ``PageCheck`` that ``to_data`` wrote."""
        words, sentences, ease, grade, age, measured = data["readability"]
        tagged = [(kind, Finding.from_data(finding)) for kind, finding in data["tagged"]]
        return cls(
            page,
            Readability(words, sentences, ease, grade, age, measured, ()),
            tagged,
            {
                acronym: None if note is None else tagged[note][1]
                for acronym, note in data["unknown"].items()
            },
        )


def check_page(
    page: str,
    body: str,
    body_line: int,
    rules: PlainEnglishRules,
    levels: Levels | None = None,
    title: tuple[str, int] | None = None,
) -> PageCheck:
    """Run every plain-English rule on one page's body.

    Args:
        page: path of the page under the docs folder.
        body: the Markdown after the front matter.
        body_line: file line where the body starts.
        rules: glossary, words to avoid and thresholds.
        levels: severity of each kind of finding.
        title: the front matter title and its file line: readers see it first, as the page's
            heading, in menus and in search results, so its acronyms count as a heading's.
    """
    levels = levels or Levels()
    # One pass: the page is split into lines, paragraphs and sentences once, for every rule.
    prose = PageProse.of(prose_lines(body, body_line, front_matter=False))
    lines = prose.lines
    result = measure(lines, rules.readability, text_sentences=prose.text_sentences)
    # The long sentences become findings below; the page keeps only its figures.
    check = PageCheck(page, replace(result, long_sentences=()))
    passages = list(prose.paragraphs)
    heading = _title_heading(title, passages)
    if heading is not None:
        passages.insert(0, heading)
    for issue in acronym_rule.check_acronyms(
        page, lines, rules.glossary, severity=levels.acronyms, passages=passages
    ):
        check.tagged.append((issue.kind, issue.finding))
        if issue.kind in UNKNOWN_KINDS:
            spelled = issue.kind == acronym_rule.UNKNOWN
            check.unknown_acronyms[issue.acronym] = issue.finding if spelled else None
    for finding in check_words(
        page, lines, rules.words, severity=levels.words, page_sentences=prose.sentences
    ):
        check.tagged.append((WORD, finding))
    check.tagged += check_readability(page, result, rules.readability, severity=levels.readability)
    return check


def title_of(record: PageRecord) -> tuple[str, int] | None:
    """The page's front matter title and its file line, for ``check_page``'s ``title``."""
    title = record.meta.get("title")
    if not isinstance(title, str) or not title.strip():
        return None
    return title, record.result.line_of("title")


def _title_heading(title: tuple[str, int] | None, passages: Sequence[Passage]) -> Passage | None:
    """The title as a heading passage, unless the page's first heading says the same."""
    if title is None or not title[0].strip():
        return None
    text = normalise(title[0])
    first = next((p for p in passages if p.kind == HEADING), None)
    if first is not None and " ".join(first.text.split()).casefold() == text.casefold():
        return None
    return Passage(text, HEADING, ((0, title[1]),))


def check_pages(
    pages: Sequence[tuple[str, str, int]],
    rules: PlainEnglishRules,
    levels: Levels | None = None,
    titles: Mapping[str, tuple[str, int]] | None = None,
    cache: PageCache | None = None,
) -> list[PageCheck]:
    """``check_page`` for each ``(page, body, body_line)``, in one call: the site's pages are
    weighed together (below).

    ``titles`` gives each page's title and its line. A note asking to add an unknown acronym to
    the glossary is kept only when several of these pages use the acronym: one spelled out and
    used on one page only needs nothing more (an editor would rather drop it than grow the
    glossary). ``cache`` (made with ``cache_fingerprint``) gives the results of pages unchanged
    since the last build and keeps the others'; the weighing is always done again.
    """
    titles = titles or {}
    checks = []
    for page, body, line in pages:
        title = titles.get(page)
        make = functools.partial(check_page, page, body, line, rules, levels, title)
        if cache is None:
            checks.append(make())
            continue
        key = digest(page, str(line), json.dumps(title), body)
        read = functools.partial(PageCheck.from_data, page)
        checks.append(cache.reuse(key, make, PageCheck.to_data, read))
    used = Counter(acronym for check in checks for acronym in check.unknown_acronyms)
    for check in checks:
        alone = {
            id(note)
            for acronym, note in check.unknown_acronyms.items()
            if note is not None and used[acronym] == 1
        }
        if alone:
            check.tagged = [(kind, f) for kind, f in check.tagged if id(f) not in alone]
    return checks


def cache_fingerprint(rules: PlainEnglishRules, levels: Levels) -> str:
    """What every page's results depend on besides the page and sendqa's own code: the rule
    files (``PlainEnglishRules.stamp``) and the levels (``PageCache.load``'s fingerprint)."""
    levels_text = f"{levels.acronyms.value} {levels.words.value} {levels.readability.value}"
    return digest(levels_text, rules.stamp)


def release_word_data() -> None:
    """Let go of the pronouncing dictionary and the word caches the checks fill.

    They are needed while pages are checked; a build checks every page at once, early, and
    then renders thousands of pages and writes the search index, so keeping them would only
    raise its peak memory. A later check reads them again (a fraction of a second).
    """
    readability_rule.word_syllables.cache_clear()
    acronym_rule.is_english_word.cache_clear()
    acronym_rule.release_dictionary()
    release_needle_runs()


def page_summary(
    check: PageCheck, findings: Sequence[Finding], rules: ReadabilityRules
) -> PlainPage:
    """The page's line in the QA report.

    Args:
        check: the page's results.
        findings: the same findings as ``check.tagged``, in the same order, after silencing
            (silenced findings do not count).
        rules: readability thresholds (a page passes with at most the allowed long sentences).
    """
    counts: dict[str, int] = {}
    for (kind, _), finding in zip(check.tagged, findings, strict=True):
        if not finding.silenced:
            counts[kind] = counts.get(kind, 0) + 1
    unexplained = sum(counts.get(kind, 0) for kind in UNEXPLAINED_KINDS)
    unknown = sum(counts.get(kind, 0) for kind in UNKNOWN_KINDS)
    long_sentences = counts.get(readability_rule.LONG_SENTENCE, 0)
    result = check.readability
    return PlainPage(
        page=check.page,
        reading_age=result.reading_age,
        flesch_reading_ease=result.flesch_reading_ease,
        flesch_kincaid_grade=result.flesch_kincaid_grade,
        long_sentences=long_sentences,
        unexplained_acronyms=unexplained,
        unknown_acronyms=unknown,
        words_to_avoid=counts.get(WORD, 0),
        passes=unexplained == 0
        and counts.get(WORD, 0) == 0
        and long_sentences <= rules.long_sentences_allowed
        and counts.get(readability_rule.HARD_PAGE, 0) == 0,
        measured=result.measured,
    )


def site_summary(pages: Iterable[PlainPage]) -> PlainEnglishSummary:
    """``self.summary`` of ``sendqa/plain-english``: each page and the totals.

    The median reading age is over pages with enough words to measure.
    """
    rows = tuple(sorted(pages, key=lambda row: row.page))
    ages = [row.reading_age for row in rows if row.measured and row.reading_age]
    return PlainEnglishSummary(
        pages=rows,
        totals=PlainTotals(
            pages=len(rows),
            pages_passing=sum(1 for row in rows if row.passes),
            unexplained_acronyms=sum(row.unexplained_acronyms for row in rows),
            unknown_acronyms=sum(row.unknown_acronyms for row in rows),
            words_to_avoid=sum(row.words_to_avoid for row in rows),
            long_sentences=sum(row.long_sentences for row in rows),
            median_reading_age=round(statistics.median(ages), 1) if ages else None,
        ),
    )
