"""Cheap structural checks of a page's HTML, each problem reported at its Markdown line."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import markdown
import pytest

from sendqa_build.core.structure import (
    _OTHER_CASES,
    StructureRules,
    check_structure,
    link_key,
)
from sendqa_build.models import Severity
from sendqa_build.rules import RulesError, load_rules_file
from tests.conftest import ROOT

RULES_PATH = ROOT / "checks" / "structure.yml"
FIRST_LINE = 7
"""The body of the pages below starts on this line of the file (after the front matter)."""


def rules() -> StructureRules:
    return StructureRules.from_data(load_rules_file(RULES_PATH), RULES_PATH)


def check(body: str, structure_rules: StructureRules | None = None) -> list[str]:
    """Render ``body`` as MkDocs would and check it; findings as ``line: message`` strings."""
    html = markdown.markdown(body, extensions=["attr_list", "toc", "admonition", "tables"])
    lines = [(FIRST_LINE + i, text) for i, text in enumerate(body.split("\n"))]
    found = check_structure(html, "guide.md", lines, structure_rules or rules())
    return [f"{f.line}: {f.message}" for f in found]


def test_a_clean_page_has_no_findings() -> None:
    body = (
        "## Who can get help\n\nRead about [short breaks](short-breaks.md).\n\n"
        "### Ages\n\n![A child on a swing](swing.jpg)\n\n## Contact\n\n"
        '<img src="line.png" alt="">\n\n<a href="x.md" aria-label="Apply for a place">here</a>\n'
    )
    assert check(body) == []


def test_images_without_alt_text() -> None:
    body = "Intro.\n\n![](photo.jpg)\n\nMore.\n\n<img src='/img/map.png'>\n"
    assert check(body) == [
        "9: the image 'photo.jpg' has empty alt text, so screen reader users do not know what "
        "it shows",
        "13: the image 'map.png' has no alt text, so screen reader users do not know what it shows",
    ]


def test_decorative_images_are_allowed() -> None:
    assert check('<img src="line.png" role="presentation">\n') == []
    assert check('<img src="line.png" alt="">\n') == []  # alt="" in HTML is a deliberate choice


def test_skipped_heading_levels() -> None:
    body = "#### Too deep\n\nText.\n\n## Fine\n\n### Fine too\n\n##### Skipped {#skip}\n"
    assert check(body) == [
        "7: the heading 'Too deep' is level 4 straight after a level 1 heading, so screen "
        "reader users may think part of the page is missing",
        "15: the heading 'Skipped' is level 5 straight after a level 3 heading, so screen "
        "reader users may think part of the page is missing",
    ]


def test_heading_fix_names_the_right_level() -> None:
    html = "<h2>A</h2><h4>B</h4>"
    (finding,) = check_structure(html, "g.md", [(1, "## A"), (2, "#### B")], rules())
    assert finding.fix == "make it a level 3 heading ('### B')"
    assert finding.line == 2


@pytest.mark.parametrize(
    "text",
    ["click here", "Click here.", "HERE", "Read more…", "read\u00a0more", "Click here to apply"],
)
def test_vague_link_text(text: str) -> None:
    body = f"Some text.\n\nTo apply [{text}](apply.md) today.\n"
    assert check(body) == [
        f"9: the link text '{' '.join(text.split())}' does not say where the link goes "
        "(screen reader users often hear links on their own)"
    ]


def test_descriptive_links_pass_even_if_they_contain_vague_words() -> None:
    body = "[Find out more about short breaks](a.md) and [where to get help here](b.md).\n"
    assert check(body) == []


def test_each_vague_link_is_reported_at_its_own_line() -> None:
    body = "First [here](a.md).\n\nSecond one\n\nand [here](b.md).\n\n<a href='c.md'>here</a>\n"
    assert [f.split(":")[0] for f in check(body)] == ["7", "11", "13"]


def test_the_same_vague_text_twice_on_a_line_is_reported_twice_there() -> None:
    body = (
        "[here](a.md) and [here](b.md)\n\nThen [here](c.md).\n\n[Here](d.md) <a href='e'>here</a>\n"
    )
    assert [f.split(":")[0] for f in check(body)] == ["7", "7", "9", "11", "11"]


def test_each_skipped_heading_with_the_same_words_is_reported_at_its_own_line() -> None:
    body = "## A\n\n#### Same\n\n## B\n\n#### Same {#again}\n"
    assert [f.split(":")[0] for f in check(body)] == ["9", "13"]


def test_links_without_text() -> None:
    body = "Text.\n\n[](empty.md)\n\n[![](logo.png)](home.md)\n"
    found = check(body)
    assert "9: a link to 'empty.md' has no text a screen reader can read" in found
    assert "11: a link to 'home.md' has no text a screen reader can read" in found


def test_permalink_anchors_and_footnotes_are_not_links_to_check() -> None:
    html = '<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">&para;</a></h2>'
    assert check_structure(html, "g.md", [(1, "## A")], rules()) == []


def test_duplicate_ids() -> None:
    body = '## Contact {#contact}\n\nText.\n\n<div id="contact">Phone us.</div>\n'
    assert check(body) == [
        "11: the id 'contact' is used 2 times on the page, so links to it and labels that "
        "point at it find only the first"
    ]


def test_rules_can_be_switched_off_or_made_info() -> None:
    data = load_rules_file(RULES_PATH)
    data["rules"]["link-text"] = "off"
    data["rules"]["image-alt"] = "info"
    quiet = StructureRules.from_data(data, RULES_PATH)
    html = '<a href="x">here</a><img src="a.png">'
    (finding,) = check_structure(html, "g.md", [], quiet)
    assert finding.severity is Severity.INFO
    assert finding.line is None  # no source to point at: reported for the page


def test_bad_rules_file() -> None:
    with pytest.raises(RulesError, match="'warning', 'info' or 'off', found 'loud'"):
        StructureRules.from_data({"rules": {"image-alt": "loud"}}, Path("structure.yml"))
    with pytest.raises(RulesError, match="unknown key 'alt'"):
        StructureRules.from_data({"rules": {"alt": "off"}}, Path("structure.yml"))


def test_link_key_folds_word_text() -> None:
    assert link_key("\u201cClick\u00a0here\u201d!") == "click here"
    assert link_key("Don\u2019t   miss") == "dont miss"


def test_the_lowercase_screen_finds_what_the_position_pattern_finds() -> None:
    """The quick search of a lowercased page (``position_screen``) gives the same findings as
    the case-blind pattern, capitals, curly quotes and the odd letters of other scripts too."""
    with_screen = rules()
    without = replace(with_screen)  # a copy whose screen is switched off
    without.__dict__["position_screen"] = None
    assert with_screen.position_screen is not None
    bodies = [
        "Use the MENU On The Left.\n",
        "Press the \u201cGreen Button\u201d to apply.\n",
        "Look in the \u017fidebar (a long s), by the \u212aelvin sign.\n",
        "Nothing about layout here, caf\u00e9 and na\u00efve.\n",
        "Click the button BELOW, or see the sidebar.\n",
    ]
    found = []
    for body in bodies:
        html = markdown.markdown(body)
        lines = [(1, body)]
        quick = check_structure(html, "p.md", lines, with_screen)
        assert quick == check_structure(html, "p.md", lines, without), body
        found.append(sum(f.message.startswith("'") for f in quick))
    assert found == [1, 1, 1, 0, 2]


def test_other_cases_lists_every_letter_ignorecase_finds_that_lower_does_not_make() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    odd = [
        chr(code)
        for code in range(0x80, 0x110000)
        if letter.fullmatch(chr(code)) or any(c.isascii() for c in chr(code).lower())
    ]
    assert "".join(odd) == _OTHER_CASES
