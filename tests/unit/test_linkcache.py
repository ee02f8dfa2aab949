"""The link results cache: outcomes kept between builds, each for its time-to-live."""

from __future__ import annotations

import datetime as dt

import pytest

from sendqa_build.core.linkcache import LinkCache
from sendqa_build.core.links import Outcome

NOW = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.timezone.utc)
WEEK = dt.timedelta(days=7)
DAY = dt.timedelta(days=1)


def test_cache_round_trip_and_time_to_live() -> None:
    cache = LinkCache()
    cache.put("https://a.org/", Outcome("broken", "404 Not Found"), NOW)
    cache.put("https://b.org/", Outcome("unverified", "429 Too Many Requests"), NOW)
    cache.put("https://c.org/", Outcome("ok", "", "https://c.org/new"), NOW)
    loaded = LinkCache.loads(cache.dumps())
    assert loaded.entries == cache.entries
    later = NOW + dt.timedelta(days=2)
    assert loaded.fresh("https://a.org/", later, WEEK, DAY) == Outcome("broken", "404 Not Found")
    assert loaded.fresh("https://c.org/", later, WEEK, DAY) == Outcome(
        "ok", "", "https://c.org/new"
    )
    assert loaded.fresh("https://b.org/", later, WEEK, DAY) is None  # unverified: one day
    assert loaded.fresh("https://b.org/", NOW + dt.timedelta(hours=2), WEEK, DAY) is not None
    assert loaded.fresh("https://a.org/", NOW + dt.timedelta(days=8), WEEK, DAY) is None
    assert loaded.fresh("https://a.org/", NOW - dt.timedelta(days=1), WEEK, DAY) is None
    assert loaded.fresh("https://z.org/", NOW, WEEK, DAY) is None
    loaded.prune(NOW + dt.timedelta(days=8), WEEK)
    assert loaded.entries == {}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[]",
        '{"version": 99, "results": {}}',
        '{"version": 1, "results": {"https://a.org/": {"status": "odd"}}}',
        '{"version": 1, "results": {"https://a.org/": {"status": "ok", "checked_at": "x"}}}',
    ],
)
def test_damaged_cache_is_empty(text: str) -> None:
    assert LinkCache.loads(text).entries == {}
