"""A report folder that cannot be written is a warning, never a lost site: every page,
``services.json`` and ``pages.json`` are still published; no temporary file is ever left behind,
and those a killed build left are removed by the next build."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import BuiltSite, guide_page, make_project, run_build, service_page

PAGES = {
    "index.md": guide_page("Home", "Welcome.\n"),
    "guide.md": guide_page("A guide", "Some text.\n"),
    "services/portage.md": service_page("Portage"),
}


def published_whole(site: BuiltSite) -> None:
    """Every page and every open data file is in the built site."""
    assert site.aborted is None
    for name in ("index.html", "guide/index.html", "services/portage/index.html"):
        assert (site.site_dir / name).is_file(), name
    assert b'"Portage"' in (site.site_dir / "services.json").read_bytes()
    assert b"guide.md" in (site.site_dir / "pages.json").read_bytes()


def temporary_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.tmp") if ".venv" not in p.parts]


def test_a_file_named_qa_report_is_a_warning_and_the_site_is_published(
    tmp_path: Path, today: str
) -> None:
    root = make_project(tmp_path, PAGES)
    (root / "qa-report").write_text("not a folder")
    site = run_build(root)
    published_whole(site)
    warnings = site.sendqa()
    assert any(
        w.startswith(
            "the review lists could not be written: 'reviews.json', 'reviews.csv' "
            "('qa-report' is a file, not a folder)"
        )
        for w in warnings
    ), warnings
    assert any(
        w.startswith("the QA report could not write 'self-evaluation.json'")
        and "('qa-report' is a file, not a folder)" in w
        for w in warnings
    ), warnings
    assert (root / "qa-report").read_text() == "not a folder"
    assert temporary_files(root) == []
    assert not any("Traceback" in r.getMessage() for r in site.records)


def test_a_file_named_like_the_cache_folder_is_a_warning_too(tmp_path: Path, today: str) -> None:
    root = make_project(tmp_path, PAGES)
    (root / ".sendqa-cache").write_text("not a folder")
    site = run_build(root)
    published_whole(site)
    assert any(
        "the open data ids could not be kept in" in w and "is a file, not a folder" in w
        for w in site.sendqa()
    )
    notes = site.sendqa(20)  # INFO
    assert any(n.startswith("cannot create the build lock") for n in notes), notes


def test_a_read_only_report_folder_keeps_the_last_report(tmp_path: Path, today: str) -> None:
    """Read-only even for root (the tests run as root, for whom file modes do not count):
    the folder is made immutable with chattr."""
    root = make_project(tmp_path, PAGES)
    first = run_build(root)
    assert first.aborted is None
    report = root / "qa-report"
    before = {p.name: p.read_bytes() for p in report.iterdir()}
    assert "self-evaluation.json" in before and "reviews.csv" in before
    locked = subprocess.run(["chattr", "+i", str(report)], capture_output=True, check=False)
    if locked.returncode != 0:
        pytest.skip(f"chattr cannot make a folder read-only here: {locked.stderr!r}")
    try:
        (root / "guide.md").touch()
        site = run_build(root)
    finally:
        subprocess.run(["chattr", "-i", str(report)], check=True)
    published_whole(site)
    warnings = site.sendqa()
    assert any(w.startswith("the review lists could not be written") for w in warnings)
    assert any(w.startswith("the QA report could not write") for w in warnings)
    assert {p.name: p.read_bytes() for p in report.iterdir()} == before
    assert temporary_files(root) == []


def test_a_file_that_cannot_replace_its_old_version_leaves_no_temporary_file(
    tmp_path: Path, today: str
) -> None:
    """The temporary file is written, then cannot take the place of a folder of that name."""
    root = make_project(tmp_path, PAGES)
    (root / "qa-report" / "reviews.csv").mkdir(parents=True)
    site = run_build(root)
    published_whole(site)
    assert any(
        w.startswith("the review lists could not be written: 'reviews.csv'") for w in site.sendqa()
    )
    assert (root / "qa-report" / "reviews.json").is_file()
    assert temporary_files(root) == []


def test_temporary_files_left_by_a_killed_build_are_removed(tmp_path: Path, today: str) -> None:
    root = make_project(tmp_path, PAGES)
    strays = [
        root / "qa-report" / ".reviews.csv.k3j9x_2a.tmp",
        root / "qa-report" / ".self-evaluation.docx.0a1b2c3d.tmp",
        root / ".sendqa-cache" / ".opendata-ids.json.zz9_zz9z.tmp",
    ]
    kept = [root / "qa-report" / "notes.tmp", root / "qa-report" / "my-notes.txt"]
    for path in [*strays, *kept]:
        path.parent.mkdir(exist_ok=True)
        path.write_text("half a file")
    site = run_build(root)
    published_whole(site)
    assert [p for p in strays if p.exists()] == []
    assert all(p.read_text() == "half a file" for p in kept)
    assert sorted(temporary_files(root)) == [root / "qa-report" / "notes.tmp"]
