"""``sendqa/freshness``: review dates that fail ``--strict`` when passed, and the review lists."""
