"""Where and when: opening times in plain words, places in the front matter, and how the
"At a glance" box and the open data feed show them (literal inputs, no MkDocs)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendqa_build.core.frontmatter import PageTypes, check_front_matter
from sendqa_build.core.frontmatter.places import TimesError, parse_times, postcode
from sendqa_build.core.view import add_glance_tooltips, place_view, tooltip_html
from sendqa_build.rules import load_rules_file
from tests.conftest import ROOT, service_page

TODAY = dt.date(2026, 12, 1)
RULES = PageTypes.from_data(
    load_rules_file(ROOT / "checks" / "page-types.yml"), ROOT / "checks" / "page-types.yml"
)
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]


@pytest.mark.parametrize(
    ("text", "days", "opens", "closes", "note"),
    [
        ("Monday to Friday, 9am to 5pm", WEEKDAYS, "09:00", "17:00", ""),
        ("Mon-Fri 9:30am-4.30pm", WEEKDAYS, "09:30", "16:30", ""),
        ("Weekdays, 09:00 to 17:00", WEEKDAYS, "09:00", "17:00", ""),
        ("Saturdays, 10am to 1pm (term time only)", ["SA"], "10:00", "13:00", "term time only"),
        ("Tuesdays and Thursdays, 9 to 11am", ["TU", "TH"], "09:00", "11:00", ""),
        (
            "Monday, Wednesday & Friday from 1pm to 3pm; drop-in",
            ["MO", "WE", "FR"],
            "13:00",
            "15:00",
            "drop-in",
        ),
        ("Friday to Monday, 10am until noon", ["MO", "FR", "SA", "SU"], "10:00", "12:00", ""),
        ("Every day, 8am to 8pm", [*WEEKDAYS, "SA", "SU"], "08:00", "20:00", ""),
        ("weekends 10am \u2013 4pm", ["SA", "SU"], "10:00", "16:00", ""),
        ("Thurs, 6pm to midnight", ["TH"], "18:00", "00:00", ""),
    ],
)
def test_times_in_plain_words_are_read(
    text: str, days: list[str], opens: str, closes: str, note: str
) -> None:
    assert parse_times(text) == {
        "text": " ".join(text.split()),
        "days": days,
        "opens": opens,
        "closes": closes,
        "note": note,
    }


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Monday to Friday 9 to 5", "does not say am or pm"),
        ("Funday, 9am to 5pm", "'funday' is not a day of the week"),
        ("Monday to Friday, 5pm to 9am", "closes before it opens"),
        ("By appointment", "no opening and closing time"),
        ("9am to 5pm", "no days are given"),
        ("Monday, 25:00 to 26:00", "is not a time"),
    ],
)
def test_times_that_cannot_be_read_say_why(text: str, says: str) -> None:
    with pytest.raises(TimesError, match=says):
        parse_times(text)


def test_postcodes_are_tidied_or_refused() -> None:
    assert postcode("wy24ab") == "WY2 4AB"
    assert postcode(" WY1  3HD ") == "WY1 3HD"
    assert postcode("SW1A 1AA") == "SW1A 1AA"
    assert postcode("12345") is None


PLACES = """times:
  - Monday to Friday, 9am to 5pm
  - Saturdays, 10am to 1pm
locations:
  - name: Riverside Family Hub
    address: 12 Mill Lane
    town: Ashcombe
    postcode: wy2 4ab
    latitude: 52.1936
    longitude: -2.2216
    accessibility: [Step-free access, Changing Places toilet]
    times: Tuesdays, 9.30am to 11.30am (drop-in)
  - name: Millbeck Library
"""


def check(extra: str) -> tuple[dict[str, object], list[str]]:
    result = check_front_matter(service_page(extra=extra), "services/hub.md", RULES, today=TODAY)
    return result.meta, [f.format("content") for f in result.findings]


def test_places_and_times_are_checked_and_converted() -> None:
    meta, findings = check(PLACES)
    assert findings == []
    assert [t["opens"] for t in meta["times"]] == ["09:00", "10:00"]  # type: ignore[index]
    hub, library = meta["locations"]  # type: ignore[misc]
    assert hub["postcode"] == "WY2 4AB"
    assert (hub["latitude"], hub["longitude"]) == (52.1936, -2.2216)
    assert hub["accessibility"] == ["Step-free access", "Changing Places toilet"]
    assert hub["times"][0]["days"] == ["TU"] and hub["times"][0]["note"] == "drop-in"
    assert library == {
        "line": library["line"],
        "name": "Millbeck Library",
        "latitude": None,
        "longitude": None,
        "accessibility": [],
        "times": [],
    }
    assert place_view(hub) == {
        "name": "Riverside Family Hub",
        "address": "12 Mill Lane, Ashcombe, WY2 4AB",
        "accessibility": ["Step-free access", "Changing Places toilet"],
        "times": ["Tuesdays, 9.30am to 11.30am (drop-in)"],
    }


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "times: Monday to Friday 9 to 5\n",
            "content/services/hub.md:19: 'times' could not be read: 'Monday to Friday 9 to 5' "
            "('9 to 5' does not say am or pm; write for example '9am to 5pm' or '09:00 to "
            "17:00'); write the days, then the hours, such as 'Monday to Friday, 9am to 5pm' or "
            "'Saturdays, 10am to 1pm (term time only)'",
        ),
        (
            "times:\n  - Monday to Friday, 9am to 5pm\n  - Sundae, 1pm to 2pm\n",
            "content/services/hub.md:21: 'times' could not be read: 'Sundae, 1pm to 2pm' "
            "('sundae' is not a day of the week)",
        ),
        (
            "locations:\n  - address: 1 High Street\n",
            "content/services/hub.md:20: 'locations' item 1 has no 'name'; add the place's "
            "name, such as 'name: Riverside Family Hub'",
        ),
        (
            "locations:\n  - name: Hub\n    postcode: 12345\n",
            "content/services/hub.md:21: 'locations' item 1 has a postcode that is not a UK "
            "postcode, found '12345'; write it like 'WY1 4AB'",
        ),
        (
            "locations:\n  - name: Hub\n    latitude: 52.1\n",
            "content/services/hub.md:21: 'locations' item 1 has a latitude but no longitude; "
            "add 'longitude' too",
        ),
        (
            "locations:\n  - name: Hub\n    latitude: 152.1\n    longitude: -2\n",
            "content/services/hub.md:21: 'locations' item 1: 'latitude' must be a number from "
            "-90 to 90, found '152.1'",
        ),
        (
            "locations:\n  - name: Hub\n    lat: 52.1\n",
            "content/services/hub.md:21: 'locations' item 1 has an unknown detail 'lat'; did "
            "you mean 'latitude'?",
        ),
        (
            "locations:\n  - name: Hub\n    times: Mondays at 9\n",
            "content/services/hub.md:21: 'locations' item 1: 'times' could not be read: 'Mondays "
            "at 9' (no opening and closing time such as '9am to 5pm')",
        ),
        (
            "locations:\n  - Riverside\n",
            "content/services/hub.md:20: 'locations' item 1 must be a place with a name (and "
            "address, town, postcode...), found 'Riverside'",
        ),
        (
            "locations:\n  - name: <b>Hub</b>\n",
            "content/services/hub.md:20: 'locations' item 1: 'name' contains HTML or a script "
            "address ('<b>'), which is shown as plain text",
        ),
        (
            "times: [3]\n",
            "content/services/hub.md:19: 'times' must be days and hours such as 'Monday to "
            "Friday, 9am to 5pm', found '3'",
        ),
        (
            "locations: Riverside Family Hub\n",
            "content/services/hub.md:19: 'locations' must be a list of places, each with at "
            "least a name, found 'Riverside Family Hub'",
        ),
    ],
)
def test_bad_places_and_times_name_the_line_and_field(extra: str, message: str) -> None:
    _, findings = check(extra)
    assert len(findings) == 1, findings
    assert findings[0].startswith(message), findings[0]


def test_glance_words_get_glossary_tooltips_and_stay_escaped() -> None:
    tips = {"EHC plan": 'An "Education, Health and Care" plan.', "SENCO": "The teacher <lead>."}
    assert tooltip_html("Ask the SENCO & <b>school</b> (EHC plan)", tips) == (
        'Ask the <abbr title="The teacher &lt;lead&gt;." tabindex="0">SENCO</abbr> &amp; '
        '&lt;b&gt;school&lt;/b&gt; (<abbr title="An &quot;Education, Health and Care&quot; '
        'plan." tabindex="0">EHC plan</abbr>)'
    )
    assert tooltip_html("SENCOs", tips) == "SENCOs"  # only whole words
    service = {
        "eligibility": "Children with an EHC plan",
        "cost": "",
        "helps_with": [{"plain": "learning", "term": "cognition and learning"}],
    }
    add_glance_tooltips(
        service,
        lambda text: {
            k: v for k, v in {**tips, "cognition and learning": "C&L"}.items() if k in text
        },
    )
    assert service["html"] == {
        "eligibility": 'Children with an <abbr title="An &quot;Education, Health and Care&quot; '
        'plan." tabindex="0">EHC plan</abbr>'
    }
    assert service["helps_with"][0]["term_html"] == (  # type: ignore[index]
        '<abbr title="C&amp;L" tabindex="0">cognition and learning</abbr>'
    )


@pytest.mark.parametrize(
    ("text", "opens", "closes"),
    [
        ("Monday to Friday, 9am to 12 noon", "09:00", "12:00"),
        ("Saturdays, 12 noon to 2pm", "12:00", "14:00"),
        ("Sunday, 6pm to 12 midnight", "18:00", "00:00"),
        ("Monday \u2013 Friday, 9.00am \u2013 5.00pm", "09:00", "17:00"),
    ],
)
def test_times_as_leaflets_write_them(text: str, opens: str, closes: str) -> None:
    read = parse_times(text)
    assert (read["opens"], read["closes"]) == (opens, closes)


TOKENS = [
    "Monday",
    "Fridays",
    "to",
    "-",
    ",",
    "and",
    "9",
    "9am",
    "12",
    "5.30pm",
    "13:00",
    "noon",
    "midnight",
    "(term time only)",
    "every day",
    "0",
    "24:00",
    "12pm",
    ";",
]


@given(st.text(max_size=60) | st.lists(st.sampled_from(TOKENS), max_size=8).map(" ".join))
def test_any_text_is_read_or_refused_with_a_reason(text: str) -> None:
    """Whatever an editor pastes, the check gives times or a plain reason, never a crash."""
    try:
        read = parse_times(text)
    except TimesError as exc:
        assert str(exc)
    else:
        assert read["days"]
        assert read["opens"] < read["closes"] or read["closes"] == "00:00"
