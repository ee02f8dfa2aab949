"""Scoring the six statements judged from the site: 1.6, 1.7, 1.8, 1.11, 1.13 and 1.15.

Each scorer reads the checks' summaries through the ``Context`` and gives back its criteria
(each with the figure behind its score), actions and the checks it used; ``assess`` combines the
criteria into one score and lists the figures and pages as evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sendqa_build.core.durations import add_months
from sendqa_build.core.scoring.context import Context
from sendqa_build.core.scoring.evidence import service_note
from sendqa_build.core.scoring.model import Action, Criterion
from sendqa_build.core.scoring.wording import (
    join_and,
    long_date,
    plural,
    ratio,
    the,
)
from sendqa_build.summaries import PageReviewRow, PlainPage

# ---------------------------------------------------------------------------------------------
# Requirement criteria (from the coverage matrix)


def _without_pages(text: str, pages: Sequence[str]) -> str:
    """``mediation (complaints.md)`` -> ``mediation``: the pages are already named."""
    for page in pages:
        text = text.replace(f" ({page})", "")
    return text


def _requirement_criterion(
    ctx: Context, sid: str, req_id: str, label: str, fix: str
) -> tuple[Criterion, list[Action]]:
    """Score one requirement of the catalogue: covered 3, thin 2, missing 1.

    Its pages are cited as the statement's evidence (``evidence.statement_evidence``); a page
    removed since an earlier build that covered it makes one action with the links to it.
    """
    if ctx.coverage is None:
        return ctx.missing("coverage", f"whether the site covers {label}"), []
    item = ctx.requirement(req_id)
    if item is None:
        sentence = (
            f"The requirement catalogue has no '{req_id}' requirement, so {label} could not be "
            "judged."
        )
        return Criterion(req_id, None, sentence), []
    title = item.title or req_id
    status = item.status
    pages = sorted(item.pages)
    lacking = [_without_pages(m, pages) for m in item.missing]
    names = ctx.listing(pages) or "the site"
    if status == "covered":
        note = service_note(ctx, req_id, pages)
        sentence = f"'{title}' is covered by {names}" + (f" ({note})." if note else ".")
        figure = f"covered by {plural(len(pages), 'page')}"
        return Criterion(req_id, 3, sentence, figure, title=f"'{title}'"), []
    if status == "thin":
        gaps = f": it does not yet cover {join_and(lacking)}" if lacking else ""
        sentence = f"'{title}' is covered only in part by {names}{gaps}."
        add = f": add {join_and(lacking)}" if lacking else f"; {fix}"
        text = f"Complete '{title}' on {names}{add}"
        action = ctx.action(
            sid,
            text,
            pages,
            priority="statutory",
            fix=f"Add what is missing to the page; each page keeps 'covers: [{req_id}]' in its "
            "front matter.",
        )
        criterion = Criterion(req_id, 2, sentence, "covered in part", title=f"'{title}'")
        return criterion, [action]
    sentence = f"No page covers '{title}'."
    criterion = Criterion(req_id, 1, sentence, "not covered", title=f"'{title}'")
    if ctx.removed_covering(req_id) is not None:
        return criterion, []  # one action for the removed page and its links (assess)
    action = ctx.action(
        sid,
        f"Publish a page on '{title}': {fix}",
        who=ctx.past_owners(req_id),
        priority="statutory",
        fix=f"Write the page and add 'covers: [{req_id}]' to its front matter, so the coverage "
        "check can find it.",
    )
    return criterion, [action]


# ---------------------------------------------------------------------------------------------
# The six auto statements


Scored = tuple[list[Criterion], list[Action], list[str]]


def _score_1_6(ctx: Context) -> Scored:
    criteria, actions = [], []
    rule = ctx.rules.statements["1.6"].shares["eligibility"]
    coverage = ctx.coverage
    if coverage is None:
        criteria.append(ctx.missing("coverage", "eligibility criteria on service pages"))
    else:
        total = coverage.counts.service_pages
        with_elig = coverage.counts.service_pages_with_eligibility
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
                f"{ratio(with_elig, total)} service pages say who can use the service "
                f"({rule.describe()})."
            )
            criteria.append(
                Criterion(
                    "eligibility",
                    score,
                    sentence,
                    f"{ratio(with_elig, total)} service pages",
                    title="Service pages that say who can use the service",
                )
            )
            lacking = [
                p.src for p in ctx.page_list if p.page_type == "service" and not p.has_eligibility
            ]
            if score < 3:
                actions += ctx.per_owner_actions(
                    "1.6",
                    lacking,
                    lambda names, team, n: f"Say who can use {names}{team}",
                    priority="statutory",
                    fix="Add 'eligibility' to the front matter of each page: who can use the "
                    "service, in a sentence.",
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
        crit, acts = _requirement_criterion(ctx, "1.6", req_id, label, fix)
        criteria.append(crit)
        actions += acts
    return criteria, actions, ["coverage"]


def _months_since(day: dt.date, today: dt.date) -> int:
    months = (today.year - day.year) * 12 + today.month - day.month
    return months - (1 if today.day < day.day else 0)


def _overdue_action(ctx: Context, page: PageReviewRow) -> Action:
    src = page.page
    title = page.title or ctx.title(src)
    owner = page.owner or ctx.owner_of(src)
    due = page.review_by
    checked = page.last_reviewed_on
    team = f" ({owner})" if owner else " (no owner named)"
    if checked is not None:
        months = _months_since(checked, ctx.today)
        ago = plural(months, "month") if months >= 1 else "less than a month"
        why = f"{ago} since last checked"
    else:
        why = "no date it was last checked"
    if due is not None:
        why += f", due by {long_date(due)}"
    days = (ctx.today - due).days if due is not None else 0
    return ctx.action(
        "1.7",
        f"Review '{title}'{team}: {why}",
        [src],
        who=owner or "",
        priority="overdue",
        fix="Check the page with its provider, correct it, then set 'last_reviewed_on' in its "
        "front matter to the date it was checked.",
        weight=days,
    )


def _score_1_7(ctx: Context) -> Scored:
    rules = ctx.rules.statements["1.7"]
    criteria, actions = [], []
    freshness = ctx.freshness
    if freshness is None:
        criteria.append(ctx.missing("freshness", "whether pages are within their review date"))
    else:
        total = freshness.total or len(freshness.pages)
        in_date = freshness.in_date
        overdue = [p for p in freshness.pages if p.status == "overdue"]
        due_soon = freshness.due_soon
        if total == 0:
            criteria.append(Criterion("in_date", None, "The site has no pages to judge."))
        else:
            rule = rules.shares["in_date"]
            score = rule.score(in_date, total)
            soon = plural(due_soon, "page is", "pages are")
            extra = f"; {soon} due for review soon" if due_soon else ""
            undated = freshness.unknown
            if undated:
                extra += f"; {plural(undated, 'page has', 'pages have')} no valid review date"
            late = plural(freshness.overdue or len(overdue), "page is", "pages are")
            sentence = (
                f"{ratio(in_date, total)} pages are within their review date, {late} "
                f"overdue{extra} ({rule.describe()})."
            )
            criteria.append(
                Criterion(
                    "in_date",
                    score,
                    sentence,
                    f"{ratio(in_date, total)} pages",
                    title="Pages within their review date",
                )
            )
        actions += [_overdue_action(ctx, page) for page in overdue]
    links = ctx.links
    if links is None:
        criteria.append(ctx.missing("links", "broken links"))
    else:
        internal = links.internal_broken
        ext_broken = links.external.broken
        broken = internal + ext_broken
        per_page = {src: v.broken for src, v in links.pages.items() if v.broken}
        where = f" on {plural(len(per_page), 'page')}" if per_page else ""
        sentence = (
            f"The site has {plural(broken, 'broken link') if broken else 'no broken links'}"
            f"{where} ({internal} internal, "
            f"{ext_broken} external); fully met allows "
            f"{rules.counts['broken_links'].max_for_3 or 'none'}."
        )
        score = rules.counts["broken_links"].score(broken)
        unchecked = ""
        if not links.external_checked:
            reason = (links.reason or "").strip().removeprefix("not checked:").strip()
            why = f" ({reason.rstrip('.')})" if reason else ""
            unchecked = f"external links were not checked in this build{why}"
            sentence += (
                f" External links were not checked in this build{why}, so this part is not "
                "fully met until they are."
            )
            score = min(score, 2)
        figure_text = plural(broken, "broken link") + (
            " (internal links only)" if unchecked else ""
        )
        criteria.append(
            Criterion(
                "broken_links",
                score,
                sentence,
                figure_text,
                unchecked,
                title="Broken links",
            )
        )
        if broken:
            to_removed = ctx.links_to_removed()
            own = {
                src: count - to_removed.get(src, 0)
                for src, count in per_page.items()
                if count - to_removed.get(src, 0) > 0
            }
            actions += ctx.per_owner_actions(
                "1.7",
                own,
                lambda names, team, n: f"Fix {plural(n, 'broken link')} on {names}{team}",
                priority="broken-links",
                fix="The link findings of this report give each broken link and its line: "
                "correct the address or remove the link.",
                counts=own,
            )
            unplaced = broken - sum(per_page.values())
            if unplaced > 0:
                actions.append(
                    ctx.action(
                        "1.7",
                        f"Fix {the(unplaced, 'other broken link')} on the site's generated pages",
                        priority="broken-links",
                        fix="The link findings of this report list each one.",
                        weight=unplaced,
                    )
                )
    return criteria, actions, ["freshness", "links"]


def _score_1_8(ctx: Context) -> Scored:
    rules = ctx.rules.statements["1.8"]
    crit, actions = _requirement_criterion(
        ctx,
        "1.8",
        "decisions-and-accountability",
        "how decisions are made and who is accountable",
        "explain who makes each kind of decision, who is accountable and how to challenge a "
        "decision",
    )
    criteria = [crit]
    coverage = ctx.coverage
    if coverage is None:
        criteria.append(ctx.missing("coverage", "page owners and who decides"))
        return criteria, actions, ["coverage"]
    counts = coverage.counts
    pages, owned = counts.pages, counts.pages_with_owner
    if pages:
        rule = rules.shares["owners"]
        score = rule.score(owned, pages)
        criteria.append(
            Criterion(
                "owners",
                score,
                f"{ratio(owned, pages)} pages name the team that owns them ({rule.describe()}).",
                f"{ratio(owned, pages)} pages",
                title="Pages that name the team responsible",
            )
        )
        no_owner = [p.src for p in ctx.page_list if not p.owner]
        if score < 3 and no_owner:
            actions.append(
                ctx.action(
                    "1.8",
                    f"Name the team responsible for {ctx.listing(no_owner)}",
                    no_owner,  # their owners in earlier builds, else the default
                    priority="other",
                    fix="Add 'owner' (the team's name) to the front matter of each page.",
                    weight=len(no_owner),
                )
            )
    needing = counts.service_pages_needing_decision
    decided = counts.service_pages_with_decided_by
    if needing:
        decided = min(decided, needing)
        rule = rules.shares["decided_by"]
        score = rule.score(decided, needing)
        criteria.append(
            Criterion(
                "decided_by",
                score,
                f"{ratio(decided, needing)} service pages where someone decides who gets the "
                f"service say who decides ({rule.describe()}).",
                f"{ratio(decided, needing)} service pages",
                title="Services that say who decides who gets them",
            )
        )
        if score < 3:
            candidates = sorted(counts.services_without_decided_by)
            fix = (
                "Add 'decided_by' to the front matter of each page: the team or panel that "
                "decides who gets the service."
            )
            if len(candidates) == needing - decided:
                actions += ctx.per_owner_actions(
                    "1.8",
                    candidates,
                    lambda names, team, n: f"Say who decides who gets {names}{team}",
                    priority="statutory",
                    fix=fix,
                )
            else:
                actions.append(
                    ctx.action(
                        "1.8",
                        f"Say who decides who gets the service on "
                        f"{the(needing - decided, 'service page')} where someone decides; "
                        f"pages to check: {ctx.listing(candidates)}",
                        candidates,
                        priority="statutory",
                        fix=fix,
                    )
                )
    else:
        criteria.append(
            Criterion(
                "decided_by",
                None,
                "No service page needs a decision about who gets it, so who decides was not "
                "needed.",
            )
        )
    return criteria, actions, ["coverage"]


def _score_1_11(ctx: Context) -> Scored:
    crit, actions = _requirement_criterion(
        ctx,
        "1.11",
        "feedback",
        "how to comment on the Local Offer and how it is reviewed",
        "say how to comment (phone, email or a form) and how and when the Local Offer is reviewed",
    )
    return [crit], actions, ["coverage", "feedback"]


def _score_1_13(ctx: Context) -> Scored:
    rules = ctx.rules.statements["1.13"]
    feedback = ctx.feedback
    if feedback is None:
        return [ctx.missing("feedback", "'You said, we did' pages")], [], ["feedback"]
    criteria, actions = [], []
    dated = sorted(
        ((r.published_on, r) for r in feedback.rounds), key=lambda dr: (dr[0], dr[1].page)
    )
    cutoff = add_months(ctx.today, -rules.max_age_months)
    period = plural(rules.max_age_months, "month")
    feedback_pages = list(feedback.feedback_pages)
    statutory = "statutory"
    if not dated:
        criteria.append(
            Criterion(
                "recent_round",
                1,
                "No 'You said, we did' page publishes comments on the Local Offer and the "
                "council's response.",
                "no 'You said, we did' page",
                title="Comments and responses published",
            )
        )
        actions.append(
            ctx.action(
                "1.13",
                "Publish the comments received on the Local Offer, the council's response and "
                "the action it will take ('You said, we did')",
                who=ctx.owners_of(feedback_pages) if feedback_pages else "",
                priority=statutory,
                fix="Publish a page with 'type: you-said-we-did' in its front matter.",
            )
        )
        return criteria, actions, ["feedback"]
    newest_day, newest = dated[-1]
    page = newest.page
    name = ctx.name(page)
    title = "Newest 'You said, we did' round"
    if newest_day >= cutoff:
        criteria.append(
            Criterion(
                "recent_round",
                3,
                f"The newest 'You said, we did' round ({name}) was published on "
                f"{long_date(newest_day)}, within the last {period}.",
                f"published {long_date(newest_day)}",
                title=title,
            )
        )
    else:
        criteria.append(
            Criterion(
                "recent_round",
                1,
                f"The newest 'You said, we did' round ({name}) was published on "
                f"{long_date(newest_day)}, more than {period} before {long_date(ctx.today)}; "
                "comments and responses must be published at least annually.",
                f"published {long_date(newest_day)}",
                title=title,
            )
        )
        actions.append(
            ctx.action(
                "1.13",
                f"Publish this year's comments and responses: the newest round ({name}) was "
                f"published on {long_date(newest_day)}",
                [page],
                priority=statutory,
                fix="Publish a new page with 'type: you-said-we-did' and 'published_on'.",
            )
        )
    total = newest.responses
    without = min(newest.without_response, total)
    if total:
        rule = rules.shares["answered"]
        score = rule.score(total - without, total)
        criteria.append(
            Criterion(
                "answered",
                score,
                f"{ratio(total - without, total)} comments in that round have a response and "
                f"action ({rule.describe().replace('every page', 'every comment')}).",
                f"{ratio(total - without, total)} comments answered",
                title="Comments with the council's response",
            )
        )
        if score < 3:
            actions.append(
                ctx.action(
                    "1.13",
                    f"Answer {the(without, 'comment')} without a response on {name}",
                    [page],
                    priority=statutory,
                    fix="The feedback findings list each comment without a response.",
                )
            )
    personal = feedback.personal_data
    score = rules.counts["personal_data"].score(personal)
    criteria.append(
        Criterion(
            "personal_data",
            score,
            f"{plural(personal, 'published comment')} could identify someone."
            if personal
            else "No published comment could identify anyone.",
            plural(personal, "comment") + " that could identify someone",
            title="Published comments that could identify someone",
        )
    )
    if score < 3:
        rounds_pages = [r.page for _, r in dated]
        actions.append(
            ctx.action(
                "1.13",
                f"Remove the details that could identify someone from "
                f"{the(personal, 'published comment')}",
                rounds_pages,
                priority=statutory,
                fix="The feedback findings give each comment and its line.",
            )
        )
    return criteria, actions, ["feedback"]


def _per_page(pages: Sequence[PlainPage], count: Callable[[PlainPage], int]) -> dict[str, int]:
    """Pages with at least one problem of a kind, and how many."""
    return {p.page: count(p) for p in pages if count(p)}


def _words(count: int) -> str:
    return plural(count, "word to avoid", "words to avoid")


def _score_1_15(ctx: Context) -> Scored:
    rules = ctx.rules.statements["1.15"]
    plain = ctx.plain_english
    if plain is None:
        return [ctx.missing("plain-english", "jargon, acronyms and readability")], [], []
    pages = [p for p in plain.pages if p.page]
    totals = plain.totals
    count = totals.pages or len(pages)
    if count == 0:
        return [Criterion("pages", None, "No page text was measured.")], [], ["plain-english"]
    acronym_pages = _per_page(pages, lambda p: p.unexplained_acronyms)
    word_pages = _per_page(pages, lambda p: p.words_to_avoid)
    failing = sorted(p.page for p in pages if not p.passes)
    acronyms = totals.unexplained_acronyms or sum(acronym_pages.values())
    unknown = totals.unknown_acronyms
    words = totals.words_to_avoid or sum(word_pages.values())
    passing = totals.pages_passing
    # Without per-page figures, count each problem as one page (never fewer pages than needed).
    acronym_bad = len(acronym_pages) if pages else min(acronyms, count)
    word_bad = len(word_pages) if pages else min(words, count)

    unknown_note = (
        f"; {plural(unknown, 'acronym is', 'acronyms are')} not in the glossary" if unknown else ""
    )
    share = rules.shares["acronyms"]
    acro_score = share.score(count - acronym_bad, count)
    criteria = [
        Criterion(
            "acronyms",
            acro_score,
            f"{ratio(count - acronym_bad, count)} pages explain every acronym at first use; "
            f"{plural(acronyms, 'acronym is', 'acronyms are')} not explained{unknown_note} "
            f"({share.describe()}).",
            f"{ratio(count - acronym_bad, count)} pages",
            title="Pages that explain every acronym",
        )
    ]
    share = rules.shares["words_to_avoid"]
    word_score = share.score(count - word_bad, count)
    criteria.append(
        Criterion(
            "words_to_avoid",
            word_score,
            f"{ratio(count - word_bad, count)} pages use no words to avoid; "
            f"{_words(words)} {'is' if words == 1 else 'are'} used in all ({share.describe()}).",
            f"{ratio(count - word_bad, count)} pages",
            title="Pages without jargon (words to avoid)",
        )
    )
    passing = min(passing, count)
    median = totals.median_reading_age
    median_note = f"; the median reading age is {median}" if median is not None else ""
    share = rules.shares["pages_passing"]
    read_score = share.score(passing, count)
    criteria.append(
        Criterion(
            "pages_passing",
            read_score,
            f"{ratio(passing, count)} pages meet every plain English target (acronyms, words "
            f"to avoid, sentence length and readability){median_note} ({share.describe()}).",
            f"{ratio(passing, count)} pages" + (f", median reading age {median}" if median else ""),
            title="Pages meeting every plain English target",
        )
    )
    # Pages that fail for their sentences or reading level, not (only) for words or acronyms.
    hard = [src for src in failing if src not in acronym_pages and src not in word_pages]
    actions: list[Action] = []
    if acro_score < 3:
        actions += ctx.per_owner_actions(
            "1.15",
            acronym_pages,
            lambda names, team, n: f"Explain {plural(n, 'acronym')} on {names}{team}",
            priority="wording",
            fix="Spell out each acronym the first time a page uses it, for example "
            "'Education, Health and Care (EHC) plan'; the plain English findings list them.",
            counts=acronym_pages,
        )
        if unknown:
            actions.append(
                ctx.action(
                    "1.15",
                    f"Say what {the(unknown, 'acronym')} not yet in the site's glossary stand for"
                    if unknown != 1
                    else "Say what the acronym not yet in the site's glossary stands for",
                    priority="wording",
                    fix="Add each acronym the plain English findings name to checks/glossary.yml "
                    "with what it stands for.",
                    weight=unknown,
                )
            )
    if word_score < 3:
        actions += ctx.per_owner_actions(
            "1.15",
            word_pages,
            lambda names, team, n: f"Replace {_words(n)} with plain words on {names}{team}",
            priority="wording",
            fix="The plain English findings give each word, its line and the plain words to use "
            "instead.",
            counts=word_pages,
        )
    if read_score < 3:
        actions += ctx.per_owner_actions(
            "1.15",
            hard,
            lambda names, team, n: f"Rewrite {names}{team} in shorter sentences and everyday words",
            priority="wording",
            fix="The plain English findings give the reading age and the long sentences of "
            "each page.",
        )
    return criteria, actions, ["plain-english"]


SCORERS: dict[str, Callable[[Context], Scored]] = {
    "1.6": _score_1_6,
    "1.7": _score_1_7,
    "1.8": _score_1_8,
    "1.11": _score_1_11,
    "1.13": _score_1_13,
    "1.15": _score_1_15,
}
