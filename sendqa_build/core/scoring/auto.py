"""Scoring the six statements judged from the site: 1.6, 1.7, 1.8, 1.11, 1.13 and 1.15.

Each scorer reads the checks' summaries through the ``Context`` and gives back its criteria,
evidence, actions and the checks it used; ``assess`` combines the criteria into one score.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sendqa_build.core.durations import add_months
from sendqa_build.core.scoring.context import Context
from sendqa_build.core.scoring.model import Action, Criterion, Evidence
from sendqa_build.core.scoring.wording import (
    as_date,
    figure,
    join_and,
    long_date,
    plural,
    ratio,
    the,
)

# ---------------------------------------------------------------------------------------------
# Requirement criteria (from the coverage matrix)


def _without_pages(text: str, pages: Sequence[str]) -> str:
    """``mediation (complaints.md)`` -> ``mediation``: the pages are already named."""
    for page in pages:
        text = text.replace(f" ({page})", "")
    return text


def _requirement_criterion(
    ctx: Context, sid: str, req_id: str, label: str, fix: str
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
        sentence = f"'{title}' is covered by {join_and(pages) or 'the site'}."
        return Criterion(req_id, 3, sentence), evidence, []
    if status == "thin":
        gaps = f": it does not yet cover {join_and(lacking)}" if lacking else ""
        sentence = f"'{title}' is covered only in part by {join_and(pages) or 'the site'}{gaps}."
        add = f": add {join_and(lacking)}" if lacking else f"; {fix}"
        text = f"Complete the page on '{title}' ({ctx.listing(pages)}){add}"
        return Criterion(req_id, 2, sentence), evidence, [ctx.action(sid, text, pages)]
    sentence = f"No page covers '{title}'."
    text = f"Publish a page on '{title}' and add 'covers: [{req_id}]' to its front matter; {fix}"
    return Criterion(req_id, 1, sentence), [], [ctx.action(sid, text)]


# ---------------------------------------------------------------------------------------------
# The six auto statements


Scored = tuple[list[Criterion], list[Evidence], list[Action], list[str]]


def _score_1_6(ctx: Context) -> Scored:
    criteria, evidence, actions = [], [], []
    rule = ctx.rules.statements["1.6"].shares["eligibility"]
    coverage = ctx.summary("coverage")
    if coverage is None:
        criteria.append(ctx.missing("coverage", "eligibility criteria on service pages"))
    else:
        total = figure(coverage.get("service_pages"))
        with_elig = figure(coverage.get("service_pages_with_eligibility"))
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


def _score_1_7(ctx: Context) -> Scored:
    rules = ctx.rules.statements["1.7"]
    criteria, evidence, actions = [], [], []
    freshness = ctx.summary("freshness")
    if freshness is None:
        criteria.append(ctx.missing("freshness", "whether pages are within their review date"))
    else:
        pages = [p for p in freshness.get("pages") or [] if isinstance(p, Mapping)]
        total = figure(freshness.get("total")) or len(pages)
        in_date = figure(freshness.get("in_date"))
        overdue = [p for p in pages if p.get("status") == "overdue"]
        due_soon = figure(freshness.get("due_soon"))
        if total == 0:
            criteria.append(Criterion("in_date", None, "The site has no pages to judge."))
        else:
            rule = rules.shares["in_date"]
            score = rule.score(in_date, total)
            soon = plural(due_soon, "page is", "pages are")
            extra = f"; {soon} due for review soon" if due_soon else ""
            undated = figure(freshness.get("unknown"))
            if undated:
                extra += f"; {plural(undated, 'page has', 'pages have')} no valid review date"
            late = plural(figure(freshness.get("overdue")) or len(overdue), "page is", "pages are")
            sentence = (
                f"{ratio(in_date, total)} pages are within their review date, {late} "
                f"overdue{extra} ({rule.describe()})."
            )
            criteria.append(Criterion("in_date", score, sentence))
        for page in sorted(overdue, key=lambda p: str(p.get("page"))):
            due = as_date(page.get("review_by"))
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
        internal = figure(links.get("internal_broken"))
        ext_broken = figure((external or {}).get("broken"))
        broken = internal + ext_broken
        per_page = {
            str(src): figure(v.get("broken"))
            for src, v in (links.get("pages") or {}).items()
            if isinstance(v, Mapping) and figure(v.get("broken"))
        }
        where = f" on {plural(len(per_page), 'page')}" if per_page else ""
        sentence = (
            f"The site has {plural(broken, 'broken link') if broken else 'no broken links'}"
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
            evidence.append(Evidence(src, plural(count, "broken link")))
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
                        f"Fix {the(unplaced, 'other broken link')} listed in the "
                        "findings of this report",
                    )
                )
    return criteria, evidence, actions, ["freshness", "links"]


def _score_1_8(ctx: Context) -> Scored:
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
    pages, owned = figure(coverage.get("pages")), figure(coverage.get("pages_with_owner"))
    if pages:
        rule = rules.shares["owners"]
        score = rule.score(owned, pages)
        criteria.append(
            Criterion(
                "owners",
                score,
                f"{ratio(owned, pages)} pages name the team that owns them ({rule.describe()}).",
            )
        )
        no_owner = [p.src for p in ctx.page_list if not p.owner]
        evidence += [Evidence(s, "page without an owner") for s in no_owner]
        if score < 3 and no_owner:
            actions.append(
                ctx.action(
                    "1.8",
                    f"Name the owning team ('owner') on {the(len(no_owner), 'page')} "
                    f"without one: {ctx.listing(no_owner)}",
                    no_owner,
                    who=ctx.rules.default_responsibility,
                )
            )
    needing = figure(coverage.get("service_pages_needing_decision"))
    decided = figure(coverage.get("service_pages_with_decided_by"))
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
                        f"{the(needing - decided, 'service page')} where someone decides "
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


def _score_1_11(ctx: Context) -> Scored:
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


def _score_1_13(ctx: Context) -> Scored:
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
        ((d, r) for r in rounds if (d := as_date(r.get("published_on")))),
        key=lambda dr: (dr[0], str(dr[1].get("page"))),
    )
    for day, item in dated:
        total = figure(item.get("responses"))
        without = figure(item.get("without_response"))
        answered = "all answered" if not without else f"{without} without a response"
        evidence.append(
            Evidence(
                str(item.get("page")),
                f"'You said, we did' published {long_date(day)}: "
                f"{plural(total, 'comment')}, {answered}",
            )
        )
    evidence.reverse()  # newest round first
    cutoff = add_months(ctx.today, -rules.max_age_months)
    period = plural(rules.max_age_months, "month")
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
    total = figure(newest.get("responses"))
    without = min(figure(newest.get("without_response")), total)
    if total:
        rule = rules.shares["answered"]
        score = rule.score(total - without, total)
        criteria.append(
            Criterion(
                "answered",
                score,
                f"{ratio(total - without, total)} comments in that round have a response and "
                f"action ({rule.describe().replace('every page', 'every comment')}).",
            )
        )
        if score < 3:
            actions.append(
                ctx.action(
                    "1.13",
                    f"Add the council's response and action to "
                    f"{the(without, 'comment')} without one on {page}",
                    [page],
                )
            )
    personal = figure(feedback.get("personal_data"))
    score = rules.counts["personal_data"].score(personal)
    criteria.append(
        Criterion(
            "personal_data",
            score,
            f"{plural(personal, 'published comment')} could identify someone."
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
                f"{the(personal, 'comment')} listed in the feedback findings",
                rounds_pages,
            )
        )
    return criteria, evidence, actions, ["feedback"]


def _per_page(pages: Sequence[Mapping[str, Any]], key: str) -> dict[str, int]:
    """Pages with at least one problem of a kind, and how many."""
    return {str(p["page"]): figure(p.get(key)) for p in pages if figure(p.get(key))}


def _words(count: int) -> str:
    return plural(count, "word to avoid", "words to avoid")


def _score_1_15(ctx: Context) -> Scored:
    rules = ctx.rules.statements["1.15"]
    plain = ctx.summary("plain-english")
    if plain is None:
        return [ctx.missing("plain-english", "jargon, acronyms and readability")], [], [], []
    pages = [p for p in plain.get("pages") or [] if isinstance(p, Mapping) and p.get("page")]
    raw_totals = plain.get("totals")
    totals: Mapping[str, Any] = raw_totals if isinstance(raw_totals, Mapping) else {}
    count = figure(totals.get("pages")) or len(pages)
    if count == 0:
        return [Criterion("pages", None, "No page text was measured.")], [], [], ["plain-english"]
    acronym_pages = _per_page(pages, "unexplained_acronyms")
    word_pages = _per_page(pages, "words_to_avoid")
    failing = sorted(str(p["page"]) for p in pages if p.get("passes") is False)
    acronyms = figure(totals.get("unexplained_acronyms")) or sum(acronym_pages.values())
    unknown = figure(totals.get("unknown_acronyms"))
    words = figure(totals.get("words_to_avoid")) or sum(word_pages.values())
    passing = figure(totals["pages_passing"]) if "pages_passing" in totals else count - len(failing)
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
            f"{ratio(passing, count)} pages meet every plain English target (acronyms, words "
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
            problems.append(plural(acronym_pages[src], "unexplained acronym"))
        if word_pages.get(src):
            problems.append(_words(word_pages[src]))
        if figure(p.get("long_sentences")):
            problems.append(plural(figure(p.get("long_sentences")), "long sentence"))
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
                f"Add {the(unknown, 'unknown acronym')} to the glossary "
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


SCORERS: dict[str, Callable[[Context], Scored]] = {
    "1.6": _score_1_6,
    "1.7": _score_1_7,
    "1.8": _score_1_8,
    "1.11": _score_1_11,
    "1.13": _score_1_13,
    "1.15": _score_1_15,
}
