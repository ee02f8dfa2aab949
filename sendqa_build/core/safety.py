"""Published pages never run script from content: scripts, event handlers and script addresses
are taken out of each page's HTML, and each removal is reported to the editor.

Markdown passes raw HTML through, so an editor pasting an embed code or a ``javascript:`` link
(or someone with access to ``content/`` on purpose) could otherwise run script on every reader's
browser. The page's HTML is parsed once and written back from what the parser saw, so a browser
cannot read it differently: every tag is rebuilt from its parsed attributes, text ``<`` is
escaped and comments (often notes meant for other editors) are dropped. Plain HTML as Markdown
writes it (``plainhtml``), with nothing to remove, would be written back as it is, so it is
checked without the parser.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

from sendqa_build.core import plainhtml
from sendqa_build.models import Finding, Severity

CHECK = "safety"

DROP_WITH_CONTENT = frozenset({"script"})
"""Elements removed with everything inside them."""
DROP_TAG = frozenset(
    {
        "object",
        "embed",
        "applet",
        "base",
        "meta",
        "link",
        "frame",
        "frameset",
        # Raw-text elements: a browser reads their content as text, this parser as markup,
        # so keeping the tag would let the two disagree about where a tag starts.
        "xmp",
        "plaintext",
        "noembed",
        "noframes",
        "noscript",
        "template",
    }
)
"""Elements whose tags are removed (their content is kept and checked like the rest)."""
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "data",
        "poster",
        "background",
        "cite",
        "longdesc",
        "lowsrc",
        "dynsrc",
        "manifest",
        "ping",
        "srcset",
    }
)
_UNSAFE_SCHEME = re.compile(r"^(?:javascript|vbscript|livescript|data):", re.IGNORECASE)
_SAFE_DATA = re.compile(r"^data:image/(?:png|gif|jpe?g|webp);", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+")
_CSS_SCRIPT = re.compile(r"expression\s*\(|javascript:|url\s*\(\s*['\"]?\s*javascript", re.I)


@dataclass(frozen=True)
class Removal:
    """One thing taken out of a page: what kind and the text to look for in the source."""

    message: str
    fix: str
    needles: tuple[str, ...]
    """Texts to look for in the page's Markdown to give the line (lower case, best first)."""


def unsafe_url(value: str) -> bool:
    """True for addresses that run script when followed (``javascript:``, ``data:`` HTML).

    Browsers ignore whitespace, control characters and entity-encoding in the scheme, so
    ``java&#09;script:`` counts too.
    """
    text = _INVISIBLE.sub("", html.unescape(value))
    return bool(_UNSAFE_SCHEME.match(text)) and not _SAFE_DATA.match(text)


def _tag_removal(tag: str) -> Removal | None:
    """Why the element ``tag`` is taken out of the page, or None when it is kept."""
    if tag in DROP_WITH_CONTENT:
        return Removal(
            f"the page has a <{tag}>, which is removed from the published page",
            "take it out; pages cannot run scripts (ask the web team if something needs one)",
            (f"<{tag}",),
        )
    if tag in DROP_TAG:
        return Removal(
            f"the page has the HTML tag <{tag}>, which is removed from the published page",
            "take it out; use a link to the page or file instead",
            (f"<{tag}",),
        )
    return None


def _attribute_removal(tag: str, name: str, value: str | None) -> Removal | None:
    """Why the attribute ``name`` (with its unescaped ``value``) is taken out of a ``tag``
    tag, or None when it is kept."""
    if name.startswith("on") or name == "srcdoc":
        return Removal(
            f"the <{tag}> tag has a script ('{name}'), which is removed",
            f"take '{name}=...' out of the tag",
            (f"{name}=", name),
        )
    if value is not None and name in URL_ATTRIBUTES and unsafe_url(value):
        shown = " ".join(value.split())[:40]
        return Removal(
            f"the link '{shown}' runs a script, so it is removed",
            "link to a web address starting https:// instead",
            (value.lower(), value.lower()[:20], value.lower()[:4]),
        )
    if value is not None and name == "style" and _CSS_SCRIPT.search(value):
        return Removal(
            f"the <{tag}> tag has a style that runs a script, which is removed",
            "take the style out of the tag",
            ("style=",),
        )
    return None


class _Sanitiser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.removed: list[Removal] = []
        self.skip: str | None = None
        """The element being dropped with its content (``script``)."""
        self.raw: str | None = None
        """The raw-text element (``style``) whose text is being read."""

    # Tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, closed=True)

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        if self.skip:
            return
        removal = _tag_removal(tag)
        if removal is not None:
            self.removed.append(removal)
            if tag in DROP_WITH_CONTENT and not closed:
                self.skip = tag
            return
        kept = []
        for name, value in attrs:
            removal = _attribute_removal(tag, name, value)
            if removal is not None:
                self.removed.append(removal)
            else:
                kept.append((name, value))
        parts = [tag]
        parts.extend(
            name if value is None else f'{name}="{html.escape(value, quote=True)}"'
            for name, value in kept
        )
        self.out.append(f"<{' '.join(parts)}{' /' if closed else ''}>")
        if tag == "style" and not closed:
            self.raw = tag

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip:
                self.skip = None
            return
        if tag == self.raw:
            self.raw = None
        if tag in DROP_WITH_CONTENT or tag in DROP_TAG:
            return
        self.out.append(f"</{tag}>")

    # Text

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.raw:
            # Inside <style>: a '<' could end it early for a browser reading it differently.
            if "<" not in data:
                self.out.append(data)
            return
        self.out.append(data.replace("<", "&lt;").replace(">", "&gt;"))

    def handle_entityref(self, name: str) -> None:
        if not self.skip:
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self.skip:
            self.out.append(f"&#{name};")

    # Comments, declarations and processing instructions are never published.

    def handle_comment(self, data: str) -> None:
        return

    def handle_decl(self, decl: str) -> None:
        return

    def handle_pi(self, data: str) -> None:
        return

    def unknown_decl(self, data: str) -> None:
        return


def make_safe(content: str) -> tuple[str, list[Removal]]:
    """The page's HTML without anything that could run script, and what was removed.

    Args:
        content: the HTML of a page's content (not the whole templated page).

    Returns:
        The safe HTML (unchanged in meaning when nothing is removed) and each removal.
    """
    plain = _plain_safe(content)
    if plain is not None:
        return plain, []
    return _sanitise(content)


def _sanitise(content: str) -> tuple[str, list[Removal]]:
    """``make_safe`` with the parser: for any HTML."""
    parser = _Sanitiser()
    parser.feed(content)
    parser.close()
    return "".join(parser.out), parser.removed


_DROPPED_TAG = re.compile(rf"</?(?:{'|'.join(sorted(DROP_WITH_CONTENT | DROP_TAG))})[\x20/>]")
_TAG_WITH_ATTRIBUTES = re.compile(r"<[a-z][a-z0-9-]*\x20[^>]*>")
_TAG_WITH_APOSTROPHE = re.compile(r"<[a-z][^>]*'[^>]*>")


def _plain_safe(content: str) -> str | None:
    """What ``_Sanitiser`` writes for a plain page with nothing to remove; None for any other.

    Most pages are plain HTML (see ``plainhtml``), which the sanitiser reads exactly as written
    and writes back unchanged: every tag rebuilt as it was, text and entities copied, except
    that ``html.escape`` writes ``'`` in an attribute value as ``&#x27;``. So once no tag needs a
    removal (the same ``_tag_removal`` and ``_attribute_removal`` decide), the page needs no
    parser. In plain HTML every ``<`` starts a tag and no ``>`` is inside one, so these regular
    expressions find exactly the tags.
    """
    if not plainhtml.is_plain(content) or _DROPPED_TAG.search(content):
        return None
    if not all(map(_keeps_attributes, set(_TAG_WITH_ATTRIBUTES.findall(content)))):
        return None
    if "'" not in content:
        return content
    return _TAG_WITH_APOSTROPHE.sub(lambda tag: tag[0].replace("'", "&#x27;"), content)


@lru_cache(maxsize=4096)
def _keeps_attributes(tag: str) -> bool:
    """True when no attribute is removed from this start tag of a plain page (cached, as
    ``plainhtml.start_tag`` is)."""
    name, attrs = plainhtml.start_tag(tag)
    return all(_attribute_removal(name, attribute, value) is None for attribute, value in attrs)


def removal_findings(
    page: str, removals: Iterable[Removal], lines: Iterable[tuple[int, str]]
) -> list[Finding]:
    """One warning per distinct removal, at the Markdown line that has it.

    The second removal found by the same text goes to the second line that has the text, and
    so on, so two scripts on a page are reported on their own lines.
    """
    source = [(number, text.lower()) for number, text in lines]
    findings: dict[tuple[str, int | None], Finding] = {}
    used: dict[str, int] = {}
    for removal in removals:
        line = None
        for needle in (n for n in removal.needles if n):
            hits = [number for number, text in source if needle in text]
            if hits:
                line = hits[min(used.get(needle, 0), len(hits) - 1)]
                used[needle] = used.get(needle, 0) + 1
                break
        key = (removal.message, line)
        if key not in findings:
            findings[key] = Finding(
                CHECK, page, line, Severity.WARNING, removal.message, removal.fix
            )
    return list(findings.values())
