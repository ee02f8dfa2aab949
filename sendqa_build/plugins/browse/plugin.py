"""Hooks of ``sendqa/browse``: generate the browse pages, link them from the home page, and check
every page's structure and the council's colours."""

from __future__ import annotations

from collections import Counter
from html import escape as _escape
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

from sendqa_build.core.branding import BrandingError, check_branding, logo_path
from sendqa_build.core.browse import (
    BrowseRules,
    Catalogue,
    PagePlan,
    RenderedPage,
    ServiceItems,
    build_catalogue,
    groups_of,
    home_form,
    home_links,
    members,
    plan_pages,
    relative_url,
    render_page,
)
from sendqa_build.core.structure import StructureRules, check_structure
from sendqa_build.models import Finding, Severity
from sendqa_build.pagecache import PageCache, digest
from sendqa_build.plugins.base import (
    SendqaPlugin,
    council_setting,
    council_settings,
    keep_results,
    kept_results,
    rules_dir,
    site_index,
)
from sendqa_build.plugins.browse.config import BrowseConfig
from sendqa_build.rules import RulesError, load_rules_file
from sendqa_build.summaries import BrowseSummary

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

    from sendqa_build.core.site import PageRecord, SiteIndex


class BrowsePlugin(SendqaPlugin):
    """Browse by age, need and kind of provision; a filterable directory; structure checks."""

    config_class = BrowseConfig
    config: BrowseConfig
    check = "browse"

    def __init__(self) -> None:
        super().__init__()
        self.rules: BrowseRules | None = None
        self.structure_rules: StructureRules | None = None
        self.catalogue: Catalogue | None = None
        self.plans: list[PagePlan] = []
        self.rendered: dict[str, RenderedPage] = {}
        self.links: list[dict[str, str]] = []
        self.form = ""
        self.directory_url = ""
        self.summary: BrowseSummary | None = None
        self._kept: PageCache | None = None
        """Each page's structure findings of the last build (None: check every page)."""

    def on_config(self, config: MkDocsConfig) -> None:
        """Hook for the ``config`` event: load the rules and check the council's colours."""
        self.start_build(config)
        self.catalogue, self.plans, self.links, self.summary = None, [], [], None
        self.rendered = {}
        self._kept = None
        if not self.config.enabled:
            return
        folder = rules_dir(config)
        try:
            path = folder / "browse.yml"
            self.rules = BrowseRules.from_data(load_rules_file(path), path)
            path = folder / "structure.yml"
            self.structure_rules = StructureRules.from_data(load_rules_file(path), path)
            stamp = digest(path.read_bytes())
        except RulesError as exc:
            raise PluginError(str(exc)) from exc
        except OSError:
            return  # read a moment ago: without the stamp every page is checked
        if self.config.structure and not self.check_only:
            self._kept = kept_results(config, "structure", stamp)
        try:
            self.record(check_branding(council_settings(config)))
        except BrandingError as exc:
            raise PluginError(str(exc)) from exc

    def check_pages(self, index: SiteIndex, pages: Sequence[PageRecord]) -> list[Finding]:
        """Services on these pages that no kind of provision fits (for the browse pages)."""
        if not self.config.browse_pages or self.rules is None:
            return []
        return list(build_catalogue(pages, self.rules).findings)

    def generated_pages(self) -> tuple[str, ...]:
        """The "Find services" pages' folder."""
        if not self.config.browse_pages or self.rules is None:
            return ()
        return (self.rules.folder + "/",)

    def check_html(self, record: PageRecord, html: str) -> list[Finding]:
        """The page's images, headings, links and ids (``core/structure.py``)."""
        if not self.config.structure or self.structure_rules is None:
            return []
        return check_structure(html, record.src, record.body_lines(), self.structure_rules)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Hook for the ``files`` event: group the services and add the generated pages."""
        if not self.config.enabled:
            return None
        index = site_index(config)
        self.record(_missing_logo(config, files))
        if not self.config.browse_pages or self.rules is None:
            return None
        self.catalogue = build_catalogue(index, self.rules)
        self.record(self.catalogue.findings)
        area = _area(config)
        plans = plan_pages(self.catalogue, area)
        made: dict[str, File] = {}
        for plan in plans:
            if files.get_file_from_path(plan.src) is not None:
                self.record([_clash(plan.src)])
                continue
            made[plan.src] = File.generated(config, plan.src, content="")
        self.plans = [p for p in plans if p.src in made]
        urls = {src: file.url for src, file in made.items()}
        items = ServiceItems(self.rules, area)  # held by the pages' blocks only: goes with them
        for plan in self.plans:
            rendered = render_page(plan, self.catalogue, plans, urls, area, items)
            made[plan.src].content_string = rendered.markdown
            self.rendered[plan.src] = rendered
            files.append(made[plan.src])
        self.links = home_links(self.plans, urls)
        self.form = home_form(self.catalogue, self.plans)
        self.directory_url = next(
            (urls[p.src] for p in self.plans if p.dimension == "directory"), ""
        )
        return files

    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        """Hook for the ``nav`` event: "Find services" first in the menu, and its pages in the
        order readers expect (the directory, then by age youngest first, need, kind), not in
        the alphabetical order of their file names ("0 to 5", "11 to 16", "16 to 25", "5 to
        11")."""
        if not self.plans:
            return None
        order = {plan.src: number for number, plan in enumerate(self.plans)}
        if reorder_nav(nav.items, order):
            pages = list(_pages_of(nav.items))
            nav.pages = pages
            for number, page in enumerate(pages):
                page.previous_page = pages[number - 1] if number else None
                page.next_page = pages[number + 1] if number + 1 < len(pages) else None
        return nav

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Hook for the ``page_markdown`` event: give the home page its "Find services" links."""
        if self.links and page.file.src_uri == "index.md":
            page.meta["sendqa_find_services"] = self.links
            if self.form:
                action = relative_url(self.directory_url, page.url)
                page.meta["sendqa_find_form"] = self.form.replace("{action}", _escape(action))
        return None

    def _check_structure(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Check a page's images, headings, links and ids, and report each problem at its line
        in the Markdown file."""
        if not self.config.enabled or not self.config.structure or self.structure_rules is None:
            return None
        if page.file.generated_by is not None:
            return None  # generated pages are tested, not editable
        src = page.file.src_uri
        record = site_index(config).get(src)
        if record is None:
            return None
        if self._kept is None:
            self.record(self.check_html(record, html))
            return None
        # A page whose text and HTML are as in the last build has the same findings.
        key = digest(src, str(record.body_line), record.body, html)
        self.record(
            self._kept.reuse(
                key,
                lambda: self.check_html(record, html),
                lambda found: [finding.to_data() for finding in found],
                lambda kept: [Finding.from_data(data) for data in kept],
            )
        )
        return None

    on_page_content = _check_structure
    """Hook for the ``page_content`` event: the structure check."""

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hook for the ``post_page`` event: put a generated page's service lists in place of
        their placeholders, in the written page only.

        The lists are the largest HTML of a site (the directory lists every service). MkDocs
        keeps every page's content until the build ends, so they are made here, one page at a
        time, and never kept. Every value in them is escaped as it is written, so the safety
        pass, which reads the rest of the page, has nothing to do in them.
        """
        rendered = self.rendered.pop(page.file.src_uri, None)
        if rendered is None or page.file.generated_by is None:
            return None
        page.content = None  # the placeholders: nothing reads them again
        return rendered.insert_blocks(output)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Hook for the ``post_build`` event: what the QA report shows about browsing and
        structure (default priority: before sendqa/preview and sendqa/report read them)."""
        if self._kept is not None:
            keep_results(self._kept, "structure")
            self._kept = None
        structure = Counter(f.check for f in self.findings if not f.silenced)
        catalogue = self.catalogue
        self.summary = BrowseSummary(
            services=len(catalogue.services) if catalogue else 0,
            browse_pages=tuple(p.src for p in self.plans),
            groups=_group_counts(catalogue) if catalogue else {},
            services_without_kind=len(catalogue.of_kind("other")) if catalogue else 0,
            structure_problems=structure.get("structure", 0),
        )


def _first_src(item: Any, order: dict[str, int]) -> int | None:
    """The plan number of the first generated page in a nav item, None when it has none."""
    if isinstance(item, Page):
        return order.get(item.file.src_uri)
    if isinstance(item, Section):
        numbers = [n for n in (_first_src(c, order) for c in item.children) if n is not None]
        return min(numbers) if numbers else None
    return None


def reorder_nav(items: list[Any], order: dict[str, int]) -> bool:
    """Put the section holding the generated pages first, and sort the generated pages and
    sections inside it by their plan order. True when the nav holds them."""
    for number, item in enumerate(items):
        if _first_src(item, order) is None:
            continue
        items.insert(0, items.pop(number))
        _sort_generated(item, order)
        return True
    return False


def _sort_generated(item: Any, order: dict[str, int]) -> None:
    if not isinstance(item, Section):
        return
    last = len(order)
    item.children.sort(key=lambda child: n if (n := _first_src(child, order)) is not None else last)
    for child in item.children:
        _sort_generated(child, order)


def _pages_of(items: list[Any]) -> Any:
    for item in items:
        if isinstance(item, Page):
            yield item
        elif isinstance(item, Section):
            yield from _pages_of(item.children)


def _group_counts(catalogue: Catalogue) -> dict[str, dict[str, int]]:
    return {
        dimension: {
            group.id: len(members(catalogue, dimension, group.id))
            for group in groups_of(catalogue, dimension)
        }
        for dimension in ("age", "need", "kind")
    }


def _area(config: MkDocsConfig) -> str:
    return council_setting(config, "area") or "the area"


def _clash(src: str) -> Finding:
    return Finding(
        "browse",
        src,
        1,
        Severity.WARNING,
        f"'{src}' is a page sendqa generates from the service pages, so this file is used "
        "instead and the generated page is missing",
        "rename or move the file, or remove it",
    )


def _missing_logo(config: MkDocsConfig, files: Files) -> list[Finding]:
    """A warning when ``extra.council.logo`` names no file of the site (a typo, or a file
    left out because it leads outside the project), so no page shows a broken image."""
    try:
        logo = logo_path(council_setting(config, "logo"))
    except BrandingError:
        return []  # on_config has stopped the build already
    if logo is None or files.get_file_from_path(logo) is not None:
        return []
    return [
        Finding(
            "branding",
            None,
            None,
            Severity.WARNING,
            f"'extra.council.logo' in mkdocs.yml is '{logo}', but the site has no such file",
            "put the logo at that path in the docs folder (or the theme's custom_dir), or "
            "correct the path",
        )
    ]
