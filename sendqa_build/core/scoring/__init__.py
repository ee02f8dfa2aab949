"""Pre-scoring the SEND QA Toolkit (Section 4) statements from the checks' results.

Pure: the checks' summaries (see ARCHITECTURE.md, "Summaries for the QA report"), facts about
each page and the reference date go in; every statement with its score, rationale and evidence,
and the action plan, come out. Six statements (1.6, 1.7, 1.8, 1.11, 1.13, 1.15) are scored from
the site; the other ten need a person, so they get the evidence the site offers. Every statement
gets prompts for the evidence only the QA lead has.

A check that did not run (switched off or not in ``mkdocs.yml``) is never an error: the statement
is scored from what is there and the rationale says what was missing.

One module per job:

- ``rules``: reading ``checks/scoring.yml`` (thresholds) and ``checks/qa-statements.yml``.
- ``model``: the inputs (``PageFacts``) and results (statements, evidence, actions).
- ``wording``: figures and sentences (shares, plurals, lists, dates, owners).
- ``context``: what every scorer shares (summaries, pages, pages removed since earlier builds,
  actions worded for the return).
- ``auto``: the six statements scored from the site.
- ``evidence``: pages a QA lead can cite (requirements mapped to the statement, with the
  sentence that answers them; services outside the area; page types), and the figures.
- ``assess``: putting it together.
"""

from sendqa_build.core.scoring.assess import assess
from sendqa_build.core.scoring.context import CHECK_LABELS, KnownPage
from sendqa_build.core.scoring.evidence import quoted, services_by_requirement, statement_evidence
from sendqa_build.core.scoring.model import (
    PRIORITIES,
    SCORE_WORDS,
    Action,
    Assessment,
    Criterion,
    Evidence,
    PageFacts,
    StatementResult,
    facts_from_index,
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
    "PRIORITIES",
    "SCORE_WORDS",
    "Action",
    "Assessment",
    "CountRule",
    "Criterion",
    "Evidence",
    "EvidenceSources",
    "KnownPage",
    "PageFacts",
    "ScoringRules",
    "ShareRule",
    "StatementDef",
    "StatementResult",
    "StatementRules",
    "Toolkit",
    "assess",
    "facts_from_index",
    "long_date",
    "owned_by",
    "parse_scoring_rules",
    "parse_toolkit",
    "quoted",
    "services_by_requirement",
    "statement_evidence",
]
