"""Links: find every web address a page uses, sort check results, report them.

A Local Offer is mostly links to schools, NHS services, forms and charities. Each address is found
once per page and line (in the body and in ``contact.website``), checked once however many pages
use it, and every result is mapped back to every page and line that uses it. Results are cached
between builds by ``core/linkcache.py``.

No MkDocs imports and no clock.
"""

from __future__ import annotations

import fnmatch
import functools
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit

from sendqa_build.core import plainhtml
from sendqa_build.models import Finding, Severity
from sendqa_build.rules import RulesError, expect_mapping
from sendqa_build.summaries import (
    BrokenInternalLink,
    ExternalLinkCounts,
    LinksSummary,
    PageLinkCounts,
)

CHECK = "links"

OK = "ok"
BROKEN = "broken"
UNVERIFIED = "unverified"

# ---------------------------------------------------------------------------------------------
# Rules (checks/links.yml)


@dataclass(frozen=True)
class LinkRules:
    """How statuses are sorted and which addresses are never checked."""

    broken: frozenset[int] = frozenset({404, 410})
    unverified: frozenset[int] = frozenset({401, 403, 429, 500, 502, 503, 504})
    permanent_redirects: frozenset[int] = frozenset({301, 308})
    ignore: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, data: Any, path: Path) -> LinkRules:
        """Read ``checks/links.yml``.

        Raises:
            RulesError: naming the file and the entry that is wrong.
        """
        mapping = expect_mapping(
            data, path, {"broken", "unverified", "permanent_redirects", "ignore"}
        )
        statuses = {
            key: _statuses(mapping.get(key, []), path, key)
            for key in ("broken", "unverified", "permanent_redirects")
        }
        ignore = mapping.get("ignore") or []
        if not isinstance(ignore, list) or not all(isinstance(i, str) for i in ignore):
            raise RulesError(
                f"Error reading rules file '{path}': 'ignore' must be a list of host names or "
                "address patterns, such as '*.example.org'"
            )
        return cls(
            broken=statuses["broken"],
            unverified=statuses["unverified"],
            permanent_redirects=statuses["permanent_redirects"],
            ignore=tuple(i.strip() for i in ignore if i.strip()),
        )

    def ignores(self, url: str) -> bool:
        """True when ``url`` (canonical form) matches an entry of ``ignore``."""
        host = (urlsplit(url).hostname or "").lower()
        addresses, domains, hosts = _ignore_patterns(self.ignore)
        return (
            host in hosts
            or any(host == base or host.endswith(dot_base) for base, dot_base in domains)
            or any(fnmatch.fnmatchcase(url.lower(), pattern) for pattern in addresses)
        )


@functools.lru_cache(maxsize=16)
def _ignore_patterns(
    ignore: tuple[str, ...],
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], frozenset[str]]:
    """``LinkRules.ignore`` sorted once (each address is asked about): address patterns (lower
    case), domains of ``*.`` patterns (``(base, "." + base)``) and host names (lower case)."""
    addresses, domains, hosts = [], [], set()
    for pattern in ignore:
        if pattern.lower().startswith(("http://", "https://", "*://")):
            addresses.append(pattern.lower())
        elif pattern.startswith("*."):
            base = pattern[2:].lower()
            domains.append((base, "." + base))
        else:
            hosts.add(pattern.lower())
    return tuple(addresses), tuple(domains), frozenset(hosts)


def _statuses(value: Any, path: Path, key: str) -> frozenset[int]:
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) and 100 <= v <= 599 for v in value
    ):
        raise RulesError(
            f"Error reading rules file '{path}': '{key}' must be a list of HTTP status numbers "
            "such as [404, 410]"
        )
    return frozenset(value)


# ---------------------------------------------------------------------------------------------
# Finding addresses in Markdown


@dataclass(frozen=True)
class LinkUse:
    """One use of a web address on a page."""

    page: str
    """Path of the page under the docs folder."""
    line: int | None
    """File line of the use (None when unknown)."""
    url: str
    """The address as the editor wrote it."""
    where: str = "body"
    """``body`` or the front matter field (``contact.website``)."""


_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(.+?)\1")  # from a whole run of backticks: linear
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]+)>", re.IGNORECASE)
_HTML_ATTR = re.compile(r"""\b(?:href|src)\s*=\s*(["'])(.*?)\1""", re.IGNORECASE)
_BARE = re.compile(r"https?://[^\s<>\"'`\[\]{}|\\^]+", re.IGNORECASE)
_WEB = re.compile(r"^https?://", re.IGNORECASE)
_TRAILING = ".,;:!?*_~'\"’”»"


class _Visibility:
    """What of each line is visible, line after line: lines in fenced code are hidden; code
    spans and HTML comments (which may span lines) are blanked out."""

    def __init__(self) -> None:
        self.fence: str | None = None
        self.in_comment = False

    def line(self, raw: str) -> str | None:
        """The visible text of the next line, or None for a fence or a line of fenced code."""
        match = _FENCE.match(raw)
        if self.fence is not None:
            if (
                match
                and match.group(1)[0] == self.fence[0]
                and len(match.group(1)) >= len(self.fence)
            ):
                self.fence = None
            return None
        if match:
            self.fence = match.group(1)
            return None
        text = raw
        out = []
        while text:
            if self.in_comment:
                end = text.find("-->")
                if end < 0:
                    text = ""
                    break
                text = text[end + 3 :]
                self.in_comment = False
                continue
            start = text.find("<!--")
            if start < 0:
                out.append(text)
                break
            out.append(text[:start])
            text = text[start + 4 :]
            self.in_comment = True
        visible = "".join(out)
        if "`" in visible:
            visible = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), visible)
        return visible


_PAREN_OR_SPACE = re.compile(r"[()\s]")
"""What ends a run of a link destination (``\\s`` is ``str.isspace``)."""


def _destinations(text: str) -> Iterator[tuple[int, int, str]]:
    """Destinations of inline links and images ``[text](url "title")`` (CommonMark rules:
    ``<...>`` or balanced parentheses).

    Where each destination ends is worked out for all of them in one pass over the line
    (:func:`_destination_ends`): followed one by one, a line of ``](((...`` would be read to its
    end once for every ``](`` on it.
    """
    starts = []
    opening = text.find("](")
    while opening >= 0:
        i = opening + 2
        opening = text.find("](", i)
        while i < len(text) and text[i] in " \t":
            i += 1
        starts.append(i)
    ends = _destination_ends(text, [i for i in starts if not text.startswith("<", i)])
    closing = -1  # the next ">" (-1: none after the last one looked for)
    for i in starts:
        if not text.startswith("<", i):
            yield i, ends[i], text[i : ends[i]]
            continue
        if closing < i:
            closing = text.find(">", i)
            if closing < 0:
                closing = len(text)  # none later either
        if closing < len(text):
            yield i, closing + 1, text[i + 1 : closing]


def _destination_ends(text: str, starts: list[int]) -> dict[int, int]:
    """For each start, where its destination ends: at the first space, or at the first ")"
    that is not balanced by a "(" after the start, or at the end of the line."""
    if not starts:
        return {}
    marks = [(m.start(), m.group(0)) for m in _PAREN_OR_SPACE.finditer(text)]
    levels = []  # parentheses open before each mark ("(" counts 1, ")" counts -1)
    level = 0
    for _, char in marks:
        levels.append(level)
        level += 1 if char == "(" else -1 if char == ")" else 0
    ends: dict[int, int] = {}
    next_space = len(text)
    drops: dict[int, int] = {}  # level -> the nearest ")" taking the count below it
    k = len(marks) - 1
    for i in sorted(set(starts), reverse=True):
        while k >= 0 and marks[k][0] >= i:
            position, char = marks[k]
            if char == ")":
                drops[levels[k]] = position
            elif char != "(":
                next_space = position
            k -= 1
        start_level = levels[k + 1] if k + 1 < len(marks) else level
        ends[i] = min(next_space, drops.get(start_level, len(text)))
    return ends


def _trim_bare(url: str) -> str:
    """Drop punctuation that ends a sentence rather than the address (and an unbalanced ``)``)."""
    while url:
        unbalanced = url[-1] == ")" and url.count(")") > url.count("(")
        if url[-1] in _TRAILING or unbalanced:
            url = url[:-1]
        else:
            break
    return url


_NOTABLE = re.compile(r"://|<!--|-->|```|~~~")
"""What a line must hold to contain an address, or to change what later lines show: each
address found starts with http(s)://, and is cut out of one line (or of its visible text, which
joins the parts around a comment only when the line opens one); a fence needs three backticks or
tildes, and a comment opens with ``<!--`` and closes with ``-->``."""
_STATE_MARKS = ("<!--", "```", "~~~")
"""Without these (and so without a comment to close) no line changes the state."""
_URL_MARK = re.compile("://")


def find_urls(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Every http(s) address in Markdown, as ``(file line, address)`` in reading order, the
    first line of ``text`` being file line ``first_line``.

    Finds inline links and images, reference definitions, ``<autolinks>``, ``href``/``src`` in
    raw HTML and bare addresses in the text; skips code blocks, code spans and HTML comments.

    Looks only at lines that hold something ``_NOTABLE``. Any other line neither holds an
    address nor changes what the lines after it show: outside code and comments it has no
    ``://`` (even after blanking code spans), in fenced code it does not close the fence, in a
    comment it does not close the comment. Most lines of a page are such lines.
    """
    found: list[tuple[int, str]] = []
    state = _Visibility()
    number = first_line
    counted = 0  # ``number`` is the line holding text[counted]
    notable = _NOTABLE
    if not any(mark in text for mark in _STATE_MARKS):
        notable = _URL_MARK  # (faster) look for addresses only
    match = notable.search(text)
    while match is not None:
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        if end < 0:
            end = len(text)
        number += text.count("\n", counted, start)
        counted = start
        visible = state.line(text[start:end])
        if visible is not None and "://" in visible:
            found.extend((number, url) for url in line_urls(visible))
        match = notable.search(text, end)
    return found


def line_urls(text: str) -> list[str]:
    """The http(s) addresses in one visible line of Markdown, in order (see ``find_urls``)."""
    spans: list[tuple[int, int, str]] = []
    ref = _REF_DEF.match(text)
    if ref:
        spans.append((ref.start(1), ref.end(1), ref.group(1)))
    spans.extend(_destinations(text))
    if "<" in text:  # (faster) each autolink has one, as "=" and "://" below
        spans.extend((m.start(), m.end(), m.group(1)) for m in _AUTOLINK.finditer(text))
    if "=" in text:
        spans.extend((m.start(2), m.end(2), m.group(2)) for m in _HTML_ATTR.finditer(text))
    masked = text
    if spans:  # blanked in one copy of the line, not one copy per address
        characters = list(text)
        for start, end, _ in spans:
            characters[start:end] = " " * (end - start)
        masked = "".join(characters)
    if "://" in masked:
        spans.extend((m.start(), m.end(), _trim_bare(m.group(0))) for m in _BARE.finditer(masked))
    urls = (url.strip() for _start, _end, url in sorted(spans))
    return [url for url in urls if _WEB.match(url)]


# ---------------------------------------------------------------------------------------------
# Addresses


_SPACE = re.compile(r"\s")
"""Any character for which ``str.isspace`` is true."""
_LABEL = r"[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?"
_HOST = re.compile(rf"^(?:{_LABEL}\.)*{_LABEL}\.?$")
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"
_SAFE_QUERY = _SAFE_PATH + "?"


@functools.lru_cache(maxsize=16384)
def canonical_url(url: str) -> str | None:
    """The address in one ASCII form (lower-case scheme and host, IDN hosts in punycode, spaces
    and other characters percent-encoded, no ``#fragment``), or None when it is not a valid web
    address. Two ways of writing the same address give the same form, so it is checked once.

    Kept for the build (a pure function of the text): each address is asked about by several
    steps, on every page that uses it.
    """
    text = url.strip()
    if not text or _SPACE.search(text):
        text = text.replace(" ", "%20").replace("\u00a0", "%20")
        if _SPACE.search(text):
            return None
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if scheme not in ("http", "https") or not host or parts.username or parts.password:
        return None
    if host.startswith("[") or ":" in host:
        netloc_host = f"[{host}]"
    else:
        try:
            host = host.encode("idna").decode("ascii").lower()
        except UnicodeError:
            return None
        if not _HOST.match(host):
            return None
        netloc_host = host
    default_port = {"http": 80, "https": 443}[scheme]
    netloc = netloc_host if port in (None, default_port) else f"{netloc_host}:{port}"
    path = quote(parts.path or "/", safe=_SAFE_PATH)
    query = quote(parts.query, safe=_SAFE_QUERY)
    return f"{scheme}://{netloc}{path}" + (f"?{query}" if query else "")


def fragment_of(url: str) -> str:
    """The ``#fragment`` of an address, decoded ("" when there is none)."""
    return unquote(url.partition("#")[2])


@functools.lru_cache(maxsize=16384)
def own_site_path(url: str, site_url: str | None) -> str | None:
    """The site-relative path when a full address points into this site (same host as
    ``site_url`` and under its path), else None (kept for the build, like ``canonical_url``)."""
    canonical = canonical_url(url)
    base = canonical_url(site_url) if site_url else None
    if canonical is None or base is None:
        return None
    here, home = urlsplit(canonical), urlsplit(base)
    if here.netloc != home.netloc:
        return None
    prefix = home.path if home.path.endswith("/") else home.path + "/"
    path = here.path
    if not (path + "/").startswith(prefix):
        return None
    return unquote(path[len(prefix) :])


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Outcome:
    """What checking one address found."""

    status: str
    """``ok``, ``broken`` or ``unverified``."""
    reason: str = ""
    """Why, in plain words (``404 Not Found``); empty when fine."""
    moved_to: str | None = None
    """The new address when the old one redirects permanently."""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (for the cache)."""
        return {"status": self.status, "reason": self.reason, "moved_to": self.moved_to}

    @classmethod
    def from_dict(cls, data: Any) -> Outcome | None:
        """Read a cached outcome; None when the entry is not one."""
        if not isinstance(data, dict) or data.get("status") not in (OK, BROKEN, UNVERIFIED):
            return None
        moved = data.get("moved_to")
        return cls(str(data["status"]), str(data.get("reason") or ""), moved or None)


INVALID = Outcome(BROKEN, "it is not a valid web address")


@dataclass(frozen=True)
class CheckResult:
    """One row of the link checker's output, before it is sorted (see ``classify``)."""

    url: str
    """The address as it was given to the checker."""
    result: str
    """``200 OK``, ``404 Not Found`` or an error such as ``ConnectionError: ...``."""
    valid: bool
    """The checker's own verdict."""
    warnings: tuple[str, ...] = ()
    """Warnings, including one ``Redirected to `url' status: 301 ...`` per redirect."""


_STATUS = re.compile(r"^\s*(\d{3})\b\s*(.*)$")
_REDIRECT = re.compile(r"Redirected to `(.+?)' status: (\d{3})")
_DNS = (
    "nameresolutionerror",
    "failed to resolve",
    "name or service not known",
    "nodename nor servname",
    "getaddrinfo failed",
    "no address associated",
    "temporary failure in name resolution",
)

_REFUSED = ("refused", "[errno 111]", "[errno 61]", "[winerror 10061]")


def needs_diagnosis(raw: CheckResult) -> bool:
    """True for a connection failure whose cause was cut from LinkChecker's message."""
    text = raw.result.lower()
    return text.startswith("connectionerror") and not any(
        marker in text for marker in (*_DNS, *_REFUSED, "timeout", "timed out", "ssl")
    )


def classify(
    raw: CheckResult, rules: LinkRules, *, timeout: int, diagnosis: str | None = None
) -> Outcome:
    """Sort one result: broken (the link is dead), unverified (we could not tell) or ok.

    Args:
        raw: the checker's result for one address.
        rules: status lists from ``checks/links.yml``.
        timeout: the per-address timeout in seconds (named in the message).
        diagnosis: ``dns`` or ``refused`` from a second look at a connection failure.
    """
    hops = [(url, int(code)) for text in raw.warnings for url, code in _REDIRECT.findall(text)]
    moved_to = None
    for url, code in hops:
        if code not in rules.permanent_redirects:
            break
        moved_to = url
    status = _STATUS.match(raw.result)
    if status:
        code = int(status.group(1))
        reason = f"{code} {status.group(2).strip()}".strip()
        if code in rules.broken:
            return Outcome(BROKEN, reason)
        if code in rules.unverified or code >= 400:
            return Outcome(UNVERIFIED, reason)
        if moved_to and canonical_url(moved_to) != canonical_url(raw.url):
            return Outcome(OK, "", moved_to)
        return Outcome(OK)
    text = raw.result.lower()
    if diagnosis == "dns" or any(marker in text for marker in _DNS):
        return Outcome(BROKEN, "the website's address does not exist (DNS lookup failed)")
    if diagnosis == "refused" or any(marker in text for marker in _REFUSED):
        return Outcome(BROKEN, "the server refused the connection")
    if "toomanyredirects" in text or "too many redirects" in text:
        return Outcome(BROKEN, "it redirects in a loop")
    if "invalid" in text and "url" in text:
        return Outcome(BROKEN, "it is not a valid web address")
    if "timeout" in text or "timed out" in text:
        unit = "second" if timeout == 1 else "seconds"
        return Outcome(UNVERIFIED, f"the site did not answer within {timeout} {unit}")
    if "ssl" in text or "certificate" in text:
        return Outcome(UNVERIFIED, "the secure connection failed (certificate problem)")
    if raw.valid:
        return Outcome(OK)
    first = raw.result.split(":", 1)[0].strip() or "unknown error"
    return Outcome(UNVERIFIED, f"the check failed ({first})")


# ---------------------------------------------------------------------------------------------
# Findings and the summary for the QA report


def _link(url: str) -> str:
    return f"link to '{url}'"


def external_findings(
    uses: Iterable[LinkUse],
    outcomes: dict[str, Outcome],
    *,
    fail_on_unverified: bool = False,
) -> list[Finding]:
    """One finding per page and line whose address is broken, unverified or moved.

    Args:
        uses: every use of an external address (``url`` as written).
        outcomes: outcome by canonical address (or by the written address when invalid).
        fail_on_unverified: report unverified links as warnings instead of info.
    """
    findings: list[Finding] = []
    seen: set[tuple[str, int | None, str]] = set()
    for use in uses:
        key = canonical_url(use.url) or use.url.strip()
        outcome = outcomes.get(key)
        if outcome is None or (use.page, use.line, use.url) in seen:
            continue
        seen.add((use.page, use.line, use.url))
        if outcome.status == BROKEN:
            findings.append(
                Finding(
                    CHECK,
                    use.page,
                    use.line,
                    Severity.WARNING,
                    f"{_link(use.url)} is broken ({outcome.reason})",
                    "fix or remove the link",
                )
            )
        elif outcome.status == UNVERIFIED:
            findings.append(
                Finding(
                    CHECK,
                    use.page,
                    use.line,
                    Severity.WARNING if fail_on_unverified else Severity.INFO,
                    f"{_link(use.url)} could not be checked ({outcome.reason})",
                    "open it in a browser to check it still works",
                )
            )
        elif outcome.moved_to:
            findings.append(
                Finding(
                    CHECK,
                    use.page,
                    use.line,
                    Severity.INFO,
                    f"{_link(use.url)} has moved permanently to '{outcome.moved_to}'",
                    "update the link",
                )
            )
    return findings


def internal_finding(use: LinkUse, target: str, anchor: str | None = None) -> Finding:
    """A full address into this site that points nowhere (a warning, like MkDocs' own)."""
    if anchor:
        message = f"{_link(use.url)} points to '#{anchor}', which is not on the page '{target}'"
        fix = "correct the part after '#' or link to the page without it"
    else:
        message = f"{_link(use.url)} points to '{target}', which is not a page on this site"
        fix = "correct the address"
    return Finding(CHECK, use.page, use.line, Severity.WARNING, message, fix)


def links_summary(
    *,
    pages: Iterable[str],
    checked: bool,
    reason: str | None,
    outcomes: dict[str, Outcome],
    findings: Iterable[Finding],
    internal_broken: int,
    unique: int | None = None,
    internal_targets: Iterable[tuple[str, int | None, str]] = (),
) -> LinksSummary:
    """The ``links`` summary for the QA report.

    ``unique`` counts the distinct external addresses found, checked or not (default: those
    with an outcome). ``internal_targets`` gives where each broken internal link points
    (page, line, the docs path or site path it leads to), so the report can join the links to
    a removed page into that page's action.
    """
    per_page: dict[str, dict[str, int]] = {src: {"broken": 0, "unverified": 0} for src in pages}
    for finding in findings:
        if finding.page is None or finding.check != CHECK or "moved permanently" in finding.message:
            continue
        counts = per_page.setdefault(finding.page, {"broken": 0, "unverified": 0})
        counts["unverified" if "could not be checked" in finding.message else "broken"] += 1
    values = list(outcomes.values())
    return LinksSummary(
        external_checked=checked,
        reason=reason,
        external=ExternalLinkCounts(
            unique=len(outcomes) if unique is None else unique,
            ok=sum(o.status == OK for o in values),
            broken=sum(o.status == BROKEN for o in values),
            unverified=sum(o.status == UNVERIFIED for o in values),
            redirected=sum(o.status == OK and o.moved_to is not None for o in values),
        ),
        internal_broken=internal_broken,
        internal=tuple(
            BrokenInternalLink(page, line, target)
            for page, line, target in sorted(
                internal_targets, key=lambda t: (t[0], t[1] or 0, t[2])
            )
        ),
        pages={src: PageLinkCounts(**counts) for src, counts in sorted(per_page.items())},
    )


# ---------------------------------------------------------------------------------------------
# Internal links in built HTML (pages that do not come from an editor's Markdown)


class _Anchors(HTMLParser):
    """Collects ``id``s and, inside the main article, ``href``s of a built page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if values.get("name") and tag == "a":
            self.ids.add(str(values["name"]))
        if tag == "article":
            self._depth += 1
        elif tag == "a" and self._depth and values.get("href"):
            self.hrefs.append(str(values["href"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._depth:
            self._depth -= 1


def html_ids_and_links(html: str) -> tuple[set[str], list[str]]:
    """The element ids of a built page and the links in its ``<article>`` (the page content)."""
    parser = _Anchors()
    parser.feed(html)
    parser.close()
    return parser.ids, parser.hrefs


_ARTICLE = re.compile(r"<article", re.IGNORECASE)
_HREF_ATTR = re.compile(r"""href(\s*)=+(\s*)(?=("[^"]*"|'[^']*')?)""", re.IGNORECASE)
_HTML_SPACE = frozenset(" \t\n\r\f")


def article_href_candidates(html: str) -> set[str] | None:
    """Every link ``html_ids_and_links`` could find in the page's ``<article>``, and maybe more;
    None when a quick look cannot promise that.

    Parsing a generated page with every service on it is slow, and what can go wrong there is a
    link that points nowhere. When none of these values is a broken link, none of the parser's
    is either, so the page needs no parsing. Why it is a superset: the parser counts ``<a>``
    only after an ``<article`` tag, so at or after the first ``<article`` in the text; each of
    its links is an attribute written ``href`` (any case), spaces, one or more ``=``, spaces
    and a quoted value, HTML-unescaped, which this pattern finds at every ``href`` (the match
    stops before the value, so a value that itself contains ``href=`` is searched too). Extra
    values (``data-href``, ``href`` in a comment or script, ``<link href>``) only cost a check.
    An unquoted value, or a space other than ASCII's around the ``=`` (which Python versions
    parse differently), gives None: ask the parser.
    """
    folded = _ascii_folded(html)
    if folded is None:
        article = _ARTICLE.search(html)
        start = -1 if article is None else article.start()
    else:
        start = folded.find(b"<article")
    if start < 0:
        return set()  # no <article>: the parser counts no links
    matches: Iterable[re.Match[str]] = (
        _HREF_ATTR.finditer(html, start) if folded is None else _href_matches(html, folded, start)
    )
    found: set[str] = set()
    for match in matches:
        before, after, quoted = match.group(1, 2, 3)
        if quoted is None or not _HTML_SPACE.issuperset(before + after):
            return None
        value = quoted[1:-1]
        found.add(unescape(value) if "&" in value else value)
    return found


def _ascii_folded(text: str) -> bytes | None:
    """``text`` as bytes, one per character, with ASCII letters in lower case; None when a
    character is beyond Latin-1.

    Faster than searching ``text`` with an ``IGNORECASE`` pattern (which tries every
    character): a case-sensitive search of these bytes finds the same places for ``<article``
    and ``href``, because within Latin-1 the only characters ``IGNORECASE`` matches to their
    letters are those letters in either case (``<artıcle``, with a dotless i, is beyond it).
    """
    try:
        return text.encode("latin-1").lower()
    except UnicodeEncodeError:
        return None


def _href_matches(html: str, folded: bytes, start: int) -> Iterator[re.Match[str]]:
    """``_HREF_ATTR.finditer(html, start)``, found by looking for ``href`` in ``folded``
    (``_ascii_folded(html)``) and matching the pattern only there."""
    at = folded.find(b"href", start)
    while at >= 0:
        match = _HREF_ATTR.match(html, at)
        if match is not None:
            yield match
            at = match.end()
        else:
            at += 1
        at = folded.find(b"href", at)


def resolve_site_path(path: str, exists: Callable[[str], bool]) -> str | None:
    """The built file a site-relative path serves (``a/`` -> ``a/index.html``), if any.

    ``exists`` tells whether a site-relative path is a file, so ``a`` and ``a/index.html`` are
    never both files: the file ``a`` is served when there is one, else ``a/index.html``.
    """
    clean = posixpath.normpath("/" + path).lstrip("/")
    if clean in ("", "."):
        clean = ""
    if path.endswith("/") or not clean or "." not in clean.rsplit("/", 1)[-1]:
        index = posixpath.join(clean, "index.html") if clean else "index.html"
        # Asked first: when it exists, ``clean`` is a folder, not a file (one look, not two,
        # for each of the hundreds of pages a generated page links to).
        if exists(index):
            return index
    if clean and exists(clean):
        return clean
    return None


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


_PLAIN_PATH = re.compile(r"[A-Za-z0-9._~/-]*")
"""A path with nothing for ``urljoin`` to split off or ``unquote`` to decode: no ``%``, query,
fragment, parameters or scheme."""


def relative_target(page_url: str, href: str) -> tuple[str, str] | None:
    """For a link on the page at ``page_url`` (site-relative), the site-relative target path
    and fragment, or None when the link leaves the site (scheme, ``//host``, mailto, tel)."""
    if not href or href.startswith(("#", "//")) or _SCHEME.match(href):
        return None
    if _PLAIN_PATH.fullmatch(href) and _PLAIN_PATH.fullmatch(page_url):
        return _join_plain(page_url, href), ""
    joined = urljoin("https://site.invalid/" + page_url, href)
    parts = urlsplit(joined)
    return unquote(parts.path.lstrip("/")), unquote(parts.fragment)


def _join_plain(page_url: str, href: str) -> str:
    """``relative_target``'s path for plain paths (``_PLAIN_PATH``), as ``urljoin`` resolves
    them (RFC 3986: merge, then remove dot segments), without its URL parsing: the generated
    pages have thousands of such links. The page's own part is resolved once per page
    (``_page_base``); empty segments of a relative link are dropped, except its last."""
    if href.startswith("/"):
        resolved: list[str] = []
        segments = href.split("/")
    else:
        resolved = list(_page_base(page_url))
        parts = href.split("/")
        segments = [segment for segment in parts[:-1] if segment] + parts[-1:]
    _remove_dots(resolved, segments)
    if segments[-1] in (".", ".."):
        resolved.append("")
    return "/".join(resolved).lstrip("/")


@functools.lru_cache(maxsize=256)
def _page_base(page_url: str) -> tuple[str, ...]:
    """The root and the folders of a plain page address, dot segments resolved and empty
    folders dropped: where ``_join_plain`` starts a relative link (kept: a generated page asks
    for each of its links)."""
    resolved: list[str] = []
    _remove_dots(resolved, ["", *(folder for folder in page_url.split("/")[:-1] if folder)])
    return tuple(resolved)


def _remove_dots(resolved: list[str], segments: Iterable[str]) -> None:
    """Append ``segments`` to ``resolved``: ``..`` takes the last one off, ``.`` is skipped."""
    for segment in segments:
        if segment == "..":
            if resolved:
                resolved.pop()
        elif segment != ".":
            resolved.append(segment)


# ---------------------------------------------------------------------------------------------
# Links in an editor's page to other files of the site (the build and ``sendqa check`` alike)


class _PageLinks(HTMLParser):
    """The ``href``s and image sources of a page's converted body, and its element ids."""

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


_PLAIN_START_TAG = re.compile(r"<[a-z][^>]*>")
"""A start tag of plain HTML (``plainhtml``), where every ``<`` starts a tag; end tags start
``</`` and are not matched."""


def page_links(html: str) -> tuple[list[str], set[str]]:
    """The ``href``s and image sources of a page's converted body, and its element ids.

    HTML in the plain form Markdown writes is read with ``plainhtml``'s regular expressions
    (the parser costs about a millisecond a page); anything else goes to ``HTMLParser``. Both
    give the same answer (``tests/unit/test_page_links.py`` compares them).
    """
    if not plainhtml.is_plain(html):
        parser = _PageLinks()
        parser.feed(html)
        parser.close()
        return parser.hrefs, parser.ids
    hrefs: list[str] = []
    ids: set[str] = set()
    for tag in _PLAIN_START_TAG.findall(html):
        name, attrs = plainhtml.start_tag(tag)
        values = dict(attrs)
        if values.get("id"):
            ids.add(str(values["id"]))
        if name == "a" and values.get("href") is not None:
            hrefs.append(str(values["href"]))
        elif name == "img" and values.get("src"):
            hrefs.append(str(values["src"]))
    return hrefs, ids


def _line_of(href: str, lines: Iterable[tuple[int, str]]) -> int | None:
    for number, text in lines:
        if href in text or unquote(href) in text:
            return number
    return None


_LINK_ATTRIBUTE = re.compile(r"\b(?:href|src)\s*=", re.IGNORECASE)


def broken_relative_links(
    page: str,
    html: str,
    lines: Iterable[tuple[int, str]],
    exists: Callable[[str], bool],
    resolved: Callable[[str], bool] | None = None,
) -> list[Finding]:
    """The findings of ``relative_link_problems`` (see there)."""
    return [finding for finding, _ in relative_link_problems(page, html, lines, exists, resolved)]


def relative_link_problems(
    page: str,
    html: str,
    lines: Iterable[tuple[int, str]],
    exists: Callable[[str], bool],
    resolved: Callable[[str], bool] | None = None,
) -> list[tuple[Finding, str]]:
    """Links and images in a page's HTML that point to a file of the site that does not exist,
    or to an anchor that is not on the page; each with the path under the docs folder it
    points to (for the QA report, which joins links to pages removed since an earlier build).

    This is the only check of such links: MkDocs' own ``not_found`` and
    ``unrecognized_links`` warnings are lowered while ``sendqa/links`` runs, so an editor gets
    one message per broken link, worded the same in a build and in ``sendqa check``. Links to
    a heading of another page (``other.md#part``) need that page built and stay MkDocs'
    (``validation: anchors``).

    Args:
        page: the page's path under the docs folder.
        html: the page's body converted to HTML.
        lines: ``(file line, text)`` of the page's Markdown body, to say where each link is.
        exists: whether a path under the docs folder is a file of the site.
        resolved: in a build, whether an address is one MkDocs already turned into the address
            of an existing file (``other.md`` into ``../other/``); it leaves broken ones as
            written.
    """
    return link_problems(page, page_link_targets(page, html), lines, exists, resolved)


@dataclass(frozen=True)
class PageLink:
    """A link or image of a page to a file of the site, or to an anchor the page lacks: what
    ``relative_link_problems`` reads of the page's HTML (the same for the same page and HTML,
    whatever files the site has)."""

    href: str
    path: str
    """The path of the address as written; empty for a link to an anchor of the page itself."""
    target: str
    """The path under the docs folder it points to; for an anchor of the page, the anchor
    (then there is no such anchor on the page)."""


def page_link_targets(page: str, html: str) -> list[PageLink]:
    """The links of a page's HTML ``link_problems`` checks against the site's files, and its
    links to anchors that are not on it, each address once, in the order of the page."""
    if _LINK_ATTRIBUTE.search(html) is None:
        return []  # no link to check (and the HTML parser is slow on long lines of "<")
    hrefs, ids = page_links(html)
    folder = posixpath.dirname(page)
    found: list[PageLink] = []
    for href in dict.fromkeys(hrefs):
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("/"):
            continue  # another site, mailto:, tel:, or absolute (MkDocs reports those itself)
        if not parts.path:
            anchor = unquote(parts.fragment)
            if anchor and anchor not in ids:
                found.append(PageLink(href, "", anchor))
            continue
        target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
        found.append(PageLink(href, parts.path, target))
    return found


def link_problems(
    page: str,
    links: Iterable[PageLink],
    lines: Iterable[tuple[int, str]],
    exists: Callable[[str], bool],
    resolved: Callable[[str], bool] | None = None,
) -> list[tuple[Finding, str]]:
    """``relative_link_problems`` of the page's ``page_link_targets``."""
    body: list[tuple[int, str]] | None = None
    findings: list[tuple[Finding, str]] = []
    for link in links:
        href, target = link.href, link.target
        if not link.path:
            message = f"the link '{href}' points to '#{target}', which is not on this page"
            fix = "correct the part after '#' to match a heading on the page"
            target = page
        else:
            path = unquote(link.path)
            if exists(target) or (resolved is not None and resolved(path)):
                continue
            fix = "correct the address: link to the page's .md file, relative to this page"
            if target == ".." or target.startswith("../"):
                message = f"the link '{href}' points outside the docs folder"
            elif exists(posixpath.join(target, "index.md")):
                message = f"the link '{href}' points to a folder"
                fix = f"link to its page instead: '{posixpath.join(link.path, 'index.md')}'"
            elif target == path:
                message = f"the link '{href}' points to a file that is not in this site"
            else:
                message = (
                    f"the link '{href}' points to '{target}', which is not a file of this site"
                )
        if body is None:
            body = list(lines)
        finding = Finding(CHECK, page, _line_of(href, body), Severity.WARNING, message, fix)
        findings.append((finding, target))
    return findings
