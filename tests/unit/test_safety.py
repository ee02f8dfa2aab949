"""Safety: the HTML pass that keeps script out of pages, and the link checker's limits (web
addresses only, nothing read outside the site)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sendqa_build.core.linkcheck import LinkcheckSettings, config_text, run_linkchecker
from sendqa_build.core.links import resolve_site_path
from sendqa_build.core.safety import make_safe, removal_findings, unsafe_url
from sendqa_build.models import Finding, Severity


@pytest.mark.parametrize(
    "markup",
    [
        '<p>Text with <a href="https://example.org/?a=1&amp;b=2" title="A &quot;b&quot;">a link'
        "</a> &amp; an entity &#8217; and &lt;angle&gt;.</p>",
        "<table><tr><td>1 &lt; 2</td></tr></table>",
        '<img alt="A family" src="data:image/png;base64,AAAA" />',
        '<iframe src="https://www.youtube-nocookie.com/embed/x" title="Video"></iframe>',
        '<style>.a > .b { color: red; }</style><div class="a"><p class="b">x</p></div>',
        "<details open><summary>More</summary>Hidden</details>",
    ],
)
def test_safe_html_keeps_its_meaning(markup: str) -> None:
    safe, removed = make_safe(markup)
    assert removed == []
    assert make_safe(safe) == (safe, [])
    assert safe.replace(" />", ">") == markup.replace(" />", ">")


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
        ("<p>a<SCRIPT SRC=//x.example/x.js></SCRIPT>b</p>", "<p>ab</p>"),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href=" JaVa&#x09;Script&colon;alert(1)">x</a>', "<a>x</a>"),
        ('<a href="vbscript:msgbox">x</a>', "<a>x</a>"),
        ('<a href="data:text/html,&lt;script&gt;">x</a>', "<a>x</a>"),
        ('<img src="x" onerror="alert(1)">', '<img src="x">'),
        ('<div style="width: expression(alert(1))">x</div>', "<div>x</div>"),
        ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "<iframe></iframe>"),
        ("<p>a<!-- note for editors: ask Sam --></p>", "<p>a</p>"),
        ("<!--><script>alert(1)</script>-->", ""),
        ('<xmp><p title="</xmp><img src=x onerror=alert(1)>"></xmp>', '<p title="&lt;/xmp&gt;'),
        ("<svg><style><img src=x onerror=alert(1)></style></svg>", "<svg><style></style></svg>"),
        ("<p>unfinished <img src=x onerror=alert(1)", "<p>unfinished &lt;img"),
        ("<object data=x></object><embed src=x><base href=//evil.example/>", ""),
    ],
)
def test_script_is_taken_out(markup: str, expected: str) -> None:
    safe, _removed = make_safe(markup)
    assert safe.startswith(expected)
    assert live(safe) == []


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.live: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "object", "embed", "base"):
            self.live.append(tag)
        self.live.extend(name for name, value in attrs if name.startswith("on"))
        self.live.extend(v for _, v in attrs if v and unsafe_url(v))


def live(markup: str) -> list[str]:
    """Tags, handlers and addresses a browser would run."""
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return parser.live


@pytest.mark.parametrize(
    ("value", "unsafe"),
    [
        ("javascript:alert(1)", True),
        ("  JAVASCRIPT:x", True),
        ("java\tscript:x", True),
        ("java&#x0A;script:x", True),
        ("data:text/html;base64,PHNjcmlwdD4=", True),
        ("data:image/png;base64,AAAA", False),
        ("https://example.org/javascript:x", False),
        ("#javascript:", False),
        ("mailto:a@b.org", False),
    ],
)
def test_unsafe_url(value: str, unsafe: bool) -> None:
    assert unsafe_url(value) is unsafe


def test_removals_are_reported_at_their_own_lines() -> None:
    _, removed = make_safe(
        "<p>x</p><script>a()</script><p>y</p><script>b()</script><a href='javascript:c()'>z</a>"
    )
    lines = [(10, "x"), (11, "<script>a()</script>"), (12, "y"), (13, "<SCRIPT>b()</SCRIPT>")]
    lines.append((14, "[z](javascript:c())"))
    script = (
        "the page has a <script>, which is removed from the published page",
        "take it out; pages cannot run scripts (ask the web team if something needs one)",
    )
    assert removal_findings("a.md", removed, lines) == [
        Finding("safety", "a.md", 11, Severity.WARNING, *script),
        Finding("safety", "a.md", 13, Severity.WARNING, *script),
        Finding(
            "safety",
            "a.md",
            14,
            Severity.WARNING,
            "the link 'javascript:c()' runs a script, so it is removed",
            "link to a web address starting https:// instead",
        ),
    ]


@pytest.mark.parametrize(
    "path",
    ["../../etc/passwd", "/../../../etc/passwd", "a/../../../../etc/passwd", "..", "%2e%2e/"],
)
def test_site_paths_never_leave_the_site(path: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    asked: list[Path] = []

    def exists(rel: str) -> bool:
        target = (site / rel).resolve()
        asked.append(target)
        return target.is_file()

    resolve_site_path(path, exists)
    for target in asked:
        assert target.is_relative_to(site.resolve()), target


def test_link_checker_is_limited_to_web_addresses() -> None:
    lines = config_text(LinkcheckSettings()).splitlines()
    assert "allowedschemes=http,https" in lines
    assert "recursionlevel=0" in lines


def test_link_checker_never_reads_a_local_file(tmp_path: Path) -> None:
    """A real LinkChecker run given a file path and a file: address reads neither (it would
    report a local file it could open as valid)."""
    secret = tmp_path / "secret.html"
    secret.write_text("<p>secret</p>", encoding="utf-8")
    secret.chmod(0o644)
    tmp_path.chmod(0o755)
    asked = [str(secret), f"file://{secret}"]
    results = run_linkchecker(asked, LinkcheckSettings(timeout=2, budget=30, threads=1))
    for url in asked:
        result = results.get(url)
        assert result is None or not result.valid or "ignored" in result.result.lower(), result
        assert result is None or "secret" not in result.result


def test_every_output_is_written_atomically() -> None:
    """Outputs go through ``write_atomic`` (a crash mid-write leaves the previous file); the
    only other write is LinkChecker's own settings file in a temporary folder."""
    package = Path(__file__).resolve().parents[2] / "sendqa_build"
    writes = re.compile(r"\.write_(text|bytes)\(|\bopen\([^)]*['\"][wax]b?['\"]|json\.dump\(")
    found = {
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if writes.search(path.read_text(encoding="utf-8"))
    }
    assert found <= {"core/linkcheck.py"}, found
