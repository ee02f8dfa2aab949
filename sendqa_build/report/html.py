"""``self-evaluation.html``: the report for a QA lead to read and print, without the site.

One self-contained file (styles inline, no scripts, no fonts or images from elsewhere), with
every value escaped by Jinja's autoescaping: page text and comments can never become markup.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from itertools import groupby
from pathlib import Path
from typing import Any

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup

from sendqa_build.compiled import compiled_templates
from sendqa_build.core.scoring import SCORE_WORDS, long_date

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _long_date(value: str) -> str:
    try:
        return long_date(dt.date.fromisoformat(value))
    except (TypeError, ValueError):
        return str(value)


def _badge(statement: Mapping[str, Any]) -> Markup:
    """The score as text in a badge (never colour alone)."""
    score = statement.get("score")
    if score is None:
        label = "Could not be scored" if statement.get("auto") else "For the QA lead to score"
        return Markup('<span class="badge score-none">{}</span>').format(label)
    return Markup('<span class="badge score-{}">Score {}: {}</span>').format(
        score, score, SCORE_WORDS[score]
    )


PRIORITY_LABELS = {
    "statutory": "Statutory gap",
    "overdue": "Overdue review",
    "broken-links": "Broken links",
    "wording": "Wording",
    "other": "Other",
}


def _priority_label(priority: str) -> str:
    return PRIORITY_LABELS.get(priority, priority)


def make_environment(bytecode_cache: BytecodeCache | None) -> Environment:
    """The Jinja environment of the report's templates."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache,
    )
    env.globals.update(long_date=_long_date, badge=_badge, priority_label=_priority_label)
    return env


@functools.cache
def _environment() -> Environment:
    """One environment per process, so ``mkdocs serve`` compiles the template once."""
    return make_environment(compiled_templates("report"))


def render_html(
    report: Mapping[str, Any],
    *,
    changes: Mapping[str, str] | None = None,
    previous: Mapping[str, Any] | None = None,
    docs_prefix: str = "content",
) -> str:
    """The HTML report.

    Args:
        report: the report dict (see ``data.build_report``).
        changes: each statement's change since the previous build, in words.
        previous: the previous build's history entry (for its reference date), if any.
        docs_prefix: the docs folder as editors know it, shown before page paths.
    """
    findings = report.get("findings") or []
    groups = [
        (check, list(items))
        for check, items in groupby(
            sorted(findings, key=lambda f: (str(f["check"]), _order(f))), key=lambda f: f["check"]
        )
    ]
    template = _environment().get_template("self-evaluation.html")
    return template.render(
        r=report,
        changes=dict(changes or {}),
        previous=previous,
        groups=groups,
        docs=docs_prefix,
    )


def _order(finding: Mapping[str, Any]) -> tuple[str, int, str]:
    return (str(finding.get("page") or ""), int(finding.get("line") or 0), str(finding["message"]))
