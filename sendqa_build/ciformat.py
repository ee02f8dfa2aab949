"""Findings in the forms that git hosts show beside the changed line of a pull or merge request.

Editors who work in the browser never read a CI log; GitHub and GitLab can put each finding next
to the line it is about. ``sendqa check --format github`` prints GitHub Actions workflow commands
(``::error file=...,line=...,title=...::message``); ``--format gitlab`` writes a GitLab code
quality report (a JSON list). Both take the same findings as the plain text output.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from sendqa_build.models import Finding, Severity

SITE_WIDE_PATH = "mkdocs.yml"
"""Where a finding about the whole site is shown (it has no page of its own)."""


def _path(finding: Finding, docs_prefix: str) -> str:
    if finding.page is None:
        return SITE_WIDE_PATH
    return f"{docs_prefix}/{finding.page}" if docs_prefix else finding.page


def _title(finding: Finding) -> str:
    kind = "problem" if finding.severity is Severity.WARNING else "note"
    return f"sendqa {finding.check} {kind}"


def _escape_data(text: str) -> str:
    """GitHub's escaping for a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """GitHub's escaping for a workflow command's properties (file, title): also ':' and ','."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_lines(findings: Sequence[Finding], docs_prefix: str, *, notes: bool = True) -> list[str]:
    """One workflow command per finding: problems as errors, notes as notices."""
    lines = []
    for finding in findings:
        if finding.severity is not Severity.WARNING and not notes:
            continue
        command = "error" if finding.severity is Severity.WARNING else "notice"
        props = [f"file={_escape_property(_path(finding, docs_prefix))}"]
        if finding.line:
            props.append(f"line={finding.line}")
        props.append(f"title={_escape_property(_title(finding))}")
        lines.append(f"::{command} {','.join(props)}::{_escape_data(finding.text)}")
    return lines


def gitlab_report(findings: Sequence[Finding], docs_prefix: str, *, notes: bool = True) -> str:
    """A GitLab code quality report: a JSON list, one object per finding.

    The fingerprint leaves out the line, so a finding that only moves down the page is not shown
    as new; a repeat of the same finding on one page gets its own (counted) fingerprint.
    """
    seen: dict[str, int] = {}
    issues = []
    for finding in findings:
        if finding.severity is not Severity.WARNING and not notes:
            continue
        path = _path(finding, docs_prefix)
        key = "\0".join([finding.check, path, finding.text])
        seen[key] = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
        issues.append(
            {
                "description": finding.text,
                "check_name": f"sendqa/{finding.check}",
                "fingerprint": fingerprint,
                "severity": "major" if finding.severity is Severity.WARNING else "info",
                "location": {"path": path, "lines": {"begin": finding.line or 1}},
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
