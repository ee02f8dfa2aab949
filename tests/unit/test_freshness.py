"""Review dates: statuses, messages, the QA report summary and the review lists."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendqa_build.core.durations import Duration, parse_duration
from sendqa_build.core.freshness import (
    DUE_SOON,
    OK,
    OVERDUE,
    UNKNOWN,
    FreshnessRules,
    PageReview,
    by_owner,
    page_link,
    reader_notice,
    review_findings,
    review_page,
    review_site,
    review_status,
    review_summary,
    reviews_csv,
    reviews_json,
)
from sendqa_build.core.frontmatter import PageTypes
from sendqa_build.core.site import build_index
from sendqa_build.models import Finding, Severity
from sendqa_build.rules import RulesError, load_rules_file
from sendqa_build.summaries import to_json

ROOT = Path(__file__).resolve().parents[2]
RULES_PATH = ROOT / "checks" / "freshness.yml"
RULES = FreshnessRules.from_data(load_rules_file(RULES_PATH), RULES_PATH)
TODAY = dt.date(2026, 12, 1)
D = dt.date
SEPTEMBER = D(2026, 9, 1)


def review(
    page: str = "services/portage.md",
    *,
    last: dt.date | None = SEPTEMBER,
    every: str | None = "6 months",
    owner: str | None = "Early Years SEND Team",
    today: dt.date = TODAY,
    title: str = "Portage",
) -> PageReview:
    """A page's review with the repository's rules."""
    return review_page(
        page=page,
        url=page.removesuffix(".md").removesuffix("index") + "/" if page != "index.md" else "",
        title=title,
        owner=owner,
        last_reviewed_on=last,
        review_in=parse_duration(every) if every else None,
        today=today,
        due_soon_within=RULES.due_soon_within,
    )


# ---------------------------------------------------------------------------------------------
# Status


WINDOW = Duration(days=30)


@pytest.mark.parametrize(
    ("review_by", "today", "window", "expected"),
    [
        (D(2026, 3, 1), D(2026, 3, 2), WINDOW, OVERDUE),  # the day after: overdue
        (D(2026, 3, 1), D(2026, 12, 1), WINDOW, OVERDUE),
        (D(2026, 3, 1), D(2026, 3, 1), WINDOW, DUE_SOON),  # due by today: still in date
        (D(2026, 3, 31), D(2026, 3, 1), WINDOW, DUE_SOON),  # 30 days ahead: inside the window
        (D(2026, 4, 1), D(2026, 3, 1), WINDOW, OK),  # 31 days ahead
        (D(2026, 3, 1), D(2026, 3, 1), None, OK),  # due-soon turned off
        (D(2026, 3, 2), D(2026, 3, 1), None, OK),
        (D(2026, 3, 28), D(2026, 2, 28), Duration(months=1), DUE_SOON),  # calendar month
        (D(2026, 3, 29), D(2026, 2, 28), Duration(months=1), OK),
        (D(2028, 2, 29), D(2028, 3, 1), WINDOW, OVERDUE),  # leap day review-by
        (D(2028, 2, 29), D(2028, 2, 29), WINDOW, DUE_SOON),
        (None, D(2026, 3, 1), WINDOW, UNKNOWN),
    ],
)
def test_review_status(
    review_by: dt.date | None, today: dt.date, window: Duration | None, expected: str
) -> None:
    assert review_status(review_by, today, window) == expected


@given(
    last=st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)),
    months=st.integers(min_value=0, max_value=36),
    weeks=st.integers(min_value=0, max_value=60),
    offset=st.integers(min_value=-800, max_value=800),
)
def test_overdue_exactly_when_today_is_after_review_by(
    last: dt.date, months: int, weeks: int, offset: int
) -> None:
    period = Duration(months=months, weeks=weeks or (0 if months else 1))
    page = review_page(
        page="p.md",
        url="p/",
        title="P",
        owner=None,
        last_reviewed_on=last,
        review_in=period,
        today=last + dt.timedelta(days=offset),
        due_soon_within=WINDOW,
    )
    assert page.review_by is not None and page.review_by > last
    if period.weeks == 0:  # whole months: the same day, or the month's last day, never rolled over
        assert page.review_by.day <= last.day
    assert page.days_until_due is not None
    assert (page.status == OVERDUE) == (page.days_until_due < 0)
    assert (page.status == DUE_SOON) == (0 <= page.days_until_due <= 30)


def test_review_page_works_out_review_by_and_days() -> None:
    page = review(last=D(2025, 9, 1), every="6 months")
    assert page.review_by == D(2026, 3, 1)
    assert page.status == OVERDUE
    assert page.days_until_due == -275
    assert not page.in_date


@pytest.mark.parametrize(
    ("last", "every", "review_by"),
    [
        (D(2026, 5, 31), "6 months", D(2026, 11, 30)),  # end of month, 1 day overdue
        (D(2025, 11, 30), "P1Y", D(2026, 11, 30)),
        (D(2026, 9, 8), "12 weeks", D(2026, 12, 1)),  # due today
        (D(2026, 6, 1), "six months", D(2026, 12, 1)),
        (D(2025, 12, 1), "1 year", D(2026, 12, 1)),
    ],
)
def test_every_review_in_form_gives_the_same_rule(
    last: dt.date, every: str, review_by: dt.date
) -> None:
    page = review(last=last, every=every)
    assert page.review_by == review_by
    assert page.status == (OVERDUE if review_by < TODAY else DUE_SOON)


def test_owner_spacing_from_word_is_tidied() -> None:
    assert review(owner="Early\u00a0Years  SEND Team ").owner == "Early Years SEND Team"
    assert review(owner="   ").owner is None


@pytest.mark.parametrize(("last", "every"), [(None, "6 months"), (D(2026, 1, 1), None)])
def test_missing_date_or_period_is_unknown(last: dt.date | None, every: str | None) -> None:
    page = review(last=last, every=every)
    assert (page.status, page.review_by, page.days_until_due) == (UNKNOWN, None, None)


# ---------------------------------------------------------------------------------------------
# Messages


def test_overdue_message_names_the_date_missed_and_the_owner() -> None:
    findings = review_findings([review(last=D(2025, 9, 1), every="6 months")], RULES)
    assert findings == [
        Finding(
            "freshness",
            "services/portage.md",
            None,
            Severity.WARNING,
            "review overdue since 2026-03-01 (last reviewed 2025-09-01, review every 6 months)",
            "owner: Early Years SEND Team",
        )
    ]
    assert findings[0].format("content") == (
        "content/services/portage.md: review overdue since 2026-03-01 (last reviewed "
        "2025-09-01, review every 6 months); owner: Early Years SEND Team"
    )


@pytest.mark.parametrize(
    ("last", "every", "message"),
    [
        (
            D(2026, 6, 15),
            "6 months",
            "review due in 14 days, by 2026-12-15 (last reviewed 2026-06-15, review every "
            "6 months)",
        ),
        (
            D(2025, 12, 2),
            "1 year",
            "review due tomorrow, by 2026-12-02 (last reviewed 2025-12-02, review every 1 year)",
        ),
        (
            D(2026, 9, 8),
            "P12W",
            "review due today, by 2026-12-01 (last reviewed 2026-09-08, review every 12 weeks)",
        ),
    ],
)
def test_due_soon_is_info_only(last: dt.date, every: str, message: str) -> None:
    [finding] = review_findings([review(last=last, every=every)], RULES)
    assert finding.severity is Severity.INFO
    assert (finding.message, finding.line, finding.fix) == (
        message,
        None,
        "owner: Early Years SEND Team",
    )


def test_overdue_page_without_owner_says_to_add_one() -> None:
    [finding] = review_findings([review(last=D(2025, 1, 1), owner=None)], RULES)
    assert finding.severity is Severity.WARNING
    assert "add 'owner:'" in finding.fix


def test_in_date_and_unknown_pages_give_no_message() -> None:
    pages = [review(last=D(2026, 11, 1)), review(last=None), review(every=None)]
    assert review_findings(pages, RULES) == []


# ---------------------------------------------------------------------------------------------
# Rules file


def rules(**changes: Any) -> FreshnessRules:
    data = load_rules_file(RULES_PATH)
    for key, value in changes.items():
        section, _, name = key.partition("__")
        if name:
            data[section][name] = value
        elif value is None:
            del data[section]
        else:
            data[section] = value
    return FreshnessRules.from_data(data, Path("checks/freshness.yml"))


def test_repository_rules() -> None:
    assert RULES.due_soon_within == Duration(days=30)
    assert reader_notice(RULES) == {
        "title": "This page may be out of date",
        "text": "It was due to be checked by {date}. Some details may have changed, so check "
        "with the service or team before you rely on them.",
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4 weeks", Duration(weeks=4)),
        ("1 month", Duration(months=1)),
        (14, Duration(days=14)),
        (0, None),
        ("0", None),
    ],
)
def test_due_soon_window(value: Any, expected: Duration | None) -> None:
    assert rules(due_soon_within=value).due_soon_within == expected


def test_window_defaults_to_30_days_when_left_out() -> None:
    assert rules(due_soon_within=None).due_soon_within == Duration(days=30)


def test_notice_can_be_turned_off() -> None:
    assert reader_notice(rules(reader_notice__enabled=False)) is None


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"due_soon_within": "soon"}, "'due_soon_within' must be a period"),
        ({"due_soon_within": True}, "'due_soon_within' must be a period"),
        ({"messages__overdue": "overdue since {reviewby}"}, "unknown placeholder '{reviewby}'"),
        ({"messages__owner": "owner: {owner"}, "unmatched '{'"),
        ({"messages__no_owner": ""}, "'messages.no_owner' is missing"),
        ({"reader_notice__text": "Out of date since {day}"}, "may use {date}"),
        ({"reader_notice__enabled": "perhaps"}, "must be true or false"),
        ({"notices": {}}, "unknown key 'notices'"),
    ],
)
def test_bad_rules_stop_with_one_clear_message(changes: dict[str, Any], error: str) -> None:
    with pytest.raises(RulesError, match=r"checks/freshness\.yml") as info:
        rules(**changes)
    assert error in str(info.value)


# ---------------------------------------------------------------------------------------------
# Summary and review lists


SITE = [
    review("services/portage.md", last=D(2025, 9, 1), owner="Early Years SEND Team"),
    review("education/early-years.md", last=D(2026, 6, 20), owner="early years SEND team"),
    review("index.md", last=D(2026, 11, 1), every="1 year", owner="Local Offer Team"),
    review("health/therapies.md", last=None, owner=None, title="=HYPERLINK(1)"),
    review("about/words.md", last=D(2026, 10, 1), every="1 year", owner="Early Years SEND Team"),
]


def test_summary_keeps_every_page_for_statement_1_7() -> None:
    typed = review_summary(SITE)
    assert typed.pages[0].review_by == D(2026, 3, 1)  # a date until the report is written
    assert typed.pages[3].review_by is None
    summary = to_json(typed)
    assert {k: v for k, v in summary.items() if k != "pages"} == {
        "total": 5,
        "in_date": 3,
        "overdue": 1,
        "due_soon": 1,
        "unknown": 1,
        "share_in_date": 0.6,
    }
    assert summary["pages"][0] == {
        "page": "services/portage.md",
        "url": "services/portage/",
        "title": "Portage",
        "owner": "Early Years SEND Team",
        "last_reviewed_on": "2025-09-01",
        "review_by": "2026-03-01",
        "status": "overdue",
    }
    assert [p["status"] for p in summary["pages"]] == [OVERDUE, DUE_SOON, OK, UNKNOWN, OK]
    assert summary["pages"][3]["review_by"] is None
    json.dumps(summary)  # JSON-ready


def test_summary_of_an_empty_site() -> None:
    assert review_summary([]).share_in_date == 0.0


def test_groups_owners_however_they_are_capitalised() -> None:
    groups = by_owner(SITE)
    assert [(owner, [p.page for p in pages]) for owner, pages in groups] == [
        (
            "Early Years SEND Team",  # the spelling most pages use
            ["services/portage.md", "education/early-years.md", "about/words.md"],
        ),
        ("Local Offer Team", ["index.md"]),
        (None, ["health/therapies.md"]),
    ]


def test_reviews_json() -> None:
    text = reviews_json(SITE, today=TODAY, rules=RULES, site_url="https://lo.example.org/")
    again = reviews_json(
        list(reversed(SITE)), today=TODAY, rules=RULES, site_url="https://lo.example.org/"
    )
    assert text == again  # the same content gives the same bytes, whatever the order
    data = json.loads(text)
    assert data["reference_date"] == "2026-12-01"
    assert data["due_soon_within"] == "30 days"
    assert data["counts"] == {"total": 5, "overdue": 1, "due-soon": 1, "unknown": 1, "ok": 2}
    assert [p["page"] for p in data["pages"]] == sorted(p.page for p in SITE)
    portage = next(p for p in data["pages"] if p["page"] == "services/portage.md")
    assert portage == {
        "page": "services/portage.md",
        "url": "https://lo.example.org/services/portage/",
        "title": "Portage",
        "owner": "Early Years SEND Team",
        "last_reviewed_on": "2025-09-01",
        "review_in": "6 months",
        "review_by": "2026-03-01",
        "status": "overdue",
        "days_until_due": -275,
    }
    assert data["owners"][0] == {
        "owner": "Early Years SEND Team",
        "overdue": 1,
        "due-soon": 1,
        "unknown": 0,
        "ok": 1,
        "pages": ["services/portage.md", "education/early-years.md", "about/words.md"],
    }
    home = next(p for p in data["pages"] if p["page"] == "index.md")
    assert home["url"] == "https://lo.example.org/"


def test_reviews_csv_is_grouped_by_owner_and_safe_in_a_spreadsheet() -> None:
    text = reviews_csv(SITE)
    assert text.startswith("\ufeffowner,status,page,title,url,")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(r["owner"], r["status"], r["page"]) for r in rows] == [
        ("Early Years SEND Team", "overdue", "services/portage.md"),
        ("Early Years SEND Team", "due-soon", "education/early-years.md"),
        ("Early Years SEND Team", "ok", "about/words.md"),
        ("Local Offer Team", "ok", "index.md"),
        ("", "unknown", "health/therapies.md"),
    ]
    assert rows[0]["review_by"] == "2026-03-01"
    assert rows[0]["days_until_due"] == "-275"
    assert rows[0]["url"] == "services/portage/"
    assert rows[3]["url"] == "./"
    assert rows[4]["title"] == "'=HYPERLINK(1)"
    assert rows[4]["review_by"] == rows[4]["days_until_due"] == ""


@pytest.mark.parametrize(
    ("url", "site_url", "expected"),
    [
        ("a/b/", "https://x.org/lo/", "https://x.org/lo/a/b/"),
        ("a/b/", "https://x.org/lo", "https://x.org/lo/a/b/"),
        ("", "https://x.org/", "https://x.org/"),
        ("a/b/", None, "a/b/"),
        ("", None, "./"),
    ],
)
def test_page_link(url: str, site_url: str | None, expected: str) -> None:
    assert page_link(url, site_url) == expected


# ---------------------------------------------------------------------------------------------
# From the site index (front matter as editors write it)


PAGE_TYPES_PATH = ROOT / "checks" / "page-types.yml"


def index_of(pages: dict[str, str]) -> Any:
    rules = PageTypes.from_data(load_rules_file(PAGE_TYPES_PATH), PAGE_TYPES_PATH)
    return build_index(
        [(src, src.removesuffix(".md") + "/", text, []) for src, text in pages.items()],
        rules,
        today=TODAY,
        default_review=Duration(months=12),
        known_requirements=None,
    )


def front(extra: str) -> str:
    return f"---\ntitle: T\nsummary: S.\nowner: Team A\n{extra}---\n\nText.\n"


def test_review_site_reads_the_index() -> None:
    index = index_of(
        {
            "a.md": front("last_reviewed_on: 2025-09-01\nreview_in: 6 months\n"),
            "b.md": front("last_reviewed_on: 2025-12-20\n"),  # default 12 months
            "c.md": front("last_reviewed_on: 2026-09-01\nreview_in: 6 monthz\n"),
            "d.md": front("last_reviewed_on: 2027-01-01\n"),  # in the future
            "e.md": front("last_reviewed_on: 01/09/2026\n"),  # not YYYY-MM-DD
            "f.md": front(""),  # missing
            "g.md": "No front matter at all.\n",
        }
    )
    reviews = review_site(index, TODAY, RULES)
    assert [(r.page, r.status, r.review_by) for r in reviews] == [
        ("a.md", OVERDUE, D(2026, 3, 1)),
        ("b.md", DUE_SOON, D(2026, 12, 20)),
        ("c.md", UNKNOWN, None),  # a period we cannot read is not replaced by the default
        ("d.md", UNKNOWN, None),
        ("e.md", UNKNOWN, None),
        ("f.md", UNKNOWN, None),
        ("g.md", UNKNOWN, None),
    ]
    # The front matter check reports the broken dates; freshness says nothing more about them.
    assert [f.page for f in review_findings(reviews, RULES)] == ["a.md", "b.md"]
    assert {f.page for f in index.findings()} == {"c.md", "d.md", "e.md", "f.md", "g.md"}
