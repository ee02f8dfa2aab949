"""Property-based tests: whatever an editor (or a hostile copy and paste) puts in a page, every
check returns findings, or raises only its documented error, and never anything else.

Hypothesis generates front matter (known fields with wrong types, nested YAML, huge numbers,
control characters, raw broken YAML) and Markdown (headings, broken tables, deeply nested lists,
HTML and script, links of every scheme, unclosed code fences and comments). Examples are fixed
(``derandomize``) so CI runs the same 2,600 cases every time.
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendqa_build.core import browse, coverage, feedback, freshness, links, opendata, safety
from sendqa_build.core.durations import Duration, DurationError, add_duration, parse_duration
from sendqa_build.core.frontmatter import PageTypes, check_front_matter, parse_date
from sendqa_build.core.glossary import load_glossary
from sendqa_build.core.plain_english import PlainEnglishRules, check_page, page_summary
from sendqa_build.core.readability import load_readability_rules
from sendqa_build.core.requirements import load_catalogue
from sendqa_build.core.scoring import parse_scoring_rules, parse_toolkit
from sendqa_build.core.search import load_synonyms
from sendqa_build.core.silence import apply_silences
from sendqa_build.core.site import build_index, decode_source
from sendqa_build.core.structure import StructureRules, check_structure
from sendqa_build.core.view import page_view
from sendqa_build.core.words import load_word_rules
from sendqa_build.core.yamltext import YamlProblem, load_yaml
from sendqa_build.models import Finding, sorted_findings
from sendqa_build.rules import RulesError, load_rules_file

CHECKS = Path(__file__).resolve().parents[2] / "checks"
TODAY = dt.date(2026, 12, 1)


def _rules(name: str) -> Any:
    return load_rules_file(CHECKS / name)


PAGE_TYPES = PageTypes.from_data(_rules("page-types.yml"), CHECKS / "page-types.yml")
CATALOGUE = load_catalogue(CHECKS / "requirements.yml")
FRESHNESS = freshness.FreshnessRules.from_data(_rules("freshness.yml"), CHECKS / "freshness.yml")
FEEDBACK = feedback.FeedbackRules.from_data(_rules("feedback.yml"), CHECKS / "feedback.yml")
PLAIN = PlainEnglishRules.load(CHECKS)
STRUCTURE = StructureRules.from_data(_rules("structure.yml"), CHECKS / "structure.yml")
BROWSE = browse.BrowseRules.from_data(_rules("browse.yml"), CHECKS / "browse.yml")
CONTEXT = opendata.FeedContext(
    namespace=uuid.UUID("5c20e32d-5c47-461d-9d60-be844e7dcf6d"),
    site_name="Test",
    site_url="https://localoffer.example.org/",
    area="Wyvernshire",
    requirement_titles={r.id: r.title for r in CATALOGUE.requirements},
)
FIELDS = sorted(PAGE_TYPES.all_field_names())
MARKDOWN_EXTENSIONS = ["abbr", "attr_list", "admonition", "def_list", "tables", "toc"]

# ---------------------------------------------------------------------------------------------
# Strategies

NASTY = [
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "JaVa&#x09;ScRiPt:alert(1)",
    "<img src=x onerror=alert(1)>",
    "<!--",
    "-->",
    "<!-->",
    "]]>",
    "2026-02-30",
    "31/02/2026",
    "9999-12-31",
    "0000-00-00",
    "P9999999Y",
    "99999999 years",
    "\t",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\ufeff",
    "\u00a0",
    "’",
    "---",
    "...",
    "|",
    ": ",
    "#",
    "&",
    "&amp;",
    "&#0;",
    "{: onclick=x }",
    "*[HTML]: <b>",
    "`",
    "```",
    "sendqa-ignore",
    "<!-- sendqa-ignore -->",
    "mailto:",
    "tel:",
    "file:///etc/passwd",
    "http://",
    "https://[::1",
    "https://localoffer.example.org/../../etc/passwd",
    "NHS",
    "EHCP",
    "my son Tom",
    "07700 900123",
    "SW1A 1AA",
]
text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(NASTY),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=8)), max_size=6).map(" ".join),
)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
)
scalars = st.one_of(text, numbers, st.booleans(), st.none(), st.dates().map(str))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(text, st.sampled_from(FIELDS)), inner, max_size=4),
    ),
    max_leaves=12,
)
good_values = st.fixed_dictionaries(
    {
        "title": text,
        "summary": text,
        "owner": text,
        "last_reviewed_on": st.one_of(st.dates().map(str), text),
    },
    optional={
        "type": st.sampled_from(["guide", "service", "you-said-we-did", "servce", ""]),
        "review_in": st.one_of(st.sampled_from(["6 months", "P6M", "1 year", "0 days"]), text),
        "covers": st.lists(st.one_of(st.sampled_from(sorted(CATALOGUE.ids)), text), max_size=4),
        "minimum_age": st.one_of(st.integers(-5, 30), text),
        "maximum_age": st.one_of(st.integers(-5, 30), text),
        "needs": st.lists(st.sampled_from(["all", "cognition-and-learning", "x"]), max_size=3),
        "area": st.sampled_from(["local", "outside", "mars"]),
        "eligibility": text,
        "how_to_access": text,
        "decided_by": text,
        "cost": st.one_of(st.sampled_from(["Free", "£12.50 a session", "£0"]), text),
        "provider": text,
        "contact": st.dictionaries(
            st.sampled_from(["phone", "email", "website", "fax"]),
            st.one_of(text, st.sampled_from(["01632 960 123", "a@b.org", "https://x.org/"])),
            max_size=3,
        ),
        "status": st.sampled_from(["active", "closed", "temporarily-closed", "gone"]),
        "published_on": st.one_of(st.dates().map(str), text),
        "responses": st.lists(
            st.dictionaries(st.sampled_from(["you_said", "we_did", "status", "x"]), values),
            max_size=3,
        ),
        "id": text,
    },
)
front_matter = st.one_of(
    good_values.map(lambda d: yaml.safe_dump(d, allow_unicode=True, sort_keys=False)),
    st.dictionaries(st.one_of(st.sampled_from(FIELDS), text), values, max_size=8).map(
        lambda d: yaml.safe_dump(d, allow_unicode=True)
    ),
    values.map(lambda v: yaml.safe_dump(v, allow_unicode=True)),
    st.lists(text, max_size=8).map("\n".join),  # raw, usually broken, YAML
)


def _nested_list(depth: int, item: str) -> str:
    return "\n".join(f"{'    ' * level}- {item}" for level in range(depth))


blocks = st.one_of(
    text,
    st.tuples(st.integers(1, 8), text).map(lambda t: "#" * t[0] + " " + t[1]),
    st.tuples(st.integers(0, 60), text).map(lambda t: _nested_list(*t)),
    st.lists(st.lists(text, min_size=1, max_size=4), min_size=1, max_size=4).map(
        lambda rows: (
            "\n".join("| " + " | ".join(r) + " |" for r in rows[:1])
            + "\n|---|--|\n"
            + "\n".join("| " + " | ".join(r) for r in rows[1:])
        )
    ),
    st.tuples(
        text, st.sampled_from(["https://", "http://", "javascript:", "", "#", "../"]), text
    ).map(lambda t: f"[{t[0]}]({t[1]}{t[2]})"),
    st.sampled_from(NASTY),
    st.tuples(text, text).map(lambda t: f"<div markdown>{t[0]}</div>\n\n<{t[1]}"),
    st.just("```python\nunclosed code"),
    st.just("!!! note\n    An admonition\n"),
    st.tuples(text, text).map(lambda t: f"*[{t[0]}]: {t[1]}"),
)
bodies = st.lists(blocks, max_size=12).map("\n\n".join)


@st.composite
def pages(draw: st.DrawFn) -> str:
    layout = draw(st.sampled_from(["front", "none", "unclosed", "empty-front"]))
    fm = draw(front_matter)
    body = draw(bodies)
    if layout == "front":
        page = f"---\n{fm}\n---\n{body}"
    elif layout == "unclosed":
        page = f"---\n{fm}\n{body}"
    elif layout == "empty-front":
        page = f"---\n---\n{body}"
    else:
        page = body
    if draw(st.booleans()):
        page = page.replace("\n", "\r\n")
    if draw(st.booleans()):
        page = "\ufeff" + page
    return page


# ---------------------------------------------------------------------------------------------
# Properties

SETTINGS = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _all_findings(items: Any) -> list[Finding]:
    items = list(items)
    assert all(isinstance(f, Finding) for f in items), items
    for finding in items:
        assert "Traceback" not in finding.message
        finding.format("content")  # every finding can be written as a line
    return sorted_findings(items)


@SETTINGS.__class__(SETTINGS, max_examples=1600)
@given(page=pages(), src=st.sampled_from(["index.md", "services/a-service.md", "feedback/2026.md"]))
def test_every_page_check_returns_findings(page: str, src: str) -> None:
    """From the raw bytes to the feeds: each check on each page returns findings."""
    encoding = "utf-8" if page.isascii() or len(page) % 3 else "cp1252"
    text, reading = decode_source(page.encode(encoding, errors="replace"), src)
    _all_findings(reading)
    result = check_front_matter(
        text, src, PAGE_TYPES, today=TODAY, known_requirements=CATALOGUE.ids
    )
    _all_findings(result.findings)

    index = build_index(
        [(src, src.removesuffix(".md") + "/", text, reading)],
        PAGE_TYPES,
        today=TODAY,
        default_review=Duration(months=12),
        known_requirements=CATALOGUE.ids,
    )
    found = list(index.findings())
    (record,) = list(index)
    page_view(record, TODAY)

    reviews = freshness.review_site(index, TODAY, FRESHNESS)
    found += freshness.review_findings(reviews, FRESHNESS)
    freshness.review_summary(reviews)
    freshness.reviews_csv(reviews, site_url=CONTEXT.site_url)
    freshness.reviews_json(reviews, today=TODAY, rules=FRESHNESS, site_url=CONTEXT.site_url)

    facts = coverage.page_facts(
        record.src,
        record.meta,
        record.body_lines(),
        covers_line=record.result.line_of("covers"),
        body_line=record.body_line,
    )
    result_cov = coverage.check_coverage([facts], CATALOGUE, PAGE_TYPES, area="Wyvernshire")
    found += result_cov.findings
    result_cov.summary()

    fb = feedback.check_feedback(index, FEEDBACK, today=TODAY)
    found += fb.findings
    fb.summary()

    feed = opendata.build_feed(index, CONTEXT)
    found += feed.findings
    opendata.services_json(feed.records)
    opendata.pages_json(index, CONTEXT)

    plain = check_page(record.src, record.body, record.body_line, PLAIN)
    found += plain.findings
    page_summary(plain, plain.findings, PLAIN.readability)

    for _line, url in links.find_urls(record.body, record.body_line):
        links.canonical_url(url)
        links.own_site_path(url, CONTEXT.site_url)

    catalogue = browse.build_catalogue(index, BROWSE)
    browse.plan_pages(catalogue, "Wyvernshire")

    html = markdown.markdown(record.body, extensions=MARKDOWN_EXTENSIONS)
    safe, removed = safety.make_safe(html)
    found += safety.removal_findings(record.src, removed, record.body_lines())
    assert "<script" not in safe.lower()
    found += check_structure(safe, record.src, list(record.body_lines()), STRUCTURE)

    def source(path: str) -> tuple[str, int] | None:
        return (record.body, record.body_line) if path == record.src else None

    _all_findings(apply_silences(found, source))


@SETTINGS.__class__(SETTINGS, max_examples=700)
@given(value=values, extra=text)
def test_value_parsers_raise_only_their_own_errors(value: Any, extra: str) -> None:
    """Dates, periods and YAML: a result or the documented error, never a crash."""
    parsed = parse_date(value)
    assert isinstance(parsed, (dt.date, str))
    for candidate in (str(value), extra):
        try:
            period = parse_duration(candidate)
        except DurationError:
            continue
        assert isinstance(add_duration(TODAY, period), dt.date)
    for candidate in (yaml.safe_dump(value, allow_unicode=True), extra, f"a: {extra}\n"):
        try:
            load_yaml(candidate, first_line=2)
        except YamlProblem as problem:
            assert problem.line is None or problem.line >= 2
            assert problem.message


@SETTINGS.__class__(SETTINGS, max_examples=400)
@given(
    markup=st.lists(
        st.one_of(st.sampled_from(NASTY), text, st.sampled_from(["<", ">", '"', "'", "="])),
        max_size=30,
    ).map("".join)
)
def test_safety_pass_never_leaves_a_script(markup: str) -> None:
    """Any HTML at all comes out without a script element, handler or script address."""
    safe, removed = safety.make_safe(markup)
    assert all(isinstance(r, safety.Removal) for r in removed)
    again, removed_again = safety.make_safe(safe)
    assert removed_again == []  # nothing live is left to remove
    assert "<script" not in again.lower()


# ---------------------------------------------------------------------------------------------
# Rule files: every value of every file replaced by the wrong kind of thing


def _from_data(cls: Any) -> Any:
    return lambda path: cls.from_data(load_rules_file(path), path)


LOADERS: dict[str, Any] = {
    "page-types.yml": _from_data(PageTypes),
    "requirements.yml": load_catalogue,
    "freshness.yml": _from_data(freshness.FreshnessRules),
    "feedback.yml": _from_data(feedback.FeedbackRules),
    "links.yml": _from_data(links.LinkRules),
    "browse.yml": _from_data(browse.BrowseRules),
    "structure.yml": _from_data(StructureRules),
    "glossary.yml": lambda path: load_glossary(path),
    "words-to-avoid.yml": lambda path: load_word_rules(path),
    "readability.yml": lambda path: load_readability_rules(path),
    "scoring.yml": lambda path: parse_scoring_rules(load_rules_file(path), path),
    "qa-statements.yml": lambda path: parse_toolkit(load_rules_file(path), path),
    "search-synonyms.yml": load_synonyms,
}
WRONG = ["x", [1], {"a": 1}, None, 5, [{"a": None}], "(unclosed[", True]
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's writer where installed: writing the 1,000+ mutated files was most of this test's
time; the loaders under test read them as before."""


def _mutations(data: Any, path: tuple[Any, ...] = ()) -> Any:
    """Each place in the file (three levels deep, two list items) with each wrong value."""
    if isinstance(data, dict):
        items = list(data.items())
    elif isinstance(data, list):
        items = list(enumerate(data[:2]))
    else:
        return
    for key, value in items:
        for wrong in WRONG:
            yield (*path, key), wrong
        if len(path) < 2:
            yield from _mutations(value, (*path, key))


def test_every_rule_file_mistake_is_a_rules_error(tmp_path: Path) -> None:
    """A web team editing ``checks/`` gets one RulesError naming the file, never a crash."""
    assert sorted(LOADERS) == sorted(p.name for p in CHECKS.glob("*.yml"))
    tried = 0
    for name, loader in LOADERS.items():
        original = yaml.safe_load((CHECKS / name).read_text(encoding="utf-8"))
        target = tmp_path / name
        for where, wrong in _mutations(original):
            data = copy.deepcopy(original)
            parent = data
            for step in where[:-1]:
                parent = parent[step]
            parent[where[-1]] = wrong
            target.write_text(yaml.dump(data, Dumper=DUMPER, allow_unicode=True), encoding="utf-8")
            tried += 1
            try:
                loader(target)
            except RulesError as error:
                assert str(target) in str(error), (name, where, wrong)
    assert tried > 1000
