"""Links to files of the site that do not exist, as the build and ``sendqa check`` report them
(``core.links.broken_relative_links``: literal HTML in, findings out)."""

from __future__ import annotations

import posixpath

import pytest

from sendqa_build.core.links import broken_relative_links

FILES = {"index.md", "services/portage.md", "services/index.md", "docs/form.pdf", "img/a.png"}


def exists(path: str) -> bool:
    return path in FILES or path.startswith("find-services/")


def check(html: str, lines: list[tuple[int, str]] | None = None, page: str = "services/x.md"):
    return broken_relative_links(page, html, lines or [], exists)


@pytest.mark.parametrize(
    "href",
    [
        "portage.md",
        "portage.md#who-can-use-it",
        "../index.md",
        "../docs/form.pdf",
        "../find-services/by-age/0-to-5.md",
        "https://www.gov.uk/",
        "//example.org/x",
        "mailto:team@example.org",
        "tel:01632960123",
        "/absolute/path/",
        "#here",
        "../docs/form%2Epdf",
    ],
)
def test_links_that_work(href: str) -> None:
    assert check(f'<h2 id="here">Here</h2><p><a href="{href}">x</a></p>') == []


def test_missing_page_with_its_line() -> None:
    lines = [(9, "Intro."), (11, "See [the policy](travel-policy.md).")]
    (finding,) = check('<a href="travel-policy.md">the policy</a>', lines)
    assert (finding.page, finding.line, finding.check) == ("services/x.md", 11, "links")
    assert finding.message == (
        "the link 'travel-policy.md' points to 'services/travel-policy.md', which is not a file "
        "of this site"
    )
    assert finding.fix.startswith("correct the address")


def test_missing_image_anchor_folder_and_outside() -> None:
    html = (
        '<img src="../img/b.png" alt="B"><a href="#nowhere">x</a><a href="../services/">y</a>'
        '<a href="../../secret.md">z</a><a href="#nowhere">again</a>'
    )
    messages = [(f.message, f.fix) for f in check(html)]
    assert messages == [
        (
            "the link '../img/b.png' points to 'img/b.png', which is not a file of this site",
            "correct the address: link to the page's .md file, relative to this page",
        ),
        (
            "the link '#nowhere' points to '#nowhere', which is not on this page",
            "correct the part after '#' to match a heading on the page",
        ),
        (
            "the link '../services/' points to a folder",
            "link to its page instead: '../services/index.md'",
        ),
        (
            "the link '../../secret.md' points outside the docs folder",
            "correct the address: link to the page's .md file, relative to this page",
        ),
    ]


def test_a_missing_file_named_as_written() -> None:
    (finding,) = broken_relative_links("x.md", '<a href="gone.md">x</a>', [], exists)
    assert finding.message == "the link 'gone.md' points to a file that is not in this site"


def test_links_mkdocs_already_resolved_pass_in_a_build() -> None:
    """In a build MkDocs has turned ``portage.md`` into ``../portage/`` before sendqa reads the
    HTML; ``resolved`` knows such addresses, and broken links (left as written) still show."""
    urls = {"services/portage", "img/a.png"}
    html = '<a href="../portage/">p</a><img src="../../img/a.png" alt="A"><a href="gone.md">g</a>'

    def resolved(path: str) -> bool:  # the page services/x.md is at services/x/
        return posixpath.normpath(posixpath.join("services/x", path)) in urls

    assert [f.message for f in check(html)] == [
        "the link '../portage/' points to 'portage', which is not a file of this site",
        "the link '../../img/a.png' points outside the docs folder",
        "the link 'gone.md' points to 'services/gone.md', which is not a file of this site",
    ]
    found = broken_relative_links("services/x.md", html, [], exists, resolved)
    assert [f.message for f in found] == [
        "the link 'gone.md' points to 'services/gone.md', which is not a file of this site"
    ]


PAGES = [
    '<p><a href="portage.md">Portage</a> and <img alt="map" src="../img/a.png" /></p>',
    '<h2 id="who-can-use-it">Who</h2><p><a href="#who-can-use-it">up</a> <a href="#gone">x</a></p>',
    '<p><a href="a.md?x=1&amp;y=2">amp</a> <a href="">empty</a> <img alt="" src="" /></p>',
    '<p><a href="https://example.org/">out</a> <a name="old-anchor">old</a></p>',
    # Not plain (single quotes, a comment, upper case): read by the parser.
    "<p><A HREF='Portage.md'>x</A><!-- <a href=\"hidden.md\"> --></p>",
    '<div markdown="1"><a href="x.md" id="top">x</a></div><script>var a="<a href=y.md>"</script>',
]


@pytest.mark.parametrize("html", PAGES)
def test_plain_html_is_read_as_the_parser_reads_it(html: str) -> None:
    from sendqa_build.core.links import _PageLinks, page_links

    parser = _PageLinks()
    parser.feed(html)
    parser.close()
    assert page_links(html) == (parser.hrefs, parser.ids)


def test_the_links_of_a_page_kept_give_the_same_findings() -> None:
    """What ``page_link_targets`` reads of the HTML (as JSON types and back) gives
    ``link_problems`` the findings of the whole check, against whatever files the site has
    (a file added since the links were read makes its link work)."""
    import json

    from sendqa_build.core.links import (
        PageLink,
        link_problems,
        page_link_targets,
        relative_link_problems,
    )

    html = (
        '<h2 id="top">Top</h2><a href="portage.md">p</a><a href="#top">up</a>'
        '<a href="#gone">x</a><a href="new%20page.md">n</a><a href="https://x.org/">o</a>'
        '<a href="../services/">f</a><a href="portage.md">again</a>'
    )
    lines = [(5, "[x](#gone) [n](new%20page.md)"), (6, "[f](../services/)")]
    links = page_link_targets("services/x.md", html)
    assert links == [
        PageLink("portage.md", "portage.md", "services/portage.md"),
        PageLink("#gone", "", "gone"),
        PageLink("new%20page.md", "new%20page.md", "services/new page.md"),
        PageLink("../services/", "../services/", "services"),
    ]
    kept = json.loads(json.dumps([[link.href, link.path, link.target] for link in links]))
    read = [PageLink(*link) for link in kept]
    for files in (FILES, {*FILES, "services/new page.md"}):

        def known(path: str, files: set[str] = files) -> bool:
            return path in files

        found = link_problems("services/x.md", read, iter(lines), known)
        assert found == relative_link_problems("services/x.md", html, lines, known)
        assert [(f.line, target) for f, target in found][:2] == [
            (5, "services/x.md"),
            (5, "services/new page.md") if len(found) == 3 else (6, "services"),
        ]
    assert page_link_targets("x.md", "<p>No links.</p>") == []
