"""Plain HTML read without a parser: the safety and structure passes give exactly what the
parser gives, on real pages, on tricky literal HTML and on generated HTML.

``make_safe`` and ``_Collector.read`` take the regular-expression path only for plain HTML;
each test compares them with the parser path (``_sanitise``, ``_Collector.feed``) on the same
input, so the shortcut can never change a published page or a finding.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sendqa_build.core import plainhtml, safety, structure
from sendqa_build.core.frontmatter.source import normalise_text, split_source
from tests.conftest import ROOT

MARKDOWN_EXTENSIONS = ["abbr", "attr_list", "admonition", "def_list", "tables", "toc"]
"""As in mkdocs.yml (toc with permalinks, as the site has them)."""


def render(body: str) -> str:
    return markdown.markdown(
        body, extensions=MARKDOWN_EXTENSIONS, extension_configs={"toc": {"permalink": True}}
    )


def collected(html: str, *, parser: bool) -> Any:
    """Everything the structure check reads from ``html``, by the parser or by ``read``."""
    collector = structure._Collector()
    if parser:
        collector.feed(html)
        collector.close()
    else:
        collector.read(html)
    links = [(link.href, link.label, "".join(link.text), link.skip) for link in collector.links]
    return collector.images, collector.headings, links, collector.ids


def assert_same_as_parser(html: str) -> None:
    """Both passes give for ``html`` exactly what the parser path gives."""
    assert safety.make_safe(html) == safety._sanitise(html)
    assert collected(html, parser=False) == collected(html, parser=True)


PLAIN = [
    "",
    "Just text, with ’curly’ quotes and a\u00a0non-breaking space.",
    "<p>Text &amp; more &#8217; &#x2019; &#X2019; &copy; &a.b-c;</p>",
    '<p>Text with <a href="https://example.org/?a=1&amp;b=2" title="A &quot;b&quot;">a link</a>'
    " &amp; an entity and &lt;angle&gt;.</p>",
    "<abbr title=\"Disabled Students' Allowance\">DSA</abbr> and the student's own words",
    '<img alt="" src="x.png" />',
    "<hr />\n<br clear />",
    "<details open><summary>More</summary>Hidden</details>",
    '<h2 id="who">Who<a class="headerlink" href="#who" title="Permanent link">&para;</a></h2>',
    '<a href="data:image/png;base64,AAAA"><img alt="Logo" src="data:image/gif;base64,R0" /></a>',
    '<p data-x="&lt;script&gt;" xlink:href="#a" aria-label="">x</p>',
    "</p>",
    '<a href="x"><strong>Click</strong> here</a>',
    '<h2>A <a href="x">here</a> B</h2>',
    '<img src="a.png" id="i" alt="x" id="j" />',
    '<div title="my id here">x</div><p id="">y</p><p id>z</p>',
    '<a>no href</a><a href>empty href</a><a href="" aria-label="Apply">here</a>',
    "<h2>Open heading <h3>nested</h3></h2><h4>never closed",
    '<a href="a">one<a href="b">two</a><a href="c">dangling',
    '<a href="x">Fish &amp; chips &#8217;s &nbsp;</a>',
    '<a href="x" class="footnote-ref">1</a><h2>T<a class="x headerlink" href="#t">&para;</a></h2>',
    '<table><tr><td><a href="x.md">here</a></td></tr></table>',
    '<custom-element some_attr="1" :bound="x" a.b="c">x</custom-element>',
    '<p title="a\nb">two-line value</p>',
    # Plain, but with something the safety pass takes out: the parser does it.
    '<a href="javascript:alert(1)">x</a>',
    '<a href="java&amp;#x09;script:alert(1)">x</a>',
    '<a href="&amp;#106;avascript:alert(1)">x</a>',
    '<a href="  javascript:x">x</a><a href="data:text/html,x">y</a>',
    '<div style="width: expression(alert(1))">x</div>',
    '<span onclick="x">y</span><p onmouseover>z</p><div srcdoc="x"></div>',
    '<object data="x"></object><embed src="x" /><base href="x" /></object>',
    '<meta charset="utf-8" /><link rel="x" href="y" />',
]
NOT_PLAIN = [
    "<p>a<!-- note for editors --></p>",
    "<!DOCTYPE html><p>x</p>",
    '<?xml version="1.0"?><p>x</p>',
    "<![CDATA[x]]>",
    "<P>x</P>",
    '<p CLASS="a">x</p>',
    "<p class='a'>x</p>",
    "<p class=a>x</p>",
    '<p  class="a">x</p>',
    '<p class="a" >x</p>',
    '<p\nclass="a">x</p>',
    "<br/>",
    '<img src="x"/>',
    "a > b",
    "a < b",
    "a <3 b",
    "a & b",
    "fish &amp chips",
    "&#8217 no semicolon",
    "&#;",
    '<p title="&#8217;">x</p>',
    '<p title="&nbsp;">x</p>',
    '<p title="a &amp b">x</p>',
    '<p title="<b>">x</p>',
    "</p >",
    '</p class="x">',
    "</ p>",
    '<p ="x">x</p>',
    "<style>p { color: red }</style>",
    "<script>x()</script>",
    "<svg><style>x</style></svg>",
    "<textarea>x</textarea>",
    "<title>x</title>",
    "<xmp>x</xmp>",
    "<noscript>x</noscript>",
    '<iframe src="https://www.youtube-nocookie.com/embed/x" title="Video"></iframe>',
    "<plaintext>x",
    "<p>unfinished <img src=x onerror=alert(1)",
]


@pytest.mark.parametrize("html", PLAIN)
def test_plain_html(html: str) -> None:
    assert plainhtml.is_plain(html)
    assert_same_as_parser(html)


@pytest.mark.parametrize("html", NOT_PLAIN)
def test_html_that_is_not_plain_goes_to_the_parser(html: str) -> None:
    assert not plainhtml.is_plain(html)
    assert_same_as_parser(html)


def test_apostrophes_in_attribute_values_are_written_as_the_parser_writes_them() -> None:
    html = "<p>The student's <abbr title=\"Students' Allowance\">SA</abbr></p>"
    assert safety.make_safe(html) == (
        '<p>The student\'s <abbr title="Students&#x27; Allowance">SA</abbr></p>',
        [],
    )


def test_start_tag_reads_attributes_as_the_parser_does() -> None:
    assert plainhtml.start_tag('<a href="?a=1&amp;b=2" download title="" />') == (
        "a",
        (("href", "?a=1&b=2"), ("download", None), ("title", "")),
    )
    with pytest.raises(ValueError, match="not a plain start tag"):
        plainhtml.start_tag("</a>")


def test_a_failing_match_takes_linear_time() -> None:
    """A long page that is nearly plain is turned down quickly (no exponential backtracking:
    this would not finish if it were)."""
    assert not plainhtml.is_plain("<p>" + "x &amp; y " * 20_000 + "<!-- the end -->")
    assert not plainhtml.is_plain('<p a="b" c>text' * 20_000 + "&")


# ---------------------------------------------------------------------------------------------
# Real pages: the sample content, as Markdown renders it, with and without problems added

CONTENT = sorted((ROOT / "content").rglob("*.md"))
PROBLEMS = [
    "Read [click here](a.md) today, or [here](b.md) and [Here](c.md).",
    "![](photo.jpg) and ![ ](photo.jpg)\n\n<img src='/img/map.png'>",
    '<img src="line.png" alt="">',
    "#### Too deep\n\n##### Deeper {#skip}",
    '## Contact {#contact}\n\n<div id="contact">Phone us.</div>',
    "[![](logo.png)](home.md) and [](empty.md)",
    '<a href=\'c.md\'>here</a> and <a href="x" aria-label="Apply">here</a>',
    '[read more](https://example.org/?a=1&b=2 "The council\'s page")',
    "Fish &amp; chips, &nbsp;, ’, a > b, <b>bold</b> and &copy 2026",
    "<!-- a note for editors -->",
    '<a href="javascript:alert(1)">x</a> and [y](javascript:alert(2))',
    "*[SEN]: Special educational needs\n\nSEN support",
    "Term\n: Definition with [more](m.md)",
    "| a | [here](t.md) |\n|---|---|\n| ![](t.png) | b |",
    '!!! note "Note"\n    See [this page](n.md).',
    "### Same\n\nText.\n\n### Same",
    "[Click\u00a0here](q.md) and [\u201cHere\u201d](r.md)",
]


def _body(path: Path) -> str:
    return split_source(normalise_text(path.read_text(encoding="utf-8"))).body


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: str(p.relative_to(ROOT / "content")))
def test_content_pages(path: Path) -> None:
    body = _body(path)
    assert_same_as_parser(render(body))
    for problem in PROBLEMS:
        assert_same_as_parser(render(f"{body}\n\n{problem}\n"))


def test_most_content_pages_take_the_plain_path() -> None:
    """The comparisons above test the plain path, not only the parser."""
    plain = [plainhtml.is_plain(render(_body(path))) for path in CONTENT]
    assert sum(plain) > len(plain) / 2, f"{sum(plain)} of {len(plain)}"


# ---------------------------------------------------------------------------------------------
# Generated HTML: mostly plain, with every way of not being plain mixed in

_NAMES = ["p", "a", "img", "h2", "h3", "div", "span", "abbr", "br", "li", "strong"]
_SPECIAL = ["script", "style", "object", "iframe", "textarea", "title", "xmp", "svg", "meta"]
_ATTRIBUTES = ["href", "src", "alt", "id", "title", "class", "aria-label", "role", "aria-hidden"]
_RISKY_ATTRIBUTES = ["style", "onclick", "srcdoc", "data", "xlink:href", "ONCLICK", "open"]
_VALUES = [
    "x",
    "",
    "../a/",
    "#top",
    "here",
    "Click here",
    "presentation",
    "true",
    "headerlink",
    "it's",
    "a &amp; b",
    "&lt;b&gt;",
    "&quot;q&quot;",
    "&#x27;",
    "javascript:alert(1)",
    "JaVa&amp;#x09;Script:x",
    "&amp;#106;avascript:x",
    "data:image/png;base64,AA",
    "data:text/html,x",
    "color: red",
    "width: expression(x)",
    " id=",
    "&#8217;",
    "&nbsp;",
    "a &amp b",
    "\u00a0here\n",
]
_TEXTS = ["Click here", "here", " ", "\n", "a &amp; b", "&copy;", "&#169;", "&#xA9;", "’", "\u00a0"]
_VALUE_CHARACTERS = st.characters(exclude_characters='<>&"')
_NOT_PLAIN_TEXT = ["<", ">", " & ", "&copy", "&#;", "<!-- c -->", "<!x>", "<?x>", "</ p>"]


@st.composite
def _tag(draw: st.DrawFn, *, plain: bool) -> str:
    """A tag in the plain form (``plain``), or in any form."""
    names = st.sampled_from(_NAMES * 3 + _SPECIAL)
    name = draw(names if plain else names | st.just("P"))
    if draw(st.integers(0, 3)) == 0:
        return f"</{name}>"
    forms = ['{}="{}"', "{}"] if plain else ['{}="{}"', "{}", "{}='{}'", "{}={}", ' {}="{}"']
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        attribute = draw(st.sampled_from(_ATTRIBUTES) | st.sampled_from(_RISKY_ATTRIBUTES))
        value = draw(st.sampled_from(_VALUES) | st.text(max_size=6, alphabet=_VALUE_CHARACTERS))
        parts.append(" " + draw(st.sampled_from(forms)).format(attribute, value))
    end = draw(st.sampled_from([">", " />"] if plain else [">", " />", "/>", " >"]))
    return f"<{name}{''.join(parts)}{end}"


_plain_pieces = st.one_of(_tag(plain=True), st.sampled_from(_TEXTS))
_any_pieces = st.one_of(
    _tag(plain=False),
    st.sampled_from(_TEXTS),
    st.sampled_from(_NOT_PLAIN_TEXT),
    st.text(alphabet="ab <>&#;'\"=/x", max_size=5),
    st.text(max_size=6),
)


@settings(
    max_examples=1000,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    html=st.lists(_plain_pieces, max_size=14).map("".join)
    | st.lists(_plain_pieces | _any_pieces, max_size=14).map("".join)
)
def test_generated_html(html: str) -> None:
    event("plain" if plainhtml.is_plain(html) else "not plain")
    assert_same_as_parser(html)


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(
    html=st.lists(_plain_pieces, max_size=14).map("".join)
    | st.lists(_plain_pieces | _any_pieces, max_size=14).map("".join),
    size=st.integers(min_value=0, max_value=12),
)
def test_long_pages_are_matched_in_pieces_with_the_same_answer(html: str, size: int) -> None:
    """Matching a long page piece by piece (to bound the regex engine's memory) gives the
    same answer as matching it whole, wherever the pieces are cut."""
    pieces = list(plainhtml._pieces(html, size))
    assert "".join(pieces) == html
    whole = plainhtml._DOCUMENT.fullmatch(html) is not None
    assert all(plainhtml._DOCUMENT.fullmatch(piece) is not None for piece in pieces) == whole


def test_a_long_plain_page_is_plain() -> None:
    item = '<li class="s" data-x="a &amp; b"><h2><a href="../x/">A &amp; B</a></h2></li>'
    page = f"<ul>{item * 2000}</ul>"
    assert len(list(plainhtml._pieces(page))) > 10
    assert plainhtml.is_plain(page)
    assert not plainhtml.is_plain(page[:-5] + "1 < 2</ul>")
    assert not plainhtml.is_plain(page.replace("<h2>", "<H2>", 1))
