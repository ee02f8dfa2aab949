"""Putting it together: every statement scored or given evidence, and the action plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from sendqa_build.core.scoring.auto import SCORERS
from sendqa_build.core.scoring.context import Context, KnownPage
from sendqa_build.core.scoring.evidence import figure_evidence, statement_evidence
from sendqa_build.core.scoring.model import (
    PRIORITIES,
    SCORE_WORDS,
    Action,
    Assessment,
    Criterion,
    PageFacts,
    StatementResult,
)
from sendqa_build.core.scoring.rules import ScoringRules, Toolkit
from sendqa_build.core.scoring.wording import join_and, long_date, plural
from sendqa_build.summaries import Summaries


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


_STATEMENT_OF = {
    "information-advice-support": "1.6",
    "complaints-and-appeals": "1.6",
    "decisions-and-accountability": "1.8",
    "feedback": "1.11",
    "you-said-we-did": "1.13",
}
"""The auto statement that scores each requirement it judges (see ``auto``)."""


def _removed_page_actions(ctx: Context, auto: Sequence[str]) -> list[Action]:
    """One action per page removed since an earlier build that still matters: a requirement it
    covered is now missing, or pages still link to it. The links join the page's row (one
    root cause), and its owner in the last build that had it is responsible."""
    missing = {row.id: row for row in ctx.requirements() if row.status == "missing"}
    actions = []
    for src in sorted(ctx.removed):
        removed = ctx.removed[src]
        page = removed.page
        lost = [missing[r] for r in page.covers if r in missing]
        if not lost and not removed.linked_from:
            continue
        title = page.title or src
        when = page.last_seen
        since = f" (last in the build of {long_date(when)})" if when else ""
        parts = []
        if lost:
            parts.append("it covered " + join_and([f"'{row.title or row.id}'" for row in lost]))
        links = sum(removed.linked_from.values())
        linking = sorted(removed.linked_from)
        if linking:
            parts.append(
                f"{plural(links, 'link')} on {ctx.listing(linking)} still "
                f"{'leads' if links == 1 else 'lead'} to it"
            )
        sid = "1.7"
        for row in lost:
            options = [s for s in row.statements if s in auto]
            sid = _STATEMENT_OF.get(row.id) or (options[0] if options else sid)
            break
        covers = ", ".join(str(r) for r in page.covers)
        fix = (
            f"Restore the page ({src}), or publish its replacement"
            + (f" with 'covers: [{covers}]' in its front matter" if lost else "")
            + ("; then correct or remove the links to it on the pages listed." if linking else ".")
        )
        actions.append(
            ctx.action(
                sid,
                f"Restore or replace '{title}', removed from the site{since}: " + "; ".join(parts),
                linking,
                who=page.owner or ctx.rules.default_responsibility,
                priority="statutory" if lost else "broken-links",
                fix=fix,
                weight=links,
            )
        )
    return actions


def _ordered(actions: Sequence[Action]) -> list[Action]:
    """Statutory gaps first, then overdue pages (longest overdue first), broken links (most
    first), wording and the rest; each kind in statement order."""

    def key(action: Action) -> tuple[int, int, tuple[int, ...], str]:
        rank = PRIORITIES.index(action.priority) if action.priority in PRIORITIES else 99
        number = tuple(int(n) for n in action.statement.split(".") if n.isdigit())
        if action.priority in ("overdue", "broken-links"):
            return (rank, -action.weight, number, action.action)
        return (rank, 0, number, action.action)

    return sorted(actions, key=key)


def assess(
    toolkit: Toolkit,
    rules: ScoringRules,
    summaries: Summaries,
    pages: Sequence[PageFacts],
    today: dt.date,
    *,
    site_url: str | None = None,
    known_pages: Mapping[str, KnownPage] | None = None,
    services: Mapping[str, int] | None = None,
) -> Assessment:
    """Score the auto statements, gather evidence for every statement and draft the action plan.

    Args:
        toolkit: the statements (``checks/qa-statements.yml``).
        rules: the thresholds (``checks/scoring.yml``).
        summaries: the summaries of the checks that ran (``sendqa_build/summaries.py``).
        pages: facts about every page.
        today: the reference date (target dates are counted from it).
        site_url: the site's live address, for the evidence's links.
        known_pages: pages seen by earlier builds (the report's history), by path: a page
            removed since gives one action with its owner of the time.
        services: services listed in the directory for each requirement that maps to a kind of
            service (a requirement covered only by a guide, with none listed, says so).
    """
    ctx = Context(
        rules,
        summaries,
        pages,
        today,
        site_url=site_url,
        known_pages=known_pages,
        services=services,
    )
    results, actions = [], []
    for statement in toolkit.statements:
        pages_cited, more = statement_evidence(ctx, statement)
        if not statement.auto or statement.id not in SCORERS:
            found = (
                f"The site offers {plural(len(pages_cited) + more, 'page')} of evidence; the "
                "best are listed."
                if pages_cited
                else "The site offers no evidence for it yet."
            )
            results.append(
                StatementResult(
                    statement.id,
                    statement.text,
                    False,
                    None,
                    f"A person must judge this statement. {found}",
                    tuple(pages_cited),
                    statement.prompt,
                    prompts=statement.prompts,
                    more_evidence=more,
                )
            )
            continue
        criteria, statement_actions, used = SCORERS[statement.id](ctx)
        mode = rules.statements[statement.id].combine
        scores = [c.score for c in criteria if c.score is not None]
        unchecked = tuple(dict.fromkeys(c.unchecked for c in criteria if c.unchecked))
        score: int | None = _combine(mode, scores) if scores else None
        if score is None:
            conclusion = "It could not be scored from this build; the QA lead must judge it."
        elif unchecked and all(c.score == 3 or c.unchecked for c in criteria if c.score):
            score = min(score, 2)
            conclusion = (
                "Scored 2 (partially met), provisional: everything this build checked is met, "
                f"but {join_and(list(unchecked))}."
            )
        else:
            conclusion = _conclusion(mode, score, criteria)
            if unchecked:
                conclusion += f" Provisional: {join_and(list(unchecked))}."
        if score is None or score == 3:
            statement_actions = []  # the action plan is for statements not fully met
        results.append(
            StatementResult(
                statement.id,
                statement.text,
                True,
                score,
                " ".join([*(c.sentence for c in criteria), conclusion]),
                tuple(figure_evidence(criteria) + pages_cited),
                statement.prompt,
                tuple(criteria),
                tuple(u for u in used if summaries.ran(u)),
                conclusion,
                prompts=statement.prompts,
                provisional=unchecked if score is not None else (),
                more_evidence=more,
            )
        )
        actions += statement_actions
    auto = [s.id for s in toolkit.statements if s.auto]
    actions += _removed_page_actions(ctx, auto)
    return Assessment(tuple(results), tuple(_ordered(actions)))
