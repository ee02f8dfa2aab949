"""Open data on literal pages (no MkDocs): the ORUK mapping of every field, stable ids, warnings
when an id changes, and pages.json."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from sendqa_build.core.durations import parse_duration
from sendqa_build.core.frontmatter import PageTypes
from sendqa_build.core.opendata import (
    FeedContext,
    IdEntry,
    IdMap,
    build_feed,
    compare_ids,
    make_id,
    namespace_for,
    page_key,
    pages_json,
    path_key,
    services_json,
    services_json_parts,
)
from sendqa_build.core.requirements import load_catalogue
from sendqa_build.core.site import SiteIndex, build_index
from sendqa_build.models import Severity
from sendqa_build.rules import load_rules_file
from tests.conftest import ROOT, guide_page

TODAY = dt.date(2026, 12, 1)
SCHEMAS = ROOT / "tests" / "schemas" / "oruk-3.0"
SITE_URL = "https://localoffer.wyvernshire.example.org/"
PAGE_TYPES = PageTypes.from_data(
    load_rules_file(ROOT / "checks" / "page-types.yml"), ROOT / "checks" / "page-types.yml"
)
CATALOGUE = load_catalogue(ROOT / "checks" / "requirements.yml")
CONTEXT = FeedContext(
    namespace=namespace_for(SITE_URL),
    site_name="Wyvernshire SEND Local Offer",
    site_url=SITE_URL,
    area="Wyvernshire",
    requirement_titles={r.id: r.title for r in CATALOGUE.requirements},
)

FULL = """---
title: Portage home visiting
summary: Home visits that help young children learn through play
type: service
owner: Early Years SEND Team
last_reviewed_on: 2026-09-01
review_in: 6 months
provider: Wyvernshire Council
minimum_age: 0
maximum_age: 5
needs: [communication-and-interaction, cognition-and-learning]
area: local
eligibility: Children under 5 with special educational needs who live in Wyvernshire
how_to_access: Ask your health visitor to refer you.
decided_by: The Early Years SEND Team
cost: £12.50 a session
status: temporarily-closed
status_note: Not taking new families until March.
covers: [education]
contact:
  phone: 01632 960 123
  email: portage@wyvernshire.example.org
  website: https://www.wyvernshire.example.org/portage
---

## What the service offers

Play.
"""

MINIMAL = """---
title: Sleep clinic
summary: Help with sleep.
type: service
owner: Health Team
last_reviewed_on: 2026-08-01
provider: NHS Trust
minimum_age: 2
maximum_age: 18
needs: [all]
area: outside
eligibility: Open to all
how_to_access: Ask your GP.
cost: Free
contact:
  email: sleep@nhs.example.org
---

Text.
"""


def validator(name: str = "compiled-service.json") -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_valid(record: dict[str, Any]) -> None:
    """Valid ORUK 3.0, phones included (the UK profile's phone.json)."""
    errors = [e.message for e in validator().iter_errors(record)]
    assert errors == [], errors
    phones = validator("phone.json")
    for contact in record.get("contacts", []):
        for phone in contact.get("phones", []):
            assert [e.message for e in phones.iter_errors(phone)] == []


def index_of(pages: dict[str, str]) -> SiteIndex:
    sources = []
    for src, text in pages.items():
        url = "" if src == "index.md" else src.removesuffix(".md").removesuffix("index") + "/"
        sources.append((src, url.replace("//", "/"), text, []))
    return build_index(
        sources,
        PAGE_TYPES,
        today=TODAY,
        default_review=parse_duration("12 months"),
        known_requirements=CATALOGUE.ids,
    )


def records(pages: dict[str, str]) -> list[dict[str, Any]]:
    index = index_of(pages)
    assert index.findings() == []
    return build_feed(index, CONTEXT).records


def sid(key: str) -> str:
    """The id the README promises: uuid5(uuid5(SENDQA namespace, 'site:' + site_url), key)."""
    site = uuid.uuid5(uuid.UUID("5c20e32d-5c47-461d-9d60-be844e7dcf6d"), "site:" + SITE_URL[:-1])
    return str(uuid.uuid5(site, key))


# ---------------------------------------------------------------------------------------------
# Ids


def test_ids_are_uuid5_of_the_key_in_the_site_namespace() -> None:
    assert make_id("services/portage", CONTEXT.namespace) == sid("services/portage")
    assert uuid.UUID(sid("services/portage")).version == 5
    given = "0b8f8d8e-5a43-4b38-9a55-3d6b3f4a5a01"
    assert make_id(given.upper(), CONTEXT.namespace) == given  # an id that is a UUID is kept
    assert namespace_for(SITE_URL) == namespace_for("HTTPS://localoffer.wyvernshire.example.org")
    assert namespace_for(given) == uuid.UUID(given)


@pytest.mark.parametrize(
    ("src", "key"),
    [
        ("services/portage.md", "services/portage"),
        ("services/index.md", "services"),
        ("index.md", "index"),
    ],
)
def test_path_keys(src: str, key: str) -> None:
    assert path_key(src) == key


def test_front_matter_id_wins_over_the_path() -> None:
    index = index_of({"a/portage.md": FULL.replace("type: service", "type: service\nid: portage")})
    record = index.get("a/portage.md")
    assert record is not None
    assert page_key(record) == "portage"
    assert build_feed(index, CONTEXT).records[0]["id"] == sid("portage")


def test_moving_a_page_with_an_id_keeps_its_id() -> None:
    page = FULL.replace("type: service", "type: service\nid: services/portage")
    before = records({"services/portage.md": FULL})[0]
    after = records({"services/early-years/portage-home-visiting.md": page})[0]
    assert after["id"] == before["id"] == sid("services/portage")
    # Editing the page changes nothing but the edited fields.
    edited = records({"services/portage.md": FULL.replace("Play.", "Play and songs.")})[0]
    assert edited == before


def test_a_copied_id_is_a_warning_and_left_out() -> None:
    page = FULL.replace("type: service", "type: service\nid: portage")
    index = index_of({"a.md": page, "b.md": page})
    feed = build_feed(index, CONTEXT)
    assert [r["id"] for r in feed.records] == [sid("portage")]
    assert [f.format("content") for f in feed.findings] == [
        "content/b.md:5: the open data id 'portage' is also the id of 'a.md', so this service is "
        "left out of services.json; give each service page its own 'id' (or remove the copied "
        "one)"
    ]
    # Without records (while the site is built): the same ids and findings.
    light = build_feed(index, CONTEXT, records=False)
    assert (light.records, light.ids, light.findings) == ([], feed.ids, feed.findings)


def previous_map(**pages: tuple[str, str]) -> IdMap:
    entries = {src: IdEntry(sid(key), key, title) for src, (key, title) in pages.items()}
    return IdMap(str(CONTEXT.namespace), entries)


def compare(previous: IdMap | None, pages: dict[str, str]) -> list[str]:
    index = index_of(pages)
    feed = build_feed(index, CONTEXT)
    current = IdMap(str(CONTEXT.namespace), feed.ids)
    return [f.format("content") for f in compare_ids(previous, current, index)]


def test_no_previous_build_no_warning() -> None:
    assert compare(None, {"s/portage.md": FULL}) == []


def test_same_ids_no_warning() -> None:
    previous = previous_map(**{"s/portage.md": ("s/portage", "Portage home visiting")})
    assert compare(previous, {"s/portage.md": FULL}) == []


def test_changed_id_is_a_warning() -> None:
    previous = previous_map(**{"s/portage.md": ("s/portage", "Portage home visiting")})
    page = FULL.replace("type: service", "type: service\nid: portage-visits")
    assert compare(previous, {"s/portage.md": page}) == [
        "content/s/portage.md:5: the page's open data id changed (it was made from 's/portage', "
        "now from 'portage-visits'), so directories will see it as a new service; set "
        "'id: s/portage' in its front matter to keep the old id, unless this is a different "
        "service now"
    ]


def test_moved_page_without_id_is_a_warning_on_the_new_page() -> None:
    previous = previous_map(**{"s/portage.md": ("s/portage", "Portage home visiting")})
    assert compare(previous, {"s/early/portage.md": FULL}) == [
        "content/s/early/portage.md:1: this looks like 's/portage.md' moved here, but its open "
        "data id changed (it was made from 's/portage'); add 'id: s/portage' to its front matter "
        "to keep the id"
    ]
    # With the id added at its new place there is nothing to say.
    page = FULL.replace("type: service", "type: service\nid: s/portage")
    assert compare(previous, {"s/early/portage.md": page}) == []


def test_vanished_service_is_a_warning() -> None:
    previous = previous_map(**{"s/old.md": ("s/old", "Old club")})
    found = compare(previous, {"s/portage.md": FULL})
    assert found == [
        "the service 'Old club' ('s/old.md') is no longer in services.json (its id was made from "
        "'s/old'); if it moved, add 'id: s/old' to its front matter; if it closed, keep the page "
        "with 'status: closed' so directories learn that it closed"
    ]


def test_namespace_change_is_one_warning() -> None:
    previous = IdMap("11111111-2222-4333-8444-555555555555", {})
    index = index_of({"s/portage.md": FULL})
    current = IdMap(str(CONTEXT.namespace), build_feed(index, CONTEXT).ids)
    found = compare_ids(previous, current, index)
    assert [(f.severity, f.page) for f in found] == [(Severity.WARNING, None)]
    assert "id_namespace: 11111111-2222-4333-8444-555555555555" in found[0].fix


def test_putting_back_an_earlier_id_is_not_a_change() -> None:
    first = previous_map(**{"s/sleep.md": ("s/sleep", "Sleep clinic")})
    moved = previous_map(**{"h/sleep.md": ("h/sleep", "Sleep clinic")}).after(first)
    assert list(moved.retired) == [sid("s/sleep")]
    page = MINIMAL.replace("type: service", "type: service\nid: s/sleep")
    assert compare(moved, {"h/sleep.md": page}) == []
    # Once it is published again it is no longer retired.
    index = index_of({"h/sleep.md": page})
    again = IdMap(str(CONTEXT.namespace), build_feed(index, CONTEXT).ids).after(moved)
    assert list(again.retired) == [sid("h/sleep")]


def test_id_map_round_trip_and_damaged_files() -> None:
    saved = previous_map(**{"s/portage.md": ("s/portage", "Portage")})
    assert IdMap.from_json(saved.to_json()) == saved
    history = previous_map(**{"s/new.md": ("s/new", "New")}).after(saved)
    assert IdMap.from_json(history.to_json()) == history
    for damaged in ("", "{", "[]", '{"namespace": "x"}', '{"namespace": "x", "pages": {"a": 1}}'):
        assert IdMap.from_json(damaged) is None


# ---------------------------------------------------------------------------------------------
# The ORUK mapping


def test_every_field_is_mapped() -> None:
    (record,) = records({"services/early-years/portage.md": FULL})
    me = sid("services/early-years/portage")
    org = str(uuid.uuid5(CONTEXT.namespace, "organization:wyvernshire council"))
    assert_valid(record)
    assert {k: v for k, v in record.items() if k not in ("attributes",)} == {
        "id": me,
        "organization_id": org,
        "name": "Portage home visiting",
        "description": (
            "Home visits that help young children learn through play\n\n"
            "Who can use it: Children under 5 with special educational needs who live in "
            "Wyvernshire.\n\n"
            "How to get it: Ask your health visitor to refer you.\n\n"
            "Who decides: The Early Years SEND Team."
        ),
        "url": "https://www.wyvernshire.example.org/portage",
        "email": "portage@wyvernshire.example.org",
        "status": "temporarily closed",
        "fees": "£12.50 a session",
        "minimum_age": 0,
        "maximum_age": 5,
        "assured_date": "2026-09-01",
        "alert": "Not taking new families until March.",
        "eligibility_description": (
            "Children under 5 with special educational needs who live in Wyvernshire"
        ),
        "application_process": (
            "Ask your health visitor to refer you. Who decides: The Early Years SEND Team."
        ),
        "service_areas": [
            {
                "id": str(uuid.uuid5(uuid.UUID(me), "service-area")),
                "service_id": me,
                "name": "Wyvernshire",
            }
        ],
        "organization": {
            "id": org,
            "name": "Wyvernshire Council",
            "description": "Provides services listed in the Wyvernshire SEND Local Offer.",
        },
        "cost_options": [
            {
                "id": str(uuid.uuid5(uuid.UUID(me), "cost-option")),
                "service_id": me,
                "amount": 12.5,
                "amount_description": "£12.50 a session",
            }
        ],
        "contacts": [
            {
                "id": str(uuid.uuid5(uuid.UUID(me), "contact")),
                "service_id": me,
                "name": "Wyvernshire Council",
                "phones": [
                    {
                        "id": str(uuid.uuid5(uuid.UUID(me), "phone")),
                        "contact_id": str(uuid.uuid5(uuid.UUID(me), "contact")),
                        "number": "01632 960 123",
                    }
                ],
            }
        ],
    }
    terms = [
        (a["link_type"], a["taxonomy_term"]["term"], a["taxonomy_term"]["name"])
        for a in record["attributes"]
    ]
    assert terms == [
        ("eligibility", "communication-and-interaction", "Communication and interaction"),
        ("eligibility", "cognition-and-learning", "Cognition and learning"),
        ("service_type", "education", CONTEXT.requirement_titles["education"]),
        ("service_type", "services/early-years", "Early years"),
    ]
    for attribute in record["attributes"]:
        assert attribute["link_id"] == me
        assert attribute["taxonomy_term_id"] == attribute["taxonomy_term"]["id"]
    # Areas of need have the same term id on every sendqa site.
    other = FeedContext(namespace=namespace_for("https://other.example.org/"), site_name="Other")
    index = index_of({"services/early-years/portage.md": FULL})
    other_terms = build_feed(index, other).records[0]["attributes"]
    assert other_terms[0]["taxonomy_term_id"] == record["attributes"][0]["taxonomy_term_id"]
    assert other_terms[3]["taxonomy_term_id"] != record["attributes"][3]["taxonomy_term_id"]


def test_service_with_missing_optional_data() -> None:
    (record,) = records({"sleep.md": MINIMAL})
    assert_valid(record)
    me = sid("sleep")
    assert set(record) == {
        "id",
        "organization_id",
        "name",
        "description",
        "url",
        "email",
        "status",
        "fees",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "eligibility_description",
        "application_process",
        "organization",
        "cost_options",
        "attributes",
    }
    assert record["url"] == SITE_URL + "sleep/"  # no website: the Local Offer page
    assert record["status"] == "active"
    assert record["application_process"] == "Ask your GP."
    assert record["cost_options"] == [
        {
            "id": str(uuid.uuid5(uuid.UUID(me), "cost-option")),
            "service_id": me,
            "amount": 0,
            "amount_description": "Free",
        }
    ]
    terms = [a["taxonomy_term"]["term"] for a in record["attributes"]]
    assert terms == [
        "communication-and-interaction",
        "cognition-and-learning",
        "social-emotional-and-mental-health",
        "sensory-and-physical",
        "outside-area",
    ]


def test_a_broken_service_page_still_gives_a_valid_record() -> None:
    broken = "---\ntitle: Half a page\ntype: service\nminimum_age: twelve\n---\nText.\n"
    context = FeedContext(namespace=CONTEXT.namespace, site_name="S")  # no site_url
    (record,) = build_feed(index_of({"half.md": broken}), context).records
    assert record == {"id": sid("half"), "name": "Half a page", "status": "active"}
    assert_valid(record)


@pytest.mark.parametrize(
    ("status", "oruk"),
    [("active", "active"), ("temporarily-closed", "temporarily closed"), ("closed", "defunct")],
)
def test_status(status: str, oruk: str) -> None:
    page = MINIMAL.replace("cost: Free", f"cost: Free\nstatus: {status}")
    assert records({"s.md": page})[0]["status"] == oruk


@pytest.mark.parametrize(
    ("cost", "amount"),
    [
        ("Free", 0),
        ("free of charge", 0),
        ("Free to families. The council pays the fees.", 0),
        ("No cost", 0),
        ("£0", 0),
        ("£5 a session", 5),
        ("£1,250.50 a term", 1250.5),
        ("Free, but trips cost £5", None),
        ("£5 or £8 with lunch", None),
        ("Ask the school", None),
    ],
)
def test_cost_amounts(cost: str, amount: float | None) -> None:
    (record,) = records({"s.md": MINIMAL.replace("cost: Free", f"cost: {cost}")})
    assert record["cost_options"][0].get("amount") == amount
    assert record["cost_options"][0]["amount_description"] == cost
    assert_valid(record)


def test_services_json_is_one_page_of_the_oruk_api() -> None:
    recs = records({"a.md": MINIMAL, "b.md": FULL, "guide.md": guide_page()})
    data = json.loads(services_json(recs))
    assert {k: v for k, v in data.items() if k != "contents"} == {
        "total_items": 2,
        "total_pages": 1,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": True,
        "empty": False,
    }
    assert [r["name"] for r in data["contents"]] == ["Sleep clinic", "Portage home visiting"]
    assert json.loads(services_json([]))["empty"] is True


def test_pages_json() -> None:
    index = index_of({"index.md": guide_page("Home"), "s/portage.md": FULL})
    assert json.loads(pages_json(index, CONTEXT)) == [
        {
            "title": "Home",
            "url": SITE_URL,
            "page": "index.md",
            "type": "guide",
            "owner": "Test Team",
            "last_reviewed_on": "2026-09-01",
            "review_by": "2027-09-01",
        },
        {
            "title": "Portage home visiting",
            "url": SITE_URL + "s/portage/",
            "page": "s/portage.md",
            "type": "service",
            "owner": "Early Years SEND Team",
            "last_reviewed_on": "2026-09-01",
            "review_by": "2027-03-01",
        },
    ]


def test_schema_copy_is_the_reference() -> None:
    """The tests validate against an unchanged copy of ORUK's schema, with its licence."""
    assert (SCHEMAS / "LICENSE").read_text(encoding="utf-8").count("Attribution-ShareAlike 4.0")
    schema = json.loads((SCHEMAS / "compiled-service.json").read_text(encoding="utf-8"))
    assert schema["required"] == ["id", "name", "status"]
    with pytest.raises(jsonschema.ValidationError):
        validator().validate({"id": "not-a-uuid", "name": "x", "status": "active"})


def test_services_json_is_written_one_record_at_a_time_a_line_each() -> None:
    records = [
        {"id": "a", "name": "Caf\u00e9 \u2019n\u2019 club", "nested": {"list": [1, {"x": "y\nz"}]}},
        {"id": "b", "empty": [], "none": None, "text": "  indented\tand tabbed"},
    ]
    made: list[str] = []

    def one_at_a_time() -> Iterator[dict[str, Any]]:
        for record in records:
            made.append(record["id"])
            yield record

    parts = services_json_parts(one_at_a_time(), len(records))
    text = next(parts)
    assert made == []  # nothing made before it is written
    text += next(parts)
    assert made == ["a"]
    text += "".join(parts)
    assert text == services_json(records)
    fields = {"total_items": 2, "total_pages": 1, "page_number": 1, "size": 2}
    fields |= {"first_page": True, "last_page": True, "empty": False, "contents": records}
    assert json.loads(text) == fields
    lines = text.splitlines()
    assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == records
    assert "Caf\u00e9 \u2019n\u2019 club" in text  # written as it is, not as \\u escapes
    empty = json.loads(services_json([]))
    assert empty["contents"] == [] and empty["empty"] is True and empty["total_items"] == 0


def test_pages_json_has_one_page_a_line() -> None:
    index = index_of({"a.md": MINIMAL, "b.md": FULL})
    text = pages_json(index, FeedContext(namespace_for("x"), "Site"))
    lines = text.splitlines()
    assert lines[0] == "[" and lines[-1] == "]"
    assert [json.loads(line.rstrip(","))["page"] for line in lines[1:-1]] == ["a.md", "b.md"]


PLACES = """times: Monday to Friday, 9am to 5pm
locations:
  - name: Riverside Family Hub
    address: 12 Mill Lane
    town: Ashcombe
    postcode: WY2 4AB
    latitude: 52.1936
    longitude: -2.2216
    accessibility: [Step-free access, Changing Places toilet]
    times: Saturdays, 10am to 1pm (term time only)
  - name: Millbeck Library
"""


def test_places_and_times_map_to_oruk_locations_schedules_and_accessibility() -> None:
    """ORUK 3.0: ``service_at_locations`` (each with its ``location``, address and
    ``accessibility``) and ``schedules`` (the service's, and each place's, linked to it)."""
    (record,) = records({"services/hub.md": FULL.replace("---\n\n##", PLACES + "---\n\n##")})
    assert_valid(record)
    me = sid("services/hub")
    hub_link, library_link = record["service_at_locations"]
    hub = hub_link["location"]
    assert hub_link["service_id"] == me and hub_link["location_id"] == hub["id"]
    assert hub["location_type"] == "physical" and hub["name"] == "Riverside Family Hub"
    assert (hub["latitude"], hub["longitude"]) == (52.1936, -2.2216)
    (address,) = hub["addresses"]
    assert {k: address[k] for k in ("address_1", "city", "postal_code", "country")} == {
        "address_1": "12 Mill Lane",
        "city": "Ashcombe",
        "postal_code": "WY2 4AB",
        "country": "GB",
    }
    assert address["state_province"] == "Wyvernshire"  # area: local
    assert [a["description"] for a in hub["accessibility"]] == [
        "Step-free access",
        "Changing Places toilet",
    ]
    assert all(a["location_id"] == hub["id"] for a in hub["accessibility"])
    library = library_link["location"]
    assert library["name"] == "Millbeck Library"
    assert "addresses" not in library and "latitude" not in library  # only what is known
    service_times, hub_times = record["schedules"]
    assert {k: v for k, v in service_times.items() if k != "id"} == {
        "service_id": me,
        "freq": "WEEKLY",
        "byday": "MO,TU,WE,TH,FR",
        "description": "Monday to Friday, 9am to 5pm",
        "opens_at": "09:00",
        "closes_at": "17:00",
    }
    assert hub_times["service_at_location_id"] == hub_link["id"]
    assert (hub_times["byday"], hub_times["opens_at"], hub_times["closes_at"]) == (
        "SA",
        "10:00",
        "13:00",
    )
    assert hub_times["notes"] == "term time only"
    ids = [hub_link["id"], library_link["id"], hub["id"], library["id"]]
    ids += [s["id"] for s in record["schedules"]] + [a["id"] for a in hub["accessibility"]]
    assert len(set(ids)) == len(ids)  # every id its own
