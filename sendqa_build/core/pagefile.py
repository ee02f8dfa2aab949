"""Editing a page file the way an editor would: change one field, keep every other byte.

Used by ``sendqa reviewed`` (mark a page as checked today) and ``sendqa new`` (write a page from
a template built from the page-type rules).
"""

from __future__ import annotations

import datetime as dt
import re

from sendqa_build.core.frontmatter import PageTypes

_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)(?P<sep>\s*:[ \t]*)(?P<value>.*?)(?P<end>\r?\n)?$")
_COMMENT = re.compile(r"(?P<space>[ \t]+#.*)$")


class PageEditError(ValueError):
    """The page cannot be edited safely (no front matter block, for example)."""


def _front_matter_span(lines: list[str]) -> tuple[int, int]:
    """Indexes of the opening and closing ``---`` lines."""
    first = lines[0].lstrip("\ufeff") if lines else ""
    if first.rstrip("\r\n").rstrip() != "---":
        raise PageEditError(
            "the page has no front matter; add a block between two '---' lines at the top first"
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() in ("---", "..."):
            return 0, index
    raise PageEditError("the front matter has no closing '---' line")


def _newline(lines: list[str]) -> str:
    return "\r\n" if lines and lines[0].endswith("\r\n") else "\n"


def _replace_value(line: str, new_value: str) -> str:
    """Swap the value on a ``key: value  # comment`` line, keeping quotes, comment and ending."""
    match = _FIELD.match(line)
    if match is None:
        raise PageEditError(f"cannot read the line {line.strip()!r}")
    value = match.group("value")
    comment = ""
    if not value.startswith(("'", '"')):
        found = _COMMENT.search(value)
        if found:
            comment, value = found.group(0), value[: found.start()]
    else:
        quote = value[0]
        close = value.find(quote, 1)
        if close != -1:
            comment = value[close + 1 :]
        value = quote + new_value + quote
        return f"{match.group('key')}{match.group('sep')}{value}{comment}{match.group('end') or ''}"
    return f"{match.group('key')}{match.group('sep')}{new_value}{comment}{match.group('end') or ''}"


def set_field(text: str, key: str, value: str, *, after: str | None = None) -> str:
    """Set a top-level front matter field, changing only its line (or adding one line).

    Args:
        text: the whole page.
        key: the field to set.
        value: the new value, already written as YAML.
        after: when the field is missing, add it after this field (else before the closing
            ``---``).

    Raises:
        PageEditError: when the page has no usable front matter.
    """
    lines = text.splitlines(keepends=True)
    start, end = _front_matter_span(lines)
    for index in range(start + 1, end):
        match = _FIELD.match(lines[index])
        if match and match.group("key") == key:
            lines[index] = _replace_value(lines[index], value)
            return "".join(lines)
    insert_at = end
    if after is not None:
        for index in range(start + 1, end):
            match = _FIELD.match(lines[index])
            if match and match.group("key") == after:
                insert_at = index + 1
                break
    lines.insert(insert_at, f"{key}: {value}{_newline(lines)}")
    return "".join(lines)


def mark_reviewed(text: str, today: dt.date, by: str | None = None) -> str:
    """Set ``last_reviewed_on`` to ``today`` and, when given, ``reviewed_by`` to ``by``."""
    text = set_field(text, "last_reviewed_on", today.isoformat())
    if by:
        text = set_field(text, "reviewed_by", _yaml_text(by), after="last_reviewed_on")
    return text


def _yaml_text(value: str) -> str:
    """Quote a value only when YAML would misread it."""
    plain = re.fullmatch(r"[A-Za-z][\w .'-]*", value) and value.lower() not in {
        "yes",
        "no",
        "on",
        "off",
        "true",
        "false",
        "null",
    }
    return value if plain else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_page(page_type: str, rules: PageTypes, today: dt.date, title: str = "") -> str:
    """A new page of ``page_type`` with every field and a plain-English prompt for each.

    Required fields come first, each under a comment saying what to write; optional ones
    follow as comments so editors can see what else is possible.
    """
    fields = rules.fields_for(page_type)
    lines = ["---"]
    optional = []
    for name, spec in fields.items():
        if name in ("reviewed_by", "id"):
            continue
        if name == "type":
            lines.append(f"# {spec.help}")
            lines.append(f"type: {page_type}")
            continue
        if not spec.required:
            optional.append(spec)
            continue
        prompt = spec.help or name
        if spec.example and name not in ("last_reviewed_on", "published_on", "title"):
            prompt += f" For example: {spec.example.split(': ', 1)[-1]}"
        lines.append(f"# {prompt}")
        lines.append(_start_value(name, today, title))
    if optional:
        lines.append("# Optional fields: remove the '# ' at the start of a line to use it.")
        for spec in optional:
            example = spec.example or f"{spec.name}: "
            lines.append(f"# {example}    <- {spec.help}" if spec.help else f"# {example}")
    lines.append("---")
    lines.append("")
    return "\n".join(lines) + "\n" + body_template(page_type, rules)


def body_template(page_type: str, rules: PageTypes) -> str:
    """The start of a new page's body: its type's required headings, each with a prompt (the
    same for `sendqa new` and the browser editor)."""
    lines = []
    headings = rules.types[page_type].headings if page_type in rules.types else ()
    for heading in headings:
        lines.append(f"## {heading.name}")
        lines.append("")
        lines.append("Write this section in short, plain sentences.")
        lines.append("")
    if not headings:
        lines.append("Write the page here in short, plain sentences. Use '## ' for headings.")
        lines.append("")
    return "\n".join(lines)


def _start_value(name: str, today: dt.date, title: str) -> str:
    """Dates start as today and the title as given; everything else is left for the editor
    (``sendqa check`` points at each empty field until it is filled in)."""
    if name == "title" and title:
        return f"title: {_yaml_text(title)}"
    if name in ("last_reviewed_on", "published_on"):
        return f"{name}: {today.isoformat()}"
    return f"{name}:"
