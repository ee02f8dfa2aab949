"""Grouping services for the browse pages: age bands, needs, kinds of provision, and the rules
file that defines them."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import posixpath
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendqa_build.core.browse import (
    BrowseRules,
    Group,
    Service,
    ServiceItems,
    bands_for,
    build_catalogue,
    home_form,
    home_links,
    kinds_for,
    plan_pages,
    relative_url,
    render_page,
    site_relpath,
)
from sendqa_build.core.durations import parse_duration
from sendqa_build.core.frontmatter import PageTypes
from sendqa_build.core.safety import make_safe
from sendqa_build.core.site import build_index
from sendqa_build.rules import RulesError, load_rules_file
from tests.conftest import ROOT, guide_page, service_page

RULES_PATH = ROOT / "checks" / "browse.yml"
BANDS = (
    Group("0-to-5", "0 to 5", "", low=0, high=5),
    Group("5-to-11", "5 to 11", "", low=5, high=11),
    Group("11-to-16", "11 to 16", "", low=11, high=16),
    Group("16-to-25", "16 to 25", "", low=16, high=25),
)


def rules() -> BrowseRules:
    return BrowseRules.from_data(load_rules_file(RULES_PATH), RULES_PATH)


@pytest.mark.parametrize(
    ("low", "high", "shared", "exclusive"),
    [
        (0, 25, ["0-to-5", "5-to-11", "11-to-16", "16-to-25"], None),
        (3, 7, ["0-to-5", "5-to-11"], None),
        (12, 14, ["11-to-16"], None),
        (0, 4, ["0-to-5"], None),
        (0, 5, ["0-to-5", "5-to-11"], ["0-to-5"]),
        (5, 19, ["0-to-5", "5-to-11", "11-to-16", "16-to-25"], ["5-to-11", "11-to-16", "16-to-25"]),
        (16, 16, ["11-to-16", "16-to-25"], None),  # one shared year: kept in both, never hidden
        (11, 16, ["5-to-11", "11-to-16", "16-to-25"], ["11-to-16"]),
        (25, 25, ["16-to-25"], None),
    ],
)
def test_a_service_is_in_every_band_its_ages_overlap(
    low: int, high: int, shared: list[str], exclusive: list[str] | None
) -> None:
    assert bands_for(low, high, BANDS, "shared") == shared
    assert bands_for(low, high, BANDS, "exclusive") == (exclusive or shared)


def test_the_shipped_rules_load() -> None:
    loaded = rules()
    assert [b.id for b in loaded.age_bands] == ["0-to-5", "5-to-11", "11-to-16", "16-to-25"]
    assert loaded.edge_years == "shared"
    assert "health" in loaded.kind_ids
    assert loaded.folders["services/health"] == ("health",)


def test_provision_choices_in_page_types_match_the_kinds() -> None:
    """A kind added to browse.yml must be allowed in front matter too, and the other way."""
    path = ROOT / "checks" / "page-types.yml"
    types = PageTypes.from_data(load_rules_file(path), path)
    assert set(types.fields_for("service")["provision"].choices) == set(rules().kind_ids)
    needs = set(types.fields_for("service")["needs"].choices) - {"all"}
    assert needs == {n.id for n in rules().needs}


def base_data() -> dict[str, Any]:
    data = load_rules_file(RULES_PATH)
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["age_bands"].pop(1), "age 6 is in no age band"),
        (lambda d: d["age_bands"][0].update({"to": 30}), "whole-year ages"),
        (lambda d: d["kinds"][0].update({"id": "Education!"}), "lower case letters"),
        (lambda d: d["folders"].update({"services/x": ["sport"]}), "unknown kind 'sport'"),
        (lambda d: d.update({"edge_years": "sometimes"}), "'edge_years' must be"),
        (lambda d: d.update({"colour": "red"}), "unknown key 'colour'"),
        (lambda d: d["needs"].append(dict(d["needs"][0])), "twice"),
        (lambda d: d.pop("kinds"), "'kinds' is missing"),
    ],
)
def test_bad_rules_stop_with_one_clear_message(change: Any, message: str) -> None:
    data = base_data()
    change(data)
    with pytest.raises(RulesError, match=re.escape(message)):
        BrowseRules.from_data(data, Path("checks/browse.yml"))


def test_kinds_come_from_the_field_else_folder_and_covers() -> None:
    r = rules()
    assert kinds_for("services/health/ot.md", {}, r) == ["health"]
    assert kinds_for("services/health/deep/ot.md", {}, r) == ["health"]
    assert kinds_for("services/healthy/ot.md", {}, r) == []  # a folder name prefix is not a match
    assert kinds_for("services/health/ot.md", {"provision": ["leisure"]}, r) == ["leisure"]
    assert kinds_for("elsewhere/x.md", {"covers": ["travel", "training"]}, r) == [
        "preparing-for-adulthood",
        "travel",
    ]
    assert kinds_for("services/advice/x.md", {"covers": ["health"]}, r) == [
        "health",
        "advice-and-support",
    ]


def index_of(pages: dict[str, str]) -> Any:
    path = ROOT / "checks" / "page-types.yml"
    types = PageTypes.from_data(load_rules_file(path), path)
    sources = [(src, src.removesuffix(".md") + "/", text, []) for src, text in pages.items()]
    return build_index(
        sources,
        types,
        today=dt.date(2026, 12, 1),
        default_review=parse_duration("12 months"),
        known_requirements=None,
    )


def test_catalogue_groups_sorts_and_reports_services_with_no_kind() -> None:
    index = index_of(
        {
            "services/health/b.md": service_page("Beta", min_age=3, max_age=7),
            "services/health/a.md": service_page("The Alpha", min_age=12, max_age=14),
            "services/misc/c.md": service_page("Gamma", min_age=16, max_age=25),
            "services/health/closed.md": service_page("Shut", extra="status: closed\n"),
            "guide.md": guide_page("Guide"),
        }
    )
    catalogue = build_catalogue(index, rules())
    assert [s.title for s in catalogue.services] == ["The Alpha", "Beta", "Gamma"]
    assert [s.title for s in catalogue.in_band("5-to-11")] == ["Beta"]
    assert [s.title for s in catalogue.with_need("sensory-and-physical")] == [
        "The Alpha",
        "Beta",
        "Gamma",
    ]  # needs: [all]
    assert [s.title for s in catalogue.of_kind("other")] == ["Gamma"]
    (finding,) = catalogue.findings
    assert finding.page == "services/misc/c.md"
    assert finding.line == 4  # the 'type:' line
    assert "not listed under any kind of provision" in finding.message
    assert "services/misc" in finding.fix


def test_age_bands_are_kept_youngest_first_whatever_the_file_order() -> None:
    data = load_rules_file(RULES_PATH)
    data["age_bands"] = list(reversed(data["age_bands"]))
    bands = BrowseRules.from_data(data, RULES_PATH).age_bands
    assert [b.id for b in bands] == ["0-to-5", "5-to-11", "11-to-16", "16-to-25"]


def test_an_age_band_lists_its_core_ages_first_and_edge_year_services_apart() -> None:
    index = index_of(
        {
            "services/health/pru.md": service_page("Pupil referral unit", min_age=11, max_age=16),
            "services/health/portage.md": service_page("Portage", min_age=0, max_age=5),
            "services/health/ot.md": service_page("Therapy", min_age=0, max_age=19),
            "services/health/club.md": service_page("Club", min_age=9, max_age=11),
            "services/health/five.md": service_page("Reception", min_age=5, max_age=5),
        }
    )
    catalogue = build_catalogue(index, rules())
    band = rules().age_bands[1]  # 5 to 11
    assert tuple(catalogue.core_ages(band)) == (6, 7, 8, 9, 10)
    main, edge = catalogue.band_split(band)
    assert [s.title for s in main] == ["Club", "Therapy"]
    assert [s.title for s in edge] == ["Portage", "Pupil referral unit", "Reception"]
    # A band every age of which another band shares keeps all its ages as core.
    lone = BrowseRules.from_data(
        {
            **load_rules_file(RULES_PATH),
            "age_bands": [
                {"id": "all", "label": "0 to 25", "from": 0, "to": 25},
                {"id": "five", "label": "5", "from": 5, "to": 5},
            ],
        },
        RULES_PATH,
    )
    five = build_catalogue(index, lone)
    assert tuple(five.core_ages(lone.age_bands[1])) == (5,)
    assert [s.title for s in five.band_split(lone.age_bands[1])[0]] == [
        "Portage",
        "Reception",
        "Therapy",
    ]


def test_the_home_form_sends_age_and_need_to_the_directory() -> None:
    catalogue = build_catalogue(index_of({"services/a.md": service_page("A")}), rules())
    form = home_form(catalogue, plan_pages(catalogue, "Wyvernshire"))
    assert 'action="{action}"' in form and 'method="get"' in form
    assert '<select id="sendqa-home-age" name="age"><option value="">Any age</option>' in form
    assert '<option value="0">Under 1</option>' in form and '<option value="25">25</option>' in form
    assert '<option value="communication-and-interaction">' in form
    assert home_form(catalogue, []) == ""


def test_relative_urls_with_and_without_directory_urls() -> None:
    assert relative_url("services/a/", "find-services/directory/") == "../../services/a/"
    assert relative_url("services/a.html", "find-services/directory.html") == "../services/a.html"
    assert relative_url("", "find-services/") == "../"
    assert relative_url("find-services/", "find-services/") == "./"
    assert relative_url("../outside/", "find-services/") == "../../outside/"


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.sampled_from(["", ".", "..", "a", "b", "index.html"]), max_size=5),
    st.lists(st.sampled_from(["", ".", "..", "a", "b", "c.html"]), max_size=5),
    st.booleans(),
    st.booleans(),
)
def test_relative_paths_are_what_posixpath_relpath_gives(
    path: list[str], start: list[str], path_absolute: bool, start_absolute: bool
) -> None:
    """The shortcut that skips the working folder gives exactly ``posixpath.relpath``."""
    target = ("/" if path_absolute else "") + "/".join(path) or "."
    base = ("/" if start_absolute else "") + "/".join(start) or "."
    assert site_relpath(target, base) == posixpath.relpath(target, base)


def test_editor_text_is_escaped_in_lists() -> None:
    index = index_of(
        {"services/health/x.md": service_page('<script>alert(1)</script> & "Friends"')}
    )
    catalogue = build_catalogue(index, rules())
    html = ServiceItems(rules(), "Wyvernshire").item(catalogue.services[0], "../x/")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Friends&quot;" in html
    assert 'data-ages="0-to-5 5-to-11 11-to-16 16-to-25"' in html
    assert "<dt>Where</dt><dd>In Wyvernshire</dd>" in html


def test_every_page_renders_with_front_matter_and_home_links() -> None:
    index = index_of({"services/health/x.md": service_page("Speech *therapy* [NHS]")})
    catalogue = build_catalogue(index, rules())
    plans = plan_pages(catalogue, "Wyvernshire")
    urls = {p.src: p.src.removesuffix("index.md").removesuffix(".md") + "/" for p in plans}
    urls = {k: v.replace("//", "/") for k, v in urls.items()}
    assert {p.src for p in plans} >= {
        "find-services/index.md",
        "find-services/directory.md",
        "find-services/by-age/0-to-5.md",
        "find-services/by-need/index.md",
        "find-services/by-kind/health.md",
    }
    for plan in plans:
        text = render_page(plan, catalogue, plans, urls, "Wyvernshire").markdown
        assert text.startswith(f'---\ntitle: "{plan.title}"\n'), plan.src
    hub = render_page(plans[0], catalogue, plans, urls, "Wyvernshire").markdown
    assert "[Services for ages 0 to 5](by-age/0-to-5.md) (1 service)" in hub
    links = home_links(plans, urls)
    assert links[0]["title"] == "Services directory"
    assert [link["url"] for link in links][1:5] == [
        "find-services/by-age/0-to-5/",
        "find-services/by-age/5-to-11/",
        "find-services/by-age/11-to-16/",
        "find-services/by-age/16-to-25/",
    ]


def test_service_lists_are_inserted_after_markdown_and_listings_leave_search() -> None:
    index = index_of({"services/health/x.md": service_page("Speech <therapy> & more")})
    catalogue = build_catalogue(index, rules())
    plans = plan_pages(catalogue, "Wyvernshire")
    urls = {p.src: p.src.removesuffix(".md") + "/" for p in plans}
    by_src = {p.src: p for p in plans}
    band = render_page(by_src["find-services/by-age/0-to-5.md"], catalogue, plans, urls, "W")
    assert "<li" not in band.markdown
    assert "\nsearch: {exclude: true}\n" in band.markdown
    assert "\nsendqa-block-1\n\n" in band.markdown
    (make,) = band.blocks.values()
    only = make().strip()
    assert only.startswith('<ul class="sendqa-services">') and "Speech &lt;therapy&gt;" in only
    converted = "<p>Intro</p>\n<p>sendqa-block-1</p>\n<p>You can also</p>"
    assert band.insert_blocks(converted) == f"<p>Intro</p>\n{only}\n<p>You can also</p>"
    directory = render_page(by_src["find-services/directory.md"], catalogue, plans, urls, "W")
    assert [make()[:24] for make in directory.blocks.values()] == [
        '<form class="sendqa-filt',
        '<p class="sendqa-filter_',
        '<ul class="sendqa-servic',
    ]
    hub = render_page(by_src["find-services/index.md"], catalogue, plans, urls, "W")
    assert hub.blocks == {} and "search:" not in hub.markdown


HOSTILE = '"><script>alert(1)</script><img src=x onerror=\'alert(2)\'> <a href="javascript:x">'


def test_the_generated_lists_need_no_safety_pass_whatever_the_front_matter_says() -> None:
    """The lists go into the written page after the safety pass, so every value must already be
    escaped: hostile text in every listed field leaves the safety pass nothing to take out."""
    hostile = HOSTILE.replace("'", "''")
    text = service_page(f"'{hostile}'")
    for field in ("summary", "provider", "eligibility", "cost"):
        text = re.sub(rf"^{field}: .*$", f"{field}: '{hostile}'", text, count=1, flags=re.M)
    index = index_of({'services/health/"><b>.md': text})
    catalogue = build_catalogue(index, rules())
    plans = plan_pages(catalogue, "<i>W</i>")
    urls = {p.src: p.src.removesuffix(".md") + "/" for p in plans}
    blocks = [
        make().strip()
        for plan in plans
        for make in render_page(plan, catalogue, plans, urls, "<i>W</i>").blocks.values()
    ]
    listed = [block for block in blocks if "sendqa-service__title" in block]
    assert listed and all(html.escape(HOSTILE) in block for block in listed)
    for block in blocks:
        assert make_safe(block) == (block, [])


def listed_service(n: int = 0, **changes: Any) -> Service:
    base = Service(
        src=f"services/health/{n}.md",
        url=f"services/health/{n}/",
        title='Tom & "Jerry" <Club>',
        summary="Fun < games & 'talk'",
        provider="P",
        ages_text="3 to 7 years",
        age_bands=("0-to-5", "5-to-11"),
        needs=("cognition-and-learning",),
        all_needs=False,
        kinds=("health", "leisure"),
        cost="£5 & up",
        outside=True,
        status="temporarily-closed",
    )
    return replace(base, **changes)


def test_a_service_item_is_its_escaped_html() -> None:
    items = ServiceItems(rules(), "Wyvern <shire>")
    item = items.item(listed_service(), '../a"b/?x=1&y=<2>', "h3")
    assert item == (
        '<li class="sendqa-service" data-ages="0-to-5 5-to-11" data-towns="" '
        'data-needs="cognition-and-learning" '
        'data-kinds="health leisure" data-search="Tom &amp; &quot;Jerry&quot; &lt;Club&gt; Fun '
        "&lt; games &amp; &#x27;talk&#x27; P  Cognition and learning Health Leisure and "
        'activities"><h3 class="sendqa-service__title"><a href="../a&quot;b/?x=1&amp;y=&lt;2&gt;">'
        "Tom &amp; &quot;Jerry&quot; &lt;Club&gt;</a></h3>"
        '<p class="sendqa-service__summary">Fun &lt; games &amp; &#x27;talk&#x27;</p>'
        '<dl class="sendqa-service__facts">'
        '<div class="sendqa-service__fact"><dt>Status</dt><dd>Temporarily closed</dd></div>'
        '<div class="sendqa-service__fact"><dt>Ages</dt><dd>3 to 7 years</dd></div>'
        '<div class="sendqa-service__fact"><dt>Needs</dt><dd>Cognition and learning</dd></div>'
        '<div class="sendqa-service__fact"><dt>Cost</dt><dd>£5 &amp; up</dd></div>'
        '<div class="sendqa-service__fact"><dt>Where</dt><dd>Outside Wyvern &lt;shire&gt;</dd>'
        "</div></dl></li>"
    )


def test_a_service_item_gives_the_directory_its_ages_towns_and_map_points() -> None:
    """The directory filters by a child's exact age and by town, and sorts by distance, from
    these attributes; the list shows the towns."""
    service = listed_service(
        low=3,
        high=7,
        outside=False,
        places=(("Ashcombe", 52.24123, -2.11531), ("Millbeck", None, None)),
    )
    item = ServiceItems(rules(), "Wyvernshire").item(service, "x/")
    assert 'data-min-age="3" data-max-age="7" ' in item
    assert 'data-towns="Ashcombe|Millbeck" data-points="52.24123,-2.11531" ' in item
    assert "<dt>Where</dt><dd>Ashcombe, Millbeck (in Wyvernshire)</dd>" in item


def hostile_services() -> list[Service]:
    """Every status, with and without a summary and the other optional facts, hostile text in
    every field."""
    variants = itertools.product(
        ("active", "temporarily-closed", "closed"), (HOSTILE, ""), (False, True)
    )
    return [
        listed_service(
            n,
            title=HOSTILE,
            summary=summary,
            provider=HOSTILE,
            eligibility=HOSTILE if full else "",
            cost=HOSTILE if full else "",
            ages_text="5 years" if full else "",
            needs=tuple(need.id for need in rules().needs) if full else (),
            all_needs=full,
            outside=full,
            status=status,
            low=5 if full else None,
            high=5 if full else None,
            places=((HOSTILE, 52.1, -2.2), ("", None, None)) if full else (),
        )
        for n, (status, summary, full) in enumerate(variants)
    ]


def test_one_items_cache_gives_each_service_item_for_any_link_and_heading() -> None:
    """Made once, an item is reused with other links: each must have its own link."""
    r, area = rules(), f"<i>{HOSTILE}</i>"
    items = ServiceItems(r, area)
    for href, heading, service in itertools.product(
        ("../x/", f"../{HOSTILE}/", "a.html?b=1&c=2"), ("h2", "h3"), hostile_services()
    ):
        item = items.item(service, href, heading)
        assert item == ServiceItems(r, area).item(service, href, heading)  # made afresh
        assert item.count(' href="') == 1 and f' href="{html.escape(href)}">' in item
        assert f"<{heading} " in item and f"</{heading}>" in item


def test_a_list_made_twice_is_the_same() -> None:
    r, services = rules(), hostile_services()
    items = ServiceItems(r, "W")
    for page in ("find-services/by-age/0-to-5/", "find-services/directory.html", ""):
        first = items.service_list(services, page, " data-x")
        assert first == items.service_list(services, page, " data-x")
        fresh = ServiceItems(r, "W")
        listed = "".join(fresh.item(s, relative_url(s.url, page)) for s in services)
        assert first == f'<ul class="sendqa-services" data-x>{listed}</ul>\n'


def test_pages_sharing_one_items_cache_give_the_same_lists() -> None:
    hostile = HOSTILE.replace("'", "''")
    index = index_of(
        {
            f"services/{folder}/{n}.md": service_page(f"'{hostile} {n}'", min_age=n, max_age=n + 9)
            for n, folder in enumerate(["health", "health/deep", "misc", "education"])
        }
    )
    catalogue = build_catalogue(index, rules())
    assert [s.title for s in catalogue.services] == [f"{HOSTILE} {n}" for n in range(4)]
    plans = plan_pages(catalogue, "W")
    urls = {p.src: p.src.removesuffix(".md") + "/" for p in plans}
    items = ServiceItems(rules(), "W")
    for plan in plans:
        shared = render_page(plan, catalogue, plans, urls, "W", items)
        alone = render_page(plan, catalogue, plans, urls, "W")
        assert shared.markdown == alone.markdown
        made = [make() for make in shared.blocks.values()]
        assert made == [make() for make in shared.blocks.values()]
        assert made == [make() for make in alone.blocks.values()]
