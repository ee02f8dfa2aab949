"""The acronym rule: spell an acronym out the first time it is used on each page (GOV.UK).

"Education, Health and Care plan (EHCP)" and "EHCP (Education, Health and Care plan)" both count,
as do the other expansions the glossary lists, whatever the case, hyphens, '&' or curly quotes.
Later uses on the page may be bare. Acronyms in headings are reported (readers scan headings
first). Well-known acronyms (NHS, GP) need nothing. An acronym the glossary does not know is
reported: as a warning when the page does not spell it out, at info level when it does (so it
can be added to the glossary and get a tooltip).

To avoid false alarms, these are not acronyms: single letters, codes with digits (B12, WY1 2AB,
KS2), Roman numerals (Part II), ordinary English words in capitals for emphasis (FREE, NOT), runs
of words in capitals (DO NOT CALL), and anything in code, URLs, link targets or front matter
(prose.py drops those).
"""

from __future__ import annotations

import bisect
import functools
import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sendqa_build.core.glossary import Acronym, Glossary
from sendqa_build.core.pronunciations import pronunciations
from sendqa_build.core.prose import HEADING, Passage, ProseLine, paragraphs
from sendqa_build.models import Finding, Severity

CHECK = "acronyms"

UNEXPLAINED = "unexplained"
"""A known acronym used before it is spelled out on the page."""
IN_HEADING = "heading"
"""An acronym in a heading that does not spell it out."""
UNKNOWN = "unknown"
"""An acronym the glossary does not know, spelled out on the page (info)."""
UNKNOWN_UNEXPLAINED = "unknown-unexplained"
"""An acronym the glossary does not know and the page does not spell out."""

_TOKEN = re.compile(r"(?<![\w&])[A-Za-z][A-Za-z0-9]*(?:&[A-Za-z0-9]+)*(?:'[A-Za-z]{0,2})?(?![\w&])")
_ROMAN = re.compile(r"^(?=[IVXL]+$)(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_CAPS = re.compile(r"^[A-Z][A-Z&]*[A-Z]$")
_MAYBE = re.compile(r"[A-Z].*[A-Z]|&")
_DOT_AFTER = re.compile(r"\.[A-Za-z0-9]")
_DOT_BEFORE = re.compile(r"[A-Za-z0-9]\.")
_NEAR = 500
_SMALL_WORDS = {"and", "of", "the", "for", "in", "on", "to", "with", "a", "an", "or", "at", "by"}
_CONNECTOR = r"(?:(?:also\s+)?(?:known\s+as|called|or|shortened\s+to|for\s+short)\s+)?"
_ARTICLE = r"(?:(?:an?|the|your|their|our)\s+)?"
_MEANS = r"(?:means|stands\s+for|is\s+short\s+for)"


@dataclass(frozen=True)
class Issue:
    """One acronym finding with its kind (for the per-page counts of the QA report)."""

    kind: str
    acronym: str
    finding: Finding


@dataclass(frozen=True)
class _Use:
    """One occurrence of an acronym on the page."""

    acronym: str
    """Canonical name (glossary key, or the token itself when unknown)."""
    written: str
    line: int
    heading: bool
    defined: bool
    """Spelled out right here."""
    known: Acronym | None


# ---------------------------------------------------------------------------------------------
# Ordinary English words (to tell FREE or NOT in capitals from an acronym)


@functools.cache
def _letters() -> dict[str, list[tuple[str, ...]]]:
    """Each letter -> how it is said on its own (from the CMU pronouncing dictionary)."""
    cmu = pronunciations()
    return {letter: [_phones(p) for p in cmu.get(letter)] for letter in string.ascii_lowercase}


def release_dictionary() -> None:
    """Forget the pronouncing dictionary and what was read from it (read again when needed)."""
    _letters.cache_clear()
    pronunciations.cache_clear()


def _phones(text: str) -> tuple[str, ...]:
    return tuple(p.rstrip("012") for p in text.split())


@functools.lru_cache(maxsize=8192)
def is_english_word(token: str) -> bool:
    """True for an ordinary English word (FREE, NOT, URGENT in capitals), False for a word that
    is said letter by letter (ADHD, FBI) or not in the dictionary (CAMHS)."""
    word = token.lower()
    if len(word) < 2 or len(word) > 12 or not word.isalpha():
        return False  # the dictionary's words of letters alone, at most 12 of them
    letters = _letters()
    return any(not _spelled_out(word, _phones(p), letters) for p in pronunciations().get(word))


def _spelled_out(
    word: str, phones: tuple[str, ...], letters: dict[str, list[tuple[str, ...]]]
) -> bool:
    """True when ``phones`` is just the letters of ``word`` said one by one."""
    ends = {0}
    for letter in word:
        options = letters.get(letter, [])
        ends = {end + len(o) for end in ends for o in options if phones[end : end + len(o)] == o}
        if not ends:
            return False
    return len(phones) in ends


# ---------------------------------------------------------------------------------------------
# Matching expansions


_JOINS = r"(?:and[^A-Za-z0-9]{0,3}or|and|or|&|\+)"
"""'and', 'or', 'and/or' and '&' are taken as the same joining word in an expansion."""


def _word_pattern(word: str) -> str:
    """One word of an expansion, singular or plural: 'authority' also matches 'authorities',
    'need' 'needs', and the other way round."""
    lower = word.lower()
    if lower in ("and", "or"):
        return _JOINS
    if len(word) < 3 or not word.isalpha():
        return re.escape(word)
    if lower.endswith("ies"):
        return re.escape(word[:-3]) + "(?:y|ies)"
    if lower.endswith("y") and lower[-2] not in "aeiou":
        return re.escape(word[:-1]) + "(?:y|ies)"
    if lower.endswith("s") and not lower.endswith("ss"):
        return re.escape(word[:-1]) + "(?:s|es)?"
    return re.escape(word) + "(?:s|es)?"


def _words_pattern(text: str) -> str:
    """A pattern for a phrase that ignores case, punctuation, hyphens, plurals and 'and', 'or',
    'and/or' or '&' between words."""
    words = re.findall(r"[A-Za-z0-9]+", text)
    return r"[^A-Za-z0-9]*".join(_word_pattern(word) for word in words)


@functools.lru_cache(maxsize=4096)
def _definition_patterns(written: str, expansions: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Patterns that find ``written`` spelled out, either order; group ``acr`` is the acronym."""
    acr = rf"(?P<acr>{re.escape(written)}(?:s|'s|')?)(?![\w&])"
    expansion = "|".join(
        f"(?:{_words_pattern(e)})" for e in sorted(expansions, key=len, reverse=True)
    )
    expansion = rf"(?<![A-Za-z0-9])(?:{expansion})(?:s|es|'s|s')?(?![A-Za-z0-9])"
    # "Education, Health and Care plan (EHC plan)": words after the expansion may follow the
    # acronym too.
    tail = r"(?P<tail>(?:\s+[A-Za-z]+){0,2}?)"
    forward = rf"{expansion}{tail}[\s,(\[:|–—-]*{_CONNECTOR}{_ARTICLE}(?<![\w&]){acr}(?P=tail)"
    joint = rf"\s*(?:[(\[:,|–—-]|\s{_MEANS}\b)\s*{_ARTICLE}{_CONNECTOR}{_ARTICLE}"
    backward = rf"(?<![\w&]){acr}{joint}{expansion}"
    return (re.compile(forward, re.IGNORECASE), re.compile(backward, re.IGNORECASE))


def _definition_at(
    text: str, start: int, written: str, expansions: tuple[str, ...]
) -> tuple[int, int] | None:
    """The span of the whole definition ("Education, Health and Care plan (EHCP)") when the
    acronym starting at ``start`` is spelled out there, else None."""
    for starts, found in _definitions(text, written, expansions):
        at = bisect.bisect_right(starts, start) - 1  # matches do not overlap: one can hold it
        if at >= 0 and start < found[at][1]:
            return found[at][2]
    return None


@functools.lru_cache(maxsize=256)
def _definitions(
    text: str, written: str, expansions: tuple[str, ...]
) -> tuple[tuple[list[int], list[tuple[int, int, tuple[int, int]]]], ...]:
    """Each pattern's definitions in ``text`` (``(acronym start, acronym end, span)``, and
    their starts): found once per paragraph, not again for every use of the acronym in it."""
    result = []
    for pattern in _definition_patterns(written, expansions):
        found = [
            (*match.span("acr"), match.span())
            for match in pattern.finditer(text)
            if match.group("acr")[: len(written)] == written
        ]
        result.append(([acr_start for acr_start, _, _ in found], found))
    return tuple(result)


def _initials_define(text: str, start: int, end: int, letters: str) -> bool:
    """True when an unknown acronym at ``text[start:end]`` is spelled out around it:
    "Wyvern Autism Support Project (WASP)" or "WASP (Wyvern Autism Support Project)"."""
    # Only the text near the acronym can spell it out: reading the whole paragraph for every
    # acronym in it would take time growing with the square of its length.
    before = text[max(0, start - _NEAR) : start]
    if start > _NEAR:
        before = before.split(" ", 1)[-1]  # not a word cut in two
    before = before.rstrip()
    if before.endswith(("(", "[")):
        words = re.findall(r"[A-Za-z][A-Za-z'-]*", before[:-1])[-(len(letters) + 4) :]
        for first in range(len(words)):
            if _spells(words[first:], letters):
                return True
    after = text[end : end + _NEAR]
    opened = re.match(r"\s*[(\[]\s*([^)\]]+)", after)
    if opened:
        words = re.findall(r"[A-Za-z][A-Za-z'-]*", opened.group(1))
        # Each word that is not a small word gives at least one letter: no more can spell it.
        wanted = len(letters.replace("&", ""))
        for most, word in enumerate(words):
            wanted -= word.lower() not in _SMALL_WORDS
            if wanted < 0:
                words = words[:most]
                break
        for last in range(len(words), 0, -1):
            if _spells(words[:last], letters):
                return True
    return False


def _spells(words: Sequence[str], letters: str) -> bool:
    """Do these words spell out the acronym? Each word must start a letter of it (small words
    like 'and' may be left out; a long word may give several letters, like 'Co-ordinator')."""
    return _spells_once(tuple(words), letters)


@functools.lru_cache(maxsize=4096)
def _spells_once(words: tuple[str, ...], letters: str) -> bool:
    """``_spells``, answered once for the same words: a line that repeats an acronym with the
    same words around it ("EHCP (" pasted thousands of times) asks the same question each time."""
    letters = letters.lower().replace("&", "")
    if len(words) < 2 or not words[0] or words[0][0].lower() != letters[0]:
        return False
    text = [w.lower() for w in words]

    @functools.cache
    def match(word_index: int, letter_index: int) -> bool:
        if letter_index == len(letters):
            return word_index == len(text)
        if word_index == len(text):
            return False
        word = text[word_index]
        if word in _SMALL_WORDS and match(word_index + 1, letter_index):
            return True
        if word[0] != letters[letter_index]:
            return False
        # This word gives its first letter and maybe more letters from inside it, in order.
        position, taken = 1, letter_index + 1
        if match(word_index + 1, taken):
            return True
        while taken < len(letters):
            position = word.find(letters[taken], position)
            if position == -1:
                return False
            position += 1
            taken += 1
            if match(word_index + 1, taken):
                return True
        return False

    return match(0, 0)


# ---------------------------------------------------------------------------------------------
# Finding the acronyms on a page


def _base(token: str) -> tuple[str, bool]:
    """``SENCO's`` -> ``SENCO`` (and whether there was a possessive)."""
    if "'" in token:
        return token.split("'", 1)[0], True
    return token, False


def _candidates(token: str) -> list[str]:
    base, _ = _base(token)
    forms = [base]
    if len(base) > 2 and base.endswith("s") and sum(c.isupper() for c in base[:-1]) >= 2:
        forms.append(base[:-1])  # EHCPs, GPs, SaLTs, SENCos
    return forms


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int


def find_uses(
    lines: Sequence[ProseLine],
    glossary: Glossary,
    is_word: Callable[[str], bool] | None = None,
    *,
    passages: Sequence[Passage] | None = None,
) -> list[_Use]:
    """Every acronym use on the page, in reading order, and whether it is spelled out there.

    ``passages`` are ``prose.paragraphs(lines)`` when the caller has them already.
    """
    is_word = is_word or is_english_word
    by_spelling = glossary.by_spelling
    uses: list[_Use] = []
    for paragraph in paragraphs(lines) if passages is None else passages:
        text, heading = paragraph.text, paragraph.kind == HEADING
        if not _may_have_acronym(text, glossary):
            continue  # most paragraphs: no word with two capitals, no '&', no glossary spelling
        matches = list(_TOKEN.finditer(text))
        words = [match.group(0) for match in matches]
        shouting = _shouting(words, glossary, is_word)
        found = []
        for index, word in enumerate(words):
            if word.islower() and "&" not in word and word.split("'", 1)[0] not in by_spelling:
                continue  # quick: no capitals ('_base' is the part before any "'")
            if not _MAYBE.search(word) and _base(word)[0] not in by_spelling:
                continue  # an ordinary word: fewer than two capitals and not in the glossary
            token = _Token(word, matches[index].start(), matches[index].end())
            use = _classify(token, words, index, text, glossary, is_word, shouting)
            if use is not None:
                found.append((token, use))
        # Acronyms inside the words of another acronym's definition are part of a name the
        # glossary accepts: "SEND Information, Advice and Support Service (SENDIASS)".
        covers = [span for _, (_, _, known, span) in found if span is not None and known]
        for token, (acronym, written, known, span) in found:
            if span is None and any(start <= token.start < end for start, end in covers):
                continue
            line = paragraph.line_at(token.start)
            uses.append(_Use(acronym, written, line, heading, span is not None, known))
    return uses


_TWO_CAPITALS = re.compile(r"[A-Z][A-Za-z0-9&']*[A-Z]")


def _may_have_acronym(text: str, glossary: Glossary) -> bool:
    """False only when no token of ``text`` can pass the test in :func:`find_uses` (two
    capitals, an '&', or a glossary spelling), so the paragraph need not be split into tokens.

    A token is letters, digits, '&' and an apostrophe, so its two capitals are two capitals
    with only such characters between them in the text.
    """
    if "&" in text or _TWO_CAPITALS.search(text):
        return True
    return any(spelling in text for spelling in glossary.plain_spellings)


def _shouting(words: Sequence[str], glossary: Glossary, is_word: Callable[[str], bool]) -> set[int]:
    """Indexes of tokens in a run of two or more words in capitals that includes an ordinary
    word ("PLEASE DO NOT CALL"): emphasis, not acronyms."""
    caps = [
        len(word) > 1
        and "A" <= word[0] <= "Z"  # quick test: the pattern below needs a capital first
        and _CAPS.match(_base(word)[0]) is not None
        and "&" not in word
        for word in words
    ]
    result: set[int] = set()
    if sum(caps) < 2:
        return result
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
                is_word(_base(words[i])[0]) and glossary.lookup(_base(words[i])[0]) is None
                for i in run
            )
            and not _is_name(words, run, glossary, is_word)
        ):
            result.update(run)
        index = end + 1
    return result


def _is_name(
    words: Sequence[str], run: range, glossary: Glossary, is_word: Callable[[str], bool]
) -> bool:
    """True for a short run of words in capitals that holds a word the dictionary and the
    glossary do not know ("PACT WY", "JAWS, NVDA"): a name written in capitals, not emphasis.
    Its English words ("PACT") are part of the name, and as unknown to readers as the rest."""
    if len(run) > 3:
        return False  # "PLEASE DO NOT CALL MK": a sentence in capitals
    for i in run:
        base = _base(words[i])[0]
        if (
            len(base) <= 6  # longer: a place in capitals ("WYVERNSHIRE COUNCIL"), not letters
            and (not is_word(base) or (len(base) == 2 and base.lower() not in _TWO_LETTER_WORDS))
            and glossary.lookup(base) is None
            and base not in glossary.well_known
            and base not in glossary.not_acronyms
            and not _ROMAN.match(base)
        ):
            return True
    return False


def _in_name(
    words: Sequence[str], index: int, glossary: Glossary, is_word: Callable[[str], bool]
) -> bool:
    """True when the word at ``index`` is in capitals beside other words in capitals that make
    a name (see :func:`_is_name`)."""

    def caps(word: str) -> bool:
        base = _base(word)[0]
        return len(base) > 1 and _CAPS.match(base) is not None and "&" not in base

    start = end = index
    while start > 0 and caps(words[start - 1]):
        start -= 1
    while end + 1 < len(words) and caps(words[end + 1]):
        end += 1
    return end > start and _is_name(words, range(start, end + 1), glossary, is_word)


_TWO_LETTER_WORDS = frozenset(
    "am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we".split()  # noqa: SIM905
)
"""The two-letter English words written in capitals (the dictionary has many more, like 'wy',
that are only ever letters in a name: "PACT WY")."""
_CODE_NUMBER = re.compile(r"\s(?!(?:19|20)\d\d\b)\d{3,}\b")
_CONFORMANCE_BEFORE = re.compile(r"(?:\blevel|\bWCAG|\d(?:\.\d+)+)\s*$", re.IGNORECASE)
_CONFORMANCE_AFTER = re.compile(
    r"\s*(?:standard|level|conformance|rating|complian(?:t|ce)|success)\b", re.IGNORECASE
)
_NUMBER_BEFORE = re.compile(r"\d\s?$")


def _is_code(text: str, token: _Token) -> bool:
    """Capitals that are a code, not an acronym to spell out: a WCAG conformance level
    ("WCAG 2.2 AA", "level AA", "the AA standard"), a unit after a number ("2 MB") or the
    letters of a standard's number ("ISO 9001", "BS 8300"; not a year)."""
    if _CODE_NUMBER.match(text, token.end):
        return True
    if token.text in ("A", "AA", "AAA") and (
        _CONFORMANCE_BEFORE.search(text, 0, token.start)
        or _CONFORMANCE_AFTER.match(text, token.end)
    ):
        return True
    return _NUMBER_BEFORE.search(text, max(0, token.start - 2), token.start) is not None


def _classify(
    token: _Token,
    words: Sequence[str],
    index: int,
    text: str,
    glossary: Glossary,
    is_word: Callable[[str], bool],
    shouting: set[int],
) -> tuple[str, str, Acronym | None, tuple[int, int] | None] | None:
    """``(acronym, as written, glossary entry, span of its definition when spelled out here)``,
    or None when the token is not an acronym."""
    if _in_file_or_domain(text, token):
        return None
    previous = words[index - 1] if index else ""
    for form in _candidates(token.text):
        if form in glossary.well_known:
            return None
        known = glossary.by_spelling.get(form)
        if known is None:
            continue
        if index in shouting and is_word(form):
            return None  # "PLEASE SEND IT BACK"
        if _ROMAN.match(form) and previous[:1].isupper() and previous not in glossary.by_spelling:
            return None  # "Henry VI", "Part VI"
        written = form
        longer = _longer_form(text, token, glossary.longer_forms.get(known.acronym, ()))
        if longer is not None:  # "EHC plan": the EHCP
            known, written = longer
        span = _definition_at(text, token.start, form, known.expansions)
        if span is None and _initials_define(text, token.start, token.end, form):
            # "special educational needs or disabilities (SEND)": other words, same initials
            span = (token.start, token.end)
        return known.acronym, written, known, span
    form = _candidates(token.text)[-1]
    if len(form) < 2 or not _CAPS.match(form):
        return None
    if form in glossary.not_acronyms or _base(token.text)[0] in glossary.not_acronyms:
        return None
    if _ROMAN.match(form) or index in shouting:
        return None
    if _is_code(text, token):
        return None
    if _initials_define(text, token.start, token.end, form):
        return form, form, None, (token.start, token.end)
    if is_word(form) and not _in_name(words, index, glossary, is_word):
        return None  # FREE, NOT, URGENT: a word in capitals for emphasis
    return form, form, None, None


def _longer_form(
    text: str, token: _Token, tails: Sequence[tuple[tuple[str, ...], Acronym]]
) -> tuple[Acronym, str] | None:
    """The acronym and its words as written when the words after ``token`` make it a longer
    acronym the glossary knows ("EHC plans" -> the EHCP, written 'EHC plans')."""
    if not tails:
        return None
    after = re.match(r"(?:\s+[A-Za-z]+){1,2}", text[token.end : token.end + 60])
    if after is None:
        return None
    following = [word.lower() for word in after.group(0).split()]
    for words, acronym in tails:
        given = following[: len(words)]
        if len(given) == len(words) and all(
            g == w or g in (w + "s", w + "es") for g, w in zip(given, words, strict=True)
        ):
            end = token.end + len(" ".join(after.group(0).split()[: len(words)])) + 1
            return acronym, " ".join(text[token.start : end].split())
    return None


def _in_file_or_domain(text: str, token: _Token) -> bool:
    """Part of a file name, domain or path left in the text (``EHCP.pdf``, ``NHS.uk``)."""
    before = text[token.start - 2 : token.start] if token.start >= 2 else ""
    after = text[token.end : token.end + 2]
    return bool(_DOT_AFTER.match(after) or _DOT_BEFORE.match(before))


# ---------------------------------------------------------------------------------------------
# The rule


def check_acronyms(
    page: str,
    lines: Sequence[ProseLine],
    glossary: Glossary,
    *,
    severity: Severity = Severity.WARNING,
    is_word: Callable[[str], bool] | None = None,
    passages: Sequence[Passage] | None = None,
) -> list[Issue]:
    """Apply the acronym rule to one page.

    Args:
        page: path of the page under the docs folder.
        lines: the page's prose (from ``prose.prose_lines``).
        glossary: known acronyms, well-known acronyms and words that are not acronyms.
        severity: level of the findings that need fixing (unknown but spelled out: always info).
        is_word: tells ordinary English words from acronyms (default: the CMU dictionary).
        passages: ``prose.paragraphs(lines)`` when the caller has them already.
    """
    uses = find_uses(lines, glossary, is_word, passages=passages)
    defined_at: dict[str, int] = {}
    for use in uses:
        if use.defined and not use.heading:
            defined_at.setdefault(use.acronym, use.line)
    spelled_out: set[str] = set()
    reported: set[str] = set()
    issues: list[Issue] = []
    shorter = glossary.shorter_forms
    parts: set[str] = set()
    """Acronyms explained as part of a longer one ("EHC" by "Education, Health and Care plan
    (EHCP)"): enough for "EHC needs assessment", not for a bare "EHC"."""
    for use in uses:
        if use.heading:
            if use.defined:
                spelled_out.add(use.acronym)
                parts.update(shorter.get(use.acronym, ()))
            else:
                issues.append(_heading(page, use, severity))
            continue
        if use.defined:
            spelled_out.add(use.acronym)
            parts.update(shorter.get(use.acronym, ()))
            if use.known is None and use.acronym not in reported:
                reported.add(use.acronym)
                issues.append(_unknown(page, use, severity, spelled=True))
            continue
        if use.acronym in spelled_out or use.acronym in reported:
            continue
        if " " in use.written:  # "EHC needs assessment" once "EHC" is known from "EHCP"
            short = glossary.lookup(use.written.split()[0])
            if short is not None and (short.acronym in spelled_out or short.acronym in parts):
                continue
        reported.add(use.acronym)
        later = defined_at.get(use.acronym)
        if use.known is None:
            issues.append(_unknown(page, use, severity, spelled=False, later=later))
        else:
            issues.append(_first_use(page, use, severity, later))
    return issues


def _later(use: _Use, later: int | None, same_line: str, other_line: str) -> str:
    """Where the acronym is spelled out after its first use, for the message ("" if nowhere)."""
    if later == use.line:
        return same_line
    return other_line.format(later) if later else ""


def _example(use: _Use) -> str:
    assert use.known is not None
    return f"{use.known.suggestion} ({use.written})"


def _first_use(page: str, use: _Use, severity: Severity, later: int | None) -> Issue:
    where = _later(
        use,
        later,
        " (it is spelled out later on the same line)",
        " (it is spelled out later, on line {})",
    )
    finding = Finding(
        CHECK,
        page,
        use.line,
        severity,
        f"'{use.written}' is used before it is spelled out on this page{where}",
        f"write '{_example(use)}' the first time",
    )
    return Issue(UNEXPLAINED, use.acronym, finding)


def _heading(page: str, use: _Use, severity: Severity) -> Issue:
    words = f"'{use.known.suggestion}'" if use.known else "the words in full"
    finding = Finding(
        CHECK,
        page,
        use.line,
        severity,
        f"'{use.written}' is used in a heading",
        f"write {words} in the heading instead",
    )
    return Issue(IN_HEADING, use.acronym, finding)


def _unknown(
    page: str, use: _Use, severity: Severity, *, spelled: bool, later: int | None = None
) -> Issue:
    if spelled and later is None:
        finding = Finding(
            CHECK,
            page,
            use.line,
            Severity.INFO,
            f"'{use.written}' is not in the glossary",
            "add it to checks/glossary.yml so readers get an explanation when they point at it, "
            "and it is in the jargon buster",
        )
        return Issue(UNKNOWN, use.acronym, finding)
    where = _later(use, later, " until later on the same line", " until line {}")
    finding = Finding(
        CHECK,
        page,
        use.line,
        severity,
        f"'{use.written}' is not in the glossary and is not spelled out on this page{where}",
        f"write the words in full the first time, then the acronym in brackets "
        f"('Words In Full ({use.written})'), and add it to checks/glossary.yml",
    )
    return Issue(UNKNOWN_UNEXPLAINED, use.acronym, finding)
