"""The tooltips' Markdown extension (``plugins/plain_english/tooltips.py``) with Python-Markdown
alone: the glossary entries it hands to ``abbr`` give the HTML that definitions written in the
page give."""

from __future__ import annotations

from typing import Any

import markdown
import pytest

from sendqa_build.core.glossary import Tooltips, load_glossary
from sendqa_build.plugins.plain_english.tooltips import PageTooltips
from tests.conftest import ROOT

SHIPPED_INDEX = Tooltips(load_glossary(ROOT / "checks" / "glossary.yml").tooltips())


@pytest.mark.parametrize(
    "page",
    [
        "The SENCO and the EHCP coordinator meet. Ask CAMHS.\n",
        "# Help from SEND support\n\n- ask the SENCO\n- read your EHCP\n",
        "| Who | What |\n|---|---|\n| SENCO | EHCP reviews |\n",
        '!!! note "CAMHS"\n    The SENCO can refer you.\n',
        "Term\n:   EHCP and SEND support\n\nSee the [SENCO page](senco.md).\n",
    ],
)
def test_entries_given_to_abbr_give_the_html_of_definitions_written_in_the_page(
    page: str,
) -> None:
    """``PageTooltips`` hands the entries to Python-Markdown's ``abbr``; the page comes out as
    it did when the plugin wrote them at its end as ``*[EHCP]: ...`` lines."""
    entries = SHIPPED_INDEX.entries(page)
    assert len(entries) >= 2  # several definitions
    extensions: list[Any] = ["abbr", "attr_list", "admonition", "def_list", "tables", "toc"]
    lines = "\n".join(f"*[{text}]: {tip}" for text, tip in entries.items())
    written = markdown.markdown(f"{page}\n\n{lines}\n", extensions=extensions)
    tooltips = PageTooltips()
    tooltips.entries = entries
    given = markdown.markdown(page, extensions=[*extensions, tooltips])
    assert "<abbr" in written
    assert given == written
    # Without abbr in the list, the extension adds it.
    assert markdown.markdown(page, extensions=[*extensions[1:], tooltips]) == written


def test_the_page_own_explanation_wins_and_entries_are_for_one_page() -> None:
    tooltips = PageTooltips()
    tooltips.entries = {"EHCP": "From the glossary.", "SEN": "Special needs."}
    page = "The EHCP and SEN.\n\n*[EHCP]: Our own words.\n"
    html = markdown.markdown(page, extensions=["abbr", tooltips])
    assert '<abbr title="Our own words.">EHCP</abbr>' in html
    assert '<abbr title="Special needs.">SEN</abbr>' in html
    tooltips.entries = {}
    assert "<abbr" not in markdown.markdown("The EHCP and SEN.", extensions=["abbr", tooltips])
