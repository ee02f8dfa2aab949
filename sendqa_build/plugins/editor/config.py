"""Options of ``sendqa/editor``."""

from __future__ import annotations

from mkdocs.config import config_options as c

from sendqa_build.plugins.base import SendqaConfig


class EditorConfig(SendqaConfig):
    """Where the browser editor saves, and where its files come from."""

    enabled = c.Type(bool, default=False)
    """Off unless switched on: ``enabled: true`` publishes the editor at ``/admin/``."""

    backend = c.Choice(("github", "gitlab"), default="github")
    """The git host that holds the site's repository; editors sign in with it."""

    repo = c.Type(str, default="")
    """The repository on that host: ``your-council/local-offer``."""

    branch = c.Type(str, default="main")
    """The branch the site is built from; each edit becomes a pull (merge) request to it."""

    sign_in = c.Type(dict, default={})
    """More settings of the git host's sign-in, passed to the editor as they are: for GitLab
    ``{auth_type: pkce, app_id: ...}``; for GitHub through an OAuth helper ``{base_url: ...}``."""

    local_port = c.Type(int, default=8081)
    """Port of the local proxy (``npx decap-server``) for editing a copy on this computer."""

    files = c.Type(str, default="editor/node_modules/decap-cms/dist")
    """Folder of the editor's program (Decap CMS, installed by ``make editor-deps``), relative
    to mkdocs.yml."""
