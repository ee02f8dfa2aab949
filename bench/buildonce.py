"""One MkDocs build in its own process, as ``mkdocs build`` runs it, for the benchmark to time.

``--plain`` builds with the same ``mkdocs.yml`` but without the sendqa plugins: the cost of the
site without this project. The build's warnings and sendqa's findings and summaries go to a JSON
file, so the benchmark can compare the broken links each approach finds.

    python -m bench.buildonce PROJECT --site-dir DIR --out result.json [--plain]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.utils import yaml_load


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def plugins(config_file: Path, *, plain: bool, probe: str | None) -> list[Any]:
    """The ``plugins`` list of ``mkdocs.yml``: without any ``sendqa/...`` entry when ``plain``;
    with ``probe`` as the links plugin's connectivity probe when given."""
    with config_file.open(encoding="utf-8") as handle:
        data = yaml_load(handle)
    kept: list[Any] = []
    for entry in data.get("plugins") or []:
        name, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        if plain and str(name).startswith("sendqa/"):
            continue
        if probe and name == "sendqa/links":
            entry = {name: {**(options or {}), "connectivity_probe": probe}}
        kept.append(entry)
    return kept


def run(project: Path, site_dir: Path, *, plain: bool, probe: str | None = None) -> dict[str, Any]:
    """Build ``project`` into ``site_dir``; return warnings, findings and summaries."""
    config_file = project / "mkdocs.yml"
    overrides: dict[str, Any] = {"site_dir": str(site_dir)}
    if plain or probe:
        overrides["plugins"] = plugins(config_file, plain=plain, probe=probe)
    collect = _Collect()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(collect)
    stream = logging.StreamHandler(sys.stderr)  # as the mkdocs command line prints them
    stream.setLevel(logging.INFO)
    mkdocs_log.addHandler(stream)
    mkdocs_log.setLevel(logging.INFO)
    aborted = None
    start = time.perf_counter()
    cfg = load_config(config_file=str(config_file), **overrides)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    except Abort as exc:
        aborted = str(exc)
    finally:
        cfg.plugins.on_shutdown()
    seconds = time.perf_counter() - start
    findings, summaries = [], {}
    for name, plugin in cfg.plugins.items():
        for finding in getattr(plugin, "findings", None) or []:
            findings.append(
                {
                    "check": finding.check,
                    "page": finding.page,
                    "line": finding.line,
                    "severity": str(finding.severity),
                    "message": finding.message,
                    "silenced": finding.silenced,
                }
            )
        summary = getattr(plugin, "summary", None)
        if name.startswith("sendqa/") and summary:
            summaries[name] = summary
    return {
        "build_seconds": seconds,
        "aborted": aborted,
        "warnings": collect.messages,
        "findings": findings,
        "summaries": summaries,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--site-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--plain", action="store_true")
    parser.add_argument(
        "--probe",
        help="address the links plugin checks for internet access (the loopback hosts stand in "
        "for the internet in the benchmark)",
    )
    parser.add_argument("--profile", type=Path, help="write a cProfile of the build here")
    args = parser.parse_args()
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        result = profiler.runcall(
            run, args.project, args.site_dir, plain=args.plain, probe=args.probe
        )
        profiler.dump_stats(args.profile)
    else:
        result = run(args.project, args.site_dir, plain=args.plain, probe=args.probe)
    # Streamed: on a large site the findings make a JSON text of several MB, and building it in
    # one piece would count in the build's peak memory although it is the benchmark's own work.
    with args.out.open("w", encoding="utf-8") as handle:
        json.dump(result, handle, default=str)


if __name__ == "__main__":
    main()
