"""Checking every front matter field of a page against its page type's rules.

Each problem becomes one Finding naming the line, the field, what was found and what was expected,
so a content editor can fix it without reading code.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from sendqa_build.core.durations import DurationError, parse_duration
from sendqa_build.core.frontmatter.places import EXAMPLE as TIMES_EXAMPLE
from sendqa_build.core.frontmatter.places import TimesError, parse_times, postcode
from sendqa_build.core.frontmatter.rules import FieldSpec, PageTypes
from sendqa_build.core.frontmatter.source import SourceParts, normalise_text, split_source
from sendqa_build.core.yamltext import YamlProblem, load_yaml
from sendqa_build.models import Finding, Severity

CHECK = "front-matter"
MIN_AGE, MAX_AGE = 0, 25
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^[0-9+()\-\s.]{6,}(?:\s*(?:ext|extension|x)\.?\s*\d+)?$", re.IGNORECASE)
_URL = re.compile(r"^https?://[^\s<>\"']+\.[^\s<>\"']+$", re.IGNORECASE)
_OTHER_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})$")
_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|javascript:", re.IGNORECASE)
"""An HTML tag (``<b>``, ``<script src=...>``) or a script address: never shown as markup."""
MAX_REVIEW_MONTHS = 120
"""Longest ``review_in`` accepted (10 years): beyond it a page is never really reviewed."""
CONTACT_KEYS = ("phone", "email", "website")
_CONTACT_ALIASES = {
    "telephone": "phone",
    "tel": "phone",
    "phone_number": "phone",
    "mobile": "phone",
    "e-mail": "email",
    "mail": "email",
    "email_address": "email",
    "url": "website",
    "web": "website",
    "site": "website",
    "link": "website",
}
LOCATION_KEYS = (
    "name",
    "address",
    "town",
    "postcode",
    "latitude",
    "longitude",
    "accessibility",
    "times",
)
"""What a place in ``locations`` may say; only ``name`` is needed."""
_LOCATION_ALIASES = {
    "venue": "name",
    "title": "name",
    "street": "address",
    "address_1": "address",
    "city": "town",
    "village": "town",
    "post_code": "postcode",
    "postal_code": "postcode",
    "lat": "latitude",
    "lon": "longitude",
    "lng": "longitude",
    "long": "longitude",
    "access": "accessibility",
    "accessibility_notes": "accessibility",
    "opening_times": "times",
    "hours": "times",
    "opening_hours": "times",
}


@dataclass
class FrontMatterResult:
    """The checked front matter of one page.

    ``meta`` holds only values that passed their checks, converted to Python types (dates as
    ``datetime.date``, ages as ``int``, ``review_in`` as a Duration, lists as lists), plus
    defaults for optional fields; later checks can trust it.
    """

    meta: dict[str, Any]
    findings: list[Finding]
    parts: SourceParts
    lines: dict[str, int] = field(default_factory=dict)
    """File line of each field, by path (``contact.email``, ``responses[0].we_did``)."""

    def line_of(self, path: str) -> int:
        """The file line of a field (or of the front matter's start when unknown)."""
        return self.lines.get(path, 1)


@dataclass
class _Checker:
    page: str
    rules: PageTypes
    known_requirements: frozenset[str] | None
    today: dt.date
    lines: dict[str, int]
    findings: list[Finding] = field(default_factory=list)

    def add(self, path: str | None, message: str, fix: str = "") -> None:
        line = self.lines.get(path, 1) if path else 1
        self.findings.append(Finding(CHECK, self.page, line, Severity.WARNING, message, fix))

    def wrong(self, name: str, expected: str, found: Any, path: str | None = None) -> None:
        self.add(path or name, f"'{name}' must be {expected}, found {_show(found)}")

    # One method per kind. Each returns the converted value, or None after adding a finding.

    def check_text(self, spec: FieldSpec, value: Any, path: str) -> str | None:
        if isinstance(value, bool):
            self.wrong(spec.name, "text", value, path)
            self.findings[-1] = _with_fix(
                self.findings[-1],
                f'YAML reads yes/no/on/off as true/false; write "{value}" in quotes',
            )
            return None
        if isinstance(value, (int, float)):
            return str(value)
        if not isinstance(value, str):
            self.wrong(spec.name, "text", value, path)
            return None
        if not value.strip():
            self.add(path, f"'{spec.name}' is empty", _example_fix(spec))
            return None
        markup = _MARKUP.search(value)
        if markup:
            # Templates show the text escaped, so markup never runs; say so, as the page
            # will show the tags as text.
            self.add(
                path,
                f"'{spec.name}' contains HTML or a script address ('{markup.group(0)[:40]}'), "
                "which is shown as plain text",
                "write plain words without '<', '>' or 'javascript:'",
            )
        return value.strip()

    def check_date(self, spec: FieldSpec, value: Any, path: str) -> dt.date | None:
        parsed = parse_date(value)
        if isinstance(parsed, str):
            self.add(
                path,
                f"'{spec.name}' must be a date written YYYY-MM-DD, found {_show(value)}",
                parsed,
            )
            return None
        if spec.not_future and parsed > self.today:
            self.add(
                path,
                f"'{spec.name}' is in the future ({parsed.isoformat()}, today is "
                f"{self.today.isoformat()})",
                "use the date the page was actually checked",
            )
            return None
        return parsed

    def check_duration(self, spec: FieldSpec, value: Any, path: str) -> Any:
        try:
            period = parse_duration(str(value)) if isinstance(value, (str, int)) else _raise()
        except DurationError:
            self.wrong(
                spec.name, "a period such as '6 months', '12 weeks', '1 year' or 'P6M'", value, path
            )
            return None
        months = period.years * 12 + period.months + (period.weeks * 7 + period.days) / 31
        if months > MAX_REVIEW_MONTHS:
            self.add(
                path,
                f"'{spec.name}' is {_show(value)}, longer than {MAX_REVIEW_MONTHS // 12} years",
                "pages need checking more often; use a period such as '12 months'",
            )
            return None
        return period

    def check_age(self, spec: FieldSpec, value: Any, path: str) -> int | None:
        age: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            age = value
        elif isinstance(value, float) and value.is_integer():
            age = int(value)
        elif isinstance(value, str) and value.strip().isdigit():
            age = int(value.strip())
        if age is None or not MIN_AGE <= age <= MAX_AGE:
            self.wrong(spec.name, f"a whole number from {MIN_AGE} to {MAX_AGE}", value, path)
            return None
        return age

    def check_choice(self, spec: FieldSpec, value: Any, path: str) -> str | None:
        if isinstance(value, str) and value.strip().lower() in spec.choices:
            return value.strip().lower()
        self.wrong(spec.name, _one_of(spec.choices), value, path)
        self._suggest(value, spec.choices)
        return None

    def check_choices(self, spec: FieldSpec, value: Any, path: str) -> list[str] | None:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            self.wrong(spec.name, f"a list of {_one_of(spec.choices)}", value, path)
            return None
        good: list[str] = []
        for index, item in enumerate(items):
            item_path = f"{path}[{index}]" if isinstance(value, list) else path
            if isinstance(item, str) and item.strip().lower() in spec.choices:
                if item.strip().lower() not in good:
                    good.append(item.strip().lower())
                continue
            self.add(
                item_path,
                f"'{spec.name}' has an unknown value {_show(item)}; "
                f"expected {_one_of(spec.choices)}",
            )
            self._suggest(item, spec.choices)
        return good if len(good) == len(items) else None

    def check_contact(self, spec: FieldSpec, value: Any, path: str) -> dict[str, str] | None:
        if not isinstance(value, dict):
            self.wrong(spec.name, "a list of contact details (phone, email, website)", value, path)
            self.findings[-1] = _with_fix(self.findings[-1], _example_fix(spec))
            return None
        contact: dict[str, str] = {}
        ok = True
        for key, raw in value.items():
            name = str(key)
            key_path = f"{path}.{name}"
            if name not in CONTACT_KEYS:
                hint = _CONTACT_ALIASES.get(name.lower()) or _closest(name, CONTACT_KEYS)
                self.add(
                    key_path,
                    f"'{spec.name}' has an unknown detail '{name}'",
                    f"did you mean '{hint}'?" if hint else "use phone, email or website",
                )
                ok = False
                continue
            text = str(raw).strip() if raw is not None and not isinstance(raw, (dict, list)) else ""
            if name == "email":
                text = text.removeprefix("mailto:")
            valid = {
                "phone": _PHONE.match(text),
                "email": _EMAIL.match(text),
                "website": _URL.match(text),
            }[name]
            if not valid:
                expected = {
                    "phone": "a phone number such as 01632 960 123",
                    "email": "an email address such as name@council.gov.uk",
                    "website": "a web address starting https://",
                }[name]
                self.wrong(f"{spec.name}.{name}", expected, raw, key_path)
                ok = False
                continue
            contact[name] = text
        if not contact and ok:
            self.add(path, f"'{spec.name}' has no phone, email or website", _example_fix(spec))
            return None
        return contact if ok else None

    def check_responses(
        self, spec: FieldSpec, value: Any, path: str
    ) -> list[dict[str, Any]] | None:
        if not isinstance(value, list) or not value:
            self.wrong(spec.name, "a list of comments, each with you_said and we_did", value, path)
            self.findings[-1] = _with_fix(self.findings[-1], _example_fix(spec))
            return None
        items: list[dict[str, Any]] = []
        ok = True
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if not isinstance(item, dict):
                self.wrong(
                    f"{spec.name} item {index + 1}", "you_said, we_did and status", item, item_path
                )
                ok = False
                continue
            unknown = [str(k) for k in item if k not in ("you_said", "we_did", "status")]
            for key in unknown:
                hint = _closest(key, ("you_said", "we_did", "status"))
                self.add(
                    f"{item_path}.{key}",
                    f"'{spec.name}' item {index + 1} has an unknown field '{key}'",
                    f"did you mean '{hint}'?" if hint else "use you_said, we_did and status",
                )
                ok = False
            said = item.get("you_said")
            if not isinstance(said, str) or not said.strip():
                self.add(
                    f"{item_path}.you_said" if "you_said" in item else item_path,
                    f"'{spec.name}' item {index + 1} has no 'you_said' text",
                    "add what people told you, in words that identify nobody",
                )
                ok = False
            did = item.get("we_did")
            if did is not None and not isinstance(did, str):
                self.wrong(
                    f"{spec.name} item {index + 1} 'we_did'", "text", did, f"{item_path}.we_did"
                )
                ok = False
            status = item.get("status")
            if (
                status is not None
                and str(status).strip().lower() not in self.rules.response_statuses
            ):
                self.wrong(
                    f"{spec.name} item {index + 1} 'status'",
                    _one_of(self.rules.response_statuses),
                    status,
                    f"{item_path}.status",
                )
                ok = False
            items.append(
                {
                    "you_said": str(said or "").strip(),
                    "we_did": str(did or "").strip(),
                    "status": str(status).strip().lower() if status is not None else None,
                    "line": self.lines.get(item_path, 1),
                }
            )
        return items if ok else None

    def check_times(
        self, spec: FieldSpec, value: Any, path: str, label: str = ""
    ) -> list[dict[str, Any]] | None:
        """Opening times: one line (``Monday to Friday, 9am to 5pm``) or a list of lines.
        ``label`` names the field in messages (a place's times: "'locations' item 1: 'times'")."""
        label = label or f"'{spec.name}'"
        expected = f"days and hours such as '{TIMES_EXAMPLE}'"
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            self.add(path, f"{label} must be {expected}, found {_show(value)}")
            return None
        good: list[dict[str, Any]] = []
        for index, item in enumerate(items):
            item_path = f"{path}[{index}]" if isinstance(value, list) else path
            if not isinstance(item, str) or not item.strip():
                self.add(item_path, f"{label} must be {expected}, found {_show(item)}")
                continue
            try:
                good.append(parse_times(item))
            except TimesError as exc:
                self.add(
                    item_path,
                    f"{label} could not be read: {_show(item)} ({exc})",
                    f"write the days, then the hours, such as '{TIMES_EXAMPLE}' or "
                    "'Saturdays, 10am to 1pm (term time only)'",
                )
        return good if len(good) == len(items) else None

    def check_locations(
        self, spec: FieldSpec, value: Any, path: str
    ) -> list[dict[str, Any]] | None:
        """Places where the service is given: a name, and optionally address, town, postcode,
        latitude and longitude, accessibility notes and opening times."""
        if not isinstance(value, list) or not value:
            self.wrong(spec.name, "a list of places, each with at least a name", value, path)
            self.findings[-1] = _with_fix(
                self.findings[-1],
                "write each place under 'locations:' on a line starting '- name:', with its "
                "address, town and postcode on the lines below",
            )
            return None
        places: list[dict[str, Any]] = []
        ok = True
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            where = f"'{spec.name}' item {index + 1}"
            if not isinstance(item, dict):
                self.add(
                    item_path,
                    f"{where} must be a place with a name (and address, town, postcode...), "
                    f"found {_show(item)}",
                    "start the place with '- name:' and give each detail on its own line",
                )
                ok = False
                continue
            place, fine = self._place({str(k): v for k, v in item.items()}, where, item_path)
            ok = ok and fine
            places.append(place)
        return places if ok else None

    def _place(self, item: dict[str, Any], where: str, path: str) -> tuple[dict[str, Any], bool]:
        ok = True
        for key in item:
            if key not in LOCATION_KEYS:
                hint = _LOCATION_ALIASES.get(key.lower()) or _closest(key, LOCATION_KEYS)
                self.add(
                    f"{path}.{key}",
                    f"{where} has an unknown detail '{key}'",
                    f"did you mean '{hint}'?" if hint else f"use {', '.join(LOCATION_KEYS)}",
                )
                ok = False
        place: dict[str, Any] = {"line": self.lines.get(path, 1)}
        for key in ("name", "address", "town", "postcode"):
            raw = item.get(key)
            if raw is None:
                continue
            text = " ".join(str(raw).split()) if isinstance(raw, (str, int, float)) else ""
            if not text or isinstance(raw, bool):
                self.add(f"{path}.{key}", f"{where}: '{key}' must be text, found {_show(raw)}")
                ok = False
                continue
            if key == "postcode":
                code = postcode(text)
                if code is None:
                    self.add(
                        f"{path}.{key}",
                        f"{where} has a postcode that is not a UK postcode, found {_show(raw)}",
                        "write it like 'WY1 4AB'",
                    )
                    ok = False
                    continue
                text = code
            self._markup(text, f"{where}: '{key}'", f"{path}.{key}")
            place[key] = text
        if "name" not in place and "name" not in item:
            self.add(
                path,
                f"{where} has no 'name'",
                "add the place's name, such as 'name: Riverside Family Hub'",
            )
            ok = False
        place["latitude"], place["longitude"] = None, None
        given = [k for k in ("latitude", "longitude") if item.get(k) is not None]
        if len(given) == 1:
            missing = "longitude" if given == ["latitude"] else "latitude"
            self.add(
                f"{path}.{given[0]}",
                f"{where} has a {given[0]} but no {missing}",
                f"add '{missing}' too (both come from the same point on a map), or remove "
                f"the {given[0]}",
            )
            ok = False
        elif len(given) == 2:
            for key, limit in (("latitude", 90), ("longitude", 180)):
                raw = item[key]
                number = _number(raw)
                if number is None or not -limit <= number <= limit:
                    self.add(
                        f"{path}.{key}",
                        f"{where}: '{key}' must be a number from -{limit} to {limit}, found "
                        f"{_show(raw)}",
                        "copy the map point in decimal degrees, such as latitude 52.1936 and "
                        "longitude -2.2216",
                    )
                    ok = False
                    continue
                place[key] = number
        notes = item.get("accessibility")
        place["accessibility"] = []
        if notes is not None:
            listed = [notes] if isinstance(notes, str) else notes
            if not isinstance(listed, list) or not all(
                isinstance(n, str) and n.strip() for n in listed
            ):
                self.add(
                    f"{path}.accessibility",
                    f"{where}: 'accessibility' must be a list of notes such as [Step-free "
                    f"access, Changing Places toilet], found {_show(notes)}",
                )
                ok = False
            else:
                place["accessibility"] = [" ".join(n.split()) for n in listed]
                for note in place["accessibility"]:
                    self._markup(note, f"{where}: 'accessibility'", f"{path}.accessibility")
        place["times"] = []
        if item.get("times") is not None:
            spec = FieldSpec(name="times", kind="times")
            times = self.check_times(spec, item["times"], f"{path}.times", f"{where}: 'times'")
            if times is None:
                ok = False
            else:
                place["times"] = times
        return place, ok

    def check_requirement_ids(self, spec: FieldSpec, value: Any, path: str) -> list[str] | None:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            self.wrong(spec.name, "a list of requirement ids", value, path)
            return None
        good: list[str] = []
        for index, item in enumerate(items):
            item_path = f"{path}[{index}]" if isinstance(value, list) else path
            name = str(item).strip().lower() if isinstance(item, str) else None
            known = self.known_requirements
            if name is None or (known is not None and name not in known):
                hint = _closest(str(item), sorted(known)) if known else None
                self.add(
                    item_path,
                    f"'{spec.name}' has an unknown requirement id {_show(item)}",
                    f"did you mean '{hint}'?"
                    if hint
                    else "use an id from checks/requirements.yml, such as 'health'",
                )
                continue
            if name not in good:
                good.append(name)
            else:
                self.findings.append(
                    Finding(
                        CHECK,
                        self.page,
                        self.lines.get(item_path, 1),
                        Severity.INFO,
                        f"'{spec.name}' lists '{name}' more than once",
                        "delete the repeated id",
                    )
                )
        return good

    def _markup(self, text: str, label: str, path: str) -> None:
        """Tell the editor that markup in a value is shown as text (templates escape it)."""
        markup = _MARKUP.search(text)
        if markup:
            self.add(
                path,
                f"{label} contains HTML or a script address ('{markup.group(0)[:40]}'), which "
                "is shown as plain text",
                "write plain words without '<', '>' or 'javascript:'",
            )

    def _suggest(self, value: Any, choices: tuple[str, ...]) -> None:
        hint = _closest(str(value), choices) if isinstance(value, str) else None
        if hint:
            self.findings[-1] = _with_fix(self.findings[-1], f"did you mean '{hint}'?")


def parse_date(value: Any) -> dt.date | str:
    """Parse a ``YYYY-MM-DD`` date; on failure return the fix to show the editor."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip() if isinstance(value, (str, int)) else ""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return (
                "there is no such date; check the day and month "
                f"(for example {year}-{month:02d}-01)"
            )
    other = _OTHER_DATE.match(text)
    if other:
        day, month, year = (int(g) for g in other.groups())
        year = year + 2000 if year < 100 else year
        try:
            return f"write it as {dt.date(year, month, day).isoformat()}"
        except ValueError:
            return "there is no such date, and dates are written YYYY-MM-DD, for example 2026-02-28"
    return "write the date as YYYY-MM-DD, for example 2026-09-01"


def check_front_matter(
    text: str,
    page: str,
    rules: PageTypes,
    *,
    today: dt.date,
    known_requirements: frozenset[str] | None = None,
    is_home: bool = False,
) -> FrontMatterResult:
    """Check one page's front matter.

    Args:
        text: the whole page source (any line endings, with or without a byte-order mark).
        page: the page's path under the docs folder, used in findings.
        rules: the page-type rules.
        today: the reference date (a review date after it is an error).
        known_requirements: the requirement ids in the catalogue (None skips that check).
        is_home: the home page may leave out type-specific fields.

    Returns:
        The converted values, the findings and the line of every field.
    """
    parts = split_source(normalise_text(text))
    if not parts.body.strip() and parts.front_matter is None:
        finding = Finding(
            CHECK,
            page,
            1,
            Severity.WARNING,
            "the file is empty",
            "write the page, starting with a front matter block between two '---' lines giving "
            "title, summary, owner and last_reviewed_on, or delete the file",
        )
        return FrontMatterResult(meta={}, findings=[finding], parts=parts)
    if parts.front_matter is None:
        finding = Finding(
            CHECK,
            page,
            1,
            Severity.WARNING,
            "the page has no front matter",
            "start the file with a block between two '---' lines giving title, summary, owner "
            "and last_reviewed_on",
        )
        return FrontMatterResult(meta={}, findings=[finding], parts=parts)
    if parts.unclosed:
        finding = Finding(
            CHECK,
            page,
            1,
            Severity.WARNING,
            "the front matter starts with '---' but has no closing '---' line",
            "add a line with just '---' after the last field",
        )
        return FrontMatterResult(meta={}, findings=[finding], parts=parts)
    try:
        doc = load_yaml(parts.front_matter, first_line=parts.yaml_line, aliases=False)
    except YamlProblem as problem:
        message = problem.message
        if message.startswith("not valid YAML"):
            message = "the front matter is " + message
        elif message.startswith("lists or fields"):
            message = "in the front matter, " + message
        finding = Finding(CHECK, page, problem.line or 1, Severity.WARNING, message)
        return FrontMatterResult(meta={}, findings=[finding], parts=parts)
    lines = {sys.intern(path): line for path, line in doc.paths.items()}  # shared keys
    data = doc.data
    if data is None:
        data = {}
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"just the text {_show(data)}"
        finding = Finding(
            CHECK,
            page,
            parts.yaml_line,
            Severity.WARNING,
            f"the front matter must be 'field: value' lines, found {kind}",
            "write one field per line, such as 'title: Short breaks'",
        )
        return FrontMatterResult(meta={}, findings=[finding], parts=parts, lines=lines)
    checker = _Checker(page, rules, known_requirements, today, lines)
    meta = _check_fields(checker, {str(k): v for k, v in data.items()}, is_home=is_home)
    if not parts.body.strip() and meta.get("type") != "you-said-we-did":
        # "You said, we did" pages may be only their responses table; any other page would
        # be published with nothing under its title.
        checker.add(
            None,
            "the page has no text after the front matter",
            "write the page under the closing '---' line",
        )
        checker.findings[-1] = _at_line(checker.findings[-1], parts.body_line - 1)
    return FrontMatterResult(meta=meta, findings=checker.findings, parts=parts, lines=lines)


def _check_fields(checker: _Checker, data: dict[str, Any], *, is_home: bool) -> dict[str, Any]:
    rules = checker.rules
    type_spec = rules.common.get("type")
    page_type = "guide"
    raw_type = data.get("type")
    if raw_type is not None and type_spec is not None:
        checked = checker.check_choice(type_spec, raw_type, "type")
        page_type = checked or "guide"
    fields = rules.fields_for(page_type)
    known_here = set(fields) | set(rules.passthrough)
    all_known = rules.all_field_names() | set(rules.passthrough)
    meta: dict[str, Any] = {"type": page_type}
    typo_targets: set[str] = set()
    for name in data:
        if name in known_here:
            continue
        hint = None if name in all_known else _closest(name, sorted(fields))
        if hint and hint not in data:
            typo_targets.add(hint)
            checker.add(name, f"unknown field '{name}'", f"did you mean '{hint}'?")
        elif name in all_known and page_type != "guide":
            checker.findings.append(
                Finding(
                    CHECK,
                    checker.page,
                    checker.lines.get(name, 1),
                    Severity.INFO,
                    f"'{name}' is not used on {page_type} pages and is ignored",
                )
            )
        # Other unknown fields are left alone: councils may use their own.
    for name, spec in fields.items():
        if name == "type":
            continue
        type_specific = name not in rules.common
        if name not in data or data[name] is None:
            if spec.required and not (is_home and type_specific) and name not in typo_targets:
                found = "is empty" if name in data else "is missing"
                checker.add(name if name in data else None, f"'{name}' {found}", _example_fix(spec))
            if spec.default is not None:
                meta[name] = spec.default
            continue
        method = getattr(checker, "check_" + spec.kind.replace("-", "_"))
        value = method(spec, data[name], name)
        if value is not None:
            meta[name] = value
    low, high = meta.get("minimum_age"), meta.get("maximum_age")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        checker.add(
            "maximum_age",
            f"'maximum_age' ({high}) is lower than 'minimum_age' ({low})",
            "check the two ages; the minimum must not be more than the maximum",
        )
    for name in rules.passthrough:
        if name in data:
            meta[name] = data[name]
    return meta


# ---------------------------------------------------------------------------------------------
# Small helpers


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (a yes/no value)"
    if isinstance(value, dict):
        return "a list of fields"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"'{text}'"


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def _one_of(choices: tuple[str, ...]) -> str:
    quoted = [f"'{c}'" for c in choices]
    if len(quoted) == 1:
        return quoted[0]
    return "one of " + ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _closest(value: str, options: Any) -> str | None:
    matches = difflib.get_close_matches(value.strip().lower(), list(options), n=1, cutoff=0.75)
    return matches[0] if matches else None


def _example_fix(spec: FieldSpec) -> str:
    return f"add it, for example '{spec.example}'" if spec.example else ""


def _with_fix(finding: Finding, fix: str) -> Finding:
    return Finding(
        finding.check, finding.page, finding.line, finding.severity, finding.message, fix
    )


def _at_line(finding: Finding, line: int) -> Finding:
    return Finding(
        finding.check, finding.page, line, finding.severity, finding.message, finding.fix
    )


def _raise() -> Any:
    raise DurationError("not text")
