"""YAML reading on hostile or unlucky text: aliases, deep nesting, the rule files' anchors."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from sendqa_build.core.frontmatter import PageTypes, check_front_matter
from sendqa_build.core.yamltext import MAX_DEPTH, YamlProblem, load_yaml
from sendqa_build.rules import RulesError, load_rules_file
from tests.conftest import ROOT, guide_page

NAMES = "abcdefghi"
BOMB = "".join(
    f"{name}: &{name} [" + ", ".join(["x"] * 9 if i == 0 else [f"*{NAMES[i - 1]}"] * 9) + "]\n"
    for i, name in enumerate(NAMES)
)
"""Nine lines whose last value expands to 9^9 (387 million) items."""


def test_alias_bomb_in_front_matter_is_refused_at_once_with_its_line() -> None:
    started = time.perf_counter()
    with pytest.raises(YamlProblem) as raised:
        load_yaml(BOMB, first_line=2, aliases=False)
    assert time.perf_counter() - started < 2
    assert raised.value.line == 3  # 'b: &b [*a, ...]', the first alias, on file line 3
    assert "an alias ('*a') is not allowed in front matter" in raised.value.message


def test_alias_bomb_where_aliases_are_allowed_is_capped() -> None:
    started = time.perf_counter()
    with pytest.raises(YamlProblem) as raised:
        load_yaml(BOMB)
    assert time.perf_counter() - started < 2
    assert "would hold more than 100,000 values" in raised.value.message
    assert raised.value.line == 6  # 'f', the first to expand past the cap (9^6 values)


def test_a_few_aliases_still_work_where_allowed() -> None:
    doc = load_yaml("a: &x [1, 2]\nb: *x\nc: {k: *x}\n")
    assert doc.data == {"a": [1, 2], "b": [1, 2], "c": {"k": [1, 2]}}
    assert doc.paths["b"] == 2 and doc.paths["c.k"] == 3


def test_an_alias_inside_what_it_names_is_refused() -> None:
    with pytest.raises(YamlProblem, match="inside the list or mapping it names"):
        load_yaml("a: &x [1, *x]\n")


def test_repeated_key_reached_through_an_alias_is_still_found_once() -> None:
    with pytest.raises(YamlProblem, match="'k' is given twice"):
        load_yaml("a: &x {k: 1, k: 2}\nb: *x\n")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("x: " + "[" * 600 + "]" * 600 + "\n", 2),
        ("x: " + "[" * 100_000 + "]" * 100_000 + "\n", 2),
        ("x: " + "{a: " * 800 + "1" + "}" * 800 + "\n", 2),
        ("x:\n" + "".join(" " * i + "-\n" for i in range(1, 3000)), MAX_DEPTH + 2),
    ],
    ids=["flow-600", "flow-100000", "mapping-800", "block-3000"],
)
def test_deep_nesting_is_a_message_not_a_recursion_error(text: str, line: int) -> None:
    with pytest.raises(YamlProblem) as raised:
        load_yaml(text, first_line=2)
    assert raised.value.line == line
    assert f"nested more than {MAX_DEPTH} levels deep" in raised.value.message


def test_nesting_up_to_the_limit_is_read() -> None:
    depth = MAX_DEPTH - 2  # the page's own mapping and the value count as levels too
    doc = load_yaml("x: " + "[" * depth + "1" + "]" * depth + "\n")
    value = doc.data["x"]
    for _ in range(depth - 1):
        value = value[0]
    assert value == [1]


def test_front_matter_findings_for_aliases_and_nesting() -> None:
    rules = PageTypes.from_data(
        load_rules_file(ROOT / "checks" / "page-types.yml"), ROOT / "page-types.yml"
    )
    today = dt.date(2026, 12, 1)
    bomb = check_front_matter(guide_page("Bomb", extra=BOMB), "bomb.md", rules, today=today)
    assert [f.format() for f in bomb.findings] == [
        "content/bomb.md:7: an alias ('*a') is not allowed in front matter; write the value out "
        "in full and remove '&a' and '*a'"
    ]
    deep = check_front_matter(
        guide_page("Deep", extra="needs: " + "[" * 500 + "]" * 500 + "\n"),
        "deep.md",
        rules,
        today=today,
    )
    assert [f.format() for f in deep.findings] == [
        f"content/deep.md:6: in the front matter, lists or fields are nested more than "
        f"{MAX_DEPTH} levels deep; remove the extra levels (a page needs two or three at most)"
    ]


def test_rule_files_keep_their_anchors() -> None:
    data = load_rules_file(ROOT / "checks" / "requirements.yml")
    assert data  # requirements.yml shares patterns through '&name' and '*name'


def test_alias_bomb_in_a_rule_file_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "words-to-avoid.yml"
    path.write_text(BOMB, encoding="utf-8")
    with pytest.raises(RulesError) as raised:
        load_rules_file(path)
    assert str(raised.value).startswith(f"Error reading rules file '{path}:6': aliases")
