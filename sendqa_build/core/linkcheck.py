"""Running the real LinkChecker over a list of addresses, and reading what it says.

LinkChecker has no Python API, so it runs as a subprocess: the unique addresses go in on stdin
(``--stdin -r0``: check exactly these, crawl nothing), the results come out as CSV on stdout.

Running as root (as CI does), LinkChecker switches to the user ``nobody`` before it checks
anything. From then on it cannot read files under ``/root`` (mode 700), where CI often keeps the
checkout, the virtual environment or even Python itself. So: nothing is passed as a file it must
read after the switch except a world-readable copy of the CA certificates; its working folder is
a world-readable temporary folder; and the start-up code imports, while still root, the modules
LinkChecker would otherwise load later (text codecs for international addresses, its checkers).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sendqa_build.core.links import CheckResult

_CSV_FIELDS = ("urlname", "result", "warningstring", "valid")

# Imported before LinkChecker drops root: modules it loads lazily, which Python cannot read any
# more once it runs as 'nobody' when the interpreter or the venv lives under /root.
_PRELUDE = """\
import importlib, pkgutil, sys
# Soup Sieve (CSS selectors, which LinkChecker never uses and does without) compiles its
# patterns when imported: about 0.06 s of CPU time in each LinkChecker process.
sys.modules["soupsieve"] = None
for name in ("encodings.idna", "encodings.punycode", "encodings.ascii", "encodings.latin_1",
             "encodings.cp1252", "encodings.utf_8", "stringprep", "unicodedata", "ssl",
             "http.cookiejar", "email.parser"):
    importlib.import_module(name)
import linkcheck
for info in pkgutil.walk_packages(linkcheck.__path__, "linkcheck."):
    if ".gui" in info.name or info.name.endswith("__main__"):
        continue
    try:
        importlib.import_module(info.name)
    except Exception:
        pass
from linkcheck.command.linkchecker import linkchecker
sys.argv[0] = "linkchecker"
sys.exit(linkchecker())
"""


class LinkcheckError(Exception):
    """LinkChecker could not run at all (not installed, or it crashed before checking)."""


@dataclass(frozen=True)
class LinkcheckSettings:
    """Limits for one run."""

    timeout: int = 10
    """Seconds to wait for one site to connect or answer."""
    budget: int = 300
    """Seconds for the whole run; addresses not checked by then are reported as unverified."""
    threads: int = 10
    """Addresses checked at the same time (each host is still asked at most a few times a
    second)."""
    processes: int = 2
    """LinkChecker runs side by side, each with its own share of the hosts. One LinkChecker
    waits between requests to a host while holding a lock all its threads share, so in effect
    it checks one address at a time; a second process checks other hosts meanwhile. Each costs
    about 0.5 s of CPU time to start. 500 addresses on 50 hosts answering in 0.2 s: one
    process 12.0 s, two 7.2 s, four 6.8 s (and 0.8 s more CPU time than two)."""
    user_agent: str = "Mozilla/5.0 (compatible; sendqa link check)"
    """Sent to each site; some sites refuse requests that do not look like a browser's."""


def config_text(settings: LinkcheckSettings) -> str:
    """LinkChecker's configuration file for a run (read while still root)."""
    return (
        "[checking]\n"
        f"threads={settings.threads}\n"
        f"timeout={settings.timeout}\n"
        f"maxrunseconds={settings.budget}\n"
        f"aborttimeout={max(1, settings.timeout)}\n"
        "recursionlevel=0\n"
        # Only web addresses: LinkChecker reads an address without a scheme as a local file.
        # (It follows at most 10 redirects, its fixed maxhttpredirects.)
        "allowedschemes=http,https\n"
        "robotstxt=0\n"
        f"useragent={settings.user_agent}\n"
        "[output]\n"
        "status=0\n"
        "verbose=1\n"
        "warnings=1\n"
    )


def command(config: Path, settings: LinkcheckSettings, python: str | None = None) -> list[str]:
    """The LinkChecker command line (the tool itself, started through a short prelude)."""
    return [
        python or sys.executable,
        "-c",
        _PRELUDE,
        "--config",
        str(config),
        "--stdin",
        "--check-extern",
        "--recursion-level",
        "0",
        "--no-robots",
        "--no-status",
        "--verbose",
        "--output",
        "csv/utf-8",
        "--timeout",
        str(settings.timeout),
        "--threads",
        str(settings.threads),
    ]


def parse_csv(text: str) -> dict[str, CheckResult]:
    """Results by address from LinkChecker's ``-o csv`` output (``;`` separated, ``#`` comments,
    log lines from stderr ignored)."""
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    header_at = next((i for i, line in enumerate(rows) if line.startswith("urlname;")), None)
    if header_at is None:
        return {}
    reader = csv.DictReader(io.StringIO("\n".join(rows[header_at:])), delimiter=";")
    results: dict[str, CheckResult] = {}
    for row in reader:
        if not row.get("urlname") or any(row.get(key) is None for key in _CSV_FIELDS):
            continue
        warnings = tuple(w for w in (row["warningstring"] or "").split("\n") if w)
        results[row["urlname"]] = CheckResult(
            url=row["urlname"],
            result=row["result"] or "",
            valid=row["valid"] == "True",
            warnings=warnings,
        )
    return results


def _readable_ca_bundle(folder: Path) -> Path | None:
    """A world-readable copy of the CA certificates, for use after LinkChecker drops root."""
    source = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("SSL_CERT_FILE")
    if not source:
        try:
            import certifi

            source = certifi.where()
        except ImportError:
            return None
    if not Path(source).is_file():
        return None
    target = folder / "ca-bundle.pem"
    shutil.copyfile(source, target)
    target.chmod(0o644)
    return target


def host_groups(urls: Iterable[str], count: int) -> list[list[str]]:
    """Split addresses into at most ``count`` groups, all of a host's addresses in one group
    (so each host is still asked politely), groups as even as possible."""
    by_host: dict[str, list[str]] = {}
    for url in sorted(set(urls)):
        by_host.setdefault(urlsplit(url).netloc.lower(), []).append(url)
    groups: list[list[str]] = [[] for _ in range(max(1, min(count, len(by_host))))]
    for host in sorted(by_host, key=lambda h: (-len(by_host[h]), h)):
        min(groups, key=len).extend(by_host[host])
    return [group for group in groups if group]


def interleave_hosts(urls: Iterable[str]) -> list[str]:
    """The addresses in round-robin order of their hosts (a1, b1, c1, a2, b2, ...).

    LinkChecker waits between two requests to the same host; given all of a host's addresses
    one after another it waits before nearly every one (500 addresses on 50 hosts: 43 s), while
    in this order its threads keep busy with other hosts (7.5 s, the same results).
    """
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(urlsplit(url).netloc.lower(), []).append(url)
    queues = list(by_host.values())
    return [
        queue[n]
        for n in range(max(map(len, queues), default=0))
        for queue in queues
        if n < len(queue)
    ]


def run_linkchecker(
    urls: Iterable[str], settings: LinkcheckSettings, *, python: str | None = None
) -> dict[str, CheckResult]:
    """Check each address once with LinkChecker and return its result by address.

    Addresses missing from the answer were not checked in time (the budget ran out).

    Raises:
        LinkcheckError: when LinkChecker is missing or fails before checking anything.
    """
    groups = host_groups(urls, settings.processes)
    if not groups:
        return {}
    results: dict[str, CheckResult] = {}
    with ThreadPoolExecutor(max_workers=len(groups)) as pool:
        for part in pool.map(lambda group: _run_one(group, settings, python), groups):
            results.update(part)
    return results


def _run_one(
    todo: list[str], settings: LinkcheckSettings, python: str | None
) -> dict[str, CheckResult]:
    """One LinkChecker process over ``todo``."""
    with tempfile.TemporaryDirectory(prefix="sendqa-links-") as tmp:
        folder = Path(tmp)
        folder.chmod(0o755)  # LinkChecker works in here after it becomes 'nobody'
        config = folder / "linkcheckerrc"
        text = config_text(settings)
        if os.name == "posix" and os.geteuid() == 0:
            bundle = _readable_ca_bundle(folder)
            if bundle is not None:
                text = text.replace("[output]", f"sslverify={bundle}\n[output]")
        config.write_text(text, encoding="utf-8")
        config.chmod(0o644)
        env = {
            **os.environ,
            "XDG_CONFIG_HOME": tmp,  # never read or write the user's own LinkChecker files
            "XDG_DATA_HOME": tmp,
            "PYTHONIOENCODING": "utf-8",
            "PYTHONUNBUFFERED": "1",  # results written so far survive a hard stop
        }
        try:
            proc = subprocess.run(
                command(config, settings, python),
                input="\n".join(interleave_hosts(todo)) + "\n",
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                cwd=tmp,
                env=env,
                timeout=settings.budget + settings.timeout + 30,
                check=False,
            )
        except FileNotFoundError as exc:
            raise LinkcheckError(f"cannot start Python to run LinkChecker ({exc})") from exc
        except subprocess.TimeoutExpired as exc:
            out = exc.stdout or ""
            return parse_csv(out.decode("utf-8", "replace") if isinstance(out, bytes) else out)
    if "urlname;" in proc.stdout:
        return parse_csv(proc.stdout)
    if "No module named 'linkcheck'" in proc.stderr:
        raise LinkcheckError(
            "LinkChecker is not installed; install it with: pip install 'linkchecker>=10.5'"
        )
    last = [line for line in proc.stderr.strip().splitlines() if line.strip()]
    detail = last[-1] if last else f"exit code {proc.returncode}"
    raise LinkcheckError(f"LinkChecker stopped without checking anything ({detail})")


def diagnose(url: str, timeout: float = 5) -> str | None:
    """A second look at a connection failure LinkChecker reported in cut-short words (it keeps
    240 characters, so a long address hides the cause): ``dns`` when the host name does not
    exist, ``refused`` when nothing listens on the port, else None."""
    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        return None
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return "dns"
    except (OSError, ValueError, UnicodeError):
        return None
    for family, kind, proto, _, address in addresses[:1]:
        try:
            with socket.socket(family, kind, proto) as sock:
                sock.settimeout(timeout)
                sock.connect(address)
        except ConnectionRefusedError:
            return "refused"
        except OSError:
            return None
    return None


def is_online(probe_url: str, timeout: float = 5) -> bool:
    """True when ``probe_url`` answers with a success or a redirect: there is a way out to the
    internet. A proxy or firewall that refuses the request counts as no internet."""
    # Imported here: a build whose links are all known from the last one never asks, and the
    # web client with its SSL support takes about 0.02 s to load.
    import urllib.error
    import urllib.request

    try:
        request = urllib.request.Request(
            probe_url, method="GET", headers={"User-Agent": LinkcheckSettings.user_agent}
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return 200 <= int(response.status) < 400
    except urllib.error.HTTPError:
        return False
    except (OSError, ValueError):
        return False
