"""What may be read into a site: files inside the project (links followed), snippets inside
their folder, a logo path under the site, configured paths inside the project."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from sendqa_build.containment import (
    ContainedSnippets,
    _Resolver,
    allowed_roots,
    inside,
    lexically_inside,
    outside_files,
    resolved,
    snippet_findings,
)
from sendqa_build.core.branding import BrandingError, logo_path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with pages, a shared folder, and links in and out."""
    root = tmp_path / "project"
    docs = root / "content"
    (docs / "sub").mkdir(parents=True)
    (root / "shared").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "a.md").write_text("outside")
    (tmp_path / "outside" / "b.md").write_text("outside")
    (root / "shared" / "s.md").write_text("shared")
    (docs / "page.md").write_text("page")
    (docs / "in.md").symlink_to(root / "shared" / "s.md")
    (docs / "out.md").symlink_to(tmp_path / "outside" / "a.md")
    (docs / "sub" / "deep.md").symlink_to(Path("..") / ".." / ".." / "outside" / "b.md")
    (docs / "folder").symlink_to(tmp_path / "outside")
    (docs / "loop.md").symlink_to(docs / "loop.md")
    (docs / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    return root


def test_files_inside_the_project_are_kept_and_the_others_refused(project: Path) -> None:
    docs = project / "content"
    roots = allowed_roots(project, docs)
    srcs = ["page.md", "in.md", "out.md", "sub/deep.md", "folder/a.md", "folder/b.md", "loop.md"]
    refused, findings = outside_files(((s, str(docs / s)) for s in srcs), docs, roots)
    assert refused == {"out.md", "sub/deep.md", "folder/a.md", "folder/b.md", "loop.md"}
    assert [(f.page, f.message) for f in findings] == [
        (
            "folder",
            "the folder is a link to a folder outside the project folder, so its files are left "
            "out of the site",
        ),
        (
            "loop.md",
            "the file leads to a file outside the project folder, so it is left out of the site",
        ),
        (
            "out.md",
            "the file leads to a file outside the project folder, so it is left out of the site",
        ),
        (
            "sub/deep.md",
            "the file leads to a file outside the project folder, so it is left out of the site",
        ),
    ]
    assert all(
        f.fix == "copy what is needed into the project, or remove the link" for f in findings
    )
    assert not any("outside/" in f.message for f in findings)  # the target is never named
    _, each = outside_files(
        [("folder/a.md", str(docs / "folder/a.md"))], docs, roots, by_folder=False
    )
    assert [f.page for f in each] == ["folder/a.md"]


def test_a_docs_folder_kept_elsewhere_on_purpose_is_allowed(tmp_path: Path) -> None:
    docs = tmp_path / "elsewhere-docs"
    docs.mkdir()
    (docs / "p.md").write_text("x")
    roots = allowed_roots(tmp_path / "project", docs)
    assert inside(docs / "p.md", roots)
    assert not inside(tmp_path / "other.md", roots)


def test_proc_self_environ_is_outside_any_project(tmp_path: Path) -> None:
    assert not inside("/proc/self/environ", [tmp_path])
    assert not inside("/etc/passwd", [tmp_path])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("qa-report", True),
        ("reports/qa", True),
        ("./qa-report", True),
        ("a/../b", True),
        ("../qa-report", False),
        ("a/../../b", False),
        ("/tmp/qa-report", False),
        ("..", False),
    ],
)
def test_configured_paths_are_judged_by_their_words(value: str, expected: bool) -> None:
    assert lexically_inside("/srv/project", value) is expected


def test_an_absolute_path_inside_the_project_is_fine() -> None:
    assert lexically_inside("/srv/project", "/srv/project/checks")
    assert not lexically_inside("/srv/project", "/srv/project-evil/checks")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("assets/logo.svg", "assets/logo.svg"),
        ("./assets//logo.svg", "assets/logo.svg"),
        ("assets\\logo.svg", "assets/logo.svg"),
    ],
)
def test_a_logo_under_the_site_is_accepted(value: str | None, expected: str | None) -> None:
    assert logo_path(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "../../../etc/passwd",
        "assets/../../x.svg",
        "/etc/passwd",
        "//evil.example/logo.png",
        "https://evil.example/logo.png",
        "C:/logo.png",
        "data:image/svg+xml,<svg/>",
        "javascript:alert(1)",
        ".",
        "logo\n.svg",
        42,
        ["a.svg"],
    ],
)
def test_a_logo_outside_the_site_is_refused(value: object) -> None:
    with pytest.raises(
        BrandingError, match=r"^'extra.council.logo' in mkdocs.yml is '[^\n]*', which"
    ):
        logo_path(value)


def test_snippets_through_links_are_left_out(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = project / "content"
    (docs / "hours.txt").write_text("Open 9 to 5.")
    (project / "outside.txt").write_text("project secret")
    (project.parent / "outside" / "secret.txt").write_text("far secret")
    (docs / "far.txt").symlink_to(project.parent / "outside" / "secret.txt")
    (docs / "near.txt").symlink_to(project / "outside.txt")
    monkeypatch.chdir(project)
    guard = ContainedSnippets(allowed_roots(project, docs))
    md = markdown.Markdown(
        extensions=["pymdownx.snippets", guard],
        extension_configs={"pymdownx.snippets": {"base_path": ["content"], "check_paths": True}},
    )
    # check_paths: a refused snippet is included as nothing, never a "not found" error.
    text = '--8<-- "hours.txt"\n\n--8<-- "far.txt"\n\n--8<-- "near.txt"\n'
    html = md.convert(text)
    assert "Open 9 to 5." in html
    assert "secret" not in html
    assert guard.take_refused() == ["far.txt", "near.txt"]
    assert guard.take_refused() == []
    findings = snippet_findings("p.md", ["far.txt"], [(5, "intro"), (7, '--8<-- "far.txt"')])
    assert [(f.page, f.line, f.check) for f in findings] == [("p.md", 7, "safety")]


def test_the_guard_does_nothing_without_snippets() -> None:
    guard = ContainedSnippets([Path("/nowhere")])
    assert markdown.markdown("Hello", extensions=[guard]) == "<p>Hello</p>"


def test_resolving_folders_once_gives_what_resolving_each_file_gives(tmp_path: Path) -> None:
    """``outside_files`` resolves each folder once (``_Resolver``): the same answer as following
    every part of every path, for links to files, to folders, chains of them and loops."""
    docs, elsewhere = tmp_path / "docs", tmp_path / "elsewhere"
    (docs / "a").mkdir(parents=True)
    (elsewhere / "b").mkdir(parents=True)
    (docs / "a" / "page.md").write_text("x", encoding="utf-8")
    (elsewhere / "b" / "far.md").write_text("x", encoding="utf-8")
    (docs / "a" / "link.md").symlink_to(elsewhere / "b" / "far.md")
    (docs / "linked").symlink_to(elsewhere / "b")
    (docs / "chain").symlink_to(docs / "linked")
    (docs / "loop.md").symlink_to(docs / "loop.md")
    paths = [
        docs / "a" / "page.md",
        docs / "a" / "link.md",
        docs / "linked" / "far.md",
        docs / "chain" / "far.md",
        docs / "chain" / "missing.md",
        docs / "loop.md",
        docs / "a" / ".." / "a" / "page.md",
    ]
    real = _Resolver()
    assert [real(str(p)) for p in paths] == [resolved(p) for p in paths]


def test_a_folder_whose_name_starts_like_the_project_is_outside(tmp_path: Path) -> None:
    project = tmp_path / "council"
    (project / "content").mkdir(parents=True)
    sibling = tmp_path / "council-secrets"
    sibling.mkdir()
    (sibling / "key.md").write_text("x", encoding="utf-8")
    (project / "content" / "page.md").write_text("x", encoding="utf-8")
    roots = [project.resolve()]
    assert inside(project / "content" / "page.md", roots)
    assert inside(project, roots)
    assert not inside(sibling / "key.md", roots)
    assert not inside(sibling, roots)
    assert inside(sibling / "key.md", [Path("/")])
