"""Real builds with every sendqa check on: each mistake an editor makes gives one message naming
the file, the line, what is wrong and what to do; the build goes on to check every other page,
and no traceback ever reaches the log."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TODAY, BuiltSite, guide_page, make_project, run_build, service_page

GOOD = guide_page


def bad_pages() -> dict[str, str | bytes]:
    """One page per mistake, all in one site (so each is also checked beside the others)."""
    return {
        "index.md": GOOD("Home", "Welcome to the Local Offer.\n"),
        "tabs.md": (
            "---\ntitle: Tabs\nsummary: A page.\ncontact:\n\tphone: 01632 960 123\n"
            "owner: T\nlast_reviewed_on: 2026-09-01\n---\nBody text.\n"
        ),
        "quote.md": (
            '---\ntitle: "Unclosed\nsummary: A page.\nowner: T\nlast_reviewed_on: 2026-09-01\n'
            "---\nBody text.\n"
        ),
        "duplicate.md": (
            "---\ntitle: A\nsummary: A page.\nowner: T\ntitle: B\nlast_reviewed_on: 2026-09-01\n"
            "---\nBody text.\n"
        ),
        "list.md": "---\n- title\n- summary\n---\nBody text.\n",
        "string.md": "---\njust some words\n---\nBody text.\n",
        "empty.md": "",
        "blank.md": "  \n\n",
        "only-front-matter.md": (
            "---\ntitle: Only\nsummary: Only front matter.\nowner: T\n"
            "last_reviewed_on: 2026-09-01\n---\n"
        ),
        "word.md": GOOD("Café", "It’s “quoted” – with a dash.\n").encode("cp1252"),
        "word-line-break.md": GOOD("Line break from Word").replace(
            "summary: A page for testing.", "summary: A page\x0bfor testing."
        ),
        "bom.md": "\ufeff" + GOOD("Page with a byte-order mark"),
        "crlf.md": GOOD("Windows line endings", "Line one.\n\nLine two.\n").replace("\n", "\r\n"),
        "crlf-bad.md": GOOD("Windows bad date")
        .replace("2026-09-01", "1/9/26")
        .replace("\n", "\r\n"),
        "date-uk.md": GOOD("UK date").replace("2026-09-01", "01/09/2026"),
        "date-impossible.md": GOOD("Impossible date").replace("2026-09-01", "2026-02-30"),
        "date-uk-impossible.md": GOOD("UK impossible date").replace("2026-09-01", "31/02/2026"),
        "date-words.md": GOOD("Date in words").replace("2026-09-01", "1st September 2026"),
        "date-time.md": GOOD("Date and time").replace("2026-09-01", "2026-09-01 10:30"),
        "numbers.md": (
            "---\ntitle: 12345\nsummary: 3.5\nowner: 7\nlast_reviewed_on: 2026-09-01\n"
            "review_in: '6'\n---\nBody text.\n"
        ),
        "service-numbers.md": service_page("Numbers as text", extra="provision: [education]\n")
        .replace("minimum_age: 0", 'minimum_age: "3"')
        .replace("maximum_age: 25", "maximum_age: 99999999999999999999999999999"),
        "huge.md": GOOD(
            "A very long page",
            "\n\n".join(
                f"## Part {n}\n\n" + "Families can ask the team for help with travel. " * 40
                for n in range(520)
            ),
        ),
        "self.md": GOOD(
            "Links to itself",
            "## Top part\n\nSee [this same page](self.md), [its top](#top-part) and "
            "[the top again](self.md#top-part).\n",
        ),
        "covers.md": GOOD(
            "Covers",
            "## Health services\n\nAsk your GP to refer you to the NHS therapy team.\n",
            extra="covers: [health, health, not-a-real-id]\n",
        ),
        "review-forever.md": GOOD("Review forever", extra="review_in: 99999 years\n"),
        "zz-last.md": GOOD("Last page").replace("owner: Test Team", "owner: "),
    }


class Build:
    """The build of ``bad_pages()`` and what it logged and printed."""

    def __init__(self, site: BuiltSite, output: str) -> None:
        self.site = site
        self.output = output

    def about(self, page: str) -> list[str]:
        """sendqa's warnings and infos about one page."""
        prefix = f"content/{page}"
        return [
            m
            for m in [*self.site.sendqa(), *self.site.sendqa(logging.INFO)]
            if m.startswith((prefix + ":", prefix + " "))
        ]


def build_quietly(root: Path) -> tuple[BuiltSite, str]:
    """Run a build capturing anything printed, so a traceback could not hide."""
    out = io.StringIO()
    with contextlib.redirect_stderr(out), contextlib.redirect_stdout(out):
        site = run_build(root)
    return site, out.getvalue()


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """One build of a site full of mistakes, plus a file that cannot be read."""
    root = tmp_path_factory.mktemp("hardening")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SENDQA_TODAY", TODAY)
        mp.setenv("SENDQA_EXTERNAL_LINKS", "false")
        make_project(root, bad_pages())  # type: ignore[arg-type]
        (root / "content" / "moved.md").symlink_to(root / "nowhere" / "moved.md")
        site, output = build_quietly(root)
    return Build(site, output)


def assert_clean_log(site: BuiltSite, output: str) -> None:
    """No traceback anywhere, and MkDocs never gave up on a page."""
    assert "Traceback" not in output
    for record in site.records:
        assert record.exc_info is None, record.getMessage()
        assert "Traceback" not in record.getMessage()
        assert not record.getMessage().startswith("Error reading page"), record.getMessage()


def test_the_build_finishes_and_checks_every_page(bad: Build) -> None:
    assert bad.site.aborted is None
    assert_clean_log(bad.site, bad.output)
    for page in bad_pages():
        assert (bad.site.site_dir / page.removesuffix(".md") / "index.html").exists() or (
            page == "index.md" and (bad.site.site_dir / "index.html").exists()
        ), page
    # The last page in the folder is still checked after all the broken ones.
    assert bad.about("zz-last.md") == [
        "content/zz-last.md:4: 'owner' is empty; add it, for example 'owner: Early Years SEND Team'"
    ]


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (
            "tabs.md",
            "content/tabs.md:5: the front matter is not valid YAML (found character '\\t' that "
            "cannot start any token); a tab is used for indenting; indent with spaces instead",
        ),
        (
            "quote.md",
            "content/quote.md:2: the front matter is not valid YAML (found unexpected end of "
            "stream while scanning a quoted scalar); a quote is opened but never closed; close "
            "it or remove it",
        ),
        (
            "duplicate.md",
            "content/duplicate.md:5: 'title' is given twice (lines 2 and 5); keep one and delete "
            "the other",
        ),
        (
            "list.md",
            "content/list.md:2: the front matter must be 'field: value' lines, found a list; "
            "write one field per line, such as 'title: Short breaks'",
        ),
        (
            "string.md",
            "content/string.md:2: the front matter must be 'field: value' lines, found just the "
            "text 'just some words'; write one field per line, such as 'title: Short breaks'",
        ),
        (
            "empty.md",
            "content/empty.md:1: the file is empty; write the page, starting with a front matter "
            "block between two '---' lines giving title, summary, owner and last_reviewed_on, "
            "or delete the file",
        ),
        (
            "blank.md",
            "content/blank.md:1: the file is empty; write the page, starting with a front matter "
            "block between two '---' lines giving title, summary, owner and last_reviewed_on, "
            "or delete the file",
        ),
        (
            "only-front-matter.md",
            "content/only-front-matter.md:6: the page has no text after the front matter; write "
            "the page under the closing '---' line",
        ),
        (
            "word.md",
            "content/word.md:2: the file is not saved as UTF-8 (it looks like text pasted from "
            "Word or saved as Windows-1252); open it in your editor and save it with UTF-8 "
            "encoding",
        ),
        (
            "word-line-break.md",
            "content/word-line-break.md:3: the front matter is not valid YAML (it has a hidden "
            "character U+000B); delete it: such characters often come with text copied from "
            "Word or a PDF",
        ),
        (
            "crlf-bad.md",
            "content/crlf-bad.md:5: 'last_reviewed_on' must be a date written YYYY-MM-DD, found "
            "'1/9/26'; write it as 2026-09-01",
        ),
        (
            "date-uk.md",
            "content/date-uk.md:5: 'last_reviewed_on' must be a date written YYYY-MM-DD, found "
            "'01/09/2026'; write it as 2026-09-01",
        ),
        (
            "date-impossible.md",
            "content/date-impossible.md:5: 'last_reviewed_on' must be a date written YYYY-MM-DD, "
            "found '2026-02-30'; there is no such date; check the day and month (for example "
            "2026-02-01)",
        ),
        (
            "date-uk-impossible.md",
            "content/date-uk-impossible.md:5: 'last_reviewed_on' must be a date written "
            "YYYY-MM-DD, found '31/02/2026'; there is no such date, and dates are written "
            "YYYY-MM-DD, for example 2026-02-28",
        ),
        (
            "date-words.md",
            "content/date-words.md:5: 'last_reviewed_on' must be a date written YYYY-MM-DD, found "
            "'1st September 2026'; write the date as YYYY-MM-DD, for example 2026-09-01",
        ),
        (
            "date-time.md",
            "content/date-time.md:5: 'last_reviewed_on' must be a date written YYYY-MM-DD, found "
            "'2026-09-01 10:30'; write the date as YYYY-MM-DD, for example 2026-09-01",
        ),
        (
            "numbers.md",
            "content/numbers.md:6: 'review_in' must be a period such as '6 months', '12 weeks', "
            "'1 year' or 'P6M', found '6'",
        ),
        (
            "service-numbers.md",
            "content/service-numbers.md:9: 'maximum_age' must be a whole number from 0 to 25, "
            "found '99999999999999999999999999999'",
        ),
        (
            "review-forever.md",
            "content/review-forever.md:6: 'review_in' is '99999 years', longer than 10 years; "
            "pages need checking more often; use a period such as '12 months'",
        ),
        (
            "moved.md",
            "content/moved.md: the file cannot be read, so the page is left out of the site (it "
            "is a link to a file that does not exist); restore the file it points to, or delete "
            "the link",
        ),
    ],
)
def test_one_clear_message_per_mistake(bad: Build, page: str, message: str) -> None:
    assert bad.about(page) == [message]


def test_covers_with_a_repeated_or_unknown_id(bad: Build) -> None:
    assert bad.about("covers.md") == [
        "content/covers.md:6: 'covers' has an unknown requirement id 'not-a-real-id'; use an id "
        "from checks/requirements.yml, such as 'health'",
        "content/covers.md:6: 'covers' lists 'health' more than once; delete the repeated id",
    ]


def test_pages_that_are_fine_give_no_message(bad: Build) -> None:
    """A byte-order mark, Windows line endings, numbers written as text and links to the page
    itself are all normal: no false alarm, and the page reads as written."""
    for page in ("bom.md", "crlf.md", "self.md", "huge.md"):
        assert bad.about(page) == [], page
    assert not [w for w in bad.site.warnings if "self.md" in w]
    assert "<h1>Page with a byte-order mark</h1>" in bad.site.html("bom/")
    assert "\ufeff" not in bad.site.html("bom/")
    assert "<p>Line two.</p>" in bad.site.html("crlf/")
    assert "<h1>12345</h1>" in bad.site.html("numbers/")
    assert "<dt>Ages</dt><dd>3 to" not in bad.site.html("service-numbers/")  # no bad max shown


def test_windows_1252_text_reads_as_the_editor_wrote_it(bad: Build) -> None:
    page = bad.site.html("word/")
    assert "<h1>Café</h1>" in page
    assert "It’s “quoted” – with a dash." in page


def test_a_1_mb_page_is_built_and_checked(bad: Build) -> None:
    assert len(bad_pages()["huge.md"]) > 1_000_000
    page = bad.site.html("huge/")
    assert 'id="part-519"' in page


def test_the_unreadable_page_is_left_out(bad: Build) -> None:
    assert not (bad.site.site_dir / "moved").exists()


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="running as root: chmod cannot stop root reading a file (the broken link test "
    "covers the same path)",
)
def test_a_file_without_read_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDQA_TODAY", TODAY)
    monkeypatch.setenv("SENDQA_EXTERNAL_LINKS", "false")
    make_project(tmp_path, {"index.md": GOOD("Home"), "locked.md": GOOD("Locked")})
    locked = tmp_path / "content" / "locked.md"
    locked.chmod(0)
    try:
        site, output = build_quietly(tmp_path)
    finally:
        locked.chmod(0o644)
    assert site.aborted is None
    assert_clean_log(site, output)
    assert [m for m in site.sendqa() if m.startswith("content/locked.md")] == [
        "content/locked.md: the file cannot be read, so the page is left out of the site "
        "(permission denied); ask whoever manages the computer to let the build read it "
        "(chmod a+r)"
    ]


RULE_FILES = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "checks").glob("*.yml"))


@pytest.mark.parametrize("name", RULE_FILES)
@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "a: [1, 2\nb: 'x\n",
            ":2': not valid YAML (expected ',' or ']', but got ':'); check the quotes, colons "
            "and indenting on that line",
        ),
        (
            "- a\n- b\n",
            "': expected 'name: value' entries, found a list ('- ' lines); restore the file's "
            "layout from git",
        ),
        (
            "",
            "': expected 'name: value' entries, found nothing (the file or entry is empty); "
            "restore the file's layout from git",
        ),
    ],
    ids=["broken-yaml", "a-list", "empty"],
)
def test_a_bad_rule_file_stops_the_build_with_one_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str, problem: str
) -> None:
    monkeypatch.setenv("SENDQA_TODAY", TODAY)
    monkeypatch.setenv("SENDQA_EXTERNAL_LINKS", "false")
    make_project(tmp_path, {"index.md": GOOD("Home")}, checks={name: text})
    site, output = build_quietly(tmp_path)
    assert site.aborted is not None
    assert_clean_log(site, output)
    errors = [r.getMessage() for r in site.records if r.levelno >= logging.ERROR]
    path = tmp_path / "checks" / name
    assert errors == [f"Error reading rules file '{path}{problem}"]


def test_sendqa_check_goes_on_past_an_unreadable_page(tmp_path: Path) -> None:
    """``sendqa check page.md`` checks the page even when another page cannot be read."""
    make_project(tmp_path, {"index.md": GOOD("Home"), "empty.md": ""})
    (tmp_path / "content" / "moved.md").symlink_to(tmp_path / "nowhere.md")
    done = subprocess.run(
        [sys.executable, "-m", "sendqa_build.cli", "check", "content/empty.md"],
        cwd=tmp_path,
        env={**os.environ, "SENDQA_TODAY": TODAY, "SENDQA_EXTERNAL_LINKS": "false"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith(
        "content/empty.md:1: the file is empty; write the page, starting with a front matter "
        "block between two '---' lines giving title, summary, owner and last_reviewed_on, or "
        "delete the file\n"
    )
