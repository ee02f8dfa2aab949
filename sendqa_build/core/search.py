"""Search in families' words: the words a page can be found by that it does not say.

Material's site search matches the start of each word typed ("plan" finds "plans", not the
other way round) and knows no synonyms. So for each piece of text (a search index entry, a
service in the directory) this module finds the words families may type for what it says:

- every other form of each glossary entry it uses (``checks/glossary.yml``: an acronym, its
  expansion, other full forms and spellings; a term and its other forms),
- the everyday words, older names and misspellings ``checks/search-synonyms.yml`` lists for
  words it uses (one way: "statement" finds EHC plan pages, not the other way round),
- other forms of its words used elsewhere on the site (same stem, "plan"/"plans"/"planning", or
  a derived form, "autism"/"autistic", "therapy"/"therapist", "dyslexia"/"dyslexic").

The words go in a field of their own that search reads and never shows, so no page changes.
"""

from __future__ import annotations

import functools
import html
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

import snowballstemmer

from sendqa_build.core.glossary import Glossary, buster_entries
from sendqa_build.pagecache import PageCache, digest
from sendqa_build.rules import RulesError, expect_mapping, load_rules_file

_APOSTROPHES = re.compile(r"['\u2018\u2019`]")
_FOLDED_WORD = re.compile(r"[a-z0-9&]+")
_RAW_WORDS = re.compile(r"[A-Za-z0-9&]+")
_TAG = re.compile(r"<[^>]*>")
_ADDED_WORD = re.compile(r"[^\s,.;:()\[\]\"/]+")
_ACCENTS = re.compile(r"[\u0300-\u036f]")
_MIN_FORM = 4
"""Shorter words get no other forms: 'bus' and 'use' are not 'bu' and 'us'."""
_MIN_BASE = 3
"""A derived form needs this much of the word before its ending ('aut' of 'autism')."""
_MAX_FAMILY = 8
"""A family of word forms larger than this is a stemming accident, not one word's forms."""

_DERIVED = (
    ("ism", ("istic", "ist", "ists")),
    ("ia", ("ic", "ics")),
    ("y", ("ist", "ists")),
    ("sy", ("tic",)),
)
"""Endings that make another form of the same word ("autism" and "autistic", "dyslexia" and
"dyslexic", "therapy" and "therapist", "epilepsy" and "epileptic"). Two words are joined only
when both are used on the site or in the glossary, except for ``_MADE``."""

_MADE = (("ism", "istic"), ("ia", "ic"))
"""Derived forms made even when no page uses them: a family whose pages say only "dyslexia"
may still type "dyslexic". (Only these rare endings: every word ending in 'y' would give a
word ending in 'ist' that nobody types.)"""


def fold(text: str) -> str:
    """Lower case, no accents or apostrophes, every run of other punctuation a space."""
    return " ".join(fold_words(text))


def fold_words(text: str) -> list[str]:
    """The words of ``fold(text)``, found in one pass (no string joined to be split again)."""
    if not text.isascii():
        text = _ACCENTS.sub("", unicodedata.normalize("NFKD", text))
    return _FOLDED_WORD.findall(_APOSTROPHES.sub("", text.lower()))


@functools.lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    """A word without its plural ending, so 'plans' matches 'plan' and 'needs' matches 'need'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _spellings(key: str) -> list[str]:
    """Every word whose ``_key`` is ``key``: 'plan' and 'plans' for 'plan', 'body' and 'bodies'
    for 'body' (so a text's words are looked up as they are, with no key made of each)."""
    return [word for word in (key, key + "s", key[:-1] + "ies") if _key(word) == key]


def _keys(phrase: str) -> tuple[str, ...]:
    return tuple(map(_key, fold_words(phrase)))


def _added_words(form: str) -> tuple[tuple[str, str], ...]:
    """The words ``form`` adds to a text, each with its lower case (to add each word once)."""
    return tuple((word.lower(), word) for word in _ADDED_WORD.findall(form))


def plain_text(markup: str) -> str:
    """The words of a search index entry's HTML (tags dropped, entities read)."""
    return html.unescape(_TAG.sub(" ", markup))


@dataclass(frozen=True)
class Group:
    """Ways of saying one thing: any of them in a text brings in the others."""

    written: tuple[str, ...]
    """Acronyms, matched as written ('EHCP', 'SENCo', or all in capitals), plural allowed."""
    phrases: tuple[str, ...]
    """Words matched whatever the capitals and punctuation, last word's plural allowed."""
    typed: tuple[str, ...] = ()
    """Words families type for it (search-synonyms.yml): added, never looked for."""

    @property
    def forms(self) -> tuple[str, ...]:
        return (*self.written, *self.phrases, *self.typed)


def groups_from(glossary: Glossary, synonyms: Mapping[str, tuple[str, ...]]) -> list[Group]:
    """One group per glossary acronym and term, with the synonyms file's words joined to the
    entry a left-hand side names, or as a group of their own."""
    groups = [Group(entry.written, entry.expansions) for entry in glossary.acronyms]
    groups += [Group((), (term.term, *term.also)) for term in glossary.terms]
    extra: list[Group] = []
    for words, typed in synonyms.items():
        wanted = _keys(words)
        for number, group in enumerate(groups):
            written = {w.upper() for w in group.written}
            if words.upper() in written or any(_keys(p) == wanted for p in group.phrases):
                groups[number] = Group(group.written, group.phrases, (*group.typed, *typed))
                break
        else:
            extra.append(Group((), (words,), typed))
    return groups + extra


def load_synonyms(path: Path) -> dict[str, tuple[str, ...]]:
    """Read ``checks/search-synonyms.yml`` (words our pages use -> what families type).

    Raises:
        RulesError: naming the file and the entry that is wrong.
    """
    top = expect_mapping(load_rules_file(path), path, {"synonyms"})
    result: dict[str, tuple[str, ...]] = {}
    for words, typed in expect_mapping(top.get("synonyms") or {}, path).items():
        if not isinstance(words, str) or not fold(words):
            raise RulesError(
                f"Error reading rules file '{path}': '{words}' under 'synonyms' must be some "
                f"words our pages use"
            )
        items = [typed] if isinstance(typed, str) else typed
        if not isinstance(items, list) or not all(
            isinstance(item, str) and fold(item) for item in items
        ):
            raise RulesError(
                f"Error reading rules file '{path}': 'synonyms.{words}' must be a list of what "
                f"families may type, like [respite, respite care]"
            )
        result[" ".join(words.split())] = tuple(" ".join(item.split()) for item in items)
    return result


class WordForms:
    """The forms of each word used in a body of text, by stem and by derived ending."""

    def __init__(self, texts: Iterable[str]) -> None:
        stemmer = snowballstemmer.stemmer("english")
        used: set[str] = set()
        for text in texts:
            used.update(fold_words(text))
        words = {word for word in used if len(word) >= _MIN_FORM and word.isalpha()}
        words |= {
            word[: -len(ending)] + made
            for word in words
            for ending, made in _MADE
            if word.endswith(ending) and len(word) - len(ending) >= _MIN_BASE
        }
        ordered = sorted(words)
        parent = {word: word for word in ordered}

        def root(word: str) -> str:
            while parent[word] != word:
                parent[word] = parent[parent[word]]
                word = parent[word]
            return word

        def join(a: str, b: str) -> None:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        by_stem: dict[str, str] = {}
        for word, stem in zip(ordered, stemmer.stemWords(ordered), strict=True):
            join(word, by_stem.setdefault(stem, word))
        for word in ordered:
            for ending, others in _DERIVED:
                base = word[: -len(ending)]
                if word.endswith(ending) and len(base) >= _MIN_BASE:
                    for other in others:
                        if base + other in parent:
                            join(word, base + other)
        families: dict[str, list[str]] = {}
        for word in ordered:
            families.setdefault(root(word), []).append(word)
        self._others: dict[str, tuple[str, ...]] = {}
        """Each word's other forms that a search for it cannot find by their start."""
        for family in families.values():
            if 1 < len(family) <= _MAX_FAMILY:
                for word in family:
                    self._others[word] = tuple(o for o in family if not word.startswith(o))

    def fingerprint(self) -> str:
        """A hash of every word's other forms: what a text's forms depend on besides the text
        (all the site's words, so an edit to one page can change another page's forms)."""
        return digest(json.dumps(sorted(self._others.items())))

    def others(self, words: set[str]) -> list[str]:
        """Forms of ``words`` that a search for them cannot find by their start: not in
        ``words`` and not the start of the word they come from."""
        named = chain.from_iterable(
            self._others[word] for word in sorted(words & self._others.keys())
        )
        return [other for other in dict.fromkeys(named) if other not in words]


class SearchWords:
    """What families may type for a text: glossary forms, synonyms and word forms."""

    def __init__(self, groups: Iterable[Group], forms: WordForms | None = None) -> None:
        self.groups = tuple(groups)
        self.forms = forms
        self._by_word: dict[str, list[tuple[str, int]]] = {}
        """Each phrase's groups by each spelling of its first word ('plan', 'plans'), the
        phrase as the keys of its words between spaces (' ehc plan '), found in a text's keys
        the same way."""
        self._written: dict[str, list[int]] = {}
        for number, group in enumerate(self.groups):
            for phrase in group.phrases:
                keys = _keys(phrase)
                if keys:
                    for first in _spellings(keys[0]):
                        self._by_word.setdefault(first, []).append((f" {' '.join(keys)} ", number))
            for written in group.written:
                for variant in {written, written.upper()}:
                    self._written.setdefault(variant, []).append(number)
                    self._written.setdefault(variant + "s", []).append(number)
        self._written_lower = {written.lower() for written in self._written}
        self._forms = [
            [(f" {' '.join(_keys(form))} ", _added_words(form)) for form in group.forms]
            for group in self.groups
        ]
        """Each group's forms: the keys that show a text already says it, and its words."""
        self._short: dict[str, str] = {}
        """Words for short texts (headings such as 'Who it is for' recur on every page)."""

    @classmethod
    def build(
        cls,
        glossary: Glossary,
        synonyms: Mapping[str, tuple[str, ...]],
        site_texts: Iterable[str] = (),
    ) -> SearchWords:
        """From the glossary, the synonyms file (``load_synonyms``) and the texts whose word
        forms count (the site's pages)."""
        groups = groups_from(glossary, synonyms)
        said = (form for group in groups for form in (*group.written, *group.phrases))
        return cls(groups, WordForms([*site_texts, *said]))

    def fingerprint(self) -> str:
        """A hash of everything ``words`` gives depends on besides its text: the groups (the
        glossary and the synonyms file) and the site's word forms (``PageCache``'s stamp)."""
        forms = self.forms.fingerprint() if self.forms is not None else "-"
        return digest(repr(self.groups), forms)

    def _groups_in(self, text: str, words: set[str], said: str) -> list[int]:
        """The groups ``text`` uses: its folded ``words``, and ``said``, the keys of all its
        words in order between spaces."""
        found: set[int] = set()
        # An acronym as written is, in lower case, one of the folded words of a text with no
        # accents: most texts have none of them, and need not be read again as written.
        if not text.isascii() or not self._written_lower.isdisjoint(words):
            raws = set(_RAW_WORDS.findall(_APOSTROPHES.sub("", text)))
            for raw in self._written.keys() & raws:
                found.update(self._written[raw])
        for first in self._by_word.keys() & words:
            for phrase, number in self._by_word[first]:
                if number not in found and phrase in said:
                    found.add(number)
        return sorted(found)

    def words(self, text: str) -> str:
        """The words families may type for ``text`` that it does not say, as one string
        (empty when there are none)."""
        short = len(text) < 100
        if short and text in self._short:
            return self._short[text]
        folded = fold_words(text)
        distinct = set(folded)
        said = f" {' '.join(map(_key, folded))} "
        # Each word once: a word named by two forms ('EHCP' and 'assessment for an EHCP')
        # would otherwise count twice and rank the text above one that says it.
        unique: dict[str, str] = {}
        for number in self._groups_in(text, distinct, said):
            for form_keys, form_words in self._forms[number]:
                if form_keys not in said:
                    for lower, word in form_words:
                        unique.setdefault(lower, word)
        added = list(unique.values())
        if self.forms is not None:  # words in lower case, each once
            added += [word for word in self.forms.others(distinct) if word not in unique]
        result = " ".join(added)
        if short:
            self._short[text] = result
        return result


# ---------------------------------------------------------------------------------------------
# Material's search index (site/search/search_index.json)

TITLE_FIELD = "title_also"
"""Field of the words families may type for an entry's title, weighted like the title."""
TEXT_FIELD = "text_also"
"""Field of the words families may type for an entry's text, weighted like the text."""
SUMMARY_FIELD = "summary"
"""Field of a page's summary (front matter) and its words, weighted ``SUMMARY_WEIGHT`` of a
title: what the whole page is about, in a sentence, counts for more than a word in its text."""
SUMMARY_WEIGHT = 0.1


def add_search_words(
    index: dict[str, Any],
    words: SearchWords,
    about: Mapping[str, str] | None = None,
    summaries: Mapping[str, str] | None = None,
    cache: PageCache | None = None,
) -> int:
    """Give each entry of Material's search index the words families may type for it, in
    fields that search reads and never shows. ``about`` maps a page's address to what the
    page says outside its Markdown (a service's facts in the "At a glance" box), searched as
    the page's own text; ``summaries`` maps it to the page's summary. ``cache`` (stamped with
    ``words.fingerprint()``) gives the words of these entries (one page's) if they are the
    same as in the last build. Returns how many entries gained words."""
    about = about or {}
    summaries = summaries or {}
    config = index.setdefault("config", {})
    fields = config.setdefault("fields", {})
    title_boost = float((fields.get("title") or {}).get("boost", 1000.0))
    text_boost = float((fields.get("text") or {}).get("boost", 1.0))
    fields[TITLE_FIELD] = {"boost": title_boost}
    fields[TEXT_FIELD] = {"boost": text_boost}
    if summaries:
        fields[SUMMARY_FIELD] = {"boost": title_boost * SUMMARY_WEIGHT}
    docs = index.get("docs", [])
    entries = []
    for entry in docs:
        location = str(entry.get("location", ""))
        title, text = str(entry.get("title", "")), str(entry.get("text", ""))
        entries.append((title, text, about.get(location, ""), summaries.get(location, "")))
    if cache is None or not entries:
        added = _entries_words(words, entries)
    else:
        key = digest(*(part for entry in entries for part in entry))
        make = functools.partial(_entries_words, words, entries)
        added = cache.reuse(key, make, _kept_text, _from_kept_text)
        if len(added) != len(entries):  # a file edited by hand: work them out
            added = make()
    gained = 0
    for entry, (*_, page, summary), (summary_words, title_words, text_words) in zip(
        docs, entries, added, strict=True
    ):
        if summary:
            entry[SUMMARY_FIELD] = " ".join(filter(None, [summary, summary_words]))
        if title_words:
            entry[TITLE_FIELD] = title_words
        text_words = " ".join(filter(None, [page, text_words]))
        if text_words:
            entry[TEXT_FIELD] = text_words
        gained += bool(title_words or text_words)
    return gained


def _entries_words(
    words: SearchWords, entries: list[tuple[str, str, str, str]]
) -> list[tuple[str, str, str]]:
    """For each search entry ``(title, text, page, summary)``, with its ``title`` and ``text``
    (HTML) on a page that says ``page`` outside its Markdown and has this ``summary``: the
    words families may type for the summary, the title and the text."""
    return [
        (
            words.words(summary) if summary else "",
            words.words(plain_text(title)),
            words.words(f"{page} {plain_text(text)}"),
        )
        for title, text, page, summary in entries
    ]


def _kept_text(added: list[tuple[str, str, str]]) -> str:
    """``_entries_words``' result as ``PageCache`` keeps it: one text, a line for each string
    (``SearchWords.words`` joins words by spaces, never by line breaks). One text per page,
    not three per entry, so the kept results are a few large blocks of memory, handed back
    whole once let go, not many small objects that would raise the build's peak memory."""
    return "\n".join(part for entry in added for part in entry)


def _from_kept_text(data: Any) -> list[tuple[str, str, str]]:
    """``_entries_words``' result from ``_kept_text``."""
    parts = str(data).split("\n")
    return list(zip(parts[::3], parts[1::3], parts[2::3], strict=False))


def split_jargon_buster(index: dict[str, Any], url: str, glossary: Glossary) -> None:
    """Replace the jargon buster's entries in the index (the page, then one per letter) with
    the page and one entry per glossary entry, linking to its own anchor (``#ehcp``)."""
    docs = index.get("docs", [])
    position = next((n for n, d in enumerate(docs) if d.get("location") == url), None)
    if position is None:
        return
    page = docs[position]
    kept = [
        d
        for d in docs
        if d.get("location") != url and not str(d.get("location", "")).startswith(url + "#")
    ]
    entries = [
        {
            "location": f"{url}#{entry.id}",
            "title": html.escape(entry.heading, quote=False),
            "text": f"<p>{html.escape(entry.text, quote=False)}</p>",
        }
        for entry in buster_entries(glossary)
    ]
    kept[position:position] = [page, *entries]
    index["docs"] = kept
