"""Reading page files into the site index (``core/site.py``), as the build and the second
process both do, on literal files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sendqa_build.core.durations import Duration
from sendqa_build.core.frontmatter import PageTypes
from sendqa_build.core.site import IndexSettings, build_index, read_page
from sendqa_build.rules import load_rules_file
from tests.conftest import ROOT, guide_page, service_page

PAGE_TYPES = ROOT / "checks" / "page-types.yml"
SETTINGS = IndexSettings(
    PageTypes.from_data(load_rules_file(PAGE_TYPES), PAGE_TYPES),
    dt.date(2026, 12, 1),
    Duration(months=12),
    None,
)


def test_a_utf8_page_is_checked_and_not_kept_as_text(tmp_path: Path) -> None:
    path = tmp_path / "portage.md"
    path.write_text(service_page("Portage", extra="review_in: 6 months\n"), encoding="utf-8")
    page = read_page("services/portage.md", "services/portage/", str(path), SETTINGS)
    assert page.problem is None and page.decoded is None
    assert page.record is not None
    assert page.record.title == "Portage"
    assert page.record.review_period == Duration(months=6)
    assert page.record.parts.front_matter == ""  # the YAML text is not kept once checked


def test_a_windows_1252_page_is_read_with_a_warning_and_its_text(tmp_path: Path) -> None:
    path = tmp_path / "word.md"
    path.write_bytes(guide_page("Café", "It’s “quoted”.\n").encode("cp1252"))
    page = read_page("word.md", "word/", str(path), SETTINGS)
    assert page.decoded is not None and "It’s “quoted”." in page.decoded
    assert page.record is not None and page.record.title == "Café"
    assert [f.check for f in page.record.findings] == ["encoding"]


def test_a_file_that_cannot_be_read_says_why(tmp_path: Path) -> None:
    (tmp_path / "moved.md").symlink_to(tmp_path / "nowhere.md")
    page = read_page("moved.md", "moved/", str(tmp_path / "moved.md"), SETTINGS)
    assert page.record is None
    assert page.problem is not None
    assert "it is a link to a file that does not exist" in page.problem.message


def test_read_page_indexes_as_build_index_does(tmp_path: Path) -> None:
    texts = {
        "index.md": guide_page("Home"),
        "services/a.md": service_page("A"),
        "services/b.md": service_page("B").replace("2026-09-01", "1/9/26"),
        "broken.md": '---\ntitle: "Unclosed\n---\nBody.\n',
    }
    for src, text in texts.items():
        (tmp_path / src).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / src).write_text(text, encoding="utf-8")
    read = [read_page(src, f"{src}/", str(tmp_path / src), SETTINGS) for src in texts]
    index = build_index(
        [(src, f"{src}/", text, []) for src, text in texts.items()],
        SETTINGS.rules,
        today=SETTINGS.today,
        default_review=SETTINGS.default_review,
        known_requirements=None,
    )
    assert [page.src for page in read] == list(texts)
    assert {page.src: page.record for page in read} == index.pages
    assert any(index.findings())  # the bad date and the broken YAML are in both
