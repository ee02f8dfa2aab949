"""The one Finding model that every check returns, so logs, the preview panel and the QA report
all speak the same language."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from enum import Enum
from typing import Any

_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
"""Control characters (escape, carriage return, NUL...) except the tab."""
_CONTROL_IN_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""The same, except the tab and the line break."""


def printable(text: str, *, lines: bool = False) -> str:
    """``text`` with each control character written as ``<U+001B>``: content quoted in a
    message must never move the cursor, recolour or clear an editor's terminal. ``lines``
    keeps line breaks (for messages of several lines)."""
    control = _CONTROL_IN_LINES if lines else _CONTROL
    if control.search(text) is None:
        return text
    return control.sub(lambda found: f"<U+{ord(found.group(0)):04X}>", text)


class Severity(str, Enum):
    """How serious a finding is."""

    WARNING = "warning"
    """Logged as a warning: a plain build still publishes, ``mkdocs build --strict`` fails."""

    INFO = "info"
    """Logged at info level: worth knowing, never fails a build."""


@dataclass(frozen=True)
class Finding:
    """One problem found in the content, worded for a council editor.

    Attributes:
        check: short name of the check that found it (``front-matter``, ``freshness`` ...).
        page: path of the page under the docs folder (``services/portage.md``), or None for
            findings about the whole site.
        line: 1-based line in that file, or None when no single line is to blame.
        severity: warning (fails ``--strict``) or info.
        message: what is wrong, in one plain sentence without a full stop.
        fix: what the editor should do about it ("" when the message says it all).
        silenced: True when an editor silenced it with a marked comment; silenced findings are
            not logged as warnings but are still listed in the QA report.
    """

    check: str
    page: str | None
    line: int | None
    severity: Severity
    message: str
    fix: str = ""
    silenced: bool = False

    @property
    def text(self) -> str:
        """The message and the fix as one line: ``what is wrong; what to do`` (control
        characters quoted from the content shown as ``<U+001B>``)."""
        return printable(f"{self.message}; {self.fix}" if self.fix else self.message)

    def location(self, docs_prefix: str = "content") -> str:
        """``content/services/portage.md:4`` style location (empty for site-wide findings)."""
        if self.page is None:
            return ""
        path = printable(f"{docs_prefix}/{self.page}" if docs_prefix else self.page)
        return f"{path}:{self.line}" if self.line else path

    def format(self, docs_prefix: str = "content") -> str:
        """The full line an editor reads: ``path:line: what is wrong; what to do``."""
        where = self.location(docs_prefix)
        return f"{where}: {self.text}" if where else self.text

    def sort_key(self) -> tuple[str, int, str, str]:
        """Order by file, then line, then check, so every run lists findings identically."""
        return (self.page or "", self.line or 0, self.check, self.text)

    def to_data(self) -> list[Any]:
        """Every field as JSON types, for results kept between builds (``from_data``)."""
        return [
            self.check,
            self.page,
            self.line,
            self.severity.value,
            self.message,
            self.fix,
            self.silenced,
        ]

    @classmethod
    def from_data(cls, data: list[Any]) -> Finding:
        """The finding ``to_data`` wrote."""
        check, page, line, severity, message, fix, silenced = data
        return cls(check, page, line, Severity(severity), message, fix, silenced)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form used by the QA report (contract section 6 ``findings``)."""
        data = asdict(self)
        data["severity"] = self.severity.value
        data["message"] = self.text
        del data["fix"]
        data["fix"] = self.fix
        return data


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in the one stable order used everywhere (file, line, check, text)."""
    return sorted(findings, key=Finding.sort_key)


def collapse_repeats(findings: Iterable[Finding]) -> list[Finding]:
    """One finding for each set of identical findings on one line, saying how many there are.

    A word used 2,000 times on one pasted line is one thing for the editor to fix, not 2,000
    warnings: ``'e.g.' is on the GOV.UK list ... (2,000 times on this line)``. Kept in the
    order each first appears.
    """
    counts: dict[Finding, int] = {}
    for finding in findings:
        counts[finding] = counts.get(finding, 0) + 1
    return [
        finding
        if count == 1
        else replace(
            finding,
            message=f"{finding.message} ({count:,} times on this "
            f"{'line' if finding.line is not None else 'page'})",
        )
        for finding, count in counts.items()
    ]
