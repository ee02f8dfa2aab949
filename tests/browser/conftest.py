"""Real headless Chromium (Debian's package) driven by Playwright, and a local HTTP server.

The browser tests are skipped, with the reason, only where Chromium cannot be installed
(`make test` installs it with tools/install-browser.sh where the machine allows).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
"""Screenshots written by the browser tests, for a person to look at (git-ignored)."""

READER_NOW = "2026-12-01T12:00:00"
"""The reader's date and time in every tab: the tests' SENDQA_TODAY, at noon."""

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    """Debian's Chromium, if installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium shared by the session's browser tests."""
    path = chromium_path()
    if path is None:
        pytest.skip("Chromium is not installed (tools/install-browser.sh could not install it)")
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="sendqa-chromium-")
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser tab (1280 x 900) that only talks to 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def _guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "about:", "blob:")):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", _guard)
    tab = context.new_page()
    # The reader's clock starts at the tests' reference date, so no browser test depends on
    # the real date (the out-of-date notice compares it with each page's review-by date).
    tab.clock.set_system_time(READER_NOW)
    try:
        yield tab
    finally:
        context.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output clean."""


def serve_directory(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``directory`` on 127.0.0.1 at a free port; returns the base URL and the server."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture
def serve() -> Iterator[Any]:
    """``serve(path) -> base URL``: serve a built site on 127.0.0.1 for the test."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def _serve(directory: Path) -> str:
        url, server = serve_directory(directory)
        servers.append(server)
        return url

    yield _serve
    for server in servers:
        server.shutdown()
        server.server_close()


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot to tests/artifacts/screenshots/<name>.png."""
    path = ARTIFACTS / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path
