"""The "You said, we did" pages: published comments on the Local Offer and the council's response.

SEND Regulations 2014 reg 56 asks the council to publish the comments it receives and its response
"at least annually" and "in a form that does not enable any individual to be identified". This
module checks the ``type: you-said-we-did`` pages for that (the newest round's age, responses
still to be written, personal data in the comments) and prepares what the theme shows.

Messages about personal data say where it is and what kind it is, never the data itself: build
logs are kept and shared, and must not spread what the editor is asked to remove.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sendqa_build.core import personal_data
from sendqa_build.core.durations import Duration, DurationError, add_duration, parse_duration
from sendqa_build.core.personal_data import PersonalRules
from sendqa_build.core.site import PageRecord
from sendqa_build.core.view import long_date
from sendqa_build.models import Finding, Severity
from sendqa_build.rules import RulesError, expect_mapping
from sendqa_build.summaries import FeedbackRound, FeedbackSummary

CHECK = "feedback"
PAGE_TYPE = "you-said-we-did"
FEEDBACK_REQUIREMENT = "feedback"
STATUS_LABELS = {"done": "Done", "in-progress": "In progress", "planned": "Planned"}
EMAIL = "an email address"
PHONE = "a phone number"
POSTCODE = "a postcode"
NHS_NUMBER = "an NHS number"
NAME = personal_data.NAME
DATE_OF_BIRTH = personal_data.DATE_OF_BIRTH
IDENTIFYING = personal_data.IDENTIFYING
ADDRESS = personal_data.ADDRESS
REFERENCE = personal_data.REFERENCE
_KEYS = personal_data.KEYS | {
    "publish_every",
    "remind_before",
    "placeholders",
    "placeholder_starts",
    "people",
    "possessives",
    "name_phrases",
    "name_introducers",
    "honorifics",
    "not_names",
    "extra_patterns",
}


# ---------------------------------------------------------------------------------------------
# Rules (from checks/feedback.yml)


@dataclass(frozen=True)
class FeedbackRules:
    """What ``checks/feedback.yml`` says, with its word lists compiled into patterns."""

    publish_every: Duration = field(default_factory=lambda: Duration(months=12))
    remind_before: Duration | None = None
    placeholders: frozenset[str] = frozenset()
    """Placeholder ``we_did`` texts, as :func:`_key` gives them."""
    placeholder_starts: frozenset[str] = frozenset()
    names: tuple[re.Pattern[str], ...] = ()
    """Patterns whose group ``name`` is a person's name (when not in ``not_names``)."""
    not_names: frozenset[str] = frozenset()
    extra: tuple[tuple[str, re.Pattern[str]], ...] = ()
    """Council-specific patterns: (what to call it in messages, pattern)."""
    personal: PersonalRules = field(default_factory=PersonalRules)
    """Given names, dates of birth, addresses, references ... (``core/personal_data.py``)."""

    @classmethod
    def from_data(cls, data: Any, path: Path) -> FeedbackRules:
        """Build the rules from the parsed YAML file.

        Raises:
            RulesError: naming the file and the part that is wrong.
        """
        top = expect_mapping(data, path, _KEYS)

        def words(key: str) -> list[str]:
            value = top.get(key) or []
            if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
                raise RulesError(f"Error reading rules file '{path}': '{key}' must be a list")
            return [str(v).strip().lower() for v in value if str(v).strip()]

        def period(key: str, default: str | None) -> Duration | None:
            value = top.get(key, default)
            if value is None:
                return None
            try:
                return parse_duration(str(value))
            except DurationError as exc:
                raise RulesError(
                    f"Error reading rules file '{path}': '{key}' must be a period such as "
                    f"'12 months', found '{value}'"
                ) from exc

        every = period("publish_every", "12 months") or Duration(months=12)
        extra = []
        if not isinstance(top.get("extra_patterns") or [], list):
            raise RulesError(
                f"Error reading rules file '{path}': 'extra_patterns' must be a list of "
                "'name' and 'pattern' entries"
            )
        for item in top.get("extra_patterns") or []:
            body = expect_mapping(item, path, {"name", "pattern"})
            try:
                pattern = re.compile(str(body.get("pattern", "")), re.IGNORECASE)
            except re.error as exc:
                raise RulesError(
                    f"Error reading rules file '{path}': pattern of '{body.get('name')}' is not "
                    f"a valid regular expression ({exc})"
                ) from exc
            if not body.get("name") or not pattern.pattern:
                raise RulesError(
                    f"Error reading rules file '{path}': each of 'extra_patterns' needs a "
                    "'name' and a 'pattern'"
                )
            extra.append((str(body["name"]), pattern))
        return cls(
            publish_every=every,
            remind_before=period("remind_before", None),
            placeholders=frozenset(_key(p) for p in words("placeholders")),
            placeholder_starts=frozenset(words("placeholder_starts")),
            names=_name_patterns(
                people=words("people"),
                possessives=words("possessives"),
                phrases=words("name_phrases"),
                introducers=words("name_introducers"),
                honorifics=words("honorifics"),
            ),
            not_names=frozenset(words("not_names")),
            extra=tuple(extra),
            personal=PersonalRules.from_data(top, path, frozenset(words("not_names"))),
        )


def _alternatives(words: Iterable[str]) -> str:
    """``son|foster\\s+child|...``: longest first, any spacing (Word pastes non-breaking ones)."""
    parts = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in parts) or "(?!)"


# A name: capitalised, maybe hyphenated or with an apostrophe (Amy-Leigh, O'Brien, McDonald).
_NAME = r"(?P<name>(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?)\b"


def _name_patterns(
    *,
    people: list[str],
    possessives: list[str],
    phrases: list[str],
    introducers: list[str],
    honorifics: list[str],
) -> tuple[re.Pattern[str], ...]:
    who = _alternatives(people)
    mine = _alternatives(possessives)
    patterns = [
        # "my son Jack", "our 7 year old daughter, Amy", "my son (Tom)"; not "my son's school".
        rf"\b(?i:{mine})\s+(?:[\w-]+\s+){{0,4}}?(?i:{who})(?![\w'’])[\s,:(\[–—-]*{_NAME}",
        # "my son is called Jack", "a boy named Amy"; not "a group called Wyvern Voices".
        rf"\b(?i:{who})\b(?:\s+[\w'’]+){{0,3}}?\s+(?i:{_alternatives(introducers)})\s+{_NAME}",
    ]
    if phrases:
        patterns.append(rf"\b(?i:{_alternatives(phrases)})\s*[:,]?\s+{_NAME}")
    if honorifics:
        titles = "|".join(re.escape(h.capitalize()) for h in sorted(honorifics, key=len)[::-1])
        patterns.append(rf"\b(?:{titles}|{titles.upper()})\.?\s+{_NAME}")
    return tuple(re.compile(p) for p in patterns)


# ---------------------------------------------------------------------------------------------
# Personal data


_EMAIL = re.compile(
    r"(?<![\w.+'-])[\w.+'-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[\w-]+)+",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d\s().\-]{7,18}\d(?!\w)")
_POSTCODE = re.compile(
    r"\b(?P<out>[A-Z]{1,2}\d[A-Z\d]?)[\s\u00a0]*(?P<in>\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)
_NOT_INWARD = re.compile(r"\d(?:st|nd|rd|th|am|pm)", re.IGNORECASE)
_NHS = re.compile(r"(?<![\d+])[1-9]\d{2}[\s-]?\d{3}[\s-]?\d{4}(?!\d)")


def _is_uk_phone(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if candidate.lstrip("(").startswith(("+44", "0044")):
        digits = "0" + digits.removeprefix("00").removeprefix("44").removeprefix("0")
    return digits.startswith("0") and digits[1:2] != "0" and len(digits) in (10, 11)


def find_personal_data(text: str, rules: FeedbackRules) -> list[str]:
    """What kinds of personal data the text seems to hold (``a phone number`` ...), in order.

    Found by pattern: email addresses, UK phone numbers, postcodes, NHS numbers, names after
    "my son" and similar words, names after titles (Mr, Dr ...), and the council's own patterns;
    and by ``core/personal_data.py``: given names, dates of birth, details that together
    identify a child, street addresses, case and reference numbers, emails written in words.
    Returns kinds only, never the matched text.
    """
    clean = text.replace("\u00a0", " ").replace("\u2019", "'")
    kinds: list[str] = []
    more = personal_data.find_kinds(clean, rules.personal)
    if _EMAIL.search(clean) or EMAIL in more:
        kinds.append(EMAIL)
    if any(_is_uk_phone(m.group(0)) for m in _PHONE.finditer(clean)):
        kinds.append(PHONE)
    elif _NHS.search(clean):
        kinds.append(NHS_NUMBER)
    if any(not _NOT_INWARD.fullmatch(m.group("in")) for m in _POSTCODE.finditer(clean)):
        kinds.append(POSTCODE)
    if NAME in more or any(
        any(m.group("name").lower() not in rules.not_names for m in pattern.finditer(clean))
        for pattern in rules.names
    ):
        kinds.append(NAME)
    kinds.extend(kind for kind in more if kind not in (NAME, EMAIL))
    kinds.extend(name for name, pattern in rules.extra if pattern.search(clean))
    return kinds


# ---------------------------------------------------------------------------------------------
# Responses


def _key(text: str) -> str:
    """Lower-case letters and digits only: "N/A", "n.a." and "NA" all give ``na``."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def is_placeholder(text: str, rules: FeedbackRules) -> bool:
    """True when ``we_did`` is empty or only says an answer will come ("TBC", "to follow")."""
    key = _key(text)
    if not key or key in rules.placeholders:
        return True
    first = re.match(r"[\W_]*([a-z0-9]+)", text.lower())
    return bool(first and first.group(1) in rules.placeholder_starts)


@dataclass(frozen=True)
class Round:
    """One published round of comments and responses (one ``you-said-we-did`` page)."""

    page: str
    url: str
    title: str
    published_on: dt.date
    responses: tuple[dict[str, Any], ...]
    without_response: int
    line: int = 1
    """The file line of ``published_on``."""


@dataclass
class FeedbackResult:
    """Everything the check found, and the rounds newest first."""

    findings: list[Finding]
    rounds: list[Round]
    personal_data: int
    feedback_pages: list[str]

    def summary(self) -> FeedbackSummary:
        """The ``feedback`` summary the QA report reads (QA statements 1.11 and 1.13)."""
        return FeedbackSummary(
            rounds=tuple(
                FeedbackRound(
                    page=r.page,
                    published_on=r.published_on,
                    responses=len(r.responses),
                    without_response=r.without_response,
                )
                for r in self.rounds
            ),
            newest_published_on=self.rounds[0].published_on if self.rounds else None,
            personal_data=self.personal_data,
            feedback_pages=tuple(self.feedback_pages),
        )


def check_feedback(
    pages: Iterable[PageRecord], rules: FeedbackRules, *, today: dt.date
) -> FeedbackResult:
    """Check every ``you-said-we-did`` page, and the site's rounds as a whole.

    Args:
        pages: every page of the site (other types are only looked at for ``covers: [feedback]``).
        rules: the rules from ``checks/feedback.yml``.
        today: the reference date.
    """
    findings: list[Finding] = []
    rounds: list[Round] = []
    personal = 0
    feedback_pages: list[str] = []
    for record in pages:
        if FEEDBACK_REQUIREMENT in record.covers:
            feedback_pages.append(record.src)
        if record.page_type != PAGE_TYPE:
            continue
        page_findings, personal_here = _check_responses(record, rules)
        findings.extend(page_findings)
        personal += personal_here
        published = record.meta.get("published_on")
        if not isinstance(published, dt.date):
            continue  # the front matter check has said what is wrong
        if published > today:
            findings.append(
                Finding(
                    CHECK,
                    record.src,
                    record.result.line_of("published_on"),
                    Severity.WARNING,
                    f"'published_on' is in the future ({published.isoformat()}, today is "
                    f"{today.isoformat()})",
                    "give the date this round is published on the site",
                )
            )
        responses = tuple(record.meta.get("responses") or ())
        rounds.append(
            Round(
                page=record.src,
                url=record.url,
                title=record.title,
                published_on=published,
                responses=responses,
                without_response=sum(is_placeholder(r["we_did"], rules) for r in responses),
                line=record.result.line_of("published_on"),
            )
        )
    rounds.sort(key=lambda r: (-r.published_on.toordinal(), r.page))
    if rounds:
        findings.extend(_check_newest(rounds[0], rules, today))
    return FeedbackResult(findings, rounds, personal, sorted(feedback_pages))


def _check_responses(record: PageRecord, rules: FeedbackRules) -> tuple[list[Finding], int]:
    findings = []
    personal = 0
    for index, item in enumerate(record.meta.get("responses") or []):
        where = f"responses[{index}]"
        number = index + 1
        if is_placeholder(item["we_did"], rules):
            missing = not _key(item["we_did"])
            findings.append(
                Finding(
                    CHECK,
                    record.src,
                    record.result.lines.get(f"{where}.we_did", item.get("line", 1)),
                    Severity.WARNING,
                    f"'responses' item {number} has no 'we_did' answer"
                    if missing
                    else f"'responses' item {number} has a placeholder 'we_did' answer "
                    f"'{item['we_did'].strip()}'",
                    "write what the council did or will do about this comment (reg 56(2) asks "
                    "for the response and the action)",
                )
            )
        kinds = find_personal_data(item["you_said"], rules)
        if kinds:
            personal += 1
            findings.append(
                Finding(
                    CHECK,
                    record.src,
                    record.result.lines.get(f"{where}.you_said", item.get("line", 1)),
                    Severity.WARNING,
                    f"'responses' item {number} 'you_said' may identify someone (it has "
                    f"{_join(kinds)})",
                    "remove it or say it in general words before publishing (reg 56(3): "
                    "published comments must identify nobody)",
                )
            )
    return findings, personal


def _check_newest(newest: Round, rules: FeedbackRules, today: dt.date) -> list[Finding]:
    due = add_duration(newest.published_on, rules.publish_every)
    when = long_date(newest.published_on)
    if today > due:
        return [
            Finding(
                CHECK,
                newest.page,
                newest.line,
                Severity.WARNING,
                f"the newest 'You said, we did' round was published on {when}, more than "
                f"{rules.publish_every.describe()} ago (today is {long_date(today)})",
                "publish a new round of comments and what the council did about them "
                "(reg 56(3): at least once a year)",
            )
        ]
    if rules.remind_before and today >= _minus(due, rules.remind_before):
        return [
            Finding(
                CHECK,
                newest.page,
                newest.line,
                Severity.INFO,
                f"the next 'You said, we did' round is due by {long_date(due)} (the newest was "
                f"published on {when})",
                "plan the next round of comments and responses",
            )
        ]
    return []


def _minus(day: dt.date, period: Duration) -> dt.date:
    negative = Duration(
        years=-period.years, months=-period.months, weeks=-period.weeks, days=-period.days
    )
    return add_duration(day, negative)


def _join(kinds: list[str]) -> str:
    return kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]


# ---------------------------------------------------------------------------------------------
# What the theme shows


def round_view(record: PageRecord, rounds: list[Round]) -> dict[str, Any]:
    """The responses table of a ``you-said-we-did`` page and the list of every round.

    Values are plain text; the template escapes every one of them.
    """
    view: dict[str, Any] = {
        "rounds": [
            {
                "title": r.title,
                "url": r.url,
                "published_on": r.published_on.isoformat(),
                "published_text": long_date(r.published_on),
                "current": r.page == record.src,
            }
            for r in rounds
        ]
    }
    if record.page_type == PAGE_TYPE:
        published = record.meta.get("published_on")
        view["published_on"] = published.isoformat() if isinstance(published, dt.date) else None
        view["published_text"] = long_date(published) if isinstance(published, dt.date) else None
        view["responses"] = [
            {
                "you_said": item["you_said"],
                "we_did": item["we_did"],
                "status": item.get("status") or "",
                "status_text": STATUS_LABELS.get(item.get("status") or "", ""),
            }
            for item in record.meta.get("responses") or []
        ]
    return view


def report_link(
    *,
    title: str,
    url: str,
    owner: str | None,
    email: str | None = None,
    form_url: str | None = None,
) -> str | None:
    """Where "Report a problem with this page" goes: a form or an email, with the page filled in.

    ``form_url`` wins when both are given; ``{title}`` and ``{url}`` in it are replaced, else
    ``title`` and ``url`` are added as query parameters. Returns None when neither is set.
    """
    if form_url:
        values = {"title": quote(title, safe=""), "url": quote(url, safe="")}
        if "{title}" in form_url or "{url}" in form_url:
            return form_url.replace("{title}", values["title"]).replace("{url}", values["url"])
        joiner = "&" if "?" in form_url else "?"
        return f"{form_url}{joiner}title={values['title']}&url={values['url']}"
    if email:
        subject = f"Problem with the page '{title}'"
        lines = [f"Page: {title}", f"Address: {url}"]
        if owner:
            lines.append(f"Page owner: {owner}")
        lines += ["", "What is wrong or out of date?", ""]
        body = "\n".join(lines)
        return (
            f"mailto:{email.removeprefix('mailto:')}?subject={quote(subject, safe='')}"
            f"&body={quote(body, safe='')}"
        )
    return None
