"""Hooks of ``sendqa/report``: after every check has run, score the QA statements and write
the self-evaluation draft into the report folder (``qa-report/`` by default)."""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sendqa_build.core.scoring import (
    CHECK_LABELS,
    PageFacts,
    ScoringRules,
    Toolkit,
    assess,
    facts_from_index,
    parse_scoring_rules,
    parse_toolkit,
    services_by_requirement,
)
from sendqa_build.memory import return_free_memory
from sendqa_build.output import not_written, write_atomic
from sendqa_build.pagecache import code_fingerprint, digest, keep_copies, kept_copies
from sendqa_build.plugins.base import (
    CACHE_FOLDER,
    SendqaPlugin,
    built_site_index,
    council_setting,
    log,
    project_root,
    report_dir,
    rules_dir,
    sendqa_plugins,
)
from sendqa_build.plugins.browse.plugin import BrowsePlugin
from sendqa_build.plugins.report.config import ReportConfig
from sendqa_build.report import data, docx_file
from sendqa_build.report.html import render_html
from sendqa_build.rules import RulesError, load_rules_file
from sendqa_build.summaries import Summaries

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

BASENAME = "self-evaluation"
HISTORY_FILE = f"{BASENAME}-history.json"
DOCX = f"{BASENAME}.docx"
DOCX_NOTE = "report-docx.json"
"""In ``.sendqa-cache``: what the kept copy of the Word file was made from, and its hash."""
DOCX_COPY = "report-self-evaluation.docx"
"""In ``.sendqa-cache``: a copy of the last Word file made, written again when the report it
was made from is the same (python-docx is the longest step of the report)."""


class ReportPlugin(SendqaPlugin):
    """Gathers every check's summary and findings into the self-evaluation draft."""

    config_class = ReportConfig
    config: ReportConfig
    check = "report"

    def __init__(self) -> None:
        super().__init__()
        self.toolkit: Toolkit | None = None
        self.rules: ScoringRules | None = None
        self.written: list[Path] = []
        self._docx_made: str | None = None
        """What the Word file of this build was made from, when it was made (not copied)."""

    def on_config(self, config: MkDocsConfig) -> None:
        """Hook for the ``config`` event: load the statements and scoring rules."""
        self.start_build(config)
        self.written = []
        self._docx_made = None
        if not self.config.enabled:
            return
        folder = rules_dir(config)
        try:
            path = folder / "qa-statements.yml"
            self.toolkit = parse_toolkit(load_rules_file(path), path)
            path = folder / "scoring.yml"
            self.rules = parse_scoring_rules(load_rules_file(path), path)
        except RulesError as exc:
            raise PluginError(str(exc)) from exc

    @event_priority(-100)  # Last: every check has recorded its findings and summary.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Hook for the ``post_build`` event: score, render and write the report."""
        if not self.config.enabled or self.toolkit is None or self.rules is None:
            return
        folder = report_dir(config)
        # The Word file (python-docx and lxml) is the largest step of a small site's build:
        # start it from the memory that is in use, not from all the build ever used.
        return_free_memory()
        try:
            files = self._render(config, folder)
        except Exception as exc:  # a bug must not cost the council its site build
            log.debug("QA report failed", exc_info=True)
            log.warning(
                "the QA report could not be prepared (%s); the previous report in '%s' is kept",
                exc,
                folder,
            )
            return
        self._write(folder, files)
        self._keep_docx(config, folder)

    def _render(self, config: MkDocsConfig, folder: Path) -> dict[str, bytes | str]:
        """Every output file's content, prepared before anything is written."""
        if self.toolkit is None or self.rules is None:
            return {}
        summaries, ran = _summaries(config)
        index = built_site_index(config)
        pages: list[PageFacts] = facts_from_index(index) if index is not None else []
        history_text = _read(folder / HISTORY_FILE) if self.config.history else None
        builds = data.parse_history(history_text)
        known = data.parse_known_pages(history_text)
        previous = builds[-1] if builds else None
        services = _services(config, summaries)
        assessment = assess(
            self.toolkit,
            self.rules,
            summaries,
            pages,
            self.today,
            site_url=config.site_url,
            known_pages=known,
            services=services,
        )
        report = data.build_report(
            assessment,
            self.toolkit,
            today=self.today,
            findings=[f for p in sendqa_plugins(config) if p is not self for f in p.findings],
            site={
                "name": config.site_name,
                "council": council_setting(config, "name"),
                "url": config.site_url,
            },
            coverage=summaries.coverage.requirements if summaries.coverage else None,
            checks=ran,
            services=services,
        )
        changes = data.changes(previous, report)
        files: dict[str, bytes | str] = {}
        if "json" in self.config.formats:
            files[f"{BASENAME}.json"] = data.to_json(report)
        if "html" in self.config.formats:
            files[f"{BASENAME}.html"] = render_html(
                report,
                changes=changes,
                previous=previous,
                docs_prefix=self.docs_prefix,
            )
        if "docx" in self.config.formats:
            inputs = _docx_inputs(report, self.docs_prefix, changes, previous)
            kept = _kept_docx(config, inputs) if inputs is not None else None
            if kept is None:
                kept = docx_file(report, self.docs_prefix, changes, previous)
                self._docx_made = inputs
            files[DOCX] = kept
        if self.config.history:
            updated = data.next_history(builds, data.snapshot(report))
            seen = data.next_known_pages(known, pages, self.today)
            if updated != builds or seen != known:
                files[HISTORY_FILE] = data.history_json(updated, seen)
        return files

    def _keep_docx(self, config: MkDocsConfig, folder: Path) -> None:
        """Keep a copy of the Word file just made and written, for the next build."""
        if self._docx_made is None or folder / DOCX not in self.written:
            return
        cache = project_root(config) / CACHE_FOLDER
        keep_copies(cache / DOCX_NOTE, self._docx_made, [folder / DOCX], [cache / DOCX_COPY])

    def _write(self, folder: Path, files: dict[str, bytes | str]) -> None:
        """Write each file atomically; a failure keeps the previous version of that file."""
        failed: list[tuple[str, OSError]] = []
        for name, content in files.items():
            try:
                write_atomic(folder / name, content)
                self.written.append(folder / name)
            except OSError as exc:
                failed.append((name, exc))
        if failed:
            log.warning(
                "the QA report could not write %s in '%s'; the previous version is kept. "
                "Check the folder exists and can be written to (report_dir of sendqa/frontmatter)",
                not_written(folder, failed),
                folder,
            )
        if any(p.suffix == ".html" for p in self.written):
            log.info("QA report written to %s", folder / f"{BASENAME}.html")


def _summaries(config: MkDocsConfig) -> tuple[Summaries, dict[str, bool]]:
    """Every check's ``summary``, and which of the report's checks ran."""
    names = {id(plugin): name for name, plugin in config.plugins.items()}
    by_check: dict[str, object] = {}
    for plugin in sendqa_plugins(config):
        if not plugin.summary:
            continue
        name = names.get(id(plugin), "").removeprefix("sendqa/")
        for key in (name, plugin.check):
            if key:
                by_check.setdefault(key, plugin.summary)
    summaries = Summaries.gather(by_check)
    return summaries, {check: summaries.ran(check) for check in CHECK_LABELS}


def _services(config: MkDocsConfig, summaries: Summaries) -> dict[str, int]:
    """Services listed in the directory for each requirement that maps to a kind of service,
    from the browse check (empty when it did not run)."""
    plugin = config.plugins.get("sendqa/browse")
    if summaries.browse is None or not isinstance(plugin, BrowsePlugin) or plugin.rules is None:
        return {}
    return services_by_requirement(plugin.rules.covers, summaries.browse.groups.get("kind", {}))


def _docx_inputs(report: object, docs_prefix: str, changes: object, previous: object) -> str | None:
    """A hash of everything the Word file is made from: the report, the changes since the
    last build, sendqa's code and the versions of python-docx and lxml (None when the report
    holds something that is not JSON: then the file is always made)."""
    try:
        text = json.dumps([report, docs_prefix, changes, previous], ensure_ascii=False)
    except (TypeError, ValueError):
        return None
    versions = []
    for name in ("python-docx", "lxml"):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} -")
    return digest(code_fingerprint(), *versions, text)


def _kept_docx(config: MkDocsConfig, inputs: str) -> bytes | None:
    """The kept copy of the Word file when it was made from ``inputs``, else None."""
    cache = project_root(config) / CACHE_FOLDER
    copy = cache / DOCX_COPY
    if not kept_copies(cache / DOCX_NOTE, inputs, [copy]):
        return None
    try:
        return copy.read_bytes()
    except OSError:
        return None


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
