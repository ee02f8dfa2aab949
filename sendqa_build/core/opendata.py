"""Open data: the services as Open Referral UK (ORUK 3.0) records, and a feed of review dates.

National and regional directories, family hubs and apps read ORUK; reminder bots read a
``pages.json`` like GOV.UK's tech-docs. Both are made from the front matter the site already has,
so a council that writes its services once in Markdown publishes them as open data for free.

Every id is a UUID (ORUK's ``format: uuid``) made with ``uuid5`` from a key that does not change
when a page is edited: the page's front matter ``id`` when given, else its path. A moved page keeps
its id when the editor adds ``id: <old path>``; the build warns when an id changes or disappears,
comparing with the ids of the last build (kept in ``.sendqa-cache/``).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from sendqa_build.core.site import PageRecord, SiteIndex
from sendqa_build.core.view import NEEDS_LABELS
from sendqa_build.models import Finding, Severity
from sendqa_build.pagecache import digest

CHECK = "opendata"
SENDQA_NAMESPACE = uuid.UUID("5c20e32d-5c47-461d-9d60-be844e7dcf6d")
"""Fixed for every sendqa site, so the same area of need has the same term id everywhere."""
ID_MAP_VERSION = 1
STATUS = {
    "active": "active",
    "temporarily-closed": "temporarily closed",
    "closed": "defunct",
}
"""Our ``status`` to ORUK's (``closed`` means it will not open again: ORUK ``defunct``)."""
NEED_CODES = (
    "communication-and-interaction",
    "cognition-and-learning",
    "social-emotional-and-mental-health",
    "sensory-and-physical",
)
NEEDS_TAXONOMY = "SEND Code of Practice 0 to 25 (2015) paragraph 6.28: broad areas of need"
PROVISION_TAXONOMY = "Local Offer requirements (Children and Families Act 2014 s30, sendqa)"
_FREE = re.compile(r"^\s*(free|no (cost|charge|fee)s?|nothing to pay|£\s?0(\.00)?\b)", re.I)
_POUNDS = re.compile(r"£\s?(\d[\d,]*(?:\.\d{1,2})?)")


def namespace_for(text: str) -> uuid.UUID:
    """The namespace of one site's ids: the text itself when it is a UUID, else uuid5 of it."""
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        return uuid.uuid5(SENDQA_NAMESPACE, "site:" + text.strip().lower().rstrip("/"))


def page_key(record: PageRecord) -> str:
    """What a page's id is made from: its front matter ``id``, else its path without ``.md``."""
    given = record.meta.get("id")
    if isinstance(given, str) and given.strip():
        return given.strip()
    return path_key(record.src)


def path_key(src: str) -> str:
    """``services/portage.md`` -> ``services/portage``; ``services/index.md`` -> ``services``."""
    key = src.removesuffix(".md")
    return key.removesuffix("/index") if key != "index" else key


def make_id(key: str, namespace: uuid.UUID) -> str:
    """The UUID for a key: the key itself when it already is one, else ``uuid5``."""
    try:
        return str(uuid.UUID(key))
    except ValueError:
        return str(uuid.uuid5(namespace, key))


def _child_id(parent: str, part: str) -> str:
    return str(uuid.uuid5(uuid.UUID(parent), part))


@dataclass(frozen=True)
class FeedContext:
    """Site-wide values the records need."""

    namespace: uuid.UUID
    site_name: str
    site_url: str | None = None
    area: str | None = None
    """The council's area (``extra.council.area``), the service area of ``area: local``."""
    requirement_titles: dict[str, str] = field(default_factory=dict)
    """Requirement id -> title, from ``checks/requirements.yml``."""

    def absolute(self, url: str) -> str | None:
        """The page's address on the published site, when ``site_url`` is known."""
        return urljoin(self.site_url, url) if self.site_url else None


@dataclass(frozen=True)
class IdEntry:
    """The id a service page had in one build."""

    id: str
    key: str
    title: str

    def as_dict(self) -> dict[str, str]:
        """JSON-ready form for the id map."""
        return {"id": self.id, "key": self.key, "title": self.title}


@dataclass
class Feed:
    """The ORUK records and the id of every service page."""

    records: list[dict[str, Any]]
    ids: dict[str, IdEntry]
    findings: list[Finding]


# ---------------------------------------------------------------------------------------------
# ORUK service records


def build_feed(index: SiteIndex, context: FeedContext, *, records: bool = True) -> Feed:
    """Make an ORUK 3.0 service record of every ``type: service`` page, in path order.

    A page whose id another page already has is left out, with a warning: ids must be unique.
    ``records=False`` gives only the ids and findings (the records, several KB a service, are
    made when they are written instead of being kept while the site is built).
    """
    ids: dict[str, IdEntry] = {}
    findings: list[Finding] = []
    owners: dict[str, str] = {}
    for record in index.of_type("service"):
        key = page_key(record)
        sid = make_id(key, context.namespace)
        if sid in owners:
            findings.append(
                Finding(
                    CHECK,
                    record.src,
                    record.result.line_of("id") if "id" in record.meta else 1,
                    Severity.WARNING,
                    f"the open data id '{key}' is also the id of '{owners[sid]}', so this "
                    "service is left out of services.json",
                    "give each service page its own 'id' (or remove the copied one)",
                )
            )
            continue
        owners[sid] = record.src
        ids[record.src] = IdEntry(sid, key, record.title)
    feed = Feed([], ids, findings)
    if records:
        feed.records = list(service_records(index, context, feed))
    return feed


def service_record(
    record: PageRecord,
    context: FeedContext,
    sid: str,
    *,
    section: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """One ORUK 3.0 service record (see the README's mapping table). Missing optional front
    matter leaves its fields out; ``id``, ``name`` and ``status`` are always there."""
    meta = record.meta
    raw_contact = meta.get("contact")
    contact: dict[str, str] = raw_contact if isinstance(raw_contact, dict) else {}
    provider = _text(meta.get("provider"))
    out: dict[str, Any] = {"id": sid}
    if provider:
        org = _organization(provider, context)
        out["organization_id"] = org["id"]
    out["name"] = record.title
    description = _description(record)
    if description:
        out["description"] = description
    url = contact.get("website") or context.absolute(record.url)
    if url:
        out["url"] = url
    if contact.get("email"):
        out["email"] = contact["email"]
    out["status"] = STATUS.get(str(meta.get("status", "active")), "active")
    cost = _text(meta.get("cost"))
    if cost:
        out["fees"] = cost
    for name in ("minimum_age", "maximum_age"):
        if isinstance(meta.get(name), int):
            out[name] = meta[name]
    if record.last_reviewed_on:
        out["assured_date"] = record.last_reviewed_on.isoformat()
    alert = _text(meta.get("status_note"))
    if alert:
        out["alert"] = alert
    # HSDS 3.0 service fields that the UK profile leaves out but allows; the same text is in
    # `description` for readers of the UK profile only.
    if _text(meta.get("eligibility")):
        out["eligibility_description"] = _text(meta.get("eligibility"))
    access = _access(meta)
    if access:
        out["application_process"] = access
    places = [p for p in meta.get("locations") or [] if isinstance(p, dict)]
    schedules = _schedules(meta.get("times"), sid, None)
    for number, place in enumerate(places):
        schedules += _schedules(place.get("times"), sid, _child_id(sid, f"at-location:{number}"))
    if schedules:
        out["schedules"] = schedules
    if meta.get("area") == "local" and context.area:
        out["service_areas"] = [
            {"id": _child_id(sid, "service-area"), "service_id": sid, "name": context.area}
        ]
    if places:
        region = context.area if meta.get("area") == "local" and context.area else ""
        out["service_at_locations"] = [
            _service_at_location(place, sid, number, region) for number, place in enumerate(places)
        ]
    if provider:
        out["organization"] = org
    if cost:
        out["cost_options"] = [_cost_option(cost, sid)]
    if contact.get("phone"):
        contact_id = _child_id(sid, "contact")
        out["contacts"] = [
            {
                "id": contact_id,
                "service_id": sid,
                "name": provider or record.title,
                "phones": [
                    {
                        "id": _child_id(sid, "phone"),
                        "contact_id": contact_id,
                        "number": contact["phone"],
                    }
                ],
            }
        ]
    attributes = _attributes(record, context, sid, section)
    if attributes:
        out["attributes"] = attributes
    return out


def _schedules(times: Any, sid: str, at_location: str | None) -> list[dict[str, Any]]:
    """ORUK ``schedules`` from checked ``times`` (days and hours read from the editor's words,
    which stay in ``description``). Times are local (UK) clock times, without an offset: the
    offset changes with the clocks, the opening hours do not."""
    out: list[dict[str, Any]] = []
    for number, opening in enumerate(times or []):
        key = f"schedule:{at_location or 'service'}:{number}"
        item: dict[str, Any] = {"id": _child_id(sid, key), "service_id": sid}
        if at_location:
            item["service_at_location_id"] = at_location
        item.update(
            {
                "freq": "WEEKLY",
                "byday": ",".join(opening["days"]),
                "description": opening["text"],
                "opens_at": opening["opens"],
                "closes_at": opening["closes"],
            }
        )
        if opening.get("note"):
            item["notes"] = opening["note"]
        out.append(item)
    return out


def _service_at_location(
    place: dict[str, Any], sid: str, number: int, region: str
) -> dict[str, Any]:
    """One ``service_at_locations`` item with its ``location``: name, map point, address
    (when the place has address, town and postcode) and ``accessibility`` notes."""
    link_id = _child_id(sid, f"at-location:{number}")
    location_id = _child_id(sid, f"location:{number}")
    location: dict[str, Any] = {"id": location_id, "location_type": "physical"}
    if place.get("name"):
        location["name"] = place["name"]
    if isinstance(place.get("latitude"), float) and isinstance(place.get("longitude"), float):
        location["latitude"] = place["latitude"]
        location["longitude"] = place["longitude"]
    if all(place.get(k) for k in ("address", "town", "postcode")):
        location["addresses"] = [
            {
                "id": _child_id(location_id, "address"),
                "location_id": location_id,
                "address_1": place["address"],
                "city": place["town"],
                "state_province": region,
                "postal_code": place["postcode"],
                "country": "GB",
                "address_type": "physical",
            }
        ]
    notes = place.get("accessibility") or []
    if notes:
        location["accessibility"] = [
            {
                "id": _child_id(location_id, f"accessibility:{index}"),
                "location_id": location_id,
                "description": note,
            }
            for index, note in enumerate(notes)
        ]
    return {"id": link_id, "service_id": sid, "location_id": location_id, "location": location}


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _access(meta: dict[str, Any]) -> str:
    """How to get the service, and who decides (where someone does)."""
    parts = []
    if _text(meta.get("how_to_access")):
        parts.append(_sentence(_text(meta.get("how_to_access"))))
    if _text(meta.get("decided_by")):
        parts.append("Who decides: " + _sentence(_text(meta.get("decided_by"))))
    return " ".join(parts)


def _description(record: PageRecord) -> str:
    meta = record.meta
    parts = [_text(meta.get("summary"))]
    if _text(meta.get("eligibility")):
        parts.append("Who can use it: " + _sentence(_text(meta.get("eligibility"))))
    if _text(meta.get("how_to_access")):
        parts.append("How to get it: " + _sentence(_text(meta.get("how_to_access"))))
    if _text(meta.get("decided_by")):
        parts.append("Who decides: " + _sentence(_text(meta.get("decided_by"))))
    return "\n\n".join(p for p in parts if p)


def _organization(provider: str, context: FeedContext) -> dict[str, Any]:
    key = "organization:" + " ".join(provider.lower().split())
    return {
        "id": str(uuid.uuid5(context.namespace, key)),
        "name": provider,
        "description": f"Provides services listed in the {context.site_name}.",
    }


def _cost_option(cost: str, sid: str) -> dict[str, Any]:
    option: dict[str, Any] = {"id": _child_id(sid, "cost-option"), "service_id": sid}
    amounts = {float(a.replace(",", "")) for a in _POUNDS.findall(cost)}
    if _FREE.match(cost):
        if not any(amounts):
            option["amount"] = 0  # "Free", "Free to families", "£0"
    elif len(amounts) == 1:
        amount = amounts.pop()  # "£12.50 a session"; several prices stay in words
        option["amount"] = int(amount) if amount.is_integer() else amount
    option["amount_description"] = cost
    return option


def _term(term_id: str, code: str, name: str, description: str, taxonomy: str) -> dict[str, Any]:
    return {
        "id": term_id,
        "name": name,
        "description": description,
        "taxonomy": taxonomy,
        "term": code,
    }


def _attributes(
    record: PageRecord, context: FeedContext, sid: str, section: tuple[str, str] | None
) -> list[dict[str, Any]]:
    """Taxonomy terms: the areas of need (``all`` gives all four) and the kind of provision
    (the requirements the page covers, ``outside-area`` for ``area: outside``, and the section
    of the site the page is in)."""
    terms: list[tuple[str, dict[str, Any]]] = []
    needs = list(record.meta.get("needs") or [])
    for code in NEED_CODES if "all" in needs else [n for n in NEED_CODES if n in needs]:
        label = NEEDS_LABELS[code]
        term_id = str(uuid.uuid5(SENDQA_NAMESPACE, "need:" + code))
        description = f"For children and young people whose needs are in {label.lower()}."
        terms.append(("eligibility", _term(term_id, code, label, description, NEEDS_TAXONOMY)))
    kinds = list(record.covers)
    if record.meta.get("area") == "outside" and "outside-area" not in kinds:
        kinds.append("outside-area")
    for req in kinds:
        title = context.requirement_titles.get(req, req)
        term_id = str(uuid.uuid5(SENDQA_NAMESPACE, "provision:" + req))
        terms.append(("service_type", _term(term_id, req, title, title + ".", PROVISION_TAXONOMY)))
    if section:
        folder, title = section
        term_id = str(uuid.uuid5(context.namespace, "section:" + folder))
        taxonomy = f"Sections of the {context.site_name}"
        description = f"Services in the '{title}' section of the {context.site_name}."
        terms.append(("service_type", _term(term_id, folder, title, description, taxonomy)))
    return [
        {
            "id": _child_id(sid, "attribute:" + term["id"]),
            "link_id": sid,
            "taxonomy_term_id": term["id"],
            "link_type": link_type,
            "taxonomy_term": term,
        }
        for link_type, term in terms
    ]


def _section(index: SiteIndex, src: str) -> tuple[str, str] | None:
    """The folder a page is in and its title: the folder's index page title, else its name in
    words."""
    if "/" not in src:
        return None
    folder = src.rsplit("/", 1)[0]
    home = index.get(folder + "/index.md")
    name = folder.rsplit("/", 1)[-1]
    title = home.title if home else name.replace("-", " ").replace("_", " ").capitalize()
    return folder, title


def services_json(records: list[dict[str, Any]]) -> str:
    """``services.json``: one page of the ORUK 3.0 API's ``GET /services``, holding every
    service in full."""
    return "".join(services_json_parts(records, len(records)))


def services_json_parts(records: Iterable[dict[str, Any]], total: int) -> Iterator[str]:
    """``services_json`` in parts, one record at a time, so a large Local Offer's feed is
    written without holding every record (several KB a service) at once.

    Each service is one line of the ``contents`` list (JSON strings never hold a raw line
    break): easy to read and compare, and written by the json module's fast encoder, which an
    indented layout would not use.
    """
    page = {
        "total_items": total,
        "total_pages": 1,
        "page_number": 1,
        "size": total,
        "first_page": True,
        "last_page": True,
        "empty": not total,
    }
    head = json.dumps(page, ensure_ascii=False).removesuffix("}")
    if not total:
        yield head + ', "contents": []}\n'
        return
    yield head + ', "contents": ['
    separator = "\n"
    for record in records:
        yield separator + json.dumps(record, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


def service_records(index: SiteIndex, context: FeedContext, feed: Feed) -> Iterator[dict[str, Any]]:
    """The ORUK record of each service in ``feed`` (made with ``records=False``), made one at a
    time, in the feed's order."""
    for src, entry in feed.ids.items():
        record = index.get(src)
        if record is not None:
            yield service_record(record, context, entry.id, section=_section(index, src))


def feeds_inputs(index: SiteIndex, context: FeedContext, feed: Feed) -> str:
    """A hash of everything ``services.json`` and ``pages.json`` are made from: the site-wide
    values, every service's id, and each page's path, address, title, front matter and review
    date (a build whose hash is the last build's writes the same two files)."""
    parts = [repr(context), repr(list(feed.ids.items()))]
    for record in index:
        parts += [record.src, record.url, record.title, repr(record.meta), repr(record.review_by)]
    return digest(*parts)


# ---------------------------------------------------------------------------------------------
# pages.json


def pages_json(index: SiteIndex, context: FeedContext) -> str:
    """``pages.json``: each page's title, address, owner and review dates, for reminder bots
    (the idea of GOV.UK tech-docs' ``/api/pages.json``)."""
    pages = []
    for record in index:
        review_by = record.review_by
        pages.append(
            {
                "title": record.title,
                "url": context.absolute(record.url) or "/" + record.url,
                "page": record.src,
                "type": record.page_type,
                "owner": record.owner,
                "last_reviewed_on": record.last_reviewed_on.isoformat()
                if record.last_reviewed_on
                else None,
                "review_by": review_by.isoformat() if review_by else None,
            }
        )
    # One page a line, as in services.json.
    return "[\n" + ",\n".join(json.dumps(page, ensure_ascii=False) for page in pages) + "\n]\n"


# ---------------------------------------------------------------------------------------------
# Stable ids


@dataclass(frozen=True)
class IdMap:
    """The ids of one build: the namespace, each service page's id by path, and the ids
    published by earlier builds but not this one (so putting an old id back is not a change)."""

    namespace: str
    pages: dict[str, IdEntry]
    retired: dict[str, IdEntry] = field(default_factory=dict)
    """Earlier ids no page has now, by id."""

    def known(self, sid: str) -> bool:
        """True when this id was published by this build or an earlier one."""
        return sid in self.retired or any(e.id == sid for e in self.pages.values())

    def after(self, previous: IdMap | None) -> IdMap:
        """This build's map with the history of ``previous`` carried over, to be saved."""
        if previous is None or previous.namespace != self.namespace:
            return self
        now = {e.id for e in self.pages.values()}
        retired = {i: e for i, e in previous.retired.items() if i not in now}
        retired.update({e.id: e for e in previous.pages.values() if e.id not in now})
        return IdMap(self.namespace, self.pages, retired)

    def to_json(self) -> str:
        """The file kept in ``.sendqa-cache/`` for the next build to compare with."""
        data = {
            "version": ID_MAP_VERSION,
            "namespace": self.namespace,
            "pages": {src: entry.as_dict() for src, entry in sorted(self.pages.items())},
            "retired": [entry.as_dict() for _, entry in sorted(self.retired.items())],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> IdMap | None:
        """Read a saved map; None when it is not one (a damaged cache is simply forgotten)."""
        try:
            data = json.loads(text)
            pages = {str(src): _entry(e) for src, e in data["pages"].items()}
            retired = [_entry(e) for e in data.get("retired", [])]
            return cls(str(data["namespace"]), pages, {e.id: e for e in retired})
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None  # RecursionError: lists nested thousands deep


def _entry(data: dict[str, Any]) -> IdEntry:
    return IdEntry(str(data["id"]), str(data["key"]), str(data.get("title", "")))


def compare_ids(
    previous: IdMap | None, current: IdMap, index: SiteIndex | None = None
) -> list[Finding]:
    """Warn when a service's id changed since the last build, or an id is no longer published.

    Directories that copied the feed match services by id: a changed id looks to them like one
    service closing and a new one opening. Each change is reported once (the next build
    compares with this one); putting back an id an earlier build published is not a change.
    """
    if previous is None:
        return []
    if previous.namespace != current.namespace:
        return [
            Finding(
                CHECK,
                None,
                None,
                Severity.WARNING,
                f"every open data id changed, because the id namespace changed from "
                f"'{previous.namespace}' to '{current.namespace}' (the site_url, or "
                "'id_namespace' of sendqa/opendata)",
                f"set 'id_namespace: {previous.namespace}' under sendqa/opendata in mkdocs.yml "
                "to keep the old ids",
            )
        ]
    findings: list[Finding] = []
    now_ids = {entry.id for entry in current.pages.values()}
    new_pages = {src: e for src, e in current.pages.items() if src not in previous.pages}
    for src, old in sorted(previous.pages.items()):
        new = current.pages.get(src)
        line = _id_line(index, src)
        if new is not None and new.id != old.id and not previous.known(new.id):
            findings.append(
                Finding(
                    CHECK,
                    src,
                    line,
                    Severity.WARNING,
                    f"the page's open data id changed (it was made from '{old.key}', now from "
                    f"'{new.key}'), so directories will see it as a new service",
                    f"set 'id: {old.key}' in its front matter to keep the old id, unless this "
                    "is a different service now",
                )
            )
        elif new is None and old.id not in now_ids:
            moved = [s for s, e in sorted(new_pages.items()) if e.title == old.title]
            if moved:
                findings.append(
                    Finding(
                        CHECK,
                        moved[0],
                        _id_line(index, moved[0]),
                        Severity.WARNING,
                        f"this looks like '{src}' moved here, but its open data id changed "
                        f"(it was made from '{old.key}')",
                        f"add 'id: {old.key}' to its front matter to keep the id",
                    )
                )
            else:
                findings.append(
                    Finding(
                        CHECK,
                        None,
                        None,
                        Severity.WARNING,
                        f"the service '{old.title}' ('{src}') is no longer in services.json "
                        f"(its id was made from '{old.key}')",
                        f"if it moved, add 'id: {old.key}' to its front matter; if it closed, "
                        "keep the page with 'status: closed' so directories learn that it closed",
                    )
                )
    return findings


def _id_line(index: SiteIndex | None, src: str) -> int:
    record = index.get(src) if index else None
    if record is None or "id" not in record.meta:
        return 1
    return record.result.line_of("id")
