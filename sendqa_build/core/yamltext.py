"""YAML reading that suits content editors: line numbers, duplicate keys caught, no surprises.

PyYAML on its own turns ``2026-02-31`` into a crash (not a YAML error), silently keeps the last of
two duplicate keys and gives no line numbers for values. Front matter and the rule files in
``checks/`` are both read through :func:`load_yaml` so every problem has a line to point at.

Hostile or unlucky text stays cheap: every walk over the parsed document visits each node once
(an alias, ``*name``, is the node it names, so nine lines of aliases cannot make the walk
visit 9^9 paths); nesting deeper than :data:`MAX_DEPTH` is refused before Python's recursion
limit is reached; aliases can be refused outright (front matter has no use for them) and,
where allowed (``checks/requirements.yml`` shares patterns with them), what they expand to is
capped at :data:`MAX_EXPANDED` values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, SequenceNode

MAX_DEPTH = 50
"""Deepest nesting of lists and fields read (front matter needs two or three levels; the rule
files fewer than ten). Deeper text is refused with a message, never a RecursionError."""
MAX_EXPANDED = 100_000
"""Most values a document may hold once its aliases are expanded (a rule file that shares
patterns through aliases holds a few hundred)."""


class _DepthLimit(Exception):
    """Raised by the pure-Python composer at the first node nested too deep or alias refused."""

    def __init__(self, line: int, kind: str) -> None:
        super().__init__(kind)
        self.line = line
        self.kind = kind


class _EditorLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so they can be checked with a helpful message.

    Its composer stops at :data:`MAX_DEPTH` (PyYAML composes nested nodes recursively) and,
    when ``refuse_aliases`` is set, at the first alias, naming its line.
    """

    refuse_aliases = False
    _depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        line = event.start_mark.line if event.start_mark is not None else 0
        if self.refuse_aliases and isinstance(event, AliasEvent):
            raise _DepthLimit(line, "alias")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _DepthLimit(line, "depth")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _fast_loader() -> type[Any] | None:
    """The same loader on libyaml's C parser, several times faster on thousands of pages. Only
    valid YAML is read with it: problems are worded by the pure-Python loader."""
    if not getattr(yaml, "__with_libyaml__", False):
        return None
    return type(
        "_FastEditorLoader",
        (yaml.CSafeLoader,),
        {"yaml_implicit_resolvers": _EditorLoader.yaml_implicit_resolvers},
    )


_FastEditorLoader = _fast_loader()


class YamlProblem(ValueError):
    """The text is not valid YAML, or repeats a key. ``line`` is 1-based within the text."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class YamlDoc:
    """A parsed YAML document with the line of every top-level key (1-based, in the text)."""

    data: Any
    key_lines: dict[str, int] = field(default_factory=dict)
    node: Node | None = None
    paths: dict[str, int] = field(default_factory=dict)
    """Line of every key and list item, by path: ``contact.email``, ``responses[1].we_did``."""


def _hint(problem: str) -> str:
    if "'\\t'" in problem or "\\t" in problem:
        return "a tab is used for indenting; indent with spaces instead"
    if "quoted scalar" in problem or ("end of stream" in problem and "quote" in problem):
        return "a quote is opened but never closed; close it or remove it"
    if "mapping values are not allowed" in problem:
        return (
            "a value contains ': ' (a colon and a space); put the whole value in quotes, "
            'for example summary: "Help: what to do"'
        )
    if "expected <block end>" in problem or "did not find expected key" in problem:
        return "the indenting is uneven; line the fields up at the left"
    return "check the quotes, colons and indenting on that line"


def check_duplicates(node: Node, first_line: int = 1) -> None:
    """Raise YamlProblem for the first key repeated within any mapping of the document."""
    _walk(node, first_line, aliases=True)


def _depth_message() -> str:
    return (
        f"lists or fields are nested more than {MAX_DEPTH} levels deep; "
        "remove the extra levels (a page needs two or three at most)"
    )


def _alias_message(name: str) -> str:
    return (
        f"an alias ('*{name}') is not allowed in front matter; write the value out in full "
        f"and remove '&{name}' and '*{name}'"
    )


def _walk(root: Node, first_line: int, *, aliases: bool) -> dict[str, int]:
    """One pass over the document, visiting each node once (so linear in the text's size).

    Returns the line of every key and list item by path (``a.b[2].c``). Raises YamlProblem for
    a key repeated in a mapping, nesting deeper than MAX_DEPTH, an alias when ``aliases`` is
    False, and aliases that expand to more than MAX_EXPANDED values (or to themselves).
    """
    paths: dict[str, int] = {}
    expanded: set[int] = set()
    shared = False
    stack: list[tuple[str, Node, int]] = [("", root, 1)]
    while stack:
        prefix, current, depth = stack.pop()
        if id(current) in expanded:
            # An alias: the node it names was (or is being) walked already.
            if not aliases:
                raise YamlProblem(current.start_mark.line + first_line, _alias_message("..."))
            shared = True
            continue
        expanded.add(id(current))
        if depth > MAX_DEPTH:
            raise YamlProblem(current.start_mark.line + first_line, _depth_message())
        if isinstance(current, MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in current.value:
                key = str(key_node.value)
                line = key_node.start_mark.line + first_line
                if key in seen:
                    raise YamlProblem(
                        line,
                        f"'{key}' is given twice (lines {seen[key]} and {line}); "
                        "keep one and delete the other",
                    )
                seen[key] = line
                path = f"{prefix}.{key}" if prefix else key
                paths.setdefault(path, line)
                stack.append((path, value_node, depth + 1))
        elif isinstance(current, SequenceNode):
            for index, item in enumerate(current.value):
                path = f"{prefix}[{index}]"
                paths.setdefault(path, item.start_mark.line + first_line)
                stack.append((path, item, depth + 1))
    if shared:
        _check_expansion(root, first_line)
    return paths


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _check_expansion(root: Node, first_line: int) -> None:
    """Raise YamlProblem when aliases make the document hold more than MAX_EXPANDED values,
    or a list or mapping hold itself. Each node's expanded size is worked out once."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            open_nodes.discard(id(node))
            size = 1 + sum(sizes[id(child)] for child in _children(node))
            if size > MAX_EXPANDED:
                raise YamlProblem(
                    node.start_mark.line + first_line,
                    f"aliases ('*name') repeat values so often that the file would hold more "
                    f"than {MAX_EXPANDED:,} values; write the values out or use fewer aliases",
                )
            sizes[id(node)] = size
            continue
        if id(node) in sizes:
            continue
        if id(node) in open_nodes:
            raise YamlProblem(
                node.start_mark.line + first_line,
                "an alias ('*name') is used inside the list or mapping it names; "
                "write the values out instead",
            )
        open_nodes.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)


def load_yaml(text: str, first_line: int = 1, *, aliases: bool = True) -> YamlDoc:
    """Parse one YAML document with line numbers.

    Args:
        text: the YAML.
        first_line: the file line of the text's first line, so every line reported (in errors
            and in ``key_lines`` / ``paths``) is a line of the file.
        aliases: False refuses any alias (``*name``), as front matter does.

    Raises:
        YamlProblem: on a syntax error, a duplicated key, nesting deeper than MAX_DEPTH, or an
            alias where none is allowed, with a plain-English hint.
    """
    if _FastEditorLoader is not None:
        try:
            return _load(_FastEditorLoader(text), first_line, aliases)
        except (YamlProblem, yaml.YAMLError):
            pass  # read it again below, so every message is worded exactly as before
    try:
        loader = _EditorLoader(text)
    except yaml.reader.ReaderError as exc:
        # A control character (Word's line break U+000B, a backspace...) the reader refuses
        # before parsing starts.
        line = text[: exc.position].count("\n") + first_line
        raise YamlProblem(
            line,
            f"not valid YAML (it has a hidden character U+{exc.character:04X}); delete it: such "
            "characters often come with text copied from Word or a PDF",
        ) from exc
    loader.refuse_aliases = not aliases
    return _load(loader, first_line, aliases)


def _load(loader: Any, first_line: int, aliases: bool) -> YamlDoc:
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(data=None)
        paths = _walk(node, first_line, aliases=aliases)
        data = loader.construct_document(node)
    except YamlProblem:
        raise  # a repeated key: already has its line and its own wording
    except _DepthLimit as exc:
        where = exc.line + first_line
        if exc.kind == "alias":
            event = loader.peek_event()
            raise YamlProblem(where, _alias_message(str(event.anchor))) from None
        raise YamlProblem(where, _depth_message()) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = str(exc.problem or exc.context or "not valid YAML")
        context = str(exc.context or "")
        if "quoted scalar" in context and exc.context_mark is not None:
            # An unclosed quote is found at the end of the text; the line to fix is the
            # one where the quote was opened.
            mark = exc.context_mark
            problem = f"{problem} {context}"
        line = mark.line + first_line if mark is not None else None
        raise YamlProblem(line, f"not valid YAML ({problem}); {_hint(problem)}") from exc
    except yaml.YAMLError as exc:
        raise YamlProblem(None, f"not valid YAML ({exc})") from exc
    except (ValueError, TypeError) as exc:
        raise YamlProblem(None, f"not valid YAML ({exc})") from exc
    except RecursionError:
        raise YamlProblem(None, _depth_message()) from None
    finally:
        loader.dispose()
    key_lines: dict[str, int] = {}
    if isinstance(node, MappingNode):
        for key_node, _value in node.value:
            key_lines.setdefault(str(key_node.value), key_node.start_mark.line + first_line)
    return YamlDoc(data=data, key_lines=key_lines, node=node, paths=paths)
