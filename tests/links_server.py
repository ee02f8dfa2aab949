"""A local web server for the link tests: every kind of answer a real site gives, counted.

It listens on 127.0.0.x only, so the tests never reach the internet.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 4
"""How long ``/slow`` takes to answer (longer than the tests' one-second timeout)."""

_ROUTES: dict[str, tuple[int, dict[str, str]]] = {
    "/missing": (404, {}),
    "/gone": (410, {}),
    "/busy": (429, {"Retry-After": "120"}),
    "/fault": (500, {}),
    "/forbidden": (403, {}),
    "/moved": (301, {"Location": "/new-home"}),
    "/moved-twice": (308, {"Location": "/moved-then-temporary"}),
    "/moved-then-temporary": (302, {"Location": "/login"}),
    "/temporary": (302, {"Location": "/elsewhere"}),
    "/moved-to-missing": (301, {"Location": "/missing"}),
    "/loop": (301, {"Location": "/loop"}),
}


@dataclass
class LinkServer:
    """A running server: its base address and how often each path was asked for."""

    base: str
    requests: Counter[str] = field(default_factory=Counter)

    def url(self, path: str) -> str:
        """The full address of ``path`` on this server."""
        return self.base + path

    @property
    def total(self) -> int:
        """Requests so far, all paths together."""
        return sum(self.requests.values())


def _handler(server: LinkServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            server.requests[path] += 1
            if path == "/slow":
                time.sleep(SLOW_SECONDS)
            status, headers = _ROUTES.get(path, (200, {"Content-Type": "text/html"}))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            body = b"<!doctype html><title>ok</title><p id='top'>ok</p>" if status == 200 else b""
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the checker gave up waiting
                self.wfile.write(body)

        do_HEAD = do_GET

        def log_message(self, format: str, *args: object) -> None:
            """Keep the test output quiet."""

    return Handler


@contextmanager
def serve(host: str = "127.0.0.1") -> Iterator[LinkServer]:
    """Run a LinkServer on ``host`` (a free port) for the length of the ``with`` block."""
    state = LinkServer(base="")
    httpd = ThreadingHTTPServer((host, 0), _handler(state))
    httpd.daemon_threads = True
    state.base = f"http://{host}:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


def closed_port(host: str = "127.0.0.1") -> int:
    """A port on ``host`` that nothing listens on (connections are refused)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])
