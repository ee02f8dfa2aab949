"""A page's checked front matter as JSON, so it can be kept between builds: exactly, or not at all.

Checked values are Python types (text, numbers, lists, fields, dates, review periods). Each is
written with a tag where JSON alone would lose its type, and a result is kept only when reading
it back gives the same values of the same types: anything else (a type this module does not
know, a number JSON cannot hold) is simply checked again in the next build.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

from sendqa_build.core.durations import Duration
from sendqa_build.core.frontmatter.check import FrontMatterResult
from sendqa_build.core.frontmatter.source import normalise_text, split_source
from sendqa_build.models import Finding


class _NotKept(Exception):
    """A value with no exact JSON form."""


def _encode(value: Any) -> Any:
    kind = type(value)
    if value is None or kind in (bool, int, float, str):
        return value
    if kind is list:
        return [_encode(item) for item in value]
    if kind is dict and all(type(key) is str for key in value):
        return {"d": {key: _encode(item) for key, item in value.items()}}
    if kind is dt.date:
        return {"t": value.isoformat()}
    if kind is Duration:
        return {"p": [value.years, value.months, value.weeks, value.days]}
    raise _NotKept(kind.__name__)


def _decode(data: Any) -> Any:
    if isinstance(data, list):
        return [_decode(item) for item in data]
    if not isinstance(data, dict):
        return data
    if "d" in data:
        return {key: _decode(item) for key, item in data["d"].items()}
    if "t" in data:
        return dt.date.fromisoformat(data["t"])
    years, months, weeks, days = data["p"]
    return Duration(years=years, months=months, weeks=weeks, days=days)


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (``1`` is not ``1.0`` or ``True``)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[key], b[key]) for key in a)
    return bool(a == b)


def result_to_data(result: FrontMatterResult) -> dict[str, Any] | None:
    """The checked front matter as JSON types, or None when it cannot be read back exactly."""
    try:
        meta = _encode(result.meta)
    except _NotKept:
        return None
    if not _same(_decode(meta), result.meta):
        return None  # a float JSON cannot hold exactly (NaN)
    return {
        "meta": meta,
        "findings": [finding.to_data() for finding in result.findings],
        "lines": result.lines,
    }


def result_from_data(text: str, data: dict[str, Any]) -> FrontMatterResult:
    """The result ``result_to_data`` kept, for the same page ``text`` (split again: cheap,
    and the body is never kept twice)."""
    return FrontMatterResult(
        meta=_decode(data["meta"]),
        findings=[Finding.from_data(finding) for finding in data["findings"]],
        parts=split_source(normalise_text(text)),
        lines={sys.intern(path): line for path, line in data["lines"].items()},
    )
