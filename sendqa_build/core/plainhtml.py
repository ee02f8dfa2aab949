"""HTML in the plain form Markdown writes, read with regular expressions instead of a parser.

Running Python's ``HTMLParser`` over every page costs about a millisecond a page, twice (the
safety and structure passes). Markdown writes HTML in one plain form: lower-case tag and
attribute names, one space before each attribute, values in double quotes, ``/>`` after a space,
every ``&`` in text the start of an entity, no ``<`` or ``>`` in text. In that form the tags,
attributes and text are exactly where a regular expression finds them, so both passes read such
pages without the parser and give the same results (tests compare the two on real pages).
Anything else (comments, raw-text elements such as ``<style>``, tags an editor typed in another
form) is not plain and goes to the parser as before.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import lru_cache
from html.parser import HTMLParser

_NAME = r"[a-z][a-z0-9-]*"
_ATTRIBUTE_NAME = r"[a-z_:][-a-z0-9_:.]*"
_VALUE = r"[^\"<>&]*(?:&(?:amp|lt|gt|quot|\#x27);[^\"<>&]*)*"
"""An attribute value with nothing a parser could read two ways: the only entities are the five
``html.escape`` writes, so unescaping and escaping it again gives it back (``'`` aside, which
``html.escape`` writes as ``&#x27;``)."""
_TEXT = r"[^<>&]*"
_ENTITY = r"&(?:\#[0-9]+|\#[xX][0-9a-fA-F]+|[a-zA-Z][-.a-zA-Z0-9]*);"
_START_TAG = rf"<{_NAME}(?:\x20{_ATTRIBUTE_NAME}(?:=\"{_VALUE}\")?)*(?:\x20/)?>"
_END_TAG = rf"</{_NAME}>"

_DOCUMENT = re.compile(rf"{_TEXT}(?:(?:{_ENTITY}|{_START_TAG}|{_END_TAG}){_TEXT})*")
"""Text, then any number of entities and tags each followed by text. (Written so that text can
be split only one way: a failing match then ends in linear time, never in exponential time.)"""
RAW_TEXT_ELEMENTS = frozenset(
    {"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"}
    | {"textarea", "title"}
    | set(getattr(HTMLParser, "CDATA_CONTENT_ELEMENTS", ()))
    | set(getattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS", ()))
)
"""Elements whose content a parser reads as text (this Python's or a later one's), not tags."""
_RAW_TEXT_TAG = re.compile(rf"</?(?:{'|'.join(sorted(RAW_TEXT_ELEMENTS))})[\x20/>]")
_ATTRIBUTE = re.compile(rf"\x20({_ATTRIBUTE_NAME})(?:(=)\"([^\"]*)\")?")
_START_TAG_PARTS = re.compile(r"<([a-z][a-z0-9-]*)([^>]*)>")


_PIECE = 8192


def _pieces(text: str, size: int = _PIECE) -> Iterator[str]:
    """``text`` in pieces of about ``size`` characters, each cut between a ``>`` and a ``<``.

    The regular expression engine needs memory in step with the length of what it matches
    (about 18 bytes a character here: 15 MB for a 800 KB services directory), so long pages are
    matched piece by piece. The answer is the same: in plain HTML ``>`` only ends a tag and
    ``<`` only starts one, so a plain page cuts into plain pieces; and plain pieces put together
    are plain (text joins text).
    """
    start = 0
    while len(text) - start > size:
        cut = text.find("><", start + size)
        if cut < 0:
            break
        yield text[start : cut + 1]
        start = cut + 1
    yield text[start:]


@lru_cache(maxsize=4)
def is_plain(text: str) -> bool:
    """True when ``text`` is HTML in the plain form, so the regular expressions here read it
    exactly as ``HTMLParser`` does. (Remembered for the last few texts: the links, structure and
    safety passes each ask it of the same page.)"""
    return _RAW_TEXT_TAG.search(text) is None and all(
        _DOCUMENT.fullmatch(piece) is not None for piece in _pieces(text)
    )


def attributes(attrs: str) -> list[tuple[str, str | None]]:
    """The attributes of a plain start tag (the text after its name) as ``HTMLParser`` gives
    them: values unescaped, None for an attribute without a value."""
    return [
        (name, (html.unescape(value) if value else value) if equals else None)
        for name, equals, value in _ATTRIBUTE.findall(attrs)
    ]


@lru_cache(maxsize=4096)
def start_tag(tag: str) -> tuple[str, tuple[tuple[str, str | None], ...]]:
    """The name and attributes of one start tag of a plain page (``<a href="x">``), as
    ``HTMLParser`` gives them (cached: the same tags come on page after page)."""
    match = _START_TAG_PARTS.fullmatch(tag)
    if match is None:
        raise ValueError(f"not a plain start tag: {tag!r}")
    return match.group(1), tuple(attributes(match.group(2).removesuffix(" /")))
