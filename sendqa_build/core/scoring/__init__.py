"""Pre-scoring the SEND QA Toolkit (Section 4) statements from the checks' results.

Pure: the checks' summaries (see ARCHITECTURE.md, "Summaries for the QA report"), facts about
each page and the reference date go in; every statement with its score, rationale and evidence,
and the action plan, come out. Six statements (1.6, 1.7, 1.8, 1.11, 1.13, 1.15) are scored from
the site; the other ten need a person, so they get the evidence the site offers and a prompt.

A check that did not run (switched off or not in ``mkdocs.yml``) is never an error: the statement
is scored from what is there and the rationale says what was missing.

One module per job:

- ``rules``: reading ``checks/scoring.yml`` (thresholds) and ``checks/qa-statements.yml``.
- ``model``: the inputs (``PageFacts``) and results (statements, evidence, actions).
- ``wording``: figures and sentences (shares, plurals, lists, dates, owners).
- ``context``: what every scorer shares (summaries, pages, target date, actions per owner).
- ``auto``: the six statements scored from the site.
- ``manual``: evidence for the ten statements a person judges (requirements, types, keywords).
- ``assess``: putting it together.
"""

from sendqa_build.core.scoring.assess import assess
from sendqa_build.core.scoring.context import CHECK_LABELS
from sendqa_build.core.scoring.manual import keyword_evidence_by_statement, keyword_pattern
from sendqa_build.core.scoring.model import (
    SCORE_WORDS,
    Action,
    Assessment,
    Criterion,
    Evidence,
    PageFacts,
    StatementResult,
    facts_from_index,
    normalise,
)
from sendqa_build.core.scoring.rules import (
    AUTO_IDS,
    COMBINE_MODES,
    CRITERIA,
    CountRule,
    EvidenceSources,
    ScoringRules,
    ShareRule,
    StatementDef,
    StatementRules,
    Toolkit,
    parse_scoring_rules,
    parse_toolkit,
)
from sendqa_build.core.scoring.wording import long_date, owned_by

__all__ = [
    "AUTO_IDS",
    "CHECK_LABELS",
    "COMBINE_MODES",
    "CRITERIA",
    "SCORE_WORDS",
    "Action",
    "Assessment",
    "CountRule",
    "Criterion",
    "Evidence",
    "EvidenceSources",
    "PageFacts",
    "ScoringRules",
    "ShareRule",
    "StatementDef",
    "StatementResult",
    "StatementRules",
    "Toolkit",
    "assess",
    "facts_from_index",
    "keyword_evidence_by_statement",
    "keyword_pattern",
    "long_date",
    "normalise",
    "owned_by",
    "parse_scoring_rules",
    "parse_toolkit",
]
