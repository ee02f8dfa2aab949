"""The coverage check scored on the judgement corpus (tests/judgement/coverage/): precision at
least 97% and recall at least 90%, and a corpus that really covers every item."""

from __future__ import annotations

import yaml

from sendqa_build.core.requirements import load_catalogue
from tests.judgement import coverage_score
from tests.judgement.coverage_score import CORPUS, ROOT, all_cases, rule_named, score

CATALOGUE = load_catalogue(ROOT / "checks" / "requirements.yml")


def test_coverage_precision_and_recall_on_the_corpus() -> None:
    tp, fp, fn = score()["coverage"]
    wrong = [
        f"{c.source} {c.requirement}: {c.item} (expected {c.expected})"
        for c in coverage_score.wrong(CATALOGUE)
    ]
    assert tp / (tp + fp) >= 0.97, wrong
    assert tp / (tp + fn) >= 0.90, wrong


def test_every_item_has_four_paraphrases_and_two_near_misses() -> None:
    data = yaml.safe_load((CORPUS / "items.yml").read_text(encoding="utf-8"))
    counted: dict[tuple[str, str], tuple[int, int]] = {}
    for req_id, items in data.items():
        for start, cases in items.items():
            name = rule_named(CATALOGUE, req_id, start).name
            assert (req_id, name) not in counted, f"{req_id}: '{name}' twice"
            counted[req_id, name] = (len(cases.get("count") or []), len(cases.get("miss") or []))
    for req in CATALOGUE.requirements:
        for rule in req.must_contain:
            counts, misses = counted.get((req.id, rule.name), (0, 0))
            assert counts >= 4 and misses >= 2, f"{req.id}: '{rule.name}' has {counts}, {misses}"


def test_the_corpus_has_whole_pages_and_a_held_out_part() -> None:
    sources = {c.source for c in all_cases(CATALOGUE)}
    assert {"items.yml", "pages.yml", "held-out.yml", "held-out-pages.yml"} <= sources


def test_the_scorer_counts_a_false_match() -> None:
    """The scorer is not a formality: a rule that matches nothing gives no true positives."""
    case = next(c for c in all_cases(CATALOGUE) if c.expected)
    assert coverage_score.tally([case], CATALOGUE) == (1, 0, 0)
    flipped = type(case)(case.source, case.requirement, case.item, False, case.page)
    assert coverage_score.tally([flipped], CATALOGUE) == (0, 1, 0)
