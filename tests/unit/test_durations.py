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


# Every way an editor may write review_in (README, contract section 4), including text pasted
# from Word (non-breaking spaces) and the short forms people use in spreadsheets.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 day", Duration(days=1)),
        ("14 d", Duration(days=14)),
        ("1 week", Duration(weeks=1)),
        ("3 wks", Duration(weeks=3)),
        ("2 wk", Duration(weeks=2)),
        ("1 month", Duration(months=1)),
        ("18 mths", Duration(months=18)),
        ("3 mo", Duration(months=3)),
        ("1 yr", Duration(years=1)),
        ("2 yrs", Duration(years=2)),
        ("one year", Duration(years=1)),
        ("twelve months", Duration(months=12)),
        ("twenty-four months", Duration(months=24)),
        ("an year", Duration(years=1)),
        ("every 6 months", Duration(months=6)),
        ("6 months, 2 weeks", Duration(months=6, weeks=2)),
        ("1 year 6 months 2 weeks 3 days", Duration(years=1, months=6, weeks=2, days=3)),
        ("6\u00a0months", Duration(months=6)),
        ("6 MONTHS", Duration(months=6)),
        ("P2Y", Duration(years=2)),
        ("P1Y2M3W4D", Duration(years=1, months=2, weeks=3, days=4)),
        ("p6m", Duration(months=6)),
        ("P6M ", Duration(months=6)),
    ],
)
def test_parse_every_review_in_form(text: str, expected: Duration) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    "text",
    ["P6M2Y", "PT6H", "P1.5Y", "P-6M", "P 6M", "6.5 months", "-6 months", "2 weeks 1 week"],
)
def test_reject_periods_we_cannot_add_by_the_calendar(text: str) -> None:
    with pytest.raises(DurationError):
        parse_duration(text)


@pytest.mark.parametrize(
    ("start", "period", "expected"),
    [
        # End of month: a month later is the last day of a shorter month, never 3 March.
        (dt.date(2026, 1, 31), "1 month", dt.date(2026, 2, 28)),
        (dt.date(2026, 1, 30), "P1M", dt.date(2026, 2, 28)),
        (dt.date(2026, 5, 31), "1 month", dt.date(2026, 6, 30)),
        (dt.date(2026, 8, 31), "6 months", dt.date(2027, 2, 28)),
        (dt.date(2026, 2, 28), "1 month", dt.date(2026, 3, 28)),
        # Leap days: 29 February exists in 2028, not in 2027 or 2029.
        (dt.date(2027, 8, 31), "6 months", dt.date(2028, 2, 29)),
        (dt.date(2028, 2, 29), "1 year", dt.date(2029, 2, 28)),
        (dt.date(2028, 2, 29), "P4Y", dt.date(2032, 2, 29)),
        (dt.date(2028, 2, 29), "12 months", dt.date(2029, 2, 28)),
        (dt.date(2027, 2, 28), "1 year", dt.date(2028, 2, 28)),
        (dt.date(2028, 2, 1), "4 weeks", dt.date(2028, 2, 29)),
        (dt.date(2027, 2, 1), "4 weeks", dt.date(2027, 3, 1)),
        (dt.date(2028, 2, 28), "1 day", dt.date(2028, 2, 29)),
        # Across the year end, and months before weeks and days.
        (dt.date(2026, 12, 15), "P1M", dt.date(2027, 1, 15)),
        (dt.date(2026, 9, 1), "6 months", dt.date(2027, 3, 1)),
        (dt.date(2026, 1, 31), "1 month and 1 day", dt.date(2026, 3, 1)),
        (dt.date(2026, 1, 31), "P1M1W", dt.date(2026, 3, 7)),
        (dt.date(2026, 11, 30), "90 days", dt.date(2027, 2, 28)),
    ],
)
def test_review_by_dates_across_month_ends_and_leap_days(
    start: dt.date, period: str, expected: dt.date
) -> None:
    assert add_duration(start, parse_duration(period)) == expected
