"""What every sendqa plugin shares: the serve flag, the reference date, recording findings.

Findings are logged through MkDocs' plugin logger (``mkdocs.plugins.sendqa``), so warnings count
towards ``mkdocs build --strict``, and kept on the plugin for the preview panel and QA report.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from sendqa_build.containment import lexically_inside
from sendqa_build.core.silence import apply_silences
from sendqa_build.models import Finding, Severity, sorted_findings
from sendqa_build.output import why_not_written
from sendqa_build.pagecache import PageCache
from sendqa_build.today import ReferenceDateError, reference_date

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mkdocs.config.defaults import MkDocsConfig

    from sendqa_build.core.site import PageRecord, SiteIndex, SiteRules

log = get_plugin_logger("sendqa")

_LEVELS = {Severity.WARNING: logging.WARNING, Severity.INFO: logging.INFO}


class SendqaConfig(base.Config):
    """Options every sendqa plugin has."""

    enabled = c.Type(bool, default=True)
    """Switch the plugin off without removing it, e.g. ``enabled: !ENV [SENDQA_CHECKS, true]``."""


class SendqaPlugin(BasePlugin[SendqaConfig]):
    """Base class: keeps this build's findings and logs each one once.

    Subclasses set ``config_class`` to their own config (a SendqaConfig subclass) and annotate
    ``config`` with it, as MkDocs' ``BasePlugin[...]`` cannot be given a type variable.
    """

    check = "sendqa"
    """Short name of the check, used in findings and the report."""

    context_marker: str | None = None
    """Text marking other pages ``check_pages`` must see besides the ones checked (``sendqa
    check`` reads and indexes those too), e.g. every "You said, we did" round."""

    summary: object = None
    """This build's summary for the QA report (``sendqa_build/summaries.py``), set by the end
    of ``on_post_build`` (default priority); None or empty when the check has none."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.check_only = False
        """Set by ``sendqa check`` before ``on_config``: load the rules, but create, lock and
        log nothing (no build follows; findings are only kept)."""
        self.is_serve = False
        self.docs_prefix = "content"
        self.today = dt.date(1970, 1, 1)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Hook for the ``startup`` event: remember whether this is ``mkdocs serve``."""
        self.is_serve = command == "serve"

    def start_build(self, config: MkDocsConfig) -> None:
        """Forget the last build's findings (``mkdocs serve`` rebuilds in the same process)."""
        self.findings = []
        self.docs_prefix = docs_prefix(config)
        self.today = today_or_error()
        self._build_config: MkDocsConfig | None = config

    def check_pages(self, index: SiteIndex, pages: Sequence[PageRecord]) -> list[Finding]:
        """This check's findings on ``pages`` from their front matter and Markdown, with the
        rules ``on_config`` loaded (``index``: every page read, for checks that compare pages).

        The one page-level check of the plugin: its build hooks call it on every page, and
        ``sendqa check`` on the pages being checked, so the two cannot disagree.
        """
        return []

    def check_html(self, record: PageRecord, html: str) -> list[Finding]:
        """This check's findings on one page's HTML as converted from its Markdown (in the
        build, in ``on_page_content``; in ``sendqa check``, converted with the same extensions).
        """
        return []

    def generated_pages(self) -> tuple[str, ...]:
        """Paths of the pages this plugin adds to the site (a folder ends with ``/``), so
        ``sendqa check``, which makes none, still knows links to them are fine."""
        return ()

    def record(self, findings: Iterable[Finding]) -> None:
        """Log each finding at its level (silenced ones at debug) and keep it.

        Findings an editor silenced with a ``sendqa-ignore`` comment on the page are marked
        ``silenced`` here, for every check (see ``core/silence.py``).
        """
        for finding in sorted_findings(self.silenced(findings)):
            self.findings.append(finding)
            if self.check_only:
                continue
            level = logging.DEBUG if finding.silenced else _LEVELS[finding.severity]
            log.log(level, finding.format(self.docs_prefix))

    def silenced(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings, with ``silenced=True`` where the page has a marker for them."""
        config = getattr(self, "_build_config", None)
        index = built_site_index(config) if config is not None else None
        if index is None:
            return list(findings)

        def source(src: str) -> tuple[str, int] | None:
            record = index.get(src)
            return (record.body, record.body_line) if record is not None else None

        return apply_silences(findings, source)


def docs_prefix(config: MkDocsConfig) -> str:
    """The docs folder as the editor sees it from the project root (usually ``content``)."""
    rel = os.path.relpath(config.docs_dir, project_root(config))
    return rel.replace(os.sep, "/") if not rel.startswith("..") else config.docs_dir


def today_or_error() -> dt.date:
    """The reference date, or a clear PluginError when SENDQA_TODAY is not a date."""
    try:
        return reference_date()
    except ReferenceDateError as exc:
        raise PluginError(str(exc)) from exc


# -- Shared settings: each is reached through one function below, never read by hand. --------

_NEEDS_FRONTMATTER = (
    "The sendqa checks need the 'sendqa/frontmatter' plugin; add it to 'plugins' in "
    "mkdocs.yml before the other sendqa plugins"
)


def frontmatter_plugin(config: MkDocsConfig) -> Any:
    """The ``sendqa/frontmatter`` plugin of this build (None when it is not in ``plugins``): it
    owns the settings every check shares (``rules_dir``, ``report_dir``) and the site index."""
    return config.plugins.get("sendqa/frontmatter")


def built_site_index(config: MkDocsConfig) -> SiteIndex | None:
    """The site index when ``sendqa/frontmatter`` has built it, else None (for code that can
    do without it, such as marking silenced findings)."""
    index: SiteIndex | None = getattr(frontmatter_plugin(config), "index", None)
    return index


def site_index(config: MkDocsConfig) -> SiteIndex:
    """The site index built by ``sendqa/frontmatter`` (which must come first in ``plugins``).

    Raises:
        PluginError: when the front matter plugin is missing from ``mkdocs.yml``.
    """
    index = built_site_index(config)
    if index is None:
        raise PluginError(_NEEDS_FRONTMATTER)
    return index


def site_rules(config: MkDocsConfig) -> SiteRules:
    """The page types and requirement catalogue ``sendqa/frontmatter`` loaded for this build,
    so other checks read the same rules without loading the files again.

    Raises:
        PluginError: when the front matter plugin is missing from ``mkdocs.yml``.
    """
    rules: SiteRules | None = getattr(frontmatter_plugin(config), "site_rules", None)
    if rules is None:
        raise PluginError(_NEEDS_FRONTMATTER)
    return rules


def council_settings(config: MkDocsConfig) -> object:
    """``extra.council`` of mkdocs.yml as written (None when not set), for the branding check,
    which says what is wrong with it; everything else reads it with ``council_setting``."""
    extra: object = config.extra
    return extra.get("council") if isinstance(extra, Mapping) else None


def council_setting(config: MkDocsConfig, *keys: str) -> str | None:
    """The first of ``extra.council.<key>`` in mkdocs.yml that is set (``name``, ``area``,
    ``logo``, ``feedback_email``...), as trimmed text; None when none is."""
    council = council_settings(config)
    if not isinstance(council, Mapping):
        return None
    for key in keys:
        value = council.get(key)
        text = str(value).strip() if value is not None else ""
        if text:
            return text
    return None


def sendqa_plugins(config: MkDocsConfig) -> list[SendqaPlugin]:
    """Every enabled sendqa plugin in this build, in ``plugins`` order (for the report)."""
    return [
        plugin
        for plugin in config.plugins.values()
        if isinstance(plugin, SendqaPlugin) and plugin.config.enabled
    ]


def rules_dir(config: MkDocsConfig) -> Path:
    """The rules folder (``rules_dir`` of sendqa/frontmatter, default ``checks`` beside
    mkdocs.yml), so every check reads the same ``checks/``."""
    plugin = frontmatter_plugin(config)
    if plugin is not None:
        return project_root(config) / plugin.config.rules_dir
    return project_root(config) / "checks"


MOVED_RULES_DIR = (
    "'{}' is no longer read here: every check reads the rules folder set by 'rules_dir' of "
    "'sendqa/frontmatter' (default 'checks'); set it there if yours is another folder, and "
    "remove it from this plugin"
)
"""What a council with the older ``rules_dir`` option of browse, links or plain-english reads
(MkDocs names the plugin and the option before it)."""


PATH_OPTIONS: dict[str, tuple[str, str]] = {
    "rules_dir": ("project", "checks"),
    "rules_file": ("project", "checks/feedback.yml"),
    "report_dir": ("project", "qa-report"),
    "cache_dir": ("project", ".sendqa-cache"),
    "services_file": ("site", "services.json"),
    "pages_file": ("site", "pages.json"),
    "jargon_buster": ("docs", "jargon-buster.md"),
}
"""Options of sendqa plugins that name a path: where it must stay, and an example."""

_PLACES = {
    "project": "the project folder (the one holding mkdocs.yml)",
    "site": "the built site",
    "docs": "the docs folder",
}


def check_configured_paths(config: MkDocsConfig) -> None:
    """Every path a sendqa plugin's options name must stay in the project (the site, for
    files published with it; the docs folder, for a generated page), so no setting writes
    or reads elsewhere by mistake (``report_dir: ../../etc``).

    Raises:
        PluginError: naming the option, its plugin and the value.
    """
    bases = {
        "project": project_root(config),
        "site": Path(config.site_dir),
        "docs": Path(config.docs_dir),
    }
    for name, plugin in config.plugins.items():
        if not isinstance(plugin, SendqaPlugin):
            continue
        for option, (place, example) in PATH_OPTIONS.items():
            value = plugin.config.get(option)
            if isinstance(value, str) and value and not lexically_inside(bases[place], value):
                raise PluginError(
                    f"'{option}' of '{name}' in mkdocs.yml is '{value}', which is outside "
                    f"{_PLACES[place]}; give a path inside it, such as '{example}'"
                )


def project_root(config: MkDocsConfig) -> Path:
    """The folder holding ``mkdocs.yml``: the project, whose files no content may reach out of."""
    return Path(config.config_file_path or "mkdocs.yml").resolve().parent


def output_folders(config: MkDocsConfig) -> list[Path]:
    """The folders sendqa writes outside the built site: the report folder, and the cache
    folders (``cache_dir`` of any plugin, ``.sendqa-cache`` by default)."""
    root = project_root(config)
    folders = [report_dir(config), root / CACHE_FOLDER]
    for plugin in config.plugins.values():
        cache = getattr(getattr(plugin, "config", None), "cache_dir", None)
        if isinstance(plugin, SendqaPlugin) and isinstance(cache, str):
            folders.append(root / cache)
    return list(dict.fromkeys(folders))


CACHE_FOLDER = ".sendqa-cache"
"""Beside mkdocs.yml: the build lock and each check's page results kept between builds."""


def kept_results(
    config: MkDocsConfig, check: str, fingerprint: str, kind: type[PageCache] = PageCache
) -> PageCache:
    """The page results ``check`` kept in the last build (``.sendqa-cache/<check>.json``),
    usable only if they were made with the same ``fingerprint`` (rules, options, code), as a
    ``kind`` of ``PageCache``."""
    path = project_root(config) / CACHE_FOLDER / f"{check}.json"
    return kind.load(path, fingerprint)


def keep_results(cache: PageCache, check: str) -> None:
    """Write this build's page results for the next build; if that fails, say so at info
    level: nothing is wrong with the site, the next build only takes longer."""
    try:
        cache.save()
    except OSError as exc:
        log.info(
            "the %s results of each page could not be kept in '%s' (%s), so the next build "
            "checks every page again; make '%s' beside mkdocs.yml a folder that can be written to",
            check,
            cache.path,
            why_not_written(cache.path, exc),
            CACHE_FOLDER,
        )


def report_dir(config: MkDocsConfig) -> Path:
    """The folder for the QA report and review lists (``report_dir`` of sendqa/frontmatter,
    relative to mkdocs.yml; default ``qa-report``)."""
    plugin = frontmatter_plugin(config)
    name = plugin.config.report_dir if plugin is not None else "qa-report"
    return (project_root(config) / name).resolve()
