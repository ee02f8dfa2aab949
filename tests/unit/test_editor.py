"""The browser editor's configuration, made from checks/page-types.yml (core/editor.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sendqa_build.core.editor import (
    DATE_WIDGET,
    Backend,
    EditorPage,
    editor_config,
    fields_for,
    folder_types,
)
from sendqa_build.core.frontmatter.rules import KINDS, FieldSpec
from sendqa_build.core.pagefile import body_template
from sendqa_build.core.site import load_site_rules
from tests.conftest import ROOT

RULES = load_site_rules(ROOT / "checks", "12 months")
PAGES = [
    EditorPage("index.md", "guide", "Home"),
    EditorPage("services/portage.md", "service", "Portage"),
    EditorPage("services/early-years/nursery.md", "service", "Nursery"),
    EditorPage("have-your-say/index.md", "guide", "Have your say"),
    EditorPage("have-your-say/2026.md", "you-said-we-did", "You said, we did 2026"),
]


def config(**backend: Any) -> dict[str, Any]:
    return editor_config(
        RULES.page_types,
        RULES.catalogue,
        PAGES,
        docs_dir="content",
        backend=Backend(**backend),
        site_name="Wyvernshire Local Offer",
    )


def by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in fields}


def test_every_field_of_every_page_type_is_in_the_form() -> None:
    """The form asks for every field the checks know, except the two it must not change."""
    for page_type in RULES.page_types.types:
        names = [f["name"] for f in fields_for(RULES.page_types, RULES.catalogue, page_type)]
        expected = [n for n in RULES.page_types.fields_for(page_type) if n != "id"]
        assert names == [*expected, "body"], page_type


def test_required_fields_and_hints_come_from_the_page_types() -> None:
    for page_type in RULES.page_types.types:
        fields = by_name(fields_for(RULES.page_types, RULES.catalogue, page_type))
        for name, spec in RULES.page_types.fields_for(page_type).items():
            if name in ("id", "type"):
                continue
            assert fields[name]["required"] is spec.required, (page_type, name)
            assert fields[name]["hint"] == spec.help and spec.help, (page_type, name)


def test_widgets_only_hold_valid_values() -> None:
    service = by_name(fields_for(RULES.page_types, RULES.catalogue, "service"))
    age = service["minimum_age"]
    assert (age["widget"], age["value_type"], age["min"], age["max"]) == ("number", "int", 0, 25)
    assert service["needs"]["widget"] == "select" and service["needs"]["multiple"] is True
    assert set(service["needs"]["options"]) == set(
        RULES.page_types.fields_for("service")["needs"].choices
    )
    assert service["area"]["options"] == ["local", "outside"]
    assert service["area"]["multiple"] is False
    assert service["last_reviewed_on"]["widget"] == DATE_WIDGET
    assert service["last_reviewed_on"]["review_button"] is True
    assert "review_button" not in service.get("published_on", {})
    assert [f["name"] for f in service["contact"]["fields"]] == ["phone", "email", "website"]
    assert all(f["required"] is False for f in service["contact"]["fields"])
    covers = service["covers"]
    assert covers["multiple"] is True
    assert {o["value"] for o in covers["options"]} == set(RULES.catalogue.ids)
    assert all(o["label"] for o in covers["options"])
    assert service["type"] == {
        "name": "type",
        "label": "Page type",
        "widget": "hidden",
        "default": "service",
    }
    assert service["summary"]["widget"] == "text" and service["title"]["widget"] == "string"
    assert service["body"]["default"] == body_template("service", RULES.page_types)
    assert "## What the service offers" in service["body"]["default"]


def test_responses_are_a_list_of_said_did_status() -> None:
    fields = by_name(fields_for(RULES.page_types, RULES.catalogue, "you-said-we-did"))
    responses = fields["responses"]
    assert responses["widget"] == "list"
    inner = by_name(responses["fields"])
    assert list(inner) == ["you_said", "we_did", "status"]
    assert inner["status"]["options"] == list(RULES.page_types.response_statuses)
    assert inner["status"]["required"] is False
    assert fields["published_on"]["widget"] == DATE_WIDGET


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_a_widget(kind: str) -> None:
    from sendqa_build.core.editor import _widget

    spec = FieldSpec(name="x", kind=kind, choices=("a", "b"))
    assert _widget(spec, RULES.page_types, RULES.catalogue)["widget"]


def test_review_period_is_free_text_as_the_checks_accept_many_forms() -> None:
    field = by_name(fields_for(RULES.page_types, RULES.catalogue, "guide"))["review_in"]
    assert field["widget"] == "string" and "pattern" not in field
    assert "6 months" in field["hint"]


def test_collections_follow_the_folders() -> None:
    assert folder_types(PAGES) == {
        "": ["guide"],
        "have-your-say": ["guide", "you-said-we-did"],
        "services": ["service"],
        "services/early-years": ["service"],
    }
    collections = {c["name"]: c for c in config(repo="council/offer")["collections"]}
    assert list(collections) == [
        "guide",
        "have-your-say-guide",
        "have-your-say-you-said-we-did",
        "services-service",
        "services-early-years-service",
    ]
    assert collections["guide"]["folder"] == "content"
    assert [c["label"] for c in collections.values()] == [
        "Guides: top level",
        "Guides: have your say",
        "You said, we did: have your say",
        "Services: all",
        "Services: early years",
    ]
    assert collections["services-early-years-service"]["folder"] == "content/services/early-years"
    assert "filter" not in collections["services-service"]
    assert collections["have-your-say-you-said-we-did"]["filter"] == {
        "field": "type",
        "value": "you-said-we-did",
    }
    # Guides sharing a folder with other types are listed file by file (they often leave
    # 'type' out, which a filter would miss).
    guides = collections["have-your-say-guide"]
    assert [f["file"] for f in guides["files"]] == ["content/have-your-say/index.md"]
    assert guides["files"][0]["label"] == "Have your say"
    assert all(c.get("format") == "yaml-frontmatter" for c in collections.values())


def test_backend_and_local_proxy() -> None:
    data = config(
        name="gitlab",
        repo="council/offer",
        branch="live",
        local_port=9001,
        sign_in={"auth_type": "pkce", "app_id": "abc123"},
    )
    assert data["backend"] == {
        "name": "gitlab",
        "branch": "live",
        "repo": "council/offer",
        "auth_type": "pkce",
        "app_id": "abc123",
    }
    assert data["local_backend"]["url"] == "http://127.0.0.1:9001/api/v1"
    assert data["publish_mode"] == "editorial_workflow"
    assert data["app_title"] == "Wyvernshire Local Offer"
    assert data["media_folder"] == "content/assets/images"


def test_sample_site_page_types_make_a_valid_form() -> None:
    """Every collection of the real sample has its fields (none lost to an unknown kind)."""
    content = ROOT / "content"
    pages = [
        EditorPage(str(p.relative_to(content)), "guide", p.stem)
        for p in sorted(Path(content).rglob("*.md"))
    ]
    data = editor_config(
        RULES.page_types, RULES.catalogue, pages, docs_dir="content", backend=Backend()
    )
    assert data["collections"] and all(c["fields"] for c in data["collections"])
