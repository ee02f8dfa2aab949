"""Writing output files safely: never half a file, never outside where we were told."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

_SHARED_MODE = 0o644
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
"""The name ``write_atomic`` gives its temporary file: ``.reviews.csv.k3j9x_2a.tmp``."""


def write_atomic(path: Path, data: bytes | str | Iterable[bytes | str]) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename.

    A crash or a full disk mid-write leaves the previous file untouched. ``data`` may be text
    in parts, written as they come, so a large file need not be held whole.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    parts: Iterable[bytes | str] = [data] if isinstance(data, (bytes, str)) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes owner-only files; reports and feeds are meant to be shared and served.
        os.fchmod(fd, _SHARED_MODE)
        with os.fdopen(fd, "wb") as handle:
            for part in parts:
                handle.write(part.encode("utf-8") if isinstance(part, str) else part)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def copy_atomic(source: Path, path: Path) -> None:
    """Copy the file ``source`` to ``path`` as ``write_atomic`` writes it, a part at a time."""
    with source.open("rb") as original:
        write_atomic(path, iter(functools.partial(original.read, 1 << 20), b""))


def file_hash(path: Path) -> str:
    """The SHA-256 of the file's bytes, read a part at a time.

    Raises:
        OSError: when the file cannot be read.
    """
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def remove_stray_temporary_files(folders: Iterable[Path]) -> list[Path]:
    """Delete the temporary files ``write_atomic`` left in ``folders`` (not in their
    subfolders) when a build was killed mid-write; give the ones deleted.

    Call it only while holding the build lock (``buildlock.py``): then no other build is
    writing there, and every such file is a stray.
    """
    removed: list[Path] = []
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # no such folder yet, or not a folder
        for entry in entries:
            if _TEMPORARY.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                path = Path(entry.path)
                try:
                    path.unlink()
                except OSError:
                    continue
                removed.append(path)
    return removed


def why_not_written(path: Path, error: OSError) -> str:
    """Why ``path`` could not be written, in words for the person running the build:
    ``'qa-report' is a file, not a folder`` rather than "File exists"."""
    for folder in path.parents:
        if folder.exists():
            if not folder.is_dir():
                return f"'{folder.name}' is a file, not a folder"
            break
    return error.strerror or str(error)


def not_written(folder: Path, failures: list[tuple[str, OSError]]) -> str:
    """The files of ``folder`` that could not be written and why, each reason said once:
    ``'reviews.json', 'reviews.csv' ('qa-report' is a file, not a folder)``."""
    by_reason: dict[str, list[str]] = {}
    for name, error in failures:
        by_reason.setdefault(why_not_written(folder / name, error), []).append(f"'{name}'")
    return " and ".join(f"{', '.join(names)} ({reason})" for reason, names in by_reason.items())
