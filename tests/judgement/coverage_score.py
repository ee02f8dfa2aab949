"""Score the coverage check on the judgement corpus (``tests/judgement/coverage/``).

Every case is text written the way council editors write, marked with whether it must count
for one ``must_contain`` item or must not: a true positive is a "count" case that counts, a
false positive a "miss" case (a keyword without the substance) that counts, a false negative a
"count" case that does not. ``held-out.yml`` was written after the rules were tuned, so its
figure shows how the rules do on text they were not tuned to.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sendqa_build.core.coverage import PageFacts, find_item, page_facts
from sendqa_build.core.requirements import Catalogue, ContentRule, load_catalogue

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "coverage"
AREA = "Wyvernshire"
ITEM_FILES = ("items.yml", "held-out.yml", "held-out-2.yml")
PAGE_FILES = ("pages.yml", "held-out-pages.yml")


@dataclass(frozen=True)
class Case:
    """One judgement: does this page satisfy this item?"""

    source: str
    requirement: str
    item: str
    expected: bool
    page: PageFacts

    def judged(self, catalogue: Catalogue) -> bool:
        return (
            find_item(self.page, rule_named(catalogue, self.requirement, self.item), AREA)
            is not None
        )


def rule_named(catalogue: Catalogue, req_id: str, start: str) -> ContentRule:
    """The item of a requirement whose name is ``start`` or, uniquely, starts with it."""
    req = catalogue.get(req_id)
    if req is None:
        raise KeyError(f"unknown requirement '{req_id}'")
    exact = [r for r in req.must_contain if r.name == start]
    found = exact or [r for r in req.must_contain if r.name.startswith(start)]
    if len(found) != 1:
        raise KeyError(f"'{start}' names {len(found)} items of '{req_id}'")
    return found[0]


def _page(req_id: str, case: Any, number: int) -> PageFacts:
    data = {"body": case} if isinstance(case, str) else dict(case)
    body = str(data.pop("body", ""))
    meta: dict[str, Any] = {"type": "guide", "title": "Local Offer", **data}
    meta["covers"] = [req_id]
    lines = list(enumerate(body.split("\n"), start=10))
    return page_facts(f"case-{number}.md", meta, lines, covers_line=5, body_line=10)


def item_cases(name: str, catalogue: Catalogue) -> Iterator[Case]:
    """The cases of an item file: requirement -> item -> count / miss lists."""
    path = CORPUS / name
    if not path.exists():
        return
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    number = 0
    for req_id, items in data.items():
        for start, cases in items.items():
            item = rule_named(catalogue, req_id, start).name
            for key, expected in (("count", True), ("miss", False)):
                for case in cases.get(key) or []:
                    number += 1
                    yield Case(name, req_id, item, expected, _page(req_id, case, number))


def page_cases(name: str, catalogue: Catalogue) -> Iterator[Case]:
    """The cases of a page file: each page with the items it must and must not satisfy."""
    path = CORPUS / name
    if not path.exists():
        return
    for number, data in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
        data = dict(data)
        req_id = str(data.pop("covers"))
        present, absent = data.pop("present", []) or [], data.pop("absent", []) or []
        facts = _page(req_id, data, number)
        for start, expected in [*((p, True) for p in present), *((a, False) for a in absent)]:
            item = rule_named(catalogue, req_id, start).name
            yield Case(name, req_id, item, expected, facts)


def all_cases(catalogue: Catalogue | None = None) -> list[Case]:
    catalogue = catalogue or load_catalogue(ROOT / "checks" / "requirements.yml")
    cases = [c for n in ITEM_FILES for c in item_cases(n, catalogue)]
    return cases + [c for n in PAGE_FILES for c in page_cases(n, catalogue)]


def tally(cases: list[Case], catalogue: Catalogue) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives)."""
    tp = fp = fn = 0
    for case in cases:
        got = case.judged(catalogue)
        tp += got and case.expected
        fp += got and not case.expected
        fn += case.expected and not got
    return tp, fp, fn


def score() -> dict[str, tuple[int, int, int]]:
    """``{"coverage": (true positives, false positives, false negatives)}`` on the whole corpus."""
    catalogue = load_catalogue(ROOT / "checks" / "requirements.yml")
    return {"coverage": tally(all_cases(catalogue), catalogue)}


def score_by_file() -> Mapping[str, tuple[int, int, int]]:
    """The same figures for each corpus file (the held-out ones apart)."""
    catalogue = load_catalogue(ROOT / "checks" / "requirements.yml")
    cases = all_cases(catalogue)
    names = dict.fromkeys(c.source for c in cases)
    return {n: tally([c for c in cases if c.source == n], catalogue) for n in names}


def wrong(catalogue: Catalogue | None = None) -> list[Case]:
    """Cases judged wrongly, to read when a figure drops."""
    catalogue = catalogue or load_catalogue(ROOT / "checks" / "requirements.yml")
    return [c for c in all_cases(catalogue) if c.judged(catalogue) != c.expected]


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


if __name__ == "__main__":
    for name, (tp, fp, fn) in score_by_file().items():
        print(
            f"{name}: precision {_percent(tp, tp + fp)}, recall {_percent(tp, tp + fn)}"
            f" (tp {tp}, fp {fp}, fn {fn})"
        )
    for case in wrong():
        text = " / ".join(u.text for u in case.page.units)[:160]
        kind = "missed" if case.expected else "false match"
        print(f"{kind}: {case.source} {case.requirement}: {case.item}: {text}")
