"""The site and browser tests run under MkDocs and under ProperDocs (``SENDQA_GENERATOR``).

These tests prove which generator really built the site, so the ProperDocs pass of ``make test``
cannot quietly fall back to MkDocs, and that sendqa hears the generator's own link warnings.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.conftest import GENERATOR, GENERATOR_COMMAND, BuiltSite, guide_page, make_project

Build = Callable[..., BuiltSite]


def test_the_site_is_built_by_the_generator_under_test(build_site: Build) -> None:
    site = build_site({"index.md": guide_page("Home")})
    tag = re.search(r'<meta name="generator" content="([^"]+)"', site.html(""))
    assert tag is not None
    expected = "mkdocs-ProperDocs 1.6" if GENERATOR == "properdocs" else "mkdocs-1.6"
    assert tag.group(1).startswith(expected), tag.group(1)


def test_broken_internal_links_reach_the_report_under_either_generator(build_site: Build) -> None:
    """MkDocs' and ProperDocs' warnings come from loggers of different names."""
    files = {"index.md": guide_page("Home", "Read [about us](about.md).\n")}
    site = build_site(files)
    assert site.plugin("sendqa/links").summary.internal_broken == 1
    assert [f.page for f in site.plugin("sendqa/links").findings] == ["index.md"]


def test_the_command_line_build_fails_strict_on_a_broken_link(tmp_path: Path, today: str) -> None:
    root = make_project(tmp_path, {"index.md": guide_page("Home", "See [x](missing.md).\n")})
    done = subprocess.run(
        [*GENERATOR_COMMAND, "build", "--strict", "-f", str(root / "mkdocs.yml")],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stderr[-2000:]
    assert "'missing.md'" in done.stderr
    assert "Traceback" not in done.stderr
