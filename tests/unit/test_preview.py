"""The preview panel's view of a page's findings, and swapping a drawn panel for a new one."""

from __future__ import annotations

from sendqa_build.core.preview import END, START, panel_view, replace_panel
from sendqa_build.models import Finding, Severity

W, INFO = Severity.WARNING, Severity.INFO


def finding(
    page: str | None,
    line: int | None,
    message: str,
    fix: str = "",
    severity: Severity = W,
    check: str = "acronyms",
    silenced: bool = False,
) -> Finding:
    return Finding(check, page, line, severity, message, fix, silenced)


FINDINGS = [
    finding("a.md", 12, "'EHCP' is not spelled out", "write it in full the first time"),
    finding("a.md", 3, "unknown field 'ownr'", "correct it", check="front-matter"),
    finding("a.md", None, "review due in 12 days", "plan the review", INFO, "freshness"),
    finding("b.md", 4, "another page's problem"),
    finding(None, None, "no page covers 'travel'", "write a page", check="coverage"),
    finding("a.md", 20, "avoid 'utilise'", "write 'use'", check="words-to-avoid", silenced=True),
]


def test_only_the_pages_own_findings_by_line() -> None:
    view = panel_view(FINDINGS, "a.md")
    assert [(i.where, i.check, i.message) for i in view.items] == [
        ("Whole page", "Review date", "Review due in 12 days."),
        ("Line 3", "Front matter", "Unknown field 'ownr'."),
        ("Line 12", "Acronyms", "'EHCP' is not spelled out."),
    ]
    assert [i.fix for i in view.items] == [
        "Plan the review.",
        "Correct it.",
        "Write it in full the first time.",
    ]
    assert (view.problems, view.notes) == (2, 1)
    assert view.summary == "2 problems and 1 note on this page."
    assert "mkdocs build --strict" in view.strict_hint
    assert view.source == "content/a.md"
    assert view.site == ()


def test_severity_is_in_words() -> None:
    view = panel_view(FINDINGS, "a.md")
    assert [(i.label, i.severity) for i in view.items] == [
        ("Note", "info"),
        ("Problem", "warning"),
        ("Problem", "warning"),
    ]


def test_silenced_findings_are_listed_apart() -> None:
    view = panel_view(FINDINGS, "a.md")
    assert [(i.where, i.message) for i in view.silenced] == [("Line 20", "Avoid 'utilise'.")]
    assert all("utilise" not in i.message for i in view.items)


def test_clean_page() -> None:
    view = panel_view(FINDINGS, "c.md")
    assert view.items == () and view.clean
    assert view.summary == "No problems found on this page."
    assert view.strict_hint == ""


def test_notes_only() -> None:
    view = panel_view([finding("a.md", 2, "long sentence", "", INFO, "readability")], "a.md")
    assert view.summary == "1 note on this page."
    assert view.strict_hint == ""
    assert view.items[0].fix == ""


def test_site_wide_findings_on_request() -> None:
    view = panel_view(FINDINGS, "index.md", site_wide=True)
    assert [i.message for i in view.site] == ["No page covers 'travel'."]
    assert view.items == ()
    assert view.summary == "No problems found on this page."
    assert view.site_problems == 1 and not view.clean


def test_notes_can_be_left_out() -> None:
    view = panel_view(FINDINGS, "a.md", show_info=False)
    assert [i.label for i in view.items] == ["Problem", "Problem"]


def test_duplicates_once_and_key_changes_with_findings() -> None:
    first = panel_view([*FINDINGS, FINDINGS[0]], "a.md")
    assert len(first.items) == 3
    later = panel_view([*FINDINGS, finding("a.md", 30, "broken link", check="links")], "a.md")
    assert later.key != first.key
    assert panel_view(list(reversed(FINDINGS)), "a.md").key == first.key


def test_unknown_check_keeps_its_name_and_text_is_tidied() -> None:
    item = panel_view([finding("a.md", 1, "odd  spacing\u00a0here", check="custom")], "a.md").items[
        0
    ]
    assert (item.check, item.message) == ("custom", "Odd spacing here.")


def test_text_is_kept_as_written_for_the_template_to_escape() -> None:
    raw = "unknown field '<img src=x onerror=alert(1)>'"
    item = panel_view([finding("a.md", 1, raw)], "a.md").items[0]
    assert item.message == "Unknown field '<img src=x onerror=alert(1)>'."


def test_replace_panel() -> None:
    html = f"<article><h1>T</h1>{START}<section>old</section>{END}<p>body</p></article>"
    new = f"\n{START}<section>new</section>{END}\n"
    assert replace_panel(html, new) == (
        f"<article><h1>T</h1>{START}<section>new</section>{END}<p>body</p></article>"
    )
    assert replace_panel("<article>no panel</article>", new) is None
    assert replace_panel(f"<p>{START} but no end</p>", new) is None
