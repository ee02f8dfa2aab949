"""The sendqa command line: each command, its errors in one line, and its exit status."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sendqa_build.cli import main
from tests.conftest import ROOT

RULES = str(ROOT / "checks")


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDQA_TODAY", "2026-12-01")


def test_new_writes_a_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "services" / "portage-home-visiting.md"
    assert main(["--rules", RULES, "new", "service", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    assert "title: Portage home visiting" in text
    assert "last_reviewed_on: 2026-12-01" in text
    assert "new service page written" in capsys.readouterr().out


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "x.md"
    target.write_text("keep me", encoding="utf-8")
    assert main(["--rules", RULES, "new", "guide", str(target)]) == 2
    assert target.read_text(encoding="utf-8") == "keep me"
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err


def test_reviewed_changes_one_line(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    before = '---\ntitle: "A"  # note\nlast_reviewed_on: 2025-01-31\nowner: X\n---\nBody\n'
    page.write_text(before, encoding="utf-8")
    assert main(["--rules", RULES, "reviewed", str(page)]) == 0
    after = page.read_text(encoding="utf-8")
    diff = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert diff == [("last_reviewed_on: 2025-01-31", "last_reviewed_on: 2026-12-01")]


def test_reviewed_by_records_the_reviewer(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text("---\ntitle: A\nlast_reviewed_on: 2025-01-31\n---\n", encoding="utf-8")
    assert main(["--rules", RULES, "reviewed", str(page), "--by", "Sam Patel"]) == 0
    assert "reviewed_by: Sam Patel\n" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "cannot read the file"),
        (b"no front matter\n", "has no front matter"),
        (b"---\ntitle: caf\xe9\n---\n", "not saved as UTF-8"),
    ],
)
def test_reviewed_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, expected: str
) -> None:
    page = tmp_path / "p.md"
    if content is not None:
        page.write_bytes(content)
    assert main(["--rules", RULES, "reviewed", str(page)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sendqa: ") and err.count("\n") == 1 and expected in err


def test_bad_reference_date_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SENDQA_TODAY", "31/02/2026")
    assert main(["--rules", RULES, "new", "guide", str(tmp_path / "g.md")]) == 2
    assert "SENDQA_TODAY is set to '31/02/2026'" in capsys.readouterr().err


def test_installed_command_has_help() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "sendqa_build.cli", "reviewed", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "--by NAME" in out
