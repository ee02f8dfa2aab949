"""The Word file outside Word: LibreOffice (Debian's package, headless) converts a real build's
``self-evaluation.docx`` to PDF, and every statement, score and action must be in its text;
page 1 is written as a picture beside the browser tests' screenshots, for a person to look at.

LibreOffice and poppler-utils come from ``tools/install-office.sh`` (``make test`` runs it);
where they cannot be installed the test is skipped with the reason.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_project, run_build
from tests.site.test_report_site import PLUGINS, good_site, partial_site

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
SCORE_WORDS = {1: "Not met", 2: "Partially met", 3: "Fully met"}


def _tools() -> dict[str, str]:
    found = {name: shutil.which(name) for name in ("soffice", "pdftotext", "pdftoppm")}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        pytest.skip(
            f"{', '.join(missing)} not installed (tools/install-office.sh could not install "
            "LibreOffice Writer and poppler-utils)"
        )
    return {name: str(path) for name, path in found.items()}


def _plain(text: str) -> str:
    return " ".join(text.split())


def test_the_word_file_converts_with_libreoffice_and_keeps_every_statement_score_and_action(
    tmp_path: Path, today: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = _tools()
    monkeypatch.setenv("SENDQA_EXTERNAL_LINKS", "false")
    root = make_project(tmp_path / "project", good_site(), plugins=PLUGINS)
    run_build(root)  # the previous build, so the summary shows changes
    shutil.rmtree(root / "content")
    for rel, text in partial_site().items():
        (root / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / rel).write_text(text, encoding="utf-8")
    assert run_build(root).aborted is None
    report: dict[str, Any] = json.loads(
        (root / "qa-report" / "self-evaluation.json").read_text("utf-8")
    )
    out = tmp_path / "pdf"
    done = subprocess.run(
        [
            tools["soffice"],
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(root / "qa-report" / "self-evaluation.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    pdf = out / "self-evaluation.pdf"
    assert pdf.exists(), done.stdout + done.stderr

    def pdf_text(*options: str) -> str:
        return subprocess.run(
            [tools["pdftotext"], *options, str(pdf), "-"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout

    text = _plain(pdf_text())
    rows = pdf_text("-layout").splitlines()  # the summary table's rows, a line each at first
    assert report["actions"], "the partial site has actions to check"
    for statement in report["statements"]:
        assert _plain(f"{statement['id']} {statement['text']}") in text, statement["id"]
        if statement["auto"] and statement["score"]:
            # The summary table's row: the number, the statement, its score and its change.
            score = f"{statement['score']}: {SCORE_WORDS[statement['score']]}"
            pattern = re.compile(rf"^\s*{re.escape(statement['id'])}\s.*\s{score}\s")
            assert any(pattern.search(row) for row in rows), statement["id"]
    assert "down from 3" in text
    for action in report["actions"]:
        assert _plain(action["action"]) in text, action["action"]
        assert action["responsibility"] in text
    for gap in report["statutory_gaps"]:
        assert _plain(gap["title"]) in text
    # Page 1, as a picture, for a person to look at.
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    prefix = tmp_path / "page"
    subprocess.run(
        [tools["pdftoppm"], "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(prefix)],
        capture_output=True,
        timeout=60,
        check=True,
    )
    first = next(tmp_path.glob("page*.png"))
    shutil.copyfile(first, SCREENSHOTS / "report-word-page-1.png")
    assert (SCREENSHOTS / "report-word-page-1.png").stat().st_size > 10_000
