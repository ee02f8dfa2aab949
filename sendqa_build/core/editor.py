"""The browser editor's configuration (Decap CMS ``config.yml``), made from the page types.

Editors who never touch git fill in a form instead of writing front matter. The form must ask for
exactly what the checks expect, so it is generated on every build from ``checks/page-types.yml``
and the requirement catalogue: each field gets the widget that can only hold a valid value
(a date picker for dates, whole numbers 0 to 25 for ages, the allowed choices for needs), the
same plain-words hint as ``sendqa new``, and is marked required when the checks require it.

Pages are grouped as they are in ``content/``: one collection per folder. A folder holding more
than one page type gets one collection per type, told apart by each page's ``type``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sendqa_build.core.frontmatter import PageTypes
from sendqa_build.core.frontmatter.rules import FieldSpec
from sendqa_build.core.pagefile import body_template
from sendqa_build.core.requirements import Catalogue

DATE_WIDGET = "sendqa-date"
"""Our own date widget (admin/sendqa-editor.js): stores ``YYYY-MM-DD`` as the checks read it,
and on ``last_reviewed_on`` offers "Mark as reviewed today"."""

LINES_WIDGET = "sendqa-lines"
"""Our own widget for a few short lines (opening times, accessibility notes), written in pages
either as one line of text or as a list."""

REVIEW_FIELD = "last_reviewed_on"
REVIEWER_FIELD = "reviewed_by"
HIDDEN = frozenset({"type", "id"})
"""Fields the form does not show: ``type`` is set by the collection, ``id`` is kept as it is."""

TYPE_LABELS = {"guide": "Guides", "service": "Services", "you-said-we-did": "You said, we did"}


@dataclass(frozen=True)
class Backend:
    """Where the editor saves: the council's git host (authentication is the host's)."""

    name: str = "github"
    repo: str = ""
    branch: str = "main"
    local_port: int = 8081
    """Port of the local proxy (``npx decap-server``) for editing a local copy."""
    sign_in: Mapping[str, Any] = field(default_factory=dict)
    """The host's sign-in settings (``app_id``, ``auth_type``, ``base_url`` ...), as given."""


@dataclass(frozen=True)
class EditorPage:
    """What the editor needs to know of an existing page."""

    src: str
    """Path under the docs folder (``services/portage.md``)."""
    page_type: str
    title: str


def folder_types(pages: Sequence[EditorPage]) -> dict[str, list[str]]:
    """Page types found in each folder, in a stable order: ``{"services": ["service"]}``."""
    found: dict[str, set[str]] = {}
    for page in pages:
        found.setdefault(page.src.rpartition("/")[0], set()).add(page.page_type)
    return {folder: sorted(types) for folder, types in sorted(found.items())}


def editor_config(
    rules: PageTypes,
    catalogue: Catalogue,
    pages: Sequence[EditorPage],
    *,
    docs_dir: str,
    backend: Backend,
    site_name: str = "",
) -> dict[str, Any]:
    """The whole Decap CMS configuration, ready to write as YAML."""
    collections = []
    for folder, types in folder_types(pages).items():
        for page_type in types:
            if len(types) == 1 or page_type != "guide":
                collection = _collection(rules, catalogue, folder, page_type, docs_dir)
                if len(types) > 1:
                    collection["filter"] = {"field": "type", "value": page_type}
            else:
                # Guides often leave 'type' out, so a filter on it would miss them: in a
                # folder shared with other types they are listed one by one instead.
                here = [p for p in pages if p.src.rpartition("/")[0] == folder]
                collection = _file_collection(rules, catalogue, folder, here, docs_dir)
            collections.append(collection)
    config: dict[str, Any] = {
        "backend": {"name": backend.name, "branch": backend.branch},
        "local_backend": {
            "url": f"http://127.0.0.1:{backend.local_port}/api/v1",
            "allowed_hosts": ["127.0.0.1", "localhost"],
        },
        "publish_mode": "editorial_workflow",
        "media_folder": f"{docs_dir}/assets/images",
        "public_folder": "/assets/images",
        "show_preview_links": False,
        "collections": collections,
    }
    if backend.repo:
        config["backend"]["repo"] = backend.repo
    config["backend"].update({str(k): v for k, v in backend.sign_in.items()})
    if site_name:
        config["app_title"] = site_name
    return config


def _names(folder: str, page_type: str) -> tuple[str, str, str]:
    """The collection's name, label and singular label."""
    kind = TYPE_LABELS.get(page_type, page_type.replace("-", " ").capitalize())
    parts = folder.split("/") if folder else []
    if parts and parts[0].replace("-", " ").casefold() == kind.casefold():
        parts = parts[1:]  # "Services: early years", not "Services: services / early years"
    where = " / ".join(parts).replace("-", " ") if parts else ("top level" if not folder else "all")
    name = "-".join(part for part in [folder.replace("/", "-"), page_type] if part)
    singular = kind[:-1] if kind.endswith("s") else kind
    return name, f"{kind}: {where}", singular


def _collection(
    rules: PageTypes, catalogue: Catalogue, folder: str, page_type: str, docs_dir: str
) -> dict[str, Any]:
    name, label, singular = _names(folder, page_type)
    return {
        "name": name,
        "label": label,
        "label_singular": singular,
        "folder": f"{docs_dir}/{folder}" if folder else docs_dir,
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "slug": "{{slug}}",
        "summary": "{{title}}",
        "sortable_fields": ["title", REVIEW_FIELD],
        "editor": {"preview": False},
        "fields": fields_for(rules, catalogue, page_type),
    }


def _file_collection(
    rules: PageTypes,
    catalogue: Catalogue,
    folder: str,
    pages: Sequence[EditorPage],
    docs_dir: str,
) -> dict[str, Any]:
    name, label, _ = _names(folder, "guide")
    fields = fields_for(rules, catalogue, "guide")
    return {
        "name": name,
        "label": label,
        "extension": "md",
        "format": "yaml-frontmatter",
        "editor": {"preview": False},
        "files": [
            {
                "name": page.src.rpartition("/")[2].removesuffix(".md"),
                "label": page.title,
                "file": f"{docs_dir}/{page.src}",
                "fields": fields,
            }
            for page in sorted(pages, key=lambda p: p.src)
            if page.page_type == "guide"
        ],
    }


def fields_for(rules: PageTypes, catalogue: Catalogue, page_type: str) -> list[dict[str, Any]]:
    """The form's fields for one page type, in the order of ``page-types.yml``, then the body."""
    fields = []
    for spec in rules.fields_for(page_type).values():
        if spec.name == "type":
            fields.append({"name": "type", "label": "Page type", "widget": "hidden"})
            fields[-1]["default"] = page_type
            continue
        if spec.name in HIDDEN:
            continue
        fields.append(_field(spec, rules, catalogue))
    fields.append(
        {
            "name": "body",
            "label": "Page text",
            "widget": "markdown",
            "hint": "Short, plain sentences. Use the headings the page needs.",
            "default": body_template(page_type, rules),
        }
    )
    return fields


def _label(spec: FieldSpec) -> str:
    special = {
        "last_reviewed_on": "Last checked as correct on",
        "covers": "What the law asks for that this page covers",
        "reviewed_by": "Checked by",
    }
    return special.get(spec.name, spec.name.replace("_", " ").capitalize())


def _field(spec: FieldSpec, rules: PageTypes, catalogue: Catalogue) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": spec.name,
        "label": _label(spec),
        "required": spec.required,
        "hint": spec.help,
    }
    field.update(_widget(spec, rules, catalogue))
    return field


def _widget(spec: FieldSpec, rules: PageTypes, catalogue: Catalogue) -> dict[str, Any]:
    kind = spec.kind
    if kind == "text":
        return {"widget": "text" if spec.multiline else "string"}
    if kind == "date":
        widget: dict[str, Any] = {"widget": DATE_WIDGET}
        if spec.name == REVIEW_FIELD:
            widget["review_button"] = True
        return widget
    if kind == "duration":
        # Free text, as the checks accept many ways of writing a period ('six months',
        # '1 year', 'P6M'); a pattern here would refuse some that the checks allow.
        return {"widget": "string"}
    if kind == "age":
        return {"widget": "number", "value_type": "int", "min": 0, "max": 25, "step": 1}
    if kind in ("choice", "choices"):
        return {
            "widget": "select",
            "options": list(spec.choices),
            "multiple": kind == "choices",
            **({"default": spec.default} if spec.default is not None else {}),
        }
    if kind == "requirement-ids":
        return {
            "widget": "select",
            "multiple": True,
            "options": [{"label": r.title, "value": r.id} for r in catalogue.requirements],
        }
    if kind == "contact":
        return {
            "widget": "object",
            "collapsed": False,
            "fields": [
                {"name": key, "label": key.capitalize(), "widget": "string", "required": False}
                for key in ("phone", "email", "website")
            ],
        }
    if kind == "times":
        return _times_widget()
    if kind == "locations":
        return {
            "widget": "list",
            "label_singular": "place",
            "summary": "{{fields.name}}",
            "fields": _place_fields(),
        }
    if kind == "responses":
        return {
            "widget": "list",
            "label_singular": "response",
            "summary": "{{fields.you_said}}",
            "fields": _response_fields(rules.response_statuses),
        }
    raise ValueError(f"the browser editor has no widget for fields of kind '{kind}'")


def _response_fields(statuses: Sequence[str]) -> list[dict[str, Any]]:
    return [
        {
            "name": "you_said",
            "label": "You said",
            "widget": "text",
            "hint": "What people told us, in their words, with nothing that could identify anyone.",
        },
        {
            "name": "we_did",
            "label": "We did",
            "widget": "text",
            "hint": "What the council did or will do about it.",
        },
        {
            "name": "status",
            "label": "Status",
            "widget": "select",
            "required": False,
            "options": list(statuses),
        },
    ]


def _times_widget() -> dict[str, Any]:
    """Opening times, one line each as a leaflet writes them (``Monday to Friday, 9am to
    5pm``), in our lines widget: pages write one line as text and several as a list."""
    return {"widget": LINES_WIDGET}


def _place_fields() -> list[dict[str, Any]]:
    """One place where the service is given (``LOCATION_KEYS``; only the name is needed)."""

    def text(name: str, label: str, hint: str = "") -> dict[str, Any]:
        field = {"name": name, "label": label, "widget": "string", "required": False}
        return {**field, "hint": hint} if hint else field

    def degrees(name: str, label: str) -> dict[str, Any]:
        return {
            "name": name,
            "label": label,
            "widget": "number",
            "value_type": "float",
            "required": False,
            "hint": "For 'nearest to me': the map point in decimal degrees, such as 52.1936.",
        }

    return [
        {"name": "name", "label": "Name of the place", "widget": "string"},
        text("address", "Address", "The street address, such as 12 Mill Lane."),
        text("town", "Town"),
        text("postcode", "Postcode"),
        degrees("latitude", "Latitude"),
        degrees("longitude", "Longitude"),
        {
            "name": "accessibility",
            "label": "Accessibility",
            "widget": LINES_WIDGET,
            "required": False,
            "hint": "One note a line, such as step-free access or a Changing Places toilet.",
        },
        {**_times_widget(), "name": "times", "label": "Opening times here", "required": False},
    ]
