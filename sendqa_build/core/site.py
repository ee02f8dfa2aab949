"""The site index: every page's checked front matter, read once and shared by every check.

Coverage, freshness, browse pages, the open data feed and the QA report all need to know about
every page before any page is rendered; reading the sources once here keeps that cheap and
consistent.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sendqa_build.core.durations import Duration, DurationError, add_duration, parse_duration
from sendqa_build.core.frontmatter import (
    FrontMatterResult,
    PageTypes,
    SourceParts,
    check_front_matter,
)
from sendqa_build.core.frontmatter.kept import result_from_data, result_to_data
from sendqa_build.core.nesting import cap_nesting, capped_finding
from sendqa_build.core.requirements import Catalogue, load_catalogue
from sendqa_build.models import Finding, Severity
from sendqa_build.pagecache import PageCache, digest
from sendqa_build.rules import RulesError, file_stamp, load_rules_file

ENCODING_CHECK = "encoding"


def numbered_lines(text: str, first_line: int) -> Iterator[tuple[int, str]]:
    """``(file line, text)`` for each line of ``text``, which starts at file line ``first_line``
    (a page body, whose first line comes after the front matter)."""
    return enumerate(text.split("\n"), start=first_line)


@dataclass
class PageRecord:
    """One Markdown page: where it lives, its checked front matter and its body."""

    src: str
    """Path under the docs folder, with forward slashes (``services/portage.md``)."""
    url: str
    """Site-relative URL of the built page (``services/portage/``)."""
    result: FrontMatterResult
    review_period: Duration | None = None
    """The page's ``review_in``, or the configured default."""
    extra_findings: list[Finding] = field(default_factory=list)
    """Problems found while reading the file (such as its encoding)."""

    @property
    def meta(self) -> dict[str, Any]:
        """Checked, converted front matter values (see FrontMatterResult)."""
        return self.result.meta

    @property
    def parts(self) -> SourceParts:
        """The page split into front matter and body (in the index, ``front_matter`` is ``""``
        for a page that has front matter: its text is not kept once checked)."""
        return self.result.parts

    @property
    def body(self) -> str:
        """The Markdown after the front matter."""
        return self.result.parts.body

    @property
    def body_line(self) -> int:
        """File line on which the body starts (add ``index`` of a body line to get its line)."""
        return self.result.parts.body_line

    @property
    def findings(self) -> list[Finding]:
        """Every problem with reading the page or its front matter."""
        return [*self.extra_findings, *self.result.findings]

    @property
    def page_type(self) -> str:
        """``guide``, ``service`` or ``you-said-we-did``."""
        return str(self.meta.get("type", "guide"))

    @property
    def title(self) -> str:
        """The front matter title, or the file name as a fallback."""
        title = self.meta.get("title")
        if isinstance(title, str) and title:
            return title
        stem = self.src.rsplit("/", 1)[-1].removesuffix(".md")
        return stem.replace("-", " ").replace("_", " ").capitalize()

    @property
    def owner(self) -> str | None:
        """The team that owns the page, when given."""
        owner = self.meta.get("owner")
        return owner if isinstance(owner, str) else None

    @property
    def last_reviewed_on(self) -> dt.date | None:
        """When the page was last checked, when valid."""
        value = self.meta.get("last_reviewed_on")
        return value if isinstance(value, dt.date) else None

    @property
    def review_by(self) -> dt.date | None:
        """The date by which the page must be reviewed again."""
        if self.last_reviewed_on is None or self.review_period is None:
            return None
        return add_duration(self.last_reviewed_on, self.review_period)

    @property
    def covers(self) -> list[str]:
        """Requirement ids this page claims to cover."""
        return list(self.meta.get("covers") or [])

    def body_lines(self) -> Iterator[tuple[int, str]]:
        """Yield ``(file line, text)`` for each body line."""
        return numbered_lines(self.body, self.body_line)


@dataclass
class SiteIndex:
    """Every page of the site, by path, in a stable order."""

    pages: dict[str, PageRecord] = field(default_factory=dict)

    def __iter__(self) -> Iterator[PageRecord]:
        return iter(self.pages[src] for src in sorted(self.pages))

    def __len__(self) -> int:
        return len(self.pages)

    def get(self, src: str) -> PageRecord | None:
        """The page at ``src``, if any."""
        return self.pages.get(src)

    def of_type(self, page_type: str) -> list[PageRecord]:
        """Pages of one type, in path order."""
        return [page for page in self if page.page_type == page_type]

    def findings(self) -> list[Finding]:
        """Every front matter and reading problem on the site."""
        return [finding for page in self for finding in page.findings]


def decode_source(raw: bytes, src: str) -> tuple[str, list[Finding]]:
    """Decode a page's bytes: UTF-8 (with or without a byte-order mark), else UTF-16 (Word
    and Notepad's "Unicode", with or without a byte-order mark), else Windows-1252.

    Text pasted from Word is often saved as Windows-1252 or UTF-16; it is read anyway so the
    rest of the site can be checked, with a warning to save it as UTF-8. NUL characters are
    taken out, so they reach neither the log nor the page.
    """
    findings: list[Finding] = []
    utf16 = utf16_encoding(raw)
    if utf16 is not None:
        text = raw.decode(utf16, errors="replace").lstrip("\ufeff")
        findings.append(
            Finding(
                ENCODING_CHECK,
                src,
                1,
                Severity.WARNING,
                "the file is saved as UTF-16 (Word and Notepad call it 'Unicode'), not UTF-8",
                "open it in your editor and save it again with UTF-8 encoding",
            )
        )
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            findings.append(
                Finding(
                    ENCODING_CHECK,
                    src,
                    line,
                    Severity.WARNING,
                    "the file is not saved as UTF-8 (it looks like text pasted from Word or "
                    "saved as Windows-1252)",
                    "open it in your editor and save it with UTF-8 encoding",
                )
            )
            text = raw.decode("cp1252", errors="replace")
    nul = text.find("\x00")
    if nul >= 0:
        findings.append(
            Finding(
                ENCODING_CHECK,
                src,
                text.count("\n", 0, nul) + 1,
                Severity.WARNING,
                "the file contains NUL characters (hidden zero bytes, often left by a copy "
                "from another program); they are left out of the page",
                "open the file in your editor and save it again as plain UTF-8 text",
            )
        )
        text = text.replace("\x00", "")
    return text, findings


_UTF16_BOMS = {codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}


def utf16_encoding(raw: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the bytes are UTF-16 text, else None.

    With a byte-order mark that decides; without one, UTF-16 text of the Latin alphabet has a
    zero byte in every other place (odd places for little-endian), which UTF-8 text never has.
    """
    if raw.startswith(codecs.BOM_UTF32_LE):
        return None  # not something an editor saves; read as bytes below
    for bom, encoding in _UTF16_BOMS.items():
        if raw.startswith(bom) and len(raw) % 2 == 0:
            return encoding
    sample = raw[:4096]
    pairs = len(sample) // 2
    if pairs < 2 or len(raw) % 2:
        return None
    odd = sample[1::2].count(0)
    even = sample[0::2].count(0)
    name: str | None = None
    if odd >= pairs * 0.3 and even <= pairs * 0.02:
        name = "utf-16-le"
    elif even >= pairs * 0.3 and odd <= pairs * 0.02:
        name = "utf-16-be"
    if name is None:
        return None
    try:
        raw.decode(name)
    except UnicodeDecodeError:
        return None
    return name


def unreadable_file(src: str, error: OSError) -> Finding:
    """The finding for a page whose file cannot be read at all (the page is left out).

    A broken link (symlink) to a moved file and a file without read permission are the usual
    causes on shared drives and CI machines.
    """
    if isinstance(error, FileNotFoundError):
        why, fix = (
            "it is a link to a file that does not exist",
            "restore the file it points to, or delete the link",
        )
    elif isinstance(error, PermissionError):
        why, fix = (
            "permission denied",
            "ask whoever manages the computer to let the build read it (chmod a+r)",
        )
    else:
        why, fix = (str(error.strerror or error), "save the file again, or restore it from git")
    return Finding(
        ENCODING_CHECK,
        src,
        None,
        Severity.WARNING,
        f"the file cannot be read, so the page is left out of the site ({why})",
        fix,
    )


@dataclass(frozen=True)
class IndexSettings:
    """What every page's front matter is checked against."""

    rules: PageTypes
    today: dt.date
    default_review: Duration
    """Review period for pages without ``review_in``."""
    known_requirements: frozenset[str] | None
    """Ids in the requirement catalogue."""
    home: str = "index.md"
    """Path of the home page, which may leave out type-specific fields."""


def index_page(
    src: str,
    url: str,
    text: str,
    reading: list[Finding],
    settings: IndexSettings,
    cache: PageCache | None = None,
) -> PageRecord:
    """Check one page's front matter and make its index entry (``cache``: the checked front
    matter of pages unchanged since the last build, stamped with the settings' rules)."""
    result = _checked(src, text, settings, cache)
    if result.parts.front_matter:
        # Only the check reads the YAML text; the index keeps just that the page has some.
        result.parts = replace(result.parts, front_matter="")
    body, capped = cap_nesting(result.parts.body)
    if capped is not None:
        # Lists nested hundreds deep: every check, and the page, get them 20 levels deep.
        result.parts = replace(result.parts, body=body)
        reading = [*reading, capped_finding(src, result.parts.body_line + capped)]
    period = result.meta.get("review_in")
    return PageRecord(
        src=src,
        url=url,
        result=result,
        review_period=period if isinstance(period, Duration) else settings.default_review,
        extra_findings=list(reading),
    )


def _checked(
    src: str, text: str, settings: IndexSettings, cache: PageCache | None
) -> FrontMatterResult:
    def make() -> FrontMatterResult:
        return check_front_matter(
            text,
            src,
            settings.rules,
            today=settings.today,
            known_requirements=settings.known_requirements,
            is_home=src == settings.home,
        )

    if cache is None:
        return make()
    read = functools.partial(result_from_data, text)
    return cache.reuse(digest(src, text), make, result_to_data, read)


def build_index(
    sources: Iterable[tuple[str, str, str, list[Finding]]],
    rules: PageTypes,
    *,
    today: dt.date,
    default_review: Duration,
    known_requirements: frozenset[str] | None,
    home: str = "index.md",
) -> SiteIndex:
    """Check the front matter of every page and index the results.

    Args:
        sources: ``(src path, url, text, reading findings)`` for each Markdown page.
        rules: the page-type rules.
        today: the reference date.
        default_review: review period for pages without ``review_in``.
        known_requirements: ids in the requirement catalogue.
        home: path of the home page, which may leave out type-specific fields.
    """
    settings = IndexSettings(rules, today, default_review, known_requirements, home)
    index = SiteIndex()
    for src, url, text, reading in sources:
        index.pages[src] = index_page(src, url, text, reading, settings)
    return index


@dataclass
class ReadPage:
    """One page file read and checked, or why it cannot be read."""

    src: str
    record: PageRecord | None
    """The index entry; None when the file cannot be read (``problem`` says why)."""
    problem: Finding | None = None
    decoded: str | None = None
    """The text of a file that is not UTF-8, as read (for MkDocs to render it instead of
    stopping on it); None for the usual UTF-8 file."""


def read_page(
    src: str, url: str, path: str, settings: IndexSettings, cache: PageCache | None = None
) -> ReadPage:
    """Read a page's file, decode it and check its front matter (``cache``: see
    ``index_page``)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        # Left out of the site (MkDocs would stop the whole build on it), with the reason.
        return ReadPage(src, None, unreadable_file(src, exc))
    text, reading = decode_source(raw, src)
    del raw
    record = index_page(src, url, text, reading, settings, cache)
    return ReadPage(src, record, decoded=text if reading else None)


@dataclass(frozen=True)
class SiteRules:
    """The rules every page is read with: page types, requirement ids, default review period."""

    page_types: PageTypes
    catalogue: Catalogue
    default_review: Duration
    stamp: str = ""
    """A hash of the rule files as read: what results kept between builds were checked
    against (``index_fingerprint``, coverage's ``kept_fingerprint``)."""


SITE_RULE_FILES = ("page-types.yml", "requirements.yml")
"""The files of ``checks/`` every page's front matter is checked against."""


def index_fingerprint(rules: SiteRules, settings: IndexSettings) -> str:
    """What a page's checked front matter depends on besides the page and sendqa's own code:
    the rule files (``SiteRules.stamp``), the reference date, the default review period and
    which page is home."""
    period = settings.default_review
    return digest(
        settings.today.isoformat(),
        f"{period.years} {period.months} {period.weeks} {period.days}",
        settings.home,
        rules.stamp,
    )


def load_site_rules(rules_dir: Path, default_review_in: str) -> SiteRules:
    """Read ``page-types.yml`` and ``requirements.yml`` and parse the default review period.

    The MkDocs plugin and ``sendqa check`` both read pages this way, so they never disagree.

    Raises:
        RulesError: naming the file or option that is wrong.
    """
    types, requirements = (rules_dir / name for name in SITE_RULE_FILES)
    types_stamp = file_stamp(types)
    page_types = PageTypes.from_data(load_rules_file(types), types)
    requirements_stamp = file_stamp(requirements)
    catalogue = load_catalogue(requirements)
    stamp = digest(types_stamp, requirements_stamp)
    try:
        period = parse_duration(default_review_in)
    except DurationError as exc:
        raise RulesError(
            "'default_review_in' of sendqa/frontmatter must be a period such as '12 months', "
            f"found '{exc}'"
        ) from exc
    return SiteRules(page_types, catalogue, period, stamp)
