"""``sendqa check``: the page-level checks of the configured plugins, without a build.

Fast enough for a pre-commit hook, and it writes nothing. mkdocs.yml is read with MkDocs' own
loader, which makes the configured plugins with their options; each enabled sendqa plugin runs
its ``on_config`` in check mode (``check_only``: the rules load, nothing is locked, created or
logged), ``sendqa/frontmatter`` indexes the pages being checked (its ``on_files``, as in the
build), and then every plugin's ``check_pages`` and ``check_html`` run on them: the same
functions the build's hooks call. Nothing is rendered into a site.

Only the given pages are read, plus the pages a check must see besides (a plugin's
``context_marker`` text: every "You said, we did" round, to know which is the newest). Checks
of the whole site (a requirement no page covers, external links) need every page and stay with
``mkdocs build``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendqa_build.containment import allowed_roots, outside_files
from sendqa_build.core.coverage import Match
from sendqa_build.core.silence import apply_silences
from sendqa_build.core.site import SiteIndex
from sendqa_build.models import Finding, Severity, sorted_findings
from sendqa_build.plugins.base import SendqaPlugin, frontmatter_plugin, rules_dir

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File

    from sendqa_build.plugins.frontmatter.plugin import FrontMatterPlugin


class CheckRunError(Exception):
    """The project cannot be checked (no mkdocs.yml, a broken rule file); one line to show."""


@dataclass
class Project:
    """mkdocs.yml as the build reads it, with its sendqa plugins ready to check pages."""

    config: MkDocsConfig
    root: Path
    """The folder holding mkdocs.yml."""
    docs_dir: Path
    today: dt.date
    plugins: dict[str, SendqaPlugin]
    """The enabled sendqa plugins by name, in ``plugins`` order, their rules loaded."""

    @property
    def rules_dir(self) -> Path:
        """The rules folder every check reads (``checks/``)."""
        return rules_dir(self.config)

    @property
    def front_matter(self) -> FrontMatterPlugin:
        """``sendqa/frontmatter``, which reads and indexes the pages."""
        plugin: FrontMatterPlugin = frontmatter_plugin(self.config)
        return plugin


def load_project(config_file: Path, rules: Path | None, today: dt.date) -> Project:
    """Read mkdocs.yml with MkDocs' own loader and run each enabled sendqa plugin's
    ``on_config`` in check mode (``rules``: another rules folder than the configured one).

    Raises:
        CheckRunError: when mkdocs.yml is missing or invalid, or a rule file is broken.
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError, PluginError

    if not config_file.is_file():
        raise CheckRunError(
            f"no '{config_file}' here; run sendqa in the folder that holds mkdocs.yml, "
            "or give --config-file"
        )
    try:
        config = load_config(config_file=str(config_file))
    except ConfigurationError as exc:
        message = " ".join(str(exc).split()) or "it is not valid"
        raise CheckRunError(f"cannot read '{config_file}': {message}") from exc
    plugins = {
        name: _own_copy(plugin)
        for name, plugin in config.plugins.items()
        if isinstance(plugin, SendqaPlugin) and plugin.config.enabled
    }
    for name, plugin in plugins.items():
        # dict's own: PluginCollection's would register the copy's hooks, which never run here.
        dict.__setitem__(config.plugins, name, plugin)
    if "sendqa/frontmatter" not in plugins:
        raise CheckRunError(
            "The sendqa checks need the 'sendqa/frontmatter' plugin; add it to 'plugins' in "
            "mkdocs.yml before the other sendqa plugins"
        )
    if rules is not None:  # --rules: what every check reads, as rules_dir(config)
        frontmatter_plugin(config).config["rules_dir"] = str(rules)
    try:
        for plugin in plugins.values():
            plugin.check_only = True
            plugin.on_config(config)
            plugin.today = today  # the caller's reference date (SENDQA_TODAY for the CLI)
    except PluginError as exc:
        raise CheckRunError(" ".join(str(exc).split())) from exc
    root = config_file.resolve().parent
    return Project(config, root, Path(config.docs_dir), today, plugins)


def _own_copy(plugin: SendqaPlugin) -> SendqaPlugin:
    """A new instance of the plugin with its options: MkDocs keeps one instance of each plugin
    per process (for ``mkdocs serve``), which a build in the same process (a test, the
    judgement run) also uses, so check mode must not change that one."""
    copy = type(plugin)()
    copy.config = plugin.config.__copy__()
    return copy


def select_pages(project: Project, paths: Sequence[Path], pages: Sequence[str]) -> list[str]:
    """The pages to check: every page under the given files and folders (all when none).

    Raises:
        CheckRunError: for a path that is not a page of this site.
    """
    if not paths:
        return sorted(pages)
    docs = project.docs_dir.resolve()
    chosen: set[str] = set()
    for path in paths:
        full = path.resolve()
        if not full.exists():
            raise CheckRunError(f"{path}: no such file or folder")
        try:
            # By its words first: a page that is a link elsewhere is still a page of the site
            # (reported as leading outside the project, never read).
            lexical = Path(os.path.normpath(Path.cwd() / path))
            rel = lexical.relative_to(os.path.normpath(project.docs_dir)).as_posix()
        except ValueError:
            rel = ""
        try:
            rel = rel or full.relative_to(docs).as_posix()
        except ValueError:
            raise CheckRunError(
                f"{path}: not in the docs folder '{_shown(project.docs_dir)}'; "
                "sendqa checks the site's pages only"
            ) from None
        if full.is_dir():
            prefix = "" if rel == "." else rel + "/"
            chosen.update(src for src in pages if src.startswith(prefix))
        elif rel in pages:
            chosen.add(rel)
        elif full.suffix.lower() != ".md":
            raise CheckRunError(f"{path}: not a Markdown page (.md)")
        else:
            raise CheckRunError(f"{path}: left out of the site by 'exclude_docs' in mkdocs.yml")
    return sorted(chosen)


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


@dataclass
class Pages:
    """The pages being checked, indexed by ``sendqa/frontmatter`` (with any context pages)."""

    selected: list[str]
    index: SiteIndex
    files: list[File]
    """Every file of the site as MkDocs lists it (for links to them)."""


def read_pages(project: Project, paths: Sequence[Path]) -> Pages:
    """Index the pages under ``paths`` (every page when empty) and the pages holding any
    plugin's ``context_marker`` text, with ``sendqa/frontmatter``'s own ``on_files``.

    Raises:
        CheckRunError: for a bad path or a page that cannot be read.
    """
    from mkdocs.structure.files import Files, get_files

    config = project.config
    every = get_files(config)
    pages = {file.src_uri: file for file in every.documentation_pages()}
    selected = select_pages(project, paths, list(pages))
    wanted = set(selected)
    contexts = [p.context_marker for p in project.plugins.values() if p.context_marker]
    keep = set(wanted)
    if contexts:
        # Pages that lead outside the project are never read (as in the build).
        refused, _ = outside_files(
            ((src, str(file.abs_src_path)) for src, file in pages.items() if src not in wanted),
            project.docs_dir,
            allowed_roots(project.root, project.docs_dir),
            by_folder=False,
        )
        for src, file in pages.items():
            if src in wanted or src in refused:
                continue
            try:
                text = Path(str(file.abs_src_path)).read_bytes()
            except OSError:
                continue  # the build reports it
            if any(marker.encode() in text for marker in contexts):
                keep.add(src)
    front = project.front_matter
    front.findings = []
    front.on_files(Files([pages[src] for src in sorted(keep)]), config=config)
    index = front.index
    if index is None:  # pragma: no cover - on_files always indexes when enabled
        raise CheckRunError("the pages could not be indexed")
    return Pages(selected, index, list(every))


@dataclass
class CheckReport:
    """What ``sendqa check`` found."""

    pages: list[str]
    findings: list[Finding]
    """Every finding on the checked pages, silenced ones included, in the standard order."""
    docs_prefix: str

    @property
    def shown(self) -> list[Finding]:
        """Findings to print (silenced ones are left out)."""
        return [f for f in self.findings if not f.silenced]

    @property
    def warnings(self) -> int:
        """Findings that would fail ``mkdocs build --strict``."""
        return sum(1 for f in self.shown if f.severity is Severity.WARNING)

    def lines(self, *, notes: bool = True) -> list[str]:
        """``path:line: message; fix`` for each finding (notes marked as such)."""
        result = []
        for finding in self.shown:
            if finding.severity is Severity.WARNING:
                result.append(finding.format(self.docs_prefix))
            elif notes:
                where = finding.location(self.docs_prefix)
                result.append(f"{where}: note: {finding.text}")
        return result


def run_checks(project: Project, paths: Sequence[Path]) -> CheckReport:
    """Check the pages under ``paths`` (every page when empty) with every enabled plugin's
    ``check_pages`` and ``check_html``.

    Raises:
        CheckRunError: for a bad path or a page that cannot be read.
    """
    read = read_pages(project, paths)
    index, wanted = read.index, set(read.selected)
    plugins = list(project.plugins.values())
    links: Any = project.plugins.get("sendqa/links")
    if links is not None:
        generated = [path for plugin in plugins for path in plugin.generated_pages()]
        links.set_files((file.src_uri for file in read.files), generated)
    front = project.front_matter
    # Found while the pages were read: a file leading outside the project, front matter.
    findings = list(front.findings)
    records = [index.pages[src] for src in read.selected if src in index.pages]
    for plugin in plugins:
        findings.extend(plugin.check_pages(index, records))
    for record in records:
        html, converting = front.convert(record)
        findings.extend(converting)
        for plugin in plugins:
            findings.extend(plugin.check_html(record, html))

    def source(src: str) -> tuple[str, int] | None:
        record = index.get(src)
        return (record.body, record.body_line) if record is not None else None

    kept = [f for f in findings if f.page in wanted]
    shown = sorted_findings(set(apply_silences(kept, source)))
    return CheckReport(read.selected, shown, shown_prefix(project))


def coverage_evidence(project: Project, paths: Sequence[Path]) -> list[tuple[str, Match]]:
    """For ``sendqa check --explain``: on the pages under ``paths``, each requirement they
    cover (``covers``) with the heading or sentence that counts for each of its items, so an
    editor sees what counted (and a wrong match shows).

    Raises:
        CheckRunError: for a bad path.
    """
    plugin: Any = project.plugins.get("sendqa/coverage")
    if plugin is None:
        return []
    read = read_pages(project, paths)
    records = [read.index.pages[src] for src in read.selected if src in read.index.pages]
    result = plugin.coverage(records, Severity.INFO)
    found = [(row.requirement.id, m) for row in result.matrix for m in row.matches]
    return sorted(found, key=lambda pair: (pair[1].page, pair[1].line, pair[0]))


def shown_prefix(project: Project) -> str:
    """The docs folder as the editor typed it from here (``content``)."""
    rel = os.path.relpath(project.docs_dir)
    return rel.replace(os.sep, "/") if not rel.startswith("..") else str(project.docs_dir)
