"""Putting it together: every statement scored or given evidence, and the action plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sendqa_build.core.scoring.auto import SCORERS
from sendqa_build.core.scoring.context import Context
from sendqa_build.core.scoring.manual import manual_evidence
from sendqa_build.core.scoring.model import (
    SCORE_WORDS,
    Assessment,
    Criterion,
    Evidence,
    PageFacts,
    StatementResult,
)
from sendqa_build.core.scoring.rules import ScoringRules, Toolkit
from sendqa_build.core.scoring.wording import plural


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


def assess(
    toolkit: Toolkit,
    rules: ScoringRules,
    summaries: Mapping[str, Mapping[str, Any] | None],
    pages: Sequence[PageFacts],
    today: dt.date,
    keyword_hits: Mapping[str, Sequence[Evidence]] | None = None,
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
        keyword_hits: ``keyword_evidence_by_statement`` of ``pages``, when worked out already
            (in a second process); else it is worked out here.
    """
    ctx = Context(rules, summaries, pages, today)
    results, actions = [], []
    for statement in toolkit.statements:
        hits = None if keyword_hits is None else keyword_hits.get(statement.id, ())
        if not statement.auto or statement.id not in SCORERS:
            evidence = manual_evidence(ctx, statement, hits)
            found = (
                f"The site offers {plural(len(evidence), 'item')} of evidence, listed below."
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
        criteria, evidence, statement_actions, used = SCORERS[statement.id](ctx)
        extra = manual_evidence(ctx, statement, hits)
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
