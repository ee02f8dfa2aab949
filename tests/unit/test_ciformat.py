"""Findings as GitHub annotations and a GitLab code quality report (``sendqa check --format``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from sendqa_build.ciformat import github_lines, gitlab_report
from sendqa_build.cli import main
from sendqa_build.models import Finding, Severity
from tests.conftest import guide_page, make_project

SCHEMA = json.loads(
    (Path(__file__).parent.parent / "schemas/gitlab/code-quality.schema.json").read_text("utf-8")
)

PROBLEM = Finding(
    "plain-english",
    "services/portage.md",
    12,
    Severity.WARNING,
    "'utilise' is on the list: 50% of readers, a, b",
    "write 'use'",
)
NOTE = Finding("readability", "guide.md", 3, Severity.INFO, "long sentence\nsecond line")
SITE_WIDE = Finding("coverage", None, None, Severity.WARNING, "no page covers 'travel'", "add one")


def test_github_lines_escape_and_locate() -> None:
    assert github_lines([PROBLEM, NOTE, SITE_WIDE], "content") == [
        "::error file=content/services/portage.md,line=12,title=sendqa plain-english problem::"
        "'utilise' is on the list: 50%25 of readers, a, b; write 'use'",
        # Control characters are shown as <U+...> in every message (models.printable).
        "::notice file=content/guide.md,line=3,title=sendqa readability note::"
        "long sentence<U+000A>second line",
        "::error file=mkdocs.yml,title=sendqa coverage problem::no page covers 'travel'; add one",
    ]


def test_github_property_escaping() -> None:
    odd = Finding("links", "a,b:c.md", 1, Severity.WARNING, "broken")
    assert github_lines([odd], "content") == [
        "::error file=content/a%2Cb%3Ac.md,line=1,title=sendqa links problem::broken"
    ]


def test_quiet_leaves_out_notes() -> None:
    assert len(github_lines([PROBLEM, NOTE], "content", notes=False)) == 1
    assert len(json.loads(gitlab_report([PROBLEM, NOTE], "content", notes=False))) == 1


def test_gitlab_report_has_the_documented_fields() -> None:
    issues = json.loads(gitlab_report([PROBLEM, NOTE, SITE_WIDE], "content"))
    jsonschema.validate(issues, SCHEMA)
    assert [(i["location"]["path"], i["location"]["lines"]["begin"]) for i in issues] == [
        ("content/services/portage.md", 12),
        ("content/guide.md", 3),
        ("mkdocs.yml", 1),
    ]
    assert [i["severity"] for i in issues] == ["major", "info", "major"]
    assert issues[0]["description"] == PROBLEM.text
    assert issues[0]["check_name"] == "sendqa/plain-english"


def test_gitlab_fingerprints_are_unique_and_ignore_the_line() -> None:
    moved = Finding(PROBLEM.check, PROBLEM.page, 40, PROBLEM.severity, PROBLEM.message, PROBLEM.fix)
    one = json.loads(gitlab_report([PROBLEM], "content"))[0]["fingerprint"]
    assert json.loads(gitlab_report([moved], "content"))[0]["fingerprint"] == one
    twice = json.loads(gitlab_report([PROBLEM, moved], "content"))
    assert len({i["fingerprint"] for i in twice}) == 2
    jsonschema.validate(twice, SCHEMA)


PAGE = guide_page(
    "Help",
    "Families can ask for an EHCP.\n\nSee [the form](missing.md).\n\nWe will utilise it.\n",
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    monkeypatch.setenv("SENDQA_TODAY", "2026-12-01")
    root = tmp_path / "site"
    root.mkdir()
    make_project(root, {"index.md": guide_page("Home"), "help.md": PAGE})
    monkeypatch.chdir(root)
    return lambda: None


@pytest.mark.usefixtures("project")
def test_every_finding_carries_file_line_and_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "content/help.md"]) == 1
    text = capsys.readouterr().out.splitlines()
    assert len(text) == 3
    assert main(["check", "--format", "github", "content/help.md"]) == 1
    github = capsys.readouterr().out.splitlines()
    assert main(["check", "--format", "gitlab", "content/help.md"]) == 1
    gitlab = json.loads(capsys.readouterr().out)
    jsonschema.validate(gitlab, SCHEMA)
    assert len(github) == len(gitlab) == len(text)
    for plain, annotation, issue in zip(text, github, gitlab, strict=True):
        path, line, message = plain.split(":", 2)
        assert annotation.startswith(f"::error file={path},line={line},title=sendqa ")
        assert annotation.endswith("::" + message.strip())
        assert (issue["location"]["path"], issue["location"]["lines"]["begin"]) == (
            path,
            int(line),
        )
        assert issue["description"] == message.strip()
