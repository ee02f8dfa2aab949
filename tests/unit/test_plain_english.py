"""One page through every plain-English rule, and the QA report's per-page results and totals
(ARCHITECTURE.md, summary of ``plain-english``)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendqa_build.core import plain_english
from sendqa_build.core.acronyms import check_acronyms
from sendqa_build.core.plain_english import (
    Levels,
    PageCheck,
    PlainEnglishRules,
    cache_fingerprint,
    check_page,
    check_pages,
    page_summary,
    release_word_data,
    site_summary,
)
from sendqa_build.core.pronunciations import pronunciations
from sendqa_build.core.prose import prose_lines
from sendqa_build.core.readability import check_readability, word_syllables
from sendqa_build.models import Severity
from sendqa_build.pagecache import PageCache
from sendqa_build.summaries import to_json
from tests.conftest import ROOT
from tests.unit import plain_reference as reference

RULES = PlainEnglishRules.load(ROOT / "checks")
SENTENCE = "Your child can get help from the school, and we will tell you what to do next. "
GOOD = "An Education, Health and Care plan (EHCP) helps. " + SENTENCE * 8
BAD = (
    "## The EHCP\n\nAsk about the EHCP. We utilise it. The XQZ team helps.\n\n"
    "When your child starts at a new school or college the staff there will meet with you and "
    "with your child to agree all of the support they need.\n\n" + SENTENCE * 8
)


def test_check_page_tags_each_finding() -> None:
    check = check_page("bad.md", BAD, 7, RULES)
    found = [(kind, f.check, f.line, f.severity) for kind, f in check.tagged]
    assert found == [
        ("heading", "acronyms", 7, Severity.WARNING),
        ("unexplained", "acronyms", 9, Severity.WARNING),
        ("unknown-unexplained", "acronyms", 9, Severity.WARNING),
        ("word", "words-to-avoid", 9, Severity.WARNING),
        ("long-sentence", "readability", 11, Severity.INFO),
    ]
    levels = Levels(acronyms=Severity.INFO, words=Severity.INFO, readability=Severity.WARNING)
    assert {f.severity for f in check_page("bad.md", BAD, 7, RULES, levels).findings[:4]} == {
        Severity.INFO
    }


def test_page_and_site_summaries() -> None:
    good = check_page("good.md", GOOD, 6, RULES)
    bad = check_page("bad.md", BAD, 7, RULES)
    good_row = page_summary(good, good.findings, RULES.readability)
    bad_row = page_summary(bad, bad.findings, RULES.readability)
    assert to_json(good_row) == {
        "page": "good.md",
        "reading_age": good.readability.reading_age,
        "flesch_reading_ease": good.readability.flesch_reading_ease,
        "flesch_kincaid_grade": good.readability.flesch_kincaid_grade,
        "long_sentences": 0,
        "unexplained_acronyms": 0,
        "unknown_acronyms": 0,
        "words_to_avoid": 0,
        "passes": True,
        "measured": True,
    }
    assert good.readability.reading_age is not None and good.readability.reading_age < 12
    assert (bad_row.unexplained_acronyms, bad_row.unknown_acronyms) == (3, 1)
    assert (bad_row.words_to_avoid, bad_row.long_sentences, bad_row.passes) == (1, 1, False)
    summary = site_summary([bad_row, good_row])
    assert [row.page for row in summary.pages] == ["bad.md", "good.md"]
    assert to_json(summary.totals) == {
        "pages": 2,
        "pages_passing": 1,
        "unexplained_acronyms": 3,
        "unknown_acronyms": 1,
        "words_to_avoid": 1,
        "long_sentences": 1,
        "median_reading_age": round(
            (good.readability.reading_age + bad.readability.reading_age) / 2,
            1,  # type: ignore[operator]
        ),
    }


def test_silenced_findings_do_not_count() -> None:
    bad = check_page("bad.md", BAD, 7, RULES)
    silenced = [dataclasses.replace(f, silenced=True) for f in bad.findings]
    row = page_summary(bad, silenced, RULES.readability)
    assert (row.unexplained_acronyms, row.words_to_avoid, row.passes) == (0, 0, True)


def test_word_data_released_and_read_again() -> None:
    """A build lets the dictionary go after checking its pages; a later check reads it again
    and finds the same (FREE is a word, ADHD is not; syllables count the same)."""
    before = check_page("bad.md", BAD, 7, RULES)
    assert pronunciations.cache_info().currsize == 1
    release_word_data()
    assert pronunciations.cache_info().currsize == 0
    assert word_syllables.cache_info().currsize == 0
    after = check_page("bad.md", BAD, 7, RULES)
    assert after.findings == before.findings
    assert after.readability == before.readability


def test_no_pages() -> None:
    assert site_summary([]).totals.median_reading_age is None


MARKDOWN_BITS = st.sampled_from(
    [
        "EHCP",
        "SEND",
        " (",
        ")",
        "Education, Health and Care plan",
        "\n",
        "\n\n",
        "# ",
        "- ",
        "    ",
        "```",
        "`",
        "<!--",
        "-->",
        "<!-- sendqa-ignore acronyms -->",
        "| a | b |\n|---|---|\n",
        "[link](https://example.org/EHCP)",
        "**",
        "utilise",
        "FREE",
        "B12",
        ". ",
        "\u00a0",
        "\u2019s",
        '!!! note "N"\n',
        "---\n",
        "*[X]: y\n",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(MARKDOWN_BITS, st.text(max_size=12)), max_size=40))
def test_any_text_gives_findings_not_tracebacks(parts: list[str]) -> None:
    body = "".join(parts)
    check = check_page("p.md", body, 5, RULES)
    last = 5 + body.count("\n")
    assert all(f.line is None or 5 <= f.line <= last for f in check.findings)
    row = page_summary(check, check.findings, RULES.readability)
    assert row.unexplained_acronyms >= 0


@pytest.mark.parametrize("path", reference.SAMPLE_PAGES, ids=reference.page_id)
def test_one_pass_gives_what_each_rule_gives_on_its_own(path: Path) -> None:
    """check_page splits the page once and shares it; each rule run on its own (and the old,
    slow ways of acronyms and words to avoid) must give the same findings and figures."""
    body, line = reference.sample_body(path)
    check = check_page(path.name, body, line, RULES)
    lines = prose_lines(body, line, front_matter=False)
    measured = reference.measure(lines, RULES.readability)
    # The page keeps its figures; its long sentences are findings.
    assert check.readability == dataclasses.replace(measured, long_sentences=())
    acronym_issues = check_acronyms(path.name, lines, RULES.glossary)
    words = reference.check_words(path.name, lines, RULES.words)
    expected = [(issue.kind, issue.finding) for issue in acronym_issues]
    expected += [("word", finding) for finding in words]
    expected += check_readability(path.name, measured, RULES.readability)
    assert check.tagged == expected


def test_reading_the_rules_compiles_no_phrase_pattern() -> None:
    """A phrase's pattern is compiled when a page first needs it, not for every entry."""
    fresh = PlainEnglishRules.load(ROOT / "checks")
    assert not any("pattern" in word.__dict__ for word in fresh.words.words)
    pages = [("good.md", GOOD, 1), ("bad.md", BAD, 3), ("utilise.md", "We utilise it.\n", 1)]
    assert check_pages(pages, fresh) == check_pages(pages, RULES)


# ---------------------------------------------------------------------------------------------
# Titles, and notes about acronyms used on one page only


def _messages(check: object) -> list[str]:
    return [f.format("content") for f in check.findings]  # type: ignore[attr-defined]


def test_the_title_is_checked_like_a_heading() -> None:
    check = check_page("p.md", "Some text.\n", 7, RULES, title=("SEND Strategy", 2))
    assert _messages(check) == [
        "content/p.md:2: 'SEND' is used in a heading; write 'Special educational needs and "
        "disabilities' in the heading instead"
    ]
    spelled = ("Special educational needs and disabilities (SEND) strategy", 2)
    assert check_page("p.md", "The SEND team.\n", 7, RULES, title=spelled).findings == []
    plain = check_page("p.md", "Text.\n", 7, RULES, title=("Short breaks", 2))
    assert plain.findings == []


def test_a_title_repeated_as_the_first_heading_is_reported_once() -> None:
    check = check_page("p.md", "# SEND Strategy\n\nText.\n", 7, RULES, title=("SEND Strategy", 2))
    assert [f.line for f in check.findings] == [7]


def test_check_pages_gives_titles_to_their_pages() -> None:
    pages = [("a.md", "Text.\n", 7), ("b.md", "Text.\n", 7)]
    checks = check_pages(pages, RULES, titles={"b.md": ("EHCP reviews", 2)})
    assert [len(c.findings) for c in checks] == [0, 1]


ONE_OFF = "The Wyvern Youth Travel Scheme (WYTS) helps young people. " + SENTENCE


def test_no_glossary_note_for_an_acronym_spelled_out_on_one_page_only() -> None:
    checks = check_pages([("a.md", ONE_OFF, 7), ("b.md", SENTENCE, 7)], RULES)
    assert [c.findings for c in checks] == [[], []]


def test_the_glossary_note_stays_when_several_pages_use_the_acronym() -> None:
    pages = [("a.md", ONE_OFF, 7), ("b.md", ONE_OFF, 7), ("c.md", "Ask WYTS.\n", 7)]
    checks = check_pages(pages, RULES)
    assert [[f.severity for f in c.findings] for c in checks] == [
        [Severity.INFO],
        [Severity.INFO],
        [Severity.WARNING],  # used without being spelled out: always reported
    ]
    assert "'WYTS' is not in the glossary" in checks[0].findings[0].message


# ---------------------------------------------------------------------------------------------
# Results kept between builds


@pytest.mark.parametrize("path", reference.SAMPLE_PAGES, ids=reference.page_id)
def test_a_kept_result_reads_back_as_the_same_check(path: Path) -> None:
    body, line = reference.sample_body(path)
    check = check_page(path.name, body, line, RULES, title=("SEND and EHCP", 2))
    data = json.loads(json.dumps(check.to_data()))  # as written to and read from the file
    again = PageCheck.from_data(path.name, data)
    assert again == check
    # The notes about unknown acronyms are the page's own findings, as check_pages needs.
    tagged = {id(f) for _, f in again.tagged}
    assert all(note is None or id(note) in tagged for note in again.unknown_acronyms.values())


def test_check_pages_reuses_kept_results_and_checks_changed_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second build checks only the page that changed and finds exactly what a build
    without the cache finds, the weighing of acronyms across pages included."""
    path = tmp_path / "plain-english.json"
    stamp = cache_fingerprint(PlainEnglishRules.load(ROOT / "checks"), Levels())
    # XQZ is unknown: spelled out on one page only, its note goes; used on two, it stays.
    pages = [
        ("a.md", "The Xtra Quiet Zone (XQZ) helps. Ask the XQZ.\n" + BAD, 3),
        ("b.md", GOOD, 3),
        ("c.md", "We utilise the Xtra Quiet Zone (XQZ).\n", 3),
    ]
    first = check_pages(pages, RULES, cache=(cache := PageCache.load(path, stamp)))
    cache.save()
    assert first == check_pages(pages, RULES)

    checked: list[str] = []
    real = plain_english.check_page

    def counting(page: str, *args: object, **kwargs: object) -> PageCheck:
        checked.append(page)
        return real(page, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(plain_english, "check_page", counting)
    changed = [pages[0], pages[1], ("c.md", "We use the library.\n", 3)]
    second = check_pages(changed, RULES, cache=(cache := PageCache.load(path, stamp)))
    assert checked == ["c.md"]
    assert cache.reused == 2
    assert second == check_pages(changed, RULES)
    # With c.md no longer using it, XQZ is spelled out and used on a.md alone: no note.
    assert _xqz_notes(first[0]) == 1
    assert _xqz_notes(second[0]) == 0


def _xqz_notes(check: PageCheck) -> int:
    return sum("'XQZ'" in f.message and "glossary" in f.text for f in check.findings)


def test_the_fingerprint_follows_the_rules_and_the_levels(tmp_path: Path) -> None:
    rules = tmp_path / "checks"
    rules.mkdir()
    for name in plain_english.RULE_FILES:
        (rules / name).write_bytes((ROOT / "checks" / name).read_bytes())
    stamp = cache_fingerprint(PlainEnglishRules.load(rules), Levels())
    assert cache_fingerprint(PlainEnglishRules.load(rules), Levels()) == stamp
    assert cache_fingerprint(PlainEnglishRules.load(rules), Levels(Severity.INFO)) != stamp
    assert (
        cache_fingerprint(PlainEnglishRules.load(rules), Levels(readability=Severity.WARNING))
        != stamp
    )
    glossary = rules / "glossary.yml"
    glossary.write_bytes(glossary.read_bytes() + b"\n# a comment\n")
    assert cache_fingerprint(PlainEnglishRules.load(rules), Levels()) != stamp
