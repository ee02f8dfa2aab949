"""CI must be able to trust a result: the same content with the same SENDQA_TODAY gives the same
bytes in every report file and the same messages in the same order, whatever folder it is built
in and whatever Python's hash seed is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import build_in_process, make_project, service_page
from tests.site.test_hardening_site import bad_pages

OUTPUTS = (
    "qa-report/self-evaluation.json",
    "qa-report/self-evaluation.html",
    "qa-report/reviews.json",
    "qa-report/reviews.csv",
    "qa-report/self-evaluation.docx",
    "site/services.json",
    "site/pages.json",
)


def content() -> dict[str, str | bytes]:
    """Many pages and many kinds of finding: services, a feedback round, broken pages."""
    files = bad_pages()
    for n, area in enumerate(("local", "outside", "local")):
        files[f"services/service-{n}.md"] = service_page(
            f"Service {n}", min_age=n, max_age=18 + n, area=area, extra="covers: [health]\n"
        )
    files["feedback/2026.md"] = (
        "---\ntitle: You said, we did 2026\nsummary: Comments and what we did.\nowner: Team\n"
        "last_reviewed_on: 2026-09-01\ntype: you-said-we-did\npublished_on: 2025-07-15\n"
        "responses:\n  - you_said: Call me on 07700 900123\n    we_did: TBC\n---\n\nText.\n"
    )
    return files


def build(root: Path, seed: str) -> list[str]:
    """Build with ``mkdocs build`` in a fresh process; return sendqa's log lines in order."""
    make_project(root, content())  # type: ignore[arg-type]
    done = build_in_process(root, PYTHONHASHSEED=seed)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    # Where the report went is the one thing that names the folder.
    return [
        line.replace(str(root), "<project>")
        for line in done.stderr.splitlines()
        if "sendqa" in line
    ]


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], Path, list[str]]:
    """The same content built twice, in different folders with different hash seeds."""
    first = tmp_path_factory.mktemp("first")
    second = tmp_path_factory.mktemp("second-somewhere-else")
    return first, build(first, "0"), second, build(second, "4242")


@pytest.mark.parametrize("name", OUTPUTS)
def test_report_files_are_byte_identical(
    two_builds: tuple[Path, list[str], Path, list[str]], name: str
) -> None:
    first, _, second, _ = two_builds
    data = (first / name).read_bytes()
    assert len(data) > 100
    assert data == (second / name).read_bytes()


def test_messages_come_in_the_same_order(
    two_builds: tuple[Path, list[str], Path, list[str]],
) -> None:
    _, first_log, _, second_log = two_builds
    assert len(first_log) > 20
    assert first_log == second_log


def test_findings_are_sorted_by_file_and_line(
    two_builds: tuple[Path, list[str], Path, list[str]],
) -> None:
    first, *_ = two_builds
    report = json.loads((first / "qa-report/self-evaluation.json").read_text("utf-8"))
    keys = [(f["page"] or "", f["line"] or 0) for f in report["findings"]]
    assert len(keys) > 20
    assert keys == sorted(keys)


def test_nothing_private_is_published(
    two_builds: tuple[Path, list[str], Path, list[str]],
) -> None:
    """The QA report, review lists and caches stay beside mkdocs.yml, out of ``site/``."""
    first, *_ = two_builds
    published = {p.name for p in (first / "site").rglob("*")}
    for private in ("self-evaluation.json", "reviews.csv", "links.json", "opendata-ids.json"):
        assert private not in published
    assert (first / "qa-report" / "self-evaluation.json").is_file()
    assert not list((first / "site").rglob("*.tmp"))  # no half-written files left behind
