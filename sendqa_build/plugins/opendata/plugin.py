"""Hooks of ``sendqa/opendata``: make the records once the site index exists, check their ids
against the last build, and write the files into the built site."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError

from sendqa_build.core.opendata import (
    Feed,
    FeedContext,
    IdMap,
    compare_ids,
    feeds_inputs,
    namespace_for,
    pages_json,
    service_records,
    services_json_parts,
)
from sendqa_build.core.opendata import build_feed as make_feed
from sendqa_build.output import copy_atomic, why_not_written, write_atomic
from sendqa_build.pagecache import code_fingerprint, digest, keep_copies, kept_copies
from sendqa_build.plugins.base import (
    SendqaPlugin,
    council_setting,
    log,
    site_index,
    site_rules,
)
from sendqa_build.plugins.opendata.config import OpenDataConfig

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from sendqa_build.core.site import SiteIndex

ID_MAP_FILE = "opendata-ids.json"
FEEDS_FILE = "opendata-feeds.json"
"""In ``cache_dir``: what the last feeds were made from and a hash of each copy kept there."""
KEPT_COPIES = ("opendata-services.json", "opendata-pages.json")
"""In ``cache_dir``: copies of the last build's ``services.json`` and ``pages.json``."""


def write_feeds(
    index: SiteIndex, context: FeedContext, feed: Feed, services: Path, pages: Path
) -> None:
    """Write ``services.json`` (each record made as it is written) and ``pages.json``."""
    records = service_records(index, context, feed)
    write_atomic(services, services_json_parts(records, len(feed.ids)))
    write_atomic(pages, pages_json(index, context))


class OpenDataPlugin(SendqaPlugin):
    """Publishes ``services.json`` (ORUK 3.0) and ``pages.json`` with the site."""

    config_class = OpenDataConfig
    config: OpenDataConfig
    check = "opendata"

    def __init__(self) -> None:
        super().__init__()
        self.feed: Feed | None = None
        self.index: SiteIndex | None = None
        self.context: FeedContext | None = None
        self.ids: IdMap | None = None
        self.summary: dict[str, Any] = {}

    def on_config(self, config: MkDocsConfig) -> None:
        """Hook for the ``config`` event: work out the id namespace and requirement titles."""
        self.start_build(config)
        self.feed = None
        self.index = None
        self.ids = None
        self.summary = {}
        if not self.config.enabled:
            return
        namespace = self.config.id_namespace or config.site_url or config.site_name
        self.context = FeedContext(
            namespace=namespace_for(namespace),
            site_name=config.site_name,
            site_url=config.site_url or None,
            area=council_setting(config, "area"),
            requirement_titles=self._requirement_titles(config),
        )

    def _requirement_titles(self, config: MkDocsConfig) -> dict[str, str]:
        catalogue = site_rules(config).catalogue
        return {r.id: r.title for r in catalogue.requirements}

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> None:
        """Hook for the ``files`` event: make every record and compare ids with the last build."""
        if not self.config.enabled or self.context is None:
            return
        self.index = site_index(config)
        self.feed = make_feed(self.index, self.context, records=False)  # records: on_post_build
        current = IdMap(str(self.context.namespace), self.feed.ids)
        previous = self._previous_ids(config)
        self.ids = current.after(previous)
        self.record([*self.feed.findings, *compare_ids(previous, current, self.index)])

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Hook for the ``post_build`` event: write the feeds into the site and keep the ids."""
        if not self.config.enabled or self.feed is None or self.context is None:
            return
        if self.index is None:
            return
        total = len(self.feed.ids)
        site = Path(config.site_dir)
        written = (site / self.config.services_file, site / self.config.pages_file)
        folder = self._cache_path(config).parent
        copies = tuple(folder / name for name in KEPT_COPIES)
        inputs = digest(code_fingerprint(), feeds_inputs(self.index, self.context, self.feed))
        # MkDocs cleans the site folder before each build, so the feeds are always written:
        # copied from the last build's when they are made from the same (and the copies are
        # untouched), else made again.
        if not _copied(copies, written, inputs, folder / FEEDS_FILE):
            try:
                write_feeds(self.index, self.context, self.feed, *written)
            except OSError as exc:
                raise PluginError(f"Cannot write the open data files: {exc}") from exc
            keep_copies(folder / FEEDS_FILE, inputs, written, copies)
        if self.ids is not None:
            cache = self._cache_path(config)
            try:
                write_atomic(cache, self.ids.to_json())
            except OSError as exc:  # the feeds are published; only the next comparison suffers
                log.warning(
                    "the open data ids could not be kept in '%s' (%s), so the next build cannot "
                    "tell whether a service's id changed; check the folder can be written to "
                    "(cache_dir of sendqa/opendata)",
                    cache,
                    why_not_written(cache, exc),
                )
        self.summary = {
            "services": total,
            "pages": len(self.index),
            "services_file": self.config.services_file,
            "pages_file": self.config.pages_file,
        }

    def _cache_path(self, config: MkDocsConfig) -> Path:
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        return root / self.config.cache_dir / ID_MAP_FILE

    def _previous_ids(self, config: MkDocsConfig) -> IdMap | None:
        try:
            text = self._cache_path(config).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None  # first build here, or the cache was cleared
        previous = IdMap.from_json(text)
        if previous is None and text.strip():
            log.info(
                "'%s' cannot be read (damaged), so service ids are not compared with the "
                "last build's; this build writes it again",
                self._cache_path(config),
            )
        return previous


def _copied(copies: tuple[Path, ...], written: tuple[Path, ...], inputs: str, note: Path) -> bool:
    """Copy the kept feeds into the site when they were made from ``inputs`` and are byte for
    byte as kept; False when they cannot be used."""
    if not kept_copies(note, inputs, copies):
        return False
    try:
        for copy, path in zip(copies, written, strict=True):
            copy_atomic(copy, path)
    except OSError:
        return False
    return True
