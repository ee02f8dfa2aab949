"""The QA report: the self-evaluation draft as JSON, HTML and Word, from one dict."""

from pathlib import Path

SCHEMA_PATH = Path(__file__).resolve().parent / "self-evaluation.schema.json"
"""The committed JSON Schema of ``self-evaluation.json``."""
