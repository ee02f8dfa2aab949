"""The preview panel as an editor sees it: a real ``mkdocs serve`` on 127.0.0.1 and a real
Chromium. The page shows its own findings with line numbers and what to do; fixing the file
updates the panel; ``mkdocs build`` output has no panel at all."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.test_accessibility import BLOCKING, WCAG_TAGS, axe_js, describe
from tests.conftest import GENERATOR_COMMAND, TODAY, guide_page, make_project

pytestmark = pytest.mark.browser

STARTUP_SECONDS = 180
"""How long the first build of ``mkdocs serve`` may take on a busy machine."""
PANEL = "[data-sendqa-preview]"

# guide_page's front matter is 6 lines and a blank line: the body starts on line 8.
HELP = guide_page(
    "Help with travel",
    "Families can ask for an EHCP from the council.\n"
    "\n"
    "We will utilise your views <b>always</b>.\n"
    "\n"
    "Read [the travel policy](travel-policy.md).\n",
)
FILES = {
    "index.md": guide_page("Home", "Welcome to the Local Offer. Read [help](help.md).\n"),
    "help.md": HELP,
    "clean.md": guide_page("Clean", "Short, plain words.\n"),
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SENDQA_TODAY=TODAY,
        SENDQA_EXTERNAL_LINKS="false",
        NO_MKDOCS_2_WARNING="true",
        PYTHONUNBUFFERED="1",
    )
    return env


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            text: str = response.read().decode("utf-8")
            return text
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(check: Callable[[], bool], seconds: float, what: str, proc: Any = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"mkdocs serve stopped while waiting for {what}:\n{_output(proc)}")
        if check():
            return
        time.sleep(0.5)
    pytest.fail(f"timed out after {seconds} s waiting for {what}")


def _output(proc: Any) -> str:
    proc.kill()
    out, _ = proc.communicate(timeout=10)
    return str(out)[-3000:]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    return make_project(root, FILES)


@pytest.fixture
def served(project: Path) -> Iterator[str]:
    """``mkdocs serve`` of the project on a free port of 127.0.0.1; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [
            *GENERATOR_COMMAND,
            "serve",
            "--config-file",
            str(project / "mkdocs.yml"),
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=project,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, so the test can stop all of it
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: _get(base + "help/") is not None, STARTUP_SECONDS, "the site", proc)
        yield base
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def findings(page: Any) -> list[dict[str, str]]:
    """Each finding in the panel's list for the page, as the reader sees it."""
    rows: list[dict[str, str]] = page.eval_on_selector_all(
        f"{PANEL} .sendqa-preview__item",
        """items => items.map(li => ({
            where: (li.querySelector('.sendqa-preview__where') || {}).innerText || '',
            label: li.querySelector('.sendqa-preview__label').innerText,
            message: li.querySelector('.sendqa-preview__message').innerText,
            fix: (li.querySelector('.sendqa-preview__fix') || {}).innerText || '',
        }))""",
    )
    return rows


def test_panel_shows_the_pages_findings_under_serve(page: Any, served: str, project: Path) -> None:
    # A clean page says so.
    page.goto(served + "clean/")
    region = page.get_by_role("region", name="Checks for this page")
    region.wait_for()
    assert "No problems found on this page." in region.inner_text()
    assert findings(page) == []

    page.goto(served + "help/")
    region = page.get_by_role("region", name="Checks for this page")
    region.wait_for()
    assert region.is_visible()
    # At the top of the page, above the title.
    assert page.evaluate(
        f"() => document.querySelector('article {PANEL}').compareDocumentPosition("
        "document.querySelector('article h1')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    rows = findings(page)
    by_line = {(r["where"], r["message"]) for r in rows}
    assert ("Line 8", "'EHCP' is used before it is spelled out on this page.") in by_line
    assert ("Line 10", "'utilise' is on the GOV.UK list of words to avoid.") in by_line
    # MkDocs' own check of links between pages, found after the page was written.
    assert any(r["where"] == "Line 12" and "travel-policy.md" in r["message"] for r in rows)
    ehcp = next(r for r in rows if "EHCP" in r["message"])
    assert ehcp["label"].upper() == "PROBLEM"
    assert ehcp["fix"] == (
        "What to do: Write 'Education, Health and Care plan (EHCP)' the first time."
    )
    summary = region.locator(".sendqa-preview__summary").inner_text()
    assert summary.startswith(f"{len(rows)} problems on this page.")
    assert "content/help.md" in summary
    # Finding text is shown as text: the page's own markup in it is never run or rendered.
    assert page.locator(f"{PANEL} b").count() == 0
    screenshot(page, "preview-panel")

    # The panel passes WCAG 2.2 AA checks of its own.
    page.add_script_tag(path=str(axe_js()))
    result = page.evaluate(
        """async ([selector, tags]) => await axe.run(selector, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        [PANEL, WCAG_TAGS],
    )
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)

    # The editor fixes the acronym and saves: serve rebuilds, the open page reloads itself
    # (MkDocs' live reload) and the panel no longer lists it.
    help_md = project / "content" / "help.md"
    help_md.write_text(
        HELP.replace("an EHCP", "an Education, Health and Care plan (EHCP)"), encoding="utf-8"
    )
    items = page.locator(f"{PANEL} .sendqa-preview__item")
    timeout = STARTUP_SECONDS * 1000
    expect(items.filter(has_text="EHCP")).to_have_count(0, timeout=timeout)
    expect(items.filter(has_text="utilise")).to_have_count(1, timeout=timeout)
    expect(page.locator(f"{PANEL} .sendqa-preview__summary")).to_contain_text(
        f"{len(rows) - 1} problems on this page.", timeout=timeout
    )


def test_no_panel_in_mkdocs_build_output(
    page: Any, project: Path, serve: Callable[[Path], str]
) -> None:
    done = subprocess.run(
        [*GENERATOR_COMMAND, "build", "--config-file", str(project / "mkdocs.yml")],
        cwd=project,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=STARTUP_SECONDS,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "content/help.md:8: 'EHCP' is used before it is spelled out" in done.stderr
    site = project / "site"
    for html in site.rglob("*.html"):
        assert "sendqa-preview" not in html.read_text(encoding="utf-8"), html
    page.goto(serve(site) + "help/")
    page.locator("article h1").wait_for()
    assert page.locator(PANEL).count() == 0
    assert page.get_by_role("region", name="Checks for this page").count() == 0
