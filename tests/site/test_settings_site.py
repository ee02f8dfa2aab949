"""One ``checks/`` folder for every check: ``rules_dir`` of sendqa/frontmatter, and the older
``rules_dir`` of other plugins named when it points elsewhere (issue 25)."""

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


def test_an_older_rules_dir_of_another_plugin_is_named_not_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SENDQA_TODAY", TODAY)
    monkeypatch.setenv("SENDQA_EXTERNAL_LINKS", "false")
    root = _rules_project(tmp_path, {"sendqa/browse": {"rules_dir": "old-rules"}})
    site = run_build(root)
    assert site.aborted is None
    assert [m for m in site.sendqa() if "rules_dir" in m] == [
        "'rules_dir' of 'sendqa/browse' in mkdocs.yml is 'old-rules', but every check now reads "
        "the folder set by 'rules_dir' of 'sendqa/frontmatter' ('rules'); move the setting "
        "there and remove it from 'sendqa/browse'"
    ]


def test_the_default_rules_dir_of_other_plugins_gives_no_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``checks/`` (the default, which must exist for the older options) is not a setting."""
    monkeypatch.setenv("SENDQA_TODAY", TODAY)
    monkeypatch.setenv("SENDQA_EXTERNAL_LINKS", "false")
    site = run_build(_rules_project(tmp_path, {}))
    assert site.aborted is None
    assert not [m for m in site.sendqa() if "rules_dir" in m]
