"""YAML reading that suits content editors: line numbers, duplicate keys caught, no surprises.

PyYAML on its own turns ``2026-02-31`` into a crash (not a YAML error), silently keeps the last of
two duplicate keys and gives no line numbers for values. Front matter and the rule files in
``checks/`` are both read through :func:`load_yaml` so every problem has a line to point at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode


class _EditorLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so they can be checked with a helpful message."""


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
    stack = [node]
    while stack:
        current = stack.pop()
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
                stack.append(value_node)
        elif isinstance(current.value, list):
            stack.extend(item for item in current.value if isinstance(item, Node))


def load_yaml(text: str, first_line: int = 1) -> YamlDoc:
    """Parse one YAML document with line numbers.

    Args:
        text: the YAML.
        first_line: the file line of the text's first line, so every line reported (in errors
            and in ``key_lines`` / ``paths``) is a line of the file.

    Raises:
        YamlProblem: on a syntax error or a duplicated key, with a plain-English hint.
    """
    if _FastEditorLoader is not None:
        try:
            return _load(_FastEditorLoader(text), first_line)
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
    return _load(loader, first_line)


def _load(loader: Any, first_line: int) -> YamlDoc:
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(data=None)
        check_duplicates(node, first_line)
        data = loader.construct_document(node)
    except YamlProblem:
        raise  # a repeated key: already has its line and its own wording
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
    except (ValueError, TypeError, RecursionError) as exc:
        raise YamlProblem(None, f"not valid YAML ({exc})") from exc
    finally:
        loader.dispose()
    key_lines: dict[str, int] = {}
    if isinstance(node, MappingNode):
        for key_node, _value in node.value:
            key_lines.setdefault(str(key_node.value), key_node.start_mark.line + first_line)
    return YamlDoc(data=data, key_lines=key_lines, node=node, paths=_node_paths(node, first_line))


def _node_paths(root: Node, first_line: int) -> dict[str, int]:
    """Map ``a.b[2].c`` style paths to 1-based lines, for messages about nested values."""
    paths: dict[str, int] = {}
    stack: list[tuple[str, Node]] = [("", root)]
    while stack:
        prefix, current = stack.pop()
        if isinstance(current, MappingNode):
            for key_node, value_node in current.value:
                path = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
                paths.setdefault(path, key_node.start_mark.line + first_line)
                stack.append((path, value_node))
        elif isinstance(current, SequenceNode):
            for index, item in enumerate(current.value):
                path = f"{prefix}[{index}]"
                paths.setdefault(path, item.start_mark.line + first_line)
                stack.append((path, item))
    return paths
