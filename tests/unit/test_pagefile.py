"""Editing page files: one field changes, every other byte stays."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sendqa_build.core.frontmatter import PageTypes, check_front_matter
from sendqa_build.core.pagefile import PageEditError, mark_reviewed, new_page, set_field
from sendqa_build.rules import load_rules_file
from tests.conftest import ROOT

TODAY = dt.date(2026, 12, 1)
RULES = PageTypes.from_data(
    load_rules_file(ROOT / "checks" / "page-types.yml"), ROOT / "checks" / "page-types.yml"
)

ODD = """---
# Page owner: ask Sam before changing
title: 'Portage: home visits'   # quoted, with a colon
summary: "Play-based \\"learning\\" at home"
owner: Early Years SEND Team
last_reviewed_on: '2025-09-01'  # last check
review_in: 6 months
---

last_reviewed_on: 2020-01-01 (this body line must not change)
"""


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    return [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=False) if a != b]


def test_mark_reviewed_changes_exactly_one_line() -> None:
    after = mark_reviewed(ODD, TODAY)
    assert len(after.splitlines()) == len(ODD.splitlines())
    assert changed_lines(ODD, after) == [
        (
            "last_reviewed_on: '2025-09-01'  # last check",
            "last_reviewed_on: '2026-12-01'  # last check",
        )
    ]


def test_mark_reviewed_by_adds_or_updates_reviewed_by() -> None:
    once = mark_reviewed(ODD, TODAY, by="Sam Patel")
    assert "last_reviewed_on: '2026-12-01'  # last check\nreviewed_by: Sam Patel\n" in once
    twice = mark_reviewed(once, dt.date(2027, 1, 5), by="Jo O'Neill")
    assert "reviewed_by: Jo O'Neill\n" in twice
    assert twice.count("reviewed_by") == 1


def test_unplain_names_are_quoted() -> None:
    text = mark_reviewed(ODD, TODAY, by="Team: Early Years")
    assert 'reviewed_by: "Team: Early Years"' in text


def test_crlf_and_bom_are_kept() -> None:
    text = "\ufeff" + ODD.replace("\n", "\r\n")
    after = mark_reviewed(text, TODAY)
    assert after.startswith("\ufeff---\r\n")
    assert after.count("\r\n") == text.count("\r\n")
    assert "last_reviewed_on: '2026-12-01'  # last check\r\n" in after


def test_missing_field_is_added_before_the_closing_line() -> None:
    text = "---\ntitle: x\n---\nbody\n"
    assert set_field(text, "last_reviewed_on", "2026-12-01") == (
        "---\ntitle: x\nlast_reviewed_on: 2026-12-01\n---\nbody\n"
    )


def test_no_front_matter_is_an_error() -> None:
    with pytest.raises(PageEditError, match="no front matter"):
        mark_reviewed("Just text\n", TODAY)
    with pytest.raises(PageEditError, match="no closing"):
        mark_reviewed("---\ntitle: x\n", TODAY)


@pytest.mark.parametrize("page_type", ["service", "guide", "you-said-we-did"])
def test_new_page_lists_every_required_field(page_type: str) -> None:
    text = new_page(page_type, RULES, TODAY, "Portage")
    for name, spec in RULES.fields_for(page_type).items():
        if spec.required:
            assert f"\n{name}:" in text, name
    result = check_front_matter(text, "new.md", RULES, today=TODAY)
    messages = [f.message for f in result.findings]
    # The empty fields are exactly what the editor still has to fill in.
    assert "'title' is missing" not in messages
    assert result.meta["title"] == "Portage"
    assert result.meta["last_reviewed_on"] == TODAY
    if page_type == "service":
        assert "## What the service offers" in text
        assert "'provider' is empty" in messages


def test_write_with_real_file(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text(ODD, encoding="utf-8")
    path.write_text(mark_reviewed(path.read_text(encoding="utf-8"), TODAY), encoding="utf-8")
    assert "2026-12-01" in path.read_text(encoding="utf-8")
