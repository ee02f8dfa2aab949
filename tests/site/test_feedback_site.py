"""Real MkDocs builds: "You said, we did" pages render their responses safely, old rounds fail
--strict, and every page links to "Report a problem with this page"."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from tests.conftest import BuiltSite, guide_page, service_page
from tests.conftest import you_said_we_did_page as ysd_page

PLUGINS = ["search", "sendqa/frontmatter", "sendqa/feedback"]
Build = Callable[..., BuiltSite]


GOOD = (
    "  - you_said: The site is hard to use on a phone.\n"
    "    we_did: We rebuilt it with parents.\n"
    "    status: done\n"
    "  - you_said: We want short videos.\n"
    "    we_did: Wyvern Voices is making them.\n"
    "    status: in-progress\n"
)


def site_files(**extra: str) -> dict[str, str]:
    files = {
        "index.md": guide_page("Home"),
        "have-your-say/feedback.md": guide_page(
            "Tell us what you think", extra="covers: [feedback]\n"
        ),
        "have-your-say/ysd-2025.md": ysd_page("2025-07-10", GOOD),
        "have-your-say/ysd-2026.md": ysd_page("2026-07-15", GOOD),
    }
    files.update(extra)
    return files


def test_recent_round_builds_strict_and_renders_a_table(build_site: Build) -> None:
    site = build_site(site_files(), strict=True, plugins=PLUGINS)
    assert site.aborted is None
    assert site.warnings == []
    html = site.html("have-your-say/ysd-2026/")
    section = html[html.index('<section class="sendqa-ysd"') :]
    section = section[: section.index("</section>")]
    assert '<h2 id="sendqa-ysd-title">What you said and what we did</h2>' in section
    assert 'Published on <time datetime="2026-07-15">15 July 2026</time>' in section
    assert (
        '<th scope="col">You said</th><th scope="col">We did</th><th scope="col">Status</th>'
        in (section)
    )
    rows = re.findall(
        r"<tr>\s*<th scope=\"row\">(.*?)</th>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", section
    )
    assert [(said, did, re.sub(r"<[^>]+>", "", status)) for said, did, status in rows] == [
        ("The site is hard to use on a phone.", "We rebuilt it with parents.", "Done"),
        ("We want short videos.", "Wyvern Voices is making them.", "In progress"),
    ]


def test_rounds_are_listed_newest_first(build_site: Build) -> None:
    site = build_site(site_files(), plugins=PLUGINS)
    for url in ("have-your-say/ysd-2025/", "have-your-say/feedback/"):
        html = site.html(url)
        rounds = html[html.index('<nav class="sendqa-ysd-rounds"') :]
        dates = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">', rounds[: rounds.index("</nav>")])
        assert dates == ["2026-07-15", "2025-07-10"], url
    # The automatic navigation lists the newest round first, and next/previous follow it.
    home = site.html("")
    nav = [m for m in re.findall(r'href="(have-your-say/[^"]+/)"', home) if "ysd" in m]
    assert nav[:2] == ["have-your-say/ysd-2026/", "have-your-say/ysd-2025/"]
    feedback = site.html("have-your-say/feedback/")
    assert '<link rel="next" href="../ysd-2026/">' in feedback


def test_old_round_fails_strict(build_site: Build) -> None:
    files = site_files()
    del files["have-your-say/ysd-2026.md"]
    site = build_site(files, strict=True, plugins=PLUGINS)
    assert site.aborted is not None
    assert site.sendqa() == [
        "content/have-your-say/ysd-2025.md:7: the newest 'You said, we did' round was published "
        "on 10 July 2025, more than 12 months ago (today is 1 December 2026); publish a new round "
        "of comments and what the council did about them (reg 56(3): at least once a year)"
    ]


def test_missing_we_did_warns_and_says_so_on_the_page(build_site: Build) -> None:
    responses = GOOD + "  - you_said: Letters use jargon.\n    status: planned\n"
    site = build_site(
        site_files(**{"have-your-say/ysd-2026.md": ysd_page("2026-07-15", responses)}),
        plugins=PLUGINS,
    )
    assert site.sendqa() == [
        "content/have-your-say/ysd-2026.md:15: 'responses' item 3 has no 'we_did' answer; write "
        "what the council did or will do about this comment (reg 56(2) asks for the response and "
        "the action)"
    ]
    assert "<td>We have not answered this yet.</td>" in site.html("have-your-say/ysd-2026/")


def test_personal_data_is_reported_but_never_logged(build_site: Build) -> None:
    responses = (
        "  - you_said: 'My daughter Amy (amy.b@example.org, 07700 900123, WV1 2AB) waited.'\n"
        "    we_did: We cut waiting times.\n"
    )
    site = build_site(
        site_files(**{"have-your-say/ysd-2026.md": ysd_page("2026-07-15", responses)}),
        strict=True,
        plugins=PLUGINS,
    )
    assert site.aborted is not None
    assert site.sendqa() == [
        "content/have-your-say/ysd-2026.md:9: 'responses' item 1 'you_said' may identify someone "
        "(it has an email address, a phone number, a postcode and a name); remove it or say it in "
        "general words before publishing (reg 56(3): published comments must identify nobody)"
    ]
    everything = "\n".join(r.getMessage() for r in site.records)
    for secret in ("Amy", "amy.b@example.org", "07700", "WV1 2AB"):
        assert secret not in everything


def test_comment_markup_is_shown_as_text(build_site: Build) -> None:
    responses = (
        "  - you_said: '<script>alert(\"said\")</script> & <b>bold</b>'\n"
        "    we_did: '<img src=x onerror=alert(1)>'\n"
        "    status: done\n"
    )
    files = site_files(**{"have-your-say/ysd-2026.md": ysd_page("2026-07-15", responses)})
    files["have-your-say/ysd-2026.md"] = files["have-your-say/ysd-2026.md"].replace(
        "title: You said, we did 2026", "title: '<script>alert(\"title\")</script>'"
    )
    site = build_site(files, plugins=PLUGINS)
    html = site.html("have-your-say/ysd-2026/")
    assert (
        "&lt;script&gt;alert(&#34;said&#34;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    )
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert '<script>alert("said")' not in html
    assert "<img src=x" not in html
    assert "<b>bold</b>" not in html
    listed = site.html("have-your-say/ysd-2025/")
    rounds = listed[listed.index('<nav class="sendqa-ysd-rounds"') :]
    rounds = rounds[: rounds.index("</nav>")]
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in rounds
    assert "<script>" not in rounds


def report_href(html: str) -> str:
    match = re.search(
        r'<p class="sendqa-report-problem">\s*<a href="([^"]+)">Report a problem', html
    )
    assert match, "no report-a-problem link"
    return match.group(1).replace("&amp;", "&")


def test_every_page_offers_report_a_problem_to_the_owner(build_site: Build) -> None:
    files = site_files(**{"services/portage.md": service_page("Portage")})
    site = build_site(
        files,
        plugins=[
            "search",
            "sendqa/frontmatter",
            {"sendqa/feedback": {"owner_emails": {"Test Team": "testteam@example.org"}}},
        ],
        config={
            "extra": {
                "council": {
                    "name": "Wyvernshire Council",
                    "area": "Wyvernshire",
                    "feedback_email": "localoffer@example.org",
                }
            }
        },
    )
    for url in ("", "have-your-say/feedback/", "have-your-say/ysd-2025/", "services/portage/"):
        href = report_href(site.html(url))
        parts = urlsplit(href)
        query = parse_qs(parts.query)
        owner = (
            "testteam@example.org"
            if url in ("", "have-your-say/feedback/", "services/portage/")
            else "localoffer@example.org"
        )
        assert (parts.scheme, parts.path) == ("mailto", owner), url
        assert f"Address: https://localoffer.wyvernshire.example.org/{url}\n" in query["body"][0]
    portage = parse_qs(urlsplit(report_href(site.html("services/portage/"))).query)
    assert portage["subject"] == ["Problem with the page 'Portage'"]
    assert "Page owner: Test Team\n" in portage["body"][0]


def test_report_a_problem_through_a_form(build_site: Build) -> None:
    council = {"name": "W", "feedback_url": "https://forms.example.org/report?page={url}"}
    site = build_site(site_files(), plugins=PLUGINS, config={"extra": {"council": council}})
    assert report_href(site.html("have-your-say/ysd-2025/")) == (
        "https://forms.example.org/report?page="
        "https%3A%2F%2Flocaloffer.wyvernshire.example.org%2Fhave-your-say%2Fysd-2025%2F"
    )


def test_without_an_address_the_link_goes_to_the_feedback_page(build_site: Build) -> None:
    site = build_site(
        site_files(), strict=True, plugins=PLUGINS, config={"extra": {"council": {"name": "W"}}}
    )
    assert site.aborted is None  # only an info message
    assert (
        "readers cannot report a problem straight to a page's owner; set 'feedback_email' or "
        "'feedback_url' under 'extra: council:' in mkdocs.yml"
    ) in site.sendqa(20)
    assert report_href(site.html("have-your-say/ysd-2025/")) == "../feedback/"
    assert "sendqa-report-problem" not in site.html("have-your-say/feedback/")
