"""The report writers on a literal report: JSON against the schema, HTML escaping and structure,
the Word form's tables, and the score history."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import docx
import jsonschema
import pytest
from docx.oxml.ns import qn

from sendqa_build.compiled import CompiledTemplates
from sendqa_build.core.scoring import (
    KnownPage,
    PageFacts,
    assess,
    parse_scoring_rules,
    parse_toolkit,
)
from sendqa_build.models import Finding, Severity
from sendqa_build.report import SCHEMA_PATH, data
from sendqa_build.report import html as html_report
from sendqa_build.report.html import make_environment, render_html
from sendqa_build.report.wordfile import render_docx
from sendqa_build.rules import load_rules_file
from sendqa_build.summaries import Summaries
from tests.unit.test_scoring import PAGES, good_summaries, set_requirement

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 12, 1)
EVIL = "<script>alert('x')</script> & \"quotes\""
SITE_URL = "https://localoffer.example.org/"


def make_report(summaries: dict[str, Any] | None = None, findings=None) -> dict[str, Any]:
    toolkit_path = ROOT / "checks" / "qa-statements.yml"
    rules_path = ROOT / "checks" / "scoring.yml"
    toolkit = parse_toolkit(load_rules_file(toolkit_path), toolkit_path)
    rules = parse_scoring_rules(load_rules_file(rules_path), rules_path)
    summaries = summaries if summaries is not None else good_summaries()
    pages = [
        *(replace(p, url=p.src.removesuffix(".md") + "/") for p in PAGES),
        PageFacts("evil.md", EVIL, EVIL, url="evil/"),
    ]
    assessment = assess(
        toolkit, rules, Summaries.gather(summaries), pages, TODAY, site_url=SITE_URL
    )
    return data.build_report(
        assessment,
        toolkit,
        today=TODAY,
        findings=findings
        if findings is not None
        else [
            Finding("links", "evil.md", 4, Severity.WARNING, f"bad link {EVIL}", "fix it"),
            Finding("plain-english", "a.md", 2, Severity.INFO, "long sentence", silenced=True),
            Finding("coverage", None, None, Severity.WARNING, "no page covers 'travel'"),
        ],
        site={
            "name": "Wyvernshire SEND Local Offer",
            "council": "Wyvernshire Council",
            "url": SITE_URL,
        },
        coverage=summaries["coverage"].requirements if "coverage" in summaries else None,
        checks={"coverage": True, "freshness": True, "links": True, "feedback": True},
    )


def weak_summaries() -> dict[str, Any]:
    summaries = good_summaries()
    set_requirement(summaries, "feedback", "thin", missing=(EVIL,))
    freshness = summaries["freshness"]
    first = replace(freshness.pages[0], status="overdue")
    summaries["freshness"] = replace(
        freshness, in_date=10, overdue=1, pages=(first, *freshness.pages[1:])
    )
    return summaries


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def test_the_schema_is_a_valid_json_schema(schema) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("summaries", [good_summaries(), weak_summaries(), {}])
def test_json_validates_against_the_schema(schema, summaries) -> None:
    report = make_report(summaries)
    jsonschema.validate(json.loads(data.to_json(report)), schema)


def test_schema_rejects_a_score_on_a_statement_a_person_judges(schema) -> None:
    report = json.loads(data.to_json(make_report()))
    report["statements"][0]["score"] = 2
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, schema)


def test_json_has_the_contract_fields() -> None:
    report = json.loads(data.to_json(make_report(weak_summaries())))
    assert report["reference_date"] == "2026-12-01"
    assert [s["id"] for s in report["statements"]] == [f"1.{n}" for n in range(1, 17)]
    first = report["statements"][0]
    assert set(first) >= {"id", "text", "auto", "score", "rationale", "evidence"}
    assert report["actions"][0].keys() >= {"statement", "action", "target_date", "responsibility"}
    assert {a["statement"] for a in report["actions"]} == {"1.7", "1.11"}
    finding = report["findings"][0]
    assert finding.keys() >= {"check", "page", "line", "severity", "message"}
    assert [f["page"] for f in report["findings"]] == [None, "a.md", "evil.md"]
    assert report["findings"][2]["message"] == f"bad link {EVIL}; fix it"
    assert report["summary"]["silenced"] == 1
    assert report["checks"] == dict.fromkeys(["coverage", "feedback", "freshness", "links"], True)


def test_json_is_byte_identical_for_the_same_input() -> None:
    assert data.to_json(make_report(weak_summaries())) == data.to_json(
        make_report(weak_summaries())
    )


def test_html_escapes_everything() -> None:
    html = render_html(make_report(weak_summaries()))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(" in html
    assert html.count("<script") == 0


def test_html_structure_for_a_qa_lead() -> None:
    report = make_report(weak_summaries())
    html = render_html(
        report, changes={"1.7": "down from 3"}, previous={"reference_date": "2026-11-01"}
    )
    assert html.startswith('<!doctype html>\n<html lang="en-GB">')
    assert html.count("<h1>") == 1
    assert '<a class="skip" href="#main">' in html
    for heading in (
        "QS No.",
        "Action(s) required to fully meet the Quality Standard",
        "Target Completion Date",
        "Responsibility",
    ):
        assert f'<th scope="col">{heading}</th>' in html
    assert '<h3 id="qs-1-15">1.15 <span class="qs">' in html
    assert "Score 2: partially met" in html
    assert "For the QA lead to score" in html
    assert "(down from 3 since the previous build)" in html
    assert "1 November 2026" in html
    # Rows by priority, dated by it: the thin requirement (statutory) before the overdue page.
    assert html.index(
        '<time class="nowrap" datetime="2027-01-01">1 January 2027</time>'
    ) < html.index('<time class="nowrap" datetime="2027-02-01">1 February 2027</time>')
    assert '<span class="note">Statutory gap</span>' in html
    assert '<span class="note">Overdue review</span>' in html
    # Evidence: titles linked to the live pages, figures, and the QA lead's prompts.
    assert '<a href="https://localoffer.example.org/have-your-say/feedback/">Feedback</a>' in html
    assert (
        '<strong>Pages within their review date</strong>: <span class="figure">10 of 11 (90%) '
        "pages</span>" in html
    )
    assert "<h4>Evidence the QA lead should add</h4>" in html
    assert "user testing" in html
    # Editor instructions are in How to fix, with the files; not in the action plan.
    plan = html[html.index('id="action-plan"') : html.index('id="how-to-fix"')]
    fixes = html[html.index('id="how-to-fix"') : html.index('id="coverage"')]
    assert "last_reviewed_on" not in plan and "front matter" not in plan
    assert "last_reviewed_on" in fixes and "<code>content/advice/iass.md</code>" in fixes
    assert "@media print" in html
    assert "What a Local Offer must contain, and the pages that cover it" in html  # coverage matrix
    assert 'class="status-thin">Thin</td>' in html
    assert "http://" not in html.replace("http://www.w3.org", "")  # nothing loaded from elsewhere


def test_html_is_the_same_from_the_compiled_template_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = make_report(weak_summaries())
    expected = render_html(report)
    cache = CompiledTemplates(directory=str(tmp_path))
    for _ in range(2):  # compiled and saved, then loaded from the cache by a new environment
        environment = make_environment(cache)
        monkeypatch.setattr(html_report, "_environment", lambda e=environment: e)
        assert render_html(report) == expected
    assert len(list(tmp_path.glob("*.cache"))) == 1


def test_html_is_made_when_the_template_cache_cannot_be_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = make_report(weak_summaries())
    expected = render_html(report)
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    environment = make_environment(CompiledTemplates(directory=str(not_a_folder)))
    monkeypatch.setattr(html_report, "_environment", lambda: environment)
    assert render_html(report) == expected


def test_html_without_coverage_says_so() -> None:
    html = render_html(make_report({}))
    assert "The statutory coverage check (sendqa/coverage) did not run in this build." in html
    assert "Could not be scored" in html


def test_docx_has_the_toolkit_form_and_action_plan() -> None:
    report = make_report(weak_summaries())
    document = docx.Document(
        io.BytesIO(
            render_docx(
                report, changes={"1.7": "down from 3"}, previous={"reference_date": "2026-11-01"}
            )
        )
    )
    summary, gaps, form, plan = document.tables
    # First a summary: the six scores with their change, and the statutory gaps.
    assert [c.text for c in summary.rows[0].cells] == [
        "QS No.",
        "Statement",
        "Score",
        "Change since the previous build",
    ]
    assert [(r.cells[0].text, r.cells[2].text, r.cells[3].text) for r in summary.rows[1:]] == [
        ("1.6", "3: Fully met", "first build"),
        ("1.7", "2: Partially met", "down from 3"),
        ("1.8", "3: Fully met", "first build"),
        ("1.11", "2: Partially met", "first build"),
        ("1.13", "3: Fully met", "first build"),
        ("1.15", "3: Fully met", "first build"),
    ]
    assert [c.text for c in gaps.rows[1].cells][:2] == [
        "How to comment on the Local Offer",
        "Covered in part",
    ]
    # Each table's grid has the widths its cells ask for.
    for table in document.tables:
        grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        for row in table.rows:
            assert [c.width.twips for c in row.cells] == grid
    # Evidence links to the live pages.
    links = [r.target_ref for r in document.part.rels.values() if r.is_external]
    assert "https://localoffer.example.org/have-your-say/feedback/" in links
    assert [c.text for c in form.rows[0].cells] == [
        "",
        "Not Met 1",
        "Partially Met 2",
        "Fully Met 3",
        "Evidence & Comments",
    ]
    assert len(form.rows) == 17
    row_17 = form.rows[2].cells  # statement 1.2: for the QA lead
    assert row_17[0].text.startswith("1.2 The local authority has complied with the Equality Act")
    assert [c.text for c in row_17[1:4]] == ["", "", ""]
    assert "For the QA lead to score." in row_17[4].text
    row_7 = form.rows[7].cells
    assert row_7[0].text == "1.7 The Local Offer provides information that is up to date."
    assert [c.text for c in row_7[1:4]] == ["", "X", ""]
    assert "10 of 11 (90%) pages are within their review date" in row_7[4].text
    assert [c.text for c in plan.rows[0].cells] == [
        "QS No.",
        "Action(s) required to fully meet the Quality Standard",
        "Target Completion Date",
        "Responsibility",
    ]
    rows = [[c.text for c in r.cells] for r in plan.rows[1:] if r.cells[0].text]
    assert [(r[0], r[2]) for r in rows] == [("1.11", "1 January 2027"), ("1.7", "1 February 2027")]
    assert EVIL in rows[0][1]  # text in Word is literal, never markup


def test_history_shows_each_change() -> None:
    before = data.snapshot(make_report())
    after = make_report(weak_summaries())
    changes = data.changes(before, after)
    assert changes["1.7"] == "down from 3"
    assert changes["1.11"] == "down from 3"
    assert changes["1.6"] == "no change"
    assert changes["1.1"] == "no change"
    assert data.changes(None, after) == {}
    assert data.changes(data.snapshot(after), make_report())["1.7"] == "up from 2"
    assert data.changes(before, make_report({}))["1.7"] == "was 3, now not scored"


def test_history_keeps_repeated_builds_once_and_reads_bad_files_as_empty() -> None:
    one = data.snapshot(make_report())
    two = data.snapshot(make_report(weak_summaries()))
    assert data.next_history([], one) == [one]
    assert data.next_history([one], one) == [one]
    assert data.next_history([one], two) == [one, two]
    text = data.history_json([one, two])
    assert data.parse_history(text) == [one, two]
    for bad in ("", "not json", "[]", '{"builds": 3}', '{"builds": [{"scores": 1}]}'):
        assert data.parse_history(bad) == []


def test_history_keeps_every_page_seen_with_its_owner() -> None:
    """A page deleted since an earlier build keeps its owner in the history, for its action."""
    pages = [
        PageFacts("a.md", "A", "Team A", covers=("feedback",), url="a/"),
        PageFacts("b.md", "B", None, url="b/"),
    ]
    november, december = dt.date(2026, 11, 1), dt.date(2026, 12, 1)
    known = data.next_known_pages({}, pages, november)
    text = data.history_json([], known)
    assert '"last_seen": "2026-11-01"' in text
    assert data.parse_known_pages(text) == known
    later = data.next_known_pages(known, pages[1:], december)
    assert later["a.md"] == KnownPage("a.md", "A", "Team A", "a/", ("feedback",), november)
    assert later["b.md"].last_seen == december
    # A history edited by hand: a date that is not one reads back as unknown.
    edited = data.parse_known_pages('{"pages": {"a.md": {"last_seen": "1 November"}}}')
    assert edited["a.md"].last_seen is None
    for bad in ("", "not json", "[]", '{"pages": 3}', '{"pages": {"x.md": 1}}'):
        assert data.parse_known_pages(bad) == {}


def test_statutory_gaps_name_no_files() -> None:
    summaries = good_summaries()
    set_requirement(
        summaries,
        "complaints-and-appeals",
        "thin",
        missing=("mediation (advice/complaints.md)", "mediation (other.md)", "appeals"),
    )
    report = make_report(summaries)
    assert report["statutory_gaps"] == [
        {
            "id": "complaints-and-appeals",
            "title": "Complaints, mediation and appeals",
            "status": "thin",
            "missing": ["mediation", "appeals"],
        }
    ]
