"""Reading the QA report's rule files: ``checks/scoring.yml`` and ``checks/qa-statements.yml``.

The thresholds and the statements are data an editor can change; a mistake in them is one
``RulesError`` naming the file and the problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendqa_build.core.scoring.model import PRIORITIES
from sendqa_build.core.scoring.wording import pct
from sendqa_build.rules import RulesError, expect_mapping

AUTO_IDS = ("1.6", "1.7", "1.8", "1.11", "1.13", "1.15")
COMBINE_MODES = ("lowest", "all-or-none")

# What each auto statement's rules must contain: criterion name -> "share" or "count".
CRITERIA: dict[str, dict[str, str]] = {
    "1.6": {"eligibility": "share"},
    "1.7": {"in_date": "share", "broken_links": "count"},
    "1.8": {"owners": "share", "decided_by": "share"},
    "1.11": {},
    "1.13": {"answered": "share", "personal_data": "count"},
    "1.15": {"acronyms": "share", "words_to_avoid": "share", "pages_passing": "share"},
}


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
        full = "every page" if self.full >= 1 else f"at least {pct(self.full)}"
        return f"fully met needs {full}, partially met at least {pct(self.partial)}"


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
    priorities: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PRIORITIES, 3))
    """Months from the reference date to the target date, by kind of action."""
    default_responsibility: str = "Local Offer manager"
    list_pages: int = 5
    evidence_pages: int = 5


@dataclass(frozen=True)
class EvidenceSources:
    """Where to look for pages that support a statement."""

    requirements: tuple[str, ...] = ()
    outside_area: bool = False
    page_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatementDef:
    """One toolkit statement, word for word."""

    id: str
    text: str
    auto: bool
    prompts: tuple[str, ...] = ()
    """The evidence only the QA lead has (user testing, complaint logs...), to add."""
    evidence: EvidenceSources = EvidenceSources()

    @property
    def prompt(self) -> str:
        """The prompts as one paragraph."""
        return " ".join(self.prompts)


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
    if isinstance(top.get("actions"), dict) and "target_months" in top["actions"]:
        raise _error(
            path,
            "'actions.target_months' is now set for each kind of action: use "
            "'actions.priorities' with months for " + ", ".join(PRIORITIES),
        )
    actions = expect_mapping(
        top.get("actions") or {},
        path,
        {"priorities", "default_responsibility", "list_pages"},
    )
    given = expect_mapping(actions.get("priorities") or {}, path, set(PRIORITIES))
    missing = [name for name in PRIORITIES if name not in given]
    if missing:
        raise _error(
            path,
            f"'actions.priorities' needs months for every kind of action; missing: "
            f"{', '.join(missing)}",
        )
    priorities = {
        name: _whole(given[name], path, f"actions.priorities.{name}") for name in PRIORITIES
    }
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
        priorities=priorities,
        default_responsibility=str(
            actions.get("default_responsibility") or "Local Offer manager"
        ).strip(),
        list_pages=max(1, _whole(actions.get("list_pages", 5), path, "actions.list_pages")),
        evidence_pages=max(1, _whole(evidence.get("max_pages", 5), path, "evidence.max_pages")),
    )


def _strings(value: Any, path: Path, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _error(path, f"'{where}' must be a list of words, ids or sentences")
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
        block = expect_mapping(item, path, {"id", "text", "auto", "prompts", "prompt", "evidence"})
        sid, text = str(block.get("id") or ""), str(block.get("text") or "").strip()
        if not sid or not text:
            raise _error(path, f"statement {index} needs an 'id' and a 'text'")
        sources = expect_mapping(
            block.get("evidence") or {},
            path,
            {"requirements", "outside_area", "page_types"},
        )
        prompts = _strings(block.get("prompts"), path, f"{sid}.prompts")
        if not prompts and isinstance(block.get("prompt"), str) and block["prompt"].strip():
            prompts = (block["prompt"].strip(),)  # one paragraph, as files written before had
        if not prompts:
            raise _error(path, f"statement '{sid}' needs 'prompts': the evidence the QA lead adds")
        result.append(
            StatementDef(
                id=sid,
                text=text,
                auto=bool(block.get("auto", False)),
                prompts=tuple(" ".join(p.split()) for p in prompts),
                evidence=EvidenceSources(
                    requirements=_strings(sources.get("requirements"), path, f"{sid}.requirements"),
                    outside_area=bool(sources.get("outside_area", False)),
                    page_types=_strings(sources.get("page_types"), path, f"{sid}.page_types"),
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
