"""One build of a project at a time.

Two builds of one project at once (a CI retry beside the first run, an editor's ``mkdocs serve``
rebuild beside ``mkdocs build``) write the same ``site/``, ``qa-report/`` and ``.sendqa-cache/``:
one cleans ``site/`` while the other writes and reads it, and a report can count the other
build's half-written files. So each build holds a lock on ``.sendqa-cache/build.lock`` beside
``mkdocs.yml`` from its ``config`` event to the end of its ``post_build`` event; a second build
says it is waiting, and for what, and starts once the first has finished.

The lock is the operating system's (``flock`` on Linux and macOS, ``msvcrt.locking`` on
Windows): it goes with the process that holds it, so a build that was killed never leaves a
stale lock behind. Where the system has neither, or the folder cannot be written, builds go on
without it, with a note saying so.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from sendqa_build.output import why_not_written

LOCK_FOLDER = ".sendqa-cache"
LOCK_NAME = "build.lock"
POLL_SECONDS = 0.1
"""How often a waiting build tries the lock again."""
REMIND_SECONDS = 60.0
"""How often a waiting build says it is still waiting."""

try:  # Linux, macOS
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    SUPPORTED = True
    LOCKS_READABLE = True
except ImportError:  # pragma: no cover - Windows
    try:
        import msvcrt

        def _try_lock(handle: IO[str]) -> bool:
            handle.seek(0)
            try:
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            except OSError:
                return False
            return True

        def _unlock(handle: IO[str]) -> None:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]

        SUPPORTED = True
        LOCKS_READABLE = False  # Windows refuses to read a locked byte
    except ImportError:
        SUPPORTED = False
        LOCKS_READABLE = False

_held: dict[Path, BuildLock] = {}
"""The locks this process holds, by file: a build that never reached its end in this process
(an exception nobody saw) must not make the next build of ``mkdocs serve`` wait for itself."""


class BuildLock:
    """The lock file of one project, held by this process while a build runs."""

    def __init__(self, path: Path, handle: IO[str] | None) -> None:
        self.path = path
        self._handle = handle

    @property
    def held(self) -> bool:
        """True while this process holds the lock (False when builds run without one)."""
        return self._handle is not None

    def release(self) -> None:
        """Let the next build start. Safe to call more than once."""
        handle, self._handle = self._handle, None
        if _held.get(self.path) is self:
            del _held[self.path]
        if handle is None:
            return
        with contextlib.suppress(OSError):  # closing the file releases it all the same
            _unlock(handle)
        handle.close()


def lock_path(project: Path) -> Path:
    """Where the lock of the project whose ``mkdocs.yml`` is in ``project`` lives."""
    return project / LOCK_FOLDER / LOCK_NAME


def acquire(
    project: Path,
    what: str,
    say: Callable[[str], None],
    *,
    poll: float = POLL_SECONDS,
    remind: float = REMIND_SECONDS,
) -> BuildLock:
    """Wait until no other build of ``project`` runs, then hold its lock.

    Args:
        project: the folder holding ``mkdocs.yml``.
        what: what this process is doing (``mkdocs build``), written into the lock file so a
            waiting build can say what it waits for.
        say: logs a message for the person running the build (what it waits for; why there
            is no lock).
        poll: seconds between tries.
        remind: seconds between "still waiting" messages.
    """
    path = lock_path(project)
    held = _held.get(path)
    if held is not None and held.held:
        return held  # this process's own build, which never reached its end
    if not SUPPORTED:
        say(
            "this system has no file locks, so two builds of this project at the same time "
            "are not kept apart; start one build only after the last has finished"
        )
        return BuildLock(path, None)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release()
    except OSError as exc:
        say(
            f"cannot create the build lock '{path}' ({why_not_written(path, exc)}), so two "
            "builds of this project at the same time are not kept apart; make the folder "
            "writable"
        )
        return BuildLock(path, None)
    try:
        if not _try_lock(handle):
            waited_since = time.monotonic()
            say(f"{_holder(handle)}; waiting for it to finish before this build starts")
            next_reminder = waited_since + remind
            while not _try_lock(handle):
                time.sleep(poll)
                now = time.monotonic()
                if now >= next_reminder:
                    say(f"still waiting ({now - waited_since:.0f} s) for {_holder(handle)}")
                    next_reminder = now + remind
        _describe(handle, what)
    except BaseException:
        handle.close()
        raise
    lock = BuildLock(path, handle)
    _held[path] = lock
    return lock


def _describe(handle: IO[str], what: str) -> None:
    """Write who holds the lock into its file, for a build that has to wait."""
    if not LOCKS_READABLE:
        return
    started = dt.datetime.now().astimezone().strftime("%H:%M:%S")
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(f"{what}\n{os.getpid()}\n{started}\n")
        handle.flush()
    except OSError:
        pass  # only the waiting message loses its details


def _holder(handle: IO[str]) -> str:
    """'another build of this project is running (mkdocs build, process 123, since 10:02:03)'."""
    text = ""
    if LOCKS_READABLE:
        try:
            handle.seek(0)
            text = handle.read(500)
        except OSError:
            text = ""
    lines = [line.strip() for line in text.splitlines()]
    if len(lines) >= 3 and lines[1].isdigit():
        what = "".join(ch for ch in lines[0] if ch.isprintable())[:60]
        since = "".join(ch for ch in lines[2] if ch.isprintable())[:20]
        return (
            f"another build of this project is running ({what}, process {lines[1]}, since {since})"
        )
    return "another build of this project is running"


def command_name() -> str:
    """What this process is, for the lock file: ``mkdocs build``, ``mkdocs serve`` ..."""
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path("python")
    name = script.parent.name if script.name == "__main__.py" else script.name  # python -m
    words = [name, *(arg for arg in sys.argv[1:2] if not arg.startswith("-"))]
    return " ".join(words)
