"""Template data sendqa puts in a page's ``meta`` is dropped once the page is written: MkDocs
keeps every page until the build ends, and on a large site that data adds up."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from sendqa_build.plugins.feedback.plugin import FeedbackPlugin
from sendqa_build.plugins.frontmatter.plugin import FrontMatterPlugin


def written(plugin: Any, meta: dict[str, Any]) -> dict[str, Any]:
    page = SimpleNamespace(meta=meta)
    assert plugin.on_post_page("<html></html>", page=page, config=None) is None
    return page.meta


def test_written_pages_keep_only_their_own_front_matter() -> None:
    meta = {
        "title": "Portage",
        "sendqa_view": {"review_by": "2027-01-01"},
        "sendqa_feedback": {"responses": []},
        "sendqa_report": {"href": "mailto:x@example.org"},
    }
    assert written(FrontMatterPlugin(), dict(meta)).keys() == {
        "title",
        "sendqa_feedback",
        "sendqa_report",
    }
    assert written(FeedbackPlugin(), dict(meta)).keys() == {"title", "sendqa_view"}
    assert written(FeedbackPlugin(), {"title": "Plain page"}) == {"title": "Plain page"}
