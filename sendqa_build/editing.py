"""Writing an editor's own page files back: same permissions, never outside the project.

``write_atomic`` (``output.py``) is for files the build makes; a page belongs to the editor, so
``sendqa reviewed`` keeps its mode (0640 stays 0640), leaves a read-only page alone, and writes
through a link only to a file inside the project.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


class EditRefused(Exception):
    """The file is left as it is; the message says why and what to do."""


def _absolute(path: Path) -> Path:
    """``path`` from the root, with ``..`` worked out but links not followed."""
    return Path(os.path.normpath(path.absolute()))


def project_root(path: Path) -> Path:
    """The folder holding mkdocs.yml nearest above ``path`` (as written, links not followed),
    else the current folder."""
    absolute = _absolute(path)
    for folder in absolute.parents:
        if (folder / "mkdocs.yml").is_file():
            return folder
    return Path.cwd()


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` (links followed) lies in ``folder`` (links followed)."""
    return path.resolve().is_relative_to(folder.resolve())


def edit_target(path: Path) -> Path:
    """The file to change for ``path``: itself, or what it links to when that is inside the
    project.

    Raises:
        EditRefused: for a link leading out of the project, or a read-only file.
    """
    target = path.resolve(strict=True)
    if target != _absolute(path):
        root = project_root(path)
        if not inside(target, root):
            raise EditRefused(
                f"{path}: it is a link to '{target}', outside this project ('{root}'), so it "
                "was left as it is; edit that file where it lives"
            )
    mode = target.stat().st_mode
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise EditRefused(
            f"{path}: the file is read-only, so it was left as it is; if it should change, "
            f"make it writable first (chmod u+w '{path}')"
        )
    if not os.access(target, os.W_OK):
        raise EditRefused(
            f"{path}: you do not have permission to change the file, so it was left as it is; "
            "ask whoever manages the computer"
        )
    return target


def replace_file(target: Path, data: bytes) -> None:
    """Replace ``target`` whole (a temporary file beside it, then a rename), with its mode,
    so a crash leaves the old page or the new one, never half of one."""
    info = target.stat()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), stat.S_IMODE(info.st_mode))
            with contextlib.suppress(OSError):  # only the owner's group may be given
                os.fchown(handle.fileno(), info.st_uid, info.st_gid)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
