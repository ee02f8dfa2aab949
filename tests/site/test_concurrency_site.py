"""Two builds of one project at once (a CI retry beside the first run, ``mkdocs serve`` beside
``mkdocs build``) each report exactly what one build alone reports: the second waits for the
first (``sendqa_build/buildlock.py``), says so, and no traceback reaches the log."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import (
    TODAY,
    build_command,
    build_env,
    guide_page,
    make_project,
    run_build,
    service_page,
)

WAITING = "another build of this project is running"


def content() -> dict[str, str]:
    """A site with broken links on a few pages, and enough pages that a build takes a while."""
    files = {"index.md": guide_page("Home", "Welcome. See [the guide](guide-0.md).\n")}
    for n in range(30):
        body = f"Read [the next guide](guide-{n + 1}.md) and [the service](services/s-{n}.md).\n"
        if n % 5 == 0:
            body += f"This [link is broken](missing-{n}.md) and [so is this](guide-{n}.md#nope).\n"
        files[f"guide-{n}.md"] = guide_page(f"Guide {n}", body)
        files[f"services/s-{n}.md"] = service_page(f"Service {n}", min_age=n % 10, max_age=18)
    return files


SLOW_HOOK = """\
import time


def on_nav(nav, config, files):
    time.sleep(2.0)
    return nav
"""
"""A MkDocs hook that keeps every build of the test project busy for 2 s while it holds the
lock. Without it, whether two builds started 0.7 s apart overlap depends on how fast the machine
is that day (a warm build of this site can finish in well under a second)."""


def start(root: Path) -> subprocess.Popen[str]:
    """``mkdocs build`` of the project in a process of its own."""
    return subprocess.Popen(
        build_command(root),
        cwd=root,
        env=build_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def said(build: subprocess.Popen[str]) -> dict[str, object]:
    """What a build said: its exit status, every warning, every sendqa message (each finding,
    notes too) but the one saying it waited."""
    log, _ = build.communicate(timeout=600)
    lines = log.splitlines()
    return {
        "status": build.returncode,
        "warnings": [line for line in lines if line.startswith("WARNING")],
        "messages": [
            line
            for line in lines
            if "sendqa" in line
            and WAITING not in line
            and "still waiting" not in line
            and "QA report written to" not in line  # names the folder
        ],
        "traceback": "Traceback" in log,
        "log": log,
    }


def wrote(root: Path) -> dict[str, object]:
    """What the last build wrote for CI, readers and the QA lead."""
    report = json.loads((root / "qa-report" / "self-evaluation.json").read_text("utf-8"))
    return {
        "report": report,
        "findings": len(report["findings"]),
        "site": sorted(str(p.relative_to(root / "site")) for p in (root / "site").rglob("*")),
        "services": (root / "site" / "services.json").read_bytes(),
        "reviews": (root / "qa-report" / "reviews.csv").read_bytes(),
    }


def outcome(root: Path, build: subprocess.Popen[str]) -> dict[str, object]:
    """What a build said and wrote (when no other build runs after it)."""
    return {**said(build), **wrote(root)}


@pytest.fixture(scope="module")
def single(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """The project, after one build alone (and one before it, so the cache is as it will be
    for every later build)."""
    root = make_project(
        tmp_path_factory.mktemp("project"),
        content(),  # type: ignore[arg-type]
        config={"hooks": ["slow_hook.py"]},
    )
    (root / "slow_hook.py").write_text(SLOW_HOOK, encoding="utf-8")
    outcome(root, start(root))
    return root, outcome(root, start(root))


def same(result: dict[str, object], alone: dict[str, object]) -> None:
    for key in result:
        if key != "log":
            assert result[key] == alone[key], (key, result.get("log"))


@pytest.mark.parametrize("delay", [0.0, 0.7, 1.5, 3.0])
def test_two_builds_at_once_each_report_what_one_build_does(
    single: tuple[Path, dict[str, object]], tmp_path: Path, delay: float
) -> None:
    project, alone = single
    assert alone["status"] == 0 and not alone["traceback"]
    assert alone["findings"] and any("missing-0.md" in w for w in alone["warnings"])  # type: ignore[attr-defined]
    root = tmp_path / "project"
    shutil.copytree(project, root)
    first = start(root)
    time.sleep(delay)
    second = start(root)
    # Each build's findings are what it logged (once the first ends, the second may already be
    # cleaning site/); the files are the last build's, as CI or a reader would find them.
    results = [said(first), said(second)]
    for result in results:
        same(result, alone)
    same(wrote(root), alone)
    # Each build holds the lock for over 2 s (SLOW_HOOK): started up to 0.7 s apart,
    # the builds overlap, and one of them must have said what it waited for (only one: the
    # other never waits). Further apart, the first may be done before the second starts.
    waited = [r for r in results if WAITING in str(r["log"])]
    assert len(waited) <= 1
    if delay <= 0.7:
        assert len(waited) == 1
        assert "waiting for it to finish before this build starts" in str(waited[0]["log"])


def test_a_build_killed_mid_way_does_not_block_the_next(
    single: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    """The lock goes with the process: a build killed while it holds it leaves no stale lock."""
    project, alone = single
    root = tmp_path / "project"
    shutil.copytree(project, root)
    killed = start(root)
    deadline = time.monotonic() + 60
    lock = root / ".sendqa-cache" / "build.lock"
    while time.monotonic() < deadline and str(killed.pid) not in _read(lock):
        time.sleep(0.05)
    assert str(killed.pid) in _read(lock)  # it holds the lock
    killed.kill()
    killed.wait()
    began = time.monotonic()
    result = outcome(root, start(root))
    same(result, alone)
    assert WAITING not in str(result["log"])
    assert time.monotonic() - began < 120


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except OSError:
        return ""


def test_a_serve_rebuild_waits_for_a_build_and_says_so(
    single: tuple[Path, dict[str, object]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor's ``mkdocs serve`` rebuild (here in this process) while CI's build runs."""
    project, _ = single
    root = tmp_path / "project"
    shutil.copytree(project, root)
    build = start(root)
    lock = root / ".sendqa-cache" / "build.lock"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and str(build.pid) not in _read(lock):
        time.sleep(0.05)
    monkeypatch.setenv("SENDQA_TODAY", TODAY)
    monkeypatch.setenv("SENDQA_EXTERNAL_LINKS", "false")
    served = run_build(root, command="serve", site_dir=str(tmp_path / "served"))
    first = outcome(root, build)
    assert first["status"] == 0 and not first["traceback"]
    notes = served.sendqa(20)  # INFO
    assert any(
        n.startswith("another build of this project is running (")
        and f"process {build.pid}, since " in n
        and n.endswith("; waiting for it to finish before this build starts")
        for n in notes
    ), notes
    assert served.aborted is None
    assert (tmp_path / "served" / "index.html").is_file()
