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


def test_a_copy_is_written_as_write_atomic_writes_and_hashed_as_it_is(tmp_path: Path) -> None:
    import hashlib

    from sendqa_build.output import copy_atomic, file_hash

    source = tmp_path / "kept.json"
    content = b"\xc3\xa9" * 700_000  # larger than one part of the copy
    source.write_bytes(content)
    path = tmp_path / "site" / "services.json"
    copy_atomic(source, path)
    assert path.read_bytes() == content
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [p.name for p in path.parent.iterdir()] == ["services.json"]
    assert file_hash(path) == hashlib.sha256(content).hexdigest()
    with pytest.raises(OSError):
        copy_atomic(tmp_path / "missing.json", path)
    assert path.read_bytes() == content
    assert [p.name for p in path.parent.iterdir()] == ["services.json"]
