"""The requirement catalogue (``checks/requirements.yml``): what the law asks a Local Offer to
contain, one id per item, with its legal basis, the QA statements it is evidence for and what a
page covering it must contain.

The catalogue is data a council's web team edits, so every mistake in it (a typo in a key, a
duplicate id, a broken regular expression) stops the build with one message naming the file and
the problem, rather than silently checking less.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendqa_build.rules import RulesError, expect_mapping, load_rules_file

LEVELS = ("must", "should")
SCOPES = ("every-page", "any-page")
AREA_PLACEHOLDER = "{area}"
"""Written in a pattern, stands for the council's area name (``extra.council.area``)."""

_TOP_KEYS = {"requirements", "decision_words", "not_decision_phrases", "answers"}
_REQUIREMENT_KEYS = {
    "id",
    "title",
    "level",
    "basis",
    "statements",
    "also_covered_by",
    "must_contain",
}
_ITEM_KEYS = {"name", "terms", "headings", "scope", "answer", "also"}
_ANSWER_KEYS = {"sentences", "headings", "title"}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_STATEMENT = re.compile(r"^\d+\.\d+$")
Patterns = tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Answer:
    """A kind of answer an item asks for (``answers:``): what a sentence or a heading that
    answers it looks like ("how": an instruction such as "Phone us on ..." or "You can apply
    online"; "time-limit": "within 6 weeks of ..."). Regular expressions."""

    name: str
    sentences: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    title: bool = False
    """The page title may give a sentence's topic (a "Contact us" section's phone number on a
    page titled "Speech and language therapy" says how to get therapy), when nothing better
    on the page answers."""


@dataclass(frozen=True)
class CompiledRule:
    """A content rule's patterns, compiled for one council area."""

    terms: Patterns
    headings: Patterns
    also: Patterns
    answer_sentences: Patterns
    answer_headings: Patterns


@dataclass(frozen=True)
class ContentRule:
    """One thing a page covering a requirement must contain (``must_contain`` item)."""

    name: str
    """What is missing, in the words an editor reads ("mediation")."""
    terms: tuple[str, ...] = ()
    """Regular expressions searched for in the page's whole text."""
    headings: tuple[str, ...] = ()
    """Regular expressions matched against the page's headings only."""
    scope: str = "every-page"
    """``every-page``: each claiming page needs it; ``any-page``: one covering page is enough."""
    answer: Answer | None = None
    """The kind of answer the item needs (a how-to, a time limit...); None: a sentence or a
    heading with text under it that names the topic (``terms``) is enough."""
    also: tuple[str, ...] = ()
    """Regular expressions of which one must also be in the sentence or in its headings."""

    def compiled(self, area: str | None = None) -> CompiledRule:
        """The patterns, with ``{area}`` replaced by the council's area name.

        Patterns that use ``{area}`` are left out when the area is not configured.
        """
        answer = self.answer or Answer("")
        return CompiledRule(
            _compile_all(self.terms, area),
            _compile_all(self.headings, area),
            _compile_all(self.also, area),
            _compile_all(answer.sentences, area),
            _compile_all(answer.headings, area),
        )


@dataclass(frozen=True)
class Requirement:
    """One item a Local Offer must (duty) or should (guidance) contain."""

    id: str
    title: str
    basis: str = ""
    duty: bool = True
    statements: tuple[str, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    must_contain: tuple[ContentRule, ...] = ()
    also_covered_by: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Front matter values that make a page count as covering this without ``covers``: every
    field must match one of its values (``{"type": ("service",), "area": ("outside",)}``)."""

    @property
    def level(self) -> str:
        """``must`` (a duty) or ``should`` (statutory guidance)."""
        return "must" if self.duty else "should"

    def covered_implicitly_by(self, meta: Mapping[str, Any]) -> bool:
        """True when a page's front matter alone makes it count as covering this requirement."""
        if not self.also_covered_by:
            return False
        return all(str(meta.get(key)) in values for key, values in self.also_covered_by.items())


@dataclass(frozen=True)
class Catalogue:
    """All requirements, in file order, and the words that mean a service needs a decision."""

    requirements: tuple[Requirement, ...]
    decision_words: tuple[str, ...] = ()
    """Regular expressions: a service whose eligibility or how_to_access matches one needs
    someone to decide who gets it (so it should say who, in ``decided_by``)."""
    not_decision_phrases: tuple[str, ...] = ()
    """Regular expressions for phrases that say no decision is needed ("no referral is
    needed"); removed before the decision words are looked for."""
    answers: Mapping[str, Answer] = field(default_factory=dict)
    """The kinds of answer items may ask for, by name."""

    @property
    def ids(self) -> frozenset[str]:
        """Every requirement id."""
        return frozenset(r.id for r in self.requirements)

    def get(self, req_id: str) -> Requirement | None:
        """The requirement with this id, if any."""
        return next((r for r in self.requirements if r.id == req_id), None)


def _compile(pattern: str, area: str | None) -> re.Pattern[str] | None:
    if AREA_PLACEHOLDER in pattern:
        if not area:
            return None
        pattern = pattern.replace(AREA_PLACEHOLDER, re.escape(area.lower()))
    return re.compile(pattern, re.IGNORECASE)


@functools.lru_cache(maxsize=1024)
def _compile_all(patterns: tuple[str, ...], area: str | None) -> Patterns:
    """Compiled once, however many pages are checked."""
    compiled = (_compile(p, area) for p in patterns)
    return tuple(p for p in compiled if p is not None)


def _error(path: Path, where: str, problem: str) -> RulesError:
    return RulesError(f"Error reading rules file '{path}': {where}{problem}")


def _patterns(value: Any, path: Path, where: str, key: str) -> tuple[str, ...]:
    """A list of valid regular expressions (a single string is accepted as a list of one)."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(p, str) and p for p in items):
        raise _error(path, where, f"'{key}' must be a list of regular expressions")
    for pattern in items:
        try:
            re.compile(pattern.replace(AREA_PLACEHOLDER, "area"), re.IGNORECASE)
        except re.error as exc:
            raise _error(
                path, where, f"'{pattern}' in '{key}' is not a valid regular expression ({exc})"
            ) from exc
    return tuple(items)


def _answers(data: Any, path: Path) -> dict[str, Answer]:
    """The ``answers:`` section: each kind with the sentence and heading patterns that answer it."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise _error(path, "", "'answers' must be kinds of answer, each with 'sentences'")
    result = {}
    for name, body in data.items():
        where = f"answer '{name}': "
        body = _known_keys(body, path, where, _ANSWER_KEYS, "an answer")
        sentences = _patterns(body.get("sentences"), path, where, "sentences")
        headings = _patterns(body.get("headings"), path, where, "headings")
        if not sentences and not headings:
            raise _error(path, where, "give 'sentences' or 'headings' (or both)")
        title = body.get("title", False)
        if not isinstance(title, bool):
            raise _error(path, where, "'title' must be true or false")
        result[str(name)] = Answer(str(name), sentences, headings, title)
    return result


def _content_rule(
    data: Any, path: Path, where: str, answers: Mapping[str, Answer] | None = None
) -> ContentRule:
    body = _known_keys(data, path, where, _ITEM_KEYS, "a 'must_contain' item")
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _error(path, where, "a 'must_contain' item needs a 'name'")
    where = f"{where}'must_contain' item '{name}': "
    scope = str(body.get("scope", "every-page"))
    if scope not in SCOPES:
        raise _error(path, where, f"'scope' must be one of {', '.join(SCOPES)}, found '{scope}'")
    terms = _patterns(body.get("terms"), path, where, "terms")
    headings = _patterns(body.get("headings"), path, where, "headings")
    also = _patterns(body.get("also"), path, where, "also")
    answer = None
    if body.get("answer") is not None:
        known = answers or {}
        answer = known.get(str(body["answer"]))
        if answer is None:
            choices = ", ".join(sorted(known)) or "none defined"
            raise _error(
                path,
                where,
                f"'answer' must be one of the kinds under 'answers' ({choices}), "
                f"found '{body['answer']}'",
            )
    if not terms and not headings and answer is None:
        raise _error(path, where, "give 'terms' or 'headings' (or both)")
    return ContentRule(
        name=name.strip(),
        terms=terms,
        headings=headings,
        scope=scope,
        answer=answer,
        also=also,
    )


def _known_keys(data: Any, path: Path, where: str, keys: set[str], what: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise _error(path, where, f"{what} must be 'name: value' entries")
    unknown = sorted(str(k) for k in data if k not in keys)
    if unknown:
        raise _error(
            path,
            where,
            f"unknown key '{unknown[0]}' in {what}; expected one of {', '.join(sorted(keys))}",
        )
    return data


def _also_covered_by(data: Any, path: Path, where: str) -> dict[str, tuple[str, ...]]:
    if data is None:
        return {}
    if not isinstance(data, dict) or not data:
        raise _error(path, where, "'also_covered_by' must be front matter fields and values")
    result = {}
    for key, value in data.items():
        values = value if isinstance(value, list) else [value]
        result[str(key)] = tuple(str(v) for v in values)
    return result


def _requirement(
    item: Any, index: int, path: Path, answers: Mapping[str, Answer] | None = None
) -> Requirement:
    if not isinstance(item, dict) or not item.get("id") or not item.get("title"):
        raise _error(path, "", f"requirement {index} needs an 'id' and a 'title'")
    req_id = str(item["id"])
    where = f"requirement '{req_id}': "
    _known_keys(item, path, where, _REQUIREMENT_KEYS, "a requirement")
    if not _ID.match(req_id):
        raise _error(path, where, "ids are lower case words joined by hyphens")
    level = str(item.get("level", "must")).strip().lower()
    if level not in LEVELS:
        raise _error(path, where, f"'level' must be must or should, found '{item.get('level')}'")
    statements = item.get("statements") or []
    if not isinstance(statements, list) or not all(_STATEMENT.match(str(s)) for s in statements):
        raise _error(path, where, '\'statements\' must be a list such as ["1.6", "1.8"]')
    contains = item.get("must_contain") or []
    if not isinstance(contains, list):
        raise _error(path, where, "'must_contain' must be a list of items")
    return Requirement(
        id=req_id,
        title=" ".join(str(item["title"]).split()),
        basis=" ".join(str(item.get("basis", "")).split()),
        duty=level == "must",
        statements=tuple(str(s) for s in statements),
        raw=item,
        must_contain=tuple(_content_rule(c, path, where, answers) for c in contains),
        also_covered_by=_also_covered_by(item.get("also_covered_by"), path, where),
    )


def parse_catalogue(data: Any, path: Path) -> Catalogue:
    """Build the catalogue from parsed YAML.

    Raises:
        RulesError: on a wrong shape, an unknown key, a missing id or title, a duplicate id, a
            level other than must or should, or a pattern that is not a regular expression.
    """
    top = expect_mapping(data, path, _TOP_KEYS)
    items = top.get("requirements")
    if not isinstance(items, list) or not items:
        raise RulesError(f"Error reading rules file '{path}': 'requirements' must be a list")
    answers = _answers(top.get("answers"), path)
    seen: set[str] = set()
    result = []
    for index, item in enumerate(items, start=1):
        requirement = _requirement(item, index, path, answers)
        if requirement.id in seen:
            raise _error(path, "", f"duplicate id '{requirement.id}'")
        seen.add(requirement.id)
        result.append(requirement)
    words = _patterns(top.get("decision_words"), path, "", "decision_words")
    negated = _patterns(top.get("not_decision_phrases"), path, "", "not_decision_phrases")
    return Catalogue(
        tuple(result), decision_words=words, not_decision_phrases=negated, answers=answers
    )


def load_catalogue(path: Path) -> Catalogue:
    """Read and check ``checks/requirements.yml``.

    Raises:
        RulesError: when the file is missing or malformed.
    """
    return parse_catalogue(load_rules_file(path), path)
