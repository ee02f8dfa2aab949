"""Options of ``sendqa/opendata``."""

from __future__ import annotations

from mkdocs.config import config_options as c

from sendqa_build.plugins.base import SendqaConfig


class OpenDataConfig(SendqaConfig):
    """What files to publish and how service ids are made."""

    id_namespace = c.Optional(c.Type(str))
    """What every open data id is made from, with the page's ``id`` or path; default the
    ``site_url`` (else ``site_name``). Set it once and never change it, or every id changes:
    ``id_namespace: https://localoffer.wyvernshire.example.org/``."""

    services_file = c.Type(str, default="services.json")
    """The ORUK 3.0 services feed, relative to the built site: ``services_file: services.json``."""

    pages_file = c.Type(str, default="pages.json")
    """Each page's title, address, owner and review dates: ``pages_file: pages.json``."""

    cache_dir = c.Type(str, default=".sendqa-cache")
    """Where the last build's ids are kept (relative to mkdocs.yml), to warn when one changes:
    ``cache_dir: .sendqa-cache``."""
