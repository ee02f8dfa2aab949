"""Editing a page file the way an editor would: change one field, keep every other byte.

Used by ``sendqa reviewed`` (mark a page as checked today) and ``sendqa new`` (write a page from
a template built from the page-type rules).
"""

from __future__ import annotations

import datetime as dt
import re

from yaml.nodes import MappingNode, ScalarNode

from sendqa_build.core.frontmatter import PageTypes
from sendqa_build.core.yamltext import YamlDoc, YamlProblem, load_yaml

_PLAIN = re.compile(r"[^\W_][\w .,'()-]*(?<! )")
"""Text written without quotes: a letter or digit, then letters, digits, spaces and . , ' ( ) -.
Anything else is quoted (and these too when YAML would read them as something else)."""
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
"""Line breaks, control characters and what YAML cannot hold: refused in a value."""


class PageEditError(ValueError):
    """The page cannot be edited safely (no front matter block, for example)."""


def _front_matter_span(text: str) -> tuple[int, int]:
    """Offsets of the front matter's YAML in ``text``: from the line after the opening ``---``
    to the start of the closing ``---`` (or ``...``) line."""
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if first.lstrip("\ufeff").rstrip() != "---":
        raise PageEditError(
            "the page has no front matter; add a block between two '---' lines at the top first"
        )
    start = pos = first_end + 1
    while first_end >= 0:
        end = text.find("\n", pos)
        line = text[pos:] if end < 0 else text[pos:end]
        if line.rstrip() in ("---", "..."):
            return start, pos
        if end < 0:
            break
        pos = end + 1
    raise PageEditError("the front matter has no closing '---' line")


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text[: text.find("\n") + 1] else "\n"


def check_value(value: str) -> str:
    """The value as it will be written: surrounding spaces taken off.

    Raises:
        PageEditError: for an empty value or one with a line break or a control character,
            which a one-line field cannot hold as the editor meant it.
    """
    value = value.strip()
    if not value:
        raise PageEditError("the value is empty; give the text to write")
    bad = _UNSAFE.search(value)
    if bad:
        what = "a line break" if bad.group(0) in "\n\r\u2028\u2029\x85" else "a control character"
        raise PageEditError(
            f"the value has {what} (U+{ord(bad.group(0)):04X}); give it on one line as plain text"
        )
    return value


def yaml_scalar(value: str, style: str | None = None) -> str:
    """The one way sendqa writes a text value into front matter.

    ``style`` is how the old value was written (``'``, ``"`` or None for plain), kept when the
    new value can be written that way: plain only for ``_PLAIN`` text that YAML reads back as
    the same text (not ``yes``, ``null`` or ``1e3``); single quotes with ``'`` doubled; else
    double quotes with ``\\`` and ``"`` escaped. ``value`` must have passed ``check_value``.
    """
    if style not in ("'", '"') and _PLAIN.fullmatch(value) and _reads_as(value, value):
        return value
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _reads_as(written: str, value: str) -> bool:
    try:
        return load_yaml(f"k: {written}\n").data == {"k": value}
    except YamlProblem:
        return False


def _parse(front_matter: str) -> YamlDoc:
    try:
        doc = load_yaml(front_matter, first_line=2)
    except YamlProblem as exc:
        where = f"line {exc.line}: " if exc.line else ""
        raise PageEditError(
            f"the front matter cannot be read ({where}{exc.message}); fix it first"
        ) from exc
    if doc.data is not None and not isinstance(doc.data, dict):
        raise PageEditError(
            "the front matter is not 'field: value' lines; fix it first (see 'sendqa check')"
        )
    if (doc.node is not None and not isinstance(doc.node, MappingNode)) or (
        isinstance(doc.node, MappingNode) and doc.node.flow_style
    ):
        raise PageEditError(
            "the front matter is written in braces ({...}); write one 'field: value' per line"
        )
    return doc


def _set_one(text: str, key: str, value: str, after: str | None) -> str:
    """``text`` with the top-level field ``key`` set to ``value`` (checked text), changing only
    that value (or adding one line)."""
    start, end = _front_matter_span(text)
    front = text[start:end]
    doc = _parse(front)
    pairs = doc.node.value if isinstance(doc.node, MappingNode) else []
    nl = _newline(text)
    for key_node, value_node in pairs:
        if key_node.value != key:
            continue
        v_start, v_end = value_node.start_mark.index, value_node.end_mark.index
        style = value_node.style if isinstance(value_node, ScalarNode) else None
        written = yaml_scalar(value, style)
        if v_start == v_end:  # an empty value: 'reviewed_by:'
            return text[: start + v_start] + " " + written + text[start + v_end :]
        if value_node.start_mark.line > key_node.end_mark.line:
            # The value starts on a later line ('key:' then '- item' lines): write the new
            # one after the colon, keeping a comment there.
            colon = front.index(":", key_node.end_mark.index) + 1
            line_end = front.find("\n", colon)
            between = front[colon:line_end].rstrip("\r")
            written = " " + written + (between if "#" in between else "")
            v_start = colon
        old = front[v_start:v_end]
        tail = ""
        if "\n" in old and old.endswith("\n"):
            # A block value ends at the start of the next field: keep its line break, and
            # the blank and comment lines before that field.
            lines = old.splitlines(keepends=True)
            while len(lines) > 1 and (not lines[-1].strip() or lines[-1].lstrip()[:1] == "#"):
                tail = lines.pop() + tail
            tail = nl + tail
        return text[: start + v_start] + written + tail + text[start + v_end :]
    indent = " " * (pairs[0][0].start_mark.column if pairs else 0)
    line = f"{indent}{key}: {yaml_scalar(value)}{nl}"
    at = end
    for key_node, value_node in pairs:
        if key_node.value == after:
            mark = value_node.end_mark.index
            if mark > 0 and front[mark - 1] == "\n":
                at = start + mark
            else:
                line_end = front.find("\n", mark)
                at = end if line_end < 0 else start + line_end + 1
            break
    return text[:at] + line + text[at:]


def set_fields(text: str, values: dict[str, str], *, after: str | None = None) -> str:
    """Set top-level front matter fields, changing only their values (or adding a line each).

    Then the result is read again: it must read as the old front matter with just these
    fields changed, and the body must be untouched; else nothing is changed.

    Args:
        text: the whole page.
        values: field -> text to write (checked with ``check_value``).
        after: a missing field is added after this field (else before the closing ``---``).

    Raises:
        PageEditError: when the page has no usable front matter, a value cannot be written,
            or the result would not read as intended.
    """
    start, end = _front_matter_span(text)
    before = _parse(text[start:end]).data or {}
    updated = text
    for key, value in values.items():
        updated = _set_one(updated, key, check_value(value), after if key != after else None)
    new_start, new_end = _front_matter_span(updated)
    expected = {**before, **{key: check_value(value) for key, value in values.items()}}
    try:
        result = load_yaml(updated[new_start:new_end], first_line=2).data
    except YamlProblem:
        result = None
    if result != expected or updated[new_end:] != text[end:] or updated[:new_start] != text[:start]:
        raise PageEditError(
            "sendqa could not change the front matter safely (it would not read back as "
            f"intended); set {', '.join(repr(k) for k in values)} by hand"
        )
    return updated


def set_field(text: str, key: str, value: str, *, after: str | None = None) -> str:
    """Set one top-level front matter field (see ``set_fields``)."""
    return set_fields(text, {key: value}, after=after)


def mark_reviewed(text: str, today: dt.date, by: str | None = None) -> str:
    """Set ``last_reviewed_on`` to ``today`` and, when given, ``reviewed_by`` to ``by``."""
    values = {"last_reviewed_on": today.isoformat()}
    if by is not None:
        values["reviewed_by"] = by
    return set_fields(text, values, after="last_reviewed_on")


def _yaml_text(value: str) -> str:
    """A title for a new page, written as ``sendqa reviewed`` writes values."""
    return yaml_scalar(check_value(value))


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
