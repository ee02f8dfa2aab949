"""Pre-scoring the SEND QA Toolkit (Section 4) statements from the checks' results.

Pure: the checks' summaries (see ARCHITECTURE.md, "Summaries for the QA report"), facts about
each page and the reference date go in; every statement with its score, rationale and evidence,
and the action plan, come out. Six statements (1.6, 1.7, 1.8, 1.11, 1.13, 1.15) are scored from
the site; the other ten need a person, so they get the evidence the site offers and a prompt.

A check that did not run (switched off or not in ``mkdocs.yml``) is never an error: the statement
is scored from what is there and the rationale says what was missing.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendqa_build.core.durations import add_months
from sendqa_build.core.site import SiteIndex
from sendqa_build.rules import RulesError, expect_mapping

SCORE_WORDS = {3: "fully met", 2: "partially met", 1: "not met"}
AUTO_IDS = ("1.6", "1.7", "1.8", "1.11", "1.13", "1.15")
COMBINE_MODES = ("lowest", "all-or-none")

CHECK_LABELS = {
    "coverage": "statutory coverage check (sendqa/coverage)",
    "freshness": "review date check (sendqa/freshness)",
    "plain-english": "plain English check (sendqa/plain-english)",
    "links": "link check (sendqa/links)",
    "feedback": "feedback check (sendqa/feedback)",
}

# What each auto statement's rules must contain: criterion name -> "share" or "count".
CRITERIA: dict[str, dict[str, str]] = {
    "1.6": {"eligibility": "share"},
    "1.7": {"in_date": "share", "broken_links": "count"},
    "1.8": {"owners": "share", "decided_by": "share"},
    "1.11": {},
    "1.13": {"answered": "share", "personal_data": "count"},
    "1.15": {"acronyms": "share", "words_to_avoid": "share", "pages_passing": "share"},
}


# ---------------------------------------------------------------------------------------------
# Rules (checks/scoring.yml) and statements (checks/qa-statements.yml)


@dataclass(frozen=True)
class ShareRule:
    """A criterion judged on a share of pages: ``full`` or more = 3, ``partial`` or more = 2."""

    full: float
    partial: float

    def score(self, part: int, whole: int) -> int:
        """Score ``part`` out of ``whole`` (whole > 0)."""
        share = part / whole
        if share >= self.full - 1e-9:
            return 3
        return 2 if share >= self.partial - 1e-9 else 1

    def describe(self) -> str:
        """The thresholds in words, for the rationale."""
        full = "every page" if self.full >= 1 else f"at least {_pct(self.full)}"
        return f"fully met needs {full}, partially met at least {_pct(self.partial)}"


@dataclass(frozen=True)
class CountRule:
    """A criterion judged on a number of problems: at most ``max_for_3`` = 3, and so on."""

    max_for_3: int
    max_for_2: int | None = None

    def score(self, count: int) -> int:
        """Score a number of problems."""
        if count <= self.max_for_3:
            return 3
        return 2 if self.max_for_2 is None or count <= self.max_for_2 else 1


@dataclass(frozen=True)
class StatementRules:
    """The thresholds of one auto statement."""

    combine: str
    shares: dict[str, ShareRule] = field(default_factory=dict)
    counts: dict[str, CountRule] = field(default_factory=dict)
    max_age_months: int = 12


@dataclass(frozen=True)
class ScoringRules:
    """Everything in ``checks/scoring.yml``."""

    statements: dict[str, StatementRules]
    target_months: int = 3
    default_responsibility: str = "Local Offer manager"
    list_pages: int = 5
    evidence_pages: int = 25


@dataclass(frozen=True)
class EvidenceSources:
    """Where to look for pages that support a statement."""

    requirements: tuple[str, ...] = ()
    outside_area: bool = False
    page_types: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatementDef:
    """One toolkit statement, word for word."""

    id: str
    text: str
    auto: bool
    prompt: str = ""
    evidence: EvidenceSources = EvidenceSources()


@dataclass(frozen=True)
class Toolkit:
    """Quality Standard 1 and its statements (``checks/qa-statements.yml``)."""

    standard: str
    statements: tuple[StatementDef, ...]


def _error(path: Path, message: str) -> RulesError:
    return RulesError(f"Error reading rules file '{path}': {message}")


def _number(value: Any, path: Path, where: str, *, low: float, high: float | None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _error(path, f"'{where}' must be a number, found '{value}'")
    if value < low or (high is not None and value > high):
        upper = f" to {high:g}" if high is not None else " or more"
        raise _error(path, f"'{where}' must be from {low:g}{upper}, found '{value}'")
    return float(value)


def _whole(value: Any, path: Path, where: str) -> int:
    number = _number(value, path, where, low=0, high=None)
    if number != int(number):
        raise _error(path, f"'{where}' must be a whole number, found '{value}'")
    return int(number)


def _share_rule(data: Any, path: Path, where: str) -> ShareRule:
    block = expect_mapping(data, path, {"full", "partial"})
    for key in ("full", "partial"):
        if key not in block:
            raise _error(path, f"'{where}' needs '{key}'")
    full = _number(block["full"], path, f"{where}.full", low=0, high=1)
    partial = _number(block["partial"], path, f"{where}.partial", low=0, high=1)
    if partial > full:
        raise _error(path, f"'{where}.partial' ({partial:g}) is more than 'full' ({full:g})")
    return ShareRule(full, partial)


def _count_rule(data: Any, path: Path, where: str) -> CountRule:
    block = expect_mapping(data, path, {"max_for_3", "max_for_2"})
    if "max_for_3" not in block:
        raise _error(path, f"'{where}' needs 'max_for_3'")
    top = _whole(block["max_for_3"], path, f"{where}.max_for_3")
    two = block.get("max_for_2")
    second = None if two is None else _whole(two, path, f"{where}.max_for_2")
    if second is not None and second < top:
        raise _error(path, f"'{where}.max_for_2' ({second}) is less than 'max_for_3' ({top})")
    return CountRule(top, second)


def parse_scoring_rules(data: Any, path: Path) -> ScoringRules:
    """Read ``checks/scoring.yml``.

    Raises:
        RulesError: naming the file and the first problem (unknown key, missing threshold,
            a share outside 0 to 1, an unknown ``combine``).
    """
    top = expect_mapping(data, path, {"actions", "statements", "evidence"})
    actions = expect_mapping(
        top.get("actions") or {},
        path,
        {"target_months", "default_responsibility", "list_pages"},
    )
    evidence = expect_mapping(top.get("evidence") or {}, path, {"max_pages"})
    statements = expect_mapping(top.get("statements"), path, set(AUTO_IDS))
    result: dict[str, StatementRules] = {}
    for sid in AUTO_IDS:
        if sid not in statements:
            raise _error(path, f"statement '{sid}' has no rules under 'statements'")
        kinds = CRITERIA[sid]
        allowed = {"combine", *kinds, *({"max_age_months"} if sid == "1.13" else set())}
        block = expect_mapping(statements[sid] or {}, path, allowed)
        combine = str(block.get("combine", "lowest"))
        if combine not in COMBINE_MODES:
            raise _error(
                path,
                f"'{sid}.combine' must be one of {', '.join(COMBINE_MODES)}, found '{combine}'",
            )
        shares, counts = {}, {}
        for name, kind in kinds.items():
            if name not in block:
                raise _error(path, f"statement '{sid}' needs '{name}'")
            if kind == "share":
                shares[name] = _share_rule(block[name], path, f"{sid}.{name}")
            else:
                counts[name] = _count_rule(block[name], path, f"{sid}.{name}")
        months = _whole(block.get("max_age_months", 12), path, f"{sid}.max_age_months")
        result[sid] = StatementRules(combine, shares, counts, max(months, 1))
    return ScoringRules(
        statements=result,
        target_months=_whole(actions.get("target_months", 3), path, "actions.target_months"),
        default_responsibility=str(
            actions.get("default_responsibility") or "Local Offer manager"
        ).strip(),
        list_pages=max(1, _whole(actions.get("list_pages", 5), path, "actions.list_pages")),
        evidence_pages=max(1, _whole(evidence.get("max_pages", 25), path, "evidence.max_pages")),
    )


def _strings(value: Any, path: Path, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _error(path, f"'{where}' must be a list of words or ids")
    return tuple(v.strip() for v in value)


def parse_toolkit(data: Any, path: Path) -> Toolkit:
    """Read ``checks/qa-statements.yml``: statements 1.1 to 1.16 in order, each with its text.

    Raises:
        RulesError: on a missing or duplicate statement, or a statement without text.
    """
    top = expect_mapping(data, path, {"standard", "statements"})
    items = top.get("statements")
    if not isinstance(items, list) or not items:
        raise _error(path, "'statements' must be a list")
    result = []
    for index, item in enumerate(items, start=1):
        block = expect_mapping(item, path, {"id", "text", "auto", "prompt", "evidence"})
        sid, text = str(block.get("id") or ""), str(block.get("text") or "").strip()
        if not sid or not text:
            raise _error(path, f"statement {index} needs an 'id' and a 'text'")
        sources = expect_mapping(
            block.get("evidence") or {},
            path,
            {"requirements", "outside_area", "page_types", "keywords"},
        )
        result.append(
            StatementDef(
                id=sid,
                text=text,
                auto=bool(block.get("auto", False)),
                prompt=str(block.get("prompt") or "").strip(),
                evidence=EvidenceSources(
                    requirements=_strings(sources.get("requirements"), path, f"{sid}.requirements"),
                    outside_area=bool(sources.get("outside_area", False)),
                    page_types=_strings(sources.get("page_types"), path, f"{sid}.page_types"),
                    keywords=_strings(sources.get("keywords"), path, f"{sid}.keywords"),
                ),
            )
        )
    ids = [s.id for s in result]
    expected = [f"1.{n}" for n in range(1, 17)]
    if ids != expected:
        raise _error(path, f"the statements must be 1.1 to 1.16 in order, found {', '.join(ids)}")
    for sid in AUTO_IDS:
        if not result[expected.index(sid)].auto:
            raise _error(path, f"statement '{sid}' is scored from the site and needs 'auto: true'")
    return Toolkit(str(top.get("standard") or "").strip(), tuple(result))


# ---------------------------------------------------------------------------------------------
# Inputs and results


@dataclass(frozen=True)
class PageFacts:
    """What the report needs to know about one page (from the site index)."""

    src: str
    title: str
    owner: str | None = None
    page_type: str = "guide"
    covers: tuple[str, ...] = ()
    area: str | None = None
    has_eligibility: bool = False
    has_decided_by: bool = False
    published_on: dt.date | None = None
    lines: tuple[tuple[int, str], ...] = ()
    """``(file line, text)`` of the title, summary and body, for keyword evidence."""


def facts_from_index(index: SiteIndex) -> list[PageFacts]:
    """PageFacts for every page of the site, in path order."""
    facts = []
    for record in index:
        meta = record.meta
        lines: list[tuple[int, str]] = []
        for key in ("title", "summary"):
            value = meta.get(key)
            if isinstance(value, str):
                lines.append((record.result.line_of(key), value))
        lines.extend(record.body_lines())
        published = meta.get("published_on")
        facts.append(
            PageFacts(
                src=record.src,
                title=record.title,
                owner=record.owner,
                page_type=record.page_type,
                covers=tuple(str(c) for c in record.covers),
                area=meta.get("area") if isinstance(meta.get("area"), str) else None,
                has_eligibility=_filled(meta.get("eligibility")),
                has_decided_by=_filled(meta.get("decided_by")),
                published_on=published if isinstance(published, dt.date) else None,
                lines=tuple(lines),
            )
        )
    return facts


def _filled(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


@dataclass(frozen=True)
class Evidence:
    """A page (or None for the whole site) that supports or questions a statement."""

    page: str | None
    note: str

    def as_dict(self) -> dict[str, Any]:
        """JSON form (contract section 6)."""
        return {"page": self.page, "note": self.note}


@dataclass(frozen=True)
class Action:
    """One row of the action plan."""

    statement: str
    action: str
    target_date: dt.date
    responsibility: str
    pages: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """JSON form (contract section 6)."""
        return {
            "statement": self.statement,
            "action": self.action,
            "target_date": self.target_date.isoformat(),
            "responsibility": self.responsibility,
            "pages": list(self.pages),
        }


@dataclass(frozen=True)
class Criterion:
    """One thing a statement is judged on, with its score (None: could not be judged)."""

    name: str
    score: int | None
    sentence: str


@dataclass(frozen=True)
class StatementResult:
    """A statement as the report shows it."""

    id: str
    text: str
    auto: bool
    score: int | None
    rationale: str
    evidence: tuple[Evidence, ...]
    prompt: str = ""
    criteria: tuple[Criterion, ...] = ()
    sources: tuple[str, ...] = ()
    """The checks whose results were used."""
    conclusion: str = ""
    """The rationale's last sentence: the score and why."""

    def as_dict(self) -> dict[str, Any]:
        """JSON form (contract section 6, plus the prompt, criteria and checks used)."""
        return {
            "id": self.id,
            "text": self.text,
            "auto": self.auto,
            "score": self.score,
            "score_label": SCORE_WORDS.get(self.score or 0),
            "rationale": self.rationale,
            "evidence": [e.as_dict() for e in self.evidence],
            "prompt": self.prompt or None,
            "criteria": [
                {"name": c.name, "score": c.score, "explanation": c.sentence} for c in self.criteria
            ],
            "checks_used": list(self.sources),
            "conclusion": self.conclusion or None,
        }


@dataclass(frozen=True)
class Assessment:
    """Every statement and the action plan."""

    statements: tuple[StatementResult, ...]
    actions: tuple[Action, ...]


# ---------------------------------------------------------------------------------------------
# Small helpers for figures and sentences


def _pct(share: float) -> str:
    """A share as a percentage that never rounds up to 100%."""
    value = share * 100
    whole = int(value) if value < 100 else 100
    return f"{whole}%"


def _ratio(part: int, whole: int) -> str:
    return f"{part} of {whole} ({_pct(part / whole)})"


def _plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def _the(count: int, word: str, many: str | None = None) -> str:
    """``the overdue page`` or ``the 14 overdue pages``."""
    return f"the {word}" if count == 1 else f"the {count} {many or word + 's'}"


def _count(value: Any) -> int:
    """A figure from a summary: a number, or the length of a list; anything else is 0."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, list | tuple | dict):
        return len(value)
    return 0


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def long_date(day: dt.date) -> str:
    """``1 March 2027``: the GOV.UK date style used in every sentence."""
    return f"{day.day} {day:%B %Y}"


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_TEAM_WORDS = ("team", "service", "services", "unit", "panel", "board", "group", "office")


def owned_by(owner: str) -> str:
    """``the Early Years SEND Team`` for teams, the name as written otherwise."""
    words = owner.split()
    if words and words[-1].lower() in _TEAM_WORDS and words[0].lower() != "the":
        return f"the {owner}"
    return owner


class _Context:
    """The inputs shared by the statement scorers."""

    def __init__(
        self,
        rules: ScoringRules,
        summaries: Mapping[str, Mapping[str, Any] | None],
        pages: Sequence[PageFacts],
        today: dt.date,
    ) -> None:
        self.rules = rules
        self.summaries = summaries
        self.pages = {p.src: p for p in pages}
        self.page_list = sorted(pages, key=lambda p: p.src)
        self.today = today
        self.target = add_months(today, rules.target_months)

    def summary(self, check: str) -> Mapping[str, Any] | None:
        value = self.summaries.get(check)
        return value if isinstance(value, Mapping) and value else None

    def missing(self, check: str, what: str) -> Criterion:
        return Criterion(
            check,
            None,
            f"The {CHECK_LABELS[check]} did not run in this build (it is switched off or not "
            f"in mkdocs.yml), so {what} could not be judged.",
        )

    def listing(self, srcs: Sequence[str]) -> str:
        limit = self.rules.list_pages
        shown = list(srcs[:limit])
        if len(srcs) > limit:
            return ", ".join(shown) + f" and {len(srcs) - limit} more"
        return _and(shown)

    def owners_of(self, srcs: Iterable[str]) -> str:
        owners = sorted({o for s in srcs if (o := self._owner(s))})
        return "; ".join(owners) if owners else self.rules.default_responsibility

    def _owner(self, src: str) -> str | None:
        page = self.pages.get(src)
        return page.owner if page else None

    def by_owner(self, srcs: Iterable[str]) -> list[tuple[str | None, list[str]]]:
        """Pages grouped by owner (teams in name order, pages without an owner last)."""
        groups: dict[str | None, list[str]] = {}
        for src in sorted(set(srcs)):
            groups.setdefault(self._owner(src), []).append(src)
        return sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))

    def action(self, sid: str, text: str, pages: Iterable[str] = (), who: str = "") -> Action:
        listed = tuple(sorted(set(pages)))
        if not who:
            who = self.owners_of(listed) if listed else self.rules.default_responsibility
        return Action(sid, text, self.target, who, listed)

    def per_owner_actions(
        self,
        sid: str,
        srcs: Iterable[str],
        template: str,
        noun: str = "page",
        counts: Mapping[str, int] | None = None,
        item: tuple[str, str] = ("problem", "problems"),
    ) -> list[Action]:
        """One action per owner, worded by ``template`` with ``{pages}`` (``the 3 pages``),
        ``{whose}`` (``owned by the X Team``), ``{listing}`` (the pages) and ``{items}`` (``the
        5 broken links``, summing ``counts`` over the owner's pages)."""
        result = []
        for owner, group in self.by_owner(srcs):
            nobody = "that has no owner" if len(group) == 1 else "that have no owner"
            total = sum((counts or {}).get(src, 0) for src in group)
            text = template.format(
                pages=_the(len(group), noun),
                whose=f"owned by {owned_by(owner)}" if owner else nobody,
                listing=self.listing(group),
                items=_the(total, *item),
            )
            result.append(self.action(sid, text, group))
        return result

    def requirement(self, req_id: str) -> Mapping[str, Any] | None:
        coverage = self.summary("coverage")
        if coverage is None:
            return None
        for item in coverage.get("requirements") or []:
            if isinstance(item, Mapping) and item.get("id") == req_id:
                return item
        return None


def _combine(mode: str, scores: Sequence[int]) -> int:
    if mode == "all-or-none":
        if all(s == 3 for s in scores):
            return 3
        return 1 if all(s == 1 for s in scores) else 2
    return min(scores)


def _conclusion(mode: str, score: int, criteria: Sequence[Criterion]) -> str:
    judged = [c for c in criteria if c.score is not None]
    word = SCORE_WORDS[score]
    if len(judged) == 1:
        return f"Scored {score} ({word})."
    if mode == "all-or-none":
        reason = {
            3: "every part of the statement is met",
            2: "some parts of the statement are met and others are not",
            1: "none of the parts of the statement is met",
        }[score]
    else:
        reason = {
            3: "every part of the statement is met",
            2: "the weakest part is only partially met",
            1: "at least one part is not met",
        }[score]
    return f"Scored {score} ({word}) because {reason}."


# ---------------------------------------------------------------------------------------------
# Requirement criteria (from the coverage matrix)


def _without_pages(text: str, pages: Sequence[str]) -> str:
    """``mediation (complaints.md)`` -> ``mediation``: the pages are already named."""
    for page in pages:
        text = text.replace(f" ({page})", "")
    return text


def _requirement_criterion(
    ctx: _Context, sid: str, req_id: str, label: str, fix: str
) -> tuple[Criterion, list[Evidence], list[Action]]:
    """Score one requirement of the catalogue: covered 3, thin 2, missing 1."""
    if ctx.summary("coverage") is None:
        return ctx.missing("coverage", f"whether the site covers {label}"), [], []
    item = ctx.requirement(req_id)
    if item is None:
        sentence = (
            f"The requirement catalogue has no '{req_id}' requirement, so {label} could not be "
            "judged."
        )
        return Criterion(req_id, None, sentence), [], []
    title = str(item.get("title") or req_id)
    status = str(item.get("status") or "missing")
    pages = sorted(str(p) for p in item.get("pages") or [])
    lacking = [_without_pages(str(m), pages) for m in item.get("missing") or []]
    evidence = [Evidence(p, f"covers '{title}' ({status})") for p in pages]
    if status == "covered":
        sentence = f"'{title}' is covered by {_and(pages) or 'the site'}."
        return Criterion(req_id, 3, sentence), evidence, []
    if status == "thin":
        gaps = f": it does not yet cover {_and(lacking)}" if lacking else ""
        sentence = f"'{title}' is covered only in part by {_and(pages) or 'the site'}{gaps}."
        add = f": add {_and(lacking)}" if lacking else f"; {fix}"
        text = f"Complete the page on '{title}' ({ctx.listing(pages)}){add}"
        return Criterion(req_id, 2, sentence), evidence, [ctx.action(sid, text, pages)]
    sentence = f"No page covers '{title}'."
    text = f"Publish a page on '{title}' and add 'covers: [{req_id}]' to its front matter; {fix}"
    return Criterion(req_id, 1, sentence), [], [ctx.action(sid, text)]


# ---------------------------------------------------------------------------------------------
# The six auto statements


Scored = tuple[list[Criterion], list[Evidence], list[Action], list[str]]


def _score_1_6(ctx: _Context) -> Scored:
    criteria, evidence, actions = [], [], []
    rule = ctx.rules.statements["1.6"].shares["eligibility"]
    coverage = ctx.summary("coverage")
    if coverage is None:
        criteria.append(ctx.missing("coverage", "eligibility criteria on service pages"))
    else:
        total = _count(coverage.get("service_pages"))
        with_elig = _count(coverage.get("service_pages_with_eligibility"))
        if total == 0:
            criteria.append(
                Criterion(
                    "eligibility",
                    None,
                    "There are no service pages, so eligibility criteria could not be judged.",
                )
            )
        else:
            score = rule.score(with_elig, total)
            sentence = (
                f"{_ratio(with_elig, total)} service pages say who can use the service "
                f"({rule.describe()})."
            )
            criteria.append(Criterion("eligibility", score, sentence))
            lacking = [
                p.src for p in ctx.page_list if p.page_type == "service" and not p.has_eligibility
            ]
            evidence += [Evidence(s, "service page without eligibility criteria") for s in lacking]
            if score < 3:
                actions += ctx.per_owner_actions(
                    "1.6",
                    lacking,
                    "Add who can use the service ('eligibility') to {pages} {whose}: {listing}",
                    noun="service page",
                )
    for req_id, label, fix in (
        (
            "information-advice-support",
            "where to go for information, advice and support",
            "say where to go for information, advice and support, including the SENDIASS",
        ),
        (
            "complaints-and-appeals",
            "how to complain or appeal",
            "explain how to complain, disagreement resolution and mediation, and appeals to the "
            "First-tier Tribunal (SEND)",
        ),
    ):
        crit, ev, acts = _requirement_criterion(ctx, "1.6", req_id, label, fix)
        criteria.append(crit)
        evidence += ev
        actions += acts
    return criteria, evidence, actions, ["coverage"]


def _score_1_7(ctx: _Context) -> Scored:
    rules = ctx.rules.statements["1.7"]
    criteria, evidence, actions = [], [], []
    freshness = ctx.summary("freshness")
    if freshness is None:
        criteria.append(ctx.missing("freshness", "whether pages are within their review date"))
    else:
        pages = [p for p in freshness.get("pages") or [] if isinstance(p, Mapping)]
        total = _count(freshness.get("total")) or len(pages)
        in_date = _count(freshness.get("in_date"))
        overdue = [p for p in pages if p.get("status") == "overdue"]
        due_soon = _count(freshness.get("due_soon"))
        if total == 0:
            criteria.append(Criterion("in_date", None, "The site has no pages to judge."))
        else:
            rule = rules.shares["in_date"]
            score = rule.score(in_date, total)
            soon = _plural(due_soon, "page is", "pages are")
            extra = f"; {soon} due for review soon" if due_soon else ""
            undated = _count(freshness.get("unknown"))
            if undated:
                extra += f"; {_plural(undated, 'page has', 'pages have')} no valid review date"
            late = _plural(_count(freshness.get("overdue")) or len(overdue), "page is", "pages are")
            sentence = (
                f"{_ratio(in_date, total)} pages are within their review date, {late} "
                f"overdue{extra} ({rule.describe()})."
            )
            criteria.append(Criterion("in_date", score, sentence))
        for page in sorted(overdue, key=lambda p: str(p.get("page"))):
            due = _date(page.get("review_by"))
            since = f" since {long_date(due)}" if due else ""
            owner = f"; owner: {page.get('owner')}" if page.get("owner") else ""
            evidence.append(Evidence(str(page.get("page")), f"review overdue{since}{owner}"))
        srcs = [str(p.get("page")) for p in overdue]
        actions += ctx.per_owner_actions(
            "1.7",
            srcs,
            "Review {pages} {whose} and update 'last_reviewed_on': {listing}",
            noun="overdue page",
        )
    links = ctx.summary("links")
    if links is None:
        criteria.append(ctx.missing("links", "broken links"))
    else:
        external = links.get("external") if isinstance(links.get("external"), Mapping) else {}
        internal = _count(links.get("internal_broken"))
        ext_broken = _count((external or {}).get("broken"))
        broken = internal + ext_broken
        per_page = {
            str(src): _count(v.get("broken"))
            for src, v in (links.get("pages") or {}).items()
            if isinstance(v, Mapping) and _count(v.get("broken"))
        }
        where = f" on {_plural(len(per_page), 'page')}" if per_page else ""
        sentence = (
            f"The site has {_plural(broken, 'broken link') if broken else 'no broken links'}"
            f"{where} ({internal} internal, "
            f"{ext_broken} external); fully met allows "
            f"{rules.counts['broken_links'].max_for_3 or 'none'}."
        )
        if not links.get("external_checked"):
            reason = str(links.get("reason") or "").strip().removeprefix("not checked:").strip()
            why = f": {reason.rstrip('.')}" if reason else ""
            sentence += f" External links were not checked in this build{why}."
        score = rules.counts["broken_links"].score(broken)
        criteria.append(Criterion("broken_links", score, sentence))
        for src, count in sorted(per_page.items()):
            evidence.append(Evidence(src, _plural(count, "broken link")))
        if score < 3:
            actions += ctx.per_owner_actions(
                "1.7",
                per_page,
                "Fix or remove {items} on {pages} {whose}: {listing}",
                counts=per_page,
                item=("broken link", "broken links"),
            )
            unplaced = broken - sum(per_page.values())
            if unplaced > 0:
                actions.append(
                    ctx.action(
                        "1.7",
                        f"Fix {_the(unplaced, 'other broken link')} listed in the "
                        "findings of this report",
                    )
                )
    return criteria, evidence, actions, ["freshness", "links"]


def _score_1_8(ctx: _Context) -> Scored:
    rules = ctx.rules.statements["1.8"]
    crit, evidence, actions = _requirement_criterion(
        ctx,
        "1.8",
        "decisions-and-accountability",
        "how decisions are made and who is accountable",
        "explain who makes each kind of decision, who is accountable and how to challenge a "
        "decision",
    )
    criteria = [crit]
    coverage = ctx.summary("coverage")
    if coverage is None:
        criteria.append(ctx.missing("coverage", "page owners and who decides"))
        return criteria, evidence, actions, ["coverage"]
    pages, owned = _count(coverage.get("pages")), _count(coverage.get("pages_with_owner"))
    if pages:
        rule = rules.shares["owners"]
        score = rule.score(owned, pages)
        criteria.append(
            Criterion(
                "owners",
                score,
                f"{_ratio(owned, pages)} pages name the team that owns them ({rule.describe()}).",
            )
        )
        no_owner = [p.src for p in ctx.page_list if not p.owner]
        evidence += [Evidence(s, "page without an owner") for s in no_owner]
        if score < 3 and no_owner:
            actions.append(
                ctx.action(
                    "1.8",
                    f"Name the owning team ('owner') on {_the(len(no_owner), 'page')} "
                    f"without one: {ctx.listing(no_owner)}",
                    no_owner,
                    who=ctx.rules.default_responsibility,
                )
            )
    needing = _count(coverage.get("service_pages_needing_decision"))
    decided = _count(coverage.get("service_pages_with_decided_by"))
    if needing:
        decided = min(decided, needing)
        rule = rules.shares["decided_by"]
        score = rule.score(decided, needing)
        criteria.append(
            Criterion(
                "decided_by",
                score,
                f"{_ratio(decided, needing)} service pages where someone decides who gets the "
                f"service say who decides ({rule.describe()}).",
            )
        )
        if score < 3:
            listed = coverage.get("services_without_decided_by")
            candidates = (
                sorted(str(s) for s in listed)
                if isinstance(listed, list)
                else [
                    p.src
                    for p in ctx.page_list
                    if p.page_type == "service" and not p.has_decided_by
                ]
            )
            evidence += [Evidence(s, "service without 'decided_by'") for s in candidates]
            if len(candidates) == needing - decided:
                actions += ctx.per_owner_actions(
                    "1.8",
                    candidates,
                    "Say who decides ('decided_by') on {pages} {whose}: {listing}",
                    noun="service page",
                )
            else:
                actions.append(
                    ctx.action(
                        "1.8",
                        f"Say who decides ('decided_by') on "
                        f"{_the(needing - decided, 'service page')} where someone decides "
                        f"who gets the service; pages to check: {ctx.listing(candidates)}",
                        candidates,
                    )
                )
    else:
        criteria.append(
            Criterion(
                "decided_by",
                None,
                "No service page needs a decision about who gets it, so 'decided_by' was not "
                "needed.",
            )
        )
    return criteria, evidence, actions, ["coverage"]


def _score_1_11(ctx: _Context) -> Scored:
    crit, evidence, actions = _requirement_criterion(
        ctx,
        "1.11",
        "feedback",
        "how to comment on the Local Offer and how it is reviewed",
        "say how to comment (phone, email or a form) and how and when the Local Offer is reviewed",
    )
    feedback = ctx.summary("feedback")
    known = {e.page for e in evidence}
    for src in sorted(str(s) for s in (feedback or {}).get("feedback_pages") or []):
        if src not in known:
            evidence.append(Evidence(src, "says how to give feedback"))
    return [crit], evidence, actions, ["coverage", "feedback"]


def _score_1_13(ctx: _Context) -> Scored:
    rules = ctx.rules.statements["1.13"]
    feedback = ctx.summary("feedback")
    if feedback is None:
        return (
            [ctx.missing("feedback", "'You said, we did' pages")],
            [],
            [],
            ["feedback"],
        )
    criteria, evidence, actions = [], [], []
    rounds = [r for r in feedback.get("rounds") or [] if isinstance(r, Mapping)]
    dated = sorted(
        ((d, r) for r in rounds if (d := _date(r.get("published_on")))),
        key=lambda dr: (dr[0], str(dr[1].get("page"))),
    )
    for day, item in dated:
        total = _count(item.get("responses"))
        without = _count(item.get("without_response"))
        answered = "all answered" if not without else f"{without} without a response"
        evidence.append(
            Evidence(
                str(item.get("page")),
                f"'You said, we did' published {long_date(day)}: "
                f"{_plural(total, 'comment')}, {answered}",
            )
        )
    evidence.reverse()  # newest round first
    cutoff = add_months(ctx.today, -rules.max_age_months)
    period = _plural(rules.max_age_months, "month")
    feedback_pages = [str(s) for s in feedback.get("feedback_pages") or []]
    if not dated:
        criteria.append(
            Criterion(
                "recent_round",
                1,
                "No 'You said, we did' page publishes comments on the Local Offer and the "
                "council's response.",
            )
        )
        actions.append(
            ctx.action(
                "1.13",
                "Publish a 'You said, we did' page ('type: you-said-we-did') with the comments "
                "received on the Local Offer, the council's response and the action it will take",
                who=ctx.owners_of(feedback_pages) if feedback_pages else "",
            )
        )
        return criteria, evidence, actions, ["feedback"]
    newest_day, newest = dated[-1]
    page = str(newest.get("page"))
    if newest_day >= cutoff:
        criteria.append(
            Criterion(
                "recent_round",
                3,
                f"The newest 'You said, we did' round ({page}) was published on "
                f"{long_date(newest_day)}, within the last {period}.",
            )
        )
    else:
        criteria.append(
            Criterion(
                "recent_round",
                1,
                f"The newest 'You said, we did' round ({page}) was published on "
                f"{long_date(newest_day)}, more than {period} before {long_date(ctx.today)}; "
                "comments and responses must be published at least annually.",
            )
        )
        actions.append(
            ctx.action(
                "1.13",
                f"Publish this year's 'You said, we did' round: the newest ({page}) was "
                f"published on {long_date(newest_day)}",
                [page],
            )
        )
    total = _count(newest.get("responses"))
    without = min(_count(newest.get("without_response")), total)
    if total:
        rule = rules.shares["answered"]
        score = rule.score(total - without, total)
        criteria.append(
            Criterion(
                "answered",
                score,
                f"{_ratio(total - without, total)} comments in that round have a response and "
                f"action ({rule.describe().replace('every page', 'every comment')}).",
            )
        )
        if score < 3:
            actions.append(
                ctx.action(
                    "1.13",
                    f"Add the council's response and action to "
                    f"{_the(without, 'comment')} without one on {page}",
                    [page],
                )
            )
    personal = _count(feedback.get("personal_data"))
    score = rules.counts["personal_data"].score(personal)
    criteria.append(
        Criterion(
            "personal_data",
            score,
            f"{_plural(personal, 'published comment')} could identify someone."
            if personal
            else "No published comment could identify anyone.",
        )
    )
    if score < 3:
        rounds_pages = [str(r.get("page")) for _, r in dated]
        actions.append(
            ctx.action(
                "1.13",
                f"Remove the details that could identify someone from "
                f"{_the(personal, 'comment')} listed in the feedback findings",
                rounds_pages,
            )
        )
    return criteria, evidence, actions, ["feedback"]


def _per_page(pages: Sequence[Mapping[str, Any]], key: str) -> dict[str, int]:
    """Pages with at least one problem of a kind, and how many."""
    return {str(p["page"]): _count(p.get(key)) for p in pages if _count(p.get(key))}


def _words(count: int) -> str:
    return _plural(count, "word to avoid", "words to avoid")


def _score_1_15(ctx: _Context) -> Scored:
    rules = ctx.rules.statements["1.15"]
    plain = ctx.summary("plain-english")
    if plain is None:
        return [ctx.missing("plain-english", "jargon, acronyms and readability")], [], [], []
    pages = [p for p in plain.get("pages") or [] if isinstance(p, Mapping) and p.get("page")]
    raw_totals = plain.get("totals")
    totals: Mapping[str, Any] = raw_totals if isinstance(raw_totals, Mapping) else {}
    count = _count(totals.get("pages")) or len(pages)
    if count == 0:
        return [Criterion("pages", None, "No page text was measured.")], [], [], ["plain-english"]
    acronym_pages = _per_page(pages, "unexplained_acronyms")
    word_pages = _per_page(pages, "words_to_avoid")
    failing = sorted(str(p["page"]) for p in pages if p.get("passes") is False)
    acronyms = _count(totals.get("unexplained_acronyms")) or sum(acronym_pages.values())
    unknown = _count(totals.get("unknown_acronyms"))
    words = _count(totals.get("words_to_avoid")) or sum(word_pages.values())
    passing = _count(totals["pages_passing"]) if "pages_passing" in totals else count - len(failing)
    # Without per-page figures, count each problem as one page (never fewer pages than needed).
    acronym_bad = len(acronym_pages) if pages else min(acronyms, count)
    word_bad = len(word_pages) if pages else min(words, count)

    unknown_note = (
        f"; {_plural(unknown, 'acronym is', 'acronyms are')} not in the glossary" if unknown else ""
    )
    share = rules.shares["acronyms"]
    acro_score = share.score(count - acronym_bad, count)
    criteria = [
        Criterion(
            "acronyms",
            acro_score,
            f"{_ratio(count - acronym_bad, count)} pages explain every acronym at first use; "
            f"{_plural(acronyms, 'acronym is', 'acronyms are')} not explained{unknown_note} "
            f"({share.describe()}).",
        )
    ]
    share = rules.shares["words_to_avoid"]
    word_score = share.score(count - word_bad, count)
    criteria.append(
        Criterion(
            "words_to_avoid",
            word_score,
            f"{_ratio(count - word_bad, count)} pages use no words to avoid; "
            f"{_words(words)} {'is' if words == 1 else 'are'} used in all ({share.describe()}).",
        )
    )
    passing = min(passing, count)
    median = totals.get("median_reading_age")
    median_note = f"; the median reading age is {median}" if median is not None else ""
    share = rules.shares["pages_passing"]
    read_score = share.score(passing, count)
    criteria.append(
        Criterion(
            "pages_passing",
            read_score,
            f"{_ratio(passing, count)} pages meet every plain English target (acronyms, words "
            f"to avoid, sentence length and readability){median_note} ({share.describe()}).",
        )
    )
    # Pages that fail for their sentences or reading level, not (only) for words or acronyms.
    hard = [src for src in failing if src not in acronym_pages and src not in word_pages]
    evidence = []
    for p in sorted(pages, key=lambda p: str(p["page"])):
        src = str(p["page"])
        problems = []
        if acronym_pages.get(src):
            problems.append(_plural(acronym_pages[src], "unexplained acronym"))
        if word_pages.get(src):
            problems.append(_words(word_pages[src]))
        if _count(p.get("long_sentences")):
            problems.append(_plural(_count(p.get("long_sentences")), "long sentence"))
        if src in hard:
            age = p.get("reading_age")
            problems.append(
                "misses the readability target" + (f" (reading age {age})" if age else "")
            )
        if problems:
            evidence.append(Evidence(src, ", ".join(problems)))
    actions: list[Action] = []
    if acro_score < 3:
        actions += ctx.per_owner_actions(
            "1.15",
            acronym_pages,
            "Spell out at first use {items} on {pages} {whose}: {listing}",
            counts=acronym_pages,
            item=("acronym", "acronyms"),
        )
        if unknown:
            text = (
                f"Add {_the(unknown, 'unknown acronym')} to the glossary "
                "(checks/glossary.yml) with what each stands for"
            )
            actions.append(ctx.action("1.15", text))
    if word_score < 3:
        actions += ctx.per_owner_actions(
            "1.15",
            word_pages,
            "Replace {items} with the plain words suggested, on {pages} {whose}: {listing}",
            counts=word_pages,
            item=("word to avoid", "words to avoid"),
        )
    if read_score < 3:
        actions += ctx.per_owner_actions(
            "1.15",
            hard,
            "Rewrite {pages} {whose} in shorter sentences and everyday words to meet the "
            "readability target: {listing}",
        )
    return criteria, evidence, actions, ["plain-english"]


_SCORERS: dict[str, Callable[[_Context], Scored]] = {
    "1.6": _score_1_6,
    "1.7": _score_1_7,
    "1.8": _score_1_8,
    "1.11": _score_1_11,
    "1.13": _score_1_13,
    "1.15": _score_1_15,
}


# ---------------------------------------------------------------------------------------------
# Evidence for the statements a person judges


_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
    }
)


def normalise(text: str) -> str:
    """Text as pasted from Word made plain: straight quotes, plain spaces and hyphens."""
    return text.translate(_QUOTES).lower()


def keyword_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for a list of words or phrases, forgiving about how editors write them.

    Spaces match any run of spaces; a hyphen may also be a space or nothing (``co-production``,
    ``co production``, ``coproduction``); an apostrophe may be left out (``young peoples``).
    """
    parts = []
    for word in sorted({normalise(w).strip() for w in words if w.strip()}, key=len, reverse=True):
        body = ""
        for char in word:
            if char == " ":
                body += r"\s+"
            elif char == "-":
                body += r"[-\s]?"
            elif char == "'":
                body += "'?"
            else:
                body += re.escape(char)
        parts.append(r"(?<![\w-])" + body + r"(?![\w-])")
    return re.compile("|".join(parts)) if parts else None


@functools.lru_cache(maxsize=4096)
def _one_keyword(word: str) -> re.Pattern[str] | None:
    """``keyword_pattern`` of one word, compiled once per build rather than once per page."""
    return keyword_pattern([word])


def _keyword_evidence(
    pattern: re.Pattern[str], keywords: Sequence[str], page: PageFacts
) -> Evidence | None:
    if not pattern.search(normalise("\n".join(text for _line, text in page.lines))):
        return None  # most pages mention none of the words: one search rules them out
    found: list[str] = []
    first: int | None = None
    canonical = {normalise(k): k for k in keywords}
    compiled = {k: _one_keyword(k) for k in canonical}
    for line, text in page.lines:
        plain = normalise(text)
        if not pattern.search(plain):
            continue
        first = first or line
        for key, single in compiled.items():
            if single is not None and single.search(plain) and canonical[key] not in found:
                found.append(canonical[key])
    if first is None:
        return None
    names = _and([f"'{w}'" for w in found])
    return Evidence(page.src, f"mentions {names} (first at line {first})")


def _manual_evidence(ctx: _Context, statement: StatementDef) -> list[Evidence]:
    sources = statement.evidence
    found: dict[str, list[str]] = {}

    def add(src: str, note: str) -> None:
        notes = found.setdefault(src, [])
        if note not in notes:
            notes.append(note)

    if sources.outside_area:
        for page in ctx.page_list:
            if page.page_type == "service" and page.area == "outside":
                add(page.src, "service outside the area")
    for req_id in sources.requirements:
        item = ctx.requirement(req_id)
        if item is not None:
            title = str(item.get("title") or req_id)
            for src in item.get("pages") or []:
                add(str(src), f"covers '{title}'")
        else:
            for page in ctx.page_list:
                if req_id in page.covers:
                    add(page.src, f"covers '{req_id}'")
    for page_type in sources.page_types:
        for page in ctx.page_list:
            if page.page_type == page_type:
                when = f" published {long_date(page.published_on)}" if page.published_on else ""
                add(page.src, f"'{page.title}'{when}")
    pattern = keyword_pattern(sources.keywords)
    if pattern is not None:
        for page in ctx.page_list:
            hit = _keyword_evidence(pattern, sources.keywords, page)
            if hit is not None and hit.page is not None:
                add(hit.page, hit.note)
    srcs = sorted(found)
    limit = ctx.rules.evidence_pages
    evidence = [Evidence(src, "; ".join(found[src])) for src in srcs[:limit]]
    if len(srcs) > limit:
        evidence.append(
            Evidence(None, f"{_plural(len(srcs) - limit, 'more page')} also match; see the site")
        )
    return evidence


# ---------------------------------------------------------------------------------------------
# Putting it together


def assess(
    toolkit: Toolkit,
    rules: ScoringRules,
    summaries: Mapping[str, Mapping[str, Any] | None],
    pages: Sequence[PageFacts],
    today: dt.date,
) -> Assessment:
    """Score the auto statements, gather evidence for the others and draft the action plan.

    Args:
        toolkit: the statements (``checks/qa-statements.yml``).
        rules: the thresholds (``checks/scoring.yml``).
        summaries: each check's ``summary`` by check name (``coverage``, ``freshness``,
            ``plain-english``, ``links``, ``feedback``); a missing or empty one means the check
            did not run.
        pages: facts about every page.
        today: the reference date (target dates are counted from it).
    """
    ctx = _Context(rules, summaries, pages, today)
    results, actions = [], []
    for statement in toolkit.statements:
        if not statement.auto or statement.id not in _SCORERS:
            evidence = _manual_evidence(ctx, statement)
            found = (
                f"The site offers {_plural(len(evidence), 'item')} of evidence, listed below."
                if evidence
                else "The site offers no evidence for it yet."
            )
            results.append(
                StatementResult(
                    statement.id,
                    statement.text,
                    False,
                    None,
                    f"A person must judge this statement. {found}",
                    tuple(evidence),
                    statement.prompt,
                )
            )
            continue
        criteria, evidence, statement_actions, used = _SCORERS[statement.id](ctx)
        extra = _manual_evidence(ctx, statement)
        seen = {(e.page, e.note) for e in evidence}
        seen_pages = {e.page for e in evidence}
        evidence += [e for e in extra if (e.page, e.note) not in seen and e.page not in seen_pages]
        mode = rules.statements[statement.id].combine
        scores = [c.score for c in criteria if c.score is not None]
        if scores:
            score: int | None = _combine(mode, scores)
            conclusion = _conclusion(mode, score or 0, criteria)
        else:
            score = None
            conclusion = "It could not be scored from this build; the QA lead must judge it."
        if score is None or score == 3:
            statement_actions = []  # the action plan is for statements not fully met
        results.append(
            StatementResult(
                statement.id,
                statement.text,
                True,
                score,
                " ".join([*(c.sentence for c in criteria), conclusion]),
                tuple(evidence),
                statement.prompt,
                tuple(criteria),
                tuple(u for u in used if ctx.summary(u) is not None),
                conclusion,
            )
        )
        actions += statement_actions
    return Assessment(tuple(results), tuple(actions))
