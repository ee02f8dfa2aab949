"""The benchmark: what sendqa's checks cost on top of a plain MkDocs build, side by side.

For each size (1,000 and 5,000 pages by default) it generates a synthetic Local Offer
(``bench/generate.py``), serves its external links from 50 loopback hosts (``bench/servers.py``)
and measures, each in its own process:

- plain build: the same ``mkdocs.yml`` without the sendqa plugins;
- full build with every check, cold (no ``.sendqa-cache/``), then warm (the next build);
- ``mkdocs serve``: the real command, timing the rebuild after one page is edited;
- ``linkchecker`` crawling the built site, as a user would without this project;

then prints wall time, CPU time, peak memory, output size and ratios to the plain build, compares
the broken links each approach found with the generator's truth, checks the targets of issue 10
and writes ``bench/RESULTS.md``.

    make bench                        # or: .venv/bin/python -m bench.run
    .venv/bin/python -m bench.run --sizes 1000 --crawl-sizes 1000 --serve-sizes ''
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import csv
import datetime as dt
import io
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from bench.generate import HOSTS, TODAY, Manifest, generate
from bench.servers import loopback_sites

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CACHE_DIRS = (".sendqa-cache",)
"""Folders beside mkdocs.yml that hold the link results and each check's page results of the
last build (removed for a cold build)."""
OWN_SITE = "localoffer.wyvernshire.example.org"
"""The sample's site_url host: full addresses into the site itself are internal links."""
QUOTED_URL = re.compile(r"'([^'\s]+)'")
CRAWL_IGNORE = (
    r"^(mailto|tel|dns):",  # cannot be checked by fetching
    r"^https?://fonts\.(googleapis|gstatic)\.com",  # the theme's web fonts, not content
    r"^https?://squidfunk\.github\.io/",  # the theme's "Made with Material" footer link
    # The same reserved example domains checks/links.yml ignores (the sample content uses them)
    r"^https?://([^/]*\.)?(example|test|invalid|localhost)(:\d+)?(/|$)",
    r"^https?://([^/]*\.)?example\.(org|com|net)(:\d+)?(/|$)",
)
"""What the crawl ignores, as a user would set it up: what sendqa's links.yml ignores too."""
DOC_FILE = re.compile(
    r"^Doc file '(?P<page>[^']+)' contains (?:a|an [a-z ]+) link '(?P<link>[^']*)'"
)
"""MkDocs' own warning about a link to a missing page."""


@dataclass
class Run:
    """One measured process."""

    name: str
    wall: float
    cpu: float
    peak_kb: int
    output_bytes: int = 0
    report_bytes: int = 0
    note: str = ""
    external: set[str] = field(default_factory=set)
    internal: set[tuple[str, str]] = field(default_factory=set)
    other_reports: int = 0
    """Link problems reported that are not broken links in the content (false alarms)."""
    ok: bool = True
    load: float = 0.0
    """The machine's 1-minute load average when the run started (other work on the cores)."""
    repeats: int = 1
    """How many times it ran (this is its fastest run)."""
    median_wall: float | None = None
    """The median wall time of its runs (what the time targets are judged on)."""


@dataclass
class SizeResult:
    pages: int
    manifest: Manifest
    runs: dict[str, Run] = field(default_factory=dict)


# -- measuring -----------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(SENDQA_TODAY=TODAY.isoformat(), NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
    return env


QUIET = {"load": 1.0, "wait": 300.0}
"""Before each timed run, wait up to ``wait`` seconds for the load average to fall to ``load``."""


def quiet_machine() -> float:
    """Wait (a while) until other work on the machine has calmed down; return the load then."""
    deadline = time.monotonic() + QUIET["wait"]
    while os.getloadavg()[0] > QUIET["load"] and time.monotonic() < deadline:
        time.sleep(5)
    return os.getloadavg()[0]


def measure(cmd: list[str], *, stdout: Any = None, stderr: Any = None) -> tuple[float, float, int]:
    """Run ``cmd``; return wall seconds, CPU seconds and peak resident memory in KB.

    ``os.wait4`` gives this child's own usage; its ``ru_maxrss`` is the largest of the child
    and any process it waited for (such as a linkchecker subprocess), as ``/usr/bin/time`` shows.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=stderr, env=child_env(), cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{cmd[:4]} exited with {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def tree_bytes(path: Path) -> int:
    total = 0
    for folder, _dirs, files in os.walk(path):
        total += sum((Path(folder) / name).stat().st_size for name in files)
    return total


def build(project: Path, out: Path, name: str, *, plain: bool, manifest: Manifest) -> Run:
    """A whole ``mkdocs build`` (interpreter start included, as CI sees it) in a child process."""
    site = out / name
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(project / "qa-report", ignore_errors=True)
    result_file = out / f"{name}.json"
    cmd = [sys.executable, "-m", "bench.buildonce", str(project), "--site-dir", str(site)]
    cmd += ["--out", str(result_file)] + (["--plain"] if plain else [])
    cmd += ["--probe", f"http://{HOSTS[0]}:{manifest.port}/robots.txt"]
    load = quiet_machine()
    with (out / f"{name}.log").open("w") as log:
        wall, cpu, peak = measure(cmd, stderr=log)
    result = json.loads(result_file.read_text(encoding="utf-8"))
    run = Run(name, wall, cpu, peak, tree_bytes(site), tree_bytes(project / "qa-report"))
    run.load = load
    run.ok = result["aborted"] is None
    found_in_build(run, result, manifest)
    return run


def found_in_build(run: Run, result: dict[str, Any], manifest: Manifest) -> None:
    """The broken links a build reported: MkDocs' own warnings plus sendqa's link findings.

    Redirects and links that could not be verified are not counted as broken.
    """
    internal = {(src, href) for src, href, _target in manifest.broken_internal}
    reports: list[tuple[str | None, str]] = [(None, m) for m in result["warnings"]]
    reports += [
        (f["page"], f["message"])
        for f in result["findings"]
        if f["check"] == "links" and not f["silenced"]
    ]
    for page, message in reports:
        doc = DOC_FILE.match(message)
        if doc:
            run.internal.add((doc.group("page"), doc.group("link")))
            continue
        quoted = QUOTED_URL.search(message)
        # External: "... is broken ..."; between pages: "the link 'x.md' points to ...".
        reported = "broken" in message or message.startswith("the link '")
        if quoted is None or page is None or not reported:
            continue
        link = quoted.group(1)
        if link.startswith(("http://", "https://")) and OWN_SITE not in link:
            run.external.add(link)
        else:
            run.internal.add((page, link))
    run.other_reports = len(run.internal - internal)


def crawl(site: Path, out: Path, manifest: Manifest) -> Run:
    """``linkchecker`` over the built site from its home page, external links included."""
    cmd = [
        str(BIN / "linkchecker"),
        "--check-extern",
        "--no-status",
        "-o",
        "csv",
        *[arg for pattern in CRAWL_IGNORE for arg in ("--ignore-url", pattern)],
        f"file://{site}/index.html",
    ]
    csv_file = out / "linkchecker.csv"
    load = quiet_machine()
    with csv_file.open("w") as stdout, (out / "linkchecker.log").open("w") as stderr:
        wall, cpu, peak = measure(cmd, stdout=stdout, stderr=stderr)
    run = Run("linkchecker crawl", wall, cpu, peak, load=load)
    by_file = {_built_file(site, src): src for src in manifest.page_srcs}
    lines = [line for line in csv_file.read_text().splitlines() if not line.startswith("#")]
    for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"):
        if row["valid"] != "False":
            continue
        url, src = row["url"], by_file.get(row["parentname"].removeprefix("file://"))
        if url.startswith(("http://", "https://")):
            run.external.add(url)
        elif src is not None:
            run.internal.add((src, row["urlname"]))
        else:
            run.other_reports += 1  # such as 404.html's absolute links, which file:// cannot follow
    return run


def _built_file(site: Path, src: str) -> str:
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{site}/{stem}.html"
    return f"{site}/{stem}/index.html"


def serve(project: Path, out: Path, port: int, manifest: Manifest) -> Run:
    """The real ``mkdocs serve``: wait for the first build, edit one page, time the rebuild."""
    page = next(
        src for src in manifest.page_srcs if src.startswith("services/") and src.count("/") >= 3
    )
    path = project / "content" / page
    original = path.read_text(encoding="utf-8")
    cmd = [str(BIN / "mkdocs"), "serve", "-f", str(project / "mkdocs.yml")]
    cmd += ["-a", f"127.0.0.1:{port}"]
    load = quiet_machine()
    child = _Serve(cmd)
    try:
        child.wait_for("Serving on", 0)
        first = child.built_seconds(0)
        # The file watcher starts a moment after "Serving on": save again until it reacts, and
        # time the rebuild from the save it reacted to.
        for attempt in range(1, 30):
            time.sleep(2.0)
            edited_at = time.perf_counter()
            path.write_text(original + "\nWe updated this page today.\n" * attempt, "utf-8")
            if child.saw("Building documentation", edited_at, within=5.0):
                break
        rebuilt = child.wait_for("Documentation built in", edited_at) - edited_at
        reported = child.built_seconds(edited_at)
    finally:
        usage = child.stop()
        path.write_text(original, encoding="utf-8")
        (out / "serve.log").write_text("".join(line for _t, line in child.lines))
    run = Run("serve: rebuild after editing one page", rebuilt, float("nan"), usage.ru_maxrss)
    run.load = load
    run.note = (
        f"first build {first:.1f} s; the rebuild {reported:.1f} s as MkDocs reports it, "
        f"{rebuilt:.1f} s from saving the page to the rebuilt site"
    )
    return run


class _Serve:
    """A ``mkdocs serve`` process whose log lines are read, with the time each arrived."""

    def __init__(self, cmd: list[str]) -> None:
        self.lines: list[tuple[float, str]] = []
        self.usage: Any = None
        self.proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=child_env(), text=True
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append((time.perf_counter(), line))

    def _exited(self) -> bool:
        if self.usage is None:
            pid, _status, usage = os.wait4(self.proc.pid, os.WNOHANG)
            if pid:
                self.usage = usage
        return self.usage is not None

    def wait_for(self, text: str, after: float) -> float:
        """When a log line containing ``text`` arrived after ``after``."""
        deadline = time.perf_counter() + 1800
        while time.perf_counter() < deadline and not self._exited():
            for stamp, line in list(self.lines):
                if stamp >= after and text in line:
                    return stamp
            time.sleep(0.05)
        time.sleep(0.5)
        log = "".join(line for _t, line in self.lines)
        raise RuntimeError(f"mkdocs serve never logged {text!r}:\n{log}")

    def saw(self, text: str, after: float, *, within: float) -> bool:
        """Whether a log line containing ``text`` arrives within ``within`` seconds."""
        deadline = time.perf_counter() + within
        while time.perf_counter() < deadline and not self._exited():
            if any(stamp >= after and text in line for stamp, line in list(self.lines)):
                return True
            time.sleep(0.05)
        return False

    def built_seconds(self, after: float) -> float:
        for stamp, line in self.lines:
            match = re.search(r"Documentation built in ([\d.]+) seconds", line)
            if match and stamp >= after:
                return float(match.group(1))
        return float("nan")

    def stop(self) -> Any:
        if not self._exited():
            # Ctrl+C as an editor stops it; but a shell starts background jobs with SIGINT
            # ignored, so fall back to SIGTERM.
            self.proc.send_signal(signal.SIGINT)
            deadline = time.perf_counter() + 10
            while not self._exited() and time.perf_counter() < deadline:
                time.sleep(0.1)
            if not self._exited():
                self.proc.terminate()
                _pid, _status, self.usage = os.wait4(self.proc.pid, 0)
        self.proc.returncode = 0
        self.reader.join(timeout=5)
        return self.usage


# -- every size, in turns -------------------------------------------------------------------


def bench_sizes(args: argparse.Namespace) -> dict[int, SizeResult]:
    """Generate a site of each size, then time them all in turns.

    Each turn builds every size (plain, full with a cold link cache, full with a warm one), and
    there are ``--repeat`` turns, so builds of both sizes see the same machine: run one size
    after the other and the two are timed ten minutes apart, when the shared cores may be
    faster or slower (the plain build's own growth from 1,000 to 5,000 pages measured 5.3x in
    one run and 5.9x in the next that way). Each kind keeps its fastest run, the median wall
    time of its runs (what the targets are judged on) and the largest peak memory of them all.
    """
    work: Path = args.workdir
    places = {pages: (work / f"site-{pages}", work / f"out-{pages}") for pages in args.sizes}
    results: dict[int, SizeResult] = {}
    for n, (pages, (project, out)) in enumerate(places.items()):
        say(f"{pages} pages: generating {project}")
        # Each site's links name their own port, so the sites' servers run side by side.
        results[pages] = SizeResult(pages, generate(project, pages, port=args.port + n))
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
    runs: dict[int, dict[str, list[Run]]] = {
        pages: {"plain": [], "cold": [], "warm": []} for pages in results
    }
    with contextlib.ExitStack() as servers:
        for result in results.values():
            servers.enter_context(loopback_sites(result.manifest.hosts(), result.manifest.port))
        for turn in range(1, args.repeat + 1):
            for pages, result in results.items():
                (project, out), manifest = places[pages], result.manifest
                say(f"{pages} pages: plain build ({turn} of {args.repeat})")
                runs[pages]["plain"].append(
                    build(project, out, "plain", plain=True, manifest=manifest)
                )
                for path in CACHE_DIRS:
                    shutil.rmtree(project / path, ignore_errors=True)
                say(f"{pages} pages: full build, cold link cache ({turn} of {args.repeat})")
                runs[pages]["cold"].append(
                    build(project, out, "full-cold", plain=False, manifest=manifest)
                )
                say(f"{pages} pages: full build, warm link cache ({turn} of {args.repeat})")
                runs[pages]["warm"].append(
                    build(project, out, "full-warm", plain=False, manifest=manifest)
                )
        for pages, result in results.items():
            for kind, measured in runs[pages].items():
                result.runs[kind] = fastest(measured)
            (project, out), manifest = places[pages], result.manifest
            if pages in args.serve_sizes:
                say(f"{pages} pages: mkdocs serve, rebuild after an edit")
                result.runs["serve"] = serve(project, out, args.serve_port, manifest)
            if pages in args.crawl_sizes:
                work.chmod(0o755)  # linkchecker run as root drops to 'nobody'
                # The same site the full build checked (the home page links to pages sendqa makes)
                say(f"{pages} pages: linkchecker crawl of the built site")
                result.runs["crawl"] = crawl(out / "full-warm", out, manifest)
    for pages, result in results.items():
        for name, run in result.runs.items():
            say(f"  {pages} pages, {name}: {run.wall:.1f} s, {run.peak_kb / 1024:.0f} MB")
    return results


def fastest(runs: list[Run]) -> Run:
    """The run with the shortest wall time, with the largest peak memory of all the runs, how
    many there were and their median wall time."""
    best = min(runs, key=lambda run: run.wall)
    best.peak_kb = max(run.peak_kb for run in runs)
    best.repeats = len(runs)
    best.median_wall = statistics.median(run.wall for run in runs)
    return best


def typical_wall(run: Run) -> float:
    """The median wall time of a run's repeats (its wall time when it ran once).

    Every time target is judged on this, not on the fastest run: the cores' speed changes from
    moment to moment, so the fastest of several builds depends on which one caught a fast
    moment (a short build more often than a long one), and the verdict would change from one
    run of the benchmark to the next.
    """
    return run.median_wall if run.median_wall is not None else run.wall


def say(text: str) -> None:
    print(text, flush=True)


# -- results -------------------------------------------------------------------------------


@dataclass
class Target:
    text: str
    value: str
    met: bool | None  # None: not measured in this run


def targets(results: dict[int, SizeResult]) -> list[Target]:
    """The targets of issue 10, judged on this run's figures."""
    found: list[Target] = []
    small = results.get(1000)
    large = results.get(5000)
    if small:
        plain, cold, warm = (small.runs[k] for k in ("plain", "cold", "warm"))
        found.append(_time_ratio("Full build, warm link cache, 1,000 pages", warm, plain, 1.25))
        found.append(_time_ratio("Full build, cold link cache, 1,000 pages", cold, plain, 1.6))
        peak = max(cold.peak_kb, warm.peak_kb)
        found.append(_ratio("Peak memory of the full build, 1,000 pages", peak, plain.peak_kb, 1.5))
    if large:
        peak = max(large.runs["cold"].peak_kb, large.runs["warm"].peak_kb)
        found.append(
            _ratio(
                "Peak memory of the full build, 5,000 pages", peak, large.runs["plain"].peak_kb, 1.5
            )
        )
    if small and large:
        found.append(growth(small, large))
        per_small = small.runs["warm"].output_bytes / small.pages
        per_large = large.runs["warm"].output_bytes / large.pages
        found.append(
            Target(
                "Output size per page, 5,000 against 1,000 pages (constant: within 10%)",
                f"{per_large / 1024:.0f} KB against {per_small / 1024:.0f} KB "
                f"({per_large / per_small:.2f}x)",
                abs(per_large / per_small - 1) <= 0.10,
            )
        )
    for pages, size in sorted(results.items()):
        crawl_run = size.runs.get("crawl")
        if crawl_run is None:
            continue
        cold = size.runs["cold"]
        same = cold.external == crawl_run.external and cold.internal == crawl_run.internal
        found.append(
            Target(
                f"Broken links found by the full build = linkchecker's crawl, {pages:,} pages",
                f"full build: {len(cold.external)} external, {len(cold.internal)} internal; "
                f"crawl: {len(crawl_run.external)} external, {len(crawl_run.internal)} internal "
                f"(truth: {len(size.manifest.broken_external)}, "
                f"{len(size.manifest.broken_internal)})",
                same,
            )
        )
        found.append(
            _time_ratio(
                f"Full build (cold) time against linkchecker's crawl, {pages:,} pages",
                cold,
                crawl_run,
                0.2,
            )
        )
    return found


def _ratios(run: Run, base: Run) -> tuple[float, float]:
    """``run`` against ``base``: on the median of their runs (see ``typical_wall``), and on
    their fastest runs."""
    return typical_wall(run) / typical_wall(base), run.wall / base.wall


def _time_ratio(text: str, run: Run, base: Run, limit: float) -> Target:
    """``run`` against ``base`` on the median of their runs, with the ratio of their fastest
    runs beside it."""
    ratio, fastest_ratio = _ratios(run, base)
    return Target(
        f"{text}, median of the runs: at most {limit}x",
        f"{ratio:.2f}x (fastest runs: {fastest_ratio:.2f}x)",
        ratio <= limit,
    )


def growth(small: SizeResult, large: SizeResult, limit: float = 5.5) -> Target:
    """How much longer the warm full build takes at 5,000 pages than at 1,000, on the median of
    each size's runs (see ``typical_wall``), beside the plain build's own growth and the ratio
    of the fastest runs, so a reader can tell the site's growth from sendqa's."""
    full, fast_full = _ratios(large.runs["warm"], small.runs["warm"])
    plain, fast_plain = _ratios(large.runs["plain"], small.runs["plain"])
    return Target(
        f"Full build (warm), {large.pages:,} pages against {small.pages:,}, median of the runs: "
        f"at most {limit}x",
        f"{full:.2f}x (plain build: {plain:.2f}x; fastest runs: full {fast_full:.2f}x, "
        f"plain {fast_plain:.2f}x)",
        full <= limit,
    )


def _ratio(text: str, value: float, base: float, limit: float) -> Target:
    ratio = value / base if base else float("inf")
    return Target(f"{text}: at most {limit}x", f"{ratio:.2f}x", ratio <= limit)


def table(results: dict[int, SizeResult]) -> str:
    head = (
        "| pages | approach | load | median wall s | x plain | fastest wall s | CPU s | peak MB "
        "| x plain "
        "| site MB | KB/page | QA report MB | broken external (generated) "
        "| broken internal (generated) | other reports |\n"
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    names = {
        "plain": "plain build (no sendqa plugins)",
        "cold": "full build, cold link cache",
        "warm": "full build, warm link cache",
    }
    rows = []
    for pages, size in sorted(results.items()):
        plain = size.runs["plain"]
        truth_ext = set(size.manifest.broken_external)
        truth_int = {(src, href) for src, href, _t in size.manifest.broken_internal}
        for key, run in size.runs.items():
            output = run.output_bytes / 1e6 if run.output_bytes else None
            per_page = run.output_bytes / 1024 / pages if run.output_bytes else None
            rows.append(
                f"| {pages:,} | {names.get(key, run.name)}{'' if run.ok else ' (aborted)'} "
                f"| {run.load:.1f} | {typical_wall(run):.1f} | {_ratios(run, plain)[0]:.2f} "
                f"| {run.wall:.1f} | {_num(run.cpu)} "
                f"| {run.peak_kb / 1024:.0f} | {run.peak_kb / plain.peak_kb:.2f} "
                f"| {_num(output)} | {_num(per_page, 0)} "
                f"| {_num(run.report_bytes / 1e6 if run.report_bytes else None, 2)} "
                f"| {len(run.external)} ({len(run.external & truth_ext)}/{len(truth_ext)}) "
                f"| {len(run.internal)} ({len(run.internal & truth_int)}/{len(truth_int)}) "
                f"| {run.other_reports} |"
            )
    return head + "\n".join(rows) + "\n"


def _num(value: float | None, digits: int = 1) -> str:
    if value is None or value != value:
        return "-"
    return f"{value:.{digits}f}"


def machine() -> str:
    cpu = "unknown CPU"
    info = Path("/proc/cpuinfo")
    if info.exists():
        names = re.findall(r"^model name\s*:\s*(.+)$", info.read_text(), re.MULTILINE)
        cpu = names[0] if names else cpu
    mem = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        match = re.search(r"MemTotal:\s+(\d+) kB", meminfo.read_text())
        mem = f", {int(match.group(1)) / 1024 / 1024:.0f} GB memory" if match else ""
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("mkdocs", "mkdocs-material", "Markdown", "LinkChecker")
    )
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"- Machine: {cpu}, {os.cpu_count()} cores{mem}; {platform.platform()}\n"
        f"- Python {platform.python_version()}; {versions}\n"
        f"- sendqa commit {commit}; load average {load:.1f} at the end of the run "
        f"(the cores are shared)\n"
    )


def write_results(results: dict[int, SizeResult], args: argparse.Namespace, took: float) -> str:
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"{RUN_HEADING}{now}",
        "",
        f"From one run of `{' '.join(['python -m bench.run', *sys.argv[1:]])}` "
        f"({took / 60:.0f} minutes).",
        "",
        machine(),
        "### Targets (issue 10)",
        "",
        "| target | this run | met |",
        "|---|---|---|",
    ]
    for target in targets(results):
        mark = "yes" if target.met else ("no" if target.met is not None else "not measured")
        lines.append(f"| {target.text} | {target.value} | {mark} |")
    lines += ["", "### Measurements", "", table(results)]
    notes = [
        f"- {pages:,} pages, {run.name}: {run.note}"
        for pages, size in sorted(results.items())
        for run in size.runs.values()
        if run.note
    ]
    lines += [
        f"The plain build and the full builds of every size each ran {args.repeat} times, taking",
        "turns (each turn builds every size, so both sizes see the same machine); each",
        "row shows the median and the fastest wall time, the CPU time of the fastest run and",
        "the largest peak memory of all the runs. The targets and the x plain column are judged",
        "on the medians: the speed of these cores changes from moment to moment, so which build",
        "happened to catch a fast moment decides a ratio of fastest runs (a short build more often",
        "than a long one), and its verdict changes from one run of the benchmark to the next.",
        "Load: the 1-minute load average when that run started (the 2 cores are shared; the",
        "script waits a while for it to fall before each run). Wall time includes starting",
        "Python, as `mkdocs build` in CI does. CPU is user + system",
        "time of the process and the processes it waited for (the LinkChecker runs).",
        "Cold: a first build, with no `.sendqa-cache/` (no link results, no page results kept);",
        "warm: the next build, with the link results and each unchanged page's results kept.",
        "Peak memory is the largest resident",
        "set of the build process or any process it waited for (the LinkChecker runs),",
        "as `/usr/bin/time` reports it. Broken links: how many each approach",
        "reported, and in brackets how many of the generator's own broken links",
        "(`bench-manifest.json`) were among them. The sample pages' links to real sites (gov.uk,",
        "nhs.uk, ...) cannot be reached from this machine, so both approaches also report those.",
        '"Other reports": link problems reported that are not broken links in the content (for',
        "the crawl: `404.html`'s absolute links, which a `file://` crawl cannot follow).",
        "",
        *notes,
        "",
    ]
    run_text = "\n".join(lines)
    text = HEADER + run_text + earlier_runs(args.results) + kept_sections(args.results)
    args.results.write_text(text, encoding="utf-8")
    return run_text


HEADER = (
    "# Benchmark results\n\n"
    "The newest run of `python -m bench.run` first, then the run before it (a speed claim holds\n"
    "only if it holds in more than one run, at different times). How to run it:\n"
    "[README.md](README.md).\n\n"
)
RUN_HEADING = "## Run of "
"""Each run's section starts with this and the time it ended."""
RUNS_KEPT = 2
"""How many runs RESULTS.md shows: this one and the one before."""


def earlier_runs(path: Path) -> str:
    """The newest ``RUNS_KEPT - 1`` run sections already in the results file, as they are."""
    if not path.is_file():
        return ""
    parts = path.read_text(encoding="utf-8").split("\n" + RUN_HEADING)[1:]
    kept = []
    for part in parts[: RUNS_KEPT - 1]:
        end = part.find("\n## ")
        kept.append("\n" + RUN_HEADING + (part[:end] if end >= 0 else part).rstrip("\n") + "\n")
    return "".join(kept)


KEPT_SECTIONS = ("## Reading these figures", "## Long lines (issue 27)")
"""Sections of RESULTS.md that other scripts write (``bench/long_lines.py``): kept as they are."""


def kept_sections(path: Path) -> str:
    """The ``KEPT_SECTIONS`` of the results file, each up to the next ``## `` heading."""
    if not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8")
    kept = []
    for heading in KEPT_SECTIONS:
        start = text.find("\n" + heading)
        if start >= 0:
            end = text.find("\n## ", start + 1)
            kept.append(text[start : end if end >= 0 else len(text)].rstrip("\n") + "\n")
    return "".join(kept)


def sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=sizes, default=[1000, 5000])
    parser.add_argument("--crawl-sizes", type=sizes, default=[1000])
    parser.add_argument("--serve-sizes", type=sizes, default=[1000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/sendqa-bench"))
    parser.add_argument(
        "--port",
        type=int,
        default=8765,
        help="port of the loopback sites of the first size (each further size uses the next)",
    )
    parser.add_argument("--serve-port", type=int, default=8799)
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="run each timed build (plain, full cold, full warm) this many times; the fastest "
        "of each is shown",
    )
    parser.add_argument(
        "--quiet-load",
        type=float,
        default=QUIET["load"],
        help="before each timed run, wait for the 1-minute load average to fall to this",
    )
    parser.add_argument(
        "--quiet-wait", type=float, default=QUIET["wait"], help="for at most so many seconds"
    )
    args = parser.parse_args()
    QUIET.update(load=args.quiet_load, wait=args.quiet_wait)
    args.workdir.mkdir(parents=True, exist_ok=True)
    args.workdir.chmod(0o755)
    started = time.perf_counter()
    warm_up(args)
    results = bench_sizes(args)
    text = write_results(results, args, time.perf_counter() - started)
    print()
    print(text)


def warm_up(args: argparse.Namespace) -> None:
    """Build a small site once, untimed, so imports come from a warm disk cache for every run,
    with sendqa's modules compiled to bytecode first.

    pip compiles a package's bytecode when it installs it, so the installed MkDocs and
    Material never compile anything at a build. sendqa, installed editable from this folder,
    writes its bytecode at its first import, unless ``PYTHONDONTWRITEBYTECODE`` is set (as it
    is on some CI images): then every full build would compile sendqa from source (about
    0.15 s at each build) while the plain build compiles nothing.
    """
    compileall.compile_dir(ROOT / "sendqa_build", quiet=1)
    project = args.workdir / "warm-up"
    manifest = generate(project, 100, port=args.port)
    with loopback_sites(manifest.hosts(), manifest.port):
        for plain in (True, False):
            build(project, args.workdir, "warm-up-out", plain=plain, manifest=manifest)


if __name__ == "__main__":
    main()
