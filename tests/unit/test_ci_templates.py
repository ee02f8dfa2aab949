"""The CI recipes a council copies (ci-templates/): valid YAML that builds strictly on every push
and pull request, builds daily, keeps the QA report and publishes the site."""

from __future__ import annotations

import re
from typing import Any

import yaml

from tests.conftest import ROOT

TEMPLATES = ROOT / "ci-templates"


def load(name: str) -> Any:
    return yaml.safe_load((TEMPLATES / name).read_text(encoding="utf-8"))


def _steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job.get("steps") or [])


def _runs(steps: list[dict[str, Any]]) -> list[str]:
    return [line.strip() for step in steps for line in str(step.get("run", "")).splitlines()]


def _cron_fields(expression: str) -> list[str]:
    fields = expression.split()
    assert len(fields) == 5, expression
    return fields


def test_github_actions_workflow() -> None:
    data = load("github-actions.yml")
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    (schedule,) = triggers["schedule"]
    minute, hour, day, month, weekday = _cron_fields(schedule["cron"])
    assert (day, month, weekday) == ("*", "*", "*")  # every day
    assert minute.isdigit() and hour.isdigit()

    build = data["jobs"]["build"]
    steps = _steps(build)
    runs = _runs(steps)
    assert "mkdocs build --strict" in runs
    install = next(i for i, line in enumerate(runs) if line.startswith("pip install"))
    assert install < runs.index("mkdocs build --strict")

    uploads = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    assert len(uploads) == 1
    assert uploads[0]["with"]["path"].rstrip("/") == "qa-report"
    assert "always()" in uploads[0]["if"]  # kept when the strict build fails too

    pages = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-pages-art")]
    assert pages and pages[0]["with"]["path"].rstrip("/") == "site"
    publish = data["jobs"]["publish"]
    assert publish["needs"] == "build"
    assert "pull_request" in publish["if"]  # pull requests never publish
    assert [s["uses"].split("@")[0] for s in _steps(publish)] == ["actions/deploy-pages"]
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    for job in data["jobs"].values():
        for step in _steps(job):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]


def test_gitlab_ci() -> None:
    data = load("gitlab-ci.yml")
    assert data["stages"] == ["build", "publish"]
    build = data["build"]
    assert "mkdocs build --strict" in build["script"]
    assert any(line.startswith("pip install") for line in build["script"])
    assert build["artifacts"]["when"] == "always"
    assert "qa-report/" in build["artifacts"]["paths"]
    rules = [rule["if"] for rule in data["workflow"]["rules"] if "if" in rule]
    assert any('"schedule"' in rule for rule in rules)
    assert any('"merge_request_event"' in rule for rule in rules)
    assert any(rule == "$CI_COMMIT_BRANCH" for rule in rules)  # every push to a branch
    pages = data["pages"]
    assert pages["stage"] == "publish"
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["needs"] == [{"job": "build", "artifacts": True}]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


def test_pre_commit_hook() -> None:
    data = load("pre-commit-config.yaml")
    (repo,) = data["repos"]
    (hook,) = repo["hooks"]
    assert hook["entry"] == "sendqa check"
    assert re.search(hook["files"], "content/services/portage.md")
    assert not re.search(hook["files"], "README.md")


def test_findings_are_shown_on_the_pull_or_merge_request() -> None:
    """Editors see each finding beside the line, before the strict build stops the job."""
    github = _steps(load("github-actions.yml")["jobs"]["build"])
    runs = _runs(github)
    annotate = runs.index("sendqa check --format github || true")
    assert annotate < runs.index("mkdocs build --strict")
    step = next(s for s in github if "--format github" in str(s.get("run", "")))
    assert "pull_request" in step["if"]

    build = load("gitlab-ci.yml")["build"]
    script = [line.strip() for line in build["script"]]
    report = "gl-code-quality-report.json"
    assert f"sendqa check --format gitlab > {report} || true" in script
    assert build["artifacts"]["reports"]["codequality"] == report
    assert build["artifacts"]["when"] == "always"
