"""``council_setting``: the one reading of ``extra.council`` in mkdocs.yml."""

from __future__ import annotations

from typing import Any

import pytest
from mkdocs.config.defaults import MkDocsConfig

from sendqa_build.plugins.base import council_setting, council_settings


def _config(extra: Any) -> MkDocsConfig:
    config = MkDocsConfig()
    config.load_dict({"site_name": "Local Offer", "extra": extra})
    return config


@pytest.mark.parametrize(
    ("extra", "keys", "expected"),
    [
        ({"council": {"area": "Wyvernshire"}}, ("area",), "Wyvernshire"),
        ({"council": {"area": "  Wyvernshire \n"}}, ("area",), "Wyvernshire"),
        ({"council": {"area": ""}}, ("area",), None),
        ({"council": {"area": "   "}}, ("area",), None),
        ({"council": {"area": None}}, ("area",), None),
        ({"council": {}}, ("area",), None),
        ({"council": None}, ("area",), None),
        ({"council": "Wyvernshire"}, ("area",), None),
        ({}, ("area",), None),
        (None, ("area",), None),
        (
            {"council": {"feedback_url": "https://x.example/"}},
            ("feedback_email", "feedback_url"),
            "https://x.example/",
        ),
        (
            {"council": {"feedback_email": "a@x.example", "feedback_url": "u"}},
            ("feedback_email", "feedback_url"),
            "a@x.example",
        ),
        (
            {"council": {"feedback_email": "", "feedback_url": "u"}},
            ("feedback_email", "feedback_url"),
            "u",
        ),
        ({"council": {"name": 2026}}, ("name",), "2026"),
    ],
)
def test_council_setting(extra: Any, keys: tuple[str, ...], expected: str | None) -> None:
    assert council_setting(_config(extra), *keys) == expected


def test_council_settings_are_given_as_written_for_the_branding_check() -> None:
    assert council_settings(_config({"council": "Wyvernshire"})) == "Wyvernshire"
    assert council_settings(_config({"council": {"name": "W"}})) == {"name": "W"}
    assert council_settings(_config({})) is None
