"""Where and when: reading a service's opening times written in plain words.

Editors write times the way a leaflet does (``Monday to Friday, 9am to 5pm``,
``Saturdays, 10am to 1pm (term time only)``); the open data feed needs days and clock times
(ORUK ``schedules``: ``byday``, ``opens_at``, ``closes_at``). ``parse_times`` turns one into the
other, or says in plain words what it could not read, so the editor can fix it.
"""

from __future__ import annotations

import re
from typing import Any

DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_ALIASES = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "weds": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
_GROUPS = {
    "weekdays": (0, 1, 2, 3, 4),
    "weekday": (0, 1, 2, 3, 4),
    "weekends": (5, 6),
    "weekend": (5, 6),
    "every day": (0, 1, 2, 3, 4, 5, 6),
    "everyday": (0, 1, 2, 3, 4, 5, 6),
    "daily": (0, 1, 2, 3, 4, 5, 6),
    "7 days a week": (0, 1, 2, 3, 4, 5, 6),
    "seven days a week": (0, 1, 2, 3, 4, 5, 6),
}
_TIME = (
    r"(?:(?:12\s*)?(?:noon|midday)|(?:12\s*)?midnight"
    r"|\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?)"
)
_RANGE = re.compile(
    rf"(?P<open>{_TIME})\s*(?:to|until|till|-|\u2013|\u2014)\s*(?P<close>{_TIME})", re.I
)
_ONE_TIME = re.compile(
    r"^(?:(?:12\s*)?(?P<word>noon|midday|midnight)|(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*"
    r"(?P<ampm>am|pm|a\.m\.|p\.m\.)?)$",
    re.I,
)
EXAMPLE = "Monday to Friday, 9am to 5pm"


class TimesError(ValueError):
    """Opening times that could not be read; the message says what to write instead."""


def _day(word: str) -> int | None:
    word = word.strip().lower().rstrip(".")
    if word.endswith("s") and word[:-1] in DAY_NAMES:
        word = word[:-1]  # "Mondays"
    if word in DAY_NAMES:
        return DAY_NAMES.index(word)
    return _DAY_ALIASES.get(word)


def parse_days(text: str) -> tuple[int, ...]:
    """``Monday to Friday``, ``Mon-Fri``, ``Tuesdays and Thursdays``, ``weekdays``: the day
    numbers (Monday is 0), in week order.

    Raises:
        TimesError: when a part is not a day.
    """
    clean = " ".join(text.lower().replace("\u2013", "-").replace("\u2014", "-").split())
    clean = re.sub(r"^(?:on|every|open)\s+(?=\w)", "", clean) if clean not in _GROUPS else clean
    days: set[int] = set()
    for part in re.split(r"\s*(?:,|&|\band\b|/|\+)\s*", clean):
        part = part.strip()
        if not part:
            continue
        if part in _GROUPS:
            days.update(_GROUPS[part])
            continue
        ends = re.split(r"\s*(?:\bto\b|-|\btill\b|\buntil\b|\bthrough\b)\s*", part)
        if len(ends) == 2:
            first, last = _day(ends[0]), _day(ends[1])
            if first is None or last is None:
                raise TimesError(f"'{part}' is not a range of days")
            span = range(first, last + 1) if first <= last else [*range(first, 7), *range(last + 1)]
            days.update(span)
            continue
        one = _day(part)
        if one is None:
            raise TimesError(f"'{part}' is not a day of the week")
        days.add(one)
    if not days:
        raise TimesError("no days are given")
    return tuple(sorted(days))


def _clock(text: str, default_half: str | None) -> tuple[int, int, bool]:
    """(hour 0-23, minute, whether am/pm or a 24-hour form made it certain)."""
    match = _ONE_TIME.match(text.strip())
    if not match:
        raise TimesError(f"'{text}' is not a time")
    word = (match.group("word") or "").lower()
    if word in ("noon", "midday"):
        return 12, 0, True
    if word == "midnight":
        return 0, 0, True
    hour, minute = int(match.group("h")), int(match.group("m") or 0)
    half = (match.group("ampm") or "").replace(".", "").lower() or None
    if minute > 59 or hour > 23 or (half and not 1 <= hour <= 12):
        raise TimesError(f"'{text}' is not a time")
    certain = half is not None or hour >= 13 or hour == 0 or text.strip().startswith("0")
    half = half or (default_half if not certain else None)
    if half == "pm" and hour != 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    return hour, minute, certain or half is not None


def parse_times(text: str) -> dict[str, Any]:
    """One line of opening times as plain values.

    ``Monday to Friday, 9am to 5pm (term time only)`` gives ``{"text": ..., "days": ["MO",
    "TU", "WE", "TH", "FR"], "opens": "09:00", "closes": "17:00", "note": "term time only"}``.

    Raises:
        TimesError: saying what could not be read.
    """
    line = " ".join(text.replace("\u2019", "'").split())
    match = _RANGE.search(line)
    if not match:
        raise TimesError("no opening and closing time such as '9am to 5pm'")
    head = line[: match.start()].strip().rstrip(",:;").strip()
    head = re.sub(r"\s*\b(?:from|between)$", "", head, flags=re.I).strip().rstrip(",:;").strip()
    if not head:
        raise TimesError("no days are given before the times")
    days = parse_days(head)
    close_text, open_text = match.group("close"), match.group("open")
    close_h, close_m, close_sure = _clock(close_text, None)
    close_half = "pm" if re.search(r"p\.?m\.?$", close_text, re.I) else None
    close_half = close_half or ("am" if re.search(r"a\.?m\.?$", close_text, re.I) else None)
    open_h, open_m, open_sure = _clock(open_text, close_half)
    if (
        close_half == "pm"
        and not re.search(r"[ap]\.?m\.?$", open_text, re.I)
        and ((open_h, open_m) >= (close_h, close_m))
    ):
        open_h -= 12  # "9 to 5pm": the opening time is in the morning
    if not (open_sure and close_sure):
        raise TimesError(
            f"'{match.group(0)}' does not say am or pm; write for example '9am to 5pm' or "
            "'09:00 to 17:00'"
        )
    if (close_h, close_m) <= (open_h, open_m) and not (close_h, close_m) == (0, 0):
        raise TimesError(f"'{match.group(0)}' closes before it opens")
    note = line[match.end() :].strip().lstrip(",;:-").strip()
    if note.startswith("(") and note.endswith(")"):
        note = note[1:-1].strip()
    return {
        "text": line,
        "days": [DAY_CODES[d] for d in days],
        "opens": f"{open_h:02d}:{open_m:02d}",
        "closes": f"{close_h:02d}:{close_m:02d}",
        "note": note,
    }


_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


def postcode(text: str) -> str | None:
    """A UK postcode in its usual form (``WY1 4AB``), or None when it is not one."""
    compact = "".join(text.upper().split())
    if not _POSTCODE.match(compact):
        return None
    return f"{compact[:-3]} {compact[-3:]}"
