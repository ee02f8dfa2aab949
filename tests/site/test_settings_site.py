"""One ``checks/`` folder for every check: ``rules_dir`` of sendqa/frontmatter; the older
``rules_dir`` of other plugins is not read, and the build says where it goes (issue 25)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import TODAY, guide_page, make_project, run_build


def _rules_project(root: Path, plugin_options: dict[str, dict[str, str]]) -> Path:
    """The repository's project with its rules copied to ``rules/`` and sendqa/frontmatter
    pointed there; ``plugin_options`` adds options to other plugins."""
    make_project(root, {"index.md": guide_page("Home")})
    shutil.copytree(root / "checks", root / "rules")
    shutil.copytree(root / "checks", root / "old-rules")
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = []
    for entry in config["plugins"]:
        name = entry if isinstance(entry, str) else next(iter(entry))
        options = {} if isinstance(entry, str) else dict(entry[name] or {})
        if name == "sendqa/frontmatter":
            options["rules_dir"] = "rules"
        options.update(plugin_options.get(name, {}))
        plugins.append({name: options} if options else name)
    config["plugins"] = plugins
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root


@pytest.mark.parametrize("name", ["links.yml", "browse.yml", "readability.yml"])
def test_every_check_reads_the_rules_folder_of_sendqa_frontmatter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """A broken file in ``rules/`` stops the build, naming that file: the check read it there,
    not in the ``checks/`` folder beside it."""
    monkeypatch.setenv("SENDQA_TODAY", TODAY)
    monkeypatch.setenv("SENDQA_EXTERNAL_LINKS", "false")
    root = _rules_project(tmp_path, {})
    (root / "rules" / name).write_text("- a list\n", encoding="utf-8")
    site = run_build(root)
    assert site.aborted is not None
    errors = [r.getMessage() for r in site.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert str(root / "rules" / name) in errors[0]


@pytest.mark.parametrize("name", ["sendqa/browse", "sendqa/links", "sendqa/plain-english"])
def test_an_older_rules_dir_of_another_plugin_says_where_it_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """The older option is not read; MkDocs says so with the plugin's name and what to do, and
    the check still reads the folder of sendqa/frontmatter."""
    monkeypatch.setenv("SENDQA_TODAY", TODAY)
    monkeypatch.setenv("SENDQA_EXTERNAL_LINKS", "false")
    root = _rules_project(tmp_path, {name: {"rules_dir": "old-rules"}})
    (root / "old-rules" / "links.yml").write_text("- a list\n", encoding="utf-8")  # never read
    site = run_build(root)
    assert site.aborted is None
    moved = [m for m in site.messages(logging.WARNING) if "rules_dir" in m]
    assert moved == [
        f"Config value 'plugins': Plugin '{name}' option 'rules_dir': 'rules_dir' is no longer "
        "read here: every check reads the rules folder set by 'rules_dir' of "
        "'sendqa/frontmatter' (default 'checks'); set it there if yours is another folder, "
        "and remove it from this plugin"
    ]


def test_other_plugins_without_rules_dir_give_no_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SENDQA_TODAY", TODAY)
    monkeypatch.setenv("SENDQA_EXTERNAL_LINKS", "false")
    site = run_build(_rules_project(tmp_path, {}))
    assert site.aborted is None
    assert not [m for m in site.messages(logging.WARNING) if "rules_dir" in m]
