"""The editors' part of the README stays true: every front matter field has an example, every
link inside the README leads to a heading, and the CI recipe says what the CI files do."""

from __future__ import annotations

import re

import yaml

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _section(title: str) -> str:
    start = README.index(title)
    end = README.find("\n## ", start + len(title))
    return README[start : end if end != -1 else len(README)]


def test_every_field_has_an_example() -> None:
    rules = yaml.safe_load((ROOT / "checks" / "page-types.yml").read_text(encoding="utf-8"))
    fields = set(rules["common"]["fields"])
    for spec in rules["types"].values():
        fields |= set((spec or {}).get("fields") or {})
    table = _section("### Every field, with an example")
    documented = set(re.findall(r"^\| `([a-z_]+)`", table, re.M))
    documented |= set(re.findall(r"^\| `[a-z_]+`, `([a-z_]+)`", table, re.M))
    assert fields - documented == set(), "add these fields to the README's examples table"
    for row in re.findall(r"^\| `([a-z_]+)` \| `([^`]+)`", table, re.M):
        assert row[1].startswith(row[0] + ":"), row


def test_readme_links_lead_to_headings() -> None:
    anchors = {_slug(h.replace("`", "")) for h in re.findall(r"^#{2,4} (.+)$", README, re.M)}
    links = re.findall(r"\]\(#([^)]+)\)", README)
    assert links
    assert sorted(set(links) - anchors) == []


def test_readme_names_the_ci_files_and_what_they_run() -> None:
    section = _section("## Continuous integration (CI)")
    for name in ("github-actions.yml", "gitlab-ci.yml"):
        assert f"ci-templates/{name}" in section
        text = (ROOT / "ci-templates" / name).read_text(encoding="utf-8")
        for command in ("pip install .", "mkdocs build --strict"):
            assert command in text and command in section
    assert "ci-templates/pre-commit-config.yaml" in README
    for path in re.findall(r"\]\((ci-templates/[^)]+)\)", README):
        assert (ROOT / path).is_file(), path


def test_readme_documents_each_command() -> None:
    section = _section("## The `sendqa` command")
    for command in ("new", "reviewed", "check", "due"):
        assert f"`sendqa {command}" in section
