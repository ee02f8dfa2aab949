"""Review periods and calendar arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest

from sendqa_build.core.durations import (
    Duration,
    DurationError,
    add_duration,
    add_months,
    parse_duration,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 months", Duration(months=6)),
        ("12 weeks", Duration(weeks=12)),
        ("1 year", Duration(years=1)),
        ("2 years", Duration(years=2)),
        ("90 days", Duration(days=90)),
        ("1 year and 6 months", Duration(years=1, months=6)),
        ("six months", Duration(months=6)),
        ("a year", Duration(years=1)),
        ("6months", Duration(months=6)),
        ("P6M", Duration(months=6)),
        ("P1Y", Duration(years=1)),
        ("P1Y6M", Duration(years=1, months=6)),
        ("P12W", Duration(weeks=12)),
        ("p30d", Duration(days=30)),
        ("  6 Months ", Duration(months=6)),
    ],
)
def test_parse_duration(text: str, expected: Duration) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    "text", ["", "P", "soon", "6", "0 months", "P0M", "6 fortnights", "6 months 2 months"]
)
def test_bad_durations(text: str) -> None:
    with pytest.raises(DurationError):
        parse_duration(text)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
        (dt.date(2028, 2, 29), 12, dt.date(2029, 2, 28)),
        (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),
        (dt.date(2026, 3, 31), 1, dt.date(2026, 4, 30)),
        (dt.date(2026, 11, 15), 2, dt.date(2027, 1, 15)),
        (dt.date(2026, 12, 31), 12, dt.date(2027, 12, 31)),
    ],
)
def test_add_months_is_calendar_correct(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected


def test_add_duration_weeks_and_days() -> None:
    assert add_duration(dt.date(2026, 1, 1), Duration(weeks=12)) == dt.date(2026, 3, 26)
    assert add_duration(dt.date(2028, 2, 29), Duration(years=1)) == dt.date(2029, 2, 28)


def test_describe() -> None:
    assert Duration(months=6).describe() == "6 months"
    assert Duration(years=1, months=6).describe() == "1 year and 6 months"
    assert Duration(weeks=1).describe() == "1 week"
