"""Figures and sentences for the QA report: shares, plurals, lists, dates and owners.

Every sentence of the rationale and the action plan is worded with these, so the report reads
the same way throughout (GOV.UK dates, shares that never round up to 100%).
"""

from __future__ import annotations

from collections.abc import Sequence

from sendqa_build.core.view import long_date

__all__ = [
    "join_and",
    "long_date",
    "owned_by",
    "pct",
    "plural",
    "ratio",
    "the",
]


def pct(share: float) -> str:
    """A share as a percentage that never rounds up to 100%."""
    value = share * 100
    whole = int(value) if value < 100 else 100
    return f"{whole}%"


def ratio(part: int, whole: int) -> str:
    return f"{part} of {whole} ({pct(part / whole)})"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def the(count: int, word: str, many: str | None = None) -> str:
    """``the overdue page`` or ``the 14 overdue pages``."""
    return f"the {word}" if count == 1 else f"the {count} {many or word + 's'}"


def join_and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_TEAM_WORDS = ("team", "service", "services", "unit", "panel", "board", "group", "office")


def owned_by(owner: str) -> str:
    """``the Early Years SEND Team`` for teams, the name as written otherwise."""
    words = owner.split()
    if words and words[-1].lower() in _TEAM_WORDS and words[0].lower() != "the":
        return f"the {owner}"
    return owner
