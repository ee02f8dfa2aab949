"""Hooks of ``sendqa/opendata``: make the records once the site index exists, check their ids
against the last build, and write the files into the built site."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from sendqa_build import background
from sendqa_build.core.opendata import (
    Feed,
    FeedContext,
    IdMap,
    compare_ids,
    namespace_for,
    pages_json,
    service_records,
    services_json_parts,
)
from sendqa_build.core.opendata import build_feed as make_feed
from sendqa_build.core.requirements import load_catalogue
from sendqa_build.output import write_atomic
from sendqa_build.plugins.base import SendqaPlugin, site_index
from sendqa_build.plugins.opendata.config import OpenDataConfig
from sendqa_build.rules import RulesError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from sendqa_build.core.site import SiteIndex

ID_MAP_FILE = "opendata-ids.json"
STAGING = ".sendqa-opendata"
"""Folder in the site where the background process writes the feeds, moved into place in
``on_post_build``."""

log = get_plugin_logger("sendqa")


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
        self._task: background.Task[None] | None = None
        self.written_in_background = False
        """True when this build's feeds were written by the background process (tests)."""

    def on_config(self, config: MkDocsConfig) -> None:
        """Hook for the ``config`` event: work out the id namespace and requirement titles."""
        self.start_build(config)
        self.feed = None
        self.index = None
        self.ids = None
        self.summary = {}
        self._task, self.written_in_background = None, False
        if not self.config.enabled:
            return
        namespace = self.config.id_namespace or config.site_url or config.site_name
        extra: Any = config.extra or {}
        council = extra.get("council") or {}
        area = council.get("area") if isinstance(council, dict) else None
        self.context = FeedContext(
            namespace=namespace_for(namespace),
            site_name=config.site_name,
            site_url=config.site_url or None,
            area=area if isinstance(area, str) and area.strip() else None,
            requirement_titles=self._requirement_titles(config),
        )

    def _requirement_titles(self, config: MkDocsConfig) -> dict[str, str]:
        front: Any = config.plugins.get("sendqa/frontmatter")
        catalogue = getattr(front, "catalogue", None)
        if catalogue is None:
            rules_dir = Path(front.config.rules_dir) if front is not None else Path("checks")
            try:
                catalogue = load_catalogue(rules_dir / "requirements.yml")
            except RulesError as exc:
                raise PluginError(str(exc)) from exc
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
        # Written into a folder of the site moved into place in on_post_build: on a large site
        # by the background process beside the rendering (from on_env), else here when the result
        # is asked for.
        staging = Path(config.site_dir) / STAGING
        shutil.rmtree(staging, ignore_errors=True)
        self._task = self.submit_after_conversion(
            write_feeds,
            self.index,
            self.context,
            self.feed,
            staging / self.config.services_file,
            staging / self.config.pages_file,
            in_background=self.config.in_background(len(self.index)),
        )

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Hook for the ``post_build`` event: write the feeds into the site and keep the ids."""
        if not self.config.enabled or self.feed is None or self.context is None:
            return
        if self.index is None or self._task is None:
            return
        site = Path(config.site_dir)
        total = len(self.feed.ids)
        try:
            self._move_staged(site, site / self.config.services_file, site / self.config.pages_file)
            if self.ids is not None:
                write_atomic(self._cache_path(config), self.ids.to_json())
        except OSError as exc:
            raise PluginError(f"Cannot write the open data files: {exc}") from exc
        self.summary = {
            "services": total,
            "pages": len(self.index),
            "services_file": self.config.services_file,
            "pages_file": self.config.pages_file,
        }

    def _move_staged(self, site: Path, services: Path, pages: Path) -> None:
        """Move the feeds written into the staging folder into place (by the background
        process, or by this one when the result is asked for)."""
        assert self._task is not None
        staging = site / STAGING
        self._task.result()
        self.written_in_background = self._task.ran_in_background
        for path in (services, pages):
            path.parent.mkdir(parents=True, exist_ok=True)
            (staging / path.relative_to(site)).replace(path)
        shutil.rmtree(staging, ignore_errors=True)

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
