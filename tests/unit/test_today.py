"""The reference date."""

from __future__ import annotations

import datetime as dt

import pytest

from sendqa_build.today import ReferenceDateError, reference_date


def test_sendqa_today_sets_the_date() -> None:
    assert reference_date({"SENDQA_TODAY": "2026-03-01"}) == dt.date(2026, 3, 1)


def test_bad_sendqa_today_is_a_clear_error() -> None:
    with pytest.raises(ReferenceDateError, match="SENDQA_TODAY is set to '01/03/2026'"):
        reference_date({"SENDQA_TODAY": "01/03/2026"})


def test_unset_gives_a_date() -> None:
    assert isinstance(reference_date({}), dt.date)
