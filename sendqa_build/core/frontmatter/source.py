"""Splitting a page into its front matter (the YAML between ``---`` lines) and its body."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceParts:
    """A page split into front matter and body, with where each starts (1-based lines)."""

    front_matter: str | None
    """The YAML text between the ``---`` lines, or None when the page has no front matter."""
    body: str
    body_line: int
    """The line of the file on which ``body`` starts."""
    unclosed: bool = False
    """True when the page opens a front matter block with ``---`` but never closes it."""

    @property
    def yaml_line(self) -> int:
        """The file line of the first line of YAML (the line after the opening ``---``)."""
        return 2


def normalise_text(text: str) -> str:
    """Drop a byte-order mark and turn Windows or old Mac line endings into ``\\n``."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split_source(text: str) -> SourceParts:
    """Split normalised page text into front matter and body.

    The front matter is the block between a ``---`` first line and the next ``---`` (or ``...``)
    line, as MkDocs reads it. Only the lines up to that one are looked at, and the front
    matter and body are slices of the text: on a large site, splitting every page into lines
    would leave the build's memory full of holes.
    """
    end = text.find("\n")
    if (text if end < 0 else text[:end]).rstrip() != "---":
        return SourceParts(front_matter=None, body=text, body_line=1)
    if end < 0:
        return SourceParts(front_matter="", body="", body_line=2, unclosed=True)
    start = pos = end + 1
    line = 2
    while True:
        end = text.find("\n", pos)
        if (text[pos:] if end < 0 else text[pos:end]).rstrip() in ("---", "..."):
            return SourceParts(
                front_matter=text[start:pos] if pos > start else "\n",
                body="" if end < 0 else text[end + 1 :],
                body_line=line + 1,
            )
        if end < 0:
            return SourceParts(
                front_matter=text[start:], body="", body_line=line + 1, unclosed=True
            )
        pos, line = end + 1, line + 1


def same_body(markdown: str, body: str) -> bool:
    """Whether ``markdown`` (a page's text as MkDocs gives it to plugins) is ``body`` (from
    ``split_source``) with only the blank lines at its start taken off, as MkDocs takes them
    off after front matter. Markdown converts both the same."""
    return (
        len(markdown) <= len(body)
        and body.endswith(markdown)
        and not body[: len(body) - len(markdown)].strip("\n")
    )
