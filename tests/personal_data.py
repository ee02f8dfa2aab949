"""Recall and precision of the personal data check on comments the project wrote.

    .venv/bin/python -m tests.personal_data            # both sets, with every miss and false alarm
    .venv/bin/python -m tests.personal_data --quiet    # the figures only

A comment with personal data counts as found when the check reports any kind for it (the editor
is sent to it); the kinds it names are compared too, and shown. tests/unit/test_feedback.py
holds the tuning set to the targets (recall >= 95%, precision >= 90%).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sendqa_build.core import feedback
from sendqa_build.core.feedback import FeedbackRules, find_personal_data
from sendqa_build.rules import load_rules_file

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SETS = {
    "tuning": DATA / "personal-data-comments.yml",
    "held out": DATA / "personal-data-held-out.yml",
}
KINDS = {
    "name": feedback.NAME,
    "date-of-birth": feedback.DATE_OF_BIRTH,
    "identifying-details": feedback.IDENTIFYING,
    "address": feedback.ADDRESS,
    "reference": feedback.REFERENCE,
    "email": feedback.EMAIL,
    "phone": feedback.PHONE,
    "postcode": feedback.POSTCODE,
    "nhs-number": feedback.NHS_NUMBER,
}


@dataclass
class Score:
    """Counts over one set of comments, comment by comment."""

    positives: int = 0
    negatives: int = 0
    found: int = 0
    """Comments with personal data that the check reported."""
    false_alarms: int = 0
    kinds_expected: int = 0
    kinds_found: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.positives if self.positives else 1.0

    @property
    def precision(self) -> float:
        reported = self.found + self.false_alarms
        return self.found / reported if reported else 1.0

    @property
    def kind_recall(self) -> float:
        return self.kinds_found / self.kinds_expected if self.kinds_expected else 1.0


def rules() -> FeedbackRules:
    path = ROOT / "checks" / "feedback.yml"
    return FeedbackRules.from_data(load_rules_file(path), path)


def comments(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text("utf-8"))
    return list(data)


def score(items: list[dict[str, Any]], check: FeedbackRules) -> tuple[Score, list[str]]:
    """The counts, and a line for each comment the check got wrong."""
    result = Score()
    wrong = []
    for item in items:
        expected = [KINDS[kind] for kind in item["expect"]]
        found = find_personal_data(item["text"], check)
        if expected:
            result.positives += 1
            result.found += bool(found)
            result.kinds_expected += len(expected)
            result.kinds_found += len(set(expected) & set(found))
            if not found or set(expected) - set(found):
                wrong.append(f"  missed {sorted(set(expected) - set(found))}: {item['text']}")
        else:
            result.negatives += 1
            result.false_alarms += bool(found)
            if found:
                wrong.append(f"  false alarm {found}: {item['text']}")
    return result, wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="the figures only")
    args = parser.parse_args(argv)
    check = rules()
    for name, path in SETS.items():
        if not path.is_file():
            continue
        result, wrong = score(comments(path), check)
        print(
            f"{name}: {result.positives} comments with personal data, {result.negatives} "
            f"without; recall {result.recall:.1%} ({result.found}/{result.positives}), "
            f"precision {result.precision:.1%} ({result.false_alarms} false alarms), "
            f"kinds named {result.kind_recall:.1%}"
        )
        if not args.quiet:
            print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main())
