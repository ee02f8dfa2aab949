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
    line, as MkDocs reads it.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return SourceParts(front_matter=None, body=text, body_line=1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return SourceParts(
                front_matter="\n".join(lines[1:index]) + "\n",
                body="\n".join(lines[index + 1 :]),
                body_line=index + 2,
            )
    return SourceParts(
        front_matter="\n".join(lines[1:]), body="", body_line=len(lines) + 1, unclosed=True
    )
