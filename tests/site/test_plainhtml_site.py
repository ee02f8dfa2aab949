"""A real build of the sample site: for the HTML of every page, as the safety and structure hooks
got it (after every plugin that changes it, such as the glossary tooltips), reading it without
the parser gives exactly what the parser gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import sendqa_build.plugins.browse.plugin as browse_plugin
import sendqa_build.plugins.frontmatter.plugin as frontmatter_plugin
from sendqa_build.core import plainhtml
from tests.conftest import build_sample
from tests.unit.test_plainhtml import assert_same_as_parser


@pytest.fixture(scope="module")
def hook_html(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The HTML the safety and structure hooks were given, page by page."""
    given: list[str] = []
    make_safe, check_structure = frontmatter_plugin.make_safe, browse_plugin.check_structure

    def recorded_make_safe(html: str) -> Any:
        given.append(html)
        return make_safe(html)

    def recorded_check_structure(html: str, *args: Any, **kwargs: Any) -> Any:
        given.append(html)
        return check_structure(html, *args, **kwargs)

    patch = pytest.MonkeyPatch()
    patch.setattr(frontmatter_plugin, "make_safe", recorded_make_safe)
    patch.setattr(browse_plugin, "check_structure", recorded_check_structure)
    try:
        site = build_sample(Path(tmp_path_factory.mktemp("sample")))
    finally:
        patch.undo()
    assert site.aborted is None
    return given


def test_every_page_reads_the_same_without_the_parser(hook_html: list[str]) -> None:
    assert len(hook_html) > 100  # both hooks, every page
    for html in hook_html:
        assert_same_as_parser(html)


def test_most_pages_are_plain(hook_html: list[str]) -> None:
    """The comparison above covers the plain path, not only the parser."""
    plain = [plainhtml.is_plain(html) for html in hook_html]
    assert sum(plain) > len(plain) / 2, f"{sum(plain)} of {len(plain)}"
