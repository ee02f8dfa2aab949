"""Finding addresses in Markdown, sorting check results, the cache and the report summary."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendqa_build.core import links as core
from sendqa_build.core.links import CheckResult, LinkRules, LinkUse, Outcome
from sendqa_build.models import Finding, Severity
from sendqa_build.rules import RulesError
from sendqa_build.summaries import PageLinkCounts, to_json

ROOT = Path(__file__).resolve().parents[2]


def urls(text: str) -> list[tuple[int, str]]:
    found = core.find_urls(text, 10)
    assert found == reference_find_urls(enumerate(text.split("\n"), start=10))  # line by line
    return found


def visible_lines(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """Every line as ``core.find_urls`` reads it, code and comments blanked out; fences and
    fenced code left out."""
    state = core._Visibility()
    for number, raw in lines:
        visible = state.line(raw)
        if visible is not None:
            yield number, visible


def reference_find_urls(lines: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """``core.find_urls`` written the plain way: every visible line that has '://' searched."""
    found: list[tuple[int, str]] = []
    for number, text in visible_lines(lines):
        if "://" in text:
            found.extend((number, url) for url in core.line_urls(text))
    return found


# -- finding addresses ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See [the NHS](https://www.nhs.uk).", ["https://www.nhs.uk"]),
        ('See [it](https://a.org/x "Title").', ["https://a.org/x"]),
        ("See [it](<https://a.org/a b>).", ["https://a.org/a b"]),
        (
            "[W](https://en.wikipedia.org/wiki/Autism_(disambiguation))",
            ["https://en.wikipedia.org/wiki/Autism_(disambiguation)"],
        ),
        ("![Logo](https://a.org/logo.png)", ["https://a.org/logo.png"]),
        ('[ipsea]: https://www.ipsea.org.uk  "IPSEA"', ["https://www.ipsea.org.uk"]),
        ("Write to <https://a.org/form>.", ["https://a.org/form"]),
        (
            "<a href=\"https://a.org/h\">x</a> <img src='http://b.org/i.png'>",
            [
                "https://a.org/h",
                "http://b.org/i.png",
            ],
        ),
        ("Visit https://www.gov.uk/send, or phone us.", ["https://www.gov.uk/send"]),
        ("(see https://www.gov.uk/send)", ["https://www.gov.uk/send"]),
        ("Go to “https://www.gov.uk/send”.", ["https://www.gov.uk/send"]),
        ("Go to https://www.gov.uk/send\u00a0today", ["https://www.gov.uk/send"]),
        ("Mixed [A](HTTPS://A.ORG) case", ["HTTPS://A.ORG"]),
        ("[local](services/portage.md) [mail](mailto:a@b.org) [tel](tel:01632960123)", []),
        ("Shown as code: `https://a.org/example` only", []),
        (
            "Two on one line: [a](https://a.org) and [b](https://b.org)",
            [
                "https://a.org",
                "https://b.org",
            ],
        ),
    ],
)
def test_find_urls(text: str, expected: list[str]) -> None:
    assert [url for _, url in urls(text)] == expected


def test_find_urls_gives_file_lines_and_skips_code_and_comments() -> None:
    text = (
        "First https://one.org\n"
        "```\n"
        "https://in-a-fence.org\n"
        "```\n"
        "<!-- https://commented.org\n"
        "still a comment https://commented.org/2 -->after https://after-comment.org\n"
        "~~~~ yaml\n"
        "url: https://in-tilde-fence.org\n"
        "~~~~\n"
        "Last [x](https://last.org)"
    )
    assert urls(text) == [
        (10, "https://one.org"),
        (15, "https://after-comment.org"),
        (19, "https://last.org"),
    ]


# -- addresses -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.nhs.uk", "https://www.nhs.uk/"),
        ("HTTPS://WWW.NHS.UK/Conditions", "https://www.nhs.uk/Conditions"),
        ("https://www.nhs.uk:443/a#section", "https://www.nhs.uk/a"),
        ("http://a.org:8080/a?b=1&c=d e", "http://a.org:8080/a?b=1&c=d%20e"),
        ("https://a.org/caf\u00e9", "https://a.org/caf%C3%A9"),
        ("https://café.example.org/", "https://xn--caf-dma.example.org/"),
        ("https://a.org/a%20b", "https://a.org/a%20b"),
        ("https://www.nhs..uk/", None),
        ("https://", None),
        ("http://[::1/", None),
        ("https://a.org:port/", None),
        ("ftp://a.org/", None),
        ("https://user:pw@a.org/", None),
        ("https://a .org/", None),
        ("https://a.org/a\u00a0b", "https://a.org/a%20b"),
        ("https://a.org/a\tb", None),
        ("https://a.org/\u2003x", None),
        (" https://a.org/x\n", "https://a.org/x"),
    ],
)
def test_canonical_url(url: str, expected: str | None) -> None:
    assert core.canonical_url(url) == expected


@pytest.mark.parametrize(
    ("url", "site_url", "expected"),
    [
        ("https://lo.example.org/services/a/", "https://lo.example.org/", "services/a/"),
        ("https://LO.example.org", "https://lo.example.org/", ""),
        ("https://lo.example.org/offer/x/", "https://lo.example.org/offer/", "x/"),
        ("https://lo.example.org/other/x/", "https://lo.example.org/offer/", None),
        ("https://www.example.org/x/", "https://lo.example.org/", None),
        ("https://lo.example.org/x/", None, None),
    ],
)
def test_own_site_path(url: str, site_url: str | None, expected: str | None) -> None:
    assert core.own_site_path(url, site_url) == expected


def test_resolve_site_path_and_relative_targets() -> None:
    built = {"index.html", "guide/index.html", "assets/form.pdf"}
    assert core.resolve_site_path("guide/", built.__contains__) == "guide/index.html"
    assert core.resolve_site_path("guide", built.__contains__) == "guide/index.html"
    assert core.resolve_site_path("", built.__contains__) == "index.html"
    assert core.resolve_site_path("assets/form.pdf", built.__contains__) == "assets/form.pdf"
    assert core.resolve_site_path("nowhere/", built.__contains__) is None
    assert core.relative_target("made/", "../guide/#top") == ("guide/", "top")
    assert core.relative_target("made/", "https://a.org/") is None
    assert core.relative_target("made/", "mailto:a@b.org") is None
    assert core.relative_target("made/", "#top") is None
    assert core.relative_target("a/b/", "../../../x/") == ("x/", "")  # not above the site
    assert core.relative_target("a/b.html", "/c//d/./e/..") == ("c//d/", "")


_SEGMENTS = st.sampled_from(["", ".", "..", "a", "b-c", "index.html", "x~y", "a%20b", "p;q"])


def _url_path(segments: list[str], leading: bool) -> str:
    return ("/" if leading else "") + "/".join(segments)


def _urljoin_target(page_url: str, href: str) -> tuple[str, str]:
    """``relative_target`` as it is written without the shortcut for plain paths."""
    parts = urlsplit(urljoin("https://site.invalid/" + page_url, href))
    return unquote(parts.path.lstrip("/")), unquote(parts.fragment)


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(_SEGMENTS, max_size=5),
    st.lists(_SEGMENTS, min_size=1, max_size=6),
    st.booleans(),
    st.sampled_from(["", "#top", "?q=1"]),
)
def test_relative_targets_of_plain_paths_are_what_urljoin_gives(
    page: list[str], href: list[str], leading: bool, tail: str
) -> None:
    """The shortcut for plain paths gives exactly the answer of the URL parser."""
    page_url, link = "/".join(page), _url_path(href, leading) + tail
    if not link or link.startswith(("#", "//")):
        return
    assert core.relative_target(page_url, link) == _urljoin_target(page_url, link)


# -- rules ---------------------------------------------------------------------------------------


def test_repository_rules_load_and_ignore_reserved_example_domains() -> None:
    from sendqa_build.rules import load_rules_file

    path = ROOT / "checks" / "links.yml"
    rules = LinkRules.from_data(load_rules_file(path), path)
    assert rules.broken == {404, 410}
    assert 429 in rules.unverified
    assert rules.ignores("https://www.wyvernplay.example.org/")
    assert rules.ignores("https://example.org/")
    assert not rules.ignores("https://www.gov.uk/")
    assert not rules.ignores("https://notexample.org/")


def test_rules_ignore_patterns() -> None:
    rules = LinkRules(ignore=("www.facebook.com", "https://x.org/private/*", "*.test"))
    assert rules.ignores("https://www.facebook.com/ourpage")
    assert rules.ignores("https://x.org/private/a")
    assert not rules.ignores("https://x.org/public/a")
    assert rules.ignores("https://a.b.test/")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"broken": "404"}, "'broken' must be a list of HTTP status numbers"),
        ({"broken": [4040]}, "'broken' must be a list of HTTP status numbers"),
        ({"ignore": [1]}, "'ignore' must be a list of host names"),
        ({"ignored": []}, "unknown key 'ignored'"),
    ],
)
def test_bad_rules_name_the_file(data: object, message: str) -> None:
    with pytest.raises(RulesError, match=message) as caught:
        LinkRules.from_data(data, Path("checks/links.yml"))
    assert "checks/links.yml" in str(caught.value)


# -- sorting results (inputs are real LinkChecker 10.6 result strings) ----------------------------

RULES = LinkRules()
DNS = (
    "ConnectionError: HTTPSConnectionPool(host='www.nhs.uk', port=443): Max retries exceeded "
    "with url: / (Caused by NameResolutionError(\"HTTPSConnection(host='www.nhs.uk', "
    "port=443): Failed to resolve 'www.nhs.uk' ([Errno -2] Name or service not..."
)
REFUSED = (
    "ConnectionError: HTTPConnectionPool(host='127.0.0.1', port=1): Max retries exceeded with "
    "url: /x (Caused by NewConnectionError(\"HTTPConnection(host='127.0.0.1', port=1): Failed "
    'to establish a new connection: [Errno 111] Connection refused")...'
)


@pytest.mark.parametrize(
    ("result", "valid", "warnings", "expected"),
    [
        ("200 OK", True, (), Outcome("ok")),
        ("404 Not Found", False, (), Outcome("broken", "404 Not Found")),
        ("410 Gone", False, (), Outcome("broken", "410 Gone")),
        (
            "429 Too Many Requests",
            True,
            ("Rate limited (Retry-After: 120)",),
            Outcome("unverified", "429 Too Many Requests"),
        ),
        ("403 Forbidden", False, (), Outcome("unverified", "403 Forbidden")),
        ("401 Unauthorized", False, (), Outcome("unverified", "401 Unauthorized")),
        ("503 Service Unavailable", False, (), Outcome("unverified", "503 Service Unavailable")),
        ("418 I'm a teapot", False, (), Outcome("unverified", "418 I'm a teapot")),
        (
            DNS,
            False,
            (),
            Outcome("broken", "the website's address does not exist (DNS lookup failed)"),
        ),
        (REFUSED, False, (), Outcome("broken", "the server refused the connection")),
        (
            "TooManyRedirects: Exceeded 10 redirects.",
            False,
            (),
            Outcome("broken", "it redirects in a loop"),
        ),
        (
            "ReadTimeout: HTTPConnectionPool(host='a', port=80): Read timed out. (read timeout=10)",
            False,
            (),
            Outcome("unverified", "the site did not answer within 10 seconds"),
        ),
        (
            "ConnectTimeout: HTTPSConnectionPool(host='a', port=443): Max retries exceeded",
            False,
            (),
            Outcome("unverified", "the site did not answer within 10 seconds"),
        ),
        (
            "SSLError: HTTPSConnectionPool(host='a', port=443): [SSL: CERTIFICATE_VERIFY_FAILED]",
            False,
            (),
            Outcome("unverified", "the secure connection failed (certificate problem)"),
        ),
        (
            "200 OK",
            True,
            ("Redirected to `https://new.org/a' status: 301 Moved Permanently.",),
            Outcome("ok", "", "https://new.org/a"),
        ),
        (
            "200 OK",
            True,
            ("Redirected to `https://new.org/tmp' status: 302 Found.",),
            Outcome("ok"),
        ),
        (
            "200 OK",
            True,
            (
                "Redirected to `https://new.org/a' status: 308 Permanent Redirect.",
                "Redirected to `https://new.org/login' status: 302 Found.",
            ),
            Outcome("ok", "", "https://new.org/a"),
        ),
        (
            "404 Not Found",
            False,
            ("Redirected to `https://new.org/x' status: 301 Moved Permanently.",),
            Outcome("broken", "404 Not Found"),
        ),
        (
            "200 OK",
            True,
            ("Redirected to `https://a.org/x/' status: 301 Moved Permanently.",),
            Outcome("ok", "", "https://a.org/x/"),
        ),
        (
            "ConnectionError: ('Connection aborted.', RemoteDisconnected())",
            False,
            (),
            Outcome("unverified", "the check failed (ConnectionError)"),
        ),
    ],
)
def test_classify(result: str, valid: bool, warnings: tuple[str, ...], expected: Outcome) -> None:
    raw = CheckResult("https://a.org/x", result, valid, warnings)
    assert core.classify(raw, RULES, timeout=10) == expected


def test_classify_follows_the_rules_file() -> None:
    rules = LinkRules(broken=frozenset({404, 410, 403}))
    raw = CheckResult("https://a.org/", "403 Forbidden", False)
    assert core.classify(raw, rules, timeout=5).status == "broken"


def test_redirect_to_the_same_address_is_not_a_move() -> None:
    raw = CheckResult(
        "https://a.org/x", "200 OK", True, ("Redirected to `https://a.org/x' status: 301 M.",)
    )
    assert core.classify(raw, RULES, timeout=5) == Outcome("ok")


# -- findings and summary ------------------------------------------------------------------------


def test_findings_map_each_result_to_every_page_and_line() -> None:
    uses = [
        LinkUse("a.md", 3, "https://gone.org/x"),
        LinkUse("b.md", 9, "HTTPS://GONE.ORG/x#part"),
        LinkUse("b.md", 9, "HTTPS://GONE.ORG/x#part"),
        LinkUse("b.md", 12, "https://slow.org/"),
        LinkUse("c.md", 4, "https://old.org/", "contact.website"),
        LinkUse("c.md", 6, "https://fine.org/"),
        LinkUse("c.md", 7, "https://www.nhs..uk/"),
    ]
    outcomes = {
        "https://gone.org/x": Outcome("broken", "404 Not Found"),
        "https://slow.org/": Outcome("unverified", "the site did not answer within 10 seconds"),
        "https://old.org/": Outcome("ok", "", "https://new.org/"),
        "https://fine.org/": Outcome("ok"),
        "https://www.nhs..uk/": core.INVALID,
    }
    fix = "fix or remove the link"
    assert core.external_findings(uses, outcomes) == [
        Finding("links", "a.md", 3, Severity.WARNING,
                "link to 'https://gone.org/x' is broken (404 Not Found)", fix),
        Finding("links", "b.md", 9, Severity.WARNING,
                "link to 'HTTPS://GONE.ORG/x#part' is broken (404 Not Found)", fix),
        Finding("links", "b.md", 12, Severity.INFO,
                "link to 'https://slow.org/' could not be checked (the site did not answer "
                "within 10 seconds)", "open it in a browser to check it still works"),
        Finding("links", "c.md", 4, Severity.INFO,
                "link to 'https://old.org/' has moved permanently to 'https://new.org/'",
                "update the link"),
        Finding("links", "c.md", 7, Severity.WARNING,
                "link to 'https://www.nhs..uk/' is broken (it is not a valid web address)", fix),
    ]  # fmt: skip
    strict = core.external_findings(uses, outcomes, fail_on_unverified=True)
    assert [f.severity for f in strict if "could not" in f.message] == [Severity.WARNING]
    assert strict[2].format() == (
        "content/b.md:12: link to 'https://slow.org/' could not be checked (the site did not "
        "answer within 10 seconds); open it in a browser to check it still works"
    )


def test_summary_counts_unique_addresses_and_pages() -> None:
    outcomes = {
        "https://a.org/": Outcome("ok"),
        "https://b.org/": Outcome("ok", "", "https://b2.org/"),
        "https://c.org/": Outcome("broken", "410 Gone"),
        "https://d.org/": Outcome("unverified", "429 Too Many Requests"),
    }
    findings = [
        Finding("links", "x.md", 1, Severity.WARNING, "link to 'https://c.org/' is broken (410)"),
        Finding("links", "y.md", 1, Severity.WARNING, "link to 'https://c.org/' is broken (410)"),
        Finding("links", "y.md", 2, Severity.INFO, "link to 'https://d.org/' could not be checked"),
        Finding(
            "links", "y.md", 3, Severity.INFO, "link to 'https://b.org/' has moved permanently"
        ),
        Finding("links", None, None, Severity.INFO, "external links were not checked"),
        Finding("freshness", "z.md", 1, Severity.WARNING, "overdue"),
    ]
    summary = core.links_summary(
        pages=["x.md", "y.md", "z.md"],
        checked=True,
        reason=None,
        outcomes=outcomes,
        findings=findings,
        internal_broken=0,
    )
    assert summary.pages["y.md"] == PageLinkCounts(broken=1, unverified=1)
    assert to_json(summary) == {
        "external_checked": True,
        "reason": None,
        "external": {"unique": 4, "ok": 2, "broken": 1, "unverified": 1, "redirected": 1},
        "internal_broken": 0,
        "internal": [],
        "pages": {
            "x.md": {"broken": 1, "unverified": 0},
            "y.md": {"broken": 1, "unverified": 1},
            "z.md": {"broken": 0, "unverified": 0},
        },
    }


def test_html_ids_and_links_only_from_the_article() -> None:
    html = (
        '<nav><a href="nav/">Nav</a></nav><article class="md-content__inner">'
        '<h2 id="who">Who</h2><a name="old"></a><a href="../x/">X</a></article>'
        '<footer><a href="f/">F</a></footer>'
    )
    ids, hrefs = core.html_ids_and_links(html)
    assert ids == {"who", "old"}
    assert hrefs == ["../x/"]


def test_cut_short_connection_errors_get_a_second_look() -> None:
    cut = CheckResult(
        "https://a.org/" + "x" * 200,
        "ConnectionError: HTTPSConnectionPool(host='a.org', port=443): Max retries exceeded "
        "with url: /xxxxxxxxxxxxxxxx...",
        False,
    )
    assert core.needs_diagnosis(cut)
    assert not core.needs_diagnosis(CheckResult("https://a.org/", REFUSED, False))
    assert not core.needs_diagnosis(CheckResult("https://a.org/", "404 Not Found", False))
    assert core.classify(cut, RULES, timeout=5, diagnosis="dns").reason == (
        "the website's address does not exist (DNS lookup failed)"
    )
    assert core.classify(cut, RULES, timeout=5, diagnosis="refused") == Outcome(
        "broken", "the server refused the connection"
    )
    assert core.classify(cut, RULES, timeout=5).status == "unverified"


# -- fast paths give the same answers as the slow ones -------------------------------------------

SAMPLE_PAGES = sorted((ROOT / "content").rglob("*.md"))
TRICKY_LINES = [
    "See https://a.example.org/x, then [b](http://b.example.org/ (title)).",
    "[ref]: <https://c.example.org/a b>",
    "<https://d.example.org/> and <a href='https://e.example.org/'>e</a>",
    "`https://in-code.example.org/` https:/not-an-address ftp://f.example.org/",
    "HTTPS://G.EXAMPLE.ORG/ and http//h.example.org",
    "an address split over lines: https:",
    "//i.example.org/",
    "<!-- https://in-a-comment.example.org/ --> https://j.example.org/",
    "[k](<https://k.example.org/a (b)>) ![l](https://l.example.org/l.png)",
]


def _page_lines(path: Path) -> list[tuple[int, str]]:
    return list(enumerate(path.read_text(encoding="utf-8").split("\n"), start=1))


@pytest.mark.parametrize("path", SAMPLE_PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_find_urls_equals_searching_every_visible_line(path: Path) -> None:
    """``find_urls`` looks at few lines; searching every visible line finds the same."""
    lines = _page_lines(path)
    every_line = [
        (number, url) for number, text in visible_lines(lines) for url in core.line_urls(text)
    ]
    assert core.find_urls("\n".join(text for _, text in lines)) == every_line


def test_find_urls_shortcut_on_tricky_lines() -> None:
    lines = list(enumerate(TRICKY_LINES, start=1))
    every_line = [
        (number, url) for number, text in visible_lines(lines) for url in core.line_urls(text)
    ]
    assert core.find_urls("\n".join(TRICKY_LINES)) == every_line
    assert [url for _, url in every_line][:3] == [
        "https://a.example.org/x",
        "http://b.example.org/",
        "https://c.example.org/a",
    ]


def _parser_links(html: str) -> list[str]:
    return core.html_ids_and_links(html)[1]


@pytest.mark.parametrize(
    ("html", "quick"),
    [
        ('<nav><a href="n/">N</a></nav><article><a href="a/">A</a></article>', {"a/"}),
        ('<ARTICLE class="x"><A HREF = "b/" >B</A></ARTICLE>', {"b/"}),
        ("<article><a title='see href=\"x\"' href='c/'>C</a></article>", {"x", "c/"}),
        ('<article><a href="d/?x=1&amp;y=&#x32;">D</a></article>', {"d/?x=1&y=2"}),
        ('<article><a href  ==  "f/">F</a><a href="">empty</a></article>', {"f/", ""}),
        (
            '<article><!-- <a href="g/"> --><a data-href="h/" href="i/">I</a></article>',
            {"g/", "h/", "i/"},
        ),
        ('<article><a href="j/">J</a></article><footer><a href="k/">K</a></footer>', {"j/", "k/"}),
        ('<p>no article</p><a href="l/">L</a>', set()),
        (
            '<article><a href="m/"><article><a href="n/"></article><a href="o/"></article>'
            '<a href="p/">',
            {"m/", "n/", "o/", "p/"},
        ),
        ('<article><a href="\nq/\n">Q</a></article>', {"\nq/\n"}),
        (
            '<article><script>var s = "<a href=\'r/\'>";</script><a href="s/">S</a></article>',
            {"r/", "s/"},
        ),
        ('<article><a href="t/"href="u/">T</a></article>', {"t/", "u/"}),
        ('<article><a\thref\t=\t"v/">V</a></article>', {"v/"}),
        ("<article><a href=w/>unquoted</a></article>", None),
        ('<article><a href=\u00a0"x/">odd space</a></article>', None),
        ('<article><p>write href=&quot;...&quot; in HTML</p><a href="y/">Y</a></article>', None),
        ('<article><a href="z/">not closed', {"z/"}),
    ],
)
def test_article_href_candidates_hold_every_link_the_parser_finds(
    html: str, quick: set[str] | None
) -> None:
    """Where the quick look answers, every link the parser finds is among its values."""
    candidates = core.article_href_candidates(html)
    assert candidates == quick
    if candidates is not None:
        assert set(_parser_links(html)) <= candidates


@pytest.mark.parametrize("path", SAMPLE_PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_article_href_candidates_on_sample_pages(path: Path) -> None:
    """Each sample page made into HTML, in a page like Material's with links around it."""
    import markdown

    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
    content = markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "toc"])
    html = (
        '<html><head><link href="../assets/x.css" rel="stylesheet"></head><body>'
        '<nav><a href="../a/" class="md-nav__link">A</a></nav>'
        f'<article class="md-content__inner md-typeset">{content}</article>'
        '<footer><a href="../next/">Next</a></footer></body></html>'
    )
    candidates = core.article_href_candidates(html)
    assert candidates is not None  # ordinary pages never need the parser
    assert set(_parser_links(html)) <= candidates
    assert "../next/" in candidates  # values after the article are candidates too


FRAGMENTS = [
    "<article>",
    "</article>",
    "<ARTICLE class='a'>",
    '<a href="x/">',
    "<a href='y/'>",
    "<a href=z/>",
    '<a HREF = "w/">',
    "</a>",
    "href=",
    "=",
    '"',
    "'",
    " ",
    "\n",
    "\u00a0",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "&amp;",
    "&quot;",
    "text",
    ">",
    "<",
    "/",
    "<p>",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
def test_article_href_candidates_never_miss_a_link(fragments: list[str]) -> None:
    html = "".join(fragments)
    candidates = core.article_href_candidates(html)
    if candidates is not None:
        assert set(_parser_links(html)) <= candidates


# -- quicker ways give the same answers as the plain ones ----------------------------------------


def _reference_destinations(text: str) -> list[tuple[int, int, str]]:
    """``_destinations`` walking the text a character at a time (as it was first written)."""
    import re

    found = []
    for match in re.finditer(r"\]\(", text):
        i = match.end()
        while i < len(text) and text[i] in " \t":
            i += 1
        if i < len(text) and text[i] == "<":
            end = text.find(">", i)
            if end >= 0:
                found.append((i, end + 1, text[i + 1 : end]))
            continue
        depth, j = 0, i
        while j < len(text):
            char = text[j]
            if char.isspace():
                break
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            j += 1
        found.append((i, j, text[i:j]))
    return found


def _reference_line_urls(text: str) -> list[str]:
    """``line_urls`` running every pattern on every line."""
    spans = []
    ref = core._REF_DEF.match(text)
    if ref:
        spans.append((ref.start(1), ref.end(1), ref.group(1)))
    spans.extend(_reference_destinations(text))
    spans.extend((m.start(), m.end(), m.group(1)) for m in core._AUTOLINK.finditer(text))
    spans.extend((m.start(2), m.end(2), m.group(2)) for m in core._HTML_ATTR.finditer(text))
    masked = text
    for start, end, _ in spans:
        masked = masked[:start] + " " * (end - start) + masked[end:]
    spans.extend(
        (m.start(), m.end(), core._trim_bare(m.group(0))) for m in core._BARE.finditer(masked)
    )
    urls = (url.strip() for _start, _end, url in sorted(spans))
    return [url for url in urls if core._WEB.match(url)]


def test_regex_spaces_are_str_isspace() -> None:
    """``_DESTINATION_RUN`` stops where the character walk stopped: ``\\s`` is ``isspace``."""
    import re
    import sys

    space = re.compile(r"\s")
    assert [
        c for c in range(sys.maxunicode + 1) if bool(space.match(chr(c))) != chr(c).isspace()
    ] == []


LINE_PIECES = [
    "[a](",
    "](",
    "![i](",
    "<",
    ">",
    "(",
    ")",
    " ",
    "\t",
    "\u00a0",
    "\u2003",
    "https://a.org/x",
    "HTTP://B.ORG",
    "http://c.org/p_(q)",
    "<https://d.org/a'b|c>",
    "://",
    '"t"',
    "'",
    "=",
    "href=",
    ' src="',
    "[r]: ",
    "]:",
    ".",
    ",",
    "x",
    "`",
    "<!--",
    "-->",
    "```",
    "~~~",
    "\n",
    "\r",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(LINE_PIECES), max_size=25))
def test_destinations_and_line_urls_are_what_the_plain_ways_give(pieces: list[str]) -> None:
    line = "".join(pieces).replace("\n", " ")
    assert list(core._destinations(line)) == _reference_destinations(line)
    assert core.line_urls(line) == _reference_line_urls(line)


MARKDOWN_LINES = st.one_of(
    st.sampled_from(["", "```", "~~~", "````", "~~~~ yaml", "   ```", "<!--", "-->", "a -->"]),
    st.lists(st.sampled_from([p for p in LINE_PIECES if p != "\n"]), max_size=8).map("".join),
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(MARKDOWN_LINES, max_size=12), st.integers(min_value=0, max_value=9))
def test_find_urls_is_the_line_by_line_reading(lines: list[str], first: int) -> None:
    """Looking only at lines with '://', comments or fences finds what every line gives."""
    text = "\n".join(lines)
    assert core.find_urls(text, first) == reference_find_urls(enumerate(lines, start=first))


@pytest.mark.parametrize("path", SAMPLE_PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_find_urls_on_sample_pages(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert core.find_urls(text, 3) == reference_find_urls(enumerate(text.split("\n"), start=3))


def test_find_urls_on_tricky_lines() -> None:
    for lines in (TRICKY_LINES, ["```", *TRICKY_LINES, "```", "https://z.org/"]):
        text = "\n".join(lines)
        assert core.find_urls(text, 5) == reference_find_urls(enumerate(lines, start=5))
    assert core.find_urls("") == []
    assert core.find_urls("\n\nhttps://a.org/\n") == [(3, "https://a.org/")]
    assert core.find_urls("a:<!-- c -->//b.org/ https://c.org/", 7) == [(7, "https://c.org/")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("~~~\nhttps://a.org/\n~~~\nhttps://b.org/", [(4, "https://b.org/")]),
        ("```\nhttps://a.org/\n```\n\nhttps://b.org/", [(5, "https://b.org/")]),
        ("<!-- a\nb -->\nhttps://c.org/", [(3, "https://c.org/")]),
        ("<!--\nhttps://d.org/\n-->\n[e](https://e.org/)", [(4, "https://e.org/")]),
        ("-->\n<!--\nhttps://d.org/", []),
        (
            "x\n\n[a](https://a.org/) https://b.org/\n",
            [(3, "https://a.org/"), (3, "https://b.org/")],
        ),
        ("x\r\nhttps://a.org/\r\n", [(2, "https://a.org/")]),
    ],
)
def test_find_urls_fences_comments_and_line_numbers(
    text: str, expected: list[tuple[int, str]]
) -> None:
    assert core.find_urls(text) == expected
    assert reference_find_urls(enumerate(text.split("\n"), start=1)) == expected


def test_latin1_letters_that_ignorecase_matches() -> None:
    """``_ascii_folded`` is right: within Latin-1, ``IGNORECASE`` matches a letter of
    ``<article`` or ``href`` exactly where ``bytes.lower`` gives that letter."""
    import re

    for letter in "<articlehref":
        pattern = re.compile(re.escape(letter), re.IGNORECASE)
        for code in range(256):
            folded = bytes([code]).lower() == letter.encode()
            assert bool(pattern.match(chr(code))) == folded, (letter, code)


def _reference_href_candidates(html: str) -> set[str] | None:
    """``article_href_candidates`` searching the text with its ``IGNORECASE`` patterns."""
    from html import unescape

    article = core._ARTICLE.search(html)
    if article is None:
        return set()
    found = set()
    for match in core._HREF_ATTR.finditer(html, article.start()):
        spaces, quoted = match.group(1) + match.group(2), match.group(3)
        if quoted is None or not core._HTML_SPACE.issuperset(spaces):
            return None
        found.add(unescape(quoted[1:-1]))
    return found


HREF_PIECES = [
    *FRAGMENTS,
    "<ArTiClE>",
    "<artıcle>",  # dotless i: matches <article> ignoring case, beyond Latin-1
    "<artİcle>",
    "\u0175",
    "£",
    "·",
    "hReF='q/'",
    "HREF",
    "Href=",
    "hre",
    'f="s/"',
    "h",
    "ref",
    "href=href=",
    "&#x41;",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(HREF_PIECES), max_size=30))
def test_article_href_candidates_are_what_the_ignorecase_search_gives(pieces: list[str]) -> None:
    html = "".join(pieces)
    assert core.article_href_candidates(html) == _reference_href_candidates(html)


@pytest.mark.parametrize("path", SAMPLE_PAGES[:20], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_article_href_candidates_search_on_sample_pages(path: Path) -> None:
    import markdown

    content = markdown.markdown(path.read_text(encoding="utf-8"), extensions=["attr_list"])
    for html in (
        f'<body><a HREF="../n/">N</a><Article>{content}<A Href="../f/">F</a></article></body>',
        f"<article>{content}</article><p>\u0175</p>",  # beyond Latin-1: the plain search
    ):
        assert core.article_href_candidates(html) == _reference_href_candidates(html)


PAGE_URLS = [
    "",
    "index.html",
    "made/",
    "find-services/directory/",
    "find-services/by-age/0-to-5/",
    "find-services/by-age/0-to-5/index.html",
    "a/b.html",
    "a//b/",
    "a/./b/",
    "a/../b/",
    "./",
    "../x/",
    "a b/",
    "a%20b/",
]
HREF_STARTS = ["", "./", "../", "../../", "../../../", "../../../../", "/", "..", "../..", ".//"]
HREF_RESTS = [
    "",
    "x",
    "x/",
    "services/a/b/",
    "a/index.html",
    "a//b/",
    "a/./b/",
    "a/../b",
    ".hidden/",
    "..x/",
    "x..",
    ".",
    "..",
    "/x/",
    "a%20b/",
    "caf\u00e9/",
    "mailto:a@b.org",
    "https://a.org/x/",
]
HREF_ENDS = ["", "#top", "#a%20b", "?q=1", "?q=1#top", "/", "#"]


def test_relative_targets_are_what_urljoin_gives_exhaustively() -> None:
    """Every combination of page address and link: the join of plain paths (``_join_plain``,
    with the page's part resolved once) gives what the URL parser gives."""
    checked = 0
    for page_url in PAGE_URLS:
        for start in HREF_STARTS:
            for rest in HREF_RESTS:
                for end in HREF_ENDS:
                    href = start + rest + end
                    target = core.relative_target(page_url, href)
                    if not href or href.startswith(("#", "//")) or core._SCHEME.match(href):
                        assert target is None
                        continue
                    assert target == _urljoin_target(page_url, href), (page_url, href)
                    if core._PLAIN_PATH.fullmatch(href) and core._PLAIN_PATH.fullmatch(page_url):
                        assert target == (core._join_plain(page_url, href), "")
                    checked += 1
    assert checked > 10_000


def _reference_resolve_site_path(path: str, exists: Callable[[str], bool]) -> str | None:
    """``resolve_site_path`` asking for ``path`` itself first."""
    import posixpath

    clean = posixpath.normpath("/" + path).lstrip("/")
    if clean in ("", "."):
        clean = ""
    candidates = [clean] if clean else []
    if path.endswith("/") or not clean or "." not in clean.rsplit("/", 1)[-1]:
        candidates.append(posixpath.join(clean, "index.html") if clean else "index.html")
    return next((candidate for candidate in candidates if exists(candidate)), None)


def test_resolve_site_path_gives_what_asking_for_the_path_first_gives(tmp_path: Path) -> None:
    """Asking for ``index.html`` first (one look for a page, not two) finds the same file,
    since a file is never also a folder."""
    built = [
        "index.html",
        "a/index.html",
        "a/b/index.html",
        "a/form.pdf",
        "a/notes",
        "c.html",
        "d/e/index.html",
        "x y/index.html",
    ]
    for name in built:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")

    def exists(path: str) -> bool:
        return (tmp_path / path).is_file()

    bases = ["", "a", "a/b", "a/form.pdf", "a/notes", "c.html", "c", "d", "d/e", "x y", "no", "."]
    checked = 0
    for base in bases:
        for tail in ["", "/", "/index.html", "/.", "/..", "/../a/", "//"]:
            for lead in ["", "/", "./", "../"]:
                path = lead + base + tail
                assert core.resolve_site_path(path, exists) == _reference_resolve_site_path(
                    path, exists
                ), path
                checked += 1
    assert checked == len(bases) * 28
    assert core.resolve_site_path("a/notes/", exists) == "a/notes"
    assert core.resolve_site_path("d/", exists) is None


IGNORE_PATTERNS = [
    "www.facebook.com",
    "WWW.Twitter.COM",
    "https://x.org/private/*",
    "HTTPS://Y.ORG/P*",
    "*://z.org/a?b*",
    "http://*.w.org/*",
    "*.test",
    "*.Example.ORG",
    "example",
    "*.",
    "*",
    "*.org",
]
IGNORE_URLS = [
    "https://www.facebook.com/ourpage",
    "https://facebook.com/",
    "https://www.twitter.com/",
    "https://x.org/private/a",
    "https://x.org/public/a",
    "https://y.org/PATH",
    "https://y.org/other",
    "http://z.org/a?b=1",
    "https://z.org/a",
    "http://v.w.org/x",
    "https://v.w.org/x",
    "https://a.b.test/",
    "https://test/",
    "https://atest/",
    "https://example.org/",
    "https://lo.example.org/x",
    "https://example/",
    "https://a.org/",
    "https://[::1]/",
    "not an address",
]


def _reference_ignores(ignore: tuple[str, ...], url: str) -> bool:
    """``LinkRules.ignores`` looking at each pattern in turn (as it was first written)."""
    import fnmatch

    host = (urlsplit(url).hostname or "").lower()
    for pattern in ignore:
        if pattern.lower().startswith(("http://", "https://", "*://")):
            if fnmatch.fnmatchcase(url.lower(), pattern.lower()):
                return True
        elif pattern.startswith("*."):
            base = pattern[2:].lower()
            if host == base or host.endswith("." + base):
                return True
        elif host == pattern.lower():
            return True
    return False


def test_rules_ignore_what_each_pattern_in_turn_ignores() -> None:
    for size in range(len(IGNORE_PATTERNS) + 1):
        for first in range(len(IGNORE_PATTERNS)):
            ignore = tuple((IGNORE_PATTERNS * 2)[first : first + size])
            rules = LinkRules(ignore=ignore)
            for url in IGNORE_URLS:
                assert rules.ignores(url) == _reference_ignores(ignore, url), (ignore, url)
