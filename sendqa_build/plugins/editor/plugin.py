"""Hooks of ``sendqa/editor``: write the browser editor into ``site/admin/`` after the build.

The editor is Decap CMS, a static page that edits the Markdown files in the council's own
repository through GitHub or GitLab (each edit a pull or merge request), so no server of ours is
involved. Its configuration is made from ``checks/page-types.yml`` on every build
(``core/editor.py``), so the form always asks for what the checks expect.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from mkdocs.plugins import event_priority

from sendqa_build.core.editor import Backend, EditorPage, editor_config
from sendqa_build.models import Finding, Severity
from sendqa_build.output import write_atomic
from sendqa_build.plugins.base import SendqaPlugin, project_root, site_index, site_rules
from sendqa_build.plugins.editor.config import EditorConfig

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

ASSETS = Path(__file__).parent / "admin"
"""The editor's page and sendqa's own widgets (index.html, sendqa-editor.js)."""


def program_files(folder: Path) -> list[Path]:
    """The files of Decap CMS's browser build that the editor page loads: the program, the
    parts it loads when needed, and its licence notice."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and (p.name.endswith(("decap-cms.js", ".wasm")) or p.name == "decap-cms.js.LICENSE.txt")
    )


class EditorPlugin(SendqaPlugin):
    """Publishes the form-based editor at ``/admin/`` when ``enabled: true``."""

    config_class = EditorConfig
    config: EditorConfig
    check = "editor"

    def on_config(self, config: MkDocsConfig) -> None:
        """Hook for the ``config`` event: forget the last build's findings."""
        self.start_build(config)

    @event_priority(-90)  # After the site is written; before the report (-100) reads findings.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Hook for the ``post_build`` event: write ``admin/`` with its configuration."""
        if not self.config.enabled:
            return
        source = (project_root(config) / self.config.files).resolve()
        program = program_files(source)
        if not any(p.name == "decap-cms.js" for p in program):
            self.record([_missing_program(self.config.files)])
            return
        rules = site_rules(config)
        pages = [
            EditorPage(record.src, record.page_type, record.title) for record in site_index(config)
        ]
        settings = editor_config(
            rules.page_types,
            rules.catalogue,
            pages,
            docs_dir=self.docs_prefix,
            backend=Backend(
                self.config.backend,
                self.config.repo,
                self.config.branch,
                self.config.local_port,
                self.config.sign_in,
            ),
            site_name=config.site_name,
        )
        admin = Path(config.site_dir) / "admin"
        admin.mkdir(parents=True, exist_ok=True)
        for path in [*program, *sorted(ASSETS.iterdir())]:
            shutil.copyfile(path, admin / path.name)
        text = yaml.safe_dump(settings, sort_keys=False, allow_unicode=True, width=100)
        write_atomic(admin / "config.yml", text.encode("utf-8"))
        if not self.config.repo:
            self.record([_no_repo(self.config.backend)])


def _missing_program(folder: str) -> Finding:
    return Finding(
        "editor",
        None,
        None,
        Severity.WARNING,
        f"the browser editor is switched on, but its program is not in '{folder}'",
        "run 'make editor-deps' (it needs npm) before building, or switch the editor off",
    )


def _no_repo(backend: str) -> Finding:
    host = "GitHub" if backend == "github" else "GitLab"
    return Finding(
        "editor",
        None,
        None,
        Severity.WARNING,
        f"the browser editor does not know which {host} repository to save to",
        "set 'repo: your-council/local-offer' under sendqa/editor in mkdocs.yml",
    )
