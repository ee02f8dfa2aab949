"""Checked front matter kept between builds: read back exactly, or not kept at all."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendqa_build.core.durations import Duration
from sendqa_build.core.frontmatter import FrontMatterResult, PageTypes, check_front_matter
from sendqa_build.core.frontmatter.kept import result_from_data, result_to_data
from sendqa_build.core.frontmatter.source import split_source
from sendqa_build.core.requirements import load_catalogue
from sendqa_build.rules import load_rules_file
from tests.conftest import ROOT

TODAY = dt.date(2026, 12, 1)
RULES = PageTypes.from_data(
    load_rules_file(ROOT / "checks" / "page-types.yml"), ROOT / "checks" / "page-types.yml"
)
IDS = load_catalogue(ROOT / "checks" / "requirements.yml").ids
SAMPLE = sorted((ROOT / "content").rglob("*.md"))


def _again(text: str, result: FrontMatterResult) -> FrontMatterResult | None:
    data = result_to_data(result)
    if data is None:
        return None
    return result_from_data(text, json.loads(json.dumps(data)))  # through the file


@pytest.mark.parametrize("path", SAMPLE, ids=lambda p: str(p.relative_to(ROOT / "content")))
def test_every_sample_page_reads_back_as_checked(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = check_front_matter(text, path.name, RULES, today=TODAY, known_requirements=IDS)
    assert _again(text, result) == result


BROKEN = [
    "",
    "no front matter\n",
    "---\ntitle: unclosed\n",
    "---\n- a list\n---\nBody\n",
    "---\ntitle: [unclosed\n---\nBody\n",
    "---\ntitle: T\nlast_reviewed_on: 2026-02-31\nreview_in: fortnightly\n---\nBody\n",
]


@pytest.mark.parametrize("text", BROKEN)
def test_pages_with_problems_read_back_with_their_findings(text: str) -> None:
    result = check_front_matter(text, "p.md", RULES, today=TODAY, known_requirements=IDS)
    assert result.findings
    assert _again(text, result) == result


def test_types_survive_exactly() -> None:
    meta = {
        "title": "T",
        "age": 5,
        "ratio": 0.1,
        "free": True,
        "none": None,
        "on": dt.date(2026, 1, 2),
        "every": Duration(months=6),
        "nested": {"d": [1, {"t": "not a date"}], "p": "x"},
    }
    result = FrontMatterResult(meta=meta, findings=[], parts=split_source("Body\n"), lines={})
    again = _again("Body\n", result)
    assert again is not None and again.meta == meta
    assert type(again.meta["age"]) is int and type(again.meta["ratio"]) is float
    assert type(again.meta["on"]) is dt.date


@pytest.mark.parametrize(
    "value",
    [
        float("nan"),
        dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC),
        (1, 2),
        {1: "int key"},
        {"a", "set"},
    ],
    ids=["nan", "datetime", "tuple", "int key", "set"],
)
def test_values_json_cannot_hold_exactly_are_not_kept(value: object) -> None:
    result = FrontMatterResult(
        meta={"field": [value]}, findings=[], parts=split_source("x\n"), lines={}
    )
    assert result_to_data(result) is None


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(), VALUES, max_size=4))
def test_whatever_is_kept_reads_back_equal(meta: dict[str, object]) -> None:
    result = FrontMatterResult(meta=meta, findings=[], parts=split_source("x\n"), lines={})
    again = _again("x\n", result)
    if again is not None:
        assert again.meta == meta
