"""Browse pages: services grouped by broad age, area of need and kind of provision, plus a
services directory a reader can narrow down.

The SEND Code of Practice (4.9) asks that the Local Offer is "structured in a way that relates to
young people's and parents' needs (for example by broad age group or type of special educational
provision)". These pages are generated from service front matter on every build, so they can never
drift from the service pages. The groups themselves are data (``checks/browse.yml``).
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendqa_build.core.site import PageRecord
from sendqa_build.models import Finding, Severity
from sendqa_build.rules import RulesError, expect_mapping

CHECK = "browse"
ALL_NEEDS = "all"
OTHER_KIND = "other"
MAX_AGE = 25
EDGE_RULES = ("shared", "exclusive")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


# ---------------------------------------------------------------------------------------------
# Rules


@dataclass(frozen=True)
class Group:
    """One browse group: an age band, an area of need or a kind of provision."""

    id: str
    """Used in the page's web address (``0-to-5``)."""
    label: str
    """Short name (``0 to 5 years``)."""
    title: str
    """Heading of the group's page."""
    help: str = ""
    """One plain sentence shown under the heading."""
    low: int = 0
    """Youngest age in the band (age bands only)."""
    high: int = MAX_AGE
    """Oldest age in the band (age bands only)."""


@dataclass(frozen=True)
class BrowseRules:
    """The contents of ``checks/browse.yml``."""

    folder: str
    age_bands: tuple[Group, ...]
    needs: tuple[Group, ...]
    kinds: tuple[Group, ...]
    folders: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Folder under the docs folder -> kinds of provision of the service pages in it."""
    covers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Requirement id in ``covers`` -> kinds of provision."""
    edge_years: str = "shared"
    show_closed: bool = False

    @property
    def kind_ids(self) -> tuple[str, ...]:
        """The kinds of provision, in the order readers see them."""
        return tuple(kind.id for kind in self.kinds)

    @classmethod
    def from_data(cls, data: Any, path: Path) -> BrowseRules:
        """Check and convert the YAML of ``checks/browse.yml``.

        Raises:
            RulesError: naming the file and what is wrong, for the build to stop with.
        """
        keys = {"folder", "edge_years", "age_bands", "needs", "kinds", "folders", "covers"}
        top = expect_mapping(data, path, keys | {"show_closed"})
        missing = sorted(k for k in ("age_bands", "needs", "kinds") if not top.get(k))
        if missing:
            raise RulesError(f"Error reading rules file '{path}': '{missing[0]}' is missing")
        folder = str(top.get("folder") or "find-services").strip("/")
        if not _ID.match(folder):
            raise RulesError(
                f"Error reading rules file '{path}': 'folder' must be one folder name in lower "
                f"case letters, digits and hyphens, found '{folder}'"
            )
        edge = str(top.get("edge_years") or "shared")
        if edge not in EDGE_RULES:
            raise RulesError(
                f"Error reading rules file '{path}': 'edge_years' must be 'shared' or "
                f"'exclusive', found '{edge}'"
            )
        bands = tuple(
            sorted(_groups(top["age_bands"], path, "age_bands", ages=True), key=_age_order)
        )
        _check_bands_cover_all_ages(bands, path)
        kinds = _groups(top["kinds"], path, "kinds")
        known = {kind.id for kind in kinds}
        return cls(
            folder=folder,
            age_bands=bands,
            needs=_groups(top["needs"], path, "needs"),
            kinds=kinds,
            folders={
                k.strip("/"): v for k, v in _kind_map(top.get("folders"), path, known).items()
            },
            covers=_kind_map(top.get("covers"), path, known),
            edge_years=edge,
            show_closed=bool(top.get("show_closed", False)),
        )


def _groups(data: Any, path: Path, key: str, *, ages: bool = False) -> tuple[Group, ...]:
    if not isinstance(data, list):
        raise RulesError(f"Error reading rules file '{path}': '{key}' must be a list of groups")
    groups: list[Group] = []
    for index, item in enumerate(data):
        where = f"'{key}' item {index + 1}"
        allowed = {"id", "label", "title", "help"} | ({"from", "to"} if ages else set())
        body = expect_mapping(item, path, allowed)
        ident = str(body.get("id") or "")
        if not _ID.match(ident):
            raise RulesError(
                f"Error reading rules file '{path}': {where} needs an 'id' in lower case letters, "
                f"digits and hyphens, found '{ident}'"
            )
        if any(g.id == ident for g in groups):
            raise RulesError(f"Error reading rules file '{path}': {where}: 'id' '{ident}' twice")
        label = str(body.get("label") or ident)
        low, high = 0, MAX_AGE
        if ages:
            start, end = body.get("from"), body.get("to")
            if not (
                isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= MAX_AGE
            ):
                raise RulesError(
                    f"Error reading rules file '{path}': {where} needs whole-year ages 'from' "
                    f"and 'to' from 0 to {MAX_AGE}, with 'from' no more than 'to'"
                )
            low, high = start, end
        groups.append(
            Group(
                id=ident,
                label=label,
                title=str(body.get("title") or f"Services: {label}"),
                help=str(body.get("help") or ""),
                low=low,
                high=high,
            )
        )
    return tuple(groups)


def _age_order(band: Group) -> tuple[int, int]:
    """Youngest first, whatever order the file lists the bands in."""
    return (band.low, band.high)


def _check_bands_cover_all_ages(bands: tuple[Group, ...], path: Path) -> None:
    """A gap between bands would hide every service whose ages fall only in the gap."""
    gaps = [age for age in range(MAX_AGE + 1) if not any(b.low <= age <= b.high for b in bands)]
    if gaps:
        raise RulesError(
            f"Error reading rules file '{path}': age {gaps[0]} is in no age band; "
            f"the bands must cover every age from 0 to {MAX_AGE}"
        )


def _kind_map(data: Any, path: Path, known: set[str]) -> dict[str, tuple[str, ...]]:
    mapping = expect_mapping(data or {}, path)
    result: dict[str, tuple[str, ...]] = {}
    for key, value in mapping.items():
        values = value if isinstance(value, list) else [value]
        for kind in values:
            if not isinstance(kind, str) or kind not in known:  # a list or mapping: wrong
                raise RulesError(
                    f"Error reading rules file '{path}': '{key}' maps to unknown kind '{kind}'; "
                    f"use one of the 'kinds' ids: {', '.join(sorted(known))}"
                )
        result[str(key)] = tuple(str(v) for v in values)
    return result


# ---------------------------------------------------------------------------------------------
# Grouping


def bands_for(low: int, high: int, bands: Iterable[Group], edge_years: str = "shared") -> list[str]:
    """The ids of the age bands a service for ages ``low`` to ``high`` belongs in.

    A service belongs in every band its ages overlap. With ``edge_years: exclusive`` a band it
    only touches at a shared edge year (0 to 5 touching 5 to 11 at age 5) is left out, unless
    that would leave the service in no band at all.
    """
    hits = [b for b in bands if low <= b.high and high >= b.low]
    if edge_years != "exclusive":
        return [b.id for b in hits]

    def overlap(band: Group) -> int:
        return min(high, band.high) - max(low, band.low) + 1

    wide = [b for b in hits if overlap(b) > 1]
    if not wide:
        return [b.id for b in hits]
    kept = [
        b
        for b in hits
        if overlap(b) > 1 or not any(w.low <= max(low, b.low) <= w.high for w in wide)
    ]
    return [b.id for b in kept]


def kinds_for(src: str, meta: Mapping[str, Any], rules: BrowseRules) -> list[str]:
    """A service's kinds of provision: its ``provision`` field, else its folder and ``covers``."""
    own = meta.get("provision")
    if own:
        wanted = {str(k) for k in own}
    else:
        wanted = set()
        folder = posixpath.dirname(src)
        best = max(
            (f for f in rules.folders if folder == f or folder.startswith(f + "/")),
            key=len,
            default=None,
        )
        if best is not None:
            wanted.update(rules.folders[best])
        for requirement in meta.get("covers") or []:
            wanted.update(rules.covers.get(str(requirement), ()))
    return [kind for kind in rules.kind_ids if kind in wanted]


@dataclass(frozen=True)
class Service:
    """One service as the browse pages list it."""

    src: str
    url: str
    title: str
    summary: str
    provider: str
    ages_text: str
    age_bands: tuple[str, ...]
    needs: tuple[str, ...]
    """Areas of need ids; ``all`` expanded to every area."""
    all_needs: bool
    kinds: tuple[str, ...]
    """Kinds of provision ids, or ``other`` when none could be found."""
    cost: str
    outside: bool
    status: str
    eligibility: str = ""
    low: int | None = None
    """Youngest age served (None when the page's ages are missing or wrong)."""
    high: int | None = None
    """Oldest age served."""
    places: tuple[tuple[str, float | None, float | None], ...] = ()
    """Each place's town (or name) and map point, for "nearest to me" and the town filter."""

    def serves(self, age: int) -> bool:
        """True when a child of ``age`` is within the service's ages."""
        return self.low is not None and self.high is not None and self.low <= age <= self.high

    @property
    def sort_key(self) -> tuple[str, str]:
        """Alphabetical, ignoring a leading "The", so readers find names where they expect."""
        title = self.title.casefold()
        return (title.removeprefix("the ").strip(), self.src)


@dataclass
class Catalogue:
    """Every listed service, grouped, plus any problems found while grouping."""

    rules: BrowseRules
    services: list[Service]
    findings: list[Finding] = field(default_factory=list)
    guides: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Kind id -> (title, src) of guide pages covering it, for kinds with no service."""

    def core_ages(self, band: Group) -> range | tuple[int, ...]:
        """The ages of a band that no other band shares (6 to 10 for 5 to 11); all its ages
        when every one is shared."""
        others = [b for b in self.rules.age_bands if b.id != band.id]
        core = tuple(
            a
            for a in range(band.low, band.high + 1)
            if not any(b.low <= a <= b.high for b in others)
        )
        return core or range(band.low, band.high + 1)

    def band_split(self, band: Group) -> tuple[list[Service], list[Service]]:
        """A band's services in two lists: those that serve its core ages, then those that can
        serve a child of the band only at a shared edge year (a service for 0 to 5 in 5 to 11)."""
        core = self.core_ages(band)
        main: list[Service] = []
        edge: list[Service] = []
        for service in self.in_band(band.id):
            (main if any(service.serves(a) for a in core) else edge).append(service)
        return main, edge

    def in_band(self, band: str) -> list[Service]:
        """Services for one age band."""
        return [s for s in self.services if band in s.age_bands]

    def with_need(self, need: str) -> list[Service]:
        """Services for one area of need (including those for all needs)."""
        return [s for s in self.services if need in s.needs]

    def of_kind(self, kind: str) -> list[Service]:
        """Services of one kind of provision (``other`` for those with none)."""
        return [s for s in self.services if kind in s.kinds]


def _age_text(low: int | None, high: int | None) -> str:
    if low is None or high is None:
        return ""
    return f"{low} to {high} years" if low != high else f"{low} years"


def build_catalogue(records: Iterable[PageRecord], rules: BrowseRules) -> Catalogue:
    """Group every service page; one finding for each service no kind of provision fits."""
    catalogue = Catalogue(rules=rules, services=[])
    need_ids = tuple(n.id for n in rules.needs)
    records = list(records)
    catalogue.guides = guides_by_kind(records, rules)
    for record in records:
        if record.page_type != "service":
            continue
        meta = record.meta
        status = str(meta.get("status") or "active")
        if status == "closed" and not rules.show_closed:
            continue
        low, high = meta.get("minimum_age"), meta.get("maximum_age")
        bands: list[str] = []
        if isinstance(low, int) and isinstance(high, int) and low <= high:
            bands = bands_for(low, high, rules.age_bands, rules.edge_years)
        needs = [str(n) for n in meta.get("needs") or []]
        all_needs = ALL_NEEDS in needs
        kinds = kinds_for(record.src, meta, rules)
        if not kinds:
            kinds = [OTHER_KIND]
            catalogue.findings.append(_no_kind_finding(record, rules))
        catalogue.services.append(
            Service(
                src=record.src,
                url=record.url,
                title=record.title,
                summary=str(meta.get("summary") or ""),
                provider=str(meta.get("provider") or ""),
                ages_text=_age_text(low, high) if bands else "",
                age_bands=tuple(bands),
                needs=need_ids if all_needs else tuple(n for n in need_ids if n in needs),
                all_needs=all_needs,
                kinds=tuple(kinds),
                cost=str(meta.get("cost") or ""),
                outside=meta.get("area") == "outside",
                status=status,
                eligibility=str(meta.get("eligibility") or ""),
                low=low if bands else None,
                high=high if bands else None,
                places=_places(meta.get("locations")),
            )
        )
    catalogue.services.sort(key=lambda s: s.sort_key)
    return catalogue


def _places(locations: Any) -> tuple[tuple[str, float | None, float | None], ...]:
    places = []
    for place in locations or []:
        if isinstance(place, dict):
            town = str(place.get("town") or place.get("name") or "")
            lat, lon = place.get("latitude"), place.get("longitude")
            ok = isinstance(lat, float) and isinstance(lon, float)
            places.append((town, lat if ok else None, lon if ok else None))
    return tuple(places)


def guides_by_kind(
    records: Iterable[PageRecord], rules: BrowseRules
) -> dict[str, list[tuple[str, str]]]:
    """Pages that are not services but cover a kind's requirements (``covers``), by kind: the
    way on from a kind no service is listed under yet (a guide about childcare, say)."""
    guides: dict[str, list[tuple[str, str]]] = {}
    for record in records:
        if record.page_type == "service":
            continue
        for requirement in record.covers:
            for kind in rules.covers.get(requirement, ()):
                entry = (record.title, record.src)
                if entry not in guides.setdefault(kind, []):
                    guides[kind].append(entry)
    return guides


def _no_kind_finding(record: PageRecord, rules: BrowseRules) -> Finding:
    folder = posixpath.dirname(record.src) or "."
    return Finding(
        CHECK,
        record.src,
        record.result.line_of("type"),
        Severity.WARNING,
        "the service is not listed under any kind of provision (it shows under 'Other "
        "services' on the browse pages)",
        f"add 'provision: [{rules.kind_ids[0]}]' (or another of "
        f"{', '.join(rules.kind_ids)}) to its front matter, or map the folder '{folder}' "
        "under 'folders' in checks/browse.yml",
    )


# ---------------------------------------------------------------------------------------------
# Pages


@dataclass(frozen=True)
class PagePlan:
    """A generated page: where it goes, its title and, for group pages, what it lists."""

    src: str
    title: str
    summary: str
    dimension: str = ""
    """``age``, ``need``, ``kind``, ``hub``, ``index`` (a dimension's overview) or
    ``directory``."""
    group: Group | None = None


DIMENSIONS = (
    ("age", "Services by age", "by age group"),
    ("need", "Services by area of need", "by area of need"),
    ("kind", "Services by kind of support", "by kind of support"),
)


def groups_of(catalogue: Catalogue, dimension: str) -> list[Group]:
    """The groups of one dimension, with 'Other services' for kinds when some service has no
    kind."""
    rules = catalogue.rules
    if dimension == "age":
        return list(rules.age_bands)
    if dimension == "need":
        return list(rules.needs)
    groups = list(rules.kinds)
    if catalogue.of_kind(OTHER_KIND):
        groups.append(
            Group(
                OTHER_KIND,
                "Other services",
                "Other services",
                "Services not yet sorted into a kind of support.",
            )
        )
    return groups


def members(catalogue: Catalogue, dimension: str, group: str) -> list[Service]:
    """The services listed on one group's page."""
    if dimension == "age":
        return catalogue.in_band(group)
    if dimension == "need":
        return catalogue.with_need(group)
    return catalogue.of_kind(group)


def plan_pages(catalogue: Catalogue, area: str) -> list[PagePlan]:
    """Every generated page, hub first."""
    root = catalogue.rules.folder
    plans = [
        PagePlan(
            f"{root}/index.md",
            "Find services",
            f"Find services for children and young people with special educational needs and "
            f"disabilities in {area}, by age, need or kind of support.",
            "hub",
        ),
        PagePlan(
            f"{root}/directory.md",
            "Services directory",
            f"Every service in the {area} Local Offer, in one list you can narrow down by age, "
            "need and keyword.",
            "directory",
        ),
    ]
    for dimension, title, how in DIMENSIONS:
        plans.append(
            PagePlan(
                f"{root}/by-{dimension}/index.md",
                title,
                f"Services in the {area} Local Offer {how}.",
                "index",
                Group(dimension, title, title),
            )
        )
        for group in groups_of(catalogue, dimension):
            if not members(catalogue, dimension, group.id):
                continue  # an empty group gets no page: nothing links to a list of nothing
            plans.append(
                PagePlan(
                    f"{root}/by-{dimension}/{group.id}.md",
                    group.title,
                    group.help or f"Services in the {area} Local Offer: {group.label}.",
                    dimension,
                    group,
                )
            )
    return plans


def relative_url(target: str, from_url: str) -> str:
    """A link from the page at site URL ``from_url`` to site URL ``target``, as MkDocs writes
    them (works with and without ``use_directory_urls``, and from a local file)."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    rel = site_relpath(target or ".", base or ".")
    if rel == ".":
        return "./"
    return rel + "/" if target.endswith("/") or not target else rel


def site_relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` without looking up the working folder, for the usual case of two
    site paths inside the site (a listing page links to thousands of them); the same answer.

    ``relpath`` makes both paths absolute from the working folder, which is then a common
    start of both and drops out, unless a path leaves it (``..``) or is absolute."""
    path_parts, start_parts = posixpath.normpath(path), posixpath.normpath(start)
    if path_parts.startswith(("/", "..")) or start_parts.startswith(("/", "..")):
        return posixpath.relpath(path, start)
    to = [] if path_parts == "." else path_parts.split("/")
    frm = [] if start_parts == "." else start_parts.split("/")
    common = 0
    for a, b in zip(to, frm, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(frm) - common) + to[common:]) or "."


def _e(text: str) -> str:
    return html.escape(text, quote=True)


LISTINGS = ("age", "need", "kind", "directory")
"""Pages that list services. They are left out of the site search: every service they list has
its own page in the search, and the same service found on five listing pages is noise."""


def _front(plan: PagePlan) -> str:
    # JSON strings are valid YAML and survive any quote or colon an editor put in a title.
    search = "search: {exclude: true}\n" if plan.dimension in LISTINGS else ""
    return (
        f"---\ntitle: {json.dumps(plan.title)}\nsummary: {json.dumps(plan.summary)}\n"
        f"{search}sendqa: {{generated: browse}}\n---\n\n"
    )


@dataclass
class RenderedPage:
    """A generated page's Markdown, with its HTML blocks held back until after conversion.

    The service lists are HTML that is already escaped. Left in the Markdown, Python-Markdown
    would parse every tag of them again to find where each block ends, which on a large Local
    Offer costs more than the rest of the page. So the Markdown has a placeholder paragraph for
    each block, and ``insert_blocks`` makes the HTML and puts it in place of the placeholder in
    the written page: each list is made only when its page is written and not kept after.
    """

    markdown: str = ""
    blocks: dict[str, Callable[[], str]] = field(default_factory=dict)

    def add(self, text: str) -> RenderedPage:
        """Add Markdown text."""
        self.markdown += text
        return self

    def block(self, make: Callable[[], str]) -> RenderedPage:
        """Add a block of HTML, made by ``make`` when the page is built, as its own paragraph."""
        token = f"sendqa-block-{len(self.blocks) + 1}"
        self.blocks[f"<p>{token}</p>"] = make
        self.markdown += f"{token}\n\n"
        return self

    def insert_blocks(self, page: str) -> str:
        """The built page with each placeholder paragraph replaced by its HTML.

        The blocks need no safety pass: every value in them is escaped as it is written (the
        tests feed them hostile text and check the safety pass finds nothing to take out).
        """
        for placeholder, make in self.blocks.items():
            page = page.replace(placeholder, make().strip(), 1)
        return page


class ServiceItems:
    """The list items of one build's service lists, each service's made once.

    A service is listed on several pages (the directory, its age bands, needs and kinds) and
    only its link differs between them, so the HTML before and after the link is kept per
    service: about the size of the directory's list, never every list's. Share one between the
    pages of a build and let it go with them (their blocks are its only holders).
    """

    def __init__(self, rules: BrowseRules, area: str) -> None:
        self.area = area
        self.kind_labels = {k.id: k.label for k in rules.kinds}
        self.need_labels = {n.id: n.label for n in rules.needs}
        self._parts: dict[tuple[Service, str], tuple[str, str]] = {}
        """(service, heading) -> the item's HTML before and after its escaped link."""

    def item(self, service: Service, href: str, heading: str = "h2") -> str:
        """One service in a list, linked with ``href``."""
        key = (service, heading)
        parts = self._parts.get(key)
        if parts is None:
            parts = self._parts[key] = self._make(service, heading)
        return f"{parts[0]}{_e(href)}{parts[1]}"

    def service_list(self, services: list[Service], page_url: str, extra: str = "") -> str:
        """The list of ``services`` on the page at site URL ``page_url``."""
        items = "".join(self.item(s, relative_url(s.url, page_url)) for s in services)
        return f'<ul class="sendqa-services"{extra}>{items}</ul>\n'

    def _make(self, service: Service, heading: str) -> tuple[str, str]:
        area = self.area
        need_text = (
            "All areas of need"
            if service.all_needs
            else ", ".join(self.need_labels[n] for n in service.needs)
        )
        facts = []
        if service.status == "temporarily-closed":
            facts.append(("Status", "Temporarily closed"))
        elif service.status == "closed":
            facts.append(("Status", "Closed"))
        if service.ages_text:
            facts.append(("Ages", service.ages_text))
        if need_text:
            facts.append(("Needs", need_text))
        if service.cost:
            facts.append(("Cost", service.cost))
        towns = sorted({town for town, _, _ in service.places if town})
        where = f"outside {area}" if service.outside else f"in {area}"
        facts.append(
            ("Where", f"{', '.join(towns)} ({where})" if towns else where[0].upper() + where[1:])
        )
        search = " ".join(
            [
                service.title,
                service.summary,
                service.provider,
                service.eligibility,
                need_text,
                *towns,
                *(self.kind_labels.get(k, "") for k in service.kinds),
            ]
        )
        facts_html = "".join(
            f'<div class="sendqa-service__fact"><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>'
            for k, v in facts
        )
        ages = (
            f'data-min-age="{service.low}" data-max-age="{service.high}" '
            if service.low is not None
            else ""
        )
        points = ";".join(
            f"{lat:.5f},{lon:.5f}"
            for _, lat, lon in service.places
            if lat is not None and lon is not None
        )
        before = (
            f'<li class="sendqa-service" data-ages="{_e(" ".join(service.age_bands))}" {ages}'
            f'data-towns="{_e("|".join(towns))}" '
            + (f'data-points="{points}" ' if points else "")
            + f'data-needs="{_e(" ".join(service.needs))}" '
            f'data-kinds="{_e(" ".join(service.kinds))}" '
            f'data-search="{_e(search)}">'
            f'<{heading} class="sendqa-service__title"><a href="'
        )
        after = (
            f'">{_e(service.title)}</a></{heading}>'
            + (
                f'<p class="sendqa-service__summary">{_e(service.summary)}</p>'
                if service.summary
                else ""
            )
            + f'<dl class="sendqa-service__facts">{facts_html}</dl></li>'
        )
        return before, after


def _count(n: int) -> str:
    return "1 service" if n == 1 else f"{n} services"


def _link(plan: PagePlan, from_plan: PagePlan) -> str:
    """A Markdown link between generated pages (MkDocs checks and rewrites it)."""
    rel = posixpath.relpath(plan.src, posixpath.dirname(from_plan.src) or ".")
    return f"[{_md(plan.title)}]({rel})"


def _md(text: str) -> str:
    """Text safe to put in Markdown: HTML escaped, Markdown punctuation backslash-escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+!|<>~-])", r"\\\1", html.escape(text, quote=False))


def render_page(
    plan: PagePlan,
    catalogue: Catalogue,
    plans: list[PagePlan],
    urls: Mapping[str, str],
    area: str,
    items: ServiceItems | None = None,
) -> RenderedPage:
    """The Markdown of one generated page, with its HTML blocks beside it.

    Args:
        plan: the page to render.
        catalogue: the grouped services.
        plans: every generated page (for links between them).
        urls: site URL of every generated page, by its ``src``.
        area: the council's area name, for "In Wyvernshire" / "Outside Wyvernshire".
        items: the service items of this build's pages, made with the catalogue's rules and
            ``area`` (pass the same one for every page, so each service's item is made once);
            a new one when not given.
    """
    rules = catalogue.rules
    if items is None:
        items = ServiceItems(rules, area)
    by_src = {p.src: p for p in plans}
    root = rules.folder
    directory = by_src[f"{root}/directory.md"]
    text = _front(plan)
    out = RenderedPage()
    if plan.dimension == "hub":
        text += (
            f"Find help for a child or young person with special educational needs or "
            f"disabilities. There are {_count(len(catalogue.services))} in the Local Offer.\n\n"
            f"- {_link(directory, plan)}: every service in one list you can narrow down by "
            "age, need and keyword\n"
        )
        for dimension, title, _how in DIMENSIONS:
            index = by_src[f"{root}/by-{dimension}/index.md"]
            text += f"\n## {_md(title)}\n\n"
            for group in groups_of(catalogue, dimension):
                page = by_src.get(f"{root}/by-{dimension}/{group.id}.md")
                if page is None:
                    text += f"- {_empty_group(catalogue, dimension, group, plan)}\n"
                    continue
                count = len(members(catalogue, dimension, group.id))
                text += f"- {_link(page, plan)} ({_count(count)})\n"
            text += f"\nSee also {_link(index, plan)}.\n"
        return out.add(text)
    if plan.dimension == "index":
        dimension = plan.group.id if plan.group else "age"
        text += "Choose a group to see its services.\n\n"
        for group in groups_of(catalogue, dimension):
            page = by_src.get(f"{root}/by-{dimension}/{group.id}.md")
            if page is None:
                text += f"- {_empty_group(catalogue, dimension, group, plan)}\n"
                continue
            count = len(members(catalogue, dimension, group.id))
            text += f"- {_link(page, plan)} ({_count(count)})"
            text += f": {_md(group.help)}\n" if group.help else "\n"
        text += f"\nYou can also use the {_link(directory, plan)} to search every service.\n"
        return out.add(text)
    if plan.dimension == "directory":
        return _directory(out.add(text), catalogue, urls[plan.src], area, items)
    if plan.group is None:
        raise ValueError(f"page plan '{plan.src}' has no group")
    services = members(catalogue, plan.dimension, plan.group.id)
    if plan.group.help:
        text += f"{_md(plan.group.help)}\n\n"
    if plan.dimension == "age":
        return _band_page(out, text, plan, catalogue, urls, items, directory)
    if plan.dimension == "need":
        text += "Services for all areas of need are listed here too.\n\n"
    if not services:
        text += "There are no services listed here yet.\n\n"
    else:
        text += f"{_count(len(services))}, in alphabetical order.\n\n"
        url = urls[plan.src]
        out.add(text).block(lambda: items.service_list(services, url))
        text = ""
    return out.add(
        f"{text}You can also use the {_link(directory, plan)} to search every service.\n"
    )


def _empty_group(catalogue: Catalogue, dimension: str, group: Group, plan: PagePlan) -> str:
    """A group no service is listed under: its name, unlinked, and the way on (the guides that
    cover it, for a kind of support)."""
    text = f"{_md(group.label)}: no services listed yet"
    guides = catalogue.guides.get(group.id, []) if dimension == "kind" else []
    if guides:
        here = posixpath.dirname(plan.src) or "."
        links = ", ".join(
            f"[{_md(title)}]({posixpath.relpath(src, here)})" for title, src in guides[:3]
        )
        text += f"; read {links}"
    return text


def _band_page(
    out: RenderedPage,
    text: str,
    plan: PagePlan,
    catalogue: Catalogue,
    urls: Mapping[str, str],
    items: ServiceItems,
    directory: PagePlan,
) -> RenderedPage:
    """An age group's page: first the services for its core ages, then, apart and labelled,
    those a child of the group can use only at a shared edge year.

    A family opening "5 to 11" for a 7-year-old should not have to read past services for 0 to
    5 or 11 to 16; a family whose child is 5 or 11 (in two groups) still finds them, below."""
    band = plan.group
    if band is None:
        raise ValueError(f"page plan '{plan.src}' has no group")
    main, edge = catalogue.band_split(band)
    url = urls[plan.src]
    core = catalogue.core_ages(band)
    core_text = f"{core[0]} to {core[-1]}" if len(core) > 1 else f"{core[0]}"
    text += (
        f"{_count(len(main))} for children and young people aged {core_text}, in alphabetical "
        "order. To see only the services for your child's exact age, use the "
        f"{_link(directory, plan)}.\n\n"
    )
    if main:
        out.add(text).block(lambda: items.service_list(main, url))
        text = ""
    else:
        text += "There are no services listed here yet.\n\n"
    if edge:
        edges = sorted({a for s in edge for a in (band.low, band.high) if s.serves(a)})
        ages = " or ".join(str(a) for a in edges)
        text += (
            f"## Only for children aged {ages} in this group\n\n"
            f"{_count(len(edge)).capitalize()} can help a child in this group only at age "
            f"{ages}; they are mainly for younger or older children.\n\n"
        )
        out.add(text).block(lambda: items.service_list(edge, url))
        text = ""
    return out.add(
        f"{text}You can also use the {_link(directory, plan)} to search every service.\n"
    )


def _options(name: str, label: str, any_text: str, groups: Iterable[Group]) -> str:
    options = "".join(f'<option value="{_e(g.id)}">{_e(g.label)}</option>' for g in groups)
    return (
        f'<div class="sendqa-filter__field"><label for="sendqa-filter-{name}">{_e(label)}</label>'
        f'<select id="sendqa-filter-{name}" name="{name}"><option value="">{_e(any_text)}</option>'
        f"{options}</select></div>"
    )


def age_options(field_id: str, name: str = "age") -> str:
    """The "Your child's age" list: one choice a year from 0 to 25 (a family knows their
    child's age, not which band it is in)."""
    ages = "".join(
        f'<option value="{age}">{"Under 1" if age == 0 else age}</option>'
        for age in range(MAX_AGE + 1)
    )
    return (
        f'<div class="sendqa-filter__field"><label for="{field_id}">Your child\'s age</label>'
        f'<select id="{field_id}" name="{name}"><option value="">Any age</option>{ages}'
        "</select></div>"
    )


def _town_options(catalogue: Catalogue) -> str:
    """ "Town or area": the towns of the services' places, when any service has one."""
    towns = sorted({t for s in catalogue.services for t, _, _ in s.places if t})
    if not towns:
        return ""
    options = "".join(f'<option value="{_e(t)}">{_e(t)}</option>' for t in towns)
    return (
        '<div class="sendqa-filter__field"><label for="sendqa-filter-town">Town or area</label>'
        '<select id="sendqa-filter-town" name="town"><option value="">Anywhere</option>'
        f"{options}</select></div>"
    )


def _directory(
    page: RenderedPage, catalogue: Catalogue, page_url: str, area: str, items: ServiceItems
) -> RenderedPage:
    """The directory: a filter form (shown by JavaScript) over a plain list of every service."""
    rules = catalogue.rules
    total = len(catalogue.services)
    form = (
        '<form class="sendqa-filter" data-sendqa-filter hidden role="search" '
        'aria-label="Narrow the list of services" method="get" action="">'
        '<div class="sendqa-filter__field sendqa-filter__field--wide">'
        '<label for="sendqa-filter-q">Search by word</label>'
        '<span class="sendqa-filter__hint" id="sendqa-filter-q-hint">For example: speech, '
        "autism, short breaks</span>"
        '<input id="sendqa-filter-q" name="q" type="search" autocomplete="off" '
        'aria-describedby="sendqa-filter-q-hint"></div>'
        + age_options("sendqa-filter-age")
        + '<div class="sendqa-filter__field">'
        '<label for="sendqa-filter-born">Or their date of birth</label>'
        '<span class="sendqa-filter__hint" id="sendqa-filter-born-hint">Worked out on this '
        "device; never sent or saved</span>"
        '<input id="sendqa-filter-born" type="date" autocomplete="off" data-sendqa-born '
        'aria-describedby="sendqa-filter-born-hint"></div>'
        + _options("need", "Area of need", "Any need", rules.needs)
        + _options("kind", "Kind of support", "Any kind", groups_of(catalogue, "kind"))
        + _town_options(catalogue)
        + '<div class="sendqa-filter__actions">'
        '<button type="submit" class="md-button md-button--primary">Show services</button>'
        '<button type="button" class="md-button" data-sendqa-nearest hidden>'
        "Nearest to me</button>"
        '<button type="reset" class="md-button">Clear</button></div></form>\n'
    )
    status = (
        f'<p class="sendqa-filter__status" data-sendqa-status role="status" '
        f'aria-live="polite" data-total="{total}">Showing all {_count(total)}.</p>\n'
    )
    return (
        page.add(
            f"Every service in the {_md(area)} Local Offer, in alphabetical order, with the ages "
            "each is for. You can also "
            "browse services by [age](by-age/index.md), by [area of need](by-need/index.md) or "
            "by [kind of support](by-kind/index.md).\n\n"
        )
        .block(lambda: form)
        .block(lambda: status)
        .block(lambda: items.service_list(catalogue.services, page_url, " data-sendqa-directory"))
    )


def home_links(plans: list[PagePlan], urls: Mapping[str, str]) -> list[dict[str, str]]:
    """Links for the home page's "Find services" box: the directory, each age band, and the
    overviews by need and by kind, so every browse page is one step from the home page."""
    links = []
    for plan in plans:
        if plan.dimension in ("directory", "age", "index") and not (
            plan.dimension == "index" and plan.group and plan.group.id == "age"
        ):
            links.append({"title": plan.title, "url": urls[plan.src], "kind": plan.dimension})
    return links


def home_form(catalogue: Catalogue, plans: list[PagePlan]) -> str:
    """The home page's "How old is your child?" form: age and area of need, sent to the
    directory, which shows the services for exactly that age (three taps from the home page).
    Without JavaScript the directory still lists every service. ``{action}`` stands for the
    directory's address, relative to the home page."""
    directory = next((p for p in plans if p.dimension == "directory"), None)
    if directory is None:
        return ""
    needs = "".join(
        f'<option value="{_e(n.id)}">{_e(n.label)}</option>' for n in catalogue.rules.needs
    )
    return (
        '<form class="sendqa-find__form" method="get" action="{action}" '
        'aria-labelledby="sendqa-find-form-title">'
        '<p class="sendqa-find__form-title" id="sendqa-find-form-title">Services for your '
        "child</p>"
        + age_options("sendqa-home-age")
        + '<div class="sendqa-filter__field"><label for="sendqa-home-need">Help with</label>'
        '<select id="sendqa-home-need" name="need"><option value="">Any need</option>'
        f"{needs}</select></div>"
        '<button type="submit" class="md-button md-button--primary">Show services</button>'
        "</form>"
    )
