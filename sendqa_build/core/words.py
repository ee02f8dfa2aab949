"""Words to avoid: the GOV.UK list, formal and legal English, office jargon and SEND jargon,
each with a plain alternative.

The lists are data (``checks/words-to-avoid.yml``). Context matters for some words ("key
worker" is fine, "key priorities" is not; "agenda" is fine for a meeting), so an entry can name
the phrases that make it fine (``unless``) or only the forms that are a problem (``forms``).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sendqa_build.core.prose import ProseLine, Sentence, sentences
from sendqa_build.models import Finding, Severity, collapse_repeats
from sendqa_build.rules import RulesError, expect_mapping, load_rules_file

# The pattern parser of ``re`` finds the plain text a pattern needs (``_required_text``). It is
# private, so a Python without it only loses that shortcut: every page is then searched in full.
_sre: Any
try:
    from re import _parser as _sre  # type: ignore[attr-defined,no-redef]
except ImportError:  # pragma: no cover - Python before 3.11, or a later one that moved it
    try:
        import sre_parse as _sre
    except ImportError:
        _sre = None

CHECK = "words-to-avoid"
SOURCES = {
    "govuk": "on the GOV.UK list of words to avoid",
    "formal": "formal or legal English that has a plainer everyday word",
    "jargon": "office jargon that many readers do not use",
    "send": "SEND jargon that many readers do not know",
}
_ENTRY_KEYS = {"avoid", "forms", "unless", "use", "advice", "note", "level"}
_SEP = r"[\s\-]*"


@dataclass(frozen=True)
class AvoidWord:
    """One word or phrase to avoid.

    Its patterns are kept as text, and compiled (ignoring case) and read for the quick tests
    when first used: most words are on no page. A pattern with a regular expression written
    in the rules was compiled once already, when the rules were read, to report a mistake in it.
    """

    avoid: str
    forms: tuple[str, ...]
    """The forms that are a problem, as in the rules: phrases, or 're:' regular expressions."""
    regex: str
    """The source of ``pattern``: every form, as alternatives."""
    source: str
    use: tuple[str, ...] = ()
    advice: str = ""
    note: str = ""
    unless_regexes: tuple[str, ...] = ()
    """The source of each of ``unless``."""
    severity: Severity | None = None
    keywords: tuple[str, ...] = ()
    """Lower-case text one of which a page must contain to use the word (a quick test before
    the slower pattern; empty when the forms are regular expressions)."""

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """Finds each use of the word."""
        return re.compile(self.regex, re.IGNORECASE)

    @functools.cached_property
    def unless(self) -> tuple[re.Pattern[str], ...]:
        """Find the phrases that make a use fine."""
        return tuple(re.compile(regex, re.IGNORECASE) for regex in self.unless_regexes)

    @functools.cached_property
    def required(self) -> tuple[str, ...] | None:
        """For each form, text every match of it contains (``_required_text``); None when some
        form has no such text."""
        required = [_required_text(_phrase(f)) for f in self.forms]
        return tuple(required) if all(required) else None

    @functools.cached_property
    def quick(self) -> re.Pattern[str] | None:
        """Finds the ``required`` texts: a page without one of them cannot use the word, and
        plain text is found many times faster than the whole pattern (None without them)."""
        if self.required is None:
            return None
        return re.compile(
            "|".join(map(re.escape, dict.fromkeys(self.required))), self.pattern.flags
        )

    @functools.cached_property
    def quick_texts(self) -> tuple[str, ...]:
        """``quick``'s texts in lower case when they are ASCII (else empty), fewest first."""
        if self.required is None or not all(text.isascii() for text in self.required):
            return ()
        return _fewest(text.lower() for text in self.required)

    @functools.cached_property
    def keyword_needles(self) -> tuple[str, ...]:
        """``keywords`` without those that contain another: a page contains one of the
        keywords exactly when it contains one of these."""
        return _fewest(self.keywords)

    @property
    def fix(self) -> str:
        """What the editor should do, for the message."""
        if self.use:
            quoted = [f"'{u}'" for u in self.use]
            words = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
            return f"write {words} instead"
        return self.advice or "use a plainer word"


@dataclass(frozen=True)
class WordRules:
    """Everything ``checks/words-to-avoid.yml`` says."""

    words: tuple[AvoidWord, ...]

    @functools.cached_property
    def needles(self) -> tuple[str, ...]:
        """Every entry's keyword needles and quick texts, each once: a page is searched for
        each of them once."""
        return tuple(
            dict.fromkeys(n for w in self.words for n in (*w.keyword_needles, *w.quick_texts))
        )

    @functools.cached_property
    def needle_index(self) -> NeedleIndex:
        """``needles`` indexed for finding which of them a page contains."""
        return NeedleIndex(self.needles)

    @classmethod
    def from_data(cls, data: Any, path: Path) -> WordRules:
        """Build the rules from the parsed YAML file.

        Raises:
            RulesError: naming the file and the entry that is wrong.
        """
        top = expect_mapping(data, path, set(SOURCES))
        words = []
        for source, entries in top.items():
            if entries is None:
                continue
            if not isinstance(entries, list):
                raise RulesError(f"Error reading rules file '{path}': '{source}' must be a list")
            for number, entry in enumerate(entries, 1):
                words.append(_entry(entry, source, f"{source}[{number}]", path))
        return cls(tuple(words))


_LETTER_RUN = re.compile(r"[a-z]+")
_LONG_RUN = 64
"""Runs longer than this (no real word is) are searched for each needle instead."""


class NeedleIndex:
    """Which needles a lower-case text contains, for many texts that share their words.

    A needle of the letters a to z alone is in the text exactly when it is in one of the text's
    runs of those letters: an occurrence holds no other character, so no run boundary cuts it.
    A site's pages say the same few thousand words, so what each run holds is worked out once
    (``_in_run``) instead of searching every page for every needle (300 searches a page).
    """

    def __init__(self, needles: Iterable[str]) -> None:
        needles = tuple(needles)
        self.letters = frozenset(n for n in needles if _LETTER_RUN.fullmatch(n))
        self.others = tuple(n for n in needles if n not in self.letters)
        self.lengths = tuple(sorted({len(n) for n in self.letters}))

    def present(self, lower: str) -> set[str]:
        """The needles that ``lower`` contains (``{n for n in needles if n in lower}``)."""
        found = {needle for needle in self.others if needle in lower}
        for run in set(_LETTER_RUN.findall(lower)):
            found.update(_in_run(self, run))
        return found


@functools.lru_cache(maxsize=1 << 14)  # a site uses a few thousand different words
def _in_run(index: NeedleIndex, run: str) -> frozenset[str]:
    """The needles of ``index`` (letters only) inside one run of letters."""
    if len(run) > _LONG_RUN:
        return frozenset(needle for needle in index.letters if needle in run)
    pieces = {
        run[start : start + length]
        for length in index.lengths
        for start in range(len(run) - length + 1)
    }
    return index.letters.intersection(pieces)


def release_needle_runs() -> None:
    """Forget what each run of letters holds (filled while pages are checked)."""
    _in_run.cache_clear()


def load_word_rules(path: Path) -> WordRules:
    """Read ``checks/words-to-avoid.yml``.

    Raises:
        RulesError: when the file is missing or malformed.
    """
    return WordRules.from_data(load_rules_file(path), path)


def inflections(word: str) -> list[str]:
    """The usual endings of a single word: ``utilise`` -> utilises, utilised, utilising,
    utilize ... (British and American spellings), longest first, then in alphabetical order (the
    same order in every process, whatever the hash seed)."""
    forms = {word}
    stems = [word]
    if "ise" in word:
        stems.append(word.replace("ise", "ize"))
    for stem in stems:
        forms.add(stem)
        if stem.endswith("e"):
            forms.update({stem + "s", stem + "d", stem[:-1] + "ing"})
        elif stem.endswith("y") and len(stem) > 2 and stem[-2] not in "aeiou":
            forms.update({stem[:-1] + "ies", stem[:-1] + "ied", stem + "ing"})
        else:
            ending = "es" if stem.endswith(("s", "x", "z", "ch", "sh")) else "s"
            forms.update({stem + ending, stem + "ed", stem + "ing"})
            if len(stem) <= 6 and re.search(r"[^aeiou][aeiou][bdgklmnprt]$", stem):
                forms.update({stem + stem[-1] + "ed", stem + stem[-1] + "ing"})
    return sorted(forms, key=lambda form: (-len(form), form))


def _phrase(text: str) -> str:
    """A pattern for a phrase: case, spaces and hyphens between words do not matter."""
    if text.startswith("re:"):
        return text[3:]
    words = re.findall(r"[^\s\-]+", text)
    body = _SEP.join(re.escape(w) for w in words)
    start = r"(?<![\w])" if re.match(r"\w", text) else ""
    end = r"(?![\w])" if re.search(r"\w$", text) else ""
    return f"{start}{body}{end}"


def _required_text(pattern: str) -> str:
    """The longest run of plain characters that every match of ``pattern`` contains ("" if
    none): ``in[\\s\\-]*order`` -> ``order``, ``\\b(?:will|can)\\s+impact\\b`` -> ``impact``.

    Read from the parsed pattern: characters in sequence at its top level (or in groups there),
    so optional parts, repeats and alternatives end a run.
    """
    runs = [""]

    def walk(items: Any) -> None:
        for op, value in items:
            if op is _sre.LITERAL:
                runs[-1] += chr(value)
            elif op is _sre.SUBPATTERN and not value[1] and not value[2]:  # no flags of its own
                walk(value[3])
            else:
                runs.append("")

    if _sre is None:
        return ""
    try:
        walk(_sre.parse(pattern, re.IGNORECASE))
    except (re.error, AttributeError):  # a form only valid joined with others; another Python
        return ""
    return max(runs, key=len)


def _pattern(texts: Iterable[str], path: Path, where: str) -> str:
    """The pattern for the forms (or one ``unless`` phrase) ``texts``, as alternatives.

    One with a regular expression ('re:') is compiled now, so that a mistake in it stops the
    build when the rules are read; a pattern made only of phrases (escaped words) is always
    valid and is compiled when first used (``AvoidWord.pattern``).

    Raises:
        RulesError: naming the entry whose regular expression is not valid.
    """
    texts = list(texts)
    joined = "|".join(f"(?:{_phrase(text)})" for text in texts)
    if any(text.startswith("re:") for text in texts):
        try:
            re.compile(joined, re.IGNORECASE)
        except re.error as exc:
            raise RulesError(
                f"Error reading rules file '{path}': '{where}' has a pattern that is not a valid "
                f"regular expression ({exc})"
            ) from exc
    return joined


def _texts(value: Any, path: Path, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RulesError(f"Error reading rules file '{path}': '{where}' must be a list of words")
    return tuple(" ".join(v.split()) if not v.startswith("re:") else v for v in value)


def _entry(entry: Any, source: str, where: str, path: Path) -> AvoidWord:
    data = expect_mapping(entry, path, _ENTRY_KEYS)
    avoid = _texts(data.get("avoid"), path, f"{where}.avoid")
    if len(avoid) != 1:
        raise RulesError(
            f"Error reading rules file '{path}': '{where}' needs 'avoid: word or phrase'"
        )
    word = avoid[0]
    forms = _texts(data.get("forms"), path, f"{where}.forms")
    if not forms:
        forms = tuple(inflections(word)) if re.fullmatch(r"[A-Za-z]+", word) else (word,)
    use = _texts(data.get("use"), path, f"{where}.use")
    advice = data.get("advice") or ""
    if not use and not advice:
        raise RulesError(
            f"Error reading rules file '{path}': '{where}' ('{word}') needs 'use' (plain words) "
            f"or 'advice' (what to do)"
        )
    level = data.get("level")
    if level not in (None, "warning", "info"):
        raise RulesError(
            f"Error reading rules file '{path}': '{where}.level' must be 'warning' or 'info'"
        )
    unless = tuple(
        _pattern([u], path, f"{where}.unless")
        for u in _texts(data.get("unless"), path, f"{where}.unless")
    )
    literal = not any(f.startswith("re:") for f in forms)
    keywords = tuple(sorted({f.lower().split()[0].split("-")[0] for f in forms})) if literal else ()
    return AvoidWord(
        avoid=word,
        forms=forms,
        keywords=keywords,
        regex=_pattern(forms, path, f"{where}.forms"),
        source=source,
        use=use,
        advice=" ".join(str(advice).split()),
        note=" ".join(str(data.get("note") or "").split()),
        unless_regexes=unless,
        severity=Severity(level) if level else None,
    )


def _fewest(texts: Iterable[str]) -> tuple[str, ...]:
    """The texts that contain none of the others (shortest first)."""
    kept: list[str] = []
    for text in sorted(set(texts), key=lambda t: (len(t), t)):
        if not any(other in text for other in kept):
            kept.append(text)
    return tuple(kept)


_LETTER = re.compile(r"[a-z]", re.IGNORECASE)


def _plain_letters(text: str) -> bool:
    """True when no character of ``text`` beyond ASCII matches an ASCII letter when case is
    ignored (like the Kelvin sign and 'K', or 'ſ' and 's'). Then a case-blind search for ASCII
    text finds it exactly when the lower-case text contains its lower case."""
    return text.isascii() or not _LETTER.search("".join(c for c in set(text) if c > "\x7f"))


def _excused(word: AvoidWord, sentence: str, start: int, end: int) -> bool:
    """True when an ``unless`` phrase makes this use fine."""
    for pattern in word.unless:
        for match in pattern.finditer(sentence):
            if match.start() < end and start < match.end():
                return True  # "key worker" around "key"
            if not word.pattern.search(match.group(0)):
                return True  # "meeting" somewhere in the sentence of "agenda"
    return False


_QUOTED = re.compile(r"(?<![\w'])'[^']{2,120}?'(?![\w'])|\"[^\"]{2,120}?\"")
_NAME_WORD = re.compile(r"[A-Za-z][\w'-]*")
_NAME_JOINS = {"of", "and", "for", "in", "to", "&"}
"""Small words inside a name ("Code of Practice", "Access to Work"); not 'the' or 'a', which
more often start the words after a verb ("Utilise the Local Offer")."""


def _in_title(sentence: str, start: int, end: int) -> bool:
    """True when the words at ``start:end`` are part of a name the editor cannot change: inside
    quotes ("our 'Transforming Care' report") or a run of capitalised words such as the title
    of a document, team or law ("the Wyvernshire Transformation Programme")."""
    for quoted in _QUOTED.finditer(sentence):
        if quoted.start() < start and end < quoted.end():
            return True
    if not sentence[start : start + 1].isupper():
        return False
    words = list(_NAME_WORD.finditer(sentence))
    inside = [i for i, w in enumerate(words) if w.start() < end and start < w.end()]
    if not inside:
        return False

    def capital_beside(index: int, step: int) -> bool:
        index += step
        while 0 <= index < len(words) and words[index].group(0).lower() in _NAME_JOINS:
            index += step  # "Code of Practice", "Children and Families Act"
        return 0 <= index < len(words) and words[index].group(0)[0].isupper()

    first, last = inside[0], inside[-1]
    before = first > 0 and capital_beside(first, -1) and words[first - 1].group(0)[0].isupper()
    return before or capital_beside(last, 1)


class _Titles:
    """:func:`_in_title` for every use in one sentence, with its quotes and words found once,
    so a long pasted line costs one pass, not one pass per use."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self.quotes = [m.span() for m in _QUOTED.finditer(sentence)]
        self.quote_starts = [start for start, _ in self.quotes]
        self.words = [(m.start(), m.end(), m.group(0)) for m in _NAME_WORD.finditer(sentence)]
        self.word_starts = [start for start, _, _ in self.words]
        self.word_ends = [end for _, end, _ in self.words]

    def covers(self, start: int, end: int) -> bool:
        """Same as ``_in_title(sentence, start, end)``."""
        i = bisect.bisect_left(self.quote_starts, start) - 1  # the last quote opened before
        if i >= 0 and end < self.quotes[i][1]:
            return True
        if not self.sentence[start : start + 1].isupper():
            return False
        first = bisect.bisect_right(self.word_ends, start)  # words overlapping start:end
        last = bisect.bisect_left(self.word_starts, end) - 1
        if first > last:
            return False
        words = self.words

        def capital_beside(index: int, step: int) -> bool:
            index += step
            while 0 <= index < len(words) and words[index][2].lower() in _NAME_JOINS:
                index += step
            return 0 <= index < len(words) and words[index][2][0].isupper()

        before = first > 0 and capital_beside(first, -1) and words[first - 1][2][0].isupper()
        return before or capital_beside(last, 1)


class _Excuses:
    """Where ``unless`` phrases excuse a word in one sentence: :func:`_excused` for every use,
    with the phrases found once per sentence instead of once per use."""

    def __init__(self, word: AvoidWord, sentence: str) -> None:
        spans = []
        self.everywhere = False
        for pattern in word.unless:
            for match in pattern.finditer(sentence):
                if not word.pattern.search(match.group(0)):
                    self.everywhere = True  # "meeting" somewhere in the sentence of "agenda"
                    return
                spans.append(match.span())
        spans.sort()
        self.starts = [start for start, _ in spans]
        self.reach = list(itertools.accumulate((end for _, end in spans), max))
        """The furthest end of the phrases that start at or before each start."""

    def covers(self, start: int, end: int) -> bool:
        """True when a phrase overlaps ``sentence[start:end]`` ("key worker" around "key")."""
        if self.everywhere:
            return True
        before = bisect.bisect_left(self.starts, end)  # the phrases that start before ``end``
        return before > 0 and self.reach[before - 1] > start


def check_words(
    page: str,
    lines: Sequence[ProseLine],
    rules: WordRules,
    *,
    severity: Severity = Severity.WARNING,
    page_sentences: Sequence[Sentence] | None = None,
) -> list[Finding]:
    """Every use of a word to avoid on one page, with the plain alternative.

    Args:
        page: path of the page under the docs folder.
        lines: the page's prose (from ``prose.prose_lines``).
        rules: the words to avoid.
        severity: level of the findings, unless an entry sets its own.
        page_sentences: ``prose.sentences(lines)`` when the caller has them already.
    """
    findings: list[Finding] = []
    if page_sentences is None:
        page_sentences = sentences(lines)
    if not page_sentences:
        return findings
    whole = "\n".join(sentence.text for sentence in page_sentences)
    lower = whole.lower()
    present = rules.needle_index.present(lower)
    plain = _plain_letters(whole)
    aligned = len(lower) == len(whole)  # each character lower-cased to one: same offsets
    starts = list(itertools.accumulate((len(s.text) + 1 for s in page_sentences), initial=0))
    lowers: list[str] | None = None

    def sentences_with(needles: tuple[str, ...]) -> list[Sentence]:
        """The sentences whose lower case contains one of ``needles``."""
        nonlocal lowers
        if "" in needles:  # an entry whose form starts with a hyphen: in every sentence
            return list(page_sentences)
        if aligned and all(needle.isascii() for needle in needles):
            found = set()  # where each needle is on the page, and in which sentence
            for needle in needles:
                at = lower.find(needle)
                while at != -1:
                    number = bisect.bisect_right(starts, at) - 1
                    if at + len(needle) < starts[number + 1]:  # not across the sentence's end
                        found.add(number)
                    at = lower.find(needle, at + 1)
            return [page_sentences[number] for number in sorted(found)]
        if lowers is None:
            lowers = [sentence.text.lower() for sentence in page_sentences]
        return [
            sentence
            for sentence, low in zip(page_sentences, lowers, strict=True)
            if any(needle in low for needle in needles)
        ]

    for word in rules.words:
        if word.keywords and present.isdisjoint(word.keyword_needles):
            continue
        if word.required is not None:
            if plain and word.quick_texts:
                if present.isdisjoint(word.quick_texts):
                    continue
            elif word.quick is not None and not word.quick.search(whole):
                continue
        # Every use contains one of these texts (in lower case, when the page has no letters
        # that match ASCII ones when case is ignored): only the sentences that contain one are
        # searched with the word's pattern, far slower than looking for plain text.
        needles = (word.quick_texts or word.keyword_needles) if plain else ()
        if needles:
            searched: Sequence[Sentence] = sentences_with(needles)
        elif not word.pattern.search(whole):
            continue  # most words are on no page: one search of the page rules them out
        else:
            searched = page_sentences
        for sentence in searched:
            excused = None
            titles = None
            for match in word.pattern.finditer(sentence.text):
                start, end = match.span()
                if start == end:
                    continue
                if excused is None:  # the sentence's 'unless' phrases, found once
                    excused = _Excuses(word, sentence.text)
                if excused.covers(start, end):
                    continue
                if titles is None:
                    titles = _Titles(sentence.text)
                if titles.covers(start, end):
                    continue
                found = " ".join(match.group(0).split())
                note = f" ({word.note})" if word.note else ""
                findings.append(
                    Finding(
                        CHECK,
                        page,
                        sentence.line_at(start),
                        word.severity or severity,
                        f"'{found}'{note} is {SOURCES[word.source]}",
                        word.fix,
                    )
                )
    return sorted(collapse_repeats(findings), key=lambda finding: finding.line or 0)
