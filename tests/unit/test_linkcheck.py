"""Running the real LinkChecker against a local server, and reading its CSV output."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sendqa_build.core.linkcheck import (
    LinkcheckError,
    LinkcheckSettings,
    config_text,
    diagnose,
    host_groups,
    interleave_hosts,
    is_online,
    parse_csv,
    run_linkchecker,
)
from sendqa_build.core.links import CheckResult
from tests.links_server import LinkServer, closed_port, serve

FAST = LinkcheckSettings(timeout=1, budget=30, threads=4)

CSV = """\
# created by LinkChecker at 2026-11-29 21:37:34+000
# Read the documentation at https://linkchecker.github.io/linkchecker/
urlname;parentname;base;result;warningstring;infostring;valid;url;line;column;name;dltime;size;checktime;cached;level;modified
http://h/410;;;410 Gone;;;False;http://h/410;;-1;-1;0.004;0;0;
http://h/429;;;429 Too Many Requests;Rate limited (Retry-After: None);;True;http://h/429;;-1;-1;0.3;0;0;
http://h/moved;;;200 OK;"Redirected to `http://h/a' status: 301 Moved Permanently.
Redirected to `http://h/b' status: 302 Found.";;True;http://h/b;;-1;-1;0.7;0;0;
http://x.invalid/;;;"ConnectionError: (Caused by NameResolutionError(""HTTPConnection(host='x.invalid', port=80): Failed to resolve 'x.invalid'"")...";;;False;http://x.invalid/;;-1;-1;2.0;0;0;
# Stopped checking at 2026-11-29 21:37:39+000 (4 seconds)
"""  # noqa: E501


def test_parse_csv() -> None:
    results = parse_csv("WARNING linkcheck.check ... dropping privileges\n" + CSV)
    assert results == {
        "http://h/410": CheckResult("http://h/410", "410 Gone", False, ()),
        "http://h/429": CheckResult(
            "http://h/429", "429 Too Many Requests", True, ("Rate limited (Retry-After: None)",)
        ),
        "http://h/moved": CheckResult(
            "http://h/moved",
            "200 OK",
            True,
            (
                "Redirected to `http://h/a' status: 301 Moved Permanently.",
                "Redirected to `http://h/b' status: 302 Found.",
            ),
        ),
        "http://x.invalid/": CheckResult(
            "http://x.invalid/",
            "ConnectionError: (Caused by NameResolutionError(\"HTTPConnection(host='x.invalid', "
            "port=80): Failed to resolve 'x.invalid'\")...",
            False,
            (),
        ),
    }


def test_parse_csv_without_results() -> None:
    assert parse_csv("") == {}
    assert parse_csv("Traceback (most recent call last):\n  boom\n") == {}


def test_config_limits_the_run() -> None:
    text = config_text(LinkcheckSettings(timeout=7, budget=90, threads=3))
    for line in ("threads=3", "timeout=7", "maxrunseconds=90", "recursionlevel=0", "robotstxt=0"):
        assert line in text.splitlines()


@pytest.fixture
def server() -> Iterator[LinkServer]:
    with serve() as running:
        yield running


def test_real_linkchecker_checks_exactly_the_given_addresses(server: LinkServer) -> None:
    refused = f"http://127.0.0.1:{closed_port()}/"
    given = [
        server.url("/ok"),
        server.url("/moved"),
        server.url("/missing"),
        server.url("/busy"),
        server.url("/slow"),
        server.url("/loop"),
        server.url("/ok/caf%C3%A9"),
        refused,
    ]
    results = run_linkchecker([*given, server.url("/ok")], FAST)
    assert sorted(results) == sorted(given)
    assert results[server.url("/ok")].result == "200 OK"
    assert results[server.url("/missing")].result == "404 Not Found"
    assert results[server.url("/busy")].result.startswith("429")
    assert "timed out" in results[server.url("/slow")].result.lower()
    assert results[server.url("/loop")].result.startswith("TooManyRedirects")
    assert results[refused].result.startswith("ConnectionError")
    assert results[server.url("/moved")].warnings == (
        f"Redirected to `{server.url('/new-home')}' status: 301 Moved Permanently.",
    )
    # No crawling: only the given addresses (and the redirect target) were asked for.
    assert server.requests["/ok"] == 1
    assert server.requests["/new-home"] == 1
    assert server.requests["/robots.txt"] == 0


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs to run as root, like CI"
)
def test_works_as_root_after_dropping_to_nobody(
    server: LinkServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root LinkChecker switches to 'nobody'; with Python itself under /root (mode 700) an
    international address used to crash it (the codec could no longer be imported). The local
    server acts as the proxy, so the made-up host is never looked up."""
    for name in ("no_proxy", "NO_PROXY", "HTTP_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", server.base)
    idn = "http://café.wyvernshire.test/ok"
    results = run_linkchecker([idn], FAST)
    assert results[idn].result == "200 OK"
    assert server.requests["http://xn--caf-dma.wyvernshire.test/ok"] == 1


def test_missing_python_is_a_clear_error() -> None:
    with pytest.raises(LinkcheckError, match="cannot start Python"):
        run_linkchecker(["http://127.0.0.1:1/"], FAST, python="/nonexistent/python")


def test_linkchecker_not_installed_is_a_clear_error(tmp_path: Path) -> None:
    bare = tmp_path / "python-without-packages"
    bare.write_text(f'#!/bin/sh\nexec "{sys.executable}" -S "$@"\n', encoding="utf-8")
    bare.chmod(0o755)
    with pytest.raises(LinkcheckError, match="not installed; install it with: pip install"):
        run_linkchecker(["http://127.0.0.1:1/"], FAST, python=str(bare))


def test_nothing_to_check_runs_nothing() -> None:
    assert run_linkchecker([], FAST, python="/nonexistent/python") == {}


def test_diagnose_a_cut_short_connection_error(server: LinkServer) -> None:
    assert diagnose(f"http://127.0.0.1:{closed_port()}/a/long/path") == "refused"
    assert diagnose(server.url("/ok")) is None
    assert diagnose("http://") is None


def test_connectivity_probe(server: LinkServer) -> None:
    assert is_online(server.url("/ok"), timeout=2)
    assert is_online(server.url("/moved"), timeout=2)
    assert not is_online(server.url("/forbidden"), timeout=2)  # a proxy refusing us
    assert not is_online(f"http://127.0.0.1:{closed_port()}/", timeout=2)
    assert not is_online("not an address", timeout=2)


def test_host_groups_keep_each_host_together() -> None:
    urls = [f"https://a.org/{n}" for n in range(5)] + [
        "https://b.org/1",
        "https://b.org/2",
        "https://c.org/",
        "https://A.org/0",
    ]
    groups = host_groups(urls, 2)
    assert groups == [
        ["https://A.org/0"] + [f"https://a.org/{n}" for n in range(5)],
        ["https://b.org/1", "https://b.org/2", "https://c.org/"],
    ]
    assert host_groups(urls, 10) == [
        ["https://A.org/0"] + [f"https://a.org/{n}" for n in range(5)],
        ["https://b.org/1", "https://b.org/2"],
        ["https://c.org/"],
    ]
    assert host_groups([], 4) == []


def test_interleave_hosts_takes_one_address_of_each_host_in_turn() -> None:
    """LinkChecker waits between requests to one host, so it gets them spread out."""
    urls = [
        "https://a.org/1",
        "https://a.org/2",
        "https://a.org/3",
        "https://b.org/1",
        "https://C.org/1",
        "https://c.org/2",
    ]
    assert interleave_hosts(urls) == [
        "https://a.org/1",
        "https://b.org/1",
        "https://C.org/1",
        "https://a.org/2",
        "https://c.org/2",
        "https://a.org/3",
    ]
    assert interleave_hosts([]) == []
