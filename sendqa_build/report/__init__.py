"""The QA report: the self-evaluation draft as JSON, HTML and Word, from one dict."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).resolve().parent / "self-evaluation.schema.json"
"""The committed JSON Schema of ``self-evaluation.json``."""


def docx_file(
    report: Mapping[str, Any],
    docs_prefix: str = "content",
    changes: Mapping[str, str] | None = None,
    previous: Mapping[str, Any] | None = None,
) -> bytes:
    """The Word document. python-docx (and lxml, about 7 MB) is imported here, only when a
    build makes the Word file."""
    from sendqa_build.report.wordfile import render_docx

    return render_docx(report, docs_prefix=docs_prefix, changes=changes, previous=previous)
