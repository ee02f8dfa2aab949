"""Personal data in published comments ("You said, we did", SEND Regulations 2014 reg 56(3)):
the kinds found without a word before them (``my son ...``): given names, dates of birth,
details that together identify a child, street addresses, case and reference numbers and email
addresses written out in words. ``feedback.find_personal_data`` adds the ones found by pattern
alone (email addresses, phone numbers, postcodes, NHS numbers, names after "my son" and titles).

Given names are read from ``checks/forenames.txt`` (beside ``feedback.yml``): the first names
of the Faker package's English-speaking, Pakistani, Indian, Polish and Romanian lists (MIT
licence, written by ``tools/forenames.py``). A council adds its own in ``checks/feedback.yml``
(``given_names``). A name that is also an everyday word
(May, Will, Grace, Hope, Bill, Mark, Summer ...: the Dale-Chall list of familiar words that
textstat ships, and ``names_also_words``) is taken for a name only with more to go on: a
surname after it, or an age or school year ("Will is 6"). A capitalised run that ends in a word
for a place or organisation ("Jack Hunt School", "Rose Hill Nursery", "St Mary's") is not a
person.

Every pattern here reads a comment in time in step with its length (issue 27).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sendqa_build.rules import RulesError

NAME = "a name"
DATE_OF_BIRTH = "a date of birth"
IDENTIFYING = "details that together identify a child"
ADDRESS = "a street address"
REFERENCE = "a case or reference number"
EMAIL = "an email address"

FORENAMES_FILE = "forenames.txt"

KEYS = {
    "given_names",
    "names_also_words",
    "place_words",
    "school_words",
    "street_words",
    "birth_words",
    "date_context_words",
    "reference_words",
    "only_words",
}


@functools.lru_cache(maxsize=8)
def read_forenames(path: Path) -> frozenset[str]:
    """The names of ``checks/forenames.txt`` (one a line, ``#`` starts a comment), lower case;
    none when there is no such file (then names are found only after "my son" and the like).

    Raises:
        RulesError: when the file is there but cannot be read.
    """
    if not path.exists():
        return frozenset()
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(
            f"Error reading rules file '{path}': the list of given names for the personal data "
            f"check cannot be read ({exc.__class__.__name__}); copy checks/{FORENAMES_FILE} "
            "from sendqa"
        ) from exc
    lines = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return frozenset(" ".join(line.split()) for line in lines if line)


@functools.cache
def everyday_words() -> frozenset[str]:
    """The Dale-Chall list of familiar words that textstat ships (about 2,900 words)."""
    text = resources.files("textstat").joinpath("resources/en/easy_words.txt").read_text("utf-8")
    return frozenset(text.split())


def _alternatives(words: Iterable[str]) -> str:
    parts = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in parts) or "(?!)"


# A capitalised word: letters (any alphabet), maybe joined by a hyphen or an apostrophe
# ("Sophie-Mae", "O'Brien"), and a possessive 's.
_CAPITALISED = re.compile(r"(?<![\w'-])[^\W\d_][^\W\d_'-]*(?:[-'][^\W\d_]+)*")
_AFTER_NAME_AGE = re.compile(
    r"(?:\s*,\s*(?:who\s+is|aged?|now)\s+\d{1,2}\b"
    r"|\s+(?:is|was|turned|turns|is\s+now)\s+(?:\d{1,2}\b(?!\s*(?:weeks|months|days|%|am|pm))"
    r"|aged?\b|in\s+(?:year|reception|nursery)\b)"
    r"|\s*\(\s*\d{1,2}\s*\)|\s+aged?\s+\d)",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})(?![\d/-])"
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
)
_WRITTEN_DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?(?:\s+\d{{4}})?"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTHS})\s+\d{{4}}|(?:19|20)\d\d)"
)
_AGE = re.compile(
    r"\b(?:aged?\s+\d{1,2}\b(?!\s*(?:to|-|–|and|or)\s*\d)"  # not "aged 5 to 19"
    r"|\d{1,2}[\s-]*(?:years?|yrs?)[\s-]*old\b|\d{1,2}[\s-]year[\s-]old"
    r"|(?:is|turned|turns|he's|she's|is\s+now)\s+\d{1,2}\b"
    r"(?!\s*(?:weeks|months|days|hours|%|am|pm|:|/))"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen)[\s-]years?[\s-]old\b)",
    re.IGNORECASE,
)
_YEAR_GROUP = re.compile(r"\b(?:year|yr)\s?(?:[1-9]|1[0-3]|r)\b|\bReception\b", re.IGNORECASE)
_NOT_SCHOOL_NAMES = (
    "Our|My|The|His|Her|Their|A|An|This|That|Any|Every|No|Each|Special|Secondary|Primary|"
    "Mainstream|Local|New|Old|Same|Other|Another|Independent|Private"
)
"""Words before a word for a school that do not make it a named school ("Our School")."""
_WRITTEN_EMAIL_TLDS = "com|co|uk|org|net|gov|ac|nhs|sch|info|me|io|biz|ie|eu"


@dataclass(frozen=True)
class PersonalRules:
    """The word lists of ``checks/feedback.yml`` for the kinds found here, compiled."""

    given_names: frozenset[str] = frozenset()
    """``checks/forenames.txt`` and the council's ``given_names``."""
    also_words: frozenset[str] = frozenset()
    place_words: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()
    school: re.Pattern[str] = re.compile("(?!)")
    address: re.Pattern[str] = re.compile("(?!)")
    birth: re.Pattern[str] = re.compile("(?!)")
    date_context: re.Pattern[str] = re.compile("(?!)")
    reference: re.Pattern[str] = re.compile("(?!)")
    only: re.Pattern[str] = re.compile("(?!)")
    written_email: re.Pattern[str] = re.compile("(?!)")

    @classmethod
    def from_data(cls, top: dict[str, Any], path: Path, not_names: frozenset[str]) -> PersonalRules:
        """The lists from the parsed ``checks/feedback.yml`` (already checked to be a mapping).

        Raises:
            RulesError: when a list is not a list of words.
        """

        def words(key: str) -> list[str]:
            value = top.get(key) or []
            if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
                raise RulesError(f"Error reading rules file '{path}': '{key}' must be a list")
            return [" ".join(str(v).split()).lower() for v in value if str(v).strip()]

        schools = _alternatives(w.capitalize() for w in words("school_words"))
        streets = _alternatives(words("street_words"))
        places = words("place_words") + words("school_words") + words("street_words")
        return cls(
            given_names=read_forenames(path.parent / FORENAMES_FILE)
            | frozenset(words("given_names")),
            also_words=frozenset(words("names_also_words")),
            place_words=frozenset(places),
            not_names=not_names,
            school=re.compile(
                # "Stowbridge High School", "Holy Trinity Primary", "St Anne's Infants",
                # "St Mary's": a capitalised name that ends in a word for a school, or a saint's.
                rf"(?<![\w'-])(?!(?:{_NOT_SCHOOL_NAMES})\s)(?:[A-Z][\w'-]*\s+){{1,3}}(?:{schools})\b"
                r"|\b(?:St\.?|Saint)\s+[A-Z][a-z]+(?:'s)?",
            ),
            address=re.compile(
                rf"(?<![\w/.,-])(?:\d{{1,4}}[a-zA-Z]?,?\s+(?:[A-Z][\w'-]*\s+){{1,3}}(?i:{streets})\b"
                r"|(?:Flat|Apartment|Apt)\.?\s+\d{1,4}[a-zA-Z]?\b)",
            ),
            birth=re.compile(
                rf"\b(?:{_alternatives(words('birth_words'))})(?![\w])[\s:,(-]*(?:(?:is|was|on|in)\s+)?"
                rf"(?:{_NUMERIC_DATE.pattern}|{_WRITTEN_DATE})",
                re.IGNORECASE,
            ),
            date_context=re.compile(
                rf"\b(?:{_alternatives(words('date_context_words'))})\W+(?:\w+\W+){{0,2}}$",
                re.IGNORECASE,
            ),
            reference=re.compile(
                r"(?<![\w/-])[A-Z]{2,5}\s?[/-]\s?\d{2,4}(?:\s?[/-]\s?\d{2,6})+(?![\w/-])"
                # "WCC/EHC/31877", "LBX-SEN-20456": groups of capitals, then a long number
                r"|(?<![\w/-])[A-Z]{2,5}(?:\s?[/-]\s?[A-Z]{2,5})+\s?[/-]\s?\d{4,}(?![\w/-])"
                r"|(?<![\w/-])[A-Z]{2,5}(?:[ -]|(?=\d))(?!(?:19|20)\d\d\b)\d{4,}(?![\w/-])"
                rf"|\b(?i:{_alternatives(words('reference_words'))})\b[\s:#.]*(?:is\s+)?"
                r"[A-Z]{0,5}[\s/-]?\d[\d/-]{3,}\d",
            ),
            only=re.compile(
                rf"\bthe\s+only\s+(?:[\w-]+\s+){{0,3}}?(?:{_alternatives(words('only_words'))})\b",
                re.IGNORECASE,
            ),
            written_email=re.compile(
                r"(?<![\w.+-])[\w.+-]+(?:\s+dot\s+[\w-]+){0,4}"
                r"\s*(?:\(at\)|\[at\]|\s+at\s+)\s*"
                r"[\w-]+(?:\s*(?:\.|\(dot\)|\[dot\]|\s+dot\s+)\s*[\w-]+){0,4}?"
                rf"\s*(?:\.|\(dot\)|\[dot\]|\s+dot\s+)\s*(?:{_WRITTEN_EMAIL_TLDS})\b",
                re.IGNORECASE,
            ),
        )

    def is_name(self, word: str) -> bool:
        """A given name of the lists or the council's own."""
        return word in self.given_names

    def is_ambiguous(self, word: str) -> bool:
        """A name that is also an everyday word, or a word listed as never a name alone."""
        return word in self.also_words or word in self.not_names or word in everyday_words()


def find_kinds(text: str, rules: PersonalRules) -> list[str]:
    """The kinds of personal data in one comment found here, in a fixed order."""
    kinds = []
    if _has_name(text, rules):
        kinds.append(NAME)
    if _has_date_of_birth(text, rules):
        kinds.append(DATE_OF_BIRTH)
    if _identifies_a_child(text, rules):
        kinds.append(IDENTIFYING)
    if rules.address.search(text):
        kinds.append(ADDRESS)
    if rules.reference.search(text):
        kinds.append(REFERENCE)
    if rules.written_email.search(text):
        kinds.append(EMAIL)
    return kinds


def _words(text: str) -> list[re.Match[str]]:
    return list(_CAPITALISED.finditer(text))


def _has_name(text: str, rules: PersonalRules) -> bool:
    """A capitalised given name that is not part of the name of a place or organisation."""
    tokens = _words(text)
    for index, token in enumerate(tokens):
        word = token.group(0)
        if not word[0].isupper():
            continue
        base = re.sub(r"'s$", "", word)
        parts = base.split("-") if "-" in base else [base]
        if not any(rules.is_name(part.lower()) for part in parts):
            continue
        previous = tokens[index - 1].group(0) if index else ""
        between = text[tokens[index - 1].end() : token.start()] if index else ""
        if previous in ("St", "Saint") and between.strip() in ("", "."):
            continue  # St Mary's
        if between == " " and _inside_proper_noun(text, tokens, index, rules):
            continue  # "Dedicated Schools Grant", "Parent Carer Forum"
        if _in_place_name(text, tokens, index, rules):
            continue
        ambiguous = all(rules.is_ambiguous(part.lower()) for part in parts)
        if not ambiguous:
            return True
        rest = text[token.end() :]
        if _AFTER_NAME_AGE.match(rest):
            return True  # "Will is 6", "Summer, who is 9"
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if (
            following is not None
            and not word.endswith("'s")
            and text[token.end() : following.start()] == " "
            and _surname(following.group(0), rules)
            and base.lower() not in rules.not_names
        ):
            return True  # "Grace Holloway"
    return False


def _surname(word: str, rules: PersonalRules) -> bool:
    """A capitalised word that may be a surname: not an everyday word ("Little Steps")."""
    lower = word.lower()
    return (
        word[0].isupper()
        and not word.isupper()
        and not _place_word(word, rules)
        and lower not in rules.not_names
        and lower not in everyday_words()
        and lower.removesuffix("s") not in everyday_words()
    )


_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "dear", "hi", "hello", "thanks"})


def _inside_proper_noun(
    text: str, tokens: list[re.Match[str]], index: int, rules: PersonalRules
) -> bool:
    """True when a capitalised word that is not a name, a title or the first of a sentence
    comes just before: the name is the end of another name ("Disabled Facilities Grant")."""
    previous = tokens[index - 1]
    word = previous.group(0)
    if not word[0].isupper() or word.isupper() or word.lower() in _TITLES:
        return False
    if rules.is_name(word.lower().removesuffix("'s")):
        return False  # "Amelia Rose": two names
    before = text[max(0, previous.start() - 8) : previous.start()].rstrip()
    return bool(before) and before[-1] not in ".!?:;\"'("  # not the first word of a sentence


def _in_place_name(
    text: str, tokens: list[re.Match[str]], index: int, rules: PersonalRules
) -> bool:
    """True when the word is one for a place or organisation ("Forum"), or the run of
    capitalised words from it ends in one ("Jack Hunt School", "Rose Hill Nursery")."""
    if _place_word(tokens[index].group(0), rules):
        return True
    for at in range(index + 1, min(index + 5, len(tokens))):
        gap = text[tokens[at - 1].end() : tokens[at].start()]
        if len(gap) > 2 or gap.strip():
            return False  # punctuation or more than a space: the run has ended
        if _place_word(tokens[at].group(0), rules):
            return True
        if not tokens[at].group(0)[0].isupper():
            return False
    return False


def _place_word(word: str, rules: PersonalRules) -> bool:
    lower = word.lower().removesuffix("'s")
    return lower in rules.place_words or lower.removesuffix("s") in rules.place_words


def _has_date_of_birth(text: str, rules: PersonalRules) -> bool:
    """A date after a word for birth, or a full date in figures that is not the date of
    something that happened (after "on", "from", "meeting" ...)."""
    if rules.birth.search(text):
        return True
    for match in _NUMERIC_DATE.finditer(text):
        before = text[max(0, match.start() - 60) : match.start()]
        if not rules.date_context.search(before):
            return True
    return False


def _identifies_a_child(text: str, rules: PersonalRules) -> bool:
    """A named school with an age or a school year, or "the only ... child"."""
    if rules.only.search(text):
        return True
    if not rules.school.search(text):
        return False
    return bool(_AGE.search(text) or _YEAR_GROUP.search(text))
