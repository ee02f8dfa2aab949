""" "You said, we did" checks on literal pages (no MkDocs): the 12-month rule, missing answers,
personal data in comments, the view the theme shows and the report-a-problem link."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from sendqa_build.core.durations import parse_duration
from sendqa_build.core.feedback import (
    ADDRESS,
    DATE_OF_BIRTH,
    EMAIL,
    IDENTIFYING,
    NAME,
    NHS_NUMBER,
    PHONE,
    POSTCODE,
    REFERENCE,
    FeedbackRules,
    check_feedback,
    find_personal_data,
    is_placeholder,
    report_link,
    round_view,
)
from sendqa_build.core.frontmatter import PageTypes
from sendqa_build.core.site import SiteIndex, build_index
from sendqa_build.models import Severity
from sendqa_build.rules import RulesError, load_rules_file
from sendqa_build.summaries import to_json
from tests.conftest import ROOT, guide_page
from tests.conftest import you_said_we_did_page as ysd_page
from tests.personal_data import SETS, comments, score

TODAY = dt.date(2026, 12, 1)
RULES_PATH = ROOT / "checks" / "feedback.yml"
RULES = FeedbackRules.from_data(load_rules_file(RULES_PATH), RULES_PATH)
PAGE_TYPES = PageTypes.from_data(
    load_rules_file(ROOT / "checks" / "page-types.yml"), ROOT / "checks" / "page-types.yml"
)


def index_of(pages: dict[str, str]) -> SiteIndex:
    sources = [(src, src.removesuffix(".md") + "/", text, []) for src, text in pages.items()]
    return build_index(
        sources,
        PAGE_TYPES,
        today=TODAY,
        default_review=parse_duration("12 months"),
        known_requirements=None,
    )


def messages(pages: dict[str, str], today: dt.date = TODAY) -> list[str]:
    result = check_feedback(index_of(pages), RULES, today=today)
    return [f.format("content") for f in result.findings]


# ---------------------------------------------------------------------------------------------
# Rules file


def test_rules_file_loads() -> None:
    assert RULES.publish_every == parse_duration("12 months")
    assert RULES.remind_before == parse_duration("2 months")
    assert is_placeholder("TBC", RULES)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("publish_every: often\n", "'publish_every' must be a period such as '12 months'"),
        ("placeholders: tbc\n", "'placeholders' must be a list"),
        ("extra_patterns:\n  - name: ref\n    pattern: '(('\n", "is not a valid regular"),
        ("extra_patterns:\n  - pattern: 'x'\n", "needs a 'name' and a 'pattern'"),
        ("placeholder: [tbc]\n", "unknown key 'placeholder'"),
    ],
)
def test_bad_rules_file_gives_one_clear_error(tmp_path: Path, text: str, error: str) -> None:
    path = tmp_path / "feedback.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError, match=error):
        FeedbackRules.from_data(load_rules_file(path), path)


def test_empty_rules_file_uses_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "feedback.yml"
    path.write_text("publish_every:\nplaceholders:\n", encoding="utf-8")
    rules = FeedbackRules.from_data(load_rules_file(path), path)
    assert rules.publish_every == parse_duration("12 months")
    assert rules.remind_before is None
    assert is_placeholder("", rules)
    assert not is_placeholder("TBC", rules)


def test_council_patterns_are_used(tmp_path: Path) -> None:
    path = tmp_path / "feedback.yml"
    path.write_text(
        "extra_patterns:\n  - name: a case reference\n    pattern: '\\bWCC-\\d{6}\\b'\n",
        encoding="utf-8",
    )
    rules = FeedbackRules.from_data(load_rules_file(path), path)
    assert find_personal_data("My case wcc-123456 was lost", rules) == ["a case reference"]
    assert find_personal_data("My case was lost", rules) == []


# ---------------------------------------------------------------------------------------------
# Personal data


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Email me at jo.bloggs@example.com please", [EMAIL]),
        ("write to jo (at) example (dot) com", [EMAIL]),
        ("Call me on 07700 900123", [PHONE]),
        ("ring 01632 960 100 any time", [PHONE]),
        ("my number is +44 (0)1632 960100", [PHONE]),
        ("my number is 0044 1632 960100", [PHONE]),
        ("we live at WV1 2AB near the park", [POSTCODE]),
        ("we live at wv12 2ab", [POSTCODE]),
        ("his NHS number is 943 476 5919", [NHS_NUMBER]),
        ("My son Jack waited a year", [NAME]),
        ("My son, Jack, waited a year", [NAME]),
        ("our 7 year old daughter (Amy-Leigh) waited", [NAME]),
        ("my son\u00a0Jack waited", [NAME]),
        ("My son is called Jack", [NAME]),
        ("his name is Tom", [NAME]),
        ("my daughter's name is Tom", [NAME]),
        ("Mr Smith at the school was rude", [NAME]),
        ("our caseworker Sarah never replied", [NAME]),
        ("My son O'Brien", [NAME]),
        (
            "Jack's mum, jack@example.org, 07700 900123, WV1 2AB, my son Jack",
            [EMAIL, PHONE, POSTCODE, NAME],
        ),
    ],
)
def test_personal_data_is_found(text: str, kinds: list[str]) -> None:
    assert find_personal_data(text, RULES) == kinds


@pytest.mark.parametrize(
    "text",
    [
        "my son's school does not answer emails",
        "my son’s EHCP took a year",
        "my daughter with autism cannot get a place",
        "My son I think needs more help",
        "my daughter Year 9 options were confusing",
        "My son ADHD was not recognised",
        "Service pages do not say who decides if my child can use a service.",
        "a group called Wyvern Voices helped",
        "The children in Wyvernshire need more clubs",
        "it took 10 weeks from 2025-01-01 to 01/03/2025",
        "ages 0 to 25, 2025 and 2026",
        "my son is in year 7 2nd term and KS2 3pm club",
        "send an email to the team",
        "My Son needs SEN support",
        "Mrs. smith",
    ],
)
def test_no_false_alarms(text: str) -> None:
    assert find_personal_data(text, RULES) == []


@pytest.mark.parametrize(
    "text", ["TBC", "tbc.", "To follow", "n/a", "N/A", "", "  ", "-", "?", "TBC - meeting in March"]
)
def test_placeholders(text: str) -> None:
    assert is_placeholder(text, RULES)


@pytest.mark.parametrize("text", ["We fixed it.", "To follow up, we met the forum.", "Nat"])
def test_real_answers_are_not_placeholders(text: str) -> None:
    assert not is_placeholder(text, RULES)


# ---------------------------------------------------------------------------------------------
# Rounds


def test_recent_round_passes() -> None:
    assert messages({"ysd-2026.md": ysd_page("2026-07-15")}) == []


def test_old_round_is_a_warning() -> None:
    pages = {"ysd-2025.md": ysd_page("2025-07-10")}
    result = check_feedback(index_of(pages), RULES, today=TODAY)
    assert [f.severity for f in result.findings] == [Severity.WARNING]
    assert result.findings[0].format("content") == (
        "content/ysd-2025.md:7: the newest 'You said, we did' round was published on "
        "10 July 2025, more than 12 months ago (today is 1 December 2026); publish a new round "
        "of comments and what the council did about them (reg 56(3): at least once a year)"
    )


def test_only_the_newest_round_counts() -> None:
    pages = {"a/2025.md": ysd_page("2025-07-10"), "b/2026.md": ysd_page("2026-07-15")}
    assert messages(pages) == []


def test_exactly_twelve_months_is_still_in_time() -> None:
    pages = {"ysd.md": ysd_page("2025-12-01")}
    found = check_feedback(index_of(pages), RULES, today=TODAY).findings
    assert [f.severity for f in found] == [Severity.INFO]
    assert "due by 1 December 2026" in found[0].message


def test_reminder_before_the_round_is_due() -> None:
    found = check_feedback(index_of({"ysd.md": ysd_page("2026-01-20")}), RULES, today=TODAY)
    assert [f.format("content") for f in found.findings] == [
        "content/ysd.md:7: the next 'You said, we did' round is due by 20 January 2027 (the "
        "newest was published on 20 January 2026); plan the next round of comments and responses"
    ]
    assert found.findings[0].severity is Severity.INFO


def test_future_published_on_is_a_warning() -> None:
    assert messages({"ysd.md": ysd_page("2027-01-05")}) == [
        "content/ysd.md:7: 'published_on' is in the future (2027-01-05, today is 2026-12-01); "
        "give the date this round is published on the site"
    ]


def test_missing_and_placeholder_we_did_warn() -> None:
    responses = (
        "  - you_said: Too much jargon.\n"
        "    status: planned\n"
        "  - you_said: Pages are out of date.\n"
        "    we_did: TBC\n"
        "  - you_said: Hard to find.\n"
        "    we_did: ''\n"
        "  - you_said: No videos.\n"
        "    we_did: We made six videos.\n"
    )
    assert messages({"ysd.md": ysd_page(responses=responses)}) == [
        "content/ysd.md:9: 'responses' item 1 has no 'we_did' answer; write what the council did "
        "or will do about this comment (reg 56(2) asks for the response and the action)",
        "content/ysd.md:12: 'responses' item 2 has a placeholder 'we_did' answer 'TBC'; write "
        "what the council did or will do about this comment (reg 56(2) asks for the response "
        "and the action)",
        "content/ysd.md:14: 'responses' item 3 has no 'we_did' answer; write what the council "
        "did or will do about this comment (reg 56(2) asks for the response and the action)",
    ]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # Given names anywhere, not only after "my son".
        ("Amelia is in Year 5 at St Mary's and waits for help", [NAME, IDENTIFYING]),
        ("Tom, who is 7 and at Brookfield School, has no therapy", [NAME, IDENTIFYING]),
        ("We asked for Priya's review to be moved", [NAME]),
        ("Sophie-Mae needs one-to-one", [NAME]),
        ("Grace Holloway never came to the meeting", [NAME]),  # a word-name with a surname
        ("Will is 6 and has no place", [NAME]),  # a word-name with an age
        ("Summer, who is 9, was excluded", [NAME]),
        # Dates of birth.
        ("Her date of birth is 03/04/2019", [DATE_OF_BIRTH]),
        ("born 12 May 2015, still no plan", [DATE_OF_BIRTH]),
        ("DOB 21.09.2016", [DATE_OF_BIRTH]),
        ("My daughter (03/04/2019) was refused", [DATE_OF_BIRTH]),
        # Details that together identify a child.
        ("She is 9 and in Year 4 at Wyvern Park Academy", [IDENTIFYING]),
        ("They are the only twins there", [IDENTIFYING]),
        ("the only boy in a wheelchair at his school", [IDENTIFYING]),
        # Addresses, references, emails in words.
        ("We live at 14 Mill Lane", [ADDRESS]),
        ("post went to 7a Station Road", [ADDRESS]),
        ("Our case is EHC/2024/0567", [REFERENCE]),
        ("my reference number is SEN-448213", [REFERENCE]),
        ("appeal ref 2025/01893 was delayed", [REFERENCE]),
        ("the letter said LBX/SEN/20456 at the top", [REFERENCE]),
        ("quote ABC-DEF-99812 when you ring", [REFERENCE]),
        ("jane dot smith at gmail dot com", [EMAIL]),
        ("dave.p at hotmail dot co dot uk", [EMAIL]),
    ],
)
def test_more_personal_data_is_found(text: str, kinds: list[str]) -> None:
    assert find_personal_data(text, RULES) == kinds


@pytest.mark.parametrize(
    "text",
    [
        "May is the worst month for reviews",
        "Will the council publish waiting times?",
        "Grace periods would help",
        "Hope this helps other parents",
        "Bill the council for the taxi? We paid ourselves.",
        "Mark the forms as urgent",
        "Summer holidays are hard",
        "June and July are too late for letters",
        "In April the forum met the director",
        "St Mary's was great",
        "Jack Hunt School has a good base but it is full",
        "Rose Hill Nursery closed last year",
        "We went to Mill Lane Children's Centre",
        "Summer Lane Surgery sent us back",
        "Thank you to the Parent Carer Forum",
        "you may get a Disabled Facilities Grant",
        "Little Steps is a small nursery",
        "The meeting on 12 May was cancelled",
        "We applied on 04/09/2025 and waited",
        "Our review was moved from 3 March to 14 April",
        "Children aged 0 to 25 at Fernley Hall School",
        "My child is in Year 6 and transition was poor",
        "The only option was a school two hours away",
        "The 2025/26 transport policy was late",
        "Regulation 56(3) of the SEND Regulations 2014",
        "Section 19 of the Education Act",
        "email localoffer at the council",
        "We live on a busy road",
    ],
)
def test_no_false_alarms_on_hard_cases(text: str) -> None:
    assert find_personal_data(text, RULES) == []


def test_a_council_adds_given_names(tmp_path: Path) -> None:
    (tmp_path / "feedback.yml").write_text("given_names: [Zebedee]\n", encoding="utf-8")
    path = tmp_path / "feedback.yml"
    rules = FeedbackRules.from_data(load_rules_file(path), path)
    assert find_personal_data("Zebedee waited a year", rules) == [NAME]
    assert find_personal_data("Zebedee waited a year", RULES) == []  # not a listed name


def test_the_written_comments_meet_the_targets() -> None:
    """tests/data/personal-data-comments.yml (python -m tests.personal_data prints the figures)."""
    result, wrong = score(comments(SETS["tuning"]), RULES)
    assert result.positives >= 30 and result.negatives >= 30
    assert result.recall >= 0.95, wrong
    assert result.precision >= 0.90, wrong


def test_personal_data_is_reported_without_repeating_it() -> None:
    responses = (
        "  - you_said: Fine.\n"
        "    we_did: Thanks.\n"
        "  - you_said: My son Jack waited; call 07700 900123 or jo@example.org.\n"
        "    we_did: We cut waiting times.\n"
    )
    result = check_feedback(index_of({"ysd.md": ysd_page(responses=responses)}), RULES, today=TODAY)
    lines = [f.format("content") for f in result.findings]
    assert lines == [
        "content/ysd.md:11: 'responses' item 2 'you_said' may identify someone (it has an email "
        "address, a phone number and a name); remove it or say it in general words before "
        "publishing (reg 56(3): published comments must identify nobody)"
    ]
    for secret in ("Jack", "07700", "900123", "jo@example.org"):
        assert secret not in lines[0]
    assert result.personal_data == 1


def test_summary_for_the_qa_report() -> None:
    responses = (
        "  - you_said: Too much jargon.\n"
        "    we_did: to follow\n"
        "  - you_said: Out of date.\n"
        "    we_did: Fixed.\n"
        "  - you_said: My son Tom was ignored.\n"
        "    we_did: Fixed.\n"
    )
    pages = {
        "feedback.md": guide_page("Tell us", extra="covers: [feedback]\n"),
        "other.md": guide_page("Other"),
        "ysd/2025.md": ysd_page("2025-07-10", responses),
        "ysd/2026.md": ysd_page("2026-07-15"),
    }
    result = check_feedback(index_of(pages), RULES, today=TODAY)
    assert result.summary().newest_published_on == dt.date(2026, 7, 15)
    assert to_json(result.summary()) == {
        "rounds": [
            {
                "page": "ysd/2026.md",
                "published_on": "2026-07-15",
                "responses": 1,
                "without_response": 0,
            },
            {
                "page": "ysd/2025.md",
                "published_on": "2025-07-10",
                "responses": 3,
                "without_response": 1,
            },
        ],
        "newest_published_on": "2026-07-15",
        "personal_data": 1,
        "feedback_pages": ["feedback.md"],
    }


def test_summary_with_no_rounds() -> None:
    result = check_feedback(index_of({"a.md": guide_page()}), RULES, today=TODAY)
    assert to_json(result.summary()) == {
        "rounds": [],
        "newest_published_on": None,
        "personal_data": 0,
        "feedback_pages": [],
    }


def test_broken_front_matter_is_left_to_the_front_matter_check() -> None:
    broken = ysd_page().replace("published_on: 2026-07-15", "published_on: last July")
    result = check_feedback(index_of({"ysd.md": broken}), RULES, today=TODAY)
    assert result.findings == []
    assert result.rounds == []


# ---------------------------------------------------------------------------------------------
# What the theme shows


def test_round_view_lists_responses_and_every_round_newest_first() -> None:
    responses = "  - you_said: <b>Hi</b>\n    we_did: ''\n"
    index = index_of({"y/2025.md": ysd_page("2025-07-10", responses), "y/2026.md": ysd_page()})
    rounds = check_feedback(index, RULES, today=TODAY).rounds
    record = index.get("y/2025.md")
    assert record is not None
    view = round_view(record, rounds)
    assert view["published_on"] == "2025-07-10"
    assert view["published_text"] == "10 July 2025"
    assert view["responses"] == [
        {"you_said": "<b>Hi</b>", "we_did": "", "status": "", "status_text": ""}
    ]
    assert [(r["url"], r["published_text"], r["current"]) for r in view["rounds"]] == [
        ("y/2026/", "15 July 2026", False),
        ("y/2025/", "10 July 2025", True),
    ]


def test_report_link_by_email_fills_in_the_page() -> None:
    href = report_link(
        title="Portage & play",
        url="https://lo.example.org/services/portage/",
        owner="Early Years Team",
        email="localoffer@example.org",
    )
    assert href is not None
    parts = urlsplit(href)
    assert (parts.scheme, parts.path) == ("mailto", "localoffer@example.org")
    query = parse_qs(parts.query)
    assert query["subject"] == ["Problem with the page 'Portage & play'"]
    assert query["body"] == [
        "Page: Portage & play\nAddress: https://lo.example.org/services/portage/\n"
        "Page owner: Early Years Team\n\nWhat is wrong or out of date?\n"
    ]


def test_report_link_to_a_form() -> None:
    url = "https://lo.example.org/a b/"
    templated = report_link(
        title="A&B",
        url=url,
        owner=None,
        form_url="https://forms.example.org/f?page={url}&t={title}",
    )
    assert templated == (
        "https://forms.example.org/f?page=https%3A%2F%2Flo.example.org%2Fa%20b%2F&t=A%26B"
    )
    plain = report_link(title="A&B", url=url, owner=None, form_url="https://forms.example.org/f")
    assert plain is not None
    assert parse_qs(urlsplit(plain).query) == {"title": ["A&B"], "url": [url]}
    assert unquote(plain).startswith("https://forms.example.org/f?title=A&B")
    assert report_link(title="A", url=url, owner=None) is None
