"""``sendqa check``: the content checks on some pages, without a full MkDocs build.

Fast enough for a pre-commit hook: mkdocs.yml is read with MkDocs' own loader (so each check uses
the options the build uses, and a check switched off there is off here too), but nothing is built.
Only the given pages are read and checked, plus the few other pages a check needs to see (every
"You said, we did" round, to know which is the newest).

Each check is a function registered here that runs the check's pure, page-level logic from
``sendqa_build/core/``. Checks of the whole site (a requirement no page covers, external links)
need the whole site and stay with ``mkdocs build``.

Adding a check: write ``setup(project, options) -> run`` that loads the check's rules once
(raising ``RulesError`` for a broken rule file) and returns ``run(index, pages) -> findings``,
and decorate it with ``@register("sendqa/<check>")``. Findings about pages other than the ones
being checked are dropped, so ``run`` may look at the whole index.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from sendqa_build.containment import (
    ContainedSnippets,
    allowed_roots,
    outside_files,
    snippet_findings,
)
from sendqa_build.core.browse import BrowseRules, build_catalogue
from sendqa_build.core.coverage import (
    SHOWN_FIELDS,
    Match,
    PageFacts,
    check_coverage,
    page_facts,
)
from sendqa_build.core.feedback import FeedbackRules, check_feedback
from sendqa_build.core.freshness import FreshnessRules, review_findings, review_site
from sendqa_build.core.frontmatter import PageTypes
from sendqa_build.core.nesting import guard_nesting
from sendqa_build.core.plain_english import Levels, PlainEnglishRules, check_pages, title_of
from sendqa_build.core.requirements import load_catalogue
from sendqa_build.core.safety import make_safe, removal_findings
from sendqa_build.core.silence import apply_silences
from sendqa_build.core.site import (
    PageRecord,
    SiteIndex,
    build_index,
    decode_source,
    load_site_rules,
)
from sendqa_build.core.structure import StructureRules, check_structure
from sendqa_build.models import Finding, Severity, sorted_findings
from sendqa_build.rules import RulesError, load_rules_file

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


class CheckRunError(Exception):
    """The project cannot be checked (no mkdocs.yml, a broken rule file); one line to show."""


# ---------------------------------------------------------------------------------------------
# The project and the pages being checked


@dataclass
class Project:
    """mkdocs.yml as the build reads it, and where everything is."""

    config: MkDocsConfig
    root: Path
    """The folder holding mkdocs.yml."""
    docs_dir: Path
    rules_dir: Path
    today: dt.date

    def options(self, plugin: str) -> Any | None:
        """A plugin's validated options, or None when it is not in mkdocs.yml or switched off."""
        found: Any = self.config.plugins.get(plugin)
        if found is None or not found.config.enabled:
            return None
        return found.config

    def council(self, key: str) -> str | None:
        """``extra.council.<key>`` from mkdocs.yml, when set."""
        extra: Any = self.config.extra or {}
        council = extra.get("council")
        value = council.get(key) if isinstance(council, dict) else None
        return str(value) if value else None


@dataclass
class Target:
    """A page being checked, with its Markdown rendered only if a check needs the HTML."""

    record: PageRecord
    render: Callable[[str], str]
    snippets: ContainedSnippets | None = None
    """The guard in ``render``'s Markdown that keeps snippets inside the project."""
    refused_snippets: list[str] = field(default_factory=list)
    """Snippets of this page left out because they lead outside the project."""
    _html: str | None = field(default=None, repr=False)

    @property
    def src(self) -> str:
        """Path under the docs folder."""
        return self.record.src

    nesting: Finding | None = None
    """Set when the body nests too deeply to convert (it is converted as plain text)."""

    @property
    def html(self) -> str:
        """The body as HTML, converted with the Markdown extensions of mkdocs.yml."""
        if self._html is None:
            record = self.record
            body, self.nesting = guard_nesting(
                record.src, record.body, record.body_line, self.render
            )
            if self.snippets is not None:
                self.snippets.take_refused()  # only what this page's own conversion refuses
            self._html = self.render(body)
            if self.snippets is not None:
                self.refused_snippets = self.snippets.take_refused()
        return self._html


Run = Callable[[SiteIndex, Sequence[Target]], Iterable[Finding]]
Setup = Callable[[Project, Any], Run | None]


@dataclass(frozen=True)
class CheckSpec:
    """A registered check."""

    plugin: str | None
    """Runs when this plugin is in mkdocs.yml and enabled (None: always, as MkDocs' own)."""
    setup: Setup
    context: str | None = None
    """Text that marks other pages this check must see (they are read and indexed too)."""


CHECKS: list[CheckSpec] = []


def register(plugin: str | None, *, context: str | None = None) -> Callable[[Setup], Setup]:
    """Add a check to ``sendqa check`` (see the module docstring)."""

    def add(setup: Setup) -> Setup:
        CHECKS.append(CheckSpec(plugin, setup, context))
        return setup

    return add


# ---------------------------------------------------------------------------------------------
# Loading the project


def load_project(config_file: Path, rules_dir: Path | None, today: dt.date) -> Project:
    """Read mkdocs.yml with MkDocs' own loader (plugins' options validated, nothing built).

    Raises:
        CheckRunError: when mkdocs.yml is missing or invalid.
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

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
    root = config_file.resolve().parent
    frontmatter: Any = config.plugins.get("sendqa/frontmatter")
    if rules_dir is None:
        rules_dir = Path(frontmatter.config.rules_dir) if frontmatter else root / "checks"
    return Project(config, root, Path(config.docs_dir), rules_dir, today)


def _renderer(config: MkDocsConfig, snippets: ContainedSnippets) -> Callable[[str], str]:
    import markdown

    def render(body: str) -> str:
        md = markdown.Markdown(
            extensions=[*config.markdown_extensions, snippets],
            extension_configs=config.mdx_configs,
        )
        return md.convert(body)

    return render


def doc_pages(project: Project) -> dict[str, str]:
    """Every Markdown page the build would use: path under the docs folder -> its URL.

    Uses MkDocs' own file list, so ``exclude_docs`` and drafts count as in the build.
    """
    from mkdocs.structure.files import get_files

    files = get_files(project.config)
    return {file.src_uri: file.url for file in files.documentation_pages()}


def other_files(project: Project) -> set[str]:
    """Every file in the docs folder (pages, images, documents), for links to them."""
    found = set()
    for dirpath, dirnames, filenames in os.walk(project.docs_dir):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel = Path(dirpath).relative_to(project.docs_dir).as_posix()
        for name in filenames:
            found.add(name if rel == "." else f"{rel}/{name}")
    return found


def select_pages(project: Project, paths: Sequence[Path], pages: dict[str, str]) -> list[str]:
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


def _read(project: Project, src: str) -> tuple[str, list[Finding]]:
    path = project.docs_dir / src
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CheckRunError(
            f"{_shown(path)}: cannot read the file ({exc.strerror or exc})"
        ) from exc
    return decode_source(raw, src)


def read_index(
    project: Project, selected: Sequence[str], pages: dict[str, str], contexts: Sequence[str]
) -> SiteIndex:
    """The site index of the selected pages and of pages holding any ``contexts`` text.

    Raises:
        CheckRunError: when the page-type rules or the catalogue cannot be read.
    """
    frontmatter: Any = project.config.plugins.get("sendqa/frontmatter")
    default = frontmatter.config.default_review_in if frontmatter else "12 months"
    try:
        site_rules = load_site_rules(project.rules_dir, default)
    except RulesError as exc:
        raise CheckRunError(str(exc)) from exc
    wanted = set(selected)
    sources = []
    for src in sorted(pages):
        if src not in wanted and not contexts:
            continue
        try:
            text, reading = _read(project, src)
        except CheckRunError:
            if src in wanted:
                raise
            continue  # another page that cannot be read: the build reports it
        if src in wanted or any(marker in text for marker in contexts):
            sources.append((src, pages[src], text, reading))
    return build_index(
        sources,
        site_rules.page_types,
        today=project.today,
        default_review=site_rules.default_review,
        known_requirements=site_rules.catalogue.ids,
        home="index.md",
    )


# ---------------------------------------------------------------------------------------------
# Running the checks


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
    """Check the pages under ``paths`` (every page when empty).

    Raises:
        CheckRunError: for a bad path or a broken rule file.
    """
    pages = doc_pages(project)
    selected = select_pages(project, paths, pages)
    # Pages that lead outside the project are never read (as in the build).
    roots = allowed_roots(project.root, project.docs_dir)
    refused, outside = outside_files(
        ((src, str(project.docs_dir / src)) for src in pages),
        project.docs_dir,
        roots,
        by_folder=False,
    )
    pages = {src: url for src, url in pages.items() if src not in refused}
    runs: list[tuple[Run, str | None]] = []
    for spec in CHECKS:
        options = project.options(spec.plugin) if spec.plugin else None
        if spec.plugin and options is None:
            continue
        try:
            run = spec.setup(project, options)
        except RulesError as exc:
            raise CheckRunError(str(exc)) from exc
        if run is not None:
            runs.append((run, spec.context))
    contexts = [context for _, context in runs if context]
    index = read_index(project, selected, pages, contexts)
    snippets = ContainedSnippets(roots)
    render = _renderer(project.config, snippets)
    targets = [Target(index.pages[src], render, snippets) for src in selected if src in index.pages]
    wanted = set(selected)
    findings: list[Finding] = [f for f in outside if f.page in wanted]
    for run, _ in runs:
        findings.extend(f for f in run(index, targets) if f.page in wanted)
    for target in targets:
        if "--8<--" in target.record.body:
            target.html  # noqa: B018 - converted, if no check did, to find its snippets
            lines = target.record.body_lines()
            findings.extend(snippet_findings(target.src, target.refused_snippets, lines))

    def source(src: str) -> tuple[str, int] | None:
        record = index.get(src)
        return (record.body, record.body_line) if record is not None else None

    findings = sorted_findings(set(apply_silences(findings, source)))
    return CheckReport(selected, findings, shown_prefix(project))


def shown_prefix(project: Project) -> str:
    """The docs folder as the editor typed it from here (``content``)."""
    rel = os.path.relpath(project.docs_dir)
    return rel.replace(os.sep, "/") if not rel.startswith("..") else str(project.docs_dir)


# ---------------------------------------------------------------------------------------------
# The checks


@register("sendqa/frontmatter")
def _front_matter(project: Project, options: Any) -> Run:
    """Front matter and file encoding (found while the index is built), and script in the page
    that the build takes out of the published HTML."""

    def run(index: SiteIndex, targets: Sequence[Target]) -> Iterator[Finding]:
        for t in targets:
            yield from t.record.findings
            _, removed = make_safe(t.html)
            if t.nesting is not None:
                yield t.nesting
            if removed:
                yield from removal_findings(t.src, removed, t.record.body_lines())

    return run


@register("sendqa/freshness")
def _freshness(project: Project, options: Any) -> Run:
    path = project.rules_dir / "freshness.yml"
    rules = FreshnessRules.from_data(load_rules_file(path), path)

    def run(index: SiteIndex, targets: Sequence[Target]) -> list[Finding]:
        own = SiteIndex({t.src: t.record for t in targets})
        return review_findings(review_site(own, project.today, rules), rules)

    return run


def _coverage_facts(target: Target | PageRecord) -> PageFacts:
    record = target.record if isinstance(target, Target) else target
    return page_facts(
        record.src,
        record.meta,
        record.body_lines(),
        covers_line=record.result.line_of("covers"),
        body_line=record.body_line,
        field_lines={key: record.result.line_of(key) for key in SHOWN_FIELDS},
    )


@register("sendqa/coverage")
def _coverage(project: Project, options: Any) -> Run:
    catalogue = load_catalogue(project.rules_dir / "requirements.yml")
    path = project.rules_dir / "page-types.yml"
    rules = PageTypes.from_data(load_rules_file(path), path)
    guidance = Severity.WARNING if options.guidance_level == "warn" else Severity.INFO

    def run(index: SiteIndex, targets: Sequence[Target]) -> list[Finding]:
        facts = [_coverage_facts(t) for t in targets]
        # Site-wide findings (no page covers X) are dropped: they need every page.
        result = check_coverage(
            facts, catalogue, rules, guidance=guidance, area=project.council("area")
        )
        return result.findings

    return run


def coverage_evidence(project: Project, paths: Sequence[Path]) -> list[tuple[str, Match]]:
    """For ``sendqa check --explain``: on the pages under ``paths``, each requirement they
    cover (``covers``) with the heading or sentence that counts for each of its items, so an
    editor sees what counted (and a wrong match shows).

    Raises:
        CheckRunError: for a bad path or a broken rule file.
    """
    if project.options("sendqa/coverage") is None:
        return []
    pages = doc_pages(project)
    selected = select_pages(project, paths, pages)
    index = read_index(project, selected, pages, [])
    try:
        catalogue = load_catalogue(project.rules_dir / "requirements.yml")
        path = project.rules_dir / "page-types.yml"
        rules = PageTypes.from_data(load_rules_file(path), path)
    except RulesError as exc:
        raise CheckRunError(str(exc)) from exc
    facts = [_coverage_facts(index.pages[src]) for src in selected if src in index.pages]
    result = check_coverage(facts, catalogue, rules, area=project.council("area"))
    found = [(row.requirement.id, m) for row in result.matrix for m in row.matches]
    return sorted(found, key=lambda pair: (pair[1].page, pair[1].line, pair[0]))


@register("sendqa/plain-english")
def _plain_english(project: Project, options: Any) -> Run:
    rules = PlainEnglishRules.load(Path(options.rules_dir))
    levels = Levels(
        acronyms=Severity(options.acronyms_level),
        words=Severity(options.words_level),
        readability=Severity(options.readability_level),
    )

    def run(index: SiteIndex, targets: Sequence[Target]) -> Iterator[Finding]:
        records = [
            t.record
            for t in targets
            if not any(fnmatch.fnmatch(t.src, pattern) for pattern in options.exclude)
        ]
        # Together, as the build checks them: a note about an unknown acronym is kept only
        # when several of the pages checked use it.
        pages = [(record.src, record.body, record.body_line) for record in records]
        titles = {record.src: title for record in records if (title := title_of(record))}
        for check in check_pages(pages, rules, levels, titles):
            yield from check.findings

    return run


@register("sendqa/feedback", context="you-said-we-did")
def _feedback(project: Project, options: Any) -> Run:
    path = project.root / options.rules_file
    rules = FeedbackRules.from_data(load_rules_file(path), path)
    # Every round is in the index (the context), so "the newest round" is the site's newest.
    return lambda index, targets: check_feedback(index, rules, today=project.today).findings


@register("sendqa/browse")
def _browse(project: Project, options: Any) -> Run | None:
    """Services no kind of provision fits (for the browse pages), and page structure."""
    path = Path(options.rules_dir) / "browse.yml"
    browse = BrowseRules.from_data(load_rules_file(path), path) if options.browse_pages else None
    path = Path(options.rules_dir) / "structure.yml"
    structure = StructureRules.from_data(load_rules_file(path), path) if options.structure else None

    def run(index: SiteIndex, targets: Sequence[Target]) -> Iterator[Finding]:
        if browse is not None:
            yield from build_catalogue([t.record for t in targets], browse).findings
        if structure is not None:
            for t in targets:
                yield from check_structure(t.html, t.src, t.record.body_lines(), structure)

    return run


def generated_pages(project: Project) -> tuple[str, ...]:
    """Paths of pages sendqa's plugins generate (a folder ends with ``/``): links to them are
    fine although no such file is in the docs folder."""
    found: list[str] = []
    browse = project.options("sendqa/browse")
    if browse is not None and browse.browse_pages:
        path = Path(browse.rules_dir) / "browse.yml"
        found.append(BrowseRules.from_data(load_rules_file(path), path).folder + "/")
    plain = project.options("sendqa/plain-english")
    if plain is not None and plain.jargon_buster.strip():
        found.append(plain.jargon_buster.strip().lstrip("/"))
    return tuple(found)


@register(None)
def _internal_links(project: Project, options: Any) -> Run:
    """MkDocs' own check of links to other files of the site (it runs in every build)."""
    files = other_files(project)
    generated = generated_pages(project)

    def exists(path: str) -> bool:
        return path in files or path.startswith(generated) or path in generated

    def run(index: SiteIndex, targets: Sequence[Target]) -> Iterator[Finding]:
        for t in targets:
            yield from broken_relative_links(t.src, t.html, t.record.body_lines(), exists)

    return run


# ---------------------------------------------------------------------------------------------
# Relative links (what MkDocs' ``validation.links`` reports in a build)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href") is not None:
            self.hrefs.append(str(values["href"]))
        elif tag == "img" and values.get("src"):
            self.hrefs.append(str(values["src"]))


def _line_of(href: str, lines: Sequence[tuple[int, str]]) -> int | None:
    for number, text in lines:
        if href in text or unquote(href) in text:
            return number
    return None


_LINK_ATTRIBUTE = re.compile(r"\b(?:href|src)\s*=", re.IGNORECASE)


def broken_relative_links(
    page: str, html: str, lines: Iterable[tuple[int, str]], exists: Callable[[str], bool]
) -> list[Finding]:
    """Links and images in a page's HTML that point to a file of the site that does not exist,
    or to an anchor that is not on the page.

    Args:
        page: the page's path under the docs folder.
        html: the page's body converted to HTML.
        lines: ``(file line, text)`` of the page's Markdown body, to say where each link is.
        exists: whether a path under the docs folder is a file of the site.
    """
    if _LINK_ATTRIBUTE.search(html) is None:
        return []  # no link to check (and the HTML parser is slow on long lines of "<")
    parser = _Links()
    parser.feed(html)
    parser.close()
    body = list(lines)
    findings = []
    for href in dict.fromkeys(parser.hrefs):
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("/"):
            continue  # another site, mailto:, tel:, or absolute (MkDocs reports those itself)
        if not parts.path:
            anchor = unquote(parts.fragment)
            if anchor and anchor not in parser.ids:
                findings.append(
                    Finding(
                        "links",
                        page,
                        _line_of(href, body),
                        Severity.WARNING,
                        f"the link '{href}' points to '#{anchor}', which is not on this page",
                        "correct the part after '#' to match a heading on the page",
                    )
                )
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        if exists(target):
            continue
        fix = "correct the address: link to the page's .md file, relative to this page"
        if target == ".." or target.startswith("../"):
            message = f"the link '{href}' points outside the docs folder"
        elif exists(posixpath.join(target, "index.md")):
            message = f"the link '{href}' points to a folder"
            fix = f"link to its page instead: '{posixpath.join(parts.path, 'index.md')}'"
        else:
            message = f"the link '{href}' points to '{target}', which is not a file of this site"
        findings.append(
            Finding("links", page, _line_of(href, body), Severity.WARNING, message, fix)
        )
    return findings
