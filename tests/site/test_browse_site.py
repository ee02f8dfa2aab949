"""Real builds: the browse pages list exactly the right services, the home page reaches them in
one step, structure problems are reported with their line, and branding comes from config."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from sendqa_build.plugins.browse import plugin as browse_plugin
from tests.conftest import (
    ROOT,
    BuiltSite,
    counted_builds,
    guide_page,
    make_project,
    service_page,
)

PLUGINS = ["search", "sendqa/frontmatter", "sendqa/browse"]
Build = Callable[..., BuiltSite]


def service(title: str, low: int, high: int, needs: str, extra: str = "") -> str:
    return service_page(title, min_age=low, max_age=high, extra=extra).replace(
        "needs: [all]", f"needs: {needs}"
    )


SERVICES = {
    # path: (title, min, max, needs, extra front matter)
    "services/health/portage.md": ("Portage", 0, 5, "[cognition-and-learning]", ""),
    "services/health/speech.md": ("Speech therapy", 3, 7, "[communication-and-interaction]", ""),
    "services/schools/base.md": ("Autism base", 11, 16, "[communication-and-interaction]", ""),
    "services/schools/college.md": ("College link", 16, 25, "[all]", "covers: [training]\n"),
    "services/leisure/swim.md": ("Swimming", 0, 25, "[sensory-and-physical]", ""),
    "services/leisure/club.md": (
        "Youth club",
        12,
        14,
        "[social-emotional-and-mental-health]",
        "provision: [leisure, social-care]\n",
    ),
    "services/leisure/gone.md": ("Old club", 5, 11, "[all]", "status: closed\n"),
    "services/leisure/paused.md": (
        "Paused club",
        5,
        11,
        "[all]",
        "status: temporarily-closed\nprovision: [leisure]\n",
    ),
}
FOLDERS = {"services/health": ["health"], "services/schools": ["education"]}

EXPECTED = {
    # Bands share their edge years: 0 to 5 serves 5-year-olds, so it is in 5 to 11 too.
    "by-age/0-to-5": {"Portage", "Speech therapy", "Swimming", "Paused club"},
    "by-age/5-to-11": {"Portage", "Speech therapy", "Swimming", "Paused club", "Autism base"},
    "by-age/11-to-16": {"Autism base", "Swimming", "Youth club", "College link", "Paused club"},
    "by-age/16-to-25": {"Autism base", "College link", "Swimming"},
    "by-need/communication-and-interaction": {
        "Speech therapy",
        "Autism base",
        "College link",
        "Paused club",
    },
    "by-need/cognition-and-learning": {"Portage", "College link", "Paused club"},
    "by-need/social-emotional-and-mental-health": {"Youth club", "College link", "Paused club"},
    "by-need/sensory-and-physical": {"Swimming", "College link", "Paused club"},
    "by-kind/health": {"Portage", "Speech therapy"},
    "by-kind/education": {"Autism base", "College link"},  # folder, plus covers: [training]
    "by-kind/preparing-for-adulthood": {"College link"},
    "by-kind/leisure": {"Youth club", "Paused club"},
    "by-kind/social-care": {"Youth club"},
    "by-kind/other": {"Swimming"},
}
AGE_ORDER = {
    # First the services for the group's core ages (those no other group shares), then, apart,
    # those a child of the group can use only at a shared edge year; each part alphabetical.
    "by-age/0-to-5": ["Portage", "Speech therapy", "Swimming", "Paused club"],
    "by-age/5-to-11": ["Paused club", "Speech therapy", "Swimming", "Autism base", "Portage"],
    "by-age/11-to-16": ["Autism base", "Swimming", "Youth club", "College link", "Paused club"],
    "by-age/16-to-25": ["College link", "Swimming", "Autism base"],
}


def listed(site: BuiltSite, url: str) -> list[str]:
    """Titles of the services listed on a built page, in order."""
    found = re.findall(
        r'<h2 class="sendqa-service__title"><a href="[^"]*">(.*?)</a></h2>', site.html(url)
    )
    return [html.unescape(title) for title in found]


@pytest.fixture
def site(build_site: Build) -> BuiltSite:
    files = {"index.md": guide_page("Home", "Welcome.\n")}
    for path, (title, low, high, needs, extra) in SERVICES.items():
        files[path] = service(title, low, high, needs, extra)
    rules = yaml.safe_load((ROOT / "checks" / "browse.yml").read_text(encoding="utf-8"))
    rules["folders"] = FOLDERS
    built = build_site(files, plugins=PLUGINS, checks={"browse.yml": yaml.safe_dump(rules)})
    assert built.aborted is None
    return built


@pytest.mark.parametrize("group", list(EXPECTED))
def test_each_browse_page_lists_exactly_the_right_services(site: BuiltSite, group: str) -> None:
    titles = listed(site, f"find-services/{group}/")
    assert set(titles) == EXPECTED[group]
    if group in AGE_ORDER:
        assert titles == AGE_ORDER[group]
    else:
        assert titles == sorted(titles, key=str.casefold)  # alphabetical
    assert len(titles) == len(set(titles))


def test_an_age_group_puts_edge_year_services_apart_under_their_age(site: BuiltSite) -> None:
    page = site.html("find-services/by-age/5-to-11/")
    article = page[page.index("<article") : page.index("</article>")]
    main, edge = article.split("Only for children aged 5 or 11 in this group", 1)
    assert "3 services for children and young people aged 6 to 10" in main
    assert "Portage" not in main and "Autism base" not in main
    assert "2 services can help a child in this group only at age 5 or 11" in edge


def test_an_empty_group_has_no_page_and_is_not_linked(site: BuiltSite) -> None:
    """Nobody is sent to a list of nothing: the group is named, without a link."""
    assert not (site.site_dir / "find-services/by-kind/travel/index.html").exists()
    hub = site.html("find-services/")
    assert "Travel: no services listed yet" in html.unescape(re.sub(r"<[^>]+>", "", hub))
    assert 'href="by-kind/travel/"' not in hub


def test_find_services_is_first_in_the_menu_with_age_groups_youngest_first(
    site: BuiltSite,
) -> None:
    page = site.html("find-services/by-age/")
    menu = page[page.index('class="md-nav md-nav--primary"') :]
    labels = [
        " ".join(re.sub(r"<[^>]+>", " ", m).split())
        for m in re.findall(r'class="md-nav__link[^"]*"[^>]*>(.*?)</(?:a|label)>', menu, re.S)
    ]
    labels = [label for label in labels if label]
    assert labels.index("Find services") < labels.index("Home"), labels[:4]
    assert labels[labels.index("Find services") + 1] == "Services directory"
    ages = [label for label in labels if label.startswith("Services for ages")]
    assert ages[:4] == [
        "Services for ages 0 to 5",
        "Services for ages 5 to 11",
        "Services for ages 11 to 16",
        "Services for ages 16 to 25",
    ]


def test_directory_lists_every_open_service_without_javascript(site: BuiltSite) -> None:
    html = site.html("find-services/directory/")
    titles = listed(site, "find-services/directory/")
    assert set(titles) == {t for t, *_ in SERVICES.values()} - {"Old club"}  # closed: left out
    assert '<form class="sendqa-filter" data-sendqa-filter hidden' in html
    assert 'for="sendqa-filter-q"' in html and 'id="sendqa-filter-q"' in html
    assert '<option value="7">7</option>' in html  # the child's age, not a band
    assert "data-sendqa-born" in html and 'name="born"' not in html  # never in the address
    assert 'role="status"' in html
    assert "Showing all 7 services." in html
    paused = re.search(r'<li class="sendqa-service"[^>]*>(?:(?!</li>).)*Paused club.*?</li>', html)
    assert paused and "Temporarily closed" in paused.group(0)
    swim = re.search(
        r'<li class="sendqa-service" ([^>]*)><h2[^>]*><a href="([^"]+)">Swimming', html
    )
    assert swim is not None
    assert 'data-ages="0-to-5 5-to-11 11-to-16 16-to-25"' in swim.group(1)
    assert swim.group(2) == "../../services/leisure/swim/"
    assert (site.site_dir / "services/leisure/swim/index.html").exists()


def test_service_without_a_kind_is_reported_and_still_listed(site: BuiltSite) -> None:
    assert site.sendqa() == [
        "content/services/leisure/swim.md:4: the service is not listed under any kind of "
        "provision (it shows under 'Other services' on the browse pages); add 'provision: "
        "[education]' (or another of education, health, social-care, leisure, childcare, "
        "preparing-for-adulthood, travel, advice-and-support) to its front matter, or map the "
        "folder 'services/leisure' under 'folders' in checks/browse.yml"
    ]


def test_home_page_reaches_every_browse_page_in_one_step(site: BuiltSite) -> None:
    home = site.html("")
    nav = re.search(r'<nav class="sendqa-find".*?</nav>', home, re.S)
    assert nav is not None
    hrefs = re.findall(r'href="([^"]+)"', nav.group(0))
    assert hrefs == [
        "find-services/directory/",
        "find-services/by-age/0-to-5/",
        "find-services/by-age/5-to-11/",
        "find-services/by-age/11-to-16/",
        "find-services/by-age/16-to-25/",
        "find-services/by-need/",
        "find-services/by-kind/",
    ]
    need_index = site.html("find-services/by-need/")
    for group in [g for g in EXPECTED if g.startswith("by-need/")]:
        assert f'href="{group.removeprefix("by-need/")}/"' in need_index
    assert "Services for ages 0 to 5</a> (4 services)" in site.html("find-services/")


def test_the_sample_rules_build_strict_and_structure_problems_have_lines(
    build_site: Build,
) -> None:
    body = "## Help\n\nFor details [click here](other.md).\n\n#### Deep\n\n![](photo.png)\n"
    site = build_site(
        {"index.md": guide_page("Home", body), "other.md": guide_page("Other")},
        plugins=PLUGINS,
        strict=True,
    )
    assert site.aborted is not None  # warnings fail --strict
    assert site.sendqa() == [
        "content/index.md:10: the link text 'click here' does not say where the link goes "
        "(screen reader users often hear links on their own); use words that describe the "
        "page or action, such as 'apply for a needs assessment'",
        "content/index.md:12: the heading 'Deep' is level 4 straight after a level 2 heading, "
        "so screen reader users may think part of the page is missing; make it a level 3 "
        "heading ('### Deep')",
        "content/index.md:14: the image 'photo.png' has empty alt text, so screen reader users "
        "do not know what it shows; describe it between the square brackets, such as "
        "![A child at a speech therapy session](photo.jpg)",
    ]


def test_a_page_in_the_way_of_a_generated_one_is_reported(build_site: Build) -> None:
    site = build_site(
        {
            "index.md": guide_page("Home"),
            "find-services/index.md": guide_page("My own list"),
            "services/health/a.md": service_page("A"),
        },
        plugins=PLUGINS,
    )
    assert any("'find-services/index.md' is a page sendqa generates" in m for m in site.sendqa())
    assert "My own list" in site.html("find-services/")
    assert "Services directory" in site.html("find-services/directory/")


def test_council_branding_from_config(build_site: Build) -> None:
    council = {
        "name": "Exampleshire Council",
        "area": "Exampleshire",
        "logo": "crest.svg",
        "colours": {"primary": "#00594f", "link": "#004c45", "focus": "#fd0"},
    }
    site = build_site(
        {"index.md": guide_page("Home"), "crest.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"},
        plugins=PLUGINS,
        config={"extra": {"council": council}},
        strict=True,
    )
    assert site.aborted is None, site.warnings
    home = site.html("")
    assert "--md-primary-fg-color: #00594f;" in home
    assert "--md-typeset-a-color: #004c45;" in home
    assert "--sendqa-focus: #fd0;" in home
    assert '<img src="crest.svg" alt="">' in home
    assert "&copy; Exampleshire Council" in home
    assert 'href="#sendqa-main" class="md-skip sendqa-skip">Skip to main content</a>' in home
    assert 'id="sendqa-main"' in home


def test_light_council_colours_are_warned_about(build_site: Build) -> None:
    site = build_site(
        {"index.md": guide_page("Home")},
        plugins=PLUGINS,
        config={"extra": {"council": {"colours": {"primary": "#7fb2e5"}}}},
    )
    (message,) = site.sendqa()
    assert message.startswith("the colour '#7fb2e5' of 'extra.council.colours.primary'")
    assert "WCAG 2.2 AA needs at least 4.5:1; choose a darker colour in mkdocs.yml" in message


def test_a_colour_that_is_not_a_colour_stops_the_build(build_site: Build) -> None:
    site = build_site(
        {"index.md": guide_page("Home")},
        plugins=PLUGINS,
        config={"extra": {"council": {"colours": {"primary": "navy; } body { display: none"}}}},
    )
    assert site.aborted is not None
    assert any(
        "'extra.council.colours.primary' in mkdocs.yml must be a colour written like" in m
        for m in site.messages(40)
    ), site.messages(40)


def test_structure_results_are_kept_for_unchanged_pages(
    tmp_path: Path, today: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second build checks no page's structure again and says the same; an edited page
    is checked again, and so is every page after a change to checks/structure.yml."""
    monkeypatch.setenv("SENDQA_TODAY", today)
    monkeypatch.setenv("SENDQA_EXTERNAL_LINKS", "false")
    body = "## Help\n\nFor details [click here](other.md).\n\n#### Deep\n\n![](photo.png)\n"
    files = {"index.md": guide_page("Home", body), "other.md": guide_page("Other")}
    root = make_project(tmp_path, files, plugins=PLUGINS)
    build = counted_builds(
        monkeypatch, root, browse_plugin, "check_structure", page_arg=1, said=BuiltSite.sendqa
    )
    first, said = build()
    assert first == ["index.md", "other.md"]
    assert len(said) == 3
    assert build() == ([], said)
    index = root / "content" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("click here", "the form"), "utf-8")
    assert build() == (["index.md"], said[1:])
    rules = root / "checks" / "structure.yml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert build()[0] == ["index.md", "other.md"]
