"""Loading the rule files in ``checks/``: one clear error naming the file, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sendqa_build.core.yamltext import YamlProblem, load_yaml
from sendqa_build.pagecache import digest


class RulesError(Exception):
    """A rule file in ``checks/`` is missing or malformed; the build stops with this message."""


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise RulesError(f"Rules file '{path}' is missing; restore it from git") from exc
    except OSError as exc:
        raise RulesError(f"Rules file '{path}' cannot be read ({exc})") from exc


def file_stamp(path: Path) -> str:
    """A hash of one rule file, for the stamp of results kept between builds. Taken before the
    file is parsed: if it changes in between, the kept results carry the older hash and are
    never used with the newer file.

    Raises:
        RulesError: when the file is missing or unreadable (as ``load_rules_file`` says it).
    """
    return digest(_read(path))


def load_rules_file(path: Path) -> Any:
    """Read one YAML rule file.

    Raises:
        RulesError: when the file is missing, unreadable or not valid YAML.
    """
    try:
        text = _read(path).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RulesError(f"Rules file '{path}' cannot be read ({exc})") from exc
    try:
        return load_yaml(text).data
    except YamlProblem as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise RulesError(f"Error reading rules file '{where}': {exc.message}") from exc


def expect_mapping(data: Any, path: Path, keys: set[str] | None = None) -> dict[str, Any]:
    """Check a rule file's top level is a mapping with only the given keys (when given).

    Raises:
        RulesError: naming the file and the unexpected shape or key.
    """
    if not isinstance(data, dict):
        raise RulesError(
            f"Error reading rules file '{path}': expected 'name: value' entries, "
            f"found {_shape(data)}; restore the file's layout from git"
        )
    if keys is not None:
        unknown = sorted(str(k) for k in data if k not in keys)
        if unknown:
            raise RulesError(
                f"Error reading rules file '{path}': unknown key '{unknown[0]}'; "
                f"expected one of {', '.join(sorted(keys))}"
            )
    return data


def expect_list(data: Any, path: Path, name: str) -> list[Any]:
    """A rule file entry that must be a list (empty when left out).

    Raises:
        RulesError: naming the file and the entry when it is something else.
    """
    if data is None:
        return []
    if not isinstance(data, list):
        raise RulesError(
            f"Error reading rules file '{path}': '{name}' must be a list ('- ' lines), "
            f"found {_shape(data)}"
        )
    return data


def _shape(data: Any) -> str:
    """What an editor sees where a mapping should be, in words (not Python type names)."""
    if data is None:
        return "nothing (the file or entry is empty)"
    if isinstance(data, list):
        return "a list ('- ' lines)"
    text = " ".join(str(data).split())
    return f"just the text '{text[:40]}'"
