"""Front matter checks on literal page texts (no MkDocs)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendqa_build.core.durations import Duration
from sendqa_build.core.frontmatter import PageTypes, check_front_matter, split_source
from sendqa_build.core.frontmatter.source import same_body
from sendqa_build.core.requirements import load_catalogue
from sendqa_build.rules import RulesError, load_rules_file
from tests.conftest import ROOT, guide_page, service_page

TODAY = dt.date(2026, 12, 1)
RULES = PageTypes.from_data(
    load_rules_file(ROOT / "checks" / "page-types.yml"), ROOT / "checks" / "page-types.yml"
)
IDS = load_catalogue(ROOT / "checks" / "requirements.yml").ids


def check(text: str, page: str = "services/portage.md", **kwargs: object) -> list[str]:
    result = check_front_matter(text, page, RULES, today=TODAY, known_requirements=IDS, **kwargs)  # type: ignore[arg-type]
    return [f.format("content") for f in result.findings]


def test_good_guide_and_service_have_no_findings() -> None:
    assert check(guide_page()) == []
    assert check(service_page()) == []


def test_values_are_converted() -> None:
    text = service_page(extra="review_in: 6 months\ncovers: [health, Travel]\n")
    result = check_front_matter(text, "s.md", RULES, today=TODAY, known_requirements=IDS)
    assert result.findings == []
    assert result.meta["last_reviewed_on"] == dt.date(2026, 9, 1)
    assert result.meta["review_in"] == Duration(months=6)
    assert result.meta["maximum_age"] == 25
    assert result.meta["covers"] == ["health", "travel"]
    assert result.meta["status"] == "active"
    assert result.meta["contact"]["email"] == "team@wyvernshire.example.org"


def test_bad_age_names_line_field_found_and_expected() -> None:
    text = service_page().replace("maximum_age: 25", "maximum_age: twelve")
    assert check(text) == [
        "content/services/portage.md:9: 'maximum_age' must be a whole number from 0 to 25, "
        "found 'twelve'"
    ]


def test_age_out_of_range_and_minimum_above_maximum() -> None:
    assert "must be a whole number from 0 to 25, found '30'" in check(service_page(max_age=30))[0]
    assert check(service_page(min_age=16, max_age=5)) == [
        "content/services/portage.md:9: 'maximum_age' (5) is lower than 'minimum_age' (16); "
        "check the two ages; the minimum must not be more than the maximum"
    ]


def test_missing_required_field() -> None:
    text = guide_page().replace("owner: Test Team\n", "")
    assert check(text) == [
        "content/services/portage.md:1: 'owner' is missing; add it, for example "
        "'owner: Early Years SEND Team'"
    ]


def test_missing_service_fields_each_reported() -> None:
    text = service_page().replace("cost: Free\n", "").replace("area: local\n", "")
    messages = check(text)
    assert len(messages) == 2
    assert any("'area' is missing" in m for m in messages)
    assert any("'cost' is missing" in m for m in messages)


def test_typo_of_known_field_suggests_the_name_once() -> None:
    text = guide_page().replace("last_reviewed_on:", "last_review_on:")
    assert check(text) == [
        "content/services/portage.md:5: unknown field 'last_review_on'; "
        "did you mean 'last_reviewed_on'?"
    ]


def test_unknown_unrelated_field_is_left_alone() -> None:
    assert check(guide_page(extra="council_ref: ABC-123\n")) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("31/02/2026", "there is no such date"),
        ("01/09/2026", "write it as 2026-09-01"),
        ("2026-02-31", "there is no such date"),
        ("next week", "write the date as YYYY-MM-DD"),
    ],
)
def test_bad_dates(value: str, expected: str) -> None:
    text = guide_page().replace("2026-09-01", value)
    (message,) = check(text)
    assert "'last_reviewed_on' must be a date written YYYY-MM-DD" in message
    assert expected in message


def test_future_review_date_is_an_error() -> None:
    (message,) = check(guide_page().replace("2026-09-01", "2027-01-05"))
    assert "'last_reviewed_on' is in the future (2027-01-05, today is 2026-12-01)" in message


def test_unknown_type_and_choice_suggestion() -> None:
    (message,) = check(guide_page(extra="type: servise\n"))
    assert message == (
        "content/services/portage.md:6: 'type' must be one of 'guide', 'service' or "
        "'you-said-we-did', found 'servise'; did you mean 'service'?"
    )


def test_unknown_requirement_id() -> None:
    (message,) = check(guide_page(extra="covers: [helth]\n"))
    assert message.endswith(
        "'covers' has an unknown requirement id 'helth'; did you mean 'health'?"
    )
    assert ":6:" in message


def test_needs_and_area_values() -> None:
    text = (
        service_page()
        .replace("needs: [all]", "needs: [autism]")
        .replace("area: local", "area: nearby")
    )
    messages = check(text)
    assert any("'needs' has an unknown value 'autism'" in m for m in messages)
    assert any("'area' must be one of 'local' or 'outside', found 'nearby'" in m for m in messages)


def test_contact_needs_a_route_and_valid_values() -> None:
    text = service_page().replace(
        "  phone: 01632 960 123\n  email: team@wyvernshire.example.org\n",
        "  email: not-an-email\n  telephone: 01632 960 000\n",
    )
    messages = check(text)
    assert any("'contact.email' must be an email address" in m for m in messages)
    assert any("unknown detail 'telephone'; did you mean 'phone'?" in m for m in messages)


def test_yaml_syntax_error_with_tab_names_the_line() -> None:
    text = guide_page().replace("owner: Test Team", "owner:\tTest Team\n\tbad: [")
    (message,) = check(text)
    assert message.startswith("content/services/portage.md:")
    assert "not valid YAML" in message


def test_duplicate_key() -> None:
    text = guide_page(extra="title: Again\n")
    (message,) = check(text)
    assert "'title' is given twice (lines 2 and 6)" in message


def test_front_matter_that_is_a_list_or_missing() -> None:
    assert "found a list" in check("---\n- a\n- b\n---\nText\n")[0]
    assert "the page has no front matter" in check("Just text\n")[0]
    assert "no closing '---' line" in check("---\ntitle: x\n")[0]


def test_bom_and_crlf_are_read_normally() -> None:
    text = "\ufeff" + guide_page().replace("\n", "\r\n")
    assert check(text) == []


def test_yes_no_in_text_field() -> None:
    (message,) = check(service_page().replace("cost: Free", "cost: no"))
    assert "'cost' must be text, found 'false' (a yes/no value)" in message


def test_home_page_may_omit_type_specific_fields() -> None:
    text = guide_page(extra="type: service\n")
    assert check(text, page="index.md", is_home=True) == []
    assert len(check(text, page="other.md")) > 3


def test_you_said_we_did_responses() -> None:
    text = guide_page(
        extra=(
            "type: you-said-we-did\npublished_on: 2026-07-15\nresponses:\n"
            "  - you_said: More evening events\n    we_did: Added two\n    status: done\n"
            "  - you_sed: typo\n    we_did: x\n"
            "  - you_said: Something\n    status: finished\n"
        )
    )
    messages = check(text)
    assert any(
        "item 2 has an unknown field 'you_sed'; did you mean 'you_said'?" in m for m in messages
    )
    assert any(
        "'responses item 3 'status'' must be one of 'done', 'in-progress' or 'planned'" in m
        for m in messages
    )


def test_split_source_lines() -> None:
    parts = split_source("---\na: 1\nb: 2\n---\nbody line\n")
    assert parts.front_matter == "a: 1\nb: 2\n"
    assert parts.body_line == 5
    assert parts.body.startswith("body line")


def test_bad_rules_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "page-types.yml"
    path.write_text("types:\n  guide:\n    fields:\n      x: {kind: colour}\n", encoding="utf-8")
    with pytest.raises(RulesError, match="field 'x' has kind 'colour'"):
        PageTypes.from_data(load_rules_file(path), path)
    path.write_text("types: [\n", encoding="utf-8")
    with pytest.raises(RulesError, match="Error reading rules file"):
        load_rules_file(path)


def split_by_lines(text: str) -> SplitParts:
    """``split_source`` as it was first written (every line split out): the reference."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return (None, text, 1, False)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:index]) + "\n"
            return (front, "\n".join(lines[index + 1 :]), index + 2, False)
    return ("\n".join(lines[1:]), "", len(lines) + 1, True)


SplitParts = tuple[str | None, str, int, bool]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "---",
        "---\n",
        "---\n---",
        "---\n---\n",
        "--- \t\na: 1\n... \nbody\n",
        "---\na: 1\n",
        "---\na: 1",
        "---\na: 1\n---",
        "---\na: 1\n---\n\n## Body\n\ntext\n",
        "---\n\n---\nx",
        "---\u2028\na\n---\u00a0\nbody",
        "----\na\n---\n",
        "text\n---\na\n---\n",
        "\n---\na\n---\n",
        "---\na: '---'\n  ---\n---\nbody\n---\nmore",
    ],
)
def test_split_source_matches_splitting_every_line(text: str) -> None:
    parts = split_source(text)
    assert (parts.front_matter, parts.body, parts.body_line, parts.unclosed) == split_by_lines(text)


@given(
    st.lists(st.sampled_from(["---", "...", " --- ", "a: 1", "", "x", "---\t", "- b"]), max_size=8)
)
def test_split_source_matches_splitting_every_line_for_any_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    parts = split_source(text)
    assert (parts.front_matter, parts.body, parts.body_line, parts.unclosed) == split_by_lines(text)


@pytest.mark.parametrize(
    ("markdown", "body", "same"),
    [
        ("Text.\n", "Text.\n", True),
        ("Text.\n", "\nText.\n", True),
        ("Text.\n", "\n\n\nText.\n", True),
        ("", "\n\n", True),
        ("Text.\n", " \nText.\n", False),  # a space is not a blank line MkDocs takes off
        ("Text.\n", "Intro\nText.\n", False),
        ("Title: x\nText.\n", "Text.\n", False),
        ("ext.\n", "Text.\n", False),
        ("Text.\n\n", "Text.\n", False),
    ],
)
def test_same_body(markdown: str, body: str, same: bool) -> None:
    assert same_body(markdown, body) is same
