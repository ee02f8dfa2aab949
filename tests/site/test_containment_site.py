"""Files from outside the project are never published, read or quoted: a link in ``content/``
to ``/proc/self/environ`` or ``/etc/passwd``, a linked folder, a snippet through a link; paths
in mkdocs.yml that lead out of the project stop the build with a clear message. Links that stay
inside the project still work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TODAY, build_in_process, guide_page, make_project, run_build

SECRET = "s3cret-value-from-outside-4b1d"


def everything_written(root: Path) -> str:
    """Every file the build published or wrote for the QA lead, as one text."""
    texts = []
    for folder in ("site", "qa-report"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                texts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(texts)


def test_a_link_to_the_build_environment_is_never_published(tmp_path: Path) -> None:
    """A real ``mkdocs build`` in a process whose environment holds a secret, as CI's does."""
    root = make_project(tmp_path / "project", {"index.md": guide_page("Home")})
    (root / "content" / "env.txt").symlink_to("/proc/self/environ")
    (root / "content" / "assets").mkdir()
    (root / "content" / "assets" / "environ").symlink_to("/proc/self/environ")
    done = build_in_process(root, timeout=600, CI_DEPLOY_TOKEN=SECRET)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert not (root / "site" / "env.txt").exists()
    assert not (root / "site" / "assets" / "environ").exists()
    assert (root / "site" / "index.html").is_file()
    assert SECRET not in everything_written(root)
    assert SECRET not in done.stderr
    for name in ("content/env.txt", "content/assets/environ"):
        assert (
            f"WARNING -  sendqa: {name}: the file leads to a file outside the project folder, so "
            "it is left out of the site; copy what is needed into the project, or remove the link"
        ) in done.stderr


def test_pages_and_folders_linked_from_outside_are_not_built_read_or_quoted(
    tmp_path: Path, today: str
) -> None:
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    secret_page = guide_page("Secret", f"The secret is {SECRET}.\n")
    (outside / "secret.md").write_text(secret_page)
    (outside / "folder" / "page.md").write_text(secret_page)
    (outside / "folder" / "data.csv").write_text(SECRET)
    root = make_project(tmp_path / "project", {"index.md": guide_page("Home")})
    docs = root / "content"
    (docs / "passwd.md").symlink_to("/etc/passwd")
    (docs / "secret.md").symlink_to(outside / "secret.md")
    (docs / "linked").symlink_to(outside / "folder")
    site = run_build(root)
    assert site.aborted is None
    assert (
        sorted(
            p.name
            for p in site.site_dir.iterdir()
            if "secret" in p.name or "linked" in p.name or "passwd" in p.name
        )
        == []
    )
    written = everything_written(root)
    assert SECRET not in written
    assert "root:x:0:0" not in written
    warnings = site.sendqa()
    assert (
        "content/linked: the folder is a link to a folder outside the project folder, so its "
        "files are left out of the site; copy what is needed into the project, or remove the link"
    ) in warnings
    assert any(
        w.startswith("content/passwd.md: the file leads to a file outside") for w in warnings
    )
    assert any(
        w.startswith("content/secret.md: the file leads to a file outside") for w in warnings
    )
    assert not any(SECRET in r.getMessage() or "root:x" in r.getMessage() for r in site.records)
    # Only the folder is named, once, however many files it holds.
    assert sum("content/linked" in w for w in warnings) == 1


def test_links_that_stay_inside_the_project_still_work(tmp_path: Path, today: str) -> None:
    root = make_project(tmp_path, {"index.md": guide_page("Home", "See [shared](shared.md).\n")})
    (root / "shared").mkdir()
    (root / "shared" / "page.md").write_text(guide_page("Shared page", "Kept in one place.\n"))
    (root / "shared" / "leaflet.pdf").write_bytes(b"%PDF-1.4 leaflet")
    (root / "content" / "shared.md").symlink_to(Path("..") / "shared" / "page.md")
    (root / "content" / "leaflet.pdf").symlink_to(root / "shared" / "leaflet.pdf")
    site = run_build(root)
    assert site.aborted is None
    assert not [w for w in site.warnings if "outside the project" in w or "shared" in w]
    assert "Kept in one place." in site.html("shared/")
    assert (site.site_dir / "leaflet.pdf").read_bytes() == b"%PDF-1.4 leaflet"


def test_a_snippet_through_a_link_is_left_out_and_reported(
    tmp_path: Path, today: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET)
    page = guide_page(
        "Snippets",
        'Our own text:\n\n--8<-- "included.txt"\n\nAnd:\n\n--8<-- "linked.txt"\n',
    )
    root = make_project(tmp_path / "project", {"index.md": guide_page("Home"), "snip.md": page})
    (root / "content" / "included.txt").write_text("Opening hours are 9 to 5.\n")
    (root / "content" / "linked.txt").symlink_to(outside / "secret.txt")
    # Inside the project but outside the snippets' base_path (content/): refused as well.
    (root / "content" / "config.txt").symlink_to(root / "mkdocs.yml")
    (root / "content" / "more.md").write_text(
        guide_page("More", '--8<-- "config.txt"\n\nThe end.\n')
    )
    monkeypatch.chdir(root)  # pymdownx.snippets reads base_path from where MkDocs runs
    site = run_build(root)
    assert site.aborted is None
    html = site.html("snip/")
    assert "Opening hours are 9 to 5." in html
    assert SECRET not in everything_written(root)
    assert "site_name" not in site.html("more/")
    assert "The end." in site.html("more/")
    warnings = site.sendqa()
    assert (
        "content/snip.md:14: the snippet 'linked.txt' leads outside the folder snippets are "
        "taken from (a link to a file elsewhere), so it is left out of the page; copy the file "
        "into the docs folder, or remove the '--8<--' line"
    ) in warnings
    assert any(
        w.startswith("content/more.md:8: the snippet 'config.txt' leads outside") for w in warnings
    )


def test_sendqa_check_never_reads_a_page_linked_from_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(guide_page("Secret", f"The secret is {SECRET}. Utilise it.\n"))
    root = make_project(tmp_path / "project", {"index.md": guide_page("Home")})
    (root / "content" / "linked.md").symlink_to(outside)
    done = subprocess.run(
        [sys.executable, "-m", "sendqa_build.cli", "check", "content/linked.md"],
        cwd=root,
        env={**os.environ, "SENDQA_TODAY": TODAY},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[0] == (
        "content/linked.md: the file leads to a file outside the project folder, so it is left "
        "out of the site; copy what is needed into the project, or remove the link"
    )
    assert SECRET not in done.stdout + done.stderr
    assert "utilise" not in done.stdout.lower()  # never read, so never checked


@pytest.mark.parametrize(
    "logo", ["../../../etc/passwd", "/etc/passwd", "https://example.org/logo.png", "a/../../x"]
)
def test_a_logo_outside_the_site_stops_the_build(tmp_path: Path, today: str, logo: str) -> None:
    root = make_project(
        tmp_path, {"index.md": guide_page("Home")}, config={"extra": {"council": {"logo": logo}}}
    )
    site = run_build(root)
    assert site.aborted == "Aborted with a BuildError!"
    assert any(
        m == f"'extra.council.logo' in mkdocs.yml is '{logo}', which is not a path under the "
        "site; give the path of the logo's file in the docs folder (or the theme's custom_dir), "
        "such as 'assets/logo.svg'"
        for m in site.messages(40)
    ), site.messages(40)
    assert not (root / "site" / "index.html").exists()


def test_a_logo_the_site_does_not_have_is_a_warning(tmp_path: Path, today: str) -> None:
    outside = tmp_path / "crest.svg"
    outside.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    root = make_project(
        tmp_path / "project",
        {"index.md": guide_page("Home")},
        config={"extra": {"council": {"logo": "crest.svg"}}},
    )
    (root / "content" / "crest.svg").symlink_to(outside)  # leads outside: left out
    site = run_build(root)
    assert site.aborted is None
    assert (
        "'extra.council.logo' in mkdocs.yml is 'crest.svg', but the site has no such file; put "
        "the logo at that path in the docs folder (or the theme's custom_dir), or correct the "
        "path"
    ) in site.sendqa()


@pytest.mark.parametrize(
    ("plugin", "option", "value", "place"),
    [
        ("sendqa/frontmatter", "report_dir", "../elsewhere", "the project folder"),
        ("sendqa/links", "cache_dir", "/tmp/cache", "the project folder"),
        ("sendqa/opendata", "services_file", "../../services.json", "the built site"),
        ("sendqa/plain-english", "jargon_buster", "../words.md", "the docs folder"),
    ],
)
def test_a_configured_path_outside_the_project_stops_the_build(
    tmp_path: Path, today: str, plugin: str, option: str, value: str, place: str
) -> None:
    root = make_project(tmp_path / "project", {"index.md": guide_page("Home")})
    text = (root / "mkdocs.yml").read_text()
    assert f"- {plugin}\n" in text
    text = text.replace(f"- {plugin}\n", f"- {plugin}:\n    {option}: {value}\n", 1)
    (root / "mkdocs.yml").write_text(text)
    site = run_build(root)
    assert site.aborted == "Aborted with a BuildError!"
    errors = site.messages(40)
    assert any(
        m.startswith(
            f"'{option}' of '{plugin}' in mkdocs.yml is '{value}', which is outside {place}"
        )
        for m in errors
    ), errors
    assert not (tmp_path / "elsewhere").exists()
    assert not (tmp_path / "services.json").exists()


def test_files_mkdocs_leaves_out_anyway_are_not_reported(tmp_path: Path, today: str) -> None:
    """Hidden files (``.env``) and ``exclude_docs`` are never read or copied by MkDocs."""
    outside = tmp_path / "outside.txt"
    outside.write_text(SECRET)
    root = make_project(
        tmp_path / "project",
        {"index.md": guide_page("Home")},
        config={"exclude_docs": "private/\n"},
    )
    (root / "content" / ".env").symlink_to(outside)
    (root / "content" / "private").mkdir()
    (root / "content" / "private" / "notes.txt").symlink_to(outside)
    site = run_build(root)
    assert site.aborted is None
    assert not [w for w in site.sendqa() if "outside the project" in w]
    assert SECRET not in everything_written(root)


def test_links_outside_are_left_out_even_with_the_checks_switched_off(
    tmp_path: Path, today: str
) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text(SECRET)
    root = make_project(
        tmp_path / "project",
        {"index.md": guide_page("Home")},
        plugins=["search", {"sendqa/frontmatter": {"enabled": False}}],
    )
    (root / "content" / "secret.txt").symlink_to(outside)
    site = run_build(root)
    assert site.aborted is None
    assert (site.site_dir / "index.html").is_file()
    assert not (site.site_dir / "secret.txt").exists()
    assert any(
        w.startswith("content/secret.txt: the file leads to a file outside") for w in site.sendqa()
    )
