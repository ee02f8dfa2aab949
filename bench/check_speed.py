"""How long ``sendqa check`` and ``sendqa due`` take on a large site (the pre-commit hook case).

Generates a synthetic Local Offer (``bench/generate.py``) and times, each in its own process:
``sendqa check`` on one page and on five pages (a typical commit), on every page, and
``sendqa due``. The target for a pre-commit hook: a few pages in about 3 seconds on a laptop,
whatever the size of the site (only the pages given, and the "You said, we did" rounds, are read
in full).

    .venv/bin/python -m bench.check_speed --pages 1000
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench.generate import TODAY, generate

TARGET_SECONDS = 3.0


def timed(argv: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of one command, and its exit status."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        argv,
        cwd=cwd,
        env={**os.environ, "SENDQA_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "true"},
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)} failed:\n{done.stderr}")
    return wall, cpu, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--dest", type=Path, default=Path("/tmp/sendqa-bench/check-speed"))
    args = parser.parse_args()
    generate(args.dest, args.pages)
    pages = sorted(
        p.relative_to(args.dest).as_posix() for p in (args.dest / "content").rglob("*.md")
    )
    sendqa = [sys.executable, "-m", "sendqa_build.cli"]
    runs = {
        "check 1 page": [*sendqa, "check", pages[len(pages) // 2]],
        "check 5 pages": [*sendqa, "check", *pages[:: max(1, len(pages) // 5)][:5]],
        f"check all {len(pages)} pages": [*sendqa, "check"],
        "due": [*sendqa, "due"],
    }
    print(f"{len(pages)} pages; target for a few pages: {TARGET_SECONDS:.0f} s\n")
    print(f"{'command':<24} {'wall s':>8} {'cpu s':>8} {'exit':>5}")
    for name, argv in runs.items():
        wall, cpu, code = timed(argv, args.dest)
        print(f"{name:<24} {wall:>8.2f} {cpu:>8.2f} {code:>5}")


if __name__ == "__main__":
    main()
