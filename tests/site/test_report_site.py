"""Real MkDocs builds of fixture sites designed to score 3, 2 and 1 on each auto statement:
the QA report's scores, rationale figures, evidence pages and action rows; the JSON against its
schema and byte-identical across builds; the Word form; history; and safe writing."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import docx
import jsonschema
import pytest

from sendqa_build.report import SCHEMA_PATH
from tests.conftest import BuiltSite, guide_page, make_project, run_build, service_page
from tests.site.test_coverage_site import TEXTS, covering_site

Build = Callable[..., BuiltSite]
REGISTERED = {ep.name for ep in entry_points(group="mkdocs.plugins")}
CHECKS = ["sendqa/links", "sendqa/coverage", "sendqa/freshness", "sendqa/feedback"]
PLAIN = "sendqa/plain-english"
# The statements 1.6 to 1.13 are judged on sites built without the plain English check (its
# word lists are its own business); 1.15 has its own small sites below.
PLUGINS: list[Any] = ["search", "sendqa/frontmatter", *CHECKS, "sendqa/report"]
TARGET = "2027-03-01"
STATUTORY = "2027-01-01"
SOON = "2027-02-01"

CLINIC = (
    service_page("Clinic")
    .replace("decided_by: The service manager\n", "")
    .replace(
        "how_to_access: Phone the team to refer yourself.",
        "how_to_access: Ask your GP to refer you.",
    )
)

ROUND = """---
title: You said, we did {year}
summary: What you told us about the Local Offer and what we did.
type: you-said-we-did
owner: Local Offer Team
last_reviewed_on: {published}
published_on: {published}
responses:
  - you_said: Short breaks were hard to find.
    we_did: We added a short breaks page.
    status: done
  - you_said: The directory needs a search by age.
    we_did: {second}
---

Thank you for your comments.
"""


def good_site() -> dict[str, str]:
    """Fully meets 1.6, 1.7, 1.8, 1.11 and 1.13."""
    files = covering_site()
    files["services/clinic.md"] = CLINIC.replace(
        "cost: Free", "decided_by: The clinic's lead nurse\ncost: Free"
    )
    files["you-said-we-did-2026.md"] = ROUND.format(
        year=2026, published="2026-07-15", second="We added age filters."
    )
    return files


def partial_site() -> dict[str, str]:
    """Partially meets each: thin complaints and feedback pages, one overdue page, one broken
    link, a service that does not say who decides, an unanswered comment."""
    files = covering_site(
        **{
            "complaints-and-appeals": "You can complain to the council by email.",
            "feedback": "Send your comments by email or the online form.",
        }
    )
    files["services/clinic.md"] = CLINIC
    files["travel.md"] = files["travel.md"].replace("2026-09-01", "2025-06-01")
    files["leisure.md"] += "\nSee [the clubs](clubs.md).\n"
    files["you-said-we-did-2026.md"] = ROUND.format(year=2026, published="2026-07-15", second="TBC")
    return files


def poor_site() -> dict[str, str]:
    """Meets none: no advice, complaints, decisions or feedback pages; services without
    eligibility; most pages overdue and without an owner; only an old "You said, we did"."""
    leave = {
        "information-advice-support",
        "complaints-and-appeals",
        "decisions-and-accountability",
        "feedback",
    }
    files = {"index.md": guide_page("Home", "Welcome.\n")}
    for req_id, text in TEXTS.items():
        if req_id not in leave:
            page = guide_page(req_id, text + "\n", extra=f"covers: [{req_id}]\n")
            files[f"{req_id}.md"] = page.replace("2026-09-01", "2025-01-10").replace(
                "owner: Test Team\n", ""
            )
    files["services/portage.md"] = service_page("Portage", max_age=5).replace(
        "eligibility: Open to all\n", ""
    )
    files["services/clinic.md"] = CLINIC.replace("eligibility: Open to all\n", "")
    files["you-said-we-did-2025.md"] = ROUND.format(
        year=2025, published="2025-01-10", second="We added age filters."
    )
    return files


def report_of(site: BuiltSite) -> dict[str, Any]:
    return json.loads((site.root / "qa-report" / "self-evaluation.json").read_text("utf-8"))


def statement(report: dict[str, Any], sid: str) -> dict[str, Any]:
    return next(s for s in report["statements"] if s["id"] == sid)


def rows(report: dict[str, Any], sid: str) -> list[tuple[str, str, str]]:
    return [
        (a["action"], a["target_date"], a["responsibility"])
        for a in report["actions"]
        if a["statement"] == sid
    ]


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDQA_EXTERNAL_LINKS", "false")


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def test_a_good_site_scores_3_on_every_statement_it_can_judge(build_site: Build, schema) -> None:
    site = build_site(good_site(), strict=True, plugins=PLUGINS)
    assert site.aborted is None, site.warnings
    report = report_of(site)
    jsonschema.validate(report, schema)
    scores = {s["id"]: s["score"] for s in report["statements"] if s["auto"]}
    assert scores == {
        "1.6": 3,
        "1.7": 3,
        "1.8": 3,
        "1.11": 3,
        "1.13": 3,
        "1.15": None,  # the plain English check is not in this build
    }
    assert [a["statement"] for a in report["actions"]] == []
    assert (
        "2 of 2 (100%) service pages say who can use the service"
        in statement(report, "1.6")["rationale"]
    )
    seven = statement(report, "1.7")["rationale"]
    assert "24 of 24 (100%) pages are within their review date, 0 pages are overdue" in seven
    assert (
        "1 of 1 (100%) service pages where someone decides" in statement(report, "1.8")["rationale"]
    )
    assert [e["page"] for e in statement(report, "1.11")["evidence"] if e["page"]] == [
        "feedback.md"
    ]
    thirteen = statement(report, "1.13")["evidence"]
    assert [(e["title"], e["figure"]) for e in thirteen if e["figure"]] == [
        ("Newest 'You said, we did' round", "published 15 July 2026"),
        ("Comments with the council's response", "2 of 2 (100%) comments answered"),
        (
            "Published comments that could identify someone",
            "0 comments that could identify someone",
        ),
    ]
    newest = next(e for e in thirteen if e["page"])
    assert newest["page"] == "you-said-we-did-2026.md"
    assert newest["title"] == "You said, we did 2026"
    assert newest["url"] == "https://localoffer.wyvernshire.example.org/you-said-we-did-2026/"
    assert newest["quote"] == "What you told us about the Local Offer and what we did."
    assert report["coverage"] and all(r["status"] == "covered" for r in report["coverage"])
    # Not published with the site.
    assert not list(site.site_dir.rglob("self-evaluation*"))
    assert {p.name for p in (site.root / "qa-report").iterdir()} >= {
        "self-evaluation.json",
        "self-evaluation.html",
        "self-evaluation.docx",
        "self-evaluation-history.json",
    }


def test_a_partial_site_scores_2_with_figures_evidence_and_actions(
    build_site: Build, schema
) -> None:
    site = build_site(partial_site(), plugins=PLUGINS)
    report = report_of(site)
    jsonschema.validate(report, schema)
    scores = {s["id"]: s["score"] for s in report["statements"] if s["auto"] and s["id"] != "1.15"}
    assert scores == dict.fromkeys(["1.6", "1.7", "1.8", "1.11", "1.13"], 2)

    six = statement(report, "1.6")
    assert (
        "is covered only in part by 'complaints-and-appeals': it does not yet cover "
        "disagreement resolution, mediation, appeals to the First-tier Tribunal (SEND) and the "
        "time limit for appealing." in six["rationale"]
    )
    cited = {e["page"]: e for e in six["evidence"] if e["page"]}
    assert cited["complaints-and-appeals.md"]["url"] == (
        "https://localoffer.wyvernshire.example.org/complaints-and-appeals/"
    )
    assert cited["complaints-and-appeals.md"]["note"].endswith(" in part")
    seven = statement(report, "1.7")
    assert (
        "23 of 24 (95%) pages are within their review date, 1 page is overdue" in seven["rationale"]
    )
    assert "The site has 1 broken link on 1 page (1 internal, 0 external)" in seven["rationale"]
    assert [(e["title"], e["figure"]) for e in seven["evidence"]] == [
        ("Pages within their review date", "23 of 24 (95%) pages"),
        ("Broken links", "1 broken link"),
    ]
    assert rows(report, "1.7") == [
        (
            "Review 'travel' (Test Team): 18 months since last checked, due by 1 June 2026",
            SOON,
            "Test Team",
        ),
        ("Fix 1 broken link on 'leisure' (Test Team)", SOON, "Test Team"),
    ]
    eight = statement(report, "1.8")
    assert "0 of 1 (0%) service pages where someone decides" in eight["rationale"]
    assert ("Services that say who decides who gets them", "0 of 1 (0%) service pages") in [
        (e["title"], e["figure"]) for e in eight["evidence"]
    ]
    assert rows(report, "1.8") == [
        ("Say who decides who gets 'Clinic' (Test Team)", STATUTORY, "Test Team")
    ]
    assert (
        "it does not yet cover how the Local Offer is reviewed and how often it is reviewed"
        in (statement(report, "1.11")["rationale"])
    )
    assert rows(report, "1.11")[0][0].startswith(
        "Complete 'How to comment on the Local Offer and how it is reviewed' on 'feedback': "
        "add how the Local Offer is reviewed"
    )
    assert (
        "1 of 2 (50%) comments in that round have a response and action"
        in statement(report, "1.13")["rationale"]
    )
    assert rows(report, "1.13") == [
        (
            "Answer the comment without a response on 'You said, we did 2026'",
            STATUTORY,
            "Local Offer Team",
        )
    ]
    # Statutory gaps first, then the overdue page, then the broken link.
    assert [a["priority"] for a in report["actions"]] == [
        "statutory",
        "statutory",
        "statutory",
        "statutory",
        "overdue",
        "broken-links",
    ]
    messages = [f["message"] for f in report["findings"]]
    assert any("review overdue since 2026-06-01" in m for m in messages)


def test_a_poor_site_scores_1_with_figures_evidence_and_actions(build_site: Build, schema) -> None:
    site = build_site(poor_site(), plugins=PLUGINS)
    report = report_of(site)
    jsonschema.validate(report, schema)
    scores = {s["id"]: s["score"] for s in report["statements"] if s["auto"] and s["id"] != "1.15"}
    assert scores == dict.fromkeys(["1.6", "1.7", "1.8", "1.11", "1.13"], 1)
    six = statement(report, "1.6")["rationale"]
    assert "0 of 2 (0%) service pages say who can use the service" in six
    assert "No page covers 'Where to go for information, advice and support'." in six
    assert ("Say who can use 'Clinic' and 'Portage' (Test Team)", STATUTORY, "Test Team") in rows(
        report, "1.6"
    )
    seven = statement(report, "1.7")
    assert (
        "3 of 20 (15%) pages are within their review date, 17 pages are overdue"
        in seven["rationale"]
    )
    # One row per overdue page: who owns it, and how long since it was checked.
    assert len(rows(report, "1.7")) == 17
    assert rows(report, "1.7")[1] == (
        "Review 'accessibility-statement' (no owner named): 22 months since last checked, due "
        "by 10 January 2026",
        SOON,
        "Local Offer manager",
    )
    assert (
        "4 of 20 (20%) pages name the team that owns them" in statement(report, "1.8")["rationale"]
    )
    assert (
        "No page covers 'How to comment on the Local Offer and how it is reviewed'."
        in (statement(report, "1.11")["rationale"])
    )
    thirteen = statement(report, "1.13")
    assert (
        "was published on 10 January 2025, more than 12 months before 1 December 2026"
        in thirteen["rationale"]
    )
    assert rows(report, "1.13") == [
        (
            "Publish this year's comments and responses: the newest round ('You said, we did "
            "2025') was published on 10 January 2025",
            STATUTORY,
            "Local Offer Team",
        )
    ]


def test_json_is_byte_identical_across_builds_and_history_shows_changes(
    tmp_path: Path, today: str
) -> None:
    root = make_project(tmp_path, good_site(), plugins=PLUGINS)
    run_build(root)
    report_dir = root / "qa-report"
    first = (report_dir / "self-evaluation.json").read_bytes()
    history = (report_dir / "self-evaluation-history.json").read_text("utf-8")
    assert "This is the first build recorded" in (report_dir / "self-evaluation.html").read_text()
    run_build(root)
    assert (report_dir / "self-evaluation.json").read_bytes() == first
    assert (report_dir / "self-evaluation-history.json").read_text("utf-8") == history
    html = (report_dir / "self-evaluation.html").read_text("utf-8")
    assert "<td>no change</td>" in html
    # The content gets worse: the HTML says how each score moved since the previous build.
    (root / "content" / "travel.md").write_text(partial_site()["travel.md"], encoding="utf-8")
    run_build(root)
    html = (report_dir / "self-evaluation.html").read_text("utf-8")
    assert "(down from 3 since the previous build)" in html
    assert (report_dir / "self-evaluation.json").read_bytes() != first
    builds = json.loads((report_dir / "self-evaluation-history.json").read_text("utf-8"))["builds"]
    assert [b["scores"]["1.7"] for b in builds] == [3, 2]


def test_an_unchanged_word_file_is_not_made_again(
    tmp_path: Path, today: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Word file is made only when the report changed: otherwise the copy kept in
    .sendqa-cache is written, the same bytes, even where the report folder is new (a fresh CI
    checkout). A kept copy that was edited is never used."""
    from sendqa_build.plugins.report import plugin as report_plugin

    made: list[int] = []
    real = report_plugin.docx_file

    def counting(*args: Any, **kwargs: Any) -> bytes:
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(report_plugin, "docx_file", counting)
    root = make_project(tmp_path, good_site(), plugins=PLUGINS)
    word = root / "qa-report" / "self-evaluation.docx"
    copy = root / ".sendqa-cache" / report_plugin.DOCX_COPY

    def build() -> bytes:
        made.clear()
        assert run_build(root).aborted is None
        return word.read_bytes()

    build()
    second = build()  # "no change" since the first build: another report
    assert made == [1] and copy.read_bytes() == second
    assert build() == second and made == []
    word.write_bytes(second[:-1] + b"x")  # the report folder's file is written every build
    assert build() == second and made == []
    word.unlink()
    assert build() == second and made == []
    copy.write_bytes(second[:-1] + b"x")  # a kept copy not as kept: made again
    assert build() == second and made == [1] and copy.read_bytes() == second
    (root / "content" / "travel.md").write_text(partial_site()["travel.md"], encoding="utf-8")
    assert build() != second and made == [1]


def test_word_form_and_action_plan(build_site: Build) -> None:
    site = build_site(partial_site(), plugins=PLUGINS)
    document = docx.Document(
        io.BytesIO((site.root / "qa-report/self-evaluation.docx").read_bytes())
    )
    summary, *_, form, plan = document.tables
    assert [r.cells[0].text for r in summary.rows[1:]] == [
        "1.6",
        "1.7",
        "1.8",
        "1.11",
        "1.13",
        "1.15",
    ]
    assert [c.text for c in form.rows[0].cells][1:] == [
        "Not Met 1",
        "Partially Met 2",
        "Fully Met 3",
        "Evidence & Comments",
    ]
    assert [r.cells[0].text.split(" ", 1)[0] for r in form.rows[1:]] == [
        f"1.{n}" for n in range(1, 17)
    ]
    seven = form.rows[7].cells
    assert [c.text for c in seven[1:4]] == ["", "X", ""]
    assert "Pages within their review date: 23 of 24 (95%) pages" in seven[4].text
    assert "Evidence to add:" in seven[4].text
    assert [c.text for c in plan.rows[0].cells] == [
        "QS No.",
        "Action(s) required to fully meet the Quality Standard",
        "Target Completion Date",
        "Responsibility",
    ]
    filled = [[c.text for c in r.cells] for r in plan.rows[1:] if r.cells[0].text]
    assert [r[0] for r in filled] == ["1.6", "1.8", "1.11", "1.13", "1.7", "1.7"]
    assert filled[4] == [
        "1.7",
        "Review 'travel' (Test Team): 18 months since last checked, due by 1 June 2026",
        "1 February 2027",
        "Test Team",
    ]


def test_checks_switched_off_are_named_and_nothing_crashes(build_site: Build, schema) -> None:
    site = build_site(
        good_site(),
        plugins=[
            "search",
            "sendqa/frontmatter",
            "sendqa/freshness",
            {"sendqa/coverage": {"enabled": False}},
            "sendqa/report",
        ],
    )
    assert site.aborted is None
    report = report_of(site)
    jsonschema.validate(report, schema)
    assert report["checks"] == {
        "coverage": False,
        "feedback": False,
        "freshness": True,
        "links": False,
        "plain-english": False,
    }
    # Every page is in date, but links were not checked: never "fully met".
    seven = statement(report, "1.7")
    assert seven["score"] == 2
    assert seven["provisional"] is True
    assert seven["provisional_reasons"] == [
        "the link check (sendqa/links) did not run in this build"
    ]
    assert "The link check (sendqa/links) did not run in this build" in seven["rationale"]
    for sid in ("1.6", "1.8", "1.11", "1.13", "1.15"):
        assert statement(report, sid)["score"] is None
    assert report["coverage"] is None
    html = (site.root / "qa-report/self-evaluation.html").read_text("utf-8")
    assert "The statutory coverage check (sendqa/coverage) did not run in this build." in html


def test_the_report_writes_only_its_own_files_and_a_failed_write_keeps_the_old_one(
    tmp_path: Path, today: str
) -> None:
    root = make_project(tmp_path, good_site(), plugins=PLUGINS)
    report_dir = root / "qa-report"
    report_dir.mkdir()
    (report_dir / "notes.txt").write_text("the QA lead's own notes", encoding="utf-8")
    (report_dir / "self-evaluation.docx").mkdir()  # something in the way of one file
    (report_dir / "self-evaluation.docx" / "keep.txt").write_text("keep", encoding="utf-8")
    site = run_build(root)
    assert site.aborted is None
    assert (report_dir / "notes.txt").read_text("utf-8") == "the QA lead's own notes"
    assert (report_dir / "self-evaluation.docx" / "keep.txt").read_text("utf-8") == "keep"
    assert any(
        "the QA report could not write 'self-evaluation.docx'" in w
        and "previous version is kept" in w
        for w in site.warnings
    )
    assert (report_dir / "self-evaluation.json").is_file()
    assert not [p for p in report_dir.iterdir() if p.name.endswith(".tmp")]


def test_report_folder_that_cannot_be_made_warns_and_the_site_still_builds(
    tmp_path: Path, today: str
) -> None:
    # Only the report writes here (every plugin's case: tests/site/test_unwritable_site.py).
    plugins = ["search", "sendqa/frontmatter", "sendqa/coverage", "sendqa/report"]
    root = make_project(tmp_path, good_site(), plugins=plugins)
    (root / "qa-report").write_text("not a folder", encoding="utf-8")
    site = run_build(root)
    assert site.aborted is None
    assert (root / "site" / "index.html").is_file()
    assert (root / "qa-report").read_text("utf-8") == "not a folder"
    assert any("the QA report could not write" in w for w in site.warnings)


def test_broken_scoring_rules_stop_the_build_with_one_message(build_site: Build) -> None:
    text = (Path(__file__).resolve().parents[2] / "checks" / "scoring.yml").read_text("utf-8")
    site = build_site(
        good_site(),
        plugins=PLUGINS,
        checks={"scoring.yml": text.replace("full: 1.0", "full: 2", 1)},
    )
    assert site.aborted is not None
    assert [m for m in site.messages(logging.ERROR) if "scoring.yml" in m] == [
        f"Error reading rules file '{site.root / 'checks' / 'scoring.yml'}': "
        "'1.6.eligibility.full' must be from 0 to 1, found '2'"
    ]


PLAIN_TEXT = "We help families find the right support. Call us and we will talk it through.\n"


def plain_site(acronym_pages: int) -> dict[str, str]:
    """Four plain pages; the first ``acronym_pages`` use an acronym they never spell out."""
    files = {}
    for n in range(4):
        body = PLAIN_TEXT + (
            "Ask the SENCO at your school. The SENCO will help.\n" if n < acronym_pages else ""
        )
        files["index.md" if n == 0 else f"page-{n}.md"] = guide_page(f"Page {n}", body)
    return files


@pytest.mark.skipif(PLAIN not in REGISTERED, reason="sendqa/plain-english is not installed")
@pytest.mark.parametrize(
    ("acronym_pages", "score", "figure"),
    [
        (0, 3, "4 of 4 (100%) pages explain every acronym at first use"),
        (1, 2, "3 of 4 (75%) pages explain every acronym at first use; 1 acronym is not explained"),
        (3, 1, "1 of 4 (25%) pages explain every acronym at first use; 3 acronyms are not"),
    ],
)
def test_1_15_scores_from_the_plain_english_check(
    build_site: Build, acronym_pages: int, score: int, figure: str
) -> None:
    plugins = ["search", "sendqa/frontmatter", PLAIN, "sendqa/report"]
    site = build_site(plain_site(acronym_pages), plugins=plugins)
    report = report_of(site)
    fifteen = statement(report, "1.15")
    assert fifteen["score"] == score, fifteen["rationale"]
    assert figure in fifteen["rationale"]
    if acronym_pages:
        assert ("Pages that explain every acronym", figure.split(" pages")[0] + " pages") in [
            (e["title"], e["figure"]) for e in fifteen["evidence"]
        ]
        first = rows(report, "1.15")[0]
        assert first[0].startswith("Explain ")
        assert first[1:] == (TARGET, "Test Team")
    else:
        assert rows(report, "1.15") == []


def test_a_deleted_page_is_one_action_owned_by_its_team_from_history(
    tmp_path: Path, today: str, schema
) -> None:
    """The advice page is deleted; four pages of four other teams still link to it. The plan
    has one row for it (not one per team, nor one more for the requirement it covered), owned
    by the team that owned it in the last build that had it."""
    files = good_site()
    files["information-advice-support.md"] = (
        files["information-advice-support.md"]
        .replace("owner: Test Team", "owner: SENDIASS Team")
        .replace("title: information-advice-support", "title: SENDIASS free advice")
    )
    teams = {
        "leisure.md": "Leisure Team",
        "travel.md": "Travel Team",
        "health.md": "Health Team",
        "education.md": "Schools Team",
    }
    for src, team in teams.items():
        files[src] = (
            files[src].replace("owner: Test Team", f"owner: {team}")
            + "\nAsk [the advice service](information-advice-support.md) for help.\n"
        )
    root = make_project(tmp_path, files, plugins=PLUGINS)
    assert run_build(root).aborted is None  # the build that had the page
    (root / "content" / "information-advice-support.md").unlink()
    site = run_build(root)
    report = report_of(site)
    jsonschema.validate(report, schema)
    assert statement(report, "1.6")["score"] < 3
    about = [a for a in report["actions"] if "SENDIASS" in a["action"]]
    assert len(about) == 1, report["actions"]
    row = about[0]
    assert row["action"] == (
        "Restore or replace 'SENDIASS free advice', removed from the site (last in the build "
        "of 1 December 2026): it covered 'Where to go for information, advice and support'; 4 "
        "links on 'education', 'health', 'leisure' and 'travel' still lead to it"
    )
    assert (row["statement"], row["priority"], row["target_date"]) == (
        "1.6",
        "statutory",
        STATUTORY,
    )
    assert row["responsibility"] == "SENDIASS Team"
    assert row["pages"] == sorted(teams)
    assert report["actions"][0] == row  # a statutory gap: first
    assert not [a for a in report["actions"] if a["priority"] == "broken-links"]
    assert not [a for a in report["actions"] if "Where to go" in a["action"] and a is not row]
    html = (site.root / "qa-report/self-evaluation.html").read_text("utf-8")
    assert "Restore the page (information-advice-support.md)" in html  # How to fix


def test_a_requirement_covered_only_by_a_guide_with_no_service_listed_says_so(
    build_site: Build,
) -> None:
    """Childcare has a guide page but the directory lists no childcare service."""
    plugins = ["search", "sendqa/frontmatter", "sendqa/browse", *CHECKS, "sendqa/report"]
    site = build_site(good_site(), plugins=plugins)
    report = report_of(site)
    rows = {r["id"]: r for r in report["coverage"]}
    assert rows["childcare"]["status"] == "covered"
    assert rows["childcare"]["services_listed"] == 0
    html = (site.root / "qa-report/self-evaluation.html").read_text("utf-8")
    assert "by a guide only: no service of this kind is listed in the directory" in html
    # Once a childcare service is listed, the guide is no longer alone.
    files = {
        **good_site(),
        "services/holiday-club.md": service_page("Holiday club", extra="provision: [childcare]\n"),
    }
    listed = report_of(build_site(files, plugins=plugins))
    assert {r["id"]: r for r in listed["coverage"]}["childcare"]["services_listed"] == 1
