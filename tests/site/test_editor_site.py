"""``sendqa/editor`` in real builds: off by default, a clear warning when its program is
missing, and the admin page with a configuration made from the page types when on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import BuiltSite, guide_page, service_page

Build = Callable[..., BuiltSite]

FILES = {
    "index.md": guide_page("Home"),
    "services/portage.md": service_page("Portage"),
}


def plugins(**options: Any) -> list[Any]:
    return ["search", "sendqa/frontmatter", {"sendqa/editor": options}, "sendqa/report"]


def test_off_by_default(build_site: Build) -> None:
    site = build_site(FILES, plugins=["search", "sendqa/frontmatter", "sendqa/editor"])
    assert site.aborted is None
    assert not (site.site_dir / "admin").exists()


def test_missing_program_is_one_clear_warning(build_site: Build, tmp_path: Path) -> None:
    site = build_site(
        FILES,
        strict=True,
        plugins=plugins(enabled=True, repo="council/offer", files=str(tmp_path / "nowhere")),
    )
    assert site.aborted is not None
    assert site.sendqa() == [
        f"the browser editor is switched on, but its program is not in "
        f"'{tmp_path / 'nowhere'}'; run 'make editor-deps' (it needs npm) before building, "
        "or switch the editor off"
    ]
    assert not (site.site_dir / "admin").exists()


def test_admin_page_and_configuration(build_site: Build, tmp_path: Path) -> None:
    program = tmp_path / "dist"
    program.mkdir()
    for name in ["decap-cms.js", "123.decap-cms.js", "decap-cms.js.LICENSE.txt", "a.wasm"]:
        (program / name).write_text(f"/* {name} */", encoding="utf-8")
    (program / "decap-cms.js.map").write_text("{}", encoding="utf-8")
    (program / "cms.js").write_text("", encoding="utf-8")
    site = build_site(
        FILES, strict=True, plugins=plugins(enabled=True, repo="council/offer", files=str(program))
    )
    assert site.aborted is None, site.warnings
    admin = site.site_dir / "admin"
    assert sorted(p.name for p in admin.iterdir()) == [
        "123.decap-cms.js",
        "a.wasm",
        "config.yml",
        "decap-cms.js",
        "decap-cms.js.LICENSE.txt",
        "index.html",
        "sendqa-editor.js",
    ]
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<script src="decap-cms.js"></script>' in page
    assert "http" not in page.replace("http-equiv", "")  # nothing from another site
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "github", "branch": "main", "repo": "council/offer"}
    assert [c["folder"] for c in config["collections"]] == ["content", "content/services"]


def test_no_repository_is_a_warning(build_site: Build, tmp_path: Path) -> None:
    program = tmp_path / "dist"
    program.mkdir()
    (program / "decap-cms.js").write_text("", encoding="utf-8")
    site = build_site(FILES, plugins=plugins(enabled=True, files=str(program)))
    assert site.sendqa() == [
        "the browser editor does not know which GitHub repository to save to; set "
        "'repo: your-council/local-offer' under sendqa/editor in mkdocs.yml"
    ]
    assert (site.site_dir / "admin" / "config.yml").is_file()
