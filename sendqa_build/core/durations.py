"""Review periods (``review_in``) in plain English or ISO 8601, and calendar-correct date sums."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_UNITS = {
    "day": "days",
    "days": "days",
    "d": "days",
    "week": "weeks",
    "weeks": "weeks",
    "wk": "weeks",
    "wks": "weeks",
    "w": "weeks",
    "month": "months",
    "months": "months",
    "mo": "months",
    "mth": "months",
    "mths": "months",
    "m": "months",
    "year": "years",
    "years": "years",
    "yr": "years",
    "yrs": "years",
    "y": "years",
}
_WORD_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
    "twenty-four": 24,
}
_PLAIN_PART = re.compile(r"((?<!\d)\d+|(?<![a-z-])[a-z-]+)\s*([a-z]+)")  # from a run's start
_ISO = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?", re.IGNORECASE)


@dataclass(frozen=True)
class Duration:
    """A review period: whole years, months, weeks and days."""

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0

    def is_zero(self) -> bool:
        """True when the period adds nothing (a review every 0 days makes no sense)."""
        return not (self.years or self.months or self.weeks or self.days)

    def describe(self) -> str:
        """Plain English: ``6 months``, ``1 year and 6 months``."""
        parts = []
        for amount, unit in (
            (self.years, "year"),
            (self.months, "month"),
            (self.weeks, "week"),
            (self.days, "day"),
        ):
            if amount:
                parts.append(f"{amount} {unit}{'' if amount == 1 else 's'}")
        if not parts:
            return "0 days"
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


class DurationError(ValueError):
    """The text is not a review period we understand."""


def parse_duration(text: str) -> Duration:
    """Parse ``6 months``, ``12 weeks``, ``1 year``, ``1 year 6 months``, ``P6M``, ``P1Y6M``.

    Raises:
        DurationError: for anything else, or a period of zero.
    """
    raw = str(text).strip()
    iso = _ISO.fullmatch(raw)
    if iso and raw.upper() != "P":
        y, m, w, d = (int(g) if g else 0 for g in iso.groups())
        result = Duration(years=y, months=m, weeks=w, days=d)
    else:
        cleaned = re.sub(r"\b(and|every)\b|,", " ", raw.lower()).strip()
        if not cleaned:
            raise DurationError(raw)
        amounts: dict[str, int] = {}
        pos = 0
        for match in _PLAIN_PART.finditer(cleaned):
            if cleaned[pos : match.start()].strip():
                raise DurationError(raw)
            number, unit = match.groups()
            value = int(number) if number.isdigit() else _WORD_NUMBERS.get(number)
            field = _UNITS.get(unit)
            if value is None or field is None or field in amounts:
                raise DurationError(raw)
            amounts[field] = value
            pos = match.end()
        if not amounts or cleaned[pos:].strip():
            raise DurationError(raw)
        result = Duration(**amounts)
    if result.is_zero():
        raise DurationError(raw)
    return result


def add_months(day: dt.date, months: int) -> dt.date:
    """Add calendar months, clamping to the month's end (31 January + 1 month = 28/29 February)."""
    total = day.year * 12 + (day.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        # A period of thousands of years (a typo) must not crash the build; the front matter
        # check reports it.
        return dt.date.max if year > dt.MAXYEAR else dt.date.min
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def add_duration(day: dt.date, period: Duration) -> dt.date:
    """The date ``period`` after ``day``: years and months by the calendar, then weeks and days."""
    moved = add_months(day, period.years * 12 + period.months)
    try:
        return moved + dt.timedelta(weeks=period.weeks, days=period.days)
    except OverflowError:
        return dt.date.max
