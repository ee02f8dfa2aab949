"""Shared test helpers: real MkDocs builds of small sites in temporary folders."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

GENERATOR = os.environ.get("SENDQA_GENERATOR", "mkdocs")
"""The generator the tests build with: ``mkdocs`` (MkDocs 1.6) or ``properdocs`` (its maintained
continuation). ``make test`` runs the site and browser tests under both."""
if GENERATOR == "properdocs":
    # What the ``properdocs`` command does first: mkdocs.* imports (ours, Material's) are served
    # from properdocs.*, and the legacy 'mkdocs' logger reports through 'properdocs'.
    import properdocs.replacement  # noqa: F401

    logging.getLogger("mkdocs").parent = logging.getLogger("properdocs")
elif GENERATOR != "mkdocs":
    raise RuntimeError(f"SENDQA_GENERATOR must be 'mkdocs' or 'properdocs', not {GENERATOR!r}")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402

GENERATOR_COMMAND = [sys.executable, "-m", GENERATOR]
"""The generator's command line in a fresh process: ``[*GENERATOR_COMMAND, "build", ...]``."""


def build_command(root: Path) -> list[str]:
    """``mkdocs build`` (or ``properdocs build``) of the project at ``root``."""
    return [*GENERATOR_COMMAND, "build", "-f", str(root / "mkdocs.yml")]


def build_env(**extra: str) -> dict[str, str]:
    """The environment of a build in a process of its own: the tests' date, no external links."""
    return {
        **os.environ,
        "SENDQA_TODAY": TODAY,
        "SENDQA_EXTERNAL_LINKS": "false",
        "NO_MKDOCS_2_WARNING": "1",
        **extra,
    }


def build_in_process(
    root: Path, *, timeout: int = 900, **extra: str
) -> subprocess.CompletedProcess[str]:
    """Build the project with the generator's own command; the finished process."""
    return subprocess.run(
        build_command(root),
        cwd=root,
        env=build_env(**extra),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-12-01"
"""The reference date the tests use; the sample content is in date on it."""

GOOD_FRONT = """---
title: {title}
summary: A page for testing.
owner: Test Team
last_reviewed_on: 2026-09-01
{extra}---
"""

GOOD_SERVICE = """---
title: {title}
summary: A service for testing.
type: service
owner: Test Team
last_reviewed_on: 2026-09-01
provider: Wyvernshire Council
minimum_age: {min_age}
maximum_age: {max_age}
needs: [all]
area: {area}
eligibility: Open to all
how_to_access: Phone the team to refer yourself.
decided_by: The service manager
cost: Free
contact:
  phone: 01632 960 123
  email: team@wyvernshire.example.org
{extra}---

## What the service offers

Friendly help for families.
"""


def guide_page(title: str = "A guide", body: str = "Some text.\n", extra: str = "") -> str:
    """A valid guide page."""
    return GOOD_FRONT.format(title=title, extra=extra) + "\n" + body


def you_said_we_did_page(
    published: str = "2026-07-15",
    responses: str | None = None,
    body: str = "## About this page\n\nWhat families told us.\n",
) -> str:
    """A valid "You said, we did" page; ``responses`` is the YAML list under ``responses:``."""
    if responses is None:
        responses = (
            "  - you_said: The site is hard to use on a phone.\n"
            "    we_did: We rebuilt it with parents.\n"
            "    status: done\n"
        )
    return (
        "---\n"
        f"title: You said, we did {published[:4]}\n"
        "summary: What you told us and what we did.\n"
        "type: you-said-we-did\n"
        "owner: Local Offer Team\n"
        "last_reviewed_on: 2026-07-15\n"
        f"published_on: {published}\n"
        "responses:\n"
        f"{responses}"
        "---\n\n"
        f"{body}"
    )


def build_sample(root: Path, *, strict: bool = False) -> BuiltSite:
    """Build the repository's real mkdocs.yml and content/ in ``root`` at the tests' date,
    without reaching the internet."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SENDQA_TODAY", TODAY)
    mp.setenv("SENDQA_EXTERNAL_LINKS", "false")
    for name in ("content", "checks", "overrides"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    try:
        return run_build(root, strict=strict)
    finally:
        mp.undo()


def service_page(
    title: str = "A service",
    *,
    min_age: int = 0,
    max_age: int = 25,
    area: str = "local",
    extra: str = "",
    body: str = "",
) -> str:
    """A valid service page."""
    return (
        GOOD_SERVICE.format(title=title, min_age=min_age, max_age=max_age, area=area, extra=extra)
        + body
    )


@dataclass
class BuiltSite:
    """The result of a real MkDocs build in a temporary folder."""

    root: Path
    site_dir: Path
    records: list[logging.LogRecord] = field(default_factory=list)
    aborted: str | None = None
    plugins: dict[str, Any] = field(default_factory=dict)
    """The build's plugins by name (``site.plugin("sendqa/links").summary``)."""

    def plugin(self, name: str) -> Any:
        """One plugin of the build, by its name in mkdocs.yml."""
        return self.plugins[name]

    def html(self, page_url: str) -> str:
        """The HTML of a built page, by its URL (``services/portage/``) or file path."""
        path = self.site_dir / page_url
        if path.is_dir() or page_url.endswith("/") or page_url == "":
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    def messages(self, level: int = logging.WARNING) -> list[str]:
        """Messages logged at exactly ``level`` by any MkDocs logger."""
        return [r.getMessage() for r in self.records if r.levelno == level]

    @property
    def warnings(self) -> list[str]:
        """Every warning logged during the build."""
        return self.messages(logging.WARNING)

    def sendqa(self, level: int = logging.WARNING) -> list[str]:
        """sendqa's own messages at ``level``, without the ``sendqa: `` prefix."""
        return [
            m.removeprefix("sendqa: ")
            for m in self.messages(level)
            if m.startswith("sendqa: ") or m.startswith("sendqa.")
        ]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def make_project(
    root: Path,
    files: dict[str, str],
    *,
    plugins: list[Any] | None = None,
    config: dict[str, Any] | None = None,
    checks: dict[str, str] | None = None,
) -> Path:
    """Write a project: the repository's mkdocs.yml, checks/ and overrides/, plus ``files``.

    Args:
        root: an empty folder.
        files: page path under content/ -> text.
        plugins: replaces the ``plugins`` list of mkdocs.yml when given.
        config: top-level keys to set in mkdocs.yml.
        checks: rule file name -> text, replacing files in checks/.
    """
    shutil.copytree(ROOT / "checks", root / "checks")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    data = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)
    if plugins is not None:
        data["plugins"] = plugins
    data.update(config or {})
    (root / "mkdocs.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    for name, text in (checks or {}).items():
        (root / "checks" / name).write_text(text, encoding="utf-8")
    docs = root / "content"
    docs.mkdir(exist_ok=True)
    for rel, text in files.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


class _EnvLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's ``!ENV`` tags as plain values (their default)."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if values else None
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_EnvLoader.add_constructor("!ENV", _env)


def counted_builds(
    monkeypatch: pytest.MonkeyPatch,
    root: Path,
    module: Any,
    name: str,
    *,
    page_arg: int,
    said: Callable[[BuiltSite], list[str]] | None = None,
) -> Callable[[], tuple[list[str], list[str]]]:
    """For tests of results kept between builds: wrap a check's per-page function
    ``module.name`` (the page's path is its argument number ``page_arg``) and give a function
    that builds ``root`` and returns the pages it checked, sorted, and what the build said
    (``said``; default every sendqa warning, then every info line)."""
    checked: list[str] = []
    real = getattr(module, name)

    def counting(*args: Any, **kwargs: Any) -> Any:
        checked.append(args[page_arg])
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)

    def build() -> tuple[list[str], list[str]]:
        checked.clear()
        site = run_build(root)
        assert site.aborted is None
        if said is not None:
            return sorted(checked), said(site)
        return sorted(checked), site.sendqa(logging.WARNING) + site.sendqa(logging.INFO)

    return build


def run_build(
    root: Path, *, strict: bool = False, command: str = "build", **overrides: Any
) -> BuiltSite:
    """Build the project at ``root`` with MkDocs' own build, capturing every log record.

    ``command="serve"`` tells the plugins the build is ``mkdocs serve``'s (as it tells them).
    """
    handler = _Collect()
    logger = logging.getLogger(GENERATOR)
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    site = BuiltSite(root=root, site_dir=root / "site")
    try:
        cfg = load_config(config_file=str(root / "mkdocs.yml"), strict=strict, **overrides)
        cfg.plugins.on_startup(command=command, dirty=False)
        site.plugins = dict(cfg.plugins.items())
        try:
            build(cfg)
        except Abort as exc:
            site.aborted = str(exc)
        finally:
            cfg.plugins.on_shutdown()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    site.records = handler.records
    return site


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The whole sample site, built strict once per test process and shared by the tests that
    only read it (the sample's own tests and the browser tests); never change its files."""
    return build_sample(tmp_path_factory.mktemp("sample"), strict=True)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> str:
    """Fix the reference date for the test, and never check external links (no internet)."""
    monkeypatch.setenv("SENDQA_TODAY", TODAY)
    monkeypatch.setenv("SENDQA_EXTERNAL_LINKS", "false")
    return TODAY


@pytest.fixture
def build_site(tmp_path: Path, today: str) -> Iterator[Callable[..., BuiltSite]]:
    """Build a small site: ``build_site({"index.md": ...}, strict=True, plugins=[...])``."""
    counter = {"n": 0}

    def _build(
        files: dict[str, str],
        *,
        strict: bool = False,
        plugins: list[Any] | None = None,
        config: dict[str, Any] | None = None,
        checks: dict[str, str] | None = None,
    ) -> BuiltSite:
        counter["n"] += 1
        root = tmp_path / f"project{counter['n']}"
        root.mkdir()
        make_project(root, files, plugins=plugins, config=config, checks=checks)
        return run_build(root, strict=strict)

    yield _build
