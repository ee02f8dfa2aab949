"""HTTP servers on 50 loopback addresses (127.0.0.2 to 127.0.0.51), standing in for the many
websites a Local Offer links to.

On Linux all of 127.0.0.0/8 is loopback, so each address is a separate "site" without any
network set-up. Each host answers the paths the generator gave it (200, a 301 redirect, or 404)
and 404 for anything else, with a permissive ``robots.txt``; HEAD and GET both work.

    python -m bench.servers /tmp/sendqa-bench/site-1000/bench-manifest.json   # Ctrl+C to stop
"""

from __future__ import annotations

import argparse
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

from bench.generate import Manifest

Routes = dict[str, tuple[int, str]]
"""path -> (status, redirect location)."""

ROBOTS = b"User-agent: *\nAllow: /\n"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "bench-site/1.0"
    routes: ClassVar[Routes] = {}
    delay = 0.0

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, *, body: bool) -> None:
        if self.delay:
            time.sleep(self.delay)
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        status, location = self.routes.get(path, (404, ""))
        if path == "/robots.txt":
            status, payload, kind = 200, ROBOTS, "text/plain"
        else:
            title = "Page not found" if status == 404 else f"Page {path}"
            payload = f"<!doctype html><title>{title}</title><h1>{title}</h1>".encode()
            kind = "text/html; charset=utf-8"
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if body:
            self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: thousands of requests would drown the benchmark's own output."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet: clients that hang up early (LinkChecker after a HEAD) are not errors here."""


@contextmanager
def loopback_sites(
    hosts: dict[str, Routes], port: int, *, delay: float = 0.0
) -> Iterator[list[str]]:
    """Serve every host on ``port`` of its own loopback address while the block runs.

    Args:
        hosts: ``address -> path -> (status, location)``, as ``Manifest.hosts()`` gives.
        port: the same port on every address (the URLs in the content name it).
        delay: seconds each answer waits, to imitate a slower network.

    Yields:
        The base URLs served.
    """
    servers: list[_Server] = []
    try:
        for address, routes in hosts.items():
            handler = type("Handler", (_Handler,), {"routes": routes, "delay": delay})
            server = _Server((address, port), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers.append(server)
        yield [f"http://{address}:{port}/" for address in hosts]
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("manifest", type=Path)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    manifest = Manifest.load(args.manifest)
    with loopback_sites(manifest.hosts(), manifest.port, delay=args.delay) as urls:
        print(f"serving {len(urls)} sites, {urls[0]} to {urls[-1]}; Ctrl+C to stop")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
