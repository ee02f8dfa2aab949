"""Real builds: script put in content, front matter, "You said" comments or HTML comments never
runs in anything sendqa publishes or writes (pages, search index, QA report, Word file)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from html.parser import HTMLParser

import pytest

from tests.conftest import BuiltSite, guide_page, service_page

Build = Callable[..., BuiltSite]
MARK = "sendqaXSS"


def js(label: str) -> str:
    """A payload that would show which field it came from, were it ever run."""
    return f"alert('{MARK}-{label}')"


BODY = f"""
Some text before.

<script>{js("body-script")}</script>

[Click me](javascript:{js("md-link")}) and ![a picture](javascript:{js("md-image")}).

<a href="JaVaScRiPt:{js("mixed-case")}">mixed case</a>
<a href="java&#x09;script:{js("tab-entity")}">tab in the scheme</a>
<img src="x.png" alt="broken" onerror="{js("onerror")}">
<svg><script>{js("svg-script")}</script></svg>
<iframe srcdoc="&lt;script&gt;{js("srcdoc")}&lt;/script&gt;"></iframe>
<xmp><p title="</xmp><img src=x onerror={js("xmp")}>"></xmp>
<div onclick="{js("div-onclick")}">a div</div>
<svg><style><img src=x onerror={js("svg-style")}></style></svg>
<object data="javascript:{js("object")}"></object>

A paragraph with attributes.
{{: onclick="{js("attr-list")}" }}

A [reference link][evil] and an autolink <javascript:{js("autolink")}>.

[evil]: javascript:{js("ref-link")}

<!-- <script>{js("comment")}</script> -->
<!--><script>{js("abrupt-comment")}</script>-->

Some text after.
"""

FIELDS = ("summary", "owner", "eligibility", "how_to_access", "decided_by", "cost", "provider")


def yaml_text(value: str) -> str:
    """A double-quoted YAML string."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


TITLE = f"<script>{js('title')}</script> Evil <img src=x onerror={js('title-img')}>"


def evil_service() -> str:
    page = service_page(yaml_text(TITLE), body=BODY)
    for name in FIELDS:
        value = f"Text <script>{js(name)}</script> [x](javascript:{js(name)})"
        page = re.sub(
            rf"^{name}: .*$", f"{name}: {yaml_text(value)}", page, count=1, flags=re.MULTILINE
        )
    website = yaml_text("javascript:" + js("website"))
    place = {k: yaml_text(f"<img src=x onerror={js('place-' + k)}>{k}") for k in PLACE_TEXT}
    where = (
        f"times: {yaml_text('Monday to Friday, 9am to 5pm (<script>' + js('times') + '</script>)')}"
        "\nlocations:\n"
        f"  - name: {place['name']}\n    address: {place['address']}\n"
        f"    town: {place['town']}\n    latitude: 52.1\n    longitude: -2.2\n"
        f"    accessibility: [{place['accessibility']}]\n"
    )
    return page.replace(
        "  email: team@wyvernshire.example.org\n",
        f"  email: team@wyvernshire.example.org\n  website: {website}\n{where}",
    )


PLACE_TEXT = ("name", "address", "town", "accessibility")
"""A place's words, each with a payload: shown in the At a glance box and the directory."""


def evil_feedback() -> str:
    said = f"<script>{js('you-said')}</script> [x](javascript:{js('you-said-link')})"
    did = f"<img src=x onerror={js('we-did')}> <a href='javascript:{js('we-did-link')}'>x</a>"
    return guide_page(
        "You said, we did 2026",
        "Comments and what we did about them.\n",
        extra=(
            "type: you-said-we-did\npublished_on: 2026-07-15\nresponses:\n"
            f"  - you_said: {yaml_text(said)}\n    we_did: {yaml_text(did)}\n    status: done\n"
        ),
    )


def evil_files() -> dict[str, str]:
    return {
        "index.md": guide_page("Home", "See [the evil service](services/evil.md).\n"),
        "services/evil.md": evil_service(),
        "feedback/2026.md": evil_feedback(),
        "plain.md": guide_page(f"Plain <b onmouseover={js('b')}>bold</b>", BODY),
        "formula.md": guide_page('"@SUM(1+1)"', "Text.\n").replace(
            "owner: Test Team", """owner: '=HYPERLINK("https://evil.example.org","x")'"""
        ),
    }


class _Live(HTMLParser):
    """Finds script that would run: script elements, event handlers and script addresses."""

    URL_ATTRS = ("href", "src", "action", "formaction", "data", "xlink:href", "poster")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.in_script = True
        for name, value in attrs:
            text = re.sub(r"[\x00-\x20]+", "", value or "").lower()
            if name.startswith("on") and MARK in (value or ""):
                self.live.append(f"<{tag} {name}>")
            if name in self.URL_ATTRS and text.startswith(("javascript:", "vbscript:")):
                self.live.append(f"<{tag} {name}={value}>")
            if name == "srcdoc" and MARK in (value or ""):
                self.live.append(f"<{tag} srcdoc>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.in_script = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and MARK in data:
            self.live.append(f"<script>{data.strip()[:60]}")


def live_script(markup: str) -> list[str]:
    """Every way ``markup`` would run one of the payloads in a browser."""
    parser = _Live()
    parser.feed(markup)
    parser.close()
    raw = [m for m in re.findall(r"<script[^>]*>[^<]*", markup, re.I) if MARK in m]
    return parser.live + raw


def html_outputs(site: BuiltSite) -> Iterator[tuple[str, str]]:
    for path in sorted(site.site_dir.rglob("*.html")):
        yield str(path.relative_to(site.root)), path.read_text(encoding="utf-8")
    for path in sorted((site.root / "qa-report").rglob("*.html")):
        yield str(path.relative_to(site.root)), path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """One build of the whole site with payloads everywhere (shared: builds are slow)."""
    from tests.conftest import TODAY, make_project, run_build

    root = tmp_path_factory.mktemp("xss")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SENDQA_TODAY", TODAY)
        mp.setenv("SENDQA_EXTERNAL_LINKS", "false")
        make_project(root, evil_files())
        return run_build(root)


def test_the_payloads_reach_the_build(evil_site: BuiltSite) -> None:
    """The test is only worth something if the payloads are really in the pages' sources."""
    assert evil_site.aborted is None
    text = evil_site.html("plain/")
    assert "Some text before." in text and "Some text after." in text
    assert "A paragraph with attributes." in text


def test_no_script_is_live_in_any_page(evil_site: BuiltSite) -> None:
    found = {name: live for name, text in html_outputs(evil_site) if (live := live_script(text))}
    assert found == {}


def test_script_in_titles_is_shown_as_text(evil_site: BuiltSite) -> None:
    page = evil_site.html("services/evil/")
    shown = html.escape(f"<script>{js('title')}</script> Evil", quote=True)
    assert f"<title>{shown}" in page
    assert f"<h1>{shown}" in page
    home = evil_site.html("")
    assert shown in home  # the navigation lists the page by its title, as text


def test_search_index_has_no_live_script(evil_site: BuiltSite) -> None:
    index = json.loads((evil_site.site_dir / "search/search_index.json").read_text("utf-8"))
    docs = index["docs"]
    assert any("Evil" in doc["title"] for doc in docs)
    for doc in docs:
        # Material's search shows title and text as HTML.
        assert live_script(doc["title"]) == [], doc["location"]
        assert live_script(doc["text"]) == [], doc["location"]


def test_comments_and_responses_are_text(evil_site: BuiltSite) -> None:
    page = evil_site.html("feedback/2026/")
    assert "&lt;script&gt;alert(&#39;sendqaXSS-you-said&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(&#39;sendqaXSS-we-did&#39;)&gt;" in page
    assert MARK + "-comment" not in page  # HTML comments are not published at all
    assert MARK + "-abrupt-comment" not in evil_site.html("plain/")


def test_the_editor_is_told_what_was_removed(evil_site: BuiltSite) -> None:
    messages = [m for m in evil_site.sendqa() if m.startswith("content/plain.md")]
    for expected in (
        "content/plain.md:11: the page has a <script>, which is removed from the published "
        "page; take it out; pages cannot run scripts (ask the web team if something needs one)",
        "content/plain.md:18: the page has a <script>, which is removed from the published "
        "page; take it out; pages cannot run scripts (ask the web team if something needs one)",
        "content/plain.md:15: the link 'JaVaScRiPt:alert('sendqaXSS-mixed-case')' runs a "
        "script, so it is removed; link to a web address starting https:// instead",
        "content/plain.md:30: the link 'javascript:alert('sendqaXSS-ref-link')' runs a script, "
        "so it is removed; link to a web address starting https:// instead",
        "content/plain.md:17: the <img> tag has a script ('onerror'), which is removed; "
        "take 'onerror=...' out of the tag",
        "content/plain.md:26: the <p> tag has a script ('onclick'), which is removed; "
        "take 'onclick=...' out of the tag",
        "content/plain.md:20: the page has the HTML tag <xmp>, which is removed from the "
        "published page; take it out; use a link to the page or file instead",
        "content/plain.md:2: 'title' contains HTML or a script address ('<b "
        "onmouseover=alert('sendqaXSS-b')>'), which is shown as plain text; write plain words "
        "without '<', '>' or 'javascript:'",
    ):
        assert expected in messages
    evil = [m for m in evil_site.sendqa() if m.startswith("content/services/evil.md")]
    assert any("'contact.website' must be a web address starting https://" in m for m in evil)
    for name in FIELDS:
        assert any(f"'{name}' contains HTML or a script address" in m for m in evil), name


def test_qa_report_word_file_and_review_list_are_safe(evil_site: BuiltSite) -> None:
    report = evil_site.root / "qa-report"
    with zipfile.ZipFile(report / "self-evaluation.docx") as docx:
        for name in docx.namelist():
            data = docx.read(name).decode("utf-8", errors="replace")
            assert "javascript:" not in data.lower() or "Target=" not in data, name
            assert "<script" not in data.lower(), name
    rows = list(csv.reader(io.StringIO((report / "reviews.csv").read_text("utf-8-sig"))))
    assert any("HYPERLINK" in cell for row in rows for cell in row)
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "@")), cell


def test_report_json_keeps_the_text_as_data(evil_site: BuiltSite) -> None:
    data = json.loads((evil_site.root / "qa-report/self-evaluation.json").read_text("utf-8"))
    messages = [f["message"] for f in data["findings"]]
    assert any("<script>" in m for m in messages)  # kept as data; the HTML report escapes it
    page = (evil_site.root / "qa-report/self-evaluation.html").read_text("utf-8")
    assert "&lt;script&gt;" in page


def test_safe_page_is_unchanged_in_meaning(build_site: Build) -> None:
    """Ordinary Markdown comes through the safety pass with its links, tables and entities."""
    body = (
        "## Where to go\n\nSee [Portage](https://www.example.org/a?b=1&c=2) & more.\n\n"
        "| a | b |\n|---|---|\n| 1 < 2 | x |\n\n<details><summary>More</summary>Hidden</details>\n"
    )
    site = build_site(
        {"index.md": guide_page("Home", body)}, plugins=["search", "sendqa/frontmatter"]
    )
    page = site.html("")
    assert '<a href="https://www.example.org/a?b=1&amp;c=2">Portage</a> &amp; more.' in page
    assert "<td>1 &lt; 2</td>" in page
    assert "<details><summary>More</summary>Hidden</details>" in page
    assert site.sendqa() == []


def test_snippets_never_include_files_outside_the_content(build_site: Build) -> None:
    """``--8<--`` could otherwise publish any file of the project (mkdocs.yml, .git/config, a
    CI secrets file)."""
    body = (
        'Before.\n\n--8<-- "mkdocs.yml"\n\n--8<-- "../.git/config"\n\n'
        '--8<-- "/etc/passwd"\n\nAfter.\n'
    )
    site = build_site(
        {"index.md": guide_page("Home", body)}, plugins=["search", "sendqa/frontmatter"]
    )
    page = site.html("")
    assert "Before." in page and "After." in page
    for leaked in ("site_name", "[core]", "root:x:0"):
        assert leaked not in page


def test_places_and_times_are_shown_as_text(evil_site: BuiltSite) -> None:
    """A place's words and the times reach the At a glance box and the directory, as text."""
    service = evil_site.html("services/evil/")
    directory = evil_site.html("find-services/directory/")
    for key in PLACE_TEXT:
        assert f"{MARK}-place-{key}" in service, key
        assert live_script(service) == []
    assert f"{MARK}-place-town" in directory and live_script(directory) == []
    assert f"{MARK}-times" in service and "&lt;script&gt;alert(" in service
