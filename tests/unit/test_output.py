"""Atomic writes: all or nothing, readable by others."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from sendqa_build import output
from sendqa_build.output import write_atomic


def test_writes_readable_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "report.json"
    write_atomic(path, "{}")
    assert path.read_text(encoding="utf-8") == "{}"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_failed_write_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.json"
    path.write_text("old", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
