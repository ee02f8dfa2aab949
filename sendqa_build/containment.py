"""Content never reaches outside the project.

A symbolic link in ``content/`` to ``/proc/self/environ`` would publish the build's environment
(a CI job's secrets) as a file of the site; one to ``/etc/passwd`` named ``.md`` would be built
as a page and quoted in the QA report; one read through ``--8<--`` would get round the snippets
extension's ``restrict_base_path``, which compares paths without following links. So every file
MkDocs would read or copy from the docs folder, and every snippet, must lie, links followed, in
the project folder (the one holding ``mkdocs.yml``) or the docs folder; those that do not are
left out and reported, naming the file in ``content/`` but never where it points.

Links that stay inside the project (a page linked from another folder of the repository) work
as before. A path an option in ``mkdocs.yml`` names (``report_dir``, ``cache_dir``,
``extra.council.logo`` ...) is checked by its words, without following links, since the web
team, not an editor, chose it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from markdown.extensions import Extension

from sendqa_build.models import Finding, Severity

CHECK = "safety"


def resolved(path: str | Path) -> Path | None:
    """``path`` with every link followed, or None when that cannot be known (a loop)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return None


def inside(path: str | Path, roots: Iterable[Path]) -> bool:
    """True when ``path``, links followed, is in one of ``roots`` (resolved folders)."""
    return _within(resolved(path), roots)


def _within(real: Path | None, roots: Iterable[Path]) -> bool:
    # By the words of the resolved paths: both are absolute with no '..' or links left, and
    # building ``real.parents`` for every file of a site cost more than resolving it.
    if real is None:
        return False
    text = str(real)
    return any(
        text == str(root) or text.startswith(str(root).rstrip(os.sep) + os.sep) for root in roots
    )


class _Resolver:
    """``resolved`` for many files: each folder is resolved once, then a file that is not
    itself a link is that folder and its name (a site's pages share a few folders, and
    resolving follows every part of a path: a 1,000-page site's files cost about 0.1 s)."""

    def __init__(self) -> None:
        self._folders: dict[str, Path | None] = {}

    def __call__(self, path: str) -> Path | None:
        folder, name = os.path.split(path)
        if folder not in self._folders:
            self._folders[folder] = resolved(folder)
        real = self._folders[folder]
        if real is None or not name or name in (".", "..") or Path(path).is_symlink():
            return resolved(path)
        return real / name


def allowed_roots(project: Path, docs_dir: str | Path) -> list[Path]:
    """Where content may come from: the project folder and the docs folder (which a council
    may keep elsewhere on purpose), links followed."""
    roots = [resolved(project), resolved(docs_dir)]
    return list(dict.fromkeys(root for root in roots if root is not None))


def outside_files(
    files: Iterable[tuple[str, str]],
    docs_dir: str | Path,
    roots: Sequence[Path],
    *,
    by_folder: bool = True,
) -> tuple[set[str], list[Finding]]:
    """Of ``(path under the docs folder, full path)`` pairs, the ones whose file lies outside
    ``roots``, and one finding for each such file, or (``by_folder``) for each linked folder
    holding them.
    """
    refused: set[str] = set()
    findings: dict[str, Finding] = {}
    real = _Resolver()
    for src, full in files:
        if _within(real(full), roots):
            continue
        refused.add(src)
        folder = _linked_folder(src, Path(docs_dir)) if by_folder else None
        where = folder or src
        if where in findings:
            continue
        what = "folder is a link to a folder" if folder else "file leads to a file"
        left = "its files are" if folder else "it is"
        findings[where] = Finding(
            CHECK,
            where,
            None,
            Severity.WARNING,
            f"the {what} outside the project folder, so {left} left out of the site",
            "copy what is needed into the project, or remove the link",
        )
    return refused, [findings[key] for key in sorted(findings)]


def _linked_folder(src: str, docs_dir: Path) -> str | None:
    """The first folder of ``src`` (under the docs folder) that is a symbolic link, if any."""
    parts = src.split("/")[:-1]
    for depth in range(1, len(parts) + 1):
        if (docs_dir.joinpath(*parts[:depth])).is_symlink():
            return "/".join(parts[:depth])
    return None


def lexically_inside(base: str | Path, value: str) -> bool:
    """True when ``value``, read as a path relative to ``base``, stays in ``base`` by its words
    (``..`` and absolute paths counted, links not followed)."""
    # Lexical on purpose (normpath, not resolve): links in the web team's own folders count.
    base_path = os.path.normpath(Path.cwd() / base)
    full = os.path.normpath(Path(base_path) / value)
    return full == base_path or full.startswith(base_path.rstrip(os.sep) + os.sep)


class ContainedSnippets(Extension):
    """Markdown extension: ``--8<--`` includes only files inside ``roots`` (and, with
    ``restrict_base_path``, inside the snippets' ``base_path``), links followed; any other
    include is replaced by nothing and noted in ``refused`` for the plugin to report.

    Added after ``pymdownx.snippets`` (which checks ``base_path`` without following links); it
    does nothing where that extension is not used.
    """

    def __init__(self, roots: Sequence[Path] = ()) -> None:
        super().__init__()
        self._roots = list(roots)
        self._bases: dict[tuple[str, ...], list[Path]] = {}
        """The snippets' base paths, links followed, by their setting: MkDocs makes a Markdown
        converter for every page, and resolving the same folders again each time cost
        about 0.1 s on a 1,000-page site. Forgotten when ``roots`` is set (each build)."""
        self.refused: list[str] = []
        """Snippet paths, as written on the page, left out since the last ``take_refused()``."""

    @property
    def roots(self) -> list[Path]:
        """The folders (resolved) content may come from."""
        return self._roots

    @roots.setter
    def roots(self, roots: Sequence[Path]) -> None:
        self._roots, self._bases = list(roots), {}

    def take_refused(self) -> list[str]:
        """The snippets refused since the last call (for one page)."""
        refused, self.refused = self.refused, []
        return refused

    def extendMarkdown(self, md: Any) -> None:
        """Join ``md``: guard its snippets preprocessor's way of finding a file."""
        if "snippet" not in md.preprocessors:
            return
        snippets = md.preprocessors["snippet"]
        find: Callable[[str], str | None] | None = getattr(snippets, "get_snippet_path", None)
        if find is None:
            return
        setting = tuple(str(base) for base in getattr(snippets, "base_path", []))
        if setting not in self._bases:
            found = (resolved(base) for base in setting)
            self._bases[setting] = [base for base in found if base is not None]
        bases = self._bases[setting]
        restrict = bool(getattr(snippets, "restrict_base_path", True))

        def contained(path: str) -> str | None:
            found = find(path)
            if found is None:
                return found
            if inside(found, self.roots) and (not restrict or inside(found, bases)):
                return found
            self.refused.append(path)
            return os.devnull  # included as nothing, whether or not 'check_paths' is set

        snippets.get_snippet_path = contained


def snippet_findings(
    src: str, refused: Iterable[str], lines: Iterable[tuple[int, str]]
) -> list[Finding]:
    """One finding for each snippet of page ``src`` that was left out, at the first line that
    names it."""
    numbered = list(lines)
    findings = []
    for path in dict.fromkeys(refused):
        line = next((number for number, text in numbered if path in text), None)
        findings.append(
            Finding(
                CHECK,
                src,
                line,
                Severity.WARNING,
                f"the snippet '{path}' leads outside the folder snippets are taken from (a link "
                "to a file elsewhere), so it is left out of the page",
                "copy the file into the docs folder, or remove the '--8<--' line",
            )
        )
    return findings
