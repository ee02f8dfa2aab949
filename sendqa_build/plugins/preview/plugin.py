"""Hooks of ``sendqa/preview``: give each page's template its findings, and redraw a page's panel
after the build when checks that run late (links) found more."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from sendqa_build.core.preview import PanelView, panel_view, replace_panel
from sendqa_build.output import write_atomic
from sendqa_build.plugins.base import SendqaPlugin, sendqa_plugins
from sendqa_build.plugins.preview.config import PreviewConfig

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

CONTEXT = "sendqa_preview"
"""Template variable with the page's ``PanelView`` (read by ``partials/sendqa/preview-panel``)."""
TEMPLATE = "partials/sendqa/preview-panel.html"
STYLESHEET = "assets/sendqa/preview.css"
HOME = "index.md"


class PreviewPlugin(SendqaPlugin):
    """Shows editors what is wrong with a page, on the page, under ``mkdocs serve``."""

    config_class = PreviewConfig
    config: PreviewConfig
    check = "preview"

    def __init__(self) -> None:
        super().__init__()
        self.env: Environment | None = None
        self.shown: dict[str, tuple[PanelView, str]] = {}
        """Panels drawn in this build: page path -> (view, built file)."""

    @property
    def active(self) -> bool:
        """True when this build shows the panel (serve, or ``show_in_build``)."""
        return bool(self.config.enabled and (self.is_serve or self.config.show_in_build))

    def on_config(self, config: MkDocsConfig) -> None:
        """Hook for the ``config`` event: forget the last build's panels."""
        self.start_build(config)
        self.shown = {}

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> None:
        """Hook for the ``env`` event: keep the theme's templates to redraw panels later."""
        self.env = env

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Hook for the ``page_context`` event: the page's findings for its template.

        Every page's Markdown has been converted (and checked) before any template is rendered,
        so the page-level findings of every check exist by now.
        """
        if not self.active or page.file.generated_by is not None:
            return None  # generated pages have no file an editor could fix
        view = self._view(config, page)
        cast(dict[str, Any], context)[CONTEXT] = view  # the theme's context takes extra keys
        self.shown[page.file.src_uri] = (view, page.file.abs_dest_path)
        return context

    @event_priority(-50)  # After the checks that report in on_post_build, before sendqa/report.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Hook for the ``post_build`` event: redraw panels that late findings changed."""
        if not self.active or self.env is None:
            return
        template = self.env.get_template(TEMPLATE)
        for src, (shown, dest) in sorted(self.shown.items()):
            view = self._view(config, None, src=src, stylesheet=shown.stylesheet)
            if view.key == shown.key:
                continue
            path = Path(dest)
            try:
                html = path.read_text(encoding="utf-8")
            except OSError:
                continue  # the page was not written (a theme that skips it)
            updated = replace_panel(html, template.render({CONTEXT: view}))
            if updated is None:
                continue
            try:
                write_atomic(path, updated)
            except OSError as exc:
                raise PluginError(f"Cannot update the preview of '{dest}': {exc}") from exc

    def _view(
        self, config: MkDocsConfig, page: Page | None, *, src: str = "", stylesheet: str = ""
    ) -> PanelView:
        if page is not None:
            src = page.file.src_uri
            stylesheet = get_relative_url(STYLESHEET, page.url)
        findings = [f for plugin in sendqa_plugins(config) for f in plugin.findings]
        return panel_view(
            findings,
            src,
            docs_prefix=self.docs_prefix,
            site_wide=self.config.site_wide_on_home and src == HOME,
            show_info=self.config.show_info,
            stylesheet=stylesheet,
        )
