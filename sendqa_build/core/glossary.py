"""The glossary (``checks/glossary.yml``): acronyms, well-known acronyms and SEND terms.

One source for three things: the acronym check (which expansions count as spelling an acronym
out), the tooltips on every page and the generated jargon buster page.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendqa_build.rules import RulesError, expect_mapping, load_rules_file

_ACRONYM_SHAPE = re.compile(r"^[A-Za-z][A-Za-z0-9&]*[A-Za-z0-9]$")
_ENTRY_KEYS = {"expansion", "also", "spellings", "explanation"}
_TERM_KEYS = {"explanation", "also"}
_WORDS = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class Acronym:
    """An acronym the glossary knows."""

    acronym: str
    """How it is usually written (``EHCP``, ``SENCO``, ``DfE``)."""
    expansion: str
    """The full words, as suggested to editors (``Education, Health and Care plan``)."""
    also: tuple[str, ...] = ()
    """Other full forms that count as spelling it out (``EHC plan``)."""
    spellings: tuple[str, ...] = ()
    """Other ways the acronym itself is written (``SENCo``)."""
    explanation: str = ""
    """Plain words for the jargon buster and tooltips."""

    @property
    def expansions(self) -> tuple[str, ...]:
        """Every full form that counts as spelling the acronym out."""
        return (self.expansion, *self.also)

    @property
    def written(self) -> tuple[str, ...]:
        """Every way the acronym itself may be written."""
        return (self.acronym, *self.spellings)

    @property
    def suggestion(self) -> str:
        """The expansion with a capital first letter, as at the start of a phrase."""
        return self.expansion[:1].upper() + self.expansion[1:]

    @property
    def tooltip(self) -> str:
        """What readers see on hover or focus: the full words, then the explanation."""
        if not self.explanation:
            return self.suggestion
        return f"{self.suggestion}. {self.explanation}"


@dataclass(frozen=True)
class Term:
    """A SEND word or phrase with a plain explanation."""

    term: str
    explanation: str
    also: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """The term, its other forms and their plurals, as written in a sentence or heading."""
        forms: list[str] = []
        for base in (self.term, *self.also):
            plural = base if base.endswith("s") else base + "s"
            for word in (base, plural):
                for variant in (word, word[:1].upper() + word[1:]):
                    if variant not in forms:
                        forms.append(variant)
        return tuple(forms)


@dataclass(frozen=True)
class Glossary:
    """Everything ``checks/glossary.yml`` says."""

    acronyms: tuple[Acronym, ...] = ()
    well_known: frozenset[str] = frozenset()
    not_acronyms: frozenset[str] = frozenset()
    terms: tuple[Term, ...] = ()
    by_spelling: dict[str, Acronym] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not self.by_spelling:
            for entry in self.acronyms:
                for written in entry.written:
                    self.by_spelling.setdefault(written, entry)

    @functools.cached_property
    def plain_spellings(self) -> tuple[str, ...]:
        """Spellings with fewer than two capitals and no '&' (like 'Ofsted'): the acronym rule
        cannot spot a paragraph that uses them by its capitals alone."""
        return tuple(
            written
            for written in self.by_spelling
            if "&" not in written and sum("A" <= c <= "Z" for c in written) < 2
        )

    @functools.cached_property
    def longer_forms(self) -> dict[str, tuple[tuple[tuple[str, ...], Acronym], ...]]:
        """Acronym -> the words that make it another acronym when written after it, with that
        acronym: 'EHC' followed by 'plan' is the EHCP ("Education, Health and Care" + "plan")."""
        found: dict[str, dict[tuple[str, ...], Acronym]] = {}
        for short in self.acronyms:
            for longer in self.acronyms:
                if longer is short:
                    continue
                for small in short.expansions:
                    small_words = _words_of(small)
                    for big in longer.expansions:
                        big_words = _words_of(big)
                        extra = big_words[len(small_words) :]
                        if big_words[: len(small_words)] == small_words and 0 < len(extra) <= 2:
                            found.setdefault(short.acronym, {}).setdefault(extra, longer)
        return {name: tuple(tails.items()) for name, tails in found.items()}

    @functools.cached_property
    def shorter_forms(self) -> dict[str, frozenset[str]]:
        """Acronym -> the acronyms its expansion starts with (EHCP -> EHC): spelling out the
        longer one explains the shorter. Worked out once, not for every page."""
        found: dict[str, set[str]] = {}
        for short, tails in self.longer_forms.items():
            for _, longer in tails:
                found.setdefault(longer.acronym, set()).add(short)
        return {name: frozenset(shorter) for name, shorter in found.items()}

    def lookup(self, token: str) -> Acronym | None:
        """The acronym written as ``token`` (exactly, or all in capitals), if known."""
        return self.by_spelling.get(token) or self.by_spelling.get(token.upper())

    def tooltips(self) -> dict[str, str]:
        """Text -> tooltip for every acronym spelling and term form (for Material's ``abbr``)."""
        tips: dict[str, str] = {}
        for term in self.terms:
            for form in term.forms:
                tips.setdefault(form, term.explanation)
        for entry in self.acronyms:
            for written in entry.written:
                tips[written] = entry.tooltip
                tips.setdefault(written + "s", entry.tooltip)
        return tips

    @classmethod
    def from_data(cls, data: Any, path: Path) -> Glossary:
        """Build the glossary from the parsed YAML file.

        Raises:
            RulesError: naming the file and the entry that is wrong.
        """
        top = expect_mapping(data, path, {"acronyms", "well_known", "not_acronyms", "terms"})
        acronyms = [
            _acronym(name, value, path)
            for name, value in expect_mapping(top.get("acronyms") or {}, path).items()
        ]
        well_known = _names(top.get("well_known"), path, "well_known")
        not_acronyms = _names(top.get("not_acronyms"), path, "not_acronyms")
        seen: dict[str, str] = {}
        for entry in acronyms:
            for written in entry.written:
                if written in seen and seen[written] != entry.acronym:
                    raise RulesError(
                        f"Error reading rules file '{path}': '{written}' is listed under both "
                        f"'{seen[written]}' and '{entry.acronym}'; keep it under one"
                    )
                seen[written] = entry.acronym
                if written in well_known:
                    raise RulesError(
                        f"Error reading rules file '{path}': '{written}' is both an acronym to "
                        f"spell out and in 'well_known'; remove it from one of them"
                    )
        terms = [
            _term(name, value, path)
            for name, value in expect_mapping(top.get("terms") or {}, path).items()
        ]
        return cls(tuple(acronyms), frozenset(well_known), frozenset(not_acronyms), tuple(terms))


def _words_of(text: str) -> tuple[str, ...]:
    return tuple(word.lower() for word in _WORDS.findall(text))


def load_glossary(path: Path) -> Glossary:
    """Read ``checks/glossary.yml``.

    Raises:
        RulesError: when the file is missing or malformed.
    """
    return Glossary.from_data(load_rules_file(path), path)


def _text(value: Any, path: Path, where: str) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise RulesError(f"Error reading rules file '{path}': '{where}' must be some text")
    return " ".join(value.split())


def _texts(value: Any, path: Path, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise RulesError(f"Error reading rules file '{path}': '{where}' must be a list")
    return tuple(_text(item, path, where) for item in value)


def _names(value: Any, path: Path, where: str) -> set[str]:
    return set(_texts(value, path, where))


def _entry(
    value: Any, path: Path, where: str, keys: set[str], main: str, what: str
) -> dict[str, Any]:
    """An entry as a mapping (plain text is short for its ``main`` key), which must have
    ``main``."""
    entry = expect_mapping({main: value} if isinstance(value, str) else value, path, keys)
    if main not in entry:
        raise RulesError(
            f"Error reading rules file '{path}': '{where}' has no '{main}'; add {what}"
        )
    return entry


def _acronym(name: Any, value: Any, path: Path) -> Acronym:
    name = _text(name, path, "acronyms")
    where = f"acronyms.{name}"
    if not _ACRONYM_SHAPE.match(name):
        raise RulesError(
            f"Error reading rules file '{path}': '{name}' under 'acronyms' is not an acronym "
            f"(letters, digits or '&', no spaces or full stops); put phrases under 'terms'"
        )
    entry = _entry(value, path, where, _ENTRY_KEYS, "expansion", "the words the acronym stands for")
    return Acronym(
        acronym=name,
        expansion=_text(entry["expansion"], path, f"{where}.expansion"),
        also=_texts(entry.get("also"), path, f"{where}.also"),
        spellings=_texts(entry.get("spellings"), path, f"{where}.spellings"),
        explanation=_text(entry["explanation"], path, f"{where}.explanation")
        if entry.get("explanation") is not None
        else "",
    )


def _term(name: Any, value: Any, path: Path) -> Term:
    name = _text(name, path, "terms")
    entry = _entry(
        value, path, f"terms.{name}", _TERM_KEYS, "explanation", "one or two plain sentences"
    )
    return Term(
        term=name,
        explanation=_text(entry["explanation"], path, f"terms.{name}.explanation"),
        also=_texts(entry.get("also"), path, f"terms.{name}.also"),
    )


# ---------------------------------------------------------------------------------------------
# The jargon buster page


def anchor(text: str) -> str:
    """A stable, readable id for an entry: ``EHCP`` -> ``ehcp``, ``C&I`` -> ``c-and-i``."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.replace("&", " and ").lower()
    return "-".join(_WORDS.findall(text)) or "entry"


@dataclass(frozen=True)
class BusterEntry:
    """One entry of the jargon buster."""

    heading: str
    text: str
    id: str


def buster_entries(glossary: Glossary) -> list[BusterEntry]:
    """Every acronym and term, alphabetically (ignoring case and punctuation), with unique ids."""
    entries: list[tuple[str, str, str]] = []
    for acronym in glossary.acronyms:
        parts = [f"{acronym.suggestion}."]
        if acronym.explanation:
            parts.append(acronym.explanation)
        if acronym.spellings:
            parts.append("Also written " + _or_list(acronym.spellings) + ".")
        entries.append((acronym.acronym, " ".join(parts), anchor(acronym.acronym)))
    for term in glossary.terms:
        heading = term.term[:1].upper() + term.term[1:]
        entries.append((heading, term.explanation, anchor(term.term)))
    entries.sort(key=lambda e: (anchor(e[0]), e[0]))
    used: set[str] = set()
    result = []
    for heading, text, ident in entries:
        unique, n = ident, 2
        while unique in used:
            unique, n = f"{ident}-{n}", n + 1
        used.add(unique)
        result.append(BusterEntry(heading, text, unique))
    return result


def _or_list(items: Iterable[str]) -> str:
    quoted = [f"'{item}'" for item in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def jargon_buster_markdown(glossary: Glossary, title: str = "Jargon buster") -> str:
    """The Markdown of the generated jargon buster: an A to Z line, then entries by letter.

    Each entry is a definition list item with its own id, so other pages can link to
    ``jargon-buster/#ehcp``.
    """
    entries = buster_entries(glossary)
    letters: dict[str, list[BusterEntry]] = {}
    for entry in entries:
        first = anchor(entry.heading)[:1].upper()
        letters.setdefault(first if first.isalpha() else "#", []).append(entry)
    lines = [
        "---",
        f"title: {_yaml_text(title)}",
        "summary: What the words and abbreviations used on this website mean.",
        "---",
        "",
        f"# {title}",
        "",
        "What the words and abbreviations used on this website mean. On any page, point at or "
        "tab to a word with a dotted line under it to see what it means.",
        "",
        " · ".join(f"[{letter}](#letter-{letter.lower()})" for letter in letters),
        "",
    ]
    for letter, group in letters.items():
        lines += [f"## {letter} {{#letter-{letter.lower()}}}", ""]
        for entry in group:
            lines += [f"{_escape(entry.heading)} {{#{entry.id}}}", f":   {_escape(entry.text)}", ""]
    return "\n".join(lines)


def _escape(text: str) -> str:
    """Escape characters Markdown would read as syntax in glossary text."""
    return re.sub(r"([\\`*_\[\]{}#])", r"\\\1", text).replace("<", "&lt;")


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------------------------------------
# Tooltips on every page (Markdown's ``abbr`` extension, shown by Material's content.tooltips)

_DEFINED = re.compile(r"^ {0,3}\*\[([^\]]+)\]\s*:", re.MULTILINE)
_ABBR_TAG = re.compile(r"<abbr(?P<attrs>\s[^>]*?)?>")
_TITLE = re.compile(r"""\stitle=(?:"([^"]*)"|'([^']*)')""")


_RUN = re.compile(r"[\w&]+")
_WORDISH = re.compile(r"[\w&]")
_ASCII_RUN_BYTES = b"&_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_SPACE_OUT = bytes(b if b in _ASCII_RUN_BYTES else 32 for b in range(256))
"""Every byte but ASCII letters, digits, '_' and '&' -> a space."""


class Tooltips:
    """Text -> tooltip (``Glossary.tooltips()``), indexed so that finding the entries a page
    uses costs one pass over the page instead of one search per entry.

    An entry is used where it stands alone, not inside a longer word: no letter, digit, '_' or
    '&' just before or after it. When it starts and ends with one of those and is ASCII, every
    run of them in it ("SEN", "support") is then a whole run of them on the page, so only the
    entries whose runs are all on the page need looking at closely. Runs are read from the
    page's UTF-8 bytes with everything else as a space, which splits a run only at characters
    beyond ASCII: a run of the page that is ASCII, like the entry's, comes out whole. Only the
    page's runs that are in some entry are kept (no set of every word on the page is built).

    On a page that is all ASCII, an entry of one run (like "EHCP") stands alone exactly when
    it is a whole run of the page, so it needs no search of its own.
    """

    def __init__(self, tips: Mapping[str, str]) -> None:
        self.tips = {text: " ".join(tip.split()) for text, tip in tips.items()}
        self._order = {text: number for number, text in enumerate(self.tips)}
        self._lone: dict[bytes, str] = {}  # entries of one run, by it (the entry is the run)
        self._by_first_run: dict[bytes, list[tuple[str, tuple[bytes, ...]]]] = {}
        self._others: list[str] = []  # entries that start or end otherwise, or are not ASCII
        for text in self.tips:
            runs = _RUN.findall(text)
            if text.isascii() and runs and text.startswith(runs[0]) and text.endswith(runs[-1]):
                encoded = tuple(run.encode() for run in runs)
                if len(encoded) == 1:
                    self._lone[encoded[0]] = text
                else:
                    self._by_first_run.setdefault(encoded[0], []).append((text, encoded))
            else:
                self._others.append(text)
        self._lone_runs = frozenset(self._lone)
        self._first_runs = frozenset(self._by_first_run)
        self._known_runs = self._lone_runs.union(
            run for entries in self._by_first_run.values() for _, runs in entries for run in runs
        )

    def __bool__(self) -> bool:
        return bool(self.tips)

    def entries(self, markdown: str) -> dict[str, str]:
        """The entries ``markdown`` uses, with their tooltips, in the glossary's order. Entries
        the page explains itself (``*[EHCP]: our own words``) are left to the page."""
        runs = self._known_runs.intersection(
            markdown.encode("utf-8", "replace").translate(_SPACE_OUT).split()
        )
        used = [self._lone[run] for run in runs.intersection(self._lone_runs)]
        if not markdown.isascii():
            used = [text for text in used if stands_alone(text, markdown)]
        for run in runs.intersection(self._first_runs):
            for text, needed in self._by_first_run[run]:
                if runs.issuperset(needed) and stands_alone(text, markdown):
                    used.append(text)
        used += [text for text in self._others if stands_alone(text, markdown)]
        if "*[" in markdown:
            own = {m.group(1).strip() for m in _DEFINED.finditer(markdown)}
            used = [text for text in used if text not in own]
        used.sort(key=self._order.__getitem__)
        return {text: self.tips[text] for text in used}


def stands_alone(text: str, markdown: str) -> bool:
    """True when ``text`` is in ``markdown`` with no letter, digit, '_' or '&' just before or
    after it (``re.search(rf"(?<![\\w&]){re.escape(text)}(?![\\w&])", markdown)``)."""
    start = markdown.find(text)
    while start != -1:
        end = start + len(text)
        if (start == 0 or not _WORDISH.match(markdown, start - 1)) and not _WORDISH.match(
            markdown, end
        ):
            return True
        start = markdown.find(text, start + 1)
    return False


def focusable_abbreviations(html: str) -> str:
    """Let keyboard users reach each explanation: the first ``<abbr>`` of each meaning on the
    page can take focus (Material shows its tooltip on focus as well as on hover). Only the
    first, so a page with thirty uses of 'SEND' does not gain thirty tab stops."""
    seen: set[str] = set()

    def focus(match: re.Match[str]) -> str:
        attrs = match.group("attrs") or ""
        title = _TITLE.search(attrs)
        key = (title.group(1) or title.group(2) or "") if title else ""
        if not title or key in seen or "tabindex" in attrs:
            return match.group(0)
        seen.add(key)
        return f'<abbr tabindex="0"{attrs}>'

    return _ABBR_TAG.sub(focus, html)
