"""Real MkDocs builds of text that used to raise false alarms (issue 22): no finding for any of
it; and what the same build does report (a title with an acronym, a position instruction)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from tests.conftest import BuiltSite, guide_page

Build = Callable[..., BuiltSite]
PLUGINS = ["search", "sendqa/frontmatter", "sendqa/browse", "sendqa/plain-english"]

ACCESSIBILITY = """This website is partially compliant with the Web Content Accessibility Guidelines
(WCAG) version 2.2 AA standard. We test every page against WCAG 2.2 level AA.

The report is a PDF (2 MB). Our office is certified to ISO 9001.

The content listed below is not yet accessible. As above, we will fix it by March.
"""

EXPANSIONS = """Children with special educational needs or disabilities (SEND) get help here.

All Local Authorities (LAs) must publish a Local Offer. Some local authorities (LA) do more.

An Education, Health and Care plan (EHC plan) is reviewed every year. EHC plans last.

Speech and language therapists (SaLTs) visit schools. Ask the SaLT.
"""

ONE_OFF = """The Holiday Activities and Food (HAF) programme runs in every holiday.

The impact on families has been large. Schools must use their best endeavours.

Read our 'Transforming Care Together' report. Children aged 5 and above can apply.

The table below lists the clubs. You have the right to appeal.
"""


def test_false_alarm_classes_give_no_finding(build_site: Build) -> None:
    files = {
        "index.md": guide_page("Home", "Welcome to the Local Offer.\n"),
        "accessibility.md": guide_page("Accessibility statement", ACCESSIBILITY),
        "expansions.md": guide_page("Special educational needs support", EXPANSIONS),
        "holidays.md": guide_page("Holiday clubs", ONE_OFF),
    }
    site = build_site(files, strict=True, plugins=PLUGINS)
    assert site.aborted is None
    assert site.warnings == []
    pages = ("accessibility.md", "expansions.md", "holidays.md")
    notes = [m for m in site.sendqa(logging.INFO) if any(page in m for page in pages)]
    assert notes == []


def test_titles_and_position_instructions_are_reported(build_site: Build) -> None:
    files = {
        "index.md": guide_page("Home", "Welcome to the Local Offer.\n"),
        "strategy.md": guide_page("SEND Strategy", "Use the menu on the left hand side.\n"),
    }
    site = build_site(files, plugins=PLUGINS)
    messages = [m for m in site.sendqa() if "strategy.md" in m]
    assert any("strategy.md:2: 'SEND' is used in a heading" in m for m in messages), messages
    assert any("'left hand side' tells readers where something is" in m for m in messages)
