"""The browser editor (Decap CMS, ``sendqa/editor``) driven in real Chromium against its local
proxy (``decap-server`` on 127.0.0.1), as an editor who never touches git would use it: create a
service page through the form, edit a page, mark a page as reviewed. Each saved file must pass
``sendqa check``, and an edit must change only what was edited."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.browser.conftest import screenshot
from tests.conftest import ROOT, TODAY, make_project, run_build

pytestmark = pytest.mark.browser

DIST = ROOT / "editor" / "node_modules" / "decap-cms" / "dist"
PROXY = ROOT / "editor" / "node_modules" / "decap-server" / "dist" / "index.js"
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text.split("---\n", 2)[1])
    assert isinstance(data, dict)
    return data


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2].strip()


class Editor:
    """The built site with the editor switched on, served, and the local proxy running."""

    def __init__(self, root: Path, url: str) -> None:
        self.root = root
        self.url = url

    def open(self, page: Any, fragment: str) -> None:
        page.goto(self.url + "admin/")
        page.get_by_role("button", name="Login").click()
        page.goto(self.url + "admin/#/collections/" + fragment)
        page.get_by_role("button", name="Mark as reviewed today").wait_for(timeout=30_000)

    def publish(self, page: Any) -> None:
        page.get_by_role("button", name="Publish").first.click()
        page.get_by_text("Publish now").click()
        page.get_by_text("Changes saved").wait_for(timeout=30_000)


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    if not (DIST / "decap-cms.js").is_file() or not PROXY.is_file():
        pytest.skip("the browser editor is not installed: run 'make editor-deps'")
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("Node.js is not installed, so the editor's local proxy cannot run")
    root = tmp_path_factory.mktemp("editor")
    content = ROOT / "content"
    files = {
        str(p.relative_to(content)): p.read_text(encoding="utf-8")
        for p in sorted(content.rglob("*.md"))
    }
    make_project(root, files)
    port = free_port()
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    for i, plugin in enumerate(config["plugins"]):
        if isinstance(plugin, dict) and "sendqa/editor" in plugin:
            config["plugins"][i] = {
                "sendqa/editor": {
                    "enabled": True,
                    "repo": "wyvernshire/local-offer",
                    "local_port": port,
                    "files": str(DIST),
                }
            }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    old = {k: os.environ.get(k) for k in ("SENDQA_TODAY", "SENDQA_EXTERNAL_LINKS")}
    os.environ.update(SENDQA_TODAY=TODAY, SENDQA_EXTERNAL_LINKS="false")
    try:
        site = run_build(root)
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    assert site.aborted is None
    assert (site.site_dir / "admin" / "config.yml").is_file()

    from tests.browser.conftest import serve_directory

    url, server = serve_directory(site.site_dir)
    proxy = subprocess.Popen(
        [node, str(PROXY)],
        env={
            **os.environ,
            "PORT": str(port),
            "BIND_HOST": "127.0.0.1",
            "MODE": "fs",
            "GIT_REPO_DIRECTORY": str(root),
            "LOG_LEVEL": "info",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proxy.poll() is not None:
                    pytest.fail(
                        f"decap-server stopped: {proxy.stdout.read() if proxy.stdout else ''}"
                    )
                time.sleep(0.2)
        else:
            pytest.fail("decap-server did not start")
        yield Editor(root, url)
    finally:
        os.killpg(proxy.pid, signal.SIGTERM)
        proxy.wait(timeout=30)
        server.shutdown()
        server.server_close()


def check(root: Path, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sendqa_build.cli", "check", str(path.relative_to(root))],
        cwd=root,
        env={**os.environ, "SENDQA_TODAY": TODAY, "SENDQA_EXTERNAL_LINKS": "false"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_create_a_service_page_through_the_form(editor: Editor, page: Any) -> None:
    editor.open(page, "services-early-years-service/new")
    page.get_by_label("Title", exact=True).fill("Stay and play for little ones")
    page.get_by_label("Summary").fill(
        "Friendly play sessions for young children with special educational needs."
    )
    page.get_by_label("Owner").fill("Early Years SEND Team")
    page.get_by_role("button", name="Mark as reviewed today").click()
    page.get_by_label("Provider").fill("Wyvernshire Council")
    page.get_by_label("Minimum age").fill("0")
    page.get_by_label("Maximum age").fill("5")
    for choice in ("communication", "sensory"):
        page.get_by_label("Needs").fill(choice)
        page.keyboard.press("Enter")
    page.get_by_label("Area").fill("local")
    page.keyboard.press("Enter")
    page.get_by_label("Eligibility").fill("Open to all families with a child under five.")
    page.get_by_label("How to access").fill("Come to any session. You do not need a referral.")
    page.get_by_label("Cost").fill("Free")
    page.get_by_label("Phone (optional)").fill("01632 960 555")
    page.get_by_label("Title", exact=True).scroll_into_view_if_needed()
    page.mouse.wheel(0, -400)  # the top of the form, as an editor first sees it
    screenshot(page, "editor-form")
    editor.publish(page)

    saved = editor.root / "content/services/early-years/stay-and-play-for-little-ones.md"
    assert saved.is_file()
    data = front_matter(saved)
    assert data == {
        "title": "Stay and play for little ones",
        "summary": "Friendly play sessions for young children with special educational needs.",
        "type": "service",
        "owner": "Early Years SEND Team",
        "last_reviewed_on": dt.date(2026, 12, 1),
        "provider": "Wyvernshire Council",
        "minimum_age": 0,
        "maximum_age": 5,
        "needs": ["communication-and-interaction", "sensory-and-physical"],
        "area": "local",
        "eligibility": "Open to all families with a child under five.",
        "how_to_access": "Come to any session. You do not need a referral.",
        "cost": "Free",
        "contact": {"phone": "01632 960 555"},
        "status": "active",
    }
    assert body(saved).startswith("## What the service offers")
    done = check(editor.root, saved)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""


def test_edit_changes_only_the_edited_field(editor: Editor, page: Any) -> None:
    path = editor.root / "content/services/early-years/portage-home-visiting.md"
    before, text_before = front_matter(path), body(path)
    editor.open(page, "services-early-years-service/entries/portage-home-visiting")
    summary = "Home visits that help families of young children with complex needs learn."
    page.get_by_label("Summary").fill(summary)
    editor.publish(page)
    after = front_matter(path)
    assert after == {**before, "summary": summary}
    assert body(path) == text_before
    done = check(editor.root, path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mark_as_reviewed(editor: Editor, page: Any) -> None:
    path = editor.root / "content/services/health/speech-and-language-therapy.md"
    if not path.is_file():  # the sample's name for it may change; any service page will do
        path = sorted((editor.root / "content/services/health").glob("*.md"))[0]
    before = front_matter(path)
    assert before["last_reviewed_on"] != dt.date(2026, 12, 1)
    editor.open(page, f"services-health-service/entries/{path.stem}")
    page.get_by_role("button", name="Mark as reviewed today").click()
    page.get_by_label("Checked by (optional)").fill("Sam O'Neil")
    page.get_by_label("Owner").scroll_into_view_if_needed()
    screenshot(page, "editor-mark-as-reviewed")
    editor.publish(page)
    after = front_matter(path)
    assert after == {
        **before,
        "last_reviewed_on": dt.date(2026, 12, 1),
        "reviewed_by": "Sam O'Neil",
    }


def test_opening_times_and_places_keep_their_shape(editor: Editor, page: Any) -> None:
    """Times are written as one line or a list; places hold several fields. Editing the times
    to two lines saves a list the checks read; the places are kept as they were."""
    folder = editor.root / "content/services/health"
    path = next(
        p
        for p in sorted(folder.glob("*.md"))
        if "locations" in front_matter(p) and "times" in front_matter(p)
    )
    before = front_matter(path)
    assert isinstance(before["times"], str)
    editor.open(page, f"services-health-service/entries/{path.stem}")
    times = page.get_by_label("Times (optional)")
    assert times.input_value() == before["times"]
    times.fill("Monday to Friday, 9am to 5pm\nSaturdays, 10am to 1pm (term time only)")
    editor.publish(page)
    after = front_matter(path)
    assert after == {
        **before,
        "times": ["Monday to Friday, 9am to 5pm", "Saturdays, 10am to 1pm (term time only)"],
    }
    done = check(editor.root, path)
    assert done.returncode == 0, done.stdout + done.stderr
