"""Words to avoid: the GOV.UK list and SEND jargon, each with a plain alternative.

The lists are data (``checks/words-to-avoid.yml``). Context matters for some words ("key
worker" is fine, "key priorities" is not; "agenda" is fine for a meeting), so an entry can name
the phrases that make it fine (``unless``) or only the forms that are a problem (``forms``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sendqa_build.core.prose import ProseLine, sentences
from sendqa_build.models import Finding, Severity
from sendqa_build.rules import RulesError, expect_mapping, load_rules_file

CHECK = "words-to-avoid"
SOURCES = {
    "govuk": "on the GOV.UK list of words to avoid",
    "send": "SEND jargon that many readers do not know",
}
_ENTRY_KEYS = {"avoid", "forms", "unless", "use", "advice", "note", "level"}
_SEP = r"[\s\-]*"


@dataclass(frozen=True)
class AvoidWord:
    """One word or phrase to avoid."""

    avoid: str
    pattern: re.Pattern[str]
    source: str
    use: tuple[str, ...] = ()
    advice: str = ""
    note: str = ""
    unless: tuple[re.Pattern[str], ...] = ()
    severity: Severity | None = None
    keywords: tuple[str, ...] = ()
    """Lower-case text one of which a page must contain to use the word (a quick test before
    the slower pattern; empty when the forms are regular expressions)."""

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


def load_word_rules(path: Path) -> WordRules:
    """Read ``checks/words-to-avoid.yml``.

    Raises:
        RulesError: when the file is missing or malformed.
    """
    return WordRules.from_data(load_rules_file(path), path)


def inflections(word: str) -> list[str]:
    """The usual endings of a single word: ``utilise`` -> utilises, utilised, utilising,
    utilize ... (British and American spellings)."""
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
    return sorted(forms, key=len, reverse=True)


def _phrase(text: str) -> str:
    """A pattern for a phrase: case, spaces and hyphens between words do not matter."""
    if text.startswith("re:"):
        return text[3:]
    words = re.findall(r"[^\s\-]+", text)
    body = _SEP.join(re.escape(w) for w in words)
    start = r"(?<![\w])" if re.match(r"\w", text) else ""
    end = r"(?![\w])" if re.search(r"\w$", text) else ""
    return f"{start}{body}{end}"


def _compile(patterns: Iterable[str], path: Path, where: str) -> re.Pattern[str]:
    joined = "|".join(f"(?:{p})" for p in patterns)
    try:
        return re.compile(joined, re.IGNORECASE)
    except re.error as exc:
        raise RulesError(
            f"Error reading rules file '{path}': '{where}' has a pattern that is not a valid "
            f"regular expression ({exc})"
        ) from exc


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
        _compile([_phrase(u)], path, f"{where}.unless")
        for u in _texts(data.get("unless"), path, f"{where}.unless")
    )
    literal = not any(f.startswith("re:") for f in forms)
    keywords = tuple(sorted({f.lower().split()[0].split("-")[0] for f in forms})) if literal else ()
    return AvoidWord(
        avoid=word,
        keywords=keywords,
        pattern=_compile([_phrase(f) for f in forms], path, f"{where}.forms"),
        source=source,
        use=use,
        advice=" ".join(str(advice).split()),
        note=" ".join(str(data.get("note") or "").split()),
        unless=unless,
        severity=Severity(level) if level else None,
    )


def _excused(word: AvoidWord, sentence: str, start: int, end: int) -> bool:
    """True when an ``unless`` phrase makes this use fine."""
    for pattern in word.unless:
        for match in pattern.finditer(sentence):
            if match.start() < end and start < match.end():
                return True  # "key worker" around "key"
            if not word.pattern.search(match.group(0)):
                return True  # "meeting" somewhere in the sentence of "agenda"
    return False


def check_words(
    page: str,
    lines: Sequence[ProseLine],
    rules: WordRules,
    *,
    severity: Severity = Severity.WARNING,
) -> list[Finding]:
    """Every use of a word to avoid on one page, with the plain alternative.

    Args:
        page: path of the page under the docs folder.
        lines: the page's prose (from ``prose.prose_lines``).
        rules: the words to avoid.
        severity: level of the findings, unless an entry sets its own.
    """
    findings: list[Finding] = []
    page_sentences = sentences(lines)
    whole = "\n".join(sentence.text for sentence in page_sentences)
    lower = whole.lower()
    for word in rules.words:
        if word.keywords and not any(keyword in lower for keyword in word.keywords):
            continue
        if not word.pattern.search(whole):
            continue  # most words are on no page: one search of the page rules them out
        for sentence in page_sentences:
            for match in word.pattern.finditer(sentence.text):
                start, end = match.span()
                if start == end or _excused(word, sentence.text, start, end):
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
    return sorted(findings, key=lambda finding: finding.line or 0)
